/* test_wrap: text breaks at spaces into lines that fit, long words break between
 * characters (never inside one), and every shipped caption fits its box with the real font. */
#include "check.h"
#include "base/text.h"
#include "content/catalog.h"
#include "content/po.h"
#include "content/uikeys.h"
#include "ui/font.h"
#include "ui/layout.h"
#include "ui/wrap.h"

#include <stdlib.h>

#define FONT_PATH "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

/* A fixed-width measure: 10 px per code point. */
static int measure_fixed(void *ud, const char *s, int len)
{
    (void)ud;
    int n = 0;
    const char *end = s + len;
    while (s < end && *s) { text_utf8_next(&s); n++; }
    return 10 * n;
}

static int measure_font(void *ud, const char *s, int len) { return font_measure(ud, s, len); }

/* Wraps text at width with the fixed measure and joins the lines with "|". Returns the line count. */
static int wrap_joined(const char *text, int width, char *out, size_t n, WrapLine *lines, int max)
{
    int count = wrap_text(text, width, measure_fixed, NULL, lines, max);
    out[0] = '\0';
    for (int i = 0; i < count && i < max; i++) {
        size_t len = strlen(out);
        snprintf(out + len, n - len, "%s%.*s", i ? "|" : "", lines[i].len, text + lines[i].start);
    }
    return count;
}

/* 1 if no line of text starts or ends inside a UTF-8 sequence. */
static int whole_chars(const char *text, const WrapLine *lines, int n)
{
    for (int i = 0; i < n; i++) {
        unsigned char first = (unsigned char)text[lines[i].start];
        unsigned char after = (unsigned char)text[lines[i].start + lines[i].len];
        if ((first & 0xC0) == 0x80 || (after & 0xC0) == 0x80) return 0;
    }
    return 1;
}

static int widest(const char *text, const WrapLine *lines, int n)
{
    int w = 0;
    for (int i = 0; i < n; i++) {
        int lw = measure_fixed(NULL, text + lines[i].start, lines[i].len);
        if (lw > w) w = lw;
    }
    return w;
}

