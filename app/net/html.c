/* html: the pages' head, style, charts and tables. Charts are horizontal bars (labels above,
 * bars below) in a viewBox that scales to the width of a phone or of an A4 page. */
#include "html.h"
#include "network.h"

#include <sqlite3.h>
#include <string.h>

#define MAX_BARS 100   /* a network's communities fit; months are cut to the latest 40 */

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
    ".warn{color:#a40000}audio{width:100%;max-width:24rem}tr.said td{border-bottom:0}tr.play td{padding-top:0}"
    "@media (max-width:40rem){body{padding:.5rem}h1{font-size:1.3rem}table{font-size:.8rem}.card b{font-size:1.3rem}}"
    "@media print{@page{size:A4;margin:15mm}body{max-width:none;padding:0;font-size:10pt}"
    "section,table,svg{break-inside:avoid}.scroll{overflow:visible}h2{break-after:avoid}}";

static const char *const COLOUR[2] = { "#b5651d", "#2e6f8e" };

void html_esc(FILE *f, const char *s)
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

const char *html_col(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s ? s : "";
}

sqlite3_stmt *html_query(Html *h, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK) {
        if (!h->failed) err_set(h->e, "report: %s", sqlite3_errmsg(h->db));
        h->failed = 1;
        return NULL;
    }
    if (sqlite3_bind_parameter_count(st) > 0) sqlite3_bind_int(st, 1, h->anonymous);
    if (sqlite3_bind_parameter_count(st) > 1) sqlite3_bind_int(st, 2, 1);   /* in words (REPORT_LACKING) */
    return st;
}

void html_exec(Html *h, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(h->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        if (!h->failed) err_set(h->e, "report: %s", msg ? msg : sqlite3_errmsg(h->db));
        h->failed = 1;
    }
    sqlite3_free(msg);
}

long long html_scalar(Html *h, const char *sql)
{
    sqlite3_stmt *st = html_query(h, sql);
    long long v = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return v;
}

/* At most 40 characters of a label (whole UTF-8 sequences), "…" if cut: what the kiosk says a
 * voice report is about fits ("Piedras que caen o suelo que se mueve"), and 40 characters of 15
 * units take some 250 px of a 390 px phone. */
static void label(FILE *f, const char *s)
{
    char buf[160];
    size_t n = 0;
    int chars = 0;
    for (; s[n] && n < sizeof buf - 4; n++) {
        if (((unsigned char)s[n] & 0xC0) != 0x80 && ++chars > 40) break;
        buf[n] = s[n];
    }
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;   /* never half a character */
    memcpy(buf, s, n);
    buf[n] = '\0';
    html_esc(f, buf);
    if (s[n]) fputs("…", f);
}

void html_chart(Html *h, const char *title, const char *const *series, int nseries, sqlite3_stmt *st)
{
    static struct { char name[160]; long long v[2]; } bars[MAX_BARS];
    int n = 0, more = 0;
    long long max = 1;
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        if (n == MAX_BARS) {
            more++;
            continue;
        }
        snprintf(bars[n].name, sizeof bars[n].name, "%s", html_col(st, 0));
        for (int s = 0; s < nseries; s++) {
            bars[n].v[s] = sqlite3_column_int64(st, 1 + s);
            if (bars[n].v[s] > max) max = bars[n].v[s];
        }
        n++;
    }
    sqlite3_finalize(st);
    if (n == 0) {
        fputs("<p class=\"note\">Sin datos todavía.</p>\n", h->f);
        return;
    }
    if (nseries > 1) {
        fputs("<p class=\"legend\">", h->f);
        for (int s = 0; s < nseries; s++) fprintf(h->f, "<span><i style=\"background:%s\"></i>%s</span>", COLOUR[s], series[s]);
        fputs("</p>\n", h->f);
    }
    /* Each label on a line of its own above its bars, all 480 units wide: on a phone (some 370
     * px) a unit is 0.8 px and the labels 11 px high; on a wide page the chart stops at 36rem. */
    int bar = 18, label_h = 20, row = label_h + nseries * bar + 10, height = n * row + 4;
    fprintf(h->f, "<svg viewBox=\"0 0 480 %d\" role=\"img\" aria-label=\"%s\"><title>%s</title>\n", height, title, title);
    char num[32];
    for (int i = 0; i < n; i++) {
        int y = i * row + 2;
        fprintf(h->f, "<text x=\"0\" y=\"%d\" font-size=\"15\">", y + 15);
        label(h->f, bars[i].name);
        fputs("</text>\n", h->f);
        for (int s = 0; s < nseries; s++) {
            int w = (int)(bars[i].v[s] * 390 / max), by = y + label_h + s * bar;
            fprintf(h->f, "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>"
                          "<text x=\"%d\" y=\"%d\" font-size=\"14\">%s</text>\n",
                    by, w, bar - 3, COLOUR[s], 6 + w, by + 13, network_count(bars[i].v[s], num));
        }
    }
    fputs("</svg>\n", h->f);
    if (more) fprintf(h->f, "<p class=\"note\">y %s más (ver los archivos CSV).</p>\n", network_count(more, num));
}

void html_table(Html *h, const char *const *head, int ncol, sqlite3_stmt *st, int max)
{
    fputs("<div class=\"scroll\"><table><tr>", h->f);
    for (int i = 0; i < ncol; i++) fprintf(h->f, "<th>%s</th>", head[i]);
    fputs("</tr>\n", h->f);
    int rows = 0, more = 0;
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        if (rows == max) {
            more++;
            continue;
        }
        fputs("<tr>", h->f);
        for (int i = 0; i < ncol; i++) {
            int num = sqlite3_column_type(st, i) == SQLITE_INTEGER || sqlite3_column_type(st, i) == SQLITE_FLOAT;
            fputs(num ? "<td class=\"n\">" : "<td>", h->f);
            char n[32];
            html_esc(h->f, sqlite3_column_type(st, i) == SQLITE_INTEGER ? network_count(sqlite3_column_int64(st, i), n) : html_col(st, i));
            fputs("</td>", h->f);
        }
        fputs("</tr>\n", h->f);
        rows++;
    }
    sqlite3_finalize(st);
    if (!rows) fprintf(h->f, "<tr><td colspan=\"%d\" class=\"note\">Ninguno.</td></tr>\n", ncol);
    fputs("</table></div>\n", h->f);
    char num[32];
    if (more) fprintf(h->f, "<p class=\"note\">y %s más: la lista completa está en los archivos CSV.</p>\n", network_count(more, num));
}

int html_open(Html *h, sqlite3 *db, const char *path, const char *title, int anonymous, Err *e)
{
    *h = (Html){ fopen(path, "wb"), path, db, anonymous, 0, e };
    if (!h->f) return err_set(e, "%s: cannot write the file", path);
    fprintf(h->f, "<!DOCTYPE html>\n<html lang=\"es\"><head><meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<title>%s</title>\n<style>%s</style></head><body>\n",
            title, STYLE);
    return 0;
}

void html_fail(Html *h, const Err *e)
{
    if (!h->failed) *h->e = *e;
    h->failed = 1;
}

int html_close(Html *h)
{
    fputs("</body></html>\n", h->f);
    int bad = ferror(h->f);
    if (fclose(h->f) != 0) bad = 1;
    h->f = NULL;
    if (h->failed) return -1;
    return bad ? err_set(h->e, "%s: cannot finish writing (is the disk full?)", h->path) : 0;
}
