/* SPDX-License-Identifier: MIT */
/* network.c - building, checking and summarising CSR social networks. */
#include "network/network.h"
#include "base/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int cs_edge_buf_push(cs_edge_buf *b, uint32_t u, uint32_t v)
{
    if (b->len == b->cap) {
        /* Doubling keeps pushes amortised O(1); the floor avoids a string of
         * tiny reallocations for small networks. */
        uint64_t ncap = b->cap ? b->cap * 2 : 1024;
        if (ncap > SIZE_MAX / (2 * sizeof *b->uv))
            return CS_ERR_NOMEM;
        uint32_t *nuv = realloc(b->uv, (size_t)ncap * 2 * sizeof *nuv);
        if (!nuv)
            return CS_ERR_NOMEM;
        b->uv = nuv;
        b->cap = ncap;
    }
    b->uv[2 * b->len] = u;
    b->uv[2 * b->len + 1] = v;
    b->len++;
    return 0;
}

int cs_edge_buf_reserve(cs_edge_buf *b, uint64_t pairs)
{
    if (pairs <= b->cap)
        return 0;
    if (pairs > SIZE_MAX / (2 * sizeof *b->uv))
        return CS_ERR_NOMEM;
    uint32_t *nuv = realloc(b->uv, (size_t)pairs * 2 * sizeof *nuv);
    if (!nuv)
        return CS_ERR_NOMEM;
    b->uv = nuv;
    b->cap = pairs;
    return 0;
}

void cs_edge_buf_free(cs_edge_buf *b)
{
    if (!b)
        return;
    free(b->uv);
    memset(b, 0, sizeof *b);
}

/* Rows are short in social networks (tens of entries), where insertion sort
 * beats anything cleverer; hubs of preferential-attachment networks have
 * thousands, hence an introsort (quicksort that falls back to heapsort, so no
 * input ordering can make it quadratic). Sorting uint32 directly instead of
 * through qsort's comparator callback is several times faster. */
enum { SMALL_ROW = 32 };

static void insertion_sort_u32(uint32_t *a, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint32_t x = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1] > x) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = x;
    }
}

static void sift_down_u32(uint32_t *a, size_t root, size_t n)
{
    uint32_t x = a[root];
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n)
            break;
        if (child + 1 < n && a[child + 1] > a[child])
            child++;
        if (a[child] <= x)
            break;
        a[root] = a[child];
        root = child;
    }
    a[root] = x;
}

static void heapsort_u32(uint32_t *a, size_t n)
{
    for (size_t i = n / 2; i-- > 0;)
        sift_down_u32(a, i, n);
    for (size_t end = n; end-- > 1;) {
        uint32_t t = a[0];
        a[0] = a[end];
        a[end] = t;
        sift_down_u32(a, 0, end);
    }
}

static inline void swap_u32(uint32_t *a, uint32_t *b)
{
    uint32_t t = *a;
    *a = *b;
    *b = t;
}

static void introsort_u32(uint32_t *a, size_t n, int depth)
{
    while (n > SMALL_ROW) {
        if (depth-- == 0) {
            heapsort_u32(a, n);
            return;
        }
        /* Ordering first, middle and last makes them sentinels, so the
         * partition scans below need no bounds checks. */
        size_t mid = n / 2;
        if (a[mid] < a[0])
            swap_u32(&a[mid], &a[0]);
        if (a[n - 1] < a[0])
            swap_u32(&a[n - 1], &a[0]);
        if (a[n - 1] < a[mid])
            swap_u32(&a[n - 1], &a[mid]);
        uint32_t pivot = a[mid];
        size_t i = 0, j = n - 1;
        for (;;) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i >= j)
                break;
            swap_u32(&a[i], &a[j]);
            i++;
            j--;
        }
        /* [0, j] and [j + 1, n) are both non-empty. Recursing into the
         * smaller part bounds the stack at O(log n). */
        size_t left = j + 1;
        if (left < n - left) {
            introsort_u32(a, left, depth);
            a += left;
            n -= left;
        } else {
            introsort_u32(a + left, n - left, depth);
            n = left;
        }
    }
    insertion_sort_u32(a, n);
}

