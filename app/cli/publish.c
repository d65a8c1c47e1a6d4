/* publish: a content pack made ready for the network's folder.
 *   pallayctl publish-pack FILE --key content.key --out DIR
 * writes into DIR the pack, its .minisig, and manifest + manifest.minisig naming it (content/feed.h);
 * the coordinator then uploads DIR's files into the sync folder's content/, the manifest last. */
#include "../base/text.h"
#include "../content/feed.h"
#include "cli.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define USAGE "pallayctl publish-pack FILE --key content.key --out DIR"

int cmd_publish_pack(int argc, char **argv)
{
    const char *pack = NULL, *key = NULL, *out = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--key") == 0 && i + 1 < argc) key = argv[++i];
        else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) out = argv[++i];
        else if (argv[i][0] != '-' && !pack) pack = argv[i];
        else if (argv[i][0] != '-') return cli_extra(argv[i]);
        else { fprintf(stderr, "pallayctl: " USAGE "\n"); return 2; }
    }
    if (!pack || !key || !out) { fprintf(stderr, "pallayctl: " USAGE "\n"); return 2; }
    if (mkdir(out, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "pallayctl: %s: %s\n", out, strerror(errno));
        return 1;
    }
    Err e;
    MinisignSecret sk;
    char *text = text_read_file(key, NULL);
    if (!text) { fprintf(stderr, "pallayctl: %s: cannot be read\n", key); return 1; }
    int rc = minisign_secret_parse(text, &sk, &e);
    sodium_memzero(text, strlen(text));
    free(text);
    if (rc < 0) { fprintf(stderr, "pallayctl: %s: %s\n", key, e.msg); return 1; }
    FeedManifest m;
    rc = feed_publish(pack, &sk, out, &m, &e);
    sodium_memzero(&sk, sizeof sk);
    if (rc < 0) { fprintf(stderr, "pallayctl: %s: %s; nothing was published\n", pack, e.msg); return 1; }
    printf("%s: version %lld, %s (%lld bytes), its .minisig, manifest and manifest.minisig; upload them into the folder's content/, "
           "the manifest last\n", out, m.version, m.pack, m.size);
    return 0;
}
