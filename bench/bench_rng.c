/* SPDX-License-Identifier: MIT */
/* bench_rng.c - the time of one PCG32 uniform draw on this machine, the
 * unit of the random-number bound in bench/run.sh (the limit of docs/PERFORMANCE.md):
 * a Bass day draws one uniform per non-adopter. Prints nanoseconds per draw
 * (the best of 5 rounds of 10^8). */
#include <stdio.h>
#include <time.h>

#include "circlesim/rng.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(void)
{
    const long draws = 100000000;
    double best = 1e30, sink = 0;
    for (int round = 0; round < 5; round++) {
        cs_pcg32 r = cs_rng_stream(1, CS_STREAM_BASS, (uint64_t)round, 0);
        double t0 = now();
        for (long i = 0; i < draws; i++)
            sink += cs_pcg32_double(&r);
        double t = (now() - t0) / (double)draws * 1e9;
        best = t < best ? t : best;
    }
    printf("%.3f\n", best);
    fprintf(stderr, "(checksum %.3f)\n", sink);
    return 0;
}
