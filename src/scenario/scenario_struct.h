/* SPDX-License-Identifier: MIT */
/* scenario_struct.h (internal) - the fields of a scenario, for the library's
 * own files. The programs in apps/ do not include it: they hold a scenario
 * by pointer and ask through scenario/scenario.h (tests/layers.sh checks).
 * A parameter's field comes from its row in params.def: adding a parameter
 * is that row alone.
 */
#ifndef CIRCLESIM_SCENARIO_STRUCT_H
#define CIRCLESIM_SCENARIO_STRUCT_H

#include "scenario/lesson.h"
#include "scenario/scenario.h"

/* Where a key's value came from, for error positions. */
typedef struct cs_origin {
    enum { CS_FROM_DEFAULT, CS_FROM_FILE, CS_FROM_SET } from; /* in this order: a conflict is blamed on the later */
    int line, col;
} cs_origin;

#define CS_MAX_PARAMS 256

/* A parameter's field, by its row's type: enums hold their enum's values
 * (cs_model, cs_network_kind, cs_brand_strategy, cs_seed_by, cs_channel),
 * money is yuan, paths are absolute once resolved ("" when unused). */
#define CS_FIELD_CS_T_INT int64_t
#define CS_FIELD_CS_T_FLOAT double
#define CS_FIELD_CS_T_BOOL int
#define CS_FIELD_CS_T_ENUM int
#define CS_FIELD_CS_T_STRING char *
#define CS_FIELD_CS_T_PATH char *
#define CS_FIELD_CS_T_INT_LIST cs_int_list
#define P(key, type, def, min, max, choices, unit, doc, models, field, flags) \
    CS_FIELD_##type field;
#define PF(key, type, def, min, max, unit, doc, field, flags) CS_FIELD_##type field;

struct cs_scenario {
    /* One field per row of params.def, in its order. */
#include "scenario/params.def"

    cs_target_point *target_points; /* targets.points, in the order given */
    size_t n_target_points;

    cs_lesson lesson;               /* lesson: what a classroom shows (lesson.h) */

    cs_intervention *interventions; /* sorted by day, then table order */
    size_t n_interventions;

    /* experiment: what `circlesim sweep` runs when given no --vary (a run
     * ignores it). Each vary entry is "KEY=VALUES" as --vary takes it. */
    char *experiment_design;        /* factorial, lhs:N, morris:R or variants; NULL: not given */
    int64_t experiment_replicates;  /* 0: not given */
    char **experiment_vary;
    size_t n_experiment_vary;
    cs_variant *experiment_variants; /* design variants: the list, in the order given */
    size_t n_experiment_variants;

    /* Provenance, not parameters. */
    char *source;            /* the scenario file as named by the user */
    char *base_dir;          /* folder relative paths resolve against */
    char network_file_hash[72]; /* "sha256:<hex>" of network.file's content, once validated */
    char network_nodes_hash[72]; /* the same for network.nodes */
    cs_origin origin[CS_MAX_PARAMS];
    unsigned char bad[CS_MAX_PARAMS]; /* a given value was rejected (and reported) */
    int unreadable;          /* the file could not be read or parsed: nothing to validate */
    int resolved;            /* the file is a resolved scenario.yaml (every key written) */
};
#undef P
#undef PF

#endif
