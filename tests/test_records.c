/* test_records: learners and quiz results are append-only records with a unique id, the
 * kiosk's id, a per-kiosk sequence and an honest clock flag; voids hide without deleting;
 * a damaged database is set aside, never overwritten. */
#include "check.h"
#include "fixtures.h"
#include "store/handover.h"
#include "store/records.h"
#include "store/schema.h"
#include "store/store.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/pallay-records-XXXXXX";
static long long fake_now;
static long long fake_clock(void) { return fake_now; }

static char *path_in(const char *name)
{
    static char p[4][PALLAY_PATH_LEN];
    static int next;
    char *s = p[next++ % 4];
    snprintf(s, PALLAY_PATH_LEN, "%s/%s", dir, name);
    return s;
}

/* One text or number from a query on the database file, read with SQLite directly. */
static long long sql_int(const char *db, const char *sql)
{
    sqlite3 *h;
    sqlite3_stmt *st;
    long long v = -999;
    if (sqlite3_open(db, &h) == SQLITE_OK && sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(h);
    return v;
}

static int sql_exec(const char *db, const char *sql, char *msg, size_t n)
{
    sqlite3 *h;
    char *m = NULL;
    int rc = sqlite3_open(db, &h) == SQLITE_OK ? sqlite3_exec(h, sql, NULL, NULL, &m) : -1;
    snprintf(msg, n, "%s", m ? m : "");
    sqlite3_free(m);
    sqlite3_close(h);
    return rc;
}

static void count_learner(const Learner *l, void *ud) { (void)l; (*(int *)ud)++; }

static void test_learners_and_sequence(void)
{
    const char *db = path_in("a.db");
    Err e;
    Store *s = store_open(db, &e);
    if (!CHECK_GOT("a new database opens", s != NULL, "a store", "%s", e.msg)) return;
    CHECK_INT("the schema is the latest", store_schema_version(s), SCHEMA_VERSION);
    Learner a, b, found;
    CHECK_INT("a new learner is added", records_add_learner(s, "llama", "red", &a, &e), 0);
    CHECK_INT("a second sign is added", records_add_learner(s, "sun", "blue", &b, &e), 0);
    CHECK_INT("a sign already taken is refused", records_add_learner(s, "llama", "red", &found, &e), -1);
    CHECK_GOT("the refusal says why", contains(e.msg, "already taken"), "\"already taken\"", "\"%s\"", e.msg);
    CHECK_INT("her sign finds her", records_find_learner(s, "llama", "red", &found, &e), 1);
    CHECK_STR("the same learner is found", found.id, a.id);
    CHECK_INT("a sign nobody has finds nobody", records_find_learner(s, "llama", "blue", &found, &e), 0);
    CHECK(" two learners get two ids", strcmp(a.id, b.id) != 0);
    CHECK_INT("ids are UUIDs", (long long)strlen(a.id), 36);
    int n = 0;
    records_each_learner(s, count_learner, &n, &e);
    CHECK_INT("both learners are listed", n, 2);

    char id[37];
    records_void(s, b.id, "registered by mistake", id, &e);
    n = 0;
    records_each_learner(s, count_learner, &n, &e);
    CHECK_INT("a voided learner is no longer listed", n, 1);
    CHECK_INT("a voided learner's sign is free again", records_add_learner(s, "sun", "blue", &b, &e), 0);
    char kiosk[37];
    snprintf(kiosk, sizeof kiosk, "%s", store_kiosk_id(s));
    store_close(s);

    CHECK_INT("the voided learner is still in the database", sql_int(db, "SELECT count(*) FROM learner"), 3);
    CHECK_INT("every record has the kiosk's id", sql_int(db, "SELECT count(*) FROM record WHERE kiosk_id <> (SELECT id FROM kiosk)"), 0);
    CHECK_INT("sequence numbers run 1..n without a gap",
              sql_int(db, "SELECT max(seq) - min(seq) + 1 - count(*) + min(seq) FROM record"), 1);
    s = store_open(db, &e);
    records_add_learner(s, "moon", "green", &a, &e);
    store_close(s);
    CHECK_INT("after a restart the sequence goes on", sql_int(db, "SELECT max(seq) FROM record"), 5);
    CHECK_INT("records have their kinds",
              sql_int(db, "SELECT count(*) FROM record WHERE kind = 'learner'") * 10 + sql_int(db, "SELECT count(*) FROM record WHERE kind = 'void'"), 41);

    char msg[256];
    int rc = sql_exec(db, "UPDATE learner SET colour = 'black'", msg, sizeof msg);
    CHECK_GOT("a learner record cannot be changed", rc != SQLITE_OK && contains(msg, "append-only"), "refused: append-only", "rc %d \"%s\"", rc, msg);
    rc = sql_exec(db, "DELETE FROM record", msg, sizeof msg);
    CHECK_GOT("a record cannot be deleted", rc != SQLITE_OK && contains(msg, "append-only"), "refused: append-only", "rc %d \"%s\"", rc, msg);
    CHECK_INT("nothing was deleted", sql_int(db, "SELECT count(*) FROM record"), 5);
}

static void test_clock_trust(void)
{
    const char *db = path_in("clock.db");
    Err e;
    Store *s = store_open(db, &e);
    store_set_clock(s, fake_clock);
    Learner l;
    fake_now = 0;   /* a kiosk without a real-time clock wakes up in 1970 */
    records_add_learner(s, "llama", "red", &l, &e);
    fake_now = PALLAY_CLOCK_FLOOR + 100000;
    records_add_learner(s, "llama", "blue", &l, &e);
    fake_now = PALLAY_CLOCK_FLOOR + 100000 - 3600;  /* an hour back: a power cut reset it */
    records_add_learner(s, "llama", "green", &l, &e);
    fake_now = PALLAY_CLOCK_FLOOR + 100000 + 30;
    records_add_learner(s, "llama", "black", &l, &e);
    store_close(s);
    CHECK_INT("1970 is not trusted", sql_int(db, "SELECT clock_ok FROM record WHERE seq = 1"), 0);
    CHECK_INT("a plausible time is trusted", sql_int(db, "SELECT clock_ok FROM record WHERE seq = 2"), 1);
    CHECK_INT("a clock gone back an hour is not trusted", sql_int(db, "SELECT clock_ok FROM record WHERE seq = 3"), 0);
    CHECK_INT("the time is kept as the clock said", sql_int(db, "SELECT created_at FROM record WHERE seq = 3"), PALLAY_CLOCK_FLOOR + 100000 - 3600);
    CHECK_INT("time going on from the last trusted record is trusted", sql_int(db, "SELECT clock_ok FROM record WHERE seq = 4"), 1);
    s = store_open(db, &e);
    store_set_clock(s, fake_clock);
    fake_now = PALLAY_CLOCK_FLOOR + 50000;
    records_add_learner(s, "sun", "red", &l, &e);
    store_close(s);
    CHECK_INT("after a restart the clock is still compared with the last trusted record", sql_int(db, "SELECT clock_ok FROM record WHERE seq = 5"), 0);
}

/* The server's time, heard by a kiosk whose clock woke in 1970: one clock record per start of the
 * kiosk, and another only when the offset moved by more than a minute; every record says which
 * start made it. */
static void test_trusted_time(void)
{
    const char *db = path_in("trusted.db");
    Err e;
    char id[37];
    Learner l;
    Store *s = store_open(db, &e);
    store_set_clock(s, fake_clock);
    fake_now = 1000;
    records_add_learner(s, "llama", "red", &l, &e);     /* before any start: no boot */
    handover_event(s, KIOSK_START, "", &e);
    records_add_learner(s, "llama", "blue", &l, &e);
    const long long real = PALLAY_CLOCK_FLOOR + 5000000;
    CHECK_INT("the first time heard in a start is written", records_clock(s, 1100, real, id, &e), 1);
    CHECK_INT("the same offset 30 s later is not written again", records_clock(s, 1130, real + 31, id, &e), 0);
    CHECK_INT("an offset moved by two minutes is", records_clock(s, 1200, real + 100 + 120, id, &e), 1);
    handover_event(s, KIOSK_STOP, "", &e);
    handover_event(s, KIOSK_START, "", &e);
    CHECK_INT("the same offset in the next start is written again: it is another start", records_clock(s, 1300, real + 320, id, &e), 1);
    store_close(s);
    CHECK_INT("three clock records", sql_int(db, "SELECT count(*) FROM clock"), 3);
    CHECK_INT("each keeps both readings", sql_int(db, "SELECT server_time - kiosk_time FROM clock ORDER BY kiosk_time LIMIT 1"), real - 1100);
    CHECK_INT("clock records are records, with their own seq", sql_int(db, "SELECT count(*) FROM record WHERE kind = 'clock'"), 3);
    CHECK_INT("a record made before the first start has no boot", sql_int(db, "SELECT count(*) FROM record WHERE seq = 1 AND boot IS NULL"), 1);
    CHECK_INT("the learner and the first two clock records share the first start",
              sql_int(db, "SELECT count(DISTINCT boot) || count(*) FROM record WHERE seq BETWEEN 2 AND 4"), 13);
    CHECK_INT("the boot is the id of that start's event",
              sql_int(db, "SELECT boot = (SELECT min(id) FROM kiosk_event WHERE kind = 'start') FROM record WHERE seq = 2"), 1);
    CHECK_INT("the last clock record belongs to the second start",
              sql_int(db, "SELECT boot = (SELECT max(id) FROM kiosk_event WHERE kind = 'start') FROM record WHERE seq = 5"), 1);
    char msg[256];
    CHECK("a clock record cannot be changed", sql_exec(db, "UPDATE clock SET server_time = 0", msg, sizeof msg) != SQLITE_OK);
}

static void test_quiz_records(void)
{
    const char *db = path_in("quiz.db");
    Err e;
    Store *s = store_open(db, &e);
    Learner l;
    records_add_learner(s, "corn", "yellow", &l, &e);
    char id[37], attempt[37], end[37];
    CHECK_INT("opening a module is recorded", records_open_module(s, l.id, "ppe", "abc", id, &e), 0);
    Progress p;
    records_progress(s, l.id, "ppe", &p, &e);
    CHECK_INT("progress: opened", p.opened, 1);
    CHECK_INT("progress: no quiz yet", p.attempts, 0);
    records_complete_module(s, l.id, "ppe", "abc", id, &e);
    records_begin_attempt(s, l.id, "ppe", "abc", 3, 2, attempt, &e);
    int listens[3] = { 0, 2, 1 };
    AnswerRecord a = { 1, 2, 1, 1, listens, 3 };
    CHECK_INT("an answer is saved", records_save_answer(s, attempt, &a, id, &e), 0);
    a = (AnswerRecord){ 2, 1, 0, 0, listens, 2 };
    records_save_answer(s, attempt, &a, id, &e);
    records_end_attempt(s, attempt, 1, 3, 0, end, &e);
    records_begin_attempt(s, l.id, "ppe", "abc", 3, 2, attempt, &e);
    records_end_attempt(s, attempt, 3, 3, 1, id, &e);
    records_progress(s, l.id, "ppe", &p, &e);
    CHECK_INT("progress: completed", p.completed, 1);
    CHECK_INT("progress: two quizzes finished", p.attempts, 2);
    CHECK_INT("progress: one passed", p.passed, 1);
    CHECK_INT("progress: the best score", p.best * 10 + p.best_total, 33);
    records_void(s, id, "test", end, &e);
    records_progress(s, l.id, "ppe", &p, &e);
    CHECK_INT("a voided quiz end no longer counts", p.passed * 10 + p.best, 1);
    CHECK_INT("a guest's quiz is saved without a learner", records_begin_attempt(s, NULL, "lift", "x", 3, 2, attempt, &e), 0);
    records_progress(s, l.id, "lift", &p, &e);
    CHECK_INT("a guest's quiz is nobody's progress", p.attempts + p.opened, 0);
    store_close(s);
    CHECK_INT("answer listens are kept per answer", sql_int(db, "SELECT answer_listens = '0,2,1' FROM answer WHERE question = 1"), 1);
    CHECK_INT("the question listens are kept", sql_int(db, "SELECT question_listens FROM answer WHERE question = 1"), 1);
    CHECK_INT("a guest attempt has no learner", sql_int(db, "SELECT count(*) FROM attempt WHERE learner_id IS NULL"), 1);
    CHECK_INT("the database is sound", sql_int(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
}

static char *read_all(const char *path, long *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = calloc(1, 65536);
    *len = (long)fread(buf, 1, 65536, f);
    fclose(f);
    return buf;
}

static void test_damaged_database(void)
{
    const char *db = path_in("bad.db");
    const char *junk = "this is not a database, but it may be all someone has left\n";
    fixture_write(db, junk);
    char aside[PALLAY_PATH_LEN];
    Err e;
    Store *s = store_open_or_set_aside(db, aside, sizeof aside, &e);
    CHECK_GOT("a file that is not a database is replaced by a new one", s != NULL, "a store", "%s", e.msg);
    CHECK_STR("the old file is set aside", aside, path_in("bad.db.broken-1"));
    long len = 0;
    char *kept = read_all(aside, &len);
    CHECK_GOT("the set-aside file keeps every byte", kept && len == (long)strlen(junk) && memcmp(kept, junk, (size_t)len) == 0,
              "the same bytes", "%ld bytes", len);
    free(kept);
    CHECK_GOT("the message says what was wrong", contains(e.msg, "bad.db"), "the file named", "\"%s\"", e.msg);
    store_close(s);

    fixture_write(db, "a second broken file\n");
    s = store_open_or_set_aside(db, aside, sizeof aside, &e);
    CHECK_STR("a second broken file does not replace the first", aside, path_in("bad.db.broken-2"));
    kept = read_all(path_in("bad.db.broken-1"), &len);
    CHECK_GOT("the first set-aside file is untouched", kept && len == (long)strlen(junk), "unchanged", "%ld bytes", len);
    free(kept);
    store_close(s);

    /* A database whose pages are damaged, though its header is fine. */
    const char *db2 = path_in("pages.db");
    s = store_open(db2, &e);
    Learner l;
    for (int i = 0; i < 60; i++) records_add_learner(s, i % 2 ? "sun" : "moon", (const char *[]){ "red", "blue", "green" }[i % 3], &l, &e);
    store_close(s);
    sqlite3 *h;
    sqlite3_open(db2, &h);
    sqlite3_exec(h, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    sqlite3_close(h);
    FILE *f = fopen(db2, "r+b");
    fseek(f, 4096 + 8, SEEK_SET);
    for (int i = 0; i < 64; i++) fputc(0xA5, f);
    fclose(f);
    s = store_open_or_set_aside(db2, aside, sizeof aside, &e);
    CHECK_STR("a database with damaged pages is set aside", aside, path_in("pages.db.broken-1"));
    CHECK_GOT("the reason says damaged", contains(e.msg, "damaged") || contains(e.msg, "malformed"), "damaged", "\"%s\"", e.msg);
    store_close(s);

    const char *folder = path_in("a-folder.db");
    mkdir(folder, 0755);
    s = store_open_or_set_aside(folder, aside, sizeof aside, &e);
    CHECK_GOT("a path that cannot be a database gives no store", s == NULL, "NULL", "a store");
    CHECK_STR("and nothing is set aside", aside, "");
    struct stat st;
    CHECK("the folder is left where it was", stat(folder, &st) == 0 && S_ISDIR(st.st_mode));
    store_close(s);
}

int main(void)
{
    if (!mkdtemp(dir)) { perror(dir); return 2; }
    test_learners_and_sequence();
    test_clock_trust();
    test_trusted_time();
    test_quiz_records();
    test_damaged_database();
    char cmd[PALLAY_PATH_LEN + 16];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return check_done();
}
