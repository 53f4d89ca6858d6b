/* SPDX-License-Identifier: MIT */
/* sweep_plot.h - a sweep's metric against its first varied key, with 95%
 * bands, one line per value of the other keys: the picture a strategist
 * reads a sweep from. Drawn offscreen by the chart code the visualizer
 * uses. */
#ifndef CS_SWEEP_PLOT_H
#define CS_SWEEP_PLOT_H

#include "circlesim/diag.h"

typedef struct cs_sweep_line {
    const char *label;           /* the other keys' values; NULL for a single line */
    const double *x, *mean, *lo, *hi;
    int n;
} cs_sweep_line;

/* Writes a PNG (atomically): into the folder open as dirfd under path's last
 * part (path as messages show it), or at path itself when dirfd < 0.
 * Returns 0 or -1 (reported). */
int cs_sweep_plot(int dirfd, const char *path, const char *title, const char *unit, const char *xkey,
                  const cs_sweep_line *lines, int nlines, cs_diag *d);

/* A sampled design (Latin hypercube): the metric's mean at each point,
 * with its 95% whisker, against each varied key in turn, one small panel
 * per key (at most 9). x holds nkeys rows of n values. Writes a PNG;
 * returns 0 or -1 (reported). */
int cs_scatter_plot(int dirfd, const char *path, const char *title, const char *unit,
                    const char *const *keys, int nkeys, const double *x, const double *mean,
                    const double *lo, const double *hi, int n, cs_diag *d);

/* Horizontal bars in the order given, labelled and valued: which levers
 * matter (Morris mu*), or a metric by variant. lo and hi (both NULL for
 * none) draw each bar's 95% interval as a whisker. Writes a PNG; returns 0
 * or -1 (reported). */
int cs_bars_plot(int dirfd, const char *path, const char *title, const char *const *labels,
                 const double *values, const double *lo, const double *hi, int n, cs_diag *d);

/* One value per rank, 1 to n, as dots on a thin line: optimize's marginal
 * gain of each seed in the order chosen. Writes a PNG; returns 0 or -1
 * (reported). */
int cs_rank_plot(int dirfd, const char *path, const char *title, const char *unit, const double *value,
                 int n, cs_diag *d);

#endif
