/* settings: one table of keys serves the file and the flags. */
#include "settings.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { KIND_PATH, KIND_BOOL, KIND_INT, KIND_SECONDS, KIND_LANG, KIND_TEXT, KIND_AGE_KEY, KIND_MINISIGN_KEY, KIND_MB } Kind;
#define FIELD(f) offsetof(Settings, f)

/* What each kind of value looks like in --help. */
static const char *const PLACEHOLDER[] = { "PATH", "1|0", "N", "SECONDS", "CODE", "TEXT", "age1...", "RW...", "MB" };

/* A bad line in pallay.conf leaves that setting at its default, so a typo never keeps a kiosk in
 * a camp down. One setting is the exception (unsafe = 1): with "db" unreadable, the default file
 * would start a second, partial record book beside the real one, which the reports and the
 * coordinators would not see; the kiosk refuses to start instead. */
static const struct { const char *key; Kind kind; size_t off; int unsafe; const char *help; } KEYS[] = {
    { "assets", KIND_PATH, FIELD(assets), 0, "folder of modules/, pictures/, voice/ (recorded narration)" },
    { "locales", KIND_PATH, FIELD(locales), 0, "folder of the .po files, one per language" },
    { "generated", KIND_PATH, FIELD(generated), 0, "folder the content build writes (pictures, generated voice)" },
    { "db", KIND_PATH, FIELD(db), 1, "SQLite database file (a bad value in pallay.conf stops the kiosk)" },
    { "recordings", KIND_PATH, FIELD(recordings), 0, "folder of voices recorded on this kiosk (<lang>/<key>.ogg)" },
    { "font", KIND_PATH, FIELD(font), 0, "TrueType font" },
    { "trace", KIND_PATH, FIELD(trace), 0, "write a trace of every step to this file" },
    { "script", KIND_PATH, FIELD(script), 0, "run a script of input events (tests, demo, bench)" },
    { "lang", KIND_LANG, FIELD(lang), 0, "start in this language (es, quy)" },
    { "facilitator_lang", KIND_LANG, FIELD(facilitator_lang), 0, "the language of facilitator mode, whatever the last learner chose (default es)" },
    { "help_contacts", KIND_TEXT, FIELD(help), 0, "where the network's women get help (numbers, places), shown on the help slide; "
      "default: Peru's national lines; empty: none" },
    { "network_name", KIND_TEXT, FIELD(network_name), 0, "the network's name, printed on course certificates (pallayctl certificate)" },
    { "machine_id", KIND_PATH, FIELD(machine_id), 0, "file naming this machine (a kiosk copied to another one gets a new identity)" },
    { "network_recipient", KIND_AGE_KEY, FIELD(network_recipient), 0, "the network's age public key (age1...): records leave encrypted to it" },
    { "usb_roots", KIND_PATH, FIELD(usb_roots), 0, "folders USB sticks are mounted under, separated by ':' (records are written to "
      "pallay/outbox/ on a stick that appears there)" },
    { "content_key", KIND_MINISIGN_KEY, FIELD(content_key), 0, "the network's minisign public key (RW...) that signs content updates" },
    { "content_dir", KIND_PATH, FIELD(content_dir), 0, "folder content packs are installed in (its current/ holds assets/, locales/, "
      "generated/); unset: the shipped course only" },
    { "pack_max_mb", KIND_MB, FIELD(pack_max_mb), 0, "largest content pack, in megabytes" },
    { "pack_file_max_mb", KIND_MB, FIELD(pack_file_max_mb), 0, "largest file in a content pack, in megabytes" },
    { "sync_url", KIND_PATH, FIELD(sync_url), 0, "the network's WebDAV folder (https://.../pallay/): records are uploaded there "
      "whenever it can be reached" },
    { "sync_user", KIND_PATH, FIELD(sync_user), 0, "the user name for sync_url" },
    { "sync_password_file", KIND_PATH, FIELD(sync_password_file), 0, "a file holding the password for sync_url, readable by the "
      "kiosk's user only" },
    { "sync_insecure_http", KIND_BOOL, FIELD(sync_insecure_http), 0, "1: allow plain http to sync_url on another machine (the password "
      "travels in clear)" },
    { "sync_backoff_min", KIND_SECONDS, FIELD(sync_backoff_min), 0, "seconds before the first retry after a network fault (doubling)" },
    { "sync_backoff_max", KIND_SECONDS, FIELD(sync_backoff_max), 0, "the longest wait between retries after network faults" },
    { "fullscreen", KIND_BOOL, FIELD(fullscreen), 0, "1: fill the screen (kiosk mode)" },
    { "width", KIND_INT, FIELD(width), 0, "window width when not fullscreen" },
    { "height", KIND_INT, FIELD(height), 0, "window height when not fullscreen" },
    { "software", KIND_BOOL, FIELD(software), 0, "1: use SDL's software renderer" },
    { "signout", KIND_SECONDS, FIELD(signout), 0, "seconds without a touch before a learner is signed out" },
    { "facilitator_timeout", KIND_SECONDS, FIELD(facilitator_timeout), 0, "seconds without a touch before facilitator mode closes" },
    { "pin_setup", KIND_BOOL, FIELD(pin_setup), 0, "1: on a first start without a facilitator PIN, ask for one" },
    { "secret_hold", KIND_INT, FIELD(secret_hold), 0, "milliseconds to hold the hidden top-right corner that opens the PIN pad" },
};
#define NKEYS (int)(sizeof KEYS / sizeof *KEYS)

