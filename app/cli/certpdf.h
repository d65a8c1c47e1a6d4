/* certpdf: a course certificate drawn as a one-page A4 PDF (cairo), its pictures from SVG (librsvg),
 * its text in the kiosk's TrueType font, embedded. Only pallayctl links it: the kiosk has no cairo. */
#ifndef PALLAY_CERTPDF_H
#define PALLAY_CERTPDF_H

#include "../base/err.h"
#include "../net/certificate.h"

typedef struct CertPdf CertPdf;

/* What the page shows besides the certificate's fields: her sign's picture and colour (drawn
 * when the certificate has no name) and the network's logo (NULL or a missing file: none). */
typedef struct {
    const char *sign_svg;
    unsigned char r, g, b;
    const char *logo_svg;
} CertArt;

/* Loads the font (bold: the file given; regular: its sibling without "-Bold", if there is one).
 * NULL (with e) if the font cannot be read. */
CertPdf *certpdf_open(const char *font, Err *e);
void certpdf_close(CertPdf *p);
/* Writes c as a PDF at path. -1 (with e) if it cannot be written; a picture that cannot be read
 * is left out. */
int certpdf_write(CertPdf *p, const char *path, const Certificate *c, const CertArt *art, Err *e);

#endif
