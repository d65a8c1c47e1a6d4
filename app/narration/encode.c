/* encode: libvorbis's analysis loop, as in its encoder example, writing pages to a file. */
#include "encode.h"
#include "../base/text.h"
#include "../config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <vorbis/vorbisenc.h>

static int write_page(FILE *f, const ogg_page *og)
{
    return fwrite(og->header, 1, (size_t)og->header_len, f) == (size_t)og->header_len &&
           fwrite(og->body, 1, (size_t)og->body_len, f) == (size_t)og->body_len ? 0 : -1;
}

/* Takes the blocks the analysis has ready and writes their pages. */
static int drain(vorbis_dsp_state *vd, vorbis_block *vb, ogg_stream_state *os, FILE *f)
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

int encode_ogg(const short *pcm, int n, int rate, const char *path, Err *e)
{
    char part[PALLAY_PATH_LEN + 8];
    if (text_fmt(part, sizeof part, "%s.part", path) < 0) return err_set(e, "%s: path too long", path);
    FILE *f = fopen(part, "wb");
    if (!f) return err_set(e, "%s: %s", part, strerror(errno));
    vorbis_info vi;
    vorbis_comment vc;
    vorbis_dsp_state vd;
    vorbis_block vb;
    ogg_stream_state os;
    int rc = -1;
    vorbis_info_init(&vi);
    vorbis_comment_init(&vc);
    if (vorbis_encode_init_vbr(&vi, 1, rate, 0.4f) != 0) {
        err_set(e, "the voice encoder does not take %d Hz", rate);
        vorbis_comment_clear(&vc);
        vorbis_info_clear(&vi);
        fclose(f);
        remove(part);
        return -1;
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
    if (fclose(f) != 0) ok = 0;
    if (!ok) err_set(e, "%s: cannot be written: %s", part, strerror(errno));
    else if (rename(part, path) != 0) err_set(e, "%s: %s", path, strerror(errno));
    else rc = 0;
    if (rc < 0) remove(part);
    return rc;
}
