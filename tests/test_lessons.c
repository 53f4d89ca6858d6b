/* SPDX-License-Identifier: MIT */
/* test_lessons.c - the shipped classroom lessons say what their runs show.
 *
 * Each lesson in scenarios/classroom is played headless, step by step, as
 * the window plays it (cs_lesson_play_steps), on its own seed and on two
 * more. At every step its words are filled from that step's run, and
 * every number must come out (no placeholder left, no "…" where the run
 * has no value). Then the point each lesson makes is checked on the runs:
 * the claims below are what the captions and questions lead a class to,
 * so a change to the model that turns a lesson's point around fails here
 * instead of in front of a class. The runs are deterministic: fixed seeds,
 * no tolerance to flake.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/lesson_play.h"
#include "draw/scene.h"
#include "scenario/columns.h"
#include "scenario/lesson.h"
#include "scenario/scenario.h"
#include "scenario/scenario_struct.h"

#define SRC CS_SOURCE_DIR "/scenarios/classroom/"

enum { MAX_STEPS = 16 };

/* What the steps of one play leave to check: each step's last day, and
 * a copy of the rows of this run and the run before at the last step. */
typedef struct played {
    const cs_lesson *lesson;
    int64_t day[MAX_STEPS + 1];
    cs_day_row *rows, *prev;
    int64_t nrows, nprev;
    int model;
    /* a value asked for at each step's end: column `col`, its day's value */
    int col;
    double at_step[MAX_STEPS + 1];
} played;

/* Every text of the step (and the lesson's about) filled from the step's
 * run: no placeholder and no ellipsis left. */
static void assert_filled(const char *text, const cs_scene *s, const char *what, size_t k)
{
    if (!text)
        return;
    char out[4096];
    cs_lesson_fill(text, s->model_id, s->rows, s->nrows, out, sizeof out);
    if (strchr(out, '{') || strstr(out, "\xe2\x80\xa6")) {
        print_error("step %zu's %s left a number out: \"%s\"\n", k, what, out);
        fail();
    }
}

static int at_step(size_t k, const cs_scene *s, void *ctx)
{
    played *p = ctx;
    assert_true(k <= MAX_STEPS);
    assert_filled(s->step_caption, s, "caption", k);
    assert_filled(s->step_question, s, "question", k);
    if (s->nrows > 0)
        assert_filled(s->info, s, "about", k);
    p->day[k] = s->day;
    p->model = s->model_id;
    const cs_column *c = p->col >= 0 ? cs_column_at(s->model_id, (size_t)p->col) : NULL;
    p->at_step[k] = c && s->nrows ? cs_column_value(c, &s->rows[s->nrows - 1]) : NAN;
    if (k == p->lesson->nsteps) {
        p->nrows = s->nrows;
        p->nprev = s->prev_rows ? s->prev_n : 0;
        p->rows = malloc((size_t)(s->nrows + 1) * sizeof *p->rows);
        p->prev = malloc((size_t)(p->nprev + 1) * sizeof *p->prev);
        assert_non_null(p->rows);
        assert_non_null(p->prev);
        memcpy(p->rows, s->rows, (size_t)s->nrows * sizeof *s->rows);
        if (p->nprev)
            memcpy(p->prev, s->prev_rows, (size_t)p->nprev * sizeof *p->prev);
    }
    return 0;
}

/* Plays file's lesson on `seed` (0: its own), with column `col` read at
 * every step's end; the scenario stays loaded in sc. */
static void play(const char *file, int64_t seed, const char *col, cs_scenario *sc, played *p)
{
    cs_diag d;
    cs_diag_init(&d, stderr);
    assert_int_equal(cs_scenario_init(sc), 0);
    assert_int_equal(cs_scenario_load(sc, file, &d), 0);
    if (seed) {
        char set[48];
        snprintf(set, sizeof set, "seed=%lld", (long long)seed);
        assert_int_equal(cs_scenario_set(sc, set, &d), 0);
    }
    assert_int_equal(cs_scenario_validate(sc, &d), 0);
    assert_int_equal(cs_scenario_check_lesson(sc, &d), 0);
    memset(p, 0, sizeof *p);
    p->lesson = cs_scenario_lesson(sc);
    assert_non_null(p->lesson);
    assert_true(p->lesson->nsteps <= MAX_STEPS);
    p->col = col ? cs_timeseries_column(cs_scenario_model(sc), col) : -1;
    cs_scene s = {0};
    assert_int_equal(cs_lesson_play_steps(sc, 2, p->lesson->nsteps, 0, 0, &s, at_step, p, &d), 0);
    cs_scene_free(&s);
}

static void done(cs_scenario *sc, played *p)
{
    free(p->rows);
    free(p->prev);
    cs_scenario_free(sc);
}

/* Column name's value on day (1-based) of rows, or its total over days
 * from .. to. */
static double on(const played *p, const cs_day_row *rows, const char *name, int64_t day)
{
    const int c = cs_timeseries_column(p->model, name);
    assert_true(c >= 0);
    return cs_column_value(cs_column_at(p->model, (size_t)c), &rows[day - 1]);
}

static double total(const played *p, const cs_day_row *rows, const char *name, int64_t from,
                    int64_t to)
{
    double t = 0;
    for (int64_t d = from; d <= to; d++)
        t += on(p, rows, name, d);
    return t;
}

