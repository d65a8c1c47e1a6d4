/* people: communities and participants. */
#include "people.h"
#include "store_db.h"
#include "../base/text.h"

#include <string.h>
#include <time.h>

/* Characters that show nothing, or turn the text around them: a name holding one could look like
 * another name, or reorder the columns of a report. */
static int invisible(unsigned c)
{
    return (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2069) ||
           c == 0x061C || c == 0xFEFF || c == 0x2028 || c == 0x2029 || c == 0x00AD;
}

static int space(unsigned c)
{
    return c == ' ' || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}

int people_check_name(const char *name, int required, Err *e)
{
    if (!name || !*name) return required ? err_set(e, "a name is needed") : 0;
    int chars = 0, spaces = 0;
    for (const char *p = name; *p;) {
        const char *at = p;
        unsigned c = text_utf8_next(&p);
        if (c == 0xFFFD && (p - at != 3 || memcmp(at, "\xEF\xBF\xBD", 3) != 0))
            return err_set(e, "the name is not valid UTF-8 text");
        if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return err_set(e, "the name has a control character");
        if (invisible(c)) return err_set(e, "the name has an invisible or direction-changing character (U+%04X)", c);
        spaces += space(c);
        chars++;
    }
    if (spaces == chars) return err_set(e, "the name has only spaces");
    if (chars > PALLAY_NAME_CHARS) return err_set(e, "the name is longer than %d characters", PALLAY_NAME_CHARS);
    return 0;
}

int community_each(Store *s, void (*fn)(const char *, const char *, void *), void *ud, Err *e)
{
    static const char *const SQL =
        "SELECT id, name FROM community WHERE id NOT IN (SELECT target_id FROM void) ORDER BY name, id";
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (!st) return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fn((const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1), ud);
    return store_end(s, st, rc, e);
}

int community_add(Store *s, const char *name, char id[37], Err *e)
{
    static const char *const SAME =
        "SELECT count(*) FROM community WHERE name = ? AND id NOT IN (SELECT target_id FROM void)";
    static const char *const ADD = "INSERT INTO community (id, name) VALUES (?, ?)";
    if (people_check_name(name, 1, e) < 0) return -1;
    sqlite3_stmt *st = store_stmt(s, SAME, e);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW) return store_fail_stmt(s, st, e);
    int same = sqlite3_column_int(st, 0);
    store_done(st);
    if (same) return err_set(e, "the community \"%s\" is already on the list", name);
    if (store_record_begin(s, "community", id, e) < 0) return -1;
    if ((st = store_stmt(s, ADD, e))) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    }
    return store_record_finish(s, st, e);
}

int participant_check(const Registration *r, Err *e)
{
    if (!r->consent) {
        if (r->name && *r->name) return err_set(e, "without her consent no name is kept");
        if (r->birth_year) return err_set(e, "without her consent no year of birth is kept");
        return 0;
    }
    if (people_check_name(r->name, 1, e) < 0) return -1;
    time_t now = time(NULL);
    int this_year = localtime(&now)->tm_year + 1900;
    if (r->birth_year && (r->birth_year < 1900 || r->birth_year > this_year))
        return err_set(e, "the year of birth must be between 1900 and %d", this_year);
    return 0;
}

/* 1 if a name or year of birth of hers is kept, 0 if not, -1 on failure. */
static int has_name(Store *s, const char *learner, Err *e)
{
    static const char *const SQL =
        "SELECT count(*) FROM person WHERE id IN (SELECT id FROM participant WHERE learner_id = ?)";
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, learner, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW) return store_fail_stmt(s, st, e);
    int named = sqlite3_column_int(st, 0) > 0;
    store_done(st);
    return named;
}

int participant_register(Store *s, const char *learner, const Registration *r, const char *facilitator,
                         char id[37], Err *e)
{
    static const char *const SQL =
        "INSERT INTO participant (id, learner_id, consent, community_id, facilitator_id) VALUES (?, ?, ?, ?, ?)";
    static const char *const NAME = "INSERT INTO person (id, name, birth_year) VALUES (?, ?, ?)";
    if (participant_check(r, e) < 0) return -1;
    /* "No" from a woman whose name is kept takes her consent back: her name goes first. */
    int named = r->consent ? 0 : has_name(s, learner, e);
    char withdrawal[37];
    int erased;
    if (named < 0 || (named && consent_withdraw(s, learner, facilitator, withdrawal, &erased, e) < 0)) return -1;
    if (store_record_begin(s, "participant", id, e) < 0) return -1;
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (!st) goto fail;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, learner, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, r->consent != 0);
    store_bind_opt(st, 4, r->community_id);
    sqlite3_bind_text(st, 5, facilitator, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) { store_fail(s, e); goto fail; }
    if (!r->consent) return store_record_commit(s, e);
    if (!(st = store_stmt(s, NAME, e))) goto fail;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, r->name, -1, SQLITE_STATIC);
    if (r->birth_year) sqlite3_bind_int(st, 3, r->birth_year);
    else sqlite3_bind_null(st, 3);
    return store_record_finish(s, st, e);
fail:
    store_record_abort(s);
    return -1;
}

int consent_withdraw(Store *s, const char *learner, const char *facilitator, char id[37], int *erased, Err *e)
{
    static const char *const LATEST =
        "SELECT p.id FROM participant p JOIN person n ON n.id = p.id JOIN record r ON r.id = p.id"
        " WHERE p.learner_id = ? ORDER BY r.seq DESC LIMIT 1";
    static const char *const ADD =
        "INSERT INTO withdrawal (id, learner_id, participant_id, facilitator_id) VALUES (?, ?, ?, ?)";
    static const char *const ERASE = "DELETE FROM person WHERE id IN (SELECT id FROM participant WHERE learner_id = ?)";
    *erased = 0;
    sqlite3_stmt *st = store_stmt(s, LATEST, e);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, learner, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) return err_set(e, "no name or year of birth of hers is kept: nothing to withdraw");
    if (rc != SQLITE_ROW) return store_fail_stmt(s, st, e);
    char participant[37];
    text_copy(participant, sizeof participant, (const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    if (store_record_begin(s, "withdrawal", id, e) < 0) return -1;
    if (!(st = store_stmt(s, ADD, e))) goto fail;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, learner, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, participant, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, facilitator, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) { store_fail(s, e); goto fail; }
    if (!(st = store_stmt(s, ERASE, e))) goto fail;
    sqlite3_bind_text(st, 1, learner, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) { store_fail(s, e); goto fail; }
    *erased = sqlite3_changes(store_db(s));
    sqlite3_reset(st);
    if (store_record_commit(s, e) < 0) return -1;
    /* The erased pages may still sit in the WAL: copy it back and empty it. If another program
     * holds the database just now, its next checkpoint does it. */
    store_scrub(s);
    return 0;
fail:
    store_record_abort(s);
    return -1;
}

int participant_each_named(Store *s, void (*fn)(const char *learner, void *ud), void *ud, Err *e)
{
    static const char *const SQL =
        "SELECT DISTINCT p.learner_id FROM person n JOIN participant p ON p.id = n.id";
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (!st) return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) fn((const char *)sqlite3_column_text(st, 0), ud);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : store_fail(s, e);
}
