/* page: the report's sections, each written straight from its queries (html.h: the head, the
 * charts and the tables every page of the report shares). */
#include "page.h"
#include "html.h"
#include "missed.h"
#include "names.h"
#include "network.h"
#include "report.h"
#include "voices.h"

#include <sqlite3.h>
#include <stdio.h>

static void summary(Html *p)
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
        fprintf(p->f, "<div class=\"card\"><b>%s</b>%s</div>\n", network_count(html_scalar(p, CARDS[i].sql), num), CARDS[i].what);
    fputs("</div>\n<p class=\"note\">Capacitada: asistió a un taller o completó un módulo en el quiosco. Fechas en UTC; las de un quiosco"
          " con el reloj equivocado, corregidas.</p></section>\n", p->f);
}

static void trained(Html *p)
{
    static const char *const ONE[] = { "mujeres" };
    fputs("<section><h2>Mujeres capacitadas</h2>\n<h3>Por comunidad</h3>\n", p->f);
    html_chart(p, "Mujeres capacitadas por comunidad", ONE, 1,
          html_query(p, "SELECT coalesce(community, '(sin comunidad)'), count(DISTINCT learner_id) FROM temp.trained GROUP BY 1 ORDER BY 2 DESC, 1"));
    fputs("<h3>Por mes</h3>\n", p->f);
    html_chart(p, "Mujeres capacitadas por mes", ONE, 1,
          html_query(p, "SELECT * FROM (SELECT strftime('%Y-%m', at, 'unixepoch') AS m, count(DISTINCT learner_id)"
                   " FROM temp.trained GROUP BY 1 ORDER BY 1 DESC LIMIT 40) ORDER BY m"));   /* the latest 40 months */
    fputs("</section>\n", p->f);
}

static void modules(Html *p)
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
    html_exec(p, FIGURES);
    fputs("<section><h2>Módulos y pruebas</h2>\n", p->f);
    html_chart(p, "Mujeres que completaron y aprobaron cada módulo", SERIES, 2, html_query(p, MODULES));
    html_table(p, HEAD, 5, html_query(p, MODULES), 100);
    fputs("<h3>Preguntas con más respuestas equivocadas</h3>\n", p->f);
    Err me;
    if (missed_questions(p->db, &me) < 0) html_fail(p, &me);
    html_table(p, WRONG_HEAD, 5,
          html_query(p, "SELECT " NAMES_OF("module", "module") ", coalesce((SELECT name FROM temp.net_name WHERE kind = 'question'"
                   " AND id = module || '.' || question), 'Pregunta ' || question), answers, wrong, women FROM temp.missed"
                   " ORDER BY 1.0 * wrong / answers DESC, wrong DESC, module, question LIMIT 10"), 10);
    fputs("</section>\n", p->f);
}

