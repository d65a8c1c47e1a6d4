/* handover: pending is computed from the handovers, never stored, so a handover that was not
 * recorded (a stick pulled, the kiosk killed) simply leaves its records pending. */
#include "handover.h"
#include "../base/text.h"
#include "store_db.h"

#include <string.h>

int handover_pending(Store *s, int all, Pending *out, int max, Err *e)
{
    /* One row per kiosk id, from the (kiosk_id, seq) key: the present kiosk's first. */
    static const char *const SQL =
        "SELECT k.kiosk_id, coalesce(h.done, 0) + 1, k.last,"
        "  (SELECT count(*) FROM record r WHERE r.kiosk_id = k.kiosk_id AND r.seq > coalesce(h.done, 0))"
        " FROM (SELECT kiosk_id, max(seq) AS last FROM record GROUP BY kiosk_id) k"
        " LEFT JOIN (SELECT kiosk_id, max(last_seq) AS done FROM handover GROUP BY kiosk_id) h"
        "   ON h.kiosk_id = k.kiosk_id AND ?1 = 0"
        " WHERE k.last > coalesce(h.done, 0)"
        " ORDER BY k.kiosk_id <> ?2, k.kiosk_id";
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (!st) return -1;
    sqlite3_bind_int(st, 1, all);
    sqlite3_bind_text(st, 2, store_kiosk_id(s), -1, SQLITE_STATIC);
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == max) continue;
        Pending *p = &out[n++];
        text_copy(p->kiosk_id, sizeof p->kiosk_id, (const char *)sqlite3_column_text(st, 0));
        p->first = sqlite3_column_int64(st, 1);
        p->last = sqlite3_column_int64(st, 2);
        p->records = sqlite3_column_int64(st, 3);
    }
    return store_end(s, st, rc, e) < 0 ? -1 : n;
}

long long handover_pending_count(Store *s, Err *e)
{
    Pending p[HANDOVER_MAX_KIOSKS];
    int n = handover_pending(s, 0, p, HANDOVER_MAX_KIOSKS, e);
    if (n < 0) return -1;
    /* Her reports waiting in voice_outbox become a record each when the next bundle is made. */
    static const char *const WAITING = "SELECT count(*) FROM voice_outbox";
    sqlite3_stmt *st = store_stmt(s, WAITING, e);
    if (!st) return -1;
    if (sqlite3_step(st) != SQLITE_ROW) return store_fail_stmt(s, st, e);
    long long total = sqlite3_column_int64(st, 0);
    store_done(st);
    for (int i = 0; i < n; i++) total += p[i].records;
    return total;
}

int handover_last(Store *s, Handover *h, Err *e)
{
    static const char *const SQL = "SELECT kiosk_id, first_seq, last_seq, records, hash, receipt, destination, at, events_upto"
                                   " FROM handover ORDER BY id DESC LIMIT 1";
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (!st) return -1;
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) return store_end(s, st, rc, e);
    text_copy(h->kiosk_id, sizeof h->kiosk_id, (const char *)sqlite3_column_text(st, 0));
    h->first = sqlite3_column_int64(st, 1);
    h->last = sqlite3_column_int64(st, 2);
    h->records = sqlite3_column_int64(st, 3);
    text_copy(h->hash, sizeof h->hash, (const char *)sqlite3_column_text(st, 4));
    text_copy(h->receipt, sizeof h->receipt, (const char *)sqlite3_column_text(st, 5));
    text_copy(h->destination, sizeof h->destination, (const char *)sqlite3_column_text(st, 6));
    h->at = sqlite3_column_int64(st, 7);
    h->events_upto = sqlite3_column_int64(st, 8);
    store_done(st);
    return 1;
}

long long handover_events_upto(Store *s)
{
    Err e;
    Handover h;
    return handover_last(s, &h, &e) == 1 ? h.events_upto : 0;
}

/* The sealed audio of her reports that this handover carried: handed over, it leaves the kiosk
 * for good (schema.h, migration 8). 1 if some was deleted, 0 if none, -1 (with e). */
static int drop_audio(Store *s, const Handover *h, Err *e)
{
    static const char *const SQL = "DELETE FROM voice_audio WHERE id IN (SELECT id FROM record WHERE kiosk_id = ?1"
                                   " AND seq BETWEEN ?2 AND ?3 AND kind = 'voice_report')";
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, h->kiosk_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, h->first);
    sqlite3_bind_int64(st, 3, h->last);
    if (sqlite3_step(st) != SQLITE_DONE) return store_fail_stmt(s, st, e);
    store_done(st);
    return sqlite3_changes(store_db(s)) > 0;
}

int handover_add(Store *s, Handover *h, Err *e)
{
    static const char *const SQL = "INSERT INTO handover (kiosk_id, first_seq, last_seq, records, hash, receipt, destination, at, events_upto)"
                                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    if (store_write_begin(s, e) < 0) return -1;
    int dropped = drop_audio(s, h, e);
    if (dropped < 0) { store_record_abort(s); return -1; }
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    h->at = store_now(s);
    if (st) {
        sqlite3_bind_text(st, 1, h->kiosk_id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, h->first);
        sqlite3_bind_int64(st, 3, h->last);
        sqlite3_bind_int64(st, 4, h->records);
        sqlite3_bind_text(st, 5, h->hash, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, h->receipt, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 7, h->destination, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 8, h->at);
        sqlite3_bind_int64(st, 9, h->events_upto);
    }
    if (store_record_finish(s, st, e) < 0) return -1;
    /* The deleted audio's pages are zeroed (secure_delete); no copy may stay in the WAL either.
     * If the kiosk holds the database just now, its next checkpoint does it. */
    if (dropped) store_scrub(s);
    return 0;
}

int handover_event(Store *s, KioskEventKind kind, const char *detail, Err *e)
{
    static const char *const LAST = "SELECT kind FROM kiosk_event WHERE kind IN ('start', 'stop') ORDER BY id DESC LIMIT 1";
    static const char *const ADD = "INSERT INTO kiosk_event (kind, detail, at) VALUES (?, ?, ?)";
    static const char *const KINDS[] = { "start", "stop", "error" };
    if (store_write_begin(s, e) < 0) return -1;
    int unclean = 0;
    sqlite3_stmt *st = store_stmt(s, LAST, e);
    if (!st) { store_record_abort(s); return -1; }
    if (sqlite3_step(st) == SQLITE_ROW) unclean = kind == KIOSK_START && strcmp((const char *)sqlite3_column_text(st, 0), "start") == 0;
    store_done(st);
    if ((st = store_stmt(s, ADD, e))) {
        sqlite3_bind_text(st, 1, KINDS[kind], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, detail ? detail : "", -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, store_now(s));
    }
    return store_record_finish(s, st, e) < 0 ? -1 : unclean;
}
