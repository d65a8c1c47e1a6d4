/* recorder: a speaker from the network records the narration of any slide, question, answer
 * or title, in the language chosen above the lessons (shown and spoken all along: the screen's
 * own words are in the facilitator's language, the texts recorded in theirs), with a USB microphone: record (red circle), stop (square),
 * hear it back, keep it (green check) or record again. A kept recording is encoded to OGG
 * Vorbis in the recordings folder and wins over the generated voice at once. Without a
 * microphone the screen says so and nothing else changes. */
#include "../base/text.h"
#include "../base/trace.h"
#include "../content/uikeys.h"
#include "../narration/encode.h"
#include "../platform/capture.h"
#include "../ui/layout.h"
#include "../ui/widget.h"
#include "panel.h"

#include <stdio.h>
#include <string.h>

#define MAX_KEYS (2 + PALLAY_MAX_SLIDES + PALLAY_MAX_QUESTIONS * (2 + PALLAY_MAX_ANSWERS))

enum { STEP_NOMIC, STEP_MODULE, STEP_ITEM, STEP_RECORDING, STEP_TAKE };

typedef struct {
    int step, module, at;
    int lang;               /* the language being recorded (catalog index) */
    struct { char key[PALLAY_NAME_LEN]; char picture[PALLAY_NAME_LEN]; } items[MAX_KEYS];
    int n;
    char take[PALLAY_PATH_LEN];
    PanelMessage msg;
} RecorderState;

static RecorderState state;

static void add(RecorderState *st, const char *key, const char *picture)
{
    for (int i = 0; i < st->n; i++)
        if (strcmp(st->items[i].key, key) == 0) return;    /* an answer used twice is recorded once */
    if (st->n == MAX_KEYS) return;
    text_copy(st->items[st->n].key, PALLAY_NAME_LEN, key);
    text_copy(st->items[st->n++].picture, PALLAY_NAME_LEN, picture ? picture : "");
}

/* Everything the module says, in the order a learner hears it. */
static void list_module(RecorderState *st, const Module *m)
{
    st->n = st->at = 0;
    add(st, m->title, m->tile);
    for (int s = 0; s < m->nslides; s++) {
        add(st, m->slides[s].key, m->slides[s].picture);
        if (m->slides[s].nohelp[0]) add(st, m->slides[s].nohelp, m->slides[s].picture);
    }
    for (int q = 0; q < m->nquestions; q++) {
        add(st, m->questions[q].key, NULL);
        for (int a = 0; a < m->questions[q].nanswers; a++) add(st, m->questions[q].answers[a].key, m->questions[q].answers[a].picture);
        add(st, m->questions[q].why, NULL);
    }
}

static void enter(Screen *s, Ctx *c, int arg)
{
    RecorderState *st = s->state;
    (void)arg;
    memset(st, 0, sizeof *st);
    st->lang = c->lang;
    Err e;
    if (capture_open(PALLAY_RECORD_S, &e) < 0) {
        trace("capture none: %s", e.msg);
        st->step = STEP_NOMIC;
        panel_tell(c, &st->msg, UIKEY_FAC_RECORD_NOMIC, 1);
        return;
    }
    st->step = STEP_MODULE;
    c->speak(c, UIKEY_FAC_RECORD_PICK);
}

/* The languages to record in, as a row of keys across the top of the area. */
static Rect lang_row(Ctx *c)
{
    Rect a = panel_area(c);
    return (Rect){ a.x, a.y, a.w, layout_min_target(c->w, c->h) * 5 / 4 };
}

static void cards(Ctx *c, Card *out)
{
    int n = catalog_module_count(c->cat);
    Rect a = panel_area(c), l = lang_row(c);
    int top = l.y + l.h + l.h / 4, bottom = c->h - a.x / 8;    /* no message line here: down to the edge */
    layout_cards((Rect){ a.x, top, a.w, bottom - top }, n, n > 6 ? 4 : 3, c->w, c->h, out);
}

/* "Idioma que se graba: Runasimi", in the facilitator's words and the language's own name. */
static void lang_line(RecorderState *st, Ctx *c, char *out, size_t n)
{
    const char *label = catalog_text(c->cat, c->lang, UIKEY_FAC_RECORD_LANG), *name = catalog_text(c->cat, st->lang, UIKEY_LANG_NAME);
    text_fmt(out, n, "%s: %s", label ? label : "", name ? name : catalog_lang(c->cat, st->lang)->code);
}