static void equipment(Html *p)
{
    static const char *const SERIES[] = { "asistieron a un taller", "recibieron equipo" };
    static const char *const HEAD[] = { "Comunidad", "Equipo", "Piezas", "Mujeres" };
    static const char *const LACK_HEAD[] = { "Comunidad", "Seña", "Nombre (con su consentimiento)", "Le falta" };
    fputs("<section><h2>Equipo de protección</h2>\n<h3>Asistentes y entregas por comunidad</h3>\n", p->f);
    html_chart(p, "Mujeres que asistieron y mujeres que recibieron equipo, por comunidad", SERIES, 2,
          html_query(p, "WITH c AS (SELECT community FROM temp.came UNION SELECT community FROM temp.given)"
                   " SELECT coalesce(c.community, '(sin comunidad)'),"
                   " (SELECT count(DISTINCT learner_id) FROM temp.came a WHERE a.community IS c.community),"
                   " (SELECT count(DISTINCT learner_id) FROM temp.given g WHERE g.community IS c.community) FROM c ORDER BY 1"));
    fputs("<h3>Entregado por equipo y comunidad</h3>\n", p->f);
    html_table(p, HEAD, 4,
          html_query(p, "SELECT coalesce(community, '(sin comunidad)'), " NAMES_OF("item", "item") ", sum(quantity), count(DISTINCT learner_id)"
                   " FROM temp.given GROUP BY 1, item ORDER BY 1, 2"), 500);
    fputs("<h3>Quién aún no tiene qué</h3>\n<p class=\"note\">Mujeres que asistieron a un taller y no recibieron alguno de los"
          " equipos que la red entrega (todas en lacking.csv).</p>\n", p->f);
    html_table(p, LACK_HEAD, 4,
          html_query(p, REPORT_LACKING), 200);
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

static void kiosks(Html *p)
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
    sqlite3_stmt *ins = html_query(p, "INSERT INTO temp.gap VALUES (?, ?, ?)");
    Err e;
    if (ins && network_each_gap(p->db, keep_gap, ins, &e) < 0) html_fail(p, &e);
    sqlite3_finalize(ins);
    sqlite3_stmt *st = html_query(p, KIOSKS);
    fputs("<div class=\"scroll\"><table><tr><th>Quiosco</th><th>Lugar</th><th>Último registro</th><th>Último envío</th>"
          "<th>Registros que nunca llegaron</th><th>Avisos</th></tr>\n", p->f);
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        fputs("<tr><td>", p->f);
        fprintf(p->f, "%.8s…</td><td>", html_col(st, 0));
        html_esc(p->f, html_col(st, 1));
        fputs("</td><td>", p->f);
        html_esc(p->f, html_col(st, 2));
        fputs("</td><td>", p->f);
        html_esc(p->f, html_col(st, 3));
        fputs("</td><td>", p->f);
        html_esc(p->f, sqlite3_column_type(st, 9) == SQLITE_NULL ? "ninguno" : html_col(st, 9));
        fputs("</td><td class=\"warn\">", p->f);
        long long behind = sqlite3_column_int64(st, 4) / 86400;
        if (behind >= 14) fprintf(p->f, "Sin enviar desde %lld días antes que el último quiosco. ", behind);
        if (sqlite3_column_type(st, 5) != SQLITE_NULL && sqlite3_column_int64(st, 5) < 500LL * 1000 * 1000)
            fprintf(p->f, "Poco espacio libre (%lld MB). ", sqlite3_column_int64(st, 5) / 1000000);
        if (sqlite3_column_int64(st, 6) > 0) fprintf(p->f, "%lld apagones o cortes. ", sqlite3_column_int64(st, 6));
        if (sqlite3_column_type(st, 8) != SQLITE_NULL && sqlite3_column_int(st, 8) == 0) fputs("Reloj sin hora confiable. ", p->f);
        if (sqlite3_column_int64(st, 10) > 0)
            fprintf(p->f, "%lld registros en conflicto (ver pallayctl merge). ", sqlite3_column_int64(st, 10));
        if (html_col(st, 7)[0]) {
            fputs("Errores: ", p->f);
            html_esc(p->f, html_col(st, 7));
        }
        fputs("</td></tr>\n", p->f);
    }
    sqlite3_finalize(st);
    fputs("</table></div></section>\n", p->f);
}

int page_write(sqlite3 *db, const char *path, int anonymous, Err *e)
{
    Html p;
    if (html_open(&p, db, path, "Pallay: informe de la red", anonymous, e) < 0) return -1;
    html_exec(&p, "DROP TABLE IF EXISTS temp.gap; CREATE TEMP TABLE gap (kiosk_id TEXT, first INTEGER, last INTEGER)");
    fputs("<h1>Pallay: informe de la red</h1>\n", p.f);
    sqlite3_stmt *st = html_query(&p, "SELECT date(max((SELECT max(created_at) FROM record), coalesce((SELECT max(at) FROM net_time), 0)), 'unixepoch')");
    if (st && sqlite3_step(st) == SQLITE_ROW) {
        fputs("<p class=\"note\">Registros hasta el ", p.f);
        html_esc(p.f, html_col(st, 0));
        fputs(p.anonymous ? ". Informe anónimo: sin nombres.</p>\n" : ". Nombres solo de quienes dieron su consentimiento.</p>\n", p.f);
    }
    sqlite3_finalize(st);
    summary(&p);
    trained(&p);
    modules(&p);
    equipment(&p);
    voices_section(&p);
    kiosks(&p);
    return html_close(&p);
}
