/* error: a warning sign and the reason, for the facilitator. With arg 0 the kiosk cannot teach
 * at all (no language or no module): nothing to press. With arg 1 it can go on without
 * something (the records): the message is also spoken, and a green button goes on. With arg 2
 * it goes on as well, and the message is only shown: problems in the settings, for whoever set
 * up the kiosk. */
#include "../content/uikeys.h"
#include "../ui/layout.h"
#include "../ui/widget.h"
#include "screen.h"

#include <math.h>
#include <string.h>

typedef struct { int can_go_on; } ErrorState;
static ErrorState state;

static void enter(Screen *s, Ctx *c, int arg)
{
    ((ErrorState *)s->state)->can_go_on = arg;
    if (arg == 1) c->speak(c, UIKEY_ERROR_STORE);
}

static void layout(Screen *s, Ctx *c, ButtonSet *bs)
{
    if (!((ErrorState *)s->state)->can_go_on) return;
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    button_add(bs, "next", pl.next, BUTTON_GREEN, UIPIC_NEXT, UIKEY_NEXT);
}

static Action press(Screen *s, Ctx *c, const char *id)
{
    (void)c;
    if (((ErrorState *)s->state)->can_go_on && strcmp(id, "next") == 0) return (Action){ ACTION_POP, 0, 0 };
    return NO_ACTION;
}

/* ISO 7010 warning triangle, drawn from rectangles of shrinking width. */
static void warning_sign(int cx, int top, int size)
{
    for (int y = 0; y < size; y++) {
        int half = y * 577 / 1000;  /* tan(30 deg) */
        gfx_fill_rect((Rect){ cx - half, top + y, 2 * half + 1, 1 }, (Color){ 43, 43, 43, 255 });
        int inner = y - size / 8;
        if (inner > 0 && y < size - size / 12) {
            int ih = inner * 577 / 1000;
            gfx_fill_rect((Rect){ cx - ih, top + y, 2 * ih + 1, 1 }, (Color){ 255, 210, 0, 255 });
        }
    }
    gfx_fill_rect((Rect){ cx - size / 24, top + size * 4 / 10, size / 12, size * 3 / 10 }, (Color){ 43, 43, 43, 255 });
    gfx_fill_rect((Rect){ cx - size / 24, top + size * 3 / 4, size / 12, size / 12 }, (Color){ 43, 43, 43, 255 });
}

static void draw(Screen *s, Ctx *c, const ButtonSet *bs)
{
    (void)s;
    (void)bs;
    int size = c->h * 2 / 5;
    warning_sign(c->w / 2, c->h / 10, size);
    gfx_text_box(c->message ? c->message : "", (Rect){ c->w / 10, c->h / 10 + size + c->h / 20, c->w * 8 / 10, c->h / 3 },
                 FONT_SMALL, WIDGET_INK);
}

Screen *error_screen(void)
{
    static Screen s = {
        .name = "error",
        .enter = enter,
        .layout = layout,
        .draw = draw,
        .press = press,
        .state = &state,
    };
    return &s;
}
