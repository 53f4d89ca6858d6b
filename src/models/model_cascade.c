/* SPDX-License-Identifier: MIT */
/* model_cascade.c - independent cascade: seeds are active at day 0; on day t
 * every user activated on day t - 1 gets one chance to activate each inactive
 * neighbour with probability cascade.p. */
#include <stdlib.h>
#include <string.h>

#include "circlesim/rng.h"
#include "engine/model.h"
#include "engine/run_struct.h"

/* Users one block of the frontier reached today, in the order drawn. */
typedef struct cand_list {
    uint32_t *v;
    int64_t n, cap;
} cand_list;

typedef struct cascade_state {
    int32_t *active_day;   /* day a user became active, -1 while inactive */
    uint32_t *frontier;    /* users activated yesterday */
    int64_t nfrontier;
    uint32_t *next;        /* users activated today, in a fixed order */
    int64_t active;        /* ever-active users */
    int64_t seeds_pending; /* seeds not yet reported (counted on day 1) */
    cand_list *cand;       /* one per block of the frontier, for one day */
    int64_t ncand_lists;
} cascade_state;

static int cascade_init(cs_run *r)
{
    cascade_state *s = calloc(1, sizeof *s);
    if (!s)
        return CS_ERR_NOMEM;
    r->state = s;
    uint32_t n = r->net.n;
    s->active_day = malloc((n ? n : 1) * sizeof *s->active_day);
    s->frontier = malloc((n ? n : 1) * sizeof *s->frontier);
    s->next = malloc((n ? n : 1) * sizeof *s->next);
    if (!s->active_day || !s->frontier || !s->next)
        return CS_ERR_NOMEM;
    memset(s->active_day, 0xff, (size_t)n * sizeof *s->active_day);
    const cs_int_list *seeds = &r->sc->cascade_seeds;
    for (size_t i = 0; i < seeds->n; i++) {
        uint32_t u = (uint32_t)seeds->v[i];
        if (s->active_day[u] < 0) {
            s->active_day[u] = 0;
            s->frontier[s->nfrontier++] = u;
        }
    }
    s->active = s->nfrontier;
    s->seeds_pending = s->nfrontier;
    return 0;
}

