/* SPDX-License-Identifier: MIT */
/* test_controls.c - the visualizer's sliders: a lesson's own, in its
 * language; the usual ones never past what the world holds; and sliders
 * that follow the levers as interventions move them. */
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

#include "controls.h"
#include "guide.h"
#include "sim.h"
#include "draw/lesson_play.h"
#include "draw/palette.h"
#include "scenario/scenario.h"
#include "scenario/scenario_struct.h"

static void load(cs_scenario *sc, const char *yaml)
{
    cs_diag d;
    cs_diag_init(&d, stderr);
    assert_int_equal(cs_scenario_init(sc), 0);
    assert_int_equal(cs_scenario_load_text(sc, "t.yaml", yaml, strlen(yaml), ".", &d), 0);
    assert_int_equal(cs_scenario_validate(sc, &d), 0);
}

static const cs_slider *find(const cs_controls *c, const char *key)
{
    for (int i = 0; i < c->nsliders; i++)
        if (!strcmp(cs_param_at((size_t)c->slider[i].param)->key, key))
            return &c->slider[i];
    return NULL;
}

static void test_lesson_sliders(void **state)
{
    (void)state;
    cs_scenario sc;
    load(&sc, "population: {size: 2000}\nfeed: {ad_load: 0.1}\n"
              "lesson:\n  title: {en: T, zh: 题}\n  sliders:\n"
              "    - {key: feed.ad_load, min: 0, max: 0.3, step: 0.05, label: {en: Ads, zh: 广告}}\n");
    cs_controls c;
    cs_controls_init(&c, &sc, "zh");
    assert_int_equal(c.nsliders, 1); /* the lesson's, not the usual five */
    assert_string_equal(c.slider[0].label, "广告");
    assert_true(c.slider[0].lo == 0 && c.slider[0].hi == 0.3 && c.slider[0].step == 0.05);
    assert_true(fabs(c.slider[0].value - 0.1) < 1e-12);
    cs_controls_init(&c, &sc, NULL);
    assert_string_equal(c.slider[0].label, "Ads");
    cs_scenario_free(&sc);
}

static void test_usual_sliders_fit_the_world(void **state)
{
    (void)state;
    cs_scenario sc;
    /* 89 KOCs (1 780 x 0.05): the KOC slider stops there, not at 500. */
    load(&sc, "population: {size: 1780}\n");
    cs_controls c;
    cs_controls_init(&c, &sc, NULL);
    const cs_slider *k = find(&c, "brand.koc_seeds");
    assert_non_null(k);
    assert_true(k->hi == 89);
    /* The sliders follow the levers as the run stands, but one the user
     * just let go of keeps its setting until the run takes it. */
    double lever[256];
    for (size_t i = 0; i < cs_param_count(); i++)
        lever[i] = cs_scenario_lever(&sc, (int)i);
    const int ad = cs_param_find("feed.ad_load");
    lever[ad] = 0.3; /* an intervention raised it */
    cs_controls_follow(&c, lever, cs_param_count(), 10000);
    assert_true(fabs(find(&c, "feed.ad_load")->value - 0.3) < 1e-12);
    cs_slider *s = (cs_slider *)find(&c, "feed.ad_load");
    s->value = 0.1;
    s->moved_at = 9500;
    cs_controls_follow(&c, lever, cs_param_count(), 10000);
    assert_true(fabs(s->value - 0.1) < 1e-12);
    cs_controls_follow(&c, lever, cs_param_count(), 12000);
    assert_true(fabs(s->value - 0.3) < 1e-12);
    cs_scenario_free(&sc);
}

/* Waits (at most 60 s) until the published scene is of `day`. */
static void wait_for_day(cs_sim *s, cs_scene *scene, uint64_t *seen, int64_t day)
{
    char status[256];
    for (int i = 0; i < 6000; i++) {
        cs_sim_fetch(s, scene, seen, status);
        if (scene->day == day)
            return;
        SDL_Delay(10);
    }
    fail_msg("the run never reached day %lld (it is on day %lld)", (long long)day,
             (long long)scene->day);
}

/* A lesson's step in the window: the thread runs to the step's day and
 * waits there; a restart with a lever runs again from day 1 to the next
 * step's day, the run before kept for compare, the lever set from day 1. */
