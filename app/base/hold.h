/* hold: a test's pause at an exact moment. In the test build (PALLAY_TEST_HOOKS), when the
 * environment variable env names a FIFO, hold says on stderr what it waits at and waits for a
 * line on it (at most 30 s, so a test that failed before it let go leaves no program hung). In
 * any other build it does nothing. */
#ifndef PALLAY_HOLD_H
#define PALLAY_HOLD_H

void hold(const char *env, const char *what);

#endif