static void sort_row(uint32_t *a, size_t n)
{
    size_t sorted = 1;
    while (sorted < n && a[sorted - 1] <= a[sorted])
        sorted++;
    if (sorted >= n)
        return;
    if (n <= SMALL_ROW) {
        insertion_sort_u32(a, n);
        return;
    }
    int depth = 0;
    for (size_t m = n; m > 1; m >>= 1)
        depth += 2;
    introsort_u32(a, n, depth);
}

/* Building CSR from unordered pairs is two passes of random access over
 * arrays far larger than cache; prefetching a few pairs ahead overlaps the
 * misses. A hint only: results never depend on it. */
#if defined(__GNUC__)
#define PREFETCH_W(p) __builtin_prefetch((p), 1, 1)
#else
#define PREFETCH_W(p) ((void)(p))
#endif
enum { AHEAD = 32 };

/* Threads split the users, not the pairs: each reads every pair and writes
 * only the rows of its own users [lo, hi), so no two threads write one
 * place, and each row fills in the pairs' order whatever the thread count. */
static inline int owns(uint32_t u, uint32_t lo, uint32_t hi) { return u >= lo && u < hi; }

/* First user of thread t's share when nt threads split n users. */
static uint32_t share_start(uint32_t n, int t, int nt)
{
    return (uint32_t)((uint64_t)n * (uint64_t)t / (uint64_t)nt);
}

/* Counts of users [lo, hi) into off[]; self-loops of those users into *loops. */
static void count_rows(uint64_t *off, const uint32_t *uv, uint64_t len, uint32_t lo, uint32_t hi,
                       uint64_t *loops)
{
    for (uint64_t i = 0; i < len; i++) {
        if (i + AHEAD < len) {
            uint32_t pu = uv[2 * (i + AHEAD)], pv = uv[2 * (i + AHEAD) + 1];
            if (owns(pu, lo, hi))
                PREFETCH_W(&off[pu]);
            if (owns(pv, lo, hi))
                PREFETCH_W(&off[pv]);
        }
        uint32_t u = uv[2 * i], v = uv[2 * i + 1];
        if (u == v) {
            *loops += owns(u, lo, hi);
            continue;
        }
        /* A branch, not += owns(): adding 0 would still write the other
         * threads' counts. */
        if (owns(u, lo, hi))
            off[u]++;
        if (owns(v, lo, hi))
            off[v]++;
    }
}

/* Rows of users [lo, hi) filled in the pairs' order; off[u] moves from the
 * start of row u to its end. */
static void fill_rows(uint64_t *off, uint32_t *adj, const uint32_t *uv, uint64_t len, uint32_t lo,
                      uint32_t hi)
{
    for (uint64_t i = 0; i < len; i++) {
        /* Two stages: fetch the offsets of a pair far ahead, then, once
         * they are cached, the adjacency slots of a nearer pair. */
        if (i + 2 * AHEAD < len) {
            uint32_t pu = uv[2 * (i + 2 * AHEAD)], pv = uv[2 * (i + 2 * AHEAD) + 1];
            if (owns(pu, lo, hi))
                PREFETCH_W(&off[pu]);
            if (owns(pv, lo, hi))
                PREFETCH_W(&off[pv]);
        }
        if (i + AHEAD < len) {
            uint32_t pu = uv[2 * (i + AHEAD)], pv = uv[2 * (i + AHEAD) + 1];
            if (pu != pv && owns(pu, lo, hi))
                PREFETCH_W(adj + off[pu]);
            if (pu != pv && owns(pv, lo, hi))
                PREFETCH_W(adj + off[pv]);
        }
        uint32_t u = uv[2 * i], v = uv[2 * i + 1];
        if (u == v)
            continue;
        if (owns(u, lo, hi))
            adj[off[u]++] = v;
        if (owns(v, lo, hi))
            adj[off[v]++] = u;
    }
}

int cs_network_from_pairs(cs_network *net, uint32_t n, const cs_edge_buf *pairs,
                          uint64_t *self_loops, uint64_t *duplicates)
{
    return cs_network_from_pairs_threads(net, n, pairs, 1, self_loops, duplicates);
}

