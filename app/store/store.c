/* store: opening, migrating, the kiosk's identity, and the frame every record shares
 * (id, kiosk, sequence number, time and whether that time can be trusted). */
#include "store.h"
#include "../base/text.h"
#include "../config.h"
#include "schema.h"
#include "store_db.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_STMTS 96     /* prepared statements kept for reuse: every SQL string constant of store/ */

struct Store {
    sqlite3 *db;
    char kiosk_id[37];
    int version;
    char path[PALLAY_PATH_LEN];
    long long (*clock)(void);
    long long last_trusted;     /* latest trusted time of any record: the clock must not go back before it */
    struct { const char *sql; sqlite3_stmt *st; } stmts[MAX_STMTS];
    int nstmts;
    long long checkpointed;     /* sqlite3_total_changes when the WAL was last emptied */
    char wal[PALLAY_PATH_LEN + 8];  /* PATH-wal */
    dev_t wal_dev;                  /* the WAL file SQLite has open (0 if none yet) */
    ino_t wal_ino;
    char notice[PALLAY_ERR_LEN];    /* what store_watch has to say next ("" if nothing) */
    int reconnect_failed;           /* the connection could not be opened again after a vanished WAL */
};

long long store_wall_clock(void)
{
#ifdef PALLAY_TEST_HOOKS
    /* Tests (sanitizer build only): a kiosk whose clock is off by this many seconds, such as a
     * board that woke up in 1970. */
    const char *shift = getenv("PALLAY_TEST_CLOCK_SHIFT");
    if (shift) return (long long)time(NULL) + atoll(shift);
#endif
    return (long long)time(NULL);
}

static long long wall_clock(void) { return store_wall_clock(); }

int store_uuid(char out[37])
{
    unsigned char b[16];
    if (getrandom(b, sizeof b, 0) != (ssize_t)sizeof b) return -1;
    b[6] = (unsigned char)((b[6] & 0x0F) | 0x40);  /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3F) | 0x80);  /* RFC 4122 variant */
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return 0;
}


static int exec(Store *s, const char *sql, const char *path, Err *e)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK) return 0;
    err_set(e, "%s: %s", path, msg ? msg : sqlite3_errmsg(s->db));
    sqlite3_free(msg);
    return -1;
}

static int read_ll(Store *s, const char *sql, long long *out)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
    int rc = sqlite3_step(st) == SQLITE_ROW ? (*out = sqlite3_column_int64(st, 0), 0) : -1;
    sqlite3_finalize(st);
    return rc;
}

static int read_int(Store *s, const char *sql, int *out)
{
    long long v;
    if (read_ll(s, sql, &v) < 0) return -1;
    *out = (int)v;
    return 0;
}

/* Runs each missing migration in its own transaction, with the version bump inside it
 * (connect has read the version). */
static int migrate(Store *s, const char *path, Err *e)
{
    for (int v = s->version; v < SCHEMA_VERSION; v++) {
        char bump[64];
        snprintf(bump, sizeof bump, "PRAGMA user_version = %d;", v + 1);
        if (exec(s, "BEGIN IMMEDIATE;", path, e) < 0) return -1;
        if (exec(s, SCHEMA_MIGRATIONS[v], path, e) < 0 || exec(s, bump, path, e) < 0) {
            sqlite3_exec(s->db, "ROLLBACK;", NULL, NULL, NULL);
            return -1;
        }
        if (exec(s, "COMMIT;", path, e) < 0) return -1;
        s->version = v + 1;
    }
    return 0;
}

/* Adds a kiosk row with a new id, which new records carry from now on. */
static int new_kiosk_id(Store *s, const char *path, Err *e)
{
    sqlite3_stmt *st = NULL;
    if (store_uuid(s->kiosk_id) < 0) return err_set(e, "no random source for the kiosk id");
    if (sqlite3_prepare_v2(s->db, "INSERT INTO kiosk (id, created_at) VALUES (?, ?)", -1, &st, NULL) != SQLITE_OK) goto fail;
    sqlite3_bind_text(st, 1, s->kiosk_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)time(NULL));
    if (sqlite3_step(st) != SQLITE_DONE) goto fail;
    sqlite3_finalize(st);
    return 0;
fail:
    err_set(e, "%s: %s", path, sqlite3_errmsg(s->db));
    sqlite3_finalize(st);
    return -1;
}

/* Reads the kiosk id, making it on the first start. A kiosk that found itself on another
 * machine has several rows: the latest is its id now, the others stay on earlier records. */
