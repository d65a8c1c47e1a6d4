/* fuzz_conf: pallay.conf, as the kiosk and pallayctl read it at start. */
#include "fuzz.h"
#include "base/settings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Settings s;
    Report r = fuzz_report();
    settings_defaults(&s);
    settings_load_file(&s, fuzz_file(data, size, ".conf"), &r);
    return 0;
}
