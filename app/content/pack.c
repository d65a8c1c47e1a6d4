/* pack: writing, verifying and reading content packs (SQLite files, signed with minisign). */
#include "pack.h"
#include "../base/text.h"

#include <dirent.h>
#include <errno.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct Pack {
    sqlite3 *db;
    PackInfo info;
};

static const char *const FAULTS[] = {
    "ok", "unsigned", "nokey", "key", "signature", "format", "format-version",
    "path", "link", "count", "size", "hash", "check", "older", "io",
};

const char *pack_fault_name(PackFault f)
{
    return f >= 0 && f < (int)(sizeof FAULTS / sizeof *FAULTS) ? FAULTS[f] : "?";
}

static int fault(PackFault *f, PackFault what) { if (f) *f = what; return -1; }

int pack_path_ok(const char *path, Err *e)
{
    size_t len = strlen(path);
    if (len == 0 || len > PACK_MAX_PATH) return err_set(e, "a path of %zu bytes (1 to %d)", len, PACK_MAX_PATH);
    if (path[0] == '/') return err_set(e, "\"%.80s\": an absolute path", path);
    if (strncmp(path, "assets/", 7) != 0 && strncmp(path, "locales/", 8) != 0 && strncmp(path, "generated/", 10) != 0)
        return err_set(e, "\"%.80s\": not under assets/, locales/ or generated/", path);
    for (const char *c = path; *c;) {
        const char *end = strchr(c, '/');
        size_t n = end ? (size_t)(end - c) : strlen(c);
        if (n == 0) return err_set(e, "\"%.80s\": an empty folder name", path);
        if (c[0] == '.') return err_set(e, "\"%.80s\": a name starting with \".\" (\"..\" climbs out)", path);
        for (size_t i = 0; i < n; i++)
            if (!((c[i] >= 'a' && c[i] <= 'z') || (c[i] >= 'A' && c[i] <= 'Z') || (c[i] >= '0' && c[i] <= '9') || c[i] == '.' ||
                  c[i] == '_' || c[i] == '-'))
                return err_set(e, "\"%.80s\": a character outside A-Z a-z 0-9 . _ -", path);
        c += n;
        if (*c == '/') c++;
    }
    if (path[len - 1] == '/') return err_set(e, "\"%.80s\": ends with \"/\"", path);
    return 0;
}

/* ---- signature ---- */

int pack_verify(const char *path, const char *key, PackFault *f, Err *e)
{
    char sigpath[PALLAY_PATH_LEN + 16];
    if (text_fmt(sigpath, sizeof sigpath, "%s.minisig", path) < 0) { fault(f, PACK_IO); return err_set(e, "path too long"); }
    struct stat st;
    if (stat(sigpath, &st) != 0) { fault(f, PACK_UNSIGNED); return err_set(e, "unsigned: no %s beside it", sigpath); }
    if (!S_ISREG(st.st_mode) || st.st_size > MINISIGN_TEXT + MINISIGN_COMMENT) {
        fault(f, PACK_SIGNATURE);
        return err_set(e, "bad signature: %s is not a signature file", sigpath);
    }
    if (!key || !key[0]) { fault(f, PACK_NO_KEY); return err_set(e, "no content_key in pallay.conf: no pack can be trusted"); }
    MinisignPublic pk;
    if (minisign_public_parse(key, &pk, e) < 0) { fault(f, PACK_NO_KEY); return -1; }
    char *sig = text_read_file(sigpath, NULL);
    if (!sig) { fault(f, PACK_IO); return err_set(e, "%s: %s", sigpath, strerror(errno)); }
    FILE *in = fopen(path, "rb");
    unsigned char hash[MINISIGN_HASH];
    int rc = -1;
    if (!in) { fault(f, PACK_IO); err_set(e, "%s: %s", path, strerror(errno)); goto done; }
    if (minisign_hash_file(in, hash, e) < 0) { fault(f, PACK_IO); goto done; }
    char trusted[MINISIGN_COMMENT];
    if (minisign_verify(&pk, sig, hash, trusted, sizeof trusted, NULL, e) < 0) {
        fault(f, strstr(e->msg, "signed by key") ? PACK_WRONG_KEY : PACK_SIGNATURE);
        goto done;
    }
    rc = 0;
done:
    if (in) fclose(in);
    free(sig);
    return rc;
}

