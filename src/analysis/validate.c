/* SPDX-License-Identifier: MIT */
/* validate.c - the platform model's evidence (validate.h).
 *
 * Figures: the default scenario at each size, one run per seed as long as
 * the last window, its facts read at the end of each window (the facts
 * cover the 30 days up to the day they are read). A figure holds when
 * every seed's value is inside its band, fails when the mean over seeds is
 * outside, and is "not distinguishable from noise" when the mean is inside
 * but some seed's value is not.
 *
 * Claims: two scenarios that differ in what the claim is about, run on
 * paired seeds; the claim holds when the 95% Student-t interval of the
 * paired difference A - B lies on the side the claim says, fails when it
 * lies on the other, and is not distinguishable from noise otherwise.
 *
 * Docking: the platform model reduced to Bass diffusion against the Bass
 * recursion; it holds when the replicates' mean is within 4 standard errors
 * + 0.1% of the population of the recursion on every day.
 *
 * Levers: each lever of analysis/levers.c moved from its low to its high
 * value on paired seeds, judged like a claim on the direction it should
 * move its outcome (the whole suite only).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "analysis/validate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/sweep.h"
#include "base/numfmt.h"
#include "analysis/docking.h"
#include "analysis/levers.h"
#include "circlesim/experiment.h"
#include "engine/run_struct.h"
#include "scenario/source.h"

const char *const cs_verdict_names[3] = {"holds", "fails", "not distinguishable from noise"};

/* ---- the figures ---- */

enum { F_REPURCHASE, F_OPENS, F_STORE, F_MINUTES, F_CLOSED_LOOP, F_GMV_PER_MAU, N_FIGURES };

static const struct {
    const char *name;
    double tolerance; /* of the scenario's target, relative; 0: a bound below */
} figures[N_FIGURES] = {
    {"repurchase ratio, group members / all users (sources: 2.5x)", 0.20},
    {"app opens ratio, group members / others (sources: 3x)", 0.20},
    {"share of active merchants with their own store (sources: 15%)", 0.20},
    {"minutes in the app per daily active user (sources: 58)", 0.15},
    {"closed-loop share of GMV: most seeded here is paid elsewhere (held out)", 0},
    {"in-app GMV a year per monthly active user (held out; sources: 400 billion yuan over "
     "300 million, about 1 330)",
     0.5},
};

static double target(const cs_scenario *sc, int f)
{
    switch (f) {
    case F_REPURCHASE: return sc->targets_repurchase_ratio_group;
    case F_OPENS: return sc->targets_opens_ratio_group;
    case F_STORE: return sc->targets_merchant_store_share;
    case F_MINUTES: return sc->targets_minutes_per_dau;
    case F_GMV_PER_MAU: return 1330;
    default: return 0.5; /* the closed loop: below half */
    }
}

static double fact(const cs_facts *x, int f)
{
    switch (f) {
    case F_REPURCHASE: return x->repurchase_ratio_group;
    case F_OPENS: return x->opens_ratio_group;
    case F_STORE: return x->merchant_store_share;
    case F_MINUTES: return x->minutes_per_dau;
    case F_GMV_PER_MAU: return x->gmv_per_mau_year;
    default: return x->closed_loop_share;
    }
}

typedef struct size_plan {
    int64_t people;
    int seeds;
} size_plan;

static const size_plan full_sizes[] = {{10000, 3}, {100000, 3}, {1000000, 1}};
static const int64_t full_windows[] = {365, 730, 1095};
static const size_plan quick_sizes[] = {{10000, 1}};
static const int64_t quick_windows[] = {365};

/* ---- the claims ---- */

enum metric {
    M_BRAND_GMV, M_MEAN_TRUST, M_GMV_TOTAL, M_DAU, M_CIRCLE_GMV_PER_MEMBER, M_DAU_YOY
};

static const char *const metric_names[] = {
    "the brand's GMV", "mean trust on the last day", "GMV, in the app and elsewhere",
    "daily active users, mean over the run", "circle-channel GMV per circle member and day",
    "DAU year on year: the last 30 days' mean over that of the 30 days a year before, - 1",
};

