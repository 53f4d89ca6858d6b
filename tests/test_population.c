/* SPDX-License-Identifier: MIT */
/* test_population.c - users' attributes and the homophily network: shares
 * as configured, and the mixing the generator promises. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "network/network.h"
#include "network/population.h"

static cs_population_params defaults(void)
{
    cs_population_params pp = {{0.072, 0.144, 0.3, 0.484}, 0.85, 2500, 5, 1.0, 2.5, 0.0};
    return pp;
}

/* Shares within 5 binomial standard deviations of their settings. */
static void test_attribute_shares(void **state)
{
    (void)state;
    const uint32_t n = 50000;
    cs_population_params pp = defaults();
    cs_population pop;
    assert_int_equal(cs_population_generate(&pop, n, &pp, 7, 2), 0);
    int64_t tier[CS_TIER_COUNT] = {0}, post95 = 0, tag0 = 0, tag1 = 0;
    double wsum = 0;
    for (uint32_t u = 0; u < n; u++) {
        tier[pop.tier[u]]++;
        post95 += pop.post95[u];
        wsum += pop.sociability[u];
        const uint16_t *t = pop.interest + (size_t)u * pop.interests;
        for (uint32_t s = 0; s < pop.interests; s++) {
            assert_true(t[s] < pp.tags);
            if (s)
                assert_true(t[s] > t[s - 1]); /* distinct and sorted */
            tag0 += t[s] == 0;
            tag1 += t[s] == 1;
        }
        assert_true(pop.sociability[u] > 0);
    }
    for (int t = 0; t < CS_TIER_COUNT; t++) {
        double sd = sqrt(pp.tier_share[t] * (1 - pp.tier_share[t]) / n);
        assert_true(fabs((double)tier[t] / n - pp.tier_share[t]) < 5 * sd);
    }
    assert_true(fabs((double)post95 / n - 0.85) < 5 * sqrt(0.85 * 0.15 / n));
    /* Zipf with exponent 1: the top tag is drawn about twice as often as the
     * second (less than twice once a user can hold each tag only once). */
    double ratio = (double)tag0 / (double)tag1;
    assert_true(ratio > 1.5 && ratio < 2.1);
    /* Sociability: Pareto with shape a = gamma - 1 and mean 1, so scale
     * x_m = (a - 1)/a and P(w > x) = (x_m / x)^a. The sample mean is useless
     * with a tail this heavy; the survival function at three points pins the
     * scale and the shape, each within 5 binomial standard deviations. */
    (void)wsum;
    const double a = pp.degree_exponent - 1, xm = (a - 1) / a;
    const double at[3] = {xm * pow(2.0, 1 / a), 2.0, 10.0};
    for (int j = 0; j < 3; j++) {
        int64_t above = 0;
        for (uint32_t u = 0; u < n; u++)
            above += pop.sociability[u] > at[j];
        double p = pow(xm / at[j], a);
        if (fabs((double)above / n - p) > 5 * sqrt(p * (1 - p) / n))
            fail_msg("P(w > %.3f) = %.4f, expected %.4f", at[j], (double)above / n, p);
    }
    cs_population_free(&pop);

    /* A user's attributes depend on the seed and its index only: the first
     * users of a larger population are the same users. */
    cs_population small, big;
    assert_int_equal(cs_population_generate(&small, 100, &pp, 9, 1), 0);
    assert_int_equal(cs_population_generate(&big, 1000, &pp, 9, 2), 0);
    assert_memory_equal(small.tier, big.tier, 100);
    assert_memory_equal(small.interest, big.interest, 100 * pp.interests * sizeof(uint16_t));
    cs_population_free(&small);
    cs_population_free(&big);

    pp.tier_share[0] = 0.5; /* shares no longer sum to 1 */
    assert_int_equal(cs_population_generate(&pop, 10, &pp, 1, 1), CS_ERR_INPUT);
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

static int cmp_desc(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x < y) - (x > y);
}

/* The thread count changes nothing. */
static void test_threads_do_not_matter(void **state)
{
    (void)state;
    cs_population_params pp = defaults();
    cs_population one, four;
    assert_int_equal(cs_population_generate(&one, 30000, &pp, 5, 1), 0);
    assert_int_equal(cs_population_generate(&four, 30000, &pp, 5, 4), 0);
    assert_memory_equal(one.tier, four.tier, 30000);
    assert_memory_equal(one.post95, four.post95, 30000);
    assert_memory_equal(one.interest, four.interest, 30000 * pp.interests * sizeof(uint16_t));
    assert_memory_equal(one.sociability, four.sociability, 30000 * sizeof(float));
    cs_population_free(&one);
    cs_population_free(&four);
}

