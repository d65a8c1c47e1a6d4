/* send: records leave on a USB stick. Two ways in:
 *   arg 0, from the facilitator's menu: how many records wait, the last handover (when, how many,
 *     to which stick, its receipt code), and with a stick in, a button that writes to it now;
 *   arg 1, pushed by the kiosk itself when a stick appears, over whatever was open (a learner's
 *     lesson too, without a PIN): only the stick's outcome and one button back, nothing else.
 * The kiosk writes in a thread of its own and calls resume whenever its SendState changes; each
 * state has its own picture and sentence, and the sentence is spoken. A fault always says what to
 * do, and that nothing was lost: a record leaves the pending count only once its bundle was read
 * back from the stick and verified. The receipt code is drawn large, one tile per character, to be
 * read over a phone. */
#include "../base/text.h"
#include "../base/trace.h"
#include "../content/uikeys.h"
#include "../store/handover.h"
#include "../ui/layout.h"
#include "../ui/widget.h"
#include "panel.h"

#include <string.h>
#include <time.h>

typedef struct {
    int stick_mode;             /* arg 1: the kiosk opened it for a stick that came */
    int watched;                /* a write began while the screen was open (its outcome stays shown) */
    int kept;                   /* outcome holds the last write's result, shown until the next one */
    CourierResult outcome;      /* kept even once the stick is pulled: its receipt is read out then */
    int was_present;
    long long pending;          /* records waiting to leave, -1 if unknown */
    int has_last;
    Handover last;
    char said[PALLAY_NAME_LEN * 2];  /* the state spoken last: its key and receipt */
    char net_said[PALLAY_NAME_LEN];  /* the network's state spoken last (its key) */
    /* The one instance may be pushed over itself (a stick comes while the menu's Send records is
     * open): the mode of the one below comes back when the top one closes. */
    int open, stacked, below_mode;
} SendScreen;

static SendScreen state;

static const SendState NO_STICK = { 0 };

static const SendState *stick(Ctx *c) { return c->send ? c->send : &NO_STICK; }

/* A state's sentence (spoken and shown), its picture and the colour of the disc it sits on. */
typedef struct { const char *key, *picture; Color disc; } Look;

static const Color BLUE = { 0, 92, 169, 255 }, ORANGE = { 230, 110, 20, 255 };

static Look look_of(const SendScreen *st, Ctx *c)
{
    const SendState *ss = stick(c);
    if (ss->phase == STICK_WRITING) return (Look){ UIKEY_SEND_WRITING, UIPIC_USB_WRITE, BLUE };
    if (st->kept) switch (st->outcome.outcome) {
        case COURIER_SENT: return (Look){ UIKEY_SEND_SENT, UIPIC_RIGHT, WIDGET_RIGHT };
        case COURIER_NOTHING: return (Look){ UIKEY_SEND_NOTHING, UIPIC_USB_CHECK, WIDGET_RIGHT };
        case COURIER_GONE: return (Look){ UIKEY_SEND_GONE, UIPIC_USB_GONE, WIDGET_WRONG };
        case COURIER_FULL: return (Look){ UIKEY_SEND_FULL, UIPIC_USB_FULL, WIDGET_WRONG };
        case COURIER_READONLY: return (Look){ UIKEY_SEND_READONLY, UIPIC_USB_LOCK, WIDGET_WRONG };
        case COURIER_BLOCKED: return (Look){ UIKEY_SEND_BLOCKED, UIPIC_USB_FILE, WIDGET_WRONG };
        case COURIER_FAILED: return (Look){ UIKEY_SEND_FAILED, UIPIC_WARNING, WIDGET_WRONG };
    }
    if (ss->unable) return (Look){ ss->unable, UIPIC_NOKEY, ORANGE };
    if (!ss->present) return (Look){ UIKEY_SEND_PLUG, UIPIC_USB_IN, BLUE };
    return (Look){ st->stick_mode ? UIKEY_SEND_FOUND : UIKEY_SEND_READY, UIPIC_USB, BLUE };
}

/* The network's state as one sentence's key: under way, the last try's fault ("fac.net." and its
 * word), records sent, nothing to send, or no answer yet. */
static const char *net_key(const NetState *n, char *buf, size_t len)
{
    if (n->syncing) return UIKEY_NET_SYNCING;
    if (n->fault && text_fmt(buf, len, "%s.%s", UIKEY_NET, n->fault) == 0) return buf;
    if (n->upload_at) return UIKEY_NET_SENT;
    if (n->contact_at) return UIKEY_NET_UPTODATE;
    return UIKEY_NET_NEVER;
}

