/* stats: read-only summaries of the records, for reports. */
#include "stats.h"
#include "../base/text.h"
#include "store_db.h"

#include <stdio.h>
#include <string.h>

/* Views that leave voided records out: every summary reads these. */
#define LIVE(t) "(SELECT * FROM " t " WHERE id NOT IN (SELECT target_id FROM void))"
#define ENDS                                                                                       \
    "(SELECT a.id, a.learner_id, a.module, x.score, x.total, x.passed FROM " LIVE("attempt") " a"   \
    " JOIN " LIVE("attempt_end") " x ON x.attempt_id = a.id)"

static void copy_col(sqlite3_stmt *st, int i, char *dst, size_t n)
{
    const unsigned char *v = sqlite3_column_text(st, i);
    text_copy(dst, n, v ? (const char *)v : "");
}

int stats_modules(Store *s, void (*fn)(const ModuleStats *, void *), void *ud, Err *e)
{
    /* Each figure counted once per module (GROUP BY), not once per module over every record. */
    static const char *const SQL =
        "WITH modules AS (SELECT module FROM " LIVE("module_open") " UNION SELECT module FROM " LIVE("attempt") "),"
        " opened AS (SELECT module, count(DISTINCT learner_id) AS n FROM " LIVE("module_open") " GROUP BY module),"
        " completed AS (SELECT module, count(DISTINCT learner_id) AS n FROM " LIVE("completion") " GROUP BY module),"
        " ends AS (SELECT module, count(DISTINCT CASE WHEN passed = 1 THEN learner_id END) AS passed, count(*) AS n,"
        "   avg(100.0 * score / max(total, 1)) AS average FROM " ENDS " GROUP BY module)"
        " SELECT m.module, coalesce(o.n, 0), coalesce(c.n, 0), coalesce(x.passed, 0), coalesce(x.n, 0), coalesce(x.average, 0)"
        " FROM modules m LEFT JOIN opened o ON o.module = m.module LEFT JOIN completed c ON c.module = m.module"
        " LEFT JOIN ends x ON x.module = m.module ORDER BY m.module";
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (!st) return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        ModuleStats m;
        copy_col(st, 0, m.module, sizeof m.module);
        m.started = sqlite3_column_int(st, 1);
        m.completed = sqlite3_column_int(st, 2);
        m.passed = sqlite3_column_int(st, 3);
        m.quizzes = sqlite3_column_int(st, 4);
        m.average = sqlite3_column_double(st, 5);
        fn(&m, ud);
    }
    return store_end(s, st, rc, e);
}

int stats_learners(Store *s, void (*fn)(const LearnerStats *, void *), void *ud, Err *e)
{
    static const char *const SQL =
        "WITH pairs AS (SELECT DISTINCT learner_id, module FROM " LIVE("module_open")
        "   UNION SELECT learner_id, module FROM " LIVE("attempt") " WHERE learner_id IS NOT NULL),"
        " best AS (SELECT learner_id, module, score, total,"
        "   row_number() OVER (PARTITION BY learner_id, module ORDER BY 1.0 * score / max(total, 1) DESC) AS n FROM " ENDS ")"
        " SELECT l.id, l.symbol, l.colour, p.module,"
        "  (SELECT count(*) FROM " LIVE("module_open") " WHERE learner_id = l.id AND module = p.module),"
        "  (SELECT count(*) FROM " LIVE("completion") " WHERE learner_id = l.id AND module = p.module),"
        "  (SELECT count(*) FROM " ENDS " WHERE learner_id = l.id AND module = p.module),"
        "  (SELECT count(*) FROM " ENDS " WHERE learner_id = l.id AND module = p.module AND passed = 1),"
        "  coalesce(b.score, 0), coalesce(b.total, 0)"
        " FROM " LIVE("learner") " l JOIN record r ON r.id = l.id JOIN pairs p ON p.learner_id = l.id"
        " LEFT JOIN best b ON b.learner_id = l.id AND b.module = p.module AND b.n = 1"
        " ORDER BY r.kiosk_id, r.seq, p.module";
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (!st) return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        LearnerStats l;
        copy_col(st, 0, l.learner, sizeof l.learner);
        copy_col(st, 1, l.symbol, sizeof l.symbol);
        copy_col(st, 2, l.colour, sizeof l.colour);
        copy_col(st, 3, l.module, sizeof l.module);
        l.opened = sqlite3_column_int(st, 4);
        l.completed = sqlite3_column_int(st, 5);
        l.quizzes = sqlite3_column_int(st, 6);
        l.passed = sqlite3_column_int(st, 7);
        l.best = sqlite3_column_int(st, 8);
        l.best_total = sqlite3_column_int(st, 9);
        fn(&l, ud);
    }
    return store_end(s, st, rc, e);
}

