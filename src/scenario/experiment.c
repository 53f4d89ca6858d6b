/* SPDX-License-Identifier: MIT */
/* experiment.c - a scenario's `experiment:` block: what `circlesim sweep`
 * runs when given no --vary, so an experiment is a file to share.
 *
 *   experiment:
 *     design: factorial          # or lhs:N, morris:R
 *     replicates: 20
 *     vary:
 *       feed.ad_load: [0.05, 0.1, 0.2]     # values, or
 *       brand.koc_seeds: 0:200:50          # LO:HI:STEP (LO:HI for lhs and morris)
 *
 * or a list of variants (a "subexperiment": whole strategies side by side,
 * each setting the keys it names; the others keep the scenario's values):
 *
 *   experiment:
 *     design: variants                     # may be left out beside variants:
 *     variants:
 *       groups-first: {brand.groups: 20, brand.livestream_days: []}
 *       livestream-first: {brand.groups: 0, brand.livestream_days: [7, 14]}
 *
 * The block is checked here, with the file's positions: its shape, its keys,
 * and every listed value against its key. Ranges and cross-key rules are
 * checked by the sweep, point by point, as --vary values are. A run ignores
 * the block.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/scenario.h"
#include "scenario/scenario_struct.h"
#include "scenario/scenario_int.h"
#include "scenario/yaml_tree.h"
#include "base/quote.h"

void cs_experiment_free(cs_scenario *sc)
{
    for (size_t i = 0; i < sc->n_experiment_vary; i++)
        free(sc->experiment_vary[i]);
    free(sc->experiment_vary);
    for (size_t i = 0; i < sc->n_experiment_variants; i++) {
        cs_variant *v = &sc->experiment_variants[i];
        for (size_t k = 0; k < v->n; k++) {
            free(v->keys[k]);
            free(v->values[k]);
        }
        free(v->keys);
        free(v->values);
        free(v->name);
    }
    free(sc->experiment_variants);
    sc->experiment_variants = NULL;
    sc->n_experiment_variants = 0;
    free(sc->experiment_design);
    sc->experiment_vary = NULL;
    sc->n_experiment_vary = 0;
    sc->experiment_design = NULL;
    sc->experiment_replicates = 0;
}

/* A scalar as --vary reads it (YAML): quoted again when it was quoted. */
static int put_scalar(FILE *o, const cs_ynode *v)
{
    if (v->type != CS_Y_SCALAR)
        return -1;
    if (v->plain) {
        fwrite(v->text, 1, v->len, o);
        return 0;
    }
    fputc('"', o);
    for (size_t i = 0; i < v->len; i++) {
        if (v->text[i] == '"' || v->text[i] == '\\')
            fputc('\\', o);
        fputc(v->text[i], o);
    }
    fputc('"', o);
    return 0;
}

/* One value of a key: a scalar or a flat list of scalars ([0, 3]). */
static int put_value(FILE *o, const cs_ynode *v)
{
    if (v->type == CS_Y_SCALAR)
        return put_scalar(o, v);
    if (v->type != CS_Y_SEQ)
        return -1;
    fputc('[', o);
    for (size_t i = 0; i < v->nkids; i++) {
        if (i)
            fputc(',', o);
        if (put_scalar(o, v->kids[i]) != 0)
            return -1;
    }
    fputc(']', o);
    return 0;
}

/* Any value in YAML's flow style ({day: 60, set: {feed.ad_load: 0.3}}):
 * a variant's interventions as --set reads them back. */
static int put_flow(FILE *o, const cs_ynode *v)
{
    if (v->type == CS_Y_SCALAR)
        return put_scalar(o, v);
    const int map = v->type == CS_Y_MAP;
    if (!map && v->type != CS_Y_SEQ)
        return -1;
    fputc(map ? '{' : '[', o);
    for (size_t i = 0; i < v->nkids; i++) {
        if (i)
            fputs(map && i % 2 ? ": " : ", ", o);
        if (put_flow(o, v->kids[i]) != 0)
            return -1;
    }
    fputc(map ? '}' : ']', o);
    return 0;
}

/* Each value is checked against its key here, so a bad one is reported at
 * its own line and column (a scratch scenario takes the assignments). */
static int check_value(cs_scenario *scratch, const char *key, const cs_ynode *v, const char *file,
                       const char *setkey, cs_diag *d)
{
    return cs_scenario_check_value(scratch, cs_param_find(key), v, file, setkey, d);
}

/* A key an experiment may vary: a scenario key other than the seed (the
 * replicates' own). 0, or -1 reported under `where` ("experiment.vary"). */
