/* test_facilitation: the facilitator's records. The PIN is kept only as an Argon2id hash and
 * locks after five wrong tries, across restarts; names are checked the same way everywhere and
 * stored byte for byte; without consent no name is ever kept; workshops, attendance and
 * equipment are append-only records like the learners'. */
#include "check.h"
#include "fixtures.h"
#include "store/people.h"
#include "store/pin.h"
#include "store/records.h"
#include "store/schema.h"
#include "store/store.h"
#include "store/workshops.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[] = "/tmp/pallay-facilitation-XXXXXX";

static char *path_in(const char *name)
{
    static char p[PALLAY_PATH_LEN];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return p;
}

/* The first column of the first row of sql, as text ("" if none), read with SQLite directly. */
static const char *sql_text(const char *db, const char *sql)
{
    static char out[1024];
    sqlite3 *h;
    sqlite3_stmt *st;
    out[0] = '\0';
    if (sqlite3_open(db, &h) == SQLITE_OK && sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
            snprintf(out, sizeof out, "%s", (const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    sqlite3_close(h);
    return out;
}

static const char *RESULT[] = { "OK", "WRONG", "WAIT", "LOCKED", "UNSET", "ERROR" };

/* A try at now_ms (unix milliseconds); want_wait_ms -1 for any wait. */
static void check_pin_ms(const char *name, Store *s, const char *pin, long long now_ms, PinResult want, int want_wait_ms)
{
    int wait = -1;
    Facilitator f;
    Err e = { "" };
    PinResult got = pin_check(s, pin, now_ms, &wait, &f, &e);
    CHECK_GOT(name, got == want && (want_wait_ms < 0 || wait == want_wait_ms), check_name("%s, wait %d ms", RESULT[want], want_wait_ms),
              "%s, wait %d ms %s", RESULT[got], wait, e.msg);
}

/* The same at a whole second, with the wait in seconds. */
static void check_pin(const char *name, Store *s, const char *pin, long long now, PinResult want, int want_wait)
{
    check_pin_ms(name, s, pin, now * 1000, want, want_wait < 0 ? -1 : want_wait * 1000);
}

static void test_pin(void)
{
    const char *db = path_in("pin.db");
    Err e;
    Store *s = store_open(db, &e);
    CHECK_INT("a new kiosk has no PIN", pin_is_set(s, &e), 0);
    check_pin("a PIN tried before one is set is refused as unset", s, "1234", 1000, PIN_UNSET, 0);
    Facilitator f;
    CHECK_INT("a PIN of three digits is refused", pin_set(s, "Rosa", "123", &f, &e), -1);
    CHECK_INT("a PIN with a letter is refused", pin_set(s, "Rosa", "12a4", &f, &e), -1);
    CHECK_INT("a PIN of nine digits is refused", pin_set(s, "Rosa", "123456789", &f, &e), -1);
    CHECK_INT("a PIN without a facilitator name is refused", pin_set(s, "", "2580", &f, &e), -1);
    CHECK_INT("a PIN of four digits is set", pin_set(s, "Rosa Quispe", "2580", &f, &e), 0);
    CHECK_INT("now a PIN is set", pin_is_set(s, &e), 1);
    const char *hash = sql_text(db, "SELECT hash FROM pin");
    CHECK_GOT("the PIN is kept as an Argon2id hash", strncmp(hash, "$argon2id$", 10) == 0, "$argon2id$...", "\"%.20s\"", hash);
    CHECK_GOT("the PIN itself is nowhere in the hash", !strstr(hash, "2580"), "no 2580", "\"%s\"", hash);

    long long t = 1800000000;
    check_pin("the right PIN opens", s, "2580", t, PIN_OK, 0);
    check_pin("a wrong PIN is refused; the next try waits 1 s", s, "1111", t, PIN_WRONG, 1);
    check_pin("a try too soon is not even checked", s, "2580", t, PIN_WAIT, 1);
    check_pin("the second wrong PIN makes the wait 2 s", s, "1111", t + 1, PIN_WRONG, 2);
    check_pin("the third, 4 s", s, "1111", t + 3, PIN_WRONG, 4);
    check_pin("the fourth, 8 s", s, "1111", t + 7, PIN_WRONG, 8);
    check_pin("the fifth wrong PIN in a row locks it for 300 s", s, "1111", t + 15, PIN_LOCKED, PALLAY_PIN_LOCK_S);
    check_pin("while locked even the right PIN is refused", s, "2580", t + 100, PIN_LOCKED, PALLAY_PIN_LOCK_S - 85);
    store_close(s);
    s = store_open(db, &e);
    check_pin("the lock survives a restart", s, "2580", t + 200, PIN_LOCKED, PALLAY_PIN_LOCK_S - 185);
    check_pin("after the lock the right PIN opens", s, "2580", t + 15 + PALLAY_PIN_LOCK_S, PIN_OK, 0);
    check_pin("and the count of wrong tries starts again", s, "1111", t + 400, PIN_WRONG, 1);
    CHECK_STR("the facilitator is known by the PIN", (pin_check(s, "2580", (t + 500) * 1000, &(int){ 0 }, &f, &e), f.name), "Rosa Quispe");
    Facilitator g;
    pin_set(s, "Juana", "97531", &g, &e);
    check_pin("a new PIN replaces the old one", s, "2580", t + 600, PIN_WRONG, 1);
    check_pin("the new PIN opens", s, "97531", t + 700, PIN_OK, 0);
    /* The wait is counted in milliseconds: a wrong PIN at .900 s says "wait 1 s", and the right
     * one 0.27 s later (in the next second) must still wait, 730 ms more. */
    long long ms = (t + 800) * 1000 + 900;
    check_pin_ms("a wrong PIN late in a second makes the next try wait 1000 ms", s, "1111", ms, PIN_WRONG, 1000);
    check_pin_ms("the right PIN 0.27 s later, in the next second, still waits 730 ms", s, "97531", ms + 270, PIN_WAIT, 730);
    check_pin_ms("and opens once the whole second has passed", s, "97531", ms + 1000, PIN_OK, 0);
    CHECK_INT("a wait of 1 ms is said as 1 s, of 1000 ms as 1 s, of 1001 ms as 2 s",
              PIN_SECONDS(1) * 100 + PIN_SECONDS(1000) * 10 + PIN_SECONDS(1001), 112);
    store_close(s);
    CHECK_STR("every try is logged", sql_text(db, "SELECT count(*) || ' ' || sum(ok) FROM pin_try"), "13 5");
    CHECK_STR("with its millisecond", sql_text(db, "SELECT at_ms % 1000 FROM pin_try WHERE ok = 0 ORDER BY id DESC LIMIT 1"), "900");
}

static void test_names(void)
{
    Err e;
    static const struct { const char *what, *name; int ok; } cases[] = {
        { "a Spanish name with ñ and accents", "Ñusta Huamaní Pérez", 1 },
        { "a Quechua name with an apostrophe", "Q'orianka Ch'ullu", 1 },
        { "a newline", "Rosa\nQuispe", 0 },
        { "a tab", "Rosa\tQuispe", 0 },
        { "an escape character", "Rosa\x1b[31m", 0 },
        { "bytes that are not UTF-8", "Rosa \xff\xfe", 0 },
        { "a C1 control character", "Rosa \xc2\x85", 0 },
        { "only spaces", "   ", 0 },
        { "only no-break and ideographic spaces", "\xc2\xa0\xe3\x80\x80", 0 },
        { "a right-to-left override (U+202E)", "Rosa \xe2\x80\xae" "epsiuQ", 0 },
        { "a left-to-right embedding (U+202A)", "\xe2\x80\xaaRosa", 0 },
        { "a first-strong isolate (U+2068)", "Rosa \xe2\x81\xa8Quispe", 0 },
        { "a pop directional isolate (U+2069)", "Rosa\xe2\x81\xa9", 0 },
        { "a zero-width space (U+200B)", "Ro\xe2\x80\x8bsa", 0 },
        { "a zero-width joiner (U+200D)", "Ro\xe2\x80\x8dsa", 0 },
        { "a byte-order mark (U+FEFF)", "\xef\xbb\xbfRosa", 0 },
        { "a word joiner (U+2060)", "Ro\xe2\x81\xa0sa", 0 },
        { "a name with spaces between words", "  Rosa  Quispe ", 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        CHECK_INT(check_name("%s is %s", cases[i].what, cases[i].ok ? "accepted" : "refused"),
                  people_check_name(cases[i].name, 1, &e), cases[i].ok ? 0 : -1);
    char longest[PALLAY_TEXT_LEN + 8] = "";
    for (int i = 0; i < PALLAY_NAME_CHARS; i++) strcat(longest, "\xc3\xb1");  /* ñ: two bytes, one character */
    CHECK_INT("80 characters (160 bytes of ñ) are accepted", people_check_name(longest, 1, &e), 0);
    strcat(longest, "x");
    CHECK_INT("81 characters are refused", people_check_name(longest, 1, &e), -1);
    CHECK_GOT("the refusal says how long a name may be", contains(e.msg, "80 characters"), "\"80 characters\"", "\"%s\"", e.msg);
    CHECK_INT("an empty name is refused where one is needed", people_check_name("", 1, &e), -1);
    CHECK_INT("an empty name is accepted where none is needed", people_check_name("", 0, &e), 0);
}

static void test_participants_and_workshops(void)
{
    const char *db = path_in("people.db");
    Err e;
    Store *s = store_open(db, &e);
    Facilitator f;
    pin_set(s, "Rosa", "2580", &f, &e);
    char community[37], id[37], workshop[37];
    CHECK_INT("a community is added", community_add(s, "Santa Filomena", community, &e), 0);
    CHECK_INT("the same community twice is refused", community_add(s, "Santa Filomena", id, &e), -1);
    Learner a, b, c;
    records_add_learner(s, "llama", "red", &a, &e);
    records_add_learner(s, "sun", "blue", &b, &e);
    records_add_learner(s, "moon", "green", &c, &e);
    const char *tricky = "Ana'); DROP TABLE learner; -- \"Ñusta\" 100% \\ _";
    Registration yes = { 1, tricky, community, 1985 };
    CHECK_INT("a registration with consent is kept", participant_register(s, a.id, &yes, f.id, id, &e), 0);
    Registration no_name = { 1, "", community, 0 };
    CHECK_INT("consent without a name is refused", participant_register(s, b.id, &no_name, f.id, id, &e), -1);
    Registration named_no = { 0, "Rosa", NULL, 0 };
    CHECK_INT("a name without consent is refused", participant_register(s, b.id, &named_no, f.id, id, &e), -1);
    CHECK_GOT("the refusal says why", contains(e.msg, "consent"), "\"consent\"", "\"%s\"", e.msg);
    Registration year_no = { 0, NULL, community, 1990 };
    CHECK_INT("a year of birth without consent is refused", participant_register(s, b.id, &year_no, f.id, id, &e), -1);
    Registration no = { 0, NULL, community, 0 };
    CHECK_INT("no consent and no name is kept", participant_register(s, b.id, &no, f.id, id, &e), 0);
    Registration future = { 1, "Lucía", NULL, 2999 };
    CHECK_INT("a year of birth in the future is refused", participant_register(s, c.id, &future, f.id, id, &e), -1);

    CHECK_INT("no workshop is open at first", workshop_current(s, workshop, &e), 0);
    CHECK_INT("a workshop opens", workshop_open(s, community, f.id, 1800000000, "ppe,lift", workshop, &e), 0);
    char current[37] = "";
    workshop_current(s, current, &e);
    CHECK_STR("it is the current workshop", current, workshop);
    CHECK_INT("she is marked present", attendance_mark(s, workshop, a.id, id, &e), 0);
    CHECK_INT("marking her twice is refused", attendance_mark(s, workshop, a.id, id, &e), -1);
    CHECK_INT("another woman is marked present", attendance_mark(s, workshop, b.id, id, &e), 0);
    Delivery d = { a.id, "gloves", 0, "M", f.id, workshop };
    CHECK_INT("a quantity of 0 is refused", ppe_deliver(s, &d, id, &e), -1);
    d.quantity = 51;
    CHECK_INT("a quantity of 51 is refused", ppe_deliver(s, &d, id, &e), -1);
    d.quantity = 50;
    CHECK_INT("a quantity of 50 is kept", ppe_deliver(s, &d, id, &e), 0);
    d.quantity = 1;
    d.item = "../belt";
    CHECK_INT("an item that is not a name is refused", ppe_deliver(s, &d, id, &e), -1);
    d.item = "belt";
    ppe_deliver(s, &d, id, &e);
    char void_id[37];
    CHECK_INT("a mistaken delivery is voided with a reason", records_void(s, id, "wrong woman", void_id, &e), 0);
    CHECK_INT("the workshop closes", workshop_close(s, workshop, id, &e), 0);
    CHECK_INT("a closed workshop cannot close again", workshop_close(s, workshop, id, &e), -1);
    CHECK_INT("nobody can be marked present in a closed workshop", attendance_mark(s, workshop, c.id, id, &e), -1);
    CHECK_INT("no workshop is open after closing", workshop_current(s, current, &e), 0);
    store_close(s);

    CHECK_STR("a name with SQL and quotes is stored byte for byte",
              sql_text(db, "SELECT name FROM person"), tricky);
    CHECK_STR("the registration record itself keeps no name or year",
              sql_text(db, "SELECT count(*) FROM participant WHERE name IS NOT NULL OR birth_year IS NOT NULL"), "0");
    CHECK_STR("the learners are all still there", sql_text(db, "SELECT count(*) FROM learner"), "3");
    CHECK_STR("without consent the name and year are empty",
              sql_text(db, "SELECT coalesce(name, 'null') || ' ' || coalesce(birth_year, 'null') FROM participant WHERE consent = 0"), "null null");
    CHECK_STR("the voided delivery is still in the database",
              sql_text(db, "SELECT count(*) FROM ppe_delivery WHERE id IN (SELECT target_id FROM void)"), "1");
    CHECK_STR("every delivery names its facilitator and workshop",
              sql_text(db, "SELECT count(*) FROM ppe_delivery WHERE facilitator_id IS NULL OR workshop_id IS NULL"), "0");
    char msg[256] = "";
    sqlite3 *h;
    char *m = NULL;
    sqlite3_open(db, &h);
    int rc = sqlite3_exec(h, "UPDATE ppe_delivery SET quantity = 2", NULL, NULL, &m);
    snprintf(msg, sizeof msg, "%s", m ? m : "");
    sqlite3_free(m);
    sqlite3_close(h);
    CHECK_GOT("a delivery cannot be changed in place", rc != SQLITE_OK && contains(msg, "append-only"), "refused", "rc %d %s", rc, msg);
}

/* A database made by the previous Pallay (schema 2) is brought up to date, keeping its learners. */
static void test_migration(void)
{
    const char *db = path_in("old.db");
    sqlite3 *h;
    sqlite3_open(db, &h);
    for (int v = 0; v < 2; v++) sqlite3_exec(h, SCHEMA_MIGRATIONS[v], NULL, NULL, NULL);
    sqlite3_exec(h, "PRAGMA user_version = 2;"
                    "INSERT INTO kiosk VALUES ('k', 1);"
                    "INSERT INTO record VALUES ('r1', 'k', 1, 'learner', 1800000000, 1);"
                    "INSERT INTO learner VALUES ('r1', 'llama', 'red');", NULL, NULL, NULL);
    sqlite3_close(h);
    Err e;
    Store *s = store_open(db, &e);
    CHECK_GOT("a schema-2 database opens", s != NULL, "a store", "%s", e.msg);
    if (!s) return;
    CHECK_INT("and is brought to the current schema", store_schema_version(s), SCHEMA_VERSION);
    Learner l;
    CHECK_INT("its learner is still found by her sign", records_find_learner(s, "llama", "red", &l, &e), 1);
    Learner n;
    records_add_learner(s, "sun", "red", &n, &e);
    store_close(s);
    CHECK_STR("new records go on from its sequence", sql_text(db, "SELECT max(seq) FROM record"), "2");
}

int main(void)
{
    if (!mkdtemp(dir)) { perror(dir); return 2; }
    test_pin();
    test_names();
    test_participants_and_workshops();
    test_migration();
    char cmd[PALLAY_PATH_LEN + 16];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return check_done();
}
