/* SPDX-License-Identifier: MIT */
/* nelder_mead.c - the simplex method in the unit cube. */
#include "analysis/nelder_mead.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "circlesim/diag.h"

/* Reflection, expansion, contraction and shrink coefficients (Nelder and
 * Mead's; Lagarias et al. 1998 use the same). */
static const double ALPHA = 1, GAMMA = 2, RHO = 0.5, SIGMA = 0.5;

typedef struct simplex {
    size_t n;
    double *x;      /* (n + 1) points of n coordinates */
    double *f;      /* their values */
    int *count;     /* evaluations averaged into f (re-evaluation) */
} simplex;

static void clamp(double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        x[i] = x[i] < 0 ? 0 : x[i] > 1 ? 1 : x[i];
}

/* Vertices sorted by value, best first (insertion sort: n is small). */
static void order(simplex *s)
{
    const size_t n = s->n;
    double *tmp = s->x + (n + 1) * n; /* scratch row past the vertices */
    for (size_t i = 1; i <= n; i++)
        for (size_t j = i; j > 0 && s->f[j] < s->f[j - 1]; j--) {
            memcpy(tmp, s->x + j * n, n * sizeof *tmp);
            memcpy(s->x + j * n, s->x + (j - 1) * n, n * sizeof *tmp);
            memcpy(s->x + (j - 1) * n, tmp, n * sizeof *tmp);
            double f = s->f[j];
            s->f[j] = s->f[j - 1];
            s->f[j - 1] = f;
            int c = s->count[j];
            s->count[j] = s->count[j - 1];
            s->count[j - 1] = c;
        }
}

int cs_nelder_mead(cs_objective f, void *ctx, size_t n, double *x0, const cs_nm_options *o,
                   cs_nm_result *r)
{
    memset(r, 0, sizeof *r);
    if (n == 0) {
        r->value = f(x0, ctx);
        r->evaluations = 1;
        r->converged = 1;
        return 0;
    }
    simplex s = {n, malloc((n + 2) * n * sizeof *s.x), malloc((n + 1) * sizeof *s.f),
                 malloc((n + 1) * sizeof *s.count)};
    double *c = malloc(4 * n * sizeof *c); /* centroid, reflected, expanded, contracted */
    if (!s.x || !s.f || !s.count || !c) {
        free(s.x), free(s.f), free(s.count), free(c);
        return CS_ERR_NOMEM;
    }
    double *xr = c + n, *xe = xr + n, *xc = xe + n;
    const int max_eval = o->max_evaluations > 0 ? o->max_evaluations : 200 * (int)n;
    int evals = 0;
#define EVAL(p) (evals++, f((p), ctx))
    /* The first simplex: x0 and a step along each axis, turned inwards at
     * the cube's far faces. */
    clamp(x0, n);
    for (size_t v = 0; v <= n; v++) {
        double *p = s.x + v * n;
        memcpy(p, x0, n * sizeof *p);
        if (v > 0)
            p[v - 1] += p[v - 1] + o->step <= 1 ? o->step : -o->step;
        clamp(p, n);
        s.f[v] = EVAL(p);
        s.count[v] = 1;
    }
    int iteration = 0;
    r->converged = 0;
    while (evals < max_eval && !(o->stop && *o->stop)) {
        order(&s);
        double spread = fabs(s.f[n] - s.f[0]), size = 0;
        for (size_t v = 1; v <= n; v++)
            for (size_t i = 0; i < n; i++)
                size = fmax(size, fabs(s.x[v * n + i] - s.x[i]));
        if (spread <= o->tolerance && size <= o->tolerance) {
            r->converged = 1;
            break;
        }
        iteration++;
        if (o->reevaluate > 0 && iteration % o->reevaluate == 0) {
            /* The best value so far may be a lucky draw: average it with a
             * fresh one before trusting it again. */
            double again = EVAL(s.x);
            s.f[0] = (s.f[0] * s.count[0] + again) / (s.count[0] + 1);
            s.count[0]++;
            continue;
        }
        for (size_t i = 0; i < n; i++) {
            c[i] = 0;
            for (size_t v = 0; v < n; v++)
                c[i] += s.x[v * n + i];
            c[i] /= (double)n;
        }
        const double *worst = s.x + n * n;
        for (size_t i = 0; i < n; i++)
            xr[i] = c[i] + ALPHA * (c[i] - worst[i]);
        clamp(xr, n);
        double fr = EVAL(xr);
        if (fr < s.f[0]) {
            for (size_t i = 0; i < n; i++)
                xe[i] = c[i] + GAMMA * (xr[i] - c[i]);
            clamp(xe, n);
            double fe = EVAL(xe);
            int take_e = fe < fr;
            memcpy(s.x + n * n, take_e ? xe : xr, n * sizeof *xe);
            s.f[n] = take_e ? fe : fr;
            s.count[n] = 1;
            continue;
        }
        if (fr < s.f[n - 1]) {
            memcpy(s.x + n * n, xr, n * sizeof *xr);
            s.f[n] = fr;
            s.count[n] = 1;
            continue;
        }
        /* Contract towards the better of the reflected and the worst. */
        const int outside = fr < s.f[n];
        for (size_t i = 0; i < n; i++)
            xc[i] = outside ? c[i] + RHO * (xr[i] - c[i]) : c[i] + RHO * (worst[i] - c[i]);
        double fc = EVAL(xc);
        if (fc < (outside ? fr : s.f[n])) {
            memcpy(s.x + n * n, xc, n * sizeof *xc);
            s.f[n] = fc;
            s.count[n] = 1;
            continue;
        }
        /* Shrink everything towards the best. */
        for (size_t v = 1; v <= n && evals < max_eval; v++) {
            double *p = s.x + v * n;
            for (size_t i = 0; i < n; i++)
                p[i] = s.x[i] + SIGMA * (p[i] - s.x[i]);
            s.f[v] = EVAL(p);
            s.count[v] = 1;
        }
    }
#undef EVAL
    order(&s);
    memcpy(x0, s.x, n * sizeof *x0);
    r->value = s.f[0];
    r->evaluations = evals;
    free(s.x);
    free(s.f);
    free(s.count);
    free(c);
    return 0;
}
