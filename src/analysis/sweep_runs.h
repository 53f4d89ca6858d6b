/* SPDX-License-Identifier: MIT */
/* sweep_runs.h - the runs of a sweep: run r is replicate r % R of design
 * point r / R, on the seed cs_replicate_seed(base_seed, replicate) (the
 * same for every point: common random numbers). Each run's scenario is the
 * file, the assignments given for all, the point's values and the seed;
 * each finished run is one record of runs.csv. */
#ifndef CS_ANALYSIS_SWEEP_RUNS_H
#define CS_ANALYSIS_SWEEP_RUNS_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "analysis/design.h"
#include "scenario/source.h"

typedef struct cs_sweep_plan {
    const cs_source *src;          /* the scenario file, read once */
    const char *const *sets;       /* assignments for every run, before the point's */
    size_t nsets;
    const cs_design *g;            /* the design table (cs_design_table) */
    int64_t replicates, base_seed;
    int threads;                   /* per run */
    uint64_t run_memory;           /* each run's memory limit (0: none) */
    int run_memory_flags;          /* CS_LIMIT_ flags */
    volatile sig_atomic_t *stop;   /* set: runs under way stop (NULL: never) */
} cs_sweep_plan;

/* The scenario of one point and replicate, validated. 0, CS_ERR_INPUT
 * (reported) or CS_ERR_NOMEM; sc must be freed whatever the outcome. */
int cs_sweep_point_scenario(const cs_sweep_plan *p, size_t point, int64_t replicate,
                            cs_scenario *sc, cs_diag *d);
/* The same on the heap (*sc set whatever the outcome, NULL only when out of
 * memory; close it with cs_scenario_close). */
int cs_sweep_point_scenario_new(const cs_sweep_plan *p, size_t point, int64_t replicate,
                                cs_scenario **sc, cs_diag *d);
/* The fields of run's record that the design fixes (run, point,
 * replicate, seed, variant, varied values) with the comma after them;
 * NULL when out of memory. A record read back on --resume must begin with
 * exactly these. */
char *cs_sweep_record_prefix(const cs_sweep_plan *p, size_t run);
/* Runs run to its end and returns its record (line end included), and
 * with series its series.csv rows (run,day,<columns>); NULL when the run
 * did not finish (reported to d but for a stop). */
char *cs_sweep_run_one(const cs_sweep_plan *p, size_t run, char **series, cs_diag *d);
/* Every design point's scenario (replicate 0), checked before any run: a
 * bad one is reported with the point's values (or variant) after its own
 * message. Returns 0, CS_ERR_INPUT or CS_ERR_NOMEM; *largest is the point
 * whose runs need the most memory. */
int cs_sweep_check_points(const cs_sweep_plan *p, size_t *largest, cs_diag *d);
/* runs.csv's header line for model. */
void cs_sweep_header(FILE *o, const cs_sweep_plan *p, int model);

#endif
