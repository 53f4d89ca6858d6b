/* SPDX-License-Identifier: MIT */
/* imm.c - reverse-reachable sets and the IMM algorithm (Tang, Shi & Xiao,
 * "Influence maximization in near-linear time: a martingale approach",
 * SIGMOD 2015), for the independent cascade of model_cascade.c.
 *
 * The cascade of model_cascade.c gives each tie one chance, with
 * probability p, when its first end becomes active, and runs for `days`
 * days; a user is active at the end iff some seed reaches it within `days`
 * hops along ties that passed (the live-edge view of the cascade). A
 * reverse-reachable set is the users that reach a random root that way, so
 * the chance a seed set meets it is the seed set's expected spread over n. */
#include "analysis/influence.h"

#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "circlesim/diag.h"
#include "circlesim/rng.h"
#include "base/maxheap.h"

enum { RR_CHUNK = 256 }; /* sets drawn by one task, appended in order */

typedef struct rr_chunk {
    uint32_t *node;
    uint64_t n, cap;
    uint32_t len[RR_CHUNK];
    int failed;
} rr_chunk;

/* One thread's scratch: visit stamps and the search queue. */
typedef struct rr_scratch {
    uint32_t *stamp;
    uint32_t now;
    uint32_t *queue;
} rr_scratch;

static int chunk_push(rr_chunk *c, const uint32_t *v, uint64_t k)
{
    if (c->n + k > c->cap) {
        uint64_t cap = c->cap ? c->cap : 1024;
        while (cap < c->n + k)
            cap *= 2;
        uint32_t *grown = realloc(c->node, cap * sizeof *grown);
        if (!grown)
            return CS_ERR_NOMEM;
        c->node = grown;
        c->cap = cap;
    }
    memcpy(c->node + c->n, v, k * sizeof *v);
    c->n += k;
    return 0;
}

/* Set i: a breadth-first search back from a random root, each tie drawn
 * when first looked at (each is looked at once, from its nearer end), up
 * to depth hops. The members go into w->queue; returns how many. */
static uint64_t draw_set(const cs_network *net, const cs_rr_params *pp, uint64_t i,
                         rr_scratch *w)
{
    cs_pcg32 rng = cs_rng_stream(pp->seed, CS_STREAM_INFLUENCE, pp->phase, i);
    const uint32_t n = net->n;
    if (++w->now == 0) { /* the stamps wrapped: start them again */
        memset(w->stamp, 0, (size_t)n * sizeof *w->stamp);
        w->now = 1;
    }
    uint32_t root = cs_pcg32_bounded(&rng, n);
    w->stamp[root] = w->now;
    w->queue[0] = root;
    uint64_t head = 0, tail = 1, level_end = 1;
    int64_t depth = 0;
    /* The ties of x that pass are found by geometric jumps: the gap to the
     * next passing tie is Geometric(p), one draw per passing tie instead
     * of one per tie (a hub's thousands of ties cost a few draws). A tie to
     * a user already in the set passes or not to no effect. */
    const double p = pp->p;
    const double inv_log_fail = p > 0 && p < 1 ? 1.0 / log1p(-p) : 0;
    while (head < tail && depth < pp->depth) {
        uint32_t x = w->queue[head++];
        const uint64_t deg = cs_network_degree(net, x);
        for (uint64_t e = 0; p > 0;) {
            if (p < 1) {
                double gap = floor(log(1.0 - cs_pcg32_double(&rng)) * inv_log_fail);
                if (!(gap < (double)(deg - e)))
                    break;
                e += (uint64_t)gap;
            } else if (e >= deg) {
                break;
            }
            uint32_t y = net->complete ? (uint32_t)(e < x ? e : e + 1) : net->adj[net->off[x] + e];
            e++;
            if (w->stamp[y] == w->now)
                continue;
            w->stamp[y] = w->now;
            w->queue[tail++] = y;
        }
        if (head == level_end) {
            depth++;
            level_end = tail;
        }
    }
    return tail;
}

