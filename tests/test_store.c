/* test_store: the store shares its file with a second program. After every call nothing stays
 * running (a statement not reset holds a read transaction open: no checkpoint can finish and,
 * once the other program writes, no save of ours can start); a save goes through after the
 * other program's write; the WAL stays small; and no report or screen query reads a whole
 * table for each row it returns (EXPLAIN QUERY PLAN of every statement the store has run). */
#include "check.h"
#include "store/people.h"
#include "store/pin.h"
#include "store/records.h"
#include "store/handover.h"
#include "store/stats.h"
#include "store/store.h"
#include "store/store_db.h"
#include "store/voice.h"
#include "store/workshops.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char dir[] = "/tmp/pallay-store-XXXXXX";

static char *path_in(const char *name)
{
    static char p[4][PALLAY_PATH_LEN];
    static int next;
    char *s = p[next++ % 4];
    snprintf(s, PALLAY_PATH_LEN, "%s/%s", dir, name);
    return s;
}

/* What the store leaves running: statements stepped but not reset, or an open transaction. */
static int left_running(Store *s, char *what, size_t n)
{
    sqlite3 *db = store_db(s);
    int found = 0;
    what[0] = '\0';
    for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st))
        if (sqlite3_stmt_busy(st) && !found++) snprintf(what, n, "%.70s", sqlite3_sql(st));
    if (!sqlite3_get_autocommit(db) && !found++) snprintf(what, n, "an open transaction");
    return found;
}

static int settled_failures;
/* After each call: nothing running. Resets what it finds so each call is judged alone. */
static void settled(Store *s, const char *call)
{
    char what[80];
    int n = left_running(s, what, sizeof what);
    if (n) settled_failures++;
    CHECK_GOT(check_name("after %s nothing is left running in the database", call), n == 0, "0 statements",
              "%d, first: %s", n, what);
    store_settle(s, NULL, 0);
}

static void ignore_learner(const Learner *l, void *ud) { (void)l; (void)ud; }
static void ignore_module(const ModuleStats *m, void *ud) { (void)m; (void)ud; }
static void ignore_lstats(const LearnerStats *l, void *ud) { (void)l; (void)ud; }
static void ignore_attendance(const AttendanceRow *r, void *ud) { (void)r; (void)ud; }
static void ignore_ppe(const PpeRow *r, void *ud) { (void)r; (void)ud; }
static void ignore_total(const char *item, int n, void *ud) { (void)item; (void)n; (void)ud; }
static void ignore_pair(const char *a, const char *b, void *ud) { (void)a; (void)b; (void)ud; }

