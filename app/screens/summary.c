/* summary: the facilitator's day at a glance, in sections from top to bottom: the open workshop
 * and who is present (by her sign); the equipment handed out today, item by item; how many
 * records wait to be sent; and the latest deliveries, a page at a time, each with a button to
 * void it (with a reason). Voided entries stay on the list, struck through, their reason beside. */
#include "../base/text.h"
#include "../base/trace.h"
#include "../content/uikeys.h"
#include "../store/handover.h"
#include "../store/stats.h"
#include "../store/voice.h"
#include "../store/workshops.h"
#include "../ui/layout.h"
#include "../ui/widget.h"
#include "panel.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define KEPT 48         /* latest deliveries the list pages through */
#define SIGNS_SHOWN 16  /* signs of the women present shown; more are counted */

static const char *const REASONS[] = { UIKEY_FAC_REASON_WOMAN, UIKEY_FAC_REASON_ITEM, UIKEY_FAC_REASON_QUANTITY, UIKEY_FAC_REASON_TWICE };
#define NREASONS (int)(sizeof REASONS / sizeof *REASONS)

typedef struct {
    char workshop[37], community[PALLAY_TEXT_LEN];
    long long held_at;
    int present, records;
    long long voices;           /* her reports waiting to be sent: a count, nothing more */
    char signs[SIGNS_SHOWN][2][PALLAY_NAME_LEN];  /* who is present: the first ones' signs */
    PpeRow shown[KEPT];         /* oldest first */
    int nshown;
    char items[PALLAY_MAX_ITEMS][PALLAY_NAME_LEN];
    int totals[PALLAY_MAX_ITEMS], nitems;
    long long since;            /* local midnight: "today" */
    int voiding;                /* index in shown of the entry being voided, or -1 */
    int page;                   /* page of the delivery list, 0 = the latest */
} SummaryState;

static SummaryState state;

/* Where the sections go: each line as tall as a key a finger can press. */
typedef struct {
    Rect workshop, signs, totals, unsent, content, voices, list;
    int row, rows;              /* height of a delivery row, and how many fit */
} SummaryLayout;

static void summary_layout(Ctx *c, SummaryLayout *o)
{
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    int m = pl.home.x, x0 = pl.home.x + pl.home.w + m, x1 = pl.repeat.x + pl.repeat.w;
    int y = pl.home.y + pl.home.h + m / 2, line = layout_min_target(c->w, c->h) * 5 / 4;
    int w = x1 - x0;
    o->workshop = (Rect){ x0, y, w * 11 / 20, line };
    o->signs = (Rect){ x0 + w * 11 / 20 + m, y, w - w * 11 / 20 - m, line };
    y += line + m / 2;
    o->totals = (Rect){ x0, y, w * 3 / 4, line };
    o->unsent = (Rect){ x0 + w * 3 / 4 + m, y, w / 4 - m, line };
    y += line + m / 2;
    o->content = (Rect){ x0, y, w * 3 / 4, line };
    o->voices = (Rect){ x0 + w * 3 / 4 + m, y, w / 4 - m, line };
    y += line + m;
    o->row = layout_min_target(c->w, c->h) + m / 2;
    o->list = (Rect){ x0, y, w, pl.next.y - m / 2 - y };
    o->rows = o->list.h / o->row;
    if (o->rows < 1) o->rows = 1;
}

static void take_attendance(const AttendanceRow *r, void *ud)
{
    SummaryState *st = ud;
    if (strcmp(r->workshop, st->workshop) != 0) return;
    text_copy(st->community, sizeof st->community, r->community);
    st->held_at = r->held_at;
    if (!r->learner[0]) return;
    if (st->present < SIGNS_SHOWN) {
        text_copy(st->signs[st->present][0], PALLAY_NAME_LEN, r->symbol);
        text_copy(st->signs[st->present][1], PALLAY_NAME_LEN, r->colour);
    }
    st->present++;
}

