/* csv: one cell at a time, straight to the file; a report never holds a table in memory. */
#include "csv.h"

#include <sqlite3.h>
#include <string.h>

int csv_open(Csv *c, const char *path, Err *e)
{
    c->col = 0;
    c->f = fopen(path, "wb");
    if (!c->f) return err_set(e, "%s: cannot write the file", path);
    fputs("\xEF\xBB\xBF", c->f);
    return 0;
}

static void sep(Csv *c)
{
    if (c->col++) fputc(',', c->f);
}

void csv_text(Csv *c, const char *v)
{
    sep(c);
    if (!v) return;
    int guard = v[0] && strchr("=+-@\t\r", v[0]);
    if (!guard && !strpbrk(v, ",\"\r\n")) {
        fputs(v, c->f);
        return;
    }
    fputc('"', c->f);
    if (guard) fputc('\'', c->f);
    for (; *v; v++) {
        if (*v == '"') fputc('"', c->f);
        fputc(*v, c->f);
    }
    fputc('"', c->f);
}

void csv_int(Csv *c, long long v)
{
    sep(c);
    fprintf(c->f, "%lld", v);
}

void csv_end(Csv *c)
{
    fputs("\r\n", c->f);
    c->col = 0;
}

int csv_query(Csv *c, sqlite3_stmt *st, Err *e)
{
    int n = sqlite3_column_count(st), rc;
    for (int i = 0; i < n; i++) csv_text(c, sqlite3_column_name(st, i));
    csv_end(c);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < n; i++) {
            int type = sqlite3_column_type(st, i);
            if (type == SQLITE_INTEGER) csv_int(c, sqlite3_column_int64(st, i));
            else csv_text(c, type == SQLITE_NULL ? NULL : (const char *)sqlite3_column_text(st, i));
        }
        csv_end(c);
    }
    if (rc != SQLITE_DONE) return err_set(e, "report: %s", sqlite3_errmsg(sqlite3_db_handle(st)));
    return 0;
}

int csv_close(Csv *c, Err *e)
{
    int bad = ferror(c->f);
    if (fclose(c->f) != 0) bad = 1;
    c->f = NULL;
    return bad ? err_set(e, "cannot finish writing a CSV file (is the disk full?)") : 0;
}
