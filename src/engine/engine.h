/* SPDX-License-Identifier: MIT */
/* engine.h - the day loop: builds a scenario's network, runs its model one
 * synchronous day at a time, and keeps the daily rows of timeseries.csv.
 *
 * Synchronous updates: every rule reads the state at the end of yesterday and
 * writes today's, so no result depends on the order users are processed in.
 * Money is integer fen, so sums do not depend on the order of addition.
 */
#ifndef CIRCLESIM_ENGINE_H
#define CIRCLESIM_ENGINE_H

#include <stdint.h>

#include "circlesim/diag.h"
#include "circlesim/run.h"
#include "network/network.h"
#include "network/population.h"
#include "scenario/columns.h"
#include "scenario/scenario.h"

/* What a platform run's summary.json reports beyond the rows. Ratios that
 * cannot be computed are NaN (written as null). */
typedef struct cs_facts {
    double repurchase_ratio_group, opens_ratio_group, merchant_store_share;
    double closed_loop_share, minutes_per_dau;
    double gmv_per_mau_year;             /* in-app GMV a year per monthly active user, yuan */
    double repurchase_rate;              /* share of the window's buyers who ordered again in it */
    double repurchase_rate_group;        /* the same for group members */
    int64_t gmv_tier_fen[4];             /* by enum cs_tier, whole run, both places */
    int64_t brand_gmv_fen[CS_CH_COUNT];  /* the brand (merchant 0), both places */
    int64_t brand_gmv_onsite_fen;        /* of it, paid in a store on the platform */
    int64_t brand_orders;
    int64_t brand_buyers;                /* users who bought the brand's product, and */
    int64_t brand_repeat_buyers;         /* those who bought it more than once */
    double brand_margin;                 /* the brand's gross margin on a sale */
    int64_t brand_budget_day;            /* day brand.budget first cut something, 0 never */
    int64_t brand_spend_fen[CS_CH_COUNT];
    int64_t other_gmv_fen[CS_CH_COUNT];  /* every other merchant */
    int64_t other_spend_fen;             /* their ads and commissions */
    int64_t merchants_active, merchants_with_store;
    int64_t merchants_replaced;           /* left the platform, each for a newcomer */
    int64_t groups_alive, groups_dead, circles_open, circles_closed;
    int64_t notes;
    double spam_share, mean_trust;        /* on the last day */
    int64_t membership_fen;               /* membership cards sold */
} cs_facts;

/* A platform run's facts by name (engine/facts.c), in the order runs.csv,
 * compare.csv and the run API list them: the brand's money first. */
enum { CS_FACTS_MAX = 96 };
size_t cs_facts_count(void);
const char *cs_facts_name(size_t i);
/* The first cap facts of f into values; returns cs_facts_count(). */
size_t cs_facts_values(const cs_facts *f, double *values, size_t cap);

typedef struct cs_model_ops cs_model_ops;


/* Build the network for sc on `threads` threads (the result does not depend
 * on how many). sc may be updated (population.size from an edge list).
 * *self_loops and *duplicates count what an edge list or a generator's
 * repeated draws dropped. With nodes not NULL, the attributes of
 * network.nodes, read and checked with the edge list, are kept there (zeroed
 * when there are none; free with cs_nodes_free). Returns 0, CS_ERR_INPUT
 * (reported: bad edge list, seeds outside it), CS_ERR_NOMEM. */
int cs_build_network(cs_scenario *sc, cs_network *net, cs_nodes *nodes, int threads,
                     uint64_t *self_loops, uint64_t *duplicates, cs_diag *diag);
/* The same, refusing (CS_ERR_INPUT, reported) an edge list whose memory
 * estimate is over the guard's limit as soon as its largest id is known,
 * before anything sized by it is made (guard NULL: no limit; see
 * engine/memory.h). */
struct cs_memory_guard;
int cs_build_network_within(cs_scenario *sc, cs_network *net, cs_nodes *nodes, int threads,
                            const struct cs_memory_guard *guard, uint64_t *self_loops,
                            uint64_t *duplicates, cs_diag *diag);

struct cs_population_params;
/* The population parameters a scenario sets. */
void cs_population_params_from(const cs_scenario *sc, struct cs_population_params *pp);

/* Read network.file into pairs and settle what depends on it: population.size
 * (largest id + 1, or a "# Nodes:" line, when not given) and cascade seeds
 * within it, and network.nodes (kept in *nodes unless nodes is NULL).
 * Everything `check` needs, without building the network. */
int cs_scenario_read_edgelist(cs_scenario *sc, cs_edge_buf *pairs, cs_nodes *nodes,
                              int threads, cs_diag *diag);
/* The same, checking the memory estimate against the guard (NULL: none) as
 * soon as the largest id is known, before network.nodes is read. */
int cs_scenario_read_edgelist_within(cs_scenario *sc, cs_edge_buf *pairs, cs_nodes *nodes,
                                     int threads, const struct cs_memory_guard *guard,
                                     cs_diag *diag);

int cs_run_init(cs_run *r, cs_scenario *sc, int threads, cs_diag *diag);
/* The same, refusing (CS_ERR_INPUT, reported) a run on an edge list whose
 * memory estimate, once the list's largest id has settled population.size,
 * is over memory_limit (0: none; limit_flags: CS_LIMIT_* of memory.h):
 * checked before the network is built. */
int cs_run_init_within(cs_run *r, cs_scenario *sc, int threads, uint64_t memory_limit,
                       int limit_flags, cs_diag *diag);
