/* catalog: the whole course, loaded once at start and read-only after:
 * languages (one .po file each in locales/), modules (the .module files in assets/modules/, in
 * file-name order), the learners' sign-in signs (assets/signs.list) and the protective
 * equipment facilitators hand out (assets/ppe.list). */
#ifndef PALLAY_CATALOG_H
#define PALLAY_CATALOG_H

#include "../base/report.h"
#include "module.h"
#include "po.h"
#include "ppe.h"
#include "signs.h"

#include <stddef.h>

typedef struct {
    const char *assets;     /* modules/, pictures/, voice/<lang>/ (recorded narration), sounds/ */
    const char *locales;    /* <lang>.po */
    const char *generated;  /* what the content build makes: PNG pictures, generated voice */
    const char *recordings; /* <lang>/<key>.ogg recorded on this kiosk (may be NULL): they win over all */
} CatalogPaths;

typedef struct {
    char code[16];                  /* "es", "quy": the .po file name */
    char voice[PALLAY_NAME_LEN];    /* espeak-ng voice for generated narration (X-Pallay-Voice) */
    char file[PALLAY_PATH_LEN];
    Po *po;
} Language;

typedef struct Catalog Catalog;

/* Loads the course. Every problem found (unreadable or malformed file, a key missing in
 * a language, a missing picture) is reported with file and line; what is usable is kept.
 * Never returns NULL; a catalog may have no language or no module (check the counts). */
Catalog *catalog_load(const CatalogPaths *paths, Report *r);
void catalog_unload(Catalog *c);

const CatalogPaths *catalog_paths(const Catalog *c);
int catalog_lang_count(const Catalog *c);
const Language *catalog_lang(const Catalog *c, int i);
/* Index of the language with this code, or -1. */
int catalog_find_lang(const Catalog *c, const char *code);
int catalog_module_count(const Catalog *c);
const Module *catalog_module(const Catalog *c, int i);
/* Index of the module with this id, or -1. */
int catalog_find_module(const Catalog *c, const char *id);
/* The sign-in symbols and colours (none of either if signs.list is missing or broken). */
const Signs *catalog_signs(const Catalog *c);
/* The protective equipment items (none if ppe.list is missing or broken). */
const Items *catalog_items(const Catalog *c);

/* The text of key in language lang, or NULL if that language lacks it. */
const char *catalog_text(const Catalog *c, int lang, const char *key);

/* Finds the image file for a picture name: assets/pictures/NAME.png (drawn as PNG) wins over
 * generated/pictures/NAME.png (rasterised from assets/pictures/NAME.svg). Returns 0, or -1 if neither exists. */
int catalog_picture_path(const Catalog *c, const char *name, char *out, size_t n);

/* Reports (to r, at file:line) a picture that has neither an image nor an SVG source, or whose
 * SVG has not been rasterised yet. Returns 0 if the picture can be drawn, -1 otherwise. */
int catalog_check_picture(const Catalog *c, const char *name, const char *file, int line, Report *r);

/* Lists the entries of dir whose names end with suffix, sorted; calls fn for each full path.
 * Returns the number of entries, or -1 if dir cannot be opened. Used for locales, modules, voices. */
int catalog_list_dir(const char *dir, const char *suffix, void (*fn)(const char *path, const char *name, void *ud), void *ud);

#endif
