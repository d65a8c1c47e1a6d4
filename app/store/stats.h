/* stats: what coordinators read from a kiosk's records (pallayctl stats). Voided records are
 * left out. Each function calls fn once per row, in a stable order; -1 (with e) on failure. */
#ifndef PALLAY_STATS_H
#define PALLAY_STATS_H

#include "../config.h"
#include "store.h"

typedef struct {
    char module[PALLAY_NAME_LEN];
    int started, completed, passed;     /* learners who opened it, saw every slide, passed its quiz */
    int quizzes;                        /* finished quizzes, guests' included */
    double average;                     /* their mean score, 0 to 100 (per cent right) */
} ModuleStats;

typedef struct {
    char learner[37];
    char symbol[PALLAY_NAME_LEN], colour[PALLAY_NAME_LEN];
    char module[PALLAY_NAME_LEN];
    int opened, completed, quizzes, passed;
    int best, best_total;               /* best finished quiz: best right of best_total (0 of 0 if none) */
} LearnerStats;

typedef struct {
    char workshop[37];
    long long held_at;
    int closed;
    char community[PALLAY_TEXT_LEN], facilitator[PALLAY_TEXT_LEN], modules[PALLAY_PATH_LEN];
    char learner[37];                   /* "" for a workshop nobody has attended yet */
    char symbol[PALLAY_NAME_LEN], colour[PALLAY_NAME_LEN];
    char name[PALLAY_TEXT_LEN];         /* "" unless her latest registration gave consent */
} AttendanceRow;

typedef struct {
    char id[37];
    long long at;
    int clock_ok;
    char learner[37], symbol[PALLAY_NAME_LEN], colour[PALLAY_NAME_LEN];
    char name[PALLAY_TEXT_LEN];         /* "" unless she consented */
    char item[PALLAY_NAME_LEN], size[16];
    int quantity;
    char facilitator[PALLAY_TEXT_LEN];
    char workshop[37];                  /* "" outside a workshop */
    int voided;
    char reason[PALLAY_TEXT_LEN];       /* why it was voided */
} PpeRow;

/* One row per workshop and woman present (workshops in the order they were opened). */
int stats_attendance(Store *s, void (*fn)(const AttendanceRow *r, void *ud), void *ud, Err *e);
/* Every delivery, voided ones included and marked, in the order they were recorded. */
int stats_ppe(Store *s, void (*fn)(const PpeRow *r, void *ud), void *ud, Err *e);

/* The same rows for one workshop only (the summary screen's open workshop), by her sign only
 * (name ""). */
int stats_attendance_of(Store *s, const char *workshop, void (*fn)(const AttendanceRow *r, void *ud), void *ud, Err *e);
/* The latest n deliveries, voided ones included and marked, the oldest of them first; her sign
 * only (name ""). */
int stats_ppe_latest(Store *s, int n, void (*fn)(const PpeRow *r, void *ud), void *ud, Err *e);
/* How many of each item were handed out (voided deliveries left out) since the unix time since,
 * items in the order they were first handed out. */
int stats_ppe_totals(Store *s, long long since, void (*fn)(const char *item, int quantity, void *ud), void *ud, Err *e);

/* The women who have earned the course's certificate since the latest workshop was closed (ever,
 * before the first): a passed quiz, neither voided, in each of the n modules. Her id and sign, and
 * when she earned it (the first pass of the module she passed last), the earliest first. */
int stats_certified(Store *s, const char *const *modules, int n, void (*fn)(const char *learner, const char *symbol, const char *colour,
                                                                             long long at, void *ud),
                    void *ud, Err *e);

/* One row per module that appears in any record, by module id. */
int stats_modules(Store *s, void (*fn)(const ModuleStats *m, void *ud), void *ud, Err *e);
/* One row per learner and module she opened, by learner (oldest first), then module id. */
int stats_learners(Store *s, void (*fn)(const LearnerStats *l, void *ud), void *ud, Err *e);

#endif
