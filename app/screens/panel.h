/* panel: what the facilitator screens share: an instruction across the top, a message line,
 * keys with words, the learners of this kiosk as a grid of their signs. */
#ifndef PALLAY_PANEL_H
#define PALLAY_PANEL_H

#include "../ui/layout.h"
#include "screen.h"

/* Every learner a kiosk can hold: the grids page them (panel_grid_page). */
#define PANEL_MAX_LEARNERS (PALLAY_MAX_SIGNS * PALLAY_MAX_COLOURS)

/* The instruction (the text of key, also what the screen speaks) across the top. */
void panel_title(Ctx *c, const char *key);
/* The area below the title, between the left and right button columns. */
Rect panel_area(Ctx *c);
/* A line of text at the bottom of the area: red for a refusal, green for a success. */
void panel_message(Ctx *c, const char *text, int error);

/* What the facilitator must know about the kiosk's set-up, on the message line: no help contacts
 * are set (the help slide can only say "ask your facilitator"), and which lessons no health worker
 * has signed off yet. Draws nothing when neither applies. */
void panel_notices(Ctx *c);

/* What a facilitator screen has to say: shown on the message line until the next touch, and spoken. */
typedef struct { char text[PALLAY_ERR_LEN]; int error; } PanelMessage;
/* Sets m to the text of key, speaks it. */
void panel_tell(Ctx *c, PanelMessage *m, const char *key, int error);
/* A line of plain text (no box: it is not a button) at the bottom of the area. */
void panel_note(Ctx *c, const char *text);
/* A phone-like pad of 3 x 4 keys filling area: "<prefix>1" to "<prefix>9", then "<prefix>del"
 * (the delete picture), "<prefix>0" and, if last_id is given, a key last_id with last_word. */
void panel_pad(ButtonSet *bs, const char *prefix, Rect area, const char *last_id, const char *last_word);
/* The box at the top of the area that shows what is being typed. */
void panel_typed(Ctx *c, const char *text);
/* Draws every BUTTON_KEY of the set with its word (kept in the button's icon field). */
void panel_draw_keys(Ctx *c, const ButtonSet *bs);
/* Adds a key with a word: a button whose icon field holds the text drawn on it. */
Button *panel_key(ButtonSet *bs, const char *id, Rect r, const char *word, const char *spoken);

typedef struct {
    Learner l[PANEL_MAX_LEARNERS];
    int n;
} Learners;
/* Loads the learners of this kiosk (oldest first). */
void panel_learners(Ctx *c, Learners *out);
/* Lays out n square cells for signs in area, rows of up to cols. */
void panel_grid(Rect area, int n, int cols, Rect *cells);
/* How many signs fit in area, rows of up to cols, each still a finger's size (12 mm): more
 * learners than that go on pages. */
int panel_grid_page_size(Ctx *c, Rect area, int cols);
/* The signs of page *page (clamped) of n: lays out their cells, returns the first one's index and
 * sets *count; adds the buttons "page:prev" and "page:next" where there is a page before or after. */
int panel_grid_page(Ctx *c, ButtonSet *bs, Rect area, int n, int cols, int *page, Rect *cells, int *count);
/* One caption size for the cards of modules 0..n-1 (widget_cards_text_px). */
int panel_modules_px(Ctx *c, const Card *cards, int n);
/* A module's card: its tile and title (at line height px), highlighted when selected. */
void panel_module_card(Ctx *c, const Card *card, int module, int px, int selected);
/* A learner's sign in r (her symbol in her colour), highlighted when selected. */
void panel_sign(Ctx *c, Rect r, const char *symbol, const char *colour, int selected);

#endif