static int varied_key(const cs_ynode *k, const char *where, const char *file, const char *setkey,
                      cs_diag *d)
{
    char q[160];
    cs_diag_quote(q, sizeof q, k->text, k->len);
    if (cs_param_find(k->text) < 0 || strlen(k->text) != k->len) {
        cs_scenario_report(d, file, setkey, k,
                           "%s: unknown key '%s' (circlesim params lists every key)", where, q);
        return -1;
    }
    if (!strcmp(k->text, "seed")) {
        cs_scenario_report(d, file, setkey, k, "%s: seed cannot vary: seeds are the replicates'",
                           where);
        return -1;
    }
    return 0;
}

static int read_vary(cs_scenario *sc, cs_scenario *scratch, const cs_ynode *map, const char *file,
                     const char *setkey, cs_diag *d)
{
    if (map->type != CS_Y_MAP) {
        cs_scenario_report(d, file, setkey, map,
                           "experiment.vary: expected a mapping of KEY: [values] or KEY: LO:HI:STEP");
        return -1;
    }
    size_t n = map->nkids / 2;
    sc->experiment_vary = calloc(n ? n : 1, sizeof *sc->experiment_vary);
    if (!sc->experiment_vary)
        return CS_ERR_NOMEM;
    int bad = 0;
    for (size_t i = 0; i + 1 < map->nkids; i += 2) {
        const cs_ynode *k = map->kids[i], *v = map->kids[i + 1];
        char q[160];
        cs_diag_quote(q, sizeof q, k->text, k->len);
        if (varied_key(k, "experiment.vary", file, setkey, d) != 0) {
            bad = 1;
            continue;
        }
        char *text = NULL;
        size_t len = 0;
        FILE *o = open_memstream(&text, &len);
        if (!o)
            return CS_ERR_NOMEM;
        fprintf(o, "%s=", k->text);
        int ok = 1;
        if (v->type == CS_Y_SEQ && v->nkids > 0) { /* the values */
            for (size_t j = 0; j < v->nkids && ok; j++) {
                if (j)
                    fputc(',', o);
                ok = put_value(o, v->kids[j]) == 0;
                int rc = ok ? check_value(scratch, k->text, v->kids[j], file, setkey, d) : 0;
                if (rc == CS_ERR_NOMEM) {
                    fclose(o);
                    free(text);
                    return rc;
                }
                bad |= rc != 0;
            }
        } else if (v->type == CS_Y_SCALAR && v->plain && v->len > 0 && strchr(v->text, ':')) {
            ok = put_scalar(o, v) == 0; /* a range */
        } else {
            ok = 0;
        }
        fclose(o);
        if (!ok || !text) {
            cs_scenario_report(d, file, setkey, v,
                               "experiment.vary.%s: expected a list of values or LO:HI:STEP", q);
            free(text);
            bad = 1;
            continue;
        }
        sc->experiment_vary[sc->n_experiment_vary++] = text;
    }
    return bad ? -1 : 0;
}

/* A value as text, as --set reads it; NULL when out of memory, "" when it
 * is not a scalar or a flat list. */
static char *value_text(const cs_ynode *v)
{
    char *text = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&text, &len);
    if (!o)
        return NULL;
    int ok = put_value(o, v) == 0;
    fclose(o);
    if (text && !ok)
        text[0] = '\0';
    return text;
}

