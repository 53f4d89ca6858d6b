/* SPDX-License-Identifier: MIT */
/* engine.c - builds a scenario's network and runs its model day by day. */
#include "engine/engine.h"
#include "engine/run_struct.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/memory.h"
#include "network/population.h"
#include "engine/model.h"

void cs_population_params_from(const cs_scenario *sc, cs_population_params *pp)
{
    pp->tier_share[CS_TIER_FIRST] = sc->population_tier_first;
    pp->tier_share[CS_TIER_NEW_FIRST_SECOND] = sc->population_tier_new_first_second;
    pp->tier_share[CS_TIER_THIRD_FOURTH] = sc->population_tier_third_fourth;
    pp->tier_share[CS_TIER_COUNTY] = sc->population_tier_county;
    pp->post95_share = sc->population_post95_share;
    pp->tags = (uint32_t)sc->population_tags;
    pp->interests = (uint32_t)sc->population_interests;
    pp->tag_zipf = sc->population_tag_zipf;
    pp->degree_exponent = sc->network_degree_exponent;
    pp->tier_sociability = sc->population_tier_sociability;
}

int cs_scenario_read_edgelist(cs_scenario *sc, cs_edge_buf *pairs, cs_nodes *keep,
                              int threads, cs_diag *diag)
{
    return cs_scenario_read_edgelist_within(sc, pairs, keep, threads, NULL, diag);
}

int cs_scenario_read_edgelist_within(cs_scenario *sc, cs_edge_buf *pairs, cs_nodes *keep,
                                     int threads, const cs_memory_guard *guard, cs_diag *diag)
{
    cs_edgelist_stats st;
    int rc = cs_edgelist_read_threads(sc->network_file, sc->network_file, pairs, &st, threads,
                                      diag);
    if (rc)
        return rc;
    memcpy(sc->network_file_hash, st.sha256, sizeof st.sha256);
    int64_t need = st.max_id + 1;
    if (st.declared_nodes > need)
        need = st.declared_nodes;
    int key = cs_param_find("population.size");
    if (sc->origin[key].from == CS_FROM_DEFAULT) {
        if (need == 0) {
            cs_scenario_key_error(sc, diag, cs_param_find("network.file"),
                                  "network.file holds no ties and no \"# Nodes:\" line, so the "
                                  "population is unknown: set population.size");
            return CS_ERR_INPUT;
        }
        sc->population_size = need;
    } else if (sc->population_size < st.max_id + 1) {
        cs_scenario_key_error(sc, diag, key,
                              "population.size (%lld) is smaller than the edge list needs: "
                              "its largest user id is %lld",
                              (long long)sc->population_size, (long long)st.max_id);
        return CS_ERR_INPUT;
    }
    /* The population is known now: a few bytes naming user 2*10^9 must
     * be refused here, not after a network of that size is built. */
    if (guard && guard->limit && cs_memory_check_guarded(sc, guard, diag) != 0)
        return CS_ERR_INPUT;
    if (sc->network_nodes[0] != '\0') {
        /* The attributes file is checked against the population now known. */
        /* Read once: the run uses what was checked and hashed. */
        cs_nodes nodes;
        int nrc = cs_nodes_read(sc->network_nodes, sc->network_nodes, (uint32_t)sc->population_size,
                                (uint32_t)sc->population_tags, (uint32_t)sc->population_interests,
                                &nodes, diag);
        memcpy(sc->network_nodes_hash, nodes.sha256, sizeof nodes.sha256);
        if (nrc || !keep)
            cs_nodes_free(&nodes);
        else
            *keep = nodes;
        if (nrc)
            return nrc;
    }
    int seeds = cs_seed_list_param(sc->model);
    if (seeds >= 0) {
        const char *key = cs_param_at((size_t)seeds)->key;
        const cs_int_list *s =
            (const cs_int_list *)((const char *)sc + cs_param_at((size_t)seeds)->offset);
        for (size_t i = 0; i < s->n; i++)
            if (s->v[i] >= sc->population_size) {
                cs_scenario_key_error(sc, diag, cs_param_find(key),
                                      "%s[%zu] = %lld is not a user of the edge list (ids 0 to "
                                      "%lld)",
                                      key, i, (long long)s->v[i],
                                      (long long)(sc->population_size - 1));
                rc = CS_ERR_INPUT;
            }
    }
    return rc;
}

