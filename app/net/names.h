/* names: the course's Spanish words for what records name by id (modules, questions, equipment,
 * signs and colours, what a voice report is about), so the network's page speaks as the kiosk
 * does: "Guantes", not "gloves". */
#ifndef PALLAY_NAMES_H
#define PALLAY_NAMES_H

#include "../base/err.h"
#include "../content/catalog.h"

typedef struct sqlite3 sqlite3;

/* Fills temp.net_name (kind, id, name) from the course c in language lang (kinds: module,
 * question "MODULE.N", item, symbol, colour, category). c may be NULL: the table is then empty, and the
 * report shows ids. -1 (with e) if the table cannot be made. */
int names_load(sqlite3 *db, const Catalog *c, const char *lang, Err *e);

/* SQL for the name of id (an SQL expression) of kind (a literal), or the id itself. */
#define NAMES_OF(kind, id) "coalesce((SELECT name FROM temp.net_name WHERE kind = '" kind "' AND id = " id "), " id ")"

#endif
