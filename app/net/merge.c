/* merge: the bundle is lent to the network database as schema "b" and merged with SQL across
 * both, table by table. temp.inc lists the bundle's records with what each one is here:
 * new, known, conflict (differs from what is here) or aside (its id or number is disputed
 * already). Rows are compared as SQL literals (quote()), column by column of the bundle's table. */
#include "merge.h"
#include "network.h"
#include "../base/text.h"
#include "../config.h"
#include "../store/schema.h"
#include "../sync/bundle.h"
#include "../sync/envelope.h"

#include <sodium.h>
#include <stdarg.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_TABLES 24

typedef struct {
    sqlite3 *db;
    const char *path;
    char hash[129];
    char kiosk[64], signer[64], key[MINISIGN_PUBLIC_B64 + 1];
    long long first, last, records;
    int careful;                        /* each id looked up before adding (see classify) */
    int hopeful;                        /* added without: an id here already fails the adding */
    int ntables;
    const char *tables[MAX_TABLES];     /* record, then the bundle's tables of this schema */
    char *cols[MAX_TABLES];             /* "c1","c2"... as the bundle has them (sqlite3_free) */
    char *quoted[MAX_TABLES];           /* quote(X."c1")||','||... with X for the alias */
    sqlite3_stmt *hdr;                  /* a header value (header), finalized before b is detached */
    MergeResult *r;
} Job;

/* Runs sql (sqlite3_mprintf-formatted: a bundle's values only through %Q, its column names
 * checked first) on db. A failure here is a bundle SQLite could not read as its header says. */
static int run(Job *j, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *sql = sqlite3_vmprintf(fmt, ap);
    va_end(ap);
    expect(sql);
    char *msg = NULL;
    int rc = sqlite3_exec(j->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) err_set(&j->r->e, "damaged: %s", msg ? msg : sqlite3_errstr(rc));
    sqlite3_free(msg);
    sqlite3_free(sql);
    return rc == SQLITE_OK ? 0 : -1;
}

/* One header value as text ("" when absent) or as a number (def when absent). */
static void header(Job *j, const char *key, char *out, size_t n)
{
    out[0] = '\0';
    /* Prepared once a bundle (some twenty values are read). */
    if (!j->hdr && sqlite3_prepare_v2(j->db, "SELECT value FROM b.header WHERE key = ?", -1, &j->hdr, NULL) != SQLITE_OK) return;
    sqlite3_bind_text(j->hdr, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(j->hdr) == SQLITE_ROW && sqlite3_column_text(j->hdr, 0)) text_copy(out, n, (const char *)sqlite3_column_text(j->hdr, 0));
    sqlite3_reset(j->hdr);
}

/* A header number as an SQL literal: NULL when the kiosk could not tell (no battery). */
static const char *header_sql(Job *j, const char *key, char out[32])
{
    header(j, key, out, 32);
    if (!out[0]) return "NULL";
    snprintf(out, 32, "%lld", atoll(out));
    return out;
}

static long long header_ll(Job *j, const char *key, long long def)
{
    char v[64];
    header(j, key, v, sizeof v);
    return v[0] ? atoll(v) : def;
}

