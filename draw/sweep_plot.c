/* SPDX-License-Identifier: MIT */
/* sweep_plot.c - a sweep's chart, offscreen. */
#include "draw/sweep_plot.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/canvas.h"
#include "draw/draw.h"
#include "draw/palette.h"
#include "draw/format.h"
#include "draw/plot.h"
#include "draw/text.h"

enum { MAX_LINES = 7, WIDTH = 1000, HEIGHT = 620 };

/* One chart filling a WIDTH x HEIGHT picture, saved as a PNG. */
static int save_plot(int dirfd, const char *path, const cs_plot *p, cs_diag *d)
{
    cs_fonts f;
    if (cs_fonts_open(&f, 1.25f, d) != 0)
        return -1;
    cs_canvas c;
    if (cs_canvas_create(&c, WIDTH, HEIGHT) != 0) {
        cs_diag_error(d, "cannot draw '%s': %s", path, SDL_GetError());
        cs_fonts_close(&f);
        return -1;
    }
    cs_style st = cs_style_screen(1.25f);
    cs_canvas_clear(&c, st.panel);
    cs_plot_draw(c.renderer, &f, &st, (SDL_Rect){0, 0, WIDTH, HEIGHT}, p);
    int rc = cs_canvas_save_png_in(&c, dirfd, path, d);
    cs_canvas_destroy(&c);
    cs_fonts_close(&f);
    return rc;
}

int cs_sweep_plot(int dirfd, const char *path, const char *title, const char *unit, const char *xkey,
                  const cs_sweep_line *lines, int nlines, cs_diag *d)
{
    /* Okabe-Ito without its black, which reads as an axis. */
    cs_series s[MAX_LINES];
    int n = nlines < MAX_LINES ? nlines : MAX_LINES;
    /* The axes fit the design's points and the bands: a sweep's lines
     * differ by a few percent, which an axis from 0 would flatten. */
    double xlo = INFINITY, xhi = -INFINITY;
    for (int i = 0; i < n; i++) {
        s[i] = (cs_series){.label = lines[i].label, .x = lines[i].x, .y = lines[i].mean,
                           .lo = lines[i].lo, .hi = lines[i].hi, .n = lines[i].n,
                           .color = cs_okabe_ito[1 + (i + 4) % 7], .marked = 1};
        for (int j = 0; j < lines[i].n; j++) {
            xlo = fmin(xlo, lines[i].x[j]);
            xhi = fmax(xhi, lines[i].x[j]);
        }
    }
    const int fit = isfinite(xlo) && xhi > xlo;
    cs_plot p = {.title = title, .x_unit = xkey, .y_unit = unit, .series = s, .nseries = n,
                 .x_min = fit ? xlo : NAN, .x_max = fit ? xhi : NAN, .y_from_zero = 0};
    return save_plot(dirfd, path, &p, d);
}

