/* cli: what pallayctl's commands share. */
#include "cli.h"
#include "../base/text.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Fills the content folders under dir; generated may be given apart. */
void cli_content_paths(const char *dir, const char *generated, char (*buf)[PALLAY_PATH_LEN], CatalogPaths *p)
{
    text_fmt(buf[0], PALLAY_PATH_LEN, "%s/assets", dir);
    text_fmt(buf[1], PALLAY_PATH_LEN, "%s/locales", dir);
    if (generated) text_copy(buf[2], PALLAY_PATH_LEN, generated);
    else text_fmt(buf[2], PALLAY_PATH_LEN, "%s/build/content", dir);
    text_fmt(buf[3], PALLAY_PATH_LEN, "%s/%s", dir, PALLAY_DEFAULT_RECORDINGS);
    *p = (CatalogPaths){ buf[0], buf[1], buf[2], buf[3] };
}

/* Opens an existing database (never creates one). NULL after one line on stderr. */
Store *cli_open_db(const char *path)
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

/* 1 if a spreadsheet could take the cell for a formula: it starts with = + - @, or a tab or a
 * carriage return (some programs skip those and read the formula behind); or it is already a
 * guarded cell ("'" and such a start), so that guarding stays reversible. */
static int formula_like(const char *v)
{
    if (v[0] && strchr("=+-@\t\r", v[0])) return 1;
    return v[0] == '\'' && formula_like(v + 1);
}

/* One CSV cell, the only way pallayctl writes one: quoted when it holds a comma, a quote or a line
 * break; a cell that could run as a formula is quoted and starts with "'", which spreadsheets show
 * as text (cli_csv_unguard takes it off again). */
void cli_csv(FILE *f, const char *v, int last)
{
    int guard = formula_like(v);
    if (guard || strpbrk(v, ",\"\r\n")) {
        fputc('"', f);
        if (guard) fputc('\'', f);
        for (; *v; v++) {
            if (*v == '"') fputc('"', f);
            fputc(*v, f);
        }
        fputc('"', f);
    } else {
        fputs(v, f);
    }
    fputc(last ? '\n' : ',', f);
}

void cli_csv_unguard(char *cell)
{
    if (cell[0] == '\'' && formula_like(cell + 1)) memmove(cell, cell + 1, strlen(cell));
}

int cli_read_secret(const char *prompt, char *out, size_t n)
{
    struct termios old, quiet;
    int tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        fprintf(stderr, "%s: ", prompt);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    int ok = fgets(out, (int)n, stdin) != NULL;
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    if (!ok) return -1;
    out[strcspn(out, "\r\n")] = '\0';
    return 0;
}


int cli_extra(const char *word)
{
    fprintf(stderr, "pallayctl: unexpected argument \"%.40s\" (see pallayctl --help)\n", word);
    return 2;
}

int cli_db_args(int argc, char **argv, const char **path, int *csv)
{
    *path = PALLAY_DEFAULT_DB;
    int given = 0;
    for (int i = 0; i < argc; i++) {
        if (csv && strcmp(argv[i], "--csv") == 0) *csv = 1;
        else if (argv[i][0] != '-' && given++) { cli_extra(argv[i]); return -1; }
        else if (argv[i][0] != '-') *path = argv[i];
        else {
            fprintf(stderr, "pallayctl: unknown option \"%s\" (see pallayctl --help)\n", argv[i]);
            return -1;
        }
    }
    return 0;
}