/* The outcome fills the screen while a write goes on and after it. */
static int outcome_view(const SendScreen *st, Ctx *c)
{
    return st->stick_mode || st->kept || stick(c)->phase == STICK_WRITING;
}

/* Keeps the outcome of a write this screen saw (or of the stick still in) until a new write
 * begins or another stick comes: pulling the stick must not take its receipt off the screen.
 * From the menu, an outcome left from a stick pulled earlier is not shown. */
static void follow(SendScreen *st, Ctx *c)
{
    const SendState *ss = stick(c);
    if (ss->phase == STICK_WRITING) {
        st->watched = 1;
        st->kept = 0;
    } else if (ss->phase == STICK_DONE && (st->watched || ss->present)) {
        st->kept = 1;
        st->outcome = ss->result;
    } else if (ss->present && !st->was_present) {
        st->kept = 0;
    }
    st->was_present = ss->present;
}

static int can_write(Ctx *c)
{
    const SendState *ss = stick(c);
    return c->send_now && ss->present && ss->phase != STICK_WRITING && !ss->unable;
}

/* What the store knows: read when the screen opens and when the stick's state changes, never
 * while drawing. */
static void load(SendScreen *st, Ctx *c)
{
    Err e;
    st->pending = -1;
    st->has_last = 0;
    if (!c->store) return;
    st->pending = handover_pending_count(c->store, &e);
    if (st->pending < 0) { c->save_failed(c, "pending", &e); return; }
    int got = handover_last(c->store, &st->last, &e);
    if (got < 0) c->save_failed(c, "handover", &e);
    st->has_last = got > 0;
}

/* Speaks the state if it changed since it was last said (or always, when the screen opens). A
 * second stick's receipt is news even if its writing went unseen. */
static void say(SendScreen *st, Ctx *c, int always)
{
    Look lk = look_of(st, c);
    char said[sizeof st->said];
    text_fmt(said, sizeof said, "%s %s", lk.key, st->kept ? st->outcome.receipt : "");
    if (!always && strcmp(st->said, said) == 0) return;
    text_copy(st->said, sizeof st->said, said);
    c->speak(c, lk.key);
    if (strcmp(lk.key, UIKEY_SEND_SENT) == 0) {
        /* How many went and the code, in the facilitator's voice of the course, made on the kiosk. */
        if (stick(c)->spoken[0] && strcmp(st->outcome.receipt, stick(c)->result.receipt) == 0) c->then(c, stick(c)->spoken);
        c->then(c, UIKEY_SEND_GIVE);
    }
    if (!outcome_view(st, c) && !st->has_last && st->pending >= 0) c->then(c, UIKEY_SEND_NEVER);
}

/* The network's sentence, when it changed (or always, when the screen opens), after the stick's. */
static void say_net(SendScreen *st, Ctx *c, int always)
{
    char buf[PALLAY_NAME_LEN];
    const NetState *n = &stick(c)->net;
    if (!n->on || outcome_view(st, c)) return;
    const char *key = net_key(n, buf, sizeof buf);
    if (!always && strcmp(st->net_said, key) == 0) return;
    text_copy(st->net_said, sizeof st->net_said, key);
    if (always) c->then(c, key);
    else c->speak(c, key);
}

/* No personal data: counts, the stick's state and the receipt code only. */
static void trace_state(SendScreen *st, Ctx *c)
{
    const SendState *ss = stick(c);
    char buf[PALLAY_NAME_LEN];
    trace("send screen mode=%s pending=%lld last=%s stick=%s phase=%s state=%s", st->stick_mode ? "stick" : "menu", st->pending,
          st->has_last ? st->last.receipt : "none", ss->present ? "in" : "none",
          ss->phase == STICK_WRITING ? "writing" : ss->phase == STICK_DONE ? courier_outcome_name(ss->result.outcome) : "idle",
          look_of(st, c).key);
    if (ss->net.on) trace("send screen net=%s insecure=%d", net_key(&ss->net, buf, sizeof buf), ss->net.insecure);
}

static void enter(Screen *s, Ctx *c, int arg)
{
    SendScreen *st = s->state;
    int stacked = st->open, below = st->stick_mode;
    memset(st, 0, sizeof *st);
    st->open = 1;
    st->stacked = stacked;
    st->below_mode = below;
    st->stick_mode = arg == 1;
    st->watched = st->stick_mode;
    st->was_present = stick(c)->present;
    follow(st, c);
    load(st, c);
    trace_state(st, c);
    say(st, c, 1);
    say_net(st, c, 1);
}

