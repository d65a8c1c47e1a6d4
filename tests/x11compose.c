/* x11compose: every sequence of the kiosk's compose table (assets/x11.compose), typed through
 * libX11's input method as the kiosk's window gets it under X11, gives its letter. The table
 * replaces the locale's at the kiosk's start (platform.c): a line libX11 cannot read would
 * silently take an accented letter away from a facilitator typing a name.
 * The keys are put on the highest keycodes of the X server (tests/x11compose_test.sh starts an
 * Xvfb of its own), one key per keysym, and each key press goes through XFilterEvent and
 * Xutf8LookupString, as in any X client with an input method.
 * usage: x11compose TABLE */
#include "check.h"

#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <locale.h>
#include <stdlib.h>

#define MAX_KEYS 64

static Display *dpy;
static Window win;
static XIC ic;
static KeySym placed[MAX_KEYS];
static int nplaced, first_spare;

/* The keycode that types sym, given one the first time. 0 when none is left. */
static KeyCode key_for(KeySym sym)
{
    for (int i = 0; i < nplaced; i++)
        if (placed[i] == sym) return (KeyCode)(first_spare + i);
    if (nplaced == MAX_KEYS) return 0;
    placed[nplaced] = sym;
    XChangeKeyboardMapping(dpy, first_spare + nplaced, 1, &sym, 1);
    XSync(dpy, False);
    /* Xlib keeps the keyboard's keysyms: as when a MappingNotify comes, it reads them again. */
    XMappingEvent m = { .type = MappingNotify, .display = dpy, .request = MappingKeyboard,
                        .first_keycode = first_spare + nplaced, .count = 1 };
    XRefreshKeyboardMapping(&m);
    return (KeyCode)(first_spare + nplaced++);
}

/* What a key press types (appended to out): none when the input method keeps it. */
static void lookup(XKeyEvent *k, char *out, int len)
{
    if (XFilterEvent((XEvent *)k, win)) return;
    KeySym got;
    Status st;
    int have = (int)strlen(out), m = Xutf8LookupString(ic, k, out + have, len - have - 1, &got, &st);
    out[have + (m > 0 && m < len - have ? m : 0)] = '\0';
}

/* Presses the keys of syms in turn; what they typed, in out. The input method keeps a dead key,
 * and gives the composed letter back as an event of its own in the queue. */
static void type(const KeySym *syms, int n, char *out, int len)
{
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        /* A capital is its letter's key with shift held, as on a keyboard. */
        KeySym lower, upper;
        XConvertCase(syms[i], &lower, &upper);
        int shift = syms[i] == upper && lower != upper;
        XKeyEvent k = { .type = KeyPress, .display = dpy, .window = win, .root = DefaultRootWindow(dpy),
                        .time = CurrentTime, .same_screen = True, .state = shift ? ShiftMask : 0,
                        .keycode = key_for(shift ? lower : syms[i]) };
        lookup(&k, out, len);
        while (XEventsQueued(dpy, QueuedAlready) > 0) {
            XEvent ev;
            XNextEvent(dpy, &ev);
            if (ev.type == KeyPress) lookup(&ev.xkey, out, len);
        }
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) { fprintf(stderr, "usage: x11compose TABLE\n"); return 2; }
    setenv("XCOMPOSEFILE", argv[1], 1);
    if (!setlocale(LC_CTYPE, "C.UTF-8")) { printf("FAIL x11compose: no C.UTF-8 locale\n"); return 1; }
    XSetLocaleModifiers("");
    dpy = XOpenDisplay(NULL);
    if (!dpy) { printf("FAIL x11compose: no X display\n"); return 1; }
    /* The highest keycodes take the keys: this X server is the test's own. */
    int min, max;
    XDisplayKeycodes(dpy, &min, &max);
    first_spare = max - MAX_KEYS + 1;
    win = XCreateSimpleWindow(dpy, DefaultRootWindow(dpy), 0, 0, 10, 10, 0, 0, 0);
    XIM im = XOpenIM(dpy, NULL, NULL, NULL);
    ic = im ? XCreateIC(im, XNInputStyle, XIMPreeditNothing | XIMStatusNothing, XNClientWindow, win, NULL) : NULL;
    if (!check_line_("an input method opens with the table", ic != NULL, "an input context", "none")) return check_done();
    XSetICFocus(ic);

    FILE *f = fopen(argv[1], "r");
    if (!check_line_("the table opens", f != NULL, argv[1], "no such file")) return check_done();
    char line[256], letters[256] = "";
    int lines = 0, typed = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] != '<') continue;
        lines++;
        /* <dead_acute> <a> : "á" */
        KeySym syms[4];
        int n = 0;
        char *colon = strchr(line, ':'), *p = line, *q;
        char *want = colon ? strchr(colon, '"') : NULL, *end = want ? strchr(want + 1, '"') : NULL, got[16];
        if (colon) *colon = '\0';
        while (n < 4 && (p = strchr(p, '<')) && (q = strchr(p, '>'))) {
            *q = '\0';
            syms[n++] = XStringToKeysym(p + 1);
            p = q + 1;
        }
        if (!end || n < 2) { printf("FAIL x11compose: line %d cannot be read\n", lines); check_failed_++; continue; }
        *end = '\0';
        want++;
        type(syms, n, got, sizeof got);
        if (strcmp(got, want) == 0) {
            typed++;
            if (strlen(letters) + strlen(got) < sizeof letters) strcat(letters, got);
        } else {
            printf("FAIL x11compose: line %d types \"%s\", expected \"%s\"\n", lines, got, want);
            check_failed_++;
        }
    }
    fclose(f);
    check_int_("every sequence of the table types its letter", typed, lines);
    check_line_("the table has lines", lines >= 10, "at least 10", "%d", lines);
    /* The letters of Spanish and Quechua names, capitals included. */
    const char *needed[] = { "á", "é", "í", "ó", "ú", "ñ", "ü", "Á", "É", "Í", "Ó", "Ú", "Ñ", "Ü" };
    for (size_t i = 0; i < sizeof needed / sizeof *needed; i++) {
        char name[64];
        snprintf(name, sizeof name, "a dead key types %s", needed[i]);
        check_line_(name, strstr(letters, needed[i]) != NULL, needed[i], "not typed (typed: %s)", letters);
    }
    XDestroyIC(ic);
    XCloseIM(im);
    XDestroyWindow(dpy, win);
    XCloseDisplay(dpy);
    return check_done();
}