static int lang_code_ok(const char *v)
{
    int n = 0;
    while (v[n] >= 'a' && v[n] <= 'z') n++;
    if (n < 2 || n > 3) return 0;
    if (!v[n]) return 1;
    if (v[n] != '_' || strlen(v + n) != 3) return 0;
    return v[n + 1] >= 'A' && v[n + 1] <= 'Z' && v[n + 2] >= 'A' && v[n + 2] <= 'Z';
}

static int is_text_key(const char *key)
{
    for (int i = 0; i < NKEYS; i++)
        if (strcmp(KEYS[i].key, key) == 0) return KEYS[i].kind == KIND_TEXT;
    return 0;
}

void settings_defaults(Settings *s)
{
    memset(s, 0, sizeof *s);
    text_copy(s->assets, sizeof s->assets, PALLAY_DEFAULT_ASSETS);
    text_copy(s->locales, sizeof s->locales, PALLAY_DEFAULT_LOCALES);
    text_copy(s->generated, sizeof s->generated, PALLAY_DEFAULT_GENERATED);
    text_copy(s->db, sizeof s->db, PALLAY_DEFAULT_DB);
    text_copy(s->recordings, sizeof s->recordings, PALLAY_DEFAULT_RECORDINGS);
    text_copy(s->font, sizeof s->font, PALLAY_DEFAULT_FONT);
    text_copy(s->help, sizeof s->help, PALLAY_DEFAULT_HELP);
    text_copy(s->network_name, sizeof s->network_name, PALLAY_DEFAULT_NETWORK_NAME);
    text_copy(s->facilitator_lang, sizeof s->facilitator_lang, PALLAY_DEFAULT_FACILITATOR_LANG);
    text_copy(s->machine_id, sizeof s->machine_id, PALLAY_DEFAULT_MACHINE_ID);
    text_copy(s->usb_roots, sizeof s->usb_roots, PALLAY_DEFAULT_USB_ROOTS);
    s->width = PALLAY_DEFAULT_W;
    s->height = PALLAY_DEFAULT_H;
    s->signout = PALLAY_SIGNOUT_S;
    s->facilitator_timeout = PALLAY_FACILITATOR_S;
    s->pin_setup = 1;
    s->secret_hold = PALLAY_SECRET_MS;
    s->sync_backoff_min = PALLAY_SYNC_BACKOFF_MIN;
    s->pack_max_mb = PALLAY_PACK_MAX_MB;
    s->pack_file_max_mb = PALLAY_PACK_FILE_MAX_MB;
    s->sync_backoff_max = PALLAY_SYNC_BACKOFF_MAX;
}

