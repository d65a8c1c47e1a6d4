/* widget: the look of Pallay's controls: big, high-contrast, round. */
#include "widget.h"

const Color WIDGET_BACKGROUND = { 250, 244, 232, 255 };   /* warm paper */
const Color WIDGET_INK = { 43, 43, 43, 255 };
const Color WIDGET_CARD = { 255, 255, 255, 255 };
const Color WIDGET_HIGHLIGHT = { 244, 194, 13, 255 };     /* helmet yellow */
const Color WIDGET_RIGHT = { 0, 146, 74, 255 };           /* ISO 7010 safe green */
const Color WIDGET_WRONG = { 210, 35, 42, 255 };          /* ISO 7010 prohibition red */

static const Color STYLE_COLOR[] = {
    [BUTTON_BLUE] = { 0, 92, 169, 255 },     /* ISO 7010 mandatory blue */
    [BUTTON_GREEN] = { 0, 146, 74, 255 },    /* ISO 7010 safe green */
    [BUTTON_ORANGE] = { 230, 110, 20, 255 },
    [BUTTON_CARD] = { 255, 255, 255, 255 },
    [BUTTON_KEY] = { 255, 255, 255, 255 },
    [BUTTON_RED] = { 210, 35, 42, 255 },
    [BUTTON_HIDDEN] = { 0, 0, 0, 0 },
    [BUTTON_ICON_KEY] = { 255, 255, 255, 255 },
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

static int card_pad(Rect card) { return card.w / 64 + 2; }

Rect widget_caption_rect(Rect card, Rect caption)
{
    int pad = card_pad(card);
    return (Rect){ caption.x + pad, caption.y, caption.w - 2 * pad, caption.h };
}

int widget_cards_text_px(const Card *cards, const char *const *texts, int n)
{
    int px = 0;
    for (int i = 0; i < n; i++) {
        if (!texts[i]) continue;
        int p = gfx_text_fit(texts[i], widget_caption_rect(cards[i].card, cards[i].caption), FONT_MEDIUM);
        if (!px || p < px) px = p;
    }
    return px;
}

void widget_card(Rect card, Rect picture, Rect caption, const char *picture_path, const char *caption_text, int px,
                 int selected, int pressed)
{
    int pad = card_pad(card);
    Rect frame = { card.x - pad, card.y - pad, card.w + 2 * pad, card.h + 2 * pad };
    if (selected) gfx_rounded_rect((Rect){ frame.x - pad, frame.y - pad, frame.w + 2 * pad, frame.h + 2 * pad }, 3 * pad, WIDGET_HIGHLIGHT);
    gfx_rounded_rect(frame, 2 * pad, pressed ? (Color){ 225, 225, 225, 255 } : WIDGET_CARD);
    if (picture_path) gfx_picture(picture_path, picture);  /* NULL: the caller draws it */
    if (caption_text) {
        Rect t = widget_caption_rect(card, caption);
        gfx_text_draw(caption_text, t, px ? px : gfx_text_fit(caption_text, t, FONT_MEDIUM), WIDGET_INK);
    }
}

void widget_sign(Rect r, const char *symbol_path, Color colour, int selected)
{
    int rad = (r.w < r.h ? r.w : r.h) / 2, cx = r.x + r.w / 2, cy = r.y + r.h / 2;
    if (selected) gfx_circle(cx, cy, rad + rad / 8, WIDGET_HIGHLIGHT);
    gfx_circle(cx, cy, rad, (Color){ 215, 208, 196, 255 });
    gfx_circle(cx, cy, rad - rad / 14 - 1, WIDGET_CARD);
    int s = rad * 3 / 2;
    gfx_picture_tinted(symbol_path, (Rect){ cx - s / 2, cy - s / 2, s, s }, colour);
}

void widget_badge(int cx, int cy, int radius, Color c, const char *icon_path)
{
    gfx_circle(cx, cy, radius + radius / 8, WIDGET_CARD);
    gfx_circle(cx, cy, radius, c);
    int s = radius * 3 / 2;
    gfx_picture(icon_path, (Rect){ cx - s / 2, cy - s / 2, s, s });
}

void widget_stars(Rect r, int lit, int n, const char *star_path)
{
    if (n <= 0) return;
    int size = r.h, gap = size / 6;
    if (n * size + (n - 1) * gap > r.w) { size = r.w * 6 / (7 * n); gap = size / 6; }
    int x = r.x + (r.w - (n * size + (n - 1) * gap)) / 2, y = r.y + (r.h - size) / 2;
    for (int i = 0; i < n; i++)
        gfx_picture_tinted(star_path, (Rect){ x + i * (size + gap), y, size, size },
                           i < lit ? WIDGET_HIGHLIGHT : (Color){ 200, 200, 200, 255 });
}

void widget_banner(int w, int h, const char *text)
{
    int bh = h / 7;
    gfx_fill_rect((Rect){ 0, h - bh, w, bh }, WIDGET_WRONG);
    gfx_text_box(text, (Rect){ bh / 2, h - bh, w - bh, bh }, FONT_SMALL, WIDGET_CARD);
}

Rect widget_key_text_rect(Rect r)
{
    return (Rect){ r.x + r.h / 8 + 4, r.y, r.w - r.h / 4 - 8, r.h };
}

FontSize widget_key_max(Rect r)
{
    return r.h > 90 ? FONT_LARGE : FONT_MEDIUM;
}

void widget_key(Rect r, const char *label, int px, int selected, int pressed)
{
    int rad = (r.h < r.w ? r.h : r.w) / 6 + 2;
    if (selected) gfx_rounded_rect((Rect){ r.x - 4, r.y - 4, r.w + 8, r.h + 8 }, rad + 4, WIDGET_HIGHLIGHT);
    gfx_rounded_rect((Rect){ r.x + 2, r.y + 3, r.w, r.h }, rad, (Color){ 0, 0, 0, 50 });
    gfx_rounded_rect(r, rad, pressed ? (Color){ 225, 225, 225, 255 } : WIDGET_CARD);
    Rect t = widget_key_text_rect(r);
    if (label[0]) gfx_text_draw(label, t, px ? px : gfx_text_fit(label, t, widget_key_max(r)), WIDGET_INK);
}

void widget_key_icon(Rect r, const char *icon_path, int selected, int pressed)
{
    widget_key(r, "", 0, selected, pressed);
    int s = (r.w < r.h ? r.w : r.h) * 3 / 4;
    gfx_picture_tinted(icon_path, (Rect){ r.x + (r.w - s) / 2, r.y + (r.h - s) / 2, s, s }, WIDGET_INK);
}

void widget_strike(Rect r)
{
    gfx_fill_rect((Rect){ r.x, r.y + r.h / 2 - 2, r.w, 4 }, WIDGET_WRONG);
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

void widget_dots(Rect a, int n, int current, const char *quiz_path)
{
    if (n <= 0) return;
    int d = a.h * 2 / 3, gap = d / 2 + 4;
    int total = n * d + (n - 1) * gap + (quiz_path ? gap + a.h : 0);
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
    /* The quiz that follows the slides: its own mark, not one more dot. */
    if (quiz_path) widget_badge(x + n * (d + gap) + a.h / 2, cy, a.h / 2 - a.h / 16, (Color){ 230, 110, 20, 255 }, quiz_path);
}
