/* workshops: workshop, workshop_close, attendance and ppe_delivery records. */
#include "workshops.h"
#include "../base/text.h"
#include "../config.h"
#include "store_db.h"

#include <string.h>

/* A workshop (alias w) that is not voided and has no close record that is not voided. */
#define STILL_OPEN                                                                                 \
    " w.id NOT IN (SELECT target_id FROM void)"                                                    \
    " AND NOT EXISTS (SELECT 1 FROM workshop_close c WHERE c.workshop_id = w.id"                   \
    "                 AND c.id NOT IN (SELECT target_id FROM void))"

int workshop_open(Store *s, const char *community, const char *facilitator, long long held_at, const char *modules,
                  char id[37], Err *e)
{
    static const char *const SQL =
        "INSERT INTO workshop (id, community_id, facilitator_id, held_at, modules) VALUES (?, ?, ?, ?, ?)";
    if (store_record_begin(s, "workshop", id, e) < 0) return -1;
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (st) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, community, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, facilitator, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, held_at);
        sqlite3_bind_text(st, 5, modules ? modules : "", -1, SQLITE_STATIC);
    }
    return store_record_finish(s, st, e);
}

/* 1 if the workshop exists, is not voided and has not been closed. */
static int is_open(Store *s, const char *workshop, Err *e)
{
    static const char *const SQL =
        "SELECT count(*) FROM workshop w WHERE w.id = ? AND" STILL_OPEN;
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, workshop, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW) return store_fail_stmt(s, st, e);
    int open = sqlite3_column_int(st, 0) > 0;
    store_done(st);
    return open;
}

int workshop_close(Store *s, const char *workshop, char id[37], Err *e)
{
    static const char *const SQL = "INSERT INTO workshop_close (id, workshop_id) VALUES (?, ?)";
    int open = is_open(s, workshop, e);
    if (open <= 0) return open < 0 ? -1 : err_set(e, "workshop %s is not open", workshop);
    if (store_record_begin(s, "workshop_close", id, e) < 0) return -1;
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (st) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, workshop, -1, SQLITE_STATIC);
    }
    return store_record_finish(s, st, e);
}

int workshop_current(Store *s, char workshop[37], Err *e)
{
    static const char *const SQL =
        "SELECT w.id FROM workshop w JOIN record r ON r.id = w.id"
        " WHERE" STILL_OPEN
        " ORDER BY r.kiosk_id, r.seq DESC LIMIT 1";
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (!st) return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) return store_end(s, st, rc, e);
    if (rc != SQLITE_ROW) return store_fail_stmt(s, st, e);
    text_copy(workshop, 37, (const char *)sqlite3_column_text(st, 0));
    store_done(st);
    return 1;
}

int workshop_community(Store *s, const char *workshop, char community[37], Err *e)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT community_id FROM workshop WHERE id = ?", e);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, workshop, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        store_done(st);
        return err_set(e, "no workshop %s", workshop);
    }
    if (rc != SQLITE_ROW) return store_fail_stmt(s, st, e);
    text_copy(community, 37, (const char *)sqlite3_column_text(st, 0));
    store_done(st);
    return 0;
}

int attendance_mark(Store *s, const char *workshop, const char *learner, char id[37], Err *e)
{
    static const char *const SAME =
        "SELECT count(*) FROM attendance WHERE workshop_id = ? AND learner_id = ?"
        " AND id NOT IN (SELECT target_id FROM void)";
    static const char *const SQL = "INSERT INTO attendance (id, workshop_id, learner_id) VALUES (?, ?, ?)";
    int open = is_open(s, workshop, e);
    if (open <= 0) return open < 0 ? -1 : err_set(e, "workshop %s is not open", workshop);
    sqlite3_stmt *st = store_stmt(s, SAME, e);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, workshop, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, learner, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW) return store_fail_stmt(s, st, e);
    int marked = sqlite3_column_int(st, 0);
    store_done(st);
    if (marked) return err_set(e, "she is already marked present");
    if (store_record_begin(s, "attendance", id, e) < 0) return -1;
    if ((st = store_stmt(s, SQL, e))) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, workshop, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, learner, -1, SQLITE_STATIC);
    }
    return store_record_finish(s, st, e);
}

int attendance_each(Store *s, const char *workshop, void (*fn)(const char *, const char *, void *), void *ud, Err *e)
{
    static const char *const SQL =
        "SELECT learner_id, id FROM attendance WHERE workshop_id = ? AND id NOT IN (SELECT target_id FROM void)";
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, workshop, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fn((const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1), ud);
    return store_end(s, st, rc, e);
}

int ppe_deliver(Store *s, const Delivery *d, char id[37], Err *e)
{
    static const char *const SQL =
        "INSERT INTO ppe_delivery (id, learner_id, item, quantity, size, facilitator_id, workshop_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)";
    if (d->quantity < 1 || d->quantity > PALLAY_PPE_MAX)
        return err_set(e, "a quantity is 1 to %d, not %d", PALLAY_PPE_MAX, d->quantity);
    if (!text_is_id(d->item)) return err_set(e, "\"%.40s\" is not an item", d->item);
    if (store_record_begin(s, "ppe_delivery", id, e) < 0) return -1;
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (st) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, d->learner, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, d->item, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 4, d->quantity);
        store_bind_opt(st, 5, d->size);
        sqlite3_bind_text(st, 6, d->facilitator, -1, SQLITE_STATIC);
        store_bind_opt(st, 7, d->workshop);
    }
    return store_record_finish(s, st, e);
}
