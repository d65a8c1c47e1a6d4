/* sticks: /proc/self/mountinfo polled for POLLPRI (a change in the mount table), a pipe to wake
 * the thread for a write or the stop, and one job slot. */
#include "sticks.h"
#include "../base/text.h"
#include "say.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


static struct {
    SDL_Thread *thread;
    SDL_mutex *lock;
    int table, wake[2];
    Uint32 event;
    char roots[PALLAY_PATH_LEN];
    char known[PALLAY_MAX_STICKS][PALLAY_PATH_LEN];
    int nknown, stop, busy;
    /* The job in the slot, with copies of everything it points to. */
    int queued;
    char volume[PALLAY_PATH_LEN], db[PALLAY_PATH_LEN], content[PALLAY_NAME_LEN], where[PALLAY_NAME_LEN];
    KioskKey key;
    unsigned char recipient[32];
    CourierJob job;
    SticksSay say;
} S = { .table = -1, .wake = { -1, -1 } };

static void post(SticksEvent code, void *data)
{
    SDL_Event ev = { 0 };
    ev.type = S.event;
    ev.user.code = code;
    ev.user.data1 = data;
    if (SDL_PushEvent(&ev) != 1) free(data);
}

/* Undoes mountinfo's escapes (\040 for a space, \011, \012, \134) in place. */
static void unescape(char *s)
{
    char *out = s;
    for (; *s; s++) {
        if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
            *out++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
            s += 3;
        } else {
            *out++ = *s;
        }
    }
    *out = '\0';
}

/* 1 if path lies strictly below one of the roots. */
static int under_roots(const char *path)
{
    for (const char *r = S.roots; *r;) {
        size_t len = strcspn(r, ":");
        while (len > 1 && r[len - 1] == '/') len--;
        if (len && strncmp(path, r, len) == 0 && path[len] == '/' && path[len + 1]) return 1;
        r += strcspn(r, ":");
        if (*r == ':') r++;
    }
    return 0;
}

/* Reads the mount table again and posts what came and went under the roots. */
static void rescan(void)
{
    char now[PALLAY_MAX_STICKS][PALLAY_PATH_LEN];
    int n = 0;
    FILE *f = fdopen(dup(S.table), "r");
    if (!f) return;
    rewind(f);
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        /* id parent major:minor root MOUNT-POINT options ... */
        char *field = line, *mount = NULL;
        for (int i = 0; i < 5 && field; i++) {
            char *sp = strchr(field, ' ');
            if (i == 4) { mount = field; if (sp) *sp = '\0'; }
            field = sp ? sp + 1 : NULL;
        }
        if (!mount) continue;
        unescape(mount);
        if (!under_roots(mount) || n == PALLAY_MAX_STICKS) continue;
        int dup_mount = 0;
        for (int i = 0; i < n; i++) dup_mount |= strcmp(now[i], mount) == 0;
        if (!dup_mount) text_copy(now[n++], PALLAY_PATH_LEN, mount);
    }
    fclose(f);
    for (int i = 0; i < S.nknown; i++) {
        int still = 0;
        for (int j = 0; j < n; j++) still |= strcmp(S.known[i], now[j]) == 0;
        if (!still) post(STICKS_LEFT, strdup(S.known[i]));
    }
    for (int j = 0; j < n; j++) {
        int before = 0;
        for (int i = 0; i < S.nknown; i++) before |= strcmp(S.known[i], now[j]) == 0;
        if (!before) post(STICKS_ARRIVED, strdup(now[j]));
    }
    memcpy(S.known, now, sizeof now);
    S.nknown = n;
}

/* Makes the voice file that says how many records went and the receipt code, letter by letter.
 * espeak-ng is the content build's voice too; without it the screen still shows both. */
static void speak_result(SticksReport *r)
{
    const CourierResult *res = &r->result;
    if (res->outcome != COURIER_SENT || !S.say.voice[0] || !S.say.path[0]) return;
    char text[512], letters[4 * RECEIPT_LEN];
    size_t used = 0;
    for (int i = 0; res->receipt[i] && used + 4 < sizeof letters; i++)
        used += (size_t)snprintf(letters + used, sizeof letters - used, "%s%c", i ? ", " : "", res->receipt[i]);
    text_fmt(text, sizeof text, "%lld %s. %s: %s.", res->records, res->records == 1 ? S.say.one : S.say.many, S.say.code, letters);
    if (say_wav(S.say.voice, text, S.say.path) == 0) text_copy(r->spoken, sizeof r->spoken, S.say.path);
}

