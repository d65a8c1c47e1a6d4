/* runner: plays a script (script.h) into the running kiosk. Steps become SDL input events,
 * "expect" waits on the trace, and the kiosk lends what the runner needs through RunnerHost. */
#ifndef PALLAY_RUNNER_H
#define PALLAY_RUNNER_H

#include "base/err.h"
#include "ui/geom.h"

typedef struct {
    void *kiosk;
    /* The rect of the button with this id on the current screen: 0, or -1 if there is none. */
    int (*button)(void *kiosk, const char *id, Rect *r);
    const char *(*screen)(void *kiosk);             /* name of the screen on top */
    /* How many buttons the current screen has; r gets the one at i (0 <= i < that), for soaks. */
    int (*nth_button)(void *kiosk, int i, Rect *r);
    int (*held)(void *kiosk);                       /* the press in progress has been held */
    void (*shot)(void *kiosk, const char *path);    /* draw now and save a screenshot */
    void (*bench)(void *kiosk, int n);              /* draw n times and trace the figures */
    void (*resize)(void *kiosk, int w, int h);      /* ask for a new window size */
} RunnerHost;

typedef enum { RUNNER_WAITING, RUNNER_RAN, RUNNER_DONE, RUNNER_FAILED } RunnerState;

typedef struct Runner Runner;

/* Loads the script at path and starts listening to the trace. NULL (with e) if it is bad. */
Runner *runner_load(const char *path, RunnerHost host, Err *e);
void runner_unload(Runner *r);

/* Runs the current step if it can run now, on a w x h window. RUNNER_FAILED has been reported
 * on stderr and in the trace with the script's file and line. Call only with no input pending. */
RunnerState runner_step(Runner *r, int w, int h);
/* Milliseconds until the current step gives up or ends its wait, or -1 if it is not waiting. */
int runner_deadline(const Runner *r);

#endif
