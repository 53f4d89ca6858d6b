/* SPDX-License-Identifier: MIT */
/* guide.c - a lesson's steps taken forward and back (guide.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* fmemopen */
#endif
#include "guide.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/source.h"

/* Step k's levers, once its day has been reached. */
static void apply_pending(cs_guide *g, cs_sim *sim, int64_t day)
{
    if (!g->pending || day < g->pending->day)
        return;
    for (size_t k = 0; k < g->pending->nset; k++)
        cs_sim_lever(sim, g->pending->set_param[k], g->pending->set_value[k]);
    g->pending = NULL;
}

int cs_guide_next(cs_guide *g, cs_sim *sim, int *compare)
{
    if (!g->lesson || g->step >= (int)g->lesson->nsteps)
        return 0;
    const cs_lesson_step *st = &g->lesson->steps[g->step++];
    cs_sim_play(sim, 0);
    g->pending = NULL;
    if (st->restart) {
        /* The step's levers from day 1; the run so far stays drawn. */
        for (size_t k = 0; k < st->nset; k++)
            cs_sim_lever(sim, st->set_param[k], st->set_value[k]);
        *compare = 1;
        cs_sim_restart(sim, 0);
    } else if (st->nset) {
        g->pending = st;
    }
    cs_sim_run_to(sim, st->day);
    return 1;
}

int cs_guide_back(cs_guide *g, cs_sim *sim, double speed, int *compare)
{
    if (!g->lesson || g->step <= 1)
        return 0;
    const int target = g->step - 1;
    /* From scratch: the scenario's own levers, nothing kept to compare;
     * the steps then set what they set, restarts keep what they keep. */
    g->step = 0;
    g->pending = NULL;
    g->replay_to = target;
    if (g->replay_to > 0 && g->speed == 0)
        g->speed = speed;
    *compare = 0;
    cs_sim_speed(sim, 0);
    cs_sim_rewind(sim);
    return 1;
}

int cs_guide_follow(cs_guide *g, cs_sim *sim, cs_scene *scene, int *compare)
{
    if (!g->lesson)
        return 0;
    apply_pending(g, sim, scene->day);
    if (g->replay_to > 0 && !g->pending && cs_sim_idle(sim)) {
        if (g->step < g->replay_to) {
            cs_guide_next(g, sim, compare);
        } else {
            /* There: back to the pace the class had. */
            cs_sim_speed(sim, g->speed);
            g->replay_to = 0;
            g->speed = 0;
        }
    }
    if (g->step > 0) {
        const cs_lesson_step *st = &g->lesson->steps[g->step - 1];
        cs_scene_set_step(scene, g->step, (int)g->lesson->nsteps,
                          cs_ltext_get(&st->caption, g->lang), cs_ltext_get(&st->question, g->lang));
    }
    return g->replay_to > 0;
}

static int by_name(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The scenario at path when it is a lesson the window can show, else
 * NULL; its problems go nowhere (the next file is tried). */
static cs_scenario *lesson_at(const char *path)
{
    char words[4096];
    FILE *sink = fmemopen(words, sizeof words, "w");
    cs_diag quiet;
    cs_diag_init(&quiet, sink ? sink : stderr);
    cs_scenario *sc = NULL;
    const int ok = cs_path_scenario_new(path, NULL, 0, &sc, &quiet) == 0 && sc &&
                   cs_scenario_lesson(sc) && cs_scenario_check_lesson(sc, &quiet) == 0;
    if (sink)
        fclose(sink);
    if (!ok) {
        cs_scenario_close(sc);
        return NULL;
    }
    return sc;
}

cs_scenario *cs_next_lesson(const char *path, char *out, size_t cap)
{
    enum { MAX_FILES = 512 };
    const char *slash = strrchr(path, '/');
    char folder[4096];
    snprintf(folder, sizeof folder, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    const char *me = slash ? slash + 1 : path;
    DIR *dir = opendir(folder);
    char **names = malloc(MAX_FILES * sizeof *names);
    int n = 0;
    for (struct dirent *e; dir && names && n < MAX_FILES && (e = readdir(dir));) {
        const size_t len = strlen(e->d_name);
        if (len > 5 && !strcmp(e->d_name + len - 5, ".yaml") && (names[n] = strdup(e->d_name)))
            n++;
    }
    if (dir)
        closedir(dir);
    if (n)
        qsort(names, (size_t)n, sizeof *names, by_name);
    int at = 0;
    while (at < n && strcmp(names[at], me))
        at++;
    cs_scenario *sc = NULL;
    for (int k = 1; k <= n && !sc; k++) {
        const char *name = names[(at + k) % n];
        if (!strcmp(name, me))
            continue; /* itself: another lesson was asked for */
        snprintf(out, cap, "%s/%s", folder, name);
        sc = lesson_at(out);
    }
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return sc;
}
