/* bench_sync: what records leaving the kiosk cost, for make bench.
 *   age encryption and decryption throughput (64 MiB through a file in the page cache)
 *   bundle export of 100,000 records (build in memory, encrypt, write, sync, read back, sign)
 *   and the bundle's size per 1,000 records
 * usage: bench_sync DIR   (a scratch folder; the database and bundle are made there)
 * BENCH_CPU=1 gives the process's CPU time instead of the wall clock, for a machine that is busy. */
#include "store/store.h"
#include "sync/age.h"
#include "sync/bundle.h"
#include "sync/identity.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RECORDS 100000

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(getenv("BENCH_CPU") ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* 100,000 records in the kiosk's schema, in one transaction (the kiosk saves them one by one;
 * only the export is measured here): per learner, a module opened and completed, a quiz with
 * three answers and its end: eight records each, 12,500 learners. */
static int fill(const char *path, const char *kiosk)
{
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK) return -1;
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    sqlite3_stmt *rec, *kind[6];
    sqlite3_prepare_v2(db, "INSERT INTO record (id, kiosk_id, seq, kind, created_at, clock_ok) VALUES (?, ?, ?, ?, ?, 1)", -1, &rec, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO learner (id, symbol, colour) VALUES (?, 'llama', 'red')", -1, &kind[0], NULL);
    sqlite3_prepare_v2(db, "INSERT INTO module_open (id, learner_id, module, version) VALUES (?, ?, 'ppe', 'v1')", -1, &kind[1], NULL);
    sqlite3_prepare_v2(db, "INSERT INTO completion (id, learner_id, module, version) VALUES (?, ?, 'ppe', 'v1')", -1, &kind[2], NULL);
    sqlite3_prepare_v2(db, "INSERT INTO attempt (id, learner_id, module, version, questions, pass_mark) VALUES (?, ?, 'ppe', 'v1', 4, 3)",
                       -1, &kind[3], NULL);
    sqlite3_prepare_v2(db, "INSERT INTO answer (id, attempt_id, question, choice, correct, question_listens, answer_listens)"
                       " VALUES (?, ?, 1, 2, 1, 0, '0,1,0')", -1, &kind[4], NULL);
    sqlite3_prepare_v2(db, "INSERT INTO attempt_end (id, attempt_id, score, total, passed) VALUES (?, ?, 3, 4, 1)", -1, &kind[5], NULL);
    static const char *const KINDS[6] = { "learner", "module_open", "completion", "attempt", "answer", "attempt_end" };
    static const int PLAN[8] = { 0, 1, 2, 3, 4, 4, 4, 5 };
    long long seq = 0;
    char learner[37] = "", attempt[37] = "", id[37];
    int ok = 1;
    while (ok && seq < RECORDS) {
        for (int i = 0; i < 8 && ok; i++) {
            int k = PLAN[i];
            store_uuid(id);
            sqlite3_reset(rec);
            sqlite3_bind_text(rec, 1, id, -1, SQLITE_STATIC);
            sqlite3_bind_text(rec, 2, kiosk, -1, SQLITE_STATIC);
            sqlite3_bind_int64(rec, 3, ++seq);
            sqlite3_bind_text(rec, 4, KINDS[k], -1, SQLITE_STATIC);
            sqlite3_bind_int64(rec, 5, 1795000000LL + seq);
            ok = sqlite3_step(rec) == SQLITE_DONE;
            sqlite3_reset(kind[k]);
            sqlite3_bind_text(kind[k], 1, id, -1, SQLITE_STATIC);
            if (k >= 1) sqlite3_bind_text(kind[k], 2, k >= 4 ? attempt : learner, -1, SQLITE_STATIC);
            ok = ok && sqlite3_step(kind[k]) == SQLITE_DONE;
            if (k == 0) memcpy(learner, id, 37);
            if (k == 3) memcpy(attempt, id, 37);
        }
    }
    sqlite3_finalize(rec);
    for (int i = 0; i < 6; i++) sqlite3_finalize(kind[i]);
    ok = ok && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
    if (!ok) fprintf(stderr, "bench_sync: %s\n", sqlite3_errmsg(db));
    sqlite3_close(db);
    return ok ? 0 : -1;
}

/* Encrypts 64 MiB to a file in dir (in the page cache: the figure is the format's cost, not
 * the disk's), then decrypts it back. */
static void throughput(const char *dir)
{
    size_t n = 64u << 20;
    unsigned char *data = malloc(n), sk[32], pk[32], *back = NULL;
    size_t backn = 0;
    char path[512];
    snprintf(path, sizeof path, "%s/throughput.age", dir);
    randombytes_buf(data, n);
    age_keygen(sk, pk);
    FILE *f = fopen(path, "wb");
    Err e = { "" };
    double t0 = now_s();
    int rc = f ? age_encrypt(f, pk, data, n, &e) : -1;
    if (f) fclose(f);
    double enc = now_s() - t0;
    f = fopen(path, "rb");
    t0 = now_s();
    rc |= f ? age_decrypt(f, sk, &back, &backn, &e) : -1;
    double dec = now_s() - t0;
    if (f) fclose(f);
    remove(path);
    if (rc || backn != n || memcmp(back, data, n)) printf("age: FAILED (%s)\n", e.msg);
    else printf("age encryption:     %.0f MB/s, decryption %.0f MB/s (64 MiB, file in the page cache)\n", n / enc / 1e6, n / dec / 1e6);
    free(data);
    free(back);
}

int main(int argc, char **argv)
{
    if (argc != 2 || sodium_init() < 0) return 2;
    throughput(argv[1]);
    char db[512], machine[512];
    snprintf(db, sizeof db, "%s/bundle.db", argv[1]);
    snprintf(machine, sizeof machine, "%s/machine-id", argv[1]);
    Err e = { "" };
    Store *s = store_open(db, &e);
    KioskKey k;
    char old[37];
    if (!s || identity_open(s, db, machine, &k, old, &e) < 0 || fill(db, store_kiosk_id(s)) < 0) {
        printf("bundle export: FAILED (%s)\n", e.msg);
        return 1;
    }
    store_close(s);
    unsigned char sk[32], pk[32];
    age_keygen(sk, pk);
    BundleRange range = { 0, 0, "bench", NULL, 0 };
    BundleInfo info;
    size_t n;
    double t0 = now_s();
    unsigned char *plain = bundle_build(db, &k, &range, &n, &info, &e);
    double tb = now_s() - t0;
    bundle_free_plain(plain, n);
    t0 = now_s();
    int rc = bundle_export(db, &k, pk, &range, argv[1], &info, &e);
    double t = now_s() - t0;
    if (rc < 0 || info.records != RECORDS) {
        printf("bundle export: FAILED (%s, %lld records)\n", e.msg, info.records);
        return 1;
    }
    printf("bundle export:      %.0f ms for %d records (target < 1000 ms) %s; building the plain bundle alone: %.0f ms\n", t * 1000,
           RECORDS, t < 1 ? "ok" : "OVER TARGET", tb * 1000);
    printf("bundle size:        %.1f KB per 1,000 records (%.1f MB for %d)\n", info.size / 1024.0 / (RECORDS / 1000), info.size / 1e6,
           RECORDS);
    identity_close(&k);
    return 0;
}
