/* test_module: a .module file reads into its slides in order; each mistake is
 * reported at its line; the shipped modules parse clean. */
#include "check.h"
#include "fixtures.h"
#include "content/catalog.h"
#include "content/module.h"
#include "content/picture.h"
#include "content/ppe.h"
#include "content/signs.h"

#include <stdlib.h>

static Module m;  /* ~10 KB: keep it off the stack */

/* A well-formed three-question quiz, appended where a test needs a complete module. */
#define QUIZ3 "question q.1 q.1.why\nanswer p-a a.1 right\nanswer p-b b.1\n" \
              "question q.2 q.2.why\nanswer p-a a.2\nanswer p-b b.2 right\nanswer p-c c.2\n" \
              "question q.3 q.3.why\nanswer p-a a.3\nanswer p-d d.3 right\nreview draft\n"

static void test_valid(void)
{
    Problems ps;
    problems_init(&ps);
    int rc = module_parse(&m,
                          "# Protective equipment.\n"
                          "module  ppe\n"
                          "title   ppe.title\n"
                          "tile    ppe-tile\n"
                          "\n"
                          "slide   ppe-helmet   ppe.helmet\n"
                          "\tslide ppe-gloves ppe.gloves   # trailing comment\n"
                          "slide   ppe-mask     ppe.mask\r\n"
                          QUIZ3,
                          "ppe.module", &ps.r);
    CHECK_INT("a valid module parses", rc, 0);
    CHECK_INT("a valid module reports nothing", ps.r.count, 0);
    show_problems(&ps);
    CHECK_STR("the id is read", m.id, "ppe");
    CHECK_STR("the title key is read", m.title, "ppe.title");
    CHECK_INT("the title line is kept", m.title_line, 3);
    CHECK_STR("the tile picture is read", m.tile, "ppe-tile");
    CHECK_INT("the tile line is kept", m.tile_line, 4);
    CHECK_STR("the file name is kept", m.file, "ppe.module");
    CHECK_INT("every slide is read", m.nslides, 3);
    static const struct { const char *picture, *key; int line; } want[] = {
        { "ppe-helmet", "ppe.helmet", 6 }, { "ppe-gloves", "ppe.gloves", 7 }, { "ppe-mask", "ppe.mask", 8 },
    };
    for (int i = 0; i < 3 && i < m.nslides; i++) {
        CHECK_STR(check_name("slide %d picture, in file order", i + 1), m.slides[i].picture, want[i].picture);
        CHECK_STR(check_name("slide %d key", i + 1), m.slides[i].key, want[i].key);
        CHECK_INT(check_name("slide %d line", i + 1), m.slides[i].line, want[i].line);
    }
}

/* A module whose line 3 is bad: the problem is reported there and the rest still read. */
static void check_bad_line(const char *what, const char *bad, const char *word)
{
    char text[512];
    snprintf(text, sizeof text, "module m\ntitle m.title\n%s\ntile m-tile\nslide m-pic m.key\n" QUIZ3, bad);
    Problems ps;
    problems_init(&ps);
    int rc = module_parse(&m, text, "m.module", &ps.r);
    int got = problem_line(&ps, word);
    CHECK_GOT(check_name("%s is reported at its line", what), got == 3, check_name("\"%s\" at line 3", word), "line %d", got);
    CHECK_STR(check_name("%s: the report names the file", what), ps.n ? ps.p[0].file : NULL, "m.module");
    CHECK_INT(check_name("%s: the rest of the module is still usable", what), rc, 0);
    CHECK_INT(check_name("%s: the good slide is kept", what), m.nslides, 1);
}

