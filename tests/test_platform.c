/* SPDX-License-Identifier: MIT */
/* test_platform.c - the platform model: docking with Bass, determinism,
 * accounting invariants, ablations of the stylized facts' mechanisms, and
 * (with CIRCLESIM_LONG=1) the calibrated default against its targets. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* mkdtemp, open_memstream */
#endif
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "engine/engine.h"
#include "scenario/scenario.h"
#include "engine/run_struct.h"
#include "analysis/docking.h"
#include "models/platform/platform.h"

static int long_mode(void)
{
    const char *s = getenv("CIRCLESIM_LONG");
    return s && strcmp(s, "1") == 0;
}

/* Loads YAML text, applies "KEY=VALUE" settings (NULL-terminated), validates. */
static void load(cs_scenario *sc, const char *yaml, const char *const *sets)
{
    cs_diag d;
    cs_diag_init(&d, stderr);
    assert_int_equal(cs_scenario_init(sc), 0);
    assert_int_equal(cs_scenario_load_text(sc, "test.yaml", yaml, strlen(yaml), ".", &d), 0);
    for (; sets && *sets; sets++)
        if (cs_scenario_set(sc, *sets, &d) != 0)
            fail_msg("--set %s refused", *sets);
    assert_int_equal(cs_scenario_validate(sc, &d), 0);
}

static void set_seed(cs_scenario *sc, int64_t seed)
{
    cs_diag d;
    cs_diag_init(&d, stderr);
    char buf[64];
    snprintf(buf, sizeof buf, "seed=%lld", (long long)seed);
    assert_int_equal(cs_scenario_set(sc, buf, &d), 0);
}

/* Runs sc to the end on `threads` threads; the caller frees r. */
static void run_all(cs_run *r, cs_scenario *sc, int threads)
{
    cs_diag d;
    cs_diag_init(&d, stderr);
    assert_int_equal(cs_run_init(r, sc, threads, &d), 0);
    while (r->day < sc->days)
        assert_int_equal(cs_run_step(r), 0);
}

/* ---- docking with Bass (analysis/docking.h) -------------------------------- */

/* Mean cumulative buyers per day over R replicates of a platform docking
 * run (seeds 1..R) with the given network and p, q. */
static void dock_means(const char *network, double p, double q, int64_t n, int64_t days, int R,
                       double *mean, double *var)
{
    for (int64_t t = 0; t < days; t++)
        mean[t] = var[t] = 0;
    for (int rep = 1; rep <= R; rep++) {
        cs_scenario sc;
        cs_diag d;
        cs_diag_init(&d, stderr);
        assert_int_equal(cs_docking_scenario(network, n, p, q, days, rep, &sc, &d), 0);
        cs_run r;
        run_all(&r, &sc, 1);
        for (int64_t t = 0; t < days; t++) {
            double x = (double)r.rows[t].buyers;
            mean[t] += x;
            var[t] += x * x;
            /* With one product and no repurchase every order is a new buyer. */
            assert_int_equal(r.rows[t].orders, r.rows[t].buyers - (t ? r.rows[t - 1].buyers : 0));
        }
        cs_run_free(&r);
        cs_scenario_free(&sc);
    }
    for (int64_t t = 0; t < days; t++) {
        mean[t] /= R;
        var[t] = var[t] / R - mean[t] * mean[t];
    }
}

/* Complete mixing against the discrete Bass recursion, where a user's
 * "friends" are the other N - 1 users: A_t = A + (N - A)(p + q A/(N - 1)).
 * Tolerance as in test_bass.c: 4 standard errors of the mean + 0.1% of N
 * on every day; the same data must reject q 10% lower. */
static void test_docking_complete(void **state)
{
    (void)state;
    const int64_t N = 5000, T = 30;
    const int R = long_mode() ? 100 : 20;
    const double p = 0.03, q = 0.38;
    double mean[30], var[30];
    dock_means("network: {kind: complete}\n", p, q, N, T, R, mean, var);
    double bass[30], low[30], worst = 0;
    cs_bass_recursion((double)N, p, q, T, bass);
    cs_bass_recursion((double)N, p, 0.9 * q, T, low);
    int rejected = 0;
    for (int64_t t = 0; t < T; t++) {
        const double A = bass[t], Alow = low[t];
        double tol = 4.0 * sqrt(var[t] / R) + 0.001 * N;
        double dev = fabs(mean[t] - A);
        if (dev > tol)
            fail_msg("day %lld: platform mean %.1f, Bass recursion %.1f, tolerance %.1f",
                     (long long)t + 1, mean[t], A, tol);
        worst = dev / tol > worst ? dev / tol : worst;
        rejected |= fabs(mean[t] - Alow) > tol;
    }
    assert_true(rejected); /* the test can tell q from 0.9 q */
    assert_true(worst <= 1.0);
}

/* On a network: the platform's mean curve against model: bass's on the
 * same Barabasi-Albert graph (the same seeds build the same graph). */
static void test_docking_network(void **state)
{
    (void)state;
    const int64_t N = 3000, T = 40;
    const int R = long_mode() ? 100 : 20;
    const double p = 0.01, q = 0.3;
    double mean[40], var[40];
    dock_means("network: {kind: barabasi_albert, m: 3}\n", p, q, N, T, R, mean, var);
    double bmean[40] = {0}, bvar[40] = {0};
    for (int rep = 1; rep <= R; rep++) {
        cs_scenario sc;
        load(&sc,
             "model: bass\npopulation: {size: 3000}\nnetwork: {kind: barabasi_albert, m: 3}\n"
             "bass: {p: 0.01, q: 0.3}\ndays: 40\n",
             NULL);
        set_seed(&sc, rep);
        cs_run r;
        run_all(&r, &sc, 1);
        for (int64_t t = 0; t < T; t++) {
            bmean[t] += (double)r.rows[t].buyers;
            bvar[t] += (double)r.rows[t].buyers * (double)r.rows[t].buyers;
        }
        cs_run_free(&r);
        cs_scenario_free(&sc);
    }
    for (int64_t t = 0; t < T; t++) {
        bmean[t] /= R;
        bvar[t] = bvar[t] / R - bmean[t] * bmean[t];
        double tol = 4.0 * sqrt(var[t] / R + bvar[t] / R) + 0.002 * N;
        if (fabs(mean[t] - bmean[t]) > tol)
            fail_msg("day %lld: platform %.1f, bass %.1f, tolerance %.1f", (long long)t + 1,
                     mean[t], bmean[t], tol);
    }
}

/* ---- a full-featured small scenario ------------------------------------------ */

