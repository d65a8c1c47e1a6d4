/* uikeys: string keys the kiosk's own screens show and speak. Screens use these names;
 * the catalog checks that every language has every one of them (UIKEYS_ALL). */
#ifndef PALLAY_UIKEYS_H
#define PALLAY_UIKEYS_H

#define UIKEY_LANG_NAME     "lang.name"
#define UIKEY_LANG_PROMPT   "lang.prompt"
#define UIKEY_HOME_PROMPT   "home.prompt"
#define UIKEY_PLAYER_END    "player.end"
#define UIKEY_ERROR_CONTENT "error.content"
#define UIKEY_HOME          "button.home"
#define UIKEY_REPEAT        "button.repeat"
#define UIKEY_BACK          "button.back"
#define UIKEY_NEXT          "button.next"
#define UIKEY_PLAY          "button.play"
#define UIKEY_LANGUAGE      "button.language"
#define UIKEY_AGAIN         "button.again"

#define UIKEYS_ALL { UIKEY_LANG_NAME, UIKEY_LANG_PROMPT, UIKEY_HOME_PROMPT, UIKEY_PLAYER_END, \
    UIKEY_ERROR_CONTENT, UIKEY_HOME, UIKEY_REPEAT, UIKEY_BACK, UIKEY_NEXT, UIKEY_PLAY,        \
    UIKEY_LANGUAGE, UIKEY_AGAIN }

/* Pictures the kiosk's own screens draw (names under assets/pictures/). */
#define UIPIC_HOME      "icon-home"
#define UIPIC_REPEAT    "icon-repeat"
#define UIPIC_AGAIN     "icon-again"
#define UIPIC_BACK      "icon-back"
#define UIPIC_NEXT      "icon-next"
#define UIPIC_PLAY      "icon-play"
#define UIPIC_LANGUAGE  "icon-language"
#define UIPIC_END       "end-done"

#define UIPICS_ALL { UIPIC_HOME, UIPIC_REPEAT, UIPIC_AGAIN, UIPIC_BACK, UIPIC_NEXT, UIPIC_PLAY, UIPIC_LANGUAGE, UIPIC_END }

/* Sound effects (generated/sounds/NAME.ogg). */
#define UISOUND_TAP     "tap"
#define UISOUND_DONE    "done"
#define UISOUNDS_ALL { UISOUND_TAP, UISOUND_DONE }

#endif
