/* quiz: the questions at the end of a module (arg: its catalog index).
 *   ask:      the question is narrated; 2 to 4 picture answers, each with a speaker button that
 *             reads it; touching a picture answers, and the answer is saved at once;
 *   feedback: a sound, a check on the right answer and a cross on a wrong choice, then
 *             "right"/"not that one" and the explanation; the green button goes on;
 *   score:    stars for the score, spoken, and whether she passed; done (bottom right, back to
 *             her lessons) or again (bottom left). When this quiz was the last of the course she
 *             had not passed, the green arrow (and the house) lead to her certificate (course.c).
 * Every answer is committed before the feedback shows: a power cut loses at most the one
 * being given. A guest's answers are saved without anyone's name. */
#include "../base/text.h"
#include "../base/trace.h"
#include "../content/uikeys.h"
#include "../ui/layout.h"
#include "../ui/widget.h"
#include "screen.h"

#include <stdio.h>
#include <string.h>

typedef enum { PHASE_ASK, PHASE_FEEDBACK, PHASE_SCORE } Phase;

typedef struct {
    int module;
    int q;                  /* question shown, 0-based */
    Phase phase;
    int chosen;             /* answer touched, in feedback */
    int score;
    int question_listens;   /* times she asked for the question again */
    int answer_listens[PALLAY_MAX_ANSWERS];
    char attempt[37];       /* the attempt record, "" if it could not be saved */
    int course_done;        /* this quiz completed the course for her: her certificate comes next */
} QuizState;

static QuizState state;

static const Module *module(QuizState *st, Ctx *c) { return catalog_module(c->cat, st->module); }
static const Question *question(QuizState *st, Ctx *c) { return &module(st, c)->questions[st->q]; }
static int stars(int score, int total) { return total ? (3 * score + total / 2) / total : 0; }

static void ask(QuizState *st, Ctx *c)
{
    const Module *m = module(st, c);
    st->phase = PHASE_ASK;
    st->chosen = -1;
    st->question_listens = 0;
    memset(st->answer_listens, 0, sizeof st->answer_listens);
    trace("quiz question module=%s q=%d of=%d", m->id, st->q + 1, m->nquestions);
    if (st->q == 0) {
        c->speak(c, UIKEY_QUIZ_INTRO);
        c->then(c, question(st, c)->key);
    } else {
        c->speak(c, question(st, c)->key);
    }
}

static void begin(QuizState *st, Ctx *c)
{
    const Module *m = module(st, c);
    st->q = st->score = st->course_done = 0;
    st->attempt[0] = '\0';
    if (c->store) {
        Err e;
        const char *who = c->learner ? c->learner->id : NULL;
        if (records_begin_attempt(c->store, who, m->id, m->version, m->nquestions, m->pass, st->attempt, &e) < 0) {
            st->attempt[0] = '\0';
            c->save_failed(c, "attempt", &e);
        } else {
            trace("record attempt id=%s module=%s learner=%s committed", st->attempt, m->id, who ? who : "guest");
        }
    }
    ask(st, c);
}

static void enter(Screen *s, Ctx *c, int arg)
{
    QuizState *st = s->state;
    st->module = arg;
    begin(st, c);
}

static void cards_for(QuizState *st, Ctx *c, Card *cards, Rect *hear)
{
    QuizLayout ql;
    layout_quiz(c->w, c->h, &ql);
    layout_quiz_cards(&ql, question(st, c)->nanswers, c->w, c->h, cards, hear);
}

static void layout(Screen *s, Ctx *c, ButtonSet *bs)
{
    QuizState *st = s->state;
    QuizLayout ql;
    layout_quiz(c->w, c->h, &ql);
    button_add(bs, "home", ql.home, BUTTON_BLUE, UIPIC_HOME, UIKEY_HOME);
    if (st->phase == PHASE_SCORE) {
        /* Bottom right always goes on: here, done, back to her lessons. Trying again is a step
         * back, so it sits bottom left, blue, with its own picture. */
        PlayerLayout pl;
        layout_player(c->w, c->h, &pl);
        if (st->course_done) {
            button_add(bs, "next", ql.next, BUTTON_GREEN, UIPIC_NEXT, UIKEY_NEXT);
            return;
        }
        button_add(bs, "again", pl.back, BUTTON_BLUE, UIPIC_AGAIN, UIKEY_AGAIN);
        button_add(bs, "done", ql.next, BUTTON_GREEN, UIPIC_DONE, UIKEY_DONE);
        return;
    }
    button_add(bs, "repeat", ql.repeat, BUTTON_ORANGE, UIPIC_REPEAT, UIKEY_REPEAT);
    const Question *q = question(st, c);
    Card cards[PALLAY_MAX_ANSWERS];
    Rect hear[PALLAY_MAX_ANSWERS];
    cards_for(st, c, cards, hear);
    for (int i = 0; i < q->nanswers; i++) {
        char id[PALLAY_NAME_LEN];
        text_fmt(id, sizeof id, "answer:%d", i + 1);
        button_add(bs, id, cards[i].card, BUTTON_CARD, NULL, q->answers[i].key)->selected = i == st->chosen;
    }
    for (int i = 0; i < q->nanswers; i++) {
        char id[PALLAY_NAME_LEN];
        text_fmt(id, sizeof id, "hear:%d", i + 1);
        button_add(bs, id, hear[i], BUTTON_ORANGE, UIPIC_SPEAKER, UIKEY_HEAR);
    }
    if (st->phase == PHASE_FEEDBACK) button_add(bs, "next", ql.next, BUTTON_GREEN, UIPIC_NEXT, UIKEY_NEXT);
}

