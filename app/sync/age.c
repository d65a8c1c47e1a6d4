/* age: the v1 header (version line, X25519 stanzas, HMAC) and the STREAM payload, on
 * libsodium's X25519, HMAC-SHA-256 and ChaCha20-Poly1305 (IETF). libsodium 1.0.18 has no
 * HKDF, so hkdf() below builds it from HMAC-SHA-256 as RFC 5869 describes. */
#include "age.h"
#include "bech32.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define FILE_KEY     16
#define NONCE        16
#define TAG          crypto_aead_chacha20poly1305_ietf_ABYTES
#define CHUNK_CT     (AGE_CHUNK + TAG)
#define HEADER_MAX   (64 * 1024)   /* a header this long is not one we could have to read */
#define LINE_MAX_    4096
#define B64_32       43             /* unpadded base64 of 32 bytes */

static const char VERSION[] = "age-encryption.org/v1";
static const char X25519_INFO[] = "age-encryption.org/v1/X25519";

struct AgeWriter {
    FILE *out;
    unsigned char key[32];
    unsigned long long counter;
    size_t len;
    unsigned char pt[AGE_CHUNK], ct[CHUNK_CT];
};

struct AgeReader {
    FILE *in;
    unsigned char key[32];
    unsigned long long counter;
    int done, peek;             /* peek: a byte read ahead to learn whether a chunk is the last, or EOF */
    size_t pos, len;
    unsigned char pt[AGE_CHUNK], ct[CHUNK_CT];
};

static int init_sodium(Err *e)
{
    if (sodium_init() < 0) return err_set(e, "cannot start libsodium");
    return 0;
}

/* HKDF-SHA-256 (RFC 5869) with a 32-byte output: extract, then the first block of expand. */
static void hkdf(const unsigned char *salt, size_t nsalt, const unsigned char *ikm, size_t nikm, const char *info,
                 unsigned char out[32])
{
    unsigned char prk[32], one = 1;
    crypto_auth_hmacsha256_state st;
    static const unsigned char NO_SALT[1];
    crypto_auth_hmacsha256_init(&st, salt ? salt : NO_SALT, nsalt);  /* an empty salt is still a pointer */
    crypto_auth_hmacsha256_update(&st, ikm, nikm);
    crypto_auth_hmacsha256_final(&st, prk);
    crypto_auth_hmacsha256_init(&st, prk, sizeof prk);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)info, strlen(info));
    crypto_auth_hmacsha256_update(&st, &one, 1);
    crypto_auth_hmacsha256_final(&st, out);
    sodium_memzero(prk, sizeof prk);
    sodium_memzero(&st, sizeof st);
}

/* The key that wraps the file key: HKDF of the X25519 shared secret, salted with share || recipient. */
static void wrap_key(const unsigned char shared[32], const unsigned char share[32], const unsigned char recipient[32],
                     unsigned char key[32])
{
    unsigned char salt[64];
    memcpy(salt, share, 32);
    memcpy(salt + 32, recipient, 32);
    hkdf(salt, sizeof salt, shared, 32, X25519_INFO, key);
}

/* The 12-byte STREAM nonce: an 11-byte big-endian counter, then 1 for the last chunk. */
static void chunk_nonce(unsigned long long counter, int last, unsigned char nonce[12])
{
    memset(nonce, 0, 12);
    for (int i = 10; i >= 3; i--, counter >>= 8) nonce[i] = (unsigned char)(counter & 0xff);
    nonce[11] = last ? 1 : 0;
}

