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

#include "circlesim/network.h"
#include "circlesim/population.h"

static cs_population_params defaults(void)
{
    cs_population_params pp = {{0.072, 0.144, 0.3, 0.484}, 0.85, 2500, 5, 1.0, 2.5};
    return pp;
}

/* Shares within 5 binomial standard deviations of their settings. */
static void test_attribute_shares(void **state)
{
    (void)state;
    const uint32_t n = 50000;
    cs_population_params pp = defaults();
    cs_population pop;
    assert_int_equal(cs_population_generate(&pop, n, &pp, 7), 0);
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
    /* Sociability has mean 1 in law; a Pareto tail of shape 1.5 makes the
     * sample mean noisy, so only a loose check. */
    assert_true(fabs(wsum / n - 1.0) < 0.15);
    cs_population_free(&pop);

    /* A user's attributes depend on the seed and its index only: the first
     * users of a larger population are the same users. */
    cs_population small, big;
    assert_int_equal(cs_population_generate(&small, 100, &pp, 9), 0);
    assert_int_equal(cs_population_generate(&big, 1000, &pp, 9), 0);
    assert_memory_equal(small.tier, big.tier, 100);
    assert_memory_equal(small.interest, big.interest, 100 * pp.interests * sizeof(uint16_t));
    cs_population_free(&small);
    cs_population_free(&big);

    pp.tier_share[0] = 0.5; /* shares no longer sum to 1 */
    assert_int_equal(cs_population_generate(&pop, 10, &pp, 1), CS_ERR_INPUT);
}

static int cmp_desc(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x < y) - (x > y);
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

static void test_homophily_mixing(void **state)
{
    (void)state;
    const uint32_t n = 40000;
    cs_population_params pp = defaults();
    cs_population pop;
    assert_int_equal(cs_population_generate(&pop, n, &pp, 3), 0);
    cs_homophily_params hp = {10, 0.6, 0.5, 0.3};
    cs_network net;
    assert_int_equal(cs_gen_homophily(&net, &pop, &hp, 3), 0);
    assert_int_equal(cs_network_check(&net), 0);
    mixing m = measure(&net, &pop);
    print_message("homophily n=%u: mean degree %.2f, max %llu; ties sharing an interest %.3f "
                  "(random pairs %.3f); same tier %.3f (random %.3f); clustering %.4f\n",
                  n, m.mean_degree, (unsigned long long)m.max_degree, m.interest_ties,
                  m.interest_base, m.tier_ties, m.tier_base, m.clustering);
    /* Repeat ties between hubs are dropped: a few percent below the target. */
    assert_true(m.mean_degree > 9.5 && m.mean_degree <= 10.0);
    /* Direct ties are 70% of all, 60% of those inside an interest: 42% share
     * a tag by construction, the other 58% about as often as random pairs
     * (which share one often: with Zipf popularity the top tags are held by
     * many). Expected about 0.42 + 0.58 x base. */
    double expect = 0.42 + 0.58 * m.interest_base;
    assert_true(m.interest_ties > expect - 0.03);
    assert_true(m.interest_ties > m.interest_base + 0.15);
    /* Tier: 0.4 x 0.5 of direct ties are same-tier by construction, on top
     * of chance; clearly above the random-pair rate. */
    assert_true(m.tier_ties > m.tier_base + 0.1);
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
    assert_int_equal(cs_gen_homophily(&net, &pop, &off, 3), 0);
    mixing r = measure(&net, &pop);
    assert_true(fabs(r.interest_ties - r.interest_base) < 0.02);
    assert_true(fabs(r.tier_ties - r.tier_base) < 0.02);
    assert_true(r.clustering < m.clustering / 5);
    cs_network_free(&net);

    /* Deterministic per seed. */
    cs_network a, b, c;
    assert_int_equal(cs_gen_homophily(&a, &pop, &hp, 11), 0);
    assert_int_equal(cs_gen_homophily(&b, &pop, &hp, 11), 0);
    assert_int_equal(cs_gen_homophily(&c, &pop, &hp, 12), 0);
    assert_int_equal(a.edges, b.edges);
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
        cmocka_unit_test(test_homophily_mixing),
    };
    return cmocka_run_group_tests_name("population", tests, NULL, NULL);
}
