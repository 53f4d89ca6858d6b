/* farm.h - many runs of one scenario, each with its own --set assignments
 * and seed, on J jobs at once or spread over MPI ranks, each reduced to a
 * few numbers by the caller's measure: the runs behind `calibrate` (the
 * targets' measures) and `optimize` (the objective). */
#ifndef CS_CLI_FARM_H
#define CS_CLI_FARM_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/taskfarm.h"
#include "engine/engine.h"
#include "cli/options.h"

/* What optimize maximizes, measured on a finished run. */
enum cs_objective { CS_OBJ_BUYERS, CS_OBJ_GMV, CS_OBJ_BRAND_GMV, CS_OBJ_COUNT };
extern const char *const cs_objective_names[CS_OBJ_COUNT];
/* A finished run's measures: out holds the farm's nvalues. */
typedef void (*cs_farm_measure)(const cs_run *r, double *out, void *ctx);
/* optimize's measures: ctx points to an int, the objective; out[0] is it
 * (buyers: the last day's buyers; gmv: GMV of the whole run, both places,
 * yuan; brand_gmv: the brand's, merchant 0's, platform model only),
 * out[1 + c] what the brand spent on channel c (yuan; NaN but on the
 * platform): CS_FARM_OBJECTIVE_VALUES of them. */
enum { CS_FARM_OBJECTIVE_VALUES = 1 + CS_CH_COUNT };
void cs_farm_objective(const cs_run *r, double *out, void *ctx);

typedef struct cs_farm {
    const cs_source *src;
    const options *o;     /* --set, --seed, --days: applied to every run */
    size_t nvalues;       /* measures per run */
    cs_farm_measure measure;
    void *measure_ctx;
    int fix_world;        /* 1: every run's world_seed is world_seed (the same people) */
    int64_t world_seed;
    int threads, jobs;    /* per run; runs at once (without MPI) */
    size_t runs;          /* runs done so far */
    double seconds;       /* wall time spent running them */
} cs_farm;

/* One run: sets is "KEY=VALUE" assignments separated by '\n' ("" for none),
 * applied after the command line's. */
typedef struct cs_farm_task {
    const char *sets;
    int64_t seed;
    double *values;       /* nvalues measures, when status is 0 */
    int status;           /* CS_TASK_DONE, CS_TASK_INVALID (the scenario is not valid)
                           * or CS_TASK_UNFINISHED */
} cs_farm_task;

/* n tasks with room for their measures, in one allocation (free() it);
 * NULL when out of memory. */
cs_farm_task *cs_farm_tasks(const cs_farm *f, size_t n);

/* Runs every task (rank 0 hands them to the other ranks under MPI).
 * Returns 0, or -1 when a run did not finish (a stop asked for, or out
 * of memory). */
int cs_farm_run(cs_farm *f, cs_farm_task *t, size_t n);

/* The scenario of a task, validated. Returns 0 or the exit code
 * (reported to d). */
int cs_farm_scenario(const cs_farm *f, const char *sets, int64_t seed, cs_scenario *sc,
                     cs_diag *d);

/* Under MPI (cli/transport.h), the workers: run tasks until rank 0
 * releases them; and rank 0's release. */
void cs_farm_serve(cs_farm *f);
void cs_farm_release(void);

#endif
