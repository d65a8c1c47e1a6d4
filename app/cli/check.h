/* check: the content checks of "pallayctl check-content": everything the catalog checks at
 * start, plus what is too slow for a kiosk start: every picture and sound decodes, every
 * string exists in every language and has a voice (no longer than PALLAY_MAX_VOICE_S on a slide or in a quiz). */
#ifndef PALLAY_CHECK_H
#define PALLAY_CHECK_H

#include "../base/err.h"
#include "../base/report.h"
#include "../content/catalog.h"

/* How far one language is: its strings, how many a speaker confirmed (not fuzzy), how many are
 * drafts, and how many speak with a community recording or a generated voice. */
typedef struct {
    char lang[16];
    int strings, reviewed, fuzzy, recorded, generated;
} Coverage;

/* Checks the content under paths, reporting every problem to r, and fills cov (one per
 * language, at most PALLAY_MAX_LANGS; *ncov of them). Returns the number of problems. */
int check_content(const CatalogPaths *paths, Report *r, Coverage *cov, int *ncov);
/* The same checks for a content pack being installed: the number of problems, the first one
 * ("file:line: what") in first. ud is unused (the shape install.h asks for). */
int check_content_first(const CatalogPaths *paths, Err *first, void *ud);

#endif
