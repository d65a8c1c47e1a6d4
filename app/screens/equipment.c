/* equipment: handing out protective equipment: the woman (her sign), the item (its picture,
 * from assets/ppe.list), how many (1 to 50) and the size where the item has sizes; the green
 * check records it, with the facilitator and the open workshop if any. Mistakes are voided on
 * the summary screen. */
#include "../base/text.h"
#include "../base/trace.h"
#include "../content/uikeys.h"
#include "../store/workshops.h"
#include "../ui/layout.h"
#include "../ui/widget.h"
#include "panel.h"

#include <stdio.h>
#include <string.h>

enum { STEP_WHO, STEP_ITEM, STEP_AMOUNT };

#define PAGE_FULL 10    /* items that fit across the whole width, in two rows of five */
#define PAGE_SIDE 8     /* items on a page between the paging buttons, in two rows of four */

typedef struct {
    int step, learner, item, quantity, size;
    int page;                   /* page of the item picker */
    int who_page;               /* page of the signs, when there are more than fit */
    Learners learners;
    PanelMessage msg;
} EquipmentState;

static EquipmentState state;

static const char *const PROMPT[] = { [STEP_WHO] = UIKEY_FAC_WHO, [STEP_ITEM] = UIKEY_FAC_ITEM, [STEP_AMOUNT] = UIKEY_FAC_AMOUNT };

static void go_to(EquipmentState *st, Ctx *c, int step)
{
    st->step = step;
    c->speak(c, PROMPT[step]);
}

static void enter(Screen *s, Ctx *c, int arg)
{
    EquipmentState *st = s->state;
    (void)arg;
    memset(st, 0, sizeof *st);
    panel_learners(c, &st->learners);
    go_to(st, c, STEP_WHO);
    if (!st->learners.n) c->speak(c, UIKEY_FAC_WHO_NONE);   /* what to do first */
}

/* Back from registering a woman: she can receive equipment now. */
static void resume(Screen *s, Ctx *c) { panel_learners(c, &((EquipmentState *)s->state)->learners); }

/* Up to PAGE_FULL items across the whole width under the title (nothing else is on the sides,
 * and their names need the room); more go in pages of PAGE_SIDE between the paging buttons, so
 * that every card stays big enough to touch whatever the length of ppe.list. Writes the cards
 * of the page shown and returns the index of its first item; *n is how many are on it. */
static int item_cards(EquipmentState *st, Ctx *c, Card *cards, int *n)
{
    const Items *it = catalog_items(c->cat);
    Rect a = panel_area(c);
    int m = a.y / 8;
    if (it->n <= PAGE_FULL) {
        *n = it->n;
        layout_cards((Rect){ m, a.y, c->w - 2 * m, c->h - a.y - m }, it->n, 5, c->w, c->h, cards);
        return 0;
    }
    int pages = (it->n + PAGE_SIDE - 1) / PAGE_SIDE;
    if (st->page >= pages) st->page = pages - 1;
    int first = st->page * PAGE_SIDE;
    *n = it->n - first < PAGE_SIDE ? it->n - first : PAGE_SIDE;
    layout_cards((Rect){ a.x, a.y, a.w, c->h - a.y - m }, *n, 4, c->w, c->h, cards);
    return first;
}

