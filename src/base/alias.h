/* SPDX-License-Identifier: MIT */
/* alias.h - Walker's alias tables (Vose's construction): after O(m) set-up,
 * one of m outcomes drawn with given weights in O(1) from two uniforms. */
#ifndef CS_BASE_ALIAS_H
#define CS_BASE_ALIAS_H

#include <stdint.h>

/* On entry prob[0 .. m) holds the weights scaled to mean 1 (w * m / total;
 * all 1 when the total is 0). On return prob and alias are the table.
 * small and large are scratch of m entries each. */
void cs_alias_build(double *prob, uint32_t *alias, uint64_t m, uint32_t *small,
                    uint32_t *large);

/* The outcome for slot k (drawn uniformly) and a uniform u in [0, 1). */
static inline uint32_t cs_alias_pick(const double *prob, const uint32_t *alias, uint64_t k,
                                     double u)
{
    return u < prob[k] ? (uint32_t)k : alias[k];
}

#endif
