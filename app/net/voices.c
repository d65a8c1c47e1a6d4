/* voices: the reports are read once into temporary tables, one per part of the report: general
 * (every known category but the sensitive one) and, only when asked for, sensitive. Every query
 * of a page names its part's table, so the general page, its CSV file and its recordings are
 * made from a table that holds no report of harassment or violence at all; a category this
 * pallayctl does not know is in neither (it could be a sensitive one): only counted. */
#include "voices.h"
#include "csv.h"
#include "names.h"
#include "network.h"
#include "../base/text.h"
#include "../store/voice.h"
#include "../sync/age.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const CATEGORIES[] = VOICE_CATEGORIES;

#define MAX_COMMUNITY_CHARTS 50   /* then the table and voices.csv have the rest */

/* One page of reports, with its folder of recordings. */
typedef struct {
    const char *page, *folder, *csv;   /* csv NULL: none */
    const char *table;                 /* the temporary table it is made from, and nothing else */
    const char *title;                 /* its <title> and its first line */
    const char *intro;
    int by_category;                   /* a chart per community of what it reports (else one of communities) */
} Part;

static const Part GENERAL = {
    "voices.html", "voices", "voices.csv", "temp.voice_general", "Pallay: voces de las mujeres",
    "Mensajes de voz que las mujeres enviaron a la red desde los quioscos (Cuéntanos), con su seña o sin nombre."
    " Solo quien tiene la clave de la red puede escucharlos; en el quiosco nadie puede, tampoco quien facilita.",
    1,
};
static const Part SENSITIVE = {
    "sensitive.html", "sensitive", NULL, "temp.voice_sensitive",
    "Reportes sensibles de acoso y violencia: guárdelos aparte del informe general",
    "Lo que las mujeres contaron a la red sobre acoso o violencia. No comparta esta página ni la carpeta sensitive/ con"
    " el informe general: guárdelas donde solo lleguen las personas de la red que atienden estos casos.",
    0,
};

/* Each report of a part, ordered as the page lists them: ?1 = 1 leaves out her sign. */
#define ROWS "SELECT id, word, community, coalesce(month, 'mes desconocido'), CASE WHEN learner_id IS NULL THEN 'anónimo'" \
             " WHEN ?1 THEN 'con su seña (omitida)' ELSE sign END, seconds, audio FROM %s" \
             " ORDER BY rank, community, month IS NULL, month, id"

/* The reports of one part: those whose category is known and, sensitive or not, is as asked. */
#define PART_TABLE(name, sensitive)                                                                          \
    "DROP TABLE IF EXISTS temp." name ";"                                                                  \
    "CREATE TEMP TABLE " name " AS SELECT v.id, v.category, " NAMES_OF("category", "v.category") " AS word," \
    " k.rank, coalesce(c.name, '(sin comunidad)') AS community,"                                           \
    " CASE WHEN v.day_ok THEN strftime('%Y-%m', v.day, 'unixepoch') END AS month, v.learner_id,"           \
    " l.symbol, l.colour, " NAMES_OF("symbol", "l.symbol") " || ' ' || " NAMES_OF("colour", "l.colour") " AS sign," \
    " v.seconds, r.kiosk_id, a.id IS NOT NULL AS audio FROM voice_report v JOIN record r ON r.id = v.id"    \
    " JOIN temp.voice_kind k ON k.category = v.category AND k.sensitive = " sensitive                       \
    " LEFT JOIN community c ON c.id = v.community_id LEFT JOIN learner l ON l.id = v.learner_id"            \
    " LEFT JOIN voice_audio a ON a.id = v.id WHERE v.id NOT IN (SELECT id FROM temp.voided);"

static int db_fail(sqlite3 *db, Err *e)
{
    return err_set(e, "report: voices: %s", sqlite3_errmsg(db));
}