static const char busy_yaml[] =
    "model: platform\ndays: 60\nwarmup_days: 15\n"
    "population: {size: 9000, tags: 400}\nmarket: {merchants: 40}\n"
    "circles: {launch_day: 5, first_batch: 67}\n" /* 6 circles: quoted per 100 000 */
    "brand: {koc_seeds: 20, seed_by: degree, dm_per_day: 40, ad_budget: 300, kol_posts: 5,\n"
    "        livestream_days: [10, 30], groups: 3, strategy: inverted, phase2_day: 10,\n"
    "        phase3_day: 20, tag_rank: 3}\n"
    "commerce: {group_buy: true, membership: true}\n"
    "interventions:\n"
    "  - {day: 25, set: {circles.invite_only: false, feed.ad_load: 0.2}}\n"
    "  - {day: 40, set: {brand.discount: 0.2}}\n";

/* Same scenario and seed, 1 and 2 threads (9 000 users are three blocks):
 * every row and every fact identical. */
static void test_threads_identical(void **state)
{
    (void)state;
    cs_scenario sc;
    load(&sc, busy_yaml, NULL);
    cs_run a, b;
    run_all(&a, &sc, 1);
    run_all(&b, &sc, 2);
    assert_int_equal(a.day, b.day);
    for (int64_t t = 0; t < a.day; t++)
        if (memcmp(&a.rows[t], &b.rows[t], sizeof a.rows[t]) != 0)
            fail_msg("day %lld differs between 1 and 2 threads", (long long)t + 1);
    cs_facts fa, fb;
    assert_int_equal(cs_run_facts(&a, &fa), 0);
    assert_int_equal(cs_run_facts(&b, &fb), 0);
    assert_memory_equal(&fa, &fb, sizeof fa);
    cs_run_free(&a);
    cs_run_free(&b);
    cs_scenario_free(&sc);
}

/* The stylized facts cover the last 30 days up to the day they are read:
 * read on day 45 of a 60-day run they are those of the same run ending on
 * day 45 (group buying off: a run's end books its open pools). */
static void test_facts_window(void **state)
{
    (void)state;
    const char *const sets[] = {"commerce.group_buy=false", NULL};
    cs_scenario sc_long, sc_short;
    load(&sc_long, busy_yaml, sets);
    load(&sc_short, busy_yaml, sets);
    cs_diag d;
    cs_diag_init(&d, stderr);
    assert_int_equal(cs_scenario_set(&sc_short, "days=45", &d), 0);
    cs_run a, b;
    assert_int_equal(cs_run_init(&a, &sc_long, 2, &d), 0);
    cs_facts early;
    assert_int_equal(cs_run_facts(&a, &early), 0);
    assert_true(isnan(early.opens_ratio_group) && isnan(early.minutes_per_dau));
    while (a.day < 45)
        assert_int_equal(cs_run_step(&a), 0);
    run_all(&b, &sc_short, 2);
    cs_facts fa, fb;
    assert_int_equal(cs_run_facts(&a, &fa), 0);
    assert_int_equal(cs_run_facts(&b, &fb), 0);
    assert_true(isfinite(fa.opens_ratio_group) && isfinite(fa.minutes_per_dau));
    assert_true(fa.opens_ratio_group == fb.opens_ratio_group);
    assert_true(fa.repurchase_ratio_group == fb.repurchase_ratio_group ||
                (isnan(fa.repurchase_ratio_group) && isnan(fb.repurchase_ratio_group)));
    assert_true(fa.merchant_store_share == fb.merchant_store_share);
    assert_true(fa.minutes_per_dau == fb.minutes_per_dau);
    assert_true(fa.closed_loop_share == fb.closed_loop_share);
    assert_int_equal(fa.merchants_active, fb.merchants_active);
    /* Exactly the last 30 days: minutes per DAU from the rows of days 16 to
     * 45, and not from all 45. */
    double minutes = 0, dau = 0, all_minutes = 0, all_dau = 0;
    for (int64_t t = 0; t < 45; t++) {
        double m = a.rows[t].minutes_per_dau * (double)a.rows[t].dau;
        all_minutes += m;
        all_dau += (double)a.rows[t].dau;
        if (t >= 15) {
            minutes += m;
            dau += (double)a.rows[t].dau;
        }
    }
    assert_true(fabs(fa.minutes_per_dau - minutes / dau) < 1e-9 * fa.minutes_per_dau);
    assert_true(fabs(fa.minutes_per_dau - all_minutes / all_dau) > 1e-6);
    /* Later days move the window on. */
    while (a.day < 60)
        assert_int_equal(cs_run_step(&a), 0);
    cs_facts late;
    assert_int_equal(cs_run_facts(&a, &late), 0);
    assert_true(late.minutes_per_dau != fa.minutes_per_dau);
    cs_run_free(&a);
    cs_run_free(&b);
    cs_scenario_free(&sc_long);
    cs_scenario_free(&sc_short);
}

