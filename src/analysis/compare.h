/* SPDX-License-Identifier: MIT */
/* compare.h - two scenarios run on paired seeds, replicate by replicate,
 * and the paired difference of every metric with its 95% interval: what
 * `circlesim compare` prints and writes, and what the library's
 * cs_compare returns. */
#ifndef CS_ANALYSIS_COMPARE_H
#define CS_ANALYSIS_COMPARE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis/taskfarm.h"
#include "circlesim/diag.h"
#include "circlesim/experiment.h"
#include "scenario/source.h"

typedef struct cs_compare_spec {
    const cs_source *const *src;   /* the arms: A and B (or more: a sweep's variants) */
    size_t sides;                  /* how many (0: 2) */
    int metrics_only;              /* keep no day-by-day series (each run's days 0) */
    const char *const *sets;       /* assignments for both, in order, before each run's seed */
    size_t nsets;
    size_t replicates;             /* paired runs (>= 2) */
    int64_t base_seed;             /* replicate r runs with cs_replicate_seed(base_seed, r) */
    int jobs, threads;             /* runs at once; threads per run */
    uint64_t run_memory;           /* each run's memory limit (0: none) and */
    int run_memory_flags;          /* its CS_LIMIT_ flags */
    volatile sig_atomic_t *stop;   /* set: no run starts any more (NULL: never) */
    /* Optional: called after each run ends (done of sides * replicates). */
    void (*progress)(void *ctx, size_t done);
    void *progress_ctx;
    cs_diag *d;                    /* where the runs' problems go */
} cs_compare_spec;

/* What the runs gave: per side and replicate, the metrics (NULL where a
 * run failed or never ran) and every day's row, as timeseries.csv's
 * columns read back (series[day * ncolumns + column], day 0 = day 1). */
typedef struct cs_compare_run {
    double *metric;
    double *series;
    int64_t days;
} cs_compare_run;

struct cs_comparison {
    int model;
    size_t sides;                       /* arms: 2 for A and B */
    size_t ncolumns;                    /* of a day in series: cs_column_count(model) */
    size_t nmetrics, replicates, pairs; /* pairs: replicates where every arm's run finished */
    char **metric_names;                /* nmetrics, NULL-terminated, one allocation */
    cs_compare_run *run;                /* [side * replicates + r], side 0 = A */
};

/* Metric m of side b against side a (paired, as cs_comparison_metric does
 * for B against A). */
void cs_comparison_metric_sides(const cs_comparison *c, size_t m, int a, int b, cs_compared *out);


/* Runs every side (all of one model: checked by the caller) into
 * out, in place. Returns 0, or CS_ERR_NOMEM; a stop or failed runs leave
 * pairs below replicates. Free with cs_comparison_clear. The statistics
 * are the public cs_comparison_metric and cs_comparison_relative. */
int cs_compare_run_all(const cs_compare_spec *spec, int model, cs_comparison *out);
void cs_comparison_clear(cs_comparison *c);
/* Replicates where both runs finished. */
size_t cs_comparison_pairs(const cs_comparison *c);
/* The index of the metric named name, or SIZE_MAX. */
size_t cs_comparison_find(const cs_comparison *c, const char *name);
/* Side 0 (A), 1 (B) or more: its runs, replicates of them. */
const cs_compare_run *cs_comparison_runs(const cs_comparison *c, int side);

#endif
