/* merge: one bundle into the network database, in one transaction. Its signature is checked
 * against the kiosk key it names (a kiosk is known by its key from its first bundle on), it is
 * decrypted in memory, and its records are added by id: a record already there with the same
 * content is known; with other content (or another record at its kiosk and number), every
 * version is kept aside in net_conflict and none counts. A withdrawal of consent erases the
 * names of her earlier registrations on that kiosk, whichever bundle came first. */
#ifndef PALLAY_MERGE_H
#define PALLAY_MERGE_H

#include "../base/err.h"

typedef struct sqlite3 sqlite3;

typedef enum {
    MERGE_MERGED,   /* its records are in */
    MERGE_AGAIN,    /* merged before (the same file, by its hash): nothing to do */
    MERGE_SKIPPED,  /* not a good bundle: e says why (tampered, truncated, another recipient...) */
    MERGE_REFUSED   /* a good bundle from a kiosk id known under another key */
} MergeOutcome;

typedef struct {
    long long records;              /* in the bundle */
    long long fresh, known, aside;  /* new here, already known, kept aside as conflicts */
    char kiosk_id[64];
    Err e;                          /* why it was skipped or refused */
} MergeResult;

/* Merges the bundle at path (with path.minisig) into db with the network's identity. Nothing of
 * a bundle skipped or refused is left in db but a line of net_merge_log. */
MergeOutcome merge_bundle(sqlite3 *db, const char *path, const unsigned char identity[32], MergeResult *r);

/* merge_bundle in two halves, so that one thread can read the next bundles while another merges:
 * merge_read needs no database (signature, hash, decryption: a tenth of a merge's time), and
 * merge_read_into does what is left, with the same outcomes, words and log lines as merge_bundle. */
typedef struct MergeRead MergeRead;
typedef struct MergeKnown MergeKnown;

/* The hashes of the bundles db holds now, for merge_read to skip decrypting them: a hint only
 * (merge_read_into asks db). NULL (with e) if they cannot be read. */
MergeKnown *merge_known_load(sqlite3 *db, Err *e);
void merge_known_unload(MergeKnown *k);

/* Reads the bundle at path: its signature checked, then decrypted with identity unless identity
 * is NULL or known (may be NULL) has its hash. Never NULL: what went wrong is kept for
 * merge_read_into to report. */
MergeRead *merge_read(const char *path, const unsigned char identity[32], const MergeKnown *known);
/* Merges a bundle merge_read read into db as merge_bundle would; identity decrypts it if
 * merge_read did not and db does not know it. */
MergeOutcome merge_read_into(sqlite3 *db, MergeRead *b, const unsigned char identity[32], MergeResult *r);
/* Wipes the bundle's plain text and frees it all. */
void merge_read_free(MergeRead *b);

/* A batch: the bundles merged between merge_batch_begin and merge_batch_commit share one
 * transaction, so the network's pages that many bundles touch are written once per batch, not
 * once per bundle. Each bundle is still whole or absent: one that fails after writing rolls the
 * batch back (merge_batch_open is then 0), and the caller merges the batch's bundles again
 * alone, each in its own transaction, as merge_bundle does outside a batch. begin: -1 (with e)
 * if the database is busy. commit: -1 (with e, the batch rolled back) if the commit failed. */
int merge_batch_begin(sqlite3 *db, Err *e);
int merge_batch_open(sqlite3 *db);
int merge_batch_commit(sqlite3 *db, Err *e);
void merge_batch_rollback(sqlite3 *db);

#endif
