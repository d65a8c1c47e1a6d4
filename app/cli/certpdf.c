/* certpdf: the certificate's page. A woman keeps it and shows it: her name (or her sign) large,
 * the network's name, every module she passed with its date, and at the bottom the code that lets
 * the network confirm it. */
#include "certpdf.h"
#include "../base/text.h"

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_W 595.28   /* A4 in points */
#define PAGE_H 841.89
#define TEXT_W 470.0    /* the widest a line may be: a long name gets a smaller size */

struct CertPdf {
    FT_Library ft;
    cairo_font_face_t *bold, *regular;
};

typedef enum { LEFT, CENTRE, RIGHT } Align;

/* The page's colours: a deep green for text, gold for the frame and the marks. */
static const double INK[3] = { 0.09, 0.25, 0.22 }, GOLD[3] = { 0.72, 0.56, 0.13 }, GREY[3] = { 0.35, 0.35, 0.35 };

static const char *const MONTHS[] = { "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                                      "septiembre", "octubre", "noviembre", "diciembre" };

/* cairo frees the FreeType face with the font face that uses it, when it no longer needs either. */
static const cairo_user_data_key_t FACE_KEY;

static void face_done(void *face)
{
    FT_Done_Face(face);
}

static cairo_font_face_t *face_load(CertPdf *p, const char *path, Err *e)
{
    FT_Face face;
    if (FT_New_Face(p->ft, path, 0, &face) != 0) {
        err_set(e, "%s: the font cannot be read", path);
        return NULL;
    }
    cairo_font_face_t *f = cairo_ft_font_face_create_for_ft_face(face, 0);
    if (cairo_font_face_set_user_data(f, &FACE_KEY, face, face_done) != CAIRO_STATUS_SUCCESS) {
        cairo_font_face_destroy(f);
        FT_Done_Face(face);
        err_set(e, "%s: the font cannot be used", path);
        return NULL;
    }
    return f;
}

CertPdf *certpdf_open(const char *font, Err *e)
{
    CertPdf *p = xcalloc(1, sizeof *p);
    char regular[PALLAY_PATH_LEN];
    const char *bold = strstr(font, "-Bold");
    if (FT_Init_FreeType(&p->ft) != 0) {
        free(p);
        err_set(e, "FreeType did not start");
        return NULL;
    }
    if (!(p->bold = face_load(p, font, e))) goto fail;
    /* DejaVuSans-Bold.ttf beside DejaVuSans.ttf: the body text reads lighter than the headings. */
    if (bold && text_fmt(regular, sizeof regular, "%.*s%s", (int)(bold - font), font, bold + 5) == 0 && text_file_exists(regular))
        p->regular = face_load(p, regular, e);
    if (!p->regular) p->regular = cairo_font_face_reference(p->bold);
    return p;
fail:
    certpdf_close(p);
    return NULL;
}

void certpdf_close(CertPdf *p)
{
    if (!p) return;
    cairo_font_face_destroy(p->bold);
    cairo_font_face_destroy(p->regular);
    /* cairo keeps recently used fonts (and through them the FreeType faces) for later pages:
     * release them before the FreeType library that made the faces. pallayctl ends after this. */
    cairo_debug_reset_static_data();
    FT_Done_FreeType(p->ft);
    free(p);
}

static void colour(cairo_t *cr, const double c[3])
{
    cairo_set_source_rgb(cr, c[0], c[1], c[2]);
}

/* The width of s at this font and size. */
static double width(cairo_t *cr, cairo_font_face_t *f, double size, const char *s)
{
    cairo_text_extents_t x;
    cairo_set_font_face(cr, f);
    cairo_set_font_size(cr, size);
    cairo_text_extents(cr, s, &x);
    return x.x_advance;
}

/* Shows s with its baseline at y, shrunk from size until it is no wider than max. */
static void show(cairo_t *cr, cairo_font_face_t *f, double size, double x, double y, Align a, double max, const char *s)
{
    double w = width(cr, f, size, s);
    if (w > max && w > 0) {
        size *= max / w;
        w = max;
    }
    cairo_set_font_size(cr, size);
    cairo_move_to(cr, a == LEFT ? x : a == CENTRE ? x - w / 2 : x - w, y);
    cairo_show_text(cr, s);
}

/* Draws the SVG file into the box (x, y, w, h), keeping its proportions. 0, or -1 if it cannot
 * be read (then nothing is drawn). */
static int picture(cairo_t *cr, const char *path, double x, double y, double w, double h)
{
    if (!path || !text_file_exists(path)) return -1;
    GError *err = NULL;
    RsvgHandle *svg = rsvg_handle_new_from_file(path, &err);
    if (!svg) {
        g_clear_error(&err);
        return -1;
    }
    RsvgRectangle box = { x, y, w, h };
    int rc = rsvg_handle_render_document(svg, cr, &box, &err) ? 0 : -1;
    g_clear_error(&err);
    g_object_unref(svg);
    return rc;
}

/* Her sign as the kiosk shows it: the white symbol tinted with her colour, on a pale disc. */
static void sign(cairo_t *cr, const CertArt *art, double cx, double cy, double r)
{
    cairo_new_path(cr);   /* not from where the last text ended */
    cairo_arc(cr, cx, cy, r, 0, 2 * 3.14159265358979);
    cairo_set_source_rgb(cr, 0.97, 0.95, 0.88);
    cairo_fill_preserve(cr);
    colour(cr, GOLD);
    cairo_set_line_width(cr, 2);
    cairo_stroke(cr);
    cairo_push_group(cr);
    int drawn = picture(cr, art->sign_svg, cx - r * 0.8, cy - r * 0.8, r * 1.6, r * 1.6) == 0;
    cairo_pattern_t *shape = cairo_pop_group(cr);
    if (drawn) {
        cairo_set_source(cr, shape);
        cairo_paint(cr);
        /* Multiplying by her colour turns the white body into it and leaves the dark outline dark. */
        cairo_set_operator(cr, CAIRO_OPERATOR_MULTIPLY);
        cairo_set_source_rgb(cr, art->r / 255.0, art->g / 255.0, art->b / 255.0);
        cairo_mask(cr, shape);
        cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
    }
    cairo_pattern_destroy(shape);
}

static void frame(cairo_t *cr)
{
    colour(cr, GOLD);
    cairo_set_line_width(cr, 4);
    cairo_rectangle(cr, 22, 22, PAGE_W - 44, PAGE_H - 44);
    cairo_stroke(cr);
    cairo_set_line_width(cr, 0.8);
    cairo_rectangle(cr, 30, 30, PAGE_W - 60, PAGE_H - 60);
    cairo_stroke(cr);
}

/* "2026-11-20" as "20 de noviembre de 2026"; a day not known, as such. */
static void spanish_date(const char *iso, char *out, size_t n)
{
    int y, m, d;
    if (strcmp(iso, CERT_NO_DATE) == 0) text_copy(out, n, "fecha no registrada");
    else if (sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 && m <= 12) text_fmt(out, n, "%d de %s de %d", d, MONTHS[m - 1], y);
    else text_copy(out, n, iso);
}

/* Rows of 30 points; a course of many modules gets narrower ones, to stay on the page. */
static double module_row(const Certificate *c)
{
    return c->nmodules > 10 ? 280.0 / c->nmodules : 28;
}

/* The modules, one a row: a gold tick, the title, the date on the right. Returns the y below. */
static double modules(CertPdf *p, cairo_t *cr, const Certificate *c, double y)
{
    double row = module_row(c), left = 90, right = PAGE_W - 90;
    cairo_set_source_rgb(cr, 0.97, 0.95, 0.88);
    cairo_rectangle(cr, left - 16, y - 6, right - left + 32, row * c->nmodules + 12);
    cairo_fill(cr);
    for (int i = 0; i < c->nmodules; i++) {
        char date[64];
        double base = y + row * i + row * 0.68;
        spanish_date(c->modules[i].date, date, sizeof date);
        colour(cr, GOLD);
        show(cr, p->bold, 14, left, base, LEFT, 20, "\xE2\x9C\x93");   /* ✓ */
        colour(cr, INK);
        show(cr, p->bold, 13.5, left + 24, base, LEFT, 250, c->modules[i].title[0] ? c->modules[i].title : c->modules[i].id);
        colour(cr, GREY);
        show(cr, p->regular, 11.5, right, base, RIGHT, 150, date);
    }
    return y + row * c->nmodules + 12;
}

/* Who she is: her name large on a gold line, or (without her consent to a name) her sign. */
static double who(CertPdf *p, cairo_t *cr, const Certificate *c, const CertArt *art, double y)
{
    if (c->name[0]) {
        colour(cr, INK);
        show(cr, p->bold, 34, PAGE_W / 2, y + 36, CENTRE, TEXT_W, c->name);
        colour(cr, GOLD);
        cairo_set_line_width(cr, 1.2);
        cairo_move_to(cr, PAGE_W / 2 - 170, y + 50);
        cairo_line_to(cr, PAGE_W / 2 + 170, y + 50);
        cairo_stroke(cr);
        return y + 74;
    }
    sign(cr, art, PAGE_W / 2, y + 56, 54);
    colour(cr, INK);
    show(cr, p->bold, 22, PAGE_W / 2, y + 138, CENTRE, TEXT_W, c->sign);
    return y + 158;
}

/* A gold seal between the facilitator and the code: a rosette with "APROBADO" across it. */
static void seal(CertPdf *p, cairo_t *cr, double cx, double cy)
{
    cairo_new_path(cr);
    for (int i = 0; i < 48; i++) {
        double a = i * 3.14159265358979 / 24, r = i % 2 ? 36 : 40;
        cairo_line_to(cr, cx + r * cos(a), cy + r * sin(a));
    }
    cairo_close_path(cr);
    colour(cr, GOLD);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_set_line_width(cr, 1.2);
    cairo_arc(cr, cx, cy, 30, 0, 2 * 3.14159265358979);
    cairo_stroke(cr);
    show(cr, p->bold, 9, cx, cy + 3.5, CENTRE, 54, "APROBADO");
}

static void footer(CertPdf *p, cairo_t *cr, const Certificate *c)
{
    char code[CERT_CODE_LEN + 3];
    double y = PAGE_H - 140, left = 150, right = PAGE_W - 150;
    seal(p, cr, PAGE_W / 2, y);
    colour(cr, INK);
    cairo_set_line_width(cr, 0.8);
    cairo_move_to(cr, left - 85, y);
    cairo_line_to(cr, left + 85, y);
    cairo_stroke(cr);
    show(cr, p->bold, 12, left, y + 18, CENTRE, 170, c->facilitator[0] ? c->facilitator : "—");
    colour(cr, GREY);
    show(cr, p->regular, 10, left, y + 33, CENTRE, 170, "Facilitación del curso");

    certificate_code_print(c->code, code);
    colour(cr, GREY);
    show(cr, p->regular, 10, right, y - 8, CENTRE, 170, "Código de verificación");
    colour(cr, INK);
    show(cr, p->bold, 20, right, y + 18, CENTRE, 170, code);
    colour(cr, GREY);
    show(cr, p->regular, 8.5, PAGE_W / 2, PAGE_H - 64, CENTRE, TEXT_W + 20,
         "La red firmó este certificado. Con el código, la red confirma que es auténtico.");
}

int certpdf_write(CertPdf *p, const char *path, const Certificate *c, const CertArt *art, Err *e)
{
    char line[PALLAY_ERR_LEN + 64];
    cairo_surface_t *s = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
    /* The document's title says what it is, never whose: the file may travel further than she chose. */
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, "Certificado");
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "Pallay");
    cairo_t *cr = cairo_create(s);
    frame(cr);
    /* What stands above the footer, centred in the room there is. */
    int logo = art->logo_svg && text_file_exists(art->logo_svg);
    double height = (logo ? 80 : 0) + 146 + (c->name[0] ? 74 : 158) + (c->community[0] ? 20 : 0) + 20 + module_row(c) * c->nmodules + 12;
    double room = PAGE_H - 200 - 58, y = 58 + (height < room ? (room - height) / 2 : 0);
    if (logo && picture(cr, art->logo_svg, PAGE_W / 2 - 36, y, 72, 72) == 0) y += 80;
    colour(cr, INK);
    show(cr, p->bold, 15, PAGE_W / 2, y + 20, CENTRE, TEXT_W, c->network);
    colour(cr, GOLD);
    show(cr, p->bold, 40, PAGE_W / 2, y + 72, CENTRE, TEXT_W, "CERTIFICADO");
    colour(cr, INK);
    show(cr, p->regular, 14, PAGE_W / 2, y + 98, CENTRE, TEXT_W, "Curso de seguridad en el trabajo");
    colour(cr, GREY);
    show(cr, p->regular, 13, PAGE_W / 2, y + 136, CENTRE, TEXT_W, "Se otorga a");
    y = who(p, cr, c, art, y + 146);
    colour(cr, INK);
    if (c->community[0]) {
        text_fmt(line, sizeof line, "de la comunidad %s,", c->community);
        show(cr, p->regular, 13, PAGE_W / 2, y, CENTRE, TEXT_W, line);
        y += 20;
    }
    show(cr, p->regular, 13, PAGE_W / 2, y, CENTRE, TEXT_W, "por aprobar todos los módulos del curso:");
    modules(p, cr, c, y + 20);
    footer(p, cr, c);
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_status_t st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    if (st != CAIRO_STATUS_SUCCESS) return err_set(e, "%s: %s", path, cairo_status_to_string(st));
    return 0;
}
