/* who: "who are you?" after the language. Three cards: I have my sign, I am new, just look.
 * A touch speaks what a card means, a second touch (or its green button) goes on. Without a
 * database (nothing could be saved) or without signs.list, only "just look" is offered. */
#include "../content/uikeys.h"
#include "../ui/layout.h"
#include "../ui/widget.h"
#include "screen.h"

#include <string.h>

enum { WHO_MINE, WHO_NEW, WHO_GUEST, WHO_COUNT };

static const struct { const char *id, *icon, *label; Color colour; } CHOICES[WHO_COUNT] = {
    [WHO_MINE] = { "mine", UIPIC_MINE, UIKEY_MINE, { 0, 92, 169, 255 } },
    [WHO_NEW] = { "new", UIPIC_NEW, UIKEY_NEW, { 0, 146, 74, 255 } },
    [WHO_GUEST] = { "guest", UIPIC_GUEST, UIKEY_GUEST, { 230, 110, 20, 255 } },
};

typedef struct { int selected; } WhoState;  /* choice touched once, or -1 */
static WhoState state;

/* The choices on offer: all three with a database and signs to sign in with, else only the guest's. */
static int offered(Ctx *c, int *which)
{
    const Signs *sg = catalog_signs(c->cat);
    int signs = c->store && sg->nsymbols && sg->ncolours, n = 0;
    for (int i = 0; i < WHO_COUNT; i++)
        if (signs || i == WHO_GUEST) which[n++] = i;
    return n;
}

static void enter(Screen *s, Ctx *c, int arg)
{
    (void)arg;
    ((WhoState *)s->state)->selected = -1;
    c->speak(c, UIKEY_WHO_PROMPT);
}

static void cards_for(Ctx *c, Card *cards, int n)
{
    layout_who(c->w, c->h, n, cards);
}

static void layout(Screen *s, Ctx *c, ButtonSet *bs)
{
    WhoState *st = s->state;
    int which[WHO_COUNT], n = offered(c, which);
    Card cards[WHO_COUNT];
    cards_for(c, cards, n);
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    button_add(bs, "language", pl.home, BUTTON_BLUE, UIPIC_LANGUAGE, UIKEY_LANGUAGE);
    for (int i = 0; i < n; i++)
        button_add(bs, CHOICES[which[i]].id, cards[i].card, BUTTON_CARD, NULL, CHOICES[which[i]].label)->selected =
            which[i] == st->selected;
    for (int i = 0; i < n; i++)
        if (which[i] == st->selected) button_add(bs, "go", cards[i].play, BUTTON_GREEN, UIPIC_PLAY, UIKEY_PLAY);
}

static void draw(Screen *s, Ctx *c, const ButtonSet *bs)
{
    WhoState *st = s->state;
    (void)bs;
    int which[WHO_COUNT], n = offered(c, which);
    Card cards[WHO_COUNT];
    cards_for(c, cards, n);
    const char *labels[WHO_COUNT];
    for (int i = 0; i < n; i++) labels[i] = catalog_text(c->cat, c->lang, CHOICES[which[i]].label);
    int px = widget_cards_text_px(cards, labels, n);
    for (int i = 0; i < n; i++) {
        char path[PALLAY_PATH_LEN];
        c->picture(c, CHOICES[which[i]].icon, path, sizeof path);
        widget_card(cards[i].card, cards[i].picture, cards[i].caption, NULL, labels[i], px, which[i] == st->selected, 0);
        Rect p = cards[i].picture;
        int rad = (p.w < p.h ? p.w : p.h) * 2 / 5;
        widget_badge(p.x + p.w / 2, p.y + p.h / 2, rad, CHOICES[which[i]].colour, path);
    }
}

static Action go(Ctx *c, int choice)
{
    if (choice == WHO_GUEST) {
        c->sign_in(c, NULL);
        return (Action){ ACTION_PUSH, SCREEN_HOME, 0 };
    }
    return (Action){ ACTION_PUSH, SCREEN_SIGN, choice == WHO_NEW };
}

static Action press(Screen *s, Ctx *c, const char *id)
{
    WhoState *st = s->state;
    if (strcmp(id, "language") == 0) return (Action){ ACTION_POP, 0, 0 };
    if (strcmp(id, "go") == 0 && st->selected >= 0) return go(c, st->selected);
    for (int i = 0; i < WHO_COUNT; i++) {
        if (strcmp(id, CHOICES[i].id) != 0) continue;
        if (i == st->selected) return go(c, i);
        st->selected = i;
        c->speak(c, CHOICES[i].label);
    }
    return NO_ACTION;
}

Screen *who_screen(void)
{
    static Screen s = {
        .name = "who",
        .enter = enter,
        .layout = layout,
        .draw = draw,
        .press = press,
        .state = &state,
    };
    return &s;
}
