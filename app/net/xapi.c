/* xapi: one query gives every statement's parts, in time order; JSON is written by hand (the
 * shape is fixed and small), every string through json(). */
#include "xapi.h"
#include "report.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define ADL "http://adlnet.gov/expapi/"

static const char STATEMENTS[] =
    "SELECT a.id, a.learner_id, 'attended', 'workshop/' || a.workshop_id, 'meeting', " REPORT_AT ", " REPORT_CORRECTED ", r.created_at, r.kiosk_id,"
    "  a.community, NULL, NULL, NULL, NULL FROM temp.came a JOIN record r ON r.id = a.id LEFT JOIN net_time t ON t.id = r.id"
    " UNION ALL SELECT x.id, x.learner_id, 'completed', 'module/' || x.module, 'module', " REPORT_AT ", " REPORT_CORRECTED ", r.created_at, r.kiosk_id,"
    "  h.community, NULL, NULL, NULL, NULL FROM completion x JOIN record r ON r.id = x.id LEFT JOIN net_time t ON t.id = r.id"
    "  LEFT JOIN temp.home h ON h.learner_id = x.learner_id WHERE x.id NOT IN (SELECT id FROM temp.voided)"
    " UNION ALL SELECT e.id, a.learner_id, CASE WHEN e.passed THEN 'passed' ELSE 'failed' END, 'module/' || a.module || '/quiz',"
    "  'assessment', " REPORT_AT ", " REPORT_CORRECTED ", r.created_at, r.kiosk_id, h.community, e.score, e.total, e.passed, NULL"
    "  FROM attempt_end e JOIN attempt a ON a.id = e.attempt_id JOIN record r ON r.id = e.id LEFT JOIN net_time t ON t.id = r.id"
    "  LEFT JOIN temp.home h ON h.learner_id = a.learner_id WHERE a.learner_id IS NOT NULL"
    "  AND a.id NOT IN (SELECT id FROM temp.voided) AND e.id NOT IN (SELECT id FROM temp.voided)"
    " UNION ALL SELECT an.id, a.learner_id, 'answered', 'module/' || a.module || '/quiz/question/' || an.question, 'cmi.interaction',"
    "  " REPORT_AT ", " REPORT_CORRECTED ", r.created_at, r.kiosk_id, h.community, NULL, NULL, an.correct, an.choice"
    "  FROM answer an JOIN attempt a ON a.id = an.attempt_id JOIN record r ON r.id = an.id LEFT JOIN net_time t ON t.id = r.id"
    "  LEFT JOIN temp.home h ON h.learner_id = a.learner_id WHERE a.learner_id IS NOT NULL"
    "  AND a.id NOT IN (SELECT id FROM temp.voided) AND an.id NOT IN (SELECT id FROM temp.voided)"
    " ORDER BY 6, 1";

int xapi_check_home(const char *home, Err *e)
{
    if (strncmp(home, "https://", 8) != 0 && strncmp(home, "http://", 7) != 0)
        return err_set(e, "--home %s: an address starting with https:// is needed", home);
    if (strlen(home) > 200) return err_set(e, "--home: the address is too long");
    for (const char *c = home; *c; c++)
        if ((unsigned char)*c <= ' ' || strchr("\"<>\\^`{|}#?", *c) || (unsigned char)*c >= 0x7f)
            return err_set(e, "--home %s: an address without spaces, quotes, '?' or '#' is needed", home);
    if (!strchr(strchr(home, ':') + 3, '.') && !strstr(home, "localhost")) return err_set(e, "--home %s: no host name", home);
    return 0;
}

/* A JSON string. */
static void json(FILE *f, const char *s)
{
    fputc('"', f);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
        else if (c < 0x20) fprintf(f, "\\u%04x", c);
        else fputc(c, f);
    }
    fputc('"', f);
}

/* A path segment of an IRI from the records (module ids, uuids): anything but unreserved
 * characters and '/' percent-encoded. */
static void iri_path(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("-._~/", c)) fputc(c, f);
        else fprintf(f, "%%%02X", c);
    }
}

