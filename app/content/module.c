/* module: the .module file format.
 *   module ID            one per file, first directive
 *   title  KEY           string key of the title
 *   tile   PICTURE       home-screen picture
 *   review draft | NAME YYYY-MM-DD   not yet checked, or the network health worker who signed it off
 *   equipment ITEM...    ppe.list ids of the equipment it recommends (checked against ppe.list)
 *   slide  PICTURE KEY [SECONDS | help [NOHELP]]   one line per slide, in order; SECONDS: a countdown
 *                        she can start; help: the network's help contacts (setting help_contacts) are
 *                        shown on it, and NOHELP is said instead of KEY while none are set
 *   pass   N             right answers needed to pass the quiz (default: two thirds)
 *   question KEY WHY     a quiz question and the explanation spoken after it is answered
 *   answer PICTURE KEY [right]   an answer to the question above; exactly one is right
 * Blank lines and "#" comments are ignored. */
#include "module.h"
#include "../base/err.h"
#include "../base/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copies an id-like word into dst, reporting it if it is not a valid name. */
static int take_id(char *dst, const char *word, const char *what, const char *file, int line, Report *r)
{
    if (!text_is_id(word)) {
        report(r, file, line, "%s \"%.40s\" is not a valid name (use a-z 0-9 . _ -)", what, word);
        return -1;
    }
    text_copy(dst, PALLAY_NAME_LEN, word);
    return 0;
}

/* 1 if s is a day that exists, written YYYY-MM-DD (this century). */
static int real_date(const char *s)
{
    for (int i = 0; i < 10; i++)
        if (!s[i] || (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))) return 0;
    if (s[10]) return 0;
    int y = atoi(s), mo = atoi(s + 5), d = atoi(s + 8);
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (y < 2000 || y > 2099 || mo < 1 || mo > 12) return 0;
    int leap = mo == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    return d >= 1 && d <= days[mo - 1] + leap;
}

/* "review draft" or "review NAME YYYY-MM-DD": who signed the module off. The name may have
 * several words; a bad line leaves the module a draft. */
static void parse_review(Module *m, char **w, int n, const char *file, int lineno, Report *r)
{
    if (m->review_line) {
        report(r, file, lineno, "a second \"review\" line (the first is line %d)", m->review_line);
        return;
    }
    m->review_line = lineno;
    if (n == 2 && strcmp(w[1], "draft") == 0) return;
    if (n < 3 || n > 8) {
        report(r, file, lineno, "\"review\" takes \"draft\", or the reviewer's name and a date (YYYY-MM-DD)");
        return;
    }
    if (!real_date(w[n - 1])) {
        report(r, file, lineno, "review date \"%.20s\" is not a real day written YYYY-MM-DD", w[n - 1]);
        return;
    }
    char name[PALLAY_NAME_LEN] = "";
    for (int i = 1; i < n - 1; i++) {
        for (const unsigned char *p = (const unsigned char *)w[i]; *p; p++)
            if (*p < 0x20 || *p == 0x7f) {
                report(r, file, lineno, "the reviewer's name has a control character");
                return;
            }
        size_t len = strlen(name);
        if (len + strlen(w[i]) + 2 > sizeof name) {
            report(r, file, lineno, "the reviewer's name is longer than %d bytes", PALLAY_NAME_LEN - 1);
            return;
        }
        snprintf(name + len, sizeof name - len, "%s%s", len ? " " : "", w[i]);
    }
    text_copy(m->reviewer, sizeof m->reviewer, name);
    text_copy(m->reviewed, sizeof m->reviewed, w[n - 1]);
}

/* "equipment ITEM...": what the module recommends, for the catalog to find in ppe.list. */
static void parse_equipment(Module *m, char **w, int n, const char *file, int lineno, Report *r)
{
    if (n < 2 || n > 8) {
        report(r, file, lineno, "\"equipment\" takes 1 to 7 item ids from ppe.list");
        return;
    }
    for (int i = 1; i < n; i++) {
        if (m->nequipment == PALLAY_MAX_ITEMS) {
            report(r, file, lineno, "more than %d equipment items", PALLAY_MAX_ITEMS);
            return;
        }
        if (take_id(m->equipment[m->nequipment], w[i], "equipment item", file, lineno, r) < 0) continue;
        m->equipment_line[m->nequipment++] = lineno;
    }
}

/* FNV-1a, 64 bits: enough to tell two versions of one module file apart. */
static void hash_text(const char *text, char out[17])
{
    snprintf(out, 17, "%016llx", text_fnv1a(text, strlen(text)));
}

