/* say: voice files the kiosk makes itself with espeak-ng, the content build's voice, for what
 * only the moment knows (how many records went, the network's help contacts). Without espeak-ng
 * nothing is made and the screens still show the words. */
#ifndef PALLAY_SAY_H
#define PALLAY_SAY_H

#include <stddef.h>

/* Speaks text with espeak-ng's voice into the WAV file path, through path.part and a rename, so
 * a reader never finds half a file. Waits for it: 0 when made, -1 if not. */
int say_wav(const char *voice, const char *text, const char *path);
/* The same on a thread of its own, for a file wanted later: returns at once. */
void say_wav_later(const char *voice, const char *text, const char *path);
/* Waits for every file being made on a thread (the kiosk's stop: no child outlives it). */
void say_wait(void);
/* Where the network's help contacts, spoken in language lang, are kept in the kiosk's folder of
 * its own voice files (dir). -1 if there is no such folder. */
int say_help_path(const char *dir, const char *lang, char *path, size_t n);

#endif
