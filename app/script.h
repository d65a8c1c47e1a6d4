/* script: a list of input steps that drives the kiosk headless, for tests, the demo and the bench.
 *   tap ID | tap X Y        touch a button by id, or a point in pixels
 *   click ID | click X Y    the same with the mouse
 *   hold ID                 press and keep pressed until the kiosk speaks the button's name
 *   key NAME                a key (SDL name: Left, Right, Return, Escape, Backspace)
 *   type TEXT               text from a physical keyboard (the rest of the line, UTF-8)
 *   wait MS                 let time pass (narration plays on)
 *   expect TEXT             wait (up to 10 s) for a trace line containing TEXT since the last expect
 *   shot FILE               save a screenshot of the next frame
 *   size W H                resize the window
 *   bench-render N          draw the current screen N times and trace median and p99
 *   soak MS SEED            for MS milliseconds, a random touch, hold or key every 20 ms, drawn
 *                           from SEED (the same seed gives the same inputs); traces its progress
 *   quit                    stop the kiosk (exit status 0)
 * "#" starts a comment. */
#ifndef PALLAY_SCRIPT_H
#define PALLAY_SCRIPT_H

#include "base/err.h"
#include "config.h"

typedef enum { STEP_TAP, STEP_CLICK, STEP_HOLD, STEP_KEY, STEP_WAIT, STEP_EXPECT, STEP_TYPE, STEP_SHOT, STEP_SIZE,
               STEP_BENCH_RENDER, STEP_SOAK, STEP_QUIT } StepKind;

typedef struct {
    StepKind kind;
    char arg[PALLAY_PATH_LEN];  /* button id, key name, expected text or file; "" for a position */
    int x, y;                   /* position, size, milliseconds or count */
    int line;
} Step;

typedef struct Script Script;

/* Reads and checks the whole script. NULL (with e naming file and line) on any bad line. */
Script *script_load(const char *path, Err *e);
void script_unload(Script *s);

/* The current step, or NULL when the script is over. */
const Step *script_step(const Script *s);
void script_next(Script *s);

/* Feeds a trace line (the kiosk's trace listener). */
void script_seen(Script *s, const char *line);
/* 1 if a line containing text was seen since the last match; consumes lines up to it. */
int script_take(Script *s, const char *text);

#endif
