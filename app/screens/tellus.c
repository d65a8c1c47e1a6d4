/* tellus: "Tell us" (Cuéntanos / Willakuway), a woman's private report to her network, without
 * reading or typing:
 *   1. what it is about: nine pictures, each spoken when touched, chosen by a second touch or
 *      the green check;
 *   2. for harassment or violence, the network's help contacts first, shown and spoken in every
 *      language of the kiosk, before anything else happens;
 *   3. her voice: the red button records up to PALLAY_TELL_S seconds, the square stops; then she
 *      hears it back (the ear), records again, sends it (green) or throws it away (the bin);
 *   4. who sends it: with her sign, or with no name at all (a guest's is always anonymous);
 *   5. sent: the recording is encoded and sealed to the network's age recipient in memory, on
 *      a thread of its own while the screen shows it leaving (platform/task), kept sealed for the
 *      next bundle, and every plain copy (the microphone's buffer, the OGG) is wiped. The plain audio never reaches a file, and nobody at the kiosk, facilitators
 *      included, can hear it again: a report may be about someone who holds the PIN.
 * The home button (top left) leaves at any step; what was recorded is wiped. */
#include "../base/text.h"
#include "../base/trace.h"
#include "../content/uikeys.h"
#include "../narration/encode.h"
#include "../platform/capture.h"
#include "../platform/say.h"
#include "../platform/task.h"
#include "../store/voice.h"
#include "../sync/age.h"
#include "../ui/layout.h"
#include "../ui/widget.h"
#include "screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TICK_MS 250
#define SEAL_POLL_MS 20

enum { STEP_NOMIC, STEP_PICK, STEP_HELP, STEP_READY, STEP_RECORDING, STEP_TAKE, STEP_WHO, STEP_SEALING, STEP_SENT };

static const char *const CATEGORIES[] = VOICE_CATEGORIES;

/* Her report being sealed, on the task's thread: what it reads and what it makes. */
typedef struct {
    const short *pcm;
    int n;
    const unsigned char *recipient;
    char *sealed;
    size_t size;
    int rc;                 /* when it ran without a thread */
    long long from;         /* now_ms when she sent it */
    Err e;
} Sealing;

typedef struct {
    int step;
    int selected;           /* category (or, who sends it: 0 her sign, 1 none) touched once, or -1 */
    int category;           /* chosen, or -1 */
    long long tick_at;      /* recording: when the time bar moves next; sealing: when to look whether it is done (now_ms) */
    int anonymous;          /* sealing: sent with no name */
    Sealing job;
    Task *task;             /* sealing on its thread, or NULL */
} TellState;

static TellState state;

static int seal_wait(TellState *st);

static const char *category_key(int i, char *out, size_t n)
{
    text_fmt(out, n, "%s%s", UIKEY_TELL_CAT, CATEGORIES[i]);
    return out;
}

static const char *category_picture(int i, char *out, size_t n)
{
    text_fmt(out, n, "%s%s", UIPIC_TELL_CAT, CATEGORIES[i]);
    return out;
}

/* What each step says, shown under it and spoken when it begins. */
static const char *step_key(TellState *st, Ctx *c)
{
    static const char *const KEYS[] = { UIKEY_TELL_NOMIC, UIKEY_TELL_PICK, UIKEY_TELL_HELP, UIKEY_TELL_RECORD,
                                        UIKEY_TELL_RECORD, UIKEY_TELL_TAKE, UIKEY_TELL_WHO, UIKEY_TELL_SEND, UIKEY_TELL_SENT };
    if (st->step == STEP_HELP && !c->help[0]) return UIKEY_TELL_HELP_NONE;
    return KEYS[st->step];
}

/* Wipes what the microphone heard: her report is kept sealed, or not at all. */
static void forget(void)
{
    capture_stop();
    capture_close();
}

/* The help contacts in one language: what the course says before them, then the contacts
 * spoken by the kiosk's voice (made at its start; now, if that is not done yet). */
