/* panel: shared parts of the facilitator screens. */
#include "panel.h"
#include "../base/text.h"
#include "../content/uikeys.h"
#include "../ui/layout.h"
#include "../ui/widget.h"

#include <stdio.h>
#include <string.h>

void panel_title(Ctx *c, const char *key)
{
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    const char *t = catalog_text(c->cat, c->lang, key);
    gfx_text_box(t ? t : "", (Rect){ pl.home.x + pl.home.w + pl.home.x, pl.home.y, pl.repeat.x - 2 * pl.home.x - pl.home.w - pl.home.x,
                                     pl.home.h }, FONT_MEDIUM, WIDGET_INK);
}

Rect panel_area(Ctx *c)
{
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    int m = pl.home.x, x0 = pl.home.x + pl.home.w + m, x1 = pl.repeat.x - m, y0 = pl.home.y + pl.home.h + m;
    return (Rect){ x0, y0, x1 - x0, c->h - y0 - m - c->h / 9 };
}

void panel_message(Ctx *c, const char *text, int error)
{
    if (!text || !*text) return;
    Rect a = panel_area(c);
    Rect r = { a.x, a.y + a.h + c->h / 80, a.w, c->h / 9 - c->h / 80 };  /* two lines of small text */
    gfx_rounded_rect(r, r.h / 4, error ? WIDGET_WRONG : WIDGET_RIGHT);
    gfx_text_box(text, (Rect){ r.x + 8, r.y, r.w - 16, r.h }, FONT_SMALL, WIDGET_CARD);
}

/* Appends text (or, if the language lacks it, fallback) to line. */
static void append(char *line, size_t n, const char *text, const char *fallback)
{
    size_t len = strlen(line);
    if (len + 1 < n) snprintf(line + len, n - len, "%s", text ? text : fallback);
}

void panel_notices(Ctx *c)
{
    char line[PALLAY_ERR_LEN * 4] = "";
    if (!c->help || !c->help[0]) append(line, sizeof line, catalog_text(c->cat, c->lang, UIKEY_FAC_NOHELP), UIKEY_FAC_NOHELP);
    /* "Lessons without a health review (3 of 8): A, B, C"; when none is signed off, the count
     * alone says which, and the line stays short. */
    int drafts = 0, total = catalog_module_count(c->cat);
    for (int i = 0; i < total; i++) drafts += module_is_draft(catalog_module(c->cat, i));
    if (drafts) {
        char count[32];
        snprintf(count, sizeof count, " (%d/%d)", drafts, total);
        if (line[0]) append(line, sizeof line, " ", "");
        append(line, sizeof line, catalog_text(c->cat, c->lang, UIKEY_FAC_DRAFTS), UIKEY_FAC_DRAFTS);
        append(line, sizeof line, count, "");
        for (int i = 0, n = 0; i < total && drafts < total; i++) {
            const Module *m = catalog_module(c->cat, i);
            if (!module_is_draft(m)) continue;
            append(line, sizeof line, n++ ? ", " : ": ", "");
            append(line, sizeof line, catalog_text(c->cat, c->lang, m->title), m->id);
        }
    }
    panel_message(c, line, 1);
}

void panel_tell(Ctx *c, PanelMessage *m, const char *key, int error)
{
    const char *t = catalog_text(c->cat, c->lang, key);
    text_copy(m->text, sizeof m->text, t ? t : key);
    m->error = error;
    c->speak(c, key);
}

void panel_typed(Ctx *c, const char *text)
{
    Rect a = panel_area(c);
    Rect box = { a.x, a.y, a.w, a.h / 5 };
    gfx_rounded_rect(box, 12, WIDGET_CARD);
    gfx_text_box(text[0] ? text : " ", (Rect){ box.x + 12, box.y, box.w - 24, box.h }, FONT_LARGE, WIDGET_INK);
}

void panel_draw_keys(const ButtonSet *bs)
{
    for (int i = 0; i < bs->n; i++)
        if (bs->b[i].style == BUTTON_KEY) widget_key(bs->b[i].r, bs->b[i].icon, bs->b[i].selected, 0);
}

Button *panel_key(ButtonSet *bs, const char *id, Rect r, const char *word, const char *spoken)
{
    Button *b = button_add(bs, id, r, BUTTON_KEY, NULL, spoken);
    text_copy(b->icon, sizeof b->icon, word ? word : "");
    return b;
}

typedef struct { Learners *out; } Collect;

static void collect(const Learner *l, void *ud)
{
    Learners *out = ud;
    if (out->n < PANEL_MAX_LEARNERS) out->l[out->n++] = *l;
}

void panel_learners(Ctx *c, Learners *out)
{
    out->n = 0;
    Err e;
    if (c->store && records_each_learner(c->store, collect, out, &e) < 0) c->save_failed(c, "learners", &e);
}

void panel_grid(Rect area, int n, int cols, Rect *cells)
{
    if (n <= 0) return;
    if (cols > n) cols = n;
    int rows = (n + cols - 1) / cols;
    int d = area.w / cols, dh = area.h / rows;
    if (dh < d) d = dh;
    int gap = d / 8, x0 = area.x + (area.w - cols * d) / 2, y0 = area.y + (area.h - rows * d) / 2;
    for (int i = 0; i < n; i++)
        cells[i] = (Rect){ x0 + (i % cols) * d + gap / 2, y0 + (i / cols) * d + gap / 2, d - gap, d - gap };
}

void panel_module_card(Ctx *c, const Card *card, int module, int selected)
{
    const Module *m = catalog_module(c->cat, module);
    char path[PALLAY_PATH_LEN];
    c->picture(c, m->tile, path, sizeof path);
    widget_card(card->card, card->picture, card->caption, path, catalog_text(c->cat, c->lang, m->title), selected, 0);
}

void panel_sign(Ctx *c, Rect r, const char *symbol, const char *colour, int selected)
{
    char path[PALLAY_PATH_LEN];
    unsigned char rgb[3];
    screen_sign_of(c, symbol, colour, path, sizeof path, rgb);
    widget_sign(r, path, (Color){ rgb[0], rgb[1], rgb[2], 255 }, selected);
}
