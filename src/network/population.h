/* SPDX-License-Identifier: MIT */
/* population.h - who the users are: city tier, birth cohort, interests and
 * sociability, as a structure of arrays (10^7 users must fit).
 *
 * Drawn per user from cs_rng_stream(seed, CS_STREAM_POPULATION, 0, user), so
 * a user's attributes do not depend on the population's size or on the order
 * users are generated in.
 */
#ifndef CIRCLESIM_POPULATION_H
#define CIRCLESIM_POPULATION_H

#include <stdint.h>

/* City tiers of SOURCES.md's population figures. */
enum cs_tier {
    CS_TIER_FIRST,             /* first-tier cities */
    CS_TIER_NEW_FIRST_SECOND,  /* new first-tier and second-tier cities */
    CS_TIER_THIRD_FOURTH,      /* third- and fourth-tier cities */
    CS_TIER_COUNTY,            /* counties, towns and villages */
    CS_TIER_COUNT
};
/* As files and scenarios name them: "first", "new_first_second", ... */
extern const char *const cs_tier_names[CS_TIER_COUNT];

#define CS_MAX_INTERESTS 16

typedef struct cs_population_params {
    double tier_share[CS_TIER_COUNT]; /* sums to 1 */
    double post95_share;              /* share born after 1995 */
    uint32_t tags;                    /* interest tags T */
    uint32_t interests;               /* distinct tags per user (< T, <= CS_MAX_INTERESTS) */
    double tag_zipf;                  /* popularity of tag j proportional to (j + 1)^-tag_zipf */
    double degree_exponent;           /* gamma of the sociability tail P(w > x) ~ x^-(gamma-1) */
    double tier_sociability;          /* sociability x (1 + this x tier), mean kept at 1 */
} cs_population_params;

typedef struct cs_population {
    uint32_t n;
    uint32_t interests;   /* tags per user */
    uint32_t tags;
    uint8_t *tier;        /* n: enum cs_tier */
    uint8_t *post95;      /* n: 1 if born after 1995 */
    uint16_t *interest;   /* n * interests: user u's tags at [u * interests ...], increasing */
    float *sociability;   /* n: relative propensity to make ties; mean 1, Pareto tail */
} cs_population;

/* On `threads` threads; the result does not depend on how many. Returns 0,
 * CS_ERR_NOMEM or CS_ERR_INPUT (parameters out of range). */
int cs_population_generate(cs_population *pop, uint32_t n, const cs_population_params *pp,
                           uint64_t seed, int threads);
void cs_population_free(cs_population *pop);

/* network.nodes: attributes of listed users, read from a CSV (see
 * src/network/nodes.c for the format). Fields a row leaves out are -1, NaN or
 * interest[0] == UINT16_MAX. */
typedef struct cs_nodes {
    uint32_t n, cap;      /* rows */
    uint32_t interests;   /* tags per row */
    uint32_t *user;
    int8_t *tier, *post95;
    uint16_t *interest;   /* n * interests, increasing */
    float *sociability;
    char sha256[72];      /* "sha256:<hex>" of the bytes read */
} cs_nodes;

struct cs_diag;
/* Reads and checks the file for a population of n users with `tags` tags and
 * `interests` tags each; reports every problem at its line and column.
 * Returns 0, CS_ERR_INPUT or CS_ERR_NOMEM. */
int cs_nodes_read(const char *path, const char *display_name, uint32_t n, uint32_t tags,
                  uint32_t interests, cs_nodes *nd, struct cs_diag *diag);
/* Overwrite the listed users' attributes. */
void cs_nodes_apply(const cs_nodes *nd, cs_population *pop);
void cs_nodes_free(cs_nodes *nd);

/* Index of the first cumulative weight above x (cum increasing, n > 0). */
uint32_t cs_pick_cumulative(const double *cum, uint32_t n, double x);

/* Whether users a and b share at least one interest tag. */
int cs_population_share_interest(const cs_population *pop, uint32_t a, uint32_t b);

#endif
