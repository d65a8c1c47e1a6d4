/* kiosk: wires platform, content, narration and screens together.
 * The loop sleeps in SDL_WaitEvent until an event or the next deadline (a held button, a
 * script wait), handles it, and redraws only when something changed. */
#include "kiosk.h"
#include "kiosk_state.h"
#include "base/text.h"
#include "base/trace.h"
#include "content/catalog.h"
#include "content/uikeys.h"
#include "narration/narration.h"
#include "platform/audio.h"
#include "platform/capture.h"
#include "platform/gfx.h"
#include "platform/notify.h"
#include "platform/platform.h"
#include "screens/screen.h"
#include "runner.h"
#include "store/store.h"
#include "sync/identity.h"
#include "ui/widget.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static Screen *top(Kiosk *k) { return k->depth ? k->stack[k->depth - 1] : NULL; }

/* ---- screens and actions ---- */

/* The id of button i, or "" if there is none. */
static void button_id(const ButtonSet *bs, int i, char *id)
{
    id[0] = '\0';
    if (i >= 0 && i < bs->n) text_copy(id, PALLAY_NAME_LEN, bs->b[i].id);
}

/* A button too small for a finger, off the screen or on top of another is a bug in a screen's
 * layout: the trace says so (tests walk every screen at every size and look for these lines). */
static void check_layout(Kiosk *k)
{
    char problems[8][PALLAY_ERR_LEN];
    int n = button_check(&k->buttons, k->ctx.w, k->ctx.h, problems, 8);
    for (int i = 0; i < n && i < 8; i++)
        trace("layout problem screen=%s size=%dx%d %s", top(k) ? top(k)->name : "-", k->ctx.w, k->ctx.h, problems[i]);
}

/* Asks the top screen for its buttons again; focus and a press in progress stay on the same ids. */
static void relayout(Kiosk *k)
{
    char focus_id[PALLAY_NAME_LEN], pressed_id[PALLAY_NAME_LEN];
    button_id(&k->buttons, k->buttons.focus, focus_id);
    button_id(&k->buttons, k->pressed, pressed_id);
    button_clear(&k->buttons);
    if (top(k)) top(k)->layout(top(k), &k->ctx, &k->buttons);
    k->buttons.focus = focus_id[0] ? button_find(&k->buttons, focus_id) : -1;
    k->pressed = pressed_id[0] ? button_find(&k->buttons, pressed_id) : -1;
    k->dirty = 1;
    check_layout(k);
}

/* The PIN pad and every screen after it are the facilitator's (screen.h lists them last). */
static int is_facilitator(Kiosk *k, const Screen *s)
{
    for (int i = SCREEN_PIN; i < SCREEN_COUNT; i++)
        if (k->screens[i] == s) return 1;
    return 0;
}

/* Facilitator screens speak and show the facilitator's language, whatever the last learner
 * chose; the learners' screens get their language back when she leaves. */
static void facilitator_lang(Kiosk *k, int on)
{
    if (on == k->fac_lang_on) return;
    k->fac_lang_on = on;
    if (on) {
        k->learner_lang = k->ctx.lang;
        k->ctx.lang = k->fac_lang;
    } else {
        k->ctx.lang = k->learner_lang;
    }
}

static void push(Kiosk *k, ScreenKind kind, int arg)
{
    if (k->depth == PALLAY_SCREEN_STACK) return;
    if (kind >= SCREEN_PIN) facilitator_lang(k, 1);
    if (!k->say_banner) k->banner[0] = '\0';  /* a failure just now stays shown on the next screen */
    Screen *s = k->screens[kind];
    k->stack[k->depth++] = s;
    k->buttons.focus = -1;
    k->pressed = -1;
    /* The screen line comes once the screen has loaded its records and laid itself out, so its
     * time is when the screen can appear; what it says waits for it. */
    services_entering(k);
    s->enter(s, &k->ctx, arg);
    relayout(k);
    trace("screen %s lang=%s", s->name, services_lang(k));
    services_entered(k);
    services_say_banner(k);
}

