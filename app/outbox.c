/* outbox: the kiosk's side of records leaving on a USB stick. A stick that appears is written
 * at once, with the Send records screen over whatever was showing (so the person who put it in
 * sees and hears what happened); the facilitator's Send records screen can write again. The
 * writing itself is the sticks thread's: nothing here waits on the stick. */
#include "base/text.h"
#include "base/trace.h"
#include "content/uikeys.h"
#include "kiosk_state.h"
#include "platform/say.h"
#include "platform/sticks.h"
#include "platform/uplink.h"
#include "store/handover.h"
#include "sync/age.h"
#include "sync/dav.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Tells the Send records screen, if it is showing, that the state changed. */
static void changed(Kiosk *k)
{
    Screen *s = kiosk_top(k);
    if (s == k->screens[SCREEN_SEND] && s->resume) s->resume(s, &k->ctx);
    kiosk_relayout(k);
    k->dirty = 1;
}

/* Notes a fault for the network (in the next bundle's health). No personal data: a kind of fault. */
static void note_fault(Kiosk *k, const char *what)
{
    Err e;
    if (k->store) handover_event(k->store, KIOSK_ERROR, what, &e);
}

/* The course this kiosk runs, for the bundle's header: how many modules, and a hash of their
 * versions (each the hash of its file), so the network can tell which kiosks run the same. */
static void content_version(Kiosk *k, char *out, size_t n)
{
    unsigned long h = 5381;
    for (int i = 0; i < catalog_module_count(k->cat); i++) {
        const Module *m = catalog_module(k->cat, i);
        for (const char *p = m->version; *p; p++) h = h * 33 + (unsigned char)*p;
    }
    text_fmt(out, n, "modules=%d hash=%08lx", catalog_module_count(k->cat), h & 0xffffffffUL);
}

static void write_now(Kiosk *k)
{
    if (!k->send.present || k->send.phase == STICK_WRITING || k->send.unable) return;
    char where[PALLAY_NAME_LEN];
    text_fmt(where, sizeof where, "usb %.*s", (int)sizeof where - 8, k->send.label);
    char course[64];
    content_version(k, course, sizeof course);
    CourierJob job = { k->set.db, &k->key, k->recipient, course, where, 0, 0 };
    /* What is said once it went: in the facilitator's language, in the course's voice for it. */
    SticksSay say = { .voice = "" };
    int lang = k->fac_lang;
    const char *one = catalog_text(k->cat, lang, UIKEY_SEND_SAVED_ONE), *many = catalog_text(k->cat, lang, UIKEY_SEND_SAVED),
               *code = catalog_text(k->cat, lang, UIKEY_SEND_CODE);
    if (k->voices[0] && one && many && code && catalog_lang_count(k->cat)) {
        text_copy(say.voice, sizeof say.voice, catalog_lang(k->cat, lang)->voice);
        text_copy(say.one, sizeof say.one, one);
        text_copy(say.many, sizeof say.many, many);
        text_copy(say.code, sizeof say.code, code);
        /* Two names in turn: the file of the last write may still be playing. */
        text_fmt(say.path, sizeof say.path, "%s/sent-%d.wav", k->voices, k->said++ % 2);
    }
    if (sticks_write(k->stick, &job, &say) < 0) return;
    k->send.spoken[0] = '\0';
    k->send.phase = STICK_WRITING;
    trace("sync usb writing label=%s", k->send.label);
}

static void send_now(Ctx *c)
{
    Kiosk *k = c->kiosk;
    write_now(k);
    changed(k);
}

static void sync_now(Ctx *c)
{
    trace("sync net now");
    uplink_sync_now();
    changed(c->kiosk);
}

/* The network's folder, when sync_url is set: a thread that uploads whenever it can (uplink.c).
 * Without sync_url no thread starts. */
static void net_start(Kiosk *k)
{
    Err e;
    if (!k->set.sync_url[0]) return;
    if (!k->have_recipient || !k->have_key || !k->store) {
        fprintf(stderr, "pallay: sync_url is set, but %s: nothing is uploaded\n",
                k->have_recipient ? "this kiosk has no key" : "no network_recipient is set in pallay.conf");
        trace("sync net off");
        return;
    }
    char course[64];
    content_version(k, course, sizeof course);
    UplinkConfig c = { k->set.sync_url, k->set.sync_user, k->set.sync_password_file, k->set.sync_insecure_http,
                       k->set.sync_backoff_min, k->set.sync_backoff_max, k->set.db, &k->key, k->recipient, course,
                       k->set.content_key, k->set.content_dir, (long long)k->set.pack_max_mb << 20 };
    /* Said once: without both, the folder's content/ is never looked at. */
    if (!k->set.content_key[0] || !k->set.content_dir[0])
        trace("sync net content off reason=%s", k->set.content_key[0] ? "no_content_dir" : "no_content_key");
    if (uplink_start(&c, &e) < 0) {
        fprintf(stderr, "pallay: %s; records can only leave on a USB stick\n", e.msg);
        trace("sync net off");
        return;
    }
    k->send.net.on = 1;
    k->send.net.insecure = k->set.sync_insecure_http;
}

