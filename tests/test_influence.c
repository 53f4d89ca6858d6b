/* SPDX-License-Identifier: MIT */
/* test_influence.c - seed selection against exact answers: reverse-
 * reachable sets and IMM against the exact spread of small cascades (every
 * live-edge graph enumerated) and against circlesim's own cascade model;
 * greedy and CELF against exhaustive search and against each other. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "analysis/influence.h"
#include "network/network.h"
#include "circlesim/rng.h"
#include "scenario/scenario.h"
#include "engine/run_struct.h"

/* ---- small graphs and their exact spread ---- */

typedef struct graph {
    uint32_t n;
    uint32_t m;
    uint32_t u[64], v[64];
} graph;

static void add_tie(graph *g, uint32_t u, uint32_t v)
{
    g->u[g->m] = u;
    g->v[g->m] = v;
    g->m++;
}

/* n users and m distinct ties drawn at random (no self-ties). */
static void random_graph(graph *g, uint32_t n, uint32_t m, cs_pcg32 *rng)
{
    g->n = n;
    g->m = 0;
    while (g->m < m) {
        uint32_t a = cs_pcg32_bounded(rng, n), b = cs_pcg32_bounded(rng, n);
        int dup = a == b;
        for (uint32_t e = 0; e < g->m && !dup; e++)
            dup = (g->u[e] == a && g->v[e] == b) || (g->u[e] == b && g->v[e] == a);
        if (!dup)
            add_tie(g, a, b);
    }
}

static void build(const graph *g, cs_network *net)
{
    cs_edge_buf b = {0};
    for (uint32_t e = 0; e < g->m; e++)
        assert_int_equal(cs_edge_buf_push(&b, g->u[e], g->v[e]), 0);
    uint64_t loops, dups;
    assert_int_equal(cs_network_from_pairs(net, g->n, &b, &loops, &dups), 0);
    cs_edge_buf_free(&b);
}

/* Expected number of users within `depth` hops of the seeds along live
 * ties, each tie live with chance p: the cascade's exact expected spread,
 * summed over all 2^m live-edge graphs (m <= 20). */
static double exact_spread(const graph *g, double p, int depth, const uint32_t *seeds, size_t k)
{
    double total = 0;
    for (uint32_t mask = 0; mask < (1u << g->m); mask++) {
        double w = 1;
        for (uint32_t e = 0; e < g->m; e++)
            w *= mask >> e & 1 ? p : 1 - p;
        int dist[64];
        for (uint32_t x = 0; x < g->n; x++)
            dist[x] = -1;
        for (size_t i = 0; i < k; i++)
            dist[seeds[i]] = 0;
        for (int d = 0; d < depth; d++)
            for (uint32_t e = 0; e < g->m; e++) {
                if (!(mask >> e & 1))
                    continue;
                uint32_t a = g->u[e], b = g->v[e];
                if (dist[a] == d && dist[b] < 0)
                    dist[b] = d + 1;
                if (dist[b] == d && dist[a] < 0)
                    dist[a] = d + 1;
            }
        int reached = 0;
        for (uint32_t x = 0; x < g->n; x++)
            reached += dist[x] >= 0;
        total += w * reached;
    }
    return total;
}

/* ---- reverse-reachable sets ---- */

/* On a path 0-1-2-...-9 a set rooted at r holds r and the users a live run
 * of ties reaches within depth hops: the share of sets that hold user 0 is
 * the chance 0 reaches a uniform root, sum_{d<=depth} p^d / n. */
static void test_rr_path_share(void **state)
{
    (void)state;
    graph g = {.n = 10};
    for (uint32_t i = 0; i + 1 < 10; i++)
        add_tie(&g, i, i + 1);
    cs_network net;
    build(&g, &net);
    const double p = 0.6;
    const int depth = 3;
    cs_rr_params pp = {.p = p, .depth = depth, .seed = 42, .threads = 2};
    cs_rr_sets rr = {0};
    const uint64_t T = 200000;
    assert_int_equal(cs_rr_extend(&rr, &net, &pp, T), 0);
    uint64_t hold = 0;
    for (uint64_t s = 0; s < rr.count; s++)
        for (uint64_t j = rr.off[s]; j < rr.off[s + 1]; j++)
            hold += rr.node[j] == 0;
    double want = (1 + p + p * p + p * p * p) / 10.0, got = (double)hold / (double)T;
    double se = sqrt(want * (1 - want) / (double)T);
    if (fabs(got - want) > 5 * se)
        fail_msg("share of sets holding user 0: %.5f, expected %.5f +- %.5f", got, want, 5 * se);
    cs_rr_free(&rr);
    cs_network_free(&net);
}

