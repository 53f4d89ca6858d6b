/* SPDX-License-Identifier: MIT */
/* homophily.c - the platform's default social network: heavy-tailed degree,
 * ties that follow shared interests and city tier, and triadic closure. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/alias.h"
#include "network/network.h"
#include "network/population.h"
#include "circlesim/rng.h"

/* Users grouped into buckets (one per tag, or per tier), each bucket with a
 * Walker alias table over its members' weights, so a member is drawn in
 * proportion to its weight in constant time (Vose 1991): 10^7 users make
 * 5 * 10^7 draws, and a binary search per draw cost most of the time. A
 * slot holds both users it can give, so a draw reads one cache line: the
 * tables of 10^7 users are far larger than any cache. */
typedef struct slot {
    double prob;         /* chance of keeping the slot's member rather than its alias */
    uint32_t member;
    uint32_t alias_member;
} slot;

typedef struct buckets {
    uint32_t nb;
    uint64_t *start;  /* nb + 1 offsets into slot */
    slot *slot;
} buckets;

static void buckets_free(buckets *b)
{
    free(b->start);
    free(b->slot);
    memset(b, 0, sizeof *b);
}

/* The alias table of slots [0, m) of one bucket, weights w[member]. */
static void alias_build(double *prob, uint32_t *alias, const uint32_t *member, uint64_t m,
                        const float *w, uint32_t *small, uint32_t *large)
{
    double total = 0;
    for (uint64_t e = 0; e < m; e++)
        total += w[member[e]];
    for (uint64_t e = 0; e < m; e++)
        prob[e] = total > 0 ? (double)w[member[e]] * (double)m / total : 1.0;
    cs_alias_build(prob, alias, m, small, large);
}

/* Fill b from (key, user) pairs given by key_of(u, slot) for slot < per. */
static int buckets_build(buckets *b, uint32_t nb, uint32_t n, uint32_t per,
                         uint32_t (*key_of)(const cs_population *, uint32_t, uint32_t),
                         const cs_population *pop, const float *w)
{
    memset(b, 0, sizeof *b);
    uint64_t total = (uint64_t)n * per;
    size_t cells = (size_t)(total ? total : 1);
    b->nb = nb;
    b->start = calloc((size_t)nb + 1, sizeof *b->start);
    b->slot = cs_malloc_large(cells * sizeof *b->slot);
    uint32_t *member = malloc(cells * sizeof *member), *alias = malloc(cells * sizeof *alias);
    double *prob = malloc(cells * sizeof *prob);
    uint64_t *fill = malloc((size_t)nb * sizeof *fill);
    uint32_t *small = malloc(cells * sizeof *small), *large = malloc(cells * sizeof *large);
    if (!b->start || !b->slot || !member || !alias || !prob || !fill || !small || !large) {
        free(member), free(alias), free(prob);
        free(fill);
        free(small);
        free(large);
        buckets_free(b);
        return CS_ERR_NOMEM;
    }
    for (uint32_t u = 0; u < n; u++)
        for (uint32_t s = 0; s < per; s++)
            b->start[key_of(pop, u, s) + 1]++;
    for (uint32_t k = 0; k < nb; k++)
        b->start[k + 1] += b->start[k];
    memcpy(fill, b->start, (size_t)nb * sizeof *fill);
    /* Users in increasing order within each bucket: deterministic layout. */
    for (uint32_t u = 0; u < n; u++)
        for (uint32_t s = 0; s < per; s++)
            member[fill[key_of(pop, u, s)]++] = u;
    for (uint32_t k = 0; k < nb; k++) {
        uint64_t lo = b->start[k];
        alias_build(prob + lo, alias + lo, member + lo, b->start[k + 1] - lo, w, small, large);
        for (uint64_t e = lo; e < b->start[k + 1]; e++)
            b->slot[e] = (slot){prob[e], member[e], member[lo + alias[e]]};
    }
    free(member), free(alias), free(prob);
    free(fill);
    free(small);
    free(large);
    return 0;
}

