/* SPDX-License-Identifier: MIT */
/* brand.c - the scenario's brand (merchant 0) and its marketing actions.
 *
 * SOURCES.md mechanism 3, the inverted funnel: lock the core audience and the
 * high-potential audience first, then radiate to everyone; reach the core by
 * direct messages and livestreams; settle the traffic into groups and guide
 * product choice in them; buyers show their orders. With brand.strategy
 * inverted every targeted action (DMs, livestreams, the brand's ads) goes to
 * the core audience (users with the brand's tag among their interests and a
 * strong affinity) until brand.phase2_day, then to everyone with the tag
 * until brand.phase3_day, then to everyone; broadcast targets everyone from
 * the start. Also here: KOC seeding (the product given to chosen KOCs, who
 * post about it), sponsored KOL posts, and what each action costs.
 */
#include <stdlib.h>
#include <string.h>

#include "models/platform/platform.h"

#define CORE_AFFINITY 0.7 /* affinity above which a user with the tag is core */

int pf_in_audience(const pf_state *s, uint32_t u, int64_t day)
{
    const cs_scenario *sc = s->sc;
    if (sc->brand_strategy == CS_BRAND_BROADCAST || day >= sc->brand_phase3_day)
        return 1;
    if (!pf_has_interest(s, u, s->brand_tag))
        return 0;
    return day >= sc->brand_phase2_day || s->affinity[u] >= CORE_AFFINITY;
}

void pf_brand_budget_day(pf_state *s)
{
    if (!(s->sc->brand_budget > 0)) {
        s->budget_left_fen = INT64_MAX;
        return;
    }
    int64_t spent = 0;
    for (int c = 0; c < CS_CH_COUNT; c++)
        spent += s->brand_spend_fen[c];
    const int64_t budget = (int64_t)pf_fen(s->sc->brand_budget);
    s->budget_left_fen = budget > spent ? budget - spent : 0;
}

int pf_brand_affords(const pf_state *s, int64_t fen)
{
    return fen <= s->budget_left_fen;
}

/* The budget refused (part of) something today: the first such day is
 * what the strategist is told (its plan was cut from then on). */
void pf_brand_budget_cut(pf_state *s)
{
    if (s->budget_out_day == 0)
        s->budget_out_day = pf_reported_day(s);
}

int64_t pf_brand_pay(pf_state *s, int channel, int64_t fen)
{
    if (pf_reported_day(s) < 1) /* warm-up days are reported nowhere */
        return fen;
    if (fen > s->budget_left_fen) {
        fen = s->budget_left_fen;
        pf_brand_budget_cut(s);
    }
    if (s->budget_left_fen != INT64_MAX)
        s->budget_left_fen -= fen;
    s->brand_spend_fen[channel] += fen;
    return fen;
}

/* An action bought at its price: 0 when the budget cannot pay for it
 * (nothing is bought), 1 when paid. */
static int buy(pf_state *s, int channel, double yuan)
{
    const int64_t fen = (int64_t)pf_fen(yuan);
    if (pf_reported_day(s) >= 1 && !pf_brand_affords(s, fen)) {
        pf_brand_budget_cut(s);
        return 0;
    }
    s->spend_today_fen += pf_brand_pay(s, channel, fen);
    return 1;
}

