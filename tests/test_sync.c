/* The formats records travel in: bech32 keys, age files (the C2SP test vectors in tests/age/,
 * round trips, cut and damaged files) and minisign signatures. The stock tools check the same
 * files in tests/sync_test.sh. Random damage prints its seed; PALLAY_SEED=N replays it. */
#include "check.h"
#include "sync/age.h"
#include "sync/bech32.h"
#include "sync/minisign.h"

#include <sodium.h>
#include <stdarg.h>
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
    CHECK_INT("a hash is signed", minisign_sign(&sk, hash, NULL, "kiosk=k1 seq=1-7 records=7", sig, sizeof sig, &e), 0);
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
    CHECK_INT("a comment over two lines is refused", minisign_sign(&sk, hash, NULL, "a\nb", sig, sizeof sig, &e), -1);

    /* Every byte of a signature, changed in its low bit or its high bit, is refused (the high
     * bit once slipped through libsodium's base64 decoder). The last newline may go. */
    minisign_sign(&sk, hash, NULL, "kiosk=k1 seq=1-7 records=7", sig, sizeof sig, &e);
    size_t n = strlen(sig);
    int accepted = 0;
    for (size_t i = 0; i + 1 < n; i++)
        for (int bit = 0; bit < 2; bit++) {
            char copy[MINISIGN_TEXT];
            memcpy(copy, sig, n + 1);
            copy[i] ^= (char)(bit ? 0x80 : 0x01);
            if (minisign_verify(&pk, copy, hash, tc, sizeof tc, NULL, &e) == 0 && i > strcspn(sig, "\n")) {
                accepted++;
                printf("# a change at offset %zu (bit %d) was accepted\n", i, bit ? 7 : 0);
            }
        }
    CHECK_INT("every changed byte after the untrusted comment is refused", accepted, 0);
}

/* Writes n bytes to path. */
static void put_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    expect(f && fwrite(data, 1, n, f) == n);
    fclose(f);
}

static unsigned char *get_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    unsigned char *buf = malloc(1 << 20);
    *n = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    return system(cmd);
}

