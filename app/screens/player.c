/* player: a module's slides, one picture with its narration each, then its quiz (or, for a
 * module without one, a clear end screen). A signed-in learner's opening of the module and
 * her reaching its end are recorded.
 * Buttons: home (top left), hear again (top right), back (bottom left), next (bottom right). */
#include "../base/trace.h"
#include "../content/uikeys.h"
#include "../ui/layout.h"
#include "../ui/widget.h"
#include "screen.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    int module;     /* catalog index */
    int caption_px, caption_w, caption_h;   /* the lesson's one caption size, for a caption box of w x h */
    int slide;      /* 0..nslides-1, or nslides for the end screen */
    int left;       /* seconds left on the slide's countdown, 0 when none runs */
    long long next; /* when the next second ends (now_ms) */
} PlayerState;

static PlayerState state;

static const Module *module(PlayerState *st, Ctx *c) { return catalog_module(c->cat, st->module); }

static int have_help(Ctx *c) { return c->help && c->help[0]; }

/* What a slide says: on a help slide with no contacts set, its own words for that case
 * ("ask your facilitator"), never a pointer at an empty panel. */
static const char *slide_key(const Slide *sl, Ctx *c)
{
    return sl->help && !have_help(c) && sl->nohelp[0] ? sl->nohelp : sl->key;
}

/* Shows slide st->slide (or the end) and starts its narration. */
static void show(PlayerState *st, Ctx *c)
{
    const Module *m = module(st, c);
    st->left = 0;
    if (st->slide >= m->nslides) {
        trace("module end module=%s", m->id);
        c->effect(c, UISOUND_DONE);
        c->speak(c, UIKEY_PLAYER_END);
        return;
    }
    const Slide *sl = &m->slides[st->slide];
    trace("slide module=%s index=%d of=%d picture=%s text=%s", m->id, st->slide + 1, m->nslides, sl->picture, slide_key(sl, c));
    if (sl->help) trace("help contacts %s", have_help(c) ? "shown" : "not set");
    c->speak(c, slide_key(sl, c));
}

/* Records that the signed-in learner opened (done 0) or finished the slides of (done 1) the module. */
static void record(PlayerState *st, Ctx *c, int done)
{
    if (!c->learner || !c->store) return;
    const Module *m = module(st, c);
    char id[37];
    Err e;
    int rc = done ? records_complete_module(c->store, c->learner->id, m->id, m->version, id, &e)
                  : records_open_module(c->store, c->learner->id, m->id, m->version, id, &e);
    if (rc < 0) c->save_failed(c, done ? "completion" : "module_open", &e);
    else trace("record %s id=%s module=%s learner=%s committed", done ? "completion" : "module_open", id, m->id, c->learner->id);
}

static void enter(Screen *s, Ctx *c, int arg)
{
    PlayerState *st = s->state;
    st->module = arg;
    st->slide = 0;
    st->caption_px = 0;
    record(st, c, 0);
    show(st, c);
}

static void layout(Screen *s, Ctx *c, ButtonSet *bs)
{
    PlayerState *st = s->state;
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    int end = st->slide >= module(st, c)->nslides;
    button_add(bs, "home", pl.home, BUTTON_BLUE, UIPIC_HOME, UIKEY_HOME);
    button_add(bs, "repeat", pl.repeat, BUTTON_ORANGE, UIPIC_REPEAT, UIKEY_REPEAT);
    if (st->slide > 0) button_add(bs, "back", pl.back, BUTTON_BLUE, UIPIC_BACK, UIKEY_BACK);
    if (end) button_add(bs, "again", pl.next, BUTTON_GREEN, UIPIC_AGAIN, UIKEY_AGAIN);
    else button_add(bs, "next", pl.next, BUTTON_GREEN, UIPIC_NEXT, UIKEY_NEXT);
    /* A stretch: a big button in the picture's corner starts the count she holds it for. */
    if (!end && module(st, c)->slides[st->slide].timer && !st->left) {
        int d = pl.picture.h / 3;
        button_add(bs, "timer", (Rect){ pl.picture.x + pl.picture.w - d - d / 6, pl.picture.y + pl.picture.h - d - d / 6, d, d },
                   BUTTON_GREEN, UIPIC_PLAY, UIKEY_PLAY);
    }
}

/* One caption size for the whole lesson at this screen size: the largest in which every slide's
 * caption fits, so the text does not grow and shrink from slide to slide. */
static int caption_px(PlayerState *st, Ctx *c, const PlayerLayout *pl)
{
    if (st->caption_px && st->caption_w == pl->caption.w && st->caption_h == pl->caption.h) return st->caption_px;
    const Module *m = module(st, c);
    int px = gfx_text_fit(catalog_text(c->cat, c->lang, UIKEY_PLAYER_END) ? catalog_text(c->cat, c->lang, UIKEY_PLAYER_END) : "",
                          pl->caption, FONT_MEDIUM);
    for (int i = 0; i < m->nslides; i++) {
        const char *t = catalog_text(c->cat, c->lang, m->slides[i].key);
        int p = t ? gfx_text_fit(t, pl->caption, FONT_MEDIUM) : px;
        if (p < px) px = p;
    }
    st->caption_px = px;
    st->caption_w = pl->caption.w;
    st->caption_h = pl->caption.h;
    return px;
}

