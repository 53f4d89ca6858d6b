/* SPDX-License-Identifier: MIT */
/* batch.h - many runs of one scenario, each with its own assignments and
 * seed, through the task farm (here on J jobs, or over the program's
 * transport), each reduced to a few numbers by the caller's measure: the
 * runs behind `calibrate` (the targets' measures) and `optimize` (the
 * objective). */
#ifndef CS_ANALYSIS_BATCH_H
#define CS_ANALYSIS_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/taskfarm.h"
#include "engine/engine.h"
#include "scenario/source.h"

/* What optimize maximizes, measured on a finished run. */
enum cs_objective { CS_OBJ_BUYERS, CS_OBJ_GMV, CS_OBJ_BRAND_GMV, CS_OBJ_BRAND_PROFIT, CS_OBJ_COUNT };
extern const char *const cs_objective_names[CS_OBJ_COUNT];
/* A finished run's measures: out holds the farm's nvalues. */
typedef void (*cs_batch_measure)(const cs_run *r, double *out, void *ctx);
/* optimize's measures: ctx points to an int, the objective; out[0] is it
 * (buyers: the last day's buyers; gmv: GMV of the whole run, both places,
 * yuan; brand_gmv: the brand's, merchant 0's, platform model only;
 * brand_profit: market.margin x the brand's GMV - its spend, yuan),
 * out[1 + c] what the brand spent on channel c and out[1 + CS_CH_COUNT +
 * c] its GMV there (yuan; NaN but on the platform):
 * CS_BATCH_OBJECTIVE_VALUES of them. */
enum { CS_BATCH_OBJECTIVE_VALUES = 1 + 2 * CS_CH_COUNT };
void cs_batch_objective(const cs_run *r, double *out, void *ctx);

typedef struct cs_batch {
    const cs_source *src;
    const char *const *sets; /* applied to every run first (a command's --set, --seed, --days) */
    size_t nsets;
    size_t nvalues;       /* measures per run */
    cs_batch_measure measure;
    void *measure_ctx;
    int fix_world;        /* 1: every run's world_seed is world_seed (the same people) */
    int64_t world_seed;
    int threads, jobs;    /* per run; runs at once (without a transport) */
    uint64_t run_memory;  /* each run's memory limit (0: none) */
    int run_memory_flags; /* its CS_LIMIT_ flags */
    volatile sig_atomic_t *stop;               /* set: no run starts or goes on */
    const cs_taskfarm_transport *transport;    /* NULL: this process alone */
    size_t runs;          /* runs done so far */
    double seconds;       /* wall time spent running them */
} cs_batch;

/* One run: sets is "KEY=VALUE" assignments separated by '\n' ("" for none),
 * applied after the command line's. */
typedef struct cs_batch_task {
    const char *sets;
    int64_t seed;
    double *values;       /* nvalues measures, when status is 0 */
    int status;           /* CS_TASK_DONE, CS_TASK_INVALID (the scenario is not valid)
                           * or CS_TASK_UNFINISHED */
} cs_batch_task;

/* n tasks with room for their measures, in one allocation (free() it);
 * NULL when out of memory. */
cs_batch_task *cs_batch_tasks(const cs_batch *f, size_t n);

/* Runs every task (rank 0 hands them to the other ranks under MPI).
 * Returns 0, or -1 when a run did not finish (a stop asked for, or out
 * of memory). */
int cs_batch_run(cs_batch *f, cs_batch_task *t, size_t n);

/* The scenario of a task, validated. Returns 0, CS_ERR_INPUT or
 * CS_ERR_NOMEM (reported to d); sc must be freed whatever the outcome. */
int cs_batch_scenario(const cs_batch *f, const char *sets, int64_t seed, cs_scenario *sc,
                     cs_diag *d);
/* The same on the heap (*sc set whatever the outcome, NULL only when out of
 * memory; close it with cs_scenario_close). */
int cs_batch_scenario_new(const cs_batch *f, const char *sets, int64_t seed, cs_scenario **sc,
                          cs_diag *d);

/* Under a transport, the workers: run tasks until rank 0 releases them;
 * and rank 0's release. */
void cs_batch_serve(cs_batch *f);
void cs_batch_release(const cs_batch *f);

#endif
