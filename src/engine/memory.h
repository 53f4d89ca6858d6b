/* SPDX-License-Identifier: MIT */
/* memory.h - a run's peak memory, estimated before it starts, so that a run
 * that cannot fit is refused with a clear message instead of swapping or
 * being killed hours later. */
#ifndef CIRCLESIM_MEMORY_H
#define CIRCLESIM_MEMORY_H

#include <stddef.h>
#include <stdint.h>

#include "base/alloc.h"
#include "scenario/scenario.h"

struct cs_diag;

/* The resident memory a run of sc (validated) should peak at, in bytes:
 * the larger of building its network and running its model, plus the
 * program itself. docs/ROBUSTNESS.md gives the model and its measured
 * error (within 25% by test, within 10% on the sizes measured). */
uint64_t cs_memory_estimate(const cs_scenario *sc);

/* Flags of cs_memory_check. */
enum {
    CS_LIMIT_GIVEN = 1,  /* the limit was set by --max-memory (else: the memory available) */
    CS_LIMIT_NETWORK = 2 /* only the network is built (graph): its peak alone */
};
/* 0 when sc's estimate fits in limit (0: no limit); otherwise reports
 * the estimate and the limit and returns CS_ERR_INPUT. */
int cs_memory_check(const cs_scenario *sc, uint64_t limit, int flags, struct cs_diag *diag);

/* What a run's memory is held to while its network is built (an edge list
 * settles its size only when read): the limit (0: none), its CS_LIMIT_
 * flags, and the model's own bytes per user, which only the model knows. */
typedef struct cs_memory_guard {
    uint64_t limit;
    int flags;
    double model_bytes_per_user;
    double model_fixed_bytes; /* the model's state that does not grow with the users */
} cs_memory_guard;
/* The guard of sc's model (the models layer fills in the model's part). */
cs_memory_guard cs_memory_guard_for(const cs_scenario *sc, uint64_t limit, int flags);
/* The estimate and the check with the model's bytes given (the engine's
 * side; the functions above are these with the scenario's model asked). */
uint64_t cs_memory_estimate_guarded(const cs_scenario *sc, const cs_memory_guard *g);
int cs_memory_check_guarded(const cs_scenario *sc, const cs_memory_guard *g,
                            struct cs_diag *diag);

#endif