/* Every public call of store/, once, on a store with a facilitator, a workshop and a learner. */
static void every_call(Store *s, int check)
{
    Err e;
    Facilitator f;
    Learner a, b;
    char id[37], attempt[37], community[37], workshop[37];
    int wait;
#define STEP(call) do { call; if (check) settled(s, #call); } while (0)
    STEP(pin_is_set(s, &e));
    STEP(pin_set(s, "Rosa", "2580", &f, &e));
    STEP(pin_check(s, "2580", (long long)time(NULL), &wait, &f, &e));
    STEP(records_add_learner(s, "llama", "red", &a, &e));
    STEP(records_add_learner(s, "sun", "blue", &b, &e));
    STEP(records_find_learner(s, "llama", "red", &a, &e));
    STEP(records_each_learner(s, ignore_learner, NULL, &e));
    STEP(records_open_module(s, a.id, "ppe", "v1", id, &e));
    STEP(records_complete_module(s, a.id, "ppe", "v1", id, &e));
    STEP(records_begin_attempt(s, a.id, "ppe", "v1", 3, 2, attempt, &e));
    static const int listens[] = { 0, 1 };
    AnswerRecord ans = { 1, 2, 1, 0, listens, 2 };
    STEP(records_save_answer(s, attempt, &ans, id, &e));
    STEP(records_end_attempt(s, attempt, 2, 3, 1, id, &e));
    Progress p;
    STEP(records_progress(s, a.id, "ppe", &p, &e));
    STEP(community_add(s, "Chala", community, &e));
    STEP(community_each(s, ignore_pair, NULL, &e));
    Registration r = { 1, "Rosa Quispe", community, 1986 };
    STEP(participant_register(s, a.id, &r, f.id, id, &e));
    STEP(workshop_open(s, community, f.id, (long long)time(NULL), "ppe", workshop, &e));
    STEP(workshop_current(s, workshop, &e));
    STEP(workshop_community(s, workshop, community, &e));
    STEP(attendance_mark(s, workshop, a.id, id, &e));
    STEP(attendance_each(s, workshop, ignore_pair, NULL, &e));
    Delivery d = { a.id, "gloves", 2, "M", f.id, workshop };
    STEP(ppe_deliver(s, &d, id, &e));
    STEP(records_void(s, id, "entered twice", id, &e));
    STEP(ppe_deliver(s, &d, id, &e));
    STEP(stats_modules(s, ignore_module, NULL, &e));
    STEP(stats_learners(s, ignore_lstats, NULL, &e));
    STEP(stats_attendance(s, ignore_attendance, NULL, &e));
    STEP(stats_attendance_of(s, workshop, ignore_attendance, NULL, &e));
    STEP(stats_ppe(s, ignore_ppe, NULL, &e));
    STEP(stats_ppe_latest(s, 6, ignore_ppe, NULL, &e));
    STEP(stats_ppe_totals(s, 0, ignore_total, NULL, &e));
    STEP(store_record_count(s));
    STEP(workshop_close(s, workshop, id, &e));
    static const unsigned char SEALED[] = "age-encryption.org/v1 (a report, sealed)";
    STEP(voice_keep(s, "dust", a.id, 12, SEALED, sizeof SEALED, &e));
    STEP(voice_keep(s, "violence", NULL, 30, SEALED, sizeof SEALED, &e));
    STEP(voice_waiting(s, &e));
    STEP(handover_pending_count(s, &e));
    STEP(voice_post(s, &e));
    Handover h = { .first = 1, .last = 1000, .records = 1, .hash = "00", .receipt = "ABC123", .destination = "folder x" };
    snprintf(h.kiosk_id, sizeof h.kiosk_id, "%s", store_kiosk_id(s));
    STEP(handover_add(s, &h, &e));
#undef STEP
}

static void test_nothing_left_running(void)
{
    Err e;
    Store *s = store_open(path_in("calls.db"), &e);
    if (!CHECK_GOT("a new database opens", s != NULL, "a store", "%s", e.msg)) return;
    every_call(s, 1);
    CHECK_INT("no call of the store leaves a statement running", settled_failures, 0);

    /* The kiosk's guard between events finds one left running, resets it and says which. */
    static const char *const SQL = "SELECT id FROM record";
    sqlite3_stmt *st = store_stmt(s, SQL, &e);
    sqlite3_step(st);
    char what[80];
    CHECK_INT("the guard finds a statement left running", store_settle(s, what, sizeof what), 1);
    CHECK_STR("and names its SQL", what, SQL);
    CHECK_INT("and resets it", left_running(s, what, sizeof what), 0);
    store_close(s);
}

