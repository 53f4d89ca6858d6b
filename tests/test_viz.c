/* SPDX-License-Identifier: MIT */
/* test_viz.c - the visualizer's panels, drawn offscreen and checked pixel by
 * pixel: the colour mapping, convex hulls, the network view kept in step
 * with a run, the frame's legend (a swatch and words per funnel stage), the
 * GMV curve's rising shape, a Chinese scenario name drawn as glyphs, and the
 * same picture whatever the thread count. */
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

#include <SDL_image.h>

#include "draw/canvas.h"
#include "engine/engine.h"
#include "engine/run_struct.h"
#include "draw/draw.h"
#include "draw/frame.h"
#include "draw/glossary.h"
#include "draw/lesson_play.h"
#include "draw/netview.h"
#include "draw/palette.h"
#include "draw/panels.h"
#include "draw/render.h"
#include "draw/scene.h"
#include "draw/words.h"

/* Small enough for the sanitizer build, busy enough to have group chats,
 * circles, KOCs and sales through friends within a few weeks. */
static const char busy_yaml[] =
    "name: busy\nmodel: platform\ndays: 30\nwarmup_days: 10\n"
    "population: {size: 2000, tags: 100}\nmarket: {merchants: 12}\n"
    "circles: {launch_day: 3, first_batch: 300}\n" /* 6 circles: quoted per 100 000 */
    "brand: {koc_seeds: 20, seed_by: degree, kol_posts: 5, groups: 3, strategy: inverted,\n"
    "        phase2_day: 5, phase3_day: 10}\n"
    "interventions:\n  - {day: 12, set: {feed.ad_load: 0.2}}\n";

static void load(cs_scenario *sc, const char *yaml, const char *name)
{
    cs_diag d;
    cs_diag_init(&d, stderr);
    assert_int_equal(cs_scenario_init(sc), 0);
    assert_int_equal(cs_scenario_load_text(sc, "test.yaml", yaml, strlen(yaml), ".", &d), 0);
    if (name) {
        char set[128];
        snprintf(set, sizeof set, "name=\"%s\"", name);
        assert_int_equal(cs_scenario_set(sc, set, &d), 0);
    }
    assert_int_equal(cs_scenario_validate(sc, &d), 0);
}

/* A run of yaml (loaded into sc) on one thread, `days` days in. */
static cs_run *open_run(cs_scenario *sc, const char *yaml, int days)
{
    cs_diag d;
    cs_diag_init(&d, stderr);
    load(sc, yaml, NULL);
    int rc = 0;
    cs_run *r = cs_run_open_within(sc, 1, 0, 0, &rc, &d);
    assert_int_equal(rc, 0);
    for (int day = 0; day < days; day++)
        assert_int_equal(cs_run_step(r), 0);
    return r;
}

static SDL_Color px(SDL_Surface *s, int x, int y)
{
    Uint32 v = ((Uint32 *)s->pixels)[y * (s->pitch / 4) + x];
    SDL_Color c;
    SDL_GetRGBA(v, s->format, &c.r, &c.g, &c.b, &c.a);
    return c;
}

static int same(SDL_Color a, SDL_Color b)
{
    return abs(a.r - b.r) <= 2 && abs(a.g - b.g) <= 2 && abs(a.b - b.b) <= 2;
}

static int dark(SDL_Color c)
{
    return c.r < 110 && c.g < 110 && c.b < 110;
}

static int count_colour(SDL_Surface *s, SDL_Rect box, SDL_Color c)
{
    int n = 0;
    for (int y = box.y; y < box.y + box.h; y++)
        for (int x = box.x; x < box.x + box.w; x++)
            n += same(px(s, x, y), c);
    return n;
}

static void test_palette(void **state)
{
    (void)state;
    /* Every stage a user can be drawn in has its own opaque colour, far
     * enough from the others and from the white panel to tell apart. */
    for (int a = CS_STAGE_UNAWARE; a < CS_STAGE_COUNT; a++) {
        SDL_Color c = cs_stage_color(a);
        assert_int_equal(c.a, 255);
        assert_true(strlen(cs_stage_label(a)) > 0);
        assert_true(0.299 * c.r + 0.587 * c.g + 0.114 * c.b < 200);
        for (int b = a + 1; b < CS_STAGE_COUNT; b++) {
            SDL_Color d = cs_stage_color(b);
            assert_true(abs(c.r - d.r) + abs(c.g - d.g) + abs(c.b - d.b) > 90);
        }
    }
    assert_int_equal(cs_stage_color(CS_STAGE_ABSENT).a, 0);
    for (int a = 0; a < CS_CH_COUNT; a++)
        for (int b = a + 1; b < CS_CH_COUNT; b++) {
            SDL_Color c = cs_channel_color(a), d = cs_channel_color(b);
            assert_true(abs(c.r - d.r) + abs(c.g - d.g) + abs(c.b - d.b) > 60);
        }
    cs_style p = cs_style_projector(1), s = cs_style_screen(1);
    assert_true(p.scale > s.scale);
}

