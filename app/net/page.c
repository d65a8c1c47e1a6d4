/* page: sections written straight from queries to the file. Charts are horizontal bars (labels
 * left, bars right) in a viewBox that scales to the width of a phone or of an A4 page. Markup is
 * written by fputs/fprintf with constant text and numbers only; anything from the database goes
 * through esc(). */
#include "page.h"
#include "missed.h"
#include "names.h"
#include "network.h"
#include "report.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#define MAX_BARS 100   /* a network's communities fit; months are cut to the latest 40 */

typedef struct {
    FILE *f;
    sqlite3 *db;
    int anonymous;
    int failed;
    Err *e;
} Page;

static const char STYLE[] =
    "body{font-family:system-ui,'Segoe UI',Roboto,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#222;line-height:1.4}"
    "h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;border-bottom:3px solid #b5651d;padding-bottom:.2rem;margin-top:2rem}"
    "h3{font-size:1.05rem}.note{color:#555;font-size:.9rem}"
    ".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.5rem}"
    ".card{border:1px solid #ccc;border-radius:.4rem;padding:.5rem}.card b{display:block;font-size:1.7rem}"
    ".scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9rem}"
    "th,td{border-bottom:1px solid #ddd;padding:.3rem .4rem;text-align:left;vertical-align:top}th{background:#f4efe9}"
    "td.n,th.n{text-align:right}svg{display:block;width:100%;max-width:36rem;height:auto;margin:.5rem 0}"
    ".legend span{display:inline-block;margin-right:1rem}.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem}"
    ".warn{color:#a40000}"
    "@media (max-width:40rem){body{padding:.5rem}h1{font-size:1.3rem}table{font-size:.8rem}.card b{font-size:1.3rem}}"
    "@media print{@page{size:A4;margin:15mm}body{max-width:none;padding:0;font-size:10pt}"
    "section,table,svg{break-inside:avoid}.scroll{overflow:visible}h2{break-after:avoid}}";

static const char *const COLOUR[2] = { "#b5651d", "#2e6f8e" };

/* Text from the records, safe in an element or an attribute. */
static void esc(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*s, f);
        }
    }
}

static const char *col(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s ? s : "";
}

/* A statement, or NULL after noting the failure (the page goes on; page_write reports it). */
static sqlite3_stmt *query(Page *p, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(p->db, sql, -1, &st, NULL) != SQLITE_OK) {
        if (!p->failed) err_set(p->e, "report: %s", sqlite3_errmsg(p->db));
        p->failed = 1;
        return NULL;
    }
    if (sqlite3_bind_parameter_count(st) > 0) sqlite3_bind_int(st, 1, p->anonymous);
    if (sqlite3_bind_parameter_count(st) > 1) sqlite3_bind_int(st, 2, 1);   /* in words (REPORT_LACKING) */
    return st;
}

static long long scalar(Page *p, const char *sql)
{
    sqlite3_stmt *st = query(p, sql);
    long long v = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return v;
}

/* At most 30 characters of a label (whole UTF-8 sequences), "…" if cut. */
static void label(FILE *f, const char *s)
{
    char buf[160];
    size_t n = 0;
    int chars = 0;
    for (; s[n] && n < sizeof buf - 4; n++) {
        if (((unsigned char)s[n] & 0xC0) != 0x80 && ++chars > 30) break;
        buf[n] = s[n];
    }
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;   /* never half a character */
    memcpy(buf, s, n);
    buf[n] = '\0';
    esc(f, buf);
    if (s[n]) fputs("…", f);
}

