/* SPDX-License-Identifier: MIT */
/* run_struct.h (internal) - the fields of a run, for the library's own
 * files. The programs in apps/ do not include it: they hold a run by
 * pointer and ask through engine/engine.h (tests/layers.sh checks).
 */
#ifndef CIRCLESIM_RUN_STRUCT_H
#define CIRCLESIM_RUN_STRUCT_H

#include "engine/engine.h"
#include "scenario/scenario_struct.h"

/* A run points into itself (sc == &live): never copy one by value. */
struct cs_run {
    const cs_scenario *sc;  /* as it stands today: levers changed by interventions */
    const cs_scenario *base; /* as given: what the output files describe */
    cs_scenario live;       /* sc points here; shares base's strings and lists, but
                             * owns its copy of the interventions */
    cs_network net;
    cs_nodes nodes;         /* network.nodes, when the scenario gives one */
    uint64_t self_loops_dropped; /* edge list only */
    uint64_t duplicates_dropped;
    int threads;
    int64_t day;            /* days completed */
    cs_day_row *rows;       /* rows[0 .. day) */
    const cs_model_ops *ops;
    void *state;            /* the model's own */
    int64_t warmup_days;    /* run before day 1 (platform) */
};

/* The scenario a run's output describes: as given, with the interventions
 * of the run (given and recorded). Shares the run's memory. */
cs_scenario cs_run_scenario(const cs_run *r);

#endif