static void b64(const unsigned char *bin, size_t n, char *out, size_t outn)
{
    sodium_bin2base64(out, outn, bin, n, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
}

static int all_base64(const char *s, size_t n);

/* Decodes canonical unpadded base64 of exactly want bytes. -1 otherwise. The characters are
 * checked first: libsodium 1.0.18 decodes some bytes above 0x7F as if they were '/'. */
static int unb64(const char *s, size_t slen, unsigned char *out, size_t want)
{
    size_t got = 0;
    const char *end;
    if (slen != (want * 4 + 2) / 3 || !all_base64(s, slen)) return -1;
    if (sodium_base642bin(out, want, s, slen, NULL, &got, &end, sodium_base64_VARIANT_ORIGINAL_NO_PADDING) != 0) return -1;
    return got == want && end == s + slen ? 0 : -1;
}

/* --- keys --- */

void age_keygen(unsigned char identity[AGE_KEY_BYTES], unsigned char recipient[AGE_KEY_BYTES])
{
    expect(sodium_init() >= 0);
    do randombytes_buf(identity, AGE_KEY_BYTES);
    while (age_recipient_of(identity, recipient) < 0);
}

int age_recipient_of(const unsigned char identity[AGE_KEY_BYTES], unsigned char recipient[AGE_KEY_BYTES])
{
    if (sodium_init() < 0) return -1;
    return crypto_scalarmult_base(recipient, identity) == 0 ? 0 : -1;
}

void age_recipient_format(const unsigned char recipient[AGE_KEY_BYTES], char out[AGE_RECIPIENT_LEN + 1])
{
    expect(bech32_encode("age", recipient, AGE_KEY_BYTES, 0, out, AGE_RECIPIENT_LEN + 1) == 0);
}

void age_identity_format(const unsigned char identity[AGE_KEY_BYTES], char out[AGE_IDENTITY_LEN + 1])
{
    expect(bech32_encode("AGE-SECRET-KEY-", identity, AGE_KEY_BYTES, 1, out, AGE_IDENTITY_LEN + 1) == 0);
}

/* Copies text without surrounding white space into buf; -1 if it does not fit. */
static int trimmed(const char *text, char *buf, size_t n)
{
    while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r') text++;
    size_t len = strlen(text);
    while (len && (text[len - 1] == ' ' || text[len - 1] == '\t' || text[len - 1] == '\n' || text[len - 1] == '\r')) len--;
    if (len >= n) return -1;
    memcpy(buf, text, len);
    buf[len] = '\0';
    return 0;
}

int age_recipient_parse(const char *text, unsigned char recipient[AGE_KEY_BYTES], Err *e)
{
    char buf[128];
    if (trimmed(text, buf, sizeof buf) < 0 || bech32_decode("age", buf, recipient, AGE_KEY_BYTES) != AGE_KEY_BYTES)
        return err_set(e, "not an age recipient (expected age1 and 58 letters and digits)");
    return 0;
}

int age_identity_parse(const char *text, unsigned char identity[AGE_KEY_BYTES], Err *e)
{
    char buf[128];
    if (trimmed(text, buf, sizeof buf) < 0 || bech32_decode("AGE-SECRET-KEY-", buf, identity, AGE_KEY_BYTES) != AGE_KEY_BYTES)
        return err_set(e, "not an age identity (expected AGE-SECRET-KEY-1...)");
    return 0;
}

int age_identity_load(const char *path, unsigned char identity[AGE_KEY_BYTES], Err *e)
{
    FILE *f = fopen(path, "r");
    if (!f) return err_set(e, "%s: cannot read", path);
    char line[LINE_MAX_];
    int found = 0;
    Err sub;
    while (!found && fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n') continue;
        if (age_identity_parse(line, identity, &sub) < 0) break;
        found = 1;
    }
    fclose(f);
    sodium_memzero(line, sizeof line);
    return found ? 0 : err_set(e, "%s: no AGE-SECRET-KEY-1 line", path);
}

/* --- writing --- */

AgeWriter *age_writer_open(FILE *out, const unsigned char recipient[AGE_KEY_BYTES], Err *e)
{
    if (init_sodium(e) < 0) return NULL;
    AgeWriter *w = xcalloc(1, sizeof *w);
    w->out = out;
    unsigned char file_key[FILE_KEY], eph[32], share[32], shared[32], wkey[32], body[FILE_KEY + TAG], nonce[NONCE];
    unsigned char mac_key[32], mac[32];
    static const unsigned char ZERO12[12];
    char header[512], s_share[B64_32 + 1], s_body[B64_32 + 1], s_mac[B64_32 + 1];
    randombytes_buf(file_key, sizeof file_key);
    randombytes_buf(eph, sizeof eph);
    if (crypto_scalarmult_base(share, eph) != 0 || crypto_scalarmult(shared, eph, recipient) != 0) {
        err_set(e, "wrong recipient: that public key cannot be used");
        goto fail;
    }
    wrap_key(shared, share, recipient, wkey);
    crypto_aead_chacha20poly1305_ietf_encrypt(body, NULL, file_key, sizeof file_key, NULL, 0, NULL, ZERO12, wkey);
    b64(share, 32, s_share, sizeof s_share);
    b64(body, sizeof body, s_body, sizeof s_body);
    int len = snprintf(header, sizeof header, "%s\n-> X25519 %s\n%s\n---", VERSION, s_share, s_body);
    hkdf(NULL, 0, file_key, sizeof file_key, "header", mac_key);
    crypto_auth_hmacsha256(mac, (const unsigned char *)header, (unsigned long long)len, mac_key);
    b64(mac, sizeof mac, s_mac, sizeof s_mac);
    randombytes_buf(nonce, sizeof nonce);
    hkdf(nonce, sizeof nonce, file_key, sizeof file_key, "payload", w->key);
    if (fprintf(out, "%s %s\n", header, s_mac) < 0 || fwrite(nonce, 1, sizeof nonce, out) != sizeof nonce) {
        err_set(e, "cannot write: the header did not fit");
        goto fail;
    }
    sodium_memzero(file_key, sizeof file_key);
    sodium_memzero(eph, sizeof eph);
    sodium_memzero(shared, sizeof shared);
    sodium_memzero(wkey, sizeof wkey);
    return w;
fail:
    sodium_memzero(file_key, sizeof file_key);
    sodium_memzero(eph, sizeof eph);
    sodium_memzero(w, sizeof *w);
    free(w);
    return NULL;
}

static int flush_chunk(AgeWriter *w, int last, Err *e)
{
    unsigned char nonce[12];
    unsigned long long clen;
    chunk_nonce(w->counter++, last, nonce);
    crypto_aead_chacha20poly1305_ietf_encrypt(w->ct, &clen, w->pt, w->len, NULL, 0, NULL, nonce, w->key);
    w->len = 0;
    if (fwrite(w->ct, 1, (size_t)clen, w->out) != (size_t)clen) return err_set(e, "cannot write: the disk may be full");
    return 0;
}

int age_writer_write(AgeWriter *w, const void *data, size_t n, Err *e)
{
    const unsigned char *p = data;
    while (n > 0) {
        /* A full buffer is written only once more data follows: the last chunk may be full. */
        if (w->len == AGE_CHUNK && flush_chunk(w, 0, e) < 0) return -1;
        size_t take = AGE_CHUNK - w->len < n ? AGE_CHUNK - w->len : n;
        memcpy(w->pt + w->len, p, take);
        w->len += take;
        p += take;
        n -= take;
    }
    return 0;
}

int age_writer_close(AgeWriter *w, Err *e)
{
    if (!w) return -1;
    int rc = flush_chunk(w, 1, e);
    sodium_memzero(w, sizeof *w);
    free(w);
    return rc;
}

int age_encrypt(FILE *out, const unsigned char recipient[AGE_KEY_BYTES], const void *data, size_t n, Err *e)
{
    AgeWriter *w = age_writer_open(out, recipient, e);
    if (!w) return -1;
    if (age_writer_write(w, data, n, e) < 0) {
        age_writer_close(w, NULL);
        return -1;
    }
    return age_writer_close(w, e);
}

/* --- reading the header --- */

typedef struct {
    char *buf;      /* the header's bytes as read, for the MAC */
    size_t len;
} Header;

/* Reads one line (without its LF) into line and appends it, with its LF, to h.
 * 1 for a line, 0 at the end of the file before any byte, -1 (with e) on a fault. */
static int header_line(FILE *in, Header *h, char *line, size_t n, Err *e)
{
    size_t len = 0;
    int c;
    while ((c = getc(in)) != EOF && c != '\n') {
        if (len + 1 >= n || h->len + len + 2 >= HEADER_MAX) return err_set(e, "unknown format: a header line is too long");
        line[len++] = (char)c;
    }
    line[len] = '\0';
    if (c == EOF) {
        if (ferror(in)) return err_set(e, "cannot read the file");
        if (len == 0) return 0;
        return err_set(e, "truncated: the header is cut short");
    }
    memcpy(h->buf + h->len, line, len);
    h->buf[h->len + len] = '\n';
    h->len += len + 1;
    return 1;
}

static int all_base64(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '+' ||
              s[i] == '/'))
            return 0;
    return 1;
}

