/* SPDX-License-Identifier: MIT */
/* lesson_play.c - a lesson's steps played headless (lesson_play.h). */
#include "draw/lesson_play.h"

#include <stdlib.h>
#include <string.h>

#include "draw/netview.h"
#include "engine/engine.h"
#include "scenario/lesson.h"

/* Levers the steps have set so far, applied again at each restart. */
typedef struct levers {
    int param[256];
    double value[256];
    size_t n;
} levers;

static void remember(levers *l, int param, double value)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->param[i] == param) {
            l->value[i] = value;
            return;
        }
    if (l->n < 256) {
        l->param[l->n] = param;
        l->value[l->n++] = value;
    }
}

/* Step st's levers, remembered for later restarts and set in r from its
 * next day (a run that is over takes them at its next restart). */
static int apply(const cs_scenario *sc, cs_run *r, const cs_lesson_step *st, levers *set,
                 cs_diag *d)
{
    int rc = 0;
    for (size_t k = 0; rc == 0 && k < st->nset; k++) {
        remember(set, st->set_param[k], st->set_value[k]);
        if (cs_run_day(r) < cs_scenario_days(sc))
            rc = cs_run_set_lever_at(r, st->set_param[k], st->set_value[k], d);
    }
    return rc;
}

/* Step i's end in s (its state, its words), handed to each. */
static int step_end(const cs_lesson *l, size_t i, const cs_run *r, const cs_netview *v,
                    cs_scene *s, cs_lesson_step_fn each, void *ctx)
{
    const cs_lesson_step *st = &l->steps[i - 1];
    int rc = cs_scene_capture(s, r, v);
    if (rc == 0)
        rc = cs_scene_set_step(s, (int)i, (int)l->nsteps, cs_ltext_get(&st->caption, s->lang),
                               cs_ltext_get(&st->question, s->lang));
    if (rc == 0 && each)
        rc = each(i, s, ctx);
    return rc;
}

int cs_lesson_play(cs_scenario *sc, int threads, size_t step, uint64_t memory_limit,
                   int limit_flags, cs_scene *s, cs_diag *d)
{
    return cs_lesson_play_steps(sc, threads, step, memory_limit, limit_flags, s, NULL, NULL, d);
}

int cs_lesson_play_steps(cs_scenario *sc, int threads, size_t step, uint64_t memory_limit,
                         int limit_flags, cs_scene *s, cs_lesson_step_fn each, void *ctx,
                         cs_diag *d)
{
    const cs_lesson *l = cs_scenario_lesson(sc);
    if (!l) {
        cs_diag_error(d, "--step %zu: this scenario has no lesson: block (docs/SCENARIOS.md; the "
                         "lessons are in scenarios/classroom/)",
                      step);
        return CS_ERR_INPUT;
    }
    if (step < 1 || step > l->nsteps) {
        cs_diag_error(d, "--step %zu: the lesson has %zu steps", step, l->nsteps);
        return CS_ERR_INPUT;
    }
    levers set = {.n = 0};
    cs_netview v;
    memset(&v, 0, sizeof v);
    int rc = 0;
    cs_run *r = cs_run_open_within(sc, threads, memory_limit, limit_flags, &rc, d);
    if (rc == 0)
        rc = cs_netview_init(&v, r, CS_NETVIEW_MAX_USERS);
    for (size_t i = 0; rc == 0 && i < step; i++) {
        const cs_lesson_step *st = &l->steps[i];
        if (st->restart) {
            /* The run so far stays drawn as the one before. */
            rc = cs_scene_capture(s, r, &v);
            if (rc == 0)
                rc = cs_scene_keep_gmv(s);
            cs_netview_free(&v);
            cs_run_close(r);
            r = NULL;
            if (rc == 0)
                r = cs_run_open_within(sc, threads, memory_limit, limit_flags, &rc, d);
            if (rc == 0)
                rc = cs_netview_init(&v, r, CS_NETVIEW_MAX_USERS);
            for (size_t k = 0; rc == 0 && k < set.n; k++)
                rc = cs_run_set_lever_at(r, set.param[k], set.value[k], d);
        }
        /* A restart takes the step's settings from day 1; otherwise they
         * change when the run has reached the step's day, from the next. */
        if (rc == 0 && st->restart)
            rc = apply(sc, r, st, &set, d);
        while (rc == 0 && cs_run_day(r) < st->day) {
            rc = cs_run_step(r);
            if (rc == 0)
                rc = cs_netview_update(&v, r);
        }
        if (rc == 0 && !st->restart)
            rc = apply(sc, r, st, &set, d);
        if (rc == 0 && (each || i + 1 == step))
            rc = step_end(l, i + 1, r, &v, s, each, ctx);
    }
    cs_netview_free(&v);
    cs_run_close(r);
    return rc;
}
