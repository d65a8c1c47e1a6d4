/* envelope: what wraps a bundle on its way, checked on arrival. FILE.minisig signs FILE (the
 * kiosk key it names, or one given), and FILE is age-encrypted to the network. pallayctl verify
 * and merge open bundles through here, so both refuse the same things with the same words:
 * "unknown format", "bad signature", "truncated", then age's "wrong recipient", "damaged". */
#ifndef PALLAY_ENVELOPE_H
#define PALLAY_ENVELOPE_H

#include "../base/err.h"
#include "minisign.h"

#include <stddef.h>

typedef struct {
    unsigned char hash[MINISIGN_HASH];  /* BLAKE2b-512 of the file: what the signature covers */
    char trusted[MINISIGN_COMMENT];     /* the trusted comment, verified */
    MinisignPublic key;                 /* the key that signed it */
    char key_b64[MINISIGN_PUBLIC_B64 + 1];
} Envelope;

/* Checks that path is an age file and path.minisig signs it, with the key in keyfile (NULL: the
 * key the trusted comment names). -1 (with e, the reason without the file name) if not. */
int envelope_verify(const char *path, const char *keyfile, Envelope *env, Err *e);
/* Decrypts path with the network's identity into a buffer the caller wipes and frees (*plain, *n).
 * -1 (with e) on failure, with nothing to free. */
int envelope_open(const char *path, const unsigned char identity[32], unsigned char **plain, size_t *n, Err *e);
/* Copies the value of "name=" in a trusted comment (up to a space) into out. -1 if absent. */
int envelope_field(const char *trusted, const char *name, char *out, size_t n);

#endif