static int identity(Store *s, const char *path, Err *e)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT id FROM kiosk ORDER BY rowid DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK) {
        err_set(e, "%s: %s", path, sqlite3_errmsg(s->db));
        return -1;
    }
    int found = sqlite3_step(st) == SQLITE_ROW;
    if (found) text_copy(s->kiosk_id, sizeof s->kiosk_id, (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return found ? 0 : new_kiosk_id(s, path, e);
}

int store_renew_kiosk_id(Store *s, Err *e)
{
    char old[37];
    text_copy(old, sizeof old, s->kiosk_id);
    if (new_kiosk_id(s, s->path, e) == 0) return 0;
    text_copy(s->kiosk_id, sizeof s->kiosk_id, old);
    return -1;
}

/* A quick structural check, so damage shows at start and not in the middle of a quiz. Only what
 * SQLite calls corrupt is "damaged"; a file it cannot read (an I/O error) is not. */
static int quick_check(Store *s, const char *path, Err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK)
        return err_set(e, "%s: %s", path, sqlite3_errmsg(s->db));
    int rc = sqlite3_step(st);
    const char *v = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    int ok = v && strcmp(v, "ok") == 0, code = sqlite3_errcode(s->db) & 0xFF;
    if (ok) {}
    else if (v || code == SQLITE_CORRUPT || code == SQLITE_NOTADB) err_set(e, "%s: damaged (%s)", path, v ? v : sqlite3_errmsg(s->db));
    else err_set(e, "%s: cannot be read (%s)", path, sqlite3_errmsg(s->db));
    sqlite3_finalize(st);
    return ok ? 0 : -1;
}

static off_t file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? sb.st_size : -1;
}

/* 1 if another process has the database open: SQLite's unix VFS keeps a read lock on byte 128
 * of the -shm file (its "DMS" byte) for as long as a connection is open. */
static int shm_in_use(const char *shm)
{
    int fd = open(shm, O_RDONLY);
    if (fd < 0) return 0;
    struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 128, .l_len = 1 };
    int used = fcntl(fd, F_GETLK, &lk) == 0 && lk.l_type != F_UNLCK;
    close(fd);
    return used;
}

/* Notes which WAL file SQLite has open now, so that store_watch sees it vanish. */
static void note_wal(Store *s)
{
    struct stat sb;
    if (stat(s->wal, &sb) == 0) { s->wal_dev = sb.st_dev; s->wal_ino = sb.st_ino; }
    else s->wal_dev = 0, s->wal_ino = 0;
}

/* Opens the connection with its settings. Nothing in the file changes before user_version has
 * been read and found known: a database from a newer Pallay is refused as it was, journal mode
 * included. */
static int connect(Store *s, Err *e)
{
    const char *path = s->path;
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
        return err_set(e, "%s: %s", path, s->db ? sqlite3_errmsg(s->db) : "cannot be opened");
    /* SQLite opens a file it may not write read-only, without a word: every save would fail. */
    if (sqlite3_db_readonly(s->db, "main") == 1)
        return err_set(e, "%s: read-only (the kiosk may not write it: check its owner and permissions)", path);
    /* The kiosk and pallayctl share the file: wait for the other's short transaction. */
    sqlite3_busy_timeout(s->db, PALLAY_BUSY_MS);
    if (read_int(s, "PRAGMA user_version", &s->version) < 0) return err_set(e, "%s: %s", path, sqlite3_errmsg(s->db));
    if (s->version > SCHEMA_VERSION)
        return err_set(e, "%s: made by a newer Pallay (schema %d, this one knows %d); nothing was changed", path, s->version,
                       SCHEMA_VERSION);
    /* WAL with synchronous=FULL: a committed record survives a power cut. secure_delete: what is
     * erased (a withdrawn name) is overwritten with zeros, not left in a free page. The WAL is
     * copied back often and cut back when it starts over, so a full disk or a lost WAL costs little. */
    char pragmas[256];
    snprintf(pragmas, sizeof pragmas, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
             " PRAGMA secure_delete=ON; PRAGMA wal_autocheckpoint=%d; PRAGMA journal_size_limit=%d;",
             PALLAY_WAL_PAGES, PALLAY_WAL_LIMIT);
    if (exec(s, pragmas, path, e) < 0) return -1;
    return 0;
}