/* The collection does not depend on the thread count, nor on being drawn
 * in one call or several. */
static void test_rr_same_for_any_threads(void **state)
{
    (void)state;
    cs_network net;
    assert_int_equal(cs_gen_barabasi_albert(&net, 3000, 3, 9), 0);
    cs_rr_params one = {.p = 0.2, .depth = 5, .seed = 3, .threads = 1};
    cs_rr_params three = one;
    three.threads = 3;
    cs_rr_sets a = {0}, b = {0};
    assert_int_equal(cs_rr_extend(&a, &net, &one, 10000), 0);
    assert_int_equal(cs_rr_extend(&b, &net, &three, 1234), 0);
    assert_int_equal(cs_rr_extend(&b, &net, &three, 10000), 0);
    assert_int_equal(a.count, b.count);
    assert_memory_equal(a.off, b.off, (a.count + 1) * sizeof *a.off);
    assert_memory_equal(a.node, b.node, a.off[a.count] * sizeof *a.node);
    /* A limit on members is reported, and the sets made before it kept. */
    cs_rr_params small = one;
    small.max_bytes = (uint64_t)cs_rr_bytes(5000, (double)a.off[5000]);
    cs_rr_sets c = {0};
    assert_int_equal(cs_rr_extend(&c, &net, &small, 10000), CS_RR_TOO_BIG);
    assert_true(c.count <= 5000 && cs_rr_bytes((double)c.count, (double)c.off[c.count]) <=
                                       (double)small.max_bytes);
    /* A stop asked for ends the drawing. */
    volatile sig_atomic_t stop = 1;
    cs_rr_params stopped = one;
    stopped.stop = &stop;
    cs_rr_sets e = {0};
    assert_int_equal(cs_rr_extend(&e, &net, &stopped, 10000), CS_ERR_INTERRUPTED);
    cs_rr_free(&e);
    cs_rr_free(&a);
    cs_rr_free(&b);
    cs_rr_free(&c);
    cs_network_free(&net);
}

/* ---- IMM ---- */

/* Disjoint stars with 12, 9, 6 and 3 leaves: the best 3 seeds are the
 * three largest centres (a centre reaches 1 + L p, a leaf 1 + p + (L-1)p^2). */
static void stars(graph *g)
{
    static const uint32_t leaves[] = {3, 12, 6, 9}; /* not in size order */
    g->n = 0;
    g->m = 0;
    for (size_t s = 0; s < 4; s++) {
        uint32_t c = g->n++;
        for (uint32_t l = 0; l < leaves[s]; l++)
            add_tie(g, c, g->n++);
    }
}

static int has(const uint32_t *v, size_t n, uint32_t x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == x)
            return 1;
    return 0;
}

static void test_imm_picks_star_centres(void **state)
{
    (void)state;
    graph g;
    stars(&g); /* centres 0 (3 leaves), 4 (12), 17 (6), 24 (9) */
    cs_network net;
    build(&g, &net);
    cs_rr_params pp = {.p = 0.3, .depth = 10, .seed = 1, .threads = 2};
    uint32_t chosen[3];
    double gain[3];
    cs_imm_result res;
    assert_int_equal(cs_imm(&net, &pp, NULL, 3, 0.1, 1, chosen, gain, &res), 0);
    assert_int_equal(res.chosen, 3);
    assert_int_equal(chosen[0], 4);
    assert_int_equal(chosen[1], 24);
    assert_int_equal(chosen[2], 17);
    /* The exact spread of the centres: 3 + 0.3 (12 + 9 + 6) = 11.1. */
    if (fabs(res.spread - 11.1) > 0.3)
        fail_msg("IMM's estimate %.3f, exact 11.1", res.spread);
    assert_true(gain[0] >= gain[1] && gain[1] >= gain[2]);
    cs_network_free(&net);
}

/* Hubs A (0) and B (1) share 28 of their 30 neighbours; C (2) has 20 of its
 * own. Two seeds: the two largest degrees (A, B) reach far fewer than one
 * of them and C, which IMM must pick. */
