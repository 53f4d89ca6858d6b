/* SPDX-License-Identifier: MIT */
/* funnel.c - seeding -> interaction -> conversion, per user and product.
 *
 * Every exposure of the day (a feed ad, a friend's shown order, a group
 * owner's guidance ...) carries a pull: the sender's credibility with the
 * receiver x interest match x trust x social proof (SOURCES.md mechanisms 1-3).
 * Pulls of the same product add up; one uniform decides whether the user was
 * touched by the product today (so with an ad pull p and a friend's pull q
 * this is exactly Bass's p + q x share: the docking test). A touch moves an
 * unaware user to seeded; a seeded user who is touched engages with
 * funnel.engage; an engaged user who is touched buys with a chance that falls
 * with price and sensitivity - all three can happen on one touch (which is
 * what makes docking exact). Buyers compare quality with what they expected;
 * satisfied ones show the order (seeding their friends), disappointed ones
 * warn. A satisfied buyer whose product is due (its repurchase cycle has
 * passed) buys again when touched.
 */
#include <math.h>
#include <string.h>

#include "base/dist.h"
#include "models/platform/platform.h"

double cs_pull(double credibility, double match, double trust, double trust_weight,
               double proof, double bought_share)
{
    double trust_factor = 1.0 - trust_weight + trust_weight * 2.0 * trust;
    return credibility * match * trust_factor * (1.0 + proof * bought_share);
}

double cs_buy_probability(double base, double price, double price_ref, double sensitivity,
                          double price_weight, double boost)
{
    double p = base * exp(-price_weight * sensitivity * price / price_ref) * boost;
    return p < 1 ? p : 1;
}

int cs_satisfied(double quality, double expectation) { return quality >= expectation; }

int pf_personal_channel(int channel)
{
    return channel == CS_CH_KOC || channel == CS_CH_GROUP || channel == CS_CH_CIRCLE;
}

double pf_expectation(const cs_scenario *sc, cs_pcg32 *rng)
{
    /* Buyers expect what the market usually delivers. */
    return sc->market_quality_mean + sc->funnel_expect_noise * cs_normal(rng);
}

pf_slot *pf_slot_for(pf_state *s, uint32_t u, uint32_t product)
{
    /* Its own slot, a free one, the least advanced one not bought, or else
     * the product bought longest ago: what the user cares least about is
     * forgotten (and no longer counts for its communities' social proof). */
    pf_slot *sl = &s->slot[(size_t)u * PF_SLOTS], *pick = NULL, *oldest = NULL;
    for (int k = 0; k < PF_SLOTS; k++)
        if (sl[k].product == product)
            return &sl[k];
    for (int k = 0; k < PF_SLOTS; k++) {
        if (sl[k].product == PF_NO_PRODUCT)
            return &sl[k];
        if (sl[k].stage != PF_BOUGHT && (!pick || sl[k].stage < pick->stage))
            pick = &sl[k];
        if (sl[k].stage == PF_BOUGHT && (!oldest || sl[k].last_buy < oldest->last_buy))
            oldest = &sl[k];
    }
    return pick ? pick : oldest;
}

pf_slot *pf_find_slot(pf_state *s, uint32_t u, uint32_t product)
{
    pf_slot *sl = &s->slot[(size_t)u * PF_SLOTS];
    for (int k = 0; k < PF_SLOTS; k++)
        if (sl[k].product == product)
            return &sl[k];
    return NULL;
}

/* Fen paid for one unit of product j by u, before where it is paid. */
static int64_t price_fen(const pf_state *s, uint32_t j, int group_buy, int onsite, int card)
{
    const cs_scenario *sc = s->sc;
    double price = s->product[j].price;
    if (j == 0)
        price *= 1.0 - sc->brand_discount;
    if (group_buy)
        price *= 1.0 - sc->commerce_group_discount;
    if (onsite && card)
        price *= 1.0 - sc->commerce_membership_discount;
    if (!onsite)
        price *= 1.0 - sc->market_offsite_discount;
    return (int64_t)llround(price * 100.0);
}

static void reach(pf_state *s, uint32_t u, int stage, pf_tally *tl)
{
    while (s->reach[u] < stage) {
        s->reach[u]++;
        tl->reached[s->reach[u]]++;
    }
}

