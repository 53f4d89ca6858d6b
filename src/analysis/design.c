/* SPDX-License-Identifier: MIT */
/* design.c - design tables (design.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "analysis/design.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "circlesim/rng.h"
#include "scenario/scenario_struct.h"

/* Each design point's value of each key, as YAML text: the factorial's
 * combinations, or a Latin hypercube over LO:HI ranges (whole numbers for
 * whole-number keys, 6 significant digits otherwise: the value written is
 * the value run). Returns 0, or CS_ERR_INPUT (reported). */
int cs_design_table(cs_design *w, const cs_scenario *base, int64_t seed, cs_diag *d)
{
    const size_t np = w->points, nk = w->nvary;
    w->value = calloc(np && nk ? np * nk : 1, sizeof *w->value);
    if (!w->value)
        return CS_ERR_NOMEM;
    if (w->design == CS_DESIGN_VARIANTS) {
        /* A key a variant leaves alone keeps the base scenario's value,
         * written out so every row of runs.csv is complete. */
        for (size_t p = 0; p < np; p++)
            for (size_t k = 0; k < nk; k++) {
                const cs_variant *v = &w->variant[p];
                size_t j = 0;
                while (j < v->n && strcmp(v->keys[j], w->vary[k].key) != 0)
                    j++;
                char *text = j < v->n ? strdup(v->values[j])
                                      : cs_scenario_key_text(base, w->vary[k].key);
                if (!(w->value[p * nk + k] = text))
                    return CS_ERR_NOMEM;
            }
        return 0;
    }
    if (w->design == CS_DESIGN_FACTORIAL) {
        size_t idx[256];
        for (size_t p = 0; p < np; p++) {
            cs_factorial_point(w->vary, nk, p, idx);
            for (size_t k = 0; k < nk; k++)
                if (!(w->value[p * nk + k] = strdup(w->vary[k].values[idx[k]])))
                    return CS_ERR_NOMEM;
        }
        return 0;
    }
    double *lo = w->lo, *hi = w->hi;
    int whole[256];
    for (size_t k = 0; k < nk; k++) {
        char *end;
        const char *v = w->vary[k].n == 1 ? w->vary[k].values[0] : "";
        lo[k] = strtod(v, &end);
        hi[k] = *end == ':' ? strtod(end + 1, &end) : NAN;
        if (w->vary[k].n != 1 || *end != '\0' || !(hi[k] >= lo[k]) || !isfinite(lo[k])) {
            cs_diag_error(d, "--vary %s: --design %s needs a range LO:HI (two numbers, LO <= HI)",
                          w->vary[k].key, w->design == CS_DESIGN_LHS ? "lhs:N" : "morris:R");
            return CS_ERR_INPUT;
        }
        int param = cs_param_find(w->vary[k].key);
        const cs_param *pp = param >= 0 ? cs_param_at((size_t)param) : NULL;
        /* Money is kept in whole fen: yuan keys go to 0.01. */
        whole[k] = pp && pp->type == CS_T_INT ? 1 : pp && pp->unit && !strncmp(pp->unit, "yuan", 4) ? 2 : 0;
    }
    double *u = malloc(np * nk * sizeof *u);
    if (!u || (w->design == CS_DESIGN_LHS && cs_latin_hypercube(np, nk, seed, u) != 0)) {
        free(u);
        return CS_ERR_NOMEM;
    }
    if (w->design == CS_DESIGN_MORRIS) {
        /* Trajectories of k + 1 points: a start on the grid's lower levels,
         * then each key in turn, in a random order, up by the step. */
        w->moved = malloc(np * sizeof *w->moved);
        if (!w->moved) {
            free(u);
            return CS_ERR_NOMEM;
        }
        const size_t trajectories = np / (nk + 1);
        for (size_t t = 0; t < trajectories; t++) {
            cs_pcg32 r = cs_rng_stream((uint64_t)seed, CS_STREAM_DESIGN, 1, t);
            double x[256];
            int order[256];
            /* A trajectory already drawn adds nothing: draw again (a few
             * keys have few distinct trajectories, so give up after a while). */
            for (int attempt = 0; attempt < 1000; attempt++) {
                for (size_t k = 0; k < nk; k++) {
                    x[k] = (double)cs_pcg32_bounded(&r, CS_MORRIS_LEVELS / 2) / (CS_MORRIS_LEVELS - 1);
                    order[k] = (int)k;
                }
                for (size_t k = nk; k > 1; k--) {
                    uint32_t j = cs_pcg32_bounded(&r, (uint32_t)k);
                    int tmp = order[k - 1];
                    order[k - 1] = order[j];
                    order[j] = tmp;
                }
                int seen = 0;
                for (size_t e = 0; e < t && !seen; e++) {
                    /* Same start and same order is the same trajectory. */
                    int same = 1;
                    for (size_t k = 0; k < nk && same; k++)
                        same = u[e * (nk + 1) * nk + k] == x[k] &&
                               w->moved[e * (nk + 1) + k + 1] == order[k];
                    seen = same;
                }
                if (!seen)
                    break;
            }
            for (size_t i = 0; i <= nk; i++) {
                size_t p = t * (nk + 1) + i;
                if (i > 0)
                    x[order[i - 1]] += CS_MORRIS_DELTA;
                w->moved[p] = i ? order[i - 1] : -1;
                for (size_t k = 0; k < nk; k++)
                    u[p * nk + k] = x[k];
            }
        }
    }
    for (size_t p = 0; p < np; p++)
        for (size_t k = 0; k < nk; k++) {
            double x = lo[k] + u[p * nk + k] * (hi[k] - lo[k]);
            char buf[40];
            if (whole[k] == 1) { /* whole numbers within the range */
                double v = fmin(fmax(floor(x + 0.5), ceil(lo[k])), floor(hi[k]));
                snprintf(buf, sizeof buf, "%.0f", v);
            } else if (whole[k] == 2) {
                snprintf(buf, sizeof buf, "%.2f", round(x * 100) / 100);
            } else {
                /* Six digits of the range's width, however large the values. */
                double width = hi[k] - lo[k], mag = fabs(x) > width ? fabs(x) : width;
                int digits = 6 + (width > 0 && mag > 0 ? (int)ceil(log10(mag / width)) : 0);
                snprintf(buf, sizeof buf, "%.*g", digits < 17 ? digits : 17, x);
            }
            if (!(w->value[p * nk + k] = strdup(buf))) {
                free(u);
                return CS_ERR_NOMEM;
            }
        }
    free(u);
    return 0;
}

