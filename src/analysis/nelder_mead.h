/* SPDX-License-Identifier: MIT */
/* nelder_mead.h - derivative-free minimization in a box, for calibration
 * and budget allocation: the objectives are simulation
 * means, noisy and without gradients.
 *
 * Nelder & Mead's simplex (1965) with the standard coefficients, on the unit
 * cube [0, 1]^n (callers map their keys' LO:HI ranges onto it): trial points
 * outside the cube are projected onto it. For noisy objectives the best
 * vertex is evaluated again every `reevaluate` iterations and its value
 * replaced by the mean of its evaluations, so one lucky draw does not hold
 * the simplex in place (a simple form of the re-evaluation of Barton &
 * Ivey 1996). */
#ifndef CIRCLESIM_NELDER_MEAD_H
#define CIRCLESIM_NELDER_MEAD_H

#include <stddef.h>

/* The objective at x (n values in [0, 1]); ctx is the caller's. */
typedef double (*cs_objective)(const double *x, void *ctx);

typedef struct cs_nm_options {
    int max_evaluations;  /* no iteration starts past this many objective calls (one
                           * may add up to n + 1 more: a shrink re-evaluates n) */
    double tolerance;     /* stop when the simplex's values and size are this close */
    double step;          /* the first simplex's edge, in the cube's units (e.g. 0.2) */
    int reevaluate;       /* 0: never; k: the best vertex again every k iterations */
    const volatile int *stop; /* when set and non-zero, no further iteration starts (the
                               * objective may set it: a budget spent, a stop asked for) */
} cs_nm_options;

typedef struct cs_nm_result {
    double value;         /* the best (mean) value found */
    int evaluations;      /* objective calls made */
    int converged;        /* 1: stopped by the tolerance, 0: by max_evaluations */
} cs_nm_result;

/* Minimizes f from x (n values in [0, 1], replaced by the best point).
 * Returns 0, or CS_ERR_NOMEM. */
int cs_nelder_mead(cs_objective f, void *ctx, size_t n, double *x, const cs_nm_options *o,
                   cs_nm_result *r);

#endif