/* What the rows and the summary promise, day by day. */
static void test_accounting(void **state)
{
    (void)state;
    cs_scenario sc;
    load(&sc, busy_yaml, NULL);
    cs_run r;
    run_all(&r, &sc, 2);
    assert_int_equal(r.day, sc.days);
    int64_t gmv = 0, offsite = 0, orders = 0, channels[CS_CH_COUNT] = {0};
    int64_t groups_seen = 0, circles_seen = 0, spend = 0, brand_gmv_days = 0,
            brand_spend_days = 0, brand_channel_days[CS_CH_COUNT] = {0},
            brand_spend_channel_days[CS_CH_COUNT] = {0};
    for (int64_t t = 0; t < r.day; t++) {
        const cs_day_row *w = &r.rows[t];
        assert_int_equal(w->day, t + 1); /* warm-up days are not rows */
        assert_true(w->seeded >= w->engaged && w->engaged >= w->buyers && w->buyers >= 0);
        if (t > 0) {
            const cs_day_row *y = &r.rows[t - 1];
            assert_int_equal(w->users, y->users + w->new_users - w->churned);
            assert_true(w->seeded >= y->seeded && w->buyers >= y->buyers);
            assert_true(w->circles_closed >= y->circles_closed);
        }
        int64_t by_channel = 0;
        for (int c = 0; c < CS_CH_COUNT; c++) {
            by_channel += w->gmv_channel_fen[c];
            channels[c] += w->gmv_channel_fen[c];
        }
        assert_int_equal(by_channel, w->gmv_fen + w->gmv_offsite_fen);
        assert_true(w->dau <= w->users);
        /* Whoever opened today opened this month; MAU counts registered users. */
        assert_true(w->dau <= w->mau && w->mau <= w->users);
        assert_true(w->group_members <= w->groups * sc.groups_capacity);
        assert_true(w->spam_share >= 0 && w->spam_share <= 1);
        assert_true(w->mean_trust >= 0 && w->mean_trust <= 1);
        assert_true(w->minutes_per_dau >= 0 && w->minutes_per_dau <= sc.attention_limit);
        assert_true(w->repurchases <= w->orders);
        assert_true(w->brand_gmv_fen >= 0 && w->brand_gmv_fen <= w->gmv_fen + w->gmv_offsite_fen);
        assert_true(w->brand_spend_fen >= 0 && w->brand_spend_fen <= w->spend_fen);
        brand_gmv_days += w->brand_gmv_fen;
        brand_spend_days += w->brand_spend_fen;
        int64_t bg = 0, bs = 0;
        for (int c = 0; c < CS_CH_COUNT; c++) {
            assert_true(w->brand_gmv_channel_fen[c] >= 0 && w->brand_spend_channel_fen[c] >= 0);
            assert_true(w->brand_gmv_channel_fen[c] <= w->gmv_channel_fen[c]);
            bg += w->brand_gmv_channel_fen[c];
            bs += w->brand_spend_channel_fen[c];
            brand_channel_days[c] += w->brand_gmv_channel_fen[c];
            brand_spend_channel_days[c] += w->brand_spend_channel_fen[c];
        }
        assert_int_equal(bg, w->brand_gmv_fen);
        assert_int_equal(bs, w->brand_spend_fen);
        /* Members open the app at some rate; isnan only without members. */
        assert_true(isnan(w->opens_ratio_group) ? w->group_members == 0 || w->dau == 0
                                                : w->opens_ratio_group >= 0);
        gmv += w->gmv_fen;
        offsite += w->gmv_offsite_fen;
        orders += w->orders;
        spend += w->spend_fen;
        groups_seen += w->groups;
        circles_seen += w->circles;
    }
    /* The scenario exercises what it names. */
    assert_true(orders > 0 && gmv > 0 && offsite > 0);
    assert_true(groups_seen > 0 && circles_seen > 0);
    assert_true(spend > 0);
    assert_true(channels[CS_CH_DM] > 0 || channels[CS_CH_LIVESTREAM] > 0);

    /* The summary's tables add up to the rows' totals (reported days only). */
    cs_facts f;
    assert_int_equal(cs_run_facts(&r, &f), 0);
    int64_t tiers = 0, brands = 0;
    for (int t = 0; t < 4; t++)
        tiers += f.gmv_tier_fen[t];
    for (int c = 0; c < CS_CH_COUNT; c++) {
        brands += f.brand_gmv_fen[c] + f.other_gmv_fen[c];
        assert_int_equal(f.brand_gmv_fen[c] + f.other_gmv_fen[c], channels[c]);
    }
    assert_int_equal(tiers, gmv + offsite);
    assert_int_equal(brands, gmv + offsite);
    int64_t brand_spend = 0;
    for (int c = 0; c < CS_CH_COUNT; c++)
        brand_spend += f.brand_spend_fen[c];
    assert_true(brand_spend + f.other_spend_fen <= spend); /* group-buy rebates aside, equal */
    assert_true(f.brand_spend_fen[CS_CH_KOC] >= (int64_t)(20 * sc.brand_koc_cost * 100));
    /* The brand's columns are its days: they add up to its totals. */
    int64_t brand_gmv = 0;
    for (int c = 0; c < CS_CH_COUNT; c++)
        brand_gmv += f.brand_gmv_fen[c];
    assert_true(brand_gmv > 0);
    assert_int_equal(brand_gmv_days, brand_gmv);
    assert_int_equal(brand_spend_days, brand_spend);
    for (int c = 0; c < CS_CH_COUNT; c++) {
        assert_int_equal(brand_channel_days[c], f.brand_gmv_fen[c]);
        assert_int_equal(brand_spend_channel_days[c], f.brand_spend_fen[c]);
    }
    cs_run_free(&r);
    cs_scenario_free(&sc);
}

/* Group-buy orders wait for their pool; every order is booked once, in the
 * period it was placed in. With pools that never fill and never expire,
 * one product and no repeat purchases, orders wait to the last day (all
 * but those of friends invited to a pool the warm-up's end closed, which
 * are ordinary purchases), and the orders booked are exactly the buyers of
 * the reported days: none lost at the end, none carried over from the
 * warm-up. */
static void test_group_buy_booked_once(void **state)
{
    (void)state;
    const char *sets[] = {"days=40",
                          "warmup_days=30",
                          "commerce.group_window=365",
                          "commerce.group_size=100",
                          "commerce.group_invite=1000", /* every satisfied buyer invites */
                          "brand.quality=1",
                          "commerce.membership=false",
                          "funnel.repurchase=0",
                          "market.merchants=1",
                          NULL};
    cs_scenario sc;
    load(&sc, busy_yaml, sets);
    cs_run r;
    run_all(&r, &sc, 2);
    int64_t orders = 0;
    for (int64_t t = 0; t < r.day; t++)
        orders += r.rows[t].orders;
    const cs_day_row *last = &r.rows[r.day - 1];
    assert_true(last->buyers > 100);
    assert_int_equal(orders, last->buyers);
    assert_true(last->orders > orders / 2); /* most waited to the end */
    assert_int_equal(last->repurchases, 0);
    const pf_state *s = r.state;
    assert_int_equal(s->npending, 0);
    cs_run_free(&r);
    cs_scenario_free(&sc);
}

/* Social proof is what the slots say: after a busy run with group buying,
 * joins, leaves, evictions and churn, each community's count of buyers of
 * each product equals a count made from scratch. */
