/* font: stb_truetype packing. Debian's libstb provides the implementation. */
#include "font.h"
#include "../base/text.h"

#include <stb_rect_pack.h>
#include <stb_truetype.h>
#include <stdlib.h>
#include <string.h>

/* The code points Pallay draws: ASCII, Latin-1 (á é í ó ú ñ ü ¿ ¡), quotes and ellipsis. */
static const struct { int first, count; } RANGES[] = {
    { 0x20, 95 }, { 0xA0, 96 }, { 0x2018, 8 }, { 0x2026, 1 },
};
#define NRANGES (int)(sizeof RANGES / sizeof *RANGES)

struct Font {
    unsigned char *ttf;
    unsigned char *atlas;
    int aw, ah, px, ascent;
    stbtt_packedchar chars[95 + 96 + 8 + 1];
    unsigned char missing[95 + 96 + 8 + 1];  /* the font has no glyph for it: draw "?" */
    int offset[NRANGES];
};

Font *font_load(const char *ttf_path, int px, Err *e)
{
    Font *f = xcalloc(1, sizeof *f);
    f->ttf = (unsigned char *)text_read_file(ttf_path, NULL);
    if (!f->ttf) { err_set(e, "%s: cannot be read", ttf_path); goto fail; }
    stbtt_fontinfo info;
    if (!stbtt_InitFont(&info, f->ttf, stbtt_GetFontOffsetForIndex(f->ttf, 0))) {
        err_set(e, "%s: not a TrueType font", ttf_path);
        goto fail;
    }
    f->px = px;
    float scale = stbtt_ScaleForPixelHeight(&info, (float)px);
    int asc, desc, gap;
    stbtt_GetFontVMetrics(&info, &asc, &desc, &gap);
    f->ascent = (int)(asc * scale + 0.5f);

    stbtt_pack_range ranges[NRANGES];
    int off = 0;
    for (int i = 0; i < NRANGES; i++) {
        for (int c = 0; c < RANGES[i].count; c++)
            f->missing[off + c] = stbtt_FindGlyphIndex(&info, RANGES[i].first + c) == 0;
        ranges[i] = (stbtt_pack_range){ .font_size = (float)px, .first_unicode_codepoint_in_range = RANGES[i].first,
                                        .num_chars = RANGES[i].count, .chardata_for_range = f->chars + off };
        f->offset[i] = off;
        off += RANGES[i].count;
    }
    /* Grow the atlas until every glyph fits. */
    for (f->aw = 256, f->ah = 256; f->aw <= 4096; f->ah < f->aw ? (f->ah *= 2) : (f->aw *= 2)) {
        free(f->atlas);
        f->atlas = xcalloc((size_t)f->aw * (size_t)f->ah, 1);
        stbtt_pack_context pc;
        if (!stbtt_PackBegin(&pc, f->atlas, f->aw, f->ah, 0, 1, NULL)) { err_set(e, "font atlas"); goto fail; }
        int ok = stbtt_PackFontRanges(&pc, f->ttf, 0, ranges, NRANGES);
        stbtt_PackEnd(&pc);
        if (ok) {
            free(f->ttf);   /* the packed glyphs are all that is needed from here on */
            f->ttf = NULL;
            return f;
        }
    }
    err_set(e, "%s: glyphs do not fit a 4096 px atlas at %d px", ttf_path, px);
fail:
    font_unload(f);
    return NULL;
}

void font_unload(Font *f)
{
    if (!f) return;
    free(f->ttf);
    free(f->atlas);
    free(f);
}

/* Index into chars for cp, or -1 if it is outside the atlas or the font lacks it. */
static int char_index(const Font *f, unsigned cp)
{
    for (int i = 0; i < NRANGES; i++)
        if (cp >= (unsigned)RANGES[i].first && cp < (unsigned)(RANGES[i].first + RANGES[i].count)) {
            int at = f->offset[i] + (int)cp - RANGES[i].first;
            return f->missing[at] ? -1 : at;
        }
    return -1;
}

int font_has(const Font *f, unsigned cp)
{
    return char_index(f, cp) >= 0;
}

int font_glyph(const Font *f, unsigned cp, float *x, float y, GlyphQuad *q)
{
    int i = char_index(f, cp);
    if (i < 0) i = char_index(f, '?');
    stbtt_aligned_quad aq;
    float yy = y;
    stbtt_GetPackedQuad(f->chars, f->aw, f->ah, i, x, &yy, &aq, 0);
    *q = (GlyphQuad){ aq.x0, aq.y0, aq.x1, aq.y1, aq.s0, aq.t0, aq.s1, aq.t1 };
    return (aq.x1 > aq.x0 && aq.y1 > aq.y0) ? 0 : -1;
}

int font_measure(const Font *f, const char *s, int len)
{
    float x = 0;
    const char *end = s + len;
    while (s < end && *s) {
        int i = char_index(f, text_utf8_next(&s));
        if (i < 0) i = char_index(f, '?');
        x += f->chars[i].xadvance;
    }
    return (int)(x + 0.5f);
}

int font_line_height(const Font *f) { return f->px * 6 / 5; }
int font_ascent(const Font *f) { return f->ascent; }

const unsigned char *font_atlas(const Font *f, int *w, int *h)
{
    *w = f->aw;
    *h = f->ah;
    return f->atlas;
}

void font_release_atlas(Font *f)
{
    free(f->atlas);
    f->atlas = NULL;
}
