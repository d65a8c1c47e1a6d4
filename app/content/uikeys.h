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
#define UIKEY_DONE          "button.done"
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
#define UIKEY_COURSE_DONE   "course.done"     /* she has passed every module: her certificate */
/* Tell us: her report to the network (screens/tellus.c) */
#define UIKEY_TELL          "tell.tile"       /* the home screen's tile */
#define UIKEY_TELL_PICK     "tell.pick"
#define UIKEY_TELL_CAT      "tell.cat."       /* + each category (store/voice.h) */
#define UIKEY_TELL_HELP     "tell.help"       /* before the help contacts, for violence */
#define UIKEY_TELL_HELP_NONE "tell.help.none" /* when the network has set no help contacts */
#define UIKEY_TELL_RECORD   "tell.record"
#define UIKEY_TELL_TAKE     "tell.take"
#define UIKEY_TELL_SHORT    "tell.short"
#define UIKEY_TELL_LISTEN   "tell.listen"
#define UIKEY_TELL_SEND     "tell.send"
#define UIKEY_TELL_TRASH    "tell.trash"
#define UIKEY_TELL_WHO      "tell.who"
#define UIKEY_TELL_WHO_SIGN "tell.who.sign"
#define UIKEY_TELL_WHO_ANON "tell.who.anon"
#define UIKEY_TELL_SENT     "tell.sent"
#define UIKEY_TELL_THROWN   "tell.thrown"
#define UIKEY_TELL_NOMIC    "tell.nomic"
/* Saving */
#define UIKEY_ERROR_STORE   "error.store"
#define UIKEY_ERROR_SAVE    "error.save"

/* Facilitator mode: written for facilitators, who read Spanish; quy.po keeps the Spanish text
 * until the network translates it (the consent text above all: a native speaker must do it). */