/* Tries one X25519 stanza (its second argument and body) on the identity: 1 if it held the
 * file key, 0 if it is for someone else, -1 (with e) if it is malformed. */
static int try_x25519(const char *arg, const char *body, size_t nbody, const unsigned char identity[32],
                      unsigned char file_key[FILE_KEY], Err *e)
{
    static const unsigned char ZERO12[12];
    unsigned char share[32], shared[32], recipient[32], key[32], ct[FILE_KEY + TAG];
    if (unb64(arg, strlen(arg), share, 32) < 0) return err_set(e, "unknown format: an X25519 share is not 32 bytes of base64");
    if (unb64(body, nbody, ct, sizeof ct) < 0) return err_set(e, "unknown format: an X25519 stanza's body is not 32 bytes");
    if (crypto_scalarmult(shared, identity, share) != 0) return err_set(e, "unknown format: an X25519 share is a low-order point");
    crypto_scalarmult_base(recipient, identity);
    wrap_key(shared, share, recipient, key);
    int ok = crypto_aead_chacha20poly1305_ietf_decrypt(file_key, NULL, NULL, ct, sizeof ct, NULL, 0, ZERO12, key) == 0;
    sodium_memzero(shared, sizeof shared);
    sodium_memzero(key, sizeof key);
    return ok;
}

