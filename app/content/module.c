/* module: the .module file format.
 *   module ID            one per file, first directive
 *   title  KEY           string key of the title
 *   tile   PICTURE       home-screen picture
 *   slide  PICTURE KEY   one line per slide, in order
 * Blank lines and "#" comments are ignored. */
#include "module.h"
#include "../base/err.h"
#include "../base/text.h"

#include <stdlib.h>
#include <string.h>

/* Copies an id-like word into dst, reporting it if it is not a valid name. */
static int take_id(char *dst, const char *word, const char *what, const char *file, int line, Report *r)
{
    if (!text_is_id(word)) {
        report(r, file, line, "%s \"%.40s\" is not a valid name (use a-z 0-9 . _ -)", what, word);
        return -1;
    }
    text_copy(dst, PALLAY_NAME_LEN, word);
    return 0;
}

int module_parse(Module *m, const char *text, const char *file, Report *r)
{
    memset(m, 0, sizeof *m);
    text_copy(m->file, sizeof m->file, file);
    int lineno = 0;
    const char *s = text;
    char line[1024];

    int got;
    while ((got = text_next_line(&s, line, sizeof line)) != 0) {
        lineno++;
        if (got < 0) report(r, file, lineno, "line too long");

        char *w[4];
        int n = text_split(line, w, 3);
        if (n == 0) continue;
        if (strcmp(w[0], "module") == 0 && n == 2) {
            if (m->id[0]) report(r, file, lineno, "a second \"module\" line");
            else take_id(m->id, w[1], "module id", file, lineno, r);
        } else if (strcmp(w[0], "title") == 0 && n == 2) {
            if (take_id(m->title, w[1], "title key", file, lineno, r) == 0) m->title_line = lineno;
        } else if (strcmp(w[0], "tile") == 0 && n == 2) {
            if (take_id(m->tile, w[1], "tile picture", file, lineno, r) == 0) m->tile_line = lineno;
        } else if (strcmp(w[0], "slide") == 0 && n == 3) {
            if (m->nslides == PALLAY_MAX_SLIDES) {
                report(r, file, lineno, "more than %d slides", PALLAY_MAX_SLIDES);
                continue;
            }
            Slide *sl = &m->slides[m->nslides];
            if (take_id(sl->picture, w[1], "picture", file, lineno, r) < 0) continue;
            if (take_id(sl->key, w[2], "text key", file, lineno, r) < 0) continue;
            sl->line = lineno;
            m->nslides++;
        } else if (strcmp(w[0], "module") == 0 || strcmp(w[0], "title") == 0 ||
                   strcmp(w[0], "tile") == 0 || strcmp(w[0], "slide") == 0) {
            report(r, file, lineno, "\"%s\" takes %s", w[0], strcmp(w[0], "slide") == 0 ? "a picture and a text key" : "one word");
        } else {
            report(r, file, lineno, "unknown directive \"%.40s\"", w[0]);
        }
    }
    if (!m->id[0]) report(r, file, 0, "no \"module ID\" line");
    if (!m->title[0]) report(r, file, 0, "no \"title KEY\" line");
    if (!m->tile[0]) report(r, file, 0, "no \"tile PICTURE\" line");
    if (m->nslides == 0) report(r, file, 0, "no slides");
    return (m->id[0] && m->title[0] && m->nslides > 0) ? 0 : -1;
}

int module_load(Module *m, const char *path, Report *r)
{
    char *text = text_read_file(path, NULL);
    if (!text) {
        memset(m, 0, sizeof *m);
        report(r, path, 0, "cannot be read");
        return -1;
    }
    int rc = module_parse(m, text, path, r);
    free(text);
    return rc;
}