#define UIKEY_FAC_PIN              "fac.pin"
#define UIKEY_FAC_PIN_NAME         "fac.pin.name"
#define UIKEY_FAC_PIN_NEW          "fac.pin.new"
#define UIKEY_FAC_PIN_AGAIN        "fac.pin.again"
#define UIKEY_FAC_PIN_SAVED        "fac.pin.saved"
#define UIKEY_FAC_PIN_SHORT        "fac.pin.short"
#define UIKEY_FAC_PIN_DIFFER       "fac.pin.differ"
#define UIKEY_FAC_PIN_WRONG        "fac.pin.wrong"
#define UIKEY_FAC_PIN_WAIT         "fac.pin.wait"
#define UIKEY_FAC_PIN_LOCKED       "fac.pin.locked"
#define UIKEY_FAC_MENU             "fac.menu"
#define UIKEY_FAC_WORKSHOP         "fac.workshop"
#define UIKEY_FAC_REGISTER         "fac.register"
#define UIKEY_FAC_EQUIPMENT        "fac.equipment"
#define UIKEY_FAC_SUMMARY          "fac.summary"
#define UIKEY_FAC_LEAVE            "fac.leave"
#define UIKEY_FAC_QUIT             "fac.quit"
#define UIKEY_FAC_QUIT_ASK         "fac.quit.ask"
#define UIKEY_FAC_COMMUNITY        "fac.community"
#define UIKEY_FAC_COMMUNITY_NEW    "fac.community.new"
#define UIKEY_FAC_TOPICS           "fac.topics"
#define UIKEY_FAC_OPEN             "fac.open"
#define UIKEY_FAC_PRESENT          "fac.present"
#define UIKEY_FAC_PRESENT_N        "fac.present.n"
#define UIKEY_FAC_CLOSE            "fac.close"
#define UIKEY_FAC_CLOSE_ASK        "fac.close.ask"
#define UIKEY_FAC_CLOSED           "fac.closed"
#define UIKEY_FAC_NO_WORKSHOP      "fac.no_workshop"
#define UIKEY_FAC_SIGN             "fac.sign"
#define UIKEY_FAC_COLOUR           "fac.colour"
#define UIKEY_FAC_CONSENT          "fac.consent"
#define UIKEY_FAC_CONSENT_TEXT     "fac.consent.text"
#define UIKEY_FAC_YES              "fac.yes"
#define UIKEY_FAC_NO               "fac.no"
#define UIKEY_FAC_NAME             "fac.name"
#define UIKEY_FAC_YEAR             "fac.year"
#define UIKEY_FAC_SKIP             "fac.skip"
#define UIKEY_FAC_REGISTERED       "fac.registered"
#define UIKEY_FAC_WHO              "fac.who"
#define UIKEY_FAC_ITEM             "fac.item"
#define UIKEY_FAC_AMOUNT           "fac.amount"
#define UIKEY_FAC_DELIVERED        "fac.delivered"
#define UIKEY_FAC_UNSENT           "fac.unsent"
#define UIKEY_FAC_VOID             "fac.void"
#define UIKEY_FAC_VOID_WHY         "fac.void.why"
#define UIKEY_FAC_REASON_WOMAN     "fac.reason.woman"
#define UIKEY_FAC_REASON_ITEM      "fac.reason.item"
#define UIKEY_FAC_REASON_QUANTITY  "fac.reason.quantity"
#define UIKEY_FAC_REASON_TWICE     "fac.reason.twice"
#define UIKEY_FAC_ERROR_NAME       "fac.error.name"
#define UIKEY_FAC_ERROR_YEAR       "fac.error.year"
#define UIKEY_FAC_ERROR_QUANTITY   "fac.error.quantity"
#define UIKEY_FAC_RECORD           "fac.record"
#define UIKEY_FAC_RECORD_PICK      "fac.record.pick"
#define UIKEY_FAC_RECORD_ITEM      "fac.record.item"
#define UIKEY_FAC_RECORD_KEEP      "fac.record.keep"
#define UIKEY_FAC_RECORD_SAVED     "fac.record.saved"
#define UIKEY_FAC_RECORD_NOMIC     "fac.record.nomic"
#define UIKEY_FAC_RECORD_SHORT     "fac.record.short"
#define UIKEY_FAC_WITHDRAW         "fac.withdraw"
#define UIKEY_FAC_WITHDRAW_WHO     "fac.withdraw.who"
#define UIKEY_FAC_WITHDRAW_NONE    "fac.withdraw.none"
#define UIKEY_FAC_WITHDRAW_ASK     "fac.withdraw.ask"
#define UIKEY_FAC_WITHDRAW_YES     "fac.withdraw.yes"
#define UIKEY_FAC_WITHDRAW_NO      "fac.withdraw.no"
#define UIKEY_FAC_WITHDRAWN        "fac.withdrawn"
#define UIKEY_FAC_CERTS     "fac.certs"          /* menu: the women who finished the course */
#define UIKEY_FAC_CERTS_WHO "fac.certs.who"
#define UIKEY_FAC_CERTS_NONE "fac.certs.none"
#define UIKEY_FAC_VOICES    "fac.voices"         /* summary: how many of her reports wait to be sent */
#define UIKEY_FAC_NOHELP           "fac.nohelp"
#define UIKEY_FAC_DRAFTS           "fac.drafts"
#define UIKEY_FAC_RECORD_LANG      "fac.record.lang"
#define UIKEY_FAC_BY               "fac.by"
#define UIKEY_FAC_TODAY            "fac.today"
#define UIKEY_FAC_WHO_NONE         "fac.who.none"
/* Send records: records leave on a USB stick (screens/send.c). The kiosk puts UIKEY_SEND_UNABLE_*
 * in SendState.unable when it cannot send at all. Unlike the rest of facilitator mode, quy.po has
 * Quechua drafts of these (awaiting review): the stick's outcome comes up over whatever is open. */
