/* pallayctl: the headless companion for facilitators and coordinators (no SDL).
 *   pallayctl check-content [DIR] [--generated DIR]   check the course; exit 1 on any problem
 *   pallayctl list-strings LANG [DIR]                  key<TAB>text lines, for the content build
 *   pallayctl list-modules [DIR]                       id<TAB>slides<TAB>questions<TAB>right answers, for scripts
 *   pallayctl info [DB]                                the kiosk id and schema of a database
 *   pallayctl stats [DB] [--csv]                       per module and per learner: started, completed, passed */
#include "../base/text.h"
#include "../content/catalog.h"
#include "../store/stats.h"
#include "../store/store.h"
#include "check.h"

#include <stdio.h>
#include <string.h>

static void usage(FILE *out)
{
    fputs("usage: pallayctl check-content [DIR] [--generated DIR]\n"
          "       pallayctl list-strings LANG [DIR]\n"
          "       pallayctl list-modules [DIR]\n"
          "       pallayctl info [DB]   (default: " PALLAY_DEFAULT_DB ")\n"
          "       pallayctl stats [DB] [--csv]\n"
          "DIR holds assets/ and locales/ (default: .); generated content is in DIR/build/content.\n", out);
}

static void emit_stdout(Report *r, const char *file, int line, const char *msg)
{
    (void)r;
    if (line > 0) printf("%s:%d: %s\n", file, line, msg);
    else printf("%s: %s\n", file, msg);
}

/* Fills the three content folders under dir; generated may be given apart. */
static void content_paths(const char *dir, const char *generated, char (*buf)[PALLAY_PATH_LEN], CatalogPaths *p)
{
    text_fmt(buf[0], PALLAY_PATH_LEN, "%s/assets", dir);
    text_fmt(buf[1], PALLAY_PATH_LEN, "%s/locales", dir);
    if (generated) text_copy(buf[2], PALLAY_PATH_LEN, generated);
    else text_fmt(buf[2], PALLAY_PATH_LEN, "%s/build/content", dir);
    *p = (CatalogPaths){ buf[0], buf[1], buf[2] };
}

static int cmd_check_content(int argc, char **argv)
{
    const char *dir = ".", *generated = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--generated") == 0 && i + 1 < argc) generated = argv[++i];
        else if (argv[i][0] != '-') dir = argv[i];
        else { usage(stderr); return 2; }
    }
    char buf[3][PALLAY_PATH_LEN];
    CatalogPaths paths;
    content_paths(dir, generated, buf, &paths);
    Report r = { .emit = emit_stdout };
    int n = check_content(&paths, &r);
    if (n) {
        printf("%d problem%s found\n", n, n == 1 ? "" : "s");
        return 1;
    }
    Catalog *c = catalog_load(&paths, NULL);
    int slides = 0;
    for (int i = 0; i < catalog_module_count(c); i++) slides += catalog_module(c, i)->nslides;
    printf("content OK: %d languages, %d modules, %d slides\n", catalog_lang_count(c), catalog_module_count(c), slides);
    catalog_unload(c);
    return 0;
}

static int cmd_list_strings(int argc, char **argv)
{
    if (argc < 1) { usage(stderr); return 2; }
    char buf[3][PALLAY_PATH_LEN];
    CatalogPaths paths;
    content_paths(argc > 1 ? argv[1] : ".", NULL, buf, &paths);
    Report r = { 0 };   /* problems are for check-content; here only the strings matter */
    Catalog *c = catalog_load(&paths, &r);
    int l = catalog_find_lang(c, argv[0]);
    if (l < 0) {
        fprintf(stderr, "pallayctl: %s/%s.po: no such language\n", paths.locales, argv[0]);
        catalog_unload(c);
        return 1;
    }
    const Language *lang = catalog_lang(c, l);
    printf("#voice\t%s\n", lang->voice);
    for (int i = 0; i < po_count(lang->po); i++) {
        /* One line per string: newlines and tabs in the text become spaces. */
        printf("%s\t", po_key(lang->po, i));
        for (const char *t = po_text(lang->po, i); *t; t++) putchar(*t == '\n' || *t == '\t' ? ' ' : *t);
        putchar('\n');
    }
    catalog_unload(c);
    return 0;
}

