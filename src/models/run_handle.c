/* run_handle.c - the public run API (include/circlesim/run.h): an opaque
 * handle over the engine's in-place run, its rows read through the column
 * table and its facts by name. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>
#include <time.h>

#include "base/outdir.h"
#include "engine/engine.h"
#include "engine/run_struct.h"
#include "engine/model.h"
#include "engine/memory.h"
#include "engine/output.h"

cs_run *cs_run_open(cs_scenario *sc, int threads, cs_diag *diag)
{
    cs_run *r = calloc(1, sizeof *r);
    if (!r) {
        cs_diag_error(diag, "out of memory opening a run");
        return NULL;
    }
    if (threads <= 0)
        threads = omp_get_num_procs();
    int rc = cs_run_init(r, sc, threads, diag);
    if (rc) {
        if (rc == CS_ERR_NOMEM)
            cs_diag_error(diag, "out of memory building the network");
        cs_run_free(r);
        free(r);
        return NULL;
    }
    return r;
}

void cs_run_close(cs_run *r)
{
    if (!r)
        return;
    cs_run_free(r);
    free(r);
}

int64_t cs_run_day(const cs_run *r)
{
    return r->day;
}

int64_t cs_run_days(const cs_run *r)
{
    return r->sc->days;
}

size_t cs_run_column_count(const cs_run *r)
{
    return cs_column_count(r->base->model);
}

const char *cs_run_column_name(const cs_run *r, size_t i)
{
    const cs_column *c = cs_column_at(r->base->model, i);
    return c ? c->name : NULL;
}

size_t cs_run_row(const cs_run *r, int64_t day, double *values, size_t cap)
{
    if (day < 1 || day > r->day)
        return 0;
    size_t n = cs_column_count(r->base->model);
    for (size_t i = 0; i < n && i < cap; i++) {
        /* The file's text read back: the value a reader of timeseries.csv
         * sees, rounding included. */
        char text[48];
        cs_column_text(cs_column_at(r->base->model, i), &r->rows[day - 1], text, sizeof text);
        values[i] = strtod(text, NULL);
    }
    return n;
}

/* ---- facts: summary.json's figures by name ---- */

#define YUAN(fen) ((double)(fen) / 100.0)

static int64_t sum(const int64_t v[CS_CH_COUNT])
{
    int64_t s = 0;
    for (int c = 0; c < CS_CH_COUNT; c++)
        s += v[c];
    return s;
}

static double ratio(int64_t a, int64_t b)
{
    return b > 0 ? (double)a / (double)b : NAN;
}

