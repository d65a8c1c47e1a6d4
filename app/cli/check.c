/* check: deep content checks, without SDL: pictures decode with stb_image, sounds with stb_vorbis. */
#include "check.h"
#include "../base/err.h"
#include "../base/text.h"
#include "../content/picture.h"
#include "../content/sound.h"
#include "../content/uikeys.h"
#include "../narration/narration.h"

#define STB_VORBIS_HEADER_ONLY   /* the decoder is Debian's libstb */
#include <stb_vorbis.h>
#include <stdlib.h>
#include <string.h>

/* Pictures already checked, so a tile used twice is reported once. */
#define MAX_SEEN 256
typedef struct { char name[MAX_SEEN][PALLAY_NAME_LEN]; int n; } Seen;

static int seen_before(Seen *s, const char *name)
{
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->name[i], name) == 0) return 1;
    if (s->n < MAX_SEEN) text_copy(s->name[s->n++], PALLAY_NAME_LEN, name);
    return 0;
}

/* Checks that a picture exists (unless the catalog already did: reported) and decodes. */
static void check_picture(const Catalog *c, Seen *seen, const char *name, const char *file, int line, int reported, Report *r)
{
    if (seen_before(seen, name)) return;
    char path[PALLAY_PATH_LEN], svg[PALLAY_PATH_LEN];
    text_fmt(svg, sizeof svg, "%s/pictures/%s.svg", catalog_paths(c)->assets, name);
    if (text_file_exists(svg)) {
        char *text = text_read_file(svg, NULL);
        if (!text || !strstr(text, "<svg")) report(r, svg, 0, "is not an SVG picture");
        free(text);
    }
    /* Module pictures were checked by catalog_load already: do not report them twice. */
    if (catalog_check_picture(c, name, file, line, reported ? NULL : r) < 0) return;
    catalog_picture_path(c, name, path, sizeof path);
    /* The kiosk's own reader, so both say the same of a broken or oversized picture. */
    int w, h;
    Err e;
    unsigned char *px = picture_decode(path, 0, 0, &w, &h, &e);
    if (!px) report(r, path, 0, "%s", e.msg);
    picture_free(px);
}

/* 1 if the Ogg stream in path ends as a stream must: its last page is whole and marked as the
 * end of the stream. A file cut short (a copy or a recording interrupted) decodes without error
 * up to the cut and would play half a sentence. */
static int ogg_ends(const char *path)
{
    size_t len;
    unsigned char *b = (unsigned char *)text_read_file(path, &len);
    if (!b) return 0;
    size_t last = len;
    for (size_t i = 0; i + 27 <= len; i++)
        if (memcmp(b + i, "OggS", 4) == 0) last = i;
    int ok = 0;
    if (last < len && last + 27 + b[last + 26] <= len) {
        size_t size = 27 + b[last + 26];
        for (int i = 0; i < b[last + 26]; i++) size += b[last + 27 + i];
        ok = (b[last + 5] & 0x04) && last + size == len;
    }
    free(b);
    return ok;
}

/* Decodes a whole OGG Vorbis file, to its end. Returns its length in seconds, -1 if it does not
 * decode, or -2 if it is cut short. */
static float decode_ogg(const char *path)
{
    int err = 0;
    /* The kiosk's own reader first: it refuses the headers stb_vorbis 1.22 crashes on. */
    Err e;
    Sound *s = sound_open(path, &e);
    if (!s) return -1;
    sound_close(s);
    stb_vorbis *v = stb_vorbis_open_filename(path, &err, NULL);
    if (!v) return -1;
    float secs = stb_vorbis_stream_length_in_seconds(v);
    int ch = stb_vorbis_get_info(v).channels, total = 0, got;
    float **out;
    while ((got = stb_vorbis_get_frame_float(v, &ch, &out)) > 0) total += got;
    int bad = stb_vorbis_get_error(v) != VORBIS__no_error && total == 0;
    stb_vorbis_close(v);
    if (bad || total == 0) return -1;
    return ogg_ends(path) ? secs : -2;
}

/* One wording for a voice or sound that does not play whole (decode_ogg's -1 or -2). */
static const char *ogg_problem(float secs)
{
    return secs == -2 ? "is cut short: the OGG Vorbis stream stops before its end" : "does not decode as OGG Vorbis";
}

static void report_ogg(Report *r, const char *path, float secs) { report(r, path, 0, "%s", ogg_problem(secs)); }

/* 1 if key is said on a slide or in a quiz: those must stay short enough to listen to. */
static int course_key(const Catalog *c, const char *key)
{
    for (int m = 0; m < catalog_module_count(c); m++) {
        const Module *mod = catalog_module(c, m);
        for (int s = 0; s < mod->nslides; s++)
            if (strcmp(mod->slides[s].key, key) == 0 || strcmp(mod->slides[s].nohelp, key) == 0) return 1;
        for (int q = 0; q < mod->nquestions; q++) {
            const Question *qu = &mod->questions[q];
            if (strcmp(qu->key, key) == 0 || strcmp(qu->why, key) == 0) return 1;
            for (int a = 0; a < qu->nanswers; a++)
                if (strcmp(qu->answers[a].key, key) == 0) return 1;
        }
    }
    return 0;
}

