/* button: hit testing and keyboard focus over a screen's buttons. */
#include "button.h"
#include "../base/text.h"
#include "layout.h"

#include <limits.h>
#include <string.h>

void button_clear(ButtonSet *s)
{
    s->n = 0;
}

Button *button_add(ButtonSet *s, const char *id, Rect r, ButtonStyle style, const char *icon, const char *label)
{
    if (s->n == PALLAY_MAX_BUTTONS) return &s->b[s->n - 1];
    Button *b = &s->b[s->n++];
    memset(b, 0, sizeof *b);
    text_copy(b->id, sizeof b->id, id);
    b->r = r;
    b->style = style;
    if (icon) text_copy(b->icon, sizeof b->icon, icon);
    if (label) text_copy(b->label, sizeof b->label, label);
    return b;
}

int button_at(const ButtonSet *s, int x, int y)
{
    for (int i = s->n - 1; i >= 0; i--)
        if (rect_contains(s->b[i].r, x, y)) return i;
    return -1;
}

int button_find(const ButtonSet *s, const char *id)
{
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->b[i].id, id) == 0) return i;
    return -1;
}

void button_move_focus(ButtonSet *s, int dx, int dy)
{
    if (s->n == 0) return;
    if (s->focus < 0 || s->focus >= s->n) {
        /* The first button a keyboard can reach: hidden ones are for fingers that know. */
        for (int i = 0; i < s->n; i++)
            if (s->b[i].style != BUTTON_HIDDEN) { s->focus = i; return; }
        return;
    }
    Rect f = s->b[s->focus].r;
    int fx = f.x + f.w / 2, fy = f.y + f.h / 2;
    int best = -1;
    long best_score = LONG_MAX;
    for (int i = 0; i < s->n; i++) {
        if (i == s->focus || s->b[i].style == BUTTON_HIDDEN) continue;
        Rect r = s->b[i].r;
        int x = r.x + r.w / 2 - fx, y = r.y + r.h / 2 - fy;
        int along = x * dx + y * dy, across = x * dy - y * dx;
        if (along <= 0) continue;
        if (across < 0) across = -across;
        long score = (long)along + 2L * across;  /* prefer buttons straight ahead */
        if (score < best_score) { best_score = score; best = i; }
    }
    if (best >= 0) s->focus = best;
}

static int is_round(const Button *b)
{
    return b->style == BUTTON_BLUE || b->style == BUTTON_GREEN || b->style == BUTTON_ORANGE || b->style == BUTTON_RED;
}

static int within(Rect in, Rect out)
{
    return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w && in.y + in.h <= out.y + out.h;
}

int button_check(const ButtonSet *s, int w, int h, char (*problems)[PALLAY_ERR_LEN], int max)
{
    int n = 0;
#define PROBLEM(...) do { if (n < max) text_fmt(problems[n], PALLAY_ERR_LEN, __VA_ARGS__); n++; } while (0)
    for (int i = 0; i < s->n; i++) {
        const Button *a = &s->b[i];
        Rect r = a->r;
        if (!within(r, (Rect){ 0, 0, w, h })) PROBLEM("%s off screen at %d,%d %dx%d", a->id, r.x, r.y, r.w, r.h);
        float mw = layout_mm_w(w, r.w), mh = layout_mm_h(h, r.h);
        if (mw < LAYOUT_MIN_MM || mh < LAYOUT_MIN_MM)
            PROBLEM("%s too small %.1fx%.1f mm (%dx%d px)", a->id, (double)mw, (double)mh, r.w, r.h);
        for (int j = i + 1; j < s->n; j++) {
            const Button *b = &s->b[j];
            if (!rect_overlaps(r, b->r)) continue;
            if ((is_round(a) && b->style == BUTTON_CARD && within(a->r, b->r)) ||
                (is_round(b) && a->style == BUTTON_CARD && within(b->r, a->r)))
                continue;
            PROBLEM("%s overlaps %s", a->id, b->id);
        }
    }
#undef PROBLEM
    return n;
}
