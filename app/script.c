/* script: parsing the step list, and remembering recent trace lines for "expect". */
#include "script.h"
#include "base/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_STEPS 4096
#define SEEN_LINES 256

struct Script {
    Step *steps;
    int n, at;
    char seen[SEEN_LINES][256];   /* trace lines since the last match, oldest first */
    int nseen;
};

static const struct { const char *name; StepKind kind; int words; } NAMES[] = {
    { "tap", STEP_TAP, -1 }, { "click", STEP_CLICK, -1 }, { "hold", STEP_HOLD, 1 }, { "key", STEP_KEY, 1 },
    { "wait", STEP_WAIT, 1 }, { "expect", STEP_EXPECT, 0 }, { "type", STEP_TYPE, 0 }, { "shot", STEP_SHOT, 1 }, { "size", STEP_SIZE, 2 },
    { "bench-render", STEP_BENCH_RENDER, 1 }, { "soak", STEP_SOAK, 2 }, { "quit", STEP_QUIT, 0 },
};

static int parse_line(Step *st, char *line, Err *e, const char *path, int lineno)
{
    char *w[4];
    char copy[1024];
    text_copy(copy, sizeof copy, line);
    int n = text_split(line, w, 3);
    if (n == 0) return 0;
    for (size_t i = 0; i < sizeof NAMES / sizeof *NAMES; i++) {
        if (strcmp(w[0], NAMES[i].name) != 0) continue;
        memset(st, 0, sizeof *st);
        st->kind = NAMES[i].kind;
        st->line = lineno;
        if (st->kind == STEP_EXPECT || st->kind == STEP_TYPE) {
            /* The rest of the line, as written, is the text to find or to type. */
            char *t = strstr(copy, w[0]) + strlen(w[0]);
            while (*t == ' ' || *t == '\t') t++;
            t[strcspn(t, "\r\n")] = '\0';
            if (!*t) return err_set(e, "%s:%d: %s needs a text", path, lineno, w[0]);
            text_copy(st->arg, sizeof st->arg, t);
            return 1;
        }
        int want = NAMES[i].words;
        if (want < 0) { /* tap/click: an id or a position */
            if (n == 2) { text_copy(st->arg, sizeof st->arg, w[1]); return 1; }
            char *e1, *e2;
            if (n == 3) {
                st->x = (int)strtol(w[1], &e1, 10);
                st->y = (int)strtol(w[2], &e2, 10);
                if (!*e1 && !*e2) return 1;
            }
            return err_set(e, "%s:%d: %s needs a button id or X Y", path, lineno, w[0]);
        }
        if (n - 1 != want) return err_set(e, "%s:%d: %s takes %d argument(s)", path, lineno, w[0], want);
        if (st->kind == STEP_WAIT || st->kind == STEP_BENCH_RENDER) {
            st->x = atoi(w[1]);
            if (st->x <= 0) return err_set(e, "%s:%d: %s needs a positive number", path, lineno, w[0]);
        } else if (st->kind == STEP_SIZE) {
            st->x = atoi(w[1]);
            st->y = atoi(w[2]);
            if (st->x < 100 || st->y < 100) return err_set(e, "%s:%d: size W H, in pixels", path, lineno);
        } else if (st->kind == STEP_SOAK) {
            char *end;
            st->x = atoi(w[1]);
            unsigned long seed = strtoul(w[2], &end, 10);
            if (st->x <= 0 || *end || !*w[2]) return err_set(e, "%s:%d: soak MS SEED, two positive numbers", path, lineno);
            st->y = (int)(seed & 0x7fffffff);
        } else if (want == 1) {
            text_copy(st->arg, sizeof st->arg, w[1]);
        }
        return 1;
    }
    return err_set(e, "%s:%d: unknown step \"%s\"", path, lineno, w[0]);
}

Script *script_load(const char *path, Err *e)
{
    char *text = text_read_file(path, NULL);
    if (!text) { err_set(e, "%s: cannot be read", path); return NULL; }
    Script *s = xcalloc(1, sizeof *s);
    s->steps = xcalloc(MAX_STEPS, sizeof *s->steps);
    int lineno = 0, got;
    const char *p = text;
    char line[1024];
    while ((got = text_next_line(&p, line, sizeof line)) != 0) {
        lineno++;
        if (got < 0) { err_set(e, "%s:%d: line too long", path, lineno); goto fail; }
        if (s->n == MAX_STEPS) { err_set(e, "%s:%d: more than %d steps", path, lineno, MAX_STEPS); goto fail; }
        int r = parse_line(&s->steps[s->n], line, e, path, lineno);
        if (r < 0) goto fail;
        s->n += r;
    }
    free(text);
    return s;
fail:
    free(text);
    script_unload(s);
    return NULL;
}

void script_unload(Script *s)
{
    if (!s) return;
    free(s->steps);
    free(s);
}

const Step *script_step(const Script *s) { return s->at < s->n ? &s->steps[s->at] : NULL; }
void script_next(Script *s) { if (s->at < s->n) s->at++; }

void script_seen(Script *s, const char *line)
{
    if (s->nseen == SEEN_LINES) {
        memmove(s->seen[0], s->seen[1], sizeof s->seen[0] * (SEEN_LINES - 1));
        s->nseen--;
    }
    text_copy(s->seen[s->nseen++], sizeof s->seen[0], line);
}

int script_take(Script *s, const char *text)
{
    for (int i = 0; i < s->nseen; i++)
        if (strstr(s->seen[i], text)) {
            memmove(s->seen[0], s->seen[i + 1], sizeof s->seen[0] * (size_t)(s->nseen - i - 1));
            s->nseen -= i + 1;
            return 1;
        }
    return 0;
}
