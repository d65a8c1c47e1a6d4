/* screen: what every screen provides to the kiosk, and what the kiosk lends to screens.
 * A screen lists its buttons, draws its content, and answers a pressed button with an action;
 * the kiosk owns the stack, input, audio and the trace. */
#ifndef PALLAY_SCREEN_H
#define PALLAY_SCREEN_H

#include "../content/catalog.h"
#include "../store/pin.h"
#include "../store/records.h"
#include "../sync/courier.h"
#include "../ui/button.h"

/* From SCREEN_PIN on, the screens are the facilitator's: the kiosk shows and speaks them in the
 * facilitator_lang setting's language, whatever the last learner chose. */
typedef enum {
    SCREEN_LANGUAGE, SCREEN_WHO, SCREEN_SIGN, SCREEN_HOME, SCREEN_PLAYER, SCREEN_QUIZ, SCREEN_ERROR, SCREEN_COURSE, SCREEN_TELL,
    SCREEN_PIN, SCREEN_FACILITATOR, SCREEN_WORKSHOP, SCREEN_REGISTER, SCREEN_EQUIPMENT, SCREEN_SUMMARY, SCREEN_RECORDER,
    SCREEN_WITHDRAW, SCREEN_SEND, SCREEN_CERTS, SCREEN_COUNT
} ScreenKind;

typedef enum {
    ACTION_NONE,
    ACTION_PUSH,        /* open screen over this one */
    ACTION_POP,         /* back to the screen below */
    ACTION_REPLACE,     /* this screen gives way to screen (the player to its quiz) */
    ACTION_SIGNOUT,     /* end the learner's or facilitator's session: back to the first screen */
    ACTION_QUIT,        /* leave the kiosk for the desktop (only in facilitator mode) */
} ActionKind;

typedef struct {
    ActionKind kind;
    ScreenKind screen;  /* for ACTION_PUSH and ACTION_REPLACE */
    int arg;            /* passed to the new screen's enter (a module index, a mode) */
} Action;

#define NO_ACTION ((Action){ ACTION_NONE, 0, 0 })

/* Records leaving on a USB stick: what the kiosk knows now (the Send records screen shows it). */
typedef enum {
    STICK_IDLE,         /* nothing written since the stick came (or no stick) */
    STICK_WRITING,      /* a thread is writing to it: do not pull it out */
    STICK_DONE,         /* result says what happened (COURIER_SENT, COURIER_NOTHING or a fault) */
} StickPhase;

/* Records leaving for the network's WebDAV folder (sync_url): what the uploader last said. */
typedef struct {
    int on;                 /* sync_url is set and the uploader runs */
    int insecure;           /* sync_insecure_http = 1: the password may cross the network in clear */
    int syncing;            /* a try is under way */
    long long contact_at;   /* when the server last answered (unix seconds); 0: not since the start */
    long long upload_at;    /* when records last went; 0: not since the start */
    long long records;      /* how many went then */
    const char *fault;      /* the last try's fault word (sync/dav.h), NULL if it went well or none yet */
} NetState;

typedef struct {
    int present;                    /* a stick is mounted now */
    char label[PALLAY_NAME_LEN];    /* its name (the folder it is mounted on) */
    StickPhase phase;
    CourierResult result;           /* the last write's outcome, once phase is STICK_DONE */
    const char *unable;             /* a text key saying why this kiosk cannot send at all (no network
                                     * key in pallay.conf, no kiosk key), or NULL */
    char spoken[PALLAY_NAME_LEN];   /* a voice file saying how many records went and the receipt code,
                                     * letter by letter (speak or then it like a key), or "" */
    NetState net;
} SendState;

/* Content packs (inbox.c): the course version in use and the last pack a stick brought. */
typedef enum { PACK_NEWS_NONE, PACK_NEWS_INSTALLED, PACK_NEWS_REFUSED } PackNewsKind;
typedef struct {
    long long version;          /* the course in use (0: the shipped one) */
    PackNewsKind outcome;       /* what became of the last pack */
    long long pack_version;     /* ...its version (0 if it could not be read) */
    const char *why;            /* ...if refused, the text key saying why */
} PackNews;