static int cmd_list_modules(int argc, char **argv)
{
    char buf[3][PALLAY_PATH_LEN];
    CatalogPaths paths;
    content_paths(argc > 0 ? argv[0] : ".", NULL, buf, &paths);
    Catalog *c = catalog_load(&paths, NULL);
    for (int i = 0; i < catalog_module_count(c); i++) {
        const Module *m = catalog_module(c, i);
        printf("%s\t%d\t%d\t", m->id, m->nslides, m->nquestions);
        /* The right answer of each question (1-based), comma-separated: what a script touches. */
        for (int q = 0; q < m->nquestions; q++)
            for (int a = 0; a < m->questions[q].nanswers; a++)
                if (m->questions[q].answers[a].right) printf(q ? ",%d" : "%d", a + 1);
        putchar('\n');
    }
    catalog_unload(c);
    return 0;
}

/* Opens an existing database (never creates one). NULL after one line on stderr. */
static Store *open_existing(const char *path)
{
    if (!text_file_exists(path)) {
        fprintf(stderr, "pallayctl: %s: no such database\n", path);
        return NULL;
    }
    Err e;
    Store *s = store_open(path, &e);
    if (!s) fprintf(stderr, "pallayctl: %s\n", e.msg);
    return s;
}

static int cmd_info(int argc, char **argv)
{
    const char *path = argc > 0 ? argv[0] : PALLAY_DEFAULT_DB;
    Store *s = open_existing(path);
    if (!s) return 1;
    printf("kiosk %s\nschema %d\n", store_kiosk_id(s), store_schema_version(s));
    store_close(s);
    return 0;
}

/* A CSV field: quoted when it holds a comma, a quote or a line break. */
static void csv_field(const char *v, int last)
{
    if (strpbrk(v, ",\"\r\n")) {
        putchar('"');
        for (; *v; v++) {
            if (*v == '"') putchar('"');
            putchar(*v);
        }
        putchar('"');
    } else {
        fputs(v, stdout);
    }
    putchar(last ? '\n' : ',');
}

static void print_module(const ModuleStats *m, void *ud)
{
    if (*(int *)ud) printf("%s,%d,%d,%d,%d,%.1f\n", m->module, m->started, m->completed, m->passed, m->quizzes, m->average);
    else printf("%-16s %8d %10d %7d %8d %7.0f%%\n", m->module, m->started, m->completed, m->passed, m->quizzes, m->average);
}

static void print_learner(const LearnerStats *l, void *ud)
{
    char sign[2 * PALLAY_NAME_LEN + 2], best[32] = "-";
    snprintf(sign, sizeof sign, "%s/%s", l->symbol, l->colour);
    if (l->best_total) snprintf(best, sizeof best, "%d/%d", l->best, l->best_total);
    if (*(int *)ud) {
        csv_field(l->learner, 0);
        csv_field(sign, 0);
        csv_field(l->module, 0);
        printf("%d,%d,%d,%d,%s\n", l->opened, l->completed, l->quizzes, l->passed, best);
    } else {
        printf("%-8.8s  %-20s %-16s %6d %9d %7d %6d %5s\n", l->learner, sign, l->module, l->opened, l->completed,
               l->quizzes, l->passed, best);
    }
}

static int cmd_stats(int argc, char **argv)
{
    const char *path = PALLAY_DEFAULT_DB;
    int csv = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--csv") == 0) csv = 1;
        else if (argv[i][0] != '-') path = argv[i];
        else { usage(stderr); return 2; }
    }
    Store *s = open_existing(path);
    if (!s) return 1;
    Err e;
    int rc = 0;
    if (csv) puts("module,started,completed,passed,quizzes,average_percent");
    else printf("Modules: learners who started, completed (saw every slide) and passed; finished quizzes\n"
                "(guests' included) and their average score.\n"
                "%-16s %8s %10s %7s %8s %8s\n", "module", "started", "completed", "passed", "quizzes", "average");
    if (stats_modules(s, print_module, &csv, &e) < 0) rc = 1;
    if (csv) puts("\nlearner,sign,module,opened,completed,quizzes,passed,best");
    else printf("\nLearners: each one's modules, by her sign (first 8 characters of her id).\n"
                "%-8s  %-20s %-16s %6s %9s %7s %6s %5s\n", "learner", "sign", "module", "opened", "completed", "quizzes", "passed", "best");
    if (rc == 0 && stats_learners(s, print_learner, &csv, &e) < 0) rc = 1;
    if (rc) fprintf(stderr, "pallayctl: %s\n", e.msg);
    store_close(s);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "stats") == 0) return cmd_stats(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "list-modules") == 0) return cmd_list_modules(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "info") == 0) return cmd_info(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "check-content") == 0) return cmd_check_content(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "list-strings") == 0) return cmd_list_strings(argc - 2, argv + 2);
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0)) { usage(stdout); return 0; }
    usage(stderr);
    return 2;
}
