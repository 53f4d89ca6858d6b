/* SPDX-License-Identifier: MIT */
/* sweep_runs.c - one run of a sweep's design (sweep_runs.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "analysis/sweep_runs.h"

#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/fit_runs.h"
#include "analysis/taskfarm.h"
#include "base/alloc.h"
#include "engine/memory.h"
#include "base/csv.h"
#include "engine/engine.h"
#include "engine/output.h"
#include "engine/run_struct.h"

/* The scenario of one design point and replicate: the file, the --set
 * options, the point's values, the replicate's seed. */
int cs_sweep_point_scenario(const cs_sweep_plan *w, size_t point, int64_t replicate,
                            cs_scenario *sc, cs_diag *d)
{
    int code = cs_source_scenario(w->src, w->sets, w->nsets, sc, d);
    if (code)
        return code;
    char *set = NULL;
    int bad = 0;
    for (size_t k = 0; k < w->g->nvary && !bad; k++) {
        if (asprintf(&set, "%s=%s", w->g->vary[k].key, w->g->value[point * w->g->nvary + k]) < 0)
            return CS_ERR_NOMEM;
        bad = cs_scenario_set(sc, set, d) != 0;
        free(set);
    }
    if (!bad) {
        char seed[64];
        snprintf(seed, sizeof seed, "seed=%lld",
                 (long long)cs_replicate_seed(w->base_seed, replicate));
        bad = cs_scenario_set(sc, seed, d) != 0;
    }
    if (bad || cs_scenario_validate(sc, d) != 0)
        return CS_ERR_INPUT;
    return 0;
}

int cs_sweep_point_scenario_new(const cs_sweep_plan *p, size_t point, int64_t replicate,
                                cs_scenario **sc, cs_diag *d)
{
    *sc = cs_scenario_room(d);
    return *sc ? cs_sweep_point_scenario(p, point, replicate, *sc, d) : CS_ERR_NOMEM;
}

/* The fields of run's runs.csv record that the design fixes: run, point,
 * replicate, seed, variant and varied values, with the comma after them
 * (NULL when out of memory). A record read back on --resume must begin
 * with exactly these. */
char *cs_sweep_record_prefix(const cs_sweep_plan *w, size_t run)
{
    size_t point = run / (size_t)w->replicates;
    int64_t replicate = (int64_t)(run % (size_t)w->replicates);
    char *text = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&text, &len);
    if (!o)
        return NULL;
    fprintf(o, "%zu,%zu,%lld,%lld", run, point, (long long)replicate,
            (long long)cs_replicate_seed(w->base_seed, replicate));
    if (w->g->variant) {
        fputc(',', o);
        cs_csv_field(o, w->g->variant[point].name);
    }
    for (size_t k = 0; k < w->g->nvary; k++) {
        fputc(',', o);
        cs_csv_field(o, w->g->value[point * w->g->nvary + k]);
    }
    fputc(',', o);
    fclose(o);
    return text;
}

/* Runs one (point, replicate) to its end and formats its runs.csv record
 * (and, when asked, its series.csv rows into *series). */
char *cs_sweep_run_one(const cs_sweep_plan *w, size_t run, char **series, cs_diag *shared)
{
    /* A diagnostics counter of its own: runs go on side by side, and the
     * checks compare counts before and after. */
    cs_diag own, *d = &own;
    cs_diag_init(&own, shared->out);
    size_t point = run / (size_t)w->replicates;
    int64_t replicate = (int64_t)(run % (size_t)w->replicates);
    cs_scenario sc;
    if (cs_sweep_point_scenario(w, point, replicate, &sc, d) != 0) {
        cs_scenario_free(&sc);
        return NULL;
    }
    cs_run r;
    char *text = NULL;
    size_t len = 0;
    if (cs_run_init_within(&r, &sc, w->threads, w->run_memory, w->run_memory_flags, d) == 0) {
        int ok = 1;
        while (ok && r.day < sc.days && !(w->stop && *w->stop))
            ok = cs_run_step(&r) == 0;
        if (ok && r.day == sc.days) {
            char *prefix = cs_sweep_record_prefix(w, run);
            FILE *o = prefix ? open_memstream(&text, &len) : NULL;
            if (o) {
                fputs(prefix, o);
                cs_output_result_values(o, &r);
                fputc('\n', o);
                fclose(o);
            }
            size_t slen = 0;
            FILE *so = series ? open_memstream(series, &slen) : NULL;
            for (int64_t day = 0; so && day < r.day; day++) {
                fprintf(so, "%zu,", run);
                cs_output_row(so, &r.rows[day], sc.model);
                fputc('\n', so);
            }
            if (so)
                fclose(so);
            free(prefix);
            if (series && !*series) { /* a record vouches for its rows: none without */
                free(text);
                text = NULL;
                cs_diag_error(d, "out of memory in run %zu", run);
            }
        } else if (!ok) {
            cs_diag_error(d, "out of memory in run %zu", run);
        }
    }
    cs_run_free(&r);
    cs_scenario_free(&sc);
    return text;
}

