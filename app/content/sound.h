/* sound: one way to read an OGG Vorbis file, for the kiosk's audio and the fuzzer alike (no SDL).
 * The file is read whole (refused over PALLAY_SOUND_MAX_BYTES) and decoded a block at a time,
 * mixed down to mono, in one block of PALLAY_SOUND_ARENA bytes: a file whose decoder would need
 * more is refused, not given it. Every problem has one wording. */
#ifndef PALLAY_SOUND_H
#define PALLAY_SOUND_H

#include "../base/err.h"

#include <stddef.h>

typedef struct Sound Sound;

/* Reads path and its Vorbis headers. NULL (with e) if it cannot be read, is too big or is not
 * OGG Vorbis. */
Sound *sound_open(const char *path, Err *e);
/* The same from n bytes in memory, which are copied. */
Sound *sound_open_memory(const unsigned char *data, size_t n, Err *e);
void sound_close(Sound *s);

/* Samples a second, as the file says. */
int sound_rate(const Sound *s);

/* Decodes up to max mono samples into out. Returns how many (fewer only at the end), 0 at the
 * end; a stream damaged part way ends there. */
int sound_read(Sound *s, short *out, int max);

#endif
