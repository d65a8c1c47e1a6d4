/* settings: one table of keys serves the file and the flags. */
#include "settings.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { KIND_PATH, KIND_BOOL, KIND_INT, KIND_SECONDS, KIND_LANG, KIND_TEXT, KIND_AGE_KEY, KIND_MINISIGN_KEY } Kind;
#define FIELD(f) offsetof(Settings, f)

static const struct { const char *key; Kind kind; size_t off; const char *help; } KEYS[] = {
    { "assets", KIND_PATH, FIELD(assets), "folder of modules/, pictures/, voice/ (recorded narration)" },
    { "locales", KIND_PATH, FIELD(locales), "folder of the .po files, one per language" },
    { "generated", KIND_PATH, FIELD(generated), "folder the content build writes (pictures, generated voice)" },
    { "db", KIND_PATH, FIELD(db), "SQLite database file" },
    { "recordings", KIND_PATH, FIELD(recordings), "folder of voices recorded on this kiosk (<lang>/<key>.ogg)" },
    { "font", KIND_PATH, FIELD(font), "TrueType font" },
    { "trace", KIND_PATH, FIELD(trace), "write a trace of every step to this file" },
    { "script", KIND_PATH, FIELD(script), "run a script of input events (tests, demo, bench)" },
    { "lang", KIND_LANG, FIELD(lang), "start in this language (es, quy)" },
    { "help_contacts", KIND_TEXT, FIELD(help), "where the network's women get help (numbers, places), shown on the help slide" },
    { "machine_id", KIND_PATH, FIELD(machine_id), "file naming this machine (a kiosk copied to another one gets a new identity)" },
    { "network_recipient", KIND_AGE_KEY, FIELD(network_recipient), "the network's age public key (age1...): records leave encrypted to it" },
    { "content_key", KIND_MINISIGN_KEY, FIELD(content_key), "the network's minisign public key (RW...) that signs content updates" },
    { "fullscreen", KIND_BOOL, FIELD(fullscreen), "1: fill the screen (kiosk mode)" },
    { "width", KIND_INT, FIELD(width), "window width when not fullscreen" },
    { "height", KIND_INT, FIELD(height), "window height when not fullscreen" },
    { "software", KIND_BOOL, FIELD(software), "1: use SDL's software renderer" },
    { "signout", KIND_SECONDS, FIELD(signout), "seconds without a touch before a learner is signed out" },
    { "facilitator_timeout", KIND_SECONDS, FIELD(facilitator_timeout), "seconds without a touch before facilitator mode closes" },
    { "pin_setup", KIND_BOOL, FIELD(pin_setup), "1: on a first start without a facilitator PIN, ask for one" },
    { "secret_hold", KIND_INT, FIELD(secret_hold), "milliseconds to hold the hidden top-right corner that opens the PIN pad" },
};
#define NKEYS (int)(sizeof KEYS / sizeof *KEYS)

void settings_defaults(Settings *s)
{
    memset(s, 0, sizeof *s);
    text_copy(s->assets, sizeof s->assets, PALLAY_DEFAULT_ASSETS);
    text_copy(s->locales, sizeof s->locales, PALLAY_DEFAULT_LOCALES);
    text_copy(s->generated, sizeof s->generated, PALLAY_DEFAULT_GENERATED);
    text_copy(s->db, sizeof s->db, PALLAY_DEFAULT_DB);
    text_copy(s->recordings, sizeof s->recordings, PALLAY_DEFAULT_RECORDINGS);
    text_copy(s->font, sizeof s->font, PALLAY_DEFAULT_FONT);
    text_copy(s->machine_id, sizeof s->machine_id, PALLAY_DEFAULT_MACHINE_ID);
    s->width = PALLAY_DEFAULT_W;
    s->height = PALLAY_DEFAULT_H;
    s->signout = PALLAY_SIGNOUT_S;
    s->facilitator_timeout = PALLAY_FACILITATOR_S;
    s->pin_setup = 1;
    s->secret_hold = PALLAY_SECRET_MS;
}

