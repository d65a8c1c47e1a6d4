/* missed: the questions women answer wrong, per module and question, for the report's page.
 * Every answer names its attempt by id; SQLite joins them with a B-tree search per answer
 * (435,000 answers: 2 s of a 10 s report on a million records). Here the attempts go into a
 * hash table once and the answers are read in the order they are stored. */
#ifndef PALLAY_NET_MISSED_H
#define PALLAY_NET_MISSED_H

#include "../base/err.h"

typedef struct sqlite3 sqlite3;

/* Fills temp.missed (module, question, answers, wrong, women): for each module and question
 * answered wrong at least once, its answers, the wrong ones, and the women (learners, not
 * guests) who answered it wrong, counted once each. Neither voided answers nor the answers of
 * a voided attempt count (temp.voided, from report_prepare). -1 (with e) on a database error. */
int missed_questions(sqlite3 *db, Err *e);

#endif
