/* courier: a failure is told apart by the errno of the file operation that failed, because
 * the facilitator's next step differs: another stick (full, read-only), the same one again
 * (pulled), or a look at what is on it (a file in the folder's place). */
#include "courier.h"
#include "../base/text.h"
#include "../store/handover.h"
#include "../store/voice.h"

#include <dirent.h>
#include <errno.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const NAMES[] = { "sent", "nothing", "gone", "full", "readonly", "blocked", "failed" };

const char *courier_outcome_name(CourierOutcome o) { return NAMES[o]; }

static CourierOutcome classify(int errnum)
{
    switch (errnum) {
    case ENOSPC: case EDQUOT: case EFBIG: return COURIER_FULL;
    case EROFS: case EACCES: case EPERM: return COURIER_READONLY;
    case ENOTDIR: case EEXIST: case EISDIR: return COURIER_BLOCKED;
    case ENOENT: case EIO: case ENODEV: case ENXIO: case ESTALE: return COURIER_GONE;
    default: return COURIER_FAILED;
    }
}

static CourierOutcome fail(CourierResult *r, int errnum)
{
    r->outcome = classify(errnum);
    return r->outcome;
}

/* Makes folder path if it is not there; a file in its place is refused (ENOTDIR). */
static int make_folder(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0) return S_ISDIR(st.st_mode) ? 0 : (errno = ENOTDIR, -1);
    if (errno != ENOENT) return -1;
    return mkdir(path, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

/* Removes what a write cut short left behind (NAME.age.tmp), before writing again. */
static void clear_leftovers(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *ent;
    char path[PALLAY_PATH_LEN];
    while (d && (ent = readdir(d))) {
        size_t len = strlen(ent->d_name);
        if (len > 12 && strncmp(ent->d_name, "pallay-", 7) == 0 && strcmp(ent->d_name + len - 8, ".age.tmp") == 0 &&
            text_fmt(path, sizeof path, "%s/%s", dir, ent->d_name) == 0)
            unlink(path);
    }
    if (d) closedir(d);
}

/* Writes one kiosk id's bundle, reads it back, and records the handover. */
static CourierOutcome send_one(const CourierJob *job, Store *s, const Pending *p, long long events_from, const char *dir,
                               CourierResult *r)
{
    BundleRange range = { p->first, p->last, job->content_version ? job->content_version : "", p->kiosk_id, events_from };
    BundleInfo info;
    if (bundle_export(job->db, job->key, job->recipient, &range, dir, &info, &r->e) < 0)
        return fail(r, info.errnum ? info.errnum : 0);
    if (info.records == 0) return COURIER_NOTHING;
    int errnum;
    if (bundle_verify_file(info.path, &job->key->pk, info.hash, &errnum, &r->e) < 0) return fail(r, errnum ? errnum : EIO);
    Handover h = { .first = info.first, .last = info.last, .records = info.records, .events_upto = info.events_upto };
    text_copy(h.kiosk_id, sizeof h.kiosk_id, info.kiosk_id);
    sodium_bin2hex(h.hash, sizeof h.hash, info.hash, sizeof info.hash);
    text_copy(h.receipt, sizeof h.receipt, info.receipt);
    text_copy(h.destination, sizeof h.destination, job->destination);
    if (job->defer) {
        r->handover[r->made] = h;
        text_copy(r->made_path[r->made], sizeof r->made_path[r->made], info.path);
        r->made++;
    } else if (handover_add(s, &h, &r->e) < 0) {
        return fail(r, 0);
    }
    r->bundles++;
    r->records += info.records;
    if (r->bundles == 1 || strcmp(info.kiosk_id, job->key->kiosk_id) == 0) {
        text_copy(r->receipt, sizeof r->receipt, info.receipt);
        text_copy(r->path, sizeof r->path, info.path);
    }
    return COURIER_SENT;
}

CourierOutcome courier_send(const CourierJob *job, const char *dir, CourierResult *r)
{
    memset(r, 0, sizeof *r);
    r->outcome = COURIER_NOTHING;
    if (make_folder(dir) < 0) {
        int errnum = errno;
        err_set(&r->e, "%s: %s", dir, strerror(errnum));
        return fail(r, errnum);
    }
    clear_leftovers(dir);
    Store *s = store_open(job->db, &r->e);
    if (!s) return fail(r, 0);
    /* Her reports waiting to leave become records now, the last ones before this bundle. A
     * failure (the other program holding the database) leaves them waiting for the next one:
     * the records go all the same. */
    Err ve;
    voice_post(s, &ve);
    Pending p[HANDOVER_MAX_KIOSKS];
    int n = handover_pending(s, job->all, p, HANDOVER_MAX_KIOSKS, &r->e);
    long long events_from = handover_events_upto(s);
    if (n < 0) fail(r, 0);
    for (int i = 0; i < n; i++) {
        CourierOutcome o = send_one(job, s, &p[i], events_from, dir, r);
        if (o == COURIER_SENT) r->outcome = COURIER_SENT;
        else if (o != COURIER_NOTHING) break;
    }
    store_close(s);
    return r->outcome;
}

int courier_record(const char *db, CourierResult *r, const char *destination)
{
    Store *s = store_open(db, &r->e);
    if (!s) return -1;
    int rc = 0;
    for (int i = 0; i < r->made && rc == 0; i++) {
        text_copy(r->handover[i].destination, sizeof r->handover[i].destination, destination);
        rc = handover_add(s, &r->handover[i], &r->e);
    }
    store_close(s);
    return rc;
}

CourierOutcome courier_send_to_volume(const CourierJob *job, const char *volume, CourierResult *r)
{
    char top[PALLAY_PATH_LEN], outbox[PALLAY_PATH_LEN];
    memset(r, 0, sizeof *r);
    if (text_fmt(top, sizeof top, "%s/pallay", volume) < 0 || text_fmt(outbox, sizeof outbox, "%s/outbox", top) < 0) {
        err_set(&r->e, "%s: path too long", volume);
        return fail(r, 0);
    }
    if (make_folder(top) < 0) {
        int errnum = errno;
        err_set(&r->e, "%s: %s", top, strerror(errnum));
        return fail(r, errnum);
    }
    return courier_send(job, outbox, r);
}
