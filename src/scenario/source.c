/* SPDX-License-Identifier: MIT */
/* source.c - scenario files read once, and each run's scenario made from
 * one (source.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "scenario/source.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fileio.h"
#include "scenario/scenario_struct.h"

int cs_source_read(cs_source *src, const char *path, cs_diag *d)
{
    memset(src, 0, sizeof *src);
    if (!path) {
        src->name = strdup("default.yaml (built in)");
        src->text = malloc(cs_default_scenario_len + 1);
        src->base_dir = getcwd(NULL, 0);
        if (!src->name || !src->text || !src->base_dir) {
            cs_diag_error(d, "out of memory");
            return CS_ERR_NOMEM;
        }
        memcpy(src->text, cs_default_scenario, cs_default_scenario_len);
        src->len = cs_default_scenario_len;
        return 0;
    }
    const char *why = NULL;
    /* Larger than a scenario may be, so the loader reports a big file as it
     * always does. */
    int rc = cs_read_file(path, 2u << 20, &src->text, &src->len, &why);
    if (rc == CS_ERR_NOMEM) {
        cs_diag_error(d, "out of memory");
        return CS_ERR_NOMEM;
    }
    if (rc) {
        cs_diag_at(d, path, 0, 0, "cannot read scenario: %s", why);
        return CS_ERR_INPUT;
    }
    char *dir = cs_dirname(path);
    src->base_dir = dir ? realpath(dir, NULL) : NULL;
    free(dir);
    src->name = strdup(path);
    if (!src->name || !src->base_dir) {
        cs_diag_error(d, "cannot use scenario '%s': %s", path, strerror(errno));
        return CS_ERR_INPUT;
    }
    return 0;
}

int cs_source_from_text(cs_source *src, const char *name, const char *text, size_t len,
                        const char *base_dir)
{
    memset(src, 0, sizeof *src);
    src->name = strdup(name);
    src->text = malloc(len + 1);
    src->base_dir = base_dir ? strdup(base_dir) : getcwd(NULL, 0);
    if (!src->name || !src->text || !src->base_dir) {
        cs_source_free(src);
        return CS_ERR_NOMEM;
    }
    memcpy(src->text, text, len);
    src->text[len] = '\0';
    src->len = len;
    return 0;
}

int cs_source_of_scenario(cs_source *src, const cs_scenario *sc)
{
    memset(src, 0, sizeof *src);
    char *yaml = cs_scenario_to_yaml(sc, 0);
    if (!yaml)
        return CS_ERR_NOMEM;
    int rc = cs_source_from_text(src, sc->source ? sc->source : "scenario", yaml, strlen(yaml),
                                 sc->base_dir);
    free(yaml);
    return rc;
}

void cs_source_free(cs_source *src)
{
    free(src->name);
    free(src->text);
    free(src->base_dir);
    memset(src, 0, sizeof *src);
}

/* The assignments, then the cross-key checks on whatever was read, so
 * every problem shows in one pass. */
static int finish(cs_scenario *sc, const char *const *sets, size_t n, cs_diag *d, int before)
{
    for (size_t i = 0; i < n; i++)
        if (cs_scenario_set(sc, sets[i], d) == CS_ERR_NOMEM) {
            cs_diag_error(d, "out of memory");
            return CS_ERR_NOMEM;
        }
    if (!sc->unreadable && cs_scenario_validate(sc, d) == CS_ERR_NOMEM) {
        cs_diag_error(d, "out of memory");
        return CS_ERR_NOMEM;
    }
    return d->errors > before ? CS_ERR_INPUT : 0;
}

/* sc loaded from src, or from the file at path when src is NULL; d counts
 * errors over all files of a check, so this one's are the new ones. */
static int made(const cs_source *src, const char *path, const char *const *sets, size_t n,
                cs_scenario *sc, cs_diag *d)
{
    int before = d->errors;
    if (cs_scenario_init(sc) != 0) {
        cs_diag_error(d, "out of memory");
        return CS_ERR_NOMEM;
    }
    int rc = src ? cs_scenario_load_text(sc, src->name, src->text, src->len, src->base_dir, d)
                 : cs_scenario_load(sc, path, d);
    if (rc == CS_ERR_NOMEM) {
        cs_diag_error(d, "out of memory");
        return CS_ERR_NOMEM;
    }
    return finish(sc, sets, n, d, before);
}

int cs_source_scenario(const cs_source *src, const char *const *sets, size_t n,
                       cs_scenario *sc, cs_diag *d)
{
    return made(src, NULL, sets, n, sc, d);
}

int cs_path_scenario(const char *path, const char *const *sets, size_t n, cs_scenario *sc,
                     cs_diag *d)
{
    return made(NULL, path, sets, n, sc, d);
}

static int made_new(const cs_source *src, const char *path, const char *const *sets, size_t n,
                    cs_scenario **out, cs_diag *d)
{
    *out = cs_scenario_room(d);
    return *out ? made(src, path, sets, n, *out, d) : CS_ERR_NOMEM;
}

int cs_source_scenario_new(const cs_source *src, const char *const *sets, size_t n,
                           cs_scenario **out, cs_diag *d)
{
    return made_new(src, NULL, sets, n, out, d);
}

int cs_path_scenario_new(const char *path, const char *const *sets, size_t n,
                         cs_scenario **out, cs_diag *d)
{
    return made_new(NULL, path, sets, n, out, d);
}
