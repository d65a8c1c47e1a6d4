/* feed: the manifest that names the latest content pack in the network's folder (see feed.h). */
#include "feed.h"
#include "../base/text.h"

#include <errno.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int feed_hash_file(const char *path, char hex[65], long long *size, Err *e)
{
    FILE *in = fopen(path, "rb");
    if (!in) return err_set(e, "%s: %s", path, strerror(errno));
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    unsigned char buf[1 << 16], hash[crypto_hash_sha256_BYTES];
    size_t n;
    long long total = 0;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
        crypto_hash_sha256_update(&st, buf, n);
        total += (long long)n;
    }
    int bad = ferror(in);
    fclose(in);
    if (bad) return err_set(e, "%s: a read error", path);
    crypto_hash_sha256_final(&st, hash);
    sodium_bin2hex(hex, 65, hash, sizeof hash);
    if (size) *size = total;
    return 0;
}

static int name_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > FEED_NAME_MAX || s[0] == '.' || !text_ends_with(s, ".pack")) return 0;
    for (size_t i = 0; i < n; i++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-", s[i])) return 0;
    return 1;
}

/* A whole number in 1..max, nothing after it. */
static int number(const char *s, long long max, long long *out)
{
    if (*s < '1' || *s > '9' || strlen(s) > 18) return -1;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*end || v < 1 || v > max) return -1;
    *out = v;
    return 0;
}

int feed_parse(const char *text, FeedManifest *m, Err *e)
{
    static const char *const KEYS[] = { "format", "version", "pack", "size", "sha256" };
    char line[256];
    int seen = 0, lineno = 0, got;
    memset(m, 0, sizeof *m);
    while ((got = text_next_line(&text, line, sizeof line)) != 0) {
        lineno++;
        if (got < 0) return err_set(e, "manifest line %d: too long", lineno);
        line[strcspn(line, "\r")] = '\0';
        if (!line[0] || line[0] == '#') continue;
        char *sp = strchr(line, ' ');
        if (!sp) return err_set(e, "manifest line %d: not \"key value\"", lineno);
        *sp = '\0';
        const char *v = sp + 1;
        int k = -1;
        for (int i = 0; i < 5; i++)
            if (strcmp(line, KEYS[i]) == 0) k = i;
        if (k < 0) return err_set(e, "manifest line %d: unknown key \"%.32s\"", lineno, line);
        if (seen & (1 << k)) return err_set(e, "manifest line %d: %s given twice", lineno, line);
        seen |= 1 << k;
        long long n = 0;
        int bad = 0;
        switch (k) {
        case 0: bad = number(v, INT_MAX, &n); m->format = (int)n; break;
        case 1: bad = number(v, LLONG_MAX / 2, &m->version); break;
        case 2: bad = !name_ok(v) || text_copy(m->pack, sizeof m->pack, v) < 0; break;
        case 3: bad = number(v, LLONG_MAX / 2, &m->size); break;
        case 4:
            bad = strlen(v) != 64 || strspn(v, "0123456789abcdef") != 64;
            if (!bad) text_copy(m->sha256, sizeof m->sha256, v);
            break;
        }
        if (bad) return err_set(e, "manifest line %d: a bad %s", lineno, KEYS[k]);
    }
    for (int i = 0; i < 5; i++)
        if (!(seen & (1 << i))) return err_set(e, "manifest: no %s line", KEYS[i]);
    return 0;
}

int feed_read(const char *path, const char *key, FeedManifest *m, PackFault *f, Err *e)
{
    if (pack_verify(path, key, f, e) < 0) return -1;
    size_t len = 0;
    char *text = text_read_file(path, &len);
    if (!text) { *f = PACK_IO; return err_set(e, "%s: %s", path, strerror(errno)); }
    int rc = len > FEED_TEXT_MAX ? err_set(e, "manifest: longer than %d bytes", FEED_TEXT_MAX) : feed_parse(text, m, e);
    free(text);
    if (rc < 0) { *f = PACK_NOT_A_PACK; return -1; }
    if (m->format != FEED_FORMAT) {
        *f = PACK_FORMAT_VERSION;
        return err_set(e, "manifest format %d; this kiosk reads format %d", m->format, FEED_FORMAT);
    }
    *f = PACK_OK;
    return 0;
}

