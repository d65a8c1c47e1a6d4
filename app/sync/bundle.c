/* bundle: the kiosk database is attached to an in-memory one, the rows of one seq range are
 * copied table by table (with each table's own CREATE statement, so the coordinator's copy
 * has the kiosk's schema), and sqlite3_serialize hands the whole as one buffer to age. */
#include "bundle.h"
#include "../base/hold.h"
#include "../base/text.h"
#include "../store/store.h"
#include "age.h"
#include "minisign.h"

#include <dirent.h>
#include <stdarg.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

/* Every table a bundle carries: the one place to add what records leave the kiosk. column
 * names the record each row belongs to; kind, the record kind whose rows these are (NULL for a
 * table of details keyed by another record, which then needs an index on column). PINs (pin,
 * pin_try) never leave the kiosk. */
static const struct { const char *table, *column, *kind; } TABLES[] = {
    { "learner", "id", "learner" }, { "module_open", "id", "module_open" }, { "completion", "id", "completion" },
    { "attempt", "id", "attempt" }, { "answer", "id", "answer" }, { "attempt_end", "id", "attempt_end" },
    { "void", "id", "void" }, { "facilitator", "id", "facilitator" }, { "community", "id", "community" },
    { "participant", "id", "participant" }, { "workshop", "id", "workshop" }, { "workshop_close", "id", "workshop_close" },
    { "attendance", "id", "attendance" }, { "ppe_delivery", "id", "ppe_delivery" },
    /* Her name and year, only while she consents (encrypted to the network like everything
     * here), and the withdrawals that erase them at the coordinator's end too. */
    { "person", "id", "participant" }, { "withdrawal", "id", "withdrawal" },
    /* What the network's server said the time was: the network corrects the times of records
     * made during the same start of the kiosk (record.boot) by its offset. */
    { "clock", "id", "clock" },
    /* Her voice: what it is about, and the recording sealed to the network (schema.h,
     * migration 8). A bundle made again after a handover has no audio left to carry. */
    { "voice_report", "id", "voice_report" }, { "voice_audio", "id", "voice_report" },
};
#define NTABLES (int)(sizeof TABLES / sizeof *TABLES)

const char *bundle_table(int i)
{
    return i >= 0 && i < NTABLES ? TABLES[i].table : NULL;
}

/* A bundle's untrusted comment, which no signature covers: the kiosk id, from the trusted one. */
static const char UNTRUSTED[] = "signature from pallay kiosk ";

static int db_fail(sqlite3 *db, const char *what, Err *e)
{
    return err_set(e, "bundle: %s: %s", what, sqlite3_errmsg(db));
}

/* Runs one statement with up to three integer or text parameters ("ilt" per character). */
static int run(sqlite3 *db, const char *sql, Err *e, const char *types, ...)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return db_fail(db, sql, e);
    va_list ap;
    va_start(ap, types);
    for (int i = 0; types && types[i]; i++) {
        if (types[i] == 'i') sqlite3_bind_int64(st, i + 1, va_arg(ap, long long));
        else sqlite3_bind_text(st, i + 1, va_arg(ap, const char *), -1, SQLITE_TRANSIENT);
    }
    va_end(ap);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        db_fail(db, sql, e);
        sqlite3_finalize(st);
        return -1;
    }
    sqlite3_finalize(st);
    return 0;
}