#define UIKEY_FAC_SEND             "fac.send"
#define UIKEY_SEND_PENDING         "fac.send.pending"
#define UIKEY_SEND_LAST            "fac.send.last"
#define UIKEY_SEND_NEVER           "fac.send.never"
#define UIKEY_SEND_RECORDS         "fac.send.records"
#define UIKEY_SEND_RECORD          "fac.send.record"
#define UIKEY_SEND_CODE            "fac.send.code"
#define UIKEY_SEND_PLUG            "fac.send.plug"
#define UIKEY_SEND_READY           "fac.send.ready"
#define UIKEY_SEND_NOW             "fac.send.now"
#define UIKEY_SEND_FOUND           "fac.send.found"
#define UIKEY_SEND_WRITING         "fac.send.writing"
#define UIKEY_SEND_SENT            "fac.send.sent"
#define UIKEY_SEND_SAVED           "fac.send.saved"
#define UIKEY_SEND_SAVED_ONE       "fac.send.saved.one"
#define UIKEY_SEND_GIVE            "fac.send.give"
#define UIKEY_SEND_NOTHING         "fac.send.nothing"
#define UIKEY_SEND_GONE            "fac.send.gone"
#define UIKEY_SEND_FULL            "fac.send.full"
#define UIKEY_SEND_READONLY        "fac.send.readonly"
#define UIKEY_SEND_BLOCKED         "fac.send.blocked"
#define UIKEY_SEND_FAILED          "fac.send.failed"
#define UIKEY_SEND_UNABLE_NOKEY    "fac.send.nokey"
#define UIKEY_SEND_UNABLE_NOID     "fac.send.noid"
#define UIKEY_SEND_OK              "fac.send.ok"
#define UIKEY_PACK_NEW             "fac.pack.new"
#define UIKEY_PACK_VERSION         "fac.pack.version"
#define UIKEY_PACK_REFUSED         "fac.pack.refused"
#define UIKEY_PACK_WHY_SIGNATURE   "fac.pack.why.signature"
#define UIKEY_PACK_WHY_DAMAGED     "fac.pack.why.damaged"
#define UIKEY_PACK_WHY_UNSAFE      "fac.pack.why.unsafe"
#define UIKEY_PACK_WHY_VERSION     "fac.pack.why.version"
#define UIKEY_PACK_WHY_OLDER       "fac.pack.why.older"
#define UIKEY_PACK_WHY_CHECK       "fac.pack.why.check"
#define UIKEYS_PACK UIKEY_PACK_NEW, UIKEY_PACK_VERSION, UIKEY_PACK_REFUSED, UIKEY_PACK_WHY_SIGNATURE, UIKEY_PACK_WHY_DAMAGED, UIKEY_PACK_WHY_UNSAFE, UIKEY_PACK_WHY_VERSION, UIKEY_PACK_WHY_OLDER, UIKEY_PACK_WHY_CHECK
/* Send records, the network's card (screens/send.c, SendState.net): its state, and one sentence per
 * fault word of sync/dav.h, "fac.net." WORD. Quechua drafts like the stick's. */
#define UIKEY_NET                  "fac.net"
#define UIKEY_NET_NEVER            "fac.net.never"
#define UIKEY_NET_SYNCING          "fac.net.syncing"
#define UIKEY_NET_SENT             "fac.net.sent"
#define UIKEY_NET_UPTODATE         "fac.net.uptodate"
#define UIKEY_NET_CONTACT          "fac.net.contact"
#define UIKEY_NET_UPLOAD           "fac.net.upload"
#define UIKEY_NET_NOW              "fac.net.now"
#define UIKEY_NET_INSECURE         "fac.net.insecure"
#define UIKEY_NET_OFFLINE          "fac.net.offline"
#define UIKEY_NET_NO_ANSWER        "fac.net.no_answer"
#define UIKEY_NET_STALLED          "fac.net.stalled"
#define UIKEY_NET_DROPPED          "fac.net.dropped"
#define UIKEY_NET_AUTH             "fac.net.auth"
#define UIKEY_NET_REDIRECT         "fac.net.redirect"
#define UIKEY_NET_SERVER_ERROR     "fac.net.server_error"
#define UIKEY_NET_BAD_GATEWAY      "fac.net.bad_gateway"
#define UIKEY_NET_UNAVAILABLE      "fac.net.unavailable"
#define UIKEY_NET_FULL             "fac.net.full"
#define UIKEY_NET_SERVER           "fac.net.server"
#define UIKEY_NET_TLS              "fac.net.tls"
#define UIKEY_NET_VERIFY           "fac.net.verify"
#define UIKEY_NET_DISK             "fac.net.disk"
#define UIKEYS_NET UIKEY_NET, UIKEY_NET_NEVER, UIKEY_NET_SYNCING, UIKEY_NET_SENT, UIKEY_NET_UPTODATE, UIKEY_NET_CONTACT, UIKEY_NET_UPLOAD, UIKEY_NET_NOW, UIKEY_NET_INSECURE, \
    UIKEY_NET_OFFLINE, UIKEY_NET_NO_ANSWER, UIKEY_NET_STALLED, UIKEY_NET_DROPPED, UIKEY_NET_AUTH, UIKEY_NET_REDIRECT, UIKEY_NET_SERVER_ERROR, UIKEY_NET_BAD_GATEWAY, UIKEY_NET_UNAVAILABLE, UIKEY_NET_FULL, UIKEY_NET_SERVER, UIKEY_NET_TLS, UIKEY_NET_VERIFY, UIKEY_NET_DISK
