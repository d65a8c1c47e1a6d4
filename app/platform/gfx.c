/* gfx: shapes, cached pictures and text on the SDL renderer. Nothing here allocates per frame:
 * pictures are decoded once, off the main thread (loader), into a bounded LRU cache; glyphs come
 * from prebuilt atlases. */
#include "gfx.h"
#include "../base/text.h"
#include "../base/trace.h"
#include "../config.h"
#include "../ui/font.h"
#include "../ui/layout.h"
#include "../ui/wrap.h"
#include "loader.h"
#include "platform.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    char path[PALLAY_PATH_LEN];
    SDL_Texture *tex;
    int w, h;
    unsigned long used;     /* LRU clock */
} CachedPicture;

static size_t bytes_of(const CachedPicture *p) { return p->tex ? (size_t)p->w * (size_t)p->h * 4 : 0; }

#define MAX_FAILED 32

static struct {
    CachedPicture pics[PALLAY_TEXTURE_CACHE];
    unsigned long clock;
    unsigned long frame_start;  /* the clock when the frame on screen began: newer pictures are on it */
    char failed[MAX_FAILED][PALLAY_PATH_LEN];   /* reported once each */
    int nfailed;
    char loading[PALLAY_DECODE_QUEUE][PALLAY_PATH_LEN];  /* asked of the loader, not back yet */
    int hold;                                            /* asked for while held: asked of the loader later */
    char held[PALLAY_DECODE_QUEUE][PALLAY_PATH_LEN];
    Font *fonts[PALLAY_FONT_SIZES];
    SDL_Texture *atlas[PALLAY_FONT_SIZES];
} G;

/* Sizes already found, so that a screen drawn again and again measures its texts once. Keyed by
 * the text's hash, the box and the largest size; cleared when the fonts are rebuilt. */
#define FIT_MEMO 128
static struct { unsigned long key; int px; } fit_memo[FIT_MEMO];

static SDL_Renderer *ren(void) { return platform_renderer(); }

static void set_color(Color c) { SDL_SetRenderDrawColor(ren(), c.r, c.g, c.b, c.a); }

void gfx_clear(Color c)
{
    G.frame_start = G.clock;
    set_color(c);
    SDL_RenderClear(ren());
}

void gfx_fill_rect(Rect r, Color c)
{
    set_color(c);
    SDL_RenderFillRect(ren(), &(SDL_Rect){ r.x, r.y, r.w, r.h });
}

/* Fills the quarter (or whole) disc as a fan of triangles, with vertices on the stack. */
#define ARC_SEGMENTS 48
static void fan(float cx, float cy, float radius, float a0, float a1, int segments, Color c)
{
    SDL_Vertex v[ARC_SEGMENTS * 3];
    SDL_Color col = { c.r, c.g, c.b, c.a };
    int n = 0;
    for (int i = 0; i < segments; i++) {
        float t0 = a0 + (a1 - a0) * (float)i / (float)segments;
        float t1 = a0 + (a1 - a0) * (float)(i + 1) / (float)segments;
        v[n++] = (SDL_Vertex){ { cx, cy }, col, { 0, 0 } };
        v[n++] = (SDL_Vertex){ { cx + radius * cosf(t0), cy + radius * sinf(t0) }, col, { 0, 0 } };
        v[n++] = (SDL_Vertex){ { cx + radius * cosf(t1), cy + radius * sinf(t1) }, col, { 0, 0 } };
    }
    SDL_RenderGeometry(ren(), NULL, v, n, NULL, 0);
}

void gfx_circle(int cx, int cy, int radius, Color c)
{
    fan((float)cx, (float)cy, (float)radius, 0, 2 * (float)M_PI, ARC_SEGMENTS, c);
}

void gfx_rounded_rect(Rect r, int rad, Color c)
{
    if (rad * 2 > r.w) rad = r.w / 2;
    if (rad * 2 > r.h) rad = r.h / 2;
    gfx_fill_rect((Rect){ r.x + rad, r.y, r.w - 2 * rad, r.h }, c);
    gfx_fill_rect((Rect){ r.x, r.y + rad, rad, r.h - 2 * rad }, c);
    gfx_fill_rect((Rect){ r.x + r.w - rad, r.y + rad, rad, r.h - 2 * rad }, c);
    float q = (float)M_PI / 2;
    fan((float)(r.x + r.w - rad), (float)(r.y + r.h - rad), (float)rad, 0, q, 12, c);
    fan((float)(r.x + rad), (float)(r.y + r.h - rad), (float)rad, q, 2 * q, 12, c);
    fan((float)(r.x + rad), (float)(r.y + rad), (float)rad, 2 * q, 3 * q, 12, c);
    fan((float)(r.x + r.w - rad), (float)(r.y + rad), (float)rad, 3 * q, 4 * q, 12, c);
}