static void say_help_in(Ctx *c, int lang)
{
    const Language *l = catalog_lang(c->cat, lang);
    char contacts[PALLAY_PATH_LEN];
    c->then_in(c, lang, c->help[0] ? UIKEY_TELL_HELP : UIKEY_TELL_HELP_NONE);
    if (!c->help[0] || say_help_path(c->voices, l->code, contacts, sizeof contacts) < 0) return;
    if (!text_file_exists(contacts) && (!l->voice[0] || say_wav(l->voice, c->help, contacts) < 0)) {
        trace("tellus help voice=none lang=%s", l->code);
        return;
    }
    c->then_in(c, lang, contacts);     /* a path under the kiosk's own folder (absolute): played as a file */
}

/* Harassment or violence: the help contacts before anything else, in her language first, then
 * in every other one (the trace shows the order). */
static void say_help(Ctx *c)
{
    c->hush(c);
    say_help_in(c, c->lang);
    for (int i = 0; i < catalog_lang_count(c->cat); i++)
        if (i != c->lang) say_help_in(c, i);
}

static void begin(TellState *st, Ctx *c, int step)
{
    st->step = step;
    st->selected = -1;
    trace("tellus step=%s", (const char *[]){ "nomic", "pick", "help", "ready", "recording", "take", "who", "sealing", "sent" }[step]);
    if (step == STEP_HELP) say_help(c);
    else if (step != STEP_RECORDING) c->speak(c, step_key(st, c));
}

static void enter(Screen *s, Ctx *c, int arg)
{
    TellState *st = s->state;
    (void)arg;
    memset(st, 0, sizeof *st);
    st->category = -1;
    Err e;
    if (capture_open(PALLAY_TELL_S, &e) < 0) {
        trace("capture none: %s", e.msg);
        begin(st, c, STEP_NOMIC);
        return;
    }
    begin(st, c, STEP_PICK);
}

static void leave(Screen *s, Ctx *c)
{
    TellState *st = s->state;
    (void)c;
    if (st->step == STEP_SEALING) {
        /* Signed out while it was being sealed: it is not kept, and nothing of it stays. */
        seal_wait(st);
        free(st->job.sealed);
        st->job.sealed = NULL;
        trace("tellus dropped category=%s", CATEGORIES[st->category]);
    }
    forget();
}

/* The area between the corner buttons' columns, from under the top row to above the bottom one. */
static Rect area(Ctx *c, const PlayerLayout *pl)
{
    (void)c;
    int m = pl->home.x, top = pl->home.y + pl->home.h / 2, x = pl->home.x + pl->home.w + m;
    return (Rect){ x, top, pl->repeat.x - m - x, pl->next.y - m / 2 - top };
}

static void pick_cards(Ctx *c, Card *out)
{
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    int m = pl.home.x, x = pl.home.x + pl.home.w + m;
    layout_cards((Rect){ x, m, c->w - 2 * x, c->h - 2 * m }, VOICE_NCATEGORIES, 3, c->w, c->h, out);
}

/* Who sends it: her sign and "no name", side by side. */
static void who_rects(Ctx *c, Rect out[2])
{
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    Rect a = area(c, &pl);
    int side = a.h * 3 / 4 < a.w * 2 / 5 ? a.h * 3 / 4 : a.w * 2 / 5;
    for (int i = 0; i < 2; i++) out[i] = (Rect){ a.x + a.w / 4 * (1 + 2 * i) - side / 2, a.y + (a.h - side) / 4, side, side };
}

/* The big round button in the middle, and the row it stands in. */
static Rect middle(Ctx *c, int scale)
{
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    Rect a = area(c, &pl);
    int d = pl.next.w * scale / 4;
    return (Rect){ a.x + a.w / 2 - d / 2, a.y + a.h * 3 / 5 - d / 2, d, d };
}

