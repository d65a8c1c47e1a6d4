/* certificate: course certificates, made and checked by the coordinator.
 *   pallayctl certificate DB --sign SYMBOL/COLOUR | --learner ID --key content.key --out FILE.pdf [--content DIR]
 *                            [--config pallay.conf] [--network NAME]
 *   pallayctl certificate DB --all --key content.key --out DIR [...]
 *   pallayctl verify-certificate CODE --db DB --key content.pub
 * DB is a kiosk's database or the network's. She has earned it when every module of the course
 * (under --content) has a passing quiz of hers that was not voided. The network's name comes
 * from --network, else from network_name in the settings file. */
#include "../base/settings.h"
#include "../base/text.h"
#include "../net/certificate.h"
#include "certpdf.h"
#include "cli.h"

#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define USAGE "pallayctl certificate DB --sign SYMBOL/COLOUR | --learner ID | --all --key content.key --out FILE.pdf|DIR\n" \
              "                 [--content DIR] [--config pallay.conf] [--network NAME]\n"

/* What every certificate of one run shares. */
typedef struct {
    sqlite3 *db;
    Catalog *cat;
    int es;                 /* the catalog's Spanish */
    MinisignSecret sk;
    CertPdf *pdf;
    const char *network;
    char logo[PALLAY_PATH_LEN];
} Run;

static const char *spanish(const Run *r, const char *key)
{
    const char *t = r->es >= 0 ? catalog_text(r->cat, r->es, key) : NULL;
    return t ? t : key;
}

/* The certificate of one learner: the course's modules with their titles, filled from the records.
 * Returns how many modules she lacks (listed in lacks), -1 (with e) on error. */
static int gather(Run *r, const char *learner_id, Certificate *c, char *lacks, size_t n, Err *e)
{
    memset(c, 0, sizeof *c);
    text_copy(c->learner_id, sizeof c->learner_id, learner_id);
    text_copy(c->network, sizeof c->network, r->network);
    c->nmodules = catalog_module_count(r->cat);
    for (int i = 0; i < c->nmodules; i++) {
        const Module *m = catalog_module(r->cat, i);
        text_copy(c->modules[i].id, sizeof c->modules[i].id, m->id);
        text_copy(c->modules[i].title, sizeof c->modules[i].title, spanish(r, m->title));
    }
    int lacking = certificate_gather(r->db, c, e);
    lacks[0] = '\0';
    for (int i = 0; lacking > 0 && i < c->nmodules; i++) {
        if (c->modules[i].date[0]) continue;
        size_t len = strlen(lacks);
        text_fmt(lacks + len, n - len, "%s%s (%s)", len ? ", " : "", c->modules[i].title, c->modules[i].id);
    }
    return lacking;
}

/* Signs, keeps and draws c at path; her sign's picture and Spanish name come from the course. */
static int issue(Run *r, Certificate *c, const char *symbol, const char *colour, const char *path, Err *e)
{
    const Signs *sg = catalog_signs(r->cat);
    int si = signs_symbol(sg, symbol), ci = signs_colour(sg, colour);
    char svg[PALLAY_PATH_LEN] = "";
    CertArt art = { svg, 0x80, 0x80, 0x80, r->logo };
    if (si >= 0) text_fmt(svg, sizeof svg, "%s/pictures/%s.svg", catalog_paths(r->cat)->assets, sg->symbols[si].picture);
    if (ci >= 0) {
        art.r = sg->colours[ci].r;
        art.g = sg->colours[ci].g;
        art.b = sg->colours[ci].b;
    }
    text_fmt(c->sign, sizeof c->sign, "%s, %s", si >= 0 ? spanish(r, sg->symbols[si].key) : symbol,
             ci >= 0 ? spanish(r, sg->colours[ci].key) : colour);
    if (certificate_issue(r->db, c, &r->sk, e) < 0) return -1;
    return certpdf_write(r->pdf, path, c, &art, e);
}

/* A file name for her certificate from her sign, never her name; the learner id is added where
 * the database has more than one woman with that sign (a network's kiosks reuse the signs). */
static void file_name(Run *r, const char *dir, const char *id, const char *symbol, const char *colour, char *out, size_t n)
{
    char ids[2][PALLAY_NAME_LEN];
    Err e;
    if (certificate_learners(r->db, symbol, colour, ids, 2, &e) > 1) text_fmt(out, n, "%s/%s-%s-%.8s.pdf", dir, symbol, colour, id);
    else text_fmt(out, n, "%s/%s-%s.pdf", dir, symbol, colour);
}

