/* report: what the coordinator reads, from the network database.
 *   pallayctl report NETWORK.db --out DIR [--anonymous] [--xapi FILE [--home URL]] [--content DIR]
 *                    [--identity network.key] [--include-sensitive]
 * DIR gets report.html, the CSV files and the voices page (voices.h: its recordings only with the
 * network's key; harassment and violence only with --include-sensitive, on a page of their own);
 * the database is only read (its report tables are temporary).
 * The page names modules, questions and equipment in Spanish as the course does (the course under
 * --content, by default the current folder); without a course it shows their ids. */
#include "../base/hold.h"
#include "../base/text.h"
#include "../net/names.h"
#include "../net/network.h"
#include "../net/page.h"
#include "../net/report.h"
#include "../net/voices.h"
#include "../net/xapi.h"
#include "../sync/age.h"
#include "cli.h"

#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>

/* The xAPI statements, half of a report's work when asked for, are written on a thread of their
 * own through a reader of the same snapshot, while the CSV files and the page are written here. */
typedef struct {
    sqlite3 *db;
    const char *path, *home;
    long long statements;
    Err e;
} Statements;

static void *write_statements(void *arg)
{
    Statements *s = arg;
    s->statements = report_prepare(s->db, 1, &s->e) < 0 ? -1 : xapi_write(s->db, s->path, s->home, &s->e);
    return NULL;
}

/* What the voices part holds, in a line or two; an unreadable recording on stderr. */
static void voices_print(const char *dir, const VoicesOptions *o, const VoicesTally *t)
{
    char a[32], b[32];
    printf("%s: %s voice reports on voices.html", dir, network_count(t->reports, a));
    if (o->identity) printf(", %s recordings written beside the pages (voices/%s)\n", network_count(t->written, b), o->sensitive ? ", sensitive/" : "");
    else printf(" (their recordings need the network's key: --identity network.key)\n");
    if (o->sensitive)
        printf("%s: %s reports of harassment and violence on sensitive.html, apart: keep it and sensitive/ away from the general report\n",
               dir, network_count(t->sensitive, a));
    if (t->unreadable)
        fprintf(stderr, "%s: %s recordings could not be opened (the first: %s)\n", dir, network_count(t->unreadable, a), t->first.msg);
}

int cmd_report(int argc, char **argv)
{
    static const char USAGE[] = "pallayctl: report NETWORK.db --out DIR [--anonymous] [--xapi FILE [--home URL]] [--content DIR]\n"
                                "                 [--identity network.key] [--include-sensitive]\n";
    const char *dbpath = NULL, *dir = NULL, *xapi = NULL, *home = "https://pallay.invalid", *content = ".", *idfile = NULL;
    int anonymous = 0, sensitive = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) dir = argv[++i];
        else if (strcmp(argv[i], "--anonymous") == 0) anonymous = 1;
        else if (strcmp(argv[i], "--xapi") == 0 && i + 1 < argc) xapi = argv[++i];
        else if (strcmp(argv[i], "--home") == 0 && i + 1 < argc) home = argv[++i];
        else if (strcmp(argv[i], "--content") == 0 && i + 1 < argc) content = argv[++i];
        else if (strcmp(argv[i], "--identity") == 0 && i + 1 < argc) idfile = argv[++i];
        else if (strcmp(argv[i], "--include-sensitive") == 0) sensitive = 1;
        else if (argv[i][0] == '-') {
            fputs(USAGE, stderr);
            return 2;
        }
        else if (dbpath) return cli_extra(argv[i]);
        else dbpath = argv[i];
    }
    if (!dbpath || !dir) {
        fputs(USAGE, stderr);
        return 2;
    }
    Err e;
    if (xapi_check_home(home, &e) < 0) {
        fprintf(stderr, "pallayctl: %s\n", e.msg);
        return 2;
    }
    /* The key that opens the recordings, wiped before the command ends. */
    unsigned char sk[AGE_KEY_BYTES];
    if (idfile && age_identity_load(idfile, sk, &e) < 0) {
        fprintf(stderr, "%s: %s\n", idfile, e.msg);
        return 1;
    }
    VoicesOptions vo = { anonymous, idfile ? sk : NULL, sensitive };
    VoicesTally vt;
    if (!text_file_exists(dbpath)) {
        sodium_memzero(sk, sizeof sk);
        fprintf(stderr, "%s: no network database there (make one with pallayctl merge)\n", dbpath);
        return 1;
    }
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        fprintf(stderr, "%s: cannot make the folder: %s\n", dir, strerror(errno));
        sodium_memzero(sk, sizeof sk);
        return 1;
    }
    sqlite3 *db = network_open(dbpath, &e);
    if (!db) {
        fprintf(stderr, "pallayctl: %s\n", e.msg);
        sodium_memzero(sk, sizeof sk);
        return 1;
    }
    char html[PALLAY_PATH_LEN], buf[4][PALLAY_PATH_LEN];
    CatalogPaths paths;
    cli_content_paths(content, NULL, buf, &paths);
    Catalog *cat = catalog_load(&paths, NULL);
    sqlite3 *second = NULL;
    Statements st = { .path = xapi, .home = home };
    pthread_t thread;
    int threaded = 0;
    int rc = text_fmt(html, sizeof html, "%s/report.html", dir) < 0 ? err_set(&e, "the path is too long") : 0;
    if (rc == 0 && report_begin(db, dbpath, xapi ? &second : NULL, &e) == 0) {
        hold("PALLAY_TEST_REPORT_HOLD", "the report's snapshot is taken");
        if ((st.db = second)) threaded = pthread_create(&thread, NULL, write_statements, &st) == 0;
        /* The voices first: a sensitive page an earlier report left in dir is gone before anything is written. */
        rc = names_load(db, cat, "es", &e) < 0 || report_prepare(db, 0, &e) < 0 || voices_prepare(db, sensitive, &e) < 0 ||
             voices_write(db, dir, &vo, &vt, &e) < 0 || report_csv(db, dir, anonymous, &e) < 0 || page_write(db, html, anonymous, &e) < 0;
        if (threaded) pthread_join(thread, NULL);
        else if (second) write_statements(&st);   /* no thread to be had: one after the other */
        if (!rc && st.statements < 0) {
            e = st.e;
            rc = 1;
        }
        report_end(db, second);
    } else rc = 1;
    sodium_memzero(sk, sizeof sk);
    if (rc) fprintf(stderr, "%s: %s\n", dir, e.msg);
    else {
        if (xapi) printf("%s: %lld xAPI statements\n", xapi, st.statements);
        printf("%s: report.html, participants.csv, attendance.csv, equipment.csv, quiz_results.csv, lacking.csv, communities.csv,"
               " voices.html, voices.csv\n", dir);
        voices_print(dir, &vo, &vt);
        if (vt.unreadable) rc = 1;
    }
    catalog_unload(cat);
    network_close(db);
    return rc;
}
