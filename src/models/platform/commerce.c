/* SPDX-License-Identifier: MIT */
/* commerce.c - where buyers pay, whether merchants run their own store, and
 * which merchants stay.
 *
 * SOURCES.md: only 15% of merchants run a store on the platform; the rest
 * take the content here and the sale elsewhere. Here each merchant decides
 * every market.store_review days from what it sold through the platform's
 * content: a store costs a fixed monthly amount and a fee, and earns the
 * platform's closed-loop incentive (extra feed traffic). Each buyer of a
 * merchant with a store chooses where to pay: more often in the store the
 * more it trusts the platform, less often the cheaper the product is
 * elsewhere and the more price-sensitive it is. The store share and the
 * closed-loop share of GMV are outcomes of these decisions.
 *
 * Merchants also come and go: one whose margin on the sales the platform
 * drives (less its store's cost) no longer covers the cost of a presence
 * here leaves, and a newcomer in the same category takes its place, so the
 * market keeps its size and its mix of categories while poor sellers are
 * replaced by fresh draws.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/dist.h"
#include "models/platform/platform.h"

double cs_onsite_probability(int store, double base, double trust_slope, double trust,
                             double sensitivity, double offsite_discount, double gap_weight)
{
    if (!store)
        return 0;
    double p = base + trust_slope * (trust - 0.5) - gap_weight * sensitivity * offsite_discount;
    return p < 0 ? 0 : p > 1 ? 1 : p;
}

double cs_store_advantage(double demand, double onsite_share, double incentive, double margin,
                          double store_fee, double offsite_fee, double store_cost)
{
    /* Without a store every sale happens elsewhere; with one, demand grows
     * by the incentive and onsite_share of it pays the platform's fee. */
    double without = demand * (margin - offsite_fee);
    double with = demand * (1.0 + incentive) *
                  (onsite_share * (margin - store_fee) + (1.0 - onsite_share) * (margin - offsite_fee));
    return with - without - store_cost;
}

double cs_demand_counted(double demand, int64_t orders)
{
    if (orders <= 0 || !(demand > 0))
        return 0;
    double keep = 1.0 - 1.0 / sqrt((double)orders);
    return keep > 0 ? demand * keep : 0;
}

int cs_merchant_stays(double margin, double presence_cost, int64_t days_on, int64_t grace)
{
    return days_on < grace || margin >= presence_cost;
}

/* Merchant j leaves; a newcomer in its category takes its place: a new
 * price, quality, cycle, ad weight and store cost, no store, no sales, no
 * reputation. Users' memories of j are cleared by forget_leavers. */
static void replace_merchant(pf_state *s, uint32_t j)
{
    const cs_scenario *sc = s->sc;
    pf_product *p = &s->product[j];
    const uint16_t tag = p->tag;
    cs_pcg32 rng = pf_stream(s, CS_STREAM_COMMERCE, (1ull << 62) | j);
    memset(p, 0, sizeof *p);
    p->tag = tag;
    pf_draw_merchant(sc, p, &rng);
    p->store_cost =
        sc->market_store_cost * pf_scale(s) * exp(sc->market_store_cost_spread * cs_normal(&rng));
    p->entered = (int32_t)s->t;
    s->merchants_replaced++;
}

/* Nobody keeps in mind, shows or guides to a merchant that left (gone[j]);
 * fresh: a zeroed flag per tag. */
