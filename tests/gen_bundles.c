/* gen_bundles: a network's worth of bundles for make bench, written by the kiosk's own code:
 * each kiosk is a store (store_open, identity_open), its facilitator's PIN, communities,
 * registrations, workshops, attendance, equipment, lessons and quizzes are saved through the
 * record APIs one record at a time, as the screens save them, and its bundles leave through
 * bundle_export. Nothing is written as a hand-made row.
 *   usage: gen_bundles OUT SEED KIOSKS RECORDS BUNDLES [SCRATCH]
 * OUT gets network.key, network.pub and bundles/NAME.age (+ .minisig). The kiosk databases and
 * bundles are made in SCRATCH (default /dev/shm: the kiosk syncs every record and every bundle,
 * and on a disk that is the cost of the disk, not of the code), the bundles then copied to OUT.
 * What a network looks like: every kiosk serves one or two of 40 communities and signs up to 72
 * learners (the signs it has). Workshops with attendance and deliveries (1 in 20 voided: a
 * wrong size), registrations with and without consent, a few re-registrations, lessons and
 * quizzes with retakes after a fail, guests' quizzes. Per 25 kiosks: one whose clock says 1970
 * for a stretch of records (no battery, no network), one withdrawal of consent, one bundle lost
 * (a range never written), one bundle copied twice (stick and folder: the same file), one range
 * exported twice (the same records, another file), one range that overlaps the one before it.
 * The choices are the seed's (printed); record ids and keys come from the kernel, as on a kiosk. */
#include "content/signs.h"
#include "store/people.h"
#include "store/pin.h"
#include "store/records.h"
#include "store/store.h"
#include "store/workshops.h"
#include "sync/age.h"
#include "sync/bundle.h"
#include "sync/identity.h"

#include <dirent.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SIGNS 72
#define P 1024   /* room for a path */

static unsigned long long rng;

