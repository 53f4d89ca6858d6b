/* SPDX-License-Identifier: MIT */
/* batch.c - the runs behind `calibrate` and `optimize`, side by side.
 * Every task's result depends only on its assignments and seed, so the
 * answers are the same for any number of jobs or ranks. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "analysis/batch.h"
#include "engine/run_struct.h"

#include <math.h>
#include <stdint.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>



const char *const cs_objective_names[CS_OBJ_COUNT] = {"buyers", "gmv", "brand_gmv",
                                                      "brand_profit"};

void cs_batch_objective(const cs_run *r, double *out, void *ctx)
{
    const int objective = *(const int *)ctx;
    cs_facts facts;
    const int have = cs_run_facts(r, &facts) == 0; /* the platform's, once */
    int64_t fen = 0;
    if (r->day == 0)
        out[0] = NAN;
    else if (objective == CS_OBJ_BUYERS)
        out[0] = (double)r->rows[r->day - 1].buyers;
    else if (objective == CS_OBJ_GMV) {
        for (int64_t t = 0; t < r->day; t++)
            fen += r->rows[t].gmv_fen + r->rows[t].gmv_offsite_fen;
        out[0] = (double)fen / 100.0;
    } else {
        int64_t spent = 0;
        for (int c = 0; have && c < CS_CH_COUNT; c++) {
            fen += facts.brand_gmv_fen[c];
            spent += facts.brand_spend_fen[c];
        }
        out[0] = !have                             ? NAN
                 : objective == CS_OBJ_BRAND_GMV ? (double)fen / 100.0
                                                 : (r->sc->market_margin * (double)fen -
                                                    (double)spent) / 100.0;
    }
    for (int c = 0; c < CS_CH_COUNT; c++) {
        out[1 + c] = have ? (double)facts.brand_spend_fen[c] / 100.0 : NAN;
        out[1 + CS_CH_COUNT + c] = have ? (double)facts.brand_gmv_fen[c] / 100.0 : NAN;
    }
}

cs_batch_task *cs_batch_tasks(const cs_batch *f, size_t n)
{
    size_t k = f->nvalues ? f->nvalues : 1;
    cs_batch_task *t = calloc(1, n * sizeof *t + n * k * sizeof(double) + 1);
    if (!t)
        return NULL;
    double *v = (double *)(t + n);
    for (size_t i = 0; i < n; i++)
        t[i].values = v + i * k;
    return t;
}

int cs_batch_scenario(const cs_batch *f, const char *sets, int64_t seed, cs_scenario *sc,
                     cs_diag *d)
{
    int code = cs_source_scenario(f->src, f->sets, f->nsets, sc, d);
    if (code)
        return code;
    for (const char *s = sets; s && *s;) {
        const char *end = strchr(s, '\n');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        char *one = strndup(s, len);
        int rc = one ? cs_scenario_set(sc, one, d) : CS_ERR_NOMEM;
        free(one);
        if (rc)
            return rc == CS_ERR_NOMEM ? CS_ERR_NOMEM : CS_ERR_INPUT;
        s = end ? end + 1 : s + len;
    }
    char set[96];
    snprintf(set, sizeof set, "seed=%lld", (long long)seed);
    if (cs_scenario_set(sc, set, d) != 0)
        return CS_ERR_INPUT;
    snprintf(set, sizeof set, "world_seed=%lld", (long long)f->world_seed);
    if ((f->fix_world && cs_scenario_set(sc, set, d) != 0) || cs_scenario_validate(sc, d) != 0)
        return CS_ERR_INPUT;
    return 0;
}

int cs_batch_scenario_new(const cs_batch *f, const char *sets, int64_t seed, cs_scenario **sc,
                          cs_diag *d)
{
    *sc = cs_scenario_room(d);
    return *sc ? cs_batch_scenario(f, sets, seed, *sc, d) : CS_ERR_NOMEM;
}

static int stopped(const cs_batch *f)
{
    return f->stop && *f->stop;
}

/* One task: status as cs_batch_task says. */
static int one_run(const cs_batch *f, const char *sets, int64_t seed, double *values)
{
    cs_diag quiet;
    cs_diag_init_muted(&quiet);
    cs_scenario sc;
    if (cs_batch_scenario(f, sets, seed, &sc, &quiet) != 0) {
        cs_scenario_free(&sc);
        return CS_TASK_INVALID;
    }
    cs_run r;
    int status = CS_TASK_UNFINISHED;
    if (cs_run_init_within(&r, &sc, f->threads, f->run_memory, f->run_memory_flags, &quiet) ==
        0) {
        int ok = 1;
        while (ok && r.day < sc.days && !stopped(f))
            ok = cs_run_step(&r) == 0;
        if (ok && r.day == sc.days) {
            f->measure(&r, values, f->measure_ctx);
            status = CS_TASK_DONE;
        }
    }
    cs_run_free(&r);
    cs_scenario_free(&sc);
    return status;
}