void gfx_placeholder(Rect d)
{
    gfx_fill_rect(d, (Color){ 205, 205, 205, 255 });
    int t = d.w / 40 + 2;
    Color dark = { 120, 120, 120, 255 };
    for (int i = -t; i <= t; i++) {
        set_color(dark);
        SDL_RenderDrawLine(ren(), d.x + i + t, d.y, d.x + d.w + i - t, d.y + d.h - 1);
        SDL_RenderDrawLine(ren(), d.x + d.w + i - t, d.y, d.x + i + t, d.y + d.h - 1);
    }
}

static int already_failed(const char *path)
{
    for (int i = 0; i < G.nfailed; i++)
        if (strcmp(G.failed[i], path) == 0) return 1;
    return 0;
}

static void remember_failure(const char *path, const char *why)
{
    fprintf(stderr, "%s: %s\n", path, why);
    trace("picture failed %s", path);
    if (G.nfailed < MAX_FAILED) text_copy(G.failed[G.nfailed++], PALLAY_PATH_LEN, path);
}

/* Frees least recently used pictures until `need` more bytes fit the budget and a slot is free.
 * Returns the free slot. */
static CachedPicture *make_room(size_t need)
{
    for (;;) {
        size_t total = 0;
        CachedPicture *lru = NULL, *oldest = NULL, *free_slot = NULL;
        for (int i = 0; i < PALLAY_TEXTURE_CACHE; i++) {
            CachedPicture *p = &G.pics[i];
            total += bytes_of(p);
            if (!p->tex) { free_slot = free_slot ? free_slot : p; continue; }
            if (!oldest || p->used < oldest->used) oldest = p;
            if (p->used <= G.frame_start && (!lru || p->used < lru->used)) lru = p;
        }
        /* A picture the screen shows now is never dropped for another one it also shows: the
         * budget is exceeded instead, or each arrival would evict the next and the loader would
         * decode the same pictures for ever. Only with every slot taken does the oldest go. */
        if (free_slot && (total + need <= PALLAY_PICTURE_BUDGET || !lru)) return free_slot;
        CachedPicture *victim = lru ? lru : oldest;
        SDL_DestroyTexture(victim->tex);
        memset(victim, 0, sizeof *victim);
    }
}

/* The cached texture for path, or NULL: it failed (*failed = 1), or it is being decoded on the
 * loader's thread (asked for here if it was not yet) and arrives with gfx_picture_arrived. */
static CachedPicture *picture(const char *path, int *failed)
{
    *failed = 0;
    for (int i = 0; i < PALLAY_TEXTURE_CACHE; i++) {
        CachedPicture *p = &G.pics[i];
        if (p->tex && strcmp(p->path, path) == 0) { p->used = ++G.clock; return p; }
    }
    if (already_failed(path)) { *failed = 1; return NULL; }
    if (G.hold) {
        for (int i = 0; i < PALLAY_DECODE_QUEUE; i++)
            if (strcmp(G.held[i], path) == 0) return NULL;
        for (int i = 0; i < PALLAY_DECODE_QUEUE; i++)
            if (!G.held[i][0]) { text_copy(G.held[i], PALLAY_PATH_LEN, path); break; }
        return NULL;   /* one that finds no room is asked for on a later frame */
    }
    int free_slot = -1;
    for (int i = 0; i < PALLAY_DECODE_QUEUE; i++) {
        if (strcmp(G.loading[i], path) == 0) return NULL;
        if (!G.loading[i][0] && free_slot < 0) free_slot = i;
    }
    int w, h;
    platform_size(&w, &h);
    /* A full queue: asked again on a later frame (each arrival redraws). */
    if (free_slot >= 0 && loader_request(path, w, h) == 0) text_copy(G.loading[free_slot], PALLAY_PATH_LEN, path);
    return NULL;
}

