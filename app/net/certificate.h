/* certificate: a woman's course certificate as data: what it says (from the records of a kiosk or
 * network database), its canonical text, its signature by the network's content key, the short
 * code printed on it, and its check against the records later. No drawing here (cli/certpdf.c).
 * Certificates made are kept in the database's net_certificate table, made on demand: a kiosk
 * ignores a table it does not know, and bundles never carry it. */
#ifndef PALLAY_CERTIFICATE_H
#define PALLAY_CERTIFICATE_H

#include "../base/err.h"
#include "../sync/minisign.h"

typedef struct sqlite3 sqlite3;

#define CERT_CODE_LEN 10   /* characters of the code, without its dashes */
#define CERT_NO_DATE "0000-00-00"   /* passed, but no quiz of hers has a time that can be trusted */

typedef struct {
    char id[PALLAY_NAME_LEN];
    char title[PALLAY_ERR_LEN];   /* in Spanish, from the course */
    char date[16];                /* YYYY-MM-DD of her first passing quiz, CERT_NO_DATE; "" if none counts */
} CertModule;

typedef struct {
    char learner_id[PALLAY_NAME_LEN];
    char name[PALLAY_ERR_LEN];    /* only while she consents; "" otherwise */
    char sign[PALLAY_ERR_LEN];    /* her sign in Spanish ("Llama, color rojo"): on it when there is no name */
    char community[PALLAY_ERR_LEN], facilitator[PALLAY_ERR_LEN], network[PALLAY_ERR_LEN];
    CertModule modules[PALLAY_MAX_MODULES];
    int nmodules;
    char code[CERT_CODE_LEN + 1];  /* set by certificate_issue and certificate_verify */
} Certificate;

/* Opens a kiosk or network database for certificates (never creates one) and makes
 * net_certificate if it is not there. NULL (with e) if it is neither kind or cannot be opened. */
sqlite3 *certificate_open(const char *path, Err *e);
void certificate_close(sqlite3 *db);

/* The learner ids with this sign (every learner when symbol is NULL), in sign order, into ids
 * (room for max). Returns how many there are (may exceed max), -1 (with e) on a database error. */
int certificate_learners(sqlite3 *db, const char *symbol, const char *colour, char (*ids)[PALLAY_NAME_LEN], int max, Err *e);
/* Her sign's ids, for a file name. -1 (with e) if there is no such learner. */
int certificate_sign_of(sqlite3 *db, const char *learner_id, char symbol[PALLAY_NAME_LEN], char colour[PALLAY_NAME_LEN], Err *e);

/* Fills from the records what c says of c->learner_id: her name (if she consents), community and
 * facilitator of her registration in force, and the date of each of c->modules (ids set by the
 * caller). Returns how many of those modules she has not passed (date ""), -1 (with e) on error. */
int certificate_gather(sqlite3 *db, Certificate *c, Err *e);

/* Signs c's canonical text with the key, sets c->code and keeps the certificate in the database
 * (the same certificate made again gets the same code and is kept once). -1 (with e) on failure. */
int certificate_issue(sqlite3 *db, Certificate *c, const MinisignSecret *sk, Err *e);
/* The code as printed: "ABCD-EFGH-JK". */
void certificate_code_print(const char *code, char out[CERT_CODE_LEN + 3]);

/* Looks up a code (any case, dashes optional), checks its signature with pk and its fields
 * against the records now, and fills c from what was stored. Returns 0 if genuine, 1 if not
 * (why in e), -1 (with e) on a database error. */
int certificate_verify(sqlite3 *db, const char *code, const MinisignPublic *pk, Certificate *c, Err *e);

#endif