void cs_sweep_header(FILE *o, const cs_sweep_plan *w, int model)
{
    fputs(w->g->variant ? "run,point,replicate,seed,variant" : "run,point,replicate,seed", o);
    for (size_t k = 0; k < w->g->nvary; k++) {
        fputc(',', o);
        cs_csv_field(o, w->g->vary[k].key);
    }
    fputc(',', o);
    cs_output_result_header(o, model);
    fputc('\n', o);
}


int cs_sweep_check_points(const cs_sweep_plan *p, size_t *largest, cs_diag *d)
{
    const cs_design *g = p->g;
    uint64_t largest_need = 0;
    *largest = 0;
    for (size_t i = 0; i < g->points; i++) {
        cs_scenario sc;
        int rc = cs_sweep_point_scenario(p, i, 0, &sc, d);
        uint64_t need = rc ? 0 : cs_memory_estimate(&sc);
        if (need > largest_need) {
            largest_need = need;
            *largest = i;
        }
        cs_scenario_free(&sc);
        if (rc && g->variant) {
            cs_diag_error(d, "(the problem above is in variant '%s')", g->variant[i].name);
        } else if (rc && g->nvary > 0) {
            char where[512];
            size_t at = 0;
            for (size_t k = 0; k < g->nvary && at < sizeof where; k++)
                at += (size_t)snprintf(where + at, sizeof where - at, "%s%s=%s", k ? ", " : "",
                                       g->vary[k].key, g->value[i * g->nvary + k]);
            cs_diag_error(d, "(the problem above is in design point %zu: %s)", i, where);
        }
        if (rc)
            return rc;
    }
    return 0;
}

/* ---- the public sweep (include/circlesim/experiment.h) ---- */

struct cs_sweep {
    size_t rows, columns;
    char *header;        /* the header's text, unquoted in place */
    const char **name;   /* columns */
    char **record;       /* rows: each record's text, unquoted in place */
    const char **cell;   /* rows x columns */
};

typedef struct public_job {
    const cs_sweep_plan *plan;
    char **record;
    cs_diag *d;
} public_job;

static int public_run(void *ctx, size_t run, const void *payload, size_t plen, void **out,
                      size_t *len)
{
    (void)payload, (void)plen, (void)out, (void)len;
    public_job *j = ctx;
    /* Each task writes its own slot: this farm runs in this process. */
    j->record[run] = cs_sweep_run_one(j->plan, run, NULL, j->d);
    return j->record[run] ? CS_TASK_DONE : CS_TASK_UNFINISHED;
}

static void public_done(void *ctx, size_t run, int status, void *bytes, size_t len)
{
    (void)ctx, (void)run, (void)status, (void)len;
    free(bytes);
}

/* Splits text (one CSV record) into want fields at cells; 0, or -1 when
 * it does not hold exactly that many. */
static int split(char *text, const char **cells, size_t want)
{
    enum { MAX = 4096 };
    if (want > MAX)
        return -1;
    cs_csv_value f[MAX];
    size_t pos = 0, bad = 0;
    int n = 0, lines = 0;
    if (cs_csv_record(text, strlen(text), &pos, f, MAX, &n, &bad, &lines) != 0 ||
        (size_t)n != want)
        return -1;
    for (size_t k = 0; k < want; k++) {
        ((char *)f[k].s)[f[k].len] = '\0';
        cells[k] = f[k].s;
    }
    return 0;
}

void cs_sweep_close(cs_sweep *s)
{
    if (!s)
        return;
    for (size_t r = 0; s->record && r < s->rows; r++)
        free(s->record[r]);
    free(s->record);
    free(s->header);
    free(s->name);
    free(s->cell);
    free(s);
}

