/* missed: the answers tallied per module and question, with the attempts in a hash table of
 * their ids (open addressing, text_fnv1a) instead of a B-tree search per answer. */
#include "missed.h"
#include "../base/text.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Text keys (copied) to the numbers 0, 1, 2... in the order they were first put. */
typedef struct {
    char **key;
    size_t *len;
    int *val;
    size_t cap, n;
} Map;

/* The slot of s: where it is, or the empty slot where it would go. */
static size_t slot(const Map *m, const char *s, size_t len)
{
    size_t i = (size_t)text_fnv1a(s, len) & (m->cap - 1);
    while (m->key[i] && (m->len[i] != len || memcmp(m->key[i], s, len) != 0)) i = (i + 1) & (m->cap - 1);
    return i;
}

static void grow(Map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 1024;
    Map bigger = { xcalloc(cap, sizeof(char *)), xcalloc(cap, sizeof(size_t)), xcalloc(cap, sizeof(int)), cap, m->n };
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->key[i]) continue;
        size_t j = slot(&bigger, m->key[i], m->len[i]);
        bigger.key[j] = m->key[i];
        bigger.len[j] = m->len[i];
        bigger.val[j] = m->val[i];
    }
    free(m->key);
    free(m->len);
    free(m->val);
    *m = bigger;
}

/* The number of s, or -1. */
static int find(const Map *m, const char *s, size_t len)
{
    if (!m->cap || !s) return -1;
    size_t i = slot(m, s, len);
    return m->key[i] ? m->val[i] : -1;
}

/* The number of s, given the next one if s is new. */
static int put(Map *m, const char *s, size_t len)
{
    if ((m->n + 1) * 2 > m->cap) grow(m);
    size_t i = slot(m, s, len);
    if (m->key[i]) return m->val[i];
    m->key[i] = xcalloc(1, len + 1);
    memcpy(m->key[i], s, len);
    m->len[i] = len;
    m->val[i] = (int)m->n++;
    return m->val[i];
}

static void map_free(Map *m)
{
    for (size_t i = 0; i < m->cap; i++) free(m->key[i]);
    free(m->key);
    free(m->len);
    free(m->val);
}

/* Appends v to the array arr of n items (cap of them allocated), doubling it when full. */
#define PUSH(arr, n, cap, v)                                                   \
    do {                                                                       \
        if ((n) == (cap)) {                                                    \
            (cap) = (cap) ? (cap) * 2 : 1024;                                  \
            (arr) = realloc((arr), (cap) * sizeof *(arr));                     \
            expect((arr) != NULL);                                             \
        }                                                                      \
        (arr)[(n)++] = (v);                                                    \
    } while (0)

static int by_value(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

typedef struct { int module, learner; } Attempt;   /* learner -1: a guest */
typedef struct {
    int module;
    sqlite3_value *question;   /* as stored: the page names it "MODULE.QUESTION" */
    long long answers, wrong, women;
} Group;

typedef struct {
    Map attempts, learners, modules, groups;   /* ids to the indexes of att, and of the others */
    Attempt *att;
    size_t natt, catt;
    Group *group;
    size_t ngroup, cgroup;
    uint64_t *pairs;                           /* group << 32 | learner, for each wrong answer of a learner */
    size_t npairs, cpairs;
} Tally;

static const char *text(sqlite3_stmt *st, int i, size_t *len)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    *len = (size_t)sqlite3_column_bytes(st, i);
    return s;
}

/* Runs sql and hands each of its rows to row: 0 once all are read, -1 on a database error. */
static int each_row(sqlite3 *db, const char *sql, Tally *t, void (*row)(sqlite3_stmt *, Tally *))
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) row(st, t);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* An attempt not voided: its module and learner, by its id. */
static void attempt_row(sqlite3_stmt *st, Tally *t)
{
    size_t idlen, mlen, llen;
    const char *id = text(st, 0, &idlen), *module = text(st, 1, &mlen), *learner = text(st, 2, &llen);
    if (!id || !module || put(&t->attempts, id, idlen) != (int)t->natt) return;   /* an id twice: the first counts */
    Attempt a = { put(&t->modules, module, mlen), learner ? put(&t->learners, learner, llen) : -1 };
    PUSH(t->att, t->natt, t->catt, a);
}

/* The group of a module and a question: its key is the module's number, the question's type
 * and all its bytes (a question stored as text or a blob by a damaged bundle stays apart). */
