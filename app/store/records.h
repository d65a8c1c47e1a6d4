/* records: what learners do, saved as append-only records (schema.h, migration 2).
 * Every function writes one record in its own transaction and returns only once it is
 * committed (0), or -1 with e and nothing written. Screens call these; they never see SQL. */
#ifndef PALLAY_RECORDS_H
#define PALLAY_RECORDS_H

#include "../config.h"
#include "store.h"

typedef struct {
    char id[37];
    char symbol[PALLAY_NAME_LEN];
    char colour[PALLAY_NAME_LEN];
} Learner;

/* A new learner with this sign. -1 if a learner already has it (or on failure). */
int records_add_learner(Store *s, const char *symbol, const char *colour, Learner *out, Err *e);
/* The learner with this sign: 1 found, 0 nobody has it, -1 failure. */
int records_find_learner(Store *s, const char *symbol, const char *colour, Learner *out, Err *e);
/* Calls fn for every learner (voided ones left out), oldest first. -1 on failure. */
int records_each_learner(Store *s, void (*fn)(const Learner *l, void *ud), void *ud, Err *e);

/* She opened a module / saw all its slides. id receives the record's id. */
int records_open_module(Store *s, const char *learner, const char *module, const char *version, char id[37], Err *e);
int records_complete_module(Store *s, const char *learner, const char *module, const char *version, char id[37], Err *e);

/* A quiz begins; learner is NULL for a guest. id is the attempt, which the answers name. */
int records_begin_attempt(Store *s, const char *learner, const char *module, const char *version,
                          int questions, int pass_mark, char id[37], Err *e);

typedef struct {
    int question;           /* 1-based */
    int choice;             /* 1-based answer touched */
    int correct;
    int question_listens;   /* times the question was asked for again */
    const int *answer_listens;  /* times each answer was heard, nanswers of them */
    int nanswers;
} AnswerRecord;

int records_save_answer(Store *s, const char *attempt, const AnswerRecord *a, char id[37], Err *e);
int records_end_attempt(Store *s, const char *attempt, int score, int total, int passed, char id[37], Err *e);

/* Cancels an earlier record (it stays, marked void by this one). */
int records_void(Store *s, const char *target, const char *reason, char id[37], Err *e);

#define RECORDS_CLOCK_SLACK 60  /* seconds an offset may move before a new clock record is worth it */

/* What the network's server said the time was (its Date header, server_time) when the kiosk's
 * clock said kiosk_time, both unix seconds. Written only if this start of the kiosk has no clock
 * record yet, or its latest one's offset differs by more than RECORDS_CLOCK_SLACK: 1 written (id
 * receives its id), 0 not needed, -1 on failure (with e). */
int records_clock(Store *s, long long kiosk_time, long long server_time, char id[37], Err *e);

typedef struct {
    int opened, completed;      /* she opened it / saw every slide */
    int attempts, passed;       /* quizzes finished, and how many of them passed */
    int best, best_total;       /* best score of a finished quiz: best right of best_total */
} Progress;

/* A learner's progress in one module (voided records left out). -1 on failure. */
int records_progress(Store *s, const char *learner, const char *module, Progress *p, Err *e);

#endif
