/* pallay: the kiosk. Reads settings (pallay.conf, then flags) and runs. */
#include "base/settings.h"
#include "base/text.h"
#include "kiosk.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    Settings s;
    Err e;
    settings_defaults(&s);
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        settings_usage(stdout);
        return 0;
    }
    /* pallay.conf in the working directory applies unless --config names another file. */
    if (!(argc > 1 && strcmp(argv[1], "--config") == 0) && settings_load_file(&s, "pallay.conf", &e) < 0) {
        fprintf(stderr, "pallay: %s\n", e.msg);
        return 1;
    }
    if (settings_parse_args(&s, argc, argv, &e) < 0) {
        fprintf(stderr, "pallay: %s\n", e.msg);
        settings_usage(stderr);
        return 1;
    }
    return kiosk_run(&s);
}
