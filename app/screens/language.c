/* language: the first screen. One card per language; a touch speaks the language's name,
 * a second touch (or the green button) goes on to signing in, in that language. */
#include "../base/text.h"
#include "../content/uikeys.h"
#include "../ui/layout.h"
#include "../ui/widget.h"
#include "screen.h"

#include <string.h>

typedef struct { int selected; } LanguageState;  /* language index touched once, or -1 */

static LanguageState state;

static void enter(Screen *s, Ctx *c, int arg)
{
    (void)c;
    (void)arg;
    ((LanguageState *)s->state)->selected = -1;
}

static void lang_picture(Ctx *c, int i, char *path, size_t n)
{
    char name[PALLAY_NAME_LEN];
    text_fmt(name, sizeof name, "lang-%s", catalog_lang(c->cat, i)->code);
    c->picture(c, name, path, n);
    if (!*path) c->picture(c, UIPIC_LANGUAGE, path, n);
}

static void layout(Screen *s, Ctx *c, ButtonSet *bs)
{
    LanguageState *st = s->state;
    int n = catalog_lang_count(c->cat);
    Card cards[PALLAY_MAX_LANGS];
    layout_cards(layout_language_area(c->w, c->h), n, 4, c->w, c->h, cards);
    for (int i = 0; i < n; i++) {
        char id[PALLAY_NAME_LEN];
        text_fmt(id, sizeof id, "lang:%s", catalog_lang(c->cat, i)->code);
        button_add(bs, id, cards[i].card, BUTTON_CARD, NULL, NULL)->selected = (i == st->selected);
    }
    if (st->selected >= 0)
        button_add(bs, "go", cards[st->selected].play, BUTTON_GREEN, UIPIC_PLAY, UIKEY_PLAY);
    /* The facilitator's way in: hold the empty top-right corner (PALLAY_SECRET_MS). */
    int d = c->h / 6;
    if (c->store) button_add(bs, "facilitator", (Rect){ c->w - d, 0, d, d }, BUTTON_HIDDEN, NULL, NULL);
}

static void draw(Screen *s, Ctx *c, const ButtonSet *bs)
{
    (void)s;
    int n = catalog_lang_count(c->cat);
    Card cards[PALLAY_MAX_LANGS];
    layout_cards(layout_language_area(c->w, c->h), n, 4, c->w, c->h, cards);
    const char *names[PALLAY_MAX_LANGS];
    for (int i = 0; i < n; i++) names[i] = catalog_text(c->cat, i, UIKEY_LANG_NAME);
    int px = widget_cards_text_px(cards, names, n);
    for (int i = 0; i < n && i < bs->n; i++) {
        char path[PALLAY_PATH_LEN];
        lang_picture(c, i, path, sizeof path);
        widget_card(cards[i].card, cards[i].picture, cards[i].caption, path, names[i], px, bs->b[i].selected, 0);
    }
}

static Action press(Screen *s, Ctx *c, const char *id)
{
    LanguageState *st = s->state;
    Action go = { ACTION_PUSH, SCREEN_WHO, 0 };
    if (strcmp(id, "go") == 0) return go;
    if (strcmp(id, "facilitator") == 0) return (Action){ ACTION_PUSH, SCREEN_PIN, 0 };
    if (strncmp(id, "lang:", 5) != 0) return (Action){ ACTION_NONE, 0, 0 };
    int i = catalog_find_lang(c->cat, id + 5);
    if (i < 0) return (Action){ ACTION_NONE, 0, 0 };
    if (i == st->selected) return go;
    st->selected = i;
    c->lang = i;
    c->speak(c, UIKEY_LANG_PROMPT);
    return (Action){ ACTION_NONE, 0, 0 };
}

Screen *language_screen(void)
{
    static Screen s = {
        .name = "language",
        .enter = enter,
        .layout = layout,
        .draw = draw,
        .press = press,
        .state = &state,
    };
    return &s;
}
