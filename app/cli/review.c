/* review: the translation review round trip, for a network's own speakers, offline.
 *   pallayctl review-strings LANG [DIR] [--out FILE]   drafts (fuzzy) of LANG to a CSV sheet
 *   pallayctl apply-review SHEET [DIR]                  the filled-in sheet back into LANG's .po
 * The sheet's columns: key, the Spanish, the current LANG text (its header is the language
 * code), where the string is used, the picture it goes with, and "confirmed". A reviewer
 * corrects the LANG column where needed and writes "yes" in confirmed: those entries lose
 * their fuzzy flag; a corrected text without "yes" is kept, still as a draft. */
#include "cli.h"
#include "../base/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REFERENCE "es"      /* the language drafts are translated from */
#define MAX_FIELDS 8

/* Where key is used, and the picture that goes with it, found in the catalog. */
static void context_of(const Catalog *c, const char *key, char *where, size_t n, char *picture, size_t pn)
{
    where[0] = picture[0] = '\0';
    for (int m = 0; m < catalog_module_count(c); m++) {
        const Module *mod = catalog_module(c, m);
        if (strcmp(mod->title, key) == 0) { text_fmt(where, n, "module %s: title", mod->id); text_copy(picture, pn, mod->tile); return; }
        for (int s = 0; s < mod->nslides; s++)
            if (strcmp(mod->slides[s].key, key) == 0) {
                text_fmt(where, n, "module %s: slide %d of %d", mod->id, s + 1, mod->nslides);
                text_copy(picture, pn, mod->slides[s].picture);
                return;
            } else if (strcmp(mod->slides[s].nohelp, key) == 0) {
                text_fmt(where, n, "module %s: slide %d of %d, said while no help contacts are set", mod->id, s + 1, mod->nslides);
                text_copy(picture, pn, mod->slides[s].picture);
                return;
            }
        for (int q = 0; q < mod->nquestions; q++) {
            const Question *qu = &mod->questions[q];
            if (strcmp(qu->key, key) == 0) { text_fmt(where, n, "module %s: quiz question %d", mod->id, q + 1); return; }
            if (strcmp(qu->why, key) == 0) { text_fmt(where, n, "module %s: explanation after question %d", mod->id, q + 1); return; }
            for (int a = 0; a < qu->nanswers; a++)
                if (strcmp(qu->answers[a].key, key) == 0) {
                    text_fmt(where, n, "module %s: question %d, answer %d%s", mod->id, q + 1, a + 1, qu->answers[a].right ? " (the right one)" : "");
                    text_copy(picture, pn, qu->answers[a].picture);
                    return;
                }
        }
    }
    const Signs *sg = catalog_signs(c);
    for (int i = 0; i < sg->nsymbols; i++)
        if (strcmp(sg->symbols[i].key, key) == 0) { text_copy(where, n, "sign-in: a symbol's name"); text_copy(picture, pn, sg->symbols[i].picture); return; }
    for (int i = 0; i < sg->ncolours; i++)
        if (strcmp(sg->colours[i].key, key) == 0) { text_copy(where, n, "sign-in: a colour, said after the symbol"); return; }
    const Items *it = catalog_items(c);
    for (int i = 0; i < it->n; i++)
        if (strcmp(it->items[i].key, key) == 0) { text_copy(where, n, "protective equipment: an item's name"); text_copy(picture, pn, it->items[i].picture); return; }
    text_copy(where, n, strncmp(key, "fac.", 4) == 0 ? "facilitator screens" : "the kiosk's own screens");
}

int cmd_review_strings(int argc, char **argv)
{
    const char *lang = NULL, *dir = ".", *out = NULL;
    int ndir = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) out = argv[++i];
        else if (argv[i][0] == '-') { fprintf(stderr, "pallayctl: unknown option \"%s\"\n", argv[i]); return 2; }
        else if (!lang) lang = argv[i];
        else if (!ndir++) dir = argv[i];
        else return cli_extra(argv[i]);
    }
    if (!lang) { fprintf(stderr, "pallayctl: review-strings LANG [DIR] [--out FILE]\n"); return 2; }
    char buf[4][PALLAY_PATH_LEN], sheet[PALLAY_PATH_LEN];
    CatalogPaths paths;
    cli_content_paths(dir, NULL, buf, &paths);
    Catalog *c = catalog_load(&paths, NULL);
    int l = catalog_find_lang(c, lang), ref = catalog_find_lang(c, REFERENCE);
    if (l < 0 || ref < 0) {
        fprintf(stderr, "pallayctl: %s/%s.po: no such language\n", paths.locales, l < 0 ? lang : REFERENCE);
        catalog_unload(c);
        return 1;
    }
    text_fmt(sheet, sizeof sheet, "review-%s.csv", lang);
    if (!out) out = sheet;
    FILE *f = fopen(out, "w");
    if (!f) { perror(out); catalog_unload(c); return 1; }
    const Po *po = catalog_lang(c, l)->po;
    fprintf(f, "key,%s,%s,context,picture,confirmed\n", REFERENCE, lang);
    int n = 0;
    for (int i = 0; i < po_count(po); i++) {
        if (!po_fuzzy(po, i)) continue;
        const char *key = po_key(po, i), *es = catalog_text(c, ref, key);
        char where[160], picture[PALLAY_NAME_LEN], file[PALLAY_PATH_LEN] = "";
        context_of(c, key, where, sizeof where, picture, sizeof picture);
        if (picture[0]) text_fmt(file, sizeof file, "%s/pictures/%s.svg", paths.assets, picture);
        cli_csv(f, key, 0);
        cli_csv(f, es ? es : "", 0);
        cli_csv(f, po_text(po, i), 0);
        cli_csv(f, where, 0);
        cli_csv(f, file, 0);
        cli_csv(f, "", 1);
        printf("%s\t%s\n", key, where);
        n++;
    }
    int bad = fclose(f) != 0;
    printf("%d %s string%s await review: %s\n", n, lang, n == 1 ? "" : "s", out);
    catalog_unload(c);
    return bad;
}