static void draw(Screen *s, Ctx *c, const ButtonSet *bs)
{
    (void)bs;
    PlayerState *st = s->state;
    const Module *m = module(st, c);
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    char path[PALLAY_PATH_LEN];
    const char *key;
    if (st->slide >= m->nslides) {
        c->picture(c, UIPIC_END, path, sizeof path);
        key = UIKEY_PLAYER_END;
    } else {
        c->picture(c, m->slides[st->slide].picture, path, sizeof path);
        key = slide_key(&m->slides[st->slide], c);
    }
    gfx_rounded_rect((Rect){ pl.picture.x - 6, pl.picture.y - 6, pl.picture.w + 12, pl.picture.h + 12 }, 12, WIDGET_CARD);
    gfx_picture(path, pl.picture);
    const char *text = catalog_text(c->cat, c->lang, key);
    if (text) gfx_text_draw(text, pl.caption, caption_px(st, c, &pl), WIDGET_INK);
    char quiz[PALLAY_PATH_LEN];
    if (m->nquestions) c->picture(c, UIPIC_QUIZ, quiz, sizeof quiz);
    widget_dots(pl.dots, m->nslides, st->slide, m->nquestions ? quiz : NULL);
    if (st->slide < m->nslides && m->slides[st->slide].help && have_help(c)) {
        /* The network's help contacts, set for this network, never written in the course. */
        Rect band = { pl.picture.x, pl.picture.y + pl.picture.h * 3 / 4, pl.picture.w, pl.picture.h / 4 };
        gfx_rounded_rect(band, band.h / 6, WIDGET_CARD);
        gfx_text_box(c->help, (Rect){ band.x + 8, band.y, band.w - 16, band.h }, FONT_MEDIUM, WIDGET_INK);
    }
    if (st->left) {
        /* The count, big, over the picture: the seconds still to hold. */
        int d = pl.picture.h / 2, cx = pl.picture.x + pl.picture.w - d / 2 - d / 8, cy = pl.picture.y + pl.picture.h - d / 2 - d / 8;
        gfx_circle(cx, cy, d / 2, WIDGET_RIGHT);
        char n[8];
        snprintf(n, sizeof n, "%d", st->left);
        gfx_text_box(n, (Rect){ cx - d / 2, cy - d / 2, d, d }, FONT_LARGE, WIDGET_CARD);
    }
}

/* The countdown: a tick each second, a chime at the end. */
static int deadline(Screen *s, Ctx *c)
{
    PlayerState *st = s->state;
    if (!st->left) return -1;
    long long wait = st->next - c->now_ms(c);
    return wait > 0 ? (int)wait : 0;
}

static void tick(Screen *s, Ctx *c)
{
    PlayerState *st = s->state;
    if (!st->left) return;
    st->next += 1000;
    if (--st->left > 0) {
        trace("timer tick left=%d", st->left);
        c->effect(c, UISOUND_TAP);
        return;
    }
    trace("timer end module=%s slide=%d", module(st, c)->id, st->slide + 1);
    c->effect(c, UISOUND_DONE);
}

static Action press(Screen *s, Ctx *c, const char *id)
{
    PlayerState *st = s->state;
    const Module *m = module(st, c);
    if (strcmp(id, "home") == 0) return (Action){ ACTION_POP, 0, 0 };
    if (strcmp(id, "next") == 0 && st->slide == m->nslides - 1 && m->nquestions) {
        record(st, c, 1);
        trace("module end module=%s", m->id);
        return (Action){ ACTION_REPLACE, SCREEN_QUIZ, st->module };
    }
    if (strcmp(id, "next") == 0 && st->slide == m->nslides - 1) record(st, c, 1);
    if (strcmp(id, "next") == 0 && st->slide < m->nslides) st->slide++;
    else if (strcmp(id, "back") == 0 && st->slide > 0) st->slide--;
    else if (strcmp(id, "again") == 0) st->slide = 0;
    else if (strcmp(id, "timer") == 0 && st->slide < m->nslides && m->slides[st->slide].timer) {
        st->left = m->slides[st->slide].timer;
        st->next = c->now_ms(c) + 1000;
        trace("timer start module=%s slide=%d seconds=%d", m->id, st->slide + 1, st->left);
        return (Action){ ACTION_NONE, 0, 0 };
    }
    else if (strcmp(id, "repeat") != 0) return (Action){ ACTION_NONE, 0, 0 };
    show(st, c);
    return (Action){ ACTION_NONE, 0, 0 };
}

Screen *player_screen(void)
{
    static Screen s = {
        .name = "player",
        .enter = enter,
        .layout = layout,
        .draw = draw,
        .press = press,
        .state = &state,
        .deadline = deadline,
        .tick = tick,
    };
    return &s;
}