/* Bars from the rows of st: column 0 the label, then one value per series. */
static void chart(Page *p, const char *title, const char *const *series, int nseries, sqlite3_stmt *st)
{
    static struct { char name[160]; long long v[2]; } bars[MAX_BARS];
    int n = 0, more = 0;
    long long max = 1;
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        if (n == MAX_BARS) {
            more++;
            continue;
        }
        snprintf(bars[n].name, sizeof bars[n].name, "%s", col(st, 0));
        for (int s = 0; s < nseries; s++) {
            bars[n].v[s] = sqlite3_column_int64(st, 1 + s);
            if (bars[n].v[s] > max) max = bars[n].v[s];
        }
        n++;
    }
    sqlite3_finalize(st);
    if (n == 0) {
        fputs("<p class=\"note\">Sin datos todavía.</p>\n", p->f);
        return;
    }
    if (nseries > 1) {
        fputs("<p class=\"legend\">", p->f);
        for (int s = 0; s < nseries; s++) fprintf(p->f, "<span><i style=\"background:%s\"></i>%s</span>", COLOUR[s], series[s]);
        fputs("</p>\n", p->f);
    }
    /* Each label on a line of its own above its bars, all 480 units wide: on a phone (some 370
     * px) a unit is 0.8 px and the labels 11 px high; on a wide page the chart stops at 36rem. */
    int bar = 18, label_h = 20, row = label_h + nseries * bar + 10, height = n * row + 4;
    fprintf(p->f, "<svg viewBox=\"0 0 480 %d\" role=\"img\" aria-label=\"%s\"><title>%s</title>\n", height, title, title);
    char num[32];
    for (int i = 0; i < n; i++) {
        int y = i * row + 2;
        fprintf(p->f, "<text x=\"0\" y=\"%d\" font-size=\"15\">", y + 15);
        label(p->f, bars[i].name);
        fputs("</text>\n", p->f);
        for (int s = 0; s < nseries; s++) {
            int w = (int)(bars[i].v[s] * 390 / max), by = y + label_h + s * bar;
            fprintf(p->f, "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>"
                          "<text x=\"%d\" y=\"%d\" font-size=\"14\">%s</text>\n",
                    by, w, bar - 3, COLOUR[s], 6 + w, by + 13, network_count(bars[i].v[s], num));
        }
    }
    fputs("</svg>\n", p->f);
    if (more) fprintf(p->f, "<p class=\"note\">y %s más (ver los archivos CSV).</p>\n", network_count(more, num));
}

/* A table: the header cells given, then the rows of st (numbers right-aligned), at most max
 * (then a note that the CSV files have them all). */
static void table(Page *p, const char *const *head, int ncol, sqlite3_stmt *st, int max)
{
    fputs("<div class=\"scroll\"><table><tr>", p->f);
    for (int i = 0; i < ncol; i++) fprintf(p->f, "<th>%s</th>", head[i]);
    fputs("</tr>\n", p->f);
    int rows = 0, more = 0;
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        if (rows == max) {
            more++;
            continue;
        }
        fputs("<tr>", p->f);
        for (int i = 0; i < ncol; i++) {
            int num = sqlite3_column_type(st, i) == SQLITE_INTEGER || sqlite3_column_type(st, i) == SQLITE_FLOAT;
            fputs(num ? "<td class=\"n\">" : "<td>", p->f);
            char n[32];
            esc(p->f, sqlite3_column_type(st, i) == SQLITE_INTEGER ? network_count(sqlite3_column_int64(st, i), n) : col(st, i));
            fputs("</td>", p->f);
        }
        fputs("</tr>\n", p->f);
        rows++;
    }
    sqlite3_finalize(st);
    if (!rows) fprintf(p->f, "<tr><td colspan=\"%d\" class=\"note\">Ninguno.</td></tr>\n", ncol);
    fputs("</table></div>\n", p->f);
    char num[32];
    if (more) fprintf(p->f, "<p class=\"note\">y %s más: la lista completa está en los archivos CSV.</p>\n", network_count(more, num));
}

static void summary(Page *p)
{
    struct { const char *what, *sql; } CARDS[] = {
        { "mujeres registradas", "SELECT count(*) FROM temp.home" },
        { "mujeres capacitadas", "SELECT count(DISTINCT learner_id) FROM temp.trained" },
        { "asistieron a talleres", "SELECT count(DISTINCT learner_id) FROM temp.came" },
        { "piezas de equipo entregadas", "SELECT coalesce(sum(quantity), 0) FROM temp.given" },
        { "quioscos", "SELECT count(*) FROM net_kiosk WHERE key IS NOT NULL" },
    };
    char num[32];
    fputs("<section><div class=\"cards\">\n", p->f);
    for (size_t i = 0; i < sizeof CARDS / sizeof *CARDS; i++)
        fprintf(p->f, "<div class=\"card\"><b>%s</b>%s</div>\n", network_count(scalar(p, CARDS[i].sql), num), CARDS[i].what);
    fputs("</div>\n<p class=\"note\">Capacitada: asistió a un taller o completó un módulo en el quiosco. Fechas en UTC; las de un quiosco"
          " con el reloj equivocado, corregidas.</p></section>\n", p->f);
}

