/* SPDX-License-Identifier: MIT */
/* plot.c - line charts with readable axes. */
#include "draw/plot.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "draw/draw.h"
#include "draw/format.h"

enum { MAX_TICKS = 6 };

static void data_range(const cs_plot *p, int axis_y, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (int s = 0; s < p->nseries; s++) {
        const cs_series *ser = &p->series[s];
        for (int i = 0; i < ser->n; i++) {
            double v[3] = {axis_y ? ser->y[i] : ser->x[i], NAN, NAN};
            if (axis_y && ser->lo)
                v[1] = ser->lo[i];
            if (axis_y && ser->hi)
                v[2] = ser->hi[i];
            for (int k = 0; k < 3; k++)
                if (isfinite(v[k])) {
                    *lo = v[k] < *lo ? v[k] : *lo;
                    *hi = v[k] > *hi ? v[k] : *hi;
                }
        }
    }
    if (!isfinite(*lo)) {
        *lo = 0;
        *hi = 1;
    }
}

/* The legend's swatches and labels flowed in rows between x0 and x1 from
 * y down; returns the rows used. With r NULL only counts them. */
static int legend(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, const cs_plot *p,
                  float x0, float x1, float y)
{
    const float k = st->scale, th = (float)cs_text_height(f, CS_TEXT_SMALL);
    float x = x0;
    int rows = 1;
    for (int s = 0; s < p->nseries; s++) {
        const cs_series *ser = &p->series[s];
        if (!ser->label)
            continue;
        float w = 18 * k + (float)cs_text_width(f, CS_TEXT_SMALL, ser->label);
        if (x > x0 && x + w > x1) {
            x = x0;
            y += th + 4 * k;
            rows++;
        }
        if (r) {
            SDL_Color c = ser->faint ? cs_with_alpha(ser->color, 110) : ser->color;
            cs_draw_rect(r, (SDL_FRect){x, y + th / 2 - 3 * k, 14 * k, 6 * k}, c);
            cs_text_draw(r, f, CS_TEXT_SMALL, x + 18 * k, y, CS_ALIGN_LEFT, st->ink, ser->label);
        }
        x += w + 14 * k;
    }
    return rows;
}

