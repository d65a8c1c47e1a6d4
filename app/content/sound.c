/* sound: stb_vorbis over a file read whole, its memory one fixed block. Debian's libstb provides
 * the decoder, as it does stb_image's (the fuzzer compiles its own, instrumented:
 * tests/fuzz/stb_vorbis.c). */
#include "sound.h"
#include "../config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STB_VORBIS_HEADER_ONLY
#include <stb_vorbis.h>

struct Sound {
    stb_vorbis *v;
    unsigned char *bytes;     /* the file: stb_vorbis reads it in place */
    int rate;
    int ended;
    char arena[];             /* PALLAY_SOUND_ARENA bytes: the decoder's own memory */
};

#define MAX_COMMENTS 256   /* a file's comment header lists a few */

static unsigned long le32(const unsigned char *p)
{
    return (unsigned long)p[0] | (unsigned long)p[1] << 8 | (unsigned long)p[2] << 16 | (unsigned long)p[3] << 24;
}

/* 0 unless the comment header (packet 3, "\x03vorbis") states a length or a count that does not
 * fit in the file. stb_vorbis 1.22 trusts them: a count it cannot allocate leaves a NULL list it
 * then frees entries of, a length near 2^31 overflows its allocation and it writes far outside
 * (both found by fuzz_ogg). The packet is in the file whole or split by page headers, so what is
 * left of the file bounds each length. */
static int comments_bad(const unsigned char *b, size_t n)
{
    static const unsigned char TAG[7] = { 3, 'v', 'o', 'r', 'b', 'i', 's' };
    size_t at = 0;
    while (at + sizeof TAG <= n && memcmp(b + at, TAG, sizeof TAG) != 0) at++;
    if (at + sizeof TAG > n) return 0;   /* none: stb_vorbis refuses the file itself */
    size_t p = at + sizeof TAG;
    /* The vendor's name, the count, then each comment: a length and its bytes. */
    if (p + 4 > n || le32(b + p) > n - p - 4) return 1;
    p += 4 + le32(b + p);
    if (p + 4 > n) return 1;
    unsigned long count = le32(b + p);
    p += 4;
    if (count > MAX_COMMENTS) return 1;
    for (unsigned long i = 0; i < count; i++) {
        if (p + 4 > n || le32(b + p) > n - p - 4) return 1;
        p += 4 + le32(b + p);
    }
    return 0;
}

/* Opens the n bytes at bytes, which the sound takes (freed on failure too). */
static Sound *open_owned(unsigned char *bytes, size_t n, Err *e)
{
    /* Not zeroed: stb_vorbis keeps its own account of the arena, and pages it never touches
     * (most of them) then cost nothing. */
    Sound *s = malloc(sizeof *s + PALLAY_SOUND_ARENA);
    expect(s);
    memset(s, 0, sizeof *s);
    s->bytes = bytes;
    if (n > PALLAY_SOUND_MAX_BYTES) {
        err_set(e, "too big for a sound (%zu bytes, at most %d)", n, PALLAY_SOUND_MAX_BYTES);
        goto fail;
    }
    if (comments_bad(bytes, n)) { err_set(e, "does not decode as OGG Vorbis (its comments run past the end)"); goto fail; }
    stb_vorbis_alloc arena = { s->arena, PALLAY_SOUND_ARENA };
    int why = 0;
    s->v = stb_vorbis_open_memory(s->bytes, (int)n, &why, &arena);
    if (!s->v && why == VORBIS_outofmem) {
        err_set(e, "does not decode as OGG Vorbis (its decoder would need over %d KB)", PALLAY_SOUND_ARENA >> 10);
        goto fail;
    }
    if (!s->v) { err_set(e, "does not decode as OGG Vorbis"); goto fail; }
    stb_vorbis_info info = stb_vorbis_get_info(s->v);
    /* stb_vorbis takes any rate the header states; one a sound device cannot play is refused. */
    if (info.sample_rate < 8000 || info.sample_rate > 192000 || info.channels < 1) {
        err_set(e, "does not decode as OGG Vorbis (%u samples a second, %d channels)", info.sample_rate, info.channels);
        goto fail;
    }
    s->rate = (int)info.sample_rate;
    return s;
fail:
    sound_close(s);
    return NULL;
}

Sound *sound_open_memory(const unsigned char *data, size_t n, Err *e)
{
    if (n > PALLAY_SOUND_MAX_BYTES) {
        err_set(e, "too big for a sound (%zu bytes, at most %d)", n, PALLAY_SOUND_MAX_BYTES);
        return NULL;
    }
    unsigned char *bytes = malloc(n ? n : 1);
    expect(bytes);
    if (n) memcpy(bytes, data, n);
    return open_owned(bytes, n, e);
}

Sound *sound_open(const char *path, Err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f) { err_set(e, "%s: cannot be read", path); return NULL; }
    Sound *s = NULL;
    long n = -1;
    if (fseek(f, 0, SEEK_END) == 0) n = ftell(f);
    if (n < 0 || fseek(f, 0, SEEK_SET) != 0) {
        err_set(e, "%s: cannot be read", path);
    } else if (n > PALLAY_SOUND_MAX_BYTES) {
        err_set(e, "%s: too big for a sound (%ld bytes, at most %d)", path, n, PALLAY_SOUND_MAX_BYTES);
    } else {
        unsigned char *bytes = malloc(n ? (size_t)n : 1);
        expect(bytes);
        Err why;
        if (fread(bytes, 1, (size_t)n, f) != (size_t)n) {
            free(bytes);
            err_set(e, "%s: cannot be read", path);
        } else if (!(s = open_owned(bytes, (size_t)n, &why))) {
            err_set(e, "%s: %s", path, why.msg);
        }
    }
    fclose(f);
    return s;
}

void sound_close(Sound *s)
{
    if (!s) return;
    if (s->v) stb_vorbis_close(s->v);   /* its memory is the arena: this frees nothing else */
    free(s->bytes);
    free(s);
}

int sound_rate(const Sound *s) { return s->rate; }

int sound_read(Sound *s, short *out, int max)
{
    int done = 0;
    while (done < max && !s->ended) {
        short *one[1] = { out + done };
        int got = stb_vorbis_get_samples_short(s->v, 1, one, max - done);
        if (got <= 0) s->ended = 1;
        else done += got;
    }
    return done;
}