static int one(Run *r, const char *id, const char *out)
{
    Certificate c;
    char lacks[PALLAY_ERR_LEN * 4], symbol[PALLAY_NAME_LEN], colour[PALLAY_NAME_LEN], code[CERT_CODE_LEN + 3];
    Err e;
    if (certificate_sign_of(r->db, id, symbol, colour, &e) < 0) goto fail;
    int lacking = gather(r, id, &c, lacks, sizeof lacks, &e);
    if (lacking < 0) goto fail;
    if (lacking > 0) {
        printf("%s/%s has not earned the certificate yet: still lacks %s\n", symbol, colour, lacks);
        return 1;
    }
    if (issue(r, &c, symbol, colour, out, &e) < 0) goto fail;
    certificate_code_print(c.code, code);
    printf("%s: certificate of %s/%s, code %s\n", out, symbol, colour, code);
    return 0;
fail:
    fprintf(stderr, "pallayctl: %s\n", e.msg);
    return 1;
}

static int all(Run *r, const char *dir)
{
    Err e;
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        fprintf(stderr, "pallayctl: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    int n = certificate_learners(r->db, NULL, NULL, NULL, 0, &e), made = 0, rc = 0;
    char (*ids)[PALLAY_NAME_LEN] = n > 0 ? xcalloc(n, sizeof *ids) : NULL;
    if (n > 0 && certificate_learners(r->db, NULL, NULL, ids, n, &e) != n) n = err_set(&e, "the learners changed while being read");
    if (n < 0) {
        fprintf(stderr, "pallayctl: %s\n", e.msg);
        free(ids);
        return 1;
    }
    for (int i = 0; i < n && rc == 0; i++) {
        Certificate c;
        char lacks[PALLAY_ERR_LEN * 4], symbol[PALLAY_NAME_LEN], colour[PALLAY_NAME_LEN], path[PALLAY_PATH_LEN], code[CERT_CODE_LEN + 3];
        int lacking = certificate_sign_of(r->db, ids[i], symbol, colour, &e) < 0 ? -1 : gather(r, ids[i], &c, lacks, sizeof lacks, &e);
        if (lacking > 0) continue;
        file_name(r, dir, ids[i], symbol, colour, path, sizeof path);
        if (lacking < 0 || issue(r, &c, symbol, colour, path, &e) < 0) {
            fprintf(stderr, "pallayctl: %s\n", e.msg);
            rc = 1;
            break;
        }
        certificate_code_print(c.code, code);
        printf("%s: certificate of %s/%s, code %s\n", path, symbol, colour, code);
        made++;
    }
    printf("%d certificate%s made, of %d women\n", made, made == 1 ? "" : "s", n);
    free(ids);
    return rc;
}

/* Reads the secret key file into sk. -1 after one line on stderr. */
static int secret_key(const char *path, MinisignSecret *sk)
{
    Err e;
    char *text = text_read_file(path, NULL);
    if (!text) {
        fprintf(stderr, "pallayctl: %s: cannot be read\n", path);
        return -1;
    }
    int rc = minisign_secret_parse(text, sk, &e);
    sodium_memzero(text, strlen(text));
    free(text);
    if (rc < 0) fprintf(stderr, "pallayctl: %s: %s\n", path, e.msg);
    return rc;
}

int cmd_certificate(int argc, char **argv)
{
    const char *dbpath = NULL, *sign = NULL, *learner = NULL, *key = NULL, *out = NULL, *content = ".", *network = NULL;
    int every = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--sign") == 0 && i + 1 < argc) sign = argv[++i];
        else if (strcmp(argv[i], "--learner") == 0 && i + 1 < argc) learner = argv[++i];
        else if (strcmp(argv[i], "--all") == 0) every = 1;
        else if (strcmp(argv[i], "--key") == 0 && i + 1 < argc) key = argv[++i];
        else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) out = argv[++i];
        else if (strcmp(argv[i], "--content") == 0 && i + 1 < argc) content = argv[++i];
        else if (strcmp(argv[i], "--network") == 0 && i + 1 < argc) network = argv[++i];
        else if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) i++;   /* read by settings_config_path */
        else if (argv[i][0] == '-') { fputs("usage: " USAGE, stderr); return 2; }
        else if (dbpath) return cli_extra(argv[i]);
        else dbpath = argv[i];
    }
    if (!dbpath || !key || !out || (!!sign + !!learner + every) != 1) { fputs("usage: " USAGE, stderr); return 2; }
    char symbol[PALLAY_NAME_LEN] = "", *slash = sign ? strchr(sign, '/') : NULL;
    if (sign && (!slash || text_fmt(symbol, sizeof symbol, "%.*s", (int)(slash - sign), sign) < 0)) {
        fprintf(stderr, "pallayctl: --sign %s: give it as SYMBOL/COLOUR, e.g. llama/red\n", sign);
        return 2;
    }
    Settings set;
    settings_defaults(&set);
    Report rep = report_stderr();
    settings_load_file(&set, settings_config_path(argc, argv), &rep);

    Run r = { .network = network ? network : set.network_name };
    char buf[4][PALLAY_PATH_LEN], id[1][PALLAY_NAME_LEN];
    CatalogPaths paths;
    Err e;
    int rc = 1;
    cli_content_paths(content, NULL, buf, &paths);
    r.cat = catalog_load(&paths, NULL);
    r.es = catalog_find_lang(r.cat, "es");
    text_fmt(r.logo, sizeof r.logo, "%s/pictures/logo.svg", paths.assets);
    if (catalog_module_count(r.cat) == 0) {
        fprintf(stderr, "pallayctl: %s: no course there (no modules in %s/modules); give --content DIR\n", content, paths.assets);
        goto done;
    }
    if (secret_key(key, &r.sk) < 0) goto done;
    if (!(r.db = certificate_open(dbpath, &e)) || !(r.pdf = certpdf_open(set.font, &e))) {
        fprintf(stderr, "pallayctl: %s\n", e.msg);
        goto done;
    }
    if (every) rc = all(&r, out);
    else if (learner) rc = one(&r, learner, out);
    else {
        int n = certificate_learners(r.db, symbol, slash + 1, id, 1, &e);
        if (n == 1) rc = one(&r, id[0], out);
        else if (n == 0) fprintf(stderr, "pallayctl: nobody signs in as %s here\n", sign);
        else if (n > 1) fprintf(stderr, "pallayctl: %d women sign in as %s (on different kiosks): give --learner ID\n", n, sign);
        else fprintf(stderr, "pallayctl: %s\n", e.msg);
    }
