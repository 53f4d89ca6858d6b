/* SPDX-License-Identifier: MIT */
/* scene.h - everything a frame draws, copied out of a run at the end of a
 * day. The visualizer's simulation thread fills one while the window draws
 * the last; `render` fills one and draws it once. Drawing reads nothing
 * else, so update and draw stay apart and never share live state. */
#ifndef CS_SCENE_H
#define CS_SCENE_H

#include <stddef.h>
#include <stdint.h>

#include "engine/engine.h"
#include "draw/netview.h"

/* A lesson's chart: the columns it draws (one line each), whether as
 * their totals from day 1, and its words. */
typedef struct cs_scene_view {
    int col[4], ncols;
    int so_far;
    char *title;
    char *legend[4];          /* NULL for a single line */
} cs_scene_view;

enum { CS_MARKER_TEXT = 64, CS_SCENE_KEEP = 4 };

typedef struct cs_scene {
    char *name, *info;        /* the scenario's (name: its lesson's title when it has one) */
    const char *model;        /* static string */
    int64_t seed, day, days;
    uint32_t population;      /* users in the network */
    /* the curves */
    cs_day_row *rows;         /* days 1 .. day */
    int64_t nrows;
    double *markers;          /* festival days, then intervention days (distinct), within 1 .. days */
    char *marker_text;        /* each marker's words, CS_MARKER_TEXT bytes apiece */
    int nmarkers;
    cs_funnel funnel;
    int64_t channel_fen[CS_CH_COUNT]; /* GMV by channel so far, both places */
    /* the network: a copy of the netview's */
    uint32_t n;
    uint32_t *user;           /* user ids */
    float *x, *y;
    cs_user_view *view;
    uint32_t *order;
    uint32_t *tie;
    uint64_t m;
    uint32_t *flash, *buyers;
    size_t nflash, nbuyers;
    cs_hull *hull;
    size_t nhull;
    uint32_t *hull_idx;
    /* the lesson's highlights: who each takes (enum cs_lesson_who), its
     * label in the scene's language, a bit per highlight for each user,
     * and the ties their influence spread along (netview.h) */
    int nhighlights;
    int highlight_who[CS_NETVIEW_HIGHLIGHTS];
    char *highlight_label[CS_NETVIEW_HIGHLIGHTS];
    uint8_t *mark;
    uint32_t *spread;
    size_t nspread;
    int64_t shown[CS_STAGE_COUNT]; /* sampled users by stage */
    float box[4];             /* x0 y0 x1 y1: what the panel fits, all but the
                               * furthest 1% of users on each side */
    /* compare mode: the previous run's daily GMV in the in-app stores (yuan),
     * and its rows (the lesson's views draw any column of them) */
    double *prev_gmv;
    cs_day_row *prev_rows;
    int64_t prev_n;
    int prev_kind;            /* its network kind */
    /* compare keeps up to `keep` runs (1 .. CS_SCENE_KEEP; 0 counts as 1):
     * the one above, then older ones, newest first, with their kinds */
    int keep, nolder;
    cs_day_row *older_rows[CS_SCENE_KEEP - 1];
    int64_t older_n[CS_SCENE_KEEP - 1];
    int older_kind[CS_SCENE_KEEP - 1];
    size_t cap_older[CS_SCENE_KEEP - 1];
    /* the lesson's views (lesson.h), in the language asked for: each up
     * to 4 columns of the model's rows, with its title and legend; none:
     * the usual charts */
    char *lang;               /* the lesson's language asked for ("en" when NULL) */
    int nviews;
    cs_scene_view views[4];
    int model_id;             /* enum cs_model */
    int brand_markets;        /* the brand markets its product (cs_scenario_brand_markets) */
    int net_kind;             /* the run's network kind (enum cs_network_kind) */
    /* a lesson's step, when one is played (lesson_play.h): its number (1
     * ..; 0: none), of how many, and its words in the scene's language */
    int step, nsteps;
    char *step_caption, *step_question;
    /* the charts' y axes reach at least these (0: their data's top): set
     * for frames, so the slides of a run keep their axes */
    double y_top[4];
    /* every lever's value as the run stands today (interventions moved
     * them), by parameter index; NaN for keys that are no lever */
    double *lever;
    size_t nlever;
    /* capacities of the buffers above */
    size_t cap_rows, cap_markers, cap_n, cap_m, cap_flash, cap_buyers, cap_hull, cap_hull_idx,
        cap_prev, cap_prev_rows, cap_lever, cap_spread, cap_marker_text;
} cs_scene;

/* The language the lesson's texts are drawn in (NULL: English); set
 * before capturing. Returns 0 or CS_ERR_NOMEM. */
int cs_scene_set_lang(cs_scene *s, const char *lang);
/* The lesson step the scene shows (0: none), with its words (copied; NULL
 * for none). Returns 0 or CS_ERR_NOMEM. */
int cs_scene_set_step(cs_scene *s, int step, int nsteps, const char *caption,
                      const char *question);
/* Copies the run's state at its current day (v may be NULL: no network).
 * Buffers are reused from the last capture. Returns 0 or CS_ERR_NOMEM. */
int cs_scene_capture(cs_scene *s, const cs_run *r, const cs_netview *v);
/* Keeps this scene's curves (its GMV and every row) to compare the next
 * run with; with keep above 1 the run kept before moves down among the
 * older ones (the oldest beyond keep is let go). */
int cs_scene_keep_gmv(cs_scene *s);
/* Lets every kept run go (compare has nothing to show until the next keep). */
void cs_scene_forget(cs_scene *s);
/* dst becomes a copy of src (dst zeroed or used before; its buffers are
 * reused). Hands a scene from the simulation's thread to the window's.
 * Returns 0 or CS_ERR_NOMEM (dst is then left as it was, still valid). */
int cs_scene_copy(cs_scene *dst, const cs_scene *src);
void cs_scene_free(cs_scene *s);

/* Yuan from fen, for the charts. */
static inline double cs_yuan(int64_t fen) { return (double)fen / 100.0; }

#endif
