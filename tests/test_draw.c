/* SPDX-License-Identifier: MIT */
/* test_draw.c - the drawing library: short numbers and axis ticks (pure
 * rules), fonts found through fontconfig (Chinese through the CJK fallback,
 * not boxes), and a chart drawn offscreen, checked pixel by pixel. */
#define _GNU_SOURCE /* memmem, open_memstream */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_image.h>

#include "draw/canvas.h"
#include "draw/draw.h"
#include "draw/format.h"
#include "draw/gif.h"
#include "draw/pdf.h"
#include "draw/plot.h"
#include "draw/text.h"

static void test_format_short(void **state)
{
    (void)state;
    static const struct {
        double v;
        const char *want;
    } cases[] = {
        {0, "0"},         {950, "950"},     {1000, "1k"},      {1200, "1.2k"},
        {35000, "35k"},   {35400, "35.4k"}, {999950, "1M"},    {1.2e6, "1.2M"},
        {3.4e9, "3.4B"},  {-1500, "-1.5k"}, {0.25, "0.25"},    {0.0031, "0.0031"},
        {12.5, "12.5"},   {2.75, "2.75"},   {100, "100"},      {NAN, "n/a"},
        {250000, "250k"}, {1.5e12, "1.5T"}, {-0.0, "0"},
    };
    char buf[32];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cs_format_short(cases[i].v, 3, buf, sizeof buf);
        if (strcmp(buf, cases[i].want) != 0)
            fail_msg("%g: got '%s', want '%s'", cases[i].v, buf, cases[i].want);
    }
}

/* Ticks are 1, 2 or 5 times a power of ten, evenly spaced, cover the data
 * when widened, and never exceed the count asked for. */
static void test_nice_ticks(void **state)
{
    (void)state;
    double t[8], lo, hi;
    int n = cs_nice_ticks(0, 365, 6, t, &lo, &hi);
    assert_int_equal(n, 5);
    assert_true(t[0] == 0 && t[1] == 100 && t[4] == 400 && lo == 0 && hi == 400);
    n = cs_nice_ticks(0.1, 0.9, 6, t, NULL, NULL); /* step 0.2, inside the data */
    assert_int_equal(n, 4);
    assert_true(fabs(t[0] - 0.2) < 1e-12 && fabs(t[3] - 0.8) < 1e-12);
    assert_true(t[2] == 0.6); /* rounded, not 0.6000000000000001 */
    n = cs_nice_ticks(5, 5, 5, t, &lo, &hi); /* flat: a range around it */
    assert_true(n >= 2 && lo <= 5 && hi >= 5 && lo < hi);
    /* Many ranges: the properties hold. */
    for (int k = 0; k < 200; k++) {
        double a = pow(10, (k % 13) - 4) * (1 + k % 7), b = a * (1.1 + (k % 11));
        for (int max = 3; max <= 7; max++) {
            n = cs_nice_ticks(a, b, max, t, &lo, &hi);
            assert_true(n >= 2 && n <= max);
            assert_true(lo <= a * (1 + 1e-9) && hi >= b * (1 - 1e-9)); /* to rounding */
            double step = t[1] - t[0];
            double m = step / pow(10, floor(log10(step) + 1e-9));
            assert_true(fabs(m - 1) < 1e-6 || fabs(m - 2) < 1e-6 || fabs(m - 5) < 1e-6);
            for (int i = 2; i < n; i++)
                assert_true(fabs(t[i] - t[i - 1] - step) < step * 1e-6);
        }
    }
}

static SDL_Color px(SDL_Surface *s, int x, int y)
{
    Uint32 v = ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x];
    SDL_Color c;
    SDL_GetRGBA(v, s->format, &c.r, &c.g, &c.b, &c.a);
    return c;
}

static int near(SDL_Color a, SDL_Color b) { return abs(a.r - b.r) + abs(a.g - b.g) + abs(a.b - b.b) < 40; }

/* Pixels of colour c in columns [x0, x1) of s. */
static int count_in(SDL_Surface *s, int x0, int x1, int y0, int y1, SDL_Color c)
{
    int n = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            n += near(px(s, x, y), c);
    return n;
}

