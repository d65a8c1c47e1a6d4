/* report: where content problems go. The kiosk prints each once on stderr and
 * carries on; pallayctl prints them all and exits non-zero. */
#ifndef PALLAY_REPORT_H
#define PALLAY_REPORT_H

typedef struct Report {
    void (*emit)(struct Report *r, const char *file, int line, const char *msg);
    int count;          /* problems reported so far */
    void *user;
} Report;

/* Reports one problem at file:line (line 0 when the whole file is meant). r may be NULL. */
void report(Report *r, const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* A report that prints "file:line: msg" lines on stderr. */
Report report_stderr(void);

#endif
