/* SPDX-License-Identifier: MIT */
/* guide.h - a lesson's steps taken in the window: forward one step (the
 * run goes on to its day and pauses, a restart keeps the run before), and
 * back one (the lesson replayed from its start to the step before, as fast
 * as the machine goes, then paused there). No SDL window here: it drives
 * the simulation thread (sim.h) and is tested without one. */
#ifndef CS_VIZ_GUIDE_H
#define CS_VIZ_GUIDE_H

#include "draw/scene.h"
#include "scenario/lesson.h"
#include "sim.h"

typedef struct cs_guide {
    const cs_lesson *lesson; /* NULL: the scenario has none */
    const char *lang;        /* the lesson's language */
    int step;                /* the step shown, 1 .. nsteps (0: none yet) */
    const cs_lesson_step *pending; /* its levers change once its day is reached */
    int replay_to;           /* > 0: replaying the steps up to this one */
    double speed;            /* days a second to go back to after a replay */
} cs_guide;

/* The next step: returns 1 when taken (with compare on after a restart
 * step: *compare becomes 1), 0 at the last step or without a lesson. */
int cs_guide_next(cs_guide *g, cs_sim *sim, int *compare);
/* One step back: the run starts again from scratch and the steps up to
 * the one before are replayed at full speed (speed: the pace to restore
 * after). Returns 1 when going back, 0 at the first step. */
int cs_guide_back(cs_guide *g, cs_sim *sim, double speed, int *compare);
/* After each fetch of a scene: a step's levers once its day is reached,
 * the replay's next step once the thread is idle, and the step's words
 * into the scene. Returns 1 while a replay is still going. */
int cs_guide_follow(cs_guide *g, cs_sim *sim, cs_scene *scene, int *compare);

/* The next lesson after the file at path in its folder (by file name,
 * wrapping round): the first .yaml file that loads, validates and holds a
 * lesson without problems, its path into out (cap bytes); NULL when there
 * is none. Close it with cs_scenario_close. */
cs_scenario *cs_next_lesson(const char *path, char *out, size_t cap);

#endif
