/* SPDX-License-Identifier: MIT */
/* calibrate.h - fitting free keys so that a scenario's targets are met:
 * the loss (the weighted mean of squared relative errors of the replicate
 * means) minimized by Nelder-Mead over the keys' ranges, restarted from its
 * best point while a restart still lowers it, each point run once (points
 * that round alike share a result). What `circlesim calibrate` runs. */
#ifndef CS_ANALYSIS_CALIBRATE_H
#define CS_ANALYSIS_CALIBRATE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis/batch.h"
#include "scenario/targets.h"

enum {
    CS_CALIBRATE_MAX_FREE = 64,
    CS_CALIBRATE_MAX_TARGETS = CS_MAX_TARGET_POINTS + 4,
    CS_CALIBRATE_MAX_CONTEXTS = 16
};

/* One evaluated point, for the cache and the picture. */
typedef struct cs_evaluation {
    char *values;     /* "v1,v2,..." as written to the scenario */
    double loss;
} cs_evaluation;

typedef struct cs_calibration {
    /* Set by the caller. */
    size_t nfree;
    const char *key[CS_CALIBRATE_MAX_FREE];
    int param[CS_CALIBRATE_MAX_FREE];
    double lo[CS_CALIBRATE_MAX_FREE], hi[CS_CALIBRATE_MAX_FREE];
    cs_target target[CS_CALIBRATE_MAX_TARGETS];
    size_t ntargets;
    int64_t base_seed, replicates; /* fitting replicates 0 .. R-1; fresh R .. 2R-1 */
    cs_batch *batch;               /* the runs (its measure: the targets') */
    /* The settings the fit must hold in at once ("KEY=VALUE" lines each,
     * such as two sizes and two run lengths): the loss is the mean of
     * theirs. None: the scenario as given. */
    const char *context[CS_CALIBRATE_MAX_CONTEXTS];
    size_t ncontexts;
    size_t max_evals;              /* evaluations (runs of a point) allowed in all */
    volatile sig_atomic_t *stop;   /* set: the fit ends (NULL: never) */
    /* Optional: each new evaluation, as it is made (mean NULL for a point
     * whose scenario is not valid). */
    void (*evaluated)(void *ctx, size_t n, const char *values, double loss, const double *mean);
    void *ctx;
    /* The fit. */
    cs_evaluation *eval;
    size_t nevals, cap;
    double best_loss;              /* HUGE_VAL before any */
    char *best_values;
    size_t best_eval;              /* the evaluation (1-based) that found best_loss */
    double start_loss;             /* the first evaluation's: the scenario as given */
    int invalid;                   /* points whose scenario failed validation */
    int failed;                    /* a run could not finish (memory, a stop) */
    /* Nelder-Mead's rounds. */
    volatile int halt;
    int restart;
    size_t round_calls;
    double round_best;
} cs_calibration;

/* A point's values ("v1,v2,...") at x in [0, 1]^nfree: each key's value
 * to 7 significant digits, whole for whole-number keys. malloc'ed. */
char *cs_calibration_point(const cs_calibration *c, const double *x);
/* The scenario at a point and seed, validated: 0, CS_ERR_INPUT or
 * CS_ERR_NOMEM (reported to d); sc must be freed whatever the outcome. */
int cs_calibration_scenario(const cs_calibration *c, const char *values, int64_t seed,
                            cs_scenario *sc, cs_diag *d);
/* The same on the heap (*sc set whatever the outcome, NULL only when out of
 * memory; close it with cs_scenario_close). */
int cs_calibration_scenario_new(const cs_calibration *c, const char *values, int64_t seed,
                                cs_scenario **sc, cs_diag *d);
/* The settings of a fit: ncontexts, or 1 when none is given. */
size_t cs_calibration_settings(const cs_calibration *c);
/* Runs replicates first .. first + n - 1 of a point in every setting:
 * measures into m (settings x n rows of ntargets, setting by setting),
 * statuses into rc (settings x n, CS_TASK_*). */
void cs_calibration_runs(cs_calibration *c, const char *values, int64_t first, size_t n,
                         double *m, int *rc);
/* The fit from x (in [0, 1]^nfree, the scenario's own values): 0, or
 * CS_ERR_NOMEM. A stop or a run that failed ends it early (c->failed). */
int cs_calibration_fit(cs_calibration *c, double *x);
/* Each target's mean over the n replicates of setting k where it is
 * defined (m and rc as cs_calibration_runs fills them). */
void cs_calibration_means(const cs_calibration *c, const double *m, const int *rc, size_t n,
                          size_t k, double *mean);
/* The loss of a point: the mean over the settings of each one's loss. */
double cs_calibration_loss(const cs_calibration *c, const double *m, const int *rc, size_t n);
void cs_calibration_free(cs_calibration *c);

#endif