static void draw_score(QuizState *st, Ctx *c)
{
    const Module *m = module(st, c);
    char path[PALLAY_PATH_LEN];
    int h = c->h / 4;
    c->picture(c, UIPIC_STAR, path, sizeof path);
    widget_stars((Rect){ c->w / 6, c->h / 6, c->w * 2 / 3, h }, stars(st->score, m->nquestions), 3, path);
    int passed = st->score >= m->pass;
    if (passed) {
        c->picture(c, UIPIC_RIGHT, path, sizeof path);
        widget_badge(c->w / 2, c->h / 6 + h + h / 2, h / 3, WIDGET_RIGHT, path);
    }
    char key[PALLAY_NAME_LEN];
    text_fmt(key, sizeof key, "%s%d", UIKEY_QUIZ_STARS, stars(st->score, m->nquestions));
    const char *a = catalog_text(c->cat, c->lang, key), *b = catalog_text(c->cat, c->lang, passed ? UIKEY_QUIZ_PASS : UIKEY_QUIZ_FAIL);
    char text[PALLAY_ERR_LEN * 2];
    text_fmt(text, sizeof text, "%s %s", a ? a : "", b ? b : "");
    gfx_text_box(text, (Rect){ c->w / 6, c->h / 6 + 2 * h, c->w * 2 / 3, c->h / 4 }, FONT_MEDIUM, WIDGET_INK);
}

static void draw(Screen *s, Ctx *c, const ButtonSet *bs)
{
    (void)bs;
    QuizState *st = s->state;
    if (st->phase == PHASE_SCORE) { draw_score(st, c); return; }
    const Question *q = question(st, c);
    QuizLayout ql;
    layout_quiz(c->w, c->h, &ql);
    const char *text = catalog_text(c->cat, c->lang, q->key);
    if (text) gfx_text_box(text, ql.question, FONT_MEDIUM, WIDGET_INK);
    Card cards[PALLAY_MAX_ANSWERS];
    Rect hear[PALLAY_MAX_ANSWERS];
    cards_for(st, c, cards, hear);
    const char *texts[PALLAY_MAX_ANSWERS];
    for (int i = 0; i < q->nanswers; i++) texts[i] = catalog_text(c->cat, c->lang, q->answers[i].key);
    int px = widget_cards_text_px(cards, texts, q->nanswers);
    for (int i = 0; i < q->nanswers; i++) {
        char path[PALLAY_PATH_LEN];
        c->picture(c, q->answers[i].picture, path, sizeof path);
        widget_card(cards[i].card, cards[i].picture, cards[i].caption, path, texts[i], px, i == st->chosen, 0);
        if (st->phase != PHASE_FEEDBACK || (!q->answers[i].right && i != st->chosen)) continue;
        /* The right answer gets a check, a wrong choice a cross: shape and colour, never colour alone. */
        int right = q->answers[i].right, r = cards[i].picture.h / 6;
        c->picture(c, right ? UIPIC_RIGHT : UIPIC_WRONG, path, sizeof path);
        widget_badge(cards[i].picture.x + r + r / 2, cards[i].picture.y + r + r / 2, r, right ? WIDGET_RIGHT : WIDGET_WRONG, path);
    }
}

