/* params.c - the parameter table: the single source of truth for every
 * scenario key, and `circlesim params`, which prints it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "circlesim/scenario.h"
#include "scenario_int.h"

#define F(field) offsetof(cs_scenario, field)
#define NOMIN (-HUGE_VAL)
#define NOMAX (HUGE_VAL)
#define MAX_SEED 9007199254740991.0 /* 2^53 - 1: exact in every JSON reader */
#define MAX_USERS 2000000000.0      /* user ids are 32-bit; keep well inside */

/* Order is the order of the resolved scenario.yaml: top-level keys first,
 * then one block per section. Keys of one section stay together. */
static const cs_param table[] = {
    {"schema_version", CS_T_INT, "1", 1, 1, NULL, "",
     "version of the scenario format", CS_M_ALL, F(schema_version), 0},
    {"name", CS_T_STRING, "scenario", NOMIN, NOMAX, NULL, "",
     "short name; the default output folder is out/<name>-<seed>", CS_M_ALL, F(name), 0},
    {"info", CS_T_STRING, "\"\"", NOMIN, NOMAX, NULL, "",
     "free text for people: what it is, how it works, things to notice, things to try",
     CS_M_ALL, F(info), 0},
    {"seed", CS_T_INT, "1", 0, MAX_SEED, NULL, "",
     "base seed of every random stream of the run", CS_M_ALL, F(seed), 0},
    {"days", CS_T_INT, "100", 1, 36500, NULL, "days",
     "days simulated and reported", CS_M_ALL, F(days), 0},
    {"model", CS_T_ENUM, "bass", NOMIN, NOMAX, "bass|cascade", "",
     "which model runs: bass (Bass diffusion) or cascade (independent cascade)",
     CS_M_ALL, F(model), 0},
    {"price", CS_T_FLOAT, "100", 0, 10000000, NULL, "yuan",
     "value of one order; every adoption is one order (kept in whole fen)", CS_M_ALL, F(price), 1},

    {"population.size", CS_T_INT, "10000", 1, MAX_USERS, NULL, "users",
     "registered users; with network.kind edgelist it may be omitted (largest id + 1), "
     "with sbm it is the sum of network.blocks",
     CS_M_ALL, F(population_size), 0},

    /* City tiers. DOMAIN.md's 2018 population: 1.39 billion, first-tier
     * cities under 100 million, with new first-tier under 300 million; the
     * rest (second-tier cities among them) across about 300 cities and the
     * counties, towns and villages. The first two shares take those bounds;
     * second-tier cities, the split of the rest, and national shares
     * standing for the platform's users are assumptions to calibrate. */
    {"population.tier_first", CS_T_FLOAT, "0.072", 0, 1, NULL, "share",
     "share of users in first-tier cities (DOMAIN.md: under 100 of 1 390 million)", CS_M_ALL,
     F(population_tier_first), 0},
    {"population.tier_new_first_second", CS_T_FLOAT, "0.144", 0, 1, NULL, "share",
     "share in new first-tier and second-tier cities (new first tier under 200 of 1 390 "
     "million; second tier assumed within)",
     CS_M_ALL, F(population_tier_new_first_second), 0},
    {"population.tier_third_fourth", CS_T_FLOAT, "0.3", 0, 1, NULL, "share",
     "share in third- and fourth-tier cities (assumed; the four tier shares sum to 1)",
     CS_M_ALL, F(population_tier_third_fourth), 0},
    {"population.tier_county", CS_T_FLOAT, "0.484", 0, 1, NULL, "share",
     "share in counties, towns and villages (assumed)", CS_M_ALL, F(population_tier_county), 0},
    {"population.post95_share", CS_T_FLOAT, "0.85", 0, 1, NULL, "share",
     "share of users born after 1995 (DOMAIN.md: 85%)", CS_M_ALL, F(population_post95_share), 0},
    {"population.tags", CS_T_INT, "2500", 1, 65535, NULL, "tags",
     "interest tags (DOMAIN.md: over 2 500 on the group-chat square)", CS_M_ALL,
     F(population_tags), 0},
    {"population.interests", CS_T_INT, "5", 1, 16, NULL, "tags per user",
     "distinct interest tags each user has (at most population.tags / 2)", CS_M_ALL,
     F(population_interests), 0},
    {"population.tag_zipf", CS_T_FLOAT, "1", 0, 5, NULL, "exponent",
     "popularity of the j-th most popular tag is proportional to j^-tag_zipf", CS_M_ALL,
     F(population_tag_zipf), 0},

    {"network.kind", CS_T_ENUM, "complete", NOMIN, NOMAX,
     "complete|erdos_renyi|barabasi_albert|watts_strogatz|sbm|edgelist|homophily", "",
     "social network generator, or edgelist to load one", CS_M_ALL, F(network_kind), 0},
    {"network.mean_degree", CS_T_FLOAT, "10", 0, 1e6, NULL, "ties per user",
     "erdos_renyi, homophily: expected number of ties of a user", CS_M_ALL,
     F(network_mean_degree), 0},
    {"network.m", CS_T_INT, "3", 1, 10000, NULL, "ties",
     "barabasi_albert: ties each newcomer makes (mean degree is about 2m)", CS_M_ALL, F(network_m), 0},
    {"network.k", CS_T_INT, "10", 2, 10000, NULL, "ties per user",
     "watts_strogatz: each user's degree on the ring before rewiring (even, at most "
     "population.size / 2)", CS_M_ALL,
     F(network_k), 0},
    {"network.beta", CS_T_FLOAT, "0.1", 0, 1, NULL, "probability",
     "watts_strogatz: probability that a ring tie is rewired to a random user", CS_M_ALL,
     F(network_beta), 0},
    {"network.blocks", CS_T_INT_LIST, "[]", 1, MAX_USERS, NULL, "users",
     "sbm: sizes of the blocks (communities), in user order", CS_M_ALL, F(network_blocks), 0},
    {"network.p_in", CS_T_FLOAT, "0.1", 0, 1, NULL, "probability",
     "sbm: probability of a tie between two users of the same block", CS_M_ALL, F(network_p_in), 0},
    {"network.p_out", CS_T_FLOAT, "0.01", 0, 1, NULL, "probability",
     "sbm: probability of a tie between users of different blocks", CS_M_ALL, F(network_p_out), 0},
    {"network.file", CS_T_PATH, "\"\"", NOMIN, NOMAX, NULL, "path",
     "edgelist: file of ties 'u v [weight]', 0-based; relative to the scenario's folder",
     CS_M_ALL, F(network_file), 0},

    {"network.degree_exponent", CS_T_FLOAT, "2.5", 2.05, 4, NULL, "exponent",
     "homophily: degree distribution tail P(k) ~ k^-exponent (users' sociability)", CS_M_ALL,
     F(network_degree_exponent), 0},
    {"network.interest_share", CS_T_FLOAT, "0.6", 0, 1, NULL, "share",
     "homophily: share of direct ties made between users sharing an interest tag", CS_M_ALL,
     F(network_interest_share), 0},
    {"network.tier_share", CS_T_FLOAT, "0.5", 0, 1, NULL, "share",
     "homophily: share of the other direct ties made within the user's city tier", CS_M_ALL,
     F(network_tier_share), 0},
    {"network.closure", CS_T_FLOAT, "0.3", 0, 0.95, NULL, "share",
     "homophily: share of ties made by meeting a friend of a friend (clustering)", CS_M_ALL,
     F(network_closure), 0},

    {"bass.p", CS_T_FLOAT, "0.03", 0, 1, NULL, "probability per day",
     "innovation: chance a non-buyer buys on a day regardless of others", CS_M_BASS, F(bass_p), 1},
    {"bass.q", CS_T_FLOAT, "0.38", 0, 1, NULL, "probability per day",
     "imitation: added chance per unit share of neighbours who have bought", CS_M_BASS,
     F(bass_q), 1},

    {"cascade.seeds", CS_T_INT_LIST, "[0]", 0, MAX_USERS - 1, NULL, "user ids",
     "users active at day 0 (0-based indices)", CS_M_CASCADE, F(cascade_seeds), 0},
    {"cascade.p", CS_T_FLOAT, "0.1", 0, 1, NULL, "probability",
     "chance a newly active user activates each inactive neighbour, once", CS_M_CASCADE,
     F(cascade_p), 1},
};

