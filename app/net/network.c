/* network: the kiosk tables are made from the kiosk's own migrations (run on a scratch database
 * in memory), so a column the kiosk gains reaches the network by the same line of code; the
 * network's own tables follow. Kiosk triggers are not copied: here a record disputed by two
 * versions leaves the tables, and a withdrawal erases names wherever they came from. */
#include "network.h"
#include "../config.h"
#include "../store/schema.h"
#include "../sync/bundle.h"

#include <sqlite3.h>
#include <string.h>

static const char NETWORK_SCHEMA[] =
    /* Kiosks, known by the key that signs their bundles; health from their latest bundle. */
    "CREATE TABLE IF NOT EXISTS net_kiosk ("
    "  id         TEXT PRIMARY KEY,"
    "  key        TEXT,"                    /* minisign public key (base64); NULL: only an earlier id of moved_to */
    "  moved_to   TEXT,"                    /* the kiosk id whose key signed this earlier id's records */
    "  first_seen INTEGER,"                 /* unix seconds of the merge that first saw it (bookkeeping) */
    "  last_bundle TEXT, last_exported_at INTEGER, free_disk_bytes INTEGER, uptime_s INTEGER, battery_percent INTEGER,"
    "  restarts INTEGER, power_losses INTEGER, last_errors TEXT, pallay_version TEXT, content_version TEXT, clock_trusted INTEGER"
    ");"
    /* Every bundle merged, once, by the hash of its encrypted file. */
    "CREATE TABLE IF NOT EXISTS net_bundle ("
    "  hash       TEXT PRIMARY KEY,"        /* BLAKE2b-512, hex: what its signature covers */
    "  name       TEXT NOT NULL,"           /* pallay-KIOSK-FIRST-LAST.age: the name its kiosk gave it */
    "  kiosk_id   TEXT NOT NULL,"           /* whose records */
    "  signed_by  TEXT NOT NULL,"           /* the kiosk that sent it */
    "  first_seq  INTEGER NOT NULL, last_seq INTEGER NOT NULL, records INTEGER NOT NULL,"
    /* its header's health report */
    "  exported_at INTEGER, restarts INTEGER, power_losses INTEGER, free_disk_bytes INTEGER, errors TEXT,"
    "  uptime_s INTEGER, battery_percent INTEGER, pallay_version TEXT, content_version TEXT, clock_trusted INTEGER"
    ");"
    /* Records that arrived in two versions (same id, or same kiosk and seq): every version of
     * every row, as SQL literals, none counted until a person decides. */
    "CREATE TABLE IF NOT EXISTS net_conflict ("
    "  record_id  TEXT NOT NULL,"
    "  kiosk_id   TEXT NOT NULL,"
    "  seq        INTEGER NOT NULL,"
    "  tbl        TEXT NOT NULL,"
    "  content    TEXT NOT NULL,"
    "  PRIMARY KEY (record_id, tbl, content)"
    ");"
    "CREATE INDEX IF NOT EXISTS net_conflict_seq ON net_conflict (kiosk_id, seq);"
    /* When and from which file each bundle was merged, and what it brought: bookkeeping that
     * depends on the order of merges, kept apart from everything else. */
    "CREATE TABLE IF NOT EXISTS net_merge_log ("
    "  id INTEGER PRIMARY KEY, at INTEGER NOT NULL, file TEXT NOT NULL, hash TEXT,"
    "  outcome TEXT NOT NULL,"              /* merged, again (already merged), refused, skipped */
    "  new INTEGER NOT NULL DEFAULT 0, known INTEGER NOT NULL DEFAULT 0, aside INTEGER NOT NULL DEFAULT 0, reason TEXT"
    ");"
    /* The withdrawal rule looks up her registrations; gaps walk each kiosk's seqs. */
    "CREATE INDEX IF NOT EXISTS net_participant_learner ON participant (learner_id);"
    "CREATE INDEX IF NOT EXISTS net_withdrawal_learner ON withdrawal (learner_id);"
    /* When each record was made, as well as the network can tell. A kiosk without a trusted
     * clock (one that woke up in 1970) still counts seconds. When the network's server told it
     * the time during the same start (a clock record: its clock and the server's Date at one
     * moment; record.boot names the start), each of its untrusted records of that start is
     * moved by that offset: exact. Otherwise a run of its untrusted records in seq order, with
     * times that never go back (no restart between them), is shifted so that its last record
     * falls on the trusted record that follows it at once: an estimate, no later than the truth.
     * A run with neither keeps its times, uncorrected. net_time holds the
     * corrected times only (a trusted record's time is its own), computed per kiosk from its
     * records alone by network_fix_times after each merge that changed them, so it never
     * depends on the order of merges; created_at stays. */
    "CREATE TABLE IF NOT EXISTS net_time ("
    "  id       TEXT PRIMARY KEY,"          /* a record with clock_ok 0 */
    "  kiosk_id TEXT NOT NULL,"
    "  at       INTEGER NOT NULL"           /* its corrected time */
    ") WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS net_time_kiosk ON net_time (kiosk_id);"
    /* A kiosk's untrusted records, few, found without reading the others. */
    "CREATE INDEX IF NOT EXISTS net_record_untrusted ON record (kiosk_id, seq) WHERE clock_ok = 0;"
    /* A kiosk's latest record, for the report. */
    "CREATE INDEX IF NOT EXISTS net_record_time ON record (kiosk_id, created_at);"
    /* A kiosk's bundles, for its health after each merge. */
    "CREATE INDEX IF NOT EXISTS net_bundle_signer ON net_bundle (signed_by, exported_at);"
    "DROP VIEW IF EXISTS record_time;"
    "CREATE VIEW record_time AS"
    " SELECT r.id, r.kiosk_id, r.seq, r.created_at AS original_at, r.clock_ok, coalesce(t.at, r.created_at) AS at,"
    "   t.id IS NOT NULL AS corrected FROM record r LEFT JOIN net_time t ON t.id = r.id;";

