/* xapi: one query gives every statement's parts, in time order; JSON is written by hand (the
 * shape is fixed and small), every string through json(). */
#include "xapi.h"
#include "report.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
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

/* The statements are written through a buffer of our own: some 700 bytes each, hundreds of
 * thousands of them, and a stdio call per character or per piece (each one locking the file)
 * was half of the time of the whole export. */
typedef struct {
    FILE *f;
    size_t n;
    char b[1 << 16];
} Out;

static void put(Out *o, const char *s, size_t n)
{
    if (o->n + n > sizeof o->b) {
        fwrite(o->b, 1, o->n, o->f);
        o->n = 0;
        if (n > sizeof o->b) {
            fwrite(s, 1, n, o->f);
            return;
        }
    }
    memcpy(o->b + o->n, s, n);
    o->n += n;
}

static void puts_(Out *o, const char *s)
{
    put(o, s, strlen(s));
}

/* Each string in turn, up to the NULL that ends the list. */
static void cat(Out *o, ...) __attribute__((sentinel));
static void cat(Out *o, ...)
{
    va_list ap;
    va_start(ap, o);
    for (const char *s; (s = va_arg(ap, const char *));) puts_(o, s);
    va_end(ap);
}

static void putf(Out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(Out *o, const char *fmt, ...)
{
    char line[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n > 0) put(o, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

/* A JSON string. */
static void json(Out *o, const char *s)
{
    put(o, "\"", 1);
    while (s && *s) {
        size_t run = strcspn(s, "\"\\\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"
                                "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f");
        put(o, s, run);
        s += run;
        if (!*s) break;
        unsigned char c = (unsigned char)*s++;
        if (c == '"' || c == '\\') putf(o, "\\%c", c);
        else putf(o, "\\u%04x", c);
    }
    put(o, "\"", 1);
}

/* A path segment of an IRI from the records (module ids, uuids): anything but unreserved
 * characters and '/' percent-encoded. */
static void iri_path(Out *o, const char *s)
{
    static const char SAFE[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/";
    while (s && *s) {
        size_t run = strspn(s, SAFE);
        put(o, s, run);
        s += run;
        if (*s) putf(o, "%%%02X", (unsigned char)*s++);
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

static void statement(Out *o, sqlite3_stmt *st, const char *home)
{
    const char *verb = text(st, 2), *type = text(st, 4);
    puts_(o, "{\"id\":");
    json(o, text(st, 0));
    puts_(o, ",\"version\":\"1.0.3\",\"actor\":{\"objectType\":\"Agent\",\"account\":{\"homePage\":");
    json(o, home);   /* checked by xapi_check_home, escaped all the same */
    puts_(o, ",\"name\":");
    json(o, text(st, 1));
    cat(o, "}},\"verb\":{\"id\":\"" ADL "verbs/", verb, "\",\"display\":{\"en-US\":\"", verb,
        "\"}},\"object\":{\"objectType\":\"Activity\",\"id\":\"", home, "/activities/", (char *)NULL);
    iri_path(o, text(st, 3));
    cat(o, "\",\"definition\":{\"type\":\"" ADL "activities/", type, "\"}}", (char *)NULL);
    if (sqlite3_column_type(st, 12) != SQLITE_NULL) {
        puts_(o, ",\"result\":{");
        long long total = sqlite3_column_int64(st, 11);
        if (sqlite3_column_type(st, 10) != SQLITE_NULL && total > 0) {
            long long score = sqlite3_column_int64(st, 10);
            putf(o, "\"score\":{\"scaled\":%.4f,\"raw\":%lld,\"min\":0,\"max\":%lld},\"completion\":true,", (double)score / (double)total, score, total);
        }
        puts_(o, sqlite3_column_int(st, 12) ? "\"success\":true" : "\"success\":false");
        if (sqlite3_column_type(st, 13) != SQLITE_NULL) putf(o, ",\"response\":\"%lld\"", sqlite3_column_int64(st, 13));
        puts_(o, "}");
    }
    cat(o, ",\"context\":{\"platform\":\"Pallay\",\"extensions\":{\"", home, "/xapi/kiosk\":\"", home, "/kiosks/", (char *)NULL);
    iri_path(o, text(st, 8));
    cat(o, "\",\"", home, "/xapi/community\":", (char *)NULL);
    if (text(st, 9)) json(o, text(st, 9));
    else puts_(o, "null");
    char stamp[32];
    if (sqlite3_column_int(st, 6)) {   /* what the kiosk's wrong clock said, kept beside the correction */
        iso(st, 7, stamp);
        cat(o, ",\"", home, "/xapi/original-time\":\"", stamp, "\"", (char *)NULL);
    }
    puts_(o, "}}");
    /* The time the network trusts: corrected when the kiosk's clock was wrong. */
    iso(st, 5, stamp);
    cat(o, ",\"timestamp\":\"", stamp, "\"}\n", (char *)NULL);
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
    Out *o = malloc(sizeof *o);
    expect(o);
    o->f = f;
    o->n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        statement(o, st, base);
        n++;
    }
    sqlite3_finalize(st);
    fwrite(o->b, 1, o->n, f);
    free(o);
    int bad = ferror(f);
    if (fclose(f) != 0) bad = 1;
    if (rc != SQLITE_DONE) return err_set(e, "xapi: %s", sqlite3_errmsg(db));
    if (bad) return err_set(e, "%s: cannot finish writing (is the disk full?)", path);
    return n;
}
