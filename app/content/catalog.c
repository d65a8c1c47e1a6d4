/* catalog: loads locales and modules and cross-checks them. */
#include "catalog.h"
#include "../base/err.h"
#include "../base/text.h"
#include "uikeys.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

struct Catalog {
    CatalogPaths paths;
    char assets[PALLAY_PATH_LEN], locales[PALLAY_PATH_LEN], generated[PALLAY_PATH_LEN], recordings[PALLAY_PATH_LEN];
    Language langs[PALLAY_MAX_LANGS];
    int nlangs;
    Module *modules;    /* PALLAY_MAX_MODULES of them */
    int nmodules;
    Signs signs;
    Items items;
    Report *r;
    int extra_langs, extra_modules;     /* files over the limits, said once each with the count */
};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int catalog_list_dir(const char *dir, const char *suffix, void (*fn)(const char *, const char *, void *), void *ud)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    char *names[256];
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)) && n < 256)
        if (de->d_name[0] != '.' && text_ends_with(de->d_name, suffix)) names[n++] = xstrdup(de->d_name);
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    for (int i = 0; i < n; i++) {
        char path[PALLAY_PATH_LEN];
        if (text_fmt(path, sizeof path, "%s/%s", dir, names[i]) == 0) fn(path, names[i], ud);
        free(names[i]);
    }
    return n;
}

static void add_lang(const char *path, const char *name, void *ud)
{
    Catalog *c = ud;
    if (c->nlangs == PALLAY_MAX_LANGS) { c->extra_langs++; return; }
    Language *l = &c->langs[c->nlangs];
    size_t len = strlen(name) - 3;  /* without ".po" */
    if (len == 0 || len >= sizeof l->code) { report(c->r, path, 0, "file name is not a language code"); return; }
    memcpy(l->code, name, len);
    l->code[len] = '\0';
    l->po = po_load(path, c->r);
    if (!l->po) return;
    text_copy(l->file, sizeof l->file, path);
    char lang[16];
    if (po_header(l->po, "Language", lang, sizeof lang) < 0 || strcmp(lang, l->code) != 0)
        report(c->r, path, 1, "header \"Language: %s\" expected", l->code);
    if (po_header(l->po, "X-Pallay-Voice", l->voice, sizeof l->voice) < 0)
        text_copy(l->voice, sizeof l->voice, l->code);
    c->nlangs++;
}

static void add_module(const char *path, const char *name, void *ud)
{
    (void)name;
    Catalog *c = ud;
    if (c->nmodules == PALLAY_MAX_MODULES) { c->extra_modules++; return; }
    Module *m = &c->modules[c->nmodules];
    if (module_load(m, path, c->r) < 0) return;
    for (int i = 0; i < c->nmodules; i++)
        if (strcmp(c->modules[i].id, m->id) == 0) {
            report(c->r, path, 0, "module id \"%s\" is also used by %s", m->id, c->modules[i].file);
            return;
        }
    c->nmodules++;
}

/* Reports key if some language lacks it. */
static void check_key(Catalog *c, const char *key, const char *file, int line)
{
    for (int i = 0; i < c->nlangs; i++)
        if (!po_get(c->langs[i].po, key)) {
            if (file)
                report(c->r, file, line, "text key \"%s\" is missing from %s", key, c->langs[i].file);
            else
                report(c->r, c->langs[i].file, 0, "text key \"%s\" is missing", key);
        }
}

int catalog_check_picture(const Catalog *c, const char *name, const char *file, int line, Report *r)
{
    char png[PALLAY_PATH_LEN], svg[PALLAY_PATH_LEN];
    if (catalog_picture_path(c, name, png, sizeof png) == 0) return 0;
    text_fmt(svg, sizeof svg, "%s/pictures/%s.svg", c->assets, name);
    if (text_file_exists(svg)) report(r, file, line, "picture \"%s\" has not been built (run: make content)", name);
    else report(r, file, line, "picture \"%s\" not found (%s or .png)", name, svg);
    return -1;
}

/* Every key of a module exists in every language and every picture can be drawn. */
static void check_module(Catalog *c, const Module *m)
{
    check_key(c, m->title, m->file, m->title_line);
    if (m->tile[0]) catalog_check_picture(c, m->tile, m->file, m->tile_line, c->r);
    for (int s = 0; s < m->nslides; s++) {
        check_key(c, m->slides[s].key, m->file, m->slides[s].line);
        if (m->slides[s].nohelp[0]) check_key(c, m->slides[s].nohelp, m->file, m->slides[s].line);
        catalog_check_picture(c, m->slides[s].picture, m->file, m->slides[s].line, c->r);
    }
    for (int q = 0; q < m->nquestions; q++) {
        const Question *qu = &m->questions[q];
        check_key(c, qu->key, m->file, qu->line);
        check_key(c, qu->why, m->file, qu->line);
        for (int a = 0; a < qu->nanswers; a++) {
            check_key(c, qu->answers[a].key, m->file, qu->answers[a].line);
            catalog_check_picture(c, qu->answers[a].picture, m->file, qu->answers[a].line, c->r);
        }
    }
    /* A lesson recommends only what a facilitator can hand out and record. */
    for (int i = 0; i < m->nequipment; i++)
        if (c->items.n && !ppe_item(&c->items, m->equipment[i]))
            report(c->r, m->file, m->equipment_line[i], "equipment \"%s\" is not in %s", m->equipment[i], c->items.file);
}

