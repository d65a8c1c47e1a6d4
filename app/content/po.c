/* po: a small reader for the gettext .po format: comments, "#, fuzzy" flags, msgid/msgstr pairs
 * with continued strings and the escapes gettext accepts. Pallay uses neither plural forms nor
 * contexts: entries with msgid_plural or msgctxt are read past and left out, with one note per
 * file; obsolete entries ("#~") are comments. */
#include "po.h"
#include "../base/err.h"
#include "../base/text.h"
#include "../config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *key, *text;
    int line, fuzzy;
} Entry;

struct Po {
    Entry *e;
    int n;
    Entry **sorted; /* entries sorted by key, for lookup */
    char *header;   /* msgstr of the "" entry */
};

/* A growable byte buffer for one string being read. */
typedef struct { char *s; size_t n, cap; } Buf;

static void buf_put(Buf *b, char c)
{
    if (b->n + 2 > b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->s = realloc(b->s, b->cap);
        expect(b->s != NULL);
    }
    b->s[b->n++] = c;
    b->s[b->n] = '\0';
}

/* Appends the quoted string starting at p (at the opening quote) to b. Returns 0, or -1 if malformed. */
static int read_quoted(const char *p, Buf *b)
{
    if (*p != '"') return -1;
    for (p++; *p && *p != '"'; p++) {
        if (*p != '\\') { buf_put(b, *p); continue; }
        p++;
        switch (*p) {
        case 'n': buf_put(b, '\n'); break;
        case 't': buf_put(b, '\t'); break;
        case 'r': buf_put(b, '\r'); break;
        case 'a': buf_put(b, '\a'); break;
        case 'b': buf_put(b, '\b'); break;
        case 'f': buf_put(b, '\f'); break;
        case 'v': buf_put(b, '\v'); break;
        case '"': buf_put(b, '"'); break;
        case '\'': buf_put(b, '\''); break;
        case '?': buf_put(b, '?'); break;
        case '\\': buf_put(b, '\\'); break;
        case 'x': {
            int v = 0, n = 0;
            while (n < 2 && isxdigit((unsigned char)p[1])) { p++; v = v * 16 + (isdigit((unsigned char)*p) ? *p - '0' : (tolower((unsigned char)*p) - 'a' + 10)); n++; }
            if (!n || !v) return -1;
            buf_put(b, (char)v);
            break;
        }
        default:
            if (*p >= '0' && *p <= '7') {
                int v = *p - '0';
                for (int n = 1; n < 3 && p[1] >= '0' && p[1] <= '7'; n++) v = v * 8 + (*++p - '0');
                if (!v || v > 255) return -1;   /* a NUL would end the text */
                buf_put(b, (char)v);
                break;
            }
            return -1;
        }
    }
    if (*p != '"') return -1;
    for (p++; *p == ' ' || *p == '\t' || *p == '\r'; p++) {}
    return *p ? -1 : 0;
}

static int cmp_key(const void *a, const void *b)
{
    return strcmp((*(Entry *const *)a)->key, (*(Entry *const *)b)->key);
}

static int find(const Po *po, const char *key)
{
    int lo = 0, hi = po->n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2, c = strcmp(po->sorted[mid]->key, key);
        if (c == 0) return (int)(po->sorted[mid] - po->e);
        if (c < 0) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
}

typedef enum { IN_NONE, IN_ID, IN_STR, IN_SKIP } State;

/* Parser state for one file. */
typedef struct {
    Po *po;
    const char *file;
    Report *r;
    Buf id, str;
    int has_id, has_str, line, fuzzy, next_fuzzy, bad;
    int context, next_context;      /* this entry, the next one, has a msgctxt */
    int plural;                     /* this entry has msgid_plural */
    int plurals, contexts, extra, extra_line;  /* counted, and said once at the end */
} Parser;

/* The byte offset of the first invalid UTF-8 sequence in s, or -1 if it is all valid. */
static int bad_utf8(const char *s)
{
    for (const char *p = s; *p;) {
        const char *at = p;
        unsigned c = text_utf8_next(&p);
        if (c == 0xFFFD && !(at[0] == '\xEF' && at[1] == '\xBF' && at[2] == '\xBD')) return (int)(at - s);
    }
    return -1;
}

