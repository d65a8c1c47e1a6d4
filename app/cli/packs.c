/* packs: content packs from a terminal.
 *   pallayctl pack-content DIR --key content.key --out FILE [--version N] [--generated DIR] [--unchecked]
 *        the course under DIR (assets/, locales/, build/content/) as a signed pack, FILE + FILE.minisig
 *   pallayctl pack-recordings [DIR] --key content.key --out FILE [--version N]
 *        the voices recorded on a kiosk (DIR/var/voice) as a signed voice pack
 *   pallayctl install-pack FILE [--config pallay.conf]   as the kiosk installs a pack from a stick
 *   pallayctl install-pack --rollback | --status [--config pallay.conf]
 * The content key is made by pallayctl keygen (content.key, content.pub). */
#include "../base/settings.h"
#include "../base/text.h"
#include "../content/install.h"
#include "check.h"
#include "cli.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A version that grows by itself: the UTC minute, as YYYYMMDDHHMM. */
static long long version_now(void)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    return (((tm.tm_year + 1900LL) * 100 + tm.tm_mon + 1) * 100 + tm.tm_mday) * 10000 + tm.tm_hour * 100 + tm.tm_min;
}

static int load_secret(const char *path, MinisignSecret *sk)
{
    Err e;
    char *text = text_read_file(path, NULL);
    if (!text) { fprintf(stderr, "pallayctl: %s: cannot be read\n", path); return -1; }
    int rc = minisign_secret_parse(text, sk, &e);
    sodium_memzero(text, strlen(text));
    free(text);
    if (rc < 0) fprintf(stderr, "pallayctl: %s: %s\n", path, e.msg);
    return rc;
}

/* Writes and signs the pack; prints what it holds. */
static int write_pack(const PackRoot *roots, int n, const char *kind, long long version, const char *keyfile, const char *out)
{
    MinisignSecret sk;
    if (load_secret(keyfile, &sk) < 0) return 1;
    PackInfo info;
    Err e;
    int rc = pack_write(roots, n, kind, version, &sk, out, &info, &e);
    sodium_memzero(&sk, sizeof sk);
    if (rc < 0) { fprintf(stderr, "pallayctl: %s; no pack was written\n", e.msg); return 1; }
    printf("%s: %s pack, version %lld, %d files, %lld bytes; signed as %s.minisig\n", out, kind, version, info.files, info.bytes, out);
    return 0;
}

int cmd_pack_content(int argc, char **argv)
{
    const char *dir = NULL, *generated = NULL, *key = NULL, *out = NULL;
    long long version = version_now();
    int unchecked = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--key") == 0 && i + 1 < argc) key = argv[++i];
        else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) out = argv[++i];
        else if (strcmp(argv[i], "--generated") == 0 && i + 1 < argc) generated = argv[++i];
        else if (strcmp(argv[i], "--version") == 0 && i + 1 < argc) version = atoll(argv[++i]);
        else if (strcmp(argv[i], "--unchecked") == 0) unchecked = 1;
        else if (argv[i][0] != '-' && !dir) dir = argv[i];
        else if (argv[i][0] != '-') return cli_extra(argv[i]);
        else { fprintf(stderr, "pallayctl: pack-content DIR --key content.key --out FILE [--version N]\n"); return 2; }
    }
    if (!dir || !key || !out || version <= 0) {
        fprintf(stderr, "pallayctl: pack-content DIR --key content.key --out FILE [--version N] (a version above 0)\n");
        return 2;
    }
    char buf[4][PALLAY_PATH_LEN];
    CatalogPaths paths;
    cli_content_paths(dir, generated, buf, &paths);
    /* A kiosk refuses a course that check-content faults: say so here, before it travels. */
    Err first;
    int problems = unchecked ? 0 : check_content_first(&paths, &first, NULL);
    if (problems) {
        fprintf(stderr, "pallayctl: %s: check-content found %d problem%s (first: %s); no pack was written\n", dir, problems,
                problems == 1 ? "" : "s", first.msg);
        return 1;
    }
    PackRoot roots[] = { { paths.assets, "assets" }, { paths.locales, "locales" }, { paths.generated, "generated" } };
    return write_pack(roots, 3, "full", version, key, out);
}

