/* install: content packs installed into the kiosk's content folder (setting content_dir), so
 * that a kiosk killed at any moment starts on the old course or the new one, whole:
 *   content_dir/v<version>-<random>/   a course as a pack unpacked it: assets/, locales/,
 *                                      generated/, and PACK (its version, written last)
 *   content_dir/current -> v...        the course in use; switched by one rename of a symlink
 *   content_dir/previous -> v...       the one before, kept for one rollback
 * Without content_dir/current the kiosk runs the shipped course (assets, locales, generated).
 * A pack is copied off the stick, its signature checked, its manifest checked, unpacked into a
 * new folder, fsynced, checked as check-content does, and only then switched to. Older folders
 * than current and previous are removed. No SDL: the kiosk's worker and pallayctl call it. */
#ifndef PALLAY_INSTALL_H
#define PALLAY_INSTALL_H

#include "catalog.h"
#include "pack.h"

typedef struct {
    const char *content_dir;
    const char *key;            /* content_key: the network's "RW..." line ("" refuses every pack) */
    PackLimits limits;
    CatalogPaths base;          /* the shipped course: what a voice pack lies over when none is installed */
    /* The full content check over an unpacked course: the number of problems, the first in *first. */
    int (*check)(const CatalogPaths *paths, Err *first, void *ud);
    void *check_ud;
} InstallConfig;

typedef enum { INSTALL_DONE, INSTALL_ALREADY, INSTALL_REFUSED } InstallOutcome;

typedef struct {
    InstallOutcome outcome;
    PackFault fault;            /* why it was refused */
    PackInfo info;              /* what the pack said it holds (as far as it was read) */
    long long before;           /* the content version in use before (0: the shipped course) */
    Err e;                      /* the reason, one line */
} InstallResult;

/* Installs the pack at file (with file.minisig beside it). INSTALL_ALREADY when that version is
 * the one in use; INSTALL_REFUSED (fault and e set) on any fault, the content in use untouched. */
InstallOutcome install_pack(const InstallConfig *c, const char *file, InstallResult *r);

/* The course in use under content_dir: 1 with paths (assets, locales, generated in buf; the real
 * folder, not through the symlink, so a later switch does not change files under a loaded
 * catalog) and its version; 0 if none is installed (use the shipped course); -1 (with e) if
 * current is there but cannot be read. */
int install_current(const char *content_dir, char (*buf)[PALLAY_PATH_LEN], CatalogPaths *paths, long long *version, Err *e);

/* Goes back to the previous course (or to the shipped one if there was none); the one left
 * becomes previous, so a second rollback undoes the first. -1 (with e) if there is nothing to go back to. */
int install_rollback(const char *content_dir, Err *e);

#endif
