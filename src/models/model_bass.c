/* SPDX-License-Identifier: MIT */
/* model_bass.c - Bass diffusion on a network: each day every non-buyer buys
 * with probability p + q x (share of its neighbours who had bought by the end
 * of yesterday); on a complete network the share is over the population.
 * bass.seeds have bought at day 0 (a seeding campaign): they count as
 * buyers and as day 1's orders, as the cascade's seeds do. */
#include <stdlib.h>

#include "circlesim/rng.h"
#include "engine/model.h"
#include "engine/run_struct.h"

typedef struct bass_state {
    uint8_t *bought;      /* 0 no, 1 by the end of yesterday, 2 today */
    uint32_t *nb_bought;  /* neighbours with bought == 1 (not used when complete) */
    uint32_t *fresh;      /* today's buyers, block b's from b * CS_BLOCK (fresh_n[b] of them) */
    uint32_t *fresh_n;
    int64_t buyers;       /* users with bought != 0 */
} bass_state;

double cs_bass_probability(double p, double q, uint64_t bought_neighbours, uint64_t degree)
{
    double share = degree ? (double)bought_neighbours / (double)degree : 0.0;
    double prob = p + q * share;
    return prob < 1.0 ? prob : 1.0;
}

static int bass_init(cs_run *r)
{
    bass_state *s = calloc(1, sizeof *s);
    if (!s)
        return CS_ERR_NOMEM;
    r->state = s;
    uint32_t n = r->net.n;
    s->bought = calloc(n ? n : 1, 1);
    s->fresh = malloc((n ? n : 1) * sizeof *s->fresh);
    s->fresh_n = calloc((n + CS_BLOCK - 1) / CS_BLOCK + 1, sizeof *s->fresh_n);
    if (!r->net.complete)
        s->nb_bought = calloc(n ? n : 1, sizeof *s->nb_bought);
    if (!s->bought || !s->fresh || !s->fresh_n || (!r->net.complete && !s->nb_bought))
        return CS_ERR_NOMEM;
    const cs_int_list *seeds = &r->sc->bass_seeds;
    for (size_t i = 0; i < seeds->n; i++) {
        uint32_t u = (uint32_t)seeds->v[i];
        if (s->bought[u])
            continue;
        s->bought[u] = 1;
        s->buyers++;
        if (!r->net.complete)
            for (uint64_t e = r->net.off[u]; e < r->net.off[u + 1]; e++)
                s->nb_bought[r->net.adj[e]]++;
    }
    return 0;
}

static int bass_step(cs_run *r, int64_t day, cs_day_row *row)
{
    bass_state *s = r->state;
    const cs_network *net = &r->net;
    const double p = r->sc->bass_p, q = r->sc->bass_q;
    const uint64_t key = cs_rng_key((uint64_t)r->sc->seed, CS_STREAM_BASS, (uint64_t)day);
    const int64_t n = net->n;
    const int64_t nblocks = (n + CS_BLOCK - 1) / CS_BLOCK;
    const int64_t before = s->buyers;
    int64_t added = 0;

    /* Decide: reads only yesterday's state (bought == 1, nb_bought). */
#pragma omp parallel for schedule(static) reduction(+ : added) num_threads(r->threads) if (nblocks > 1)
    for (int64_t b = 0; b < nblocks; b++) {
        int64_t end = (b + 1) * CS_BLOCK < n ? (b + 1) * CS_BLOCK : n;
        uint32_t *fresh = s->fresh + b * CS_BLOCK, k = 0;
        for (int64_t i = b * CS_BLOCK; i < end; i++) {
            if (s->bought[i])
                continue;
            double prob = net->complete
                              ? cs_bass_probability(p, q, (uint64_t)before, (uint64_t)n)
                              : cs_bass_probability(p, q, s->nb_bought[i],
                                                    cs_network_degree(net, (uint32_t)i));
            cs_pcg32 rng = cs_rng_stream_keyed(key, (uint64_t)i);
            if (cs_pcg32_double(&rng) < prob)
                fresh[k++] = (uint32_t)i; /* bought stays 0: others read yesterday's */
        }
        s->fresh_n[b] = k;
        added += k;
    }

    /* Commit: today's buyers (each block's list, not a scan of everyone)
     * become yesterday's for tomorrow. Counter increments commute, so the
     * counts are the same in any order; they need atomic adds only when
     * blocks run side by side. */
    const int shared = r->threads > 1 && nblocks > 1;
#pragma omp parallel for schedule(static) num_threads(r->threads) if (shared)
    for (int64_t b = 0; b < nblocks; b++) {
        const uint32_t *fresh = s->fresh + b * CS_BLOCK;
        const uint32_t nf = s->fresh_n[b];
        for (uint32_t j = 0; j < nf; j++) {
            uint32_t i = fresh[j];
            s->bought[i] = 1;
            if (net->complete)
                continue;
            /* Buyers' ties lead to random places: fetch ahead, a chain of
             * three (the row's bounds, the row, the counts it adds to), so
             * the adds below find their lines in cache. An atomic add waits
             * for its own miss; these do not. Not a hub's counts, which
             * would push the others out of the cache. */
            if (j + 8 < nf)
                __builtin_prefetch(&net->off[fresh[j + 8]]);
            if (j + 4 < nf)
                __builtin_prefetch(&net->adj[net->off[fresh[j + 4]]]);
            const uint32_t ahead = j + 2 < nf ? fresh[j + 2] : 0;
            if (j + 2 < nf && cs_network_degree(net, ahead) <= CS_PREFETCH_TIES)
                for (uint64_t e = net->off[ahead]; e < net->off[ahead + 1]; e++)
                    __builtin_prefetch(&s->nb_bought[net->adj[e]], 1);
            if (shared) {
                for (uint64_t e = net->off[i]; e < net->off[i + 1]; e++) {
#pragma omp atomic update
                    s->nb_bought[net->adj[e]]++;
                }
            } else {
                for (uint64_t e = net->off[i]; e < net->off[i + 1]; e++)
                    s->nb_bought[net->adj[e]]++;
            }
        }
    }

    /* The seeds bought at day 0; they are reported with day 1's orders
     * (before day 1 no row exists). */
    row->orders = added + (day == 1 ? s->buyers : 0);
    s->buyers += added;
    row->buyers = s->buyers;
    cs_textbook_row(r, row);
    return 0;
}