static void test_sim_runs_to_a_step(void **state)
{
    (void)state;
    cs_scenario sc;
    load(&sc, "days: 30\nwarmup_days: 3\npopulation: {size: 800}\n");
    cs_sim s;
    memset(&s, 0, sizeof s);
    s.days_per_second = 0; /* flat out */
    assert_int_equal(cs_sim_start(&s, &sc, 1), 0);
    cs_scene scene = {0};
    uint64_t seen = 0;
    cs_sim_run_to(&s, 10);
    wait_for_day(&s, &scene, &seen, 10);
    SDL_Delay(200);
    char status[256];
    cs_sim_fetch(&s, &scene, &seen, status);
    assert_int_equal(scene.day, 10); /* it waits there */
    const int ad = cs_param_find("feed.ad_load");
    cs_sim_lever(&s, ad, 0.3);
    cs_sim_restart(&s, 0);
    cs_sim_run_to(&s, 5);
    wait_for_day(&s, &scene, &seen, 5);
    assert_int_equal(scene.prev_n, 10);
    assert_true(fabs(scene.lever[ad] - 0.3) < 1e-12);
    cs_sim_stop(&s);
    cs_scene_free(&scene);
    cs_scenario_free(&sc);
}

/* The guide drives the thread as the window does: until it is idle, the
 * scene fetched and the guide told after each fetch (and each pass, while
 * it replays). */
static void settle(cs_guide *g, cs_sim *s, cs_scene *scene, uint64_t *seen, int *compare)
{
    char status[256];
    for (int i = 0; i < 6000; i++) {
        cs_guide_follow(g, s, scene, compare);
        if (cs_sim_fetch(s, scene, seen, status))
            cs_guide_follow(g, s, scene, compare);
        if (g->replay_to == 0 && cs_sim_idle(s)) {
            cs_sim_fetch(s, scene, seen, status);
            cs_guide_follow(g, s, scene, compare);
            return;
        }
        SDL_Delay(10);
    }
    fail_msg("the guide never settled (step %d, replaying to %d, day %lld)", g->step, g->replay_to,
             (long long)scene->day);
}

/* Back a step in the window: the lesson replayed from scratch to the step
 * before ends where playing the lesson to that step headless ends (the
 * same rows, the run before, the levers, the words), and the pace the
 * class had comes back. */
static void test_guide_back_a_step(void **state)
{
    (void)state;
    cs_scenario sc;
    load(&sc, "name: back\ndays: 30\nwarmup_days: 3\npopulation: {size: 800}\n"
              "lesson:\n  title: T\n  steps:\n"
              "    - {caption: start}\n"
              "    - {day: 8, caption: eight}\n"
              "    - {day: 12, set: {feed.ad_load: 0.3}, caption: ads up}\n"
              "    - {restart: true, set: {feed.ad_load: 0.05}, caption: again}\n"
              "    - {day: 10, caption: 'compare {dau}'}\n");
    cs_sim s;
    memset(&s, 0, sizeof s);
    assert_int_equal(cs_sim_start(&s, &sc, 1), 0);
    cs_sim_speed(&s, 0);
    cs_guide g = {.lesson = cs_scenario_lesson(&sc)};
    cs_scene scene = {0};
    uint64_t seen = 0;
    int compare = 0;
    for (int k = 0; k < 5; k++) {
        assert_int_equal(cs_guide_next(&g, &s, &compare), 1);
        settle(&g, &s, &scene, &seen, &compare);
    }
    assert_int_equal(cs_guide_next(&g, &s, &compare), 0); /* the last */
    assert_true(scene.day == 10 && scene.prev_n == 12 && compare);
    const int ad = cs_param_find("feed.ad_load");
    /* Back to step 4: the restart, run to day 0 with the run before kept. */
    cs_sim_speed(&s, 7);
    assert_int_equal(cs_guide_back(&g, &s, 7, &compare), 1);
    settle(&g, &s, &scene, &seen, &compare);
    assert_int_equal(g.step, 4);
    assert_true(s.days_per_second == 7); /* the pace is back */
    cs_scene want = {0};
    cs_diag d;
    cs_diag_init(&d, stderr);
    assert_int_equal(cs_lesson_play(&sc, 1, 4, 0, 0, &want, &d), 0);
    assert_int_equal(scene.day, want.day);
    assert_int_equal(scene.prev_n, want.prev_n);
    assert_memory_equal(scene.prev_rows, want.prev_rows, (size_t)want.prev_n * sizeof *want.prev_rows);
    /* On day 0 of the new run: the step's 0.05 takes effect from day 1. */
    assert_true(fabs(scene.lever[ad] - want.lever[ad]) < 1e-12);
    assert_string_equal(scene.step_caption, "again");
    assert_int_equal(compare, 1);
    cs_scene_free(&want);
    /* Back twice more, to step 2: no run kept, the scenario's own ads. */
    assert_int_equal(cs_guide_back(&g, &s, 7, &compare), 1);
    settle(&g, &s, &scene, &seen, &compare);
    assert_int_equal(cs_guide_back(&g, &s, 7, &compare), 1);
    settle(&g, &s, &scene, &seen, &compare);
    assert_int_equal(g.step, 2);
    assert_int_equal(cs_lesson_play(&sc, 1, 2, 0, 0, &want, &d), 0);
    assert_true(scene.day == 8 && want.day == 8);
    assert_int_equal(scene.prev_n, 0);
    assert_memory_equal(scene.rows, want.rows, 8 * sizeof *want.rows);
    assert_true(fabs(scene.lever[ad] - 0.08) < 1e-12);
    assert_int_equal(compare, 0);
    cs_scene_free(&want);
    /* At the first step there is no going back. */
    assert_int_equal(cs_guide_back(&g, &s, 7, &compare), 1);
    settle(&g, &s, &scene, &seen, &compare);
    assert_int_equal(g.step, 1);
    assert_int_equal(cs_guide_back(&g, &s, 7, &compare), 0);
    cs_sim_stop(&s);
    cs_scene_free(&scene);
    cs_scenario_free(&sc);
}

