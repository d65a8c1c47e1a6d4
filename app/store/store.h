/* store: the kiosk's local SQLite database (WAL, foreign keys, versioned schema).
 * No SDL here: pallayctl opens the same file. */
#ifndef PALLAY_STORE_H
#define PALLAY_STORE_H

#include "../base/err.h"

#include <stddef.h>

typedef struct Store Store;

/* Opens (creating if needed, with its folder) the database at path and brings its schema up
 * to date. The first open gives the kiosk its random UUID. NULL (with e) on failure; the file
 * is left as it was. */
Store *store_open(const char *path, Err *e);
void store_close(Store *s);
/* Like store_open, but a file SQLite finds damaged (or an empty file) is first moved aside to
 * PATH.broken-N (never replacing anything; its name is put in aside) and a new, empty database
 * takes its place; e then says what was wrong. NULL (with e, aside "") if no database can be
 * opened at path at all: read-only, wrong permissions, or a file that cannot be moved. NULL with
 * aside set if the damaged file was set aside but no new one could be started (a full disk). */
Store *store_open_or_set_aside(const char *path, char *aside, size_t n, Err *e);

/* Checks that the database's files are still the ones it opened. A WAL deleted under the open
 * database is copied into the database file through the file SQLite still holds, and a new one
 * started. 1 (with e saying what happened, also something found at open) if there is something
 * to tell, 0 if all is well, -1 (with e) if the database cannot be used any more. A stat() per
 * call: the kiosk calls it after each event. */
int store_watch(Store *s, Err *e);
/* Copies the WAL into the database and empties it (a TRUNCATE checkpoint), so that erased data
 * is left in neither file. -1 if another connection kept it from finishing. */
int store_scrub(Store *s);

/* The kiosk's id (a UUID made at first start) and the schema version. */
const char *store_kiosk_id(const Store *s);
int store_schema_version(const Store *s);
/* Gives the kiosk a new id, which records made from now on carry; earlier records keep theirs.
 * For a kiosk whose card was copied onto another machine. -1 (with e) if it cannot be saved. */
int store_renew_kiosk_id(Store *s, Err *e);
/* How many records the database holds (none has been sent anywhere yet), or -1. */
int store_record_count(Store *s);

/* Between two events nothing may hold the database. Resets any statement left running and
 * rolls back a transaction left open; returns how many it found (0 is right), the SQL of the
 * first in what. */
int store_settle(Store *s, char *what, size_t n);
/* 1 if this connection has written since the WAL was last emptied. */
int store_checkpoint_due(Store *s);
/* Copies the WAL into the database and empties it, waiting for nobody (for an idle moment).
 * 1 done, 0 the other program was reading or writing (try later), -1 error. */
int store_checkpoint(Store *s);

/* The kiosk's own clock, as its records read it (unix seconds). */
long long store_wall_clock(void);
/* Makes records take their time from clock instead of the wall clock (tests). NULL restores it. */
void store_set_clock(Store *s, long long (*clock)(void));
/* 1 if a clock reading now can be trusted: not before PALLAY_CLOCK_FLOOR, and not more than a
 * minute before the latest trusted record (the clock went back after a power cut). */
int store_clock_trusted(long long now, long long last_trusted);

/* Fills out with a random version-4 UUID from the kernel's random source. -1 if none. */
int store_uuid(char out[37]);

#endif
