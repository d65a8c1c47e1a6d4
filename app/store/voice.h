/* voice: her reports to the network ("Tell us"), from the moment she sends one until a bundle
 * carrying it has been handed over (schema.h, migration 8). The kiosk keeps only sealed audio,
 * which it cannot open; it can count reports, never list or play them. No SDL here. */
#ifndef PALLAY_VOICE_H
#define PALLAY_VOICE_H

#include "store.h"

#include <stddef.h>

/* What a report is about, in the order the kiosk shows them. Violence is the sensitive one: it
 * never appears in the network's general report. */
#define VOICE_CATEGORIES { "rock", "dust", "noppe", "mercury", "weather", "injury", "violence", "idea", "other" }
#define VOICE_NCATEGORIES 9
#define VOICE_SENSITIVE "violence"

/* 1 if category is one of VOICE_CATEGORIES. */
int voice_category_known(const char *category);

/* Keeps a report she has just sent: its sealed audio (n bytes) waits for the next bundle.
 * learner_id NULL: with no name at all (a guest's is always so). Her community is her latest
 * registration's, or else the kiosk's latest workshop's; its day, today's. -1 (with e). */
int voice_keep(Store *s, const char *category, const char *learner_id, int seconds, const unsigned char *sealed, size_t n,
               Err *e);
/* How many reports wait to leave the kiosk: sent by her, their audio not yet handed over. */
long long voice_waiting(Store *s, Err *e);
/* Makes each waiting report a record, its audio beside it, just before a bundle is built.
 * Returns how many, or -1 (with e; those made so far stay made). */
int voice_post(Store *s, Err *e);

#endif
