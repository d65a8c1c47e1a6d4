/* fuzz_png: a picture file, through the kiosk's own reader (size check, decode, shrink to fit). */
#include "fuzz.h"
#include "content/picture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size, ".png");
    int w, h;
    Err e;
    if (picture_check(path, &w, &h, &e) < 0) return 0;
    if (w <= 0 || h <= 0) abort();     /* a picture it lets through has pixels */
    /* Shrunk to a small box, so the resize is fuzzed too. */
    unsigned char *px = picture_decode(path, 32, 32, &w, &h, &e);
    if (px && (w <= 0 || h <= 0)) abort();
    picture_free(px);
    return 0;
}
