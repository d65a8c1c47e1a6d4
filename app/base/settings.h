/* settings: where the kiosk finds things and how it shows itself. Defaults from config.h,
 * then a "key = value" file (pallay.conf), then command-line flags, each overriding the last. */
#ifndef PALLAY_SETTINGS_H
#define PALLAY_SETTINGS_H

#include "../config.h"
#include "err.h"

#include <stdio.h>

typedef struct {
    char assets[PALLAY_PATH_LEN], locales[PALLAY_PATH_LEN], generated[PALLAY_PATH_LEN];
    char db[PALLAY_PATH_LEN], font[PALLAY_PATH_LEN], recordings[PALLAY_PATH_LEN];
    char trace[PALLAY_PATH_LEN], script[PALLAY_PATH_LEN];
    char lang[16];          /* start in this language, skipping the choice ("" = ask) */
    char help[PALLAY_ERR_LEN];  /* the network's help contacts, shown on the help slide ("" = none set) */
    char machine_id[PALLAY_PATH_LEN];           /* the file that tells this machine from a copy of its card */
    char network_recipient[PALLAY_ERR_LEN];     /* age1...: records leave encrypted to it ("" = they cannot leave) */
    char content_key[PALLAY_ERR_LEN];           /* RW...: the network's minisign key that signs content */
    int fullscreen, width, height, software;
    int signout;            /* seconds without a touch before a learner is signed out */
    int facilitator_timeout;  /* seconds without a touch before facilitator mode closes */
    int pin_setup;          /* on a first start without a facilitator PIN, ask for one */
    int secret_hold;        /* milliseconds to hold the hidden corner that opens the PIN pad */
} Settings;

void settings_defaults(Settings *s);
/* Reads a settings file. A missing file is not an error (returns 0 and changes nothing);
 * an unknown key or bad value is (-1 with e naming file and line). */
int settings_load_file(Settings *s, const char *path, Err *e);
/* Applies one "key" / "value" pair, the same keys as the file. -1 (with e) if unknown or bad. */
int settings_set(Settings *s, const char *key, const char *value, Err *e);
/* Applies command-line flags ("--fullscreen", "--script FILE", "--size 800x480", ...). The
 * flag "--config FILE" must come first if given. -1 (with e) on an unknown flag. */
int settings_parse_args(Settings *s, int argc, char **argv, Err *e);
/* Prints the flags and settings keys. */
void settings_usage(FILE *out);

#endif