void pf_funnel_decide(pf_state *s, uint32_t u, const pf_touch *t, size_t nt, pf_events *ev,
                      pf_tally *tl, int *good, int *bad, cs_pcg32 *rng)
{
    const cs_scenario *sc = s->sc;
    /* Sum the pulls per product, in order of first appearance. */
    uint16_t prod[PF_TOUCHES];
    double pull[PF_TOUCHES], personal[PF_TOUCHES];
    uint8_t chan[PF_TOUCHES], flags[PF_TOUCHES];
    uint32_t from[PF_TOUCHES], seller[PF_TOUCHES];
    size_t np = 0;
    /* Where each product is in prod[]: a small open-addressing table, since
     * a linear search of up to PF_TOUCHES products per touch was a tenth of
     * a run. PF_INDEX_BITS leaves it at least half empty. */
    enum { PF_INDEX_BITS = 7 };
    _Static_assert(2 * PF_TOUCHES <= 1 << PF_INDEX_BITS, "index table too small");
    uint8_t index[1 << PF_INDEX_BITS];
    memset(index, 0xff, sizeof index);
    for (size_t i = 0; i < nt; i++) {
        uint32_t h = (t[i].product * 0x9e3779b1u) >> (32 - PF_INDEX_BITS);
        while (index[h] != 0xff && prod[index[h]] != t[i].product)
            h = (h + 1) & ((1u << PF_INDEX_BITS) - 1);
        size_t k = index[h] == 0xff ? np : index[h];
        if (k == np) {
            index[h] = (uint8_t)np;
            prod[np] = t[i].product;
            pull[np] = personal[np] = 0;
            chan[np] = t[i].channel;
            flags[np] = 0;
            from[np] = seller[np] = PF_NONE;
            np++;
        }
        pull[k] += t[i].pull;
        if (pf_personal_channel(t[i].channel))
            personal[k] += t[i].pull;
        if (t[i].pull > 0) {
            chan[k] = t[i].channel; /* last touch */
            flags[k] = t[i].flags;
            seller[k] = t[i].from;
            if (t[i].flags & PF_TOUCH_GROUP_BUY)
                from[k] = t[i].from;
        }
    }
    *good = *bad = 0;
    int posted = 0;
    for (size_t k = 0; k < np; k++) {
        const uint32_t j = prod[k];
        /* A buyer who owns the product learns nothing new from an ad or a
         * stranger's note; people it trusts bring it back (SOURCES.md
         * mechanisms 2 and 3). */
        const pf_slot *owned = pf_find_slot(s, u, j);
        double w = owned && owned->stage == PF_BOUGHT
                       ? personal[k] + sc->funnel_repeat_reach * (pull[k] - personal[k])
                       : pull[k];
        w = w < 1 ? w : 1;
        /* Three draws per product seen, touched or not; a purchase draws
         * more from the same stream (deterministic, but later products'
         * draws shift). */
        double u1 = cs_pcg32_double(rng), u2 = cs_pcg32_double(rng), u3 = cs_pcg32_double(rng);
        if (!(u1 < w))
            continue;
        pf_slot *sl = pf_slot_for(s, u, j);
        if (sl->product != j) {
            *sl = (pf_slot){(uint16_t)j, PF_UNAWARE, 0, 0, 0, 0};
        }
        pf_coupon_receive(s, u, j, chan[k]);
        if (sl->stage == PF_UNAWARE)
            sl->stage = PF_SEEDED;
        if (sl->stage == PF_SEEDED && u2 < sc->funnel_engage)
            sl->stage = PF_ENGAGED;
        /* Buyers are counted when they buy (below): a warm-up buyer touched
         * again on a reported day is engaged, not a buyer, until it orders. */
        reach(s, u, sl->stage < PF_ENGAGED ? sl->stage : PF_ENGAGED, tl);
        if (sl->stage < PF_ENGAGED)
            continue;
        const pf_product *p = &s->product[j];
        int repeat = sl->stage == PF_BOUGHT;
        double base;
        if (repeat) {
            if ((double)(s->t - sl->last_buy) < p->cycle || sl->satisfied < 0)
                continue;
            base = sc->funnel_repurchase * s->loyalty[u];
            if (s->member_card[u])
                base *= 1.0 + sc->commerce_membership_loyalty;
        } else {
            base = sc->funnel_buy;
        }
        double boost = s->festival_today ? sc->calendar_boost : 1.0;
        /* Invited to a group buy, a user weighs the group price. */
        int joins = sc->commerce_group_buy && (flags[k] & PF_TOUCH_GROUP_BUY) && from[k] != PF_NONE;
        double price = p->price * (j == 0 ? 1.0 - sc->brand_discount : 1.0) *
                       (joins ? 1.0 - sc->commerce_group_discount : 1.0);
        double off = pf_coupon_off(s, u, j, price);
        double pb = cs_buy_probability(base, price - off, sc->funnel_price_ref, s->price_sens[u],
                                       sc->funnel_price_weight, boost);
        if (!(u3 < pb))
            continue;
        if (off > 0)
            pf_coupon_redeem(s, u);

        /* Bought: where it is paid, what it cost, how it felt. */
        cs_pcg32 pay = pf_stream(s, CS_STREAM_COMMERCE, pf_pair_agent(u, j));
        int onsite = cs_pcg32_double(&pay) <
                     cs_onsite_probability(p->store, sc->market_onsite_base,
                                           sc->market_onsite_trust, s->trust[u], s->price_sens[u],
                                           sc->market_offsite_discount, sc->market_gap_weight);
        int64_t fen = price_fen(s, j, 0, onsite, s->member_card[u]);
        int happy = cs_satisfied(p->quality, pf_expectation(sc, rng));
        double un = cs_pcg32_double(rng), ul = cs_pcg32_double(rng), ui = cs_pcg32_double(rng);
        /* In a group buy the order waits for its pool; the discount is
         * applied when the pool fills (commerce.c). A buyer who was not
         * invited may open a pool of its own and invite friends. */
        const int invites = sc->commerce_group_buy && !joins &&
                            ui < cs_group_invite_chance(happy, sc->commerce_group_discount,
                                                        s->price_sens[u], sc->commerce_group_invite);
        const int group = joins || invites;
        sl->stage = PF_BOUGHT;
        if (sl->buys < 255)
            sl->buys++;
        sl->last_buy = (uint16_t)s->t;
        sl->satisfied = happy ? 1 : -1;
        uint16_t *od = &s->order_day[(size_t)u * 2];
        od[1] = od[0];
        od[0] = (uint16_t)s->t;
        reach(s, u, PF_BOUGHT, tl);
        *good += happy;
        *bad += !happy;
        pf_event_push(ev, (pf_event){u, PF_EV_BUY, chan[k], (uint16_t)j,
                                     (int8_t)((onsite ? PF_BUY_ONSITE : 0) |
                                              (repeat ? PF_BUY_REPEAT : 0) |
                                              (group ? PF_BUY_GROUP : 0) |
                                              (flags[k] & PF_TOUCH_LINK ? PF_BUY_LINK : 0) |
                                              (off > 0 ? PF_BUY_COUPON : 0)),
                                     {0}, group ? (joins ? from[k] : u) : 0, fen,
                                     seller[k] == PF_NONE ? 0 : seller[k] + 1});
        if (onsite && sc->commerce_membership && !s->member_card[u] &&
            cs_pcg32_double(&pay) < sc->commerce_membership_join) {
            s->member_card[u] = 1;
            pf_event_push(ev, (pf_event){.u = u, .kind = PF_EV_MEMBERSHIP, .channel = CS_CH_FEED,
                                         .product = PF_NO_PRODUCT,
                                         .b = pf_fen(sc->commerce_membership_fee)});
        }

        /* Show the order, or warn; share a link for the commission; invite
         * to the pool. One note a day: the latest purchase's. */
        double show = happy ? sc->funnel_show + (j == 0 ? sc->brand_show_incentive : 0)
                            : sc->funnel_warn;
        double link = sc->commerce_link_sharing ? sc->commerce_link_rate * p->commission : 0;
        if (!happy)
            link *= 0.3;
        int is_link = ul < link;
        if (un < show || is_link || invites) {
            pf_note *n = &s->note_next[u];
            n->product = (uint16_t)j;
            n->sentiment = happy || is_link ? 1 : -1;
            n->link = (uint8_t)is_link;
            n->group_buy = (uint8_t)invites;
            n->day = (uint16_t)s->t;
            posted = 1;
        }
    }
    if (posted)
        pf_event_push(ev, (pf_event){.u = u, .kind = PF_EV_NOTE,
                                     .product = s->note_next[u].product,
                                     .flags = s->note_next[u].sentiment});
}

