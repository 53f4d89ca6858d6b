/* SPDX-License-Identifier: MIT */
/* levers.c - each lever's expected direction (levers.h). */
#include "analysis/levers.h"

#include <stdio.h>
#include <string.h>

#include "engine/run_struct.h"
#include "scenario/scenario.h"
#include "scenario/scenario_struct.h"

static const char *const base_yaml[] = {
    /* small, so 38 levers x 2 values x 3 seeds stay quick under sanitizers;
     * circle batches are quoted per 100 000 people: 5 and 3 circles here */
    ("model: platform\ndays: 90\nwarmup_days: 30\n"
     "population: {size: 3000, tags: 150}\nmarket: {merchants: 30}\n"
     "circles: {launch_day: 10, first_batch: 170, batch: 100, review_every: 15}\n"
     "brand: {tag_rank: 1}\n"),
    "model: bass\ndays: 30\npopulation: {size: 2000}\nnetwork: {kind: complete}\n",
    ("model: cascade\ndays: 20\npopulation: {size: 2000}\n"
     "network: {kind: barabasi_albert, m: 3}\ncascade: {seeds: [0, 1, 2]}\n"),
};

enum {
    M_BUYERS, M_GMV, M_USERS, M_MINUTES, M_TRUST, M_GROUP_MEMBERS, M_DAU, M_GMV_GROUP,
    M_CIRCLE_MEMBERS, M_CIRCLES, M_STORES, M_BRAND_ORDERS, M_BRAND_KOC, M_BRAND_KOL,
    M_BRAND_DM, M_BRAND_FEED, M_BRAND_LIVESTREAM, M_BRAND_GROUP, M_NOTES, M_ORDERS,
    M_REPURCHASES, M_SPAM, M_REPLACED,
};

static const char *const metric_names[CS_LEVER_METRICS] = {
    "buyers (last day)", "GMV, both places", "users (last day)", "minutes per DAU",
    "mean trust (last day)", "group members (last day)", "DAU", "GMV through groups",
    "circle members (last day)", "open circles (last day)", "merchants with a store",
    "brand's orders", "brand's GMV through KOCs", "brand's GMV through KOLs",
    "brand's GMV through DMs", "brand's GMV through the feed", "brand's GMV through livestreams",
    "brand's GMV through groups", "notes", "orders", "repurchases", "spam share",
    "merchants replaced",
};



