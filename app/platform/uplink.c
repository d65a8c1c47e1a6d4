/* uplink: the thread, its wake-ups and its backoff; the requests themselves are sync/dav's (the
 * one place of the TLS, redirect and credential policy). */
#include "uplink.h"
#include "../base/text.h"
#include "../content/install.h"
#include "../store/records.h"
#include "../sync/dav.h"

#include <dirent.h>
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define IDLE_S 600          /* nothing pending, no fault: count again after this long */

static struct {
    SDL_Thread *thread;
    SDL_mutex *lock;
    SDL_cond *cond;
    Uint32 event;
    int stop, now, poked;
    char db[PALLAY_PATH_LEN], content[PALLAY_NAME_LEN];
    int backoff_min, backoff_max, faults;
    KioskKey key;
    unsigned char recipient[32];
    Dav *dav;
    int global;     /* dav_init was called */
    char content_key[PALLAY_ERR_LEN], content_dir[PALLAY_PATH_LEN];
    long long pack_max;
    char seen[65];          /* the manifest refused last (sync/packfetch.h) */
    char handed_seen[65];   /* the manifest of the pack handed to the kiosk, while handed */
    int handed;             /* a pack is with the kiosk: nothing more is fetched until uplink_pack_done */
} S;

static int post(UplinkReport *r)
{
    SDL_Event ev = { 0 };
    ev.type = S.event;
    ev.user.code = r->outcome;
    ev.user.data1 = r;
    if (SDL_PushEvent(&ev) == 1) return 0;
    free(r);
    return -1;
}

/* A transfer under way ends when the kiosk stops. */
static int cancelled(void *unused)
{
    (void)unused;
    SDL_LockMutex(S.lock);
    int stop = S.stop;
    SDL_UnlockMutex(S.lock);
    return stop;
}

static int fault(UplinkReport *r, const DavFault *f)
{
    r->fault = f->fault ? f->fault : DAV_FAULT_SERVER;
    text_copy(r->why, sizeof r->why, f->why);
    return -1;
}

/* Removes what a failed try left under temporary names, if the server still answers. */
static void drop_parts(const char *base, const char *hex)
{
    DavFault ignored;
    char tmp[PALLAY_PATH_LEN];
    for (int i = 0; i < 2; i++)
        if (text_fmt(tmp, sizeof tmp, "%s%s.part-%s", base, i ? ".minisig" : "", hex) == 0) dav_delete(S.dav, tmp, &ignored);
}

/* The folder the database is in ("." for a bare name), and the private folders' prefix. */
#define UPLOAD_PREFIX ".pallay-upload."
static void db_folder(char *out, size_t n)
{
    const char *slash = strrchr(S.db, '/');
    if (!slash) text_copy(out, n, ".");
    else if (slash == S.db) text_copy(out, n, "/");
    else text_fmt(out, n, "%.*s", (int)(slash - S.db), S.db);
}

/* Final names moved onto the server whose handover was not recorded yet (a read-back that failed,
 * the kiosk killed before the record): one a line in a file beside the database. Once a later
 * upload of the same records has verified and been recorded, those copies go, so that no record
 * stays on the server in two bundles. Without the file (a disk that refused it) a stale copy may
 * stay: merging it again is harmless. */
#define MOVED_FILE ".pallay-uplink-moved"

static void moved_note(const char *base)
{
    char folder[PALLAY_PATH_LEN], path[PALLAY_PATH_LEN];
    db_folder(folder, sizeof folder);
    if (text_fmt(path, sizeof path, "%s/" MOVED_FILE, folder) < 0) return;
    FILE *f = fopen(path, "a");
    if (!f) return;
    fprintf(f, "%s\n", base);
    fflush(f);
    fsync(fileno(f));
    fclose(f);
}

/* Deletes the copies noted, but those of the bundles just recorded (made); keeps the names whose
 * deletion failed for the next time. */
