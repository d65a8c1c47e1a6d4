/* fuzz_signs: signs.list, the symbols and colours learners sign in with. */
#include "fuzz.h"
#include "content/signs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Signs s;
    Report r = fuzz_report();
    memset(&s, 0, sizeof s);
    if (signs_load(&s, fuzz_file(data, size, ".list"), &r) < 0) return 0;
    for (int i = 0; i < s.nsymbols; i++)
        if (signs_symbol(&s, s.symbols[i].id) < 0) abort();
    for (int i = 0; i < s.ncolours; i++)
        if (signs_colour(&s, s.colours[i].id) < 0) abort();
    return 0;
}
