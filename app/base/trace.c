/* trace: the single trace sink. */
#include "trace.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

static struct {
    FILE *f;
    long long start_us;
    void (*listener)(const char *line, void *ud);
    void *ud;
} T;

void trace_listen(void (*fn)(const char *line, void *ud), void *ud)
{
    T.listener = fn;
    T.ud = ud;
}

long long trace_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

long long trace_ms(void)
{
    if (!T.start_us) T.start_us = trace_now_us();
    return (trace_now_us() - T.start_us) / 1000;
}

int trace_open(const char *path)
{
    if (!T.start_us) T.start_us = trace_now_us();
    if (!path || !*path) return 0;
    T.f = fopen(path, "w");
    return T.f ? 0 : -1;
}

void trace_close(void)
{
    if (T.f) fclose(T.f);
    T.f = NULL;
}

void trace(const char *fmt, ...)
{
    if (!T.f && !T.listener) return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (T.f) {
        fprintf(T.f, "t=%lld %s\n", trace_ms(), line);
        fflush(T.f);
    }
    if (T.listener) T.listener(line, T.ud);
}