static void resume(Screen *s, Ctx *c)
{
    SendScreen *st = s->state;
    follow(st, c);
    load(st, c);
    trace_state(st, c);
    say(st, c, 0);
    say_net(st, c, 0);
}

/* Where things go: the area under the title, right across the screen (no button on the right
 * but the bottom-right one), and the picture's square at its left. */
typedef struct {
    Rect area;          /* everything the screen draws */
    Rect info, last;    /* menu: the pending count and the last handover, side by side on top */
    Rect state;         /* the state's picture and sentence (the menu: below info; an outcome: all) */
    Rect bottom;        /* an outcome: the row of the bottom-right button, left of it */
    Rect now;           /* the write-now button */
    Rect net, sync;     /* menu, with sync_url: the network's card (right of the stick's), its button */
} SendLayout;

static void send_layout(const SendScreen *st, Ctx *c, SendLayout *o)
{
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    int m = pl.home.x, x0 = pl.home.x + pl.home.w + m, x1 = pl.repeat.x + pl.repeat.w, y0 = pl.home.y + pl.home.h + m;
    int w = x1 - x0, target = layout_min_target(c->w, c->h);
    memset(o, 0, sizeof *o);
    o->area = (Rect){ x0, y0, w, c->h - m - y0 };
    if (outcome_view(st, c)) {
        int bottom_y = pl.next.y;
        o->state = (Rect){ x0, y0, w, bottom_y - m - y0 };
        o->bottom = (Rect){ x0, bottom_y, pl.next.x - m - x0, pl.next.h };
        /* The write-now key (a fault's retry, another stick) sits where the done button would. */
        int kw = w / 2 > target * 4 ? w / 2 : target * 4;
        o->now = (Rect){ x1 - kw, bottom_y, kw, pl.next.h };
        o->bottom.w = o->now.x - m - x0;
        return;
    }
    int top = (o->area.h - m) * 2 / 5;
    if (top < target * 2) top = target * 2;
    o->info = (Rect){ x0, y0, w / 3, top };
    o->last = (Rect){ x0 + w / 3 + m, y0, w - w / 3 - m, top };
    o->state = (Rect){ x0, y0 + top + m, w, o->area.h - top - m };
    if (stick(c)->net.on) {
        /* The stick at the left, the network at the right, each half of the row. */
        o->state.w = (w - m) / 2;
        o->net = (Rect){ x0 + o->state.w + m, o->state.y, w - o->state.w - m, o->state.h };
        int sh = o->net.h / 4 > target ? o->net.h / 4 : target;
        o->sync = (Rect){ o->net.x, o->net.y + o->net.h - sh, o->net.w, sh };
    }
    o->now = o->state;
}

static void layout(Screen *s, Ctx *c, ButtonSet *bs)
{
    SendScreen *st = s->state;
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    SendLayout sl;
    send_layout(st, c, &sl);
    if (st->stick_mode) {
        /* Whoever stands at the kiosk: one way only, back to what was open. */
        button_add(bs, "ok", pl.next, BUTTON_GREEN, UIPIC_DONE, UIKEY_SEND_OK);
        return;
    }
    button_add(bs, "back", pl.home, BUTTON_BLUE, UIPIC_BACK, UIKEY_BACK);
    if (can_write(c)) button_add(bs, "now", sl.now, BUTTON_CARD, NULL, UIKEY_SEND_NOW);
    if (stick(c)->net.on && !stick(c)->net.syncing && c->sync_now) button_add(bs, "sync", sl.sync, BUTTON_CARD, NULL, UIKEY_NET_NOW);
}

/* The picture of a state on its coloured disc, centred in the square at r's left; returns what
 * is left of r on its right. */
static Rect draw_picture(Ctx *c, Rect r, const char *picture, Color disc)
{
    int d = r.h < r.w / 3 ? r.h : r.w / 3;
    char path[PALLAY_PATH_LEN];
    c->picture(c, picture, path, sizeof path);
    int rad = d * 9 / 20;
    widget_badge(r.x + d / 2, r.y + r.h / 2, rad, disc, path);
    return (Rect){ r.x + d + d / 10, r.y, r.w - d - d / 10, r.h };
}

