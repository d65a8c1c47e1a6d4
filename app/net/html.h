/* html: what the network report's pages share. A page is written straight from queries to its
 * file: constant markup and numbers by fputs/fprintf, anything from the database through
 * html_esc. Its style is in the page and its charts are inline SVG bars drawn here, so a page
 * loads nothing and opens on a phone, a laptop or paper alike. */
#ifndef PALLAY_HTML_H
#define PALLAY_HTML_H

#include "../base/err.h"

#include <stdio.h>

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;

typedef struct {
    FILE *f;
    const char *path;
    sqlite3 *db;
    int anonymous;   /* bound as ?1 of every query (html_query) */
    int failed;      /* a query failed: the page goes on, html_close reports the first failure */
    Err *e;
} Html;

/* Creates the page at path, in Spanish, with title as its <title>: the head and the style, up to
 * the opening <body>. -1 (with e) if the file cannot be made. */
int html_open(Html *h, sqlite3 *db, const char *path, const char *title, int anonymous, Err *e);
/* Ends the page and closes the file. -1 (with e) if a query or a write failed on the way. */
int html_close(Html *h);
/* Notes a failure (the first one is reported by html_close). */
void html_fail(Html *h, const Err *e);

/* Text from the records, safe in an element or an attribute. */
void html_esc(FILE *f, const char *s);
/* Column i of st as text ("" for NULL). */
const char *html_col(sqlite3_stmt *st, int i);
/* A statement with ?1 bound to anonymous and ?2 to 1 (in words, REPORT_LACKING), or NULL after
 * noting the failure. */
sqlite3_stmt *html_query(Html *h, const char *sql);
/* Runs sql (statements without parameters: temporary tables), noting a failure. */
void html_exec(Html *h, const char *sql);
/* The first column of the first row of sql (0 if none). */
long long html_scalar(Html *h, const char *sql);
/* Horizontal bars from the rows of st (finalized here): column 0 the label, then one value per
 * series (one or two). */
void html_chart(Html *h, const char *title, const char *const *series, int nseries, sqlite3_stmt *st);
/* A table: the header cells given, then at most max rows of st (finalized here), numbers
 * right-aligned, and a note that the CSV files have them all when there are more. */
void html_table(Html *h, const char *const *head, int ncol, sqlite3_stmt *st, int max);

#endif
