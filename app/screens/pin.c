/* pin: the facilitator's PIN pad, opened by holding the hidden top-right corner of the first
 * screen (arg 0), or on a kiosk's first start to set the PIN (arg 1: her name, the PIN, the PIN
 * again). A wrong PIN is refused with a wait that grows; five in a row lock the pad for minutes. */
#include "../base/text.h"
#include "../base/trace.h"
#include "../content/uikeys.h"
#include "../store/people.h"
#include "../ui/keyboard.h"
#include "../ui/layout.h"
#include "../ui/widget.h"
#include "panel.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

enum { STEP_CHECK, STEP_NAME, STEP_NEW, STEP_AGAIN };

typedef struct {
    int step;
    char digits[PALLAY_PIN_MAX + 1];
    char first[PALLAY_PIN_MAX + 1];     /* the new PIN, while it is typed again */
    char name[PALLAY_TEXT_LEN];
    int shift;
    PanelMessage msg;
} PinState;

static PinState state;

static const char *const PROMPT[] = {
    [STEP_CHECK] = UIKEY_FAC_PIN, [STEP_NAME] = UIKEY_FAC_PIN_NAME, [STEP_NEW] = UIKEY_FAC_PIN_NEW, [STEP_AGAIN] = UIKEY_FAC_PIN_AGAIN,
};

static void go_to(PinState *st, Ctx *c, int step)
{
    st->step = step;
    st->digits[0] = '\0';
    st->msg.text[0] = '\0';
    c->speak(c, PROMPT[step]);
}

static void enter(Screen *s, Ctx *c, int arg)
{
    PinState *st = s->state;
    memset(st, 0, sizeof *st);
    Err e;
    int set = c->store ? pin_is_set(c->store, &e) : -1;
    go_to(st, c, arg || set == 0 ? STEP_NAME : STEP_CHECK);
}

static void layout(Screen *s, Ctx *c, ButtonSet *bs)
{
    PinState *st = s->state;
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    button_add(bs, "back", pl.home, BUTTON_BLUE, UIPIC_BACK, UIKEY_BACK);
    Rect a = panel_area(c);
    if (st->step == STEP_NAME) {
        keyboard_layout((Rect){ a.x, a.y + a.h / 4, a.w, a.h * 3 / 4 }, st->shift, bs);
        if (st->name[0]) button_add(bs, "ok", pl.next, BUTTON_GREEN, UIPIC_RIGHT, UIKEY_OK);
        return;
    }
    /* A phone-like pad on the right half, the dots on the left. */
    int kw = a.h / 4 * 3 / 2;
    panel_pad(bs, "pin:", (Rect){ a.x + a.w - 3 * kw, a.y, 3 * kw, a.h }, "pin:ok", "OK");
}

static void draw(Screen *s, Ctx *c, const ButtonSet *bs)
{
    PinState *st = s->state;
    panel_title(c, PROMPT[st->step]);
    Rect a = panel_area(c);
    if (st->step == STEP_NAME) {
        panel_typed(c, st->name);
    } else {
        int pad_x = a.x + a.w - 3 * (a.h / 4 * 3 / 2), n = (int)strlen(st->digits);
        int d = (pad_x - a.x) / (PALLAY_PIN_MAX + 1), x = a.x + d;
        if (d > a.h / 10) d = a.h / 10;
        for (int i = 0; i < PALLAY_PIN_MAX; i++)
            gfx_circle(x + i * d, a.y + a.h / 2, d * 2 / 5, i < n ? WIDGET_INK : (Color){ 200, 200, 200, 255 });
    }
    panel_draw_keys(c, bs);
    panel_message(c, st->msg.text, st->msg.error);
}

