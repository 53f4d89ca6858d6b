/* SPDX-License-Identifier: MIT */
/* test_sweep.c - the pure rules of an experiment: --vary values (lists with
 * brackets and quotes, ranges written back as meant), full factorial design
 * points, replicate seeds (common random numbers), Student-t quantiles
 * against published tables, and summary statistics by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/robust.h"
#include "analysis/sweep.h"
#include "base/numfmt.h"

static cs_diag quiet(void)
{
    cs_diag d;
    cs_diag_init(&d, stdout);
    return d;
}

static void expect_values(const char *arg, const char *key, const char *const *want, size_t n)
{
    cs_diag d = quiet();
    cs_vary v;
    assert_int_equal(cs_vary_parse(arg, &v, &d), 0);
    assert_string_equal(v.key, key);
    if (v.n != n)
        fail_msg("%s: %zu values, want %zu", arg, v.n, n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(v.values[i], want[i]) != 0)
            fail_msg("%s: value %zu is '%s', want '%s'", arg, i, v.values[i], want[i]);
    cs_vary_free(&v);
}

static void test_vary_lists_and_ranges(void **state)
{
    (void)state;
    expect_values("feed.ad_load=0.05,0.1,0.2", "feed.ad_load",
                  (const char *const[]){"0.05", "0.1", "0.2"}, 3);
    expect_values("cascade.seeds=[0],[0,3]", "cascade.seeds",
                  (const char *const[]){"[0]", "[0,3]"}, 2);
    expect_values("name='a,b',c", "name", (const char *const[]){"'a,b'", "c"}, 2);
    expect_values("x=7", "x", (const char *const[]){"7"}, 1);
    /* Ranges: counted from LO, written as the user meant them. */
    expect_values("x=0:1:0.1", "x",
                  (const char *const[]){"0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7",
                                        "0.8", "0.9", "1"},
                  11);
    expect_values("x=0:1:0.3", "x", (const char *const[]){"0", "0.3", "0.6", "0.9"}, 4);
    expect_values("brand.koc_seeds=0:200:50", "brand.koc_seeds",
                  (const char *const[]){"0", "50", "100", "150", "200"}, 5);
    expect_values("x=-1:1:1", "x", (const char *const[]){"-1", "0", "1"}, 3);
    expect_values("x=2:2:1", "x", (const char *const[]){"2"}, 1);
    /* Exponent forms count their decimals too. */
    expect_values("x=1:2:5e-1", "x", (const char *const[]){"1", "1.5", "2"}, 3);
    expect_values("x=0:0.0003:1e-4", "x", (const char *const[]){"0", "0.0001", "0.0002", "0.0003"},
                  4);
    expect_values("x=1e-4:3e-4:1e-4", "x", (const char *const[]){"0.0001", "0.0002", "0.0003"}, 3);
    /* An apostrophe inside a plain value is no quote. */
    expect_values("name=it's,b", "name", (const char *const[]){"it's", "b"}, 2);

    static const char *const bad[] = {"x=1:0:1", "x=0:1:0", "x=", "=1", "x=[1,2", "x=1,,2",
                                      "nokey", "x='open"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cs_diag d = quiet();
        cs_vary v;
        if (cs_vary_parse(bad[i], &v, &d) != CS_ERR_INPUT)
            fail_msg("'%s' was accepted", bad[i]);
        assert_int_equal(d.errors, 1);
        cs_vary_free(&v);
    }
}

static void test_factorial(void **state)
{
    (void)state;
    cs_diag d = quiet();
    cs_vary v[3];
    assert_int_equal(cs_vary_parse("a=1,2", &v[0], &d), 0);
    assert_int_equal(cs_vary_parse("b=x,y,z", &v[1], &d), 0);
    assert_int_equal(cs_vary_parse("c=0:1:1", &v[2], &d), 0);
    size_t n = cs_factorial_points(v, 3);
    assert_int_equal(n, 12);
    assert_int_equal(cs_factorial_points(v, 0), 1);
    int seen[2][3][2] = {{{0}}};
    size_t idx[3];
    for (size_t p = 0; p < n; p++) {
        cs_factorial_point(v, 3, p, idx);
        assert_true(idx[0] < 2 && idx[1] < 3 && idx[2] < 2);
        seen[idx[0]][idx[1]][idx[2]]++;
        /* The last key varies fastest: point p is the mixed-radix number. */
        assert_int_equal(p, (idx[0] * 3 + idx[1]) * 2 + idx[2]);
    }
    for (int a = 0; a < 2; a++)
        for (int b = 0; b < 3; b++)
            for (int c = 0; c < 2; c++)
                assert_int_equal(seen[a][b][c], 1);
    for (int k = 0; k < 3; k++)
        cs_vary_free(&v[k]);
}

