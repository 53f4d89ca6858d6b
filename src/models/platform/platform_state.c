/* SPDX-License-Identifier: MIT */
/* platform_state.c - the platform model's state in a checkpoint, and what
 * it owns.
 *
 * The scalars of pf_state are saved as the struct's bytes (the checkpoint
 * carries circlesim's version, so the layout is the one that wrote them);
 * every allocation it owns is listed once, in pf_owned, so that freeing,
 * loading and saving cannot disagree about them. Arrays a day rebuilds
 * before it reads them (the ad alias table, the tag indexes of the square,
 * the per-community buyer counts, the per-block scratch) are not stored.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/checkpoint_io.h"
#include "engine/model.h"
#include "models/platform/platform.h"
#include "engine/run_struct.h"

size_t pf_owned(pf_state *s, void **out[PF_OWNED_MAX])
{
    void **list[] = {
#define PF_OWN(type, name, per_user) (void **)&s->name,
        PF_USER_ARRAYS(PF_OWN)
#undef PF_OWN
        (void **)&s->pending,     (void **)&s->kol,         (void **)&s->kol_note,
        (void **)&s->product,     (void **)&s->tag_products_off, (void **)&s->tag_products,
        (void **)&s->tag_traffic_cum, (void **)&s->ad_alias, (void **)&s->ad_prob,
        (void **)&s->groups,      (void **)&s->g_bought,    (void **)&s->tag_groups_off,
        (void **)&s->tag_groups,  (void **)&s->circles,     (void **)&s->c_bought,
        (void **)&s->tag_circles_off, (void **)&s->tag_circles, (void **)&s->applicants,
        (void **)&s->tally,       (void **)&s->sale_ties,   (void **)&s->events,
        (void **)&s->pop.tier,    (void **)&s->pop.post95,  (void **)&s->pop.interest,
        (void **)&s->pop.sociability,
    };
    size_t n = sizeof list / sizeof list[0];
    _Static_assert(sizeof list / sizeof list[0] <= PF_OWNED_MAX, "raise PF_OWNED_MAX");
    memcpy(out, list, sizeof list);
    return n;
}

static int product_ok(const pf_state *s, uint16_t j)
{
    return j == PF_NO_PRODUCT || j < s->nproducts;
}

/* Every value the model indexes an array with, within that array. */
static const char *invalid(const pf_state *s, const cs_run *r)
{
    const uint32_t n = s->n;
    if (s->pop.n != n || s->pop.tags != s->ntags || s->pop.interests > CS_MAX_INTERESTS ||
        s->pop.interests >= s->ntags)
        return "the population";
    for (size_t i = 0; i < (size_t)n * s->pop.interests; i++)
        if (s->pop.interest[i] >= s->ntags)
            return "a user's interests";
    for (uint32_t u = 0; u < n; u++) {
        if (s->status[u] > PF_ACTIVE || s->pop.tier[u] >= CS_TIER_COUNT ||
            s->reach[u] > PF_BOUGHT)
            return "a user's status";
        /* Rates and shares as the model makes them: finite, not negative,
         * and the shares within [0, 1]. */
        const float rate[] = {s->open_base[u], s->appetite[u], s->habit[u], s->ad_tolerance[u]};
        const float share[] = {s->trust[u], s->disposition[u], s->price_sens[u],
                               s->loyalty[u], s->affinity[u]};
        for (size_t k = 0; k < sizeof rate / sizeof rate[0]; k++)
            if (!(rate[k] >= 0 && isfinite(rate[k])))
                return "a user's attention";
        for (size_t k = 0; k < sizeof share / sizeof share[0]; k++)
            if (!(share[k] >= 0 && share[k] <= 1))
                return "a user's trust or tastes";
        for (int k = 0; k < PF_GROUPS; k++) {
            uint32_t g = s->group[(size_t)u * PF_GROUPS + k];
            if (g != PF_NONE && g >= s->ngroups)
                return "a user's group chats";
        }
        for (int k = 0; k < PF_CIRCLES; k++) {
            uint32_t c = s->circle[(size_t)u * PF_CIRCLES + k];
            if (c != PF_NONE && c >= s->ncircles)
                return "a user's circles";
        }
        for (int k = 0; k < PF_FOLLOWS; k++) {
            uint16_t kol = s->follows[(size_t)u * PF_FOLLOWS + k];
            if (kol != UINT16_MAX && kol >= s->nkols)
                return "a user's follows";
        }
        for (int k = 0; k < PF_SLOTS; k++) {
            const pf_slot *sl = &s->slot[(size_t)u * PF_SLOTS + k];
            if (!product_ok(s, sl->product) || sl->stage > PF_BOUGHT)
                return "a user's products";
        }
        if (!product_ok(s, s->note[u].product) || !product_ok(s, s->note_next[u].product) ||
            !product_ok(s, s->gb_product[u]))
            return "a user's notes";
    }
    for (uint32_t i = 0; i < s->nkols; i++)
        if (s->kol[i] >= n || !product_ok(s, s->kol_note[i]))
            return "the KOLs";
    for (uint32_t j = 0; j < s->nproducts; j++)
        if (s->product[j].tag >= s->ntags)
            return "the products";
    for (uint32_t t = 0; t < s->ntags; t++)
        if (s->tag_products_off[t] > s->tag_products_off[t + 1])
            return "the products by tag";
    if (s->tag_products_off[0] != 0 || s->tag_products_off[s->ntags] > s->nproducts)
        return "the products by tag";
    for (uint32_t i = 0; i < s->tag_products_off[s->ntags]; i++)
        if (s->tag_products[i] >= s->nproducts)
            return "the products by tag";
    for (uint32_t g = 0; g < s->ngroups; g++) {
        const pf_group *gr = &s->groups[g];
        if (gr->tag >= s->ntags || gr->owner >= n || !product_ok(s, gr->guide_product) ||
            !product_ok(s, gr->buzz_product) || !product_ok(s, gr->buzz_next_product))
            return "a group chat";
    }
    for (uint32_t c = 0; c < s->ncircles; c++) {
        const pf_circle *ci = &s->circles[c];
        if (ci->tag >= s->ntags || ci->owner >= n || !product_ok(s, ci->guide_product) ||
            !product_ok(s, ci->buzz_product) || !product_ok(s, ci->buzz_next_product))
            return "a circle";
    }
    for (size_t i = 0; i < s->napplicants; i++)
        if (s->applicants[i] >= n)
            return "the circle applications";
    for (size_t i = 0; i < s->npending; i++) {
        /* Only group-buy orders wait, each for the pool its initiator opened. */
        const pf_event *e = &s->pending[i];
        if (e->kind != PF_EV_BUY || !(e->flags & PF_BUY_GROUP) || e->u >= n || e->a >= n ||
            e->product >= s->nproducts || e->channel >= CS_CH_COUNT || e->by > n ||
            s->gb_product[e->a] != e->product)
            return "the orders waiting for a group buy";
    }
    for (size_t i = 0; i < s->nsale_ties; i++)
        if (s->sale_ties[i] >= n)
            return "the day's sales";
    if (s->nproducts < 1 || s->nproducts > PF_NO_PRODUCT || s->brand_tag >= s->ntags ||
        s->nkols > n || s->nkols > UINT16_MAX || s->warmup != r->sc->warmup_days ||
        s->seed != (uint64_t)r->sc->seed)
        return "the model's sizes";
    return NULL;
}