/* The corrected times of one kiosk's untrusted records (?1; every kiosk's when NULL). A run
 * breaks where a seq is missing, a trusted record comes between, or the time goes back. */
static const char FIX_TIMES[] =
    "WITH u AS (SELECT id, kiosk_id, seq, boot, created_at, lag(seq) OVER w AS prev_seq, lag(created_at) OVER w AS prev_at"
    "   FROM record WHERE clock_ok = 0 AND (?1 IS NULL OR kiosk_id = ?1) WINDOW w AS (PARTITION BY kiosk_id ORDER BY seq)),"
    " s AS (SELECT *, sum(NOT coalesce(prev_seq = seq - 1 AND prev_at <= created_at, 0))"
    "   OVER (PARTITION BY kiosk_id ORDER BY seq) AS run FROM u),"
    " g AS (SELECT kiosk_id, run, max(seq) AS last_seq, max(created_at) AS last_at FROM s GROUP BY kiosk_id, run),"
    /* The offsets a server gave, by start: the first after the record, or else the last before. */
    " off AS (SELECT r.kiosk_id, r.boot, r.seq, c.server_time - c.kiosk_time AS offset FROM clock c JOIN record r ON r.id = c.id"
    "   WHERE r.boot IS NOT NULL AND (?1 IS NULL OR r.kiosk_id = ?1)),"
    " fixed AS (SELECT s.id, s.kiosk_id, coalesce(s.created_at + coalesce("
    "     (SELECT o.offset FROM off o WHERE o.kiosk_id = s.kiosk_id AND o.boot = s.boot AND o.seq >= s.seq ORDER BY o.seq LIMIT 1),"
    "     (SELECT o.offset FROM off o WHERE o.kiosk_id = s.kiosk_id AND o.boot = s.boot AND o.seq < s.seq ORDER BY o.seq DESC LIMIT 1)),"
    "   n.created_at - (g.last_at - s.created_at)) AS at"
    "   FROM s JOIN g ON g.kiosk_id = s.kiosk_id AND g.run = s.run"
    "   LEFT JOIN record n ON n.kiosk_id = g.kiosk_id AND n.seq = g.last_seq + 1 AND n.clock_ok = 1)"
    " INSERT OR FAIL INTO net_time (id, kiosk_id, at) SELECT id, kiosk_id, at FROM fixed WHERE at IS NOT NULL";

