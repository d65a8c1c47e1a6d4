/* fuzz_po: a gettext .po file (locales/), read as the catalog reads it, then every lookup. */
#include "fuzz.h"
#include "content/po.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Report r = fuzz_report();
    Po *po = po_load(fuzz_file(data, size, ".po"), &r);
    if (!po) return 0;
    char value[64];
    po_header(po, "Language", value, sizeof value);
    po_header(po, "X-Pallay-Voice", value, sizeof value);
    for (int i = 0; i < po_count(po); i++) {
        const char *key = po_key(po, i);
        po_text(po, i);
        po_fuzzy(po, i);
        if (po_index(po, key) < 0 || !po_line(po, key)) abort();  /* every key read can be found */
        po_get(po, key);
    }
    po_unload(po);
    return 0;
}
