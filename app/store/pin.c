/* pin: hashing with libsodium, tries and lockout in the pin_try table. */
#include "pin.h"
#include "people.h"
#include "store_db.h"
#include "../base/text.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

/* Argon2id costs for a small board: about 16 MiB and a fraction of a second, per check. */
#define PIN_OPSLIMIT 3
#define PIN_MEMLIMIT (16u << 20)

long long pin_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int pin_delay(int wrong)
{
    if (wrong <= 0) return 0;
    if (wrong >= PALLAY_PIN_TRIES) return PALLAY_PIN_LOCK_S;
    return 1 << (wrong - 1);    /* 1, 2, 4, 8 seconds */
}

static int valid_pin(const char *pin, Err *e)
{
    size_t n = strlen(pin);
    if (n < PALLAY_PIN_MIN || n > PALLAY_PIN_MAX)
        return err_set(e, "a PIN has %d to %d digits", PALLAY_PIN_MIN, PALLAY_PIN_MAX);
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9') return err_set(e, "a PIN has only digits");
    return 0;
}

int pin_is_set(Store *s, Err *e)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FROM pin", e);
    if (!st) return -1;
    if (sqlite3_step(st) != SQLITE_ROW) return store_fail_stmt(s, st, e);
    int set = sqlite3_column_int(st, 0) > 0;
    store_done(st);
    return set;
}

int pin_set(Store *s, const char *name, const char *pin, Facilitator *out, Err *e)
{
    static const char *const ADD_FACILITATOR = "INSERT INTO facilitator (id, name) VALUES (?, ?)";
    static const char *const ADD_PIN = "INSERT INTO pin (facilitator_id, hash, set_at) VALUES (?, ?, ?)";
    if (valid_pin(pin, e) < 0 || people_check_name(name, 1, e) < 0) return -1;
    char hash[crypto_pwhash_STRBYTES];
    if (sodium_init() < 0) return err_set(e, "libsodium cannot start");
    if (crypto_pwhash_str_alg(hash, pin, strlen(pin), PIN_OPSLIMIT, PIN_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return err_set(e, "not enough memory to hash the PIN");
    if (store_record_begin(s, "facilitator", out->id, e) < 0) return -1;
    sqlite3_stmt *st = store_stmt(s, ADD_FACILITATOR, e);
    if (!st) goto fail;
    sqlite3_bind_text(st, 1, out->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) { store_fail(s, e); goto fail; }
    if (!(st = store_stmt(s, ADD_PIN, e))) goto fail;
    sqlite3_bind_text(st, 1, out->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)time(NULL));
    if (sqlite3_step(st) != SQLITE_DONE) { store_fail(s, e); goto fail; }
    if (store_record_commit(s, e) < 0) return -1;
    text_copy(out->name, sizeof out->name, name);
    return 0;
fail:
    store_done(st);
    store_record_abort(s);
    return -1;
}

/* Wrong tries since the last right one, and when the last of them was (milliseconds; a try logged
 * before at_ms existed counts from the start of its second). */
static int wrong_in_a_row(Store *s, long long *last, Err *e)
{
    static const char *const SQL =
        "SELECT count(*), coalesce(max(coalesce(at_ms, at * 1000)), 0) FROM pin_try"
        " WHERE ok = 0 AND id > coalesce((SELECT max(id) FROM pin_try WHERE ok = 1), 0)";
    sqlite3_stmt *st = store_stmt(s, SQL, e);
    if (!st) return -1;
    if (sqlite3_step(st) != SQLITE_ROW) return store_fail_stmt(s, st, e);
    *last = sqlite3_column_int64(st, 1);
    int wrong = sqlite3_column_int(st, 0);
    store_done(st);
    return wrong;
}

/* Its own short write transaction, after the hash was checked outside any transaction. */
static int log_try(Store *s, int ok, long long now, Err *e)
{
    if (store_write_begin(s, e) < 0) return -1;
    sqlite3_stmt *st = store_stmt(s, "INSERT INTO pin_try (ok, at, at_ms) VALUES (?, ?, ?)", e);
    if (st) {
        sqlite3_bind_int(st, 1, ok);
        sqlite3_bind_int64(st, 2, now / 1000);
        sqlite3_bind_int64(st, 3, now);
    }
    return store_record_finish(s, st, e);
}

PinResult pin_check(Store *s, const char *pin, long long now, int *wait_ms, Facilitator *out, Err *e)
{
    static const char *const CURRENT =
        "SELECT p.hash, f.id, f.name FROM pin p JOIN facilitator f ON f.id = p.facilitator_id ORDER BY p.id DESC LIMIT 1";
    *wait_ms = 0;
    long long last = 0;
    int wrong = wrong_in_a_row(s, &last, e);
    if (wrong < 0) return PIN_ERROR;
    /* Counted in milliseconds: in whole seconds, "wait 1 s" after a wrong PIN at 12:00:00.9 would
     * let the next try in at 12:00:01.0. A clock that went back must not stretch the wait: count
     * from now at the latest. */
    long long since = now >= last ? now - last : 0, delay = pin_delay(wrong) * 1000LL;
    if (wrong > 0 && since < delay) {
        *wait_ms = (int)(delay - since);
        return wrong >= PALLAY_PIN_TRIES ? PIN_LOCKED : PIN_WAIT;
    }
    sqlite3_stmt *st = store_stmt(s, CURRENT, e);
    if (!st) return PIN_ERROR;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) { store_done(st); return PIN_UNSET; }
    if (rc != SQLITE_ROW) { store_fail_stmt(s, st, e); return PIN_ERROR; }
    char hash[crypto_pwhash_STRBYTES];
    text_copy(hash, sizeof hash, (const char *)sqlite3_column_text(st, 0));
    text_copy(out->id, sizeof out->id, (const char *)sqlite3_column_text(st, 1));
    text_copy(out->name, sizeof out->name, (const char *)sqlite3_column_text(st, 2));
    /* Argon2id takes a fraction of a second: no read or write transaction stays open meanwhile,
     * so the other program's saves go on, and ours cannot find its snapshot stale. */
    store_done(st);
    if (sodium_init() < 0) { sodium_memzero(hash, sizeof hash); err_set(e, "libsodium cannot start"); return PIN_ERROR; }
    int ok = crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
    sodium_memzero(hash, sizeof hash);
    if (log_try(s, ok, now, e) < 0) return PIN_ERROR;
    if (ok) return PIN_OK;
    memset(out, 0, sizeof *out);
    *wait_ms = pin_delay(wrong + 1) * 1000;
    return wrong + 1 >= PALLAY_PIN_TRIES ? PIN_LOCKED : PIN_WRONG;
}
