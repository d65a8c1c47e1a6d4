/* picture: one way to read a picture file, for the kiosk and check-content alike. Its size is
 * read from the header first: a small PNG can decode to 20000x20000 (1.6 GB), so a picture over
 * PALLAY_PICTURE_MAX_SIDE is refused before any pixel exists. Every problem has one wording. */
#ifndef PALLAY_PICTURE_H
#define PALLAY_PICTURE_H

#include "../base/err.h"

/* Reads the size from the header and checks it against the limit. -1 (with e) if the file is
 * not a PNG picture (the only kind the course has: stb_image's other readers are never reached),
 * has no pixels, or is too big. */
int picture_check(const char *path, int *w, int *h, Err *e);

/* Decodes path to RGBA (4 bytes a pixel); one far bigger than fit_w x fit_h (over twice, or over
 * the texture budget) is shrunk to fit it (0: as it is). NULL (with e) if picture_check refuses
 * it or it does not decode. Free with picture_free. */
unsigned char *picture_decode(const char *path, int fit_w, int fit_h, int *w, int *h, Err *e);
void picture_free(unsigned char *px);

#endif
