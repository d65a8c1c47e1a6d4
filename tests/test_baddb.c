/* test_baddb: databases that cannot be used as they are. An empty file is set aside, not taken
 * for a new kiosk; a read-only file is refused at once; a damaged file on a full disk is set
 * aside without claiming a new one was started; a database from a newer Pallay is refused with
 * not one byte changed; a WAL deleted under an open database is noticed and its records saved,
 * even if the program is killed just after; every message fits on one line. */
#include "check.h"
#include "store/records.h"
#include "store/schema.h"
#include "store/store.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[] = "/tmp/pallay-baddb-XXXXXX";

static char *path_in(const char *name)
{
    static char p[4][PALLAY_PATH_LEN];
    static int next;
    char *s = p[next++ % 4];
    snprintf(s, PALLAY_PATH_LEN, "%s/%s", dir, name);
    return s;
}

static int contains(const char *s, const char *part) { return strstr(s, part) != NULL; }

static long file_len(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long)sb.st_size : -1;
}

static char *read_all(const char *path, long *len)
{
    FILE *f = fopen(path, "rb");
    *len = 0;
    if (!f) return NULL;
    char *buf = malloc(1 << 20);
    *len = (long)fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

static int count_records(const char *db)
{
    sqlite3 *h;
    sqlite3_stmt *st;
    int n = -1;
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(h, "SELECT count(*) FROM record", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(h);
    return n;
}

static void test_empty_file(void)
{
    const char *db = path_in("empty.db");
    FILE *f = fopen(db, "w");
    fclose(f);
    char aside[PALLAY_PATH_LEN];
    Err e = { "" };
    Store *s = store_open_or_set_aside(db, aside, sizeof aside, &e);
    CHECK_STR("an empty file is set aside like a damaged one", aside, path_in("empty.db.broken-1"));
    CHECK_GOT("and the reason says it was empty", contains(e.msg, "empty"), "\"empty\"", "\"%s\"", e.msg);
    CHECK_GOT("a new database takes its place", s != NULL, "a store", "NULL");
    store_close(s);
    f = fopen(db = path_in("empty2.db"), "w");
    fclose(f);
    s = store_open(db, &e);
    CHECK_GOT("store_open itself refuses an empty file (pallayctl)", s == NULL && contains(e.msg, "empty"), "NULL, \"empty\"", "%s \"%s\"",
              s ? "a store" : "NULL", e.msg);
    CHECK_INT("and leaves it empty", file_len(db), 0);
    store_close(s);
}

/* Runs fn in a child process (for a lower uid or a file size limit); its message comes back in e.
 * Returns what fn returned (0 or 1), or -1 if the child failed. */
static int in_child(int (*fn)(Err *e), Err *e)
{
    int fd[2];
    if (pipe(fd) < 0) return -1;
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        Err mine = { "" };
        int rc = fn(&mine);
        if (write(fd[1], mine.msg, strlen(mine.msg) + 1) < 0) _exit(3);
        _exit(rc);
    }
    close(fd[1]);
    memset(e->msg, 0, sizeof e->msg);
    ssize_t got = read(fd[0], e->msg, sizeof e->msg - 1);
    close(fd[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (got < 0 || !WIFEXITED(status) || WEXITSTATUS(status) > 1) return -1;
    return WEXITSTATUS(status);
}

/* As another user when run as root (root may write any file); with mode 0444 otherwise. */
static int open_read_only(Err *e)
{
    if (geteuid() == 0 && (setgid(65534) < 0 || setuid(65534) < 0)) { err_set(e, "cannot drop root"); return 2; }
    char aside[PALLAY_PATH_LEN];
    Store *s = store_open_or_set_aside(path_in("ro.db"), aside, sizeof aside, e);
    int refused = s == NULL && aside[0] == '\0';
    store_close(s);
    return refused;
}

static void test_read_only(void)
{
    Err e;
    Store *s = store_open(path_in("ro.db"), &e);
    Learner l;
    records_add_learner(s, "llama", "red", &l, &e);
    store_close(s);
    chmod(path_in("ro.db"), 0444);
    chmod(dir, 0755);
    int rc = in_child(open_read_only, &e);
    CHECK_GOT("a read-only database is refused at start, not set aside", rc == 1, "refused", "%d \"%s\"", rc, e.msg);
    CHECK_GOT("and the reason says read-only", contains(e.msg, "read-only"), "\"read-only\"", "\"%s\"", e.msg);
    CHECK_INT("its record is still there", count_records(path_in("ro.db")), 1);
}

/* A damaged file, then no room for a new one: writes beyond 1 KB fail as on a full disk. */
static int open_on_full_disk(Err *e)
{
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit lim = { 1024, 1024 };
    setrlimit(RLIMIT_FSIZE, &lim);
    char aside[PALLAY_PATH_LEN];
    Store *s = store_open_or_set_aside(path_in("full.db"), aside, sizeof aside, e);
    int honest = s == NULL && aside[0] != '\0';
    store_close(s);
    return honest;
}

static void test_full_disk(void)
{
    FILE *f = fopen(path_in("full.db"), "w");
    for (int i = 0; i < 200; i++) fputs("not a database, and the disk is full ", f);
    fclose(f);
    Err e;
    int rc = in_child(open_on_full_disk, &e);
    CHECK_GOT("a damaged file on a full disk is set aside, and no store is claimed", rc == 1, "set aside, NULL", "%d \"%s\"", rc, e.msg);
    CHECK_GOT("the message says no new database could be started", contains(e.msg, "no new database could be started"),
              "\"no new database could be started\"", "\"%s\"", e.msg);
    CHECK_GOT("and where the old one went", contains(e.msg, "full.db.broken-1"), "\"full.db.broken-1\"", "\"%s\"", e.msg);
}

static void test_future_schema(void)
{
    const char *db = path_in("future.db");
    sqlite3 *h;
    sqlite3_open(db, &h);
    sqlite3_exec(h, "PRAGMA journal_mode=DELETE; CREATE TABLE t (x); INSERT INTO t VALUES (1); PRAGMA user_version = 99;", NULL,
                 NULL, NULL);
    sqlite3_close(h);
    long before_len, after_len;
    char *before = read_all(db, &before_len);
    Err e;
    Store *s = store_open(db, &e);
    char *after = read_all(db, &after_len);
    CHECK_GOT("a database from a newer Pallay is refused", s == NULL && contains(e.msg, "newer"), "NULL, \"newer\"", "\"%s\"", e.msg);
    CHECK_GOT("its header still says rollback journal (bytes 18-19 are 1, 1)", after_len > 19 && after[18] == 1 && after[19] == 1,
              "1 1", "%d %d", after_len > 19 ? after[18] : -1, after_len > 19 ? after[19] : -1);
    CHECK_GOT("not one byte of it changed", before_len == after_len && memcmp(before, after, (size_t)before_len) == 0, "the same bytes",
              "%ld then %ld bytes, different", before_len, after_len);
    CHECK_INT("and no WAL was made beside it", file_len(path_in("future.db-wal")), -1);
    free(before);
    free(after);
    store_close(s);
}

static void test_one_line(void)
{
    Err e;
    err_set(&e, "*** in database main ***\nPage 7: btreeInitPage() returns error code 11\r\nPage 9: x\n");
    CHECK_STR("a multi-line message is folded onto one line", e.msg,
              "*** in database main ***; Page 7: btreeInitPage() returns error code 11; Page 9: x");
    /* A real one: a table's page overwritten, so that SQLite's check reports it over lines. */
    const char *db = path_in("pages.db");
    Store *s = store_open(db, &e);
    store_close(s);
    sqlite3 *h;
    sqlite3_open(db, &h);
    sqlite3_exec(h, "CREATE TABLE filler (x); WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 3000)"
                    " INSERT INTO filler SELECT 'row ' || i || ' of a table that fills pages' FROM c;"
                    " CREATE INDEX filler_x ON filler (x); PRAGMA wal_checkpoint(TRUNCATE);", NULL, NULL, NULL);
    /* A page of the filler table, wherever the schema before it ends: ten after its root. */
    sqlite3_stmt *st;
    long page = 60;
    if (sqlite3_prepare_v2(h, "SELECT rootpage FROM sqlite_master WHERE name = 'filler'", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        page = sqlite3_column_int(st, 0) + 10;
    sqlite3_finalize(st);
    sqlite3_close(h);
    FILE *f = fopen(db, "r+b");
    fseek(f, (page - 1) * 4096 + 100, SEEK_SET);
    for (int i = 0; i < 2000; i++) fputc(i % 7 ? 0x5A : 0x03, f);
    fclose(f);
    s = store_open(db, &e);
    CHECK_GOT("a damaged database is refused", s == NULL, "NULL", "a store");
    CHECK_GOT("with SQLite's report of several lines on one line", !strpbrk(e.msg, "\r\n") && contains(e.msg, "pages.db") &&
              contains(e.msg, "*** in database main ***; "), "one line naming the file, \"***; \"", "\"%s\"", e.msg);
    store_close(s);
}

/* ---- a WAL deleted under an open database ---- */

static int wait_byte(int fd)
{
    char c;
    return read(fd, &c, 1) == 1 ? c : -1;
}

static void test_vanished_wal(void)
{
    const char *db = path_in("wal.db");
    char wal[PALLAY_PATH_LEN + 8];
    snprintf(wal, sizeof wal, "%s-wal", db);
    int to_child[2], to_parent[2];
    if (pipe(to_child) < 0 || pipe(to_parent) < 0) return;
    pid_t pid = fork();
    if (pid == 0) {
        /* The kiosk: ten records, then (after the WAL is deleted) the check it makes after every
         * event, then it waits to be killed. */
        Err e;
        Store *s = store_open(db, &e);
        Learner l;
        static const char *const COLOURS[] = { "red", "blue", "green", "yellow", "white" };
        for (int i = 0; i < 10 && s; i++)
            if (records_add_learner(s, i < 5 ? "llama" : "sun", COLOURS[i % 5], &l, &e) < 0) {
                store_close(s);
                s = NULL;
            }
        char c = s ? 'r' : 'x';
        if (write(to_parent[1], &c, 1) < 0 || wait_byte(to_child[0]) != 'g') _exit(2);
        int rc = s ? store_watch(s, &e) : -1;
        if (write(to_parent[1], rc == 1 ? "1" : rc == 0 ? "0" : "-", 1) < 0 || write(to_parent[1], e.msg, strlen(e.msg) + 1) < 0) _exit(2);
        for (;;) pause();
    }
    int ready = wait_byte(to_parent[0]);
    CHECK_GOT("the kiosk wrote ten records", ready == 'r', "ready", "%c", ready);
    unlink(wal);
    Err e = { "" };
    Store *other = store_open(db, &e);
    CHECK_GOT("pallayctl, meanwhile, does not call the database damaged", other == NULL && !contains(e.msg, "damaged") &&
              !contains(e.msg, "522"), "no \"damaged\", no error code", "\"%s\"", e.msg);
    CHECK_GOT("it says the journal is missing", contains(e.msg, "missing"), "\"missing\"", "\"%s\"", e.msg);
    store_close(other);
    if (write(to_child[1], "g", 1) < 0) return;
    char said[PALLAY_ERR_LEN + 2] = "";
    ssize_t n = 0;
    for (ssize_t got; n < (ssize_t)sizeof said - 1 && (got = read(to_parent[0], said + n, 1)) == 1; n++)
        if (n > 0 && said[n] == '\0') break;
    CHECK_GOT("the kiosk notices that its WAL vanished", said[0] == '1' && contains(said + 1, "vanished"), "1 and \"vanished\"",
              "%c \"%s\"", said[0], said + 1);
    CHECK_GOT("and says its records were copied into the database", contains(said + 1, "copied into the database"),
              "\"copied into the database\"", "\"%s\"", said + 1);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    CHECK_INT("after a kill, all ten records are in the database", count_records(db), 10);
    Store *s = store_open(db, &e);
    CHECK_GOT("and it opens cleanly", s != NULL, "a store", "\"%s\"", e.msg);
    store_close(s);
}

int main(void)
{
    if (!mkdtemp(dir)) { perror(dir); return 2; }
    test_empty_file();
    test_read_only();
    test_full_disk();
    test_future_schema();
    test_one_line();
    test_vanished_wal();
    char cmd[PALLAY_PATH_LEN + 16];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return check_done();
}