/* Seeds the want best candidates, best first, by the scenario's rule. */
static int seed_kocs(pf_state *s, const cs_network *net, int64_t want)
{
    const cs_scenario *sc = s->sc;
    cs_pcg32 rng = pf_stream(s, CS_STREAM_BRAND, 0);
    pf_ranked *c = malloc((size_t)(s->n ? s->n : 1) * sizeof *c);
    if (!c)
        return CS_ERR_NOMEM;
    size_t nc = 0;
    if (sc->brand_seed_by == CS_SEED_LIST) {
        for (size_t i = 0; i < sc->brand_seed_list.n; i++) {
            int64_t id = sc->brand_seed_list.v[i];
            if (id < 0 || id >= (int64_t)s->n)
                continue;
            uint32_t u = (uint32_t)id;
            int again = 0; /* a user listed twice is seeded once */
            for (size_t k = 0; k < nc && !again; k++)
                again = c[k].u == u;
            if (!again && s->status[u] == PF_ACTIVE && !s->seeded_koc[u])
                c[nc++] = (pf_ranked){u, -(double)i};
        }
    } else {
        for (uint32_t u = 0; u < s->n; u++) {
            if (s->status[u] != PF_ACTIVE || s->seeded_koc[u])
                continue;
            int eligible = sc->brand_seed_by == CS_SEED_CIRCLE_OWNERS
                               ? (s->role[u] & (PF_CIRCLE_OWNER | PF_KOC)) != 0
                               : (s->role[u] & PF_KOC) != 0;
            if (!eligible)
                continue;
            double key = 0;
            switch (sc->brand_seed_by) {
            case CS_SEED_RANDOM: key = cs_pcg32_double(&rng); break;
            case CS_SEED_DEGREE: key = cs_network_degree(net, u); break;
            case CS_SEED_TRUST: key = s->trust[u]; break;
            case CS_SEED_CIRCLE_OWNERS:
                /* Owners first, then KOCs by degree. */
                key = (s->role[u] & PF_CIRCLE_OWNER ? 1e12 : 0) + cs_network_degree(net, u);
                break;
            }
            c[nc++] = (pf_ranked){u, key};
        }
    }
    qsort(c, nc, sizeof *c, pf_by_key_desc);
    const pf_product *p = &s->product[0];
    for (size_t i = 0; i < nc && (int64_t)i < want; i++) {
        uint32_t u = c[i].u;
        if (!buy(s, CS_CH_KOC, sc->brand_koc_cost))
            break; /* the budget is spent */
        s->seeded_koc[u] = 1;
        s->koc_seeded++;
        /* A KOC who tried the free sample posts about it, as the deal
         * asks, and has engaged with the product (it has not bought it). */
        int happy = cs_satisfied(p->quality, pf_expectation(sc, &rng));
        pf_slot *sl = pf_slot_for(s, u, 0);
        if (sl->product != 0 || sl->stage != PF_BOUGHT)
            *sl = (pf_slot){0, PF_ENGAGED, 0, 0, (int8_t)(happy ? 1 : -1), 0};
        pf_note n = {0, (int8_t)(happy ? 1 : -1), 0, (uint16_t)s->t, 0, 0};
        s->note[u] = s->note_next[u] = n;
        if (s->reach[u] < PF_ENGAGED) {
            if (s->reach[u] < PF_SEEDED)
                s->seeded++;
            s->engaged++;
            s->reach[u] = PF_ENGAGED;
        }
    }
    free(c);
    return 0;
}

static int in_list(const cs_int_list *l, int64_t day)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i] == day)
            return 1;
    return 0;
}