int cs_build_network(cs_scenario *sc, cs_network *net, cs_nodes *nodes, int threads,
                     uint64_t *self_loops, uint64_t *duplicates, cs_diag *diag)
{
    return cs_build_network_within(sc, net, nodes, threads, NULL, self_loops, duplicates, diag);
}

int cs_build_network_within(cs_scenario *sc, cs_network *net, cs_nodes *nodes, int threads,
                            const cs_memory_guard *guard, uint64_t *self_loops,
                            uint64_t *duplicates, cs_diag *diag)
{
    memset(net, 0, sizeof *net);
    if (nodes)
        memset(nodes, 0, sizeof *nodes);
    *self_loops = *duplicates = 0;
    uint64_t seed = (uint64_t)cs_world_seed(sc);
    uint32_t n = (uint32_t)sc->population_size;
    int rc = 0;
    switch (sc->network_kind) {
    case CS_NET_COMPLETE:
        cs_network_complete(net, n);
        break;
    case CS_NET_ERDOS_RENYI:
        rc = cs_gen_erdos_renyi(net, n, sc->network_mean_degree, seed);
        break;
    case CS_NET_BARABASI_ALBERT:
        rc = cs_gen_barabasi_albert(net, n, (uint32_t)sc->network_m, seed);
        break;
    case CS_NET_WATTS_STROGATZ:
        rc = cs_gen_watts_strogatz(net, n, (uint32_t)sc->network_k, sc->network_beta, seed);
        break;
    case CS_NET_SBM: {
        const cs_int_list *b = &sc->network_blocks;
        uint32_t *sizes = malloc(b->n * sizeof *sizes);
        if (!sizes)
            return CS_ERR_NOMEM;
        for (size_t i = 0; i < b->n; i++)
            sizes[i] = (uint32_t)b->v[i];
        rc = cs_gen_sbm(net, sizes, b->n, sc->network_p_in, sc->network_p_out, seed);
        free(sizes);
        break;
    }
    case CS_NET_HOMOPHILY: {
        cs_population pop;
        cs_population_params pp;
        cs_population_params_from(sc, &pp);
        rc = cs_population_generate(&pop, n, &pp, seed, threads);
        if (rc == 0) {
            cs_homophily_params hp = {sc->network_mean_degree, sc->network_interest_share,
                                      sc->network_tier_share, sc->network_closure};
            rc = cs_gen_homophily(net, &pop, &hp, seed, threads, duplicates);
        }
        cs_population_free(&pop);
        break;
    }
    case CS_NET_EDGELIST: {
        cs_edge_buf pairs = {0};
        rc = cs_scenario_read_edgelist_within(sc, &pairs, nodes, threads, guard, diag);
        if (rc == 0)
            rc = cs_network_from_pairs_threads(net, (uint32_t)sc->population_size, &pairs,
                                               threads, self_loops, duplicates);
        cs_edge_buf_free(&pairs);
        break;
    }
    }
    if (rc == CS_ERR_INPUT && sc->network_kind != CS_NET_EDGELIST)
        cs_diag_error(diag, "cannot generate a %s network with these parameters",
                      cs_network_kind_name(sc->network_kind));
    if (rc)
        cs_network_free(net);
    return rc;
}


