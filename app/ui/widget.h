/* widget: drawing of buttons, cards and progress dots, in the kiosk's one visual style. */
#ifndef PALLAY_WIDGET_H
#define PALLAY_WIDGET_H

#include "../platform/gfx.h"
#include "button.h"

extern const Color WIDGET_BACKGROUND, WIDGET_INK, WIDGET_CARD, WIDGET_HIGHLIGHT;

/* A round button with its icon (icon_path may be "": a plain disc). */
void widget_round_button(const Button *b, const char *icon_path, int pressed);
/* A picture card: picture over a caption, highlighted when selected. */
void widget_card(Rect card, Rect picture, Rect caption, const char *picture_path, const char *caption_text,
                 int selected, int pressed);
/* The keyboard focus ring around r. */
void widget_focus(Rect r);
/* n dots with the current one (0-based) filled; done dots ticked. */
void widget_dots(Rect area, int n, int current);

#endif
