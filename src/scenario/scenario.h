/* SPDX-License-Identifier: MIT */
/* scenario.h (internal) - the scenario behind the public handle of
 * include/circlesim/scenario.h: its types, and the functions the library
 * is built from (the fields are scenario_struct.h's). A scenario: every parameter of a run, loaded from YAML,
 * overridden by --set, validated, and written back fully resolved.
 *
 * The parameter rows (params.def) are the single source of truth for every
 * key: its dotted path, type, default, range, unit, meaning, the models it
 * applies to and its field. Loading, validation, --set, `circlesim params`
 * and the resolved scenario.yaml all read the table params.c makes of them;
 * adding a parameter is one row there.
 */
#ifndef CIRCLESIM_SCENARIO_H
#define CIRCLESIM_SCENARIO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "circlesim/diag.h"
#include "circlesim/scenario.h"

enum cs_model { CS_MODEL_BASS, CS_MODEL_CASCADE, CS_MODEL_PLATFORM, CS_MODEL_COUNT };

enum cs_brand_strategy { CS_BRAND_BROADCAST, CS_BRAND_INVERTED };
enum cs_seed_by { CS_SEED_RANDOM, CS_SEED_DEGREE, CS_SEED_TRUST, CS_SEED_CIRCLE_OWNERS, CS_SEED_LIST };

/* Model masks for the table's "applies to" column. */
#define CS_M_BASS (1u << CS_MODEL_BASS)
#define CS_M_CASCADE (1u << CS_MODEL_CASCADE)
#define CS_M_PLATFORM (1u << CS_MODEL_PLATFORM)
#define CS_M_TEXTBOOK (CS_M_BASS | CS_M_CASCADE)
#define CS_M_ALL (CS_M_BASS | CS_M_CASCADE | CS_M_PLATFORM)
/* The models whose runs have facts (summary.json's brands, stylized facts
 * and community; engine/facts.c): runs.csv and compare.csv list them. */
#define CS_M_FACTS CS_M_PLATFORM

enum cs_network_kind {
    CS_NET_COMPLETE,
    CS_NET_ERDOS_RENYI,
    CS_NET_BARABASI_ALBERT,
    CS_NET_WATTS_STROGATZ,
    CS_NET_SBM,
    CS_NET_EDGELIST,
    CS_NET_HOMOPHILY,
};

typedef struct cs_int_list {
    int64_t *v;
    size_t n;
} cs_int_list;

typedef enum { CS_T_INT, CS_T_FLOAT, CS_T_BOOL, CS_T_STRING, CS_T_ENUM, CS_T_INT_LIST, CS_T_PATH } cs_param_type;

typedef struct cs_param {
    const char *key;      /* dotted path as written in YAML */
    cs_param_type type;
    const char *def;      /* default, as YAML text; NULL: derived (see doc) */
    double min, max;      /* inclusive range for numbers and list items */
    const char *choices;  /* enum: names separated by '|' */
    const char *unit;
    const char *doc;      /* one line */
    unsigned models;      /* CS_M_* mask */
    size_t offset;        /* field in cs_scenario */
    int flags;            /* CS_P_* */
} cs_param;

enum cs_param_flags {
    CS_P_LEVER = 1,           /* may change mid-run through interventions (numbers only) */
    CS_P_SEEDS = 2,           /* an int list of the users a model starts from, checked
                               * against the population */
    CS_P_SEEDS_REQUIRED = 4,  /* such a list, which must name at least one user */
    CS_P_WHOLE_FEN = 8,       /* money kept in fen: a value between fen is refused */
    CS_P_ZERO_UNLIMITED = 16, /* 0 means no limit, not the least: no place at 0 on an axis */
};

/* One lever set to a value from the start of a day (interventions:). */
typedef struct cs_intervention {
    int64_t day;          /* 1-based; takes effect before the day is simulated */
    int param;            /* index in the table; always a lever (a number) */
    double value;
    int line, col;        /* where the value was given; 0 when from --set */
    int day_line, day_col; /* where its day was given */
} cs_intervention;

#define CS_MAX_INTERVENTIONS 10000 /* lever settings in one scenario */

/* A point on a curve that calibration should meet (targets.points): a
 * timeseries column's value on a day. */
typedef struct cs_target_point {
    char column[32];      /* a timeseries.csv column of the scenario's model */
    int64_t day;          /* 1-based */
    double value, weight;
    int line, col;        /* where the item was given; 0 when from --set */
} cs_target_point;

#define CS_MAX_TARGET_POINTS 1000

/* One variant of an experiment's `variants:` design: a name and the keys it
 * sets, each value as --set takes it. */
