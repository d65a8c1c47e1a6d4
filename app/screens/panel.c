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

void panel_note(Ctx *c, const char *text)
{
    if (!text || !*text) return;
    Rect a = panel_area(c);
    Rect r = { a.x, a.y + a.h + c->h / 80, a.w, c->h / 9 - c->h / 80 };
    gfx_text_box(text, r, FONT_SMALL, WIDGET_INK);
}

void panel_pad(ButtonSet *bs, const char *prefix, Rect area, const char *last_id, const char *last_word)
{
    static const char *const KEYS[] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", "del", "0", NULL };
    int kw = area.w / 3, kh = area.h / 4, gap = kh / 10 + 2;
    for (int i = 0; i < 12; i++) {
        Rect r = { area.x + (i % 3) * kw + gap / 2, area.y + (i / 3) * kh + gap / 2, kw - gap, kh - gap };
        char id[PALLAY_NAME_LEN];
        if (!KEYS[i]) {
            if (last_id) panel_key(bs, last_id, r, last_word, NULL);
            continue;
        }
        text_fmt(id, sizeof id, "%s%s", prefix, KEYS[i]);
        if (strcmp(KEYS[i], "del") == 0) button_add(bs, id, r, BUTTON_ICON_KEY, UIPIC_DELETE, NULL);
        else panel_key(bs, id, r, KEYS[i], NULL);
    }
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

void panel_draw_keys(Ctx *c, const ButtonSet *bs)
{
    /* Keys of one height on one row, or of one size anywhere on the screen (a grid of keys, such
     * as the menu), are one set: their words take one size, that of the word that needs the
     * smallest, so that no key looks more important than its neighbours. */
    int px[PALLAY_MAX_BUTTONS] = { 0 };
    for (int i = 0; i < bs->n; i++) {
        const Button *b = &bs->b[i];
        if (b->style != BUTTON_KEY || px[i]) continue;
        int size = 0;
        for (int pass = 0; pass < 2; pass++)
            for (int j = i; j < bs->n; j++) {
                const Button *o = &bs->b[j];
                if (o->style != BUTTON_KEY || o->r.h != b->r.h || (o->r.y != b->r.y && o->r.w != b->r.w)) continue;
                if (pass == 0) {
                    int p = o->icon[0] ? gfx_text_fit(o->icon, widget_key_text_rect(o->r), widget_key_max(o->r)) : 0;
                    if (p && (!size || p < size)) size = p;
                } else {
                    px[j] = size ? size : -1;
                }
            }
    }
    for (int i = 0; i < bs->n; i++) {
        const Button *b = &bs->b[i];
        if (b->style == BUTTON_KEY) widget_key(b->r, b->icon, px[i] > 0 ? px[i] : 0, b->selected, 0);
        if (b->style == BUTTON_ICON_KEY) {
            char path[PALLAY_PATH_LEN];
            c->picture(c, b->icon, path, sizeof path);
            widget_key_icon(b->r, path, b->selected, 0);
        }
    }
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

int panel_modules_px(Ctx *c, const Card *cards, int n)
{
    const char *titles[PALLAY_MAX_MODULES];
    for (int i = 0; i < n && i < PALLAY_MAX_MODULES; i++) titles[i] = catalog_text(c->cat, c->lang, catalog_module(c->cat, i)->title);
    return widget_cards_text_px(cards, titles, n < PALLAY_MAX_MODULES ? n : PALLAY_MAX_MODULES);
}

int panel_grid_page_size(Ctx *c, Rect area, int cols)
{
    int d = layout_min_target(c->w, c->h) * 8 / 7 + 1;     /* the cell, with its gap of d / 8 */
    int fit_cols = area.w / d, rows = area.h / d;
    if (fit_cols < cols) cols = fit_cols;
    return cols > 0 && rows > 0 ? cols * rows : 1;
}

int panel_grid_page(Ctx *c, ButtonSet *bs, Rect area, int n, int cols, int *page, Rect *cells, int *count)
{
    int per = panel_grid_page_size(c, area, cols), pages = n > 0 ? (n + per - 1) / per : 1;
    if (cols > per) cols = per;
    if (*page >= pages) *page = pages - 1;
    if (*page < 0) *page = 0;
    int first = *page * per;
    *count = n - first < per ? n - first : per;
    panel_grid(area, *count, cols, cells);
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    if (*page > 0) button_add(bs, "page:prev", pl.back, BUTTON_BLUE, UIPIC_BACK, UIKEY_BACK);
    if (*page + 1 < pages) button_add(bs, "page:next", pl.next, BUTTON_BLUE, UIPIC_NEXT, UIKEY_NEXT);
    return first;
}

void panel_module_card(Ctx *c, const Card *card, int module, int px, int selected)
{
    const Module *m = catalog_module(c->cat, module);
    char path[PALLAY_PATH_LEN];
    c->picture(c, m->tile, path, sizeof path);
    widget_card(card->card, card->picture, card->caption, path, catalog_text(c->cat, c->lang, m->title), px, selected, 0);
}

void panel_sign(Ctx *c, Rect r, const char *symbol, const char *colour, int selected)
{
    char path[PALLAY_PATH_LEN];
    unsigned char rgb[3];
    screen_sign_of(c, symbol, colour, path, sizeof path, rgb);
    widget_sign(r, path, (Color){ rgb[0], rgb[1], rgb[2], 255 }, selected);
}
