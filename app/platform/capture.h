/* capture: a microphone (SDL audio capture), for community recordings. One recording at a
 * time, into a buffer of PALLAY_RECORD_S seconds that exists only while the device is open. */
#ifndef PALLAY_CAPTURE_H
#define PALLAY_CAPTURE_H

#include "../base/err.h"

/* Opens the first capture device (mono, PALLAY_RECORD_RATE Hz). -1 (with e) if there is none. */
int capture_open(Err *e);
void capture_close(void);
/* Starts recording from the beginning of the buffer / stops. */
void capture_start(void);
void capture_stop(void);
/* The samples recorded so far (until capture_start again). */
int capture_samples(const short **pcm);

#endif
