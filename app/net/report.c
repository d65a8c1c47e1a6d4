/* report: the CSV files. Each is one query; the rules every report shares (what is voided, where
 * a woman belongs, when a record was made) live in temporary tables made once by
 * report_prepare, so the queries read alike and a figure means the same in every file. */
#include "report.h"
#include "csv.h"
#include "names.h"
#include "network.h"
#include "../base/text.h"

#include <sqlite3.h>
#include <stdio.h>

/* What every part of a report needs, the xAPI statements too (report_prepare's base). */
static const char PREPARE[] =
    /* The report reads the database all over (each record by its random id): mapped, its pages
     * are read without a system call each; the mapping is the system's file cache, not ours. */
    "PRAGMA mmap_size = 4294967296;"
    /* What a void cancelled (with one of its reasons), looked up by id. */
    "DROP TABLE IF EXISTS temp.voided;"
    "CREATE TEMP TABLE voided (id TEXT PRIMARY KEY, reason TEXT) WITHOUT ROWID;"
    "INSERT INTO temp.voided SELECT target_id, min(reason) FROM void GROUP BY target_id;"

    /* Her registration in force: the latest one not voided. */
    "DROP TABLE IF EXISTS temp.home;"
    "CREATE TEMP TABLE home (learner_id TEXT PRIMARY KEY, participant_id TEXT, community TEXT) WITHOUT ROWID;"
    "INSERT INTO temp.home SELECT learner_id, id, community FROM (SELECT p.learner_id, p.id, c.name AS community,"
    "  row_number() OVER (PARTITION BY p.learner_id ORDER BY " REPORT_AT " DESC, r.seq DESC) AS k FROM participant p"
    "  JOIN record r ON r.id = p.id LEFT JOIN net_time t ON t.id = r.id LEFT JOIN community c ON c.id = p.community_id"
    "  WHERE p.id NOT IN (SELECT id FROM temp.voided)) WHERE k = 1;"
    /* Who attended where (neither the attendance nor its workshop voided). */
    "DROP TABLE IF EXISTS temp.came;"
    "CREATE TEMP TABLE came AS SELECT a.id, a.learner_id, w.id AS workshop_id, w.held_at, w.modules, c.name AS community"
    "  FROM attendance a JOIN workshop w ON w.id = a.workshop_id JOIN community c ON c.id = w.community_id"
    "  WHERE a.id NOT IN (SELECT id FROM temp.voided) AND w.id NOT IN (SELECT id FROM temp.voided);"
    ;