static int db_fail(sqlite3 *db, const char *what, Err *e)
{
    return err_set(e, "network: %s: %s", what, sqlite3_errmsg(db));
}

/* 1 if db has table (or, col not NULL, that column of it). */
static int has(sqlite3 *db, const char *table, const char *col)
{
    sqlite3_stmt *st;
    const char *sql = col ? "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2"
                          : "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1";
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return 0;
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    if (col) sqlite3_bind_text(st, 2, col, -1, SQLITE_STATIC);
    int found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

/* Makes table in db as the kiosk's CREATE statement (in scratch) says; a table made before
 * gains the columns the kiosk added since, empty in the rows merged before them. */
static int kiosk_table(sqlite3 *db, sqlite3 *scratch, const char *table, Err *e)
{
    int fresh = !has(db, table, NULL), rc = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(scratch, fresh ? "SELECT sql, NULL FROM sqlite_master WHERE type = 'table' AND name = ?1"
                                          : "SELECT name, type FROM pragma_table_info(?1)", -1, &st, NULL) != SQLITE_OK)
        return db_fail(scratch, table, e);
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        const char *a = (const char *)sqlite3_column_text(st, 0), *type = (const char *)sqlite3_column_text(st, 1);
        char *sql = fresh ? sqlite3_mprintf("%s", a)
                  : has(db, table, a) ? NULL : sqlite3_mprintf("ALTER TABLE \"%w\" ADD COLUMN \"%w\" %s", table, a, type ? type : "");
        if (sql && sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) rc = db_fail(db, table, e);
        sqlite3_free(sql);
    }
    sqlite3_finalize(st);
    return rc;
}

static int make_schema(sqlite3 *db, Err *e)
{
    sqlite3 *scratch = NULL;
    int rc = -1;
    if (sqlite3_open_v2(":memory:", &scratch, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        err_set(e, "network: cannot open a database in memory");
        goto done;
    }
    for (int i = 0; i < SCHEMA_VERSION; i++)
        if (sqlite3_exec(scratch, SCHEMA_MIGRATIONS[i], NULL, NULL, NULL) != SQLITE_OK) {
            db_fail(scratch, "the kiosk schema", e);
            goto done;
        }
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        db_fail(db, "begin", e);
        goto done;
    }
    if (kiosk_table(db, scratch, "record", e) < 0) goto rollback;
    for (int i = 0; bundle_table(i); i++)
        if (kiosk_table(db, scratch, bundle_table(i), e) < 0) goto rollback;
    int before = has(db, "net_time", NULL);
    if (sqlite3_exec(db, NETWORK_SCHEMA, NULL, NULL, NULL) != SQLITE_OK) {
        db_fail(db, "schema", e);
        goto rollback;
    }
    if (!before && network_fix_times(db, NULL, e) < 0) goto rollback;   /* a database merged before net_time */
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK) {
        rc = 0;
        goto done;
    }
    db_fail(db, "commit", e);
rollback:
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
done:
    sqlite3_close(scratch);
    return rc;
}

