/* audio: one SDL audio device, mono at PALLAY_AUDIO_RATE. Its callback (SDL's audio thread)
 * decodes the narration a block at a time and mixes the effects over it. The main thread changes
 * what plays only under the device lock, and opens and frees files outside it. */
#include "audio.h"
#include "../base/text.h"
#include "../config.h"
#include "../content/sound.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_EFFECTS 4
#define BLOCK 1024   /* samples a callback: 46 ms, so a tap is heard at once */

typedef struct {
    char path[PALLAY_PATH_LEN];
    short *pcm;      /* decoded whole, at the device's rate */
    int n;
    int at;          /* next sample to play; n when silent */
} Effect;

/* A narration: an OGG decoded as it plays (resampled if its rate is not the device's), or a WAV
 * (the kiosk's own spoken numbers, from espeak-ng) decoded whole. */
typedef struct {
    Sound *ogg;
    SDL_AudioStream *resample;
    int flushed;     /* the OGG is decoded whole and its resampler flushed */
    short *pcm;
    int n, at;
    size_t wipe;     /* bytes of pcm to wipe when it is freed: her own recording, heard back */
} Voice;

static struct {
    SDL_AudioDeviceID dev;
    Uint32 event;
    /* The callback reads the voice; the main thread swaps and frees it under the lock. */
    Voice voice;
    int ended;                   /* the callback played it to its end and said so */
    Sint32 serial;               /* which narration an end event belongs to */
    Effect fx[MAX_EFFECTS];
} A;

static int has_voice(void) { return A.voice.ogg || A.voice.pcm; }

/* Fills out with up to n samples of the narration, at the device's rate: fewer at its end. */
static int voice_samples(short *out, int n)
{
    Voice *v = &A.voice;
    if (v->pcm) {
        int m = v->n - v->at < n ? v->n - v->at : n;
        memcpy(out, v->pcm + v->at, (size_t)m * sizeof *out);
        v->at += m;
        return m;
    }
    if (!v->resample) return sound_read(v->ogg, out, n);
    short in[BLOCK];
    int done = 0;
    while (done < n) {
        int got = SDL_AudioStreamGet(v->resample, out + done, (n - done) * (int)sizeof(short));
        if (got < 0) break;
        done += got / (int)sizeof(short);
        if (done == n || (got > 0 && !v->flushed)) continue;
        if (v->flushed) break;
        int read = sound_read(v->ogg, in, BLOCK);
        if (read > 0 && SDL_AudioStreamPut(v->resample, in, read * (int)sizeof(short)) < 0) break;
        if (read == 0) {
            SDL_AudioStreamFlush(v->resample);   /* the last samples it held back for filtering */
            v->flushed = 1;
        }
    }
    return done;
}

/* SDL's audio thread: the narration and the effects into stream. The narration's end is posted
 * as an event; the main loop does the rest. */
static void SDLCALL mix(void *ud, Uint8 *stream, int len)
{
    (void)ud;
    memset(stream, 0, (size_t)len);
    short *out = (short *)stream, block[BLOCK];
    int total = len / (int)sizeof(short);
    for (int at = 0; at < total && has_voice() && !A.ended;) {
        int want = total - at < BLOCK ? total - at : BLOCK;
        int got = voice_samples(block, want);
        SDL_MixAudioFormat((Uint8 *)(out + at), (const Uint8 *)block, AUDIO_S16SYS, (Uint32)got * sizeof(short), SDL_MIX_MAXVOLUME);
        at += got;
        if (got < want) {
            A.ended = 1;
            SDL_Event ev = { .type = A.event };
            ev.user.code = A.serial;
            SDL_PushEvent(&ev);
        }
    }
    for (int i = 0; i < MAX_EFFECTS; i++) {
        Effect *f = &A.fx[i];
        int n = f->n - f->at < total ? f->n - f->at : total;
        if (n <= 0) continue;
        SDL_MixAudioFormat(stream, (const Uint8 *)(f->pcm + f->at), AUDIO_S16SYS, (Uint32)n * sizeof(short), SDL_MIX_MAXVOLUME);
        f->at += n;
    }
}

Uint32 audio_event_type(void)
{
    if (!A.event) A.event = SDL_RegisterEvents(1);
    return A.event;
}