int cs_run_init_ops(cs_run *r, cs_scenario *sc, const cs_model_ops *ops, int threads,
                    uint64_t memory_limit, int limit_flags, cs_diag *diag)
{
    memset(r, 0, sizeof *r);
    r->sc = r->base = sc;
    r->threads = threads > 0 ? threads : 1;
    /* An edge list settles population.size only when read: the estimate
     * made before counted the size the scenario gave, so the build checks
     * it again as soon as the list's largest id is known. */
    cs_memory_guard guard = {memory_limit, limit_flags, ops->bytes_per_user(sc),
                             ops->fixed_bytes ? ops->fixed_bytes(sc) : 0};
    int rc = cs_build_network_within(sc, &r->net, &r->nodes, r->threads, &guard,
                                     &r->self_loops_dropped, &r->duplicates_dropped, diag);
    if (rc)
        return rc;
    /* A shallow copy: interventions change only numbers in it. Its list of
     * interventions is its own, since a run may record more. */
    r->live = *sc;
    r->sc = &r->live;
    r->live.interventions = NULL;
    if (sc->n_interventions) {
        size_t bytes = sc->n_interventions * sizeof *sc->interventions;
        r->live.interventions = malloc(bytes);
        if (!r->live.interventions)
            return CS_ERR_NOMEM;
        memcpy(r->live.interventions, sc->interventions, bytes);
    }
    r->rows = calloc((size_t)sc->days, sizeof *r->rows);
    if (!r->rows)
        return CS_ERR_NOMEM;
    r->ops = ops;
    rc = r->ops->init(r);
    if (rc)
        return rc;
    /* Warm-up days (platform): simulated before day 1, reported nowhere;
     * interventions only start on day 1. */
    const cs_param *warmup = cs_param_at((size_t)cs_param_find("warmup_days"));
    r->warmup_days = warmup->models & (1u << sc->model) ? sc->warmup_days : 0;
    for (int64_t d = 1 - r->warmup_days; d <= 0 && rc == 0; d++) {
        cs_day_row scratch = {0};
        scratch.day = d;
        rc = r->ops->step(r, d, &scratch);
    }
    return rc;
}

int cs_run_step(cs_run *r)
{
    if (r->day >= r->sc->days)
        return 0;
    cs_day_row *row = &r->rows[r->day];
    memset(row, 0, sizeof *row);
    row->day = r->day + 1;
    cs_scenario_apply_interventions(&r->live, row->day);
    int rc = r->ops->step(r, row->day, row);
    if (rc)
        return rc;
    r->day++;
    return 0;
}

void cs_textbook_row(const cs_run *r, cs_day_row *row)
{
    int64_t price_fen = (int64_t)(r->sc->price * 100.0 + 0.5);
    row->users = r->net.n;
    row->dau = r->net.n;
    row->seeded = row->engaged = row->buyers;
    row->gmv_fen = row->orders * price_fen;
    row->gmv_offsite_fen = 0;
}

const char *const cs_stage_names[CS_STAGE_COUNT] = {"absent", "unaware", "seeded",
                                                     "engaged", "bought", "bought again"};

void cs_view_textbook(cs_user_view *v, int bought)
{
    memset(v, 0, sizeof *v);
    v->stage = bought ? CS_STAGE_BOUGHT : CS_STAGE_UNAWARE;
    v->tier = -1;
    v->trust = NAN;
    for (int k = 0; k < CS_VIEW_GROUPS; k++)
        v->group[k] = CS_VIEW_NONE;
    for (int k = 0; k < CS_VIEW_CIRCLES; k++)
        v->circle[k] = CS_VIEW_NONE;
}

void cs_run_view_user(const cs_run *r, uint32_t u, cs_user_view *v)
{
    r->ops->view(r, u, v);
}

int cs_run_node_attrs(const cs_run *r, cs_node_attrs *t)
{
    memset(t, 0, sizeof *t);
    int rc = r->ops->node_attrs ? r->ops->node_attrs(r, t) : 0;
    if (rc) {
        cs_node_attrs_free(t);
        memset(t, 0, sizeof *t);
        return rc;
    }
    /* The day is the one thing a reader of the file cannot tell from it. */
    const cs_scenario *sc = r->base;
    snprintf(t->description, sizeof t->description, "circlesim %s model, seed %lld, %s %lld of %lld",
             cs_model_name(sc->model), (long long)sc->seed,
             r->day ? "the end of day" : "before day", (long long)(r->day ? r->day : 1),
             (long long)sc->days);
    return 0;
}

void cs_run_funnel(const cs_run *r, cs_funnel *f)
{
    if (r->ops->funnel) {
        r->ops->funnel(r, f);
        return;
    }
    /* Textbook models: one stage; no notes, no second purchase. */
    int64_t b = r->day ? r->rows[r->day - 1].buyers : 0;
    *f = (cs_funnel){b, b, b, -1, -1};
}

size_t cs_run_sale_ties(const cs_run *r, const uint32_t **pairs)
{
    *pairs = NULL;
    return r->ops->sale_ties ? r->ops->sale_ties(r, pairs) : 0;
}

int cs_run_facts(const cs_run *r, cs_facts *f)
{
    if (!r->ops || !r->ops->facts)
        return -1;
    return r->ops->facts(r, f);
}

