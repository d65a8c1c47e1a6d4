/* font: stb_truetype. Each glyph's place in the atlas is fixed at load (a shelf per row, in code
 * point order, from the glyphs' boxes), so quads and widths are known before any pixel exists;
 * a glyph's pixels are made the first time it is drawn. Debian's libstb provides the code. */
#include "font.h"
#include "../base/text.h"

#include <fcntl.h>
#include <stb_truetype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* The code points Pallay draws: ASCII, Latin-1 (á é í ó ú ñ ü ¿ ¡), quotes and ellipsis. */
static const struct { int first, count; } RANGES[] = {
    { 0x20, 95 }, { 0xA0, 96 }, { 0x2018, 8 }, { 0x2026, 1 },
};
#define NRANGES (int)(sizeof RANGES / sizeof *RANGES)
#define NCHARS (95 + 96 + 8 + 1)
#define PAD 1   /* transparent pixels around each glyph, so a scaled glyph never samples its neighbour */

struct Font {
    void *ttf;                 /* the file, mapped */
    size_t ttf_len;
    stbtt_fontinfo info;
    float scale;
    int aw, ah, px, ascent;
    stbtt_packedchar chars[NCHARS];
    int glyph[NCHARS];         /* the font's glyph index; 0: the font has none, draw "?" */
    unsigned char done[NCHARS];
    unsigned char *scratch;    /* one glyph's coverage, as large as the largest */
    int offset[NRANGES];
};

/* Index into chars for cp, or -1 if it is outside the atlas or the font lacks it. */
static int char_index(const Font *f, unsigned cp)
{
    for (int i = 0; i < NRANGES; i++)
        if (cp >= (unsigned)RANGES[i].first && cp < (unsigned)(RANGES[i].first + RANGES[i].count)) {
            int at = f->offset[i] + (int)cp - RANGES[i].first;
            return f->glyph[at] ? at : -1;
        }
    return -1;
}

/* The index of what cp is drawn with: its own glyph, or "?". */
static int drawn_index(const Font *f, unsigned cp)
{
    int i = char_index(f, cp);
    return i >= 0 ? i : char_index(f, '?');
}

/* Gives every glyph its box and its place, as stbtt_PackFontRanges would with no oversampling
 * (the same quads and advances), rows filled left to right; sets the atlas's size. */
static void lay_out(Font *f)
{
    int x = 0, y = 0, row = 0, biggest = 0;
    for (int i = 0; i < NCHARS; i++) {
        stbtt_packedchar *c = &f->chars[i];
        if (!f->glyph[i]) continue;
        int advance, lsb, x0, y0, x1, y1;
        stbtt_GetGlyphHMetrics(&f->info, f->glyph[i], &advance, &lsb);
        stbtt_GetGlyphBitmapBox(&f->info, f->glyph[i], f->scale, f->scale, &x0, &y0, &x1, &y1);
        int w = x1 - x0, h = y1 - y0;
        if (w > FONT_ATLAS_W - 2 * PAD) w = FONT_ATLAS_W - 2 * PAD;   /* a glyph wider than the atlas: cut (never seen) */
        if (x + w + 2 * PAD > FONT_ATLAS_W) { x = 0; y += row; row = 0; }
        *c = (stbtt_packedchar){ .x0 = (unsigned short)(x + PAD), .y0 = (unsigned short)(y + PAD),
                                 .x1 = (unsigned short)(x + PAD + w), .y1 = (unsigned short)(y + PAD + h),
                                 .xoff = (float)x0, .yoff = (float)y0, .xoff2 = (float)(x0 + w), .yoff2 = (float)(y0 + h),
                                 .xadvance = f->scale * (float)advance };
        x += w + 2 * PAD;
        if (h + 2 * PAD > row) row = h + 2 * PAD;
        if (w * h > biggest) biggest = w * h;
    }
    f->aw = FONT_ATLAS_W;
    f->ah = y + row;
    f->scratch = xcalloc((size_t)(biggest ? biggest : 1), 1);
}

Font *font_load(const char *ttf_path, int px, Err *e)
{
    Font *f = xcalloc(1, sizeof *f);
    int fd = open(ttf_path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0 || st.st_size <= 0) {
        err_set(e, "%s: cannot be read", ttf_path);
        if (fd >= 0) close(fd);
        goto fail;
    }
    f->ttf = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (f->ttf == MAP_FAILED) { f->ttf = NULL; err_set(e, "%s: cannot be read", ttf_path); goto fail; }
    f->ttf_len = (size_t)st.st_size;
    int at = stbtt_GetFontOffsetForIndex(f->ttf, 0);
    if (f->ttf_len < 12 || at < 0 || !stbtt_InitFont(&f->info, f->ttf, at)) {
        err_set(e, "%s: not a TrueType font", ttf_path);
        goto fail;
    }
    f->px = px;
    f->scale = stbtt_ScaleForPixelHeight(&f->info, (float)px);
    int asc, desc, gap;
    stbtt_GetFontVMetrics(&f->info, &asc, &desc, &gap);
    f->ascent = (int)((float)asc * f->scale + 0.5f);
    int off = 0;
    for (int i = 0; i < NRANGES; i++) {
        f->offset[i] = off;
        for (int c = 0; c < RANGES[i].count; c++) f->glyph[off + c] = stbtt_FindGlyphIndex(&f->info, RANGES[i].first + c);
        off += RANGES[i].count;
    }
    if (char_index(f, '?') < 0) { err_set(e, "%s: has no \"?\" to draw missing letters with", ttf_path); goto fail; }
    lay_out(f);
    return f;
fail:
    font_unload(f);
    return NULL;
}

void font_unload(Font *f)
{
    if (!f) return;
    if (f->ttf) munmap(f->ttf, f->ttf_len);
    free(f->scratch);
    free(f);
}

int font_has(const Font *f, unsigned cp)
{
    return char_index(f, cp) >= 0;
}

int font_glyph(const Font *f, unsigned cp, float *x, float y, GlyphQuad *q)
{
    stbtt_aligned_quad aq;
    float yy = y;
    stbtt_GetPackedQuad(f->chars, f->aw, f->ah, drawn_index(f, cp), x, &yy, &aq, 0);
    *q = (GlyphQuad){ aq.x0, aq.y0, aq.x1, aq.y1, aq.s0, aq.t0, aq.s1, aq.t1 };
    return (aq.x1 > aq.x0 && aq.y1 > aq.y0) ? 0 : -1;
}

const unsigned char *font_rasterise(Font *f, unsigned cp, int *x, int *y, int *w, int *h)
{
    int i = drawn_index(f, cp);
    if (f->done[i]) return NULL;
    f->done[i] = 1;
    const stbtt_packedchar *c = &f->chars[i];
    *x = c->x0;
    *y = c->y0;
    *w = c->x1 - c->x0;
    *h = c->y1 - c->y0;
    if (*w <= 0 || *h <= 0) return NULL;
    stbtt_MakeGlyphBitmap(&f->info, f->scratch, *w, *h, *w, f->scale, f->scale, f->glyph[i]);
    return f->scratch;
}

int font_measure(const Font *f, const char *s, int len)
{
    float x = 0;
    const char *end = s + len;
    while (s < end && *s) x += f->chars[drawn_index(f, text_utf8_next(&s))].xadvance;
    return (int)(x + 0.5f);
}

int font_line_height(const Font *f) { return f->px * 6 / 5; }
int font_ascent(const Font *f) { return f->ascent; }

void font_atlas_size(const Font *f, int *w, int *h)
{
    *w = f->aw;
    *h = f->ah;
}