static void test_convex_hull(void **state)
{
    (void)state;
    /* A square's corners, its centre, a point on an edge and a repeat. */
    float x[] = {0, 2, 2, 0, 1, 1, 2, 0.5f};
    float y[] = {0, 0, 2, 2, 1, 0, 2, 1.5f};
    uint32_t pts[8] = {0, 1, 2, 3, 4, 5, 6, 7}, idx[8], out[16];
    uint32_t h = cs_convex_hull(x, y, pts, 8, idx, out);
    assert_int_equal(h, 4);
    /* Counter-clockwise from the lowest-leftmost corner. */
    assert_int_equal(out[0], 0);
    assert_int_equal(out[1], 1);
    assert_true(out[2] == 2 || out[2] == 6);
    assert_int_equal(out[3], 3);

    /* Random clouds: every point on or inside, every turn to the left. */
    for (uint32_t n = 1; n < 200; n += 37) {
        float *rx = malloc(n * sizeof *rx), *ry = malloc(n * sizeof *ry);
        uint32_t *p = malloc(n * sizeof *p), *tmp = malloc(n * sizeof *tmp),
                 *o = malloc(2 * n * sizeof *o);
        srand(n);
        for (uint32_t i = 0; i < n; i++) {
            rx[i] = (float)(rand() % 1000);
            ry[i] = (float)(rand() % 1000);
            p[i] = i;
        }
        uint32_t k = cs_convex_hull(rx, ry, p, n, tmp, o);
        assert_true(k >= 1 && k <= n);
        for (uint32_t e = 0; k >= 3 && e < k; e++) {
            uint32_t a = o[e], b = o[(e + 1) % k];
            for (uint32_t i = 0; i < n; i++) {
                double cr = ((double)rx[b] - rx[a]) * ((double)ry[i] - ry[a]) -
                            ((double)ry[b] - ry[a]) * ((double)rx[i] - rx[a]);
                assert_true(cr >= 0);
            }
        }
        free(rx), free(ry), free(p), free(tmp), free(o);
    }
}

typedef struct world {
    cs_scenario sc;
    cs_run run;
    cs_netview view;
    cs_scene scene;
    size_t hull_days;
} world;

/* Runs the busy scenario to its end with the view kept up each day; checks
 * the view against the run on the way. */
static void build_world(world *w, const char *name, uint32_t max_users)
{
    cs_diag d;
    cs_diag_init(&d, stderr);
    memset(w, 0, sizeof *w);
    load(&w->sc, busy_yaml, name);
    assert_int_equal(cs_run_init(&w->run, &w->sc, 2, &d), 0);
    assert_int_equal(cs_netview_init(&w->view, &w->run, max_users), 0);
    const cs_netview *v = &w->view;
    assert_int_equal(v->sample.n, max_users < 2000 ? max_users : 2000);
    /* Day 0: the warm-up is over and nobody has been reached yet. */
    for (uint32_t i = 0; i < v->sample.n; i++)
        assert_true(v->view[i].stage <= CS_STAGE_UNAWARE);
    size_t flashes = 0, hulls = 0;
    while (w->run.day < w->sc.days) {
        assert_int_equal(cs_run_step(&w->run), 0);
        assert_int_equal(cs_netview_update(&w->view, &w->run), 0);
        flashes += v->nflash + v->nbuyers;
        hulls += v->nhull;
        for (size_t e = 0; e < 2 * v->nflash; e++)
            assert_true(v->flash[e] < v->sample.n);
        for (size_t h = 0; h < v->nhull; h++) {
            const cs_hull *hu = &v->hull[h];
            assert_true(hu->count >= 3);
            for (uint32_t k = 0; k < hu->count; k++) { /* convex, counter-clockwise */
                uint32_t a = v->hull_idx[hu->first + k], b = v->hull_idx[hu->first + (k + 1) % hu->count],
                         c = v->hull_idx[hu->first + (k + 2) % hu->count];
                double cr = ((double)v->layout.x[b] - v->layout.x[a]) * ((double)v->layout.y[c] - v->layout.y[a]) -
                            ((double)v->layout.y[b] - v->layout.y[a]) * ((double)v->layout.x[c] - v->layout.x[a]);
                assert_true(cr > 0);
            }
        }
    }
    /* The view is the run's: stage, roles and communities of every user. */
    for (uint32_t i = 0; i < v->sample.n; i++) {
        cs_user_view uv;
        cs_run_view_user(&w->run, v->sample.user[i], &uv);
        assert_memory_equal(&uv, &v->view[i], sizeof uv);
    }
    /* Drawing order: nobody drawn after a user further down the funnel. */
    for (uint32_t o = 1; o < v->sample.n; o++)
        assert_true(v->view[v->order[o - 1]].stage <= v->view[v->order[o]].stage);
    assert_true(flashes > 0);
    print_message("%u users drawn: %zu sale flashes, %zu hull-days\n", v->sample.n, flashes, hulls);
    w->hull_days = hulls;
    assert_int_equal(cs_scene_capture(&w->scene, &w->run, &w->view), 0);
}

static void free_world(world *w)
{
    cs_scene_free(&w->scene);
    cs_netview_free(&w->view);
    cs_run_free(&w->run);
    cs_scenario_free(&w->sc);
}