static void test_social_proof_counts(void **state)
{
    (void)state;
    cs_scenario sc;
    load(&sc, busy_yaml, NULL);
    cs_run r;
    run_all(&r, &sc, 1);
    pf_state *s = r.state;
    const size_t np = s->nproducts;
    uint32_t *g = calloc((size_t)s->ngroups * np + 1, sizeof *g);
    uint32_t *c = calloc((size_t)s->ncircles * np + 1, sizeof *c);
    assert_non_null(g);
    assert_non_null(c);
    for (uint32_t u = 0; u < s->n; u++)
        for (int i = 0; i < PF_SLOTS; i++) {
            const pf_slot *sl = &s->slot[(size_t)u * PF_SLOTS + i];
            if (sl->product == PF_NO_PRODUCT || sl->stage != PF_BOUGHT)
                continue;
            for (int k = 0; k < PF_GROUPS; k++) {
                uint32_t gi = s->group[(size_t)u * PF_GROUPS + k];
                if (gi != PF_NONE)
                    g[(size_t)gi * np + sl->product]++;
            }
            for (int k = 0; k < PF_CIRCLES; k++) {
                uint32_t ci = s->circle[(size_t)u * PF_CIRCLES + k];
                if (ci != PF_NONE)
                    c[(size_t)ci * np + sl->product]++;
            }
        }
    pf_count_buyers(s);
    int64_t total = 0;
    for (size_t i = 0; i < (size_t)s->ngroups * np; i++) {
        assert_int_equal(s->g_bought[i], g[i]);
        total += g[i];
    }
    for (size_t i = 0; i < (size_t)s->ncircles * np; i++) {
        assert_int_equal(s->c_bought[i], c[i]);
        total += c[i];
    }
    assert_true(total > 0);
    /* No count exceeds its community's members. */
    for (uint32_t gi = 0; gi < s->ngroups; gi++)
        for (size_t j = 0; j < np; j++)
            assert_true(s->g_bought[(size_t)gi * np + j] <= s->groups[gi].members);
    free(g);
    free(c);
    cs_run_free(&r);
    cs_scenario_free(&sc);
}

/* Merchants the platform does not pay leave for newcomers in the same
 * category: the categories' mix and the brand stay, nobody remembers,
 * shows or is guided to the merchant that left (a remembered purchase of a
 * newcomer's product is from after it came), and owners guide to their
 * tag's best product. Without a presence cost nobody leaves. */
static void test_merchant_turnover(void **state)
{
    (void)state;
    const char *sets[] = {"days=150", "market.presence_cost=20000", "market.grace_days=30", NULL};
    cs_scenario sc;
    load(&sc, busy_yaml, sets);
    cs_run r;
    run_all(&r, &sc, 2);
    const pf_state *s = r.state;
    assert_true(s->merchants_replaced > 0);
    assert_int_equal(s->product[0].entered, 0);
    assert_true(s->product[0].price == sc.brand_price);
    /* The tags as drawn: the same index by tag. */
    for (uint32_t t = 0; t < s->ntags; t++)
        for (uint32_t i = s->tag_products_off[t]; i < s->tag_products_off[t + 1]; i++)
            assert_int_equal(s->product[s->tag_products[i]].tag, t);
    int newcomers = 0;
    for (uint32_t j = 0; j < s->nproducts; j++)
        newcomers += s->product[j].entered > 0;
    assert_true(newcomers > 0);
    int64_t remembered = 0;
    for (uint32_t u = 0; u < s->n; u++) {
        const pf_slot *sl = &s->slot[(size_t)u * PF_SLOTS];
        for (int k = 0; k < PF_SLOTS; k++) {
            if (sl[k].product == PF_NO_PRODUCT || sl[k].stage != PF_BOUGHT)
                continue;
            const pf_product *p = &s->product[sl[k].product];
            assert_true(sl[k].last_buy >= p->entered);
            remembered += p->entered > 0;
        }
        const pf_note *n = &s->note[u];
        if (n->product != PF_NO_PRODUCT && n->sentiment != 0)
            assert_true(n->day >= s->product[n->product].entered);
    }
    assert_true(remembered > 0); /* newcomers do sell */
    for (uint32_t g = 0; g < s->ngroups; g++)
        if (!s->groups[g].brand)
            assert_int_equal(s->groups[g].guide_product, pf_best_product(s, s->groups[g].tag));
    cs_facts f;
    assert_int_equal(cs_run_facts(&r, &f), 0);
    assert_int_equal(f.merchants_replaced, s->merchants_replaced);
    cs_run_free(&r);
    cs_scenario_free(&sc);

    const char *none[] = {"days=150", "market.presence_cost=0", "market.grace_days=30", NULL};
    load(&sc, busy_yaml, none);
    run_all(&r, &sc, 2);
    s = r.state;
    assert_int_equal(s->merchants_replaced, 0);
    for (uint32_t j = 0; j < s->nproducts; j++)
        assert_int_equal(s->product[j].entered, 0);
    cs_run_free(&r);
    cs_scenario_free(&sc);
}

/* A budget is a budget: a brand that would spend more stops when it is
 * spent (every channel, commissions and coupons included), is close to it
 * by then, and a budget larger than the spend changes nothing. */
static void test_brand_budget(void **state)
{
    (void)state;
    const char *campaign[] = {"brand.koc_seeds=20",    "brand.kol_posts=14", "brand.dm_per_day=80",
                              "brand.ad_budget=400",   "brand.coupon=20",    "brand.commission=0.3",
                              "commerce.link_sharing=true", NULL, NULL};
    cs_scenario sc;
    cs_run r;
    int64_t spent[3] = {0};
    const char *budgets[] = {"brand.budget=0", "brand.budget=1000000000", "brand.budget=3000"};
    cs_day_row *rows0 = NULL;
    for (int b = 0; b < 3; b++) {
        campaign[7] = budgets[b];
        load(&sc, busy_yaml, campaign);
        run_all(&r, &sc, 2);
        const pf_state *s = r.state;
        for (int c = 0; c < CS_CH_COUNT; c++)
            spent[b] += s->brand_spend_fen[c];
        int64_t days = 0;
        for (int64_t t = 0; t < r.day; t++)
            days += r.rows[t].brand_spend_fen;
        assert_int_equal(days, spent[b]);
        /* The day the budget first cut something: only with the small one. */
        if (b == 2)
            assert_true(s->budget_out_day >= 1 && s->budget_out_day <= r.day);
        else
            assert_int_equal(s->budget_out_day, 0);
        if (b == 0) {
            rows0 = malloc((size_t)r.day * sizeof *rows0);
            assert_non_null(rows0);
            memcpy(rows0, r.rows, (size_t)r.day * sizeof *rows0);
        } else if (b == 1) {
            assert_memory_equal(rows0, r.rows, (size_t)r.day * sizeof *rows0);
        }
        cs_run_free(&r);
        cs_scenario_free(&sc);
    }
    free(rows0);
    print_message("brand spend: %.2f without a budget, %.2f with 3 000 yuan\n",
                  (double)spent[0] / 100, (double)spent[2] / 100);
    assert_true(spent[0] > 300000);                /* the campaign wants more */
    assert_int_equal(spent[1], spent[0]);
    assert_true(spent[2] <= 300000);               /* never past the budget */
    assert_true(spent[2] >= 300000 - 30000);       /* and spent nearly to it */
}

