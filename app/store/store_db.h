/* store_db: what the record modules of store/ build on; nothing outside store/ includes this.
 * Every record is written in one transaction: store_record_begin adds its row to `record`,
 * the caller adds the row of its kind, and store_record_commit makes both durable at once. */
#ifndef PALLAY_STORE_DB_H
#define PALLAY_STORE_DB_H

#include "store.h"

#include <sqlite3.h>

sqlite3 *store_db(Store *s);
/* The prepared statement for sql (a string constant: it is cached by address), reset and with
 * no bindings. NULL (with e) if it does not compile. */
sqlite3_stmt *store_stmt(Store *s, const char *sql, Err *e);
/* Resets st once its rows are read: a cached statement left running holds a read transaction
 * open, which stops every checkpoint and, once the other program has written, every write of
 * ours. Copy the columns first. Returns NULL. */
sqlite3_stmt *store_done(sqlite3_stmt *st);
/* Ends a loop over st's rows whose last sqlite3_step returned rc: resets st and returns 0 if
 * rc is SQLITE_DONE, else -1 with SQLite's message in e. */
int store_end(Store *s, sqlite3_stmt *st, int rc, Err *e);
/* Puts SQLite's message in e, resets st; returns -1. */
int store_fail_stmt(Store *s, sqlite3_stmt *st, Err *e);
/* BEGIN IMMEDIATE, tried again while the other program keeps the write lock past the busy
 * timeout. -1 (with e) if it never frees. */
int store_write_begin(Store *s, Err *e);
/* Unix seconds, as the store's clock says (store_set_clock). */
long long store_now(Store *s);
/* Binds v to parameter i, or NULL for a NULL or empty v (a guest's learner, an item without size). */
void store_bind_opt(sqlite3_stmt *st, int i, const char *v);
/* Puts "path: SQLite's message" into e; returns -1. */
int store_fail(Store *s, Err *e);

/* Opens a write transaction and adds a record of this kind with a new id (written to id).
 * -1 (with e, nothing written) on failure. */
int store_record_begin(Store *s, const char *kind, char id[37], Err *e);
/* Commits: only now does the record count as saved. -1 (with e, rolled back) on failure. */
int store_record_commit(Store *s, Err *e);
/* Runs st (the insert of the record's own row; NULL if it failed to prepare) and commits.
 * -1 (with e, all rolled back) on failure. */
int store_record_finish(Store *s, sqlite3_stmt *st, Err *e);
/* Rolls back a record begun but not committed. */
void store_record_abort(Store *s);

#endif
