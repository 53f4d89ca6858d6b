/* test_draw.c - the drawing library: short numbers and axis ticks (pure
 * rules), fonts found through fontconfig (Chinese through the CJK fallback,
 * not boxes), and a chart drawn offscreen, checked pixel by pixel. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "draw/canvas.h"
#include "draw/draw.h"
#include "draw/format.h"
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
    cs_plot p = {"cumulative GMV", "days", "yuan", &s, 1, &marker, 1, NAN, NAN, 1, 0};
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_short),
        cmocka_unit_test(test_nice_ticks),
        cmocka_unit_test(test_text_and_cjk),
        cmocka_unit_test(test_plot_pixels),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    TTF_Quit();
    return rc;
}