static void bass_free(cs_run *r)
{
    bass_state *s = r->state;
    if (!s)
        return;
    free(s->bought);
    free(s->nb_bought);
    free(s->fresh);
    free(s->fresh_n);
    free(s);
    r->state = NULL;
}

static void bass_view(const cs_run *r, uint32_t u, cs_user_view *v)
{
    const bass_state *s = r->state;
    cs_view_textbook(v, s->bought[u] != 0);
}

static void bass_state_io(cs_run *r, cs_ckpt *c)
{
    cs_ckpt_scratch(c, &r->state, sizeof(bass_state), 1);
    bass_state *s = r->state;
    if (!s)
        return;
    const uint32_t n = r->net.n;
    cs_ckpt_bytes(c, &s->buyers, sizeof s->buyers);
    cs_ckpt_array(c, &s->bought, 1, n, 0);
    if (!r->net.complete)
        cs_ckpt_array(c, &s->nb_bought, sizeof *s->nb_bought, n, 0);
    cs_ckpt_scratch(c, &s->fresh, sizeof *s->fresh, n);
    cs_ckpt_scratch(c, &s->fresh_n, sizeof *s->fresh_n, (n + CS_BLOCK - 1) / CS_BLOCK + 1);
    if (!cs_ckpt_loading(c) || cs_ckpt_error(c))
        return;
    int64_t buyers = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (s->bought[i] > 1 || (!r->net.complete && s->nb_bought[i] > cs_network_degree(&r->net, i)))
            cs_ckpt_invalid(c, "a user's state");
        buyers += s->bought[i];
    }
    if (buyers != s->buyers)
        cs_ckpt_invalid(c, "the count of buyers");
}

/* What graph files say of a user: the stage pictures show (bought or
 * unaware), whether the user has adopted, and whether bass.seeds made it a
 * buyer at day 0. The model keeps no day of adoption. */
static const cs_attr_def bass_defs[] = {
    {"stage", CS_ATTR_STRING},
    {"adopted", CS_ATTR_BOOL},
    {"seed", CS_ATTR_BOOL},
};

typedef struct bass_nodes {
    const cs_run *r;
    uint8_t seed[]; /* a bit a user: in bass.seeds */
} bass_nodes;

static void bass_values(const void *ctx, uint32_t u, cs_attr_value *v, char *text, size_t cap)
{
    (void)text;
    (void)cap;
    const bass_nodes *b = ctx;
    const bass_state *s = b->r->state;
    cs_user_view view;
    bass_view(b->r, u, &view);
    v[0] = (cs_attr_value){.set = 1, .s = cs_stage_names[view.stage]};
    v[1] = (cs_attr_value){.set = 1, .i = s->bought[u] != 0};
    v[2] = (cs_attr_value){.set = 1, .i = (b->seed[u / 8] >> (u % 8)) & 1};
}

static int bass_node_attrs(const cs_run *r, cs_node_attrs *t)
{
    /* The seeds as a bitmap: the list may be long and in any order. */
    const uint32_t n = r->net.n;
    bass_nodes *b = calloc(1, sizeof *b + (size_t)n / 8 + 1);
    if (!b)
        return CS_ERR_NOMEM;
    b->r = r;
    const cs_int_list *seeds = &r->base->bass_seeds;
    for (size_t i = 0; i < seeds->n; i++)
        if (seeds->v[i] >= 0 && (uint64_t)seeds->v[i] < n)
            b->seed[seeds->v[i] / 8] |= (uint8_t)(1u << (seeds->v[i] % 8));
    t->count = sizeof bass_defs / sizeof bass_defs[0];
    t->defs = bass_defs;
    t->values = bass_values;
    t->ctx = b;
    t->owned = b;
    return 0;
}

/* Bought, neighbours who bought, today's buyers; a complete network counts
 * no neighbours. */
static double bass_bytes_per_user(const cs_scenario *sc)
{
    return sc->network_kind == CS_NET_COMPLETE ? 5 : 9;
}

const cs_model_ops cs_bass_ops = {
    .init = bass_init,
    .step = bass_step,
    .free = bass_free,
    .view = bass_view,
    .state = bass_state_io,
    .bytes_per_user = bass_bytes_per_user,
    .node_attrs = bass_node_attrs,
};
