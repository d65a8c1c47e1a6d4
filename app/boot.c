/* boot: what the kiosk does before its first screen: the screens, the database (a damaged one is
 * set aside), the kiosk's key, and what was wrong in the settings, said to the facilitator. */
#include "base/text.h"
#include "base/trace.h"
#include "kiosk_state.h"
#include "store/pin.h"
#include "sync/identity.h"

#include <stdio.h>
#include <string.h>

/* Loads the key the kiosk signs its records with, or makes it. On another machine (a card
 * copied onto a second board) the kiosk takes a new id and key and says so; a key that cannot
 * be saved leaves the course running, and records cannot leave until it is fixed. */
static void open_identity(Kiosk *k)
{
    KioskKey key;
    char old[37], id[17];
    Err e;
    int r = identity_open(k->store, k->set.db, k->set.machine_id, &key, old, &e);
    if (r < 0) {
        trace("sync identity error");
        fprintf(stderr, "pallay: the kiosk key: %s\n", e.msg);
        return;
    }
    minisign_id_text(key.pk.id, id);
    if (r == IDENTITY_MOVED) {
        trace("sync identity moved kiosk=%s key=%s from=%s", key.kiosk_id, id, old);
        fprintf(stderr, "pallay: this kiosk's key was made on another machine (or could not be read): it is now kiosk %s; "
                "its earlier records keep kiosk %s\n", key.kiosk_id, old);
    } else {
        trace("sync identity %s kiosk=%s key=%s", r == IDENTITY_MADE ? "made" : "loaded", key.kiosk_id, id);
    }
    k->key = key;
    k->have_key = 1;
    identity_close(&key);
}

/* Opens the database; a damaged one is set aside for a new one. Either problem is shown on the
 * error screen, which the facilitator can pass: the course still works, as it always must. */
static int open_store(Kiosk *k, char *message, size_t n)
{
    Err e;
    char aside[PALLAY_PATH_LEN];
    k->store = store_open_or_set_aside(k->set.db, aside, sizeof aside, &e);
    k->ctx.store = k->store;
    if (k->store) trace("store open %s kiosk=%s schema=%d", k->set.db, store_kiosk_id(k->store), store_schema_version(k->store));
    if (k->store) open_identity(k);
    if (k->store && !aside[0]) {
        /* Opened, but something was found on the way (a journal deleted before this start). */
        if (store_watch(k->store, &e) == 0) return 0;
        fprintf(stderr, "pallay: %s\n", e.msg);
        trace("store journal lost");
        text_fmt(message, n, "%s. Avise al equipo de coordinación.", e.msg);
        k->ctx.message = message;
        return -1;
    }
    fprintf(stderr, "pallay: %s%s%s\n", e.msg, aside[0] && k->store ? "; set aside as " : "", k->store ? aside : "");
    if (aside[0] && !k->store) {
        /* Set aside, but no new database could be made in its place (a full disk): say exactly that. */
        trace("store damaged aside=%s new=failed", aside);
        text_fmt(message, n, "Los registros de este equipo estaban dañados. Se guardaron aparte, sin borrar nada, en %s, "
                 "pero no se pudo empezar un registro nuevo (%s). Se puede seguir aprendiendo como visitante, sin guardar. "
                 "Avise al equipo de coordinación.", aside, e.msg);
    } else if (aside[0]) {
        trace("store damaged aside=%s", aside);
        /* For the facilitator, in Spanish, like the content error. */
        text_fmt(message, n, "Los registros de este equipo estaban dañados (%s). Se guardaron aparte, sin borrar nada, "
                 "en %s, y Pallay empezó un registro nuevo. Avise al equipo de coordinación.", e.msg, aside);
    } else {
        trace("store error");
        text_fmt(message, n, "Pallay no puede guardar los avances: %s. Se puede seguir aprendiendo como visitante, "
                 "sin guardar. Avise al equipo de coordinación.", e.msg);
    }
    k->ctx.message = message;
    return -1;
}

/* Adds what was wrong in the settings (and a language the course does not have) to message, for
 * the facilitator, in Spanish like the other start messages. Returns the number of problems. */
