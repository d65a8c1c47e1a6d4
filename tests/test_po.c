/* test_po: the .po reader keeps good entries, reports bad ones at their line,
 * and the shipped languages load clean with the same keys. */
#include "check.h"
#include "fixtures.h"
#include "base/text.h"
#include "content/po.h"

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

static Po *parse(const char *text, Problems *ps)
{
    problems_init(ps);
    return po_parse(text, "t.po", &ps->r);
}

static int index_of(const Po *po, const char *key)
{
    for (int i = 0; i < po_count(po); i++)
        if (strcmp(po_key(po, i), key) == 0) return i;
    return -1;
}

static void test_header(void)
{
    Problems ps;
    Po *po = parse("# a comment\n"
                   "msgid \"\"\n"
                   "msgstr \"\"\n"
                   "\"Language: quy\\n\"\n"
                   "\"Language-Team: Quechua\\n\"\n"
                   "\"X-Pallay-Voice: qu+f3\\n\"\n"
                   "\n"
                   "msgid \"a.key\"\n"
                   "msgstr \"Hola\"\n", &ps);
    char v[32];
    CHECK_INT("a file with a header reports nothing", ps.r.count, 0);
    CHECK_INT("the header is not an entry", po_count(po), 1);
    CHECK_INT("the Language field is found", po_header(po, "Language", v, sizeof v), 0);
    CHECK_STR("Language is read up to the end of its line", v, "quy");
    CHECK_INT("X-Pallay-Voice is found", po_header(po, "X-Pallay-Voice", v, sizeof v), 0);
    CHECK_STR("X-Pallay-Voice value", v, "qu+f3");
    CHECK_INT("Language-Team is its own field", po_header(po, "Language-Team", v, sizeof v), 0);
    CHECK_STR("Language-Team value", v, "Quechua");
    CHECK_INT("an absent header field is -1", po_header(po, "Plural-Forms", v, sizeof v), -1);
    CHECK_INT("a header value too long for the buffer is -1", po_header(po, "Language-Team", v, 4), -1);
    CHECK_STR("entries after the header are read", po_get(po, "a.key"), "Hola");
    po_unload(po);

    po = parse("msgid \"a.key\"\nmsgstr \"Hola\"\n", &ps);
    CHECK_INT("a file without a header has no header fields", po_header(po, "Language", v, sizeof v), -1);
    po_unload(po);
}

static void test_strings(void)
{
    Problems ps;
    Po *po = parse("msgid \"multi\"\n"
                   "msgstr \"\"\n"
                   "\"first line\\n\"\n"
                   "  \"say \\\"hi\\\" \\\\ ok\"\n"
                   "\n"
                   "msgid \"\"\n"
                   "\"long.\"\n"
                   "\"key\"\n"
                   "msgstr \"Largo\"   \n"
                   "\n"
                   "msgid \"tab\"\n"
                   "msgstr \"a\\tb\"\n", &ps);
    CHECK_INT("continued strings and escapes report nothing", ps.r.count, 0);
    show_problems(&ps);
    CHECK_STR("continued lines join; \\n \\\" \\\\ are unescaped", po_get(po, "multi"), "first line\nsay \"hi\" \\ ok");
    CHECK_STR("a msgid continued on later lines is one key", po_get(po, "long.key"), "Largo");
    CHECK_STR("\\t is a tab", po_get(po, "tab"), "a\tb");
    CHECK_INT("po_line is the msgid line", po_line(po, "long.key"), 6);
    CHECK_INT("po_line of an unknown key is 0", po_line(po, "nope"), 0);
    CHECK_STR("po_get of an unknown key is NULL", po_get(po, "nope"), NULL);
    CHECK_INT("entries keep file order", index_of(po, "tab"), 2);
    po_unload(po);
}

static void test_fuzzy(void)
{
    Problems ps;
    Po *po = parse("#, fuzzy\n"
                   "msgid \"draft\"\n"
                   "msgstr \"Borrador\"\n"
                   "\n"
                   "msgid \"done\"\n"
                   "msgstr \"Listo\"\n"
                   "\n"
                   "#. a translator's note\n"
                   "#, c-format, fuzzy\n"
                   "msgid \"draft2\"\n"
                   "msgstr \"Otro\"\n", &ps);
    int draft = index_of(po, "draft"), done = index_of(po, "done"), draft2 = index_of(po, "draft2");
    CHECK_INT("a fuzzy entry is not a problem", ps.r.count, 0);
    CHECK_STR("po_get gives a fuzzy draft: better than silence", po_get(po, "draft"), "Borrador");
    CHECK("a fuzzy entry is still listed", draft >= 0);
    CHECK_INT("po_fuzzy marks it", draft >= 0 ? po_fuzzy(po, draft) : -1, 1);
    CHECK_STR("its text is kept for reviewers", draft >= 0 ? po_text(po, draft) : NULL, "Borrador");
    CHECK_INT("the flag does not carry to the next entry", done >= 0 ? po_fuzzy(po, done) : -1, 0);
    CHECK_STR("the next entry is found", po_get(po, "done"), "Listo");
    CHECK_INT("fuzzy among other flags counts", draft2 >= 0 ? po_fuzzy(po, draft2) : -1, 1);
    CHECK_INT("po_index finds it", po_index(po, "draft2"), draft2);
    po_unload(po);
}

