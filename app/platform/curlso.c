/* curlso: libcurl for the kiosk, loaded only when a kiosk first talks to its network. Linking
 * libcurl directly made every start load it and the thirty libraries it needs (TLS, Kerberos,
 * LDAP, SSH...): 5 MB of memory and a slower start for the many kiosks that never see a network.
 * This file defines the libcurl functions that sync/dav.c calls, each forwarding to the real one,
 * found with dlopen/dlsym on the first call. pallayctl links libcurl itself and not this file.
 * If libcurl cannot be loaded, curl_global_init says so and every call fails cleanly. */
#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

#undef curl_easy_setopt
#undef curl_easy_getinfo

static struct {
    pthread_once_t once;
    void *so;
    CURLcode (*global_init)(long);
    void (*global_cleanup)(void);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    void (*easy_reset)(CURL *);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_perform)(CURL *);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    const char *(*easy_strerror)(CURLcode);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    void (*free)(void *);
    CURLU *(*url)(void);
    void (*url_cleanup)(CURLU *);
    CURLUcode (*url_set)(CURLU *, CURLUPart, const char *, unsigned int);
    CURLUcode (*url_get)(CURLU *, CURLUPart, char **, unsigned int);
    time_t (*getdate)(const char *, const time_t *);
} L = { .once = PTHREAD_ONCE_INIT };

static void load(void)
{
    void *so = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!so) {
        fprintf(stderr, "pallay: cannot load libcurl (%s): records cannot go to the network\n", dlerror());
        return;
    }
#define SYM(field, name) *(void **)&L.field = dlsym(so, name)
    SYM(global_init, "curl_global_init");
    SYM(global_cleanup, "curl_global_cleanup");
    SYM(easy_init, "curl_easy_init");
    SYM(easy_cleanup, "curl_easy_cleanup");
    SYM(easy_reset, "curl_easy_reset");
    SYM(easy_setopt, "curl_easy_setopt");
    SYM(easy_perform, "curl_easy_perform");
    SYM(easy_getinfo, "curl_easy_getinfo");
    SYM(easy_strerror, "curl_easy_strerror");
    SYM(slist_append, "curl_slist_append");
    SYM(slist_free_all, "curl_slist_free_all");
    SYM(free, "curl_free");
    SYM(url, "curl_url");
    SYM(url_cleanup, "curl_url_cleanup");
    SYM(url_set, "curl_url_set");
    SYM(url_get, "curl_url_get");
    SYM(getdate, "curl_getdate");
#undef SYM
    if (!L.global_init || !L.global_cleanup || !L.easy_init || !L.easy_cleanup || !L.easy_reset || !L.easy_setopt ||
        !L.easy_perform || !L.easy_getinfo || !L.easy_strerror || !L.slist_append || !L.slist_free_all || !L.free || !L.url ||
        !L.url_cleanup || !L.url_set || !L.url_get || !L.getdate) {
        fprintf(stderr, "pallay: libcurl lacks a function the kiosk needs: records cannot go to the network\n");
        dlclose(so);
        return;
    }
    L.so = so;
}

/* 1 once libcurl is loaded. */
static int ready(void)
{
    pthread_once(&L.once, load);
    return L.so != NULL;
}

CURLcode curl_global_init(long flags) { return ready() ? L.global_init(flags) : CURLE_FAILED_INIT; }
void curl_global_cleanup(void) { if (ready()) L.global_cleanup(); }
CURL *curl_easy_init(void) { return ready() ? L.easy_init() : NULL; }
void curl_easy_cleanup(CURL *c) { if (c && ready()) L.easy_cleanup(c); }
void curl_easy_reset(CURL *c) { if (c && ready()) L.easy_reset(c); }
CURLcode curl_easy_perform(CURL *c) { return ready() ? L.easy_perform(c) : CURLE_FAILED_INIT; }
const char *curl_easy_strerror(CURLcode rc) { return ready() ? L.easy_strerror(rc) : "libcurl could not be loaded"; }
struct curl_slist *curl_slist_append(struct curl_slist *l, const char *s) { return ready() ? L.slist_append(l, s) : NULL; }
void curl_slist_free_all(struct curl_slist *l) { if (l && ready()) L.slist_free_all(l); }
void curl_free(void *p) { if (p && ready()) L.free(p); }
CURLU *curl_url(void) { return ready() ? L.url() : NULL; }
void curl_url_cleanup(CURLU *u) { if (u && ready()) L.url_cleanup(u); }
CURLUcode curl_url_set(CURLU *u, CURLUPart what, const char *part, unsigned int flags)
{
    return ready() ? L.url_set(u, what, part, flags) : CURLUE_OUT_OF_MEMORY;
}
CURLUcode curl_url_get(CURLU *u, CURLUPart what, char **part, unsigned int flags)
{
    return ready() ? L.url_get(u, what, part, flags) : CURLUE_OUT_OF_MEMORY;
}
time_t curl_getdate(const char *p, const time_t *unused) { return ready() ? L.getdate(p, unused) : -1; }

/* Every option takes one argument, of a type its number tells (as libcurl itself reads them). */
CURLcode curl_easy_setopt(CURL *c, CURLoption option, ...)
{
    if (!ready()) return CURLE_FAILED_INIT;
    va_list ap;
    va_start(ap, option);
    CURLcode rc;
    if (option < CURLOPTTYPE_OBJECTPOINT) rc = L.easy_setopt(c, option, va_arg(ap, long));
    else if (option < CURLOPTTYPE_OFF_T) rc = L.easy_setopt(c, option, va_arg(ap, void *));
    else if (option < CURLOPTTYPE_BLOB) rc = L.easy_setopt(c, option, va_arg(ap, curl_off_t));
    else rc = L.easy_setopt(c, option, va_arg(ap, void *));
    va_end(ap);
    return rc;
}

/* Every piece of information is written through one pointer. */
CURLcode curl_easy_getinfo(CURL *c, CURLINFO info, ...)
{
    if (!ready()) return CURLE_FAILED_INIT;
    va_list ap;
    va_start(ap, info);
    CURLcode rc = L.easy_getinfo(c, info, va_arg(ap, void *));
    va_end(ap);
    return rc;
}
