/* SPDX-License-Identifier: MIT */
/* feed.c - the public domain: what the algorithmic feed shows a user.
 *
 * A user's notes of the day split into paid ads (feed.ad_load of them),
 * notes from friends (feed.friend_share of the rest) and public notes by
 * strangers, some of them about a product (feed.product_share). The feed
 * allocates public notes by interest match (SOURCES.md: the feed is
 * interest-driven): a product note is on one of the user's own tags, its
 * product drawn in proportion to how much it was shown and warned about
 * yesterday, with extra traffic for merchants that run a store (the
 * closed-loop incentive). A friend's note is its latest shown order, warning
 * or shared link, if fresh; a friend who is a KOC is trusted more.
 */
#include <math.h>

#include "models/platform/platform.h"

static int push(pf_touch *out, size_t *n, size_t cap, pf_touch t)
{
    if (*n >= cap)
        return 0;
    out[(*n)++] = t;
    return 1;
}

/* A product of the background advertisers, by their share of ad slots. */
static uint32_t ad_product(const pf_state *s, cs_pcg32 *rng)
{
    uint32_t i = cs_pcg32_bounded(rng, s->nproducts);
    return cs_pcg32_double(rng) < s->ad_prob[i] ? i : s->ad_alias[i];
}

/* Products on one of u's tags, chosen at random: [*lo, *hi) of
 * s->tag_products, empty when that tag sells nothing. */
static void interest_products(const pf_state *s, uint32_t u, uint32_t *lo, uint32_t *hi,
                              cs_pcg32 *rng)
{
    const uint32_t k = s->pop.interests;
    uint32_t tag = s->pop.interest[(size_t)u * k + cs_pcg32_bounded(rng, k)];
    *lo = s->tag_products_off[tag];
    *hi = s->tag_products_off[tag + 1];
}

/* How much public attention a product's notes get: yesterday's shows and
 * warnings, with the closed-loop incentive for merchants with a store. */
static double traffic(const pf_state *s, uint32_t j)
{
    const pf_product *p = &s->product[j];
    return (1.0 + p->pos_yesterday + p->neg_yesterday) *
           (p->store ? 1.0 + s->sc->market_store_incentive : 1.0);
}

/* A product note for u: on one of its tags when that tag sells something,
 * otherwise on any product (the feed fills in with what is popular).
 * *sentiment is +1 (an order shown) or -1 (a warning). */
static uint32_t public_note(const pf_state *s, uint32_t u, int *sentiment, cs_pcg32 *rng)
{
    uint32_t lo, hi;
    interest_products(s, u, &lo, &hi, rng);
    if (lo == hi) {
        uint32_t j = ad_product(s, rng);
        const pf_product *p = &s->product[j];
        double pos = 1.0 + p->pos_yesterday, neg = (double)p->neg_yesterday;
        *sentiment = cs_pcg32_double(rng) * (pos + neg) < pos ? 1 : -1;
        return j;
    }
    /* The day's running totals of traffic over the tag's products
     * (pf_feed_day_start) turn the pick into a binary search. */
    const double *cum = s->tag_traffic_cum;
    double x = cs_pcg32_double(rng) * cum[hi - 1];
    uint32_t a = lo, b = hi - 1; /* the pick is in [a, b] */
    while (a < b) {
        uint32_t mid = a + (b - a) / 2;
        if (x < cum[mid])
            b = mid;
        else
            a = mid + 1;
    }
    uint32_t i = a;
    const pf_product *p = &s->product[s->tag_products[i]];
    double pos = 1.0 + p->pos_yesterday, neg = (double)p->neg_yesterday;
    *sentiment = cs_pcg32_double(rng) * (pos + neg) < pos ? 1 : -1;
    return s->tag_products[i];
}

void pf_feed_day_start(pf_state *s)
{
    for (uint32_t t = 0; t < s->ntags; t++) {
        double acc = 0;
        for (uint32_t i = s->tag_products_off[t]; i < s->tag_products_off[t + 1]; i++)
            s->tag_traffic_cum[i] = acc += traffic(s, s->tag_products[i]);
    }
}