static void take_delivery(const PpeRow *r, void *ud)
{
    SummaryState *st = ud;
    if (st->nshown < KEPT) st->shown[st->nshown++] = *r;
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
    int voiding = st->voiding, page = st->page;
    memset(st, 0, sizeof *st);
    st->voiding = voiding;
    st->page = page;
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    st->since = (long long)mktime(&tm);
    Err e;
    /* Only what the screen shows is read: a kiosk may hold 100,000 deliveries. */
    int open = workshop_current(c->store, st->workshop, &e);
    if (open < 0 || (open && stats_attendance_of(c->store, st->workshop, take_attendance, st, &e) < 0) ||
        stats_ppe_latest(c->store, KEPT, take_delivery, st, &e) < 0 || stats_ppe_totals(c->store, st->since, take_total, st, &e) < 0)
        c->save_failed(c, "summary", &e);
    st->records = (int)handover_pending_count(c->store, &e);
    st->voices = voice_waiting(c->store, &e);
    trace("summary voices waiting=%lld", st->voices);
    const PackNews *pn = c->pack;
    if (pn)
        trace("summary content version=%lld pack=%s pack_version=%lld%s%s", pn->version,
              pn->outcome == PACK_NEWS_INSTALLED ? "installed" : pn->outcome == PACK_NEWS_REFUSED ? "refused" : "none", pn->pack_version,
              pn->why ? " why=" : "", pn->why ? pn->why : "");
}

/* 4. The course in use, and the last content pack: installed, or refused and why. */
static void draw_content(Ctx *c, Rect r, int px, Color bg)
{
    const PackNews *pn = c->pack;
    if (!pn) return;
    const char *v = catalog_text(c->cat, c->lang, UIKEY_PACK_VERSION), *news = NULL, *why = NULL;
    if (pn->outcome == PACK_NEWS_INSTALLED) news = catalog_text(c->cat, c->lang, UIKEY_PACK_NEW);
    if (pn->outcome == PACK_NEWS_REFUSED) {
        news = catalog_text(c->cat, c->lang, UIKEY_PACK_REFUSED);
        why = catalog_text(c->cat, c->lang, pn->why);
    }
    char line[PALLAY_ERR_LEN * 2];
    text_fmt(line, sizeof line, "%s: %lld%s%s%s%s", v ? v : "", pn->version, news ? " · " : "", news ? news : "", why ? " " : "", why ? why : "");
    gfx_rounded_rect(r, r.h / 6, bg);
    Rect t = { r.x + 8, r.y, r.w - 16, r.h };
    int fit = gfx_text_fit(line, t, FONT_MEDIUM);
    gfx_text_draw(line, t, fit < px ? fit : px, pn->outcome == PACK_NEWS_REFUSED ? (Color){ 170, 30, 30, 255 } : WIDGET_INK);
}

static void enter(Screen *s, Ctx *c, int arg)
{
    SummaryState *st = s->state;
    (void)arg;
    st->voiding = -1;
    st->page = 0;
    load(st, c);
    c->speak(c, UIKEY_FAC_SUMMARY);
}

static void resume(Screen *s, Ctx *c) { load(s->state, c); }

static int pages(const SummaryState *st, const SummaryLayout *sl)
{
    return st->nshown ? (st->nshown + sl->rows - 1) / sl->rows : 1;
}

/* The delivery shown on row r of the current page (newest first), or -1. */
static int entry_at(const SummaryState *st, const SummaryLayout *sl, int r)
{
    int k = st->page * sl->rows + r;
    return k < st->nshown && r < sl->rows ? st->nshown - 1 - k : -1;
}

static Rect row_rect(const SummaryLayout *sl, int r)
{
    return (Rect){ sl->list.x, sl->list.y + r * sl->row, sl->list.w, sl->row - sl->row / 10 };
}

