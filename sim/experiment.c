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
 * The block is checked for shape and keys here, with the file's positions;
 * the values themselves are checked by the sweep, point by point, as
 * --vary values are. A run ignores the block.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "circlesim/scenario.h"
#include "scenario_int.h"
#include "yaml_tree.h"

void cs_experiment_free(cs_scenario *sc)
{
    for (size_t i = 0; i < sc->n_experiment_vary; i++)
        free(sc->experiment_vary[i]);
    free(sc->experiment_vary);
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

static int read_vary(cs_scenario *sc, const cs_ynode *map, const char *file, const char *setkey,
                     cs_diag *d)
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
        if (cs_param_find(k->text) < 0 || strlen(k->text) != k->len) {
            cs_scenario_report(d, file, setkey, k,
                               "experiment.vary: unknown key '%s' (circlesim params lists every key)",
                               q);
            bad = 1;
            continue;
        }
        if (!strcmp(k->text, "seed")) {
            cs_scenario_report(d, file, setkey, k,
                               "experiment.vary: seed cannot vary: seeds are the replicates'");
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
    int bad = 0;
    const cs_ynode *vary = NULL;
    for (size_t i = 0; i + 1 < value->nkids; i += 2) {
        const cs_ynode *k = value->kids[i], *v = value->kids[i + 1];
        if (!strcmp(k->text, "vary"))
            vary = v;
        if (!strcmp(k->text, "design")) {
            int n = 0;
            long long count = 0;
            char rest;
            if (v->type != CS_Y_SCALAR ||
                !(!strcmp(v->text, "factorial") ||
                  ((sscanf(v->text, "lhs:%lld%n%c", &count, &n, &rest) == 1 ||
                    sscanf(v->text, "morris:%lld%n%c", &count, &n, &rest) == 1) &&
                   count >= 2 && count <= 1000000))) {
                cs_scenario_report(d, file, setkey, v,
                                   "experiment.design: expected factorial, lhs:N or morris:R "
                                   "(N, R from 2)");
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
            int rc = read_vary(sc, v, file, setkey, d);
            if (rc == CS_ERR_NOMEM)
                return rc;
            bad |= rc != 0;
        } else {
            char q[128];
            cs_diag_quote(q, sizeof q, k->text, k->len);
            cs_scenario_report(d, file, setkey, k,
                               "experiment: unknown field '%s' (expected design, replicates, vary)",
                               q);
            bad = 1;
        }
    }
    /* Sampled designs draw from ranges, LO:HI, not from lists. */
    if (!bad && vary && vary->type == CS_Y_MAP && sc->experiment_design &&
        strcmp(sc->experiment_design, "factorial") != 0)
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
