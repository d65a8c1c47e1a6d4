/* audio: narration (one voice at a time, streamed) and short sound effects, through SDL_mixer.
 * Without a sound device every call is a quiet no-op, so the kiosk goes on. */
#ifndef PALLAY_AUDIO_H
#define PALLAY_AUDIO_H

#include "../base/err.h"

#include <SDL.h>

/* Opens the sound device. -1 (with e) if there is none; the kiosk then runs silent. */
int audio_open(Err *e);
void audio_close(void);
int audio_is_open(void);

/* Plays an OGG file as the narration, stopping any narration playing. When it ends by itself,
 * an event of type audio_event_type() is pushed. -1 (with e) if the file cannot be played. */
int audio_play_voice(const char *path, Err *e);
void audio_stop_voice(void);
int audio_voice_playing(void);
/* Call on the audio event, in the main thread: frees the finished narration. */
void audio_voice_finished(void);
Uint32 audio_event_type(void);

/* Plays a short effect from an OGG file (decoded once, kept). -1 (with e) on failure. */
int audio_play_effect(const char *path, Err *e);

#endif