/* No two of the controls overlap, and all are inside area. */
static void assert_apart(const cs_controls *c, SDL_Rect area)
{
    SDL_Rect r[CS_ACT_COUNT + CS_MAX_SLIDERS];
    int n = 0;
    for (int a = 1; a < CS_ACT_COUNT; a++)
        if (c->button[a].w > 0)
            r[n++] = c->button[a];
    for (int i = 0; i < c->nsliders; i++)
        r[n++] = c->slider[i].box;
    for (int i = 0; i < n; i++) {
        assert_true(r[i].x >= area.x && r[i].x + r[i].w <= area.x + area.w);
        for (int j = 0; j < i; j++)
            assert_false(SDL_HasIntersection(&r[i], &r[j]));
    }
}

/* On a projector the controls keep to one row: the buttons a class needs
 * (no keys in their words) and the lesson's sliders beside them, on a
 * 1920-pixel screen; on the screen, every button and slider fits, apart. */
static void test_projector_controls_one_row(void **state)
{
    (void)state;
    cs_scenario sc;
    load(&sc, "population: {size: 2000}\nbrand: {koc_seeds: 10}\n"
              "lesson:\n  title: T\n  sliders:\n"
              "    - {key: brand.koc_seeds, min: 0, max: 40, label: KOCs given the product}\n"
              "    - {key: brand.ad_budget, min: 0, max: 100, label: Feed ads a day}\n");
    cs_diag d;
    cs_diag_init(&d, stderr);
    cs_controls c;
    cs_controls_init(&c, &sc, NULL);
    cs_fonts f;
    const cs_style pro = cs_style_projector(1);
    assert_int_equal(cs_fonts_open(&f, pro.scale, &d), 0);
    cs_controls_state on = {.projector = 1};
    const SDL_Rect wide = {0, 0, 1920, 400};
    const int h = cs_controls_layout(&c, &f, &pro, &on, wide);
    const int row = c.button[CS_ACT_PLAY].h + 2 * (int)(8 * pro.scale);
    assert_int_equal(h, row);
    assert_int_equal(c.button[CS_ACT_QUIT].w, 0); /* q still quits */
    assert_true(c.slider[1].box.y == c.button[CS_ACT_PLAY].y);
    assert_apart(&c, wide);
    cs_fonts_close(&f);
    const cs_style screen = cs_style_screen(1);
    assert_int_equal(cs_fonts_open(&f, screen.scale, &d), 0);
    cs_controls_state off = {0};
    const SDL_Rect laptop = {0, 0, 1280, 400};
    assert_true(cs_controls_layout(&c, &f, &screen, &off, laptop) > 0);
    assert_true(c.button[CS_ACT_QUIT].w > 0 && c.button[CS_ACT_GLOSSARY].w > 0);
    assert_apart(&c, laptop);
    cs_fonts_close(&f);
    cs_scenario_free(&sc);
}

/* Another kind of network from the window: the run starts again on it,
 * the run before kept; a kind the scenario cannot take (an edge list
 * without its file) is refused with the reason, the network left as it was. */
