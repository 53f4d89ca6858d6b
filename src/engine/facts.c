/* SPDX-License-Identifier: MIT */
/* facts.c - a platform run's facts by name: the brand's money and buyers,
 * the other merchants', the stylized facts and the community, in the order
 * runs.csv, compare.csv and the run API list them (the brand first: it is
 * what a strategist asks about). */
#include <math.h>
#include <stddef.h>

#include "engine/engine.h"

#define YUAN(fen) ((double)(fen) / 100.0)

static int64_t sum(const int64_t v[CS_CH_COUNT])
{
    int64_t s = 0;
    for (int c = 0; c < CS_CH_COUNT; c++)
        s += v[c];
    return s;
}

static double ratio(double a, double b)
{
    return b > 0 ? a / b : NAN;
}

/* Per channel, in the order of enum cs_channel. */
_Static_assert(CS_CH_COUNT == 7, "one name per channel below");
static const char *const gmv_names[] = {"brand_gmv_feed",   "brand_gmv_kol",    "brand_gmv_koc",
                                        "brand_gmv_group",  "brand_gmv_circle", "brand_gmv_livestream",
                                        "brand_gmv_dm"};
static const char *const spend_names[] = {
    "brand_spend_feed",   "brand_spend_kol",        "brand_spend_koc", "brand_spend_group",
    "brand_spend_circle", "brand_spend_livestream", "brand_spend_dm"};
static const char *const roi_names[] = {"brand_roi_feed",   "brand_roi_kol",    "brand_roi_koc",
                                        "brand_roi_group",  "brand_roi_circle", "brand_roi_livestream",
                                        "brand_roi_dm"};
static const char *const roas_names[] = {
    "brand_roas_feed",   "brand_roas_kol",        "brand_roas_koc", "brand_roas_group",
    "brand_roas_circle", "brand_roas_livestream", "brand_roas_dm"};

/* The first cap names into names[] and values from f (NULL: names only)
 * into values[]; returns how many facts there are. */
static size_t list(const cs_facts *f, const char **names, double *values, size_t cap)
{
    size_t n = 0;
#define PUT(name, value)                                                                           \
    do {                                                                                           \
        if (names && n < cap)                                                                      \
            names[n] = (name);                                                                     \
        if (values && f && n < cap)                                                                \
            values[n] = (value);                                                                   \
        n++;                                                                                       \
    } while (0)
    static const cs_facts none;
    if (!f)
        f = &none;
    const double gmv = YUAN(sum(f->brand_gmv_fen)), spend = YUAN(sum(f->brand_spend_fen));
    /* ROI on the margin the sales leave: (margin x GMV - spend) / spend, so
     * 0 is break-even and a ROAS of 1 / margin is where it lies. */
    const double m = f->brand_margin;
    PUT("brand_gmv", gmv);
    PUT("brand_gmv_onsite", YUAN(f->brand_gmv_onsite_fen));
    PUT("brand_gmv_offsite", gmv - YUAN(f->brand_gmv_onsite_fen));
    PUT("brand_spend", spend);
    PUT("brand_profit", m * gmv - spend);
    PUT("brand_roi", ratio(m * gmv - spend, spend));
    PUT("brand_roas", ratio(gmv, spend));
    PUT("brand_orders", (double)f->brand_orders);
    PUT("brand_buyers", (double)f->brand_buyers);
    PUT("brand_repeat_buyers", (double)f->brand_repeat_buyers);
    /* The day brand.budget first cut an action (empty: never). */
    PUT("brand_budget_day", f->brand_budget_day > 0 ? (double)f->brand_budget_day : NAN);
    for (int c = 0; c < CS_CH_COUNT; c++)
        PUT(gmv_names[c], YUAN(f->brand_gmv_fen[c]));
    for (int c = 0; c < CS_CH_COUNT; c++)
        PUT(spend_names[c], YUAN(f->brand_spend_fen[c]));
    for (int c = 0; c < CS_CH_COUNT; c++)
        PUT(roi_names[c], ratio(m * YUAN(f->brand_gmv_fen[c]) - YUAN(f->brand_spend_fen[c]),
                                YUAN(f->brand_spend_fen[c])));
    for (int c = 0; c < CS_CH_COUNT; c++)
        PUT(roas_names[c], ratio(YUAN(f->brand_gmv_fen[c]), YUAN(f->brand_spend_fen[c])));
    PUT("other_gmv", YUAN(sum(f->other_gmv_fen)));
    PUT("other_spend", YUAN(f->other_spend_fen));
    PUT("repurchase_ratio_group", f->repurchase_ratio_group);
    PUT("opens_ratio_group", f->opens_ratio_group);
    PUT("merchant_store_share", f->merchant_store_share);
    PUT("closed_loop_share", f->closed_loop_share);
    PUT("minutes_per_dau", f->minutes_per_dau);
    PUT("gmv_per_mau_year", f->gmv_per_mau_year);
    PUT("repurchase_rate", f->repurchase_rate);
    PUT("repurchase_rate_group", f->repurchase_rate_group);
    PUT("gmv_tier_first", YUAN(f->gmv_tier_fen[0]));
    PUT("gmv_tier_new_first_second", YUAN(f->gmv_tier_fen[1]));
    PUT("gmv_tier_third_fourth", YUAN(f->gmv_tier_fen[2]));
    PUT("gmv_tier_county", YUAN(f->gmv_tier_fen[3]));
    PUT("merchants_active", (double)f->merchants_active);
    PUT("merchants_with_store", (double)f->merchants_with_store);
    PUT("merchants_replaced", (double)f->merchants_replaced);
    PUT("groups_active", (double)f->groups_alive);
    PUT("groups_closed", (double)f->groups_dead);
    PUT("circles_active", (double)f->circles_open);
    PUT("circles_closed", (double)f->circles_closed);
    PUT("notes", (double)f->notes);
    PUT("spam_share", f->spam_share);
    PUT("mean_trust", f->mean_trust);
    PUT("membership_fees", YUAN(f->membership_fen));
#undef PUT
    return n;
}

size_t cs_facts_count(void)
{
    return list(NULL, NULL, NULL, 0);
}

const char *cs_facts_name(size_t i)
{
    const char *names[CS_FACTS_MAX];
    size_t n = list(NULL, names, NULL, CS_FACTS_MAX);
    return i < n && i < CS_FACTS_MAX ? names[i] : NULL;
}

size_t cs_facts_values(const cs_facts *f, double *values, size_t cap)
{
    return list(f, NULL, values, cap);
}
