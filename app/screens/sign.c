/* sign: a learner finds her sign (arg 0) or takes a new one (arg 1), without reading:
 *   1. symbols: touch one to hear its name, again to choose it;
 *   2. colours: that symbol in each colour; touch to hear "llama, red", again to choose;
 *   3. (new only) her sign, big: she hears "this is your sign" and confirms with the green button.
 * Finding shows only signs learners have; taking shows only free ones. The top-left button
 * goes one step back. */
#include "../base/text.h"
#include "../base/trace.h"
#include "../content/uikeys.h"
#include "../ui/layout.h"
#include "../ui/widget.h"
#include "screen.h"

#include <string.h>

enum { STEP_SYMBOL, STEP_COLOUR, STEP_CONFIRM };

typedef struct {
    int new_sign;           /* taking a new sign, not finding hers */
    int step;
    int symbol, colour;     /* chosen so far (signs indexes), or -1 */
    int selected;           /* item touched once in this step, or -1 */
    unsigned char taken[PALLAY_MAX_SIGNS][PALLAY_MAX_COLOURS];  /* a learner has this sign */
} SignState;

static SignState state;

static const Color NEUTRAL = { 170, 170, 170, 255 };  /* symbols before a colour is chosen */

void screen_sign_of(Ctx *c, const char *symbol, const char *colour, char *path, size_t n, unsigned char rgb[3])
{
    const Signs *sg = catalog_signs(c->cat);
    int y = signs_symbol(sg, symbol), k = signs_colour(sg, colour);
    path[0] = '\0';
    if (y >= 0) c->picture(c, sg->symbols[y].picture, path, n);
    rgb[0] = k >= 0 ? sg->colours[k].r : NEUTRAL.r;
    rgb[1] = k >= 0 ? sg->colours[k].g : NEUTRAL.g;
    rgb[2] = k >= 0 ? sg->colours[k].b : NEUTRAL.b;
}

void screen_say_sign(Ctx *c, const char *symbol, const char *colour)
{
    const Signs *sg = catalog_signs(c->cat);
    int y = signs_symbol(sg, symbol), k = signs_colour(sg, colour);
    if (y >= 0) c->speak(c, sg->symbols[y].key);
    if (k >= 0) c->then(c, sg->colours[k].key);
}

/* Whether item i of the current step is on offer. */
static int offered(SignState *st, const Signs *sg, int i)
{
    if (st->step == STEP_SYMBOL) {
        int any = 0;
        for (int k = 0; k < sg->ncolours; k++) any |= st->taken[i][k] != st->new_sign;
        return any;
    }
    return st->taken[st->symbol][i] != st->new_sign;
}

/* The items of this step on offer, as indexes into the symbols or colours. */
static int items(SignState *st, Ctx *c, int *out)
{
    const Signs *sg = catalog_signs(c->cat);
    int total = st->step == STEP_SYMBOL ? sg->nsymbols : st->step == STEP_COLOUR ? sg->ncolours : 0, n = 0;
    for (int i = 0; i < total; i++)
        if (offered(st, sg, i)) out[n++] = i;
    return n;
}

typedef struct { unsigned char (*taken)[PALLAY_MAX_COLOURS]; const Signs *sg; } TakenCtx;

static void note_learner(const Learner *l, void *ud)
{
    TakenCtx *t = ud;
    int y = signs_symbol(t->sg, l->symbol), k = signs_colour(t->sg, l->colour);
    if (y >= 0 && k >= 0) t->taken[y][k] = 1;
}

void screen_signs_taken(Ctx *c, unsigned char taken[PALLAY_MAX_SIGNS][PALLAY_MAX_COLOURS])
{
    memset(taken, 0, PALLAY_MAX_SIGNS * PALLAY_MAX_COLOURS);
    TakenCtx t = { taken, catalog_signs(c->cat) };
    Err e;
    if (c->store && records_each_learner(c->store, note_learner, &t, &e) < 0) c->save_failed(c, "learners", &e);
}

