/* capture: SDL's audio thread appends to a fixed buffer under the device lock. */
#include "capture.h"
#include "../base/trace.h"
#include "../config.h"

#include <SDL.h>
#include <stdlib.h>
#include <string.h>

static struct {
    SDL_AudioDeviceID dev;
    short *buf;
    int n, on, capacity;
} C;

static void SDLCALL take(void *ud, Uint8 *stream, int len)
{
    (void)ud;
    if (!C.on) return;
    int samples = len / (int)sizeof(short);
    if (samples > C.capacity - C.n) samples = C.capacity - C.n;
    memcpy(C.buf + C.n, stream, (size_t)samples * sizeof(short));
    C.n += samples;
}

int capture_open(int seconds, Err *e)
{
    if (C.dev && seconds * PALLAY_RECORD_RATE == C.capacity) return 0;
    capture_close();
    if (!SDL_WasInit(SDL_INIT_AUDIO) && SDL_InitSubSystem(SDL_INIT_AUDIO) < 0) return err_set(e, "no sound system: %s", SDL_GetError());
    if (SDL_GetNumAudioDevices(1) < 1) return err_set(e, "no microphone is connected");
    SDL_AudioSpec want = { .freq = PALLAY_RECORD_RATE, .format = AUDIO_S16SYS, .channels = 1, .samples = 1024, .callback = take }, got;
    C.capacity = seconds * PALLAY_RECORD_RATE;
    C.buf = malloc((size_t)C.capacity * sizeof(short));
    if (!C.buf) return err_set(e, "no memory for a recording");
    C.dev = SDL_OpenAudioDevice(NULL, 1, &want, &got, 0);
    if (!C.dev) {
        free(C.buf);
        C.buf = NULL;
        return err_set(e, "the microphone cannot be opened: %s", SDL_GetError());
    }
    C.n = C.on = 0;     /* paused until a recording starts: an idle kiosk sleeps */
    return 0;
}

void capture_close(void)
{
    if (!C.dev) return;
    SDL_CloseAudioDevice(C.dev);
    explicit_bzero(C.buf, (size_t)C.capacity * sizeof(short));    /* a woman's private report may be in it */
    free(C.buf);
    memset(&C, 0, sizeof C);
}

void capture_start(void)
{
    if (!C.dev) return;
    SDL_LockAudioDevice(C.dev);
    C.n = 0;
    C.on = 1;
    SDL_UnlockAudioDevice(C.dev);
    SDL_PauseAudioDevice(C.dev, 0);
}

void capture_stop(void)
{
    if (!C.dev) return;
    SDL_LockAudioDevice(C.dev);
    C.on = 0;
    SDL_UnlockAudioDevice(C.dev);
    SDL_PauseAudioDevice(C.dev, 1);
}

int capture_end(const short **pcm)
{
    capture_stop();
    int n = capture_samples(pcm);
    trace("capture stop samples=%d", n);
    return n;
}

int capture_full(void)
{
    if (!C.dev) return 0;
    SDL_LockAudioDevice(C.dev);
    int full = C.n == C.capacity;
    SDL_UnlockAudioDevice(C.dev);
    return full;
}

int capture_samples(const short **pcm)
{
    *pcm = C.buf;
    return C.n;
}
