/* SPDX-License-Identifier: MIT */
/* params.c - the parameter table: the single source of truth for every
 * scenario key, and `circlesim params`, which prints it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/scenario.h"
#include "scenario/scenario_struct.h"
#include "scenario/scenario_int.h"
#include "base/numfmt.h"

#define F(field) offsetof(cs_scenario, field)
#define NOMIN (-HUGE_VAL)
#define NOMAX (HUGE_VAL)
#define MAX_SEED 9007199254740991.0 /* 2^53 - 1: exact in every JSON reader */
#define MAX_USERS 2000000000.0      /* user ids are 32-bit; keep well inside */
#define PF(key, type, def, min, max, unit, doc, field, flags) \
    {key, type, def, min, max, NULL, unit, doc, CS_M_PLATFORM, F(field), flags},

#define P(key, type, def, min, max, choices, unit, doc, models, field, flags) \
    {key, type, def, min, max, choices, unit, doc, models, F(field), flags},

/* The rows of params.def, in its order. */
static const cs_param table[] = {
#include "scenario/params.def"
};
#undef P
#undef PF

#define NPARAMS (sizeof table / sizeof table[0])
/* The last four slots of seen_line mark interventions:, experiment:,
 * targets.points and lesson:. */
_Static_assert(NPARAMS < CS_MAX_PARAMS - 4, "raise CS_MAX_PARAMS");

static const char *model_names[] = {"bass", "cascade", "platform"};

size_t cs_param_count(void) { return NPARAMS; }

const cs_param *cs_param_at(size_t i) { return i < NPARAMS ? &table[i] : NULL; }

int cs_param_find(const char *key)
{
    for (size_t i = 0; i < NPARAMS; i++)
        if (strcmp(table[i].key, key) == 0)
            return (int)i;
    return -1;
}

int cs_seed_list_param(int model)
{
    for (size_t i = 0; i < NPARAMS; i++)
        if ((table[i].flags & CS_P_SEEDS) && model >= 0 && model < CS_MODEL_COUNT &&
            (table[i].models & (1u << model)))
            return (int)i;
    return -1;
}

int cs_param_fen_ok(int param, double value)
{
    return param < 0 || (size_t)param >= NPARAMS || !(table[param].flags & CS_P_WHOLE_FEN) ||
           cs_whole_fen(value);
}

int cs_scenario_reads(const cs_scenario *sc, const char *key)
{
    int i = cs_param_find(key);
    return i >= 0 && sc->model >= 0 && sc->model < CS_MODEL_COUNT &&
           (table[i].models & (1u << sc->model));
}

const char *cs_model_name(int model)
{
    return model >= 0 && model < CS_MODEL_COUNT ? model_names[model] : "?";
}

int cs_choice_index(const char *choices, const char *s, size_t len)
{
    int idx = 0;
    const char *p = choices;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n == len && memcmp(p, s, len) == 0)
            return idx;
        idx++;
        if (!bar)
            break;
        p = bar + 1;
    }
    return -1;
}

const char *cs_choice_name(const char *choices, int idx, char *buf, size_t cap)
{
    const char *p = choices;
    for (int i = 0; p && i < idx; i++) {
        p = strchr(p, '|');
        if (p)
            p++;
    }
    if (!p)
        return "?";
    const char *bar = strchr(p, '|');
    size_t n = bar ? (size_t)(bar - p) : strlen(p);
    if (n >= cap)
        n = cap - 1;
    memcpy(buf, p, n);
    buf[n] = '\0';
    return buf;
}

const char *cs_network_kind_name(int kind)
{
    /* In enum cs_network_kind order, as in network.kind's choices (a test
     * checks the two agree). */
    static const char *names[] = {"complete", "erdos_renyi", "barabasi_albert",
                                  "watts_strogatz", "sbm", "edgelist", "homophily"};
    return kind >= 0 && kind < (int)(sizeof names / sizeof names[0]) ? names[kind] : "?";
}

static const char *type_name(cs_param_type t)
{
    switch (t) {
    case CS_T_INT: return "int";
    case CS_T_FLOAT: return "float";
    case CS_T_BOOL: return "bool";
    case CS_T_STRING: return "string";
    case CS_T_ENUM: return "enum";
    case CS_T_INT_LIST: return "int list";
    case CS_T_PATH: return "path";
    }
    return "?";
}

static void print_number(FILE *out, const cs_param *p, double x)
{
    char buf[40];
    if (p->type == CS_T_INT || p->type == CS_T_INT_LIST)
        snprintf(buf, sizeof buf, "%.0f", x);
    else
        cs_format_double(buf, sizeof buf, x);
    fputs(buf, out);
}

static int has_range(const cs_param *p)
{
    return p->type == CS_T_INT || p->type == CS_T_FLOAT || p->type == CS_T_INT_LIST;
}

static void print_models(FILE *out, unsigned mask, const char *sep, const char *quote)
{
    int first = 1;
    for (int m = 0; m < CS_MODEL_COUNT; m++)
        if (mask & (1u << m)) {
            fprintf(out, "%s%s%s%s", first ? "" : sep, quote, model_names[m], quote);
            first = 0;
        }
}

static void print_range(FILE *out, const cs_param *p)
{
    if (p->choices) {
        for (const char *c = p->choices; *c; c++)
            fputs(*c == '|' ? ", " : (char[]){*c, 0}, out);
    } else if (has_range(p)) {
        print_number(out, p, p->min);
        fputs(" .. ", out);
        print_number(out, p, p->max);
    }
}