static Rect void_rect(Rect row)
{
    return (Rect){ row.x + row.w - row.w / 5, row.y, row.w / 5, row.h };
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
            panel_key(bs, id, (Rect){ a.x + (i % 2) * a.w / 2 + 8, a.y + a.h / 3 + (i / 2) * a.h / 3, a.w / 2 - 16, a.h / 3 - 16 },
                      t ? t : REASONS[i], REASONS[i]);
        }
        return;
    }
    SummaryLayout sl;
    summary_layout(c, &sl);
    if (st->page >= pages(st, &sl)) st->page = pages(st, &sl) - 1;
    const char *t = catalog_text(c->cat, c->lang, UIKEY_FAC_VOID);
    for (int r = 0; r < sl.rows; r++) {
        int i = entry_at(st, &sl, r);
        if (i < 0 || st->shown[i].voided) continue;
        char id[16];
        text_fmt(id, sizeof id, "void:%d", st->page * sl.rows + r + 1);
        panel_key(bs, id, void_rect(row_rect(&sl, r)), t ? t : "x", UIKEY_FAC_VOID);
    }
    /* Older deliveries are a page to the left, newer ones to the right, like a lesson's slides. */
    if (st->page + 1 < pages(st, &sl)) button_add(bs, "older", pl.back, BUTTON_BLUE, UIPIC_BACK, UIKEY_BACK);
    if (st->page > 0) button_add(bs, "newer", pl.next, BUTTON_BLUE, UIPIC_NEXT, UIKEY_NEXT);
}

/* The text of a delivery: "Guantes x2 M". */
static void delivery_text(Ctx *c, const PpeRow *d, char *out, size_t n)
{
    const Item *it = ppe_item(catalog_items(c->cat), d->item);
    const char *name = it ? catalog_text(c->cat, c->lang, it->key) : NULL;
    text_fmt(out, n, "%s x%d %s", name ? name : d->item, d->quantity, d->size);
}

static void draw_delivery(Ctx *c, const PpeRow *d, Rect r, int px, int with_key)
{
    gfx_rounded_rect(r, r.h / 6, WIDGET_CARD);
    int pad = r.h / 10;
    panel_sign(c, (Rect){ r.x + pad, r.y + pad, r.h - 2 * pad, r.h - 2 * pad }, d->symbol, d->colour, 0);
    char what[PALLAY_TEXT_LEN + 64];
    delivery_text(c, d, what, sizeof what);
    int x = r.x + r.h + pad, right = r.x + r.w - (with_key ? r.w / 5 : 0) - pad;
    int room = right - x, ww = gfx_text_width(px >= gfx_line_height(FONT_MEDIUM) ? FONT_MEDIUM : FONT_SMALL, what, (int)strlen(what)) + 2;
    if (ww > (d->voided ? room / 2 : room)) ww = d->voided ? room / 2 : room;
    Rect wr = { x, r.y, ww, r.h };
    gfx_text_draw(what, wr, px, WIDGET_INK);
    if (!d->voided) return;
    /* Struck through is the delivery; its reason, beside it, stays readable. */
    gfx_fill_rect((Rect){ wr.x, wr.y + wr.h / 2 - 2, wr.w, 4 }, WIDGET_WRONG);
    Rect why = { wr.x + wr.w + pad, r.y, right - wr.x - wr.w - pad, r.h };
    if (why.w > 0) gfx_text_draw(d->reason, why, gfx_text_fit(d->reason, why, px >= gfx_line_height(FONT_MEDIUM) ? FONT_MEDIUM : FONT_SMALL),
                                 WIDGET_WRONG);
}