/* The same on the heap (a run points into itself: it never moves), for
 * the programs in apps/, which hold a run by pointer. NULL on failure
 * (reported; *rc, when not NULL, says which: CS_ERR_INPUT, CS_ERR_NOMEM).
 * Close with cs_run_close. */
cs_run *cs_run_open_within(cs_scenario *sc, int threads, uint64_t memory_limit,
                           int limit_flags, int *rc, cs_diag *diag);
/* Simulate the next day and append its row. Returns 0 or CS_ERR_NOMEM. */
int cs_run_step(cs_run *r);
void cs_run_free(cs_run *r);

/* A what-if changed live (the visualizer's sliders): lever `param` takes
 * `value` from the next day on. It is recorded as an intervention of day
 * r->day + 1 (replacing one of the same lever and day), so the run's
 * scenario.yaml replays it exactly. Returns 0, CS_ERR_INPUT (not a lever,
 * out of range, or the run is over; reported) or CS_ERR_NOMEM. */
int cs_run_set_lever_at(cs_run *r, int param, double value, cs_diag *diag);
/* Whether value is one lever `param` may take (range, whole numbers, whole
 * fen); 0, or CS_ERR_INPUT reported to diag. */
int cs_lever_check(int param, double value, cs_diag *diag);

/* What a run is, read without its fields. */
const cs_scenario *cs_run_base(const cs_run *r);   /* as given: what its files describe */
const cs_scenario *cs_run_live(const cs_run *r);   /* as it stands today (levers moved) */
const cs_day_row *cs_run_rows(const cs_run *r);    /* rows[0 .. cs_run_day(r)) */
const cs_network *cs_run_network(const cs_run *r);
/* What reading an edge list dropped (0 for a generator's network). */
void cs_run_dropped(const cs_run *r, uint64_t *self_loops, uint64_t *duplicates);
/* The days on which the run's interventions (given and recorded) take
 * effect, in order, each once: up to cap of them into days; returns how
 * many there are. */
size_t cs_run_intervention_days(const cs_run *r, int64_t *days, size_t cap);

/* The platform model's facts so far; returns 0, or -1 for a model that has
 * none (the textbook models). */
int cs_run_facts(const cs_run *r, cs_facts *f);

/* --detail: per-circle, per-group, per-product and per-user tables written
 * into dir (platform model; a no-op returning 0 for the others). */
int cs_run_write_detail(const cs_run *r, int dirfd, const char *dir, cs_diag *diag);

/* ---- what a picture shows of a run (the visualizer, `render`) ---- */

/* The furthest funnel stage a user reached on any product from day 1 on
 * (what cs_funnel counts; day 0 shows everyone on the platform unaware). */
enum cs_stage {
    CS_STAGE_ABSENT,  /* not registered, or left */
    CS_STAGE_UNAWARE,
    CS_STAGE_SEEDED,
    CS_STAGE_ENGAGED,
    CS_STAGE_BOUGHT,
    CS_STAGE_REPEAT,  /* bought one product more than once */
    CS_STAGE_COUNT
};
extern const char *const cs_stage_names[CS_STAGE_COUNT];

enum cs_role_bits { CS_ROLE_KOC = 1, CS_ROLE_KOL = 2, CS_ROLE_GROUP_OWNER = 4,
                    CS_ROLE_CIRCLE_OWNER = 8 };
/* What the brand did to or got from a user, for a lesson's highlights:
 * given the brand's product to write about (a seeded KOC), bought the
 * brand's product (merchant 0) on a reported day. */
enum cs_mark_bits { CS_MARK_BRAND_SEEDED = 1, CS_MARK_BRAND_BUYER = 2 };

#define CS_VIEW_GROUPS 3
#define CS_VIEW_CIRCLES 2
#define CS_VIEW_NONE UINT32_MAX

typedef struct cs_user_view {
    uint8_t stage;   /* enum cs_stage */
    uint8_t roles;   /* enum cs_role_bits */
    int8_t tier;     /* enum cs_tier, -1 when the model has none */
    uint8_t marks;   /* enum cs_mark_bits; 0 when the model has no brand */
    float trust;     /* 0..1, NaN when the model has none */
    uint32_t group[CS_VIEW_GROUPS];   /* group chats, CS_VIEW_NONE for none */
    uint32_t circle[CS_VIEW_CIRCLES]; /* circles */
} cs_user_view;

/* Distinct users, counted from day 1, who reached each step of the funnel:
 * -1 where the model has no such step. */
typedef struct cs_funnel {
    int64_t seeded, engaged, bought, showed, repurchased;
} cs_funnel;

void cs_run_view_user(const cs_run *r, uint32_t u, cs_user_view *v);
void cs_run_funnel(const cs_run *r, cs_funnel *f);
/* What graph files (graph_files.h) say of each user at the end of the day
 * the run has reached: the model's columns and values, with a description
 * naming the model, the seed and the day. *t is valid while the run is
 * neither stepped nor freed; free it with cs_node_attrs_free. Returns 0 or
 * CS_ERR_NOMEM (t then has no columns). */
struct cs_node_attrs;
int cs_run_node_attrs(const cs_run *r, struct cs_node_attrs *t);
/* Today's ties that carried a purchase: *pairs holds 2 * count user ids,
 * (friend whose note sold, buyer). Valid until the next step. */
size_t cs_run_sale_ties(const cs_run *r, const uint32_t **pairs);

/* ---- per-day rules, pure so they can be tested alone ---- */

/* Bass: probability that a non-buyer buys today, given how many of its
 * `degree` neighbours had bought by the end of yesterday. Capped at 1. */
double cs_bass_probability(double p, double q, uint64_t bought_neighbours, uint64_t degree);

#endif
