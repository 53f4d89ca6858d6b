/* SPDX-License-Identifier: MIT */
/* validate.h - the platform model's evidence, run as one suite: its
 * calibrated figures at several population sizes and in several 30-day
 * windows, and each claim of the sources as a paired comparison of two
 * scenarios, each judged "holds", "fails" or "not distinguishable from
 * noise". `circlesim validate` prints and writes what this computes. */
#ifndef CIRCLESIM_ANALYSIS_VALIDATE_H
#define CIRCLESIM_ANALYSIS_VALIDATE_H

#include <signal.h>
#include <stddef.h>

#include "circlesim/diag.h"

enum cs_verdict { CS_HOLDS, CS_FAILS, CS_NOISE };
extern const char *const cs_verdict_names[3];

typedef struct cs_check {
    const char *section;   /* "figure", "docking", "claim" or "lever" */
    char name[200];        /* what is checked, in the sources' words */
    char where[120];       /* the runs: size, window, seeds or replicates */
    char expected[80];     /* a figure's band, or a claim's direction */
    double value;          /* a figure's mean over seeds; a claim's relative change A/B - 1
                            * (a rate's difference A - B); a lever's high/low - 1 */
    double lo, hi;         /* a figure's lowest and highest seed; a claim's 95% interval of
                            * the paired difference A - B */
    double diff;           /* a claim's or a lever's mean paired difference (A - (1 + s) B,
                            * high - low); docking: the farthest day's distance over its
                            * tolerance */
    double base;           /* what relative figures are of: a figure's target, a claim's
                            * mean B, a lever's mean at its low value */
    double band_lo, band_hi; /* a figure's band (NaN: open on that side) */
    double shift;          /* a sized claim's size, over base: the margin is the change less it */
    int verdict;           /* enum cs_verdict */
} cs_check;

typedef struct cs_validate_plan {
    const char *scenarios; /* the folder of the shipped scenarios (whatif/ in it) */
    int quick;             /* the small subset ./test.sh runs */
    int threads;           /* threads of each run */
    volatile sig_atomic_t *stop; /* set: stop after the current run (NULL: never) */
    void (*progress)(void *ctx, size_t done, size_t total); /* after each run (or NULL) */
    void *progress_ctx;
    cs_diag *d;
} cs_validate_plan;

/* How many runs the suite makes (for a progress bar). */
size_t cs_validate_runs(const cs_validate_plan *p);

/* Runs the suite. *out (malloc'ed, *n checks) is set on success. Returns
 * 0, CS_ERR_INPUT (a scenario of the suite does not load; reported),
 * CS_ERR_NOMEM or CS_ERR_RUNTIME (a run failed or the suite was stopped;
 * reported). */
int cs_validate(const cs_validate_plan *p, cs_check **out, size_t *n);

#endif
