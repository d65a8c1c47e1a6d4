/* age: files encrypted in the age v1 format (age-encryption.org/v1) to one X25519 recipient,
 * readable by the stock `age -d -i KEY`, and files from the stock `age -r` read back. The
 * header carries a file key wrapped for the recipient; the payload is ChaCha20-Poly1305 in
 * 64 KiB chunks (STREAM), so a file is written and read one chunk at a time.
 *
 * A failure leaves a message in e that starts with what went wrong, for a person to read:
 * "unknown format", "truncated", "wrong recipient", "damaged" (authentication failed) or
 * "cannot read"/"cannot write". */
#ifndef PALLAY_AGE_H
#define PALLAY_AGE_H

#include "../base/err.h"

#include <stddef.h>
#include <stdio.h>

#define AGE_KEY_BYTES      32
#define AGE_RECIPIENT_LEN  62   /* "age1" + 58 characters */
#define AGE_IDENTITY_LEN   74   /* "AGE-SECRET-KEY-1" + 58 characters */
#define AGE_CHUNK          65536

/* A new identity (secret key) and its recipient (public key), from libsodium's random source. */
void age_keygen(unsigned char identity[AGE_KEY_BYTES], unsigned char recipient[AGE_KEY_BYTES]);
/* The recipient of an identity. -1 if the identity is not usable. */
int age_recipient_of(const unsigned char identity[AGE_KEY_BYTES], unsigned char recipient[AGE_KEY_BYTES]);
/* Key texts: "age1..." and "AGE-SECRET-KEY-1...", NUL-terminated. */
void age_recipient_format(const unsigned char recipient[AGE_KEY_BYTES], char out[AGE_RECIPIENT_LEN + 1]);
void age_identity_format(const unsigned char identity[AGE_KEY_BYTES], char out[AGE_IDENTITY_LEN + 1]);
/* Reads a key text (surrounding white space allowed). -1 (with e) if it is not one. */
int age_recipient_parse(const char *text, unsigned char recipient[AGE_KEY_BYTES], Err *e);
int age_identity_parse(const char *text, unsigned char identity[AGE_KEY_BYTES], Err *e);
/* Reads an identity file as age-keygen writes it: "#" comment lines and one AGE-SECRET-KEY-1 line. */
int age_identity_load(const char *path, unsigned char identity[AGE_KEY_BYTES], Err *e);

/* Streaming encryption: open writes the header, write encrypts whole chunks as they fill,
 * close writes the last chunk and frees the writer (whatever it returns). Nothing is flushed
 * or synced: the caller owns out. NULL/-1 (with e) on failure. */
typedef struct AgeWriter AgeWriter;
AgeWriter *age_writer_open(FILE *out, const unsigned char recipient[AGE_KEY_BYTES], Err *e);
int age_writer_write(AgeWriter *w, const void *data, size_t n, Err *e);
int age_writer_close(AgeWriter *w, Err *e);

/* Streaming decryption: open reads and authenticates the header; read returns up to n bytes
 * of plaintext, 0 only once the last chunk was authenticated, -1 (with e) on a fault. */
typedef struct AgeReader AgeReader;
AgeReader *age_reader_open(FILE *in, const unsigned char identity[AGE_KEY_BYTES], Err *e);
long age_reader_read(AgeReader *r, void *buf, size_t n, Err *e);
void age_reader_close(AgeReader *r);

/* From and to memory: encrypt n bytes to out; decrypt all of in into a buffer the caller
 * frees (*out, *n). -1 (with e) on failure, with nothing to free. */
int age_encrypt(FILE *out, const unsigned char recipient[AGE_KEY_BYTES], const void *data, size_t n, Err *e);
int age_decrypt(FILE *in, const unsigned char identity[AGE_KEY_BYTES], unsigned char **out, size_t *n, Err *e);

#endif