Screen *kiosk_top(Kiosk *k) { return top(k); }
void kiosk_push(Kiosk *k, ScreenKind kind, int arg) { push(k, kind, arg); }
void kiosk_relayout(Kiosk *k) { relayout(k); }

/* Takes the top screen off the stack, letting it drop what it holds. */
static void drop_top(Kiosk *k)
{
    Screen *s = top(k);
    if (s->leave) s->leave(s, &k->ctx);
    k->depth--;
}

static void pop(Kiosk *k)
{
    if (k->depth <= 1) return;
    drop_top(k);
    if (!is_facilitator(k, top(k))) facilitator_lang(k, 0);
    k->banner[0] = '\0';
    k->nqueue = 0;
    audio_stop_voice();
    k->buttons.focus = -1;
    k->pressed = -1;
    services_entering(k);
    if (top(k)->resume) top(k)->resume(top(k), &k->ctx);
    relayout(k);
    trace("screen %s lang=%s", top(k)->name, services_lang(k));
    services_entered(k);
}

/* Ends the session: whoever comes next starts at the first screen, as nobody. */
static void sign_out(Kiosk *k, const char *why)
{
    if (!k->session) return;
    if (k->ctx.facilitator) trace("facilitator close reason=%s", why);
    else trace("signout reason=%s", why);
    k->session = 0;
    k->ctx.learner = NULL;
    k->ctx.facilitator = NULL;
    memset(&k->learner, 0, sizeof k->learner);
    memset(&k->facilitator, 0, sizeof k->facilitator);
    while (k->depth > 2) drop_top(k);  /* down to the screen above the first, which pop leaves */
    pop(k);
    Screen *s = top(k);
    s->enter(s, &k->ctx, 0);
    relayout(k);
}

/* A learner who has not touched the kiosk for the signout time has gone. */
static int idle_deadline(Kiosk *k)
{
    if (!k->session) return -1;
    int seconds = k->ctx.facilitator ? k->set.facilitator_timeout : k->set.signout;
    Uint32 at = k->last_input + (Uint32)seconds * 1000u, now = SDL_GetTicks();
    return at > now ? (int)(at - now) : 0;
}

static void apply(Kiosk *k, Action a)
{
    switch (a.kind) {
    case ACTION_PUSH: push(k, a.screen, a.arg); break;
    case ACTION_POP: pop(k); break;
    case ACTION_REPLACE:
        drop_top(k);
        push(k, a.screen, a.arg);
        break;
    case ACTION_SIGNOUT: sign_out(k, "button"); break;
    case ACTION_QUIT:
        if (!k->ctx.facilitator) break;     /* leaving the kiosk is for facilitators only */
        trace("quit by facilitator id=%s", k->facilitator.id);
        k->quit = 1;
        break;
    case ACTION_NONE: relayout(k); break;
    }
}

/* What the trace may say of a button: a key of the PIN pad, the name keyboard or the year pad
 * becomes "pin:*", "kb:*" or "year:*", since the keys together are a PIN, a woman's name or her
 * year of birth. The keys that type nothing (ok, del, shift) are named. */
static const char *traced_id(const char *id, char *out, size_t n)
{
    static const char *const SECRET[] = { "pin:", "kb:", "year:" };
    static const char *const NAMED[] = { "ok", "del", "shift" };
    for (size_t i = 0; i < sizeof SECRET / sizeof *SECRET; i++) {
        size_t len = strlen(SECRET[i]);
        if (strncmp(id, SECRET[i], len) != 0) continue;
        for (size_t j = 0; j < sizeof NAMED / sizeof *NAMED; j++)
            if (strcmp(id + len, NAMED[j]) == 0) return id;
        text_fmt(out, n, "%s*", SECRET[i]);
        return out;
    }
    return id;
}