static void test_netview_and_scene(void **state)
{
    (void)state;
    world w;
    build_world(&w, NULL, 800);
    const cs_scene *s = &w.scene;
    assert_int_equal(s->n, 800);
    assert_int_equal(s->day, 30);
    assert_int_equal(s->nrows, 30);
    assert_int_equal(s->nmarkers, 1);
    assert_true(s->markers[0] == 12);
    int stages = 0;
    for (int k = CS_STAGE_SEEDED; k < CS_STAGE_COUNT; k++)
        stages += s->shown[k] > 0;
    assert_true(stages >= 3);
    assert_true(s->box[2] > s->box[0] && s->box[3] > s->box[1]);

    /* A copy is the same scene, and a copy into a used scene too. */
    cs_scene c = {0};
    assert_int_equal(cs_scene_copy(&c, s), 0);
    assert_int_equal(cs_scene_copy(&c, s), 0);
    assert_true(c.n == s->n && c.m == s->m && c.nhull == s->nhull && c.nflash == s->nflash);
    assert_memory_equal(c.x, s->x, s->n * sizeof *s->x);
    assert_memory_equal(c.view, s->view, s->n * sizeof *s->view);
    assert_memory_equal(c.rows, s->rows, (size_t)s->nrows * sizeof *s->rows);
    assert_string_equal(c.name, s->name);
    assert_int_equal(cs_scene_keep_gmv(&c), 0);
    assert_int_equal(c.prev_n, 30);
    cs_scene_free(&c);
    free_world(&w);
}

/* Mean distance between two members of the same community over the mean
 * distance between any two users drawn: how far the layout gathers group
 * chats and circles into clusters (1: not at all). */
static double cluster_ratio(const cs_netview *v, int circles)
{
    const float *x = v->layout.x, *y = v->layout.y;
    double in = 0, all = 0;
    uint64_t nin = 0, nall = 0;
    for (size_t a = 0, b; a < v->nmembers; a = b) {
        uint64_t community = v->members[a] >> 31;
        for (b = a + 1; b < v->nmembers && v->members[b] >> 31 == community; b++)
            ;
        if ((int)(community >> 32) != circles)
            continue;
        for (size_t p = a; p < b; p++)
            for (size_t q = p + 1; q < b; q++) {
                uint32_t i = (uint32_t)(v->members[p] & 0x7fffffff),
                         j = (uint32_t)(v->members[q] & 0x7fffffff);
                in += hypot((double)x[i] - x[j], (double)y[i] - y[j]);
                nin++;
            }
    }
    for (uint32_t i = 0; i < v->sample.n; i += 3)
        for (uint32_t j = i + 1; j < v->sample.n; j += 7) {
            all += hypot((double)x[i] - x[j], (double)y[i] - y[j]);
            nall++;
        }
    return nin && nall ? (in / (double)nin) / (all / (double)nall) : 1;
}

/* Group chats show as clusters: at the end of the busy run (seed 1)
 * members of one group chat are on average less than a quarter as far
 * apart as any two users (0.20; the weak springs of before gave 0.34, with
 * one cluster drawn), and each cluster's core is a disc inside the
 * picture. (The busy run's circles have no members yet.) */
static void test_communities_gather(void **state)
{
    (void)state;
    world w;
    build_world(&w, NULL, 2000);
    const double groups = cluster_ratio(&w.view, 0);
    print_message("members of a group chat %.2f as far apart as any two users; %zu clusters drawn\n",
                  groups, w.view.nhull);
    assert_true(groups < 0.25);
    assert_true(w.view.nhull >= 3);
    float x0, y0, x1, y1;
    cs_layout_bounds(&w.view.layout, &x0, &y0, &x1, &y1);
    for (size_t h = 0; h < w.view.nhull; h++) {
        const cs_hull *hu = &w.view.hull[h];
        assert_true(hu->r > 0 && hu->r < 0.5f * (x1 - x0));
        assert_true(hu->cx > x0 && hu->cx < x1 && hu->cy > y0 && hu->cy < y1);
    }
    free_world(&w);
}

/* A lesson's seeded_kocs highlight marks exactly the KOCs the brand
 * seeded: the busy run seeds 20 and draws all 2 000 users, so 20 users
 * carry the mark, each a KOC; the ties drawn as their spread start at a
 * marked user and end at a user the brand reached; the scene carries the
 * label and the marks, and a copy of it too. */