static void layout(Screen *s, Ctx *c, ButtonSet *bs)
{
    RecorderState *st = s->state;
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    button_add(bs, "back", pl.home, BUTTON_BLUE, UIPIC_BACK, UIKEY_BACK);
    if (st->step == STEP_MODULE) {
        Rect l = lang_row(c);
        int nl = catalog_lang_count(c->cat), kw = l.w / (nl ? nl : 1);
        for (int i = 0; i < nl; i++) {
            char id[PALLAY_NAME_LEN];
            text_fmt(id, sizeof id, "reclang:%s", catalog_lang(c->cat, i)->code);
            const char *name = catalog_text(c->cat, i, UIKEY_LANG_NAME);
            panel_key(bs, id, (Rect){ l.x + i * kw + kw / 16, l.y, kw - kw / 8, l.h }, name ? name : id, NULL)->selected = i == st->lang;
        }
        Card cs[PALLAY_MAX_MODULES];
        cards(c, cs);
        for (int i = 0; i < catalog_module_count(c->cat); i++) {
            char id[PALLAY_NAME_LEN];
            text_fmt(id, sizeof id, "module:%s", catalog_module(c->cat, i)->id);
            button_add(bs, id, cs[i].card, BUTTON_CARD, NULL, catalog_module(c->cat, i)->title);
        }
        return;
    }
    if (st->step < STEP_ITEM) return;
    Rect a = panel_area(c);
    int d = pl.next.w;
    Rect mid = { a.x + a.w / 2 - d / 2, pl.next.y, d, d };
    if (st->step == STEP_RECORDING) {
        button_add(bs, "stop", mid, BUTTON_BLUE, UIPIC_STOP, NULL);
        return;
    }
    button_add(bs, "record", mid, BUTTON_RED, UIPIC_RECORD, NULL);
    button_add(bs, "hear", pl.repeat, BUTTON_ORANGE, UIPIC_REPEAT, UIKEY_REPEAT);
    if (st->step == STEP_TAKE) {
        button_add(bs, "keep", pl.next, BUTTON_GREEN, UIPIC_RIGHT, UIKEY_OK);
        return;
    }
    if (st->at > 0) button_add(bs, "prev", pl.back, BUTTON_BLUE, UIPIC_BACK, UIKEY_BACK);
    if (st->at < st->n - 1) button_add(bs, "next", pl.next, BUTTON_GREEN, UIPIC_NEXT, UIKEY_NEXT);
}

static void draw(Screen *s, Ctx *c, const ButtonSet *bs)
{
    RecorderState *st = s->state;
    Rect a = panel_area(c);
    if (st->step == STEP_NOMIC || st->step == STEP_MODULE) {
        panel_title(c, st->step == STEP_NOMIC ? UIKEY_FAC_RECORD : UIKEY_FAC_RECORD_PICK);
        if (st->step == STEP_MODULE) {
            Card cs[PALLAY_MAX_MODULES];
            cards(c, cs);
            int px = panel_modules_px(c, cs, catalog_module_count(c->cat));
            for (int i = 0; i < catalog_module_count(c->cat); i++) panel_module_card(c, &cs[i], i, px, 0);
            panel_draw_keys(c, bs);
        }
        panel_message(c, st->msg.text, st->msg.error);
        return;
    }
    panel_title(c, st->step == STEP_TAKE ? UIKEY_FAC_RECORD_KEEP : UIKEY_FAC_RECORD_ITEM);
    const char *key = st->items[st->at].key, *text = catalog_text(c->cat, st->lang, key);
    char path[PALLAY_PATH_LEN] = "", line[PALLAY_ERR_LEN];
    lang_line(st, c, line, sizeof line);
    Rect lr = { a.x, a.y, a.w, a.h / 7 };
    gfx_rounded_rect(lr, lr.h / 4, (Color){ 238, 230, 214, 255 });
    gfx_text_box(line, lr, FONT_MEDIUM, WIDGET_INK);
    if (st->items[st->at].picture[0]) {
        c->picture(c, st->items[st->at].picture, path, sizeof path);
        gfx_picture(path, (Rect){ a.x, a.y + a.h / 7 + a.h / 40, a.w, a.h * 3 / 5 - a.h / 7 - a.h / 40 });
    }
    gfx_text_box(text ? text : key, (Rect){ a.x, a.y + a.h * 3 / 5, a.w, a.h * 2 / 5 - a.h / 10 }, FONT_MEDIUM, WIDGET_INK);
    if (st->step == STEP_RECORDING) gfx_circle(a.x + a.w - a.h / 12, a.y + a.h / 12, a.h / 20, WIDGET_WRONG);   /* "on air" */
    (void)bs;
    panel_message(c, st->msg.text, st->msg.error);
}

