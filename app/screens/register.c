/* register: a facilitator registers a woman (arg 1: from the workshop, and marks her present).
 *   1. her sign: a symbol, then a colour (a sign already on this kiosk is marked, and choosing
 *      it registers that learner);
 *   2. consent: the consent text is shown and spoken; yes or no;
 *   3. with consent: her name (on-screen or physical keyboard), then her year of birth (may be skipped);
 *   4. saved: a learner (if new) and a participant record; without consent only the sign.
 * The community is the open workshop's, if there is one. */
#include "../base/text.h"
#include "../base/trace.h"
#include "../content/uikeys.h"
#include "../store/people.h"
#include "../store/workshops.h"
#include "../ui/keyboard.h"
#include "../ui/layout.h"
#include "../ui/widget.h"
#include "panel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { STEP_SYMBOL, STEP_COLOUR, STEP_CONSENT, STEP_NAME, STEP_YEAR };

typedef struct {
    int from_workshop;
    int step, symbol, colour, consent;
    char name[PALLAY_TEXT_LEN];
    char year[8];
    int shift;
    unsigned char taken[PALLAY_MAX_SIGNS][PALLAY_MAX_COLOURS];
    PanelMessage msg;
} RegisterState;

static RegisterState state;

static const char *const PROMPT[] = {
    [STEP_SYMBOL] = UIKEY_FAC_SIGN, [STEP_COLOUR] = UIKEY_FAC_COLOUR, [STEP_CONSENT] = UIKEY_FAC_CONSENT,
    [STEP_NAME] = UIKEY_FAC_NAME, [STEP_YEAR] = UIKEY_FAC_YEAR,
};


static void go_to(RegisterState *st, Ctx *c, int step)
{
    st->step = step;
    c->speak(c, PROMPT[step]);
}

static void enter(Screen *s, Ctx *c, int arg)
{
    RegisterState *st = s->state;
    memset(st, 0, sizeof *st);
    st->from_workshop = arg;
    st->symbol = st->colour = st->consent = -1;
    screen_signs_taken(c, st->taken);
    go_to(st, c, STEP_SYMBOL);
}

static void layout(Screen *s, Ctx *c, ButtonSet *bs)
{
    RegisterState *st = s->state;
    const Signs *sg = catalog_signs(c->cat);
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    Rect a = panel_area(c);
    button_add(bs, "back", pl.home, BUTTON_BLUE, UIPIC_BACK, UIKEY_BACK);
    char id[PALLAY_NAME_LEN];
    Rect cells[PALLAY_MAX_SIGNS];
    switch (st->step) {
    case STEP_SYMBOL:
        panel_grid(a, sg->nsymbols, 6, cells);
        for (int i = 0; i < sg->nsymbols; i++) {
            text_fmt(id, sizeof id, "symbol:%s", sg->symbols[i].id);
            button_add(bs, id, cells[i], BUTTON_CARD, NULL, sg->symbols[i].key);
        }
        break;
    case STEP_COLOUR:
        panel_grid(a, sg->ncolours, 3, cells);
        for (int i = 0; i < sg->ncolours; i++) {
            text_fmt(id, sizeof id, "colour:%s", sg->colours[i].id);
            button_add(bs, id, cells[i], BUTTON_CARD, NULL, sg->colours[i].key);
        }
        break;
    case STEP_CONSENT: {
        Rect r = { a.x, a.y + a.h * 3 / 4, a.w / 2 - 8, a.h / 4 };
        const char *yes = catalog_text(c->cat, c->lang, UIKEY_FAC_YES), *no = catalog_text(c->cat, c->lang, UIKEY_FAC_NO);
        panel_key(bs, "consent:yes", r, yes ? yes : "yes", UIKEY_FAC_YES);
        r.x += a.w / 2 + 8;
        panel_key(bs, "consent:no", r, no ? no : "no", UIKEY_FAC_NO);
        button_add(bs, "repeat", pl.repeat, BUTTON_ORANGE, UIPIC_REPEAT, UIKEY_REPEAT);
        break;
    }
    case STEP_NAME:
        keyboard_layout((Rect){ a.x, a.y + a.h / 4, a.w, a.h * 3 / 4 }, st->shift, bs);
        if (st->name[0]) button_add(bs, "ok", pl.next, BUTTON_GREEN, UIPIC_RIGHT, UIKEY_OK);
        break;
    case STEP_YEAR: {
        /* Under the typed year: the pad, and beside it "does not know", a key of its own. */
        int top = a.y + a.h / 5 + a.h / 40, ph = a.y + a.h - top, pw = ph * 3 / 4 * 3 / 2;
        if (pw > a.w * 3 / 5) pw = a.w * 3 / 5;
        panel_pad(bs, "year:", (Rect){ a.x, top, pw, ph }, NULL, NULL);
        const char *skip = catalog_text(c->cat, c->lang, UIKEY_FAC_SKIP);
        int gap = a.w / 20;
        panel_key(bs, "skip", (Rect){ a.x + pw + gap, top + ph / 4, a.w - pw - gap, ph / 2 }, skip ? skip : "-", UIKEY_FAC_SKIP);
        button_add(bs, "ok", pl.next, BUTTON_GREEN, UIPIC_RIGHT, UIKEY_OK);
        break;
    }
    }
}

