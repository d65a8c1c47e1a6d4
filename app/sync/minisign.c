/* minisign: the key and signature layouts of the stock tool, on libsodium's Ed25519 and
 * BLAKE2b. Base64 here is standard base64 with padding, as the stock tool writes it. */
#include "minisign.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define B64 sodium_base64_VARIANT_ORIGINAL
#define SIG_BYTES  (2 + 8 + 64)
#define PUB_BYTES  (2 + 8 + 32)
/* sig_alg, kdf_alg, chk_alg, kdf salt, opslimit, memlimit, key id, secret key, checksum */
#define SEC_BYTES  (2 + 2 + 2 + 32 + 8 + 8 + 8 + 64 + 32)
#define SEC_ID     (2 + 2 + 2 + 32 + 8 + 8)

static const char UNTRUSTED[] = "untrusted comment: ", TRUSTED[] = "trusted comment: ";

void minisign_keygen(MinisignSecret *sk, MinisignPublic *pk)
{
    expect(sodium_init() >= 0);
    randombytes_buf(sk->id, sizeof sk->id);
    crypto_sign_keypair(pk->pk, sk->sk);
    memcpy(pk->id, sk->id, sizeof pk->id);
}

void minisign_public_of(const MinisignSecret *sk, MinisignPublic *pk)
{
    memcpy(pk->id, sk->id, sizeof pk->id);
    crypto_sign_ed25519_sk_to_pk(pk->pk, sk->sk);
}

void minisign_id_text(const unsigned char id[8], char out[17])
{
    for (int i = 0; i < 8; i++) snprintf(out + 2 * i, 3, "%02X", id[7 - i]);
}

/* Decodes base64 of exactly want bytes (padding as the stock tool writes it). -1 otherwise.
 * Each character is checked first: libsodium 1.0.18 decodes some bytes above 0x7F as if they
 * were '/', so a changed byte could otherwise read as the same signature. */
static int unb64(const char *s, size_t slen, unsigned char *out, size_t want)
{
    size_t got = 0;
    const char *end;
    for (size_t i = 0; i < slen; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '+' ||
              s[i] == '/' || s[i] == '='))
            return -1;
    if (sodium_base642bin(out, want, s, slen, NULL, &got, &end, B64) != 0) return -1;
    return got == want && end == s + slen ? 0 : -1;
}

/* Splits text into up to max lines in place (LF or CRLF). Returns the count. */
static int split_lines(char *text, char **lines, int max)
{
    int n = 0;
    for (char *p = text; *p && n < max;) {
        lines[n++] = p;
        char *nl = strchr(p, '\n');
        if (!nl) break;
        if (nl > p && nl[-1] == '\r') nl[-1] = '\0';
        *nl = '\0';
        p = nl + 1;
    }
    return n;
}

void minisign_public_base64(const MinisignPublic *pk, char out[MINISIGN_PUBLIC_B64 + 1])
{
    unsigned char raw[PUB_BYTES] = { 'E', 'd' };
    memcpy(raw + 2, pk->id, 8);
    memcpy(raw + 10, pk->pk, 32);
    sodium_bin2base64(out, MINISIGN_PUBLIC_B64 + 1, raw, sizeof raw, B64);
}

int minisign_public_format(const MinisignPublic *pk, char *out, size_t n)
{
    char id[17], line[MINISIGN_PUBLIC_B64 + 1];
    minisign_id_text(pk->id, id);
    minisign_public_base64(pk, line);
    int len = snprintf(out, n, "%sminisign public key %s\n%s\n", UNTRUSTED, id, line);
    return len < 0 || (size_t)len >= n ? -1 : 0;
}

int minisign_public_parse(const char *text, MinisignPublic *pk, Err *e)
{
    char buf[MINISIGN_TEXT], *lines[3];
    unsigned char raw[PUB_BYTES];
    if (strlen(text) >= sizeof buf) return err_set(e, "unknown format: not a minisign public key");
    strcpy(buf, text);
    int n = split_lines(buf, lines, 3);
    const char *b = n >= 2 && strncmp(lines[0], UNTRUSTED, strlen(UNTRUSTED)) == 0 ? lines[1] : n >= 1 ? lines[0] : "";
    while (*b == ' ') b++;
    size_t len = strlen(b);
    while (len && (b[len - 1] == ' ' || b[len - 1] == '\r')) len--;
    if (unb64(b, len, raw, sizeof raw) < 0 || raw[0] != 'E' || raw[1] != 'd')
        return err_set(e, "unknown format: not a minisign public key (expected RW...)");
    memcpy(pk->id, raw + 2, 8);
    memcpy(pk->pk, raw + 10, 32);
    return 0;
}