int network_fix_times(sqlite3 *db, const char *kiosk_id, Err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, kiosk_id ? "DELETE FROM net_time WHERE kiosk_id = ?1" : "DELETE FROM net_time", -1, &st, NULL) != SQLITE_OK)
        return db_fail(db, "times", e);
    if (kiosk_id) sqlite3_bind_text(st, 1, kiosk_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return db_fail(db, "times", e);
    if (sqlite3_prepare_v2(db, FIX_TIMES, -1, &st, NULL) != SQLITE_OK) return db_fail(db, "times", e);
    sqlite3_bind_text(st, 1, kiosk_id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_fail(db, "times", e);
}

/* The WAL, written a bundle at a time. SQLite writes each page of a commit to the WAL in two
 * calls (a 24-byte frame header, then the page): a bundle touches some 2,400 pages, one per
 * random id in each index, so a merge of a thousand bundles made millions of system calls, most
 * of its time on a virtual machine. The WAL file of the network database is opened through this
 * VFS, which keeps its consecutive writes in a buffer and writes them at once: when the page of
 * a commit frame has arrived (so a commit is on the file before SQLite makes it visible or says
 * it is done, and a failed write fails the commit), before anything else touches the file (a
 * read, a sync, a truncation, its size, a write elsewhere) and when the buffer is full. Every
 * other file is the system VFS's own. */
#define WAL_BUFFER (4u << 20)
#define WAL_WRITE  (64u << 10)

typedef struct {
    sqlite3_file base;
    sqlite3_file *real;         /* the system VFS's file, in the same allocation */
    unsigned char *buf;         /* writes not yet made, from offset at */
    sqlite3_int64 at;
    size_t len;
    int commit;                 /* the frame header just written is a commit's */
} WalFile;

static sqlite3_vfs net_vfs, *real_vfs;

static int wal_flush(WalFile *w)
{
    int rc = SQLITE_OK;
    /* The unix VFS writes at most 128 KiB less one byte per call. */
    for (size_t done = 0; rc == SQLITE_OK && done < w->len; done += WAL_WRITE) {
        size_t n = w->len - done < WAL_WRITE ? w->len - done : WAL_WRITE;
        rc = w->real->pMethods->xWrite(w->real, w->buf + done, (int)n, w->at + (sqlite3_int64)done);
    }
    w->len = 0;
    return rc;
}

static int wal_close(sqlite3_file *f)
{
    WalFile *w = (WalFile *)f;
    int rc = wal_flush(w), rc2 = w->real->pMethods->xClose(w->real);
    sqlite3_free(w->buf);
    return rc != SQLITE_OK ? rc : rc2;
}

static int wal_read(sqlite3_file *f, void *out, int n, sqlite3_int64 off)
{
    WalFile *w = (WalFile *)f;
    int rc = wal_flush(w);
    return rc != SQLITE_OK ? rc : w->real->pMethods->xRead(w->real, out, n, off);
}

static int wal_write(sqlite3_file *f, const void *data, int n, sqlite3_int64 off)
{
    WalFile *w = (WalFile *)f;
    int rc = SQLITE_OK, commit = w->commit;
    w->commit = 0;
    if (w->len && (off != w->at + (sqlite3_int64)w->len || w->len + (size_t)n > WAL_BUFFER)) rc = wal_flush(w);
    if (rc != SQLITE_OK) return rc;
    if ((size_t)n > WAL_BUFFER) return w->real->pMethods->xWrite(w->real, data, n, off);
    if (!w->len) w->at = off;
    memcpy(w->buf + w->len, data, (size_t)n);
    w->len += (size_t)n;
    const unsigned char *h = data;
    /* A frame header: bytes 4-7 are the database's size after a commit, 0 in any other frame. */
    if (n == 24) w->commit = (h[4] | h[5] | h[6] | h[7]) != 0;
    return commit ? wal_flush(w) : SQLITE_OK;
}

static int wal_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    WalFile *w = (WalFile *)f;
    int rc = wal_flush(w);
    return rc != SQLITE_OK ? rc : w->real->pMethods->xTruncate(w->real, size);
}

static int wal_sync(sqlite3_file *f, int flags)
{
    WalFile *w = (WalFile *)f;
    int rc = wal_flush(w);
    return rc != SQLITE_OK ? rc : w->real->pMethods->xSync(w->real, flags);
}

