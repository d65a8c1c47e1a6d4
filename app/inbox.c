/* inbox: the kiosk's side of content packs arriving. A stick with pallay/inbox/ (files NAME.pack) is read by
 * a worker thread of its own (install.c: copy, verify, unpack, check, switch), so drawing and
 * touch never wait on it; each pack's outcome comes back as an SDL event. A refused pack is shown
 * and spoken with its reason and noted in the kiosk's health; the course in use stays. A new
 * course is loaded by the main loop once no learner is inside a lesson. */
#include "base/text.h"
#include "base/trace.h"
#include "cli/check.h"
#include "content/install.h"
#include "content/uikeys.h"
#include "kiosk_state.h"
#include "platform/gfx.h"
#include "platform/uplink.h"
#include "store/handover.h"

#include <SDL.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define INBOX_PACKS 8   /* packs taken from one stick */

enum { INBOX_ONE, INBOX_DONE };

typedef struct {
    char volume[PALLAY_PATH_LEN];   /* a stick: every pack in its pallay/inbox/... */
    char file[PALLAY_PATH_LEN];     /* ...or this one pack (one the network sync downloaded) */
    char content_dir[PALLAY_PATH_LEN], key[PALLAY_ERR_LEN];
    char assets[PALLAY_PATH_LEN], locales[PALLAY_PATH_LEN], generated[PALLAY_PATH_LEN];
    PackLimits limits;
} InboxJob;

typedef struct {
    char name[PALLAY_NAME_LEN];
    InstallResult r;
} InboxReport;

/* The one inbox: a worker at a time, and a new course waiting for a safe moment. */
static struct {
    Uint32 event;
    SDL_Thread *worker;
    int reload;             /* a course was installed: load it once no lesson is open */
    PackNews news;          /* what the facilitator summary shows */
    int net, net_refused;   /* the worker installs a pack the network sync fetched; it was refused */
} inbox;

static void told(Kiosk *k, const InboxReport *rep);