/* What the CSV files and the page need besides. */
static const char PREPARE_REST[] =
    /* The name she gave with her consent, unless a withdrawal came after it on that kiosk. */
    "DROP TABLE IF EXISTS temp.named;"
    "CREATE TEMP TABLE named (participant_id TEXT PRIMARY KEY, name TEXT, birth_year INTEGER) WITHOUT ROWID;"
    "INSERT INTO temp.named SELECT p.id, pe.name, pe.birth_year FROM participant p JOIN person pe ON pe.id = p.id"
    "  JOIN record r ON r.id = p.id WHERE p.consent = 1 AND NOT EXISTS (SELECT 1 FROM withdrawal w JOIN record wr ON wr.id = w.id"
    /* "+": from her withdrawals (a few) to their records, never through every later record of the kiosk. */
    "  WHERE w.learner_id = p.learner_id AND +wr.kiosk_id = r.kiosk_id AND +wr.seq > r.seq);"
    /* Equipment handed out and not voided, in the community of its workshop (else hers). */
    "DROP TABLE IF EXISTS temp.given;"
    "CREATE TEMP TABLE given AS SELECT d.id, d.learner_id, d.item, d.quantity, coalesce(c.name, h.community) AS community"
    "  FROM ppe_delivery d LEFT JOIN workshop w ON w.id = d.workshop_id LEFT JOIN community c ON c.id = w.community_id"
    "  LEFT JOIN temp.home h ON h.learner_id = d.learner_id WHERE d.id NOT IN (SELECT id FROM temp.voided);"
    /* Modules completed and quizzes taken, not voided, each with its time, kiosk and her
     * community, read once here: the quiz file, the women trained and the figures per module all
     * come from these two instead of looking each up by id again. recorded: its record is here
     * (the quiz file and the dates count only those); homed: she has a registration in force. */
    "DROP TABLE IF EXISTS temp.done;"
    "CREATE TEMP TABLE done AS SELECT x.learner_id, x.module, " REPORT_AT " AS at, r.id IS NOT NULL AS recorded,"
    "  h.learner_id IS NOT NULL AS homed, h.community FROM completion x LEFT JOIN record r ON r.id = x.id"
    "  LEFT JOIN net_time t ON t.id = r.id LEFT JOIN temp.home h ON h.learner_id = x.learner_id"
    "  WHERE x.id NOT IN (SELECT id FROM temp.voided);"
    "DROP TABLE IF EXISTS temp.quiz;"
    "CREATE TEMP TABLE quiz AS SELECT a.id, a.learner_id, a.module, a.questions, a.pass_mark, e.id AS end_id, e.score, e.total,"
    "  e.passed, " REPORT_AT " AS at, r.kiosk_id, r.id IS NOT NULL AS recorded, h.learner_id IS NOT NULL AS homed, h.community"
    "  FROM attempt a NOT INDEXED LEFT JOIN record r ON r.id = a.id LEFT JOIN net_time t ON t.id = r.id"
    "  LEFT JOIN attempt_end e ON e.attempt_id = a.id LEFT JOIN temp.home h ON h.learner_id = a.learner_id"
    "  WHERE a.id NOT IN (SELECT id FROM temp.voided);"
    /* Trained: she attended a workshop, or completed a module on a kiosk; when, and where. */
    "DROP TABLE IF EXISTS temp.trained;"
    "CREATE TEMP TABLE trained AS SELECT learner_id, community, held_at AS at FROM temp.came"
    "  UNION ALL SELECT learner_id, community, at FROM temp.done WHERE recorded;"
    /* The summaries look these up per community and per woman: without them, who lacks what
     * reads every delivery for every woman and item. */
    "CREATE INDEX temp.home_community ON home (community);"
    "CREATE INDEX temp.given_learner ON given (learner_id, item);"
    "CREATE INDEX temp.given_community ON given (community);"
    "CREATE INDEX temp.came_community ON came (community, learner_id);"
    "CREATE INDEX temp.came_learner ON came (learner_id);"
    /* Per community and module: women who completed it, and who passed its quiz. */
    "DROP TABLE IF EXISTS temp.module_women;"
    "CREATE TEMP TABLE module_women AS SELECT community, module, count(DISTINCT learner_id) AS trained, 0 AS passed"
    "  FROM temp.done WHERE homed GROUP BY 1, 2"
    "  UNION ALL SELECT community, module, 0, count(DISTINCT learner_id) FROM temp.quiz WHERE passed = 1 AND homed GROUP BY 1, 2;"
    /* Who attended a workshop and lacks an item the network hands out (any item delivered to
     * anyone): for the CSV file and the page. */
    "DROP TABLE IF EXISTS temp.lacks;"
    "CREATE TEMP TABLE lacks AS WITH items AS (SELECT DISTINCT item FROM temp.given),"
    "  women AS (SELECT DISTINCT learner_id, community FROM temp.came)"
    "  SELECT w.community, w.learner_id, i.item FROM women w CROSS JOIN items i"
    "  WHERE NOT EXISTS (SELECT 1 FROM temp.given g WHERE g.learner_id = w.learner_id AND g.item = i.item)"
    "  ORDER BY 1, 2, 3;";