/* What is over a limit is counted and said once, at the first line over it, not once a line. */
typedef struct { int n, line; } Extra;
typedef struct { Extra slides, questions, answers; } Over;

static void count_extra(Extra *x, int lineno)
{
    if (!x->n++) x->line = lineno;
}

/* Keeps question q if it has 2 to 4 answers, exactly one of them right; one with more answers
 * is left out whole (assets/README.md): its first four might not hold the right one. */
static void close_question(Module *m, Over *over, const char *file, Report *r)
{
    int extra = over->answers.n;
    over->answers.n = 0;
    if (m->nquestions == PALLAY_MAX_QUESTIONS) return;
    Question *q = &m->questions[m->nquestions];
    if (!q->key[0]) return;
    int right = 0;
    for (int i = 0; i < q->nanswers; i++) right += q->answers[i].right;
    if (extra)
        report(r, file, q->line, "question \"%s\" has %d answers, more than %d: left out", q->key, q->nanswers + extra,
               PALLAY_MAX_ANSWERS);
    else if (q->nanswers < PALLAY_MIN_ANSWERS)
        report(r, file, q->line, "question \"%s\" has %d answer%s; it needs %d to %d", q->key, q->nanswers,
               q->nanswers == 1 ? "" : "s", PALLAY_MIN_ANSWERS, PALLAY_MAX_ANSWERS);
    else if (right != 1)
        report(r, file, q->line, "question \"%s\" has %d right answers; it needs exactly one", q->key, right);
    else {
        m->nquestions++;
        return;
    }
    memset(q, 0, sizeof *q);
}

static void parse_question(Module *m, char **w, int n, const char *file, int lineno, Report *r, Over *over)
{
    close_question(m, over, file, r);
    if (m->nquestions == PALLAY_MAX_QUESTIONS) {
        count_extra(&over->questions, lineno);
        return;
    }
    Question *q = &m->questions[m->nquestions];
    if (n != 3) {
        report(r, file, lineno, "\"question\" takes a text key and an explanation key");
        return;
    }
    if (take_id(q->key, w[1], "question key", file, lineno, r) < 0 ||
        take_id(q->why, w[2], "explanation key", file, lineno, r) < 0) {
        memset(q, 0, sizeof *q);
        return;
    }
    q->line = lineno;
}

static void parse_answer(Module *m, char **w, int n, const char *file, int lineno, Report *r, Over *over)
{
    if (m->nquestions == PALLAY_MAX_QUESTIONS) return;
    Question *q = &m->questions[m->nquestions];
    if (!q->key[0]) { report(r, file, lineno, "an answer before its question"); return; }
    if (n < 3 || n > 4 || (n == 4 && strcmp(w[3], "right") != 0)) {
        report(r, file, lineno, "\"answer\" takes a picture, a text key and, on the right one, \"right\"");
        return;
    }
    if (q->nanswers == PALLAY_MAX_ANSWERS) {
        count_extra(&over->answers, lineno);
        return;
    }
    Answer *a = &q->answers[q->nanswers];
    if (take_id(a->picture, w[1], "picture", file, lineno, r) < 0 || take_id(a->key, w[2], "text key", file, lineno, r) < 0) {
        memset(a, 0, sizeof *a);
        return;
    }
    a->right = n == 4;
    a->line = lineno;
    q->nanswers++;
}

/* After the last line: closes the quiz and checks its size and pass mark. */
static void finish_quiz(Module *m, Over *over, int pass, int pass_line, const char *file, Report *r)
{
    close_question(m, over, file, r);
    if (over->questions.n)
        report(r, file, over->questions.line, "more than %d questions: %d left out, from this line on", PALLAY_MAX_QUESTIONS,
               over->questions.n);
    if (m->nquestions < PALLAY_MIN_QUESTIONS) {
        report(r, file, 0, "the quiz has %d usable question%s; a module needs %d to %d", m->nquestions,
               m->nquestions == 1 ? "" : "s", PALLAY_MIN_QUESTIONS, PALLAY_MAX_QUESTIONS);
        m->nquestions = 0;
        return;
    }
    m->pass = (2 * m->nquestions + 2) / 3;
    if (pass_line && (pass < 1 || pass > m->nquestions))
        report(r, file, pass_line, "pass mark %d is not between 1 and the %d questions; using %d", pass, m->nquestions, m->pass);
    else if (pass_line)
        m->pass = pass;
}

