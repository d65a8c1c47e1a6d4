/* facilitate: facilitator work from a laptop keyboard, with the kiosk's own checks:
 *   pallayctl set-pin [DB] --name NAME          stdin: [current PIN,] new PIN, new PIN again
 *   pallayctl add-participant [DB] --sign SYMBOL/COLOUR --consent yes|no [--name N]
 *                             [--community C] [--born YEAR] [--content DIR]     stdin: PIN
 *   pallayctl record-ppe [DB] --sign SYMBOL/COLOUR --item ID --quantity N [--size S]
 *                        [--content DIR]                                        stdin: PIN
 *   pallayctl withdraw-consent [DB] --sign SYMBOL/COLOUR [--content DIR]        stdin: PIN
 * A PIN is read from stdin (without echo on a terminal), never from the command line, where
 * other users could see it. */
#include "cli.h"
#include "../base/text.h"
#include "../store/people.h"
#include "../store/pin.h"
#include "../store/records.h"
#include "../store/workshops.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_OPTS 8

typedef struct {
    const char *db;
    const char *pos[2];         /* the words that are not options: DB, and for void the record id */
    int npos;
    const char *key[MAX_OPTS], *value[MAX_OPTS];
    int n;
} Args;

/* Splits "[DB] --key value ..." for the keys allowed, with at most max_pos words that are not
 * options (a PIN typed by mistake on the command line, "set-pin DB --name X 4821", is refused
 * rather than taken for a database). -1 after one line on stderr. */
static int parse(int argc, char **argv, const char *const *allowed, int max_pos, Args *a)
{
    memset(a, 0, sizeof *a);
    a->db = PALLAY_DEFAULT_DB;
    for (int i = 0; i < argc; i++) {
        if (strncmp(argv[i], "--", 2) != 0) {
            if (a->npos == max_pos) {
                fprintf(stderr, "pallayctl: unexpected argument \"%.40s\" (a PIN is read from stdin, never from the command line; see pallayctl --help)\n", argv[i]);
                return -1;
            }
            a->pos[a->npos++] = argv[i];
            continue;
        }
        int ok = 0;
        for (int k = 0; allowed[k]; k++) ok |= strcmp(allowed[k], argv[i] + 2) == 0;
        if (!ok || i + 1 >= argc || a->n == MAX_OPTS) {
            fprintf(stderr, "pallayctl: %s \"%s\" (see pallayctl --help)\n", ok ? "a value is needed after" : "unknown option", argv[i]);
            return -1;
        }
        a->key[a->n] = argv[i] + 2;
        a->value[a->n++] = argv[++i];
    }
    if (a->npos == 1 && max_pos == 1) a->db = a->pos[0];
    return 0;
}

static const char *get(const Args *a, const char *key)
{
    for (int i = 0; i < a->n; i++)
        if (strcmp(a->key[i], key) == 0) return a->value[i];
    return NULL;
}

static int fail(const char *where, const char *why)
{
    /* The store's own messages already begin with the file's path: say it once. */
    size_t n = strlen(where);
    if (strncmp(why, where, n) == 0 && strncmp(why + n, ": ", 2) == 0) why += n + 2;
    fprintf(stderr, "pallayctl: %s: %s\n", where, why);
    return 1;
}

/* Asks for the facilitator PIN and checks it, with the kiosk's delays and lockout. */
static int authenticate(Store *s, const char *db, Facilitator *f)
{
    char pin[64];
    if (cli_read_secret("Facilitator PIN", pin, sizeof pin) < 0) return fail(db, "no PIN given on stdin");
    int wait = 0;
    Err e;
    PinResult r = pin_check(s, pin, pin_now_ms(), &wait, f, &e);
    wait = PIN_SECONDS(wait);
    memset(pin, 0, sizeof pin);
    char why[128];
    switch (r) {
    case PIN_OK: return 0;
    case PIN_UNSET: return fail(db, "no facilitator PIN is set yet (pallayctl set-pin)");
    case PIN_WRONG: snprintf(why, sizeof why, "wrong PIN; wait %d s before the next try", wait); return fail(db, why);
    case PIN_WAIT: snprintf(why, sizeof why, "too soon after a wrong PIN; wait %d s", wait); return fail(db, why);
    case PIN_LOCKED: snprintf(why, sizeof why, "the PIN is locked after %d wrong tries; wait %d s", PALLAY_PIN_TRIES, wait); return fail(db, why);
    case PIN_ERROR: break;
    }
    return fail(db, e.msg);
}

