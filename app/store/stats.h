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

/* One row per module that appears in any record, by module id. */
int stats_modules(Store *s, void (*fn)(const ModuleStats *m, void *ud), void *ud, Err *e);
/* One row per learner and module she opened, by learner (oldest first), then module id. */
int stats_learners(Store *s, void (*fn)(const LearnerStats *l, void *ud), void *ud, Err *e);

#endif
