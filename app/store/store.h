/* store: the kiosk's local SQLite database (WAL, foreign keys, versioned schema).
 * No SDL here: pallayctl opens the same file. */
#ifndef PALLAY_STORE_H
#define PALLAY_STORE_H

#include "../base/err.h"

typedef struct Store Store;

/* Opens (creating if needed, with its folder) the database at path and brings its schema up
 * to date. The first open gives the kiosk its random UUID. NULL (with e) on failure; the file
 * is left as it was. */
Store *store_open(const char *path, Err *e);
void store_close(Store *s);

/* The kiosk's id (a UUID made at first start) and the schema version. */
const char *store_kiosk_id(const Store *s);
int store_schema_version(const Store *s);

/* Fills out with a random version-4 UUID from the kernel's random source. -1 if none. */
int store_uuid(char out[37]);

#endif