void cs_design_clear(cs_design *g)
{
    free(g->moved);
    g->moved = NULL;
    for (size_t i = 0; g->value && i < g->points * g->nvary; i++)
        free(g->value[i]);
    free(g->value);
    g->value = NULL;
}

/* A count in [lo, hi] from text; 0, or CS_ERR_INPUT reported for name. */
static int count(const char *name, const char *text, long long lo, long long hi, long long *out,
                 cs_diag *d)
{
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (!*text || *end || errno || v < lo || v > hi) {
        cs_diag_error(d, "%s expects a whole number from %lld to %lld, found '%s'", name, lo, hi,
                      text);
        return CS_ERR_INPUT;
    }
    *out = v;
    return 0;
}

int cs_design_parse(const char *text, int *design, long long *n, cs_diag *d)
{
    *n = 0;
    if (!strncmp(text, "lhs:", 4)) {
        *design = CS_DESIGN_LHS;
        return count("--design lhs:N", text + 4, 2, 1000000, n, d);
    }
    if (!strncmp(text, "morris:", 7)) {
        *design = CS_DESIGN_MORRIS;
        return count("--design morris:R", text + 7, 2, 10000, n, d);
    }
    if (!strcmp(text, "variants")) {
        *design = CS_DESIGN_VARIANTS;
        return 0;
    }
    if (strcmp(text, "factorial") != 0) {
        cs_diag_error(d, "--design expects factorial, lhs:N, morris:R or variants, found '%s'",
                      text);
        return CS_ERR_INPUT;
    }
    *design = CS_DESIGN_FACTORIAL;
    return 0;
}

size_t cs_design_points(int design, const cs_vary *vary, size_t nvary, long long n)
{
    return design == CS_DESIGN_VARIANTS ? (size_t)n
           : design == CS_DESIGN_LHS    ? (size_t)n
           : design == CS_DESIGN_MORRIS ? (size_t)n * (nvary + 1)
                                        : cs_factorial_points(vary, nvary);
}

int cs_design_check_keys(const cs_vary *vary, size_t n, int design, int variants,
                         const cs_scenario *base, cs_diag *d)
{
    int code = 0;
    for (size_t a = 0; a < n && !code; a++) {
        int p = cs_param_find(vary[a].key);
        if (!strcmp(vary[a].key, "model")) {
            cs_diag_error(d, "%s model: a sweep compares runs of one model (runs.csv's "
                             "columns are the model's); sweep each model on its own",
                          variants ? "a variant sets" : "--vary");
            code = CS_ERR_INPUT;
        } else if (p >= 0 && !(cs_param_at((size_t)p)->models & (1u << base->model))) {
            cs_diag_error(d, "--vary %s: the key does not apply to model %s (it would change "
                             "nothing)",
                          vary[a].key, cs_model_name(base->model));
            code = CS_ERR_INPUT;
        }
    }
    for (size_t a = 0; a < n && !code; a++)
        if (!strcmp(vary[a].key, "seed")) {
            cs_diag_error(d, "--vary seed: seeds are the replicates' (--replicates R, and --seed "
                             "for the base seed)");
            code = CS_ERR_INPUT;
        }
    for (size_t a = 0; a < n && !code; a++)
        for (size_t b = a + 1; b < n; b++)
            if (!strcmp(vary[a].key, vary[b].key)) {
                cs_diag_error(d, "--vary %s is given twice", vary[a].key);
                code = CS_ERR_INPUT;
                break;
            }
    /* LO:HI alone is a range to sample, not a list of values. */
    for (size_t a = 0; a < n && !code && design == CS_DESIGN_FACTORIAL; a++)
        for (size_t i = 0; i < vary[a].n && !code; i++) {
            char *end;
            const char *t = vary[a].values[i];
            strtod(t, &end);
            if (end != t && *end == ':') {
                const char *u = end + 1;
                strtod(u, &end);
                if (end != u && *end == '\0') {
                    cs_diag_error(d, "--vary %s=%s: a factorial sweep runs listed values; give "
                                     "LO:HI:STEP, or sample the range with --design lhs:N or "
                                     "morris:R",
                                  vary[a].key, t);
                    code = CS_ERR_INPUT;
                }
            }
        }
    return code;
}
