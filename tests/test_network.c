/* SPDX-License-Identifier: MIT */
/* test_network.c - CSR construction, invariants, statistics and the random
 * network generators against their theoretical properties. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/memory.h"
#include "network/network.h"
#include "circlesim/rng.h"

/* cmocka 1.1 only compares floats; these tolerances need doubles. */
#define assert_near(a, b, tol) near_or_fail((a), (b), (tol), __FILE__, __LINE__)
static void near_or_fail(double a, double b, double tol, const char *file, int line)
{
    if (!(fabs(a - b) <= tol)) {
        print_error("%.17g is not within %g of %.17g\n", a, tol, b);
        _fail(file, line);
    }
}

static cs_edge_buf pairs_of(const uint32_t *uv, size_t npairs)
{
    cs_edge_buf b = {0};
    for (size_t i = 0; i < npairs; i++)
        assert_int_equal(cs_edge_buf_push(&b, uv[2 * i], uv[2 * i + 1]), 0);
    return b;
}

static int same_csr(const cs_network *a, const cs_network *b)
{
    if (a->n != b->n || a->edges != b->edges || a->complete != b->complete)
        return 0;
    if (memcmp(a->off, b->off, ((size_t)a->n + 1) * sizeof *a->off) != 0)
        return 0;
    return a->edges == 0 || memcmp(a->adj, b->adj, 2 * a->edges * sizeof *a->adj) == 0;
}

/* Local clustering straight from the definition: every pair of neighbours,
 * looked up by binary search. Slow but independent of the library's
 * marking/probing scheme. */
