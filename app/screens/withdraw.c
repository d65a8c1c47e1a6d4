/* withdraw: a woman withdraws her consent. The facilitator touches her sign (only women whose
 * name is kept are shown), hears and reads what will happen, and confirms: her name and year of
 * birth are erased for good (consent_withdraw), and a record says when and by whom. "No" goes
 * back without changing anything. */
#include "../base/text.h"
#include "../base/trace.h"
#include "../content/uikeys.h"
#include "../store/people.h"
#include "../ui/layout.h"
#include "../ui/widget.h"
#include "panel.h"

#include <string.h>

enum { STEP_WHO, STEP_CONFIRM };

typedef struct {
    int step, chosen;
    Learners named;             /* the women whose name is kept */
    PanelMessage msg;
} WithdrawState;

static WithdrawState state;

typedef struct { const Learners *all; unsigned char keep[PANEL_MAX_LEARNERS]; } Named;

static void note_named(const char *learner, void *ud)
{
    Named *n = ud;
    for (int i = 0; i < n->all->n; i++) n->keep[i] |= strcmp(learner, n->all->l[i].id) == 0;
}

/* Keeps in st->named only the learners whose name (or year of birth) is kept, oldest first. */
static void load(WithdrawState *st, Ctx *c)
{
    static Learners all;
    Named n = { &all, { 0 } };
    Err e;
    st->named.n = 0;
    panel_learners(c, &all);
    if (participant_each_named(c->store, note_named, &n, &e) < 0) { c->save_failed(c, "named", &e); return; }
    for (int i = 0; i < all.n; i++)
        if (n.keep[i]) st->named.l[st->named.n++] = all.l[i];
}

static void enter(Screen *s, Ctx *c, int arg)
{
    WithdrawState *st = s->state;
    (void)arg;
    memset(st, 0, sizeof *st);
    load(st, c);
    st->step = STEP_WHO;
    c->speak(c, UIKEY_FAC_WITHDRAW_WHO);
    if (st->named.n == 0) panel_tell(c, &st->msg, UIKEY_FAC_WITHDRAW_NONE, 0);
}

static void layout(Screen *s, Ctx *c, ButtonSet *bs)
{
    WithdrawState *st = s->state;
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    Rect a = panel_area(c);
    button_add(bs, "back", pl.home, BUTTON_BLUE, UIPIC_BACK, UIKEY_BACK);
    if (st->step == STEP_WHO) {
        Rect cells[PANEL_MAX_LEARNERS];
        char id[PALLAY_NAME_LEN];
        panel_grid(a, st->named.n, 8, cells);
        for (int i = 0; i < st->named.n; i++) {
            text_fmt(id, sizeof id, "who:%s/%s", st->named.l[i].symbol, st->named.l[i].colour);
            button_add(bs, id, cells[i], BUTTON_CARD, NULL, NULL);
        }
        return;
    }
    Rect r = { a.x, a.y + a.h * 3 / 4, a.w / 2 - 8, a.h / 4 };
    const char *yes = catalog_text(c->cat, c->lang, UIKEY_FAC_WITHDRAW_YES), *no = catalog_text(c->cat, c->lang, UIKEY_FAC_WITHDRAW_NO);
    panel_key(bs, "withdraw:yes", r, yes ? yes : "yes", UIKEY_FAC_WITHDRAW_YES);
    r.x += a.w / 2 + 8;
    panel_key(bs, "withdraw:no", r, no ? no : "no", UIKEY_FAC_WITHDRAW_NO);
    button_add(bs, "repeat", pl.repeat, BUTTON_ORANGE, UIPIC_REPEAT, UIKEY_REPEAT);
}

static void draw(Screen *s, Ctx *c, const ButtonSet *bs)
{
    WithdrawState *st = s->state;
    panel_title(c, st->step == STEP_WHO ? UIKEY_FAC_WITHDRAW_WHO : UIKEY_FAC_WITHDRAW);
    Rect a = panel_area(c);
    if (st->step == STEP_WHO) {
        for (int i = 0, k = 0; i < bs->n; i++)
            if (strncmp(bs->b[i].id, "who:", 4) == 0 && k < st->named.n) {
                panel_sign(c, bs->b[i].r, st->named.l[k].symbol, st->named.l[k].colour, 0);
                k++;
            }
    } else {
        const Learner *l = &st->named.l[st->chosen];
        PlayerLayout pl;
        layout_player(c->w, c->h, &pl);
        panel_sign(c, pl.back, l->symbol, l->colour, 0);
        const char *t = catalog_text(c->cat, c->lang, UIKEY_FAC_WITHDRAW_ASK);
        gfx_text_box(t ? t : "", (Rect){ a.x, a.y, a.w, a.h * 3 / 4 - 16 }, FONT_MEDIUM, WIDGET_INK);
    }
    panel_draw_keys(c, bs);
    panel_message(c, st->msg.text, st->msg.error);
}

/* The one thing this screen writes: her names erased, and the record that says so. */
static void withdraw(WithdrawState *st, Ctx *c)
{
    const Learner *l = &st->named.l[st->chosen];
    char id[37];
    int erased = 0;
    Err e;
    if (consent_withdraw(c->store, l->id, c->facilitator->id, id, &erased, &e) < 0) {
        c->save_failed(c, "withdrawal", &e);
        return;
    }
    trace("record withdrawal id=%s learner=%s erased=%d committed", id, l->id, erased);
    c->effect(c, UISOUND_DONE);
    load(st, c);
    st->step = STEP_WHO;
    panel_tell(c, &st->msg, UIKEY_FAC_WITHDRAWN, 0);
}

static Action press(Screen *s, Ctx *c, const char *id)
{
    WithdrawState *st = s->state;
    const Signs *sg = catalog_signs(c->cat);
    st->msg.text[0] = '\0';
    if (strcmp(id, "back") == 0 || strcmp(id, "withdraw:no") == 0) {
        if (st->step == STEP_WHO) return (Action){ ACTION_POP, 0, 0 };
        st->step = STEP_WHO;
        c->speak(c, UIKEY_FAC_WITHDRAW_WHO);
        return NO_ACTION;
    }
    if (st->step == STEP_WHO && strncmp(id, "who:", 4) == 0) {
        for (int i = 0; i < st->named.n; i++) {
            char sign[PALLAY_NAME_LEN];
            text_fmt(sign, sizeof sign, "who:%s/%s", st->named.l[i].symbol, st->named.l[i].colour);
            if (strcmp(sign, id) != 0) continue;
            st->chosen = i;
            st->step = STEP_CONFIRM;
            int sym = signs_symbol(sg, st->named.l[i].symbol), col = signs_colour(sg, st->named.l[i].colour);
            if (sym >= 0 && col >= 0) {
                c->speak(c, sg->symbols[sym].key);
                c->then(c, sg->colours[col].key);
                c->then(c, UIKEY_FAC_WITHDRAW_ASK);
            } else {
                c->speak(c, UIKEY_FAC_WITHDRAW_ASK);
            }
        }
        return NO_ACTION;
    }
    if (st->step == STEP_CONFIRM && strcmp(id, "repeat") == 0) c->speak(c, UIKEY_FAC_WITHDRAW_ASK);
    if (st->step == STEP_CONFIRM && strcmp(id, "withdraw:yes") == 0) withdraw(st, c);
    return NO_ACTION;
}

Screen *withdraw_screen(void)
{
    static Screen s = {
        .name = "withdraw",
        .enter = enter,
        .layout = layout,
        .draw = draw,
        .press = press,
        .state = &state,
    };
    return &s;
}
