/* csv: the files a coordinator opens in Excel or LibreOffice. UTF-8 with a byte order mark (so
 * Excel reads ñ as ñ), RFC 4180 quoting and CRLF line ends, and no text cell a spreadsheet would
 * run as a formula: one starting with =, +, -, @, a tab or a carriage return is written behind
 * an apostrophe, which both programs show as text. */
#ifndef PALLAY_CSV_H
#define PALLAY_CSV_H

#include "../base/err.h"

#include <stdio.h>

typedef struct sqlite3_stmt sqlite3_stmt;

typedef struct {
    FILE *f;
    int col;        /* cells written on the current row */
} Csv;

/* Creates path and writes the byte order mark. -1 (with e) if it cannot. */
int csv_open(Csv *c, const char *path, Err *e);
/* One text cell (NULL: empty). */
void csv_text(Csv *c, const char *v);
/* One number cell, never guarded: -3 is a number, not a formula. */
void csv_int(Csv *c, long long v);
/* Ends the row. */
void csv_end(Csv *c);
/* Writes the statement's column names as a header, then every row it gives (integers as numbers,
 * NULL as empty, anything else as text). -1 (with e) on a database error. */
int csv_query(Csv *c, sqlite3_stmt *st, Err *e);
/* Closes the file; -1 (with e) if a write failed on the way (a full disk). */
int csv_close(Csv *c, Err *e);

#endif