static void test_replicate_seeds(void **state)
{
    (void)state;
    assert_int_equal(cs_replicate_seed(7, 0), 7);
    assert_int_equal(cs_replicate_seed(7, 5), cs_replicate_seed(7, 5));
    /* Distinct over replicates and nearby bases, never negative. */
    enum { R = 2000 };
    static int64_t s[3 * R];
    for (int b = 0; b < 3; b++)
        for (int r = 0; r < R; r++) {
            s[b * R + r] = cs_replicate_seed(b + 1, r + 1);
            assert_true(s[b * R + r] >= 0 && s[b * R + r] < ((int64_t)1 << 53));
        }
    for (int i = 0; i < 3 * R; i++)
        for (int j = i + 1; j < 3 * R; j++)
            if (s[i] == s[j])
                fail_msg("seeds %d and %d collide", i, j);
}

/* Every dimension has one point in each of the n strata; the same seed
 * gives the same design, another seed another. */
static void test_latin_hypercube(void **state)
{
    (void)state;
    enum { N = 50, K = 3 };
    static double u[N * K], v[N * K], w[N * K];
    assert_int_equal(cs_latin_hypercube(N, K, 11, u), 0);
    assert_int_equal(cs_latin_hypercube(N, K, 11, v), 0);
    assert_int_equal(cs_latin_hypercube(N, K, 12, w), 0);
    assert_memory_equal(u, v, sizeof u);
    assert_true(memcmp(u, w, sizeof u) != 0);
    for (int j = 0; j < K; j++) {
        int hits[N] = {0};
        for (int p = 0; p < N; p++) {
            double x = u[p * K + j];
            assert_true(x > 0 && x < 1);
            hits[(int)(x * N)]++;
        }
        for (int i = 0; i < N; i++)
            assert_int_equal(hits[i], 1);
    }
    /* The dimensions are not copies of each other. */
    assert_true(memcmp(&u[0], &u[1], sizeof u[0]) != 0);
}

static void test_student_t(void **state)
{
    (void)state;
    /* Two-sided 95% critical values, as printed in statistical tables. */
    static const struct {
        double df, t;
    } table[] = {{1, 12.7062047}, {2, 4.30265273}, {3, 3.18244631}, {5, 2.57058184},
                 {7, 2.36462425}, {10, 2.22813885}, {30, 2.04227246}, {100, 1.98397152},
                 {1000, 1.96233908}};
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        double t = cs_student_t975(table[i].df);
        if (fabs(t - table[i].t) > 1e-6)
            fail_msg("df %g: %.9f, want %.8f", table[i].df, t, table[i].t);
    }
}

static void test_stats(void **state)
{
    (void)state;
    const double x[] = {2, 4, 4, 4, 5, 5, 7, 9};
    cs_stats s;
    cs_stats_of(x, 8, &s);
    assert_int_equal(s.n, 8);
    assert_true(fabs(s.mean - 5) < 1e-12);
    assert_true(fabs(s.sd - 2.138089935299395) < 1e-12);      /* sqrt(32 / 7) */
    assert_true(fabs(s.ci_hi - s.mean - 1.7874879177958927) < 1e-7); /* t(7) sd / sqrt 8 */
    assert_true(fabs(s.mean - s.ci_lo - 1.7874879177958927) < 1e-7);
    cs_stats_of(x, 1, &s);
    assert_true(s.mean == 2 && isnan(s.sd) && isnan(s.ci_lo));
    cs_stats_of(x, 0, &s);
    assert_true(isnan(s.mean));
    /* Large, nearly equal values: no cancellation. */
    const double big[] = {1e12 + 1, 1e12 + 2, 1e12 + 3};
    cs_stats_of(big, 3, &s);
    assert_true(fabs(s.sd - 1) < 1e-9);
}

