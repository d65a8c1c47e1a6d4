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

int cmd_kiosk_key(int argc, char **argv)
{
    const char *db;
    if (cli_db_args(argc, argv, &db, NULL) < 0) return 2;
    Store *s = cli_open_db(db);
    if (!s) return 1;
    KioskKey k;
    int rc = kiosk_identity(s, db, &k);
    store_close(s);
    if (rc < 0) return 1;
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

/* Finds "name=" in a trusted comment and copies its value (up to a space) into out. */
static int comment_field(const char *comment, const char *name, char *out, size_t n)
{
    size_t len = strlen(name);
    for (const char *p = comment; (p = strstr(p, name)); p += len) {
        if ((p != comment && p[-1] != ' ') || p[len] != '=') continue;
        snprintf(out, n, "%.*s", (int)strcspn(p + len + 1, " "), p + len + 1);
        return 0;
    }
    return -1;
}

/* Checks FILE against FILE.minisig: 0 with its hash and trusted comment, or -1 after one line
 * "FILE: reason" on stderr. */
static int verify_signature(const char *file, const char *keyfile, unsigned char hash[64], char *trusted, size_t n,
                            MinisignPublic *used)
{
    char sigpath[PALLAY_PATH_LEN], value[128];
    Err e;
    MinisignPublic pk;
    text_fmt(sigpath, sizeof sigpath, "%s.minisig", file);
    size_t siglen = 0;
    char *sig = text_read_file(sigpath, &siglen);
    if (!sig) {
        fprintf(stderr, "%s: bad signature: %s cannot be read\n", file, sigpath);
        return -1;
    }
    int rc = -1;
    /* A NUL byte would end the text early and hide whatever follows it. */
    if (strlen(sig) != siglen) {
        err_set(&e, "bad signature: %s is not text", sigpath);
        goto say;
    }
    char untrusted[MINISIGN_COMMENT];
    if (minisign_verify(NULL, sig, hash, trusted, n, untrusted, &e) < 0) goto say;
    /* The kiosk's key: given (pinned), or the one the signature names, checked below. */
    if (keyfile) {
        char *text = text_read_file(keyfile, NULL);
        int ok = text && minisign_public_parse(text, &pk, &e) == 0;
        free(text);
        if (!ok) {
            fprintf(stderr, "%s: %s\n", keyfile, text ? e.msg : "cannot be read");
            goto done;
        }
    } else if (comment_field(trusted, "key", value, sizeof value) < 0 || minisign_public_parse(value, &pk, &e) < 0) {
        err_set(&e, "bad signature: the signature names no kiosk key; give --key KIOSK.pub");
        goto say;
    }
    FILE *f = fopen(file, "rb");
    if (!f || minisign_hash_file(f, hash, &e) < 0) {
        fprintf(stderr, "%s: cannot read\n", file);
        if (f) fclose(f);
        goto done;
    }
    long size = ftell(f);
    fclose(f);
    rc = minisign_verify(&pk, sig, hash, trusted, n, NULL, &e);
    *used = pk;
    if (rc == -2 && comment_field(trusted, "size", value, sizeof value) == 0 && atol(value) > size)
        err_set(&e, "truncated: %ld of the %s bytes signed", size, value);
    if (rc == 0 && bundle_check_comments(trusted, untrusted, &e) < 0) rc = -1;
    if (rc == 0) goto done;
    rc = -1;
say:
    fprintf(stderr, "%s: %s\n", file, e.msg);
done:
    free(sig);
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
    FILE *f = fopen(file, "rb");
    if (!f) {
        fprintf(stderr, "%s: cannot read: %s\n", file, strerror(errno));
        return 1;
    }
    char first[32] = "";
    size_t got = fread(first, 1, 22, f);
    fclose(f);
    if (got < 22 || memcmp(first, "age-encryption.org/v1\n", 22) != 0) {
        fprintf(stderr, "%s: unknown format: not an age file\n", file);
        return 1;
    }
    unsigned char hash[64];
    char trusted[MINISIGN_COMMENT], receipt[RECEIPT_LEN + 1], pkline[MINISIGN_PUBLIC_B64 + 1];
    MinisignPublic pk;
    if (verify_signature(file, keyfile, hash, trusted, sizeof trusted, &pk) < 0) return 1;
    minisign_public_base64(&pk, pkline);
    receipt_code(hash, receipt);
    printf("signature OK\ntrusted comment: %s\nreceipt %s\n", trusted, receipt);
    if (!idfile) return 0;
    unsigned char sk[AGE_KEY_BYTES], *plain = NULL, digest[32];
    size_t n = 0;
    Err e;
    if (age_identity_load(idfile, sk, &e) < 0) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    f = fopen(file, "rb");
    int rc = f ? age_decrypt(f, sk, &plain, &n, &e) : err_set(&e, "cannot read");
    if (f) fclose(f);
    sodium_memzero(sk, sizeof sk);
    if (rc < 0) {
        fprintf(stderr, "%s: %s\n", file, e.msg);
        return 1;
    }
    char hex[65];
    crypto_hash_sha256(digest, plain, n);
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    printf("decrypted %zu bytes, sha256 %s\n", n, hex);
    rc = bundle_describe(plain, n, pkline, stdout, &e);
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
    Store *s = cli_open_db(db);
    if (!s) return 1;
    KioskKey k;
    int rc = kiosk_identity(s, db, &k);
    store_close(s);
    if (rc < 0) return 1;
    /* The same courier as the kiosk's stick: pending records (--all: every one), one bundle per
     * kiosk id, each read back and verified before its handover is recorded. */
    char where[PALLAY_NAME_LEN];
    text_fmt(where, sizeof where, "folder %.*s", (int)sizeof where - 8, dir);
    CourierJob job = { db, &k, recipient, "", where, all };
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