const cs_lever_direction cs_lever_directions[] = {
    {"price", "50", "200", {NULL}, CS_LEVER_BASS, M_GMV, +1},
    {"bass.p", "0.001", "0.05", {NULL}, CS_LEVER_BASS, M_BUYERS, +1},
    {"bass.q", "0.05", "0.5", {NULL}, CS_LEVER_BASS, M_BUYERS, +1},
    {"cascade.p", "0.05", "0.4", {NULL}, CS_LEVER_CASCADE, M_BUYERS, +1},
    {"users.acquisition", "0", "0.01", {NULL}, CS_LEVER_PLATFORM, M_USERS, +1},
    {"content.long", "0", "0.5", {NULL}, CS_LEVER_PLATFORM, M_MINUTES, +1},
    {"feed.ad_load", "0.02", "0.4", {NULL}, CS_LEVER_PLATFORM, M_TRUST, -1},
    {"groups.enabled", "false", "true", {NULL}, CS_LEVER_PLATFORM, M_GROUP_MEMBERS, +1},
    {"groups.browse", "0.001", "0.03", {NULL}, CS_LEVER_PLATFORM, M_GROUP_MEMBERS, +1},
    {"groups.message_rate", "0.2", "4", {NULL}, CS_LEVER_PLATFORM, M_DAU, +1},
    {"groups.guidance", "0", "1", {NULL}, CS_LEVER_PLATFORM, M_GMV_GROUP, +1},
    {"circles.launch_day", "5", "60", {NULL}, CS_LEVER_PLATFORM, M_CIRCLE_MEMBERS, -1},
    {"circles.invite_only", "false", "true", {"circles.browse=0.05", NULL}, CS_LEVER_PLATFORM,
     M_CIRCLE_MEMBERS, -1},
    /* Circles that may carry long text get more posts, so more reasons for
     * their members to open the app. */
    {"circles.long_text", "false", "true", {"content.long=0.8", "circles.first_batch=1000",
                                            "circles.batch=1000", "circles.approval=1",
                                            "circles.min_habit=0", "circles.senior_days=0",
                                            "circles.post_rate=3", NULL},
     CS_LEVER_PLATFORM, M_DAU, +1},
    {"circles.batch", "30", "600", {NULL}, CS_LEVER_PLATFORM, M_CIRCLES, +1},
    /* Searchable circles fill up; invitations alone do not reach a few
     * members in this small world. */
    {"circles.capacity", "3", "400", {"circles.invite_only=false", "circles.browse=0.05", NULL},
     CS_LEVER_PLATFORM, M_CIRCLE_MEMBERS, +1},
    {"circles.leave", "0", "0.05", {NULL}, CS_LEVER_PLATFORM, M_CIRCLE_MEMBERS, -1},
    {"circles.approval", "0.1", "1", {NULL}, CS_LEVER_PLATFORM, M_CIRCLES, +1},
    {"circles.min_habit", "0", "4", {NULL}, CS_LEVER_PLATFORM, M_CIRCLES, -1},
    {"circles.senior_days", "0", "200", {NULL}, CS_LEVER_PLATFORM, M_CIRCLES, -1},
    {"market.store_fee", "0", "0.3", {NULL}, CS_LEVER_PLATFORM, M_STORES, -1},
    {"market.store_incentive", "0", "2", {NULL}, CS_LEVER_PLATFORM, M_STORES, +1},
    /* 30 merchants in 3 000 people sell more each than 400 in 100 000:
     * the cost that makes some leave here is higher, and the grace short
     * enough for three reviews to judge them. */
    {"market.presence_cost", "0", "20000", {"market.grace_days=30", NULL}, CS_LEVER_PLATFORM,
     M_REPLACED, +1},
    /* A grace longer than the run keeps everyone. */
    {"market.grace_days", "30", "200", {"market.presence_cost=20000", NULL}, CS_LEVER_PLATFORM,
     M_REPLACED, -1},
    {"brand.price", "50", "600", {NULL}, CS_LEVER_PLATFORM, M_BRAND_ORDERS, -1},
    {"brand.quality", "0.2", "0.95", {NULL}, CS_LEVER_PLATFORM, M_BRAND_ORDERS, +1},
    {"brand.discount", "0", "0.5", {NULL}, CS_LEVER_PLATFORM, M_BRAND_ORDERS, +1},
    {"brand.commission", "0", "0.5", {NULL}, CS_LEVER_PLATFORM, M_BRAND_KOC, +1},
    /* Keeping the DMs on a small core (a rarer tag) longer wastes them on
     * users who have bought already. (With the most popular tag the
     * difference is within the noise of these runs, either way.) */
    {"brand.phase2_day", "5", "70", {"brand.strategy=inverted", "brand.phase3_day=80",
                                     "brand.dm_per_day=100", "brand.tag_rank=30", NULL},
     CS_LEVER_PLATFORM, M_BRAND_DM, -1},
    /* Widening later keeps DMs on people with the brand's tag, who convert;
     * everyone else ignores them (and counts them as spam). */
    {"brand.phase3_day", "10", "80", {"brand.strategy=inverted", "brand.phase2_day=5",
                                      "brand.dm_per_day=100", NULL},
     CS_LEVER_PLATFORM, M_BRAND_DM, +1},
    {"brand.koc_seeds", "0", "60", {NULL}, CS_LEVER_PLATFORM, M_BRAND_KOC, +1},
    /* 60 KOCs cost 18 000 yuan: a budget of 3 000 buys 10 of them. */
    {"brand.budget", "3000", "30000", {"brand.koc_seeds=60", NULL}, CS_LEVER_PLATFORM, M_BRAND_KOC,
     +1},
    /* Seeding late leaves the word of mouth less time before the run ends
     * (a long warm-up, so the community is settled either way). */
    {"brand.seed_day", "1", "85", {"brand.koc_seeds=60", "warmup_days=120", NULL}, CS_LEVER_PLATFORM,
     M_BRAND_ORDERS, -1},
    {"brand.kol_posts", "0", "20", {NULL}, CS_LEVER_PLATFORM, M_BRAND_KOL, +1},
    {"brand.dm_per_day", "0", "200", {NULL}, CS_LEVER_PLATFORM, M_BRAND_DM, +1},
    {"brand.ad_budget", "0", "2000", {NULL}, CS_LEVER_PLATFORM, M_BRAND_FEED, +1},
    {"brand.livestream_reach", "0", "1", {"brand.livestream_days=[5, 20, 40, 60]", NULL},
     CS_LEVER_PLATFORM, M_BRAND_LIVESTREAM, +1},
    {"brand.guidance", "0", "1", {"brand.groups=4", NULL}, CS_LEVER_PLATFORM, M_BRAND_GROUP, +1},
    {"brand.show_incentive", "0", "0.7", {NULL}, CS_LEVER_PLATFORM, M_NOTES, +1},
    /* A code handed out with each DM lowers the price the holder weighs. */
    {"brand.coupon", "0", "80", {"brand.dm_per_day=200", NULL}, CS_LEVER_PLATFORM, M_BRAND_ORDERS, +1},
    /* A longer window lets a code reach a later touch; small (2% here), as a
     * user decides on the touch that brings the code. */
    {"brand.coupon_days", "1", "60", {"brand.coupon=150", "brand.ad_budget=2000",
                                      "brand.coupon_channel=feed", NULL},
     CS_LEVER_PLATFORM, M_BRAND_ORDERS, +1},
    {"commerce.group_buy", "false", "true", {NULL}, CS_LEVER_PLATFORM, M_ORDERS, +1},
    {"commerce.group_discount", "0", "0.6", {"commerce.group_buy=true", NULL}, CS_LEVER_PLATFORM,
     M_ORDERS, +1},
    {"commerce.membership", "false", "true", {NULL}, CS_LEVER_PLATFORM, M_REPURCHASES, +1},
    {"commerce.link_sharing", "false", "true", {NULL}, CS_LEVER_PLATFORM, M_SPAM, +1},
};
const size_t cs_lever_direction_count = sizeof cs_lever_directions / sizeof cs_lever_directions[0];

