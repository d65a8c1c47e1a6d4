/* test_settings: defaults, then the settings file, then flags, each overriding the
 * last; a mistake is refused with a message that says where it is. */
#include "check.h"
#include "fixtures.h"
#include "base/settings.h"

#include <stdlib.h>
#include <unistd.h>

static char path[] = "/tmp/pallay-test-settings-XXXXXX";

static void test_defaults(void)
{
    Settings s;
    settings_defaults(&s);
    CHECK_STR("the default assets folder", s.assets, PALLAY_DEFAULT_ASSETS);
    CHECK_STR("the default locales folder", s.locales, PALLAY_DEFAULT_LOCALES);
    CHECK_STR("the default font", s.font, PALLAY_DEFAULT_FONT);
    CHECK_INT("the default width", s.width, PALLAY_DEFAULT_W);
    CHECK_INT("the default height", s.height, PALLAY_DEFAULT_H);
    CHECK_INT("windowed by default", s.fullscreen, 0);
    CHECK_STR("no language chosen by default", s.lang, "");
    CHECK_STR("facilitator mode speaks Spanish by default", s.facilitator_lang, "es");
    CHECK_STR("no trace by default", s.trace, "");
}

static void test_file(void)
{
    Settings s;
    Err e = { "" };
    settings_defaults(&s);
    fixture_write(path, "# Kiosk at the Chumbivilcas community hall.\n"
               "fullscreen = 1\n"
               "width = 800\n"
               "  # an indented comment\n"
               "height=480\n"
               "db = /var/lib/pallay/pallay.db\n");
    CHECK_INT("a good settings file loads", settings_load_file(&s, path, &e), 0);
    CHECK_INT("fullscreen = 1 is read", s.fullscreen, 1);
    CHECK_INT("width = 800 is read", s.width, 800);
    CHECK_INT("key=value without spaces is read", s.height, 480);
    CHECK_STR("a path is read", s.db, "/var/lib/pallay/pallay.db");
    CHECK_STR("keys not in the file keep their default", s.assets, PALLAY_DEFAULT_ASSETS);

    fixture_write(path, "fullscreen = 1\n"
               "# comment\n"
               "colour = blue\n");
    e.msg[0] = '\0';
    CHECK_INT("an unknown key is refused", settings_load_file(&s, path, &e), -1);
    CHECK_GOT("the message names the file and line", contains(e.msg, path) && contains(e.msg, ":3:"),
              check_name("%s:3: ...", path), "\"%s\"", e.msg);
    CHECK_GOT("the message names the key", contains(e.msg, "colour"), "a message with \"colour\"", "\"%s\"", e.msg);

    fixture_write(path, "width = wide\n");
    e.msg[0] = '\0';
    CHECK_INT("a width that is not a number is refused", settings_load_file(&s, path, &e), -1);
    CHECK_GOT("a bad value: the message names the file and line", contains(e.msg, path) && contains(e.msg, ":1:"),
              check_name("%s:1: ...", path), "\"%s\"", e.msg);

    fixture_write(path, "fullscreen = 1\nfullscreen = maybe\n");
    e.msg[0] = '\0';
    CHECK_INT("a yes/no setting refuses other words", settings_load_file(&s, path, &e), -1);
    CHECK_GOT("at its line", contains(e.msg, ":2:"), check_name("%s:2: ...", path), "\"%s\"", e.msg);

    fixture_write(path, "fullscreen = 1\n\n\ncolour = blue\n");
    e.msg[0] = '\0';
    settings_load_file(&s, path, &e);
    CHECK_GOT("blank lines count in the line number", contains(e.msg, ":4:"), check_name("%s:4: ...", path), "\"%s\"", e.msg);

    fixture_write(path, "width 800\n");
    CHECK_INT("a line without \"=\" is refused", settings_load_file(&s, path, &e), -1);

    fixture_write(path, "width = 800 600\n");
    CHECK_INT("a line with two values is refused", settings_load_file(&s, path, &e), -1);

    settings_defaults(&s);
    unlink(path);
    CHECK_INT("a missing settings file is not an error", settings_load_file(&s, path, &e), 0);
    CHECK_INT("and changes nothing", s.width, PALLAY_DEFAULT_W);
}

