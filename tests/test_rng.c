/* SPDX-License-Identifier: MIT */
/* test_rng.c - PCG32 against the reference implementation's published
 * vectors, the unbiased bounded draw, doubles, and derived streams. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "circlesim/rng.h"

/* pcg32-demo's output for initstate 42, initseq 54 (round 1). */
static void test_reference_vectors(void **state)
{
    (void)state;
    cs_pcg32 rng;
    cs_pcg32_seed(&rng, 42u, 54u);
    static const uint32_t first[6] = {0xa15c02b7, 0x7b47f409, 0xba1d3330,
                                      0x83d2f293, 0xbfa4784b, 0xcbed606e};
    for (int i = 0; i < 6; i++)
        assert_int_equal(cs_pcg32_next(&rng), first[i]);

    char coins[66];
    for (int i = 0; i < 65; i++)
        coins[i] = cs_pcg32_bounded(&rng, 2) ? 'H' : 'T';
    coins[65] = '\0';
    assert_string_equal(coins, "HHTTTHTHHHTHTTTHHHHHTTTHHHTHTHTHTTHTTTHHHHHHTTTTHHTTTTTHTTTTTTTHT");

    static const int dice[33] = {3, 4, 1, 1, 2, 2, 3, 2, 4, 3, 2, 4, 3, 3, 5, 2, 3,
                                 1, 3, 1, 5, 1, 4, 1, 5, 6, 4, 6, 6, 2, 6, 3, 3};
    for (int i = 0; i < 33; i++)
        assert_int_equal((int)cs_pcg32_bounded(&rng, 6) + 1, dice[i]);

    /* The demo's 52-card Fisher-Yates shuffle: one draw per bound 52..2. */
    int cards[52];
    for (int i = 0; i < 52; i++)
        cards[i] = i;
    for (uint32_t i = 52; i > 1; i--) {
        uint32_t j = cs_pcg32_bounded(&rng, i);
        int t = cards[i - 1];
        cards[i - 1] = cards[j];
        cards[j] = t;
    }
    static const uint32_t after[6] = {0x74ab93ad, 0x1c1da000, 0x494ff896,
                                      0x34462f2f, 0xd308a3e5, 0x0fa83bab};
    for (int i = 0; i < 6; i++)
        assert_int_equal(cs_pcg32_next(&rng), after[i]);
}

/* With bound 0xC0000000 = 3 * 2^30, a plain modulo maps [0, 2^30) twice
 * (from r and from r + 0xC0000000), so half the draws would land below 2^30
 * instead of a third. 300 000 draws: the share's standard deviation is
 * sqrt(1/3 * 2/3 / 300000) = 0.00086, so +-0.005 is about 6 sigma. */
static void test_bounded_has_no_modulo_bias(void **state)
{
    (void)state;
    const uint32_t bound = 0xC0000000u;
    cs_pcg32 rng;
    cs_pcg32_seed(&rng, 2024u, 7u);
    const int draws = 300000;
    int low = 0, low_mod = 0;
    for (int i = 0; i < draws; i++) {
        uint32_t v = cs_pcg32_bounded(&rng, bound);
        assert_true(v < bound);
        low += v < (1u << 30);
    }
    cs_pcg32_seed(&rng, 2024u, 7u);
    for (int i = 0; i < draws; i++)
        low_mod += cs_pcg32_next(&rng) % bound < (1u << 30);
    double share = (double)low / draws, share_mod = (double)low_mod / draws;
    assert_true(fabs(share - 1.0 / 3.0) < 0.005);
    /* The same test catches the biased method, so it can fail. */
    assert_true(fabs(share_mod - 0.5) < 0.005);
}

static void test_bounded_small_bounds_uniform(void **state)
{
    (void)state;
    cs_pcg32 rng;
    cs_pcg32_seed(&rng, 1u, 1u);
    int counts[7] = {0};
    const int draws = 70000;
    for (int i = 0; i < draws; i++)
        counts[cs_pcg32_bounded(&rng, 7)]++;
    /* Chi-square with 6 degrees of freedom; 22.46 is the 0.999 quantile. */
    double chi2 = 0;
    for (int k = 0; k < 7; k++)
        chi2 += (counts[k] - 10000.0) * (counts[k] - 10000.0) / 10000.0;
    assert_true(chi2 < 22.46);
    assert_int_equal(cs_pcg32_bounded(&rng, 1), 0);
}

/* Doubles: in [0, 1), 53 bits of resolution, mean 1/2, variance 1/12. */
static void test_doubles(void **state)
{
    (void)state;
    cs_pcg32 rng;
    cs_pcg32_seed(&rng, 99u, 3u);
    const int n = 200000;
    double sum = 0, sum2 = 0;
    int odd_ulp = 0;
    for (int i = 0; i < n; i++) {
        double u = cs_pcg32_double(&rng);
        assert_true(u >= 0.0 && u < 1.0);
        sum += u;
        sum2 += u * u;
        /* The lowest of 53 bits is set about half the time; a 32-bit
         * double would never set it. */
        odd_ulp += ((uint64_t)(u * 9007199254740992.0) & 1u) != 0;
    }
    double mean = sum / n, var = sum2 / n - mean * mean;
    /* sd of the mean = sqrt(1/12 / n) = 0.00065; 0.004 is 6 sigma. */
    assert_true(fabs(mean - 0.5) < 0.004);
    assert_true(fabs(var - 1.0 / 12.0) < 0.003);
    assert_true(odd_ulp > n / 2 - 2000 && odd_ulp < n / 2 + 2000);
}

