/* SPDX-License-Identifier: MIT */
/* gif.c - an animated GIF written frame by frame (gif.h). The format is
 * the GIF89a specification: a logical screen with a global colour table,
 * the NETSCAPE2.0 extension for looping, and per frame a graphic control
 * extension (its delay) and an image compressed with variable-width LZW,
 * codes packed from the least significant bit in sub-blocks of at most
 * 255 bytes. */
#include "draw/gif.h"

#include <stdlib.h>
#include <string.h>

enum {
    BINS = 1 << 15,         /* colours at 5 bits a channel */
    FIRST_COLOURS = 191,    /* the sample frames' most used */
    CLEAR_INDEX = 255,      /* transparent: the pixel is as the frame before left it */
    MAX_CODES = 4096,       /* LZW codes are at most 12 bits */
    HASH = 8191,            /* a prime above twice MAX_CODES */
};

struct cs_gif {
    FILE *out;
    int w, h;
    uint8_t palette[256][3];
    int ncolours;
    uint8_t lut[BINS];      /* a 5-bit colour's nearest palette entry */
    uint8_t *index;         /* a frame in palette indexes */
    uint8_t *prev;          /* the frame before, as shown */
    int frames;
    /* LZW */
    int32_t key[HASH];      /* (prefix code << 8 | byte) + 1, 0 empty */
    int16_t code[HASH];
    uint32_t bits;
    int nbits;
    uint8_t block[256];
    int nblock;
};

static int bin_of(uint32_t p)
{
    return (int)(((p >> 19) & 31) << 10 | ((p >> 11) & 31) << 5 | ((p >> 3) & 31));
}

/* The palette: the sample frames' most used colours (each the mean of its
 * bin, most used first, ties by bin), then a 4 x 4 x 4 cube. */
static int make_palette(cs_gif *g, const uint32_t *a, const uint32_t *b, size_t pitch)
{
    uint32_t *count = calloc(BINS, sizeof *count);
    uint64_t(*sum)[3] = calloc(BINS, sizeof *sum);
    if (!count || !sum) {
        free(count);
        free(sum);
        return -1;
    }
    for (const uint32_t *frame = a; frame; frame = frame == a ? b : NULL)
        for (int y = 0; y < g->h; y++) {
            const uint32_t *row = (const uint32_t *)((const char *)frame + (size_t)y * pitch);
            for (int x = 0; x < g->w; x++) {
                const int k = bin_of(row[x]);
                count[k]++;
                sum[k][0] += (row[x] >> 16) & 255;
                sum[k][1] += (row[x] >> 8) & 255;
                sum[k][2] += row[x] & 255;
            }
        }
    for (int k = 0; k < FIRST_COLOURS; k++) {
        int best = -1;
        for (int b = 0; b < BINS; b++)
            if (count[b] && (best < 0 || count[b] > count[best]))
                best = b;
        if (best < 0)
            break;
        for (int c = 0; c < 3; c++)
            g->palette[g->ncolours][c] = (uint8_t)(sum[best][c] / count[best]);
        g->ncolours++;
        count[best] = 0;
    }
    for (int r = 0; r < 4; r++)
        for (int gg = 0; gg < 4; gg++)
            for (int b = 0; b < 4; b++) {
                uint8_t *p = g->palette[g->ncolours++];
                p[0] = (uint8_t)(r * 85);
                p[1] = (uint8_t)(gg * 85);
                p[2] = (uint8_t)(b * 85);
            }
    while (g->ncolours < 256) /* few colours, and the transparent entry: black */
        memset(g->palette[g->ncolours++], 0, 3);
    /* Each bin's nearest entry, by squared distance from the bin's centre. */
    const int usable = FIRST_COLOURS + 64 < CLEAR_INDEX ? FIRST_COLOURS + 64 : CLEAR_INDEX;
    for (int b = 0; b < BINS; b++) {
        const int r = ((b >> 10) & 31) * 8 + 4, gr = ((b >> 5) & 31) * 8 + 4, bl = (b & 31) * 8 + 4;
        int best = 0;
        long best_d = -1;
        for (int k = 0; k < usable; k++) {
            const long dr = r - g->palette[k][0], dg = gr - g->palette[k][1],
                       db = bl - g->palette[k][2];
            const long dist = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
            if (best_d < 0 || dist < best_d) {
                best_d = dist;
                best = k;
            }
        }
        g->lut[b] = (uint8_t)best;
    }
    free(count);
    free(sum);
    return 0;
}

static void put16(FILE *o, int v)
{
    fputc(v & 255, o);
    fputc((v >> 8) & 255, o);
}

