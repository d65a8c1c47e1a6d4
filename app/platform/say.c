/* say: espeak-ng as a child process, its output thrown away. */
#include "say.h"
#include "../base/text.h"
#include "../config.h"

#include <SDL.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

extern char **environ;

int say_wav(const char *voice, const char *text, const char *path)
{
    char part[PALLAY_PATH_LEN + 32];
    /* One part file per thread: the same file made now and on a thread never share one. */
    if (text_fmt(part, sizeof part, "%s.%lu.part", path, (unsigned long)SDL_ThreadID()) < 0) return -1;
    char *argv[] = { "espeak-ng", "-v", (char *)voice, "-s", "135", "-w", part, (char *)text, NULL };
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int status = -1;
    if (posix_spawnp(&pid, "espeak-ng", &fa, NULL, argv, environ) == 0) waitpid(pid, &status, 0);
    posix_spawn_file_actions_destroy(&fa);
    if (status == 0 && rename(part, path) == 0) return 0;
    remove(part);
    return -1;
}

int say_help_path(const char *dir, const char *lang, char *path, size_t n)
{
    return dir && dir[0] ? text_fmt(path, n, "%s/help-%s.wav", dir, lang) : -1;
}

typedef struct { char *voice, *text, *path; } Job;

/* The threads still speaking, so that the kiosk's stop can wait for their children. */
static struct {
    SDL_mutex *lock;
    SDL_cond *done;
    int running;
} T;

static void job_free(Job *j)
{
    free(j->voice);
    free(j->text);
    free(j->path);
    free(j);
}

static int run(void *data)
{
    Job *j = data;
    say_wav(j->voice, j->text, j->path);
    job_free(j);
    SDL_LockMutex(T.lock);
    T.running--;
    SDL_CondSignal(T.done);
    SDL_UnlockMutex(T.lock);
    return 0;
}

void say_wait(void)
{
    if (!T.lock) return;
    SDL_LockMutex(T.lock);
    while (T.running > 0) SDL_CondWait(T.done, T.lock);
    SDL_UnlockMutex(T.lock);
}

void say_wav_later(const char *voice, const char *text, const char *path)
{
    if (!T.lock && (!(T.lock = SDL_CreateMutex()) || !(T.done = SDL_CreateCond()))) return;
    Job *j = calloc(1, sizeof *j);
    if (!j || !(j->voice = strdup(voice)) || !(j->text = strdup(text)) || !(j->path = strdup(path))) {
        if (j) job_free(j);
        return;
    }
    SDL_LockMutex(T.lock);
    T.running++;
    SDL_UnlockMutex(T.lock);
    SDL_Thread *t = SDL_CreateThread(run, "say", j);
    if (t) SDL_DetachThread(t);
    else run(j);
}
