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
/* Signing in */
#define UIKEY_WHO_PROMPT    "who.prompt"
#define UIKEY_MINE          "button.mine"
#define UIKEY_NEW           "button.new"
#define UIKEY_GUEST         "button.guest"
#define UIKEY_SIGNOUT       "button.signout"
#define UIKEY_OK            "button.ok"
#define UIKEY_SIGN_PICK     "sign.pick"
#define UIKEY_SIGN_PICK_NEW "sign.pick.new"
#define UIKEY_SIGN_COLOUR   "sign.colour"
#define UIKEY_SIGN_COLOUR_NEW "sign.colour.new"
#define UIKEY_SIGN_WELCOME  "sign.welcome"
#define UIKEY_SIGN_HELLO    "sign.hello"
#define UIKEY_SIGN_NOBODY   "sign.nobody"
/* Quizzes */
#define UIKEY_HEAR          "button.hear"
#define UIKEY_QUIZ_INTRO    "quiz.intro"
#define UIKEY_QUIZ_RIGHT    "quiz.right"
#define UIKEY_QUIZ_WRONG    "quiz.wrong"
#define UIKEY_QUIZ_STARS    "quiz.stars."     /* + 0..3 */
#define UIKEY_QUIZ_PASS     "quiz.pass"
#define UIKEY_QUIZ_FAIL     "quiz.fail"
/* Saving */
#define UIKEY_ERROR_STORE   "error.store"
#define UIKEY_ERROR_SAVE    "error.save"

#define UIKEYS_ALL { UIKEY_LANG_NAME, UIKEY_LANG_PROMPT, UIKEY_HOME_PROMPT, UIKEY_PLAYER_END,   \
    UIKEY_ERROR_CONTENT, UIKEY_HOME, UIKEY_REPEAT, UIKEY_BACK, UIKEY_NEXT, UIKEY_PLAY,          \
    UIKEY_LANGUAGE, UIKEY_AGAIN, UIKEY_WHO_PROMPT, UIKEY_MINE, UIKEY_NEW, UIKEY_GUEST,         \
    UIKEY_SIGNOUT, UIKEY_OK, UIKEY_SIGN_PICK, UIKEY_SIGN_PICK_NEW, UIKEY_SIGN_COLOUR,          \
    UIKEY_SIGN_COLOUR_NEW, UIKEY_SIGN_WELCOME, UIKEY_SIGN_HELLO, UIKEY_SIGN_NOBODY, UIKEY_HEAR, \
    UIKEY_QUIZ_INTRO, UIKEY_QUIZ_RIGHT, UIKEY_QUIZ_WRONG, UIKEY_QUIZ_STARS "0",                 \
    UIKEY_QUIZ_STARS "1", UIKEY_QUIZ_STARS "2", UIKEY_QUIZ_STARS "3", UIKEY_QUIZ_PASS,          \
    UIKEY_QUIZ_FAIL, UIKEY_ERROR_STORE, UIKEY_ERROR_SAVE }

/* Pictures the kiosk's own screens draw (names under assets/pictures/). */
#define UIPIC_HOME      "icon-home"
#define UIPIC_REPEAT    "icon-repeat"
#define UIPIC_AGAIN     "icon-again"
#define UIPIC_BACK      "icon-back"
#define UIPIC_NEXT      "icon-next"
#define UIPIC_PLAY      "icon-play"
#define UIPIC_LANGUAGE  "icon-language"
#define UIPIC_END       "end-done"
#define UIPIC_MINE      "icon-mine"
#define UIPIC_NEW       "icon-new"
#define UIPIC_GUEST     "icon-guest"
#define UIPIC_SIGNOUT   "icon-signout"
#define UIPIC_SPEAKER   "icon-speaker"
#define UIPIC_STAR      "icon-star"
#define UIPIC_RIGHT     "icon-check"
#define UIPIC_WRONG     "icon-cross"

#define UIPICS_ALL { UIPIC_HOME, UIPIC_REPEAT, UIPIC_AGAIN, UIPIC_BACK, UIPIC_NEXT, UIPIC_PLAY, UIPIC_LANGUAGE, \
    UIPIC_END, UIPIC_MINE, UIPIC_NEW, UIPIC_GUEST, UIPIC_SIGNOUT, UIPIC_SPEAKER, UIPIC_STAR, UIPIC_RIGHT, UIPIC_WRONG }

/* Sound effects (generated/sounds/NAME.ogg). */
#define UISOUND_TAP     "tap"
#define UISOUND_DONE    "done"
#define UISOUND_RIGHT   "right"
#define UISOUND_WRONG   "wrong"
#define UISOUNDS_ALL { UISOUND_TAP, UISOUND_DONE, UISOUND_RIGHT, UISOUND_WRONG }

#endif