/* Services the kiosk lends to screens. */
typedef struct Ctx {
    const Catalog *cat;
    int lang;                   /* current language index */
    int w, h;                   /* output size in pixels */
    const char *message;        /* for the error screen: what went wrong */
    const char *recordings;     /* where voices recorded on this kiosk go: <lang>/<key>.ogg */
    const char *help;           /* the network's help contacts (setting help_contacts), "" if none */
    const char *voices;         /* where the kiosk's own voice files are (help-LANG.wav: the help contacts spoken) */
    const unsigned char *recipient;  /* the network's age recipient (32 bytes); NULL: her reports cannot be sealed */
    Store *store;               /* NULL if no database could be opened: nothing is saved */
    const Learner *learner;     /* who is signed in; NULL for a guest or nobody */
    const Facilitator *facilitator;  /* in facilitator mode, who opened it; else NULL */
    long long input_us;         /* when the touch, click or key being handled happened (trace_now_us) */
    /* Speaks key in the current language (stops what was playing). */
    void (*speak)(struct Ctx *c, const char *key);
    /* Speaks key in language lang (a catalog index), at once: the voice recorder's texts. */
    void (*speak_in)(struct Ctx *c, int lang, const char *key);
    /* Stops what is speaking, and what was queued after it. */
    void (*hush)(struct Ctx *c);
    /* Speaks key after what is playing and already queued. */
    void (*then)(struct Ctx *c, const char *key);
    /* The same in language lang (a catalog index): the help contacts said in every language. */
    void (*then_in)(struct Ctx *c, int lang, const char *key);
    /* Starts a session for learner, or for a guest if NULL (nothing personal is saved). */
    void (*sign_in)(struct Ctx *c, const Learner *learner);
    /* Opens facilitator mode for f (the PIN was right). */
    void (*facilitator_in)(struct Ctx *c, const Facilitator *f);
    /* A record could not be saved: says so (spoken and shown) and writes why to the trace. */
    void (*save_failed)(struct Ctx *c, const char *what, const Err *e);
    /* Milliseconds since the kiosk started (monotonic). */
    long long (*now_ms)(struct Ctx *c);
    /* Plays a voice file (a recording just made), as narration. */
    void (*play_file)(struct Ctx *c, const char *path);
    /* Plays n samples at rate Hz from memory (her report, which never reaches a file), as narration. */
    void (*play_pcm)(struct Ctx *c, const short *pcm, int n, int rate);
    /* Plays a short sound effect by name ("done"). */
    void (*effect)(struct Ctx *c, const char *name);
    /* Resolves a picture name to a file path ("" if none). */
    void (*picture)(struct Ctx *c, const char *name, char *path, size_t n);
    /* Records leaving on a USB stick. The kiosk calls the Send records screen's resume whenever
     * send changes while it is on top. send_now writes what is pending to the stick now (nothing
     * if there is no stick, one is being written, or unable). */
    const SendState *send;
    const PackNews *pack;       /* content packs: the facilitator summary shows the last one */
    void (*send_now)(struct Ctx *c);
    /* Uploads to the network's folder now, whatever the wait after a fault (send->net.on). */
    void (*sync_now)(struct Ctx *c);
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
    /* Optional: text typed on a physical keyboard (UTF-8), or "\b" for Backspace. */
    void (*text)(struct Screen *s, Ctx *c, const char *utf8);
    /* Optional, for a screen that counts time: milliseconds until it wants tick (-1: nothing to wait for). */
    int (*deadline)(struct Screen *s, Ctx *c);
    void (*tick)(struct Screen *s, Ctx *c);
    /* Optional: the screen above it was closed and it is on top again (records may have changed). */
    void (*resume)(struct Screen *s, Ctx *c);
    /* Optional: it leaves the stack (closed, replaced, or its session ended): drop what it holds. */
    void (*leave)(struct Screen *s, Ctx *c);
} Screen;

/* The screens; each returns its single instance. */
Screen *language_screen(void);
Screen *who_screen(void);
Screen *sign_screen(void);
Screen *home_screen(void);
Screen *player_screen(void);
Screen *quiz_screen(void);
Screen *error_screen(void);
Screen *course_screen(void);
Screen *tell_screen(void);
Screen *certs_screen(void);
Screen *pin_screen(void);
Screen *facilitator_screen(void);
Screen *workshop_screen(void);
Screen *register_screen(void);
Screen *equipment_screen(void);
Screen *summary_screen(void);
Screen *recorder_screen(void);
Screen *withdraw_screen(void);
Screen *send_screen(void);

/* The path of a learner's sign picture and her colour, from the catalog's signs (the colour
 * is grey and the path "" if the sign is no longer in signs.list). */
void screen_sign_of(Ctx *c, const char *symbol, const char *colour, char *path, size_t n, unsigned char rgb[3]);
/* Says a sign: its symbol, then its colour (either left out if signs.list no longer has it). */
void screen_say_sign(Ctx *c, const char *symbol, const char *colour);
/* Marks in taken[symbol][colour] every sign a learner of this kiosk has. */
void screen_signs_taken(Ctx *c, unsigned char taken[PALLAY_MAX_SIGNS][PALLAY_MAX_COLOURS]);

#endif
