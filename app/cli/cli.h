/* cli: what pallayctl's commands share: paths, the database, CSV, secrets from stdin, and the
 * commands themselves (each returns the process exit status: 0 done, 1 failed, 2 bad usage). */
#ifndef PALLAY_CLI_H
#define PALLAY_CLI_H

#include "../content/catalog.h"
#include "../store/store.h"

#include <stddef.h>
#include <stdio.h>

/* Fills the content folders under dir (assets, locales, build/content, var/voice: buf holds 4);
 * generated may be given apart. */
void cli_content_paths(const char *dir, const char *generated, char (*buf)[PALLAY_PATH_LEN], CatalogPaths *p);
/* Opens an existing database (never creates one). NULL after one line on stderr. */
Store *cli_open_db(const char *path);
/* Prints a CSV cell (quoted when needed; one a spreadsheet could run as a formula, "=..." or
 * "-...", quoted behind a "'"), then a comma, or a newline if last. Every CSV goes through it. */
void cli_csv(FILE *f, const char *v, int last);
/* A cell read back from a CSV that cli_csv wrote: takes off the "'" it put before a formula. */
void cli_csv_unguard(char *cell);
/* Reads one line from stdin without echo on a terminal (prompt on stderr). -1 at end of input. */
int cli_read_secret(const char *prompt, char *out, size_t n);
/* Says on stderr that word is one argument too many; returns 2 (bad usage). */
int cli_extra(const char *word);
/* Reads "[DB] [--csv]" (csv NULL: no --csv). -1 after one line on stderr for anything else. */
int cli_db_args(int argc, char **argv, const char **path, int *csv);

/* reports.c */
int cmd_stats(int argc, char **argv);
int cmd_attendance(int argc, char **argv);
int cmd_ppe(int argc, char **argv);
/* facilitate.c */
int cmd_set_pin(int argc, char **argv);
int cmd_add_participant(int argc, char **argv);
int cmd_record_ppe(int argc, char **argv);
int cmd_open_workshop(int argc, char **argv);
int cmd_mark_present(int argc, char **argv);
int cmd_close_workshop(int argc, char **argv);
int cmd_void(int argc, char **argv);
int cmd_withdraw_consent(int argc, char **argv);
/* review.c */
int cmd_review_strings(int argc, char **argv);
int cmd_apply_review(int argc, char **argv);
/* sync.c */
int cmd_keygen(int argc, char **argv);
int cmd_kiosk_key(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_export(int argc, char **argv);
/* fetch.c */
int cmd_fetch(int argc, char **argv);
/* merge.c */
int cmd_merge(int argc, char **argv);
/* report.c */
int cmd_report(int argc, char **argv);
/* packs.c */
int cmd_pack_content(int argc, char **argv);
int cmd_pack_recordings(int argc, char **argv);
int cmd_install_pack(int argc, char **argv);
/* publish.c */
int cmd_publish_pack(int argc, char **argv);
/* certificate.c */
int cmd_certificate(int argc, char **argv);
int cmd_verify_certificate(int argc, char **argv);

#endif
