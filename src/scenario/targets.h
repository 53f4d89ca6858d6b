/* SPDX-License-Identifier: MIT */
/* targets.h - what `circlesim calibrate` fits: a scenario's targets, each
 * measured on a finished run, and the loss over replicate means.
 *
 * The targets, in order: the platform model's four stylized facts (when
 * targets.facts_weight > 0), then targets.points (a timeseries column's
 * value on a day, each with its weight). The loss is the weighted mean of
 * squared relative errors,
 *
 *     L = sum_i w_i ((m_i - t_i) / s_i)^2 / sum_i w_i,   s_i = |t_i|, or 1 when t_i = 0,
 *
 * where m_i is the mean over replicates of target i's measure. A target whose
 * measure is undefined in every replicate (a ratio over an empty group)
 * counts as a relative error of 10, so the fit moves away from it. */
#ifndef CIRCLESIM_TARGETS_H
#define CIRCLESIM_TARGETS_H

#include <stddef.h>

#include "engine/engine.h"
#include "scenario/scenario.h"

typedef struct cs_target {
    char name[48];     /* a CSV column name: the fact's, or "<column>_day<N>" */
    double value, weight;
    int fact;          /* 0..3: a stylized fact (repurchase, opens, stores, minutes); -1: a point */
    int column;        /* a point's field in the model's timeseries row (1-based past day) */
    int64_t day;
} cs_target;

/* The scenario's targets into out (at most cap); returns how many there
 * are (which may exceed cap). */
size_t cs_targets_list(const cs_scenario *sc, cs_target *out, size_t cap);

/* Points after the scenario's last day, reported at their positions: a run
 * simply does not reach them, but calibrate must. CS_ERR_INPUT or 0. */
int cs_targets_check_days(const cs_scenario *sc, cs_diag *d);

/* Each target's measure on a finished run; NaN where undefined. */
void cs_targets_measure(const cs_run *r, const cs_target *t, size_t n, double *out);

/* The loss of the means m (NaN: undefined in every replicate). */
double cs_targets_loss(const cs_target *t, size_t n, const double *m);

/* The columns targets name: scenario/columns.h. */
#include "scenario/columns.h"

#endif