static void finish_entry(Parser *p)
{
    if (!p->has_id) goto reset;
    if (p->bad) goto reset;
    if (p->plural) { p->plurals++; goto reset; }
    if (p->context) { p->contexts++; goto reset; }
    int at = bad_utf8(p->str.s);
    if (at >= 0 || bad_utf8(p->id.s) >= 0) {
        /* It would show as "?" and be spoken wrong: msgfmt --check refuses it too. */
        report(p->r, p->file, p->line, "\"%.40s\": the %s is not valid UTF-8 (byte %d): left out", p->id.s,
               at >= 0 ? "msgstr" : "msgid", at >= 0 ? at + 1 : bad_utf8(p->id.s) + 1);
        goto reset;
    }
    if (!p->has_str) { report(p->r, p->file, p->line, "msgid \"%s\" has no msgstr", p->id.s); goto reset; }
    if (p->id.n == 0) {
        if (!p->po->header) p->po->header = xstrdup(p->str.s);
        goto reset;
    }
    if (p->str.n == 0) {
        report(p->r, p->file, p->line, "\"%s\" has an empty msgstr", p->id.s);
        goto reset;
    }
    if (p->po->n >= PALLAY_MAX_STRINGS) {
        if (!p->extra++) p->extra_line = p->line;
        goto reset;
    }
    for (int i = 0; i < p->po->n; i++)
        if (strcmp(p->po->e[i].key, p->id.s) == 0) {
            report(p->r, p->file, p->line, "\"%s\" is defined twice (first at line %d)", p->id.s, p->po->e[i].line);
            goto reset;
        }
    Entry *e = &p->po->e[p->po->n++];
    e->key = xstrdup(p->id.s);
    e->text = xstrdup(p->str.s);
    e->line = p->line;
    e->fuzzy = p->fuzzy;
reset:
    p->id.n = p->str.n = 0;
    p->id.s[0] = p->str.s[0] = '\0';
    p->has_id = p->has_str = p->bad = 0;
    p->fuzzy = p->plural = p->context = 0;
}

