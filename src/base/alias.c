/* SPDX-License-Identifier: MIT */
/* alias.c - Vose's construction of an alias table (alias.h). */
#include "base/alias.h"

void cs_alias_build(double *prob, uint32_t *alias, uint64_t m, uint32_t *small,
                    uint32_t *large)
{
    uint64_t ns = 0, nl = 0;
    for (uint64_t e = 0; e < m; e++) {
        alias[e] = (uint32_t)e;
        if (prob[e] < 1.0)
            small[ns++] = (uint32_t)e;
        else
            large[nl++] = (uint32_t)e;
    }
    while (ns && nl) {
        uint32_t s = small[--ns], l = large[nl - 1];
        alias[s] = l;
        prob[l] -= 1.0 - prob[s];
        if (prob[l] < 1.0) {
            nl--;
            small[ns++] = l;
        }
    }
    /* Rounding leaves some slots a hair from 1: they keep themselves. */
    while (nl)
        prob[large[--nl]] = 1.0;
    while (ns)
        prob[small[--ns]] = 1.0;
}