static void moved_sweep(const CourierResult *res)
{
    char folder[PALLAY_PATH_LEN], path[PALLAY_PATH_LEN], tmp[PALLAY_PATH_LEN], line[PALLAY_PATH_LEN], sig[PALLAY_PATH_LEN];
    db_folder(folder, sizeof folder);
    if (text_fmt(path, sizeof path, "%s/" MOVED_FILE, folder) < 0 || text_fmt(tmp, sizeof tmp, "%s.tmp", path) < 0) return;
    FILE *in = fopen(path, "r");
    if (!in) return;
    FILE *out = fopen(tmp, "w");
    int kept = 0;
    while (fgets(line, sizeof line, in)) {
        line[strcspn(line, "\n")] = '\0';
        int current = !line[0];
        for (int i = 0; !current && i < res->made; i++) {
            const char *slash = strrchr(res->made_path[i], '/');
            current = strcmp(slash ? slash + 1 : res->made_path[i], line) == 0;
        }
        if (current || text_fmt(sig, sizeof sig, "%s.minisig", line) < 0) continue;
        DavFault f = { 0 };
        int gone = 1;
        if (dav_delete(S.dav, sig, &f) < 0 && f.status != 404) gone = 0;
        if (gone && dav_delete(S.dav, line, &f) < 0 && f.status != 404) gone = 0;
        if (!gone && out) {
            fprintf(out, "%s\n", line);
            kept++;
        }
    }
    fclose(in);
    if (out && fclose(out) == 0 && kept) rename(tmp, path);
    else {
        unlink(tmp);
        if (out) unlink(path);
    }
}

/* One bundle (and its signature) to the server and back. */
static int upload_one(const char *path, const Handover *h, const char *dir, UplinkReport *r)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char sig[PALLAY_PATH_LEN], name[PALLAY_PATH_LEN], tmp[PALLAY_PATH_LEN], back[PALLAY_PATH_LEN], backsig[PALLAY_PATH_LEN];
    unsigned char token[6];
    char hex[sizeof token * 2 + 1];
    DavFault f = { 0 };
    randombytes_buf(token, sizeof token);
    sodium_bin2hex(hex, sizeof hex, token, sizeof token);
    if (text_fmt(sig, sizeof sig, "%s.minisig", path) < 0 || text_fmt(back, sizeof back, "%s/back-%s", dir, base) < 0 ||
        text_fmt(backsig, sizeof backsig, "%s.minisig", back) < 0) {
        r->fault = DAV_FAULT_DISK;
        text_copy(r->why, sizeof r->why, "path too long");
        return -1;
    }
    /* Both files whole under temporary names first, then both moved: a reader of the folder never
     * sees half a bundle, and a final bundle is without its signature only between two MOVEs. A
     * temporary file a failed try leaves is not a bundle's name: the coordinator's tools pass it by.
     * A final name already there holds this kiosk's copy of the same records (names carry the
     * kiosk id and the records' range) from a try whose handover was never recorded (killed, or
     * cut off before it): it goes, and this copy, verified below, takes its place. */
    for (int i = 0; i < 4; i++) {
        if (i == 2) moved_note(base);
        text_fmt(name, sizeof name, "%s%s", base, i % 2 ? ".minisig" : "");
        text_fmt(tmp, sizeof tmp, "%s.part-%s", name, hex);
        if (i < 2 ? dav_put(S.dav, i ? sig : path, tmp, &f) : dav_move(S.dav, tmp, name, 1, &f)) {
            drop_parts(base, hex);
            return fault(r, &f);
        }
    }
    /* What the server holds, read back and checked as the coordinator will. */
    text_fmt(name, sizeof name, "%s.minisig", base);
    if (dav_get(S.dav, base, back, &f) < 0 || dav_get(S.dav, name, backsig, &f) < 0) {
        unlink(back);
        unlink(backsig);
        return fault(r, &f);
    }
    unsigned char hash[64];
    int errnum = 0, rc = 0;
    Err e = { "the hash is not hex" };
    if (sodium_hex2bin(hash, sizeof hash, h->hash, strlen(h->hash), NULL, NULL, NULL) < 0 ||
        bundle_verify_file(back, &S.key.pk, hash, &errnum, &e) < 0) {
        r->fault = DAV_FAULT_VERIFY;
        text_fmt(r->why, sizeof r->why, "the copy on the server: %s", e.msg);
        rc = -1;
    }
    unlink(back);
    unlink(backsig);
    return rc;
}

