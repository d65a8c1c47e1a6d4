/* fetch: `pallayctl fetch URL DIR` brings the network's WebDAV folder's bundles (NAME.age and
 * NAME.age.minisig) into DIR, with the kiosk's settings and policy (sync/dav): only what DIR does
 * not have yet, by name and size; each file written under a hidden temporary name, synced, its
 * size checked, then renamed, so DIR never holds half a file under a bundle's name. */
#include "../base/report.h"
#include "../base/settings.h"
#include "../base/text.h"
#include "../sync/dav.h"
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A bundle's file, by its name: nothing else in the folder (temporary names of an upload under
 * way, content packs, a coordinator's notes) is fetched, and no name leaves DIR. */
static int bundle_name(const char *name)
{
    size_t n = strlen(name);
    if (!n || name[0] == '.' || n >= PALLAY_NAME_LEN * 2 - 8) return 0;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.'))
            return 0;
    return (n > 4 && strcmp(name + n - 4, ".age") == 0) || (n > 12 && strcmp(name + n - 12, ".age.minisig") == 0);
}

/* One file into dir: a hidden temporary name, its size checked against the listing (size < 0:
 * the server did not say), synced, renamed. -1 with why. */
static int fetch_one(Dav *d, const char *dir, const DavEntry *ent, char *why, size_t n)
{
    char tmp[PALLAY_PATH_LEN], path[PALLAY_PATH_LEN];
    DavFault f = { 0 };
    if (text_fmt(path, sizeof path, "%s/%s", dir, ent->name) < 0 || text_fmt(tmp, sizeof tmp, "%s/.%s.part", dir, ent->name) < 0) {
        text_copy(why, n, "path too long");
        return -1;
    }
    if (dav_get(d, ent->name, tmp, &f) < 0) {
        unlink(tmp);
        text_fmt(why, n, "%s (%s)", f.why, f.fault);
        return -1;
    }
    struct stat st;
    int fd = open(tmp, O_RDONLY);
    if (fd < 0 || fstat(fd, &st) < 0 || fsync(fd) < 0) {
        text_fmt(why, n, "%s: %s", tmp, strerror(errno));
        if (fd >= 0) close(fd);
        unlink(tmp);
        return -1;
    }
    close(fd);
    if (ent->size >= 0 && st.st_size != ent->size) {
        unlink(tmp);
        text_fmt(why, n, "%lld bytes came of %lld: the transfer was cut short", (long long)st.st_size, ent->size);
        return -1;
    }
    if (rename(tmp, path) < 0) {
        text_fmt(why, n, "%s: %s", path, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}

int cmd_fetch(int argc, char **argv)
{
    const char *url = NULL, *dir = NULL, *config = NULL;
    Settings set;
    settings_defaults(&set);
    const char *user = NULL, *password = NULL;
    int insecure = -1;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) config = argv[++i];
        else if (strcmp(argv[i], "--user") == 0 && i + 1 < argc) user = argv[++i];
        else if (strcmp(argv[i], "--password-file") == 0 && i + 1 < argc) password = argv[++i];
        else if (strcmp(argv[i], "--insecure-http") == 0) insecure = 1;
        else if (argv[i][0] == '-') { fprintf(stderr, "pallayctl fetch: %s: unknown flag\n", argv[i]); return 2; }
        else if (!url) url = argv[i];
        else if (!dir) dir = argv[i];
        else return cli_extra(argv[i]);
    }
    if (!url || !dir) {
        fprintf(stderr, "usage: pallayctl fetch URL DIR [--config pallay.conf] [--user NAME] [--password-file FILE] [--insecure-http]\n");
        return 2;
    }
    if (config) {
        if (!text_file_exists(config)) { fprintf(stderr, "pallayctl fetch: %s: no such settings file\n", config); return 1; }
        Report r = report_stderr();
        settings_load_file(&set, config, &r);
    }
    if (mkdir(dir, 0700) < 0 && errno != EEXIST) { fprintf(stderr, "pallayctl fetch: %s: %s\n", dir, strerror(errno)); return 1; }
    DavConfig c = { url, user ? user : set.sync_user, password ? password : set.sync_password_file,
                    insecure >= 0 ? insecure : set.sync_insecure_http, 0, 0, NULL, NULL };
    Err e;
    if (dav_init() < 0) { fprintf(stderr, "pallayctl fetch: libcurl did not start\n"); return 1; }
    Dav *d = dav_open(&c, &e);
    if (!d) {
        fprintf(stderr, "pallayctl fetch: %s\n", e.msg);
        dav_cleanup();
        return 1;
    }
    DavEntry *ents = NULL;
    int n = 0, fetched = 0, have = 0, failed = 0;
    long long bytes = 0;
    DavFault f = { 0 };
    if (dav_list(d, &ents, &n, &f) < 0) {
        fprintf(stderr, "pallayctl fetch: %s: %s (%s: %s)\n", url, f.why, f.fault, dav_fault_sentence(f.fault));
        dav_close(d);
        dav_cleanup();
        return 1;
    }
    for (int i = 0; i < n; i++) {
        if (!bundle_name(ents[i].name)) continue;
        char path[PALLAY_PATH_LEN], why[PALLAY_ERR_LEN];
        struct stat st;
        if (text_fmt(path, sizeof path, "%s/%s", dir, ents[i].name) == 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
            st.st_size == ents[i].size) {
            have++;
            continue;
        }
        if (fetch_one(d, dir, &ents[i], why, sizeof why) < 0) {
            fprintf(stderr, "pallayctl fetch: %s: %s\n", ents[i].name, why);
            failed++;
            continue;
        }
        printf("fetched %s\n", ents[i].name);
        fetched++;
        bytes += ents[i].size > 0 ? ents[i].size : 0;
    }
    printf("fetched %d file%s (%lld bytes), %d already in %s, %d failed\n", fetched, fetched == 1 ? "" : "s", bytes, have, dir, failed);
    free(ents);
    dav_close(d);
    dav_cleanup();
    return failed ? 1 : 0;
}