/* One line a fact: its name and its value from cs_facts *f. */
#define FACTS(X) \
    X("repurchase_ratio_group", f->repurchase_ratio_group) \
    X("opens_ratio_group", f->opens_ratio_group) \
    X("merchant_store_share", f->merchant_store_share) \
    X("closed_loop_share", f->closed_loop_share) \
    X("minutes_per_dau", f->minutes_per_dau) \
    X("gmv_per_mau_year", f->gmv_per_mau_year) \
    X("repurchase_rate", f->repurchase_rate) \
    X("repurchase_rate_group", f->repurchase_rate_group) \
    X("gmv_tier_first", YUAN(f->gmv_tier_fen[0])) \
    X("gmv_tier_new_first_second", YUAN(f->gmv_tier_fen[1])) \
    X("gmv_tier_third_fourth", YUAN(f->gmv_tier_fen[2])) \
    X("gmv_tier_county", YUAN(f->gmv_tier_fen[3])) \
    X("brand_gmv", YUAN(sum(f->brand_gmv_fen))) \
    X("brand_spend", YUAN(sum(f->brand_spend_fen))) \
    X("brand_roi", ratio(sum(f->brand_gmv_fen) - sum(f->brand_spend_fen), sum(f->brand_spend_fen))) \
    X("brand_roas", ratio(sum(f->brand_gmv_fen), sum(f->brand_spend_fen))) \
    X("brand_orders", (double)f->brand_orders) \
    X("brand_gmv_feed", YUAN(f->brand_gmv_fen[CS_CH_FEED])) \
    X("brand_gmv_kol", YUAN(f->brand_gmv_fen[CS_CH_KOL])) \
    X("brand_gmv_koc", YUAN(f->brand_gmv_fen[CS_CH_KOC])) \
    X("brand_gmv_group", YUAN(f->brand_gmv_fen[CS_CH_GROUP])) \
    X("brand_gmv_circle", YUAN(f->brand_gmv_fen[CS_CH_CIRCLE])) \
    X("brand_gmv_livestream", YUAN(f->brand_gmv_fen[CS_CH_LIVESTREAM])) \
    X("brand_gmv_dm", YUAN(f->brand_gmv_fen[CS_CH_DM])) \
    X("brand_spend_feed", YUAN(f->brand_spend_fen[CS_CH_FEED])) \
    X("brand_spend_kol", YUAN(f->brand_spend_fen[CS_CH_KOL])) \
    X("brand_spend_koc", YUAN(f->brand_spend_fen[CS_CH_KOC])) \
    X("brand_spend_group", YUAN(f->brand_spend_fen[CS_CH_GROUP])) \
    X("brand_spend_circle", YUAN(f->brand_spend_fen[CS_CH_CIRCLE])) \
    X("brand_spend_livestream", YUAN(f->brand_spend_fen[CS_CH_LIVESTREAM])) \
    X("brand_spend_dm", YUAN(f->brand_spend_fen[CS_CH_DM])) \
    X("other_gmv", YUAN(sum(f->other_gmv_fen))) \
    X("other_spend", YUAN(f->other_spend_fen)) \
    X("merchants_active", (double)f->merchants_active) \
    X("merchants_with_store", (double)f->merchants_with_store) \
    X("merchants_replaced", (double)f->merchants_replaced) \
    X("groups_active", (double)f->groups_alive) \
    X("groups_closed", (double)f->groups_dead) \
    X("circles_active", (double)f->circles_open) \
    X("circles_closed", (double)f->circles_closed) \
    X("notes", (double)f->notes) \
    X("spam_share", f->spam_share) \
    X("mean_trust", f->mean_trust) \
    X("membership_fees", YUAN(f->membership_fen))

static const char *const fact_names[] = {
#define X(name, value) name,
    FACTS(X)
#undef X
};
#define N_FACTS (sizeof fact_names / sizeof fact_names[0])

/* Whether the run's model has facts (the textbook models have none). */
static int has_facts(const cs_run *r)
{
    return r->ops && r->ops->facts;
}

size_t cs_run_fact_count(const cs_run *r)
{
    return has_facts(r) ? N_FACTS : 0;
}

const char *cs_run_fact_name(const cs_run *r, size_t i)
{
    return i < cs_run_fact_count(r) ? fact_names[i] : NULL;
}

double cs_run_fact(const cs_run *r, size_t i)
{
    cs_facts facts;
    if (i >= N_FACTS || cs_run_facts(r, &facts) != 0)
        return NAN;
    const cs_facts *f = &facts;
    const double value[] = {
#define X(name, value) value,
        FACTS(X)
#undef X
    };
    return value[i];
}

int cs_run_set_lever(cs_run *r, const char *key, double value, cs_diag *diag)
{
    int param = cs_param_find(key);
    if (param < 0) {
        cs_diag_set(diag, key, "no such key");
        return CS_ERR_INPUT;
    }
    int rc = cs_run_set_lever_at(r, param, value, diag);
    if (rc == 0 && !cs_scenario_reads(r->base, key))
        cs_diag_warn_set(diag, key, "the %s model does not read it: it changes nothing",
                         cs_model_name(r->base->model));
    return rc;
}

/* What summary.json says of the run itself, as the library knows it. */
static cs_run_info info_of(const cs_run *r)
{
    cs_run_info info = {.complete = r->day >= r->sc->days,
                        .memory_estimate = cs_memory_estimate(r->base)};
    time_t now = time(NULL);
    struct tm tm;
    if (gmtime_r(&now, &tm))
        strftime(info.started, sizeof info.started, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return info;
}

char *cs_run_summary(const cs_run *r)
{
    cs_run_info info = info_of(r);
    return cs_output_summary(r, &info);
}

int cs_run_write(const cs_run *r, const char *dir, cs_diag *diag)
{
    cs_outdir out;
    int rc = cs_outdir_open(&out, dir, &cs_run_kind, 0, diag);
    if (rc)
        return rc;
    cs_run_info info = info_of(r);
    rc = cs_output_write(&out, r, &info, diag);
    cs_outdir_close(&out);
    return rc;
}
