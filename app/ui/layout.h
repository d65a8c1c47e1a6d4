/* layout: where everything goes on a landscape screen of any size from 800x480 to 1920x1080.
 * Sizes are designed for a 1280x800 screen and scaled; no SDL here. */
#ifndef PALLAY_LAYOUT_H
#define PALLAY_LAYOUT_H

#include "geom.h"

/* Design-to-pixel scale for a w x h screen (1.0 at 1280x800). */
float layout_scale(int w, int h);
/* A design length in pixels on that screen. */
int layout_px(int w, int h, int design);

/* Text sizes in design pixels (line height of the font atlas). */
enum { TEXT_SMALL = 30, TEXT_MEDIUM = 40, TEXT_LARGE = 56 };

/* Big round icon buttons: diameter in design pixels. On a 10" 800x480 screen, 130 design px are
 * 78 px, 21 mm: well above the 12 mm a fingertip needs. */
#define LAYOUT_BUTTON 130

typedef struct {
    Rect home, repeat, back, next;  /* corner buttons */
    Rect picture;                   /* slide picture, 10:7 */
    Rect caption;                   /* up to two lines of text */
    Rect dots;                      /* progress dots */
} PlayerLayout;

void layout_player(int w, int h, PlayerLayout *out);

/* Cards (a picture 10:7 over a caption) for n items in a grid inside area, at most max_cols a
 * row: writes each card's rect, its picture and caption parts, and its play button. */
typedef struct { Rect card, picture, caption, play; } Card;
void layout_cards(Rect area, int n, int max_cols, int w, int h, Card *out);
/* The same with a caption of the given design height (layout_cards: two medium lines). */
void layout_cards_caption(Rect area, int n, int max_cols, int caption, int w, int h, Card *out);
/* The same, but where the width leaves height to spare the picture part grows up to tall:10
 * (a 10:7 picture is drawn centred in it), so that a short row of cards fills the screen. */
void layout_cards_tall(Rect area, int n, int max_cols, int caption, int tall, int w, int h, Card *out);

/* Home: the language button top-left and the area for module cards. */
typedef struct { Rect language; Rect grid; } HomeLayout;
void layout_home(int w, int h, HomeLayout *out);

/* Quiz: the question across the top between the home and repeat buttons, and the area for
 * its answer cards, across the screen above the next button. */
typedef struct { Rect home, repeat, next, question, answers; int hear; } QuizLayout;
void layout_quiz(int w, int h, QuizLayout *out);
/* The n answer cards in one row, each with its speaker button (hear) in its picture's corner. */
void layout_quiz_cards(const QuizLayout *ql, int n, int w, int h, Card *cards, Rect *hear);

/* Who are you: n (up to 3) cards in a row. */
void layout_who(int w, int h, int n, Card *out);

/* Language choice: the area for language cards. */
Rect layout_language_area(int w, int h);

/* Millimetres covered by px pixels on a w x h screen of the given diagonal (inches). */
float layout_mm(int w, int h, float diagonal_in, int px);

/* The smallest panel the kiosk ships on: a 10" 16:10 screen, 217 x 136 mm, which the window
 * fills whatever its size in pixels. No touch target may be under LAYOUT_MIN_MM on it. */
#define LAYOUT_PANEL_W_MM 217.0f
#define LAYOUT_PANEL_H_MM 136.0f
#define LAYOUT_MIN_MM     12.0f
/* Width and height of r in millimetres on that panel, for a w x h window. */
float layout_mm_w(int w, int px);
float layout_mm_h(int h, int px);
/* The length in pixels that is at least LAYOUT_MIN_MM both ways on a w x h window. */
int layout_min_target(int w, int h);

#endif