void pf_state_io(cs_run *r, cs_ckpt *c)
{
    const int loading = cs_ckpt_loading(c);
    cs_ckpt_scratch(c, &r->state, sizeof(pf_state), 1);
    pf_state *s = r->state;
    if (!s)
        return;
    cs_ckpt_bytes(c, s, sizeof *s);
    if (loading) {
        /* The pointers read are the writer's: none may survive. */
        void **owned[PF_OWNED_MAX];
        size_t k = pf_owned(s, owned);
        for (size_t i = 0; i < k; i++)
            *owned[i] = NULL;
        s->sc = r->sc;
        if (cs_ckpt_error(c))
            return;
        const uint64_t nblocks = ((uint64_t)r->net.n + CS_BLOCK - 1) / CS_BLOCK;
        /* Sizes as the scenario makes them; the counts of groups, circles
         * and orders are bounded by the file (their arrays are read before
         * the scratch sized by them is made). */
        const cs_scenario *sc = r->sc;
        if (s->n != r->net.n || s->pop.n != s->n || (uint64_t)s->nblocks != nblocks ||
            s->ntags != (uint64_t)sc->population_tags || s->pop.tags != s->ntags ||
            s->nproducts != (uint64_t)sc->market_merchants ||
            s->pop.interests != (uint64_t)sc->population_interests)
            cs_ckpt_invalid(c, "the model's sizes");
        if (cs_ckpt_error(c))
            return;
        /* Growable arrays come back exactly full. */
        s->groups_cap = s->ngroups;
        s->circles_cap = s->ncircles;
        s->pending_cap = s->npending;
        s->applicants_cap = s->napplicants;
        s->sale_ties_cap = s->nsale_ties;
    }
    const uint64_t n = s->n, m = s->nproducts, T = s->ntags;
#define ARRAY(field, count) cs_ckpt_array(c, &s->field, sizeof *s->field, (count), 0)
#define SCRATCH(field, count) cs_ckpt_scratch(c, &s->field, sizeof *s->field, (count))
    ARRAY(pop.tier, n);
    ARRAY(pop.post95, n);
    ARRAY(pop.interest, n * s->pop.interests);
    ARRAY(pop.sociability, n);
#define PF_SAVE(type, name, per_user) ARRAY(name, n * (per_user));
    PF_USER_ARRAYS(PF_SAVE)
#undef PF_SAVE
    ARRAY(pending, s->npending);
    ARRAY(kol, s->nkols);
    ARRAY(kol_note, s->nkols);
    ARRAY(product, m);
    ARRAY(tag_products_off, T + 1);
    ARRAY(tag_products, m);
    ARRAY(groups, s->ngroups);
    ARRAY(circles, s->ncircles);
    ARRAY(applicants, s->napplicants);
    ARRAY(sale_ties, s->nsale_ties);
    SCRATCH(tag_traffic_cum, m);
    SCRATCH(ad_alias, m);
    SCRATCH(ad_prob, m);
    SCRATCH(g_bought, (uint64_t)s->ngroups * m);
    SCRATCH(c_bought, (uint64_t)s->ncircles * m);
    SCRATCH(tag_groups_off, T + 1);
    SCRATCH(tag_circles_off, T + 1);
    SCRATCH(events, s->nblocks);
    SCRATCH(tally, s->nblocks);
#undef ARRAY
#undef SCRATCH
    if (loading && !cs_ckpt_error(c)) {
        const char *why = invalid(s, r);
        if (why)
            cs_ckpt_invalid(c, why);
    }
}
