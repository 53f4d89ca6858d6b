/* SPDX-License-Identifier: MIT */
/* robust.c - which assumptions a verdict hinges on (robust.h). */
#include "analysis/robust.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "circlesim/rng.h"

size_t cs_robust_keys(const cs_scenario *const *arms, size_t narms, const char *const *pins,
                      size_t npins, int *keys, size_t cap)
{
    size_t n = 0;
    char why[256];
    for (size_t i = 0; narms && i < cs_plausible_count() && n < cap; i++) {
        const cs_plausible *pl = cs_plausible_at(i);
        const int param = cs_param_find(pl->key);
        if (param < 0 || !isfinite(pl->lo) || !cs_scenario_reads(arms[0], pl->key))
            continue;
        int held = 0;
        for (size_t a = 0; a < narms && !held; a++)
            held = cs_scenario_given(arms[a], param) ||
                   cs_param_inert_reason(arms[a], param, why, sizeof why) != NULL;
        if (held)
            continue;
        /* A pin is KEY, or KEY=VALUE (the value set as --set does). */
        int pinned = 0;
        const size_t kl = strlen(pl->key);
        for (size_t j = 0; j < npins && !pinned; j++)
            pinned = !strncmp(pins[j], pl->key, kl) && (pins[j][kl] == '\0' || pins[j][kl] == '=');
        if (!pinned)
            keys[n++] = param;
    }
    return n;
}

/* ---- ranks and the two statistics ---- */

typedef struct ranked {
    double v;
    size_t i;
} ranked;

static int by_value(const void *p, const void *q)
{
    const ranked *a = p, *b = q;
    return a->v < b->v ? -1 : a->v > b->v ? 1 : (a->i > b->i) - (a->i < b->i);
}

/* Ranks 1 .. n of v (ties share their mean rank) into r; tmp holds n. */
static void rank_of(const double *v, size_t n, ranked *tmp, double *r)
{
    for (size_t i = 0; i < n; i++)
        tmp[i] = (ranked){v[i], i};
    qsort(tmp, n, sizeof *tmp, by_value);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && tmp[j + 1].v == tmp[i].v)
            j++;
        const double mean = (double)(i + j) / 2 + 1;
        for (size_t k = i; k <= j; k++)
            r[tmp[k].i] = mean;
        i = j + 1;
    }
}

/* |2 AUC - 1| of the ranks r of the worlds labelled 1 against those
 * labelled 0 (n1 of them labelled 1). */
static double separation(const double *r, const int *label, size_t n, size_t n1)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        if (label[i])
            sum += r[i];
    const double n0 = (double)(n - n1);
    const double auc = (sum - (double)n1 * ((double)n1 + 1) / 2) / ((double)n1 * n0);
    return fabs(2 * auc - 1);
}

/* Pearson's correlation of two rank vectors (Spearman's rho). */
static double correlation(const double *x, const double *y, size_t n)
{
    double mx = 0, my = 0;
    for (size_t i = 0; i < n; i++)
        mx += x[i], my += y[i];
    mx /= (double)n, my /= (double)n;
    double sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < n; i++) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    return sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : 0;
}

/* The threshold of values v (labels label) that sorts most worlds right,
 * holding below it or above it. */
static void best_split(const double *v, const int *label, size_t n, ranked *tmp, cs_hinge *h)
{
    for (size_t i = 0; i < n; i++)
        tmp[i] = (ranked){v[i], i};
    qsort(tmp, n, sizeof *tmp, by_value);
    size_t holds = 0;
    for (size_t i = 0; i < n; i++)
        holds += (size_t)label[i];
    /* below: holds among the first i; right if holding below = those plus
     * the flips at or above. A threshold must sort more worlds right than
     * calling them all the majority does, and lie between two values. */
    size_t below = 0;
    h->explained = holds > n - holds ? holds : n - holds;
    for (size_t i = 0; i <= n; i++) {
        if (i > 0)
            below += (size_t)label[tmp[i - 1].i];
        if (i == 0 || i == n || tmp[i].v == tmp[i - 1].v)
            continue; /* no threshold at an end or between equal values */
        const size_t flips_above = (n - i) - (holds - below);
        const size_t lower = below + flips_above;          /* holds below */
        const size_t upper = (i - below) + (holds - below); /* holds above */
        const double t = (tmp[i - 1].v + tmp[i].v) / 2;
        if (lower > h->explained) {
            h->explained = lower;
            h->threshold = t;
            h->holds_below = 1;
        }
        if (upper > h->explained) {
            h->explained = upper;
            h->threshold = t;
            h->holds_below = 0;
        }
    }
}

