/* SPDX-License-Identifier: MIT */
/* dist.c - shared draws (dist.h). */
#include "base/dist.h"

#include <math.h>

int64_t cs_poisson_inverse(double mean, int64_t max, double u)
{
    if (mean <= 0)
        return 0;
    double p = exp(-mean), cdf = p;
    int64_t k = 0;
    while (u >= cdf && k < max) {
        k++;
        p *= mean / (double)k;
        cdf += p;
        if (p < 1e-300)
            break;
    }
    return k < max ? k : max;
}

int64_t cs_poisson(double mean, int64_t max, cs_pcg32 *rng)
{
    return cs_poisson_inverse(mean, max, cs_pcg32_double(rng));
}

double cs_normal(cs_pcg32 *rng)
{
    double u1 = cs_pcg32_double(rng), u2 = cs_pcg32_double(rng);
    return sqrt(-2.0 * log(1.0 - u1)) * cos(6.283185307179586 * u2);
}