static void test_fixed(void)
{
    WrapLine lines[16];
    char got[256];
    int n;

    n = wrap_joined("Usa el casco siempre", 100, got, sizeof got, lines, 16);
    CHECK_STR("text breaks at spaces", got, "Usa el|casco|siempre");
    CHECK_INT("three lines", n, 3);
    CHECK_GOT("no line is wider than the width", widest("Usa el casco siempre", lines, n) <= 100, "<= 100 px",
              "%d px", widest("Usa el casco siempre", lines, n));

    n = wrap_joined("uno\n\ndos", 200, got, sizeof got, lines, 16);
    CHECK_STR("an empty line between two newlines is empty", got, "uno||dos");
    n = wrap_joined("\nabc", 200, got, sizeof got, lines, 16);
    CHECK_STR("a leading newline gives an empty first line", got, "|abc");
    n = wrap_joined("short", 100, got, sizeof got, lines, 16);
    CHECK_STR("text that fits is one line", got, "short");
    CHECK_INT("one line", n, 1);

    n = wrap_joined("abcdefghij", 100, got, sizeof got, lines, 16);
    CHECK_STR("text exactly as wide as the line is one line", got, "abcdefghij");

    n = wrap_joined("", 100, got, sizeof got, lines, 16);
    CHECK_INT("empty text needs no line", n, 0);

    n = wrap_joined("a abcdefghijkl b", 50, got, sizeof got, lines, 16);
    CHECK_STR("a word wider than the line is split between characters", got, "a|abcde|fghij|kl b");

    const char *enye = "ñññññññ";
    n = wrap_joined(enye, 30, got, sizeof got, lines, 16);
    CHECK_STR("a long word of two-byte characters splits between characters", got, "ñññ|ñññ|ñ");
    CHECK("no line cuts a UTF-8 sequence", whole_chars(enye, lines, n));
    CHECK_GOT("and no line is wider than the width", widest(enye, lines, n) <= 30, "<= 30 px", "%d px",
              widest(enye, lines, n));

    const char *quote = "“¿Qué?”—“¡Sí!”";
    n = wrap_joined(quote, 40, got, sizeof got, lines, 16);
    CHECK_STR("three-byte quotes split between characters too", got, "“¿Qu|é?”—|“¡Sí|!”");
    CHECK("no line cuts a three-byte sequence", whole_chars(quote, lines, n));

    n = wrap_joined("uno\ndos tres", 200, got, sizeof got, lines, 16);
    CHECK_STR("\\n forces a break", got, "uno|dos tres");
    CHECK_INT("\\n: two lines", n, 2);

    n = wrap_joined("uno  \ndos", 200, got, sizeof got, lines, 16);
    CHECK_STR("spaces before \\n are not in the line", got, "uno|dos");

    n = wrap_joined("alfa beta   gamma   ", 70, got, sizeof got, lines, 16);
    CHECK_STR("trailing spaces are not in lines", got, "alfa|beta|gamma");
    int trailing = 0;
    for (int i = 0; i < n; i++)
        if (lines[i].len > 0 && "alfa beta   gamma   "[lines[i].start + lines[i].len - 1] == ' ') trailing++;
    CHECK_INT("no line ends with a space", trailing, 0);

    n = wrap_joined("  leading", 200, got, sizeof got, lines, 16);
    CHECK_STR("leading spaces are not in the line", got, "leading");

    n = wrap_joined("a b c d e f", 10, got, sizeof got, lines, 2);
    CHECK_INT("the count covers every line even beyond max", n, 6);
    CHECK_STR("only max lines are written", got, "a|b");

    n = wrap_text("abc", 5, measure_fixed, NULL, lines, 16);
    CHECK_INT("a line narrower than one character still takes one per line", n, 3);
}

