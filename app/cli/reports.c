/* reports: pallayctl stats, attendance and ppe: plain tables, or CSV with --csv. */
#include "cli.h"
#include "../store/stats.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static void print_module(const ModuleStats *m, void *ud)
{
    if (*(int *)ud) {
        cli_csv(stdout, m->module, 0);
        printf("%d,%d,%d,%d,%.1f\n", m->started, m->completed, m->passed, m->quizzes, m->average);
    }
    else printf("%-16s %8d %10d %7d %8d %7.0f%%\n", m->module, m->started, m->completed, m->passed, m->quizzes, m->average);
}

static void print_learner(const LearnerStats *l, void *ud)
{
    char sign[2 * PALLAY_NAME_LEN + 2], best[32] = "-";
    snprintf(sign, sizeof sign, "%s/%s", l->symbol, l->colour);
    if (l->best_total) snprintf(best, sizeof best, "%d/%d", l->best, l->best_total);
    if (*(int *)ud) {
        cli_csv(stdout, l->learner, 0);
        cli_csv(stdout, sign, 0);
        cli_csv(stdout, l->module, 0);
        printf("%d,%d,%d,%d,%s\n", l->opened, l->completed, l->quizzes, l->passed, best);
    } else {
        printf("%-8.8s  %-20s %-16s %6d %9d %7d %6d %5s\n", l->learner, sign, l->module, l->opened, l->completed,
               l->quizzes, l->passed, best);
    }
}

int cmd_stats(int argc, char **argv)
{
    const char *path;
    int csv = 0;
    if (cli_db_args(argc, argv, &path, &csv) < 0) return 2;
    Store *s = cli_open_db(path);
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

/* A time as the kiosk's clock said it, "?" marking a clock that could not be trusted. */
static void when(long long t, int trusted, char *out, size_t n)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!localtime_r(&tt, &tm)) { snprintf(out, n, "?"); return; }
    strftime(out, n, "%Y-%m-%d %H:%M", &tm);
    if (!trusted) strncat(out, "?", n - strlen(out) - 1);
}

/* Who she is in a report: her name if she consented, otherwise only her sign. */
static void who(const char *name, const char *symbol, const char *colour, char *out, size_t n)
{
    if (*name) snprintf(out, n, "%s (%s/%s)", name, symbol, colour);
    else snprintf(out, n, "%s/%s", symbol, colour);
}

typedef struct { int csv; char last[37]; int count; } AttendanceOut;

static void print_attendance(const AttendanceRow *r, void *ud)
{
    AttendanceOut *o = ud;
    char at[32], sign[2 * PALLAY_NAME_LEN + 2];
    when(r->held_at, 1, at, sizeof at);
    snprintf(sign, sizeof sign, "%s/%s", r->symbol, r->colour);
    if (o->csv) {
        const char *f[] = { r->workshop, at, r->community, r->facilitator, r->modules, r->closed ? "closed" : "open",
                            r->learner, r->learner[0] ? sign : "", r->name };
        for (int i = 0; i < 9; i++) cli_csv(stdout, f[i], i == 8);
        return;
    }
    if (strcmp(o->last, r->workshop) != 0) {
        snprintf(o->last, sizeof o->last, "%s", r->workshop);
        printf("\n%s  %s  facilitator %s  modules %s  (%s, workshop %.8s)\n", at, r->community, r->facilitator,
               r->modules[0] ? r->modules : "-", r->closed ? "closed" : "open", r->workshop);
    }
    if (r->learner[0]) {
        char person[PALLAY_TEXT_LEN + 2 * PALLAY_NAME_LEN + 8];
        who(r->name, r->symbol, r->colour, person, sizeof person);
        printf("    %s\n", person);
        o->count++;
    }
}

int cmd_attendance(int argc, char **argv)
{
    const char *path;
    AttendanceOut o = { 0, "", 0 };
    if (cli_db_args(argc, argv, &path, &o.csv) < 0) return 2;
    Store *s = cli_open_db(path);
    if (!s) return 1;
    Err e;
    if (o.csv) puts("workshop,held_at,community,facilitator,modules,state,learner,sign,name");
    else printf("Workshops and who attended (a name only where she consented; otherwise her sign).\n");
    int rc = stats_attendance(s, print_attendance, &o, &e);
    if (rc < 0) fprintf(stderr, "pallayctl: %s\n", e.msg);
    else if (!o.csv) printf("\n%d attendances\n", o.count);
    store_close(s);
    return rc < 0;
}

typedef struct {
    int csv;
    char items[PALLAY_MAX_ITEMS * 4][PALLAY_NAME_LEN];
    int totals[PALLAY_MAX_ITEMS * 4], nitems;
} PpeOut;

static void print_delivery(const PpeRow *r, void *ud)
{
    PpeOut *o = ud;
    char at[32], sign[2 * PALLAY_NAME_LEN + 2], qty[16];
    when(r->at, r->clock_ok, at, sizeof at);
    snprintf(sign, sizeof sign, "%s/%s", r->symbol, r->colour);
    snprintf(qty, sizeof qty, "%d", r->quantity);
    if (o->csv) {
        const char *f[] = { r->id, at, r->learner, sign, r->name, r->item, qty, r->size, r->facilitator, r->workshop,
                            r->voided ? "void" : "", r->reason };
        for (int i = 0; i < 12; i++) cli_csv(stdout, f[i], i == 11);
        return;
    }
    char person[PALLAY_TEXT_LEN + 2 * PALLAY_NAME_LEN + 8];
    who(r->name, r->symbol, r->colour, person, sizeof person);
    printf("%-17s %-32s %-12s %3d %-4s %s%s%s\n", at, person, r->item, r->quantity, r->size[0] ? r->size : "-",
           r->facilitator, r->voided ? "  VOID: " : "", r->voided ? r->reason : "");
    if (r->voided) return;
    int i = 0;
    while (i < o->nitems && strcmp(o->items[i], r->item) != 0) i++;
    if (i == o->nitems && o->nitems < PALLAY_MAX_ITEMS * 4) snprintf(o->items[o->nitems++], PALLAY_NAME_LEN, "%s", r->item);
    if (i < o->nitems) o->totals[i] += r->quantity;
}

int cmd_ppe(int argc, char **argv)
{
    const char *path;
    static PpeOut o;
    memset(&o, 0, sizeof o);
    if (cli_db_args(argc, argv, &path, &o.csv) < 0) return 2;
    Store *s = cli_open_db(path);
    if (!s) return 1;
    Err e;
    if (o.csv) puts("id,at,learner,sign,name,item,quantity,size,facilitator,workshop,void,void_reason");
    else printf("Protective equipment handed out (voided entries stay, marked VOID; \"?\" marks an untrusted clock).\n"
                "%-17s %-32s %-12s %3s %-4s %s\n", "when", "who", "item", "qty", "size", "facilitator");
    int rc = stats_ppe(s, print_delivery, &o, &e);
    if (rc < 0) fprintf(stderr, "pallayctl: %s\n", e.msg);
    else if (!o.csv) {
        printf("\nTotals, voided entries left out:\n");
        for (int i = 0; i < o.nitems; i++) printf("%-12s %5d\n", o.items[i], o.totals[i]);
    }
    store_close(s);
    return rc < 0;
}
