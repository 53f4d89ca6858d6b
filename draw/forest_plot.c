/* SPDX-License-Identifier: MIT */
/* forest_plot.c - checks as rows of dots, whiskers and bands, offscreen. */
#include "draw/forest_plot.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "draw/canvas.h"
#include "draw/draw.h"
#include "draw/format.h"
#include "draw/palette.h"
#include "draw/text.h"

enum { WIDTH = 1400, ROW = 30, ROW_TALL = 46, TOP = 64, AXIS = 56, NOTE = 230, LABEL_MAX = 620 };

/* Splits label into the longest run of whole words that fits width and the
 * rest (cut with "..." if even that does not fit); line2 is empty when all
 * of it fits on one line. */
static void split_label(const cs_fonts *f, const char *label, int width, char *line1,
                        char *line2, size_t size)
{
    snprintf(line1, size, "%s", label);
    line2[0] = '\0';
    if (cs_text_width(f, CS_TEXT_SMALL, line1) <= width)
        return;
    size_t cut = 0;
    for (size_t k = 1; label[k] && k < size; k++)
        if (label[k] == ' ') {
            snprintf(line1, size, "%.*s", (int)k, label);
            if (cs_text_width(f, CS_TEXT_SMALL, line1) > width)
                break;
            cut = k;
        }
    if (cut == 0) { /* one long word: cut it */
        snprintf(line1, size, "%s", label);
        for (size_t len = strlen(line1); len > 4 && cs_text_width(f, CS_TEXT_SMALL, line1) > width;
             len--)
            memcpy(line1 + len - 4, "...", 4);
        return;
    }
    snprintf(line1, size, "%.*s", (int)cut, label);
    snprintf(line2, size, "%s", label + cut + 1);
    for (size_t len = strlen(line2); len > 4 && cs_text_width(f, CS_TEXT_SMALL, line2) > width;
         len--)
        memcpy(line2 + len - 4, "...", 4);
}

/* The verdicts' colours: bluish green holds, vermillion fails, grey noise. */
static SDL_Color verdict_color(int v)
{
    return v == 0 ? cs_okabe_ito[3] : v == 1 ? cs_okabe_ito[6] : (SDL_Color){140, 140, 140, 255};
}

/* The axis: linear, or signed logarithmic. */
static double axis_of(int log_axis, double v)
{
    return log_axis && isfinite(v) ? copysign(log10(1 + fabs(v)), v) : v;
}

static void widen(double *lo, double *hi, double v)
{
    if (isfinite(v)) {
        *lo = fmin(*lo, v);
        *hi = fmax(*hi, v);
    }
}

/* A round step for about five ticks over span. */
static double tick_step(double span)
{
    double raw = span / 5, mag = pow(10, floor(log10(raw))), f = raw / mag;
    return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
}