static void prompt(SignState *st, Ctx *c)
{
    if (st->step == STEP_SYMBOL) c->speak(c, st->new_sign ? UIKEY_SIGN_PICK_NEW : UIKEY_SIGN_PICK);
    else if (st->step == STEP_COLOUR) c->speak(c, st->new_sign ? UIKEY_SIGN_COLOUR_NEW : UIKEY_SIGN_COLOUR);
    else c->speak(c, UIKEY_SIGN_WELCOME);
}

static void enter(Screen *s, Ctx *c, int arg)
{
    SignState *st = s->state;
    memset(st, 0, sizeof *st);
    st->new_sign = arg;
    st->symbol = st->colour = st->selected = -1;
    screen_signs_taken(c, st->taken);
    int list[PALLAY_MAX_SIGNS];
    if (!st->new_sign && items(st, c, list) == 0) c->speak(c, UIKEY_SIGN_NOBODY);
    else prompt(st, c);
}

static void cards_for(SignState *st, Ctx *c, int n, Card *cards)
{
    HomeLayout hl;
    layout_home(c->w, c->h, &hl);
    int cols = st->step == STEP_SYMBOL ? (n > 12 ? 6 : 4) : (n > 4 ? n / 2 + n % 2 : n);
    layout_cards(hl.grid, n, cols, c->w, c->h, cards);
}

/* The square in which a card's sign is drawn. */
static Rect sign_rect(Rect picture)
{
    int d = (picture.w < picture.h ? picture.w : picture.h) * 9 / 10;
    return (Rect){ picture.x + (picture.w - d) / 2, picture.y + (picture.h - d) / 2, d, d };
}

static Rect confirm_rect(Ctx *c)
{
    int d = c->h / 2;
    return (Rect){ (c->w - d) / 2, (c->h - d) / 2 - c->h / 20, d, d };
}

static void layout(Screen *s, Ctx *c, ButtonSet *bs)
{
    SignState *st = s->state;
    const Signs *sg = catalog_signs(c->cat);
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    button_add(bs, "back", pl.home, BUTTON_BLUE, UIPIC_BACK, UIKEY_BACK);
    if (st->step == STEP_CONFIRM) {
        button_add(bs, "ok", pl.next, BUTTON_GREEN, UIPIC_RIGHT, UIKEY_OK);
        button_add(bs, "me", confirm_rect(c), BUTTON_CARD, NULL, sg->symbols[st->symbol].key);
        return;
    }
    int list[PALLAY_MAX_SIGNS], n = items(st, c, list);
    Card cards[PALLAY_MAX_SIGNS];
    cards_for(st, c, n, cards);
    for (int i = 0; i < n; i++) {
        char id[PALLAY_NAME_LEN];
        const char *key;
        if (st->step == STEP_SYMBOL) {
            text_fmt(id, sizeof id, "symbol:%s", sg->symbols[list[i]].id);
            key = sg->symbols[list[i]].key;
        } else {
            text_fmt(id, sizeof id, "colour:%s", sg->colours[list[i]].id);
            key = sg->colours[list[i]].key;
        }
        button_add(bs, id, cards[i].card, BUTTON_CARD, NULL, key)->selected = list[i] == st->selected;
    }
    for (int i = 0; i < n; i++)
        if (list[i] == st->selected) button_add(bs, "go", cards[i].play, BUTTON_GREEN, UIPIC_PLAY, UIKEY_PLAY);
}

static void draw(Screen *s, Ctx *c, const ButtonSet *bs)
{
    SignState *st = s->state;
    (void)bs;
    const Signs *sg = catalog_signs(c->cat);
    char path[PALLAY_PATH_LEN];
    if (st->step == STEP_CONFIRM) {
        const Colour *k = &sg->colours[st->colour];
        c->picture(c, sg->symbols[st->symbol].picture, path, sizeof path);
        widget_sign(confirm_rect(c), path, (Color){ k->r, k->g, k->b, 255 }, 0);
        return;
    }
    int list[PALLAY_MAX_SIGNS], n = items(st, c, list);
    Card cards[PALLAY_MAX_SIGNS];
    cards_for(st, c, n, cards);
    const char *names[PALLAY_MAX_SIGNS];
    for (int i = 0; i < n; i++)
        names[i] = catalog_text(c->cat, c->lang, st->step == STEP_SYMBOL ? sg->symbols[list[i]].key : sg->colours[list[i]].key);
    int px = widget_cards_text_px(cards, names, n);
    for (int i = 0; i < n; i++) {
        int y = st->step == STEP_SYMBOL ? list[i] : st->symbol;
        Color col = NEUTRAL;
        if (st->step == STEP_COLOUR) {
            const Colour *k = &sg->colours[list[i]];
            col = (Color){ k->r, k->g, k->b, 255 };
        }
        widget_card(cards[i].card, cards[i].picture, cards[i].caption, NULL, names[i], px, list[i] == st->selected, 0);
        c->picture(c, sg->symbols[y].picture, path, sizeof path);
        widget_sign(sign_rect(cards[i].picture), path, col, 0);
    }
}