int cs_run_write_detail(const cs_run *r, int dirfd, const char *dir, cs_diag *diag)
{
    if (!r->ops || !r->ops->detail)
        return 0;
    return r->ops->detail(r, dirfd, dir, diag);
}

int cs_lever_check(int param, double value, cs_diag *diag)
{
    const cs_param *p = cs_param_at((size_t)param);
    if (!p || !(p->flags & CS_P_LEVER)) {
        cs_diag_set(diag, p ? p->key : "?", "not a lever that can change during a run");
        return CS_ERR_INPUT;
    }
    if (!(value >= p->min && value <= p->max) ||
        ((p->type == CS_T_INT || p->type == CS_T_BOOL) && value != floor(value))) {
        cs_diag_set(diag, p->key, "must be between %g and %g, found %g", p->min, p->max, value);
        return CS_ERR_INPUT;
    }
    if (!cs_param_fen_ok(param, value)) {
        cs_diag_set(diag, p->key, "must be a whole number of fen (0.01 yuan), found %g", value);
        return CS_ERR_INPUT;
    }
    return 0;
}

int cs_run_set_lever_at(cs_run *r, int param, double value, cs_diag *diag)
{
    if (cs_lever_check(param, value, diag))
        return CS_ERR_INPUT;
    const cs_param *p = cs_param_at((size_t)param);
    int64_t day = r->day + 1;
    if (day > r->sc->days) {
        cs_diag_set(diag, p->key, "the run is over: no day left to change");
        return CS_ERR_INPUT;
    }
    cs_scenario *live = &r->live;
    for (size_t i = 0; i < live->n_interventions; i++)
        if (live->interventions[i].day == day && live->interventions[i].param == param) {
            live->interventions[i].value = value;
            return 0;
        }
    if (live->n_interventions >= CS_MAX_INTERVENTIONS) {
        cs_diag_set(diag, p->key, "too many lever settings in one run (at most %d)",
                    CS_MAX_INTERVENTIONS);
        return CS_ERR_INPUT;
    }
    cs_intervention *grown = realloc(live->interventions,
                                     (live->n_interventions + 1) * sizeof *grown);
    if (!grown)
        return CS_ERR_NOMEM;
    live->interventions = grown;
    /* Keep the list sorted by day, then table order, as the loader does. */
    size_t at = live->n_interventions;
    while (at > 0 && (grown[at - 1].day > day ||
                      (grown[at - 1].day == day && grown[at - 1].param > param))) {
        grown[at] = grown[at - 1];
        at--;
    }
    grown[at] = (cs_intervention){day, param, value, 0, 0, 0, 0};
    live->n_interventions++;
    return 0;
}

cs_scenario cs_run_scenario(const cs_run *r)
{
    cs_scenario view = *r->base;
    view.interventions = r->live.interventions;
    view.n_interventions = r->live.n_interventions;
    return view;
}

const cs_scenario *cs_run_base(const cs_run *r)
{
    return r->base;
}

const cs_scenario *cs_run_live(const cs_run *r)
{
    return r->sc;
}

const cs_day_row *cs_run_rows(const cs_run *r)
{
    return r->rows;
}

const cs_network *cs_run_network(const cs_run *r)
{
    return &r->net;
}

void cs_run_dropped(const cs_run *r, uint64_t *self_loops, uint64_t *duplicates)
{
    *self_loops = r->self_loops_dropped;
    *duplicates = r->duplicates_dropped;
}

size_t cs_run_intervention_days(const cs_run *r, int64_t *days, size_t cap)
{
    /* The live list is sorted by day (scenario.h), so equal days are
     * neighbours. */
    size_t n = 0;
    int64_t last = INT64_MIN;
    for (size_t i = 0; i < r->live.n_interventions; i++) {
        int64_t day = r->live.interventions[i].day;
        if (day < 1 || day > r->base->days || day == last)
            continue;
        if (n < cap)
            days[n] = day;
        n++;
        last = day;
    }
    return n;
}

void cs_run_free(cs_run *r)
{
    free(r->live.interventions);
    if (r->ops && r->ops->free)
        r->ops->free(r);
    cs_network_free(&r->net);
    cs_nodes_free(&r->nodes);
    free(r->rows);
    memset(r, 0, sizeof *r);
}
