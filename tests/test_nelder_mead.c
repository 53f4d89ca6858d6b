/* SPDX-License-Identifier: MIT */
/* test_nelder_mead.c - the simplex method on functions whose minima are
 * known: a bowl, Rosenbrock's valley, a minimum outside the box (the
 * nearest corner), a noisy bowl with re-evaluation, and the budget. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "analysis/nelder_mead.h"
#include "circlesim/rng.h"
#include "analysis/split.h"

static const double centre[3] = {0.3, 0.7, 0.5};

static double bowl(const double *x, void *ctx)
{
    (void)ctx;
    double s = 0;
    for (int i = 0; i < 3; i++)
        s += (i + 1) * (x[i] - centre[i]) * (x[i] - centre[i]);
    return s;
}

/* Rosenbrock on [-2, 2]^2 mapped onto the unit square: minimum at (1, 1),
 * that is (0.75, 0.75), at the end of a curved, flat-bottomed valley. */
static double rosenbrock(const double *x, void *ctx)
{
    (void)ctx;
    double a = 4 * x[0] - 2, b = 4 * x[1] - 2;
    return (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a);
}

static double outside(const double *x, void *ctx)
{
    (void)ctx;
    return (x[0] - 1.5) * (x[0] - 1.5) + (x[1] + 0.5) * (x[1] + 0.5);
}

static double noisy(const double *x, void *ctx)
{
    cs_pcg32 *rng = ctx;
    return bowl(x, NULL) + 0.002 * (cs_pcg32_double(rng) - 0.5);
}

static void test_bowl(void **state)
{
    (void)state;
    double x[3] = {0.9, 0.1, 0.9};
    cs_nm_options o = {.max_evaluations = 2000, .tolerance = 1e-10, .step = 0.2};
    cs_nm_result r;
    assert_int_equal(cs_nelder_mead(bowl, NULL, 3, x, &o, &r), 0);
    assert_true(r.converged);
    for (int i = 0; i < 3; i++)
        assert_true(fabs(x[i] - centre[i]) < 1e-4);
    assert_true(r.value < 1e-8);
}

static void test_rosenbrock(void **state)
{
    (void)state;
    double x[2] = {0.2, 0.8};
    cs_nm_options o = {.max_evaluations = 5000, .tolerance = 1e-12, .step = 0.1};
    cs_nm_result r;
    assert_int_equal(cs_nelder_mead(rosenbrock, NULL, 2, x, &o, &r), 0);
    print_message("rosenbrock: (%.6f, %.6f) in %d evaluations\n", x[0], x[1], r.evaluations);
    assert_true(fabs(x[0] - 0.75) < 1e-3 && fabs(x[1] - 0.75) < 1e-3);
}

static void test_box(void **state)
{
    (void)state;
    double x[2] = {0.5, 0.5};
    cs_nm_options o = {.max_evaluations = 1000, .tolerance = 1e-10, .step = 0.2};
    cs_nm_result r;
    assert_int_equal(cs_nelder_mead(outside, NULL, 2, x, &o, &r), 0);
    assert_true(fabs(x[0] - 1) < 1e-4 && fabs(x[1]) < 1e-4);
}

static void test_noisy_and_budget(void **state)
{
    (void)state;
    cs_pcg32 rng = cs_rng_stream(7, 0, 0, 0);
    double x[3] = {0.9, 0.1, 0.9};
    cs_nm_options o = {.max_evaluations = 600, .tolerance = 1e-6, .step = 0.2, .reevaluate = 5};
    cs_nm_result r;
    assert_int_equal(cs_nelder_mead(noisy, &rng, 3, x, &o, &r), 0);
    assert_true(r.evaluations <= 600 + 3 + 1);
    for (int i = 0; i < 3; i++)
        assert_true(fabs(x[i] - centre[i]) < 0.05);
    /* The budget: no iteration starts past it (one adds at most n + 1). */
    double y[3] = {0.9, 0.1, 0.9};
    o = (cs_nm_options){.max_evaluations = 25, .tolerance = 0, .step = 0.2};
    assert_int_equal(cs_nelder_mead(bowl, NULL, 3, y, &o, &r), 0);
    assert_true(r.evaluations >= 25 && r.evaluations <= 25 + 3 + 1 && !r.converged);
}

/* ---- budget splits (split.h) ---- */

/* Stick-breaking covers the simplex: shares are non-negative, sum to 1,
 * and cs_split_point inverts cs_split_shares. */
static void test_split_shares(void **state)
{
    (void)state;
    cs_pcg32 rng = cs_rng_stream(3, 0, 0, 0);
    for (int trial = 0; trial < 1000; trial++) {
        double x[4], s[5], back[4], s2[5];
        for (int i = 0; i < 4; i++)
            x[i] = cs_pcg32_double(&rng);
        cs_split_shares(x, 5, s);
        double sum = 0;
        for (int i = 0; i < 5; i++) {
            assert_true(s[i] >= 0);
            sum += s[i];
        }
        assert_true(fabs(sum - 1) < 1e-12);
        cs_split_point(s, 5, back);
        cs_split_shares(back, 5, s2);
        for (int i = 0; i < 5; i++)
            assert_true(fabs(s[i] - s2[i]) < 1e-9);
    }
}

/* Channels with diminishing returns a_c sqrt(spend_c): the best split of a
 * budget is interior, share_c = a_c^2 / sum a^2 (Lagrange), here
 * (1, 4, 9, 0) / 14 with a useless fourth channel. The objective carries
 * fixed noise, a function of the split as common random numbers make it. */
typedef struct sqrt_ctx {
    double a[4];
    double noise;
    int calls;
} sqrt_ctx;

static double sqrt_returns(const double *share, void *ctx)
{
    sqrt_ctx *c = ctx;
    double v = 0;
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < 4; i++) {
        v += c->a[i] * sqrt(1000.0 * share[i]);
        h = (h ^ (uint64_t)llround(share[i] * 1e6)) * 1099511628211ull;
    }
    c->calls++;
    cs_pcg32 rng = cs_rng_stream(h, 0, 0, 0);
    return v + c->noise * (cs_pcg32_double(&rng) - 0.5);
}

static void test_split_finds_interior_optimum(void **state)
{
    (void)state;
    const double want[4] = {1 / 14.0, 4 / 14.0, 9 / 14.0, 0};
    for (int noisy = 0; noisy < 2; noisy++) {
        sqrt_ctx c = {{1, 2, 3, 0}, noisy ? 0.5 : 0, 0};
        double share[4] = {0.25, 0.25, 0.25, 0.25};
        cs_split_result r;
        assert_int_equal(cs_split_search(4, sqrt_returns, &c, 400, NULL, share, &r), 0);
        assert_true(r.evaluations <= 400 && r.evaluations == c.calls);
        for (int i = 0; i < 4; i++)
            if (fabs(share[i] - want[i]) > 0.03)
                fail_msg("noise %g: share %d is %.4f, the optimum %.4f", c.noise, i, share[i],
                         want[i]);
        /* The value is that of the split returned. */
        c.noise = 0;
        double best = 1 * sqrt(1000.0 / 14) + 2 * sqrt(4000.0 / 14) + 3 * sqrt(9000.0 / 14);
        assert_true(r.value > 0.995 * best - (noisy ? 0.25 : 0));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bowl),
        cmocka_unit_test(test_rosenbrock),
        cmocka_unit_test(test_box),
        cmocka_unit_test(test_noisy_and_budget),
        cmocka_unit_test(test_split_shares),
        cmocka_unit_test(test_split_finds_interior_optimum),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