static void layout(Screen *s, Ctx *c, ButtonSet *bs)
{
    EquipmentState *st = s->state;
    const Items *it = catalog_items(c->cat);
    PlayerLayout pl;
    layout_player(c->w, c->h, &pl);
    Rect a = panel_area(c);
    button_add(bs, "back", pl.home, BUTTON_BLUE, UIPIC_BACK, UIKEY_BACK);
    char id[PALLAY_NAME_LEN];
    if (st->step == STEP_WHO && !st->learners.n) {
        /* Nobody to hand anything to yet: say what to do, and offer it. */
        const char *t = catalog_text(c->cat, c->lang, UIKEY_FAC_REGISTER);
        panel_key(bs, "register", (Rect){ a.x + a.w / 6, a.y + a.h / 2, a.w * 2 / 3, a.h / 3 }, t ? t : "+", UIKEY_FAC_REGISTER);
    } else if (st->step == STEP_WHO) {
        Rect cells[PANEL_MAX_LEARNERS];
        int n, first = panel_grid_page(c, bs, a, st->learners.n, 8, &st->who_page, cells, &n);
        for (int k = 0; k < n; k++) {
            const Learner *l = &st->learners.l[first + k];
            text_fmt(id, sizeof id, "who:%s/%s", l->symbol, l->colour);
            button_add(bs, id, cells[k], BUTTON_CARD, NULL, NULL);
        }
    } else if (st->step == STEP_ITEM) {
        Card cards[PALLAY_MAX_ITEMS];
        int n, first = item_cards(st, c, cards, &n);
        for (int i = 0; i < n; i++) {
            text_fmt(id, sizeof id, "item:%s", it->items[first + i].id);
            button_add(bs, id, cards[i].card, BUTTON_CARD, NULL, it->items[first + i].key);
        }
        if (first > 0) button_add(bs, "page:prev", pl.back, BUTTON_BLUE, UIPIC_BACK, UIKEY_BACK);
        if (first + n < it->n) button_add(bs, "page:next", pl.next, BUTTON_BLUE, UIPIC_NEXT, UIKEY_NEXT);
    } else {
        const Item *item = &it->items[st->item];
        int k = a.h / 4;
        panel_key(bs, "less", (Rect){ a.x + a.w / 2 - 2 * k, a.y + a.h / 4, k, k }, "-", NULL);
        panel_key(bs, "more", (Rect){ a.x + a.w / 2 + k, a.y + a.h / 4, k, k }, "+", NULL);
        int sw = item->nsizes ? a.w / item->nsizes : 0;
        for (int i = 0; i < item->nsizes; i++) {
            text_fmt(id, sizeof id, "size:%s", item->sizes[i]);
            panel_key(bs, id, (Rect){ a.x + i * sw + 4, a.y + a.h * 2 / 3, sw - 8, a.h / 5 }, item->sizes[i], NULL)->selected = i == st->size;
        }
        button_add(bs, "ok", pl.next, BUTTON_GREEN, UIPIC_RIGHT, UIKEY_OK);
    }
}

static void draw(Screen *s, Ctx *c, const ButtonSet *bs)
{
    EquipmentState *st = s->state;
    const Items *it = catalog_items(c->cat);
    panel_title(c, PROMPT[st->step]);
    Rect a = panel_area(c);
    char path[PALLAY_PATH_LEN];
    if (st->step == STEP_WHO && !st->learners.n) {
        const char *t = catalog_text(c->cat, c->lang, UIKEY_FAC_WHO_NONE);
        gfx_text_box(t ? t : "", (Rect){ a.x, a.y, a.w, a.h / 2 - a.h / 20 }, FONT_MEDIUM, WIDGET_INK);
    }
    if (st->step == STEP_WHO)
        for (int i = 0; i < bs->n; i++) {
            const Button *b = &bs->b[i];
            if (strncmp(b->id, "who:", 4) != 0) continue;
            char symbol[PALLAY_NAME_LEN];
            const char *slash = strchr(b->id + 4, '/');
            if (!slash) continue;
            text_fmt(symbol, sizeof symbol, "%.*s", (int)(slash - (b->id + 4)), b->id + 4);
            panel_sign(c, b->r, symbol, slash + 1, 0);
        }
    if (st->step == STEP_ITEM) {
        Card cards[PALLAY_MAX_ITEMS];
        int n, first = item_cards(st, c, cards, &n);
        const char *names[PALLAY_MAX_ITEMS];
        for (int i = 0; i < n; i++) names[i] = catalog_text(c->cat, c->lang, it->items[first + i].key);
        int px = widget_cards_text_px(cards, names, n);
        for (int i = 0; i < n; i++) {
            c->picture(c, it->items[first + i].picture, path, sizeof path);
            widget_card(cards[i].card, cards[i].picture, cards[i].caption, path, names[i], px, 0, 0);
        }
    }
    if (st->step == STEP_AMOUNT) {
        const Item *item = &it->items[st->item];
        int k = a.h / 4;
        c->picture(c, item->picture, path, sizeof path);
        gfx_picture(path, (Rect){ a.x, a.y, a.w / 2 - 2 * k - 16, a.h * 2 / 3 - 16 });
        char n[8];
        text_fmt(n, sizeof n, "%d", st->quantity);
        gfx_text_box(n, (Rect){ a.x + a.w / 2 - k, a.y + a.h / 4, 2 * k, k }, FONT_LARGE, WIDGET_INK);
        panel_sign(c, (Rect){ a.x + a.w - k, a.y, k, k }, st->learners.l[st->learner].symbol, st->learners.l[st->learner].colour, 0);
    }
    panel_draw_keys(c, bs);
    panel_message(c, st->msg.text, st->msg.error);
}

