/* widget: the look of Pallay's controls: big, high-contrast, round. */
#include "widget.h"

const Color WIDGET_BACKGROUND = { 250, 244, 232, 255 };   /* warm paper */
const Color WIDGET_INK = { 43, 43, 43, 255 };
const Color WIDGET_CARD = { 255, 255, 255, 255 };
const Color WIDGET_HIGHLIGHT = { 244, 194, 13, 255 };     /* helmet yellow */

static const Color STYLE_COLOR[] = {
    [BUTTON_BLUE] = { 0, 92, 169, 255 },     /* ISO 7010 mandatory blue */
    [BUTTON_GREEN] = { 0, 146, 74, 255 },    /* ISO 7010 safe green */
    [BUTTON_ORANGE] = { 230, 110, 20, 255 },
    [BUTTON_CARD] = { 255, 255, 255, 255 },
};

void widget_round_button(const Button *b, const char *icon_path, int pressed)
{
    Rect r = b->r;
    int rad = (r.w < r.h ? r.w : r.h) / 2, cx = r.x + r.w / 2, cy = r.y + r.h / 2;
    Color c = STYLE_COLOR[b->style];
    gfx_circle(cx + rad / 16, cy + rad / 12, rad, (Color){ 0, 0, 0, 60 });     /* shadow */
    if (pressed) c = (Color){ (unsigned char)(c.r * 3 / 4), (unsigned char)(c.g * 3 / 4), (unsigned char)(c.b * 3 / 4), 255 };
    gfx_circle(cx, cy, rad, c);
    if (icon_path && *icon_path) {
        int s = rad * 3 / 2;
        gfx_picture(icon_path, (Rect){ cx - s / 2, cy - s / 2, s, s });
    }
}

void widget_card(Rect card, Rect picture, Rect caption, const char *picture_path, const char *caption_text,
                 int selected, int pressed)
{
    int pad = card.w / 64 + 2;
    Rect frame = { card.x - pad, card.y - pad, card.w + 2 * pad, card.h + 2 * pad };
    if (selected) gfx_rounded_rect((Rect){ frame.x - pad, frame.y - pad, frame.w + 2 * pad, frame.h + 2 * pad }, 3 * pad, WIDGET_HIGHLIGHT);
    gfx_rounded_rect(frame, 2 * pad, pressed ? (Color){ 225, 225, 225, 255 } : WIDGET_CARD);
    gfx_picture(picture_path, picture);
    if (caption_text) gfx_text_box(caption_text, (Rect){ caption.x + pad, caption.y, caption.w - 2 * pad, caption.h }, FONT_MEDIUM, WIDGET_INK);
}

void widget_focus(Rect r)
{
    int t = r.w / 30 + 3;
    Color c = { 200, 30, 120, 255 };
    gfx_fill_rect((Rect){ r.x - 2 * t, r.y - 2 * t, r.w + 4 * t, t }, c);
    gfx_fill_rect((Rect){ r.x - 2 * t, r.y + r.h + t, r.w + 4 * t, t }, c);
    gfx_fill_rect((Rect){ r.x - 2 * t, r.y - 2 * t, t, r.h + 4 * t }, c);
    gfx_fill_rect((Rect){ r.x + r.w + t, r.y - 2 * t, t, r.h + 4 * t }, c);
}

void widget_dots(Rect a, int n, int current)
{
    if (n <= 0) return;
    int d = a.h * 2 / 3, gap = d / 2 + 4;
    int total = n * d + (n - 1) * gap;
    int x = a.x + (a.w - total) / 2, cy = a.y + a.h / 2;
    for (int i = 0; i < n; i++) {
        int cx = x + i * (d + gap) + d / 2;
        if (i == current) gfx_circle(cx, cy, d / 2 + 3, (Color){ 0, 92, 169, 255 });
        else if (i < current) gfx_circle(cx, cy, d / 2, (Color){ 0, 146, 74, 255 });
        else {
            gfx_circle(cx, cy, d / 2, (Color){ 150, 150, 150, 255 });
            gfx_circle(cx, cy, d / 2 - 3, WIDGET_BACKGROUND);
        }
    }
}
