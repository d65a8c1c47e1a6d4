/* dav: the network's WebDAV folder (sync_url), as both the kiosk's uplink and `pallayctl fetch`
 * reach it, with libcurl and no SDL. The policy lives here once: TLS checked against the system's
 * CA store; plain http only to this machine unless insecure_http; redirects never followed (a 30x
 * is a fault of its own), so the user and password go to sync_url's host and nowhere else. Every
 * failure is a fault word (DAV_FAULT_*) and a reason, never with the password in it. A handle is
 * used by one thread at a time. */
#ifndef PALLAY_DAV_H
#define PALLAY_DAV_H

#include "../base/err.h"
#include "../config.h"

/* The faults, one word each, as the trace, the kiosk's health and the facilitator screen name them. */
#define DAV_FAULT_OFFLINE      "offline"       /* no route, no server listening */
#define DAV_FAULT_NO_ANSWER    "no_answer"     /* the connection was not accepted in time */
#define DAV_FAULT_STALLED      "stalled"       /* the server stopped sending or taking bytes */
#define DAV_FAULT_DROPPED      "dropped"       /* the connection broke in the middle of a transfer */
#define DAV_FAULT_AUTH         "auth"          /* 401 or 403: the user or password is wrong */
#define DAV_FAULT_REDIRECT     "redirect"      /* 30x: sync_url points to a moved folder */
#define DAV_FAULT_SERVER_ERROR "server_error"  /* 500 */
#define DAV_FAULT_BAD_GATEWAY  "bad_gateway"   /* 502, 504: the server's front could not reach it */
#define DAV_FAULT_UNAVAILABLE  "unavailable"   /* 503: down for maintenance or overloaded */
#define DAV_FAULT_FULL         "full"          /* 507: the server's disk or quota is full */
#define DAV_FAULT_SERVER       "server"        /* any other answer */
#define DAV_FAULT_TLS          "tls"           /* the server's certificate is not to be trusted */
#define DAV_FAULT_VERIFY       "verify"        /* the copy read back is not what was sent */
#define DAV_FAULT_DISK         "disk"          /* a local file could not be read or written */
#define DAV_FAULT_STOPPED      "stopped"       /* cut short because the program is stopping */

typedef struct {
    const char *fault;          /* one of DAV_FAULT_*, NULL while nothing failed */
    long status;                /* the HTTP status of the failed request, 0 if none came */
    char why[PALLAY_ERR_LEN];   /* for logs: the step and the reason, never the password */
} DavFault;

typedef struct {
    const char *url;            /* the folder: http(s)://host[:port]/path/ */
    const char *user;
    const char *password_file;  /* readable by its owner only; NULL or "" for none */
    int insecure_http;          /* plain http to another machine than this one is allowed */
    long connect_s;             /* connect timeout; 0: 15 s */
    long low_speed_s;           /* a transfer slower than 64 bytes/s this long is stalled; 0: 30 s */
    int (*cancelled)(void *ud); /* polled during transfers: non-zero ends them (DAV_FAULT_STOPPED) */
    void *ud;
} DavConfig;

typedef struct Dav Dav;

typedef struct {
    char name[PALLAY_NAME_LEN * 2];  /* a file's name in the folder (not a sub-folder's) */
    long long size;
} DavEntry;

/* libcurl's process-wide set-up: once, before any thread uses a handle. -1 if it failed. */
int dav_init(void);
void dav_cleanup(void);

/* Checks the URL against the policy and reads the password file. NULL (with e: a bad URL, plain
 * http to another machine, a password file others can read) if these settings cannot work. */
Dav *dav_open(const DavConfig *c, Err *e);
void dav_close(Dav *d);
/* "network HOST[:PORT]": where records went, without credentials or path. */
const char *dav_where(const Dav *d);

/* Is the folder there and are we let in? Any answer but a refusal, a redirect or a server error
 * will do (a plain nginx says 405 to OPTIONS; a folder not made yet, 404, is made by a PUT). */
int dav_check(Dav *d, DavFault *f);
/* Each returns 0, or -1 with f filled. name is a file's name inside the folder. */
int dav_put(Dav *d, const char *path, const char *name, DavFault *f);
/* Renames inside the folder. A file of the new name already there is replaced only if replace. */
int dav_move(Dav *d, const char *from, const char *to, int replace, DavFault *f);
/* Writes the file into path (created or truncated). */
int dav_get(Dav *d, const char *name, const char *path, DavFault *f);
/* As dav_get, but at most max bytes are taken: a file announced or arriving longer gives -2 (f->why
 * says so; what came is in path), so a server cannot fill the kiosk's disk. */
int dav_get_max(Dav *d, const char *name, const char *path, long long max, DavFault *f);
int dav_delete(Dav *d, const char *name, DavFault *f);
/* The files in the folder (PROPFIND, depth 1): *out (free() it) with *n entries. */
int dav_list(Dav *d, DavEntry **out, int *n, DavFault *f);

/* The files a PROPFIND answer (xml, len bytes and a NUL after them) lists, as dav_list gives them.
 * -1 (nothing in *out) only when out of memory: what is not understood is passed by. */
int dav_parse_listing(const char *xml, size_t len, DavEntry **out, int *n);

/* The server's Date header of the latest answer and the local clock when it came (unix seconds);
 * 0 if no answer carried a usable one. */
int dav_server_time(const Dav *d, long long *server, long long *local);

/* A plain sentence for a fault word, for a coordinator's terminal. */
const char *dav_fault_sentence(const char *fault);

#endif
