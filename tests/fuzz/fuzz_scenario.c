/* SPDX-License-Identifier: MIT */
/* fuzz_scenario.c - libFuzzer target: the whole scenario loader (the YAML
 * library included) on any bytes, then validation. A scenario that loads
 * and validates must write a resolved form that loads back to the same
 * hash: that is what lets scenario.yaml reproduce a run. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/scenario.h"
#include "scenario/scenario_struct.h"
#include "scenario/yaml_tree.h" /* CS_YAML_MAX_BYTES */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > CS_YAML_MAX_BYTES)
        return 0;
    cs_diag quiet;
    cs_diag_init_muted(&quiet);
    cs_scenario sc;
    if (cs_scenario_init(&sc) != 0)
        abort();
    /* A folder with nothing in it: edge lists named by the input are not
     * found, and nothing outside is read. */
    int ok = cs_scenario_load_text(&sc, "fuzz.yaml", (const char *)data, size, "/nonexistent",
                                   &quiet) == 0 &&
             cs_scenario_validate(&sc, &quiet) == 0;
    if (ok) {
        char *text = cs_scenario_to_yaml(&sc, 0);
        char h1[72], h2[72];
        cs_scenario again;
        if (!text || cs_scenario_hash(&sc, h1) != 0 || cs_scenario_init(&again) != 0)
            abort();
        if (cs_scenario_load_text(&again, "resolved.yaml", text, strlen(text), "/nonexistent",
                                  &quiet) != 0 ||
            cs_scenario_validate(&again, &quiet) != 0 || cs_scenario_hash(&again, h2) != 0 ||
            strcmp(h1, h2) != 0)
            __builtin_trap(); /* the resolved scenario does not reproduce itself */
        cs_scenario_free(&again);
        free(text);
    }
    cs_scenario_free(&sc);
    return 0;
}
