/* voices: what women told their network from the kiosks ("Tell us"), as a part of the network's
 * report: voices.html (by category, community and month, with charts of what each community
 * reports most and a player per recording), voices.csv, and the recordings beside the page in
 * voices/, decrypted with the network's key, the only one that opens them.
 * Harassment and violence (VOICE_SENSITIVE) never reach those files: only with sensitive do
 * they go, apart, to sensitive.html and sensitive/. Needs report_prepare and names_load first.
 * No voice report is an xAPI statement (xapi.h says why). */
#ifndef PALLAY_VOICES_H
#define PALLAY_VOICES_H

#include "../base/err.h"
#include "html.h"

typedef struct {
    int anonymous;                   /* no sign, even of a woman who sent hers */
    const unsigned char *identity;   /* the network's age identity (32 bytes); NULL: recordings listed, not written */
    int sensitive;                   /* also the page of harassment and violence */
} VoicesOptions;

typedef struct {
    long long reports, sensitive;    /* on voices.html; on sensitive.html */
    long long written, unreadable;   /* recordings written; those that could not be opened */
    Err first;                       /* why the first unreadable one could not be */
} VoicesTally;

/* Reads the reports of the report's snapshot into temporary tables (the sensitive ones only
 * with sensitive). -1 (with e) on a database error. */
int voices_prepare(sqlite3 *db, int sensitive, Err *e);
/* Writes the files in dir (see above), first removing those an earlier report left there (the
 * sensitive page and folder too, when sensitive is not asked for). A recording that cannot be
 * opened is counted in t, and its row says so. -1 (with e) if a file cannot be written, or if
 * what an earlier report left cannot be removed (then nothing is written). */
int voices_write(sqlite3 *db, const char *dir, const VoicesOptions *o, VoicesTally *t, Err *e);
/* The general report's section on them: how many, and the link to voices.html. */
void voices_section(Html *h);

#endif