int cmd_pack_recordings(int argc, char **argv)
{
    const char *dir = ".", *key = NULL, *out = NULL;
    long long version = version_now();
    int ndir = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) out = argv[++i];
        else if (strcmp(argv[i], "--key") == 0 && i + 1 < argc) key = argv[++i];
        else if (strcmp(argv[i], "--version") == 0 && i + 1 < argc) version = atoll(argv[++i]);
        else if (argv[i][0] == '-') { fprintf(stderr, "pallayctl: unknown option \"%s\"\n", argv[i]); return 2; }
        else if (!ndir++) dir = argv[i];
        else return cli_extra(argv[i]);
    }
    if (!key || !out || version <= 0) {
        fprintf(stderr, "pallayctl: pack-recordings [DIR] --key content.key --out FILE [--version N]\n");
        return 2;
    }
    char buf[4][PALLAY_PATH_LEN];
    CatalogPaths paths;
    cli_content_paths(dir, NULL, buf, &paths);
    /* On another kiosk they lie over its course as assets/voice/<lang>/<key>.ogg, where a
     * recorded voice wins over the generated one. */
    PackRoot roots[] = { { paths.recordings, "assets/voice" } };
    return write_pack(roots, 1, "voices", version, key, out);
}

/* The settings as the kiosk reads them: defaults, then the file. */
static int load_conf(const char *path, Settings *s)
{
    settings_defaults(s);
    Report r = report_stderr();
    if (settings_load_file(s, path, &r) < 0) return -1;
    if (!s->content_dir[0]) {
        fprintf(stderr, "pallayctl: %s: no content_dir set; packs are installed there (see kiosk/pallay.conf)\n", path);
        return -1;
    }
    return 0;
}

int cmd_install_pack(int argc, char **argv)
{
    const char *file = NULL, *conf = "pallay.conf";
    int rollback = 0, status = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) conf = argv[++i];
        else if (strcmp(argv[i], "--rollback") == 0) rollback = 1;
        else if (strcmp(argv[i], "--status") == 0) status = 1;
        else if (argv[i][0] != '-' && !file) file = argv[i];
        else if (argv[i][0] != '-') return cli_extra(argv[i]);
        else { fprintf(stderr, "pallayctl: install-pack FILE | --rollback | --status [--config pallay.conf]\n"); return 2; }
    }
    if (!file + !rollback + !status != 2) {
        fprintf(stderr, "pallayctl: install-pack FILE | --rollback | --status [--config pallay.conf]\n");
        return 2;
    }
    Settings s;
    if (load_conf(conf, &s) < 0) return 1;
    Err e;
    if (rollback && install_rollback(s.content_dir, &e) < 0) { fprintf(stderr, "pallayctl: %s\n", e.msg); return 1; }
    if (rollback || status) {
        char buf[3][PALLAY_PATH_LEN];
        CatalogPaths p;
        long long v;
        int rc = install_current(s.content_dir, buf, &p, &v, &e);
        if (rc < 0) { fprintf(stderr, "pallayctl: %s\n", e.msg); return 1; }
        if (rc == 0) printf("content: the shipped course (%s, %s, %s)\n", s.assets, s.locales, s.generated);
        else printf("content: version %lld in %s\n", v, p.assets);
        return 0;
    }
    InstallConfig c = { s.content_dir, s.content_key, { (long long)s.pack_max_mb << 20, (long long)s.pack_file_max_mb << 20 },
                        { s.assets, s.locales, s.generated, NULL }, check_content_first, NULL };
    InstallResult r;
    switch (install_pack(&c, file, &r)) {
    case INSTALL_DONE:
        printf("installed %s: version %lld (%s, %d files, %lld bytes), was %lld\n", file, r.info.version, r.info.kind, r.info.files,
               r.info.bytes, r.before);
        return 0;
    case INSTALL_ALREADY:
        printf("%s: version %lld is already in use\n", file, r.info.version);
        return 0;
    case INSTALL_REFUSED: break;
    }
    fprintf(stderr, "%s: refused (%s): %s; the course in use is unchanged\n", file, pack_fault_name(r.fault), r.e.msg);
    return 1;
}
