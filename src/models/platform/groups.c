/* SPDX-License-Identifier: MIT */
/* groups.c - interest group chats on the public group-chat square.
 *
 * SOURCES.md: users find group chats by interest tag on the square and apply
 * to join; groups are temporary and looser than circles. Here a group has a
 * tag, an owner, a capacity and an activity level. Members who open the app
 * write messages; the messages waiting in a member's groups are reasons to
 * open the app tomorrow (attention.c), which is how members come to open
 * more often. Members see the owner's product-selection guidance and the
 * orders their peers show, with social proof from how many members bought.
 * A group whose activity stays low goes quiet and dies; active users found
 * new ones.
 */
#include <stdlib.h>
#include <string.h>

#include "base/dist.h"
#include "models/platform/platform.h"

static double bought_share(const uint32_t *bought, size_t row, uint32_t nproducts, uint32_t j,
                           uint32_t members)
{
    return members ? (double)bought[row * nproducts + j] / (double)members : 0;
}

size_t pf_group_touches(const pf_state *s, uint32_t u, pf_touch *out, size_t cap)
{
    const cs_scenario *sc = s->sc;
    size_t n = 0;
    if (!sc->groups_enabled)
        return 0;
    for (int k = 0; k < PF_GROUPS && n + 2 <= cap; k++) {
        uint32_t gi = s->group[(size_t)u * PF_GROUPS + k];
        if (gi == PF_NONE)
            continue;
        const pf_group *g = &s->groups[gi];
        if (!g->alive || g->owner == u)
            continue;
        if (g->guide_day == s->t && g->guide_product != PF_NO_PRODUCT) {
            uint32_t j = g->guide_product;
            double pull = cs_pull(sc->cred_group_owner, pf_match(s, u, j), s->trust[u],
                                  sc->trust_weight, sc->funnel_proof,
                                  bought_share(s->g_bought, gi, s->nproducts, j, g->members));
            out[n++] = (pf_touch){(uint16_t)j, CS_CH_GROUP, 0, pull, PF_NONE};
        }
        if (g->buzz_product != PF_NO_PRODUCT && g->buzz_net != 0) {
            uint32_t j = g->buzz_product;
            int32_t net = g->buzz_net > 3 ? 3 : g->buzz_net < -3 ? -3 : g->buzz_net;
            double pull = net * cs_pull(sc->cred_group_peer, pf_match(s, u, j), s->trust[u],
                                        sc->trust_weight, sc->funnel_proof,
                                        bought_share(s->g_bought, gi, s->nproducts, j, g->members));
            out[n++] = (pf_touch){(uint16_t)j, CS_CH_GROUP, 0, pull, PF_NONE};
        }
    }
    return n;
}

void pf_group_decide(pf_state *s, uint32_t u, int64_t sessions, pf_events *ev, cs_pcg32 *rng)
{
    const cs_scenario *sc = s->sc;
    if (!sc->groups_enabled || sessions == 0)
        return;
    int free_slot = 0;
    for (int k = 0; k < PF_GROUPS; k++) {
        uint32_t gi = s->group[(size_t)u * PF_GROUPS + k];
        double leave = cs_pcg32_double(rng);
        if (gi == PF_NONE) {
            free_slot = 1;
            continue;
        }
        const pf_group *g = &s->groups[gi];
        if (!g->alive)
            continue;
        double rate = sc->groups_message_rate * (g->owner == u ? sc->groups_owner_factor : 1.0);
        int64_t m = cs_poisson(rate, 10000, rng);
        if (m > 0) {
            pf_event_push(ev, (pf_event){.u = u, .kind = PF_EV_GROUP_MSGS, .a = gi, .b = m});
            s->own_msgs[u] = (uint16_t)(s->own_msgs[u] + m < UINT16_MAX ? s->own_msgs[u] + m
                                                                        : UINT16_MAX);
        }
        /* Owners leave too (a brand keeps its groups): group chats are
         * temporary, and one whose owner leaves is dissolved. */
        if (leave < sc->groups_leave && !(g->brand && g->owner == u))
            pf_event_push(ev, (pf_event){.u = u, .kind = PF_EV_GROUP_LEAVE, .a = gi});
    }
    /* Stronger social needs further from the first tier (SOURCES.md mechanism 8). */
    if (free_slot &&
        cs_pcg32_double(rng) < sc->groups_browse * cs_tier_factor(sc->users_tier_social, s->pop.tier[u])) {
        const uint32_t k = s->pop.interests;
        uint32_t tag = s->pop.interest[(size_t)u * k + cs_pcg32_bounded(rng, k)];
        pf_event_push(ev, (pf_event){.u = u, .kind = PF_EV_GROUP_APPLY, .a = tag});
    }
}

