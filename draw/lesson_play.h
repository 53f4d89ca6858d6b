/* SPDX-License-Identifier: MIT */
/* lesson_play.h - a lesson's steps played headless, as the window plays
 * them: the pictures of a guided lesson, for slides, handouts and tests.
 *
 * Steps 1 .. n are taken in order. A step that restarts keeps the run so
 * far as the run before (compare) and starts again from day 1 with the
 * levers the steps have set so far and its own `set`, then runs to its
 * day. Any other step runs to its day, then its `set` moves the levers
 * from the next day: the picture at its end shows the pause before the
 * change. */
#ifndef CS_LESSON_PLAY_H
#define CS_LESSON_PLAY_H

#include <stddef.h>
#include <stdint.h>

#include "circlesim/diag.h"
#include "draw/scene.h"
#include "scenario/scenario.h"

/* Plays sc's lesson to the end of step `step` (1-based) on `threads`
 * threads (each run held to memory_limit, limit_flags as
 * cs_run_open_within) into s: the state then, the run before if a step
 * restarted, and the step's words in s->lang. Returns 0, CS_ERR_INPUT (no
 * such step, reported) or another error (reported). */
int cs_lesson_play(cs_scenario *sc, int threads, size_t step, uint64_t memory_limit,
                   int limit_flags, cs_scene *s, cs_diag *d);

/* The same, with each(k, s, ctx) called at the end of every step k = 1 ..
 * step, s then holding that step's state and words, so a caller sees
 * every step in one play. each returns 0 to go on, or an error code that
 * stops the play and is returned. */
typedef int (*cs_lesson_step_fn)(size_t k, const cs_scene *s, void *ctx);
int cs_lesson_play_steps(cs_scenario *sc, int threads, size_t step, uint64_t memory_limit,
                         int limit_flags, cs_scene *s, cs_lesson_step_fn each, void *ctx,
                         cs_diag *d);

#endif
