/* records: the learner, progress and quiz records. Each public function is one transaction:
 * store_record_begin, the row of its kind, store_record_commit. */
#include "records.h"
#include "../base/text.h"
#include "store_db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Records that a void has cancelled are left out of every read. */
#define NOT_VOID(col) col " NOT IN (SELECT target_id FROM void)"


int records_find_learner(Store *s, const char *symbol, const char *colour, Learner *out, Err *e)
{
    static const char *const SQL =
        "SELECT l.id FROM learner l JOIN record r ON r.id = l.id"
        " WHERE l.symbol = ? AND l.colour = ? AND " NOT_VOID("l.id") " ORDER BY r.kiosk_id, r.seq LIMIT 1";
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, symbol, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, colour, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) text_copy(out->id, sizeof out->id, (const char *)sqlite3_column_text(st, 0));
    else if (rc != SQLITE_DONE) store_fail(s, e);
    store_done(st);
    if (rc != SQLITE_ROW) return rc == SQLITE_DONE ? 0 : -1;
    text_copy(out->symbol, sizeof out->symbol, symbol);
    text_copy(out->colour, sizeof out->colour, colour);
    return 1;
}

int records_add_learner(Store *s, const char *symbol, const char *colour, Learner *out, Err *e)
{
    static const char *const SQL = "INSERT INTO learner (id, symbol, colour) VALUES (?, ?, ?)";
    Learner other;
    int found = records_find_learner(s, symbol, colour, &other, e);
    if (found < 0) return -1;
    if (found) return err_set(e, "the sign %s/%s is already taken", symbol, colour);
    if (store_record_begin(s, "learner", out->id, e) < 0) return -1;
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (st) {
        sqlite3_bind_text(st, 1, out->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, symbol, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, colour, -1, SQLITE_STATIC);
    }
    if (store_record_finish(s, st, e) < 0) return -1;
    text_copy(out->symbol, sizeof out->symbol, symbol);
    text_copy(out->colour, sizeof out->colour, colour);
    return 0;
}

int records_each_learner(Store *s, void (*fn)(const Learner *, void *), void *ud, Err *e)
{
    /* The learners first, then each one's record (CROSS JOIN keeps that order): walking the
     * records in their order would read all of them, answers and deliveries included. */
    static const char *const SQL =
        "SELECT l.id, l.symbol, l.colour FROM learner l CROSS JOIN record r ON r.id = l.id"
        " WHERE " NOT_VOID("l.id") " ORDER BY r.kiosk_id, r.seq";
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (!st) return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        Learner l;
        text_copy(l.id, sizeof l.id, (const char *)sqlite3_column_text(st, 0));
        text_copy(l.symbol, sizeof l.symbol, (const char *)sqlite3_column_text(st, 1));
        text_copy(l.colour, sizeof l.colour, (const char *)sqlite3_column_text(st, 2));
        fn(&l, ud);
    }
    return store_end(s, st, rc, e);
}

/* module_open and completion have the same shape. */
static int module_record(Store *s, const char *kind, const char *sql, const char *learner, const char *module,
                         const char *version, char id[37], Err *e)
{
    if (store_record_begin(s, kind, id, e) < 0) return -1;
    sqlite3_stmt *st = store_stmt(s, sql, e);
    if (st) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, learner, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, module, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, version, -1, SQLITE_STATIC);
    }
    return store_record_finish(s, st, e);
}

int records_open_module(Store *s, const char *learner, const char *module, const char *version, char id[37], Err *e)
{
    static const char *const SQL = "INSERT INTO module_open (id, learner_id, module, version) VALUES (?, ?, ?, ?)";
    return module_record(s, "module_open", SQL, learner, module, version, id, e);
}

int records_complete_module(Store *s, const char *learner, const char *module, const char *version, char id[37], Err *e)
{
    static const char *const SQL = "INSERT INTO completion (id, learner_id, module, version) VALUES (?, ?, ?, ?)";
    return module_record(s, "completion", SQL, learner, module, version, id, e);
}

int records_begin_attempt(Store *s, const char *learner, const char *module, const char *version,
                          int questions, int pass_mark, char id[37], Err *e)
{
    static const char *const SQL =
        "INSERT INTO attempt (id, learner_id, module, version, questions, pass_mark) VALUES (?, ?, ?, ?, ?, ?)";
    if (store_record_begin(s, "attempt", id, e) < 0) return -1;
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (st) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        store_bind_opt(st, 2, learner);
        sqlite3_bind_text(st, 3, module, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, version, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 5, questions);
        sqlite3_bind_int(st, 6, pass_mark);
    }
    return store_record_finish(s, st, e);
}

