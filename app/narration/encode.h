/* encode: a recorded voice (mono 16-bit samples) to an OGG Vorbis file, with libvorbisenc.
 * No SDL here. */
#ifndef PALLAY_ENCODE_H
#define PALLAY_ENCODE_H

#include "../base/err.h"

/* Writes n samples at rate Hz to path, through path.part and a rename: a power cut leaves the
 * old file or the new one, never half of one. -1 (with e, nothing replaced) on failure. */
int encode_ogg(const short *pcm, int n, int rate, const char *path, Err *e);
/* The same into memory: *out (malloc'd, *size bytes; wipe it before freeing it, it is her
 * voice) never touches a disk. -1 (with e, nothing to free) on failure. */
int encode_ogg_memory(const short *pcm, int n, int rate, unsigned char **out, size_t *size, Err *e);

#endif
