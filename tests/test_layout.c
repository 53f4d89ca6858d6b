/* SPDX-License-Identifier: MIT */
/* test_layout.c - the network panel's sample of users and its layout.
 * Sample: everyone when the network is small, with exactly its ties; on a
 * large scale-free network, a sample of the asked size with exactly the ties
 * among the chosen users, all top-priority users in, mostly one component,
 * a pure function of its seed; hubs, edgeless and complete networks.
 * Layout: the same bytes twice, energy that falls, two joined cliques drawn
 * apart, a two-node layout at its closed-form equilibrium, one step against
 * the forces by hand, the quadtree against the exact sum, an untied layout
 * filling the unit disc, and no NaN from degenerate input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "network/network.h"
#include "draw/layout.h"
#include "draw/sample.h"

/* ---- helpers ---- */

/* The ties of net as pairs u < v in increasing order. */
static uint32_t *ties_of(const cs_network *net, uint64_t *m)
{
    uint32_t *t = malloc((2 * net->edges + 1) * sizeof *t);
    assert_non_null(t);
    uint64_t k = 0;
    for (uint32_t u = 0; u < net->n; u++)
        for (uint64_t p = net->off[u]; p < net->off[u + 1]; p++)
            if (net->adj[p] > u) {
                t[2 * k] = u;
                t[2 * k + 1] = net->adj[p];
                k++;
            }
    assert_true(k == net->edges);
    *m = k;
    return t;
}

