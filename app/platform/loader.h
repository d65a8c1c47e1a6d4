/* loader: one thread that decodes pictures, so a big one never holds up touch. The main thread
 * asks for a file; the decoded pixels come back as an SDL event, which the main loop hands to
 * gfx. A singleton, started on the first request and stopped with gfx_unload. */
#ifndef PALLAY_LOADER_H
#define PALLAY_LOADER_H

#include "../config.h"

#include <SDL.h>

typedef struct {
    char path[PALLAY_PATH_LEN];
    unsigned char *px;              /* SDL_PIXELFORMAT_ARGB8888 (B, G, R, A bytes), or NULL if it failed */
    int w, h;
    char why[PALLAY_ERR_LEN];       /* why it failed (picture_check's wording) */
} LoadedPicture;

/* Queues path for decoding, shrunk to fit fit_w x fit_h. 0, or -1 if the queue is full or the
 * thread cannot start (try again on a later frame). */
int loader_request(const char *path, int fit_w, int fit_h);
/* The event type results come back as (ev.user.data1 is a LoadedPicture), or 0 before the start. */
Uint32 loader_event_type(void);
/* Pictures asked for and not yet released: a script waits for them before its next step. */
int loader_pending(void);
/* Frees a result taken from its event. */
void loader_release(LoadedPicture *p);
/* Stops the thread and frees every result not yet taken. */
void loader_stop(void);

#endif