static void forget_leavers(pf_state *s, const uint8_t *gone, uint8_t *fresh)
{
    for (uint32_t u = 0; u < s->n; u++) {
        pf_slot *sl = &s->slot[(size_t)u * PF_SLOTS];
        for (int k = 0; k < PF_SLOTS; k++)
            if (sl[k].product != PF_NO_PRODUCT && gone[sl[k].product])
                sl[k] = (pf_slot){.product = PF_NO_PRODUCT};
        if (s->note[u].product != PF_NO_PRODUCT && gone[s->note[u].product])
            s->note[u] = (pf_note){.product = PF_NO_PRODUCT};
        if (s->note_next[u].product != PF_NO_PRODUCT && gone[s->note_next[u].product])
            s->note_next[u] = (pf_note){.product = PF_NO_PRODUCT};
    }
    for (uint32_t i = 0; i < s->nkols; i++)
        if (s->kol_note[i] != PF_NO_PRODUCT && gone[s->kol_note[i]])
            s->kol_note[i] = PF_NO_PRODUCT;
    /* Owners who know the field look again at the best product of a tag
     * with a newcomer: it may be the newcomer's. */
    for (uint32_t j = 0; j < s->nproducts; j++)
        fresh[s->product[j].tag] |= gone[j];
    for (uint32_t g = 0; g < s->ngroups; g++) {
        pf_group *gr = &s->groups[g];
        if (!gr->brand && fresh[gr->tag])
            gr->guide_product = pf_best_product(s, gr->tag);
        if (gr->buzz_product != PF_NO_PRODUCT && gone[gr->buzz_product])
            gr->buzz_product = PF_NO_PRODUCT;
        if (gr->buzz_next_product != PF_NO_PRODUCT && gone[gr->buzz_next_product])
            gr->buzz_next_product = PF_NO_PRODUCT;
    }
    for (uint32_t ci = 0; ci < s->ncircles; ci++) {
        pf_circle *c = &s->circles[ci];
        if (fresh[c->tag])
            c->guide_product = pf_best_product(s, c->tag);
        if (c->buzz_product != PF_NO_PRODUCT && gone[c->buzz_product])
            c->buzz_product = PF_NO_PRODUCT;
        if (c->buzz_next_product != PF_NO_PRODUCT && gone[c->buzz_next_product])
            c->buzz_next_product = PF_NO_PRODUCT;
    }
}

int pf_market_review(pf_state *s)
{
    const cs_scenario *sc = s->sc;
    /* What a typical buyer would do: the platform's mean trust and the
     * population's mean price sensitivity, both known to merchants. */
    double trust = 0, sens = 0;
    int64_t active = 0;
    for (uint32_t u = 0; u < s->n; u++)
        if (s->status[u] == PF_ACTIVE) {
            trust += s->trust[u];
            sens += s->price_sens[u];
            active++;
        }
    if (active) {
        trust /= (double)active;
        sens /= (double)active;
    }
    double onsite = cs_onsite_probability(1, sc->market_onsite_base, sc->market_onsite_trust,
                                          trust, sens, sc->market_offsite_discount,
                                          sc->market_gap_weight);
    double months = (double)sc->market_store_review / 30.0;
    /* Merchants leaving, then the tags they leave: one allocation. */
    uint8_t *gone = sc->market_presence_cost > 0 ? calloc(s->nproducts + s->ntags, 1) : NULL;
    if (sc->market_presence_cost > 0 && !gone)
        return CS_ERR_NOMEM;
    for (uint32_t j = 0; j < s->nproducts; j++) {
        pf_product *p = &s->product[j];
        /* A merchant counts on what a month's noise would not take away:
         * with a few orders a month a lucky month is no reason for a store
         * (without this the store share fell with the population, 0.19 to
         * 0.11 from 10^4 to 10^6 users, as small worlds' noise lifted more
         * merchants over break-even). */
        const double sold = cs_demand_counted(
            (double)(p->sales_fen[0] + p->sales_fen[1]) / 100.0 / months, p->review_orders);
        double demand = sold;
        if (p->store) /* its demand already holds the incentive */
            demand /= 1.0 + sc->market_store_incentive;
        double adv = cs_store_advantage(demand, onsite, sc->market_store_incentive,
                                        sc->market_margin, sc->market_store_fee,
                                        sc->market_offsite_fee, p->store_cost);
        p->store = adv > 0;
        /* What it earns a month, remembered over market.exit_memory days:
         * a merchant does not leave on one bad month (judged on the month
         * alone, small worlds' noise made 223 merchants a year leave at
         * 10 000 people and 6 at 100 000; remembered, 323, 291 and 279 at
         * 10^4, 2 x 10^4 and 10^5 with the default cost). A store that
         * does not pay is closed (above), not a reason to leave. */
        const double keep = exp(-(double)sc->market_store_review / sc->market_exit_memory);
        p->sales_memory = p->sales_memory * keep + (double)(p->sales_fen[0] + p->sales_fen[1]) / 100.0;
        p->months_memory = p->months_memory * keep + months;
        const double margin = sc->market_margin * p->sales_memory / p->months_memory;
        /* It stays while that margin covers the cost of being here; the
         * brand is the scenario's and stays. */
        if (j > 0 && gone &&
            !cs_merchant_stays(margin, sc->market_presence_cost * pf_scale(s), s->t - p->entered,
                               sc->market_grace_days))
            gone[j] = 1;
        p->sales_fen[0] = p->sales_fen[1] = 0;
        p->review_orders = 0;
    }
    if (!gone)
        return 0;
    /* A merchant with orders waiting in a group-buy pool serves them first. */
    for (size_t i = 0; i < s->npending; i++)
        gone[s->pending[i].product] = 0;
    int any = 0;
    for (uint32_t j = 1; j < s->nproducts; j++)
        if (gone[j]) {
            replace_merchant(s, j);
            any = 1;
        }
    if (any)
        forget_leavers(s, gone, gone + s->nproducts);
    free(gone);
    return 0;
}

