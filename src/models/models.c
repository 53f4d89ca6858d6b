/* SPDX-License-Identifier: MIT */
/* models.c - which model runs a scenario: the one place where the engine's
 * model interface (engine/model.h) meets the models. The engine below never
 * names a model; the public entry points that must choose one are here. */
#include <stdlib.h>

#include "engine/checkpoint.h"
#include "engine/engine.h"
#include "engine/memory.h"
#include "engine/model.h"
#include "engine/run_struct.h"

const cs_model_ops *cs_model_ops_for(int model)
{
    switch (model) {
    case CS_MODEL_CASCADE: return &cs_cascade_ops;
    case CS_MODEL_PLATFORM: return &cs_platform_ops;
    default: return &cs_bass_ops;
    }
}

cs_memory_guard cs_memory_guard_for(const cs_scenario *sc, uint64_t limit, int flags)
{
    const cs_model_ops *ops = cs_model_ops_for(sc->model);
    cs_memory_guard g = {limit, flags, ops->bytes_per_user(sc),
                         ops->fixed_bytes ? ops->fixed_bytes(sc) : 0};
    return g;
}

uint64_t cs_memory_estimate(const cs_scenario *sc)
{
    cs_memory_guard g = cs_memory_guard_for(sc, 0, 0);
    return cs_memory_estimate_guarded(sc, &g);
}

int cs_memory_check(const cs_scenario *sc, uint64_t limit, int flags, cs_diag *diag)
{
    cs_memory_guard g = cs_memory_guard_for(sc, limit, flags);
    return cs_memory_check_guarded(sc, &g, diag);
}

int cs_run_init(cs_run *r, cs_scenario *sc, int threads, cs_diag *diag)
{
    return cs_run_init_within(r, sc, threads, 0, 0, diag);
}

int cs_run_init_within(cs_run *r, cs_scenario *sc, int threads, uint64_t memory_limit,
                       int limit_flags, cs_diag *diag)
{
    return cs_run_init_ops(r, sc, cs_model_ops_for(sc->model), threads, memory_limit,
                           limit_flags, diag);
}

cs_run *cs_run_open_within(cs_scenario *sc, int threads, uint64_t memory_limit,
                           int limit_flags, int *rc, cs_diag *diag)
{
    int code = CS_ERR_NOMEM;
    cs_run *r = calloc(1, sizeof *r);
    if (r)
        code = cs_run_init_within(r, sc, threads, memory_limit, limit_flags, diag);
    if (rc)
        *rc = code;
    if (code == 0)
        return r;
    if (r)
        cs_run_free(r);
    free(r);
    return NULL;
}

int cs_checkpoint_load(const char *path, cs_scenario *sc, cs_run *r, int threads,
                       cs_checkpoint_plan *plan, cs_diag *diag)
{
    return cs_checkpoint_load_ops(path, cs_model_ops_for, sc, r, threads, plan, diag);
}

int cs_checkpoint_load_at(int dirfd, const char *name, const char *path, cs_scenario *sc,
                          cs_run *r, int threads, cs_checkpoint_plan *plan, cs_diag *diag)
{
    return cs_checkpoint_load_ops_at(dirfd, name, path, cs_model_ops_for, sc, r, threads, plan,
                                     diag);
}

int cs_checkpoint_open_at(int dirfd, const char *name, const char *path, cs_scenario **sc,
                          cs_run **r, int threads, cs_checkpoint_plan *plan, cs_diag *diag)
{
    *sc = calloc(1, sizeof **sc);
    *r = calloc(1, sizeof **r);
    if (!*sc || !*r)
        return CS_ERR_NOMEM;
    return cs_checkpoint_load_at(dirfd, name, path, *sc, *r, threads, plan, diag);
}
