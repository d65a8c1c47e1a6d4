/* report: one sink for content problems, with file and line. */
#include "report.h"
#include "../config.h"

#include <stdarg.h>
#include <stdio.h>

void report(Report *r, const char *file, int line, const char *fmt, ...)
{
    if (!r) return;
    char msg[PALLAY_ERR_LEN];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->count++;
    if (r->emit) r->emit(r, file, line, msg);
}

static void emit_stderr(Report *r, const char *file, int line, const char *msg)
{
    (void)r;
    if (line > 0) fprintf(stderr, "%s:%d: %s\n", file, line, msg);
    else fprintf(stderr, "%s: %s\n", file, msg);
}

Report report_stderr(void)
{
    return (Report){ .emit = emit_stderr };
}