cs_sweep *cs_sweep_run(const cs_scenario *sc, const char *const *vary_text, size_t nvary,
                       const cs_sweep_options *opt, cs_diag *d)
{
    const size_t R = opt && opt->replicates ? opt->replicates : 10;
    int design = CS_DESIGN_FACTORIAL;
    long long n = 0;
    if (opt && opt->design && cs_design_parse(opt->design, &design, &n, d) != 0)
        return NULL;
    if (design == CS_DESIGN_VARIANTS) {
        cs_diag_error(d, "a sweep of variants runs the scenario's experiment: block; "
                         "use circlesim sweep");
        return NULL;
    }
    if (nvary > 256) {
        cs_diag_error(d, "a sweep varies at most 256 keys, found %zu", nvary);
        return NULL;
    }
    cs_vary vary[256];
    size_t parsed = 0; /* entries to free: a failed parse leaves its own */
    int rc = 0;
    for (; parsed < nvary && rc == 0; parsed++)
        rc = cs_vary_parse(vary_text[parsed], &vary[parsed], d);
    if (rc == 0)
        rc = cs_design_check_keys(vary, nvary, design, 0, sc, d);
    cs_source src;
    memset(&src, 0, sizeof src);
    cs_design g = {.design = design, .vary = vary, .nvary = nvary};
    cs_sweep *s = NULL;
    public_job job = {.d = d};
    if (rc == 0 && design != CS_DESIGN_FACTORIAL && nvary == 0) {
        cs_diag_error(d, "--design %s needs --vary KEY=LO:HI ranges", opt->design);
        rc = CS_ERR_INPUT;
    }
    if (rc == 0) {
        g.points = cs_design_points(design, vary, nvary, n);
        if (g.points == 0 || g.points > 1000000 || (double)g.points * (double)R > 1e8) {
            cs_diag_error(d, "the sweep has %zu design points x %zu replicates: at most 10^6 "
                             "points and 10^8 runs", g.points, R);
            rc = CS_ERR_INPUT;
        }
    }
    if (rc == 0)
        rc = cs_source_of_scenario(&src, sc);
    if (rc == 0)
        rc = cs_design_table(&g, sc, sc->seed, d);
    cs_sweep_plan plan = {.src = &src, .g = &g, .replicates = (int64_t)R,
                          .base_seed = sc->seed,
                          .threads = opt && opt->threads > 0 ? opt->threads : 1,
                          .stop = opt ? opt->stop : NULL};
    /* Every point's scenario before any run, and the runs at once that
     * fit in the memory available now (each held to its share). */
    size_t largest = 0;
    if (rc == 0)
        rc = cs_sweep_check_points(&plan, &largest, d);
    const size_t total = g.points * R;
    long long jobs = opt && opt->jobs > 0 ? opt->jobs : omp_get_num_procs();
    if (rc == 0) {
        cs_scenario one;
        uint64_t need;
        rc = cs_sweep_point_scenario(&plan, largest, 0, &one, d);
        if (rc == 0)
            rc = cs_fit_runs(&one, cs_memory_available(), 0, (long long)total, &jobs,
                             &plan.run_memory, &need, d);
        cs_scenario_free(&one);
    }
    if (rc == 0 && !(s = calloc(1, sizeof *s)))
        rc = CS_ERR_NOMEM;
    if (rc == 0 && !(s->record = calloc(total, sizeof *s->record)))
        rc = CS_ERR_NOMEM;
    if (rc == 0) {
        s->rows = total;
        job.plan = &plan;
        job.record = s->record;
        cs_taskfarm_job farm = {.ntasks = total, .jobs = (int)jobs, .run = public_run,
                                .done = public_done, .ctx = &job, .stop = plan.stop};
        cs_taskfarm_run(&farm, NULL);
        size_t failed = 0;
        for (size_t r = 0; r < total; r++)
            failed += s->record[r] == NULL;
        if (failed && plan.stop && *plan.stop) {
            cs_diag_error(d, "interrupted: %zu of %zu runs of the sweep had finished",
                          total - failed, total);
            rc = CS_ERR_INTERRUPTED;
        } else if (failed) {
            cs_diag_error(d, "%zu of %zu runs of the sweep did not finish", failed, total);
            rc = CS_ERR_RUNTIME;
        }
    }
    if (rc == 0) {
        size_t len = 0;
        FILE *h = open_memstream(&s->header, &len);
        if (h) {
            cs_sweep_header(h, &plan, sc->model);
            fclose(h);
        }
        s->columns = 1;
        for (const char *c = s->header ? s->header : ""; *c; c++)
            s->columns += *c == ',';
        s->name = calloc(s->columns, sizeof *s->name);
        s->cell = calloc(total * s->columns + 1, sizeof *s->cell);
        if (!s->header || !s->name || !s->cell)
            rc = CS_ERR_NOMEM;
        else if (split(s->header, s->name, s->columns) != 0)
            rc = CS_ERR_RUNTIME;
        for (size_t r = 0; rc == 0 && r < total; r++)
            if (split(s->record[r], s->cell + r * s->columns, s->columns) != 0)
                rc = CS_ERR_RUNTIME;
        if (rc)
            cs_diag_error(d, "out of memory reading the sweep's records");
    }
    cs_design_clear(&g);
    cs_source_free(&src);
    for (size_t k = 0; k < parsed; k++)
        cs_vary_free(&vary[k]);
    if (rc) {
        cs_sweep_close(s);
        return NULL;
    }
    return s;
}

size_t cs_sweep_row_count(const cs_sweep *s)
{
    return s->rows;
}

size_t cs_sweep_column_count(const cs_sweep *s)
{
    return s->columns;
}

const char *cs_sweep_column_name(const cs_sweep *s, size_t c)
{
    return c < s->columns ? s->name[c] : NULL;
}

const char *cs_sweep_cell(const cs_sweep *s, size_t row, size_t c)
{
    return row < s->rows && c < s->columns ? s->cell[row * s->columns + c] : NULL;
}
