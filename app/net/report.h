/* report: what a coordinator reads from the network database. CSV files for a spreadsheet, one
 * HTML page in Spanish with its charts drawn in, and xAPI statements for a learning record
 * store. A name appears only where the woman consented and has not withdrawn; with anonymous,
 * no name and no year of birth at all. Dates are ISO (UTC), from the corrected times. */
#ifndef PALLAY_NET_REPORT_H
#define PALLAY_NET_REPORT_H

#include "../base/err.h"

typedef struct sqlite3 sqlite3;

/* When record r was made, as the network tells it (record_time), in a query that joins
 * LEFT JOIN net_time t ON t.id = r.id: the corrected time of an untrusted clock, else its own. */
#define REPORT_AT "coalesce(t.at, r.created_at)"
#define REPORT_CORRECTED "(t.id IS NOT NULL)"

/* Starts the report on db (from network_open, at path): every query of it reads one snapshot of
 * the network, whatever merges meanwhile. With second, also opens there a reader of the same
 * snapshot, for a part of the report written at once on another thread (the xAPI statements).
 * -1 (with e) on failure; else call report_end(db, second) when done. */
int report_begin(sqlite3 *db, const char *path, sqlite3 **second, Err *e);
void report_end(sqlite3 *db, sqlite3 *second);
/* Prepares db for the reports (the corrected times, each woman's community, in temporary
 * tables): with base, only what the xAPI statements need. Call once before the others. */
int report_prepare(sqlite3 *db, int base, Err *e);
/* participants.csv, attendance.csv, equipment.csv, quiz_results.csv, lacking.csv,
 * communities.csv in dir. */
int report_csv(sqlite3 *db, const char *dir, int anonymous, Err *e);
/* Who still lacks what: community, sign, name (?1 = 1: none), the items she lacks. */
extern const char REPORT_LACKING[];

#endif
