/* workshop: opening a workshop (its community, from a list the facilitator can extend; its
 * topics, chosen by their pictures; date and time from the clock), then marking who is present
 * by touching her sign (touching again takes the mark back, as a void), registering a woman on
 * the spot, and closing the workshop (touched twice). */
#include "../base/text.h"
#include "../base/trace.h"
#include "../content/uikeys.h"
#include "../store/people.h"
#include "../store/workshops.h"
#include "../ui/keyboard.h"
#include "../ui/layout.h"
#include "../ui/widget.h"
#include "panel.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define MAX_COMMUNITIES 12

enum { STEP_COMMUNITY, STEP_NEW_COMMUNITY, STEP_TOPICS, STEP_PRESENT };

typedef struct {
    int step;
    char workshop[37];
    struct { char id[37]; char name[PALLAY_TEXT_LEN]; } communities[MAX_COMMUNITIES];
    int ncommunities, community;        /* chosen, or -1 */
    char typed[PALLAY_TEXT_LEN];
    int shift;
    unsigned topics;                    /* bit i: module i is on the programme */
    Learners learners;
    char present[PANEL_MAX_LEARNERS][37];   /* her attendance record, "" if not marked */
    int close_asked;
    int page;                           /* page of the signs, when there are more than fit */
    PanelMessage msg;
} WorkshopState;

static WorkshopState state;

static void add_community(const char *id, const char *name, void *ud)
{
    WorkshopState *st = ud;
    if (st->ncommunities == MAX_COMMUNITIES) return;
    text_copy(st->communities[st->ncommunities].id, 37, id);
    text_copy(st->communities[st->ncommunities++].name, PALLAY_TEXT_LEN, name);
}

static void note_present(const char *learner, const char *attendance, void *ud)
{
    WorkshopState *st = ud;
    for (int i = 0; i < st->learners.n; i++)
        if (strcmp(st->learners.l[i].id, learner) == 0) text_copy(st->present[i], 37, attendance);
}

/* Reads what the step shows from the records. */
static void load(WorkshopState *st, Ctx *c)
{
    Err e;
    st->ncommunities = 0;
    memset(st->present, 0, sizeof st->present);
    if (community_each(c->store, add_community, st, &e) < 0) c->save_failed(c, "communities", &e);
    panel_learners(c, &st->learners);
    if (st->workshop[0] && attendance_each(c->store, st->workshop, note_present, st, &e) < 0) c->save_failed(c, "attendance", &e);
}

static const char *const PROMPT[] = {
    [STEP_COMMUNITY] = UIKEY_FAC_COMMUNITY, [STEP_NEW_COMMUNITY] = UIKEY_FAC_COMMUNITY_NEW,
    [STEP_TOPICS] = UIKEY_FAC_TOPICS, [STEP_PRESENT] = UIKEY_FAC_PRESENT,
};

static void go_to(WorkshopState *st, Ctx *c, int step)
{
    st->step = step;
    st->close_asked = 0;
    load(st, c);
    c->speak(c, PROMPT[step]);
}

static void enter(Screen *s, Ctx *c, int arg)
{
    WorkshopState *st = s->state;
    (void)arg;
    memset(st, 0, sizeof *st);
    st->community = -1;
    Err e;
    int open = workshop_current(c->store, st->workshop, &e);
    if (open < 0) c->save_failed(c, "workshop", &e);
    go_to(st, c, open > 0 ? STEP_PRESENT : STEP_COMMUNITY);
}

/* Back from registering a woman on the spot: she is in the grid, marked present. */
static void resume(Screen *s, Ctx *c) { load(s->state, c); }

