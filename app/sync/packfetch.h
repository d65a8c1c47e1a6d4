/* packfetch: the latest content pack, fetched from the network's folder (sync_url's content/,
 * laid out as content/feed.h says). The manifest and its signature first (FEED_TEXT_MAX bytes at
 * most each), checked against content_key; the pack only if it is newer than the course in use
 * and its manifest was not handled before, its size bounded by the manifest and pack_max_mb before
 * and during the download, its SHA-256 checked against the manifest's. Installing it is the
 * caller's (install_pack, as from a stick). No SDL: the kiosk's uplink thread calls it. */
#ifndef PALLAY_PACKFETCH_H
#define PALLAY_PACKFETCH_H

#include "../content/feed.h"
#include "dav.h"

#define PACKFETCH_FOLDER "content/"     /* in the sync folder */

typedef enum {
    PACKFETCH_NONE,     /* no manifest in the folder */
    PACKFETCH_CURRENT,  /* the manifest's pack is not newer than the course in use */
    PACKFETCH_SEEN,     /* this manifest was handled before (refused): nothing downloaded */
    PACKFETCH_READY,    /* the pack is in file, checked against the manifest */
    PACKFETCH_REFUSED,  /* the manifest or the pack is not to be trusted: refusal says why */
    PACKFETCH_FAULT,    /* the network failed (fault): try again at the next contact */
} PackFetchOutcome;

typedef struct {
    const char *key;        /* content_key, "RW..." */
    const char *dir;        /* a private folder: what is downloaded lands here (emptied first) */
    long long installed;    /* the content version in use (0: the shipped course) */
    long long max_bytes;    /* pack_max_mb, in bytes */
    const char *seen;       /* the hash of the manifest handled last ("" for none) */
} PackFetchJob;

typedef struct {
    PackFetchOutcome outcome;
    FeedManifest m;                 /* as far as it was read */
    char seen[65];                  /* this manifest's hash (with its signature's): for job.seen next time */
    char file[PALLAY_PATH_LEN];     /* READY: the pack, with file.minisig beside it */
    PackFault refusal;              /* REFUSED */
    DavFault fault;                 /* FAULT */
    char why[PALLAY_ERR_LEN];       /* REFUSED, FAULT: one line */
} PackFetchResult;

/* One look at the folder's content/, and the download if there is something new. */
PackFetchOutcome packfetch_run(Dav *d, const PackFetchJob *j, PackFetchResult *r);

/* Removes the files in dir (what a fetch left there). */
void packfetch_clear(const char *dir);
/* The manifest refused last (PackFetchResult.seen), kept in a file across starts: "" if none. */
void packfetch_seen_load(const char *path, char seen[65]);
/* Writes it whole or not at all (a temporary name, fsync, rename). */
void packfetch_seen_save(const char *path, const char *seen);

#endif
