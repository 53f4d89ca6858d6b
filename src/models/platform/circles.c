/* SPDX-License-Identifier: MIT */
/* circles.c - private interest circles.
 *
 * SOURCES.md mechanism 4: a circle is not searchable; one joins only with an
 * invite code passed along existing ties by its owner or a member, so
 * circles spread as referral cascades from vetted owners. Owners apply
 * (real-name verified, active enough, with community-management
 * experience: has owned a group, or has been a group member for
 * circles.senior_days), and the platform reviews applications in batches
 * (the first batch opened 100 circles; scaled here). Members post
 * image-text, short video and voice; long text can be disallowed, and those
 * posts are then not written. Circles whose activity stays low close, as
 * earlier circle products did. With circles.invite_only false circles can
 * also be found, like groups: faster growth, but search admits people
 * without the circle's interest (circles.browse_any), whom its guidance and
 * buzz pull less and who leave sooner, and members who came through no tie
 * make a circle's word count less (cred.circle applies to the share of
 * members who joined by invitation, cred.group_peer to the rest).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/dist.h"
#include "models/platform/platform.h"

double cs_circle_leave_chance(double leave, double offtopic, int has_interest)
{
    if (has_interest || leave <= 0)
        return leave;
    return offtopic > leave ? leave / offtopic : 1.0;
}

int64_t cs_per_capita_batch(int64_t per_100k, int64_t people)
{
    int64_t n = (int64_t)llround((double)per_100k * (double)people / 100000.0);
    return per_100k > 0 && n < 1 ? 1 : n;
}

static double leave_chance(const pf_state *s, uint32_t u, uint32_t tag)
{
    return cs_circle_leave_chance(s->sc->circles_leave, s->sc->feed_offtopic,
                                  pf_has_interest(s, u, tag));
}

static int64_t per_capita(const cs_scenario *sc, int64_t per_100k)
{
    return cs_per_capita_batch(per_100k, sc->population_size);
}

/* Whether u has a circle slot free (an owner is its circle's first member). */
static int free_circle_slot(const pf_state *s, uint32_t u)
{
    for (int k = 0; k < PF_CIRCLES; k++)
        if (s->circle[(size_t)u * PF_CIRCLES + k] == PF_NONE)
            return 1;
    return 0;
}

static int launched(const pf_state *s, int64_t lead)
{
    return s->sc->circles_enabled && pf_reported_day(s) >= s->sc->circles_launch_day - lead;
}

size_t pf_circle_touches(const pf_state *s, uint32_t u, pf_touch *out, size_t cap)
{
    const cs_scenario *sc = s->sc;
    size_t n = 0;
    if (!sc->circles_enabled)
        return 0;
    for (int k = 0; k < PF_CIRCLES && n + 2 <= cap; k++) {
        uint32_t ci = s->circle[(size_t)u * PF_CIRCLES + k];
        if (ci == PF_NONE)
            continue;
        const pf_circle *c = &s->circles[ci];
        if (!c->open || c->members == 0 || c->owner == u)
            continue;
        double invited = (double)c->invited / (double)c->members;
        double cred = sc->cred_circle * invited + sc->cred_group_peer * (1.0 - invited);
        if (c->guide_day == s->t && c->guide_product != PF_NO_PRODUCT) {
            uint32_t j = c->guide_product;
            double share = (double)s->c_bought[(size_t)ci * s->nproducts + j] / (double)c->members;
            double pull = cs_pull(cred, pf_match(s, u, j), s->trust[u], sc->trust_weight,
                                  sc->funnel_proof, share);
            out[n++] = (pf_touch){(uint16_t)j, CS_CH_CIRCLE, 0, pull, PF_NONE};
        }
        if (c->buzz_product != PF_NO_PRODUCT && c->buzz_net != 0) {
            uint32_t j = c->buzz_product;
            double share = (double)s->c_bought[(size_t)ci * s->nproducts + j] / (double)c->members;
            int32_t net = c->buzz_net > 3 ? 3 : c->buzz_net < -3 ? -3 : c->buzz_net;
            double pull = net * cs_pull(cred, pf_match(s, u, j), s->trust[u], sc->trust_weight,
                                        sc->funnel_proof, share);
            out[n++] = (pf_touch){(uint16_t)j, CS_CH_CIRCLE, 0, pull, PF_NONE};
        }
    }
    return n;
}