typedef struct claim {
    const char *name;   /* what the sources say, as A beats B */
    const char *a, *b;  /* scenario files under whatif/, or NULL: the default */
    const char *sets_a[4], *sets_b[4];
    enum metric metric;
    int quick;          /* in the quick subset */
    double min_rel;     /* A / B - 1 the claim needs at least (0: only the direction) */
    double min_diff;    /* A - B the claim needs at least, for a rate (as a growth) */
    int same_runs;      /* the runs of the claim before it, judged for a size */
} claim;

static const claim claims[] = {
    {.name = "trust beats reach: seeding KOCs (A) sells more than KOL posts (B) on the same "
             "budget",
     .a = "koc-seeding-a.yaml", .b = "kol-posts-b.yaml", .metric = M_BRAND_GMV, .quick = 1},
    {.name = "the inverted funnel (A) sells more than broadcasting (B)",
     .a = "inverted-funnel-a.yaml", .b = "broadcast-b.yaml", .metric = M_BRAND_GMV},
    {.name = "private circles are precise interest crowds: invite-only circles (A) sell more per "
             "member than searchable ones (B)",
     .a = "circles-invite-only-a.yaml", .b = "circles-searchable-b.yaml",
     .metric = M_CIRCLE_GMV_PER_MEMBER},
    {.name = "over-commercialization hurts the community: a light ad load (A) keeps more trust "
             "than a heavy one (B)",
     .a = "ad-load-low-a.yaml", .b = "ad-load-high-b.yaml", .metric = M_MEAN_TRUST, .quick = 1},
    {.name = "over-commercialization hurts sales: a light ad load (A) sells more than a heavy "
             "one (B)",
     .a = "ad-load-low-a.yaml", .b = "ad-load-high-b.yaml", .metric = M_GMV_TOTAL},
    {.name = "poor goods fail: a good product (A) sells more than a poor one (B)",
     .a = "quality-good-a.yaml", .b = "quality-poor-b.yaml", .metric = M_BRAND_GMV, .quick = 1},
    {.name = "lower-tier cities hold most people and want value and contact: a lower-tier "
             "audience (A) buys more than a first-tier one (B)",
     .a = "lower-tier-a.yaml", .b = "first-tier-b.yaml", .metric = M_BRAND_GMV},
    {.name = "interest group chats bring users back (the sources credit them with nearly +70% "
             "DAU): with group chats (A) more users open the app daily than without (B)",
     .sets_a = {"population.size=20000", "days=240", NULL},
     .sets_b = {"population.size=20000", "days=240", "groups.enabled=false", NULL},
     .metric = M_DAU, .quick = 1},
    {.name = "the group-chat square raises DAU year on year: opened on day 366 (A) against never "
             "(B), the same platform until then",
     .a = "group-chats-launch-a.yaml", .b = "group-chats-never-b.yaml", .metric = M_DAU_YOY},
    {.name = "... by as much as the sources credit it with (nearly +70% in a year): A's growth "
             "exceeds B's by at least half of that, 35 points",
     .a = "group-chats-launch-a.yaml", .b = "group-chats-never-b.yaml", .metric = M_DAU_YOY,
     .min_diff = 0.35, .same_runs = 1},
};
#define N_CLAIMS (sizeof claims / sizeof claims[0])