static int read_variants(cs_scenario *sc, cs_scenario *scratch, const cs_ynode *map,
                         const char *file, const char *setkey, cs_diag *d)
{
    if (map->type != CS_Y_MAP || map->nkids == 0) {
        cs_scenario_report(d, file, setkey, map,
                           "experiment.variants: expected a mapping of NAME: {KEY: VALUE, ...}");
        return -1;
    }
    size_t n = map->nkids / 2;
    sc->experiment_variants = calloc(n, sizeof *sc->experiment_variants);
    if (!sc->experiment_variants)
        return CS_ERR_NOMEM;
    int bad = 0;
    for (size_t i = 0; i + 1 < map->nkids; i += 2) {
        const cs_ynode *name = map->kids[i], *set = map->kids[i + 1];
        char q[160];
        cs_diag_quote(q, sizeof q, name->text, name->len);
        /* {} is the scenario as it is: the baseline beside the strategies. */
        if (set->type != CS_Y_MAP) {
            cs_scenario_report(d, file, setkey, set,
                               "experiment.variants.%s: expected a mapping of keys to values, "
                               "like {feed.ad_load: 0.1}",
                               q);
            bad = 1;
            continue;
        }
        int odd = name->len == 0 || strlen(name->text) != name->len;
        for (size_t c = 0; c < name->len && !odd; c++)
            odd = (unsigned char)name->text[c] < 0x20 || name->text[c] == 0x7f;
        if (odd) {
            cs_scenario_report(d, file, setkey, name,
                               "experiment.variants: a variant's name must be a non-empty line "
                               "of text (it names a column value and a bar), found '%s'",
                               q);
            bad = 1;
            continue;
        }
        cs_variant *v = &sc->experiment_variants[sc->n_experiment_variants++];
        size_t m = set->nkids / 2;
        v->name = strndup(name->text, name->len);
        v->keys = calloc(m ? m : 1, sizeof *v->keys);
        v->values = calloc(m ? m : 1, sizeof *v->values);
        if (!v->name || !v->keys || !v->values)
            return CS_ERR_NOMEM;
        for (size_t k = 0; k + 1 < set->nkids; k += 2) {
            const cs_ynode *key = set->kids[k], *val = set->kids[k + 1];
            char where[200], kq[160];
            snprintf(where, sizeof where, "experiment.variants.%s", q);
            cs_diag_quote(kq, sizeof kq, key->text, key->len);
            /* A variant may set its own interventions (they replace the
             * scenario's): a strategy is often a plan over time. */
            if (key->len == 13 && !strcmp(key->text, "interventions")) {
                int rc = cs_interventions_read(scratch, val, key, file, setkey, d);
                if (rc == CS_ERR_NOMEM)
                    return rc;
                char *text = NULL;
                size_t len = 0;
                FILE *o = rc ? NULL : open_memstream(&text, &len);
                if (o) {
                    if (put_flow(o, val) != 0)
                        rc = CS_ERR_INPUT;
                    fclose(o);
                } else if (!rc)
                    return CS_ERR_NOMEM;
                if (rc) {
                    free(text);
                    bad = 1;
                    continue;
                }
                if (scratch->n_interventions) {
                    const cs_intervention *last =
                        &scratch->interventions[scratch->n_interventions - 1];
                    v->last_day = last->day;
                    v->last_line = last->day_line;
                    v->last_col = last->day_col;
                }
                v->keys[v->n] = strdup("interventions");
                v->values[v->n] = text;
                if (!v->keys[v->n])
                    return CS_ERR_NOMEM;
                v->n++;
                continue;
            }
            if (varied_key(key, where, file, setkey, d) != 0) {
                bad = 1;
                continue;
            }
            int rc = check_value(scratch, key->text, val, file, setkey, d);
            if (rc == CS_ERR_NOMEM)
                return rc;
            if (rc) {
                bad = 1;
                continue;
            }
            char *text = value_text(val);
            if (!text)
                return CS_ERR_NOMEM;
            if (!*text) {
                cs_scenario_report(d, file, setkey, val,
                                   "experiment.variants.%s.%s: expected a value or a list of "
                                   "values",
                                   q, kq);
                free(text);
                bad = 1;
                continue;
            }
            v->keys[v->n] = strdup(key->text);
            v->values[v->n] = text;
            if (!v->keys[v->n])
                return CS_ERR_NOMEM;
            v->n++;
        }
    }
    return bad ? -1 : 0;
}