/* The stock age and minisign are the oracle: they read what we write, and we read theirs. */
static void test_stock_tools(void)
{
    char dir[] = "/tmp/pallay-sync.XXXXXX", path[256];
    if (!CHECK("a temporary folder", mkdtemp(dir) != NULL)) return;
    unsigned char sk[32], pk[32];
    char id[AGE_IDENTITY_LEN + 1], rcp[AGE_RECIPIENT_LEN + 1], text[MINISIGN_TEXT], sig[MINISIGN_TEXT], tc[MINISIGN_COMMENT];
    age_keygen(sk, pk);
    age_identity_format(sk, id);
    age_recipient_format(pk, rcp);
    snprintf(path, sizeof path, "%s/network.key", dir);
    put_file(path, id, strlen(id));
    size_t n = 150000, len, got_n = 0;
    unsigned char *data = malloc(n), *file, *got;
    randombytes_buf(data, n);
    snprintf(path, sizeof path, "%s/plain", dir);
    put_file(path, data, n);
    file = encrypt_mem(pk, data, n, 4096, &len);
    snprintf(path, sizeof path, "%s/ours.age", dir);
    put_file(path, file, len);
    free(file);
    int rc = run("age -d -i %s/network.key -o %s/ours.out %s/ours.age", dir, dir, dir);
    snprintf(path, sizeof path, "%s/ours.out", dir);
    got = get_file(path, &got_n);
    CHECK_GOT("age -d opens our file, the same bytes", rc == 0 && got && got_n == n && memcmp(got, data, n) == 0,
              "status 0 and the same 150000 bytes", "status %d, %zu bytes", rc, got_n);
    free(got);
    rc = run("age -r %s -o %s/theirs.age %s/plain", rcp, dir, dir);
    snprintf(path, sizeof path, "%s/theirs.age", dir);
    FILE *f = fopen(path, "rb");
    Err e = { "" };
    got = NULL;
    got_n = 0;
    int dec = f ? age_decrypt(f, sk, &got, &got_n, &e) : -1;
    if (f) fclose(f);
    CHECK_GOT("a file from age -r opens here, the same bytes", rc == 0 && dec == 0 && got_n == n && memcmp(got, data, n) == 0,
              "the same 150000 bytes", "status %d, \"%s\", %zu bytes", rc, e.msg, got_n);
    free(got);

    /* Our signature, checked by minisign -V. */
    MinisignSecret msk;
    MinisignPublic mpk;
    minisign_keygen(&msk, &mpk);
    unsigned char hash[MINISIGN_HASH];
    minisign_hash(data, n, hash);
    minisign_sign(&msk, hash, "a test signature", "kiosk=test seq=1-3 records=3", sig, sizeof sig, &e);
    snprintf(path, sizeof path, "%s/plain.minisig", dir);
    put_file(path, sig, strlen(sig));
    minisign_public_format(&mpk, text, sizeof text);
    snprintf(path, sizeof path, "%s/kiosk.pub", dir);
    put_file(path, text, strlen(text));
    rc = run("minisign -Vm %s/plain -p %s/kiosk.pub -q -o > %s/out.txt", dir, dir, dir);
    snprintf(path, sizeof path, "%s/out.txt", dir);
    got = get_file(path, &got_n);
    CHECK_GOT("minisign -V accepts our signature", rc == 0 && got_n == n && memcmp(got, data, n) == 0, "status 0, the file",
              "status %d", rc);
    free(got);
    data[7] ^= 1;
    snprintf(path, sizeof path, "%s/plain", dir);
    put_file(path, data, n);
    rc = run("minisign -Vm %s/plain -p %s/kiosk.pub -q 2>/dev/null", dir, dir);
    CHECK_GOT("and refuses it on a changed file", rc != 0, "a non-zero status", "status %d", rc);

    /* Our secret key file in the stock tool's hands, and its signature checked here. */
    minisign_secret_format(&msk, "test kiosk", text, sizeof text);
    snprintf(path, sizeof path, "%s/kiosk.key", dir);
    put_file(path, text, strlen(text));
    rc = run("minisign -S -s %s/kiosk.key -m %s/plain -t 'from the stock tool' </dev/null >/dev/null", dir, dir);
    snprintf(path, sizeof path, "%s/plain.minisig", dir);
    got = get_file(path, &got_n);
    if (got) got[got_n < MINISIGN_TEXT ? got_n : MINISIGN_TEXT - 1] = '\0';
    minisign_hash(data, n, hash);
    int v = got ? minisign_verify(&mpk, (char *)got, hash, tc, sizeof tc, NULL, &e) : -1;
    CHECK_GOT("minisign -S signs with our key file; we accept it", rc == 0 && v == 0, "status 0, verified", "status %d, \"%s\"", rc,
              e.msg);
    CHECK_STR("its trusted comment", tc, "from the stock tool");
    free(got);

    /* A key pair from minisign -G -W is read here. */
    rc = run("minisign -G -W -p %s/stock.pub -s %s/stock.key >/dev/null", dir, dir);
    MinisignSecret ssk;
    MinisignPublic spk, spk2;
    snprintf(path, sizeof path, "%s/stock.key", dir);
    got = get_file(path, &got_n);
    if (got) got[got_n] = '\0';
    int a = got ? minisign_secret_parse((char *)got, &ssk, &e) : -1;
    free(got);
    snprintf(path, sizeof path, "%s/stock.pub", dir);
    got = get_file(path, &got_n);
    if (got) got[got_n] = '\0';
    int b = got ? minisign_public_parse((char *)got, &spk, &e) : -1;
    free(got);
    minisign_public_of(&ssk, &spk2);
    CHECK_GOT("a key pair from minisign -G -W reads here, and its halves match",
              rc == 0 && a == 0 && b == 0 && memcmp(&spk, &spk2, sizeof spk) == 0, "both read, matching", "status %d, \"%s\"", rc, e.msg);
    free(data);
    run("rm -rf %s", dir);
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
    test_stock_tools();
    return check_done();
}
