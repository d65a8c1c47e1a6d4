/* test_keyboard: the on-screen keyboard types Spanish and Quechua names: ñ and accented
 * capitals with shift, the apostrophe, whole characters deleted, and a limit in characters. */
#include "check.h"
#include "ui/keyboard.h"

static void press_all(const char *const *ids, int n, char *text, size_t size, int max, int *shift)
{
    for (int i = 0; i < n; i++) keyboard_press(ids[i], text, size, max, shift);
}

int main(void)
{
    char t[64] = "";
    int shift = 0;
    static const char *const QORI[] = { "kb:shift", "kb:q", "kb:'", "kb:o", "kb:r", "kb:i", "kb:space", "kb:shift", "kb:\xc3\xb1", "kb:u" };
    press_all(QORI, 10, t, sizeof t, 80, &shift);
    CHECK_STR("shift makes one capital; ñ becomes Ñ; the apostrophe and space type", t, "Q'ori \xc3\x91u");
    CHECK_INT("shift ends after one letter", shift, 0);
    keyboard_press("kb:del", t, sizeof t, 80, &shift);
    keyboard_press("kb:del", t, sizeof t, 80, &shift);
    CHECK_STR("delete takes a whole character, Ñ's two bytes at once", t, "Q'ori ");
    keyboard_type("\xc3\x81ngela", t, sizeof t, 80);
    CHECK_STR("a physical keyboard's text is appended", t, "Q'ori \xc3\x81ngela");
    CHECK_INT("characters are counted, not bytes", keyboard_chars(t), 12);
    keyboard_type("\b", t, sizeof t, 80);
    CHECK_STR("Backspace deletes one character", t, "Q'ori \xc3\x81ngel");
    char small[64] = "";
    for (int i = 0; i < 10; i++) keyboard_type("\xc3\xb1", small, sizeof small, 4);
    CHECK_INT("no more than the limit in characters", keyboard_chars(small), 4);
    char tiny[5] = "";
    keyboard_type("\xc3\xb1\xc3\xb1\xc3\xb1", tiny, sizeof tiny, 80);
    CHECK_STR("a character that does not fit the buffer is not cut in half", tiny, "\xc3\xb1\xc3\xb1");
    CHECK_INT("an id that is not a key is not taken", keyboard_press("ok", t, sizeof t, 80, &shift), 0);
    ButtonSet bs = { .n = 0, .focus = -1 };
    keyboard_layout((Rect){ 0, 0, 1000, 400 }, 1, &bs);
    int n = button_find(&bs, "kb:\xc3\xb1");
    CHECK_GOT("the layout has ñ, shown as Ñ with shift", n >= 0 && strcmp(bs.b[n].icon, "\xc3\x91") == 0, "Ñ", "%s", n >= 0 ? bs.b[n].icon : "none");
    CHECK("the layout has the apostrophe", button_find(&bs, "kb:'") >= 0);
    int overlap = 0;
    for (int i = 0; i < bs.n; i++)
        for (int j = i + 1; j < bs.n; j++) overlap += rect_overlaps(bs.b[i].r, bs.b[j].r);
    CHECK_INT("no two keys overlap", overlap, 0);
    /* Delete, capitals and space carry pictures like the rest of the kiosk, not "<-", "ABC", "____". */
    static const struct { const char *id, *icon; } SPECIAL[] = {
        { "kb:del", KEYBOARD_ICON_DELETE }, { "kb:shift", KEYBOARD_ICON_SHIFT_ON }, { "kb:space", KEYBOARD_ICON_SPACE },
    };
    for (int i = 0; i < 3; i++) {
        int k = button_find(&bs, SPECIAL[i].id);
        CHECK_GOT(check_name("%s is a picture key", SPECIAL[i].id), k >= 0 && bs.b[k].style == BUTTON_ICON_KEY &&
                  strcmp(bs.b[k].icon, SPECIAL[i].icon) == 0, SPECIAL[i].icon, "%s", k >= 0 ? bs.b[k].icon : "none");
    }
    button_clear(&bs);
    keyboard_layout((Rect){ 0, 0, 1000, 400 }, 0, &bs);
    n = button_find(&bs, "kb:shift");
    CHECK_GOT("without capitals the shift key shows the plain arrow", n >= 0 && strcmp(bs.b[n].icon, KEYBOARD_ICON_SHIFT) == 0,
              KEYBOARD_ICON_SHIFT, "%s", n >= 0 ? bs.b[n].icon : "none");
    return check_done();
}
