/* SPDX-License-Identifier: MIT */
/* experiment.h - experiments over many runs: sweeps over a design (below),
 * and two scenarios on
 * paired seeds (replicate r of both runs with the same seed), and the
 * paired difference of every metric with its 95% interval, so that a
 * difference is not drowned in the runs' noise. The runs are those of
 * `circlesim compare`: the same scenarios and seeds give the same numbers.
 *
 *     cs_compare_options opt = {.replicates = 10};
 *     cs_comparison *c = cs_compare(a, b, &opt, &d);
 *     for (size_t m = 0; c && m < cs_comparison_metric_count(c); m++) {
 *         cs_compared st;
 *         cs_comparison_metric(c, m, &st);
 *         printf("%s: %g (%g to %g)\n", cs_comparison_metric_name(c, m),
 *                st.diff_mean, st.diff_lo, st.diff_hi);
 *     }
 */
#ifndef CIRCLESIM_PUBLIC_EXPERIMENT_H
#define CIRCLESIM_PUBLIC_EXPERIMENT_H

#include "circlesim/api.h"

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "circlesim/diag.h"
#include "circlesim/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The seed of replicate r of an experiment whose base seed is base:
 * base itself for r = 0, then seeds derived from it (common random
 * numbers across every arm of the experiment). */
CS_API int64_t cs_replicate_seed(int64_t base, int64_t r);

typedef struct cs_compare_options {
    size_t replicates; /* paired runs of each scenario (0: 10; at least 2) */
    int jobs;          /* runs at once (0: every core) */
    int threads;       /* threads of each run (0: 1) */
    /* When *stop becomes non-zero (a signal handler, another thread), the
     * runs under way stop at the end of their day, no other starts, and
     * the call returns NULL, reported as interrupted (NULL: never). */
    volatile sig_atomic_t *stop;
} cs_compare_options;

typedef struct cs_comparison cs_comparison;

/* One metric: A's and B's means, the mean paired difference B - A with its
 * 95% Student-t interval, and the relative change (diff / A's mean; NaN
 * when A's mean is 0). */
typedef struct cs_compared {
    double a_mean, b_mean, diff_mean, diff_lo, diff_hi, rel;
} cs_compared;

/* Runs a and b (validated, of one model) on paired seeds from a's seed,
 * as many at once as fit in the memory available now (a run that cannot
 * fit at all is refused before any starts). NULL, reported, when they
 * cannot be compared or a run fails. */
CS_API cs_comparison *cs_compare(const cs_scenario *a, const cs_scenario *b,
                          const cs_compare_options *opt, cs_diag *diag);
CS_API void cs_comparison_close(cs_comparison *c);

/* The metrics (the summary columns of a sweep's runs.csv: final_*, total_*):
 * how many, and the m-th's name. */
CS_API size_t cs_comparison_metric_count(const cs_comparison *c);
CS_API const char *cs_comparison_metric_name(const cs_comparison *c, size_t m);
CS_API size_t cs_comparison_replicates(const cs_comparison *c);
/* Metric m of replicate r of side 0 (A) or 1 (B). */
CS_API double cs_comparison_value(const cs_comparison *c, int side, size_t r, size_t m);
/* Metric m over the pairs. */
CS_API void cs_comparison_metric(const cs_comparison *c, size_t m, cs_compared *out);
/* Metric m's relative change with its 95% interval by the delta method on
 * the pairs (the noise of A's mean counts too); NaN when A's mean is 0. */
CS_API void cs_comparison_relative(const cs_comparison *c, size_t m, double *rel, double *lo,
                            double *hi);

/* ---- sweeps: a design of points over varied keys, R replicates each ---- */

typedef struct cs_sweep_options {
    const char *design; /* "factorial" (NULL too), "lhs:N" or "morris:R" */
    size_t replicates;  /* runs of each point, on paired seeds (0: 10) */
    int jobs;           /* runs at once (0: every core) */
    int threads;        /* threads of each run (0: 1) */
    volatile sig_atomic_t *stop; /* as cs_compare_options' (NULL: never) */
} cs_sweep_options;

typedef struct cs_sweep cs_sweep;

/* Runs sc over the design of vary[0 .. nvary), each "KEY=VALUES" as
 * `circlesim sweep --vary` takes it (V1,V2,... or LO:HI:STEP; LO:HI for
 * lhs and morris). Every point's scenario is checked before any run, and
 * as many runs go at once as fit in the memory available now.
 * NULL, reported, on a bad design or a failed run. The table is the one
 * `circlesim sweep` writes to runs.csv, the same bytes for the same
 * scenario, design and seed. */
CS_API cs_sweep *cs_sweep_run(const cs_scenario *sc, const char *const *vary, size_t nvary,
                       const cs_sweep_options *opt, cs_diag *diag);
CS_API void cs_sweep_close(cs_sweep *s);
/* runs.csv as a table: its rows (one a run, in run order), its columns
 * (run, point, replicate, seed, each varied key, then the metrics) and
 * each cell's text as the file holds it, unquoted. */
CS_API size_t cs_sweep_row_count(const cs_sweep *s);
CS_API size_t cs_sweep_column_count(const cs_sweep *s);
CS_API const char *cs_sweep_column_name(const cs_sweep *s, size_t c);
CS_API const char *cs_sweep_cell(const cs_sweep *s, size_t row, size_t c);

#ifdef __cplusplus
}
#endif

#endif