static void test_highlights_seeded(void **state)
{
    (void)state;
    static const char lesson[] =
        "lesson:\n  title: T\n  highlights:\n"
        "    - {who: seeded_kocs, label: {en: Seeded KOCs, zh: 种草KOC}}\n"
        "    - {who: group_members, label: Members}\n";
    char yaml[sizeof busy_yaml + sizeof lesson];
    snprintf(yaml, sizeof yaml, "%s%s", busy_yaml, lesson);
    cs_diag d;
    cs_diag_init(&d, stderr);
    cs_scenario sc;
    load(&sc, yaml, NULL);
    cs_run run;
    assert_int_equal(cs_run_init(&run, &sc, 2, &d), 0);
    cs_netview v;
    assert_int_equal(cs_netview_init(&v, &run, 2000), 0);
    assert_int_equal(v.nhighlights, 2);
    while (run.day < 8) {
        assert_int_equal(cs_run_step(&run), 0);
        assert_int_equal(cs_netview_update(&v, &run), 0);
    }
    uint32_t seeded = 0, members = 0;
    for (uint32_t i = 0; i < v.sample.n; i++) {
        cs_user_view uv;
        cs_run_view_user(&run, v.sample.user[i], &uv);
        assert_int_equal((v.mark[i] & 1) != 0, (uv.marks & CS_MARK_BRAND_SEEDED) != 0);
        if (v.mark[i] & 1) {
            assert_true(uv.roles & CS_ROLE_KOC);
            seeded++;
        }
        members += (v.mark[i] & 2) != 0;
    }
    print_message("%u seeded KOCs marked, %u group members, %zu spread ties\n", seeded, members,
                  v.nspread);
    assert_int_equal(seeded, 20);
    assert_true(members > 0);
    assert_true(v.nspread > 0);
    for (size_t e = 0; e < v.nspread; e++) {
        assert_true(v.mark[v.spread[2 * e]] & 1); /* group members are no source */
        assert_true(v.view[v.spread[2 * e + 1]].stage >= CS_STAGE_SEEDED);
    }
    cs_scene s = {0}, c = {0};
    assert_int_equal(cs_scene_set_lang(&s, "zh"), 0);
    assert_int_equal(cs_scene_capture(&s, &run, &v), 0);
    assert_int_equal(cs_scene_copy(&c, &s), 0);
    assert_int_equal(c.nhighlights, 2);
    assert_string_equal(c.highlight_label[0], "种草KOC");
    assert_string_equal(c.highlight_label[1], "Members");
    assert_memory_equal(c.mark, v.mark, v.sample.n);
    assert_int_equal(c.nspread, v.nspread);
    assert_memory_equal(c.spread, v.spread, 2 * v.nspread * sizeof *v.spread);
    cs_scene_free(&c);
    cs_scene_free(&s);
    cs_netview_free(&v);
    cs_run_free(&run);
    cs_scenario_free(&sc);
}

/* The frame at the end of the busy run, checked where each panel is. */
static void test_frame_pixels(void **state)
{
    (void)state;
    cs_diag d;
    cs_diag_init(&d, stderr);
    cs_fonts f;
    assert_int_equal(cs_fonts_open(&f, 1, &d), 0);
    world w;
    build_world(&w, "护肤兴趣圈", 1500);
    /* Group chats that gathered are outlined on some days at least. */
    assert_true(w.hull_days > 0);
    cs_canvas c;
    assert_int_equal(cs_canvas_create(&c, 1400, 860), 0);
    cs_style st = cs_style_screen(1);
    cs_frame fr = cs_frame_layout(&f, &st, 1400, 860, 0);
    cs_camera cam = {.zoom = 1};
    cs_frame_draw(c.renderer, &f, &st, &fr, &w.scene, &cam, 1, -1, 0, NULL);
    SDL_RenderPresent(c.renderer);
    SDL_Surface *s = c.surface;

    /* The network shows users at more than one funnel stage. */
    int stages = 0;
    for (int k = CS_STAGE_UNAWARE; k < CS_STAGE_COUNT; k++)
        stages += count_colour(s, fr.network, cs_stage_color(k)) > 30;
    assert_true(stages >= 3);

    /* GMV so far (the top-right chart) rises: its in-app line is higher on
     * the right than on the left. */
    SDL_Rect q = {fr.plots.x + fr.plots.w / 2, fr.plots.y, fr.plots.w / 2, fr.plots.h / 2};
    SDL_Color line = cs_okabe_ito[5];
    double left = 0, right = 0;
    int nl = 0, nr = 0;
    for (int x = q.x; x < q.x + q.w; x++)
        for (int y = q.y; y < q.y + q.h; y++)
            if (same(px(s, x, y), line)) {
                if (x < q.x + q.w / 3)
                    left += y, nl++;
                else if (x > q.x + 2 * q.w / 3)
                    right += y, nr++;
                break; /* the topmost pixel of the column */
            }
    assert_true(nl > 10 && nr > 10);
    assert_true(right / nr < left / nl - 20);

    /* The Chinese name in the header is drawn with strokes, not boxes. */
    int changes = 0, ink = 0;
    for (int y = fr.header.y; y < fr.header.y + fr.header.h; y++) {
        int prev = 0;
        for (int x = fr.header.x; x < fr.header.x + 120; x++) {
            int on = dark(px(s, x, y));
            ink += on;
            changes += on != prev;
            prev = on;
        }
    }
    assert_true(ink > 100);
    assert_true(changes > 80);
    cs_canvas_destroy(&c);

    /* The legend alone (a scene with no users drawn): one swatch per stage,
     * each with words beside it. */
    cs_scene empty = {0};
    assert_int_equal(cs_scene_copy(&empty, &w.scene), 0);
    empty.n = 0;
    empty.m = empty.nflash = empty.nbuyers = empty.nhull = 0;
    assert_int_equal(cs_canvas_create(&c, 700, 500), 0);
    cs_canvas_clear(&c, st.background);
    cs_panel_network(c.renderer, &f, &st, (SDL_Rect){0, 0, 700, 500}, &empty, &cam, 1, -1);
    SDL_RenderPresent(c.renderer);
    s = c.surface;
    for (int k = CS_STAGE_UNAWARE; k < CS_STAGE_COUNT; k++) {
        SDL_Color sw = cs_stage_color(k);
        int x0 = 700, x1 = -1, y0 = 500, y1 = -1;
        /* Inside a swatch: the pixel and its eight neighbours in its colour
         * (the edges of antialiased words pass through greys too). */
        for (int y = 1; y < 499; y++)
            for (int x = 1; x < 699; x++)
                if (same(px(s, x, y), sw) && same(px(s, x - 1, y - 1), sw) &&
                    same(px(s, x + 1, y + 1), sw) && same(px(s, x - 1, y + 1), sw) &&
                    same(px(s, x + 1, y - 1), sw)) {
                    x0 = x < x0 ? x : x0, x1 = x > x1 ? x : x1;
                    y0 = y < y0 ? y : y0, y1 = y > y1 ? y : y1;
                }
        if (x1 < 0)
            fail_msg("no legend swatch for %s", cs_stage_label(k));
        if (x1 - x0 >= 16 || y1 - y0 >= 16) /* one swatch, not many */
            fail_msg("%s: colour spread over %d x %d pixels", cs_stage_label(k), x1 - x0 + 1, y1 - y0 + 1);
        int words = 0;
        for (int y = y0 - 3; y <= y1 + 3; y++)
            for (int x = x1 + 4; x < x1 + 60 && x < 700; x++)
                words += dark(px(s, x, y));
        if (words < 10)
            fail_msg("no words beside the swatch for %s", cs_stage_label(k));
    }
    cs_canvas_destroy(&c);
    cs_scene_free(&empty);
    free_world(&w);
    cs_fonts_close(&f);
}

