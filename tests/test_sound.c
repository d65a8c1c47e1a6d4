/* test_sound: the OGG reader the kiosk plays voices with: sizes and rates as the files say, the
 * same samples however they are read, and every refusal with its reason. */
#include "check.h"
#include "base/text.h"
#include "content/sound.h"

#include <stdlib.h>
#include <unistd.h>

#define SEEDS "tests/fuzz/ogg/"

/* Decodes s to its end in blocks of block samples into out (at most max); returns the count. */
static int decode(Sound *s, short *out, int max, int block)
{
    int n = 0, got;
    while (n < max && (got = sound_read(s, out + n, block < max - n ? block : max - n)) > 0) {
        if (got > block) return -1;
        n += got;
    }
    return n;
}

static void test_rates_and_lengths(void)
{
    static const struct { const char *file; int rate, samples; } FILES[] = {
        { SEEDS "tap-22k-mono.ogg", 22050, 1323 },       /* the course's tap, as soxi counts it */
        { SEEDS "sine-8k-mono.ogg", 8000, 8000 },
        { SEEDS "sine-48k-stereo.ogg", 48000, 48000 },   /* two channels, mixed down to one */
    };
    static short pcm[60000];
    for (size_t i = 0; i < sizeof FILES / sizeof *FILES; i++) {
        Err e = { "" };
        Sound *s = sound_open(FILES[i].file, &e);
        if (!CHECK_GOT(check_name("%s opens", FILES[i].file), s != NULL, "a sound", "NULL (%s)", e.msg)) continue;
        CHECK_INT(check_name("%s says its rate", FILES[i].file), sound_rate(s), FILES[i].rate);
        int n = decode(s, pcm, 60000, 1000);
        CHECK_INT(check_name("%s decodes to its length, mono", FILES[i].file), n, FILES[i].samples);
        int peak = 0;
        for (int k = 0; k < n; k++) peak = abs(pcm[k]) > peak ? abs(pcm[k]) : peak;
        CHECK_GOT(check_name("%s is not silent", FILES[i].file), peak > 1000, "a peak over 1000", "%d", peak);
        CHECK_INT(check_name("%s: nothing more after its end", FILES[i].file), sound_read(s, pcm, 100), 0);
        sound_close(s);
    }
}

static void test_same_samples(void)
{
    static short whole[2000], blocks[2000];
    Err e;
    Sound *a = sound_open(SEEDS "tap-22k-mono.ogg", &e);
    size_t len;
    char *bytes = text_read_file(SEEDS "tap-22k-mono.ogg", &len);
    Sound *b = bytes ? sound_open_memory((const unsigned char *)bytes, len, &e) : NULL;
    free(bytes);
    if (!CHECK("the tap opens from its file and from memory", a && b)) { sound_close(a); sound_close(b); return; }
    int na = decode(a, whole, 2000, 2000), nb = decode(b, blocks, 2000, 7);
    CHECK_INT("in blocks of 7, from memory, as many samples as whole", nb, na);
    CHECK("and the same ones", na == nb && memcmp(whole, blocks, (size_t)na * sizeof *whole) == 0);
    sound_close(a);
    sound_close(b);
}

static void refused(const char *name, const char *path, const char *reason)
{
    Err e = { "" };
    Sound *s = sound_open(path, &e);
    CHECK_GOT(name, !s && strstr(e.msg, reason), reason, "%s", s ? "a sound" : e.msg);
    sound_close(s);
}

static void test_refusals(void)
{
    char dir[] = "/tmp/pallay-test-sound.XXXXXX", path[256];
    if (!CHECK("a temporary folder", mkdtemp(dir) != NULL)) return;
    refused("a missing file cannot be read", "/nonexistent/voice.ogg", "cannot be read");
    text_fmt(path, sizeof path, "%s/big.ogg", dir);
    FILE *f = fopen(path, "wb");
    /* 5 MB of nothing (a sparse file): refused from its size, before a byte is read. */
    if (f) { fseek(f, 5L << 20, SEEK_SET); fputc(0, f); fclose(f); }
    refused("a file over 4 MB is refused", path, "too big for a sound");
    text_fmt(path, sizeof path, "%s/text.ogg", dir);
    f = fopen(path, "wb");
    if (f) { fputs("not an ogg", f); fclose(f); }
    refused("text is not OGG Vorbis", path, "does not decode as OGG Vorbis");
    refused("a file cut before its setup is refused", SEEDS "tap-cut.ogg", "does not decode as OGG Vorbis");
    refused("1.8 billion comments are refused (stb_vorbis would crash)", SEEDS "crash-9b2ea3b2c662de80fa4825605d336ccd245fbe82",
            "comments run past the end");
    refused("a comment of near 2^31 bytes is refused (stb_vorbis would write outside)",
            SEEDS "crash-24a887df578b7fe5941755c515e66ec0abd888d9", "comments run past the end");
    Err e;
    CHECK("an empty buffer is not a sound", sound_open_memory((const unsigned char *)"", 0, &e) == NULL);
    text_fmt(path, sizeof path, "%s/big.ogg", dir);
    remove(path);
    text_fmt(path, sizeof path, "%s/text.ogg", dir);
    remove(path);
    rmdir(dir);
}

int main(void)
{
    test_rates_and_lengths();
    test_same_samples();
    test_refusals();
    return check_done();
}
