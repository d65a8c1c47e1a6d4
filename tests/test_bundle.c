/* Bundles and kiosk identity: a kiosk database with a record of every kind becomes a bundle
 * that the stock `minisign -V` accepts and `age -d` opens, and `sqlite3` finds in it the same
 * rows, byte for byte, as in the kiosk database (no PINs). A second machine id gives the kiosk
 * a new id and key, and its earlier records keep theirs. */
#include "check.h"
#include "store/people.h"
#include "store/pin.h"
#include "store/records.h"
#include "store/workshops.h"
#include "sync/age.h"
#include "sync/bundle.h"
#include "sync/identity.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/pallay-bundle.XXXXXX";

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    return system(cmd);
}

/* The output of a shell command (at most n-1 bytes). */
static const char *output(char *out, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static const char *output(char *out, size_t n, const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    out[0] = '\0';
    FILE *p = popen(cmd, "r");
    if (!p) return out;
    size_t got = fread(out, 1, n - 1, p);
    out[got] = '\0';
    pclose(p);
    return out;
}

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    expect(f);
    fputs(text, f);
    fclose(f);
}

/* One record of every kind, as the kiosk and the facilitator make them. */
static int fill(Store *s)
{
    Err e;
    Learner a, b;
    Facilitator f;
    char id[37], attempt[37], community[37], workshop[37], delivery[37];
    int listens[3] = { 1, 0, 2 };
    AnswerRecord ans = { 1, 2, 1, 1, listens, 3 };
    Registration yes = { 1, "Q'orianka Ñusta Huamaní", NULL, 1986 }, no = { 0, NULL, NULL, 0 };
    if (pin_set(s, "Rosa Quispe", "2580", &f, &e) < 0 || records_add_learner(s, "llama", "red", &a, &e) < 0 ||
        records_add_learner(s, "sun", "blue", &b, &e) < 0 || records_open_module(s, a.id, "ppe", "v1", id, &e) < 0 ||
        records_complete_module(s, a.id, "ppe", "v1", id, &e) < 0 ||
        records_begin_attempt(s, a.id, "ppe", "v1", 3, 2, attempt, &e) < 0 || records_save_answer(s, attempt, &ans, id, &e) < 0 ||
        records_end_attempt(s, attempt, 1, 3, 0, id, &e) < 0 || community_add(s, "Santa Filomena", community, &e) < 0)
        goto fail;
    yes.community_id = community;
    if (participant_register(s, a.id, &yes, f.id, id, &e) < 0 || participant_register(s, b.id, &no, f.id, id, &e) < 0 ||
        workshop_open(s, community, f.id, 1795000000LL, "ppe,lift", workshop, &e) < 0 || attendance_mark(s, workshop, a.id, id, &e) < 0)
        goto fail;
    Delivery d = { a.id, "gloves", 2, "M", f.id, workshop };
    if (ppe_deliver(s, &d, delivery, &e) < 0 || records_void(s, delivery, "entered twice", id, &e) < 0 ||
        workshop_close(s, workshop, id, &e) < 0)
        goto fail;
    return 0;
fail:
    printf("# filling the database: %s\n", e.msg);
    return -1;
}

static const char *const KINDS[] = { "record", "learner", "module_open", "completion", "attempt", "answer", "attempt_end", "void",
                                     "facilitator", "community", "participant", "workshop", "workshop_close", "attendance",
                                     "ppe_delivery" };