static int file_bytes(const char *path, unsigned char **out, long *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    *n = ftell(f);
    rewind(f);
    *out = malloc((size_t)*n);
    size_t got = fread(*out, 1, (size_t)*n, f);
    fclose(f);
    return got == (size_t)*n ? 0 : -1;
}

/* `render`'s picture: the size asked for, and the same bytes on one thread
 * as on two. */
static void test_render_png(void **state)
{
    (void)state;
    cs_diag d;
    cs_diag_init(&d, stderr);
    cs_scenario sc;
    load(&sc, busy_yaml, NULL);
    const char *a = "test_viz_render_1.png", *b = "test_viz_render_2.png";
    cs_render_opts o = {.day = 12, .width = 960, .height = 600, .png = a};
    assert_int_equal(cs_render(&sc, 1, &o, &d), 0);
    cs_scenario_free(&sc);
    load(&sc, busy_yaml, NULL);
    o.png = b;
    assert_int_equal(cs_render(&sc, 2, &o, &d), 0);
    SDL_Surface *img = IMG_Load(a);
    assert_non_null(img);
    assert_int_equal(img->w, 960);
    assert_int_equal(img->h, 600);
    SDL_FreeSurface(img);
    unsigned char *x = NULL, *y = NULL;
    long nx = 0, ny = -1;
    assert_int_equal(file_bytes(a, &x, &nx), 0);
    assert_int_equal(file_bytes(b, &y, &ny), 0);
    assert_true(nx == ny && memcmp(x, y, (size_t)nx) == 0);
    free(x);
    free(y);
    /* A day past the end is refused before anything is drawn. */
    o.day = 31;
    o.png = "test_viz_never.png";
    assert_int_equal(cs_render(&sc, 1, &o, &d), CS_ERR_INPUT);
    assert_int_equal(access(o.png, F_OK), -1);
    cs_scenario_free(&sc);
}

/* A lesson's views: the scene carries its measures and their titles in
 * the language asked for, keeps the run before for compare, and the
 * picture draws the lesson's charts, not the usual four (the plots' half
 * of the picture differs, the same scenario without the lesson aside). */
