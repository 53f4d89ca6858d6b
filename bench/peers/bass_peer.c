/* SPDX-License-Identifier: MIT */
/* bass_peer.c - the plain C program a user might write for workload W1 of
 * bench/run.sh: Bass diffusion on a network read from an edge list. It is
 * the yardstick circlesim is measured against, so it is kept as simple as
 * such a program would be: the file read whole and parsed with strtoul into
 * arrays, CSR, one splitmix64 stream, a count of adopted neighbours updated
 * after each day's decisions.
 *
 *   bass_peer EDGELIST N P Q DAYS SEED  > curve.csv
 *
 * Prints "day,adopters" for each day; on stderr "read S sim S" in seconds. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint64_t sm_state;
static uint64_t splitmix64(void)
{
    uint64_t z = (sm_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: bass_peer EDGELIST N P Q DAYS SEED\n");
        return 2;
    }
    long n = atol(argv[2]), days = atol(argv[5]);
    double p = atof(argv[3]), q = atof(argv[4]);
    sm_state = strtoull(argv[6], NULL, 10);
    double t0 = now();
    /* The whole file at once, then one pass over its digits: '#' lines
     * skipped, two ids a line, anything after them ignored. */
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    if (fread(text, 1, (size_t)size, f) != (size_t)size) {
        perror(argv[1]);
        return 1;
    }
    fclose(f);
    text[size] = '\0';
    size_t cap = 1 << 20, m = 0;
    uint32_t *u = malloc(cap * sizeof *u), *v = malloc(cap * sizeof *v);
    for (char *p = text; *p;) {
        if (*p == '#') {
            while (*p && *p != '\n')
                p++;
        } else {
            char *end;
            unsigned long a = strtoul(p, &end, 10);
            if (end != p) {
                char *end2;
                unsigned long b = strtoul(end, &end2, 10);
                if (end2 != end) {
                    if (m == cap) {
                        cap *= 2;
                        u = realloc(u, cap * sizeof *u);
                        v = realloc(v, cap * sizeof *v);
                    }
                    u[m] = (uint32_t)a;
                    v[m] = (uint32_t)b;
                    m++;
                }
                p = end2;
            }
            while (*p && *p != '\n')
                p++;
        }
        if (*p)
            p++;
    }
    free(text);
    uint64_t *off = calloc((size_t)n + 1, sizeof *off);
    for (size_t e = 0; e < m; e++) {
        off[u[e] + 1]++;
        off[v[e] + 1]++;
    }
    for (long i = 0; i < n; i++)
        off[i + 1] += off[i];
    uint32_t *adj = malloc(2 * m * sizeof *adj);
    uint64_t *fill = malloc((size_t)n * sizeof *fill);
    for (long i = 0; i < n; i++)
        fill[i] = off[i];
    for (size_t e = 0; e < m; e++) {
        adj[fill[u[e]]++] = v[e];
        adj[fill[v[e]]++] = u[e];
    }
    free(fill);
    free(u);
    free(v);
    double t1 = now();

    unsigned char *adopted = calloc((size_t)n, 1);
    uint32_t *count = calloc((size_t)n, sizeof *count); /* adopted neighbours */
    uint32_t *fresh = malloc((size_t)n * sizeof *fresh);
    long total = 0;
    for (long day = 1; day <= days; day++) {
        long k = 0;
        for (long i = 0; i < n; i++) {
            if (adopted[i])
                continue;
            uint64_t deg = off[i + 1] - off[i];
            double share = deg ? (double)count[i] / (double)deg : 0;
            double r = (double)(splitmix64() >> 11) * 0x1.0p-53;
            if (r < p + q * share)
                fresh[k++] = (uint32_t)i;
        }
        for (long j = 0; j < k; j++) {
            uint32_t i = fresh[j];
            adopted[i] = 1;
            for (uint64_t e = off[i]; e < off[i + 1]; e++)
                count[adj[e]]++;
        }
        total += k;
        printf("%ld,%ld\n", day, total);
    }
    double t2 = now();
    fprintf(stderr, "read %.3f sim %.3f\n", t1 - t0, t2 - t1);
    return 0;
}
