/* pack: a content pack, the signed file that carries a course (modules, pictures, voices, .po
 * files, signs.list, ppe.list) from the network to a kiosk. A pack is a SQLite file:
 *   meta(key, value)   format (PACK_FORMAT), version (the content version, a number that grows),
 *                      kind ("full": a whole course; "voices": recordings laid over the course)
 *   file(path, type, size, sha256, data)   the manifest and the bytes: path under assets/,
 *                      locales/ or generated/ (the content build's output), type "f" (plain file)
 * It is signed as a whole (FILE.minisig, minisign's format, checked by the stock minisign -V), so
 * nothing in it is read before its signature is checked; each file's SHA-256 is checked again as
 * it is unpacked. No SDL, no network: both programs and the fuzz target link it.
 * Failures leave a PackFault (what kind of refusal) and a one-line message in e. */
#ifndef PALLAY_PACK_H
#define PALLAY_PACK_H

#include "../base/err.h"
#include "../sync/minisign.h"

#include <stddef.h>

#define PACK_FORMAT     1       /* the format this code writes and reads */
#define PACK_MAX_FILES  8192    /* files in one pack (a course is about 1,000) */
#define PACK_MAX_PATH   200     /* bytes of one path inside a pack */

typedef enum {
    PACK_OK, PACK_UNSIGNED, PACK_NO_KEY, PACK_WRONG_KEY, PACK_SIGNATURE, PACK_NOT_A_PACK, PACK_FORMAT_VERSION,
    PACK_BAD_PATH, PACK_LINK, PACK_TOO_MANY, PACK_TOO_BIG, PACK_HASH, PACK_CHECK, PACK_OLDER, PACK_IO,
} PackFault;

typedef struct {
    long long version;  /* content version */
    int format, files;
    long long bytes;    /* the files' bytes together */
    char kind[16];      /* "full" or "voices" */
} PackInfo;

typedef struct { long long max_total, max_file; } PackLimits;  /* bytes */

typedef struct Pack Pack;

/* A short stable word for a fault, for the trace and the facilitator screen ("signature", "path"). */
const char *pack_fault_name(PackFault f);
/* 0 if path is a safe path for a file in a pack: relative, under assets/, locales/ or generated/,
 * components of [A-Za-z0-9_.-] not starting with ".", no empty component. -1 (with e) otherwise. */
int pack_path_ok(const char *path, Err *e);

/* Checks FILE.minisig against key (a "RW..." line; NULL or "" refuses). The file's hash is that of
 * the bytes at path. -1 with *f (unsigned, no key, wrong key, signature) and e. */
int pack_verify(const char *path, const char *key, PackFault *f, Err *e);

/* Opens a pack and checks its manifest against the limits before any byte is unpacked: format,
 * kind, version, every path and type, sizes, count. NULL (with *f and e) on the first fault. */
Pack *pack_open(const char *path, const PackLimits *lim, PackInfo *info, PackFault *f, Err *e);
/* Calls fn for each file, in path order, with its bytes once their SHA-256 matched the manifest.
 * Stops at fn's first -1 (fn sets e) or at a bad hash (*f = PACK_HASH). 0 when all went. */
int pack_each(Pack *p, int (*fn)(const char *path, const unsigned char *data, size_t n, void *ud, Err *e), void *ud,
              PackFault *f, Err *e);
void pack_close(Pack *p);

/* A folder to pack and where its files go in the pack ("assets", "generated", "assets/voice"). */
typedef struct { const char *dir, *prefix; } PackRoot;

/* Writes a pack of every file under the roots to out, then signs it as out.minisig. Names
 * starting with "." are left out (a take not kept); a link, a device file or an unsafe name
 * fails it (-1 with e naming the file), and so do more files than PACK_MAX_FILES. out is
 * written under a temporary name first and renamed once whole. */
int pack_write(const PackRoot *roots, int nroots, const char *kind, long long version, const MinisignSecret *sk,
               const char *out, PackInfo *info, Err *e);

#endif