static void draw(Screen *s, Ctx *c, const ButtonSet *bs)
{
    SummaryState *st = s->state;
    if (st->voiding >= 0) {
        panel_title(c, UIKEY_FAC_VOID_WHY);
        /* The delivery being voided, above the reasons. */
        Rect a = panel_area(c);
        Rect r = { a.x, a.y, a.w, layout_min_target(c->w, c->h) * 3 / 2 };
        draw_delivery(c, &st->shown[st->voiding], r, gfx_line_height(FONT_MEDIUM), 0);
        panel_draw_keys(c, bs);
        return;
    }
    panel_title(c, UIKEY_FAC_SUMMARY);
    SummaryLayout sl;
    summary_layout(c, &sl);
    char when[32];
    const char *w = catalog_text(c->cat, c->lang, UIKEY_FAC_WORKSHOP), *p = catalog_text(c->cat, c->lang, UIKEY_FAC_PRESENT_N),
               *u = catalog_text(c->cat, c->lang, UIKEY_FAC_UNSENT), *today = catalog_text(c->cat, c->lang, UIKEY_FAC_TODAY);
    /* 1. The workshop, and who is present. */
    char workshop[PALLAY_TEXT_LEN + 128], present[64], unsent[128], voices[128];
    if (st->workshop[0]) {
        time_t t = (time_t)st->held_at;
        struct tm tm;
        localtime_r(&t, &tm);
        strftime(when, sizeof when, "%d/%m %H:%M", &tm);
        text_fmt(workshop, sizeof workshop, "%s: %s, %s", w ? w : "", st->community, when);
    } else {
        const char *none = catalog_text(c->cat, c->lang, UIKEY_FAC_NO_WORKSHOP);
        text_copy(workshop, sizeof workshop, none ? none : "-");
    }
    text_fmt(present, sizeof present, "%s: %d", p ? p : "", st->present);
    text_fmt(unsent, sizeof unsent, "%s: %d", u ? u : "", st->records);
    const char *vk = catalog_text(c->cat, c->lang, UIKEY_FAC_VOICES);
    text_fmt(voices, sizeof voices, "%s: %lld", vk ? vk : "", st->voices < 0 ? 0 : st->voices);
    int d = sl.signs.h * 4 / 5, label_w = sl.signs.w * 2 / 5, lw = sl.totals.w / 6;
    Rect wr = { sl.workshop.x + 8, sl.workshop.y, sl.workshop.w - 16, sl.workshop.h },
         pr = { sl.signs.x + 4, sl.signs.y, label_w - 4, sl.signs.h }, tr = { sl.totals.x + 4, sl.totals.y, lw, sl.totals.h },
         ur = { sl.unsent.x + 4, sl.unsent.y, sl.unsent.w - 8, sl.unsent.h },
         vr = { sl.voices.x + 4, sl.voices.y, sl.voices.w - 8, sl.voices.h };
    /* The section lines in one size: the one that needs the smallest sets it. */
    int px = gfx_text_fit(workshop, wr, FONT_MEDIUM), q;
    if ((q = gfx_text_fit(present, pr, FONT_MEDIUM)) < px) px = q;
    if ((q = gfx_text_fit(today ? today : "", tr, FONT_MEDIUM)) < px) px = q;
    if ((q = gfx_text_fit(unsent, ur, FONT_MEDIUM)) < px) px = q;
    if ((q = gfx_text_fit(voices, vr, FONT_MEDIUM)) < px) px = q;
    Color section = { 238, 230, 214, 255 };
    draw_content(c, sl.content, px, section);
    gfx_rounded_rect(sl.workshop, sl.workshop.h / 6, section);
    gfx_text_draw(workshop, wr, px, WIDGET_INK);
    gfx_rounded_rect(sl.signs, sl.signs.h / 6, section);
    gfx_text_draw(present, pr, px, WIDGET_INK);
    int fit = (sl.signs.w - label_w) / (d + 2), shown = st->present < SIGNS_SHOWN ? st->present : SIGNS_SHOWN;
    if (shown > fit) shown = fit;
    for (int i = 0; i < shown; i++)
        panel_sign(c, (Rect){ sl.signs.x + label_w + i * (d + 2), sl.signs.y + (sl.signs.h - d) / 2, d, d }, st->signs[i][0], st->signs[i][1], 0);
    /* 2. Today's equipment, item by item: its picture and how many. */
    gfx_rounded_rect(sl.totals, sl.totals.h / 6, section);
    gfx_text_draw(today ? today : "", tr, px, WIDGET_INK);
    int cell = sl.totals.h * 2, x = sl.totals.x + lw + 8;
    for (int i = 0; i < st->nitems && x + cell <= sl.totals.x + sl.totals.w; i++, x += cell) {
        const Item *it = ppe_item(catalog_items(c->cat), st->items[i]);
        char path[PALLAY_PATH_LEN] = "", n[16];
        if (it) c->picture(c, it->picture, path, sizeof path);
        gfx_picture(path, (Rect){ x, sl.totals.y + 4, cell / 2, sl.totals.h - 8 });
        text_fmt(n, sizeof n, "%d", st->totals[i]);
        gfx_text_draw(n, (Rect){ x + cell / 2, sl.totals.y, cell / 2, sl.totals.h }, px, WIDGET_INK);
    }
    /* 3. Records not yet sent. */
    gfx_rounded_rect(sl.unsent, sl.unsent.h / 6, section);
    gfx_text_draw(unsent, ur, px, WIDGET_INK);
    /* 5. Her reports waiting to be sent: only how many. Nobody here can list or hear them. */
    gfx_rounded_rect(sl.voices, sl.voices.h / 6, section);
    gfx_text_draw(voices, vr, px, WIDGET_INK);
    /* 4. The latest deliveries, newest first, their words in one size. */
    int row_px = gfx_line_height(FONT_MEDIUM);
    for (int r = 0; r < sl.rows; r++) {
        int i = entry_at(st, &sl, r);
        if (i < 0) continue;
        char what[PALLAY_TEXT_LEN + 64];
        delivery_text(c, &st->shown[i], what, sizeof what);
        Rect rr = row_rect(&sl, r);
        int fit_px = gfx_text_fit(what, (Rect){ rr.x + rr.h, rr.y, (rr.w - rr.h - rr.w / 5) / 2, rr.h }, FONT_MEDIUM);
        if (fit_px < row_px) row_px = fit_px;
    }
    for (int r = 0; r < sl.rows; r++) {
        int i = entry_at(st, &sl, r);
        if (i >= 0) draw_delivery(c, &st->shown[i], row_rect(&sl, r), row_px, !st->shown[i].voided);
    }
    if (pages(st, &sl) > 1) {
        char pg[16];
        text_fmt(pg, sizeof pg, "%d / %d", st->page + 1, pages(st, &sl));
        PlayerLayout pl;
        layout_player(c->w, c->h, &pl);
        gfx_text_draw(pg, (Rect){ pl.back.x + pl.back.w, pl.back.y + pl.back.h / 2, pl.next.x - pl.back.x - pl.back.w, pl.back.h / 2 },
                      gfx_line_height(FONT_SMALL), WIDGET_INK);
    }
    panel_notices(c);
    panel_draw_keys(c, bs);
}

static Action press(Screen *s, Ctx *c, const char *id)
{
    SummaryState *st = s->state;
    int i;
    if (strcmp(id, "back") == 0) {
        if (st->voiding >= 0) { st->voiding = -1; return NO_ACTION; }
        return (Action){ ACTION_POP, 0, 0 };
    }
    if (strcmp(id, "older") == 0) { st->page++; return NO_ACTION; }
    if (strcmp(id, "newer") == 0 && st->page > 0) { st->page--; return NO_ACTION; }
    /* void:N counts from the newest delivery: 1 is the latest. */
    if (sscanf(id, "void:%d", &i) == 1 && i >= 1 && i <= st->nshown && !st->shown[st->nshown - i].voided) {
        st->voiding = st->nshown - i;
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
        .resume = resume,
    };
    return &s;
}
