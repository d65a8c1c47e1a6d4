/* fuzz_feed: the manifest of the network folder's content/ (content/feed.h). A kiosk reads it
 * before its signature is trusted only to name what it refuses, so its parser meets any bytes. */
#include "fuzz.h"
#include "content/feed.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text) return 0;
    if (size) memcpy(text, data, size);
    text[size] = '\0';
    FeedManifest m;
    Err e;
    if (feed_parse(text, &m, &e) == 0) {
        /* What a parsed manifest promises: a safe name, a hex hash, numbers above 0. */
        if (!m.pack[0] || strchr(m.pack, '/') || m.pack[0] == '.' || strlen(m.sha256) != 64 || m.version < 1 || m.size < 1) abort();
    }
    free(text);
    return 0;
}
