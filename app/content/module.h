/* module: one course module read from its hand-editable .module file
 * (format in assets/README.md). Read-only once loaded. */
#ifndef PALLAY_MODULE_H
#define PALLAY_MODULE_H

#include "../base/report.h"
#include "../config.h"

typedef struct {
    char picture[PALLAY_NAME_LEN];  /* picture name, without extension */
    char key[PALLAY_NAME_LEN];      /* string key: caption and narration */
    int timer;                      /* seconds of a countdown she can start on this slide (a stretch), or 0 */
    int help;                       /* the network's help contacts are shown on this slide */
    char nohelp[PALLAY_NAME_LEN];   /* on a help slide: said and shown instead of key while no contacts are set ("" = key) */
    int line;                       /* where it is defined, for reports */
} Slide;

typedef struct {
    char picture[PALLAY_NAME_LEN];
    char key[PALLAY_NAME_LEN];      /* spoken when she asks to hear this answer */
    int right;                      /* exactly one answer of a question is right */
    int line;
} Answer;

typedef struct {
    char key[PALLAY_NAME_LEN];      /* the question, narrated */
    char why[PALLAY_NAME_LEN];      /* spoken after she answers: the right answer and why */
    Answer answers[PALLAY_MAX_ANSWERS];
    int nanswers;
    int line;
} Question;

typedef struct {
    char id[PALLAY_NAME_LEN];
    char title[PALLAY_NAME_LEN];    /* string key of the title */
    char tile[PALLAY_NAME_LEN];     /* picture of the home-screen tile */
    int title_line, tile_line;
    Slide slides[PALLAY_MAX_SLIDES];
    int nslides;
    Question questions[PALLAY_MAX_QUESTIONS];  /* the quiz; only well-formed questions are kept */
    int nquestions;
    int pass;                       /* right answers needed to pass the quiz */
    char reviewer[PALLAY_NAME_LEN]; /* the health worker who signed it off; "" while it is a draft */
    char reviewed[11];              /* the day she signed it off, YYYY-MM-DD; "" while a draft */
    int review_line;                /* 0 if the file has no review line (reported; it counts as a draft) */
    char equipment[PALLAY_MAX_ITEMS][PALLAY_NAME_LEN];  /* ppe.list ids of the items it recommends */
    int equipment_line[PALLAY_MAX_ITEMS];
    int nequipment;
    char version[17];               /* hash of the file's text: which content an attempt saw */
    char file[PALLAY_PATH_LEN];
} Module;

/* Parses the text of a .module file into m. Every problem is reported with its line; a
 * malformed question is left out (and the quiz with it if fewer than PALLAY_MIN_QUESTIONS stay).
 * Returns 0 if m is usable (has an id, a title and at least one slide), -1 otherwise. */
int module_parse(Module *m, const char *text, const char *file, Report *r);
/* 1 if no network health worker has signed the module off yet ("review draft", or no review line). */
int module_is_draft(const Module *m);
/* Reads and parses path; -1 (reported) if it cannot be read or is unusable. */
int module_load(Module *m, const char *path, Report *r);

#endif