static long long read_ll(sqlite3 *db, const char *sql, const char *kiosk, long long def)
{
    sqlite3_stmt *st;
    long long v = def;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return def;
    if (kiosk) sqlite3_bind_text(st, 1, kiosk, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static int put(sqlite3 *db, const char *key, const char *value, Err *e)
{
    return run(db, "INSERT INTO header (key, value) VALUES (?, ?)", e, "tt", key, value);
}

static int put_ll(sqlite3 *db, const char *key, long long value, Err *e)
{
    char v[32];
    snprintf(v, sizeof v, "%lld", value);
    return put(db, key, v, e);
}

/* The kiosk's starts since the last bundle, how many of them followed no clean stop (a power
 * loss, or the kiosk was killed), and its latest faults. */
static int put_events(sqlite3 *db, long long from, BundleInfo *info, Err *e)
{
    if (read_ll(db, "SELECT 1 FROM k.sqlite_master WHERE name = 'kiosk_event'", NULL, 0) != 1) return 0;
    char sql[400];
    info->events_upto = read_ll(db, "SELECT coalesce(max(id), 0) FROM k.kiosk_event", NULL, 0);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM k.kiosk_event WHERE kind = 'start' AND id > %lld", from);
    if (put_ll(db, "restarts", read_ll(db, sql, NULL, 0), e) < 0) return -1;
    snprintf(sql, sizeof sql, "SELECT count(*) FROM k.kiosk_event s WHERE s.kind = 'start' AND s.id > %lld AND (SELECT p.kind FROM"
             " k.kiosk_event p WHERE p.id < s.id AND p.kind IN ('start', 'stop') ORDER BY p.id DESC LIMIT 1) = 'start'", from);
    if (put_ll(db, "power_losses", read_ll(db, sql, NULL, 0), e) < 0) return -1;
    snprintf(sql, sizeof sql, "INSERT INTO header SELECT 'error.' || (row_number() OVER (ORDER BY id DESC)), at || ' ' || detail"
             " FROM k.kiosk_event WHERE kind = 'error' AND id > %lld ORDER BY id DESC LIMIT 5", from);
    return run(db, sql, e, NULL);
}

/* The latest trusted time the kiosk heard (schema.h, migration 7): clock_offset (server minus
 * kiosk, seconds), clock_checked_at (the server's time then) and clock_boot (the start of the
 * kiosk it holds for). Nothing when the kiosk never heard one. */
static int put_clock(sqlite3 *db, const char *kiosk, Err *e)
{
    if (read_ll(db, "SELECT 1 FROM k.sqlite_master WHERE type = 'table' AND name = 'clock'", NULL, 0) != 1) return 0;
    return run(db,
               "WITH last AS (SELECT c.server_time - c.kiosk_time AS off, c.server_time AS at, r.boot AS boot"
               "  FROM k.clock c JOIN k.record r ON r.id = c.id WHERE r.kiosk_id = ? ORDER BY r.seq DESC LIMIT 1)"
               " INSERT INTO header SELECT 'clock_offset', CAST(off AS TEXT) FROM last"
               " UNION ALL SELECT 'clock_checked_at', CAST(at AS TEXT) FROM last"
               " UNION ALL SELECT 'clock_boot', CAST(boot AS TEXT) FROM last WHERE boot IS NOT NULL",
               e, "t", kiosk);
}

/* The kiosk's health as the platform tells it: free disk, uptime, battery (where there is one). */
static int put_health(sqlite3 *db, const char *dbpath, Err *e)
{
    char dir[PALLAY_PATH_LEN];
    text_copy(dir, sizeof dir, dbpath);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = '\0';
    struct statvfs fs;
    if (statvfs(slash ? dir : ".", &fs) == 0 && put_ll(db, "free_disk_bytes", (long long)fs.f_bavail * (long long)fs.f_frsize, e) < 0)
        return -1;
    double up;
    FILE *f = fopen("/proc/uptime", "r");
    if (f) {
        if (fscanf(f, "%lf", &up) == 1 && put_ll(db, "uptime_s", (long long)up, e) < 0) { fclose(f); return -1; }
        fclose(f);
    }
    DIR *d = opendir("/sys/class/power_supply");
    struct dirent *ent;
    while (d && (ent = readdir(d))) {
        char path[PALLAY_PATH_LEN];
        int pct;
        if (ent->d_name[0] == '.' || text_fmt(path, sizeof path, "/sys/class/power_supply/%s/capacity", ent->d_name) < 0) continue;
        if (!(f = fopen(path, "r"))) continue;
        int ok = fscanf(f, "%d", &pct) == 1;
        fclose(f);
        if (ok) {
            closedir(d);
            return put_ll(db, "battery_percent", pct, e);
        }
    }
    if (d) closedir(d);
    return 0;
}

/* Makes the bundle's copy of a kiosk table (its columns and their types; no keys or indexes,
 * which would only slow the copy: the bundle is read whole and merged by id) and copies the
 * rows of the records already in main.record, looked up by the kiosk table's own key. A table
 * the kiosk's schema does not have yet is left out. */
static int copy_table(sqlite3 *db, const char *table, const char *column, const char *kind, Err *e)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT 1 FROM k.sqlite_master WHERE type = 'table' AND name = '%s'", table);
    if (read_ll(db, sql, NULL, 0) != 1) return 0;
    snprintf(sql, sizeof sql, "CREATE TABLE main.\"%s\" AS SELECT * FROM k.\"%s\" WHERE 0", table, table);
    if (run(db, sql, e, NULL) < 0) return -1;
    if (strcmp(table, "record") == 0) return 0;     /* its rows are the range itself, copied by the caller */
    /* Driven by the records of the range (CROSS JOIN keeps that order): the export costs what
     * it sends, not what the kiosk has ever recorded. */
    snprintf(sql, sizeof sql, "INSERT INTO main.\"%s\" SELECT t.* FROM main.record r CROSS JOIN k.\"%s\" t ON t.\"%s\" = r.id%s%s%s",
             table, table, column, kind ? " WHERE r.kind = '" : "", kind ? kind : "", kind ? "'" : "");
    return run(db, sql, e, NULL);
}

unsigned char *bundle_build(const char *dbpath, const KioskKey *k, const BundleRange *range, size_t *n, BundleInfo *info, Err *e)
{
    sqlite3 *db = NULL;
    unsigned char *plain = NULL;
    sqlite3_int64 size = 0;
    int attached = 0, began = 0;
    info->records = 0;
    e->msg[0] = '\0';    /* stays empty when there is simply nothing to send */
    *n = 0;
    if (!text_file_exists(dbpath)) {
        err_set(e, "%s: no such database", dbpath);
        return NULL;
    }
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        err_set(e, "bundle: cannot open a database in memory");
        goto fail;
    }
    sqlite3_busy_timeout(db, 2000);
    if (run(db, "ATTACH DATABASE ? AS k", e, "t", dbpath) < 0) goto fail;
    attached = 1;
    /* One read transaction: the kiosk goes on saving, the bundle sees one moment. */
    if (run(db, "BEGIN", e, NULL) < 0) goto fail;
    began = 1;
    const char *kiosk = range->kiosk_id ? range->kiosk_id : k->kiosk_id;
    text_copy(info->kiosk_id, sizeof info->kiosk_id, kiosk);
    long long last = range->last ? range->last : read_ll(db, "SELECT max(seq) FROM k.record WHERE kiosk_id = ?", kiosk, 0);
    long long first = range->first ? range->first : 1;
    if (copy_table(db, "record", "id", NULL, e) < 0) goto fail;
    if (run(db, "INSERT INTO main.record SELECT * FROM k.record WHERE kiosk_id = ? AND seq BETWEEN ? AND ?", e, "tii", kiosk,
            first, last) < 0)
        goto fail;
    info->records = read_ll(db, "SELECT count(*) FROM main.record", NULL, 0);
    info->first = first;
    info->last = last;
    if (info->records == 0) goto done;
    for (int i = 0; i < NTABLES; i++)
        if (copy_table(db, TABLES[i].table, TABLES[i].column, TABLES[i].kind, e) < 0) goto fail;
    if (run(db, "CREATE TABLE header (key TEXT PRIMARY KEY, value)", e, NULL) < 0) goto fail;
    char pk[MINISIGN_PUBLIC_B64 + 1];
    minisign_public_base64(&k->pk, pk);
    long long now = (long long)time(NULL);
    long long last_trusted = read_ll(db, "SELECT max(created_at) FROM k.record WHERE clock_ok = 1", NULL, 0);
    if (put_ll(db, "format", BUNDLE_FORMAT, e) < 0 || put(db, "kiosk_id", kiosk, e) < 0 || put(db, "kiosk_key", pk, e) < 0 ||
        (strcmp(kiosk, k->kiosk_id) != 0 && put(db, "signed_by", k->kiosk_id, e) < 0) ||
        put_ll(db, "first_seq", first, e) < 0 || put_ll(db, "last_seq", last, e) < 0 || put_ll(db, "records", info->records, e) < 0 ||
        put_ll(db, "schema_version", read_ll(db, "PRAGMA k.user_version", NULL, 0), e) < 0 ||
        put(db, "content_version", range->content_version ? range->content_version : "", e) < 0 ||
        put(db, "pallay_version", PALLAY_VERSION, e) < 0 || put_ll(db, "exported_at", now, e) < 0 ||
        put_ll(db, "clock_trusted", store_clock_trusted(now, last_trusted), e) < 0 || put_health(db, dbpath, e) < 0 ||
        put_events(db, range->events_from, info, e) < 0 || put_clock(db, kiosk, e) < 0 ||
        run(db, "INSERT INTO header SELECT 'records.' || kind, count(*) FROM main.record GROUP BY kind ORDER BY kind", e, NULL) < 0)
        goto fail;
done:
    run(db, "COMMIT", e, NULL);
    began = 0;
    if (run(db, "DETACH DATABASE k", e, NULL) < 0) goto fail;
    attached = 0;
    if (info->records == 0) goto fail;
    plain = sqlite3_serialize(db, "main", &size, 0);
    if (!plain) err_set(e, "bundle: cannot serialize (out of memory)");
    *n = (size_t)size;
fail:
    if (began) sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    if (attached) sqlite3_exec(db, "DETACH DATABASE k", NULL, NULL, NULL);
    sqlite3_close(db);
    return plain;
}

