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
#define PF(key, type, def, min, max, unit, doc, field, lever) \
    {key, type, def, min, max, NULL, unit, doc, CS_M_PLATFORM, F(field), lever}

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
     "base seed of every random stream of the run (world_seed may fix the world apart)", CS_M_ALL, F(seed), 0},
    {"world_seed", CS_T_INT, "-1", -1, MAX_SEED, NULL, "",
     "seed of what is fixed before day 1: the network and every user's attributes, roles and "
     "starting state (and the platform's products); -1: the run's seed. Fixing it keeps the "
     "same people while replicates vary what they do (optimize does)",
     CS_M_ALL, F(world_seed), 0},
    {"days", CS_T_INT, "100", 1, 36500, NULL, "days",
     "days simulated and reported", CS_M_ALL, F(days), 0},
    {"model", CS_T_ENUM, "platform", NOMIN, NOMAX, "bass|cascade|platform", "",
     "which model runs: platform (the social-commerce model), or the textbook bass (Bass "
     "diffusion) or cascade (independent cascade)",
     CS_M_ALL, F(model), 0},
    {"price", CS_T_FLOAT, "100", 0, 10000000, NULL, "yuan",
     "value of one order; every adoption is one order (kept in whole fen)", CS_M_TEXTBOOK, F(price),
     CS_P_LEVER | CS_P_WHOLE_FEN},

    {"population.size", CS_T_INT, "10000", 1, MAX_USERS, NULL, "users",
     "registered users; with network.kind edgelist it may be omitted (largest id + 1), "
     "with sbm it is the sum of network.blocks",
     CS_M_ALL, F(population_size), 0},

    /* City tiers. SOURCES.md's 2018 population: 1.39 billion, first-tier
     * cities under 100 million, with new first-tier under 300 million; the
     * rest (second-tier cities among them) across about 300 cities and the
     * counties, towns and villages. The first two shares take those bounds;
     * second-tier cities, the split of the rest, and national shares
     * standing for the platform's users are assumptions to calibrate. */
    {"population.tier_first", CS_T_FLOAT, "0.072", 0, 1, NULL, "share",
     "share of users in first-tier cities (SOURCES.md: under 100 of 1 390 million)", CS_M_ALL,
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
     "share of users born after 1995 (SOURCES.md: 85%)", CS_M_ALL, F(population_post95_share), 0},
    {"population.tags", CS_T_INT, "2500", 1, 65535, NULL, "tags",
     "interest tags (SOURCES.md: over 2 500 on the group-chat square)", CS_M_ALL,
     F(population_tags), 0},
    {"population.interests", CS_T_INT, "5", 1, 16, NULL, "tags per user",
     "distinct interest tags each user has (at most population.tags / 2)", CS_M_ALL,
     F(population_interests), 0},
    {"population.tag_zipf", CS_T_FLOAT, "1", 0, 5, NULL, "exponent",
     "popularity of the j-th most popular tag is proportional to j^-tag_zipf", CS_M_ALL,
     F(population_tag_zipf), 0},

    {"network.kind", CS_T_ENUM, "homophily", NOMIN, NOMAX,
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

    {"network.nodes", CS_T_PATH, "\"\"", NOMIN, NOMAX, NULL, "path",
     "edgelist, platform model: CSV of per-user attributes (columns user, tier, post95, "
     "interests, sociability; see docs/SCENARIOS.md); relative to the scenario's folder",
     CS_M_PLATFORM, F(network_nodes), 0},
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
    {"bass.seeds", CS_T_INT_LIST, "[]", 0, MAX_USERS - 1, NULL, "user ids",
     "users who have bought at day 0, counted as buyers and as day 1's orders (0-based "
     "indices; optimize chooses them)", CS_M_BASS, F(bass_seeds), CS_P_SEEDS},

    {"cascade.seeds", CS_T_INT_LIST, "[0]", 0, MAX_USERS - 1, NULL, "user ids",
     "users active at day 0 (0-based indices)", CS_M_CASCADE, F(cascade_seeds),
     CS_P_SEEDS | CS_P_SEEDS_REQUIRED},
    {"cascade.p", CS_T_FLOAT, "0.1", 0, 1, NULL, "probability",
     "chance a newly active user activates each inactive neighbour, once", CS_M_CASCADE,
     F(cascade_p), 1},

    /* ---- model: platform ------------------------------------------------
     * Sources in brackets: [D] is a figure or mechanism of docs/SOURCES.md;
     * [A] an assumption, calibrated against SOURCES.md's four platform facts
     * where it bears on them (docs/MODEL.md, "Calibration"). */
    PF("warmup_days", CS_T_INT, "60", 0, 365, "days",
       "days run before day 1 and reported nowhere, so communities settle [A]", warmup_days, 0),

    PF("users.initial_share", CS_T_FLOAT, "0.7", 0, 1, "share",
       "share of the population registered at day 0; the rest can join later [A]",
       users_initial_share, 0),
    PF("users.acquisition", CS_T_FLOAT, "0.001", 0, 1, "probability per day",
       "chance an unregistered person joins on a day through the platform's own acquisition [A]",
       users_acquisition, 1),
    PF("users.invite", CS_T_FLOAT, "0.01", 0, 1, "probability per day",
       "chance a user who opened the app invites one unregistered friend [A]", users_invite, 0),
    PF("users.invite_accept", CS_T_FLOAT, "0.3", 0, 1, "probability",
       "chance an invited friend joins [A]", users_invite_accept, 0),
    PF("users.open_base", CS_T_FLOAT, "0.25", 0, 100, "sessions per day",
       "median own rate of opening the app, before habit and notifications [A]", users_open_base, 0),
    PF("users.open_spread", CS_T_FLOAT, "0.8", 0, 3, "log-sd",
       "spread of users' own opening rates (lognormal) [A]", users_open_spread, 0),
    PF("users.habit_gain", CS_T_FLOAT, "0.1", 0, 10, "per session",
       "habit gained per session (capped at three a day) [A]", users_habit_gain, 0),
    PF("users.habit_decay", CS_T_FLOAT, "0.1", 0, 1, "per day",
       "share of habit lost every day [A]", users_habit_decay, 0),
    PF("users.habit_weight", CS_T_FLOAT, "0.4", 0, 100, "sessions per day per unit",
       "opening rate added per unit of habit [A]", users_habit_weight, 0),
    PF("users.notify_weight", CS_T_FLOAT, "0.155", 0, 100, "sessions per day",
       "opening rate added per unit of log(1 + chat messages waiting): why group members open "
       "more [D: members open 3x]", users_notify_weight, 0),
    PF("users.churn", CS_T_FLOAT, "0.001", 0, 1, "probability per day",
       "chance a registered user without habit who did not open today leaves [A]", users_churn, 0),
    PF("users.churn_trust", CS_T_FLOAT, "4", 0, 100, "factor",
       "churn multiplied by 1 + churn_trust x (trust lost below the user's disposition) [D: "
       "spam erodes attention]", users_churn_trust, 0),
    PF("users.price_sensitivity", CS_T_FLOAT, "0.3", 0, 1, "sensitivity",
       "mean price sensitivity of first-tier users (0 to 1; each user +-0.2) [A]",
       users_price_sensitivity, 0),
    PF("users.loyalty", CS_T_FLOAT, "0.7", 0, 1, "loyalty",
       "mean loyalty of first-tier users (0 to 1; each user +-0.2), to every merchant alike: a "
       "due buyer's chance to buy again is funnel.repurchase x loyalty [A]", users_loyalty, 0),
    PF("users.tier_step", CS_T_FLOAT, "0.13", 0, 0.3, "per tier",
       "each tier further from the first adds this to mean price sensitivity and takes it from "
       "mean loyalty [D: lower tiers want value for money, have lower brand loyalty]",
       users_tier_step, 0),
    PF("users.koc_share", CS_T_FLOAT, "0.05", 0, 1, "share",
       "share of users who are KOCs: the most sociable, whose notes friends trust most [D]",
       users_koc_share, 0),
    PF("users.kols", CS_T_INT, "20", 0, 65534, "users",
       "KOLs: creators with wide reach whom others follow [D]", users_kols, 0),
    PF("users.follows", CS_T_INT, "3", 0, 8, "KOLs per user",
       "KOLs each user follows, chosen by shared interest [A]", users_follows, 0),

    PF("attention.notes", CS_T_FLOAT, "60", 0, 1000, "notes per session",
       "median notes seen in one session [A; sets minutes per DAU with the seconds below]",
       attention_notes, 0),
    PF("attention.spread", CS_T_FLOAT, "0.5", 0, 3, "log-sd",
       "spread of users' appetite for notes (lognormal) [A]", attention_spread, 0),
    PF("attention.max_sessions", CS_T_INT, "12", 1, 100, "sessions per day",
       "most sessions a user opens in a day [A]", attention_max_sessions, 0),
    PF("attention.limit", CS_T_FLOAT, "240", 1, 1440, "minutes per day",
       "daily attention limit: time in the app stops here [A]", attention_limit, 0),
    PF("attention.image_seconds", CS_T_FLOAT, "8", 0, 3600, "seconds",
       "time on an image-text note before its images [A]", attention_image_seconds, 0),
    PF("attention.per_image_seconds", CS_T_FLOAT, "3", 0, 3600, "seconds",
       "time per image of an image-text note [A]", attention_per_image_seconds, 0),
    PF("attention.images", CS_T_FLOAT, "4.5", 0, 18, "images per note",
       "images in an image-text note [D: 4.5 per note]", attention_images, 0),
    PF("attention.video_seconds", CS_T_FLOAT, "30", 0, 3600, "seconds",
       "time on a short-video note [A]", attention_video_seconds, 0),
    PF("attention.voice_seconds", CS_T_FLOAT, "25", 0, 3600, "seconds",
       "time on a voice note [A]", attention_voice_seconds, 0),
    PF("attention.long_seconds", CS_T_FLOAT, "90", 0, 3600, "seconds",
       "time on a long-text note [A]", attention_long_seconds, 0),
    PF("attention.message_seconds", CS_T_FLOAT, "5", 0, 3600, "seconds",
       "time reading one chat message [A]", attention_message_seconds, 0),
    PF("attention.read_cap", CS_T_FLOAT, "80", 0, 100000, "messages per day",
       "most chat messages a member reads in a day [A]", attention_read_cap, 0),

    PF("content.image", CS_T_FLOAT, "0.55", 0, 1, "share",
       "weight of image-text among notes (the four content weights are normalized) [A]", content_image, 0),
    PF("content.video", CS_T_FLOAT, "0.35", 0, 1, "share",
       "weight of short video [A]", content_video, 0),
    PF("content.voice", CS_T_FLOAT, "0.03", 0, 1, "share",
       "weight of voice [A]", content_voice, 0),
    PF("content.long", CS_T_FLOAT, "0.07", 0, 1, "share",
       "weight of long text [A]", content_long, 1),
    PF("content.long_post95", CS_T_FLOAT, "0.3", 0, 1, "factor",
       "pull of a long-text note on a user born after 1995, relative to short notes [D: 85% "
       "born after 1995 prefer short posts]", content_long_post95, 0),

    PF("feed.ad_load", CS_T_FLOAT, "0.08", 0, 0.9, "share",
       "share of feed notes that are paid ads [D: over-commercialization risk]", feed_ad_load, 1),
    PF("feed.ad_tolerance", CS_T_FLOAT, "0.12", 0, 1, "share",
       "ad load users accept; beyond it trust erodes and churn rises [D]", feed_ad_tolerance, 0),
    PF("feed.ad_targeting", CS_T_FLOAT, "0.5", 0, 1, "share",
       "share of ads targeted at a product on one of the user's interest tags [A]",
       feed_ad_targeting, 0),
    PF("feed.friend_share", CS_T_FLOAT, "0.15", 0, 1, "share",
       "share of the other feed notes that come from friends [A]", feed_friend_share, 0),
    PF("feed.product_share", CS_T_FLOAT, "0.2", 0, 1, "share",
       "share of public notes that are about a product [A]", feed_product_share, 0),
    PF("feed.offtopic", CS_T_FLOAT, "0.3", 0, 1, "factor",
       "pull of a product outside the user's interests, relative to one inside [D: interest "
       "match]", feed_offtopic, 0),

    PF("cred.ad", CS_T_FLOAT, "0.01", 0, 1, "probability",
       "pull of one paid ad (Bass p when docking) [D: ads are trusted least]", cred_ad, 0),
    PF("cred.stranger", CS_T_FLOAT, "0.02", 0, 1, "probability",
       "pull of a public note by a stranger [A]", cred_stranger, 0),
    PF("cred.kol", CS_T_FLOAT, "0.05", 0, 1, "probability",
       "pull of a note by a KOL the user follows [D: KOL >> ad]", cred_kol, 0),
    PF("cred.friend", CS_T_FLOAT, "0.1", 0, 1, "probability",
       "pull of a friend's note (Bass q when docking) [D: trust beats reach]", cred_friend, 0),
    PF("cred.koc", CS_T_FLOAT, "0.2", 0, 1, "probability",
       "pull of a note by a friend who is a KOC [D: friend KOC >> KOL]", cred_koc, 0),
    PF("cred.group_peer", CS_T_FLOAT, "0.03", 0, 1, "probability",
       "pull of peers' orders shown and questions answered in a group chat [D]", cred_group_peer, 0),
    PF("cred.group_owner", CS_T_FLOAT, "0.1", 0, 1, "probability",
       "pull of a group owner's product-selection guidance [D: guide choice in the chat]",
       cred_group_owner, 0),
    PF("cred.circle", CS_T_FLOAT, "0.15", 0, 1, "probability",
       "pull of circle members' notes among members who joined by invitation [D]", cred_circle, 0),
    PF("cred.dm", CS_T_FLOAT, "0.05", 0, 1, "probability",
       "pull of a brand's direct message [D: reach the core by DMs]", cred_dm, 0),
    PF("cred.livestream", CS_T_FLOAT, "0.1", 0, 1, "probability",
       "pull of watching a brand's livestream [D: reach the core by livestreams]",
       cred_livestream, 0),

    PF("funnel.engage", CS_T_FLOAT, "0.5", 0, 1, "probability",
       "chance a seeded user who is touched engages (likes, asks, discusses), the day it is "
       "seeded or later [D: interaction]",
       funnel_engage, 0),
    PF("funnel.buy", CS_T_FLOAT, "0.4", 0, 1, "probability",
       "chance an engaged user who is touched buys, before price (seeding, engaging and buying "
       "can happen on one touch) [D: conversion]", funnel_buy, 0),
    PF("funnel.price_ref", CS_T_FLOAT, "150", 0.01, 1e6, "yuan",
       "price at which a fully price-sensitive user's chance to buy falls by 1/e [A]",
       funnel_price_ref, 0),
    PF("funnel.price_weight", CS_T_FLOAT, "0.6", 0, 10, "factor",
       "how strongly price sensitivity acts [D: lower tiers want value for money]",
       funnel_price_weight, 0),
    PF("funnel.proof", CS_T_FLOAT, "2", 0, 100, "factor",
       "pull in a group or circle multiplied by 1 + proof x share of its members who bought "
       "[D: social proof]", funnel_proof, 0),
    PF("funnel.show", CS_T_FLOAT, "0.3", 0, 1, "probability",
       "chance a satisfied buyer shows the order in a note [D: showing the order]", funnel_show, 0),
    PF("funnel.warn", CS_T_FLOAT, "0.5", 0, 1, "probability",
       "chance a dissatisfied buyer posts a warning [D: poor goods harm buyers]", funnel_warn, 0),
    PF("funnel.note_days", CS_T_INT, "14", 1, 100000, "days",
       "days a user's latest note stays in friends' feeds [A]", funnel_note_days, 0),
    PF("funnel.repurchase", CS_T_FLOAT, "0.5", 0, 1, "probability",
       "chance a satisfied buyer whose product is due buys again when touched, x its loyalty [A]",
       funnel_repurchase, 0),
    PF("funnel.repeat_reach", CS_T_FLOAT, "0.2", 0, 1, "factor",
       "pull of ads, strangers, KOLs and the brand's own messages on a buyer who owns the "
       "product, relative to a first purchase; friends, groups and circles pull fully [D: trust "
       "beats reach]", funnel_repeat_reach, 0),
    PF("funnel.expect_noise", CS_T_FLOAT, "0.15", 0, 1, "quality units",
       "spread of a buyer's expectation around the quality promised [A]", funnel_expect_noise, 0),

    PF("trust.initial", CS_T_FLOAT, "0.5", 0, 1, "trust",
       "mean trust disposition of users [A]", trust_initial, 0),
    PF("trust.spread", CS_T_FLOAT, "0.15", 0, 1, "trust",
       "sd of trust dispositions [A]", trust_spread, 0),
    PF("trust.weight", CS_T_FLOAT, "1", 0, 1, "factor",
       "how much trust scales every pull (0: trust off) [D: trust beats reach]", trust_weight, 0),
    PF("trust.gain", CS_T_FLOAT, "0.05", 0, 1, "trust",
       "trust gained from a purchase that met expectation [D]", trust_gain, 0),
    PF("trust.loss", CS_T_FLOAT, "0.15", 0, 1, "trust",
       "trust lost from a purchase that disappointed [D]", trust_loss, 0),
    PF("trust.spam_loss", CS_T_FLOAT, "0.01", 0, 1, "trust",
       "trust lost per spam-like selling message (a link or DM outside the user's interests) "
       "[D: WeChat-merchant pattern]", trust_spam_loss, 0),
    PF("trust.ad_loss", CS_T_FLOAT, "0.05", 0, 10, "trust per session",
       "trust lost per session per unit of ad load beyond feed.ad_tolerance [D]", trust_ad_loss, 0),
    PF("trust.recover", CS_T_FLOAT, "0.005", 0, 1, "per day",
       "share of the gap to the disposition closed every day [A]", trust_recover, 0),

    PF("groups.enabled", CS_T_BOOL, "true", 0, 1, "",
       "interest group chats on the public group-chat square [D]", groups_enabled, 1),
    PF("groups.per_1000", CS_T_FLOAT, "3", 0, 1000, "groups per 1000 users",
       "group chats at day 0 [A]", groups_per_1000, 0),
    PF("groups.capacity", CS_T_INT, "200", 2, 100000, "members",
       "members a group holds [A: scaled from 500]", groups_capacity, 0),
    PF("groups.browse", CS_T_FLOAT, "0.004", 0, 1, "probability per day",
       "chance a user who opened browses the square and applies to a group on an interest "
       "[D]", groups_browse, 1),
    PF("groups.accept", CS_T_FLOAT, "0.8", 0, 1, "probability",
       "chance an application is accepted [A]", groups_accept, 0),
    PF("groups.message_rate", CS_T_FLOAT, "2", 0, 1000, "messages per day",
       "messages a member who opened writes (owners: x groups.owner_factor) [A]",
       groups_message_rate, 1),
    PF("groups.owner_factor", CS_T_FLOAT, "4", 0, 1000, "factor",
       "an owner who opened writes this many times a member's messages [A]",
       groups_owner_factor, 0),
    PF("groups.leave", CS_T_FLOAT, "0.003", 0, 1, "probability per day",
       "chance a member leaves a group [A]", groups_leave, 0),
    PF("groups.min_messages", CS_T_FLOAT, "1", 0, 1e6, "messages per day",
       "a group whose weekly-average messages stay below this goes quiet [D: temporary]",
       groups_min_messages, 0),
    PF("groups.quiet_days", CS_T_INT, "14", 1, 10000, "days",
       "days a quiet group lasts before it dies [A]", groups_quiet_days, 0),
    PF("groups.create", CS_T_FLOAT, "0.02", 0, 1000, "groups per 1000 users per day",
       "new groups founded by active users [A]", groups_create, 0),
    PF("groups.guidance", CS_T_FLOAT, "0.08", 0, 1, "probability per day",
       "chance a group or circle owner who opened yesterday posts product-selection guidance "
       "today [D]", groups_guidance, 1),

    PF("circles.enabled", CS_T_BOOL, "true", 0, 1, "",
       "private interest circles (invitation only) [D]", circles_enabled, 0),
    PF("circles.launch_day", CS_T_INT, "180", -365, 36500, "day",
       "day the platform starts reviewing owner applications [D]", circles_launch_day, 1),
    PF("circles.invite_only", CS_T_BOOL, "true", 0, 1, "",
       "circles are found only by invite code; false makes them searchable on the square [D]",
       circles_invite_only, 1),
    PF("circles.long_text", CS_T_BOOL, "false", 0, 1, "",
       "whether circles allow long text [D: not allowed]", circles_long_text, 1),
    PF("circles.first_batch", CS_T_INT, "20", 0, 100000, "circles",
       "circles approved in the first review [D: 100, scaled to the population]",
       circles_first_batch, 0),
    PF("circles.batch", CS_T_INT, "10", 0, 100000, "circles per review",
       "most circles approved in each later review [A]", circles_batch, 1),
    PF("circles.review_every", CS_T_INT, "30", 1, 3650, "days",
       "days between platform reviews of owner applications [A]", circles_review_every, 0),
    PF("circles.approval", CS_T_FLOAT, "0.5", 0, 1, "probability",
       "chance the review approves an application [D: platform review]", circles_approval, 1),
    PF("circles.apply", CS_T_FLOAT, "0.02", 0, 1, "probability per day",
       "chance an eligible user applies on a day [A]", circles_apply, 0),
    PF("circles.verified_share", CS_T_FLOAT, "0.6", 0, 1, "share",
       "share of users with real-name verification [D: owners must be verified]",
       circles_verified_share, 0),
    PF("circles.min_habit", CS_T_FLOAT, "1", 0, 1000, "habit",
       "activity threshold an owner must meet [D]", circles_min_habit, 1),
    PF("circles.senior_days", CS_T_INT, "60", 0, 36500, "days",
       "days in a group that count as management experience, besides owning one [D]",
       circles_senior_days, 1),
    PF("circles.invite", CS_T_FLOAT, "0.25", 0, 1, "probability per day",
       "chance a member who opened passes the invite code to a friend [D: referral]",
       circles_invite, 0),
    PF("circles.accept", CS_T_FLOAT, "0.6", 0, 1, "probability",
       "chance an invited friend sharing the circle's interest joins (off-topic: x "
       "feed.offtopic) [A]", circles_accept, 0),
    PF("circles.browse", CS_T_FLOAT, "0.01", 0, 1, "probability per day",
       "searchable circles only: chance a user who opened joins one found on an interest [A]",
       circles_browse, 0),
    PF("circles.post_rate", CS_T_FLOAT, "0.4", 0, 100, "notes per day",
       "notes a member who opened posts in the circle [A]", circles_post_rate, 0),
    PF("circles.min_posts", CS_T_FLOAT, "0.2", 0, 1e6, "notes per day",
       "a circle whose weekly-average posts stay below this is failing [D: circles close]",
       circles_min_posts, 0),
    PF("circles.quiet_days", CS_T_INT, "30", 1, 10000, "days",
       "days a failing circle lasts before it closes [A]", circles_quiet_days, 0),

    PF("market.merchants", CS_T_INT, "400", 1, 60000, "merchants",
       "merchants, one product line each; merchant 0 is the scenario's brand [A: scaled]",
       market_merchants, 0),
    PF("market.price_median", CS_T_FLOAT, "120", 0.01, 1e6, "yuan",
       "median price of the other merchants' products (lognormal) [A]", market_price_median, 0),
    PF("market.price_spread", CS_T_FLOAT, "0.7", 0, 3, "log-sd",
       "spread of prices [A]", market_price_spread, 0),
    PF("market.quality_mean", CS_T_FLOAT, "0.6", 0, 1, "quality",
       "mean product quality (0 to 1) [A]", market_quality_mean, 0),
    PF("market.quality_spread", CS_T_FLOAT, "0.15", 0, 1, "quality",
       "sd of product quality [A]", market_quality_spread, 0),
    PF("market.cycle_days", CS_T_FLOAT, "30", 1, 10000, "days",
       "median repurchase cycle (lognormal, log-sd 0.5) [A]", market_cycle_days, 0),
    PF("market.margin", CS_T_FLOAT, "0.35", 0, 1, "share",
       "merchants' gross margin on a sale [A]", market_margin, 0),
    PF("market.store_fee", CS_T_FLOAT, "0.05", 0, 1, "share",
       "platform's fee on sales in a merchant's own store [A]", market_store_fee, 1),
    PF("market.offsite_fee", CS_T_FLOAT, "0.05", 0, 1, "share",
       "fee of the marketplace elsewhere [A]", market_offsite_fee, 0),
    PF("market.store_incentive", CS_T_FLOAT, "0.5", 0, 10, "factor",
       "closed-loop incentive: extra feed traffic for merchants with a store [A; SOURCES.md: closed "
       "loop]",
       market_store_incentive, 1),
    PF("market.store_cost", CS_T_FLOAT, "3100", 0, 1e9, "yuan per month per 100 000 users",
       "median cost of running a store (lognormal), for a population of 100 000; scaled with "
       "population.size, since a scenario's users stand for a fixed share of the platform's and "
       "merchants' sales through it scale with them [A]", market_store_cost, 0),
    PF("market.store_cost_spread", CS_T_FLOAT, "1", 0, 5, "log-sd",
       "spread of store costs across merchants [A]", market_store_cost_spread, 0),
    PF("market.store_review", CS_T_INT, "30", 1, 3650, "days",
       "days between merchants' decisions to open or close their store [A]",
       market_store_review, 0),
    PF("market.onsite_base", CS_T_FLOAT, "0.7", 0, 1, "probability",
       "chance a buyer of a merchant with a store pays in it, at average trust and no price gap "
       "[D: closed loop]", market_onsite_base, 0),
    PF("market.onsite_trust", CS_T_FLOAT, "0.5", 0, 10, "probability per trust",
       "added chance per unit of trust above 0.5 [A]", market_onsite_trust, 0),
    PF("market.offsite_discount", CS_T_FLOAT, "0.05", 0, 1, "share",
       "how much cheaper the same product is elsewhere [A]", market_offsite_discount, 0),
    PF("market.gap_weight", CS_T_FLOAT, "5", 0, 100, "probability per unit gap",
       "chance of paying in the store lost per unit of price gap, for a fully price-sensitive "
       "buyer [D: lower tiers want value for money]", market_gap_weight, 0),
    PF("market.ad_cpm", CS_T_FLOAT, "40", 0, 1e6, "yuan per 1000 impressions",
       "price of feed ads [A]", market_ad_cpm, 0),
    PF("market.commission", CS_T_FLOAT, "0.1", 0, 1, "share",
       "commission other merchants pay sharers of links [D: sharers earn commission]",
       market_commission, 0),

    PF("brand.price", CS_T_FLOAT, "199", 0.01, 1e6, "yuan",
       "price of the brand's product (merchant 0) [A]", brand_price, CS_P_LEVER | CS_P_WHOLE_FEN),
    PF("brand.quality", CS_T_FLOAT, "0.7", 0, 1, "quality",
       "quality of the brand's product [D: poor goods fail]", brand_quality, 1),
    PF("brand.discount", CS_T_FLOAT, "0", 0, 0.9, "share",
       "discount on the brand's product [A]", brand_discount, 1),
    PF("brand.commission", CS_T_FLOAT, "0.1", 0, 1, "share",
       "commission the brand pays sharers of its links [D]", brand_commission, 1),
    {"brand.strategy", CS_T_ENUM, "broadcast", NOMIN, NOMAX, "broadcast|inverted", "",
     "broadcast: every action targets everyone; inverted: the core audience first, then the "
     "high-potential, then everyone [D: the inverted funnel]",
     CS_M_PLATFORM, F(brand_strategy), 0},
    PF("brand.tag_rank", CS_T_INT, "10", 1, 65535, "rank",
       "popularity rank of the brand's interest tag (1 = most popular) [A]", brand_tag_rank, 0),
    PF("brand.phase2_day", CS_T_INT, "30", -365, 36500, "day",
       "inverted: day the brand widens from the core to the high-potential audience [D]",
       brand_phase2_day, 1),
    PF("brand.phase3_day", CS_T_INT, "60", -365, 36500, "day",
       "inverted: day the brand widens to everyone [D]", brand_phase3_day, 1),
    PF("brand.koc_seeds", CS_T_INT, "0", 0, 1000000, "users",
       "KOCs the brand seeds with its product (free, so they show it) [D: KOC seeding]",
       brand_koc_seeds, 1),
    {"brand.seed_by", CS_T_ENUM, "random", NOMIN, NOMAX,
     "random|degree|trust|circle_owners|list", "",
     "how seeded KOCs are chosen (list: brand.seed_list) [D]", CS_M_PLATFORM, F(brand_seed_by), 0},
    {"brand.seed_list", CS_T_INT_LIST, "[]", 0, MAX_USERS - 1, NULL, "user ids",
     "users to seed when brand.seed_by is list (0-based)", CS_M_PLATFORM, F(brand_seed_list), 0},
    PF("brand.seed_day", CS_T_INT, "1", -365, 36500, "day",
       "first day seeding happens [A]", brand_seed_day, 1),
    PF("brand.kol_posts", CS_T_FLOAT, "0", 0, 1000, "posts per week",
       "sponsored posts by KOLs on the brand's tag [D]", brand_kol_posts, 1),
    PF("brand.dm_per_day", CS_T_FLOAT, "0", 0, 1e7, "messages per day",
       "direct messages the brand sends to its target audience [D]", brand_dm_per_day, 1),
    PF("brand.ad_budget", CS_T_FLOAT, "0", 0, 1e9, "yuan per day",
       "the brand's feed ads, bought at market.ad_cpm [A]", brand_ad_budget, 1),
    {"brand.livestream_days", CS_T_INT_LIST, "[]", -365, 36500, NULL, "days",
     "days the brand livestreams [D]", CS_M_PLATFORM, F(brand_livestream_days), 0},
    PF("brand.livestream_reach", CS_T_FLOAT, "0.2", 0, 1, "probability",
       "chance a user of the target audience who opened watches a livestream, x interest match [A]",
       brand_livestream_reach, 1),
    PF("brand.groups", CS_T_INT, "0", 0, 100000, "groups",
       "group chats the brand builds and settles its buyers into [D: settle traffic into "
       "groups]", brand_groups, 0),
    PF("brand.guidance", CS_T_FLOAT, "0.5", 0, 1, "probability per day",
       "chance the brand's group owners post product-selection guidance on a day [D]",
       brand_guidance, 1),
    PF("brand.show_incentive", CS_T_FLOAT, "0", 0, 1, "probability",
       "added chance a satisfied buyer shows the order, for a coupon [A; SOURCES.md: showing the "
       "order]",
       brand_show_incentive, 1),
    PF("brand.coupon", CS_T_FLOAT, "0", 0, 1e6, "yuan",
       "face value of the brand's discount code: yuan off one order of its product, paid by the "
       "brand when the code is redeemed (0: no codes) [A]",
       brand_coupon, CS_P_LEVER | CS_P_WHOLE_FEN),
    {"brand.coupon_channel", CS_T_ENUM, "dm", NOMIN, NOMAX,
     "feed|kol|koc|group|circle|livestream|dm", "",
     "the channel that hands out the code: a user the brand's product reaches through it gets "
     "one [A]",
     CS_M_PLATFORM, F(brand_coupon_channel), 0},
    PF("brand.coupon_days", CS_T_INT, "7", 1, 365, "days",
       "days a code can be redeemed after it is received [A]", brand_coupon_days, 1),
    PF("brand.koc_cost", CS_T_FLOAT, "300", 0, 1e9, "yuan", "cost of seeding one KOC [A]",
       brand_koc_cost, 0),
    PF("brand.kol_cost", CS_T_FLOAT, "20000", 0, 1e9, "yuan per 100 000 users",
       "cost of one sponsored KOL post, for a population of 100 000; scaled with "
       "population.size, as a KOL's audience is [A]",
       brand_kol_cost, 0),
    PF("brand.dm_cost", CS_T_FLOAT, "0.3", 0, 1e9, "yuan", "cost of one direct message [A]",
       brand_dm_cost, 0),
    PF("brand.livestream_cost", CS_T_FLOAT, "30000", 0, 1e9, "yuan per 100 000 users",
       "cost of one livestream, for a population of 100 000; scaled with population.size, as "
       "its audience is [A]", brand_livestream_cost, 0),
    PF("brand.group_cost", CS_T_FLOAT, "300", 0, 1e9, "yuan per month",
       "cost of running one brand group [A]", brand_group_cost, 0),

    PF("commerce.group_buy", CS_T_BOOL, "false", 0, 1, "",
       "social group buying: a discount when enough friends join within a window (a format the "
       "sources do not describe) [A]",
       commerce_group_buy, 1),
    PF("commerce.group_size", CS_T_INT, "3", 2, 100, "buyers",
       "buyers a group buy needs, the initiator included [A]", commerce_group_size, 0),
    PF("commerce.group_window", CS_T_INT, "2", 1, 365, "days",
       "days friends have to join a group buy [A]", commerce_group_window, 0),
    PF("commerce.group_discount", CS_T_FLOAT, "0.15", 0, 0.9, "share",
       "discount of a filled group buy [A]", commerce_group_discount, 1),
    PF("commerce.membership", CS_T_BOOL, "false", 0, 1, "",
       "a paid membership card in platform stores (not in the sources) [A]",
       commerce_membership, 1),
    PF("commerce.membership_fee", CS_T_FLOAT, "88", 0, 1e6, "yuan",
       "price of the card, paid once [A]", commerce_membership_fee, 0),
    PF("commerce.membership_discount", CS_T_FLOAT, "0.05", 0, 0.9, "share",
       "card holders' discount in platform stores [A]", commerce_membership_discount, 0),
    PF("commerce.membership_join", CS_T_FLOAT, "0.05", 0, 1, "probability",
       "chance an on-platform buyer buys the card [A]", commerce_membership_join, 0),
    PF("commerce.membership_loyalty", CS_T_FLOAT, "0.5", 0, 10, "factor",
       "card holders' repurchase chance multiplied by 1 + this [A]",
       commerce_membership_loyalty, 0),
    PF("commerce.link_sharing", CS_T_BOOL, "true", 0, 1, "",
       "link-sharing distribution: anyone sells by link for a commission [D]",
       commerce_link_sharing, 1),
    PF("commerce.link_rate", CS_T_FLOAT, "0.3", 0, 10, "per unit commission",
       "chance a buyer shares a link, per unit of commission rate (x 0.3 if dissatisfied) [A]",
       commerce_link_rate, 0),

    {"calendar.festivals", CS_T_INT_LIST, "[167, 315]", -365, 36500, NULL, "days",
     "shopping festivals (mid-June, 11 November when day 1 is 1 January) [A]", CS_M_PLATFORM,
     F(calendar_festivals), 0},
    PF("calendar.boost", CS_T_FLOAT, "2", 0, 100, "factor",
       "chance to buy multiplied by this around a festival [A]",
       calendar_boost, 0),
    PF("calendar.window", CS_T_INT, "3", 0, 60, "days",
       "days before and after a festival that it lasts [A]", calendar_window, 0),

    PF("targets.repurchase_ratio_group", CS_T_FLOAT, "2.5", 0, 1e6, "ratio",
       "target: group members' repurchase rate / platform's [D: 2.5x]",
       targets_repurchase_ratio_group, 0),
    PF("targets.opens_ratio_group", CS_T_FLOAT, "3", 0, 1e6, "ratio",
       "target: group-chat members' opens per user-day / those of users in no group chat and no "
       "circle [D: 3x]", targets_opens_ratio_group, 0),
    PF("targets.merchant_store_share", CS_T_FLOAT, "0.15", 0, 1, "share",
       "target: share of active merchants with their own store [D: 15%]",
       targets_merchant_store_share, 0),
    PF("targets.minutes_per_dau", CS_T_FLOAT, "58", 0, 1440, "minutes",
       "target: minutes in the app per daily active user [D: 58]", targets_minutes_per_dau, 0),
    PF("targets.facts_weight", CS_T_FLOAT, "1", 0, 1e6, "weight",
       "weight of each of the four facts above in calibrate's loss (0: fit targets.points "
       "alone) [A]", targets_facts_weight, 0),
};

#define NPARAMS (sizeof table / sizeof table[0])
/* The last three slots of seen_line mark interventions:, experiment: and
 * targets.points. */
_Static_assert(NPARAMS < CS_MAX_PARAMS - 3, "raise CS_MAX_PARAMS");

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
            fprintf(out, "], \"lever\": %s}", (p->flags & CS_P_LEVER) ? "true" : "false");
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
        }
        first = 0;
    }
    if (json)
        fputs("\n]}\n", out);
    cs_scenario_free(&defaults);
    return ferror(out) ? CS_ERR_RUNTIME : 0;
}