static void test_text_and_cjk(void **state)
{
    (void)state;
    cs_diag d;
    cs_diag_init(&d, stderr);
    cs_fonts f;
    assert_int_equal(cs_fonts_open(&f, 1, &d), 0);
    assert_non_null(f.cjk_path); /* the set-up script installs one */
    assert_true(cs_text_width(&f, CS_TEXT_NORMAL, "GMV") > 10);
    /* Chinese comes from the CJK font: each glyph as wide as a square
     * character, where the main font would draw narrower boxes. */
    int w = cs_text_width(&f, CS_TEXT_NORMAL, "兴趣圈");
    assert_true(w >= 3 * 12);
    cs_canvas c;
    assert_int_equal(cs_canvas_create(&c, 200, 40), 0);
    SDL_Color white = {255, 255, 255, 255}, black = {0, 0, 0, 255};
    cs_canvas_clear(&c, white);
    cs_text_draw(c.renderer, &f, CS_TEXT_LARGE, 4, 4, CS_ALIGN_LEFT, black, "兴趣圈");
    SDL_RenderPresent(c.renderer);
    /* A glyph has strokes inside it (a box is an empty outline): the
     * middle row of the first character crosses ink more than twice. */
    int changes = 0, ink = 0;
    for (int y = 4; y < 30; y++) {
        int prev = 0;
        for (int x = 4; x < 4 + 19; x++) {
            int on = near(px(c.surface, x, y), black) || px(c.surface, x, y).r < 128;
            ink += on;
            changes += on != prev;
            prev = on;
        }
    }
    assert_true(ink > 20);
    assert_true(changes > 30);
    cs_canvas_destroy(&c);
    cs_fonts_close(&f);
}

/* A rising series drawn in its colour: the line's pixels rise from left to
 * right inside the plot, and the legend has its swatch. */
static void test_plot_pixels(void **state)
{
    (void)state;
    cs_diag d;
    cs_diag_init(&d, stderr);
    cs_fonts f;
    assert_int_equal(cs_fonts_open(&f, 1, &d), 0);
    cs_canvas c;
    assert_int_equal(cs_canvas_create(&c, 480, 300), 0);
    cs_style st = {1, {255, 255, 255, 255}, {30, 30, 30, 255}, {225, 225, 225, 255},
                   {250, 250, 250, 255}, 0};
    cs_canvas_clear(&c, st.background);
    double x[100], y[100];
    for (int i = 0; i < 100; i++) {
        x[i] = i + 1;
        y[i] = 1000.0 * (i + 1) * (i + 1);
    }
    SDL_Color orange = cs_okabe_ito[1];
    cs_series s = {"GMV", x, y, NULL, NULL, 100, orange, 0, 0, 0};
    double marker = 50;
    cs_plot p = {"cumulative GMV", "days", "yuan", &s, 1, &marker, 1, NAN, NAN, 1, 0, NULL, 0};
    cs_plot_draw(c.renderer, &f, &st, (SDL_Rect){0, 0, 480, 300}, &p);
    SDL_RenderPresent(c.renderer);
    /* Mean height of the line's pixels per third of the width. */
    double mean_y[3] = {0};
    int count[3] = {0};
    for (int xx = 60; xx < 470; xx++)
        for (int yy = 30; yy < 250; yy++)
            if (near(px(c.surface, xx, yy), orange)) {
                int third = (xx - 60) * 3 / 410;
                mean_y[third] += yy;
                count[third]++;
            }
    for (int t = 0; t < 3; t++) {
        assert_true(count[t] > 10);
        mean_y[t] /= count[t];
    }
    assert_true(mean_y[0] > mean_y[1] && mean_y[1] > mean_y[2]); /* screen y falls: rises */
    /* The legend's swatch, bottom left, and text beside it. */
    assert_true(count_in(c.surface, 0, 200, 270, 300, orange) >= 40);
    assert_true(count_in(c.surface, 0, 200, 270, 300, st.ink) > 10);
    assert_int_equal(cs_canvas_save_png(&c, "test_draw_plot.png", &d), 0);
    cs_canvas_destroy(&c);
    cs_fonts_close(&f);
}

/* ---- a GIF reader, written from the GIF89a specification, to read back
 * what gif.c writes ---- */

typedef struct gif_in {
    const uint8_t *p, *end;
    int w, h, frames, delay[8], transparent[8];
    uint8_t palette[256][3];
    uint8_t *screen; /* palette indexes, as shown after each frame */
} gif_in;

static int u16(const uint8_t *p) { return p[0] | p[1] << 8; }

/* Decodes one image's LZW data onto the screen (transparent index t: the
 * pixel is left as it was). Returns 0, or -1 on a malformed stream. */
