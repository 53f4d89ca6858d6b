/* SPDX-License-Identifier: MIT */
/* test_cascade.c - independent cascade against exact small cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/engine.h"
#include "scenario/scenario.h"
#include "engine/run_struct.h"

static int long_mode(void)
{
    const char *s = getenv("CIRCLESIM_LONG");
    return s && strcmp(s, "1") == 0;
}

/* Loads a scenario (file, or text when path is NULL), applies sets, runs all
 * days and returns the final buyers; rows_out (if not NULL) gets each day's
 * cumulative buyers. */
static int64_t run_cascade(const char *path, const char *text, const char *const *sets,
                           int64_t seed, int64_t *rows_out)
{
    cs_scenario sc;
    cs_diag d;
    cs_diag_init(&d, stderr);
    assert_int_equal(cs_scenario_init(&sc), 0);
    if (path)
        assert_int_equal(cs_scenario_load(&sc, path, &d), 0);
    else
        assert_int_equal(cs_scenario_load_text(&sc, "test.yaml", text, strlen(text), "/", &d), 0);
    for (; sets && *sets; sets++)
        assert_int_equal(cs_scenario_set(&sc, *sets, &d), 0);
    char set[64];
    snprintf(set, sizeof set, "seed=%lld", (long long)seed);
    assert_int_equal(cs_scenario_set(&sc, set, &d), 0);
    assert_int_equal(cs_scenario_validate(&sc, &d), 0);
    cs_run r;
    assert_int_equal(cs_run_init(&r, &sc, 2, &d), 0);
    while (r.day < sc.days) {
        assert_int_equal(cs_run_step(&r), 0);
        if (rows_out)
            rows_out[r.day - 1] = r.rows[r.day - 1].buyers;
    }
    int64_t total = 0;
    for (int64_t t = 0; t < r.day; t++)
        total += r.rows[t].orders;
    int64_t final = r.rows[r.day - 1].buyers;
    /* Every activation, seeds included, is one order. */
    assert_int_equal(total, final);
    cs_run_free(&r);
    cs_scenario_free(&sc);
    return final;
}

/* Star of n leaves seeded at the centre: the centre gets one chance per
 * leaf, so the final spread is 1 + Binomial(n, p), mean 1 + n p. Uses the
 * shipped validation scenario (n = 20, p = 0.3: mean 7, sd sqrt(4.2) = 2.05).
 * With R runs the standard error is 2.05 / sqrt(R); we allow 4 SE. */
static void test_star_mean_spread(void **state)
{
    (void)state;
    const char *path = CS_SOURCE_DIR "/scenarios/validation/cascade-star.yaml";
    const int R = long_mode() ? 20000 : 2000;
    double sum = 0;
    for (int rep = 0; rep < R; rep++) {
        int64_t f = run_cascade(path, NULL, NULL, rep + 1, NULL);
        assert_true(f >= 1 && f <= 21);
        sum += (double)f;
    }
    double mean = sum / R, se = sqrt(20 * 0.3 * 0.7) / sqrt((double)R);
    if (fabs(mean - 7.0) > 4 * se)
        fail_msg("star: mean spread %.3f, expected 7 +- %.3f", mean, 4 * se);
}

/* A path of n users seeded at one end: user k is reached only if all k ties
 * before it fire, so E[spread] = sum_{k<n} p^k = (1 - p^n) / (1 - p). */
static void test_path_mean_spread(void **state)
{
    (void)state;
    char dir[] = "/tmp/cs-cascade-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char file[64];
    snprintf(file, sizeof file, "%s/path.txt", dir);
    FILE *fp = fopen(file, "w");
    assert_non_null(fp);
    const int n = 12;
    for (int u = 0; u + 1 < n; u++)
        fprintf(fp, "%d %d\n", u, u + 1);
    fclose(fp);
    char text[256];
    snprintf(text, sizeof text,
             "model: cascade\ndays: 20\nnetwork:\n  kind: edgelist\n  file: %s\n"
             "cascade:\n  seeds: [0]\n  p: 0.6\n", file);
    const int R = long_mode() ? 20000 : 3000;
    double sum = 0, sum2 = 0;
    for (int rep = 0; rep < R; rep++) {
        double f = (double)run_cascade(NULL, text, NULL, rep + 1, NULL);
        sum += f;
        sum2 += f * f;
    }
    double expect = (1 - pow(0.6, n)) / (1 - 0.6);
    double mean = sum / R, sd = sqrt((sum2 - R * mean * mean) / (R - 1));
    if (fabs(mean - expect) > 4 * sd / sqrt((double)R))
        fail_msg("path: mean spread %.3f, expected %.3f", mean, expect);

    /* p = 1: the cascade walks one user per day, so day t holds t + 1
     * users (the seed and t waves) until the path ends. */
    const char *sets[] = {"cascade.p=1", NULL};
    int64_t rows[20];
    run_cascade(NULL, text, sets, 5, rows);
    for (int t = 0; t < 20; t++)
        assert_int_equal(rows[t], t + 2 <= n ? t + 2 : n);
    unlink(file);
    rmdir(dir);
}

/* Several seeds and p = 0: the seeds alone, all counted on day 1. */
static void test_seeds_only(void **state)
{
    (void)state;
    const char *text = "model: cascade\ndays: 3\npopulation:\n  size: 500\nnetwork:\n"
                       "  kind: erdos_renyi\n  mean_degree: 8\ncascade:\n  seeds: [0, 7, 499]\n"
                       "  p: 0\n";
    int64_t rows[3];
    run_cascade(NULL, text, NULL, 1, rows);
    assert_int_equal(rows[0], 3);
    assert_int_equal(rows[2], 3);
}

/* Complete network, p = 1: everyone is active after day 1. */
static void test_complete_network(void **state)
{
    (void)state;
    const char *text = "model: cascade\ndays: 2\npopulation:\n  size: 300\nnetwork:\n"
                       "  kind: complete\ncascade:\n  seeds: [5]\n  p: 1\n";
    int64_t rows[2];
    run_cascade(NULL, text, NULL, 1, rows);
    assert_int_equal(rows[0], 300);
}

/* cascade.p is a lever: changed on day 3 it leaves days 1-2 alone. */
static void test_lever(void **state)
{
    (void)state;
    const char *text = "model: cascade\ndays: 8\npopulation:\n  size: 3000\nnetwork:\n"
                       "  kind: erdos_renyi\n  mean_degree: 6\ncascade:\n  seeds: [0, 1, 2]\n"
                       "  p: 0.2\n";
    char with[512];
    snprintf(with, sizeof with, "%sinterventions:\n  - day: 3\n    set: {cascade.p: 0.9}\n",
             text);
    int64_t a[8], b[8];
    run_cascade(NULL, text, NULL, 4, a);
    run_cascade(NULL, with, NULL, 4, b);
    assert_memory_equal(a, b, 2 * sizeof a[0]);
    assert_true(b[7] > a[7]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_star_mean_spread),
        cmocka_unit_test(test_path_mean_spread),
        cmocka_unit_test(test_seeds_only),
        cmocka_unit_test(test_complete_network),
        cmocka_unit_test(test_lever),
    };
    return cmocka_run_group_tests_name("cascade", tests, NULL, NULL);
}
