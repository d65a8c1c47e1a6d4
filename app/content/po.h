/* po: a gettext .po file read into key -> text entries.
 * Pallay uses keys as msgids ("ppe.helmet"); msgstr is what is shown and spoken. */
#ifndef PALLAY_PO_H
#define PALLAY_PO_H

#include "../base/report.h"

#include <stddef.h>

typedef struct Po Po;

/* Parses text (the contents of file, used in problem reports). Problems (syntax,
 * duplicate or empty entries) are reported with their line; bad entries are skipped,
 * the rest kept. Never returns NULL. */
Po *po_parse(const char *text, const char *file, Report *r);
/* Reads and parses path. Returns NULL (and reports) if the file cannot be read. */
Po *po_load(const char *path, Report *r);
void po_unload(Po *po);

/* The text for key, or NULL if the file has no (non-empty) entry for it. A draft marked fuzzy
 * is returned too: a draft in her language is better than silence (po_fuzzy tells them apart). */
const char *po_get(const Po *po, const char *key);
/* The index of key's entry (for po_text, po_fuzzy), or -1. */
int po_index(const Po *po, const char *key);
/* Line where key's entry starts, or 0. */
int po_line(const Po *po, const char *key);
/* Copies a header field ("Language", "X-Pallay-Voice") into value. Returns 0, or -1 if absent or too long. */
int po_header(const Po *po, const char *field, char *value, size_t size);

/* Entries in file order: count, and the key / text of entry i. */
int po_count(const Po *po);
const char *po_key(const Po *po, int i);
const char *po_text(const Po *po, int i);
/* 1 if entry i is marked "#, fuzzy" (a draft a reviewer has not confirmed). */
int po_fuzzy(const Po *po, int i);

#endif