int cs_network_from_pairs_threads(cs_network *net, uint32_t n, const cs_edge_buf *pairs,
                                  int threads, uint64_t *self_loops, uint64_t *duplicates)
{
    memset(net, 0, sizeof *net);
    uint64_t len = pairs ? pairs->len : 0;
    const uint32_t *uv = pairs ? pairs->uv : NULL;
    for (uint64_t i = 0; i < 2 * len; i++)
        if (uv[i] >= n)
            return CS_ERR_INPUT;
    /* Each thread reads all pairs: worth it only when they are many, and
     * not on dozens of threads. */
    int nt = threads > 1 && len >= (1u << 16) ? (threads < 8 ? threads : 8) : 1;

    /* Counting sort straight into CSR: memory is the offsets plus one
     * adjacency array, never a second copy of the pairs. */
    uint64_t *off = cs_malloc_large(((size_t)n + 1) * sizeof *off);
    if (!off)
        return CS_ERR_NOMEM;
    memset(off, 0, ((size_t)n + 1) * sizeof *off);
    uint64_t loops = 0;
#pragma omp parallel for schedule(static) num_threads(nt) reduction(+ : loops)
    for (int t = 0; t < nt; t++)
        count_rows(off, uv, len, share_start(n, t, nt), share_start(n, t + 1, nt), &loops);
    /* Exclusive prefix sums mark the start of each row; filling moves each
     * start to its row's end, with no separate cursor array. Rows fill in
     * the pairs' order, so a file listed in order (as `circlesim graph`
     * writes them) gives rows that are already sorted. */
    uint64_t total = 0;
    for (uint32_t u = 0; u < n; u++) {
        uint64_t d = off[u];
        off[u] = total;
        total += d;
    }
    off[n] = total;

    uint32_t *adj = NULL;
    if (total > 0) {
        if (total > SIZE_MAX / sizeof *adj ||
            !(adj = cs_malloc_large((size_t)total * sizeof *adj))) {
            free(off);
            return CS_ERR_NOMEM;
        }
    }
#pragma omp parallel for schedule(static) num_threads(nt)
    for (int t = 0; t < nt; t++)
        fill_rows(off, adj, uv, len, share_start(n, t, nt), share_start(n, t + 1, nt));

    /* off[u] is now the end of row u, and the start of row u + 1. Sort
     * the rows (in parallel: each is its own), then drop repeats,
     * compacting in place: the write position never passes the read
     * position. */
#pragma omp parallel for schedule(dynamic, 4096) num_threads(nt)
    for (int64_t u = 0; u < (int64_t)n; u++) {
        uint64_t start = u ? off[u - 1] : 0;
        if (adj)
            sort_row(adj + start, (size_t)(off[u] - start));
    }
    uint64_t w = 0, repeated = 0, start = 0;
    for (uint32_t u = 0; u < n; u++) {
        uint64_t end = off[u];
        const uint32_t *row = adj ? adj + start : NULL; /* no ties at all: no array */
        size_t d = (size_t)(end - start);
        off[u] = w;
        for (size_t k = 0; k < d; k++)
            if (w == off[u] || row[k] != adj[w - 1])
                adj[w++] = row[k];
        repeated += d - (w - off[u]);
        start = end;
    }
    off[n] = w;
    if (w < total) {
        if (w == 0) {
            free(adj);
            adj = NULL;
        } else {
            uint32_t *shrunk = realloc(adj, (size_t)w * sizeof *adj);
            if (shrunk) /* keeping the larger block is harmless */
                adj = shrunk;
        }
    }

    net->n = n;
    net->edges = w / 2;
    net->complete = 0;
    net->off = off;
    net->adj = adj;
    if (self_loops)
        *self_loops = loops;
    /* An extra copy of {u, v} repeats v in u's row and u in v's. */
    if (duplicates)
        *duplicates = repeated / 2;
    return 0;
}

void cs_network_complete(cs_network *net, uint32_t n)
{
    memset(net, 0, sizeof *net);
    net->n = n;
    net->edges = n ? (uint64_t)n * (n - 1) / 2 : 0;
    net->complete = 1;
}

void cs_network_free(cs_network *net)
{
    if (!net)
        return;
    free(net->off);
    free(net->adj);
    memset(net, 0, sizeof *net);
}