int cs_params_print(FILE *out, const char *format, int model)
{
    cs_scenario defaults;
    if (cs_scenario_init(&defaults)) {
        cs_scenario_free(&defaults);
        return CS_ERR_NOMEM;
    }
    unsigned mask = model < 0 ? ~0u : 1u << model;
    int json = strcmp(format, "json") == 0;
    int md = strcmp(format, "markdown") == 0;
    if (strcmp(format, "keys") == 0) {
        /* The keys alone, one a line: for scripts and shell completion. */
        for (size_t i = 0; i < NPARAMS; i++)
            if (table[i].models & mask)
                fprintf(out, "%s\n", table[i].key);
        cs_scenario_free(&defaults);
        return ferror(out) ? CS_ERR_RUNTIME : 0;
    }
    if (json)
        fputs("{\"schema_version\": 1, \"params\": [\n", out);
    else if (md)
        fputs("# Scenario parameters\n\n"
              "Generated by `circlesim params --format markdown` from the parameter table in "
              "`src/scenario/params.c`; do not edit by hand.\n\n"
              "A *lever* can also change during a run, through the scenario's `interventions:` "
              "list (see `docs/SCENARIOS.md`).\n\n"
              "| key | type | default | range or choices | unit | models | lever | meaning |\n"
              "|---|---|---|---|---|---|---|---|\n",
              out);
    int first = 1;
    for (size_t i = 0; i < NPARAMS; i++) {
        const cs_param *p = &table[i];
        if (!(p->models & mask))
            continue;
        if (json) {
            fprintf(out, "%s  {\"key\": \"%s\", \"type\": \"%s\", \"default\": ", first ? "" : ",\n",
                    p->key, type_name(p->type));
            cs_print_value(out, &defaults, i, 1);
            fputs(", \"min\": ", out);
            if (has_range(p)) print_number(out, p, p->min); else fputs("null", out);
            fputs(", \"max\": ", out);
            if (has_range(p)) print_number(out, p, p->max); else fputs("null", out);
            fputs(", \"choices\": ", out);
            if (p->choices) {
                fputs("[\"", out);
                for (const char *c = p->choices; *c; c++)
                    fputs(*c == '|' ? "\", \"" : (char[]){*c, 0}, out);
                fputs("\"]", out);
            } else {
                fputs("null", out);
            }
            fprintf(out, ", \"unit\": \"%s\", \"doc\": ", p->unit);
            cs_print_string(out, p->doc, strlen(p->doc));
            fputs(", \"models\": [", out);
            print_models(out, p->models, ", ", "\"");
            fprintf(out, "], \"lever\": %s, \"plausible\": ", (p->flags & CS_P_LEVER) ? "true" : "false");
            const cs_plausible *pl = cs_plausible_find(p->key);
            if (pl && isfinite(pl->lo))
                fprintf(out, "[%.10g, %.10g]", pl->lo, pl->hi);
            else
                fputs("null", out);
            fputs(", \"plausible_reason\": ", out);
            if (pl)
                cs_print_string(out, pl->reason, strlen(pl->reason));
            else
                fputs("null", out);
            fputc('}', out);
        } else if (md) {
            fprintf(out, "| `%s` | %s | `", p->key, type_name(p->type));
            cs_print_value(out, &defaults, i, 0);
            fputs("` | ", out);
            print_range(out, p);
            fprintf(out, " | %s | ", p->unit);
            print_models(out, p->models, ", ", "");
            fprintf(out, " | %s | %s |\n", (p->flags & CS_P_LEVER) ? "yes" : "", p->doc);
        } else {
            fprintf(out, "%-22s %-8s default ", p->key, type_name(p->type));
            cs_print_value(out, &defaults, i, 0);
            if (p->choices || has_range(p)) {
                fputs("  [", out);
                print_range(out, p);
                fputs("]", out);
            }
            if (*p->unit)
                fprintf(out, "  (%s)", p->unit);
            if (p->flags & CS_P_LEVER)
                fputs("  lever", out);
            fprintf(out, "\n    %s\n", p->doc);
            const cs_plausible *pl = cs_plausible_find(p->key);
            if (pl && isfinite(pl->lo))
                fprintf(out, "    plausible %.10g to %.10g: %s\n", pl->lo, pl->hi, pl->reason);
            else if (pl)
                fprintf(out, "    not varied by --robust: %s\n", pl->reason);
        }
        first = 0;
    }
    if (json)
        fputs("\n]}\n", out);
    if (md) {
        fputs("\n## Plausible ranges\n\n"
              "What `compare --robust` and `sweep --robust` draw worlds from: for each assumed "
              "parameter, the values a domain expert would not rule out, and why (from "
              "`src/scenario/plausible.c`). A parameter without a range is not varied.\n\n"
              "| key | default | plausible | why |\n|---|---|---|---|\n",
              out);
        for (size_t k = 0; k < cs_plausible_count(); k++) {
            const cs_plausible *pl = cs_plausible_at(k);
            const int i = cs_param_find(pl->key);
            if (i < 0 || !(table[i].models & mask))
                continue;
            fprintf(out, "| `%s` | `", pl->key);
            cs_print_value(out, &defaults, (size_t)i, 0);
            if (isfinite(pl->lo))
                fprintf(out, "` | %.10g to %.10g | %s |\n", pl->lo, pl->hi, pl->reason);
            else
                fprintf(out, "` | not varied | %s |\n", pl->reason);
        }
    }
    cs_scenario_free(&defaults);
    return ferror(out) ? CS_ERR_RUNTIME : 0;
}
