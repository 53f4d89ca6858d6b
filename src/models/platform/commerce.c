/* commerce.c - where buyers pay and whether merchants run their own store.
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
 */
#include <math.h>
#include <stdlib.h>

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

void pf_market_review(pf_state *s)
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
    for (uint32_t j = 0; j < s->nproducts; j++) {
        pf_product *p = &s->product[j];
        /* A merchant counts on what a month's noise would not take away:
         * with a few orders a month a lucky month is no reason for a store
         * (without this the store share fell with the population, 0.19 to
         * 0.11 from 10^4 to 10^6 users, as small worlds' noise lifted more
         * merchants over break-even). */
        double demand = cs_demand_counted((double)(p->sales_fen[0] + p->sales_fen[1]) / 100.0 /
                                              months,
                                          p->review_orders);
        if (p->store) /* its demand already holds the incentive */
            demand /= 1.0 + sc->market_store_incentive;
        double adv = cs_store_advantage(demand, onsite, sc->market_store_incentive,
                                        sc->market_margin, sc->market_store_fee,
                                        sc->market_offsite_fee, p->store_cost);
        p->store = adv > 0;
        p->sales_fen[0] = p->sales_fen[1] = 0;
        p->review_orders = 0;
    }
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
        } else
            s->other_gmv_fen[e->channel] += fen;
    }
    if (e->flags & PF_BUY_COUPON) {
        int64_t cost = pf_coupon_cost_fen(s, j);
        row->spend_fen += cost;
        if (reported)
            s->brand_spend_fen[s->sc->brand_coupon_channel] += cost;
    }
    if (e->flags & PF_BUY_LINK) {
        int64_t commission = (int64_t)llround((double)fen * p->commission);
        row->spend_fen += commission;
        if (reported && j == 0)
            s->brand_spend_fen[CS_CH_KOC] += commission;
        else if (reported)
            s->other_spend_fen += commission;
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