int cmd_set_pin(int argc, char **argv)
{
    static const char *const ALLOWED[] = { "name", NULL };
    Args a;
    if (parse(argc, argv, ALLOWED, 1, &a) < 0) return 2;
    const char *name = get(&a, "name");
    if (!name) return fail(a.db, "--name NAME is needed: whose PIN is it?");
    Err e;
    Store *s = store_open(a.db, &e);     /* set-pin may come before the kiosk's first start */
    if (!s) return fail(a.db, e.msg);
    int rc = 1, set = pin_is_set(s, &e);
    Facilitator f;
    char pin[64], again[64];
    if (set < 0) fail(a.db, e.msg);
    else if (set && authenticate(s, a.db, &f) != 0) {}
    else if (cli_read_secret("New PIN", pin, sizeof pin) < 0 || cli_read_secret("New PIN again", again, sizeof again) < 0)
        fail(a.db, "the new PIN is needed twice on stdin");
    else if (strcmp(pin, again) != 0) fail(a.db, "the two new PINs differ; nothing changed");
    else if (pin_set(s, name, pin, &f, &e) < 0) fail(a.db, e.msg);
    else {
        printf("PIN set for %s (facilitator %s)\n", f.name, f.id);
        rc = 0;
    }
    memset(pin, 0, sizeof pin);
    memset(again, 0, sizeof again);
    store_close(s);
    return rc;
}

/* The learner with the sign "symbol/colour" from signs.list; with create, a new one if nobody has
 * it. Returns 1 found, 0 made, -1 after a message. */
static int find_sign(Store *s, const Catalog *cat, const char *db, const char *sign, int create, Learner *l)
{
    char symbol[PALLAY_NAME_LEN], colour[PALLAY_NAME_LEN];
    const char *slash = sign ? strchr(sign, '/') : NULL;
    if (!slash || text_fmt(symbol, sizeof symbol, "%.*s", (int)(slash - sign), sign) < 0 ||
        text_copy(colour, sizeof colour, slash + 1) < 0)
        return fail(db, "--sign SYMBOL/COLOUR is needed, e.g. --sign llama/red"), -1;
    const Signs *sg = catalog_signs(cat);
    if (signs_symbol(sg, symbol) < 0 || signs_colour(sg, colour) < 0) {
        char why[PALLAY_PATH_LEN + 64];
        snprintf(why, sizeof why, "\"%s\" is not a sign of %s", sign, sg->file[0] ? sg->file : "signs.list");
        return fail(db, why), -1;
    }
    Err e;
    int found = records_find_learner(s, symbol, colour, l, &e);
    if (found < 0) return fail(db, e.msg), -1;
    if (found) return 1;
    if (!create) {
        char why[160];
        snprintf(why, sizeof why, "nobody on this kiosk has the sign %s", sign);
        return fail(db, why), -1;
    }
    if (records_add_learner(s, symbol, colour, l, &e) < 0) return fail(db, e.msg), -1;
    return 0;
}

/* The id of the community with this name, added to the list if it is new. */
typedef struct { const char *name; char id[37]; } FindCommunity;
static void match_community(const char *id, const char *name, void *ud)
{
    FindCommunity *f = ud;
    if (strcmp(name, f->name) == 0) text_copy(f->id, sizeof f->id, id);
}

int cmd_add_participant(int argc, char **argv)
{
    static const char *const ALLOWED[] = { "sign", "consent", "name", "community", "born", "content", NULL };
    Args a;
    if (parse(argc, argv, ALLOWED, 1, &a) < 0) return 2;
    const char *consent = get(&a, "consent"), *born = get(&a, "born");
    if (!consent || (strcmp(consent, "yes") && strcmp(consent, "no")))
        return fail(a.db, "--consent yes or --consent no is needed: did she agree to her name being kept?");
    char *end = NULL;
    long year = born ? strtol(born, &end, 10) : 0;
    if (born && (*end || end == born)) return fail(a.db, "--born takes a year, e.g. --born 1985");
    Registration r = { strcmp(consent, "yes") == 0, get(&a, "name"), NULL, (int)year };
    Err e;
    if (participant_check(&r, &e) < 0) return fail(a.db, e.msg);
    const char *community = get(&a, "community");
    if (community && people_check_name(community, 1, &e) < 0) return fail(a.db, e.msg);

    char buf[4][PALLAY_PATH_LEN];
    CatalogPaths paths;
    cli_content_paths(get(&a, "content") ? get(&a, "content") : ".", NULL, buf, &paths);
    Catalog *cat = catalog_load(&paths, NULL);
    Store *s = cli_open_db(a.db);
    int rc = 1;
    Facilitator f;
    Learner l;
    FindCommunity fc = { community, "" };
    char id[37];
    if (!s || authenticate(s, a.db, &f) != 0) goto done;
    int found = find_sign(s, cat, a.db, get(&a, "sign"), 1, &l);
    if (found < 0) goto done;
    if (community && community_each(s, match_community, &fc, &e) == 0 && !fc.id[0] && community_add(s, community, fc.id, &e) < 0) {
        fail(a.db, e.msg);
        goto done;
    }
    r.community_id = fc.id[0] ? fc.id : NULL;
    if (participant_register(s, l.id, &r, f.id, id, &e) < 0) { fail(a.db, e.msg); goto done; }
    printf("participant %s: sign %s/%s, consent %s%s%s (learner %s%s)\n", id, l.symbol, l.colour, consent,
           r.consent ? ", name " : "", r.consent ? r.name : "", l.id, found ? "" : ", new");
    rc = 0;
done:
    store_close(s);
    catalog_unload(cat);
    return rc;
}

