/* certificate: fields, canonical text, signature, code, storage and checks (see certificate.h). */
#include "certificate.h"
#include "../base/text.h"
#include "../config.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define CERT_TEXT 16384          /* room for the canonical text: 32 modules with long titles */
#define WITHDRAWN "withdrawn"   /* the fields of a certificate whose name was erased */

/* Crockford's base32: no I, L, O or U, so a code read over the phone or copied by hand is not
 * misread (an O typed for a 0, an I or L for a 1, is taken as meant). */
static const char ALPHABET[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static const char SCHEMA[] =
    "CREATE TABLE IF NOT EXISTS net_certificate ("
    "  code       TEXT PRIMARY KEY,"     /* CERT_CODE_LEN characters of ALPHABET, no dashes */
    "  learner_id TEXT NOT NULL,"
    "  fields     TEXT NOT NULL,"        /* the canonical text that was signed */
    "  signature  BLOB NOT NULL,"        /* Ed25519 over fields, by the content key */
    "  key_id     TEXT NOT NULL,"        /* that key's minisign id, 16 hex digits */
    "  made_at    INTEGER NOT NULL"      /* unix seconds, the coordinator's clock */
    ");"
    /* A withdrawal of consent erases her name from the certificates too, wherever the person rows
     * are deleted (the kiosk's withdrawal, a withdrawal merged into the network) and whichever
     * program deletes them: what was signed held her name, so the fields and the signature go,
     * and the code then says the certificate was withdrawn. */
    "CREATE TRIGGER IF NOT EXISTS net_certificate_withdrawn AFTER DELETE ON person BEGIN"
    "  UPDATE net_certificate SET fields = '" WITHDRAWN "', signature = X''"
    "  WHERE learner_id = (SELECT learner_id FROM participant WHERE id = OLD.id) AND instr(fields, char(10) || 'name: ') > 0;"
    " END;";

/* Every record's time as `at`: the network's view corrects the times of kiosks whose clock was
 * wrong; a kiosk's own database has only what its clock said. */
static const char KIOSK_TIMES[] =
    "CREATE TEMP VIEW IF NOT EXISTS record_time AS SELECT id, created_at AS at, clock_ok, 0 AS corrected FROM record;";

static int has(sqlite3 *db, const char *type, const char *name)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM main.sqlite_master WHERE type = ?1 AND name = ?2", -1, &st, NULL) != SQLITE_OK) return 0;
    sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    int found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

sqlite3 *certificate_open(const char *path, Err *e)
{
    sqlite3 *db = NULL;
    if (!text_file_exists(path)) {
        err_set(e, "%s: no such database", path);
        return NULL;
    }
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        err_set(e, "%s: %s", path, db ? sqlite3_errmsg(db) : "cannot be opened");
        goto fail;
    }
    /* The kiosk may be writing: wait for it as its own writes wait for pallayctl's. Names are
     * overwritten when erased, as on the kiosk's own connections. */
    sqlite3_busy_timeout(db, PALLAY_BUSY_MS);
    sqlite3_exec(db, "PRAGMA secure_delete = ON", NULL, NULL, NULL);
    if (!has(db, "table", "learner") || !(has(db, "table", "kiosk") || has(db, "table", "net_kiosk"))) {
        err_set(e, "%s: neither a kiosk's nor a network's database", path);
        goto fail;
    }
    if (!has(db, "view", "record_time") && sqlite3_exec(db, KIOSK_TIMES, NULL, NULL, NULL) != SQLITE_OK) goto sqlfail;
    if (sqlite3_exec(db, SCHEMA, NULL, NULL, NULL) != SQLITE_OK) goto sqlfail;
    return db;
sqlfail:
    err_set(e, "%s: %s", path, sqlite3_errmsg(db));
fail:
    sqlite3_close(db);
    return NULL;
}

void certificate_close(sqlite3 *db)
{
    sqlite3_close(db);
}

static int prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, Err *e)
{
    if (sqlite3_prepare_v2(db, sql, -1, st, NULL) == SQLITE_OK) return 0;
    return err_set(e, "certificate: %s", sqlite3_errmsg(db));
}

/* Copies column i of the current row (NULL as ""). */
static void column(sqlite3_stmt *st, int i, char *out, size_t n)
{
    const unsigned char *v = sqlite3_column_text(st, i);
    text_copy(out, n, v ? (const char *)v : "");
}

int certificate_learners(sqlite3 *db, const char *symbol, const char *colour, char (*ids)[PALLAY_NAME_LEN], int max, Err *e)
{
    sqlite3_stmt *st;
    if (prepare(db, "SELECT id FROM learner WHERE ?1 IS NULL OR (symbol = ?1 AND colour = ?2) ORDER BY symbol, colour, id", &st, e) < 0)
        return -1;
    sqlite3_bind_text(st, 1, symbol, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, colour, -1, SQLITE_STATIC);
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n < max) column(st, 0, ids[n], PALLAY_NAME_LEN);
        n++;
    }
    if (rc != SQLITE_DONE) n = err_set(e, "certificate: %s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return n;
}