/* Removes a private upload folder and everything in it (only files are ever put there). */
static void clean(const char *dir)
{
    text_clear_dir(dir);
    rmdir(dir);
}

/* What a kiosk killed mid-upload left beside the database: encrypted copies, gone at the start. */
static void sweep(void)
{
    char folder[PALLAY_PATH_LEN], path[PALLAY_PATH_LEN];
    db_folder(folder, sizeof folder);
    DIR *d = opendir(folder);
    struct dirent *ent;
    while (d && (ent = readdir(d)))
        if (strncmp(ent->d_name, UPLOAD_PREFIX, strlen(UPLOAD_PREFIX)) == 0 &&
            text_fmt(path, sizeof path, "%s/%s", folder, ent->d_name) == 0)
            clean(path);
    if (d) closedir(d);
}

/* The server's Date header is a trusted time: a clock record when this start of the kiosk has
 * none yet or the offset moved (records_clock decides), before the bundle is built, so that it
 * travels in it and its header. A failure to write it costs only the correction. */
static void note_clock(UplinkReport *r)
{
    long long server, local;
    char id[37];
    Err e;
    if (!dav_server_time(S.dav, &server, &local)) return;
    Store *s = store_open(S.db, &e);
    if (!s) return;
    if (records_clock(s, local, server, id, &e) == 1) {
        r->clock = 1;
        r->clock_offset = server - local;
    }
    store_close(s);
}

static long long now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

/* The bytes of path and of path+suffix (a bundle and its signature). */
static long long file_size(const char *path, const char *suffix)
{
    struct stat st;
    char other[PALLAY_PATH_LEN];
    long long n = stat(path, &st) == 0 ? (long long)st.st_size : 0;
    if (text_fmt(other, sizeof other, "%s%s", path, suffix) == 0 && stat(other, &st) == 0) n += (long long)st.st_size;
    return n;
}