void pf_funnel_apply_buy(pf_state *s, const pf_event *e, cs_day_row *row)
{
    const int onsite = e->flags & PF_BUY_ONSITE;
    const int64_t fen = e->b;
    const uint32_t j = e->product, u = e->u;
    pf_product *p = &s->product[j];
    row->orders++;
    if (onsite)
        row->gmv_fen += fen;
    else
        row->gmv_offsite_fen += fen;
    row->gmv_channel_fen[e->channel] += fen;
    if (e->flags & PF_BUY_REPEAT)
        row->repurchases++;
    p->sales_fen[onsite ? 0 : 1] += fen;
    p->review_orders++;
    const int slot = pf_window_slot(s);
    if (slot >= 0) {
        p->orders_day[slot]++;
        if (onsite)
            s->window[slot].gmv_fen += fen;
        else
            s->window[slot].offsite_fen += fen;
    }
    /* Whole-run totals count reported days only, as the rows do. */
    const int reported = pf_reported_day(s) >= 1;
    if (reported) {
        s->gmv_tier_fen[s->pop.tier[u]] += fen;
        if (j == 0) {
            s->brand_gmv_fen[e->channel] += fen;
            s->brand_orders++;
            if (onsite)
                s->brand_onsite_fen += fen;
            if (s->brand_buys[u] < UINT8_MAX)
                s->brand_buys[u]++;
        } else
            s->other_gmv_fen[e->channel] += fen;
    }
    /* The brand's coupons and commissions come out of its budget, up to
     * what is left of it. */
    if (e->flags & PF_BUY_COUPON) {
        int64_t cost = pf_coupon_cost_fen(s, j);
        row->spend_fen += reported ? pf_brand_pay(s, s->sc->brand_coupon_channel, cost) : cost;
    }
    if (e->flags & PF_BUY_LINK) {
        int64_t commission = (int64_t)llround((double)fen * p->commission);
        if (reported && j == 0)
            commission = pf_brand_pay(s, CS_CH_KOC, commission);
        else if (reported)
            s->other_spend_fen += commission;
        row->spend_fen += commission;
    }
}