/* What pictures show agrees with the rows: the funnel's steps nest, every
 * tie that carried a sale is a tie of the network, and users' stages and
 * roles are what the state says. */
static void test_views(void **state)
{
    (void)state;
    cs_scenario sc;
    load(&sc, busy_yaml, NULL);
    cs_diag d;
    cs_diag_init(&d, stderr);
    cs_run r;
    assert_int_equal(cs_run_init(&r, &sc, 2, &d), 0);
    int64_t ties = 0;
    while (r.day < sc.days) {
        assert_int_equal(cs_run_step(&r), 0);
        const uint32_t *pairs;
        size_t n = cs_run_sale_ties(&r, &pairs);
        for (size_t i = 0; i < n; i++) {
            uint32_t a = pairs[2 * i], b = pairs[2 * i + 1];
            int tied = 0;
            for (uint64_t k = r.net.off[a]; k < r.net.off[a + 1]; k++)
                tied |= r.net.adj[k] == b;
            assert_true(tied);
        }
        ties += (int64_t)n;
        cs_funnel f;
        cs_run_funnel(&r, &f);
        const cs_day_row *w = &r.rows[r.day - 1];
        assert_int_equal(f.seeded, w->seeded);
        assert_int_equal(f.bought, w->buyers);
        assert_true(f.showed >= 0 && f.showed <= f.bought);
        assert_true(f.repurchased >= 0 && f.repurchased <= f.bought);
    }
    assert_true(ties > 0);
    cs_funnel f;
    cs_run_funnel(&r, &f);
    assert_true(f.showed > 0 && f.repurchased > 0);
    const pf_state *s = r.state;
    int64_t stages[CS_STAGE_COUNT] = {0}, kocs = 0;
    for (uint32_t u = 0; u < r.net.n; u++) {
        cs_user_view v;
        cs_run_view_user(&r, u, &v);
        assert_true(v.stage < CS_STAGE_COUNT);
        stages[v.stage]++;
        assert_int_equal(v.stage == CS_STAGE_ABSENT, s->status[u] != PF_ACTIVE);
        assert_int_equal(!!(v.roles & CS_ROLE_KOC), !!(s->role[u] & PF_KOC));
        assert_true(v.trust >= 0 && v.trust <= 1);
        kocs += !!(v.roles & CS_ROLE_KOC);
    }
    assert_int_equal(stages[CS_STAGE_ABSENT], (int64_t)r.net.n - r.rows[r.day - 1].users);
    assert_true(stages[CS_STAGE_BOUGHT] > 0 && stages[CS_STAGE_REPEAT] > 0 &&
                stages[CS_STAGE_SEEDED] + stages[CS_STAGE_ENGAGED] > 0 && kocs > 0);
    cs_run_free(&r);
    cs_scenario_free(&sc);
}

/* Warm-up days run (the community settles) but are reported nowhere. */
static void test_warmup(void **state)
{
    (void)state;
    const char *with[] = {"warmup_days=30", "days=10", "interventions=[]", NULL};
    const char *without[] = {"warmup_days=0", "days=10", "interventions=[]", NULL};
    cs_scenario a, b;
    load(&a, busy_yaml, with);
    load(&b, busy_yaml, without);
    cs_run ra, rb;
    run_all(&ra, &a, 1);
    run_all(&rb, &b, 1);
    assert_int_equal(ra.day, 10);
    assert_int_equal(ra.rows[0].day, 1);
    /* A settled community has groups with members and habits: more users
     * open the app on day 1 than in a community born that morning. */
    assert_true(ra.rows[0].group_members > rb.rows[0].group_members);
    assert_true(ra.rows[0].dau > rb.rows[0].dau);
    /* Cumulative funnel counts start on day 1: day 1's buyers all opened
     * the app that day (the warm-up's buyers are not carried over). */
    assert_true(ra.rows[0].buyers > 0);
    assert_true(ra.rows[0].buyers <= ra.rows[0].dau);
    cs_run_free(&ra);
    cs_run_free(&rb);
    cs_scenario_free(&a);
    cs_scenario_free(&b);
}

/* ---- ablations: switch off the mechanism behind a fact, the fact moves --- */

static const char ablation_yaml[] =
    "model: platform\ndays: 120\nwarmup_days: 60\n"
    "population: {size: 10000, tags: 300}\nmarket: {merchants: 60}\n"
    "circles: {launch_day: 30}\n";

/* The ablation scenario with sets, run to its end on seed. */
static void ablation_run(const char *const *sets, int64_t seed, cs_scenario *sc, cs_run *r)
{
    load(sc, ablation_yaml, sets);
    set_seed(sc, seed);
    run_all(r, sc, 2);
}

/* Mean of the facts over seeds 1..R for the ablation scenario with sets. */
static void facts_mean(const char *const *sets, int R, cs_facts *mean)
{
    memset(mean, 0, sizeof *mean);
    for (int rep = 1; rep <= R; rep++) {
        cs_scenario sc;
        cs_run r;
        ablation_run(sets, rep, &sc, &r);
        cs_facts f;
        assert_int_equal(cs_run_facts(&r, &f), 0);
        assert_true(isfinite(f.opens_ratio_group) && isfinite(f.repurchase_ratio_group));
        assert_true(isfinite(f.merchant_store_share));
        mean->opens_ratio_group += f.opens_ratio_group / R;
        mean->repurchase_ratio_group += f.repurchase_ratio_group / R;
        mean->merchant_store_share += f.merchant_store_share / R;
        cs_run_free(&r);
        cs_scenario_free(&sc);
    }
}

/* The baseline of the ablations, over seeds 1..3, computed once. */
#define ABLATION_SEEDS 3
static const cs_facts *baseline(void)
{
    static cs_facts base;
    static int done;
    if (!done) {
        facts_mean(NULL, ABLATION_SEEDS, &base);
        done = 1;
    }
    return &base;
}

/* Silent group chats (no messages; groups kept open so members remain):
 * members no longer get reasons to come back. What is left of the opens
 * ratio is selection - frequent openers are the ones who browse and join. */
static void test_ablation_silent_groups(void **state)
{
    (void)state;
    const cs_facts base = *baseline();
    cs_facts silent;
    const char *sets[] = {"groups.message_rate=0", "groups.min_messages=0", NULL};
    facts_mean(sets, ABLATION_SEEDS, &silent);
    print_message("opens ratio: %.2f with chat, %.2f silent\n", base.opens_ratio_group,
                  silent.opens_ratio_group);
    assert_true(base.opens_ratio_group > 2.2);
    assert_true(silent.opens_ratio_group < 1.7);
}

