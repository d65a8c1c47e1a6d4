/* summary: the facilitator's day at a glance: the open workshop and who is present, the
 * equipment handed out today by item, how many records wait to be sent, and the latest
 * deliveries, each with a button to void it (with a reason). Voided entries stay on the list,
 * struck through. */
#include "../base/text.h"
#include "../base/trace.h"
#include "../content/uikeys.h"
#include "../store/stats.h"
#include "../store/workshops.h"
#include "../ui/layout.h"
#include "../ui/widget.h"
#include "panel.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define SHOWN 6     /* latest deliveries listed */

static const char *const REASONS[] = { UIKEY_FAC_REASON_WOMAN, UIKEY_FAC_REASON_ITEM, UIKEY_FAC_REASON_QUANTITY, UIKEY_FAC_REASON_TWICE };
#define NREASONS (int)(sizeof REASONS / sizeof *REASONS)

typedef struct {
    char workshop[37], community[PALLAY_TEXT_LEN];
    long long held_at;
    int present, records;
    char signs[SHOWN * 2][2][PALLAY_NAME_LEN];  /* who is present: the first ones' signs */
    PpeRow shown[SHOWN];
    int nshown;
    char items[PALLAY_MAX_ITEMS][PALLAY_NAME_LEN];
    int totals[PALLAY_MAX_ITEMS], nitems;
    long long since;            /* local midnight: "today" */
    int voiding;                /* index in shown of the entry being voided, or -1 */
} SummaryState;

static SummaryState state;

static void take_attendance(const AttendanceRow *r, void *ud)
{
    SummaryState *st = ud;
    if (strcmp(r->workshop, st->workshop) != 0) return;
    text_copy(st->community, sizeof st->community, r->community);
    st->held_at = r->held_at;
    if (!r->learner[0]) return;
    if (st->present < SHOWN * 2) {
        text_copy(st->signs[st->present][0], PALLAY_NAME_LEN, r->symbol);
        text_copy(st->signs[st->present][1], PALLAY_NAME_LEN, r->colour);
    }
    st->present++;
}

static void take_delivery(const PpeRow *r, void *ud)
{
    SummaryState *st = ud;
    if (st->nshown < SHOWN) st->shown[st->nshown++] = *r;
}

static void take_total(const char *item, int quantity, void *ud)
{
    SummaryState *st = ud;
    if (st->nitems == PALLAY_MAX_ITEMS) return;
    text_copy(st->items[st->nitems], PALLAY_NAME_LEN, item);
    st->totals[st->nitems++] = quantity;
}

static void load(SummaryState *st, Ctx *c)
{
    int voiding = st->voiding;
    memset(st, 0, sizeof *st);
    st->voiding = voiding;
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    st->since = (long long)mktime(&tm);
    Err e;
    /* Only what the screen shows is read: a kiosk may hold 100,000 deliveries. */
    int open = workshop_current(c->store, st->workshop, &e);
    if (open < 0 || (open && stats_attendance_of(c->store, st->workshop, take_attendance, st, &e) < 0) ||
        stats_ppe_latest(c->store, SHOWN, take_delivery, st, &e) < 0 || stats_ppe_totals(c->store, st->since, take_total, st, &e) < 0)
        c->save_failed(c, "summary", &e);
    st->records = store_record_count(c->store);
}

static void enter(Screen *s, Ctx *c, int arg)
{
    SummaryState *st = s->state;
    (void)arg;
    st->voiding = -1;
    load(st, c);
    c->speak(c, UIKEY_FAC_SUMMARY);
}

/* The rows of the delivery list, under the figures. */
static Rect row_rect(Ctx *c, int i)
{
    Rect a = panel_area(c);
    int top = a.y + a.h * 2 / 5, h = (a.h - a.h * 2 / 5) / SHOWN;
    return (Rect){ a.x, top + i * h, a.w, h - 4 };
}

static void layout(Screen *s, Ctx *c, ButtonSet *bs)
{
    SummaryState *st = s->state;
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    button_add(bs, "back", pl.home, BUTTON_BLUE, UIPIC_BACK, UIKEY_BACK);
    if (st->voiding >= 0) {
        Rect a = panel_area(c);
        for (int i = 0; i < NREASONS; i++) {
            char id[16];
            text_fmt(id, sizeof id, "reason:%d", i + 1);
            const char *t = catalog_text(c->cat, c->lang, REASONS[i]);
            panel_key(bs, id, (Rect){ a.x + (i % 2) * a.w / 2 + 8, a.y + a.h / 3 + (i / 2) * a.h / 4, a.w / 2 - 16, a.h / 4 - 16 },
                      t ? t : REASONS[i], REASONS[i]);
        }
        return;
    }
    for (int i = 0; i < st->nshown; i++) {
        if (st->shown[i].voided) continue;
        Rect r = row_rect(c, i);
        char id[16];
        text_fmt(id, sizeof id, "void:%d", i + 1);
        const char *t = catalog_text(c->cat, c->lang, UIKEY_FAC_VOID);
        panel_key(bs, id, (Rect){ r.x + r.w - r.w / 5, r.y, r.w / 5, r.h }, t ? t : "x", UIKEY_FAC_VOID);
    }
}

