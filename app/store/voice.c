/* voice: a waiting report becomes a record only when a bundle is about to be made (schema.h,
 * migration 8 says why), each in its own short transaction. The audio of records handed over
 * is deleted by handover_add, in the handover's transaction. */
#include "voice.h"
#include "../base/text.h"
#include "store_db.h"

#include <string.h>

int voice_category_known(const char *category)
{
    static const char *const ALL[] = VOICE_CATEGORIES;
    for (int i = 0; i < VOICE_NCATEGORIES; i++)
        if (strcmp(category, ALL[i]) == 0) return 1;
    return 0;
}

int voice_keep(Store *s, const char *category, const char *learner_id, int seconds, const unsigned char *sealed, size_t n,
               Err *e)
{
    /* Her community: her latest registration not voided; else where the kiosk's latest
     * workshop was held, which is also all an anonymous report says of its place. */
    static const char *const SQL =
        "INSERT INTO voice_outbox (category, learner_id, community_id, day, day_ok, seconds, sealed)"
        " VALUES (?1, ?2, coalesce("
        "   (SELECT p.community_id FROM participant p JOIN record r ON r.id = p.id WHERE ?2 IS NOT NULL AND p.learner_id = ?2"
        "     AND p.community_id IS NOT NULL AND p.id NOT IN (SELECT target_id FROM void) ORDER BY r.kiosk_id = ?6 DESC, r.seq DESC LIMIT 1),"
        "   (SELECT w.community_id FROM workshop w JOIN record r ON r.id = w.id WHERE w.id NOT IN (SELECT target_id FROM void)"
        "     ORDER BY r.kiosk_id = ?6 DESC, r.seq DESC LIMIT 1)),"
        "  ?3 - ?3 % 86400, ?4, ?5, ?7)";
    if (!voice_category_known(category)) return err_set(e, "voice: unknown category '%s'", category);
    if (store_write_begin(s, e) < 0) return -1;
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (st) {
        long long now = store_now(s);
        sqlite3_bind_text(st, 1, category, -1, SQLITE_STATIC);
        store_bind_opt(st, 2, learner_id);
        sqlite3_bind_int64(st, 3, now);
        sqlite3_bind_int(st, 4, store_clock_trusted(now, 0));
        sqlite3_bind_int(st, 5, seconds);
        sqlite3_bind_text(st, 6, store_kiosk_id(s), -1, SQLITE_STATIC);
        sqlite3_bind_blob64(st, 7, sealed, n, SQLITE_STATIC);
    }
    return store_record_finish(s, st, e);
}

long long voice_waiting(Store *s, Err *e)
{
    static const char *const SQL = "SELECT (SELECT count(*) FROM voice_outbox) + (SELECT count(*) FROM voice_audio)";
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (!st) return -1;
    if (sqlite3_step(st) != SQLITE_ROW) return store_fail_stmt(s, st, e);
    long long n = sqlite3_column_int64(st, 0);
    store_done(st);
    return n;
}

/* The oldest waiting report, made a record: 1, 0 if none waits, -1 (with e). */
static int post_one(Store *s, Err *e)
{
    static const char *const OLDEST = "SELECT min(n) FROM voice_outbox";
    static const char *const REPORT = "INSERT INTO voice_report (id, category, learner_id, community_id, day, day_ok, seconds)"
                                      " SELECT ?1, category, learner_id, community_id, day, day_ok, seconds FROM voice_outbox WHERE n = ?2";
    static const char *const AUDIO = "INSERT INTO voice_audio (id, sealed) SELECT ?1, sealed FROM voice_outbox WHERE n = ?2";
    static const char *const GONE = "DELETE FROM voice_outbox WHERE n = ?2";
    sqlite3_stmt *st = store_stmt(s, OLDEST, e);
    if (!st) return -1;
    if (sqlite3_step(st) != SQLITE_ROW) return store_fail_stmt(s, st, e);
    int none = sqlite3_column_type(st, 0) == SQLITE_NULL;
    long long n = sqlite3_column_int64(st, 0);
    store_done(st);
    if (none) return 0;
    char id[37];
    if (store_record_begin(s, "voice_report", id, e) < 0) return -1;
    const char *const STEPS[] = { REPORT, AUDIO, GONE };
    for (int i = 0; i < 3; i++) {
        if (!(st = store_stmt(s, STEPS[i], e))) goto fail;
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, n);
        if (i == 2) return store_record_finish(s, st, e) < 0 ? -1 : 1;
        if (sqlite3_step(st) != SQLITE_DONE) { store_fail_stmt(s, st, e); goto fail; }
        store_done(st);
    }
fail:
    store_record_abort(s);
    return -1;
}

int voice_post(Store *s, Err *e)
{
    int n = 0, rc;
    e->msg[0] = '\0';
    while ((rc = post_one(s, e)) == 1) n++;
    return rc < 0 ? -1 : n;
}
