/* services: what the kiosk lends to screens through Ctx: narration with its queue, sound
 * effects, pictures, the learner's or facilitator's session, and the banner for a record that
 * could not be saved. */
#include "kiosk_state.h"
#include "base/text.h"
#include "base/trace.h"
#include "content/uikeys.h"
#include "narration/narration.h"
#include "platform/audio.h"
#include "platform/uplink.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>

const char *services_lang(Kiosk *k)
{
    return catalog_lang_count(k->cat) ? catalog_lang(k->cat, k->ctx.lang)->code : "-";
}

/* ---- services lent to screens ---- */

static void report_silent_once(Kiosk *k, const char *key, const char *why)
{
    char id[PALLAY_NAME_LEN + 16];
    text_fmt(id, sizeof id, "%s/%s", services_lang(k), key);
    for (int i = 0; i < k->nsilent; i++)
        if (strcmp(k->silent[i], id) == 0) return;
    if (k->nsilent < MAX_SILENT) text_copy(k->silent[k->nsilent++], sizeof k->silent[0], id);
    fprintf(stderr, "%s: %s\n", id, why);
}

static void play(Kiosk *k, const char *key);
static void then(Ctx *c, const char *key);

/* Plays key in language lang (a catalog index), at once. */
static void play_in(Kiosk *k, int lang, const char *key)
{
    int was = k->ctx.lang;
    k->ctx.lang = lang;
    play(k, key);
    k->ctx.lang = was;
}

/* Adds key in lang to the queue: at its end, or first (front). */
static void enqueue(Kiosk *k, int front, int lang, const char *key)
{
    if (k->nqueue == PALLAY_VOICE_QUEUE) return;
    int at = front ? 0 : k->nqueue;
    if (front) memmove(&k->queue[1], &k->queue[0], (size_t)k->nqueue * sizeof k->queue[0]);
    text_copy(k->queue[at].key, sizeof k->queue[at].key, key);
    k->queue[at].lang = lang;
    k->nqueue++;
}

static void speak(Ctx *c, const char *key)
{
    Kiosk *k = c->kiosk;
    k->nqueue = 0;
    if (k->entering) {
        text_copy(k->deferred, sizeof k->deferred, key);
        return;
    }
    if (k->say_banner) {
        /* Something was just not saved: she hears that first, then what the screen says. */
        k->say_banner = 0;
        play(k, UIKEY_ERROR_SAVE);
        then(c, key);
        return;
    }
    play(k, key);
}

/* Speaks key in language lang after what is playing and already queued. */
static void then_in(Ctx *c, int lang, const char *key)
{
    Kiosk *k = c->kiosk;
    if (k->entering && !k->deferred[0] && lang == c->lang) {
        text_copy(k->deferred, sizeof k->deferred, key);
        return;
    }
    if (k->entering) {
        enqueue(k, 0, lang, key);
        return;
    }
    if (!audio_is_open() || (!audio_voice_playing() && k->nqueue == 0)) { play_in(k, lang, key); return; }
    enqueue(k, 0, lang, key);
}

static void then(Ctx *c, const char *key) { then_in(c, c->lang, key); }

void services_voice_ended(Kiosk *k)
{
    if (k->nqueue == 0) return;
    char key[PALLAY_NAME_LEN];
    int lang = k->queue[0].lang;
    text_copy(key, sizeof key, k->queue[0].key);
    memmove(&k->queue[0], &k->queue[1], (size_t)--k->nqueue * sizeof k->queue[0]);
    play_in(k, lang, key);
}

static void play(Kiosk *k, const char *key)
{
    Ctx *c = &k->ctx;
    char path[PALLAY_PATH_LEN];
    /* A voice file made on the kiosk (a path, not a text key): what only the moment knows. */
    VoiceSource src = key[0] == '/' ? (text_copy(path, sizeof path, key), VOICE_GENERATED)
                                    : narration_find(k->cat, c->lang, key, path, sizeof path);
    if (src == VOICE_NONE) {
        audio_stop_voice();
        trace("audio none key=%s lang=%s", key, services_lang(k));
        report_silent_once(k, key, "no narration (run: make content)");
        return;
    }
    if (!audio_is_open()) {
        if (k->sound_tried) trace("audio off key=%s lang=%s", key, services_lang(k));
        else text_copy(k->pending_voice, sizeof k->pending_voice, key);
        return;
    }
    Err e;
    int rc = audio_play_voice(path, &e);
    if (rc < 0 && src == VOICE_RECORDED) {
        /* An empty or broken recording must not silence the generated voice behind it. */
        char why[PALLAY_ERR_LEN + 64];
        text_fmt(why, sizeof why, "the recording does not play (%s); the generated voice speaks instead", e.msg);
        report_silent_once(k, key, why);
        trace("audio error key=%s lang=%s source=recorded", key, services_lang(k));
        src = narration_generated(k->cat, c->lang, key, path, sizeof path);
        rc = src == VOICE_NONE ? err_set(&e, "no generated voice either") : audio_play_voice(path, &e);
    }
    if (rc < 0) {
        trace("audio error key=%s lang=%s", key, services_lang(k));
        report_silent_once(k, key, e.msg);
        return;
    }
    trace("audio start %s key=%s lang=%s source=%s", path, key, services_lang(k), narration_source_name(src));
}

static long long now_ms(Ctx *c)
{
    (void)c;
    return (long long)SDL_GetTicks();
}

static void play_file(Ctx *c, const char *path)
{
    Kiosk *k = c->kiosk;
    k->nqueue = 0;
    Err e;
    if (!audio_is_open()) { trace("audio off file=%s", path); return; }
    if (audio_play_voice(path, &e) < 0) { trace("audio error file=%s", path); fprintf(stderr, "%s\n", e.msg); return; }
    trace("audio start %s key=take lang=%s source=take", path, services_lang(k));
}

