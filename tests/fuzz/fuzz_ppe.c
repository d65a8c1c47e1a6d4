/* fuzz_ppe: ppe.list, the protective equipment facilitators hand out. */
#include "fuzz.h"
#include "content/ppe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Items it;
    Report r = fuzz_report();
    memset(&it, 0, sizeof it);
    if (ppe_load(&it, fuzz_file(data, size, ".list"), &r) < 0) return 0;
    for (int i = 0; i < it.n; i++) {
        const Item *item = ppe_item(&it, it.items[i].id);
        if (!item) abort();
        ppe_size_ok(item, NULL);
        for (int k = 0; k < item->nsizes; k++)
            if (!ppe_size_ok(item, item->sizes[k])) abort();
    }
    return 0;
}
