/* people: communities and participants. */
#include "people.h"
#include "store_db.h"
#include "../base/text.h"

#include <string.h>
#include <time.h>

int people_check_name(const char *name, int required, Err *e)
{
    if (!name || !*name) return required ? err_set(e, "a name is needed") : 0;
    int chars = 0;
    for (const char *p = name; *p;) {
        const char *at = p;
        unsigned c = text_utf8_next(&p);
        if (c == 0xFFFD && (p - at != 3 || memcmp(at, "\xEF\xBF\xBD", 3) != 0))
            return err_set(e, "the name is not valid UTF-8 text");
        if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return err_set(e, "the name has a control character");
        chars++;
    }
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

int participant_register(Store *s, const char *learner, const Registration *r, const char *facilitator,
                         char id[37], Err *e)
{
    static const char *const SQL =
        "INSERT INTO participant (id, learner_id, consent, name, community_id, birth_year, facilitator_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)";
    if (participant_check(r, e) < 0) return -1;
    if (store_record_begin(s, "participant", id, e) < 0) return -1;
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (!st) return store_record_finish(s, st, e);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, learner, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, r->consent != 0);
    if (r->consent) sqlite3_bind_text(st, 4, r->name, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, 4);
    if (r->community_id) sqlite3_bind_text(st, 5, r->community_id, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, 5);
    if (r->consent && r->birth_year) sqlite3_bind_int(st, 6, r->birth_year);
    else sqlite3_bind_null(st, 6);
    sqlite3_bind_text(st, 7, facilitator, -1, SQLITE_STATIC);
    return store_record_finish(s, st, e);
}
