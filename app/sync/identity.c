/* identity: the kiosk key file and the machine it belongs to. The file's first line (the
 * minisign "untrusted comment") says "pallay kiosk <id> machine <fingerprint>"; minisign
 * itself ignores that line, so `minisign -S -s DB.key` still signs with the kiosk's key. */
#include "identity.h"
#include "../base/text.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void identity_key_path(const char *db, char *out, size_t n)
{
    snprintf(out, n, "%s.key", db);
}

/* Reads the first line of a small file, trimmed, into out; "" if it cannot be read. */
static void first_line(const char *path, const char *prefix, char *out, size_t n)
{
    out[0] = '\0';
    FILE *f = fopen(path, "r");
    if (!f) return;
    char line[256];
    while (fgets(line, sizeof line, f)) {
        if (prefix && strncmp(line, prefix, strlen(prefix)) != 0) continue;
        const char *v = prefix ? line + strlen(prefix) : line;
        while (*v == ' ' || *v == '\t' || *v == ':') v++;
        size_t len = strcspn(v, "\r\n");
        /* The device tree's serial ends with a NUL, not a newline. */
        snprintf(out, n, "%.*s", (int)len, v);
        break;
    }
    fclose(f);
}

void identity_machine(const char *machine_id, char out[33])
{
    char id[256], serial[256], cpu[256], text[1024];
    unsigned char h[16];
    first_line(machine_id, NULL, id, sizeof id);
    if (!id[0]) first_line("/var/lib/dbus/machine-id", NULL, id, sizeof id);
    /* A card copied to another board keeps /etc/machine-id; the board's serial does not travel. */
    first_line("/sys/firmware/devicetree/base/serial-number", NULL, serial, sizeof serial);
    first_line("/proc/cpuinfo", "Serial", cpu, sizeof cpu);
    snprintf(text, sizeof text, "pallay machine\nid %s\nserial %s\ncpu %s\n", id, serial, cpu);
    expect(sodium_init() >= 0);
    crypto_generichash(h, sizeof h, (const unsigned char *)text, strlen(text), NULL, 0);
    sodium_bin2hex(out, 33, h, sizeof h);
}

int identity_write_file(const char *path, const char *text, int mode, int replace, Err *e)
{
    char tmp[PALLAY_PATH_LEN + 16];
    if (!replace && access(path, F_OK) == 0) return err_set(e, "%s: already there; not replaced", path);
    if (text_fmt(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid()) < 0) return err_set(e, "%s: path too long", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, mode);
    if (fd < 0) {
        int err = errno;
        err_set(e, "%s: %s", tmp, strerror(err));
        errno = err;
        return -1;
    }
    size_t len = strlen(text), done = 0;
    while (done < len) {
        ssize_t w = write(fd, text + done, len - done);
        if (w <= 0) break;
        done += (size_t)w;
    }
    int ok = done == len && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    /* link, unlike rename, refuses to replace a file that appeared meanwhile; a file system
     * without links (a FAT stick) gets the check above and a rename. */
    if (ok && !replace) {
        ok = link(tmp, path) == 0;
        if (!ok && (errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP)) ok = rename(tmp, path) == 0;
    } else if (ok) {
        ok = rename(tmp, path) == 0;
    }
    int err = errno;
    unlink(tmp);
    if (!ok) {
        err_set(e, "%s: %s", path, strerror(err));
        errno = err;    /* for a caller that tells a full disk from a read-only one */
        return -1;
    }
    /* The rename itself must reach the disk: sync the folder. */
    char dir[PALLAY_PATH_LEN];
    text_copy(dir, sizeof dir, path);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = '\0';
    int dfd = open(slash ? (dir[0] ? dir : "/") : ".", O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return 0;
}

/* Makes a new key for the store's kiosk id on this machine and saves it (over any old file if
 * replace). */
static int make_key(const char *path, const char *kiosk_id, const char *machine, KioskKey *k, int replace, Err *e)
{
    char comment[160], text[MINISIGN_TEXT];
    minisign_keygen(&k->sk, &k->pk);
    text_copy(k->kiosk_id, sizeof k->kiosk_id, kiosk_id);
    snprintf(comment, sizeof comment, "pallay kiosk %s machine %s", kiosk_id, machine);
    expect(minisign_secret_format(&k->sk, comment, text, sizeof text) == 0);
    int rc = identity_write_file(path, text, 0600, replace, e);
    sodium_memzero(text, sizeof text);
    return rc;
}

int identity_open(Store *s, const char *db, const char *machine_id, KioskKey *k, char old_id[37], Err *e)
{
    char path[PALLAY_PATH_LEN], machine[33], file_kiosk[64] = "", file_machine[64] = "";
    size_t len = 0;
    Err sub;
    memset(k, 0, sizeof *k);
    old_id[0] = '\0';
    identity_key_path(db, path, sizeof path);
    identity_machine(machine_id, machine);
    char *text = text_read_file(path, &len);
    if (!text) {
        if (errno != ENOENT) return err_set(e, "%s: %s", path, strerror(errno));
        /* The kiosk and pallayctl may both start on a new database: the first key written wins,
         * and the other program reads it. */
        if (make_key(path, store_kiosk_id(s), machine, k, 0, e) == 0) return IDENTITY_MADE;
        if (!text_file_exists(path)) return -1;
        return identity_open(s, db, machine_id, k, old_id, e);
    }
    int parsed = sscanf(text, "untrusted comment: pallay kiosk %63s machine %63s", file_kiosk, file_machine) == 2 &&
                 minisign_secret_parse(text, &k->sk, &sub) == 0;
    sodium_memzero(text, len);
    free(text);
    if (parsed && strcmp(file_machine, machine) == 0) {
        minisign_public_of(&k->sk, &k->pk);
        text_copy(k->kiosk_id, sizeof k->kiosk_id, store_kiosk_id(s));
        /* The database was replaced (a damaged one set aside): its new id needs its own key. */
        if (strcmp(file_kiosk, store_kiosk_id(s)) != 0) return make_key(path, store_kiosk_id(s), machine, k, 1, e) < 0 ? -1 : IDENTITY_MADE;
        return IDENTITY_LOADED;
    }
    /* Another machine, or a key file nobody can read: this kiosk cannot go on signing as the
     * one before, so it takes a new id. Its earlier records keep the id they were made under. */
    text_copy(old_id, 37, store_kiosk_id(s));
    if (store_renew_kiosk_id(s, e) < 0) {
        old_id[0] = '\0';
        return -1;
    }
    return make_key(path, store_kiosk_id(s), machine, k, 1, e) < 0 ? -1 : IDENTITY_MOVED;
}

void identity_close(KioskKey *k)
{
    sodium_memzero(k, sizeof *k);
}
