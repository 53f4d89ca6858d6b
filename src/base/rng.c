/* SPDX-License-Identifier: MIT */
/* rng.c - PCG32 (O'Neill's reference algorithm) and derived streams. */
#include "circlesim/rng.h"

#define PCG32_MULT 6364136223846793005ULL

static inline void pcg32_step(cs_pcg32 *rng)
{
    rng->state = rng->state * PCG32_MULT + rng->inc;
}

void cs_pcg32_seed(cs_pcg32 *rng, uint64_t initstate, uint64_t initseq)
{
    rng->state = 0U;
    rng->inc = (initseq << 1u) | 1u;
    pcg32_step(rng);
    rng->state += initstate;
    pcg32_step(rng);
}

uint64_t cs_pcg32_bounded64(cs_pcg32 *rng, uint64_t bound)
{
    if (bound <= UINT32_MAX)
        return cs_pcg32_bounded(rng, (uint32_t)bound);
    uint64_t threshold = (uint64_t)(-bound) % bound;
    for (;;) {
        uint64_t r = ((uint64_t)cs_pcg32_next(rng) << 32) | cs_pcg32_next(rng);
        if (r >= threshold)
            return r % bound;
    }
}

uint64_t cs_mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

uint64_t cs_rng_key(uint64_t seed, uint32_t purpose, uint64_t day)
{
    /* Chain the inputs through the mixer so that every input bit affects
     * every output bit; the golden-ratio offsets keep zero inputs apart. */
    uint64_t h = cs_mix64(seed + 0x9e3779b97f4a7c15ULL);
    h = cs_mix64(h ^ ((uint64_t)purpose * 0x9e3779b97f4a7c15ULL));
    return cs_mix64(h ^ (day + 0xd1b54a32d192ed03ULL));
}

cs_pcg32 cs_rng_stream_keyed(uint64_t key, uint64_t agent)
{
    uint64_t s = cs_mix64(key ^ (agent + 0x8cb92ba72f3d8dd7ULL));
    cs_pcg32 rng;
    rng.inc = (cs_mix64(s ^ 0xa0761d6478bd642fULL) << 1u) | 1u;
    rng.state = s + rng.inc;
    pcg32_step(&rng);
    return rng;
}

cs_pcg32 cs_rng_stream(uint64_t seed, uint32_t purpose, uint64_t day, uint64_t agent)
{
    return cs_rng_stream_keyed(cs_rng_key(seed, purpose, day), agent);
}