/* The slot of bucket k a draw lands on; NULL if the bucket is empty. */
static const slot *pick_slot(const buckets *b, uint32_t k, cs_pcg32 *rng)
{
    uint64_t lo = b->start[k], m = b->start[k + 1] - lo;
    return m ? &b->slot[lo + cs_pcg32_bounded64(rng, m)] : NULL;
}

/* A member of bucket k drawn in proportion to weight; UINT32_MAX if empty. */
static uint32_t draw(const buckets *b, uint32_t k, cs_pcg32 *rng)
{
    const slot *e = pick_slot(b, k, rng);
    if (!e)
        return UINT32_MAX;
    return cs_pcg32_double(rng) >= e->prob ? e->alias_member : e->member;
}

static uint32_t key_all(const cs_population *p, uint32_t u, uint32_t s)
{
    (void)p, (void)u, (void)s;
    return 0;
}

static uint32_t key_tier(const cs_population *p, uint32_t u, uint32_t s)
{
    (void)s;
    return p->tier[u];
}

static uint32_t key_tag(const cs_population *p, uint32_t u, uint32_t s)
{
    return p->interest[(size_t)u * p->interests + s];
}

/* What making ties needs; read-only while they are made. */
typedef struct gen {
    const cs_population *pop;
    const cs_homophily_params *hp;
    buckets tags, tiers, all;
    cs_network first; /* the direct ties, for triadic closure */
    uint64_t seed;
} gen;

/* Partner for u by the homophily rule (interest, else tier, else anyone). */
static uint32_t partner(const gen *g, uint32_t u, cs_pcg32 *rng)
{
    const cs_population *pop = g->pop;
    double r = cs_pcg32_double(rng);
    if (r < g->hp->interest_share) {
        uint32_t s = cs_pcg32_bounded(rng, pop->interests);
        return draw(&g->tags, pop->interest[(size_t)u * pop->interests + s], rng);
    }
    if (cs_pcg32_double(rng) < g->hp->tier_share)
        return draw(&g->tiers, pop->tier[u], rng);
    return draw(&g->all, 0, rng);
}

enum tie_kind { TIE_DIRECT, TIE_CLOSING };

/* One tie from its own stream into pair[0..1]; UINT32_MAX when it makes
 * none. Direct: both ends drawn by weight, the second by the homophily rule,
 * up to 8 attempts. Closing: a user drawn by weight meets a random friend of
 * a random friend on the direct network, or (none there) a direct partner. */
static void make_tie(const gen *g, enum tie_kind kind, cs_pcg32 rng, uint32_t *pair)
{
    uint32_t u = draw(&g->all, 0, &rng), v = u;
    if (kind == TIE_DIRECT) {
        for (int attempt = 0; attempt < 8 && (v == u || v == UINT32_MAX); attempt++)
            v = partner(g, u, &rng);
    } else {
        const cs_network *first = &g->first;
        uint64_t du = cs_network_degree(first, u);
        if (du > 0) {
            uint32_t f = first->adj[first->off[u] + cs_pcg32_bounded64(&rng, du)];
            uint64_t df = cs_network_degree(first, f);
            v = first->adj[first->off[f] + cs_pcg32_bounded64(&rng, df)];
        }
        if (v == u) /* no friend of a friend: a direct tie instead */
            v = partner(g, u, &rng);
    }
    int made = v != u && v != UINT32_MAX;
    pair[0] = made ? u : UINT32_MAX;
    pair[1] = made ? v : UINT32_MAX;
}

/* At ten million users every load of a tie misses the cache, and each
 * depends on the one before. Since a tie's stream is known before it is
 * made, ties further ahead replay their draws to find the address of their
 * next load (step 0: the user's slot; then, for a direct tie, the user's
 * interest or tier and the partner's slot; for a closing tie, the user's row
 * offset, the friend, the friend's row offset and the friend's friend) and
 * prefetch it, a step further for nearer ties. A hint only: make_tie alone
 * decides, so a replay that strays costs time, never a different result. */
