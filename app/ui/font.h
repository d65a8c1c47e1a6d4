/* font: a TrueType font at one pixel size, with the glyphs Spanish and Quechua need (Latin-1
 * plus typographic quotes), laid out in an alpha atlas when loaded and rasterised by stb_truetype
 * only when first drawn: a screen pays for its own letters, not for every letter at start. No SDL:
 * the platform layer uploads each glyph as it comes and draws the quads. */
#ifndef PALLAY_FONT_H
#define PALLAY_FONT_H

#include "../base/err.h"

#define FONT_ATLAS_W 512   /* an atlas's width in pixels; its height is what its glyphs need */

typedef struct Font Font;

typedef struct { float x0, y0, x1, y1, s0, t0, s1, t1; } GlyphQuad;

/* Loads ttf_path for a line height of px pixels (the file is mapped, not read). NULL (with e) on
 * failure. */
Font *font_load(const char *ttf_path, int px, Err *e);
void font_unload(Font *f);

/* Width in pixels of the first len bytes of s. */
int font_measure(const Font *f, const char *s, int len);
int font_line_height(const Font *f);
int font_ascent(const Font *f);

/* Quad of code point cp with the pen at (*x, baseline y); advances *x. Returns 0, or -1 for a
 * space-like glyph with nothing to draw. Code points outside the atlas draw as "?". */
int font_glyph(const Font *f, unsigned cp, float *x, float y, GlyphQuad *q);

/* 1 if cp is drawn as itself (in the atlas and in the font), 0 if it is drawn as "?". */
int font_has(const Font *f, unsigned cp);

/* The atlas's size in pixels: every glyph has its place in it from the start. */
void font_atlas_size(const Font *f, int *w, int *h);
/* The glyph cp is drawn with (its own, or "?"), rasterised now if it was not yet: its coverage,
 * w x h bytes (a row after another), for the atlas at (x, y). NULL if it was rasterised before
 * or has no pixels. The bytes stay valid until the next call. */
const unsigned char *font_rasterise(Font *f, unsigned cp, int *x, int *y, int *w, int *h);

#endif