const char *cs_lever_metric_name(int metric)
{
    return metric >= 0 && metric < CS_LEVER_METRICS ? metric_names[metric] : "?";
}

int cs_lever_scenario(const cs_lever_direction *l, const char *value, int64_t seed,
                      cs_scenario *sc, cs_diag *d)
{
    int rc = cs_scenario_init(sc);
    if (rc)
        return rc;
    const char *yaml = base_yaml[l->base];
    rc = cs_scenario_load_text(sc, "lever.yaml", yaml, strlen(yaml), ".", d);
    char buf[128];
    for (const char *const *c = l->context; !rc && *c; c++)
        rc = cs_scenario_set(sc, *c, d);
    snprintf(buf, sizeof buf, "%s=%s", l->lever, value);
    if (!rc)
        rc = cs_scenario_set(sc, buf, d);
    snprintf(buf, sizeof buf, "seed=%lld", (long long)seed);
    if (!rc)
        rc = cs_scenario_set(sc, buf, d);
    if (!rc)
        rc = cs_scenario_validate(sc, d);
    return rc == CS_ERR_NOMEM ? CS_ERR_NOMEM : rc ? CS_ERR_INPUT : 0;
}

double cs_lever_measure(const cs_run *r, int m)
{
    const cs_day_row *last = &r->rows[r->day - 1];
    cs_facts f;
    int facts = cs_run_facts(r, &f) == 0;
    double sum = 0;
    switch (m) {
    case M_BUYERS: return (double)last->buyers;
    case M_USERS: return (double)last->users;
    case M_TRUST: return last->mean_trust;
    case M_GROUP_MEMBERS: return (double)last->group_members;
    case M_CIRCLE_MEMBERS: return (double)last->circle_members;
    case M_CIRCLES: return (double)last->circles;
    case M_STORES: return facts ? (double)f.merchants_with_store : 0;
    case M_BRAND_ORDERS: return facts ? (double)f.brand_orders : 0;
    case M_BRAND_KOC: return facts ? (double)f.brand_gmv_fen[CS_CH_KOC] : 0;
    case M_BRAND_KOL: return facts ? (double)f.brand_gmv_fen[CS_CH_KOL] : 0;
    case M_BRAND_DM: return facts ? (double)f.brand_gmv_fen[CS_CH_DM] : 0;
    case M_BRAND_FEED: return facts ? (double)f.brand_gmv_fen[CS_CH_FEED] : 0;
    case M_BRAND_LIVESTREAM: return facts ? (double)f.brand_gmv_fen[CS_CH_LIVESTREAM] : 0;
    case M_BRAND_GROUP: return facts ? (double)f.brand_gmv_fen[CS_CH_GROUP] : 0;
    case M_REPLACED: return facts ? (double)f.merchants_replaced : 0;
    default: break;
    }
    for (int64_t t = 0; t < r->day; t++) {
        const cs_day_row *w = &r->rows[t];
        switch (m) {
        case M_GMV: sum += (double)(w->gmv_fen + w->gmv_offsite_fen); break;
        case M_MINUTES: sum += w->minutes_per_dau / (double)r->day; break;
        case M_DAU: sum += (double)w->dau; break;
        case M_GMV_GROUP: sum += (double)w->gmv_channel_fen[CS_CH_GROUP]; break;
        case M_NOTES: sum += (double)w->notes; break;
        case M_ORDERS: sum += (double)w->orders; break;
        case M_REPURCHASES: sum += (double)w->repurchases; break;
        case M_SPAM: sum += w->spam_share / (double)r->day; break;
        default: break;
        }
    }
    return sum;
}

