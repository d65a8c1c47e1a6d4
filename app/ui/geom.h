/* geom: rectangles in window pixels, with no SDL so layout can be tested alone. */
#ifndef PALLAY_GEOM_H
#define PALLAY_GEOM_H

typedef struct { int x, y, w, h; } Rect;

static inline int rect_contains(Rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

static inline int rect_overlaps(Rect a, Rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

#endif