static void post(int code, void *data)
{
    SDL_Event ev = { 0 };
    ev.type = inbox.event;
    ev.user.code = code;
    ev.user.data1 = data;
    if (SDL_PushEvent(&ev) != 1) free(data);
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int cmp_name(const void *a, const void *b) { return strcmp(a, b); }

/* Installs every pack in the stick's inbox, in name order. */
static int work(void *ud)
{
    InboxJob *job = ud;
    char dir[PALLAY_PATH_LEN], names[INBOX_PACKS][PALLAY_NAME_LEN];
    int n = 0;
    text_fmt(dir, sizeof dir, "%s/pallay/inbox", job->volume);
    if (job->file[0]) {
        const char *slash = strrchr(job->file, '/');
        text_fmt(dir, sizeof dir, "%.*s", slash ? (int)(slash - job->file) : 1, slash ? job->file : ".");
        text_copy(names[n++], PALLAY_NAME_LEN, slash ? slash + 1 : job->file);
    }
    DIR *d = job->file[0] ? NULL : opendir(dir);
    struct dirent *de;
    while (d && n < INBOX_PACKS && (de = readdir(d)))
        if (de->d_name[0] != '.' && text_ends_with(de->d_name, ".pack") && text_copy(names[n], PALLAY_NAME_LEN, de->d_name) == 0) n++;
    if (d) closedir(d);
    qsort(names, (size_t)n, sizeof *names, cmp_name);
    InstallConfig c = { job->content_dir, job->key, job->limits, { job->assets, job->locales, job->generated, NULL },
                        check_content_first, NULL };
    for (int i = 0; i < n; i++) {
        InboxReport *rep = xcalloc(1, sizeof *rep);
        char file[PALLAY_PATH_LEN];
        text_copy(rep->name, sizeof rep->name, names[i]);
        text_fmt(file, sizeof file, "%s/%s", dir, names[i]);
        install_pack(&c, file, &rep->r);
        post(INBOX_ONE, rep);
    }
    post(INBOX_DONE, NULL);
    free(job);
    return 0;
}

void inbox_roots(Kiosk *k)
{
    char buf[3][PALLAY_PATH_LEN];
    CatalogPaths p;
    Err e;
    k->ctx.pack = &inbox.news;
    text_copy(k->shipped[0], PALLAY_PATH_LEN, k->set.assets);
    text_copy(k->shipped[1], PALLAY_PATH_LEN, k->set.locales);
    text_copy(k->shipped[2], PALLAY_PATH_LEN, k->set.generated);
    int rc = install_current(k->set.content_dir, buf, &p, &inbox.news.version, &e);
    if (rc < 0) fprintf(stderr, "pallay: %s; using the shipped course\n", e.msg);
    if (rc <= 0) return;
    text_copy(k->set.assets, sizeof k->set.assets, p.assets);
    text_copy(k->set.locales, sizeof k->set.locales, p.locales);
    text_copy(k->set.generated, sizeof k->set.generated, p.generated);
    trace("content installed version=%lld", inbox.news.version);
}

/* Starts the worker on a stick's inbox (volume) or on one pack (file). -1 if it cannot start now. */
static int start(Kiosk *k, const char *volume, const char *file)
{
    /* One install at a time, and none while a new course waits to be loaded: the folder the
     * kiosk still reads must stay current or previous. */
    if (inbox.worker || inbox.reload || !k->set.content_dir[0]) {
        if (!k->set.content_dir[0]) fprintf(stderr, "pallay: content packs came, but no content_dir is set in pallay.conf\n");
        trace("content inbox skipped");
        return -1;
    }
    if (!inbox.event) inbox.event = SDL_RegisterEvents(1);
    InboxJob *job = xcalloc(1, sizeof *job);
    text_copy(job->volume, sizeof job->volume, volume);
    text_copy(job->file, sizeof job->file, file);
    text_copy(job->content_dir, sizeof job->content_dir, k->set.content_dir);
    text_copy(job->key, sizeof job->key, k->set.content_key);
    text_copy(job->assets, sizeof job->assets, k->shipped[0]);
    text_copy(job->locales, sizeof job->locales, k->shipped[1]);
    text_copy(job->generated, sizeof job->generated, k->shipped[2]);
    job->limits = (PackLimits){ (long long)k->set.pack_max_mb << 20, (long long)k->set.pack_file_max_mb << 20 };
    trace("content inbox found");
    inbox.worker = SDL_CreateThread(work, "inbox", job);
    if (!inbox.worker) {
        fprintf(stderr, "pallay: cannot start the content installer: %s\n", SDL_GetError());
        free(job);
        return -1;
    }
    return 0;
}

void inbox_arrived(Kiosk *k, const char *volume)
{
    char dir[PALLAY_PATH_LEN];
    if (text_fmt(dir, sizeof dir, "%s/pallay/inbox", volume) == 0 && is_dir(dir)) start(k, volume, "");
}

int inbox_install(Kiosk *k, const char *file)
{
    return start(k, "", file);
}

/* What the network sync found in the folder's content/ (uplink.c, sync/packfetch.h): a pack to
 * install as from a stick, a refusal said as a stick's is, or a line in the trace. */
void inbox_net(Kiosk *k, const PackFetchResult *p)
{
    switch (p->outcome) {
    case PACKFETCH_NONE: trace("content net none"); return;
    case PACKFETCH_CURRENT: trace("content net current version=%lld", p->m.version); return;
    case PACKFETCH_SEEN: trace("content net seen version=%lld", p->m.version); return;
    case PACKFETCH_FAULT:
        trace("content net fault=%s", p->fault.fault);
        fprintf(stderr, "pallay: content from the network: %s (%s); looked at again at the next contact\n", p->why, p->fault.fault);
        return;
    case PACKFETCH_READY:
        trace("content net fetched version=%lld pack=%s bytes=%lld", p->m.version, p->m.pack, p->m.size);
        inbox.net_refused = 0;
        if (inbox_install(k, p->file) < 0) uplink_pack_done(0);     /* busy: the next contact fetches it again */
        else inbox.net = 1;
        return;
    case PACKFETCH_REFUSED: {
        InboxReport rep = { .r = { .outcome = INSTALL_REFUSED, .fault = p->refusal } };
        rep.r.info.version = p->m.version;
        text_copy(rep.r.e.msg, sizeof rep.r.e.msg, p->why);
        text_copy(rep.name, sizeof rep.name, p->m.pack[0] ? p->m.pack : "manifest");
        told(k, &rep);
        kiosk_relayout(k);
        return;
    }
    }
}

/* The words a facilitator hears for each refusal. */
static const char *why_key(PackFault f)
{
    switch (f) {
    case PACK_UNSIGNED: case PACK_NO_KEY: case PACK_WRONG_KEY: case PACK_SIGNATURE: return UIKEY_PACK_WHY_SIGNATURE;
    case PACK_BAD_PATH: case PACK_LINK: case PACK_TOO_MANY: case PACK_TOO_BIG: return UIKEY_PACK_WHY_UNSAFE;
    case PACK_FORMAT_VERSION: return UIKEY_PACK_WHY_VERSION;
    case PACK_OLDER: return UIKEY_PACK_WHY_OLDER;
    case PACK_CHECK: return UIKEY_PACK_WHY_CHECK;
    default: return UIKEY_PACK_WHY_DAMAGED;
    }
}

static void told(Kiosk *k, const InboxReport *rep)
{
    const InstallResult *r = &rep->r;
    if (r->outcome == INSTALL_ALREADY) {
        trace("content install already version=%lld", r->info.version);
        return;
    }
    if (r->outcome == INSTALL_DONE) {
        trace("content install done version=%lld was=%lld files=%d", r->info.version, r->before, r->info.files);
        inbox.news.outcome = PACK_NEWS_INSTALLED;
        inbox.news.pack_version = r->info.version;
        inbox.reload = 1;
        text_copy(k->banner, sizeof k->banner, catalog_text(k->cat, k->ctx.lang, UIKEY_PACK_NEW) ? catalog_text(k->cat, k->ctx.lang, UIKEY_PACK_NEW) : "");
        k->ctx.then(&k->ctx, UIKEY_PACK_NEW);
        return;
    }
    trace("content install refused reason=%s pack=%s", pack_fault_name(r->fault), rep->name);
    inbox.net_refused = 1;
    fprintf(stderr, "pallay: content pack %s refused (%s): %s; the course in use is unchanged\n", rep->name, pack_fault_name(r->fault),
            r->e.msg);
    inbox.news.outcome = PACK_NEWS_REFUSED;
    inbox.news.pack_version = r->info.version;
    inbox.news.why = why_key(r->fault);
    const char *a = catalog_text(k->cat, k->ctx.lang, UIKEY_PACK_REFUSED), *b = catalog_text(k->cat, k->ctx.lang, inbox.news.why);
    text_fmt(k->banner, sizeof k->banner, "%s %s", a ? a : "", b ? b : "");
    k->ctx.speak(&k->ctx, UIKEY_PACK_REFUSED);   /* over what the stick screen was saying: this matters more */
    k->ctx.then(&k->ctx, inbox.news.why);
    char what[64];
    Err e;
    text_fmt(what, sizeof what, "content refused %s", pack_fault_name(r->fault));
    if (k->store) handover_event(k->store, KIOSK_ERROR, what, &e);
}

int inbox_event(Kiosk *k, const SDL_Event *ev)
{
    if (!inbox.event || ev->type != inbox.event) return 0;
    if (ev->user.code == INBOX_ONE) told(k, ev->user.data1);
    free(ev->user.data1);
    if (ev->user.code == INBOX_DONE && inbox.worker) {
        SDL_WaitThread(inbox.worker, NULL);
        inbox.worker = NULL;
        if (inbox.net) uplink_pack_done(inbox.net_refused);
        inbox.net = 0;
    }
    kiosk_relayout(k);
    return 1;
}

/* 1 if no screen on the stack holds a lesson, a quiz or a form built from the course. */
static int safe(Kiosk *k)
{
    static const ScreenKind BUSY[] = { SCREEN_PLAYER, SCREEN_QUIZ, SCREEN_SIGN, SCREEN_RECORDER, SCREEN_REGISTER,
                                       SCREEN_EQUIPMENT, SCREEN_WORKSHOP, SCREEN_WITHDRAW };
    for (int i = 0; i < k->depth; i++)
        for (size_t j = 0; j < sizeof BUSY / sizeof *BUSY; j++)
            if (k->stack[i] == k->screens[BUSY[j]]) return 0;
    return 1;
}

static int find_lang(const Catalog *c, const char *code)
{
    int i = catalog_find_lang(c, code);
    return i < 0 ? 0 : i;
}

void inbox_tick(Kiosk *k)
{
    if (!inbox.reload || !safe(k)) return;
    inbox.reload = 0;
    char buf[3][PALLAY_PATH_LEN];
    CatalogPaths p;
    long long v;
    Err e;
    if (install_current(k->set.content_dir, buf, &p, &v, &e) != 1) return;
    p.recordings = k->set.recordings;
    Report r = report_stderr();
    Catalog *c = catalog_load(&p, &r);
    if (!catalog_lang_count(c) || !catalog_module_count(c)) {
        trace("content reload failed problems=%d", r.count);
        catalog_unload(c);
        return;
    }
    /* Indexes into the old catalog become indexes of the same languages in the new one. */
    char lang[16], learner[16];
    text_copy(lang, sizeof lang, catalog_lang(k->cat, k->ctx.lang)->code);
    text_copy(learner, sizeof learner, catalog_lang(k->cat, k->learner_lang)->code);
    Catalog *old = k->cat;
    k->cat = c;
    k->ctx.cat = c;
    k->ctx.lang = find_lang(c, lang);
    k->learner_lang = find_lang(c, learner);
    k->fac_lang = find_lang(c, k->set.facilitator_lang);
    text_copy(k->set.assets, sizeof k->set.assets, p.assets);
    text_copy(k->set.locales, sizeof k->set.locales, p.locales);
    text_copy(k->set.generated, sizeof k->set.generated, p.generated);
    gfx_forget_pictures();
    catalog_unload(old);
    inbox.news.version = v;
    trace("content reload version=%lld languages=%d modules=%d problems=%d", v, catalog_lang_count(c), catalog_module_count(c), r.count);
    Screen *s = kiosk_top(k);
    if (s->resume) s->resume(s, &k->ctx);
    kiosk_relayout(k);
    k->dirty = 1;
}

void inbox_stop(Kiosk *k)
{
    (void)k;
    /* An install under way is finished: it is short, and a kill at any point is safe anyway. */
    if (inbox.worker) SDL_WaitThread(inbox.worker, NULL);
    inbox.worker = NULL;
}