static void hush(Ctx *c)
{
    Kiosk *k = c->kiosk;
    k->nqueue = 0;
    k->deferred[0] = '\0';
    audio_stop_voice();
    trace("audio stop");
}

static void play_pcm(Ctx *c, const short *pcm, int n, int rate)
{
    Kiosk *k = c->kiosk;
    k->nqueue = 0;
    Err e;
    if (!audio_is_open()) { trace("audio off take samples=%d", n); return; }
    if (audio_play_pcm(pcm, n, rate, &e) < 0) { trace("audio error take"); fprintf(stderr, "%s\n", e.msg); return; }
    trace("audio start memory key=take samples=%d lang=%s source=take", n, services_lang(k));
}

static void effect(Ctx *c, const char *name)
{
    Kiosk *k = c->kiosk;
    char path[PALLAY_PATH_LEN];
    text_fmt(path, sizeof path, "%s/sounds/%s.ogg", k->set.generated, name);
    Err e;
    if (audio_is_open() && audio_play_effect(path, &e) == 0) trace("effect %s", name);
}

static void picture(Ctx *c, const char *name, char *path, size_t n)
{
    Kiosk *k = c->kiosk;
    if (catalog_picture_path(k->cat, name, path, n) < 0) path[0] = '\0';
}

static void sign_in(Ctx *c, const Learner *l)
{
    Kiosk *k = c->kiosk;
    k->session = 1;
    k->last_input = SDL_GetTicks();
    if (l) {
        k->learner = *l;
        c->learner = &k->learner;
        trace("signin learner=%s sign=%s/%s", l->id, l->symbol, l->colour);
    } else {
        c->learner = NULL;
        trace("signin guest");
    }
}

static void speak_in(Ctx *c, int lang, const char *key)
{
    int was = c->lang;
    c->lang = lang;
    speak(c, key);      /* finds and starts the file now, in that language */
    c->lang = was;
}

static void facilitator_in(Ctx *c, const Facilitator *f)
{
    Kiosk *k = c->kiosk;
    k->facilitator = *f;
    c->facilitator = &k->facilitator;
    c->learner = NULL;
    k->session = 1;
    k->last_input = SDL_GetTicks();
    trace("facilitator open id=%s", f->id);
}

static void save_failed(Ctx *c, const char *what, const Err *e)
{
    Kiosk *k = c->kiosk;
    trace("record %s failed: %s", what, e->msg);
    fprintf(stderr, "pallay: %s not saved: %s\n", what, e->msg);
    const char *text = catalog_text(k->cat, c->lang, UIKEY_ERROR_SAVE);
    text_copy(k->banner, sizeof k->banner, text ? text : e->msg);
    k->say_banner = 1;
    k->dirty = 1;
}

void services_say_banner(Kiosk *k)
{
    if (!k->say_banner) return;
    k->say_banner = 0;
    then(&k->ctx, UIKEY_ERROR_SAVE);
}

void services_entering(Kiosk *k)
{
    k->entering = 1;
    k->deferred[0] = '\0';
}

void services_entered(Kiosk *k)
{
    k->entering = 0;
    if (!k->deferred[0]) {
        /* Only narrations in another language were asked for: the first of them begins. */
        if (k->nqueue && !audio_voice_playing()) services_voice_ended(k);
        return;
    }
    char key[PALLAY_NAME_LEN];
    text_copy(key, sizeof key, k->deferred);
    k->deferred[0] = '\0';
    /* As speak would, but the queue filled meanwhile (by then) follows. */
    if (k->say_banner) {
        k->say_banner = 0;
        enqueue(k, 1, k->ctx.lang, key);
        play(k, UIKEY_ERROR_SAVE);
        return;
    }
    play(k, key);
}

void services_store_settle(Kiosk *k)
{
    char what[80];
    int n = k->store ? store_settle(k->store, what, sizeof what) : 0;
    if (!n) return;
    trace("store unsettled n=%d sql=%s", n, what);
    fprintf(stderr, "pallay: %d statement(s) left running in the database, reset: %s\n", n, what);
}

int services_checkpoint_deadline(Kiosk *k)
{
    if (!k->store || !store_checkpoint_due(k->store)) return -1;
    Uint32 at = k->last_event + PALLAY_CHECKPOINT_IDLE_MS, now = SDL_GetTicks();
    if (k->checkpoint_after > at) at = k->checkpoint_after;
    return at > now ? (int)(at - now) : 0;
}

void services_checkpoint(Kiosk *k)
{
    if (services_checkpoint_deadline(k) != 0) return;
    int rc = store_checkpoint(k->store);
    trace("store checkpoint %s", rc > 0 ? "done" : rc == 0 ? "busy" : "error");
    /* pallayctl reading or writing: another idle second. An error: not every second. */
    if (rc <= 0) k->checkpoint_after = SDL_GetTicks() + (rc == 0 ? PALLAY_CHECKPOINT_IDLE_MS : 60000u);
    /* What was just saved may be records: the uploader (if sync_url is set) counts them. */
    uplink_poke();
}

void services_init(Kiosk *k)
{
    Ctx *c = &k->ctx;
    c->speak = speak;
    c->then = then;
    c->effect = effect;
    c->picture = picture;
    c->sign_in = sign_in;
    c->facilitator_in = facilitator_in;
    c->speak_in = speak_in;
    c->save_failed = save_failed;
    c->play_file = play_file;
    c->play_pcm = play_pcm;
    c->then_in = then_in;
    c->hush = hush;
    c->now_ms = now_ms;
    c->kiosk = k;
}
