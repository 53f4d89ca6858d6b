/* SPDX-License-Identifier: MIT */
/* netview.h - what the network panel shows of a run, kept up to date day by
 * day: a deterministic sample of users (all of a small population), their
 * force-directed layout, their stage and roles, the compact cores of the
 * group chats and circles they are in, today's ties that carried a sale, and
 * the users a lesson's highlights draw apart with the ties their influence
 * spread along.
 *
 * This is the update half of the panel; it has no SDL in it, so it can be
 * tested alone and run on the simulation's thread. The layout is settled once
 * at the start and refined a few steps after every simulated day, with
 * springs between members of the same community strong enough to gather each
 * one into a cluster; a user who joins a community is moved beside its
 * members, since the daily refinement is too gentle to carry anyone across
 * the picture. Everything is a function of the run and its seed: the same
 * day of the same run gives the same picture.
 */
#ifndef CS_NETVIEW_H
#define CS_NETVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "engine/engine.h"
#include "draw/layout.h"
#include "draw/sample.h"

enum {
    CS_NETVIEW_MAX_USERS = 3000, /* drawn users: readable, and layout settles in well under a second */
    CS_NETVIEW_SETTLE = 300,     /* layout steps before the first picture */
    CS_NETVIEW_REFINE = 6,       /* layout steps after each simulated day */
    CS_NETVIEW_HIGHLIGHTS = 8,   /* a lesson's highlights drawn (one bit each in mark) */
};

/* A community gathered into a cluster: the members nearest its centre (the
 * core, most of its sampled members), as a disc of centre (cx, cy) and
 * radius r in layout units, and hull_idx[first .. first + count), the
 * sample indexes of the core's convex hull, counter-clockwise. A community
 * still spread over the picture has none. */
typedef struct cs_hull {
    uint8_t circle;   /* 0 group chat, 1 circle */
    uint32_t id;
    uint32_t first, count;
    float cx, cy, r;
} cs_hull;

typedef struct cs_netview {
    cs_sample sample;
    cs_layout layout;
    uint32_t population;   /* users in the run's network */
    int64_t day;           /* the run's day at the last update */
    cs_user_view *view;    /* per sampled user */
    uint32_t *order;       /* sample indexes in drawing order: furthest stage and roles last */
    uint32_t *flash;       /* today's ties that carried a sale, 2 sample indexes each */
    size_t nflash;
    uint32_t *buyers;      /* sampled users who bought today from a seller not in the sample */
    size_t nbuyers;
    cs_hull *hull;
    size_t nhull;
    uint32_t *hull_idx;
    size_t nhull_idx;
    /* The lesson's highlights (its first CS_NETVIEW_HIGHLIGHTS), by who
     * (enum cs_lesson_who), and per sampled user a bit for each that takes
     * the user. */
    int nhighlights;
    int highlight_who[CS_NETVIEW_HIGHLIGHTS];
    uint8_t *mark;
    /* Ties from a highlighted source of influence (seeded KOCs, KOCs, KOLs,
     * owners) to a friend the brand has reached (stage seeded or further),
     * 2 sample indexes each, the source first. */
    uint32_t *spread;
    size_t nspread;
    /* working memory */
    uint32_t *ltie;        /* the layout's ties: the sample's, then community springs */
    float *lweight;
    uint64_t lm;
    size_t lcap, lweight_cap;
    uint32_t *degree;      /* each sampled user's ties in the sample */
    uint64_t *members;     /* (community, member) keys, sorted */
    uint64_t *was;         /* the members at the last look, to find who joined */
    float *scratch;
    size_t nmembers, members_cap, nwas, was_cap, scratch_cap, flash_cap, buyers_cap, hull_cap,
        hull_idx_cap, spread_cap;
} cs_netview;

/* Samples at most max_users users of r's network (users with roles and
 * community members first), settles their layout and takes the first look.
 * Returns 0 or CS_ERR_NOMEM (v is then freeable). */
int cs_netview_init(cs_netview *v, const cs_run *r, uint32_t max_users);
/* Call after every cs_run_step: stages, communities, sale ties, highlights,
 * and a few layout steps. Returns 0 or CS_ERR_NOMEM. */
int cs_netview_update(cs_netview *v, const cs_run *r);
void cs_netview_free(cs_netview *v);

/* Convex hull of the n points pts (indexes into x and y), Andrew's monotone
 * chain: writes the corners, counter-clockwise, into out and returns how
 * many; collinear and repeated points are left out. out has room for 2n
 * entries (the chain's working length), idx is n entries of scratch. */
uint32_t cs_convex_hull(const float *x, const float *y, const uint32_t *pts, uint32_t n,
                        uint32_t *idx, uint32_t *out);

/* Whether a lesson's highlight of who (enum cs_lesson_who) takes a user
 * seen as uv; and whether who names sources of influence, whose ties to
 * the friends they reached are drawn (members and buyers are too many). */
int cs_netview_takes(int who, const cs_user_view *uv);
int cs_netview_source(int who);

#endif
