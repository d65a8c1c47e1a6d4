/* audio: SDL_mixer. Music streams the narration; chunks hold the few effects. */
#include "audio.h"
#include "../base/text.h"
#include "../config.h"

#include <SDL_mixer.h>
#include <string.h>

#define MAX_EFFECTS 4

static struct {
    int open;
    Mix_Music *voice;
    Uint32 event;
    struct { char path[PALLAY_PATH_LEN]; Mix_Chunk *chunk; } fx[MAX_EFFECTS];
} A;

/* Runs on the audio thread: only post an event, the main loop does the rest. */
static void on_music_finished(void)
{
    SDL_Event ev = { .type = A.event };
    SDL_PushEvent(&ev);
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
    Mix_Init(MIX_INIT_OGG);
    if (Mix_OpenAudio(22050, AUDIO_S16SYS, 1, 2048) < 0) {
        err_set(e, "no sound device (%s)", Mix_GetError());
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return -1;
    }
    Mix_AllocateChannels(MAX_EFFECTS);
    Mix_HookMusicFinished(on_music_finished);
    A.open = 1;
    return 0;
}

void audio_close(void)
{
    if (!A.open) return;
    Mix_HookMusicFinished(NULL);
    audio_stop_voice();
    Mix_HaltChannel(-1);
    for (int i = 0; i < MAX_EFFECTS; i++)
        if (A.fx[i].chunk) Mix_FreeChunk(A.fx[i].chunk);
    Mix_CloseAudio();
    Mix_Quit();
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    Uint32 ev = A.event;
    memset(&A, 0, sizeof A);
    A.event = ev;
}

int audio_is_open(void) { return A.open; }

void audio_stop_voice(void)
{
    if (!A.voice) return;
    Mix_HookMusicFinished(NULL);  /* a stop is not an end: no event */
    Mix_HaltMusic();
    Mix_FreeMusic(A.voice);
    A.voice = NULL;
    if (A.open) Mix_HookMusicFinished(on_music_finished);
}

void audio_voice_finished(void)
{
    if (A.voice && !Mix_PlayingMusic()) {
        Mix_FreeMusic(A.voice);
        A.voice = NULL;
    }
}

int audio_voice_playing(void) { return A.voice != NULL && Mix_PlayingMusic(); }

int audio_play_voice(const char *path, Err *e)
{
    if (!A.open) return err_set(e, "no sound device");
    audio_stop_voice();
    A.voice = Mix_LoadMUS(path);
    if (!A.voice) return err_set(e, "%s: %s", path, Mix_GetError());
    if (Mix_PlayMusic(A.voice, 0) < 0) {
        err_set(e, "%s: %s", path, Mix_GetError());
        Mix_FreeMusic(A.voice);
        A.voice = NULL;
        return -1;
    }
    return 0;
}

int audio_play_effect(const char *path, Err *e)
{
    if (!A.open) return err_set(e, "no sound device");
    int slot = -1;
    for (int i = 0; i < MAX_EFFECTS && slot < 0; i++)
        if (A.fx[i].chunk && strcmp(A.fx[i].path, path) == 0) slot = i;
    for (int i = 0; i < MAX_EFFECTS && slot < 0; i++)
        if (!A.fx[i].chunk) {
            A.fx[i].chunk = Mix_LoadWAV(path);
            if (!A.fx[i].chunk) return err_set(e, "%s: %s", path, Mix_GetError());
            text_copy(A.fx[i].path, sizeof A.fx[i].path, path);
            slot = i;
        }
    if (slot < 0) return err_set(e, "%s: too many effects", path);
    Mix_PlayChannel(-1, A.fx[slot].chunk, 0);
    return 0;
}