/* Reads one CSV record (quoted fields may hold commas, quotes and line breaks) from *s.
 * Returns the number of fields, 0 at the end, -1 on a broken quote. */
static int csv_record(const char **s, char fields[MAX_FIELDS][PALLAY_TEXT_LEN * 2], int *line)
{
    const char *p = *s;
    if (!*p) return 0;
    int n = 0;
    for (;;) {
        char *out = n < MAX_FIELDS ? fields[n] : NULL;
        size_t len = 0, cap = PALLAY_TEXT_LEN * 2 - 1;
        if (*p == '"') {
            p++;
            for (;;) {
                if (!*p) return -1;
                if (*p == '"' && p[1] == '"') p++;
                else if (*p == '"') { p++; break; }
                if (*p == '\n') (*line)++;
                if (out && len < cap) out[len++] = *p;
                p++;
            }
        }
        while (*p && *p != ',' && *p != '\n' && *p != '\r') {
            if (out && len < cap) out[len++] = *p;
            p++;
        }
        if (out) {
            out[len] = '\0';
            cli_csv_unguard(out);
        }
        n++;
        if (*p == ',') { p++; continue; }
        while (*p == '\r') p++;
        if (*p == '\n') { p++; (*line)++; }
        break;
    }
    *s = p;
    return n;
}

/* A .po string literal for text: quotes, backslashes and line breaks escaped. */
static void po_quote(FILE *f, const char *text)
{
    fputc('"', f);
    for (const char *p = text; *p; p++) {
        if (*p == '"' || *p == '\\') fprintf(f, "\\%c", *p);
        else if (*p == '\n') fputs("\\n", f);
        else if (*p == '\t') fputs("\\t", f);
        else fputc(*p, f);
    }
    fputc('"', f);
}

typedef struct { char key[PALLAY_NAME_LEN]; char text[PALLAY_TEXT_LEN * 2]; int confirmed; int used; } Change;

/* Writes the .po at path again with the changes: new texts, and no fuzzy flag where confirmed.
 * Everything else (comments, order, other flags) stays as it was. Written to a temporary file
 * and renamed, so a power cut leaves the old file or the new one, never half of one. */
static int rewrite(const char *path, Change *ch, int nch)
{
    char *text = text_read_file(path, NULL);
    if (!text) { perror(path); return -1; }
    char tmp[PALLAY_PATH_LEN + 8];
    text_fmt(tmp, sizeof tmp, "%s.new", path);
    FILE *f = fopen(tmp, "w");
    if (!f) { perror(tmp); free(text); return -1; }
    /* Entries are blocks separated by blank lines: comments and flags, msgid, msgstr (+ continuations). */
    const char *p = text;
    char line[PALLAY_TEXT_LEN * 4];
    char block[64][PALLAY_TEXT_LEN * 4];
    int nb = 0, more = 1;
    while (more) {
        more = text_next_line(&p, line, sizeof line) != 0;
        int blank = !more || line[strspn(line, " \t\r")] == '\0';
        if (!blank && nb < 64) { text_copy(block[nb++], sizeof block[0], line); continue; }
        /* The end of a block: is it an entry with a change? */
        Change *c = NULL;
        for (int i = 0; i < nb && !c; i++) {
            char key[PALLAY_NAME_LEN];
            if (sscanf(block[i], "msgid \"%63[^\"]\"", key) == 1)
                for (int k = 0; k < nch; k++)
                    if (strcmp(ch[k].key, key) == 0) c = &ch[k];
        }
        int in_msgstr = 0;
        for (int i = 0; i < nb; i++) {
            const char *b = block[i];
            if (c && strncmp(b, "#,", 2) == 0 && strstr(b, "fuzzy") && c->confirmed) {
                /* Drop the fuzzy flag; keep any other flag on the line. */
                char rest[PALLAY_TEXT_LEN];
                int r = 0;
                const char *q = b + 2;
                while (*q) {
                    while (*q == ' ' || *q == ',') q++;
                    const char *end = q;
                    while (*end && *end != ',') end++;
                    while (end > q && end[-1] == ' ') end--;
                    if (end > q && !(end - q == 5 && strncmp(q, "fuzzy", 5) == 0))
                        r += snprintf(rest + r, sizeof rest - (size_t)r, "%s%.*s", r ? ", " : "", (int)(end - q), q);
                    while (*q && *q != ',') q++;
                }
                if (r) fprintf(f, "#, %s\n", rest);
                continue;
            }
            if (c && strncmp(b, "msgstr", 6) == 0) {
                fputs("msgstr ", f);
                po_quote(f, c->text);
                fputc('\n', f);
                in_msgstr = 1;
                c->used = 1;
                continue;
            }
            if (in_msgstr && b[0] == '"') continue;     /* the old text's continuation lines */
            in_msgstr = 0;
            fprintf(f, "%s\n", b);
        }
        nb = 0;
        if (more) fputc('\n', f);
    }
    free(text);
    if (fclose(f) != 0 || rename(tmp, path) != 0) { perror(path); remove(tmp); return -1; }
    return 0;
}