static void activate(Kiosk *k, int i, const char *via)
{
    char id[PALLAY_NAME_LEN], shown[PALLAY_NAME_LEN];
    text_copy(id, sizeof id, k->buttons.b[i].id);
    trace("tap %s via=%s", traced_id(id, shown, sizeof shown), via);
    k->ctx.input_us = trace_now_us();
    k->ctx.effect(&k->ctx, UISOUND_TAP);
    apply(k, top(k)->press(top(k), &k->ctx, id));
    services_say_banner(k);
}

/* ---- input ---- */

static void pointer_down(Kiosk *k, int x, int y)
{
    k->last_input = SDL_GetTicks();
    k->pressed = button_at(&k->buttons, x, y);
    k->press_ms = SDL_GetTicks();
    k->held = 0;
    k->dirty = 1;
}

static void pointer_up(Kiosk *k, int x, int y, const char *via)
{
    int i = k->pressed;
    k->pressed = -1;
    k->dirty = 1;
    if (i >= 0 && button_at(&k->buttons, x, y) == i && !k->held) activate(k, i, via);
}

/* How long the pressed button must be held to do its hold action, or -1 if it has none: a
 * button with a name speaks it after PALLAY_HOLD_MS; a hidden one presses after PALLAY_SECRET_MS. */
static int hold_ms(Kiosk *k)
{
    if (k->pressed < 0 || k->held) return -1;
    const Button *b = &k->buttons.b[k->pressed];
    if (b->style == BUTTON_HIDDEN) return k->set.secret_hold;
    return b->label[0] ? PALLAY_HOLD_MS : -1;
}

static void check_hold(Kiosk *k)
{
    int ms = hold_ms(k);
    if (ms < 0 || SDL_GetTicks() - k->press_ms < (Uint32)ms) return;
    const Button *b = &k->buttons.b[k->pressed];
    char shown[PALLAY_NAME_LEN];
    k->held = 1;
    trace("hold %s", traced_id(b->id, shown, sizeof shown));
    if (b->style == BUTTON_HIDDEN) activate(k, k->pressed, "hold");
    else k->ctx.speak(&k->ctx, b->label);
}

/* Escape does what the screen's own way back does (sign out on the home screen, one step back
 * in the sign-in), so the keyboard never leaves a learner signed in behind the first screens. */
static void escape(Kiosk *k)
{
    static const char *const WAYS_BACK[] = { "back", "home", "signout", "language" };
    for (size_t i = 0; i < sizeof WAYS_BACK / sizeof *WAYS_BACK; i++) {
        int b = button_find(&k->buttons, WAYS_BACK[i]);
        if (b >= 0) { activate(k, b, "key"); return; }
    }
    pop(k);
}

/* Typing on a physical keyboard goes to a screen that takes text. Only the length is traced:
 * what is typed may be a woman's name. */
static void text_input(Kiosk *k, const char *utf8)
{
    Screen *s = top(k);
    if (!s->text) return;
    k->last_input = SDL_GetTicks();
    trace("type bytes=%d", (int)strlen(utf8));
    s->text(s, &k->ctx, utf8);
    relayout(k);
}

static void key_down(Kiosk *k, SDL_Keycode key)
{
    /* On a screen that takes text, any key but those that move or go back may be part of a
     * name or a PIN (a letter, a keypad digit): the trace names only those. */
    static const SDL_Keycode NAMED[] = { SDLK_LEFT, SDLK_RIGHT, SDLK_UP, SDLK_DOWN, SDLK_RETURN, SDLK_KP_ENTER,
                                         SDLK_ESCAPE, SDLK_BACKSPACE, SDLK_TAB };
    int named = !top(k)->text;
    for (size_t i = 0; i < sizeof NAMED / sizeof *NAMED; i++) named |= key == NAMED[i];
    trace("key %s", named ? SDL_GetKeyName(key) : "*");
    k->last_input = SDL_GetTicks();
    k->show_focus = 1;
    k->dirty = 1;
    switch (key) {
    case SDLK_LEFT: button_move_focus(&k->buttons, -1, 0); break;
    case SDLK_RIGHT: button_move_focus(&k->buttons, 1, 0); break;
    case SDLK_UP: button_move_focus(&k->buttons, 0, -1); break;
    case SDLK_DOWN: button_move_focus(&k->buttons, 0, 1); break;
    case SDLK_RETURN: case SDLK_KP_ENTER: case SDLK_SPACE:
        if (k->buttons.focus >= 0) activate(k, k->buttons.focus, "key");
        else button_move_focus(&k->buttons, 0, 0);
        break;
    case SDLK_ESCAPE: escape(k); break;
    case SDLK_BACKSPACE: text_input(k, "\b"); break;
    default: break;
    }
}