static void overlapping_hubs(graph *g, cs_network *net)
{
    cs_edge_buf b = {0};
    uint32_t next = 3;
    for (uint32_t i = 0; i < 28; i++, next++) {
        assert_int_equal(cs_edge_buf_push(&b, 0, next), 0);
        assert_int_equal(cs_edge_buf_push(&b, 1, next), 0);
    }
    for (uint32_t i = 0; i < 2; i++) {
        assert_int_equal(cs_edge_buf_push(&b, 0, next++), 0);
        assert_int_equal(cs_edge_buf_push(&b, 1, next++), 0);
    }
    for (uint32_t i = 0; i < 20; i++)
        assert_int_equal(cs_edge_buf_push(&b, 2, next++), 0);
    uint64_t loops, dups;
    assert_int_equal(cs_network_from_pairs(net, next, &b, &loops, &dups), 0);
    cs_edge_buf_free(&b);
    (void)g;
}

static void test_imm_avoids_overlapping_hubs(void **state)
{
    (void)state;
    cs_network net;
    overlapping_hubs(NULL, &net);
    assert_true(cs_network_degree(&net, 0) > cs_network_degree(&net, 2));
    assert_true(cs_network_degree(&net, 1) > cs_network_degree(&net, 2));
    cs_rr_params pp = {.p = 0.5, .depth = 1, .seed = 5, .threads = 2};
    uint32_t chosen[2];
    double gain[2];
    cs_imm_result res;
    assert_int_equal(cs_imm(&net, &pp, NULL, 2, 0.1, 1, chosen, gain, &res), 0);
    assert_true(has(chosen, 2, 2));
    assert_true(has(chosen, 2, 0) || has(chosen, 2, 1));
    /* Restricted to a pool without C, it takes both hubs. */
    uint8_t pool[80] = {0};
    for (uint32_t u = 0; u < net.n; u++)
        pool[u] = u != 2;
    assert_int_equal(cs_imm(&net, &pp, pool, 2, 0.1, 1, chosen, gain, &res), 0);
    assert_true(has(chosen, 2, 0) && has(chosen, 2, 1));
    cs_network_free(&net);
}

/* Small random graphs: IMM's choice is within (1 - 1/e - epsilon) of the
 * best k-set, found by trying every k-set on the exact spread. */
static void test_imm_against_exhaustive(void **state)
{
    (void)state;
    cs_pcg32 rng = cs_rng_stream(77, 0, 0, 0);
    for (int trial = 0; trial < 6; trial++) {
        graph g;
        random_graph(&g, 9, 14, &rng);
        cs_network net;
        build(&g, &net);
        const double p = 0.4;
        const int depth = 2;
        double best = 0;
        for (uint32_t a = 0; a < 9; a++)
            for (uint32_t b = a + 1; b < 9; b++) {
                uint32_t s[2] = {a, b};
                best = fmax(best, exact_spread(&g, p, depth, s, 2));
            }
        cs_rr_params pp = {.p = p, .depth = depth, .seed = (uint64_t)trial + 1, .threads = 2};
        uint32_t chosen[2];
        double gain[2];
        cs_imm_result res;
        assert_int_equal(cs_imm(&net, &pp, NULL, 2, 0.1, 1, chosen, gain, &res), 0);
        double got = exact_spread(&g, p, depth, chosen, 2);
        if (got < (1 - 1 / M_E - 0.1) * best)
            fail_msg("trial %d: IMM's seeds spread %.4f, the best pair %.4f", trial, got, best);
        /* Its estimate is close to the exact spread of what it chose. */
        if (fabs(res.spread - got) > 0.1 * got)
            fail_msg("trial %d: IMM estimated %.4f, exact %.4f", trial, res.spread, got);
        cs_network_free(&net);
    }
}

/* IMM's estimated spread on a generated network against the mean final
 * buyers of circlesim's cascade model seeded with IMM's choice, over 400
 * runs on the same network (world_seed fixed, the run's seed varied). */
