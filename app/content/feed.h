/* feed: the content folder of the network's WebDAV folder (sync_url's content/), where the
 * coordinator publishes the latest content pack for every kiosk to fetch. It holds the pack, its
 * .minisig, and a small `manifest` signed with the same content key (manifest.minisig):
 *   format 1
 *   version N          the pack's content version
 *   pack NAME          the pack's file name in content/ ([A-Za-z0-9_.-], ending in .pack)
 *   size BYTES
 *   sha256 HEX         of the pack's bytes
 * A kiosk reads the manifest first (a few hundred bytes), and downloads the pack only if it is
 * newer than its course, checking its size and hash against the manifest. No SDL, no network. */
#ifndef PALLAY_FEED_H
#define PALLAY_FEED_H

#include "pack.h"

#define FEED_FORMAT     1
#define FEED_TEXT_MAX   4096    /* bytes of a manifest, and of a signature file: what a kiosk downloads at most */
#define FEED_NAME_MAX   100     /* bytes of the pack's name */

typedef struct {
    int format;
    long long version, size;
    char pack[FEED_NAME_MAX + 1];
    char sha256[65];
} FeedManifest;

/* Writes into outdir: the pack (a copy, unless it is there already) and its .minisig, then
 * manifest and manifest.minisig, each under a temporary name first. The pack must be signed by
 * sk's public half. -1 (with e, nothing renamed into place but what was whole) on any fault. */
int feed_publish(const char *pack, const MinisignSecret *sk, const char *outdir, FeedManifest *m, Err *e);
/* Checks path.minisig against key (as pack_verify does), then reads path as a manifest.
 * -1 with *f (unsigned, no key, wrong key, signature; not_a_pack or format for the text) and e. */
int feed_read(const char *path, const char *key, FeedManifest *m, PackFault *f, Err *e);
/* Reads a manifest's text. -1 (with e) if a line is missing, repeated, unknown or out of range. */
int feed_parse(const char *text, FeedManifest *m, Err *e);
/* The SHA-256 (hex) and size of the file at path. -1 (with e) if it cannot be read. */
int feed_hash_file(const char *path, char hex[65], long long *size, Err *e);

#endif