static void trained(Page *p)
{
    static const char *const ONE[] = { "mujeres" };
    fputs("<section><h2>Mujeres capacitadas</h2>\n<h3>Por comunidad</h3>\n", p->f);
    chart(p, "Mujeres capacitadas por comunidad", ONE, 1,
          query(p, "SELECT coalesce(community, '(sin comunidad)'), count(DISTINCT learner_id) FROM temp.trained GROUP BY 1 ORDER BY 2 DESC, 1"));
    fputs("<h3>Por mes</h3>\n", p->f);
    chart(p, "Mujeres capacitadas por mes", ONE, 1,
          query(p, "SELECT * FROM (SELECT strftime('%Y-%m', at, 'unixepoch') AS m, count(DISTINCT learner_id)"
                   " FROM temp.trained GROUP BY 1 ORDER BY 1 DESC LIMIT 40) ORDER BY m"));   /* the latest 40 months */
    fputs("</section>\n", p->f);
}

static void modules(Page *p)
{
    /* Each figure one grouped pass over its table, kept for the chart and the table. */
    static const char FIGURES[] =
        "DROP TABLE IF EXISTS temp.modules;"
        "CREATE TEMP TABLE modules AS"
        " WITH m AS (SELECT module FROM completion UNION SELECT module FROM attempt),"
        " done AS (SELECT module, count(DISTINCT learner_id) AS n FROM temp.done GROUP BY 1),"
        " fin AS (SELECT module, count(DISTINCT CASE WHEN passed = 1 THEN learner_id END) AS passed, count(*) AS n,"
        "   sum(passed) AS p FROM temp.quiz WHERE end_id IS NOT NULL GROUP BY 1)"
        " SELECT m.module, coalesce(done.n, 0) AS completed, coalesce(fin.passed, 0) AS passed, coalesce(fin.n, 0) AS finished,"
        " CAST(round(100.0 * fin.p / fin.n) AS INTEGER) || ' %' AS rate"
        " FROM m LEFT JOIN done ON done.module = m.module LEFT JOIN fin ON fin.module = m.module ORDER BY 1";
    static const char MODULES[] = "SELECT " NAMES_OF("module", "module") ", completed, passed, finished, rate FROM temp.modules ORDER BY module";
    static const char *const SERIES[] = { "completaron el módulo", "aprobaron la prueba" };
    static const char *const HEAD[] = { "Módulo", "Completaron", "Aprobaron", "Pruebas terminadas", "Tasa de aprobación" };
    static const char *const WRONG_HEAD[] = { "Módulo", "Pregunta", "Respuestas", "Equivocadas", "Mujeres que se equivocaron" };
    char *msg = NULL;
    if (sqlite3_exec(p->db, FIGURES, NULL, NULL, &msg) != SQLITE_OK) {
        if (!p->failed) err_set(p->e, "report: %s", msg ? msg : sqlite3_errmsg(p->db));
        p->failed = 1;
    }
    sqlite3_free(msg);
    fputs("<section><h2>Módulos y pruebas</h2>\n", p->f);
    chart(p, "Mujeres que completaron y aprobaron cada módulo", SERIES, 2, query(p, MODULES));
    table(p, HEAD, 5, query(p, MODULES), 100);
    fputs("<h3>Preguntas con más respuestas equivocadas</h3>\n", p->f);
    Err me;
    if (missed_questions(p->db, &me) < 0) {
        if (!p->failed) *p->e = me;   /* the first failure is the one reported, as in query() */
        p->failed = 1;
    }
    table(p, WRONG_HEAD, 5,
          query(p, "SELECT " NAMES_OF("module", "module") ", coalesce((SELECT name FROM temp.net_name WHERE kind = 'question'"
                   " AND id = module || '.' || question), 'Pregunta ' || question), answers, wrong, women FROM temp.missed"
                   " ORDER BY 1.0 * wrong / answers DESC, wrong DESC, module, question LIMIT 10"), 10);
    fputs("</section>\n", p->f);
}