static void test_lesson_views(void **state)
{
    (void)state;
    static const char lesson[] =
        "lesson:\n"
        "  title: {en: Trust, zh: 信任}\n"
        "  views:\n"
        "    - {measure: brand_gmv, title: {en: Brand sales, zh: 品牌销售额}}\n"
        "    - {measure: mean_trust, title: {en: Trust, zh: 信任}}\n"
        "    - {measure: no_such_column, title: {en: x, zh: 叉}}\n"
        "    - {measure: [brand_gmv_koc, brand_gmv_feed], so_far: true, title: {en: s, zh: 累},\n"
        "       legend: [{en: KOC, zh: KOC笔记}, {en: Ads, zh: 广告}]}\n";
    char yaml[2048];
    snprintf(yaml, sizeof yaml, "%s%s", busy_yaml, lesson);
    cs_scenario sc;
    cs_run *r = open_run(&sc, yaml, 5);
    cs_scene s = {0};
    assert_int_equal(cs_scene_set_lang(&s, "zh"), 0);
    assert_int_equal(cs_scene_capture(&s, r, NULL), 0);
    assert_int_equal(s.nviews, 3); /* the unknown column is left out */
    assert_string_equal(s.views[0].title, "品牌销售额");
    assert_string_equal(s.views[1].title, "信任");
    assert_null(s.views[1].legend[0]);
    assert_true(s.views[2].ncols == 2 && s.views[2].so_far);
    assert_string_equal(s.views[2].legend[1], "广告");
    assert_int_equal(cs_scene_keep_gmv(&s), 0);
    assert_int_equal(s.prev_n, 5);
    assert_memory_equal(s.prev_rows, s.rows, 5 * sizeof *s.rows);
    cs_scene c = {0};
    assert_int_equal(cs_scene_copy(&c, &s), 0);
    assert_int_equal(c.nviews, 3);
    assert_string_equal(c.views[1].title, "信任");
    assert_true(c.views[2].ncols == 2 && c.views[2].so_far);
    assert_string_equal(c.views[2].legend[0], "KOC笔记");
    assert_memory_equal(c.prev_rows, s.prev_rows, 5 * sizeof *s.rows);
    cs_scene_free(&c);
    cs_scene_free(&s);
    cs_run_close(r);
    cs_scenario_free(&sc);

    const char *a = "test_viz_lesson.png", *b = "test_viz_nolesson.png";
    cs_render_opts o = {.day = 12, .width = 960, .height = 600, .png = a, .lang = "zh"};
    cs_diag d;
    cs_diag_init(&d, stderr);
    load(&sc, yaml, NULL);
    assert_int_equal(cs_render(&sc, 1, &o, &d), 0);
    cs_scenario_free(&sc);
    load(&sc, busy_yaml, NULL);
    o.png = b;
    assert_int_equal(cs_render(&sc, 1, &o, &d), 0);
    cs_scenario_free(&sc);
    SDL_Surface *x = IMG_Load(a), *y = IMG_Load(b);
    assert_non_null(x);
    assert_non_null(y);
    SDL_Surface *xc = SDL_ConvertSurfaceFormat(x, SDL_PIXELFORMAT_RGBA32, 0),
                *yc = SDL_ConvertSurfaceFormat(y, SDL_PIXELFORMAT_RGBA32, 0);
    assert_non_null(xc);
    assert_non_null(yc);
    /* The right half of the picture (the charts) differs. */
    long differ = 0;
    for (int row = 60; row < 300; row++)
        for (int col = 600; col < 950; col++) {
            const Uint32 *p = (const Uint32 *)((const Uint8 *)xc->pixels + row * xc->pitch) + col;
            const Uint32 *q = (const Uint32 *)((const Uint8 *)yc->pixels + row * yc->pitch) + col;
            differ += *p != *q;
        }
    assert_true(differ > 1000);
    SDL_FreeSurface(xc);
    SDL_FreeSurface(yc);
    SDL_FreeSurface(x);
    SDL_FreeSurface(y);
}

/* Pixels of a strip of two pictures alike? (x0..x1, y0..y1) */
static long strip_differs(const char *a, const char *b, int x0, int x1, int y0, int y1)
{
    SDL_Surface *p = IMG_Load(a), *q = IMG_Load(b);
    assert_non_null(p);
    assert_non_null(q);
    SDL_Surface *pc = SDL_ConvertSurfaceFormat(p, SDL_PIXELFORMAT_RGBA32, 0),
                *qc = SDL_ConvertSurfaceFormat(q, SDL_PIXELFORMAT_RGBA32, 0);
    long n = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            n += *((const Uint32 *)((const Uint8 *)pc->pixels + y * pc->pitch) + x) !=
                 *((const Uint32 *)((const Uint8 *)qc->pixels + y * qc->pitch) + x);
    SDL_FreeSurface(pc);
    SDL_FreeSurface(qc);
    SDL_FreeSurface(p);
    SDL_FreeSurface(q);
    return n;
}

/* Frames are slides: their charts' y axes keep still over the run (the
 * strip of the chart's axis labels is the same on day 2 and day 20),
 * where single pictures fit each day's curves (the same strip differs). */
static void test_frames_fixed_axes(void **state)
{
    (void)state;
    cs_diag d;
    cs_diag_init(&d, stderr);
    static const char yaml[] = "name: slides\ndays: 20\nwarmup_days: 5\npopulation: {size: 1500}\n";
    cs_scenario sc;
    load(&sc, yaml, NULL);
    cs_render_opts o = {.day = -1, .width = 800, .height = 450, .frames = "test_viz_frames"};
    assert_int_equal(cs_render(&sc, 1, &o, &d), 0);
    cs_scenario_free(&sc);
    /* The plots panel's axis labels: right of the network, top half. */
    const long same = strip_differs("test_viz_frames/day-0002.png", "test_viz_frames/day-0020.png",
                                    368, 412, 55, 275);
    load(&sc, yaml, NULL);
    cs_render_opts one = {.day = 2, .width = 800, .height = 450, .png = "test_viz_day2.png"};
    assert_int_equal(cs_render(&sc, 1, &one, &d), 0);
    cs_scenario_free(&sc);
    load(&sc, yaml, NULL);
    one.day = 20;
    one.png = "test_viz_day20.png";
    assert_int_equal(cs_render(&sc, 1, &one, &d), 0);
    cs_scenario_free(&sc);
    const long moved = strip_differs("test_viz_day2.png", "test_viz_day20.png", 368, 412, 55, 275);
    print_message("axis strip: %ld pixels differ between frames, %ld between single pictures\n",
                  same, moved);
    assert_int_equal(same, 0);
    assert_true(moved > 50);
}

/* A lesson's steps played headless: a step's set changes its lever once
 * the run reaches the step's day (from the next), a restart keeps the run
 * before and takes its set from day 1, and the step's picture is the same
 * bytes every time. */