static void test_problems(void)
{
    check_bad_line("an unknown directive", "picture m-x", "unknown directive");
    check_bad_line("a misspelt directive", "slides m-pic m.key", "unknown directive");
    check_bad_line("\"slide\" with one word", "slide m-pic", "picture and a text key");
    check_bad_line("\"slide\" with four words", "slide a b 5 6", "picture and a text key");
    check_bad_line("a countdown that is not a number", "slide m-pic m.key soon", "countdown is 1 to");
    check_bad_line("a countdown of 0 seconds", "slide m-pic m.key 0", "countdown is 1 to");
    check_bad_line("\"title\" with two words", "title a b", "one word");
    check_bad_line("capitals in a picture name", "slide Casco m.key", "not a valid name");
    check_bad_line("an accent in a text key", "slide m-pic m.cañón", "not a valid name");
    check_bad_line("a slash in a picture name", "slide ../etc m.key", "not a valid name");
    check_bad_line("a second module line", "module other", "second");

    Problems ps;
    problems_init(&ps);
    int rc = module_parse(&m, "module Bad/Id\ntitle t\ntile p\nslide a b\n", "m.module", &ps.r);
    CHECK_INT("invalid characters in the module id are reported at line 1", problem_line(&ps, "not a valid name"), 1);
    CHECK_INT("a module without a valid id is unusable", rc, -1);

    problems_init(&ps);
    rc = module_parse(&m, "title t\ntile p\nslide a b\n", "m.module", &ps.r);
    CHECK_INT("a module without a module line is unusable", rc, -1);
    CHECK_INT("the missing module line is reported for the whole file", problem_line(&ps, "module ID"), 0);

    problems_init(&ps);
    rc = module_parse(&m, "module m\ntile p\nslide a b\n", "m.module", &ps.r);
    CHECK_INT("a module without a title is unusable", rc, -1);

    problems_init(&ps);
    rc = module_parse(&m, "module m\ntitle t\ntile p\n", "m.module", &ps.r);
    CHECK_INT("a module without slides is unusable", rc, -1);
    CHECK_INT("no slides is reported", problem_line(&ps, "no slides"), 0);

    problems_init(&ps);
    rc = module_parse(&m, "", "m.module", &ps.r);
    CHECK_INT("an empty file is unusable", rc, -1);

    /* One slide more than fit. */
    char text[4096] = "module big\ntitle big.title\ntile big-tile\n";
    for (int i = 0; i <= PALLAY_MAX_SLIDES; i++) {
        size_t len = strlen(text);
        snprintf(text + len, sizeof text - len, "slide pic-%d key.%d\n", i, i);
    }
    problems_init(&ps);
    rc = module_parse(&m, text, "big.module", &ps.r);
    CHECK_INT("a module with too many slides is still usable", rc, 0);
    CHECK_INT("its slides are capped at PALLAY_MAX_SLIDES", m.nslides, PALLAY_MAX_SLIDES);
    CHECK_INT("the first slide over the limit is reported at its line", problem_line(&ps, "more than"),
              3 + PALLAY_MAX_SLIDES + 1);
    CHECK_STR("the last slide kept is the last that fits", m.slides[PALLAY_MAX_SLIDES - 1].key,
              check_name("key.%d", PALLAY_MAX_SLIDES - 1));

    /* Many slides over the limit: said once, with how many, not once a slide. */
    static char many[32768];
    snprintf(many, sizeof many, "module big\ntitle big.title\ntile big-tile\n");
    for (int i = 0; i < PALLAY_MAX_SLIDES + 500; i++) {
        size_t len = strlen(many);
        snprintf(many + len, sizeof many - len, "slide pic-%d key.%d\n", i, i);
    }
    problems_init(&ps);
    module_parse(&m, many, "big.module", &ps.r);
    int said = 0;
    for (int i = 0; i < ps.n; i++) said += contains(ps.p[i].msg, "slides");
    CHECK_INT("500 slides over the limit are one message", said, 1);
    CHECK_INT("with their count, at the first slide over", problem_line(&ps, "500 left out"), 3 + PALLAY_MAX_SLIDES + 1);
}

