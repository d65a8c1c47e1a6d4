/* test_module: a .module file reads into its slides in order; each mistake is
 * reported at its line; the shipped modules parse clean. */
#include "check.h"
#include "fixtures.h"
#include "content/catalog.h"
#include "content/module.h"

#include <stdlib.h>

static Module m;  /* ~5 KB: keep it off the stack */

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
                          "slide   ppe-mask     ppe.mask\r\n",
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
    snprintf(text, sizeof text, "module m\ntitle m.title\n%s\ntile m-tile\nslide m-pic m.key\n", bad);
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
    check_bad_line("\"slide\" with three words", "slide a b c", "picture and a text key");
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
}

static void test_shipped(void)
{
    int n = catalog_list_dir("assets/modules", ".module", check_shipped, NULL);
    CHECK_GOT("assets/modules holds the shipped modules", n >= 2, "at least 2 .module files", "%d", n);
}

int main(void)
{
    test_valid();
    test_problems();
    test_shipped();
    return check_done();
}
