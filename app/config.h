/* Pallay compile-time limits and defaults, in one place.
 * Every bounded table, cache and stack in the program takes its size from here. */
#ifndef PALLAY_CONFIG_H
#define PALLAY_CONFIG_H

#define PALLAY_VERSION        "0.1.0"

/* Content limits: the course is small; a bigger one means raising these. */
#define PALLAY_MAX_LANGS      8     /* .po files in locales/ */
#define PALLAY_MAX_STRINGS    1024  /* entries per .po file */
#define PALLAY_MAX_MODULES    32    /* .module files in assets/modules/ */
#define PALLAY_MAX_SLIDES     24    /* slides per module */
#define PALLAY_MAX_TIMER_S    120   /* longest countdown on a slide */
#define PALLAY_MIN_QUESTIONS  3     /* a module's quiz asks 3 to 5 questions... */
#define PALLAY_MAX_QUESTIONS  5
#define PALLAY_MIN_ANSWERS    2     /* ...each with 2 to 4 picture answers */
#define PALLAY_MAX_ANSWERS    4
#define PALLAY_MAX_VOICE_S    20    /* longest narration of one string, in seconds */
#define PALLAY_MAX_SIGNS      16    /* sign-in symbols (signs.list) */
#define PALLAY_MAX_COLOURS    8     /* sign-in colours: symbols x colours learners per kiosk */
#define PALLAY_NAME_LEN       64    /* ids, keys, picture names */
#define PALLAY_PATH_LEN       512
#define PALLAY_ERR_LEN        256
#define PALLAY_NOTICE_LEN     2048  /* problems shown to the facilitator at start (pallay.conf) */

/* Facilitators */
#define PALLAY_PIN_MIN        4     /* digits in a facilitator PIN */
#define PALLAY_PIN_MAX        8
#define PALLAY_PIN_TRIES      5     /* wrong PINs in a row that lock the PIN pad... */
#define PALLAY_PIN_LOCK_S     300   /* ...for this long */
#define PALLAY_NAME_CHARS     80    /* longest person or community name, in characters */
#define PALLAY_TEXT_LEN       (PALLAY_NAME_CHARS * 4 + 1)  /* such a name in UTF-8 bytes */
#define PALLAY_MAX_ITEMS      32    /* protective equipment items (ppe.list) */
#define PALLAY_MAX_SIZES      12    /* sizes of one item */
#define PALLAY_PPE_MAX        50    /* most of one item handed to one woman at once */

/* UI */
#define PALLAY_MAX_BUTTONS    96    /* buttons on one screen: a keyboard, or every sign on a kiosk */
#define PALLAY_SCREEN_STACK   8
#define PALLAY_TEXTURE_CACHE  24    /* decoded pictures kept as textures (LRU)... */
#define PALLAY_PICTURE_BUDGET (6 << 20) /* ...within this many bytes of pixels: a slide (1.8 MB) and eight half-size tiles */
#define PALLAY_PICTURE_MAX_SIDE 4096 /* wider or taller pictures are refused unread: 20000x20000 would take 1.6 GB */
#define PALLAY_DECODE_QUEUE   16    /* pictures waiting for the decoding thread */
#define PALLAY_FONT_SIZES     3     /* small, medium, large atlases */
#define PALLAY_HOLD_MS        700   /* press this long on a button to hear its name */
#define PALLAY_SYNC_BACKOFF_MIN 30   /* seconds before the first retry after a network fault... */
#define PALLAY_SYNC_BACKOFF_MAX 3600 /* ...doubling up to this */
#define PALLAY_PACK_MAX_MB    1024  /* a content pack (a course is about 25 MB)... */
#define PALLAY_PACK_FILE_MAX_MB 64  /* ...and one file in it */
#define PALLAY_SECRET_MS      3000  /* press this long in the hidden corner to open the PIN pad */
#define PALLAY_FACILITATOR_S  300   /* facilitator mode closes after this long without a touch */
#define PALLAY_DEFAULT_W      1280
#define PALLAY_DEFAULT_H      800
#define PALLAY_DESIGN_H       800   /* layout sizes are given for this height */
#define PALLAY_SIGNOUT_S      180   /* a learner is signed out after this long without a touch */
#define PALLAY_VOICE_QUEUE    4     /* narrations waiting to follow the one playing */
#define PALLAY_RECORD_S       30    /* longest recording of one string, in seconds */
#define PALLAY_TELL_S         60    /* longest report a woman records (Tell us), in seconds */
#define PALLAY_RECORD_RATE    22050 /* recordings: mono, this many samples a second */
#define PALLAY_AUDIO_RATE     22050 /* the sound device: mono, this many samples a second (the voices' own rate) */
#define PALLAY_SOUND_MAX_BYTES (4 << 20) /* an OGG file read whole: 30 s takes 100 to 200 KB; over this it is refused unread */
#define PALLAY_SOUND_ARENA    (512 << 10) /* the decoder's memory, one block per open sound: the course's voices need under 180 KB, a 48 kHz stereo file 240 KB */
#define PALLAY_EFFECT_S       4     /* a sound effect is decoded whole, at most this long */

/* A wall clock reading before this (2026-01-01 UTC) cannot be right: the kiosk's clock was
 * reset (no real-time clock, flat battery). Records made then are flagged as untrusted. */
#define PALLAY_CLOCK_FLOOR    1767225600LL

/* Two programs write one database (the kiosk and pallayctl). A write waits this long for the
 * other's short transaction before it gives up, and is then tried again this many times. */
#define PALLAY_BUSY_MS        3000
#define PALLAY_BUSY_TRIES     3
/* The WAL is copied back into the database every this many pages (4 KiB each) and cut back to
 * this many bytes when it starts over, so it stays well under a megabyte... */
#define PALLAY_WAL_PAGES      128
#define PALLAY_WAL_LIMIT      (512 << 10)
/* ...and emptied once the kiosk has been idle this long after a save. */
#define PALLAY_CHECKPOINT_IDLE_MS 1000

/* Default places, relative to the working directory; pallay.conf can override. */
#define PALLAY_DEFAULT_ASSETS    "assets"
#define PALLAY_DEFAULT_LOCALES   "locales"
#define PALLAY_DEFAULT_GENERATED "build/content"
#define PALLAY_DEFAULT_DB        "var/pallay.db"
#define PALLAY_DEFAULT_RECORDINGS "var/voice"
/* Peru's national help lines, shown on the help slide until a network sets its own (help_contacts):
 * violence against women (MIMP, free, 24 h), police, ambulance (SAMU), firefighters. */
#define PALLAY_DEFAULT_HELP      "Línea 100 (violencia, gratis, 24 h) · Policía 105 · SAMU 106 · Bomberos 116"
#define PALLAY_DEFAULT_NETWORK_NAME "Red de pallaqueras"   /* on certificates, until a network sets its own */
#define PALLAY_DEFAULT_FACILITATOR_LANG "es"   /* facilitators read Spanish */
#define PALLAY_DEFAULT_MACHINE_ID "/etc/machine-id"
#define PALLAY_DEFAULT_USB_ROOTS "/media:/run/media"   /* udisks and usbmount mount sticks under these */
#define PALLAY_MAX_STICKS        8                      /* sticks watched at once */
#define PALLAY_DEFAULT_FONT      "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

#endif
