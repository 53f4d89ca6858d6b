/* SPDX-License-Identifier: MIT */
/* compare.c - paired runs of two scenarios and their differences
 * (compare.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "analysis/compare.h"

#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/fit_runs.h"
#include "analysis/sweep.h"
#include "base/alloc.h"
#include "engine/memory.h"
#include "engine/engine.h"
#include "engine/output.h"
#include "engine/run_struct.h"

/* Runs side's scenario with seed and collects the metrics (from the
 * runs.csv-style record, so they are the values the files show). */
static void one(const cs_compare_spec *spec, int side, int64_t seed, size_t nmetrics,
                cs_compare_run *out)
{
    cs_diag own, *d = &own; /* runs go on side by side: a counter of its own */
    cs_diag_init(&own, spec->d->out);
    memset(out, 0, sizeof *out);
    const char **sets = malloc((spec->nsets + 1) * sizeof *sets);
    char set[64];
    snprintf(set, sizeof set, "seed=%lld", (long long)seed);
    if (!sets)
        return;
    for (size_t i = 0; i < spec->nsets; i++)
        sets[i] = spec->sets[i];
    sets[spec->nsets] = set;
    cs_scenario sc;
    int rc = cs_source_scenario(spec->src[side], sets, spec->nsets + 1, &sc, d);
    free(sets);
    if (rc) {
        cs_scenario_free(&sc);
        return;
    }
    cs_run r;
    if (cs_run_init_within(&r, &sc, spec->threads, spec->run_memory, spec->run_memory_flags,
                           d) == 0) {
        int ok = 1;
        while (ok && r.day < sc.days && !(spec->stop && *spec->stop))
            ok = cs_run_step(&r) == 0;
        char *text = NULL;
        size_t len = 0;
        FILE *m = ok && r.day == sc.days ? open_memstream(&text, &len) : NULL;
        if (m) {
            cs_output_result_values(m, &r);
            fclose(m);
        }
        const size_t nc = cs_column_count(sc.model);
        /* metrics_only: no day is kept, so none is formatted. */
        const int64_t kept = spec->metrics_only ? 0 : r.day;
        out->metric = text ? malloc((nmetrics + 1) * sizeof *out->metric) : NULL;
        out->series = text ? malloc((size_t)(kept ? kept : 1) * nc * sizeof *out->series)
                           : NULL;
        if (out->metric && out->series) {
            /* The record's first field is final_day, which is no metric. */
            const char *p = strchr(text, ',');
            for (size_t k = 0; k < nmetrics; k++) {
                /* An empty field (a ratio without a denominator) is NaN. */
                char *end = NULL;
                out->metric[k] = p ? strtod(p + 1, &end) : NAN;
                if (p && end == p + 1)
                    out->metric[k] = NAN;
                p = p ? strchr(p + 1, ',') : NULL;
            }
            /* Each day as the file reads it back, rounding included. */
            for (int64_t day = 0; day < kept; day++)
                for (size_t k = 0; k < nc; k++)
                    out->series[(size_t)day * nc + k] =
                        cs_column_read(cs_column_at(sc.model, k), &r.rows[day]);
            out->days = kept;
        } else {
            free(out->metric);
            free(out->series);
            out->metric = out->series = NULL;
        }
        free(text);
    }
    cs_run_free(&r);
    cs_scenario_free(&sc);
}

/* ---- the runs through the task farm: task i is replicate i / sides of
 * side i % sides; its result the days, the metrics, then the days' rows
 * (none with metrics_only). ---- */

typedef struct job {
    const cs_compare_spec *spec;
    cs_comparison *c;
    size_t done;
} job;

