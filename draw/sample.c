/* SPDX-License-Identifier: MIT */
/* sample.c - a deterministic sample of a large network, grown in connected
 * patches around its highest-ranked users. */
#include "draw/sample.h"

#include <stdlib.h>
#include <string.h>

#include "circlesim/diag.h"
#include "circlesim/rng.h"

#define CS_SAMPLE_NONE UINT32_MAX
/* Neighbours a user taken may bring in: small enough that the sample spreads
 * over many anchors' surroundings rather than one hub's star, large enough
 * that each anchor grows a connected patch. */
#define CS_SAMPLE_FANOUT 3
/* One user in this many is an anchor: few enough that each anchor's patch
 * holds a few dozen users, so patches touch and the picture holds together. */
#define CS_SAMPLE_ANCHOR_SHARE 20
/* Hash bits, below the priority byte, that index the rank histogram: 2^20
 * buckets (4 MB), so a bucket holds about n / 4096 users of one priority and
 * the exact sort after the histogram stays small even for 10^7 users. */
#define CS_SAMPLE_HIST_BITS 12

typedef struct cs_ranked {
    uint64_t key; /* (255 - priority) << 32 | hash: smaller ranks first */
    uint32_t id;  /* breaks ties in key */
} cs_ranked;

static uint64_t rank_key(uint64_t seed, const uint8_t *priority, uint32_t u)
{
    cs_pcg32 r = cs_rng_stream(seed, CS_STREAM_LAYOUT, 0, u);
    uint64_t p = priority ? priority[u] : 0;
    return (255 - p) << 32 | cs_pcg32_next(&r);
}

static int ranked_less(cs_ranked a, cs_ranked b)
{
    return a.key < b.key || (a.key == b.key && a.id < b.id);
}

static int ranked_cmp(const void *pa, const void *pb)
{
    const cs_ranked *a = pa, *b = pb;
    return ranked_less(*a, *b) ? -1 : ranked_less(*b, *a) ? 1 : 0;
}

static int u32_cmp(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    return (a > b) - (a < b);
}

/* The k best-ranked users of n (1 <= k <= n) into out, best first, without
 * sorting all n: a histogram over the key's top bits finds the bucket the
 * k-th user falls in, and only users up to that bucket are kept and sorted.
 * Keys are computed twice rather than stored, which would cost 16 bytes a
 * user. */
static int top_ranked(uint32_t n, const uint8_t *priority, uint64_t seed, uint32_t k,
                      uint32_t *out)
{
    const unsigned shift = 32 - CS_SAMPLE_HIST_BITS;
    size_t nbuckets = (size_t)256 << CS_SAMPLE_HIST_BITS;
    uint32_t *hist = calloc(nbuckets, sizeof *hist);
    if (!hist)
        return CS_ERR_NOMEM;
    for (uint32_t u = 0; u < n; u++)
        hist[rank_key(seed, priority, u) >> shift]++;
    uint64_t kept = 0;
    size_t last = 0;
    for (; last < nbuckets; last++) {
        kept += hist[last];
        if (kept >= k)
            break;
    }
    free(hist);

    cs_ranked *c = malloc(kept * sizeof *c);
    if (!c)
        return CS_ERR_NOMEM;
    uint64_t len = 0;
    for (uint32_t u = 0; u < n; u++) {
        uint64_t key = rank_key(seed, priority, u);
        if ((key >> shift) <= last)
            c[len++] = (cs_ranked){key, u};
    }
    qsort(c, len, sizeof *c, ranked_cmp);
    for (uint32_t i = 0; i < k; i++)
        out[i] = c[i].id;
    free(c);
    return 0;
}

/* Everyone, with every tie. */
static int take_all(cs_sample *s, const cs_network *net)
{
    uint32_t n = net->n;
    if (n == 0)
        return 0;
    s->user = malloc((size_t)n * sizeof *s->user);
    if (!s->user)
        return CS_ERR_NOMEM;
    for (uint32_t u = 0; u < n; u++)
        s->user[u] = u;
    s->n = n;
    if (net->complete || net->edges == 0)
        return 0;
    s->tie = malloc(2 * net->edges * sizeof *s->tie);
    if (!s->tie)
        return CS_ERR_NOMEM;
    uint64_t m = 0;
    for (uint32_t u = 0; u < n; u++)
        for (uint64_t p = net->off[u]; p < net->off[u + 1]; p++)
            if (net->adj[p] > u) {
                s->tie[2 * m] = u;
                s->tie[2 * m + 1] = net->adj[p];
                m++;
            }
    s->m = m;
    return 0;
}

/* Grows the sample breadth-first into taken[] (which doubles as the FIFO
 * queue: users are popped in the order they were taken), marking each user
 * taken in mark[]. ranked[] holds the max_users best-ranked users: enough,
 * since every ranked user passed over is already in the sample, so while the
 * sample is short of max_users an untaken one remains among them. */