int records_save_answer(Store *s, const char *attempt, const AnswerRecord *a, char id[37], Err *e)
{
    static const char *const SQL =
        "INSERT INTO answer (id, attempt_id, question, choice, correct, question_listens, answer_listens)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)";
    char listens[PALLAY_MAX_ANSWERS * 12] = "";
    for (int i = 0, at = 0; i < a->nanswers && i < PALLAY_MAX_ANSWERS; i++)
        at += snprintf(listens + at, sizeof listens - (size_t)at, i ? ",%d" : "%d", a->answer_listens[i]);
    if (store_record_begin(s, "answer", id, e) < 0) return -1;
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (st) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, attempt, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, a->question);
        sqlite3_bind_int(st, 4, a->choice);
        sqlite3_bind_int(st, 5, a->correct != 0);
        sqlite3_bind_int(st, 6, a->question_listens);
        sqlite3_bind_text(st, 7, listens, -1, SQLITE_STATIC);
    }
    return store_record_finish(s, st, e);
}

int records_end_attempt(Store *s, const char *attempt, int score, int total, int passed, char id[37], Err *e)
{
    static const char *const SQL = "INSERT INTO attempt_end (id, attempt_id, score, total, passed) VALUES (?, ?, ?, ?, ?)";
    if (store_record_begin(s, "attempt_end", id, e) < 0) return -1;
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (st) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, attempt, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, score);
        sqlite3_bind_int(st, 4, total);
        sqlite3_bind_int(st, 5, passed != 0);
    }
    return store_record_finish(s, st, e);
}

int records_void(Store *s, const char *target, const char *reason, char id[37], Err *e)
{
    static const char *const SQL = "INSERT INTO void (id, target_id, reason) VALUES (?, ?, ?)";
    if (store_record_begin(s, "void", id, e) < 0) return -1;
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (st) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, target, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
    }
    return store_record_finish(s, st, e);
}

int records_clock(Store *s, long long kiosk_time, long long server_time, char id[37], Err *e)
{
    /* The latest clock record of the same kiosk and start as the one just begun (boot is set by
     * store_record_begin, so there is one idea of "this start"). */
    static const char *const LAST =
        "SELECT c.server_time - c.kiosk_time FROM record n"
        " JOIN record r ON r.kind = 'clock' AND r.kiosk_id = n.kiosk_id AND r.boot IS n.boot AND r.id <> n.id"
        " JOIN clock c ON c.id = r.id WHERE n.id = ? ORDER BY r.seq DESC LIMIT 1";
    static const char *const SQL = "INSERT INTO clock (id, kiosk_time, server_time) VALUES (?, ?, ?)";
    if (store_record_begin(s, "clock", id, e) < 0) return -1;
    sqlite3_stmt *st = store_stmt(s, LAST, e);
    if (!st) { store_record_abort(s); return -1; }
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    long long offset = server_time - kiosk_time, before = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        store_fail_stmt(s, st, e);
        store_record_abort(s);
        return -1;
    }
    store_done(st);
    if (rc == SQLITE_ROW && llabs(offset - before) <= RECORDS_CLOCK_SLACK) {
        store_record_abort(s);
        return 0;
    }
    if ((st = store_stmt(s, SQL, e))) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, kiosk_time);
        sqlite3_bind_int64(st, 3, server_time);
    }
    return store_record_finish(s, st, e) < 0 ? -1 : 1;
}

int records_progress(Store *s, const char *learner, const char *module, Progress *p, Err *e)
{
    static const char *const SQL =
        "SELECT"
        " (SELECT count(*) FROM module_open WHERE learner_id = ?1 AND module = ?2 AND " NOT_VOID("id") "),"
        " (SELECT count(*) FROM completion WHERE learner_id = ?1 AND module = ?2 AND " NOT_VOID("id") "),"
        " count(x.id), coalesce(sum(x.passed), 0)"
        " FROM attempt a JOIN attempt_end x ON x.attempt_id = a.id"
        " WHERE a.learner_id = ?1 AND a.module = ?2 AND " NOT_VOID("a.id") " AND " NOT_VOID("x.id");
    static const char *const BEST =
        "SELECT x.score, x.total FROM attempt a JOIN attempt_end x ON x.attempt_id = a.id"
        " WHERE a.learner_id = ?1 AND a.module = ?2 AND " NOT_VOID("a.id") " AND " NOT_VOID("x.id")
        " ORDER BY x.score * 1000 / max(x.total, 1) DESC LIMIT 1";
    memset(p, 0, sizeof *p);
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, learner, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, module, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW) return store_fail_stmt(s, st, e);
    p->opened = sqlite3_column_int(st, 0);
    p->completed = sqlite3_column_int(st, 1);
    p->attempts = sqlite3_column_int(st, 2);
    p->passed = sqlite3_column_int(st, 3);
    store_done(st);
    if (p->attempts == 0) return 0;
    if (!(st = store_stmt(s, BEST, e))) return -1;
    sqlite3_bind_text(st, 1, learner, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, module, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW) return store_fail_stmt(s, st, e);
    p->best = sqlite3_column_int(st, 0);
    p->best_total = sqlite3_column_int(st, 1);
    store_done(st);
    return 0;
}
