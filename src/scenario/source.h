/* SPDX-License-Identifier: MIT */
/* source.h - a scenario file read once, for experiments that make many
 * scenarios from it (a sweep that read the file per run would see it
 * change under its feet), and the scenario of one run: the file, then
 * assignments in order, validated. */
#ifndef CS_SCENARIO_SOURCE_H
#define CS_SCENARIO_SOURCE_H

#include <stddef.h>

#include "circlesim/diag.h"
#include "scenario/scenario.h"

typedef struct cs_source {
    char *name, *text, *base_dir;
    size_t len;
} cs_source;

/* Reads path (NULL: the built-in default). Returns 0, CS_ERR_INPUT (cannot
 * read or use it) or CS_ERR_NOMEM, reported. */
int cs_source_read(cs_source *src, const char *path, cs_diag *d);
/* The same from text already in memory (copied). */
int cs_source_from_text(cs_source *src, const char *name, const char *text, size_t len,
                        const char *base_dir);
/* The source of a scenario in memory: its resolved YAML (which loads back
 * to the same scenario hash), its paths resolving against its own folder.
 * 0 or CS_ERR_NOMEM. */
int cs_source_of_scenario(cs_source *src, const cs_scenario *sc);
void cs_source_free(cs_source *src);

/* sc from src with the assignments sets[0 .. n) ("KEY=VALUE") applied in
 * order, then validated; every problem is reported, the assignments'
 * even after a bad file. sc must be freed whatever the outcome. Returns 0,
 * CS_ERR_INPUT or CS_ERR_NOMEM. */
int cs_source_scenario(const cs_source *src, const char *const *sets, size_t n,
                       cs_scenario *sc, cs_diag *d);
/* The same from the file at path (NULL: the built-in default). */
int cs_path_scenario(const char *path, const char *const *sets, size_t n, cs_scenario *sc,
                     cs_diag *d);
/* The same two on the heap, for the programs in apps/: *out is set
 * whatever the outcome (NULL only when out of memory) and closed with
 * cs_scenario_close. */
int cs_source_scenario_new(const cs_source *src, const char *const *sets, size_t n,
                           cs_scenario **out, cs_diag *d);
int cs_path_scenario_new(const char *path, const char *const *sets, size_t n,
                         cs_scenario **out, cs_diag *d);

#endif