/* A bad entry between two good ones: the bad one is reported at line and dropped, the good ones kept. */
static void check_bad(const char *what, const char *bad, int line, const char *word, const char *bad_key)
{
    char text[1024];
    snprintf(text, sizeof text, "msgid \"before\"\nmsgstr \"Antes\"\n\n%s\nmsgid \"after\"\nmsgstr \"Despues\"\n", bad);
    Problems ps;
    Po *po = parse(text, &ps);
    int got = problem_line(&ps, word);
    CHECK_GOT(check_name("%s is reported at line %d", what, line), got == line,
              check_name("a problem with \"%s\" at line %d", word, line), "line %d", got);
    CHECK_STR(check_name("%s: the report names the file", what), ps.n > 0 ? ps.p[0].file : NULL, "t.po");
    CHECK_STR(check_name("%s: the entry before is kept", what), po_get(po, "before"), "Antes");
    CHECK_STR(check_name("%s: the entry after is kept", what), po_get(po, "after"), "Despues");
    if (bad_key) CHECK_STR(check_name("%s: the bad entry is dropped", what), po_get(po, bad_key), NULL);
    po_unload(po);
}

static void test_problems(void)
{
    Problems ps;
    Po *po = parse("msgid \"dup\"\n"
                   "msgstr \"Primero\"\n"
                   "\n"
                   "msgid \"other\"\n"
                   "msgstr \"Otro\"\n"
                   "\n"
                   "msgid \"dup\"\n"
                   "msgstr \"Segundo\"\n", &ps);
    CHECK_INT("a duplicate key is one problem", ps.r.count, 1);
    CHECK_INT("it is reported at the second entry's line", ps.n ? ps.p[0].line : 0, 7);
    CHECK("the message names the first entry's line", ps.n && strstr(ps.p[0].msg, "line 1"));
    CHECK_STR("the first definition wins", po_get(po, "dup"), "Primero");
    CHECK_INT("the duplicate is not listed", po_count(po), 2);
    po_unload(po);

    check_bad("a msgid without msgstr", "msgid \"lonely\"\n", 4, "no msgstr", "lonely");
    check_bad("an empty msgstr", "msgid \"empty\"\nmsgstr \"\"\n", 4, "empty msgstr", "empty");
    check_bad("an unterminated msgstr", "msgid \"open\"\nmsgstr \"no end\n", 5, "malformed", "open");
    check_bad("an unknown escape", "msgid \"esc\"\nmsgstr \"a\\qb\"\n", 5, "malformed", "esc");
    check_bad("text after a closing quote", "msgid \"junk\" x\nmsgstr \"J\"\n", 4, "malformed", "junk");
    check_bad("a malformed continued line", "msgid \"cont\"\nmsgstr \"\"\n\"ok\"\n\"bad\n", 7, "malformed", "cont");
    check_bad("msgid_plural", "msgid \"one\"\nmsgid_plural \"many\"\nmsgstr[0] \"uno\"\nmsgstr[1] \"varios\"\n", 0,
              "plural", "one");
    check_bad("a msgstr that is not UTF-8", "msgid \"latin1\"\nmsgstr \"L\xEDnea\"\n", 4, "UTF-8", "latin1");
    check_bad("a stray word", "msgid \"stray\"\nmsgsrt \"S\"\n", 5, "unexpected", "stray");

    po = parse("msgid \"a\"\nmsgstr \"A\"\n\nmsgid \"last\"\n", &ps);
    CHECK_INT("a msgid without msgstr at the end of the file is reported at its line", problem_line(&ps, "no msgstr"), 4);
    CHECK_STR("the entry before it is kept", po_get(po, "a"), "A");
    po_unload(po);

    po = parse("", &ps);
    CHECK_INT("an empty file has no entries", po_count(po), 0);
    CHECK_INT("and no problems", ps.r.count, 0);
    CHECK_STR("and finds nothing", po_get(po, "a"), NULL);
    po_unload(po);
}