static int has_tie(const cs_network *net, uint32_t u, uint32_t v)
{
    uint64_t lo = net->off[u], hi = net->off[u + 1];
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo) / 2;
        if (net->adj[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < net->off[u + 1] && net->adj[lo] == v;
}

static uint32_t uf_find(uint32_t *parent, uint32_t a)
{
    while (parent[a] != a)
        a = parent[a] = parent[parent[a]];
    return a;
}

/* Size of the largest connected component of the sample's own graph. */
static uint32_t largest_component(const cs_sample *s)
{
    uint32_t *parent = malloc(s->n * sizeof *parent), *size = calloc(s->n, sizeof *size);
    assert_true(parent && size);
    for (uint32_t i = 0; i < s->n; i++)
        parent[i] = i;
    for (uint64_t e = 0; e < s->m; e++) {
        uint32_t a = uf_find(parent, s->tie[2 * e]), b = uf_find(parent, s->tie[2 * e + 1]);
        if (a != b)
            parent[a] = b;
    }
    uint32_t best = 0;
    for (uint32_t i = 0; i < s->n; i++) {
        uint32_t r = uf_find(parent, i);
        if (++size[r] > best)
            best = size[r];
    }
    free(parent);
    free(size);
    return best;
}

/* Ids ascending and unique; ties index pairs i < j, strictly increasing
 * (so no duplicates); every tie is a tie of net, and every tie of net
 * between two sampled users is there (counted, which with the two checks
 * before means the sets are equal). */
static void check_sample(const cs_sample *s, const cs_network *net)
{
    for (uint32_t i = 1; i < s->n; i++)
        assert_true(s->user[i - 1] < s->user[i]);
    assert_true(s->n == 0 || s->user[s->n - 1] < net->n);
    for (uint64_t e = 0; e < s->m; e++) {
        uint32_t a = s->tie[2 * e], b = s->tie[2 * e + 1];
        assert_true(a < b && b < s->n);
        if (e > 0) {
            uint32_t pa = s->tie[2 * e - 2], pb = s->tie[2 * e - 1];
            assert_true(pa < a || (pa == a && pb < b));
        }
        assert_true(net->complete || has_tie(net, s->user[a], s->user[b]));
    }
    uint64_t real = 0;
    if (!net->complete)
        for (uint32_t i = 0; i < s->n; i++) {
            uint32_t u = s->user[i];
            for (uint64_t p = net->off[u]; p < net->off[u + 1]; p++)
                real += net->adj[p] > u && cs_sample_find(s, net->adj[p]) >= 0;
        }
    assert_true(s->m == real);
    for (uint32_t i = 0; i < s->n; i++)
        assert_true(cs_sample_find(s, s->user[i]) == (int64_t)i);
}

/* ---- sample ---- */

static void test_sample_everyone(void **state)
{
    (void)state;
    cs_network net;
    assert_int_equal(cs_gen_watts_strogatz(&net, 300, 4, 0.2, 5), 0);
    uint64_t m;
    uint32_t *want = ties_of(&net, &m);
    uint32_t sizes[] = {300, 1000};
    for (int k = 0; k < 2; k++) {
        cs_sample s;
        assert_int_equal(cs_sample_build(&s, &net, NULL, sizes[k], 9), 0);
        assert_int_equal(s.n, 300);
        for (uint32_t i = 0; i < s.n; i++)
            assert_int_equal(s.user[i], i);
        assert_true(s.m == net.edges);
        assert_memory_equal(s.tie, want, 2 * m * sizeof *want);
        check_sample(&s, &net);
        assert_true(cs_sample_find(&s, 300) == -1);
        cs_sample_free(&s);
        assert_null(s.user);
        cs_sample_free(&s); /* twice is harmless */
    }
    free(want);
    cs_network_free(&net);

    cs_network empty = {0};
    cs_sample s;
    assert_int_equal(cs_sample_build(&s, &empty, NULL, 10, 1), 0);
    assert_true(s.n == 0 && s.m == 0 && s.user == NULL && cs_sample_find(&s, 0) == -1);
    cs_sample_free(&s);
}

static void test_sample_scale_free(void **state)
{
    (void)state;
    const uint32_t n = 20000, max = 2000;
    cs_network net;
    assert_int_equal(cs_gen_barabasi_albert(&net, n, 3, 11), 0);
    uint8_t *prio = calloc(n, 1);
    assert_non_null(prio);
    for (uint32_t j = 0; j < 1000; j++)
        prio[3 + 20 * j] = 1;
    for (uint32_t j = 0; j < 50; j++)
        prio[17 + 397 * j] = 2;

    cs_sample s, same, other;
    assert_int_equal(cs_sample_build(&s, &net, prio, max, 42), 0);
    assert_int_equal(s.n, max);
    check_sample(&s, &net);
    assert_true(s.m > s.n); /* the induced graph is not a scatter of pairs */
    for (uint32_t j = 0; j < 50; j++)
        assert_true(cs_sample_find(&s, 17 + 397 * j) >= 0);
    /* Priority picks the anchors (max / 20 = 100: the 50 priority-2 users,
     * then 50 of priority 1), not their surroundings: among the other 1 900
     * users, priority-1 users (5% of the network) are not preferred. A
     * sampler that preferred them while growing took over 300. */
    uint32_t in1 = 0;
    for (uint32_t i = 0; i < s.n; i++)
        in1 += prio[s.user[i]] == 1;
    print_message("priority-1 users in the sample: %u\n", in1);
    assert_true(in1 >= 50 && in1 - 50 < 0.10 * (s.n - 100));
    uint32_t big = largest_component(&s);
    print_message("largest component %u of %u, %llu ties\n", big, s.n, (unsigned long long)s.m);
    assert_true(big >= 0.9 * s.n);

    assert_int_equal(cs_sample_build(&same, &net, prio, max, 42), 0);
    assert_true(same.n == s.n && same.m == s.m);
    assert_memory_equal(same.user, s.user, s.n * sizeof *s.user);
    assert_memory_equal(same.tie, s.tie, 2 * s.m * sizeof *s.tie);
    assert_int_equal(cs_sample_build(&other, &net, prio, max, 43), 0);
    assert_int_equal(other.n, max);
    check_sample(&other, &net);
    assert_true(memcmp(other.user, s.user, s.n * sizeof *s.user) != 0);
    for (uint32_t j = 0; j < 50; j++)
        assert_true(cs_sample_find(&other, 17 + 397 * j) >= 0);

    cs_sample none;
    assert_int_equal(cs_sample_build(&none, &net, prio, 0, 42), 0);
    assert_true(none.n == 0 && none.m == 0);
    cs_sample_free(&none);
    cs_sample_free(&s);
    cs_sample_free(&same);
    cs_sample_free(&other);
    free(prio);
    cs_network_free(&net);
}

/* A hub with 10^5 leaves brings in 3 of them at a time, and every leaf taken
 * hangs on the hub: the sample is a star. A network without ties runs out of
 * neighbours at once, so every user is a new anchor. */
static void test_sample_hub_and_islands(void **state)
{
    (void)state;
    const uint32_t leaves = 100000;
    cs_edge_buf b = {0};
    for (uint32_t v = 1; v <= leaves; v++)
        assert_int_equal(cs_edge_buf_push(&b, 0, v), 0);
    cs_network star;
    assert_int_equal(cs_network_from_pairs(&star, leaves + 1, &b, NULL, NULL), 0);
    cs_edge_buf_free(&b);
    uint8_t *prio = calloc(leaves + 1, 1);
    assert_non_null(prio);
    prio[0] = 2;
    cs_sample s;
    assert_int_equal(cs_sample_build(&s, &star, prio, 10, 3), 0);
    assert_int_equal(s.n, 10);
    assert_int_equal(s.user[0], 0);
    assert_true(s.m == 9);
    check_sample(&s, &star);
    cs_sample_free(&s);
    free(prio);
    cs_network_free(&star);

    cs_edge_buf none = {0};
    cs_network islands;
    assert_int_equal(cs_network_from_pairs(&islands, 1000, &none, NULL, NULL), 0);
    assert_int_equal(cs_sample_build(&s, &islands, NULL, 100, 3), 0);
    assert_true(s.n == 100 && s.m == 0);
    check_sample(&s, &islands);
    cs_sample_free(&s);
    cs_network_free(&islands);
}

static void test_sample_complete(void **state)
{
    (void)state;
    const uint32_t n = 100000;
    cs_network net;
    cs_network_complete(&net, n);
    uint8_t *prio = calloc(n, 1);
    assert_non_null(prio);
    for (uint32_t j = 0; j < 20; j++)
        prio[1000 + 4999 * j] = 2;
    cs_sample s, t;
    assert_int_equal(cs_sample_build(&s, &net, prio, 500, 8), 0);
    assert_true(s.n == 500 && s.m == 0 && s.tie == NULL);
    check_sample(&s, &net);
    for (uint32_t j = 0; j < 20; j++)
        assert_true(cs_sample_find(&s, 1000 + 4999 * j) >= 0);
    /* Without priorities the users are spread over all ids, not the first. */
    assert_int_equal(cs_sample_build(&t, &net, NULL, 500, 8), 0);
    assert_true(t.n == 500 && t.m == 0);
    assert_true(t.user[0] < n / 100 && t.user[499] > n - n / 100);
    cs_sample_free(&s);
    cs_sample_free(&t);
    cs_network_complete(&net, 300);
    assert_int_equal(cs_sample_build(&s, &net, NULL, 500, 8), 0);
    assert_true(s.n == 300 && s.m == 0 && s.user[299] == 299);
    cs_sample_free(&s);
    free(prio);
}

/* ---- layout ---- */

static int all_finite(const cs_layout *L, float limit)
{
    for (uint32_t i = 0; i < L->n; i++)
        if (!isfinite(L->x[i]) || !isfinite(L->y[i]) || fabsf(L->x[i]) > limit ||
            fabsf(L->y[i]) > limit)
            return 0;
    return 1;
}

static double dist(const cs_layout *L, uint32_t a, uint32_t b)
{
    double dx = (double)L->x[a] - L->x[b], dy = (double)L->y[a] - L->y[b];
    return sqrt(dx * dx + dy * dy);
}

static void test_layout_deterministic(void **state)
{
    (void)state;
    cs_network net;
    assert_int_equal(cs_gen_barabasi_albert(&net, 1000, 3, 7), 0);
    uint64_t m;
    uint32_t *tie = ties_of(&net, &m);
    cs_layout a, b, c;
    assert_int_equal(cs_layout_init(&a, net.n, 1), 0);
    assert_int_equal(cs_layout_init(&b, net.n, 1), 0);
    assert_int_equal(cs_layout_init(&c, net.n, 2), 0);
    assert_memory_equal(a.x, b.x, net.n * sizeof *a.x);
    assert_true(memcmp(a.x, c.x, net.n * sizeof *a.x) != 0);
    /* Steps taken in one call or several give the same bytes. */
    cs_layout_step(&a, tie, NULL, m, 60);
    cs_layout_step(&b, tie, NULL, m, 25);
    cs_layout_step(&b, tie, NULL, m, 35);
    assert_true(a.steps == 60 && b.steps == 60);
    assert_memory_equal(a.x, b.x, net.n * sizeof *a.x);
    assert_memory_equal(a.y, b.y, net.n * sizeof *a.y);
    assert_memory_equal(&a.temperature, &b.temperature, sizeof a.temperature);
    cs_layout_free(&a);
    cs_layout_free(&b);
    cs_layout_free(&c);
    free(tie);
    cs_network_free(&net);
}

static void energy_falls(const cs_network *net, const char *what)
{
    uint64_t m;
    uint32_t *tie = ties_of(net, &m);
    cs_layout L;
    assert_int_equal(cs_layout_init(&L, net->n, 5), 0);
    double e0 = cs_layout_energy(&L, tie, NULL, m);
    cs_layout_step(&L, tie, NULL, m, 300);
    double e1 = cs_layout_energy(&L, tie, NULL, m);
    float x0, y0, x1, y1;
    cs_layout_bounds(&L, &x0, &y0, &x1, &y1);
    print_message("%s: energy %.6g -> %.6g, box [%.3f, %.3f] x [%.3f, %.3f]\n", what, e0, e1, x0,
                  x1, y0, y1);
    assert_true(isfinite(e0) && isfinite(e1));
    assert_true(e1 < e0);
    assert_true(all_finite(&L, 2));
    /* The bounds are the extremes. */
    int hit = 0;
    for (uint32_t i = 0; i < L.n; i++) {
        assert_true(L.x[i] >= x0 && L.x[i] <= x1 && L.y[i] >= y0 && L.y[i] <= y1);
        hit |= (L.x[i] == x0) | (L.x[i] == x1) << 1 | (L.y[i] == y0) << 2 | (L.y[i] == y1) << 3;
    }
    assert_int_equal(hit, 15);
    cs_layout_free(&L);
    free(tie);
}

static void test_layout_energy_falls(void **state)
{
    (void)state;
    cs_network net;
    assert_int_equal(cs_gen_barabasi_albert(&net, 1000, 3, 21), 0);
    energy_falls(&net, "BA 1000");
    cs_network_free(&net);
    assert_int_equal(cs_gen_watts_strogatz(&net, 1000, 6, 0.05, 22), 0);
    energy_falls(&net, "WS 1000");
    cs_network_free(&net);
}

/* Two cliques of 30 joined by one tie: each is drawn as a tight ball, the
 * two balls well apart. */
static void test_layout_two_cliques(void **state)
{
    (void)state;
    enum { C = 30 };
    uint32_t tie[2 * (2 * C * (C - 1) / 2 + 1)];
    uint64_t m = 0;
    for (uint32_t g = 0; g < 2; g++)
        for (uint32_t a = 0; a < C; a++)
            for (uint32_t b = a + 1; b < C; b++) {
                tie[2 * m] = g * C + a;
                tie[2 * m + 1] = g * C + b;
                m++;
            }
    tie[2 * m] = 0;
    tie[2 * m + 1] = C;
    m++;
    cs_layout L;
    assert_int_equal(cs_layout_init(&L, 2 * C, 3), 0);
    cs_layout_step(&L, tie, NULL, m, 300);
    double cx[2] = {0, 0}, cy[2] = {0, 0}, intra[2] = {0, 0};
    for (uint32_t g = 0; g < 2; g++) {
        for (uint32_t a = 0; a < C; a++) {
            cx[g] += L.x[g * C + a] / (double)C;
            cy[g] += L.y[g * C + a] / (double)C;
            for (uint32_t b = a + 1; b < C; b++)
                intra[g] += dist(&L, g * C + a, g * C + b) / (C * (C - 1) / 2);
        }
    }
    double apart = hypot(cx[0] - cx[1], cy[0] - cy[1]);
    print_message("cliques: mean intra distance %.4f, %.4f; centroids %.4f apart\n", intra[0],
                  intra[1], apart);
    assert_true(intra[0] < 0.3 * apart && intra[1] < 0.3 * apart);
    assert_true(all_finite(&L, 2));
    cs_layout_free(&L);
}

/* Two tied nodes settle where the forces balance, symmetric about the
 * centre: k^2/d = d^2/k + d/2 (the centre pulls each, at d/2, with d/2),
 * k = 1/sqrt(2); and the energy of a placed pair is the closed form. */
static void test_layout_two_nodes(void **state)
{
    (void)state;
    const double k = 1 / sqrt(2.0);
    double lo = 0.01, hi = 2;
    for (int i = 0; i < 100; i++) {
        double d = (lo + hi) / 2;
        if (k * k / d > d * d / k + d / 2)
            lo = d;
        else
            hi = d;
    }
    double want = (lo + hi) / 2;
    const uint32_t tie[2] = {0, 1};
    cs_layout L;
    assert_int_equal(cs_layout_init(&L, 2, 4), 0);
    cs_layout_step(&L, tie, NULL, 1, 400);
    double d = dist(&L, 0, 1);
    print_message("two nodes: %.4f apart, equilibrium %.4f, temperature %.4f\n", d, want,
                  L.temperature);
    assert_true(fabs(d - want) < 0.1 * want);
    assert_true(fabs(L.x[0] + L.x[1]) < 0.1 && fabs(L.y[0] + L.y[1]) < 0.1);

    L.x[0] = 0.25f, L.y[0] = 0, L.x[1] = -0.5f, L.y[1] = 0;
    const float w = 2;
    double e = 2 * 0.421875 / (3 * k) - k * k * log(0.75) + (0.0625 + 0.25) / 2;
    assert_true(fabs(cs_layout_energy(&L, tie, &w, 1) - e) < 1e-12);
    cs_layout_free(&L);
}

/* One step on three nodes (few enough for exact sums) against the forces of
 * layout.h by hand: repulsion k^2/d, attraction w d^2/k along the tie, the
 * centre's pull r; the move capped at the temperature, which then cools by
 * 1.5%. */
static void test_layout_one_step(void **state)
{
    (void)state;
    const float x[3] = {0.1f, 0.3f, -0.2f}, y[3] = {0, 0.1f, 0.25f};
    const uint32_t tie[2] = {0, 1};
    const float w = 3;
    const double k = 1 / sqrt(3.0), temp = 0.05;
    double want[3][2];
    for (int i = 0; i < 3; i++) {
        double fx = -(double)x[i], fy = -(double)y[i];
        for (int j = 0; j < 3; j++) {
            if (j == i)
                continue;
            double dx = (double)x[i] - x[j], dy = (double)y[i] - y[j], d2 = dx * dx + dy * dy;
            fx += k * k * dx / d2;
            fy += k * k * dy / d2;
            if (i + j == 1) { /* the tie */
                fx -= w * sqrt(d2) * dx / k;
                fy -= w * sqrt(d2) * dy / k;
            }
        }
        double len = hypot(fx, fy), s = len > temp ? temp / len : 1;
        want[i][0] = x[i] + fx * s;
        want[i][1] = y[i] + fy * s;
    }
    cs_layout L;
    assert_int_equal(cs_layout_init(&L, 3, 1), 0);
    memcpy(L.x, x, sizeof x);
    memcpy(L.y, y, sizeof y);
    L.temperature = (float)temp;
    cs_layout_step(&L, tie, &w, 1, 1);
    for (int i = 0; i < 3; i++) {
        assert_true(fabs(L.x[i] - want[i][0]) < 1e-6 && fabs(L.y[i] - want[i][1]) < 1e-6);
        assert_true(fabs(hypot(L.x[i] - x[i], L.y[i] - y[i]) - temp) < 1e-6); /* all capped */
    }
    assert_true(L.steps == 1 && fabs(L.temperature - temp * 0.985) < 1e-7);
    cs_layout_free(&L);
}

/* The quadtree's repulsion against the exact sum on 2 000 nodes: with the
 * cap lifted, one step moves each node by its force exactly. */
static void test_layout_barnes_hut(void **state)
{
    (void)state;
    const uint32_t n = 2000;
    const double k2 = 1.0 / n;
    cs_layout L;
    assert_int_equal(cs_layout_init(&L, n, 12), 0);
    float *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    assert_true(x && y);
    /* Squash the disc into an ellipse so the forces are large and uneven. */
    for (uint32_t i = 0; i < n; i++)
        L.y[i] *= 0.3f;
    memcpy(x, L.x, n * sizeof *x);
    memcpy(y, L.y, n * sizeof *y);
    L.temperature = 1e30f;
    cs_layout_step(&L, NULL, NULL, 0, 1);
    double sq = 0, sqerr = 0, worst = 0;
    for (uint32_t i = 0; i < n; i++) {
        double fx = 0, fy = 0;
        for (uint32_t j = 0; j < n; j++) {
            if (j == i)
                continue;
            double dx = (double)x[i] - x[j], dy = (double)y[i] - y[j], d2 = dx * dx + dy * dy;
            fx += k2 * dx / d2;
            fy += k2 * dy / d2;
        }
        /* What the step used for repulsion: its move plus the centre's pull. */
        double gx = (double)L.x[i] - x[i] + x[i], gy = (double)L.y[i] - y[i] + y[i];
        double err = hypot(gx - fx, gy - fy);
        worst = err > worst ? err : worst;
        sqerr += err * err;
        sq += fx * fx + fy * fy;
    }
    double rms = sqrt(sq / n), rmserr = sqrt(sqerr / n);
    print_message("Barnes-Hut: error rms %.5f, worst %.5f; force rms %.4f\n", rmserr, worst, rms);
    assert_true(rmserr < 0.02 * rms && worst < 0.06 * rms);
    free(x);
    free(y);
    cs_layout_free(&L);
}

/* Without ties the repulsion and the centre's pull hold the nodes in the
 * unit disc, spread evenly (mean distance to the centre 2/3). */
static void test_layout_untied_disc(void **state)
{
    (void)state;
    cs_layout L;
    assert_int_equal(cs_layout_init(&L, 500, 6), 0);
    cs_layout_step(&L, NULL, NULL, 0, 300);
    double mean = 0, rmax = 0, closest = INFINITY;
    for (uint32_t i = 0; i < L.n; i++) {
        double r = hypot(L.x[i], L.y[i]);
        mean += r / L.n;
        rmax = r > rmax ? r : rmax;
        for (uint32_t j = i + 1; j < L.n; j++) {
            double d = dist(&L, i, j);
            closest = d < closest ? d : closest;
        }
    }
    print_message("untied: mean radius %.4f, max %.4f, closest pair %.4f\n", mean, rmax, closest);
    assert_true(fabs(mean - 2.0 / 3) < 0.05 && rmax < 1.15);
    assert_true(closest > 0.2 / sqrt(500.0)); /* spread out, not clumped */
    cs_layout_free(&L);
}

static void test_layout_degenerate(void **state)
{
    (void)state;
    cs_layout L;
    float x0, y0, x1, y1;
    assert_int_equal(cs_layout_init(&L, 0, 1), 0);
    cs_layout_step(&L, NULL, NULL, 0, 10);
    assert_true(cs_layout_energy(&L, NULL, NULL, 0) == 0);
    cs_layout_bounds(&L, &x0, &y0, &x1, &y1);
    assert_true(x0 == 0 && y0 == 0 && x1 == 0 && y1 == 0);
    cs_layout_free(&L);

    /* One node goes to the centre. */
    assert_int_equal(cs_layout_init(&L, 1, 1), 0);
    cs_layout_step(&L, NULL, NULL, 0, 100);
    assert_true(all_finite(&L, 1e-3f));
    assert_true(isfinite(cs_layout_energy(&L, NULL, NULL, 0)));
    cs_layout_free(&L);

    /* Two untied nodes: apart, finite. */
    assert_int_equal(cs_layout_init(&L, 2, 1), 0);
    cs_layout_step(&L, NULL, NULL, 0, 100);
    assert_true(all_finite(&L, 2) && dist(&L, 0, 1) > 0.1);
    cs_layout_free(&L);

    /* Duplicate ties, a self-tie, an index out of range, odd weights. */
    const uint32_t tie[] = {0, 1, 0, 1, 1, 0, 2, 2, 0, 99, 1, 2, 0, 2};
    const float weight[] = {1, 1, 1, 1, 1, NAN, 1e30f};
    assert_int_equal(cs_layout_init(&L, 3, 1), 0);
    cs_layout_step(&L, tie, NULL, 5, 100);
    assert_true(all_finite(&L, 2));
    cs_layout_step(&L, tie, weight, 7, 100);
    assert_true(all_finite(&L, 2));
    assert_true(isfinite(cs_layout_energy(&L, tie, NULL, 5)));
    cs_layout_free(&L);

    /* Nodes all on one spot come apart without NaN. */
    assert_int_equal(cs_layout_init(&L, 50, 1), 0);
    for (uint32_t i = 0; i < L.n; i++)
        L.x[i] = L.y[i] = 0.5f;
    assert_true(isfinite(cs_layout_energy(&L, NULL, NULL, 0)));
    cs_layout_step(&L, NULL, NULL, 0, 200);
    assert_true(all_finite(&L, 2));
    double closest = INFINITY;
    for (uint32_t i = 0; i < L.n; i++)
        for (uint32_t j = i + 1; j < L.n; j++)
            closest = fmin(closest, dist(&L, i, j));
    assert_true(closest > 0);
    cs_layout_free(&L);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_everyone),
        cmocka_unit_test(test_sample_scale_free),
        cmocka_unit_test(test_sample_hub_and_islands),
        cmocka_unit_test(test_sample_complete),
        cmocka_unit_test(test_layout_deterministic),
        cmocka_unit_test(test_layout_energy_falls),
        cmocka_unit_test(test_layout_two_cliques),
        cmocka_unit_test(test_layout_two_nodes),
        cmocka_unit_test(test_layout_one_step),
        cmocka_unit_test(test_layout_barnes_hut),
        cmocka_unit_test(test_layout_untied_disc),
        cmocka_unit_test(test_layout_degenerate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
