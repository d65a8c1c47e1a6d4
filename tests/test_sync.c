/* The formats records travel in: bech32 keys, age files (the C2SP test vectors in tests/age/,
 * round trips, cut and damaged files) and minisign signatures. The stock tools check the same
 * files in tests/sync_test.sh. Random damage prints its seed; PALLAY_SEED=N replays it. */
#include "check.h"
#include "sync/age.h"
#include "sync/bech32.h"
#include "sync/minisign.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Encrypts n bytes to recipient in pieces of step bytes; returns the file in memory. */
static unsigned char *encrypt_mem(const unsigned char *pk, const unsigned char *data, size_t n, size_t step, size_t *len)
{
    char *buf = NULL;
    size_t blen = 0;
    FILE *f = open_memstream(&buf, &blen);
    Err e = { "" };
    AgeWriter *w = age_writer_open(f, pk, &e);
    for (size_t at = 0; w && at < n; at += step) age_writer_write(w, data + at, n - at < step ? n - at : step, &e);
    age_writer_close(w, &e);
    fclose(f);
    *len = blen;
    return (unsigned char *)buf;
}

/* Decrypts a file in memory; returns 0 and the plaintext, or -1 with e. */
static int decrypt_mem(const unsigned char *sk, const unsigned char *file, size_t n, unsigned char **out, size_t *outn, Err *e)
{
    FILE *f = fmemopen((void *)file, n, "rb");
    int rc = age_decrypt(f, sk, out, outn, e);
    fclose(f);
    return rc;
}

static void test_bech32(void)
{
    unsigned char sk[32], pk[32], back[32];
    char text[AGE_IDENTITY_LEN + 1];
    Err e;
    /* The spec's example identity and recipient. */
    CHECK_INT("an identity from the spec parses",
              age_identity_parse("AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX", sk, &e), 0);
    CHECK_INT("its bytes are 32 times 0x42", sk[0] == 0x42 && sk[31] == 0x42, 1);
    age_recipient_of(sk, pk);
    char r[AGE_RECIPIENT_LEN + 1];
    age_recipient_format(pk, r);
    CHECK_STR("its recipient is the spec's", r, "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj");
    age_identity_format(sk, text);
    CHECK_STR("the identity formats back the same", text, "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX");
    CHECK_INT("a recipient reads back", age_recipient_parse(r, back, &e) == 0 && memcmp(back, pk, 32) == 0, 1);
    r[10] = r[10] == 'q' ? 'p' : 'q';
    CHECK_INT("one changed letter breaks the checksum", age_recipient_parse(r, back, &e), -1);
    CHECK_INT("mixed case is refused",
              age_identity_parse("AGE-SECRET-KEY-1gFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX", sk, &e), -1);
    CHECK_INT("an identity is no recipient", age_recipient_parse(text, back, &e), -1);
}

static int hex_equal(const unsigned char *bin, size_t n, const char *hex)
{
    char h[2 * 64 + 1];
    sodium_bin2hex(h, sizeof h, bin, n);
    return strcmp(h, hex) == 0;
}