/* busy|log|checkpointed of PRAGMA wal_checkpoint(TRUNCATE) from a connection of its own. */
static void truncate_from_outside(const char *db, int out[3])
{
    sqlite3 *h;
    sqlite3_stmt *st;
    out[0] = out[1] = out[2] = -1;
    if (sqlite3_open(db, &h) == SQLITE_OK && sqlite3_prepare_v2(h, "PRAGMA wal_checkpoint(TRUNCATE)", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            for (int i = 0; i < 3; i++) out[i] = sqlite3_column_int(st, i);
        sqlite3_finalize(st);
    }
    sqlite3_close(h);
}

static void test_second_writer(void)
{
    const char *db = path_in("two.db");
    Err e;
    Store *kiosk = store_open(db, &e), *ctl = store_open(db, &e);
    if (!CHECK_GOT("the database opens twice", kiosk && ctl, "two stores", "%s", e.msg)) { store_close(kiosk); store_close(ctl); return; }
    Facilitator f;
    Learner her, l;
    char attempt[37], id[37];
    int wait;
    pin_set(ctl, "Rosa", "2580", &f, &e);
    records_add_learner(kiosk, "llama", "red", &her, &e);
    /* The kiosk: she signs in by her sign and starts a quiz; then it idles. */
    CHECK_INT("she signs in", records_find_learner(kiosk, "llama", "red", &l, &e), 1);
    CHECK_INT("her quiz starts", records_begin_attempt(kiosk, l.id, "ppe", "v1", 3, 2, attempt, &e), 0);
    int ck[3];
    truncate_from_outside(db, ck);
    CHECK_GOT("while the kiosk idles, a TRUNCATE checkpoint from outside is not blocked", ck[0] == 0 && ck[1] == 0,
              "busy 0, log 0", "busy %d, log %d, checkpointed %d", ck[0], ck[1], ck[2]);
    /* pallayctl: the PIN, then a registration. */
    CHECK_INT("pallayctl's PIN check goes through", pin_check(ctl, "2580", (long long)time(NULL), &wait, &f, &e), PIN_OK);
    Registration r = { 0, NULL, NULL, 0 };
    int rc = participant_register(ctl, her.id, &r, f.id, id, &e);
    CHECK_GOT("pallayctl registers her while she is signed in", rc == 0, "0", "%d (%s)", rc, e.msg);
    static const int listens[] = { 0, 1 };
    AnswerRecord ans = { 1, 2, 1, 0, listens, 2 };
    for (int i = 0; i < 3; i++) {
        rc = records_save_answer(kiosk, attempt, &ans, id, &e);
        CHECK_GOT(check_name("the kiosk's save %d after pallayctl's write goes through", i + 1), rc == 0, "0", "%d (%s)", rc, e.msg);
    }
    store_close(ctl);
    store_close(kiosk);
}

/* pallayctl's PIN check while the kiosk commits answer after answer (a second process): the
 * Argon2id check must hold no transaction, or the try it logs afterwards finds its snapshot
 * stale ("database is locked"). */
static void test_pin_beside_saves(void)
{
    const char *db = path_in("pin.db");
    Err e;
    Store *s = store_open(db, &e);
    if (!CHECK_GOT("the database opens", s != NULL, "a store", "%s", e.msg)) return;
    Facilitator f;
    Learner l;
    char attempt[37];
    pin_set(s, "Rosa", "2580", &f, &e);
    records_add_learner(s, "llama", "red", &l, &e);
    records_begin_attempt(s, l.id, "ppe", "v1", 5, 3, attempt, &e);
    int ready[2];
    if (pipe(ready) < 0) { perror("pipe"); return; }
    fflush(stdout);
    pid_t kiosk = fork();
    if (kiosk == 0) {   /* the kiosk: saves until it is stopped */
        Store *k = store_open(db, &e);
        static const int listens[] = { 0, 1 };
        AnswerRecord ans = { 1, 2, 1, 0, listens, 2 };
        char id[37];
        int failed = 0;
        if (write(ready[1], "x", 1) != 1) _exit(2);
        for (;;) {
            if (records_save_answer(k, attempt, &ans, id, &e) < 0 && !failed++) fprintf(stderr, "kiosk: %s\n", e.msg);
            usleep(2000);
        }
    }
    char c;
    if (read(ready[0], &c, 1) != 1) perror("read");
    int errors = 0, wait = 0;
    char first[PALLAY_ERR_LEN] = "";
    for (int i = 0; i < 5; i++)
        if (pin_check(s, "2580", (long long)time(NULL), &wait, &f, &e) != PIN_OK && !errors++) snprintf(first, sizeof first, "%s", e.msg);
    kill(kiosk, SIGKILL);
    waitpid(kiosk, NULL, 0);
    close(ready[0]);
    close(ready[1]);
    CHECK_GOT("5 PIN checks beside a kiosk saving every few milliseconds all go through", errors == 0, "0 errors",
              "%d, first: %s", errors, first);
    CHECK_GOT("and the kiosk really saved meanwhile", store_record_count(s) > 10, "> 10 records", "%d", store_record_count(s));
    store_close(s);
}

static long long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
}

/* 520 answers with another program's connection open beside: the WAL never passes 1 MB
 * (wal_autocheckpoint of 128 pages, about 512 KB, plus one transaction), and an idle
 * checkpoint empties it. */