static long long count(Job *j, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *sql = sqlite3_vmprintf(fmt, ap);
    va_end(ap);
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(j->db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_free(sql);
    return v;
}

/* What the bundle's records are here (temp.inc's states): new, known, or conflict and aside. */
typedef enum { NEW, KNOWN, DISPUTED } State;

/* How many of the bundle's records are in state s. A bundle added without looking its ids up
 * has no temp.inc: all its records are new. */
static long long in_state(Job *j, State s)
{
    static const char *const STATES[] = { "('new')", "('known')", "('conflict', 'aside')" };
    if (j->hopeful) return s == NEW ? j->records : 0;
    return count(j, "SELECT count(*) FROM temp.inc WHERE state IN %s", STATES[s]);
}

/* 1 if the bundle has table t (and this schema knows it). */
static int has_table(const Job *j, const char *t)
{
    for (int i = 0; i < j->ntables; i++)
        if (strcmp(j->tables[i], t) == 0) return 1;
    return 0;
}

/* The column lists of table t as the bundle has it. A column the network does not know is a
 * newer kiosk schema than this pallayctl's; a name outside [a-z0-9_] is no kiosk's. */
static int columns(Job *j, const char *t)
{
    sqlite3_stmt *st;
    sqlite3_str *cols = sqlite3_str_new(j->db), *quoted = sqlite3_str_new(j->db);
    int n = 0, rc = 0;
    /* The schema goes as the pragma's second argument: "b.pragma_table_info" would read main's. */
    if (sqlite3_prepare_v2(j->db, "SELECT name, name IN (SELECT name FROM pragma_table_info(?1, 'main')) FROM pragma_table_info(?1, 'b')", -1,
                           &st, NULL) != SQLITE_OK)
        rc = err_set(&j->r->e, "damaged: %s", sqlite3_errmsg(j->db));
    else sqlite3_bind_text(st, 1, t, -1, SQLITE_STATIC);
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        const char *c = (const char *)sqlite3_column_text(st, 0);
        if (!c || !*c || strspn(c, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(c)) rc = err_set(&j->r->e, "unknown format: table %s", t);
        else if (!sqlite3_column_int(st, 1)) rc = err_set(&j->r->e, "newer schema: %s.%s is not known to this pallayctl; update it", t, c);
        else {
            sqlite3_str_appendf(cols, "%s\"%s\"", n ? "," : "", c);
            sqlite3_str_appendf(quoted, "%squote(X.\"%s\")", n ? "||','||" : "", c);
            n++;
        }
    }
    sqlite3_finalize(st);
    j->cols[j->ntables] = sqlite3_str_finish(cols);
    j->quoted[j->ntables] = sqlite3_str_finish(quoted);
    j->tables[j->ntables++] = t;
    if (rc == 0 && n == 0) rc = err_set(&j->r->e, "unknown format: table %s has no columns", t);
    return rc;
}

/* The bundle's tables this schema knows, their columns checked. Checking them reads the
 * schemas of both databases, a tenth of a millisecond a table: what a table's check found is
 * kept for this connection in temp.net_columns, by the statement that made the bundle's table
 * (bundles of one kiosk version have the same), and the network's schema does not change while
 * it is open. */
static int load_tables(Job *j)
{
    sqlite3_stmt *st = NULL, *keep = NULL;
    if (run(j, "CREATE TEMP TABLE IF NOT EXISTS net_columns (tbl TEXT, sql TEXT, cols TEXT, quoted TEXT, PRIMARY KEY (tbl, sql))") < 0) return -1;
    int rc = sqlite3_prepare_v2(j->db, "SELECT m.sql, c.cols, c.quoted FROM b.sqlite_master m LEFT JOIN temp.net_columns c"
                                       " ON c.tbl = m.name AND c.sql = m.sql WHERE m.type = 'table' AND m.name = ?", -1, &st, NULL) == SQLITE_OK &&
                     sqlite3_prepare_v2(j->db, "INSERT INTO temp.net_columns VALUES (?, ?, ?, ?)", -1, &keep, NULL) == SQLITE_OK
                 ? 0 : err_set(&j->r->e, "damaged: %s", sqlite3_errmsg(j->db));
    for (int i = -1; rc == 0 && (i < 0 || bundle_table(i)) && j->ntables < MAX_TABLES; i++) {
        const char *t = i < 0 ? "record" : bundle_table(i);
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, t, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_ROW) {
            if (i < 0) rc = err_set(&j->r->e, "damaged: no record table");
            continue;
        }
        if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
            j->cols[j->ntables] = sqlite3_mprintf("%s", sqlite3_column_text(st, 1));
            j->quoted[j->ntables] = sqlite3_mprintf("%s", sqlite3_column_text(st, 2));
            expect(j->cols[j->ntables] && j->quoted[j->ntables]);
            j->tables[j->ntables++] = t;
        } else if ((rc = columns(j, t)) == 0) {
            sqlite3_bind_text(keep, 1, t, -1, SQLITE_STATIC);
            sqlite3_bind_value(keep, 2, sqlite3_column_value(st, 0));
            sqlite3_bind_text(keep, 3, j->cols[j->ntables - 1], -1, SQLITE_STATIC);
            sqlite3_bind_text(keep, 4, j->quoted[j->ntables - 1], -1, SQLITE_STATIC);
            if (sqlite3_step(keep) != SQLITE_DONE) rc = err_set(&j->r->e, "damaged: %s", sqlite3_errmsg(j->db));
            sqlite3_reset(keep);
        }
    }
    sqlite3_finalize(st);
    sqlite3_finalize(keep);
    return rc;
}

/* quote(X.c1)||... with X replaced by alias: the row as one comparable text. */
static char *row_text(Job *j, int t, const char *alias)
{
    sqlite3_str *s = sqlite3_str_new(j->db);
    for (const char *p = j->quoted[t]; *p; p++) {
        if (p[0] == 'X' && p[1] == '.' && p > j->quoted[t] && p[-1] == '(') sqlite3_str_appendall(s, alias);
        else sqlite3_str_appendchar(s, 1, *p);
    }
    char *out = sqlite3_str_finish(s);
    expect(out);
    return out;
}