static void handle(Kiosk *k, const SDL_Event *ev)
{
    int w = k->ctx.w, h = k->ctx.h;
    switch (ev->type) {
    case SDL_QUIT: k->quit = 1; break;
    case SDL_FINGERDOWN: pointer_down(k, (int)(ev->tfinger.x * (float)w), (int)(ev->tfinger.y * (float)h)); break;
    case SDL_FINGERUP: pointer_up(k, (int)(ev->tfinger.x * (float)w), (int)(ev->tfinger.y * (float)h), "touch"); break;
    case SDL_MOUSEBUTTONDOWN:
        if (ev->button.which != SDL_TOUCH_MOUSEID && ev->button.button == SDL_BUTTON_LEFT) pointer_down(k, ev->button.x, ev->button.y);
        break;
    case SDL_MOUSEBUTTONUP:
        if (ev->button.which != SDL_TOUCH_MOUSEID && ev->button.button == SDL_BUTTON_LEFT) pointer_up(k, ev->button.x, ev->button.y, "mouse");
        break;
    case SDL_KEYDOWN: key_down(k, ev->key.keysym.sym); break;
    case SDL_TEXTINPUT: text_input(k, ev->text.text); break;
    case SDL_WINDOWEVENT:
        if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            platform_size(&k->ctx.w, &k->ctx.h);
            Err e;
            if (gfx_load_fonts(k->set.font, &e) < 0) fprintf(stderr, "%s\n", e.msg);
            gfx_forget_pictures();   /* decoded to fit the old size */
            trace("resize %dx%d", k->ctx.w, k->ctx.h);
            relayout(k);
        } else if (ev->window.event == SDL_WINDOWEVENT_EXPOSED) {
            k->dirty = 1;
        }
        break;
    default:
        if (gfx_picture_arrived(ev)) {
            k->dirty = 1;
        } else if (outbox_event(k, ev) || inbox_event(k, ev)) {
            k->dirty = 1;
        } else if (audio_voice_ended(ev)) {
            trace("audio end");
            services_voice_ended(k);
        }
        break;
    }
}

/* ---- drawing ---- */

static void draw(Kiosk *k)
{
    gfx_clear(WIDGET_BACKGROUND);
    Screen *s = top(k);
    s->draw(s, &k->ctx, &k->buttons);
    for (int i = 0; i < k->buttons.n; i++) {
        const Button *b = &k->buttons.b[i];
        if (b->style == BUTTON_CARD || b->style == BUTTON_KEY || b->style == BUTTON_ICON_KEY || b->style == BUTTON_HIDDEN) continue;
        char path[PALLAY_PATH_LEN];
        k->ctx.picture(&k->ctx, b->icon, path, sizeof path);
        widget_round_button(b, path, i == k->pressed);
    }
    if (k->show_focus && k->buttons.focus >= 0) widget_focus(k->buttons.b[k->buttons.focus].r);
    if (k->banner[0]) widget_banner(k->ctx.w, k->ctx.h, k->banner);
}

