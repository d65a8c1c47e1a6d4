/* schema: the database's migrations, in order. Migration i brings PRAGMA user_version from
 * i to i+1. Never edit a migration that has shipped: add the next one. */
#ifndef PALLAY_SCHEMA_H
#define PALLAY_SCHEMA_H

static const char *const SCHEMA_MIGRATIONS[] = {
    /* 1: who this kiosk is. Records made later carry this id. */
    "CREATE TABLE kiosk ("
    "  id         TEXT PRIMARY KEY,"        /* UUID, made once */
    "  created_at INTEGER NOT NULL"         /* unix seconds, as the clock said */
    ");",
};

#define SCHEMA_VERSION (int)(sizeof SCHEMA_MIGRATIONS / sizeof *SCHEMA_MIGRATIONS)

#endif