int voices_prepare(sqlite3 *db, int sensitive, Err *e)
{
    if (sqlite3_exec(db, "DROP TABLE IF EXISTS temp.voice_sensitive; DROP TABLE IF EXISTS temp.voice_kind;"
                         "CREATE TEMP TABLE voice_kind (category TEXT PRIMARY KEY, rank INTEGER, sensitive INTEGER) WITHOUT ROWID",
                     NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(db, e);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT INTO temp.voice_kind VALUES (?, ?, ?)", -1, &st, NULL) != SQLITE_OK) return db_fail(db, e);
    int rc = 0;
    for (int i = 0; rc == 0 && i < VOICE_NCATEGORIES; i++) {
        sqlite3_bind_text(st, 1, CATEGORIES[i], -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, i);
        sqlite3_bind_int(st, 3, strcmp(CATEGORIES[i], VOICE_SENSITIVE) == 0);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(db, e);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (rc == 0 && sqlite3_exec(db, PART_TABLE("voice_general", "0"), NULL, NULL, NULL) != SQLITE_OK) rc = db_fail(db, e);
    if (rc == 0 && sensitive && sqlite3_exec(db, PART_TABLE("voice_sensitive", "1"), NULL, NULL, NULL) != SQLITE_OK) rc = db_fail(db, e);
    return rc;
}

/* A query of part p: fmt names its table with one %s. */
static sqlite3_stmt *part_query(Html *h, const Part *p, const char *fmt)
{
    char *sql = sqlite3_mprintf(fmt, p->table);
    expect(sql);
    sqlite3_stmt *st = html_query(h, sql);
    sqlite3_free(sql);
    return st;
}

/* Writing the recordings of one part: its folder, the statement that reads a sealed one. */
typedef struct {
    const unsigned char *identity;
    char folder[PALLAY_PATH_LEN];
    sqlite3_stmt *sealed;
    VoicesTally *t;
} Recordings;

static int write_all(int fd, const unsigned char *b, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, b, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        b += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Opens the recording of report id and writes it as FOLDER/id.ogg (mode 0600: it is her voice).
 * -1 (with e) if it cannot be opened or written. */
static int recording(Recordings *r, const char *id, Err *e)
{
    char path[PALLAY_PATH_LEN];
    if (!text_is_id(id) || id[0] == '.') return err_set(e, "%s: an id that cannot name a file", id);
    if (text_fmt(path, sizeof path, "%s/%s.ogg", r->folder, id) < 0) return err_set(e, "%s: the path is too long", r->folder);
    sqlite3_bind_text(r->sealed, 1, id, -1, SQLITE_TRANSIENT);
    int rc = -1;
    unsigned char *plain = NULL;
    size_t n = 0;
    const void *blob = sqlite3_step(r->sealed) == SQLITE_ROW ? sqlite3_column_blob(r->sealed, 0) : NULL;
    int size = blob ? sqlite3_column_bytes(r->sealed, 0) : 0;
    FILE *in = size > 0 ? fmemopen((void *)blob, (size_t)size, "rb") : NULL;
    if (!in) err_set(e, "%s: no sealed recording", id);
    else if (age_decrypt(in, r->identity, &plain, &n, e) < 0) {
        char why[PALLAY_ERR_LEN];
        text_copy(why, sizeof why, e->msg);
        err_set(e, "%s: %s", id, why);
    } else if (n < 4 || memcmp(plain, "OggS", 4) != 0) err_set(e, "%s: not an OGG recording", id);
    else if (mkdir(r->folder, 0700) != 0 && errno != EEXIST) err_set(e, "%s: cannot make the folder: %s", r->folder, strerror(errno));
    else {
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0 || write_all(fd, plain, n) < 0) err_set(e, "%s: cannot write it: %s", path, strerror(errno));
        else rc = 0;
        if (fd >= 0 && close(fd) != 0 && rc == 0) rc = err_set(e, "%s: cannot finish writing it (is the disk full?)", path);
    }
    if (in) fclose(in);
    free(plain);
    sqlite3_reset(r->sealed);
    return rc;
}

/* The player of one report's recording, or why there is none. */
static void player(Html *h, Recordings *r, const Part *p, const char *id, int audio)
{
    Err e;
    if (!audio) fputs("<span class=\"note\">Sin grabación.</span>", h->f);
    else if (recording(r, id, &e) == 0) {
        fprintf(h->f, "<audio controls preload=\"none\" src=\"%s/", p->folder);
        html_esc(h->f, id);
        fputs(".ogg\"></audio>", h->f);
        r->t->written++;
    } else {
        fputs("<span class=\"warn\">No se pudo abrir la grabación.</span>", h->f);
        if (!r->t->unreadable++) r->t->first = e;
    }
}

/* The table of reports, each with its player on a row of its own below it (the whole width of a
 * phone: beside the words it would need a sideways scroll); returns how many. */
static long long list(Html *h, const Part *p, Recordings *r)
{
    static const char *const HEAD[] = { "Tema", "Comunidad", "Mes", "Quién", "Duración" };
    fputs("<section><h2>Los mensajes</h2>\n<div class=\"scroll\"><table><tr>", h->f);
    for (size_t i = 0; i < sizeof HEAD / sizeof *HEAD; i++) fprintf(h->f, "<th>%s</th>", HEAD[i]);
    fputs("</tr>\n", h->f);
    sqlite3_stmt *st = part_query(h, p, ROWS);
    long long rows = 0;
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        fputs(r->identity ? "<tr class=\"said\">" : "<tr>", h->f);
        for (int i = 1; i <= 4; i++) {
            fputs("<td>", h->f);
            html_esc(h->f, html_col(st, i));
            fputs("</td>", h->f);
        }
        int s = sqlite3_column_int(st, 5);
        fprintf(h->f, "<td class=\"n\">%d:%02d</td></tr>\n", s / 60, s % 60);
        if (r->identity) {
            fputs("<tr class=\"play\"><td colspan=\"5\">", h->f);
            player(h, r, p, html_col(st, 0), sqlite3_column_int(st, 6));
            fputs("</td></tr>\n", h->f);
        }
        rows++;
    }
    sqlite3_finalize(st);
    if (!rows) fputs("<tr><td colspan=\"5\" class=\"note\">Ninguno.</td></tr>\n", h->f);
    fputs("</table></div></section>\n", h->f);
    return rows;
}

static void summary(Html *h, const Part *p)
{
    static const char *const WHAT[] = { "mensajes", "con su seña", "sin nombre", "comunidades" };
    static const char *const SQL[] = {
        "SELECT count(*) FROM %s", "SELECT count(*) FROM %s WHERE learner_id IS NOT NULL",
        "SELECT count(*) FROM %s WHERE learner_id IS NULL", "SELECT count(DISTINCT community) FROM %s",
    };
    char num[32];
    fputs("<section><div class=\"cards\">\n", h->f);
    for (int i = 0; i < 4; i++) {
        sqlite3_stmt *st = part_query(h, p, SQL[i]);
        long long v = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
        sqlite3_finalize(st);
        fprintf(h->f, "<div class=\"card\"><b>%s</b>%s</div>\n", network_count(v, num), WHAT[i]);
    }
    fputs("</div></section>\n", h->f);
}

/* What women report most, and what each community reports most. */
static void charts(Html *h, const Part *p)
{
    static const char *const ONE[] = { "mensajes" };
    if (!p->by_category) {
        fputs("<section><h2>Por comunidad</h2>\n", h->f);
        html_chart(h, "Mensajes por comunidad", ONE, 1, part_query(h, p, "SELECT community, count(*) FROM %s GROUP BY 1 ORDER BY 2 DESC, 1"));
        fputs("</section>\n", h->f);
        return;
    }
    fputs("<section><h2>Lo que más reportan</h2>\n", h->f);
    html_chart(h, "Mensajes por tema", ONE, 1, part_query(h, p, "SELECT word, count(*) FROM %s GROUP BY category ORDER BY 2 DESC, rank"));
    fputs("<h2>Por comunidad</h2>\n", h->f);
    sqlite3_stmt *each = part_query(h, p, "SELECT community, count(*) FROM %s GROUP BY 1 ORDER BY 2 DESC, 1");
    int n = 0, more = 0;
    char num[32];
    while (each && sqlite3_step(each) == SQLITE_ROW) {
        if (n++ == MAX_COMMUNITY_CHARTS) {
            more++;
            continue;
        }
        fputs("<h3>", h->f);
        html_esc(h->f, html_col(each, 0));
        fprintf(h->f, " (%s)</h3>\n", network_count(sqlite3_column_int64(each, 1), num));
        /* ?3: the community (?1 and ?2 are html_query's). */
        sqlite3_stmt *st = part_query(h, p, "SELECT word, count(*) FROM %s WHERE community = ?3 GROUP BY category ORDER BY 2 DESC, rank");
        if (st) sqlite3_bind_text(st, 3, html_col(each, 0), -1, SQLITE_TRANSIENT);
        html_chart(h, "Mensajes de la comunidad por tema", ONE, 1, st);
    }
    sqlite3_finalize(each);
    if (more) fprintf(h->f, "<p class=\"note\">y %s comunidades más: sus mensajes están en la tabla y en voices.csv.</p>\n", network_count(more, num));
    fputs("</section>\n", h->f);
}

/* The page of part p and its recordings; *reports: how many it lists. */
static int write_part(sqlite3 *db, const char *dir, const Part *p, const VoicesOptions *o, VoicesTally *t, long long *reports, Err *e)
{
    char path[PALLAY_PATH_LEN];
    Recordings r = { .identity = o->identity, .t = t };
    if (text_fmt(path, sizeof path, "%s/%s", dir, p->page) < 0 || text_fmt(r.folder, sizeof r.folder, "%s/%s", dir, p->folder) < 0)
        return err_set(e, "%s: the path is too long", dir);
    if (sqlite3_prepare_v2(db, "SELECT sealed FROM voice_audio WHERE id = ?", -1, &r.sealed, NULL) != SQLITE_OK) return db_fail(db, e);
    Html h;
    if (html_open(&h, db, path, p->title, o->anonymous, e) < 0) {
        sqlite3_finalize(r.sealed);
        return -1;
    }
    fprintf(h.f, "<h1%s>%s</h1>\n<p class=\"note\">%s", p == &SENSITIVE ? " class=\"warn\"" : "", p->title, p->intro);
    fputs(o->anonymous ? " Informe anónimo: sin señas.</p>\n" : "</p>\n", h.f);
    if (!o->identity)
        fputs("<p class=\"warn\">Las grabaciones no están aquí: para escucharlas, haga el informe con la clave de la red"
              " (pallayctl report … --identity network.key).</p>\n", h.f);
    summary(&h, p);
    charts(&h, p);
    *reports = list(&h, p, &r);
    if (p == &GENERAL) {
        char num[32];
        long long unknown = html_scalar(&h, "SELECT count(*) FROM voice_report WHERE category NOT IN (SELECT category FROM temp.voice_kind)"
                                                 " AND id NOT IN (SELECT id FROM temp.voided)");
        if (unknown)
            fprintf(h.f, "<p class=\"note\">%s mensajes de un tema que esta versión de pallayctl no conoce no se muestran:"
                         " actualícelo.</p>\n", network_count(unknown, num));
    }
    sqlite3_finalize(r.sealed);
    return html_close(&h);
}

/* voices.csv: one row per report of the general part, categories and signs as ids. */
static int write_csv(sqlite3 *db, const char *dir, const Part *p, int anonymous, Err *e)
{
    char path[PALLAY_PATH_LEN];
    if (text_fmt(path, sizeof path, "%s/%s", dir, p->csv) < 0) return err_set(e, "%s: the path is too long", dir);
    char *sql = sqlite3_mprintf("SELECT id AS report, category, community, month, kiosk_id AS kiosk,"
                                " CASE WHEN learner_id IS NULL THEN 'no' ELSE 'yes' END AS signed,"
                                " CASE WHEN learner_id IS NOT NULL AND ?1 = 0 THEN symbol || '/' || colour END AS sign, seconds"
                                " FROM %s ORDER BY rank, community, month IS NULL, month, id",
                                p->table);
    expect(sql);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK ? 0 : db_fail(db, e);
    sqlite3_free(sql);
    if (rc < 0) return -1;
    sqlite3_bind_int(st, 1, anonymous);
    Csv c;
    if (csv_open(&c, path, e) < 0) rc = -1;
    else if (csv_query(&c, st, e) < 0) {
        csv_close(&c, NULL);
        rc = -1;
    } else rc = csv_close(&c, e);
    sqlite3_finalize(st);
    return rc;
}

/* Removes folder dir/name and the files in it, as an earlier report left them. */
static int remove_folder(const char *dir, const char *name, Err *e)
{
    char path[PALLAY_PATH_LEN];
    if (text_fmt(path, sizeof path, "%s/%s", dir, name) < 0) return err_set(e, "%s: the path is too long", dir);
    text_clear_dir(path);
    if (rmdir(path) == 0 || errno == ENOENT) return 0;
    return err_set(e, "%s: cannot remove what an earlier report left there (%s); move the folder away, then run the report again",
                   path, strerror(errno));
}

int voices_write(sqlite3 *db, const char *dir, const VoicesOptions *o, VoicesTally *t, Err *e)
{
    char page[PALLAY_PATH_LEN];
    *t = (VoicesTally){ 0 };
    /* An earlier report's sensitive page goes first, and whatever was asked: a general report
     * made again in the same folder must not carry it along. */
    if (text_fmt(page, sizeof page, "%s/%s", dir, SENSITIVE.page) < 0) return err_set(e, "%s: the path is too long", dir);
    if (unlink(page) != 0 && errno != ENOENT) return err_set(e, "%s: cannot remove it: %s", page, strerror(errno));
    if (remove_folder(dir, SENSITIVE.folder, e) < 0 || remove_folder(dir, GENERAL.folder, e) < 0) return -1;
    if (write_part(db, dir, &GENERAL, o, t, &t->reports, e) < 0 || write_csv(db, dir, &GENERAL, o->anonymous, e) < 0) return -1;
    return o->sensitive ? write_part(db, dir, &SENSITIVE, o, t, &t->sensitive, e) : 0;
}

void voices_section(Html *h)
{
    char num[32];
    long long n = html_scalar(h, "SELECT count(*) FROM temp.voice_general");
    fprintf(h->f, "<section><h2>Voces de las mujeres</h2>\n<p>%s %s de voz de las mujeres a la red. <a href=\"voices.html\">"
                  "Escucharlos, por tema, comunidad y mes</a> (y voices.csv).</p></section>\n",
            network_count(n, num), n == 1 ? "mensaje" : "mensajes");
}
