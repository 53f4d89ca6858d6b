/* scenario_int.h - helpers shared by params.c and scenario.c. */
#ifndef CS_SCENARIO_INT_H
#define CS_SCENARIO_INT_H

#include <stdio.h>

#include "circlesim/scenario.h"

/* Index of s[0..len) among '|'-separated choices, or -1. */
int cs_choice_index(const char *choices, const char *s, size_t len);
const char *cs_choice_name(const char *choices, int idx, char *buf, size_t cap);

/* Print parameter i of sc as a YAML flow value (json != 0: as JSON; the two
 * differ only for enum names, which JSON must quote). */
void cs_print_value(FILE *out, const cs_scenario *sc, size_t i, int json);
/* A double-quoted string valid in both YAML and JSON. */
void cs_print_string(FILE *out, const char *s, size_t len);

#endif
