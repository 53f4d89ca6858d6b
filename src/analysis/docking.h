/* SPDX-License-Identifier: MIT */
/* docking.h - the platform model reduced to Bass diffusion: every
 * mechanism but one ad (pull p) and one friend's note (pull q, present when
 * that friend has bought) switched off, so each day a non-buyer buys with
 * probability p + q x (share of its friends who had bought by yesterday),
 * which is model: bass (docs/MODEL.md, 3.4). tests/test_platform.c and
 * `circlesim validate` run it against the discrete Bass recursion. */
#ifndef CS_ANALYSIS_DOCKING_H
#define CS_ANALYSIS_DOCKING_H

#include <stdint.h>

#include "circlesim/diag.h"
#include "engine/engine.h"

/* The docking scenario with n people, p, q and days on the network given
 * as YAML ("network: {kind: complete}\n"), on seed: 0, or CS_ERR_INPUT /
 * CS_ERR_NOMEM (reported to d); sc must be freed whatever the outcome. */
int cs_docking_scenario(const char *network, int64_t n, double p, double q, int64_t days,
                        int64_t seed, cs_scenario *sc, cs_diag *d);
/* The discrete Bass recursion with complete mixing, where a user's friends
 * are the other N - 1 users: A_t = A + (N - A)(p + q A / (N - 1)), A_0 = 0;
 * out[t] = A_(t+1) for t < days. */
void cs_bass_recursion(double N, double p, double q, int64_t days, double *out);

#endif