static int row_contains(const uint32_t *row, uint64_t d, uint32_t x)
{
    uint64_t lo = 0, hi = d;
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo) / 2;
        if (row[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < d && row[lo] == x;
}

int cs_network_check(const cs_network *net)
{
    uint32_t n = net->n;
    if (net->complete) {
        uint64_t want = n ? (uint64_t)n * (n - 1) / 2 : 0;
        return !net->off && !net->adj && net->edges == want ? 0 : CS_ERR_RUNTIME;
    }
    const uint64_t *off = net->off;
    const uint32_t *adj = net->adj;
    if (!off || off[0] != 0)
        return CS_ERR_RUNTIME;
    /* Offsets first: the row checks below index through them. */
    for (uint32_t u = 0; u < n; u++)
        if (off[u + 1] < off[u])
            return CS_ERR_RUNTIME;
    if (off[n] / 2 != net->edges || off[n] % 2 != 0 || (off[n] > 0 && !adj))
        return CS_ERR_RUNTIME;
    for (uint32_t u = 0; u < n; u++) {
        for (uint64_t k = off[u]; k < off[u + 1]; k++) {
            uint32_t v = adj[k];
            if (v >= n || v == u || (k > off[u] && v <= adj[k - 1]))
                return CS_ERR_RUNTIME;
        }
    }
    /* Rows are now known sorted, so symmetry is a binary search per entry. */
    for (uint32_t u = 0; u < n; u++) {
        for (uint64_t k = off[u]; k < off[u + 1]; k++) {
            uint32_t v = adj[k];
            if (!row_contains(adj + off[v], off[v + 1] - off[v], u))
                return CS_ERR_RUNTIME;
        }
    }
    return 0;
}

double cs_network_mean_degree(const cs_network *net)
{
    if (net->n == 0)
        return 0.0;
    return 2.0 * (double)net->edges / (double)net->n;
}

/* Orders users by degree, ties by id: orienting every tie towards the
 * higher rank leaves each user at most sqrt(2E) outgoing ties, which is what
 * keeps triangle counting fast when hubs exist. */
static inline int ranks_above(const uint64_t *off, uint32_t v, uint32_t u)
{
    uint64_t dv = off[v + 1] - off[v], du = off[u + 1] - off[u];
    return dv > du || (dv == du && v > u);
}

double cs_network_avg_clustering(const cs_network *net)
{
    uint32_t n = net->n;
    if (n == 0)
        return 0.0;
    if (net->complete)
        return n >= 3 ? 1.0 : 0.0;
    const uint64_t *off = net->off;
    const uint32_t *adj = net->adj;

    /* Forward triangle counting (Schank & Wagner 2005): each triangle is
     * found once, from its lowest-ranked corner, through the oriented ties. */
    uint64_t *oo = malloc(((size_t)n + 1) * sizeof *oo);
    uint32_t *oa = net->edges ? malloc((size_t)net->edges * sizeof *oa) : NULL;
    uint64_t *tri = calloc(n, sizeof *tri);
    uint32_t *mark = calloc(n, sizeof *mark);
    double result = NAN;
    if (!oo || (net->edges && !oa) || !tri || !mark)
        goto out;
    uint64_t m = 0;
    for (uint32_t u = 0; u < n; u++) {
        oo[u] = m;
        for (uint64_t k = off[u]; k < off[u + 1]; k++)
            if (ranks_above(off, adj[k], u))
                oa[m++] = adj[k];
    }
    oo[n] = m;
    /* mark[w] == u + 1 flags u's out-neighbours while u is processed. */
    for (uint32_t u = 0; u < n; u++) {
        for (uint64_t k = oo[u]; k < oo[u + 1]; k++)
            mark[oa[k]] = u + 1;
        for (uint64_t k = oo[u]; k < oo[u + 1]; k++) {
            uint32_t v = oa[k];
            for (uint64_t i = oo[v]; i < oo[v + 1]; i++) {
                uint32_t w = oa[i];
                if (mark[w] == u + 1) {
                    tri[u]++;
                    tri[v]++;
                    tri[w]++;
                }
            }
        }
    }
    double sum = 0.0;
    for (uint32_t u = 0; u < n; u++) {
        uint64_t d = off[u + 1] - off[u];
        if (d >= 2)
            sum += 2.0 * (double)tri[u] / ((double)d * (double)(d - 1));
    }
    result = sum / (double)n;
out:
    free(oo);
    free(oa);
    free(tri);
    free(mark);
    return result;
}
