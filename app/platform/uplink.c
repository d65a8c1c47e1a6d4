/* uplink: one libcurl easy handle, used only in the thread (it keeps the connection between the
 * requests of one upload). Redirects are never followed, so the credentials go to sync_url's host
 * only; TLS is checked against the system's CA store (libcurl's default). */
#include "uplink.h"
#include "../base/text.h"

#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define IDLE_S 600          /* nothing pending, no fault: count again after this long */
#define CONNECT_S 15L
#define LOW_SPEED 64L       /* bytes a second, for LOW_SPEED_S: a stalled server is a fault */
#define LOW_SPEED_S 30L

static struct {
    SDL_Thread *thread;
    SDL_mutex *lock;
    SDL_cond *cond;
    Uint32 event;
    int stop, now, poked;
    char url[PALLAY_PATH_LEN], path[PALLAY_PATH_LEN], where[PALLAY_NAME_LEN];
    char user[PALLAY_PATH_LEN], password[PALLAY_ERR_LEN];
    char db[PALLAY_PATH_LEN], content[PALLAY_NAME_LEN];
    int backoff_min, backoff_max, faults;
    KioskKey key;
    unsigned char recipient[32];
    CURL *curl;
    int global;     /* curl_global_init was called */
    char curl_err[CURL_ERROR_SIZE];
} S;

static void post(UplinkReport *r)
{
    SDL_Event ev = { 0 };
    ev.type = S.event;
    ev.user.code = r->outcome;
    ev.user.data1 = r;
    if (SDL_PushEvent(&ev) != 1) free(r);
}

static size_t discard(char *p, size_t size, size_t n, void *u)
{
    (void)p; (void)u;
    return size * n;
}

/* A transfer under way ends when the kiosk stops. */
static int progress(void *u, curl_off_t a, curl_off_t b, curl_off_t c, curl_off_t d)
{
    (void)u; (void)a; (void)b; (void)c; (void)d;
    SDL_LockMutex(S.lock);
    int stop = S.stop;
    SDL_UnlockMutex(S.lock);
    return stop;
}