int settings_set(Settings *s, const char *key, const char *value, Err *e)
{
    for (int i = 0; i < NKEYS; i++) {
        if (strcmp(KEYS[i].key, key) != 0) continue;
        void *f = (char *)s + KEYS[i].off;
        char *end;
        long v;
        Err why;
        switch (KEYS[i].kind) {
        case KIND_PATH:
            if (text_copy(f, PALLAY_PATH_LEN, value) < 0) return err_set(e, "%s: path too long", key);
            return 0;
        case KIND_LANG:
            /* The name of a .po file: two or three small letters (es, quy), maybe a region (es_PE).
             * Whether the course has that language is the kiosk's check (settings_check_lang). */
            if (!lang_code_ok(value)) return err_set(e, "%s: \"%.20s\" is not a language code (es, quy)", key, value);
            text_copy(f, 16, value);
            return 0;
        case KIND_TEXT:
            if (strlen(value) >= PALLAY_ERR_LEN) return err_set(e, "%s: longer than %d bytes", key, PALLAY_ERR_LEN - 1);
            if (text_check(value, &why) < 0) return err_set(e, "%s: %s: refused", key, why.msg);
            text_copy(f, PALLAY_ERR_LEN, value);
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
        case KIND_MB:
            v = strtol(value, &end, 10);
            if (*end || end == value || v < 1 || v > 65536) return err_set(e, "%s: expected megabytes (1 to 65536), got \"%s\"", key, value);
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

int settings_load_file(Settings *s, const char *path, Report *r)
{
    if (!text_file_exists(path)) return 0;
    char *text = text_read_text(path, r);
    if (!text) return 0;
    int lineno = 0, rc = 0;
    const char *p = text;
    char line[4096];   /* longer than any good line: a path too long is still read, and refused by name */
    for (int got; (got = text_next_line(&p, line, sizeof line)) != 0;) {
        lineno++;
        if (got < 0) { report(r, path, lineno, "line longer than %d bytes: left out", (int)sizeof line - 1); continue; }
        char *w[4];
        /* "#" starts a comment anywhere, also in a commented-out setting ("# lang = quy"). */
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        char *eq = strchr(line, '=');
        if (eq) *eq++ = '\0';
        int n = text_split(line, w, 2);
        if (n == 0 && !eq) continue;
        /* The value is the rest of the line, trimmed: a text setting may have spaces. */
        char *value = eq;
        if (value) {
            while (*value == ' ' || *value == '\t') value++;
            size_t len = strlen(value);
            while (len && (value[len - 1] == ' ' || value[len - 1] == '\t' || value[len - 1] == '\r')) value[--len] = '\0';
        }
        if (n != 1 || !value) {
            report(r, path, lineno, "expected \"key = value\": line left out");
            continue;
        }
        Err sub;
        /* Only a text setting may be set empty on purpose ("help_contacts =": no contacts at all). */
        if (!*value && !is_text_key(w[0])) err_set(&sub, "\"%s\" needs a value", w[0]);
        else if (settings_set(s, w[0], value, &sub) == 0) continue;
        int k = 0;
        while (k < NKEYS && strcmp(KEYS[k].key, w[0]) != 0) k++;
        if (k < NKEYS && KEYS[k].unsafe) {
            report(r, path, lineno, "%s; the kiosk cannot start without a good \"%s\"", sub.msg, w[0]);
            rc = -1;
        } else {
            report(r, path, lineno, "%s; %s", sub.msg, k < NKEYS ? "using the default" : "line left out");
        }
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
        if (strcmp(a, "fullscreen") == 0 || strcmp(a, "software") == 0 || strcmp(a, "pin_setup") == 0) {
            /* A yes/no flag alone means yes; "--fullscreen 1" and "--fullscreen 0" work as well. */
            const char *v = "1";
            if (i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0) v = argv[++i];
            if (settings_set(s, a, v, e) < 0) return -1;
            continue;
        }
        if (strcmp(a, "windowed") == 0) { s->fullscreen = 0; continue; }
        if (i + 1 >= argc) return err_set(e, "--%s needs a value", a);
        const char *v = argv[++i];
        if (strcmp(a, "config") == 0) {
            if (!text_file_exists(v)) return err_set(e, "%s: no such settings file", v);
            /* main() has read it before any flag (settings_config_path): every flag overrides it. */
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

const char *settings_config_path(int argc, char **argv)
{
    for (int i = 1; i + 1 < argc; i++)
        if (strcmp(argv[i], "--config") == 0) return argv[i + 1];
    return "pallay.conf";
}

void settings_usage(FILE *out)
{
    fputs("usage: pallay [--config FILE] [--KEY VALUE]...\n"
          "  --config FILE         read FILE instead of ./pallay.conf; flags override it\n"
          "  --size WxH            window size when not fullscreen, as --width W --height H\n"
          "  --windowed            the same as --fullscreen 0\n"
          "Settings, as flags (--KEY VALUE) or as \"key = value\" lines in pallay.conf; a yes/no\n"
          "flag alone means 1 (--fullscreen is --fullscreen 1):\n", out);
    for (int i = 0; i < NKEYS; i++) {
        char flag[48];
        snprintf(flag, sizeof flag, "--%s %s", KEYS[i].key, PLACEHOLDER[KEYS[i].kind]);
        fprintf(out, "  %-21s %s\n", flag, KEYS[i].help);
    }
}