/* One try: 1 if something was pending (r says how it went), 0 if nothing was. */
static int attempt(UplinkReport *r, int asked)
{
    Err e;
    Store *s = store_open(S.db, &e);
    long long pending = s ? handover_pending_count(s, &e) : -1;
    if (s) store_close(s);
    if (pending == 0) return 0;
    if (pending < 0 && !asked) return 0;    /* a busy database: the next wake counts again */
    UplinkReport *trying = cancelled(NULL) ? NULL : calloc(1, sizeof *trying);
    if (trying) {
        trying->outcome = UPLINK_TRYING;
        post(trying);
    }
    /* The cheap question first: is the server there, and are we let in? */
    DavFault f = { 0 };
    if (dav_check(S.dav, &f) < 0) {
        r->contact = f.status > 0;
        fault(r, &f);
        return 1;
    }
    r->contact = 1;
    note_clock(r);
    char folder[PALLAY_PATH_LEN], dir[PALLAY_PATH_LEN];
    db_folder(folder, sizeof folder);
    if (text_fmt(dir, sizeof dir, "%s/" UPLOAD_PREFIX "XXXXXX", folder) < 0 || !mkdtemp(dir)) {
        r->fault = DAV_FAULT_DISK;
        text_fmt(r->why, sizeof r->why, "a folder beside %s: %s", S.db, strerror(errno));
        return 1;
    }
    CourierJob job = { S.db, &S.key, S.recipient, S.content, dav_where(S.dav), 0, 1 };
    CourierResult *res = calloc(1, sizeof *res);
    if (!res) {
        rmdir(dir);
        r->fault = DAV_FAULT_DISK;
        text_copy(r->why, sizeof r->why, "out of memory");
        return 1;
    }
    CourierOutcome o = courier_send(&job, dir, res);
    if (o != COURIER_SENT && o != COURIER_NOTHING) {
        r->fault = DAV_FAULT_DISK;
        text_fmt(r->why, sizeof r->why, "the bundle: %s", res->e.msg);
    }
    int ok = o == COURIER_SENT;
    long long t0 = now_us();
    for (int i = 0; ok && i < res->made; i++) r->bytes += file_size(res->made_path[i], ".minisig");
    /* Every bundle verified on the server before any handover is recorded: one that failed leaves
     * all of them pending, and the next try replaces the copies already there (same names). */
    for (int i = 0; ok && i < res->made; i++) ok = upload_one(res->made_path[i], &res->handover[i], dir, r) == 0;
    if (ok && courier_record(S.db, res, dav_where(S.dav)) < 0) {
        ok = 0;
        r->fault = DAV_FAULT_DISK;
        text_fmt(r->why, sizeof r->why, "the handover: %s", res->e.msg);
    }
    if (ok) {
        r->upload_us = now_us() - t0;
        moved_sweep(res);
        r->outcome = UPLINK_SENT;
        r->records = res->records;
        r->bundles = res->bundles;
        text_copy(r->receipt, sizeof r->receipt, res->receipt);
    } else if (o == COURIER_NOTHING) {
        r->outcome = UPLINK_NOTHING;
    }
    clean(dir);
    free(res);
    return 1;
}

/* The content packs' private folder and the note of the manifest refused last, beside the database. */
#define CONTENT_FOLDER ".pallay-content"
#define SEEN_FILE ".pallay-content-seen"

static int content_path(char *out, size_t n, const char *name)
{
    char folder[PALLAY_PATH_LEN];
    db_folder(folder, sizeof folder);
    return text_fmt(out, n, "%s/%s", folder, name);
}

static void seen_load(void)
{
    char path[PALLAY_PATH_LEN];
    S.seen[0] = '\0';
    if (content_path(path, sizeof path, SEEN_FILE) == 0) packfetch_seen_load(path, S.seen);
}

static void seen_save(const char *seen)
{
    char path[PALLAY_PATH_LEN];
    SDL_LockMutex(S.lock);
    text_copy(S.seen, sizeof S.seen, seen);
    SDL_UnlockMutex(S.lock);
    if (content_path(path, sizeof path, SEEN_FILE) == 0) packfetch_seen_save(path, seen);
}

/* A look at the folder's content/ (and the download of a newer pack), told to the kiosk. */
static void content_check(void)
{
    SDL_LockMutex(S.lock);
    int handed = S.handed;
    char seen[65];
    text_copy(seen, sizeof seen, S.seen);
    SDL_UnlockMutex(S.lock);
    if (handed || !S.content_key[0] || cancelled(NULL)) return;
    char dir[PALLAY_PATH_LEN], buf[3][PALLAY_PATH_LEN];
    CatalogPaths paths;
    long long installed = 0;
    Err e;
    if (install_current(S.content_dir, buf, &paths, &installed, &e) != 1) installed = 0;
    UplinkReport *r = calloc(1, sizeof *r);
    if (!r) return;
    r->outcome = UPLINK_CONTENT;
    if (content_path(dir, sizeof dir, CONTENT_FOLDER) < 0 || (mkdir(dir, 0700) != 0 && errno != EEXIST)) {
        r->pack.outcome = PACKFETCH_FAULT;
        r->pack.fault.fault = DAV_FAULT_DISK;
        text_fmt(r->pack.why, sizeof r->pack.why, "a folder beside %s: %s", S.db, strerror(errno));
        post(r);
        return;
    }
    PackFetchJob job = { S.content_key, dir, installed, S.pack_max, seen };
    PackFetchOutcome o = packfetch_run(S.dav, &job, &r->pack);
    if (o == PACKFETCH_REFUSED) seen_save(r->pack.seen);
    if (o == PACKFETCH_READY) {
        SDL_LockMutex(S.lock);
        S.handed = 1;
        text_copy(S.handed_seen, sizeof S.handed_seen, r->pack.seen);
        SDL_UnlockMutex(S.lock);
    }
    if (cancelled(NULL)) free(r);
    else if (post(r) < 0 && o == PACKFETCH_READY) uplink_pack_done(0);
}

