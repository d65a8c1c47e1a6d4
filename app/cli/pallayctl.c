/* pallayctl: the headless companion for facilitators and coordinators (no SDL).
 *   pallayctl check-content [DIR] [--generated DIR]   check the course; exit 1 on any problem
 *   pallayctl list-strings LANG [DIR]                  key<TAB>text lines, for the content build
 *   pallayctl list-modules [DIR]                       id<TAB>slides lines, for the demo tour
 *   pallayctl info [DB]                                the kiosk id and schema of a database */
#include "../base/text.h"
#include "../content/catalog.h"
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
    for (int i = 0; i < catalog_module_count(c); i++)
        printf("%s\t%d\n", catalog_module(c, i)->id, catalog_module(c, i)->nslides);
    catalog_unload(c);
    return 0;
}

static int cmd_info(int argc, char **argv)
{
    const char *path = argc > 0 ? argv[0] : PALLAY_DEFAULT_DB;
    if (!text_file_exists(path)) {
        fprintf(stderr, "pallayctl: %s: no such database\n", path);
        return 1;
    }
    Err e;
    Store *s = store_open(path, &e);
    if (!s) {
        fprintf(stderr, "pallayctl: %s\n", e.msg);
        return 1;
    }
    printf("kiosk %s\nschema %d\n", store_kiosk_id(s), store_schema_version(s));
    store_close(s);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "list-modules") == 0) return cmd_list_modules(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "info") == 0) return cmd_info(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "check-content") == 0) return cmd_check_content(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "list-strings") == 0) return cmd_list_strings(argc - 2, argv + 2);
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0)) { usage(stdout); return 0; }
    usage(stderr);
    return 2;
}
