/* sync: the keys and bundles of records leaving a kiosk, from a terminal.
 *   pallayctl keygen --out DIR           the network's keys: network.key/.pub (age), content.key/.pub (minisign)
 *   pallayctl kiosk-key [DB]             the kiosk's public key, as a minisign public-key file
 *   pallayctl export [DB] --out DIR [--recipient age1...] [--all]   signed, encrypted bundles of the records
 *                                        waiting to leave (--all: of every record), recorded as handed over
 *   pallayctl verify FILE [--identity network.key] [--key kiosk.pub]
 * The machine is named by PALLAY_MACHINE_ID (a file), else machine_id in ./pallay.conf. */
#include "../base/report.h"
#include "../base/settings.h"
#include "../base/text.h"
#include "../sync/age.h"
#include "../sync/bundle.h"
#include "../sync/courier.h"
#include "../sync/envelope.h"
#include "../sync/identity.h"
#include "../sync/minisign.h"
#include "../sync/receipt.h"
#include "cli.h"

#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* Settings as the kiosk in this folder has them: defaults, then ./pallay.conf, then the
 * environment's PALLAY_MACHINE_ID. A bad line in pallay.conf is said on stderr and keeps its
 * default, as on the kiosk; -1 where the kiosk would not start either. */
static int load_settings(Settings *set)
{
    settings_defaults(set);
    Report r = report_stderr();
    if (settings_load_file(set, "pallay.conf", &r) < 0) {
        fprintf(stderr, "pallayctl: pallay.conf: a setting above has no safe default\n");
        return -1;
    }
    const char *m = getenv("PALLAY_MACHINE_ID");
    if (m && *m) text_copy(set->machine_id, sizeof set->machine_id, m);
    return 0;
}

static int kiosk_identity(Store *s, const char *db, KioskKey *k)
{
    Settings set;
    Err e;
    char old[37];
    if (load_settings(&set) < 0) return -1;
    int r = identity_open(s, db, set.machine_id, k, old, &e);
    if (r < 0) {
        fprintf(stderr, "pallayctl: %s\n", e.msg);
        return -1;
    }
    char id[17];
    minisign_id_text(k->pk.id, id);
    if (r == IDENTITY_MADE) fprintf(stderr, "pallayctl: made the key of kiosk %s (key %s) beside %s\n", k->kiosk_id, id, db);
    if (r == IDENTITY_MOVED)
        fprintf(stderr, "pallayctl: this kiosk's key was made on another machine (or could not be read): it is now kiosk %s "
                "(key %s); its earlier records keep kiosk %s\n", k->kiosk_id, id, old);
    return 0;
}

/* Opens the database at db just long enough to load (or make) its kiosk key. -1 after saying why. */
static int load_kiosk_key(const char *db, KioskKey *k)
{
    Store *s = cli_open_db(db);
    if (!s) return -1;
    int rc = kiosk_identity(s, db, k);
    store_close(s);
    return rc;
}

int cmd_kiosk_key(int argc, char **argv)
{
    const char *db;
    if (cli_db_args(argc, argv, &db, NULL) < 0) return 2;
    KioskKey k;
    if (load_kiosk_key(db, &k) < 0) return 1;
    char text[MINISIGN_TEXT];
    minisign_public_format(&k.pk, text, sizeof text);
    identity_close(&k);
    fputs(text, stdout);
    return 0;
}

int cmd_keygen(int argc, char **argv)
{
    const char *dir = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) dir = argv[++i];
        else { fprintf(stderr, "pallayctl: keygen --out DIR\n"); return 2; }
    }
    if (!dir) { fprintf(stderr, "pallayctl: keygen --out DIR\n"); return 2; }
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        fprintf(stderr, "pallayctl: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    char paths[4][PALLAY_PATH_LEN];
    static const char *const NAMES[4] = { "network.key", "network.pub", "content.key", "content.pub" };
    for (int i = 0; i < 4; i++) {
        text_fmt(paths[i], PALLAY_PATH_LEN, "%s/%s", dir, NAMES[i]);
        /* A network key written over is every bundle on every stick lost: never replace one. */
        if (text_file_exists(paths[i])) {
            fprintf(stderr, "pallayctl: %s: already there; keys are never replaced\n", paths[i]);
            return 1;
        }
    }
    unsigned char sk[AGE_KEY_BYTES], pk[AGE_KEY_BYTES];
    char identity[AGE_IDENTITY_LEN + 1], recipient[AGE_RECIPIENT_LEN + 1], text[MINISIGN_TEXT], when[32];
    MinisignSecret msk;
    MinisignPublic mpk;
    Err e;
    int rc = 1;
    time_t now = time(NULL);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    age_keygen(sk, pk);
    age_identity_format(sk, identity);
    age_recipient_format(pk, recipient);
    minisign_keygen(&msk, &mpk);
    /* network.key is laid out as age-keygen writes it, so `age -d -i network.key` reads it. */
    text_fmt(text, sizeof text, "# created: %s\n# public key: %s\n%s\n", when, recipient, identity);
    if (identity_write_file(paths[0], text, 0600, 0, &e) < 0) goto fail;
    text_fmt(text, sizeof text, "%s\n", recipient);
    if (identity_write_file(paths[1], text, 0644, 0, &e) < 0) goto fail;
    minisign_secret_format(&msk, "pallay network content key (unencrypted: keep it offline)", text, sizeof text);
    if (identity_write_file(paths[2], text, 0600, 0, &e) < 0) goto fail;
    minisign_public_format(&mpk, text, sizeof text);
    if (identity_write_file(paths[3], text, 0644, 0, &e) < 0) goto fail;
    char b64[MINISIGN_PUBLIC_B64 + 1];
    minisign_public_base64(&mpk, b64);
    printf("made %s, %s, %s, %s\n", paths[0], paths[1], paths[2], paths[3]);
    printf("Keep network.key and content.key secret and backed up. For each kiosk's pallay.conf:\n"
           "network_recipient = %s\ncontent_key = %s\n", recipient, b64);
    rc = 0;
fail:
    if (rc) fprintf(stderr, "pallayctl: %s\n", e.msg);
    sodium_memzero(sk, sizeof sk);
    sodium_memzero(identity, sizeof identity);
    sodium_memzero(text, sizeof text);
    sodium_memzero(&msk, sizeof msk);
    return rc;
}

