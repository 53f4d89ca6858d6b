/* SPDX-License-Identifier: MIT */
/* split.c - the best split of a budget: Nelder-Mead over stick-broken
 * shares. Stick-breaking maps the whole cube onto the simplex, so every
 * point the simplex method tries is a split that spends the budget. */
#include "analysis/split.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "circlesim/diag.h"
#include "analysis/nelder_mead.h"

void cs_split_shares(const double *x, size_t n, double *share)
{
    double left = 1;
    for (size_t i = 0; i + 1 < n; i++) {
        share[i] = left * x[i];
        left -= share[i];
    }
    if (n > 0)
        share[n - 1] = left > 0 ? left : 0;
}

void cs_split_point(const double *share, size_t n, double *x)
{
    double left = 1;
    for (size_t i = 0; i + 1 < n; i++) {
        x[i] = left > 1e-12 ? share[i] / left : 0;
        x[i] = x[i] < 0 ? 0 : x[i] > 1 ? 1 : x[i];
        left -= share[i];
    }
}

typedef struct search {
    size_t n;
    cs_split_objective f;
    void *ctx;
    int calls, max_evals;
    const volatile int *stop;
    volatile int halt;
    double *share;
    double best;
    double *best_share;
} search;

static double to_minimize(const double *x, void *ctx)
{
    search *s = ctx;
    if (s->calls >= s->max_evals || (s->stop && *s->stop)) {
        s->halt = 1;
        return HUGE_VAL;
    }
    s->calls++;
    cs_split_shares(x, s->n, s->share);
    double v = s->f(s->share, s->ctx);
    if (isnan(v))
        return HUGE_VAL;
    if (v > s->best) {
        s->best = v;
        memcpy(s->best_share, s->share, s->n * sizeof *s->share);
    }
    return -v;
}

int cs_split_search(size_t n, cs_split_objective f, void *ctx, int max_evals,
                    const volatile int *stop, double *share, cs_split_result *res)
{
    memset(res, 0, sizeof *res);
    res->value = NAN;
    if (n == 0)
        return 0;
    search s = {n, f, ctx, 0, max_evals, stop, 0, malloc(n * sizeof *share), -HUGE_VAL,
                malloc(n * sizeof *share)};
    double *x = malloc(n * sizeof *x);
    if (!s.share || !s.best_share || !x) {
        free(s.share);
        free(s.best_share);
        free(x);
        return CS_ERR_NOMEM;
    }
    memcpy(s.best_share, share, n * sizeof *share);
    cs_split_point(share, n, x);
    /* One channel: the whole budget on it, nothing to search. */
    cs_nm_options nm = {.max_evaluations = 1 << 30, .tolerance = 1e-4, .step = 0.25,
                        .stop = &s.halt};
    int rc = 0;
    for (int round = 0; s.calls < max_evals && !s.halt; round++) {
        double before = s.best;
        cs_nm_result r;
        rc = cs_nelder_mead(to_minimize, &s, n - 1, x, &nm, &r);
        if (rc || s.halt || !r.converged || (round > 0 && !(s.best > before)))
            break;
        /* Again from the best split, with a smaller simplex: a collapsed
         * simplex is the usual way Nelder-Mead stops short. */
        cs_split_point(s.best_share, n, x);
        nm.step = 0.1;
    }
    if (s.best > -HUGE_VAL) {
        memcpy(share, s.best_share, n * sizeof *share);
        res->value = s.best;
    }
    res->evaluations = s.calls;
    free(s.share);
    free(s.best_share);
    free(x);
    return rc;
}
