/* SPDX-License-Identifier: MIT */
/* sweep.h - the parts of an experiment that are pure rules: the values a
 * `--vary` option names, the design points of a full factorial, each
 * replicate's seed, and the summary statistics of a metric over replicates.
 * No I/O, so each is tested alone. */
#ifndef CIRCLESIM_SWEEP_H
#define CIRCLESIM_SWEEP_H

#include <stddef.h>
#include <stdint.h>

#include "circlesim/diag.h"
#include "circlesim/experiment.h"

/* One varied key and its values, each as YAML text (read by --set rules). */
typedef struct cs_vary {
    char *key;
    char **values;
    size_t n;
} cs_vary;

enum { CS_MAX_VARY_VALUES = 100000 };

/* Parses "KEY=V1,V2,..." (commas inside brackets or quotes belong to the
 * value: "cascade.seeds=[0],[0,3]") or "KEY=LO:HI:STEP" (LO, LO+STEP, ... up
 * to HI, HI itself included when (HI-LO)/STEP is within 1e-9 of a whole
 * number; numbers written back in the shortest form that reads back
 * exactly). Reports "--vary KEY: ..." and returns CS_ERR_INPUT on a
 * malformed option, CS_ERR_NOMEM, or 0. */
int cs_vary_parse(const char *arg, cs_vary *v, cs_diag *diag);
void cs_vary_free(cs_vary *v);

/* Design points of the full factorial of nv varied keys: the product of
 * their counts (0 if any is empty; 1 for no keys). Point p takes value
 * index idx[k] of key k, the last key varying fastest. */
size_t cs_factorial_points(const cs_vary *v, size_t nv);
void cs_factorial_point(const cs_vary *v, size_t nv, size_t point, size_t *idx);

/* A Latin hypercube of n points in k dimensions: u[p * k + j] in (0, 1),
 * and for every dimension j each of the n strata [i/n, (i+1)/n) holds
 * exactly one point. Drawn from cs_rng_stream(seed, CS_STREAM_DESIGN, 0, j).
 * Returns 0 or CS_ERR_NOMEM. */
int cs_latin_hypercube(size_t n, size_t k, int64_t seed, double *u);

/* cs_replicate_seed: include/circlesim/experiment.h. */

/* Mean, standard deviation (n - 1) and 95% Student-t interval of n values;
 * sd and the interval are NaN for n < 2, everything NaN for n = 0. */
typedef struct cs_stats {
    size_t n;
    double mean, sd, ci_lo, ci_hi;
} cs_stats;
void cs_stats_of(const double *x, size_t n, cs_stats *s);

/* The 97.5% quantile of Student's t with df degrees of freedom (df >= 1). */
double cs_student_t975(double df);

#endif