static void grow(const cs_network *net, uint64_t seed,
                 const uint32_t *ranked, uint32_t max_users, uint32_t *taken, uint32_t *mark)
{
    uint32_t count = 0, head = 0,
             next_rank = (uint32_t)(((uint64_t)max_users + CS_SAMPLE_ANCHOR_SHARE - 1) /
                                    CS_SAMPLE_ANCHOR_SHARE);
    for (uint32_t r = 0; r < next_rank; r++) {
        mark[ranked[r]] = 0;
        taken[count++] = ranked[r];
    }
    while (count < max_users) {
        if (head == count) {
            while (mark[ranked[next_rank]] != CS_SAMPLE_NONE)
                next_rank++;
            mark[ranked[next_rank]] = 0;
            taken[count++] = ranked[next_rank++];
            continue;
        }
        uint32_t u = taken[head++];
        /* Partial selection: hubs have 10^5 neighbours, of which 3 are kept. */
        cs_ranked best[CS_SAMPLE_FANOUT];
        int nbest = 0;
        for (uint64_t p = net->off[u]; p < net->off[u + 1]; p++) {
            uint32_t v = net->adj[p];
            if (mark[v] != CS_SAMPLE_NONE)
                continue;
            /* Neighbours by hash alone: the patch shows an anchor's
             * surroundings as they are, not a second helping of priority
             * users (KOCs are 5% of users and would fill the picture). */
            cs_ranked c = {rank_key(seed, NULL, v), v};
            if (nbest == CS_SAMPLE_FANOUT && !ranked_less(c, best[nbest - 1]))
                continue;
            int at = nbest < CS_SAMPLE_FANOUT ? nbest++ : nbest - 1;
            while (at > 0 && ranked_less(c, best[at - 1])) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = c;
        }
        for (int b = 0; b < nbest && count < max_users; b++) {
            mark[best[b].id] = 0;
            taken[count++] = best[b].id;
        }
    }
}

/* The ties among the sample, as index pairs; mark[] maps a user to its
 * index. Walking users in ascending order and each one's sorted neighbours
 * gives the pairs already sorted. */
static int induced_ties(cs_sample *s, const cs_network *net, const uint32_t *mark)
{
    uint64_t m = 0;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            if (m == 0)
                return 0;
            s->tie = malloc(2 * m * sizeof *s->tie);
            if (!s->tie)
                return CS_ERR_NOMEM;
            m = 0;
        }
        for (uint32_t i = 0; i < s->n; i++) {
            uint32_t u = s->user[i];
            for (uint64_t p = net->off[u]; p < net->off[u + 1]; p++) {
                uint32_t v = net->adj[p];
                if (v <= u || mark[v] == CS_SAMPLE_NONE)
                    continue;
                if (pass == 1) {
                    s->tie[2 * m] = i;
                    s->tie[2 * m + 1] = mark[v];
                }
                m++;
            }
        }
    }
    s->m = m;
    return 0;
}

int cs_sample_build(cs_sample *s, const cs_network *net, const uint8_t *priority,
                    uint32_t max_users, uint64_t seed)
{
    memset(s, 0, sizeof *s);
    int rc;
    if (net->n <= max_users) {
        rc = take_all(s, net);
        if (rc != 0)
            cs_sample_free(s);
        return rc;
    }
    if (max_users == 0)
        return 0;

    uint32_t *ranked = malloc((size_t)max_users * sizeof *ranked);
    uint32_t *mark = NULL;
    s->user = malloc((size_t)max_users * sizeof *s->user);
    rc = CS_ERR_NOMEM;
    if (!ranked || !s->user)
        goto fail;
    rc = top_ranked(net->n, priority, seed, max_users, ranked);
    if (rc != 0)
        goto fail;
    s->n = max_users;
    if (net->complete) {
        memcpy(s->user, ranked, (size_t)max_users * sizeof *s->user);
        qsort(s->user, s->n, sizeof *s->user, u32_cmp);
        free(ranked);
        return 0;
    }

    rc = CS_ERR_NOMEM;
    mark = malloc((size_t)net->n * sizeof *mark);
    if (!mark)
        goto fail;
    memset(mark, 0xff, (size_t)net->n * sizeof *mark); /* CS_SAMPLE_NONE */
    grow(net, seed, ranked, max_users, s->user, mark);
    qsort(s->user, s->n, sizeof *s->user, u32_cmp);
    for (uint32_t i = 0; i < s->n; i++)
        mark[s->user[i]] = i;
    rc = induced_ties(s, net, mark);
    if (rc != 0)
        goto fail;
    free(mark);
    free(ranked);
    return 0;

fail:
    free(mark);
    free(ranked);
    cs_sample_free(s);
    return rc;
}

int64_t cs_sample_find(const cs_sample *s, uint32_t user)
{
    uint32_t lo = 0, hi = s->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (s->user[mid] < user)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->n && s->user[lo] == user ? (int64_t)lo : -1;
}

void cs_sample_free(cs_sample *s)
{
    free(s->user);
    free(s->tie);
    memset(s, 0, sizeof *s);
}