Catalog *catalog_load(const CatalogPaths *paths, Report *r)
{
    Catalog *c = xcalloc(1, sizeof *c);
    c->modules = xcalloc(PALLAY_MAX_MODULES, sizeof *c->modules);
    c->r = r;
    text_copy(c->assets, sizeof c->assets, paths->assets);
    text_copy(c->locales, sizeof c->locales, paths->locales);
    text_copy(c->generated, sizeof c->generated, paths->generated);
    text_copy(c->recordings, sizeof c->recordings, paths->recordings ? paths->recordings : "");
    c->paths = (CatalogPaths){ c->assets, c->locales, c->generated, c->recordings };

    if (catalog_list_dir(c->locales, ".po", add_lang, c) <= 0)
        report(r, c->locales, 0, "no language (.po file) found");
    if (c->extra_langs)
        report(r, c->locales, 0, "more than %d languages: %d left out (the last in name order)", PALLAY_MAX_LANGS, c->extra_langs);
    char dir[PALLAY_PATH_LEN];
    text_fmt(dir, sizeof dir, "%s/modules", c->assets);
    if (catalog_list_dir(dir, ".module", add_module, c) <= 0)
        report(r, dir, 0, "no module (.module file) found");
    if (c->extra_modules)
        report(r, dir, 0, "more than %d modules: %d left out (the last in name order)", PALLAY_MAX_MODULES, c->extra_modules);

    text_fmt(dir, sizeof dir, "%s/signs.list", c->assets);
    signs_load(&c->signs, dir, r);
    text_fmt(dir, sizeof dir, "%s/ppe.list", c->assets);
    ppe_load(&c->items, dir, r);

    static const char *const ui[] = UIKEYS_ALL, *const fac[] = UIKEYS_FACILITATOR;
    for (size_t i = 0; i < sizeof ui / sizeof *ui; i++) check_key(c, ui[i], NULL, 0);
    for (size_t i = 0; i < sizeof fac / sizeof *fac; i++) check_key(c, fac[i], NULL, 0);
    for (int i = 0; i < c->nmodules; i++) check_module(c, &c->modules[i]);
    for (int i = 0; i < c->signs.nsymbols; i++) {
        const Symbol *y = &c->signs.symbols[i];
        check_key(c, y->key, c->signs.file, y->line);
        catalog_check_picture(c, y->picture, c->signs.file, y->line, r);
    }
    for (int i = 0; i < c->signs.ncolours; i++) check_key(c, c->signs.colours[i].key, c->signs.file, c->signs.colours[i].line);
    for (int i = 0; i < c->items.n; i++) {
        const Item *it = &c->items.items[i];
        check_key(c, it->key, c->items.file, it->line);
        catalog_check_picture(c, it->picture, c->items.file, it->line, r);
    }
    c->r = NULL;
    return c;
}

void catalog_unload(Catalog *c)
{
    if (!c) return;
    for (int i = 0; i < c->nlangs; i++) po_unload(c->langs[i].po);
    free(c->modules);
    free(c);
}

const CatalogPaths *catalog_paths(const Catalog *c) { return &c->paths; }
int catalog_lang_count(const Catalog *c) { return c->nlangs; }
const Language *catalog_lang(const Catalog *c, int i) { return &c->langs[i]; }
int catalog_module_count(const Catalog *c) { return c->nmodules; }
const Module *catalog_module(const Catalog *c, int i) { return &c->modules[i]; }
const Signs *catalog_signs(const Catalog *c) { return &c->signs; }
const Items *catalog_items(const Catalog *c) { return &c->items; }

int catalog_find_module(const Catalog *c, const char *id)
{
    for (int i = 0; i < c->nmodules; i++)
        if (strcmp(c->modules[i].id, id) == 0) return i;
    return -1;
}

int catalog_find_lang(const Catalog *c, const char *code)
{
    for (int i = 0; i < c->nlangs; i++)
        if (strcmp(c->langs[i].code, code) == 0) return i;
    return -1;
}

const char *catalog_text(const Catalog *c, int lang, const char *key)
{
    if (lang < 0 || lang >= c->nlangs) return NULL;
    return po_get(c->langs[lang].po, key);
}

int catalog_picture_path(const Catalog *c, const char *name, char *out, size_t n)
{
    if (text_fmt(out, n, "%s/pictures/%s.png", c->assets, name) == 0 && text_file_exists(out)) return 0;
    if (text_fmt(out, n, "%s/pictures/%s.png", c->generated, name) == 0 && text_file_exists(out)) return 0;
    return -1;
}