/* ---- reading ---- */

/* The only objects a pack may hold: nothing that runs (no view, no trigger). */
static int schema_ok(sqlite3 *db)
{
    static const char *const ALLOWED[] = { "table meta", "table file", "index sqlite_autoindex_meta_1", "index sqlite_autoindex_file_1" };
    sqlite3_stmt *st;
    int n = 0, ok = 1;
    if (sqlite3_prepare_v2(db, "SELECT type || ' ' || name FROM sqlite_master", -1, &st, NULL) != SQLITE_OK) return 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *o = (const char *)sqlite3_column_text(st, 0);
        int known = 0;
        for (size_t i = 0; o && i < sizeof ALLOWED / sizeof *ALLOWED; i++) known |= strcmp(o, ALLOWED[i]) == 0;
        ok &= known;
        n += o && strncmp(o, "table ", 6) == 0;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE && ok && n == 2;
}

static int meta(sqlite3 *db, const char *key, char *out, size_t n)
{
    sqlite3_stmt *st;
    int rc = -1;
    if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?", -1, &st, NULL) != SQLITE_OK) return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_TEXT)
        rc = text_copy(out, n, (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc;
}

/* A whole decimal number, 0 to 10^15; -1 otherwise. */
static long long number(const char *s)
{
    long long v = 0;
    if (!*s || strlen(s) > 15) return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') return -1;
        v = v * 10 + (*s - '0');
    }
    return v;
}

static int hex64_ok(const char *s)
{
    if (!s || strlen(s) != 64) return 0;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f'))) return 0;
    return 1;
}

/* The manifest, row by row, against the limits. */
static int check_manifest(Pack *p, const PackLimits *lim, PackFault *f, Err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(p->db, "SELECT count(*) FROM file", -1, &st, NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        fault(f, PACK_NOT_A_PACK);
        return err_set(e, "not a content pack: its file list cannot be read");
    }
    long long count = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (count > PACK_MAX_FILES) { fault(f, PACK_TOO_MANY); return err_set(e, "%lld files: a pack holds at most %d", count, PACK_MAX_FILES); }
    if (count == 0) { fault(f, PACK_NOT_A_PACK); return err_set(e, "not a content pack: it holds no file"); }
    if (sqlite3_prepare_v2(p->db, "SELECT path, type, size, sha256, length(data), typeof(path), typeof(size), typeof(data) FROM file "
                           "ORDER BY path", -1, &st, NULL) != SQLITE_OK) {
        fault(f, PACK_NOT_A_PACK);
        return err_set(e, "not a content pack: its file list cannot be read");
    }
    int rc, ret = -1;
    long long total = 0;
    p->info.files = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *path = (const char *)sqlite3_column_text(st, 0), *type = (const char *)sqlite3_column_text(st, 1),
                   *sha = (const char *)sqlite3_column_text(st, 3);
        const char *tp = (const char *)sqlite3_column_text(st, 5), *ts = (const char *)sqlite3_column_text(st, 6),
                   *td = (const char *)sqlite3_column_text(st, 7);
        long long size = sqlite3_column_int64(st, 2), len = sqlite3_column_int64(st, 4);
        if (!path || !tp || strcmp(tp, "text") != 0 || strlen(path) != (size_t)sqlite3_column_bytes(st, 0)) {
            fault(f, PACK_BAD_PATH);
            err_set(e, "a file without a proper path");
            goto done;
        }
        if (pack_path_ok(path, e) < 0) { fault(f, PACK_BAD_PATH); goto done; }
        if (strcmp(p->info.kind, "voices") == 0 && strncmp(path, "assets/voice/", 13) != 0) {
            fault(f, PACK_BAD_PATH);
            err_set(e, "\"%.80s\": a voice pack holds only assets/voice/", path);
            goto done;
        }
        if (!type || strcmp(type, "f") != 0) {
            fault(f, PACK_LINK);
            err_set(e, "\"%.80s\": a %s, not a plain file", path,
                    type && strcmp(type, "l") == 0 ? "link" : type && strcmp(type, "d") == 0 ? "folder" : "device or special file");
            goto done;
        }
        if (!ts || strcmp(ts, "integer") != 0 || !td || strcmp(td, "blob") != 0 || size != len || !hex64_ok(sha)) {
            fault(f, PACK_NOT_A_PACK);
            err_set(e, "\"%.80s\": its size or hash in the list is not that of its bytes", path);
            goto done;
        }
        if (size > lim->max_file) {
            fault(f, PACK_TOO_BIG);
            err_set(e, "\"%.80s\": %lld bytes, over the limit of %lld for one file", path, size, lim->max_file);
            goto done;
        }
        total += size;
        if (total > lim->max_total) {
            fault(f, PACK_TOO_BIG);
            err_set(e, "over %lld bytes in all (the limit for a pack)", lim->max_total);
            goto done;
        }
        p->info.files++;
    }
    if (rc != SQLITE_DONE) { fault(f, PACK_NOT_A_PACK); err_set(e, "not a content pack: %s", sqlite3_errmsg(p->db)); goto done; }
    p->info.bytes = total;
    ret = 0;
done:
    sqlite3_finalize(st);
    return ret;
}

