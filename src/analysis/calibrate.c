/* SPDX-License-Identifier: MIT */
/* calibrate.c - the calibration's fit (calibrate.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "analysis/calibrate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/nelder_mead.h"
#include "base/numfmt.h"
#include "circlesim/experiment.h"
#include "scenario/scenario_struct.h"

/* The value of free key k at x in [0, 1], as text that reads back exactly
 * (whole numbers for whole-number keys), to 7 significant digits: finer
 * steps change no result a person could use, and points that round alike
 * are run once (the cache). */
static void value_text(const cs_calibration *c, size_t k, double x, char *out, size_t cap)
{
    double v = c->lo[k] + x * (c->hi[k] - c->lo[k]);
    char seven[40];
    snprintf(seven, sizeof seven, "%.7g", v);
    v = strtod(seven, NULL);
    v = fmin(fmax(v, c->lo[k]), c->hi[k]);
    if (cs_param_at((size_t)c->param[k])->type == CS_T_INT)
        v = round(v);
    cs_format_double(out, cap, v);
}

/* values: "v1,v2,..." in the order of the keys. */
char *cs_calibration_point(const cs_calibration *c, const double *x)
{
    char *text = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&text, &len);
    if (!o)
        return NULL;
    for (size_t k = 0; k < c->nfree; k++) {
        char v[64];
        value_text(c, k, x[k], v, sizeof v);
        fprintf(o, "%s%s", k ? "," : "", v);
    }
    fclose(o);
    return text;
}

/* The assignments of a point (values as point_text writes them): one
 * "KEY=VALUE" line per free key; NULL when out of memory. */
