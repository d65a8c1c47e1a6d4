/* loader: a queue of paths under a mutex, one worker thread, results through SDL_PushEvent. */
#include "loader.h"
#include "../base/text.h"
#include "../content/picture.h"

#include <stdlib.h>
#include <string.h>

typedef struct { char path[PALLAY_PATH_LEN]; int fit_w, fit_h; } Request;

static struct {
    SDL_Thread *thread;
    SDL_mutex *lock;
    SDL_cond *wake;
    Request queue[PALLAY_DECODE_QUEUE];
    int head, count, stop;
    Uint32 event;
    SDL_atomic_t pending;
} L;

static int worker(void *unused)
{
    (void)unused;
    for (;;) {
        SDL_LockMutex(L.lock);
        while (!L.count && !L.stop) SDL_CondWait(L.wake, L.lock);
        if (L.stop) { SDL_UnlockMutex(L.lock); return 0; }
        Request rq = L.queue[L.head];
        L.head = (L.head + 1) % PALLAY_DECODE_QUEUE;
        L.count--;
        SDL_UnlockMutex(L.lock);

        LoadedPicture *p = calloc(1, sizeof *p);
        if (!p) continue;   /* out of memory: the picture stays a placeholder */
        text_copy(p->path, sizeof p->path, rq.path);
        Err e;
        p->px = picture_decode(rq.path, rq.fit_w, rq.fit_h, &p->w, &p->h, &e);
        if (!p->px) text_copy(p->why, sizeof p->why, e.msg);
        /* R and B swapped here, off the main thread: ARGB8888 is what SDL's renderers (the software
         * one above all) draw without converting every pixel at each upload and each frame. */
        for (size_t i = 0, n = p->px ? (size_t)p->w * (size_t)p->h * 4 : 0; i < n; i += 4) {
            unsigned char r = p->px[i];
            p->px[i] = p->px[i + 2];
            p->px[i + 2] = r;
        }
        SDL_Event ev = { 0 };
        ev.type = L.event;
        ev.user.data1 = p;
        if (SDL_PushEvent(&ev) != 1) loader_release(p);
    }
}

static int start(void)
{
    if (L.thread) return 0;
    if (!L.event) {
        L.event = SDL_RegisterEvents(1);
        if (L.event == (Uint32)-1) { L.event = 0; return -1; }
    }
    L.lock = SDL_CreateMutex();
    L.wake = SDL_CreateCond();
    L.stop = 0;
    if (L.lock && L.wake) L.thread = SDL_CreateThread(worker, "pictures", NULL);
    if (L.thread) return 0;
    if (L.wake) SDL_DestroyCond(L.wake);
    if (L.lock) SDL_DestroyMutex(L.lock);
    L.wake = NULL;
    L.lock = NULL;
    return -1;
}

int loader_request(const char *path, int fit_w, int fit_h)
{
    if (start() < 0) return -1;
    SDL_LockMutex(L.lock);
    int ok = L.count < PALLAY_DECODE_QUEUE;
    if (ok) {
        Request *rq = &L.queue[(L.head + L.count++) % PALLAY_DECODE_QUEUE];
        text_copy(rq->path, sizeof rq->path, path);
        rq->fit_w = fit_w;
        rq->fit_h = fit_h;
        SDL_AtomicAdd(&L.pending, 1);
        SDL_CondSignal(L.wake);
    }
    SDL_UnlockMutex(L.lock);
    return ok ? 0 : -1;
}

Uint32 loader_event_type(void) { return L.event; }
int loader_pending(void) { return SDL_AtomicGet(&L.pending); }

void loader_release(LoadedPicture *p)
{
    if (!p) return;
    picture_free(p->px);
    free(p);
    SDL_AtomicAdd(&L.pending, -1);
}

void loader_stop(void)
{
    if (!L.thread) return;
    SDL_LockMutex(L.lock);
    L.stop = 1;
    SDL_CondSignal(L.wake);
    SDL_UnlockMutex(L.lock);
    SDL_WaitThread(L.thread, NULL);
    /* Results still in the event queue would leak. */
    SDL_Event ev;
    while (SDL_PeepEvents(&ev, 1, SDL_GETEVENT, L.event, L.event) == 1) loader_release(ev.user.data1);
    SDL_DestroyCond(L.wake);
    SDL_DestroyMutex(L.lock);
    L.thread = NULL;
    L.wake = NULL;
    L.lock = NULL;
    L.count = L.head = 0;
    SDL_AtomicSet(&L.pending, 0);
}