static void frame(Kiosk *k)
{
    draw(k);
    if (k->shot[0]) {
        Err e;
        if (platform_screenshot(k->shot, &e) < 0) fprintf(stderr, "screenshot: %s\n", e.msg);
        else trace("shot %s", k->shot);
        k->shot[0] = '\0';
    }
    SDL_RenderPresent(platform_renderer());
    if (k->frames++ == 0) {
        trace("frame first mono_us=%lld", trace_now_us());
        /* The CPU time to here (all threads): on a busy machine the wall clock counts others too. */
        struct timespec ts;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        trace("frame cpu_us=%lld", (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000);
    }
    k->dirty = 0;
}

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

/* Draws the current screen n times and traces the median and 99th percentile. */
static void bench_render(Kiosk *k, int n)
{
    long long *us = calloc((size_t)n, sizeof *us);
    if (!us) return;
    for (int i = 0; i < n; i++) {
        long long t0 = trace_now_us();
        draw(k);
        SDL_RenderPresent(platform_renderer());
        us[i] = trace_now_us() - t0;
    }
    qsort(us, (size_t)n, sizeof *us, cmp_ll);
    trace("bench render screen=%s n=%d median_us=%lld p99_us=%lld", top(k)->name, n, us[n / 2], us[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1]);
    free(us);
}

/* ---- what the script runner borrows ---- */

static int host_button(void *kp, const char *id, Rect *r)
{
    Kiosk *k = kp;
    int i = button_find(&k->buttons, id);
    if (i < 0) return -1;
    *r = k->buttons.b[i].r;
    return 0;
}

static int host_nth_button(void *kp, int i, Rect *r)
{
    Kiosk *k = kp;
    if (i >= 0 && i < k->buttons.n) *r = k->buttons.b[i].r;
    return k->buttons.n;
}

static const char *host_screen(void *kp) { return top(kp)->name; }
static int host_held(void *kp) { return ((Kiosk *)kp)->held; }
static void host_bench(void *kp, int n) { bench_render(kp, n); }
static void host_resize(void *kp, int w, int h) { (void)kp; SDL_SetWindowSize(platform_window(), w, h); }

static void host_shot(void *kp, const char *path)
{
    Kiosk *k = kp;
    text_copy(k->shot, sizeof k->shot, path);
    frame(k);
}

/* Lets the script take its next step once earlier input has landed and been drawn.
 * Returns 1 if it did something. */
static int run_script(Kiosk *k)
{
    if (!k->runner || SDL_PeepEvents(NULL, 0, SDL_PEEKEVENT, SDL_FIRSTEVENT, SDL_LASTEVENT) > 0) return 0;
    if (k->dirty) frame(k);
    /* Pictures still decoding: the next step waits for them, as a person would see them. */
    if (gfx_pictures_loading()) return 0;
    switch (runner_step(k->runner, k->ctx.w, k->ctx.h)) {
    case RUNNER_WAITING: return 0;
    case RUNNER_RAN: return 1;
    case RUNNER_FAILED: k->status = 2; /* fall through */
    case RUNNER_DONE: k->quit = 1; return 1;
    }
    return 0;
}

/* Milliseconds until the next thing the loop must do by itself, or -1 for none. */
static int next_deadline(Kiosk *k)
{
    Uint32 now = SDL_GetTicks();
    int t = -1;
    int hold = hold_ms(k);
    if (hold >= 0) {
        Uint32 at = k->press_ms + (Uint32)hold;
        t = at > now ? (int)(at - now) : 0;
    }
    /* A waiting script step needs its deadline only: what it waits for (a trace line, a held
     * press) can only happen while the loop handles an event or the hold deadline. */
    int wait = k->runner ? runner_deadline(k->runner) : -1;
    if (wait >= 0 && (t < 0 || wait < t)) t = wait;
    int idle = idle_deadline(k);
    if (idle >= 0 && (t < 0 || idle < t)) t = idle;
    int ckpt = services_checkpoint_deadline(k);
    if (ckpt >= 0 && (t < 0 || ckpt < t)) t = ckpt;
    Screen *s = top(k);
    int own = s && s->deadline ? s->deadline(s, &k->ctx) : -1;
    if (own >= 0 && (t < 0 || own < t)) t = own;
    /* Under systemd's watchdog the loop wakes to say it is alive, every watchdog_ms at most. */
    int dog = k->watchdog_ms < 0 ? -1 : k->watchdog_at > now ? (int)(k->watchdog_at - now) : 0;
    if (dog >= 0 && (t < 0 || dog < t)) t = dog;
    return t;
}

/* A journal (WAL) deleted under the open database: the store has saved what it held; the
 * facilitator is told, on the banner and on stderr. One stat() per pass of the loop. */
static void watch_store(Kiosk *k)
{
    Err e;
    int rc = k->store ? store_watch(k->store, &e) : 0;
    if (rc == 0) return;
    trace("store journal %s", rc > 0 ? "vanished rescued" : "vanished failed");
    fprintf(stderr, "pallay: %s\n", e.msg);
    text_copy(k->banner, sizeof k->banner, e.msg);
    k->dirty = 1;
}

/* CPU time of the main thread: on a loaded machine the wall clock also counts other programs. */
static long long thread_cpu_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Keeps the longest stretch (wall clock and CPU) the loop spent away from waiting for input. */
static void note_busy(Kiosk *k, long long wall_from, long long cpu_from)
{
    long long wall = trace_now_us() - wall_from, cpu = thread_cpu_us() - cpu_from;
    if (wall > k->busy_max_us) k->busy_max_us = wall;
    if (cpu > k->busy_cpu_max_us) k->busy_cpu_max_us = cpu;
}

int kiosk_run(const Settings *set, const char *problems)
{
    Kiosk *k = xcalloc(1, sizeof *k);
    k->set = *set;
    k->pressed = -1;
    k->buttons.focus = -1;
    Err e;
    char message[PALLAY_ERR_LEN * 4 + PALLAY_NOTICE_LEN];
    int status = 1;

    if (trace_open(set->trace) < 0) fprintf(stderr, "%s: cannot write the trace\n", set->trace);
    trace("boot mono_us=%lld", trace_now_us());   /* from exec to here: loading and linking (make bench) */
    if (set->script[0]) {
        RunnerHost host = { k, host_button, host_screen, host_nth_button, host_held, host_shot, host_bench, host_resize };
        k->runner = runner_load(set->script, host, &e);
        if (!k->runner) { fprintf(stderr, "%s\n", e.msg); goto done; }
    }
    char compose[PALLAY_PATH_LEN];
    text_fmt(compose, sizeof compose, "%s/x11.compose", set->assets);   /* the shipped assets' */
    PlatformConfig pc = { set->width, set->height, set->fullscreen, set->software, compose };
    if (platform_open(&pc, &e) < 0) {
        fprintf(stderr, "pallay: %s. On a machine without a screen, run \"make demo\" instead.\n", e.msg);
        status = 3;
        goto done;
    }
    /* Headless drivers are for scripted runs (tests, demo); without a script nobody would see it. */
    if (!set->script[0] && platform_is_headless()) {
        fprintf(stderr, "pallay: no display to show the kiosk on. On a machine without a screen, run \"make demo\" instead.\n");
        status = 3;
        goto close;
    }
    platform_size(&k->ctx.w, &k->ctx.h);
    if (gfx_load_fonts(set->font, &e) < 0) { fprintf(stderr, "pallay: %s\n", e.msg); goto close; }
    trace("start size=%dx%d video=%s compose=%s", k->ctx.w, k->ctx.h, SDL_GetCurrentVideoDriver(), platform_compose());

    Report r = report_stderr();
    inbox_roots(k);
    CatalogPaths paths = { k->set.assets, k->set.locales, k->set.generated, k->set.recordings };
    k->cat = catalog_load(&paths, &r);
    trace("content languages=%d modules=%d problems=%d", catalog_lang_count(k->cat), catalog_module_count(k->cat), r.count);
    k->ctx = (Ctx){ .cat = k->cat, .w = k->ctx.w, .h = k->ctx.h, .recordings = k->set.recordings, .help = k->set.help,
               .pack = k->ctx.pack };
    services_init(k);
    k->fac_lang = catalog_lang_count(k->cat) ? catalog_find_lang(k->cat, k->set.facilitator_lang) : 0;
    if (k->fac_lang < 0) {
        fprintf(stderr, "pallay: facilitator_lang = %s: no such language in %s; facilitator mode uses %s\n", k->set.facilitator_lang,
                k->set.locales, catalog_lang(k->cat, 0)->code);
        k->fac_lang = 0;
    }
    message[0] = '\0';
    boot_screens(k, problems, message, sizeof message);
    for (int i = 0; i < catalog_module_count(k->cat) && !k->set.help[0]; i++)
        for (int j = 0; j < catalog_module(k->cat, i)->nslides; j++)
            if (catalog_module(k->cat, i)->slides[j].help) {
                fprintf(stderr, "pallay: %s: a slide shows the network's help contacts, but none are set "
                        "(help_contacts = ... in pallay.conf)\n", catalog_module(k->cat, i)->file);
                i = catalog_module_count(k->cat);
                break;
            }

    gfx_hold_pictures(1);
    frame(k);   /* show something before the slower sound start */
    gfx_hold_pictures(0);
    /* After the first frame: the start is recorded in the database (a commit, synced to the
     * disk: 18 ms here of waiting) and the stick watcher and the uplink start. */
    outbox_start(k);
    k->sound_tried = 1;
    if (audio_open(&e) < 0) {
        fprintf(stderr, "pallay: %s; going on without sound\n", e.msg);
        trace("audio off");
    } else if (k->pending_voice[0]) {
        k->ctx.speak(&k->ctx, k->pending_voice);
    }
    status = 0;
    /* Up: the first screen is shown and the sound is tried. From now on the loop says it is alive. */
    k->watchdog_ms = notify_open();
    if (notify_send("READY=1") == 0) trace("notify ready watchdog_ms=%d", k->watchdog_ms);
    k->watchdog_at = SDL_GetTicks() + (Uint32)(k->watchdog_ms > 0 ? k->watchdog_ms : 0);
    while (!k->quit) {
        long long busy_from = trace_now_us(), cpu_from = thread_cpu_us();
        if (run_script(k) || k->quit) {
            note_busy(k, busy_from, cpu_from);
            continue;
        }
        SDL_Event ev;
        int timeout = next_deadline(k);
        int got = timeout < 0 ? SDL_WaitEvent(&ev) : SDL_WaitEventTimeout(&ev, timeout);
        /* From here to the next wait, a touch would have to wait: the bench reports the longest. */
        busy_from = trace_now_us();
        cpu_from = thread_cpu_us();
        if (got) {
            handle(k, &ev);
            while (!k->quit && SDL_PollEvent(&ev)) handle(k, &ev);
            k->last_event = SDL_GetTicks();
        }
        check_hold(k);
        watch_store(k);
        if (idle_deadline(k) == 0) sign_out(k, "idle");
        Screen *s = top(k);
        if (s && s->deadline && s->deadline(s, &k->ctx) == 0) {
            s->tick(s, &k->ctx);
            relayout(k);
        }
        services_store_settle(k);
        services_checkpoint(k);
        inbox_tick(k);
        if (k->watchdog_ms >= 0 && SDL_TICKS_PASSED(SDL_GetTicks(), k->watchdog_at)) {
            notify_send("WATCHDOG=1");
            k->watchdog_at = SDL_GetTicks() + (Uint32)k->watchdog_ms;
        }
        if (k->dirty && !k->quit) frame(k);
        note_busy(k, busy_from, cpu_from);
    }
    if (k->status) status = k->status;
    trace("stop status=%d busy_max_us=%lld busy_cpu_max_us=%lld", status, k->busy_max_us, k->busy_cpu_max_us);
    notify_send("STOPPING=1");
    inbox_stop(k);
    outbox_stop(k);
    store_close(k->store);
    capture_close();
    audio_close();
close:
    gfx_unload();
    platform_close();
done:
    runner_unload(k->runner);
    catalog_unload(k->cat);
    trace_close();
    SDL_Quit();
    free(k);
    return status;
}
