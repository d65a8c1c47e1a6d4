/* runner: the script's steps as SDL events. */
#include "runner.h"
#include "base/text.h"
#include "base/trace.h"
#include "config.h"
#include "script.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#define EXPECT_TIMEOUT_MS 10000     /* PALLAY_SCRIPT_PATIENCE=MS for a slow run (valgrind) */
#define SOAK_EVERY_MS 20            /* a soak's input rate: 50 a second, faster than any hand */
#define SOAK_TRACE_MS 10000         /* and how often it says how far it is and the memory in use */

struct Runner {
    Script *script;
    RunnerHost host;
    char path[PALLAY_PATH_LEN];
    Uint32 deadline;    /* a waiting step ends (or fails) here */
    int waiting;        /* the current step has started and waits */
    int hold_x, hold_y; /* where a held press went down: it is released there */
    Uint32 patience;    /* how long an expect or a hold may wait */
    struct {            /* a soak under way: its random inputs come from rng alone */
        unsigned long long rng;
        Uint32 next, traced, hold_up;
        long long events;
        int holding, x, y;
    } soak;
};

static void on_trace(const char *line, void *ud) { script_seen(ud, line); }

Runner *runner_load(const char *path, RunnerHost host, Err *e)
{
    Script *s = script_load(path, e);
    if (!s) return NULL;
    Runner *r = xcalloc(1, sizeof *r);
    r->script = s;
    r->host = host;
    const char *patience = getenv("PALLAY_SCRIPT_PATIENCE");
    r->patience = patience && atoi(patience) > 0 ? (Uint32)atoi(patience) : EXPECT_TIMEOUT_MS;
    text_copy(r->path, sizeof r->path, path);
    trace_listen(on_trace, s);
    return r;
}

void runner_unload(Runner *r)
{
    if (!r) return;
    trace_listen(NULL, NULL);
    script_unload(r->script);
    free(r);
}

static RunnerState fail(Runner *r, const Step *st, const char *why)
{
    fprintf(stderr, "%s: script line %d: %s\n", r->path, st->line, why);
    trace("script fail line=%d %s", st->line, why);
    return RUNNER_FAILED;
}

static void push_pointer(int touch, int down, int x, int y, int w, int h)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    if (touch) {
        ev.type = down ? SDL_FINGERDOWN : SDL_FINGERUP;
        ev.tfinger.x = ((float)x + 0.5f) / (float)w;
        ev.tfinger.y = ((float)y + 0.5f) / (float)h;
        ev.tfinger.fingerId = 1;
    } else {
        ev.type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
        ev.button.button = SDL_BUTTON_LEFT;
        ev.button.x = x;
        ev.button.y = y;
    }
    SDL_PushEvent(&ev);
}

/* Where a step points: a button's centre, or its x y. -1 (reported) if the button is not there. */
static int step_point(Runner *r, const Step *st, int *x, int *y)
{
    Rect b;
    if (!st->arg[0]) { *x = st->x; *y = st->y; return 0; }
    if (r->host.button(r->host.kiosk, st->arg, &b) < 0) {
        char why[PALLAY_PATH_LEN + 64];
        text_fmt(why, sizeof why, "no button \"%s\" on screen %s", st->arg, r->host.screen(r->host.kiosk));
        fail(r, st, why);
        return -1;
    }
    *x = b.x + b.w / 2;
    *y = b.y + b.h / 2;
    return 0;
}

/* Starts the wait of the current step (once) and says whether its time is up. */
static int wait_until(Runner *r, Uint32 now, Uint32 ms)
{
    if (!r->waiting) {
        r->waiting = 1;
        r->deadline = now + ms;
    }
    return now >= r->deadline;
}

static unsigned soak_rand(Runner *r, unsigned n)
{
    /* xorshift64*: small, and the same sequence from the same seed on every machine. */
    unsigned long long x = r->soak.rng;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    r->soak.rng = x;
    return (unsigned)((x * 0x2545F4914F6CDD1DULL) >> 33) % n;
}