enum { STEPS = 5, AHEAD = 6, RING = 64 };
_Static_assert(STEPS * AHEAD < RING, "a ring entry must outlive its tie's prefetches");

static const void *load_address(const gen *g, enum tie_kind kind, cs_pcg32 rng, int step)
{
    cs_pcg32 copy = rng;
    const slot *e = pick_slot(&g->all, 0, &copy);
    if (step == 0 || !e)
        return e;
    uint32_t u = draw(&g->all, 0, &rng);
    const cs_population *pop = g->pop;
    if (kind == TIE_DIRECT) {
        double r = cs_pcg32_double(&rng);
        const uint16_t *tag = NULL;
        const uint8_t *tier = NULL;
        const buckets *b = &g->all;
        if (r < g->hp->interest_share) {
            tag = &pop->interest[(size_t)u * pop->interests + cs_pcg32_bounded(&rng, pop->interests)];
            b = &g->tags;
        } else if (cs_pcg32_double(&rng) < g->hp->tier_share) {
            tier = &pop->tier[u];
            b = &g->tiers;
        }
        if (step == 1)
            return tag ? (const void *)tag : (const void *)tier;
        if (step == 2)
            return pick_slot(b, tag ? *tag : tier ? *tier : 0, &rng);
        return NULL;
    }
    const cs_network *first = &g->first;
    if (step == 1)
        return &first->off[u];
    uint64_t du = cs_network_degree(first, u);
    if (du == 0)
        return NULL;
    const uint32_t *fp = &first->adj[first->off[u] + cs_pcg32_bounded64(&rng, du)];
    if (step == 2)
        return fp;
    if (step == 3)
        return &first->off[*fp];
    return &first->adj[first->off[*fp] + cs_pcg32_bounded64(&rng, cs_network_degree(first, *fp))];
}

/* Ties [0, count) of one phase into uv (2 entries each), tie t from stream
 * (seed, NETWORK, phase, t): independent of one another, so fixed blocks of
 * them go to the threads and the result is the same for any thread count. */
static void make_ties(const gen *g, enum tie_kind kind, uint32_t phase, uint64_t count,
                      uint32_t *uv, int threads)
{
    const uint64_t key = cs_rng_key(g->seed, CS_STREAM_NETWORK, phase);
    const uint64_t block = 1u << 16;
    const int64_t nblocks = (int64_t)((count + block - 1) / block);
#pragma omp parallel for schedule(static) num_threads(threads > 0 ? threads : 1)
    for (int64_t bi = 0; bi < nblocks; bi++) {
        uint64_t lo = (uint64_t)bi * block, hi = lo + block < count ? lo + block : count;
        cs_pcg32 ring[RING];
        for (uint64_t t = lo; t < hi && t < lo + STEPS * AHEAD; t++)
            ring[t % RING] = cs_rng_stream_keyed(key, t);
        for (uint64_t t = lo; t < hi; t++) {
            if (t + STEPS * AHEAD < hi)
                ring[(t + STEPS * AHEAD) % RING] = cs_rng_stream_keyed(key, t + STEPS * AHEAD);
            for (int step = 0; step < STEPS; step++) {
                uint64_t ahead = t + (uint64_t)(STEPS - step) * AHEAD;
                const void *p = ahead < hi ? load_address(g, kind, ring[ahead % RING], step) : NULL;
                if (p)
                    __builtin_prefetch(p);
            }
            make_tie(g, kind, ring[t % RING], &uv[2 * t]);
        }
    }
}