/* No chat activity, no in-chat guidance or peers' pull, no trust: what
 * made members repurchase more is gone, and the ratio falls towards 1
 * (1.62 and 1.20 on these seeds).
 * (Measured as industries do - the share of the window's buyers who buy
 * again in it - members reach about 1.5 times the platform's rate here,
 * not the sources' 2.5: docs/MODEL.md 3.5 says why.) */
static void test_ablation_repurchase(void **state)
{
    (void)state;
    const cs_facts base = *baseline();
    cs_facts off;
    const char *sets[] = {"groups.message_rate=0", "groups.min_messages=0", "groups.guidance=0",
                          "cred.group_peer=0",     "cred.group_owner=0",    "trust.weight=0",
                          NULL};
    facts_mean(sets, ABLATION_SEEDS, &off);
    print_message("repurchase ratio: %.2f with groups' mechanisms, %.2f without\n",
                  base.repurchase_ratio_group, off.repurchase_ratio_group);
    assert_true(base.repurchase_ratio_group > 1.3);
    /* Most of members' advantage goes: what is left is selection (those
     * who open often are those who join). */
    assert_true(off.repurchase_ratio_group - 1 < (base.repurchase_ratio_group - 1) / 2);
    assert_true(off.repurchase_ratio_group < base.repurchase_ratio_group - 0.25);
}

/* No closed-loop incentive: a store only costs, and merchants close them. */
static void test_ablation_store_incentive(void **state)
{
    (void)state;
    const cs_facts base = *baseline();
    cs_facts off;
    const char *sets[] = {"market.store_incentive=0", NULL};
    facts_mean(sets, 1, &off);
    assert_true(base.merchant_store_share > 0.05);
    assert_true(off.merchant_store_share == 0);
}

/* ---- the mechanisms' directions ---------------------------------------- */

enum outcome { O_TRUST, O_SPAM, O_DAU, O_GROUP_MEMBERS };

/* Mean over seeds 1..R of the ablation scenario with sets: the last day's
 * mean trust or group members, or DAU and spam share over the run. */
static double outcome_mean(const char *const *sets, int R, enum outcome o)
{
    double sum = 0;
    for (int rep = 1; rep <= R; rep++) {
        cs_scenario sc;
        cs_run r;
        ablation_run(sets, rep, &sc, &r);
        const cs_day_row *last = &r.rows[r.day - 1];
        double x = 0;
        for (int64_t t = 0; t < r.day; t++)
            x += o == O_DAU ? (double)r.rows[t].dau : o == O_SPAM ? r.rows[t].spam_share : 0;
        if (o == O_TRUST)
            x = last->mean_trust;
        else if (o == O_GROUP_MEMBERS)
            x = (double)last->group_members;
        sum += x / R;
        cs_run_free(&r);
        cs_scenario_free(&sc);
    }
    return sum;
}

/* Users differ in the ad load they accept: an ad load below the median
 * tolerance costs the ones below it trust, which it did not when all
 * shared one tolerance. */
static void test_ad_tolerance_spread(void **state)
{
    (void)state;
    const char *same[] = {"feed.ad_load=0.08", "feed.ad_tolerance_spread=0", NULL};
    const char *differ[] = {"feed.ad_load=0.08", "feed.ad_tolerance_spread=0.8", NULL};
    double a = outcome_mean(same, 2, O_TRUST), b = outcome_mean(differ, 2, O_TRUST);
    print_message("mean trust at ad load 0.08: %.4f alike, %.4f differing\n", a, b);
    assert_true(b < a - 0.005);
}

/* Group-buy invitations reach friends without the product's interest,
 * who take them as spam; with no discount nobody invites and the run is
 * the run without group buying. */
static void test_group_buy_invitations(void **state)
{
    (void)state;
    const char *off[] = {"commerce.group_buy=false", NULL};
    const char *on[] = {"commerce.group_buy=true", "commerce.group_discount=0.3", NULL};
    const char *free_[] = {"commerce.group_buy=true", "commerce.group_discount=0", NULL};
    double a = outcome_mean(off, 2, O_SPAM), b = outcome_mean(on, 2, O_SPAM);
    print_message("spam share summed over days: %.5f without group buying, %.5f with\n", a, b);
    assert_true(b > 2 * a);
    assert_true(outcome_mean(free_, 1, O_DAU) == outcome_mean(off, 1, O_DAU));
}

/* Lower tiers: more free time brings more app days, stronger social needs
 * more group members. */
static void test_tier_mechanisms(void **state)
{
    (void)state;
    const char *no_time[] = {"users.tier_time=0", NULL};
    const char *time[] = {"users.tier_time=0.3", NULL};
    double a = outcome_mean(no_time, 2, O_DAU), b = outcome_mean(time, 2, O_DAU);
    print_message("DAU summed: %.0f with no tier time, %.0f with 0.3 a tier\n", a, b);
    assert_true(b > 1.05 * a);
    const char *no_social[] = {"users.tier_social=0", NULL};
    const char *social[] = {"users.tier_social=1", NULL};
    a = outcome_mean(no_social, 2, O_GROUP_MEMBERS);
    b = outcome_mean(social, 2, O_GROUP_MEMBERS);
    print_message("group members: %.0f with no tier social needs, %.0f with 1 a tier\n", a, b);
    assert_true(b > 1.1 * a);
}

/* Share of circle memberships whose member lacks the circle's interest,
 * at the end of one run of the ablation scenario with sets. */
static double offtopic_members(const char *const *sets)
{
    cs_scenario sc;
    cs_run r;
    ablation_run(sets, 1, &sc, &r);
    const pf_state *s = r.state;
    int64_t all = 0, off = 0;
    for (uint32_t u = 0; u < s->n; u++)
        for (int k = 0; k < PF_CIRCLES; k++) {
            uint32_t ci = s->circle[(size_t)u * PF_CIRCLES + k];
            if (ci == PF_NONE || !s->circles[ci].open)
                continue;
            all++;
            off += !pf_has_interest(s, u, s->circles[ci].tag);
        }
    cs_run_free(&r);
    cs_scenario_free(&sc);
    print_message("%lld circle memberships\n", (long long)all);
    assert_true(all > 50);
    return (double)off / (double)all;
}

/* Search admits people without the circle's interest: the more browses
 * take any circle listed, the more such members; invitations (along ties
 * and interests) bring fewer. */
