/* SPDX-License-Identifier: MIT */
/* bench_frame.c - how long the visualizer takes to draw one frame and to
 * take one day's picture of a run, with SDL's software renderer (the
 * slowest path: a window with a GPU draws faster).
 *
 * usage: bench_frame [SCENARIO_SIZE] [DAYS] [FRAMES]
 * Runs the default scenario at population SCENARIO_SIZE (default 100 000)
 * to day DAYS (default 30), then draws the 1600 x 900 frame FRAMES times
 * (default 60) and prints one table row. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <stdint.h>

#include "draw/canvas.h"
#include "engine/engine.h"
#include "draw/frame.h"
#include "draw/netview.h"
#include "draw/palette.h"
#include "draw/panels.h"
#include "draw/scene.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
    long size = argc > 1 ? atol(argv[1]) : 100000, days = argc > 2 ? atol(argv[2]) : 30,
         frames = argc > 3 ? atol(argv[3]) : 60;
    cs_diag d;
    cs_diag_init(&d, stderr);
    char set[64];
    snprintf(set, sizeof set, "population.size=%ld", size);
    cs_scenario *sc = cs_scenario_open(NULL, &d);
    if (!sc || cs_scenario_set(sc, set, &d) || cs_scenario_validate(sc, &d))
        return 2;
    cs_netview v;
    double t0 = now();
    cs_run *r = cs_run_open(sc, 2, &d);
    if (!r)
        return 1;
    double t_run = now() - t0;
    t0 = now();
    if (cs_netview_init(&v, r, CS_NETVIEW_MAX_USERS))
        return 1;
    double t_view = now() - t0, t_step = 0, t_update = 0;
    for (long day = 0; day < days; day++) {
        t0 = now();
        cs_run_step(r);
        t_step += now() - t0;
        t0 = now();
        cs_netview_update(&v, r);
        t_update += now() - t0;
    }
    cs_scene s = {0}, copy = {0};
    t0 = now();
    cs_scene_capture(&s, r, &v);
    double t_capture = now() - t0;
    t0 = now();
    cs_scene_copy(&copy, &s);
    double t_copy = now() - t0;

    cs_fonts f;
    cs_canvas c;
    if (cs_fonts_open(&f, 1, &d) || cs_canvas_create(&c, 1600, 900))
        return 1;
    cs_style st = cs_style_screen(1);
    cs_frame fr = cs_frame_layout(&f, &st, 1600, 900, 0);
    cs_camera cam = {.zoom = 1};
    t0 = now();
    for (long i = 0; i < frames; i++)
        cs_frame_draw(c.renderer, &f, &st, &fr, &s, &cam, 1, -1, 0, NULL);
    double t_frame = (now() - t0) / (double)frames;
    double part[3];
    for (int k = 0; k < 3; k++) {
        t0 = now();
        for (long i = 0; i < frames; i++) {
            if (k == 0)
                cs_panel_network(c.renderer, &f, &st, fr.network, &s, &cam, 1, -1);
            else if (k == 1)
                cs_panel_plots(c.renderer, &f, &st, fr.plots, &s, 0);
            else
                cs_panel_funnel(c.renderer, &f, &st, fr.funnel, &s, 0);
        }
        part[k] = (now() - t0) / (double)frames;
    }
    if (getenv("CS_BENCH_PARTS")) { /* where the network panel's time goes */
        uint64_t m = s.m;
        s.m = 0;
        t0 = now();
        for (long i = 0; i < frames; i++)
            cs_panel_network(c.renderer, &f, &st, fr.network, &s, &cam, 1, -1);
        fprintf(stderr, "network without ties: %.1f ms\n", 1e3 * (now() - t0) / (double)frames);
        s.m = m;
    }
    printf("| users | drawn | ties drawn | build (s) | first layout (s) | day step (ms) | "
           "view update (ms) | capture + copy (ms) | frame, software (ms) | network, plots, funnel (ms) |\n"
           "|---|---|---|---|---|---|---|---|---|---|\n");
    printf("| %ld | %u | %llu | %.2f | %.2f | %.1f | %.1f | %.2f | %.1f | %.1f, %.1f, %.1f |\n",
           size, s.n, (unsigned long long)s.m, t_run, t_view, 1e3 * t_step / (double)days,
           1e3 * t_update / (double)days, 1e3 * (t_capture + t_copy), 1e3 * t_frame,
           1e3 * part[0], 1e3 * part[1], 1e3 * part[2]);
    cs_canvas_destroy(&c);
    cs_fonts_close(&f);
    cs_scene_free(&s);
    cs_scene_free(&copy);
    cs_netview_free(&v);
    cs_run_close(r);
    cs_scenario_close(sc);
    return 0;
}
