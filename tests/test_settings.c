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

static void fixture_write_n(const char *p, const char *bytes, size_t n)
{
    FILE *f = fopen(p, "wb");
    if (!f) { perror(p); exit(2); }
    fwrite(bytes, 1, n, f);
    fclose(f);
}

/* Help contacts: Peru's national lines until a network writes its own, or none on purpose. */
static void test_help_contacts(void)
{
    Settings s;
    Problems ps;
    problems_init(&ps);
    settings_defaults(&s);
    CHECK_GOT("without a setting, the help contacts are Peru's national lines",
              contains(s.help, "Línea 100") && contains(s.help, "105") && contains(s.help, "106") && contains(s.help, "116"),
              "Línea 100, 105, 106, 116", "\"%s\"", s.help);

    fixture_write(path, "help_contacts = Centro Emergencia Mujer de Chala · Posta de salud\n");
    CHECK_INT("a network's own contacts load", settings_load_file(&s, path, &ps.r), 0);
    CHECK_STR("and replace the national lines", s.help, "Centro Emergencia Mujer de Chala · Posta de salud");

    fixture_write(path, "help_contacts =\n");
    CHECK_INT("help_contacts set empty on purpose loads", settings_load_file(&s, path, &ps.r), 0);
    CHECK_STR("and leaves no contacts at all", s.help, "");

    fixture_write(path, "help_contacts =   # none here yet\n");
    settings_defaults(&s);
    CHECK_INT("an empty value followed by a comment loads", settings_load_file(&s, path, &ps.r), 0);
    CHECK_STR("and is empty too", s.help, "");

    fixture_write(path, "db =\n");
    problems_init(&ps);
    CHECK_INT("an empty db is still refused", settings_load_file(&s, path, &ps.r), -1);
    CHECK_GOT("at its line", ps.n == 1 && ps.p[0].line == 1 && contains(ps.p[0].msg, "needs a value"),
              "one problem at line 1, \"... needs a value ...\"", "%d: line %d \"%s\"", ps.n, ps.n ? ps.p[0].line : 0,
              ps.n ? ps.p[0].msg : "");
}

