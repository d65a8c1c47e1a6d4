/* platform: SDL window and renderer. */
#include "platform.h"

#include <limits.h>
#include <stb_image_write.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct {
    SDL_Window *win;
    SDL_Renderer *ren;
    const char *compose;
} P;

/* Under X11, SDL opens an input method, for which libX11 parses the locale's compose table:
 * 6,000 lines, 10 to 15 ms of every start. The kiosk's own table holds the dead keys of
 * Spanish and Quechua names. A table the user chose (XCOMPOSEFILE, ~/.XCompose) is kept.
 * Which one, for the trace: "kiosk", "user" or "locale" (the kiosk's is missing). */
static const char *use_compose(const char *path)
{
    char own[PATH_MAX];
    const char *home = getenv("HOME");
    if (getenv("XCOMPOSEFILE")) return "user";
    if (home && snprintf(own, sizeof own, "%s/.XCompose", home) < (int)sizeof own && access(own, F_OK) == 0) return "user";
    if (!path || access(path, R_OK) != 0) return "locale";
    setenv("XCOMPOSEFILE", path, 0);
    return "kiosk";
}

int platform_open(const PlatformConfig *cfg, Err *e)
{
    P.compose = use_compose(cfg->compose);
    /* Without a Wayland session, do not let SDL probe for one: libwayland would print its own
     * complaint about XDG_RUNTIME_DIR before ours. X11, then the console (KMS/DRM), then none. */
    if (!SDL_getenv("SDL_VIDEODRIVER") && !SDL_getenv("WAYLAND_DISPLAY"))
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "x11,kmsdrm,offscreen");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) < 0)
        return err_set(e, "no display (%s)", SDL_GetError());
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    /* The software renderer would otherwise present through an OpenGL context, which loads
     * Mesa (and LLVM): over 60 MB of memory for nothing on a board without a GPU driver. */
    if (cfg->software) SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    Uint32 flags = SDL_WINDOW_RESIZABLE;
    int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED, w = cfg->width, h = cfg->height;
    SDL_Rect screen;
    if (cfg->fullscreen && SDL_GetDisplayBounds(0, &screen) == 0) {
        /* A kiosk has no window manager, and without one nobody acts on the fullscreen request:
         * the window would keep its windowed size, centred (and cut) on the screen. So the window
         * is made the screen's size at its corner, borderless, before asking for fullscreen,
         * which a window manager (a desktop) then honours as well. */
        x = screen.x;
        y = screen.y;
        w = screen.w;
        h = screen.h;
        flags = SDL_WINDOW_BORDERLESS | SDL_WINDOW_FULLSCREEN_DESKTOP;
    } else if (cfg->fullscreen) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    } else if (!platform_is_headless() && SDL_GetDisplayUsableBounds(0, &screen) == 0 &&
               (w > screen.w || h > screen.h)) {
        /* A window bigger than the screen it opens on (make run's 1280x800 on a 1366x768
         * laptop) is cut off: shrink it to fit, keeping room for the window's frame. Headless
         * drivers have no real screen to fit and keep the size asked for. */
        if (w > screen.w * 9 / 10) w = screen.w * 9 / 10;
        if (h > screen.h * 9 / 10) h = screen.h * 9 / 10;
    }
    P.win = SDL_CreateWindow("Pallay", x, y, w, h, flags);
    if (!P.win) { err_set(e, "cannot open a window (%s)", SDL_GetError()); goto fail; }
    P.ren = SDL_CreateRenderer(P.win, -1, cfg->software ? SDL_RENDERER_SOFTWARE : 0);
    if (!P.ren && !cfg->software) P.ren = SDL_CreateRenderer(P.win, -1, SDL_RENDERER_SOFTWARE);
    if (!P.ren) { err_set(e, "cannot create a renderer (%s)", SDL_GetError()); goto fail; }
    SDL_SetRenderDrawBlendMode(P.ren, SDL_BLENDMODE_BLEND);
    if (cfg->fullscreen) SDL_ShowCursor(SDL_DISABLE);
    return 0;
fail:
    platform_close();
    return -1;
}

void platform_close(void)
{
    if (P.ren) SDL_DestroyRenderer(P.ren);
    if (P.win) SDL_DestroyWindow(P.win);
    P.ren = NULL;
    P.win = NULL;
    SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
}

int platform_is_headless(void)
{
    const char *d = SDL_GetCurrentVideoDriver();
    return d && (strcmp(d, "offscreen") == 0 || strcmp(d, "dummy") == 0);
}

SDL_Renderer *platform_renderer(void) { return P.ren; }
const char *platform_compose(void) { return P.compose ? P.compose : "locale"; }
SDL_Window *platform_window(void) { return P.win; }

void platform_size(int *w, int *h)
{
    if (SDL_GetRendererOutputSize(P.ren, w, h) < 0) SDL_GetWindowSize(P.win, w, h);
}

int platform_screenshot(const char *path, Err *e)
{
    int w, h;
    platform_size(&w, &h);
    unsigned char *px = malloc((size_t)w * (size_t)h * 4);
    if (!px) return err_set(e, "out of memory for a %dx%d screenshot", w, h);
    int rc = 0;
    if (SDL_RenderReadPixels(P.ren, NULL, SDL_PIXELFORMAT_ABGR8888, px, w * 4) < 0)
        rc = err_set(e, "cannot read pixels (%s)", SDL_GetError());
    else if (!stbi_write_png(path, w, h, 4, px, w * 4))
        rc = err_set(e, "%s: cannot be written", path);
    free(px);
    return rc;
}
