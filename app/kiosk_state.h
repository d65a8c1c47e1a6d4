/* kiosk_state: the kiosk's state, shared by kiosk.c (the loop, the screen stack, input) and
 * services.c (what the kiosk lends to screens). Private to those two files. */
#ifndef PALLAY_KIOSK_STATE_H
#define PALLAY_KIOSK_STATE_H

#include "base/settings.h"
#include "runner.h"
#include "screens/screen.h"
#include "sync/identity.h"
#include "sync/packfetch.h"

#include <SDL.h>

#define MAX_SILENT 64   /* strings reported once as having no narration */

typedef struct Kiosk {
    Settings set;
    Catalog *cat;
    Ctx ctx;
    Screen *screens[SCREEN_COUNT];
    Screen *stack[PALLAY_SCREEN_STACK];
    int depth;
    ButtonSet buttons;
    int pressed;            /* button index under a finger or mouse, or -1 */
    Uint32 press_ms;
    int held;               /* the press has lasted long enough to speak the name */
    int show_focus;         /* the keyboard has been used */
    int dirty, quit, status, frames;
    long long busy_max_us, busy_cpu_max_us;  /* longest the loop spent between two waits for input (make bench) */
    char pending_voice[PALLAY_NAME_LEN];  /* asked for before the sound device opened */
    int sound_tried;        /* audio_open has been called (it may have failed) */
    char silent[MAX_SILENT][PALLAY_NAME_LEN + 16];
    int nsilent;
    Runner *runner;         /* a script driving the kiosk, or NULL */
    char shot[PALLAY_PATH_LEN];  /* save a screenshot of the next frame here */
    struct { char key[PALLAY_NAME_LEN]; int lang; } queue[PALLAY_VOICE_QUEUE];  /* narrations to follow the one
                                                         * playing, each in its language (catalog index) */
    int nqueue;
    Store *store;
    Learner learner;        /* who is signed in, when session && ctx.learner */
    int session;            /* a learner or a guest is using the kiosk */
    Facilitator facilitator;  /* who opened facilitator mode, when ctx.facilitator */
    Uint32 last_input;      /* ticks of the last touch, click or key */
    char banner[PALLAY_ERR_LEN];  /* what could not be saved, shown until the screen changes */
    int say_banner;         /* ...and to be spoken after what the screen is saying */
    int entering;           /* a screen is loading: what it says waits until it is shown */
    char deferred[PALLAY_NAME_LEN];  /* ...the narration it asked for meanwhile */
    Uint32 last_event;      /* ticks of the last event handled: the store checkpoints when idle */
    Uint32 checkpoint_after;  /* ...and not before this (after a failed try) */
    int fac_lang;           /* catalog index of facilitator_lang */
    int learner_lang;       /* the language before facilitator screens opened, while fac_lang_on */
    int fac_lang_on;        /* a facilitator screen is on the stack: ctx.lang is fac_lang */
    KioskKey key;           /* what records leave signed with, when have_key */
    int have_key;
    unsigned char recipient[32];  /* the network's age recipient, when have_recipient */
    int have_recipient;
    SendState send;         /* the USB stick and the last write to it (ctx.send) */
    char stick[PALLAY_PATH_LEN];  /* where it is mounted */
    char next_stick[PALLAY_PATH_LEN];  /* a second stick that came while the first was written */
    char voices[PALLAY_NAME_LEN]; /* a private folder for voice files made on the kiosk ("" if none) */
    int said;                     /* voice files made, to alternate their names */
    char shipped[3][PALLAY_PATH_LEN];  /* the shipped course (assets, locales, generated) when a pack is in use */
    int watchdog_ms;              /* how often systemd wants to hear from the loop (-1: never) */
    Uint32 watchdog_at;           /* ...and when it is next due */
} Kiosk;

/* kiosk.c: the screen stack, for outbox.c. */
Screen *kiosk_top(Kiosk *k);
void kiosk_push(Kiosk *k, ScreenKind kind, int arg);
void kiosk_relayout(Kiosk *k);

/* boot.c: makes the screens, opens the database and the kiosk's key, and pushes the first screens
 * (with the error screen over them if the course, the database or the settings had a problem,
 * said in message). */
void boot_screens(Kiosk *k, const char *problems, char *message, size_t n);

/* outbox.c: records leaving on USB sticks. outbox_start reads the network's key and starts
 * watching for sticks; outbox_event takes the watcher's events (1 if ev was one of them). */
void outbox_start(Kiosk *k);
int outbox_event(Kiosk *k, const SDL_Event *ev);
void outbox_stop(Kiosk *k);

/* inbox.c: content packs from a stick's pallay/inbox/. inbox_roots points the settings' course
 * at the installed pack (before the catalog loads); inbox_arrived starts installing a stick's
 * packs in a worker; inbox_event takes its events (1 if ev was one); inbox_tick loads a new
 * course once no lesson is open. */
void inbox_roots(Kiosk *k);
void inbox_arrived(Kiosk *k, const char *volume);
/* The network's entry point: installs one pack (file, with file.minisig beside it) exactly as a
 * stick's are, in the worker, told and loaded the same way. Call it from the main thread (on the
 * uplink's event). -1 if an install is under way or a new course waits to load: try again later. */
int inbox_install(Kiosk *k, const char *file);
/* What the network sync found in the folder's content/ (an UPLINK_CONTENT event): installed, refused or traced. */
void inbox_net(Kiosk *k, const PackFetchResult *p);
int inbox_event(Kiosk *k, const SDL_Event *ev);
void inbox_tick(Kiosk *k);
void inbox_stop(Kiosk *k);


/* services.c: fills k->ctx with the services screens use (speak, then, effect, picture, sign_in,
 * facilitator_in, save_failed, play_file, now_ms). */
void services_init(Kiosk *k);
/* The code of the current language ("-" if none). */
const char *services_lang(Kiosk *k);
/* The narration that ended: the next queued one begins. */
void services_voice_ended(Kiosk *k);
/* A save that failed while a screen handled a touch, and no narration has announced yet: say it. */
void services_say_banner(Kiosk *k);
/* While a screen loads (entering), what it says is held; services_entered plays it once the
 * screen line is traced, so the narration never starts before its screen is there. */
void services_entering(Kiosk *k);
void services_entered(Kiosk *k);
/* After every event: no statement may stay running in the database. The store resets what it
 * finds; the trace names it ("store unsettled"), which the tests count. */
void services_store_settle(Kiosk *k);
/* Milliseconds until the idle checkpoint is due (-1: nothing to checkpoint); services_checkpoint
 * runs it when due, emptying the WAL while nobody touches the kiosk. */
int services_checkpoint_deadline(Kiosk *k);
void services_checkpoint(Kiosk *k);

#endif