static void equipment(Page *p)
{
    static const char *const SERIES[] = { "asistieron a un taller", "recibieron equipo" };
    static const char *const HEAD[] = { "Comunidad", "Equipo", "Piezas", "Mujeres" };
    static const char *const LACK_HEAD[] = { "Comunidad", "Seña", "Nombre (con su consentimiento)", "Le falta" };
    fputs("<section><h2>Equipo de protección</h2>\n<h3>Asistentes y entregas por comunidad</h3>\n", p->f);
    chart(p, "Mujeres que asistieron y mujeres que recibieron equipo, por comunidad", SERIES, 2,
          query(p, "WITH c AS (SELECT community FROM temp.came UNION SELECT community FROM temp.given)"
                   " SELECT coalesce(c.community, '(sin comunidad)'),"
                   " (SELECT count(DISTINCT learner_id) FROM temp.came a WHERE a.community IS c.community),"
                   " (SELECT count(DISTINCT learner_id) FROM temp.given g WHERE g.community IS c.community) FROM c ORDER BY 1"));
    fputs("<h3>Entregado por equipo y comunidad</h3>\n", p->f);
    table(p, HEAD, 4,
          query(p, "SELECT coalesce(community, '(sin comunidad)'), " NAMES_OF("item", "item") ", sum(quantity), count(DISTINCT learner_id)"
                   " FROM temp.given GROUP BY 1, item ORDER BY 1, 2"), 500);
    fputs("<h3>Quién aún no tiene qué</h3>\n<p class=\"note\">Mujeres que asistieron a un taller y no recibieron alguno de los"
          " equipos que la red entrega (todas en lacking.csv).</p>\n", p->f);
    table(p, LACK_HEAD, 4,
          query(p, REPORT_LACKING), 200);
    fputs("</section>\n", p->f);
}

/* The gaps network.c finds, kept for the kiosk table. */
static void keep_gap(void *ctx, const char *id, long long high, long long first, long long last)
{
    sqlite3_stmt *st = ctx;
    (void)high;
    if (!first) return;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, first);
    sqlite3_bind_int64(st, 3, last);
    sqlite3_step(st);
    sqlite3_reset(st);
}

