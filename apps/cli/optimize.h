/* SPDX-License-Identifier: MIT */
/* optimize.h - the `optimize` command: which users to seed (--choose) and
 * how to split a marketing budget over channels (--budget). */
#ifndef CS_CLI_OPTIMIZE_H
#define CS_CLI_OPTIMIZE_H

#include "circlesim/diag.h"
#include "engine/engine.h"
#include "analysis/batch.h"
#include "cli/options.h"

extern const char cs_help_optimize[];
int cs_cmd_optimize(int argc, char **argv, cs_diag *d);

/* What both modes share once the scenario is read and checked. */
typedef struct cs_optimizer {
    const options *o;
    cs_source src;
    cs_batch farm;
    cs_assignments sets;  /* the command line's, for every run */
    cs_scenario *base;    /* the scenario as given (with --set, --seed, --days) */
    int64_t base_seed;
    int64_t replicates;   /* R: runs per evaluation, and fresh runs per reported figure */
    int objective;        /* enum cs_objective */
    char *command;        /* the command line, for the files written */
    int quiet;
} cs_optimizer;

/* The seed of fitting replicate r (0 .. R-1) and of fresh replicate r
 * (reported figures: R .. 2R-1), as calibrate uses them. */
int64_t cs_optimizer_seed(const cs_optimizer *z, int64_t r, int fresh);

/* --choose (choose.c): checks the options, builds the world and the pool
 * before any folder is made (0 or the exit code, reported; *out is freed
 * by cs_choose_free whatever it returns), then chooses and reports. */
typedef struct cs_chooser cs_chooser;
int cs_choose_setup(cs_optimizer *z, cs_chooser **out, cs_diag *d);
int cs_choose_run(cs_chooser *c, cs_diag *d);
void cs_choose_free(cs_chooser *c);

/* --budget (allocate.c): checks the options and the scenario's prices
 * before any folder is made (0 or the exit code, reported; *out is freed
 * by cs_budget_free whatever it returns), then runs. */
typedef struct cs_budget cs_budget;
int cs_budget_setup(cs_optimizer *z, cs_budget **out, cs_diag *d);
int cs_budget_run(cs_budget *a, cs_diag *d);
void cs_budget_free(cs_budget *a);

#endif