static void draw(Screen *s, Ctx *c, const ButtonSet *bs)
{
    SummaryState *st = s->state;
    Rect a = panel_area(c);
    if (st->voiding >= 0) {
        panel_title(c, UIKEY_FAC_VOID_WHY);
        panel_draw_keys(bs);
        return;
    }
    panel_title(c, UIKEY_FAC_SUMMARY);
    char line[PALLAY_TEXT_LEN + 128], when[32];
    const char *w = catalog_text(c->cat, c->lang, UIKEY_FAC_WORKSHOP), *p = catalog_text(c->cat, c->lang, UIKEY_FAC_PRESENT_N),
               *u = catalog_text(c->cat, c->lang, UIKEY_FAC_UNSENT);
    if (st->workshop[0]) {
        time_t t = (time_t)st->held_at;
        struct tm tm;
        localtime_r(&t, &tm);
        strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
        text_fmt(line, sizeof line, "%s: %s, %s. %s: %d", w ? w : "", st->community, when, p ? p : "", st->present);
    } else {
        const char *none = catalog_text(c->cat, c->lang, UIKEY_FAC_NO_WORKSHOP);
        text_copy(line, sizeof line, none ? none : "-");
    }
    gfx_text_box(line, (Rect){ a.x, a.y, a.w, a.h / 6 }, FONT_SMALL, WIDGET_INK);
    /* Who is present, by her sign, along the right. */
    int d = a.h / 12;
    for (int i = 0; i < st->present && i < SHOWN * 2; i++)
        panel_sign(c, (Rect){ a.x + a.w - (i % 4 + 1) * (d + 4), a.y + a.h / 6 + (i / 4) * (d + 4), d, d }, st->signs[i][0], st->signs[i][1], 0);
    /* Today's equipment, item by item: its picture, and beside it how many. */
    int cell = a.h / 5, top = a.y + a.h / 6;
    for (int i = 0; i < st->nitems && (i / 2 + 1) * cell * 2 <= a.w * 3 / 4; i++) {
        const Item *it = ppe_item(catalog_items(c->cat), st->items[i]);
        char path[PALLAY_PATH_LEN] = "", n[16];
        if (it) c->picture(c, it->picture, path, sizeof path);
        Rect r = { a.x + (i / 2) * cell * 2, top + (i % 2) * cell / 2, cell * 5 / 7, cell / 2 - 4 };
        gfx_picture(path, r);
        text_fmt(n, sizeof n, "%d", st->totals[i]);
        gfx_text_box(n, (Rect){ r.x + r.w, r.y, cell * 2 - r.w - 8, r.h }, FONT_MEDIUM, WIDGET_INK);
    }
    text_fmt(line, sizeof line, "%s: %d", u ? u : "", st->records);
    gfx_text_box(line, (Rect){ a.x + a.w * 3 / 4, top + 3 * (d + 4), a.w / 4, cell / 2 }, FONT_SMALL, WIDGET_INK);
    for (int i = 0; i < st->nshown; i++) {
        const PpeRow *d = &st->shown[i];
        Rect r = row_rect(c, i);
        gfx_rounded_rect(r, 8, WIDGET_CARD);
        panel_sign(c, (Rect){ r.x + 4, r.y + 2, r.h - 4, r.h - 4 }, d->symbol, d->colour, 0);
        const Item *it = ppe_item(catalog_items(c->cat), d->item);
        const char *name = it ? catalog_text(c->cat, c->lang, it->key) : NULL;
        text_fmt(line, sizeof line, "%s x%d %s%s%s", name ? name : d->item, d->quantity, d->size, d->voided ? "  - " : "",
                 d->voided ? d->reason : "");
        Rect tr = { r.x + r.h + 8, r.y, r.w - r.h - 8 - r.w / 5, r.h };
        gfx_text_box(line, tr, FONT_SMALL, WIDGET_INK);
        if (d->voided) widget_strike((Rect){ r.x + r.h, r.y, r.w - r.h - r.w / 5, r.h });
    }
    panel_notices(c);
    panel_draw_keys(bs);
}

static Action press(Screen *s, Ctx *c, const char *id)
{
    SummaryState *st = s->state;
    int i;
    if (strcmp(id, "back") == 0) {
        if (st->voiding >= 0) { st->voiding = -1; return NO_ACTION; }
        return (Action){ ACTION_POP, 0, 0 };
    }
    if (sscanf(id, "void:%d", &i) == 1 && i >= 1 && i <= st->nshown) {
        st->voiding = i - 1;
        c->speak(c, UIKEY_FAC_VOID_WHY);
    } else if (st->voiding >= 0 && sscanf(id, "reason:%d", &i) == 1 && i >= 1 && i <= NREASONS) {
        const char *reason = catalog_text(c->cat, c->lang, REASONS[i - 1]);
        char vid[37];
        Err e;
        if (records_void(c->store, st->shown[st->voiding].id, reason ? reason : REASONS[i - 1], vid, &e) < 0) c->save_failed(c, "void", &e);
        else trace("record void id=%s target=%s committed", vid, st->shown[st->voiding].id);
        st->voiding = -1;
        load(st, c);
    }
    return NO_ACTION;
}

Screen *summary_screen(void)
{
    static Screen s = {
        .name = "summary",
        .enter = enter,
        .layout = layout,
        .draw = draw,
        .press = press,
        .state = &state,
    };
    return &s;
}