typedef struct cs_variant {
    char *name;
    char **keys, **values;
    size_t n;
    /* Its own interventions' last day and where that day was given (0: it
     * sets none), checked against the run's days when the scenario is. */
    int64_t last_day;
    int last_line, last_col;
} cs_variant;


/* The table. */
size_t cs_param_count(void);
const cs_param *cs_param_at(size_t i);
int cs_param_find(const char *key); /* index or -1 */
/* The seed list model starts from (its row has CS_P_SEEDS), or -1. */
int cs_seed_list_param(int model);
/* Whether value, of parameter param, is one it may take as money: 1 but
 * for a CS_P_WHOLE_FEN parameter given a value between fen. */
int cs_param_fen_ok(int param, double value);
/* Whether sc's model reads key (the table's "applies to"). */
int cs_scenario_reads(const cs_scenario *sc, const char *key);
const char *cs_model_name(int model);
const char *cs_network_kind_name(int kind);

/* What a scenario is, read without its fields (the programs in apps/ hold
 * a scenario by pointer). */
const char *cs_scenario_name(const cs_scenario *sc);
const char *cs_scenario_info(const cs_scenario *sc);
const char *cs_scenario_source(const cs_scenario *sc); /* the file as the user named it */
int64_t cs_scenario_seed(const cs_scenario *sc);
int64_t cs_scenario_days(const cs_scenario *sc);
int cs_scenario_model(const cs_scenario *sc);          /* enum cs_model */
int cs_scenario_network_kind(const cs_scenario *sc);   /* enum cs_network_kind */
const char *cs_scenario_network_file(const cs_scenario *sc); /* "" when none */
const char *cs_scenario_network_nodes(const cs_scenario *sc); /* "" when none */

/* The experiment: block, as `circlesim sweep` reads it (valid while sc is). */
typedef struct cs_experiment_block {
    const char *design;         /* factorial, lhs:N, morris:R or variants; NULL: not given */
    int64_t replicates;         /* 0: not given */
    const char *const *vary;    /* "KEY=VALUES" as --vary takes them */
    size_t nvary;
    const cs_variant *variants; /* design variants, in the order given */
    size_t nvariants;
} cs_experiment_block;
cs_experiment_block cs_scenario_experiment(const cs_scenario *sc);
/* What a run ignores but sweep needs of the experiment: each variant's
 * interventions within the days it runs. Reports each problem at its
 * position; returns how many. */
int cs_scenario_check_experiment(const cs_scenario *sc, cs_diag *d);
/* The same for the lesson: block (lesson.h): its views' measures against
 * the model's columns, its sliders against what the world holds, its
 * steps' days, every text in the lesson's languages. Returns how many
 * problems (reported at their position). */
int cs_scenario_check_lesson(const cs_scenario *sc, cs_diag *d);
/* The scenario's lesson, NULL when it has none (valid while sc is). */
struct cs_lesson;
const struct cs_lesson *cs_scenario_lesson(const cs_scenario *sc);

/* Whether the file could not be read or parsed (nothing in it to check). */
int cs_scenario_unreadable(const cs_scenario *sc);
/* Gives sc a new name and info (copied). 0 or CS_ERR_NOMEM (sc unchanged). */
int cs_scenario_rename(cs_scenario *sc, const char *name, const char *info);

/* A scenario on the heap with every key at its default (NULL: out of
 * memory); close it with cs_scenario_close. */
cs_scenario *cs_scenario_new(void);
/* Zeroed room for a scenario that one of the in-place makers then fills
 * (they start with cs_scenario_init); NULL when out of memory, reported.
 * Close it with cs_scenario_close whatever the maker returns. */
cs_scenario *cs_scenario_room(cs_diag *diag);

/* Built-in default scenario (scenarios/default.yaml, embedded at build time). */
extern const char cs_default_scenario[];
extern const size_t cs_default_scenario_len;

/* Defaults for every key; source "<defaults>". Returns 0 or CS_ERR_NOMEM. */
int cs_scenario_init(cs_scenario *sc);
void cs_scenario_free(cs_scenario *sc);

/* Load a scenario file over the defaults; path NULL loads the built-in
 * default. Reports every problem with the file (all semantic ones in one
 * pass) and returns CS_ERR_INPUT if there was any. */
int cs_scenario_load(cs_scenario *sc, const char *path, cs_diag *diag);
int cs_scenario_load_text(cs_scenario *sc, const char *name, const char *text, size_t len,
                          const char *base_dir, cs_diag *diag);

/* Apply "KEY=VALUE" (VALUE read as YAML). Errors as "<set> KEY: error: ...". */
int cs_scenario_set(cs_scenario *sc, const char *assignment, cs_diag *diag);

/* Warns, one line per key at its position, about each key the file or a
 * --set gave that sc's model or network kind does not read (it changes
 * nothing). A resolved scenario.yaml, which writes every key, is left
 * alone. Returns how many. */