static void test_wal_stays_small(void)
{
    const char *db = path_in("wal.db");
    char wal[PALLAY_PATH_LEN + 8];
    snprintf(wal, sizeof wal, "%s-wal", db);
    Err e;
    Store *s = store_open(db, &e), *other = store_open(db, &e);
    if (!CHECK_GOT("the database opens", s && other, "two stores", "%s", e.msg)) { store_close(s); store_close(other); return; }
    Learner l;
    char attempt[37], id[37];
    records_add_learner(s, "llama", "red", &l, &e);
    records_begin_attempt(s, l.id, "ppe", "v1", 5, 3, attempt, &e);
    static const int listens[] = { 1, 0, 2, 1 };
    AnswerRecord ans = { 1, 2, 1, 3, listens, 4 };
    long long most = 0;
    int saved = 0;
    for (int i = 0; i < 520; i++) {
        Progress p;
        saved += records_save_answer(s, attempt, &ans, id, &e) == 0;
        records_progress(other, l.id, "ppe", &p, &e);   /* the other program reads meanwhile */
        long long n = file_size(wal);
        if (n > most) most = n;
    }
    CHECK_INT("520 answers are saved", saved, 520);
    CHECK_GOT("the WAL never grows past 1 MB over 520 records", most < (1 << 20), "< 1048576 bytes", "%lld bytes", most);
    CHECK_INT("an idle checkpoint goes through", store_checkpoint(s), 1);
    CHECK_INT("and leaves the WAL empty", file_size(wal), 0);
    CHECK_INT("with nothing new written, none is due", store_checkpoint_due(s), 0);
    store_close(other);
    store_close(s);
}

/* ---- query plans ---- */

typedef struct { int id, parent; char detail[256]; } PlanRow;
#define MAX_PLAN 128

/* A loop that runs once per row of an outer loop, reading a whole table: in a correlated
 * subquery, or a join's inner loop ("SCAN x" after a sibling SCAN or SEARCH). */
static const char *per_row_scan(const PlanRow *p, int n)
{
    for (int i = 0; i < n; i++) {
        if (strncmp(p[i].detail, "SCAN ", 5) != 0) continue;
        for (int j = 0; j < i; j++)
            if (p[j].parent == p[i].parent && (strncmp(p[j].detail, "SCAN ", 5) == 0 || strncmp(p[j].detail, "SEARCH ", 7) == 0))
                return p[i].detail;
        for (int up = p[i].parent; up;) {
            int k = 0;
            while (k < n && p[k].id != up) k++;
            if (k == n) break;
            if (strncmp(p[k].detail, "CORRELATED", 10) == 0) return p[i].detail;
            up = p[k].parent;
        }
    }
    return NULL;
}

static void test_query_plans(void)
{
    Err e;
    Store *s = store_open(path_in("plans.db"), &e);
    if (!CHECK_GOT("a new database opens", s != NULL, "a store", "%s", e.msg)) return;
    every_call(s, 0);
    sqlite3 *db = store_db(s);
    int checked = 0;
    for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st)) {
        const char *sql = sqlite3_sql(st);
        if (strncmp(sql, "SELECT", 6) != 0 && strncmp(sql, "WITH", 4) != 0) continue;
        char *q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
        sqlite3_stmt *plan;
        PlanRow rows[MAX_PLAN];
        int n = 0;
        if (sqlite3_prepare_v2(db, q, -1, &plan, NULL) == SQLITE_OK) {
            while (n < MAX_PLAN && sqlite3_step(plan) == SQLITE_ROW) {
                rows[n].id = sqlite3_column_int(plan, 0);
                rows[n].parent = sqlite3_column_int(plan, 1);
                snprintf(rows[n++].detail, sizeof rows[0].detail, "%s", (const char *)sqlite3_column_text(plan, 3));
            }
            sqlite3_finalize(plan);
        }
        sqlite3_free(q);
        const char *bad = per_row_scan(rows, n);
        CHECK_GOT(check_name("no whole table is read per row: %.90s", sql), n > 0 && !bad, "only SEARCH inside loops",
                  "%s", n ? bad : "no plan");
        checked++;
    }
    CHECK_GOT("every query the store ran was checked", checked >= 20, ">= 20 queries", "%d", checked);
    store_close(s);
}


/* Her reports (store/voice): kept sealed, counted, made records only as a bundle is made (after
 * every record before them), and their sound deleted by the handover of exactly the seq range
 * that carried them: not a report made a record after that bundle, nor one of another kiosk. */