/* Interests are drawn without replacement in proportion to popularity. With
 * T = 3 tags of weights 1, 1/2, 1/3 (Zipf 1) and 2 per user, the pair {i, j}
 * has probability P(i first) P(j | i) + P(j first) P(i | j): {0,1} 0.5318,
 * {0,2} 0.3394, {1,2} 0.1288. 100 000 users; 5 binomial sd each. */
static void test_interests_without_replacement(void **state)
{
    (void)state;
    cs_population_params pp = defaults();
    pp.tags = 3;
    pp.interests = 2;
    const uint32_t n = 100000;
    cs_population pop;
    assert_int_equal(cs_population_generate(&pop, n, &pp, 21, 2), 0);
    int64_t count[3] = {0};
    for (uint32_t u = 0; u < n; u++) {
        const uint16_t *t = pop.interest + 2 * (size_t)u;
        assert_true(t[0] < t[1]);
        count[t[0] + t[1] - 1]++; /* {0,1} -> 0, {0,2} -> 1, {1,2} -> 2 */
    }
    const double w0 = 1, w1 = 0.5, w2 = 1.0 / 3, tot = w0 + w1 + w2;
    const double expect[3] = {
        w0 / tot * w1 / (tot - w0) + w1 / tot * w0 / (tot - w1),
        w0 / tot * w2 / (tot - w0) + w2 / tot * w0 / (tot - w2),
        w1 / tot * w2 / (tot - w1) + w2 / tot * w1 / (tot - w2),
    };
    for (int j = 0; j < 3; j++) {
        double sd = sqrt(expect[j] * (1 - expect[j]) / n);
        if (fabs((double)count[j] / n - expect[j]) > 5 * sd)
            fail_msg("pair %d: %.4f, expected %.4f", j, (double)count[j] / n, expect[j]);
    }
    cs_population_free(&pop);

    /* Steep popularity and many tags per user still give k distinct tags,
     * and not simply the k most popular ones. */
    pp = defaults();
    pp.tags = 100;
    pp.interests = 16;
    pp.tag_zipf = 5;
    assert_int_equal(cs_population_generate(&pop, 5000, &pp, 2, 2), 0);
    int beyond = 0;
    for (uint32_t u = 0; u < 5000; u++) {
        const uint16_t *t = pop.interest + 16 * (size_t)u;
        for (int e = 1; e < 16; e++)
            assert_true(t[e] > t[e - 1]);
        beyond += t[15] > 15;
    }
    assert_true(beyond > 4000);
    cs_population_free(&pop);
}

typedef struct mixing {
    double mean_degree, interest_ties, interest_base, tier_ties, tier_base, clustering;
    uint64_t max_degree;
} mixing;

static mixing measure(const cs_network *net, const cs_population *pop)
{
    mixing m = {0};
    uint64_t ties = 0, shared = 0, same = 0;
    for (uint32_t u = 0; u < net->n; u++) {
        uint64_t d = cs_network_degree(net, u);
        if (d > m.max_degree)
            m.max_degree = d;
        for (uint64_t e = net->off[u]; e < net->off[u + 1]; e++) {
            uint32_t v = net->adj[e];
            if (v < u)
                continue;
            ties++;
            shared += cs_population_share_interest(pop, u, v);
            same += pop->tier[u] == pop->tier[v];
        }
    }
    m.mean_degree = cs_network_mean_degree(net);
    m.interest_ties = (double)shared / (double)ties;
    m.tier_ties = (double)same / (double)ties;
    /* Baselines: the same measures over pairs of users drawn at random. */
    uint64_t rs = 0, rt = 0, pairs = 200000;
    uint64_t x = 12345;
    for (uint64_t i = 0; i < pairs; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        uint32_t a = (uint32_t)((x >> 33) % net->n);
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        uint32_t b = (uint32_t)((x >> 33) % net->n);
        rs += cs_population_share_interest(pop, a, b);
        rt += pop->tier[a] == pop->tier[b];
    }
    m.interest_base = (double)rs / (double)pairs;
    m.tier_base = (double)rt / (double)pairs;
    m.clustering = cs_network_avg_clustering(net);
    return m;
}

/* Lower tiers make more ties: within tier t sociability is Pareto scaled by
 * (1 + s t) / m, m the mix's mean of 1 + s t, so each tier's median is
 * x_m 2^(1/a) (1 + s t) / m. The homophily network then gives lower tiers
 * more ties and keeps the mean degree. */