static unsigned long long next(void)   /* splitmix64 */
{
    unsigned long long z = (rng += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static int pick(int n) { return (int)(next() % (unsigned long long)n); }
static int chance(int percent) { return pick(100) < percent; }

static const char *const SYMBOLS[12] = { "llama", "condor", "cuy", "fish", "potato", "corn", "flower", "sun", "moon", "mountain", "house", "tree" };
static const char *const COLOURS[6] = { "red", "yellow", "green", "blue", "purple", "orange" };
static const char *const FIRST[] = { "María", "Rosa", "Q'orianka", "Ñusta", "Juana", "Yolanda", "Sumaq", "Carmen", "Nélida", "Inés",
                                     "Luz Marina", "Teodora", "Killa", "Soledad", "Edith", "Maribel" };
static const char *const LAST[] = { "Mamani", "Quispe", "Condori", "Huamaní", "Ccori", "Yupanqui", "Peña", "Ticona", "Apaza", "Ch'uqi",
                                    "Nuñez", "Laura", "Cusi", "Huarca" };
static const char *const PLACES[] = { "Santa Filomena", "Pampa Blanca", "La Rinconada", "Huepetuhe", "Laberinto", "Secocha",
                                      "Chala", "Relave", "Mollehuaca", "Ananea", "Cerro Lunar", "Saramarca", "Sancos", "Otoca",
                                      "Chaparra", "Yanaquihua", "Atico", "Caravelí", "Puerto Maldonado", "Mazuko", "Delta 1",
                                      "Boca Colorado", "Lucanas", "Puquio", "Cháparra Alta", "Llacuabamba", "San Luis", "Huanca",
                                      "Tambogrande", "Ocoña", "Iscaybamba", "Ullpu", "Pallqa", "Quilcata", "Kuntur Wasi",
                                      "Ñahuinpuquio", "Trapiche", "Cuatro Horas", "Alto Inambari", "Villa Santiago" };
typedef struct { const char *id; int questions, pass; } Module;
static const Module MODULES[8] = { { "ppe", 4, 3 }, { "lift", 3, 2 }, { "ground", 3, 2 }, { "breaks", 4, 3 },
                                   { "dust", 4, 3 }, { "mercury", 4, 3 }, { "sun", 4, 3 }, { "care", 4, 3 } };
static const char *const ITEMS[] = { "gloves", "mask", "goggles", "helmet", "boots", "nitrile-gloves", "hat", "sunscreen" };
static const char *const SIZES[] = { "M", "", "", "", "37", "S", "", "" };

/* The kiosk's clock: real time, or, while bad, seconds since a boot in 1970. */
static long long g_now, g_boot;
static int g_bad;
static long long kiosk_clock(void) { return g_bad ? g_boot : g_now; }
static void tick(int lo, int hi)
{
    int d = lo + pick(hi - lo + 1);
    g_now += d;
    g_boot += d;
}

typedef struct {
    Store *s;
    const char *path;
    Facilitator fac;
    char community[2][37];
    int ncommunities;
    Learner learner[SIGNS];
    int home[SIGNS];        /* her community, -1 not registered */
    int named[SIGNS];       /* her name is kept */
    long long records, target;
    Err e;
} Kiosk;

static void die(Kiosk *k, const char *what)
{
    fprintf(stderr, "gen_bundles: %s: %s: %s\n", k->path, what, k->e.msg);
    exit(1);
}

#define SAVE(k, what, call)                  \
    do {                                     \
        tick(20, 90);                        \
        if ((call) < 0) die((k), (what));    \
        (k)->records++;                      \
    } while (0)

static void registration(Kiosk *k, int i, int consent)
{
    char name[128], id[37];
    snprintf(name, sizeof name, "%s %s %s", FIRST[pick(sizeof FIRST / sizeof *FIRST)], LAST[pick(sizeof LAST / sizeof *LAST)],
             LAST[pick(sizeof LAST / sizeof *LAST)]);
    Registration r = { consent, consent ? name : NULL, k->community[k->home[i]], consent ? 1960 + pick(45) : 0 };
    /* "No" from a woman whose name is kept withdraws her consent first: one more record. */
    if (!consent && k->named[i]) k->records++;
    SAVE(k, "participant", participant_register(k->s, k->learner[i].id, &r, k->fac.id, id, &k->e));
    k->named[i] = consent;
}

/* She signs up: her sign on the kiosk, then the facilitator registers her. */
static void newcomer(Kiosk *k, int i, int community)
{
    SAVE(k, "learner", records_add_learner(k->s, SYMBOLS[i % 12], COLOURS[i / 12], &k->learner[i], &k->e));
    k->home[i] = community;
    registration(k, i, chance(70));
}

/* A lesson and its quiz, retaken after a fail (at most three tries). */
static void lesson(Kiosk *k, const char *learner, const Module *m)
{
    char id[37], attempt[37];
    SAVE(k, "module_open", records_open_module(k->s, learner, m->id, "v1", id, &k->e));
    if (!chance(85)) return;
    SAVE(k, "completion", records_complete_module(k->s, learner, m->id, "v1", id, &k->e));
    int skill = 45 + pick(45);
    for (int tries = 0; tries < 3; tries++) {
        SAVE(k, "attempt", records_begin_attempt(k->s, learner, m->id, "v1", m->questions, m->pass, attempt, &k->e));
        int right = 0;
        for (int q = 1; q <= m->questions; q++) {
            int listens[3] = { pick(2), pick(3), pick(2) };
            int correct = chance(skill);
            AnswerRecord a = { q, correct ? 1 : 2 + pick(2), correct, pick(3), listens, 3 };
            SAVE(k, "answer", records_save_answer(k->s, attempt, &a, id, &k->e));
            right += correct;
        }
        if (chance(4)) return;   /* she walked away before the end */
        int passed = right >= m->pass;
        SAVE(k, "attempt_end", records_end_attempt(k->s, attempt, right, m->questions, passed, id, &k->e));
        if (passed) return;
        skill += 15;
    }
}

static void workshop(Kiosk *k)
{
    char ws[37], id[37];
    int c = pick(k->ncommunities);
    const Module *m1 = &MODULES[pick(8)], *m2 = &MODULES[pick(8)];
    char modules[64];
    snprintf(modules, sizeof modules, "%s,%s", m1->id, m2->id);
    tick(86400, 9 * 86400);   /* days between workshops */
    SAVE(k, "workshop", workshop_open(k->s, k->community[c], k->fac.id, g_now, modules, ws, &k->e));
    int present[SIGNS], np = 0, want = 8 + pick(10);
    for (int t = 0; t < want * 3 && np < want; t++) {
        int i = pick(SIGNS), seen = 0;
        for (int j = 0; j < np; j++) seen |= present[j] == i;
        if (seen) continue;
        if (k->home[i] < 0) newcomer(k, i, c);
        else if (chance(3)) registration(k, i, chance(50));   /* she moved, or changed her mind */
        SAVE(k, "attendance", attendance_mark(k->s, ws, k->learner[i].id, id, &k->e));
        present[np++] = i;
        for (int g = pick(3); g >= 0; g--) {
            int item = pick(8);
            Delivery d = { k->learner[i].id, ITEMS[item], 1 + (item == 0) + pick(2), SIZES[item], k->fac.id, ws };
            char given[37];
            SAVE(k, "ppe_delivery", ppe_deliver(k->s, &d, given, &k->e));
            if (chance(5)) SAVE(k, "void", records_void(k->s, given, "wrong size", id, &k->e));
        }
    }
    SAVE(k, "workshop_close", workshop_close(k->s, ws, id, &k->e));
    /* Back at the kiosk: the workshop's lessons, and guests trying a quiz. */
    for (int j = 0; j < np && k->records < k->target; j++) {
        lesson(k, k->learner[present[j]].id, m1);
        if (m2 != m1 && k->records < k->target) lesson(k, k->learner[present[j]].id, m2);
    }
    for (int g = pick(4); g > 0 && k->records < k->target; g--) {
        char attempt[37];
        const Module *m = &MODULES[pick(8)];
        SAVE(k, "guest attempt", records_begin_attempt(k->s, NULL, m->id, "v1", m->questions, m->pass, attempt, &k->e));
        for (int q = 1; q <= m->questions; q++) {
            int listens[3] = { 0, 1, 0 }, correct = chance(60);
            AnswerRecord a = { q, correct ? 1 : 3, correct, 0, listens, 3 };
            SAVE(k, "answer", records_save_answer(k->s, attempt, &a, id, &k->e));
        }
    }
}

/* A path made from parts; a path too long for the scratch folders stops the generator. */
static char *fmt_path(char *out, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(out, n, fmt, ap);
    va_end(ap);
    if (len < 0 || (size_t)len >= n) {
        fprintf(stderr, "gen_bundles: a path is too long: %s\n", out);
        exit(1);
    }
    return out;
}

static void file_copy(const char *from, const char *to)
{
    FILE *a = fopen(from, "rb"), *b = fopen(to, "wb");
    char buf[65536];
    size_t n;
    if (!a || !b) {
        fprintf(stderr, "gen_bundles: cannot copy %s to %s\n", from, to);
        exit(1);
    }
    while ((n = fread(buf, 1, sizeof buf, a)) > 0) fwrite(buf, 1, n, b);
    fclose(a);
    if (fclose(b) != 0) exit(1);
}

/* A bundle of seqs first..last into dir; with a suffix, under another name (a second export of
 * records already sent, as a kiosk's "send everything again" makes). Returns 1, the files made. */
static int export(Kiosk *k, const KioskKey *key, const unsigned char pk[32], long long first, long long last, const char *dir,
                  const char *suffix)
{
    BundleRange range = { first, last, "bench", NULL, 0 };
    BundleInfo info;
    char scratch[P], to[P], sig[P], tosig[P];
    fmt_path(scratch, P, "%s/.again", dir);
    mkdir(scratch, 0700);
    if (bundle_export(k->path, key, pk, &range, suffix ? scratch : dir, &info, &k->e) < 0) die(k, "bundle_export");
    if (suffix) {
        const char *base = strrchr(info.path, '/') + 1;
        fmt_path(to, P, "%s/%.*s%s.age", dir, (int)strlen(base) - 4, base, suffix);
        fmt_path(sig, P, "%s.minisig", info.path);
        fmt_path(tosig, P, "%s.minisig", to);
        if (rename(info.path, to) != 0 || rename(sig, tosig) != 0) die(k, "rename");
    }
    rmdir(scratch);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 6 || sodium_init() < 0) {
        fprintf(stderr, "usage: gen_bundles OUT SEED KIOSKS RECORDS BUNDLES [SCRATCH]\n");
        return 2;
    }
    const char *out = argv[1], *tmp = argc > 6 ? argv[6] : "/dev/shm";
    unsigned long long seed = strtoull(argv[2], NULL, 10);
    int kiosks = atoi(argv[3]), per = atoi(argv[5]) / (kiosks > 0 ? kiosks : 1);
    long long total = atoll(argv[4]);
    if (kiosks < 1 || per < 1 || total < kiosks) return 2;
    rng = seed;
    printf("gen_bundles: seed %llu, %d kiosks, %lld records, %d bundles per kiosk\n", seed, kiosks, total, per);
    char dir[P], scratch[P], path[P];
    fmt_path(dir, P, "%s/bundles", out);
    mkdir(out, 0755);
    mkdir(dir, 0755);
    fmt_path(scratch, P, "%s/pallay-gen.%d", tmp, (int)getpid());
    if (mkdir(scratch, 0700) != 0) {
        perror(scratch);
        return 1;
    }
    char out_tmp[P];
    fmt_path(out_tmp, P, "%s/out", scratch);
    mkdir(out_tmp, 0700);
    /* The network's identity, as pallayctl keygen lays it out. */
    unsigned char sk[32], pk[32];
    char identity[AGE_IDENTITY_LEN + 1], recipient[AGE_RECIPIENT_LEN + 1], text[256];
    age_keygen(sk, pk);
    age_identity_format(sk, identity);
    age_recipient_format(pk, recipient);
    Err e;
    fmt_path(path, P, "%s/network.key", out);
    snprintf(text, sizeof text, "# public key: %s\n%s\n", recipient, identity);
    if (identity_write_file(path, text, 0600, 1, &e) < 0) return fprintf(stderr, "gen_bundles: %s\n", e.msg), 1;
    fmt_path(path, P, "%s/network.pub", out);
    snprintf(text, sizeof text, "%s\n", recipient);
    if (identity_write_file(path, text, 0644, 1, &e) < 0) return fprintf(stderr, "gen_bundles: %s\n", e.msg), 1;

    long long made = 0, files = 0;
    time_t t0 = time(NULL);
    for (int n = 0; n < kiosks; n++) {
        Kiosk k = { 0 };
        char db[P], machine[P];
        fmt_path(db, P, "%s/kiosk-%d.db", scratch, n);
        fmt_path(machine, P, "%s/kiosk-%d.machine", scratch, n);
        snprintf(text, sizeof text, "%032llx\n", (unsigned long long)n + 1);
        FILE *f = fopen(machine, "w");
        if (!f) return 1;
        fputs(text, f);
        fclose(f);
        k.path = db;
        k.target = total / kiosks + (n < total % kiosks);
        memset(k.home, -1, sizeof k.home);
        if (!(k.s = store_open(db, &k.e))) die(&k, "store_open");
        KioskKey key;
        char old[37];
        if (identity_open(k.s, db, machine, &key, old, &k.e) < 0) die(&k, "identity_open");
        g_now = 1767225600LL + 86400LL * pick(200);   /* from 2026 on */
        g_boot = 3600;
        g_bad = 0;
        store_set_clock(k.s, kiosk_clock);
        char facilitator[64];
        snprintf(facilitator, sizeof facilitator, "%s %s", FIRST[pick(16)], LAST[pick(14)]);
        SAVE(&k, "pin", pin_set(k.s, facilitator, "2580", &k.fac, &k.e));
        k.ncommunities = 1 + (n % 3 == 0);
        for (int c = 0; c < k.ncommunities; c++)
            SAVE(&k, "community", community_add(k.s, PLACES[(n + 17 * c) % 40], k.community[c], &k.e));
        int kind = n % 25, w = 0;
        while (k.records < k.target) {
            /* The clock without power or network: 1970 from the third workshop to the sixth. */
            g_bad = kind == 5 && w >= 2 && w < 6;
            if (kind == 5 && w == 2) g_boot = 3600;
            workshop(&k);
            w++;
            if (kind == 6 && w == 4) {   /* she withdraws her consent */
                for (int i = 0; i < SIGNS; i++)
                    if (k.named[i]) {
                        char id[37];
                        int erased;
                        SAVE(&k, "withdrawal", consent_withdraw(k.s, k.learner[i].id, k.fac.id, id, &erased, &k.e));
                        k.named[i] = 0;
                        break;
                    }
            }
        }
        long long last = store_record_count(k.s);
        if (last < 0) die(&k, "store_record_count");
        store_close(k.s);
        /* Its bundles: per equal ranges of seqs, with the faults of a real network. */
        long long from = 1;
        for (int b = 0; b < per; b++) {
            long long to = b == per - 1 ? last : last * (b + 1) / per;
            if (kind == 1 && b == per / 2) {   /* lost: never written */
                from = to + 1;
                continue;
            }
            files += export(&k, &key, pk, from, to, out_tmp, NULL);
            if (kind == 2 && b == 3) {   /* the same file on a stick and in the folder */
                fmt_path(path, P, "%s/pallay-%s-%lld-%lld.age", out_tmp, key.kiosk_id, from, to);
                char copy[P], sig[P], copysig[P];
                fmt_path(copy, P, "%s/pallay-%s-%lld-%lld-stick.age", out_tmp, key.kiosk_id, from, to);
                fmt_path(sig, P, "%s.minisig", path);
                fmt_path(copysig, P, "%s.minisig", copy);
                file_copy(path, copy);
                file_copy(sig, copysig);
                files++;
            }
            if (kind == 3 && b == 4) files += export(&k, &key, pk, from, to, out_tmp, "-again");   /* exported twice */
            if (kind == 4 && b == 5) files += export(&k, &key, pk, from - (to - from) / 3, to, out_tmp, "-overlap");
            from = to + 1;
        }
        identity_close(&key);
        made += last;
        /* To OUT, without a sync per file (the kiosk synced each one where it wrote it). */
        DIR *d = opendir(out_tmp);
        struct dirent *de;
        while (d && (de = readdir(d))) {
            if (de->d_name[0] == '.') continue;
            char from[P];
            fmt_path(from, P, "%s/%s", out_tmp, de->d_name);
            fmt_path(path, P, "%s/%s", dir, de->d_name);
            file_copy(from, path);
            remove(from);
        }
        if (d) closedir(d);
        fmt_path(path, P, "%s-wal", db);
        remove(path);
        fmt_path(path, P, "%s-shm", db);
        remove(path);
        fmt_path(path, P, "%s.key", db);
        remove(path);
        remove(machine);
        remove(db);
        if ((n + 1) % 10 == 0 || n + 1 == kiosks)
            printf("gen_bundles: %d kiosks, %lld records, %lld bundles, %ld s\n", n + 1, made, files, (long)(time(NULL) - t0));
        fflush(stdout);
    }
    rmdir(out_tmp);
    rmdir(scratch);
    sodium_memzero(sk, sizeof sk);
    sodium_memzero(identity, sizeof identity);
    return 0;
}