static int wal_size(sqlite3_file *f, sqlite3_int64 *size)
{
    WalFile *w = (WalFile *)f;
    int rc = wal_flush(w);
    return rc != SQLITE_OK ? rc : w->real->pMethods->xFileSize(w->real, size);
}

static int wal_lock(sqlite3_file *f, int l) { return ((WalFile *)f)->real->pMethods->xLock(((WalFile *)f)->real, l); }
static int wal_unlock(sqlite3_file *f, int l) { return ((WalFile *)f)->real->pMethods->xUnlock(((WalFile *)f)->real, l); }
static int wal_reserved(sqlite3_file *f, int *out)
{
    return ((WalFile *)f)->real->pMethods->xCheckReservedLock(((WalFile *)f)->real, out);
}
static int wal_control(sqlite3_file *f, int op, void *arg)
{
    WalFile *w = (WalFile *)f;
    int rc = wal_flush(w);
    return rc != SQLITE_OK ? rc : w->real->pMethods->xFileControl(w->real, op, arg);
}
static int wal_sector(sqlite3_file *f) { return ((WalFile *)f)->real->pMethods->xSectorSize(((WalFile *)f)->real); }
static int wal_device(sqlite3_file *f) { return ((WalFile *)f)->real->pMethods->xDeviceCharacteristics(((WalFile *)f)->real); }

static const sqlite3_io_methods WAL_METHODS = {
    1, wal_close, wal_read, wal_write, wal_truncate, wal_sync, wal_size, wal_lock, wal_unlock, wal_reserved, wal_control, wal_sector, wal_device,
    NULL, NULL, NULL, NULL, NULL, NULL,
};

static int net_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f, int flags, int *out)
{
    (void)vfs;
    if (!(flags & SQLITE_OPEN_WAL)) return real_vfs->xOpen(real_vfs, name, f, flags, out);
    WalFile *w = (WalFile *)f;
    memset(w, 0, sizeof *w);
    w->real = (sqlite3_file *)(w + 1);
    if (!(w->buf = sqlite3_malloc(WAL_BUFFER))) return SQLITE_NOMEM;
    int rc = real_vfs->xOpen(real_vfs, name, w->real, flags, out);
    if (rc != SQLITE_OK || !w->real->pMethods) {
        sqlite3_free(w->buf);
        w->base.pMethods = NULL;
        return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
    }
    w->base.pMethods = &WAL_METHODS;
    return SQLITE_OK;
}

/* The VFS's name, registered once. */
static const char *net_vfs_name(void)
{
    if (!real_vfs) {
        if (!(real_vfs = sqlite3_vfs_find(NULL))) return NULL;
        net_vfs = *real_vfs;
        net_vfs.zName = "pallay-network";
        net_vfs.pNext = NULL;
        int size = (int)sizeof(WalFile) + real_vfs->szOsFile;
        net_vfs.szOsFile = size > real_vfs->szOsFile ? size : real_vfs->szOsFile;
        net_vfs.xOpen = net_open;
        if (sqlite3_vfs_register(&net_vfs, 0) != SQLITE_OK) {
            real_vfs = NULL;
            return NULL;
        }
    }
    return net_vfs.zName;
}