static void test_shortest(void **state)
{
    (void)state;
    char buf[40];
    const double v[] = {0.1, 0.3, 1e-7, 123456789, 0.30000000000000004, -2.5, 1.0 / 3};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        cs_format_double(buf, sizeof buf, v[i]);
        assert_true(strtod(buf, NULL) == v[i]);
    }
    cs_format_double(buf, sizeof buf, 0.1);
    assert_string_equal(buf, "0.1");
}

/* What a verdict hinges on, on made-up worlds with a known answer: B - A
 * is 0.4 - x3 plus a little noise, so the verdict (B raises it) holds
 * where key 3 is below 0.4, and no other key matters; then B - A is 1 +
 * x5 everywhere, so every world holds and key 5 orders the effect. */
static void test_robust_hinges(void **state)
{
    (void)state;
    enum { W = 40, K = 20 };
    double u[W * K], effect[W];
    assert_int_equal(cs_latin_hypercube(W, K, 11, u), 0);
    for (size_t w = 0; w < W; w++)
        effect[w] = 0.4 - u[w * K + 3] + 0.02 * (u[w * K + 7] - 0.5);
    cs_hinge h[K];
    assert_int_equal(cs_robust_hinges(W, K, u, effect, 1, 5, h), 0);
    assert_int_equal(h[0].key, 3);
    assert_true(h[0].split && h[0].holds_below);
    assert_true(h[0].rho < -0.95 && h[0].p < 0.001);
    assert_true(fabs(h[0].threshold - 0.4) < 0.05);
    assert_true(h[0].explained >= W - 1);
    /* The other keys: chance, once every key tried is counted. */
    for (int k = 1; k < K; k++)
        assert_true(h[k].p > 0.05);
    /* A world without an effect (NaN) is left out, not counted as a flip. */
    effect[0] = NAN;
    assert_int_equal(cs_robust_hinges(W, K, u, effect, 1, 5, h), 0);
    assert_int_equal(h[0].key, 3);

    for (size_t w = 0; w < W; w++)
        effect[w] = 1 + u[w * K + 5];
    assert_int_equal(cs_robust_hinges(W, K, u, effect, 1, 5, h), 0);
    assert_int_equal(h[0].key, 5);
    assert_true(!h[0].split && h[0].rho > 0.99 && h[0].p < 0.001);
    assert_true(isnan(h[0].threshold));
    /* Two flips in the middle of a rising effect: no threshold does better
     * than calling every world a hold, so none is given. */
    for (size_t w = 0; w < W; w++)
        effect[w] = u[w * K + 0] + 0.1;
    size_t mid[2] = {0, 0};
    for (size_t w = 0; w < W; w++) {
        if (fabs(u[w * K] - 0.45) < 0.05 && !mid[0])
            mid[0] = w + 1;
        else if (fabs(u[w * K] - 0.55) < 0.05 && !mid[1])
            mid[1] = w + 1;
    }
    assert_true(mid[0] && mid[1]);
    effect[mid[0] - 1] = effect[mid[1] - 1] = -1;
    assert_int_equal(cs_robust_hinges(W, K, u, effect, 1, 5, h), 0);
    assert_int_equal(h[0].key, 0);
    assert_true(h[0].split && isnan(h[0].threshold));
    for (size_t w = 0; w < W; w++)
        effect[w] = 1 + u[w * K + 5];
    assert_int_equal(cs_robust_hinges(W, K, u, effect, 1, 5, h), 0);
    /* The same seed, the same answer. */
    cs_hinge again[K];
    assert_int_equal(cs_robust_hinges(W, K, u, effect, 1, 5, again), 0);
    assert_memory_equal(h, again, sizeof h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vary_lists_and_ranges),
        cmocka_unit_test(test_factorial),
        cmocka_unit_test(test_replicate_seeds),
        cmocka_unit_test(test_latin_hypercube),
        cmocka_unit_test(test_robust_hinges),
        cmocka_unit_test(test_student_t),
        cmocka_unit_test(test_stats),
        cmocka_unit_test(test_shortest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