/* Reads the header up to the MAC and unwraps the file key. 0 or -1 (with e). */
static int read_header(FILE *in, const unsigned char identity[32], unsigned char file_key[FILE_KEY], Err *e)
{
    Header h = { xcalloc(1, HEADER_MAX), 0 };
    char *line = xcalloc(1, LINE_MAX_), *body = xcalloc(1, HEADER_MAX);
    int rc = -1, found = 0, stanzas = 0, r;
    if ((r = header_line(in, &h, line, LINE_MAX_, e)) <= 0) {
        if (r == 0) err_set(e, "truncated: the file is empty");
        goto fail;
    }
    if (strcmp(line, VERSION) != 0) {
        if (strncmp(line, "age-encryption.org/", 19) == 0) err_set(e, "unknown format: age version \"%.20s\"", line + 19);
        else if (strncmp(line, "-----BEGIN AGE", 14) == 0) err_set(e, "unknown format: armored age, expected binary");
        else err_set(e, "unknown format: not an age file");
        goto fail;
    }
    for (;;) {
        if ((r = header_line(in, &h, line, LINE_MAX_, e)) <= 0) {
            if (r == 0) err_set(e, "truncated: the header is cut short");
            goto fail;
        }
        if (strncmp(line, "---", 3) == 0) break;
        if (strncmp(line, "-> ", 3) != 0) { err_set(e, "unknown format: a header line is neither a stanza nor the MAC"); goto fail; }
        stanzas++;
        size_t alen = strlen(line);
        if (alen == 3 || line[3] == ' ' || line[alen - 1] == ' ' || strstr(line + 3, "  ")) {
            err_set(e, "unknown format: an empty stanza argument");
            goto fail;
        }
        char *args[3] = { 0 }, *save = NULL;
        int nargs = 0;
        for (char *tok = strtok_r(line + 3, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
            if (nargs < 3) args[nargs] = tok;
            nargs++;
        }
        char type[64];
        snprintf(type, sizeof type, "%s", args[0] ? args[0] : "");
        char arg1[LINE_MAX_];
        snprintf(arg1, sizeof arg1, "%s", nargs > 1 ? args[1] : "");
        size_t nbody = 0, llen;
        do {
            if ((r = header_line(in, &h, line, LINE_MAX_, e)) <= 0) {
                if (r == 0) err_set(e, "truncated: the header is cut short");
                goto fail;
            }
            llen = strlen(line);
            if (llen > 64 || !all_base64(line, llen)) { err_set(e, "unknown format: a stanza body is not base64 in 64 columns"); goto fail; }
            memcpy(body + nbody, line, llen);
            nbody += llen;
        } while (llen == 64);
        if (strcmp(type, "X25519") != 0) continue;
        /* Every X25519 stanza must be well formed, even after the one that opened. */
        if (nargs != 2) { err_set(e, "unknown format: an X25519 stanza needs 2 arguments"); goto fail; }
        unsigned char spare[FILE_KEY];
        int t = try_x25519(arg1, body, nbody, identity, found ? spare : file_key, e);
        if (t < 0) goto fail;
        found |= t;
    }
    if (strlen(line) != 4 + B64_32 || line[3] != ' ') { err_set(e, "unknown format: the header MAC line is malformed"); goto fail; }
    if (stanzas == 0) { err_set(e, "unknown format: no recipient stanza"); goto fail; }
    if (!found) { err_set(e, "wrong recipient: the file was not encrypted to this identity"); goto fail; }
    unsigned char mac[32], want[32], mac_key[32];
    if (unb64(line + 4, B64_32, mac, sizeof mac) < 0) { err_set(e, "unknown format: the header MAC is not base64"); goto fail; }
    hkdf(NULL, 0, file_key, FILE_KEY, "header", mac_key);
    /* The MAC covers the header up to "---", without the space and MAC after it. */
    crypto_auth_hmacsha256(want, (const unsigned char *)h.buf, h.len - strlen(line) - 1 + 3, mac_key);
    if (sodium_memcmp(mac, want, sizeof mac) != 0) { err_set(e, "damaged: the header's MAC does not match"); goto fail; }
    rc = 0;
fail:
    free(h.buf);
    free(line);
    free(body);
    return rc;
}

/* --- reading the payload --- */

AgeReader *age_reader_open(FILE *in, const unsigned char identity[AGE_KEY_BYTES], Err *e)
{
    if (init_sodium(e) < 0) return NULL;
    unsigned char file_key[FILE_KEY], nonce[NONCE];
    if (read_header(in, identity, file_key, e) < 0) return NULL;
    if (fread(nonce, 1, sizeof nonce, in) != sizeof nonce) {
        sodium_memzero(file_key, sizeof file_key);
        err_set(e, "truncated: the payload is missing");
        return NULL;
    }
    AgeReader *r = xcalloc(1, sizeof *r);
    r->in = in;
    r->peek = EOF;
    hkdf(nonce, sizeof nonce, file_key, sizeof file_key, "payload", r->key);
    sodium_memzero(file_key, sizeof file_key);
    return r;
}

/* Reads and authenticates the next chunk into r->pt. */
static int next_chunk(AgeReader *r, Err *e)
{
    size_t n = 0;
    if (r->peek != EOF) r->ct[n++] = (unsigned char)r->peek;
    n += fread(r->ct + n, 1, CHUNK_CT - n, r->in);
    if (ferror(r->in)) return err_set(e, "cannot read the file");
    int last = 1;
    r->peek = EOF;
    if (n == CHUNK_CT && (r->peek = getc(r->in)) != EOF) last = 0;
    if (n < TAG + (r->counter > 0)) return err_set(e, "truncated: the file ends before its last chunk");
    unsigned char nonce[12];
    unsigned long long plen;
    chunk_nonce(r->counter, last, nonce);
    if (crypto_aead_chacha20poly1305_ietf_decrypt(r->pt, &plen, NULL, r->ct, n, NULL, 0, nonce, r->key) != 0) {
        /* A whole chunk that opens as a middle one means the file was cut at a chunk boundary. */
        chunk_nonce(r->counter, 0, nonce);
        if (last && n == CHUNK_CT &&
            crypto_aead_chacha20poly1305_ietf_decrypt(r->pt, &plen, NULL, r->ct, n, NULL, 0, nonce, r->key) == 0)
            return err_set(e, "truncated: the file ends before its last chunk");
        return err_set(e, "damaged: chunk %llu fails authentication", r->counter);
    }
    r->counter++;
    r->pos = 0;
    r->len = (size_t)plen;
    r->done = last;
    return 0;
}

long age_reader_read(AgeReader *r, void *buf, size_t n, Err *e)
{
    size_t got = 0;
    while (got < n) {
        if (r->pos == r->len) {
            if (r->done) break;
            if (next_chunk(r, e) < 0) return -1;
            continue;
        }
        size_t take = r->len - r->pos < n - got ? r->len - r->pos : n - got;
        memcpy((unsigned char *)buf + got, r->pt + r->pos, take);
        r->pos += take;
        got += take;
    }
    return (long)got;
}

void age_reader_close(AgeReader *r)
{
    if (!r) return;
    sodium_memzero(r, sizeof *r);
    free(r);
}

int age_decrypt(FILE *in, const unsigned char identity[AGE_KEY_BYTES], unsigned char **out, size_t *n, Err *e)
{
    AgeReader *r = age_reader_open(in, identity, e);
    if (!r) return -1;
    /* The plain text is no longer than what is left of the file: one buffer of that size. Where
     * the size cannot be told (a pipe), the buffer doubles, the old one wiped before it is freed:
     * no copy of the plain text is left behind in freed memory. */
    struct stat st;
    long at = ftell(in);
    size_t cap = AGE_CHUNK, len = 0;
    if (fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode) && at >= 0 && st.st_size > at) cap = (size_t)(st.st_size - at) + 1;
    unsigned char *buf = malloc(cap);
    expect(buf);
    long got;
    while ((got = age_reader_read(r, buf + len, cap - len, e)) > 0) {
        len += (size_t)got;
        if (len == cap) {
            unsigned char *more = malloc(cap * 2);
            expect(more);
            memcpy(more, buf, len);
            sodium_memzero(buf, len);
            free(buf);
            buf = more;
            cap *= 2;
        }
    }
    age_reader_close(r);
    if (got < 0) {
        sodium_memzero(buf, len);
        free(buf);
        return -1;
    }
    *out = buf;
    *n = len;
    return 0;
}
