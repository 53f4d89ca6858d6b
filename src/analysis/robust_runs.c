/* SPDX-License-Identifier: MIT */
/* robust_runs.c - a paired comparison rerun in worlds drawn from the
 * plausible ranges of the assumptions (robust.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "analysis/robust.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/design.h"
#include "scenario/scenario_struct.h"

/* Progress across worlds: the runs of the worlds before, then this one's. */
typedef struct across {
    const cs_compare_spec *spec;
    size_t before;
} across;

static void progress(void *ctx, size_t done)
{
    const across *a = ctx;
    a->spec->progress(a->spec->progress_ctx, a->before + done);
}

void cs_robust_clear(cs_robust *r)
{
    for (size_t i = 0; r->value && i < r->worlds * r->nkeys; i++)
        free(r->value[i]);
    free(r->value);
    free(r->x);
    free(r->st);
    free(r->runs);
    free(r->pairs);
    memset(r, 0, sizeof *r);
}

/* World w's assignments: spec's, then "key=value" for each key (into
 * texts, freed by the caller). NULL when out of memory. */
static const char **world_sets(const cs_compare_spec *spec, const cs_robust *r, size_t w,
                               char **texts)
{
    const char **sets = malloc((spec->nsets + r->nkeys + 1) * sizeof *sets);
    if (!sets)
        return NULL;
    for (size_t i = 0; i < spec->nsets; i++)
        sets[i] = spec->sets[i];
    for (size_t k = 0; k < r->nkeys; k++) {
        texts[k] = NULL;
        if (asprintf(&texts[k], "%s=%s", cs_param_at((size_t)r->keys[k])->key,
                     r->value[w * r->nkeys + k]) < 0) {
            texts[k] = NULL;
            for (size_t j = 0; j < k; j++)
                free(texts[j]);
            free(sets);
            return NULL;
        }
        sets[spec->nsets + k] = texts[k];
    }
    return sets;
}

int cs_robust_prepare(const cs_compare_spec *spec, const int *keys, size_t nkeys, size_t worlds,
                      int64_t seed, size_t nmetrics, cs_robust *out)
{
    memset(out, 0, sizeof *out);
    const size_t S = spec->sides ? spec->sides : 2;
    out->worlds = worlds;
    out->sides = S;
    out->nkeys = nkeys;
    out->nmetrics = nmetrics;
    out->keys = keys;
    /* The worlds: a Latin hypercube over the plausible ranges. */
    cs_vary *vary = calloc(nkeys ? nkeys : 1, sizeof *vary);
    char **ranges = calloc(nkeys ? nkeys : 1, sizeof *ranges);
    int rc = vary && ranges ? 0 : CS_ERR_NOMEM;
    for (size_t k = 0; !rc && k < nkeys; k++) {
        const cs_param *p = cs_param_at((size_t)keys[k]);
        const cs_plausible *pl = cs_plausible_find(p->key);
        if (asprintf(&ranges[k], "%.10g:%.10g", pl->lo, pl->hi) < 0) {
            ranges[k] = NULL;
            rc = CS_ERR_NOMEM;
            break;
        }
        vary[k] = (cs_vary){.key = (char *)p->key, .values = &ranges[k], .n = 1};
    }
    cs_design g = {.design = CS_DESIGN_LHS, .vary = vary, .nvary = nkeys, .points = worlds};
    if (!rc)
        rc = cs_design_table(&g, NULL, seed, spec->d);
    for (size_t k = 0; ranges && k < nkeys; k++)
        free(ranges[k]);
    free(ranges);
    free(vary);
    if (rc) {
        cs_design_clear(&g);
        return rc;
    }
    out->value = g.value;
    g.value = NULL;
    cs_design_clear(&g);
    out->x = malloc((worlds * nkeys + 1) * sizeof *out->x);
    out->st = malloc((worlds * nmetrics * (S - 1) + 1) * sizeof *out->st);
    out->pairs = calloc(worlds + 1, sizeof *out->pairs);
    out->replicates = spec->replicates;
    out->runs = malloc((worlds * nmetrics * S * spec->replicates + 1) * sizeof *out->runs);
    if (!out->x || !out->st || !out->pairs || !out->runs) {
        cs_robust_clear(out);
        return CS_ERR_NOMEM;
    }
    for (size_t i = 0; i < worlds * nkeys; i++)
        out->x[i] = strtod(out->value[i], NULL);
    for (size_t i = 0; i < worlds * nmetrics * (S - 1); i++)
        out->st[i] = (cs_compared){NAN, NAN, NAN, NAN, NAN, NAN};
    for (size_t i = 0; i < worlds * nmetrics * S * spec->replicates; i++)
        out->runs[i] = NAN;
    /* Every world's scenarios checked before any run. */
    char **texts = malloc((nkeys + 1) * sizeof *texts);
    if (!texts) {
        cs_robust_clear(out);
        return CS_ERR_NOMEM;
    }
    for (size_t w = 0; !rc && w < worlds; w++) {
        const char **sets = world_sets(spec, out, w, texts);
        if (!sets) {
            rc = CS_ERR_NOMEM;
            break;
        }
        for (size_t side = 0; side < S && !rc; side++) {
            cs_scenario sc;
            rc = cs_source_scenario(spec->src[side], sets, spec->nsets + nkeys, &sc, spec->d);
            cs_scenario_free(&sc);
            if (rc == CS_ERR_INPUT)
                cs_diag_error(spec->d, "plausible world %zu of %zu makes arm %zu invalid "
                                       "(above): --pin the key it names",
                              w + 1, worlds, side + 1);
        }
        for (size_t k = 0; k < nkeys; k++)
            free(texts[k]);
        free(sets);
    }
    free(texts);
    if (rc)
        cs_robust_clear(out);
    return rc;
}

