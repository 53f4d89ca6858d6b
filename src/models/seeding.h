/* SPDX-License-Identifier: MIT */
/* seeding.h - what each model is for the experiments that choose whom to
 * seed (optimize --choose): whether it has a brand whose product is
 * seeded, whether its spread is an independent cascade (what IMM
 * estimates), and how its scenario names the users it starts from. The
 * one place outside a model's own files that knows these. */
#ifndef CS_MODELS_SEEDING_H
#define CS_MODELS_SEEDING_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "scenario/scenario.h"

/* Whether the model has a brand (its channels, seed list and seed day). */
int cs_model_has_brand(int model);
/* Whether the model's spread is an independent cascade on the network. */
int cs_model_is_cascade(int model);

/* The assignments ("KEY=VALUE" lines) that make model start from the n
 * users of s, and extra too unless it is UINT32_MAX. malloc'ed; NULL when
 * out of memory. */
char *cs_seed_assignments(int model, const uint32_t *s, size_t n, uint32_t extra);
/* The block of the scenario the seed keys live in ("brand", "bass"). */
const char *cs_seed_block_name(int model);
/* The keys that seed list (YAML flow text, "[3,17]") of k users in sc's
 * model: as --set options on one line, or as a YAML block. */
void cs_seed_options(FILE *o, const cs_scenario *sc, const char *list, size_t k);
void cs_seed_block(FILE *o, const cs_scenario *sc, const char *list, size_t k);

#endif
