/* bundle: the records of one kiosk in one seq range, as they leave it. The plain bundle is a
 * SQLite database built in memory (never on disk: it holds names): a header table and a copy
 * of each record table's rows for those records. It is written encrypted to the network's age
 * recipient (FILE) and signed with the kiosk key (FILE.minisig), both read back and checked
 * before anything says they were written. */
#ifndef PALLAY_BUNDLE_H
#define PALLAY_BUNDLE_H

#include "../base/err.h"
#include "../config.h"
#include "identity.h"
#include "receipt.h"

#include <stddef.h>
#include <stdio.h>

typedef struct sqlite3 sqlite3;

#define BUNDLE_FORMAT 1

typedef struct {
    long long first, last;      /* seq range of the kiosk's records: 0 for "from the start" / "to the latest" */
    const char *content_version; /* the course the kiosk runs, for the header ("" if unknown) */
    const char *kiosk_id;       /* whose records: NULL for the signing kiosk's; an earlier id of
                                 * this kiosk (before its card moved) is signed with today's key */
    long long events_from;      /* health: the kiosk's events after this one (the last bundle's) */
} BundleRange;

typedef struct {
    char path[PALLAY_PATH_LEN]; /* the bundle written (its signature is path + ".minisig") */
    long long first, last;      /* the seq range it holds */
    long long records;
    long long size;             /* bytes of the encrypted file */
    unsigned char hash[64];     /* BLAKE2b-512 of the encrypted file: what the signature covers */
    char receipt[RECEIPT_LEN + 1];
    char kiosk_id[37];          /* whose records */
    long long events_upto;      /* the last kiosk event its header reports */
    int errnum;                 /* errno of the file operation that failed (0 if none did) */
} BundleInfo;

/* Builds the plain bundle of kiosk k's records in range from the database at db: a buffer
 * the caller frees with bundle_free_plain. records = 0 (and NULL) when there is nothing to
 * send. NULL (with e) on failure. */
unsigned char *bundle_build(const char *db, const KioskKey *k, const BundleRange *range, size_t *n, BundleInfo *info, Err *e);
/* Wipes and frees a plain bundle. */
void bundle_free_plain(unsigned char *plain, size_t n);

/* Builds, encrypts to recipient and signs the bundle into folder dir: a temporary name, synced,
 * read back and checked, then renamed. info->records = 0 and no file when there is nothing to
 * send. -1 (with e, nothing left behind) on failure. */
int bundle_export(const char *db, const KioskKey *k, const unsigned char recipient[32], const BundleRange *range,
                  const char *dir, BundleInfo *info, Err *e);
/* Reads path and path.minisig back from where they were written and checks the signature
 * against pk, and the hash against expect (NULL: any). -1 (with e; errno in *errnum) if not. */
int bundle_verify_file(const char *path, const MinisignPublic *pk, const unsigned char expect[64], int *errnum, Err *e);

/* A bundle's signature carries an untrusted comment that no signature covers; so that any byte
 * changed in it is caught, it must be exactly what the trusted comment implies. 0 for a
 * signature that is not a bundle's; -1 (with e, "bad signature: ...") if it was changed. */
int bundle_check_comments(const char *trusted, const char *untrusted, Err *e);
/* Prints a plain bundle's header and record counts ("key value" lines). -1 (with e) if it is
 * not a bundle ("unknown format: ..."), or if key (a minisign public key line, may be NULL)
 * is not the kiosk key the header names ("bad signature: ..."). */
int bundle_describe(const unsigned char *plain, size_t n, const char *key, FILE *out, Err *e);

/* The record tables a bundle carries besides record, in the order their rows can be added
 * (a registration before the name it gives): NULL past the last. Each is keyed by "id". */
const char *bundle_table(int i);
/* Lends a plain bundle (read only, not copied: plain must outlive it) to db as schema (attached
 * unless "main") and checks its header as bundle_describe does. -1 (with e, nothing attached)
 * if it is not a bundle of this format, or names another kiosk key than key (NULL: any). */
int bundle_attach(sqlite3 *db, const char *schema, unsigned char *plain, size_t n, const char *key, Err *e);
/* Takes a plain bundle back from db (the buffer is the caller's again). Inside a transaction
 * the schema stays attached, empty, until the caller detaches it after the transaction. */
void bundle_detach(sqlite3 *db, const char *schema);

#endif