Store *store_open(const char *path, Err *e)
{
    Store *s = xcalloc(1, sizeof *s);
    s->clock = wall_clock;
    text_copy(s->path, sizeof s->path, path);
    text_fmt(s->wal, sizeof s->wal, "%s-wal", path);
    char shm[PALLAY_PATH_LEN + 8];
    text_fmt(shm, sizeof shm, "%s-shm", path);
    if (text_make_parent(path, e) < 0) goto fail;
    /* An empty file is no database (one that SQLite would quietly start anew, as another kiosk):
     * unless its WAL holds what was written, it is damaged. */
    if (file_size(path) == 0 && file_size(s->wal) <= 0) {
        err_set(e, "%s: damaged (an empty file, not a database)", path);
        goto fail;
    }
    /* The index of a WAL without its WAL: the WAL was deleted, maybe under a program that still
     * has the database open. What it held is lost unless that program saves it (store_watch). */
    int wal_lost = text_file_exists(shm) && !text_file_exists(s->wal);
    if (wal_lost && shm_in_use(shm)) {
        /* Opening it now would start an empty WAL under that program: leave everything as it is. */
        err_set(e, "%s: its journal %s is missing while another program (the kiosk?) has the database open; nothing was "
                "changed: that program saves what it can when it notices", path, s->wal);
        goto fail;
    }
    if (connect(s, e) < 0 || quick_check(s, path, e) < 0) goto fail;
    if (wal_lost)
        text_fmt(s->notice, sizeof s->notice, "%s: its journal %s had been deleted: records saved since its last checkpoint "
                 "may be lost", path, s->wal);
    int before = s->version;
    if (migrate(s, path, e) < 0 || identity(s, path, e) < 0) goto fail;
    if (before < SCHEMA_VERSION && before > 0) store_scrub(s);  /* migration 4 may have moved names: no copy stays behind */
    note_wal(s);
    if (read_ll(s, "SELECT coalesce(max(created_at), 0) FROM record WHERE clock_ok = 1", &s->last_trusted) < 0) {
        err_set(e, "%s: %s", path, sqlite3_errmsg(s->db));
        goto fail;
    }
    return s;
fail:
    store_close(s);
    return NULL;
}

static void disconnect(Store *s)
{
    for (int i = 0; i < s->nstmts; i++) sqlite3_finalize(s->stmts[i].st);
    s->nstmts = 0;
    sqlite3_close(s->db);
    s->db = NULL;
}

void store_close(Store *s)
{
    if (!s) return;
    if (s->db && sqlite3_total_changes64(s->db) != s->checkpointed) store_checkpoint(s);
    disconnect(s);
    free(s);
}

int store_scrub(Store *s)
{
    /* A statement left stepped would keep a read open on this very connection, and the
     * checkpoint could not empty the WAL under it. */
    for (int i = 0; i < s->nstmts; i++) sqlite3_reset(s->stmts[i].st);
    int busy = 1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA wal_checkpoint(TRUNCATE)", -1, &st, NULL) != SQLITE_OK) return -1;
    if (sqlite3_step(st) == SQLITE_ROW) busy = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return busy ? -1 : 0;
}

/* 1 if the WAL file SQLite writes is no longer at PATH-wal (deleted or replaced). */
static int wal_vanished(Store *s)
{
    struct stat sb;
    if (!s->wal_ino) { note_wal(s); return 0; }
    return stat(s->wal, &sb) != 0 || sb.st_ino != s->wal_ino || sb.st_dev != s->wal_dev;
}

/* The WAL was deleted under the open database: what it holds is still readable through SQLite's
 * open file. A checkpoint copies it into the database file; a new connection starts a new WAL. */
static int rescue_wal(Store *s)
{
    int saved = store_scrub(s) == 0;
    disconnect(s);
    Err why;
    if (connect(s, &why) < 0) {
        text_fmt(s->notice, sizeof s->notice, "%s: its journal %s vanished and the database cannot be opened again: %s",
                 s->path, s->wal, why.msg);
        return -1;
    }
    note_wal(s);
    text_fmt(s->notice, sizeof s->notice, "%s: its journal %s vanished while open; %s", s->path, s->wal,
             saved ? "every record was copied into the database and a new journal started"
                   : "the records since the last checkpoint could not be copied back and may be lost");
    return 0;
}

int store_watch(Store *s, Err *e)
{
    int rc = 1;
    if (s->reconnect_failed || (!s->notice[0] && wal_vanished(s) && rescue_wal(s) < 0)) rc = -1;
    if (!s->notice[0]) return rc < 0 ? err_set(e, "%s: cannot be opened again", s->path) : 0;
    err_set(e, "%s", s->notice);
    s->notice[0] = '\0';
    return rc;
}

const char *store_kiosk_id(const Store *s) { return s->kiosk_id; }