/* What the uplink thread did: said in the trace (no personal data, no password), faults noted in
 * the kiosk's health like a stick's. */
static void net_done(Kiosk *k, const UplinkReport *r)
{
    NetState *net = &k->send.net;
    if (r->outcome == UPLINK_TRYING) {
        net->syncing = 1;
        trace("sync net trying");
        changed(k);
        return;
    }
    net->syncing = 0;
    if (r->contact) net->contact_at = (long long)time(NULL);
    net->fault = r->outcome == UPLINK_FAULT ? (r->fault ? r->fault : DAV_FAULT_SERVER) : NULL;
    if (r->outcome == UPLINK_SENT) {
        net->upload_at = (long long)time(NULL);
        net->records = r->records;
    }
    if (r->clock) trace("sync net clock offset=%lld", r->clock_offset);
    if (r->outcome == UPLINK_SENT) {
        trace("sync net records=%lld receipt=%s bundles=%d", r->records, r->receipt, r->bundles);
        trace("sync net upload bytes=%lld us=%lld", r->bytes, r->upload_us);
    } else if (r->outcome == UPLINK_NOTHING) {
        trace("sync net records=0");
    } else {
        const char *fault = r->fault ? r->fault : "server";
        trace("sync net fault=%s", fault);
        trace("sync net backoff s=%d", r->backoff_s);
        fprintf(stderr, "pallay: network sync: %s (%s); nothing more was marked as sent, next try in %d s\n", r->why, fault,
                r->backoff_s);
        /* No network is a camp's usual state, not a fault worth the network's attention. */
        char what[64];
        text_fmt(what, sizeof what, "net %s", fault);
        if (strcmp(fault, "offline") != 0) note_fault(k, what);
    }
    changed(k);
}

/* The network's help contacts, spoken in each language's voice, made once at the start on
 * threads of their own, where Tell us can be used: a woman reporting violence hears them before
 * anything else. */
static void help_voices(Kiosk *k)
{
    if (!k->set.help[0] || !k->ctx.recipient || !k->store) return;     /* no Tell us on this kiosk */
    for (int i = 0; i < catalog_lang_count(k->cat); i++) {
        char path[PALLAY_PATH_LEN];
        const Language *l = catalog_lang(k->cat, i);
        if (l->voice[0] && say_help_path(k->voices, l->code, path, sizeof path) == 0) say_wav_later(l->voice, k->set.help, path);
    }
}

void outbox_start(Kiosk *k)
{
    Err e;
    k->ctx.send = &k->send;
    k->ctx.send_now = send_now;
    k->ctx.sync_now = sync_now;
    if (k->store) {
        int lost = handover_event(k->store, KIOSK_START, "", &e);
        if (lost == 1) trace("health power_loss");
    }
    if (!k->set.network_recipient[0]) {
        k->send.unable = UIKEY_SEND_UNABLE_NOKEY;
    } else if (age_recipient_parse(k->set.network_recipient, k->recipient, &e) < 0) {
        fprintf(stderr, "pallay: network_recipient: %s; records cannot leave this kiosk\n", e.msg);
        k->send.unable = UIKEY_SEND_UNABLE_NOKEY;
    } else {
        k->have_recipient = 1;
    }
    if (!k->send.unable && (!k->have_key || !k->store)) k->send.unable = UIKEY_SEND_UNABLE_NOID;
    /* Where the voice files made on the kiosk go: a folder of its own, gone at the stop. */
    text_copy(k->voices, sizeof k->voices, "/tmp/pallay-voice.XXXXXX");
    if (!mkdtemp(k->voices)) k->voices[0] = '\0';
    k->ctx.voices = k->voices;
    k->ctx.recipient = k->have_recipient ? k->recipient : NULL;
    help_voices(k);
    net_start(k);
    if (sticks_start(k->set.usb_roots, &e) < 0) {
        fprintf(stderr, "pallay: %s; records can only leave with pallayctl export\n", e.msg);
        trace("sync usb off");
    }
}

