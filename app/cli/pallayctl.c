/* pallayctl: the headless companion for facilitators and coordinators (no SDL).
 *   pallayctl check-content [DIR] [--generated DIR]   check the course; exit 1 on any problem
 *   pallayctl check-config [FILE]                      check pallay.conf as the kiosk reads it; exit 1 on any problem
 *   pallayctl list-strings LANG [DIR]                  key<TAB>text lines, for the content build
 *   pallayctl list-modules [DIR]                       id<TAB>slides<TAB>questions<TAB>right answers, for scripts
 *   pallayctl info [DB]                                the kiosk id and schema of a database
 *   pallayctl stats [DB] [--csv]                       per module and per learner: started, completed, passed
 *   pallayctl attendance [DB] [--csv], ppe [DB] [--csv]  workshop and equipment reports (reports.c)
 *   pallayctl set-pin, add-participant, record-ppe, withdraw-consent ...  facilitator work from a keyboard (facilitate.c)
 *   pallayctl certificate, verify-certificate          course certificates (certificate.c) */
#include "../base/settings.h"
#include "../base/text.h"
#include "../content/catalog.h"
#include "../store/store.h"
#include "check.h"
#include "cli.h"

#include <stdio.h>
#include <sqlite3.h>
#include <string.h>

static void usage(FILE *out)
{
    fputs("usage: pallayctl check-content [DIR] [--generated DIR]\n"
          "       pallayctl check-config [FILE]   (default: pallay.conf; paths in it are from this folder)\n"
          "       pallayctl list-strings LANG [DIR]\n"
          "       pallayctl list-modules [DIR]\n"
          "       pallayctl info [DB]   (default: " PALLAY_DEFAULT_DB ")\n"
          "       pallayctl stats [DB] [--csv]         learners and quizzes per module and per learner\n"
          "       pallayctl attendance [DB] [--csv]    workshops and who attended\n"
          "       pallayctl ppe [DB] [--csv]           protective equipment handed out\n"
          "       pallayctl set-pin [DB] --name NAME   stdin: [current PIN,] new PIN, new PIN again\n"
          "       pallayctl add-participant [DB] --sign SYMBOL/COLOUR --consent yes|no [--name NAME]\n"
          "                 [--community NAME] [--born YEAR] [--content DIR]      stdin: facilitator PIN\n"
          "       pallayctl record-ppe [DB] --sign SYMBOL/COLOUR --item ID --quantity N [--size SIZE]\n"
          "                 [--content DIR]                                       stdin: facilitator PIN\n"
          "       pallayctl open-workshop [DB] --community NAME [--modules ID,ID] [--at \"YYYY-MM-DD HH:MM\"]\n"
          "       pallayctl mark-present [DB] --sign SYMBOL/COLOUR [--content DIR]\n"
          "       pallayctl close-workshop [DB]\n"
          "       pallayctl void [DB] RECORD-ID --reason WHY\n"
          "       pallayctl withdraw-consent [DB] --sign SYMBOL/COLOUR [--content DIR]   erases her name and year of birth\n"
          "                 (these five also read the facilitator PIN on stdin)\n"
          "       pallayctl review-strings LANG [DIR] [--out FILE]   drafts (fuzzy) to a CSV sheet for a reviewer\n"
          "       pallayctl apply-review SHEET [DIR]                 the sheet back: corrected texts, confirmed ones not fuzzy\n"
          "       pallayctl pack-content DIR --key content.key --out FILE [--version N]\n"
          "                 the course under DIR as a content pack, signed as FILE.minisig\n"
          "       pallayctl pack-recordings [DIR] --key content.key --out FILE [--version N]\n"
          "                 voices recorded on this kiosk (DIR/var/voice) as a signed voice pack\n"
          "       pallayctl install-pack FILE | --rollback | --status [--config pallay.conf]\n"
          "                 installs a pack into content_dir as the kiosk does from a stick\n"
          "       pallayctl publish-pack FILE --key content.key --out DIR\n"
          "                 the pack and a signed manifest naming it, for the sync folder's content/\n"
          "       pallayctl keygen --out DIR                network.key/.pub (age) and content.key/.pub (minisign)\n"
          "       pallayctl kiosk-key [DB]                  the kiosk's public key, a minisign public-key file\n"
          "       pallayctl export [DB] --out DIR [--recipient age1...] [--all]\n"
          "                 the kiosk's records, encrypted to the network and signed; prints the bundle's path\n"
          "       pallayctl verify FILE [--identity network.key] [--key kiosk.pub]\n"
          "                 checks FILE.minisig; with the identity, opens the bundle too\n"
          "       pallayctl fetch URL DIR [--config pallay.conf] [--user NAME] [--password-file FILE] [--insecure-http]\n"
          "                 the bundles in the network's WebDAV folder that DIR does not have yet (sync_* settings)\n"
          "       pallayctl merge NETWORK.db BUNDLE_OR_DIR... --identity network.key\n"
          "                 the bundles of every kiosk into one network database; says what never arrived\n"
          "       pallayctl report NETWORK.db --out DIR [--anonymous] [--xapi FILE [--home URL]]\n"
          "                 report.html (Spanish, charts inside) and CSV files; a name only with consent, none with --anonymous;\n"
          "                 --xapi: xAPI statements, JSON lines, actors by id under URL (https://pallay.invalid)\n"
          "       pallayctl certificate DB --sign SYMBOL/COLOUR | --learner ID --key content.key --out FILE.pdf\n"
          "       pallayctl certificate DB --all --key content.key --out DIR\n"
          "                 [--content DIR] [--config pallay.conf] [--network NAME]\n"
          "                 her course certificate (A4 PDF, signed code) once every module's quiz is passed\n"
          "       pallayctl verify-certificate CODE --db DB --key content.pub\n"
          "                 says whether a certificate's code is genuine and its records unchanged\n"
          "DIR holds assets/ and locales/ (default: .); generated content is in DIR/build/content.\n", out);
}

