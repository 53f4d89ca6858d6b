/* SPDX-License-Identifier: MIT */
/* generators.c - random network models (Erdős–Rényi, Barabási–Albert,
 * Watts–Strogatz, stochastic block model), sequential and seed-determined. */
#include "network/network.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "circlesim/rng.h"

static int build(cs_network *net, uint32_t n, cs_edge_buf *pairs)
{
    int rc = cs_network_from_pairs(net, n, pairs, NULL, NULL);
    cs_edge_buf_free(pairs);
    return rc;
}

/* Cap on one geometric skip: far beyond any pair count a 32-bit network
 * has (< 2^63), yet safe to add to positions without overflow. */
#define SKIP_CAP ((uint64_t)1 << 62)

/* Number of pairs passed over before the next tie, each present with
 * probability p, where lq = log(1 - p): geometrically distributed, so a
 * sparse network costs O(ties) draws instead of O(pairs). */
static uint64_t geometric_skip(cs_pcg32 *rng, double lq)
{
    double r = cs_pcg32_double(rng);
    double s = floor(log1p(-r) / lq); /* p == 1: lq is -inf, s is 0 */
    if (!(s < (double)SKIP_CAP))
        return SKIP_CAP;
    return (uint64_t)s;
}

/* Ties among users base .. base + size - 1, each pair with probability p,
 * walking pairs (v, w), w < v, row by row (Batagelj & Brandes 2005). */
static int sample_triangle(cs_edge_buf *b, cs_pcg32 *rng, uint32_t base, uint32_t size, double p)
{
    if (size < 2 || p <= 0.0)
        return 0;
    double lq = log1p(-p);
    uint64_t v = 1, w = 0;
    for (;;) {
        w += geometric_skip(rng, lq);
        while (w >= v && v < size) {
            w -= v;
            v++;
        }
        if (v >= size)
            return 0;
        int rc = cs_edge_buf_push(b, base + (uint32_t)w, base + (uint32_t)v);
        if (rc)
            return rc;
        w++;
    }
}

/* Ties between block A (a_base, a_size) and block B, each of the
 * a_size * b_size pairs with probability p. */
static int sample_rectangle(cs_edge_buf *b, cs_pcg32 *rng, uint32_t a_base, uint32_t a_size,
                            uint32_t b_base, uint32_t b_size, double p)
{
    uint64_t total = (uint64_t)a_size * b_size;
    if (total == 0 || p <= 0.0)
        return 0;
    double lq = log1p(-p);
    uint64_t pos = 0;
    for (;;) {
        uint64_t s = geometric_skip(rng, lq);
        if (s >= total - pos)
            return 0;
        pos += s;
        int rc = cs_edge_buf_push(b, a_base + (uint32_t)(pos / b_size),
                                  b_base + (uint32_t)(pos % b_size));
        if (rc)
            return rc;
        if (++pos >= total)
            return 0;
    }
}

int cs_gen_erdos_renyi(cs_network *net, uint32_t n, double mean_degree, uint64_t seed)
{
    memset(net, 0, sizeof *net);
    /* Written so that NaN fails too. */
    if (!(mean_degree >= 0.0) || (n < 2 && mean_degree != 0.0) ||
        (n >= 2 && !(mean_degree <= (double)(n - 1))))
        return CS_ERR_INPUT;
    double p = n >= 2 ? mean_degree / (double)(n - 1) : 0.0;
    cs_pcg32 rng = cs_rng_stream(seed, CS_STREAM_NETWORK, 0, 0);
    cs_edge_buf pairs = {0};
    /* Expected ties plus a margin of several standard deviations. */
    double expect = 0.5 * mean_degree * (double)n;
    int rc = cs_edge_buf_reserve(&pairs, (uint64_t)(expect + 6.0 * sqrt(expect) + 16.0));
    if (!rc)
        rc = sample_triangle(&pairs, &rng, 0, n, p);
    if (rc) {
        cs_edge_buf_free(&pairs);
        return rc;
    }
    return build(net, n, &pairs);
}