/* ---- the farm's tasks through the task farm (analysis/taskfarm.h) ----
 * A task's payload is its seed (int64) then its assignments; its result
 * the nvalues measures. */

typedef struct batch_job {
    cs_batch *f;
    cs_batch_task *t;
    char **payload;        /* per task, made before the tasks start */
    size_t *plen;
} batch_job;

static int run_task(void *ctx, size_t i, const void *payload, size_t plen, void **out,
                    size_t *len)
{
    (void)i;
    const batch_job *b = ctx;
    int64_t seed;
    if (plen < sizeof seed)
        return CS_TASK_UNFINISHED;
    memcpy(&seed, payload, sizeof seed);
    char *sets = strndup((const char *)payload + sizeof seed, plen - sizeof seed);
    double *values = malloc((b->f->nvalues ? b->f->nvalues : 1) * sizeof *values);
    if (!sets || !values) {
        free(sets), free(values);
        return CS_TASK_UNFINISHED;
    }
    for (size_t k = 0; k < b->f->nvalues; k++)
        values[k] = NAN;
    int status = one_run(b->f, sets, seed, values);
    free(sets);
    if (status < 0 && !stopped(b->f)) {
        cs_diag loud;
        cs_diag_init(&loud, stderr);
        cs_diag_error(&loud, "a run (seed %lld) did not finish (out of memory?)",
                      (long long)seed);
    }
    *out = values;
    *len = b->f->nvalues * sizeof *values;
    return status;
}

static void task_done(void *ctx, size_t i, int status, void *bytes, size_t len)
{
    batch_job *b = ctx;
    b->t[i].status = status;
    if (bytes && len == b->f->nvalues * sizeof(double))
        memcpy(b->t[i].values, bytes, len);
    free(bytes);
}

static const void *task_payload(void *ctx, size_t i, size_t *len)
{
    const batch_job *b = ctx;
    *len = b->plen[i];
    return b->payload[i];
}

static cs_taskfarm_job job_of(batch_job *b, size_t n)
{
    return (cs_taskfarm_job){.ntasks = n, .jobs = b->f->jobs, .run = run_task, .done = task_done,
                             .payload = task_payload, .ctx = b, .stop = b->f->stop};
}

void cs_batch_serve(cs_batch *f)
{
    batch_job b = {.f = f};
    cs_taskfarm_job job = job_of(&b, SIZE_MAX);
    cs_taskfarm_serve(&job, f->transport);
}

void cs_batch_release(const cs_batch *f)
{
    cs_taskfarm_release(f->transport);
}

int cs_batch_run(cs_batch *f, cs_batch_task *t, size_t n)
{
    double start = omp_get_wtime();
    batch_job b = {.f = f, .t = t, .payload = calloc(n ? n : 1, sizeof *b.payload),
               .plen = calloc(n ? n : 1, sizeof *b.plen)};
    int nomem = !b.payload || !b.plen;
    for (size_t i = 0; i < n && !nomem; i++) {
        size_t len = t[i].sets ? strlen(t[i].sets) : 0;
        b.payload[i] = malloc(sizeof(int64_t) + len + 1);
        if (!b.payload[i]) {
            nomem = 1;
            break;
        }
        memcpy(b.payload[i], &t[i].seed, sizeof(int64_t));
        if (len)
            memcpy(b.payload[i] + sizeof(int64_t), t[i].sets, len);
        b.plen[i] = sizeof(int64_t) + len;
    }
    for (size_t i = 0; i < n; i++) {
        t[i].status = CS_TASK_UNFINISHED;
        for (size_t k = 0; k < f->nvalues; k++)
            t[i].values[k] = NAN;
    }
    if (!nomem) {
        cs_taskfarm_job job = job_of(&b, n);
        cs_taskfarm_run(&job, f->transport);
    }
    for (size_t i = 0; b.payload && i < n; i++)
        free(b.payload[i]);
    free(b.payload);
    free(b.plen);
    f->runs += n;
    f->seconds += omp_get_wtime() - start;
    for (size_t i = 0; i < n; i++)
        if (t[i].status < 0)
            return -1;
    return 0;
}
