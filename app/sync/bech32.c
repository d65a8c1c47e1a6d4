/* bech32: a polymod checksum over the human-readable part and 5-bit groups of the data. */
#include "bech32.h"

#include <ctype.h>
#include <strings.h>
#include <string.h>

static const char CHARSET[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

static unsigned long polymod_step(unsigned long c, unsigned v)
{
    static const unsigned long GEN[5] = { 0x3b6a57b2UL, 0x26508e6dUL, 0x1ea119faUL, 0x3d4233ddUL, 0x2a1462b3UL };
    unsigned top = (unsigned)(c >> 25);
    c = ((c & 0x1ffffffUL) << 5) ^ v;
    for (int i = 0; i < 5; i++)
        if ((top >> i) & 1) c ^= GEN[i];
    return c;
}

/* The checksum state after the expanded human-readable part (always taken in lower case). */
static unsigned long hrp_state(const char *hrp, size_t hlen)
{
    unsigned long c = 1;
    for (size_t i = 0; i < hlen; i++) c = polymod_step(c, (unsigned)tolower((unsigned char)hrp[i]) >> 5);
    c = polymod_step(c, 0);
    for (size_t i = 0; i < hlen; i++) c = polymod_step(c, (unsigned)tolower((unsigned char)hrp[i]) & 31);
    return c;
}

int bech32_encode(const char *hrp, const unsigned char *data, size_t len, int upper, char *out, size_t n)
{
    size_t hlen = strlen(hrp), groups = (len * 8 + 4) / 5;
    if (hlen < 1 || hlen + 1 + groups + 6 + 1 > n) return -1;
    for (size_t i = 0; i < hlen; i++)
        if (hrp[i] < 33 || hrp[i] > 126) return -1;
    unsigned long c = hrp_state(hrp, hlen);
    size_t o = 0;
    for (size_t i = 0; i < hlen; i++) out[o++] = (char)tolower((unsigned char)hrp[i]);
    out[o++] = '1';
    unsigned acc = 0;
    int bits = 0;
    for (size_t i = 0; i < len; i++) {
        acc = (acc << 8) | data[i];
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            unsigned v = (acc >> bits) & 31;
            c = polymod_step(c, v);
            out[o++] = CHARSET[v];
        }
    }
    if (bits > 0) {
        unsigned v = (acc << (5 - bits)) & 31;
        c = polymod_step(c, v);
        out[o++] = CHARSET[v];
    }
    for (int i = 0; i < 6; i++) c = polymod_step(c, 0);
    c ^= 1;
    for (int i = 0; i < 6; i++) out[o++] = CHARSET[(c >> (5 * (5 - i))) & 31];
    out[o] = '\0';
    if (upper)
        for (size_t i = 0; i < o; i++) out[i] = (char)toupper((unsigned char)out[i]);
    return 0;
}

int bech32_decode(const char *hrp, const char *s, unsigned char *data, size_t max)
{
    size_t slen = strlen(s), hlen = strlen(hrp);
    int lower = 0, upper = 0;
    for (size_t i = 0; i < slen; i++) {
        if (s[i] < 33 || s[i] > 126) return -1;
        lower |= islower((unsigned char)s[i]) != 0;
        upper |= isupper((unsigned char)s[i]) != 0;
    }
    if (lower && upper) return -1;
    const char *sep = strrchr(s, '1');
    if (!sep || (size_t)(sep - s) != hlen || slen - hlen - 1 < 6 || strncasecmp(s, hrp, hlen) != 0) return -1;
    unsigned long c = hrp_state(s, hlen);
    const char *d = sep + 1;
    size_t ndata = slen - hlen - 1 - 6;
    unsigned acc = 0;
    int bits = 0;
    size_t out = 0;
    for (size_t i = 0; i < ndata + 6; i++) {
        const char *p = strchr(CHARSET, tolower((unsigned char)d[i]));
        if (!p || !*p) return -1;
        unsigned v = (unsigned)(p - CHARSET);
        c = polymod_step(c, v);
        if (i >= ndata) continue;
        acc = ((acc << 5) | v) & 0xfff;
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            if (out >= max) return -1;
            data[out++] = (unsigned char)(acc >> bits);
        }
    }
    /* Leftover bits must be padding: fewer than 5, and all zero. */
    if (bits >= 5 || (acc & ((1u << bits) - 1)) != 0) return -1;
    return c == 1 ? (int)out : -1;
}
