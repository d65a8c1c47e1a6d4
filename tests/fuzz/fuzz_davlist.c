/* fuzz_davlist: a WebDAV server's PROPFIND answer, the listing pallayctl fetch reads. */
#include "fuzz.h"
#include "sync/dav.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *xml = malloc(size + 1);
    if (!xml) return 0;
    if (size) memcpy(xml, data, size);
    xml[size] = '\0';
    DavEntry *ents;
    int n;
    if (dav_parse_listing(xml, size, &ents, &n) == 0) {
        for (int i = 0; i < n; i++)
            if (!ents[i].name[0] || strlen(ents[i].name) >= sizeof ents[i].name) abort();
        free(ents);
    }
    free(xml);
    return 0;
}