int pf_group_join(pf_state *s, uint32_t u, uint32_t gi)
{
    pf_group *g = &s->groups[gi];
    if (!g->alive || g->members >= (uint32_t)s->sc->groups_capacity)
        return 0;
    int free_k = -1;
    for (int k = PF_GROUPS - 1; k >= 0; k--) {
        uint32_t cur = s->group[(size_t)u * PF_GROUPS + k];
        if (cur == gi)
            return 0;
        if (cur == PF_NONE)
            free_k = k;
    }
    if (free_k < 0)
        return 0;
    s->group[(size_t)u * PF_GROUPS + free_k] = gi;
    s->group_since[(size_t)u * PF_GROUPS + free_k] = (uint16_t)s->t;
    g->members++;
    return 1;
}

void pf_group_dissolve(pf_state *s, uint32_t gi)
{
    /* Its members, the owner among them, are removed at the day's end. */
    if (s->groups[gi].alive) {
        s->groups[gi].alive = 0;
        s->any_dead = 1;
    }
}

void pf_group_leave(pf_state *s, uint32_t u, int k)
{
    uint32_t gi = s->group[(size_t)u * PF_GROUPS + k];
    if (gi == PF_NONE)
        return;
    pf_group *g = &s->groups[gi];
    g->members--;
    s->group[(size_t)u * PF_GROUPS + k] = PF_NONE;
}

int pf_group_apply_event(pf_state *s, const pf_event *e)
{
    const cs_scenario *sc = s->sc;
    switch (e->kind) {
    case PF_EV_GROUP_MSGS: {
        pf_group *g = &s->groups[e->a];
        g->msgs_today += (uint32_t)e->b;
        break;
    }
    case PF_EV_GROUP_LEAVE:
        if (s->groups[e->a].owner == e->u) {
            pf_group_dissolve(s, e->a);
            break;
        }
        for (int k = 0; k < PF_GROUPS; k++)
            if (s->group[(size_t)e->u * PF_GROUPS + k] == e->a)
                pf_group_leave(s, e->u, k);
        break;
    case PF_EV_GROUP_APPLY: {
        uint32_t lo = s->tag_groups_off[e->a], hi = s->tag_groups_off[e->a + 1];
        if (lo == hi)
            break;
        /* A second stream of the applicant's: which group, and the answer. */
        cs_pcg32 rng = pf_stream(s, CS_STREAM_GROUPS, (uint64_t)s->n + e->u);
        uint32_t gi = s->tag_groups[lo + cs_pcg32_bounded(&rng, hi - lo)];
        if (cs_pcg32_double(&rng) < sc->groups_accept)
            pf_group_join(s, e->u, gi);
        break;
    }
    default:
        return 0;
    }
    return 1;
}

/* The best product of a tag, as an owner who knows the field would guide:
 * the highest quality, ties to the lower index. */
uint16_t pf_best_product(const pf_state *s, uint32_t tag)
{
    uint32_t lo = s->tag_products_off[tag], hi = s->tag_products_off[tag + 1];
    uint16_t best = PF_NO_PRODUCT;
    for (uint32_t i = lo; i < hi; i++) {
        uint32_t j = s->tag_products[i];
        if (best == PF_NO_PRODUCT || s->product[j].quality > s->product[best].quality)
            best = (uint16_t)j;
    }
    return best;
}

