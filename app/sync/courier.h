/* courier: everything pending leaves for one folder (a USB stick's pallay/outbox, or a folder
 * given on the command line): one bundle per kiosk id with records waiting, each read back
 * from where it landed and verified before its handover is recorded. The same code for the
 * kiosk's stick and for pallayctl export. No SDL here; it opens its own connection, so it can
 * run in a thread of its own while the kiosk goes on saving. */
#ifndef PALLAY_COURIER_H
#define PALLAY_COURIER_H

#include "../base/err.h"
#include "../config.h"
#include "bundle.h"
#include "identity.h"
#include "../store/handover.h"

typedef enum {
    COURIER_SENT,       /* bundles written, verified and recorded */
    COURIER_NOTHING,    /* no record was waiting */
    COURIER_GONE,       /* the stick went away (pulled) before the bundle was whole */
    COURIER_FULL,       /* no room left on it */
    COURIER_READONLY,   /* it cannot be written (write-protected, or mounted read-only) */
    COURIER_BLOCKED,    /* a file stands where the pallay or outbox folder should be */
    COURIER_FAILED,     /* anything else: e says what */
} CourierOutcome;

typedef struct {
    CourierOutcome outcome;
    int bundles;                    /* bundles written and verified */
    long long records;              /* records in them */
    char receipt[RECEIPT_LEN + 1];  /* the code of the present kiosk's bundle (else of the last one) */
    char path[PALLAY_PATH_LEN];     /* ...and its file */
    /* With job->defer: each bundle written and verified here, its handover not yet recorded. */
    int made;
    Handover handover[HANDOVER_MAX_KIOSKS];
    char made_path[HANDOVER_MAX_KIOSKS][PALLAY_PATH_LEN];
    Err e;                          /* what went wrong (outcome other than SENT/NOTHING) */
} CourierResult;

typedef struct {
    const char *db;
    const KioskKey *key;
    const unsigned char *recipient;     /* 32 bytes: the network's age recipient */
    const char *content_version;        /* for the bundles' header */
    const char *destination;            /* for the handover: "usb LABEL", "folder PATH" */
    int all;                            /* every record, not only those pending */
    int defer;                          /* write and verify only: the handovers wait in the result
                                         * for courier_record (the bundle must reach a server first) */
} CourierJob;

/* Writes the bundles of job into folder dir (made if missing). Returns r->outcome. */
CourierOutcome courier_send(const CourierJob *job, const char *dir, CourierResult *r);
/* Records the handovers a deferred courier_send left in r, each with destination (the place the
 * bundle reached and was verified at). 0, or -1 (with r->e) if one could not be saved. */
int courier_record(const char *db, CourierResult *r, const char *destination);
/* On a stick mounted at volume: makes volume/pallay/outbox and writes there. */
CourierOutcome courier_send_to_volume(const CourierJob *job, const char *volume, CourierResult *r);
/* The outcome's name for the trace: sent, nothing, gone, full, readonly, blocked, failed. */
const char *courier_outcome_name(CourierOutcome o);

#endif
