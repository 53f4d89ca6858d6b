/* SPDX-License-Identifier: MIT */
/* celf.c - greedy selection of a seed set for a set function the caller
 * evaluates, plain and with lazy evaluation (Leskovec et al., "Cost-
 * effective outbreak detection in networks", KDD 2007).
 *
 * For a submodular f a candidate's gain can only fall as the set grows, so
 * a gain computed earlier bounds today's: a candidate whose fresh gain
 * beats every other's bound is the greedy choice without evaluating the
 * rest. The heap orders (gain, candidate position) as plain greedy breaks
 * ties, which makes the two pick the same set for a submodular f. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "circlesim/diag.h"
#include "analysis/influence.h"
#include "base/maxheap.h"

static double key_of(double gain)
{
    return isnan(gain) ? -HUGE_VAL : gain;
}

int cs_celf(const uint32_t *cand, size_t ncand, size_t k, size_t batch, cs_set_eval f,
            void *ctx, uint32_t *chosen, double *gain, cs_greedy_result *res)
{
    memset(res, 0, sizeof *res);
    if (k > ncand)
        k = ncand;
    if (batch < 1)
        batch = 1;
    cs_heap_item *heap = malloc((ncand ? ncand : 1) * sizeof *heap);
    double *val = malloc((ncand ? ncand : 1) * sizeof *val);
    uint32_t *add = malloc((ncand ? ncand : 1) * sizeof *add);
    uint32_t *pos = malloc((ncand ? ncand : 1) * sizeof *pos);
    double *out = malloc((ncand ? ncand : 1) * sizeof *out);
    int rc = heap && val && add && pos && out ? 0 : CS_ERR_NOMEM;
    uint32_t none = CS_NO_ADD;
    if (!rc)
        rc = f(chosen, 0, &none, 1, &res->start, ctx);
    res->evaluations = 1;
    double now = res->start;
    res->value = now;
    /* Every candidate's first gain: one batch of all of them, since all
     * are needed whatever the batch size. */
    if (!rc && ncand > 0) {
        rc = f(chosen, 0, cand, ncand, val, ctx);
        res->evaluations += ncand;
        for (size_t i = 0; i < ncand && !rc; i++)
            heap[i] = (cs_heap_item){key_of(val[i] - now), (uint32_t)i, 0};
    }
    size_t nh = rc ? 0 : ncand;
    cs_heap_build(heap, nh);
    for (size_t step = 0; step < k && !rc && nh > 0; step++) {
        /* Evaluate again the stale bounds at the top until a fresh gain
         * leads: it beats every bound below it. */
        while (heap[0].stamp != step) {
            size_t m = 0;
            while (m < batch && nh > 0 && heap[0].stamp != step) {
                cs_heap_item it = cs_heap_pop(heap, &nh);
                pos[m] = it.id;
                add[m] = cand[it.id];
                m++;
            }
            rc = f(chosen, step, add, m, out, ctx);
            res->evaluations += m;
            if (rc)
                break;
            for (size_t j = 0; j < m; j++) {
                val[pos[j]] = out[j];
                cs_heap_push(heap, &nh, (cs_heap_item){key_of(out[j] - now), pos[j],
                                                       (uint32_t)step});
            }
        }
        if (rc)
            break;
        cs_heap_item top = cs_heap_pop(heap, &nh);
        chosen[step] = cand[top.id];
        gain[step] = val[top.id] - now;
        now = val[top.id];
        res->chosen = step + 1;
        res->value = now;
    }
    free(heap);
    free(val);
    free(add);
    free(pos);
    free(out);
    return rc;
}

int cs_greedy(const uint32_t *cand, size_t ncand, size_t k, cs_set_eval f, void *ctx,
              uint32_t *chosen, double *gain, cs_greedy_result *res)
{
    memset(res, 0, sizeof *res);
    if (k > ncand)
        k = ncand;
    uint8_t *taken = calloc(ncand ? ncand : 1, 1);
    uint32_t *add = malloc((ncand ? ncand : 1) * sizeof *add);
    size_t *pos = malloc((ncand ? ncand : 1) * sizeof *pos);
    double *out = malloc((ncand ? ncand : 1) * sizeof *out);
    int rc = taken && add && pos && out ? 0 : CS_ERR_NOMEM;
    uint32_t none = CS_NO_ADD;
    if (!rc)
        rc = f(chosen, 0, &none, 1, &res->start, ctx);
    res->evaluations = 1;
    double now = res->start;
    res->value = now;
    for (size_t step = 0; step < k && !rc; step++) {
        size_t m = 0;
        for (size_t i = 0; i < ncand; i++)
            if (!taken[i]) {
                pos[m] = i;
                add[m++] = cand[i];
            }
        rc = f(chosen, step, add, m, out, ctx);
        res->evaluations += m;
        if (rc)
            break;
        size_t best = 0;
        for (size_t j = 1; j < m; j++)
            if (key_of(out[j]) > key_of(out[best]))
                best = j;
        taken[pos[best]] = 1;
        chosen[step] = add[best];
        gain[step] = out[best] - now;
        now = out[best];
        res->chosen = step + 1;
        res->value = now;
    }
    free(taken);
    free(add);
    free(pos);
    free(out);
    return rc;
}
