/* SPDX-License-Identifier: MIT */
/* layout.h - a deterministic force-directed (Fruchterman–Reingold) layout
 * for the network panel, refined a little every simulated day so that
 * communities drift together on screen. Pure C, no SDL.
 *
 * Scale: the ideal distance is k = 1 / sqrt(n) and the centre pulls every
 * node with force r (distance to the origin), which together hold n nodes
 * without ties in the unit disc whatever n is; ties draw a graph tighter.
 * Forces on a node at distance d from another: repulsion k^2 / d from every
 * node, attraction w d^2 / k along each tie of weight w. Distances below
 * k / 1000 count as k / 1000 for repulsion (coincident nodes are pushed
 * apart in a direction hashed from the pair), so no step ever makes a NaN. */
#ifndef CS_LAYOUT_H
#define CS_LAYOUT_H

#include <stdint.h>

typedef struct cs_layout {
    uint32_t n;
    float *x, *y;       /* positions */
    float temperature;  /* largest move per step; cools as steps are taken */
    uint64_t steps;     /* steps taken */
} cs_layout;

/* n nodes at positions uniform in the unit disc, drawn from
 * cs_rng_stream(seed, CS_STREAM_LAYOUT, 1, i) for node i; temperature 0.1,
 * no steps. Returns 0 or CS_ERR_NOMEM (L left empty and freeable).
 * Overwrites L without freeing it. */
int cs_layout_init(cs_layout *L, uint32_t n, uint64_t seed);

/* iters Fruchterman–Reingold steps. tie: 2*m node indexes (pairs naming a
 * node twice or a node >= n are skipped; a pair given twice pulls twice);
 * weight: m factors, or NULL for all 1 (a weight that is not a positive finite
 * number counts as 0). Repulsion between all pairs goes through a
 * Barnes–Hut quadtree (opening angle 0.8). Each step moves every node by its
 * force, capped at the temperature, which then cools by 1.5% towards a floor
 * of k / 50: later calls refine gently instead of shaking the picture.
 * Single-threaded, no global state; the same inputs give the same bytes.
 * Working memory: about 90 bytes a node, allocated per call; when it cannot
 * be had the remaining steps are not taken (steps counts those that were). */
void cs_layout_step(cs_layout *L, const uint32_t *tie, const float *weight, uint64_t m, int iters);

/* The energy the steps descend, computed exactly in O(n^2): w d^3 / (3k) per
 * tie, -k^2 ln d per pair (linear below the distance floor, matching the
 * capped force), and r^2 / 2 per node for the centre's pull. */
double cs_layout_energy(const cs_layout *L, const uint32_t *tie, const float *weight, uint64_t m);

/* Bounding box of the positions; all 0 when n == 0. */
void cs_layout_bounds(const cs_layout *L, float *x0, float *y0, float *x1, float *y1);

/* Frees the positions and empties L; a no-op on an empty layout. */
void cs_layout_free(cs_layout *L);

#endif
