/* store: opening, migrating, the kiosk's identity. */
#include "store.h"
#include "../base/text.h"
#include "../config.h"
#include "schema.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>

struct Store {
    sqlite3 *db;
    char kiosk_id[37];
    int version;
};

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

/* mkdir -p of the folder that holds path. */
static int make_parent(const char *path, Err *e)
{
    char dir[PALLAY_PATH_LEN];
    if (text_copy(dir, sizeof dir, path) < 0) return err_set(e, "%s: path too long", path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir) return 0;
    *slash = '\0';
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(dir, 0755) < 0 && errno != EEXIST) return err_set(e, "%s: %s", dir, strerror(errno));
        *p = '/';
    }
    if (mkdir(dir, 0755) < 0 && errno != EEXIST) return err_set(e, "%s: %s", dir, strerror(errno));
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

static int read_int(Store *s, const char *sql, int *out)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
    int rc = sqlite3_step(st) == SQLITE_ROW ? (*out = sqlite3_column_int(st, 0), 0) : -1;
    sqlite3_finalize(st);
    return rc;
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

/* Reads the kiosk id, making it on the first start. */
static int identity(Store *s, const char *path, Err *e)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT id FROM kiosk LIMIT 1", -1, &st, NULL) != SQLITE_OK) goto fail;
    if (sqlite3_step(st) == SQLITE_ROW) {
        text_copy(s->kiosk_id, sizeof s->kiosk_id, (const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        return 0;
    }
    sqlite3_finalize(st);
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

Store *store_open(const char *path, Err *e)
{
    Store *s = xcalloc(1, sizeof *s);
    if (make_parent(path, e) < 0) goto fail;
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        err_set(e, "%s: %s", path, s->db ? sqlite3_errmsg(s->db) : "cannot be opened");
        goto fail;
    }
    sqlite3_busy_timeout(s->db, 2000);
    /* WAL with synchronous=FULL: a committed record survives a power cut. */
    if (exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", path, e) < 0) goto fail;
    if (migrate(s, path, e) < 0 || identity(s, path, e) < 0) goto fail;
    return s;
fail:
    store_close(s);
    return NULL;
}

void store_close(Store *s)
{
    if (!s) return;
    sqlite3_close(s->db);
    free(s);
}

const char *store_kiosk_id(const Store *s) { return s->kiosk_id; }
int store_schema_version(const Store *s) { return s->version; }