/* She chose her sign: an existing learner is signed in, a new one sees it big first. */
static Action chosen(SignState *st, Ctx *c)
{
    const Signs *sg = catalog_signs(c->cat);
    if (st->new_sign) {
        st->step = STEP_CONFIRM;
        prompt(st, c);
        return NO_ACTION;
    }
    Learner l;
    Err e;
    int found = records_find_learner(c->store, sg->symbols[st->symbol].id, sg->colours[st->colour].id, &l, &e);
    if (found < 0) { c->save_failed(c, "learner", &e); return NO_ACTION; }
    if (!found) return NO_ACTION;
    c->sign_in(c, &l);
    c->speak(c, UIKEY_SIGN_HELLO);
    return (Action){ ACTION_REPLACE, SCREEN_HOME, 0 };
}

static Action confirm(SignState *st, Ctx *c)
{
    const Signs *sg = catalog_signs(c->cat);
    Learner l;
    Err e;
    if (records_add_learner(c->store, sg->symbols[st->symbol].id, sg->colours[st->colour].id, &l, &e) < 0) {
        c->save_failed(c, "learner", &e);
        return NO_ACTION;
    }
    trace("record learner id=%s sign=%s/%s committed", l.id, l.symbol, l.colour);
    c->sign_in(c, &l);
    c->effect(c, UISOUND_DONE);
    return (Action){ ACTION_REPLACE, SCREEN_HOME, 0 };
}

static Action press(Screen *s, Ctx *c, const char *id)
{
    SignState *st = s->state;
    const Signs *sg = catalog_signs(c->cat);
    if (strcmp(id, "back") == 0) {
        if (st->step == STEP_SYMBOL) return (Action){ ACTION_POP, 0, 0 };
        st->step--;
        st->selected = st->step == STEP_SYMBOL ? st->symbol : st->colour;
        prompt(st, c);
        return NO_ACTION;
    }
    if (st->step == STEP_CONFIRM) {
        if (strcmp(id, "ok") == 0) return confirm(st, c);
        if (strcmp(id, "me") == 0) {
            c->speak(c, sg->symbols[st->symbol].key);
            c->then(c, sg->colours[st->colour].key);
        }
        return NO_ACTION;
    }
    int i = -1;
    if (strcmp(id, "go") == 0) i = st->selected;
    else if (st->step == STEP_SYMBOL && strncmp(id, "symbol:", 7) == 0) i = signs_symbol(sg, id + 7);
    else if (st->step == STEP_COLOUR && strncmp(id, "colour:", 7) == 0) i = signs_colour(sg, id + 7);
    if (i < 0) return NO_ACTION;
    if (i != st->selected) {
        st->selected = i;
        if (st->step == STEP_SYMBOL) c->speak(c, sg->symbols[i].key);
        else {
            c->speak(c, sg->symbols[st->symbol].key);
            c->then(c, sg->colours[i].key);
        }
        return NO_ACTION;
    }
    st->selected = -1;
    if (st->step == STEP_SYMBOL) {
        st->symbol = i;
        st->step = STEP_COLOUR;
        prompt(st, c);
        return NO_ACTION;
    }
    st->colour = i;
    return chosen(st, c);
}

Screen *sign_screen(void)
{
    static Screen s = {
        .name = "sign",
        .enter = enter,
        .layout = layout,
        .draw = draw,
        .press = press,
        .state = &state,
    };
    return &s;
}
