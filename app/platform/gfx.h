/* gfx: drawing on the platform renderer: shapes, pictures (through a bounded texture cache),
 * and text in three sizes. */
#ifndef PALLAY_GFX_H
#define PALLAY_GFX_H

#include "../base/err.h"
#include "../ui/geom.h"

#include <SDL.h>

typedef struct { unsigned char r, g, b, a; } Color;

typedef enum { FONT_SMALL, FONT_MEDIUM, FONT_LARGE } FontSize;

/* Builds the three font atlases for the current output size from ttf_path. -1 (with e) on failure. */
int gfx_load_fonts(const char *ttf_path, Err *e);
void gfx_unload(void);

void gfx_clear(Color c);
void gfx_fill_rect(Rect r, Color c);
void gfx_rounded_rect(Rect r, int radius, Color c);
void gfx_circle(int cx, int cy, int radius, Color c);

/* Draws the PNG at path fitted into dst (aspect kept, centred). A picture that cannot be
 * loaded is reported once on stderr and drawn as a placeholder; returns -1 then. One still
 * being decoded (the first time it is drawn) is left out of this frame; returns 1 then. */
int gfx_picture(const char *path, Rect dst);
/* The same, with every pixel multiplied by tint: a white sign drawn in a learner's colour. */
int gfx_picture_tinted(const char *path, Rect dst, Color tint);
/* The "picture missing" placeholder. */
void gfx_placeholder(Rect dst);

/* Text: width of s (len bytes) in size, line height, and drawing at (x, top y). */
int gfx_text_width(FontSize size, const char *s, int len);
int gfx_line_height(FontSize size);
void gfx_text(FontSize size, const char *s, int len, int x, int y, Color c);
/* Wraps text into r and draws it centred, in the largest of the sizes up to max that fits
 * without breaking a word (below the small size, the small size scaled down, to 60%); a text
 * that fits no size is cut with "…". Returns the size used. */
FontSize gfx_text_box(const char *text, Rect r, FontSize max, Color c);
/* The line height in pixels gfx_text_box would use for text in r: screens take the smallest over
 * a row of cards or keys, or a lesson's captions, and draw them all at it with gfx_text_draw. */
int gfx_text_fit(const char *text, Rect r, FontSize max);
/* Draws text wrapped into r, centred, at line height px (cut with "…" if it does not fit). */
void gfx_text_draw(const char *text, Rect r, int px, Color c);

/* Textures held by the picture cache now (for tests and the bench). */
int gfx_cached_pictures(void);
/* Takes a decoded picture from the loader's event into the cache: 1 if ev was one (the screen
 * needs drawing again), 0 if it was some other event. */
int gfx_picture_arrived(const SDL_Event *ev);
/* Pictures still being decoded: a script waits for them, as a person would see them. */
int gfx_pictures_loading(void);
/* While held (1), pictures drawn are noted but not yet given to the decoding thread; releasing
 * (0) gives it those. The first frame is drawn held, so that thread does not take the CPU the
 * first frame needs: its pictures could not be on it anyway. */
void gfx_hold_pictures(int hold);
/* Drops every cached picture: after a resize they are decoded again for the new size. */
void gfx_forget_pictures(void);

#endif
