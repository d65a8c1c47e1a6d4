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
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BATCH_BUNDLES 100   /* bundles per transaction at most */
#define BATCH_MS      1000  /* and a commit at least every second */
#define READ_AHEAD    4     /* bundles read ahead of the merge at most: each holds its plain text, up to a few MB */

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

/* The bundles read ahead, in file order, by a second thread while this one merges: reading one
 * (its signature, its hash, decrypting it) needs no database, and is a tenth of a merge's time
 * that a second core can take. At most READ_AHEAD wait their turn, so memory does not grow with
 * the number of bundles. */
typedef struct {
    const Files *files;
    const unsigned char *sk;        /* the network's identity, wiped by cmd_merge once reader_close returned */
    const MergeKnown *known;        /* the hashes merged before this run: not decrypted (may be NULL) */
    pthread_t thread;
    int running;                    /* 0: no second thread; each bundle is read when it is taken */
    pthread_mutex_t lock;           /* over what follows */
    pthread_cond_t ready, room;     /* a bundle was read; one was taken, so there is room for the next */
    MergeRead *ring[READ_AHEAD];    /* bundle i at i % READ_AHEAD, for i from taken to read - 1 */
    int read, taken;                /* how many bundles were read, and taken by the merge */
    int stop;                       /* read no more */
} Reader;

static void *reader_run(void *arg)
{
    Reader *rd = arg;
    for (int i = 0; i < rd->files->n; i++) {
        pthread_mutex_lock(&rd->lock);
        while (!rd->stop && i - rd->taken >= READ_AHEAD) pthread_cond_wait(&rd->room, &rd->lock);
        int stop = rd->stop;
        pthread_mutex_unlock(&rd->lock);
        if (stop) break;
        MergeRead *b = merge_read(rd->files->paths[i], rd->sk, rd->known);
        pthread_mutex_lock(&rd->lock);
        rd->ring[i % READ_AHEAD] = b;
        rd->read = i + 1;
        pthread_cond_signal(&rd->ready);
        pthread_mutex_unlock(&rd->lock);
    }
    return NULL;
}

/* Starts reading files ahead. If no thread can start, each bundle is read when it is taken. */
static void reader_open(Reader *rd, const Files *files, const unsigned char *sk, const MergeKnown *known)
{
    *rd = (Reader){ .files = files, .sk = sk, .known = known };
    expect(pthread_mutex_init(&rd->lock, NULL) == 0 && pthread_cond_init(&rd->ready, NULL) == 0 && pthread_cond_init(&rd->room, NULL) == 0);
    rd->running = pthread_create(&rd->thread, NULL, reader_run, rd) == 0;
}

/* Bundle i, which must be the next in file order, once it is read: the caller merges it and
 * frees it (merge_read_free). */
static MergeRead *reader_take(Reader *rd, int i)
{
    expect(i == rd->taken && i < rd->files->n);   /* taken is written by this thread only */
    if (!rd->running) {
        rd->taken++;
        return merge_read(rd->files->paths[i], rd->sk, rd->known);
    }
    pthread_mutex_lock(&rd->lock);
    while (rd->read <= i) pthread_cond_wait(&rd->ready, &rd->lock);
    MergeRead *b = rd->ring[i % READ_AHEAD];
    rd->ring[i % READ_AHEAD] = NULL;
    rd->taken = i + 1;
    pthread_cond_signal(&rd->room);
    pthread_mutex_unlock(&rd->lock);
    return b;
}

/* Stops the reading thread, waits for it, and frees the bundles it read that nobody took. */
static void reader_close(Reader *rd)
{
    if (rd->running) {
        pthread_mutex_lock(&rd->lock);
        rd->stop = 1;
        pthread_cond_signal(&rd->room);
        pthread_mutex_unlock(&rd->lock);
        pthread_join(rd->thread, NULL);
    }
    for (int i = 0; i < READ_AHEAD; i++) merge_read_free(rd->ring[i]);
    pthread_cond_destroy(&rd->room);
    pthread_cond_destroy(&rd->ready);
    pthread_mutex_destroy(&rd->lock);
}

/* Merges one bundle into the batch's tally t (the bar counts what all and t hold together): b,
 * read ahead, or with b NULL the file at path, read now. */
static void merge_one(sqlite3 *db, const char *path, MergeRead *b, const unsigned char *sk, Tally *t, int tty, const Tally *all)
{
    MergeResult r;
    MergeOutcome o = b ? merge_read_into(db, b, sk, &r) : merge_bundle(db, path, sk, &r);
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
    /* The reading thread skips decrypting what the network had already (a run again is mostly
     * that); without the list, it decrypts every bundle, and the merge still knows them. */
    MergeKnown *known = merge_known_load(db, &e);
    Reader rd;
    reader_open(&rd, &files, sk, known);
    /* Bundles are merged in batches (see merge_batch_begin): each whole or not at all, the
     * batch committed after BATCH_BUNDLES bundles or BATCH_MS. What a bundle prints waits
     * for its batch's commit, so the lines and the summary say only what is in the database.
     * A batch that fails (its commit, or SQLite rolling it back by itself) is merged again one
     * bundle per transaction, as if batches did not exist: read again then, since the bundles
     * read ahead are freed once merged (a batch of them would hold a hundred plain texts). */
    for (int from = 0; from < files.n;) {
        Tally batch = { 0 };
        Err be;
        int batched = merge_batch_begin(db, &be) == 0, to = from, broke = 0;
        struct timespec t0, t;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        do {
            MergeRead *b = reader_take(&rd, to);
            merge_one(db, files.paths[to], b, sk, &batch, tty, &all);
            merge_read_free(b);
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
            merge_one(db, files.paths[from], NULL, sk, &one, tty, &all);
            tally_add(&all, &one, tty);
        }
    }
    if (tty) printf("\n");
    reader_close(&rd);
    merge_known_unload(known);
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