static void deliver(EquipmentState *st, Ctx *c)
{
    const Item *item = &catalog_items(c->cat)->items[st->item];
    char workshop[37] = "", id[37];
    Err e;
    if (workshop_current(c->store, workshop, &e) < 0) { c->save_failed(c, "workshop", &e); return; }
    const Learner *l = &st->learners.l[st->learner];
    Delivery d = { l->id, item->id, st->quantity, item->nsizes ? item->sizes[st->size] : NULL, c->facilitator->id,
                   workshop[0] ? workshop : NULL };
    if (st->quantity < 1 || st->quantity > PALLAY_PPE_MAX) { panel_tell(c, &st->msg, UIKEY_FAC_ERROR_QUANTITY, 1); return; }
    if (ppe_deliver(c->store, &d, id, &e) < 0) { c->save_failed(c, "ppe_delivery", &e); return; }
    trace("record ppe_delivery id=%s learner=%s item=%s quantity=%d size=%s committed", id, l->id, item->id, st->quantity,
          d.size ? d.size : "-");
    c->effect(c, UISOUND_DONE);
    go_to(st, c, STEP_WHO);
    panel_tell(c, &st->msg, UIKEY_FAC_DELIVERED, 0);
}

static Action press(Screen *s, Ctx *c, const char *id)
{
    EquipmentState *st = s->state;
    const Items *it = catalog_items(c->cat);
    st->msg.text[0] = '\0';
    if (strcmp(id, "back") == 0) {
        if (st->step == STEP_WHO) return (Action){ ACTION_POP, 0, 0 };
        go_to(st, c, st->step - 1);
        return NO_ACTION;
    }
    if (st->step == STEP_WHO && strcmp(id, "register") == 0) return (Action){ ACTION_PUSH, SCREEN_REGISTER, 0 };
    if (st->step == STEP_WHO && strcmp(id, "page:prev") == 0) { st->who_page--; return NO_ACTION; }
    if (st->step == STEP_WHO && strcmp(id, "page:next") == 0) { st->who_page++; return NO_ACTION; }
    if (st->step == STEP_ITEM && strcmp(id, "page:prev") == 0 && st->page > 0) { st->page--; return NO_ACTION; }
    if (st->step == STEP_ITEM && strcmp(id, "page:next") == 0) { st->page++; return NO_ACTION; }
    if (st->step == STEP_WHO) {
        for (int i = 0; i < st->learners.n; i++) {
            char want[PALLAY_NAME_LEN];
            text_fmt(want, sizeof want, "who:%s/%s", st->learners.l[i].symbol, st->learners.l[i].colour);
            if (strcmp(id, want) == 0) { st->learner = i; go_to(st, c, STEP_ITEM); }
        }
    } else if (st->step == STEP_ITEM && strncmp(id, "item:", 5) == 0) {
        for (int i = 0; i < it->n; i++)
            if (strcmp(it->items[i].id, id + 5) == 0) {
                st->item = i;
                st->quantity = 1;
                st->size = 0;
                c->speak(c, it->items[i].key);
                st->step = STEP_AMOUNT;
            }
    } else if (st->step == STEP_AMOUNT) {
        const Item *item = &it->items[st->item];
        if (strcmp(id, "more") == 0) {
            if (st->quantity < PALLAY_PPE_MAX) st->quantity++;
            else panel_tell(c, &st->msg, UIKEY_FAC_ERROR_QUANTITY, 1);
        } else if (strcmp(id, "less") == 0) {
            if (st->quantity > 1) st->quantity--;
            else panel_tell(c, &st->msg, UIKEY_FAC_ERROR_QUANTITY, 1);
        } else if (strncmp(id, "size:", 5) == 0) {
            for (int i = 0; i < item->nsizes; i++)
                if (strcmp(item->sizes[i], id + 5) == 0) st->size = i;
        } else if (strcmp(id, "ok") == 0) {
            deliver(st, c);
        }
    }
    return NO_ACTION;
}

Screen *equipment_screen(void)
{
    static Screen s = {
        .name = "equipment",
        .enter = enter,
        .layout = layout,
        .draw = draw,
        .press = press,
        .state = &state,
        .resume = resume,
    };
    return &s;
}
