/* signs: the symbols and colours learners sign in with (assets/signs.list). A learner's sign
 * is one symbol in one colour, e.g. the llama in red; nobody has to read or type. */
#ifndef PALLAY_SIGNS_H
#define PALLAY_SIGNS_H

#include "../base/report.h"
#include "../config.h"

typedef struct {
    char id[PALLAY_NAME_LEN];       /* stored in the learner's record */
    char picture[PALLAY_NAME_LEN];  /* white with dark outlines: the kiosk tints it */
    char key[PALLAY_NAME_LEN];      /* its spoken name */
    int line;
} Symbol;

typedef struct {
    char id[PALLAY_NAME_LEN];
    unsigned char r, g, b;
    char key[PALLAY_NAME_LEN];
    int line;
} Colour;

typedef struct {
    Symbol symbols[PALLAY_MAX_SIGNS];
    int nsymbols;
    Colour colours[PALLAY_MAX_COLOURS];
    int ncolours;
    char file[PALLAY_PATH_LEN];
} Signs;

/* Parses signs.list text:  "symbol ID PICTURE KEY"  and  "colour ID RRGGBB KEY"  lines.
 * Problems are reported with their line. Returns 0 if at least one symbol and one colour are usable. */
int signs_parse(Signs *s, const char *text, const char *file, Report *r);
/* Reads and parses path; -1 (reported) if it cannot be read or has no usable sign. */
int signs_load(Signs *s, const char *path, Report *r);

/* Index of the symbol / colour with this id, or -1. */
int signs_symbol(const Signs *s, const char *id);
int signs_colour(const Signs *s, const char *id);

#endif
