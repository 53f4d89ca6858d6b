/* SPDX-License-Identifier: MIT */
/* levers.h - each lever's expected direction: a low and a high value, a
 * small scenario to move it in, the outcome it should move and which way.
 * tests/test_directions.c asserts every one on paired seeds, `circlesim
 * validate` reports every one with its 95% interval, and docs/MODEL.md's
 * directional table mirrors the list. */
#ifndef CS_ANALYSIS_LEVERS_H
#define CS_ANALYSIS_LEVERS_H

#include <stddef.h>
#include <stdint.h>

#include "circlesim/diag.h"
#include "engine/engine.h"

enum cs_lever_base { CS_LEVER_PLATFORM, CS_LEVER_BASS, CS_LEVER_CASCADE };
enum { CS_LEVER_METRICS = 23 };

typedef struct cs_lever_direction {
    const char *lever;
    const char *lo, *hi;     /* values, as YAML */
    const char *context[10]; /* other settings it needs, NULL-terminated */
    int base;                /* enum cs_lever_base: the scenario it moves in */
    int metric;              /* what it moves: cs_lever_metric_name */
    int sign;                /* +1: the high value raises the metric; -1: lowers it */
} cs_lever_direction;

extern const cs_lever_direction cs_lever_directions[];
extern const size_t cs_lever_direction_count;

/* The outcome's name, for people ("mean trust (last day)"). */
const char *cs_lever_metric_name(int metric);
/* The scenario of a direction with its lever at value, on seed: 0, or
 * CS_ERR_INPUT / CS_ERR_NOMEM (reported to d); sc must be freed whatever
 * the outcome. */
int cs_lever_scenario(const cs_lever_direction *l, const char *value, int64_t seed,
                      cs_scenario *sc, cs_diag *d);
/* A finished run's outcome. */
double cs_lever_measure(const cs_run *r, int metric);

#endif
