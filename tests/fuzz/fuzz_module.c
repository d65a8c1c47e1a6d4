/* fuzz_module: a .module file (assets/modules), read as the catalog reads it. */
#include "fuzz.h"
#include "content/module.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Module m;    /* large: not on the stack */
    Report r = fuzz_report();
    memset(&m, 0, sizeof m);
    if (module_load(&m, fuzz_file(data, size, ".module"), &r) == 0) module_is_draft(&m);
    return 0;
}
