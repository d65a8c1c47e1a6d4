/* test_script: a script reads into its steps with their arguments and lines, a bad
 * line is refused with where it is, and "expect" finds each trace line once. */
#include "check.h"
#include "fixtures.h"
#include "script.h"

#include <stdlib.h>
#include <unistd.h>

static char path[] = "/tmp/pallay-test-script-XXXXXX";

static void test_steps(void)
{
    fixture_write(path, "# Walk through the first module.\n"
               "tap next\n"
               "tap 100 200\n"
               "click home\n"
               "click 5 6\n"
               "hold repeat\n"
               "key Return\n"
               "wait 1500\n"
               "expect narration  lang=es key=ppe.helmet\n"
               "shot build/shots/home.png   # a comment after a step\n"
               "size 800 480\n"
               "\n"
               "   bench-render 50\n"
               "quit");
    Err e = { "" };
    Script *s = script_load(path, &e);
    if (!CHECK_GOT("a script with every kind of step loads", s != NULL, "a script", "NULL (%s)", e.msg)) return;
    static const struct { StepKind kind; const char *arg; int x, y, line; } want[] = {
        { STEP_TAP, "next", 0, 0, 2 },
        { STEP_TAP, "", 100, 200, 3 },
        { STEP_CLICK, "home", 0, 0, 4 },
        { STEP_CLICK, "", 5, 6, 5 },
        { STEP_HOLD, "repeat", 0, 0, 6 },
        { STEP_KEY, "Return", 0, 0, 7 },
        { STEP_WAIT, "", 1500, 0, 8 },
        { STEP_EXPECT, "narration  lang=es key=ppe.helmet", 0, 0, 9 },
        { STEP_SHOT, "build/shots/home.png", 0, 0, 10 },
        { STEP_SIZE, "", 800, 480, 11 },
        { STEP_BENCH_RENDER, "", 50, 0, 13 },
        { STEP_QUIT, "", 0, 0, 14 },
    };
    static const char *const names[] = { "tap ID", "tap X Y", "click ID", "click X Y", "hold", "key", "wait",
                                         "expect", "shot", "size", "bench-render", "quit" };
    int n = (int)(sizeof want / sizeof *want);
    for (int i = 0; i < n; i++) {
        const Step *st = script_step(s);
        if (!CHECK(check_name("step %d (%s) is there", i + 1, names[i]), st != NULL)) break;
        CHECK_INT(check_name("%s: kind", names[i]), st->kind, want[i].kind);
        CHECK_STR(check_name("%s: argument", names[i]), st->arg, want[i].arg);
        CHECK_INT(check_name("%s: first number", names[i]), st->x, want[i].x);
        CHECK_INT(check_name("%s: second number", names[i]), st->y, want[i].y);
        CHECK_INT(check_name("%s: line", names[i]), st->line, want[i].line);
        script_next(s);
    }
    CHECK("after the last step the script is over", script_step(s) == NULL);
    script_next(s);
    CHECK("and stays over", script_step(s) == NULL);
    script_unload(s);
}

/* A script whose line 3 is bad: refused, and the message says file:3. */
static void check_refused(const char *what, const char *bad)
{
    char text[256];
    snprintf(text, sizeof text, "tap next\n# fine so far\n%s\nquit\n", bad);
    fixture_write(path, text);
    Err e = { "" };
    Script *s = script_load(path, &e);
    CHECK(check_name("%s is refused", what), s == NULL);
    char where[64];
    snprintf(where, sizeof where, "%s:3:", path);
    CHECK_GOT(check_name("%s: the message names the file and line", what), contains(e.msg, where),
              check_name("\"%s ...\"", where), "\"%s\"", e.msg);
    script_unload(s);
}

static void test_refused(void)
{
    check_refused("an unknown step", "jump next");
    check_refused("tap with no argument", "tap");
    check_refused("tap with words for a position", "tap a b");
    check_refused("tap with three words", "tap 1 2 3");
    check_refused("key with no name", "key");
    check_refused("wait 0", "wait 0");
    check_refused("wait with a word", "wait long");
    check_refused("size below 100 px", "size 80 60");
    check_refused("size with one number", "size 800");
    check_refused("expect with no text", "expect   ");
    check_refused("quit with an argument", "quit now");

    Err e = { "" };
    unlink(path);
    Script *s = script_load(path, &e);
    CHECK("a missing script is refused", s == NULL);
    CHECK_GOT("the message names the file", contains(e.msg, path), check_name("a message with %s", path), "\"%s\"", e.msg);
    script_unload(s);

    fixture_write(path, "# only comments\n\n");
    s = script_load(path, &e);
    CHECK("a script of comments loads", s != NULL);
    CHECK("and has no steps", s && script_step(s) == NULL);
    script_unload(s);
}

static void test_expect(void)
{
    fixture_write(path, "quit\n");
    Err e = { "" };
    Script *s = script_load(path, &e);
    if (!CHECK_GOT("a one-step script loads", s != NULL, "a script", "NULL (%s)", e.msg)) return;

    CHECK_INT("nothing is found before anything is seen", script_take(s, "screen"), 0);
    script_seen(s, "screen language");
    script_seen(s, "speak lang.name es");
    script_seen(s, "screen home");
    script_seen(s, "speak home.prompt es");
    CHECK_INT("a line seen earlier is found by part of its text", script_take(s, "home.prompt"), 1);
    CHECK_INT("the same line is not found twice", script_take(s, "home.prompt"), 0);
    CHECK_INT("lines before the match are consumed with it", script_take(s, "screen home"), 0);
    CHECK_INT("even the first one", script_take(s, "screen language"), 0);

    script_seen(s, "screen home");
    CHECK_INT("a text seen again is found again", script_take(s, "screen home"), 1);

    script_seen(s, "tap next");
    script_seen(s, "slide 1");
    script_seen(s, "slide 2");
    CHECK_INT("take finds the earliest matching line", script_take(s, "slide"), 1);
    CHECK_INT("lines after the match stay for the next take", script_take(s, "slide 2"), 1);
    CHECK_INT("nothing is left after that", script_take(s, "slide"), 0);

    for (int i = 0; i < 1000; i++) script_seen(s, check_name("frame %d", i));
    CHECK_INT("after many lines the latest is still found", script_take(s, "frame 999"), 1);
    script_unload(s);
}

int main(void)
{
    int fd = mkstemp(path);
    if (fd < 0) { perror("mkstemp"); return 2; }
    close(fd);
    test_steps();
    test_refused();
    test_expect();
    unlink(path);
    return check_done();
}