static int rr_reserve(cs_rr_sets *rr, uint64_t sets, uint64_t nodes)
{
    if (sets + 1 > rr->cap_sets) {
        uint64_t cap = rr->cap_sets ? rr->cap_sets : 4096;
        while (cap < sets + 1)
            cap *= 2;
        uint64_t *grown = realloc(rr->off, cap * sizeof *grown);
        if (!grown)
            return CS_ERR_NOMEM;
        if (!rr->off)
            grown[0] = 0;
        rr->off = grown;
        rr->cap_sets = cap;
    }
    if (nodes > rr->cap_nodes) {
        uint64_t cap = rr->cap_nodes ? rr->cap_nodes : 16384;
        while (cap < nodes)
            cap *= 2;
        uint32_t *grown = realloc(rr->node, cap * sizeof *grown);
        if (!grown)
            return CS_ERR_NOMEM;
        rr->node = grown;
        rr->cap_nodes = cap;
    }
    return 0;
}

double cs_rr_bytes(double sets, double members)
{
    return 12.0 * members + 17.0 * sets;
}

int cs_rr_extend(cs_rr_sets *rr, const cs_network *net, const cs_rr_params *pp, uint64_t total)
{
    if (rr_reserve(rr, rr->count, 0) != 0)
        return CS_ERR_NOMEM;
    if (total <= rr->count || net->n == 0)
        return 0;
    const int threads = pp->threads > 0 ? pp->threads : 1;
    const uint32_t n = net->n;
    rr_scratch *w = calloc((size_t)threads, sizeof *w);
    const size_t round_chunks = (size_t)threads * 8;
    rr_chunk *chunk = calloc(round_chunks, sizeof *chunk);
    int rc = w && chunk ? 0 : CS_ERR_NOMEM;
    for (int t = 0; t < threads && !rc; t++) {
        w[t].stamp = calloc(n, sizeof *w[t].stamp);
        w[t].queue = malloc((size_t)n * sizeof *w[t].queue);
        if (!w[t].stamp || !w[t].queue)
            rc = CS_ERR_NOMEM;
    }
    /* Rounds of chunks: drawn side by side, appended in their order, so the
     * collection does not depend on the thread count. */
    while (!rc && rr->count < total) {
        if (pp->stop && *pp->stop) {
            rc = CS_ERR_INTERRUPTED;
            break;
        }
        const uint64_t first = rr->count;
        const uint64_t left = total - first;
        const size_t nchunks = (size_t)((left + RR_CHUNK - 1) / RR_CHUNK) < round_chunks
                                   ? (size_t)((left + RR_CHUNK - 1) / RR_CHUNK)
                                   : round_chunks;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads) if (nchunks > 1)
        for (size_t c = 0; c < nchunks; c++) {
            rr_scratch *me = &w[omp_get_thread_num()];
            rr_chunk *ch = &chunk[c];
            ch->n = 0;
            ch->failed = 0;
            uint64_t lo = first + (uint64_t)c * RR_CHUNK;
            uint64_t hi = lo + RR_CHUNK < total ? lo + RR_CHUNK : total;
            for (uint64_t i = lo; i < hi && !ch->failed; i++) {
                uint64_t k = draw_set(net, pp, i, me);
                ch->len[i - lo] = (uint32_t)k;
                ch->failed = chunk_push(ch, me->queue, k) != 0;
            }
        }
        for (size_t c = 0; c < nchunks && !rc; c++) {
            if (chunk[c].failed) {
                rc = CS_ERR_NOMEM;
                break;
            }
            uint64_t lo = first + (uint64_t)c * RR_CHUNK;
            uint64_t sets = (lo + RR_CHUNK < total ? RR_CHUNK : total - lo);
            uint64_t have = rr->off[rr->count];
            if (pp->max_bytes && cs_rr_bytes((double)(rr->count + sets),
                                             (double)(have + chunk[c].n)) > (double)pp->max_bytes) {
                rc = CS_RR_TOO_BIG;
                break;
            }
            if (rr_reserve(rr, rr->count + sets, have + chunk[c].n) != 0) {
                rc = CS_ERR_NOMEM;
                break;
            }
            memcpy(rr->node + have, chunk[c].node, chunk[c].n * sizeof *rr->node);
            for (uint64_t s = 0; s < sets; s++) {
                rr->off[rr->count + 1] = rr->off[rr->count] + chunk[c].len[s];
                rr->count++;
            }
        }
    }
    for (size_t c = 0; chunk && c < round_chunks; c++)
        free(chunk[c].node);
    free(chunk);
    for (int t = 0; w && t < threads; t++) {
        free(w[t].stamp);
        free(w[t].queue);
    }
    free(w);
    return rc;
}

