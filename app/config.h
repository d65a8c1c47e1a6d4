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
#define PALLAY_NAME_LEN       64    /* ids, keys, picture names */
#define PALLAY_PATH_LEN       512
#define PALLAY_ERR_LEN        256

/* UI */
#define PALLAY_MAX_BUTTONS    24    /* buttons on one screen */
#define PALLAY_SCREEN_STACK   8
#define PALLAY_TEXTURE_CACHE  24    /* decoded pictures kept as textures (LRU)... */
#define PALLAY_PICTURE_BUDGET (8 << 20) /* ...within this many bytes of pixels */
#define PALLAY_FONT_SIZES     3     /* small, medium, large atlases */
#define PALLAY_HOLD_MS        700   /* press this long on a button to hear its name */
#define PALLAY_DEFAULT_W      1280
#define PALLAY_DEFAULT_H      800
#define PALLAY_DESIGN_H       800   /* layout sizes are given for this height */

/* Default places, relative to the working directory; pallay.conf can override. */
#define PALLAY_DEFAULT_ASSETS    "assets"
#define PALLAY_DEFAULT_LOCALES   "locales"
#define PALLAY_DEFAULT_GENERATED "build/content"
#define PALLAY_DEFAULT_DB        "var/pallay.db"
#define PALLAY_DEFAULT_FONT      "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

#endif