#if defined(__GNUC__)
#define PREFETCH_R(p) __builtin_prefetch((p), 0, 0)
#else
#define PREFETCH_R(p) ((void)(p))
#endif
enum { BA_LOOKAHEAD = 64, BA_SCAN_M = 32 };

int cs_gen_barabasi_albert(cs_network *net, uint32_t n, uint32_t m, uint64_t seed)
{
    memset(net, 0, sizeof *net);
    if (m < 1 || n <= m)
        return CS_ERR_INPUT;
    uint64_t total = (uint64_t)m * (m + 1) / 2 + (uint64_t)m * (n - m - 1);
    cs_edge_buf pairs = {0};
    /* Repeat picks are found by scanning the newcomer's few ties just
     * written (cached) when m is small; a per-user stamp array, which costs
     * a cache miss per pick, only when scanning would be quadratic. */
    uint32_t *picked = NULL;
    int rc = 0;
    if (m > BA_SCAN_M && !(picked = calloc(n, sizeof *picked)))
        rc = CS_ERR_NOMEM;
    if (!rc)
        rc = cs_edge_buf_reserve(&pairs, total);
    if (rc) {
        free(picked);
        cs_edge_buf_free(&pairs);
        return rc;
    }
    for (uint32_t a = 0; a <= m; a++)
        for (uint32_t b = a + 1; b <= m; b++)
            cs_edge_buf_push(&pairs, a, b); /* cannot fail: reserved */

    /* The pair buffer lists both ends of every tie, so each user appears in
     * it as often as its degree: a uniform entry is a degree-proportional
     * user (Batagelj & Brandes 2005), with no separate endpoint array. */
    cs_pcg32 rng = cs_rng_stream(seed, CS_STREAM_NETWORK, 0, 0);
    for (uint32_t u = m + 1; u < n; u++) {
        /* Only ties made before u arrived count towards the choice. */
        uint64_t ends = 2 * pairs.len;
        /* Each pick reads a random spot of a buffer far larger than cache.
         * A copy of the generator predicts the next picks (exactly, unless
         * a repeat pick shifts them) so their reads can be issued together
         * instead of one stall after another. A hint only: the real draws
         * below are unaffected. */
        cs_pcg32 peek = rng;
        for (uint32_t k = 0; k < 2 * m && k < BA_LOOKAHEAD; k++) {
            uint64_t bound = ends + (k >= m ? 2 * (uint64_t)m : 0);
            PREFETCH_R(&pairs.uv[cs_pcg32_bounded64(&peek, bound)]);
        }
        const uint32_t *mine = pairs.uv + 2 * pairs.len; /* u's ties: (t, u) */
        for (uint32_t k = 0; k < m; k++) {
            uint32_t t;
            int again;
            do {
                t = pairs.uv[cs_pcg32_bounded64(&rng, ends)];
                again = 0;
                if (picked) {
                    again = picked[t] == u; /* u > 0 never was a pick, so 0 means none */
                } else {
                    for (uint32_t i = 0; i < k && !again; i++)
                        again = mine[2 * i] == t;
                }
            } while (again);
            if (picked)
                picked[t] = u;
            cs_edge_buf_push(&pairs, t, u);
        }
    }
    free(picked);
    return build(net, n, &pairs);
}

/* Ties added by rewiring, as an open-addressing set of (min << 32 | max).
 * The lattice ties are not stored here: whether one still exists is read
 * from its slot in the pair buffer, so the set only grows with beta. */
typedef struct pair_set {
    uint64_t *keys; /* 0 = empty; a real key has max >= 1 so is never 0 */
    uint64_t cap;   /* power of two */
    uint64_t count;
} pair_set;

static inline uint64_t pair_key(uint32_t a, uint32_t b)
{
    return a < b ? ((uint64_t)a << 32) | b : ((uint64_t)b << 32) | a;
}

