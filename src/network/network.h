/* SPDX-License-Identifier: MIT */
/* network.h - undirected social networks in compact CSR form, their
 * generators, and edge-list import/export.
 *
 * Invariants of a built cs_network (checked by cs_network_check):
 *   - adj[off[u] .. off[u+1]) lists u's neighbours in increasing order;
 *   - no self-loops, no duplicate neighbours;
 *   - symmetric: v is in u's list exactly when u is in v's;
 *   - off[n] == 2 * edges.
 * A complete network is implicit (complete == 1, off and adj NULL): it is never
 * stored, since 10^5 users would need 10^10 entries.
 */
#ifndef CIRCLESIM_NETWORK_H
#define CIRCLESIM_NETWORK_H

#include <stddef.h>
#include <stdint.h>

#include "circlesim/diag.h"

typedef struct cs_network {
    uint32_t n;      /* users */
    uint64_t edges;  /* undirected ties */
    int complete;    /* 1: implicit complete graph, off/adj unused */
    uint64_t *off;   /* n + 1 offsets into adj */
    uint32_t *adj;   /* 2 * edges neighbour indices (32-bit to halve memory) */
} cs_network;

/* Growable list of undirected pairs, the input of cs_network_from_pairs. */
typedef struct cs_edge_buf {
    uint32_t *uv;    /* 2 * len entries: u0 v0 u1 v1 ... */
    uint64_t len;
    uint64_t cap;
} cs_edge_buf;

int cs_edge_buf_push(cs_edge_buf *b, uint32_t u, uint32_t v);
/* Room for at least `pairs` pairs in all, so pushes up to it never copy
 * (and a known count avoids doubling's transient 1.5x copy). */
int cs_edge_buf_reserve(cs_edge_buf *b, uint64_t pairs);
void cs_edge_buf_free(cs_edge_buf *b);

/* Build CSR for n users from pairs. Self-loops and duplicates are dropped and
 * counted in *self_loops and *duplicates (either may be NULL). The buffer is
 * left unchanged. Returns 0, CS_ERR_NOMEM, or CS_ERR_INPUT when an index is
 * >= n (nothing is written out of bounds). */
int cs_network_from_pairs(cs_network *net, uint32_t n, const cs_edge_buf *pairs,
                          uint64_t *self_loops, uint64_t *duplicates);
/* The same on `threads` threads (the same bytes on any number). */
int cs_network_from_pairs_threads(cs_network *net, uint32_t n, const cs_edge_buf *pairs,
                                  int threads, uint64_t *self_loops, uint64_t *duplicates);

void cs_network_complete(cs_network *net, uint32_t n);
void cs_network_free(cs_network *net);

static inline uint64_t cs_network_degree(const cs_network *net, uint32_t u)
{
    return net->complete ? (uint64_t)net->n - 1 : net->off[u + 1] - net->off[u];
}

/* 0 when every invariant above holds, else CS_ERR_RUNTIME. */
int cs_network_check(const cs_network *net);

/* Generators. All are deterministic functions of their arguments and seed
 * (they draw from cs_rng_stream(seed, CS_STREAM_NETWORK, 0, 0)).
 * Return 0, CS_ERR_NOMEM, or CS_ERR_INPUT for impossible arguments. */

/* G(n, p) with p = mean_degree / (n - 1). */
int cs_gen_erdos_renyi(cs_network *net, uint32_t n, double mean_degree, uint64_t seed);

/* Preferential attachment: a clique of m + 1 users, then every newcomer ties
 * to m distinct earlier users chosen with probability proportional to
 * degree. Needs n > m >= 1. */
int cs_gen_barabasi_albert(cs_network *net, uint32_t n, uint32_t m, uint64_t seed);

/* Ring lattice with each user tied to its k nearest (k even, k < n), each tie
 * (u, u + j) rewired to a uniformly chosen user with probability beta,
 * avoiding self-loops and duplicates. */
int cs_gen_watts_strogatz(cs_network *net, uint32_t n, uint32_t k, double beta, uint64_t seed);

