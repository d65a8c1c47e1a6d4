/* home: one card per module. A touch speaks the module's title, a second touch or its
 * green play button opens it. A signed-in learner sees on each card what she has done: a
 * green check once she passed its quiz, and the stars of her best score. Left column: the
 * sign-out door, then her sign (touch it to hear it); at its foot, Tell us (screens/tellus.c),
 * touched once to hear what it is for, again to open it, wherever her reports can be sealed. */
#include "../base/text.h"
#include "../base/trace.h"
#include "../content/uikeys.h"
#include "../ui/layout.h"
#include "../ui/widget.h"
#include "panel.h"

#include <string.h>

#define TELL (-2)                           /* selected: the Tell us tile */

typedef struct {
    int selected;                       /* module index touched once, TELL, or -1 */
    Progress progress[PALLAY_MAX_MODULES];  /* of the learner signed in */
} HomeState;

static HomeState state;

static void load_progress(HomeState *st, Ctx *c);

static void enter(Screen *s, Ctx *c, int arg)
{
    (void)arg;
    ((HomeState *)s->state)->selected = -1;
    load_progress(s->state, c);
    c->speak(c, UIKEY_HOME_PROMPT);
}

static void cards_for(Ctx *c, Card *cards)
{
    HomeLayout hl;
    layout_home(c->w, c->h, &hl);
    int n = catalog_module_count(c->cat);
    layout_cards(hl.grid, n, n > 6 ? 4 : 3, c->w, c->h, cards);
}

/* Her sign, under the sign-out button. */
static Rect me_rect(const HomeLayout *hl)
{
    Rect r = hl->language;
    r.y += r.h + r.y;
    return r;
}

/* Tell us, at the foot of the left column: only where a report can be sealed and kept. */
static int tell_rect(Ctx *c, const HomeLayout *hl, Rect *r)
{
    if (!c->recipient || !c->store) return 0;
    int w = hl->language.w * 6 / 5, h = w * 5 / 4;
    *r = (Rect){ hl->language.x - (w - hl->language.w) / 2, c->h - hl->language.y - h, w, h };
    return 1;
}

/* Reads her progress: when the screen opens, and when it comes back after a lesson. */
static void load_progress(HomeState *st, Ctx *c)
{
    memset(st->progress, 0, sizeof st->progress);
    if (!c->learner || !c->store) return;
    int passed = 0;
    for (int i = 0; i < catalog_module_count(c->cat); i++) {
        Err e;
        if (records_progress(c->store, c->learner->id, catalog_module(c->cat, i)->id, &st->progress[i], &e) < 0) {
            c->save_failed(c, "progress", &e);
            return;
        }
        passed += st->progress[i].passed > 0;
    }
    trace("progress learner=%s passed=%d", c->learner->id, passed);
}

static void resume(Screen *s, Ctx *c)
{
    HomeState *st = s->state;
    if (st->selected == TELL) st->selected = -1;     /* back from Tell us: its tile is untouched again */
    load_progress(st, c);
}

static void layout(Screen *s, Ctx *c, ButtonSet *bs)
{
    HomeState *st = s->state;
    HomeLayout hl;
    layout_home(c->w, c->h, &hl);
    Card cards[PALLAY_MAX_MODULES];
    cards_for(c, cards);
    button_add(bs, "signout", hl.language, BUTTON_BLUE, UIPIC_SIGNOUT, UIKEY_SIGNOUT);
    if (c->learner) button_add(bs, "me", me_rect(&hl), BUTTON_CARD, NULL, UIKEY_MINE);
    Rect tell;
    if (tell_rect(c, &hl, &tell)) button_add(bs, "tell", tell, BUTTON_CARD, NULL, UIKEY_TELL)->selected = st->selected == TELL;
    int n = catalog_module_count(c->cat);
    for (int i = 0; i < n; i++) {
        const Module *m = catalog_module(c->cat, i);
        char id[PALLAY_NAME_LEN];
        text_fmt(id, sizeof id, "tile:%s", m->id);
        button_add(bs, id, cards[i].card, BUTTON_CARD, NULL, m->title)->selected = (i == st->selected);
    }
    for (int i = 0; i < n; i++) {
        char id[PALLAY_NAME_LEN];
        text_fmt(id, sizeof id, "play:%s", catalog_module(c->cat, i)->id);
        button_add(bs, id, cards[i].play, BUTTON_GREEN, UIPIC_PLAY, UIKEY_PLAY);
    }
}