int cs_robust_run(const cs_compare_spec *spec, int model, const char *const *metrics,
                  cs_robust *out)
{
    const size_t S = out->sides, nkeys = out->nkeys, nmetrics = out->nmetrics;
    char **texts = malloc((nkeys + 1) * sizeof *texts);
    int rc = texts ? 0 : CS_ERR_NOMEM;
    for (size_t w = 0; !rc && w < out->worlds && !(spec->stop && *spec->stop); w++) {
        const char **sets = world_sets(spec, out, w, texts);
        if (!sets) {
            rc = CS_ERR_NOMEM;
            break;
        }
        cs_compare_spec one = *spec;
        one.metrics_only = 1;
        one.sets = sets;
        one.nsets = spec->nsets + nkeys;
        across a = {spec, w * S * spec->replicates};
        if (spec->progress) {
            one.progress = progress;
            one.progress_ctx = &a;
        }
        cs_comparison c;
        rc = cs_compare_run_all(&one, model, &c);
        if (!rc) {
            out->pairs[w] = cs_comparison_pairs(&c);
            for (size_t m = 0; m < nmetrics; m++) {
                const size_t i = cs_comparison_find(&c, metrics[m]);
                for (size_t side = 1; side < S; side++)
                    if (i != SIZE_MAX && out->pairs[w] == spec->replicates)
                        cs_comparison_metric_sides(&c, i, 0, (int)side,
                                                   &out->st[(w * nmetrics + m) * (S - 1) + side - 1]);
                for (size_t side = 0; i != SIZE_MAX && side < S; side++)
                    for (size_t rep = 0; rep < spec->replicates; rep++)
                        out->runs[((w * nmetrics + m) * S + side) * spec->replicates + rep] =
                            cs_comparison_value(&c, (int)side, rep, i);
            }
            cs_comparison_clear(&c);
        }
        for (size_t k = 0; k < nkeys; k++)
            free(texts[k]);
        free(sets);
    }
    free(texts);
    return rc;
}
