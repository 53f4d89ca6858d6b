/* SPDX-License-Identifier: MIT */
/* interventions.c - the scenario's `interventions:` list: levers set to new
 * values from a given day, so a what-if can change course mid-run.
 *
 *   interventions:
 *     - day: 30
 *       set: {bass.p: 0.05, price: 80}
 *
 * Only levers (table rows marked so: numbers a strategist could change while
 * the platform runs) may appear; structure (network, population) may not.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/scenario.h"
#include "scenario/scenario_struct.h"
#include "scenario/scenario_int.h"
#include "scenario/yaml_tree.h"
#include "base/numfmt.h"
#include "base/quote.h"

static int by_day(const void *a, const void *b)
{
    const cs_intervention *x = a, *y = b;
    if (x->day != y->day)
        return (x->day > y->day) - (x->day < y->day);
    return (x->param > y->param) - (x->param < y->param);
}

static const char *levers_list(char *buf, size_t cap)
{
    size_t k = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < cs_param_count() && k + 1 < cap; i++)
        if (cs_param_at(i)->flags & CS_P_LEVER) {
            int w = snprintf(buf + k, cap - k, "%s%s", k ? ", " : "", cs_param_at(i)->key);
            k = w > 0 && (size_t)w < cap - k ? k + (size_t)w : cap - 1;
        }
    return buf;
}

/* The scalar value of key `name` in mapping m, or NULL. */
static const cs_ynode *field_of(const cs_ynode *m, const char *name, const cs_ynode **key)
{
    for (size_t i = 0; i + 1 < m->nkids; i += 2)
        if (strcmp(m->kids[i]->text, name) == 0) {
            if (key)
                *key = m->kids[i];
            return m->kids[i + 1];
        }
    return NULL;
}

int cs_interventions_read(cs_scenario *sc, const cs_ynode *value, const cs_ynode *keynode,
                          const char *file, const char *setkey, cs_diag *d)
{
    const cs_ynode *at = value ? value : keynode;
    if (!value || cs_ynode_is_null(value)) {
        /* "interventions:" with nothing (or null): none. */
        free(sc->interventions);
        sc->interventions = NULL;
        sc->n_interventions = 0;
        return 0;
    }
    if (value->type != CS_Y_SEQ) {
        cs_scenario_report(d, file, setkey, at,
                           "interventions: expected a list of {day: N, set: {KEY: VALUE}} "
                           "items, found %s",
                           value->type == CS_Y_MAP ? "a mapping" : "a single value");
        return -1;
    }
    size_t cap = 0;
    for (size_t i = 0; i < value->nkids; i++) {
        const cs_ynode *it = value->kids[i];
        if (it->type == CS_Y_MAP) {
            const cs_ynode *set = field_of(it, "set", NULL);
            if (set && set->type == CS_Y_MAP)
                cap += set->nkids / 2;
        }
    }
    /* Bounded so that the resolved scenario.yaml, which adds every default,
     * stays well inside what the reader accepts back. */
    if (cap > CS_MAX_INTERVENTIONS) {
        cs_scenario_report(d, file, setkey, at,
                           "interventions: too many lever settings (%zu): at most %d", cap,
                           CS_MAX_INTERVENTIONS);
        return -1;
    }
    cs_intervention *list = cap ? malloc(cap * sizeof *list) : NULL;
    if (cap && !list)
        return CS_ERR_NOMEM;
    size_t n = 0;
    int bad = 0;
    char levers[2048];
    for (size_t i = 0; i < value->nkids; i++) {
        const cs_ynode *it = value->kids[i];
        if (it->type != CS_Y_MAP) {
            cs_scenario_report(d, file, setkey, it,
                               "interventions[%zu]: expected {day: N, set: {KEY: VALUE}}", i);
            bad = 1;
            continue;
        }
        for (size_t k = 0; k < it->nkids; k += 2)
            if (strcmp(it->kids[k]->text, "day") && strcmp(it->kids[k]->text, "set")) {
                char q[128];
                cs_diag_quote(q, sizeof q, it->kids[k]->text, it->kids[k]->len);
                cs_scenario_report(d, file, setkey, it->kids[k],
                                   "interventions[%zu]: unknown field '%s' (expected day and set)",
                                   i, q);
                bad = 1;
            }
        const cs_ynode *daykey = NULL, *setkey_node = NULL;
        const cs_ynode *day = field_of(it, "day", &daykey);
        const cs_ynode *set = field_of(it, "set", &setkey_node);
        /* The day is checked against `days` once the whole scenario is in
         * (cs_interventions_validate); here only its form. */
        int64_t dayv = 0;
        char *end = NULL;
        errno = 0;
        if (!day || day->type != CS_Y_SCALAR || !day->plain || day->len == 0 ||
            (dayv = strtoll(day->text, &end, 10), *end != '\0') || errno == ERANGE ||
            dayv < 1 || dayv > 36500) {
            char q[64] = "nothing";
            if (day && day->type == CS_Y_SCALAR && day->len)
                cs_diag_quote(q, sizeof q, day->text, day->len);
            cs_scenario_report(d, file, setkey, day ? day : it,
                               "interventions[%zu].day: expected a day number from 1 to 36500, "
                               "found '%s'",
                               i, q);
            bad = 1;
            continue;
        }
        if (!set || set->type != CS_Y_MAP || set->nkids == 0) {
            cs_scenario_report(d, file, setkey, set ? set : it,
                               "interventions[%zu].set: expected a mapping of levers to "
                               "values, like {bass.p: 0.05}",
                               i);
            bad = 1;
            continue;
        }
        for (size_t k = 0; k + 1 < set->nkids; k += 2) {
            const cs_ynode *key = set->kids[k], *val = set->kids[k + 1];
            int param = cs_param_find(key->text);
            if (param < 0 || !(cs_param_at((size_t)param)->flags & CS_P_LEVER)) {
                char q[128];
                cs_diag_quote(q, sizeof q, key->text, key->len);
                cs_scenario_report(d, file, setkey, key,
                                   "interventions[%zu].set: '%s' is not a lever that can change "
                                   "during a run (levers: %s)",
                                   i, q, levers_list(levers, sizeof levers));
                bad = 1;
                continue;
            }
            double v;
            int rc = cs_scenario_read_lever(sc, (size_t)param, val, file, setkey, &v, d);
            if (rc == CS_ERR_NOMEM) {
                free(list);
                return rc;
            }
            if (rc) {
                bad = 1;
                continue;
            }
            /* The same lever twice on one day is ambiguous. */
            for (size_t e = 0; e < n; e++)
                if (list[e].day == dayv && list[e].param == param) {
                    cs_scenario_report(d, file, setkey, key,
                                       "interventions: %s is set twice on day %lld",
                                       key->text, (long long)dayv);
                    bad = 1;
                }
            list[n++] = (cs_intervention){dayv, param, v, file ? val->line : 0,
                                          file ? val->col : 0, file ? day->line : 0,
                                          file ? day->col : 0};
        }
    }
    /* The well-formed items are kept even beside bad ones, so that the
     * checks against the rest of the scenario report their problems too in
     * the same pass. */
    if (n > 1)
        qsort(list, n, sizeof *list, by_day);
    free(sc->interventions);
    sc->interventions = list;
    sc->n_interventions = n;
    return bad ? -1 : 0;
}

