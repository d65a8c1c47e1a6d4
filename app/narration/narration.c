/* narration: a recording made on this kiosk > a recording shipped with the course > the
 * generated voice > silence. */
#include "narration.h"
#include "../base/text.h"

VoiceSource narration_find(const Catalog *c, int lang, const char *key, char *path, size_t n)
{
    if (lang < 0 || lang >= catalog_lang_count(c)) { path[0] = '\0'; return VOICE_NONE; }
    const CatalogPaths *p = catalog_paths(c);
    const char *code = catalog_lang(c, lang)->code;
    if (p->recordings && p->recordings[0] && text_fmt(path, n, "%s/%s/%s.ogg", p->recordings, code, key) == 0 &&
        text_file_exists(path))
        return VOICE_RECORDED;
    if (text_fmt(path, n, "%s/voice/%s/%s.ogg", p->assets, code, key) == 0 && text_file_exists(path))
        return VOICE_RECORDED;
    if (text_fmt(path, n, "%s/voice/%s/%s.ogg", p->generated, code, key) == 0 && text_file_exists(path))
        return VOICE_GENERATED;
    path[0] = '\0';
    return VOICE_NONE;
}

VoiceSource narration_generated(const Catalog *c, int lang, const char *key, char *path, size_t n)
{
    if (lang >= 0 && lang < catalog_lang_count(c) &&
        text_fmt(path, n, "%s/voice/%s/%s.ogg", catalog_paths(c)->generated, catalog_lang(c, lang)->code, key) == 0 &&
        text_file_exists(path))
        return VOICE_GENERATED;
    path[0] = '\0';
    return VOICE_NONE;
}

const char *narration_source_name(VoiceSource s)
{
    return s == VOICE_RECORDED ? "recorded" : s == VOICE_GENERATED ? "generated" : "none";
}
