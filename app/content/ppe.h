/* ppe: the protective equipment facilitators hand out (assets/ppe.list), one content list for
 * the course and for facilitator mode: a network adds an item by adding a line and a picture. */
#ifndef PALLAY_PPE_H
#define PALLAY_PPE_H

#include "../base/report.h"
#include "../config.h"

typedef struct {
    char id[PALLAY_NAME_LEN];       /* stored in delivery records: never rename one in use */
    char picture[PALLAY_NAME_LEN];
    char key[PALLAY_NAME_LEN];      /* its spoken name */
    char sizes[PALLAY_MAX_SIZES][16];  /* empty if it comes in one size */
    int nsizes;
    int line;
} Item;

typedef struct {
    Item items[PALLAY_MAX_ITEMS];
    int n;
    char file[PALLAY_PATH_LEN];
} Items;

/* Parses ppe.list text: "item ID PICTURE KEY [SIZE,SIZE,...]" lines. Problems are reported
 * with their line. Returns 0 if at least one item is usable. */
int ppe_parse(Items *it, const char *text, const char *file, Report *r);
/* Reads and parses path; -1 (reported) if it cannot be read or has no usable item. */
int ppe_load(Items *it, const char *path, Report *r);
/* The item with this id, or NULL. */
const Item *ppe_item(const Items *it, const char *id);
/* 1 if size is one of the item's sizes, or the item has none and size is NULL or "". */
int ppe_size_ok(const Item *item, const char *size);

#endif
