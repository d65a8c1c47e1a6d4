/* test_layout: on every supported screen, everything lies on the screen, nothing
 * overlaps, every touch target is at least 12 mm, pictures keep 10:7; and the
 * button list hit-tests and moves keyboard focus the way the kiosk expects. */
#include "check.h"
#include "ui/button.h"
#include "ui/layout.h"

#include <math.h>
#include <string.h>

#define DIAGONAL_IN 10.0f   /* the smallest panel the kiosk ships on: 217 x 136 mm (layout.h) */
#define MIN_MM      LAYOUT_MIN_MM   /* a finger, with room to spare */

static const int SIZES[][2] = { { 800, 480 }, { 1024, 600 }, { 1280, 720 }, { 1280, 800 }, { 1366, 768 }, { 1920, 1080 } };
#define NSIZES (int)(sizeof SIZES / sizeof *SIZES)

/* A rect as "x,y wxh", in one of a few rotating buffers. */
static const char *rs(Rect r)
{
    static char buf[4][48];
    static int next;
    char *s = buf[next++ % 4];
    snprintf(s, sizeof buf[0], "%d,%d %dx%d", r.x, r.y, r.w, r.h);
    return s;
}

static int inside(Rect in, Rect out)
{
    return in.w > 0 && in.h > 0 && in.x >= out.x && in.y >= out.y &&
           in.x + in.w <= out.x + out.w && in.y + in.h <= out.y + out.h;
}

static void check_inside(const char *screen, const char *what, Rect r, const char *area_name, Rect area)
{
    CHECK_GOT(check_name("%s: %s lies inside %s", screen, what, area_name), inside(r, area),
              check_name("inside %s", rs(area)), "%s", rs(r));
}

static void check_apart(const char *screen, const char *a, Rect ra, const char *b, Rect rb)
{
    CHECK_GOT(check_name("%s: %s does not overlap %s", screen, a, b), !rect_overlaps(ra, rb), "no overlap",
              "%s and %s", rs(ra), rs(rb));
}

/* The window fills the 10" 16:10 panel (217 x 136 mm) whatever its size in pixels: a target is
 * measured both ways in millimetres of that panel. */
static void check_touch_size(const char *screen, const char *what, Rect r, int w, int h)
{
    float mw = layout_mm_w(w, r.w), mh = layout_mm_h(h, r.h);
    CHECK_GOT(check_name("%s: %s is at least %.0f mm both ways on a %.0f\" panel", screen, what, MIN_MM, DIAGONAL_IN),
              mw >= MIN_MM && mh >= MIN_MM, check_name(">= %.0f x %.0f mm", MIN_MM, MIN_MM), "%.1f x %.1f mm (%dx%d px)",
              mw, mh, r.w, r.h);
}

/* Cards that leave the lower part of the screen empty look unfinished and waste room a finger
 * could use: the last row must reach below three quarters of the height. */
static void check_fills(const char *screen, const Card *cards, int n, int h)
{
    int bottom = 0;
    for (int i = 0; i < n; i++)
        if (cards[i].card.y + cards[i].card.h > bottom) bottom = cards[i].card.y + cards[i].card.h;
    CHECK_GOT(check_name("%s: the cards reach the lower quarter of the screen", screen), bottom * 4 >= h * 3,
              check_name(">= %d", (h * 3 + 3) / 4), "bottom at %d (%d%% empty below)", bottom, (h - bottom) * 100 / h);
}

static void test_who(int w, int h)
{
    char screen[48];
    snprintf(screen, sizeof screen, "%dx%d who", w, h);
    Card cards[3];
    layout_who(w, h, 3, cards);
    PlayerLayout pl;
    layout_player(w, h, &pl);
    Rect all = { 0, 0, w, h };
    for (int i = 0; i < 3; i++) {
        char card[16];
        snprintf(card, sizeof card, "card %d", i + 1);
        check_inside(screen, card, cards[i].card, "the screen", all);
        check_apart(screen, card, cards[i].card, "the language button", pl.home);
        check_touch_size(screen, check_name("%s's go button", card), cards[i].play, w, h);
    }
    check_fills(screen, cards, 3, h);
}

