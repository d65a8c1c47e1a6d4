/* page: the network's report as one HTML page in Spanish, for a coordinator on a phone or on
 * paper. Self-contained: its style and its charts (inline SVG bars, html.h) are inside, it
 * loads nothing. Every text from the records is escaped. It links to the voices page (voices.h)
 * and counts only what that page shows. Needs report_prepare and voices_prepare first. */
#ifndef PALLAY_PAGE_H
#define PALLAY_PAGE_H

#include "../base/err.h"

typedef struct sqlite3 sqlite3;

/* Writes the page to path; anonymous: no name at all (else a name only with her consent). */
int page_write(sqlite3 *db, const char *path, int anonymous, Err *e);

#endif
