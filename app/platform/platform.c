/* platform: SDL window and renderer. */
#include "platform.h"

#include <stb_image_write.h>
#include <stdlib.h>
#include <string.h>

static struct {
    SDL_Window *win;
    SDL_Renderer *ren;
} P;

int platform_open(const PlatformConfig *cfg, Err *e)
{
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
    Uint32 flags = SDL_WINDOW_RESIZABLE | (cfg->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
    P.win = SDL_CreateWindow("Pallay", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, cfg->width, cfg->height, flags);
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