Po *po_parse(const char *text, const char *file, Report *r)
{
    Po *po = xcalloc(1, sizeof *po);
    po->e = xcalloc(PALLAY_MAX_STRINGS, sizeof *po->e);
    Parser p = { .po = po, .file = file, .r = r };
    buf_put(&p.id, 'x');  /* both buffers exist from here on, empty */
    buf_put(&p.str, 'x');
    p.id.n = p.str.n = 0;
    p.id.s[0] = p.str.s[0] = '\0';
    State st = IN_NONE;
    int lineno = 0;
    const char *s = text;
    char line[4096];

    int got;
    while ((got = text_next_line(&s, line, sizeof line)) != 0) {
        lineno++;
        if (got < 0) {
            report(r, file, lineno, "line too long");
            p.bad = 1;
            continue;
        }

        char *l = line;
        while (*l == ' ' || *l == '\t') l++;
        if (*l == '\0' || *l == '\r') continue;
        if (*l == '#') {
            /* Flags belong to the entry that follows; when that is an obsolete one ("#~"),
             * they end with it and must not reach the next live entry. */
            if (l[1] == '~') p.next_fuzzy = p.next_context = 0;
            else if (l[1] == ',' && strstr(l, "fuzzy")) p.next_fuzzy = 1;
            if (l[1] == '~' && st != IN_NONE) { finish_entry(&p); st = IN_NONE; }
            continue;
        }
        if (strncmp(l, "msgctxt ", 8) == 0) {
            /* A context starts the next entry: the one before it is complete. */
            finish_entry(&p);
            p.next_context = 1;
            st = IN_SKIP;
        } else if (strncmp(l, "msgid ", 6) == 0) {
            finish_entry(&p);
            p.has_id = 1;
            p.line = lineno;
            p.fuzzy = p.next_fuzzy;
            p.context = p.next_context;
            p.next_fuzzy = p.next_context = 0;
            st = IN_ID;
            if (read_quoted(l + 6, &p.id) < 0) { report(r, file, lineno, "malformed string after msgid"); p.bad = 1; }
        } else if (strncmp(l, "msgstr ", 7) == 0 && st == IN_ID) {
            p.has_str = 1;
            st = IN_STR;
            if (read_quoted(l + 7, &p.str) < 0) { report(r, file, lineno, "malformed string after msgstr"); p.bad = 1; }
        } else if (*l == '"' && st == IN_SKIP) {
            continue;   /* the rest of a context or of a plural form */
        } else if (*l == '"' && st != IN_NONE) {
            if (read_quoted(l, st == IN_ID ? &p.id : &p.str) < 0) { report(r, file, lineno, "malformed continued string"); p.bad = 1; }
        } else if ((strncmp(l, "msgid_plural ", 13) == 0 && st == IN_ID) || (strncmp(l, "msgstr[", 7) == 0 && p.plural)) {
            p.plural = p.has_str = 1;
            st = IN_SKIP;
        } else {
            report(r, file, lineno, "unexpected text: %.40s", l);
            p.bad = 1;
            st = IN_NONE;
        }
    }
    finish_entry(&p);
    free(p.id.s);
    free(p.str.s);
    if (p.plurals)
        report(r, file, 0, "%d entr%s with plural forms left out (Pallay does not use them)", p.plurals, p.plurals == 1 ? "y" : "ies");
    if (p.contexts)
        report(r, file, 0, "%d entr%s with a context (msgctxt) left out (Pallay does not use them)", p.contexts,
               p.contexts == 1 ? "y" : "ies");
    if (p.extra) report(r, file, p.extra_line, "more than %d entries: %d left out, from this line on", PALLAY_MAX_STRINGS, p.extra);

    po->sorted = xcalloc((size_t)po->n, sizeof *po->sorted);
    for (int i = 0; i < po->n; i++) po->sorted[i] = &po->e[i];
    qsort(po->sorted, (size_t)po->n, sizeof *po->sorted, cmp_key);
    return po;
}

Po *po_load(const char *path, Report *r)
{
    char *text = text_read_text(path, r);
    if (!text) return NULL;
    Po *po = po_parse(text, path, r);
    free(text);
    return po;
}

void po_unload(Po *po)
{
    if (!po) return;
    for (int i = 0; i < po->n; i++) { free(po->e[i].key); free(po->e[i].text); }
    free(po->e);
    free(po->sorted);
    free(po->header);
    free(po);
}

const char *po_get(const Po *po, const char *key)
{
    int i = find(po, key);
    return i < 0 ? NULL : po->e[i].text;
}

int po_index(const Po *po, const char *key) { return find(po, key); }

int po_line(const Po *po, const char *key)
{
    int i = find(po, key);
    return i < 0 ? 0 : po->e[i].line;
}

int po_header(const Po *po, const char *field, char *value, size_t size)
{
    /* The header is the msgstr of the "" entry: lines of "Field: value\n". */
    if (!po->header) return -1;
    size_t fl = strlen(field);
    for (const char *l = po->header; *l; ) {
        const char *end = strchr(l, '\n');
        size_t len = end ? (size_t)(end - l) : strlen(l);
        if (len > fl + 1 && strncmp(l, field, fl) == 0 && l[fl] == ':') {
            const char *v = l + fl + 1;
            while (*v == ' ') v++;
            size_t vl = len - (size_t)(v - l);
            if (vl >= size) return -1;
            memcpy(value, v, vl);
            value[vl] = '\0';
            return 0;
        }
        l += len + (end ? 1 : 0);
    }
    return -1;
}

int po_count(const Po *po) { return po->n; }
const char *po_key(const Po *po, int i) { return po->e[i].key; }
const char *po_text(const Po *po, int i) { return po->e[i].text; }
int po_fuzzy(const Po *po, int i) { return po->e[i].fuzzy; }