int gfx_picture_arrived(const SDL_Event *ev)
{
    if (!loader_event_type() || ev->type != loader_event_type()) return 0;
    LoadedPicture *lp = ev->user.data1;
    for (int i = 0; i < PALLAY_DECODE_QUEUE; i++)
        if (strcmp(G.loading[i], lp->path) == 0) G.loading[i][0] = '\0';
    if (!lp->px) {
        remember_failure(lp->path, lp->why);
    } else {
        CachedPicture *slot = make_room((size_t)lp->w * (size_t)lp->h * 4);
        SDL_Texture *tex = SDL_CreateTexture(ren(), SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, lp->w, lp->h);
        if (tex) {
            SDL_UpdateTexture(tex, NULL, lp->px, lp->w * 4);
            SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
            *slot = (CachedPicture){ .tex = tex, .w = lp->w, .h = lp->h, .used = ++G.clock };
            text_copy(slot->path, sizeof slot->path, lp->path);
        } else {
            remember_failure(lp->path, SDL_GetError());
        }
    }
    loader_release(lp);
    return 1;
}

int gfx_pictures_loading(void) { return loader_pending(); }

void gfx_hold_pictures(int hold)
{
    G.hold = hold;
    if (hold) return;
    for (int i = 0; i < PALLAY_DECODE_QUEUE; i++) {
        int failed;
        if (G.held[i][0]) picture(G.held[i], &failed);
        G.held[i][0] = '\0';
    }
}

void gfx_forget_pictures(void)
{
    for (int i = 0; i < PALLAY_TEXTURE_CACHE; i++)
        if (G.pics[i].tex) SDL_DestroyTexture(G.pics[i].tex);
    memset(G.pics, 0, sizeof G.pics);
}

int gfx_picture_tinted(const char *path, Rect d, Color tint)
{
    int failed = 1;
    CachedPicture *p = (path && *path) ? picture(path, &failed) : NULL;
    if (!p && failed) { gfx_placeholder(d); return -1; }
    if (!p) return 1;   /* still decoding: drawn when it arrives */
    float s = fminf((float)d.w / (float)p->w, (float)d.h / (float)p->h);
    int w = (int)((float)p->w * s), h = (int)((float)p->h * s);
    SDL_SetTextureColorMod(p->tex, tint.r, tint.g, tint.b);
    SDL_RenderCopy(ren(), p->tex, NULL, &(SDL_Rect){ d.x + (d.w - w) / 2, d.y + (d.h - h) / 2, w, h });
    SDL_SetTextureColorMod(p->tex, 255, 255, 255);
    return 0;
}

int gfx_picture(const char *path, Rect d)
{
    return gfx_picture_tinted(path, d, (Color){ 255, 255, 255, 255 });
}

int gfx_cached_pictures(void)
{
    int n = 0;
    for (int i = 0; i < PALLAY_TEXTURE_CACHE; i++) n += G.pics[i].tex != NULL;
    return n;
}

static void unload_fonts(void)
{
    for (int i = 0; i < PALLAY_FONT_SIZES; i++) {
        font_unload(G.fonts[i]);
        if (G.atlas[i]) SDL_DestroyTexture(G.atlas[i]);
        G.fonts[i] = NULL;
        G.atlas[i] = NULL;
    }
}

/* Loads the three sizes; their atlases are made when their first letter is drawn. */
int gfx_load_fonts(const char *ttf_path, Err *e)
{
    static const int design[PALLAY_FONT_SIZES] = { TEXT_SMALL, TEXT_MEDIUM, TEXT_LARGE };
    int w, h;
    platform_size(&w, &h);
    unload_fonts();
    memset(fit_memo, 0, sizeof fit_memo);
    for (int i = 0; i < PALLAY_FONT_SIZES; i++) {
        int px = layout_px(w, h, design[i]);
        G.fonts[i] = font_load(ttf_path, px < 10 ? 10 : px, e);
        if (!G.fonts[i]) {
            unload_fonts();
            return -1;
        }
    }
    return 0;
}

/* Puts the glyph cp is drawn with into the atlas of size, the first time: its coverage as the
 * alpha of white pixels, with a transparent white border (a scaled glyph samples it). Returns
 * the atlas, or NULL if it cannot be made (the text is then not drawn). */
