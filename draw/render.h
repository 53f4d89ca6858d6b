/* SPDX-License-Identifier: MIT */
/* render.h - a picture of a run on a given day, drawn offscreen with SDL's
 * software renderer (no display needed): `circlesim render` and
 * `circlesim-viz --render` and `--frames`. */
#ifndef CS_RENDER_H
#define CS_RENDER_H

#include <stdint.h>

#include "circlesim/diag.h"
#include "scenario/scenario.h"

typedef struct cs_render_opts {
    int64_t day;        /* draw the run as it stands after this day; -1: the last */
    int width, height;  /* pixels */
    int projector;      /* the projector's style */
    int info;           /* the info card over the picture */
    int glossary;       /* the glossary card over the picture */
    const char *lang;   /* the lesson's language (NULL: English) */
    int step;           /* > 0: the picture at the end of the lesson's step (day ignored) */
    const char *png;    /* one picture, or NULL */
    const char *png_option; /* the option that named it, for messages (NULL: --png) */
    const char *frames; /* a folder for one picture per day (day-0000.png ...), or NULL */
    const char *gif;    /* an animated GIF of days 0 .. day, or NULL */
    uint64_t memory_limit; /* refuse a run over this (0: no limit; see cs_run_init_within) */
    int limit_flags;       /* CS_LIMIT_* of circlesim/memory.h */
    /* Called after each day simulated, to day `last` (NULL: none): a long
     * GIF's progress for the caller to show. */
    void (*progress)(void *ctx, int64_t day, int64_t last);
    void *progress_ctx;
} cs_render_opts;

/* The default size: a 16:9 picture that reads well in a report. */
enum { CS_RENDER_WIDTH = 1600, CS_RENDER_HEIGHT = 900 };

/* Runs sc (validated) on `threads` threads and writes the picture(s), each
 * atomically. Returns 0, CS_ERR_INPUT (bad day, reported) or CS_ERR_RUNTIME
 * (no font, out of memory, cannot write; reported). */
int cs_render(cs_scenario *sc, int threads, const cs_render_opts *o, cs_diag *d);

/* The end of the lesson's step o->step of sc (cs_lesson_play) drawn as
 * o says into the folder open as dirfd under name (path as messages show
 * it). Returns 0 or an error as cs_render. */
int cs_render_step_in(cs_scenario *sc, int threads, const cs_render_opts *o, int dirfd,
                      const char *name, const char *path, cs_diag *d);

#endif
