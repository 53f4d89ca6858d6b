/* SPDX-License-Identifier: MIT */
/* seeding.c - the models as the seed-choosing experiments see them
 * (seeding.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "models/seeding.h"
#include "scenario/scenario_struct.h"

#include <stdlib.h>

int cs_model_has_brand(int model)
{
    return model == CS_MODEL_PLATFORM;
}

int cs_model_is_cascade(int model)
{
    return model == CS_MODEL_CASCADE;
}

char *cs_seed_assignments(int model, const uint32_t *s, size_t n, uint32_t extra)
{
    char *text = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&text, &len);
    if (!o)
        return NULL;
    size_t total = n + (extra != UINT32_MAX);
    if (cs_model_has_brand(model))
        fprintf(o, "brand.seed_by=list\nbrand.koc_seeds=%zu\nbrand.seed_list=[", total);
    else
        fprintf(o, "%s=[", cs_param_at((size_t)cs_seed_list_param(model))->key);
    for (size_t i = 0; i < n; i++)
        fprintf(o, "%s%u", i ? "," : "", s[i]);
    if (extra != UINT32_MAX)
        fprintf(o, "%s%u", n ? "," : "", extra);
    fputc(']', o);
    if (fclose(o) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

const char *cs_seed_block_name(int model)
{
    return cs_model_has_brand(model) ? "brand" : cs_model_name(model);
}

void cs_seed_options(FILE *o, const cs_scenario *sc, const char *list, size_t k)
{
    if (cs_model_has_brand(sc->model))
        fprintf(o, " --set brand.koc_seeds=%zu --set brand.seed_by=list --set brand.seed_day=%lld "
                   "--set 'brand.seed_list=%s'\n",
                k, (long long)sc->brand_seed_day, list);
    else
        fprintf(o, " --set '%s.seeds=%s'\n", cs_model_name(sc->model), list);
}

void cs_seed_block(FILE *o, const cs_scenario *sc, const char *list, size_t k)
{
    if (cs_model_has_brand(sc->model))
        fprintf(o, "brand:\n  koc_seeds: %zu\n  seed_by: list\n  seed_day: %lld\n  seed_list: %s\n",
                k, (long long)sc->brand_seed_day, list);
    else
        fprintf(o, "%s:\n  seeds: %s\n", cs_model_name(sc->model), list);
}