static void run_job(void)
{
    SticksReport *r = calloc(1, sizeof *r);
    if (r) {
        text_copy(r->volume, sizeof r->volume, S.volume);
        courier_send_to_volume(&S.job, S.volume, &r->result);
        speak_result(r);
    }
    SDL_LockMutex(S.lock);
    S.queued = 0;
    S.busy = 0;
    identity_close(&S.key);
    SDL_UnlockMutex(S.lock);
    if (r) post(STICKS_WRITTEN, r);
}

static int worker(void *unused)
{
    (void)unused;
    rescan();
    for (;;) {
        struct pollfd fds[2] = { { S.table, POLLPRI, 0 }, { S.wake[0], POLLIN, 0 } };
        if (poll(fds, 2, -1) < 0 && errno != EINTR) break;
        if (fds[1].revents & POLLIN) {
            char c;
            while (read(S.wake[0], &c, 1) == 1) {}
        }
        SDL_LockMutex(S.lock);
        int stop = S.stop, job = S.queued;
        SDL_UnlockMutex(S.lock);
        if (job) run_job();
        if (stop) break;
        if (fds[0].revents & (POLLPRI | POLLERR)) rescan();
    }
    return 0;
}

int sticks_start(const char *roots, Err *e)
{
    if (S.thread) return 0;
    text_copy(S.roots, sizeof S.roots, roots);
    if (!S.event) {
        S.event = SDL_RegisterEvents(1);
        if (S.event == (Uint32)-1) { S.event = 0; return err_set(e, "sticks: no SDL event left"); }
    }
    S.table = open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC);
    if (S.table < 0) return err_set(e, "/proc/self/mountinfo: %s", strerror(errno));
    if (pipe(S.wake) < 0 || fcntl(S.wake[0], F_SETFL, O_NONBLOCK) < 0 || fcntl(S.wake[1], F_SETFL, O_NONBLOCK) < 0) {
        close(S.table);
        S.table = -1;
        return err_set(e, "sticks: pipe: %s", strerror(errno));
    }
    S.lock = SDL_CreateMutex();
    S.stop = S.queued = S.busy = 0;
    S.nknown = 0;
    S.thread = SDL_CreateThread(worker, "sticks", NULL);
    if (!S.thread) {
        sticks_stop();
        return err_set(e, "sticks: no thread: %s", SDL_GetError());
    }
    return 0;
}

Uint32 sticks_event_type(void) { return S.event; }

static void wake(void)
{
    char c = 1;
    if (write(S.wake[1], &c, 1) < 0) {}   /* a full pipe already wakes it */
}

int sticks_write(const char *volume, const CourierJob *job, const SticksSay *say)
{
    if (!S.thread) return -1;
    SDL_LockMutex(S.lock);
    int ok = !S.busy;
    if (ok) {
        S.busy = S.queued = 1;
        text_copy(S.volume, sizeof S.volume, volume);
        text_copy(S.db, sizeof S.db, job->db);
        text_copy(S.content, sizeof S.content, job->content_version ? job->content_version : "");
        text_copy(S.where, sizeof S.where, job->destination);
        S.key = *job->key;
        memcpy(S.recipient, job->recipient, sizeof S.recipient);
        S.job = (CourierJob){ S.db, &S.key, S.recipient, S.content, S.where, job->all, 0 };
        if (say) S.say = *say;
        else memset(&S.say, 0, sizeof S.say);
    }
    SDL_UnlockMutex(S.lock);
    if (ok) wake();
    return ok ? 0 : -1;
}

void sticks_release(void *data) { free(data); }

void sticks_stop(void)
{
    if (S.thread) {
        SDL_LockMutex(S.lock);
        S.stop = 1;
        SDL_UnlockMutex(S.lock);
        wake();
        SDL_WaitThread(S.thread, NULL);
        S.thread = NULL;
    }
    /* What the thread posted and the loop never took: its data is ours to free. */
    SDL_Event ev;
    while (S.event && SDL_PeepEvents(&ev, 1, SDL_GETEVENT, S.event, S.event) == 1) free(ev.user.data1);
    if (S.lock) SDL_DestroyMutex(S.lock);
    S.lock = NULL;
    for (int i = 0; i < 2; i++)
        if (S.wake[i] >= 0) close(S.wake[i]);
    if (S.table >= 0) close(S.table);
    S.table = S.wake[0] = S.wake[1] = -1;
    identity_close(&S.key);
}
