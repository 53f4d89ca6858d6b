/* SPDX-License-Identifier: MIT */
/* fit_runs.h - how many runs of an experiment fit in memory at once: the
 * largest run's estimate against a limit, before any run starts, and each
 * run's share of the limit (an edge list's size is known only once read,
 * so each run is held to its share as soon as it is). */
#ifndef CS_ANALYSIS_FIT_RUNS_H
#define CS_ANALYSIS_FIT_RUNS_H

#include <stdint.h>

#include "circlesim/diag.h"
#include "scenario/scenario.h"

/* largest is a scenario of the largest run (an edge list's is read here to
 * settle its size); limit 0 checks nothing. When not even one run fits,
 * CS_ERR_INPUT, reported. Otherwise *jobs is lowered to the runs that fit
 * (at most runs), *share is each run's limit and *need the largest run's
 * estimate (bytes). CS_ERR_NOMEM too. */
int cs_fit_runs(cs_scenario *largest, uint64_t limit, int flags, long long runs,
                long long *jobs, uint64_t *share, uint64_t *need, cs_diag *d);

#endif