/* The quiz: questions in order, exactly one right answer each, pass mark, a content version. */
static void test_quiz(void)
{
    Problems ps;
    problems_init(&ps);
    const char *base = "module q\ntitle q.title\ntile q-tile\nslide s-pic s.key\n";
    char text[2048];
    snprintf(text, sizeof text, "%spass 3\n%s", base, QUIZ3);
    module_parse(&m, text, "q.module", &ps.r);
    CHECK_INT("a quiz of three questions reports nothing", ps.r.count, 0);
    show_problems(&ps);
    CHECK_INT("its three questions are read", m.nquestions, 3);
    CHECK_STR("the question key is read", m.questions[1].key, "q.2");
    CHECK_STR("the explanation key is read", m.questions[1].why, "q.2.why");
    CHECK_INT("the answers of a question are read", m.questions[1].nanswers, 3);
    CHECK_STR("an answer's picture is read", m.questions[1].answers[2].picture, "p-c");
    CHECK_INT("the right answer is marked", m.questions[1].answers[1].right * 10 + m.questions[1].answers[0].right, 10);
    CHECK_INT("the pass mark is read", m.pass, 3);
    CHECK_INT("an answer's line is kept", m.questions[2].answers[1].line, 15);
    char v1[17];
    snprintf(v1, sizeof v1, "%s", m.version);

    snprintf(text, sizeof text, "%s%s", base, QUIZ3);
    module_parse(&m, text, "q.module", &ps.r);
    CHECK_INT("without a pass line, two thirds must be right", m.pass, 2);
    CHECK_GOT("another text is another content version", strcmp(v1, m.version) != 0 && strlen(m.version) == 16,
              "a different 16-digit version", "\"%s\" and \"%s\"", v1, m.version);

    static const struct { const char *what, *quiz, *word; int line, kept; } bad[] = {
        { "a question with no right answer", "question x x.why\nanswer p a\nanswer p b\n", "exactly one", 16, 3 },
        { "a question with two right answers", "question x x.why\nanswer p a right\nanswer p b right\n", "exactly one", 16, 3 },
        { "a question with one answer", "question x x.why\nanswer p a right\n", "1 answer", 16, 3 },
        { "a question with five answers", "question x x.why\nanswer p a right\nanswer p b\nanswer p c\nanswer p d\nanswer p e\n", "5 answers, more than 4: left out", 16, 3 },
        { "a misspelt right", "question x x.why\nanswer p a rigth\nanswer p b right\n", "\"right\"", 17, 3 },
        { "a question without its explanation", "question x\nanswer p a right\nanswer p b\n", "explanation key", 16, 3 },
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        problems_init(&ps);
        snprintf(text, sizeof text, "%s%s%s", base, QUIZ3, bad[i].quiz);
        module_parse(&m, text, "q.module", &ps.r);
        int got = problem_line(&ps, bad[i].word);
        CHECK_GOT(check_name("%s is reported at its line", bad[i].what), got == bad[i].line,
                  check_name("\"%s\" at line %d", bad[i].word, bad[i].line), "line %d", got);
        CHECK_INT(check_name("%s: the good questions are kept", bad[i].what), m.nquestions, bad[i].kept);
    }

    problems_init(&ps);
    snprintf(text, sizeof text, "%squestion x x.why\nanswer p a right\nanswer p b\n", base);
    module_parse(&m, text, "q.module", &ps.r);
    CHECK_INT("a quiz of one question is reported", problem_line(&ps, "needs 3 to 5"), 0);
    CHECK_INT("and left out: the module ends without a quiz", m.nquestions, 0);

    problems_init(&ps);
    snprintf(text, sizeof text, "%sanswer p a right\n%s", base, QUIZ3);
    module_parse(&m, text, "q.module", &ps.r);
    CHECK_INT("an answer before any question is reported", problem_line(&ps, "before its question"), 5);

    problems_init(&ps);
    snprintf(text, sizeof text, "%spass 9\n%s", base, QUIZ3);
    module_parse(&m, text, "q.module", &ps.r);
    CHECK_INT("a pass mark above the questions is reported", problem_line(&ps, "pass mark"), 5);
    CHECK_INT("and two thirds are used instead", m.pass, 2);
}

static void test_countdown(void)
{
    Problems ps;
    problems_init(&ps);
    module_parse(&m, "module b\ntitle b.t\ntile b-t\nslide b-neck b.neck 10\nslide b-tool b.tool\n" QUIZ3, "b.module", &ps.r);
    CHECK_INT("a slide with seconds has a countdown", m.slides[0].timer, 10);
    CHECK_INT("a slide without has none", m.slides[1].timer, 0);
    CHECK_INT("and nothing is reported", ps.r.count, 0);
}