static int pair_set_init(pair_set *s, uint64_t expect)
{
    uint64_t cap = 64;
    while (cap < 2 * expect)
        cap *= 2;
    s->keys = calloc((size_t)cap, sizeof *s->keys);
    s->cap = cap;
    s->count = 0;
    return s->keys ? 0 : CS_ERR_NOMEM;
}

static int pair_set_has(const pair_set *s, uint64_t key)
{
    uint64_t mask = s->cap - 1;
    for (uint64_t i = cs_mix64(key) & mask;; i = (i + 1) & mask) {
        if (s->keys[i] == key)
            return 1;
        if (s->keys[i] == 0)
            return 0;
    }
}

static void pair_set_put_new(uint64_t *keys, uint64_t cap, uint64_t key)
{
    uint64_t mask = cap - 1;
    uint64_t i = cs_mix64(key) & mask;
    while (keys[i] != 0)
        i = (i + 1) & mask;
    keys[i] = key;
}

/* key must not be present. */
static int pair_set_add(pair_set *s, uint64_t key)
{
    if (2 * (s->count + 1) > s->cap) {
        uint64_t ncap = s->cap * 2;
        uint64_t *nk = calloc((size_t)ncap, sizeof *nk);
        if (!nk)
            return CS_ERR_NOMEM;
        for (uint64_t i = 0; i < s->cap; i++)
            if (s->keys[i])
                pair_set_put_new(nk, ncap, s->keys[i]);
        free(s->keys);
        s->keys = nk;
        s->cap = ncap;
    }
    pair_set_put_new(s->keys, s->cap, key);
    s->count++;
    return 0;
}

typedef struct ws_state {
    uint32_t n, h;       /* users, lattice ties per side */
    const uint32_t *uv;  /* slot u * h + j - 1 holds (u, current partner) */
    pair_set added;
} ws_state;

static int ws_tied(const ws_state *s, uint32_t a, uint32_t b)
{
    /* A lattice tie belongs to the slot of the user it leaves clockwise;
     * since k < n only one of the two directions is within reach. */
    uint32_t n = s->n;
    uint32_t d = b >= a ? b - a : b + (n - a);
    if (d >= 1 && d <= s->h) {
        if (s->uv[2 * ((uint64_t)a * s->h + d - 1) + 1] == b)
            return 1;
    } else if (n - d <= s->h) {
        if (s->uv[2 * ((uint64_t)b * s->h + (n - d) - 1) + 1] == a)
            return 1;
    }
    return pair_set_has(&s->added, pair_key(a, b));
}

/* A uniform user not tied to u (free > 0 of them). Rejection is fast while
 * most users are free; when few are (k close to n), the free ones are
 * counted and one is picked by rank, so a dense network cannot turn into
 * cubic time. */
static uint32_t ws_free_partner(const ws_state *st, cs_pcg32 *rng, uint32_t u, uint32_t free)
{
    uint32_t n = st->n;
    for (int attempt = 0; attempt < 64; attempt++) {
        uint32_t w = cs_pcg32_bounded(rng, n);
        if (w != u && !ws_tied(st, u, w))
            return w;
    }
    uint32_t rank = cs_pcg32_bounded(rng, free);
    for (uint32_t w = 0; w < n; w++)
        if (w != u && !ws_tied(st, u, w) && rank-- == 0)
            return w;
    return u; /* unreachable while free counts u's non-neighbours */
}