static int more_telling(const void *p, const void *q)
{
    const cs_hinge *a = p, *b = q;
    if (fabs(a->rho) != fabs(b->rho))
        return fabs(a->rho) > fabs(b->rho) ? -1 : 1;
    return (a->key > b->key) - (a->key < b->key);
}

int cs_robust_hinges(size_t nworlds, size_t nkeys, const double *x, const double *effect,
                     int base_sign, int64_t seed, cs_hinge *out)
{
    /* The worlds with an effect, compacted. */
    size_t n = 0;
    size_t *world = malloc((nworlds ? nworlds : 1) * sizeof *world);
    double *rx = malloc(((nkeys ? nkeys : 1) * nworlds + 1) * sizeof *rx);
    /* Zeroed: with no world left, gcc cannot see that nothing is read. */
    double *col = calloc(nworlds + 1, sizeof *col);
    double *re = malloc((nworlds + 1) * sizeof *re);
    double *perm = malloc((nworlds + 1) * sizeof *perm);
    int *label = malloc((nworlds + 1) * sizeof *label);
    ranked *tmp = malloc((nworlds + 1) * sizeof *tmp);
    size_t *beaten = calloc(nkeys + 1, sizeof *beaten);
    int rc = 0;
    if (!world || !rx || !col || !re || !perm || !label || !tmp || !beaten) {
        rc = CS_ERR_NOMEM;
        goto done;
    }
    for (size_t w = 0; w < nworlds; w++)
        if (isfinite(effect[w]))
            world[n++] = w;
    size_t holds = 0;
    for (size_t i = 0; i < n; i++) {
        const double e = effect[world[i]];
        label[i] = base_sign > 0 ? e > 0 : e < 0;
        holds += (size_t)label[i];
        col[i] = e;
    }
    rank_of(col, n, tmp, re);
    for (size_t k = 0; k < nkeys; k++) {
        for (size_t i = 0; i < n; i++)
            col[i] = x[world[i] * nkeys + k];
        rank_of(col, n, tmp, rx + k * n);
    }
    const int split = holds > 0 && holds < n;
    for (size_t k = 0; k < nkeys; k++) {
        cs_hinge *h = &out[k];
        memset(h, 0, sizeof *h);
        h->key = k;
        h->split = split;
        h->threshold = NAN;
        h->rho = n >= 3 ? correlation(rx + k * n, re, n) : 0;
        h->separation = split ? separation(rx + k * n, label, n, holds) : NAN;
        if (split) {
            for (size_t i = 0; i < n; i++)
                col[i] = x[world[i] * nkeys + k];
            best_split(col, label, n, tmp, h);
        }
    }
    /* Westfall and Young's max-T: the effect's ranks shuffled, and each
     * key's |rho| held against the largest |rho| of any key in the
     * shuffle, so the p-value already counts the keys tried. */
    cs_pcg32 r = cs_rng_stream((uint64_t)seed, CS_STREAM_ROBUST, 0, 0);
    memcpy(perm, re, n * sizeof *perm);
    for (int m = 0; n >= 3 && m < CS_ROBUST_PERMUTATIONS; m++) {
        for (size_t i = n; i > 1; i--) {
            const uint32_t j = cs_pcg32_bounded(&r, (uint32_t)i);
            const double te = perm[i - 1];
            perm[i - 1] = perm[j], perm[j] = te;
        }
        double most = 0;
        for (size_t k = 0; k < nkeys; k++)
            most = fmax(most, fabs(correlation(rx + k * n, perm, n)));
        for (size_t k = 0; k < nkeys; k++)
            beaten[k] += most >= fabs(out[k].rho) - 1e-12;
    }
    for (size_t k = 0; k < nkeys; k++)
        out[k].p = n >= 3 ? (double)(beaten[k] + 1) / (CS_ROBUST_PERMUTATIONS + 1) : 1;
    qsort(out, nkeys, sizeof *out, more_telling);
done:
    free(world), free(rx), free(col), free(re), free(perm);
    free(label), free(tmp), free(beaten);
    return rc;
}
