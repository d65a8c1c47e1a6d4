/* task: one piece of work on a thread of its own, which the main loop polls at its deadlines
 * instead of waiting for it (sealing a woman's report: a minute of voice to encode and encrypt
 * must not hold up the screen). */
#ifndef PALLAY_TASK_H
#define PALLAY_TASK_H

typedef struct Task Task;

/* Runs fn(arg) on a new thread. NULL if none can start: the caller then runs fn itself. */
Task *task_start(int (*fn)(void *arg), void *arg);
/* 1 once fn has returned (never waits). */
int task_done(Task *t);
/* Waits for fn to return, frees the task, and returns what fn returned. */
int task_finish(Task *t);

#endif