static void answer(QuizState *st, Ctx *c, int i)
{
    const Module *m = module(st, c);
    const Question *q = question(st, c);
    int correct = q->answers[i].right;
    st->chosen = i;
    st->phase = PHASE_FEEDBACK;
    st->score += correct;
    if (st->attempt[0]) {
        AnswerRecord a = { st->q + 1, i + 1, correct, st->question_listens, st->answer_listens, q->nanswers };
        char id[37];
        Err e;
        if (records_save_answer(c->store, st->attempt, &a, id, &e) < 0) c->save_failed(c, "answer", &e);
        else trace("record answer id=%s attempt=%s module=%s q=%d choice=%d correct=%d committed latency_us=%lld", id,
                   st->attempt, m->id, st->q + 1, i + 1, correct, trace_now_us() - c->input_us);
    }
    c->effect(c, correct ? UISOUND_RIGHT : UISOUND_WRONG);
    c->speak(c, correct ? UIKEY_QUIZ_RIGHT : UIKEY_QUIZ_WRONG);
    c->then(c, q->why);
}

/* 1 if passing m would complete the course for the learner signed in: she has passed the quiz of
 * every other module and not yet m's (voided records left out). 0 otherwise, or if her progress
 * cannot be read. Asked before the score is saved, so the course is complete once only. */
static int completes_course(Ctx *c, const Module *m)
{
    if (!c->learner || !c->store) return 0;
    for (int i = 0; i < catalog_module_count(c->cat); i++) {
        const Module *other = catalog_module(c->cat, i);
        Progress p;
        Err e;
        int want = other != m;   /* passed: every other module; not yet: m */
        if (records_progress(c->store, c->learner->id, other->id, &p, &e) < 0 || (p.passed > 0) != want) return 0;
    }
    return 1;
}

static void finish(QuizState *st, Ctx *c)
{
    const Module *m = module(st, c);
    int passed = st->score >= m->pass, n = stars(st->score, m->nquestions);
    int completes = passed && st->attempt[0] && completes_course(c, m);
    st->phase = PHASE_SCORE;
    st->course_done = 0;
    trace("quiz score module=%s score=%d of=%d stars=%d passed=%d", m->id, st->score, m->nquestions, n, passed);
    if (st->attempt[0]) {
        char id[37];
        Err e;
        if (records_end_attempt(c->store, st->attempt, st->score, m->nquestions, passed, id, &e) < 0) c->save_failed(c, "score", &e);
        else {
            trace("record attempt_end id=%s attempt=%s module=%s score=%d of=%d passed=%d committed", id, st->attempt, m->id,
                  st->score, m->nquestions, passed);
            st->course_done = completes;
        }
    }
    char key[PALLAY_NAME_LEN];
    text_fmt(key, sizeof key, "%s%d", UIKEY_QUIZ_STARS, n);
    c->effect(c, UISOUND_DONE);
    c->speak(c, key);
    c->then(c, passed ? UIKEY_QUIZ_PASS : UIKEY_QUIZ_FAIL);
}

static Action press(Screen *s, Ctx *c, const char *id)
{
    QuizState *st = s->state;
    /* Her certificate is never skipped: every way on from the score leads to it. */
    if (st->phase == PHASE_SCORE && st->course_done && (strcmp(id, "home") == 0 || strcmp(id, "next") == 0))
        return (Action){ ACTION_REPLACE, SCREEN_COURSE, 0 };
    if (strcmp(id, "home") == 0) return (Action){ ACTION_POP, 0, 0 };
    if (st->phase == PHASE_SCORE) {
        if (strcmp(id, "again") == 0) begin(st, c);
        if (strcmp(id, "done") == 0) return (Action){ ACTION_POP, 0, 0 };
        return NO_ACTION;
    }
    const Question *q = question(st, c);
    int i = 0;
    if (strcmp(id, "repeat") == 0) {
        if (st->phase == PHASE_ASK) st->question_listens++;
        c->speak(c, st->phase == PHASE_ASK ? q->key : q->why);
    } else if (sscanf(id, "hear:%d", &i) == 1 && i >= 1 && i <= q->nanswers) {
        if (st->phase == PHASE_ASK) st->answer_listens[i - 1]++;
        c->speak(c, q->answers[i - 1].key);
    } else if (sscanf(id, "answer:%d", &i) == 1 && i >= 1 && i <= q->nanswers && st->phase == PHASE_ASK) {
        answer(st, c, i - 1);
    } else if (strcmp(id, "next") == 0 && st->phase == PHASE_FEEDBACK) {
        if (++st->q < module(st, c)->nquestions) ask(st, c);
        else finish(st, c);
    }
    return NO_ACTION;
}

Screen *quiz_screen(void)
{
    static Screen s = {
        .name = "quiz",
        .enter = enter,
        .layout = layout,
        .draw = draw,
        .press = press,
        .state = &state,
    };
    return &s;
}
