/* SPDX-License-Identifier: MIT */
/* forest_plot.h - checks as rows: each one's value as a dot, its interval as
 * a whisker, the range it should fall in as a shaded band, a reference line,
 * and the dot coloured by the verdict. The picture `circlesim validate`
 * draws of the figures, the claims and the levers. Offscreen, by the chart
 * code the visualizer uses. */
#ifndef CS_FOREST_PLOT_H
#define CS_FOREST_PLOT_H

#include "circlesim/diag.h"

typedef struct cs_forest_row {
    const char *label;
    double value;             /* the dot (NaN: no dot) */
    double lo, hi;            /* the whisker (NaN: none) */
    double band_lo, band_hi;  /* where it should be (NaN: open on that side; both NaN: none) */
    int verdict;              /* 0 holds, 1 fails, 2 not distinguishable from noise */
    const char *note;         /* text at the right of the row */
} cs_forest_row;

/* Writes a PNG (atomically) into the folder open as dirfd under path's
 * last part (path as messages show it), or at path itself when dirfd < 0;
 * the x axis fits the rows' values, whiskers and bands and the reference.
 * Returns 0 or -1 (reported). */
int cs_forest_plot(int dirfd, const char *path, const char *title, const char *axis,
                   double reference, const cs_forest_row *rows, int n, cs_diag *d);
/* The same on a signed logarithmic axis, sign(v) log10(1 + |v|), for
 * changes in percent that span -100 to many thousands: ticks at 0, +-1,
 * +-10, +-100 ... */
int cs_forest_plot_log(int dirfd, const char *path, const char *title, const char *axis,
                       double reference, const cs_forest_row *rows, int n, cs_diag *d);

#endif
