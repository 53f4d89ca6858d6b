/* SPDX-License-Identifier: MIT */
/* test_bass.c - Bass diffusion against its closed forms. */
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
#include "scenario/scenario.h"
#include "engine/run_struct.h"

static int long_mode(void)
{
    const char *s = getenv("CIRCLESIM_LONG");
    return s && strcmp(s, "1") == 0;
}

/* A scenario from YAML text (relative paths against the current folder). */
static void load_yaml(cs_scenario *sc, const char *yaml, cs_diag *d)
{
    assert_int_equal(cs_scenario_init(sc), 0);
    assert_int_equal(cs_scenario_load_text(sc, "test.yaml", yaml, strlen(yaml), ".", d), 0);
}

/* Runs a scenario given as YAML text with the given seed and threads;
 * buyers[t] receives cumulative buyers after day t + 1. */
static void run_text(const char *yaml, int64_t seed, int threads, int64_t *buyers, int64_t days)
{
    cs_scenario sc;
    cs_diag d;
    cs_diag_init(&d, stderr);
    load_yaml(&sc, yaml, &d);
    char set[64];
    snprintf(set, sizeof set, "seed=%lld", (long long)seed);
    assert_int_equal(cs_scenario_set(&sc, set, &d), 0);
    snprintf(set, sizeof set, "days=%lld", (long long)days);
    assert_int_equal(cs_scenario_set(&sc, set, &d), 0);
    assert_int_equal(cs_scenario_validate(&sc, &d), 0);
    cs_run r;
    assert_int_equal(cs_run_init(&r, &sc, threads, &d), 0);
    for (int64_t t = 0; t < days; t++) {
        assert_int_equal(cs_run_step(&r), 0);
        buyers[t] = r.rows[t].buyers;
        /* Pictures show as many buyers as the rows count. */
        int64_t shown = 0;
        for (uint32_t u = 0; u < r.net.n; u++) {
            cs_user_view v;
            cs_run_view_user(&r, u, &v);
            shown += v.stage == CS_STAGE_BOUGHT;
        }
        assert_int_equal(shown, buyers[t]);
        cs_funnel f;
        cs_run_funnel(&r, &f);
        assert_int_equal(f.bought, buyers[t]);
        assert_int_equal(f.showed, -1);
        /* Contract: textbook models make one order per new buyer. */
        assert_int_equal(r.rows[t].orders, buyers[t] - (t ? buyers[t - 1] : 0));
        assert_int_equal(r.rows[t].gmv_fen, r.rows[t].orders * (int64_t)llround(sc.price * 100));
    }
    cs_run_free(&r);
    cs_scenario_free(&sc);
}

static void test_probability_rule(void **state)
{
    (void)state;
    assert_true(cs_bass_probability(0.03, 0.38, 0, 10) == 0.03);
    assert_true(fabs(cs_bass_probability(0.03, 0.38, 5, 10) - (0.03 + 0.19)) < 1e-15);
    assert_true(cs_bass_probability(0.03, 0.38, 0, 0) == 0.03); /* no ties: no share */
    assert_true(cs_bass_probability(0.9, 0.9, 10, 10) == 1.0);  /* capped */
}

/* Mean of R replicates on a complete network against the discrete Bass
 * recursion A_t = A_{t-1} + (N - A_{t-1})(p + q A_{t-1}/N).
 *
 * Tolerance: the recursion is nonlinear in A, so the exact mean sits below
 * it by about (q/N) Var(A_{t-1}), a few buyers at N = 10 000; and the mean
 * of R replicates has standard error sd_t / sqrt(R). We accept
 * |mean - recursion| <= 4 SE + 10 buyers (0.1% of N) on every day: tight
 * enough that the same data is rejected against q = 0.36 (asserted below),
 * loose enough that a correct engine passes with overwhelming probability.
 * The seeds are fixed, so the test never flakes. */
static void test_docking_complete_network(void **state)
{
    (void)state;
    const char *yaml = "model: bass\npopulation:\n  size: 10000\nnetwork:\n  kind: complete\n"
                       "bass:\n  p: 0.03\n  q: 0.38\n";
    const int R = long_mode() ? 200 : 40;
    const int64_t T = 40;
    const double N = 10000, p = 0.03, q = 0.38;
    double *sum = calloc((size_t)T, sizeof *sum), *sum2 = calloc((size_t)T, sizeof *sum2);
    int64_t buyers[40];
    for (int rep = 0; rep < R; rep++) {
        run_text(yaml, 1000 + rep, 2, buyers, T);
        for (int64_t t = 0; t < T; t++) {
            sum[t] += (double)buyers[t];
            sum2[t] += (double)buyers[t] * (double)buyers[t];
        }
    }
    double a = 0, a_wrong = 0, worst = 0;
    int wrong_rejected = 0;
    for (int64_t t = 0; t < T; t++) {
        a = a + (N - a) * (p + q * a / N);
        a_wrong = a_wrong + (N - a_wrong) * (p + 0.36 * a_wrong / N);
        double mean = sum[t] / R;
        double var = (sum2[t] - R * mean * mean) / (R - 1);
        double tol = 4 * sqrt(var / R) + 10;
        if (fabs(mean - a) > tol)
            fail_msg("day %lld: mean %.1f vs recursion %.1f (tolerance %.1f)", (long long)t + 1,
                     mean, a, tol);
        wrong_rejected |= fabs(mean - a_wrong) > tol;
        if (fabs(mean - a) / tol > worst)
            worst = fabs(mean - a) / tol;
    }
    print_message("Bass docking: %d replicates, largest deviation %.2f of the tolerance\n", R,
                  worst);
    assert_true(wrong_rejected);
    /* At saturation everyone has bought. */
    assert_true(sum[T - 1] / R > N - 1);
    free(sum);
    free(sum2);
}