/* button_check, which the kiosk runs on every layout of every screen. */
static void test_button_check(void)
{
    ButtonSet s = { .n = 0, .focus = -1 };
    char p[8][PALLAY_ERR_LEN];
    int min = layout_min_target(800, 480);
    CHECK_GOT("12 mm at 800x480 is 45 px: 217 mm across 800 px, 136 mm down 480", min == 45, "45", "%d", min);
    button_add(&s, "card", (Rect){ 100, 100, 200, 200 }, BUTTON_CARD, NULL, NULL);
    button_add(&s, "play", (Rect){ 240, 110, 50, 50 }, BUTTON_GREEN, NULL, NULL);
    CHECK_INT("a round button inside its card is no problem", button_check(&s, 800, 480, p, 8), 0);
    button_add(&s, "small", (Rect){ 400, 100, 44, 60 }, BUTTON_KEY, NULL, NULL);
    CHECK_INT("a key 44 px wide at 800x480 (11.9 mm) is a problem", button_check(&s, 800, 480, p, 8), 1);
    CHECK_GOT("it is named, with its size in mm", strstr(p[0], "small too small 11.9x17.0 mm") != NULL,
              "\"small too small 11.9x17.0 mm ...\"", "\"%s\"", p[0]);
    CHECK_INT("the same key at 1920x1080 (5.0 mm) too", button_check(&s, 1920, 1080, p, 8) >= 1, 1);
    s.b[2].r.w = 45;
    CHECK_INT("45 px wide is enough at 800x480", button_check(&s, 800, 480, p, 8), 0);
    button_add(&s, "nine", (Rect){ 420, 120, 60, 60 }, BUTTON_KEY, NULL, NULL);
    CHECK_INT("two keys on top of each other are a problem", button_check(&s, 800, 480, p, 8), 1);
    CHECK_STR("named both", p[0], "small overlaps nine");
    s.n = 2;
    button_add(&s, "edge", (Rect){ 770, 440, 60, 60 }, BUTTON_BLUE, NULL, NULL);
    CHECK_INT("a button past the edge of the screen is a problem", button_check(&s, 800, 480, p, 8), 1);
}

static void test_player(int w, int h)
{
    char screen[32];
    snprintf(screen, sizeof screen, "%dx%d player", w, h);
    Rect all = { 0, 0, w, h };
    PlayerLayout pl;
    layout_player(w, h, &pl);
    const struct { const char *name; Rect r; } rects[] = {
        { "home", pl.home }, { "repeat", pl.repeat }, { "back", pl.back }, { "next", pl.next },
        { "picture", pl.picture }, { "caption", pl.caption }, { "dots", pl.dots },
    };
    for (int i = 0; i < 7; i++) check_inside(screen, rects[i].name, rects[i].r, "the screen", all);
    for (int i = 0; i < 4; i++) {
        for (int j = i + 1; j < 7; j++) check_apart(screen, rects[i].name, rects[i].r, rects[j].name, rects[j].r);
        check_touch_size(screen, rects[i].name, rects[i].r, w, h);
    }
    check_apart(screen, "picture", pl.picture, "caption", pl.caption);
    check_apart(screen, "caption", pl.caption, "dots", pl.dots);
    float ratio = (float)pl.picture.w / (float)pl.picture.h;
    CHECK_GOT(check_name("%s: the picture is 10:7", screen), fabsf(ratio / (10.0f / 7.0f) - 1.0f) <= 0.01f,
              "1.429 within 1%", "%.3f (%s)", ratio, rs(pl.picture));
}