/* ---- social group buying ------------------------------------------------
 * A commerce format the sources do not describe (an assumption): a discount
 * when enough ties join within a window, so buyers recruit buyers. A
 * satisfied buyer may open a pool for the product and invite its friends (a
 * note they see in their feeds; cs_group_invite_chance): friends who buy
 * through the invitation join it, and friends without the product's interest
 * take it as spam (feed.c). Orders wait: when commerce.group_size participants
 * have joined within commerce.group_window days every order of the pool is
 * booked at the group price; a pool that does not fill is booked at the
 * full price when its window ends (the buyers wanted the product anyway). */

double cs_group_invite_chance(int satisfied, double discount, double sensitivity, double weight)
{
    /* The discount is the reason to recruit, and it matters more to the
     * price-sensitive; an invitation is an endorsement, which a
     * disappointed buyer does not give. */
    if (!satisfied || !(discount > 0) || !(sensitivity > 0))
        return 0;
    return 1.0 - exp(-weight * discount * sensitivity);
}

static int hold(pf_state *s, const pf_event *e)
{
    if (s->npending == s->pending_cap) {
        size_t cap = s->pending_cap ? 2 * s->pending_cap : 256;
        pf_event *p = realloc(s->pending, cap * sizeof *p);
        if (!p)
            return CS_ERR_NOMEM;
        s->pending = p;
        s->pending_cap = cap;
    }
    s->pending[s->npending++] = *e;
    return 0;
}

/* Book every order waiting in pool (filled: at the group price), then close it. */
static void settle(pf_state *s, uint32_t pool, int filled, cs_day_row *row)
{
    size_t keep = 0;
    for (size_t i = 0; i < s->npending; i++) {
        pf_event e = s->pending[i];
        if (e.a != pool) {
            s->pending[keep++] = e;
            continue;
        }
        if (filled)
            e.b = llround((double)e.b * (1.0 - s->sc->commerce_group_discount));
        e.flags = (int8_t)(e.flags & ~PF_BUY_GROUP);
        pf_funnel_apply_buy(s, &e, row);
    }
    s->npending = keep;
    s->gb_product[pool] = PF_NO_PRODUCT;
}

static int pool_open(const pf_state *s, uint32_t pool, uint32_t product)
{
    return s->gb_product[pool] == product &&
           s->t - s->gb_day[pool] <= s->sc->commerce_group_window;
}

int pf_group_buy_apply(pf_state *s, const pf_event *e, cs_day_row *row)
{
    const uint32_t pool = e->a;
    if (pool == e->u) {
        if (s->gb_product[pool] != PF_NO_PRODUCT)
            settle(s, pool, 0, row); /* a new pool ends the old one */
        s->gb_product[pool] = e->product;
        s->gb_day[pool] = (uint16_t)s->t;
        s->gb_count[pool] = 1;
        return hold(s, e);
    }
    if (!pool_open(s, pool, e->product)) {
        /* Too late for this pool: an ordinary purchase. */
        pf_event plain = *e;
        plain.flags = (int8_t)(plain.flags & ~PF_BUY_GROUP);
        pf_funnel_apply_buy(s, &plain, row);
        return 0;
    }
    int rc = hold(s, e);
    if (rc)
        return rc;
    if (s->gb_count[pool] < UINT8_MAX)
        s->gb_count[pool]++;
    if (s->gb_count[pool] >= s->sc->commerce_group_size)
        settle(s, pool, 1, row);
    return 0;
}

void pf_group_buy_day_end(pf_state *s, cs_day_row *row, int close_all)
{
    /* Pools whose window ends today are booked at the full price, oldest
     * order first (the pending list is in the order orders came). */
    for (size_t i = 0; i < s->npending;) {
        uint32_t pool = s->pending[i].a;
        if (s->gb_product[pool] != PF_NO_PRODUCT &&
            (close_all || s->t - s->gb_day[pool] >= s->sc->commerce_group_window))
            settle(s, pool, 0, row); /* removes entries; look at i again */
        else
            i++;
    }
}