int cs_scatter_plot(int dirfd, const char *path, const char *title, const char *unit,
                    const char *const *keys, int nkeys, const double *x, const double *mean,
                    const double *lo, const double *hi, int n, cs_diag *d)
{
    enum { MAX_PANELS = 9, PANEL_H = 340, TOP = 44 };
    const int panels = nkeys < MAX_PANELS ? nkeys : MAX_PANELS;
    const int cols = panels < 3 ? panels : 3, rows = (panels + cols - 1) / cols;
    const int PANEL_W = cols == 1 ? 900 : cols == 2 ? 600 : 460;
    cs_fonts f;
    if (cs_fonts_open(&f, 1.25f, d) != 0)
        return -1;
    cs_canvas c;
    if (cs_canvas_create(&c, cols * PANEL_W, TOP + rows * PANEL_H) != 0) {
        cs_diag_error(d, "cannot draw '%s': %s", path, SDL_GetError());
        cs_fonts_close(&f);
        return -1;
    }
    cs_style st = cs_style_screen(1.25f);
    cs_canvas_clear(&c, st.panel);
    char heading[320];
    snprintf(heading, sizeof heading, "%s, %s", title, unit);
    cs_text_draw(c.renderer, &f, CS_TEXT_NORMAL, 12, 12, CS_ALIGN_LEFT, st.ink, heading);
    for (int k = 0; k < panels; k++) {
        cs_series s = {.x = x + (size_t)k * (size_t)n, .y = mean, .lo = lo, .hi = hi, .n = n,
                       .color = cs_okabe_ito[5], .points = 1};
        char by[160];
        snprintf(by, sizeof by, "against %s", keys[k]);
        cs_plot p = {.title = by, .x_unit = keys[k], .y_unit = NULL, .series = &s,
                     .nseries = 1, .x_min = NAN, .x_max = NAN, .y_from_zero = 1};
        cs_plot_draw(c.renderer, &f, &st,
                     (SDL_Rect){(k % cols) * PANEL_W, TOP + (k / cols) * PANEL_H, PANEL_W, PANEL_H},
                     &p);
    }
    int rc = cs_canvas_save_png_in(&c, dirfd, path, d);
    cs_canvas_destroy(&c);
    cs_fonts_close(&f);
    return rc;
}

/* v with `digits` significant digits and a thousands suffix ("1.912M"). */
static void significant(double v, int digits, char *buf, size_t cap)
{
    static const struct {
        double scale;
        const char *suffix;
    } units[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}, {1, ""}};
    if (!isfinite(v)) {
        snprintf(buf, cap, "n/a");
        return;
    }
    size_t i = 0;
    while (i + 1 < sizeof units / sizeof units[0] && fabs(v) < units[i].scale)
        i++;
    snprintf(buf, cap, "%.*g%s", digits, v / units[i].scale, units[i].suffix);
}

/* The fewest significant digits (3 to 8) at which the bars' values read
 * differently, so bars that differ by little are not all "1.9M". */
static int distinct_digits(const double *values, int n)
{
    for (int digits = 3; digits < 8; digits++) {
        int same = 0;
        for (int i = 0; i < n && !same; i++)
            for (int j = i + 1; j < n && !same; j++) {
                char a[32], b[32];
                significant(values[i], digits, a, sizeof a);
                significant(values[j], digits, b, sizeof b);
                same = values[i] != values[j] && !strcmp(a, b);
            }
        if (!same)
            return digits;
    }
    return 8;
}

