/* button: the touch targets of one screen. A screen lists its buttons after each layout;
 * the kiosk hit-tests, moves keyboard focus and draws them from this list. */
#ifndef PALLAY_BUTTON_H
#define PALLAY_BUTTON_H

#include "../config.h"
#include "geom.h"

typedef enum {
    BUTTON_BLUE,    /* round icon button: navigation */
    BUTTON_GREEN,   /* round icon button: go forward / start */
    BUTTON_ORANGE,  /* round icon button: hear again */
    BUTTON_CARD,    /* a picture card (tile, language): the screen draws its content */
    BUTTON_KEY,     /* a key or choice with a word on it (facilitator screens): the screen draws it */
    BUTTON_RED,     /* round icon button: stop, leave, undo */
    BUTTON_HIDDEN,  /* not drawn, not reachable by keyboard: held for PALLAY_SECRET_MS, it presses */
    BUTTON_ICON_KEY,  /* a key with a picture instead of a word (delete, capitals, space): icon names it */
} ButtonStyle;

typedef struct {
    char id[PALLAY_NAME_LEN];       /* stable name used in the trace and by scripts: "next", "tile:ppe" */
    Rect r;
    ButtonStyle style;
    char icon[PALLAY_NAME_LEN];     /* picture drawn on a round button */
    char label[PALLAY_NAME_LEN];    /* string key spoken when the button is held */
    int selected;                   /* drawn highlighted (a card touched once) */
} Button;

typedef struct {
    Button b[PALLAY_MAX_BUTTONS];
    int n;
    int focus;      /* index with keyboard focus, or -1 */
} ButtonSet;

/* Empties the set. (The kiosk keeps the focus on the same id across a relayout.) */
void button_clear(ButtonSet *s);
/* Adds a button; returns it (the last one again if the set is full). */
Button *button_add(ButtonSet *s, const char *id, Rect r, ButtonStyle style, const char *icon, const char *label);
/* The button at (x, y), or -1. Later buttons lie on top of earlier ones. */
int button_at(const ButtonSet *s, int x, int y);
/* The index of the button with this id, or -1. */
int button_find(const ButtonSet *s, const char *id);
/* Moves focus to the nearest button in direction (dx, dy); from no focus, to the first. */
void button_move_focus(ButtonSet *s, int dx, int dy);

/* What a finger needs, checked on every layout: each button lies on the w x h screen, is at
 * least LAYOUT_MIN_MM both ways on the 10" panel, and overlaps no other button (a round button
 * inside a card is that card's own: its play or speaker button). Writes up to max problems, one
 * line each, and returns how many there are. */
int button_check(const ButtonSet *s, int w, int h, char (*problems)[PALLAY_ERR_LEN], int max);

#endif