int cmd_verify(int argc, char **argv)
{
    const char *file = NULL, *idfile = NULL, *keyfile = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--identity") == 0 && i + 1 < argc) idfile = argv[++i];
        else if (strcmp(argv[i], "--key") == 0 && i + 1 < argc) keyfile = argv[++i];
        else if (argv[i][0] != '-' && !file) file = argv[i];
        else { fprintf(stderr, "pallayctl: verify FILE [--identity network.key] [--key kiosk.pub]\n"); return 2; }
    }
    if (!file) { fprintf(stderr, "pallayctl: verify FILE [--identity network.key] [--key kiosk.pub]\n"); return 2; }
    Envelope env;
    char receipt[RECEIPT_LEN + 1];
    Err e;
    if (envelope_verify(file, keyfile, &env, &e) < 0) {
        fprintf(stderr, "%s: %s\n", file, e.msg);
        return 1;
    }
    receipt_code(env.hash, receipt);
    printf("signature OK\ntrusted comment: %s\nreceipt %s\n", env.trusted, receipt);
    if (!idfile) return 0;
    unsigned char sk[AGE_KEY_BYTES], *plain = NULL, digest[32];
    size_t n = 0;
    if (age_identity_load(idfile, sk, &e) < 0) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    int rc = envelope_open(file, sk, &plain, &n, &e);
    sodium_memzero(sk, sizeof sk);
    if (rc < 0) {
        fprintf(stderr, "%s: %s\n", file, e.msg);
        return 1;
    }
    char hex[65];
    crypto_hash_sha256(digest, plain, n);
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    printf("decrypted %zu bytes, sha256 %s\n", n, hex);
    rc = bundle_describe(plain, n, env.key_b64, stdout, &e);
    sodium_memzero(plain, n);
    free(plain);
    if (rc < 0) {
        fprintf(stderr, "%s: %s\n", file, e.msg);
        return 1;
    }
    return 0;
}

int cmd_export(int argc, char **argv)
{
    const char *db = PALLAY_DEFAULT_DB, *dir = NULL, *recipient_text = NULL;
    int all = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) dir = argv[++i];
        else if (strcmp(argv[i], "--recipient") == 0 && i + 1 < argc) recipient_text = argv[++i];
        else if (strcmp(argv[i], "--all") == 0) all = 1;
        else if (argv[i][0] != '-') db = argv[i];
        else { fprintf(stderr, "pallayctl: export [DB] --out DIR [--recipient age1...] [--all]\n"); return 2; }
    }
    if (!dir) { fprintf(stderr, "pallayctl: export [DB] --out DIR [--recipient age1...] [--all]\n"); return 2; }
    Settings set;
    if (load_settings(&set) < 0) return 1;
    if (!recipient_text && set.network_recipient[0]) recipient_text = set.network_recipient;
    if (!recipient_text) {
        fprintf(stderr, "pallayctl: no network recipient: give --recipient age1... or set network_recipient in pallay.conf; "
                "nothing was written\n");
        return 1;
    }
    unsigned char recipient[AGE_KEY_BYTES];
    Err e;
    if (age_recipient_parse(recipient_text, recipient, &e) < 0) {
        fprintf(stderr, "pallayctl: %s: %s\n", recipient_text, e.msg);
        return 1;
    }
    KioskKey k;
    if (load_kiosk_key(db, &k) < 0) return 1;
    /* The same courier as the kiosk's stick: pending records (--all: every one), one bundle per
     * kiosk id, each read back and verified before its handover is recorded. */
    char where[PALLAY_NAME_LEN];
    text_fmt(where, sizeof where, "folder %.*s", (int)sizeof where - 8, dir);
    CourierJob job = { db, &k, recipient, "", where, all, 0 };
    CourierResult res;
    CourierOutcome o = courier_send(&job, dir, &res);
    identity_close(&k);
    if (o == COURIER_NOTHING) {
        fprintf(stderr, "pallayctl: %s: no records waiting to be sent (--all sends every one); nothing was written\n", db);
        return 0;
    }
    if (o != COURIER_SENT) {
        fprintf(stderr, "pallayctl: %s (%s); nothing more was marked as sent\n", res.e.msg, courier_outcome_name(o));
        return 1;
    }
    printf("%s\n", res.path);
    fprintf(stderr, "pallayctl: %lld records in %d bundle%s, receipt %s\n", res.records, res.bundles, res.bundles == 1 ? "" : "s",
            res.receipt);
    return 0;
}