#define UIKEYS_SEND UIKEY_FAC_SEND, UIKEY_SEND_PENDING, UIKEY_SEND_LAST, UIKEY_SEND_NEVER, UIKEY_SEND_RECORDS, UIKEY_SEND_RECORD, UIKEY_SEND_CODE, \
    UIKEY_SEND_PLUG, UIKEY_SEND_READY, UIKEY_SEND_NOW, UIKEY_SEND_FOUND, UIKEY_SEND_WRITING, UIKEY_SEND_SENT, UIKEY_SEND_SAVED, UIKEY_SEND_SAVED_ONE, \
    UIKEY_SEND_GIVE, UIKEY_SEND_NOTHING, UIKEY_SEND_GONE, UIKEY_SEND_FULL, UIKEY_SEND_READONLY, UIKEY_SEND_BLOCKED, \
    UIKEY_SEND_FAILED, UIKEY_SEND_UNABLE_NOKEY, UIKEY_SEND_UNABLE_NOID, UIKEY_SEND_OK, UIKEYS_NET
#define UIKEYS_FACILITATOR { UIKEYS_SEND, UIKEYS_PACK, UIKEY_FAC_RECORD_LANG, UIKEY_FAC_BY, UIKEY_FAC_TODAY, UIKEY_FAC_WHO_NONE, UIKEY_FAC_RECORD, UIKEY_FAC_RECORD_PICK, UIKEY_FAC_RECORD_ITEM, UIKEY_FAC_RECORD_KEEP, UIKEY_FAC_RECORD_SAVED, UIKEY_FAC_RECORD_NOMIC, UIKEY_FAC_RECORD_SHORT, UIKEY_FAC_PIN, UIKEY_FAC_PIN_NAME, UIKEY_FAC_PIN_NEW, UIKEY_FAC_PIN_AGAIN, UIKEY_FAC_PIN_SAVED, UIKEY_FAC_PIN_SHORT, UIKEY_FAC_PIN_DIFFER, UIKEY_FAC_PIN_WRONG, UIKEY_FAC_PIN_WAIT, UIKEY_FAC_PIN_LOCKED, UIKEY_FAC_MENU, UIKEY_FAC_WORKSHOP, UIKEY_FAC_REGISTER, UIKEY_FAC_EQUIPMENT, UIKEY_FAC_SUMMARY, UIKEY_FAC_LEAVE, UIKEY_FAC_QUIT, UIKEY_FAC_QUIT_ASK, UIKEY_FAC_COMMUNITY, UIKEY_FAC_COMMUNITY_NEW, UIKEY_FAC_TOPICS, UIKEY_FAC_OPEN, UIKEY_FAC_PRESENT, UIKEY_FAC_PRESENT_N, UIKEY_FAC_CLOSE, UIKEY_FAC_CLOSE_ASK, UIKEY_FAC_CLOSED, UIKEY_FAC_NO_WORKSHOP, UIKEY_FAC_SIGN, UIKEY_FAC_COLOUR, UIKEY_FAC_CONSENT, UIKEY_FAC_CONSENT_TEXT, UIKEY_FAC_YES, UIKEY_FAC_NO, UIKEY_FAC_NAME, UIKEY_FAC_YEAR, UIKEY_FAC_SKIP, UIKEY_FAC_REGISTERED, UIKEY_FAC_WHO, UIKEY_FAC_ITEM, UIKEY_FAC_AMOUNT, UIKEY_FAC_DELIVERED, UIKEY_FAC_UNSENT, UIKEY_FAC_VOID, UIKEY_FAC_VOID_WHY, UIKEY_FAC_REASON_WOMAN, UIKEY_FAC_REASON_ITEM, UIKEY_FAC_REASON_QUANTITY, UIKEY_FAC_REASON_TWICE, UIKEY_FAC_ERROR_NAME, UIKEY_FAC_ERROR_YEAR, UIKEY_FAC_ERROR_QUANTITY, UIKEY_FAC_WITHDRAW, UIKEY_FAC_WITHDRAW_WHO, UIKEY_FAC_WITHDRAW_NONE, UIKEY_FAC_WITHDRAW_ASK, UIKEY_FAC_WITHDRAW_YES, UIKEY_FAC_WITHDRAW_NO, UIKEY_FAC_WITHDRAWN, UIKEY_FAC_CERTS, UIKEY_FAC_CERTS_WHO, UIKEY_FAC_CERTS_NONE, UIKEY_FAC_VOICES, UIKEY_FAC_NOHELP, UIKEY_FAC_DRAFTS }