static void layout(Screen *s, Ctx *c, ButtonSet *bs)
{
    TellState *st = s->state;
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    button_add(bs, "home", pl.home, BUTTON_BLUE, UIPIC_HOME, UIKEY_HOME);
    if (st->step == STEP_SEALING) return;      /* a moment: nothing to touch */
    if (st->step != STEP_RECORDING) button_add(bs, "repeat", pl.repeat, BUTTON_ORANGE, UIPIC_REPEAT, UIKEY_REPEAT);
    char id[PALLAY_NAME_LEN], key[PALLAY_NAME_LEN];
    switch (st->step) {
    case STEP_PICK: {
        Card cards[VOICE_NCATEGORIES];
        pick_cards(c, cards);
        for (int i = 0; i < VOICE_NCATEGORIES; i++) {
            text_fmt(id, sizeof id, "cat:%s", CATEGORIES[i]);
            button_add(bs, id, cards[i].card, BUTTON_CARD, NULL, category_key(i, key, sizeof key))->selected = i == st->selected;
        }
        if (st->selected >= 0) button_add(bs, "ok", cards[st->selected].play, BUTTON_GREEN, UIPIC_RIGHT, UIKEY_OK);
        break;
    }
    case STEP_HELP:
        button_add(bs, "next", pl.next, BUTTON_GREEN, UIPIC_NEXT, UIKEY_NEXT);
        break;
    case STEP_READY:
        button_add(bs, "record", middle(c, 6), BUTTON_RED, UIPIC_RECORD, UIKEY_TELL_RECORD);
        break;
    case STEP_RECORDING:
        button_add(bs, "stop", middle(c, 6), BUTTON_BLUE, UIPIC_STOP, UIKEY_TELL_RECORD);
        break;
    case STEP_TAKE: {
        /* Hear it and record it again side by side; throwing away and sending in the corners,
         * far from each other. */
        Rect mid = middle(c, 5);
        button_add(bs, "listen", (Rect){ mid.x - mid.w * 3 / 4, mid.y, mid.w, mid.h }, BUTTON_ORANGE, UIPIC_LISTEN, UIKEY_TELL_LISTEN);
        button_add(bs, "record", (Rect){ mid.x + mid.w * 3 / 4, mid.y, mid.w, mid.h }, BUTTON_RED, UIPIC_RECORD, UIKEY_TELL_RECORD);
        button_add(bs, "trash", pl.back, BUTTON_RED, UIPIC_TRASH, UIKEY_TELL_TRASH);
        button_add(bs, "send", pl.next, BUTTON_GREEN, UIPIC_SEND, UIKEY_TELL_SEND);
        break;
    }
    case STEP_WHO: {
        Rect r[2];
        who_rects(c, r);
        button_add(bs, "who:sign", r[0], BUTTON_CARD, NULL, UIKEY_TELL_WHO_SIGN)->selected = st->selected == 0;
        button_add(bs, "who:none", r[1], BUTTON_CARD, NULL, UIKEY_TELL_WHO_ANON)->selected = st->selected == 1;
        if (st->selected >= 0) button_add(bs, "send", pl.next, BUTTON_GREEN, UIPIC_SEND, UIKEY_TELL_SEND);
        break;
    }
    default:
        break;
    }
}

/* The words of the step, across the bottom between the corner buttons. */
static void draw_words(TellState *st, Ctx *c, const PlayerLayout *pl)
{
    const char *text = catalog_text(c->cat, c->lang, step_key(st, c));
    int m = pl->home.x, x = pl->back.x + pl->back.w + m;
    if (text) gfx_text_box(text, (Rect){ x, pl->next.y, c->w - 2 * x, pl->next.h }, FONT_MEDIUM, WIDGET_INK);
}

/* The chosen category's picture, on top: what she is speaking about. */
static void draw_topic(TellState *st, Ctx *c, const PlayerLayout *pl)
{
    char name[PALLAY_NAME_LEN], path[PALLAY_PATH_LEN];
    if (st->category < 0) return;
    c->picture(c, category_picture(st->category, name, sizeof name), path, sizeof path);
    Rect a = area(c, pl), mid = middle(c, 6);
    int h = mid.y - a.y - a.h / 20;
    gfx_picture(path, (Rect){ a.x + a.w / 2 - h * 5 / 7, a.y, h * 10 / 7, h });
}

/* While she speaks: a bar under the button fills with the seconds she has used. */
static void draw_time(Ctx *c)
{
    const short *pcm;
    int n = capture_samples(&pcm), of = PALLAY_TELL_S * PALLAY_RECORD_RATE;
    Rect mid = middle(c, 6);
    int w = mid.w * 2, h = mid.h / 8 + 4;
    Rect bar = { mid.x + mid.w / 2 - w / 2, mid.y + mid.h + h, w, h };
    gfx_rounded_rect(bar, h / 2, (Color){ 220, 210, 195, 255 });
    if (n > 0) gfx_rounded_rect((Rect){ bar.x, bar.y, (int)((long long)bar.w * n / of), bar.h }, h / 2, WIDGET_WRONG);
    gfx_circle(mid.x + mid.w + mid.w / 4, mid.y + mid.h / 6, mid.h / 12 + 2, WIDGET_WRONG);    /* "on air" */
}