static void test_imm_estimate_matches_cascade_model(void **state)
{
    (void)state;
    static const char text[] = "model: cascade\ndays: 6\nworld_seed: 11\n"
                               "population: {size: 3000}\n"
                               "network: {kind: barabasi_albert, m: 3}\n"
                               "cascade: {p: 0.12}\n";
    cs_diag d;
    cs_diag_init(&d, stderr);
    cs_scenario sc;
    assert_int_equal(cs_scenario_init(&sc), 0);
    assert_int_equal(cs_scenario_load_text(&sc, "imm.yaml", text, strlen(text), "/", &d), 0);
    assert_int_equal(cs_scenario_validate(&sc, &d), 0);
    cs_network net;
    cs_nodes nodes;
    uint64_t loops, dups;
    assert_int_equal(cs_build_network(&sc, &net, &nodes, 2, &loops, &dups, &d), 0);
    enum { K = 8 };
    uint32_t chosen[K];
    double gain[K];
    cs_imm_result res;
    cs_rr_params pp = {.p = 0.12, .depth = 6, .seed = 2, .threads = 2};
    assert_int_equal(cs_imm(&net, &pp, NULL, K, 0.1, 1, chosen, gain, &res), 0);
    assert_int_equal(res.chosen, K);
    char set[512];
    int len = snprintf(set, sizeof set, "cascade.seeds=[");
    for (int i = 0; i < K; i++)
        len += snprintf(set + len, sizeof set - (size_t)len, "%s%u", i ? "," : "", chosen[i]);
    snprintf(set + len, sizeof set - (size_t)len, "]");
    assert_int_equal(cs_scenario_set(&sc, set, &d), 0);
    const int R = 400;
    double sum = 0, sum2 = 0;
    for (int rep = 0; rep < R; rep++) {
        char seed[64];
        snprintf(seed, sizeof seed, "seed=%d", rep + 100);
        assert_int_equal(cs_scenario_set(&sc, seed, &d), 0);
        assert_int_equal(cs_scenario_validate(&sc, &d), 0);
        cs_run r;
        assert_int_equal(cs_run_init(&r, &sc, 1, &d), 0);
        while (r.day < sc.days)
            assert_int_equal(cs_run_step(&r), 0);
        double f = (double)r.rows[r.day - 1].buyers;
        sum += f;
        sum2 += f * f;
        cs_run_free(&r);
    }
    double mean = sum / R, sd = sqrt((sum2 - R * mean * mean) / (R - 1));
    /* Monte-Carlo error (4 standard errors) plus 3% for IMM's own. */
    double tol = 4 * sd / sqrt((double)R) + 0.03 * mean;
    print_message("IMM estimated %.2f; the cascade model's mean %.2f (sd %.2f, %d runs)\n",
                  res.spread, mean, sd, R);
    if (fabs(res.spread - mean) > tol)
        fail_msg("IMM estimated %.2f, the cascade model's mean is %.2f (+- %.2f)", res.spread,
                 mean, tol);
    cs_network_free(&net);
    cs_nodes_free(&nodes);
    cs_scenario_free(&sc);
}

/* ---- greedy and CELF ---- */

/* A set function of test graphs: the exact cascade spread. */
typedef struct exact_ctx {
    const graph *g;
    double p;
    int depth;
    size_t calls;
} exact_ctx;

static int eval_exact(const uint32_t *base, size_t nbase, const uint32_t *add, size_t m,
                      double *out, void *ctx)
{
    exact_ctx *c = ctx;
    uint32_t s[64];
    memcpy(s, base, nbase * sizeof *s);
    for (size_t i = 0; i < m; i++) {
        size_t k = nbase;
        if (add[i] != CS_NO_ADD)
            s[k++] = add[i];
        out[i] = exact_spread(c->g, c->p, c->depth, s, k);
        c->calls++;
    }
    return 0;
}

/* Disjoint stars with 2, 5 and 3 leaves, on the exact spread (2^10
 * live-edge graphs): greedy takes the centres of 5 and of 3 leaves, each
 * gaining 1 + L p. */
static void test_greedy_picks_star_centres(void **state)
{
    (void)state;
    graph g = {.n = 0};
    static const uint32_t leaves[] = {2, 5, 3};
    for (size_t s = 0; s < 3; s++) {
        uint32_t centre = g.n++;
        for (uint32_t l = 0; l < leaves[s]; l++)
            add_tie(&g, centre, g.n++);
    }
    exact_ctx c = {&g, 0.3, 10, 0};
    uint32_t cand[64];
    for (uint32_t u = 0; u < g.n; u++)
        cand[u] = u;
    uint32_t chosen[2];
    double gain[2];
    cs_greedy_result res;
    assert_int_equal(cs_celf(cand, g.n, 2, 2, eval_exact, &c, chosen, gain, &res), 0);
    assert_int_equal(res.chosen, 2);
    assert_int_equal(chosen[0], 3); /* the centre with 5 leaves */
    assert_int_equal(chosen[1], 9); /* the centre with 3 leaves */
    assert_true(fabs(gain[0] - (1 + 5 * 0.3)) < 1e-9);
    assert_true(fabs(gain[1] - (1 + 3 * 0.3)) < 1e-9);
}

