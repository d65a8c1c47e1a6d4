/* uplink: records leaving for the network's WebDAV folder (sync_url) whenever it can be reached,
 * in a thread of its own. The thread sleeps on a condition: it wakes when told ("sync now"), when
 * a retry is due after a fault, or every few minutes to count what is pending (a query on its own
 * connection). An upload writes the bundles into a private folder beside the database, puts them
 * on the server under temporary names, moves them to their final names, reads them back and
 * verifies signature and hash, and only then records the handover. What happened comes back as
 * SDL events; the main loop never waits on the network. */
#ifndef PALLAY_UPLINK_H
#define PALLAY_UPLINK_H

#include "../base/err.h"
#include "../config.h"
#include "../sync/courier.h"
#include "../sync/packfetch.h"

#include <SDL.h>

typedef enum {
    UPLINK_SENT,        /* records went: records, receipt, bundles */
    UPLINK_NOTHING,     /* asked to sync, nothing was pending */
    UPLINK_FAULT,       /* fault names it; backoff_s says when the next try is */
    UPLINK_TRYING,      /* records are pending and a try begins (its outcome follows) */
    UPLINK_CONTENT,     /* a look at the folder's content/: pack says what came of it */
} UplinkOutcome;

typedef struct {
    UplinkOutcome outcome;
    long long records;
    int bundles;
    char receipt[RECEIPT_LEN + 1];
    long long bytes, upload_us;     /* UPLINK_SENT: bytes put, and the time from the first PUT to the handover recorded */
    const char *fault;      /* a DAV_FAULT_* word (sync/dav.h) */
    int backoff_s;          /* after a fault: seconds to the next try */
    int contact;            /* the server answered (if only to refuse) */
    int clock;              /* a clock record was written (the server's time differs by clock_offset) */
    long long clock_offset; /* server minus kiosk, seconds */
    char why[PALLAY_ERR_LEN];   /* for stderr: never a password */
    PackFetchResult pack;       /* UPLINK_CONTENT; when READY, call uplink_pack_done once it is dealt with */
} UplinkReport;

typedef struct {
    const char *url;            /* the WebDAV folder */
    const char *user;
    const char *password_file;  /* readable by the kiosk's user only */
    int insecure_http;          /* plain http to another host than loopback is allowed */
    int backoff_min, backoff_max;   /* seconds */
    const char *db;             /* the bundles' temporary folder is made beside it */
    const KioskKey *key;
    const unsigned char *recipient;
    const char *content_version;
    /* Content packs from the folder's content/ (sync/packfetch.h): at each contact, and at "sync
     * now". Without content_key or content_dir, the folder's content/ is never looked at. */
    const char *content_key, *content_dir;
    long long pack_max_bytes;
} UplinkConfig;

/* Reads the password file and starts the thread (copies everything in c). -1 (with e) if the
 * settings cannot work (a bad URL, plain http to another host, a password file others can read). */
int uplink_start(const UplinkConfig *c, Err *e);
/* The event type uplink's events come as (0 before the start); code: UplinkOutcome, data1: UplinkReport. */
Uint32 uplink_event_type(void);
/* Try at once, whatever the backoff says. */
void uplink_sync_now(void);
/* Something was saved: count what is pending soon (not before a wait a fault asked for). */
void uplink_poke(void);
void uplink_release(void *data);
/* The pack an UPLINK_CONTENT event handed over (READY) was dealt with: refused (its manifest is
 * remembered, beside the database, and not downloaded again until the manifest changes), or
 * installed or not taken now (0: the next contact looks again). */
void uplink_pack_done(int refused);
/* Stops the thread; an upload under way is finished first (a transfer is bounded by its timeouts). */
void uplink_stop(void);

#endif