int cs_bars_plot(int dirfd, const char *path, const char *title, const char *const *labels,
                 const double *values, const double *lo, const double *hi, int n, cs_diag *d)
{
    cs_fonts f;
    if (cs_fonts_open(&f, 1.25f, d) != 0)
        return -1;
    const int row = 40, height = 90 + row * (n > 0 ? n : 1);
    cs_canvas c;
    if (cs_canvas_create(&c, WIDTH, height) != 0) {
        cs_diag_error(d, "cannot draw '%s': %s", path, SDL_GetError());
        cs_fonts_close(&f);
        return -1;
    }
    cs_style st = cs_style_screen(1.25f);
    cs_canvas_clear(&c, st.panel);
    cs_text_draw(c.renderer, &f, CS_TEXT_NORMAL, 12, 12, CS_ALIGN_LEFT, st.ink, title);
    /* The axis holds 0 and every value and whisker: bars go from 0, left
     * for a negative value (a loss, a ROI below break-even). */
    int label_w = 0;
    double max = 0, min = 0;
    for (int i = 0; i < n; i++) {
        int w = cs_text_width(&f, CS_TEXT_SMALL, labels[i]);
        label_w = w > label_w ? w : label_w;
        if (isfinite(values[i])) {
            max = fmax(max, values[i]);
            min = fmin(min, values[i]);
        }
        if (hi && isfinite(hi[i]))
            max = fmax(max, hi[i]);
        if (lo && isfinite(lo[i]))
            min = fmin(min, lo[i]);
    }
    const double span = max - min > 0 ? max - min : 1;
    /* Room on the right for the value, and its interval when there is one. */
    const float x0 = 24.0f + (float)label_w, bar_w = (float)WIDTH - x0 - (hi ? 260 : 140);
    const int th = cs_text_height(&f, CS_TEXT_SMALL);
    const int digits = distinct_digits(values, n);
    char buf[32];
    for (int i = 0; i < n; i++) {
        float y = 60.0f + (float)(i * row), h = (float)row * 0.6f;
        cs_text_draw(c.renderer, &f, CS_TEXT_SMALL, x0 - 10, y + (h - (float)th) / 2, CS_ALIGN_RIGHT,
                     st.ink, labels[i]);
        const float zero = x0 + (float)(-min / span) * bar_w;
        const float at = isfinite(values[i]) ? x0 + (float)((values[i] - min) / span) * bar_w : zero;
        cs_draw_rect(c.renderer, (SDL_FRect){x0, y, bar_w, h}, st.grid);
        cs_draw_rect(c.renderer, (SDL_FRect){fminf(zero, at), y, fabsf(at - zero), h},
                     values[i] < 0 ? cs_okabe_ito[6] : cs_okabe_ito[5]);
        if (min < 0) /* the zero line */
            cs_draw_rect(c.renderer, (SDL_FRect){zero - 1, y - 3, 2, h + 6}, st.ink);
        char text[96];
        significant(values[i], digits, buf, sizeof buf);
        snprintf(text, sizeof text, "%s", buf);
        if (lo && hi && isfinite(lo[i]) && isfinite(hi[i])) {
            float a = (float)((lo[i] - min) / span) * bar_w, b = (float)((hi[i] - min) / span) * bar_w;
            float mid = y + h / 2, cap = h * 0.3f;
            cs_draw_rect(c.renderer, (SDL_FRect){x0 + a, mid - 1, b - a, 2}, st.ink);
            cs_draw_rect(c.renderer, (SDL_FRect){x0 + a - 1, mid - cap, 2, 2 * cap}, st.ink);
            cs_draw_rect(c.renderer, (SDL_FRect){x0 + b - 1, mid - cap, 2, 2 * cap}, st.ink);
            char l[32], u[32];
            significant(lo[i], digits, l, sizeof l);
            significant(hi[i], digits, u, sizeof u);
            snprintf(text + strlen(text), sizeof text - strlen(text), "  (%s to %s)", l, u);
        }
        cs_text_draw(c.renderer, &f, CS_TEXT_SMALL, x0 + bar_w + 8, y + (h - (float)th) / 2,
                     CS_ALIGN_LEFT, st.ink, text);
    }
    int rc = cs_canvas_save_png_in(&c, dirfd, path, d);
    cs_canvas_destroy(&c);
    cs_fonts_close(&f);
    return rc;
}

int cs_rank_plot(int dirfd, const char *path, const char *title, const char *unit, const double *value,
                 int n, cs_diag *d)
{
    double *x = malloc((size_t)(n > 0 ? n : 1) * sizeof *x);
    if (!x) {
        cs_diag_error(d, "cannot draw '%s': out of memory", path);
        return -1;
    }
    for (int i = 0; i < n; i++)
        x[i] = i + 1;
    /* A thin line to follow the ranks, a dot for each. */
    cs_series s[2] = {{.x = x, .y = value, .n = n, .color = cs_okabe_ito[5], .faint = 1},
                      {.x = x, .y = value, .n = n, .color = cs_okabe_ito[5], .points = 1}};
    /* From rank 0, and at least to 5, so the ticks fall on whole ranks. */
    cs_plot p = {.title = title, .x_unit = "rank", .y_unit = unit, .series = s, .nseries = 2,
                 .x_min = 0, .x_max = n > 5 ? n : 5, .y_from_zero = 1};
    int rc = save_plot(dirfd, path, &p, d);
    free(x);
    return rc;
}