/* Greedy is within (1 - 1/e) of the best k-set on small random graphs. */
static void test_greedy_against_exhaustive(void **state)
{
    (void)state;
    cs_pcg32 rng = cs_rng_stream(91, 0, 0, 0);
    for (int trial = 0; trial < 6; trial++) {
        graph g;
        random_graph(&g, 9, 13, &rng);
        exact_ctx c = {&g, 0.35, 3, 0};
        double best = 0;
        for (uint32_t a = 0; a < 9; a++)
            for (uint32_t b = a + 1; b < 9; b++)
                for (uint32_t x = b + 1; x < 9; x++) {
                    uint32_t s[3] = {a, b, x};
                    best = fmax(best, exact_spread(&g, c.p, c.depth, s, 3));
                }
        uint32_t cand[9], chosen[3], chosen2[3];
        for (uint32_t u = 0; u < 9; u++)
            cand[u] = u;
        double gain[3], gain2[3];
        cs_greedy_result res, res2;
        assert_int_equal(cs_greedy(cand, 9, 3, eval_exact, &c, chosen, gain, &res), 0);
        if (res.value < (1 - 1 / M_E) * best)
            fail_msg("trial %d: greedy %.4f, best %.4f", trial, res.value, best);
        assert_int_equal(cs_celf(cand, 9, 3, 1, eval_exact, &c, chosen2, gain2, &res2), 0);
        assert_memory_equal(chosen, chosen2, sizeof chosen);
    }
}

/* Coverage (submodular) with many equal gains: CELF, at any batch size,
 * picks exactly what plain greedy does, tie for tie, with fewer
 * evaluations. Candidate i covers items {i mod 7, (i * 3) mod 11 + 7, ...}. */
typedef struct cover_ctx {
    uint32_t items[40][4];
    size_t calls;
} cover_ctx;

static int eval_cover(const uint32_t *base, size_t nbase, const uint32_t *add, size_t m,
                      double *out, void *ctx)
{
    cover_ctx *c = ctx;
    for (size_t i = 0; i < m; i++) {
        uint8_t seen[64] = {0};
        int count = 0;
        for (size_t j = 0; j <= nbase; j++) {
            uint32_t x = j < nbase ? base[j] : add[i];
            if (x == CS_NO_ADD)
                continue;
            for (int t = 0; t < 4; t++)
                if (!seen[c->items[x][t]]) {
                    seen[c->items[x][t]] = 1;
                    count++;
                }
        }
        out[i] = count;
        c->calls++;
    }
    return 0;
}

static void test_celf_equals_greedy_with_ties(void **state)
{
    (void)state;
    cover_ctx c = {{{0}}, 0};
    cs_pcg32 rng = cs_rng_stream(5, 0, 0, 0);
    for (int i = 0; i < 40; i++)
        for (int t = 0; t < 4; t++)
            c.items[i][t] = cs_pcg32_bounded(&rng, 30); /* repeats: sizes 1 to 4, many ties */
    uint32_t cand[40];
    for (uint32_t i = 0; i < 40; i++)
        cand[i] = 39 - i; /* the listed order, not the index, breaks ties */
    uint32_t a[12], b[12];
    double ga[12], gb[12];
    cs_greedy_result ra, rb;
    assert_int_equal(cs_greedy(cand, 40, 12, eval_cover, &c, a, ga, &ra), 0);
    size_t plain_calls = c.calls;
    for (size_t batch = 1; batch <= 8; batch *= 2) {
        c.calls = 0;
        assert_int_equal(cs_celf(cand, 40, 12, batch, eval_cover, &c, b, gb, &rb), 0);
        assert_memory_equal(a, b, sizeof a);
        assert_memory_equal(ga, gb, sizeof ga);
        assert_true(rb.value == ra.value);
        assert_true(c.calls < plain_calls);
        assert_int_equal(rb.evaluations, c.calls);
    }
    int ties = 0;
    for (int i = 1; i < 12; i++)
        ties += ga[i] == ga[i - 1];
    assert_true(ties >= 3); /* the case does exercise ties */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rr_path_share),
        cmocka_unit_test(test_rr_same_for_any_threads),
        cmocka_unit_test(test_imm_picks_star_centres),
        cmocka_unit_test(test_imm_avoids_overlapping_hubs),
        cmocka_unit_test(test_imm_against_exhaustive),
        cmocka_unit_test(test_imm_estimate_matches_cascade_model),
        cmocka_unit_test(test_greedy_picks_star_centres),
        cmocka_unit_test(test_greedy_against_exhaustive),
        cmocka_unit_test(test_celf_equals_greedy_with_ties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
