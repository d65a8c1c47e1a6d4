/* audio: one SDL audio device, mono at PALLAY_AUDIO_RATE. Its callback (SDL's audio thread)
 * decodes the narration a block at a time and mixes the effects over it. The main thread changes
 * what plays only under the device lock, and opens and frees files outside it. */
#include "audio.h"
#include "../base/text.h"
#include "../config.h"
#include "../content/sound.h"

#include <stdlib.h>
#include <string.h>

#define MAX_EFFECTS 4
#define BLOCK 1024   /* samples a callback: 46 ms, so a tap is heard at once */

typedef struct {
    char path[PALLAY_PATH_LEN];
    short *pcm;      /* decoded whole, at the device's rate */
    int n;
    int at;          /* next sample to play; n when silent */
} Effect;

static struct {
    SDL_AudioDeviceID dev;
    Uint32 event;
    /* The narration. The callback reads it; the main thread swaps and frees it under the lock. */
    Sound *voice;
    SDL_AudioStream *resample;   /* the voice's rate to the device's, when they differ */
    int flushed;                 /* the voice is decoded whole and its resampler flushed */
    int ended;                   /* the callback played it to its end and said so */
    Sint32 serial;               /* which narration an end event belongs to */
    Effect fx[MAX_EFFECTS];
} A;

/* Fills out with up to n samples of the narration, at the device's rate: fewer at its end. */
static int voice_samples(short *out, int n)
{
    if (!A.resample) return sound_read(A.voice, out, n);
    short in[BLOCK];
    int done = 0;
    while (done < n) {
        int got = SDL_AudioStreamGet(A.resample, out + done, (n - done) * (int)sizeof(short));
        if (got < 0) break;
        done += got / (int)sizeof(short);
        if (done == n || (got > 0 && !A.flushed)) continue;
        if (A.flushed) break;
        int read = sound_read(A.voice, in, BLOCK);
        if (read > 0 && SDL_AudioStreamPut(A.resample, in, read * (int)sizeof(short)) < 0) break;
        if (read == 0) {
            SDL_AudioStreamFlush(A.resample);   /* the last samples it held back for filtering */
            A.flushed = 1;
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
    for (int at = 0; at < total && A.voice && !A.ended;) {
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
static Sound *take_voice(SDL_AudioStream **resample)
{
    Sound *s = A.voice;
    *resample = A.resample;
    A.voice = NULL;
    A.resample = NULL;
    A.serial++;   /* an end event already posted for it is now stale */
    return s;
}

static void free_voice(Sound *s, SDL_AudioStream *resample)
{
    sound_close(s);
    if (resample) SDL_FreeAudioStream(resample);
}

void audio_close(void)
{
    if (!A.dev) return;
    SDL_CloseAudioDevice(A.dev);   /* the callback has stopped for good */
    SDL_AudioStream *r = NULL;
    free_voice(take_voice(&r), r);
    for (int i = 0; i < MAX_EFFECTS; i++) free(A.fx[i].pcm);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    Uint32 ev = A.event;
    memset(&A, 0, sizeof A);
    A.event = ev;
}

int audio_is_open(void) { return A.dev != 0; }

void audio_stop_voice(void)
{
    if (!A.dev) return;
    SDL_AudioStream *r = NULL;
    SDL_LockAudioDevice(A.dev);
    Sound *s = take_voice(&r);
    SDL_UnlockAudioDevice(A.dev);
    free_voice(s, r);
}

int audio_voice_playing(void)
{
    if (!A.dev) return 0;
    SDL_LockAudioDevice(A.dev);
    int playing = A.voice && !A.ended;
    SDL_UnlockAudioDevice(A.dev);
    return playing;
}

int audio_voice_ended(const SDL_Event *ev)
{
    if (!A.dev || !A.event || ev->type != A.event) return 0;
    SDL_AudioStream *r = NULL;
    Sound *s = NULL;
    SDL_LockAudioDevice(A.dev);
    int current = ev->user.code == A.serial && A.voice && A.ended;
    if (current) s = take_voice(&r);
    SDL_UnlockAudioDevice(A.dev);
    free_voice(s, r);
    return current;
}

int audio_play_voice(const char *path, Err *e)
{
    if (!A.dev) return err_set(e, "no sound device");
    Sound *s = sound_open(path, e);
    if (!s) return -1;
    SDL_AudioStream *resample = NULL;
    if (sound_rate(s) != PALLAY_AUDIO_RATE) {
        resample = SDL_NewAudioStream(AUDIO_S16SYS, 1, sound_rate(s), AUDIO_S16SYS, 1, PALLAY_AUDIO_RATE);
        if (!resample) {
            sound_close(s);
            return err_set(e, "%s: cannot be played at %d samples a second (%s)", path, PALLAY_AUDIO_RATE, SDL_GetError());
        }
    }
    SDL_AudioStream *old_r = NULL;
    SDL_LockAudioDevice(A.dev);
    Sound *old = take_voice(&old_r);
    A.voice = s;
    A.resample = resample;
    A.flushed = 0;
    A.ended = 0;
    SDL_UnlockAudioDevice(A.dev);
    free_voice(old, old_r);
    return 0;
}

/* Decodes path whole, at the device's rate, at most PALLAY_EFFECT_S long. NULL (with e) if not. */
static short *decode_effect(const char *path, int *n, Err *e)
{
    Sound *s = sound_open(path, e);
    if (!s) return NULL;
    int max = PALLAY_EFFECT_S * sound_rate(s);
    short *pcm = malloc((size_t)max * sizeof *pcm);
    expect(pcm);
    *n = sound_read(s, pcm, max);
    int rate = sound_rate(s);
    sound_close(s);
    if (*n == 0) {
        free(pcm);
        err_set(e, "%s: no sound in it", path);
        return NULL;
    }
    if (rate == PALLAY_AUDIO_RATE) return pcm;
    SDL_AudioCVT cvt;
    if (SDL_BuildAudioCVT(&cvt, AUDIO_S16SYS, 1, rate, AUDIO_S16SYS, 1, PALLAY_AUDIO_RATE) < 0) {
        free(pcm);
        err_set(e, "%s: cannot be played at %d samples a second (%s)", path, PALLAY_AUDIO_RATE, SDL_GetError());
        return NULL;
    }
    cvt.len = *n * (int)sizeof(short);
    cvt.buf = realloc(pcm, (size_t)cvt.len * (size_t)cvt.len_mult);
    expect(cvt.buf);
    SDL_ConvertAudio(&cvt);
    *n = cvt.len_cvt / (int)sizeof(short);
    return (short *)cvt.buf;
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
            short *pcm = decode_effect(path, &n, e);
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