/* With q = 0 word of mouth is off and every network gives the same
 * binomial: E[A_t] = N (1 - (1 - p)^t). */
static void test_innovation_only_any_network(void **state)
{
    (void)state;
    const char *yaml = "model: bass\npopulation:\n  size: 20000\nnetwork:\n  kind: barabasi_albert\n"
                       "  m: 3\nbass:\n  p: 0.02\n  q: 0\n";
    const int64_t T = 30;
    int64_t buyers[30];
    run_text(yaml, 3, 2, buyers, T);
    for (int64_t t = 0; t < T; t++) {
        double expect = 20000 * (1 - pow(0.98, (double)(t + 1)));
        /* Binomial sd is at most sqrt(20000/4) = 71: allow 5 sd. */
        assert_true(fabs((double)buyers[t] - expect) < 355);
    }
}

/* The thread count changes nothing. */
static void test_threads_do_not_change_results(void **state)
{
    (void)state;
    const char *yaml = "model: bass\npopulation:\n  size: 30000\nnetwork:\n  kind: watts_strogatz\n"
                       "  k: 6\n  beta: 0.2\nbass:\n  p: 0.005\n  q: 0.4\n";
    int64_t one[50], two[50], again[50];
    run_text(yaml, 11, 1, one, 50);
    run_text(yaml, 11, 2, two, 50);
    run_text(yaml, 11, 2, again, 50);
    assert_memory_equal(one, two, sizeof one);
    assert_memory_equal(two, again, sizeof two);
    int64_t other[50];
    run_text(yaml, 12, 2, other, 50);
    assert_true(memcmp(one, other, sizeof one) != 0);
}

/* Runs text for `days` days and returns the rows (caller frees). */
static cs_day_row *rows_of(const char *yaml, int64_t days)
{
    cs_scenario sc;
    cs_diag d;
    cs_diag_init(&d, stderr);
    load_yaml(&sc, yaml, &d);
    assert_int_equal(cs_scenario_validate(&sc, &d), 0);
    const double q_given = sc.bass_q, price_given = sc.price;
    cs_run r;
    assert_int_equal(cs_run_init(&r, &sc, 2, &d), 0);
    while (r.day < days)
        assert_int_equal(cs_run_step(&r), 0);
    cs_day_row *rows = malloc((size_t)days * sizeof *rows);
    memcpy(rows, r.rows, (size_t)days * sizeof *rows);
    /* The scenario as given is untouched by the run's interventions. */
    assert_true(sc.bass_q == q_given && sc.price == price_given);
    cs_run_free(&r);
    cs_scenario_free(&sc);
    return rows;
}

/* Interventions: a lever set from day d changes nothing before d, and a run
 * is the same whether a value is set on day 1 or given from the start (each
 * user's draw depends on seed, day and user only, never on parameters). */