void bundle_free_plain(unsigned char *plain, size_t n)
{
    if (!plain) return;
    sodium_memzero(plain, n);
    sqlite3_free(plain);
}

/* Says why a file operation failed, keeping its errno for the caller (a full stick is not a
 * read-only one). Returns 0, as the "it worked" flag of the step that failed. */
static int sys_fail(Err *e, BundleInfo *info, const char *path)
{
    info->errnum = errno;
    err_set(e, "%s: %s", path, strerror(info->errnum));
    return 0;
}

/* Tests only: the first bundle written but not yet renamed waits on PALLAY_TEST_HOLD (see
 * hold), so a test can pull the stick or kill the kiosk at exactly that moment. */
static void test_hold(const char *tmp)
{
    static int held;
    char what[PALLAY_PATH_LEN + 16];
    if (held++) return;
    snprintf(what, sizeof what, "%.*s written", PALLAY_PATH_LEN, tmp);
    hold("PALLAY_TEST_HOLD", what);
}

/* Syncs a file or folder to the disk. */
static int sync_path(const char *path, int folder)
{
    int fd = open(path, folder ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0) return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

int bundle_export(const char *db, const KioskKey *k, const unsigned char recipient[32], const BundleRange *range, const char *dir,
                  BundleInfo *info, Err *e)
{
    char tmp[PALLAY_PATH_LEN + 16], sigpath[PALLAY_PATH_LEN + 16], text[MINISIGN_TEXT], trusted[MINISIGN_COMMENT], pk[MINISIGN_PUBLIC_B64 + 1];
    size_t n;
    memset(info, 0, sizeof *info);
    unsigned char *plain = bundle_build(db, k, range, &n, info, e);
    if (!plain) return info->records == 0 && !e->msg[0] ? 0 : -1;
    int rc = -1;
    if (text_fmt(info->path, sizeof info->path, "%s/pallay-%s-%lld-%lld.age", dir, info->kiosk_id, info->first, info->last) < 0 ||
        text_fmt(tmp, sizeof tmp, "%s.tmp", info->path) < 0 || text_fmt(sigpath, sizeof sigpath, "%s.minisig", info->path) < 0) {
        err_set(e, "%s: path too long", dir);
        bundle_free_plain(plain, n);
        return -1;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!f) {
        sys_fail(e, info, tmp);
        if (fd >= 0) close(fd);
        bundle_free_plain(plain, n);
        return -1;
    }
    errno = 0;
    int wrote = age_encrypt(f, recipient, plain, n, e) == 0;
    if (!wrote) info->errnum = errno;
    bundle_free_plain(plain, n);
    if (wrote && (fflush(f) != 0 || fsync(fileno(f)) != 0)) wrote = sys_fail(e, info, tmp);
    if (fclose(f) != 0 && wrote) wrote = sys_fail(e, info, tmp);
    if (!wrote) goto fail;
    test_hold(tmp);
    /* Read back what landed: the signature covers the bytes on the disk, not those in memory. */
    if (!(f = fopen(tmp, "rb"))) { sys_fail(e, info, tmp); goto fail; }
    errno = 0;
    int hashed = minisign_hash_file(f, info->hash, e) == 0;
    if (!hashed) info->errnum = errno;
    info->size = ftell(f);
    fclose(f);
    if (!hashed) goto fail;
    minisign_public_base64(&k->pk, pk);
    snprintf(trusted, sizeof trusted, "pallay bundle %d kiosk=%s seq=%lld-%lld records=%lld size=%lld key=%s", BUNDLE_FORMAT,
             info->kiosk_id, info->first, info->last, info->records, info->size, pk);
    char untrusted[128];
    snprintf(untrusted, sizeof untrusted, "%s%s", UNTRUSTED, info->kiosk_id);
    if (minisign_sign(&k->sk, info->hash, untrusted, trusted, text, sizeof text, e) < 0) goto fail;
    if (minisign_verify(&k->pk, text, info->hash, NULL, 0, NULL, e) != 0) goto fail;
    if (identity_write_file(sigpath, text, 0644, 1, e) < 0) { info->errnum = errno; goto fail; }
    if (rename(tmp, info->path) != 0) { sys_fail(e, info, info->path); unlink(sigpath); goto fail; }
    if (sync_path(dir, 1) != 0) { sys_fail(e, info, dir); goto fail; }
    receipt_code(info->hash, info->receipt);
    rc = 0;
fail:
    if (rc < 0) unlink(tmp);
    return rc;
}

int bundle_verify_file(const char *path, const MinisignPublic *pk, const unsigned char expect[64], int *errnum, Err *e)
{
    char sigpath[PALLAY_PATH_LEN + 16];
    unsigned char hash[64];
    *errnum = 0;
    if (text_fmt(sigpath, sizeof sigpath, "%s.minisig", path) < 0) return err_set(e, "%s: path too long", path);
    errno = 0;
    FILE *f = fopen(path, "rb");
    int hashed = f && minisign_hash_file(f, hash, e) == 0;
    if (f) fclose(f);
    char *sig = hashed ? text_read_file(sigpath, NULL) : NULL;
    if (!sig) {
        *errnum = errno ? errno : EIO;
        return err_set(e, "%s: cannot be read back: %s", hashed ? sigpath : path, strerror(*errnum));
    }
    int rc = minisign_verify(pk, sig, hash, NULL, 0, NULL, e);
    free(sig);
    if (rc != 0) return err_set(e, "%s: read back, the signature does not match", path);
    if (expect && memcmp(hash, expect, 64) != 0) return err_set(e, "%s: read back, other bytes than were written", path);
    return 0;
}

int bundle_check_comments(const char *trusted, const char *untrusted, Err *e)
{
    static const char BUNDLE[] = "pallay bundle ";
    if (strncmp(trusted, BUNDLE, strlen(BUNDLE)) != 0) return 0;
    const char *kiosk = strstr(trusted, " kiosk=");
    size_t len = kiosk ? strcspn(kiosk + 7, " ") : 0;
    if (!kiosk || strncmp(untrusted, UNTRUSTED, strlen(UNTRUSTED)) != 0 || strlen(untrusted) != strlen(UNTRUSTED) + len ||
        strncmp(untrusted + strlen(UNTRUSTED), kiosk + 7, len) != 0)
        return err_set(e, "bad signature: the untrusted comment was changed");
    return 0;
}

/* Reads one header value as text into out (n bytes): "" when absent. */
static void header_text(sqlite3 *db, const char *schema, const char *key, char *out, size_t n)
{
    char sql[128];
    sqlite3_stmt *st;
    out[0] = '\0';
    snprintf(sql, sizeof sql, "SELECT value FROM \"%s\".header WHERE key = ?", schema);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)) text_copy(out, n, (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

int bundle_attach(sqlite3 *db, const char *schema, unsigned char *plain, size_t n, const char *key, Err *e)
{
    char sql[128], value[128];
    if (n < 100 || memcmp(plain, "SQLite format 3", 16) != 0) return err_set(e, "unknown format: the contents are not a Pallay bundle");
    /* A schema attached already (inside a transaction, where ATTACH is refused) is reopened on
     * the bundle by sqlite3_deserialize. */
    if (strcmp(schema, "main") != 0 && !sqlite3_db_filename(db, schema)) {
        snprintf(sql, sizeof sql, "ATTACH DATABASE ':memory:' AS \"%s\"", schema);
        if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) return db_fail(db, "attach", e);
    }
    /* Attached, it is not read-only: BEGIN IMMEDIATE would refuse to lock it. No statement
     * writes to it all the same. */
    unsigned flags = strcmp(schema, "main") == 0 ? SQLITE_DESERIALIZE_READONLY : 0;
    if (sqlite3_deserialize(db, schema, plain, (sqlite3_int64)n, (sqlite3_int64)n, flags) != SQLITE_OK) {
        err_set(e, "unknown format: the contents are not a database");
        goto fail;
    }
    snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\".header", schema);
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
        err_set(e, "unknown format: the bundle has no header");
        goto fail;
    }
    header_text(db, schema, "format", value, sizeof value);
    if (atoi(value) != BUNDLE_FORMAT) {
        err_set(e, "unknown format: bundle format %d, this Pallay reads %d", atoi(value), BUNDLE_FORMAT);
        goto fail;
    }
    header_text(db, schema, "kiosk_key", value, sizeof value);
    if (key && strcmp(value, key) != 0) {
        err_set(e, "bad signature: the bundle names another kiosk key than the one that signed it");
        goto fail;
    }
    return 0;