/* A read transaction on c, its snapshot fixed by a first read. */
static int snapshot(sqlite3 *c, Err *e)
{
    if (sqlite3_exec(c, "BEGIN; SELECT count(*) FROM main.sqlite_master", NULL, NULL, NULL) == SQLITE_OK) return 0;
    err_set(e, "report: %s", sqlite3_errmsg(c));
    sqlite3_exec(c, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

/* A second connection takes its snapshot while a third holds the write lock, which db cannot
 * take itself and keep reading its own snapshot: no merge commits between the two snapshots. */
int report_begin(sqlite3 *db, const char *path, sqlite3 **second, Err *e)
{
    if (!second) return snapshot(db, e);
    *second = NULL;
    sqlite3 *lock = network_reader(path, e);
    if (!lock) return -1;
    int rc = -1;
    if (sqlite3_exec(lock, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        err_set(e, "report: the network database is busy (%s); try again", sqlite3_errmsg(lock));
    else if (snapshot(db, e) == 0) {
        if ((*second = network_reader(path, e)) && snapshot(*second, e) == 0) rc = 0;
        if (rc < 0) report_end(db, *second);
    }
    sqlite3_close(lock);   /* its transaction rolled back: it wrote nothing */
    if (rc < 0) *second = NULL;
    return rc;
}

void report_end(sqlite3 *db, sqlite3 *second)
{
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);   /* read only, but for temporary tables */
    sqlite3_close(second);
}

int report_prepare(sqlite3 *db, int base, Err *e)
{
    char *msg = NULL;
    if (sqlite3_exec(db, PREPARE, NULL, NULL, &msg) != SQLITE_OK || (!base && sqlite3_exec(db, PREPARE_REST, NULL, NULL, &msg) != SQLITE_OK)) {
        err_set(e, "report: %s", msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

#define SIGN "l.symbol || '/' || l.colour"

static const char PARTICIPANTS[] =
    "SELECT date(" REPORT_AT ", 'unixepoch') AS registered, p.learner_id AS learner, " SIGN " AS sign, c.name AS community,"
    " CASE p.consent WHEN 1 THEN 'yes' ELSE 'no' END AS consent,"
    " CASE WHEN ?1 = 0 THEN n.name END AS name, CASE WHEN ?1 = 0 THEN n.birth_year END AS birth_year,"
    " CASE WHEN EXISTS (SELECT 1 FROM withdrawal w WHERE w.learner_id = p.learner_id) THEN 'yes' ELSE 'no' END AS withdrew,"
    " r.kiosk_id AS kiosk, p.id AS registration"
    " FROM participant p JOIN record r ON r.id = p.id LEFT JOIN net_time t ON t.id = r.id JOIN learner l ON l.id = p.learner_id"
    " LEFT JOIN community c ON c.id = p.community_id LEFT JOIN temp.named n ON n.participant_id = p.id"
    " WHERE p.id NOT IN (SELECT id FROM temp.voided) ORDER BY community, registered, p.id";

static const char ATTENDANCE[] =
    "SELECT date(a.held_at, 'unixepoch') AS date, a.community, a.modules, a.learner_id AS learner, " SIGN " AS sign,"
    " a.workshop_id AS workshop, r.kiosk_id AS kiosk"
    " FROM temp.came a JOIN record r ON r.id = a.id JOIN learner l ON l.id = a.learner_id ORDER BY date, a.community, a.learner_id";

/* Deliveries and attempts are read in the order they are stored (NOT INDEXED): through their id
 * index, the planner's choice, each row would be looked up at random. */
static const char EQUIPMENT[] =
    "SELECT date(" REPORT_AT ", 'unixepoch') AS date, CASE WHEN " REPORT_CORRECTED " THEN 'yes' ELSE 'no' END AS date_corrected,"
    " coalesce(c.name, h.community) AS community, d.learner_id AS learner, " SIGN " AS sign, d.item, d.quantity, d.size,"
    " CASE WHEN v.id IS NULL THEN 'no' ELSE 'yes' END AS voided, v.reason AS void_reason, r.kiosk_id AS kiosk, d.id AS delivery"
    " FROM ppe_delivery d NOT INDEXED JOIN record r ON r.id = d.id LEFT JOIN net_time t ON t.id = r.id JOIN learner l ON l.id = d.learner_id"
    " LEFT JOIN workshop w ON w.id = d.workshop_id LEFT JOIN community c ON c.id = w.community_id"
    " LEFT JOIN temp.home h ON h.learner_id = d.learner_id LEFT JOIN temp.voided v ON v.id = d.id ORDER BY date, community, d.id";

static const char QUIZ[] =
    "SELECT date(q.at, 'unixepoch') AS date, q.learner_id AS learner, " SIGN " AS sign, q.community, q.module,"
    " q.questions, q.pass_mark, q.score, q.total,"
    " CASE WHEN q.end_id IS NULL THEN 'unfinished' WHEN q.passed THEN 'passed' ELSE 'failed' END AS result,"
    " q.kiosk_id AS kiosk, q.id AS attempt"
    " FROM temp.quiz q LEFT JOIN learner l ON l.id = q.learner_id WHERE q.recorded ORDER BY date, q.module, q.id";

/* The per-community summary has a column per module: its query is written from the modules.
 * Each figure is one grouped query joined by community (never a count per community and module). */
static char *communities_sql(sqlite3 *db)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT module FROM completion UNION SELECT module FROM attempt ORDER BY 1", -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_str *cols = sqlite3_str_new(db), *joins = sqlite3_str_new(db);
    for (int k = 0; sqlite3_step(st) == SQLITE_ROW; k++) {
        const char *m = (const char *)sqlite3_column_text(st, 0);
        sqlite3_str_appendf(cols, ", coalesce(t%d.n, 0) AS \"trained_%w\", coalesce(p%d.n, 0) AS \"passed_%w\"", k, m, k, m);
        sqlite3_str_appendf(joins, " LEFT JOIN (SELECT community, trained AS n FROM temp.module_women WHERE module = %Q AND trained > 0) t%d"
                                   " ON t%d.community = c.community",
                            m, k, k);
        sqlite3_str_appendf(joins, " LEFT JOIN (SELECT community, passed AS n FROM temp.module_women WHERE module = %Q AND passed > 0) p%d"
                                   " ON p%d.community = c.community",
                            m, k, k);
    }
    sqlite3_finalize(st);
    char *c = sqlite3_str_finish(cols), *j = sqlite3_str_finish(joins);
    char *sql = sqlite3_mprintf(
        "SELECT c.community, coalesce(r.n, 0) AS women_registered, coalesce(a.n, 0) AS women_attended%s, coalesce(g.n, 0) AS items_delivered"
        " FROM (SELECT name AS community FROM community WHERE id NOT IN (SELECT id FROM temp.voided)"
        "   UNION SELECT community FROM temp.home WHERE community IS NOT NULL) c"
        " LEFT JOIN (SELECT community, count(*) AS n FROM temp.home GROUP BY 1) r ON r.community = c.community"
        " LEFT JOIN (SELECT community, count(DISTINCT learner_id) AS n FROM temp.came GROUP BY 1) a ON a.community = c.community"
        " LEFT JOIN (SELECT community, sum(quantity) AS n FROM temp.given GROUP BY 1) g ON g.community = c.community%s"
        " ORDER BY c.community",
        c ? c : "", j ? j : "");
    sqlite3_free(c);
    sqlite3_free(j);
    return sql;
}

/* What each woman lacks (temp.lacks), one row per woman. ?2 = 1: her sign and the items in
 * words, as the course names them (the page), else as ids. */
const char REPORT_LACKING[] =
    "SELECT x.community, CASE WHEN ?2 THEN " NAMES_OF("symbol", "l.symbol") " || ' ' || " NAMES_OF("colour", "l.colour")
    "   ELSE l.symbol || '/' || l.colour END AS sign, CASE WHEN ?1 = 0 THEN n.name END AS name,"
    " group_concat(CASE WHEN ?2 THEN " NAMES_OF("item", "x.item") " ELSE x.item END, ', ') AS lacks"
    " FROM temp.lacks x JOIN learner l ON l.id = x.learner_id"
    " LEFT JOIN temp.home h ON h.learner_id = x.learner_id LEFT JOIN temp.named n ON n.participant_id = h.participant_id"
    " GROUP BY x.community, x.learner_id ORDER BY 1, 2, x.learner_id";

static int write_csv(sqlite3 *db, const char *dir, const char *file, const char *sql, int anonymous, Err *e)
{
    char path[PALLAY_PATH_LEN];
    sqlite3_stmt *st = NULL;
    Csv c = { 0 };
    if (text_fmt(path, sizeof path, "%s/%s", dir, file) < 0) return err_set(e, "%s: the path is too long", dir);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        err_set(e, "report: %s: %s", file, sqlite3_errmsg(db));
        goto fail;
    }
    if (sqlite3_bind_parameter_count(st) > 0) sqlite3_bind_int(st, 1, anonymous);
    if (sqlite3_bind_parameter_count(st) > 1) sqlite3_bind_int(st, 2, 0);   /* ids, not words (REPORT_LACKING) */
    if (csv_open(&c, path, e) < 0) goto fail;
    if (csv_query(&c, st, e) < 0) goto fail;
    sqlite3_finalize(st);
    return csv_close(&c, e);
fail:
    sqlite3_finalize(st);
    if (c.f) fclose(c.f);
    return -1;
}

int report_csv(sqlite3 *db, const char *dir, int anonymous, Err *e)
{
    if (write_csv(db, dir, "participants.csv", PARTICIPANTS, anonymous, e) < 0) return -1;
    if (write_csv(db, dir, "attendance.csv", ATTENDANCE, anonymous, e) < 0) return -1;
    if (write_csv(db, dir, "equipment.csv", EQUIPMENT, anonymous, e) < 0) return -1;
    if (write_csv(db, dir, "quiz_results.csv", QUIZ, anonymous, e) < 0) return -1;
    if (write_csv(db, dir, "lacking.csv", REPORT_LACKING, anonymous, e) < 0) return -1;
    char *sql = communities_sql(db);
    if (!sql) return err_set(e, "report: %s", sqlite3_errmsg(db));
    int rc = write_csv(db, dir, "communities.csv", sql, anonymous, e);
    sqlite3_free(sql);
    return rc;
}