static void layout(Screen *s, Ctx *c, ButtonSet *bs)
{
    WorkshopState *st = s->state;
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    Rect a = panel_area(c);
    button_add(bs, "back", pl.home, BUTTON_BLUE, UIPIC_BACK, UIKEY_BACK);
    if (st->step == STEP_COMMUNITY) {
        int rows = (st->ncommunities + 1 + 2) / 3, h = a.h / (rows > 4 ? rows : 4);
        for (int i = 0; i <= st->ncommunities; i++) {
            Rect r = { a.x + (i % 3) * a.w / 3 + 6, a.y + (i / 3) * h + 6, a.w / 3 - 12, h - 12 };
            char id[PALLAY_NAME_LEN];
            text_fmt(id, sizeof id, "community:%d", i + 1);
            if (i < st->ncommunities) panel_key(bs, id, r, st->communities[i].name, NULL)->selected = i == st->community;
            else panel_key(bs, "community:new", r, "+", UIKEY_FAC_COMMUNITY_NEW);
        }
        if (st->community >= 0) button_add(bs, "next", pl.next, BUTTON_GREEN, UIPIC_NEXT, UIKEY_NEXT);
    } else if (st->step == STEP_NEW_COMMUNITY) {
        keyboard_layout((Rect){ a.x, a.y + a.h / 4, a.w, a.h * 3 / 4 }, st->shift, bs);
        if (st->typed[0]) button_add(bs, "ok", pl.next, BUTTON_GREEN, UIPIC_RIGHT, UIKEY_OK);
    } else if (st->step == STEP_TOPICS) {
        int n = catalog_module_count(c->cat);
        Card cards[PALLAY_MAX_MODULES];
        layout_cards(a, n, n > 6 ? 4 : 3, c->w, c->h, cards);
        for (int i = 0; i < n; i++) {
            char id[PALLAY_NAME_LEN];
            text_fmt(id, sizeof id, "topic:%s", catalog_module(c->cat, i)->id);
            button_add(bs, id, cards[i].card, BUTTON_CARD, NULL, catalog_module(c->cat, i)->title)->selected = (st->topics >> i) & 1;
        }
        button_add(bs, "open", pl.next, BUTTON_GREEN, UIPIC_RIGHT, UIKEY_FAC_OPEN);
    } else {
        Rect grid = { a.x, a.y, a.w, a.h - a.h / 6 };
        Rect cells[PANEL_MAX_LEARNERS];
        int n, first = panel_grid_page(c, bs, grid, st->learners.n, 8, &st->page, cells, &n);
        for (int k = 0; k < n; k++) {
            int i = first + k;
            char id[PALLAY_NAME_LEN];
            text_fmt(id, sizeof id, "present:%s/%s", st->learners.l[i].symbol, st->learners.l[i].colour);
            button_add(bs, id, cells[k], BUTTON_CARD, NULL, NULL)->selected = st->present[i][0] != 0;
        }
        Rect row = { a.x, a.y + a.h - a.h / 7, a.w / 2 - 8, a.h / 7 };
        const char *t = catalog_text(c->cat, c->lang, UIKEY_FAC_REGISTER);
        panel_key(bs, "register", row, t ? t : "+", UIKEY_FAC_REGISTER);
        row.x += a.w / 2 + 8;
        t = catalog_text(c->cat, c->lang, UIKEY_FAC_CLOSE);
        panel_key(bs, "close", row, t ? t : "close", UIKEY_FAC_CLOSE)->selected = st->close_asked;
    }
}

static void draw(Screen *s, Ctx *c, const ButtonSet *bs)
{
    WorkshopState *st = s->state;
    panel_title(c, PROMPT[st->step]);
    Rect a = panel_area(c);
    if (st->step == STEP_NEW_COMMUNITY) panel_typed(c, st->typed);
    if (st->step == STEP_TOPICS) {
        int n = catalog_module_count(c->cat);
        Card cards[PALLAY_MAX_MODULES];
        layout_cards(a, n, n > 6 ? 4 : 3, c->w, c->h, cards);
        int px = panel_modules_px(c, cards, n);
        for (int i = 0; i < n; i++) {
            char path[PALLAY_PATH_LEN];
            panel_module_card(c, &cards[i], i, px, (st->topics >> i) & 1);
            if ((st->topics >> i) & 1) {
                c->picture(c, UIPIC_RIGHT, path, sizeof path);
                int r = cards[i].picture.h / 6;
                widget_badge(cards[i].picture.x + r + r / 2, cards[i].picture.y + r + r / 2, r, WIDGET_RIGHT, path);
            }
        }
    }
    if (st->step == STEP_PRESENT) {
        for (int i = 0; i < bs->n; i++) {
            const Button *b = &bs->b[i];
            if (strncmp(b->id, "present:", 8) != 0) continue;
            char symbol[PALLAY_NAME_LEN];
            const char *slash = strchr(b->id + 8, '/');
            text_fmt(symbol, sizeof symbol, "%.*s", (int)(slash - (b->id + 8)), b->id + 8);
            panel_sign(c, b->r, symbol, slash + 1, b->selected);
            if (b->selected) {
                char path[PALLAY_PATH_LEN];
                c->picture(c, UIPIC_RIGHT, path, sizeof path);
                widget_badge(b->r.x + b->r.w * 5 / 6, b->r.y + b->r.h / 6, b->r.w / 6, WIDGET_RIGHT, path);
            }
        }
    }
    panel_draw_keys(c, bs);
    panel_message(c, st->msg.text, st->msg.error);
}

static Action open_workshop(WorkshopState *st, Ctx *c)
{
    char modules[PALLAY_PATH_LEN] = "";
    for (int i = 0; i < catalog_module_count(c->cat); i++)
        if ((st->topics >> i) & 1) {
            size_t len = strlen(modules);
            snprintf(modules + len, sizeof modules - len, "%s%s", len ? "," : "", catalog_module(c->cat, i)->id);
        }
    Err e;
    if (workshop_open(c->store, st->communities[st->community].id, c->facilitator->id, (long long)time(NULL), modules,
                      st->workshop, &e) < 0) {
        c->save_failed(c, "workshop", &e);
        return NO_ACTION;
    }
    trace("record workshop id=%s community=%s modules=%s committed", st->workshop, st->communities[st->community].id, modules);
    go_to(st, c, STEP_PRESENT);
    return NO_ACTION;
}