int settings_set(Settings *s, const char *key, const char *value, Err *e)
{
    for (int i = 0; i < NKEYS; i++) {
        if (strcmp(KEYS[i].key, key) != 0) continue;
        void *f = (char *)s + KEYS[i].off;
        char *end;
        long v;
        switch (KEYS[i].kind) {
        case KIND_PATH:
            if (text_copy(f, PALLAY_PATH_LEN, value) < 0) return err_set(e, "%s: path too long", key);
            return 0;
        case KIND_LANG:
            if (text_copy(f, 16, value) < 0) return err_set(e, "%s: not a language code", key);
            return 0;
        case KIND_TEXT:
            if (text_copy(f, PALLAY_ERR_LEN, value) < 0) return err_set(e, "%s: longer than %d bytes", key, PALLAY_ERR_LEN - 1);
            return 0;
        case KIND_AGE_KEY:
        case KIND_MINISIGN_KEY: {
            /* How each kind of key starts: a key pasted into the wrong line is caught at start. */
            const char *prefix = KEYS[i].kind == KIND_AGE_KEY ? "age1" : "RW";
            if (strncmp(value, prefix, strlen(prefix)) != 0 || strchr(value, ' '))
                return err_set(e, "%s: expected a key starting %s, got \"%.20s\"", key, prefix, value);
            if (text_copy(f, PALLAY_ERR_LEN, value) < 0) return err_set(e, "%s: longer than %d bytes", key, PALLAY_ERR_LEN - 1);
            return 0;
        }
        case KIND_BOOL:
            if (strcmp(value, "1") && strcmp(value, "0") && strcmp(value, "yes") && strcmp(value, "no"))
                return err_set(e, "%s: expected 1 or 0, got \"%s\"", key, value);
            *(int *)f = value[0] == '1' || value[0] == 'y';
            return 0;
        case KIND_INT:
            v = strtol(value, &end, 10);
            if (*end || v < 100 || v > 10000) return err_set(e, "%s: expected a number from 100 to 10000, got \"%s\"", key, value);
            *(int *)f = (int)v;
            return 0;
        case KIND_SECONDS:
            v = strtol(value, &end, 10);
            if (*end || end == value || v < 1 || v > 86400) return err_set(e, "%s: expected seconds (1 to 86400), got \"%s\"", key, value);
            *(int *)f = (int)v;
            return 0;
        }
    }
    return err_set(e, "unknown setting \"%s\"", key);
}

int settings_load_file(Settings *s, const char *path, Err *e)
{
    char *text = text_read_file(path, NULL);
    if (!text) return 0;
    int lineno = 0, rc = 0;
    for (char *line = text, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        lineno++;
        char *w[4];
        char *eq = strchr(line, '=');
        if (eq) *eq++ = '\0';
        int n = text_split(line, w, 2);
        if (n == 0 && !eq) continue;
        Err sub;
        /* The value is the rest of the line, trimmed: a text setting may have spaces ("#" still ends it). */
        char *value = eq;
        if (value) {
            char *hash = strchr(value, '#');
            if (hash) *hash = '\0';
            while (*value == ' ' || *value == '\t') value++;
            size_t len = strlen(value);
            while (len && (value[len - 1] == ' ' || value[len - 1] == '\t' || value[len - 1] == '\r')) value[--len] = '\0';
        }
        if (n != 1 || !value || !*value) { rc = err_set(e, "%s:%d: expected \"key = value\"", path, lineno); break; }
        if (settings_set(s, w[0], value, &sub) < 0) { rc = err_set(e, "%s:%d: %s", path, lineno, sub.msg); break; }
    }
    free(text);
    return rc;
}

int settings_parse_args(Settings *s, int argc, char **argv, Err *e)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) != 0) return err_set(e, "unexpected argument \"%s\"", a);
        a += 2;
        if (strcmp(a, "fullscreen") == 0 || strcmp(a, "software") == 0) {
            if (settings_set(s, a, "1", e) < 0) return -1;
            continue;
        }
        if (strcmp(a, "windowed") == 0) { s->fullscreen = 0; continue; }
        if (i + 1 >= argc) return err_set(e, "--%s needs a value", a);
        const char *v = argv[++i];
        if (strcmp(a, "config") == 0) {
            if (i != 2) return err_set(e, "--config must come first");
            if (!text_file_exists(v)) return err_set(e, "%s: no such settings file", v);
            if (settings_load_file(s, v, e) < 0) return -1;
        } else if (strcmp(a, "size") == 0) {
            int w, h;
            char extra;
            if (sscanf(v, "%dx%d%c", &w, &h, &extra) != 2) return err_set(e, "--size: expected WxH, got \"%s\"", v);
            char buf[16];
            snprintf(buf, sizeof buf, "%d", w);
            if (settings_set(s, "width", buf, e) < 0) return -1;
            snprintf(buf, sizeof buf, "%d", h);
            if (settings_set(s, "height", buf, e) < 0) return -1;
        } else if (settings_set(s, a, v, e) < 0) {
            return -1;
        }
    }
    return 0;
}

void settings_usage(FILE *out)
{
    fputs("usage: pallay [--config FILE] [--fullscreen] [--size WxH] [--KEY VALUE]...\n"
          "Settings (also \"key = value\" lines in pallay.conf):\n", out);
    for (int i = 0; i < NKEYS; i++) fprintf(out, "  --%-11s %s\n", KEYS[i].key, KEYS[i].help);
}
