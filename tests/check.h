/* check: the whole test harness. Every check prints one line on stdout,
 *   PASS <name>
 *   FAIL <name>: expected <x>, got <y>
 * which tests/run.sh counts; main() ends with "return check_done();".
 * One test program is one .c file, so the counters can be static. */
#ifndef PALLAY_TEST_CHECK_H
#define PALLAY_TEST_CHECK_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int check_failed_;

/* Prints the PASS or FAIL line; got is a printf format for what was found. Returns ok. */
static inline int check_line_(const char *name, int ok, const char *expected, const char *got_fmt, ...)
    __attribute__((format(printf, 4, 5)));
static inline int check_line_(const char *name, int ok, const char *expected, const char *got_fmt, ...)
{
    if (ok) {
        printf("PASS %s\n", name);
    } else {
        check_failed_++;
        printf("FAIL %s: expected %s, got ", name, expected);
        va_list ap;
        va_start(ap, got_fmt);
        vprintf(got_fmt, ap);
        va_end(ap);
        putchar('\n');
    }
    fflush(stdout);  /* a crash later must not swallow the lines already checked */
    return ok;
}

static inline int check_int_(const char *name, long long got, long long expected)
{
    char want[32];
    snprintf(want, sizeof want, "%lld", expected);
    return check_line_(name, got == expected, want, "%lld", got);
}

static inline int check_str_(const char *name, const char *got, const char *expected)
{
    int ok = (got && expected) ? strcmp(got, expected) == 0 : got == expected;
    char want[512];
    if (expected) snprintf(want, sizeof want, "\"%s\"", expected);
    else snprintf(want, sizeof want, "NULL");
    return got ? check_line_(name, ok, want, "\"%s\"", got) : check_line_(name, ok, want, "NULL");
}

/* cond holds; on failure the condition's own text is what was expected. */
#define CHECK(name, cond) check_line_((name), (cond) ? 1 : 0, #cond, "false")
/* cond holds; expected is a phrase, got a printf format and its arguments ("%d px", w). */
#define CHECK_GOT(name, cond, expected, ...) check_line_((name), (cond) ? 1 : 0, (expected), __VA_ARGS__)
#define CHECK_INT(name, got, expected) check_int_((name), (long long)(got), (long long)(expected))
/* Compares strings; either may be NULL (NULL equals only NULL). */
#define CHECK_STR(name, got, expected) check_str_((name), (got), (expected))

/* A check name built with printf, for checks in a loop. The result lives until the
 * eighth call after this one, enough for the names of one check. */
static inline const char *check_name(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline const char *check_name(const char *fmt, ...)
{
    static char names[8][256];
    static int next;
    char *s = names[next++ % 8];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s, sizeof names[0], fmt, ap);
    va_end(ap);
    return s;
}

/* The exit status of the test program: 1 if any check failed. */
static inline int check_done(void)
{
    return check_failed_ ? 1 : 0;
}

#endif