/* The take is written next to the kept recordings, under a name the narration never looks for. */
static void take_path(RecorderState *st, Ctx *c, char *path, size_t n)
{
    text_fmt(path, n, "%s/%s/.take-%s.ogg", c->recordings, catalog_lang(c->cat, st->lang)->code, st->items[st->at].key);
}

static void stop(RecorderState *st, Ctx *c)
{
    const short *pcm;
    int n = capture_end(&pcm);
    if (n < CAPTURE_MIN_SAMPLES) {
        st->step = STEP_ITEM;
        panel_tell(c, &st->msg, UIKEY_FAC_RECORD_SHORT, 1);
        return;
    }
    Err e;
    take_path(st, c, st->take, sizeof st->take);
    if (text_make_parent(st->take, &e) < 0 || encode_ogg(pcm, n, PALLAY_RECORD_RATE, st->take, &e) < 0) {
        st->step = STEP_ITEM;
        c->save_failed(c, "recording", &e);
        return;
    }
    st->step = STEP_TAKE;
    c->play_file(c, st->take);
}

static void keep(RecorderState *st, Ctx *c)
{
    char path[PALLAY_PATH_LEN];
    const char *key = st->items[st->at].key, *lang = catalog_lang(c->cat, st->lang)->code;
    text_fmt(path, sizeof path, "%s/%s/%s.ogg", c->recordings, lang, key);
    if (rename(st->take, path) != 0) {
        Err e;
        err_set(&e, "%s: cannot be saved", path);
        c->save_failed(c, "recording", &e);
        return;
    }
    trace("voice saved %s key=%s lang=%s", path, key, lang);
    st->step = STEP_ITEM;
    panel_tell(c, &st->msg, UIKEY_FAC_RECORD_SAVED, 0);
}

static Action press(Screen *s, Ctx *c, const char *id)
{
    RecorderState *st = s->state;
    st->msg.text[0] = '\0';
    if (strcmp(id, "back") == 0) {
        if (st->step == STEP_RECORDING) capture_stop();
        if (st->step == STEP_TAKE) remove(st->take);
        if (st->step >= STEP_ITEM) { st->step = STEP_MODULE; return NO_ACTION; }
        return (Action){ ACTION_POP, 0, 0 };
    }
    if (st->step == STEP_MODULE && strncmp(id, "reclang:", 8) == 0) {
        int l = catalog_find_lang(c->cat, id + 8);
        /* The language's own name, in its own voice: which one will be recorded. */
        if (l >= 0) { st->lang = l; c->speak_in(c, l, UIKEY_LANG_NAME); }
    } else if (st->step == STEP_MODULE && strncmp(id, "module:", 7) == 0) {
        int m = catalog_find_module(c->cat, id + 7);
        if (m < 0) return NO_ACTION;
        list_module(st, catalog_module(c->cat, m));
        st->step = STEP_ITEM;
        c->speak_in(c, st->lang, UIKEY_LANG_NAME);
    } else if (strcmp(id, "record") == 0) {
        if (st->step == STEP_TAKE) remove(st->take);
        c->speak(c, UIKEY_FAC_RECORD_ITEM);     /* stops what plays: it must not be recorded */
        trace("capture start key=%s lang=%s", st->items[st->at].key, catalog_lang(c->cat, st->lang)->code);
        capture_start();
        st->step = STEP_RECORDING;
    } else if (strcmp(id, "stop") == 0 && st->step == STEP_RECORDING) {
        stop(st, c);
    } else if (strcmp(id, "keep") == 0 && st->step == STEP_TAKE) {
        keep(st, c);
    } else if (strcmp(id, "hear") == 0) {
        if (st->step == STEP_TAKE) c->play_file(c, st->take);
        else c->speak_in(c, st->lang, st->items[st->at].key);
    } else if (strcmp(id, "next") == 0 && st->at < st->n - 1) {
        c->speak_in(c, st->lang, st->items[++st->at].key);
    } else if (strcmp(id, "prev") == 0 && st->at > 0) {
        c->speak_in(c, st->lang, st->items[--st->at].key);
    }
    return NO_ACTION;
}

Screen *recorder_screen(void)
{
    static Screen s = {
        .name = "recorder",
        .enter = enter,
        .layout = layout,
        .draw = draw,
        .press = press,
        .state = &state,
    };
    return &s;
}
