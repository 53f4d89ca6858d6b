/* homophily.c - the platform's default social network: heavy-tailed degree,
 * ties that follow shared interests and city tier, and triadic closure. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "circlesim/network.h"
#include "circlesim/population.h"
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

/* Vose's construction for slots [0, m) of one bucket, weights w[member]. */
static void alias_build(double *prob, uint32_t *alias, const uint32_t *member, uint64_t m,
                        const float *w, uint32_t *small, uint32_t *large)
{
    double total = 0;
    for (uint64_t e = 0; e < m; e++)
        total += w[member[e]];
    uint64_t ns = 0, nl = 0;
    for (uint64_t e = 0; e < m; e++) {
        prob[e] = total > 0 ? (double)w[member[e]] * (double)m / total : 1.0;
        alias[e] = (uint32_t)e;
        if (prob[e] < 1.0)
            small[ns++] = (uint32_t)e;
        else
            large[nl++] = (uint32_t)e;
    }
    while (ns && nl) {
        uint32_t s = small[--ns], l = large[nl - 1];
        alias[s] = l;
        prob[l] -= 1.0 - prob[s];
        if (prob[l] < 1.0) {
            nl--;
            small[ns++] = l;
        }
    }
    /* Rounding leaves some slots a hair from 1: they keep themselves. */
    while (nl)
        prob[large[--nl]] = 1.0;
    while (ns)
        prob[small[--ns]] = 1.0;
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
    b->slot = malloc(cells * sizeof *b->slot);
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

/* A member of bucket k drawn in proportion to weight; UINT32_MAX if empty. */
static uint32_t draw(const buckets *b, uint32_t k, cs_pcg32 *rng)
{
    uint64_t lo = b->start[k], m = b->start[k + 1] - lo;
    if (m == 0)
        return UINT32_MAX;
    const slot *e = &b->slot[lo + cs_pcg32_bounded64(rng, m)];
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

/* Partner for u by the homophily rule (interest, else tier, else anyone). */
static uint32_t partner(const cs_population *pop, const buckets *tags, const buckets *tiers,
                        const buckets *all, const cs_homophily_params *hp, uint32_t u,
                        cs_pcg32 *rng)
{
    double r = cs_pcg32_double(rng);
    if (r < hp->interest_share) {
        uint32_t s = cs_pcg32_bounded(rng, pop->interests);
        return draw(tags, pop->interest[(size_t)u * pop->interests + s], rng);
    }
    if (cs_pcg32_double(rng) < hp->tier_share)
        return draw(tiers, pop->tier[u], rng);
    return draw(all, 0, rng);
}

int cs_gen_homophily(cs_network *net, const cs_population *pop, const cs_homophily_params *hp,
                     uint64_t seed, uint64_t *duplicates)
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

    buckets tags = {0}, tiers = {0}, all = {0};
    cs_edge_buf pairs = {0};
    cs_network first = {0};
    int rc = buckets_build(&tags, pop->tags, n, pop->interests, key_tag, pop, w);
    if (!rc)
        rc = buckets_build(&tiers, CS_TIER_COUNT, n, 1, key_tier, pop, w);
    if (!rc)
        rc = buckets_build(&all, 1, n, 1, key_all, pop, w);
    if (rc)
        goto out;

    cs_pcg32 rng = cs_rng_stream(seed, CS_STREAM_NETWORK, 0, 0);
    uint64_t ties = (uint64_t)llround((double)n * d / 2.0);
    uint64_t closing = (uint64_t)llround((double)ties * hp->closure);
    uint64_t direct = ties - closing;

    /* Direct ties: both ends in proportion to sociability. */
    for (uint64_t t = 0; t < direct; t++) {
        uint32_t u = draw(&all, 0, &rng), v = u;
        for (int attempt = 0; attempt < 8 && (v == u || v == UINT32_MAX); attempt++)
            v = partner(pop, &tags, &tiers, &all, hp, u, &rng);
        if (v != u && v != UINT32_MAX && (rc = cs_edge_buf_push(&pairs, u, v)))
            goto out;
    }
    /* Closing ties: a friend of a friend, found on the direct network. */
    if (closing) {
        rc = cs_network_from_pairs(&first, n, &pairs, NULL, NULL);
        if (rc)
            goto out;
        for (uint64_t t = 0; t < closing; t++) {
            uint32_t u = draw(&all, 0, &rng), v = u;
            uint64_t du = cs_network_degree(&first, u);
            if (du > 0) {
                uint32_t f = first.adj[first.off[u] + cs_pcg32_bounded64(&rng, du)];
                uint64_t df = cs_network_degree(&first, f);
                v = first.adj[first.off[f] + cs_pcg32_bounded64(&rng, df)];
            }
            if (v == u) /* no friend of a friend: a direct tie instead */
                v = partner(pop, &tags, &tiers, &all, hp, u, &rng);
            if (v != u && v != UINT32_MAX && (rc = cs_edge_buf_push(&pairs, u, v)))
                goto out;
        }
    }
    cs_network_free(&first);
    /* Repeat draws of a pair make one tie, so the network falls short of
     * n d / 2 ties by a few percent (more when d is large next to n): top
     * up with direct ties, a few rounds, until within 0.5%. */
    for (int round = 0;; round++) {
        rc = cs_network_from_pairs(net, n, &pairs, NULL, NULL);
        if (rc || net->edges + ties / 200 >= ties || round == 4)
            break;
        uint64_t deficit = ties - net->edges;
        cs_network_free(net);
        for (uint64_t t = 0; t < deficit; t++) {
            uint32_t u = draw(&all, 0, &rng), v = u;
            for (int attempt = 0; attempt < 8 && (v == u || v == UINT32_MAX); attempt++)
                v = partner(pop, &tags, &tiers, &all, hp, u, &rng);
            if (v != u && v != UINT32_MAX && (rc = cs_edge_buf_push(&pairs, u, v)))
                goto out;
        }
    }
    if (rc == 0 && duplicates)
        *duplicates = pairs.len - net->edges;
out:
    cs_network_free(&first);
    cs_edge_buf_free(&pairs);
    buckets_free(&tags);
    buckets_free(&tiers);
    buckets_free(&all);
    free(w);
    return rc;
}