static void test_interventions(void **state)
{
    (void)state;
    const char *base = "model: bass\ndays: 40\npopulation:\n  size: 20000\nnetwork:\n"
                       "  kind: barabasi_albert\nbass:\n  p: 0.005\n  q: 0.3\n";
    char text[512];
    cs_day_row *plain = rows_of(base, 40);

    snprintf(text, sizeof text, "%sinterventions:\n  - day: 20\n    set: {bass.q: 0.8}\n", base);
    cs_day_row *later = rows_of(text, 40);
    assert_memory_equal(plain, later, 19 * sizeof *plain);
    assert_true(memcmp(&plain[19], &later[19], sizeof *plain) != 0);
    assert_true(later[39].buyers > plain[39].buyers);

    snprintf(text, sizeof text, "%sinterventions:\n  - day: 1\n    set: {bass.q: 0.8}\n", base);
    cs_day_row *first = rows_of(text, 40);
    char same[512];
    snprintf(same, sizeof same, "%.*s  q: 0.8\n", (int)(strstr(base, "  q:") - base), base);
    cs_day_row *start = rows_of(same, 40);
    assert_memory_equal(first, start, 40 * sizeof *first);

    /* Price from day 10: that day's GMV is its orders at the new price. */
    snprintf(text, sizeof text, "%sinterventions:\n  - day: 10\n    set: {price: 80}\n", base);
    cs_day_row *priced = rows_of(text, 40);
    assert_int_equal(priced[8].gmv_fen, priced[8].orders * 10000);
    assert_int_equal(priced[9].gmv_fen, priced[9].orders * 8000);
    assert_int_equal(priced[9].orders, plain[9].orders);

    free(later);
    free(first);
    free(start);
    free(priced);

    /* Every lever of the Bass model is read afresh each day: changed on day
     * 15 it leaves days 1-14 alone and changes what follows. */
    const char *keys[] = {"price", "bass.p", "bass.q"};
    const double values[] = {55, 0.02, 0.9};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        int idx = cs_param_find(keys[k]);
        assert_true(idx >= 0 && (cs_param_at((size_t)idx)->flags & CS_P_LEVER));
        snprintf(text, sizeof text, "%sinterventions:\n  - day: 15\n    set: {%s: %g}\n", base,
                 keys[k], values[k]);
        cs_day_row *changed = rows_of(text, 40);
        assert_memory_equal(plain, changed, 14 * sizeof *plain);
        if (memcmp(&plain[14], &changed[14], 26 * sizeof *plain) == 0)
            fail_msg("lever %s changed on day 15 changed nothing", keys[k]);
        free(changed);
    }
    /* And the table has no other lever for this model unless listed here. */
    int bass_levers = 0;
    for (size_t i = 0; i < cs_param_count(); i++)
        bass_levers += (cs_param_at(i)->flags & CS_P_LEVER) && (cs_param_at(i)->models & CS_M_BASS);
    assert_int_equal(bass_levers, 3);
    free(plain);
}

/* A lever changed live (the visualizer's slider) acts from the next day and
 * is recorded so that the run's scenario replays it: the rows equal those of
 * the same change written as an intervention. */
static void test_lever_set_live(void **state)
{
    (void)state;
    const char *base = "model: bass\ndays: 30\npopulation:\n  size: 10000\nnetwork:\n"
                       "  kind: watts_strogatz\n  k: 6\nbass:\n  p: 0.01\n  q: 0.3\n";
    cs_scenario sc;
    cs_diag d;
    cs_diag_init(&d, stderr);
    load_yaml(&sc, base, &d);
    assert_int_equal(cs_scenario_validate(&sc, &d), 0);
    cs_run r;
    assert_int_equal(cs_run_init(&r, &sc, 2, &d), 0);
    int q = cs_param_find("bass.q");
    while (r.day < 10)
        assert_int_equal(cs_run_step(&r), 0);
    assert_int_equal(cs_run_set_lever_at(&r, q, 0.5, &d), 0);
    assert_int_equal(cs_run_set_lever_at(&r, q, 0.8, &d), 0); /* same day: replaces */
    while (r.day < 30)
        assert_int_equal(cs_run_step(&r), 0);
    assert_true(sc.bass_q == 0.3);                         /* the given scenario */
    assert_int_equal(cs_run_set_lever_at(&r, q, 0.1, &d), CS_ERR_INPUT); /* run is over */

    cs_scenario view = cs_run_scenario(&r);
    char *yaml = cs_scenario_to_yaml(&view, 0);
    assert_non_null(strstr(yaml, "interventions:\n  - day: 11\n    set: {bass.q: 0.8}\n"));
    free(yaml);

    char text[512];
    snprintf(text, sizeof text, "%sinterventions:\n  - day: 11\n    set: {bass.q: 0.8}\n", base);
    cs_day_row *replay = rows_of(text, 30);
    assert_memory_equal(r.rows, replay, 30 * sizeof *replay);
    free(replay);
    cs_run_free(&r);
    cs_scenario_free(&sc);

    /* Not a lever, or out of range: refused. */
    load_yaml(&sc, base, &d);
    assert_int_equal(cs_run_init(&r, &sc, 1, &d), 0);
    FILE *quiet = fopen("/dev/null", "w");
    cs_diag qd;
    cs_diag_init(&qd, quiet);
    assert_int_equal(cs_run_set_lever_at(&r, cs_param_find("network.k"), 4, &qd), CS_ERR_INPUT);
    assert_int_equal(cs_run_set_lever_at(&r, q, 1.5, &qd), CS_ERR_INPUT);
    assert_int_equal(cs_run_set_lever_at(&r, cs_param_find("price"), 9.999, &qd), CS_ERR_INPUT);
    assert_int_equal(qd.errors, 3);
    fclose(quiet);
    cs_run_free(&r);
    cs_scenario_free(&sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_probability_rule),
        cmocka_unit_test(test_docking_complete_network),
        cmocka_unit_test(test_innovation_only_any_network),
        cmocka_unit_test(test_threads_do_not_change_results),
        cmocka_unit_test(test_interventions),
        cmocka_unit_test(test_lever_set_live),
    };
    return cmocka_run_group_tests_name("bass", tests, NULL, NULL);
}
