/* SPDX-License-Identifier: MIT */
/* design.h - an experiment's design table: each design point's value of
 * each varied key, as the YAML text the point's runs set. A full factorial
 * of the values given, a Latin hypercube or Morris trajectories over LO:HI
 * ranges, or a scenario's named variants. */
#ifndef CS_ANALYSIS_DESIGN_H
#define CS_ANALYSIS_DESIGN_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/sweep.h"
#include "circlesim/diag.h"
#include "scenario/scenario.h"

enum { CS_DESIGN_FACTORIAL, CS_DESIGN_LHS, CS_DESIGN_MORRIS, CS_DESIGN_VARIANTS };

/* Morris: 4 levels of each key's range, steps of 2/3 of it (Morris 1991;
 * the usual choice, Saltelli et al. 2008, ch. 3). */
enum { CS_MORRIS_LEVELS = 4 };
#define CS_MORRIS_DELTA (CS_MORRIS_LEVELS / (2.0 * (CS_MORRIS_LEVELS - 1)))

typedef struct cs_design {
    int design;                /* CS_DESIGN_* */
    const cs_vary *vary;       /* the varied keys (the caller's) */
    size_t nvary, points;
    const cs_variant *variant; /* variants: one per point (the scenario's) */
    char **value;              /* points x nvary, made by cs_design_table */
    int *moved;                /* Morris: the key a point moved from the one before, -1 first */
    double lo[256], hi[256];   /* lhs and Morris: each key's range */
} cs_design;

/* Fills g->value (and, for Morris, g->moved; for ranges, lo and hi) from
 * g's design, keys, points and variants: the factorial's combinations, a
 * Latin hypercube or Morris trajectories drawn from seed (whole numbers
 * for whole-number keys, fen for yuan, otherwise six significant digits of
 * the range: the value written is the value run), or each variant's
 * values (a key a variant leaves alone keeps base's value). Returns 0,
 * CS_ERR_INPUT (reported: a key without a LO:HI range) or CS_ERR_NOMEM. */
int cs_design_table(cs_design *g, const cs_scenario *base, int64_t seed, cs_diag *d);
/* A design's text ("factorial", "lhs:N", "morris:R", "variants") as
 * *design and its N or R (0 for the others); 0, or CS_ERR_INPUT reported
 * as "--design ..." (N from 2 to 10^6, R from 2 to 10^4). */
int cs_design_parse(const char *text, int *design, long long *n, cs_diag *d);
/* The number of points of g's design over its keys (n: lhs's N, Morris's
 * R; variants: n itself). */
size_t cs_design_points(int design, const cs_vary *vary, size_t nvary, long long n);
/* The varied keys checked against base: not the model, not the seed (the
 * replicates' own), each once, each read by base's model, and a factorial
 * given values (LO:HI alone is a range to sample). 0, or CS_ERR_INPUT
 * reported ("--vary KEY ..."). variants: the keys are variants' */
int cs_design_check_keys(const cs_vary *vary, size_t n, int design, int variants,
                         const cs_scenario *base, cs_diag *d);
/* Frees what cs_design_table made. */
void cs_design_clear(cs_design *g);

#endif
