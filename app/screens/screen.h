/* screen: what every screen provides to the kiosk, and what the kiosk lends to screens.
 * A screen lists its buttons, draws its content, and answers a pressed button with an action;
 * the kiosk owns the stack, input, audio and the trace. */
#ifndef PALLAY_SCREEN_H
#define PALLAY_SCREEN_H

#include "../content/catalog.h"
#include "../ui/button.h"

typedef enum { SCREEN_LANGUAGE, SCREEN_HOME, SCREEN_PLAYER, SCREEN_ERROR, SCREEN_COUNT } ScreenKind;
typedef enum { ACTION_NONE, ACTION_PUSH, ACTION_POP } ActionKind;

typedef struct {
    ActionKind kind;
    ScreenKind screen;  /* for ACTION_PUSH */
    int arg;            /* passed to the pushed screen's enter (a module index) */
} Action;

/* Services the kiosk lends to screens. */
typedef struct Ctx {
    const Catalog *cat;
    int lang;                   /* current language index */
    int w, h;                   /* output size in pixels */
    const char *message;        /* for the error screen: what went wrong */
    /* Speaks key in the current language (stops what was playing). */
    void (*speak)(struct Ctx *c, const char *key);
    /* Plays a short sound effect by name ("done"). */
    void (*effect)(struct Ctx *c, const char *name);
    /* Resolves a picture name to a file path ("" if none). */
    void (*picture)(struct Ctx *c, const char *name, char *path, size_t n);
    void *kiosk;
} Ctx;

typedef struct Screen {
    const char *name;
    /* Called when pushed; arg as given in the action. */
    void (*enter)(struct Screen *s, Ctx *c, int arg);
    /* Lists the buttons for the current size and state. */
    void (*layout)(struct Screen *s, Ctx *c, ButtonSet *bs);
    /* Draws everything but the round buttons, which the kiosk draws on top. */
    void (*draw)(struct Screen *s, Ctx *c, const ButtonSet *bs);
    /* A button was pressed (tapped, clicked or chosen with Enter). */
    Action (*press)(struct Screen *s, Ctx *c, const char *id);
    void *state;
} Screen;

/* The screens; each returns its single instance. */
Screen *language_screen(void);
Screen *home_screen(void);
Screen *player_screen(void);
Screen *error_screen(void);

#endif