/* "7K3QMX" as two groups of three tiles, one large character each, centred in r. */
static void draw_receipt(const char *code, Rect r)
{
    int n = (int)strlen(code), lh = gfx_line_height(FONT_LARGE);
    if (n == 0) return;
    int th = r.h, tw = th * 3 / 4, gap = tw / 8, group = tw / 2;
    int total = n * tw + (n - 1) * gap + (n > 3 ? group : 0);
    if (total > r.w) {
        th = th * r.w / total;
        tw = th * 3 / 4, gap = tw / 8, group = tw / 2;
        total = n * tw + (n - 1) * gap + (n > 3 ? group : 0);
    }
    int x = r.x + (r.w - total) / 2, y = r.y + (r.h - th) / 2;
    for (int i = 0; i < n; i++) {
        Rect t = { x, y, tw, th };
        gfx_rounded_rect(t, tw / 6, WIDGET_CARD);
        int cw = gfx_text_width(FONT_LARGE, code + i, 1);
        if (lh <= th) gfx_text(FONT_LARGE, code + i, 1, t.x + (t.w - cw) / 2, t.y + (t.h - lh) / 2, WIDGET_INK);
        else gfx_text_draw((char[]){ code[i], '\0' }, t, th * 4 / 5, WIDGET_INK);
        x += tw + gap + (i == 2 ? group : 0);
    }
}

static const char *text_of(Ctx *c, const char *key)
{
    const char *t = catalog_text(c->cat, c->lang, key);
    return t ? t : key;
}

/* The outcome (or the stick's state) across the screen: picture, sentence; for records sent,
 * how many, the receipt code and who gets it. */
static void draw_outcome(SendScreen *st, Ctx *c, const SendLayout *sl)
{
    const CourierResult *res = &st->outcome;
    Look lk = look_of(st, c);
    Rect text = draw_picture(c, sl->state, lk.picture, lk.disc);
    if (strcmp(lk.key, UIKEY_SEND_SENT) == 0) {
        char line[PALLAY_TEXT_LEN];
        int h = text.h / 4;
        text_fmt(line, sizeof line, "%lld %s", res->records, text_of(c, res->records == 1 ? UIKEY_SEND_SAVED_ONE : UIKEY_SEND_SAVED));
        gfx_text_box(line, (Rect){ text.x, text.y, text.w, h }, FONT_LARGE, WIDGET_INK);
        draw_receipt(res->receipt, (Rect){ text.x, text.y + h, text.w, h * 2 - h / 6 });
        gfx_text_box(text_of(c, UIKEY_SEND_GIVE), (Rect){ text.x, text.y + h * 3, text.w, h }, FONT_MEDIUM, WIDGET_INK);
    } else {
        gfx_text_box(text_of(c, lk.key), text, FONT_LARGE, WIDGET_INK);
    }
    /* What the technician needs (no personal data in it), small, under everything. */
    if (st->kept && res->outcome == COURIER_FAILED && res->e.msg[0] && sl->bottom.w > 0)
        gfx_text_box(res->e.msg, sl->bottom, FONT_SMALL, WIDGET_INK);
}

/* "02/12/2026 14:30", the local time of t. */
static void when(long long at, char *out, size_t n)
{
    time_t t = (time_t)at;
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(out, n, "%d/%m/%Y %H:%M", &tm);
}

/* The stick a handover went to: "usb KINGSTON" is shown as KINGSTON; the server, "network
 * HOST:PORT", as HOST:PORT. */
static const char *where(const char *destination)
{
    if (strncmp(destination, "network ", 8) == 0) return destination + 8;
    return strncmp(destination, "usb ", 4) == 0 ? destination + 4 : destination;
}