/* The key check: the kiosk that signed is known by its key from its first bundle on; an
 * earlier id it signs for (its records from before its card moved) is remembered as moved to
 * it. 1 when this bundle taught that an earlier id moved, 0, -1 to refuse (with e). */
static int check_kiosk(Job *j, long long now)
{
    sqlite3_stmt *st;
    char known[MINISIGN_PUBLIC_B64 + 1] = "";
    int have = 0, moved = 0;
    if (sqlite3_prepare_v2(j->db, "SELECT coalesce(key, '') FROM net_kiosk WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
        return err_set(&j->r->e, "damaged: %s", sqlite3_errmsg(j->db));
    sqlite3_bind_text(st, 1, j->signer, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        have = 1;
        text_copy(known, sizeof known, (const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    if (known[0] && strcmp(known, j->key) != 0)
        return err_set(&j->r->e, "refused: kiosk %s is known under another key (%.12s…), this bundle is signed by %.12s…", j->signer, known,
                       j->key);
    if (!have && run(j, "INSERT INTO net_kiosk (id, key, first_seen) VALUES (%Q, %Q, %lld)", j->signer, j->key, now) < 0) return -1;
    if (have && !known[0] && run(j, "UPDATE net_kiosk SET key = %Q WHERE id = %Q", j->key, j->signer) < 0) return -1;
    if (strcmp(j->kiosk, j->signer) != 0) {
        moved = count(j, "SELECT count(*) FROM net_kiosk WHERE id = %Q AND moved_to IS NOT NULL", j->kiosk) == 0;
        if (run(j, "INSERT INTO net_kiosk (id, moved_to, first_seen) VALUES (%Q, %Q, %lld)"
                   " ON CONFLICT (id) DO UPDATE SET moved_to = coalesce(moved_to, excluded.moved_to)", j->kiosk, j->signer, now) < 0)
            return -1;
    }
    return moved;
}

/* What each record of the bundle is here. The statements are driven by the bundle's rows (EXISTS,
 * CROSS JOIN keep that order): a merge costs what the bundle holds, not what the network has. */
static int classify(Job *j)
{
    /* The usual bundle: records of a kiosk and numbers the network has none of, nothing of them
     * disputed. They are all new, unless one's id is here already under another kiosk or number
     * (a forged or a corrupted id): adding them then fails on the id, the bundle is rolled back
     * and merged again carefully (merge_plain). That spares looking up each id twice, here and
     * when it is added: a third of the merge, in an index of random UUIDs larger than memory. */
    if (!j->careful && count(j, "SELECT EXISTS (SELECT 1 FROM main.record WHERE kiosk_id = %Q AND seq BETWEEN %lld AND %lld)"
                                " OR EXISTS (SELECT 1 FROM net_conflict WHERE kiosk_id = %Q AND seq BETWEEN %lld AND %lld)"
                                " OR EXISTS (SELECT 1 FROM b.record x WHERE x.id IN (SELECT record_id FROM net_conflict))",
                             j->kiosk, j->first, j->last, j->kiosk, j->first, j->last) == 0) {
        j->hopeful = 1;   /* temp.inc is not filled: every record is new (see in_state) */
        return 0;
    }
    /* One pass: disputed already (aside), here by id (known), its kiosk and number taken (conflict). */
    if (run(j, "CREATE TEMP TABLE IF NOT EXISTS inc (id TEXT PRIMARY KEY, kiosk_id TEXT, seq INTEGER, state TEXT);"
               "DELETE FROM temp.inc;"
               "INSERT OR FAIL INTO temp.inc SELECT x.id, x.kiosk_id, x.seq, CASE"
               " WHEN x.id IN (SELECT record_id FROM net_conflict)"
               "   OR EXISTS (SELECT 1 FROM net_conflict c WHERE c.kiosk_id = x.kiosk_id AND c.seq = x.seq) THEN 'aside'"
               " WHEN EXISTS (SELECT 1 FROM main.record m WHERE m.id = x.id) THEN 'known'"
               " WHEN EXISTS (SELECT 1 FROM main.record m WHERE m.kiosk_id = x.kiosk_id AND m.seq = x.seq) THEN 'conflict'"
               " ELSE 'new' END FROM b.record x;") < 0)
        return -1;
    /* Only records known here already are compared, row by row: none in a bundle of new ones. */
    if (in_state(j, KNOWN) == 0) return 0;
    for (int t = 0; t < j->ntables; t++) {
        if (strcmp(j->tables[t], "person") == 0) continue;   /* names may be erased here: not content */
        char *theirs = row_text(j, t, "x"), *ours = row_text(j, t, "m");
        int rc = run(j, "UPDATE OR FAIL temp.inc SET state = 'conflict' WHERE state = 'known' AND id IN"
                        " (SELECT x.id FROM b.\"%w\" x CROSS JOIN main.\"%w\" m ON m.id = x.id WHERE %s IS NOT %s)",
                     j->tables[t], j->tables[t], theirs, ours);
        sqlite3_free(theirs);
        sqlite3_free(ours);
        if (rc < 0) return -1;
    }
    return 0;
}

/* Every version of a disputed record goes to net_conflict: the one here (which then leaves the
 * tables) and the one arriving. Names (person) are never copied there. */
static int set_aside(Job *j)
{
    if (run(j, "CREATE TEMP TABLE IF NOT EXISTS touched (kiosk_id TEXT PRIMARY KEY); DELETE FROM temp.touched;") < 0) return -1;
    if (in_state(j, DISPUTED) == 0) return 0;
    if (run(j, "CREATE TEMP TABLE IF NOT EXISTS gone (id TEXT PRIMARY KEY); DELETE FROM temp.gone;"
               "INSERT OR IGNORE INTO temp.gone SELECT id FROM temp.inc i WHERE state = 'conflict' AND EXISTS (SELECT 1 FROM main.record m WHERE m.id = i.id);"
               "INSERT OR IGNORE INTO temp.gone SELECT m.id FROM temp.inc i CROSS JOIN main.record m ON m.kiosk_id = i.kiosk_id AND m.seq = i.seq"
               " WHERE i.state = 'conflict';") < 0)
        return -1;
    for (int t = 0; t < j->ntables; t++) {
        const char *tbl = j->tables[t];
        if (strcmp(tbl, "person") == 0) continue;
        char *ours = row_text(j, t, "m"), *theirs = row_text(j, t, "x");
        int rc = run(j, "INSERT OR IGNORE INTO net_conflict SELECT m.id, r.kiosk_id, r.seq, %Q, %s FROM main.\"%w\" m"
                        " JOIN main.record r ON r.id = m.id WHERE m.id IN (SELECT id FROM temp.gone);"
                        "INSERT OR IGNORE INTO net_conflict SELECT x.id, i.kiosk_id, i.seq, %Q, %s FROM b.\"%w\" x"
                        " JOIN temp.inc i ON i.id = x.id WHERE i.state IN ('conflict', 'aside');",
                     tbl, ours, tbl, tbl, theirs, tbl);
        sqlite3_free(ours);
        sqlite3_free(theirs);
        if (rc < 0) return -1;
    }
    for (int i = 0; bundle_table(i); i++)
        if (run(j, "DELETE FROM main.\"%w\" WHERE id IN (SELECT id FROM temp.gone)", bundle_table(i)) < 0) return -1;
    /* The kiosks whose records left: their corrected times are computed again. */
    return run(j, "INSERT OR IGNORE INTO temp.touched SELECT kiosk_id FROM main.record WHERE id IN (SELECT id FROM temp.gone);"
                  "DELETE FROM main.record WHERE id IN (SELECT id FROM temp.gone)");
}

/* The new records, table by table (a registration before the name it gives); a name also for a
 * registration known already, since it may have come first in a bundle made after her name was
 * erased: the withdrawal, wherever it is, erases it again. */
static int add(Job *j, int moved)
{
    /* A bundle of new records only (the usual one): every row, without looking each one up. */
    int all = in_state(j, NEW) == j->records;   /* check_header: temp.inc holds every record */
    for (int t = 0; t < j->ntables; t++) {
        int person = strcmp(j->tables[t], "person") == 0;
        if (run(j, "INSERT %s INTO main.\"%w\" (%s) SELECT %s FROM b.\"%w\"%s%s",
                person ? "OR IGNORE" : "OR FAIL", j->tables[t], j->cols[t], j->cols[t], j->tables[t],
                all ? "" : " WHERE id IN (SELECT id FROM temp.inc WHERE state ",
                all ? "" : person ? "IN ('new', 'known'))" : "= 'new')") < 0)
            return -1;
    }
    /* Her registrations on the kiosk of the withdrawal (or on an earlier id of it) before it:
     * every withdrawal when this bundle taught that an id moved; else those the bundle brought,
     * and the withdrawals of the women whose registrations (or names) it brought. */
#define BEFORE_IT " WHERE (pr.kiosk_id = wr.kiosk_id AND pr.seq < wr.seq) OR pr.kiosk_id IN (SELECT id FROM net_kiosk WHERE moved_to = wr.kiosk_id)"
    if (moved)
        return run(j, "DELETE FROM person WHERE id IN (SELECT p.id FROM withdrawal w CROSS JOIN record wr ON wr.id = w.id"
                      " CROSS JOIN participant p ON p.learner_id = w.learner_id CROSS JOIN record pr ON pr.id = p.id" BEFORE_IT ")");
    /* Driven by the bundle's own withdrawals and registrations (and names): most bundles have
     * none, and then nothing is looked up. */
    sqlite3_str *q = sqlite3_str_new(j->db);
    if (has_table(j, "withdrawal"))
        sqlite3_str_appendall(q, "SELECT p.id FROM b.withdrawal bw CROSS JOIN withdrawal w ON w.id = bw.id"
                                 " CROSS JOIN record wr ON wr.id = w.id CROSS JOIN participant p ON p.learner_id = w.learner_id"
                                 " CROSS JOIN record pr ON pr.id = p.id" BEFORE_IT);
    for (int i = 0; i < 2; i++)
        if (has_table(j, i ? "person" : "participant"))
            sqlite3_str_appendf(q, "%sSELECT p.id FROM b.%s bp CROSS JOIN participant p ON p.id = bp.id"
                                   " CROSS JOIN withdrawal w ON w.learner_id = p.learner_id CROSS JOIN record wr ON wr.id = w.id"
                                   " CROSS JOIN record pr ON pr.id = p.id" BEFORE_IT,
                                sqlite3_str_length(q) ? " UNION ALL " : "", i ? "person" : "participant");
    char *sql = sqlite3_str_finish(q);
    int rc = sql ? run(j, "DELETE FROM person WHERE id IN (%s)", sql) : 0;
    sqlite3_free(sql);
    return rc;
#undef BEFORE_IT
}

/* The corrected times of the kiosks whose records changed: the bundle's, if it brought any, and
 * those whose records were set aside. */
static int fix_times(Job *j)
{
    if (in_state(j, NEW) > 0 &&
        run(j, "INSERT OR IGNORE INTO temp.touched VALUES (%Q)", j->kiosk) < 0)
        return -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(j->db, "SELECT kiosk_id FROM temp.touched", -1, &st, NULL) != SQLITE_OK)
        return err_set(&j->r->e, "damaged: %s", sqlite3_errmsg(j->db));
    int rc = 0;
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        const char *kiosk = (const char *)sqlite3_column_text(st, 0);
        Err e;
        /* Most kiosks have a trusted clock: nothing to correct, nothing corrected before. (The
         * index is named: without statistics SQLite took (kiosk_id, created_at) and read every
         * record of the kiosk, a millisecond a bundle.) */
        if (count(j, "SELECT EXISTS (SELECT 1 FROM main.record INDEXED BY net_record_untrusted WHERE kiosk_id = %Q AND clock_ok = 0)"
                     " OR EXISTS (SELECT 1 FROM net_time WHERE kiosk_id = %Q)", kiosk, kiosk) == 0)
            continue;
        if (network_fix_times(j->db, kiosk, &e) < 0) rc = err_set(&j->r->e, "%s", e.msg);
    }
    sqlite3_finalize(st);
    return rc;
}

/* The bundle itself, and its kiosk's health from the latest bundle that kiosk sent. */
static int remember(Job *j)
{
    char errors[600] = "", line[200], key[16];
    for (int i = 1; i <= 5; i++) {
        snprintf(key, sizeof key, "error.%d", i);
        header(j, key, line, sizeof line);
        if (line[0]) snprintf(errors + strlen(errors), sizeof errors - strlen(errors), "%s%s", errors[0] ? "; " : "", line);
    }
    char version[64], content[128];
    header(j, "pallay_version", version, sizeof version);
    header(j, "content_version", content, sizeof content);
    char at[32], starts[32], losses[32], disk[32], up[32], battery[32], clock[32];
    if (run(j, "INSERT INTO net_bundle VALUES (%Q, 'pallay-%q-%lld-%lld.age', %Q, %Q, %lld, %lld, %lld, %s, %s, %s, %s, %Q,"
               " %s, %s, %Q, %Q, %s)",
            j->hash, j->kiosk, j->first, j->last, j->kiosk, j->signer, j->first, j->last, j->records, header_sql(j, "exported_at", at),
            header_sql(j, "restarts", starts), header_sql(j, "power_losses", losses), header_sql(j, "free_disk_bytes", disk), errors,
            header_sql(j, "uptime_s", up), header_sql(j, "battery_percent", battery), version, content,
            header_sql(j, "clock_trusted", clock)) < 0)
        return -1;
    return run(j, "UPDATE net_kiosk SET (last_bundle, last_exported_at, free_disk_bytes, uptime_s, battery_percent,"
                  " pallay_version, content_version, clock_trusted) = (SELECT name, exported_at, free_disk_bytes, uptime_s,"
                  " battery_percent, pallay_version, content_version, clock_trusted FROM net_bundle WHERE signed_by = %Q"
                  " ORDER BY exported_at DESC, hash DESC LIMIT 1),"
                  " last_errors = (SELECT errors FROM net_bundle WHERE signed_by = %Q AND errors <> ''"
                  " ORDER BY exported_at DESC, hash DESC LIMIT 1),"
                  " (restarts, power_losses) = (SELECT sum(restarts), sum(power_losses) FROM net_bundle WHERE signed_by = %Q)"
                  " WHERE id = %Q", j->signer, j->signer, j->signer, j->signer);
}

static void log_merge(Job *j, const char *outcome)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(j->db, "INSERT INTO net_merge_log (at, file, hash, outcome, new, known, aside, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &st, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_int64(st, 1, (long long)time(NULL));
    sqlite3_bind_text(st, 2, j->path, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, j->hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, outcome, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, j->r->fresh);
    sqlite3_bind_int64(st, 6, j->r->known);
    sqlite3_bind_int64(st, 7, j->r->aside);
    if (j->r->e.msg[0]) sqlite3_bind_text(st, 8, j->r->e.msg, -1, SQLITE_STATIC);
    sqlite3_step(st);
    sqlite3_finalize(st);
}

/* Reads and checks the header of the bundle lent as b against its signature. */
static int check_header(Job *j, const char *signed_kiosk)
{
    char by[64];
    header(j, "kiosk_id", j->kiosk, sizeof j->kiosk);
    header(j, "signed_by", by, sizeof by);
    text_copy(j->signer, sizeof j->signer, by[0] ? by : j->kiosk);
    text_copy(j->r->kiosk_id, sizeof j->r->kiosk_id, j->kiosk);
    if (strcmp(j->kiosk, signed_kiosk) != 0)
        return err_set(&j->r->e, "tampered: the header names kiosk %s, the signature kiosk %s", j->kiosk, signed_kiosk);
    long long schema = header_ll(j, "schema_version", 0);
    if (schema > SCHEMA_VERSION)
        return err_set(&j->r->e, "newer schema: the kiosk runs schema %lld, this pallayctl reads up to %d; update it", schema, SCHEMA_VERSION);
    j->first = header_ll(j, "first_seq", -1);
    j->last = header_ll(j, "last_seq", -1);
    j->records = header_ll(j, "records", -1);
    if (count(j, "SELECT count(*) FROM b.record") != j->records ||
        count(j, "SELECT count(*) FROM b.record WHERE kiosk_id IS NOT %Q OR seq NOT BETWEEN %lld AND %lld", j->kiosk, j->first, j->last) != 0)
        return err_set(&j->r->e, "damaged: its records are not those its header counts");
    j->r->records = j->records;
    return 0;
}

/* A bundle is applied whole or not at all. Alone, in a transaction of its own. In a batch (see
 * merge_batch_begin), inside the batch's transaction, with no savepoint of its own: a bundle
 * that fails once it has written rolls the whole batch back, and the caller merges the batch's
 * bundles again, one transaction each, so the bad one is skipped alone and the others go in
 * whole. That keeps the promise of one transaction per bundle, atomic per bundle: the batch
 * commits whole bundles only, and a crash loses whole bundles of the uncommitted batch, which a
 * run again merges (merges are idempotent). A savepoint per bundle would say the same more
 * dearly: SQLite copies every page a savepoint touches into a journal in memory, a quarter of
 * the merge's time, to undo a bundle that in practice never fails there (bad bundles are found
 * by their signature, header and columns, before anything is written). */
static MergeOutcome apply(Job *j)
{
    long long now = (long long)time(NULL);
    int batch = !sqlite3_get_autocommit(j->db);
    if (!batch && sqlite3_exec(j->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        err_set(&j->r->e, "not merged: the network database is busy (%s); merge it again later", sqlite3_errmsg(j->db));
        return MERGE_SKIPPED;
    }
    int moved = check_kiosk(j, now);
    if (moved < 0 && strncmp(j->r->e.msg, "refused", 7) == 0) {   /* refused before anything was written */
        if (!batch) sqlite3_exec(j->db, "ROLLBACK", NULL, NULL, NULL);
        return MERGE_REFUSED;
    }
    if (moved < 0 || classify(j) < 0 || set_aside(j) < 0 || add(j, moved) < 0 || fix_times(j) < 0 || remember(j) < 0) goto fail;
    j->r->fresh = in_state(j, NEW);
    j->r->known = in_state(j, KNOWN);
    j->r->aside = in_state(j, DISPUTED);
    log_merge(j, "merged");
    if (batch || run(j, "COMMIT") == 0) return MERGE_MERGED;
fail:
    sqlite3_exec(j->db, "ROLLBACK", NULL, NULL, NULL);   /* this bundle's transaction, or the batch's */
    j->r->fresh = j->r->known = j->r->aside = 0;
    return MERGE_SKIPPED;
}

/* A bundle added without looking its ids up (see classify) that failed is merged again at once
 * with them looked up, in a transaction of its own; in a batch, the caller merges it again alone
 * (merge_batch_begin), and that is when. */
static MergeOutcome merge_plain(Job *j, const char *signed_kiosk)
{
    if (check_header(j, signed_kiosk) < 0 || load_tables(j) < 0) return MERGE_SKIPPED;
    int batch = !sqlite3_get_autocommit(j->db);
    MergeOutcome o = apply(j);
    if (o == MERGE_SKIPPED && j->hopeful && !batch) {
        j->careful = 1;
        j->hopeful = 0;
        j->r->e.msg[0] = '\0';
        o = apply(j);
    }
    return o;
}

int merge_batch_begin(sqlite3 *db, Err *e)
{
    /* The bundles are lent as "b": attached before the transaction, where ATTACH is refused. */
    if (!sqlite3_db_filename(db, "b") && sqlite3_exec(db, "ATTACH DATABASE ':memory:' AS b", NULL, NULL, NULL) != SQLITE_OK)
        return err_set(e, "merge: %s", sqlite3_errmsg(db));
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return err_set(e, "merge: the network database is busy (%s)", sqlite3_errmsg(db));
    return 0;
}

int merge_batch_open(sqlite3 *db)
{
    return !sqlite3_get_autocommit(db);
}

int merge_batch_commit(sqlite3 *db, Err *e)
{
    int rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : err_set(e, "merge: %s", sqlite3_errmsg(db));
    if (rc < 0) sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    bundle_detach(db, "b");
    return rc;
}

void merge_batch_rollback(sqlite3 *db)
{
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    bundle_detach(db, "b");
}

/* A bundle as merge_read leaves it: what its file and signature say, before any database. */
struct MergeRead {
    char *path;
    int verified;                       /* its signature is good and a Pallay bundle's: hash, kiosk, key hold */
    int opened;                         /* 1: plain holds it decrypted; -1: e says why it could not be; 0: not tried */
    char hash[129];                     /* BLAKE2b of the file, hex: how net_bundle knows it */
    char kiosk[64];                     /* the kiosk the signature names */
    char key[MINISIGN_PUBLIC_B64 + 1];  /* the key that signed it */
    unsigned char *plain;               /* names and all: wiped before it is freed */
    size_t n;
    Err e;                              /* why it is not verified, or could not be decrypted */
};

/* A hash's first bytes are enough for a hint: two bundles alike in them would only cost a
 * decryption while merging, and the set stays small (16 bytes a bundle the network has). */
#define KNOWN_BYTES 16

struct MergeKnown {
    unsigned char (*hash)[KNOWN_BYTES];   /* sorted (memcmp) */
    size_t n;
};

static int known_cmp(const void *a, const void *b)
{
    return memcmp(a, b, KNOWN_BYTES);
}

MergeKnown *merge_known_load(sqlite3 *db, Err *e)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT hash FROM net_bundle", -1, &st, NULL) != SQLITE_OK) {
        err_set(e, "merge: %s", sqlite3_errmsg(db));
        return NULL;
    }
    MergeKnown *k = xcalloc(1, sizeof *k);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *hex = (const char *)sqlite3_column_text(st, 0);
        if (k->n == cap) {
            cap = cap ? cap * 2 : 256;
            k->hash = realloc(k->hash, cap * sizeof *k->hash);
            expect(k->hash);
        }
        size_t got = 0;
        if (hex && strlen(hex) >= 2 * KNOWN_BYTES && sodium_hex2bin(k->hash[k->n], KNOWN_BYTES, hex, 2 * KNOWN_BYTES, NULL, &got, NULL) == 0)
            k->n++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        err_set(e, "merge: %s", sqlite3_errstr(rc));
        merge_known_unload(k);
        return NULL;
    }
    if (k->n) qsort(k->hash, k->n, sizeof *k->hash, known_cmp);
    return k;
}

void merge_known_unload(MergeKnown *k)
{
    if (!k) return;
    free(k->hash);
    free(k);
}

static int known_has(const MergeKnown *k, const unsigned char hash[MINISIGN_HASH])
{
    return k && k->n && bsearch(hash, k->hash, k->n, sizeof *k->hash, known_cmp) != NULL;
}

static void decrypt(MergeRead *b, const unsigned char identity[32])
{
    b->opened = envelope_open(b->path, identity, &b->plain, &b->n, &b->e) == 0 ? 1 : -1;
}

MergeRead *merge_read(const char *path, const unsigned char identity[32], const MergeKnown *known)
{
    MergeRead *b = xcalloc(1, sizeof *b);
    Envelope env;
    b->path = xstrdup(path);
    if (envelope_verify(path, NULL, &env, &b->e) < 0) return b;
    sodium_bin2hex(b->hash, sizeof b->hash, env.hash, sizeof env.hash);
    if (strncmp(env.trusted, "pallay bundle ", 14) != 0 || envelope_field(env.trusted, "kiosk", b->kiosk, sizeof b->kiosk) < 0) {
        err_set(&b->e, "not a bundle: signed, but not as a Pallay bundle");
        return b;
    }
    text_copy(b->key, sizeof b->key, env.key_b64);
    b->verified = 1;
    /* The same file again (from a stick and from the folder) is not opened: see merge_read_into. */
    if (identity && !known_has(known, env.hash)) decrypt(b, identity);
    return b;
}

void merge_read_free(MergeRead *b)
{
    if (!b) return;
    if (b->plain) {
        sodium_memzero(b->plain, b->n);
        free(b->plain);
    }
    free(b->path);
    free(b);
}

MergeOutcome merge_read_into(sqlite3 *db, MergeRead *b, const unsigned char identity[32], MergeResult *r)
{
    Job j = { .db = db, .path = b->path, .r = r };
    MergeOutcome o = MERGE_SKIPPED;
    int batch = !sqlite3_get_autocommit(db);
    memset(r, 0, sizeof *r);
    text_copy(j.hash, sizeof j.hash, b->hash);
    if (!b->verified) {
        r->e = b->e;
        goto done;
    }
    text_copy(j.key, sizeof j.key, b->key);
    /* The same file again (from a stick and from the folder): known by its hash, not opened.
     * The database says so, not merge_read's hint: a bundle merged earlier in this run is here. */
    r->records = count(&j, "SELECT records FROM net_bundle WHERE hash = %Q", j.hash);
    if (r->records >= 0) {
        r->known = r->records;
        text_copy(r->kiosk_id, sizeof r->kiosk_id, b->kiosk);
        o = MERGE_AGAIN;
        goto done;
    }
    r->records = 0;
    if (b->opened == 0) decrypt(b, identity);   /* hinted as known, but it is not */
    if (b->opened < 0) {
        r->e = b->e;
        goto done;
    }
    if (bundle_attach(db, "b", b->plain, b->n, b->key, &r->e) < 0) goto done;
    o = merge_plain(&j, b->kiosk);
    sqlite3_finalize(j.hdr);
    bundle_detach(db, "b");
done:
    for (int t = 0; t < j.ntables; t++) {
        sqlite3_free(j.cols[t]);
        sqlite3_free(j.quoted[t]);
    }
    /* A batch this bundle rolled back is merged again, this bundle with it: logged then. */
    if (o != MERGE_MERGED && !(batch && sqlite3_get_autocommit(db)))
        log_merge(&j, o == MERGE_AGAIN ? "again" : o == MERGE_REFUSED ? "refused" : "skipped");
    return o;
}

/* Read, then merged: the decryption waits for the database to say the bundle is new. */
MergeOutcome merge_bundle(sqlite3 *db, const char *path, const unsigned char identity[32], MergeResult *r)
{
    MergeRead *b = merge_read(path, NULL, NULL);
    MergeOutcome o = merge_read_into(db, b, identity, r);
    merge_read_free(b);
    return o;
}