static int run_task(void *ctx, size_t i, const void *payload, size_t plen, void **out,
                    size_t *len)
{
    (void)payload, (void)plen;
    const job *j = ctx;
    const size_t nm = j->c->nmetrics, nc = j->c->ncolumns;
    cs_compare_run r;
    const size_t S = j->c->sides;
    one(j->spec, (int)(i % S), cs_replicate_seed(j->spec->base_seed, (int64_t)(i / S)), nm, &r);
    int status = CS_TASK_UNFINISHED;
    if (r.metric) {
        size_t n = 1 + nm + (size_t)r.days * nc;
        double *v = malloc(n * sizeof *v);
        if (v) {
            v[0] = (double)r.days;
            memcpy(v + 1, r.metric, nm * sizeof *v);
            memcpy(v + 1 + nm, r.series, (size_t)r.days * nc * sizeof *v);
            *out = v;
            *len = n * sizeof *v;
            status = CS_TASK_DONE;
        }
    }
    free(r.metric);
    free(r.series);
    return status;
}

static void run_done(void *ctx, size_t i, int status, void *bytes, size_t len)
{
    job *j = ctx;
    const size_t nm = j->c->nmetrics, nc = j->c->ncolumns;
    const size_t S = j->c->sides;
    cs_compare_run *r = &j->c->run[(i % S) * j->c->replicates + i / S];
    const double *v = bytes;
    if (status == CS_TASK_DONE && len >= (1 + nm) * sizeof *v) {
        int64_t days = (int64_t)v[0];
        r->metric = malloc((nm + 1) * sizeof *r->metric);
        r->series = malloc((size_t)(days ? days : 1) * nc * sizeof *r->series);
        if (r->metric && r->series && days >= 0 &&
            len == (1 + nm + (size_t)days * nc) * sizeof *v) {
            memcpy(r->metric, v + 1, nm * sizeof *v);
            memcpy(r->series, v + 1 + nm, (size_t)days * nc * sizeof *v);
            r->days = days;
        } else {
            free(r->metric), free(r->series);
            r->metric = r->series = NULL;
        }
    }
    free(bytes);
    j->done++;
    if (j->spec->progress)
        j->spec->progress(j->spec->progress_ctx, j->done);
}

int cs_compare_run_all(const cs_compare_spec *spec, int model, cs_comparison *out)
{
    memset(out, 0, sizeof *out);
    out->model = model;
    out->ncolumns = cs_column_count(model);
    out->replicates = spec->replicates;
    out->sides = spec->sides ? spec->sides : 2;
    out->metric_names = cs_output_metric_names(model, &out->nmetrics);
    out->run = calloc(out->sides * spec->replicates + 1, sizeof *out->run);
    if (!out->metric_names || !out->run) {
        cs_comparison_clear(out);
        return CS_ERR_NOMEM;
    }
    job j = {.spec = spec, .c = out};
    cs_taskfarm_job farm = {.ntasks = out->sides * spec->replicates, .jobs = spec->jobs,
                            .run = run_task, .done = run_done, .ctx = &j, .stop = spec->stop};
    cs_taskfarm_run(&farm, NULL);
    for (size_t r = 0; r < spec->replicates; r++) {
        int all = 1;
        for (size_t side = 0; side < out->sides; side++)
            all &= out->run[side * spec->replicates + r].metric != NULL;
        out->pairs += (size_t)all;
    }
    return 0;
}

void cs_comparison_clear(cs_comparison *c)
{
    for (size_t i = 0; c->run && i < c->sides * c->replicates; i++) {
        free(c->run[i].metric);
        free(c->run[i].series);
    }
    free(c->run);
    free(c->metric_names);
    memset(c, 0, sizeof *c);
}

/* ---- the public handle (include/circlesim/experiment.h) ---- */