/* The PIN is complete: check it, or go on with setting it. */
static Action confirm(PinState *st, Ctx *c)
{
    Err e;
    if (st->step == STEP_NEW) {
        if ((int)strlen(st->digits) < PALLAY_PIN_MIN) { panel_tell(c, &st->msg, UIKEY_FAC_PIN_SHORT, 1); return NO_ACTION; }
        text_copy(st->first, sizeof st->first, st->digits);
        go_to(st, c, STEP_AGAIN);
        return NO_ACTION;
    }
    if (st->step == STEP_AGAIN) {
        Facilitator f;
        if (strcmp(st->first, st->digits) != 0) {
            go_to(st, c, STEP_NEW);
            panel_tell(c, &st->msg, UIKEY_FAC_PIN_DIFFER, 1);
            return NO_ACTION;
        }
        if (pin_set(c->store, st->name, st->digits, &f, &e) < 0) { c->save_failed(c, "pin", &e); return NO_ACTION; }
        trace("record facilitator id=%s committed", f.id);
        memset(st->first, 0, sizeof st->first);
        c->facilitator_in(c, &f);
        c->speak(c, UIKEY_FAC_PIN_SAVED);
        return (Action){ ACTION_REPLACE, SCREEN_FACILITATOR, 0 };
    }
    int wait = 0;
    Facilitator f;
    PinResult r = pin_check(c->store, st->digits, pin_now_ms(), &wait, &f, &e);
    st->digits[0] = '\0';
    trace("pin %s wait_s=%d wait_ms=%d", r == PIN_OK ? "ok" : r == PIN_WRONG ? "wrong" : r == PIN_WAIT ? "wait" : r == PIN_LOCKED ? "locked" : "error",
          PIN_SECONDS(wait), wait);
    switch (r) {
    case PIN_OK:
        c->facilitator_in(c, &f);
        return (Action){ ACTION_REPLACE, SCREEN_FACILITATOR, 0 };
    case PIN_WRONG: panel_tell(c, &st->msg, UIKEY_FAC_PIN_WRONG, 1); break;
    case PIN_WAIT: panel_tell(c, &st->msg, UIKEY_FAC_PIN_WAIT, 1); break;
    case PIN_LOCKED: panel_tell(c, &st->msg, UIKEY_FAC_PIN_LOCKED, 1); break;
    case PIN_UNSET: go_to(st, c, STEP_NAME); break;
    case PIN_ERROR: c->save_failed(c, "pin", &e); break;
    }
    return NO_ACTION;
}

static Action press(Screen *s, Ctx *c, const char *id)
{
    PinState *st = s->state;
    if (strcmp(id, "back") == 0) {
        if (st->step == STEP_AGAIN) { go_to(st, c, STEP_NEW); return NO_ACTION; }
        if (st->step == STEP_NEW) { go_to(st, c, STEP_NAME); return NO_ACTION; }
        return (Action){ ACTION_POP, 0, 0 };
    }
    if (st->step == STEP_NAME) {
        if (strcmp(id, "ok") == 0) {
            Err e;
            if (people_check_name(st->name, 1, &e) < 0) { panel_tell(c, &st->msg, UIKEY_FAC_ERROR_NAME, 1); return NO_ACTION; }
            go_to(st, c, STEP_NEW);
            return NO_ACTION;
        }
        keyboard_press(id, st->name, sizeof st->name, PALLAY_NAME_CHARS + 1, &st->shift);
        return NO_ACTION;
    }
    if (strncmp(id, "pin:", 4) != 0) return NO_ACTION;
    const char *k = id + 4;
    size_t n = strlen(st->digits);
    if (strcmp(k, "ok") == 0) return confirm(st, c);
    if (strcmp(k, "del") == 0) { if (n) st->digits[n - 1] = '\0'; }
    else if (n < PALLAY_PIN_MAX) { st->digits[n] = k[0]; st->digits[n + 1] = '\0'; }
    return NO_ACTION;
}

/* A physical keyboard types the name, or the digits. */
static void text(Screen *s, Ctx *c, const char *utf8)
{
    PinState *st = s->state;
    (void)c;
    if (st->step == STEP_NAME) { keyboard_type(utf8, st->name, sizeof st->name, PALLAY_NAME_CHARS + 1); return; }
    size_t n = strlen(st->digits);
    if (strcmp(utf8, "\b") == 0) { if (n) st->digits[n - 1] = '\0'; }
    else if (utf8[0] >= '0' && utf8[0] <= '9' && !utf8[1] && n < PALLAY_PIN_MAX) { st->digits[n] = utf8[0]; st->digits[n + 1] = '\0'; }
}

Screen *pin_screen(void)
{
    static Screen s = {
        .name = "pin",
        .enter = enter,
        .layout = layout,
        .draw = draw,
        .press = press,
        .state = &state,
        .text = text,
    };
    return &s;
}