#define UIKEYS_ALL { UIKEY_LANG_NAME, UIKEY_LANG_PROMPT, UIKEY_HOME_PROMPT, UIKEY_PLAYER_END,   \
    UIKEY_ERROR_CONTENT, UIKEY_HOME, UIKEY_REPEAT, UIKEY_BACK, UIKEY_NEXT, UIKEY_PLAY,          \
    UIKEY_LANGUAGE, UIKEY_AGAIN, UIKEY_DONE, UIKEY_WHO_PROMPT, UIKEY_MINE, UIKEY_NEW, UIKEY_GUEST,         \
    UIKEY_SIGNOUT, UIKEY_OK, UIKEY_SIGN_PICK, UIKEY_SIGN_PICK_NEW, UIKEY_SIGN_COLOUR,          \
    UIKEY_SIGN_COLOUR_NEW, UIKEY_SIGN_WELCOME, UIKEY_SIGN_HELLO, UIKEY_SIGN_NOBODY, UIKEY_HEAR, \
    UIKEY_QUIZ_INTRO, UIKEY_QUIZ_RIGHT, UIKEY_QUIZ_WRONG, UIKEY_QUIZ_STARS "0",                 \
    UIKEY_QUIZ_STARS "1", UIKEY_QUIZ_STARS "2", UIKEY_QUIZ_STARS "3", UIKEY_QUIZ_PASS,          \
    UIKEY_QUIZ_FAIL, UIKEY_COURSE_DONE, UIKEY_ERROR_STORE, UIKEY_ERROR_SAVE, UIKEY_TELL, UIKEY_TELL_PICK,           \
    UIKEY_TELL_CAT "rock", UIKEY_TELL_CAT "dust", UIKEY_TELL_CAT "noppe", UIKEY_TELL_CAT "mercury",                      \
    UIKEY_TELL_CAT "weather", UIKEY_TELL_CAT "injury", UIKEY_TELL_CAT "violence", UIKEY_TELL_CAT "idea",                 \
    UIKEY_TELL_CAT "other", UIKEY_TELL_HELP, UIKEY_TELL_HELP_NONE, UIKEY_TELL_RECORD, UIKEY_TELL_TAKE, UIKEY_TELL_SHORT, \
    UIKEY_TELL_LISTEN, UIKEY_TELL_SEND, UIKEY_TELL_TRASH, UIKEY_TELL_WHO, UIKEY_TELL_WHO_SIGN, UIKEY_TELL_WHO_ANON,      \
    UIKEY_TELL_SENT, UIKEY_TELL_THROWN, UIKEY_TELL_NOMIC }

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
#define UIPIC_RECORD    "icon-record"
#define UIPIC_STOP      "icon-stop"
#define UIPIC_DELETE    "icon-backspace"    /* the keyboard's and the number pads' delete key */
#define UIPIC_SHIFT     "icon-shift"
#define UIPIC_SHIFT_ON  "icon-shift-on"
#define UIPIC_SPACE     "icon-space"
#define UIPIC_DONE      "icon-done"         /* the score screen: done, go on */
#define UIPIC_QUIZ      "icon-quiz"         /* the quiz's own mark after a lesson's dots */