static int read_block(cs_scenario *sc, cs_scenario *scratch, const cs_ynode *value,
                      const char *file, const char *setkey, cs_diag *d)
{
    int bad = 0;
    const cs_ynode *vary = NULL, *variants = NULL, *design = NULL;
    for (size_t i = 0; i + 1 < value->nkids; i += 2) {
        const cs_ynode *k = value->kids[i], *v = value->kids[i + 1];
        if (!strcmp(k->text, "vary"))
            vary = v;
        if (!strcmp(k->text, "variants"))
            variants = v;
        if (!strcmp(k->text, "design"))
            design = v;
        if (!strcmp(k->text, "design")) {
            int n = 0;
            long long count = 0;
            char rest;
            if (v->type != CS_Y_SCALAR ||
                !(!strcmp(v->text, "factorial") || !strcmp(v->text, "variants") ||
                  ((sscanf(v->text, "lhs:%lld%n%c", &count, &n, &rest) == 1 ||
                    sscanf(v->text, "morris:%lld%n%c", &count, &n, &rest) == 1) &&
                   count >= 2 && count <= 1000000))) {
                cs_scenario_report(d, file, setkey, v,
                                   "experiment.design: expected factorial, lhs:N, morris:R "
                                   "(N, R from 2) or variants");
                bad = 1;
                continue;
            }
            free(sc->experiment_design);
            sc->experiment_design = strdup(v->text);
            if (!sc->experiment_design)
                return CS_ERR_NOMEM;
        } else if (!strcmp(k->text, "replicates")) {
            char *end = NULL;
            long long r = v->type == CS_Y_SCALAR ? strtoll(v->text, &end, 10) : 0;
            if (!end || *end || r < 1 || r > 1000000) {
                cs_scenario_report(d, file, setkey, v,
                                   "experiment.replicates: expected a whole number from 1 to "
                                   "1000000");
                bad = 1;
                continue;
            }
            sc->experiment_replicates = r;
        } else if (!strcmp(k->text, "vary")) {
            int rc = read_vary(sc, scratch, v, file, setkey, d);
            if (rc == CS_ERR_NOMEM)
                return rc;
            bad |= rc != 0;
        } else if (!strcmp(k->text, "variants")) {
            int rc = read_variants(sc, scratch, v, file, setkey, d);
            if (rc == CS_ERR_NOMEM)
                return rc;
            bad |= rc != 0;
        } else {
            char q[128];
            cs_diag_quote(q, sizeof q, k->text, k->len);
            cs_scenario_report(d, file, setkey, k,
                               "experiment: unknown field '%s' (expected design, replicates, vary "
                               "or variants)",
                               q);
            bad = 1;
        }
    }
    /* Variants are a design of their own: whole strategies, not keys to
     * combine. */
    int want_variants = sc->experiment_design && !strcmp(sc->experiment_design, "variants");
    if (variants && vary) {
        cs_scenario_report(d, file, setkey, variants,
                           "experiment: give vary (keys to combine) or variants (whole "
                           "strategies), not both");
        bad = 1;
    } else if (want_variants && !variants) {
        cs_scenario_report(d, file, setkey, design,
                           "experiment.design: variants needs a variants: mapping of NAME: "
                           "{KEY: VALUE}");
        bad = 1;
    } else if (variants && sc->experiment_design && !want_variants) {
        cs_scenario_report(d, file, setkey, design,
                           "experiment.design: %s draws from vary:, not from variants: "
                           "(write design: variants)",
                           sc->experiment_design);
        bad = 1;
    }
    if (!bad && variants && !sc->experiment_design && !(sc->experiment_design = strdup("variants")))
        return CS_ERR_NOMEM;
    /* Sampled designs draw from ranges, LO:HI, not from lists. */
    if (!bad && vary && vary->type == CS_Y_MAP && sc->experiment_design &&
        strcmp(sc->experiment_design, "factorial") != 0 && !want_variants)
        for (size_t i = 0; i + 1 < vary->nkids; i += 2) {
            const cs_ynode *v = vary->kids[i + 1];
            const char *colon = v->type == CS_Y_SCALAR ? strchr(v->text, ':') : NULL;
            if (!colon || strchr(colon + 1, ':')) {
                char q[160];
                cs_diag_quote(q, sizeof q, vary->kids[i]->text, vary->kids[i]->len);
                cs_scenario_report(d, file, setkey, v,
                                   "experiment.vary.%s: design %s draws from a range LO:HI", q,
                                   sc->experiment_design);
                bad = 1;
            }
        }
    return bad ? -1 : 0;
}

int cs_experiment_read(cs_scenario *sc, const cs_ynode *value, const cs_ynode *keynode,
                       const char *file, const char *setkey, cs_diag *d)
{
    cs_experiment_free(sc);
    const cs_ynode *at = value ? value : keynode;
    if (!value || value->type != CS_Y_MAP) {
        cs_scenario_report(d, file, setkey, at,
                           "experiment: expected a mapping with design, replicates and vary");
        return -1;
    }
    cs_scenario scratch;
    int rc = cs_scenario_init(&scratch);
    if (rc == 0)
        rc = read_block(sc, &scratch, value, file, setkey, d);
    cs_scenario_free(&scratch);
    return rc;
}

int cs_scenario_check_experiment(const cs_scenario *sc, cs_diag *d)
{
    int problems = 0;
    for (size_t i = 0; i < sc->n_experiment_variants; i++) {
        const cs_variant *v = &sc->experiment_variants[i];
        if (!v->last_day)
            continue;
        /* A variant may set its own days. */
        int64_t days = sc->days;
        for (size_t k = 0; k < v->n; k++)
            if (!strcmp(v->keys[k], "days"))
                days = strtoll(v->values[k], NULL, 10);
        if (v->last_day <= days)
            continue;
        problems++;
        if (v->last_line)
            cs_diag_at(d, sc->source, v->last_line, v->last_col,
                       "experiment.variants.%s.interventions: day %lld is after the last day "
                       "(%lld)",
                       v->name, (long long)v->last_day, (long long)days);
        else
            cs_diag_set(d, "experiment", "variants.%s.interventions: day %lld is after the last "
                        "day (%lld)",
                        v->name, (long long)v->last_day, (long long)days);
    }
    return problems;
}
