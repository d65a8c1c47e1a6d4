/* pallay: the kiosk. Reads settings (pallay.conf, then flags) and runs. */
#include "base/settings.h"
#include "base/text.h"
#include "kiosk.h"

#include <stdio.h>
#include <string.h>

/* Problems in pallay.conf go to stderr, each on its line, and are kept for the kiosk to show the
 * facilitator at start. */
static void emit(Report *r, const char *file, int line, const char *msg)
{
    char one[PALLAY_ERR_LEN + PALLAY_PATH_LEN];
    text_fmt(one, sizeof one, "%s:%d: %s", file, line, msg);
    fprintf(stderr, "pallay: %s\n", one);
    char *all = r->user;
    size_t used = strlen(all);
    if (used + strlen(one) + 2 < PALLAY_NOTICE_LEN) text_fmt(all + used, PALLAY_NOTICE_LEN - used, "%s%s", used ? "\n" : "", one);
}

int main(int argc, char **argv)
{
    Settings s;
    Err e;
    static char problems[PALLAY_NOTICE_LEN];
    settings_defaults(&s);
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        settings_usage(stdout);
        return 0;
    }
    Report r = { .emit = emit, .user = problems };
    if (settings_load_file(&s, settings_config_path(argc, argv), &r) < 0) {
        fprintf(stderr, "pallay: not starting: a setting above has no safe default\n");
        return 1;
    }
    if (settings_parse_args(&s, argc, argv, &e) < 0) {
        fprintf(stderr, "pallay: %s\n", e.msg);
        settings_usage(stderr);
        return 1;
    }
    return kiosk_run(&s, problems);
}
