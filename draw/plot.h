/* SPDX-License-Identifier: MIT */
/* plot.h - a line chart: axes with nice ticks and short numbers, units,
 * a legend, optional confidence bands and vertical markers (intervention
 * days). Shared by the visualizer, `render` and the sweep's PNGs. */
#ifndef CS_PLOT_H
#define CS_PLOT_H

#include <SDL.h>

#include "draw/text.h"

typedef struct cs_series {
    const char *label;
    const double *x, *y; /* n points; non-finite y leaves a gap */
    const double *lo, *hi; /* optional band (NULL for none) */
    int n;
    SDL_Color color;
    int faint;           /* drawn thin and pale (a previous run to compare with) */
    int points;          /* dots, not a line: samples in no order (lo, hi: whiskers) */
    int marked;          /* a line with a dot at each point (the design's points) */
} cs_series;

typedef struct cs_plot {
    const char *title;
    const char *x_unit, *y_unit; /* "days", "yuan", "users" */
    const cs_series *series;
    int nseries;
    const double *markers;  /* x of vertical marker lines */
    int nmarkers;
    double x_min, x_max;    /* NaN: from the data */
    int y_from_zero;        /* the y axis starts at 0 */
    double y_top;           /* the y axis reaches at least this (0: the data's top): axes
                             * that keep still across a run's frames */
    const char *marker_text; /* NULL, or each marker's words, marker_stride bytes apiece */
    int marker_stride;
} cs_plot;

typedef struct cs_style {
    float scale;           /* line widths and gaps (projector mode: larger) */
    SDL_Color background, ink, grid, panel;
    int projector;         /* the projector's: the network takes the larger share */
} cs_style;

/* Draws p inside area. */
void cs_plot_draw(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect area,
                  const cs_plot *p);

#endif
