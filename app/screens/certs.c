/* certs: for the facilitator, the women who have finished the course (passed the quiz of every
 * module) since the latest workshop was closed, so she can congratulate them at the next one:
 * their signs, the earliest first; touching one says it. Read only. */
#include "../base/text.h"
#include "../base/trace.h"
#include "../content/uikeys.h"
#include "../store/stats.h"
#include "../ui/layout.h"
#include "../ui/widget.h"
#include "panel.h"

#include <string.h>

typedef struct {
    Learners done;
    PanelMessage msg;
} CertsState;

static CertsState state;

static void note(const char *learner, const char *symbol, const char *colour, long long at, void *ud)
{
    Learners *l = ud;
    (void)at;
    if (l->n == PANEL_MAX_LEARNERS) return;
    Learner *x = &l->l[l->n++];
    text_copy(x->id, sizeof x->id, learner);
    text_copy(x->symbol, sizeof x->symbol, symbol);
    text_copy(x->colour, sizeof x->colour, colour);
}

static void enter(Screen *s, Ctx *c, int arg)
{
    CertsState *st = s->state;
    (void)arg;
    memset(st, 0, sizeof *st);
    const char *modules[PALLAY_MAX_MODULES];
    int n = catalog_module_count(c->cat);
    for (int i = 0; i < n && i < PALLAY_MAX_MODULES; i++) modules[i] = catalog_module(c->cat, i)->id;
    Err e;
    if (stats_certified(c->store, modules, n < PALLAY_MAX_MODULES ? n : PALLAY_MAX_MODULES, note, &st->done, &e) < 0) {
        c->save_failed(c, "certified", &e);
        return;
    }
    trace("certs women=%d", st->done.n);
    c->speak(c, st->done.n ? UIKEY_FAC_CERTS_WHO : UIKEY_FAC_CERTS_NONE);
    if (st->done.n == 0) panel_tell(c, &st->msg, UIKEY_FAC_CERTS_NONE, 0);
}

static void layout(Screen *s, Ctx *c, ButtonSet *bs)
{
    CertsState *st = s->state;
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    button_add(bs, "back", pl.home, BUTTON_BLUE, UIPIC_BACK, UIKEY_BACK);
    Rect cells[PANEL_MAX_LEARNERS];
    char id[PALLAY_NAME_LEN];
    panel_grid(panel_area(c), st->done.n, 8, cells);
    for (int i = 0; i < st->done.n; i++) {
        text_fmt(id, sizeof id, "who:%s/%s", st->done.l[i].symbol, st->done.l[i].colour);
        button_add(bs, id, cells[i], BUTTON_CARD, NULL, NULL);
    }
}

static void draw(Screen *s, Ctx *c, const ButtonSet *bs)
{
    CertsState *st = s->state;
    panel_title(c, UIKEY_FAC_CERTS_WHO);
    for (int i = 0, k = 0; i < bs->n; i++)
        if (strncmp(bs->b[i].id, "who:", 4) == 0 && k < st->done.n) {
            panel_sign(c, bs->b[i].r, st->done.l[k].symbol, st->done.l[k].colour, 0);
            k++;
        }
    panel_message(c, st->msg.text, st->msg.error);
}

static Action press(Screen *s, Ctx *c, const char *id)
{
    if (strcmp(id, "back") == 0) return (Action){ ACTION_POP, 0, 0 };
    CertsState *st = s->state;
    /* The cells are in the order of st->done: the id names which. */
    for (int i = 0; i < st->done.n && strncmp(id, "who:", 4) == 0; i++) {
        const Learner *l = &st->done.l[i];
        char sign[PALLAY_NAME_LEN * 2 + 8];
        text_fmt(sign, sizeof sign, "who:%s/%s", l->symbol, l->colour);
        if (strcmp(sign, id) == 0) screen_say_sign(c, l->symbol, l->colour);
    }
    return NO_ACTION;
}

Screen *certs_screen(void)
{
    static Screen s = {
        .name = "certs",
        .enter = enter,
        .layout = layout,
        .draw = draw,
        .press = press,
        .state = &state,
    };
    return &s;
}