static void emit_stdout(Report *r, const char *file, int line, const char *msg)
{
    (void)r;
    if (line > 0) printf("%s:%d: %s\n", file, line, msg);
    else printf("%s: %s\n", file, msg);
}


static int cmd_check_content(int argc, char **argv)
{
    const char *dir = ".", *generated = NULL;
    int ndir = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--generated") == 0 && i + 1 < argc) generated = argv[++i];
        else if (argv[i][0] != '-' && !ndir++) dir = argv[i];
        else if (argv[i][0] != '-') return cli_extra(argv[i]);
        else { usage(stderr); return 2; }
    }
    char buf[4][PALLAY_PATH_LEN];
    CatalogPaths paths;
    cli_content_paths(dir, generated, buf, &paths);
    Report r = { .emit = emit_stdout };
    Coverage cov[PALLAY_MAX_LANGS];
    int ncov = 0;
    int n = check_content(&paths, &r, cov, &ncov);
    printf("%-8s %8s %9s %6s %9s %10s\n", "language", "strings", "reviewed", "fuzzy", "recorded", "generated");
    for (int i = 0; i < ncov; i++)
        printf("%-8s %8d %9d %6d %9d %10d\n", cov[i].lang, cov[i].strings, cov[i].reviewed, cov[i].fuzzy, cov[i].recorded,
               cov[i].generated);
    /* Which lessons a network health worker has signed off, and which are still drafts. */
    Catalog *c = catalog_load(&paths, NULL);
    int slides = 0, drafts = 0;
    printf("\n%-10s %6s %9s  %s\n", "lesson", "slides", "questions", "review");
    for (int i = 0; i < catalog_module_count(c); i++) {
        const Module *m = catalog_module(c, i);
        slides += m->nslides;
        drafts += module_is_draft(m);
        if (module_is_draft(m)) printf("%-10s %6d %9d  draft\n", m->id, m->nslides, m->nquestions);
        else printf("%-10s %6d %9d  %s %s\n", m->id, m->nslides, m->nquestions, m->reviewer, m->reviewed);
    }
    if (n) printf("%d problem%s found\n", n, n == 1 ? "" : "s");
    else printf("content OK: %d languages, %d modules (%d still drafts), %d slides\n", catalog_lang_count(c), catalog_module_count(c),
                drafts, slides);
    catalog_unload(c);
    return n ? 1 : 0;
}

/* Every problem the kiosk would find in its settings file, read as the kiosk reads it (from the
 * folder the kiosk starts in), and whether the course has the language it names. */