cs_comparison *cs_compare(const cs_scenario *a, const cs_scenario *b,
                          const cs_compare_options *opt, cs_diag *diag)
{
    const size_t R = opt && opt->replicates ? opt->replicates : 10;
    if (R < 2) {
        cs_diag_error(diag, "a comparison needs at least 2 replicates, found %zu", R);
        return NULL;
    }
    if (a->model != b->model) {
        cs_diag_error(diag, "A is a %s model and B a %s model: their metrics do not pair",
                      cs_model_name(a->model), cs_model_name(b->model));
        return NULL;
    }
    cs_source src[2];
    memset(src, 0, sizeof src);
    cs_comparison *c = calloc(1, sizeof *c);
    if (!c || cs_source_of_scenario(&src[0], a) ||
        cs_source_of_scenario(&src[1], b)) {
        cs_diag_error(diag, "out of memory");
        cs_source_free(&src[0]);
        cs_source_free(&src[1]);
        free(c);
        return NULL;
    }
    const cs_source *arms[2] = {&src[0], &src[1]};
    cs_compare_spec spec = {.src = arms, .sides = 2, .replicates = R, .base_seed = a->seed,
                            .jobs = opt && opt->jobs > 0 ? opt->jobs : omp_get_num_procs(),
                            .threads = opt && opt->threads > 0 ? opt->threads : 1,
                            .stop = opt ? opt->stop : NULL, .d = diag};
    /* The runs at once that fit in the memory available now, each held to
     * its share, checked on the larger side before any run. */
    cs_scenario largest;
    int side = cs_memory_estimate(a) >= cs_memory_estimate(b) ? 0 : 1;
    int rc = cs_source_scenario(&src[side], NULL, 0, &largest, diag);
    long long jobs = spec.jobs;
    uint64_t need;
    if (rc == 0)
        rc = cs_fit_runs(&largest, cs_memory_available(), 0, 2 * (long long)R, &jobs,
                         &spec.run_memory, &need, diag);
    cs_scenario_free(&largest);
    spec.jobs = (int)jobs;
    if (rc) {
        cs_source_free(&src[0]);
        cs_source_free(&src[1]);
        free(c);
        return NULL;
    }
    rc = cs_compare_run_all(&spec, a->model, c);
    cs_source_free(&src[0]);
    cs_source_free(&src[1]);
    if (rc || c->pairs < R) {
        if (!rc && spec.stop && *spec.stop)
            cs_diag_error(diag, "interrupted: %zu of %zu paired runs had finished", c->pairs, R);
        else
            cs_diag_error(diag, rc ? "out of memory" : "%zu of %zu paired runs did not finish",
                          R - c->pairs, R);
        cs_comparison_close(c);
        return NULL;
    }
    return c;
}

void cs_comparison_close(cs_comparison *c)
{
    if (!c)
        return;
    cs_comparison_clear(c);
    free(c);
}

size_t cs_comparison_find(const cs_comparison *c, const char *name)
{
    for (size_t m = 0; m < c->nmetrics; m++)
        if (!strcmp(c->metric_names[m], name))
            return m;
    return SIZE_MAX;
}

size_t cs_comparison_metric_count(const cs_comparison *c)
{
    return c->nmetrics;
}

const char *cs_comparison_metric_name(const cs_comparison *c, size_t m)
{
    return m < c->nmetrics ? c->metric_names[m] : NULL;
}

size_t cs_comparison_pairs(const cs_comparison *c)
{
    return c->pairs;
}

const cs_compare_run *cs_comparison_runs(const cs_comparison *c, int side)
{
    return c->run + (size_t)side * c->replicates;
}

size_t cs_comparison_replicates(const cs_comparison *c)
{
    return c->replicates;
}

double cs_comparison_value(const cs_comparison *c, int side, size_t r, size_t m)
{
    if (side < 0 || (size_t)side >= c->sides || r >= c->replicates || m >= c->nmetrics)
        return NAN;
    const cs_compare_run *run = &c->run[(size_t)side * c->replicates + r];
    return run->metric ? run->metric[m] : NAN;
}

/* Metric m of every pair of sides sa and sb where both runs finished and
 * both values are numbers (a ROAS without spend is not): sa's, sb's and
 * sb - sa into xa, xb, df. Returns how many. */