static void test_utf8(void)
{
    static const struct { const char *s; unsigned cp; int bytes; } cases[] = {
        { "á", 0xE1, 2 }, { "ñ", 0xF1, 2 }, { "ü", 0xFC, 2 }, { "¿", 0xBF, 2 }, { "¡", 0xA1, 2 },
        { "a", 'a', 1 }, { "…", 0x2026, 3 }, { "\xF0\x9F\x98\x80", 0x1F600, 4 },
        { "\xFF" "a", 0xFFFD, 1 }, { "\x80" "a", 0xFFFD, 1 }, { "\xC3" "a", 0xFFFD, 1 }, { "\xC0\x80", 0xFFFD, 1 }, { "\xED\xA0\x80", 0xFFFD, 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *p = cases[i].s;
        unsigned cp = text_utf8_next(&p);
        char hex[64];
        for (int j = 0; j < cases[i].bytes; j++) sprintf(hex + 3 * j, "%02X ", (unsigned char)cases[i].s[j]);
        hex[3 * cases[i].bytes - 1] = '\0';
        CHECK_INT(check_name("text_utf8_next decodes %s", hex), cp, cases[i].cp);
        CHECK_INT(check_name("text_utf8_next advances past %s", hex), p - cases[i].s, cases[i].bytes);
    }
}

/* Lines text needs at width, with the font. */
static int lines_for(Font *f, const char *text, int width)
{
    WrapLine lines[8];
    return wrap_text(text, width, measure_font, f, lines, 8);
}

/* Every text the kiosk shows fits its box at w x h in the small font (the size the kiosk falls
 * back to): slide texts and the end message in the player caption, module titles and language
 * names in the card captions. Spoken-only strings (prompts, button names) are not shown. */
static void check_captions(int w, int h)
{
    CatalogPaths paths = { "assets", "locales", "build/content", NULL };
    Catalog *c = catalog_load(&paths, NULL);
    Err e = { "" };
    Font *f = font_load(FONT_PATH, layout_px(w, h, TEXT_SMALL), &e);
    if (!CHECK_GOT(check_name("the font loads at %dx%d", w, h), f != NULL, "a font", "%s", e.msg)) {
        catalog_unload(c);
        return;
    }
    PlayerLayout pl;
    layout_player(w, h, &pl);
    HomeLayout hl;
    layout_home(w, h, &hl);
    Card cards[PALLAY_MAX_MODULES];
    layout_cards(hl.grid, catalog_module_count(c), catalog_module_count(c) > 6 ? 4 : 3, w, h, cards);
    int card_w = cards[0].caption.w - 2 * (cards[0].card.w / 64 + 2);   /* widget_card's padding */
    int fit_player = pl.caption.h / font_line_height(f), fit_card = cards[0].caption.h / font_line_height(f);
    for (int l = 0; l < catalog_lang_count(c); l++) {
        const char *code = catalog_lang(c, l)->code;
        int worst = 0, worst_card = 0;
        const char *worst_key = "", *worst_card_key = "";
        for (int m = 0; m < catalog_module_count(c); m++) {
            const Module *mod = catalog_module(c, m);
            for (int i = 0; i <= mod->nslides; i++) {
                const char *key = i < mod->nslides ? mod->slides[i].key : UIKEY_PLAYER_END;
                int n = lines_for(f, catalog_text(c, l, key), pl.caption.w);
                if (n > worst) { worst = n; worst_key = key; }
                /* A help slide's words for a kiosk without help contacts show in the same caption. */
                if (i < mod->nslides && mod->slides[i].nohelp[0]) {
                    n = lines_for(f, catalog_text(c, l, mod->slides[i].nohelp), pl.caption.w);
                    if (n > worst) { worst = n; worst_key = mod->slides[i].nohelp; }
                }
            }
            int n = lines_for(f, catalog_text(c, l, mod->title), card_w);
            if (n > worst_card) { worst_card = n; worst_card_key = mod->title; }
        }
        int n = lines_for(f, catalog_text(c, l, UIKEY_LANG_NAME), card_w);
        if (n > worst_card) { worst_card = n; worst_card_key = UIKEY_LANG_NAME; }
        CHECK_GOT(check_name("every slide text in %s fits the %dx%d caption", code, w, h), worst <= fit_player,
                  check_name("at most %d lines", fit_player), "%d lines for \"%s\"", worst, worst_key);
        CHECK_GOT(check_name("every card caption in %s fits at %dx%d", code, w, h), worst_card <= fit_card,
                  check_name("at most %d lines", fit_card), "%d lines for \"%s\"", worst_card, worst_card_key);
    }
    font_unload(f);
    catalog_unload(c);
}

/* The kiosk's font draws every letter Spanish and Quechua need as itself, not as "?". */
static void test_glyphs(void)
{
    Err e;
    Font *f = font_load(FONT_PATH, 40, &e);
    if (!CHECK_GOT("the kiosk font loads", f != NULL, "a font", "\"%s\"", e.msg)) return;
    const char *letters = "áéíóúñüÁÉÍÓÚÑÜ¿¡'’‘“”…";
    for (const char *p = letters; *p; ) {
        const char *at = p;
        unsigned cp = text_utf8_next(&p);
        CHECK(check_name("the font draws %.*s (U+%04X)", (int)(p - at), at, cp), font_has(f, cp));
    }
    CHECK("a letter outside the atlas (U+4E00) is drawn as ?", !font_has(f, 0x4E00));
    CHECK("\"ch'aki\" measures wider than \"chaki\"", font_measure(f, "ch'aki", 6) > font_measure(f, "chaki", 5));
    font_unload(f);
}

int main(void)
{
    test_glyphs();
    test_fixed();
    test_utf8();
    static const int sizes[][2] = { { 800, 480 }, { 1920, 1080 } };
    for (int i = 0; i < 2; i++) {
        check_captions(sizes[i][0], sizes[i][1]);
    }
    return check_done();
}
