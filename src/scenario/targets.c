/* SPDX-License-Identifier: MIT */
/* targets.c - targets.points (points on a curve that calibration should
 * meet), and the loss `circlesim calibrate` fits (the measuring half, which
 * reads a run, is engine/measures.c):
 *
 *   targets:
 *     points:
 *       - {column: buyers, day: 30, value: 1200}
 *       - {column: gmv, day: 90, value: 50000, weight: 2}
 *
 * A single fact says little about a diffusion's speed; several points of
 * one curve are what make parameters such as Bass's p and q identifiable. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "scenario/targets.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/columns.h"
#include "scenario/scenario_int.h"
#include "scenario/yaml_tree.h"
#include "base/numfmt.h"
#include "base/quote.h"
#include "scenario/scenario_struct.h"

void cs_targets_free(cs_scenario *sc)
{
    free(sc->target_points);
    sc->target_points = NULL;
    sc->n_target_points = 0;
}

/* A finite number from a plain scalar. */
static int number(const cs_ynode *v, double *out)
{
    if (!v || v->type != CS_Y_SCALAR || !v->plain || v->len == 0)
        return -1;
    char *end = NULL;
    errno = 0;
    double x = strtod(v->text, &end);
    if (*end || errno == ERANGE || !isfinite(x))
        return -1;
    *out = x;
    return 0;
}

/* One item: {column: NAME, day: N, value: X[, weight: W]}; 0, or -1 reported. */
static int read_point(const cs_ynode *it, size_t i, cs_target_point *p, const char *file,
                      const char *setkey, cs_diag *d)
{
    if (it->type != CS_Y_MAP) {
        cs_scenario_report(d, file, setkey, it,
                           "targets.points[%zu]: expected {column: NAME, day: N, value: X}", i);
        return -1;
    }
    *p = (cs_target_point){.weight = 1, .line = file ? it->line : 0, .col = file ? it->col : 0};
    const cs_ynode *column = NULL, *day = NULL, *value = NULL, *weight = NULL;
    int bad = 0;
    for (size_t k = 0; k + 1 < it->nkids; k += 2) {
        const cs_ynode *key = it->kids[k], *v = it->kids[k + 1];
        const cs_ynode **slot = !strcmp(key->text, "column") ? &column
                                : !strcmp(key->text, "day")  ? &day
                                : !strcmp(key->text, "value") ? &value
                                : !strcmp(key->text, "weight") ? &weight
                                                               : NULL;
        if (!slot || strlen(key->text) != key->len) {
            char q[128];
            cs_diag_quote(q, sizeof q, key->text, key->len);
            cs_scenario_report(d, file, setkey, key,
                               "targets.points[%zu]: unknown field '%s' (expected column, day, "
                               "value and weight)",
                               i, q);
            bad = 1;
            continue;
        }
        *slot = v;
    }
    if (!column || column->type != CS_Y_SCALAR || cs_ynode_is_null(column) ||
        column->len >= sizeof p->column || strlen(column->text) != column->len) {
        cs_scenario_report(d, file, setkey, column ? column : it,
                           "targets.points[%zu].column: expected a timeseries.csv column such "
                           "as buyers or gmv",
                           i);
        bad = 1;
    } else {
        memcpy(p->column, column->text, column->len + 1);
    }
    double x;
    if (!day || number(day, &x) != 0 || x != floor(x) || x < 1 || x > 36500) {
        cs_scenario_report(d, file, setkey, day ? day : it,
                           "targets.points[%zu].day: expected a day number from 1 to 36500", i);
        bad = 1;
    } else {
        p->day = (int64_t)x;
    }
    if (!value || number(value, &p->value) != 0) {
        cs_scenario_report(d, file, setkey, value ? value : it,
                           "targets.points[%zu].value: expected a number", i);
        bad = 1;
    }
    if (weight && (number(weight, &p->weight) != 0 || p->weight < 0 || p->weight > 1e6)) {
        cs_scenario_report(d, file, setkey, weight,
                           "targets.points[%zu].weight: expected a number from 0 to 1000000", i);
        bad = 1;
    }
    return bad ? -1 : 0;
}

int cs_targets_read(cs_scenario *sc, const cs_ynode *value, const cs_ynode *keynode,
                    const char *file, const char *setkey, cs_diag *d)
{
    cs_targets_free(sc);
    if (!value || cs_ynode_is_null(value))
        return 0;
    if (value->type != CS_Y_SEQ) {
        cs_scenario_report(d, file, setkey, value,
                           "targets.points: expected a list of {column: NAME, day: N, value: X} "
                           "items");
        return -1;
    }
    (void)keynode;
    if (value->nkids > CS_MAX_TARGET_POINTS) {
        cs_scenario_report(d, file, setkey, value, "targets.points: too many points (%zu): at "
                                                   "most %d",
                           value->nkids, CS_MAX_TARGET_POINTS);
        return -1;
    }
    if (value->nkids == 0)
        return 0;
    sc->target_points = calloc(value->nkids, sizeof *sc->target_points);
    if (!sc->target_points)
        return CS_ERR_NOMEM;
    int bad = 0;
    for (size_t i = 0; i < value->nkids; i++) {
        cs_target_point p;
        if (read_point(value->kids[i], i, &p, file, setkey, d) != 0) {
            bad = 1;
            continue;
        }
        sc->target_points[sc->n_target_points++] = p;
    }
    return bad ? -1 : 0;
}

