/* platform: the one window and renderer (a singleton owned here), the clock of frames, screenshots. */
#ifndef PALLAY_PLATFORM_H
#define PALLAY_PLATFORM_H

#include "../base/err.h"

#include <SDL.h>

typedef struct {
    int width, height;   /* windowed size, shrunk to fit a smaller screen */
    int fullscreen;      /* 1: desktop fullscreen */
    int software;        /* 1: force SDL's software renderer */
    const char *compose; /* X11 compose table for dead keys (NULL: the locale's) */
} PlatformConfig;

/* Initialises SDL video and events, opens the window and its renderer. -1 (with e) on failure. */
int platform_open(const PlatformConfig *cfg, Err *e);
void platform_close(void);

/* 1 if SDL had to fall back to a driver with no screen (offscreen, dummy): nobody can see the window. */
int platform_is_headless(void);

SDL_Renderer *platform_renderer(void);
/* The compose table libX11 reads for dead keys under X11: "kiosk" (its own), "user" or "locale". */
const char *platform_compose(void);
SDL_Window *platform_window(void);
/* Output size in pixels. */
void platform_size(int *w, int *h);

/* Writes what has been drawn this frame (before present) to a PNG. -1 (with e) on failure. */
int platform_screenshot(const char *path, Err *e);

#endif