/* Sets up the handle for one request to the folder's file name ("" for the folder itself). */
static int request(const char *name, const char *method)
{
    char url[PALLAY_PATH_LEN];
    if (text_fmt(url, sizeof url, "%s%s", S.url, name) < 0) return -1;
    curl_easy_reset(S.curl);
    curl_easy_setopt(S.curl, CURLOPT_URL, url);
    curl_easy_setopt(S.curl, CURLOPT_USERNAME, S.user);
    curl_easy_setopt(S.curl, CURLOPT_PASSWORD, S.password);
    curl_easy_setopt(S.curl, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
    curl_easy_setopt(S.curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(S.curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(S.curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(S.curl, CURLOPT_CONNECTTIMEOUT, CONNECT_S);
    curl_easy_setopt(S.curl, CURLOPT_LOW_SPEED_LIMIT, LOW_SPEED);
    curl_easy_setopt(S.curl, CURLOPT_LOW_SPEED_TIME, LOW_SPEED_S);
    curl_easy_setopt(S.curl, CURLOPT_ERRORBUFFER, S.curl_err);
    curl_easy_setopt(S.curl, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(S.curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(S.curl, CURLOPT_XFERINFOFUNCTION, progress);
    if (method) curl_easy_setopt(S.curl, CURLOPT_CUSTOMREQUEST, method);
    S.curl_err[0] = '\0';
    return 0;
}

/* Runs the request set up; fills r with the fault if it failed (any status but want_lo..want_hi). */
static int perform(UplinkReport *r, const char *what, long want_lo, long want_hi)
{
    CURLcode rc = curl_easy_perform(S.curl);
    long status = 0;
    curl_easy_getinfo(S.curl, CURLINFO_RESPONSE_CODE, &status);
    if (rc != CURLE_OK) {
        r->fault = status ? "server" : "offline";
        text_fmt(r->why, sizeof r->why, "%s: %s", what, S.curl_err[0] ? S.curl_err : curl_easy_strerror(rc));
        return -1;
    }
    if (status == 401 || status == 403) {
        r->fault = "auth";
        text_fmt(r->why, sizeof r->why, "%s: the server refused the user and password (%ld)", what, status);
        return -1;
    }
    if (status >= want_lo && status <= want_hi) return 0;
    r->fault = "server";
    text_fmt(r->why, sizeof r->why, "%s: the server answered %ld", what, status);
    return -1;
}

static int put_file(const char *path, const char *name, UplinkReport *r)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f || fstat(fileno(f), &st) < 0 || request(name, NULL) < 0) {
        if (f) fclose(f);
        r->fault = "disk";
        text_fmt(r->why, sizeof r->why, "%s: %s", path, strerror(errno));
        return -1;
    }
    curl_easy_setopt(S.curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(S.curl, CURLOPT_READDATA, f);
    curl_easy_setopt(S.curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)st.st_size);
    int rc = perform(r, "PUT", 200, 299);
    fclose(f);
    return rc;
}

/* MOVE name to final, refusing to overwrite a file of that name. The Destination is the
 * folder's path (RFC 4918 allows it), so no host name needs to match the server's idea of it. */
static int move_file(const char *name, const char *final, UplinkReport *r)
{
    char dest[PALLAY_PATH_LEN + 16];
    if (request(name, "MOVE") < 0 || text_fmt(dest, sizeof dest, "Destination: %s%s", S.path, final) < 0) {
        r->fault = "server";
        text_copy(r->why, sizeof r->why, "MOVE: name too long");
        return -1;
    }
    struct curl_slist *h = curl_slist_append(NULL, dest);
    struct curl_slist *h2 = h ? curl_slist_append(h, "Overwrite: F") : NULL;
    if (h2) h = h2;
    curl_easy_setopt(S.curl, CURLOPT_HTTPHEADER, h);
    int rc = perform(r, "MOVE", 200, 299);
    long status = 0;
    curl_easy_getinfo(S.curl, CURLINFO_RESPONSE_CODE, &status);
    /* 412: a file of that name is there already. Names carry the kiosk id and the records' range,
     * so it is this kiosk's copy of the same records from a try whose handover was never recorded
     * (killed, or cut off before it). It goes, and this verified copy takes its place. */
    if (rc < 0 && status == 412 && request(final, "DELETE") == 0 && perform(r, "DELETE", 200, 299) == 0 &&
        request(name, "MOVE") == 0) {
        curl_easy_setopt(S.curl, CURLOPT_HTTPHEADER, h);
        rc = perform(r, "MOVE", 200, 299);
    }
    curl_slist_free_all(h);
    return rc;
}

static int get_file(const char *name, const char *path, UplinkReport *r)
{
    FILE *f = fopen(path, "wb");
    if (!f || request(name, NULL) < 0) {
        if (f) fclose(f);
        r->fault = "disk";
        text_fmt(r->why, sizeof r->why, "%s: %s", path, strerror(errno));
        return -1;
    }
    curl_easy_setopt(S.curl, CURLOPT_WRITEFUNCTION, NULL);
    curl_easy_setopt(S.curl, CURLOPT_WRITEDATA, f);
    int rc = perform(r, "GET", 200, 200);
    if (fclose(f) != 0 && rc == 0) {
        r->fault = "disk";
        text_fmt(r->why, sizeof r->why, "%s: %s", path, strerror(errno));
        rc = -1;
    }
    return rc;
}

/* Removes what a failed try left under temporary names, if the server still answers. */
static void drop_parts(const char *base, const char *hex)
{
    UplinkReport ignored;
    char tmp[PALLAY_PATH_LEN];
    for (int i = 0; i < 2; i++)
        if (text_fmt(tmp, sizeof tmp, "%s%s.part-%s", base, i ? ".minisig" : "", hex) == 0 && request(tmp, "DELETE") == 0)
            perform(&ignored, "DELETE", 200, 299);
}

/* One bundle (and its signature) to the server and back. */
static int upload_one(const char *path, const Handover *h, const char *dir, UplinkReport *r)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char sig[PALLAY_PATH_LEN], name[PALLAY_PATH_LEN], tmp[PALLAY_PATH_LEN], back[PALLAY_PATH_LEN], backsig[PALLAY_PATH_LEN];
    unsigned char token[6];
    char hex[sizeof token * 2 + 1];
    randombytes_buf(token, sizeof token);
    sodium_bin2hex(hex, sizeof hex, token, sizeof token);
    if (text_fmt(sig, sizeof sig, "%s.minisig", path) < 0 || text_fmt(back, sizeof back, "%s/back-%s", dir, base) < 0 ||
        text_fmt(backsig, sizeof backsig, "%s.minisig", back) < 0) {
        r->fault = "disk";
        text_copy(r->why, sizeof r->why, "path too long");
        return -1;
    }
    /* Both files whole under temporary names first, then both moved: a reader of the folder never
     * sees half a bundle, and a final bundle is without its signature only between two MOVEs. A
     * temporary file a failed try leaves is not a bundle's name: the coordinator's tools pass it by. */
    for (int i = 0; i < 4; i++) {
        text_fmt(name, sizeof name, "%s%s", base, i % 2 ? ".minisig" : "");
        text_fmt(tmp, sizeof tmp, "%s.part-%s", name, hex);
        if (i < 2 ? put_file(i ? sig : path, tmp, r) : move_file(tmp, name, r)) {
            drop_parts(base, hex);
            return -1;
        }
    }
    /* What the server holds, read back and checked as the coordinator will. */
    text_fmt(name, sizeof name, "%s.minisig", base);
    if (get_file(base, back, r) < 0 || get_file(name, backsig, r) < 0) return -1;
    unsigned char hash[64];
    int errnum = 0, rc = 0;
    Err e = { "the hash is not hex" };
    if (sodium_hex2bin(hash, sizeof hash, h->hash, strlen(h->hash), NULL, NULL, NULL) < 0 ||
        bundle_verify_file(back, &S.key.pk, hash, &errnum, &e) < 0) {
        r->fault = "verify";
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
    DIR *d = opendir(dir);
    struct dirent *ent;
    char path[PALLAY_PATH_LEN];
    while (d && (ent = readdir(d)))
        if (ent->d_name[0] != '.' && text_fmt(path, sizeof path, "%s/%s", dir, ent->d_name) == 0) unlink(path);
    if (d) closedir(d);
    rmdir(dir);
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

/* One try: 1 if something was pending (r says how it went), 0 if nothing was. */
static int attempt(UplinkReport *r, int asked)
{
    Err e;
    Store *s = store_open(S.db, &e);
    long long pending = s ? handover_pending_count(s, &e) : -1;
    if (s) store_close(s);
    if (pending == 0) return 0;
    if (pending < 0 && !asked) return 0;    /* a busy database: the next wake counts again */
    /* The cheap question first: is the server there, and are we let in? Any answer but a refusal
     * or a server error will do: a plain nginx says 405 to OPTIONS, and a folder not made yet
     * (404) is made by the first PUT. */
    if (request("", "OPTIONS") < 0 || perform(r, "OPTIONS", 200, 499) < 0) return 1;
    char folder[PALLAY_PATH_LEN], dir[PALLAY_PATH_LEN];
    db_folder(folder, sizeof folder);
    if (text_fmt(dir, sizeof dir, "%s/" UPLOAD_PREFIX "XXXXXX", folder) < 0 || !mkdtemp(dir)) {
        r->fault = "disk";
        text_fmt(r->why, sizeof r->why, "a folder beside %s: %s", S.db, strerror(errno));
        return 1;
    }
    CourierJob job = { S.db, &S.key, S.recipient, S.content, S.where, 0, 1 };
    CourierResult *res = calloc(1, sizeof *res);
    if (!res) {
        rmdir(dir);
        r->fault = "disk";
        text_copy(r->why, sizeof r->why, "out of memory");
        return 1;
    }
    CourierOutcome o = courier_send(&job, dir, res);
    if (o != COURIER_SENT && o != COURIER_NOTHING) {
        r->fault = "disk";
        text_fmt(r->why, sizeof r->why, "the bundle: %s", res->e.msg);
    }
    int ok = o == COURIER_SENT;
    /* Every bundle verified on the server before any handover is recorded: one that failed leaves
     * all of them pending, and the next try replaces the copies already there (same names). */
    for (int i = 0; ok && i < res->made; i++) ok = upload_one(res->made_path[i], &res->handover[i], dir, r) == 0;
    if (ok && courier_record(S.db, res, S.where) < 0) {
        ok = 0;
        r->fault = "disk";
        text_fmt(r->why, sizeof r->why, "the handover: %s", res->e.msg);
    }
    if (ok) {
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
        if (!attempt(r, asked)) {
            if (S.faults) wait_ms = (Uint64)backoff(S.faults) * 1000;
            if (asked) { r->outcome = UPLINK_NOTHING; post(r); }
            else free(r);
        } else {
            if (r->outcome == UPLINK_FAULT) {
                r->backoff_s = backoff(++S.faults);
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
        due = SDL_GetTicks64() + wait_ms;
    }
    return 0;
}

/* The password, from a file only the kiosk's user can read (a trailing newline is not part of it). */
static int read_password(const char *path, Err *e)
{
    S.password[0] = '\0';
    if (!path || !path[0]) return 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        int errnum = errno;
        if (fd >= 0) close(fd);
        return err_set(e, "sync_password_file %s: %s", path, strerror(errnum));
    }
    if (st.st_mode & (S_IRWXG | S_IRWXO)) {
        close(fd);
        return err_set(e, "sync_password_file %s: others than the kiosk's user can read it (chmod 600 it)", path);
    }
    ssize_t n = read(fd, S.password, sizeof S.password - 1);
    close(fd);
    if (n < 0) return err_set(e, "sync_password_file %s: %s", path, strerror(errno));
    S.password[n] = '\0';
    S.password[strcspn(S.password, "\r\n")] = '\0';
    return 0;
}

/* Splits the URL: its path (for MOVE's Destination) and "network HOST[:PORT]" for the handover,
 * and refuses plain http to another host than this one unless insecure_http. */
static int parse_url(const char *url, int insecure, Err *e)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL, *port = NULL, *path = NULL;
    int rc = -1;
    if (!u || curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK || curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || curl_url_get(u, CURLUPART_PATH, &path, 0) != CURLUE_OK) {
        err_set(e, "sync_url \"%.80s\" is not a URL", url);
        goto fail;
    }
    curl_url_get(u, CURLUPART_PORT, &port, 0);
    if (strcmp(scheme, "https") != 0 && strcmp(scheme, "http") != 0) {
        err_set(e, "sync_url: %s is not http or https", scheme);
        goto fail;
    }
    int loopback = strcmp(host, "127.0.0.1") == 0 || strcmp(host, "localhost") == 0 || strcmp(host, "[::1]") == 0;
    if (strcmp(scheme, "http") == 0 && !loopback && !insecure) {
        err_set(e, "sync_url: plain http to %s would send the password in clear (use https, or sync_insecure_http = 1)", host);
        goto fail;
    }
    const char *sep = path[strlen(path) - 1] == '/' ? "" : "/";
    if (text_fmt(S.path, sizeof S.path, "%s%s", path, sep) < 0 || text_fmt(S.url, sizeof S.url, "%s%s", url, sep) < 0) {
        err_set(e, "sync_url: too long");
        goto fail;
    }
    text_fmt(S.where, sizeof S.where, "network %.40s%s%.6s", host, port ? ":" : "", port ? port : "");
    rc = 0;
fail:
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_free(path);
    curl_url_cleanup(u);
    return rc;
}

int uplink_start(const UplinkConfig *c, Err *e)
{
    if (S.thread) return 0;
    if (strchr(c->url, '?') || strchr(c->url, '#')) return err_set(e, "sync_url: a folder's URL has no ? or #");
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0) return err_set(e, "sync: libcurl did not start");
    S.global = 1;
    if (parse_url(c->url, c->insecure_http, e) < 0 || read_password(c->password_file, e) < 0) goto fail;
    if (!S.event) {
        S.event = SDL_RegisterEvents(1);
        if (S.event == (Uint32)-1) { S.event = 0; err_set(e, "sync: no SDL event left"); goto fail; }
    }
    text_copy(S.user, sizeof S.user, c->user ? c->user : "");
    text_copy(S.db, sizeof S.db, c->db);
    text_copy(S.content, sizeof S.content, c->content_version ? c->content_version : "");
    S.key = *c->key;
    memcpy(S.recipient, c->recipient, sizeof S.recipient);
    S.backoff_min = c->backoff_min > 0 ? c->backoff_min : 30;
    S.backoff_max = c->backoff_max >= S.backoff_min ? c->backoff_max : S.backoff_min;
    S.stop = S.now = S.poked = S.faults = 0;
    S.curl = curl_easy_init();
    S.lock = SDL_CreateMutex();
    S.cond = SDL_CreateCond();
    if (!S.curl || !S.lock || !S.cond) { err_set(e, "sync: out of memory"); goto fail; }
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
    if (S.curl) curl_easy_cleanup(S.curl);
    S.curl = NULL;
    if (S.global) curl_global_cleanup();
    S.global = 0;
    sodium_memzero(S.password, sizeof S.password);
    identity_close(&S.key);
}
