/* bench_fill: a kiosk database with N records pending, for the network figures of make bench
 * (tests/bench_net.sh). The kiosk's identity is made as the kiosk makes it (the same machine-id
 * file then opens it); the records are those of bench_records.h, as bench_sync's.
 * usage: bench_fill DB MACHINE_ID N */
#include "bench_records.h"
#include "sync/identity.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 4 || sodium_init() < 0 || atoll(argv[3]) <= 0) {
        fprintf(stderr, "usage: bench_fill DB MACHINE_ID N\n");
        return 2;
    }
    Err e = { "" };
    Store *s = store_open(argv[1], &e);
    KioskKey k;
    char old[37];
    if (!s || identity_open(s, argv[1], argv[2], &k, old, &e) < 0) {
        fprintf(stderr, "bench_fill: %s\n", e.msg);
        return 1;
    }
    char kiosk[64];
    snprintf(kiosk, sizeof kiosk, "%s", store_kiosk_id(s));
    store_close(s);
    identity_close(&k);
    if (bench_fill_records(argv[1], kiosk, atoll(argv[3])) < 0) return 1;
    printf("%s: %lld records pending\n", argv[1], atoll(argv[3]));
    return 0;
}