int cmd_record_ppe(int argc, char **argv)
{
    static const char *const ALLOWED[] = { "sign", "item", "quantity", "size", "content", NULL };
    Args a;
    if (parse(argc, argv, ALLOWED, 1, &a) < 0) return 2;
    const char *item = get(&a, "item"), *quantity = get(&a, "quantity"), *size = get(&a, "size");
    char *end = NULL;
    long n = quantity ? strtol(quantity, &end, 10) : 0;
    if (!quantity || *end || end == quantity || n < 1 || n > PALLAY_PPE_MAX) {
        char why[96];
        snprintf(why, sizeof why, "--quantity takes a number from 1 to %d", PALLAY_PPE_MAX);
        return fail(a.db, why);
    }
    char buf[4][PALLAY_PATH_LEN];
    CatalogPaths paths;
    cli_content_paths(get(&a, "content") ? get(&a, "content") : ".", NULL, buf, &paths);
    Catalog *cat = catalog_load(&paths, NULL);
    const Item *it = item ? ppe_item(catalog_items(cat), item) : NULL;
    Store *s = NULL;
    int rc = 1;
    char why[PALLAY_PATH_LEN + 96];
    if (!it) {
        snprintf(why, sizeof why, "--item must be one of the items in %s/ppe.list", paths.assets);
        fail(a.db, why);
        goto done;
    }
    if (!ppe_size_ok(it, size)) {
        snprintf(why, sizeof why, it->nsizes ? "%s needs --size, one of its sizes in ppe.list" : "%s comes in one size: no --size",
                 it->id);
        fail(a.db, why);
        goto done;
    }
    s = cli_open_db(a.db);
    Facilitator f;
    Learner l;
    Err e;
    char workshop[37] = "", id[37];
    if (!s || authenticate(s, a.db, &f) != 0 || find_sign(s, cat, a.db, get(&a, "sign"), 0, &l) < 0) goto done;
    if (workshop_current(s, workshop, &e) < 0) { fail(a.db, e.msg); goto done; }
    Delivery d = { l.id, it->id, (int)n, size, f.id, workshop[0] ? workshop : NULL };
    if (ppe_deliver(s, &d, id, &e) < 0) { fail(a.db, e.msg); goto done; }
    printf("ppe %s: %ld %s%s%s to %s/%s%s%s\n", id, n, it->id, size ? " size " : "", size ? size : "", l.symbol, l.colour,
           workshop[0] ? " in workshop " : "", workshop);
    rc = 0;
done:
    store_close(s);
    catalog_unload(cat);
    return rc;
}

/* Opens the store and checks the facilitator PIN: the start of every command below. */
static Store *open_as_facilitator(const char *db, Facilitator *f)
{
    Store *s = cli_open_db(db);
    if (s && authenticate(s, db, f) != 0) {
        store_close(s);
        return NULL;
    }
    return s;
}

int cmd_open_workshop(int argc, char **argv)
{
    static const char *const ALLOWED[] = { "community", "modules", "at", NULL };
    Args a;
    if (parse(argc, argv, ALLOWED, 1, &a) < 0) return 2;
    const char *community = get(&a, "community"), *at = get(&a, "at");
    Err e;
    if (!community || people_check_name(community, 1, &e) < 0) return fail(a.db, "--community NAME is needed");
    long long held = (long long)time(NULL);
    if (at) {
        struct tm tm = { 0 };
        char *rest = strptime(at, "%Y-%m-%d %H:%M", &tm);
        if (!rest || *rest) return fail(a.db, "--at takes \"YYYY-MM-DD HH:MM\"");
        tm.tm_isdst = -1;
        held = (long long)mktime(&tm);
    }
    Facilitator f;
    Store *s = open_as_facilitator(a.db, &f);
    if (!s) return 1;
    int rc = 1;
    FindCommunity fc = { community, "" };
    char open[37], id[37];
    if (workshop_current(s, open, &e) != 0) fail(a.db, e.msg[0] && !open[0] ? e.msg : "a workshop is already open: close it first");
    else if (community_each(s, match_community, &fc, &e) < 0 || (!fc.id[0] && community_add(s, community, fc.id, &e) < 0)) fail(a.db, e.msg);
    else if (workshop_open(s, fc.id, f.id, held, get(&a, "modules"), id, &e) < 0) fail(a.db, e.msg);
    else {
        printf("workshop %s open in %s\n", id, community);
        rc = 0;
    }
    store_close(s);
    return rc;
}

