/* replay: runs a fuzz target's LLVMFuzzerTestOneInput on files, without libFuzzer, so make test
 * replays every corpus file and crash reproducer with the normal compiler and the sanitizers.
 * usage: fuzz_replay_NAME FILE...   prints "N files" and exits 0; a sanitizer stops it on a fault. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    int n = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) { perror(argv[i]); return 1; }
        size_t cap = 4096, len = 0, got;
        uint8_t *buf = malloc(cap);
        if (!buf) return 1;
        while ((got = fread(buf + len, 1, cap - len, f)) > 0) {
            len += got;
            if (len == cap && !(buf = realloc(buf, cap *= 2))) return 1;
        }
        fclose(f);
        /* An exact-size copy, as libFuzzer gives: a read past the end is caught. */
        uint8_t *exact = malloc(len ? len : 1);
        if (!exact) return 1;
        for (size_t k = 0; k < len; k++) exact[k] = buf[k];
        free(buf);
        LLVMFuzzerTestOneInput(exact, len);
        free(exact);
        n++;
    }
    printf("%d files\n", n);
    return 0;
}
