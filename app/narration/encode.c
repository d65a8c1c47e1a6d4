/* encode: libvorbis's analysis loop, as in its encoder example, writing pages to a file or to memory. */
#include "encode.h"
#include "../base/text.h"
#include "../config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vorbis/vorbisenc.h>

/* Where pages go: a file, or a buffer in memory allocated once at its largest size. */
typedef struct {
    FILE *f;
    unsigned char *buf;
    size_t n, cap;
} Sink;

static int put(Sink *k, const unsigned char *p, long len)
{
    if (k->f) return fwrite(p, 1, (size_t)len, k->f) == (size_t)len ? 0 : -1;
    if ((size_t)len > k->cap - k->n) return -1;
    memcpy(k->buf + k->n, p, (size_t)len);
    k->n += (size_t)len;
    return 0;
}

static int write_page(Sink *k, const ogg_page *og)
{
    return put(k, og->header, og->header_len) == 0 && put(k, og->body, og->body_len) == 0 ? 0 : -1;
}

/* Takes the blocks the analysis has ready and writes their pages. */
static int drain(vorbis_dsp_state *vd, vorbis_block *vb, ogg_stream_state *os, Sink *f)
{
    ogg_packet op;
    ogg_page og;
    while (vorbis_analysis_blockout(vd, vb) == 1) {
        vorbis_analysis(vb, NULL);
        vorbis_bitrate_addblock(vb);
        while (vorbis_bitrate_flushpacket(vd, &op)) {
            ogg_stream_packetin(os, &op);
            while (ogg_stream_pageout(os, &og))
                if (write_page(f, &og) < 0) return -1;
        }
    }
    return 0;
}

/* Encodes n samples into k. -1 (with e) if the encoder refuses the rate or a page cannot be put. */
static int encode(const short *pcm, int n, int rate, Sink *f, Err *e)
{
    vorbis_info vi;
    vorbis_comment vc;
    vorbis_dsp_state vd;
    vorbis_block vb;
    ogg_stream_state os;
    vorbis_info_init(&vi);
    vorbis_comment_init(&vc);
    if (vorbis_encode_init_vbr(&vi, 1, rate, 0.4f) != 0) {
        vorbis_comment_clear(&vc);
        vorbis_info_clear(&vi);
        return err_set(e, "the voice encoder does not take %d Hz", rate);
    }
    vorbis_comment_add_tag(&vc, "ENCODER", "Pallay community recording");
    vorbis_analysis_init(&vd, &vi);
    vorbis_block_init(&vd, &vb);
    ogg_stream_init(&os, (int)(n ^ rate ^ 0x5a11a7));
    ogg_packet h, hc, hcode;
    ogg_page og;
    vorbis_analysis_headerout(&vd, &vc, &h, &hc, &hcode);
    ogg_stream_packetin(&os, &h);
    ogg_stream_packetin(&os, &hc);
    ogg_stream_packetin(&os, &hcode);
    int ok = 1;
    while (ok && ogg_stream_flush(&os, &og)) ok = write_page(f, &og) == 0;
    for (int at = 0; ok && at < n; at += 1024) {
        int chunk = n - at < 1024 ? n - at : 1024;
        float **buf = vorbis_analysis_buffer(&vd, chunk);
        for (int i = 0; i < chunk; i++) buf[0][i] = (float)pcm[at + i] / 32768.0f;
        vorbis_analysis_wrote(&vd, chunk);
        ok = drain(&vd, &vb, &os, f) == 0;
    }
    if (ok) {
        vorbis_analysis_wrote(&vd, 0);  /* the end of the stream */
        ok = drain(&vd, &vb, &os, f) == 0;
        while (ok && ogg_stream_flush(&os, &og)) ok = write_page(f, &og) == 0;
    }
    ogg_stream_clear(&os);
    vorbis_block_clear(&vb);
    vorbis_dsp_clear(&vd);
    vorbis_comment_clear(&vc);
    vorbis_info_clear(&vi);
    return ok ? 0 : err_set(e, "the recording cannot be encoded");
}

int encode_ogg(const short *pcm, int n, int rate, const char *path, Err *e)
{
    char part[PALLAY_PATH_LEN + 8];
    if (text_fmt(part, sizeof part, "%s.part", path) < 0) return err_set(e, "%s: path too long", path);
    Sink k = { .f = fopen(part, "wb") };
    if (!k.f) return err_set(e, "%s: %s", part, strerror(errno));
    int rc = encode(pcm, n, rate, &k, e);
    if (fclose(k.f) != 0 && rc == 0) rc = err_set(e, "%s: cannot be written: %s", part, strerror(errno));
    else if (rc < 0 && errno) err_set(e, "%s: cannot be written: %s", part, strerror(errno));
    if (rc == 0 && rename(part, path) != 0) rc = err_set(e, "%s: %s", path, strerror(errno));
    if (rc < 0) remove(part);
    return rc;
}

int encode_ogg_memory(const short *pcm, int n, int rate, unsigned char **out, size_t *size, Err *e)
{
    /* Vorbis at this quality takes far fewer bytes than the samples it encodes; its three
     * headers fit in 64 KiB. */
    Sink k = { .cap = (size_t)n * sizeof *pcm + 65536 };
    if (!(k.buf = malloc(k.cap))) return err_set(e, "no memory to encode a recording");
    if (encode(pcm, n, rate, &k, e) < 0) {
        explicit_bzero(k.buf, k.cap);
        free(k.buf);
        return -1;
    }
    *out = k.buf;
    *size = k.n;
    return 0;
}