/* The secret key's checksum: BLAKE2b-256 of algorithm, key id and secret key. */
static void secret_checksum(const MinisignSecret *sk, unsigned char out[32])
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, 32);
    crypto_generichash_update(&st, (const unsigned char *)"Ed", 2);
    crypto_generichash_update(&st, sk->id, 8);
    crypto_generichash_update(&st, sk->sk, 64);
    crypto_generichash_final(&st, out, 32);
}

int minisign_secret_format(const MinisignSecret *sk, const char *comment, char *out, size_t n)
{
    unsigned char raw[SEC_BYTES] = { 'E', 'd', 0, 0, 'B', '2' };  /* kdf "\0\0": not encrypted */
    char b[sodium_base64_ENCODED_LEN(SEC_BYTES, B64)];
    memcpy(raw + SEC_ID, sk->id, 8);
    memcpy(raw + SEC_ID + 8, sk->sk, 64);
    secret_checksum(sk, raw + SEC_ID + 8 + 64);
    sodium_bin2base64(b, sizeof b, raw, sizeof raw, B64);
    int len = snprintf(out, n, "%s%s\n%s\n", UNTRUSTED, comment, b);
    sodium_memzero(raw, sizeof raw);
    sodium_memzero(b, sizeof b);
    return len < 0 || (size_t)len >= n ? -1 : 0;
}

int minisign_secret_parse(const char *text, MinisignSecret *sk, Err *e)
{
    char buf[MINISIGN_TEXT], *lines[3];
    unsigned char raw[SEC_BYTES], chk[32];
    int rc = -1;
    if (strlen(text) >= sizeof buf) return err_set(e, "unknown format: not a minisign secret key");
    strcpy(buf, text);
    int n = split_lines(buf, lines, 3);
    if (n < 2 || strncmp(lines[0], UNTRUSTED, strlen(UNTRUSTED)) != 0 || unb64(lines[1], strlen(lines[1]), raw, sizeof raw) < 0 ||
        memcmp(raw, "Ed", 2) != 0 || memcmp(raw + 4, "B2", 2) != 0) {
        err_set(e, "unknown format: not a minisign secret key");
        goto done;
    }
    if (raw[2] || raw[3]) {
        err_set(e, "the secret key is protected by a password: make it with minisign -G -W, or pallayctl keygen");
        goto done;
    }
    memcpy(sk->id, raw + SEC_ID, 8);
    memcpy(sk->sk, raw + SEC_ID + 8, 64);
    /* The stock tool leaves the checksum of an unencrypted key as zeros; ours is filled in. */
    secret_checksum(sk, chk);
    static const unsigned char ZERO[32];
    if (memcmp(raw + SEC_ID + 72, ZERO, 32) != 0 && sodium_memcmp(raw + SEC_ID + 72, chk, 32) != 0) {
        err_set(e, "unknown format: the secret key's checksum does not match");
        goto done;
    }
    rc = 0;
done:
    sodium_memzero(buf, sizeof buf);
    sodium_memzero(raw, sizeof raw);
    return rc;
}

int minisign_hash_file(FILE *f, unsigned char hash[MINISIGN_HASH], Err *e)
{
    crypto_generichash_state st;
    unsigned char buf[65536];
    size_t n;
    if (sodium_init() < 0) return err_set(e, "cannot start libsodium");
    crypto_generichash_init(&st, NULL, 0, MINISIGN_HASH);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) crypto_generichash_update(&st, buf, n);
    if (ferror(f)) return err_set(e, "cannot read the file");
    crypto_generichash_final(&st, hash, MINISIGN_HASH);
    return 0;
}

void minisign_hash(const void *data, size_t n, unsigned char hash[MINISIGN_HASH])
{
    expect(sodium_init() >= 0);
    crypto_generichash(hash, MINISIGN_HASH, data, n, NULL, 0);
}