static void test_lesson_steps(void **state)
{
    (void)state;
    static const char yaml[] =
        "name: steps\ndays: 40\nwarmup_days: 5\npopulation: {size: 1500}\n"
        "lesson:\n  title: T\n  steps:\n"
        "    - {day: 10, caption: first}\n"
        "    - {day: 20, set: {feed.ad_load: 0.3}, caption: ads up, question: why?}\n"
        "    - {restart: true, set: {feed.ad_load: 0.05}, caption: again}\n"
        "    - {day: 15, caption: compare}\n";
    cs_diag d;
    cs_diag_init(&d, stderr);
    cs_scenario sc;
    load(&sc, yaml, NULL);
    const int ad = cs_param_find("feed.ad_load");
    cs_scene s = {0};
    assert_int_equal(cs_lesson_play(&sc, 1, 2, 0, 0, &s, &d), 0);
    assert_int_equal(s.day, 20);
    assert_true(fabs(s.lever[ad] - 0.08) < 1e-12); /* not yet: from day 21 */
    assert_int_equal(s.nmarkers, 1);
    assert_true(s.markers[0] == 21);
    assert_int_equal(s.step, 2);
    assert_int_equal(s.nsteps, 4);
    assert_string_equal(s.step_caption, "ads up");
    assert_string_equal(s.step_question, "why?");
    assert_int_equal(s.prev_n, 0);
    cs_scene_free(&s);
    assert_int_equal(cs_lesson_play(&sc, 1, 4, 0, 0, &s, &d), 0);
    assert_int_equal(s.day, 15);
    assert_int_equal(s.prev_n, 20); /* the run before, as it stood */
    assert_true(fabs(s.lever[ad] - 0.05) < 1e-12); /* the restart's, from day 1 */
    assert_string_equal(s.step_caption, "compare");
    assert_null(s.step_question);
    cs_scene_free(&s);
    assert_int_equal(cs_lesson_play(&sc, 1, 5, 0, 0, &s, &d), CS_ERR_INPUT);
    cs_scene_free(&s);

    cs_render_opts o = {.width = 800, .height = 450, .png = "test_viz_step_a.png", .step = 4};
    assert_int_equal(cs_render(&sc, 1, &o, &d), 0);
    o.png = "test_viz_step_b.png";
    assert_int_equal(cs_render(&sc, 2, &o, &d), 0);
    unsigned char *x = NULL, *y = NULL;
    long nx = 0, ny = -1;
    assert_int_equal(file_bytes("test_viz_step_a.png", &x, &nx), 0);
    assert_int_equal(file_bytes("test_viz_step_b.png", &y, &ny), 0);
    assert_true(nx == ny && memcmp(x, y, (size_t)nx) == 0);
    free(x);
    free(y);
    cs_scenario_free(&sc);
}

/* The charts' markers carry their words: a festival within the run, and
 * an intervention named by the lesson's slider label for its lever (the
 * key where no slider names it), two on one day as one marker. */
static void test_marker_words(void **state)
{
    (void)state;
    static const char yaml[] =
        "name: marks\ndays: 30\nwarmup_days: 5\npopulation: {size: 800}\n"
        "calendar: {festivals: [12, 400]}\n"
        "interventions:\n"
        "  - {day: 20, set: {feed.ad_load: 0.3, groups.browse: 0.02}}\n"
        "lesson:\n  title: {en: T, zh: 题}\n"
        "  sliders: [{key: feed.ad_load, min: 0, max: 0.4, label: {en: Ads, zh: 广告}}]\n";
    cs_scenario sc;
    cs_run *r = open_run(&sc, yaml, 0);
    cs_scene s = {0};
    assert_int_equal(cs_scene_set_lang(&s, "zh"), 0);
    assert_int_equal(cs_scene_capture(&s, r, NULL), 0);
    assert_int_equal(s.nmarkers, 2); /* day 400 is past the run */
    assert_true(s.markers[0] == 12 && s.markers[1] == 20);
    assert_string_equal(s.marker_text, "购物节"); /* the window's word, in Chinese */
    assert_string_equal(s.marker_text + CS_MARKER_TEXT, "广告: 0.3; groups.browse: 0.02");
    cs_scene c = {0};
    assert_int_equal(cs_scene_copy(&c, &s), 0);
    assert_string_equal(c.marker_text + CS_MARKER_TEXT, s.marker_text + CS_MARKER_TEXT);
    cs_scene_free(&c);
    cs_scene_free(&s);
    cs_run_close(r);
    cs_scenario_free(&sc);
}

/* The conversions of a format string, in order, positions ("%2$s")
 * taken into account: "d d" for "Step %d of %d". */
static void conversions(const char *fmt, char *out, size_t cap)
{
    char seq[16][8] = {{0}};
    int n = 0;
    for (const char *p = strchr(fmt, '%'); p; p = strchr(p, '%')) {
        p++;
        if (*p == '%') {
            p++;
            continue;
        }
        int pos = 0;
        const char *q = p;
        while (*q >= '0' && *q <= '9')
            pos = pos * 10 + (*q++ - '0');
        if (*q == '$')
            p = q + 1;
        else
            pos = 0;
        const size_t len = strspn(p, "0123456789.-+ #l");
        const int at = pos ? pos - 1 : n;
        if (at < 16)
            snprintf(seq[at], sizeof seq[at], "%.*s", (int)(len + 1), p);
        n++;
        p += len;
    }
    out[0] = '\0';
    for (int i = 0; i < n && i < 16; i++)
        snprintf(out + strlen(out), cap - strlen(out), "%s%s", i ? " " : "", seq[i]);
}

