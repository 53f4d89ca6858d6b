/* scenario_struct.h (internal) - the fields of a scenario, for the library's
 * own files. The programs in apps/ do not include it: they hold a scenario
 * by pointer and ask through scenario/scenario.h (tests/layers.sh checks).
 * Adding a parameter is one row in params.c plus its field here.
 */
#ifndef CIRCLESIM_SCENARIO_STRUCT_H
#define CIRCLESIM_SCENARIO_STRUCT_H

#include "scenario/scenario.h"

/* Where a key's value came from, for error positions. */
typedef struct cs_origin {
    enum { CS_FROM_DEFAULT, CS_FROM_FILE, CS_FROM_SET } from; /* in this order: a conflict is blamed on the later */
    int line, col;
} cs_origin;

#define CS_MAX_PARAMS 256

struct cs_scenario {
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
};

#endif