static void draw(Screen *s, Ctx *c, const ButtonSet *bs)
{
    RegisterState *st = s->state;
    const Signs *sg = catalog_signs(c->cat);
    panel_title(c, PROMPT[st->step]);
    Rect a = panel_area(c);
    for (int i = 0; i < bs->n; i++) {
        const Button *b = &bs->b[i];
        int sym = -1, col = -1;
        if (strncmp(b->id, "symbol:", 7) == 0) sym = signs_symbol(sg, b->id + 7);
        else if (strncmp(b->id, "colour:", 7) == 0) { sym = st->symbol; col = signs_colour(sg, b->id + 7); }
        else continue;
        panel_sign(c, b->r, sg->symbols[sym].id, col >= 0 ? sg->colours[col].id : "", 0);
        if (col >= 0 && st->taken[sym][col]) {   /* a woman of this kiosk has it: choosing it registers her */
            char path[PALLAY_PATH_LEN];
            c->picture(c, UIPIC_MINE, path, sizeof path);
            widget_badge(b->r.x + b->r.w * 5 / 6, b->r.y + b->r.h / 6, b->r.w / 6, (Color){ 0, 92, 169, 255 }, path);
        }
    }
    if (st->step == STEP_CONSENT) {
        const char *t = catalog_text(c->cat, c->lang, UIKEY_FAC_CONSENT_TEXT);
        gfx_text_box(t ? t : "", (Rect){ a.x, a.y, a.w, a.h * 3 / 4 - 16 }, FONT_MEDIUM, WIDGET_INK);
    }
    if (st->step == STEP_NAME || st->step == STEP_YEAR) panel_typed(c, st->step == STEP_NAME ? st->name : st->year);
    if (st->step == STEP_COLOUR || st->step == STEP_CONSENT) {
        PlayerLayout pl;
        layout_player(c->w, c->h, &pl);
        if (st->step == STEP_CONSENT && st->colour >= 0) panel_sign(c, pl.back, sg->symbols[st->symbol].id, sg->colours[st->colour].id, 0);
    }
    panel_draw_keys(c, bs);
    panel_message(c, st->msg.text, st->msg.error);
}

/* Saves her: a learner for a new sign, the participant record, and her presence in the workshop. */
static Action save(RegisterState *st, Ctx *c)
{
    const Signs *sg = catalog_signs(c->cat);
    Registration r = { st->consent, st->consent ? st->name : NULL, NULL, st->consent ? atoi(st->year) : 0 };
    Err e;
    if (participant_check(&r, &e) < 0) { panel_tell(c, &st->msg, st->consent ? UIKEY_FAC_ERROR_YEAR : UIKEY_FAC_ERROR_NAME, 1); return NO_ACTION; }
    char workshop[37] = "", community[37] = "", id[37];
    if (workshop_current(c->store, workshop, &e) < 0 || (workshop[0] && workshop_community(c->store, workshop, community, &e) < 0)) {
        c->save_failed(c, "workshop", &e);
        return NO_ACTION;
    }
    r.community_id = community[0] ? community : NULL;
    Learner l;
    const char *symbol = sg->symbols[st->symbol].id, *colour = sg->colours[st->colour].id;
    int found = records_find_learner(c->store, symbol, colour, &l, &e);
    if (found < 0 || (!found && records_add_learner(c->store, symbol, colour, &l, &e) < 0)) { c->save_failed(c, "learner", &e); return NO_ACTION; }
    if (!found) trace("record learner id=%s sign=%s/%s committed", l.id, symbol, colour);
    if (participant_register(c->store, l.id, &r, c->facilitator->id, id, &e) < 0) { c->save_failed(c, "participant", &e); return NO_ACTION; }
    trace("record participant id=%s learner=%s consent=%d committed", id, l.id, r.consent);
    if (st->from_workshop && workshop[0]) {
        if (attendance_mark(c->store, workshop, l.id, id, &e) == 0)
            trace("record attendance id=%s workshop=%s learner=%s committed", id, workshop, l.id);
        else if (!strstr(e.msg, "already")) c->save_failed(c, "attendance", &e);
    }
    c->effect(c, UISOUND_DONE);
    c->speak(c, UIKEY_FAC_REGISTERED);
    memset(st->name, 0, sizeof st->name);
    return (Action){ ACTION_POP, 0, 0 };
}