static void draw_menu(SendScreen *st, Ctx *c, const SendLayout *sl, const ButtonSet *bs)
{
    Color section = { 238, 230, 214, 255 };
    int pad = sl->info.h / 12;
    /* 1. How many records wait: a big number. */
    gfx_rounded_rect(sl->info, sl->info.h / 8, section);
    char n[32];
    if (st->pending >= 0) text_fmt(n, sizeof n, "%lld", st->pending);
    else text_copy(n, sizeof n, "?");
    Rect in = { sl->info.x + pad, sl->info.y + pad, sl->info.w - 2 * pad, sl->info.h - 2 * pad };
    gfx_text_box(n, (Rect){ in.x, in.y, in.w, in.h / 2 }, FONT_LARGE, WIDGET_INK);
    gfx_text_box(text_of(c, UIKEY_SEND_PENDING), (Rect){ in.x, in.y + in.h / 2, in.w, in.h / 2 }, FONT_MEDIUM, WIDGET_INK);
    /* 2. The last handover: when, how many, where, its code; or that none was ever made. */
    gfx_rounded_rect(sl->last, sl->last.h / 8, section);
    Rect lr = { sl->last.x + pad, sl->last.y + pad, sl->last.w - 2 * pad, sl->last.h - 2 * pad };
    if (!st->has_last) {
        gfx_text_box(text_of(c, UIKEY_SEND_NEVER), lr, FONT_MEDIUM, WIDGET_INK);
    } else {
        char at[32], lines[3][PALLAY_TEXT_LEN];
        when(st->last.at, at, sizeof at);
        const char *r = st->last.receipt;
        text_fmt(lines[0], sizeof lines[0], "%s: %s", text_of(c, UIKEY_SEND_LAST), at);
        text_fmt(lines[1], sizeof lines[1], "%lld %s, %s", st->last.records, text_of(c, st->last.records == 1 ? UIKEY_SEND_RECORD : UIKEY_SEND_RECORDS), where(st->last.destination));
        text_fmt(lines[2], sizeof lines[2], "%s: %.3s %s", text_of(c, UIKEY_SEND_CODE), r, strlen(r) > 3 ? r + 3 : "");
        int h = lr.h / 3, px = 0;
        for (int i = 0; i < 3; i++) {
            int p = gfx_text_fit(lines[i], (Rect){ lr.x, lr.y + i * h, lr.w, h }, FONT_MEDIUM);
            if (!px || p < px) px = p;
        }
        for (int i = 0; i < 3; i++) gfx_text_draw(lines[i], (Rect){ lr.x, lr.y + i * h, lr.w, h }, px, WIDGET_INK);
    }
    /* 3. The stick: put one in, write to it now (a button: its picture and words), or why not. */
    Look lk = look_of(st, c);
    int b = button_find(bs, "now");
    if (b >= 0) {
        Rect r = bs->b[b].r;
        gfx_rounded_rect(r, r.h / 8, WIDGET_RIGHT);
        Rect inner = { r.x + pad, r.y + pad, r.w - 2 * pad, r.h - 2 * pad };
        Rect text = draw_picture(c, inner, UIPIC_USB, BLUE);
        char words[PALLAY_TEXT_LEN + PALLAY_NAME_LEN + 8];
        text_fmt(words, sizeof words, "%s", text_of(c, UIKEY_SEND_NOW));
        int h = text.h * 2 / 3;
        gfx_text_box(words, (Rect){ text.x, text.y, text.w - pad, h }, FONT_LARGE, WIDGET_CARD);
        gfx_text_box(stick(c)->label, (Rect){ text.x, text.y + h, text.w - pad, text.h - h }, FONT_SMALL, WIDGET_CARD);
        return;
    }
    Rect text = draw_picture(c, sl->state, lk.picture, lk.disc);
    gfx_text_box(text_of(c, lk.key), text, FONT_LARGE, WIDGET_INK);
}

/* The network's card: its state in a sentence, the last answer and the last upload, a warning
 * when the password may travel in clear, and the sync-now button (none while a try is on). */
