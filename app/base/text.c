/* text: strings, UTF-8, files. */
#include "text.h"
#include "report.h"
#include "../config.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *text_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (cap - n < 4096) {
            cap = cap ? cap * 2 : 8192;
            char *nb = realloc(buf, cap);
            if (!nb) { free(buf); fclose(f); return NULL; }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) { free(buf); return NULL; }
    buf[n] = '\0';
    if (len) *len = n;
    return buf;
}

char *text_read_text(const char *path, Report *r)
{
    size_t len;
    char *text = text_read_file(path, &len);
    if (!text) { report(r, path, 0, "cannot be read"); return NULL; }
    /* A NUL byte would end the text there for every parser, silently dropping the rest of the
     * file: report it, and blank its line (parsers skip blank lines) so the rest is read. */
    int line = 1, blanked = 0;
    char *start = text;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n') { line++; start = text + i + 1; blanked = 0; continue; }
        if (text[i] != '\0' || blanked) continue;
        report(r, path, line, "a NUL byte (a damaged or non-text file): this line is left out");
        for (char *q = start; q < text + len && *q != '\n'; q++) *q = ' ';
        blanked = 1;
    }
    return text;
}

int text_check(const char *s, Err *e)
{
    for (const char *p = s; *p;) {
        const char *at = p;
        unsigned c = text_utf8_next(&p);
        if (c == 0xFFFD && !(at[0] == '\xEF' && at[1] == '\xBF' && at[2] == '\xBD'))
            return err_set(e, "not valid UTF-8 at byte %d", (int)(at - s) + 1);
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
            return err_set(e, "a control character (U+%04X) at byte %d", c, (int)(at - s) + 1);
    }
    return 0;
}

unsigned text_utf8_next(const char **s)
{
    const unsigned char *p = (const unsigned char *)*s;
    unsigned c = p[0], cp;
    int n;
    if (c < 0x80) { *s += 1; return c; }
    else if ((c & 0xE0) == 0xC0) { cp = c & 0x1F; n = 1; }
    else if ((c & 0xF0) == 0xE0) { cp = c & 0x0F; n = 2; }
    else if ((c & 0xF8) == 0xF0) { cp = c & 0x07; n = 3; }
    else { *s += 1; return 0xFFFD; }
    for (int i = 1; i <= n; i++) {
        if ((p[i] & 0xC0) != 0x80) { *s += 1; return 0xFFFD; }
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    static const unsigned min[] = { 0, 0x80, 0x800, 0x10000 };
    if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { *s += 1; return 0xFFFD; }
    *s += n + 1;
    return cp;
}

int text_next_line(const char **s, char *line, size_t n)
{
    if (!**s) return 0;
    const char *nl = strchr(*s, '\n');
    size_t len = nl ? (size_t)(nl - *s) : strlen(*s);
    int fits = len < n;
    if (fits) memcpy(line, *s, len);
    line[fits ? len : 0] = '\0';
    *s += len + (nl ? 1 : 0);
    return fits ? 1 : -1;
}

int text_copy(char *dst, size_t n, const char *src)
{
    size_t len = strlen(src);
    if (len >= n) {
        memcpy(dst, src, n - 1);
        dst[n - 1] = '\0';
        return -1;
    }
    memcpy(dst, src, len + 1);
    return 0;
}

int text_fmt(char *dst, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(dst, n, fmt, ap);
    va_end(ap);
    return (r < 0 || (size_t)r >= n) ? -1 : 0;
}

int text_file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int text_ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

int text_split(char *line, char **words, int max)
{
    int n = 0;
    char *p = line;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') p++;
        if (!*p || *p == '#') break;
        if (n == max) return max + 1; /* too many words: the caller reports it */
        words[n++] = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') p++;
        if (*p) *p++ = '\0';
    }
    return n;
}

int text_is_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= PALLAY_NAME_LEN) return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' || *s == '-'))
            return 0;
    return 1;
}

int text_make_parent(const char *path, Err *e)
{
    char dir[PALLAY_PATH_LEN];
    if (text_copy(dir, sizeof dir, path) < 0) return err_set(e, "%s: path too long", path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir) return 0;
    *slash = '\0';
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(dir, 0755) < 0 && errno != EEXIST) return err_set(e, "%s: %s", dir, strerror(errno));
        *p = '/';
    }
    if (mkdir(dir, 0755) < 0 && errno != EEXIST) return err_set(e, "%s: %s", dir, strerror(errno));
    return 0;
}

void text_clear_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *ent;
    char path[PALLAY_PATH_LEN];
    while (d && (ent = readdir(d)))
        if (ent->d_name[0] != '.' && text_fmt(path, sizeof path, "%s/%s", dir, ent->d_name) == 0) unlink(path);
    if (d) closedir(d);
}

unsigned long long text_fnv1a(const void *s, size_t n)
{
    unsigned long long h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ ((const unsigned char *)s)[i]) * 1099511628211ULL;
    return h;
}
