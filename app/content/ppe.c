/* ppe: the ppe.list format, one "item" line per piece of equipment; "#" starts a comment. */
#include "ppe.h"
#include "../base/text.h"

#include <stdlib.h>
#include <string.h>

/* Splits "S,M,L" into the item's sizes. -1 if a size is empty or too long or there are too many. */
static int parse_sizes(Item *it, const char *list)
{
    const char *p = list;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len == 0 || len >= sizeof it->sizes[0] || it->nsizes == PALLAY_MAX_SIZES) return -1;
        memcpy(it->sizes[it->nsizes], p, len);
        it->sizes[it->nsizes++][len] = '\0';
        /* A comma always has a size after it: "S,M," has an empty last one. */
        if (!comma) return 0;
        p = comma + 1;
    }
}

int ppe_parse(Items *it, const char *text, const char *file, Report *r)
{
    memset(it, 0, sizeof *it);
    text_copy(it->file, sizeof it->file, file);
    const char *p = text;
    char line[512];
    int got, lineno = 0, extra = 0, extra_line = 0;
    while ((got = text_next_line(&p, line, sizeof line)) != 0) {
        lineno++;
        if (got < 0) { report(r, file, lineno, "line longer than %d bytes: left out", (int)sizeof line - 1); continue; }
        char *w[6];
        int n = text_split(line, w, 5);
        if (n == 0) continue;
        if (strcmp(w[0], "item") != 0) { report(r, file, lineno, "unknown directive \"%.40s\"", w[0]); continue; }
        if (n != 4 && n != 5) { report(r, file, lineno, "\"item\" takes an id, a picture, a text key and, if it has sizes, S,M,L"); continue; }
        if (!text_is_id(w[1]) || !text_is_id(w[2]) || !text_is_id(w[3])) { report(r, file, lineno, "not a valid name (use a-z 0-9 . _ -)"); continue; }
        if (ppe_item(it, w[1])) { report(r, file, lineno, "item \"%s\" is listed twice", w[1]); continue; }
        if (it->n == PALLAY_MAX_ITEMS) { if (!extra++) extra_line = lineno; continue; }
        Item *item = &it->items[it->n];
        memset(item, 0, sizeof *item);
        if (n == 5 && parse_sizes(item, w[4]) < 0) { report(r, file, lineno, "sizes are up to %d short words separated by commas", PALLAY_MAX_SIZES); continue; }
        text_copy(item->id, sizeof item->id, w[1]);
        text_copy(item->picture, sizeof item->picture, w[2]);
        text_copy(item->key, sizeof item->key, w[3]);
        item->line = lineno;
        it->n++;
    }
    if (extra) report(r, file, extra_line, "more than %d items: %d left out, from this line on", PALLAY_MAX_ITEMS, extra);
    if (it->n == 0) report(r, file, 0, "no \"item\" line");
    return it->n ? 0 : -1;
}

int ppe_load(Items *it, const char *path, Report *r)
{
    char *text = text_file_exists(path) ? text_read_text(path, r) : NULL;
    if (!text) {
        memset(it, 0, sizeof *it);
        report(r, path, 0, "cannot be read: no protective equipment can be logged");
        return -1;
    }
    int rc = ppe_parse(it, text, path, r);
    free(text);
    return rc;
}

const Item *ppe_item(const Items *it, const char *id)
{
    for (int i = 0; i < it->n; i++)
        if (strcmp(it->items[i].id, id) == 0) return &it->items[i];
    return NULL;
}

int ppe_size_ok(const Item *item, const char *size)
{
    if (item->nsizes == 0) return !size || !*size;
    for (int i = 0; size && i < item->nsizes; i++)
        if (strcmp(item->sizes[i], size) == 0) return 1;
    return 0;
}
