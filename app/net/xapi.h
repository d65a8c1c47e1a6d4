/* xapi: the network's learning records as xAPI 1.0.3 statements, one JSON object a line, for a
 * learning record store. A woman is an anonymous account (homePage: the network's address, name:
 * her learner id), never a name. Verbs: attended, completed, passed, failed, answered (ADL IRIs).
 * A statement's id is its record's id, so sending the file twice stores nothing twice. Guests
 * (quizzes without a learner) are left out: a statement needs an actor. Needs report_prepare (its base at least).
 * Her voice reports (voices.h) are never statements: she sent each one privately to her network,
 * some about harassment or violence by people she may name, and a learning record store is read
 * by others (employers, programmes) and keeps what it gets; even a count of them per woman there
 * would say who spoke up. */
#ifndef PALLAY_XAPI_H
#define PALLAY_XAPI_H

#include "../base/err.h"

typedef struct sqlite3 sqlite3;

/* 0 if home is an absolute http(s) address usable in IRIs (no spaces, quotes or fragments). */
int xapi_check_home(const char *home, Err *e);
/* Writes the statements to path; returns how many, -1 (with e) on failure. */
long long xapi_write(sqlite3 *db, const char *path, const char *home, Err *e);

#endif