#define UIPIC_USB       "icon-usb"          /* a USB stick: write to it now */
#define UIPIC_USB_IN    "icon-usb-in"       /* a stick going into the kiosk: put one in */
#define UIPIC_USB_WRITE "icon-usb-write"    /* an arrow into the stick: writing, do not pull it out */
#define UIPIC_USB_CHECK "icon-usb-check"    /* a stick and a tick: nothing new to send */
#define UIPIC_USB_GONE  "icon-usb-gone"     /* pulled out too soon: put it back */
#define UIPIC_USB_FULL  "icon-usb-full"     /* no room left on it */
#define UIPIC_USB_LOCK  "icon-usb-lock"     /* write-protected */
#define UIPIC_USB_FILE  "icon-usb-file"     /* a file where the pallay folder should be */
#define UIPIC_WARNING   "icon-warning"      /* something else went wrong: tell the network */
#define UIPIC_NOKEY     "icon-key"          /* the kiosk cannot send at all (no key) */
#define UIPIC_TELL      "tell-tile"         /* Tell us: the home screen's tile */
#define UIPIC_TELL_CAT  "tell-"             /* + each category: its picture */
#define UIPIC_ANONYMOUS "icon-anonymous"    /* sent with no name at all */
#define UIPIC_SEND      "icon-send"
#define UIPIC_TRASH     "icon-trash"
#define UIPIC_LISTEN    "icon-listen"       /* hear her recording back */
#define UIPIC_PHONE     "icon-phone"        /* the network's help contacts */

#define UIPICS_ALL { UIPIC_HOME, UIPIC_REPEAT, UIPIC_AGAIN, UIPIC_BACK, UIPIC_NEXT, UIPIC_PLAY, UIPIC_LANGUAGE, \
    UIPIC_END, UIPIC_MINE, UIPIC_NEW, UIPIC_GUEST, UIPIC_SIGNOUT, UIPIC_SPEAKER, UIPIC_STAR, UIPIC_RIGHT, UIPIC_WRONG, \
    UIPIC_RECORD, UIPIC_STOP, UIPIC_DELETE, UIPIC_SHIFT, UIPIC_SHIFT_ON, UIPIC_SPACE, UIPIC_DONE, UIPIC_QUIZ, \
    UIPIC_USB, UIPIC_USB_IN, UIPIC_USB_WRITE, UIPIC_USB_CHECK, UIPIC_USB_GONE, UIPIC_USB_FULL, UIPIC_USB_LOCK, UIPIC_USB_FILE, \
    UIPIC_WARNING, UIPIC_NOKEY, UIPIC_TELL, UIPIC_TELL_CAT "rock", UIPIC_TELL_CAT "dust", UIPIC_TELL_CAT "noppe", \
    UIPIC_TELL_CAT "mercury", UIPIC_TELL_CAT "weather", UIPIC_TELL_CAT "injury", UIPIC_TELL_CAT "violence", UIPIC_TELL_CAT "idea", \
    UIPIC_TELL_CAT "other", UIPIC_ANONYMOUS, UIPIC_SEND, UIPIC_TRASH, UIPIC_LISTEN, UIPIC_PHONE }

/* Sound effects (generated/sounds/NAME.ogg). */
#define UISOUND_TAP     "tap"
#define UISOUND_DONE    "done"
#define UISOUND_RIGHT   "right"
#define UISOUND_WRONG   "wrong"
#define UISOUNDS_ALL { UISOUND_TAP, UISOUND_DONE, UISOUND_RIGHT, UISOUND_WRONG }

#endif
