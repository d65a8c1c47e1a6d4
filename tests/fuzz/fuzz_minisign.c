/* fuzz_minisign: a bundle's signature file and a kiosk's public key, checked as pallayctl verify
 * does: the bytes up to the first NUL are a key text (public, or a secret key file), the rest a
 * signature file (without a NUL, all of it is both). The signature is read without a key, then
 * verified with the key if it parses, and its comments checked as a bundle's. */
#include "fuzz.h"
#include "sync/bundle.h"
#include "sync/minisign.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    const char *key = text, *sig = text;
    size_t keylen = strlen(text);
    if (keylen < size) sig = text + keylen + 1;
    unsigned char hash[MINISIGN_HASH];
    minisign_hash("", 0, hash);
    char trusted[MINISIGN_COMMENT], untrusted[MINISIGN_COMMENT];
    Err e;
    MinisignPublic pk;
    MinisignSecret sk;
    minisign_secret_parse(key, &sk, &e);
    if (minisign_verify(NULL, sig, hash, trusted, sizeof trusted, untrusted, &e) == 0) {
        bundle_check_comments(trusted, untrusted, &e);
        if (minisign_public_parse(key, &pk, &e) == 0) minisign_verify(&pk, sig, hash, trusted, sizeof trusted, NULL, &e);
    }
    free(text);
    return 0;
}