void cs_interventions_validate(const cs_scenario *sc, cs_diag *d)
{
    for (size_t i = 0; i < sc->n_interventions; i++) {
        const cs_intervention *iv = &sc->interventions[i];
        /* Once per item: settings of one item share its day's position. */
        int same_item = i > 0 && sc->interventions[i - 1].day == iv->day &&
                        sc->interventions[i - 1].day_line == iv->day_line;
        if (iv->day > sc->days && !same_item) {
            if (iv->day_line)
                cs_diag_at(d, sc->source, iv->day_line, iv->day_col,
                           "interventions: day %lld is after the last day (%lld)",
                           (long long)iv->day, (long long)sc->days);
            else
                cs_diag_set(d, "interventions", "day %lld is after the last day (%lld)",
                            (long long)iv->day, (long long)sc->days);
        }
        /* Levers are checked against their own range when read; prices
         * must stay whole fen whenever they change. */
        if (!cs_param_fen_ok(iv->param, iv->value)) {
            const char *key = cs_param_at((size_t)iv->param)->key;
            if (iv->line)
                cs_diag_at(d, sc->source, iv->line, iv->col,
                           "interventions: %s must be a whole number of fen (0.01 yuan)", key);
            else
                cs_diag_set(d, "interventions", "%s must be a whole number of fen (0.01 yuan)",
                            key);
        }
    }
}

/* One lever's value as the file writes it. */
static void lever_value(char *num, size_t cap, const cs_param *p, double value)
{
    if (p->type == CS_T_INT)
        snprintf(num, cap, "%.0f", value);
    else if (p->type == CS_T_BOOL)
        snprintf(num, cap, "%s", value != 0 ? "true" : "false");
    else
        cs_format_double(num, cap, value);
}

/* The levers set on iv[i]'s day, "key: value, ...", from i on (they are
 * sorted by day); returns the index of the next day's first. */
static size_t day_set(FILE *out, const cs_intervention *iv, size_t n, size_t i)
{
    size_t k = i;
    for (; k < n && iv[k].day == iv[i].day; k++) {
        const cs_param *p = cs_param_at((size_t)iv[k].param);
        char num[40];
        lever_value(num, sizeof num, p, iv[k].value);
        fprintf(out, "%s%s: %s", k > i ? ", " : "", p->key, num);
    }
    return k;
}

