/* guide.c - a lesson's steps taken forward and back (guide.h). */
#include "guide.h"

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