sqlite3 *network_open(const char *path, Err *e)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, net_vfs_name()) != SQLITE_OK) {
        err_set(e, "%s: %s", path, db ? sqlite3_errmsg(db) : "cannot open");
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, PALLAY_BUSY_MS);
    /* secure_delete: a name erased by a withdrawal is overwritten, not only unlinked. A page
     * cache of 128 MB (bounded, whatever the number of bundles) keeps the id indexes of a
     * network of a million records in memory (some 100 MB): rows arrive by random UUID, all
     * over them, and a batch of bundles (merge_batch_begin) dirties most of their pages; with
     * 64 MB they were written out and read back within each batch (27 s instead of 20 s for
     * make bench's thousand bundles). Temporary tables and
     * statement journals in memory: a merge's are the size of one bundle (ids only), and on a
     * file each page a statement touched was written there once more. The WAL is copied into
     * the database every 256 MB, not every 4: a bundle touches some 2,400 pages (one per random
     * id), and a page touched by several bundles in between is copied once. network_close
     * empties it. */
    if (sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;"
                          " PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=65536;",
                     NULL, NULL, NULL) != SQLITE_OK) {
        err_set(e, "%s: %s", path, sqlite3_errmsg(db));
        sqlite3_close(db);
        return NULL;
    }
    if (make_schema(db, e) < 0) {
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

sqlite3 *network_reader(const char *path, Err *e)
{
    sqlite3 *db = NULL;
    /* Opened for writing all the same: the report's lock (report_begin) takes the write lock for
     * an instant, to hold merges back while the readers take their snapshot. */
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        err_set(e, "%s: %s", path, db ? sqlite3_errmsg(db) : "cannot open");
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, PALLAY_BUSY_MS);
    /* Reports read the database all over (each record by its random id): mapped, its pages are
     * read without a system call each; the mapping is the system's file cache, not ours. */
    if (sqlite3_exec(db, "PRAGMA mmap_size = 4294967296; PRAGMA temp_store = MEMORY;", NULL, NULL, NULL) != SQLITE_OK) {
        err_set(e, "%s: %s", path, sqlite3_errmsg(db));
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

void network_close(sqlite3 *db)
{
    if (!db) return;
    /* Without waiting: a report reading an older snapshot meanwhile keeps the frames it reads,
     * and the next close empties the WAL. */
    sqlite3_busy_timeout(db, 0);
    sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    sqlite3_close(db);
}

const char *network_count(long long n, char out[32])
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%lld", n < 0 ? -n : n), o = 0;
    if (n < 0) out[o++] = '-';
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0) out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    return out;
}

/* A kiosk in words: where it held its latest workshop, and its id's first characters. */
static void kiosk_words(sqlite3 *db, const char *id, char *out, size_t n)
{
    sqlite3_stmt *st;
    const char *place = NULL;
    if (sqlite3_prepare_v2(db, "SELECT c.name FROM record r JOIN workshop w ON w.id = r.id JOIN community c ON c.id = w.community_id"
                               " WHERE r.kiosk_id = ? ORDER BY r.seq DESC LIMIT 1", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW) place = (const char *)sqlite3_column_text(st, 0);
    }
    if (place) snprintf(out, n, "kiosk %s (%.8s…)", place, id);
    else snprintf(out, n, "kiosk %.8s…", id);
    sqlite3_finalize(st);
}

long long network_each_gap(sqlite3 *db, NetworkGapFn fn, void *ctx, Err *e)
{
    /* The seqs a kiosk is known to have reached: records merged or kept aside, and the ranges
     * its bundles declared. What lies between them never arrived. A kiosk whose records are
     * 1 to its highest, with nothing kept aside, has no gap: found from the (kiosk_id, seq)
     * index alone; only the others are walked seq by seq. */
    static const char SQL[] =
        "WITH c(kiosk_id, n, low, high) AS (SELECT kiosk_id, count(*), min(seq), max(seq) FROM record GROUP BY kiosk_id),"
        " k(kiosk_id) AS (SELECT kiosk_id FROM net_bundle UNION SELECT kiosk_id FROM net_conflict UNION SELECT kiosk_id FROM c),"
        " odd(kiosk_id) AS (SELECT k.kiosk_id FROM k LEFT JOIN c ON c.kiosk_id = k.kiosk_id"
        "   WHERE c.kiosk_id IS NULL OR c.n <> c.high OR c.low <> 1 OR k.kiosk_id IN (SELECT kiosk_id FROM net_conflict)),"
        " seen(kiosk_id, seq) AS (SELECT kiosk_id, seq FROM record WHERE kiosk_id IN odd UNION SELECT kiosk_id, seq FROM net_conflict"
        "   UNION SELECT kiosk_id, 0 FROM net_bundle WHERE kiosk_id IN odd),"
        " top(kiosk_id, high) AS (SELECT kiosk_id, max(seq) FROM seen GROUP BY kiosk_id"
        "   UNION ALL SELECT kiosk_id, high FROM c WHERE kiosk_id NOT IN odd),"
        " next(kiosk_id, seq, after) AS (SELECT kiosk_id, seq, lead(seq) OVER (PARTITION BY kiosk_id ORDER BY seq) FROM seen)"
        " SELECT t.kiosk_id, t.high, n.seq + 1, n.after - 1 FROM top t LEFT JOIN next n ON n.kiosk_id = t.kiosk_id AND n.after > n.seq + 1"
        " ORDER BY t.kiosk_id, n.seq";
    sqlite3_stmt *st;
    long long gaps = 0;
    if (sqlite3_prepare_v2(db, SQL, -1, &st, NULL) != SQLITE_OK) return db_fail(db, "gaps", e);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int gap = sqlite3_column_type(st, 2) != SQLITE_NULL;
        gaps += gap;
        fn(ctx, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1), gap ? sqlite3_column_int64(st, 2) : 0,
           gap ? sqlite3_column_int64(st, 3) : 0);
    }
    sqlite3_finalize(st);
    return gaps;
}

