/* voices: pallayctl pack-recordings [DIR] [--out FILE]
 * Collects the voices recorded on a kiosk (DIR/var/voice/<lang>/<key>.ogg) into one tar file,
 * so a network can share them: on another kiosk, "tar -xf FILE -C var/voice" puts them in place,
 * where they win over the generated voices. A tar writer is twenty clear lines; no library. */
#include "cli.h"
#include "../base/text.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* One ustar header and the file's bytes, padded to 512. */
static int tar_add(FILE *out, const char *name, const char *path)
{
    size_t len = 0;
    char *data = text_read_file(path, &len);
    if (!data || strlen(name) >= 100) { free(data); return -1; }
    unsigned char h[512] = { 0 };
    memcpy(h, name, strlen(name));
    memcpy(h + 100, "0000644", 7);
    memcpy(h + 108, "0000000", 7);
    memcpy(h + 116, "0000000", 7);
    snprintf((char *)h + 124, 12, "%011o", (unsigned)len);
    snprintf((char *)h + 136, 12, "%011o", 0u);
    h[156] = '0';
    memcpy(h + 257, "ustar", 6);
    memcpy(h + 263, "00", 2);
    memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (int i = 0; i < 512; i++) sum += h[i];
    snprintf((char *)h + 148, 8, "%06o", sum);
    static const unsigned char zero[512];
    int ok = fwrite(h, 1, 512, out) == 512 && fwrite(data, 1, len, out) == len &&
             fwrite(zero, 1, (512 - len % 512) % 512, out) == (512 - len % 512) % 512;
    free(data);
    return ok ? 0 : -1;
}

typedef struct { FILE *out; const char *lang; int n, bad; } Pack;

static void add_voice(const char *path, const char *name, void *ud)
{
    Pack *p = ud;
    if (name[0] == '.') return;     /* a take not kept */
    char entry[PALLAY_PATH_LEN];
    text_fmt(entry, sizeof entry, "%s/%s", p->lang, name);
    if (tar_add(p->out, entry, path) < 0) { fprintf(stderr, "pallayctl: %s: cannot be packed\n", path); p->bad = 1; return; }
    printf("%s\n", entry);
    p->n++;
}

static void add_lang(const char *path, const char *name, void *ud)
{
    Pack *p = ud;
    struct stat st;
    if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode)) return;
    p->lang = name;
    catalog_list_dir(path, ".ogg", add_voice, p);
}

int cmd_pack_recordings(int argc, char **argv)
{
    const char *dir = ".", *out = "recordings.tar";
    int ndir = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) out = argv[++i];
        else if (argv[i][0] == '-') { fprintf(stderr, "pallayctl: unknown option \"%s\"\n", argv[i]); return 2; }
        else if (!ndir++) dir = argv[i];
        else return cli_extra(argv[i]);
    }
    char buf[4][PALLAY_PATH_LEN], tmp[PALLAY_PATH_LEN + 8];
    CatalogPaths paths;
    cli_content_paths(dir, NULL, buf, &paths);
    text_fmt(tmp, sizeof tmp, "%s.part", out);
    Pack p = { fopen(tmp, "wb"), NULL, 0, 0 };
    if (!p.out) { perror(tmp); return 1; }
    catalog_list_dir(paths.recordings, "", add_lang, &p);
    static const unsigned char end[1024];
    if (fwrite(end, 1, sizeof end, p.out) != sizeof end) p.bad = 1;
    if (fclose(p.out) != 0 || p.bad || rename(tmp, out) != 0) {
        remove(tmp);
        fprintf(stderr, "pallayctl: %s: not written\n", out);
        return 1;
    }
    printf("%d recording%s from %s in %s\n", p.n, p.n == 1 ? "" : "s", paths.recordings, out);
    return 0;
}