int cmd_apply_review(int argc, char **argv)
{
    if (argc < 1) { fprintf(stderr, "pallayctl: apply-review SHEET [DIR]\n"); return 2; }
    if (argc > 2) return cli_extra(argv[2]);
    const char *sheet = argv[0], *dir = argc > 1 ? argv[1] : ".";
    char *text = text_read_file(sheet, NULL);
    if (!text) { fprintf(stderr, "pallayctl: %s: cannot be read\n", sheet); return 1; }
    static char fields[MAX_FIELDS][PALLAY_TEXT_LEN * 2];
    const char *p = text;
    int line = 1, n = csv_record(&p, fields, &line);
    char lang[16];
    if (n < 6 || strcmp(fields[0], "key") != 0 || text_copy(lang, sizeof lang, fields[2]) < 0) {
        fprintf(stderr, "pallayctl: %s:1: not a review sheet (key,es,LANG,context,picture,confirmed)\n", sheet);
        free(text);
        return 1;
    }
    char buf[4][PALLAY_PATH_LEN];
    CatalogPaths paths;
    cli_content_paths(dir, NULL, buf, &paths);
    Catalog *c = catalog_load(&paths, NULL);
    int l = catalog_find_lang(c, lang), rc = 0, nch = 0, confirmed = 0, changed = 0;
    Change *ch = xcalloc(PALLAY_MAX_STRINGS, sizeof *ch);
    if (l < 0) { fprintf(stderr, "pallayctl: %s:1: no language \"%s\" in %s\n", sheet, lang, paths.locales); rc = 1; goto done; }
    const Po *po = catalog_lang(c, l)->po;
    for (;;) {
        int at = line;
        n = csv_record(&p, fields, &line);
        if (n == 0) break;
        if (n < 0) { fprintf(stderr, "pallayctl: %s:%d: a quote is not closed\n", sheet, at); rc = 1; goto done; }
        if (n == 1 && !fields[0][0]) continue;
        int i = n >= 6 ? po_index(po, fields[0]) : -1;
        if (i < 0) { fprintf(stderr, "pallayctl: %s:%d: \"%.40s\" is not a string of %s\n", sheet, at, fields[0], lang); rc = 1; continue; }
        const char *yes = fields[5];
        int ok = !strcasecmp(yes, "yes") || !strcasecmp(yes, "si") || !strcasecmp(yes, "s\xc3\xad") || !strcasecmp(yes, "x") ||
                 !strcasecmp(yes, "ari") || !strcasecmp(yes, "ar\xc3\xad");
        int edited = strcmp(fields[2], po_text(po, i)) != 0;
        if (!fields[2][0]) { fprintf(stderr, "pallayctl: %s:%d: \"%s\" has no text\n", sheet, at, fields[0]); rc = 1; continue; }
        if (!ok && !edited) continue;
        Change *x = &ch[nch++];
        text_copy(x->key, sizeof x->key, fields[0]);
        text_copy(x->text, sizeof x->text, fields[2]);
        x->confirmed = ok;
        confirmed += ok;
        changed += edited;
    }
    if (rc == 0 && nch && rewrite(catalog_lang(c, l)->file, ch, nch) < 0) rc = 1;
    if (rc == 0) printf("%s: %d confirmed, %d corrected, from %s\n", catalog_lang(c, l)->file, confirmed, changed, sheet);
    else fprintf(stderr, "pallayctl: %s: nothing written: fix the lines above first\n", catalog_lang(c, l) ? sheet : sheet);
done:
    free(ch);
    free(text);
    catalog_unload(c);
    return rc;
}