int cs_gen_watts_strogatz(cs_network *net, uint32_t n, uint32_t k, double beta, uint64_t seed)
{
    memset(net, 0, sizeof *net);
    if (k % 2 != 0 || k >= n || !(beta >= 0.0 && beta <= 1.0))
        return CS_ERR_INPUT;
    uint32_t h = k / 2;
    uint64_t total = (uint64_t)n * h;
    cs_edge_buf pairs = {0};
    uint32_t *deg = malloc((size_t)n * sizeof *deg);
    ws_state st = {.n = n, .h = h};
    int rc = deg ? cs_edge_buf_reserve(&pairs, total) : CS_ERR_NOMEM;
    if (!rc)
        rc = pair_set_init(&st.added, (uint64_t)(beta * (double)total * 1.1) + 16);
    if (rc)
        goto out;
    st.uv = pairs.uv;
    for (uint32_t u = 0; u < n; u++) {
        deg[u] = k;
        for (uint32_t j = 1; j <= h; j++) {
            uint32_t v = (uint32_t)(((uint64_t)u + j) % n);
            pairs.uv[2 * pairs.len] = u;
            pairs.uv[2 * pairs.len + 1] = v;
            pairs.len++;
        }
    }

    /* One draw per tie whatever beta is, so the stream's use does not
     * depend on earlier outcomes more than it must. Each slot is rewired
     * only by its owner, so when u reaches it the lattice tie still exists. */
    cs_pcg32 rng = cs_rng_stream(seed, CS_STREAM_NETWORK, 0, 0);
    for (uint32_t u = 0; u < n; u++) {
        for (uint32_t j = 1; j <= h; j++) {
            uint64_t slot = (uint64_t)u * h + j - 1;
            if (!(cs_pcg32_double(&rng) < beta))
                continue;
            if (deg[u] >= n - 1)
                continue; /* no free partner: keep the tie */
            uint32_t w = ws_free_partner(&st, &rng, u, n - 1 - deg[u]);
            uint32_t v = pairs.uv[2 * slot + 1];
            pairs.uv[2 * slot + 1] = w;
            deg[v]--;
            deg[w]++;
            rc = pair_set_add(&st.added, pair_key(u, w));
            if (rc)
                goto out;
        }
    }
    free(st.added.keys);
    free(deg);
    return build(net, n, &pairs);
out:
    free(st.added.keys);
    free(deg);
    cs_edge_buf_free(&pairs);
    return rc;
}

int cs_gen_sbm(cs_network *net, const uint32_t *sizes, size_t nblocks, double p_in,
               double p_out, uint64_t seed)
{
    memset(net, 0, sizeof *net);
    if ((nblocks > 0 && !sizes) || !(p_in >= 0.0 && p_in <= 1.0) ||
        !(p_out >= 0.0 && p_out <= 1.0))
        return CS_ERR_INPUT;
    uint64_t n64 = 0;
    double expect = 0.0;
    for (size_t a = 0; a < nblocks; a++) {
        n64 += sizes[a];
        if (n64 > UINT32_MAX)
            return CS_ERR_INPUT;
        double sa = sizes[a];
        expect += p_in * sa * (sa - 1.0) / 2.0 + p_out * sa * ((double)n64 - sa);
    }
    uint32_t n = (uint32_t)n64;
    cs_pcg32 rng = cs_rng_stream(seed, CS_STREAM_NETWORK, 0, 0);
    cs_edge_buf pairs = {0};
    int rc = cs_edge_buf_reserve(&pairs, (uint64_t)(expect + 6.0 * sqrt(expect) + 16.0));
    /* Block pairs in a fixed order (a <= b, row-major) keep the stream's
     * use, hence the network, a function of the seed alone. */
    uint32_t a_base = 0;
    for (size_t a = 0; a < nblocks && !rc; a++) {
        rc = sample_triangle(&pairs, &rng, a_base, sizes[a], p_in);
        uint32_t b_base = a_base + sizes[a];
        for (size_t b = a + 1; b < nblocks && !rc; b++) {
            rc = sample_rectangle(&pairs, &rng, a_base, sizes[a], b_base, sizes[b], p_out);
            b_base += sizes[b];
        }
        a_base += sizes[a];
    }
    if (rc) {
        cs_edge_buf_free(&pairs);
        return rc;
    }
    return build(net, n, &pairs);
}
