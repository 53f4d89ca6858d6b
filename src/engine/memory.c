/* SPDX-License-Identifier: MIT */
/* memory.c - estimating a run's peak memory before it starts.
 *
 * A run's resident memory peaks either while its network is built or while
 * its model runs, so the estimate is the program's own footprint plus the
 * larger of the two. Each phase is counted from the arrays it holds at
 * once (8 bytes per pair and per CSR offset, 4 per adjacency entry, the
 * model's per-user arrays); where a generator's scratch is not worth
 * modelling array by array (homophily), its per-user and per-tie bytes were
 * measured. docs/ROBUSTNESS.md records the measurements.
 */
#include "engine/memory.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "circlesim/diag.h"
#include "engine/engine.h"
#include "scenario/scenario_struct.h"

/* The program before any user: code, libraries, the thread pool's stacks
 * and the scenario machinery (measured: 14.5 MiB for a 1000-user run). */
#define BASE_BYTES (14.5 * 1048576.0)

/* Bytes of network.file, 0 when there is none or it cannot be seen. */
static double edge_list_bytes(const cs_scenario *sc)
{
    struct stat st;
    return sc->network_file && stat(sc->network_file, &st) == 0 ? (double)st.st_size : 0;
}

/* Undirected ties a network of sc's kind is expected to hold. */
static double expected_ties(const cs_scenario *sc, double n)
{
    switch (sc->network_kind) {
    case CS_NET_COMPLETE:
        return 0; /* enumerated, never stored */
    case CS_NET_BARABASI_ALBERT:
        return n * (double)sc->network_m;
    case CS_NET_WATTS_STROGATZ:
        return n * (double)sc->network_k / 2.0;
    case CS_NET_SBM: {
        double within = 0, total = 0, sq = 0;
        for (size_t i = 0; i < sc->network_blocks.n; i++) {
            double b = (double)sc->network_blocks.v[i];
            within += b * (b - 1) / 2.0;
            total += b;
            sq += b * b;
        }
        return sc->network_p_in * within + sc->network_p_out * (total * total - sq) / 2.0;
    }
    case CS_NET_EDGELIST: {
        /* A pair per line of about two ids of n's digits, a blank and a
         * line end. */
        double digits = n > 1 ? floor(log10(n - 1)) + 1 : 1;
        return edge_list_bytes(sc) / (2 * digits + 2);
    }
    default:
        return n * sc->network_mean_degree / 2.0;
    }
}

static uint64_t estimate(const cs_scenario *sc, double model_bytes_per_user,
                         double model_fixed_bytes, int network_only)
{
    const double n = (double)sc->population_size, ties = expected_ties(sc, n);
    /* The network as the model uses it: offsets and both directions. */
    const double csr = sc->network_kind == CS_NET_COMPLETE ? 0 : 8 * n + 8 * ties;
    double build;
    switch (sc->network_kind) {
    case CS_NET_COMPLETE:
        build = 0;
        break;
    case CS_NET_EDGELIST: {
        /* Reading holds the file's text and the pairs; building, the pairs
         * and the network. */
        double reading = edge_list_bytes(sc) + 8 * ties;
        build = reading > 8 * ties + csr ? reading : 8 * ties + csr;
        break;
    }
    case CS_NET_HOMOPHILY:
        /* Fitted to measurements at 2 x 10^5 and 10^6 users, mean degree
         * 6 to 100 (190 to 965 bytes a user, within 6%): the population
         * and per-user scratch, and the pairs and networks of the
         * generator's passes. */
        build = 141 * n + 16.5 * ties;
        break;
    default:
        build = 8 * ties + csr; /* the pairs, then the network beside them */
        break;
    }
    if (network_only) {
        double peak = BASE_BYTES + (build > csr ? build : csr);
        return peak < 1.8e19 ? (uint64_t)peak : UINT64_MAX;
    }
    double run = csr + model_bytes_per_user * n + (double)sc->days * sizeof(cs_day_row);
    run += model_fixed_bytes;
    double peak = BASE_BYTES + (build > run ? build : run);
    return peak < 1.8e19 ? (uint64_t)peak : UINT64_MAX;
}

uint64_t cs_memory_estimate_guarded(const cs_scenario *sc, const cs_memory_guard *g)
{
    return estimate(sc, g->model_bytes_per_user, g->model_fixed_bytes, g->flags & CS_LIMIT_NETWORK);
}

int cs_memory_check_guarded(const cs_scenario *sc, const cs_memory_guard *g, cs_diag *diag)
{
    const int flags = g->flags, given = flags & CS_LIMIT_GIVEN;
    const uint64_t limit = g->limit, need = cs_memory_estimate_guarded(sc, g);
    if (limit == 0 || need <= limit)
        return 0;
    char a[64], b[64];
    cs_format_size(a, sizeof a, need);
    cs_format_size(b, sizeof b, limit);
    if (!strcmp(a, b)) { /* "1.00 GiB, more than the 1.00 GiB": the bytes tell them apart */
        snprintf(a + strlen(a), sizeof a - strlen(a), " (%llu bytes)", (unsigned long long)need);
        snprintf(b + strlen(b), sizeof b - strlen(b), " (%llu bytes)", (unsigned long long)limit);
    }
    cs_diag_error(diag,
                  "this %s would need about %s of memory at its peak (population.size %lld, "
                  "network.kind %s), more than the %s %s; use fewer users or a sparser "
                  "network%s",
                  flags & CS_LIMIT_NETWORK ? "network" : "run", a, (long long)sc->population_size, cs_network_kind_name(sc->network_kind), b,
                  given ? "that --max-memory allows" : "available now (--max-memory sets the limit)",
                  given ? ", or allow more with --max-memory" : "");
    return CS_ERR_INPUT;
}