/* Management experience: owns a group, or has been in one long enough. */
static int experienced(const pf_state *s, uint32_t u)
{
    if (s->role[u] & PF_GROUP_OWNER)
        return 1;
    for (int k = 0; k < PF_GROUPS; k++)
        if (s->group[(size_t)u * PF_GROUPS + k] != PF_NONE &&
            s->t - s->group_since[(size_t)u * PF_GROUPS + k] >= s->sc->circles_senior_days)
            return 1;
    return 0;
}

void pf_circle_decide(pf_state *s, const cs_network *net, uint32_t u, pf_events *ev,
                      cs_pcg32 *rng)
{
    const cs_scenario *sc = s->sc;
    if (!launched(s, sc->circles_review_every))
        return;
    double apply = cs_pcg32_double(rng);
    if (!(s->role[u] & PF_CIRCLE_OWNER) && (s->role[u] & PF_VERIFIED) &&
        s->habit[u] >= sc->circles_min_habit && apply < sc->circles_apply && experienced(s, u))
        pf_event_push(ev, (pf_event){.u = u, .kind = PF_EV_CIRCLE_APPLY});
    if (!launched(s, 0))
        return;
    int free_slot = 0;
    const uint32_t degree = cs_network_degree(net, u);
    /* Long text not allowed: the long posts a member would write are not written. */
    const double written = sc->circles_long_text ? 1.0 : 1.0 - pf_long_share(sc);
    for (int k = 0; k < PF_CIRCLES; k++) {
        uint32_t ci = s->circle[(size_t)u * PF_CIRCLES + k];
        double invite = cs_pcg32_double(rng);
        if (ci == PF_NONE) {
            free_slot = 1;
            continue;
        }
        if (!s->circles[ci].open)
            continue;
        int64_t posts = cs_poisson(sc->circles_post_rate * written, 10000, rng);
        if (posts > 0) {
            pf_event_push(ev, (pf_event){.u = u, .kind = PF_EV_CIRCLE_POSTS, .a = ci, .b = posts});
            s->own_msgs[u] = (uint16_t)(s->own_msgs[u] + posts < UINT16_MAX ? s->own_msgs[u] + posts
                                                                            : UINT16_MAX);
        }
        if (invite < sc->circles_invite && degree > 0) {
            /* The code goes to a friend who shares the circle's interest,
             * if the member thinks of one among a few (else to the last
             * friend thought of): invitations travel along ties and
             * interests. */
            uint32_t v = pf_random_friend(s, net, u, rng);
            for (int tries = 1; tries < PF_INVITE_TRIES && !pf_has_interest(s, v, s->circles[ci].tag);
                 tries++)
                v = pf_random_friend(s, net, u, rng);
            pf_event_push(ev, (pf_event){.u = u, .kind = PF_EV_CIRCLE_INVITE, .a = ci, .b = v});
        }
        /* Members leave; those without the circle's interest sooner (its
         * content does not fit their habits). */
        /* An owner who stops running its circle closes it. */
        double stay = cs_pcg32_double(rng);
        if (stay < leave_chance(s, u, s->circles[ci].tag))
            pf_event_push(ev, (pf_event){.u = u, .kind = PF_EV_CIRCLE_LEAVE, .a = ci});
    }
    if (free_slot && !sc->circles_invite_only && cs_pcg32_double(rng) < sc->circles_browse) {
        /* Search admits anyone: some browse the list whatever its
         * interest (a = PF_NONE), the others look on one of theirs. */
        const uint32_t k = s->pop.interests;
        uint32_t tag = s->pop.interest[(size_t)u * k + cs_pcg32_bounded(rng, k)];
        if (cs_pcg32_double(rng) < sc->circles_browse_any)
            tag = PF_NONE;
        pf_event_push(ev, (pf_event){.u = u, .kind = PF_EV_CIRCLE_BROWSE, .a = tag});
    }
}