/* Stochastic block model: consecutive blocks of the given sizes (they sum to
 * n); ties inside a block with probability p_in, across blocks p_out. */
int cs_gen_sbm(cs_network *net, const uint32_t *sizes, size_t nblocks, double p_in,
               double p_out, uint64_t seed);

/* Homophily network over a population (population.h): expected degrees
 * follow users' sociability (a Chung-Lu-style heavy tail); a share of ties
 * is made inside a shared interest tag, a share of the rest inside the city
 * tier, the rest across the platform; then a share of all ties closes
 * triangles (friend of a friend), which gives clustering. */
struct cs_population;
typedef struct cs_homophily_params {
    double mean_degree;    /* ties per user */
    double interest_share; /* share of direct ties made within a shared interest tag */
    double tier_share;     /* share of the other direct ties made within the tier */
    double closure;        /* share of all ties made by closing a triangle */
} cs_homophily_params;

/* Repeated draws of a pair are topped up with new ties (a few rounds, to
 * within 0.5% of n d / 2 ties); *duplicates (may be NULL) counts the draws
 * dropped as repeats. Each tie has its own stream, so `threads` make the
 * same network as one. */
int cs_gen_homophily(cs_network *net, const struct cs_population *pop,
                     const cs_homophily_params *hp, uint64_t seed, int threads,
                     uint64_t *duplicates);

/* Summary statistics used by tests and reports. */
double cs_network_mean_degree(const cs_network *net);
/* Mean of local clustering coefficients (users of degree < 2 count as 0).
 * Needs working memory of order n + edges; NaN when it cannot be had. */
double cs_network_avg_clustering(const cs_network *net);

/* Edge-list import. Format: one tie per line, "u v" or "u v weight", fields
 * separated by spaces, tabs or a comma; 0-based integer ids; '#' or '%'
 * starts a comment; blank lines ignored; CRLF accepted; weight is read and
 * ignored. On a malformed line, reports FILE:LINE:COL through diag and
 * continues to collect errors (up to a limit), then returns CS_ERR_INPUT.
 * stats->max_id receives the largest id seen (-1 for no ties). Ids are at
 * most 1999999999; a weight is a plain decimal number. Pairs are appended to
 * out, which may hold some after an error: the caller frees it either way.
 * Self-loops and duplicates are dropped by cs_network_from_pairs, which
 * counts them for the caller to report. */
typedef struct cs_edgelist_stats {
    int64_t max_id;
    int64_t declared_nodes; /* from a SNAP-style "# Nodes: N" header, else -1 */
    uint64_t lines;
    uint64_t pairs;
    char sha256[72];        /* "sha256:<hex>" of the bytes read */
} cs_edgelist_stats;

int cs_edgelist_read(const char *path, const char *display_name, cs_edge_buf *out,
                     cs_edgelist_stats *stats, cs_diag *diag);
/* The same, parsing on `threads` threads: the same pairs, counts and
 * messages as one. */
int cs_edgelist_read_threads(const char *path, const char *display_name, cs_edge_buf *out,
                             cs_edgelist_stats *stats, int threads, cs_diag *diag);

/* Export: "u v" lines, u < v, in increasing order, after a '#' header that
 * includes "# Nodes: N Edges: E" so isolated users survive a round trip.
 * Files are written atomically. A complete network is written out
 * explicitly. Return 0 or CS_ERR_RUNTIME (diag says why). GEXF and GraphML,
 * with users' attributes, are graph_files.h's. */
int cs_network_write_edgelist(const cs_network *net, const char *path, cs_diag *diag);
/* The same into the folder open as dirfd, under path's last part (path as
 * messages show it); dirfd < 0: path itself. */
int cs_network_write_edgelist_in(const cs_network *net, int dirfd, const char *path,
                                 cs_diag *diag);
/* The bytes cs_network_write_edgelist would write, counted without writing
 * (to check the room before). */
uint64_t cs_network_edgelist_bytes(const cs_network *net);

#endif
