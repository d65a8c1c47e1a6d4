/* signs: the signs.list format, one directive per line, "#" starts a comment.
 *   symbol ID PICTURE KEY      a picture a learner can take as her sign, and its spoken name
 *   colour ID RRGGBB KEY       a colour the symbols come in, and its spoken name */
#include "signs.h"
#include "../base/text.h"

#include <stdlib.h>
#include <string.h>

static int ids_ok(char **w, int n, const char *file, int line, Report *r)
{
    for (int i = 1; i < n; i++)
        if (!(i == 2 && strcmp(w[0], "colour") == 0) && !text_is_id(w[i])) {
            report(r, file, line, "\"%.40s\" is not a valid name (use a-z 0-9 . _ -)", w[i]);
            return 0;
        }
    return 1;
}

static int parse_rgb(const char *hex, Colour *c)
{
    /* Six hex digits and nothing else: strtol alone would take "-00001", "+FFFFF" or "0x1234". */
    if (strlen(hex) != 6 || strspn(hex, "0123456789abcdefABCDEF") != 6) return -1;
    long v = strtol(hex, NULL, 16);
    c->r = (unsigned char)(v >> 16);
    c->g = (unsigned char)(v >> 8);
    c->b = (unsigned char)v;
    return 0;
}

int signs_parse(Signs *s, const char *text, const char *file, Report *r)
{
    memset(s, 0, sizeof *s);
    text_copy(s->file, sizeof s->file, file);
    const char *p = text;
    char line[512];
    int got, lineno = 0, extra_symbols = 0, extra_colours = 0, extra_line = 0;
    while ((got = text_next_line(&p, line, sizeof line)) != 0) {
        lineno++;
        if (got < 0) { report(r, file, lineno, "line longer than %d bytes: left out", (int)sizeof line - 1); continue; }
        char *w[5];
        int n = text_split(line, w, 4);
        if (n == 0) continue;
        int symbol = strcmp(w[0], "symbol") == 0, colour = strcmp(w[0], "colour") == 0;
        if (!symbol && !colour) { report(r, file, lineno, "unknown directive \"%.40s\"", w[0]); continue; }
        if (n != 4) { report(r, file, lineno, "\"%s\" takes an id, %s and a text key", w[0], symbol ? "a picture" : "RRGGBB"); continue; }
        if (!ids_ok(w, n, file, lineno, r)) continue;
        if ((symbol ? signs_symbol(s, w[1]) : signs_colour(s, w[1])) >= 0) {
            report(r, file, lineno, "%s \"%s\" is listed twice", w[0], w[1]);
            continue;
        }
        if (symbol) {
            if (s->nsymbols == PALLAY_MAX_SIGNS) { if (!extra_symbols++ && !extra_colours) extra_line = lineno; continue; }
            Symbol *y = &s->symbols[s->nsymbols++];
            text_copy(y->id, sizeof y->id, w[1]);
            text_copy(y->picture, sizeof y->picture, w[2]);
            text_copy(y->key, sizeof y->key, w[3]);
            y->line = lineno;
        } else {
            if (s->ncolours == PALLAY_MAX_COLOURS) { if (!extra_colours++ && !extra_symbols) extra_line = lineno; continue; }
            Colour *c = &s->colours[s->ncolours];
            if (parse_rgb(w[2], c) < 0) { report(r, file, lineno, "\"%.40s\" is not a colour (RRGGBB)", w[2]); continue; }
            text_copy(c->id, sizeof c->id, w[1]);
            text_copy(c->key, sizeof c->key, w[3]);
            c->line = lineno;
            s->ncolours++;
        }
    }
    /* Said once with the count, not once a line: a long list must not bury the other messages. */
    if (extra_symbols) report(r, file, extra_line, "more than %d symbols: %d left out", PALLAY_MAX_SIGNS, extra_symbols);
    if (extra_colours) report(r, file, extra_line, "more than %d colours: %d left out", PALLAY_MAX_COLOURS, extra_colours);
    if (s->nsymbols == 0) report(r, file, 0, "no \"symbol\" line");
    if (s->ncolours == 0) report(r, file, 0, "no \"colour\" line");
    return s->nsymbols && s->ncolours ? 0 : -1;
}

int signs_load(Signs *s, const char *path, Report *r)
{
    char *text = text_file_exists(path) ? text_read_text(path, r) : NULL;
    if (!text) {
        memset(s, 0, sizeof *s);
        report(r, path, 0, "cannot be read: learners cannot sign in (guests only)");
        return -1;
    }
    int rc = signs_parse(s, text, path, r);
    free(text);
    return rc;
}

int signs_symbol(const Signs *s, const char *id)
{
    for (int i = 0; i < s->nsymbols; i++)
        if (strcmp(s->symbols[i].id, id) == 0) return i;
    return -1;
}

int signs_colour(const Signs *s, const char *id)
{
    for (int i = 0; i < s->ncolours; i++)
        if (strcmp(s->colours[i].id, id) == 0) return i;
    return -1;
}