static int by_index(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static int push(cand_list *l, uint32_t v)
{
    if (l->n == l->cap) {
        int64_t cap = l->cap ? 2 * l->cap : 64;
        uint32_t *nv = realloc(l->v, (size_t)cap * sizeof *nv);
        if (!nv)
            return CS_ERR_NOMEM;
        l->v = nv;
        l->cap = cap;
    }
    l->v[l->n++] = v;
    return 0;
}

static int cascade_step(cs_run *r, int64_t day, cs_day_row *row)
{
    cascade_state *s = r->state;
    const cs_network *net = &r->net;
    const double p = r->sc->cascade_p;
    const uint64_t seed = (uint64_t)r->sc->seed;
    const int64_t nblocks = (s->nfrontier + CS_BLOCK - 1) / CS_BLOCK;
    if (nblocks > s->ncand_lists) {
        cand_list *c = realloc(s->cand, (size_t)nblocks * sizeof *c);
        if (!c)
            return CS_ERR_NOMEM;
        memset(c + s->ncand_lists, 0, (size_t)(nblocks - s->ncand_lists) * sizeof *c);
        s->cand = c;
        s->ncand_lists = nblocks;
    }
    int failed = 0;
    const uint64_t key = cs_rng_key(seed, CS_STREAM_CASCADE, (uint64_t)day);

    /* Attempts: each of yesterday's activations draws from its own stream,
     * once per neighbour inactive at the start of today, in adjacency order,
     * so the draws do not depend on timing. The first success claims the
     * neighbour (active_day set to today, atomically) and only the claimer
     * lists it: the lists hold each user once, however many reach it (on a
     * complete network, millions would). */
#pragma omp parallel for schedule(dynamic, 1) num_threads(r->threads) reduction(| : failed) if (nblocks > 1)
    for (int64_t b = 0; b < nblocks; b++) {
        s->cand[b].n = 0;
        int64_t end = (b + 1) * CS_BLOCK < s->nfrontier ? (b + 1) * CS_BLOCK : s->nfrontier;
        for (int64_t f = b * CS_BLOCK; f < end && !failed; f++) {
            uint32_t u = s->frontier[f];
            cs_pcg32 rng = cs_rng_stream_keyed(key, u);
            uint64_t deg = cs_network_degree(net, u);
            for (uint64_t e = 0; e < deg; e++) {
                uint32_t v = net->complete ? (uint32_t)(e < u ? e : e + 1)
                                           : net->adj[net->off[u] + e];
                int32_t was = __atomic_load_n(&s->active_day[v], __ATOMIC_RELAXED);
                if (was >= 0 && was != (int32_t)day)
                    continue;
                if (!(cs_pcg32_double(&rng) < p) || was == (int32_t)day)
                    continue;
                int32_t inactive = -1;
                if (__atomic_compare_exchange_n(&s->active_day[v], &inactive, (int32_t)day, 0,
                                                __ATOMIC_RELAXED, __ATOMIC_RELAXED) &&
                    push(&s->cand[b], v) != 0) {
                    failed = 1;
                    break;
                }
            }
        }
    }
    if (failed)
        return CS_ERR_NOMEM;

    /* Today's activations, in increasing order whichever block claimed them. */
    int64_t nnext = 0;
    for (int64_t b = 0; b < nblocks; b++)
        for (int64_t k = 0; k < s->cand[b].n; k++)
            s->next[nnext++] = s->cand[b].v[k];
    qsort(s->next, (size_t)nnext, sizeof *s->next, by_index);
    uint32_t *t = s->frontier;
    s->frontier = s->next;
    s->next = t;
    s->nfrontier = nnext;
    s->active += nnext;

    row->orders = nnext + s->seeds_pending;
    s->seeds_pending = 0;
    row->buyers = s->active;
    cs_textbook_row(r, row);
    return 0;
}

static void cascade_free(cs_run *r)
{
    cascade_state *s = r->state;
    if (!s)
        return;
    for (int64_t b = 0; b < s->ncand_lists; b++)
        free(s->cand[b].v);
    free(s->cand);
    free(s->active_day);
    free(s->frontier);
    free(s->next);
    free(s);
    r->state = NULL;
}

static void cascade_view(const cs_run *r, uint32_t u, cs_user_view *v)
{
    const cascade_state *s = r->state;
    cs_view_textbook(v, s->active_day[u] >= 0);
}

static void cascade_state_io(cs_run *r, cs_ckpt *c)
{
    cs_ckpt_scratch(c, &r->state, sizeof(cascade_state), 1);
    cascade_state *s = r->state;
    if (!s)
        return;
    const uint32_t n = r->net.n;
    cs_ckpt_bytes(c, &s->nfrontier, sizeof s->nfrontier);
    cs_ckpt_bytes(c, &s->active, sizeof s->active);
    cs_ckpt_bytes(c, &s->seeds_pending, sizeof s->seeds_pending);
    if (cs_ckpt_loading(c) && !cs_ckpt_error(c) &&
        (s->nfrontier < 0 || s->nfrontier > n || s->active < 0 || s->active > n ||
         s->seeds_pending < 0 || s->seeds_pending > n))
        cs_ckpt_invalid(c, "the counts of active users");
    cs_ckpt_array(c, &s->active_day, sizeof *s->active_day, n, 0);
    cs_ckpt_array(c, &s->frontier, sizeof *s->frontier,
                  cs_ckpt_error(c) ? 0 : (uint64_t)s->nfrontier, n);
    cs_ckpt_scratch(c, &s->next, sizeof *s->next, n);
    if (!cs_ckpt_loading(c) || cs_ckpt_error(c))
        return;
    for (int64_t f = 0; f < s->nfrontier; f++)
        if (s->frontier[f] >= n || s->active_day[s->frontier[f]] != (int32_t)r->day)
            cs_ckpt_invalid(c, "the frontier");
    int64_t active = 0;
    for (uint32_t u = 0; u < n; u++) {
        if (s->active_day[u] > (int32_t)r->day || s->active_day[u] < -1)
            cs_ckpt_invalid(c, "a user's activation day");
        active += s->active_day[u] >= 0;
    }
    if (active != s->active)
        cs_ckpt_invalid(c, "the count of active users");
}

/* What graph files say of a user: the stage pictures show (bought, i.e.
 * active, or unaware), whether the user is active, the day it became so (0:
 * a seed; left out while inactive) and whether it was a seed. */
static const cs_attr_def cascade_defs[] = {
    {"stage", CS_ATTR_STRING},
    {"active", CS_ATTR_BOOL},
    {"day_active", CS_ATTR_INT},
    {"seed", CS_ATTR_BOOL},
};

static void cascade_values(const void *ctx, uint32_t u, cs_attr_value *v, char *text,
                           size_t cap)
{
    (void)text;
    (void)cap;
    const cs_run *r = ctx;
    const cascade_state *s = r->state;
    cs_user_view view;
    cascade_view(r, u, &view);
    const int32_t day = s->active_day[u];
    v[0] = (cs_attr_value){.set = 1, .s = cs_stage_names[view.stage]};
    v[1] = (cs_attr_value){.set = 1, .i = day >= 0};
    v[2] = (cs_attr_value){.set = day >= 0, .i = day};
    v[3] = (cs_attr_value){.set = 1, .i = day == 0};
}

static int cascade_node_attrs(const cs_run *r, cs_node_attrs *t)
{
    t->count = sizeof cascade_defs / sizeof cascade_defs[0];
    t->defs = cascade_defs;
    t->values = cascade_values;
    t->ctx = r;
    return 0;
}

/* Activation day, frontier, today's activations. */
static double cascade_bytes_per_user(const cs_scenario *sc)
{
    (void)sc;
    return 12;
}

const cs_model_ops cs_cascade_ops = {
    .init = cascade_init,
    .step = cascade_step,
    .free = cascade_free,
    .view = cascade_view,
    .state = cascade_state_io,
    .bytes_per_user = cascade_bytes_per_user,
    .node_attrs = cascade_node_attrs,
};
