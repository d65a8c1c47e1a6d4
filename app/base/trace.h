/* trace: one line per meaningful step of the kiosk, "t=<ms> <what>", for tests and people.
 * The sink is a process-wide singleton owned by this module. */
#ifndef PALLAY_TRACE_H
#define PALLAY_TRACE_H

/* Opens the trace file (truncated). path NULL or "" traces nowhere. Returns 0, or -1 if it cannot be created. */
int trace_open(const char *path);
void trace_close(void);

/* Writes one line, flushed at once so a killed kiosk leaves a complete trace. */
void trace(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Calls fn with each line written (without "t=..."), e.g. for a script waiting on an event. NULL removes it. */
void trace_listen(void (*fn)(const char *line, void *ud), void *ud);

/* Milliseconds since the process started (monotonic). */
long long trace_ms(void);
/* Microseconds on the monotonic clock, for measurements. */
long long trace_now_us(void);

#endif