Pack *pack_open(const char *path, const PackLimits *lim, PackInfo *info, PackFault *f, Err *e)
{
    Pack *p = xcalloc(1, sizeof *p);
    char value[64];
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        fault(f, PACK_IO);
        err_set(e, "%s: not a plain file", path);
        goto fail;
    }
    if (st.st_size > lim->max_total + (16 << 20)) {
        fault(f, PACK_TOO_BIG);
        err_set(e, "%lld bytes, over the limit of %lld for a pack", (long long)st.st_size, lim->max_total);
        goto fail;
    }
    if (sqlite3_open_v2(path, &p->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fault(f, PACK_NOT_A_PACK);
        err_set(e, "not a content pack (not a SQLite file)");
        goto fail;
    }
    sqlite3_db_config(p->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(p->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    if (!schema_ok(p->db)) {
        fault(f, PACK_NOT_A_PACK);
        err_set(e, "not a content pack (its tables are not meta and file)");
        goto fail;
    }
    if (meta(p->db, "format", value, sizeof value) < 0) {
        fault(f, PACK_NOT_A_PACK);
        err_set(e, "not a content pack (no format version)");
        goto fail;
    }
    p->info.format = (int)number(value);
    if (number(value) != PACK_FORMAT) {
        fault(f, PACK_FORMAT_VERSION);
        err_set(e, "format version \"%.20s\": this Pallay reads format %d", value, PACK_FORMAT);
        goto fail;
    }
    if (meta(p->db, "version", value, sizeof value) < 0 || (p->info.version = number(value)) <= 0) {
        fault(f, PACK_NOT_A_PACK);
        err_set(e, "not a content pack (no content version)");
        goto fail;
    }
    if (meta(p->db, "kind", p->info.kind, sizeof p->info.kind) < 0 ||
        (strcmp(p->info.kind, "full") != 0 && strcmp(p->info.kind, "voices") != 0)) {
        fault(f, PACK_FORMAT_VERSION);
        err_set(e, "a kind of pack this Pallay does not know (full or voices)");
        goto fail;
    }
    if (check_manifest(p, lim, f, e) < 0) goto fail;
    if (info) *info = p->info;
    return p;
fail:
    pack_close(p);
    return NULL;
}

int pack_each(Pack *p, int (*fn)(const char *, const unsigned char *, size_t, void *, Err *), void *ud, PackFault *f, Err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(p->db, "SELECT path, sha256, data FROM file ORDER BY path", -1, &st, NULL) != SQLITE_OK) {
        fault(f, PACK_NOT_A_PACK);
        return err_set(e, "not a content pack: %s", sqlite3_errmsg(p->db));
    }
    int rc, ret = -1;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *path = (const char *)sqlite3_column_text(st, 0), *sha = (const char *)sqlite3_column_text(st, 1);
        const unsigned char *data = sqlite3_column_blob(st, 2);
        size_t n = (size_t)sqlite3_column_bytes(st, 2);
        unsigned char digest[crypto_hash_sha256_BYTES];
        char hex[65];
        crypto_hash_sha256(digest, data ? data : (const unsigned char *)"", n);
        sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
        if (!path || !sha || strcmp(hex, sha) != 0) {
            fault(f, PACK_HASH);
            err_set(e, "\"%.80s\": its bytes do not match their SHA-256 in the list", path ? path : "?");
            goto done;
        }
        if (fn(path, data ? data : (const unsigned char *)"", n, ud, e) < 0) { fault(f, PACK_IO); goto done; }
    }
    if (rc != SQLITE_DONE) { fault(f, PACK_NOT_A_PACK); err_set(e, "not a content pack: %s", sqlite3_errmsg(p->db)); goto done; }
    ret = 0;
done:
    sqlite3_finalize(st);
    return ret;
}