/* The sign-off: "review draft" or a health worker's name and the day she checked it. */
static void test_review(void)
{
    const char *base = "module r\ntitle r.title\ntile r-tile\nslide s-pic s.key\n" QUIZ3;  /* QUIZ3 ends "review draft" */
    Problems ps;
    problems_init(&ps);
    module_parse(&m, base, "r.module", &ps.r);
    CHECK_INT("\"review draft\" reports nothing", ps.r.count, 0);
    CHECK_INT("and the module is a draft", module_is_draft(&m), 1);
    CHECK_INT("the review line is kept", m.review_line, 15);

    char text[2048];
    snprintf(text, sizeof text, "%s", base);
    char *at = strstr(text, "review draft");
    snprintf(at, sizeof text - (size_t)(at - text), "review Rosa Quispe Huamán 2028-02-29\n");
    problems_init(&ps);
    module_parse(&m, text, "r.module", &ps.r);
    CHECK_INT("a name and a real day report nothing", ps.r.count, 0);
    show_problems(&ps);
    CHECK_STR("the reviewer's name keeps all its words", m.reviewer, "Rosa Quispe Huamán");
    CHECK_STR("the day is kept", m.reviewed, "2028-02-29");
    CHECK_INT("a signed-off module is not a draft", module_is_draft(&m), 0);

    static const struct { const char *what, *line, *word; } bad[] = {
        { "a day that does not exist", "review Rosa Quispe 2027-02-29", "not a real day" },
        { "a month 13", "review Rosa 2026-13-01", "not a real day" },
        { "a date written the other way", "review Rosa 01-03-2026", "not a real day" },
        { "a name without a date", "review Rosa", "the reviewer's name and a date" },
        { "a date without a name", "review 2026-03-01", "the reviewer's name and a date" },
        { "an empty review", "review", "the reviewer's name and a date" },
        { "draft with more words", "review draft soon", "not a real day" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        snprintf(text, sizeof text, "%s", base);
        at = strstr(text, "review draft");
        snprintf(at, sizeof text - (size_t)(at - text), "%s\n", bad[i].line);
        problems_init(&ps);
        int rc = module_parse(&m, text, "r.module", &ps.r);
        int got = problem_line(&ps, bad[i].word);
        CHECK_GOT(check_name("%s is reported at its line", bad[i].what), got == 15, check_name("\"%s\" at line 15", bad[i].word), "line %d", got);
        CHECK_INT(check_name("%s: the module stays usable", bad[i].what), rc, 0);
        CHECK_INT(check_name("%s: and counts as a draft", bad[i].what), module_is_draft(&m), 1);
    }

    problems_init(&ps);
    snprintf(text, sizeof text, "%sreview draft\n", base);
    module_parse(&m, text, "r.module", &ps.r);
    CHECK_INT("a second review line is reported at its line", problem_line(&ps, "second \"review\""), 16);

    problems_init(&ps);
    module_parse(&m, "module r\ntitle r.t\ntile r-t\nslide s-pic s.key\n", "r.module", &ps.r);
    CHECK_INT("a module without a review line is reported for the whole file", problem_line(&ps, "no \"review\" line"), 0);
    CHECK_INT("and counts as a draft", module_is_draft(&m), 1);
}

/* "equipment ITEM...", and a help slide's words for a kiosk with no help contacts. */
static void test_equipment_and_help(void)
{
    Problems ps;
    problems_init(&ps);
    module_parse(&m, "module e\ntitle e.t\ntile e-t\nequipment helmet nitrile-gloves\nequipment boots\n"
                     "slide e-help e.help help e.help.none\nslide e-pic e.key help\n" QUIZ3, "e.module", &ps.r);
    CHECK_INT("equipment lines and help slides report nothing", ps.r.count, 0);
    show_problems(&ps);
    CHECK_INT("every equipment item is read", m.nequipment, 3);
    CHECK_STR("in order", m.equipment[1], "nitrile-gloves");
    CHECK_INT("with its line", m.equipment_line[2], 5);
    CHECK_STR("a help slide keeps the words for no contacts", m.slides[0].nohelp, "e.help.none");
    CHECK_INT("and is a help slide", m.slides[0].help, 1);
    CHECK_STR("a help slide without them has none", m.slides[1].nohelp, "");

    problems_init(&ps);
    module_parse(&m, "module e\ntitle e.t\ntile e-t\nequipment Casco\nslide e-pic e.key 10 e.other\nequipment\n" QUIZ3, "e.module", &ps.r);
    CHECK_INT("an equipment id that is not a name is reported at its line", problem_line(&ps, "not a valid name"), 4);
    CHECK_INT("a second key after a countdown is reported", problem_line(&ps, "\"help\" and a key"), 5);
    CHECK_INT("an equipment line without items is reported", problem_line(&ps, "1 to 7 item ids"), 6);
}

static void check_shipped(const char *path, const char *name, void *ud)
{
    (void)ud;
    Problems ps;
    problems_init(&ps);
    int rc = module_load(&m, path, &ps.r);
    CHECK_INT(check_name("%s loads", name), rc, 0);
    CHECK_INT(check_name("%s has no problems", name), ps.r.count, 0);
    show_problems(&ps);
    CHECK(check_name("%s has slides", name), m.nslides > 0);
    CHECK_GOT(check_name("%s ends with a quiz of 3 to 5 questions", name), m.nquestions >= 3 && m.nquestions <= 5,
              "3 to 5", "%d", m.nquestions);
}

static void test_shipped(void)
{
    int n = catalog_list_dir("assets/modules", ".module", check_shipped, NULL);
    CHECK_GOT("assets/modules holds the shipped modules", n >= 2, "at least 2 .module files", "%d", n);
}

/* signs.list and ppe.list: a line too long is reported, not silently skipped; a list over its
 * limit is said once with the count. */
static void test_lists(void)
{
    static char text[16384];
    char longword[700];
    memset(longword, 'x', sizeof longword - 1);
    longword[sizeof longword - 1] = '\0';
    snprintf(text, sizeof text, "colour red FF0000 colour.red\nsymbol llama sign-llama sign.llama # %s\nsymbol sun sign-sun sign.sun\n",
             longword);
    Problems ps;
    problems_init(&ps);
    Signs *sg = calloc(1, sizeof *sg);
    signs_parse(sg, text, "signs.list", &ps.r);
    CHECK_INT("signs.list: a line too long is reported at its line", problem_line(&ps, "longer than"), 2);
    CHECK_INT("signs.list: the lines around it are read", sg->nsymbols, 1);

    snprintf(text, sizeof text, "colour red FF0000 colour.red\n");
    for (int i = 0; i < PALLAY_MAX_SIGNS + 14; i++) {
        size_t len = strlen(text);
        snprintf(text + len, sizeof text - len, "symbol s%d sign-s%d sign.s%d\n", i, i, i);
    }
    problems_init(&ps);
    signs_parse(sg, text, "signs.list", &ps.r);
    CHECK_INT("signs.list: symbols over the limit are one message", ps.n, 1);
    CHECK_GOT("with the count, at the first one over", problem_line(&ps, "14 left out") == 2 + PALLAY_MAX_SIGNS,
              check_name("\"14 left out\" at line %d", 2 + PALLAY_MAX_SIGNS), "line %d", problem_line(&ps, "14 left out"));
    free(sg);

    Items *it = calloc(1, sizeof *it);
    snprintf(text, sizeof text, "item gloves ppe-gloves ppe.gloves S,M,L\nitem helmet ppe-helmet ppe.helmet # %s\nitem mask ppe-mask ppe.mask\n",
             longword);
    problems_init(&ps);
    ppe_parse(it, text, "ppe.list", &ps.r);
    CHECK_INT("ppe.list: a line too long is reported at its line", problem_line(&ps, "longer than"), 2);
    CHECK_INT("ppe.list: the lines around it are read", it->n, 2);
    text[0] = '\0';
    for (int i = 0; i < PALLAY_MAX_ITEMS + 100; i++) {
        size_t len = strlen(text);
        snprintf(text + len, sizeof text - len, "item i%d ppe-i%d ppe.i%d\n", i, i, i);
    }
    problems_init(&ps);
    ppe_parse(it, text, "ppe.list", &ps.r);
    CHECK_INT("ppe.list: items over the limit are one message", ps.n, 1);
    CHECK_INT("with the count, at the first one over", problem_line(&ps, "100 left out"), PALLAY_MAX_ITEMS + 1);

    /* A trailing comma is an empty size, refused like "S,,M". */
    static const char *const bad_sizes[] = { "S,M,", "S,,M", ",S", "," };
    for (size_t i = 0; i < sizeof bad_sizes / sizeof *bad_sizes; i++) {
        snprintf(text, sizeof text, "item mask ppe-mask ppe.mask\nitem gloves ppe-gloves ppe.gloves %s\n", bad_sizes[i]);
        problems_init(&ps);
        ppe_parse(it, text, "ppe.list", &ps.r);
        CHECK_GOT(check_name("ppe.list: sizes \"%s\" are refused at their line", bad_sizes[i]), it->n == 1 && problem_line(&ps, "sizes") == 2,
                  "1 item, a problem at line 2", "%d items, line %d", it->n, problem_line(&ps, "sizes"));
    }
    free(it);

    /* A colour is six hex digits: strtol would also take a sign or a 0x. */
    static const char *const bad_colours[] = { "-00001", "+FFFFF", "0x1234", " FFFFF", "FFFFFG" };
    sg = calloc(1, sizeof *sg);
    for (size_t i = 0; i < sizeof bad_colours / sizeof *bad_colours; i++) {
        snprintf(text, sizeof text, "symbol llama sign-llama sign.llama\ncolour red %s colour.red\n", bad_colours[i]);
        problems_init(&ps);
        signs_parse(sg, text, "signs.list", &ps.r);
        CHECK_GOT(check_name("signs.list: colour \"%s\" is refused at its line", bad_colours[i]),
                  sg->ncolours == 0 && problem_line(&ps, "not a colour") == 2, "no colour, a problem at line 2", "%d colours, line %d",
                  sg->ncolours, problem_line(&ps, "not a colour"));
    }
    snprintf(text, sizeof text, "symbol llama sign-llama sign.llama\ncolour red a0B1c2 colour.red\n");
    signs_parse(sg, text, "signs.list", &ps.r);
    CHECK_GOT("signs.list: a0B1c2 is a colour", sg->ncolours == 1 && sg->colours[0].r == 0xa0 && sg->colours[0].g == 0xb1 && sg->colours[0].b == 0xc2,
              "a0 b1 c2", "%d colours", sg->ncolours);
    free(sg);
}

/* Pictures: a PNG whose chunk states more bytes than the file holds is refused before the decoder
 * reserves them (fuzz_png's reproducer: 106 bytes that took 2 GB); a good one still decodes. */
static void test_pictures(void)
{
    int w = 0, h = 0;
    Err e = { "" };
    CHECK_INT("a PNG chunk past the end of the file is refused",
              picture_check("tests/fuzz/png/oom-fa7214358faa8c185a6bb4886959196575d0ec91", &w, &h, &e), -1);
    CHECK_GOT("with its reason", strstr(e.msg, "runs past the end") != NULL, "\"runs past the end\"", "\"%s\"", e.msg);
    CHECK_INT("a last chunk whose length, type and CRC do not fit is refused",
              picture_check("tests/fuzz/png/oom-568bf0e74bd8f8ed7f0087bf787a1945b9062679", &w, &h, &e), -1);
    CHECK_GOT("with its reason", strstr(e.msg, "runs past the end") != NULL, "\"runs past the end\"", "\"%s\"", e.msg);
    CHECK_INT("a file that is not a PNG is refused before stb_image reads it (its PNM reader made it 0x0)",
              picture_check("tests/fuzz/png/crash-d7f437ec2927f9dd651d70f18f70abe7601d0cc2", &w, &h, &e), -1);
    CHECK_GOT("with its reason", strstr(e.msg, "not a PNG file") != NULL, "\"not a PNG file\"", "\"%s\"", e.msg);
    unsigned char *px = picture_decode("tests/fuzz/png/rgb16.png", 0, 0, &w, &h, &e);
    CHECK_GOT("a good PNG decodes", px && w == 3 && h == 2, "3x2 pixels", "%s %dx%d", px ? "decoded" : e.msg, w, h);
    if (px) CHECK_INT("its first pixel is red", px[0] == 255 && px[1] == 0 && px[2] == 0 && px[3] == 255, 1);
    picture_free(px);
    px = picture_decode("tests/fuzz/png/icon-usb.png", 0, 0, &w, &h, &e);
    CHECK_GOT("a picture of the course decodes", px != NULL, "pixels", "%s", e.msg);
    picture_free(px);
}

int main(void)
{
    test_valid();
    test_problems();
    test_quiz();
    test_countdown();
    test_review();
    test_equipment_and_help();
    test_shipped();
    test_lists();
    test_pictures();
    return check_done();
}
