/* check: the content checks of "pallayctl check-content": everything the catalog checks at
 * start, plus what is too slow for a kiosk start: every picture and sound decodes, every
 * string exists in every language and has a voice. */
#ifndef PALLAY_CHECK_H
#define PALLAY_CHECK_H

#include "../base/report.h"
#include "../content/catalog.h"

/* Checks the content under paths, reporting every problem to r. Returns the number of problems. */
int check_content(const CatalogPaths *paths, Report *r);

#endif