void pack_close(Pack *p)
{
    if (!p) return;
    sqlite3_close(p->db);
    free(p);
}

/* ---- writing ---- */

typedef struct { sqlite3 *db; sqlite3_stmt *ins; PackInfo *info; Err *e; } Writer;

static int add_file(Writer *w, const char *file, const char *name)
{
    Err why;
    if (pack_path_ok(name, &why) < 0) return err_set(w->e, "%s: %s", file, why.msg);
    if (++w->info->files > PACK_MAX_FILES) return err_set(w->e, "%s: more than %d files: a pack holds no more", file, PACK_MAX_FILES);
    size_t len = 0;
    unsigned char *data = (unsigned char *)text_read_file(file, &len);
    if (!data) return err_set(w->e, "%s: %s", file, strerror(errno));
    unsigned char digest[crypto_hash_sha256_BYTES];
    char hex[65];
    crypto_hash_sha256(digest, data, len);
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    sqlite3_reset(w->ins);
    sqlite3_bind_text(w->ins, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(w->ins, 2, (sqlite3_int64)len);
    sqlite3_bind_text(w->ins, 3, hex, -1, SQLITE_STATIC);
    sqlite3_bind_blob64(w->ins, 4, data, len, SQLITE_STATIC);
    int rc = sqlite3_step(w->ins);
    free(data);
    if (rc != SQLITE_DONE) return err_set(w->e, "%s: %s", file, sqlite3_errmsg(w->db));
    w->info->bytes += (long long)len;
    return 0;
}

/* Every plain file under dir, as prefix/...; depth bounds a folder that loops back. */
static int walk(Writer *w, const char *dir, const char *prefix, int depth)
{
    if (depth > 16) return err_set(w->e, "%s: folders nested too deep", dir);
    DIR *d = opendir(dir);
    if (!d) return err_set(w->e, "%s: %s", dir, strerror(errno));
    struct dirent *de;
    int rc = 0;
    while (rc == 0 && (de = readdir(d))) {
        if (de->d_name[0] == '.') continue;     /* ".", "..", and a take not kept */
        char path[PALLAY_PATH_LEN], name[PALLAY_PATH_LEN];
        struct stat st;
        if (text_fmt(path, sizeof path, "%s/%s", dir, de->d_name) < 0 || text_fmt(name, sizeof name, "%s/%s", prefix, de->d_name) < 0) {
            rc = err_set(w->e, "%s/%s: path too long", dir, de->d_name);
        } else if (lstat(path, &st) != 0) {
            rc = err_set(w->e, "%s: %s", path, strerror(errno));
        } else if (S_ISLNK(st.st_mode)) {
            rc = err_set(w->e, "%s: a link; a pack holds plain files only", path);
        } else if (S_ISDIR(st.st_mode)) {
            rc = walk(w, path, name, depth + 1);
        } else if (S_ISREG(st.st_mode)) {
            rc = add_file(w, path, name);
        } else {
            rc = err_set(w->e, "%s: a device or special file; a pack holds plain files only", path);
        }
    }
    closedir(d);
    return rc;
}

/* Writes text to path through a temporary file and a rename: never half a signature. */
static int write_whole(const char *path, const char *text, Err *e)
{
    char tmp[PALLAY_PATH_LEN + 16];
    text_fmt(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f) return err_set(e, "%s: %s", tmp, strerror(errno));
    int ok = fputs(text, f) >= 0;
    ok &= fflush(f) == 0 && fsync(fileno(f)) == 0;
    ok &= fclose(f) == 0;
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return err_set(e, "%s: %s", path, strerror(errno));
    }
    return 0;
}