/* Stars for a best score: 0 to 3, rounded. */
static int stars_of(const Progress *p)
{
    return p->best_total ? (3 * p->best + p->best_total / 2) / p->best_total : 0;
}

/* The band across the bottom of a card's picture where her progress shows: under the play
 * button (which has the top right), as tall as the picture leaves. */
static Rect progress_band(const Card *card)
{
    int top = card->play.y + card->play.h + card->play.h / 10, bottom = card->picture.y + card->picture.h;
    return (Rect){ card->picture.x, top, card->picture.w, bottom - top };
}

/* What she has done in a module, big enough to see from a step away: her best score in stars
 * on the left of the band, and a green check on its right once she passed. */
static void draw_progress(Ctx *c, const Progress *p, const Card *card)
{
    if (!p->attempts && !p->passed) return;
    char path[PALLAY_PATH_LEN];
    Rect band = progress_band(card);
    int pad = band.h / 10;
    gfx_rounded_rect(band, band.h / 4, WIDGET_CARD);
    int r = band.h / 2 - pad;
    if (p->attempts) {
        c->picture(c, UIPIC_STAR, path, sizeof path);
        widget_stars((Rect){ band.x + pad, band.y + pad, band.w - 2 * r - 4 * pad, band.h - 2 * pad }, stars_of(p), 3, path);
    }
    if (p->passed) {
        c->picture(c, UIPIC_RIGHT, path, sizeof path);
        widget_badge(band.x + band.w - r - 2 * pad, band.y + band.h / 2, r, WIDGET_RIGHT, path);
    }
}

static void draw(Screen *s, Ctx *c, const ButtonSet *bs)
{
    HomeState *st = s->state;
    (void)bs;
    Card cards[PALLAY_MAX_MODULES];
    cards_for(c, cards);
    int px = panel_modules_px(c, cards, catalog_module_count(c->cat));
    for (int i = 0; i < catalog_module_count(c->cat); i++) {
        panel_module_card(c, &cards[i], i, px, i == st->selected);
        draw_progress(c, &st->progress[i], &cards[i]);
    }
    HomeLayout hl;
    layout_home(c->w, c->h, &hl);
    char path[PALLAY_PATH_LEN];
    Rect tell;
    if (tell_rect(c, &hl, &tell)) {
        /* Its picture on the colour of speaking up, ringed when touched once. */
        int ring = tell.w / 24 + 2;
        gfx_rounded_rect(tell, tell.w / 6, st->selected == TELL ? WIDGET_HIGHLIGHT : (Color){ 0xe0, 0x7a, 0x1f, 255 });
        Rect in = { tell.x + ring, tell.y + ring, tell.w - 2 * ring, tell.h - 2 * ring };
        gfx_rounded_rect(in, in.w / 7, WIDGET_CARD);
        c->picture(c, UIPIC_TELL, path, sizeof path);
        gfx_picture(path, (Rect){ in.x + ring, in.y + ring, in.w - 2 * ring, in.h - 2 * ring });
    }
    if (c->learner) {
        unsigned char rgb[3];
        screen_sign_of(c, c->learner->symbol, c->learner->colour, path, sizeof path, rgb);
        widget_sign(me_rect(&hl), path, (Color){ rgb[0], rgb[1], rgb[2], 255 }, 0);
    }
}

static Action press(Screen *s, Ctx *c, const char *id)
{
    HomeState *st = s->state;
    Action none = { ACTION_NONE, 0, 0 };
    if (strcmp(id, "signout") == 0) return (Action){ ACTION_SIGNOUT, 0, 0 };
    if (strcmp(id, "tell") == 0) {
        if (st->selected == TELL) return (Action){ ACTION_PUSH, SCREEN_TELL, 0 };
        st->selected = TELL;
        c->speak(c, UIKEY_TELL);
        return none;
    }
    if (strcmp(id, "me") == 0 && c->learner) {
        screen_say_sign(c, c->learner->symbol, c->learner->colour);
        return none;
    }
    int play = strncmp(id, "play:", 5) == 0, tile = strncmp(id, "tile:", 5) == 0;
    if (!play && !tile) return none;
    int i = catalog_find_module(c->cat, id + 5);
    if (i < 0) return none;
    if (play || i == st->selected) return (Action){ ACTION_PUSH, SCREEN_PLAYER, i };
    st->selected = i;
    c->speak(c, catalog_module(c->cat, i)->title);
    return none;
}

Screen *home_screen(void)
{
    static Screen s = {
        .name = "home",
        .enter = enter,
        .layout = layout,
        .draw = draw,
        .press = press,
        .state = &state,
        .resume = resume,
    };
    return &s;
}