int store_record_count(Store *s)
{
    int n = -1;
    /* Each kiosk's records are numbered 1, 2, 3... without a gap, so the count is the sum of
     * each kiosk's highest number: found through the (kiosk_id, seq) index, one kiosk after the
     * other, where count(*) would read every record (the summary screen asks on every visit). */
    static const char *const SQL =
        "WITH RECURSIVE k(id) AS (SELECT min(kiosk_id) FROM record"
        "  UNION ALL SELECT (SELECT min(kiosk_id) FROM record WHERE kiosk_id > k.id) FROM k WHERE k.id IS NOT NULL)"
        " SELECT coalesce(sum((SELECT max(seq) FROM record WHERE kiosk_id = k.id)), 0) FROM k WHERE k.id IS NOT NULL";
    return read_int(s, SQL, &n) < 0 ? -1 : n;
}
int store_schema_version(const Store *s) { return s->version; }

/* ---- Set aside a damaged file ---- */

/* Moves path (and its -wal and -shm companions) to path.broken-N, never replacing a file. */
static int set_aside(const char *path, char *aside, size_t n, Err *e)
{
    for (int i = 1; i < 1000; i++) {
        if (text_fmt(aside, n, "%s.broken-%d", path, i) < 0) return err_set(e, "%s: path too long", path);
        if (link(path, aside) == 0) break;  /* link, unlike rename, refuses to replace */
        if (errno != EEXIST) return err_set(e, "%s: cannot be set aside: %s", path, strerror(errno));
    }
    if (unlink(path) < 0) return err_set(e, "%s: cannot be set aside: %s", path, strerror(errno));
    static const char *const extra[] = { "-wal", "-shm", "-journal" };
    for (size_t i = 0; i < sizeof extra / sizeof *extra; i++) {
        char from[PALLAY_PATH_LEN + 16], to[PALLAY_PATH_LEN + 16];
        snprintf(from, sizeof from, "%s%s", path, extra[i]);
        snprintf(to, sizeof to, "%s%s", aside, extra[i]);
        if (text_file_exists(from) && rename(from, to) < 0) return err_set(e, "%s: cannot be set aside: %s", from, strerror(errno));
    }
    return 0;
}

Store *store_open_or_set_aside(const char *path, char *aside, size_t n, Err *e)
{
    aside[0] = '\0';
    Store *s = store_open(path, e);
    if (s || !text_file_exists(path)) return s;
    /* Only a file SQLite calls damaged is set aside; one we may not read or write stays where
     * it is, since nothing is wrong with its contents. */
    sqlite3 *db = NULL;
    int damaged = 0;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_busy_timeout(db, PALLAY_BUSY_MS);
        int rc = sqlite3_exec(db, "PRAGMA quick_check", NULL, NULL, NULL);
        damaged = rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT || strstr(e->msg, "damaged") != NULL;
    }
    sqlite3_close(db);
    if (!damaged) return NULL;
    Err why = *e, again;
    if (set_aside(path, aside, n, e) < 0) { aside[0] = '\0'; return NULL; }
    s = store_open(path, &again);
    /* The caller tells what was wrong with the old file, and whether a new one could be started
     * (on a full disk, none can). */
    if (s) *e = why;
    else err_set(e, "%s; set aside as %s, but no new database could be started: %s", why.msg, aside, again.msg);
    return s;
}

/* ---- What records.c builds on ---- */

sqlite3 *store_db(Store *s) { return s->db; }
void store_set_clock(Store *s, long long (*clock)(void)) { s->clock = clock ? clock : wall_clock; }
long long store_now(Store *s) { return s->clock(); }

void store_bind_opt(sqlite3_stmt *st, int i, const char *v)
{
    if (v && *v) sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, i);
}

int store_fail(Store *s, Err *e)
{
    return err_set(e, "%s: %s", s->path, sqlite3_errmsg(s->db));
}

sqlite3_stmt *store_stmt(Store *s, const char *sql, Err *e)
{
    for (int i = 0; i < s->nstmts; i++)
        if (s->stmts[i].sql == sql) {
            sqlite3_reset(s->stmts[i].st);
            sqlite3_clear_bindings(s->stmts[i].st);
            return s->stmts[i].st;
        }
    expect(s->nstmts < MAX_STMTS);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        store_fail(s, e);
        return NULL;
    }
    s->stmts[s->nstmts].sql = sql;
    s->stmts[s->nstmts++].st = st;
    return st;
}

sqlite3_stmt *store_done(sqlite3_stmt *st)
{
    if (st) sqlite3_reset(st);
    return NULL;
}