/* The inline draws take shortcuts for speed (the double's second state by
 * jumping ahead, the bounded draw's threshold only when needed): they must
 * give exactly what the plain reference steps give, rejections included. */
static uint32_t reference_bounded(cs_pcg32 *rng, uint32_t bound)
{
    uint32_t threshold = (uint32_t)(-bound) % bound; /* pcg32_boundedrand_r */
    for (;;) {
        uint32_t r = cs_pcg32_next(rng);
        if (r >= threshold)
            return r % bound;
    }
}

static void test_shortcuts_match_reference_steps(void **state)
{
    (void)state;
    cs_pcg32 fast, plain;
    cs_pcg32_seed(&fast, 7u, 11u);
    plain = fast;
    for (int i = 0; i < 100000; i++) {
        uint64_t a = cs_pcg32_next(&plain) >> 5, b = cs_pcg32_next(&plain) >> 6;
        double expect = (double)((a << 26) | b) * (1.0 / 9007199254740992.0);
        assert_true(cs_pcg32_double(&fast) == expect);
    }
    assert_true(fast.state == plain.state);
    /* Bounds just above 2^31 reject almost half the draws; small ones
     * almost never; 2^32 - 1 rejects only 0. */
    static const uint32_t bounds[] = {1, 2, 3, 7, 10, 1000, 65537, 0x7fffffffu,
                                      0x80000001u, 0xC0000000u, 0xfffffffeu, 0xffffffffu};
    int rejected = 0;
    for (size_t k = 0; k < sizeof bounds / sizeof *bounds; k++)
        for (int i = 0; i < 20000; i++) {
            uint64_t before = plain.state;
            uint32_t expect = reference_bounded(&plain, bounds[k]);
            rejected += plain.state != before * 6364136223846793005ULL + plain.inc;
            assert_int_equal(cs_pcg32_bounded(&fast, bounds[k]), expect);
            assert_true(fast.state == plain.state);
        }
    assert_true(rejected > 10000); /* the rejection path was exercised */
}

/* Derived streams: a pure function of (seed, purpose, day, agent), and
 * neighbouring inputs give unrelated outputs. */
static void test_streams(void **state)
{
    (void)state;
    cs_pcg32 a = cs_rng_stream(5, CS_STREAM_BASS, 10, 123);
    cs_pcg32 b = cs_rng_stream(5, CS_STREAM_BASS, 10, 123);
    for (int i = 0; i < 10; i++)
        assert_int_equal(cs_pcg32_next(&a), cs_pcg32_next(&b));

    /* First outputs of 4 x 20 000 neighbouring streams (agent, day, seed,
     * purpose varied by one): no two equal across the varied input beyond
     * what chance allows, and each bit set about half the time. */
    const int n = 20000;
    int bits[32] = {0};
    uint32_t prev = 0;
    int repeats = 0;
    for (int k = 0; k < n; k++) {
        cs_pcg32 r = cs_rng_stream(1, CS_STREAM_BASS, 1, (uint64_t)k);
        uint32_t v = cs_pcg32_next(&r);
        repeats += v == prev;
        prev = v;
        for (int j = 0; j < 32; j++)
            bits[j] += (v >> j) & 1u;
    }
    assert_int_equal(repeats, 0);
    /* Each bit: binomial(20000, 1/2) has sd 71; allow 5 sigma. */
    for (int j = 0; j < 32; j++)
        assert_true(bits[j] > n / 2 - 355 && bits[j] < n / 2 + 355);

    cs_pcg32 d1 = cs_rng_stream(1, CS_STREAM_BASS, 1, 0);
    cs_pcg32 d2 = cs_rng_stream(1, CS_STREAM_BASS, 2, 0);
    cs_pcg32 s2 = cs_rng_stream(2, CS_STREAM_BASS, 1, 0);
    cs_pcg32 p2 = cs_rng_stream(1, CS_STREAM_CASCADE, 1, 0);
    uint32_t x = cs_pcg32_next(&d1);
    assert_int_not_equal(x, cs_pcg32_next(&d2));
    assert_int_not_equal(x, cs_pcg32_next(&s2));
    assert_int_not_equal(x, cs_pcg32_next(&p2));

    /* Correlation between consecutive agents' first uniforms ~ 0
     * (sd 1/sqrt(n) = 0.007; allow 0.035). */
    double sx = 0, sy = 0, sxy = 0, sxx = 0, syy = 0;
    for (int k = 0; k < n; k++) {
        cs_pcg32 r1 = cs_rng_stream(9, CS_STREAM_BASS, 3, (uint64_t)k);
        cs_pcg32 r2 = cs_rng_stream(9, CS_STREAM_BASS, 3, (uint64_t)k + 1);
        double u = cs_pcg32_double(&r1), v = cs_pcg32_double(&r2);
        sx += u; sy += v; sxy += u * v; sxx += u * u; syy += v * v;
    }
    double cov = sxy / n - (sx / n) * (sy / n);
    double corr = cov / sqrt((sxx / n - (sx / n) * (sx / n)) * (syy / n - (sy / n) * (sy / n)));
    assert_true(fabs(corr) < 0.035);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_vectors),
        cmocka_unit_test(test_bounded_has_no_modulo_bias),
        cmocka_unit_test(test_bounded_small_bounds_uniform),
        cmocka_unit_test(test_doubles),
        cmocka_unit_test(test_shortcuts_match_reference_steps),
        cmocka_unit_test(test_streams),
    };
    return cmocka_run_group_tests_name("rng", tests, NULL, NULL);
}
