/* dav: one libcurl easy handle per Dav (it keeps the connection between the requests of one
 * upload or fetch). Redirects are never followed and CURLOPT_UNRESTRICTED_AUTH stays off, so
 * the credentials go to sync_url's host only; TLS is checked against the system's CA store
 * (libcurl's default, set here again so that no build can lose it). */
#include "dav.h"
#include "../store/store.h"
#include "../base/text.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CONNECT_S 15L
#define LOW_SPEED 64L       /* bytes a second, for low_speed_s: a stalled server is a fault */
#define LOW_SPEED_S 30L
#define LIST_MAX (8L << 20) /* a PROPFIND answer larger than this is not a folder of bundles */

struct Dav {
    CURL *curl;
    char url[PALLAY_PATH_LEN], path[PALLAY_PATH_LEN], where[PALLAY_NAME_LEN];
    char user[PALLAY_PATH_LEN], password[PALLAY_ERR_LEN];
    long connect_s, low_speed_s;
    int (*cancelled)(void *);
    void *ud;
    long long server_time, local_time;
    char curl_err[CURL_ERROR_SIZE];
};

static const struct { const char *fault, *sentence; } SENTENCES[] = {
    { DAV_FAULT_OFFLINE, "the server cannot be reached: no network, or it is off" },
    { DAV_FAULT_NO_ANSWER, "the server did not accept the connection in time" },
    { DAV_FAULT_STALLED, "the server stopped answering in the middle of a transfer" },
    { DAV_FAULT_DROPPED, "the connection broke in the middle of a transfer" },
    { DAV_FAULT_AUTH, "the server refused the user name or password" },
    { DAV_FAULT_REDIRECT, "the server sent us to another address: sync_url must be corrected" },
    { DAV_FAULT_SERVER_ERROR, "the server failed (error 500)" },
    { DAV_FAULT_BAD_GATEWAY, "the server's gateway could not reach it (error 502)" },
    { DAV_FAULT_UNAVAILABLE, "the server is busy or under maintenance (error 503)" },
    { DAV_FAULT_FULL, "the server is full (error 507): its owner must make room" },
    { DAV_FAULT_SERVER, "the server gave an unexpected answer" },
    { DAV_FAULT_TLS, "the server's certificate cannot be trusted" },
    { DAV_FAULT_VERIFY, "the copy read back from the server is not the one sent" },
    { DAV_FAULT_DISK, "a file on this machine could not be read or written" },
    { DAV_FAULT_STOPPED, "stopped before the end" },
};

const char *dav_fault_sentence(const char *fault)
{
    for (size_t i = 0; fault && i < sizeof SENTENCES / sizeof *SENTENCES; i++)
        if (strcmp(SENTENCES[i].fault, fault) == 0) return SENTENCES[i].sentence;
    return "the network sync failed";
}

int dav_init(void) { return curl_global_init(CURL_GLOBAL_DEFAULT) == 0 ? 0 : -1; }
void dav_cleanup(void) { curl_global_cleanup(); }

static size_t discard(char *p, size_t size, size_t n, void *u)
{
    (void)p; (void)u;
    return size * n;
}

/* The Date header of each answer: the server's clock, and ours at the moment it came. */
static size_t header(char *p, size_t size, size_t n, void *u)
{
    Dav *d = u;
    size_t len = size * n;
    if (len > 5 && len < 128 && strncasecmp(p, "Date:", 5) == 0) {
        char v[128];
        memcpy(v, p + 5, len - 5);
        v[len - 5] = '\0';
        v[strcspn(v, "\r\n")] = '\0';
        time_t t = curl_getdate(v, NULL);
        if (t > 0) {
            d->server_time = (long long)t;
            d->local_time = store_wall_clock();   /* the clock the kiosk's records are made with */
        }
    }
    return len;
}

static int progress(void *u, curl_off_t a, curl_off_t b, curl_off_t c, curl_off_t e)
{
    Dav *d = u;
    (void)a; (void)b; (void)c; (void)e;
    return d->cancelled ? d->cancelled(d->ud) : 0;
}