/* Seconds to wait after the n-th fault in a row: doubling from backoff_min up to backoff_max,
 * each drawn between half and all of it, so kiosks that lost the same server do not return as one. */
static int backoff(int n)
{
    long base = S.backoff_min;
    for (int i = 1; i < n && base < S.backoff_max; i++) base *= 2;
    if (base > S.backoff_max) base = S.backoff_max;
    long s = base / 2 + (long)randombytes_uniform((uint32_t)(base - base / 2 + 1));
    return s < 1 ? 1 : (int)s;
}

static int needs_person(const char *fault)
{
    return fault && (strcmp(fault, DAV_FAULT_AUTH) == 0 || strcmp(fault, DAV_FAULT_REDIRECT) == 0 || strcmp(fault, DAV_FAULT_TLS) == 0);
}

static int worker(void *unused)
{
    (void)unused;
    Uint64 due = 0;     /* ticks of the next try: the first is at the start */
    sweep();
    for (;;) {
        SDL_LockMutex(S.lock);
        for (;;) {
            Uint64 t = SDL_GetTicks64();
            /* Saves on the kiosk bring the try forward, unless a fault asked for a wait. */
            if (S.stop || S.now || t >= due || (S.poked && !S.faults)) break;
            S.poked = 0;
            SDL_CondWaitTimeout(S.cond, S.lock, (Uint32)(due - t));
        }
        int stop = S.stop, asked = S.now;
        S.now = S.poked = 0;
        SDL_UnlockMutex(S.lock);
        if (stop) break;
        Uint64 wait_ms = IDLE_S * 1000ULL;
        UplinkReport *r = calloc(1, sizeof *r);
        if (!r) {
            due = SDL_GetTicks64() + wait_ms;
            continue;
        }
        r->outcome = UPLINK_FAULT;
        int tried = attempt(r, asked), contact = r->contact && !needs_person(r->fault);
        if (!tried) {
            if (S.faults) wait_ms = (Uint64)backoff(S.faults) * 1000;
            if (asked) { r->outcome = UPLINK_NOTHING; post(r); }
            else free(r);
        } else {
            if (r->outcome == UPLINK_FAULT) {
                /* A fault only a person can mend (a password, an address, a certificate) is not
                 * tried again soon: the longest wait at once. "Sync now" still tries at once. */
                ++S.faults;
                r->backoff_s = backoff(needs_person(r->fault) ? 64 : S.faults);
                wait_ms = (Uint64)r->backoff_s * 1000;
            } else {
                S.faults = 0;
            }
            SDL_LockMutex(S.lock);
            int stopping = S.stop;
            SDL_UnlockMutex(S.lock);
            if (stopping) free(r);  /* cut short by the stop: nobody is left to hear it */
            else post(r);
        }
        /* Content at each contact; with nothing pending, this look is the contact. */
        if (!tried || contact) content_check();
        due = SDL_GetTicks64() + wait_ms;
    }
    return 0;
}

/* Tests only: PALLAY_TEST_NET_TIMEOUT=N makes both the connect timeout and the low-speed time N
 * seconds, so that a stalled server is seen in a test's time. */