int audio_open(Err *e)
{
    audio_event_type();
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) < 0) return err_set(e, "no sound (%s)", SDL_GetError());
    /* No format changes allowed: SDL converts for a device that wants another one. */
    SDL_AudioSpec want = { .freq = PALLAY_AUDIO_RATE, .format = AUDIO_S16SYS, .channels = 1, .samples = BLOCK, .callback = mix }, got;
    A.dev = SDL_OpenAudioDevice(NULL, 0, &want, &got, 0);
    if (!A.dev) {
        err_set(e, "no sound device (%s)", SDL_GetError());
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return -1;
    }
    SDL_PauseAudioDevice(A.dev, 0);
    return 0;
}

/* Takes the narration out of the callback's reach; the caller frees what it returns. */
static Voice take_voice(void)
{
    Voice v = A.voice;
    memset(&A.voice, 0, sizeof A.voice);
    A.serial++;   /* an end event already posted for it is now stale */
    return v;
}

static void free_voice(Voice v)
{
    sound_close(v.ogg);
    if (v.resample) SDL_FreeAudioStream(v.resample);
    if (v.pcm && v.wipe) explicit_bzero(v.pcm, v.wipe);
    SDL_free(v.pcm);
}

void audio_close(void)
{
    if (!A.dev) return;
    SDL_CloseAudioDevice(A.dev);   /* the callback has stopped for good */
    free_voice(take_voice());
    for (int i = 0; i < MAX_EFFECTS; i++) SDL_free(A.fx[i].pcm);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    Uint32 ev = A.event;
    memset(&A, 0, sizeof A);
    A.event = ev;
}

int audio_is_open(void) { return A.dev != 0; }

void audio_stop_voice(void)
{
    if (!A.dev) return;
    SDL_LockAudioDevice(A.dev);
    Voice v = take_voice();
    SDL_UnlockAudioDevice(A.dev);
    free_voice(v);
}

int audio_voice_playing(void)
{
    if (!A.dev) return 0;
    SDL_LockAudioDevice(A.dev);
    int playing = has_voice() && !A.ended;
    SDL_UnlockAudioDevice(A.dev);
    return playing;
}

int audio_voice_ended(const SDL_Event *ev)
{
    if (!A.dev || !A.event || ev->type != A.event) return 0;
    Voice v = { 0 };
    SDL_LockAudioDevice(A.dev);
    int current = ev->user.code == A.serial && has_voice() && A.ended;
    if (current) v = take_voice();
    SDL_UnlockAudioDevice(A.dev);
    free_voice(v);
    return current;
}

/* 1 if path is a WAV file (RIFF), which SDL reads; anything else is taken for OGG. */
static int is_wav(const char *path)
{
    char magic[4] = { 0 };
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    size_t got = fread(magic, 1, 4, f);
    fclose(f);
    return got == 4 && memcmp(magic, "RIFF", 4) == 0;
}

/* Converts n bytes of pcm (in spec's format, which this takes and frees) to mono at the device's
 * rate. NULL (with e) if SDL cannot. */
static short *to_device(Uint8 *pcm, Uint32 n, const SDL_AudioSpec *spec, int *samples, const char *path, Err *e)
{
    SDL_AudioCVT cvt;
    if (SDL_BuildAudioCVT(&cvt, spec->format, spec->channels, spec->freq, AUDIO_S16SYS, 1, PALLAY_AUDIO_RATE) < 0) {
        SDL_free(pcm);
        err_set(e, "%s: cannot be played at %d samples a second (%s)", path, PALLAY_AUDIO_RATE, SDL_GetError());
        return NULL;
    }
    cvt.len = (int)n;
    cvt.buf = SDL_realloc(pcm, n * (Uint32)cvt.len_mult);
    expect(cvt.buf);
    if (cvt.needed) SDL_ConvertAudio(&cvt);
    else cvt.len_cvt = cvt.len;
    *samples = cvt.len_cvt / (int)sizeof(short);
    return (short *)cvt.buf;
}

/* Decodes path whole to mono at the device's rate: a WAV, or at most max_s seconds of an OGG.
 * NULL (with e) if it cannot be read or has no sound in it. */