static char *point_sets(const cs_calibration *c, const char *values)
{
    char *text = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&text, &len);
    if (!o)
        return NULL;
    const char *v = values;
    for (size_t k = 0; k < c->nfree; k++) {
        const char *end = strchr(v, ',');
        size_t n = end ? (size_t)(end - v) : strlen(v);
        fprintf(o, "%s%s=%.*s", k ? "\n" : "", c->key[k], (int)n, v);
        v = end ? end + 1 : v + n;
    }
    if (fclose(o) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

int cs_calibration_scenario(const cs_calibration *c, const char *values, int64_t seed,
                            cs_scenario *sc, cs_diag *d)
{
    char *sets = point_sets(c, values);
    if (!sets) {
        memset(sc, 0, sizeof *sc);
        return CS_ERR_NOMEM;
    }
    int code = cs_batch_scenario(c->batch, sets, seed, sc, d);
    free(sets);
    return code;
}

int cs_calibration_scenario_new(const cs_calibration *c, const char *values, int64_t seed,
                                cs_scenario **sc, cs_diag *d)
{
    *sc = cs_scenario_room(d);
    return *sc ? cs_calibration_scenario(c, values, seed, *sc, d) : CS_ERR_NOMEM;
}

size_t cs_calibration_settings(const cs_calibration *c)
{
    return c->ncontexts ? c->ncontexts : 1;
}

/* Runs replicates first..first+n-1 of a point in every setting, all at
 * once; measures into m (settings x n rows of ntargets), status into rc
 * (as cs_batch_task's). */
void cs_calibration_runs(cs_calibration *c, const char *values, int64_t first, size_t n,
                         double *m, int *rc)
{
    const size_t S = cs_calibration_settings(c);
    char *point = point_sets(c, values);
    char *sets[CS_CALIBRATE_MAX_CONTEXTS] = {0};
    int ok = point != NULL;
    for (size_t k = 0; ok && k < S; k++) {
        ok = c->ncontexts ? asprintf(&sets[k], "%s\n%s", point, c->context[k]) >= 0
                          : (sets[k] = strdup(point)) != NULL;
        if (!ok)
            sets[k] = NULL; /* asprintf leaves it undefined */
    }
    cs_batch_task *t = ok ? cs_batch_tasks(c->batch, S * n) : NULL;
    for (size_t i = 0; i < S * n; i++)
        rc[i] = -1;
    if (t) {
        for (size_t k = 0; k < S; k++)
            for (size_t i = 0; i < n; i++) {
                t[k * n + i].sets = sets[k];
                t[k * n + i].seed = cs_replicate_seed(c->base_seed, first + (int64_t)i);
            }
        cs_batch_run(c->batch, t, S * n);
        for (size_t i = 0; i < S * n; i++) {
            rc[i] = t[i].status;
            memcpy(m + i * c->ntargets, t[i].values, c->ntargets * sizeof *m);
        }
    }
    free(t);
    for (size_t k = 0; k < S; k++)
        free(sets[k]);
    free(point);
}

void cs_calibration_means(const cs_calibration *c, const double *m, const int *rc, size_t n,
                          size_t k, double *mean)
{
    m += k * n * c->ntargets;
    rc += k * n;
    for (size_t t = 0; t < c->ntargets; t++) {
        double sum = 0;
        size_t got = 0;
        for (size_t i = 0; i < n; i++)
            if (rc[i] == 0 && isfinite(m[i * c->ntargets + t])) {
                sum += m[i * c->ntargets + t];
                got++;
            }
        mean[t] = got ? sum / (double)got : NAN;
    }
}

double cs_calibration_loss(const cs_calibration *c, const double *m, const int *rc, size_t n)
{
    const size_t S = cs_calibration_settings(c);
    double mean[CS_CALIBRATE_MAX_TARGETS], loss = 0;
    for (size_t k = 0; k < S; k++) {
        cs_calibration_means(c, m, rc, n, k, mean);
        loss += cs_targets_loss(c->target, c->ntargets, mean) / (double)S;
    }
    return loss;
}

/* The objective Nelder-Mead minimizes: the loss at x, from the cache when
 * the point (as written, after rounding) was run before. */
static double objective(const double *x, void *ctx)
{
    cs_calibration *c = ctx;
    /* A restart's first simplex that finds nothing better ends the fit:
     * the minimum was found, and more rounds would spend the budget on it. */
    if (c->restart && c->round_calls == c->nfree + 1 && !(c->best_loss < c->round_best))
        c->halt = 1;
    c->round_calls++;
    if ((c->stop && *c->stop) || c->failed || c->halt || c->nevals >= c->max_evals) {
        c->halt = 1;
        return HUGE_VAL; /* nothing more runs; the round ends at its next iteration */
    }
    char *values = cs_calibration_point(c, x);
    if (!values) {
        c->failed = 1;
        return HUGE_VAL;
    }
    for (size_t i = 0; i < c->nevals; i++)
        if (!strcmp(c->eval[i].values, values)) {
            free(values);
            return c->eval[i].loss;
        }
    const size_t R = (size_t)c->replicates, S = cs_calibration_settings(c);
    double *m = malloc(S * R * c->ntargets * sizeof *m),
           *mean = malloc(c->ntargets * sizeof *mean);
    int *rc = malloc(S * R * sizeof *rc);
    if (c->nevals == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 64;
        cs_evaluation *grown = realloc(c->eval, cap * sizeof *grown);
        if (grown) {
            c->eval = grown;
            c->cap = cap;
        }
    }
    if (!m || !mean || !rc || c->nevals == c->cap) {
        free(m);
        free(mean);
        free(rc);
        free(values);
        c->failed = 1;
        return HUGE_VAL;
    }
    cs_calibration_runs(c, values, 0, R, m, rc);
    int invalid = 0, unfinished = 0;
    for (size_t i = 0; i < S * R; i++) {
        invalid |= rc[i] > 0;
        unfinished |= rc[i] < 0;
    }
    double loss = HUGE_VAL;
    if (unfinished) {
        c->failed = 1; /* a stop, or a run out of memory: the fit ends here */
        free(values);
        free(m);
        free(mean);
        free(rc);
        return loss;
    }
    /* What the log shows of a point: each target's mean over the settings
     * of its means in each. */
    for (size_t t = 0; t < c->ntargets; t++)
        mean[t] = 0;
    for (size_t k = 0; k < S; k++) {
        double one[CS_CALIBRATE_MAX_TARGETS];
        cs_calibration_means(c, m, rc, R, k, one);
        for (size_t t = 0; t < c->ntargets; t++)
            mean[t] += one[t] / (double)S;
    }
    if (invalid)
        c->invalid++;
    else
        loss = cs_calibration_loss(c, m, rc, R);
    c->eval[c->nevals++] = (cs_evaluation){values, loss};
    if (c->nevals == 1)
        c->start_loss = loss;
    if (loss < c->best_loss) {
        c->best_loss = loss;
        c->best_values = values;
        c->best_eval = c->nevals;
    }
    if (c->evaluated)
        c->evaluated(c->ctx, c->nevals, values, loss, invalid ? NULL : mean);
    free(m);
    free(mean);
    free(rc);
    return loss;
}

int cs_calibration_fit(cs_calibration *c, double *x)
{
    /* Nelder-Mead, restarted from its best point with a smaller simplex
     * while a restart still lowers the loss: a simplex can collapse before
     * the minimum, and a restart is the usual cure (it costs the n new
     * vertices of its first simplex when it finds nothing). */
    cs_nm_options nm = {.max_evaluations = 1 << 30, .tolerance = 1e-4, .step = 0.25,
                        .stop = &c->halt};
    for (int round = 0; !c->failed && !(c->stop && *c->stop) && c->nevals < c->max_evals;
         round++) {
        c->halt = 0;
        c->restart = round > 0;
        c->round_calls = 0;
        c->round_best = c->best_loss;
        cs_nm_result res;
        if (cs_nelder_mead(objective, c, c->nfree, x, &nm, &res) != 0)
            return CS_ERR_NOMEM;
        if (c->halt || !res.converged || (round > 0 && !(c->best_loss < c->round_best)))
            break;
        nm.step = 0.1;
    }
    return 0;
}

void cs_calibration_free(cs_calibration *c)
{
    for (size_t i = 0; i < c->nevals; i++)
        free(c->eval[i].values);
    free(c->eval);
    c->eval = NULL;
    c->nevals = c->cap = 0;
    c->best_values = NULL;
}
