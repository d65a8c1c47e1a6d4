/* keyboard: key rows and UTF-8 editing. */
#include "keyboard.h"
#include "../base/text.h"

#include <string.h>

/* Rows of keys, lower case; "shift", "del" and "space" are the special keys. */
static const char *const ROWS[][11] = {
    { "q", "w", "e", "r", "t", "y", "u", "i", "o", "p", NULL },
    { "a", "s", "d", "f", "g", "h", "j", "k", "l", "\xc3\xb1", NULL },
    { "shift", "z", "x", "c", "v", "b", "n", "m", "'", "del", NULL },
    { "\xc3\xa1", "\xc3\xa9", "\xc3\xad", "\xc3\xb3", "\xc3\xba", "\xc3\xbc", "space", "-", NULL },
};
#define NROWS (int)(sizeof ROWS / sizeof *ROWS)

/* The capital of a lower-case key (ASCII, ñ and the accented vowels), in out. */
static void upper(const char *key, char *out, size_t n)
{
    static const char *const LOWER[] = { "\xc3\xb1", "\xc3\xa1", "\xc3\xa9", "\xc3\xad", "\xc3\xb3", "\xc3\xba", "\xc3\xbc" };
    static const char *const UPPER[] = { "\xc3\x91", "\xc3\x81", "\xc3\x89", "\xc3\x8d", "\xc3\x93", "\xc3\x9a", "\xc3\x9c" };
    for (size_t i = 0; i < sizeof LOWER / sizeof *LOWER; i++)
        if (strcmp(key, LOWER[i]) == 0) { text_copy(out, n, UPPER[i]); return; }
    text_copy(out, n, key);
    if (out[0] >= 'a' && out[0] <= 'z' && !out[1]) out[0] = (char)(out[0] - 'a' + 'A');
}

void keyboard_layout(Rect area, int shift, ButtonSet *bs)
{
    int gap = area.h / 40 + 2, kh = (area.h - (NROWS - 1) * gap) / NROWS, kw = (area.w - 9 * gap) / 10;
    for (int r = 0; r < NROWS; r++) {
        int n = 0, units = 0;
        while (ROWS[r][n]) {
            units += strcmp(ROWS[r][n], "space") == 0 ? 3 : 1;
            n++;
        }
        int row_w = units * kw + (units - 1) * gap, x = area.x + (area.w - row_w) / 2;
        for (int i = 0; i < n; i++) {
            const char *key = ROWS[r][i];
            int wide = strcmp(key, "space") == 0 ? 3 : 1;
            Rect kr = { x, area.y + r * (kh + gap), wide * kw + (wide - 1) * gap, kh };
            char id[PALLAY_NAME_LEN], label[16];
            text_fmt(id, sizeof id, "kb:%s", key);
            /* The special keys carry pictures, like every other control of the kiosk. */
            const char *icon = strcmp(key, "shift") == 0 ? (shift ? KEYBOARD_ICON_SHIFT_ON : KEYBOARD_ICON_SHIFT)
                             : strcmp(key, "del") == 0 ? KEYBOARD_ICON_DELETE : strcmp(key, "space") == 0 ? KEYBOARD_ICON_SPACE : NULL;
            if (shift) upper(key, label, sizeof label);
            else text_copy(label, sizeof label, key);
            Button *b = button_add(bs, id, kr, icon ? BUTTON_ICON_KEY : BUTTON_KEY, icon, NULL);
            if (!icon) text_copy(b->icon, sizeof b->icon, label);   /* a letter key's icon is its text */
            b->selected = shift && strcmp(key, "shift") == 0;
            x += kr.w + gap;
        }
    }
}

int keyboard_chars(const char *text)
{
    int n = 0;
    for (const char *p = text; *p; n++) text_utf8_next(&p);
    return n;
}

void keyboard_type(const char *utf8, char *text, size_t n, int max_chars)
{
    if (strcmp(utf8, "\b") == 0) {
        size_t len = strlen(text);
        while (len > 0 && ((unsigned char)text[len - 1] & 0xC0) == 0x80) len--;  /* continuation bytes */
        if (len > 0) len--;
        text[len] = '\0';
        return;
    }
    for (const char *p = utf8; *p;) {
        const char *start = p;
        text_utf8_next(&p);
        size_t len = strlen(text), add = (size_t)(p - start);
        if (keyboard_chars(text) >= max_chars || len + add >= n) return;
        memcpy(text + len, start, add);
        text[len + add] = '\0';
    }
}

int keyboard_press(const char *id, char *text, size_t n, int max_chars, int *shift)
{
    if (strncmp(id, "kb:", 3) != 0) return 0;
    const char *key = id + 3;
    if (strcmp(key, "shift") == 0) { *shift = !*shift; return 1; }
    if (strcmp(key, "del") == 0) { keyboard_type("\b", text, n, max_chars); return 1; }
    char ch[16];
    if (strcmp(key, "space") == 0) text_copy(ch, sizeof ch, " ");
    else if (*shift) upper(key, ch, sizeof ch);
    else text_copy(ch, sizeof ch, key);
    keyboard_type(ch, text, n, max_chars);
    *shift = 0;
    return 1;
}
