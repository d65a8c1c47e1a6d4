/* error: shown when the kiosk cannot teach at all (no language or no module could be
 * loaded). A warning sign and the reason, for the facilitator; nothing to press. */
#include "../ui/layout.h"
#include "../ui/widget.h"
#include "screen.h"

#include <math.h>

static void enter(Screen *s, Ctx *c, int arg) { (void)s; (void)c; (void)arg; }
static void layout(Screen *s, Ctx *c, ButtonSet *bs) { (void)s; (void)c; (void)bs; }
static Action press(Screen *s, Ctx *c, const char *id) { (void)s; (void)c; (void)id; return (Action){ ACTION_NONE, 0, 0 }; }

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
    static Screen s = { "error", enter, layout, draw, press, NULL };
    return &s;
}
