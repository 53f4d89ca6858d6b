/* SPDX-License-Identifier: MIT */
/* scenario.h - a scenario, as the library's users hold it: an opaque handle
 * loaded from a YAML file (or the built-in default), changed key by key,
 * validated, and written back fully resolved.
 *
 *     cs_diag d;
 *     cs_diag_init(&d, stderr);
 *     cs_scenario *sc = cs_scenario_open("scenarios/whatif/koc-seeding-a.yaml", &d);
 *     if (!sc || cs_scenario_set(sc, "feed.ad_load=0.2", &d) ||
 *         cs_scenario_validate(sc, &d))
 *         ...  every problem was reported as FILE:LINE:COL: error: ...
 *
 * Keys are the dotted paths of the scenario language (docs/SCENARIOS.md;
 * `circlesim params` lists them with units, defaults and ranges).
 */
#ifndef CIRCLESIM_PUBLIC_SCENARIO_H
#define CIRCLESIM_PUBLIC_SCENARIO_H

#include "circlesim/api.h"

#include <stddef.h>

#include "circlesim/diag.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cs_scenario cs_scenario;

/* The scenario file at path over the defaults (path NULL: the built-in
 * default). NULL when the file is not a valid scenario: every problem is
 * reported to diag. Keys are checked one by one here; what depends on
 * several (and on input files) waits for cs_scenario_validate. */
CS_API cs_scenario *cs_scenario_open(const char *path, cs_diag *diag);
/* The same from text; name is what messages call it, base_dir what
 * relative paths in it resolve against (NULL: the working folder). */
CS_API cs_scenario *cs_scenario_open_text(const char *name, const char *text, size_t len,
                                   const char *base_dir, cs_diag *diag);
CS_API void cs_scenario_close(cs_scenario *sc);

/* "KEY=VALUE", VALUE read as YAML ("feed.ad_load=0.2",
 * "cascade.seeds=[0, 3]"). 0, or CS_ERR_INPUT reported as
 * "<set> KEY: error: ...". */
CS_API int cs_scenario_set(cs_scenario *sc, const char *assignment, cs_diag *diag);
/* KEY's value as YAML text that cs_scenario_set reads back (malloc'ed;
 * free it), or NULL for a key the scenario language does not have. */
CS_API char *cs_scenario_get(const cs_scenario *sc, const char *key);

/* Checks across keys and input files, and settles what they decide
 * (population.size from an edge list). Call after the last set and before
 * a run; 0, or CS_ERR_INPUT with every problem reported. */
CS_API int cs_scenario_validate(cs_scenario *sc, cs_diag *diag);
/* Warns about each key the scenario gives (or an intervention sets) that
 * changes nothing: one its model or network kind does not read, or one
 * that acts only when another key allows it and nothing does (a
 * livestream's reach with no livestream day, a group-buy discount with
 * group buying off). Returns how many. */
CS_API int cs_scenario_warn_inapplicable(const cs_scenario *sc, cs_diag *diag);

/* The resolved scenario as YAML, every key included (malloc'ed). for_hash
 * names input files by content hash instead of path. */
CS_API char *cs_scenario_to_yaml(const cs_scenario *sc, int for_hash);
/* "sha256:<64 hex>" of the resolved scenario: two scenarios with the same
 * hash run the same. 0, or CS_ERR_NOMEM. */
CS_API int cs_scenario_hash(const cs_scenario *sc, char out[72]);

/* The scenario language's keys, in table order: how many, the i-th's
 * dotted path, unit, one-line meaning, and whether it is a lever (may
 * change during a run). NULL past the end. */
CS_API size_t cs_param_count(void);
CS_API const char *cs_param_key(size_t i);
CS_API const char *cs_param_unit(size_t i);
CS_API const char *cs_param_doc(size_t i);
CS_API int cs_param_is_lever(size_t i);

#ifdef __cplusplus
}
#endif

#endif
