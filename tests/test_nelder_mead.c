/* test_nelder_mead.c - the simplex method on functions whose minima are
 * known: a bowl, Rosenbrock's valley, a minimum outside the box (the
 * nearest corner), a noisy bowl with re-evaluation, and the budget. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "circlesim/nelder_mead.h"
#include "circlesim/rng.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bowl),
        cmocka_unit_test(test_rosenbrock),
        cmocka_unit_test(test_box),
        cmocka_unit_test(test_noisy_and_budget),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
