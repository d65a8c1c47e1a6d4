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
        err_fold(e->msg, sizeof e->msg);
    }
    return -1;
}

/* SQLite's integrity reports span lines ("*** in database main ***\nPage 7: ..."): each run of
 * line breaks (with the spaces around it) becomes "; ", cut to fit n bytes. */
void err_fold(char *msg, size_t n)
{
    if (!strpbrk(msg, "\r\n")) return;
    char in[PALLAY_ERR_LEN * 2];
    snprintf(in, sizeof in, "%s", msg);
    size_t len = 0;
    for (const char *p = in; *p && len + 1 < n;) {
        if (*p != '\n' && *p != '\r') { msg[len++] = *p++; continue; }
        while (len > 0 && msg[len - 1] == ' ') len--;
        while (*p == '\n' || *p == '\r' || *p == ' ' || *p == '\t') p++;
        if (len == 0 || !*p || len + 3 >= n) continue;     /* nothing before or after: drop it */
        msg[len++] = ';';
        msg[len++] = ' ';
    }
    msg[len] = '\0';
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