int minisign_sign(const MinisignSecret *sk, const unsigned char hash[MINISIGN_HASH], const char *untrusted, const char *trusted,
                  char *out, size_t n, Err *e)
{
    size_t tlen = strlen(trusted);
    if (!untrusted) untrusted = "signature from a Pallay key";
    if (tlen >= MINISIGN_COMMENT || strchr(trusted, '\n') || strchr(trusted, '\r') || strlen(untrusted) >= MINISIGN_COMMENT ||
        strchr(untrusted, '\n') || strchr(untrusted, '\r'))
        return err_set(e, "a comment must be one line under %d bytes", MINISIGN_COMMENT);
    unsigned char sig[SIG_BYTES] = { 'E', 'D' }, global[64 + MINISIGN_COMMENT], gsig[64];
    memcpy(sig + 2, sk->id, 8);
    crypto_sign_detached(sig + 10, NULL, hash, MINISIGN_HASH, sk->sk);
    /* The global signature binds the trusted comment to this signature. */
    memcpy(global, sig + 10, 64);
    memcpy(global + 64, trusted, tlen);
    crypto_sign_detached(gsig, NULL, global, 64 + tlen, sk->sk);
    char s1[sodium_base64_ENCODED_LEN(SIG_BYTES, B64)], s2[sodium_base64_ENCODED_LEN(64, B64)];
    sodium_bin2base64(s1, sizeof s1, sig, sizeof sig, B64);
    sodium_bin2base64(s2, sizeof s2, gsig, sizeof gsig, B64);
    int len = snprintf(out, n, "%s%s\n%s\n%s%s\n%s\n", UNTRUSTED, untrusted, s1, TRUSTED, trusted, s2);
    if (len < 0 || (size_t)len >= n) return err_set(e, "the signature does not fit");
    return 0;
}

int minisign_verify(const MinisignPublic *pk, const char *text, const unsigned char hash[MINISIGN_HASH], char *trusted,
                    size_t n, char *untrusted, Err *e)
{
    char buf[MINISIGN_TEXT + MINISIGN_COMMENT], *lines[5];
    unsigned char sig[SIG_BYTES], gsig[64], global[64 + MINISIGN_COMMENT];
    if (strlen(text) >= sizeof buf) return err_set(e, "bad signature: the signature file is too long");
    strcpy(buf, text);
    int nl = split_lines(buf, lines, 5);
    if (nl < 4 || strncmp(lines[0], UNTRUSTED, strlen(UNTRUSTED)) != 0 || strncmp(lines[2], TRUSTED, strlen(TRUSTED)) != 0)
        return err_set(e, "bad signature: not a minisign signature file");
    if (nl == 5 && lines[4][0]) return err_set(e, "bad signature: extra lines after the signature");
    if (unb64(lines[1], strlen(lines[1]), sig, sizeof sig) < 0) return err_set(e, "bad signature: the signature line is malformed");
    if (memcmp(sig, "ED", 2) != 0) {
        if (memcmp(sig, "Ed", 2) == 0) return err_set(e, "bad signature: a legacy (not prehashed) signature; sign with minisign -S");
        return err_set(e, "bad signature: unknown signature algorithm");
    }
    if (unb64(lines[3], strlen(lines[3]), gsig, sizeof gsig) < 0) return err_set(e, "bad signature: the global signature is malformed");
    const char *tc = lines[2] + strlen(TRUSTED);
    size_t tlen = strlen(tc);
    if (tlen >= MINISIGN_COMMENT) return err_set(e, "bad signature: the trusted comment is too long");
    if (untrusted) snprintf(untrusted, MINISIGN_COMMENT, "%s", lines[0] + strlen(UNTRUSTED));
    if (trusted && n) snprintf(trusted, n, "%s", tc);
    if (!pk) return 0;
    if (memcmp(sig + 2, pk->id, 8) != 0) {
        char got[17], want[17];
        minisign_id_text(sig + 2, got);
        minisign_id_text(pk->id, want);
        return err_set(e, "bad signature: signed by key %s, expected key %s", got, want);
    }
    if (sodium_init() < 0) return err_set(e, "cannot start libsodium");
    memcpy(global, sig + 10, 64);
    memcpy(global + 64, tc, tlen);
    if (crypto_sign_verify_detached(gsig, global, 64 + tlen, pk->pk) != 0)
        return err_set(e, "bad signature: the trusted comment does not match its signature");
    if (crypto_sign_verify_detached(sig + 10, hash, MINISIGN_HASH, pk->pk) != 0) {
        err_set(e, "bad signature: the file does not match its signature");
        return -2;
    }
    return 0;
}