static void draw_net(Ctx *c, const SendLayout *sl, const ButtonSet *bs)
{
    static const Color SECTION = { 238, 230, 214, 255 }, WARN = { 176, 70, 0, 255 };
    const NetState *n = &stick(c)->net;
    char buf[PALLAY_NAME_LEN], lines[3][PALLAY_TEXT_LEN], at[32];
    int pad = sl->net.h / 20, b = button_find(bs, "sync");
    Rect card = sl->net;
    if (b >= 0) card.h = bs->b[b].r.y - card.y - pad;
    gfx_rounded_rect(card, sl->net.h / 12, SECTION);
    Rect in = { card.x + pad, card.y + pad, card.w - 2 * pad, card.h - 2 * pad };
    /* The last contact, the last upload and (on a line of its own, so that each line is short
     * enough to be read on a small screen) how many records it took. */
    if (n->contact_at) when(n->contact_at, at, sizeof at);
    text_fmt(lines[0], sizeof lines[0], "%s: %s", text_of(c, UIKEY_NET_CONTACT), n->contact_at ? at : "-");
    if (n->upload_at) when(n->upload_at, at, sizeof at);
    text_fmt(lines[1], sizeof lines[1], "%s: %s", text_of(c, UIKEY_NET_UPLOAD), n->upload_at ? at : "-");
    text_fmt(lines[2], sizeof lines[2], "%lld %s", n->records, text_of(c, n->records == 1 ? UIKEY_SEND_RECORD : UIKEY_SEND_RECORDS));
    int nl = n->upload_at && !n->insecure ? 3 : 2;   /* the warning comes first (the count is on the card above) */
    /* The sentence first and largest: it is what the facilitator must understand. */
    int rows = 3 + nl + (n->insecure ? 2 : 0), h = in.h / rows;   /* a warning takes two rows: it must be read */
    const char *key = net_key(n, buf, sizeof buf);
    Color ink = n->fault ? WIDGET_WRONG : WIDGET_INK;
    gfx_text_box(text_of(c, key), (Rect){ in.x, in.y, in.w, h * 3 }, FONT_MEDIUM, ink);
    int px = 0;
    for (int i = 0; i < nl; i++) {
        int p = gfx_text_fit(lines[i], (Rect){ in.x, in.y + (3 + i) * h, in.w, h }, FONT_SMALL);
        if (!px || p < px) px = p;
    }
    for (int i = 0; i < nl; i++) gfx_text_draw(lines[i], (Rect){ in.x, in.y + (3 + i) * h, in.w, h }, px, WIDGET_INK);
    if (n->insecure) gfx_text_box(text_of(c, UIKEY_NET_INSECURE), (Rect){ in.x, in.y + (3 + nl) * h, in.w, 2 * h }, FONT_MEDIUM, WARN);
    if (b >= 0) {
        Rect r = bs->b[b].r;
        gfx_rounded_rect(r, r.h / 4, WIDGET_RIGHT);
        gfx_text_box(text_of(c, UIKEY_NET_NOW), (Rect){ r.x + pad, r.y + pad / 2, r.w - 2 * pad, r.h - pad }, FONT_MEDIUM, WIDGET_CARD);
    }
}

static void draw(Screen *s, Ctx *c, const ButtonSet *bs)
{
    SendScreen *st = s->state;
    SendLayout sl;
    send_layout(st, c, &sl);
    panel_title(c, UIKEY_FAC_SEND);
    if (outcome_view(st, c)) draw_outcome(st, c, &sl);
    else draw_menu(st, c, &sl, bs);
    if (!outcome_view(st, c) && stick(c)->net.on) draw_net(c, &sl, bs);
    if (outcome_view(st, c) && button_find(bs, "now") >= 0) {
        Rect r = bs->b[button_find(bs, "now")].r;
        gfx_rounded_rect(r, r.h / 4, WIDGET_RIGHT);
        Rect text = draw_picture(c, (Rect){ r.x + r.h / 10, r.y + r.h / 10, r.w - r.h / 5, r.h - r.h / 5 }, UIPIC_USB, BLUE);
        gfx_text_box(text_of(c, UIKEY_SEND_NOW), text, FONT_MEDIUM, WIDGET_CARD);
    }
}

/* Leaves: if this screen lay over itself, the one below gets its mode back (resume follows). */
static Action close_screen(SendScreen *st)
{
    if (st->stacked) {
        st->stacked = 0;
        st->stick_mode = st->below_mode;
        st->said[0] = '\0';
    } else {
        st->open = 0;
    }
    return (Action){ ACTION_POP, 0, 0 };
}

static Action press(Screen *s, Ctx *c, const char *id)
{
    SendScreen *st = s->state;
    if (strcmp(id, "back") == 0 && !st->stick_mode) return close_screen(st);
    if (strcmp(id, "ok") == 0 && st->stick_mode) return close_screen(st);
    if (strcmp(id, "sync") == 0 && !st->stick_mode && stick(c)->net.on && c->sync_now) {
        c->sync_now(c);     /* "under way" comes next, so even the same fault again is said */
        return NO_ACTION;
    }
    if (strcmp(id, "now") == 0 && !st->stick_mode && can_write(c)) {
        st->watched = 1;
        st->said[0] = '\0';     /* the outcome is said even if it is the same as the last one */
        c->send_now(c);
    }
    return NO_ACTION;
}

Screen *send_screen(void)
{
    static Screen s = {
        .name = "send",
        .enter = enter,
        .layout = layout,
        .draw = draw,
        .press = press,
        .state = &state,
        .resume = resume,
    };
    return &s;
}
