/* schema: the database's migrations, in order. Migration i brings PRAGMA user_version from
 * i to i+1. Never edit a migration that has shipped: add the next one. */
#ifndef PALLAY_SCHEMA_H
#define PALLAY_SCHEMA_H

/* Refuses any change to the rows of table t once written. */
#define APPEND_ONLY(t)                                                                              \
    "CREATE TRIGGER " t "_no_update BEFORE UPDATE ON " t                                            \
    " BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;"                                   \
    "CREATE TRIGGER " t "_no_delete BEFORE DELETE ON " t                                            \
    " BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;"

static const char *const SCHEMA_MIGRATIONS[] = {
    /* 1: who this kiosk is. Records made later carry this id. */
    "CREATE TABLE kiosk ("
    "  id         TEXT PRIMARY KEY,"        /* UUID, made once */
    "  created_at INTEGER NOT NULL"         /* unix seconds, as the clock said */
    ");",

    /* 2: learners, module progress and quiz attempts, as append-only records.
     * Every record has one row in `record` (who made it where, in which order, when) and one
     * row in the table of its kind, with the same id. Nothing is updated or deleted: a mistake
     * is corrected by a `void` record naming the record it cancels. Order records by
     * (kiosk_id, seq), never by time: a kiosk without a real-time clock may wake up in 1970. */
    "CREATE TABLE record ("
    "  id         TEXT PRIMARY KEY,"        /* UUID v4 */
    "  kiosk_id   TEXT NOT NULL,"           /* the kiosk that made it */
    "  seq        INTEGER NOT NULL,"        /* 1, 2, 3... per kiosk, in the order they were made */
    "  kind       TEXT NOT NULL,"           /* the table holding its details */
    "  created_at INTEGER NOT NULL,"        /* unix seconds, as the kiosk's clock said */
    "  clock_ok   INTEGER NOT NULL CHECK (clock_ok IN (0, 1)),"  /* 0: that clock reading was not plausible */
    "  UNIQUE (kiosk_id, seq)"
    ");"
    "CREATE TABLE learner ("                /* a learner, known by her sign */
    "  id     TEXT PRIMARY KEY REFERENCES record(id),"
    "  symbol TEXT NOT NULL,"               /* signs.list ids */
    "  colour TEXT NOT NULL"
    ");"
    "CREATE INDEX learner_sign ON learner (symbol, colour);"
    "CREATE TABLE module_open ("            /* she opened a module */
    "  id         TEXT PRIMARY KEY REFERENCES record(id),"
    "  learner_id TEXT NOT NULL REFERENCES learner(id),"
    "  module     TEXT NOT NULL,"
    "  version    TEXT NOT NULL"            /* hash of the module file she saw */
    ");"
    "CREATE TABLE completion ("             /* she saw every slide of a module */
    "  id         TEXT PRIMARY KEY REFERENCES record(id),"
    "  learner_id TEXT NOT NULL REFERENCES learner(id),"
    "  module     TEXT NOT NULL,"
    "  version    TEXT NOT NULL"
    ");"
    "CREATE TABLE attempt ("                /* a quiz started; learner_id is NULL for a guest */
    "  id         TEXT PRIMARY KEY REFERENCES record(id),"
    "  learner_id TEXT REFERENCES learner(id),"
    "  module     TEXT NOT NULL,"
    "  version    TEXT NOT NULL,"
    "  questions  INTEGER NOT NULL,"
    "  pass_mark  INTEGER NOT NULL"         /* right answers needed to pass */
    ");"
    "CREATE TABLE answer ("                 /* one question answered, saved as she touches it */
    "  id               TEXT PRIMARY KEY REFERENCES record(id),"
    "  attempt_id       TEXT NOT NULL REFERENCES attempt(id),"
    "  question         INTEGER NOT NULL,"  /* 1-based, in module order */
    "  choice           INTEGER NOT NULL,"  /* 1-based answer she touched */
    "  correct          INTEGER NOT NULL CHECK (correct IN (0, 1)),"
    "  question_listens INTEGER NOT NULL,"  /* times she asked to hear the question again */
    "  answer_listens   TEXT NOT NULL"      /* times she heard each answer: \"0,2,1\" */
    ");"
    "CREATE INDEX answer_attempt ON answer (attempt_id);"
    "CREATE TABLE attempt_end ("            /* the quiz finished: its score */
    "  id         TEXT PRIMARY KEY REFERENCES record(id),"
    "  attempt_id TEXT NOT NULL UNIQUE REFERENCES attempt(id),"
    "  score      INTEGER NOT NULL,"        /* right answers */
    "  total      INTEGER NOT NULL,"
    "  passed     INTEGER NOT NULL CHECK (passed IN (0, 1))"
    ");"
    "CREATE TABLE void ("                   /* cancels an earlier record, which stays */
    "  id        TEXT PRIMARY KEY REFERENCES record(id),"
    "  target_id TEXT NOT NULL REFERENCES record(id),"
    "  reason    TEXT NOT NULL"
    ");"
    /* Append-only, enforced by the database itself. */
    APPEND_ONLY("record") APPEND_ONLY("learner") APPEND_ONLY("module_open") APPEND_ONLY("completion")
    APPEND_ONLY("attempt") APPEND_ONLY("answer") APPEND_ONLY("attempt_end") APPEND_ONLY("void"),

    /* 3: facilitators and their workshops: who attended, who consented to what, and every piece
     * of protective equipment handed out. The same append-only records as learners' (a correction
     * is a new record; the latest one not voided counts). */
    "CREATE TABLE facilitator ("            /* who runs workshops on this kiosk */
    "  id   TEXT PRIMARY KEY REFERENCES record(id),"
    "  name TEXT NOT NULL"
    ");"
    "CREATE TABLE pin ("                    /* the facilitator PIN: the latest row is in force */
    "  id             INTEGER PRIMARY KEY,"
    "  facilitator_id TEXT NOT NULL REFERENCES facilitator(id),"
    "  hash           TEXT NOT NULL,"       /* crypto_pwhash_str: Argon2id, salt and cost inside */
    "  set_at         INTEGER NOT NULL"
    ");"
    "CREATE TABLE pin_try ("                /* every PIN entered, right or wrong: the lockout counts them */
    "  id INTEGER PRIMARY KEY,"
    "  ok INTEGER NOT NULL CHECK (ok IN (0, 1)),"
    "  at INTEGER NOT NULL"                 /* unix seconds */
    ");"
    "CREATE TABLE community ("              /* the places workshops are held */
    "  id   TEXT PRIMARY KEY REFERENCES record(id),"
    "  name TEXT NOT NULL"
    ");"
    "CREATE TABLE participant ("            /* a learner's registration, and her consent */
    "  id           TEXT PRIMARY KEY REFERENCES record(id),"
    "  learner_id   TEXT NOT NULL REFERENCES learner(id),"
    "  consent      INTEGER NOT NULL CHECK (consent IN (0, 1)),"
    "  name         TEXT,"                  /* only with consent */
    "  community_id TEXT REFERENCES community(id),"
    "  birth_year   INTEGER,"               /* only with consent */
    "  facilitator_id TEXT NOT NULL REFERENCES facilitator(id),"
    "  CHECK (consent = 1 OR (name IS NULL AND birth_year IS NULL))"
    ");"
    "CREATE TABLE workshop ("                /* a workshop opened */
    "  id             TEXT PRIMARY KEY REFERENCES record(id),"
    "  community_id   TEXT NOT NULL REFERENCES community(id),"
    "  facilitator_id TEXT NOT NULL REFERENCES facilitator(id),"
    "  held_at        INTEGER NOT NULL,"    /* date and time, as the facilitator confirmed them */
    "  modules        TEXT NOT NULL"        /* module ids it covers, comma-separated */
    ");"
    "CREATE TABLE workshop_close ("
    "  id          TEXT PRIMARY KEY REFERENCES record(id),"
    "  workshop_id TEXT NOT NULL UNIQUE REFERENCES workshop(id)"
    ");"
    "CREATE TABLE attendance ("
    "  id          TEXT PRIMARY KEY REFERENCES record(id),"
    "  workshop_id TEXT NOT NULL REFERENCES workshop(id),"
    "  learner_id  TEXT NOT NULL REFERENCES learner(id)"
    ");"
    "CREATE TABLE ppe_delivery ("           /* equipment handed to a woman */
    "  id             TEXT PRIMARY KEY REFERENCES record(id),"
    "  learner_id     TEXT NOT NULL REFERENCES learner(id),"
    "  item           TEXT NOT NULL,"       /* ppe.list id */
    "  quantity       INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 50),"
    "  size           TEXT,"
    "  facilitator_id TEXT NOT NULL REFERENCES facilitator(id),"
    "  workshop_id    TEXT REFERENCES workshop(id)"
    ");"
    APPEND_ONLY("facilitator") APPEND_ONLY("pin") APPEND_ONLY("pin_try") APPEND_ONLY("community")
    APPEND_ONLY("participant") APPEND_ONLY("workshop") APPEND_ONLY("workshop_close")
    APPEND_ONLY("attendance") APPEND_ONLY("ppe_delivery"),

    /* 4: a woman can withdraw her consent, and then her name and year of birth must be gone from
     * the kiosk (Peru's personal data law, Ley 29733, gives her that right). They move out of the
     * append-only `participant` rows into `person`, one row per registration that gave consent.
     * `person` is the one documented exception to append-only: a withdrawal DELETEs its rows, and
     * nothing else may change them. Every connection runs with secure_delete, and a withdrawal is
     * followed by a TRUNCATE checkpoint, so the bytes are overwritten, not only unlinked.
     * A `withdrawal` is an ordinary record (its own UUID, kiosk id and seq) so that it can travel
     * in a bundle: wherever it lands, it erases the person rows of every registration of
     * learner_id made before it (on her kiosk, lower seq), including at the coordinator's end.
     * It cannot be voided: a name once erased does not come back.
     * Names already stored move to `person`, except those a later registration (not voided)
     * without consent had taken back; then `participant` keeps no name or year at all. */
    "CREATE TABLE person ("                 /* her name and year of birth, while she consents */
    "  id         TEXT PRIMARY KEY REFERENCES participant(id),"  /* the registration that gave them */
    "  name       TEXT NOT NULL,"
    "  birth_year INTEGER"                  /* NULL if she did not say */
    ");"
    "INSERT INTO person (id, name, birth_year)"
    " SELECT p.id, p.name, p.birth_year FROM participant p JOIN record r ON r.id = p.id"
    " WHERE p.consent = 1 AND p.name IS NOT NULL AND NOT EXISTS ("
    "   SELECT 1 FROM participant q JOIN record qr ON qr.id = q.id"
    "   WHERE q.learner_id = p.learner_id AND q.consent = 0 AND qr.kiosk_id = r.kiosk_id AND qr.seq > r.seq"
    "   AND q.id NOT IN (SELECT target_id FROM void));"
    "DROP TRIGGER participant_no_update;"
    "UPDATE participant SET name = NULL, birth_year = NULL;"
    "CREATE TRIGGER participant_no_update BEFORE UPDATE ON participant"
    " BEGIN SELECT RAISE(ABORT, 'records are append-only'); END;"
    "CREATE TRIGGER participant_no_name BEFORE INSERT ON participant"
    " WHEN NEW.name IS NOT NULL OR NEW.birth_year IS NOT NULL"
    " BEGIN SELECT RAISE(ABORT, 'a name and a year of birth are kept in person'); END;"
    "CREATE TRIGGER person_needs_consent BEFORE INSERT ON person"
    " WHEN NOT EXISTS (SELECT 1 FROM participant WHERE id = NEW.id AND consent = 1)"
    " BEGIN SELECT RAISE(ABORT, 'a name is kept only with her consent'); END;"
    "CREATE TRIGGER person_no_update BEFORE UPDATE ON person"
    " BEGIN SELECT RAISE(ABORT, 'a name is erased, never changed'); END;"
    "CREATE TABLE withdrawal ("             /* she withdrew her consent: her names were erased */
    "  id             TEXT PRIMARY KEY REFERENCES record(id),"
    "  learner_id     TEXT NOT NULL REFERENCES learner(id),"
    "  participant_id TEXT NOT NULL REFERENCES participant(id),"  /* her latest registration with a name */
    "  facilitator_id TEXT NOT NULL REFERENCES facilitator(id)"   /* who recorded it; when: in record */
    ");"
    APPEND_ONLY("withdrawal")
    "CREATE TRIGGER withdrawal_no_void BEFORE INSERT ON void"
    " WHEN NEW.target_id IN (SELECT id FROM withdrawal)"
    " BEGIN SELECT RAISE(ABORT, 'a withdrawal of consent cannot be voided'); END;"
    /* PIN tries in milliseconds: "wait 1 s" counted in whole seconds could be 0.1 s. */
    "ALTER TABLE pin_try ADD COLUMN at_ms INTEGER;",

    /* 5: indexes for the reports and the facilitator's screens. Without them a report reads a
     * whole table for every row it shows (every registration for each delivery: minutes on a
     * kiosk with 100,000 deliveries). tests/test_store.c checks every query's plan. */
    "CREATE INDEX void_target ON void (target_id);"                        /* is it voided, and why */
    "CREATE INDEX participant_learner ON participant (learner_id);"        /* her registrations */
    "CREATE INDEX attendance_workshop ON attendance (workshop_id, learner_id);"
    "CREATE INDEX module_open_learner ON module_open (learner_id, module);" /* a learner's progress */
    "CREATE INDEX completion_learner ON completion (learner_id, module);"
    "CREATE INDEX attempt_learner ON attempt (learner_id, module);"
    "CREATE INDEX record_kind ON record (kind, created_at);",              /* today's deliveries */

    /* 6: records leaving the kiosk, and the kiosk's own health for the network.
     * A handover is a bundle that was written somewhere (a USB stick, a folder, the network's
     * server), read back and verified there. Records of a kiosk id above the highest last_seq
     * handed over for it are pending. Handovers are not records themselves: a record saying
     * "sent" would be pending the moment it was written. They are append-only all the same.
     * kiosk_event counts starts and stops (a start after a start is a power loss or a crash)
     * and keeps the faults the network should hear about; its rows hold no personal data. */
    "CREATE TABLE handover ("
    "  id          INTEGER PRIMARY KEY,"
    "  kiosk_id    TEXT NOT NULL,"          /* whose records: the kiosk's id now, or an earlier one */
    "  first_seq   INTEGER NOT NULL,"
    "  last_seq    INTEGER NOT NULL,"
    "  records     INTEGER NOT NULL,"
    "  hash        TEXT NOT NULL,"          /* BLAKE2b-512 of the bundle as read back (hex) */
    "  receipt     TEXT NOT NULL,"          /* the six characters read aloud over the phone */
    "  destination TEXT NOT NULL,"          /* "usb LABEL", "folder PATH" or "network" */
    "  at          INTEGER NOT NULL,"       /* unix seconds, as the clock said */
    "  events_upto INTEGER NOT NULL"        /* the last kiosk_event its bundle reported */
    ");"
    "CREATE INDEX handover_kiosk ON handover (kiosk_id, last_seq);"
    "CREATE TABLE kiosk_event ("
    "  id     INTEGER PRIMARY KEY,"
    "  kind   TEXT NOT NULL CHECK (kind IN ('start', 'stop', 'error')),"
    "  detail TEXT NOT NULL DEFAULT '',"
    "  at     INTEGER NOT NULL"
    ");"
    APPEND_ONLY("handover") APPEND_ONLY("kiosk_event"),

    /* 7: trusted time. A kiosk without a battery-backed clock may start in 1970, and its records
     * then carry times nobody can use (clock_ok 0). When it reaches the network's server, the
     * server's Date header says what time it really is: a `clock` record keeps both readings,
     * taken at the same moment, so that the network can correct the times of the records made
     * during the same start of the kiosk by the difference (server_time - kiosk_time). Records
     * are never rewritten here: the correction happens at the network's end.
     * `record.boot` says which start of the kiosk made each record: the id of the kiosk_event
     * `start` that was the latest when it was written (NULL for records from before this
     * migration, or written before the kiosk's first start). The clock does not jump within a
     * start unless someone sets it, so one offset holds for one boot; a new clock record is
     * written when a start has none yet, or when the offset moved by more than a minute. */
    "CREATE TABLE clock ("
    "  id          TEXT PRIMARY KEY REFERENCES record(id),"
    "  kiosk_time  INTEGER NOT NULL,"       /* unix seconds, the kiosk's clock when the answer came */
    "  server_time INTEGER NOT NULL"        /* unix seconds, the server's Date header in that answer */
    ");"
    "ALTER TABLE record ADD COLUMN boot INTEGER;"   /* kiosk_event.id of the start that made it */
    APPEND_ONLY("clock"),

    /* 8: her voice. A woman tells her network, by a recorded message, what is wrong where she
     * works ("Tell us"). The recording is sealed the moment she sends it: encrypted with age to
     * the network's recipient (network_recipient), so that nobody at the kiosk, facilitators
     * included, can hear it again. The plain audio never reaches a file.
     * A sent report first waits in voice_outbox, which is not a record: it becomes one
     * (voice_report, its sealed audio in voice_audio) only when the next bundle is made, so that
     * its place among the kiosk's records (seq) tells nothing of whose session it followed. Its
     * day is kept, not its time, for the same reason.
     * voice_audio is the second documented exception to append-only, after person: once a
     * handover of its record is verified, its row is DELETEd (with secure_delete and a TRUNCATE
     * checkpoint, as for a withdrawal), and nothing else may change it. voice_report stays, so
     * the kiosk knows its records were sent; it holds no audio and no name. */
    "CREATE TABLE voice_outbox ("
    "  n            INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  category     TEXT NOT NULL,"         /* rock, dust, noppe, mercury, weather, injury, violence, idea, other */
    "  learner_id   TEXT REFERENCES learner(id),"      /* NULL: sent with no name at all */
    "  community_id TEXT REFERENCES community(id),"    /* hers, or the kiosk's latest workshop's */
    "  day          INTEGER NOT NULL,"      /* unix seconds at 00:00 UTC of the day she sent it */
    "  day_ok       INTEGER NOT NULL CHECK (day_ok IN (0, 1)),"  /* 0: the clock was not plausible */
    "  seconds      INTEGER NOT NULL,"      /* how long she spoke */
    "  sealed       BLOB NOT NULL"          /* the OGG recording, age-encrypted to the network */
    ");"
    "CREATE TABLE voice_report ("
    "  id           TEXT PRIMARY KEY REFERENCES record(id),"
    "  category     TEXT NOT NULL,"
    "  learner_id   TEXT REFERENCES learner(id),"
    "  community_id TEXT REFERENCES community(id),"
    "  day          INTEGER NOT NULL,"
    "  day_ok       INTEGER NOT NULL CHECK (day_ok IN (0, 1)),"
    "  seconds      INTEGER NOT NULL"
    ");"
    "CREATE TABLE voice_audio ("
    "  id     TEXT PRIMARY KEY REFERENCES voice_report(id),"
    "  sealed BLOB NOT NULL"
    ");"
    APPEND_ONLY("voice_report")
    "CREATE TRIGGER voice_audio_no_update BEFORE UPDATE ON voice_audio"
    " BEGIN SELECT RAISE(ABORT, 'a recording is deleted once sent, never changed'); END;"
    "CREATE TRIGGER voice_outbox_no_update BEFORE UPDATE ON voice_outbox"
    " BEGIN SELECT RAISE(ABORT, 'a recording is deleted once sent, never changed'); END;",
};

#define SCHEMA_VERSION (int)(sizeof SCHEMA_MIGRATIONS / sizeof *SCHEMA_MIGRATIONS)

#endif
