/* scenario.h (internal) - the whole scenario struct behind the public
 * handle of include/circlesim/scenario.h, and the in-place functions the
 * library is built from. A scenario: every parameter of a run, loaded from YAML,
 * overridden by --set, validated, and written back fully resolved.
 *
 * The parameter table (params.c) is the single source of truth for every key:
 * its dotted path, type, default, range, unit, meaning and the models it
 * applies to. Loading, validation, --set, `circlesim params` and the resolved
 * scenario.yaml all read it; adding a parameter is one row there plus the
 * field here.
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
} cs_variant;

/* Where a key's value came from, for error positions. */
typedef struct cs_origin {
    enum { CS_FROM_DEFAULT, CS_FROM_FILE, CS_FROM_SET } from; /* in this order: a conflict is blamed on the later */
    int line, col;
} cs_origin;

#define CS_MAX_PARAMS 256

typedef struct cs_scenario {
    int64_t schema_version;
    char *name;
    char *info;
    int64_t seed;
    int64_t world_seed;      /* -1: seed (see cs_world_seed) */
    int64_t days;
    int model;               /* enum cs_model */
    double price;            /* yuan per order */
    int64_t population_size;
    double population_tier_first;
    double population_tier_new_first_second;
    double population_tier_third_fourth;
    double population_tier_county;
    double population_post95_share;
    int64_t population_tags;
    int64_t population_interests;
    double population_tag_zipf;
    int network_kind;        /* enum cs_network_kind */
    double network_mean_degree;
    int64_t network_m;
    int64_t network_k;
    double network_beta;
    cs_int_list network_blocks;
    double network_p_in;
    double network_p_out;
    char *network_file;      /* absolute once resolved; "" when unused */
    char *network_nodes;     /* per-user attributes (CSV) for edgelist; "" when unused */
    double network_degree_exponent;
    double network_interest_share;
    double network_tier_share;
    double network_closure;
    double bass_p;
    double bass_q;
    cs_int_list bass_seeds;
    cs_int_list cascade_seeds;
    double cascade_p;

    /* model: platform (see docs/MODEL.md; the table in params.c documents
     * each with unit, range and source). */
    int64_t warmup_days;
    double users_initial_share, users_acquisition, users_invite, users_invite_accept;
    double users_open_base, users_open_spread, users_habit_gain, users_habit_decay;
    double users_habit_weight, users_notify_weight, users_churn, users_churn_trust;
    double users_koc_share, users_price_sensitivity, users_loyalty, users_tier_step;
    int64_t users_kols, users_follows;
    double attention_notes, attention_spread, attention_limit;
    int64_t attention_max_sessions;
    double attention_image_seconds, attention_per_image_seconds, attention_images;
    double attention_video_seconds, attention_voice_seconds, attention_long_seconds;
    double attention_message_seconds, attention_read_cap;
    double content_image, content_video, content_voice, content_long, content_long_post95;
    double feed_ad_load, feed_ad_tolerance, feed_ad_targeting, feed_friend_share, feed_product_share;
    double feed_offtopic;
    double cred_ad, cred_stranger, cred_kol, cred_friend, cred_koc, cred_group_peer;
    double cred_group_owner, cred_circle, cred_dm, cred_livestream;
    double funnel_engage, funnel_buy, funnel_price_ref, funnel_price_weight, funnel_proof;
    double funnel_show, funnel_warn, funnel_repurchase, funnel_repeat_reach, funnel_expect_noise;
    int64_t funnel_note_days;
    double trust_initial, trust_spread, trust_weight, trust_gain, trust_loss;
    double trust_spam_loss, trust_ad_loss, trust_recover;
    int groups_enabled;
    double groups_per_1000, groups_browse, groups_accept, groups_message_rate;
    double groups_leave, groups_min_messages, groups_create, groups_guidance, groups_owner_factor;
    int64_t groups_capacity, groups_quiet_days;
    int circles_enabled, circles_invite_only, circles_long_text;
    int64_t circles_launch_day, circles_first_batch, circles_batch, circles_review_every;
    int64_t circles_senior_days, circles_quiet_days;
    double circles_approval, circles_apply, circles_verified_share, circles_min_habit;
    double circles_invite, circles_accept, circles_browse, circles_post_rate, circles_min_posts;
    int64_t market_merchants, market_store_review;
    double market_price_median, market_price_spread, market_quality_mean, market_quality_spread;
    double market_cycle_days, market_margin, market_store_fee, market_offsite_fee;
    double market_store_incentive, market_store_cost, market_store_cost_spread;
    double market_onsite_base, market_onsite_trust, market_offsite_discount, market_gap_weight;
    double market_ad_cpm, market_commission;
    double brand_price, brand_quality, brand_discount, brand_commission;
    int brand_strategy;      /* enum cs_brand_strategy */
    int64_t brand_tag_rank, brand_phase2_day, brand_phase3_day;
    int64_t brand_koc_seeds, brand_seed_day;
    int brand_seed_by;       /* enum cs_seed_by */
    cs_int_list brand_seed_list;
    double brand_kol_posts, brand_dm_per_day, brand_ad_budget;
    cs_int_list brand_livestream_days;
    double brand_livestream_reach;
    int64_t brand_groups;
    double brand_guidance, brand_show_incentive;
    double brand_coupon;       /* yuan off, 0: none */
    int brand_coupon_channel;  /* enum cs_channel */
    int64_t brand_coupon_days;
    double brand_koc_cost, brand_kol_cost, brand_dm_cost, brand_livestream_cost, brand_group_cost;
    int commerce_group_buy, commerce_membership, commerce_link_sharing;
    int64_t commerce_group_size, commerce_group_window;
    double commerce_group_discount, commerce_membership_fee, commerce_membership_discount;
    double commerce_membership_join, commerce_membership_loyalty, commerce_link_rate;
    cs_int_list calendar_festivals;
    double calendar_boost;
    int64_t calendar_window;
    double targets_repurchase_ratio_group, targets_opens_ratio_group;
    double targets_merchant_store_share, targets_minutes_per_dau;
    double targets_facts_weight;
    cs_target_point *target_points; /* targets.points, in the order given */
    size_t n_target_points;

    cs_intervention *interventions; /* sorted by day, then table order */
    size_t n_interventions;

    /* experiment: what `circlesim sweep` runs when given no --vary (a run
     * ignores it). Each vary entry is "KEY=VALUES" as --vary takes it. */
    char *experiment_design;        /* factorial, lhs:N, morris:R or variants; NULL: not given */
    int64_t experiment_replicates;  /* 0: not given */
    char **experiment_vary;
    size_t n_experiment_vary;
    cs_variant *experiment_variants; /* design variants: the list, in the order given */
    size_t n_experiment_variants;

    /* Provenance, not parameters. */
    char *source;            /* the scenario file as named by the user */
    char *base_dir;          /* folder relative paths resolve against */
    char network_file_hash[72]; /* "sha256:<hex>" of network.file's content, once validated */
    char network_nodes_hash[72]; /* the same for network.nodes */
    cs_origin origin[CS_MAX_PARAMS];
    unsigned char bad[CS_MAX_PARAMS]; /* a given value was rejected (and reported) */
    int unreadable;          /* the file could not be read or parsed: nothing to validate */
    int resolved;            /* the file is a resolved scenario.yaml (every key written) */
} cs_scenario;

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

/* "sha256:<64 hex>" of the resolved scenario (for_hash form). */
int cs_scenario_hash(const cs_scenario *sc, char out[72]);

/* The seed of what is fixed before day 1 (network, users' attributes,
 * the platform's starting state): world_seed, or the run's seed when -1. */
int64_t cs_world_seed(const cs_scenario *sc);

/* A lever's value in sc (booleans as 0 or 1); NaN when param is not a lever. */
double cs_scenario_lever(const cs_scenario *sc, int param);
/* Set every intervention due on `day` in sc (a running copy). */
void cs_scenario_apply_interventions(cs_scenario *sc, int64_t day);

/* Report a problem at the position a key's value came from. */
void cs_scenario_key_error(const cs_scenario *sc, cs_diag *diag, int param, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* `circlesim params`: the table as text, markdown or JSON; model < 0 for all. */
int cs_params_print(FILE *out, const char *format, int model);

/* Whether a price in yuan is a whole number of fen, the unit money is kept
 * in (so nothing is rounded silently). */
int cs_whole_fen(double yuan);

#endif