static int settings_notice(Kiosk *k, const char *problems, char *message, size_t n)
{
    char all[PALLAY_NOTICE_LEN];
    text_copy(all, sizeof all, problems);
    if (k->set.lang[0] && catalog_find_lang(k->cat, k->set.lang) < 0) {
        char one[PALLAY_ERR_LEN];
        text_fmt(one, sizeof one, "lang = %s: the course has no such language (%s/%s.po); asking instead",
                 k->set.lang, k->set.locales, k->set.lang);
        fprintf(stderr, "pallay: %s\n", one);
        size_t used = strlen(all);
        text_fmt(all + used, sizeof all - used, "%s%s", used ? "\n" : "", one);
    }
    if (!all[0]) return 0;
    int count = 1;
    for (const char *p = all; *p; p++) count += *p == '\n';
    size_t used = strlen(message);
    text_fmt(message + used, n - used, "%s%d %s en los ajustes (pallay.conf); se usa el valor por defecto:\n%s",
             used ? "\n\n" : "", count, count == 1 ? "problema" : "problemas", all);
    trace("settings problems=%d", count);
    return count;
}

void boot_screens(Kiosk *k, const char *problems, char *message, size_t n)
{
    k->screens[SCREEN_LANGUAGE] = language_screen();
    k->screens[SCREEN_WHO] = who_screen();
    k->screens[SCREEN_SIGN] = sign_screen();
    k->screens[SCREEN_HOME] = home_screen();
    k->screens[SCREEN_PLAYER] = player_screen();
    k->screens[SCREEN_QUIZ] = quiz_screen();
    k->screens[SCREEN_ERROR] = error_screen();
    k->screens[SCREEN_COURSE] = course_screen();
    k->screens[SCREEN_CERTS] = certs_screen();
    k->screens[SCREEN_TELL] = tell_screen();
    k->screens[SCREEN_PIN] = pin_screen();
    k->screens[SCREEN_FACILITATOR] = facilitator_screen();
    k->screens[SCREEN_WORKSHOP] = workshop_screen();
    k->screens[SCREEN_REGISTER] = register_screen();
    k->screens[SCREEN_EQUIPMENT] = equipment_screen();
    k->screens[SCREEN_SUMMARY] = summary_screen();
    k->screens[SCREEN_RECORDER] = recorder_screen();
    k->screens[SCREEN_WITHDRAW] = withdraw_screen();
    k->screens[SCREEN_SEND] = send_screen();
    if (catalog_lang_count(k->cat) == 0 || catalog_module_count(k->cat) == 0) {
        /* For the facilitator on site, in Spanish: without a course there is no language to speak. */
        text_fmt(message, n, "Pallay no puede empezar: %s no tiene ningún %s. "
                 "Los detalles están en los mensajes del inicio (pallayctl check-content).",
                 catalog_lang_count(k->cat) ? k->set.assets : k->set.locales,
                 catalog_lang_count(k->cat) ? "módulo (.module)" : "idioma (.po)");
        k->ctx.message = message;
        kiosk_push(k, SCREEN_ERROR, 0);
        return;
    }
    int store_problem = open_store(k, message, n);
    if (!store_problem) message[0] = '\0';
    int settings_problem = settings_notice(k, problems, message, n);
    k->ctx.message = message;
    kiosk_push(k, SCREEN_LANGUAGE, 0);
    int lang = k->set.lang[0] ? catalog_find_lang(k->cat, k->set.lang) : -1;
    if (lang >= 0) {
        k->ctx.lang = lang;
        kiosk_push(k, SCREEN_WHO, 0);
    }
    if (store_problem || settings_problem) kiosk_push(k, SCREEN_ERROR, store_problem ? 1 : 2);
    /* A new kiosk asks for the facilitator PIN first: without it nobody could leave kiosk mode. */
    Err e;
    if (k->store && k->set.pin_setup && pin_is_set(k->store, &e) == 0) kiosk_push(k, SCREEN_PIN, 1);
}