static void draw_pick(TellState *st, Ctx *c)
{
    Card cards[VOICE_NCATEGORIES];
    pick_cards(c, cards);
    const char *texts[VOICE_NCATEGORIES];
    char key[PALLAY_NAME_LEN], name[PALLAY_NAME_LEN], path[PALLAY_PATH_LEN];
    for (int i = 0; i < VOICE_NCATEGORIES; i++) texts[i] = catalog_text(c->cat, c->lang, category_key(i, key, sizeof key));
    int px = widget_cards_text_px(cards, texts, VOICE_NCATEGORIES);
    for (int i = 0; i < VOICE_NCATEGORIES; i++) {
        c->picture(c, category_picture(i, name, sizeof name), path, sizeof path);
        widget_card(cards[i].card, cards[i].picture, cards[i].caption, path, texts[i] ? texts[i] : CATEGORIES[i], px, i == st->selected, 0);
    }
}

/* The help contacts, big, under a telephone and the words that come before them. */
static void draw_help(TellState *st, Ctx *c, const PlayerLayout *pl)
{
    char path[PALLAY_PATH_LEN];
    Rect a = area(c, pl);
    int d = a.h / 3, gap = a.h / 20;
    c->picture(c, UIPIC_PHONE, path, sizeof path);
    widget_badge(a.x + d / 2, a.y + d / 2, d / 2, WIDGET_RIGHT, path);
    const char *words = catalog_text(c->cat, c->lang, step_key(st, c));
    if (words) gfx_text_box(words, (Rect){ a.x + d + gap, a.y, a.w - d - gap, d }, FONT_MEDIUM, WIDGET_INK);
    if (!c->help[0]) return;
    Rect card = { a.x, a.y + d + gap, a.w, pl->next.y + pl->next.h - (a.y + d + gap) };
    gfx_rounded_rect(card, card.h / 8, WIDGET_CARD);
    gfx_text_box(c->help, (Rect){ card.x + card.w / 20, card.y, card.w * 9 / 10, card.h }, FONT_LARGE, WIDGET_INK);
}

static void draw_who(TellState *st, Ctx *c)
{
    Rect r[2];
    who_rects(c, r);
    char path[PALLAY_PATH_LEN];
    unsigned char rgb[3] = { 170, 170, 170 };
    if (c->learner) screen_sign_of(c, c->learner->symbol, c->learner->colour, path, sizeof path, rgb);
    widget_sign(r[0], c->learner ? path : "", (Color){ rgb[0], rgb[1], rgb[2], 255 }, st->selected == 0);
    /* No name: a faceless figure on grey, nothing like any woman's sign. */
    if (st->selected == 1) gfx_circle(r[1].x + r[1].w / 2, r[1].y + r[1].h / 2, r[1].w / 2 + r[1].w / 30 + 2, WIDGET_HIGHLIGHT);
    c->picture(c, UIPIC_ANONYMOUS, path, sizeof path);
    widget_badge(r[1].x + r[1].w / 2, r[1].y + r[1].h / 2, r[1].w / 2, (Color){ 0x6b, 0x6b, 0x6b, 255 }, path);
}

/* Sent (a check over her message going to the network), or being sealed (the same, no check yet). */
static void draw_sent(TellState *st, Ctx *c, const PlayerLayout *pl)
{
    char path[PALLAY_PATH_LEN];
    Rect a = area(c, pl);
    c->picture(c, UIPIC_TELL, path, sizeof path);
    Rect pic = { a.x + a.w / 2 - a.h * 5 / 7, a.y, a.h * 10 / 7, a.h };
    gfx_picture(path, pic);
    if (st->step != STEP_SENT) return;
    int r = a.h / 7;
    c->picture(c, UIPIC_RIGHT, path, sizeof path);
    widget_badge(pic.x + r, pic.y + r, r, WIDGET_RIGHT, path);    /* in the sky, clear of the woman and the network */
}

