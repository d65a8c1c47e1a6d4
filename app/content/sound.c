/* sound: stb_vorbis over a file read whole, its memory one fixed block. This file compiles
 * stb_vorbis itself (Debian ships it as a header); check-content and the kiosk both link it. */
#include "sound.h"
#include "../config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stb_vorbis.h>

struct Sound {
    stb_vorbis *v;
    unsigned char *bytes;     /* the file: stb_vorbis reads it in place */
    int rate;
    int ended;
    char arena[];             /* PALLAY_SOUND_ARENA bytes: the decoder's own memory */
};

/* Opens the n bytes at bytes, which the sound takes (freed on failure too). */
static Sound *open_owned(unsigned char *bytes, size_t n, Err *e)
{
    Sound *s = xcalloc(1, sizeof *s + PALLAY_SOUND_ARENA);
    s->bytes = bytes;
    if (n > PALLAY_SOUND_MAX_BYTES) {
        err_set(e, "too big for a sound (%zu bytes, at most %d)", n, PALLAY_SOUND_MAX_BYTES);
        goto fail;
    }
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