int pack_write(const PackRoot *roots, int nroots, const char *kind, long long version, const MinisignSecret *sk,
               const char *out, PackInfo *info, Err *e)
{
    char tmp[PALLAY_PATH_LEN + 16], sigpath[PALLAY_PATH_LEN + 16];
    if (text_fmt(tmp, sizeof tmp, "%s.tmp", out) < 0 || text_fmt(sigpath, sizeof sigpath, "%s.minisig", out) < 0)
        return err_set(e, "%s: path too long", out);
    if (sodium_init() < 0) return err_set(e, "cannot start libsodium");
    memset(info, 0, sizeof *info);
    info->version = version;
    info->format = PACK_FORMAT;
    text_copy(info->kind, sizeof info->kind, kind);
    unlink(tmp);
    Writer w = { NULL, NULL, info, e };
    int rc = -1;
    if (sqlite3_open_v2(tmp, &w.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        err_set(e, "%s: cannot be written", tmp);
        goto done;
    }
    char sql[512];
    text_fmt(sql, sizeof sql,
             "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
             "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
             "CREATE TABLE file (path TEXT PRIMARY KEY, type TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, data BLOB NOT NULL);"
             "INSERT INTO meta VALUES ('format', '%d'), ('version', '%lld'), ('kind', '%s'); BEGIN;",
             PACK_FORMAT, version, strcmp(kind, "voices") == 0 ? "voices" : "full");
    if (sqlite3_exec(w.db, sql, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(w.db, "INSERT INTO file (path, type, size, sha256, data) VALUES (?, 'f', ?, ?, ?)", -1, &w.ins, NULL) != SQLITE_OK) {
        err_set(e, "%s: %s", tmp, sqlite3_errmsg(w.db));
        goto done;
    }
    for (int i = 0; i < nroots; i++)
        if (roots[i].dir && walk(&w, roots[i].dir, roots[i].prefix, 0) < 0) goto done;
    if (info->files == 0) { err_set(e, "no file to pack"); goto done; }
    if (sqlite3_exec(w.db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) { err_set(e, "%s: %s", tmp, sqlite3_errmsg(w.db)); goto done; }
    sqlite3_finalize(w.ins);
    w.ins = NULL;
    if (sqlite3_close(w.db) != SQLITE_OK) { w.db = NULL; err_set(e, "%s: cannot be closed", tmp); goto done; }
    w.db = NULL;
    if (rename(tmp, out) != 0) { err_set(e, "%s: %s", out, strerror(errno)); goto done; }
    /* The signature over the whole file; its trusted comment says what is inside. */
    FILE *in = fopen(out, "rb");
    unsigned char hash[MINISIGN_HASH];
    if (!in) { err_set(e, "%s: %s", out, strerror(errno)); goto done; }
    int hashed = minisign_hash_file(in, hash, e);
    fclose(in);
    if (hashed < 0) goto done;
    char trusted[256], sig[MINISIGN_TEXT + MINISIGN_COMMENT];
    text_fmt(trusted, sizeof trusted, "pallay content pack version=%lld format=%d kind=%s files=%d bytes=%lld", version, PACK_FORMAT,
             info->kind, info->files, info->bytes);
    if (minisign_sign(sk, hash, "signature from the network's content key", trusted, sig, sizeof sig, e) < 0) goto done;
    if (write_whole(sigpath, sig, e) < 0) goto done;
    rc = 0;
done:
    sqlite3_finalize(w.ins);
    sqlite3_close(w.db);
    if (rc) unlink(tmp);
    return rc;
}