cs_gif *cs_gif_begin(FILE *out, int w, int h, const uint32_t *a, const uint32_t *b,
                     size_t pitch)
{
    cs_gif *g = calloc(1, sizeof *g);
    const size_t n = (size_t)w * (size_t)h;
    if (!g || !(g->index = malloc(n ? n : 1)) || !(g->prev = malloc(n ? n : 1))) {
        if (g)
            free(g->index);
        free(g);
        return NULL;
    }
    g->out = out;
    g->w = w;
    g->h = h;
    if (make_palette(g, a, b, pitch)) {
        free(g->index);
        free(g->prev);
        free(g);
        return NULL;
    }
    fputs("GIF89a", out);
    put16(out, w);
    put16(out, h);
    fputc(0xF7, out); /* a global table of 256 colours, 8 bits a channel */
    fputc(0, out);    /* background: entry 0 */
    fputc(0, out);    /* square pixels */
    fwrite(g->palette, 3, 256, out);
    /* Loop forever. */
    static const uint8_t loop[] = {0x21, 0xFF, 11,  'N', 'E', 'T', 'S', 'C', 'A', 'P',
                                   'E',  '2',  '.', '0', 3,   1,   0,   0,   0};
    fwrite(loop, 1, sizeof loop, out);
    return g;
}

/* ---- LZW ---- */

static void flush_block(cs_gif *g)
{
    if (g->nblock) {
        fputc(g->nblock, g->out);
        fwrite(g->block, 1, (size_t)g->nblock, g->out);
        g->nblock = 0;
    }
}

static void emit(cs_gif *g, int code, int width)
{
    g->bits |= (uint32_t)code << g->nbits;
    g->nbits += width;
    while (g->nbits >= 8) {
        g->block[g->nblock++] = (uint8_t)(g->bits & 255);
        g->bits >>= 8;
        g->nbits -= 8;
        if (g->nblock == 255)
            flush_block(g);
    }
}

static void compress(cs_gif *g, const uint8_t *px, size_t n)
{
    enum { CLEAR = 256, END = 257 };
    int width = 9, next = 258;
    memset(g->key, 0, sizeof g->key);
    g->bits = 0;
    g->nbits = 0;
    g->nblock = 0;
    fputc(8, g->out); /* the minimum code size */
    emit(g, CLEAR, width);
    int prefix = px[0];
    for (size_t i = 1; i < n; i++) {
        const int c = px[i];
        const int32_t k = (prefix << 8 | c) + 1;
        size_t h = (size_t)k % HASH;
        while (g->key[h] && g->key[h] != k)
            h = (h + 1) % HASH;
        if (g->key[h] == k) {
            prefix = g->code[h];
            continue;
        }
        emit(g, prefix, width);
        if (next < MAX_CODES) {
            g->key[h] = k;
            g->code[h] = (int16_t)next;
            /* The decoder widens its codes once it has made 2^width. */
            if (next++ == (1 << width) && width < 12)
                width++;
        } else {
            /* The table is full: start again. */
            emit(g, CLEAR, width);
            memset(g->key, 0, sizeof g->key);
            width = 9;
            next = 258;
        }
        prefix = c;
    }
    emit(g, prefix, width);
    emit(g, END, width);
    if (g->nbits)
        emit(g, 0, 8 - g->nbits);
    flush_block(g);
    fputc(0, g->out); /* the block terminator */
}

int cs_gif_frame(cs_gif *g, const uint32_t *pixels, size_t pitch, int delay_cs)
{
    /* After the first frame, a pixel the frame before already shows is
     * left transparent: long runs of one index, which LZW packs to little
     * (a day changes the network and a sliver of each chart). */
    for (int y = 0; y < g->h; y++) {
        const uint32_t *row = (const uint32_t *)((const char *)pixels + (size_t)y * pitch);
        const size_t at = (size_t)y * (size_t)g->w;
        for (int x = 0; x < g->w; x++) {
            const uint8_t k = g->lut[bin_of(row[x])];
            g->index[at + (size_t)x] = g->frames && g->prev[at + (size_t)x] == k ? CLEAR_INDEX : k;
            g->prev[at + (size_t)x] = k;
        }
    }
    g->frames++;
    /* Graphic control: leave the frame in place, the delay, transparent
     * CLEAR_INDEX. */
    static const uint8_t gce[] = {0x21, 0xF9, 4, 0x05};
    fwrite(gce, 1, sizeof gce, g->out);
    put16(g->out, delay_cs);
    fputc(CLEAR_INDEX, g->out);
    fputc(0, g->out);
    /* The image: the whole screen, the global table. */
    fputc(0x2C, g->out);
    put16(g->out, 0);
    put16(g->out, 0);
    put16(g->out, g->w);
    put16(g->out, g->h);
    fputc(0, g->out);
    compress(g, g->index, (size_t)g->w * (size_t)g->h);
    return 0;
}

int cs_gif_end(cs_gif *g)
{
    if (!g)
        return -1;
    fputc(0x3B, g->out);
    const int bad = ferror(g->out) != 0;
    free(g->index);
    free(g->prev);
    free(g);
    return bad ? -1 : 0;
}
