/* send: the Send records screen (stub until the screen lands): the title and the way back. */
#include "../content/uikeys.h"
#include "../ui/layout.h"
#include "panel.h"

#include <string.h>

static void enter(Screen *s, Ctx *c, int arg)
{
    (void)s;
    (void)arg;
    c->speak(c, UIKEY_FAC_MENU);
}

static void layout(Screen *s, Ctx *c, ButtonSet *bs)
{
    (void)s;
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    button_add(bs, "back", pl.home, BUTTON_BLUE, UIPIC_BACK, UIKEY_BACK);
}

static void draw(Screen *s, Ctx *c, const ButtonSet *bs)
{
    (void)s;
    (void)bs;
    panel_title(c, UIKEY_FAC_MENU);
}

static Action press(Screen *s, Ctx *c, const char *id)
{
    (void)s;
    (void)c;
    return strcmp(id, "back") == 0 ? (Action){ ACTION_POP, 0, 0 } : NO_ACTION;
}

Screen *send_screen(void)
{
    static Screen s = { .name = "send", .enter = enter, .layout = layout, .draw = draw, .press = press };
    return &s;
}