static SDL_Texture *atlas_with(FontSize size, unsigned cp)
{
    Font *f = G.fonts[size];
    if (!G.atlas[size]) {
        int aw, ah;
        font_atlas_size(f, &aw, &ah);
        G.atlas[size] = SDL_CreateTexture(ren(), SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, aw, ah);
        if (!G.atlas[size]) {
            static int said;
            if (!said++) fprintf(stderr, "font atlas texture: %s\n", SDL_GetError());
            return NULL;
        }
        SDL_SetTextureBlendMode(G.atlas[size], SDL_BLENDMODE_BLEND);
    }
    int x, y, w, h;
    const unsigned char *a = font_rasterise(f, cp, &x, &y, &w, &h);
    if (!a) return G.atlas[size];
    Uint32 row[FONT_ATLAS_W + 2];
    for (int r = -1; r <= h; r++) {
        for (int c = -1; c <= w; c++)
            row[c + 1] = (r < 0 || r == h || c < 0 || c == w ? 0u : (Uint32)a[r * w + c] << 24) | 0xFFFFFFu;
        SDL_UpdateTexture(G.atlas[size], &(SDL_Rect){ x - 1, y + r, w + 2, 1 }, row, (w + 2) * 4);
    }
    return G.atlas[size];
}

void gfx_unload(void)
{
    loader_stop();
    unload_fonts();
    for (int i = 0; i < PALLAY_TEXTURE_CACHE; i++)
        if (G.pics[i].tex) SDL_DestroyTexture(G.pics[i].tex);
    memset(&G, 0, sizeof G);
}

int gfx_text_width(FontSize size, const char *s, int len)
{
    return G.fonts[size] ? font_measure(G.fonts[size], s, len) : 0;
}

int gfx_line_height(FontSize size)
{
    return G.fonts[size] ? font_line_height(G.fonts[size]) : 0;
}

/* Text at a height between the atlases' sizes: the atlas at or above it, scaled down. Below the
 * small atlas the small one is scaled, so that a long word (Quechua joins many in one) can stay
 * whole instead of being broken between two lines. */
typedef struct { FontSize size; float scale; } TextScale;

static TextScale scale_for(int px)
{
    TextScale t = { FONT_SMALL, 1.0f };
    for (int s = FONT_LARGE; s >= FONT_SMALL; s--)
        if (gfx_line_height((FontSize)s) && gfx_line_height((FontSize)s) <= px) { t.size = (FontSize)s; break; }
    int lh = gfx_line_height(t.size);
    if (lh > 0 && px < lh) t.scale = (float)px / (float)lh;
    return t;
}

static int measure_cb(void *ud, const char *s, int len)
{
    const TextScale *t = ud;
    return (int)ceilf((float)gfx_text_width(t->size, s, len) * t->scale);
}

static void text_scaled(TextScale t, const char *s, int len, int x, int y, Color c)
{
    Font *f = G.fonts[t.size];
    if (!f) return;
    float pen = 0, base = (float)font_ascent(f);
    int aw, ah;
    font_atlas_size(f, &aw, &ah);
    const char *end = s + len;
    while (s < end && *s) {
        GlyphQuad q;
        unsigned cp = text_utf8_next(&s);
        if (font_glyph(f, cp, &pen, base, &q) < 0) continue;
        SDL_Texture *tex = atlas_with(t.size, cp);
        if (!tex) return;
        SDL_SetTextureColorMod(tex, c.r, c.g, c.b);
        SDL_SetTextureAlphaMod(tex, c.a);
        SDL_Rect src = { (int)(q.s0 * (float)aw + 0.5f), (int)(q.t0 * (float)ah + 0.5f),
                         (int)((q.s1 - q.s0) * (float)aw + 0.5f), (int)((q.t1 - q.t0) * (float)ah + 0.5f) };
        SDL_FRect dst = { (float)x + q.x0 * t.scale, (float)y + q.y0 * t.scale, (q.x1 - q.x0) * t.scale, (q.y1 - q.y0) * t.scale };
        SDL_RenderCopyF(ren(), tex, &src, &dst);
    }
}

void gfx_text(FontSize size, const char *s, int len, int x, int y, Color c)
{
    text_scaled((TextScale){ size, 1.0f }, s, len, x, y, c);
}

#define MAX_LINES 8
#define MIN_SCALE 0.6f  /* the small size scaled down no further: smaller is not read */

/* 1 if every word of text fits on a line of width w: a size that must cut a word in two is
 * worse than a smaller one. */
static int words_fit(TextScale *t, const char *text, int w)
{
    for (const char *p = text; *p;) {
        while (*p == ' ' || *p == '\n') p++;
        const char *end = p;
        while (*end && *end != ' ' && *end != '\n') end++;
        if (end > p && measure_cb(t, p, (int)(end - p)) > w) return 0;
        p = end;
    }
    return 1;
}