static void test_vectors(void)
{
    FILE *list = fopen("tests/age/vectors.txt", "r");
    if (!CHECK("tests/age/vectors.txt opens", list != NULL)) return;
    char line[512], name[128], expect[64], sha[80], id[128];
    int n = 0;
    while (fgets(line, sizeof line, list)) {
        if (line[0] == '#' || sscanf(line, "%127s %63s %79s %127s", name, expect, sha, id) != 4) continue;
        n++;
        char path[256];
        snprintf(path, sizeof path, "tests/age/%s.age", name);
        unsigned char sk[32], *out = NULL, digest[32];
        size_t outn = 0;
        Err e = { "" };
        age_identity_parse(id, sk, &e);
        FILE *f = fopen(path, "rb");
        if (!CHECK(check_name("%s opens", path), f != NULL)) continue;
        AgeReader *r = age_reader_open(f, sk, &e);
        int rc = -1;
        if (r) {
            rc = 0;
            fseek(f, 0, SEEK_SET);
            age_reader_close(r);
            rc = age_decrypt(f, sk, &out, &outn, &e);
        }
        fclose(f);
        if (strcmp(expect, "success") == 0) {
            if (CHECK_GOT(check_name("vector %s decrypts", name), rc == 0, "success", "\"%s\"", e.msg)) {
                crypto_hash_sha256(digest, out, outn);
                CHECK_GOT(check_name("vector %s: the payload's SHA-256", name), hex_equal(digest, 32, sha), sha, "%zu bytes", outn);
            }
        } else if (strcmp(expect, "no_match") == 0) {
            CHECK_GOT(check_name("vector %s: wrong recipient", name), !r && strncmp(e.msg, "wrong recipient", 15) == 0,
                      "\"wrong recipient...\"", "\"%s\"", r ? "opened" : e.msg);
        } else if (strcmp(expect, "header_failure") == 0) {
            CHECK_GOT(check_name("vector %s: refused at the header", name), !r && e.msg[0], "a header fault", "\"%s\"",
                      r ? "opened" : e.msg);
        } else {
            CHECK_GOT(check_name("vector %s: refused in the payload", name), r && rc < 0, "a payload fault", "\"%s\"",
                      r ? (rc == 0 ? "decrypted" : e.msg) : e.msg);
        }
        free(out);
    }
    fclose(list);
    CHECK("at least 20 vectors were read", n >= 20);
}

static void test_round_trip(void)
{
    unsigned char sk[32], pk[32], other_sk[32], other_pk[32];
    age_keygen(sk, pk);
    age_keygen(other_sk, other_pk);
    static const size_t SIZES[] = { 0, 1, 65535, 65536, 65537, 3 * 65536, 200001 };
    static const size_t STEPS[] = { 1000, 65536, 7 };
    size_t max = 200001;
    unsigned char *data = malloc(max);
    randombytes_buf(data, max);
    for (size_t i = 0; i < sizeof SIZES / sizeof *SIZES; i++) {
        size_t n = SIZES[i], len, outn = 0;
        unsigned char *file = encrypt_mem(pk, data, n, STEPS[i % 3], &len), *out = NULL;
        size_t chunks = n ? (n + AGE_CHUNK - 1) / AGE_CHUNK : 1;
        Err e = { "" };
        int rc = decrypt_mem(sk, file, len, &out, &outn, &e);
        CHECK_GOT(check_name("%zu bytes come back the same", n), rc == 0 && outn == n && (n == 0 || memcmp(out, data, n) == 0),
                  "the same bytes", "rc %d, %zu bytes, \"%s\"", rc, outn, e.msg);
        free(out);
        /* The payload is the nonce and, per chunk, the plaintext and a 16-byte tag. */
        size_t header = 0;
        for (size_t at = 0; at + 4 < len && !header; at++)
            if (memcmp(file + at, "\n---", 4) == 0) header = (size_t)((unsigned char *)memchr(file + at + 1, '\n', len - at - 1) - file) + 1;
        CHECK_INT(check_name("%zu bytes: payload size", n), len - header, 16 + n + 16 * chunks);
        rc = decrypt_mem(other_sk, file, len, &out, &outn, &e);
        CHECK_GOT(check_name("%zu bytes: another identity is the wrong recipient", n),
                  rc < 0 && strncmp(e.msg, "wrong recipient", 15) == 0, "\"wrong recipient...\"", "\"%s\"", e.msg);
        if (n > AGE_CHUNK) {
            /* Cut at a chunk boundary: what is left opens chunk by chunk but has no last chunk. */
            rc = decrypt_mem(sk, file, header + 16 + AGE_CHUNK + 16, &out, &outn, &e);
            CHECK_GOT(check_name("%zu bytes cut after the first chunk: truncated", n), rc < 0 && strncmp(e.msg, "truncated", 9) == 0,
                      "\"truncated...\"", "\"%s\"", e.msg);
            rc = decrypt_mem(sk, file, len - 5, &out, &outn, &e);
            CHECK_GOT(check_name("%zu bytes less 5: refused", n), rc < 0, "a fault", "rc %d", rc);
        }
        free(file);
    }
    CHECK_INT("a recipient of the wrong length is refused", age_recipient_parse("age1qqqq", pk, NULL), -1);
    free(data);
}

