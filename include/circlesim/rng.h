/* SPDX-License-Identifier: MIT */
/* rng.h - PCG32 random numbers and per-(seed, day, agent) streams.
 *
 * Random state is always explicit: every draw names the generator it advances.
 * Results must not depend on the order agents are processed in, nor on the
 * thread count, so the engine never shares one generator across agents: it
 * derives a fresh, cheap stream for each (run seed, purpose, day, agent).
 */
#ifndef CIRCLESIM_RNG_H
#define CIRCLESIM_RNG_H

#include "circlesim/api.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cs_pcg32 {
    uint64_t state; /* internal LCG state; all 2^64 values are valid */
    uint64_t inc;   /* stream selector, always odd */
} cs_pcg32;

/* Purposes of derived streams: two purposes never share a stream even for
 * the same day and agent. Append new purposes at the end (values are part of
 * the reproducibility promise). */
enum cs_stream_purpose {
    CS_STREAM_NETWORK = 1, /* network generation */
    CS_STREAM_BASS = 2,    /* Bass adoption decisions */
    CS_STREAM_CASCADE = 3, /* independent-cascade activation attempts */
    CS_STREAM_POPULATION = 4, /* users' attributes */
    /* model: platform, one purpose per mechanism, so switching one
     * mechanism off leaves the others' draws as they were (common random
     * numbers for what-if pairs). */
    CS_STREAM_PLATFORM_INIT = 5, /* platform attributes, KOLs, follows, products */
    CS_STREAM_OPEN = 6,       /* opening the app, sessions, notes seen */
    CS_STREAM_FEED = 7,       /* the feed's notes */
    CS_STREAM_GROUPS = 8,     /* group chats: applying, leaving, messages, founding */
    CS_STREAM_CIRCLES = 9,    /* circles: applying, review, invites, posts */
    CS_STREAM_FUNNEL = 10,    /* seeding, engaging, buying, satisfaction, notes */
    CS_STREAM_COMMERCE = 11,  /* where to pay, the membership card */
    CS_STREAM_CHURN = 12,     /* leaving the platform */
    CS_STREAM_GROWTH = 13,    /* joining: acquisition and invitations */
    CS_STREAM_BRAND = 14,     /* the brand's seeding, DMs, livestreams, KOL posts */
    CS_STREAM_LAYOUT = 15,    /* the visualizer's sample of users and layout */
    CS_STREAM_DESIGN = 16,    /* an experiment's sampled design points (Latin hypercube) */
    CS_STREAM_INFLUENCE = 17, /* optimize: reverse-reachable sets (IMM) */
    CS_STREAM_OPTIMIZE = 18,  /* optimize: the random baseline's seed sets */
    CS_STREAM_ROBUST = 19,    /* robustness: the permutation tests of what a verdict hinges on */
};

/* Seed as the reference implementation does (pcg32_srandom_r). */
CS_API void cs_pcg32_seed(cs_pcg32 *rng, uint64_t initstate, uint64_t initseq);

/* The draws are inline: the platform model makes dozens per user and day,
 * and a call each cost a sixth of a run (docs/PERFORMANCE.md). */

/* The 32-bit output of a state (XSH-RR). */
static inline uint32_t cs_pcg32_output(uint64_t state)
{
    uint32_t xorshifted = (uint32_t)(((state >> 18u) ^ state) >> 27u);
    uint32_t rot = (uint32_t)(state >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((-rot) & 31u));
}

/* Next raw 32-bit output. */
static inline uint32_t cs_pcg32_next(cs_pcg32 *rng)
{
    uint64_t old = rng->state;
    rng->state = old * 6364136223846793005ULL + rng->inc;
    return cs_pcg32_output(old);
}

/* Uniform integer in [0, bound) without modulo bias; bound must be > 0. */
static inline uint32_t cs_pcg32_bounded(cs_pcg32 *rng, uint32_t bound)
{
    /* Draws below 2^32 mod bound would make small results more likely;
     * reject them. At most half of all draws are rejected (bound > 2^31).
     * That threshold is below bound, so it is computed only for the rare
     * draw below bound: a division saved on nearly every call, same draws. */
    for (;;) {
        uint32_t r = cs_pcg32_next(rng);
        if (r >= bound || r >= (uint32_t)(-bound) % bound)
            return r % bound;
    }
}

/* Uniform double in [0, 1) with 53 random bits (two outputs). */
static inline double cs_pcg32_double(cs_pcg32 *rng)
{
    /* 27 high bits from one draw and 26 from the next make 53. The state
     * after both steps, s*M^2 + inc*(M + 1), is computed beside the one
     * between them rather than after it: one multiply on the chain from
     * draw to draw instead of two, same outputs. */
    const uint64_t m = 6364136223846793005ULL;
    uint64_t s0 = rng->state, s1 = s0 * m + rng->inc;
    rng->state = s0 * (m * m) + rng->inc * (m + 1);
    uint64_t a = cs_pcg32_output(s0) >> 5;
    uint64_t b = cs_pcg32_output(s1) >> 6;
    return (double)((a << 26) | b) * (1.0 / 9007199254740992.0);
}

/* Uniform 64-bit integer in [0, bound), unbiased; bound must be > 0. */
CS_API uint64_t cs_pcg32_bounded64(cs_pcg32 *rng, uint64_t bound);

/* A generator for (seed, purpose, day, agent): the four are mixed through a
 * 64-bit finalizer into the initial state and the stream selector, so nearby
 * inputs give unrelated streams. Costs a few multiplies; cheap enough to call
 * once per agent per day. */
CS_API cs_pcg32 cs_rng_stream(uint64_t seed, uint32_t purpose, uint64_t day, uint64_t agent);

/* The same stream in two steps, for loops over agents: the key mixes
 * (seed, purpose, day) once, and cs_rng_stream_keyed(key, agent) ==
 * cs_rng_stream(seed, purpose, day, agent). */
CS_API uint64_t cs_rng_key(uint64_t seed, uint32_t purpose, uint64_t day);
CS_API cs_pcg32 cs_rng_stream_keyed(uint64_t key, uint64_t agent);

/* 64-bit mixing function (splitmix64's finalizer); exposed for hashing. */
CS_API uint64_t cs_mix64(uint64_t x);

#ifdef __cplusplus
}
#endif

#endif