static void test_tier_sociability(void **state)
{
    (void)state;
    const uint32_t n = 40000;
    cs_population_params pp = defaults();
    pp.tier_sociability = 0.5;
    cs_population pop;
    assert_int_equal(cs_population_generate(&pop, n, &pp, 5, 2), 0);
    const double a = pp.degree_exponent - 1, xm = (a - 1) / a;
    double m = 0;
    for (int t = 0; t < CS_TIER_COUNT; t++)
        m += pp.tier_share[t] * (1 + 0.5 * t);
    float *w = malloc(n * sizeof *w);
    for (int t = 0; t < CS_TIER_COUNT; t++) {
        uint32_t k = 0;
        for (uint32_t u = 0; u < n; u++)
            if (pop.tier[u] == t)
                w[k++] = pop.sociability[u];
        qsort(w, k, sizeof *w, cmp_float);
        double median = w[k / 2], expect = xm * pow(2.0, 1 / a) * (1 + 0.5 * t) / m;
        print_message("tier %d: median sociability %.4f, expected %.4f (%u users)\n", t, median,
                      expect, k);
        /* The first tier has about 2 900 users: a median's relative
         * standard error is about 2.5% there, so 10% is 4 of them. */
        assert_true(fabs(median / expect - 1) < 0.10);
    }
    free(w);
    cs_homophily_params hp = {10, 0.6, 0.5, 0.3};
    cs_network net;
    assert_int_equal(cs_gen_homophily(&net, &pop, &hp, 5, 1, NULL), 0);
    double deg[CS_TIER_COUNT] = {0}, cnt[CS_TIER_COUNT] = {0}, all = 0;
    for (uint32_t u = 0; u < n; u++) {
        deg[pop.tier[u]] += (double)cs_network_degree(&net, u);
        cnt[pop.tier[u]]++;
        all += (double)cs_network_degree(&net, u);
    }
    print_message("mean degree %.2f; first tier %.2f, county %.2f\n", all / n, deg[0] / cnt[0],
                  deg[CS_TIER_COUNT - 1] / cnt[CS_TIER_COUNT - 1]);
    assert_true(all / n > 9.95 && all / n <= 10.0);
    /* Expected ratio 2.5 (ties to hubs are capped, closure adds some
     * at random): well above 1.5. */
    assert_true(deg[CS_TIER_COUNT - 1] / cnt[CS_TIER_COUNT - 1] > 1.5 * deg[0] / cnt[0]);
    cs_network_free(&net);
    cs_population_free(&pop);
}