static double measure(const cs_run *r, enum metric m)
{
    double sum = 0, members = 0, before = 0;
    cs_facts f;
    switch (m) {
    case M_BRAND_GMV:
        if (cs_run_facts(r, &f) != 0)
            return NAN;
        for (int c = 0; c < CS_CH_COUNT; c++)
            sum += (double)f.brand_gmv_fen[c];
        return sum / 100.0;
    case M_MEAN_TRUST: return r->day ? r->rows[r->day - 1].mean_trust : NAN;
    default: break;
    }
    for (int64_t t = 0; t < r->day; t++) {
        const cs_day_row *w = &r->rows[t];
        switch (m) {
        case M_GMV_TOTAL: sum += (double)(w->gmv_fen + w->gmv_offsite_fen) / 100.0; break;
        case M_DAU: sum += (double)w->dau / (double)r->day; break;
        case M_DAU_YOY:
            /* sum: the last 30 days; before: the 30 days a year earlier */
            if (t >= r->day - 30)
                sum += (double)w->dau;
            else if (t >= r->day - 395 && t < r->day - 365)
                before += (double)w->dau;
            break;
        case M_CIRCLE_GMV_PER_MEMBER:
            sum += (double)w->gmv_channel_fen[CS_CH_CIRCLE] / 100.0;
            members += (double)w->circle_members;
            break;
        default: break;
        }
    }
    if (m == M_CIRCLE_GMV_PER_MEMBER)
        return members > 0 ? sum / members : 0;
    if (m == M_DAU_YOY) /* a run shorter than 395 days has no year before */
        return r->day >= 395 && before > 0 ? sum / before - 1 : NAN;
    return sum;
}

/* ---- running ---- */

typedef struct suite {
    const cs_validate_plan *p;
    size_t done, total;
    cs_check *checks;
    size_t n, cap;
} suite;

static void advance(suite *s)
{
    s->done++;
    if (s->p->progress)
        s->p->progress(s->p->progress_ctx, s->done, s->total);
}

static cs_check *add(suite *s)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 32;
        cs_check *c = realloc(s->checks, cap * sizeof *c);
        if (!c)
            return NULL;
        s->checks = c;
        s->cap = cap;
    }
    cs_check *c = &s->checks[s->n++];
    memset(c, 0, sizeof *c);
    return c;
}

/* The scenario at path (NULL: the built-in default) with sets and, unless
 * it is negative, seed. */
static int make(const cs_validate_plan *p, const char *path, const char *const *sets,
                int64_t seed, int64_t quick_people, cs_scenario *sc)
{
    const char *all[12];
    char seedset[64], people[64];
    size_t n = 0;
    for (; sets && *sets && n < 8; sets++)
        all[n++] = *sets;
    if (quick_people > 0) {
        /* The quick subset: the same scenarios, smaller and shorter. */
        snprintf(people, sizeof people, "population.size=%lld", (long long)quick_people);
        all[n++] = people;
        all[n++] = "days=120";
    }
    if (seed >= 0) {
        snprintf(seedset, sizeof seedset, "seed=%lld", (long long)seed);
        all[n++] = seedset;
    }
    return cs_path_scenario(path, all, n, sc, p->d);
}

static int stopped(const cs_validate_plan *p)
{
    return p->stop && *p->stop;
}

/* Runs sc to its last day (or a stop). */
static int run_to(const cs_validate_plan *p, cs_scenario *sc, cs_run *r)
{
    int rc = cs_run_init(r, sc, p->threads, p->d);
    if (rc)
        return rc == CS_ERR_NOMEM ? CS_ERR_NOMEM : rc == CS_ERR_INPUT ? CS_ERR_INPUT
                                                                    : CS_ERR_RUNTIME;
    while (r->day < sc->days && !stopped(p))
        if (cs_run_step(r) != 0) {
            cs_diag_error(p->d, "out of memory on day %lld", (long long)r->day + 1);
            return CS_ERR_NOMEM;
        }
    return stopped(p) ? CS_ERR_RUNTIME : 0;
}