static int circle_join(pf_state *s, uint32_t u, uint32_t ci, int invited)
{
    pf_circle *c = &s->circles[ci];
    if (!c->open || s->status[u] != PF_ACTIVE ||
        (s->sc->circles_capacity > 0 && c->members >= (uint32_t)s->sc->circles_capacity))
        return 0;
    int free_k = -1;
    for (int k = PF_CIRCLES - 1; k >= 0; k--) {
        uint32_t cur = s->circle[(size_t)u * PF_CIRCLES + k];
        if (cur == ci)
            return 0;
        if (cur == PF_NONE)
            free_k = k;
    }
    if (free_k < 0)
        return 0;
    s->circle[(size_t)u * PF_CIRCLES + free_k] = ci;
    s->circle_invited[(size_t)u * PF_CIRCLES + free_k] = (uint8_t)invited;
    c->members++;
    c->invited += (uint32_t)invited;
    return 1;
}

void pf_circle_leave(pf_state *s, uint32_t u, int k)
{
    uint32_t ci = s->circle[(size_t)u * PF_CIRCLES + k];
    if (ci == PF_NONE)
        return;
    pf_circle *c = &s->circles[ci];
    c->members--;
    c->invited -= s->circle_invited[(size_t)u * PF_CIRCLES + k];
    s->circle[(size_t)u * PF_CIRCLES + k] = PF_NONE;
}

int pf_circle_apply_event(pf_state *s, const pf_event *e)
{
    const cs_scenario *sc = s->sc;
    switch (e->kind) {
    case PF_EV_CIRCLE_POSTS:
        s->circles[e->a].posts_today += (uint32_t)e->b;
        break;
    case PF_EV_CIRCLE_INVITE: {
        uint32_t v = (uint32_t)e->b;
        const pf_circle *c = &s->circles[e->a];
        cs_pcg32 rng = pf_stream(s, CS_STREAM_CIRCLES, pf_pair_agent(e->u, v));
        double accept = sc->circles_accept *
                        (pf_has_interest(s, v, c->tag) ? 1.0 : sc->feed_offtopic);
        if (cs_pcg32_double(&rng) < accept)
            circle_join(s, v, e->a, 1);
        break;
    }
    case PF_EV_CIRCLE_BROWSE: {
        /* The whole list (every tag's, end to end), or one tag's. */
        uint32_t lo = e->a == PF_NONE ? 0 : s->tag_circles_off[e->a],
                 hi = e->a == PF_NONE ? s->tag_circles_off[s->ntags] : s->tag_circles_off[e->a + 1];
        if (lo == hi)
            break;
        cs_pcg32 rng = pf_stream(s, CS_STREAM_CIRCLES, 2ull * s->n + e->u);
        circle_join(s, e->u, s->tag_circles[lo + cs_pcg32_bounded(&rng, hi - lo)], 0);
        break;
    }
    case PF_EV_CIRCLE_LEAVE:
        if (s->circles[e->a].owner == e->u) {
            pf_circle_close(s, e->a);
            break;
        }
        for (int k = 0; k < PF_CIRCLES; k++)
            if (s->circle[(size_t)e->u * PF_CIRCLES + k] == e->a)
                pf_circle_leave(s, e->u, k);
        break;
    case PF_EV_CIRCLE_APPLY:
        if (s->napplicants == s->applicants_cap) {
            size_t cap = s->applicants_cap ? 2 * s->applicants_cap : 64;
            uint32_t *a = realloc(s->applicants, cap * sizeof *a);
            if (!a)
                return -1;
            s->applicants = a;
            s->applicants_cap = cap;
        }
        s->applicants[s->napplicants++] = e->u;
        break;
    default:
        return 0;
    }
    return 1;
}

static uint32_t circle_found(pf_state *s, uint32_t owner, uint32_t tag)
{
    if (s->ncircles == s->circles_cap) {
        uint32_t cap = s->circles_cap ? s->circles_cap * 2 : 32;
        pf_circle *c = realloc(s->circles, (size_t)cap * sizeof *c);
        if (!c)
            return PF_NONE;
        s->circles = c;
        uint32_t *b = realloc(s->c_bought, (size_t)cap * s->nproducts * sizeof *b);
        if (!b)
            return PF_NONE;
        s->c_bought = b;
        s->circles_cap = cap;
    }
    uint32_t ci = s->ncircles++;
    pf_circle *c = &s->circles[ci];
    memset(c, 0, sizeof *c);
    memset(&s->c_bought[(size_t)ci * s->nproducts], 0, s->nproducts * sizeof *s->c_bought);
    c->tag = (uint16_t)tag;
    c->open = 1;
    c->owner = owner;
    c->activity = (float)(s->sc->circles_min_posts * 2.0);
    c->guide_product = pf_best_product(s, tag);
    c->buzz_product = c->buzz_next_product = PF_NO_PRODUCT;
    s->role[owner] |= PF_CIRCLE_OWNER;
    circle_join(s, owner, ci, 1);
    return ci;
}