static size_t pairs_of(const cs_comparison *c, size_t m, int sa, int sb, double *xa, double *xb,
                       double *df)
{
    const size_t R = c->replicates;
    size_t n = 0;
    for (size_t r = 0; r < R; r++) {
        const double *a = c->run[(size_t)sa * R + r].metric, *b = c->run[(size_t)sb * R + r].metric;
        if (!a || !b || !isfinite(a[m]) || !isfinite(b[m]))
            continue;
        xa[n] = a[m];
        xb[n] = b[m];
        df[n] = b[m] - a[m];
        n++;
    }
    return n;
}

/* Side's mean of metric m over its finished runs, NaN unless every one of
 * them has a number (a mean over the few runs with spend would pass for
 * the arm's). */
static double side_mean(const cs_comparison *c, int side, size_t m)
{
    const cs_compare_run *run = c->run + (size_t)side * c->replicates;
    double sum = 0;
    size_t n = 0;
    for (size_t r = 0; r < c->replicates; r++) {
        if (!run[r].metric)
            continue;
        if (!isfinite(run[r].metric[m]))
            return NAN;
        sum += run[r].metric[m];
        n++;
    }
    return n ? sum / (double)n : NAN;
}

void cs_comparison_metric(const cs_comparison *c, size_t m, cs_compared *out)
{
    cs_comparison_metric_sides(c, m, 0, 1, out);
}

void cs_comparison_metric_sides(const cs_comparison *c, size_t m, int sa, int sb, cs_compared *out)
{
    const size_t R = c->replicates;
    double *x = malloc(3 * (R ? R : 1) * sizeof *x);
    if (!x) {
        *out = (cs_compared){NAN, NAN, NAN, NAN, NAN, NAN};
        return;
    }
    double *xa = x, *xb = x + R, *df = x + 2 * R;
    const size_t n = pairs_of(c, m, sa, sb, xa, xb, df);
    cs_stats sd;
    cs_stats_of(df, n, &sd);
    /* Each arm's mean over its own runs; the difference over the pairs,
     * and only when every finished pair has it. A change is relative to
     * A's size: its sign is B's direction even where A is negative. */
    const double a = side_mean(c, sa, m), b = side_mean(c, sb, m);
    const int whole = n == c->pairs;
    *out = (cs_compared){.a_mean = a, .b_mean = b, .diff_mean = whole ? sd.mean : NAN,
                         .diff_lo = whole ? sd.ci_lo : NAN, .diff_hi = whole ? sd.ci_hi : NAN,
                         .rel = whole && isfinite(a) && a != 0 ? sd.mean / fabs(a) : NAN};
    free(x);
}

void cs_comparison_relative(const cs_comparison *c, size_t m, double *rel, double *lo,
                            double *hi)
{
    *rel = *lo = *hi = NAN;
    const size_t R = c->replicates;
    double *x = malloc(3 * (R ? R : 1) * sizeof *x);
    if (!x)
        return;
    double *xa = x, *xb = x + R, *df = x + 2 * R;
    const size_t n = pairs_of(c, m, 0, 1, xa, xb, df);
    cs_stats sa, sd;
    cs_stats_of(xa, n, &sa);
    cs_stats_of(df, n, &sd);
    if (n >= 2 && n == c->pairs && sa.mean != 0) {
        /* The interval of a ratio of means: the delta method on the pairs,
         * z = d - R a with R = mean d / mean a, so the noise of A's mean
         * counts too. Reported relative to |A|: the sign is B's direction. */
        const double r = sd.mean / sa.mean;
        double *z = df;
        for (size_t k = 0; k < n; k++)
            z[k] = (xb[k] - xa[k]) - r * xa[k];
        cs_stats sz;
        cs_stats_of(z, n, &sz);
        double half = cs_student_t975((double)n - 1) * sz.sd / (sqrt((double)n) * fabs(sa.mean));
        *rel = sd.mean / fabs(sa.mean);
        *lo = *rel - half;
        *hi = *rel + half;
    }
    free(x);
}