static double mean(const played *p, const cs_day_row *rows, const char *name, int64_t from,
                   int64_t to)
{
    double t = 0;
    int64_t n = 0;
    for (int64_t d = from; d <= to; d++)
        if (isfinite(on(p, rows, name, d))) {
            t += on(p, rows, name, d);
            n++;
        }
    return n ? t / (double)n : NAN;
}

static const int64_t seeds[] = {0, 2, 3};

/* Trust beats reach: with the same money, the seeded KOCs' notes sell
 * more of the brand than the feed (ads and all) does. */
static void test_word_of_mouth(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
        cs_scenario sc;
        played p;
        play(SRC "word-of-mouth.yaml", seeds[i], NULL, &sc, &p);
        const int64_t end = p.nrows;
        assert_int_equal(end, 120);
        const double koc = total(&p, p.rows, "brand_gmv_koc", 1, end),
                     feed = total(&p, p.rows, "brand_gmv_feed", 1, end),
                     spent_koc = total(&p, p.rows, "brand_spend_koc", 1, end),
                     spent_ads = total(&p, p.rows, "brand_spend_feed", 1, end);
        print_message("word-of-mouth seed %lld: KOC notes %.0f yuan, feed %.0f yuan; spent %.0f "
                      "and %.0f\n",
                      (long long)seeds[i], koc, feed, spent_koc, spent_ads);
        assert_true(koc > feed);
        /* "The same money" */
        assert_true(fabs(spent_koc - spent_ads) < 0.05 * spent_ads);
        done(&sc, &p);
    }
}

/* Group chats: members open the app about three times as often as other
 * users; when nobody writes, the groups die out and the ratio falls. */
static void test_group_chats(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
        cs_scenario sc;
        played p;
        play(SRC "group-chats.yaml", seeds[i], NULL, &sc, &p);
        assert_int_equal(p.nprev, 120); /* the first run, whole, beside the silent one */
        const double loud = mean(&p, p.prev, "opens_ratio_group", 61, 120),
                     quiet = mean(&p, p.rows, "opens_ratio_group", 61, 120);
        print_message("group-chats seed %lld: opens ratio %.2f, silent %.2f; groups %g, silent "
                      "%g\n",
                      (long long)seeds[i], loud, quiet, on(&p, p.prev, "groups", 120),
                      on(&p, p.rows, "groups", 120));
        assert_true(loud > 2.0);
        assert_true(!isfinite(quiet) || quiet < 0.7 * loud);
        assert_true(on(&p, p.rows, "groups", 120) < on(&p, p.prev, "groups", 120));
        done(&sc, &p);
    }
}

/* Over-commercialization: trust falls once ads pass what users tolerate,
 * and after ads go back it comes back far slower than it fell. */
static void test_over_commercialization(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
        cs_scenario sc;
        played p;
        play(SRC "over-commercialization.yaml", seeds[i], "mean_trust", &sc, &p);
        /* Steps 2 and 3 end on days 59 and 120 of the first run. */
        assert_true(p.day[2] == 59 && p.day[3] == 120);
        const double t59 = p.at_step[2], t120 = p.at_step[3];
        const double fell = (on(&p, p.rows, "mean_trust", 59) - on(&p, p.rows, "mean_trust", 100)) / 41,
                     rose = (on(&p, p.rows, "mean_trust", 180) - on(&p, p.rows, "mean_trust", 100)) / 80;
        print_message("over-commercialization seed %lld: trust %.3f on day 59, %.3f on day 120; "
                      "after ads go back, falls %.5f a day and recovers %.5f a day\n",
                      (long long)seeds[i], t59, t120, fell, rose);
        assert_true(t120 < t59 - 0.05);
        assert_true(rose > 0 && fell > 3 * rose);
        done(&sc, &p);
    }
}

/* Circles: memberships grow slowly at first, then as a cascade: more in
 * days 101-200 than three times the first hundred days'. */
static void test_circles_referral(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
        cs_scenario sc;
        played p;
        play(SRC "circles-referral.yaml", seeds[i], "circle_members", &sc, &p);
        assert_true(p.day[2] == 100 && p.day[3] == 200);
        const double m100 = p.at_step[2], m200 = p.at_step[3];
        print_message("circles-referral seed %lld: %g memberships on day 100, %g on day 200\n",
                      (long long)seeds[i], m100, m200);
        assert_true(m100 > 0);
        assert_true(m200 - m100 > 3 * m100);
        done(&sc, &p);
    }
}

/* Bass on a small world: a slow start (under a tenth by day 10), an S
 * whose daily orders peak in between, nearly everyone by day 70. */
static void test_bass_on_networks(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
        cs_scenario sc;
        played p;
        play(SRC "bass-on-networks.yaml", seeds[i], "buyers", &sc, &p);
        assert_true(p.day[2] == 10 && p.day[4] == 70);
        int64_t peak = 1;
        for (int64_t d = 1; d <= p.nrows; d++)
            if (on(&p, p.rows, "orders", d) > on(&p, p.rows, "orders", peak))
                peak = d;
        print_message("bass-on-networks seed %lld: %g buyers on day 10, %g on day 70, most orders "
                      "on day %lld\n",
                      (long long)seeds[i], p.at_step[2], p.at_step[4], (long long)peak);
        assert_true(p.at_step[2] < 200);
        assert_true(p.at_step[4] > 1900);
        assert_true(peak > 10 && peak < 60);
        done(&sc, &p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_word_of_mouth),
        cmocka_unit_test(test_group_chats),
        cmocka_unit_test(test_over_commercialization),
        cmocka_unit_test(test_circles_referral),
        cmocka_unit_test(test_bass_on_networks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