static long long count(Store *s, const char *sql)
{
    sqlite3_stmt *st;
    long long n = -1;
    if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void test_voice(void)
{
    Err e;
    Learner a;
    Store *s = store_open(path_in("voice.db"), &e);
    if (!CHECK_GOT("a new database opens", s != NULL, "a store", "%s", e.msg)) return;
    static const unsigned char SEALED[] = "age-encryption.org/v1 (a report, sealed)";
    records_add_learner(s, "llama", "red", &a, &e);
    CHECK_INT("an unknown category is refused", voice_keep(s, "gossip", a.id, 5, SEALED, sizeof SEALED, &e), -1);
    CHECK_INT("a report is kept", voice_keep(s, "dust", a.id, 5, SEALED, sizeof SEALED, &e), 0);
    CHECK_INT("an anonymous one too", voice_keep(s, "violence", NULL, 60, SEALED, sizeof SEALED, &e), 0);
    CHECK_INT("two wait to be sent", voice_waiting(s, &e), 2);
    CHECK_INT("pending counts them as the records they will be", handover_pending_count(s, &e), 3);
    CHECK_INT("none is a record before a bundle is made", count(s, "SELECT count(*) FROM record WHERE kind = 'voice_report'"), 0);
    long long before = count(s, "SELECT max(seq) FROM record");
    CHECK_INT("a bundle about to be made posts both", voice_post(s, &e), 2);
    CHECK_INT("as the records after every one before", count(s, "SELECT min(seq) FROM record WHERE kind = 'voice_report'"), before + 1);
    CHECK_INT("in the order they were sent", count(s, "SELECT r.seq FROM record r JOIN voice_report v ON v.id = r.id WHERE v.category = 'violence'"),
              before + 2);
    CHECK_INT("the anonymous one names nobody", count(s, "SELECT count(*) FROM voice_report WHERE category = 'violence' AND learner_id IS NULL"), 1);
    CHECK_INT("posting again finds none", voice_post(s, &e), 0);
    CHECK_INT("a third report, sent after that bundle", voice_keep(s, "idea", a.id, 3, SEALED, sizeof SEALED, &e), 0);
    CHECK_INT("is posted for the next one", voice_post(s, &e), 1);
    /* The bundle that carried the first two (up to before + 2) is handed over, and one of
     * another kiosk id over the same seqs. */
    Handover h = { .first = 1, .last = before + 2, .records = before + 2, .hash = "00", .receipt = "ABC123", .destination = "folder x" };
    snprintf(h.kiosk_id, sizeof h.kiosk_id, "%s", "00000000-0000-4000-8000-000000000000");
    handover_add(s, &h, &e);
    CHECK_INT("another kiosk's handover deletes no sound of ours", count(s, "SELECT count(*) FROM voice_audio"), 3);
    snprintf(h.kiosk_id, sizeof h.kiosk_id, "%s", store_kiosk_id(s));
    CHECK_INT("the handover is recorded", handover_add(s, &h, &e), 0);
    CHECK_INT("it deletes the sound it carried, and only that", count(s, "SELECT count(*) FROM voice_audio"), 1);
    CHECK_INT("the one left is the report after that bundle",
              count(s, "SELECT count(*) FROM voice_audio a JOIN voice_report v ON v.id = a.id WHERE v.category = 'idea'"), 1);
    CHECK_INT("what was sent stays known, without its sound", count(s, "SELECT count(*) FROM voice_report"), 3);
    CHECK_INT("one waits to be sent", voice_waiting(s, &e), 1);
    CHECK_INT("the sound is never changed", sqlite3_exec(store_db(s), "UPDATE voice_audio SET sealed = x'00'", NULL, NULL, NULL), SQLITE_CONSTRAINT);
    CHECK_INT("nor the report", sqlite3_exec(store_db(s), "DELETE FROM voice_report", NULL, NULL, NULL), SQLITE_CONSTRAINT);
    store_close(s);
}

int main(void)
{
    if (!mkdtemp(dir)) { perror(dir); return 2; }
    test_nothing_left_running();
    test_second_writer();
    test_pin_beside_saves();
    test_wal_stays_small();
    test_query_plans();
    test_voice();
    char cmd[PALLAY_PATH_LEN + 16];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return check_done();
}