/* Marks her present, or takes the mark back (a void: the mark stays in the records). */
static void toggle(WorkshopState *st, Ctx *c, int i)
{
    Err e;
    char id[37];
    if (st->present[i][0]) {
        if (records_void(c->store, st->present[i], "unmarked", id, &e) < 0) { c->save_failed(c, "attendance", &e); return; }
        trace("record void id=%s target=%s committed", id, st->present[i]);
        st->present[i][0] = '\0';
        return;
    }
    if (attendance_mark(c->store, st->workshop, st->learners.l[i].id, id, &e) < 0) { c->save_failed(c, "attendance", &e); return; }
    trace("record attendance id=%s workshop=%s learner=%s committed", id, st->workshop, st->learners.l[i].id);
    text_copy(st->present[i], 37, id);
    c->effect(c, UISOUND_RIGHT);
}

static Action press(Screen *s, Ctx *c, const char *id)
{
    WorkshopState *st = s->state;
    st->msg.text[0] = '\0';
    if (strcmp(id, "back") == 0) {
        if (st->step == STEP_NEW_COMMUNITY || st->step == STEP_TOPICS) { go_to(st, c, STEP_COMMUNITY); return NO_ACTION; }
        return (Action){ ACTION_POP, 0, 0 };
    }
    int i;
    switch (st->step) {
    case STEP_COMMUNITY:
        if (strcmp(id, "community:new") == 0) { st->typed[0] = '\0'; go_to(st, c, STEP_NEW_COMMUNITY); }
        else if (sscanf(id, "community:%d", &i) == 1 && i >= 1 && i <= st->ncommunities) st->community = i - 1;
        else if (strcmp(id, "next") == 0 && st->community >= 0) go_to(st, c, STEP_TOPICS);
        break;
    case STEP_NEW_COMMUNITY:
        if (strcmp(id, "ok") == 0) {
            Err e;
            char cid[37];
            if (people_check_name(st->typed, 1, &e) < 0) { panel_tell(c, &st->msg, UIKEY_FAC_ERROR_NAME, 1); break; }
            if (community_add(c->store, st->typed, cid, &e) < 0) { panel_tell(c, &st->msg, UIKEY_FAC_ERROR_NAME, 1); break; }
            trace("record community id=%s committed", cid);
            go_to(st, c, STEP_COMMUNITY);
            for (int k = 0; k < st->ncommunities; k++)
                if (strcmp(st->communities[k].id, cid) == 0) st->community = k;
        } else {
            keyboard_press(id, st->typed, sizeof st->typed, PALLAY_NAME_CHARS + 1, &st->shift);
        }
        break;
    case STEP_TOPICS:
        if (strncmp(id, "topic:", 6) == 0 && (i = catalog_find_module(c->cat, id + 6)) >= 0) {
            st->topics ^= 1u << i;
            c->speak(c, catalog_module(c->cat, i)->title);
        } else if (strcmp(id, "open") == 0) {
            return open_workshop(st, c);
        }
        break;
    case STEP_PRESENT:
        if (strcmp(id, "page:prev") == 0) { st->page--; break; }
        if (strcmp(id, "page:next") == 0) { st->page++; break; }
        if (strcmp(id, "register") == 0) return (Action){ ACTION_PUSH, SCREEN_REGISTER, 1 };
        if (strcmp(id, "close") == 0) {
            if (!st->close_asked) { st->close_asked = 1; panel_tell(c, &st->msg, UIKEY_FAC_CLOSE_ASK, 0); break; }
            Err e;
            char cid[37];
            if (workshop_close(c->store, st->workshop, cid, &e) < 0) { c->save_failed(c, "workshop", &e); break; }
            trace("record workshop_close id=%s workshop=%s committed", cid, st->workshop);
            st->workshop[0] = '\0';
            st->community = -1;
            st->topics = 0;
            go_to(st, c, STEP_COMMUNITY);
            panel_tell(c, &st->msg, UIKEY_FAC_CLOSED, 0);
            break;
        }
        for (int k = 0; k < st->learners.n; k++) {
            char want[PALLAY_NAME_LEN];
            text_fmt(want, sizeof want, "present:%s/%s", st->learners.l[k].symbol, st->learners.l[k].colour);
            if (strcmp(id, want) == 0) toggle(st, c, k);
        }
        st->close_asked = 0;
        break;
    }
    return NO_ACTION;
}

static void text(Screen *s, Ctx *c, const char *utf8)
{
    WorkshopState *st = s->state;
    (void)c;
    if (st->step == STEP_NEW_COMMUNITY) keyboard_type(utf8, st->typed, sizeof st->typed, PALLAY_NAME_CHARS + 1);
}

Screen *workshop_screen(void)
{
    static Screen s = {
        .name = "workshop",
        .enter = enter,
        .layout = layout,
        .draw = draw,
        .press = press,
        .state = &state,
        .text = text,
        .resume = resume,
    };
    return &s;
}