int store_fail_stmt(Store *s, sqlite3_stmt *st, Err *e)
{
    store_fail(s, e);   /* before the reset, while the message is still the step's */
    store_done(st);
    return -1;
}

int store_end(Store *s, sqlite3_stmt *st, int rc, Err *e)
{
    if (rc != SQLITE_DONE) return store_fail_stmt(s, st, e);
    store_done(st);
    return 0;
}

int store_write_begin(Store *s, Err *e)
{
    for (int i = 1;; i++) {
        int rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (rc == SQLITE_OK) return 0;
        /* Busy past the timeout: nothing was done yet, so trying again is safe. */
        if (rc != SQLITE_BUSY || i == PALLAY_BUSY_TRIES) return store_fail(s, e);
    }
}

int store_settle(Store *s, char *what, size_t n)
{
    int found = 0;
    if (what && n) what[0] = '\0';
    for (sqlite3_stmt *st = sqlite3_next_stmt(s->db, NULL); st; st = sqlite3_next_stmt(s->db, st)) {
        if (!sqlite3_stmt_busy(st)) continue;
        if (!found++ && what) text_fmt(what, n, "%.60s", sqlite3_sql(st));
        sqlite3_reset(st);
    }
    if (!sqlite3_get_autocommit(s->db)) {
        if (!found++ && what) text_copy(what, n, "an open transaction");
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    }
    return found;
}

int store_checkpoint(Store *s)
{
    long long changes = sqlite3_total_changes64(s->db);
    /* Nobody is kept waiting: a reader or a writer in the other program means "later". */
    sqlite3_busy_timeout(s->db, 0);
    int log = 0, done = 0;
    int rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
    sqlite3_busy_timeout(s->db, PALLAY_BUSY_MS);
    if (rc == SQLITE_OK) s->checkpointed = changes;
    return rc == SQLITE_OK ? 1 : (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED ? 0 : -1;
}

int store_checkpoint_due(Store *s)
{
    return sqlite3_total_changes64(s->db) != s->checkpointed;
}

int store_record_begin(Store *s, const char *kind, char id[37], Err *e)
{
    static const char *const NEXT = "SELECT coalesce(max(seq), 0) + 1 FROM record WHERE kiosk_id = ?";
    /* boot: the latest start of the kiosk (schema.h, migration 7). */
    static const char *const ADD = "INSERT INTO record (id, kiosk_id, seq, kind, created_at, clock_ok, boot) VALUES (?, ?, ?, ?, ?, ?,"
                                   " (SELECT id FROM kiosk_event WHERE kind = 'start' ORDER BY id DESC LIMIT 1))";
    if (store_uuid(id) < 0) return err_set(e, "no random source for a record id");
    if (store_write_begin(s, e) < 0) return -1;
    sqlite3_stmt *st = store_stmt(s, NEXT, e);
    if (!st) goto fail;
    sqlite3_bind_text(st, 1, s->kiosk_id, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW) { store_fail(s, e); goto fail; }
    long long seq = sqlite3_column_int64(st, 0);
    store_done(st);
    long long now = s->clock();
    int ok = store_clock_trusted(now, s->last_trusted);
    if (!(st = store_stmt(s, ADD, e))) goto fail;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, s->kiosk_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, seq);
    sqlite3_bind_text(st, 4, kind, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, now);
    sqlite3_bind_int(st, 6, ok);
    if (sqlite3_step(st) != SQLITE_DONE) { store_fail(s, e); goto fail; }
    store_done(st);
    if (ok && now > s->last_trusted) s->last_trusted = now;
    return 0;
fail:
    store_done(st);
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

int store_record_commit(Store *s, Err *e)
{
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK) {
        /* A record committed into a WAL that was deleted would die with the next power cut. */
        if (!s->notice[0] && wal_vanished(s) && rescue_wal(s) < 0) s->reconnect_failed = 1;
        return 0;
    }
    store_fail(s, e);
    store_record_abort(s);
    return -1;
}

int store_record_finish(Store *s, sqlite3_stmt *st, Err *e)
{
    if (!st) { store_record_abort(s); return -1; }
    if (sqlite3_step(st) != SQLITE_DONE) {
        store_fail(s, e);
        store_done(st);
        store_record_abort(s);
        return -1;
    }
    store_done(st);
    return store_record_commit(s, e);
}

void store_record_abort(Store *s)
{
    if (!sqlite3_get_autocommit(s->db)) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_clock_trusted(long long now, long long last_trusted)
{
    /* A minute of slack: clocks are stepped by a few seconds when they are set. */
    return now >= PALLAY_CLOCK_FLOOR && now + 60 >= last_trusted;
}