/* n cards laid out in area: on screen, apart from each other and from avoid, play buttons usable. */
static void check_cards(const char *screen, Rect area, int n, int max_cols, int w, int h, const char *avoid_name,
                        Rect avoid)
{
    Card cards[16];
    layout_cards(area, n, max_cols, w, h, cards);
    Rect all = { 0, 0, w, h };
    for (int i = 0; i < n; i++) {
        char card[32];
        snprintf(card, sizeof card, "card %d", i + 1);
        check_inside(screen, card, cards[i].card, "the screen", all);
        check_inside(screen, "the picture", cards[i].picture, card, cards[i].card);
        check_inside(screen, "the caption", cards[i].caption, card, cards[i].card);
        check_inside(screen, "the play button", cards[i].play, check_name("%s's picture", card), cards[i].picture);
        check_touch_size(screen, check_name("card %d's play button", i + 1), cards[i].play, w, h);
        if (avoid_name) check_apart(screen, card, cards[i].card, avoid_name, avoid);
        for (int j = i + 1; j < n; j++)
            check_apart(screen, card, cards[i].card, check_name("card %d", j + 1), cards[j].card);
        float ratio = (float)cards[i].picture.w / (float)cards[i].picture.h;
        CHECK_GOT(check_name("%s: card %d's picture is 10:7", screen, i + 1),
                  fabsf(ratio / (10.0f / 7.0f) - 1.0f) <= 0.01f, "1.429 within 1%", "%.3f", ratio);
    }
}

static void test_home(int w, int h)
{
    HomeLayout hl;
    layout_home(w, h, &hl);
    char screen[48];
    snprintf(screen, sizeof screen, "%dx%d home", w, h);
    check_inside(screen, "the language button", hl.language, "the screen", (Rect){ 0, 0, w, h });
    check_touch_size(screen, "the language button", hl.language, w, h);
    snprintf(screen, sizeof screen, "%dx%d home, 2 modules", w, h);
    check_cards(screen, hl.grid, 2, 3, w, h, "the language button", hl.language);
    snprintf(screen, sizeof screen, "%dx%d home, 8 modules", w, h);
    check_cards(screen, hl.grid, 8, 4, w, h, "the language button", hl.language);
}

static void test_language(int w, int h)
{
    char screen[48];
    snprintf(screen, sizeof screen, "%dx%d languages, 2", w, h);
    check_cards(screen, layout_language_area(w, h), 2, 4, w, h, NULL, (Rect){ 0, 0, 0, 0 });
}


/* The quiz with 2 to 4 answers: cards clear of the corner buttons and the question, each speaker
 * button big enough and inside its picture, and the middle of each card (where a finger
 * answering lands) not on its speaker. */
static void test_quiz(int w, int h)
{
    QuizLayout ql;
    layout_quiz(w, h, &ql);
    Rect all = { 0, 0, w, h };
    for (int n = 2; n <= 4; n++) {
        char screen[48];
        snprintf(screen, sizeof screen, "%dx%d quiz, %d answers", w, h, n);
        check_inside(screen, "the question", ql.question, "the screen", all);
        check_apart(screen, "the question", ql.question, "home", ql.home);
        check_apart(screen, "the question", ql.question, "repeat", ql.repeat);
        Card cards[4];
        Rect hear[4];
        layout_quiz_cards(&ql, n, w, h, cards, hear);
        for (int i = 0; i < n; i++) {
            char card[32];
            snprintf(card, sizeof card, "answer %d", i + 1);
            check_inside(screen, card, cards[i].card, "the screen", all);
            check_apart(screen, card, cards[i].card, "the question", ql.question);
            check_apart(screen, card, cards[i].card, "home", ql.home);
            check_apart(screen, card, cards[i].card, "repeat", ql.repeat);
            check_apart(screen, card, cards[i].card, "next", ql.next);
            check_inside(screen, check_name("%s's speaker", card), hear[i], check_name("%s's picture", card), cards[i].picture);
            check_touch_size(screen, check_name("%s's speaker", card), hear[i], w, h);
            Rect middle = { cards[i].card.x + cards[i].card.w / 2, cards[i].card.y + cards[i].card.h / 2, 1, 1 };
            check_apart(screen, check_name("the middle of %s", card), middle, "its speaker", hear[i]);
            for (int j = i + 1; j < n; j++) check_apart(screen, card, cards[i].card, check_name("answer %d", j + 1), cards[j].card);
        }
        check_fills(screen, cards, n, h);
    }
}