int cs_scenario_warn_inapplicable(const cs_scenario *sc, cs_diag *diag);

/* Why key `param` changes nothing in sc, into buf (returned), or NULL when
 * it can act: a key that acts only when another allows it (a livestream's
 * reach with no livestream day, a group-buy discount with group buying
 * off), the other allowing it neither at the start nor after any of sc's
 * interventions (conditions.c). */
const char *cs_param_inert_reason(const cs_scenario *sc, int param, char *buf, size_t cap);

/* Cross-key checks, input files (existence, edge-list content hash) and
 * derived values (population.size from an edge list or SBM blocks). Call
 * once after loading and every --set. Reports all problems. */
int cs_scenario_validate(cs_scenario *sc, cs_diag *diag);

/* The resolved scenario as YAML (malloc'ed): every key, defaults included.
 * for_hash != 0 names input files by content hash instead of path, which is
 * what the scenario hash covers. */
char *cs_scenario_to_yaml(const cs_scenario *sc, int for_hash);

/* Parameter `param`'s value in sc as YAML text that --set reads back
 * (malloc'ed; NULL when out of memory). */
char *cs_scenario_value_text(const cs_scenario *sc, int param);
/* The same by key, which may also be "interventions" (their list in flow
 * style); NULL for an unknown key or when out of memory. */
char *cs_scenario_key_text(const cs_scenario *sc, const char *key);
/* Whether every lever an interventions list in flow style sets ("[{day:
 * 7, set: {brand.kol_posts: 0}}]", as cs_scenario_key_text writes it) is
 * the brand's: a plan that asks a question about the brand. */
int cs_flow_plan_brand_only(const char *flow);
/* Edits (insertions, deletions, substitutions) from a to b; 99 for names
 * over 40 characters: how near a misspelt name is. */
size_t cs_edit_distance(const char *a, const char *b);

/* "sha256:<64 hex>" of the resolved scenario (for_hash form). */
int cs_scenario_hash(const cs_scenario *sc, char out[72]);

/* The seed of what is fixed before day 1 (network, users' attributes,
 * the platform's starting state): world_seed, or the run's seed when -1. */
int64_t cs_world_seed(const cs_scenario *sc);

/* A number parameter's value in sc (booleans as 0 or 1); NaN when param is
 * not a number. */
double cs_scenario_number(const cs_scenario *sc, int param);
/* The same by key (NaN for an unknown key). */
double cs_scenario_key_number(const cs_scenario *sc, const char *key);
/* A lever's value in sc (booleans as 0 or 1); NaN when param is not a lever. */
double cs_scenario_lever(const cs_scenario *sc, int param);
/* Whether the brand markets its product at some point of the run: KOCs
 * seeded, KOL posts, DMs, ads, livestreams, brand groups or coupons, in
 * the scenario or set by an intervention. Without, its sales are only
 * what the market gives any merchant. */
int cs_scenario_brand_markets(const cs_scenario *sc);
/* sc's interventions, sorted by day (how many into *n). */
const cs_intervention *cs_scenario_interventions(const cs_scenario *sc, size_t *n);
/* The shopping festivals' days (calendar.festivals) within days 1 ..
 * days, in order, into days[] (at most cap); returns how many there are.
 * 0 for models without festivals. */
size_t cs_scenario_festival_days(const cs_scenario *sc, int64_t *days, size_t cap);
/* Set every intervention due on `day` in sc (a running copy). */
void cs_scenario_apply_interventions(cs_scenario *sc, int64_t day);

/* Report a problem at the position a key's value came from. */
void cs_scenario_key_error(const cs_scenario *sc, cs_diag *diag, int param, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The plausible range of an assumed parameter (plausible.c): what a domain
 * expert would not rule out, and why; lo and hi NaN for a row kept out of
 * robustness checks (a decision, a scale), with the reason. */
typedef struct cs_plausible {
    const char *key;
    double lo, hi;
    const char *reason;
} cs_plausible;
size_t cs_plausible_count(void);
const cs_plausible *cs_plausible_at(size_t i);
const cs_plausible *cs_plausible_find(const char *key); /* NULL: none */

/* Whether the scenario file or a --set gave param a value (a resolved
 * scenario.yaml, which writes every key, gives those not at their default). */
int cs_scenario_given(const cs_scenario *sc, int param);

/* `circlesim params`: the table as text, markdown or JSON, or its keys one a
 * line (format "keys"); model < 0 for all. */
int cs_params_print(FILE *out, const char *format, int model);

/* Whether a price in yuan is a whole number of fen, the unit money is kept
 * in (so nothing is rounded silently). */
int cs_whole_fen(double yuan);

#endif