static void draw(Screen *s, Ctx *c, const ButtonSet *bs)
{
    TellState *st = s->state;
    (void)bs;
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    switch (st->step) {
    case STEP_PICK: draw_pick(st, c); return;      /* the cards say it: no room for more words */
    case STEP_HELP: draw_help(st, c, &pl); return;
    case STEP_READY: case STEP_TAKE: draw_topic(st, c, &pl); break;
    case STEP_RECORDING: draw_topic(st, c, &pl); draw_time(c); break;
    case STEP_WHO: draw_who(st, c); break;
    case STEP_SEALING: case STEP_SENT: draw_sent(st, c, &pl); break;
    default: break;
    }
    draw_words(st, c, &pl);
}

/* Her recording as OGG, sealed to the network in memory, on a thread of its own (task): the
 * plain OGG is wiped before it is freed. 0, or -1 (with e, nothing to free). */
static int seal(void *arg)
{
    Sealing *j = arg;
    unsigned char *ogg;
    size_t len;
    if (encode_ogg_memory(j->pcm, j->n, PALLAY_RECORD_RATE, &ogg, &len, &j->e) < 0) return -1;
    FILE *f = open_memstream(&j->sealed, &j->size);   /* only sealed bytes pass through it */
    int rc = f ? age_encrypt(f, j->recipient, ogg, len, &j->e) : err_set(&j->e, "no memory to seal a report");
    if (f && fclose(f) != 0 && rc == 0) rc = err_set(&j->e, "no memory to seal a report");
    explicit_bzero(ogg, len);
    free(ogg);
    if (rc < 0) {
        free(j->sealed);
        j->sealed = NULL;
    }
    return rc;
}

/* Waits for the sealing under way, if any: what it made is left in st->job. */
static int seal_wait(TellState *st)
{
    int rc = st->job.rc;
    if (st->task) rc = task_finish(st->task);
    st->task = NULL;
    return rc;
}

/* Keeps her report once sealed; -1 (told as a save that failed; her recording stays, so she can
 * try again). */
static int keep(TellState *st, Ctx *c, int rc)
{
    Sealing *j = &st->job;
    int seconds = (j->n + PALLAY_RECORD_RATE / 2) / PALLAY_RECORD_RATE;
    const char *learner = st->anonymous || !c->learner ? NULL : c->learner->id;
    if (rc == 0) rc = voice_keep(c->store, CATEGORIES[st->category], learner, seconds, (const unsigned char *)j->sealed, j->size, &j->e);
    free(j->sealed);
    j->sealed = NULL;
    if (rc < 0) {
        c->save_failed(c, "report", &j->e);
        return -1;
    }
    forget();
    trace("tellus sent category=%s anonymous=%d seconds=%d sealed=%zu ms=%lld", CATEGORIES[st->category], learner == NULL,
          seconds, j->size, c->now_ms(c) - j->from);
    c->effect(c, UISOUND_DONE);
    begin(st, c, STEP_SENT);
    return 0;
}

/* Sending takes a moment (a minute of voice is encoded and sealed): the screen says it is being
 * sent while a thread seals it, and the loop looks every SEAL_POLL_MS whether it is done. */
static void send(TellState *st, Ctx *c, int anonymous)
{
    if (!c->store || !c->recipient) {
        Err e;
        err_set(&e, "her report cannot be sealed and kept on this kiosk");
        c->save_failed(c, "report", &e);
        return;
    }
    Sealing *j = &st->job;
    *j = (Sealing){ .recipient = c->recipient, .from = c->now_ms(c) };
    j->n = capture_samples(&j->pcm);
    st->anonymous = anonymous;
    begin(st, c, STEP_SEALING);
    st->task = task_start(seal, j);
    if (!st->task) j->rc = seal(j);     /* no thread: here, then */
    st->tick_at = c->now_ms(c) + SEAL_POLL_MS;
}

static void stop(TellState *st, Ctx *c)
{
    const short *pcm;
    int n = capture_end(&pcm);
    if (n < CAPTURE_MIN_SAMPLES) {
        st->step = STEP_READY;
        c->speak(c, UIKEY_TELL_SHORT);
        return;
    }
    begin(st, c, STEP_TAKE);
}

