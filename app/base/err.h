/* err: a caller-owned message buffer that functions which can fail fill in. */
#ifndef PALLAY_ERR_H
#define PALLAY_ERR_H

#include "../config.h"

#include <stddef.h>

typedef struct { char msg[PALLAY_ERR_LEN]; } Err;

/* Formats a message into e (if e is not NULL) and returns -1, so failures read "return err_set(...)". */
int err_set(Err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Folds a message (in a buffer of n bytes) onto one line: line breaks become "; ". err_set does
 * it to every message. */
void err_fold(char *msg, size_t n);

/* Out of memory and broken invariants are the only fatal errors: print file:line and abort. */
#define expect(x) ((x) ? (void)0 : err_fatal(__FILE__, __LINE__, #x))
void err_fatal(const char *file, int line, const char *what) __attribute__((noreturn));

/* malloc/calloc/strdup that abort on out-of-memory. */
void *xcalloc(size_t n, size_t size);
char *xstrdup(const char *s);

#endif