int pf_brand_day_start(pf_state *s, const cs_network *net)
{
    const cs_scenario *sc = s->sc;
    const int64_t day = pf_reported_day(s);
    cs_pcg32 rng = pf_stream(s, CS_STREAM_BRAND, 1);

    if (day >= sc->brand_seed_day && s->koc_seeded < sc->brand_koc_seeds) {
        int rc = seed_kocs(s, net, sc->brand_koc_seeds - s->koc_seeded);
        if (rc)
            return rc;
    }

    /* KOL notes: a registered KOL posts about a product of its first tag
     * with chance feed.product_share; sponsored posts go to KOLs of the
     * brand's tag first. */
    int64_t sponsored = day >= 1 ? cs_stochastic_round(sc->brand_kol_posts / 7.0,
                                                       cs_pcg32_double(&rng))
                                 : 0;
    for (uint32_t k = 0; k < s->nkols; k++) {
        uint32_t u = s->kol[k];
        const uint32_t ni = s->pop.interests;
        uint32_t tag = s->pop.interest[(size_t)u * ni];
        uint32_t lo = s->tag_products_off[tag], hi = s->tag_products_off[tag + 1];
        s->kol_note[k] = PF_NO_PRODUCT;
        if (cs_pcg32_double(&rng) < sc->feed_product_share && lo < hi &&
            s->status[u] == PF_ACTIVE)
            s->kol_note[k] = (uint16_t)s->tag_products[lo + cs_pcg32_bounded(&rng, hi - lo)];
    }
    /* Each sponsored post goes to a KOL not yet sponsored today, one of the
     * brand's tag if any is left; posts no KOL is left for are not bought. */
    for (int64_t i = 0; i < sponsored && s->nkols > 0; i++) {
        uint32_t start = cs_pcg32_bounded(&rng, s->nkols), pick = UINT32_MAX;
        for (uint32_t tries = 0; tries < s->nkols; tries++) {
            uint32_t k = (start + tries) % s->nkols;
            if (s->kol_note[k] == 0 || s->status[s->kol[k]] != PF_ACTIVE)
                continue;
            if (pf_has_interest(s, s->kol[k], s->brand_tag)) {
                pick = k;
                break;
            }
            if (pick == UINT32_MAX)
                pick = k;
        }
        if (pick == UINT32_MAX || !buy(s, CS_CH_KOL, sc->brand_kol_cost * pf_scale(s)))
            break;
        s->kol_note[pick] = 0;
    }

    /* Direct messages to the audience of the day. */
    s->dm_sent_today = 0;
    int64_t dms = day >= 1 ? cs_stochastic_round(sc->brand_dm_per_day, cs_pcg32_double(&rng)) : 0;
    for (int64_t i = 0; i < dms; i++) {
        for (int tries = 0; tries < 32; tries++) {
            uint32_t u = cs_pcg32_bounded(&rng, s->n);
            if (s->status[u] == PF_ACTIVE && s->dm_day[u] != s->t && pf_in_audience(s, u, day)) {
                if (!buy(s, CS_CH_DM, sc->brand_dm_cost)) {
                    i = dms; /* the budget is spent */
                    break;
                }
                s->dm_day[u] = (uint16_t)s->t;
                s->dm_sent_today++;
                break;
            }
        }
    }

    s->livestream_today = day >= 1 && in_list(&sc->brand_livestream_days, day) &&
                          buy(s, CS_CH_LIVESTREAM, sc->brand_livestream_cost * pf_scale(s));

    /* The brand's groups, built on day 1 around KOCs of its tag. */
    if (day == 1 && sc->brand_groups > 0 && sc->groups_enabled) {
        int64_t built = 0;
        for (uint32_t u = 0; u < s->n && built < sc->brand_groups; u++) {
            if (s->status[u] != PF_ACTIVE || !(s->role[u] & PF_KOC) ||
                !pf_has_interest(s, u, s->brand_tag))
                continue;
            int room = 0;
            for (int k = 0; k < PF_GROUPS; k++)
                room |= s->group[(size_t)u * PF_GROUPS + k] == PF_NONE;
            if (!room)
                continue;
            if (pf_group_found(s, u, s->brand_tag, 1) == PF_NONE)
                return CS_ERR_NOMEM;
            built++;
        }
    }
    /* A brand group the budget no longer pays for is its owner's own from
     * then on (it may still talk about the product it knows). */
    if (day >= 1)
        for (uint32_t gi = 0; gi < s->ngroups; gi++)
            if (s->groups[gi].brand && s->groups[gi].alive &&
                !buy(s, CS_CH_GROUP, sc->brand_group_cost / 30.0))
                s->groups[gi].brand = 0;

    s->festival_today = 0;
    for (size_t i = 0; i < sc->calendar_festivals.n; i++) {
        int64_t d = day - sc->calendar_festivals.v[i];
        if (d >= -sc->calendar_window && d <= sc->calendar_window)
            s->festival_today = 1;
    }
    return 0;
}

/* A buyer of the brand's product settles into one of its groups. */
void pf_brand_settle(pf_state *s, uint32_t u)
{
    if (!s->sc->groups_enabled)
        return;
    for (uint32_t gi = 0; gi < s->ngroups; gi++)
        if (s->groups[gi].brand && pf_group_join(s, u, gi))
            return;
}
