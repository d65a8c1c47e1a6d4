/* wrap: greedy line breaking over UTF-8. */
#include "wrap.h"
#include "../base/text.h"

#include <string.h>

static void put(WrapLine *lines, int max, int n, int start, int end, const char *text)
{
    while (end > start && text[end - 1] == ' ') end--;
    if (n < max) lines[n] = (WrapLine){ start, end - start };
}

int wrap_text(const char *text, int width, WrapMeasure measure, void *ud, WrapLine *lines, int max)
{
    int n = 0, len = (int)strlen(text);
    int start = 0;
    while (start < len) {
        while (start < len && text[start] == ' ') start++;
        if (start >= len) break;
        int brk = -1;      /* end of the last whole word that fits */
        int pos = start;
        int last_fit = start;
        while (pos < len && text[pos] != '\n') {
            const char *p = text + pos;
            text_utf8_next(&p);
            int next = (int)(p - text);
            if (measure(ud, text + start, next - start) > width) break;
            last_fit = next;
            if (next >= len || text[next] == ' ' || text[next] == '\n') brk = next;
            pos = next;
        }
        int end;
        if (pos >= len || text[pos] == '\n') end = pos;          /* the rest fits */
        else if (brk > start) end = brk;                        /* break after a word */
        else end = last_fit;                                    /* a word wider than the line */
        if (end == start && text[start] != '\n') { /* not even one character fits: take one anyway */
            const char *p = text + start;
            text_utf8_next(&p);
            end = (int)(p - text);
        }
        put(lines, max, n++, start, end, text);
        start = end;
        if (start < len && text[start] == '\n') start++;
    }
    return n;
}
