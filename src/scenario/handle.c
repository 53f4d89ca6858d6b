/* SPDX-License-Identifier: MIT */
/* handle.c - the public scenario API (include/circlesim/scenario.h): the
 * opaque handle over the in-place functions of scenario.c, and the
 * library's version. */
#include "scenario/scenario.h"
#include "scenario/scenario_struct.h"

#include <stdio.h>
#include <stdlib.h>

#include "circlesim/version.h"

#define STR_(x) #x
#define STR(x) STR_(x)

const char *cs_version(void)
{
    return STR(CS_VERSION_MAJOR) "." STR(CS_VERSION_MINOR) "." STR(CS_VERSION_PATCH);
}

int cs_version_number(void)
{
    return CS_VERSION_NUMBER;
}

/* A handle whose in-place load returned rc: kept on success. */
static cs_scenario *kept(cs_scenario *sc, int rc)
{
    if (rc == 0)
        return sc;
    cs_scenario_close(sc);
    return NULL;
}

cs_scenario *cs_scenario_new(void)
{
    cs_scenario *sc = malloc(sizeof *sc);
    if (sc && cs_scenario_init(sc) != 0) {
        free(sc);
        return NULL;
    }
    return sc;
}

cs_scenario *cs_scenario_room(cs_diag *diag)
{
    cs_scenario *sc = calloc(1, sizeof *sc);
    if (!sc)
        cs_diag_error(diag, "out of memory");
    return sc;
}

cs_scenario *cs_scenario_open(const char *path, cs_diag *diag)
{
    cs_scenario *sc = cs_scenario_new();
    if (!sc) {
        cs_diag_error(diag, "out of memory loading a scenario");
        return NULL;
    }
    return kept(sc, cs_scenario_load(sc, path, diag));
}

cs_scenario *cs_scenario_open_text(const char *name, const char *text, size_t len,
                                   const char *base_dir, cs_diag *diag)
{
    cs_scenario *sc = cs_scenario_new();
    if (!sc) {
        cs_diag_error(diag, "out of memory loading a scenario");
        return NULL;
    }
    return kept(sc, cs_scenario_load_text(sc, name, text, len, base_dir, diag));
}

void cs_scenario_close(cs_scenario *sc)
{
    if (!sc)
        return;
    cs_scenario_free(sc);
    free(sc);
}

char *cs_scenario_get(const cs_scenario *sc, const char *key)
{
    int i = cs_param_find(key);
    return i < 0 ? NULL : cs_scenario_value_text(sc, i);
}

const char *cs_param_key(size_t i)
{
    return i < cs_param_count() ? cs_param_at(i)->key : NULL;
}

const char *cs_param_unit(size_t i)
{
    return i < cs_param_count() ? cs_param_at(i)->unit : NULL;
}

const char *cs_param_doc(size_t i)
{
    return i < cs_param_count() ? cs_param_at(i)->doc : NULL;
}

int cs_param_is_lever(size_t i)
{
    return i < cs_param_count() && (cs_param_at(i)->flags & CS_P_LEVER);
}
