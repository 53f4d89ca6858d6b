/* SPDX-License-Identifier: MIT */
/* split.h - the best split of a budget over channels, for `optimize
 * --budget`: Nelder-Mead (nelder_mead.h) over the simplex of shares, reached
 * from the unit cube by stick-breaking, restarted while a restart helps, as
 * calibration does. The objective is the caller's (means of simulated runs
 * on common seeds), to be maximized. */
#ifndef CIRCLESIM_SPLIT_H
#define CIRCLESIM_SPLIT_H

#include <stddef.h>

/* Shares of n channels (summing to 1) from x in [0, 1]^(n-1): channel i
 * takes x[i] of what channels before it left; the last takes the rest. */
void cs_split_shares(const double *x, size_t n, double *share);
/* The x that gives share (the inverse, for a starting split). */
void cs_split_point(const double *share, size_t n, double *x);

/* The caller's objective of a split (NaN: the split cannot be run); a
 * non-zero *stop set by it ends the search. */
typedef double (*cs_split_objective)(const double *share, void *ctx);

typedef struct cs_split_result {
    double value;         /* the best value found */
    int evaluations;      /* objective calls */
} cs_split_result;

/* Searches from `share` (replaced by the best split), at most max_evals
 * calls. Returns 0 or CS_ERR_NOMEM. */
int cs_split_search(size_t n, cs_split_objective f, void *ctx, int max_evals,
                    const volatile int *stop, double *share, cs_split_result *res);

#endif