static int run_figures(suite *s, const size_plan *sizes, size_t nsizes, const int64_t *windows,
                       size_t nwindows)
{
    const cs_validate_plan *p = s->p;
    for (size_t k = 0; k < nsizes; k++) {
        int seeds = sizes[k].seeds;
        double *v = calloc((size_t)seeds * nwindows * N_FIGURES, sizeof *v);
        double targets[N_FIGURES] = {0};
        if (!v)
            return CS_ERR_NOMEM;
        int rc = 0;
        for (int seed = 1; seed <= seeds && !rc; seed++) {
            char people[64], days[64];
            snprintf(people, sizeof people, "population.size=%lld", (long long)sizes[k].people);
            snprintf(days, sizeof days, "days=%lld", (long long)windows[nwindows - 1]);
            const char *sets[] = {people, days, NULL};
            cs_scenario sc;
            rc = make(p, NULL, sets, seed, 0, &sc);
            cs_run r;
            memset(&r, 0, sizeof r);
            if (!rc && cs_run_init(&r, &sc, p->threads, p->d) != 0)
                rc = CS_ERR_RUNTIME;
            for (size_t w = 0; !rc && w < nwindows; w++) {
                while (!rc && r.day < windows[w])
                    if (stopped(p))
                        rc = CS_ERR_RUNTIME;
                    else if (cs_run_step(&r) != 0)
                        rc = CS_ERR_NOMEM;
                cs_facts f;
                if (!rc && cs_run_facts(&r, &f) == 0)
                    for (int i = 0; i < N_FIGURES; i++) {
                        v[((size_t)(seed - 1) * nwindows + w) * N_FIGURES + i] = fact(&f, i);
                        targets[i] = target(&sc, i);
                    }
            }
            cs_run_free(&r);
            cs_scenario_free(&sc);
            advance(s);
        }
        for (size_t w = 0; !rc && w < nwindows; w++)
            for (int i = 0; i < N_FIGURES; i++) {
                cs_check *c = add(s);
                if (!c) {
                    rc = CS_ERR_NOMEM;
                    break;
                }
                c->section = "figure";
                snprintf(c->name, sizeof c->name, "%s", figures[i].name);
                char n[32];
                cs_format_count(n, sizeof n, sizes[k].people, ' ');
                snprintf(c->where, sizeof c->where, "%s people, days %lld-%lld, %s %d", n,
                         (long long)windows[w] - 29,
                         (long long)windows[w], seeds == 1 ? "seed" : "seeds 1 -", seeds);
                double lo = INFINITY, hi = -INFINITY, sum = 0, band_lo, band_hi;
                int finite = 1;
                for (int seed = 0; seed < seeds; seed++) {
                    double x = v[((size_t)seed * nwindows + w) * N_FIGURES + i];
                    finite &= isfinite(x);
                    lo = fmin(lo, x);
                    hi = fmax(hi, x);
                    sum += x;
                }
                if (figures[i].tolerance > 0) {
                    band_lo = targets[i] * (1 - figures[i].tolerance);
                    band_hi = targets[i] * (1 + figures[i].tolerance);
                    snprintf(c->expected, sizeof c->expected, "%.4g to %.4g", band_lo, band_hi);
                } else {
                    band_lo = 0;
                    band_hi = targets[i];
                    snprintf(c->expected, sizeof c->expected, "below %.3g", band_hi);
                }
                c->value = sum / seeds;
                c->lo = lo;
                c->hi = hi;
                c->base = figures[i].tolerance > 0 ? targets[i] : band_hi;
                c->band_lo = band_lo;
                c->band_hi = band_hi;
                if (finite && lo >= band_lo && hi <= band_hi)
                    c->verdict = CS_HOLDS;
                else if (!finite || c->value < band_lo || c->value > band_hi)
                    c->verdict = CS_FAILS;
                else
                    c->verdict = CS_NOISE;
            }
        free(v);
        if (rc)
            return rc;
    }
    return 0;
}

