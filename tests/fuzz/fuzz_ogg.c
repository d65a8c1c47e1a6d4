/* fuzz_ogg: a voice or sound effect, through the kiosk's own reader (content/sound: the size
 * limit, stb_vorbis in its fixed memory block, mono mix-down), decoded to its end. */
#include "fuzz.h"
#include "content/sound.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Err e;
    Sound *s = sound_open_memory(data, size, &e);
    if (!s) return 0;
    if (sound_rate(s) < 8000 || sound_rate(s) > 192000) abort();
    short block[1024];
    long total = 0;
    int got;
    /* Decoded in blocks as the audio thread does; bounded, so a long stream is not a timeout. */
    while (total < 10L * 1000 * 1000 && (got = sound_read(s, block, 1024)) > 0) {
        if (got > 1024) abort();
        total += got;
    }
    sound_close(s);
    return 0;
}