/* Sets the handle up for one request to a file of the folder ("" for the folder itself). */
static int request(Dav *d, const char *name, const char *method, DavFault *f)
{
    char url[PALLAY_PATH_LEN];
    if (text_fmt(url, sizeof url, "%s%s", d->url, name) < 0) {
        f->fault = DAV_FAULT_SERVER;
        text_fmt(f->why, sizeof f->why, "%.60s: name too long", name);
        return -1;
    }
    curl_easy_reset(d->curl);
    curl_easy_setopt(d->curl, CURLOPT_URL, url);
    curl_easy_setopt(d->curl, CURLOPT_USERNAME, d->user);
    curl_easy_setopt(d->curl, CURLOPT_PASSWORD, d->password);
    curl_easy_setopt(d->curl, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
    curl_easy_setopt(d->curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(d->curl, CURLOPT_UNRESTRICTED_AUTH, 0L);
    curl_easy_setopt(d->curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(d->curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(d->curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(d->curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(d->curl, CURLOPT_CONNECTTIMEOUT, d->connect_s);
    curl_easy_setopt(d->curl, CURLOPT_LOW_SPEED_LIMIT, LOW_SPEED);
    curl_easy_setopt(d->curl, CURLOPT_LOW_SPEED_TIME, d->low_speed_s);
    curl_easy_setopt(d->curl, CURLOPT_ERRORBUFFER, d->curl_err);
    curl_easy_setopt(d->curl, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(d->curl, CURLOPT_HEADERFUNCTION, header);
    curl_easy_setopt(d->curl, CURLOPT_HEADERDATA, d);
    curl_easy_setopt(d->curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(d->curl, CURLOPT_XFERINFOFUNCTION, progress);
    curl_easy_setopt(d->curl, CURLOPT_XFERINFODATA, d);
    if (method) curl_easy_setopt(d->curl, CURLOPT_CUSTOMREQUEST, method);
    d->curl_err[0] = '\0';
    return 0;
}

static const char *transport_fault(Dav *d, CURLcode rc)
{
    switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST: case CURLE_COULDNT_RESOLVE_PROXY: case CURLE_COULDNT_CONNECT:
        return DAV_FAULT_OFFLINE;
    case CURLE_OPERATION_TIMEDOUT:
        /* No overall timeout is set: this is the low-speed limit, or the connect timeout (a
         * connection kept from the previous request has no connect time of its own). */
        if (strstr(d->curl_err, "too slow")) return DAV_FAULT_STALLED;
        return DAV_FAULT_NO_ANSWER;
    case CURLE_SEND_ERROR: case CURLE_RECV_ERROR: case CURLE_GOT_NOTHING: case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2: case CURLE_HTTP2_STREAM: case CURLE_WEIRD_SERVER_REPLY:
        return DAV_FAULT_DROPPED;
    case CURLE_PEER_FAILED_VERIFICATION: case CURLE_SSL_CONNECT_ERROR: case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE: case CURLE_SSL_ISSUER_ERROR: case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        return DAV_FAULT_TLS;
    case CURLE_READ_ERROR: case CURLE_WRITE_ERROR:
        return DAV_FAULT_DISK;
    case CURLE_ABORTED_BY_CALLBACK:
        return DAV_FAULT_STOPPED;
    default:
        return DAV_FAULT_OFFLINE;
    }
}

static const char *status_fault(long status)
{
    if (status == 401 || status == 403) return DAV_FAULT_AUTH;
    if (status >= 300 && status < 400) return DAV_FAULT_REDIRECT;
    if (status == 500) return DAV_FAULT_SERVER_ERROR;
    if (status == 502 || status == 504) return DAV_FAULT_BAD_GATEWAY;
    if (status == 503) return DAV_FAULT_UNAVAILABLE;
    if (status == 507) return DAV_FAULT_FULL;
    return DAV_FAULT_SERVER;
}

/* Runs the request set up: 0 if the status is within want_lo..want_hi (never a refusal or a
 * redirect), else -1 with f filled. */
static int perform(Dav *d, const char *what, long want_lo, long want_hi, DavFault *f)
{
    CURLcode rc = curl_easy_perform(d->curl);
    long status = 0;
    curl_easy_getinfo(d->curl, CURLINFO_RESPONSE_CODE, &status);
    f->status = status;
    if (rc != CURLE_OK) {
        f->fault = transport_fault(d, rc);
        text_fmt(f->why, sizeof f->why, "%s: %s", what, d->curl_err[0] ? d->curl_err : curl_easy_strerror(rc));
        return -1;
    }
    const char *fault = status_fault(status);
    int refused = strcmp(fault, DAV_FAULT_AUTH) == 0 || strcmp(fault, DAV_FAULT_REDIRECT) == 0;
    if (!refused && status >= want_lo && status <= want_hi) return 0;
    f->fault = fault;
    text_fmt(f->why, sizeof f->why, "%s: the server answered %ld (%s)", what, status, dav_fault_sentence(fault));
    return -1;
}

static int local_fail(DavFault *f, const char *path)
{
    f->fault = DAV_FAULT_DISK;
    f->status = 0;
    text_fmt(f->why, sizeof f->why, "%s: %s", path, strerror(errno));
    return -1;
}

int dav_check(Dav *d, DavFault *f)
{
    return request(d, "", "OPTIONS", f) < 0 ? -1 : perform(d, "OPTIONS", 200, 499, f);
}

int dav_put(Dav *d, const char *path, const char *name, DavFault *f)
{
    FILE *file = fopen(path, "rb");
    struct stat st;
    if (!file || fstat(fileno(file), &st) < 0) {
        local_fail(f, path);
        if (file) fclose(file);
        return -1;
    }
    int rc = request(d, name, NULL, f);
    if (rc == 0) {
        curl_easy_setopt(d->curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(d->curl, CURLOPT_READDATA, file);
        curl_easy_setopt(d->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)st.st_size);
        rc = perform(d, "PUT", 200, 299, f);
    }
    fclose(file);
    return rc;
}

int dav_delete(Dav *d, const char *name, DavFault *f)
{
    return request(d, name, "DELETE", f) < 0 ? -1 : perform(d, "DELETE", 200, 299, f);
}

/* The Destination is the folder's path (RFC 4918 allows it), so no host name needs to match the
 * server's idea of its own. */
int dav_move(Dav *d, const char *from, const char *to, int replace, DavFault *f)
{
    char dest[PALLAY_PATH_LEN + 16];
    if (text_fmt(dest, sizeof dest, "Destination: %s%s", d->path, to) < 0) {
        f->fault = DAV_FAULT_SERVER;
        text_copy(f->why, sizeof f->why, "MOVE: name too long");
        return -1;
    }
    struct curl_slist *h = curl_slist_append(NULL, dest), *h2 = h ? curl_slist_append(h, "Overwrite: F") : NULL;
    if (!h2) {
        curl_slist_free_all(h);
        f->fault = DAV_FAULT_DISK;
        text_copy(f->why, sizeof f->why, "MOVE: out of memory");
        return -1;
    }
    int rc = -1;
    for (int tries = 0; tries < 2; tries++) {
        if (request(d, from, "MOVE", f) < 0) break;
        curl_easy_setopt(d->curl, CURLOPT_HTTPHEADER, h);
        if ((rc = perform(d, "MOVE", 200, 299, f)) == 0 || f->status != 412 || !replace) break;
        /* 412: a file of that name is there already, and the caller said it may go. */
        if (dav_delete(d, to, f) < 0) break;
    }
    curl_slist_free_all(h);
    return rc;
}

typedef struct { FILE *file; long long left; int over; } Sink;

static size_t sink(char *p, size_t size, size_t n, void *u)
{
    Sink *k = u;
    size_t len = size * n;
    if (k->left >= 0 && (long long)len > k->left) {
        k->over = 1;
        return 0;
    }
    if (k->left >= 0) k->left -= (long long)len;
    return fwrite(p, 1, len, k->file);
}

/* max < 0: no limit. */
static int get(Dav *d, const char *name, const char *path, long long max, DavFault *f)
{
    FILE *file = fopen(path, "wb");
    if (!file) return local_fail(f, path);
    Sink k = { file, max, 0 };
    int rc = request(d, name, NULL, f);
    if (rc == 0) {
        curl_easy_setopt(d->curl, CURLOPT_WRITEFUNCTION, sink);
        curl_easy_setopt(d->curl, CURLOPT_WRITEDATA, &k);
        if (max >= 0) curl_easy_setopt(d->curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max);
        rc = perform(d, "GET", 200, 200, f);
        if (rc < 0 && (k.over || strstr(f->why, "aximum file size"))) {
            f->fault = DAV_FAULT_SERVER;
            text_fmt(f->why, sizeof f->why, "GET %.80s: longer than %lld bytes", name, max);
            rc = -2;
        }
    }
    if (fclose(file) != 0 && rc == 0) rc = local_fail(f, path);
    return rc;
}

int dav_get(Dav *d, const char *name, const char *path, DavFault *f) { return get(d, name, path, -1, f); }

int dav_get_max(Dav *d, const char *name, const char *path, long long max, DavFault *f)
{
    return get(d, name, path, max < 0 ? 0 : max, f);
}

typedef struct { char *buf; size_t n, cap; int over; } Body;

static size_t collect(char *p, size_t size, size_t n, void *u)
{
    Body *b = u;
    size_t len = size * n;
    if (b->n + len + 1 > (size_t)LIST_MAX) { b->over = 1; return 0; }
    if (b->n + len + 1 > b->cap) {
        size_t cap = (b->n + len + 1) * 2;
        char *nb = realloc(b->buf, cap);
        if (!nb) return 0;
        b->buf = nb;
        b->cap = cap;
    }
    memcpy(b->buf + b->n, p, len);
    b->n += len;
    b->buf[b->n] = '\0';
    return len;
}

/* The next element named name (any namespace prefix) at or after p, and its end; NULL if none. */
static const char *element(const char *p, const char *end, const char *name, const char **close)
{
    size_t len = strlen(name);
    for (const char *s = p; s && s < end && (s = memchr(s, '<', (size_t)(end - s))); s++) {
        const char *t = s + 1, *colon = t;
        while (colon < end && *colon != ':' && *colon != '>' && *colon != ' ' && *colon != '/') colon++;
        if (colon < end && *colon == ':') t = colon + 1;
        if ((size_t)(end - t) <= len || strncmp(t, name, len) != 0 || !t[len] || !strchr(" >/\t\r\n", t[len])) continue;
        const char *gt = memchr(t, '>', (size_t)(end - t));
        if (!gt) return NULL;
        if (close) {
            /* Its closing tag: "</" prefix? name ">"; a self-closed element has none. */
            *close = gt + 1;
            if (gt[-1] != '/')
                for (const char *c = gt; c && (c = strstr(c, "</")) && c < end; c += 2) {
                    const char *u = c + 2, *k = u;
                    while (k < end && *k != ':' && *k != '>') k++;
                    if (k < end && *k == ':') u = k + 1;
                    if (strncmp(u, name, len) == 0 && u[len] == '>') { *close = c; break; }
                }
        }
        return gt + 1;
    }
    return NULL;
}

static int unhex(int c) { return c >= '0' && c <= '9' ? c - '0' : (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10 : -1; }

/* The last part of an href ("/dav/pallay/a%20b.age" gives "a b.age"); "" for the folder itself. */
static void href_name(const char *s, const char *end, char *out, size_t n)
{
    while (s < end && (end[-1] == '/' || end[-1] == ' ' || end[-1] == '\n' || end[-1] == '\r')) end--;
    const char *slash = s;
    for (const char *p = s; p < end; p++) if (*p == '/') slash = p + 1;
    size_t o = 0;
    for (const char *p = slash; p < end && o + 1 < n; p++) {
        if (*p == '%' && end - p > 2 && unhex(p[1]) >= 0 && unhex(p[2]) >= 0) {
            out[o++] = (char)(unhex(p[1]) * 16 + unhex(p[2]));
            p += 2;
        } else {
            out[o++] = *p;
        }
    }
    out[o] = '\0';
}

int dav_list(Dav *d, DavEntry **out, int *n, DavFault *f)
{
    static const char ASK[] = "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\"><d:prop>"
                              "<d:resourcetype/><d:getcontentlength/></d:prop></d:propfind>";
    Body b = { 0 };
    *out = NULL;
    *n = 0;
    if (request(d, "", "PROPFIND", f) < 0) return -1;
    struct curl_slist *h = curl_slist_append(NULL, "Depth: 1"), *h2 = h ? curl_slist_append(h, "Content-Type: application/xml") : NULL;
    if (!h2) {
        curl_slist_free_all(h);
        f->fault = DAV_FAULT_DISK;
        text_copy(f->why, sizeof f->why, "PROPFIND: out of memory");
        return -1;
    }
    curl_easy_setopt(d->curl, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(d->curl, CURLOPT_POSTFIELDS, ASK);
    curl_easy_setopt(d->curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(d->curl, CURLOPT_WRITEDATA, &b);
    int rc = perform(d, "PROPFIND", 207, 207, f);
    curl_slist_free_all(h);
    if (rc < 0 && b.over) text_fmt(f->why, sizeof f->why, "PROPFIND: the folder's listing is over %ld bytes", LIST_MAX);
    if (rc < 0 || !b.buf) {
        free(b.buf);
        if (rc == 0) return 0;
        return -1;
    }
    rc = dav_parse_listing(b.buf, b.n, out, n);
    free(b.buf);
    if (rc < 0) {
        f->fault = DAV_FAULT_DISK;
        text_copy(f->why, sizeof f->why, "PROPFIND: out of memory");
    }
    return rc;
}

int dav_parse_listing(const char *xml, size_t len, DavEntry **out, int *n)
{
    int cap = 0;
    const char *end = xml + len, *close, *p = xml;
    *out = NULL;
    *n = 0;
    while ((p = element(p, end, "response", &close))) {
        const char *hclose, *lclose, *href = element(p, close, "href", &hclose), *size = element(p, close, "getcontentlength", &lclose);
        int folder = element(p, close, "collection", NULL) != NULL;
        p = close > p ? close : p;
        if (!href || folder || hclose < href) continue;
        DavEntry ent = { .size = size ? strtoll(size, NULL, 10) : -1 };
        href_name(href, hclose, ent.name, sizeof ent.name);
        if (!ent.name[0]) continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            DavEntry *grown = realloc(*out, (size_t)cap * sizeof **out);
            if (!grown) {
                free(*out);
                *out = NULL;
                *n = 0;
                return -1;
            }
            *out = grown;
        }
        (*out)[(*n)++] = ent;
    }
    return 0;
}

int dav_server_time(const Dav *d, long long *server, long long *local)
{
    *server = d->server_time;
    *local = d->local_time;
    return d->server_time > 0;
}

const char *dav_where(const Dav *d) { return d->where; }

/* The password, from a file only its owner can read (a trailing newline is not part of it). */
static int read_password(Dav *d, const char *path, Err *e)
{
    d->password[0] = '\0';
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
    ssize_t n = read(fd, d->password, sizeof d->password - 1);
    close(fd);
    if (n < 0) return err_set(e, "sync_password_file %s: %s", path, strerror(errno));
    d->password[n] = '\0';
    d->password[strcspn(d->password, "\r\n")] = '\0';
    return 0;
}

/* Splits the URL: its path (for MOVE's Destination) and "network HOST[:PORT]" for the handover,
 * and refuses plain http to another host than this one unless insecure. */
static int parse_url(Dav *d, const char *url, int insecure, Err *e)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL, *port = NULL, *path = NULL;
    int rc = -1;
    if (strchr(url, '?') || strchr(url, '#')) {
        err_set(e, "sync_url: a folder's URL has no ? or #");
        goto fail;
    }
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
    int loopback = strcmp(host, "localhost") == 0 || strncmp(host, "127.", 4) == 0 || strcmp(host, "[::1]") == 0;
    if (strcmp(scheme, "http") == 0 && !loopback && !insecure) {
        err_set(e, "sync_url: plain http to %s would send the password in clear (use https, or sync_insecure_http = 1)", host);
        goto fail;
    }
    const char *sep = path[strlen(path) - 1] == '/' ? "" : "/";
    if (text_fmt(d->path, sizeof d->path, "%s%s", path, sep) < 0 || text_fmt(d->url, sizeof d->url, "%s%s", url, sep) < 0) {
        err_set(e, "sync_url: too long");
        goto fail;
    }
    text_fmt(d->where, sizeof d->where, "network %.40s%s%.6s", host, port ? ":" : "", port ? port : "");
    rc = 0;
fail:
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_free(path);
    curl_url_cleanup(u);
    return rc;
}

Dav *dav_open(const DavConfig *c, Err *e)
{
    Dav *d = calloc(1, sizeof *d);
    if (!d) { err_set(e, "sync: out of memory"); return NULL; }
    if (parse_url(d, c->url, c->insecure_http, e) < 0 || read_password(d, c->password_file, e) < 0) goto fail;
    text_copy(d->user, sizeof d->user, c->user ? c->user : "");
    d->connect_s = c->connect_s > 0 ? c->connect_s : CONNECT_S;
    d->low_speed_s = c->low_speed_s > 0 ? c->low_speed_s : LOW_SPEED_S;
    d->cancelled = c->cancelled;
    d->ud = c->ud;
    if (!(d->curl = curl_easy_init())) { err_set(e, "sync: libcurl has no handle (out of memory)"); goto fail; }
    return d;
fail:
    dav_close(d);
    return NULL;
}

void dav_close(Dav *d)
{
    if (!d) return;
    if (d->curl) curl_easy_cleanup(d->curl);
    sodium_memzero(d->password, sizeof d->password);
    free(d);
}
