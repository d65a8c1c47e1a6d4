/* install: unpack, check, switch with one rename, keep one rollback. */
#include "install.h"
#include "../base/text.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define INCOMING ".incoming.pack"
#define SUBDIRS  { "assets", "locales", "generated" }

/* Test hook: PALLAY_TEST_KILL_STEP=N kills the process at its Nth step (a file written, an fsync,
 * a rename), so a test can stop an install at every kind of point. */
static void step(void)
{
#ifdef PALLAY_TEST_HOOKS
    static long n = 0, at = -1;
    if (at < 0) {
        const char *s = getenv("PALLAY_TEST_KILL_STEP");
        at = s ? atol(s) : 0;
    }
    if (++n == at) raise(SIGKILL);
    if (at > 0 && getenv("PALLAY_TEST_STEPS")) {
        FILE *f = fopen(getenv("PALLAY_TEST_STEPS"), "w");
        if (f) { fprintf(f, "%ld\n", n); fclose(f); }
    }
#endif
}

static int fsync_path(const char *path, int flags)
{
    int fd = open(path, flags | O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    int rc = fsync(fd);
    close(fd);
    step();
    return rc;
}

/* Removes a tree this module made (plain files and folders only; a link is removed, not followed). */
static void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *de;
        while (d && (de = readdir(d))) {
            if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
            char sub[PALLAY_PATH_LEN];
            if (text_fmt(sub, sizeof sub, "%s/%s", path, de->d_name) == 0) remove_tree(sub);
        }
        if (d) closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* 1 if name is a course folder as install_pack names them: v<version>-<8 hex digits>. */
static int course_name(const char *name)
{
    const char *p = name + 1;
    if (name[0] != 'v' || !(*p >= '0' && *p <= '9')) return 0;
    while (*p >= '0' && *p <= '9') p++;
    if (*p++ != '-' || strlen(p) != 8) return 0;
    for (; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'))) return 0;
    return 1;
}

/* The folder name a link in content_dir points to ("" if none, or not one of ours). */
static void link_target(const char *dir, const char *name, char *out, size_t n)
{
    char path[PALLAY_PATH_LEN];
    text_fmt(path, sizeof path, "%s/%s", dir, name);
    ssize_t len = readlink(path, out, n - 1);
    out[len > 0 ? len : 0] = '\0';
    if (!course_name(out)) out[0] = '\0';
}

/* Removes what an earlier install left: half-made folders, temporary links, an incoming pack.
 * Only names this module makes are touched; current and previous stay. */
static void sweep(const char *dir)
{
    char cur[PALLAY_NAME_LEN], prev[PALLAY_NAME_LEN];
    link_target(dir, "current", cur, sizeof cur);
    link_target(dir, "previous", prev, sizeof prev);
    DIR *d = opendir(dir);
    struct dirent *de;
    while (d && (de = readdir(d))) {
        const char *n = de->d_name;
        int ours = course_name(n) || strncmp(n, INCOMING, strlen(INCOMING)) == 0 || strcmp(n, "current.tmp") == 0 ||
                   strcmp(n, "previous.tmp") == 0;
        if (!ours || strcmp(n, cur) == 0 || strcmp(n, prev) == 0) continue;
        char path[PALLAY_PATH_LEN];
        if (text_fmt(path, sizeof path, "%s/%s", dir, n) == 0) remove_tree(path);
    }
    if (d) closedir(d);
}

/* Points content_dir/name at target (a folder name, or "" to remove the link) with one rename. */
static int relink(const char *dir, const char *name, const char *target, Err *e)
{
    char path[PALLAY_PATH_LEN], tmp[PALLAY_PATH_LEN];
    text_fmt(path, sizeof path, "%s/%s", dir, name);
    text_fmt(tmp, sizeof tmp, "%s/%s.tmp", dir, name);
    if (!target[0]) {
        if (unlink(path) != 0 && errno != ENOENT) return err_set(e, "%s: %s", path, strerror(errno));
    } else {
        unlink(tmp);
        if (symlink(target, tmp) != 0) return err_set(e, "%s: %s", tmp, strerror(errno));
        step();
        if (rename(tmp, path) != 0) return err_set(e, "%s: %s", path, strerror(errno));
    }
    step();
    if (fsync_path(dir, O_DIRECTORY) != 0) return err_set(e, "%s: cannot be synced: %s", dir, strerror(errno));
    return 0;
}

/* Copies src to dst, at most limit bytes (-2 if src holds more); fsynced if sync. */
static int copy_file(const char *src, const char *dst, long long limit, int sync, Err *e)
{
    int in = open(src, O_RDONLY | O_CLOEXEC), out = -1, rc = -1;
    struct stat st;
    if (in < 0 || fstat(in, &st) != 0 || !S_ISREG(st.st_mode)) { err_set(e, "%s: %s", src, in < 0 ? strerror(errno) : "not a plain file"); goto done; }
    if (st.st_size > limit) { rc = -2; goto done; }
    unlink(dst);
    out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (out < 0) { err_set(e, "%s: %s", dst, strerror(errno)); goto done; }
    char buf[65536];
    ssize_t n;
    long long total = 0;
    while ((n = read(in, buf, sizeof buf)) > 0) {
        if ((total += n) > limit) { rc = -2; goto done; }
        if (write(out, buf, (size_t)n) != n) { err_set(e, "%s: %s", dst, strerror(errno)); goto done; }
    }
    if (n < 0) { err_set(e, "%s: %s", src, strerror(errno)); goto done; }
    if (sync && fsync(out) != 0) { err_set(e, "%s: cannot be synced: %s", dst, strerror(errno)); goto done; }
    rc = 0;
done:
    if (in >= 0) close(in);
    if (out >= 0 && close(out) != 0 && rc == 0) rc = err_set(e, "%s: %s", dst, strerror(errno));
    return rc;
}

/* Copies every plain file of the tree src into dst: the course a voice pack lies over. An
 * installed course's files are linked instead (same file system): nothing ever writes them in
 * place (a pack's file is unlinked first), so a shared link never changes the older course. The
 * shipped course is copied: someone may edit it in place. */
static int copy_tree(const char *src, const char *dst, int may_link, int depth, Err *e)
{
    if (depth > 16) return err_set(e, "%s: folders nested too deep", src);
    if (mkdir(dst, 0755) != 0 && errno != EEXIST) return err_set(e, "%s: %s", dst, strerror(errno));
    DIR *d = opendir(src);
    if (!d) return err_set(e, "%s: %s", src, strerror(errno));
    struct dirent *de;
    int rc = 0;
    while (rc == 0 && (de = readdir(d))) {
        if (de->d_name[0] == '.') continue;
        char s[PALLAY_PATH_LEN], t[PALLAY_PATH_LEN];
        struct stat st;
        if (text_fmt(s, sizeof s, "%s/%s", src, de->d_name) < 0 || text_fmt(t, sizeof t, "%s/%s", dst, de->d_name) < 0 || lstat(s, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) rc = copy_tree(s, t, may_link, depth + 1, e);
        else if (S_ISREG(st.st_mode) && !(may_link && link(s, t) == 0) && copy_file(s, t, (long long)st.st_size, 1, e) != 0) rc = -1;
        else if (S_ISREG(st.st_mode)) step();
    }
    closedir(d);
    return rc;
}

/* fsyncs every folder of a tree (the files were fsynced as they were written). */
static int sync_tree(const char *dir, int depth)
{
    if (depth > 16) return -1;
    DIR *d = opendir(dir);
    if (!d) return -1;
    struct dirent *de;
    int rc = 0;
    while (rc == 0 && (de = readdir(d))) {
        if (de->d_name[0] == '.' || de->d_type != DT_DIR) continue;
        char sub[PALLAY_PATH_LEN];
        if (text_fmt(sub, sizeof sub, "%s/%s", dir, de->d_name) == 0) rc = sync_tree(sub, depth + 1);
    }
    closedir(d);
    return rc == 0 ? fsync_path(dir, O_DIRECTORY) : -1;
}

typedef struct { const char *root; } Unpack;

/* Writes one file of the pack under the new folder, making its folders; fsynced before the next. */
static int unpack_file(const char *name, const unsigned char *data, size_t n, void *ud, Err *e)
{
    Unpack *u = ud;
    char path[PALLAY_PATH_LEN];
    if (text_fmt(path, sizeof path, "%s/%s", u->root, name) < 0) return err_set(e, "%s/%s: path too long", u->root, name);
    /* The pack's paths were checked (no "..", no "/" at the start), so every folder is inside root. */
    for (char *s = path + strlen(u->root) + 1; (s = strchr(s, '/')); s++) {
        *s = '\0';
        struct stat st;
        int ok = mkdir(path, 0755) == 0 || (errno == EEXIST && lstat(path, &st) == 0 && S_ISDIR(st.st_mode));
        *s = '/';
        if (!ok) return err_set(e, "\"%s\": a file where its folder should be", name);
    }
    unlink(path);   /* a voice pack's file over a linked one: never write through the link */
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) return err_set(e, "%s: %s", path, strerror(errno));
    size_t done = 0;
    while (done < n) {
        ssize_t w = write(fd, data + done, n - done);
        if (w <= 0) { close(fd); return err_set(e, "%s: %s", path, w < 0 ? strerror(errno) : "not written"); }
        done += (size_t)w;
    }
    int ok = fsync(fd) == 0;
    if (close(fd) != 0 || !ok) return err_set(e, "%s: cannot be synced: %s", path, strerror(errno));
    step();
    return 0;
}

static void paths_of(const char *dir, char (*buf)[PALLAY_PATH_LEN], CatalogPaths *p)
{
    static const char *const SUB[] = SUBDIRS;
    for (int i = 0; i < 3; i++) text_fmt(buf[i], PALLAY_PATH_LEN, "%s/%s", dir, SUB[i]);
    *p = (CatalogPaths){ buf[0], buf[1], buf[2], NULL };
}

int install_current(const char *content_dir, char (*buf)[PALLAY_PATH_LEN], CatalogPaths *paths, long long *version, Err *e)
{
    char name[PALLAY_NAME_LEN], dir[PALLAY_PATH_LEN], file[PALLAY_PATH_LEN];
    *version = 0;
    if (!content_dir || !content_dir[0]) return 0;
    link_target(content_dir, "current", name, sizeof name);
    if (!name[0]) return 0;
    text_fmt(dir, sizeof dir, "%s/%s", content_dir, name);
    text_fmt(file, sizeof file, "%s/PACK", dir);
    char *text = text_read_file(file, NULL);
    long long v = 0;
    if (!text || sscanf(text, "version %lld", &v) != 1 || v <= 0) {
        free(text);
        return err_set(e, "%s: the installed course has no PACK file", dir);
    }
    free(text);
    *version = v;
    paths_of(dir, buf, paths);
    return 1;
}

static InstallOutcome refuse(InstallResult *r, PackFault f)
{
    r->outcome = INSTALL_REFUSED;
    if (r->fault == PACK_OK) r->fault = f;
    return r->outcome;
}

InstallOutcome install_pack(const InstallConfig *c, const char *file, InstallResult *r)
{
    memset(r, 0, sizeof *r);
    Err *e = &r->e;
    char lock[PALLAY_PATH_LEN], incoming[PALLAY_PATH_LEN], sig[PALLAY_PATH_LEN + 16], src_sig[PALLAY_PATH_LEN + 16];
    char newname[PALLAY_NAME_LEN], newdir[PALLAY_PATH_LEN] = "", cur[PALLAY_NAME_LEN], buf[3][PALLAY_PATH_LEN];
    CatalogPaths paths;
    Pack *p = NULL;
    int lockfd = -1;
    if (mkdir(c->content_dir, 0755) != 0 && errno != EEXIST) {
        err_set(e, "%s: %s", c->content_dir, strerror(errno));
        return refuse(r, PACK_IO);
    }
    text_fmt(lock, sizeof lock, "%s/.lock", c->content_dir);
    text_fmt(incoming, sizeof incoming, "%s/" INCOMING, c->content_dir);
    text_fmt(sig, sizeof sig, "%s.minisig", incoming);
    text_fmt(src_sig, sizeof src_sig, "%s.minisig", file);
    lockfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lockfd < 0 || flock(lockfd, LOCK_EX | LOCK_NB) != 0) {
        if (lockfd >= 0) close(lockfd);
        err_set(e, "%s: another install is under way", c->content_dir);
        return refuse(r, PACK_IO);
    }
    sweep(c->content_dir);
    if (install_current(c->content_dir, buf, &paths, &r->before, e) < 0) r->before = 0;
    /* A copy of our own: the stick's file could change between the check and the unpacking. */
    int got = copy_file(file, incoming, c->limits.max_total + (16 << 20), 0, e);
    if (got == -2) { err_set(e, "over %lld bytes, the limit for a pack", c->limits.max_total); refuse(r, PACK_TOO_BIG); goto done; }
    if (got < 0) { refuse(r, PACK_IO); goto done; }
    if (access(src_sig, F_OK) != 0) {
        err_set(e, "unsigned: no %s beside it", src_sig);
        refuse(r, PACK_UNSIGNED);
        goto done;
    }
    if (copy_file(src_sig, sig, MINISIGN_TEXT + MINISIGN_COMMENT, 0, e) != 0) {
        err_set(e, "bad signature: %s is not a signature file", src_sig);
        refuse(r, PACK_SIGNATURE);
        goto done;
    }
    if (pack_verify(incoming, c->key, &r->fault, e) < 0) { refuse(r, PACK_SIGNATURE); goto done; }
    if (!(p = pack_open(incoming, &c->limits, &r->info, &r->fault, e))) { refuse(r, PACK_NOT_A_PACK); goto done; }
    if (r->info.version == r->before) { r->outcome = INSTALL_ALREADY; goto done; }
    if (r->info.version < r->before) {
        err_set(e, "version %lld is older than the course in use (version %lld)", r->info.version, r->before);
        refuse(r, PACK_OLDER);
        goto done;
    }
    unsigned char rnd[4];
    randombytes_buf(rnd, sizeof rnd);
    text_fmt(newname, sizeof newname, "v%lld-%02x%02x%02x%02x", r->info.version, rnd[0], rnd[1], rnd[2], rnd[3]);
    text_fmt(newdir, sizeof newdir, "%s/%s", c->content_dir, newname);
    if (mkdir(newdir, 0755) != 0) { err_set(e, "%s: %s", newdir, strerror(errno)); refuse(r, PACK_IO); goto done; }
    paths_of(newdir, buf, &paths);
    if (strcmp(r->info.kind, "voices") == 0) {
        /* Recordings over the course in use: that course first, then the pack's files. */
        char cbuf[3][PALLAY_PATH_LEN];
        CatalogPaths now = c->base;
        Err ignored;
        int installed = install_current(c->content_dir, cbuf, &now, &(long long){ 0 }, &ignored) > 0;
        if (!installed) now = c->base;
        if (copy_tree(now.assets, paths.assets, installed, 0, e) < 0 || copy_tree(now.locales, paths.locales, installed, 0, e) < 0 ||
            copy_tree(now.generated, paths.generated, installed, 0, e) < 0) {
            refuse(r, PACK_IO);
            goto done;
        }
    }
    Unpack u = { newdir };
    if (pack_each(p, unpack_file, &u, &r->fault, e) < 0) { refuse(r, PACK_IO); goto done; }
    for (int i = 0; i < 3; i++) mkdir(buf[i], 0755);   /* a pack without locales/ is caught by the check, not by a missing folder */
    if (sync_tree(newdir, 0) != 0) { err_set(e, "%s: cannot be synced", newdir); refuse(r, PACK_IO); goto done; }
    Err first = { "" };
    int (*check)(const CatalogPaths *, Err *, void *) = c->check;
#ifdef PALLAY_TEST_HOOKS
    /* The kill test stops installs hundreds of times; the check reads only, before the switch. */
    if (getenv("PALLAY_TEST_NO_CHECK")) check = NULL;
#endif
    int problems = check ? check(&paths, &first, c->check_ud) : 0;
    if (problems) {
        err_set(e, "check-content found %d problem%s: %s", problems, problems == 1 ? "" : "s", first.msg);
        refuse(r, PACK_CHECK);
        goto done;
    }
    /* PACK last: a folder with it is whole. */
    char packfile[PALLAY_PATH_LEN], text[256];
    text_fmt(packfile, sizeof packfile, "%s/PACK", newdir);
    text_fmt(text, sizeof text, "version %lld\nkind %s\nfiles %d\nbytes %lld\n", r->info.version, r->info.kind, r->info.files, r->info.bytes);
    FILE *f = fopen(packfile, "wx");
    int ok = f && fputs(text, f) >= 0 && fflush(f) == 0 && fsync(fileno(f)) == 0;
    if (f && fclose(f) != 0) ok = 0;
    step();
    if (!ok || fsync_path(newdir, O_DIRECTORY) != 0) { err_set(e, "%s: cannot be written", packfile); refuse(r, PACK_IO); goto done; }
    /* The switch: one rename. Before it the old course is in use, after it the new one, whole. */
    link_target(c->content_dir, "current", cur, sizeof cur);
    if (relink(c->content_dir, "current", newname, e) < 0) { refuse(r, PACK_IO); goto done; }
    newdir[0] = '\0';   /* in use now: not removed below */
    relink(c->content_dir, "previous", cur, e);
    sweep(c->content_dir);
    r->outcome = INSTALL_DONE;
done:
    pack_close(p);
    if (newdir[0]) remove_tree(newdir);
    unlink(incoming);
    unlink(sig);
    flock(lockfd, LOCK_UN);
    close(lockfd);
    return r->outcome;
}

int install_rollback(const char *content_dir, Err *e)
{
    char cur[PALLAY_NAME_LEN], prev[PALLAY_NAME_LEN];
    link_target(content_dir, "current", cur, sizeof cur);
    link_target(content_dir, "previous", prev, sizeof prev);
    if (!cur[0] && !prev[0]) return err_set(e, "%s: no installed course to go back from", content_dir);
    if (relink(content_dir, "current", prev, e) < 0) return -1;
    return relink(content_dir, "previous", cur, e);
}
