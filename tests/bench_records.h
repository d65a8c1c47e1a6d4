/* bench_records: a kiosk database filled with learners' records for make bench (bench_sync,
 * bench_fill), in one transaction in the kiosk's schema (the kiosk saves them one by one; only
 * what follows is measured): per learner, a module opened and completed, a quiz with three
 * answers and its end, eight records each, numbered on from the database's highest.
 * Header-only, like check.h. */
#ifndef PALLAY_BENCH_RECORDS_H
#define PALLAY_BENCH_RECORDS_H

#include "store/store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

static inline int bench_fill_records(const char *path, const char *kiosk, long long records)
{
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK) return -1;
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    sqlite3_stmt *rec, *kind[6];
    sqlite3_prepare_v2(db, "INSERT INTO record (id, kiosk_id, seq, kind, created_at, clock_ok) VALUES (?, ?, ?, ?, ?, 1)", -1, &rec, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO learner (id, symbol, colour) VALUES (?, 'llama', 'red')", -1, &kind[0], NULL);
    sqlite3_prepare_v2(db, "INSERT INTO module_open (id, learner_id, module, version) VALUES (?, ?, 'ppe', 'v1')", -1, &kind[1], NULL);
    sqlite3_prepare_v2(db, "INSERT INTO completion (id, learner_id, module, version) VALUES (?, ?, 'ppe', 'v1')", -1, &kind[2], NULL);
    sqlite3_prepare_v2(db, "INSERT INTO attempt (id, learner_id, module, version, questions, pass_mark) VALUES (?, ?, 'ppe', 'v1', 4, 3)",
                       -1, &kind[3], NULL);
    sqlite3_prepare_v2(db, "INSERT INTO answer (id, attempt_id, question, choice, correct, question_listens, answer_listens)"
                       " VALUES (?, ?, 1, 2, 1, 0, '0,1,0')", -1, &kind[4], NULL);
    sqlite3_prepare_v2(db, "INSERT INTO attempt_end (id, attempt_id, score, total, passed) VALUES (?, ?, 3, 4, 1)", -1, &kind[5], NULL);
    static const char *const KINDS[6] = { "learner", "module_open", "completion", "attempt", "answer", "attempt_end" };
    static const int PLAN[8] = { 0, 1, 2, 3, 4, 4, 4, 5 };
    long long seq, start = 0;
    sqlite3_stmt *last;
    if (sqlite3_prepare_v2(db, "SELECT coalesce(max(seq), 0) FROM record", -1, &last, NULL) == SQLITE_OK && sqlite3_step(last) == SQLITE_ROW)
        start = sqlite3_column_int64(last, 0);
    sqlite3_finalize(last);
    seq = start;
    char learner[37] = "", attempt[37] = "", id[37];
    int ok = 1;
    while (ok && seq - start < records) {
        for (int i = 0; i < 8 && ok && seq - start < records; i++) {
            int k = PLAN[i];
            store_uuid(id);
            sqlite3_reset(rec);
            sqlite3_bind_text(rec, 1, id, -1, SQLITE_STATIC);
            sqlite3_bind_text(rec, 2, kiosk, -1, SQLITE_STATIC);
            sqlite3_bind_int64(rec, 3, ++seq);
            sqlite3_bind_text(rec, 4, KINDS[k], -1, SQLITE_STATIC);
            sqlite3_bind_int64(rec, 5, 1795000000LL + seq);
            ok = sqlite3_step(rec) == SQLITE_DONE;
            sqlite3_reset(kind[k]);
            sqlite3_bind_text(kind[k], 1, id, -1, SQLITE_STATIC);
            if (k >= 1) sqlite3_bind_text(kind[k], 2, k >= 4 ? attempt : learner, -1, SQLITE_STATIC);
            ok = ok && sqlite3_step(kind[k]) == SQLITE_DONE;
            if (k == 0) memcpy(learner, id, 37);
            if (k == 3) memcpy(attempt, id, 37);
        }
    }
    sqlite3_finalize(rec);
    for (int i = 0; i < 6; i++) sqlite3_finalize(kind[i]);
    ok = ok && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
    if (!ok) fprintf(stderr, "bench: filling %s: %s\n", path, sqlite3_errmsg(db));
    sqlite3_close(db);
    return ok ? 0 : -1;
}

#endif
