/* SPDX-License-Identifier: MIT */
/* population.c - draws users' city tier, cohort, interests and sociability. */
#include "network/population.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "circlesim/diag.h"
#include "circlesim/rng.h"

const char *const cs_tier_names[CS_TIER_COUNT] = {"first", "new_first_second", "third_fourth",
                                                  "county"};

static int params_ok(const cs_population_params *pp)
{
    double sum = 0;
    for (int t = 0; t < CS_TIER_COUNT; t++) {
        if (!(pp->tier_share[t] >= 0 && pp->tier_share[t] <= 1))
            return 0;
        sum += pp->tier_share[t];
    }
    return fabs(sum - 1.0) < 1e-9 && pp->post95_share >= 0 && pp->post95_share <= 1 &&
           pp->tags >= 1 && pp->tags <= 65535 && pp->interests >= 1 &&
           pp->interests <= CS_MAX_INTERESTS && pp->interests <= pp->tags &&
           pp->tag_zipf >= 0 && pp->degree_exponent > 2.0;
}

uint32_t cs_pick_cumulative(const double *cum, uint32_t n, double x)
{
    uint32_t lo = 0, hi = n - 1;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (cum[mid] > x)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

static double tag_weight(const double *cum, uint32_t j)
{
    return j ? cum[j] - cum[j - 1] : cum[0];
}

int cs_population_generate(cs_population *pop, uint32_t n, const cs_population_params *pp,
                           uint64_t seed, int threads)
{
    memset(pop, 0, sizeof *pop);
    if (!params_ok(pp))
        return CS_ERR_INPUT;
    const uint32_t k = pp->interests, T = pp->tags;
    pop->n = n;
    pop->interests = k;
    pop->tags = T;
    pop->tier = malloc(n ? n : 1);
    pop->post95 = malloc(n ? n : 1);
    pop->interest = malloc((size_t)(n ? n : 1) * k * sizeof *pop->interest);
    pop->sociability = malloc((size_t)(n ? n : 1) * sizeof *pop->sociability);
    double *tag_cum = malloc(T * sizeof *tag_cum);
    if (!pop->tier || !pop->post95 || !pop->interest || !pop->sociability || !tag_cum) {
        free(tag_cum);
        cs_population_free(pop);
        return CS_ERR_NOMEM;
    }
    /* Zipf popularity, normalised so draws are a uniform times the total. */
    double total = 0;
    for (uint32_t j = 0; j < T; j++) {
        total += pow((double)j + 1.0, -pp->tag_zipf);
        tag_cum[j] = total;
    }
    double tier_cum[CS_TIER_COUNT], acc = 0, tier_mean = 0;
    for (int t = 0; t < CS_TIER_COUNT; t++) {
        acc += pp->tier_share[t];
        tier_cum[t] = acc;
        tier_mean += pp->tier_share[t] * (1.0 + pp->tier_sociability * t);
    }
    /* Lower tiers make more ties; dividing by the mix's mean factor keeps
     * the mean sociability at 1, so the mean degree is the scenario's. */
    double tier_soc[CS_TIER_COUNT];
    for (int t = 0; t < CS_TIER_COUNT; t++)
        tier_soc[t] = tier_mean > 0 ? (1.0 + pp->tier_sociability * t) / tier_mean : 1.0;
    /* Pareto with shape a = gamma - 1 and mean 1: x_m = (a - 1) / a. A
     * user's expected degree is proportional to it, so degrees inherit the
     * tail P(k > x) ~ x^-(gamma - 1), i.e. a density exponent of gamma. */
    const double a = pp->degree_exponent - 1.0, xm = (a - 1.0) / a;

#pragma omp parallel for schedule(static) num_threads(threads > 0 ? threads : 1)
    for (int64_t i = 0; i < (int64_t)n; i++) {
        cs_pcg32 rng = cs_rng_stream(seed, CS_STREAM_POPULATION, 0, (uint64_t)i);
        double u = cs_pcg32_double(&rng);
        int t = 0;
        while (t < CS_TIER_COUNT - 1 && u >= tier_cum[t])
            t++;
        pop->tier[i] = (uint8_t)t;
        pop->post95[i] = cs_pcg32_double(&rng) < pp->post95_share;
        pop->sociability[i] =
            (float)(tier_soc[t] * xm * pow(1.0 - cs_pcg32_double(&rng), -1.0 / a));

        /* k distinct tags by popularity, sampled without replacement
         * exactly: a point in the weight of the tags not yet chosen, mapped
         * back by stepping over the chosen ones (kept sorted) in order. */
        uint16_t *mine = pop->interest + (size_t)i * k;
        double chosen_weight = 0;
        for (uint32_t c = 0; c < k; c++) {
            double x = cs_pcg32_double(&rng) * (total - chosen_weight);
            uint32_t tag = cs_pick_cumulative(tag_cum, T, x);
            for (uint32_t e = 0; e < c && mine[e] <= tag; e++) {
                x += tag_weight(tag_cum, mine[e]);
                tag = cs_pick_cumulative(tag_cum, T, x);
            }
            /* Rounding at the very top of the range could land on a chosen
             * tag; then take the first free one (measure-zero in exact
             * arithmetic, but the loop must never yield a repeat). */
            for (uint32_t e = 0; e < c; e++)
                if (mine[e] == tag) {
                    tag = 0;
                    for (uint32_t f = 0; f < c && mine[f] == tag; f++)
                        tag++;
                    break;
                }
            chosen_weight += tag_weight(tag_cum, tag);
            /* Insert in order, so the stepping above sees them sorted. */
            uint32_t at = c;
            while (at > 0 && mine[at - 1] > tag) {
                mine[at] = mine[at - 1];
                at--;
            }
            mine[at] = (uint16_t)tag;
        }
    }
    free(tag_cum);
    return 0;
}

void cs_population_free(cs_population *pop)
{
    free(pop->tier);
    free(pop->post95);
    free(pop->interest);
    free(pop->sociability);
    memset(pop, 0, sizeof *pop);
}

int cs_population_share_interest(const cs_population *pop, uint32_t a, uint32_t b)
{
    const uint16_t *x = pop->interest + (size_t)a * pop->interests;
    const uint16_t *y = pop->interest + (size_t)b * pop->interests;
    uint32_t i = 0, j = 0;
    while (i < pop->interests && j < pop->interests) {
        if (x[i] == y[j])
            return 1;
        if (x[i] < y[j])
            i++;
        else
            j++;
    }
    return 0;
}