fail:
    bundle_detach(db, schema);
    return -1;
}

void bundle_detach(sqlite3 *db, const char *schema)
{
    char sql[128];
    if (strcmp(schema, "main") == 0) return;
    /* Inside a transaction that read it, it cannot be detached: an empty database takes its
     * place, so the buffer is never read again, and the schema stays for the next bundle. */
    if (!sqlite3_get_autocommit(db)) {
        sqlite3_deserialize(db, schema, NULL, 0, 0, SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
        return;
    }
    snprintf(sql, sizeof sql, "DETACH DATABASE \"%s\"", schema);
    sqlite3_exec(db, sql, NULL, NULL, NULL);
}

int bundle_describe(const unsigned char *plain, size_t n, const char *key, FILE *out, Err *e)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    int rc = -1;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        err_set(e, "bundle: cannot open a database in memory");
        goto done;
    }
    /* Read only: sqlite3_deserialize never writes to the buffer it is lent. */
    if (bundle_attach(db, "main", (unsigned char *)plain, n, key, e) < 0) goto done;
    if (sqlite3_prepare_v2(db, "SELECT key, value FROM header ORDER BY rowid", -1, &st, NULL) != SQLITE_OK) {
        err_set(e, "unknown format: the bundle has no header");
        goto done;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0), *value = (const char *)sqlite3_column_text(st, 1);
        if (name && value) fprintf(out, "%s %s\n", name, value);
    }
    rc = 0;
done:
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc;
}
