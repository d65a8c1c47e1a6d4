/* wrap: breaks UTF-8 text into lines that fit a width, with any measure function (no SDL). */
#ifndef PALLAY_WRAP_H
#define PALLAY_WRAP_H

typedef struct { int start, len; } WrapLine;

/* Width in pixels of the first len bytes of s. */
typedef int (*WrapMeasure)(void *ud, const char *s, int len);

/* Breaks text at spaces (and at "\n") into lines no wider than width; a word wider than
 * width is broken between characters. Writes at most max lines (without trailing spaces).
 * Returns the number of lines the whole text needs, which may exceed max. */
int wrap_text(const char *text, int width, WrapMeasure measure, void *ud, WrapLine *lines, int max);

#endif
