/* handover: which records have left the kiosk, and the kiosk's own events (starts, stops,
 * faults) that travel with them as its health (schema.h, migration 6). No SDL here. */
#ifndef PALLAY_HANDOVER_H
#define PALLAY_HANDOVER_H

#include "../config.h"
#include "store.h"

#define HANDOVER_MAX_KIOSKS 8   /* kiosk ids a database may hold records of (its own, earlier ones) */

typedef struct {
    char kiosk_id[37];
    long long first, last, records;
    char hash[129];             /* hex */
    char receipt[8];
    char destination[PALLAY_NAME_LEN];
    long long at;               /* unix seconds */
    long long events_upto;
} Handover;

/* The records waiting to leave, per kiosk id: seq first..last, count of them. */
typedef struct {
    char kiosk_id[37];
    long long first, last, records;
} Pending;

/* Fills out (up to max) with the records of each kiosk id above its last handover (all of them
 * if all), the kiosk's present id first. Returns how many kiosk ids have some, or -1 (with e). */
int handover_pending(Store *s, int all, Pending *out, int max, Err *e);
/* How many records are waiting in all, her reports waiting for a bundle counted as the record
 * each will become (-1 on failure). */
long long handover_pending_count(Store *s, Err *e);
/* The latest handover: 1 (in h), 0 if none was ever made, -1 (with e). */
int handover_last(Store *s, Handover *h, Err *e);
/* The highest kiosk_event id the last handover reported (0 if none). */
long long handover_events_upto(Store *s);
/* Records a verified handover (h->at is filled in from the store's clock), and deletes the
 * sealed audio of her reports it carried. -1 (with e). */
int handover_add(Store *s, Handover *h, Err *e);

typedef enum { KIOSK_START, KIOSK_STOP, KIOSK_ERROR } KioskEventKind;
/* Notes a start, a clean stop, or a fault (detail: no personal data, ever). -1 (with e). A start
 * returns 1 if the one before it never stopped (a power loss, or the kiosk was killed). */
int handover_event(Store *s, KioskEventKind kind, const char *detail, Err *e);

#endif