/* One flipped byte anywhere in an encrypted file is refused. */
static void test_damage(unsigned seed)
{
    unsigned char sk[32], pk[32];
    age_keygen(sk, pk);
    size_t n = 100000, len;
    unsigned char *data = malloc(n);
    randombytes_buf(data, n);
    unsigned char *file = encrypt_mem(pk, data, n, n, &len);
    srand(seed);
    int refused = 0;
    for (int i = 0; i < 50; i++) {
        size_t at = (size_t)rand() % len;
        unsigned char bit = (unsigned char)(1u << (rand() % 8));
        file[at] ^= bit;
        unsigned char *out = NULL;
        size_t outn;
        Err e = { "" };
        int rc = decrypt_mem(sk, file, len, &out, &outn, &e);
        if (rc < 0) refused++;
        else printf("# seed %u: a flip at offset %zu was not noticed\n", seed, at);
        free(out);
        file[at] ^= bit;
    }
    CHECK_GOT(check_name("50 flipped bytes, 50 refusals (seed %u)", seed), refused == 50, "50", "%d", refused);
    free(file);
    free(data);
}

static void test_minisign(void)
{
    MinisignSecret sk, sk2;
    MinisignPublic pk, pk2, other;
    minisign_keygen(&sk, &pk);
    minisign_keygen(&sk2, &other);
    char text[MINISIGN_TEXT], sig[MINISIGN_TEXT], tc[MINISIGN_COMMENT];
    Err e = { "" };
    CHECK_INT("a secret key file is written", minisign_secret_format(&sk, "test key", text, sizeof text), 0);
    CHECK_INT("and read back", minisign_secret_parse(text, &sk2, &e) == 0 && memcmp(&sk, &sk2, sizeof sk) == 0, 1);
    CHECK_INT("a public key file is written", minisign_public_format(&pk, text, sizeof text), 0);
    CHECK_INT("and read back", minisign_public_parse(text, &pk2, &e) == 0 && memcmp(&pk, &pk2, sizeof pk) == 0, 1);
    CHECK("its first line names the key id", strncmp(text, "untrusted comment: minisign public key ", 39) == 0);
    unsigned char hash[MINISIGN_HASH];
    minisign_hash("records", 7, hash);
    CHECK_INT("a hash is signed", minisign_sign(&sk, hash, "kiosk=k1 seq=1-7 records=7", sig, sizeof sig, &e), 0);
    CHECK_GOT("and verified", minisign_verify(&pk, sig, hash, tc, sizeof tc, NULL, &e) == 0, "0", "\"%s\"", e.msg);
    CHECK_STR("with its trusted comment", tc, "kiosk=k1 seq=1-7 records=7");
    hash[5] ^= 1;
    CHECK_INT("another file's hash: -2, the comment still checked", minisign_verify(&pk, sig, hash, tc, sizeof tc, NULL, &e), -2);
    hash[5] ^= 1;
    CHECK_GOT("another key is refused", minisign_verify(&other, sig, hash, tc, sizeof tc, NULL, &e) < 0 && strstr(e.msg, "signed by key"),
              "\"...signed by key...\"", "\"%s\"", e.msg);
    char *t = strstr(sig, "seq=1-7");
    t[4] = '9';
    CHECK_GOT("a changed trusted comment is refused", minisign_verify(&pk, sig, hash, tc, sizeof tc, NULL, &e) == -1,
              "\"bad signature: the trusted comment...\"", "\"%s\"", e.msg);
    CHECK_INT("a comment over two lines is refused", minisign_sign(&sk, hash, "a\nb", sig, sizeof sig, &e), -1);
}

int main(void)
{
    if (sodium_init() < 0) return 1;
    const char *env = getenv("PALLAY_SEED");
    unsigned seed = env ? (unsigned)strtoul(env, NULL, 10) : (unsigned)time(NULL);
    printf("# seed %u (PALLAY_SEED=%u replays it)\n", seed, seed);
    test_bech32();
    test_vectors();
    test_round_trip();
    test_damage(seed);
    test_minisign();
    return check_done();
}