void pf_count_buyers(pf_state *s)
{
    /* Counted afresh each day from the slots rather than kept up as users
     * buy, join, leave and forget: one count cannot drift from the other. */
    const size_t np = s->nproducts;
    if (s->ngroups)
        memset(s->g_bought, 0, (size_t)s->ngroups * np * sizeof *s->g_bought);
    if (s->ncircles)
        memset(s->c_bought, 0, (size_t)s->ncircles * np * sizeof *s->c_bought);
    for (uint32_t u = 0; u < s->n; u++) {
        const uint32_t *g = &s->group[(size_t)u * PF_GROUPS];
        const uint32_t *c = &s->circle[(size_t)u * PF_CIRCLES];
        int member = 0;
        for (int k = 0; k < PF_GROUPS; k++)
            member |= g[k] != PF_NONE;
        for (int k = 0; k < PF_CIRCLES; k++)
            member |= c[k] != PF_NONE;
        if (!member)
            continue;
        const pf_slot *sl = &s->slot[(size_t)u * PF_SLOTS];
        for (int i = 0; i < PF_SLOTS; i++) {
            if (sl[i].product == PF_NO_PRODUCT || sl[i].stage != PF_BOUGHT)
                continue;
            for (int k = 0; k < PF_GROUPS; k++)
                if (g[k] != PF_NONE)
                    s->g_bought[(size_t)g[k] * np + sl[i].product]++;
            for (int k = 0; k < PF_CIRCLES; k++)
                if (c[k] != PF_NONE)
                    s->c_bought[(size_t)c[k] * np + sl[i].product]++;
        }
    }
}