static void arrived(Kiosk *k, const char *volume)
{
    if (k->send.present && k->send.phase == STICK_WRITING) {
        /* One stick at a time: the second one's turn comes when the first is done. */
        text_copy(k->next_stick, sizeof k->next_stick, volume);
        return;
    }
    const char *slash = strrchr(volume, '/');
    text_copy(k->stick, sizeof k->stick, volume);
    text_copy(k->send.label, sizeof k->send.label, slash ? slash + 1 : volume);
    k->send.present = 1;
    k->send.phase = STICK_IDLE;
    trace("sync usb found label=%s", k->send.label);
    inbox_arrived(k, volume);
    if (k->send.unable) {
        fprintf(stderr, "pallay: a USB stick, but %s: nothing is written to it\n",
                strcmp(k->send.unable, UIKEY_SEND_UNABLE_NOKEY) == 0 ? "no network_recipient is set in pallay.conf" : "this kiosk has no key");
        trace("sync usb unable=%s", k->send.unable);
    }
    write_now(k);
    if (kiosk_top(k) != k->screens[SCREEN_SEND]) kiosk_push(k, SCREEN_SEND, 1);
    else changed(k);
}

static void left(Kiosk *k, const char *volume)
{
    if (strcmp(volume, k->next_stick) == 0) k->next_stick[0] = '\0';
    if (!k->send.present || strcmp(volume, k->stick) != 0) return;
    k->send.present = 0;
    trace("sync usb removed label=%s", k->send.label);
    changed(k);
}

static void written(Kiosk *k, const SticksReport *r)
{
    const CourierResult *res = &r->result;
    k->send.phase = STICK_DONE;
    k->send.result = *res;
    text_copy(k->send.spoken, sizeof k->send.spoken, r->spoken);
    if (res->outcome == COURIER_SENT) {
        trace("sync usb records=%lld receipt=%s bundles=%d", res->records, res->receipt, res->bundles);
    } else if (res->outcome == COURIER_NOTHING) {
        trace("sync usb records=0");
    } else {
        trace("sync usb fault=%s", courier_outcome_name(res->outcome));
        fprintf(stderr, "pallay: USB stick %s: %s (%s); nothing more was marked as sent\n", k->send.label, res->e.msg,
                courier_outcome_name(res->outcome));
        char what[64];
        text_fmt(what, sizeof what, "usb %s", courier_outcome_name(res->outcome));
        note_fault(k, what);
    }
    changed(k);
    if (k->next_stick[0]) {
        char next[PALLAY_PATH_LEN];
        text_copy(next, sizeof next, k->next_stick);
        k->next_stick[0] = '\0';
        arrived(k, next);
    }
}

int outbox_event(Kiosk *k, const SDL_Event *ev)
{
    if (uplink_event_type() && ev->type == uplink_event_type()) {
        const UplinkReport *r = ev->user.data1;
        if (r->outcome == UPLINK_CONTENT) inbox_net(k, &r->pack);
        else net_done(k, r);
        uplink_release(ev->user.data1);
        return 1;
    }
    if (!sticks_event_type() || ev->type != sticks_event_type()) return 0;
    if (ev->user.code == STICKS_ARRIVED) arrived(k, ev->user.data1);
    else if (ev->user.code == STICKS_LEFT) left(k, ev->user.data1);
    else if (ev->user.code == STICKS_WRITTEN) written(k, ev->user.data1);
    sticks_release(ev->user.data1);
    return 1;
}

void outbox_stop(Kiosk *k)
{
    Err e;
    uplink_stop();
    sticks_stop();
    say_wait();
    for (int i = 0; i < 2 && k->voices[0]; i++) {
        char path[PALLAY_PATH_LEN];
        text_fmt(path, sizeof path, "%s/sent-%d.wav", k->voices, i);
        unlink(path);
    }
    for (int i = 0; i < catalog_lang_count(k->cat) && k->voices[0]; i++) {
        char path[PALLAY_PATH_LEN];
        if (say_help_path(k->voices, catalog_lang(k->cat, i)->code, path, sizeof path) == 0) unlink(path);
    }
    if (k->voices[0]) rmdir(k->voices);
    if (k->store && !k->status) handover_event(k->store, KIOSK_STOP, "", &e);
    identity_close(&k->key);
}
