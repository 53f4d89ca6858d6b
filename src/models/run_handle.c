/* SPDX-License-Identifier: MIT */
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

#include "base/alloc.h"
#include "base/outdir.h"
#include "engine/engine.h"
#include "engine/run_struct.h"
#include "engine/model.h"
#include "engine/memory.h"
#include "engine/output.h"

cs_run *cs_run_open(cs_scenario *sc, int threads, cs_diag *diag)
{
    /* Held to the memory available now, as the command line is: a run that
     * cannot fit is refused with its estimate before anything is built,
     * rather than swapping the program that embeds the library to death. */
    const uint64_t limit = cs_memory_available();
    if (cs_memory_check(sc, limit, 0, diag) != 0)
        return NULL;
    cs_run *r = calloc(1, sizeof *r);
    if (!r) {
        cs_diag_error(diag, "out of memory opening a run");
        return NULL;
    }
    if (threads <= 0)
        threads = omp_get_num_procs();
    int rc = cs_run_init_within(r, sc, threads, limit, 0, diag);
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
        values[i] = cs_column_read(cs_column_at(r->base->model, i), &r->rows[day - 1]);
    }
    return n;
}

/* ---- facts: summary.json's figures by name (engine/facts.c) ---- */

/* Whether the run's model has facts (the textbook models have none). */
static int has_facts(const cs_run *r)
{
    return r->ops && r->ops->facts;
}

size_t cs_run_fact_count(const cs_run *r)
{
    return has_facts(r) ? cs_facts_count() : 0;
}

const char *cs_run_fact_name(const cs_run *r, size_t i)
{
    return i < cs_run_fact_count(r) ? cs_facts_name(i) : NULL;
}

double cs_run_fact(const cs_run *r, size_t i)
{
    cs_facts f;
    double values[CS_FACTS_MAX];
    if (i >= cs_facts_count() || i >= CS_FACTS_MAX || cs_run_facts(r, &f) != 0)
        return NAN;
    cs_facts_values(&f, values, CS_FACTS_MAX);
    return values[i];
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

char *cs_run_timeseries(const cs_run *r)
{
    return cs_output_timeseries(r);
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
