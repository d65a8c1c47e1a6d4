/* facilitator: the facilitator's menu, after the right PIN: the workshop and its attendance,
 * registering a woman, handing out equipment, the summary of the day, recording voices, a
 * woman's withdrawal of her consent, the women who finished the course, and sending the records
 * on a USB stick. The door (top left)
 * goes back to the learners; leaving the kiosk for the desktop is here only, and asks twice.
 * Facilitator mode also closes by itself after PALLAY_FACILITATOR_S seconds without a touch. */
#include "../base/text.h"
#include "../base/trace.h"
#include "../content/uikeys.h"
#include "../ui/layout.h"
#include "../ui/widget.h"
#include "panel.h"

#include <string.h>

typedef struct { int quit_asked; } MenuState;
static MenuState state;

static const struct { const char *id, *key; ScreenKind screen; } ITEMS[] = {
    { "workshop", UIKEY_FAC_WORKSHOP, SCREEN_WORKSHOP },
    { "register", UIKEY_FAC_REGISTER, SCREEN_REGISTER },
    { "equipment", UIKEY_FAC_EQUIPMENT, SCREEN_EQUIPMENT },
    { "summary", UIKEY_FAC_SUMMARY, SCREEN_SUMMARY },
    { "recorder", UIKEY_FAC_RECORD, SCREEN_RECORDER },
    { "withdraw", UIKEY_FAC_WITHDRAW, SCREEN_WITHDRAW },
    { "certs", UIKEY_FAC_CERTS, SCREEN_CERTS },
    { "send", UIKEY_FAC_SEND, SCREEN_SEND },
};
#define NITEMS (int)(sizeof ITEMS / sizeof *ITEMS)

static void enter(Screen *s, Ctx *c, int arg)
{
    (void)arg;
    ((MenuState *)s->state)->quit_asked = 0;
    c->speak(c, UIKEY_FAC_MENU);
}

static void layout(Screen *s, Ctx *c, ButtonSet *bs)
{
    MenuState *st = s->state;
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    button_add(bs, "leave", pl.home, BUTTON_BLUE, UIPIC_SIGNOUT, UIKEY_FAC_LEAVE);
    Rect a = panel_area(c);
    /* The items, then leaving the kiosk in the last place: as big as the others, asked twice. */
    int n = NITEMS + 1, cols = n > 4 ? 3 : 2, rows = (n + cols - 1) / cols;
    int gap = a.h / 16, w = (a.w - (cols - 1) * gap) / cols, h = (a.h - (rows - 1) * gap) / rows;
    for (int i = 0; i < n; i++) {
        Rect r = { a.x + (i % cols) * (w + gap), a.y + (i / cols) * (h + gap), w, h };
        const char *key = i < NITEMS ? ITEMS[i].key : UIKEY_FAC_QUIT, *t = catalog_text(c->cat, c->lang, key);
        Button *b = panel_key(bs, i < NITEMS ? ITEMS[i].id : "quit", r, t ? t : key, key);
        if (i == NITEMS) b->selected = st->quit_asked;
    }
}

static void draw(Screen *s, Ctx *c, const ButtonSet *bs)
{
    MenuState *st = s->state;
    panel_title(c, UIKEY_FAC_MENU);
    panel_draw_keys(c, bs);
    if (st->quit_asked) panel_message(c, catalog_text(c->cat, c->lang, UIKEY_FAC_QUIT_ASK), 1);
    else if (c->facilitator) {
        /* Who is in facilitator mode: plain text, not a coloured bar that looks like a button. */
        char line[PALLAY_TEXT_LEN + 64];
        const char *by = catalog_text(c->cat, c->lang, UIKEY_FAC_BY);
        text_fmt(line, sizeof line, "%s: %s", by ? by : "", c->facilitator->name);
        panel_note(c, line);
    }
}

static Action press(Screen *s, Ctx *c, const char *id)
{
    MenuState *st = s->state;
    if (strcmp(id, "leave") == 0) return (Action){ ACTION_SIGNOUT, 0, 0 };
    if (strcmp(id, "quit") == 0) {
        if (st->quit_asked) return (Action){ ACTION_QUIT, 0, 0 };
        st->quit_asked = 1;
        c->speak(c, UIKEY_FAC_QUIT_ASK);
        return NO_ACTION;
    }
    st->quit_asked = 0;
    for (int i = 0; i < NITEMS; i++)
        if (strcmp(id, ITEMS[i].id) == 0) return (Action){ ACTION_PUSH, ITEMS[i].screen, 0 };
    return NO_ACTION;
}

Screen *facilitator_screen(void)
{
    static Screen s = {
        .name = "facilitator",
        .enter = enter,
        .layout = layout,
        .draw = draw,
        .press = press,
        .state = &state,
    };
    return &s;
}
