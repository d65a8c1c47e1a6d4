/* font: a TrueType font rasterised by stb_truetype into an alpha atlas at one pixel size,
 * with the glyphs Spanish and Quechua need (Latin-1 plus typographic quotes). No SDL:
 * the platform layer uploads the atlas and draws the quads. */
#ifndef PALLAY_FONT_H
#define PALLAY_FONT_H

#include "../base/err.h"

typedef struct Font Font;

typedef struct { float x0, y0, x1, y1, s0, t0, s1, t1; } GlyphQuad;

/* Loads ttf_path rasterised for a line height of px pixels. NULL (with e) on failure. */
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

/* The atlas: w x h bytes of coverage (NULL once released; w and h stay valid). */
const unsigned char *font_atlas(const Font *f, int *w, int *h);
/* Frees the atlas bitmap once it has been copied into a texture. */
void font_release_atlas(Font *f);

#endif
