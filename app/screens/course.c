/* course: her celebration, once, when the quiz she has just passed was the last of the course
 * she had not passed yet (the quiz screen gives way to it). Her certificate as the kiosk shows
 * it, spoken: three stars, her sign, and the picture of every module with a green check. The
 * home button (top left) goes back to her lessons; the speaker (top right) says it again.
 * Nothing is saved here: the quizzes that earned it are the records. */
#include "../base/trace.h"
#include "../content/uikeys.h"
#include "../ui/layout.h"
#include "../ui/widget.h"
#include "screen.h"

#include <string.h>

static const Color GOLD = { 0xd9, 0xa4, 0x1e, 255 };

typedef struct {
    Rect sheet;     /* the certificate, inside its gold border */
    Rect stars, sign, modules, words;
} CourseLayout;

/* The sheet fills the space under the corner buttons; in it, stars on top, her sign on the left,
 * the modules in a grid on the right, the words across the bottom. */
static void course_layout(Ctx *c, CourseLayout *o)
{
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    int top = pl.home.y + pl.home.h + pl.home.h / 8, pad = c->h / 40;
    o->sheet = (Rect){ pl.home.x, top, c->w - 2 * pl.home.x, c->h - top - pad };
    Rect in = { o->sheet.x + 2 * pad, o->sheet.y + pad, o->sheet.w - 4 * pad, o->sheet.h - 2 * pad };
    int stars = in.h / 5, words = in.h / 5, middle = in.h - stars - words;
    o->stars = (Rect){ in.x + in.w / 4, in.y, in.w / 2, stars };
    int side = middle < in.w / 3 ? middle : in.w / 3;
    o->sign = (Rect){ in.x, in.y + stars + (middle - side) / 2, side, side };
    o->modules = (Rect){ in.x + side + 2 * pad, in.y + stars, in.w - side - 2 * pad, middle };
    o->words = (Rect){ in.x, in.y + stars + middle, in.w, words };
}

static void enter(Screen *s, Ctx *c, int arg)
{
    (void)s;
    (void)arg;
    trace("course done learner=%s", c->learner ? c->learner->id : "-");
    c->effect(c, UISOUND_DONE);
    c->speak(c, UIKEY_COURSE_DONE);
}

static void layout(Screen *s, Ctx *c, ButtonSet *bs)
{
    (void)s;
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    button_add(bs, "home", pl.home, BUTTON_BLUE, UIPIC_HOME, UIKEY_HOME);
    button_add(bs, "repeat", pl.repeat, BUTTON_ORANGE, UIPIC_REPEAT, UIKEY_REPEAT);
}

static void draw(Screen *s, Ctx *c, const ButtonSet *bs)
{
    (void)s;
    (void)bs;
    CourseLayout cl;
    course_layout(c, &cl);
    char path[PALLAY_PATH_LEN];
    int border = c->h / 60 + 2;
    gfx_rounded_rect(cl.sheet, c->h / 30, GOLD);
    gfx_rounded_rect((Rect){ cl.sheet.x + border, cl.sheet.y + border, cl.sheet.w - 2 * border, cl.sheet.h - 2 * border },
                     c->h / 30 - border / 2, WIDGET_CARD);
    c->picture(c, UIPIC_STAR, path, sizeof path);
    widget_stars(cl.stars, 3, 3, path);
    if (c->learner) {
        unsigned char rgb[3];
        screen_sign_of(c, c->learner->symbol, c->learner->colour, path, sizeof path, rgb);
        widget_sign(cl.sign, path, (Color){ rgb[0], rgb[1], rgb[2], 255 }, 0);
    }
    /* Each module's tile picture, a check on its corner: what she learnt, read without words. */
    int n = catalog_module_count(c->cat), cols = n > 6 ? 4 : n > 2 ? 3 : n, rows = cols ? (n + cols - 1) / cols : 1;
    int gap = cl.modules.w / 40, w = cols ? (cl.modules.w - (cols - 1) * gap) / cols : 0, h = (cl.modules.h - (rows - 1) * gap) / rows;
    if (h * 10 > w * 7) h = w * 7 / 10;
    else w = h * 10 / 7;
    int y0 = cl.modules.y + (cl.modules.h - rows * h - (rows - 1) * gap) / 2;
    for (int i = 0; i < n; i++) {
        Rect r = { cl.modules.x + (i % cols) * (w + gap), y0 + (i / cols) * (h + gap), w, h };
        c->picture(c, catalog_module(c->cat, i)->tile, path, sizeof path);
        gfx_picture(path, r);
        int rad = h / 5;
        c->picture(c, UIPIC_RIGHT, path, sizeof path);
        widget_badge(r.x + r.w - rad, r.y + r.h - rad, rad, WIDGET_RIGHT, path);
    }
    const char *text = catalog_text(c->cat, c->lang, UIKEY_COURSE_DONE);
    if (text) gfx_text_box(text, cl.words, FONT_MEDIUM, WIDGET_INK);
}

static Action press(Screen *s, Ctx *c, const char *id)
{
    (void)s;
    if (strcmp(id, "home") == 0) return (Action){ ACTION_POP, 0, 0 };
    if (strcmp(id, "repeat") == 0) c->speak(c, UIKEY_COURSE_DONE);
    return NO_ACTION;
}

Screen *course_screen(void)
{
    static Screen s = {
        .name = "course",
        .enter = enter,
        .layout = layout,
        .draw = draw,
        .press = press,
    };
    return &s;
}
