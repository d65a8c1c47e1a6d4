/* merge: the coordinator gathers bundles from sticks and folders into one network database.
 *   pallayctl merge NETWORK.db BUNDLE_OR_DIR... --identity network.key
 * A folder gives its *.age files, in name order. Each bundle is merged alone (one transaction);
 * a bad one is named with its reason and the others go on. The end: a summary, the records
 * that never arrived, the conflicts. Exit 1 if any bundle was skipped or refused. */
#include "../base/text.h"
#include "../net/merge.h"
#include "../net/network.h"
#include "../sync/age.h"
#include "cli.h"

#include <dirent.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    char **paths;
    int n, cap;
} Files;

static void add_file(Files *f, const char *path)
{
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 64;
        f->paths = realloc(f->paths, (size_t)f->cap * sizeof *f->paths);
        expect(f->paths);
    }
    f->paths[f->n++] = xstrdup(path);
}

static int is_bundle_name(const struct dirent *d)
{
    size_t len = strlen(d->d_name);
    return d->d_name[0] != '.' && len > 4 && strcmp(d->d_name + len - 4, ".age") == 0;
}

/* A folder's bundles in name order (so a run reads the same way twice); any other path as given. */
static int add_arg(Files *f, const char *arg)
{
    struct stat st;
    if (stat(arg, &st) != 0 || !S_ISDIR(st.st_mode)) {
        add_file(f, arg);
        return 0;
    }
    struct dirent **list;
    int n = scandir(arg, &list, is_bundle_name, alphasort);
    if (n < 0) {
        fprintf(stderr, "%s: cannot read the folder\n", arg);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        char path[PALLAY_PATH_LEN];
        if (text_fmt(path, sizeof path, "%s/%s", arg, list[i]->d_name) == 0) add_file(f, path);
        free(list[i]);
    }
    free(list);
    return 0;
}

static void progress(int done, int total, long long fresh, long long known)
{
    char a[32], b[32];
    int width = 30, filled = total ? done * width / total : width;
    printf("\r[%.*s%*s] %d/%d bundles, %s new, %s known", filled, "##############################", width - filled, "", done, total,
           network_count(fresh, a), network_count(known, b));
    fflush(stdout);
}

int cmd_merge(int argc, char **argv)
{
    static const char USAGE[] = "pallayctl: merge NETWORK.db BUNDLE_OR_DIR... --identity network.key\n";
    const char *dbpath = NULL, *idfile = NULL;
    Files files = { 0 }, why = { 0 };
    int rc = 2, bad = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--identity") == 0 && i + 1 < argc) idfile = argv[++i];
        else if (argv[i][0] == '-') goto usage;
        else if (!dbpath) dbpath = argv[i];
        else if (add_arg(&files, argv[i]) < 0) bad = 1;
    }
    if (!dbpath || !idfile || (files.n == 0 && !bad)) goto usage;
    unsigned char sk[AGE_KEY_BYTES];
    Err e;
    rc = 1;
    if (age_identity_load(idfile, sk, &e) < 0) {
        fprintf(stderr, "%s: %s\n", idfile, e.msg);
        goto done;
    }
    sqlite3 *db = network_open(dbpath, &e);
    if (!db) {
        fprintf(stderr, "pallayctl: %s\n", e.msg);
        sodium_memzero(sk, sizeof sk);
        goto done;
    }
    int tty = isatty(STDOUT_FILENO), merged = 0, again = 0, skipped = 0, refused = 0;
    long long fresh = 0, known = 0, aside = 0;
    char a[32], b[32], c[32], d[32];
    for (int i = 0; i < files.n; i++) {
        MergeResult r;
        MergeOutcome o = merge_bundle(db, files.paths[i], sk, &r);
        fresh += r.fresh;
        known += r.known;
        aside += r.aside;
        merged += o == MERGE_MERGED;
        again += o == MERGE_AGAIN;
        skipped += o == MERGE_SKIPPED;
        refused += o == MERGE_REFUSED;
        if (o == MERGE_SKIPPED || o == MERGE_REFUSED) {
            char line[PALLAY_PATH_LEN + PALLAY_ERR_LEN + 16];
            snprintf(line, sizeof line, "%s: %s%s", files.paths[i], o == MERGE_SKIPPED ? "skipped: " : "", r.e.msg);
            add_file(&why, line);
            if (tty) {
                printf("\r\033[K");   /* the bar's line, cleared for the reason */
                fflush(stdout);
            }
            fprintf(stderr, "%s\n", line);
        } else if (!tty) {
            printf("%s: %s, %s record%s: %s new, %s already known, %s kept aside\n", files.paths[i],
                   o == MERGE_AGAIN ? "merged before" : "merged", network_count(r.records, a), r.records == 1 ? "" : "s", network_count(r.fresh, b),
                   network_count(r.known, c), network_count(r.aside, d));
        }
        if (tty) progress(i + 1, files.n, fresh, known);
    }
    if (tty) printf("\n");
    sodium_memzero(sk, sizeof sk);
    printf("bundles: %d merged, %d merged before, %d skipped, %d refused\n", merged, again, skipped, refused);
    for (int i = 0; i < why.n; i++) printf("  %s\n", why.paths[i]);
    printf("records: %s new, %s already known, %s kept aside as conflicts\n", network_count(fresh, a), network_count(known, b),
           network_count(aside, c));
    network_gaps(db, stdout);
    network_conflicts(db, stdout);
    network_close(db);
    rc = bad || skipped || refused ? 1 : 0;
    goto done;
usage:
    fputs(USAGE, stderr);
done:
    for (int i = 0; i < files.n; i++) free(files.paths[i]);
    for (int i = 0; i < why.n; i++) free(why.paths[i]);
    free(files.paths);
    free(why.paths);
    return rc;
}
