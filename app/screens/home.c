/* home: one card per module. A touch speaks the module's title, a second touch or its
 * green play button opens it. The top-left button goes back to the language choice. */
#include "../base/text.h"
#include "../content/uikeys.h"
#include "../ui/layout.h"
#include "../ui/widget.h"
#include "screen.h"

#include <string.h>

typedef struct { int selected; } HomeState;   /* module index touched once, or -1 */

static HomeState state;

static void enter(Screen *s, Ctx *c, int arg)
{
    (void)arg;
    ((HomeState *)s->state)->selected = -1;
    c->speak(c, UIKEY_HOME_PROMPT);
}

static void cards_for(Ctx *c, Card *cards)
{
    HomeLayout hl;
    layout_home(c->w, c->h, &hl);
    int n = catalog_module_count(c->cat);
    layout_cards(hl.grid, n, n > 6 ? 4 : 3, c->w, c->h, cards);
}

static void layout(Screen *s, Ctx *c, ButtonSet *bs)
{
    HomeState *st = s->state;
    HomeLayout hl;
    layout_home(c->w, c->h, &hl);
    Card cards[PALLAY_MAX_MODULES];
    cards_for(c, cards);
    button_add(bs, "language", hl.language, BUTTON_BLUE, UIPIC_LANGUAGE, UIKEY_LANGUAGE);
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

static void draw(Screen *s, Ctx *c, const ButtonSet *bs)
{
    HomeState *st = s->state;
    (void)bs;
    Card cards[PALLAY_MAX_MODULES];
    cards_for(c, cards);
    for (int i = 0; i < catalog_module_count(c->cat); i++) {
        const Module *m = catalog_module(c->cat, i);
        char path[PALLAY_PATH_LEN];
        c->picture(c, m->tile, path, sizeof path);
        widget_card(cards[i].card, cards[i].picture, cards[i].caption, path,
                    catalog_text(c->cat, c->lang, m->title), i == st->selected, 0);
    }
}

static int module_index(Ctx *c, const char *id)
{
    for (int i = 0; i < catalog_module_count(c->cat); i++)
        if (strcmp(catalog_module(c->cat, i)->id, id) == 0) return i;
    return -1;
}

static Action press(Screen *s, Ctx *c, const char *id)
{
    HomeState *st = s->state;
    Action none = { ACTION_NONE, 0, 0 };
    if (strcmp(id, "language") == 0) return (Action){ ACTION_POP, 0, 0 };
    int play = strncmp(id, "play:", 5) == 0, tile = strncmp(id, "tile:", 5) == 0;
    if (!play && !tile) return none;
    int i = module_index(c, id + 5);
    if (i < 0) return none;
    if (play || i == st->selected) return (Action){ ACTION_PUSH, SCREEN_PLAYER, i };
    st->selected = i;
    c->speak(c, catalog_module(c->cat, i)->title);
    return none;
}

Screen *home_screen(void)
{
    static Screen s = { "home", enter, layout, draw, press, &state };
    return &s;
}
