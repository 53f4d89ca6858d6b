/* SPDX-License-Identifier: MIT */
/* sample.h - the few thousand users the network panel can show, drawn from
 * a network of up to 10^7 so that the picture is connected around the users
 * that matter (KOCs, KOLs, store owners, community members).
 *
 * The sample is a pure function of (network, priorities, size, seed): the same
 * run always shows the same users. Pure C, no SDL. */
#ifndef CS_SAMPLE_H
#define CS_SAMPLE_H

#include <stdint.h>

#include "network/network.h"

typedef struct cs_sample {
    uint32_t n;      /* users drawn */
    uint32_t *user;  /* their ids, ascending */
    uint64_t m;      /* ties among them (induced), none for a complete network */
    uint32_t *tie;   /* 2*m indexes into user[] (not user ids), each pair i<j, pairs sorted */
} cs_sample;

/* Draw min(net->n, max_users) users of net. priority: one byte per user of net
 * (NULL = all 0); users of higher priority are preferred (the caller uses 2
 * for KOCs/KOLs/owners, 1 for community members).
 *
 * When net->n <= max_users everyone is taken. Otherwise users are ranked by
 * priority (highest first), then by a hash of (seed, user) (the first draw of
 * cs_rng_stream(seed, CS_STREAM_LAYOUT, 0, user)), then by id. The top
 * ceil(max_users / 20) are anchors; the sample grows breadth-first from them
 * in rank order, each user taken adding up to 3 of its neighbours not yet
 * taken (smallest hash first: priority picks the anchors, not their
 * surroundings, so a patch shows an anchor's friends as they are). When that runs dry the
 * next-ranked user not yet taken becomes a new anchor. A complete network
 * gives the top max_users ranked users and no ties.
 *
 * Each anchor grows a connected patch; patches join only where they touch,
 * so the sample is one piece when it is a fair share of the network and
 * falls apart when it is not. Measured for 3 000 users of a Barabási–Albert
 * graph (3 ties per newcomer): the largest component holds 99.9% of them
 * from 20 000 users, 91% from 10^5, 49% from 10^6, 9% (546 pieces) from 10^7.
 *
 * Working memory: one uint32 per user of net, 4 MB for a rank histogram, and
 * a few arrays of max_users. Returns 0 or CS_ERR_NOMEM (s left empty and
 * freeable). Overwrites s without freeing it. */
int cs_sample_build(cs_sample *s, const cs_network *net, const uint8_t *priority,
                    uint32_t max_users, uint64_t seed);

/* Index of user in s, or -1. Binary search. */
int64_t cs_sample_find(const cs_sample *s, uint32_t user);

/* Frees the arrays and empties s; a no-op on an empty sample. */
void cs_sample_free(cs_sample *s);

#endif