size_t pf_feed_touches(pf_state *s, const cs_network *net, uint32_t u, int64_t notes,
                       pf_touch *out, size_t cap, pf_tally *tl, int64_t *spam, cs_pcg32 *rng)
{
    const cs_scenario *sc = s->sc;
    size_t n = 0;
    const double trust = s->trust[u];
    /* The friends whose notes are drawn below are known only after the
     * ads' and public notes' draws; fetching every friend's note now lets
     * that work hide the misses (one per friend at a million users). A user
     * with a dozen friends sees most of them anyway: PF_DRAWS picks. */
    if (!net->complete && cs_network_degree(net, u) <= 2 * PF_DRAWS)
        for (uint64_t e = net->off[u]; e < net->off[u + 1]; e++)
            __builtin_prefetch(&s->note[net->adj[e]]);
    /* Long text pulls a user born after 1995 less (SOURCES.md mechanism 5). */
    const double format = s->pop.post95[u] ? 1.0 - pf_long_share(sc) * (1.0 - sc->content_long_post95)
                                            : 1.0;
    int64_t ads = cs_stochastic_round((double)notes * sc->feed_ad_load, cs_pcg32_double(rng));
    int64_t organic = notes - ads;
    int64_t friends = cs_stochastic_round((double)organic * sc->feed_friend_share,
                                          cs_pcg32_double(rng));
    int64_t products = cs_stochastic_round((double)(organic - friends) * sc->feed_product_share,
                                           cs_pcg32_double(rng));

    /* Ads: a sample of at most PF_DRAWS, each pulling for the ones not drawn. */
    int64_t draws = ads < PF_DRAWS ? ads : PF_DRAWS;
    double scale = draws ? (double)ads / (double)draws : 0;
    for (int64_t i = 0; i < draws; i++) {
        uint32_t j;
        if (cs_pcg32_double(rng) < s->brand_ad_share && pf_in_audience(s, u, pf_reported_day(s))) {
            j = 0;
            tl->brand_ads += scale;
        } else {
            /* Targeted ads go to a product on one of the user's tags. */
            uint32_t lo, hi;
            j = PF_NO_PRODUCT;
            if (cs_pcg32_double(rng) < sc->feed_ad_targeting) {
                interest_products(s, u, &lo, &hi, rng);
                if (lo < hi)
                    j = s->tag_products[lo + cs_pcg32_bounded(rng, hi - lo)];
            }
            if (j == PF_NO_PRODUCT || (j == 0 && s->nproducts > 1))
                j = ad_product(s, rng);
            tl->other_ads += scale;
        }
        double pull = scale * cs_pull(sc->cred_ad, pf_match(s, u, j), trust, sc->trust_weight, 0, 0);
        push(out, &n, cap, (pf_touch){(uint16_t)j, CS_CH_FEED, 0, pull, PF_NONE});
    }

    draws = products < PF_DRAWS ? products : PF_DRAWS;
    scale = draws ? (double)products / (double)draws : 0;
    for (int64_t i = 0; i < draws; i++) {
        int sentiment;
        uint32_t j = public_note(s, u, &sentiment, rng);
        if (j == PF_NO_PRODUCT)
            continue;
        double pull = scale * format * sentiment *
                      cs_pull(sc->cred_stranger, pf_match(s, u, j), trust, sc->trust_weight, 0, 0);
        push(out, &n, cap, (pf_touch){(uint16_t)j, CS_CH_FEED, 0, pull, PF_NONE});
    }

    draws = friends < PF_DRAWS ? friends : PF_DRAWS;
    scale = draws ? (double)friends / (double)draws : 0;
    if (cs_network_degree(net, u) == 0)
        draws = 0;
    /* The friends are picked first and their notes fetched together: each
     * is a cache miss at a million users, and one at a time they were a
     * seventh of a run. Only the picks draw here, so the stream is the same. */
    uint32_t pick[PF_DRAWS];
    for (int64_t i = 0; i < draws; i++) {
        pick[i] = pf_random_friend(s, net, u, rng);
        __builtin_prefetch(&s->note[pick[i]]);
    }
    for (int64_t i = 0; i < draws; i++) {
        uint32_t v = pick[i];
        const pf_note *note = &s->note[v];
        if (note->product == PF_NO_PRODUCT || s->t - note->day > sc->funnel_note_days ||
            s->status[v] != PF_ACTIVE)
            continue;
        double match = pf_match(s, u, note->product);
        if ((note->link || note->group_buy) && match < 1.0)
            (*spam)++; /* selling to a friend who does not care: seen as low */
        double cred = s->role[v] & PF_KOC ? sc->cred_koc : sc->cred_friend;
        double pull = scale * format * note->sentiment *
                      cs_pull(cred, match, trust, sc->trust_weight, 0, 0);
        uint8_t flags = (uint8_t)((note->link ? PF_TOUCH_LINK : 0) |
                                  (note->group_buy ? PF_TOUCH_GROUP_BUY : 0));
        push(out, &n, cap, (pf_touch){note->product, CS_CH_KOC, flags, pull, v});
    }
    return n;
}