static void test_homophily_mixing(void **state)
{
    (void)state;
    const uint32_t n = 40000;
    cs_population_params pp = defaults();
    cs_population pop;
    assert_int_equal(cs_population_generate(&pop, n, &pp, 3, 2), 0);
    cs_homophily_params hp = {10, 0.6, 0.5, 0.3};
    cs_network net;
    uint64_t dups = 0;
    assert_int_equal(cs_gen_homophily(&net, &pop, &hp, 3, 1, &dups), 0);
    assert_int_equal(cs_network_check(&net), 0);
    mixing m = measure(&net, &pop);
    print_message("homophily n=%u: mean degree %.2f, max %llu; ties sharing an interest %.3f "
                  "(random pairs %.3f); same tier %.3f (random %.3f); clustering %.4f\n",
                  n, m.mean_degree, (unsigned long long)m.max_degree, m.interest_ties,
                  m.interest_base, m.tier_ties, m.tier_base, m.clustering);
    /* Repeated pairs are topped up to within 0.5% of the target. */
    assert_true(m.mean_degree > 9.95 && m.mean_degree <= 10.0);
    assert_true(dups > 0);
    /* Direct ties are 70% of all, 60% of those inside an interest: 42% share
     * a tag by construction, the other 58% about as often as random pairs
     * (which share one often: with Zipf popularity the top tags are held by
     * many). Expected about 0.42 + 0.58 x base. */
    double expect = 0.42 + 0.58 * m.interest_base;
    /* A lower bound (closure and hubs add more); the standard error of a
     * share over 200 000 ties or pairs is about 0.001, so 0.01 is 10 SE. */
    assert_true(m.interest_ties > expect - 0.01);
    /* Tier: 0.7 x 0.4 x 0.5 = 0.14 of all ties are same-tier by
     * construction, the rest at about the random rate: at least
     * base + 0.14 (1 - base), less 10 SE. */
    assert_true(m.tier_ties > m.tier_base + 0.14 * (1 - m.tier_base) - 0.01);
    /* Heavy tail: hubs far above the mean (a Poisson graph's maximum at this
     * size is about 25). */
    assert_true(m.max_degree > 100);
    /* The tail's slope: Hill's estimator over the top 2% of degrees, for
     * P(k > x) ~ x^-(gamma - 1) with gamma = 2.5. Closure and the cap at
     * sqrt(n d) bend the far tail, so a loose band. */
    uint64_t *deg = malloc(n * sizeof *deg);
    for (uint32_t u = 0; u < n; u++)
        deg[u] = cs_network_degree(&net, u);
    qsort(deg, n, sizeof *deg, cmp_desc);
    uint32_t top = n / 50;
    double hill = 0;
    for (uint32_t i = 0; i < top; i++)
        hill += log((double)deg[i] / (double)deg[top]);
    double tail = top / hill;
    free(deg);
    print_message("tail exponent of P(k > x): %.2f (sociability's: 1.5)\n", tail);
    assert_true(tail > 1.1 && tail < 2.2);
    /* Triadic closure: clustering far above an Erdos-Renyi graph's d/n. */
    assert_true(m.clustering > 50 * 10.0 / n);
    cs_network_free(&net);

    /* With every homophily knob off the same population mixes at random:
     * the mixing measures fall to their baselines. */
    cs_homophily_params off = {10, 0, 0, 0};
    assert_int_equal(cs_gen_homophily(&net, &pop, &off, 3, 2, NULL), 0);
    mixing r = measure(&net, &pop);
    assert_true(fabs(r.interest_ties - r.interest_base) < 0.02);
    assert_true(fabs(r.tier_ties - r.tier_base) < 0.02);
    assert_true(r.clustering < m.clustering / 5);
    /* ...and a user's degree follows its sociability (the alias tables draw
     * in proportion to weight): users below the median weight against users
     * between the 90th and 99th percentile, whose weights differ about
     * sevenfold, have mean degrees in the ratio of their mean capped weights
     * within 5%. */
    float *ws = malloc(n * sizeof *ws);
    memcpy(ws, pop.sociability, n * sizeof *ws);
    qsort(ws, n, sizeof *ws, cmp_float);
    float cap = (float)sqrt((double)n / 10.0);
    double lo_w = 0, hi_w = 0, lo_d = 0, hi_d = 0;
    int64_t lo_n = 0, hi_n = 0;
    for (uint32_t u = 0; u < n; u++) {
        float w = pop.sociability[u] < cap ? pop.sociability[u] : cap;
        if (pop.sociability[u] < ws[n / 2]) {
            lo_w += w, lo_d += (double)cs_network_degree(&net, u), lo_n++;
        } else if (pop.sociability[u] >= ws[n * 9 / 10] && pop.sociability[u] < ws[n * 99 / 100]) {
            hi_w += w, hi_d += (double)cs_network_degree(&net, u), hi_n++;
        }
    }
    double ratio = (hi_d / hi_n) / (lo_d / lo_n), want = (hi_w / hi_n) / (lo_w / lo_n);
    print_message("degree ratio %.3f, weight ratio %.3f\n", ratio, want);
    assert_true(fabs(ratio / want - 1) < 0.05);
    free(ws);
    cs_network_free(&net);

    /* Deterministic per seed, whatever the thread count. Ties are made in
     * blocks of 65 536: at mean degree 40, 560 000 direct ties and 240 000
     * closing ones are several blocks in each phase. */
    cs_homophily_params dense = {40, 0.6, 0.5, 0.3};
    cs_network a, b, c;
    assert_int_equal(cs_gen_homophily(&a, &pop, &dense, 11, 1, NULL), 0);
    assert_int_equal(cs_gen_homophily(&b, &pop, &dense, 11, 3, NULL), 0);
    assert_int_equal(cs_gen_homophily(&c, &pop, &dense, 12, 2, NULL), 0);
    assert_true(a.edges > 790000);
    assert_int_equal(a.edges, b.edges);
    assert_memory_equal(a.off, b.off, ((size_t)a.n + 1) * sizeof *a.off);
    assert_memory_equal(a.adj, b.adj, a.edges * 2 * sizeof *a.adj);
    assert_true(a.edges != c.edges || memcmp(a.adj, c.adj, a.edges * 2 * sizeof *a.adj) != 0);
    cs_network_free(&a);
    cs_network_free(&b);
    cs_network_free(&c);
    cs_population_free(&pop);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_attribute_shares),
        cmocka_unit_test(test_threads_do_not_matter),
        cmocka_unit_test(test_interests_without_replacement),
        cmocka_unit_test(test_homophily_mixing),
        cmocka_unit_test(test_tier_sociability),
    };
    return cmocka_run_group_tests_name("population", tests, NULL, NULL);
}