static int run_claims(suite *s, size_t replicates, const int64_t *base)
{
    const cs_validate_plan *p = s->p;
    double *diff = malloc(replicates * sizeof *diff), *ma = malloc(replicates * sizeof *ma),
           *mb = malloc(replicates * sizeof *mb);
    int rc = diff && ma && mb ? 0 : CS_ERR_NOMEM;
    for (size_t k = 0; k < N_CLAIMS && !rc; k++) {
        const claim *cl = &claims[k];
        if (p->quick && !cl->quick)
            continue;
        char *path[2] = {NULL, NULL};
        const char *file[2] = {cl->a, cl->b};
        for (int side = 0; side < 2; side++)
            if (file[side] && asprintf(&path[side], "%s/whatif/%s", p->scenarios, file[side]) < 0) {
                path[side] = NULL;
                rc = CS_ERR_NOMEM;
            }
        /* A claim judged for a size reuses the runs of the one before. */
        for (size_t r = 0; r < replicates && !rc && !cl->same_runs; r++) {
            double m[2];
            for (int side = 0; side < 2 && !rc; side++) {
                cs_scenario sc;
                /* The pair's seeds: A's own seed for replicate 0, then
                 * seeds derived from it, for both sides. */
                int64_t seed = cs_replicate_seed(base[k], (int64_t)r);
                int bad = make(p, path[side], side ? cl->sets_b : cl->sets_a, seed,
                               p->quick ? 4000 : 0, &sc);
                if (bad) {
                    cs_scenario_free(&sc);
                    rc = bad == CS_ERR_NOMEM ? CS_ERR_NOMEM : CS_ERR_INPUT;
                    break;
                }
                cs_run run;
                memset(&run, 0, sizeof run);
                rc = run_to(p, &sc, &run);
                m[side] = measure(&run, cl->metric);
                cs_run_free(&run);
                cs_scenario_free(&sc);
                advance(s);
            }
            if (!rc) {
                ma[r] = m[0];
                mb[r] = m[1];
            }
        }
        free(path[0]);
        free(path[1]);
        if (rc)
            break;
        cs_check *c = add(s);
        if (!c) {
            rc = CS_ERR_NOMEM;
            break;
        }
        /* The claim's margin: A - (1 + min_rel) B over the pairs, which
         * is A - B when the claim names only a direction. */
        double sum[2] = {0, 0};
        for (size_t r = 0; r < replicates; r++) {
            diff[r] = ma[r] - (1 + cl->min_rel) * mb[r] - cl->min_diff;
            sum[0] += ma[r];
            sum[1] += mb[r];
        }
        cs_stats st;
        cs_stats_of(diff, replicates, &st);
        c->section = "claim";
        snprintf(c->name, sizeof c->name, "%s", cl->name);
        snprintf(c->where, sizeof c->where, "%s, %zu paired runs%s", metric_names[cl->metric],
                 replicates, p->quick ? ", 4 000 people, 120 days" : "");
        if (cl->min_rel > 0)
            snprintf(c->expected, sizeof c->expected, "A - %.2f B > 0", 1 + cl->min_rel);
        else if (cl->min_diff > 0)
            snprintf(c->expected, sizeof c->expected, "A - B > %.2f", cl->min_diff);
        else
            snprintf(c->expected, sizeof c->expected, "A - B > 0");
        c->diff = st.mean;
        c->lo = st.ci_lo;
        c->hi = st.ci_hi;
        /* A rate (a growth) is compared by its difference, in points:
         * its "A / B - 1" would be a ratio of growths. */
        const int rate = cl->metric == M_DAU_YOY;
        c->value = rate ? (sum[0] - sum[1]) / (double)replicates
                   : sum[1] != 0 ? sum[0] / sum[1] - 1 : NAN;
        c->base = rate ? 1 : fabs(sum[1]) / (double)replicates;
        c->shift = cl->min_rel + cl->min_diff;
        c->band_lo = c->band_hi = NAN;
        c->verdict = st.ci_lo > 0 ? CS_HOLDS : st.ci_hi < 0 ? CS_FAILS : CS_NOISE;
    }
    free(diff);
    free(ma);
    free(mb);
    return rc;
}

/* The docking run: complete mixing, p = 0.03, q = 0.38, 5 000 people, 30
 * days, as tests/test_platform.c checks it. */