/* Make `count` ties of a phase and append the ones made to pairs, in order. */
static int add_ties(const gen *g, enum tie_kind kind, uint32_t phase, uint64_t count,
                    cs_edge_buf *pairs, int threads)
{
    if (count == 0)
        return 0;
    int rc = cs_edge_buf_reserve(pairs, pairs->len + count);
    if (rc)
        return rc;
    uint32_t *uv = pairs->uv + 2 * pairs->len;
    make_ties(g, kind, phase, count, uv, threads);
    uint64_t w = 0;
    for (uint64_t t = 0; t < count; t++)
        if (uv[2 * t] != UINT32_MAX) {
            uv[2 * w] = uv[2 * t];
            uv[2 * w + 1] = uv[2 * t + 1];
            w++;
        }
    pairs->len += w;
    return 0;
}

int cs_gen_homophily(cs_network *net, const cs_population *pop, const cs_homophily_params *hp,
                     uint64_t seed, int threads, uint64_t *duplicates)
{
    memset(net, 0, sizeof *net);
    if (duplicates)
        *duplicates = 0;
    uint32_t n = pop->n;
    double d = hp->mean_degree;
    if (!(d >= 0) || (n > 1 && d > n - 1) || !(hp->interest_share >= 0 && hp->interest_share <= 1) ||
        !(hp->tier_share >= 0 && hp->tier_share <= 1) || !(hp->closure >= 0 && hp->closure < 1))
        return CS_ERR_INPUT;
    if (n < 2 || d == 0) {
        cs_edge_buf none = {0};
        return cs_network_from_pairs(net, n, &none, NULL, NULL);
    }
    /* Expected degree d * w cannot exceed sqrt(n d) without forcing repeat
     * ties between the largest hubs (the structural cutoff of Chung-Lu
     * graphs), so sociability is capped there. */
    float *w = malloc((size_t)n * sizeof *w);
    if (!w)
        return CS_ERR_NOMEM;
    float cap = (float)sqrt((double)n / d);
    for (uint32_t u = 0; u < n; u++)
        w[u] = pop->sociability[u] < cap ? pop->sociability[u] : cap;

    gen g = {.pop = pop, .hp = hp, .seed = seed};
    cs_edge_buf pairs = {0};
    int rc = buckets_build(&g.tags, pop->tags, n, pop->interests, key_tag, pop, w);
    if (!rc)
        rc = buckets_build(&g.tiers, CS_TIER_COUNT, n, 1, key_tier, pop, w);
    if (!rc)
        rc = buckets_build(&g.all, 1, n, 1, key_all, pop, w);
    free(w);
    if (rc)
        goto out;

    uint64_t ties = (uint64_t)llround((double)n * d / 2.0);
    uint64_t closing = (uint64_t)llround((double)ties * hp->closure);
    uint64_t direct = ties - closing;

    /* Phase 0, direct ties; phase 1, closing ties, on the network of the
     * direct ones. */
    rc = cs_edge_buf_reserve(&pairs, ties);
    if (!rc)
        rc = add_ties(&g, TIE_DIRECT, 0, direct, &pairs, threads);
    if (!rc && closing) {
        rc = cs_network_from_pairs_threads(&g.first, n, &pairs, threads, NULL, NULL);
        if (!rc)
            rc = add_ties(&g, TIE_CLOSING, 1, closing, &pairs, threads);
        cs_network_free(&g.first);
    }
    /* Repeat draws of a pair make one tie, so the network falls short of
     * n d / 2 ties by a few percent (more when d is large next to n): top
     * up with direct ties (phases 2, 3, ...), a few rounds, until within
     * 0.5%. */
    for (uint32_t round = 0; !rc; round++) {
        rc = cs_network_from_pairs_threads(net, n, &pairs, threads, NULL, NULL);
        if (rc || net->edges + ties / 200 >= ties || round == 4)
            break;
        uint64_t deficit = ties - net->edges;
        cs_network_free(net);
        rc = add_ties(&g, TIE_DIRECT, 2 + round, deficit, &pairs, threads);
    }
    if (rc == 0 && duplicates)
        *duplicates = pairs.len - net->edges;
out:
    cs_network_free(&g.first);
    cs_edge_buf_free(&pairs);
    buckets_free(&g.tags);
    buckets_free(&g.tiers);
    buckets_free(&g.all);
    return rc;
}
