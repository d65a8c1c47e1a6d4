/* minisign: Ed25519 signatures in minisign's format, checked by the stock
 * `minisign -Vm FILE -p KEY.pub`, and the stock tool's signatures checked here. Only the
 * prehashed algorithm ("ED": Ed25519 over the BLAKE2b-512 of the file) is made and accepted.
 * A signature file holds an untrusted comment, the signature, a trusted comment and a global
 * signature over signature and trusted comment together.
 *
 * Failures leave a message in e starting with "bad signature" or "unknown format". */
#ifndef PALLAY_MINISIGN_H
#define PALLAY_MINISIGN_H

#include "../base/err.h"

#include <stddef.h>
#include <stdio.h>

#define MINISIGN_HASH        64    /* BLAKE2b-512 */
#define MINISIGN_PUBLIC_B64  56    /* "RW..." : base64 of "Ed", the key id and the public key */
#define MINISIGN_COMMENT     1024  /* longest comment, as the stock tool allows */
#define MINISIGN_TEXT        2300  /* room for a signature or key file's text */

typedef struct {
    unsigned char id[8];    /* key id: random, little-endian, printed as 16 hex digits */
    unsigned char pk[32];
} MinisignPublic;

typedef struct {
    unsigned char id[8];
    unsigned char sk[64];   /* libsodium's Ed25519 secret key: seed, then public key */
} MinisignSecret;

/* A new key pair from libsodium's random source. */
void minisign_keygen(MinisignSecret *sk, MinisignPublic *pk);
/* The public half of a secret key. */
void minisign_public_of(const MinisignSecret *sk, MinisignPublic *pk);
/* The key id as the stock tool prints it (16 upper-case hex digits). */
void minisign_id_text(const unsigned char id[8], char out[17]);

/* Key texts: the public key's base64 line alone ("RW...", for settings), the public key file
 * (untrusted comment + line), and the secret key file, unencrypted as `minisign -G -W` writes
 * it. -1 if out (size n) is too small. */
void minisign_public_base64(const MinisignPublic *pk, char out[MINISIGN_PUBLIC_B64 + 1]);
int minisign_public_format(const MinisignPublic *pk, char *out, size_t n);
int minisign_secret_format(const MinisignSecret *sk, const char *comment, char *out, size_t n);
/* Reads a public key: a file's text or its base64 line alone. -1 (with e) if not one. */
int minisign_public_parse(const char *text, MinisignPublic *pk, Err *e);
/* Reads an unencrypted secret key file's text. -1 (with e) if not one, or if it is encrypted. */
int minisign_secret_parse(const char *text, MinisignSecret *sk, Err *e);

/* BLAKE2b-512 of everything f holds from where it stands. -1 (with e) on a read error. */
int minisign_hash_file(FILE *f, unsigned char hash[MINISIGN_HASH], Err *e);
void minisign_hash(const void *data, size_t n, unsigned char hash[MINISIGN_HASH]);

/* Writes a signature file's text (into out, size n) for the file whose hash is given. Both
 * comments are one line; untrusted may be NULL for a plain one. -1 (with e) if a comment is too
 * long or out too small. */
int minisign_sign(const MinisignSecret *sk, const unsigned char hash[MINISIGN_HASH], const char *untrusted, const char *trusted,
                  char *out, size_t n, Err *e);
/* Checks a signature file's text against the file's hash and the public key; copies the
 * trusted comment into trusted (size n) and the untrusted one (which nothing signs: the caller
 * decides what it may say) into untrusted (MINISIGN_COMMENT bytes; may be NULL). The key may
 * be NULL to read the comments of a well-formed signature: nothing is then verified.
 * -1 (with e) on any fault; -2 (with e) when only the file's hash fails, so the trusted
 * comment, which was verified, can tell why (a file cut short). */
int minisign_verify(const MinisignPublic *pk, const char *sig, const unsigned char hash[MINISIGN_HASH], char *trusted,
                    size_t n, char *untrusted, Err *e);

#endif
