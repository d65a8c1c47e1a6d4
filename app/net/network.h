/* network: the coordinator's database, where the bundles of every kiosk of a network meet.
 * It holds the kiosk record tables by the same names and columns (keyed by record id), and its
 * own: the kiosks known by their public key, the bundles merged, records kept aside as
 * conflicts. Its rows depend only on which bundles were merged, never on their order or on how
 * often; what depends on the moment (when, from which file) is kept in net_merge_log and
 * net_kiosk.first_seen alone. */
#ifndef PALLAY_NETWORK_H
#define PALLAY_NETWORK_H

#include "../base/err.h"

#include <stdio.h>

typedef struct sqlite3 sqlite3;

/* Opens (or creates) the network database at path and brings its schema up to this
 * pallayctl's. NULL (with e) on failure. */
sqlite3 *network_open(const char *path, Err *e);
void network_close(sqlite3 *db);
/* A second connection to the network database at path (opened by network_open before), for
 * reading: its schema is not touched. NULL (with e) on failure. Close it with sqlite3_close. */
sqlite3 *network_reader(const char *path, Err *e);
/* Computes again the corrected times (net_time, record_time) of the untrusted records of kiosk_id
 * (of every kiosk when NULL) from its records now: call it, in the same transaction, after any
 * change to a kiosk's records. -1 (with e) on a database error. */
int network_fix_times(sqlite3 *db, const char *kiosk_id, Err *e);

/* For each kiosk (in id order): fn(ctx, id, highest seq seen, 0, 0), then, per range of records
 * that never arrived, fn(ctx, id, highest, first, last). Returns the number of ranges, -1 (with e)
 * on a database error. */
typedef void (*NetworkGapFn)(void *ctx, const char *kiosk_id, long long high, long long first, long long last);
long long network_each_gap(sqlite3 *db, NetworkGapFn fn, void *ctx, Err *e);
/* For each kiosk: the highest seq seen and, in words, the ranges that never arrived. Returns
 * the number of missing ranges. */
long long network_gaps(sqlite3 *db, FILE *out);
/* The records kept aside: each id with its versions. Returns their number. */
long long network_conflicts(sqlite3 *db, FILE *out);
/* A count with thousands separators ("1,204") into out. */
const char *network_count(long long n, char out[32]);

#endif