/* Copies from to a temporary name beside to, then renames it into place. */
static int copy_file(const char *from, const char *to, Err *e)
{
    char tmp[PALLAY_PATH_LEN];
    if (text_fmt(tmp, sizeof tmp, "%s.tmp", to) < 0) return err_set(e, "%s: path too long", to);
    FILE *in = fopen(from, "rb"), *out = in ? fopen(tmp, "wb") : NULL;
    if (!in || !out) {
        err_set(e, "%s: %s", in ? tmp : from, strerror(errno));
        if (in) fclose(in);
        return -1;
    }
    char buf[1 << 16];
    size_t n;
    int bad = 0;
    while (!bad && (n = fread(buf, 1, sizeof buf, in)) > 0) bad = fwrite(buf, 1, n, out) != n;
    bad |= ferror(in);
    fclose(in);
    bad |= fflush(out) != 0 || fsync(fileno(out)) != 0;
    bad |= fclose(out) != 0;
    if (bad || rename(tmp, to) != 0) {
        err_set(e, "%s: %s", to, bad ? "cannot be written" : strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}

static int write_text(const char *path, const char *text, Err *e)
{
    char tmp[PALLAY_PATH_LEN];
    if (text_fmt(tmp, sizeof tmp, "%s.tmp", path) < 0) return err_set(e, "%s: path too long", path);
    FILE *out = fopen(tmp, "w");
    if (!out) return err_set(e, "%s: %s", tmp, strerror(errno));
    int bad = fputs(text, out) < 0;
    bad |= fflush(out) != 0 || fsync(fileno(out)) != 0;
    bad |= fclose(out) != 0;
    if (bad || rename(tmp, path) != 0) {
        unlink(tmp);
        return err_set(e, "%s: cannot be written", path);
    }
    return 0;
}

int feed_publish(const char *pack, const MinisignSecret *sk, const char *outdir, FeedManifest *m, Err *e)
{
    const char *slash = strrchr(pack, '/');
    const char *base = slash ? slash + 1 : pack;
    memset(m, 0, sizeof *m);
    if (!name_ok(base)) return err_set(e, "%s: a pack's name is letters, digits, _ . - and ends in .pack", base);
    /* What the kiosks will check, checked here first: the pack's signature is the content key's. */
    MinisignPublic pk;
    char pub[MINISIGN_PUBLIC_B64 + 1];
    PackFault f;
    minisign_public_of(sk, &pk);
    minisign_public_base64(&pk, pub);
    if (pack_verify(pack, pub, &f, e) < 0) return -1;
    PackLimits lim = { LLONG_MAX / 2, LLONG_MAX / 2 };
    PackInfo info;
    Pack *p = pack_open(pack, &lim, &info, &f, e);
    if (!p) return -1;
    pack_close(p);
    m->format = FEED_FORMAT;
    m->version = info.version;
    text_copy(m->pack, sizeof m->pack, base);
    if (feed_hash_file(pack, m->sha256, &m->size, e) < 0) return -1;
    char to[PALLAY_PATH_LEN], from_sig[PALLAY_PATH_LEN], to_sig[PALLAY_PATH_LEN];
    if (text_fmt(to, sizeof to, "%s/%s", outdir, base) < 0 || text_fmt(from_sig, sizeof from_sig, "%s.minisig", pack) < 0 ||
        text_fmt(to_sig, sizeof to_sig, "%s.minisig", to) < 0)
        return err_set(e, "%s: path too long", outdir);
    struct stat a, b;
    int same = stat(pack, &a) == 0 && stat(to, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
    if (!same && (copy_file(pack, to, e) < 0 || copy_file(from_sig, to_sig, e) < 0)) return -1;
    /* The manifest last: whoever reads the folder in this order never sees it name a pack not there. */
    char text[512], path[PALLAY_PATH_LEN], trusted[128], sig[MINISIGN_TEXT];
    unsigned char hash[MINISIGN_HASH];
    text_fmt(text, sizeof text, "format %d\nversion %lld\npack %s\nsize %lld\nsha256 %s\n", m->format, m->version, m->pack, m->size,
             m->sha256);
    text_fmt(trusted, sizeof trusted, "pallay content manifest version=%lld pack=%s", m->version, m->pack);
    minisign_hash(text, strlen(text), hash);
    if (minisign_sign(sk, hash, "signature from the network's content key", trusted, sig, sizeof sig, e) < 0) return -1;
    if (text_fmt(path, sizeof path, "%s/manifest.minisig", outdir) < 0) return err_set(e, "%s: path too long", outdir);
    if (write_text(path, sig, e) < 0) return -1;
    text_fmt(path, sizeof path, "%s/manifest", outdir);
    return write_text(path, text, e);
}