void cs_rr_free(cs_rr_sets *rr)
{
    free(rr->off);
    free(rr->node);
    memset(rr, 0, sizeof *rr);
}

long cs_rr_select(const cs_rr_sets *rr, uint32_t n, const uint8_t *pool, size_t k,
                  uint32_t *chosen, uint64_t *newly)
{
    if (rr->count >= UINT32_MAX)
        return -1;
    const uint64_t members = rr->count ? rr->off[rr->count] : 0;
    uint32_t *cnt = calloc(n ? n : 1, sizeof *cnt);
    uint64_t *inv_off = calloc((size_t)n + 1, sizeof *inv_off);
    uint32_t *inv = malloc((members ? members : 1) * sizeof *inv);
    uint8_t *met = calloc(rr->count ? rr->count : 1, 1);
    cs_heap_item *heap = malloc((n ? n : 1) * sizeof *heap);
    long picked = -1;
    if (!cnt || !inv_off || !inv || !met || !heap)
        goto done;
    /* Which sets each user is in: counts, then offsets, then fill. */
    for (uint64_t j = 0; j < members; j++)
        cnt[rr->node[j]]++;
    for (uint32_t u = 0; u < n; u++)
        inv_off[u + 1] = inv_off[u] + cnt[u];
    {
        uint64_t *fill = malloc(((size_t)n ? n : 1) * sizeof *fill);
        if (!fill)
            goto done;
        memcpy(fill, inv_off, (size_t)n * sizeof *fill);
        for (uint64_t s = 0; s < rr->count; s++)
            for (uint64_t j = rr->off[s]; j < rr->off[s + 1]; j++)
                inv[fill[rr->node[j]]++] = (uint32_t)s;
        free(fill);
    }
    size_t nh = 0;
    for (uint32_t u = 0; u < n; u++)
        if (!pool || pool[u])
            heap[nh++] = (cs_heap_item){(double)cnt[u], u, 0};
    cs_heap_build(heap, nh);
    picked = 0;
    /* Counts only fall, so a key that is still a user's count is the best. */
    while ((size_t)picked < k && nh > 0) {
        cs_heap_item top = heap[0];
        if (top.key != (double)cnt[top.id]) {
            heap[0].key = (double)cnt[top.id];
            cs_heap_down(heap, nh, 0);
            continue;
        }
        cs_heap_pop(heap, &nh);
        uint64_t gained = 0;
        for (uint64_t j = inv_off[top.id]; j < inv_off[top.id + 1]; j++) {
            uint32_t s = inv[j];
            if (met[s])
                continue;
            met[s] = 1;
            gained++;
            for (uint64_t m = rr->off[s]; m < rr->off[s + 1]; m++)
                cnt[rr->node[m]]--;
        }
        chosen[picked] = top.id;
        newly[picked] = gained;
        picked++;
    }
done:
    free(cnt);
    free(inv_off);
    free(inv);
    free(met);
    free(heap);
    return picked;
}

/* log of n choose k. */
static double log_choose(double n, double k)
{
    return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1);
}

/* IMM's constants (Tang et al. 2015, with ell already scaled): lambda'
 * of the sampling phase and lambda* of the choice. */
static void imm_lambdas(double N, double npool, double k, double epsilon, double ell,
                        double *lambda1, double *lambda_star)
{
    const double ln = log(N > 2 ? N : 2), lc = log_choose(npool, k);
    const double e1 = sqrt(2.0) * epsilon;
    *lambda1 = (2 + 2 * e1 / 3) * (lc + ell * ln + log(log2(N > 2 ? N : 2))) * N / (e1 * e1);
    const double a = sqrt(ell * ln + log(2.0));
    const double b = sqrt((1 - 1 / M_E) * (lc + ell * ln + log(2.0)));
    *lambda_star = 2 * N * pow((1 - 1 / M_E) * a + b, 2) / (epsilon * epsilon);
}

