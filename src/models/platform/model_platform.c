/* SPDX-License-Identifier: MIT */
/* model_platform.c - the platform model's day order (docs/MODEL.md, 1.3):
 *   1. platform and brand actions: merchants' store reviews, circle reviews,
 *      new groups, owners' guidance, KOL posts, the brand's seeding, DMs and
 *      livestreams;
 *   2. every registered user, from yesterday's state: opens the app (or
 *      not, and may leave), spends time on notes and chat messages, is
 *      touched by feed, friends, KOLs, DMs, livestreams, groups and circles,
 *      moves through the funnel, buys, shows the order, chats, applies,
 *      invites;
 *   3. the day's events in user order: joins, churn, purchases, notes,
 *      memberships; then group and circle activity, and the day's row.
 * The mechanisms live in attention.c, feed.c, groups.c, circles.c, funnel.c,
 * commerce.c, trust.c and brand.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "network/population.h"
#include "engine/model.h"
#include "base/alias.h"
#include "base/dist.h"
#include "models/platform/platform.h"
#include "engine/run_struct.h"

/* ---- helpers ------------------------------------------------------------ */

int pf_has_interest(const pf_state *s, uint32_t u, uint32_t tag)
{
    const uint32_t k = s->pop.interests;
    const uint16_t *in = &s->pop.interest[(size_t)u * k];
    for (uint32_t i = 0; i < k; i++)
        if (in[i] == tag)
            return 1;
    return 0;
}

double pf_match(const pf_state *s, uint32_t u, uint32_t product)
{
    return pf_has_interest(s, u, s->product[product].tag) ? 1.0 : s->sc->feed_offtopic;
}

int64_t pf_reported_day(const pf_state *s) { return s->t - s->warmup; }

void pf_event_push(pf_events *e, pf_event ev)
{
    if (e->n == e->cap) {
        size_t cap = e->cap ? 2 * e->cap : 1024;
        pf_event *v = realloc(e->v, cap * sizeof *v);
        if (!v) {
            e->nomem = 1;
            return;
        }
        e->v = v;
        e->cap = cap;
    }
    e->v[e->n++] = ev;
}

uint64_t pf_fen(double yuan) { return yuan > 0 ? (uint64_t)llround(yuan * 100.0) : 0; }

int pf_index_by_tag(const uint16_t *tag, uint32_t nitems, uint32_t ntags, uint32_t *off,
                    uint32_t **list)
{
    memset(off, 0, ((size_t)ntags + 1) * sizeof *off);
    for (uint32_t i = 0; i < nitems; i++)
        if (tag[i] != UINT16_MAX)
            off[tag[i] + 1]++;
    for (uint32_t t = 0; t < ntags; t++)
        off[t + 1] += off[t];
    uint32_t *fill = calloc(ntags ? ntags : 1, sizeof *fill);
    uint32_t *l = realloc(*list, ((size_t)nitems + 1) * sizeof *l);
    if (l)
        *list = l;
    if (!fill || !l) {
        free(fill);
        return CS_ERR_NOMEM;
    }
    for (uint32_t i = 0; i < nitems; i++)
        if (tag[i] != UINT16_MAX)
            l[off[tag[i]] + fill[tag[i]]++] = i;
    free(fill);
    return 0;
}

uint64_t pf_pair_agent(uint32_t from, uint32_t to)
{
    return (1ull << 63) | ((uint64_t)from << 32) | to;
}

uint32_t pf_random_friend(const pf_state *s, const cs_network *net, uint32_t u, cs_pcg32 *rng)
{
    if (net->complete) {
        uint32_t v = cs_pcg32_bounded(rng, s->n - 1);
        return v + (v >= u);
    }
    return net->adj[net->off[u] + cs_pcg32_bounded(rng, cs_network_degree(net, u))];
}

/* a / b, NaN without a positive b (an undefined ratio). */
static double ratio(double a, double b) { return b > 0 ? a / b : NAN; }