static int parse(Settings *s, Err *e, int argc, char **argv)
{
    settings_defaults(s);
    e->msg[0] = '\0';
    return settings_parse_args(s, argc, argv, e);
}

static void test_args(void)
{
    Settings s;
    Err e = { "" };
    char *good[] = { "pallay", "--size", "1024x600", "--lang", "quy", "--trace", "/tmp/x", "--fullscreen" };
    CHECK_INT("good flags are accepted", parse(&s, &e, 8, good), 0);
    CHECK_INT("--size sets the width", s.width, 1024);
    CHECK_INT("--size sets the height", s.height, 600);
    CHECK_STR("--lang sets the language", s.lang, "quy");
    CHECK_STR("--trace sets the trace file", s.trace, "/tmp/x");
    CHECK_INT("--fullscreen takes no value", s.fullscreen, 1);
    char *fac[] = { "pallay", "--facilitator_lang", "quy" };
    CHECK_INT("--facilitator_lang is a setting", parse(&s, &e, 3, fac), 0);
    CHECK_STR("--facilitator_lang sets the facilitator's language", s.facilitator_lang, "quy");

    char *windowed[] = { "pallay", "--fullscreen", "--windowed" };
    parse(&s, &e, 3, windowed);
    CHECK_INT("--windowed undoes --fullscreen", s.fullscreen, 0);

    static const char *bad_sizes[] = { "1024", "1024x", "x600", "1024x600x", "big", "1024 x 600", "50x50", "1024x50" };
    for (size_t i = 0; i < sizeof bad_sizes / sizeof *bad_sizes; i++) {
        char *argv[] = { "pallay", "--size", (char *)bad_sizes[i] };
        CHECK_INT(check_name("--size %s is refused", bad_sizes[i]), parse(&s, &e, 3, argv), -1);
        CHECK(check_name("--size %s: with a message", bad_sizes[i]), e.msg[0] != '\0');
    }

    char *no_value[] = { "pallay", "--lang" };
    CHECK_INT("a flag without its value is refused", parse(&s, &e, 2, no_value), -1);
    CHECK_GOT("the message names the flag", contains(e.msg, "--lang"), "a message with \"--lang\"", "\"%s\"", e.msg);
    char *unknown[] = { "pallay", "--colour", "blue" };
    CHECK_INT("an unknown flag is refused", parse(&s, &e, 3, unknown), -1);
    CHECK_GOT("the message names it", contains(e.msg, "colour"), "a message with \"colour\"", "\"%s\"", e.msg);
    char *bare[] = { "pallay", "quy" };
    CHECK_INT("a word that is not a flag is refused", parse(&s, &e, 2, bare), -1);

    fixture_write(path, "width = 800\nheight = 480\n");
    char *config[] = { "pallay", "--config", path, "--size", "1024x600" };
    CHECK_INT("--config first is accepted", parse(&s, &e, 5, config), 0);
    CHECK_INT("flags after --config override the file", s.width, 1024);
    char *config_only[] = { "pallay", "--config", path };
    parse(&s, &e, 3, config_only);
    CHECK_INT("--config reads the file", s.width, 800);
    char *config_late[] = { "pallay", "--fullscreen", "--config", path };
    CHECK_INT("--config after another flag is refused", parse(&s, &e, 4, config_late), -1);
    unlink(path);
    CHECK_INT("--config with a missing file is refused", parse(&s, &e, 3, config_only), -1);
}

int main(void)
{
    int fd = mkstemp(path);
    if (fd < 0) { perror("mkstemp"); return 2; }
    close(fd);
    test_defaults();
    test_file();
    test_args();
    unlink(path);
    return check_done();
}