/* What gettext itself accepts, and Pallay need not use, is read past without harm. */
static void test_gettext_forms(void)
{
    Problems ps;
    Po *po = parse("msgid \"before\"\nmsgstr \"Antes\"\n\n"
                   "msgctxt \"menu\"\nmsgid \"open\"\nmsgstr \"Abrir (menu)\"\n\n"
                   "msgid \"open\"\nmsgstr \"Abrir\"\n\n"
                   "msgctxt \"button\"\n\"s\"\nmsgid \"close\"\nmsgstr \"Cerrar\"\n", &ps);
    CHECK_STR("msgctxt: the entry before it is kept", po_get(po, "before"), "Antes");
    CHECK_STR("msgctxt: the entry without a context is the one read", po_get(po, "open"), "Abrir");
    CHECK_STR("msgctxt: an entry with a context is left out", po_get(po, "close"), NULL);
    CHECK_INT("msgctxt: one note for the file, with the count", ps.n, 1);
    CHECK_GOT("msgctxt: the note says how many", ps.n == 1 && contains(ps.p[0].msg, "2 entries with a context"),
              "\"2 entries with a context ...\"", "\"%s\"", ps.n ? ps.p[0].msg : "");
    po_unload(po);

    po = parse("msgid \"a\"\nmsgstr \"A\"\n\n#, fuzzy\n#~ msgid \"old\"\n#~ msgstr \"Viejo\"\n\nmsgid \"live\"\nmsgstr \"Vivo\"\n", &ps);
    int live = index_of(po, "live");
    CHECK_INT("a fuzzy flag on an obsolete entry does not reach the next live entry", live >= 0 ? po_fuzzy(po, live) : -1, 0);
    CHECK_STR("an obsolete entry is not read", po_get(po, "old"), NULL);
    CHECK_INT("and is not a problem", ps.n, 0);
    po_unload(po);

    po = parse("msgid \"bell\"\nmsgstr \"a\\ab\\rc\\vd\\'e\\101\\x42\"\n", &ps);
    CHECK_STR("the escapes gettext accepts are read (\\a \\r \\v \\' octal hex)", po_get(po, "bell"), "a\ab\rc\vd'eAB");
    CHECK_INT("and are not malformed", ps.n, 0);
    po_unload(po);

    po = parse("msgid \"one\"\nmsgid_plural \"many\"\nmsgstr[0] \"uno\"\nmsgstr[1] \"\"\n\"varios\"\n\n"
               "msgid \"day\"\nmsgid_plural \"days\"\nmsgstr[0] \"dia\"\nmsgstr[1] \"dias\"\n\n"
               "msgid \"after\"\nmsgstr \"Despues\"\n", &ps);
    CHECK_INT("plural entries: one note for the file, not one an entry", ps.n, 1);
    CHECK_GOT("the note counts them", ps.n == 1 && contains(ps.p[0].msg, "2 entries with plural forms"),
              "\"2 entries with plural forms ...\"", "\"%s\"", ps.n ? ps.p[0].msg : "");
    CHECK_STR("the entry after plural ones is read", po_get(po, "after"), "Despues");
    po_unload(po);

    char path[] = "/tmp/pallay-test-po-XXXXXX";
    int fd = mkstemp(path);
    static const char nul[] = "msgid \"a\"\nmsgstr \"A\"\n\nmsgid \"b\"\nmsgstr \"B\0B\"\n\nmsgid \"c\"\nmsgstr \"C\"\n";
    if (fd < 0 || write(fd, nul, sizeof nul - 1) != (ssize_t)sizeof nul - 1) { perror(path); exit(2); }
    close(fd);
    problems_init(&ps);
    po = po_load(path, &ps.r);
    CHECK_INT("a NUL byte is reported at its line", problem_line(&ps, "NUL"), 5);
    CHECK_STR("the entries after a NUL byte are read", po ? po_get(po, "c") : NULL, "C");
    CHECK_STR("the entry before it is read", po ? po_get(po, "a") : NULL, "A");
    po_unload(po);
    unlink(path);
}

