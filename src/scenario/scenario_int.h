/* SPDX-License-Identifier: MIT */
/* scenario_int.h - helpers shared by params.c and scenario.c. */
#ifndef CS_SCENARIO_INT_H
#define CS_SCENARIO_INT_H

#include <stdio.h>

#include "base/json_out.h"
#include "scenario/scenario.h"

/* Index of s[0..len) among '|'-separated choices, or -1. */
int cs_choice_index(const char *choices, const char *s, size_t len);
const char *cs_choice_name(const char *choices, int idx, char *buf, size_t cap);

/* Print parameter i of sc as a YAML flow value (json != 0: as JSON; the two
 * differ only for enum names, which JSON must quote). */
void cs_print_value(FILE *out, const cs_scenario *sc, size_t i, int json);

/* Messages at a node of a scenario file (file != NULL) or of a --set value. */
struct cs_ynode;
void cs_scenario_report(cs_diag *d, const char *file, const char *setkey,
                        const struct cs_ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Convert value for lever `param` (type and range checked, reported) into
 * *out without changing sc. Returns 0, -1 (reported) or CS_ERR_NOMEM. */
int cs_scenario_read_lever(cs_scenario *sc, size_t param, const struct cs_ynode *value,
                           const char *file, const char *setkey, double *out, cs_diag *d);

/* Checks value (type and range, reported at its position) by assigning it
 * to parameter `param` of a scratch scenario. Returns 0, -1 or CS_ERR_NOMEM. */
int cs_scenario_check_value(cs_scenario *scratch, int param, const struct cs_ynode *value,
                            const char *file, const char *setkey, cs_diag *d);

/* interventions.c: the `interventions:` list. */
/* The interventions as one line of YAML's flow style, as --set
 * interventions=... reads it back ([] for none). */
void cs_interventions_flow(FILE *out, const cs_scenario *sc);
int cs_interventions_read(cs_scenario *sc, const struct cs_ynode *value,
                          const struct cs_ynode *keynode, const char *file, const char *setkey,
                          cs_diag *d);
void cs_interventions_validate(const cs_scenario *sc, cs_diag *d);
void cs_interventions_print(FILE *out, const cs_scenario *sc);

/* experiment.c: the `experiment:` block a sweep runs. */
int cs_experiment_read(cs_scenario *sc, const struct cs_ynode *value,
                       const struct cs_ynode *keynode, const char *file, const char *setkey,
                       cs_diag *d);
void cs_experiment_free(cs_scenario *sc);


/* lesson.c: the lesson: block. */
int cs_lesson_read(cs_scenario *sc, const struct cs_ynode *value, const struct cs_ynode *keynode,
                   const char *file, const char *setkey, cs_diag *d);
void cs_lesson_free(cs_scenario *sc);

/* targets.c: targets.points, the curve points calibrate fits. */
int cs_targets_read(cs_scenario *sc, const struct cs_ynode *value,
                    const struct cs_ynode *keynode, const char *file, const char *setkey,
                    cs_diag *d);
void cs_targets_validate(const cs_scenario *sc, cs_diag *d);
void cs_targets_print(FILE *out, const cs_scenario *sc);
void cs_targets_free(cs_scenario *sc);

#endif
