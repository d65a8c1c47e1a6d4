/* names: temp.net_name, made from the course for one report. */
#include "names.h"
#include "../base/text.h"
#include "../content/uikeys.h"
#include "../store/voice.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

static int put(sqlite3_stmt *st, const char *kind, const char *id, const char *name)
{
    if (!name || !*name) return 0;
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, name, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
    sqlite3_reset(st);
    return rc;
}

int names_load(sqlite3 *db, const Catalog *c, const char *lang, Err *e)
{
    if (sqlite3_exec(db, "CREATE TEMP TABLE IF NOT EXISTS net_name (kind TEXT, id TEXT, name TEXT, PRIMARY KEY (kind, id));"
                         "DELETE FROM temp.net_name;", NULL, NULL, NULL) != SQLITE_OK)
        return err_set(e, "names: %s", sqlite3_errmsg(db));
    int l = c ? catalog_find_lang(c, lang) : -1;
    if (l < 0) return 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO temp.net_name VALUES (?, ?, ?)", -1, &st, NULL) != SQLITE_OK)
        return err_set(e, "names: %s", sqlite3_errmsg(db));
    int rc = 0;
    char id[PALLAY_NAME_LEN + 16];
    for (int i = 0; rc == 0 && i < catalog_module_count(c); i++) {
        const Module *m = catalog_module(c, i);
        rc = put(st, "module", m->id, catalog_text(c, l, m->title));
        for (int q = 0; rc == 0 && q < m->nquestions; q++) {
            snprintf(id, sizeof id, "%s.%d", m->id, q + 1);
            rc = put(st, "question", id, catalog_text(c, l, m->questions[q].key));
        }
    }
    const Items *it = catalog_items(c);
    for (int i = 0; rc == 0 && it && i < it->n; i++) rc = put(st, "item", it->items[i].id, catalog_text(c, l, it->items[i].key));
    const Signs *sg = catalog_signs(c);
    for (int i = 0; rc == 0 && sg && i < sg->nsymbols; i++) rc = put(st, "symbol", sg->symbols[i].id, catalog_text(c, l, sg->symbols[i].key));
    for (int i = 0; rc == 0 && sg && i < sg->ncolours; i++) rc = put(st, "colour", sg->colours[i].id, catalog_text(c, l, sg->colours[i].key));
    /* What a woman's report is about, as the kiosk says it to her ("Mucho polvo."), without the
     * sentence's full stop: a coordinator reads it as a heading. */
    static const char *const CATEGORIES[] = VOICE_CATEGORIES;
    char key[PALLAY_NAME_LEN], word[256];
    for (int i = 0; rc == 0 && i < VOICE_NCATEGORIES; i++) {
        const char *t = text_fmt(key, sizeof key, "%s%s", UIKEY_TELL_CAT, CATEGORIES[i]) == 0 ? catalog_text(c, l, key) : NULL;
        if (!t || text_copy(word, sizeof word, t) < 0) continue;
        size_t n = strlen(word);
        if (n > 1 && word[n - 1] == '.') word[n - 1] = '\0';
        rc = put(st, "category", CATEGORIES[i], word);
    }
    if (rc < 0) err_set(e, "names: %s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return rc;
}