int certificate_sign_of(sqlite3 *db, const char *learner_id, char symbol[PALLAY_NAME_LEN], char colour[PALLAY_NAME_LEN], Err *e)
{
    sqlite3_stmt *st;
    if (prepare(db, "SELECT symbol, colour FROM learner WHERE id = ?1", &st, e) < 0) return -1;
    sqlite3_bind_text(st, 1, learner_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : err_set(e, "no learner %s", learner_id);
    if (rc == 0) {
        column(st, 0, symbol, PALLAY_NAME_LEN);
        column(st, 1, colour, PALLAY_NAME_LEN);
    }
    sqlite3_finalize(st);
    return rc;
}

/* Her registration in force (the latest not voided, as the report takes it), its community and
 * facilitator, and her name if it gave one with consent and no withdrawal came after it on that
 * kiosk (the report's rule for names). */
static const char HOME[] =
    "SELECT c.name, f.name, (SELECT pe.name FROM person pe WHERE pe.id = p.id AND p.consent = 1 AND NOT EXISTS ("
    "    SELECT 1 FROM withdrawal w JOIN record wr ON wr.id = w.id"
    "    WHERE w.learner_id = p.learner_id AND wr.kiosk_id = r.kiosk_id AND wr.seq > r.seq))"
    " FROM participant p JOIN record r ON r.id = p.id JOIN record_time t ON t.id = p.id"
    " LEFT JOIN community c ON c.id = p.community_id LEFT JOIN facilitator f ON f.id = p.facilitator_id"
    " WHERE p.learner_id = ?1 AND p.id NOT IN (SELECT target_id FROM void)"
    " ORDER BY t.at DESC, r.seq DESC LIMIT 1";
/* Her passing quizzes of a module, neither the quiz nor its end voided (the kiosk's rule for a
 * passed module, store/records.c records_progress), and the day of the first
 * whose time is known: a kiosk's clock that was not trusted (1970 after a flat battery) and that
 * the network could not correct gives no day. */
static const char PASSED[] =
    "SELECT count(*), strftime('%Y-%m-%d', min(CASE WHEN t.clock_ok OR t.corrected THEN t.at END), 'unixepoch')"
    " FROM attempt a JOIN attempt_end e ON e.attempt_id = a.id"
    " LEFT JOIN record_time t ON t.id = e.id WHERE a.learner_id = ?1 AND a.module = ?2 AND e.passed = 1"
    " AND a.id NOT IN (SELECT target_id FROM void) AND e.id NOT IN (SELECT target_id FROM void)";

int certificate_gather(sqlite3 *db, Certificate *c, Err *e)
{
    sqlite3_stmt *home = NULL, *passed = NULL;
    int lacking = -1;
    if (prepare(db, HOME, &home, e) < 0 || prepare(db, PASSED, &passed, e) < 0) goto done;
    c->name[0] = c->community[0] = c->facilitator[0] = '\0';
    sqlite3_bind_text(home, 1, c->learner_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(home);
    if (rc == SQLITE_ROW) {
        column(home, 0, c->community, sizeof c->community);
        column(home, 1, c->facilitator, sizeof c->facilitator);
        column(home, 2, c->name, sizeof c->name);
    } else if (rc != SQLITE_DONE) {
        err_set(e, "certificate: %s", sqlite3_errmsg(db));
        goto done;
    }
    lacking = 0;
    sqlite3_bind_text(passed, 1, c->learner_id, -1, SQLITE_STATIC);
    for (int i = 0; i < c->nmodules; i++) {
        sqlite3_bind_text(passed, 2, c->modules[i].id, -1, SQLITE_STATIC);
        if (sqlite3_step(passed) != SQLITE_ROW) {
            lacking = err_set(e, "certificate: %s", sqlite3_errmsg(db));
            goto done;
        }
        if (sqlite3_column_int(passed, 0) == 0) {
            c->modules[i].date[0] = '\0';
            lacking++;
        } else if (sqlite3_column_type(passed, 1) == SQLITE_NULL) text_copy(c->modules[i].date, sizeof c->modules[i].date, CERT_NO_DATE);
        else column(passed, 1, c->modules[i].date, sizeof c->modules[i].date);
        sqlite3_reset(passed);
    }
done:
    sqlite3_finalize(home);
    sqlite3_finalize(passed);
    return lacking;
}

/* Appends "key: value\n" to out; -1 if it does not fit or the value would break the lines. */
static int line(char *out, size_t n, const char *key, const char *value)
{
    if (strpbrk(value, "\r\n")) return -1;
    size_t len = strlen(out);
    return text_fmt(out + len, n - len, "%s: %s\n", key, value);
}

/* The canonical text: what is signed and kept, one field a line in a fixed order. The name and
 * the sign exclude each other: a certificate shows her name only while she consents. */
static int canonical(const Certificate *c, char *out, size_t n)
{
    char module[PALLAY_ERR_LEN * 2];
    int rc = text_copy(out, n, "pallay certificate 1\n") | line(out, n, "learner", c->learner_id);
    rc |= c->name[0] ? line(out, n, "name", c->name) : line(out, n, "sign", c->sign);
    rc |= line(out, n, "community", c->community) | line(out, n, "facilitator", c->facilitator) | line(out, n, "network", c->network);
    for (int i = 0; i < c->nmodules; i++) {
        rc |= text_fmt(module, sizeof module, "%s %s %s", c->modules[i].id, c->modules[i].date, c->modules[i].title);
        rc |= line(out, n, "module", module);
    }
    return rc ? -1 : 0;
}

/* Reads a canonical text back into c. -1 if it is not one. */
static int parse(const char *text, Certificate *c)
{
    memset(c, 0, sizeof *c);
    if (strncmp(text, "pallay certificate 1\n", 21) != 0) return -1;
    char key[32], value[PALLAY_ERR_LEN * 2];
    for (const char *p = text + 21; *p;) {
        const char *end = strchr(p, '\n'), *colon = strstr(p, ": ");
        if (!end || !colon || colon > end || (size_t)(colon - p) >= sizeof key || (size_t)(end - colon - 2) >= sizeof value) return -1;
        memcpy(key, p, colon - p);
        key[colon - p] = '\0';
        memcpy(value, colon + 2, end - colon - 2);
        value[end - colon - 2] = '\0';
        p = end + 1;
        if (strcmp(key, "learner") == 0) text_copy(c->learner_id, sizeof c->learner_id, value);
        else if (strcmp(key, "name") == 0) text_copy(c->name, sizeof c->name, value);
        else if (strcmp(key, "sign") == 0) text_copy(c->sign, sizeof c->sign, value);
        else if (strcmp(key, "community") == 0) text_copy(c->community, sizeof c->community, value);
        else if (strcmp(key, "facilitator") == 0) text_copy(c->facilitator, sizeof c->facilitator, value);
        else if (strcmp(key, "network") == 0) text_copy(c->network, sizeof c->network, value);
        else if (strcmp(key, "module") == 0 && c->nmodules < PALLAY_MAX_MODULES) {
            CertModule *m = &c->modules[c->nmodules++];
            char *sp = strchr(value, ' ');
            if (!sp || strlen(sp + 1) < 11 || sp[11] != ' ') return -1;
            *sp = '\0';
            text_copy(m->id, sizeof m->id, value);
            memcpy(m->date, sp + 1, 10);
            text_copy(m->title, sizeof m->title, sp + 12);
        } else return -1;
    }
    return c->learner_id[0] ? 0 : -1;
}

/* The code: the first characters of the base32 of BLAKE2b-160 of the signature. */
static void code_of(const unsigned char sig[crypto_sign_BYTES], char code[CERT_CODE_LEN + 1])
{
    unsigned char h[20];
    crypto_generichash(h, sizeof h, sig, crypto_sign_BYTES, NULL, 0);
    for (int i = 0; i < CERT_CODE_LEN; i++) {
        int bit = i * 5, v = (h[bit / 8] << 8 | h[bit / 8 + 1]) >> (11 - bit % 8) & 31;
        code[i] = ALPHABET[v];
    }
    code[CERT_CODE_LEN] = '\0';
}

void certificate_code_print(const char *code, char out[CERT_CODE_LEN + 3])
{
    snprintf(out, CERT_CODE_LEN + 3, "%.4s-%.4s-%.2s", code, code + 4, code + 8);
}

/* A code as someone typed it, made canonical: case, dashes and spaces do not matter, and the
 * letters Crockford's alphabet leaves out are read as the digits they look like. -1 if it
 * cannot be a code. */
static int code_normal(const char *in, char out[CERT_CODE_LEN + 1])
{
    int n = 0;
    for (; *in; in++) {
        char ch = *in >= 'a' && *in <= 'z' ? *in - 'a' + 'A' : *in;
        if (ch == '-' || ch == ' ') continue;
        if (ch == 'O') ch = '0';
        if (ch == 'I' || ch == 'L') ch = '1';
        if (!ch || !strchr(ALPHABET, ch) || n == CERT_CODE_LEN) return -1;
        out[n++] = ch;
    }
    out[n] = '\0';
    return n == CERT_CODE_LEN ? 0 : -1;
}

int certificate_issue(sqlite3 *db, Certificate *c, const MinisignSecret *sk, Err *e)
{
    char text[CERT_TEXT], keyid[17];
    unsigned char sig[crypto_sign_BYTES];
    if (canonical(c, text, sizeof text) < 0) return err_set(e, "certificate: a field is too long or holds a line break");
    crypto_sign_detached(sig, NULL, (const unsigned char *)text, strlen(text), sk->sk);
    code_of(sig, c->code);
    minisign_id_text(sk->id, keyid);
    sqlite3_stmt *st;
    if (prepare(db, "INSERT OR IGNORE INTO net_certificate VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &st, e) < 0) return -1;
    sqlite3_bind_text(st, 1, c->code, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, c->learner_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
    sqlite3_bind_blob(st, 4, sig, sizeof sig, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, keyid, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, (long long)time(NULL));
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : err_set(e, "certificate: %s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    if (rc < 0) return -1;
    /* The same certificate again is kept once. Another one under the same code (one chance in
     * 2^50) would make its code name two certificates: refuse it rather than print it. */
    if (prepare(db, "SELECT 1 FROM net_certificate WHERE code = ?1 AND fields = ?2", &st, e) < 0) return -1;
    sqlite3_bind_text(st, 1, c->code, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_ROW ? 0 : err_set(e, "certificate: code %s is taken by another certificate", c->code);
    sqlite3_finalize(st);
    return rc;
}

/* What differs between the stored fields and the records now; "" if nothing does. */
static void changes(const Certificate *was, const Certificate *now, char *why, size_t n)
{
    why[0] = '\0';
    for (int i = 0; i < was->nmodules; i++)
        if (strcmp(was->modules[i].date, now->modules[i].date) != 0) {
            if (!now->modules[i].date[0]) text_fmt(why, n, "module %s is no longer passed (a quiz was voided)", was->modules[i].id);
            else text_fmt(why, n, "module %s was passed on %s, not %s", was->modules[i].id, now->modules[i].date, was->modules[i].date);
            return;
        }
    if (strcmp(was->name, now->name) != 0)
        text_copy(why, n, !now->name[0] ? "her name is no longer kept (consent withdrawn or not given)"
                          : was->name[0] ? "her registration gives another name now" : "she has given her name since");
    else if (strcmp(was->community, now->community) != 0) text_fmt(why, n, "her community is %s now", now->community);
    else if (strcmp(was->facilitator, now->facilitator) != 0) text_fmt(why, n, "her registration names facilitator %s now", now->facilitator);
}

int certificate_verify(sqlite3 *db, const char *typed, const MinisignPublic *pk, Certificate *c, Err *e)
{
    char code[CERT_CODE_LEN + 1], keyid[17], why[PALLAY_ERR_LEN], text[CERT_TEXT];
    unsigned char sig[crypto_sign_BYTES];
    memset(c, 0, sizeof *c);
    if (code_normal(typed, code) < 0) {
        err_set(e, "%s is not a certificate code (%d letters and digits)", typed, CERT_CODE_LEN);
        return 1;
    }
    sqlite3_stmt *st;
    if (prepare(db, "SELECT fields, signature, key_id FROM net_certificate WHERE code = ?1", &st, e) < 0) return -1;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        column(st, 0, text, sizeof text);
        if (sqlite3_column_bytes(st, 1) == (int)sizeof sig) memcpy(sig, sqlite3_column_blob(st, 1), sizeof sig);
        else memset(sig, 0, sizeof sig);
        column(st, 2, keyid, sizeof keyid);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return err_set(e, "certificate: %s", sqlite3_errmsg(db));
    if (rc == SQLITE_DONE) return err_set(e, "unknown code %.4s-%.4s-%.2s: no certificate was made with it here", code, code + 4, code + 8), 1;
    if (strcmp(text, WITHDRAWN) == 0)
        return err_set(e, "she withdrew her consent to her name after it was made, and it was erased (a new one shows her sign)"), 1;
    char signer[17];
    minisign_id_text(pk->id, signer);
    if (crypto_sign_verify_detached(sig, (const unsigned char *)text, strlen(text), pk->pk) != 0) {
        if (strcmp(keyid, signer) != 0) err_set(e, "the signature does not verify: signed by key %s, not by this key %s", keyid, signer);
        else err_set(e, "the signature does not verify: the stored certificate was changed");
        return 1;
    }
    if (parse(text, c) < 0) return err_set(e, "the stored certificate cannot be read"), 1;
    text_copy(c->code, sizeof c->code, code);
    /* The records as they are now: a quiz voided since, or her consent withdrawn, undoes it. */
    Certificate now = *c;
    if (certificate_gather(db, &now, e) < 0) return -1;
    changes(c, &now, why, sizeof why);
    if (why[0]) return err_set(e, "the records changed since it was made: %s", why), 1;
    return 0;
}