static void test_round_trip(void)
{
    char db[256], machine[256], keys[256], path[512], a[8192], b[8192];
    snprintf(db, sizeof db, "%s/kiosk.db", dir);
    snprintf(machine, sizeof machine, "%s/machine-id", dir);
    snprintf(keys, sizeof keys, "%s/keys", dir);
    put(machine, "0123456789abcdef0123456789abcdef\n");
    Err e;
    Store *s = store_open(db, &e);
    if (!CHECK("the kiosk database opens", s != NULL)) return;
    KioskKey k;
    char old[37];
    CHECK_INT("the first start makes the kiosk key", identity_open(s, db, machine, &k, old, &e), IDENTITY_MADE);
    snprintf(path, sizeof path, "%s.key", db);
    struct stat st;
    CHECK_GOT("the key file is for its owner only (0600)", stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "mode 0600", "mode %o",
              (unsigned)(st.st_mode & 0777));
    CHECK_INT("a record of every kind is saved", fill(s), 0);
    store_close(s);

    unsigned char sk[32], pk[32];
    char idtext[AGE_IDENTITY_LEN + 2];
    age_keygen(sk, pk);
    age_identity_format(sk, idtext);
    strcat(idtext, "\n");
    mkdir(keys, 0700);
    snprintf(path, sizeof path, "%s/network.key", keys);
    put(path, idtext);
    BundleRange range = { 0, 0, "test", NULL, 0 };
    BundleInfo info;
    int rc = bundle_export(db, &k, pk, &range, dir, &info, &e);
    CHECK_GOT("the bundle is written", rc == 0 && info.records > 0, "0 and records", "%d, \"%s\"", rc, e.msg);
    CHECK_INT("it holds all 16 records", info.records, 16);
    CHECK_INT("from seq 1 to 16", info.first * 100 + info.last, 116);

    /* The stock tools: the kiosk's public key, minisign -V, age -d. */
    char pub[MINISIGN_TEXT];
    minisign_public_format(&k.pk, pub, sizeof pub);
    snprintf(path, sizeof path, "%s/kiosk.pub", dir);
    put(path, pub);
    rc = run("minisign -Vm %s -p %s/kiosk.pub -q", info.path, dir);
    CHECK_GOT("minisign -V accepts the bundle", rc == 0, "status 0", "status %d", rc);
    output(a, sizeof a, "minisign -Vm %s -p %s/kiosk.pub -Q", info.path, dir);
    CHECK_GOT("its trusted comment names kiosk, seq range and records", strstr(a, k.kiosk_id) && strstr(a, "seq=1-16 records=16"),
              "kiosk=... seq=1-16 records=16", "\"%s\"", a);
    rc = run("age -d -i %s/network.key -o %s/plain.db %s", keys, dir, info.path);
    CHECK_GOT("age -d opens it", rc == 0, "status 0", "status %d", rc);
    for (size_t i = 0; i < sizeof KINDS / sizeof *KINDS; i++) {
        output(a, sizeof a, "sqlite3 -batch %s 'SELECT * FROM \"%s\" ORDER BY id' 2>&1", db, KINDS[i]);
        output(b, sizeof b, "sqlite3 -batch %s/plain.db 'SELECT * FROM \"%s\" ORDER BY id' 2>&1", dir, KINDS[i]);
        CHECK_GOT(check_name("sqlite3 finds the same %s rows in the bundle", KINDS[i]), a[0] && strcmp(a, b) == 0, a, "\"%s\"", b);
    }
    output(a, sizeof a, "sqlite3 -batch %s/plain.db \"SELECT count(*) FROM sqlite_master WHERE name LIKE 'pin%%'\"", dir);
    CHECK_STR("no PIN table leaves the kiosk", a, "0\n");
    output(a, sizeof a, "sqlite3 -batch %s/plain.db \"SELECT value FROM header WHERE key IN ('kiosk_id', 'records', 'records.answer') ORDER BY key\"",
           dir);
    char want[128];
    snprintf(want, sizeof want, "%s\n16\n1\n", k.kiosk_id);
    CHECK_STR("the header names the kiosk and counts the records", a, want);
    /* Nothing in clear beside the bundle: no temporary file, no plain database. */
    output(a, sizeof a, "ls %s | grep -v -e '^keys$' -e '^kiosk.db' -e '^machine-id$' -e '^kiosk.pub$' -e '^plain.db$' | sort", dir);
    snprintf(want, sizeof want, "%s\n%s.minisig\n", strrchr(info.path, '/') + 1, strrchr(info.path, '/') + 1);
    CHECK_STR("the folder holds the bundle and its signature only", a, want);
    identity_close(&k);

    /* The same card on another machine: a new kiosk id and key; old records keep theirs. */
    s = store_open(db, &e);
    char first_id[37];
    snprintf(first_id, sizeof first_id, "%s", store_kiosk_id(s));
    CHECK_INT("the same machine loads the same key", identity_open(s, db, machine, &k, old, &e), IDENTITY_LOADED);
    put(machine, "fedcba9876543210fedcba9876543210\n");
    CHECK_INT("another machine id: the kiosk moves", identity_open(s, db, machine, &k, old, &e), IDENTITY_MOVED);
    CHECK_STR("it names the id it had", old, first_id);
    CHECK("and has a new one", strcmp(store_kiosk_id(s), first_id) != 0 && strcmp(k.kiosk_id, store_kiosk_id(s)) == 0);
    Learner c;
    records_add_learner(s, "moon", "green", &c, &e);
    store_close(s);
    output(a, sizeof a, "sqlite3 -batch %s \"SELECT kiosk_id = '%s', min(seq), max(seq), count(*) FROM record GROUP BY kiosk_id ORDER BY 1 DESC\"",
           db, first_id);
    CHECK_STR("old records keep their kiosk id; new ones start at seq 1 under the new one", a, "1|1|16|16\n0|1|1|1\n");
    s = store_open(db, &e);
    CHECK_STR("the new id holds after a restart", store_kiosk_id(s), k.kiosk_id);
    CHECK_INT("and so does its key", identity_open(s, db, machine, &k, old, &e), IDENTITY_LOADED);
    store_close(s);
    rc = bundle_export(db, &k, pk, &range, dir, &info, &e);
    CHECK_GOT("its bundle holds its own record only", rc == 0 && info.records == 1, "1 record", "%lld, \"%s\"", info.records, e.msg);
    identity_close(&k);
}

int main(void)
{
    if (!mkdtemp(dir)) return 2;
    test_round_trip();
    run("rm -rf %s", dir);
    return check_done();
}