/* Standard normal quantile by bisection on erfc (used at set-up only). */
static double normal_quantile(double p)
{
    double lo = -10, hi = 10;
    for (int i = 0; i < 100; i++) {
        double mid = 0.5 * (lo + hi);
        if (0.5 * erfc(-mid / sqrt(2.0)) < p)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

/* ---- set-up --------------------------------------------------------------- */

int pf_by_key_desc(const void *a, const void *b)
{
    const pf_ranked *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? 1 : -1;
    return x->u < y->u ? -1 : x->u > y->u;
}

/* Users by sociability, highest first, ties to the lower index. */
static int sort_by_sociability(uint32_t *order, uint32_t n, const float *sociability)
{
    pf_ranked *r = malloc((n ? n : 1) * sizeof *r);
    if (!r)
        return CS_ERR_NOMEM;
    for (uint32_t u = 0; u < n; u++)
        r[u] = (pf_ranked){u, sociability[u]};
    qsort(r, n, sizeof *r, pf_by_key_desc);
    for (uint32_t i = 0; i < n; i++)
        order[i] = r[i].u;
    free(r);
    return 0;
}

int pf_init_users(pf_state *s, const cs_network *net, const cs_nodes *nodes, int threads)
{
    const cs_scenario *sc = s->sc;
    const uint32_t n = s->n;
    cs_population_params pp;
    cs_population_params_from(sc, &pp);
    /* Users' attributes belong to the world (cs_world_seed): the same draws
     * as the homophily network's, so ties and attributes agree. */
    const uint64_t world = (uint64_t)cs_world_seed(sc);
    int rc = cs_population_generate(&s->pop, n, &pp, world, threads);
    if (rc)
        return rc;
    size_t nn = n ? n : 1;
    int ok = 1;
#define PF_ALLOC(type, name, per_user) \
    ok = ok && (s->name = calloc(nn * (per_user), sizeof(type))) != NULL;
    PF_USER_ARRAYS(PF_ALLOC)
#undef PF_ALLOC
    if (!ok)
        return CS_ERR_NOMEM;
    /* Who is sociable: the homophily generator's draws made the ties; on any
     * other network the ties are given, and a user's sociability is its
     * degree. An attributes file (network.nodes) has the last word. */
    if (sc->network_kind != CS_NET_HOMOPHILY)
        for (uint32_t u = 0; u < n; u++)
            s->pop.sociability[u] = (float)cs_network_degree(net, u);
    if (nodes)
        cs_nodes_apply(nodes, &s->pop);
    /* KOCs are the most sociable users, KOLs the most sociable of all (ties
     * to the lower index, so the counts are exact). */
    uint32_t *order = malloc(nn * sizeof *order);
    if (!order)
        return CS_ERR_NOMEM;
    if (sort_by_sociability(order, n, s->pop.sociability)) {
        free(order);
        return CS_ERR_NOMEM;
    }
    size_t nkoc = (size_t)floor(sc->users_koc_share * n);
    s->nkols = (uint32_t)(sc->users_kols < (int64_t)n ? sc->users_kols : n);
    s->kol = malloc((s->nkols ? s->nkols : 1) * sizeof *s->kol);
    s->kol_note = malloc((s->nkols ? s->nkols : 1) * sizeof *s->kol_note);
    if (!s->kol || !s->kol_note) {
        free(order);
        return CS_ERR_NOMEM;
    }
    for (size_t i = 0; i < nkoc && i < n; i++)
        s->role[order[i]] |= PF_KOC;
    for (uint32_t i = 0; i < s->nkols; i++) {
        s->role[order[i]] |= PF_KOL;
        s->kol[i] = order[i];
    }
    free(order);

    /* Price sensitivity and brand loyalty by city tier (SOURCES.md mechanism
     * 8: lower tiers want value for money and are less loyal), spread evenly
     * +-0.2 around the tier's mean. */
    for (uint32_t u = 0; u < n; u++) {
        cs_pcg32 rng = cs_rng_stream(world, CS_STREAM_PLATFORM_INIT, 0, u);
        s->status[u] = cs_pcg32_double(&rng) < sc->users_initial_share ? PF_ACTIVE : PF_POOL;
        /* More free time further from the first tier (SOURCES.md mechanism 8). */
        const double time = cs_tier_factor(sc->users_tier_time, s->pop.tier[u]);
        s->open_base[u] =
            (float)(time * sc->users_open_base * exp(sc->users_open_spread * cs_normal(&rng)));
        s->appetite[u] = (float)(time * exp(sc->attention_spread * cs_normal(&rng)));
        double d = sc->trust_initial + sc->trust_spread * cs_normal(&rng);
        s->disposition[u] = s->trust[u] = (float)(d < 0 ? 0 : d > 1 ? 1 : d);
        const double step = sc->users_tier_step * s->pop.tier[u];
        double ps = sc->users_price_sensitivity + step + 0.4 * (cs_pcg32_double(&rng) - 0.5);
        s->price_sens[u] = (float)(ps < 0 ? 0 : ps > 1 ? 1 : ps);
        double ly = sc->users_loyalty - step + 0.4 * (cs_pcg32_double(&rng) - 0.5);
        s->loyalty[u] = (float)(ly < 0 ? 0 : ly > 1 ? 1 : ly);
        s->affinity[u] = (float)cs_pcg32_double(&rng);
        if (cs_pcg32_double(&rng) < sc->circles_verified_share)
            s->role[u] |= PF_VERIFIED;
        s->ad_tolerance[u] =
            (float)(sc->feed_ad_tolerance * exp(sc->feed_ad_tolerance_spread * cs_normal(&rng)));
        for (int k = 0; k < PF_GROUPS; k++)
            s->group[(size_t)u * PF_GROUPS + k] = PF_NONE;
        for (int k = 0; k < PF_CIRCLES; k++)
            s->circle[(size_t)u * PF_CIRCLES + k] = PF_NONE;
        for (int k = 0; k < PF_SLOTS; k++)
            s->slot[(size_t)u * PF_SLOTS + k].product = PF_NO_PRODUCT;
        s->note[u].product = s->note_next[u].product = PF_NO_PRODUCT;
        s->gb_product[u] = PF_NO_PRODUCT;
        s->users += s->status[u] == PF_ACTIVE;
    }
    /* Follows: each user follows KOLs, preferring ones who share an interest. */
    for (uint32_t u = 0; u < n; u++) {
        cs_pcg32 rng = cs_rng_stream(world, CS_STREAM_PLATFORM_INIT, 1, u);
        for (int k = 0; k < PF_FOLLOWS; k++)
            s->follows[(size_t)u * PF_FOLLOWS + k] = UINT16_MAX;
        if (!s->nkols)
            continue;
        uint16_t *fol = &s->follows[(size_t)u * PF_FOLLOWS];
        int64_t want = sc->users_follows < (int64_t)s->nkols ? sc->users_follows : s->nkols;
        for (int64_t f = 0; f < want; f++) {
            uint32_t pick = UINT32_MAX;
            for (int tries = 0; tries < 16; tries++) {
                uint32_t c = cs_pcg32_bounded(&rng, s->nkols);
                int dup = 0; /* nobody follows a KOL twice */
                for (int64_t g = 0; g < f; g++)
                    dup |= fol[g] == c;
                if (dup)
                    continue;
                if (pick == UINT32_MAX)
                    pick = c;
                const uint32_t ni = s->pop.interests;
                if (pf_has_interest(s, u, s->pop.interest[(size_t)s->kol[c] * ni])) {
                    pick = c;
                    break;
                }
            }
            if (pick != UINT32_MAX)
                fol[f] = (uint16_t)pick;
        }
    }
    (void)net;
    return 0;
}

/* Walker's alias table over the background advertisers' ad weights (the
 * brand buys its slots separately, except in a one-product market). */
static int build_ad_alias(pf_state *s)
{
    const uint32_t m = s->nproducts;
    double *w = malloc(m * sizeof *w);
    uint32_t *small = malloc(m * sizeof *small), *large = malloc(m * sizeof *large);
    if (!w || !small || !large) {
        free(w), free(small), free(large);
        return CS_ERR_NOMEM;
    }
    double total = 0;
    for (uint32_t j = 0; j < m; j++) {
        const pf_product *p = &s->product[j];
        w[j] = (j == 0 && m > 1) ? 0 : p->ad_weight * (p->store ? 1.0 + s->sc->market_store_incentive : 1.0);
        total += w[j];
    }
    for (uint32_t j = 0; j < m; j++)
        s->ad_prob[j] = total > 0 ? w[j] * m / total : 1.0;
    cs_alias_build(s->ad_prob, s->ad_alias, m, small, large);
    free(w), free(small), free(large);
    return 0;
}

static void refresh_brand(pf_state *s)
{
    pf_product *p = &s->product[0];
    p->price = s->sc->brand_price;
    p->quality = s->sc->brand_quality;
    /* A spent budget pays no more commissions: the offer is withdrawn. */
    p->commission = s->budget_left_fen > 0 ? s->sc->brand_commission : 0;
}

void pf_draw_merchant(const cs_scenario *sc, pf_product *p, cs_pcg32 *rng)
{
    p->price = sc->market_price_median * exp(sc->market_price_spread * cs_normal(rng));
    p->price = round(p->price * 100.0) / 100.0;
    double q = sc->market_quality_mean + sc->market_quality_spread * cs_normal(rng);
    p->quality = q < 0 ? 0 : q > 1 ? 1 : q;
    p->cycle = sc->market_cycle_days * exp(0.5 * cs_normal(rng));
    p->commission = sc->market_commission;
    p->ad_weight = exp(cs_normal(rng));
}

int pf_init_market(pf_state *s)
{
    const cs_scenario *sc = s->sc;
    const uint64_t world = (uint64_t)cs_world_seed(sc);
    const uint32_t m = (uint32_t)sc->market_merchants, T = s->pop.tags;
    s->nproducts = m;
    s->ntags = T;
    s->product = calloc(m, sizeof *s->product);
    s->tag_products_off = calloc((size_t)T + 1, sizeof *s->tag_products_off);
    s->ad_alias = calloc(m, sizeof *s->ad_alias);
    s->ad_prob = calloc(m, sizeof *s->ad_prob);
    s->tag_groups_off = calloc((size_t)T + 1, sizeof *s->tag_groups_off);
    s->tag_circles_off = calloc((size_t)T + 1, sizeof *s->tag_circles_off);
    double *tag_cum = malloc(T * sizeof *tag_cum);
    uint32_t *order = malloc(m * sizeof *order);
    if (!s->product || !s->tag_products_off || !s->ad_alias || !s->ad_prob ||
        !s->tag_groups_off || !s->tag_circles_off || !tag_cum || !order) {
        free(tag_cum), free(order);
        return CS_ERR_NOMEM;
    }
    double acc = 0;
    for (uint32_t t = 0; t < T; t++)
        tag_cum[t] = acc += pow((double)t + 1.0, -sc->population_tag_zipf);
    s->brand_tag = (uint16_t)(sc->brand_tag_rank - 1 < (int64_t)T ? sc->brand_tag_rank - 1 : T - 1);
    /* Store costs are spread over the merchants by quantiles, in a random
     * order, so the share of merchants who can afford a store does not
     * swing with a few lucky draws. */
    cs_pcg32 rng = cs_rng_stream(world, CS_STREAM_PLATFORM_INIT, 2, 0);
    for (uint32_t j = 0; j < m; j++)
        order[j] = j;
    for (uint32_t j = m; j > 1; j--) {
        uint32_t k = cs_pcg32_bounded(&rng, j);
        uint32_t tmp = order[j - 1];
        order[j - 1] = order[k];
        order[k] = tmp;
    }
    for (uint32_t j = 0; j < m; j++) {
        pf_product *p = &s->product[j];
        cs_pcg32 r = cs_rng_stream(world, CS_STREAM_PLATFORM_INIT, 3, j);
        p->tag = (uint16_t)cs_pick_cumulative(tag_cum, T, cs_pcg32_double(&r) * acc);
        pf_draw_merchant(sc, p, &r);
        p->store_cost = sc->market_store_cost * pf_scale(s) *
                        exp(sc->market_store_cost_spread * normal_quantile((order[j] + 0.5) / m));
    }
    s->product[0].tag = s->brand_tag;
    refresh_brand(s);
    free(tag_cum);
    free(order);
    uint16_t *tag = calloc(m ? m : 1, sizeof *tag);
    if (!tag)
        return CS_ERR_NOMEM;
    for (uint32_t j = 0; j < m; j++)
        tag[j] = s->product[j].tag;
    int rc = pf_index_by_tag(tag, m, T, s->tag_products_off, &s->tag_products);
    free(tag);
    s->tag_traffic_cum = malloc((m ? m : 1) * sizeof *s->tag_traffic_cum);
    if (!rc && !s->tag_traffic_cum)
        rc = CS_ERR_NOMEM;
    return rc ? rc : build_ad_alias(s);
}

int pf_init_groups(pf_state *s)
{
    const cs_scenario *sc = s->sc;
    const uint64_t world = (uint64_t)cs_world_seed(sc);
    int64_t want = llround(sc->groups_per_1000 * (double)s->users / 1000.0);
    cs_pcg32 rng = cs_rng_stream(world, CS_STREAM_PLATFORM_INIT, 4, 0);
    for (int64_t i = 0; i < want && sc->groups_enabled; i++) {
        for (int tries = 0; tries < 64; tries++) {
            uint32_t u = cs_pcg32_bounded(&rng, s->n);
            if (s->status[u] != PF_ACTIVE || (s->role[u] & PF_GROUP_OWNER))
                continue;
            const uint32_t k = s->pop.interests;
            uint32_t tag = s->pop.interest[(size_t)u * k + cs_pcg32_bounded(&rng, k)];
            if (pf_group_found(s, u, tag, 0) == PF_NONE)
                return CS_ERR_NOMEM;
            break;
        }
    }
    return 0;
}

/* ---- one user's day (phase 2) --------------------------------------------- */

static int member_of_group(const pf_state *s, uint32_t u)
{
    for (int k = 0; k < PF_GROUPS; k++) {
        uint32_t g = s->group[(size_t)u * PF_GROUPS + k];
        if (g != PF_NONE && s->groups[g].alive)
            return 1;
    }
    return 0;
}

static int member_of_circle(const pf_state *s, uint32_t u)
{
    for (int k = 0; k < PF_CIRCLES; k++) {
        uint32_t c = s->circle[(size_t)u * PF_CIRCLES + k];
        if (c != PF_NONE && s->circles[c].open)
            return 1;
    }
    return 0;
}

/* Every reported day counts towards the facts' window (the last PF_WINDOW
 * days, ending today): it has a slot. */
int pf_window_slot(const pf_state *s)
{
    int64_t day = pf_reported_day(s);
    return day >= 1 ? (int)(day % PF_WINDOW) : -1;
}

int64_t pf_window_orders(const pf_product *p)
{
    int64_t n = 0;
    for (int d = 0; d < PF_WINDOW; d++)
        n += p->orders_day[d];
    return n;
}

static void user_day(pf_state *s, const cs_network *net, uint32_t u, pf_events *ev, pf_tally *tl)
{
    const cs_scenario *sc = s->sc;
    const uint64_t t = (uint64_t)s->t;
    if (s->status[u] == PF_POOL) {
        cs_pcg32 rng = pf_stream(s, CS_STREAM_GROWTH, u);
        if (cs_pcg32_double(&rng) < sc->users_acquisition)
            pf_event_push(ev, (pf_event){.u = u, .kind = PF_EV_JOIN});
        return;
    }
    if (s->status[u] != PF_ACTIVE)
        return;

    cs_pcg32 rng = pf_stream(s, CS_STREAM_OPEN, u);
    /* Messages beyond what a user reads in a day draw it back no more:
     * attention is a budget. */
    double waiting = s->notif[u] < sc->attention_read_cap ? s->notif[u] : sc->attention_read_cap;
    double rate = cs_open_rate(s->open_base[u], s->habit[u], sc->users_habit_weight, waiting,
                               sc->users_notify_weight);
    int64_t sessions = cs_sessions(rate, sc->attention_max_sessions, cs_pcg32_double(&rng));
    double note_draw = cs_pcg32_double(&rng);
    s->habit[u] = (float)cs_habit_next(s->habit[u], sessions, sc->users_habit_gain,
                                       sc->users_habit_decay);
    if (pf_window_slot(s) >= 0) {
        /* SOURCES.md compares group members with ordinary users: here,
         * users in no group chat and no circle. */
        if (member_of_group(s, u)) {
            tl->member_days++;
            tl->member_sessions += sessions;
        } else if (!member_of_circle(s, u)) {
            tl->other_days++;
            tl->other_sessions += sessions;
        }
    }
    if (sessions == 0) {
        cs_pcg32 churn = pf_stream(s, CS_STREAM_CHURN, u);
        double p = cs_churn_probability(sc->users_churn, s->habit[u], s->trust[u],
                                        s->disposition[u], sc->users_churn_trust);
        s->trust[u] = (float)cs_trust_next(s->trust[u], s->disposition[u], 0, 0, 0, 0, sc);
        tl->active++;
        tl->trust_sum += s->trust[u];
        if (cs_pcg32_double(&churn) < p)
            pf_event_push(ev, (pf_event){.u = u, .kind = PF_EV_CHURN});
        return;
    }

    /* Time: the notes of every session and the chat messages waiting. */
    s->last_open[u] = (uint16_t)t;
    tl->dau++;
    tl->sessions += sessions;
    const double shares[PF_FORMATS] = {sc->content_image, sc->content_video, sc->content_voice,
                                       sc->content_long};
    const double secs[PF_FORMATS] = {
        sc->attention_image_seconds + sc->attention_images * sc->attention_per_image_seconds,
        sc->attention_video_seconds, sc->attention_voice_seconds, sc->attention_long_seconds};
    double per_note = cs_note_seconds(shares, secs);
    int64_t notes = cs_stochastic_round((double)sessions * sc->attention_notes * s->appetite[u],
                                        note_draw);
    double messages = s->notif[u] < sc->attention_read_cap ? s->notif[u] : sc->attention_read_cap;
    double seconds = (double)notes * per_note + messages * sc->attention_message_seconds;
    const double limit = sc->attention_limit * 60.0;
    if (seconds > limit) {
        /* The limit cuts reading and scrolling alike. */
        notes = (int64_t)floor((double)notes * limit / seconds);
        seconds = limit;
    }
    tl->seconds += seconds;
    tl->notes_seen += notes;

    pf_touch touch[PF_TOUCHES];
    size_t nt = 0;
    int64_t spam = 0;
    cs_pcg32 feed = pf_stream(s, CS_STREAM_FEED, u);
    nt += pf_feed_touches(s, net, u, notes, touch + nt, PF_TOUCHES - nt, tl, &spam, &feed);
    const double trust = s->trust[u];
    for (int k = 0; k < PF_FOLLOWS && nt < PF_TOUCHES; k++) {
        uint16_t kol = s->follows[(size_t)u * PF_FOLLOWS + k];
        if (kol == UINT16_MAX || s->kol_note[kol] == PF_NO_PRODUCT)
            continue;
        uint32_t j = s->kol_note[kol];
        touch[nt++] = (pf_touch){(uint16_t)j, CS_CH_KOL, 0,
                                 cs_pull(sc->cred_kol, pf_match(s, u, j), trust, sc->trust_weight, 0, 0), PF_NONE};
    }
    if (s->dm_day[u] == t && nt < PF_TOUCHES) {
        double match = pf_match(s, u, 0);
        spam += match < 1.0;
        touch[nt++] = (pf_touch){0, CS_CH_DM, 0,
                                 cs_pull(sc->cred_dm, match, trust, sc->trust_weight, 0, 0), PF_NONE};
    }
    cs_pcg32 brand = pf_stream(s, CS_STREAM_BRAND, 2ull + u);
    if (s->livestream_today && nt < PF_TOUCHES && pf_in_audience(s, u, pf_reported_day(s)) &&
        cs_pcg32_double(&brand) < sc->brand_livestream_reach * pf_match(s, u, 0))
        touch[nt++] = (pf_touch){0, CS_CH_LIVESTREAM, 0,
                                 cs_pull(sc->cred_livestream, 1.0, trust, sc->trust_weight, 0, 0), PF_NONE};
    nt += pf_group_touches(s, u, touch + nt, PF_TOUCHES - nt);
    nt += pf_circle_touches(s, u, touch + nt, PF_TOUCHES - nt);
    tl->spam_seen += spam;

    int good, bad;
    cs_pcg32 funnel = pf_stream(s, CS_STREAM_FUNNEL, u);
    pf_funnel_decide(s, u, touch, nt, ev, tl, &good, &bad, &funnel);
    /* Users differ in how many ads they accept, so any ad load costs some
     * of them trust (feed.ad_tolerance_spread): the best ad load is an
     * outcome, not the tolerance itself. */
    double excess = cs_ad_excess(sc->feed_ad_load, s->ad_tolerance[u]);
    s->trust[u] = (float)cs_trust_next(s->trust[u], s->disposition[u], good, bad, spam,
                                       excess * (double)sessions, sc);
    tl->active++;
    tl->trust_sum += s->trust[u];

    cs_pcg32 groups = pf_stream(s, CS_STREAM_GROUPS, u);
    pf_group_decide(s, u, sessions, ev, &groups);
    cs_pcg32 circles = pf_stream(s, CS_STREAM_CIRCLES, u);
    pf_circle_decide(s, net, u, ev, &circles);

    cs_pcg32 grow = pf_stream(s, CS_STREAM_GROWTH, u);
    uint32_t degree = cs_network_degree(net, u);
    if (degree > 0 && cs_pcg32_double(&grow) < sc->users_invite) {
        uint32_t v = pf_random_friend(s, net, u, &grow);
        if (s->status[v] == PF_POOL)
            pf_event_push(ev, (pf_event){.u = u, .kind = PF_EV_INVITE, .a = v});
    }
}

/* ---- phase 3: the day's events, in user order ------------------------------ */

static void join(pf_state *s, uint32_t u, cs_day_row *row)
{
    s->status[u] = PF_ACTIVE;
    s->users++;
    row->new_users++;
    s->habit[u] = 0;
    s->trust[u] = s->disposition[u];
    /* One who left and comes back starts over: its old note is gone. */
    s->note[u].product = s->note_next[u].product = PF_NO_PRODUCT;
}

/* A user who leaves the platform leaves its groups and circles; the ones
 * it owned are dissolved and closed (a brand's groups are not a user's). */
static void leave_all(pf_state *s, uint32_t u)
{
    for (int k = 0; k < PF_GROUPS; k++) {
        uint32_t g = s->group[(size_t)u * PF_GROUPS + k];
        if (g != PF_NONE && s->groups[g].owner == u && !s->groups[g].brand)
            pf_group_dissolve(s, g);
        pf_group_leave(s, u, k);
    }
    for (int k = 0; k < PF_CIRCLES; k++) {
        uint32_t c = s->circle[(size_t)u * PF_CIRCLES + k];
        if (c != PF_NONE && s->circles[c].owner == u)
            pf_circle_close(s, c);
        pf_circle_leave(s, u, k);
    }
}

static void buzz(int32_t *net, uint16_t *product, uint16_t j, int sentiment)
{
    if (*product == PF_NO_PRODUCT)
        *product = j;
    if (*product == j)
        *net += sentiment;
}

static int sale_tie(pf_state *s, uint32_t seller, uint32_t buyer)
{
    if (s->nsale_ties + 2 > s->sale_ties_cap) {
        size_t cap = s->sale_ties_cap ? 2 * s->sale_ties_cap : 1024;
        uint32_t *v = realloc(s->sale_ties, cap * sizeof *v);
        if (!v)
            return CS_ERR_NOMEM;
        s->sale_ties = v;
        s->sale_ties_cap = cap;
    }
    s->sale_ties[s->nsale_ties++] = seller;
    s->sale_ties[s->nsale_ties++] = buyer;
    return 0;
}

static int cross_user(const pf_event *e)
{
    return e->kind == PF_EV_INVITE || e->kind == PF_EV_CIRCLE_INVITE;
}

static int apply_event(pf_state *s, const pf_event *e, cs_day_row *row)
{
    const uint32_t u = e->u;
    switch (e->kind) {
    case PF_EV_JOIN:
        if (s->status[u] == PF_POOL)
            join(s, u, row);
        break;
    case PF_EV_INVITE: {
        uint32_t v = e->a;
        if (s->status[v] != PF_POOL)
            break;
        cs_pcg32 rng = pf_stream(s, CS_STREAM_GROWTH, pf_pair_agent(u, v));
        if (cs_pcg32_double(&rng) < s->sc->users_invite_accept)
            join(s, v, row);
        break;
    }
    case PF_EV_CHURN:
        if (s->status[u] != PF_ACTIVE)
            break;
        /* People come and go: one who leaves can be won back like anyone
         * unregistered (acquisition, a friend's invitation). */
        s->status[u] = PF_POOL;
        s->users--;
        row->churned++;
        leave_all(s, u);
        break;
    case PF_EV_BUY:
        if (e->flags & PF_BUY_GROUP) {
            if (pf_group_buy_apply(s, e, row))
                return CS_ERR_NOMEM;
        } else {
            pf_funnel_apply_buy(s, e, row);
        }
        if (e->product == 0 && !(e->flags & PF_BUY_REPEAT))
            pf_brand_settle(s, u);
        if ((e->flags & PF_BUY_REPEAT) && !(s->marks[u] & PF_MARK_REPEAT)) {
            s->marks[u] |= PF_MARK_REPEAT;
            s->repeaters++;
        }
        if (e->by && sale_tie(s, e->by - 1, u))
            return CS_ERR_NOMEM;
        break;
    case PF_EV_NOTE: {
        s->note[u] = s->note_next[u];
        row->notes++;
        if (pf_reported_day(s) >= 1)
            s->notes_total++;
        pf_product *p = &s->product[e->product];
        if (e->flags > 0)
            p->pos_today++;
        else
            p->neg_today++;
        if (e->flags > 0 && !(s->marks[u] & PF_MARK_SHOWED)) {
            s->marks[u] |= PF_MARK_SHOWED;
            s->showed++;
        }
        for (int k = 0; k < PF_GROUPS; k++) {
            uint32_t g = s->group[(size_t)u * PF_GROUPS + k];
            if (g != PF_NONE)
                buzz(&s->groups[g].buzz_next_net, &s->groups[g].buzz_next_product, e->product,
                     e->flags);
        }
        for (int k = 0; k < PF_CIRCLES; k++) {
            uint32_t c = s->circle[(size_t)u * PF_CIRCLES + k];
            if (c != PF_NONE)
                buzz(&s->circles[c].buzz_next_net, &s->circles[c].buzz_next_product,
                     e->product, e->flags);
        }
        break;
    }
    case PF_EV_MEMBERSHIP:
        if (pf_reported_day(s) >= 1)
            s->membership_fen += e->b;
        break;
    default:
        if (pf_group_apply_event(s, e))
            break;
        if (pf_circle_apply_event(s, e) < 0)
            return CS_ERR_NOMEM;
        break;
    }
    return 0;
}

/* ---- the model's operations ------------------------------------------------- */

static void platform_free(cs_run *r);

static int platform_init(cs_run *r)
{
    pf_state *s = calloc(1, sizeof *s);
    if (!s)
        return CS_ERR_NOMEM;
    r->state = s;
    s->sc = r->sc;
    s->n = r->net.n;
    s->seed = (uint64_t)r->sc->seed;
    s->warmup = r->sc->warmup_days;
    s->nblocks = ((int64_t)s->n + CS_BLOCK - 1) / CS_BLOCK;
    s->events = calloc((size_t)(s->nblocks ? s->nblocks : 1), sizeof *s->events);
    s->tally = calloc((size_t)(s->nblocks ? s->nblocks : 1), sizeof *s->tally);
    if (!s->events || !s->tally)
        return CS_ERR_NOMEM;
    int rc = pf_init_users(s, &r->net, r->sc->network_nodes[0] ? &r->nodes : NULL, r->threads);
    if (!rc)
        rc = pf_init_market(s);
    if (!rc)
        rc = pf_init_groups(s);
    return rc;
}

static int64_t ad_fen(double impressions, double cpm)
{
    return (int64_t)llround(impressions * cpm / 10.0); /* cpm yuan per 1000 = cpm/10 fen each */
}

static int platform_step(cs_run *r, int64_t day, cs_day_row *row)
{
    pf_state *s = r->state;
    const cs_network *net = &r->net;
    const cs_scenario *sc = s->sc = r->sc;
    s->t = s->warmup + day;
    /* The warm-up settles the world the run starts from, so it draws from
     * the world's seed (the run's own when world_seed is -1). */
    const uint64_t seed = day <= 0 ? (uint64_t)cs_world_seed(sc) : s->seed;
    for (uint32_t p = 0; p <= CS_STREAM_BRAND; p++)
        s->day_key[p] = cs_rng_key(seed, p, (uint64_t)s->t);
    s->spend_today_fen = 0;
    s->nsale_ties = 0;
    if (day == 1 && s->warmup > 0) {
        /* seeded, engaged and buyers count users from day 1 on, as the
         * contract's cumulative columns do; the warm-up only settles. */
        memset(s->reach, 0, s->n);
        memset(s->marks, 0, s->n);
        s->seeded = s->engaged = s->buyers = 0;
        s->showed = s->repeaters = 0;
    }
    s->any_dead = 0;
    /* Today's slot of the facts' window forgets the day PF_WINDOW ago. */
    const int slot = pf_window_slot(s);
    if (slot >= 0) {
        memset(&s->window[slot], 0, sizeof s->window[slot]);
        for (uint32_t j = 0; j < s->nproducts; j++)
            s->product[j].orders_day[slot] = 0;
    }
    pf_brand_budget_day(s);
    refresh_brand(s);

    if (s->t % sc->market_store_review == 0 && pf_market_review(s))
        return CS_ERR_NOMEM;
    if (build_ad_alias(s))
        return CS_ERR_NOMEM;
    int rc = pf_groups_day_start(s);
    if (!rc)
        rc = pf_circles_day_start(s);
    if (!rc)
        rc = pf_brand_day_start(s, net);
    /* The brand buys ad slots with its daily ad budget, within what its
     * whole budget has left after today's other actions; slots are
     * yesterday's. */
    double ad_yuan = sc->brand_ad_budget;
    if (s->budget_left_fen != INT64_MAX && (double)s->budget_left_fen / 100.0 < ad_yuan) {
        ad_yuan = (double)s->budget_left_fen / 100.0;
        if (day >= 1)
            pf_brand_budget_cut(s);
    }
    double wanted = ad_yuan / sc->market_ad_cpm * 1000.0;
    s->brand_ad_share = day >= 1 && s->ad_slots_yesterday > 0
                            ? (wanted < s->ad_slots_yesterday ? wanted / s->ad_slots_yesterday : 1.0)
                            : 0;
    if (sc->market_ad_cpm <= 0)
        s->brand_ad_share = day >= 1 && ad_yuan > 0 ? 1.0 : 0;
    if (rc)
        return rc;

    pf_count_buyers(s);
    pf_feed_day_start(s);

    const int64_t n = s->n, nblocks = s->nblocks;
#pragma omp parallel for schedule(dynamic, 1) num_threads(r->threads) if (nblocks > 1)
    for (int64_t b = 0; b < nblocks; b++) {
        /* A block's events and sums are kept on the thread's stack: side by
         * side in s->events and s->tally, two blocks' share cache lines, and
         * two threads writing them for every user took the lines from each
         * other. Same sums in the same order. */
        pf_events ev = s->events[b];
        ev.n = 0;
        pf_tally tl = {0};
        int64_t end = (b + 1) * CS_BLOCK < n ? (b + 1) * CS_BLOCK : n;
        for (int64_t u = b * CS_BLOCK; u < end; u++)
            user_day(s, net, (uint32_t)u, &ev, &tl);
        s->events[b] = ev;
        s->tally[b] = tl;
    }

    pf_tally day_tally = {0};
    for (int64_t b = 0; b < nblocks; b++) {
        const pf_tally *tl = &s->tally[b];
        if (s->events[b].nomem)
            return CS_ERR_NOMEM;
        for (size_t i = 0; i < s->events[b].n; i++)
            if (!cross_user(&s->events[b].v[i]) && apply_event(s, &s->events[b].v[i], row))
                return CS_ERR_NOMEM;
        day_tally.dau += tl->dau;
        day_tally.sessions += tl->sessions;
        day_tally.seconds += tl->seconds;
        day_tally.notes_seen += tl->notes_seen;
        day_tally.spam_seen += tl->spam_seen;
        day_tally.trust_sum += tl->trust_sum;
        day_tally.active += tl->active;
        day_tally.brand_ads += tl->brand_ads;
        day_tally.other_ads += tl->other_ads;
        for (int k = 1; k <= PF_BOUGHT; k++)
            day_tally.reached[k] += tl->reached[k];
        day_tally.member_days += tl->member_days;
        day_tally.member_sessions += tl->member_sessions;
        day_tally.other_days += tl->other_days;
        day_tally.other_sessions += tl->other_sessions;
        if (slot >= 0) {
            pf_window_day *w = &s->window[slot];
            w->member_days += tl->member_days;
            w->member_sessions += tl->member_sessions;
            w->other_days += tl->other_days;
            w->other_sessions += tl->other_sessions;
        }
    }
    /* Then what one user does to another (invitations), once everyone's
     * own purchases are counted, so no one is counted twice. */
    for (int64_t b = 0; b < nblocks; b++)
        for (size_t i = 0; i < s->events[b].n; i++)
            if (cross_user(&s->events[b].v[i]) && apply_event(s, &s->events[b].v[i], row))
                return CS_ERR_NOMEM;
    s->seeded += day_tally.reached[PF_SEEDED];
    s->engaged += day_tally.reached[PF_ENGAGED];
    s->buyers += day_tally.reached[PF_BOUGHT];
    s->ad_slots_yesterday = day_tally.brand_ads + day_tally.other_ads;
    int64_t brand_ads = ad_fen(day_tally.brand_ads, sc->market_ad_cpm);
    int64_t other_ads = ad_fen(day_tally.other_ads, sc->market_ad_cpm);
    if (day >= 1) {
        /* The share was set on what was left in the morning and on
         * yesterday's slots: today's coupons and commissions (paid first)
         * or more slots than yesterday's can leave part of today's ads
         * unpaid; they are served free, at most a day's ads. */
        brand_ads = pf_brand_pay(s, CS_CH_FEED, brand_ads);
        s->other_spend_fen += other_ads;
    }
    if (slot >= 0) {
        s->window[slot].dau += day_tally.dau;
        s->window[slot].seconds += day_tally.seconds;
    }

    /* Tomorrow's reasons to open: today's messages and posts by others;
     * and the monthly active users (an integer sum: the same whatever the
     * threads). */
    int64_t mau = 0;
#pragma omp parallel for schedule(static) num_threads(r->threads) if (nblocks > 1) \
    reduction(+ : mau)
    for (int64_t u = 0; u < n; u++) {
        uint64_t waiting = 0;
        if (s->status[u] == PF_ACTIVE && s->last_open[u] > 0 &&
            s->t - s->last_open[u] < PF_WINDOW)
            mau++;
        if (s->status[u] == PF_ACTIVE) {
            for (int k = 0; k < PF_GROUPS; k++) {
                uint32_t g = s->group[(size_t)u * PF_GROUPS + k];
                if (g != PF_NONE && s->groups[g].alive && sc->groups_enabled)
                    waiting += s->groups[g].msgs_today;
            }
            for (int k = 0; k < PF_CIRCLES; k++) {
                uint32_t c = s->circle[(size_t)u * PF_CIRCLES + k];
                if (c != PF_NONE && s->circles[c].open && sc->circles_enabled)
                    waiting += s->circles[c].posts_today;
            }
        }
        waiting = waiting > s->own_msgs[u] ? waiting - s->own_msgs[u] : 0;
        s->own_msgs[u] = 0;
        s->notif[u] = (uint16_t)(waiting < UINT16_MAX ? waiting : UINT16_MAX);
    }
    row->mau = mau;
    if (slot >= 0) {
        s->window[slot].mau += mau;
    }
    /* Pools still open when the warm-up or the run ends are booked at the
     * full price, so every order lands in the period it was placed in. */
    pf_group_buy_day_end(s, row, day == 0 || day == sc->days);
    pf_groups_day_end(s);
    pf_circles_day_end(s);
    if (s->any_dead)
        for (uint32_t u = 0; u < s->n; u++) {
            for (int k = 0; k < PF_GROUPS; k++) {
                uint32_t g = s->group[(size_t)u * PF_GROUPS + k];
                if (g != PF_NONE && !s->groups[g].alive)
                    pf_group_leave(s, u, k);
            }
            for (int k = 0; k < PF_CIRCLES; k++) {
                uint32_t c = s->circle[(size_t)u * PF_CIRCLES + k];
                if (c != PF_NONE && !s->circles[c].open)
                    pf_circle_leave(s, u, k);
            }
        }
    for (uint32_t j = 0; j < s->nproducts; j++) {
        pf_product *p = &s->product[j];
        p->pos_yesterday = p->pos_today;
        p->neg_yesterday = p->neg_today;
        p->pos_today = p->neg_today = 0;
    }

    row->users = s->users;
    row->dau = day_tally.dau;
    row->seeded = s->seeded;
    row->engaged = s->engaged;
    row->buyers = s->buyers;
    row->minutes_per_dau = day_tally.dau ? day_tally.seconds / 60.0 / (double)day_tally.dau : 0;
    for (uint32_t g = 0; g < s->ngroups; g++)
        if (s->groups[g].alive) {
            row->groups++;
            row->group_members += s->groups[g].members;
        }
    for (uint32_t c = 0; c < s->ncircles; c++)
        if (s->circles[c].open) {
            row->circles++;
            row->circle_members += s->circles[c].members;
        }
    row->circles_closed = s->circles_closed;
    row->spam_share = day_tally.notes_seen ? (double)day_tally.spam_seen / (double)day_tally.notes_seen : 0;
    row->spend_fen += s->spend_today_fen + brand_ads + other_ads;
    row->mean_trust = day_tally.active ? day_tally.trust_sum / (double)day_tally.active : 0;
    row->opens_ratio_group =
        ratio(ratio((double)day_tally.member_sessions, (double)day_tally.member_days),
              ratio((double)day_tally.other_sessions, (double)day_tally.other_days));
    /* The brand's day: its totals (reported days only) less yesterday's,
     * by channel. */
    row->brand_gmv_fen = row->brand_spend_fen = 0;
    for (int c = 0; c < CS_CH_COUNT; c++) {
        row->brand_gmv_channel_fen[c] = s->brand_gmv_fen[c] - s->brand_gmv_booked[c];
        row->brand_spend_channel_fen[c] = s->brand_spend_fen[c] - s->brand_spend_booked[c];
        row->brand_gmv_fen += row->brand_gmv_channel_fen[c];
        row->brand_spend_fen += row->brand_spend_channel_fen[c];
        s->brand_gmv_booked[c] = s->brand_gmv_fen[c];
        s->brand_spend_booked[c] = s->brand_spend_fen[c];
    }
    s->last_spam_share = row->spam_share;
    s->last_mean_trust = row->mean_trust;
    return 0;
}


static int platform_facts(const cs_run *r, cs_facts *f)
{
    const pf_state *s = r->state;
    memset(f, 0, sizeof *f);
    pf_window_day sum = {0}, *w = &sum;
    for (int d = 0; d < PF_WINDOW; d++) {
        const pf_window_day *x = &s->window[d];
        sum.member_days += x->member_days;
        sum.member_sessions += x->member_sessions;
        sum.other_days += x->other_days;
        sum.other_sessions += x->other_sessions;
        sum.dau += x->dau;
        sum.seconds += x->seconds;
        sum.gmv_fen += x->gmv_fen;
        sum.offsite_fen += x->offsite_fen;
        sum.mau += x->mau;
    }
    f->opens_ratio_group = ratio(ratio((double)w->member_sessions, (double)w->member_days),
                                 ratio((double)w->other_sessions, (double)w->other_days));
    /* Repurchase as industries measure it: the share of the window's
     * buyers who ordered again within it, of group members (on the day the
     * facts are read) and of everyone. */
    const int64_t first = s->t - PF_WINDOW + 1 > s->warmup + 1 ? s->t - PF_WINDOW + 1
                                                                : s->warmup + 1;
    int64_t buyers = 0, again = 0, member_buyers = 0, member_again = 0;
    for (uint32_t u = 0; u < s->n; u++) {
        const uint16_t *od = &s->order_day[(size_t)u * 2];
        if (od[0] == 0 || od[0] < first)
            continue;
        const int twice = od[1] != 0 && od[1] >= first;
        buyers++;
        again += twice;
        if (member_of_group(s, u)) {
            member_buyers++;
            member_again += twice;
        }
    }
    f->repurchase_rate = ratio((double)again, (double)buyers);
    f->repurchase_rate_group = ratio((double)member_again, (double)member_buyers);
    f->repurchase_ratio_group = ratio(f->repurchase_rate_group, f->repurchase_rate);
    for (uint32_t j = 0; j < s->nproducts; j++)
        if (pf_window_orders(&s->product[j]) > 0) {
            f->merchants_active++;
            f->merchants_with_store += s->product[j].store;
        }
    f->merchant_store_share = ratio((double)f->merchants_with_store, (double)f->merchants_active);
    f->closed_loop_share = ratio((double)w->gmv_fen, (double)(w->gmv_fen + w->offsite_fen));
    /* In-app GMV a year per monthly active user: the window's GMV a day
     * times 365 over its mean MAU, the days cancelling (SOURCES.md: about
     * 1 330 yuan). */
    f->gmv_per_mau_year = ratio((double)w->gmv_fen / 100.0 * 365.0,
                                (double)w->mau);
    f->minutes_per_dau = ratio(w->seconds / 60.0, (double)w->dau);
    memcpy(f->gmv_tier_fen, s->gmv_tier_fen, sizeof f->gmv_tier_fen);
    memcpy(f->brand_gmv_fen, s->brand_gmv_fen, sizeof f->brand_gmv_fen);
    f->brand_orders = s->brand_orders;
    f->brand_gmv_onsite_fen = s->brand_onsite_fen;
    f->brand_margin = s->sc->market_margin;
    f->brand_budget_day = s->budget_out_day;
    for (uint32_t u = 0; u < s->n; u++) {
        f->brand_buyers += s->brand_buys[u] > 0;
        f->brand_repeat_buyers += s->brand_buys[u] > 1;
    }
    memcpy(f->brand_spend_fen, s->brand_spend_fen, sizeof f->brand_spend_fen);
    memcpy(f->other_gmv_fen, s->other_gmv_fen, sizeof f->other_gmv_fen);
    f->other_spend_fen = s->other_spend_fen;
    for (uint32_t g = 0; g < s->ngroups; g++) {
        f->groups_alive += s->groups[g].alive;
        f->groups_dead += !s->groups[g].alive;
    }
    for (uint32_t c = 0; c < s->ncircles; c++)
        f->circles_open += s->circles[c].open;
    f->circles_closed = s->circles_closed;
    f->merchants_replaced = s->merchants_replaced;
    f->notes = s->notes_total;
    f->spam_share = s->last_spam_share;
    f->mean_trust = s->last_mean_trust;
    f->membership_fen = s->membership_fen;
    return 0;
}

static void platform_free(cs_run *r)
{
    pf_state *s = r->state;
    if (!s)
        return;
    if (s->events)
        for (int64_t b = 0; b < s->nblocks; b++)
            free(s->events[b].v);
    void **owned[PF_OWNED_MAX];
    size_t n = pf_owned(s, owned);
    for (size_t i = 0; i < n; i++)
        free(*owned[i]);
    free(s);
    r->state = NULL;
}

static void platform_view(const cs_run *r, uint32_t u, cs_user_view *v)
{
    const pf_state *s = r->state;
    memset(v, 0, sizeof *v);
    v->stage = CS_STAGE_ABSENT;
    /* The stage the funnel counts: the furthest reached since day 1, so the
     * picture starts grey after the warm-up and lights up as the run goes. */
    if (s->status[u] == PF_ACTIVE)
        v->stage = r->day == 0 ? CS_STAGE_UNAWARE
                   : s->marks[u] & PF_MARK_REPEAT ? CS_STAGE_REPEAT
                                                  : (uint8_t)(CS_STAGE_UNAWARE + s->reach[u]);
    const uint8_t role = s->role[u];
    v->roles = (uint8_t)((role & PF_KOC ? CS_ROLE_KOC : 0) | (role & PF_KOL ? CS_ROLE_KOL : 0) |
                         (role & PF_GROUP_OWNER ? CS_ROLE_GROUP_OWNER : 0) |
                         (role & PF_CIRCLE_OWNER ? CS_ROLE_CIRCLE_OWNER : 0));
    v->marks = (uint8_t)((s->seeded_koc[u] ? CS_MARK_BRAND_SEEDED : 0) |
                         (s->brand_buys[u] > 0 ? CS_MARK_BRAND_BUYER : 0));
    v->tier = (int8_t)s->pop.tier[u];
    v->trust = s->trust[u];
    for (int k = 0; k < CS_VIEW_GROUPS; k++)
        v->group[k] = k < PF_GROUPS ? s->group[(size_t)u * PF_GROUPS + k] : CS_VIEW_NONE;
    for (int k = 0; k < CS_VIEW_CIRCLES; k++)
        v->circle[k] = k < PF_CIRCLES ? s->circle[(size_t)u * PF_CIRCLES + k] : CS_VIEW_NONE;
}

static void platform_funnel(const cs_run *r, cs_funnel *f)
{
    const pf_state *s = r->state;
    /* The counts start on day 1; on day 0 they still hold the warm-up's. */
    if (r->day == 0)
        *f = (cs_funnel){0, 0, 0, 0, 0};
    else
        *f = (cs_funnel){s->seeded, s->engaged, s->buyers, s->showed, s->repeaters};
}

static size_t platform_sale_ties(const cs_run *r, const uint32_t **pairs)
{
    const pf_state *s = r->state;
    *pairs = s->sale_ties;
    return s->nsale_ties / 2;
}

/* The per-user arrays (counted from their types), the population's, the
 * day's events (about half an event per user at the default activity,
 * measured), and the per-product buyer counts of every group chat and
 * circle a run founds (they are kept when one dissolves or closes), with
 * room to double: groups per 1000 users at the start and founded a day,
 * circles per 100 000 people a review. */
static double platform_bytes_per_user(const cs_scenario *sc)
{
    double users = 0
#define PF_BYTES(type, name, per_user) +(per_user) * sizeof(type)
        PF_USER_ARRAYS(PF_BYTES)
#undef PF_BYTES
        ;
    double population = 2 + 2.0 * (double)sc->population_interests + 4;
    double events = 0.5 * sizeof(pf_event);
    double days = (double)(sc->days + sc->warmup_days);
    double groups = (sc->groups_per_1000 + sc->groups_create * days) / 1000.0 * 2 *
                    (4.0 * (double)sc->market_merchants + sizeof(pf_group));
    double circles = 0;
    if (sc->circles_enabled) {
        double reviews = days / (double)sc->circles_review_every;
        circles = ((double)sc->circles_first_batch + (double)sc->circles_batch * reviews) /
                  100000.0 * 2 * (4.0 * (double)sc->market_merchants + sizeof(pf_circle));
    }
    return users + population + events + groups + circles;
}

/* A small world still gets a circle a review (circles.c): their buyer
 * counts beyond the per-capita share. */
static double platform_fixed_bytes(const cs_scenario *sc)
{
    if (!sc->circles_enabled)
        return 0;
    double reviews = (double)(sc->days + sc->warmup_days) / (double)sc->circles_review_every;
    return 2 * (1 + reviews) * (4.0 * (double)sc->market_merchants + sizeof(pf_circle));
}

const cs_model_ops cs_platform_ops = {
    .init = platform_init,
    .step = platform_step,
    .free = platform_free,
    .facts = platform_facts,
    .detail = pf_write_detail,
    .view = platform_view,
    .funnel = platform_funnel,
    .sale_ties = platform_sale_ties,
    .state = pf_state_io,
    .bytes_per_user = platform_bytes_per_user,
    .fixed_bytes = platform_fixed_bytes,
    .summary = pf_write_summary,
    .node_attrs = pf_node_attrs,
};
