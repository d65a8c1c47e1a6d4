/* keyboard: an on-screen keyboard for names in Spanish and Quechua: a-z, ñ, accented vowels,
 * the apostrophe of Quechua names, space, shift and delete. Keys are buttons "kb:<key>" with the
 * key's text as label; editing works on a UTF-8 buffer. No SDL here. */
#ifndef PALLAY_KEYBOARD_H
#define PALLAY_KEYBOARD_H

#include "button.h"

#include <stddef.h>

/* The pictures of the special keys (BUTTON_ICON_KEY): names under assets/pictures/. */
#define KEYBOARD_ICON_DELETE   "icon-backspace"
#define KEYBOARD_ICON_SHIFT    "icon-shift"
#define KEYBOARD_ICON_SHIFT_ON "icon-shift-on"
#define KEYBOARD_ICON_SPACE    "icon-space"

/* Adds the keys to bs, filling area; with shift the letters are capitals. */
void keyboard_layout(Rect area, int shift, ButtonSet *bs);
/* Applies a pressed key (a button id) to text (at most max_chars characters; screens allow one
 * more than a name may have, so that a name too long is refused aloud, not silently cut): returns 1 if
 * the id was a key, 0 if not. Shift ends after one letter. */
int keyboard_press(const char *id, char *text, size_t n, int max_chars, int *shift);
/* Appends typed UTF-8 (from a physical keyboard), or deletes the last character for "\b".
 * Characters past max_chars are dropped. */
void keyboard_type(const char *utf8, char *text, size_t n, int max_chars);
/* The number of characters (code points) in text. */
int keyboard_chars(const char *text);

#endif
