/* test_feed: the manifest of the sync folder's content/ (content/feed.h): each malformed line is
 * refused with its reason; a published manifest names the pack's version, size and SHA-256 and
 * reads back; a manifest signed by another key, unsigned, changed after signing, or of another
 * format is refused with its own fault. */
#include "check.h"
#include "content/feed.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/pallay-test-feed.XXXXXX";
#define HASH "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"

static void test_parse(void)
{
    FeedManifest m;
    Err e = { "" };
    int rc = feed_parse("format 1\nversion 200\npack course-200.pack\nsize 1234\nsha256 " HASH "\n", &m, &e);
    CHECK_GOT("a whole manifest reads", rc == 0, "0", "%d (%s)", rc, e.msg);
    CHECK_INT("its format", m.format, 1);
    CHECK_INT("its version", m.version, 200);
    CHECK_STR("its pack", m.pack, "course-200.pack");
    CHECK_INT("its size", m.size, 1234);
    CHECK_STR("its hash", m.sha256, HASH);
    static const struct { const char *name, *text, *why; } BAD[] = {
        { "a line missing", "format 1\nversion 2\npack a.pack\nsize 1\n", "manifest: no sha256 line" },
        { "a line twice", "format 1\nformat 1\n", "manifest line 2: format given twice" },
        { "an unknown key", "format 1\nowner rosa\n", "manifest line 2: unknown key \"owner\"" },
        { "a path for a name", "pack ../etc/passwd.pack\n", "manifest line 1: a bad pack" },
        { "a hidden name", "pack .x.pack\n", "manifest line 1: a bad pack" },
        { "a name not a pack's", "pack course.tar\n", "manifest line 1: a bad pack" },
        { "a version of 0", "version 0\n", "manifest line 1: a bad version" },
        { "a negative size", "size -5\n", "manifest line 1: a bad size" },
        { "a number with words after it", "size 12 bytes\n", "manifest line 1: a bad size" },
        { "a hash in capitals", "sha256 2D711642B726B04401627CA9FBAC32F5C8530FB1903CC4DB02258717921A4881\n", "manifest line 1: a bad sha256" },
        { "a short hash", "sha256 2d71\n", "manifest line 1: a bad sha256" },
        { "no value", "format\n", "manifest line 1: not \"key value\"" },
    };
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++) {
        e.msg[0] = '\0';
        rc = feed_parse(BAD[i].text, &m, &e);
        CHECK_GOT(check_name("%s is refused, and said", BAD[i].name), rc < 0 && strcmp(e.msg, BAD[i].why) == 0, BAD[i].why, "%d (%s)", rc,
                  e.msg);
    }
}

static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    fputs(text, f);
    return fclose(f);
}

static void test_publish(void)
{
    char assets[200], pack[200], out[200], manifest[300], path[400], text[600];
    MinisignSecret sk, other;
    MinisignPublic pk, opk;
    char key[MINISIGN_PUBLIC_B64 + 1], okey[MINISIGN_PUBLIC_B64 + 1];
    minisign_keygen(&sk, &pk);
    minisign_keygen(&other, &opk);
    minisign_public_base64(&pk, key);
    minisign_public_base64(&opk, okey);
    snprintf(assets, sizeof assets, "%s/assets", dir);
    snprintf(out, sizeof out, "%s/out", dir);
    snprintf(pack, sizeof pack, "%s/course-7.pack", dir);
    snprintf(manifest, sizeof manifest, "%s/manifest", out);
    mkdir(assets, 0700);
    mkdir(out, 0700);
    snprintf(path, sizeof path, "%s/hello.txt", assets);
    write_file(path, "hello");
    PackRoot roots[] = { { assets, "assets" } };
    PackInfo info;
    Err e = { "" };
    int rc = pack_write(roots, 1, "full", 7, &sk, pack, &info, &e);
    CHECK_GOT("a pack to publish is written", rc == 0, "0", "%d (%s)", rc, e.msg);

    FeedManifest m, back;
    PackFault f = PACK_IO;
    rc = feed_publish(pack, &other, out, &m, &e);
    CHECK_GOT("publishing with a key that did not sign the pack is refused", rc < 0 && strstr(e.msg, "signed by key"), "signed by key",
              "%d (%s)", rc, e.msg);
    CHECK("and writes no manifest", access(manifest, F_OK) != 0);
    rc = feed_publish(pack, &sk, out, &m, &e);
    CHECK_GOT("publishing with its key works", rc == 0, "0", "%d (%s)", rc, e.msg);
    char hex[65];
    long long size = 0;
    feed_hash_file(pack, hex, &size, &e);
    CHECK_INT("the manifest says the pack's version", m.version, 7);
    CHECK_INT("and its size", m.size, size);
    CHECK_STR("and its SHA-256", m.sha256, hex);
    snprintf(path, sizeof path, "%s/course-7.pack.minisig", out);
    CHECK("the pack's signature is copied beside it", access(path, F_OK) == 0);
    rc = feed_read(manifest, key, &back, &f, &e);
    CHECK_GOT("the manifest reads back with the content key", rc == 0 && f == PACK_OK, "0", "%d %s (%s)", rc, pack_fault_name(f), e.msg);
    CHECK_STR("naming the pack", back.pack, "course-7.pack");
    rc = feed_read(manifest, okey, &back, &f, &e);
    CHECK_STR("another key: refused as key", rc < 0 ? pack_fault_name(f) : "read", "key");

    /* Changed after signing: a version raised by hand. */
    char *t = NULL;
    FILE *in = fopen(manifest, "r");
    size_t n = in ? fread(text, 1, sizeof text - 1, in) : 0;
    if (in) fclose(in);
    text[n] = '\0';
    t = strstr(text, "version 7");
    if (t) t[8] = '9';
    write_file(manifest, text);
    rc = feed_read(manifest, key, &back, &f, &e);
    CHECK_STR("a manifest changed after signing: refused as signature", rc < 0 ? pack_fault_name(f) : "read", "signature");

    /* Another format, signed: refused for the format. */
    t = strstr(text, "format 1");
    if (t) t[7] = '2';
    write_file(manifest, text);
    unsigned char hash[MINISIGN_HASH];
    char sig[MINISIGN_TEXT];
    minisign_hash(text, strlen(text), hash);
    minisign_sign(&sk, hash, NULL, "test", sig, sizeof sig, &e);
    snprintf(path, sizeof path, "%s.minisig", manifest);
    write_file(path, sig);
    rc = feed_read(manifest, key, &back, &f, &e);
    CHECK_STR("format 2: refused as format-version", rc < 0 ? pack_fault_name(f) : "read", "format-version");
    unlink(path);
    rc = feed_read(manifest, key, &back, &f, &e);
    CHECK_STR("no signature: refused as unsigned", rc < 0 ? pack_fault_name(f) : "read", "unsigned");
}

int main(void)
{
    if (sodium_init() < 0 || !mkdtemp(dir)) { perror(dir); return 2; }
    test_parse();
    test_publish();
    char cmd[PALLAY_PATH_LEN + 16];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return check_done();
}