int cmd_mark_present(int argc, char **argv)
{
    static const char *const ALLOWED[] = { "sign", "content", NULL };
    Args a;
    if (parse(argc, argv, ALLOWED, 1, &a) < 0) return 2;
    char buf[4][PALLAY_PATH_LEN];
    CatalogPaths paths;
    cli_content_paths(get(&a, "content") ? get(&a, "content") : ".", NULL, buf, &paths);
    Catalog *cat = catalog_load(&paths, NULL);
    Facilitator f;
    Learner l;
    Err e;
    char workshop[37] = "", id[37];
    int rc = 1;
    Store *s = open_as_facilitator(a.db, &f);
    if (!s || find_sign(s, cat, a.db, get(&a, "sign"), 0, &l) < 0) {}
    else if (workshop_current(s, workshop, &e) <= 0) fail(a.db, workshop[0] ? e.msg : "no workshop is open (pallayctl open-workshop)");
    else if (attendance_mark(s, workshop, l.id, id, &e) < 0) fail(a.db, e.msg);
    else {
        printf("attendance %s: %s/%s in workshop %s\n", id, l.symbol, l.colour, workshop);
        rc = 0;
    }
    store_close(s);
    catalog_unload(cat);
    return rc;
}

/* Her name and year of birth erased, for good; what stays is a record that she withdrew, when
 * and before which facilitator. */
int cmd_withdraw_consent(int argc, char **argv)
{
    static const char *const ALLOWED[] = { "sign", "content", NULL };
    Args a;
    if (parse(argc, argv, ALLOWED, 1, &a) < 0) return 2;
    if (!get(&a, "sign")) return fail(a.db, "--sign SYMBOL/COLOUR is needed: whose consent is withdrawn?");
    char buf[4][PALLAY_PATH_LEN];
    CatalogPaths paths;
    cli_content_paths(get(&a, "content") ? get(&a, "content") : ".", NULL, buf, &paths);
    Catalog *cat = catalog_load(&paths, NULL);
    Facilitator f;
    Learner l;
    Err e;
    char id[37];
    int rc = 1, erased = 0;
    Store *s = open_as_facilitator(a.db, &f);
    if (!s || find_sign(s, cat, a.db, get(&a, "sign"), 0, &l) < 0) {}
    else if (consent_withdraw(s, l.id, f.id, id, &erased, &e) < 0) fail(a.db, e.msg);
    else {
        printf("withdrawal %s: %s/%s withdrew her consent; her name and year of birth were erased (%d registration%s)\n", id,
               l.symbol, l.colour, erased, erased == 1 ? "" : "s");
        rc = 0;
    }
    store_close(s);
    catalog_unload(cat);
    return rc;
}

int cmd_close_workshop(int argc, char **argv)
{
    static const char *const ALLOWED[] = { NULL };
    Args a;
    if (parse(argc, argv, ALLOWED, 1, &a) < 0) return 2;
    Facilitator f;
    Err e;
    char workshop[37] = "", id[37];
    int rc = 1;
    Store *s = open_as_facilitator(a.db, &f);
    if (!s) {}
    else if (workshop_current(s, workshop, &e) <= 0) fail(a.db, workshop[0] ? e.msg : "no workshop is open");
    else if (workshop_close(s, workshop, id, &e) < 0) fail(a.db, e.msg);
    else {
        printf("workshop %s closed\n", workshop);
        rc = 0;
    }
    store_close(s);
    return rc;
}

int cmd_void(int argc, char **argv)
{
    static const char *const ALLOWED[] = { "reason", NULL };
    Args a;
    if (parse(argc, argv, ALLOWED, 2, &a) < 0) return 2;
    /* "pallayctl void [DB] ID --reason R": the last word that is not an option is the record id. */
    const char *target = a.npos ? a.pos[a.npos - 1] : "", *db = a.npos == 2 ? a.pos[0] : PALLAY_DEFAULT_DB;
    const char *reason = get(&a, "reason");
    Err e;
    if (!reason || people_check_name(reason, 1, &e) < 0) return fail(db, "--reason is needed: why is it a mistake?");
    if (!text_is_id(target) || strlen(target) != 36) return fail(db, "the id of the record to void is needed");
    Facilitator f;
    Store *s = open_as_facilitator(db, &f);
    if (!s) return 1;
    char id[37];
    int rc = records_void(s, target, reason, id, &e);
    if (rc < 0) fail(db, e.msg);
    else printf("void %s: %s (%s)\n", id, target, reason);
    store_close(s);
    return rc < 0;
}