static void test_sim_switches_network(void **state)
{
    (void)state;
    cs_scenario sc;
    load(&sc, "model: bass\ndays: 12\npopulation: {size: 400}\n"
              "network: {kind: watts_strogatz, k: 6, beta: 0.1}\n");
    cs_sim s;
    memset(&s, 0, sizeof s);
    assert_int_equal(cs_sim_start(&s, &sc, 1), 0);
    cs_sim_speed(&s, 0);
    cs_scene scene = {0};
    uint64_t seen = 0;
    cs_sim_run_to(&s, 12);
    wait_for_day(&s, &scene, &seen, 12);
    assert_int_equal(scene.net_kind, CS_NET_WATTS_STROGATZ);
    cs_sim_network(&s, CS_NET_ERDOS_RENYI);
    cs_sim_run_to(&s, 4);
    char status[256];
    for (int i = 0; i < 3000 && !(cs_sim_idle(&s) && scene.net_kind == CS_NET_ERDOS_RENYI); i++) {
        cs_sim_fetch(&s, &scene, &seen, status);
        SDL_Delay(10);
    }
    assert_int_equal(scene.net_kind, CS_NET_ERDOS_RENYI);
    assert_int_equal(scene.prev_n, 12); /* the small world's run, kept */
    cs_sim_network(&s, CS_NET_EDGELIST);
    for (int i = 0; i < 3000 && !(cs_sim_idle(&s) && strstr(status, "cannot")); i++) {
        cs_sim_fetch(&s, &scene, &seen, status);
        SDL_Delay(10);
    }
    assert_non_null(strstr(status, "that network cannot be used here"));
    assert_int_equal(cs_scenario_network_kind(&sc), CS_NET_ERDOS_RENYI);
    /* Going back to the start: the network it began on, nothing kept. */
    cs_sim_rewind(&s);
    cs_sim_run_to(&s, 3);
    for (int i = 0; i < 3000 && !(cs_sim_idle(&s) && scene.net_kind == CS_NET_WATTS_STROGATZ &&
                                  scene.day == 3);
         i++) {
        cs_sim_fetch(&s, &scene, &seen, status);
        SDL_Delay(10);
    }
    assert_int_equal(scene.net_kind, CS_NET_WATTS_STROGATZ);
    assert_true(scene.prev_n == 0 && scene.nolder == 0);
    cs_sim_stop(&s);
    cs_scene_free(&scene);
    cs_scenario_free(&sc);
}

/* The next lesson in a folder, by name and wrapping round, skipping what
 * is no lesson (a plain scenario, a broken file)
 * and the file itself. */
static void test_next_lesson(void **state)
{
    (void)state;
    char path[4352];
    cs_scenario *sc = cs_next_lesson(CS_SOURCE_DIR "/scenarios/classroom/bass-on-networks.yaml",
                                     path, sizeof path);
    assert_non_null(sc);
    assert_non_null(strstr(path, "/scenarios/classroom/circles-referral.yaml"));
    cs_scenario_close(sc);
    sc = cs_next_lesson(CS_SOURCE_DIR "/scenarios/classroom/word-of-mouth.yaml", path, sizeof path);
    assert_non_null(sc);
    assert_non_null(strstr(path, "/bass-on-networks.yaml")); /* round again */
    cs_scenario_close(sc);
    /* A folder of its own: a broken file and a plain scenario are passed. */
    char dir[] = "/tmp/cs-next-lesson-XXXXXX";
    assert_non_null(mkdtemp(dir));
    static const struct {
        const char *name, *text;
    } files[] = {{"a.yaml", "days: 5\npopulation: {size: 200}\nlesson: {title: A}\n"},
                 {"b.yaml", "days: [\n"},
                 {"c.yaml", "days: 5\npopulation: {size: 200}\n"},
                 {"d.yaml", "days: 5\npopulation: {size: 200}\nlesson: {title: D}\n"}};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char p[512];
        snprintf(p, sizeof p, "%s/%s", dir, files[i].name);
        FILE *f = fopen(p, "w");
        assert_non_null(f);
        fputs(files[i].text, f);
        fclose(f);
    }
    char a[512];
    snprintf(a, sizeof a, "%s/a.yaml", dir);
    sc = cs_next_lesson(a, path, sizeof path);
    assert_non_null(sc);
    assert_non_null(strstr(path, "/d.yaml"));
    cs_scenario_close(sc);
    snprintf(a, sizeof a, "%s/d.yaml", dir);
    sc = cs_next_lesson(a, path, sizeof path);
    assert_non_null(strstr(path, "/a.yaml"));
    cs_scenario_close(sc);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char p[512];
        snprintf(p, sizeof p, "%s/%s", dir, files[i].name);
        unlink(p);
    }
    snprintf(a, sizeof a, "%s/d.yaml", dir);
    assert_null(cs_next_lesson(a, path, sizeof path)); /* none left */
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lesson_sliders),
        cmocka_unit_test(test_usual_sliders_fit_the_world),
        cmocka_unit_test(test_sim_runs_to_a_step),
        cmocka_unit_test(test_guide_back_a_step),
        cmocka_unit_test(test_projector_controls_one_row),
        cmocka_unit_test(test_sim_switches_network),
        cmocka_unit_test(test_next_lesson),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
