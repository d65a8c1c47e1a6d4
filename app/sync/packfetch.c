/* packfetch: the latest content pack from the network's folder (see packfetch.h). */
#include "packfetch.h"
#include "../base/text.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void packfetch_clear(const char *dir) { text_clear_dir(dir); }

static PackFetchOutcome refuse(PackFetchResult *r, PackFault f, const char *why)
{
    r->outcome = PACKFETCH_REFUSED;
    r->refusal = f;
    text_copy(r->why, sizeof r->why, why);
    return r->outcome;
}

static PackFetchOutcome fault(PackFetchResult *r)
{
    r->outcome = PACKFETCH_FAULT;
    if (!r->fault.fault) r->fault.fault = DAV_FAULT_SERVER;
    text_copy(r->why, sizeof r->why, r->fault.why);
    return r->outcome;
}

/* The hash that names this manifest: its bytes and its signature's, so that a signature replaced
 * after the manifest (an upload under way) is looked at again. */
static int manifest_hash(const char *a, const char *b, char hex[65])
{
    crypto_hash_sha256_state st;
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_init(&st);
    for (int i = 0; i < 2; i++) {
        size_t n = 0;
        char *text = text_read_file(i ? b : a, &n);
        if (!text && i) continue;   /* no signature: the manifest alone names it */
        if (!text) return -1;
        crypto_hash_sha256_update(&st, (const unsigned char *)text, n);
        crypto_hash_sha256_update(&st, (const unsigned char *)"\n--\n", 4);
        free(text);
    }
    crypto_hash_sha256_final(&st, hash);
    sodium_bin2hex(hex, 65, hash, sizeof hash);
    return 0;
}

PackFetchOutcome packfetch_run(Dav *d, const PackFetchJob *j, PackFetchResult *r)
{
    char manifest[PALLAY_PATH_LEN], msig[PALLAY_PATH_LEN], name[PALLAY_PATH_LEN], sig[PALLAY_PATH_LEN];
    memset(r, 0, sizeof *r);
    packfetch_clear(j->dir);
    if (text_fmt(manifest, sizeof manifest, "%s/manifest", j->dir) < 0 || text_fmt(msig, sizeof msig, "%s.minisig", manifest) < 0) {
        r->fault.fault = DAV_FAULT_DISK;
        text_copy(r->fault.why, sizeof r->fault.why, "path too long");
        return fault(r);
    }
    int rc = dav_get_max(d, PACKFETCH_FOLDER "manifest", manifest, FEED_TEXT_MAX, &r->fault);
    if (rc == -1 && r->fault.status == 404) return r->outcome = PACKFETCH_NONE;
    if (rc == -2) return refuse(r, PACK_NOT_A_PACK, r->fault.why);
    if (rc < 0) return fault(r);
    rc = dav_get_max(d, PACKFETCH_FOLDER "manifest.minisig", msig, FEED_TEXT_MAX, &r->fault);
    if (rc == -1 && r->fault.status == 404) unlink(msig);     /* feed_read says "unsigned" */
    else if (rc == -2) return refuse(r, PACK_SIGNATURE, r->fault.why);
    else if (rc < 0) return fault(r);
    if (manifest_hash(manifest, msig, r->seen) < 0) r->seen[0] = '\0';
    int seen = r->seen[0] && j->seen && strcmp(r->seen, j->seen) == 0;
    Err e;
    if (feed_read(manifest, j->key, &r->m, &r->refusal, &e) < 0) {
        /* What it claims, for the words of the refusal only (names pass feed_parse's character set). */
        FeedManifest claimed;
        Err ignored;
        char *text = text_read_file(manifest, NULL);
        if (text && feed_parse(text, &claimed, &ignored) == 0) r->m = claimed;
        free(text);
        if (seen) return r->outcome = PACKFETCH_SEEN;
        return refuse(r, r->refusal, e.msg);
    }
    if (r->m.version <= j->installed) return r->outcome = PACKFETCH_CURRENT;
    if (seen) return r->outcome = PACKFETCH_SEEN;
    if (r->m.size > j->max_bytes) {
        text_fmt(e.msg, sizeof e.msg, "the manifest's pack is %lld bytes, over pack_max_mb (%lld MB)", r->m.size, j->max_bytes >> 20);
        return refuse(r, PACK_TOO_BIG, e.msg);
    }
    char from[PALLAY_PATH_LEN];
    if (text_fmt(name, sizeof name, "%s/%s", j->dir, r->m.pack) < 0 || text_fmt(sig, sizeof sig, "%s.minisig", name) < 0) {
        r->fault.fault = DAV_FAULT_DISK;
        text_copy(r->fault.why, sizeof r->fault.why, "path too long");
        return fault(r);
    }
    text_fmt(from, sizeof from, PACKFETCH_FOLDER "%s", r->m.pack);
    rc = dav_get_max(d, from, name, r->m.size, &r->fault);
    if (rc == 0) {
        text_fmt(from, sizeof from, PACKFETCH_FOLDER "%s.minisig", r->m.pack);
        rc = dav_get_max(d, from, sig, FEED_TEXT_MAX, &r->fault);
        if (rc == -1 && r->fault.status == 404) rc = 0, unlink(sig);    /* install_pack says "unsigned" */
    }
    if (rc == -2) {
        packfetch_clear(j->dir);
        text_fmt(e.msg, sizeof e.msg, "%s: longer than its manifest says (%lld bytes)", r->m.pack, r->m.size);
        return refuse(r, PACK_TOO_BIG, e.msg);
    }
    if (rc < 0) {
        packfetch_clear(j->dir);
        return fault(r);
    }
    char hex[65];
    long long size = 0;
    if (feed_hash_file(name, hex, &size, &e) < 0) {
        r->fault.fault = DAV_FAULT_DISK;
        text_copy(r->fault.why, sizeof r->fault.why, e.msg);
        packfetch_clear(j->dir);
        return fault(r);
    }
    if (size != r->m.size || strcmp(hex, r->m.sha256) != 0) {
        packfetch_clear(j->dir);
        text_fmt(e.msg, sizeof e.msg, "%s: %lld bytes with SHA-256 %.12s..., the manifest says %lld bytes with %.12s...", r->m.pack, size,
                 hex, r->m.size, r->m.sha256);
        return refuse(r, PACK_HASH, e.msg);
    }
    text_copy(r->file, sizeof r->file, name);
    return r->outcome = PACKFETCH_READY;
}

void packfetch_seen_load(const char *path, char seen[65])
{
    char *text = text_read_file(path, NULL);
    seen[0] = '\0';
    if (!text) return;
    text[strcspn(text, "\n")] = '\0';
    if (strlen(text) == 64) text_copy(seen, 65, text);
    free(text);
}

void packfetch_seen_save(const char *path, const char *seen)
{
    char tmp[PALLAY_PATH_LEN];
    if (text_fmt(tmp, sizeof tmp, "%s.tmp", path) < 0) return;
    FILE *f = fopen(tmp, "w");
    if (!f) return;
    fprintf(f, "%s\n", seen);
    int bad = fflush(f) != 0 || fsync(fileno(f)) != 0;
    if (fclose(f) != 0 || bad || rename(tmp, path) != 0) unlink(tmp);
}
