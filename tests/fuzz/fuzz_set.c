/* SPDX-License-Identifier: MIT */
/* fuzz_set.c - libFuzzer target: --set KEY=VALUE on the built-in default
 * scenario, each line of the input one --set, then validation. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/scenario.h"
#include "scenario/scenario_struct.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16)
        return 0;
    char *text = malloc(size + 1);
    if (!text)
        abort();
    memcpy(text, data, size);
    text[size] = '\0';
    cs_diag quiet;
    cs_diag_init_muted(&quiet);
    cs_scenario sc;
    if (cs_scenario_init(&sc) != 0 ||
        cs_scenario_load_text(&sc, "default.yaml", cs_default_scenario, cs_default_scenario_len,
                              "/nonexistent", &quiet) != 0)
        abort(); /* the built-in default always loads */
    /* An argument ends at a line end or a NUL, as argv's would. */
    for (char *arg = text, *end; arg < text + size; arg = end + 1) {
        end = arg + strcspn(arg, "\n");
        *end = '\0';
        if (*arg)
            cs_scenario_set(&sc, arg, &quiet);
    }
    cs_scenario_validate(&sc, &quiet);
    cs_scenario_free(&sc);
    free(text);
    return 0;
}
