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
/* Like store_open, but a file SQLite finds damaged is first moved aside to PATH.broken-N (never
 * replacing anything; its name is put in aside) and a new, empty database takes its place; e then
 * says what was wrong. NULL (with e, aside "") if no database can be opened at path at all:
 * wrong permissions, a full disk, or a file that cannot be moved. */
Store *store_open_or_set_aside(const char *path, char *aside, size_t n, Err *e);

/* The kiosk's id (a UUID made at first start) and the schema version. */
const char *store_kiosk_id(const Store *s);
int store_schema_version(const Store *s);
/* Gives the kiosk a new id, which records made from now on carry; earlier records keep theirs.
 * For a kiosk whose card was copied onto another machine. -1 (with e) if it cannot be saved. */
int store_renew_kiosk_id(Store *s, Err *e);
/* How many records the database holds (none has been sent anywhere yet), or -1. */
int store_record_count(Store *s);

/* Makes records take their time from clock instead of the wall clock (tests). NULL restores it. */
void store_set_clock(Store *s, long long (*clock)(void));
/* 1 if a clock reading now can be trusted: not before PALLAY_CLOCK_FLOOR, and not more than a
 * minute before the latest trusted record (the clock went back after a power cut). */
int store_clock_trusted(long long now, long long last_trusted);

/* Fills out with a random version-4 UUID from the kernel's random source. -1 if none. */
int store_uuid(char out[37]);

#endif