static int lzw_decode(gif_in *g, int t)
{
    const int min = *g->p++;
    uint8_t data[1 << 20];
    size_t n = 0;
    while (g->p < g->end && *g->p) {
        const int len = *g->p++;
        if (n + (size_t)len > sizeof data || g->p + len > g->end)
            return -1;
        memcpy(data + n, g->p, (size_t)len);
        n += (size_t)len;
        g->p += len;
    }
    g->p++;
    static uint16_t prefix[4096];
    static uint8_t suffix[4096], stack[4096];
    const int clear = 1 << min, end = clear + 1;
    int width = min + 1, next = clear + 2, old = -1;
    uint8_t first = 0;
    size_t bit = 0, at = 0, total = (size_t)g->w * (size_t)g->h;
    for (;;) {
        if (bit + (size_t)width > n * 8)
            return -1;
        int code = 0;
        for (int k = 0; k < width; k++, bit++)
            code |= ((data[bit / 8] >> (bit % 8)) & 1) << k;
        if (code == clear) {
            width = min + 1;
            next = clear + 2;
            old = -1;
            continue;
        }
        if (code == end)
            break;
        int sp = 0, c = code;
        if (old >= 0 && code == next) { /* the string being made: old + its first */
            stack[sp++] = first;
            c = old;
        } else if (code > next || (old < 0 && code >= clear)) {
            return -1;
        }
        while (c >= clear) {
            stack[sp++] = suffix[c];
            c = prefix[c];
        }
        stack[sp++] = (uint8_t)c;
        first = (uint8_t)c;
        while (sp) {
            const uint8_t k = stack[--sp];
            if (at < total && k != t)
                g->screen[at] = k;
            at++;
        }
        if (old >= 0 && next < 4096) {
            prefix[next] = (uint16_t)old;
            suffix[next] = first;
            next++;
            if (next == 1 << width && width < 12)
                width++;
        }
        old = code;
    }
    return at == total ? 0 : -1;
}

/* Reads the header and every frame up to the trailer; after frame k,
 * calls check(g, k). Returns the frames read, or -1. */
static int gif_read(gif_in *g, const uint8_t *buf, size_t len, void (*check)(gif_in *, int, void *),
                    void *ctx)
{
    if (len < 13 + 768 || memcmp(buf, "GIF89a", 6) != 0 || (buf[10] & 0x87) != 0x87)
        return -1;
    g->p = buf + 13;
    g->end = buf + len;
    g->w = u16(buf + 6);
    g->h = u16(buf + 8);
    memcpy(g->palette, g->p, 768);
    g->p += 768;
    g->screen = calloc((size_t)g->w * (size_t)g->h, 1);
    int t = -1, delay = 0;
    while (g->p < g->end) {
        const uint8_t b = *g->p++;
        if (b == 0x3B)
            return g->frames;
        if (b == 0x21) {
            const uint8_t label = *g->p++;
            if (label == 0xF9) {
                delay = u16(g->p + 2);
                t = (g->p[1] & 1) ? g->p[4] : -1;
            }
            while (*g->p)
                g->p += *g->p + 1;
            g->p++;
        } else if (b == 0x2C) {
            if (u16(g->p + 4) != g->w || u16(g->p + 6) != g->h || g->p[8] != 0)
                return -1;
            g->p += 9;
            if (lzw_decode(g, t))
                return -1;
            if (g->frames < 8) {
                g->delay[g->frames] = delay;
                g->transparent[g->frames] = t;
            }
            check(g, g->frames, ctx);
            g->frames++;
        } else {
            return -1;
        }
    }
    return -1;
}

typedef struct frames {
    const uint32_t *px[3];
    int w, h;
    int bad;
} frames;

/* Every pixel of frame k as shown is its colour in the frame given. */
static void check_frame(gif_in *g, int k, void *ctx)
{
    frames *f = ctx;
    for (int i = 0; i < f->w * f->h; i++) {
        const uint32_t p = f->px[k][i];
        const uint8_t *c = g->palette[g->screen[i]];
        const int dr = abs((int)((p >> 16) & 255) - c[0]), dg = abs((int)((p >> 8) & 255) - c[1]),
                  db = abs((int)(p & 255) - c[2]);
        if (dr || dg || db)
            f->bad++;
    }
}

/* An animated GIF read back with a reader written apart: three frames of
 * noise and flat colour (over 4 096 codes, so the table fills and starts
 * again, and codes widen to 12 bits; later frames mostly transparent),
 * each pixel shown exactly, the delays and loop as written. */
