/* report: what the coordinator reads, from the network database.
 *   pallayctl report NETWORK.db --out DIR [--anonymous] [--xapi FILE [--home URL]] [--content DIR]
 * DIR gets report.html and the CSV files; the database is only read (its report tables are temporary).
 * The page names modules, questions and equipment in Spanish as the course does (the course under
 * --content, by default the current folder); without a course it shows their ids. */
#include "../base/text.h"
#include "../net/names.h"
#include "../net/network.h"
#include "../net/page.h"
#include "../net/report.h"
#include "../net/xapi.h"
#include "cli.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

int cmd_report(int argc, char **argv)
{
    static const char USAGE[] = "pallayctl: report NETWORK.db --out DIR [--anonymous] [--xapi FILE [--home URL]] [--content DIR]\n";
    const char *dbpath = NULL, *dir = NULL, *xapi = NULL, *home = "https://pallay.invalid", *content = ".";
    int anonymous = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) dir = argv[++i];
        else if (strcmp(argv[i], "--anonymous") == 0) anonymous = 1;
        else if (strcmp(argv[i], "--xapi") == 0 && i + 1 < argc) xapi = argv[++i];
        else if (strcmp(argv[i], "--home") == 0 && i + 1 < argc) home = argv[++i];
        else if (strcmp(argv[i], "--content") == 0 && i + 1 < argc) content = argv[++i];
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
    if (!text_file_exists(dbpath)) {
        fprintf(stderr, "%s: no network database there (make one with pallayctl merge)\n", dbpath);
        return 1;
    }
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        fprintf(stderr, "%s: cannot make the folder: %s\n", dir, strerror(errno));
        return 1;
    }
    sqlite3 *db = network_open(dbpath, &e);
    if (!db) {
        fprintf(stderr, "pallayctl: %s\n", e.msg);
        return 1;
    }
    char html[PALLAY_PATH_LEN], buf[4][PALLAY_PATH_LEN];
    CatalogPaths paths;
    cli_content_paths(content, NULL, buf, &paths);
    Catalog *cat = catalog_load(&paths, NULL);
    int rc = text_fmt(html, sizeof html, "%s/report.html", dir) < 0 ? err_set(&e, "the path is too long") : 0;
    rc = rc < 0 || names_load(db, cat, "es", &e) < 0 || report_prepare(db, &e) < 0 || report_csv(db, dir, anonymous, &e) < 0 || page_write(db, html, anonymous, &e) < 0;
    long long statements = rc || !xapi ? 0 : xapi_write(db, xapi, home, &e);
    if (statements < 0) rc = 1;
    if (rc) fprintf(stderr, "%s: %s\n", dir, e.msg);
    else {
        if (xapi) printf("%s: %lld xAPI statements\n", xapi, statements);
        printf("%s: report.html, participants.csv, attendance.csv, equipment.csv, quiz_results.csv, lacking.csv, communities.csv\n", dir);
    }
    catalog_unload(cat);
    network_close(db);
    return rc;
}