static Action press(Screen *s, Ctx *c, const char *id)
{
    RegisterState *st = s->state;
    const Signs *sg = catalog_signs(c->cat);
    st->msg.text[0] = '\0';
    if (strcmp(id, "back") == 0) {
        if (st->step == STEP_SYMBOL) return (Action){ ACTION_POP, 0, 0 };
        go_to(st, c, st->step == STEP_YEAR ? STEP_NAME : st->step == STEP_NAME ? STEP_CONSENT : st->step - 1);
        return NO_ACTION;
    }
    switch (st->step) {
    case STEP_SYMBOL:
        if (strncmp(id, "symbol:", 7) == 0 && (st->symbol = signs_symbol(sg, id + 7)) >= 0) go_to(st, c, STEP_COLOUR);
        break;
    case STEP_COLOUR:
        if (strncmp(id, "colour:", 7) == 0 && (st->colour = signs_colour(sg, id + 7)) >= 0) {
            c->speak(c, sg->symbols[st->symbol].key);
            c->then(c, sg->colours[st->colour].key);
            st->step = STEP_CONSENT;
            c->then(c, UIKEY_FAC_CONSENT_TEXT);
        }
        break;
    case STEP_CONSENT:
        if (strcmp(id, "repeat") == 0) c->speak(c, UIKEY_FAC_CONSENT_TEXT);
        else if (strcmp(id, "consent:no") == 0) { st->consent = 0; return save(st, c); }
        else if (strcmp(id, "consent:yes") == 0) { st->consent = 1; go_to(st, c, STEP_NAME); }
        break;
    case STEP_NAME:
        if (strcmp(id, "ok") == 0) {
            Err e;
            if (people_check_name(st->name, 1, &e) < 0) panel_tell(c, &st->msg, UIKEY_FAC_ERROR_NAME, 1);
            else go_to(st, c, STEP_YEAR);
        } else {
            keyboard_press(id, st->name, sizeof st->name, PALLAY_NAME_CHARS + 1, &st->shift);
        }
        break;
    case STEP_YEAR: {
        size_t n = strlen(st->year);
        if (strcmp(id, "skip") == 0) { st->year[0] = '\0'; return save(st, c); }
        if (strcmp(id, "ok") == 0) return save(st, c);
        if (strcmp(id, "year:del") == 0) { if (n) st->year[n - 1] = '\0'; }
        else if (strncmp(id, "year:", 5) == 0 && n < 4) { st->year[n] = id[5]; st->year[n + 1] = '\0'; }
        break;
    }
    }
    return NO_ACTION;
}

static void text(Screen *s, Ctx *c, const char *utf8)
{
    RegisterState *st = s->state;
    (void)c;
    if (st->step == STEP_NAME) keyboard_type(utf8, st->name, sizeof st->name, PALLAY_NAME_CHARS + 1);
    if (st->step == STEP_YEAR) keyboard_type(utf8[0] == '\b' || (utf8[0] >= '0' && utf8[0] <= '9') ? utf8 : "", st->year, sizeof st->year, 4);
}

Screen *register_screen(void)
{
    static Screen s = {
        .name = "register",
        .enter = enter,
        .layout = layout,
        .draw = draw,
        .press = press,
        .state = &state,
        .text = text,
    };
    return &s;
}
