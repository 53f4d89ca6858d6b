/* SPDX-License-Identifier: MIT */
/* dist.h - draws from the distributions the models share, each from an
 * explicit random stream (or a uniform the caller drew), so a rule's draws
 * are visible where it makes them. */
#ifndef CS_BASE_DIST_H
#define CS_BASE_DIST_H

#include <stdint.h>

#include "circlesim/rng.h"

/* Poisson(mean) by inversion of its distribution function with the one
 * uniform u in [0, 1): so P(> 0) is exactly 1 - exp(-mean); capped at max. */
int64_t cs_poisson_inverse(double mean, int64_t max, double u);
/* The same with one uniform from rng. */
int64_t cs_poisson(double mean, int64_t max, cs_pcg32 *rng);
/* Standard normal by Box-Muller from two uniforms of rng (one value per
 * pair: the draws a call makes never depend on an earlier call). */
double cs_normal(cs_pcg32 *rng);

#endif
