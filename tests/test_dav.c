/* test_dav: the WebDAV folder's rules that need no server: which URLs may carry the password
 * (https anywhere, plain http only to this machine unless allowed), the password file only its
 * owner may read, and the PROPFIND listings of nginx and Nextcloud (tests/fuzz/davlist/) read as
 * the files they name, folders passed by. The requests themselves are tested against a real
 * nginx in tests/webdav_test.sh and tests/davfault_test.sh. */
#include "check.h"
#include "sync/dav.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/pallay-dav-XXXXXX";

/* The answer of dav_open for url: "ok", or its message. */
static const char *opens(const char *url, int insecure, const char *password_file)
{
    static Err e;
    DavConfig c = { url, "pallay", password_file, insecure, 0, 0, NULL, NULL };
    Dav *d = dav_open(&c, &e);
    if (!d) return e.msg;
    dav_close(d);
    return "ok";
}

static void test_policy(void)
{
    CHECK_STR("https to any host opens", opens("https://cloud.example.org/remote.php/dav/files/k/pallay/", 0, NULL), "ok");
    CHECK_STR("plain http to 127.0.0.1 opens", opens("http://127.0.0.1:8080/dav/", 0, NULL), "ok");
    CHECK_STR("plain http to localhost opens", opens("http://localhost/dav/", 0, NULL), "ok");
    const char *got = opens("http://cloud.example.org/dav/", 0, NULL);
    CHECK_GOT("plain http to another host is refused, and said why", strstr(got, "plain http to cloud.example.org would send the password in clear") != NULL,
              "the password in clear", "\"%s\"", got);
    CHECK_STR("unless sync_insecure_http = 1", opens("http://cloud.example.org/dav/", 1, NULL), "ok");
    got = opens("ftp://127.0.0.1/dav/", 1, NULL);
    CHECK_GOT("ftp is refused", strstr(got, "not http or https") != NULL, "not http or https", "\"%s\"", got);
    got = opens("https://cloud.example.org/dav/?x=1", 0, NULL);
    CHECK_GOT("a query is refused", strstr(got, "no ? or #") != NULL, "no ? or #", "\"%s\"", got);
    char pw[PALLAY_PATH_LEN];
    snprintf(pw, sizeof pw, "%s/password", dir);
    FILE *f = fopen(pw, "w");
    if (f) { fputs("secret\n", f); fclose(f); }
    chmod(pw, 0644);
    got = opens("https://cloud.example.org/dav/", 0, pw);
    CHECK_GOT("a password file others can read is refused", strstr(got, "chmod 600") != NULL, "chmod 600", "\"%s\"", got);
    chmod(pw, 0600);
    CHECK_STR("one only its owner reads opens", opens("https://cloud.example.org/dav/", 0, pw), "ok");
}

/* The listing in tests/fuzz/davlist/NAME as "name:size " for each file. */
static const char *listing(const char *name)
{
    static char out[2048];
    char path[PALLAY_PATH_LEN], *xml = NULL;
    snprintf(path, sizeof path, "tests/fuzz/davlist/%s", name);
    out[0] = '\0';
    FILE *f = fopen(path, "rb");
    if (!f) return "no file";
    size_t cap = 1 << 16, n;
    xml = malloc(cap + 1);
    n = xml ? fread(xml, 1, cap, f) : 0;
    fclose(f);
    if (!xml) return "out of memory";
    xml[n] = '\0';
    DavEntry *ents;
    int count;
    if (dav_parse_listing(xml, n, &ents, &count) < 0) { free(xml); return "failed"; }
    for (int i = 0; i < count; i++) {
        size_t at = strlen(out);
        snprintf(out + at, sizeof out - at, "%s:%lld ", ents[i].name, ents[i].size);
    }
    free(ents);
    free(xml);
    return out;
}

static void test_listing(void)
{
    CHECK_STR("nginx's listing: its two files, the folder itself passed by", listing("nginx.xml"),
              "pallay-1df544fe-4fcd-40d2-85d6-276902de6e5a-1-6.age:86336 pallay-1df544fe-4fcd-40d2-85d6-276902de6e5a-1-6.age.minisig:336 ");
    CHECK_STR("Nextcloud's: sub-folders passed by, names unescaped", listing("nextcloud.xml"),
              "pallay-ab12-1-40.age:41200 notas de Rosa.txt:12 ");
    CHECK_STR("a broken one gives what it can, and no crash", listing("broken.xml"), "");
}

int main(void)
{
    if (!mkdtemp(dir)) { perror(dir); return 2; }
    test_policy();
    test_listing();
    char cmd[PALLAY_PATH_LEN + 16];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return check_done();
}