/* Memory in use now and at its peak, in kB (resident pages; the kernel's high-water mark). */
static void soak_trace(Runner *r, const char *what, Uint32 now, Uint32 started)
{
    struct rusage u;
    long pages = 0, size = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%ld %ld", &size, &pages) != 2) pages = 0;
        fclose(f);
    }
    getrusage(RUSAGE_SELF, &u);
    trace("soak %s at_ms=%u events=%lld rss_kb=%ld peak_kb=%ld", what, now - started, r->soak.events,
          pages * (sysconf(_SC_PAGESIZE) / 1024), u.ru_maxrss);
}

/* One soak input, if one is due: mostly touches anywhere, some held, some keys and letters. */
static void soak_input(Runner *r, Uint32 now, int w, int h)
{
    static const char *const KEYS[] = { "Left", "Right", "Up", "Down", "Return", "Escape", "Tab", "Space", "Backspace" };
    static const char *const LETTERS[] = { "a", "e", "o", "ñ", "Q", "7", " ", "'" };
    if (r->soak.holding && now >= r->soak.hold_up) {
        push_pointer(1, 0, r->soak.x, r->soak.y, w, h);
        r->soak.holding = 0;
    }
    if (r->soak.holding || now < r->soak.next) return;
    r->soak.next = now + SOAK_EVERY_MS;
    r->soak.events++;
    unsigned pick = soak_rand(r, 100);
    int x = (int)soak_rand(r, (unsigned)w), y = (int)soak_rand(r, (unsigned)h);
    /* Most touches land on a button, as a woman's do; some anywhere. */
    Rect b;
    int n = r->host.nth_button(r->host.kiosk, -1, &b);
    if (pick < 62 && n > 0 && r->host.nth_button(r->host.kiosk, (int)soak_rand(r, (unsigned)n), &b) > 0) {
        x = b.x + (int)soak_rand(r, (unsigned)(b.w > 0 ? b.w : 1));
        y = b.y + (int)soak_rand(r, (unsigned)(b.h > 0 ? b.h : 1));
    }
    /* Leaving the kiosk (facilitator mode) would end the soak, not test anything. */
    Rect q;
    if (pick < 82 && r->host.button(r->host.kiosk, "quit", &q) == 0 && x >= q.x && x < q.x + q.w && y >= q.y && y < q.y + q.h) return;
    if (pick < 80) {
        push_pointer(1, 1, x, y, w, h);
        push_pointer(1, 0, x, y, w, h);
    } else if (pick < 82) {
        push_pointer(1, 1, x, y, w, h);
        r->soak.holding = 1;
        r->soak.x = x;
        r->soak.y = y;
        r->soak.hold_up = now + 300 + soak_rand(r, 1200);
    } else if (pick < 95) {
        SDL_Event ev = { .type = SDL_KEYDOWN };
        ev.key.keysym.sym = SDL_GetKeyFromName(KEYS[soak_rand(r, sizeof KEYS / sizeof *KEYS)]);
        SDL_PushEvent(&ev);
        ev.type = SDL_KEYUP;
        SDL_PushEvent(&ev);
    } else {
        SDL_Event ev = { .type = SDL_TEXTINPUT };
        text_copy(ev.text.text, sizeof ev.text.text, LETTERS[soak_rand(r, sizeof LETTERS / sizeof *LETTERS)]);
        SDL_PushEvent(&ev);
    }
}