static void test_circle_precision(void **state)
{
    (void)state;
    /* Many circles (every application approved), so that each way of
     * joining fills some hundreds of places. */
#define MANY "circles.first_batch=2000", "circles.batch=1000", "circles.approval=1"
    const char *search_own[] = {MANY, "circles.invite_only=false", "circles.browse=0.05",
                                "circles.browse_any=0", NULL};
    const char *search_any[] = {MANY, "circles.invite_only=false", "circles.browse=0.05",
                                "circles.browse_any=1", NULL};
    const char *invite[] = {MANY, "circles.invite_only=true", "circles.invite=0.3", NULL};
#undef MANY
    double own = offtopic_members(search_own), any = offtopic_members(search_any),
           inv = offtopic_members(invite);
    print_message("circle members without its interest: %.3f searching their interests, %.3f "
                  "taking any circle, %.3f by invitation only\n", own, any, inv);
    assert_true(any > own + 0.2);
    assert_true(any > inv + 0.2);
}

/* ---- network.nodes: a real network's users with their attributes ------- */

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Writes text as dir/nodes.csv, checks the scenario at path (which names
 * it), and expects each message of expect (NULL-terminated) in the output. */
static void nodes_errors(const char *dir, const char *path, const char *text, size_t n,
                         const char *const *expect)
{
    char file[512];
    snprintf(file, sizeof file, "%s/nodes.csv", dir);
    FILE *f = fopen(file, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    cs_diag md;
    cs_diag_init(&md, m);
    cs_scenario sc;
    assert_int_equal(cs_scenario_init(&sc), 0);
    assert_int_equal(cs_scenario_load(&sc, path, &md), 0);
    assert_int_equal(cs_scenario_validate(&sc, &md), 0);
    cs_edge_buf pairs = {0};
    assert_int_equal(cs_scenario_read_edgelist(&sc, &pairs, NULL, 1, &md), CS_ERR_INPUT);
    cs_edge_buf_free(&pairs);
    fclose(m);
    for (; *expect; expect++)
        if (!strstr(buf, *expect))
            fail_msg("missing \"%s\" in:\n%s", *expect, buf);
    assert_null(strstr(buf, "nothing")); /* no message ends in a stray word */
    free(buf);
    cs_scenario_free(&sc);
}

/* The small world of the node-table tests: ties.txt, nodes.csv (text) and
 * s.yaml in dir, loaded into *sc (path receives s.yaml's path) and run to
 * its end in *r. */
static void nodes_world(const char *dir, const char *text, char path[512], cs_scenario *sc,
                        cs_run *r)
{
    write_file(dir, "ties.txt", "0 1\n1 2\n2 3\n3 0\n0 2\n4 5\n5 6\n6 7\n");
    write_file(dir, "nodes.csv", text);
    write_file(dir, "s.yaml",
               "model: platform\ndays: 3\nwarmup_days: 0\n"
               "network: {kind: edgelist, file: ties.txt, nodes: nodes.csv}\n"
               "population: {tags: 20, interests: 3}\nmarket: {merchants: 3}\n"
               "users: {kols: 1, koc_share: 0.25}\n");
    snprintf(path, 512, "%s/s.yaml", dir);
    cs_diag d;
    cs_diag_init(&d, stderr);
    assert_int_equal(cs_scenario_init(sc), 0);
    assert_int_equal(cs_scenario_load(sc, path, &d), 0);
    assert_int_equal(cs_scenario_validate(sc, &d), 0);
    run_all(r, sc, 1);
}

/* What both node tables say of users 5 and 1. */
static void expect_listed_users(const pf_state *s)
{
    assert_int_equal(s->pop.tier[5], CS_TIER_COUNTY);
    assert_int_equal(s->pop.post95[5], 0);
    assert_int_equal(s->pop.interest[5 * 3 + 0], 3); /* stored increasing */
    assert_int_equal(s->pop.interest[5 * 3 + 1], 7);
    assert_int_equal(s->pop.interest[5 * 3 + 2], 9);
    assert_int_equal(s->pop.tier[1], CS_TIER_FIRST);
    assert_int_equal(s->pop.post95[1], 1);
}

/* The node table as R's write.csv writes it (quoted names and text, a first
 * column of row names with an empty name, NA for missing) reads as the
 * plain one does; a quoted field may hold commas, "" and a line end. */
static void test_nodes_quoted_csv(void **state)
{
    (void)state;
    char dir[] = "/tmp/circlesim-nodes-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[512];
    cs_scenario sc;
    cs_run r;
    nodes_world(dir,
                "\"\",\"user\",\"tier\",\"post95\",\"interests\",\"sociability\"\r\n"
                "\"1\",5,\"county\",0,\"7;3;9\",50\r\n"
                "\"2\",1,\"first\",1,NA,NA\r\n"
                "\"row, with a comma and \"\"quotes\"\"\nand a line end\",2,NA,NA,NA,NA\r\n"
                "\r\n", /* a blank CRLF line */
                path, &sc, &r);
    const pf_state *s = r.state;
    expect_listed_users(s);
    assert_int_equal(s->kol[0], 5); /* the most sociable, as in the plain file */
    cs_run_free(&r);
    cs_scenario_free(&sc);
    /* A quote never closed: its line and column; and lines counted past a
     * quoted line end after "". */
    static const char open_quote[] = "user,tier\n5,\"first\n";
    static const char *const expect[] = {
        "nodes.csv:2:3: error: network.nodes: a quote opened here is never closed\n", NULL};
    nodes_errors(dir, path, open_quote, sizeof open_quote - 1, expect);
    static const char later[] = "user,tier\n0,\"\"\"\n\"\n1,bogus\n";
    static const char *const expect_later[] = {"nodes.csv:4:3: error: tier:", NULL};
    nodes_errors(dir, path, later, sizeof later - 1, expect_later);
    const char *files[] = {"ties.txt", "nodes.csv", "s.yaml"};
    for (size_t i = 0; i < 3; i++) {
        char f[600];
        snprintf(f, sizeof f, "%s/%s", dir, files[i]);
        unlink(f);
    }
    rmdir(dir);
}

static void test_nodes_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/circlesim-nodes-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[512];
    cs_scenario sc;
    cs_run r;
    nodes_world(dir,
                "\xEF\xBB\xBFuser, tier ,post95,interests,sociability\r\n"
                "# a comment\n"
                "5,county,0,7;3;9,50\n"
                "1,0,true,,\n",
                path, &sc, &r);
    const pf_state *s = r.state;
    expect_listed_users(s);
    /* The one KOL is the user the file makes most sociable; the two KOCs
     * (a quarter of 8) are it and the best-connected of the rest (user 0 and
     * 2 have degree 3: the lower index wins). */
    assert_int_equal(s->nkols, 1);
    assert_int_equal(s->kol[0], 5);
    assert_true(s->role[5] & PF_KOC);
    assert_true(s->role[0] & PF_KOC);
    assert_false(s->role[2] & PF_KOC);
    /* The scenario hash names the file by content: a changed file, a new hash. */
    char h1[72], h2[72];
    assert_int_equal(cs_scenario_hash(&sc, h1), 0);
    cs_run_free(&r);
    cs_scenario_free(&sc);

    write_file(dir, "nodes.csv", "user,tier\n5,first\n");
    cs_diag d;
    cs_diag_init(&d, stderr);
    assert_int_equal(cs_scenario_init(&sc), 0);
    assert_int_equal(cs_scenario_load(&sc, path, &d), 0);
    assert_int_equal(cs_scenario_validate(&sc, &d), 0);
    cs_edge_buf pairs = {0};
    assert_int_equal(cs_scenario_read_edgelist(&sc, &pairs, NULL, 1, &d), 0);
    cs_edge_buf_free(&pairs);
    assert_int_equal(cs_scenario_hash(&sc, h2), 0);
    assert_string_not_equal(h1, h2);
    cs_scenario_free(&sc);

    /* Every bad field, at its line and column, in one pass. */
    static const char bad1[] = "user,tier,post95,interests,colour\n"
                               "9,fourth,2,1;1;2,x\n"
                               "0,1,1\n"
                               "0,1,1,1;2;3,\n"
                               "1,1,1\r1;2;3,\n";
    static const char *const expect1[] = {
        "nodes.csv:1:28: error: network.nodes: unknown column 'colour'",
        "nodes.csv:2:1: error: user: expected a user id from 0 to 7 (the population size - 1), "
        "found '9'\n",
        "nodes.csv:2:3: error: tier: expected first, new_first_second, third_fourth, county or "
        "0-3, found 'fourth'\n",
        "nodes.csv:2:10: error: post95: expected 1 or 0 (true or false), found '2'\n",
        "nodes.csv:2:12: error: interests: expected 3 distinct tag ids from 0 to 19 separated by "
        "';', found '1;1;2'\n",
        "nodes.csv:3:1: error: network.nodes: expected 5 fields as in the header, found 3\n",
        "nodes.csv:5:6: error: network.nodes: a carriage return inside a line",
        NULL};
    nodes_errors(dir, path, bad1, sizeof bad1 - 1, expect1);
    /* Numbers strtod alone would take or a float cannot hold; a user
     * listed twice (reported at its user column); a NUL byte. */
    static const char bad2[] = "sociability,user\n1e-60,1\n0x10,2\ninf,3\n1.5,4\n1.5,4\n"
                               "2\0,5\n";
    static const char *const expect2[] = {
        "nodes.csv:2:1: error: sociability: expected a positive number from 1e-30 to 1e30, "
        "found '1e-60'\n",
        "nodes.csv:3:1: error: sociability: expected a positive number from 1e-30 to 1e30, "
        "found '0x10'\n",
        "nodes.csv:4:1: error: sociability: expected a positive number from 1e-30 to 1e30, "
        "found 'inf'\n",
        "nodes.csv:6:5: error: user: user 4 is listed twice\n",
        "nodes.csv:7:2: error: network.nodes: a NUL byte",
        NULL};
    nodes_errors(dir, path, bad2, sizeof bad2 - 1, expect2);
    static const char bad3[] = "tier,interests\n";
    static const char *const expect3[] = {
        "nodes.csv:1:1: error: network.nodes: the header has no 'user' column\n", NULL};
    nodes_errors(dir, path, bad3, sizeof bad3 - 1, expect3);
    const char *files[] = {"ties.txt", "nodes.csv", "s.yaml"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
}

/* ---- the calibrated default (long suite) ---------------------------------- */

/* For each of several seeds the default lands within the calibration bands:
 * store share and opens within 20%, minutes within 15% of SOURCES.md's
 * figures. The repurchase ratio, measured as industries do, is not
 * reproduced (docs/MODEL.md 3.5): only its direction is asserted. */
static void test_default_calibrated(void **state)
{
    (void)state;
    if (!long_mode())
        skip();
    for (int64_t seed = 1; seed <= 5; seed++) {
        cs_scenario sc;
        cs_diag d;
        cs_diag_init(&d, stderr);
        assert_int_equal(cs_scenario_init(&sc), 0);
        assert_int_equal(cs_scenario_load(&sc, NULL, &d), 0);
        set_seed(&sc, seed);
        assert_int_equal(cs_scenario_validate(&sc, &d), 0);
        cs_run r;
        run_all(&r, &sc, 2);
        cs_facts f;
        assert_int_equal(cs_run_facts(&r, &f), 0);
        print_message("seed %lld: repurchase %.3f opens %.3f store %.3f minutes %.2f\n",
                      (long long)seed, f.repurchase_ratio_group, f.opens_ratio_group,
                      f.merchant_store_share, f.minutes_per_dau);
        assert_true(f.repurchase_ratio_group > 1.2);
        assert_true(fabs(f.opens_ratio_group / 3.0 - 1) <= 0.20);
        assert_true(fabs(f.merchant_store_share / 0.15 - 1) <= 0.20);
        assert_true(fabs(f.minutes_per_dau / 58.0 - 1) <= 0.15);
        cs_run_free(&r);
        cs_scenario_free(&sc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_docking_complete),
        cmocka_unit_test(test_docking_network),
        cmocka_unit_test(test_threads_identical),
        cmocka_unit_test(test_facts_window),
        cmocka_unit_test(test_accounting),
        cmocka_unit_test(test_group_buy_booked_once),
        cmocka_unit_test(test_social_proof_counts),
        cmocka_unit_test(test_merchant_turnover),
        cmocka_unit_test(test_brand_budget),
        cmocka_unit_test(test_views),
        cmocka_unit_test(test_warmup),
        cmocka_unit_test(test_ablation_silent_groups),
        cmocka_unit_test(test_ablation_repurchase),
        cmocka_unit_test(test_ablation_store_incentive),
        cmocka_unit_test(test_ad_tolerance_spread),
        cmocka_unit_test(test_group_buy_invitations),
        cmocka_unit_test(test_tier_mechanisms),
        cmocka_unit_test(test_circle_precision),
        cmocka_unit_test(test_nodes_file),
        cmocka_unit_test(test_nodes_quoted_csv),
        cmocka_unit_test(test_default_calibrated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
