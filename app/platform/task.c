/* task: an SDL thread and a flag it sets as it ends. */
#include "task.h"

#include <SDL.h>
#include <stdlib.h>

struct Task {
    SDL_Thread *thread;
    SDL_atomic_t done;
    int (*fn)(void *);
    void *arg;
};

static int run(void *data)
{
    Task *t = data;
    int rc = t->fn(t->arg);
    SDL_AtomicSet(&t->done, 1);
    return rc;
}

Task *task_start(int (*fn)(void *arg), void *arg)
{
    Task *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->fn = fn;
    t->arg = arg;
    if (!(t->thread = SDL_CreateThread(run, "task", t))) {
        free(t);
        return NULL;
    }
    return t;
}

int task_done(Task *t)
{
    return SDL_AtomicGet(&t->done);
}

int task_finish(Task *t)
{
    int rc = 0;
    SDL_WaitThread(t->thread, &rc);
    free(t);
    return rc;
}
