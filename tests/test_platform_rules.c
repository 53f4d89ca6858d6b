/* SPDX-License-Identifier: MIT */
/* test_platform_rules.c - the pure per-day rules of the platform model
 * (attention.c, funnel.c, commerce.c, trust.c) against hand-computed values.
 *
 * Every expected value is worked out in a comment from the rule's stated
 * formula, never by calling the rule itself. Distribution checks use an
 * evenly spaced grid of uniforms (i + 0.5) / N instead of a random stream,
 * so they are deterministic: the share of grid points in an interval of
 * length L differs from L by at most 1/N. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/scenario.h"
#include "models/platform/platform.h"

/* |got - want| <= tol, printing both on failure. */
#define assert_near(got, want, tol)                                                     \
    do {                                                                                \
        double got_ = (got), want_ = (want), tol_ = (tol);                              \
        if (!(fabs(got_ - want_) <= tol_)) {                                            \
            print_error("%s = %.17g, want %.17g (tol %g)\n", #got, got_, want_, tol_);  \
            fail();                                                                     \
        }                                                                               \
    } while (0)

#define GRID 100000

/* ---- attention.c ----------------------------------------------------------- */

static void test_sessions_zero_boundary(void **state)
{
    (void)state;
    /* 0 sessions exactly when uniform < exp(-rate): P(0) = exp(-rate). */
    const double rates[] = {0.05, 0.7, 1.0, 2.5, 8.0};
    for (size_t i = 0; i < sizeof rates / sizeof rates[0]; i++) {
        double e = exp(-rates[i]);
        assert_int_equal(cs_sessions(rates[i], 100, 0.0), 0);
        assert_int_equal(cs_sessions(rates[i], 100, nextafter(e, 0.0)), 0);
        /* [0, exp(-rate)) has length exp(-rate): the boundary itself opens */
        assert_int_equal(cs_sessions(rates[i], 100, e), 1);
        assert_int_equal(cs_sessions(rates[i], 100, nextafter(e, 1.0)), 1);
    }
    /* rate 1: exp(-1) = 0.36787944117144233 */
    assert_int_equal(cs_sessions(1.0, 100, 0.3678), 0);
    assert_int_equal(cs_sessions(1.0, 100, 0.3679), 1);
}

static void test_sessions_hand_values(void **state)
{
    (void)state;
    /* Poisson(1): P(k) = e^-1 / k!
     *   cdf(0) = 0.367879, cdf(1) = 0.735759, cdf(2) = 0.919699,
     *   cdf(3) = 0.981012, cdf(4) = 0.996340 */
    assert_int_equal(cs_sessions(1.0, 100, 0.5), 1);
    assert_int_equal(cs_sessions(1.0, 100, 0.7357), 1);
    assert_int_equal(cs_sessions(1.0, 100, 0.7358), 2);
    assert_int_equal(cs_sessions(1.0, 100, 0.9), 2);
    assert_int_equal(cs_sessions(1.0, 100, 0.95), 3);
    assert_int_equal(cs_sessions(1.0, 100, 0.99), 4);
    /* Poisson(2.5): cdf(0) = 0.082085, cdf(1) = 0.287297, cdf(2) = 0.543813 */
    assert_int_equal(cs_sessions(2.5, 100, 0.08), 0);
    assert_int_equal(cs_sessions(2.5, 100, 0.2), 1);
    assert_int_equal(cs_sessions(2.5, 100, 0.5), 2);
    assert_int_equal(cs_sessions(2.5, 100, 0.6), 3);
}

static void test_sessions_monotone_in_uniform(void **state)
{
    (void)state;
    const double rates[] = {0.3, 1.0, 2.5, 6.0};
    for (size_t r = 0; r < sizeof rates / sizeof rates[0]; r++) {
        int64_t prev = 0;
        for (int i = 0; i < 10000; i++) {
            double u = (i + 0.5) / 10000.0;
            int64_t k = cs_sessions(rates[r], 50, u);
            assert_true(k >= prev);
            prev = k;
        }
        assert_true(prev > 0); /* the top of the grid opens */
    }
}

static void test_sessions_cap_and_zero_rate(void **state)
{
    (void)state;
    /* Capped at max. Poisson(1) at u = 0.99 is 4 (above); max 2 gives 2. */
    assert_int_equal(cs_sessions(1.0, 2, 0.99), 2);
    assert_int_equal(cs_sessions(1.0, 4, 0.99), 4);
    assert_int_equal(cs_sessions(1.0, 3, 0.99), 3);
    assert_int_equal(cs_sessions(50.0, 5, 0.5), 5); /* median of Poisson(50) ~ 50 */
    assert_int_equal(cs_sessions(1.0, 0, 0.99), 0);
    for (int i = 0; i < 1000; i++) {
        double u = (i + 0.5) / 1000.0;
        assert_true(cs_sessions(20.0, 7, u) <= 7);
    }
    /* No rate, no sessions, whatever the uniform. */
    assert_int_equal(cs_sessions(0.0, 100, 0.0), 0);
    assert_int_equal(cs_sessions(0.0, 100, 0.5), 0);
    assert_int_equal(cs_sessions(0.0, 100, 0.999999), 0);
    assert_int_equal(cs_sessions(-1.0, 100, 0.999999), 0);
}

/* Mean and zero share of the draws over the grid. */
static void grid_sessions(double rate, int64_t max, double *mean, double *zero_share)
{
    double sum = 0;
    int64_t zeros = 0;
    for (int i = 0; i < GRID; i++) {
        int64_t k = cs_sessions(rate, max, (i + 0.5) / GRID);
        sum += (double)k;
        zeros += k == 0;
    }
    *mean = sum / GRID;
    *zero_share = (double)zeros / GRID;
}

static void test_sessions_distribution(void **state)
{
    (void)state;
    double mean, zero;
    /* Poisson mean = rate; P(0) = exp(-rate) = 0.496585 (0.7), 0.082085 (2.5).
     * Grid error: at most 1/N per value of k, so well under 1e-3. */
    grid_sessions(0.7, 1000, &mean, &zero);
    assert_near(mean, 0.7, 1e-3);
    assert_near(zero, 0.4965853037914095, 2e-5);
    grid_sessions(2.5, 1000, &mean, &zero);
    assert_near(mean, 2.5, 1e-3);
    assert_near(zero, 0.0820849986238988, 2e-5);
    /* max 1: the draw is "opened at all", mean 1 - exp(-0.7) = 0.503415 */
    grid_sessions(0.7, 1, &mean, &zero);
    assert_near(mean, 0.5034146962085905, 2e-5);
}

static void test_open_rate(void **state)
{
    (void)state;
    /* 0.2 + 0.8 * 0.5 + 0.3 * log1p(0) = 0.2 + 0.4 + 0 = 0.6 */
    assert_near(cs_open_rate(0.2, 0.5, 0.8, 0.0, 0.3), 0.6, 1e-15);
    /* log1p(e - 1) = 1: 0.2 + 0.4 + 0.3 = 0.9 */
    assert_near(cs_open_rate(0.2, 0.5, 0.8, 1.718281828459045, 0.3), 0.9, 1e-15);
    /* log1p(3) = ln 4 = 1.3862943611198906: 0.1 + 0 + 0.5 * 1.386294 = 0.7931471805599453 */
    assert_near(cs_open_rate(0.1, 0.0, 0.8, 3.0, 0.5), 0.7931471805599453, 1e-15);
    /* Never negative: -1 + 0.5 * 0.1 = -0.95 -> 0 */
    assert_true(cs_open_rate(-1.0, 0.1, 0.5, 0.0, 0.3) == 0.0);
    assert_true(cs_open_rate(-0.05, 0.0, 1.0, 0.0, 1.0) == 0.0);
    for (int i = 0; i < 200; i++) {
        double base = -1.0 + i * 0.01; /* -1 .. 0.99 */
        assert_true(cs_open_rate(base, 0.3, 0.5, i * 0.5, 0.1) >= 0.0);
    }
}

static void test_circle_rules(void **state)
{
    (void)state;
    /* Members with the interest leave at the base rate, the others at
     * rate / offtopic, capped at 1; no leaving at all when the rate is 0. */
    assert_near(cs_circle_leave_chance(0.005, 0.1, 1), 0.005, 1e-15);
    assert_near(cs_circle_leave_chance(0.005, 0.1, 0), 0.05, 1e-15);
    assert_true(cs_circle_leave_chance(0.2, 0.1, 0) == 1.0);
    assert_true(cs_circle_leave_chance(0, 0, 0) == 0.0);
    assert_true(cs_circle_leave_chance(0, 0.1, 0) == 0.0);
    /* Batches per 100 000 people: 20 -> 4 at 20 000, 2 at 15 000 (1.5
     * rounds up), at least 1 in a small world, none when the batch is 0. */
    assert_int_equal(cs_per_capita_batch(20, 100000), 20);
    assert_int_equal(cs_per_capita_batch(20, 20000), 4);
    assert_int_equal(cs_per_capita_batch(10, 15000), 2);
    assert_int_equal(cs_per_capita_batch(20, 2000), 1);
    assert_int_equal(cs_per_capita_batch(0, 1000000), 0);
    assert_int_equal(cs_per_capita_batch(20, 1000000), 200);
}

static void test_habit_next(void **state)
{
    (void)state;
    /* 0.5 * (1 - 0.2) + 0.1 * k */
    assert_near(cs_habit_next(0.5, 0, 0.1, 0.2), 0.4, 1e-15);
    assert_near(cs_habit_next(0.5, 1, 0.1, 0.2), 0.5, 1e-15);
    assert_near(cs_habit_next(0.5, 2, 0.1, 0.2), 0.6, 1e-15);
    assert_near(cs_habit_next(0.5, 3, 0.1, 0.2), 0.7, 1e-15);
    /* above 3 counts as 3 */
    assert_near(cs_habit_next(0.5, 4, 0.1, 0.2), 0.7, 1e-15);
    assert_near(cs_habit_next(0.5, 50, 0.1, 0.2), 0.7, 1e-15);
    /* pure decay: 2 * 0.9 = 1.8; pure gain: 0 + 0.25 * 3 = 0.75 */
    assert_near(cs_habit_next(2.0, 0, 0.3, 0.1), 1.8, 1e-15);
    assert_near(cs_habit_next(0.0, 7, 0.25, 0.5), 0.75, 1e-15);
}

static void test_note_seconds(void **state)
{
    (void)state;
    const double sec[PF_FORMATS] = {10, 30, 20, 60};
    /* 0.5*10 + 0.3*30 + 0.1*20 + 0.1*60 = 5 + 9 + 2 + 6 = 22 */
    const double mix[PF_FORMATS] = {0.5, 0.3, 0.1, 0.1};
    assert_near(cs_note_seconds(mix, sec), 22.0, 1e-12);
    /* shares 1:3 (sum 4): (10 + 90) / 4 = 25; 2:6 (sum 8) the same */
    const double a[PF_FORMATS] = {1, 3, 0, 0}, b[PF_FORMATS] = {2, 6, 0, 0};
    assert_near(cs_note_seconds(a, sec), 25.0, 1e-12);
    assert_near(cs_note_seconds(b, sec), 25.0, 1e-12);
    /* shares 0.1 each (sum 0.4): mean of the four = 120 / 4 = 30 */
    const double c[PF_FORMATS] = {0.1, 0.1, 0.1, 0.1};
    assert_near(cs_note_seconds(c, sec), 30.0, 1e-12);
    /* one format only: its seconds */
    const double d[PF_FORMATS] = {0, 0, 0, 0.2};
    assert_near(cs_note_seconds(d, sec), 60.0, 1e-12);
    const double z[PF_FORMATS] = {0, 0, 0, 0};
    assert_true(cs_note_seconds(z, sec) == 0.0);
}

static void test_stochastic_round(void **state)
{
    (void)state;
    /* 2.25: 3 when u < 0.25, else 2 */
    assert_int_equal(cs_stochastic_round(2.25, 0.0), 3);
    assert_int_equal(cs_stochastic_round(2.25, nextafter(0.25, 0.0)), 3);
    assert_int_equal(cs_stochastic_round(2.25, 0.25), 2);
    assert_int_equal(cs_stochastic_round(2.25, 0.9999), 2);
    /* 0.75 (floor 0): 1 when u < 0.75 */
    assert_int_equal(cs_stochastic_round(0.75, 0.7499), 1);
    assert_int_equal(cs_stochastic_round(0.75, 0.75), 0);
    /* integers are exact */
    assert_int_equal(cs_stochastic_round(3.0, 0.0), 3);
    assert_int_equal(cs_stochastic_round(3.0, 0.9999), 3);
    /* non-positive x gives 0 */
    assert_int_equal(cs_stochastic_round(0.0, 0.0), 0);
    /* NaN gives 0, and what no int64 holds saturates (a damaged
     * checkpoint once reached the conversion with such a value) */
    assert_int_equal(cs_stochastic_round(NAN, 0.5), 0);
    assert_true(cs_stochastic_round(INFINITY, 0.5) == INT64_C(1) << 62);
    assert_true(cs_stochastic_round(1e300, 0.5) == INT64_C(1) << 62);
    for (int i = 0; i < 10; i++) {
        double u = (i + 0.5) / 10.0;
        assert_int_equal(cs_stochastic_round(0.0, u), 0);
        assert_int_equal(cs_stochastic_round(-0.0, u), 0);
        assert_int_equal(cs_stochastic_round(-0.5, u), 0);
        assert_int_equal(cs_stochastic_round(-3.7, u), 0);
    }
    /* unbiased: grid mean of round(x) = x within 1/N */
    const double xs[] = {0.1, 1.37, 2.5, 7.999, 12.0};
    for (size_t j = 0; j < sizeof xs / sizeof xs[0]; j++) {
        double sum = 0;
        for (int i = 0; i < GRID; i++)
            sum += (double)cs_stochastic_round(xs[j], (i + 0.5) / GRID);
        assert_near(sum / GRID, xs[j], 1.0 / GRID);
    }
}

/* ---- funnel.c -------------------------------------------------------------- */

static void test_pull(void **state)
{
    (void)state;
    /* trust_weight 0: 0.8 * 0.5 * (1 + 2 * 0.25) = 0.4 * 1.5 = 0.6, any trust */
    assert_near(cs_pull(0.8, 0.5, 0.9, 0.0, 2.0, 0.25), 0.6, 1e-15);
    assert_near(cs_pull(0.8, 0.5, 0.1, 0.0, 2.0, 0.25), 0.6, 1e-15);
    assert_near(cs_pull(0.8, 0.5, 0.0, 0.0, 2.0, 0.25), 0.6, 1e-15);
    /* no proof or nobody bought: credibility x match = 0.3 * 0.7 = 0.21 */
    assert_near(cs_pull(0.3, 0.7, 0.5, 0.0, 0.0, 0.9), 0.21, 1e-15);
    assert_near(cs_pull(0.3, 0.7, 0.5, 0.0, 3.0, 0.0), 0.21, 1e-15);
    /* trust_weight 1: factor 2 * trust: 0.5 -> 1, 1 -> 2, 0 -> 0 */
    assert_near(cs_pull(0.8, 0.5, 0.5, 1.0, 2.0, 0.25), 0.6, 1e-15);
    assert_near(cs_pull(0.8, 0.5, 1.0, 1.0, 2.0, 0.25), 1.2, 1e-15);
    assert_true(cs_pull(0.8, 0.5, 0.0, 1.0, 2.0, 0.25) == 0.0);
    /* trust_weight 0.5, trust 0.8: factor 1 - 0.5 + 0.5 * 1.6 = 1.3 -> 0.78 */
    assert_near(cs_pull(0.8, 0.5, 0.8, 0.5, 2.0, 0.25), 0.78, 1e-15);
}

static void test_buy_probability(void **state)
{
    (void)state;
    /* price 0: base x boost = 0.1 * 1.5 = 0.15 */
    assert_near(cs_buy_probability(0.1, 0.0, 50.0, 0.7, 1.3, 1.5), 0.15, 1e-15);
    assert_near(cs_buy_probability(0.1, 0.0, 50.0, 0.7, 1.3, 1.0), 0.1, 1e-15);
    /* 0.2 * exp(-1 * 0.5 * 100 / 50) = 0.2 * exp(-1) = 0.07357588823428847 */
    assert_near(cs_buy_probability(0.2, 100.0, 50.0, 0.5, 1.0, 1.0), 0.07357588823428847,
                1e-15);
    /* 0.3 * exp(-2 * 0.25 * 80 / 40) * 2 = 0.6 * exp(-1) = 0.2207276647028654 */
    assert_near(cs_buy_probability(0.3, 80.0, 40.0, 0.25, 2.0, 2.0), 0.2207276647028654,
                1e-15);
    /* capped at 1: 0.8 * 2 = 1.6 */
    assert_true(cs_buy_probability(0.8, 0.0, 50.0, 0.5, 1.0, 2.0) == 1.0);
    assert_true(cs_buy_probability(5.0, 10.0, 50.0, 0.5, 1.0, 1.0) == 1.0);
    /* falls with price */
    double prev = 2;
    for (int i = 0; i < 100; i++) {
        double p = cs_buy_probability(0.2, i * 5.0, 50.0, 0.5, 1.0, 1.0);
        assert_true(p < prev);
        prev = p;
    }
}

static void test_satisfied(void **state)
{
    (void)state;
    assert_true(cs_satisfied(0.7, 0.7));
    assert_true(cs_satisfied(0.7, 0.69));
    assert_true(cs_satisfied(0.7, -1.0));
    assert_false(cs_satisfied(0.69, 0.7));
    assert_false(cs_satisfied(nextafter(0.7, 0.0), 0.7));
}

/* ---- commerce.c ------------------------------------------------------------ */

static void test_onsite_probability(void **state)
{
    (void)state;
    /* no store: never on site */
    assert_true(cs_onsite_probability(0, 0.9, 0.5, 1.0, 0.0, 0.0, 0.0) == 0.0);
    assert_true(cs_onsite_probability(0, 0.4, 0.6, 0.8, 0.5, 0.2, 1.5) == 0.0);
    /* 0.4 + 0.6 * (0.8 - 0.5) - 1.5 * 0.5 * 0.2 = 0.4 + 0.18 - 0.15 = 0.43 */
    assert_near(cs_onsite_probability(1, 0.4, 0.6, 0.8, 0.5, 0.2, 1.5), 0.43, 1e-15);
    /* trust 0.5, no discount: the base */
    assert_near(cs_onsite_probability(1, 0.4, 0.6, 0.5, 0.9, 0.0, 1.5), 0.4, 1e-15);
    /* 0.4 + 0.6 * (0.2 - 0.5) = 0.4 - 0.18 = 0.22 */
    assert_near(cs_onsite_probability(1, 0.4, 0.6, 0.2, 0.0, 0.3, 1.5), 0.22, 1e-15);
    /* clamped: 0.9 + 1 * 0.5 = 1.4 -> 1; 0.1 - 5 * 1 * 0.5 = -2.4 -> 0 */
    assert_true(cs_onsite_probability(1, 0.9, 1.0, 1.0, 0.0, 0.0, 0.0) == 1.0);
    assert_true(cs_onsite_probability(1, 0.1, 0.0, 0.5, 1.0, 0.5, 5.0) == 0.0);
    for (int i = 0; i <= 100; i++) {
        double p = cs_onsite_probability(1, 0.5, 3.0, i / 100.0, 0.8, 0.3, 2.0);
        assert_true(p >= 0.0 && p <= 1.0);
    }
}

static void test_store_advantage(void **state)
{
    (void)state;
    /* incentive 0, equal fees: with = without, advantage = -store_cost */
    assert_near(cs_store_advantage(1000.0, 0.4, 0.0, 0.3, 0.05, 0.05, 200.0), -200.0, 1e-9);
    assert_near(cs_store_advantage(123456.0, 0.9, 0.0, 0.5, 0.1, 0.1, 0.0), 0.0, 1e-9);
    /* demand 10000, share 0.5, incentive 0.2, margin 0.3, fees 0.06 / 0.02, cost 300:
     *   without = 10000 * 0.28 = 2800
     *   with    = 12000 * (0.5 * 0.24 + 0.5 * 0.28) = 12000 * 0.26 = 3120
     *   advantage = 3120 - 2800 - 300 = 20 */
    assert_near(cs_store_advantage(10000.0, 0.5, 0.2, 0.3, 0.06, 0.02, 300.0), 20.0, 1e-9);
    /* same with demand 5000: 1560 - 1400 - 300 = -140 (no store) */
    assert_near(cs_store_advantage(5000.0, 0.5, 0.2, 0.3, 0.06, 0.02, 300.0), -140.0, 1e-9);
    /* no demand: only the cost */
    assert_near(cs_store_advantage(0.0, 0.5, 0.2, 0.3, 0.06, 0.02, 300.0), -300.0, 1e-12);
    /* Increasing in demand when incentive > 0 and margin > fees. Slope per
     * yuan: (1 + i)(s (m - fs) + (1 - s)(m - fo)) - (m - fo); with equal fees
     * it is i (m - f) > 0 for any share; with the case above it is
     * 1.2 * 0.26 - 0.28 = 0.032 > 0. */
    const double shares[] = {0.0, 0.3, 1.0};
    for (size_t k = 0; k < sizeof shares / sizeof shares[0]; k++) {
        double prev = -INFINITY;
        for (int i = 0; i <= 200; i++) {
            double adv = cs_store_advantage(i * 500.0, shares[k], 0.1, 0.3, 0.05, 0.05, 250.0);
            assert_true(adv > prev);
            prev = adv;
        }
    }
    double prev = -INFINITY;
    for (int i = 0; i <= 200; i++) {
        double adv = cs_store_advantage(i * 500.0, 0.5, 0.2, 0.3, 0.06, 0.02, 300.0);
        assert_true(adv > prev);
        prev = adv;
    }
    /* Margin above both fees alone is not enough: a store fee far above the
     * offsite fee makes the slope negative even with an incentive:
     * share 1, i 0.1, m 0.3, fs 0.25, fo 0.05: 1.1 * 0.05 - 0.25 = -0.195 per yuan.
     * demand 1000: 1100 * 0.05 - 1000 * 0.25 - 0 = 55 - 250 = -195 */
    assert_near(cs_store_advantage(1000.0, 1.0, 0.1, 0.3, 0.25, 0.05, 0.0), -195.0, 1e-9);
    assert_true(cs_store_advantage(2000.0, 1.0, 0.1, 0.3, 0.25, 0.05, 0.0) <
                cs_store_advantage(1000.0, 1.0, 0.1, 0.3, 0.25, 0.05, 0.0));
}

/* ---- trust.c --------------------------------------------------------------- */

static void trust_scenario(cs_scenario *sc)
{
    assert_int_equal(cs_scenario_init(sc), 0);
    sc->trust_recover = 0.1;
    sc->trust_gain = 0.2;
    sc->trust_loss = 0.3;
    sc->trust_spam_loss = 0.05;
    sc->trust_ad_loss = 0.1;
}

static void test_trust_next_events(void **state)
{
    (void)state;
    cs_scenario sc;
    trust_scenario(&sc);
    /* trust = disposition = 0.5, so recovery does nothing:
     *   good 1:   0.5 + 0.2 * 1 * 0.5 = 0.6
     *   bad 1:    0.5 - 0.3 * 1 * 0.5 = 0.35
     *   spam 2:   0.5 - 0.05 * 2 * 0.5 = 0.45
     *   ads 1.5:  0.5 - 0.1 * 1.5 * 0.5 = 0.425 */
    assert_near(cs_trust_next(0.5, 0.5, 0, 0, 0, 0.0, &sc), 0.5, 1e-15);
    assert_near(cs_trust_next(0.5, 0.5, 1, 0, 0, 0.0, &sc), 0.6, 1e-15);
    assert_near(cs_trust_next(0.5, 0.5, 0, 1, 0, 0.0, &sc), 0.35, 1e-15);
    assert_near(cs_trust_next(0.5, 0.5, 0, 0, 2, 0.0, &sc), 0.45, 1e-15);
    assert_near(cs_trust_next(0.5, 0.5, 0, 0, 0, 1.5, &sc), 0.425, 1e-15);
    /* Direction from other starting points. */
    for (int i = 1; i < 10; i++) {
        double t = i / 10.0, base = cs_trust_next(t, 0.5, 0, 0, 0, 0.0, &sc);
        assert_true(cs_trust_next(t, 0.5, 1, 0, 0, 0.0, &sc) > base);
        assert_true(cs_trust_next(t, 0.5, 0, 1, 0, 0.0, &sc) < base);
        assert_true(cs_trust_next(t, 0.5, 0, 0, 1, 0.0, &sc) < base);
        assert_true(cs_trust_next(t, 0.5, 0, 0, 0, 0.5, &sc) < base);
        /* a good purchase raises trust above where it was that morning at
         * the disposition */
        assert_true(cs_trust_next(t, t, 1, 0, 0, 0.0, &sc) > t);
        assert_true(cs_trust_next(t, t, 0, 1, 0, 0.0, &sc) < t);
    }
    cs_scenario_free(&sc);
}

static void test_trust_next_recovery(void **state)
{
    (void)state;
    cs_scenario sc;
    trust_scenario(&sc);
    /* all events zero: t + 0.1 (d - t)
     *   0.6 -> 0.5: 0.6 - 0.01 = 0.59
     *   0.2 -> 0.7: 0.2 + 0.05 = 0.25
     *   0 -> 1:     0.1 */
    assert_near(cs_trust_next(0.6, 0.5, 0, 0, 0, 0.0, &sc), 0.59, 1e-15);
    assert_near(cs_trust_next(0.2, 0.7, 0, 0, 0, 0.0, &sc), 0.25, 1e-15);
    assert_near(cs_trust_next(0.0, 1.0, 0, 0, 0, 0.0, &sc), 0.1, 1e-15);
    /* recover 0.25: 0.8 + 0.25 (0.4 - 0.8) = 0.7 */
    sc.trust_recover = 0.25;
    assert_near(cs_trust_next(0.8, 0.4, 0, 0, 0, 0.0, &sc), 0.7, 1e-15);
    /* recover 0: unchanged */
    sc.trust_recover = 0.0;
    assert_near(cs_trust_next(0.8, 0.4, 0, 0, 0, 0.0, &sc), 0.8, 1e-15);
    /* recover 1: jumps to the disposition */
    sc.trust_recover = 1.0;
    assert_near(cs_trust_next(0.8, 0.4, 0, 0, 0, 0.0, &sc), 0.4, 1e-15);
    cs_scenario_free(&sc);
}

static void test_trust_next_bounds(void **state)
{
    (void)state;
    cs_scenario sc;
    trust_scenario(&sc);
    /* good 10: 0.5 + 0.2 * 10 * 0.5 = 1.5 -> 1; bad 10: 0.5 - 1.5 = -1 -> 0 */
    assert_true(cs_trust_next(0.5, 0.5, 10, 0, 0, 0.0, &sc) == 1.0);
    assert_true(cs_trust_next(0.5, 0.5, 0, 10, 0, 0.0, &sc) == 0.0);
    assert_true(cs_trust_next(0.5, 0.5, 0, 0, 1000, 0.0, &sc) == 0.0);
    assert_true(cs_trust_next(0.5, 0.5, 0, 0, 0, 100.0, &sc) == 0.0);
    const int events[] = {0, 1, 3, 20};
    const double ads[] = {0.0, 0.7, 30.0};
    for (int ti = 0; ti <= 10; ti++)
        for (int di = 0; di <= 10; di += 5)
            for (int g = 0; g < 4; g++)
                for (int b = 0; b < 4; b++)
                    for (int s = 0; s < 4; s++)
                        for (int a = 0; a < 3; a++) {
                            double t = cs_trust_next(ti / 10.0, di / 10.0, events[g], events[b],
                                                     events[s], ads[a], &sc);
                            assert_true(t >= 0.0 && t <= 1.0);
                        }
    cs_scenario_free(&sc);
}

/* Ad load counts against trust only past a user's own tolerance. */
static void test_ad_excess(void **state)
{
    (void)state;
    assert_true(cs_ad_excess(0.08, 0.12) == 0.0);
    assert_true(cs_ad_excess(0.12, 0.12) == 0.0);
    assert_near(cs_ad_excess(0.2, 0.12), 0.08, 1e-15);
    assert_near(cs_ad_excess(0.08, 0.0), 0.08, 1e-15);
    assert_true(cs_ad_excess(0.0, 0.0) == 0.0);
    /* Rising in the load, falling in the tolerance. */
    for (int i = 1; i <= 9; i++)
        assert_true(cs_ad_excess(0.1 * i, 0.05) > cs_ad_excess(0.1 * (i - 1), 0.05));
}

/* Lower tiers' traits relative to the first tier's. */
static void test_tier_factor(void **state)
{
    (void)state;
    assert_true(cs_tier_factor(0.1, 0) == 1.0);
    assert_near(cs_tier_factor(0.1, 3), 1.3, 1e-15);
    assert_near(cs_tier_factor(0.15, 2), 1.3, 1e-15);
    assert_true(cs_tier_factor(0.0, 3) == 1.0);
    for (int t = 1; t < 4; t++)
        assert_true(cs_tier_factor(0.2, t) > cs_tier_factor(0.2, t - 1));
}

/* The demand a merchant counts on: less one standard error of the count. */
static void test_demand_counted(void **state)
{
    (void)state;
    /* 100 orders: 1 - 1/10 = 0.9 of it; 4 orders: a half; 1 order: none. */
    assert_near(cs_demand_counted(5000, 100), 4500, 1e-9);
    assert_near(cs_demand_counted(5000, 4), 2500, 1e-9);
    assert_true(cs_demand_counted(5000, 1) == 0);
    assert_true(cs_demand_counted(5000, 0) == 0);
    assert_true(cs_demand_counted(0, 10) == 0);
    /* The more orders behind the same sales, the more of them counts. */
    for (int64_t n = 2; n < 1000; n *= 2)
        assert_true(cs_demand_counted(1000, 2 * n) > cs_demand_counted(1000, n));
}

/* A merchant stays through its grace, then while its margin covers its
 * presence; a margin exactly at the cost stays. */
static void test_merchant_stays(void **state)
{
    (void)state;
    assert_true(cs_merchant_stays(0, 1000, 89, 90));
    assert_false(cs_merchant_stays(0, 1000, 90, 90));
    assert_false(cs_merchant_stays(999.99, 1000, 400, 90));
    assert_true(cs_merchant_stays(1000, 1000, 400, 90));
    assert_true(cs_merchant_stays(0, 0, 400, 90));
}

/* An invitation to a group buy: 1 - exp(-w d s) for a satisfied buyer,
 * never without a discount, never from a disappointed one. */
static void test_group_invite_chance(void **state)
{
    (void)state;
    /* 1 - exp(-8 x 0.15 x 0.5) = 1 - exp(-0.6) = 0.45118836390597356 */
    assert_near(cs_group_invite_chance(1, 0.15, 0.5, 8.0), 0.45118836390597356, 1e-15);
    assert_true(cs_group_invite_chance(0, 0.15, 0.5, 8.0) == 0.0);
    assert_true(cs_group_invite_chance(1, 0.0, 0.5, 8.0) == 0.0);
    assert_true(cs_group_invite_chance(1, 0.15, 0.0, 8.0) == 0.0);
    assert_true(cs_group_invite_chance(1, 0.15, 0.5, 0.0) == 0.0);
    for (int i = 1; i <= 9; i++) {
        double d = 0.1 * i;
        double p = cs_group_invite_chance(1, d, 0.5, 8.0);
        assert_true(p > 0 && p < 1);
        /* A larger discount, or a more price-sensitive buyer, invites more. */
        assert_true(cs_group_invite_chance(1, d + 0.05, 0.5, 8.0) > p);
        assert_true(cs_group_invite_chance(1, d, 0.6, 8.0) > p);
    }
}

static void test_churn_probability(void **state)
{
    (void)state;
    /* trust >= disposition: 0.02 * exp(-1) = 0.007357588823428847 */
    assert_near(cs_churn_probability(0.02, 1.0, 0.7, 0.5, 4.0), 0.007357588823428847, 1e-16);
    assert_near(cs_churn_probability(0.02, 1.0, 0.5, 0.5, 4.0), 0.007357588823428847, 1e-16);
    assert_near(cs_churn_probability(0.02, 0.0, 0.9, 0.5, 4.0), 0.02, 1e-16);
    /* trust 0.3 below 0.5: * (1 + 4 * 0.2) = * 1.8 = 0.013243659882171925 */
    assert_near(cs_churn_probability(0.02, 1.0, 0.3, 0.5, 4.0), 0.013243659882171925, 1e-16);
    assert_true(cs_churn_probability(0.02, 1.0, 0.3, 0.5, 4.0) >
                cs_churn_probability(0.02, 1.0, 0.5, 0.5, 4.0));
    /* more habit, less churn */
    assert_true(cs_churn_probability(0.02, 2.0, 0.5, 0.5, 4.0) <
                cs_churn_probability(0.02, 1.0, 0.5, 0.5, 4.0));
    /* capped at 1: 0.9 * (1 + 5 * 1) = 5.4 */
    assert_true(cs_churn_probability(0.9, 0.0, 0.0, 1.0, 5.0) == 1.0);
    assert_true(cs_churn_probability(3.0, 0.0, 0.9, 0.5, 0.0) == 1.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sessions_zero_boundary),
        cmocka_unit_test(test_sessions_hand_values),
        cmocka_unit_test(test_sessions_monotone_in_uniform),
        cmocka_unit_test(test_sessions_cap_and_zero_rate),
        cmocka_unit_test(test_sessions_distribution),
        cmocka_unit_test(test_open_rate),
        cmocka_unit_test(test_circle_rules),
        cmocka_unit_test(test_habit_next),
        cmocka_unit_test(test_note_seconds),
        cmocka_unit_test(test_stochastic_round),
        cmocka_unit_test(test_pull),
        cmocka_unit_test(test_buy_probability),
        cmocka_unit_test(test_satisfied),
        cmocka_unit_test(test_onsite_probability),
        cmocka_unit_test(test_store_advantage),
        cmocka_unit_test(test_trust_next_events),
        cmocka_unit_test(test_trust_next_recovery),
        cmocka_unit_test(test_trust_next_bounds),
        cmocka_unit_test(test_churn_probability),
        cmocka_unit_test(test_ad_excess),
        cmocka_unit_test(test_group_invite_chance),
        cmocka_unit_test(test_demand_counted),
        cmocka_unit_test(test_merchant_stays),
        cmocka_unit_test(test_tier_factor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
