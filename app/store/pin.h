/* pin: the facilitator PIN. Stored only as an Argon2id hash (libsodium crypto_pwhash_str);
 * every try is logged, wrong ones make the next try wait longer, and PALLAY_PIN_TRIES wrong in
 * a row lock the PIN for PALLAY_PIN_LOCK_S seconds, across restarts.
 * A 4-digit PIN is only 10,000 guesses: the lockout, not the hash, is what protects it. */
#ifndef PALLAY_PIN_H
#define PALLAY_PIN_H

#include "../config.h"
#include "store.h"

typedef struct {
    char id[37];
    char name[PALLAY_TEXT_LEN];
} Facilitator;

typedef enum {
    PIN_OK,         /* right: *out is the facilitator */
    PIN_WRONG,      /* wrong; *wait_ms is how long before the next try */
    PIN_WAIT,       /* too soon after a wrong one: not even checked; *wait_ms to go */
    PIN_LOCKED,     /* locked after too many wrong ones; *wait_ms to go */
    PIN_UNSET,      /* no PIN has been set yet */
    PIN_ERROR,      /* the database failed (e says why) */
} PinResult;

/* 1 if a PIN is set, 0 if not, -1 on failure. */
int pin_is_set(Store *s, Err *e);
/* Sets the PIN (4 to 8 digits) for a facilitator with this name (a new facilitator record).
 * -1 (with e, nothing changed) if the PIN or name is not acceptable or on failure. */
int pin_set(Store *s, const char *name, const char *pin, Facilitator *out, Err *e);
/* Checks a PIN entered at time now (unix milliseconds, pin_now_ms). The waits are counted in
 * milliseconds too. */
PinResult pin_check(Store *s, const char *pin, long long now_ms, int *wait_ms, Facilitator *out, Err *e);
/* The wall clock in unix milliseconds. */
long long pin_now_ms(void);
/* Whole seconds to say for a wait of ms milliseconds (rounded up: "wait 1 s", never "wait 0 s"). */
#define PIN_SECONDS(ms) (((ms) + 999) / 1000)
/* Seconds to wait before the n-th wrong PIN in a row may be followed by another try. */
int pin_delay(int wrong_in_a_row);

#endif
