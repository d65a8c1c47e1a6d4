/* widget: drawing of buttons, cards and progress dots, in the kiosk's one visual style. */
#ifndef PALLAY_WIDGET_H
#define PALLAY_WIDGET_H

#include "../platform/gfx.h"
#include "button.h"
#include "layout.h"

extern const Color WIDGET_BACKGROUND, WIDGET_INK, WIDGET_CARD, WIDGET_HIGHLIGHT, WIDGET_RIGHT, WIDGET_WRONG;

/* A round button with its icon (icon_path may be "": a plain disc). */
void widget_round_button(const Button *b, const char *icon_path, int pressed);
/* A picture card: picture over a caption (at line height px, 0: the largest that fits it alone),
 * highlighted when selected. */
void widget_card(Rect card, Rect picture, Rect caption, const char *picture_path, const char *caption_text, int px,
                 int selected, int pressed);
/* Where a card's caption text goes. */
Rect widget_caption_rect(Rect card, Rect caption);
/* One text size for a set of cards (NULL texts skipped): the largest at which every caption fits
 * whole, so the cards of a screen never show their words in different sizes. */
int widget_cards_text_px(const Card *cards, const char *const *texts, int n);
/* A learner's sign: the symbol picture in her colour on a white disc filling r (a square). */
void widget_sign(Rect r, const char *symbol_path, Color colour, int selected);
/* A coloured disc with a white icon on it (the check or cross of an answer, a tile's mark). */
void widget_badge(int cx, int cy, int radius, Color c, const char *icon_path);
/* n stars in a row centred in r, the first lit ones in yellow, the rest grey. */
void widget_stars(Rect r, int lit, int n, const char *star_path);
/* A banner across the bottom of the screen (w x h) with a message, for what went wrong. */
void widget_banner(int w, int h, const char *text);
/* A key or a choice with a word on it (facilitator screens), at line height px (0: the largest
 * that fits it alone), highlighted when selected. */
void widget_key(Rect r, const char *label, int px, int selected, int pressed);
/* Where a key's word goes, and the largest size a key of that height uses. */
Rect widget_key_text_rect(Rect r);
FontSize widget_key_max(Rect r);
/* A key with a picture (white on transparent, drawn in ink): delete, capitals, space. */
void widget_key_icon(Rect r, const char *icon_path, int selected, int pressed);
/* A line through r: a voided entry, shown struck through, never hidden. */
void widget_strike(Rect r);
/* The keyboard focus ring around r. */
void widget_focus(Rect r);
/* n dots (a lesson's slides) with the current one (0-based) bigger, the ones before it green;
 * then, for a lesson with a quiz (quiz_path not NULL), the quiz's own mark. */
void widget_dots(Rect area, int n, int current, const char *quiz_path);

#endif
