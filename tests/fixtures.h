/* fixtures: what several unit tests need besides checks: a Report that records the problems it
 * is given, and temporary files to parse. Header-only, like check.h. */
#ifndef PALLAY_TEST_FIXTURES_H
#define PALLAY_TEST_FIXTURES_H

#include "base/report.h"
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Problems a parse reported, recorded by a custom Report. */
typedef struct { int line; char file[PALLAY_PATH_LEN], msg[256]; } Problem;
typedef struct { Report r; Problem p[64]; int n; } Problems;

static inline void problems_record_(Report *r, const char *file, int line, const char *msg)
{
    Problems *ps = r->user;
    if (ps->n == 64) return;
    Problem *p = &ps->p[ps->n++];
    p->line = line;
    snprintf(p->file, sizeof p->file, "%s", file);
    snprintf(p->msg, sizeof p->msg, "%s", msg);
}

static inline void problems_init(Problems *ps)
{
    memset(ps, 0, sizeof *ps);
    ps->r.emit = problems_record_;
    ps->r.user = ps;
}

/* The line of the first problem whose message contains word, or -1. */
static inline int problem_line(const Problems *ps, const char *word)
{
    for (int i = 0; i < ps->n; i++)
        if (strstr(ps->p[i].msg, word)) return ps->p[i].line;
    return -1;
}

/* Prints what was reported (on stderr, so run.sh does not count it), to explain a failure. */
static inline void show_problems(const Problems *ps)
{
    for (int i = 0; i < ps->n; i++) fprintf(stderr, "  (reported %s:%d: %s)\n", ps->p[i].file, ps->p[i].line, ps->p[i].msg);
}

/* Replaces the contents of the file at path with text; a test that cannot write stops (status 2). */
static inline void fixture_write(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f) { perror(path); exit(2); }
    fputs(text, f);
    fclose(f);
}

static inline int contains(const char *s, const char *part) { return strstr(s, part) != NULL; }

#endif