/* Each learner's name if her latest registration (not voided) gave consent and she has not
 * withdrawn it (a withdrawal erases the person rows), else NULL: a CTE to join as NAMES_JOIN,
 * read once for the whole report. A subquery per row would read all of her registrations again
 * for each of her rows (140 registrations x 1,400 deliveries each). */
#define NAMES                                                                                      \
    "names AS (SELECT p.learner_id, n.name AS name,"                                               \
    "   row_number() OVER (PARTITION BY p.learner_id ORDER BY pr.kiosk_id, pr.seq DESC) AS n"       \
    "   FROM participant p JOIN record pr ON pr.id = p.id LEFT JOIN person n ON n.id = p.id"        \
    "   WHERE p.id NOT IN (SELECT target_id FROM void))"
#define NAMES_JOIN(learner) " LEFT JOIN names nm ON nm.learner_id = " learner " AND nm.n = 1"

/* Workshops (alias w, in the order they were opened) and the women present; name is how her
 * name is found, join what it needs, where a condition on w. */
#define ATTENDANCE(name, join, where)                                                              \
    "SELECT w.id, w.held_at,"                                                                      \
    "  EXISTS (SELECT 1 FROM " LIVE("workshop_close") " c WHERE c.workshop_id = w.id),"             \
    "  coalesce(c.name, ''), coalesce(f.name, ''), w.modules,"                                     \
    "  coalesce(l.id, ''), coalesce(l.symbol, ''), coalesce(l.colour, ''), coalesce(" name ", '')" \
    " FROM " LIVE("workshop") " w JOIN record wr ON wr.id = w.id"                                   \
    " LEFT JOIN community c ON c.id = w.community_id LEFT JOIN facilitator f ON f.id = w.facilitator_id" \
    " LEFT JOIN " LIVE("attendance") " a ON a.workshop_id = w.id"                                   \
    " LEFT JOIN record ar ON ar.id = a.id LEFT JOIN learner l ON l.id = a.learner_id" join         \
    " WHERE " where " ORDER BY wr.kiosk_id, wr.seq, ar.seq"

static int each_attendance(Store *s, sqlite3_stmt *st, void (*fn)(const AttendanceRow *, void *), void *ud, Err *e)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        AttendanceRow r;
        copy_col(st, 0, r.workshop, sizeof r.workshop);
        r.held_at = sqlite3_column_int64(st, 1);
        r.closed = sqlite3_column_int(st, 2);
        copy_col(st, 3, r.community, sizeof r.community);
        copy_col(st, 4, r.facilitator, sizeof r.facilitator);
        copy_col(st, 5, r.modules, sizeof r.modules);
        copy_col(st, 6, r.learner, sizeof r.learner);
        copy_col(st, 7, r.symbol, sizeof r.symbol);
        copy_col(st, 8, r.colour, sizeof r.colour);
        copy_col(st, 9, r.name, sizeof r.name);
        fn(&r, ud);
    }
    return store_end(s, st, rc, e);
}

int stats_attendance(Store *s, void (*fn)(const AttendanceRow *, void *), void *ud, Err *e)
{
    static const char *const SQL = "WITH " NAMES " " ATTENDANCE("nm.name", NAMES_JOIN("l.id"), "1");
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    return st ? each_attendance(s, st, fn, ud, e) : -1;
}

int stats_attendance_of(Store *s, const char *workshop, void (*fn)(const AttendanceRow *, void *), void *ud, Err *e)
{
    static const char *const SQL = ATTENDANCE("NULL", "", "w.id = ?1");    /* signs only, as below */
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, workshop, -1, SQLITE_STATIC);
    return each_attendance(s, st, fn, ud, e);
}

/* Deliveries from the records r (alias r, in an order the caller gives), voided ones marked;
 * name and join as for ATTENDANCE. */
#define PPE_FROM(records, name, join)                                                              \
    "SELECT d.id, r.created_at, r.clock_ok, l.id, l.symbol, l.colour, coalesce(" name ", ''),"      \
    "  d.item, coalesce(d.size, ''), d.quantity, coalesce(f.name, ''), coalesce(d.workshop_id, ''),"   \
    "  (SELECT v.reason FROM void v WHERE v.target_id = d.id LIMIT 1), r.kiosk_id, r.seq"            \
    " FROM " records " CROSS JOIN ppe_delivery d ON d.id = r.id JOIN learner l ON l.id = d.learner_id" \
    " LEFT JOIN facilitator f ON f.id = d.facilitator_id" join

