/* err: error messages and the two fatal cases (out of memory, broken invariant). */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int err_set(Err *e, const char *fmt, ...)
{
    if (e) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e->msg, sizeof e->msg, fmt, ap);
        va_end(ap);
    }
    return -1;
}

void err_fatal(const char *file, int line, const char *what)
{
    fprintf(stderr, "pallay: fatal: %s:%d: %s\n", file, line, what);
    abort();
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    expect(p != NULL);
    return p;
}

char *xstrdup(const char *s)
{
    char *p = strdup(s);
    expect(p != NULL);
    return p;
}