static int forest(int dirfd, const char *path, const char *title, const char *axis,
                  double reference, const cs_forest_row *rows, int n, int log_axis, cs_diag *d)
{
    cs_fonts f;
    if (cs_fonts_open(&f, 1.0f, d) != 0)
        return -1;
    /* Rows are tall enough for two lines when a label needs them. */
    int row_h = ROW;
    for (int i = 0; i < n; i++)
        if (cs_text_width(&f, CS_TEXT_SMALL, rows[i].label) > LABEL_MAX)
            row_h = ROW_TALL;
    const int height = TOP + row_h * (n > 0 ? n : 1) + AXIS;
    cs_canvas c;
    if (cs_canvas_create(&c, WIDTH, height) != 0) {
        cs_diag_error(d, "cannot draw '%s': %s", path, SDL_GetError());
        cs_fonts_close(&f);
        return -1;
    }
    cs_style st = cs_style_screen(1.0f);
    cs_canvas_clear(&c, st.panel);
    cs_text_draw(c.renderer, &f, CS_TEXT_NORMAL, 12, 12, CS_ALIGN_LEFT, st.ink, title);

    /* The axis fits what is drawn: values, whiskers, closed band ends and
     * the reference, with a little room. */
    double lo = axis_of(log_axis, reference), hi = lo;
    int label_w = 0;
    for (int i = 0; i < n; i++) {
        widen(&lo, &hi, axis_of(log_axis, rows[i].value));
        widen(&lo, &hi, axis_of(log_axis, rows[i].lo));
        widen(&lo, &hi, axis_of(log_axis, rows[i].hi));
        widen(&lo, &hi, axis_of(log_axis, rows[i].band_lo));
        widen(&lo, &hi, axis_of(log_axis, rows[i].band_hi));
        int w = cs_text_width(&f, CS_TEXT_SMALL, rows[i].label);
        label_w = w > label_w ? w : label_w;
    }
    if (!(hi > lo))
        hi = lo + 1;
    double pad = 0.05 * (hi - lo);
    lo -= pad;
    hi += pad;
    if (label_w > LABEL_MAX)
        label_w = LABEL_MAX;
    const float x0 = 20.0f + (float)label_w, x1 = (float)(WIDTH - NOTE);
    const float y_end = (float)(TOP + row_h * n);
#define XPOS(v) (x0 + (float)((axis_of(log_axis, v) - lo) / (hi - lo)) * (x1 - x0))

    /* Ticks and their grid lines first, the reference over them. */
    const int th = cs_text_height(&f, CS_TEXT_SMALL);
    char buf[64];
    if (log_axis) {
        /* 0, then +-1, +-10, +-100 ... where they fall inside. */
        for (int k = -1; k <= 12; k++)
            for (int sign = -1; sign <= 1; sign += 2) {
                double t = k < 0 ? 0 : sign * pow(10, k), at = axis_of(1, t);
                if ((k < 0 && sign > 0) || at < lo || at > hi)
                    continue;
                float x = x0 + (float)((at - lo) / (hi - lo)) * (x1 - x0);
                cs_draw_line(c.renderer, x, (float)TOP - 6, x, y_end, 1, st.grid);
                cs_text_draw(c.renderer, &f, CS_TEXT_SMALL, x, y_end + 6, CS_ALIGN_CENTER, st.ink,
                             cs_format_short(t, 3, buf, sizeof buf));
            }
    } else {
        double step = tick_step(hi - lo);
        for (double t = ceil(lo / step) * step; t <= hi; t += step) {
            float x = XPOS(t);
            cs_draw_line(c.renderer, x, (float)TOP - 6, x, y_end, 1, st.grid);
            cs_text_draw(c.renderer, &f, CS_TEXT_SMALL, x, y_end + 6, CS_ALIGN_CENTER, st.ink,
                         cs_format_short(fabs(t) < 1e-9 * step ? 0 : t, 3, buf, sizeof buf));
        }
    }
    cs_text_draw(c.renderer, &f, CS_TEXT_SMALL, (x0 + x1) / 2, y_end + 10 + (float)th,
                 CS_ALIGN_CENTER, st.ink, axis);
    cs_draw_line(c.renderer, XPOS(reference), (float)TOP - 6, XPOS(reference), y_end, 2, st.ink);

    SDL_Color band = verdict_color(0);
    band.a = 255;
    band.r = (Uint8)(255 - (255 - band.r) / 5);
    band.g = (Uint8)(255 - (255 - band.g) / 5);
    band.b = (Uint8)(255 - (255 - band.b) / 5);
    for (int i = 0; i < n; i++) {
        const cs_forest_row *r = &rows[i];
        float y = (float)(TOP + row_h * i), mid = y + (float)row_h / 2.0f;
        if (i % 2)
            cs_draw_rect(c.renderer, (SDL_FRect){8, y, (float)WIDTH - 16, (float)row_h},
                         (SDL_Color){st.panel.r > 8 ? st.panel.r - 8 : 0,
                                     st.panel.g > 8 ? st.panel.g - 8 : 0,
                                     st.panel.b > 8 ? st.panel.b - 8 : 0, 255});
        if (isfinite(r->band_lo) || isfinite(r->band_hi)) {
            float a = isfinite(r->band_lo) ? XPOS(r->band_lo) : x0,
                  b = isfinite(r->band_hi) ? XPOS(r->band_hi) : x1;
            cs_draw_rect(c.renderer, (SDL_FRect){a, y + 4, b - a, (float)row_h - 8}, band);
        }
        /* The label, on two lines where it needs them. */
        char line1[200], line2[200];
        split_label(&f, r->label, label_w, line1, line2, sizeof line1);
        if (line2[0]) {
            cs_text_draw(c.renderer, &f, CS_TEXT_SMALL, x0 - 10, mid - (float)th - 1,
                         CS_ALIGN_RIGHT, st.ink, line1);
            cs_text_draw(c.renderer, &f, CS_TEXT_SMALL, x0 - 10, mid + 1, CS_ALIGN_RIGHT, st.ink,
                         line2);
        } else
            cs_text_draw(c.renderer, &f, CS_TEXT_SMALL, x0 - 10, mid - (float)th / 2,
                         CS_ALIGN_RIGHT, st.ink, line1);
        SDL_Color col = verdict_color(r->verdict);
        if (isfinite(r->lo) && isfinite(r->hi)) {
            float a = XPOS(r->lo), b = XPOS(r->hi);
            cs_draw_line(c.renderer, a, mid, b, mid, 2, col);
            cs_draw_line(c.renderer, a, mid - 6, a, mid + 6, 2, col);
            cs_draw_line(c.renderer, b, mid - 6, b, mid + 6, 2, col);
        }
        if (isfinite(r->value))
            cs_draw_disc(c.renderer, XPOS(r->value), mid, 6, col);
        if (r->note)
            cs_text_draw(c.renderer, &f, CS_TEXT_SMALL, x1 + 12, mid - (float)th / 2,
                         CS_ALIGN_LEFT, col, r->note);
    }
#undef XPOS
    int rc = cs_canvas_save_png_in(&c, dirfd, path, d);
    cs_canvas_destroy(&c);
    cs_fonts_close(&f);
    return rc;
}

int cs_forest_plot(int dirfd, const char *path, const char *title, const char *axis,
                   double reference, const cs_forest_row *rows, int n, cs_diag *d)
{
    return forest(dirfd, path, title, axis, reference, rows, n, 0, d);
}

int cs_forest_plot_log(int dirfd, const char *path, const char *title, const char *axis,
                       double reference, const cs_forest_row *rows, int n, cs_diag *d)
{
    return forest(dirfd, path, title, axis, reference, rows, n, 1, d);
}