int pf_circles_day_start(pf_state *s)
{
    const cs_scenario *sc = s->sc;
    int64_t day = pf_reported_day(s);
    if (launched(s, 0) && (day - sc->circles_launch_day) % sc->circles_review_every == 0) {
        /* The review: applications in the order they came, each approved
         * with circles.approval, up to the batch. Rejected applicants may
         * apply again. */
        cs_pcg32 rng = pf_stream(s, CS_STREAM_CIRCLES, 3ull * s->n);
        int64_t limit = per_capita(sc, s->reviews_done == 0 ? sc->circles_first_batch
                                                             : sc->circles_batch);
        int64_t approved = 0;
        for (size_t i = 0; i < s->napplicants && approved < limit; i++) {
            uint32_t u = s->applicants[i];
            if (cs_pcg32_double(&rng) >= sc->circles_approval || s->status[u] != PF_ACTIVE ||
                (s->role[u] & PF_CIRCLE_OWNER) || !free_circle_slot(s, u))
                continue;
            const uint32_t k = s->pop.interests;
            uint32_t tag = s->pop.interest[(size_t)u * k + cs_pcg32_bounded(&rng, k)];
            if (circle_found(s, u, tag) == PF_NONE)
                return CS_ERR_NOMEM;
            approved++;
        }
        /* A review with nobody to review does not use up the first batch. */
        if (s->napplicants > 0)
            s->reviews_done++;
        s->napplicants = 0;
    }
    /* Owners who opened yesterday guide their members today, as group
     * owners do. */
    cs_pcg32 guide = pf_stream(s, CS_STREAM_CIRCLES, 4ull * s->n);
    for (uint32_t ci = 0; ci < s->ncircles; ci++) {
        pf_circle *c = &s->circles[ci];
        double chance = pf_opened_yesterday(s, c->owner) ? sc->groups_guidance : 0;
        if (cs_pcg32_double(&guide) < chance && c->open)
            c->guide_day = (uint16_t)s->t;
    }
    /* Searchable circles by tag (used only when invite_only is off). */
    uint16_t *tag = malloc(((size_t)s->ncircles + 1) * sizeof *tag);
    if (!tag)
        return CS_ERR_NOMEM;
    for (uint32_t ci = 0; ci < s->ncircles; ci++)
        tag[ci] = s->circles[ci].open && (sc->circles_capacity == 0 ||
                                          s->circles[ci].members < (uint32_t)sc->circles_capacity)
                      ? s->circles[ci].tag
                      : UINT16_MAX;
    int rc = pf_index_by_tag(tag, s->ncircles, s->ntags, s->tag_circles_off, &s->tag_circles);
    free(tag);
    return rc;
}

void pf_circle_close(pf_state *s, uint32_t ci)
{
    pf_circle *c = &s->circles[ci];
    if (c->open) {
        c->open = 0;
        s->circles_closed++;
        s->any_dead = 1;
        /* Its owner owns none now, and may apply again. */
        s->role[c->owner] &= (uint8_t)~PF_CIRCLE_OWNER;
    }
}

void pf_circles_day_end(pf_state *s)
{
    const cs_scenario *sc = s->sc;
    for (uint32_t ci = 0; ci < s->ncircles; ci++) {
        pf_circle *c = &s->circles[ci];
        c->posts_yesterday = c->posts_today;
        c->posts_today = 0;
        c->buzz_product = c->buzz_next_product;
        c->buzz_net = c->buzz_next_net;
        c->buzz_next_product = PF_NO_PRODUCT;
        c->buzz_next_net = 0;
        if (!c->open)
            continue;
        c->activity = (float)(c->activity * 6.0 / 7.0 + c->posts_yesterday / 7.0);
        c->quiet = c->activity < sc->circles_min_posts ? (uint16_t)(c->quiet + 1) : 0;
        if (c->quiet >= sc->circles_quiet_days || c->members == 0)
            pf_circle_close(s, ci);
    }
}