static void test_gif_round_trip(void **state)
{
    (void)state;
    enum { W = 173, H = 97 };
    static uint32_t a[W * H], b[W * H], c[W * H];
    uint32_t x = 12345;
    for (int i = 0; i < W * H; i++) {
        x = x * 1103515245u + 12345u;
        /* noise of the cube's 64 colours, which the palette holds exactly */
        const uint32_t r = (x >> 10) & 3, gr = (x >> 14) & 3, bl = (x >> 18) & 3;
        a[i] = 0xFF000000u | (i < W * 40 ? 0xECEEF1u : (r * 85) << 16 | (gr * 85) << 8 | bl * 85);
        b[i] = i % W < 60 ? 0xFF0072B2u : a[i];
        c[i] = i % 7 ? b[i] : 0xFFD55E00u;
    }
    char *mem = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&mem, &len);
    assert_non_null(o);
    cs_gif *g = cs_gif_begin(o, W, H, a, c, W * sizeof(uint32_t));
    assert_non_null(g);
    assert_int_equal(cs_gif_frame(g, a, W * sizeof(uint32_t), 10), 0);
    assert_int_equal(cs_gif_frame(g, b, W * sizeof(uint32_t), 10), 0);
    assert_int_equal(cs_gif_frame(g, c, W * sizeof(uint32_t), 300), 0);
    assert_int_equal(cs_gif_end(g), 0);
    fclose(o);
    assert_non_null(memmem(mem, len, "NETSCAPE2.0", 11));
    gif_in in = {0};
    frames f = {{a, b, c}, W, H, 0};
    assert_int_equal(gif_read(&in, (const uint8_t *)mem, len, check_frame, &f), 3);
    assert_int_equal(f.bad, 0);
    assert_int_equal(in.w, W);
    assert_true(in.delay[0] == 10 && in.delay[2] == 300);
    /* The flat colours are in the palette exactly. */
    const uint8_t *top = in.palette[in.screen[61]], *left = in.palette[in.screen[W * 50]];
    assert_true(top[0] == 0xEC && top[1] == 0xEE && top[2] == 0xF1);
    assert_true(left[0] == 0x00 && left[1] == 0x72 && left[2] == 0xB2);
    free(in.screen);
    free(mem);
}

/* A PNG of a w x h canvas filled with c, as pdf.c takes it (8-bit RGB). */
static char *rgb_png(int w, int h, SDL_Color c, size_t *len)
{
    cs_canvas cv;
    assert_int_equal(cs_canvas_create(&cv, w, h), 0);
    cs_canvas_clear(&cv, c);
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(cv.surface, SDL_PIXELFORMAT_RGB24, 0);
    assert_non_null(rgb);
    char *png = NULL;
    FILE *mem = open_memstream(&png, len);
    SDL_RWops *rw = SDL_RWFromFP(mem, SDL_FALSE);
    assert_int_equal(IMG_SavePNG_RW(rgb, rw, 1), 0);
    fclose(mem);
    SDL_FreeSurface(rgb);
    cs_canvas_destroy(&cv);
    return png;
}

/* A PDF of two pictures as its format asks: every cross-reference entry
 * 20 bytes and at its object, startxref at the table, the page tree
 * counting two pages, each image's data the PNG's own; a PNG with alpha
 * refused. */
static void test_pdf_pages(void **state)
{
    (void)state;
    size_t n1, n2;
    char *a = rgb_png(40, 30, (SDL_Color){200, 10, 10, 255}, &n1),
         *b = rgb_png(30, 40, (SDL_Color){10, 10, 200, 255}, &n2);
    char *mem = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&mem, &len);
    cs_pdf *p = cs_pdf_begin(o);
    assert_non_null(p);
    assert_int_equal(cs_pdf_page(p, (const uint8_t *)a, n1, 595.28, 841.89), 0);
    assert_int_equal(cs_pdf_page(p, (const uint8_t *)b, n2, 300, 400), 0);
    assert_int_equal(cs_pdf_page(p, (const uint8_t *)"not a png", 9, 10, 10), -1);
    assert_int_equal(cs_pdf_end(p), 0);
    fclose(o);
    assert_int_equal(memcmp(mem, "%PDF-1.4\n", 9), 0);
    const char *sx = memmem(mem, len, "startxref\n", 10);
    assert_non_null(sx);
    const long xref = strtol(sx + 10, NULL, 10);
    assert_int_equal(memcmp(mem + xref, "xref\n0 ", 7), 0);
    const int count = (int)strtol(mem + xref + 7, NULL, 10);
    assert_int_equal(count, 9); /* free entry, catalog, tree, 3 objects a page */
    const char *entry = strchr(mem + xref + 7, '\n') + 1;
    for (int i = 0; i < count; i++, entry += 20) {
        assert_true(entry[18] == '\r' || entry[18] == ' ');
        assert_int_equal(entry[19], '\n');
        if (i == 0)
            continue;
        const long at = strtol(entry, NULL, 10);
        char head[32];
        snprintf(head, sizeof head, "%d 0 obj\n", i);
        assert_int_equal(memcmp(mem + at, head, strlen(head)), 0);
    }
    assert_non_null(memmem(mem, len, "/Type /Pages /Count 2 /Kids [5 0 R 8 0 R]", 41));
    assert_non_null(memmem(mem, len, "/Width 40 /Height 30", 20));
    assert_non_null(memmem(mem, len, "/MediaBox [0 0 300.00 400.00]", 29));
    assert_string_equal(mem + len - 6, "%%EOF\n");
    free(mem);
    free(a);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_short),
        cmocka_unit_test(test_nice_ticks),
        cmocka_unit_test(test_text_and_cjk),
        cmocka_unit_test(test_plot_pixels),
        cmocka_unit_test(test_gif_round_trip),
        cmocka_unit_test(test_pdf_pages),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    TTF_Quit();
    return rc;
}