static void test_file(void)
{
    Settings s;
    Problems ps;
    problems_init(&ps);
    settings_defaults(&s);
    fixture_write(path, "# Kiosk at the Chumbivilcas community hall.\n"
               "fullscreen = 1\n"
               "width = 800\n"
               "  # an indented comment\n"
               "height=480\n"
               "db = /var/lib/pallay/pallay.db\n");
    CHECK_INT("a good settings file loads", settings_load_file(&s, path, &ps.r), 0);
    CHECK_INT("a good settings file: nothing reported", ps.n, 0);
    CHECK_INT("fullscreen = 1 is read", s.fullscreen, 1);
    CHECK_INT("width = 800 is read", s.width, 800);
    CHECK_INT("key=value without spaces is read", s.height, 480);
    CHECK_STR("a path is read", s.db, "/var/lib/pallay/pallay.db");
    CHECK_STR("keys not in the file keep their default", s.assets, PALLAY_DEFAULT_ASSETS);

    /* A typo never keeps the kiosk down: every bad line is reported, with its line, and the
     * setting keeps its default; the good lines around it are read. */
    settings_defaults(&s);
    problems_init(&ps);
    fixture_write(path, "fullscreen = 1\n"
               "# lang = quy\n"
               "colour = blue\n"
               "width = wide\n"
               "height = 480\n"
               "pin_setup = maybe\n"
               "signout\n"
               "\n"
               "facilitator_timeout = 60 120\n"
               "secret_hold = 2000\n");
    CHECK_INT("bad lines do not stop the kiosk", settings_load_file(&s, path, &ps.r), 0);
    CHECK_INT("every bad line is reported, not only the first", ps.n, 5);
    if (ps.n != 5) show_problems(&ps);
    CHECK_INT("an unknown key is reported at its line", problem_line(&ps, "colour"), 3);
    CHECK_INT("a bad width is reported at its line", problem_line(&ps, "width"), 4);
    CHECK_INT("a bad yes/no is reported at its line", problem_line(&ps, "pin_setup"), 6);
    CHECK_GOT("the message says the default is used", contains(ps.p[1].msg, "default"), "\"... using the default\"", "\"%s\"", ps.p[1].msg);
    CHECK_INT("a line without \"=\" is reported at its line", problem_line(&ps, "key = value"), 7);
    CHECK_INT("blank lines count in the line number", ps.n >= 5 ? ps.p[4].line : -1, 9);
    CHECK_STR("the problems name the file", ps.p[0].file, path);
    CHECK_INT("a bad width keeps the default", s.width, PALLAY_DEFAULT_W);
    CHECK_INT("a bad yes/no keeps the default", s.pin_setup, 1);
    CHECK_INT("a line with two values keeps the default", s.facilitator_timeout, PALLAY_FACILITATOR_S);
    CHECK_INT("the good line before the bad ones is read", s.fullscreen, 1);
    CHECK_INT("the good lines between the bad ones are read", s.height, 480);
    CHECK_INT("the good line after the bad ones is read", s.secret_hold, 2000);

    /* The one setting whose default is unsafe: a second record book would start beside the real one. */
    char longpath[PALLAY_PATH_LEN + 40] = "db = /";
    memset(longpath + 6, 'a', PALLAY_PATH_LEN + 10);
    longpath[PALLAY_PATH_LEN + 16] = '\n';
    longpath[PALLAY_PATH_LEN + 17] = '\0';
    problems_init(&ps);
    settings_defaults(&s);
    fixture_write(path, longpath);
    CHECK_INT("a bad db stops the kiosk", settings_load_file(&s, path, &ps.r), -1);
    CHECK_GOT("and says why", ps.n == 1 && contains(ps.p[0].msg, "cannot start"), "one problem, \"... cannot start ...\"",
              "%d: \"%s\"", ps.n, ps.n ? ps.p[0].msg : "");

    problems_init(&ps);
    settings_defaults(&s);
    fixture_write(path, "lang = xx-yy!\nlang = quy\n");
    settings_load_file(&s, path, &ps.r);
    CHECK_INT("a language that is not a code is reported", problem_line(&ps, "not a language code"), 1);
    CHECK_STR("a good language code is read", s.lang, "quy");

    problems_init(&ps);
    settings_defaults(&s);
    fixture_write(path, "help_contacts = Linea 100\a \xC2\x85 CEM\n");
    settings_load_file(&s, path, &ps.r);
    CHECK_INT("control characters in help_contacts are reported", problem_line(&ps, "control character"), 1);
    CHECK_STR("and the contacts keep their default", s.help, PALLAY_DEFAULT_HELP);
    problems_init(&ps);
    fixture_write(path, "help_contacts = L\xEDnea 100\n");
    settings_load_file(&s, path, &ps.r);
    CHECK_INT("help_contacts that are not UTF-8 are reported", problem_line(&ps, "UTF-8"), 1);
    problems_init(&ps);
    fixture_write(path, "help_contacts = L\xC3\xADnea 100 \xC2\xB7 CEM\n");
    settings_load_file(&s, path, &ps.r);
    CHECK_STR("help_contacts in UTF-8 are read", s.help, "L\xC3\xADnea 100 \xC2\xB7 CEM");

    problems_init(&ps);
    settings_defaults(&s);
    fixture_write_n(path, "width = 8\0000\nheight = 600\n", 24);
    settings_load_file(&s, path, &ps.r);
    CHECK_INT("a NUL byte is reported at its line", problem_line(&ps, "NUL"), 1);
    CHECK_INT("and the lines after it are read", s.height, 600);

    settings_defaults(&s);
    unlink(path);
    problems_init(&ps);
    CHECK_INT("a missing settings file is not an error", settings_load_file(&s, path, &ps.r), 0);
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
    char *fs1[] = { "pallay", "--fullscreen", "1", "--lang", "es" };
    CHECK_INT("--fullscreen 1 is accepted, as --help shows it", parse(&s, &e, 5, fs1), 0);
    CHECK_INT("--fullscreen 1 fills the screen", s.fullscreen, 1);
    char *fs0[] = { "pallay", "--fullscreen", "0" };
    parse(&s, &e, 3, fs0);
    CHECK_INT("--fullscreen 0 is windowed", s.fullscreen, 0);

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
    CHECK_STR("--config names the settings file", settings_config_path(5, config), path);
    char *no_config[] = { "pallay", "--size", "1024x600" };
    CHECK_STR("without --config the file is pallay.conf", settings_config_path(3, no_config), "pallay.conf");
    char *config_only[] = { "pallay", "--config", path };
    char *config_late[] = { "pallay", "--fullscreen", "--config", path };
    CHECK_INT("--config after another flag is accepted", parse(&s, &e, 4, config_late), 0);
    CHECK_STR("and names the settings file", settings_config_path(4, config_late), path);
    unlink(path);
    CHECK_INT("--config with a missing file is refused", parse(&s, &e, 3, config_only), -1);
}

/* Every flag --help shows is one the kiosk takes, written as --help writes it. */
static void test_usage(void)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    settings_usage(f);
    fclose(f);
    static const struct { const char *placeholder, *example; } EXAMPLES[] = {
        { "FILE", NULL }, { "WxH", "1024x600" }, { "PATH", "/tmp/x" }, { "1|0", "1" }, { "N", "800" },
        { "SECONDS", "60" }, { "CODE", "es" }, { "TEXT", "Linea 100" }, { "MB", "64" },
        { "age1...", "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj" },
        { "RW...", "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3" },
    };
    int flags = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char flag[64] = "", placeholder[64] = "";
        if (sscanf(line, " --%63s %63s", flag, placeholder) < 1 || strncmp(line, "  --", 4) != 0) continue;
        if (strcmp(flag, "config") == 0) continue;   /* tested above, with a file */
        char dashed[70], *argv[4] = { "pallay", dashed, NULL, NULL };
        snprintf(dashed, sizeof dashed, "--%s", flag);
        int argc = 2;
        for (size_t i = 0; i < sizeof EXAMPLES / sizeof *EXAMPLES; i++)
            if (strcmp(placeholder, EXAMPLES[i].placeholder) == 0) argv[argc++] = (char *)EXAMPLES[i].example;
        Settings s;
        Err e;
        CHECK_GOT(check_name("--help shows --%s %s, which the kiosk takes", flag, argc == 3 ? argv[2] : ""),
                  parse(&s, &e, argc, argv) == 0, "accepted", "\"%s\"", e.msg);
        flags++;
    }
    CHECK_GOT("--help lists the flags", flags > 15, "more than 15", "%d", flags);
    free(text);
}

int main(void)
{
    int fd = mkstemp(path);
    if (fd < 0) { perror("mkstemp"); return 2; }
    close(fd);
    test_defaults();
    test_file();
    test_help_contacts();
    test_args();
    test_usage();
    unlink(path);
    return check_done();
}