static int cmd_check_config(int argc, char **argv)
{
    if (argc > 1) { usage(stderr); return 2; }
    const char *path = argc ? argv[0] : "pallay.conf";
    if (!text_file_exists(path)) { fprintf(stderr, "pallayctl: %s: no such settings file\n", path); return 1; }
    Settings s;
    settings_defaults(&s);
    Report r = { .emit = emit_stdout };
    int unsafe = settings_load_file(&s, path, &r);
    if (s.lang[0]) {
        CatalogPaths paths = { s.assets, s.locales, s.generated, s.recordings };
        Catalog *c = catalog_load(&paths, NULL);
        if (catalog_find_lang(c, s.lang) < 0)
            report(&r, path, 0, "lang = %s: the course has no such language (%s/%s.po)", s.lang, s.locales, s.lang);
        catalog_unload(c);
    }
    if (!text_file_exists(s.font)) report(&r, path, 0, "font %s: no such file", s.font);
    if (unsafe < 0) printf("the kiosk will not start with this file\n");
    if (r.count) {
        printf("%d problem%s found\n", r.count, r.count == 1 ? "" : "s");
        return 1;
    }
    printf("settings OK\n");
    return 0;
}

static int cmd_list_strings(int argc, char **argv)
{
    if (argc < 1) { usage(stderr); return 2; }
    if (argc > 2) return cli_extra(argv[2]);
    char buf[4][PALLAY_PATH_LEN];
    CatalogPaths paths;
    cli_content_paths(argc > 1 ? argv[1] : ".", NULL, buf, &paths);
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
    if (argc > 1) return cli_extra(argv[1]);
    char buf[4][PALLAY_PATH_LEN];
    CatalogPaths paths;
    cli_content_paths(argc > 0 ? argv[0] : ".", NULL, buf, &paths);
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


static int cmd_info(int argc, char **argv)
{
    if (argc > 1) return cli_extra(argv[1]);
    const char *path = argc > 0 ? argv[0] : PALLAY_DEFAULT_DB;
    Store *s = cli_open_db(path);
    if (!s) return 1;
    printf("kiosk %s\nschema %d\n", store_kiosk_id(s), store_schema_version(s));
    store_close(s);
    return 0;
}





int main(int argc, char **argv)
{
    static const struct { const char *name; int (*run)(int, char **); } COMMANDS[] = {
        { "stats", cmd_stats }, { "attendance", cmd_attendance }, { "ppe", cmd_ppe },
        { "set-pin", cmd_set_pin }, { "add-participant", cmd_add_participant }, { "record-ppe", cmd_record_ppe },
        { "open-workshop", cmd_open_workshop }, { "mark-present", cmd_mark_present },
        { "close-workshop", cmd_close_workshop }, { "void", cmd_void }, { "withdraw-consent", cmd_withdraw_consent },
        { "review-strings", cmd_review_strings }, { "apply-review", cmd_apply_review },
        { "pack-recordings", cmd_pack_recordings }, { "pack-content", cmd_pack_content }, { "install-pack", cmd_install_pack },
        { "publish-pack", cmd_publish_pack },
        { "keygen", cmd_keygen }, { "kiosk-key", cmd_kiosk_key }, { "verify", cmd_verify }, { "export", cmd_export },
        { "merge", cmd_merge }, { "report", cmd_report }, { "fetch", cmd_fetch },
        { "certificate", cmd_certificate }, { "verify-certificate", cmd_verify_certificate },
    };
    /* No count of SQLite's memory, which pallayctl never reads: each allocation would take one
     * lock for the whole process, which the report's two threads then wait on. */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    for (size_t i = 0; argc >= 2 && i < sizeof COMMANDS / sizeof *COMMANDS; i++)
        if (strcmp(argv[1], COMMANDS[i].name) == 0) return COMMANDS[i].run(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "list-modules") == 0) return cmd_list_modules(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "info") == 0) return cmd_info(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "check-content") == 0) return cmd_check_content(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "check-config") == 0) return cmd_check_config(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "list-strings") == 0) return cmd_list_strings(argc - 2, argv + 2);
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0)) { usage(stdout); return 0; }
    usage(stderr);
    return 2;
}
