/* sticks: USB sticks coming and going under the mount roots, and records written to them, in a
 * thread of its own. The thread sleeps in poll() on the kernel's mount table, which wakes it when
 * anything is mounted or unmounted: an idle kiosk spends nothing on watching. What it finds
 * comes back as SDL events; the main loop never waits on a slow or pulled stick. */
#ifndef PALLAY_STICKS_H
#define PALLAY_STICKS_H

#include "../config.h"
#include "../sync/courier.h"

#include <SDL.h>

typedef enum {
    STICKS_ARRIVED,     /* data1: the volume's path (sticks_release it) */
    STICKS_LEFT,        /* data1: the volume's path */
    STICKS_WRITTEN,     /* data1: a SticksReport */
} SticksEvent;

typedef struct {
    char volume[PALLAY_PATH_LEN];
    CourierResult result;
    char spoken[PALLAY_PATH_LEN];   /* the voice file that says what was sent, or "" */
} SticksReport;

/* What to say once records went (espeak-ng, in the thread: it takes a few tenths of a second):
 * "<records> <one|many>. <code>: X, X, X, X, X, X." in voice, written to path. */
typedef struct {
    char voice[PALLAY_NAME_LEN], one[PALLAY_NAME_LEN * 2], many[PALLAY_NAME_LEN * 2], code[PALLAY_NAME_LEN];
    char path[PALLAY_PATH_LEN];
} SticksSay;

/* Starts watching the mount roots (paths separated by ':'); sticks already mounted arrive at
 * once. The event's code is a SticksEvent. -1 (with e) if the mount table cannot be watched. */
int sticks_start(const char *roots, Err *e);
/* The event type sticks' events come as (0 before the start). */
Uint32 sticks_event_type(void);
/* Writes what is pending to the stick at volume (the job is copied, key and all). -1 if a write
 * is already under way or the thread is not running. */
int sticks_write(const char *volume, const CourierJob *job, const SticksSay *say);
/* Frees an event's data1. */
void sticks_release(void *data);
/* Stops the thread; a write under way is finished first (it is short, and a half-written
 * bundle is never recorded as handed over anyway). */
void sticks_stop(void);

#endif