static void test_buttons(void)
{
    ButtonSet s = { .n = 0, .focus = -1 };
    button_add(&s, "a", (Rect){ 0, 0, 10, 10 }, BUTTON_BLUE, "icon-a", "key.a");
    button_add(&s, "b", (Rect){ 100, 0, 10, 10 }, BUTTON_BLUE, NULL, NULL);
    button_add(&s, "c", (Rect){ 50, 100, 10, 10 }, BUTTON_GREEN, NULL, NULL);
    button_add(&s, "d", (Rect){ 300, 5, 10, 10 }, BUTTON_CARD, NULL, NULL);
    button_add(&s, "b-top", (Rect){ 105, 5, 20, 20 }, BUTTON_ORANGE, NULL, NULL);
    CHECK_INT("button_add counts buttons", s.n, 5);
    CHECK_STR("button_add keeps the icon", s.b[0].icon, "icon-a");
    CHECK_STR("button_add keeps the label", s.b[0].label, "key.a");
    CHECK_STR("a NULL icon is empty", s.b[1].icon, "");

    CHECK_INT("button_at finds the button under a point", button_at(&s, 5, 5), 0);
    CHECK_INT("button_at includes the top-left corner", button_at(&s, 50, 100), 2);
    CHECK_INT("button_at excludes the far edge", button_at(&s, 10, 10), -1);
    CHECK_INT("button_at is -1 between buttons", button_at(&s, 200, 50), -1);
    CHECK_INT("where buttons overlap, the later one is on top", button_at(&s, 107, 7), 4);
    CHECK_INT("the earlier one still gets its uncovered part", button_at(&s, 101, 1), 1);

    CHECK_INT("button_find finds an id", button_find(&s, "c"), 2);
    CHECK_INT("button_find matches whole ids", button_find(&s, "b"), 1);
    CHECK_INT("button_find is -1 for an unknown id", button_find(&s, "zz"), -1);

    s.n = 4;  /* without the overlapping one */
    button_move_focus(&s, 1, 0);
    CHECK_INT("from no focus, focus goes to the first button", s.focus, 0);
    button_move_focus(&s, 1, 0);
    CHECK_STR("right goes to the nearest button to the right", s.b[s.focus].id, "b");
    button_move_focus(&s, 1, 0);
    CHECK_STR("right again skips the one below, to the next in line", s.b[s.focus].id, "d");
    button_move_focus(&s, 1, 0);
    CHECK_STR("right stays when nothing lies to the right", s.b[s.focus].id, "d");
    button_move_focus(&s, 0, 1);
    CHECK_STR("down goes to the button below", s.b[s.focus].id, "c");
    button_move_focus(&s, 0, 1);
    CHECK_STR("down stays at the bottom", s.b[s.focus].id, "c");
    button_move_focus(&s, -1, 0);
    CHECK_STR("left goes to the button to the left", s.b[s.focus].id, "a");

    button_clear(&s);
    CHECK_INT("button_clear empties the set", s.n, 0);
    s.focus = -1;
    button_move_focus(&s, 1, 0);
    CHECK_INT("moving focus in an empty set changes nothing", s.focus, -1);
    CHECK_INT("button_at in an empty set is -1", button_at(&s, 5, 5), -1);

    for (int i = 0; i < PALLAY_MAX_BUTTONS + 2; i++) button_add(&s, check_name("x%d", i), (Rect){ i, 0, 1, 1 }, BUTTON_BLUE, NULL, NULL);
    CHECK_INT("a full set takes no more buttons", s.n, PALLAY_MAX_BUTTONS);
}

int main(void)
{
    for (int i = 0; i < NSIZES; i++) {
        test_player(SIZES[i][0], SIZES[i][1]);
        test_home(SIZES[i][0], SIZES[i][1]);
        test_language(SIZES[i][0], SIZES[i][1]);
        test_quiz(SIZES[i][0], SIZES[i][1]);
        test_who(SIZES[i][0], SIZES[i][1]);
    }
    test_buttons();
    test_button_check();
    return check_done();
}
