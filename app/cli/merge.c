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
#include <time.h>
#include <unistd.h>

#define BATCH_BUNDLES 100   /* bundles per transaction at most */
#define BATCH_MS      1000  /* and a commit at least every second */

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

/* What merged bundles add up to; a batch's own until its commit. */
typedef struct {
    int merged, again, skipped, refused, done, total;
    long long fresh, known, aside;
    Files lines;    /* per bundle, for stdout when it is not a terminal */
    Files why;      /* "FILE: skipped: reason" */
} Tally;

static void tally_drop(Tally *t)
{
    for (int i = 0; i < t->lines.n; i++) free(t->lines.paths[i]);
    for (int i = 0; i < t->why.n; i++) free(t->why.paths[i]);
    free(t->lines.paths);
    free(t->why.paths);
    memset(t, 0, sizeof *t);
}

/* A batch's tally, once committed, printed and added to the whole run's. */
static void tally_add(Tally *all, Tally *t, int tty)
{
    for (int i = 0; i < t->why.n; i++) {
        if (tty) {
            printf("\r\033[K");   /* the bar's line, cleared for the reason */
            fflush(stdout);
        }
        fprintf(stderr, "%s\n", t->why.paths[i]);
        add_file(&all->why, t->why.paths[i]);
    }
    for (int i = 0; i < t->lines.n; i++) fputs(t->lines.paths[i], stdout);
    all->merged += t->merged;
    all->again += t->again;
    all->skipped += t->skipped;
    all->refused += t->refused;
    all->done += t->done;
    all->fresh += t->fresh;
    all->known += t->known;
    all->aside += t->aside;
    if (tty && t->why.n) progress(all->done, all->total, all->fresh, all->known);   /* the bar again, below the reasons */
    tally_drop(t);
}

/* Merges one bundle into the batch's tally t (the bar counts what all and t hold together). */
static void merge_one(sqlite3 *db, const char *path, const unsigned char *sk, Tally *t, int tty, const Tally *all)
{
    MergeResult r;
    MergeOutcome o = merge_bundle(db, path, sk, &r);
    t->fresh += r.fresh;
    t->known += r.known;
    t->aside += r.aside;
    t->merged += o == MERGE_MERGED;
    t->again += o == MERGE_AGAIN;
    t->skipped += o == MERGE_SKIPPED;
    t->refused += o == MERGE_REFUSED;
    t->done++;
    if (o == MERGE_SKIPPED || o == MERGE_REFUSED) {
        char line[PALLAY_PATH_LEN + PALLAY_ERR_LEN + 16];
        snprintf(line, sizeof line, "%s: %s%s", path, o == MERGE_SKIPPED ? "skipped: " : "", r.e.msg);
        add_file(&t->why, line);
    } else if (!tty) {
        char a[32], b[32], c[32], d[32], line[PALLAY_PATH_LEN + 200];
        snprintf(line, sizeof line, "%s: %s, %s record%s: %s new, %s already known, %s kept aside\n", path,
                 o == MERGE_AGAIN ? "merged before" : "merged", network_count(r.records, a), r.records == 1 ? "" : "s",
                 network_count(r.fresh, b), network_count(r.known, c), network_count(r.aside, d));
        add_file(&t->lines, line);
    }
    if (tty) progress(all->done + t->done, all->total, all->fresh + t->fresh, all->known + t->known);
}

int cmd_merge(int argc, char **argv)
{
    static const char USAGE[] = "pallayctl: merge NETWORK.db BUNDLE_OR_DIR... --identity network.key\n";
    const char *dbpath = NULL, *idfile = NULL;
    Files files = { 0 };
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
    Tally all = { .total = files.n };
    int tty = isatty(STDOUT_FILENO);
    /* Bundles are merged in batches (see merge_batch_begin): each whole or not at all, the
     * batch committed after BATCH_BUNDLES bundles or BATCH_SECONDS. What a bundle prints waits
     * for its batch's commit, so the lines and the summary say only what is in the database.
     * A batch that fails (its commit, or SQLite rolling it back by itself) is merged again one
     * bundle per transaction, as if batches did not exist. */
    for (int from = 0; from < files.n;) {
        Tally batch = { 0 };
        Err be;
        int batched = merge_batch_begin(db, &be) == 0, to = from, broke = 0;
        struct timespec t0, t;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        do {
            merge_one(db, files.paths[to], sk, &batch, tty, &all);
            if (batched && !merge_batch_open(db)) {
                broke = 1;   /* the bundle at to included */
                break;
            }
            to++;
            clock_gettime(CLOCK_MONOTONIC, &t);
        } while (batched && to < files.n && to - from < BATCH_BUNDLES &&
                 (t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000 < BATCH_MS);
        if (!batched) {
            tally_add(&all, &batch, tty);
            from = to;
            continue;
        }
        if (merge_batch_open(db) && merge_batch_commit(db, &be) == 0) {
            tally_add(&all, &batch, tty);
            from = to;
            continue;
        }
        if (merge_batch_open(db)) merge_batch_rollback(db);
        tally_drop(&batch);
        for (int last = broke ? to + 1 : to; from < last; from++) {   /* again, alone */
            Tally one = { 0 };
            merge_one(db, files.paths[from], sk, &one, tty, &all);
            tally_add(&all, &one, tty);
        }
    }
    if (tty) printf("\n");
    sodium_memzero(sk, sizeof sk);
    char a[32], b[32], c[32];
    printf("bundles: %d merged, %d merged before, %d skipped, %d refused\n", all.merged, all.again, all.skipped, all.refused);
    for (int i = 0; i < all.why.n; i++) printf("  %s\n", all.why.paths[i]);
    printf("records: %s new, %s already known, %s kept aside as conflicts\n", network_count(all.fresh, a), network_count(all.known, b),
           network_count(all.aside, c));
    network_gaps(db, stdout);
    network_conflicts(db, stdout);
    network_close(db);
    rc = bad || all.skipped || all.refused ? 1 : 0;
    tally_drop(&all);
    goto done;
usage:
    fputs(USAGE, stderr);
done:
    for (int i = 0; i < files.n; i++) free(files.paths[i]);
    free(files.paths);
    return rc;
}
