/* SPDX-License-Identifier: MIT */
/* influence.h - choosing whom to seed: reverse-influence sampling with the
 * IMM algorithm for the independent cascade, and greedy selection with lazy
 * evaluation (CELF) for a set function the caller evaluates (the means of
 * simulated runs, for the Bass and platform models). No I/O: `circlesim
 * optimize` (apps/cli/optimize.c) builds on these.
 *
 * Ties are broken towards the lower candidate index everywhere, so each
 * function's result is a fixed function of its inputs, whatever the thread
 * count.
 */
#ifndef CIRCLESIM_INFLUENCE_H
#define CIRCLESIM_INFLUENCE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "network/network.h"

/* ---- reverse-reachable sets (Borgs et al. 2014) ---- */

/* Set i holds node[off[i] .. off[i + 1]): the users that reach a root drawn
 * uniformly at random within `depth` hops along ties that pass the cascade
 * on (each with chance p, drawn once). A seed set's expected spread is n
 * times the share of sets it meets. */
typedef struct cs_rr_sets {
    uint64_t count;
    uint64_t *off;        /* count + 1 */
    uint32_t *node;       /* off[count] members */
    uint64_t cap_sets, cap_nodes;
} cs_rr_sets;

typedef struct cs_rr_params {
    double p;             /* chance a tie passes the cascade on (cascade.p) */
    int64_t depth;        /* most hops from a seed: the cascade's days */
    uint64_t seed;        /* set i draws from cs_rng_stream(seed, CS_STREAM_INFLUENCE, phase, i) */
    uint64_t phase;       /* independent collections of one seed use different phases */
    int threads;
    uint64_t max_bytes;   /* memory the sets and the index that selects from them may
                           * take (12 bytes a member, 17 a set); 0: no limit */
    const volatile sig_atomic_t *stop; /* when set and non-zero: stop (a signal) */
} cs_rr_params;

enum { CS_RR_TOO_BIG = 1 }; /* max_bytes would be passed */

/* Bytes a collection of `sets` sets holding `members` members in all takes,
 * with the index cs_rr_select builds over it: what max_bytes counts. */
double cs_rr_bytes(double sets, double members);

/* Adds sets rr->count .. total - 1. Returns 0, CS_RR_TOO_BIG (rr keeps the
 * sets made before the call), CS_ERR_INTERRUPTED (*stop was set) or
 * CS_ERR_NOMEM. */
int cs_rr_extend(cs_rr_sets *rr, const cs_network *net, const cs_rr_params *pp, uint64_t total);
void cs_rr_free(cs_rr_sets *rr);

/* Greedy maximum coverage: up to k users of the pool (pool[u] != 0; NULL:
 * everyone), each meeting the most sets not yet met, the lower index on a
 * tie. chosen[i] is the i-th pick and newly[i] the sets it met first.
 * Returns the number chosen (fewer than k when the pool is smaller), or -1
 * when out of memory. */
long cs_rr_select(const cs_rr_sets *rr, uint32_t n, const uint8_t *pool, size_t k,
                  uint32_t *chosen, uint64_t *newly);

/* ---- IMM (Tang, Shi & Xiao 2015) ---- */

typedef struct cs_imm_result {
    size_t chosen;        /* seeds picked: min(k, pool size) */
    double spread;        /* estimated expected spread of the seeds (users, seeds included) */
    double lower_bound;   /* IMM's lower bound on the best spread of k pool users */
    uint64_t sets;        /* reverse-reachable sets behind the choice */
    uint64_t sets_sampled;/* sets drawn while bounding the optimum */
} cs_imm_result;

/* The fewest sets IMM draws for k of npool users of n at these epsilon and
 * ell, whatever the network: a lower bound on its cost, known before it
 * starts (every set holds at least its root). */
double cs_imm_min_sets(double n, double npool, double k, double epsilon, double ell);

/* Seeds k users of the pool (NULL: everyone) for the independent cascade
 * with tie chance pp->p over pp->depth days. With probability at least
 * 1 - 1/n^ell the spread of the choice is at least (1 - 1/e - epsilon)
 * times the best possible over k users of the pool. chosen[k]; gain[i] is
 * the estimated spread the i-th seed adds. The sets that choose are drawn
 * afresh, apart from those that bound the optimum (Chen 2018's correction
 * to IMM's analysis). Returns 0, CS_RR_TOO_BIG, CS_ERR_INTERRUPTED or
 * CS_ERR_NOMEM. */
int cs_imm(const cs_network *net, const cs_rr_params *pp, const uint8_t *pool, size_t k,
           double epsilon, double ell, uint32_t *chosen, double *gain, cs_imm_result *res);

/* ---- greedy selection with lazy evaluation ---- */

/* The caller's set function: for each i < m, out[i] = f(base + add[i]), or
 * f(base) alone where add[i] is CS_NO_ADD. A batch is one call so the caller
 * can spread it over cores and ranks. Returns 0, or non-zero to stop (the
 * selection returns that code). */
#define CS_NO_ADD UINT32_MAX
typedef int (*cs_set_eval)(const uint32_t *base, size_t nbase, const uint32_t *add, size_t m,
                           double *out, void *ctx);

typedef struct cs_greedy_result {
    size_t chosen;
    double start;         /* f of the empty set */
    double value;         /* f of the chosen set */
    size_t evaluations;   /* values of f asked for, f(empty) included */
} cs_greedy_result;

/* Greedy selection of up to k of the ncand candidates, each step taking the
 * largest gain f(S + c) - f(S) (the candidate listed first on a tie, and
 * also when the gain is not a number, which counts as the lowest).
 *
 * cs_celf (Leskovec et al. 2007) keeps each candidate's last gain as a
 * bound and evaluates again only those whose bound could still win, up to
 * `batch` at a time (batch fixed by the caller, never by the thread count,
 * so the choice is too). For a submodular f it picks exactly what
 * cs_greedy does; for a simulated f that is only close to submodular it
 * may differ where gains are within noise of each other.
 * chosen[k] and gain[k]; returns 0, the evaluator's code, or CS_ERR_NOMEM. */
int cs_celf(const uint32_t *cand, size_t ncand, size_t k, size_t batch, cs_set_eval f,
            void *ctx, uint32_t *chosen, double *gain, cs_greedy_result *res);
/* Plain greedy: every remaining candidate evaluated at every step. */
int cs_greedy(const uint32_t *cand, size_t ncand, size_t k, cs_set_eval f, void *ctx,
              uint32_t *chosen, double *gain, cs_greedy_result *res);

#endif