static int fits(const char *text, Rect r, int px)
{
    TextScale t = scale_for(px);
    WrapLine lines[MAX_LINES];
    int lh = (int)((float)gfx_line_height(t.size) * t.scale);
    int room = r.h / (lh ? lh : 1);
    if (room > MAX_LINES) room = MAX_LINES;
    return wrap_text(text, r.w, measure_cb, &t, lines, MAX_LINES) <= room && words_fit(&t, text, r.w);
}

static unsigned long fit_key(const char *text, Rect r, FontSize max)
{
    unsigned long k = 5381;
    for (const char *p = text; *p; p++) k = k * 33 + (unsigned char)*p;
    return ((k * 33 + (unsigned long)r.w) * 33 + (unsigned long)r.h) * 4 + (unsigned long)max + 1;
}

static int fit_uncached(const char *text, Rect r, FontSize max);

int gfx_text_fit(const char *text, Rect r, FontSize max)
{
    unsigned long key = fit_key(text, r, max);
    int slot = (int)(key % FIT_MEMO);
    if (fit_memo[slot].key == key) return fit_memo[slot].px;
    int px = fit_uncached(text, r, max);
    fit_memo[slot].key = key;
    fit_memo[slot].px = px;
    return px;
}

static int fit_uncached(const char *text, Rect r, FontSize max)
{
    for (int s = max; s >= FONT_SMALL; s--)
        if (fits(text, r, gfx_line_height((FontSize)s))) return gfx_line_height((FontSize)s);
    /* Below the small size: the largest height that fits, found by halving the range. */
    int lo = (int)((float)gfx_line_height(FONT_SMALL) * MIN_SCALE), hi = gfx_line_height(FONT_SMALL) - 1;
    if (!fits(text, r, lo)) return lo;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (fits(text, r, mid)) lo = mid;
        else hi = mid - 1;
    }
    return lo;
}

/* A text that does not fit its box whole (cut with "…", or a word broken in two) is a layout
 * bug: the trace says so once per text and box, with no words (they may be a woman's name). */
static void report_unfit(const char *text, Rect r, int px)
{
    static unsigned long seen[32];
    static int next;
    unsigned long hsh = 5381;
    for (const char *p = text; *p; p++) hsh = hsh * 33 + (unsigned char)*p;
    hsh = hsh * 33 + (unsigned long)r.w * 7919u + (unsigned long)r.h;
    for (int i = 0; i < 32; i++)
        if (seen[i] == hsh) return;
    seen[next++ % 32] = hsh;
    trace("text cut bytes=%d box=%dx%d px=%d", (int)strlen(text), r.w, r.h, px);
}

void gfx_text_draw(const char *text, Rect r, int px, Color c)
{
    TextScale t = scale_for(px);
    WrapLine lines[MAX_LINES];
    int lh = (int)((float)gfx_line_height(t.size) * t.scale);
    int room = r.h / (lh ? lh : 1);
    if (room > MAX_LINES) room = MAX_LINES;
    if (room < 1) room = 1;
    int n = wrap_text(text, r.w, measure_cb, &t, lines, MAX_LINES);
    int shown = n < room ? n : room;
    if (shown < n || !words_fit(&t, text, r.w)) report_unfit(text, r, px);
    int y = r.y + (r.h - shown * lh) / 2;
    for (int i = 0; i < shown; i++) {
        const char *s = text + lines[i].start;
        int len = lines[i].len;
        char cut[512];
        if (i == shown - 1 && shown < n) {
            /* The text does not fit even in the smallest size: end the last line with an ellipsis. */
            static const char ell[] = "\xE2\x80\xA6";
            while (len > 0 && (len >= (int)sizeof cut - 4 || measure_cb(&t, s, len) + measure_cb(&t, ell, 3) > r.w)) {
                len--;
                while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80) len--;  /* whole characters only */
            }
            memcpy(cut, s, (size_t)len);
            memcpy(cut + len, ell, 4);
            s = cut;
            len += 3;
        }
        text_scaled(t, s, len, r.x + (r.w - measure_cb(&t, s, len)) / 2, y + i * lh, c);
    }
}

FontSize gfx_text_box(const char *text, Rect r, FontSize max, Color c)
{
    int px = gfx_text_fit(text, r, max);
    gfx_text_draw(text, r, px, c);
    return scale_for(px).size;
}
