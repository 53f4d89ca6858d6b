/* SPDX-License-Identifier: MIT */
/* test_directions.c - one directional test per lever: moving the lever from
 * a low to a high value moves a named outcome the expected way, on the mean
 * of paired replicates (the same seeds for both values, so the difference is
 * the lever's, not the noise's). The list is the library's
 * (analysis/levers.c), mirrored in docs/MODEL.md ("Directional tests"); a
 * lever of the parameter table with no entry there, or no row in the doc,
 * fails the suite. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/levers.h"
#include "engine/engine.h"
#include "engine/run_struct.h"
#include "scenario/scenario.h"
#include "scenario/scenario_struct.h"

#define NDIR cs_lever_direction_count
#define SEEDS 3

/* The metric for one value of the lever, one seed. */
static double run_one(const cs_lever_direction *dir, const char *value, int64_t seed)
{
    cs_scenario sc;
    cs_diag d;
    cs_diag_init(&d, stderr);
    if (cs_lever_scenario(dir, value, seed, &sc, &d) != 0)
        fail_msg("%s=%s: the scenario is refused", dir->lever, value);
    cs_run r;
    assert_int_equal(cs_run_init(&r, &sc, 2, &d), 0);
    while (r.day < sc.days)
        assert_int_equal(cs_run_step(&r), 0);
    double x = cs_lever_measure(&r, dir->metric);
    cs_run_free(&r);
    cs_scenario_free(&sc);
    return x;
}

static void test_direction(void **state)
{
    const cs_lever_direction *dir = *state;
    double diff = 0, lo_sum = 0, hi_sum = 0;
    for (int64_t seed = 1; seed <= SEEDS; seed++) {
        double lo = run_one(dir, dir->lo, seed), hi = run_one(dir, dir->hi, seed);
        lo_sum += lo;
        hi_sum += hi;
        diff += hi - lo;
    }
    print_message("%-26s %-32s %s=%s: %.6g  %s=%s: %.6g\n", dir->lever,
                  cs_lever_metric_name(dir->metric), dir->lever, dir->lo, lo_sum / SEEDS, dir->lever,
                  dir->hi, hi_sum / SEEDS);
    if (!(diff * dir->sign > 0))
        fail_msg("%s from %s to %s should %s %s (mean difference %.6g)", dir->lever, dir->lo,
                 dir->hi, dir->sign > 0 ? "raise" : "lower", cs_lever_metric_name(dir->metric),
                 diff / SEEDS);
}

/* Every lever of the parameter table has a test here and a row in
 * docs/MODEL.md's table, and every test here is for a lever. */
static void test_every_lever_covered(void **state)
{
    (void)state;
    FILE *f = fopen(CS_SOURCE_DIR "/docs/MODEL.md", "rb");
    assert_non_null(f);
    static char doc[1 << 20];
    size_t n = fread(doc, 1, sizeof doc - 1, f);
    fclose(f);
    doc[n] = '\0';
    for (size_t i = 0; i < cs_param_count(); i++) {
        const cs_param *p = cs_param_at(i);
        if (!(p->flags & CS_P_LEVER))
            continue;
        int found = 0;
        for (size_t k = 0; k < NDIR; k++)
            found |= strcmp(cs_lever_directions[k].lever, p->key) == 0;
        if (!found)
            fail_msg("lever %s has no directional test", p->key);
        char row[160];
        snprintf(row, sizeof row, "\n| `%s` | `direction:%s` |", p->key, p->key);
        if (!strstr(doc, row))
            fail_msg("docs/MODEL.md's directional table has no row for %s (looked for \"%s\")",
                     p->key, row + 1);
    }
    for (size_t k = 0; k < NDIR; k++) {
        int idx = cs_param_find(cs_lever_directions[k].lever);
        if (idx < 0 || !(cs_param_at((size_t)idx)->flags & CS_P_LEVER))
            fail_msg("%s is in the directional table but is not a lever", cs_lever_directions[k].lever);
    }
}

int main(void)
{
    enum { MAX = 128 };
    static struct CMUnitTest tests[MAX + 1];
    static char names[MAX][96];
    if (NDIR > MAX)
        return 1;
    tests[0] = (struct CMUnitTest)cmocka_unit_test(test_every_lever_covered);
    for (size_t k = 0; k < NDIR; k++) {
        snprintf(names[k], sizeof names[k], "direction:%s", cs_lever_directions[k].lever);
        tests[k + 1] = (struct CMUnitTest){names[k], test_direction, NULL, NULL,
                                           (void *)&cs_lever_directions[k]};
    }
    return _cmocka_run_group_tests("directions", tests, NDIR + 1, NULL, NULL);
}
