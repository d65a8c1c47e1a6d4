/* text: small string, UTF-8 and file helpers shared by every layer. */
#ifndef PALLAY_TEXT_H
#define PALLAY_TEXT_H

#include "err.h"

#include <stddef.h>

/* Reads a whole file into a NUL-terminated buffer the caller frees. NULL on failure (errno set). */
char *text_read_file(const char *path, size_t *len);

struct Report;
/* Reads a text file for a parser. Each NUL byte is reported with its line, and that line is
 * blanked, so the parser goes on with the rest. NULL (reported) if it cannot be read. */
char *text_read_text(const char *path, struct Report *r);

/* 0 if s is valid UTF-8 with no control characters (tab and newline included); -1 (with e
 * saying what and where) otherwise. For text shown as it is (help contacts). */
int text_check(const char *s, Err *e);

/* Decodes one UTF-8 code point at *s and advances *s. Invalid bytes decode to U+FFFD, one byte each. */
unsigned text_utf8_next(const char **s);

/* Copies the next line of *s (without its newline) into line (size n) and moves *s past it.
 * Returns 1 for a line, 0 at the end of the text, -1 for a line too long (line is then empty). */
int text_next_line(const char **s, char *line, size_t n);

/* Copies src into dst (size n), always NUL-terminated. Returns 0, or -1 if it was cut. */
int text_copy(char *dst, size_t n, const char *src);

/* snprintf into dst; returns 0, or -1 if the result was cut. */
int text_fmt(char *dst, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* 1 if path names an existing regular file. */
int text_file_exists(const char *path);
/* Removes the files of folder dir (not those whose name starts with '.'); the folder stays. A
 * file that cannot be removed is left. */
void text_clear_dir(const char *dir);

/* Makes the folders that hold path (mkdir -p of its parent). -1 (with e) on failure. */
int text_make_parent(const char *path, Err *e);

/* 1 if s ends with suffix. */
int text_ends_with(const char *s, const char *suffix);

/* Splits line in place into up to max whitespace-separated words; returns how many. "#" starts a comment. */
int text_split(char *line, char **words, int max);

/* 1 if s is a valid id: [a-z0-9._-]+, 1..PALLAY_NAME_LEN-1 bytes. */
int text_is_id(const char *s);

/* FNV-1a, 64 bits, of n bytes: a quick hash, not a cryptographic one. */
unsigned long long text_fnv1a(const void *s, size_t n);

#endif