#define NPARAMS (sizeof table / sizeof table[0])
/* One slot is kept for `interventions` in the loader's duplicate check. */
_Static_assert(NPARAMS < CS_MAX_PARAMS, "raise CS_MAX_PARAMS");

static const char *model_names[] = {"bass", "cascade"};

size_t cs_param_count(void) { return NPARAMS; }

const cs_param *cs_param_at(size_t i) { return i < NPARAMS ? &table[i] : NULL; }

int cs_param_find(const char *key)
{
    for (size_t i = 0; i < NPARAMS; i++)
        if (strcmp(table[i].key, key) == 0)
            return (int)i;
    return -1;
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
    if (json)
        fputs("{\"schema_version\": 1, \"params\": [\n", out);
    else if (md)
        fputs("# Scenario parameters\n\n"
              "Generated by `circlesim params --format markdown` from the parameter table in "
              "`sim/params.c`; do not edit by hand.\n\n"
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
            fprintf(out, "], \"lever\": %s}", p->lever ? "true" : "false");
        } else if (md) {
            fprintf(out, "| `%s` | %s | `", p->key, type_name(p->type));
            cs_print_value(out, &defaults, i, 0);
            fputs("` | ", out);
            print_range(out, p);
            fprintf(out, " | %s | ", p->unit);
            print_models(out, p->models, ", ", "");
            fprintf(out, " | %s | %s |\n", p->lever ? "yes" : "", p->doc);
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
            if (p->lever)
                fputs("  lever", out);
            fprintf(out, "\n    %s\n", p->doc);
        }
        first = 0;
    }
    if (json)
        fputs("\n]}\n", out);
    cs_scenario_free(&defaults);
    return ferror(out) ? CS_ERR_RUNTIME : 0;
}
