/* SPDX-License-Identifier: MIT */
/* compare_plot.h - compare's picture: the paired difference B - A of a
 * measure day by day, with its 95% band, beside both arms' means with
 * theirs, so the picture says what the verdict says (overlapping arms'
 * bands can hide a difference every pair shows). */
#ifndef CS_COMPARE_PLOT_H
#define CS_COMPARE_PLOT_H

#include "circlesim/diag.h"

/* A band: n values of a mean and its 95% interval (NaN where none). */
typedef struct cs_band {
    const double *mean, *lo, *hi;
} cs_band;

/* One measure's row of the picture: its heading and unit, the paired
 * difference B - A, and both arms (their axis from 0 with from_zero: an
 * amount, not a ratio that may be negative). */
typedef struct cs_compare_row {
    const char *title, *unit;
    int from_zero;
    cs_band diff, a, b;
} cs_compare_row;

/* Writes a PNG (atomically) into the folder open as dirfd under path's last
 * part: a row per measure (at most 4), on the left diff against days 1..n
 * with a line at 0, on the right a and b labelled label_a and label_b.
 * Returns 0 or -1 (reported). */
int cs_compare_plot(int dirfd, const char *path, const cs_compare_row *rows, int nrows,
                    const char *label_a, const char *label_b, int n, cs_diag *d);

#endif