done:
    sodium_memzero(&r.sk, sizeof r.sk);
    certpdf_close(r.pdf);
    if (r.db) certificate_close(r.db);
    catalog_unload(r.cat);
    return rc;
}

static void print_fields(const Certificate *c)
{
    char code[CERT_CODE_LEN + 3];
    certificate_code_print(c->code, code);
    printf("genuine: certificate %s of learner %s\n", code, c->learner_id);
    if (c->name[0]) printf("  name: %s\n", c->name);
    else printf("  sign: %s\n", c->sign);
    printf("  community: %s\n  facilitator: %s\n  network: %s\n", c->community, c->facilitator, c->network);
    for (int i = 0; i < c->nmodules; i++) printf("  module: %s %s (%s)\n", c->modules[i].date, c->modules[i].title, c->modules[i].id);
}

int cmd_verify_certificate(int argc, char **argv)
{
    static const char VUSAGE[] = "usage: pallayctl verify-certificate CODE --db DB --key content.pub\n";
    const char *code = NULL, *dbpath = NULL, *key = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) dbpath = argv[++i];
        else if (strcmp(argv[i], "--key") == 0 && i + 1 < argc) key = argv[++i];
        else if (argv[i][0] == '-' && argv[i][1]) { fputs(VUSAGE, stderr); return 2; }
        else if (code) return cli_extra(argv[i]);
        else code = argv[i];
    }
    if (!code || !dbpath || !key) { fputs(VUSAGE, stderr); return 2; }
    Err e;
    MinisignPublic pk;
    char *text = text_read_file(key, NULL);
    int rc = text ? minisign_public_parse(text, &pk, &e) : err_set(&e, "cannot be read");
    free(text);
    if (rc < 0) {
        fprintf(stderr, "pallayctl: %s: %s\n", key, e.msg);
        return 1;
    }
    sqlite3 *db = certificate_open(dbpath, &e);
    if (!db) {
        fprintf(stderr, "pallayctl: %s\n", e.msg);
        return 1;
    }
    Certificate c;
    rc = certificate_verify(db, code, &pk, &c, &e);
    certificate_close(db);
    if (rc == 0) print_fields(&c);
    else if (rc > 0) printf("not genuine: %s\n", e.msg);
    else fprintf(stderr, "pallayctl: %s\n", e.msg);
    return rc == 0 ? 0 : 1;
}