static uint32_t le32(const unsigned char *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

/* Real .po files: Debian's Spanish catalogues, turned back into .po by msgunfmt, read as gettext
 * reads them. The .mo file is what gettext uses: every entry in it without a context or plural
 * forms must read the same here, and nothing else may be reported than one note for each of those. */
static void test_real_files(void)
{
    static const char *const MO[] = { "gdk-pixbuf.mo", "gtk20.mo", "dpkg.mo", "findutils.mo", "apt.mo" };
    int compared = 0;
    for (size_t f = 0; f < sizeof MO / sizeof *MO; f++) {
        char mo[256], cmd[300];
        snprintf(mo, sizeof mo, "/usr/share/locale/es/LC_MESSAGES/%s", MO[f]);
        size_t molen;
        unsigned char *bin = (unsigned char *)text_read_file(mo, &molen);
        if (!bin) continue;
        snprintf(cmd, sizeof cmd, "msgunfmt '%s' 2>/dev/null", mo);
        FILE *pipe = popen(cmd, "r");
        char *text = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&text, &len);
        char buf[4096];
        for (size_t got; pipe && (got = fread(buf, 1, sizeof buf, pipe)) > 0;) fwrite(buf, 1, got, out);
        if (pipe) pclose(pipe);
        fclose(out);
        Problems ps;
        Po *po = parse(text, &ps);
        uint32_t n = le32(bin + 8), orig = le32(bin + 12), trans = le32(bin + 16);
        int kept = 0, wrong = 0, plural = 0, context = 0;
        char first[128] = "";
        for (uint32_t i = 0; i < n; i++) {
            const char *id = (const char *)bin + le32(bin + orig + 8 * i + 4);
            const char *str = (const char *)bin + le32(bin + trans + 8 * i + 4);
            uint32_t idlen = le32(bin + orig + 8 * i);
            if (!*id) continue;                                 /* the header */
            if (strchr(id, '\x04')) { context++; continue; }  /* "context\4msgid" */
            if (strlen(id) < idlen) { plural++; continue; }      /* "one\0many" */
            kept++;
            const char *mine = po_get(po, id);
            if (!mine || strcmp(mine, str) != 0) {
                if (!wrong++) snprintf(first, sizeof first, "\"%.40s\" -> \"%.40s\"", id, mine ? mine : "(none)");
            }
        }
        /* Strings with system-dependent parts (<PRIu64>) sit in a table of their own (minor
         * revision 1): msgunfmt writes them out too, and gettext reads them. Some of them may have
         * a context or plural forms, left out here. */
        int sysdep = (le32(bin + 4) & 0xFFFF) >= 1 ? (int)le32(bin + 36) : 0;
        CHECK_GOT(check_name("%s: every entry reads as gettext reads it", MO[f]),
                  wrong == 0 && po_count(po) >= kept && po_count(po) <= kept + sysdep,
                  check_name("%d to %d entries, all the same", kept, kept + sysdep), "%d entries, %d different (first %s)",
                  po_count(po), wrong, first);
        CHECK_GOT(check_name("%s: only a note for plural forms (%d) and contexts (%d)", MO[f], plural, context),
                  ps.n == (plural > 0) + (context > 0), check_name("%d notes", (plural > 0) + (context > 0)), "%d: %s", ps.n,
                  ps.n ? ps.p[0].msg : "");
        if (ps.n != (plural > 0) + (context > 0)) show_problems(&ps);
        po_unload(po);
        free(text);
        free(bin);
        compared++;
    }
    CHECK_GOT("Debian's Spanish .mo files were there to compare with", compared > 0, "at least one", "%d", compared);
}

static Po *load_shipped(const char *path)
{
    Problems ps;
    problems_init(&ps);
    Po *po = po_load(path, &ps.r);
    CHECK(check_name("%s can be read", path), po != NULL);
    CHECK_INT(check_name("%s loads with no problems", path), ps.r.count, 0);
    show_problems(&ps);
    return po;
}

static void test_shipped(void)
{
    Po *es = load_shipped("locales/es.po"), *quy = load_shipped("locales/quy.po");
    if (!es || !quy) { po_unload(es); po_unload(quy); return; }
    char v[64] = "";
    po_header(es, "X-Pallay-Voice", v, sizeof v);
    CHECK_STR("es.po speaks with es-419+f3", v, "es-419+f3");
    v[0] = '\0';
    po_header(quy, "X-Pallay-Voice", v, sizeof v);
    CHECK_STR("quy.po speaks with qu+f3", v, "qu+f3");

    CHECK_INT("es.po and quy.po have as many entries", po_count(quy), po_count(es));
    int missing = 0;
    const char *first = "";
    for (int i = 0; i < po_count(es); i++)
        if (po_line(quy, po_key(es, i)) == 0 && !missing++) first = po_key(es, i);
    for (int i = 0; i < po_count(quy); i++)
        if (po_line(es, po_key(quy, i)) == 0 && !missing++) first = po_key(quy, i);
    CHECK_GOT("every key of one language is in the other", missing == 0, "no key missing",
              "%d missing, first \"%s\"", missing, first);
    po_unload(es);
    po_unload(quy);
}

int main(void)
{
    test_header();
    test_strings();
    test_fuzzy();
    test_problems();
    test_gettext_forms();
    test_real_files();
    test_shipped();
    return check_done();
}
