/* SPDX-License-Identifier: MIT */
/* robust_plot.h - a verdict across plausible worlds: B - A in each world,
 * with its 95% whisker, against the assumptions it hinges on most, one
 * panel each; worlds where the verdict holds and where it flips in two
 * colours, a line at 0 (no difference) and, where one splits them, the
 * threshold. */
#ifndef CS_ROBUST_PLOT_H
#define CS_ROBUST_PLOT_H

#include "circlesim/diag.h"

/* x holds nkeys rows of n values (the worlds' values of each key); y, lo
 * and hi each world's B - A and interval; holds[w] whether world w keeps
 * the verdict; titles[k] panel k's heading; threshold[k] a vertical line in panel k (NaN: none). Writes
 * a PNG (atomically) into the folder open as dirfd under path's last part.
 * Returns 0 or -1 (reported). */
int cs_robust_plot(int dirfd, const char *path, const char *title, const char *unit,
                   const char *const *keys, const char *const *titles, int nkeys, const double *x, const double *y,
                   const double *lo, const double *hi, const int *holds,
                   const double *threshold, int n, cs_diag *d);

#endif
