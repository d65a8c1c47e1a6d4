/* envelope: the signature first (cheap, and it says who sent the file), then the decryption. */
#include "envelope.h"
#include "../base/text.h"
#include "../config.h"
#include "age.h"
#include "bundle.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int envelope_field(const char *trusted, const char *name, char *out, size_t n)
{
    size_t len = strlen(name);
    for (const char *p = trusted; (p = strstr(p, name)); p += len) {
        if ((p != trusted && p[-1] != ' ') || p[len] != '=') continue;
        snprintf(out, n, "%.*s", (int)strcspn(p + len + 1, " "), p + len + 1);
        return 0;
    }
    return -1;
}

/* The file starts as every age file does: anything else is not a bundle at all. */
static int is_age(const char *path, Err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(e, "cannot read: %s", strerror(errno));
    char first[32] = "";
    size_t got = fread(first, 1, 22, f);
    fclose(f);
    if (got < 22 || memcmp(first, "age-encryption.org/v1\n", 22) != 0) return err_set(e, "unknown format: not an age file");
    return 0;
}

static int load_key(const char *keyfile, MinisignPublic *pk, Err *e)
{
    char *text = text_read_file(keyfile, NULL);
    if (!text) return err_set(e, "%s: cannot be read", keyfile);
    Err why;
    int rc = minisign_public_parse(text, pk, &why);
    free(text);
    return rc < 0 ? err_set(e, "%s: %s", keyfile, why.msg) : 0;
}

int envelope_verify(const char *path, const char *keyfile, Envelope *env, Err *e)
{
    char sigpath[PALLAY_PATH_LEN], value[128], untrusted[MINISIGN_COMMENT];
    memset(env, 0, sizeof *env);
    if (is_age(path, e) < 0) return -1;
    if (text_fmt(sigpath, sizeof sigpath, "%s.minisig", path) < 0) return err_set(e, "path too long");
    size_t siglen = 0;
    char *sig = text_read_file(sigpath, &siglen);
    if (!sig) return err_set(e, "bad signature: %s cannot be read", sigpath);
    int rc = -1;
    /* A NUL byte would end the text early and hide whatever follows it. */
    if (strlen(sig) != siglen) {
        err_set(e, "bad signature: %s is not text", sigpath);
        goto done;
    }
    if (minisign_verify(NULL, sig, env->hash, env->trusted, sizeof env->trusted, untrusted, e) < 0) goto done;
    /* The kiosk's key: given (pinned), or the one the signature names, checked below. */
    if (keyfile) {
        if (load_key(keyfile, &env->key, e) < 0) goto done;
    } else if (envelope_field(env->trusted, "key", value, sizeof value) < 0 || minisign_public_parse(value, &env->key, e) < 0) {
        err_set(e, "bad signature: the signature names no kiosk key; give --key KIOSK.pub");
        goto done;
    }
    FILE *f = fopen(path, "rb");
    if (!f || minisign_hash_file(f, env->hash, e) < 0) {
        if (f) fclose(f);
        err_set(e, "cannot read");
        goto done;
    }
    long size = ftell(f);
    fclose(f);
    rc = minisign_verify(&env->key, sig, env->hash, env->trusted, sizeof env->trusted, NULL, e);
    if (rc == -2 && envelope_field(env->trusted, "size", value, sizeof value) == 0 && atol(value) > size)
        err_set(e, "truncated: %ld of the %s bytes signed", size, value);
    if (rc == 0 && bundle_check_comments(env->trusted, untrusted, e) < 0) rc = -1;
    if (rc != 0) rc = -1;
    minisign_public_base64(&env->key, env->key_b64);
done:
    free(sig);
    return rc;
}

int envelope_open(const char *path, const unsigned char identity[32], unsigned char **plain, size_t *n, Err *e)
{
    *plain = NULL;
    *n = 0;
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(e, "cannot read: %s", strerror(errno));
    int rc = age_decrypt(f, identity, plain, n, e);
    fclose(f);
    return rc;
}
