/* picture: header check, decode and shrink, with stb_image and stb_image_resize (no SDL). */
#include "picture.h"
#include "../config.h"

#include <stb_image.h>
#include <stb_image_resize.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Why path is refused before stb_image reads it, or NULL. Every picture of the course is a PNG
 * (kiosk/build-content.sh writes them, the catalog reads NAME.png), but stb_image also reads PNM,
 * PSD, HDR, PIC, GIF, TGA, BMP and JPEG, whatever the name: its PNM reader returns a 0x0 picture
 * for the 6 bytes "P5\0\0\3\n" (found by fuzz_png). Only a PNG reaches it. A PNG with a chunk
 * longer than what is left of the file is refused too: stb_image grows its buffer to a chunk's
 * stated length before reading it, and a 106-byte file stating 2 GB of image data took 2 GB
 * (found by fuzz_png). Each chunk: length, type, data, CRC. */
static const char *refused(const char *path)
{
    static const unsigned char SIG[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    FILE *f = fopen(path, "rb");
    unsigned char b[8];
    const char *why = NULL;
    if (!f) return NULL;    /* stbi_info says why */
    if (fread(b, 1, 8, f) != 8 || memcmp(b, SIG, 8) != 0) why = "not a PNG file";
    else if (fseek(f, 0, SEEK_END) == 0 && ftell(f) > 0) {
        long size = ftell(f), at = 8;
        while (at + 8 <= size && fseek(f, at, SEEK_SET) == 0 && fread(b, 1, 8, f) == 8) {
            unsigned long len = (unsigned long)b[0] << 24 | (unsigned long)b[1] << 16 | (unsigned long)b[2] << 8 | b[3];
            /* Less than a whole chunk's 12 bytes left is as bad: size - at - 12 below 0, made
             * unsigned, had let a 2 GB IDAT in the last 10 bytes through (found by fuzz_png). */
            if (size - at < 12 || len > (unsigned long)(size - at - 12)) { why = "a PNG chunk runs past the end of the file"; break; }
            if (memcmp(b + 4, "IEND", 4) == 0) break;
            at += 12 + (long)len;
        }
    }
    fclose(f);
    return why;
}

int picture_check(const char *path, int *w, int *h, Err *e)
{
    int n;
    const char *why = refused(path);
    if (why) return err_set(e, "does not decode as a picture (%s)", why);
    if (!stbi_info(path, w, h, &n)) return err_set(e, "does not decode as a picture (%s)", stbi_failure_reason());
    if (*w < 1 || *h < 1) return err_set(e, "does not decode as a picture (%dx%d pixels)", *w, *h);
    if (*w > PALLAY_PICTURE_MAX_SIDE || *h > PALLAY_PICTURE_MAX_SIDE)
        return err_set(e, "is %dx%d pixels, over the limit of %dx%d: make it smaller", *w, *h, PALLAY_PICTURE_MAX_SIDE,
                       PALLAY_PICTURE_MAX_SIDE);
    return 0;
}

unsigned char *picture_decode(const char *path, int fit_w, int fit_h, int *w, int *h, Err *e)
{
    if (picture_check(path, w, h, e) < 0) return NULL;
    int n;
    unsigned char *px = stbi_load(path, w, h, &n, 4);
    if (!px) { err_set(e, "does not decode as a picture (%s)", stbi_failure_reason()); return NULL; }
    /* Only a picture far bigger than the screen is shrunk (to fit it): the course's own, made for
     * the screen, go straight through, and a 4096x4096 one does not take the texture cache's
     * whole budget. */
    int huge = *w > 2 * fit_w || *h > 2 * fit_h || (size_t)*w * (size_t)*h * 4 > PALLAY_PICTURE_BUDGET;
    if (fit_w <= 0 || fit_h <= 0 || !huge || (*w <= fit_w && *h <= fit_h)) return px;
    double s = (double)fit_w / *w < (double)fit_h / *h ? (double)fit_w / *w : (double)fit_h / *h;
    int sw = (int)(*w * s) > 0 ? (int)(*w * s) : 1, sh = (int)(*h * s) > 0 ? (int)(*h * s) : 1;
    unsigned char *small = malloc((size_t)sw * (size_t)sh * 4);
    if (!small || !stbir_resize_uint8(px, *w, *h, 0, small, sw, sh, 0, 4)) {
        free(small);
        return px;      /* out of memory for the copy: the full picture still draws */
    }
    stbi_image_free(px);
    *w = sw;
    *h = sh;
    return small;
}

void picture_free(unsigned char *px)
{
    free(px);   /* stbi_image_free is free() unless STBI_FREE is set, which Debian's libstb does not */
}