static short *decode_whole(const char *path, int max_s, int *samples, Err *e)
{
    SDL_AudioSpec spec;
    Uint8 *pcm = NULL;
    Uint32 n = 0;
    if (is_wav(path)) {
        struct stat st;
        if (stat(path, &st) == 0 && st.st_size > PALLAY_SOUND_MAX_BYTES) {
            err_set(e, "%s: too big for a sound (%lld bytes, at most %d)", path, (long long)st.st_size, PALLAY_SOUND_MAX_BYTES);
            return NULL;
        }
        if (!SDL_LoadWAV(path, &spec, &pcm, &n)) { err_set(e, "%s: %s", path, SDL_GetError()); return NULL; }
        /* SDL's buffer is its own: a copy the converter can grow. */
        Uint8 *own = SDL_malloc(n ? n : 1);
        expect(own);
        memcpy(own, pcm, n);
        SDL_FreeWAV(pcm);
        pcm = own;
    } else {
        Sound *s = sound_open(path, e);
        if (!s) return NULL;
        int max = max_s * sound_rate(s);
        short *out = SDL_malloc((size_t)max * sizeof *out);
        expect(out);
        n = (Uint32)sound_read(s, out, max) * (Uint32)sizeof(short);
        spec = (SDL_AudioSpec){ .freq = sound_rate(s), .format = AUDIO_S16SYS, .channels = 1 };
        sound_close(s);
        pcm = (Uint8 *)out;
    }
    if (n == 0) {
        SDL_free(pcm);
        err_set(e, "%s: no sound in it", path);
        return NULL;
    }
    return to_device(pcm, n, &spec, samples, path, e);
}

/* Makes v the narration, stopping the one before. */
static void start_voice(Voice v)
{
    SDL_LockAudioDevice(A.dev);
    Voice old = take_voice();
    A.voice = v;
    A.ended = 0;
    SDL_UnlockAudioDevice(A.dev);
    free_voice(old);
}

int audio_play_voice(const char *path, Err *e)
{
    if (!A.dev) return err_set(e, "no sound device");
    Voice v = { 0 };
    if (is_wav(path)) {
        v.pcm = decode_whole(path, 0, &v.n, e);
        if (!v.pcm) return -1;
    } else {
        v.ogg = sound_open(path, e);
        if (!v.ogg) return -1;
        if (sound_rate(v.ogg) != PALLAY_AUDIO_RATE) {
            v.resample = SDL_NewAudioStream(AUDIO_S16SYS, 1, sound_rate(v.ogg), AUDIO_S16SYS, 1, PALLAY_AUDIO_RATE);
            if (!v.resample) {
                sound_close(v.ogg);
                return err_set(e, "%s: cannot be played at %d samples a second (%s)", path, PALLAY_AUDIO_RATE, SDL_GetError());
            }
        }
    }
    start_voice(v);
    return 0;
}

int audio_play_pcm(const short *pcm, int n, int rate, Err *e)
{
    if (!A.dev) return err_set(e, "no sound device");
    if (n <= 0) return err_set(e, "a recording with no sound in it");
    SDL_AudioCVT cvt;
    if (SDL_BuildAudioCVT(&cvt, AUDIO_S16SYS, 1, rate, AUDIO_S16SYS, 1, PALLAY_AUDIO_RATE) < 0)
        return err_set(e, "a recording cannot be played at %d samples a second (%s)", PALLAY_AUDIO_RATE, SDL_GetError());
    /* Its room allocated once, at its full size: no smaller copy of her voice left in freed memory. */
    cvt.len = n * (int)sizeof *pcm;
    size_t room = (size_t)cvt.len * (size_t)cvt.len_mult;
    cvt.buf = SDL_malloc(room);
    if (!cvt.buf) return err_set(e, "no memory to play a recording");
    memcpy(cvt.buf, pcm, (size_t)cvt.len);
    if (cvt.needed) SDL_ConvertAudio(&cvt);
    else cvt.len_cvt = cvt.len;
    start_voice((Voice){ .pcm = (short *)cvt.buf, .n = cvt.len_cvt / (int)sizeof *pcm, .wipe = room });
    return 0;
}

int audio_play_effect(const char *path, Err *e)
{
    if (!A.dev) return err_set(e, "no sound device");
    int slot = -1;
    for (int i = 0; i < MAX_EFFECTS && slot < 0; i++)
        if (A.fx[i].pcm && strcmp(A.fx[i].path, path) == 0) slot = i;
    for (int i = 0; i < MAX_EFFECTS && slot < 0; i++)
        if (!A.fx[i].pcm) {
            int n;
            short *pcm = decode_whole(path, PALLAY_EFFECT_S, &n, e);
            if (!pcm) return -1;
            SDL_LockAudioDevice(A.dev);
            A.fx[i] = (Effect){ .pcm = pcm, .n = n, .at = n };
            text_copy(A.fx[i].path, sizeof A.fx[i].path, path);
            SDL_UnlockAudioDevice(A.dev);
            slot = i;
        }
    if (slot < 0) return err_set(e, "%s: too many effects", path);
    SDL_LockAudioDevice(A.dev);
    A.fx[slot].at = 0;
    SDL_UnlockAudioDevice(A.dev);
    return 0;
}
