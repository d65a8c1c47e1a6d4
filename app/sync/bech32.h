/* bech32: the BIP 173 text encoding age uses for its keys (age1... recipients,
 * AGE-SECRET-KEY-1... identities), without BIP 173's 90-character limit. */
#ifndef PALLAY_BECH32_H
#define PALLAY_BECH32_H

#include <stddef.h>

/* Encodes data under the human-readable part hrp into out (size n), in lower case, or upper
 * case if upper. -1 if out is too small or hrp is not plain ASCII. */
int bech32_encode(const char *hrp, const unsigned char *data, size_t len, int upper, char *out, size_t n);
/* Decodes s, which must carry the part hrp (compared without case) and a valid checksum, and be
 * all lower or all upper case, into data (room for max bytes). Returns the byte count, or -1. */
int bech32_decode(const char *hrp, const char *s, unsigned char *data, size_t max);

#endif