/* Reported where the point was given, or at the --set key. */
__attribute__((format(printf, 5, 6))) static void
point_error(const cs_scenario *sc, const cs_target_point *p, size_t i, cs_diag *d,
            const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (p->line)
        cs_diag_at(d, sc->source, p->line, p->col, "targets.points[%zu]: %s", i, msg);
    else
        cs_diag_set(d, "targets.points", "[%zu]: %s", i, msg);
}

void cs_targets_validate(const cs_scenario *sc, cs_diag *d)
{
    for (size_t i = 0; i < sc->n_target_points; i++) {
        const cs_target_point *p = &sc->target_points[i];
        if (cs_timeseries_column(sc->model, p->column) <= 0) {
            char header[1024];
            cs_output_row_header_text(header, sizeof header, sc->model);
            point_error(sc, p, i, d, "'%s' is not a timeseries.csv column of model %s (columns: %s)",
                        p->column, cs_model_name(sc->model), strchr(header, ',') + 1);
        }
        for (size_t j = 0; j < i; j++)
            if (sc->target_points[j].day == p->day &&
                !strcmp(sc->target_points[j].column, p->column)) {
                point_error(sc, p, i, d, "%s on day %lld is already a target (item %zu)",
                            p->column, (long long)p->day, j);
                break;
            }
    }
}

int cs_targets_check_days(const cs_scenario *sc, cs_diag *d)
{
    int before = d->errors;
    for (size_t i = 0; i < sc->n_target_points; i++) {
        const cs_target_point *p = &sc->target_points[i];
        if (p->day > sc->days)
            point_error(sc, p, i, d,
                        "day %lld is after the last day (days: %lld); calibrate needs every "
                        "point's day to be run",
                        (long long)p->day, (long long)sc->days);
    }
    return d->errors > before ? CS_ERR_INPUT : 0;
}

void cs_targets_print(FILE *out, const cs_scenario *sc)
{
    if (sc->n_target_points == 0) {
        fputs("  points: []\n", out);
        return;
    }
    fputs("  points:\n", out);
    for (size_t i = 0; i < sc->n_target_points; i++) {
        const cs_target_point *p = &sc->target_points[i];
        char v[40], w[40];
        cs_format_double(v, sizeof v, p->value);
        cs_format_double(w, sizeof w, p->weight);
        fprintf(out, "    - {column: %s, day: %lld, value: %s, weight: %s}\n", p->column,
                (long long)p->day, v, w);
    }
}

/* ---- what calibrate fits ---------------------------------------------- */

static const char *const fact_names[4] = {"repurchase_ratio_group", "opens_ratio_group",
                                          "merchant_store_share", "minutes_per_dau"};

size_t cs_targets_list(const cs_scenario *sc, cs_target *out, size_t cap)
{
    size_t n = 0;
    if (cs_scenario_reads(sc, "targets.facts_weight") && sc->targets_facts_weight > 0) {
        const double value[4] = {sc->targets_repurchase_ratio_group, sc->targets_opens_ratio_group,
                                 sc->targets_merchant_store_share, sc->targets_minutes_per_dau};
        for (int f = 0; f < 4; f++, n++)
            if (n < cap) {
                out[n] = (cs_target){.value = value[f], .weight = sc->targets_facts_weight,
                                     .fact = f, .column = -1};
                snprintf(out[n].name, sizeof out[n].name, "%s", fact_names[f]);
            }
    }
    for (size_t i = 0; i < sc->n_target_points; i++, n++) {
        const cs_target_point *p = &sc->target_points[i];
        if (n < cap) {
            out[n] = (cs_target){.value = p->value, .weight = p->weight, .fact = -1,
                                 .column = cs_timeseries_column(sc->model, p->column),
                                 .day = p->day};
            snprintf(out[n].name, sizeof out[n].name, "%s_day%lld", p->column,
                     (long long)p->day);
        }
    }
    return n;
}

double cs_targets_loss(const cs_target *t, size_t n, const double *m)
{
    double sum = 0, weights = 0;
    for (size_t i = 0; i < n; i++) {
        double scale = t[i].value != 0 ? fabs(t[i].value) : 1;
        double e = isfinite(m[i]) ? (m[i] - t[i].value) / scale : 10;
        sum += t[i].weight * e * e;
        weights += t[i].weight;
    }
    return weights > 0 ? sum / weights : NAN;
}