static void choose_category(TellState *st, Ctx *c, int i)
{
    st->category = i;
    trace("tellus category=%s", CATEGORIES[i]);
    begin(st, c, strcmp(CATEGORIES[i], VOICE_SENSITIVE) == 0 ? STEP_HELP : STEP_READY);
}

static Action press(Screen *s, Ctx *c, const char *id)
{
    TellState *st = s->state;
    if (strcmp(id, "home") == 0) return (Action){ ACTION_POP, 0, 0 };
    if (strcmp(id, "repeat") == 0) {
        if (st->step == STEP_HELP) say_help(c);
        else c->speak(c, step_key(st, c));
    } else if (st->step == STEP_PICK && strncmp(id, "cat:", 4) == 0) {
        for (int i = 0; i < VOICE_NCATEGORIES; i++) {
            if (strcmp(id + 4, CATEGORIES[i]) != 0) continue;
            if (i == st->selected) { choose_category(st, c, i); break; }
            char key[PALLAY_NAME_LEN];
            st->selected = i;
            c->speak(c, category_key(i, key, sizeof key));
        }
    } else if (st->step == STEP_PICK && strcmp(id, "ok") == 0 && st->selected >= 0) {
        choose_category(st, c, st->selected);
    } else if (st->step == STEP_HELP && strcmp(id, "next") == 0) {
        begin(st, c, STEP_READY);
    } else if (strcmp(id, "record") == 0 && (st->step == STEP_READY || st->step == STEP_TAKE)) {
        c->hush(c);             /* nothing of the kiosk's own voice in hers */
        trace("capture start category=%s", CATEGORIES[st->category]);
        capture_start();
        st->tick_at = c->now_ms(c) + TICK_MS;
        begin(st, c, STEP_RECORDING);
    } else if (strcmp(id, "stop") == 0 && st->step == STEP_RECORDING) {
        stop(st, c);
    } else if (strcmp(id, "listen") == 0 && st->step == STEP_TAKE) {
        const short *pcm;
        int n = capture_samples(&pcm);
        c->play_pcm(c, pcm, n, PALLAY_RECORD_RATE);
    } else if (strcmp(id, "trash") == 0 && st->step == STEP_TAKE) {
        forget();
        trace("tellus thrown category=%s", CATEGORIES[st->category]);
        c->speak(c, UIKEY_TELL_THROWN);
        return (Action){ ACTION_POP, 0, 0 };
    } else if (strcmp(id, "send") == 0 && st->step == STEP_TAKE) {
        /* A guest's report has no name to send: it goes as it is. */
        if (c->learner) begin(st, c, STEP_WHO);
        else send(st, c, 1);
    } else if (st->step == STEP_WHO && strncmp(id, "who:", 4) == 0) {
        int i = strcmp(id + 4, "none") == 0;
        if (i == st->selected) send(st, c, i);
        else {
            st->selected = i;
            c->speak(c, i ? UIKEY_TELL_WHO_ANON : UIKEY_TELL_WHO_SIGN);
        }
    } else if (st->step == STEP_WHO && strcmp(id, "send") == 0 && st->selected >= 0) {
        send(st, c, st->selected);
    }
    return NO_ACTION;
}

/* While she speaks, the bar moves four times a second, and a full minute stops by itself. */
static int deadline(Screen *s, Ctx *c)
{
    TellState *st = s->state;
    if (st->step != STEP_RECORDING && st->step != STEP_SEALING) return -1;
    long long left = st->tick_at - c->now_ms(c);
    return left > 0 ? (int)left : 0;
}

static void tick(Screen *s, Ctx *c)
{
    TellState *st = s->state;
    if (st->step == STEP_SEALING) {
        st->tick_at = c->now_ms(c) + SEAL_POLL_MS;
        if (st->task && !task_done(st->task)) return;
        if (keep(st, c, seal_wait(st)) < 0) begin(st, c, STEP_TAKE);
        return;
    }
    st->tick_at = c->now_ms(c) + TICK_MS;
    if (st->step == STEP_RECORDING && capture_full()) stop(st, c);
}

Screen *tell_screen(void)
{
    static Screen s = {
        .name = "tellus",
        .enter = enter,
        .layout = layout,
        .draw = draw,
        .press = press,
        .state = &state,
        .deadline = deadline,
        .tick = tick,
        .leave = leave,
    };
    return &s;
}