/* A new group, its owner its first member. Returns its index or PF_NONE. */
uint32_t pf_group_found(pf_state *s, uint32_t owner, uint32_t tag, int brand)
{
    if (s->ngroups == s->groups_cap) {
        uint32_t cap = s->groups_cap ? s->groups_cap * 2 : 64;
        pf_group *g = realloc(s->groups, (size_t)cap * sizeof *g);
        if (!g)
            return PF_NONE;
        s->groups = g;
        uint32_t *b = realloc(s->g_bought, (size_t)cap * s->nproducts * sizeof *b);
        if (!b)
            return PF_NONE;
        s->g_bought = b;
        s->groups_cap = cap;
    }
    uint32_t gi = s->ngroups++;
    pf_group *g = &s->groups[gi];
    memset(g, 0, sizeof *g);
    memset(&s->g_bought[(size_t)gi * s->nproducts], 0, s->nproducts * sizeof *s->g_bought);
    g->tag = (uint16_t)tag;
    g->alive = 1;
    g->brand = (uint8_t)brand;
    g->owner = owner;
    g->activity = (float)(s->sc->groups_min_messages * 2.0); /* a honeymoon week */
    g->guide_product = brand ? 0 : pf_best_product(s, tag);
    g->buzz_product = g->buzz_next_product = PF_NO_PRODUCT;
    s->role[owner] |= PF_GROUP_OWNER;
    pf_group_join(s, owner, gi);
    return gi;
}

/* A random registered user with room for one more group, or PF_NONE. */
static uint32_t random_active(const pf_state *s, cs_pcg32 *rng)
{
    for (int tries = 0; tries < 64; tries++) {
        uint32_t u = cs_pcg32_bounded(rng, s->n);
        if (s->status[u] == PF_ACTIVE)
            for (int k = 0; k < PF_GROUPS; k++)
                if (s->group[(size_t)u * PF_GROUPS + k] == PF_NONE)
                    return u;
    }
    return PF_NONE;
}

int pf_groups_day_start(pf_state *s)
{
    const cs_scenario *sc = s->sc;
    cs_pcg32 rng = pf_stream(s, CS_STREAM_GROUPS, 2ull * s->n);
    if (sc->groups_enabled) {
        int64_t found = cs_stochastic_round(sc->groups_create * (double)s->users / 1000.0,
                                            cs_pcg32_double(&rng));
        for (int64_t i = 0; i < found; i++) {
            uint32_t owner = random_active(s, &rng);
            if (owner == PF_NONE)
                continue;
            const uint32_t k = s->pop.interests;
            uint32_t tag = s->pop.interest[(size_t)owner * k + cs_pcg32_bounded(&rng, k)];
            if (pf_group_found(s, owner, tag, 0) == PF_NONE)
                return CS_ERR_NOMEM;
        }
    }
    /* Owners who opened yesterday guide today (brand groups: brand.guidance). */
    for (uint32_t gi = 0; gi < s->ngroups; gi++) {
        pf_group *g = &s->groups[gi];
        double chance = g->brand ? sc->brand_guidance
                                 : (pf_opened_yesterday(s, g->owner) ? sc->groups_guidance : 0);
        if (g->alive && cs_pcg32_double(&rng) < chance)
            g->guide_day = (uint16_t)s->t;
    }
    /* The square today: open groups with room, by tag. */
    uint16_t *tag = malloc(((size_t)s->ngroups + 1) * sizeof *tag);
    if (!tag)
        return CS_ERR_NOMEM;
    for (uint32_t gi = 0; gi < s->ngroups; gi++) {
        const pf_group *g = &s->groups[gi];
        int listed = g->alive && !g->brand && g->members < (uint32_t)sc->groups_capacity;
        tag[gi] = listed ? g->tag : UINT16_MAX;
    }
    int rc = pf_index_by_tag(tag, s->ngroups, s->ntags, s->tag_groups_off, &s->tag_groups);
    free(tag);
    return rc;
}

void pf_groups_day_end(pf_state *s)
{
    const cs_scenario *sc = s->sc;
    for (uint32_t gi = 0; gi < s->ngroups; gi++) {
        pf_group *g = &s->groups[gi];
        g->msgs_yesterday = g->msgs_today;
        g->msgs_today = 0;
        g->buzz_product = g->buzz_next_product;
        g->buzz_net = g->buzz_next_net;
        g->buzz_next_product = PF_NO_PRODUCT;
        g->buzz_next_net = 0;
        if (!g->alive)
            continue;
        g->activity = (float)(g->activity * 6.0 / 7.0 + g->msgs_yesterday / 7.0);
        g->quiet = g->activity < sc->groups_min_messages ? (uint16_t)(g->quiet + 1) : 0;
        if (g->quiet >= sc->groups_quiet_days || g->members == 0) {
            g->alive = 0;
            s->any_dead = 1;
        }
    }
}
