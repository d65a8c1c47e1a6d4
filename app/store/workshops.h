/* workshops: workshops a facilitator opens and closes, who attended, and the protective
 * equipment handed out. Each function writes one record, committed before it returns 0. */
#ifndef PALLAY_WORKSHOPS_H
#define PALLAY_WORKSHOPS_H

#include "store.h"

/* Opens a workshop in a community at held_at (unix seconds) on the given modules (comma-separated ids). */
int workshop_open(Store *s, const char *community, const char *facilitator, long long held_at, const char *modules,
                  char id[37], Err *e);
/* Closes it; -1 if it is not open. */
int workshop_close(Store *s, const char *workshop, char id[37], Err *e);
/* The latest workshop still open (not closed, not voided): 1 and its id, or 0 if none. */
int workshop_current(Store *s, char workshop[37], Err *e);

/* The community a workshop is held in. -1 if there is no such workshop. */
int workshop_community(Store *s, const char *workshop, char community[37], Err *e);

/* She attended; -1 if she is already marked present in this workshop. */
int attendance_mark(Store *s, const char *workshop, const char *learner, char id[37], Err *e);

/* Calls fn(learner, attendance record) for each woman marked present in the workshop (voided marks left out). */
int attendance_each(Store *s, const char *workshop, void (*fn)(const char *learner, const char *attendance, void *ud),
                    void *ud, Err *e);

typedef struct {
    const char *learner;
    const char *item;           /* ppe.list id */
    int quantity;               /* 1 to PALLAY_PPE_MAX */
    const char *size;           /* NULL or "" if the item has no sizes */
    const char *facilitator;
    const char *workshop;       /* NULL outside a workshop */
} Delivery;

/* Equipment handed to her. -1 (with e, nothing written) if the quantity is out of range. */
int ppe_deliver(Store *s, const Delivery *d, char id[37], Err *e);

#endif