static int run_docking(suite *s, int R)
{
    const cs_validate_plan *p = s->p;
    enum { T = 30 };
    const int64_t N = 5000;
    const double bp = 0.03, bq = 0.38;
    double mean[T] = {0}, sq[T] = {0}, bass[T];
    int rc = 0;
    for (int rep = 1; rep <= R && !rc; rep++) {
        cs_scenario sc;
        rc = cs_docking_scenario("network: {kind: complete}\n", N, bp, bq, T, rep, &sc, p->d);
        cs_run r;
        memset(&r, 0, sizeof r);
        if (!rc)
            rc = run_to(p, &sc, &r);
        for (int t = 0; !rc && t < T; t++) {
            mean[t] += (double)r.rows[t].buyers / R;
            sq[t] += (double)r.rows[t].buyers * (double)r.rows[t].buyers / R;
        }
        cs_run_free(&r);
        cs_scenario_free(&sc);
        advance(s);
    }
    if (rc)
        return rc;
    cs_bass_recursion((double)N, bp, bq, T, bass);
    double worst = -1, at = 0;
    int day = 1;
    for (int t = 0; t < T; t++) {
        double var = R > 1 ? fmax(sq[t] - mean[t] * mean[t], 0) * R / (R - 1) : 0;
        double se = sqrt(var / R);
        double ratio = fabs(mean[t] - bass[t]) / (4 * se + 0.001 * (double)N);
        if (ratio > worst) {
            worst = ratio;
            day = t + 1;
            at = mean[t] / bass[t] - 1;
        }
    }
    cs_check *c = add(s);
    if (!c)
        return CS_ERR_NOMEM;
    c->section = "docking";
    snprintf(c->name, sizeof c->name,
             "with every mechanism but one ad and one friend's note off, the platform model is "
             "Bass diffusion (p %.2f, q %.2f, complete mixing)", bp, bq);
    char np[32];
    cs_format_count(np, sizeof np, N, ' ');
    snprintf(c->where, sizeof c->where, "buyers on each of %d days, %d runs, %s people", T, R, np);
    snprintf(c->expected, sizeof c->expected, "within 4 SE + 0.1%% of N of the recursion");
    c->value = at;
    c->lo = c->hi = NAN;
    c->base = c->band_lo = c->band_hi = NAN;
    c->diff = worst;
    snprintf(c->where + strlen(c->where), sizeof c->where - strlen(c->where),
             "; farthest on day %d", day);
    c->verdict = worst <= 1 ? CS_HOLDS : CS_FAILS;
    return 0;
}

/* Each lever from its low to its high value on paired seeds 1..R. */
static int run_levers(suite *s, size_t R)
{
    const cs_validate_plan *p = s->p;
    double *diff = malloc(R * sizeof *diff);
    int rc = diff ? 0 : CS_ERR_NOMEM;
    for (size_t k = 0; k < cs_lever_direction_count && !rc; k++) {
        const cs_lever_direction *l = &cs_lever_directions[k];
        double sum[2] = {0, 0};
        for (size_t r = 0; r < R && !rc; r++) {
            double m[2];
            for (int side = 0; side < 2 && !rc; side++) {
                cs_scenario sc;
                rc = cs_lever_scenario(l, side ? l->hi : l->lo, (int64_t)r + 1, &sc, p->d);
                cs_run run;
                memset(&run, 0, sizeof run);
                if (!rc)
                    rc = run_to(p, &sc, &run);
                m[side] = rc ? NAN : cs_lever_measure(&run, l->metric);
                cs_run_free(&run);
                cs_scenario_free(&sc);
                advance(s);
            }
            diff[r] = m[1] - m[0];
            sum[0] += m[0];
            sum[1] += m[1];
        }
        if (rc)
            break;
        cs_check *c = add(s);
        if (!c) {
            rc = CS_ERR_NOMEM;
            break;
        }
        cs_stats st;
        cs_stats_of(diff, R, &st);
        c->section = "lever";
        snprintf(c->name, sizeof c->name, "%s from %s to %s %s %s", l->lever, l->lo, l->hi,
                 l->sign > 0 ? "raises" : "lowers", cs_lever_metric_name(l->metric));
        snprintf(c->where, sizeof c->where, "%zu paired runs, the %s lever scenario", R,
                 l->base == CS_LEVER_PLATFORM ? "platform" : l->base == CS_LEVER_BASS ? "Bass"
                                                                                      : "cascade");
        snprintf(c->expected, sizeof c->expected, "high - low %s 0", l->sign > 0 ? ">" : "<");
        c->diff = st.mean;
        c->lo = st.ci_lo;
        c->hi = st.ci_hi;
        /* Relative to the low value's mean, or the high's when the low
         * sells nothing (a channel switched off): "n/a" then. */
        c->value = sum[0] != 0 ? sum[1] / sum[0] - 1 : NAN;
        c->base = fabs(sum[0] != 0 ? sum[0] : sum[1]) / (double)R;
        c->band_lo = l->sign > 0 ? 0 : NAN;
        c->band_hi = l->sign > 0 ? NAN : 0;
        double a = l->sign > 0 ? st.ci_lo : -st.ci_hi, b = l->sign > 0 ? st.ci_hi : -st.ci_lo;
        c->verdict = a > 0 ? CS_HOLDS : b < 0 ? CS_FAILS : CS_NOISE;
    }
    free(diff);
    return rc;
}