static const char *text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* ISO 8601, UTC. */
static void iso(sqlite3_stmt *st, int i, char out[32])
{
    time_t at = (time_t)sqlite3_column_int64(st, i);
    struct tm tm;
    snprintf(out, 32, "1970-01-01T00:00:00Z");
    if (gmtime_r(&at, &tm)) strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void statement(FILE *f, sqlite3_stmt *st, const char *home)
{
    const char *verb = text(st, 2), *type = text(st, 4);
    fputs("{\"id\":", f);
    json(f, text(st, 0));
    fputs(",\"version\":\"1.0.3\",\"actor\":{\"objectType\":\"Agent\",\"account\":{\"homePage\":", f);
    json(f, home);
    fputs(",\"name\":", f);
    json(f, text(st, 1));
    fprintf(f, "}},\"verb\":{\"id\":\"" ADL "verbs/%s\",\"display\":{\"en-US\":\"%s\"}}", verb, verb);
    fprintf(f, ",\"object\":{\"objectType\":\"Activity\",\"id\":\"%s/activities/", home);
    iri_path(f, text(st, 3));
    fprintf(f, "\",\"definition\":{\"type\":\"" ADL "activities/%s\"}}", type);
    if (sqlite3_column_type(st, 12) != SQLITE_NULL) {
        fputs(",\"result\":{", f);
        long long total = sqlite3_column_int64(st, 11);
        if (sqlite3_column_type(st, 10) != SQLITE_NULL && total > 0) {
            long long score = sqlite3_column_int64(st, 10);
            fprintf(f, "\"score\":{\"scaled\":%.4f,\"raw\":%lld,\"min\":0,\"max\":%lld},\"completion\":true,", (double)score / (double)total, score,
                    total);
        }
        fprintf(f, "\"success\":%s", sqlite3_column_int(st, 12) ? "true" : "false");
        if (sqlite3_column_type(st, 13) != SQLITE_NULL) fprintf(f, ",\"response\":\"%lld\"", sqlite3_column_int64(st, 13));
        fputc('}', f);
    }
    fprintf(f, ",\"context\":{\"platform\":\"Pallay\",\"extensions\":{\"%s/xapi/kiosk\":\"%s/kiosks/", home, home);
    iri_path(f, text(st, 8));
    fprintf(f, "\",\"%s/xapi/community\":", home);
    if (text(st, 9)) json(f, text(st, 9));
    else fputs("null", f);
    char stamp[32];
    if (sqlite3_column_int(st, 6)) {   /* what the kiosk's wrong clock said, kept beside the correction */
        iso(st, 7, stamp);
        fprintf(f, ",\"%s/xapi/original-time\":\"%s\"", home, stamp);
    }
    fputs("}}", f);
    /* The time the network trusts: corrected when the kiosk's clock was wrong. */
    iso(st, 5, stamp);
    fprintf(f, ",\"timestamp\":\"%s\"}\n", stamp);
}

long long xapi_write(sqlite3 *db, const char *path, const char *home, Err *e)
{
    char base[256];
    snprintf(base, sizeof base, "%s", home);
    size_t len = strlen(base);
    while (len > 0 && base[len - 1] == '/') base[--len] = '\0';   /* one slash between it and a path */
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, STATEMENTS, -1, &st, NULL) != SQLITE_OK) return err_set(e, "xapi: %s", sqlite3_errmsg(db));
    FILE *f = fopen(path, "wb");
    if (!f) {
        sqlite3_finalize(st);
        return err_set(e, "%s: cannot write the file", path);
    }
    long long n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        statement(f, st, base);
        n++;
    }
    sqlite3_finalize(st);
    int bad = ferror(f);
    if (fclose(f) != 0) bad = 1;
    if (rc != SQLITE_DONE) return err_set(e, "xapi: %s", sqlite3_errmsg(db));
    if (bad) return err_set(e, "%s: cannot finish writing (is the disk full?)", path);
    return n;
}
