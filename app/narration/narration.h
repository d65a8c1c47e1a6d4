/* narration: decides which sound file speaks a string in a language.
 * A community recording (assets/voice/<lang>/<key>.ogg) wins over the generated voice
 * (generated/voice/<lang>/<key>.ogg); with neither, the string stays silent. */
#ifndef PALLAY_NARRATION_H
#define PALLAY_NARRATION_H

#include "../content/catalog.h"

#include <stddef.h>

typedef enum { VOICE_NONE, VOICE_RECORDED, VOICE_GENERATED } VoiceSource;

/* Writes the file that speaks key in language lang into path and says where it came from.
 * Returns VOICE_NONE (path empty) if no file exists. */
VoiceSource narration_find(const Catalog *c, int lang, const char *key, char *path, size_t n);

/* The generated voice of key, for when a recording is there but does not play (empty, broken):
 * the good generated voice speaks instead of silence. VOICE_NONE (path empty) if there is none. */
VoiceSource narration_generated(const Catalog *c, int lang, const char *key, char *path, size_t n);

/* "recorded", "generated" or "none", for the trace. */
const char *narration_source_name(VoiceSource s);

#endif
