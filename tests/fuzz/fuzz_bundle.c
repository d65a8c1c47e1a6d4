/* fuzz_bundle: a plain bundle (the SQLite database an age file decrypts to), described as
 * pallayctl verify --identity does, against a fixed kiosk key line. */
#include "fuzz.h"
#include "sync/bundle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *out;
    if (!out && !(out = fopen("/dev/null", "w"))) abort();
    Err e;
    bundle_describe(data, size, "RWTqL1RoJ6lhFtXfYmsDtmyEWMNdCfpR8cfid5U5IAPbF3ykPp2FOY38", out, &e);
    bundle_describe(data, size, NULL, out, &e);
    return 0;
}