static int group_of(Tally *t, int module, int type, const char *q, size_t qlen)
{
    size_t head = sizeof module + 1, n = head + qlen;
    char small[64], *key = n <= sizeof small ? small : xcalloc(1, n);
    memcpy(key, &module, sizeof module);
    key[sizeof module] = (char)type;
    if (qlen) memcpy(key + head, q, qlen);
    int g = put(&t->groups, key, n);
    if (key != small) free(key);
    return g;
}

/* An answer not voided, counted in its group if its attempt is one of t's. */
static void answer_row(sqlite3_stmt *st, Tally *t)
{
    size_t len;
    const char *id = text(st, 0, &len);
    int a = find(&t->attempts, id, len);
    if (a < 0) return;   /* its attempt voided, or never merged */
    /* Its group: the module, and the question as SQL groups it (its type, then its bytes). */
    const Attempt *at = &t->att[a];
    int type = sqlite3_column_type(st, 1);
    const char *q = type == SQLITE_BLOB ? sqlite3_column_blob(st, 1) : (const char *)sqlite3_column_text(st, 1);
    int g = group_of(t, at->module, type, q, (size_t)sqlite3_column_bytes(st, 1));
    if ((size_t)g == t->ngroup) {
        Group fresh = { at->module, sqlite3_value_dup(sqlite3_column_value(st, 1)), 0, 0, 0 };
        PUSH(t->group, t->ngroup, t->cgroup, fresh);
    }
    t->group[g].answers++;
    if (sqlite3_column_int(st, 2) != 0) return;
    t->group[g].wrong++;
    if (at->learner >= 0) PUSH(t->pairs, t->npairs, t->cpairs, (uint64_t)g << 32 | (uint32_t)at->learner);
}

static int write_groups(sqlite3 *db, Tally *t)
{
    /* Each woman once per group: the pairs sorted, each counted where it differs from the one before. */
    if (t->npairs) qsort(t->pairs, t->npairs, sizeof *t->pairs, by_value);   /* none: a network without a wrong answer (pairs NULL) */
    for (size_t i = 0; i < t->npairs; i++)
        if (i == 0 || t->pairs[i] != t->pairs[i - 1]) t->group[t->pairs[i] >> 32].women++;
    const char **module = xcalloc(t->modules.n + 1, sizeof *module);
    for (size_t i = 0; i < t->modules.cap; i++)
        if (t->modules.key[i]) module[t->modules.val[i]] = t->modules.key[i];
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, "INSERT INTO temp.missed VALUES (?1, ?2, ?3, ?4, ?5)", -1, &st, NULL) == SQLITE_OK ? 0 : -1;
    for (size_t g = 0; rc == 0 && g < t->ngroup; g++) {
        const Group *gr = &t->group[g];
        if (gr->wrong == 0) continue;
        sqlite3_bind_text(st, 1, module[gr->module], -1, SQLITE_STATIC);
        sqlite3_bind_value(st, 2, gr->question);
        sqlite3_bind_int64(st, 3, gr->answers);
        sqlite3_bind_int64(st, 4, gr->wrong);
        sqlite3_bind_int64(st, 5, gr->women);
        if (sqlite3_step(st) != SQLITE_DONE) rc = -1;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    free(module);
    return rc;
}

int missed_questions(sqlite3 *db, Err *e)
{
    Tally t = { 0 };
    int rc = sqlite3_exec(db, "DROP TABLE IF EXISTS temp.missed;"
                              "CREATE TEMP TABLE missed (module TEXT, question, answers INTEGER, wrong INTEGER, women INTEGER)",
                          NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
    if (rc == 0) rc = each_row(db, "SELECT id, module, learner_id FROM attempt WHERE id NOT IN (SELECT id FROM temp.voided)", &t, attempt_row);
    if (rc == 0) rc = each_row(db, "SELECT attempt_id, question, correct FROM answer WHERE id NOT IN (SELECT id FROM temp.voided)", &t, answer_row);
    if (rc == 0) rc = write_groups(db, &t);
    if (rc < 0) err_set(e, "report: the questions answered wrong: %s", sqlite3_errmsg(db));
    map_free(&t.attempts);
    map_free(&t.learners);
    map_free(&t.modules);
    map_free(&t.groups);
    for (size_t g = 0; g < t.ngroup; g++) sqlite3_value_free(t.group[g].question);
    free(t.att);
    free(t.group);
    free(t.pairs);
    return rc;
}