void cs_interventions_flow(FILE *out, const cs_scenario *sc)
{
    const cs_intervention *iv = sc->interventions;
    const size_t n = sc->n_interventions;
    fputc('[', out);
    for (size_t i = 0; i < n;) {
        fprintf(out, "%s{day: %lld, set: {", i ? ", " : "", (long long)iv[i].day);
        i = day_set(out, iv, n, i);
        fputs("}}", out);
    }
    fputc(']', out);
}

void cs_interventions_print(FILE *out, const cs_scenario *sc)
{
    const cs_intervention *iv = sc->interventions;
    size_t n = sc->n_interventions;
    if (n == 0) {
        fputs("interventions: []\n", out);
        return;
    }
    fputs("interventions:\n", out);
    size_t i = 0;
    while (i < n) {
        fprintf(out, "  - day: %lld\n    set: {", (long long)iv[i].day);
        i = day_set(out, iv, n, i);
        fputs("}\n", out);
    }
}

void cs_scenario_apply_interventions(cs_scenario *sc, int64_t day)
{
    for (size_t i = 0; i < sc->n_interventions; i++) {
        const cs_intervention *iv = &sc->interventions[i];
        if (iv->day != day)
            continue;
        const cs_param *p = cs_param_at((size_t)iv->param);
        /* Levers are numbers (the table test checks it); anything else
         * would need its own representation here. */
        if (p->type == CS_T_INT)
            *(int64_t *)((char *)sc + p->offset) = (int64_t)iv->value;
        else if (p->type == CS_T_FLOAT)
            *(double *)((char *)sc + p->offset) = iv->value;
        else if (p->type == CS_T_BOOL)
            *(int *)((char *)sc + p->offset) = iv->value != 0;
    }
}

int64_t cs_world_seed(const cs_scenario *sc)
{
    return sc->world_seed >= 0 ? sc->world_seed : sc->seed;
}

double cs_scenario_number(const cs_scenario *sc, int param)
{
    const cs_param *p = cs_param_at((size_t)param);
    if (!p)
        return NAN;
    if (p->type == CS_T_INT)
        return (double)*(const int64_t *)((const char *)sc + p->offset);
    if (p->type == CS_T_FLOAT)
        return *(const double *)((const char *)sc + p->offset);
    if (p->type == CS_T_BOOL)
        return *(const int *)((const char *)sc + p->offset) ? 1 : 0;
    return NAN;
}

double cs_scenario_key_number(const cs_scenario *sc, const char *key)
{
    int param = cs_param_find(key);
    return param < 0 ? NAN : cs_scenario_number(sc, param);
}

double cs_scenario_lever(const cs_scenario *sc, int param)
{
    const cs_param *p = cs_param_at((size_t)param);
    if (!p || !(p->flags & CS_P_LEVER))
        return NAN;
    return cs_scenario_number(sc, param);
}

int cs_flow_plan_brand_only(const char *flow)
{
    for (const char *p = strstr(flow, "set: {"); p; p = strstr(p, "set: {")) {
        p += 6;
        while (*p && *p != '}') {
            while (*p == ' ' || *p == ',' || *p == '"')
                p++;
            if (strncmp(p, "brand.", 6) != 0)
                return 0;
            p += strcspn(p, ",}");
        }
    }
    return 1;
}

const cs_intervention *cs_scenario_interventions(const cs_scenario *sc, size_t *n)
{
    *n = sc->n_interventions;
    return sc->interventions;
}

size_t cs_scenario_festival_days(const cs_scenario *sc, int64_t *days, size_t cap)
{
    size_t n = 0;
    if (!cs_scenario_reads(sc, "calendar.festivals"))
        return 0;
    for (size_t i = 0; i < sc->calendar_festivals.n; i++) {
        const int64_t d = sc->calendar_festivals.v[i];
        if (d < 1 || d > sc->days)
            continue;
        if (n < cap)
            days[n] = d;
        n++;
    }
    return n;
}

int cs_scenario_brand_markets(const cs_scenario *sc)
{
    if (!cs_scenario_reads(sc, "brand.koc_seeds"))
        return 0;
    if (sc->brand_koc_seeds > 0 || sc->brand_seed_list.n > 0 || sc->brand_kol_posts > 0 ||
        sc->brand_dm_per_day > 0 || sc->brand_ad_budget > 0 || sc->brand_livestream_days.n > 0 ||
        sc->brand_groups > 0 || sc->brand_coupon > 0)
        return 1;
    static const char *const acts[] = {"brand.koc_seeds", "brand.kol_posts", "brand.dm_per_day",
                                       "brand.ad_budget", "brand.groups",    "brand.coupon"};
    for (size_t i = 0; i < sc->n_interventions; i++)
        for (size_t k = 0; k < sizeof acts / sizeof acts[0]; k++)
            if (sc->interventions[i].param == cs_param_find(acts[k]) &&
                sc->interventions[i].value > 0)
                return 1;
    return 0;
}