RunnerState runner_step(Runner *r, int w, int h)
{
    const Step *st = script_step(r->script);
    if (!st) return RUNNER_DONE;
    Uint32 now = SDL_GetTicks();
    int x, y;
    switch (st->kind) {
    case STEP_TAP: case STEP_CLICK:
        if (step_point(r, st, &x, &y) < 0) return RUNNER_FAILED;
        push_pointer(st->kind == STEP_TAP, 1, x, y, w, h);
        push_pointer(st->kind == STEP_TAP, 0, x, y, w, h);
        break;
    case STEP_HOLD:
        if (!r->waiting) {
            if (step_point(r, st, &r->hold_x, &r->hold_y) < 0) return RUNNER_FAILED;
            push_pointer(1, 1, r->hold_x, r->hold_y, w, h);
            wait_until(r, now, r->patience);
            return RUNNER_RAN;
        }
        if (!r->host.held(r->host.kiosk))
            return wait_until(r, now, 0) ? fail(r, st, "the press was never held") : RUNNER_WAITING;
        /* Where it went down: a hidden button held long enough may have opened another screen. */
        push_pointer(1, 0, r->hold_x, r->hold_y, w, h);
        break;
    case STEP_KEY: {
        SDL_Keycode key = SDL_GetKeyFromName(st->arg);
        if (key == SDLK_UNKNOWN) return fail(r, st, "unknown key name");
        SDL_Event ev = { .type = SDL_KEYDOWN };
        ev.key.keysym.sym = key;
        SDL_PushEvent(&ev);
        ev.type = SDL_KEYUP;
        SDL_PushEvent(&ev);
        break;
    }
    case STEP_TYPE:
        /* One text event per character, as a keyboard sends them. */
        for (const char *p = st->arg; *p;) {
            const char *start = p;
            text_utf8_next(&p);
            SDL_Event ev = { .type = SDL_TEXTINPUT };
            memcpy(ev.text.text, start, (size_t)(p - start));
            SDL_PushEvent(&ev);
        }
        break;
    case STEP_WAIT:
        if (!wait_until(r, now, (Uint32)st->x)) return RUNNER_WAITING;
        break;
    case STEP_EXPECT:
        if (script_take(r->script, st->arg)) break;
        if (wait_until(r, now, r->patience)) {
            char why[PALLAY_PATH_LEN + 64];
            text_fmt(why, sizeof why, "expected a trace line with \"%s\" within %u ms", st->arg, r->patience);
            return fail(r, st, why);
        }
        return RUNNER_WAITING;
    case STEP_SHOT:
        r->host.shot(r->host.kiosk, st->arg);
        break;
    case STEP_SIZE:
        r->host.resize(r->host.kiosk, st->x, st->y);
        break;
    case STEP_BENCH_RENDER:
        r->host.bench(r->host.kiosk, st->x);
        break;
    case STEP_SOAK:
        if (!r->waiting) {
            memset(&r->soak, 0, sizeof r->soak);
            r->soak.rng = (unsigned long long)st->y * 0x9E3779B97F4A7C15ULL + 1;
            r->soak.next = r->soak.traced = now;
            trace("soak start ms=%d seed=%d rate_ms=%d", st->x, st->y, SOAK_EVERY_MS);
        }
        if (!wait_until(r, now, (Uint32)st->x)) {
            if (now - r->soak.traced >= SOAK_TRACE_MS) {
                r->soak.traced = now;
                soak_trace(r, "progress", now, r->deadline - (Uint32)st->x);
            }
            soak_input(r, now, w, h);
            return RUNNER_WAITING;
        }
        if (r->soak.holding) push_pointer(1, 0, r->soak.x, r->soak.y, w, h);
        soak_trace(r, "done", now, r->deadline - (Uint32)st->x);
        break;
    case STEP_QUIT:
        script_next(r->script);
        return RUNNER_DONE;
    }
    r->waiting = 0;
    script_next(r->script);
    return script_step(r->script) ? RUNNER_RAN : RUNNER_DONE;
}

int runner_deadline(const Runner *r)
{
    if (!r->waiting) return -1;
    Uint32 now = SDL_GetTicks(), at = r->deadline;
    const Step *st = script_step(r->script);
    if (st && st->kind == STEP_SOAK) {
        Uint32 next = r->soak.holding ? r->soak.hold_up : r->soak.next;
        if (next < at) at = next;
    }
    return at > now ? (int)(at - now) : 0;
}
