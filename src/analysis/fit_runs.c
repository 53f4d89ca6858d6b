/* SPDX-License-Identifier: MIT */
/* fit_runs.c - runs at once within a memory limit (fit_runs.h). */
#include "analysis/fit_runs.h"

#include "engine/engine.h"
#include "engine/memory.h"
#include "network/network.h"
#include "scenario/scenario_struct.h"

int cs_fit_runs(cs_scenario *largest, uint64_t limit, int flags, long long runs,
                long long *jobs, uint64_t *share, uint64_t *need, cs_diag *d)
{
    *share = *need = 0;
    if (limit == 0) /* unknown: nothing to check against */
        return 0;
    if (largest->network_kind == CS_NET_EDGELIST) {
        /* Its size is known only once read: read here, once, rather than
         * have every run refused after the batch has begun. */
        cs_edge_buf pairs = {0};
        cs_memory_guard guard = cs_memory_guard_for(largest, limit, flags);
        int rc = cs_scenario_read_edgelist_within(largest, &pairs, NULL, 1, &guard, d);
        cs_edge_buf_free(&pairs);
        if (rc)
            return rc;
    } else if (cs_memory_check(largest, limit, flags, d) != 0) {
        return CS_ERR_INPUT; /* not even one run fits */
    }
    *need = cs_memory_estimate(largest);
    long long at_once = *jobs < runs ? *jobs : runs;
    uint64_t fit = *need ? limit / *need : (uint64_t)at_once;
    if (fit < (uint64_t)at_once) {
        *jobs = (long long)fit;
        at_once = *jobs;
    }
    *share = limit / (uint64_t)(at_once > 0 ? at_once : 1);
    return 0;
}