/* The window's words in Chinese: every translation keeps its English
 * format's conversions, in order (a Chinese header prints the same
 * numbers), and a word without one stays English; the glossary has both
 * languages for every entry. */
static void test_words_and_glossary(void **state)
{
    (void)state;
    for (size_t i = 0; i < cs_words_count(); i++) {
        const char *en, *zh;
        cs_words_pair(i, &en, &zh);
        char a[128], b[128];
        conversions(en, a, sizeof a);
        conversions(zh, b, sizeof b);
        if (strcmp(a, b) != 0) {
            print_error("'%s' has conversions '%s', its Chinese '%s'\n", en, a, b);
            fail();
        }
        assert_string_equal(cs_words("zh", en), zh);
        assert_string_equal(cs_words("en", en), en);
        assert_string_equal(cs_words(NULL, en), en);
    }
    assert_string_equal(cs_words("zh", "no such words"), "no such words");
    char out[64];
    snprintf(out, sizeof out, cs_words("zh", "(%.1f%% of %s)"), 12.5, cs_words("zh", "bought"));
    assert_string_equal(out, "（12.5%，以已购买为基数）");
    assert_true(cs_glossary_count() >= 10);
    for (size_t i = 0; i < cs_glossary_count(); i++) {
        const char *t, *m, *tz, *mz;
        assert_int_equal(cs_glossary_entry(i, "en", &t, &m), 0);
        assert_int_equal(cs_glossary_entry(i, "zh-Hans", &tz, &mz), 0);
        assert_true(t[0] && m[0] && tz[0] && mz[0] && strcmp(m, mz) != 0);
    }
    const char *t, *m;
    assert_int_equal(cs_glossary_entry(cs_glossary_count(), "en", &t, &m), -1);
}

/* Compare keeps as many runs as asked: each kept run moves down as a new
 * one is kept, the oldest beyond the number let go, and a scene copy
 * carries them; the lesson's keep: sets the number. */
static void test_keep_runs(void **state)
{
    (void)state;
    static const char yaml[] = "name: keep\nmodel: bass\ndays: 6\npopulation: {size: 300}\n"
                               "lesson: {title: T, keep: 3}\n";
    cs_diag d;
    cs_diag_init(&d, stderr);
    cs_scenario sc;
    load(&sc, yaml, NULL);
    cs_scene s = {0};
    for (int run = 0; run < 4; run++) {
        int rc = 0;
        cs_run *r = cs_run_open_within(&sc, 1, 0, 0, &rc, &d);
        assert_int_equal(rc, 0);
        for (int day = 0; day < 2 + run; day++) /* run k lasts 2 + k days */
            assert_int_equal(cs_run_step(r), 0);
        assert_int_equal(cs_scene_capture(&s, r, NULL), 0);
        assert_int_equal(s.keep, 3);
        if (run < 3)
            assert_int_equal(cs_scene_keep_gmv(&s), 0);
        cs_run_close(r);
    }
    /* Runs of 2, 3 and 4 days kept; the one of 5 days on screen. */
    assert_int_equal(s.nrows, 5);
    assert_int_equal(s.prev_n, 4);
    assert_int_equal(s.nolder, 2);
    assert_true(s.older_n[0] == 3 && s.older_n[1] == 2);
    assert_int_equal(cs_scene_keep_gmv(&s), 0); /* a fourth: the oldest goes */
    assert_true(s.prev_n == 5 && s.nolder == 2 && s.older_n[0] == 4 && s.older_n[1] == 3);
    cs_scene c = {0};
    assert_int_equal(cs_scene_copy(&c, &s), 0);
    assert_true(c.nolder == 2 && c.older_n[1] == 3);
    assert_memory_equal(c.older_rows[1], s.older_rows[1], 3 * sizeof *s.older_rows[1]);
    cs_scene_free(&c);
    cs_scene_free(&s);
    cs_scenario_free(&sc);
}

/* The info card joins a file's broken lines into paragraphs (no space
 * between Chinese lines), keeping blank lines, indented lines and list
 * items on lines of their own. */
static void test_info_reflow(void **state)
{
    (void)state;
    char out[256];
    cs_info_reflow("What it is: a\nwhole sentence.\n\nTry:\n  --set a=1\n- one\n- two\n", out,
                   sizeof out);
    assert_string_equal(out, "What it is: a whole sentence.\n\nTry:\n  --set a=1\n- one\n- two");
    cs_info_reflow("两千人\n使用平台。", out, sizeof out);
    assert_string_equal(out, "两千人使用平台。");
    cs_info_reflow("abcdef", out, 4);
    assert_string_equal(out, "abc");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_palette),
        cmocka_unit_test(test_convex_hull),
        cmocka_unit_test(test_netview_and_scene),
        cmocka_unit_test(test_communities_gather),
        cmocka_unit_test(test_highlights_seeded),
        cmocka_unit_test(test_frame_pixels),
        cmocka_unit_test(test_render_png),
        cmocka_unit_test(test_lesson_views),
        cmocka_unit_test(test_frames_fixed_axes),
        cmocka_unit_test(test_lesson_steps),
        cmocka_unit_test(test_info_reflow),
        cmocka_unit_test(test_marker_words),
        cmocka_unit_test(test_words_and_glossary),
        cmocka_unit_test(test_keep_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