static void kiosks(Page *p)
{
    static const char KIOSKS[] =
        /* Where it stands: its latest workshop's community, else its latest registration's. */
        "SELECT k.id, coalesce((SELECT c.name FROM record r JOIN workshop w ON w.id = r.id JOIN community c ON c.id = w.community_id"
        "   WHERE r.kiosk_id = k.id ORDER BY r.seq DESC LIMIT 1), (SELECT c.name FROM record r JOIN participant p ON p.id = r.id"
        "   JOIN community c ON c.id = p.community_id WHERE r.kiosk_id = k.id ORDER BY r.seq DESC LIMIT 1)),"
        /* Its latest record's time: a corrected time is never later than the trusted one after it. */
        " date(max((SELECT max(created_at) FROM record WHERE kiosk_id = k.id),"
        "   coalesce((SELECT max(at) FROM net_time WHERE kiosk_id = k.id), 0)), 'unixepoch'),"
        " date(k.last_exported_at, 'unixepoch'), (SELECT max(last_exported_at) FROM net_kiosk) - k.last_exported_at,"
        " k.free_disk_bytes, k.power_losses, k.last_errors, k.clock_trusted,"
        " (SELECT group_concat(CASE WHEN first = last THEN first ELSE first || '–' || last END, ', ') FROM temp.gap g WHERE g.kiosk_id = k.id),"
        " (SELECT count(DISTINCT record_id) FROM net_conflict x WHERE x.kiosk_id = k.id)"
        " FROM net_kiosk k WHERE k.key IS NOT NULL ORDER BY 2, 1";
    fputs("<section><h2>Quioscos</h2>\n", p->f);
    sqlite3_stmt *ins = query(p, "INSERT INTO temp.gap VALUES (?, ?, ?)");
    Err e;
    if (ins && network_each_gap(p->db, keep_gap, ins, &e) < 0 && !p->failed) {
        *p->e = e;
        p->failed = 1;
    }
    sqlite3_finalize(ins);
    sqlite3_stmt *st = query(p, KIOSKS);
    fputs("<div class=\"scroll\"><table><tr><th>Quiosco</th><th>Lugar</th><th>Último registro</th><th>Último envío</th>"
          "<th>Registros que nunca llegaron</th><th>Avisos</th></tr>\n", p->f);
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        fputs("<tr><td>", p->f);
        fprintf(p->f, "%.8s…</td><td>", col(st, 0));
        esc(p->f, col(st, 1));
        fputs("</td><td>", p->f);
        esc(p->f, col(st, 2));
        fputs("</td><td>", p->f);
        esc(p->f, col(st, 3));
        fputs("</td><td>", p->f);
        esc(p->f, sqlite3_column_type(st, 9) == SQLITE_NULL ? "ninguno" : col(st, 9));
        fputs("</td><td class=\"warn\">", p->f);
        long long behind = sqlite3_column_int64(st, 4) / 86400;
        if (behind >= 14) fprintf(p->f, "Sin enviar desde %lld días antes que el último quiosco. ", behind);
        if (sqlite3_column_type(st, 5) != SQLITE_NULL && sqlite3_column_int64(st, 5) < 500LL * 1000 * 1000)
            fprintf(p->f, "Poco espacio libre (%lld MB). ", sqlite3_column_int64(st, 5) / 1000000);
        if (sqlite3_column_int64(st, 6) > 0) fprintf(p->f, "%lld apagones o cortes. ", sqlite3_column_int64(st, 6));
        if (sqlite3_column_type(st, 8) != SQLITE_NULL && sqlite3_column_int(st, 8) == 0) fputs("Reloj sin hora confiable. ", p->f);
        if (sqlite3_column_int64(st, 10) > 0)
            fprintf(p->f, "%lld registros en conflicto (ver pallayctl merge). ", sqlite3_column_int64(st, 10));
        if (col(st, 7)[0]) {
            fputs("Errores: ", p->f);
            esc(p->f, col(st, 7));
        }
        fputs("</td></tr>\n", p->f);
    }
    sqlite3_finalize(st);
    fputs("</table></div></section>\n", p->f);
}

int page_write(sqlite3 *db, const char *path, int anonymous, Err *e)
{
    Page p = { fopen(path, "wb"), db, anonymous, 0, e };
    if (!p.f) return err_set(e, "%s: cannot write the file", path);
    char *msg = NULL;
    if (sqlite3_exec(db, "DROP TABLE IF EXISTS temp.gap; CREATE TEMP TABLE gap (kiosk_id TEXT, first INTEGER, last INTEGER)", NULL, NULL,
                     &msg) != SQLITE_OK) {
        err_set(e, "report: %s", msg);
        sqlite3_free(msg);
        fclose(p.f);
        return -1;
    }
    fprintf(p.f, "<!DOCTYPE html>\n<html lang=\"es\"><head><meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<title>Pallay: informe de la red</title>\n<style>%s</style></head><body>\n"
                 "<h1>Pallay: informe de la red</h1>\n",
            STYLE);
    sqlite3_stmt *st = query(&p, "SELECT date(max((SELECT max(created_at) FROM record), coalesce((SELECT max(at) FROM net_time), 0)), 'unixepoch')");
    if (st && sqlite3_step(st) == SQLITE_ROW) {
        fputs("<p class=\"note\">Registros hasta el ", p.f);
        esc(p.f, col(st, 0));
        fputs(p.anonymous ? ". Informe anónimo: sin nombres.</p>\n" : ". Nombres solo de quienes dieron su consentimiento.</p>\n", p.f);
    }
    sqlite3_finalize(st);
    summary(&p);
    trained(&p);
    modules(&p);
    equipment(&p);
    kiosks(&p);
    fputs("</body></html>\n", p.f);
    int bad = ferror(p.f);
    if (fclose(p.f) != 0) bad = 1;
    if (p.failed) return -1;
    return bad ? err_set(e, "%s: cannot finish writing (is the disk full?)", path) : 0;
}