static long test_timeout(void)
{
#ifdef PALLAY_TEST_HOOKS
    const char *v = getenv("PALLAY_TEST_NET_TIMEOUT");
    if (v && atol(v) > 0) return atol(v);
#endif
    return 0;
}

int uplink_start(const UplinkConfig *c, Err *e)
{
    if (S.thread) return 0;
    if (dav_init() < 0) return err_set(e, "sync: libcurl did not start");
    S.global = 1;
    DavConfig dc = { c->url, c->user, c->password_file, c->insecure_http, test_timeout(), test_timeout(), cancelled, NULL };
    if (!(S.dav = dav_open(&dc, e))) goto fail;
    if (!S.event) {
        S.event = SDL_RegisterEvents(1);
        if (S.event == (Uint32)-1) { S.event = 0; err_set(e, "sync: no SDL event left"); goto fail; }
    }
    text_copy(S.db, sizeof S.db, c->db);
    text_copy(S.content, sizeof S.content, c->content_version ? c->content_version : "");
    S.key = *c->key;
    memcpy(S.recipient, c->recipient, sizeof S.recipient);
    S.backoff_min = c->backoff_min > 0 ? c->backoff_min : 30;
    S.backoff_max = c->backoff_max >= S.backoff_min ? c->backoff_max : S.backoff_min;
    S.stop = S.now = S.poked = S.faults = S.handed = 0;
    text_copy(S.content_key, sizeof S.content_key, c->content_key && c->content_dir && c->content_dir[0] ? c->content_key : "");
    text_copy(S.content_dir, sizeof S.content_dir, c->content_dir ? c->content_dir : "");
    S.pack_max = c->pack_max_bytes;
    seen_load();
    S.lock = SDL_CreateMutex();
    S.cond = SDL_CreateCond();
    if (!S.lock || !S.cond) { err_set(e, "sync: out of memory"); goto fail; }
    S.thread = SDL_CreateThread(worker, "uplink", NULL);
    if (!S.thread) { err_set(e, "sync: no thread: %s", SDL_GetError()); goto fail; }
    return 0;
fail:
    uplink_stop();
    return -1;
}

Uint32 uplink_event_type(void) { return S.event; }

void uplink_sync_now(void)
{
    if (!S.thread) return;
    SDL_LockMutex(S.lock);
    S.now = 1;
    SDL_CondSignal(S.cond);
    SDL_UnlockMutex(S.lock);
}

void uplink_poke(void)
{
    if (!S.thread) return;
    SDL_LockMutex(S.lock);
    S.poked = 1;
    SDL_CondSignal(S.cond);
    SDL_UnlockMutex(S.lock);
}

void uplink_release(void *data) { free(data); }

void uplink_pack_done(int refused)
{
    if (!S.lock) return;
    SDL_LockMutex(S.lock);
    int handed = S.handed;
    char seen[65], dir[PALLAY_PATH_LEN];
    text_copy(seen, sizeof seen, S.handed_seen);
    /* The pack was copied by the install, or is not wanted: it goes before the next fetch may begin. */
    if (handed && content_path(dir, sizeof dir, CONTENT_FOLDER) == 0) packfetch_clear(dir);
    S.handed = 0;
    SDL_UnlockMutex(S.lock);
    if (handed && refused) seen_save(seen);
}

void uplink_stop(void)
{
    if (S.thread) {
        SDL_LockMutex(S.lock);
        S.stop = 1;
        SDL_CondSignal(S.cond);
        SDL_UnlockMutex(S.lock);
        SDL_WaitThread(S.thread, NULL);
        S.thread = NULL;
    }
    if (S.cond) SDL_DestroyCond(S.cond);
    if (S.lock) SDL_DestroyMutex(S.lock);
    S.cond = NULL;
    S.lock = NULL;
    dav_close(S.dav);
    S.dav = NULL;
    if (S.global) dav_cleanup();
    S.global = 0;
    identity_close(&S.key);
}
