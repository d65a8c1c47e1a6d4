/* bench_sync: what records leaving the kiosk cost, for make bench.
 *   age encryption and decryption throughput (64 MiB through a file in the page cache)
 *   bundle export of 100,000 records (build in memory, encrypt, write, sync, read back, sign)
 *   and the bundle's size per 1,000 records
 * usage: bench_sync DIR   (a scratch folder; the database and bundle are made there)
 * BENCH_CPU=1 gives the process's CPU time instead of the wall clock, for a machine that is busy. */
#include "bench_records.h"
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
    if (!s || identity_open(s, db, machine, &k, old, &e) < 0 || bench_fill_records(db, store_kiosk_id(s), RECORDS) < 0) {
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