/* Every scenario of the claims loads and validates: checked before any
 * run, so a missing or broken file is reported before the long work.
 * base[k] receives claim k's A seed, from which its pairs' seeds come. */
static int check_claims(const cs_validate_plan *p, int64_t base[N_CLAIMS])
{
    int rc = 0;
    for (size_t k = 0; k < N_CLAIMS && rc != CS_ERR_NOMEM; k++) {
        const claim *cl = &claims[k];
        if (p->quick && !cl->quick)
            continue;
        const char *file[2] = {cl->a, cl->b};
        for (int side = 0; side < 2; side++) {
            char *path = NULL;
            if (file[side] && asprintf(&path, "%s/whatif/%s", p->scenarios, file[side]) < 0)
                return CS_ERR_NOMEM;
            cs_scenario sc;
            int bad = make(p, path, side ? cl->sets_b : cl->sets_a, -1, p->quick ? 4000 : 0, &sc);
            if (bad && !rc)
                rc = bad == CS_ERR_NOMEM ? CS_ERR_NOMEM : CS_ERR_INPUT;
            if (!bad && side == 0)
                base[k] = sc.seed;
            cs_scenario_free(&sc);
            free(path);
        }
    }
    return rc;
}

/* What the suite runs: the whole of it, or the quick subset. */
typedef struct shape {
    const size_plan *sizes;
    size_t nsizes;
    const int64_t *windows;
    size_t nwindows;
    size_t replicates;
    int docking;           /* runs of the docking check */
    size_t lever_pairs;    /* paired runs of each lever (0: none) */
} shape;

#define COUNT(a) (sizeof a / sizeof *a)

static shape shape_of(const cs_validate_plan *p)
{
    if (p->quick)
        return (shape){quick_sizes, COUNT(quick_sizes), quick_windows, COUNT(quick_windows), 3,
                       5, 0};
    return (shape){full_sizes, COUNT(full_sizes), full_windows, COUNT(full_windows), 10, 20, 5};
}

size_t cs_validate_runs(const cs_validate_plan *p)
{
    shape sh = shape_of(p);
    size_t total = 0;
    for (size_t k = 0; k < sh.nsizes; k++)
        total += (size_t)sh.sizes[k].seeds;
    for (size_t k = 0; k < N_CLAIMS; k++)
        if ((!p->quick || claims[k].quick) && !claims[k].same_runs)
            total += 2 * sh.replicates;
    total += (size_t)sh.docking + 2 * sh.lever_pairs * cs_lever_direction_count;
    return total;
}

int cs_validate(const cs_validate_plan *p, cs_check **out, size_t *n)
{
    int64_t base[N_CLAIMS] = {0};
    int bad = check_claims(p, base);
    if (bad)
        return bad;
    suite s = {.p = p, .total = cs_validate_runs(p)};
    shape sh = shape_of(p);
    int rc = run_figures(&s, sh.sizes, sh.nsizes, sh.windows, sh.nwindows);
    if (!rc)
        rc = run_docking(&s, sh.docking);
    if (!rc)
        rc = run_claims(&s, sh.replicates, base);
    if (!rc && sh.lever_pairs)
        rc = run_levers(&s, sh.lever_pairs);
    if (rc) {
        if (rc == CS_ERR_NOMEM)
            cs_diag_error(p->d, "out of memory");
        else if (rc == CS_ERR_RUNTIME && stopped(p))
            cs_diag_error(p->d, "stopped before the suite was complete");
        free(s.checks);
        return rc;
    }
    *out = s.checks;
    *n = s.n;
    return 0;
}