/* Both phases must succeed: the failure chance 1/n^ell shared out. */
static double imm_ell(double N, double ell)
{
    return ell * (1 + log(2.0) / log(N > 2 ? N : 2));
}

double cs_imm_min_sets(double n, double npool, double k, double epsilon, double ell)
{
    if (k > npool)
        k = npool;
    if (k < 1 || n < 1)
        return 0;
    double l1, ls;
    imm_lambdas(n, npool, k, epsilon, imm_ell(n, ell), &l1, &ls);
    /* The first guess is n/2; the bound on the optimum is at most n. */
    double first = n > 2 ? l1 / (n / 2) : 0;
    return fmax(first, ls / n);
}

int cs_imm(const cs_network *net, const cs_rr_params *pp, const uint8_t *pool, size_t k,
           double epsilon, double ell, uint32_t *chosen, double *gain, cs_imm_result *res)
{
    memset(res, 0, sizeof *res);
    const uint32_t n = net->n;
    size_t npool = 0;
    for (uint32_t u = 0; u < n; u++)
        npool += !pool || pool[u];
    if (k > npool)
        k = npool;
    if (k == 0)
        return 0;
    const double N = n;
    ell = imm_ell(N, ell);
    const double e1 = sqrt(2.0) * epsilon;
    double lambda1, lambda_star;
    imm_lambdas(N, (double)npool, (double)k, epsilon, ell, &lambda1, &lambda_star);
    /* Counts past what memory could ever hold are refused before drawing
     * (and before a cast to an integer could overflow). */
    const double most = pp->max_bytes ? (double)pp->max_bytes / 17.0 : 0x1p62;
    uint64_t *newly = malloc(k * sizeof *newly);
    if (!newly)
        return CS_ERR_NOMEM;
    cs_rr_params sp = *pp;
    sp.phase = 0;
    cs_rr_sets rr = {0};
    int rc = 0;
    double lb = 1;
    /* Sampling: halve a guess x of the optimum until the sets show a seed
     * set that spreads to (1 + e1) x; its spread bounds the optimum below. */
    int rounds = (int)ceil(log2(N > 2 ? N : 2)) - 1;
    for (int i = 1; i <= rounds && !rc; i++) {
        double x = N / ldexp(1.0, i);
        if (!(ceil(lambda1 / x) <= most)) {
            rc = CS_RR_TOO_BIG;
            break;
        }
        rc = cs_rr_extend(&rr, net, &sp, (uint64_t)ceil(lambda1 / x));
        if (rc)
            break;
        long got = cs_rr_select(&rr, n, pool, k, chosen, newly);
        if (got < 0) {
            rc = CS_ERR_NOMEM;
            break;
        }
        uint64_t met = 0;
        for (long j = 0; j < got; j++)
            met += newly[j];
        double spread = N * (double)met / (double)rr.count;
        if (spread >= (1 + e1) * x) {
            lb = spread / (1 + e1);
            break;
        }
    }
    res->sets_sampled = rr.count;
    cs_rr_free(&rr);
    if (!rc) {
        sp.phase = 1;
        rc = ceil(lambda_star / lb) <= most
                 ? cs_rr_extend(&rr, net, &sp, (uint64_t)ceil(lambda_star / lb))
                 : CS_RR_TOO_BIG;
        long got = rc ? -1 : cs_rr_select(&rr, n, pool, k, chosen, newly);
        if (!rc && got < 0)
            rc = CS_ERR_NOMEM;
        if (!rc) {
            uint64_t met = 0;
            for (long j = 0; j < got; j++) {
                met += newly[j];
                gain[j] = N * (double)newly[j] / (double)rr.count;
            }
            res->chosen = (size_t)got;
            res->spread = N * (double)met / (double)rr.count;
            res->lower_bound = lb;
            res->sets = rr.count;
        }
        cs_rr_free(&rr);
    }
    free(newly);
    return rc;
}
