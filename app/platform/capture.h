/* capture: a microphone (SDL audio capture), for community recordings and her reports. One
 * recording at a time, into a buffer that exists only while the device is open and is wiped
 * when it closes. */
#ifndef PALLAY_CAPTURE_H
#define PALLAY_CAPTURE_H

#include "../base/err.h"
#include "../config.h"

/* Opens the first capture device (mono, PALLAY_RECORD_RATE Hz) for recordings of up to seconds
 * (reopened if it was open for another length). -1 (with e) if there is none. */
int capture_open(int seconds, Err *e);
void capture_close(void);
/* Starts recording from the beginning of the buffer / stops. */
void capture_start(void);
void capture_stop(void);
/* Stops the recording and lends its samples (traced: "capture stop samples=N"). A take of fewer
 * than CAPTURE_MIN_SAMPLES is a slip of the finger. */
#define CAPTURE_MIN_SAMPLES (PALLAY_RECORD_RATE / 4)
int capture_end(const short **pcm);
/* 1 once the recording has filled its seconds (the rest is not kept). */
int capture_full(void);
/* The samples recorded so far (until capture_start again). */
int capture_samples(const short **pcm);

#endif
