/* widget: drawing of buttons, cards and progress dots, in the kiosk's one visual style. */
#ifndef PALLAY_WIDGET_H
#define PALLAY_WIDGET_H

#include "../platform/gfx.h"
#include "button.h"

extern const Color WIDGET_BACKGROUND, WIDGET_INK, WIDGET_CARD, WIDGET_HIGHLIGHT, WIDGET_RIGHT, WIDGET_WRONG;

/* A round button with its icon (icon_path may be "": a plain disc). */
void widget_round_button(const Button *b, const char *icon_path, int pressed);
/* A picture card: picture over a caption, highlighted when selected. */
void widget_card(Rect card, Rect picture, Rect caption, const char *picture_path, const char *caption_text,
                 int selected, int pressed);
/* A learner's sign: the symbol picture in her colour on a white disc filling r (a square). */
void widget_sign(Rect r, const char *symbol_path, Color colour, int selected);
/* A coloured disc with a white icon on it (the check or cross of an answer, a tile's mark). */
void widget_badge(int cx, int cy, int radius, Color c, const char *icon_path);
/* n stars in a row centred in r, the first lit ones in yellow, the rest grey. */
void widget_stars(Rect r, int lit, int n, const char *star_path);
/* A banner across the bottom of the screen (w x h) with a message, for what went wrong. */
void widget_banner(int w, int h, const char *text);
/* A key or a choice with a word on it (facilitator screens), highlighted when selected. */
void widget_key(Rect r, const char *label, int selected, int pressed);
/* A line through r: a voided entry, shown struck through, never hidden. */
void widget_strike(Rect r);
/* The keyboard focus ring around r. */
void widget_focus(Rect r);
/* n dots with the current one (0-based) filled; done dots ticked. */
void widget_dots(Rect area, int n, int current);

#endif
