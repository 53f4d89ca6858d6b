/* SPDX-License-Identifier: MIT */
/* model.h - what the day loop needs from a model. */
#ifndef CS_MODEL_H
#define CS_MODEL_H

#include <stdio.h>

#include "engine/engine.h"
#include "engine/checkpoint.h"
#include "engine/checkpoint_io.h"
#include "network/graph_files.h"

struct cs_model_ops {
    /* Allocate state for r->net and r->sc; 0 or CS_ERR_NOMEM. */
    int (*init)(cs_run *r);
    /* Advance one day (day = r->day + 1) and fill row. 0 or CS_ERR_NOMEM. */
    int (*step)(cs_run *r, int64_t day, cs_day_row *row);
    void (*free)(cs_run *r);
    /* Optional (NULL for the textbook models). */
    int (*facts)(const cs_run *r, cs_facts *f);
    int (*detail)(const cs_run *r, int dirfd, const char *dir, cs_diag *diag);
    /* What pictures show; view must fill everything. */
    void (*view)(const cs_run *r, uint32_t u, cs_user_view *v);
    void (*funnel)(const cs_run *r, cs_funnel *f);
    size_t (*sale_ties)(const cs_run *r, const uint32_t **pairs);
    /* Describe the state to a checkpoint (checkpoint_io.h): saving writes
     * it, loading allocates r->state and reads it, then checks every value
     * the model indexes with. */
    void (*state)(cs_run *r, cs_ckpt *c);
    /* Bytes of the model's own state per user, network excluded, for the
     * memory estimate (counted from its arrays' types). */
    double (*bytes_per_user)(const cs_scenario *sc);
    /* Bytes of its state that do not grow with the users (optional). */
    double (*fixed_bytes)(const cs_scenario *sc);
    /* summary.json's sections of the model (optional), each line "  \"key\":
     * {...},": written after "network". */
    void (*summary)(FILE *o, const cs_run *r);
    /* What graph files say of each user today (optional): fills the
     * table's columns and values (graph_files.h; ctx may be r, valid while
     * the run is not stepped). 0 or CS_ERR_NOMEM. */
    int (*node_attrs)(const cs_run *r, cs_node_attrs *t);
};

/* The ops of a model (src/models/models.c: the models layer binds the
 * scenario's model to its ops; the engine below never names a model). */
const cs_model_ops *cs_model_ops_for(int model);

/* cs_run_init_within with the model's ops given. */
int cs_run_init_ops(cs_run *r, cs_scenario *sc, const cs_model_ops *ops, int threads,
                    uint64_t memory_limit, int limit_flags, cs_diag *diag);

/* Finds a model's ops (checkpoint loading learns the model from the file). */
typedef const cs_model_ops *(*cs_ops_lookup)(int model);
/* cs_checkpoint_load and _at with the lookup of the models' ops. */
int cs_checkpoint_load_ops(const char *path, cs_ops_lookup ops_for, cs_scenario *sc, cs_run *r,
                           int threads, cs_checkpoint_plan *plan, cs_diag *diag);
int cs_checkpoint_load_ops_at(int dirfd, const char *name, const char *path,
                              cs_ops_lookup ops_for, cs_scenario *sc, cs_run *r, int threads,
                              cs_checkpoint_plan *plan, cs_diag *diag);

/* A textbook model's row, once its step set orders and buyers: everyone is
 * a user who opens the app every day, the funnel is one stage, and each
 * order is one sale at `price` (README.md: Output files). */
void cs_textbook_row(const cs_run *r, cs_day_row *row);

/* The view of a textbook model's user: everyone is a user, who has bought
 * (adopted, been activated) or not. */
void cs_view_textbook(cs_user_view *v, int bought);

extern const cs_model_ops cs_bass_ops;
extern const cs_model_ops cs_cascade_ops;
extern const cs_model_ops cs_platform_ops;

/* Users are processed in blocks of this many; per-block partial results are
 * combined in block order, so boundaries (and results) never depend on the
 * thread count. */
#define CS_BLOCK 4096

/* Most ties of one user whose far ends are fetched ahead of use: a hub's
 * thousands would push the other users' lines out of the cache. */
#define CS_PREFETCH_TIES 64

#endif