int module_parse(Module *m, const char *text, const char *file, Report *r)
{
    memset(m, 0, sizeof *m);
    text_copy(m->file, sizeof m->file, file);
    hash_text(text, m->version);
    int lineno = 0, pass = 0, pass_line = 0;
    Over over = { { 0, 0 }, { 0, 0 }, { 0, 0 } };
    const char *s = text;
    char line[1024];

    int got;
    while ((got = text_next_line(&s, line, sizeof line)) != 0) {
        lineno++;
        if (got < 0) report(r, file, lineno, "line too long");

        char *w[9];
        int n = text_split(line, w, 8);
        if (n == 0) continue;
        if (strcmp(w[0], "module") == 0 && n == 2) {
            if (m->id[0]) report(r, file, lineno, "a second \"module\" line");
            else take_id(m->id, w[1], "module id", file, lineno, r);
        } else if (strcmp(w[0], "title") == 0 && n == 2) {
            if (take_id(m->title, w[1], "title key", file, lineno, r) == 0) m->title_line = lineno;
        } else if (strcmp(w[0], "tile") == 0 && n == 2) {
            if (take_id(m->tile, w[1], "tile picture", file, lineno, r) == 0) m->tile_line = lineno;
        } else if (strcmp(w[0], "review") == 0) {
            parse_review(m, w, n, file, lineno, r);
        } else if (strcmp(w[0], "equipment") == 0) {
            parse_equipment(m, w, n, file, lineno, r);
        } else if (strcmp(w[0], "slide") == 0 && (n == 3 || n == 4 || (n == 5 && strcmp(w[3], "help") == 0))) {
            if (m->nslides == PALLAY_MAX_SLIDES) {
                count_extra(&over.slides, lineno);
                continue;
            }
            Slide *sl = &m->slides[m->nslides];
            if (take_id(sl->picture, w[1], "picture", file, lineno, r) < 0) continue;
            if (take_id(sl->key, w[2], "text key", file, lineno, r) < 0) continue;
            sl->timer = sl->help = 0;
            sl->nohelp[0] = '\0';
            if (n >= 4 && strcmp(w[3], "help") == 0) {
                sl->help = 1;
                if (n == 5 && take_id(sl->nohelp, w[4], "text key", file, lineno, r) < 0) continue;
            } else if (n == 4) {
                char *end;
                long t = strtol(w[3], &end, 10);
                if (*end || t < 1 || t > PALLAY_MAX_TIMER_S) {
                    report(r, file, lineno, "a slide's countdown is 1 to %d seconds, not \"%.20s\"", PALLAY_MAX_TIMER_S, w[3]);
                    continue;
                }
                sl->timer = (int)t;
            }
            sl->line = lineno;
            m->nslides++;
        } else if (strcmp(w[0], "question") == 0) {
            parse_question(m, w, n, file, lineno, r, &over);
        } else if (strcmp(w[0], "answer") == 0) {
            parse_answer(m, w, n, file, lineno, r, &over);
        } else if (strcmp(w[0], "pass") == 0 && n == 2) {
            char *end;
            pass = (int)strtol(w[1], &end, 10);
            if (*end) report(r, file, lineno, "\"pass\" takes a number of right answers");
            else pass_line = lineno;
        } else if (strcmp(w[0], "module") == 0 || strcmp(w[0], "title") == 0 || strcmp(w[0], "pass") == 0 ||
                   strcmp(w[0], "tile") == 0 || strcmp(w[0], "slide") == 0) {
            report(r, file, lineno, "\"%s\" takes %s", w[0], strcmp(w[0], "slide") == 0 ? "a picture and a text key (and a countdown, or \"help\" and a key)" : "one word");
        } else {
            report(r, file, lineno, "unknown directive \"%.40s\"", w[0]);
        }
    }
    if (over.slides.n)
        report(r, file, over.slides.line, "more than %d slides: %d left out, from this line on", PALLAY_MAX_SLIDES, over.slides.n);
    finish_quiz(m, &over, pass, pass_line, file, r);
    if (!m->id[0]) report(r, file, 0, "no \"module ID\" line");
    if (!m->title[0]) report(r, file, 0, "no \"title KEY\" line");
    if (!m->tile[0]) report(r, file, 0, "no \"tile PICTURE\" line");
    if (m->nslides == 0) report(r, file, 0, "no slides");
    if (!m->review_line) report(r, file, 0, "no \"review\" line (\"review draft\" until a health worker signs it off)");
    return (m->id[0] && m->title[0] && m->nslides > 0) ? 0 : -1;
}

int module_is_draft(const Module *m) { return m->reviewer[0] == '\0'; }

int module_load(Module *m, const char *path, Report *r)
{
    char *text = text_read_text(path, r);
    if (!text) {
        memset(m, 0, sizeof *m);
        return -1;
    }
    int rc = module_parse(m, text, path, r);
    free(text);
    return rc;
}