void cs_plot_draw(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect area,
                  const cs_plot *p)
{
    const float k = st->scale;
    const int th = cs_text_height(f, CS_TEXT_SMALL);
    const int tt = cs_text_height(f, CS_TEXT_NORMAL);
    cs_draw_rect(r, (SDL_FRect){(float)area.x, (float)area.y, (float)area.w, (float)area.h},
                 st->panel);

    double xlo, xhi, ylo, yhi;
    data_range(p, 0, &xlo, &xhi);
    data_range(p, 1, &ylo, &yhi);
    if (isfinite(p->x_min))
        xlo = p->x_min;
    if (isfinite(p->x_max))
        xhi = p->x_max;
    if (p->y_from_zero && ylo > 0)
        ylo = 0;
    if (p->y_top > 0 && (!isfinite(yhi) || yhi < p->y_top))
        yhi = p->y_top;
    double xt[MAX_TICKS + 1], yt[MAX_TICKS + 1];
    /* A range the caller fixed (a run's days) is kept exactly; ticks fall
     * inside it. */
    const int x_fixed = isfinite(p->x_min) && isfinite(p->x_max) && p->x_max > p->x_min;
    int nx = cs_nice_ticks(xlo, xhi, MAX_TICKS, xt, x_fixed ? NULL : &xlo, x_fixed ? NULL : &xhi);
    int ny = cs_nice_ticks(ylo, yhi, 5, yt, &ylo, &yhi);

    /* Room for the y labels: the widest of them. */
    char buf[32];
    int label_w = 0;
    for (int i = 0; i < ny; i++) {
        int w = cs_text_width(f, CS_TEXT_SMALL, cs_format_short(yt[i], 3, buf, sizeof buf));
        label_w = w > label_w ? w : label_w;
    }
    const float pad = 8 * k;
    SDL_FRect plot = {(float)area.x + pad + (float)label_w + 6 * k,
                      (float)area.y + pad + (float)tt + 4 * k, 0, 0};
    /* Below the plot: tick labels, then the legend's rows, with the x
     * axis' unit at the right of the first. */
    const float unit_w = p->x_unit ? (float)cs_text_width(f, CS_TEXT_SMALL, p->x_unit) + 12 * k : 0;
    const float legend_x0 = plot.x, legend_x1 = (float)(area.x + area.w) - pad - unit_w;
    const int legend_rows = legend(NULL, f, st, p, legend_x0, legend_x1, 0);
    float legend_h = (float)legend_rows * ((float)th + 4 * k) + 2 * k;
    /* The last x label is centred on the axis' end: leave it room. */
    float half_last = (float)cs_text_width(f, CS_TEXT_SMALL,
                                           cs_format_short(nx > 0 ? xt[nx - 1] : xhi, 3, buf,
                                                           sizeof buf)) / 2;
    plot.w = (float)(area.x + area.w) - pad - half_last - plot.x;
    plot.h = (float)(area.y + area.h) - pad - legend_h - (float)th - 4 * k - plot.y;
    if (plot.w < 20 || plot.h < 20)
        return;

    /* Title and unit. */
    char title[160];
    snprintf(title, sizeof title, "%s%s%s%s", p->title ? p->title : "", p->y_unit ? " (" : "",
             p->y_unit ? p->y_unit : "", p->y_unit ? ")" : "");
    SDL_Rect title_clip = {area.x, area.y, area.w - (int)pad, (int)(pad + (float)tt + 4 * k)};
    SDL_RenderSetClipRect(r, &title_clip);
    cs_text_draw(r, f, CS_TEXT_NORMAL, (float)area.x + pad, (float)area.y + pad / 2 + 2 * k,
                 CS_ALIGN_LEFT, st->ink, title);
    SDL_RenderSetClipRect(r, NULL);

#define PX(v) (plot.x + (float)(((v) - xlo) / (xhi - xlo)) * plot.w)
#define PY(v) (plot.y + plot.h - (float)(((v) - ylo) / (yhi - ylo)) * plot.h)
    for (int i = 0; i < ny; i++) {
        float y = PY(yt[i]);
        cs_draw_line(r, plot.x, y, plot.x + plot.w, y, 1, st->grid);
        cs_text_draw(r, f, CS_TEXT_SMALL, plot.x - 4 * k, y - (float)th / 2, CS_ALIGN_RIGHT,
                     st->ink, cs_format_short(yt[i], 3, buf, sizeof buf));
    }
    for (int i = 0; i < nx; i++) {
        float x = PX(xt[i]);
        cs_draw_line(r, x, plot.y + plot.h, x, plot.y + plot.h + 4 * k, k, st->ink);
        cs_text_draw(r, f, CS_TEXT_SMALL, x, plot.y + plot.h + 4 * k, CS_ALIGN_CENTER, st->ink,
                     cs_format_short(xt[i], 3, buf, sizeof buf));
    }
    if (p->x_unit)
        cs_text_draw(r, f, CS_TEXT_SMALL, (float)(area.x + area.w) - pad,
                     plot.y + plot.h + 6 * k + (float)th, CS_ALIGN_RIGHT, st->ink, p->x_unit);
    cs_draw_line(r, plot.x, plot.y + plot.h, plot.x + plot.w, plot.y + plot.h, k, st->ink);
    cs_draw_line(r, plot.x, plot.y, plot.x, plot.y + plot.h, k, st->ink);

    SDL_Rect clip = {(int)plot.x, (int)plot.y - 1, (int)plot.w + 1, (int)plot.h + 2};
    SDL_RenderSetClipRect(r, &clip);
    SDL_Color marker = cs_with_alpha(st->ink, 110);
    enum { ROWS = 3 };
    float free_from[ROWS]; /* where each row of words is free from */
    for (int row = 0; row < ROWS; row++)
        free_from[row] = plot.x;
    const float th_small = (float)cs_text_height(f, CS_TEXT_SMALL);
    for (int i = 0; i < p->nmarkers; i++) {
        float x = PX(p->markers[i]);
        for (float y = plot.y; y < plot.y + plot.h; y += 8 * k) /* dashed */
            cs_draw_line(r, x, y, x, fminf(y + 4 * k, plot.y + plot.h), k, marker);
        /* Its words at the top beside the line (right of it, or left near
         * the plot's right edge), in the first row where they clear the
         * words before; left out where no row has room. */
        const char *t = p->marker_text ? p->marker_text + (size_t)i * (size_t)p->marker_stride : NULL;
        if (!t || !t[0])
            continue;
        const float w = (float)cs_text_width(f, CS_TEXT_SMALL, t);
        const int right = x + 3 * k + w <= plot.x + plot.w;
        const float x0 = right ? x + 3 * k : x - 3 * k - w;
        if (x0 < plot.x)
            continue;
        for (int row = 0; row < ROWS; row++)
            if (x0 >= free_from[row]) {
                cs_text_draw(r, f, CS_TEXT_SMALL, x0, plot.y + 2 * k + (float)row * th_small,
                             CS_ALIGN_LEFT, cs_with_alpha(st->ink, 170), t);
                free_from[row] = x0 + w + 6 * k;
                break;
            }
    }
    for (int s = 0; s < p->nseries; s++) {
        const cs_series *ser = &p->series[s];
        if (ser->n <= 0)
            continue;
        const int band = ser->lo && ser->hi;
        SDL_FPoint *pts = malloc((size_t)ser->n * sizeof *pts);
        float *bx = band ? malloc((size_t)ser->n * sizeof *bx * 3) : NULL;
        if (!pts || (band && !bx)) {
            free(pts);
            free(bx);
            continue;
        }
        for (int i = 0; i < ser->n; i++) {
            pts[i] = (SDL_FPoint){PX(ser->x[i]), isfinite(ser->y[i]) ? PY(ser->y[i]) : NAN};
            if (band) {
                bx[i] = pts[i].x;
                bx[ser->n + i] = PY(ser->lo[i]);
                bx[2 * ser->n + i] = PY(ser->hi[i]);
            }
        }
        SDL_Color c = ser->faint ? cs_with_alpha(ser->color, 110) : ser->color;
        if (ser->points) {
            for (int i = 0; i < ser->n; i++) {
                if (!isfinite(pts[i].y))
                    continue;
                if (band && isfinite(ser->lo[i]) && isfinite(ser->hi[i]))
                    cs_draw_line(r, pts[i].x, bx[ser->n + i], pts[i].x, bx[2 * ser->n + i], k,
                                 cs_with_alpha(ser->color, 140));
                cs_draw_disc(r, pts[i].x, pts[i].y, 3 * k, c);
            }
            free(pts);
            free(bx);
            continue;
        }
        if (band)
            cs_draw_band(r, bx, bx + ser->n, bx + 2 * ser->n, ser->n, cs_with_alpha(ser->color, 60));
        cs_draw_polyline(r, pts, ser->n, ser->faint ? 1.5f * k : 2.5f * k, c);
        if (ser->n == 1 && isfinite(pts[0].y)) /* a line needs two points; one is a dot */
            cs_draw_disc(r, pts[0].x, pts[0].y, 2.5f * k, c);
        for (int i = 0; ser->marked && i < ser->n; i++)
            if (isfinite(pts[i].y))
                cs_draw_disc(r, pts[i].x, pts[i].y, 4 * k, c);
        free(pts);
        free(bx);
    }
    SDL_RenderSetClipRect(r, NULL);
#undef PX
#undef PY

    legend(r, f, st, p, legend_x0, legend_x1, plot.y + plot.h + 6 * k + (float)th);
}