/* Checks the voice of key and returns where it comes from. */
static VoiceSource check_voice(const Catalog *c, int lang, const char *key, const char *file, int line, Report *r)
{
    char path[PALLAY_PATH_LEN];
    VoiceSource src = narration_find(c, lang, key, path, sizeof path);
    if (src == VOICE_NONE) {
        report(r, file, line, "\"%s\" has no narration in %s (run: make content, or record it)", key, catalog_lang(c, lang)->code);
        return src;
    }
    float secs = decode_ogg(path);
    if (secs < 0 && src == VOICE_RECORDED) {
        /* The kiosk then speaks with the generated voice: check that one, and count it. */
        char recording[PALLAY_PATH_LEN];
        text_copy(recording, sizeof recording, path);
        src = narration_generated(c, lang, key, path, sizeof path);
        report(r, recording, 0, "%s; %s", ogg_problem(secs),
               src == VOICE_NONE ? "and there is no generated voice: silent" : "the generated voice speaks instead");
        if (src == VOICE_NONE) return src;
        secs = decode_ogg(path);
    }
    if (secs < 0) report_ogg(r, path, secs);
    else if (secs > PALLAY_MAX_VOICE_S && course_key(c, key))
        report(r, file, line, "\"%s\" takes %.1f s to say in %s; at most %d s: split it or say less", key, secs,
               catalog_lang(c, lang)->code, PALLAY_MAX_VOICE_S);
    return src;
}

int check_content(const CatalogPaths *paths, Report *r, Coverage *cov, int *ncov)
{
    int before = r->count;
    Catalog *c = catalog_load(paths, r);
    Seen *seen = xcalloc(1, sizeof *seen);

    /* Every key of every language exists in every other language. */
    for (int a = 0; a < catalog_lang_count(c); a++) {
        const Language *la = catalog_lang(c, a);
        for (int i = 0; i < po_count(la->po); i++)
            for (int b = 0; b < catalog_lang_count(c); b++) {
                const Language *lb = catalog_lang(c, b);
                if (b != a && !po_line(lb->po, po_key(la->po, i)))
                    report(r, lb->file, 0, "\"%s\" (in %s) is missing", po_key(la->po, i), la->file);
            }
    }
    /* Every string of every language has a voice that decodes; the coverage counts them. */
    *ncov = 0;
    for (int l = 0; l < catalog_lang_count(c) && l < PALLAY_MAX_LANGS; l++) {
        const Language *lang = catalog_lang(c, l);
        Coverage *cv = &cov[(*ncov)++];
        memset(cv, 0, sizeof *cv);
        text_copy(cv->lang, sizeof cv->lang, lang->code);
        for (int i = 0; i < po_count(lang->po); i++) {
            VoiceSource src = check_voice(c, l, po_key(lang->po, i), lang->file, po_line(lang->po, po_key(lang->po, i)), r);
            cv->strings++;
            cv->fuzzy += po_fuzzy(lang->po, i);
            cv->recorded += src == VOICE_RECORDED;
            cv->generated += src == VOICE_GENERATED;
        }
        cv->reviewed = cv->strings - cv->fuzzy;
    }
    /* Every picture decodes: the screens' own, each language's, each module's. */
    static const char *const ui[] = UIPICS_ALL;
    for (size_t i = 0; i < sizeof ui / sizeof *ui; i++) check_picture(c, seen, ui[i], paths->assets, 0, 0, r);
    for (int l = 0; l < catalog_lang_count(c); l++) {
        char name[PALLAY_NAME_LEN];
        text_fmt(name, sizeof name, "lang-%s", catalog_lang(c, l)->code);
        check_picture(c, seen, name, catalog_lang(c, l)->file, 0, 0, r);
    }
    for (int m = 0; m < catalog_module_count(c); m++) {
        const Module *mod = catalog_module(c, m);
        check_picture(c, seen, mod->tile, mod->file, mod->tile_line, 1, r);
        for (int s = 0; s < mod->nslides; s++) check_picture(c, seen, mod->slides[s].picture, mod->file, mod->slides[s].line, 1, r);
        for (int q = 0; q < mod->nquestions; q++)
            for (int a = 0; a < mod->questions[q].nanswers; a++)
                check_picture(c, seen, mod->questions[q].answers[a].picture, mod->file, mod->questions[q].answers[a].line, 1, r);
    }
    const Signs *signs = catalog_signs(c);
    for (int i = 0; i < signs->nsymbols; i++)
        check_picture(c, seen, signs->symbols[i].picture, signs->file, signs->symbols[i].line, 1, r);
    const Items *items = catalog_items(c);
    for (int i = 0; i < items->n; i++)
        check_picture(c, seen, items->items[i].picture, items->file, items->items[i].line, 1, r);
    static const char *const sounds[] = UISOUNDS_ALL;
    for (size_t i = 0; i < sizeof sounds / sizeof *sounds; i++) {
        char path[PALLAY_PATH_LEN];
        text_fmt(path, sizeof path, "%s/sounds/%s.ogg", paths->generated, sounds[i]);
        if (!text_file_exists(path)) report(r, path, 0, "sound effect missing (run: make content)");
        else {
            float secs = decode_ogg(path);
            if (secs < 0) report_ogg(r, path, secs);
        }
    }
    free(seen);
    catalog_unload(c);
    return r->count - before;
}

static void keep_first(Report *r, const char *file, int line, const char *msg)
{
    Err *first = r->user;
    if (r->count > 1) return;
    if (line > 0) err_set(first, "%s:%d: %s", file, line, msg);
    else err_set(first, "%s: %s", file, msg);
}

int check_content_first(const CatalogPaths *paths, Err *first, void *ud)
{
    (void)ud;
    Report r = { .emit = keep_first, .user = first };
    Coverage cov[PALLAY_MAX_LANGS];
    int ncov;
    first->msg[0] = '\0';
    return check_content(paths, &r, cov, &ncov);
}
