/* fuzz_age: an age file (a bundle as it arrives on a stick), decrypted with a fixed identity:
 * the one of the C2SP test vectors in tests/age/, so those files (the seed corpus) reach the
 * payload. The bytes are also read as key texts (pallay.conf's network_recipient, a network.key). */
#include "fuzz.h"
#include "sync/age.h"

static const char IDENTITY[] = "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static unsigned char id[AGE_KEY_BYTES];
    static int ready;
    Err e;
    if (!ready && age_identity_parse(IDENTITY, id, &e) < 0) abort();
    ready = 1;
    FILE *in = fmemopen((void *)data, size, "rb");
    if (!in) abort();
    unsigned char *plain = NULL;
    size_t n = 0;
    if (age_decrypt(in, id, &plain, &n, &e) == 0) free(plain);
    fclose(in);
    char *text = fuzz_text(data, size);
    unsigned char key[AGE_KEY_BYTES];
    age_recipient_parse(text, key, &e);
    age_identity_parse(text, key, &e);
    free(text);
    return 0;
}