typedef struct {
    sqlite3 *db;
    FILE *out;
    char last[64];
} GapWords;

static void gap_words(void *ctx, const char *id, long long high, long long from, long long to)
{
    GapWords *g = ctx;
    char a[32], b[32], who[PALLAY_NAME_LEN + 32];
    kiosk_words(g->db, id, who, sizeof who);
    if (strcmp(g->last, id) != 0) {
        snprintf(g->last, sizeof g->last, "%s", id);
        fprintf(g->out, "%s: highest record %s\n", who, network_count(high, a));
    }
    if (!from) return;
    if (from == to) fprintf(g->out, "%s: record %s never arrived\n", who, network_count(from, a));
    else fprintf(g->out, "%s: records %s to %s never arrived\n", who, network_count(from, a), network_count(to, b));
}

long long network_gaps(sqlite3 *db, FILE *out)
{
    GapWords g = { db, out, "" };
    Err e;
    long long n = network_each_gap(db, gap_words, &g, &e);
    if (n < 0) fprintf(out, "gaps: %s\n", e.msg);
    return n;
}

long long network_conflicts(sqlite3 *db, FILE *out)
{
    /* Versions: the most rows one table holds for the id. One version only: another record
     * took the same kiosk and number. */
    static const char SQL[] =
        "SELECT record_id, min(kiosk_id), min(seq), max(n) FROM (SELECT record_id, tbl, min(kiosk_id) kiosk_id, min(seq) seq, count(*) n"
        " FROM net_conflict GROUP BY record_id, tbl) GROUP BY record_id ORDER BY 2, 3, 1";
    sqlite3_stmt *st;
    long long n = 0;
    char who[PALLAY_NAME_LEN + 32], a[32];
    if (sqlite3_prepare_v2(db, SQL, -1, &st, NULL) != SQLITE_OK) return -1;
    while (sqlite3_step(st) == SQLITE_ROW) {
        kiosk_words(db, (const char *)sqlite3_column_text(st, 1), who, sizeof who);
        int versions = sqlite3_column_int(st, 3);
        if (versions > 1)
            fprintf(out, "conflict: record %s (%s, record %s) arrived in %d different versions; all kept aside, none counted\n",
                    (const char *)sqlite3_column_text(st, 0), who, network_count(sqlite3_column_int64(st, 2), a), versions);
        else
            fprintf(out, "conflict: record %s (%s, record %s) shares its kiosk and number with another record; kept aside, not counted\n",
                    (const char *)sqlite3_column_text(st, 0), who, network_count(sqlite3_column_int64(st, 2), a));
        n++;
    }
    sqlite3_finalize(st);
    return n;
}