static int has_tie(const cs_network *net, uint32_t u, uint32_t v)
{
    const uint32_t *row = net->adj + net->off[u];
    size_t d = (size_t)(net->off[u + 1] - net->off[u]);
    size_t lo = 0, hi = d;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (row[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < d && row[lo] == v;
}

static double brute_clustering(const cs_network *net)
{
    double sum = 0.0;
    for (uint32_t u = 0; u < net->n; u++) {
        uint64_t d = cs_network_degree(net, u);
        if (d < 2)
            continue;
        const uint32_t *row = net->adj + net->off[u];
        uint64_t links = 0;
        for (uint64_t i = 0; i < d; i++)
            for (uint64_t j = i + 1; j < d; j++)
                links += (uint64_t)has_tie(net, row[i], row[j]);
        sum += 2.0 * (double)links / ((double)d * (double)(d - 1));
    }
    return sum / net->n;
}

/* ---- cs_network_from_pairs ---------------------------------------------- */

static void test_from_pairs_small(void **state)
{
    (void)state;
    /* {0,1} three times in both orientations, {1,2} twice, two self-loops,
     * user 5 isolated. */
    const uint32_t uv[] = {0, 1, 1, 0, 0, 1, 2, 2, 1, 2, 3, 1, 4, 4, 2, 1};
    cs_edge_buf b = pairs_of(uv, 8);
    cs_network net;
    uint64_t loops = 99, dups = 99;
    assert_int_equal(cs_network_from_pairs(&net, 6, &b, &loops, &dups), 0);
    assert_int_equal(loops, 2);
    assert_int_equal(dups, 3);
    assert_int_equal(net.n, 6);
    assert_int_equal(net.edges, 3);
    assert_int_equal(net.complete, 0);
    const uint64_t want_off[] = {0, 1, 4, 5, 6, 6, 6};
    const uint32_t want_adj[] = {1, 0, 2, 3, 1, 1};
    assert_memory_equal(net.off, want_off, sizeof want_off);
    assert_memory_equal(net.adj, want_adj, sizeof want_adj);
    assert_int_equal(cs_network_check(&net), 0);
    assert_int_equal(cs_network_degree(&net, 5), 0);
    assert_int_equal(cs_network_degree(&net, 1), 3);
    /* The buffer is left as it was. */
    assert_int_equal(b.len, 8);
    assert_memory_equal(b.uv, uv, sizeof uv);
    cs_network_free(&net);
    assert_null(net.off);
    assert_null(net.adj);
    assert_int_equal(net.n, 0);

    /* NULL counters are allowed. */
    assert_int_equal(cs_network_from_pairs(&net, 6, &b, NULL, NULL), 0);
    assert_int_equal(net.edges, 3);
    cs_network_free(&net);
    cs_network_free(NULL);
    cs_edge_buf_free(&b);
}

static void test_from_pairs_empty_and_range(void **state)
{
    (void)state;
    cs_edge_buf b = {0};
    cs_network net;
    uint64_t loops = 9, dups = 9;
    assert_int_equal(cs_network_from_pairs(&net, 0, &b, &loops, &dups), 0);
    assert_int_equal(net.n, 0);
    assert_int_equal(net.edges, 0);
    assert_int_equal(loops, 0);
    assert_int_equal(dups, 0);
    assert_int_equal(cs_network_check(&net), 0);
    assert_true(cs_network_mean_degree(&net) == 0.0);
    assert_true(cs_network_avg_clustering(&net) == 0.0);
    cs_network_free(&net);

    /* Only self-loops: every user isolated. */
    const uint32_t uv[] = {1, 1, 1, 1, 2, 2};
    b = pairs_of(uv, 3);
    assert_int_equal(cs_network_from_pairs(&net, 4, &b, &loops, &dups), 0);
    assert_int_equal(loops, 3);
    assert_int_equal(dups, 0);
    assert_int_equal(net.edges, 0);
    assert_int_equal(net.off[4], 0);
    assert_int_equal(cs_network_check(&net), 0);
    cs_network_free(&net);
    cs_edge_buf_free(&b);

    /* An id >= n is refused rather than written out of bounds. */
    const uint32_t bad[] = {0, 1, 1, 4};
    b = pairs_of(bad, 2);
    assert_int_equal(cs_network_from_pairs(&net, 4, &b, NULL, NULL), CS_ERR_INPUT);
    assert_null(net.off);
    cs_edge_buf_free(&b);
}

/* Rows long enough for the introsort path, in adversarial orders, with
 * duplicates in both orientations. */
static void test_from_pairs_long_rows(void **state)
{
    (void)state;
    enum { N = 5001 };
    cs_edge_buf b = {0};
    cs_pcg32 rng = cs_rng_stream(7, 99, 0, 0);
    uint32_t *perm = malloc(N * sizeof *perm);
    assert_non_null(perm);
    for (uint32_t i = 0; i < N; i++)
        perm[i] = i;
    for (uint32_t i = N - 1; i > 0; i--) {
        uint32_t j = cs_pcg32_bounded(&rng, i + 1);
        uint32_t t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
    /* Hub 0: shuffled, then 1000 repeats reversed. Hub 1: descending.
     * Hub 2: ascending. Hub 3: organ-pipe. */
    for (uint32_t i = 0; i < N; i++)
        assert_int_equal(cs_edge_buf_push(&b, 0, perm[i]), 0); /* includes 0-0 once */
    for (uint32_t i = 0; i < 1000; i++)
        assert_int_equal(cs_edge_buf_push(&b, 10 + i, 0), 0);
    for (uint32_t v = N - 1; v >= 4; v--)
        assert_int_equal(cs_edge_buf_push(&b, 1, v), 0);
    for (uint32_t v = 4; v < N; v++)
        assert_int_equal(cs_edge_buf_push(&b, 2, v), 0);
    for (uint32_t i = 0; i < N - 4; i++) {
        uint32_t v = i < (N - 4) / 2 ? 4 + 2 * i : 4 + 2 * (N - 5 - i) + 1;
        if (v < N)
            assert_int_equal(cs_edge_buf_push(&b, 3, v), 0);
    }
    cs_network net;
    uint64_t loops, dups;
    assert_int_equal(cs_network_from_pairs(&net, N, &b, &loops, &dups), 0);
    assert_int_equal(loops, 1);
    /* 1000 reversed repeats of hub 0's ties; {0,1},{0,2},{0,3} are distinct
     * from hubs 1-3's own ties, which start at 4. */
    assert_int_equal(dups, 1000);
    assert_int_equal(cs_network_check(&net), 0);
    assert_int_equal(cs_network_degree(&net, 0), N - 1);
    assert_int_equal(cs_network_degree(&net, 1), N - 4 + 1);
    assert_int_equal(cs_network_degree(&net, 2), N - 4 + 1);
    cs_network_free(&net);
    cs_edge_buf_free(&b);
    free(perm);
}

/* Threads split the users: the network, the self-loops and the repeats
 * must be the same as on one thread, for pairs with hubs, repeats and
 * self-loops, on 2 to 4 threads (uneven splits included). */
static void test_from_pairs_threads(void **state)
{
    (void)state;
    const uint32_t n = 5003;
    cs_edge_buf b = {0};
    cs_pcg32 rng = cs_rng_stream(4, CS_STREAM_NETWORK, 0, 0);
    for (int i = 0; i < 300000; i++) {
        /* A third of the ends on 20 hubs, so rows are long and repeat. */
        uint32_t u = cs_pcg32_bounded(&rng, 3) ? cs_pcg32_bounded(&rng, n) : cs_pcg32_bounded(&rng, 20);
        uint32_t v = cs_pcg32_bounded(&rng, 50) ? cs_pcg32_bounded(&rng, n) : u;
        assert_int_equal(cs_edge_buf_push(&b, u, v), 0);
    }
    cs_network one, many;
    uint64_t loops1, dups1, loops, dups;
    assert_int_equal(cs_network_from_pairs(&one, n, &b, &loops1, &dups1), 0);
    assert_true(loops1 > 1000 && dups1 > 1000);
    assert_int_equal(cs_network_check(&one), 0);
    for (int t = 2; t <= 4; t++) {
        assert_int_equal(cs_network_from_pairs_threads(&many, n, &b, t, &loops, &dups), 0);
        assert_int_equal(loops, loops1);
        assert_int_equal(dups, dups1);
        assert_int_equal(many.edges, one.edges);
        assert_memory_equal(many.off, one.off, ((size_t)n + 1) * sizeof *one.off);
        assert_memory_equal(many.adj, one.adj, one.edges * 2 * sizeof *one.adj);
        cs_network_free(&many);
    }
    /* An index out of range is refused on many threads too. */
    assert_int_equal(cs_edge_buf_push(&b, 1, n), 0);
    assert_int_equal(cs_network_from_pairs_threads(&many, n, &b, 2, NULL, NULL), CS_ERR_INPUT);
    cs_network_free(&one);
    cs_edge_buf_free(&b);
}

/* Large blocks come aligned for huge pages, can be written whole, shrunk
 * with realloc and freed with free; small ones are plain malloc. */
static void test_malloc_large(void **state)
{
    (void)state;
    const size_t big = (size_t)5 << 20;
    unsigned char *p = cs_malloc_large(big);
    assert_non_null(p);
    assert_int_equal((uintptr_t)p % ((uintptr_t)2 << 20), 0);
    memset(p, 0xab, big);
    unsigned char *q = realloc(p, big / 2);
    assert_non_null(q);
    assert_int_equal(q[0], 0xab);
    assert_int_equal(q[big / 2 - 1], 0xab);
    free(q);
    void *small = cs_malloc_large(100), *none = cs_malloc_large(0);
    assert_non_null(small);
    assert_non_null(none);
    free(small);
    free(none);
}

static void test_check_detects_corruption(void **state)
{
    (void)state;
    const uint32_t uv[] = {0, 1, 1, 2, 2, 3, 0, 3};
    cs_edge_buf b = pairs_of(uv, 4);
    cs_network net;
    assert_int_equal(cs_network_from_pairs(&net, 4, &b, NULL, NULL), 0);
    assert_int_equal(cs_network_check(&net), 0);
    /* rows: 0:[1,3] 1:[0,2] 2:[1,3] 3:[0,2] */
    uint32_t saved = net.adj[1];
    net.adj[1] = 2; /* 0 lists 2, 2 does not list 0: asymmetric */
    assert_int_equal(cs_network_check(&net), CS_ERR_RUNTIME);
    net.adj[1] = 0; /* self-loop */
    assert_int_equal(cs_network_check(&net), CS_ERR_RUNTIME);
    net.adj[1] = 1; /* duplicate neighbour */
    assert_int_equal(cs_network_check(&net), CS_ERR_RUNTIME);
    net.adj[1] = 9; /* out of range */
    assert_int_equal(cs_network_check(&net), CS_ERR_RUNTIME);
    net.adj[1] = saved;
    net.adj[0] = 3, net.adj[1] = 1; /* unsorted */
    assert_int_equal(cs_network_check(&net), CS_ERR_RUNTIME);
    net.adj[0] = 1, net.adj[1] = 3;
    assert_int_equal(cs_network_check(&net), 0);
    net.edges = 5; /* off[n] != 2 * edges */
    assert_int_equal(cs_network_check(&net), CS_ERR_RUNTIME);
    net.edges = 4;
    net.off[2] = 1; /* decreasing offsets */
    assert_int_equal(cs_network_check(&net), CS_ERR_RUNTIME);
    net.off[2] = 4;
    assert_int_equal(cs_network_check(&net), 0);
    cs_network_free(&net);
    cs_edge_buf_free(&b);
}

/* ---- complete networks and statistics ----------------------------------- */

static void test_complete(void **state)
{
    (void)state;
    cs_network net;
    cs_network_complete(&net, 5);
    assert_int_equal(net.complete, 1);
    assert_int_equal(net.edges, 10);
    assert_int_equal(cs_network_degree(&net, 3), 4);
    assert_int_equal(cs_network_check(&net), 0);
    assert_true(cs_network_mean_degree(&net) == 4.0);
    assert_true(cs_network_avg_clustering(&net) == 1.0);
    net.edges = 9;
    assert_int_equal(cs_network_check(&net), CS_ERR_RUNTIME);
    cs_network_free(&net);
    assert_int_equal(net.complete, 0);

    cs_network_complete(&net, 2); /* one tie: degree 1, clustering 0 */
    assert_int_equal(net.edges, 1);
    assert_true(cs_network_avg_clustering(&net) == 0.0);
    cs_network_free(&net);

    /* 10^5 users are implicit, not 10^10 entries. */
    cs_network_complete(&net, 100000);
    assert_int_equal(net.edges, 4999950000ULL);
    assert_null(net.adj);
    assert_int_equal(cs_network_check(&net), 0);
    cs_network_free(&net);
}

static void test_clustering_hand_cases(void **state)
{
    (void)state;
    /* Triangle 0-1-2 plus pendant 2-3: local 1, 1, 1/3, 0. */
    const uint32_t tri[] = {0, 1, 1, 2, 0, 2, 2, 3};
    cs_edge_buf b = pairs_of(tri, 4);
    cs_network net;
    assert_int_equal(cs_network_from_pairs(&net, 4, &b, NULL, NULL), 0);
    assert_near(cs_network_avg_clustering(&net), (1.0 + 1.0 + 1.0 / 3.0) / 4.0, 1e-15);
    assert_near(cs_network_mean_degree(&net), 2.0, 0.0);
    cs_network_free(&net);
    cs_edge_buf_free(&b);

    /* Star on 0 with 50 leaves plus ties 1-2 and 3-4, where the hub ranks
     * highest, so its triangles are found from the leaves. Hub: 2 linked
     * neighbour pairs of 50*49/2; users 1-4: 1; other leaves: 0. */
    for (uint32_t v = 1; v <= 50; v++)
        assert_int_equal(cs_edge_buf_push(&b, 0, v), 0);
    assert_int_equal(cs_edge_buf_push(&b, 1, 2), 0);
    assert_int_equal(cs_edge_buf_push(&b, 3, 4), 0);
    assert_int_equal(cs_network_from_pairs(&net, 51, &b, NULL, NULL), 0);
    double want = (2.0 / (50.0 * 49.0 / 2.0) + 4.0) / 51.0;
    assert_near(cs_network_avg_clustering(&net), want, 1e-15);
    assert_near(cs_network_avg_clustering(&net), brute_clustering(&net), 1e-15);
    cs_network_free(&net);
    cs_edge_buf_free(&b);
}

/* ---- Barabási–Albert ---------------------------------------------------- */

static void test_barabasi_albert(void **state)
{
    (void)state;
    const uint32_t n = 20000, m = 3;
    /* Clique of m + 1 users, then m ties per newcomer, none dropped. */
    const uint64_t want_edges = (uint64_t)m * (m + 1) / 2 + (uint64_t)m * (n - m - 1);
    const uint64_t seeds[] = {1, 2, 3};
    for (size_t s = 0; s < sizeof seeds / sizeof *seeds; s++) {
        cs_network net;
        assert_int_equal(cs_gen_barabasi_albert(&net, n, m, seeds[s]), 0);
        assert_int_equal(cs_network_check(&net), 0);
        assert_int_equal(net.edges, want_edges);
        double mean = cs_network_mean_degree(&net);
        assert_near(mean, 2.0 * (double)want_edges / n, 1e-12);
        assert_true(fabs(mean - 2.0 * m) < 0.01);
        uint64_t deg3 = 0, maxdeg = 0, mindeg = UINT64_MAX;
        for (uint32_t u = 0; u < n; u++) {
            uint64_t d = cs_network_degree(&net, u);
            deg3 += d == m;
            maxdeg = d > maxdeg ? d : maxdeg;
            mindeg = d < mindeg ? d : mindeg;
        }
        /* P(k = m) = 2 / (m + 2) in the n -> inf limit (Bollobás et al.
         * 2001); sampling s.d. is sqrt(0.4 * 0.6 / 20000) = 0.0035, so
         * 0.02 also absorbs the finite-size bias. */
        double share = (double)deg3 / n;
        print_message("BA seed %llu: share(k=3) %.4f, max degree %llu\n",
                      (unsigned long long)seeds[s], share, (unsigned long long)maxdeg);
        assert_true(fabs(share - 2.0 / (m + 2)) < 0.02);
        assert_int_equal(mindeg, m);
        /* Power-law tail: the largest hub grows like m * sqrt(n) ~ 420. */
        assert_true(maxdeg > 100);
        cs_network_free(&net);
    }

    /* Large m takes the stamp-array path for repeat picks. */
    cs_network net;
    assert_int_equal(cs_gen_barabasi_albert(&net, 2000, 40, 4), 0);
    assert_int_equal(cs_network_check(&net), 0);
    assert_int_equal(net.edges, 40 * 41 / 2 + 40 * (2000 - 41));
    for (uint32_t u = 0; u < net.n; u++)
        assert_true(cs_network_degree(&net, u) >= 40);
    cs_network_free(&net);

    assert_int_equal(cs_gen_barabasi_albert(&net, 3, 3, 1), CS_ERR_INPUT);
    assert_int_equal(cs_gen_barabasi_albert(&net, 10, 0, 1), CS_ERR_INPUT);
    /* n == m + 1: just the clique. */
    assert_int_equal(cs_gen_barabasi_albert(&net, 4, 3, 1), 0);
    assert_int_equal(net.edges, 6);
    assert_int_equal(cs_network_check(&net), 0);
    cs_network_free(&net);
}

static void test_barabasi_albert_clustering_matches_brute_force(void **state)
{
    (void)state;
    cs_network net;
    assert_int_equal(cs_gen_barabasi_albert(&net, 3000, 4, 11), 0);
    double c = cs_network_avg_clustering(&net);
    assert_true(c > 0.0);
    assert_near(c, brute_clustering(&net), 1e-12);
    cs_network_free(&net);
}

/* ---- Watts–Strogatz ----------------------------------------------------- */

static void test_watts_strogatz_lattice(void **state)
{
    (void)state;
    cs_network net;
    assert_int_equal(cs_gen_watts_strogatz(&net, 1000, 10, 0.0, 5), 0);
    assert_int_equal(cs_network_check(&net), 0);
    assert_int_equal(net.edges, 5000);
    for (uint32_t u = 0; u < net.n; u++)
        assert_int_equal(cs_network_degree(&net, u), 10);
    /* Ring lattice: 3(k - 2) / (4(k - 1)) = 2/3 for every user. */
    assert_near(cs_network_avg_clustering(&net), 2.0 / 3.0, 1e-12);
    /* Wrap-around: user 0 ties to 1..5 and 995..999. */
    const uint32_t row0[] = {1, 2, 3, 4, 5, 995, 996, 997, 998, 999};
    assert_memory_equal(net.adj + net.off[0], row0, sizeof row0);
    cs_network_free(&net);
}

static void test_watts_strogatz_rewired(void **state)
{
    (void)state;
    cs_network net;
    assert_int_equal(cs_gen_watts_strogatz(&net, 20000, 10, 0.1, 5), 0);
    assert_int_equal(cs_network_check(&net), 0);
    /* Rewiring moves one end of a tie, so the count is exactly nk/2. */
    assert_int_equal(net.edges, 100000);
    assert_true(cs_network_mean_degree(&net) == 10.0);
    /* C(beta) ~ C(0) (1 - beta)^3 = 2/3 * 0.729 (Barrat & Weigt 2000): a
     * triangle survives when none of its three ties was rewired; the
     * approximation ignores the few triangles rewiring creates. */
    double c = cs_network_avg_clustering(&net);
    print_message("WS beta=0.1: clustering %.4f (approximation %.4f)\n", c, 0.729 * 2.0 / 3.0);
    assert_true(fabs(c - 0.729 * 2.0 / 3.0) < 0.02);
    cs_network_free(&net);

    /* beta = 1 on a nearly complete ring: all users rewire, many of them
     * "tied to everyone", which must keep their ties instead of looping. */
    assert_int_equal(cs_gen_watts_strogatz(&net, 11, 10, 1.0, 3), 0);
    assert_int_equal(cs_network_check(&net), 0);
    assert_int_equal(net.edges, 55);
    cs_network_free(&net);
    assert_int_equal(cs_gen_watts_strogatz(&net, 30, 8, 1.0, 3), 0);
    assert_int_equal(cs_network_check(&net), 0);
    assert_int_equal(net.edges, 120);
    cs_network_free(&net);

    assert_int_equal(cs_gen_watts_strogatz(&net, 100, 5, 0.1, 1), CS_ERR_INPUT);
    assert_int_equal(cs_gen_watts_strogatz(&net, 10, 10, 0.1, 1), CS_ERR_INPUT);
    assert_int_equal(cs_gen_watts_strogatz(&net, 100, 4, 1.5, 1), CS_ERR_INPUT);
    assert_int_equal(cs_gen_watts_strogatz(&net, 100, 4, NAN, 1), CS_ERR_INPUT);
}

/* ---- Erdős–Rényi -------------------------------------------------------- */

static void test_erdos_renyi(void **state)
{
    (void)state;
    const uint32_t n = 20000;
    cs_network net;
    assert_int_equal(cs_gen_erdos_renyi(&net, n, 8.0, 42), 0);
    assert_int_equal(cs_network_check(&net), 0);
    /* Ties ~ Binomial(n(n-1)/2, p) with mean 80000 and s.d. ~ sqrt(80000)
     * = 283, so the mean degree 2E/n has s.d. 2 * 283 / 20000 = 0.028:
     * +-0.1 is 3.5 standard errors. */
    double mean = cs_network_mean_degree(&net);
    print_message("ER: mean degree %.4f, clustering %.6f\n", mean,
                  cs_network_avg_clustering(&net));
    assert_true(fabs(mean - 8.0) < 0.1);
    /* Clustering of G(n, p) is p = 4e-4; a lattice-like bug would be ~0.5. */
    assert_true(cs_network_avg_clustering(&net) < 0.002);
    cs_network_free(&net);

    /* The extremes: p = 0 and p = 1. */
    assert_int_equal(cs_gen_erdos_renyi(&net, 50, 0.0, 1), 0);
    assert_int_equal(net.edges, 0);
    cs_network_free(&net);
    assert_int_equal(cs_gen_erdos_renyi(&net, 50, 49.0, 1), 0);
    assert_int_equal(net.edges, 50 * 49 / 2);
    assert_int_equal(cs_network_check(&net), 0);
    cs_network_free(&net);

    assert_int_equal(cs_gen_erdos_renyi(&net, 50, 49.5, 1), CS_ERR_INPUT);
    assert_int_equal(cs_gen_erdos_renyi(&net, 50, -1.0, 1), CS_ERR_INPUT);
    assert_int_equal(cs_gen_erdos_renyi(&net, 50, NAN, 1), CS_ERR_INPUT);
    assert_int_equal(cs_gen_erdos_renyi(&net, 1, 1.0, 1), CS_ERR_INPUT);
}

/* ---- stochastic block model --------------------------------------------- */

static void test_sbm(void **state)
{
    (void)state;
    const uint32_t sizes[] = {300, 300, 400};
    const uint32_t base[] = {0, 300, 600, 1000};
    const double p_in = 0.1, p_out = 0.01;
    cs_network net;
    assert_int_equal(cs_gen_sbm(&net, sizes, 3, p_in, p_out, 9), 0);
    assert_int_equal(net.n, 1000);
    assert_int_equal(cs_network_check(&net), 0);
    uint64_t ties[3][3] = {{0}};
    for (uint32_t u = 0; u < net.n; u++) {
        uint32_t bu = u < 300 ? 0 : u < 600 ? 1 : 2;
        for (uint64_t k = net.off[u]; k < net.off[u + 1]; k++) {
            uint32_t v = net.adj[k];
            uint32_t bv = v < 300 ? 0 : v < 600 ? 1 : 2;
            if (v > u)
                ties[bu][bv]++;
        }
    }
    for (int a = 0; a < 3; a++) {
        for (int b = a; b < 3; b++) {
            double sa = base[a + 1] - base[a], sb = base[b + 1] - base[b];
            double pairs = a == b ? sa * (sa - 1) / 2 : sa * sb;
            double p = a == b ? p_in : p_out;
            double density = (double)ties[a][b] / pairs;
            /* The tie count is Binomial(pairs, p): its density has s.d.
             * sqrt(p(1-p)/pairs), 0.0014 inside a 300-block and 0.0003
             * between 300-blocks. Five of them. */
            double tol = 5.0 * sqrt(p * (1 - p) / pairs);
            print_message("SBM blocks %d-%d: density %.5f (p %.3f, tol %.5f)\n", a, b, density,
                          p, tol);
            assert_true(fabs(density - p) < tol);
        }
    }
    cs_network_free(&net);

    assert_int_equal(cs_gen_sbm(&net, sizes, 3, 1.5, 0.1, 1), CS_ERR_INPUT);
    assert_int_equal(cs_gen_sbm(&net, sizes, 3, 0.1, -0.1, 1), CS_ERR_INPUT);
    const uint32_t huge[] = {UINT32_MAX, 2};
    assert_int_equal(cs_gen_sbm(&net, huge, 2, 0.0, 0.0, 1), CS_ERR_INPUT);
    /* p = 1 inside blocks, 0 across: disjoint cliques. */
    const uint32_t small[] = {4, 0, 5};
    assert_int_equal(cs_gen_sbm(&net, small, 3, 1.0, 0.0, 1), 0);
    assert_int_equal(net.edges, 6 + 10);
    assert_int_equal(cs_network_check(&net), 0);
    assert_true(cs_network_avg_clustering(&net) == 1.0);
    cs_network_free(&net);
}

/* ---- determinism -------------------------------------------------------- */

typedef int (*gen_fn)(cs_network *net, uint64_t seed);

static int gen_er(cs_network *net, uint64_t seed)
{
    return cs_gen_erdos_renyi(net, 3000, 6.0, seed);
}
static int gen_ba(cs_network *net, uint64_t seed)
{
    return cs_gen_barabasi_albert(net, 3000, 3, seed);
}
static int gen_ws(cs_network *net, uint64_t seed)
{
    return cs_gen_watts_strogatz(net, 3000, 6, 0.1, seed);
}
static int gen_sbm(cs_network *net, uint64_t seed)
{
    const uint32_t sizes[] = {1000, 2000};
    return cs_gen_sbm(net, sizes, 2, 0.01, 0.001, seed);
}

static void test_determinism(void **state)
{
    (void)state;
    const gen_fn gens[] = {gen_er, gen_ba, gen_ws, gen_sbm};
    for (size_t g = 0; g < sizeof gens / sizeof *gens; g++) {
        cs_network a, b, c;
        assert_int_equal(gens[g](&a, 1234), 0);
        assert_int_equal(gens[g](&b, 1234), 0);
        assert_int_equal(gens[g](&c, 1235), 0);
        assert_true(same_csr(&a, &b));
        assert_false(same_csr(&a, &c));
        cs_network_free(&a);
        cs_network_free(&b);
        cs_network_free(&c);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_from_pairs_small),
        cmocka_unit_test(test_from_pairs_empty_and_range),
        cmocka_unit_test(test_from_pairs_long_rows),
        cmocka_unit_test(test_from_pairs_threads),
        cmocka_unit_test(test_malloc_large),
        cmocka_unit_test(test_check_detects_corruption),
        cmocka_unit_test(test_complete),
        cmocka_unit_test(test_clustering_hand_cases),
        cmocka_unit_test(test_barabasi_albert),
        cmocka_unit_test(test_barabasi_albert_clustering_matches_brute_force),
        cmocka_unit_test(test_watts_strogatz_lattice),
        cmocka_unit_test(test_watts_strogatz_rewired),
        cmocka_unit_test(test_erdos_renyi),
        cmocka_unit_test(test_sbm),
        cmocka_unit_test(test_determinism),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
