/* fuzz: what every fuzz target shares. A target defines LLVMFuzzerTestOneInput and calls the
 * project's own parser on the bytes; libFuzzer (make fuzz) or tests/fuzz/replay.c (make test)
 * drives it. Parsers that read a path get the bytes in one temporary file per process, written
 * again for each input and removed at exit. */
#ifndef PALLAY_FUZZ_H
#define PALLAY_FUZZ_H

#include "base/report.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_path_buf[64];

static inline void fuzz_remove(void) { if (fuzz_path_buf[0]) unlink(fuzz_path_buf); }

/* Writes the bytes to this process's temporary file (with suffix, e.g. ".png") and returns its path. */
static inline const char *fuzz_file(const uint8_t *data, size_t size, const char *suffix)
{
    if (!fuzz_path_buf[0]) {
        const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
        snprintf(fuzz_path_buf, sizeof fuzz_path_buf, "%.30s/pallay-fuzz-%ld%s", dir, (long)getpid(), suffix);
        atexit(fuzz_remove);
    }
    FILE *f = fopen(fuzz_path_buf, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        perror(fuzz_path_buf);
        abort();
    }
    return fuzz_path_buf;
}

/* The bytes as a NUL-terminated string the caller frees (a NUL inside ends it early, as it
 * would for a caller that read the file as text). */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s) abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* Problems are formatted (so a bad format string shows) but not printed. */
static inline void fuzz_emit(Report *r, const char *file, int line, const char *msg)
{
    (void)r; (void)file; (void)line; (void)msg;
}
static inline Report fuzz_report(void) { return (Report){ .emit = fuzz_emit }; }

#endif
