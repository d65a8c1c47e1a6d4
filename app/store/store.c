/* store: opening, migrating, the kiosk's identity, and the frame every record shares
 * (id, kiosk, sequence number, time and whether that time can be trusted). */
#include "store.h"
#include "../base/text.h"
#include "../config.h"
#include "schema.h"
#include "store_db.h"

#include <errno.h>
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
};

static long long wall_clock(void) { return (long long)time(NULL); }

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

/* Runs each missing migration in its own transaction, with the version bump inside it. */
static int migrate(Store *s, const char *path, Err *e)
{
    if (read_int(s, "PRAGMA user_version", &s->version) < 0) return err_set(e, "%s: %s", path, sqlite3_errmsg(s->db));
    if (s->version > SCHEMA_VERSION)
        return err_set(e, "%s: made by a newer Pallay (schema %d, this one knows %d)", path, s->version, SCHEMA_VERSION);
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

/* A quick structural check, so damage shows at start and not in the middle of a quiz. */
static int quick_check(Store *s, const char *path, Err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK)
        return err_set(e, "%s: %s", path, sqlite3_errmsg(s->db));
    int rc = sqlite3_step(st);
    const char *v = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    int ok = v && strcmp(v, "ok") == 0;
    if (!ok) err_set(e, "%s: damaged (%s)", path, v ? v : sqlite3_errmsg(s->db));
    sqlite3_finalize(st);
    return ok ? 0 : -1;
}

Store *store_open(const char *path, Err *e)
{
    Store *s = xcalloc(1, sizeof *s);
    s->clock = wall_clock;
    text_copy(s->path, sizeof s->path, path);
    if (text_make_parent(path, e) < 0) goto fail;
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        err_set(e, "%s: %s", path, s->db ? sqlite3_errmsg(s->db) : "cannot be opened");
        goto fail;
    }
    sqlite3_busy_timeout(s->db, 2000);
    /* WAL with synchronous=FULL: a committed record survives a power cut. */
    if (exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", path, e) < 0) goto fail;
    if (quick_check(s, path, e) < 0 || migrate(s, path, e) < 0 || identity(s, path, e) < 0) goto fail;
    if (read_ll(s, "SELECT coalesce(max(created_at), 0) FROM record WHERE clock_ok = 1", &s->last_trusted) < 0) {
        err_set(e, "%s: %s", path, sqlite3_errmsg(s->db));
        goto fail;
    }
    return s;
fail:
    store_close(s);
    return NULL;
}

void store_close(Store *s)
{
    if (!s) return;
    for (int i = 0; i < s->nstmts; i++) sqlite3_finalize(s->stmts[i].st);
    sqlite3_close(s->db);
    free(s);
}

const char *store_kiosk_id(const Store *s) { return s->kiosk_id; }

int store_record_count(Store *s)
{
    int n = -1;
    return read_int(s, "SELECT count(*) FROM record", &n) < 0 ? -1 : n;
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
        int rc = sqlite3_exec(db, "PRAGMA quick_check", NULL, NULL, NULL);
        damaged = rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT || strstr(e->msg, "damaged") != NULL;
    }
    sqlite3_close(db);
    if (!damaged) return NULL;
    Err why = *e;
    if (set_aside(path, aside, n, e) < 0) { aside[0] = '\0'; return NULL; }
    s = store_open(path, e);
    if (s) *e = why;    /* the caller tells what was wrong with the old file */
    return s;
}

/* ---- What records.c builds on ---- */

sqlite3 *store_db(Store *s) { return s->db; }
void store_set_clock(Store *s, long long (*clock)(void)) { s->clock = clock ? clock : wall_clock; }

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

int store_record_begin(Store *s, const char *kind, char id[37], Err *e)
{
    static const char *const NEXT = "SELECT coalesce(max(seq), 0) + 1 FROM record WHERE kiosk_id = ?";
    static const char *const ADD = "INSERT INTO record (id, kiosk_id, seq, kind, created_at, clock_ok) VALUES (?, ?, ?, ?, ?, ?)";
    if (store_uuid(id) < 0) return err_set(e, "no random source for a record id");
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) return store_fail(s, e);
    sqlite3_stmt *st = store_stmt(s, NEXT, e);
    if (!st) goto fail;
    sqlite3_bind_text(st, 1, s->kiosk_id, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW) { store_fail(s, e); goto fail; }
    long long seq = sqlite3_column_int64(st, 0);
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
    if (ok && now > s->last_trusted) s->last_trusted = now;
    return 0;
fail:
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

int store_record_commit(Store *s, Err *e)
{
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK) return 0;
    store_fail(s, e);
    store_record_abort(s);
    return -1;
}

int store_record_finish(Store *s, sqlite3_stmt *st, Err *e)
{
    if (!st) { store_record_abort(s); return -1; }
    if (sqlite3_step(st) != SQLITE_DONE) {
        store_fail(s, e);
        store_record_abort(s);
        return -1;
    }
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
