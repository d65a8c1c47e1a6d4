/* identity: who a kiosk is when its records leave. Each kiosk signs with its own Ed25519 key,
 * made on it at first start and kept in a file beside the database (DB.key, mode 0600, in
 * minisign's unencrypted secret-key format so the stock tool can use it too). The file names
 * the kiosk id and the machine it was made on: a card copied onto another machine finds
 * itself elsewhere, and that kiosk takes a new id and key, so two boards never sign as one. */
#ifndef PALLAY_IDENTITY_H
#define PALLAY_IDENTITY_H

#include "../base/err.h"
#include "../store/store.h"
#include "minisign.h"

#include <stddef.h>

typedef struct {
    char kiosk_id[37];
    MinisignSecret sk;
    MinisignPublic pk;
} KioskKey;

typedef enum {
    IDENTITY_LOADED,    /* the key file was there, for this kiosk on this machine */
    IDENTITY_MADE,      /* first start (or a database without a key): a key was made */
    IDENTITY_MOVED,     /* another machine, or a damaged key file: a new kiosk id and key */
} IdentityOutcome;

/* The key file of the database at db: db + ".key". */
void identity_key_path(const char *db, char *out, size_t n);
/* A fingerprint of this machine: the machine-id file (machine_id; /var/lib/dbus/machine-id if
 * it cannot be read) with the board's serial number where the hardware tells it, so a copied
 * card is told apart even though it carries the same machine-id. 32 hex digits. */
void identity_machine(const char *machine_id, char out[33]);
/* Loads the kiosk's key, makes it, or gives the kiosk a new id and key (see IdentityOutcome);
 * old_id (size 37) receives the id the kiosk had before a move, or "". Returns the outcome,
 * or -1 (with e) if the key cannot be read or saved; the store is then as it was. */
int identity_open(Store *s, const char *db, const char *machine_id, KioskKey *k, char old_id[37], Err *e);
/* Forgets the secret key held in memory. */
void identity_close(KioskKey *k);

/* Writes text to path through a temporary file, synced and renamed, with mode (0600 for
 * secrets). Refuses to replace an existing file unless replace. -1 (with e) on failure. */
int identity_write_file(const char *path, const char *text, int mode, int replace, Err *e);

#endif
