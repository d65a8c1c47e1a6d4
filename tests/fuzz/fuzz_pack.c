/* fuzz_pack: a content pack's manifest and files, read as install-pack reads them once the
 * signature passed (a pack signed by a careless or stolen key must still not crash a kiosk): the
 * bytes are the SQLite file; the manifest is checked against small limits, then every file's
 * hash. The bytes up to the first NUL are also tried as a path inside a pack. */
#include "fuzz.h"
#include "content/pack.h"

static int count(const char *path, const unsigned char *data, size_t n, void *ud, Err *e)
{
    (void)path; (void)data; (void)e;
    *(size_t *)ud += n;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    Err e;
    pack_path_ok(text, &e);
    free(text);
    PackLimits lim = { 1 << 20, 1 << 18 };
    PackInfo info;
    PackFault f;
    Pack *p = pack_open(fuzz_file(data, size, ".pack"), &lim, &info, &f, &e);
    if (p) {
        size_t total = 0;
        pack_each(p, count, &total, &f, &e);
        pack_close(p);
    }
    return 0;
}
