/* fuzz_script: the test script format (--script FILE), then its own lines fed back as trace
 * lines, as the kiosk's trace listener does. */
#include "fuzz.h"
#include "script.h"
#include "base/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Err e;
    Script *s = script_load(fuzz_file(data, size, ".script"), &e);
    if (!s) return 0;
    char *text = fuzz_text(data, size);
    const char *p = text;
    char line[1024];
    int got;
    while ((got = text_next_line(&p, line, sizeof line)) != 0)
        if (got > 0) script_seen(s, line);
    for (const Step *st; (st = script_step(s)) != NULL; script_next(s))
        if (st->kind == STEP_EXPECT) script_take(s, st->arg);
    free(text);
    script_unload(s);
    return 0;
}