static int each_ppe(Store *s, sqlite3_stmt *st, void (*fn)(const PpeRow *, void *), void *ud, Err *e)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        PpeRow r;
        copy_col(st, 0, r.id, sizeof r.id);
        r.at = sqlite3_column_int64(st, 1);
        r.clock_ok = sqlite3_column_int(st, 2);
        copy_col(st, 3, r.learner, sizeof r.learner);
        copy_col(st, 4, r.symbol, sizeof r.symbol);
        copy_col(st, 5, r.colour, sizeof r.colour);
        copy_col(st, 6, r.name, sizeof r.name);
        copy_col(st, 7, r.item, sizeof r.item);
        copy_col(st, 8, r.size, sizeof r.size);
        r.quantity = sqlite3_column_int(st, 9);
        copy_col(st, 10, r.facilitator, sizeof r.facilitator);
        copy_col(st, 11, r.workshop, sizeof r.workshop);
        r.voided = sqlite3_column_type(st, 12) != SQLITE_NULL;
        copy_col(st, 12, r.reason, sizeof r.reason);
        fn(&r, ud);
    }
    return store_end(s, st, rc, e);
}

int stats_ppe(Store *s, void (*fn)(const PpeRow *, void *), void *ud, Err *e)
{
    /* The records in their order (the (kiosk_id, seq) index), each delivery found by its id. */
    static const char *const SQL =
        "WITH " NAMES " " PPE_FROM("record r", "nm.name", NAMES_JOIN("l.id")) " ORDER BY r.kiosk_id, r.seq";
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    return st ? each_ppe(s, st, fn, ud, e) : -1;
}

int stats_ppe_latest(Store *s, int n, void (*fn)(const PpeRow *, void *), void *ud, Err *e)
{
    /* Read backwards along the (kiosk_id, seq) index, it stops after n deliveries. No name:
     * finding her latest registration reads all of hers, and the screen shows her sign. */
    static const char *const SQL =
        "SELECT * FROM (" PPE_FROM("record r", "NULL", "") " ORDER BY r.kiosk_id DESC, r.seq DESC LIMIT ?1) ORDER BY 14, 15";
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (!st) return -1;
    sqlite3_bind_int(st, 1, n);
    return each_ppe(s, st, fn, ud, e);
}

int stats_ppe_totals(Store *s, long long since, void (*fn)(const char *, int, void *), void *ud, Err *e)
{
    static const char *const SQL =
        "SELECT d.item, sum(d.quantity) FROM record r CROSS JOIN ppe_delivery d ON d.id = r.id"
        " WHERE r.kind = 'ppe_delivery' AND r.created_at >= ?1 AND d.id NOT IN (SELECT target_id FROM void)"
        " GROUP BY d.item ORDER BY min(r.kiosk_id || '/' || printf('%020d', r.seq))";
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, since);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) fn((const char *)sqlite3_column_text(st, 0), sqlite3_column_int(st, 1), ud);
    return store_end(s, st, rc, e);
}

int stats_certified(Store *s, const char *const *modules, int n,
                    void (*fn)(const char *learner, const char *symbol, const char *colour, long long at, void *ud), void *ud, Err *e)
{
    /* The modules as a JSON array (ids are [a-z0-9._-], checked by the module reader and here). */
    static const char *const SQL =
        "WITH m(module) AS (SELECT value FROM json_each(?1)),"
        " p AS (SELECT a.learner_id, a.module, min(r.created_at) AS at FROM " LIVE("attempt") " a"
        "   JOIN " LIVE("attempt_end") " x ON x.attempt_id = a.id JOIN record r ON r.id = x.id"
        "   WHERE x.passed = 1 AND a.learner_id IS NOT NULL AND a.module IN m GROUP BY 1, 2),"
        " done AS (SELECT learner_id, max(at) AS at FROM p GROUP BY 1 HAVING count(*) = (SELECT count(*) FROM m))"
        " SELECT l.id, l.symbol, l.colour, d.at FROM done d JOIN learner l ON l.id = d.learner_id"
        " WHERE d.at > (SELECT coalesce(max(r.created_at), 0) FROM " LIVE("workshop_close") " c JOIN record r ON r.id = c.id)"
        " ORDER BY d.at, l.id";
    if (n <= 0) return 0;   /* no course, no certificate */
    char list[PALLAY_MAX_MODULES * (PALLAY_NAME_LEN + 3) + 3];
    size_t len = 0;
    list[len++] = '[';
    for (int i = 0; i < n && i < PALLAY_MAX_MODULES; i++) {
        if (!text_is_id(modules[i])) return err_set(e, "stats: not a module id: %s", modules[i]);
        len += (size_t)snprintf(list + len, sizeof list - len, "%s\"%s\"", i ? "," : "", modules[i]);
    }
    snprintf(list + len, sizeof list - len, "]");
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, list, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fn((const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2),
           sqlite3_column_int64(st, 3), ud);
    return store_end(s, st, rc, e);
}
