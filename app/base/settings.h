/* settings: where the kiosk finds things and how it shows itself. Defaults from config.h,
 * then a "key = value" file (pallay.conf), then command-line flags, each overriding the last. */
#ifndef PALLAY_SETTINGS_H
#define PALLAY_SETTINGS_H

#include "../config.h"
#include "err.h"
#include "report.h"

#include <stdio.h>

typedef struct {
    char assets[PALLAY_PATH_LEN], locales[PALLAY_PATH_LEN], generated[PALLAY_PATH_LEN];
    char db[PALLAY_PATH_LEN], font[PALLAY_PATH_LEN], recordings[PALLAY_PATH_LEN];
    char trace[PALLAY_PATH_LEN], script[PALLAY_PATH_LEN];
    char lang[16];          /* start in this language, skipping the choice ("" = ask) */
    char facilitator_lang[16];  /* facilitator screens always speak this language, whatever the last learner chose */
    char help[PALLAY_ERR_LEN];  /* the network's help contacts, shown on the help slide (default: Peru's
                                 * national lines; "" = a network set none on purpose) */
    char network_name[PALLAY_ERR_LEN];  /* printed on the course certificates a coordinator makes */
    char machine_id[PALLAY_PATH_LEN];           /* the file that tells this machine from a copy of its card */
    char network_recipient[PALLAY_ERR_LEN];     /* age1...: records leave encrypted to it ("" = they cannot leave) */
    char content_key[PALLAY_ERR_LEN];           /* RW...: the network's minisign key that signs content */
    char content_dir[PALLAY_PATH_LEN];          /* where content packs are installed ("" = the shipped course only) */
    int pack_max_mb, pack_file_max_mb;          /* size limits of a content pack: in all, and of one file */
    char usb_roots[PALLAY_PATH_LEN];            /* where USB sticks are mounted: "/media:/run/media" */
    char sync_url[PALLAY_PATH_LEN];             /* the network's WebDAV folder ("" = records leave on sticks only) */
    char sync_user[PALLAY_PATH_LEN], sync_password_file[PALLAY_PATH_LEN];
    int sync_insecure_http;     /* plain http to a host other than this one is allowed */
    int sync_backoff_min, sync_backoff_max;     /* seconds between tries after a fault */
    int fullscreen, width, height, software;
    int signout;            /* seconds without a touch before a learner is signed out */
    int facilitator_timeout;  /* seconds without a touch before facilitator mode closes */
    int pin_setup;          /* on a first start without a facilitator PIN, ask for one */
    int secret_hold;        /* milliseconds to hold the hidden corner that opens the PIN pad */
} Settings;

void settings_defaults(Settings *s);
/* Reads a settings file. A missing file is not an error (returns 0 and changes nothing). Every
 * problem (unknown key, bad value) is reported to r with file and line, and that setting keeps its
 * default. Returns -1 only if a setting whose default is unsafe (db) is bad: do not start then. */
int settings_load_file(Settings *s, const char *path, Report *r);
/* The settings file: FILE of a --config FILE flag, else pallay.conf in the working folder. */
const char *settings_config_path(int argc, char **argv);
/* Applies one "key" / "value" pair, the same keys as the file. -1 (with e) if unknown or bad. */
int settings_set(Settings *s, const char *key, const char *value, Err *e);
/* Applies command-line flags ("--fullscreen", "--fullscreen 0", "--script FILE", "--size 800x480",
 * ...). "--config FILE" is read by the caller first (settings_config_path), wherever it stands.
 * -1 (with e) on an unknown flag or a bad value: a person typed it and is there to read why. */
int settings_parse_args(Settings *s, int argc, char **argv, Err *e);
/* Prints the flags and settings keys. */
void settings_usage(FILE *out);

#endif
