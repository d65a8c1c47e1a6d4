/* layout: screen geometry. Everything is computed from the window size, so a resize or a
 * different panel needs no other change. */
#include "layout.h"

#include <math.h>

float layout_scale(int w, int h)
{
    float sx = (float)w / 1280.0f, sy = (float)h / 800.0f;
    return sx < sy ? sx : sy;
}

int layout_px(int w, int h, int design)
{
    return (int)lroundf((float)design * layout_scale(w, h));
}

void layout_player(int w, int h, PlayerLayout *o)
{
    int m = layout_px(w, h, 20), b = layout_px(w, h, LAYOUT_BUTTON);
    o->home = (Rect){ m, m, b, b };
    o->repeat = (Rect){ w - m - b, m, b, b };
    o->back = (Rect){ m, h - m - b, b, b };
    o->next = (Rect){ w - m - b, h - m - b, b, b };

    int x0 = m + b + m, x1 = w - m - b - m;
    int dots_h = layout_px(w, h, 36);
    int cap_h = layout_px(w, h, 2 * TEXT_MEDIUM + 16);
    o->dots = (Rect){ x0, h - m - dots_h, x1 - x0, dots_h };
    o->caption = (Rect){ x0, o->dots.y - cap_h - m / 2, x1 - x0, cap_h };

    int ph = o->caption.y - m - m, pw = ph * 10 / 7;
    if (pw > x1 - x0) { pw = x1 - x0; ph = pw * 7 / 10; }
    o->picture = (Rect){ x0 + (x1 - x0 - pw) / 2, m + (o->caption.y - m - m - ph) / 2, pw, ph };
}

void layout_cards(Rect area, int n, int max_cols, int w, int h, Card *out)
{
    layout_cards_caption(area, n, max_cols, TEXT_MEDIUM * 2 + 8, w, h, out);
}

void layout_cards_caption(Rect area, int n, int max_cols, int caption, int w, int h, Card *out)
{
    layout_cards_tall(area, n, max_cols, caption, 7, w, h, out);
}

void layout_cards_tall(Rect area, int n, int max_cols, int caption, int tall, int w, int h, Card *out)
{
    if (n <= 0) return;
    int gap = layout_px(w, h, 48);
    int cap_h = layout_px(w, h, caption);
    int cols = n < max_cols ? n : max_cols;
    int rows = (n + cols - 1) / cols;
    /* Largest 10:7 picture that lets rows x cols cards (picture + caption) fit. */
    int cw = (area.w - (cols - 1) * gap) / cols;
    int ph = cw * 7 / 10;
    int max_ph = (area.h - (rows - 1) * gap) / rows - cap_h;
    if (ph > max_ph) { ph = max_ph; cw = ph * 10 / 7; }
    /* Room left below: a taller picture area (up to tall:10), the picture centred in it. */
    else if (tall > 7) ph = max_ph < cw * tall / 10 ? max_ph : cw * tall / 10;
    int ch = ph + cap_h;
    int total_w = cols * cw + (cols - 1) * gap, total_h = rows * ch + (rows - 1) * gap;
    int x0 = area.x + (area.w - total_w) / 2, y0 = area.y + (area.h - total_h) / 2;
    /* The play button sits in the picture's top-right corner, never over the card's middle: a
     * touch on the card itself must stay a touch on the card. */
    int pb = layout_px(w, h, 110), room = (cw < ch ? cw : ch) * 2 / 5;
    if (pb > room) pb = room;
    if (pb < layout_min_target(w, h) && layout_min_target(w, h) <= ph * 2 / 3) pb = layout_min_target(w, h);  /* a finger first */
    for (int i = 0; i < n; i++) {
        int r = i / cols, c = i % cols;
        /* Centre a short last row. */
        int in_row = (r == rows - 1) ? n - r * cols : cols;
        int row_x = x0 + (total_w - (in_row * cw + (in_row - 1) * gap)) / 2;
        Rect card = { row_x + c * (cw + gap), y0 + r * (ch + gap), cw, ch };
        out[i].card = card;
        out[i].picture = (Rect){ card.x, card.y, cw, ph };
        out[i].caption = (Rect){ card.x, card.y + ph, cw, cap_h };
        out[i].play = (Rect){ card.x + cw - pb - pb / 8, card.y + pb / 8, pb, pb };
    }
}

void layout_home(int w, int h, HomeLayout *o)
{
    int m = layout_px(w, h, 20), b = layout_px(w, h, LAYOUT_BUTTON);
    o->language = (Rect){ m, m, b, b };
    o->grid = (Rect){ m + b + m, m, w - (m + b + m) - m - b / 2, h - 2 * m };
}

void layout_quiz(int w, int h, QuizLayout *o)
{
    PlayerLayout pl;
    layout_player(w, h, &pl);
    int m = layout_px(w, h, 20), b = layout_px(w, h, LAYOUT_BUTTON);
    o->home = pl.home;
    o->repeat = pl.repeat;
    o->next = pl.next;
    int x0 = m + b + m, x1 = w - m - b - m;
    o->question = (Rect){ x0, m, x1 - x0, b + m };
    int top = o->question.y + o->question.h + m;
    o->answers = (Rect){ m, top, w - 2 * m, o->next.y - m - top };
    o->hear = layout_px(w, h, 96);
}

void layout_quiz_cards(const QuizLayout *ql, int n, int w, int h, Card *cards, Rect *hear)
{
    /* Answers run longer than titles (in Quechua above all): room for three small lines, whose
     * line height is 6/5 of the size. */
    layout_cards_tall(ql->answers, n, n, TEXT_SMALL * 6 / 5 * 3 + 8, 10, w, h, cards);
    for (int i = 0; i < n; i++) {
        /* Bottom-left of the picture: the top corners carry the picture's own sign and the
         * answer's check or cross, and the middle of the card stays the answer itself. */
        Rect p = cards[i].picture;
        int d = ql->hear < p.h * 2 / 5 ? ql->hear : p.h * 2 / 5;
        hear[i] = (Rect){ p.x + d / 8, p.y + p.h - d - d / 8, d, d };
    }
}

void layout_who(int w, int h, int n, Card *out)
{
    /* Each card's picture is a disc: the cards may be square, and so fill the screen. */
    layout_cards_tall(layout_language_area(w, h), n, 3, TEXT_MEDIUM * 2 + 8, 10, w, h, out);
}

Rect layout_language_area(int w, int h)
{
    int m = layout_px(w, h, 60);
    return (Rect){ m, m, w - 2 * m, h - 2 * m };
}

float layout_mm(int w, int h, float diagonal_in, int px)
{
    float diag_px = sqrtf((float)w * (float)w + (float)h * (float)h);
    return (float)px * 25.4f * diagonal_in / diag_px;
}

float layout_mm_w(int w, int px)
{
    return (float)px * LAYOUT_PANEL_W_MM / (float)w;
}

float layout_mm_h(int h, int px)
{
    return (float)px * LAYOUT_PANEL_H_MM / (float)h;
}

int layout_min_target(int w, int h)
{
    int pw = (int)ceilf(LAYOUT_MIN_MM * (float)w / LAYOUT_PANEL_W_MM), ph = (int)ceilf(LAYOUT_MIN_MM * (float)h / LAYOUT_PANEL_H_MM);
    return pw > ph ? pw : ph;
}
