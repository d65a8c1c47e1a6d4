/* audio: narration (one voice at a time, streamed) and short sound effects, mixed on SDL's audio
 * thread from OGG files read by content/sound (and WAV files, read by SDL: the numbers the kiosk
 * speaks with espeak-ng). Without a sound device every call is a quiet no-op, so the kiosk
 * goes on. */
#ifndef PALLAY_AUDIO_H
#define PALLAY_AUDIO_H

#include "../base/err.h"

#include <SDL.h>

/* Opens the sound device. -1 (with e) if there is none; the kiosk then runs silent. */
int audio_open(Err *e);
void audio_close(void);
int audio_is_open(void);

/* Plays an OGG or WAV file as the narration, stopping any narration playing. When it ends by itself,
 * an event of type audio_event_type() is pushed. -1 (with e) if the file cannot be played. */
int audio_play_voice(const char *path, Err *e);
void audio_stop_voice(void);
int audio_voice_playing(void);
/* Call on an event of audio_event_type(), in the main thread: 1 if it is the end of the narration
 * playing (which is then freed), 0 if that narration was stopped or replaced since. */
int audio_voice_ended(const SDL_Event *ev);
Uint32 audio_event_type(void);

/* Plays n mono samples at rate Hz (a recording just made, kept only in memory) as the
 * narration, from a copy that is wiped when it ends. -1 (with e) if it cannot. */
int audio_play_pcm(const short *pcm, int n, int rate, Err *e);

/* Plays a short effect from an OGG or WAV file (decoded once, kept). -1 (with e) on failure. */
int audio_play_effect(const char *path, Err *e);

#endif
