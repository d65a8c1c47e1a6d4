/* people: communities and participants (a learner registered by a facilitator, with her
 * consent). Without consent only her sign and counts are kept: never a name or a birth year.
 * Names are checked here, so the kiosk and pallayctl refuse the same things. */
#ifndef PALLAY_PEOPLE_H
#define PALLAY_PEOPLE_H

#include "../config.h"
#include "store.h"

/* 0 if name is acceptable: valid UTF-8, no control characters, no invisible or direction-changing
 * ones (zero-width, bidi controls), not only spaces, at most PALLAY_NAME_CHARS
 * characters; empty only if required is 0. -1 with the reason in e. */
int people_check_name(const char *name, int required, Err *e);

/* A new community; -1 if the name is not acceptable or one has it already. */
int community_add(Store *s, const char *name, char id[37], Err *e);
/* Calls fn for each community (not voided), by name. */
int community_each(Store *s, void (*fn)(const char *id, const char *name, void *ud), void *ud, Err *e);

typedef struct {
    int consent;                /* she said yes to keeping her name and details */
    const char *name;           /* required with consent, refused without it */
    const char *community_id;   /* may be NULL */
    int birth_year;             /* 0 if not given; refused without consent */
} Registration;

/* 0 if the registration is acceptable (consent rules, name, year of birth), -1 with e why not. */
int participant_check(const Registration *r, Err *e);
/* Registers the learner as a participant, by the facilitator. Each registration is a record;
 * the latest one not voided counts. Her name and year go to `person` (schema.h, migration 4).
 * Without consent from a woman whose name is kept, her consent is withdrawn first
 * (consent_withdraw). -1 (with e, nothing written) if the data is not acceptable. */
int participant_register(Store *s, const char *learner, const Registration *r, const char *facilitator,
                         char id[37], Err *e);

/* She withdraws her consent: every name and year of birth of hers is erased (not voided: erased,
 * for good) and a withdrawal record (id) says when and by which facilitator, without the name.
 * *erased is how many registrations' names went. -1 (with e, nothing changed) if no name of hers
 * is kept, or on failure. */
int consent_withdraw(Store *s, const char *learner, const char *facilitator, char id[37], int *erased, Err *e);
/* Calls fn for each learner whose name (or year of birth) is kept. */
int participant_each_named(Store *s, void (*fn)(const char *learner, void *ud), void *ud, Err *e);

#endif
