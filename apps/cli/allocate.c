/* SPDX-License-Identifier: MIT */
/* allocate.c - `circlesim optimize --budget YUAN --channels LIST`: the split
 * of a marketing budget over the brand's channels that maximizes the
 * objective, found by Nelder-Mead over the shares (split.c) with every
 * split run on the same R seeds, as calibration is; then the best splits
 * and each channel's response curve on fresh seeds.
 *
 * A channel's spend buys units at the scenario's prices, spread over the
 * run's days (SOURCES.md's channels; brand.* keys in params.def). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fileio.h"
#include "analysis/split.h"
#include "analysis/sweep.h"
#include "cli/optimize.h"
#include "cli/progress.h"
#include "cli/report.h"
#include "base/numfmt.h"
#include "models/seeding.h"
#ifdef CS_HAVE_DRAW
#include "draw/sweep_plot.h"
#endif

enum { CH_KOC, CH_KOL, CH_LIVESTREAM, CH_FEED, CH_DM, CH_GROUP, CH_COUNT };
static const char *const channel_names[CH_COUNT] = {"koc", "kol", "livestream",
                                                    "feed", "dm",  "group"};
static const char *const channel_keys[CH_COUNT] = {
    "brand.koc_seeds", "brand.kol_posts", "brand.livestream_days",
    "brand.ad_budget", "brand.dm_per_day", "brand.groups"};

enum { RUNNER_UPS = 4, RESPONSE_POINTS = 4 };

/* The R fresh runs of some assignments: stats of the objective, and the
 * brand's money. */
typedef struct fresh {
    const char *sets;
    cs_stats s;
    double spent[CS_CH_COUNT]; /* the brand's mean spend by channel (yuan), commissions included */
    double gmv[CS_CH_COUNT];   /* its mean GMV by channel (yuan), both places */
    double brand_gmv, brand_spend; /* means over the runs, every channel */
    cs_stats profit;           /* margin x GMV - spend, run by run */
    double roi;                /* mean of each run's profit / spend (NaN unless every run spent) */
} fresh;

typedef struct evaluated {
    char *sets;
    double share[CH_COUNT];
    double mean;          /* on the fitting seeds; NaN: invalid */
} evaluated;

struct cs_budget {
    cs_optimizer *z;
    double budget;        /* yuan */
    int ch[CH_COUNT];     /* the channels searched, in the order given */
    size_t nch;
    double unit_cost[CH_COUNT]; /* yuan a unit (a KOC, a post, a livestream, a message, a group) */
    double margin;        /* market.margin: the brand's profit is margin x GMV - spend */
    int64_t days;
    evaluated *eval;
    size_t nevals, cap;
    long long max_evals;  /* splits tried at most */
    volatile int stop;
    int failed;
    double start;
    cs_progress lines;   /* a log's progress lines (a terminal has its own line) */
    /* The best splits on fresh seeds, best first, for the report. */
    fresh best[1 + RUNNER_UPS];
    double best_share[1 + RUNNER_UPS][CH_COUNT];
    size_t best_rank[1 + RUNNER_UPS]; /* as allocation.csv ranks them */
    size_t nbest;
};
typedef struct cs_budget allocator;

/* Units a spend buys on channel c, as the scenario key takes them. */
static double units(const allocator *a, int c, double yuan)
{
    if (c == CH_FEED)
        return yuan; /* yuan of ads, bought at market.ad_cpm */
    double u = yuan / a->unit_cost[c];
    /* Whole units for what comes whole; rates may be fractional. At most
     * one livestream a day: money past that buys nothing. */
    if (c == CH_LIVESTREAM && u > (double)a->days)
        u = (double)a->days;
    return c == CH_KOL || c == CH_DM ? u : floor(u + 1e-9);
}

/* The assignments of spending yuan[i] on channel a->ch[i]. */
static char *split_sets(const allocator *a, const double *yuan)
{
    char *text = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&text, &len);
    if (!o)
        return NULL;
    const double D = (double)a->days;
    /* The budget is a cap the run keeps (brand.budget): rates rounded up,
     * commissions and coupons never take the spend past it. */
    char cap[64];
    cs_format_double(cap, sizeof cap, a->budget);
    fprintf(o, "brand.budget=%s\n", cap);
    for (size_t i = 0; i < a->nch; i++) {
        int c = a->ch[i];
        double u = units(a, c, yuan[i]);
        char v[64];
        switch (c) {
        case CH_KOC:
        case CH_GROUP:
            fprintf(o, "%s=%.0f\n", channel_keys[c], u);
            break;
        case CH_KOL: /* posts per week */
            cs_format_double(v, sizeof v, round(u * 7.0 / D * 1e6) / 1e6);
            fprintf(o, "%s=%s\n", channel_keys[c], v);
            break;
        case CH_DM:
        case CH_FEED: /* per day */
            cs_format_double(v, sizeof v, round(u / D * 1e4) / 1e4);
            fprintf(o, "%s=%s\n", channel_keys[c], v);
            break;
        case CH_LIVESTREAM: { /* evenly over the run */
            long n = (long)u;
            fprintf(o, "%s=[", channel_keys[c]);
            for (long j = 0; j < n; j++)
                fprintf(o, "%s%lld", j ? "," : "", (long long)(1 + floor((j + 0.5) * D / n)));
            fputs("]\n", o);
            break;
        }
        }
    }
    if (fclose(o) != 0) {
        free(text);
        return NULL;
    }
    if (len > 0)
        text[len - 1] = '\0'; /* no trailing line end */
    return text;
}

/* Mean objective of a split's assignments over the R fitting seeds (the
 * cache answers splits that buy the same units). */
static double fit_mean(allocator *a, const double *share)
{
    double yuan[CH_COUNT];
    for (size_t i = 0; i < a->nch; i++)
        yuan[i] = share[i] * a->budget;
    char *sets = split_sets(a, yuan);
    if (!sets) {
        a->failed = 1;
        a->stop = 1;
        return NAN;
    }
    for (size_t i = 0; i < a->nevals; i++)
        if (!strcmp(a->eval[i].sets, sets)) {
            free(sets);
            return a->eval[i].mean;
        }
    if (a->nevals == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 64;
        evaluated *grown = realloc(a->eval, cap * sizeof *grown);
        if (!grown) {
            free(sets);
            a->failed = 1;
            a->stop = 1;
            return NAN;
        }
        a->eval = grown;
        a->cap = cap;
    }
    const size_t R = (size_t)a->z->replicates;
    cs_batch_task *t = cs_batch_tasks(&a->z->farm, R);
    if (!t) {
        free(sets);
        a->failed = 1;
        a->stop = 1;
        return NAN;
    }
    for (size_t r = 0; r < R; r++) {
        t[r].sets = sets;
        t[r].seed = cs_optimizer_seed(a->z, (int64_t)r, 0);
    }
    double mean = NAN;
    if (cs_batch_run(&a->z->farm, t, R) != 0) {
        a->stop = 1;
        if (!cs_stop_signal)
            a->failed = 1;
    } else {
        double sum = 0;
        int ok = 1;
        for (size_t r = 0; r < R; r++) {
            ok &= t[r].status == 0 && isfinite(t[r].values[0]);
            sum += t[r].values[0];
        }
        mean = ok ? sum / (double)R : NAN;
    }
    free(t);
    if (a->stop) {
        free(sets);
        return NAN;
    }
    evaluated *e = &a->eval[a->nevals++];
    e->sets = sets;
    e->mean = mean;
    memcpy(e->share, share, a->nch * sizeof *share);
    cs_progress_update(&a->lines, (int64_t)a->nevals);
    if (!a->z->quiet && isatty(2)) {
        fprintf(stderr, "\r\033[Ksplit %zu  %s %.6g  %.1fs elapsed", a->nevals,
                cs_objective_names[a->z->objective], mean, cs_now() - a->start);
        fflush(stderr);
    }
    return mean;
}

static double objective(const double *share, void *ctx)
{
    return fit_mean(ctx, share);
}

static int parse_channels(allocator *a, const char *list, cs_diag *d)
{
    const char *s = list;
    while (*s) {
        size_t len = strcspn(s, ",");
        int found = -1;
        for (int c = 0; c < CH_COUNT; c++)
            if (strlen(channel_names[c]) == len && !strncmp(s, channel_names[c], len))
                found = c;
        if (found < 0) {
            cs_diag_error(d, "--channels: '%.*s' is not a channel the brand can spend on "
                             "(koc, kol, livestream, feed, dm, group%s)",
                          (int)len, s,
                          len == 6 && !strncmp(s, "circle", 6) ? "; circles take no spend" : "");
            return -1;
        }
        for (size_t i = 0; i < a->nch; i++)
            if (a->ch[i] == found) {
                cs_diag_error(d, "--channels: %s is listed twice", channel_names[found]);
                return -1;
            }
        a->ch[a->nch++] = found;
        s += len;
        if (*s == ',')
            s++;
        if (*s == '\0' && s[-1] == ',') {
            cs_diag_error(d, "--channels: a name is missing after the last comma%s", "");
            return -1;
        }
    }
    if (a->nch == 0) {
        cs_diag_error(d, "--channels needs at least one channel%s", "");
        return -1;
    }
    return 0;
}

/* Prices of a unit on each channel, from the scenario. */
static int set_prices(allocator *a, cs_diag *d)
{
    const cs_scenario *sc = a->z->base;
    const double scale = cs_scenario_key_number(sc, "population.size") / 100000.0;
    a->unit_cost[CH_KOC] = cs_scenario_key_number(sc, "brand.koc_cost");
    a->unit_cost[CH_KOL] = cs_scenario_key_number(sc, "brand.kol_cost") * scale;
    a->unit_cost[CH_LIVESTREAM] = cs_scenario_key_number(sc, "brand.livestream_cost") * scale;
    a->unit_cost[CH_FEED] = 1;
    a->unit_cost[CH_DM] = cs_scenario_key_number(sc, "brand.dm_cost");
    a->unit_cost[CH_GROUP] =
        cs_scenario_key_number(sc, "brand.group_cost") * (double)cs_scenario_days(sc) / 30.0;
    static const char *const cost_key[CH_COUNT] = {"brand.koc_cost", "brand.kol_cost",
                                                   "brand.livestream_cost", NULL,
                                                   "brand.dm_cost", "brand.group_cost"};
    int bad = 0;
    for (size_t i = 0; i < a->nch; i++) {
        int c = a->ch[i];
        if (cost_key[c] && !(a->unit_cost[c] > 0)) {
            cs_scenario_key_error(sc, d, cs_param_find(cost_key[c]),
                                  "%s is 0: a budget cannot be split by price over a free "
                                  "channel (%s)",
                                  cost_key[c], channel_names[c]);
            bad = 1;
        }
    }
    for (size_t i = 0; i < a->nch; i++)
        if (a->ch[i] == CH_GROUP && !cs_scenario_key_number(sc, "groups.enabled")) {
            cs_scenario_key_error(sc, d, cs_param_find("groups.enabled"),
                                  "channel group needs groups.enabled: true");
            bad = 1;
        }
    return bad ? -1 : 0;
}


/* The engine's channel a searched channel spends on. */
static const int engine_channel[CH_COUNT] = {CS_CH_KOC, CS_CH_KOL, CS_CH_LIVESTREAM,
                                             CS_CH_FEED, CS_CH_DM, CS_CH_GROUP};

static int run_fresh(allocator *a, fresh *f, size_t n)
{
    const size_t R = (size_t)a->z->replicates;
    cs_batch_task *t = cs_batch_tasks(&a->z->farm, n * R);
    double *x = malloc(R * sizeof *x);
    if (!t || !x) {
        free(t);
        free(x);
        return EXIT_RUNTIME;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t r = 0; r < R; r++) {
            t[i * R + r].sets = f[i].sets;
            t[i * R + r].seed = cs_optimizer_seed(a->z, (int64_t)r, 1);
        }
    int code = 0;
    if (cs_batch_run(&a->z->farm, t, n * R) != 0)
        code = cs_stop_code();
    for (size_t i = 0; i < n && !code; i++) {
        size_t k = 0;
        for (size_t r = 0; r < R; r++)
            if (t[i * R + r].status == 0 && isfinite(t[i * R + r].values[0]))
                x[k++] = t[i * R + r].values[0];
        cs_stats_of(x, k, &f[i].s);
        f[i].brand_gmv = f[i].brand_spend = 0;
        for (int c = 0; c < CS_CH_COUNT; c++) {
            double sum = 0, gmv = 0;
            size_t m = 0;
            for (size_t r = 0; r < R; r++)
                if (t[i * R + r].status == 0) {
                    sum += t[i * R + r].values[1 + c];
                    gmv += t[i * R + r].values[1 + CS_CH_COUNT + c];
                    m++;
                }
            f[i].spent[c] = m ? sum / (double)m : NAN;
            f[i].gmv[c] = m ? gmv / (double)m : NAN;
            f[i].brand_gmv += f[i].gmv[c];
            f[i].brand_spend += f[i].spent[c];
        }
        /* The brand's profit run by run, at the scenario's margin, and its
         * ROI as runs.csv has it: the mean of each run's profit / spend,
         * none unless every run spent. */
        k = 0;
        double roi_sum = 0;
        int all_spent = 1;
        for (size_t r = 0; r < R; r++) {
            if (t[i * R + r].status != 0)
                continue;
            double g = 0, sp = 0;
            for (int c = 0; c < CS_CH_COUNT; c++) {
                sp += t[i * R + r].values[1 + c];
                g += t[i * R + r].values[1 + CS_CH_COUNT + c];
            }
            x[k++] = a->margin * g - sp;
            all_spent &= sp > 0;
            roi_sum += sp > 0 ? (a->margin * g - sp) / sp : 0;
        }
        cs_stats_of(x, k, &f[i].profit);
        f[i].roi = k && all_spent ? roi_sum / (double)k : NAN;
    }
    free(t);
    free(x);
    return code;
}

static void cell(FILE *o, double v)
{
    fputc(',', o);
    if (isfinite(v))
        fprintf(o, "%.10g", v);
}

static int by_mean_desc(const void *x, const void *y)
{
    const evaluated *a = *(const evaluated *const *)x, *b = *(const evaluated *const *)y;
    double p = isnan(a->mean) ? -HUGE_VAL : a->mean, q = isnan(b->mean) ? -HUGE_VAL : b->mean;
    if (p != q)
        return (p < q) - (p > q);
    return (a > b) - (a < b); /* the earlier evaluation first: qsort need not be stable */
}

/* allocation.csv: the best splits on fresh seeds, best first, then every
 * split tried; and the table on stdout. */
static int report_splits(allocator *a, cs_diag *d)
{
    size_t n = a->nevals;
    evaluated **order = malloc((n ? n : 1) * sizeof *order);
    if (!order)
        return EXIT_RUNTIME;
    for (size_t i = 0; i < n; i++)
        order[i] = &a->eval[i];
    qsort(order, n, sizeof *order, by_mean_desc);
    /* The best split and the runner-ups on fresh seeds: splits apart from
     * each other by at least 2% of the budget on some channel (nearby
     * splits buy nearly the same units; they are no alternative). An
     * interrupted search keeps its splits, without fresh runs. */
    fresh f[1 + RUNNER_UPS];
    int *fresh_of = malloc((n ? n : 1) * sizeof *fresh_of);
    if (!fresh_of) {
        free(order);
        return EXIT_RUNTIME;
    }
    size_t top = 0;
    const evaluated *picked[1 + RUNNER_UPS];
    for (size_t j = 0; j < n; j++) {
        fresh_of[j] = -1;
        if (cs_stop_signal || top == 1 + RUNNER_UPS || isnan(order[j]->mean))
            continue;
        int distinct = 1;
        for (size_t q = 0; q < top && distinct; q++) {
            int near = 1;
            for (size_t i = 0; i < a->nch && near; i++)
                near = fabs(order[j]->share[i] - picked[q]->share[i]) < 0.02;
            distinct = !near;
        }
        if (!distinct)
            continue;
        picked[top] = order[j];
        a->best_rank[top] = j + 1;
        f[top].sets = order[j]->sets;
        fresh_of[j] = (int)top++;
    }
    int code = top ? run_fresh(a, f, top) : 0;
    int stopped = code == 130 || code == 143;
    if (!code) {
        a->nbest = top;
        for (size_t q = 0; q < top; q++) {
            a->best[q] = f[q];
            memcpy(a->best_share[q], picked[q]->share, sizeof a->best_share[q]);
        }
    }
    if (stopped) { /* keep the splits tried, without fresh figures */
        for (size_t j = 0; j < n; j++)
            fresh_of[j] = -1;
        code = 0;
    }
    char *text = NULL;
    size_t len = 0;
    FILE *o = code ? NULL : open_memstream(&text, &len);
    if (!code && !o)
        code = EXIT_RUNTIME;
    if (o) {
        fputs("rank,evaluation", o);
        for (size_t i = 0; i < a->nch; i++)
            fprintf(o, ",%s_yuan", channel_names[a->ch[i]]);
        for (size_t i = 0; i < a->nch; i++)
            fprintf(o, ",%s_units", channel_names[a->ch[i]]);
        fputs(",fit_mean,n,mean,sd,ci_lo,ci_hi", o);
        for (size_t i = 0; i < a->nch; i++)
            fprintf(o, ",%s_spent", channel_names[a->ch[i]]);
        fputs(",brand_gmv,brand_spend,brand_profit,brand_profit_ci_lo,brand_profit_ci_hi,"
              "brand_roi", o);
        for (size_t i = 0; i < a->nch; i++)
            fprintf(o, ",%s_gmv", channel_names[a->ch[i]]);
        fputc('\n', o);
        if (!a->z->quiet) {
            printf("%-6s", "rank");
            for (size_t i = 0; i < a->nch; i++)
                printf(" %12s", channel_names[a->ch[i]]);
            printf(" %14s  %s\n", cs_objective_names[a->z->objective], "95% CI (fresh seeds)");
        }
        for (size_t j = 0; j < n; j++) {
            const evaluated *e = order[j];
            fprintf(o, "%zu,%zu", j + 1, (size_t)(e - a->eval) + 1);
            for (size_t i = 0; i < a->nch; i++)
                cell(o, e->share[i] * a->budget);
            for (size_t i = 0; i < a->nch; i++)
                cell(o, units(a, a->ch[i], e->share[i] * a->budget));
            cell(o, e->mean);
            const fresh *g = fresh_of[j] >= 0 ? &f[fresh_of[j]] : NULL;
            if (g) {
                fprintf(o, ",%zu", g->s.n);
                cell(o, g->s.mean);
                cell(o, g->s.sd);
                cell(o, g->s.ci_lo);
                cell(o, g->s.ci_hi);
                for (size_t i = 0; i < a->nch; i++)
                    cell(o, g->spent[engine_channel[a->ch[i]]]);
                cell(o, g->brand_gmv);
                cell(o, g->brand_spend);
                cell(o, g->profit.mean);
                cell(o, g->profit.ci_lo);
                cell(o, g->profit.ci_hi);
                cell(o, g->roi);
                for (size_t i = 0; i < a->nch; i++)
                    cell(o, g->gmv[engine_channel[a->ch[i]]]);
            } else {
                fputs(",,,,,,,,,,,", o);
                for (size_t i = 0; i < 2 * a->nch; i++)
                    fputc(',', o);
            }
            fputc('\n', o);
            if (g && !a->z->quiet) {
                printf("%-6zu", j + 1);
                for (size_t i = 0; i < a->nch; i++)
                    printf(" %12.0f", e->share[i] * a->budget);
                printf(" %14.6g  %.6g to %.6g\n", g->s.mean, g->s.ci_lo, g->s.ci_hi);
            }
        }
        for (size_t q = 1; q < top && !a->z->quiet; q++)
            if (f[q].s.mean > f[0].s.mean) {
                printf("note: a runner-up does better than the best split on the fresh seeds: "
                       "the splits are within the runs' noise of each other; more --replicates "
                       "tell them apart\n");
                break;
            }
        if (fclose(o) != 0 || cs_folder_write_text("allocation.csv", text, d) != 0)
            code = EXIT_RUNTIME;
    }
    free(text);
    free(order);
    free(fresh_of);
    return code ? code : stopped ? cs_stop_code() : 0;
}

/* The objective against each channel's spend with nothing on the others:
 * response.csv and response.png. */
static int report_response(allocator *a, cs_diag *d)
{
    const size_t P = RESPONSE_POINTS, npts = 1 + a->nch * P;
    fresh *f = calloc(npts, sizeof *f);
    char **owned = calloc(npts, sizeof *owned);
    int code = f && owned ? 0 : EXIT_RUNTIME;
    double yuan[CH_COUNT] = {0};
    for (size_t p = 0; p < npts && !code; p++) {
        memset(yuan, 0, sizeof yuan);
        if (p > 0)
            yuan[(p - 1) / P] = a->budget * (double)((p - 1) % P + 1) / (double)P;
        owned[p] = split_sets(a, yuan);
        if (!owned[p])
            code = EXIT_RUNTIME;
        f[p].sets = owned[p];
    }
    if (!code && !a->z->quiet)
        printf("optimize: each channel's response curve on %lld fresh seeds (%zu runs)\n",
               (long long)a->z->replicates, npts * (size_t)a->z->replicates);
    if (!code)
        code = run_fresh(a, f, npts);
    char *text = NULL;
    size_t len = 0;
    FILE *o = code ? NULL : open_memstream(&text, &len);
    if (!code && !o)
        code = EXIT_RUNTIME;
    if (o) {
        fputs("channel,yuan,units,spent,n,mean,sd,ci_lo,ci_hi,brand_gmv,brand_spend,brand_profit,"
              "brand_roi\n", o);
        for (size_t i = 0; i < a->nch; i++)
            for (size_t q = 0; q <= P; q++) {
                const fresh *g = q == 0 ? &f[0] : &f[1 + i * P + (q - 1)];
                double spend = a->budget * (double)q / (double)P;
                fprintf(o, "%s", channel_names[a->ch[i]]);
                cell(o, spend);
                cell(o, units(a, a->ch[i], spend));
                cell(o, g->spent[engine_channel[a->ch[i]]]);
                fprintf(o, ",%zu", g->s.n);
                cell(o, g->s.mean);
                cell(o, g->s.sd);
                cell(o, g->s.ci_lo);
                cell(o, g->s.ci_hi);
                cell(o, g->brand_gmv);
                cell(o, g->brand_spend);
                cell(o, g->profit.mean);
                cell(o, g->roi);
                fputc('\n', o);
            }
        if (fclose(o) != 0 || cs_folder_write_text("response.csv", text, d) != 0)
            code = EXIT_RUNTIME;
    }
    free(text);
#ifdef CS_HAVE_DRAW
    if (!code) {
        double *buf = malloc(a->nch * (P + 1) * 4 * sizeof *buf);
        cs_sweep_line lines[CH_COUNT];
        if (!buf)
            code = EXIT_RUNTIME;
        for (size_t i = 0; i < a->nch && !code; i++) {
            double *x = buf + i * (P + 1) * 4, *m = x + P + 1, *lo = m + P + 1, *hi = lo + P + 1;
            for (size_t q = 0; q <= P; q++) {
                const fresh *g = q == 0 ? &f[0] : &f[1 + i * P + (q - 1)];
                x[q] = a->budget * (double)q / (double)P;
                m[q] = g->s.mean;
                /* A count or GMV cannot be negative: an interval's lower end
                 * below 0 (few replicates) is drawn at 0; a profit can. */
                lo[q] = isfinite(g->s.ci_lo) ? g->s.ci_lo : g->s.mean;
                if (a->z->objective != CS_OBJ_BRAND_PROFIT)
                    lo[q] = fmax(lo[q], 0);
                hi[q] = isfinite(g->s.ci_hi) ? g->s.ci_hi : g->s.mean;
            }
            lines[i] = (cs_sweep_line){channel_names[a->ch[i]], x, m, lo, hi, (int)(P + 1)};
        }
        char *path = NULL, *title = NULL;
        if (!code && (asprintf(&path, "%s/response.png", a->z->o->out) < 0 ||
                      asprintf(&title, "Response to each channel alone, budget %.0f yuan: %s%s",
                               a->budget, cs_objective_names[a->z->objective],
                               a->z->objective == CS_OBJ_BUYERS ? "" : " in yuan") < 0 ||
                      cs_sweep_plot(cs_held_folder()->fd, path, title, "mean, 95% interval",
                                    "yuan planned for the channel", lines, (int)a->nch, d) != 0))
            code = EXIT_RUNTIME;
        free(path);
        free(title);
        free(buf);
    }
#endif
    for (size_t p = 0; owned && p < npts; p++)
        free(owned[p]);
    free(owned);
    free(f);
    return code;
}

/* report.html: the question (the budget, the channels, the objective),
 * the best split with its interval on fresh seeds, the runner-ups, the
 * brand's money under each, each channel's response, and the caveats. */
static int write_report(const allocator *a, cs_diag *d)
{
    const cs_optimizer *z = a->z;
    const int money = z->objective != CS_OBJ_BUYERS;
    char b[64], title[320], *text;
    size_t text_len;
    cs_html_number(b, sizeof b, a->budget, 1);
    snprintf(title, sizeof title, "how to split %s yuan over the brand's channels", b);
    FILE *o = cs_html_open(&text, &text_len, title, d);
    if (!o)
        return EXIT_RUNTIME;
    fprintf(o, "<h1>How to split %s yuan <span class=\"q\">over</span> ", b);
    for (size_t i = 0; i < a->nch; i++)
        fprintf(o, "%s%s", i ? (i + 1 == a->nch ? " and " : ", ") : "", channel_names[a->ch[i]]);
    fputs("</h1>\n<p class=\"q\"><b>Scenario:</b> ", o);
    cs_html_text(o, cs_scenario_name(z->base));
    fprintf(o, ". <b>Objective:</b> %s, the mean of %lld runs on the fitting seeds for each of "
               "%zu splits tried (Nelder-Mead); the best splits then on %lld fresh seeds, which "
               "the figures below are.</p>\n",
            cs_objective_names[z->objective], (long long)z->replicates, a->nevals,
            (long long)z->replicates);
    fputs("<h2>Verdict</h2>\n", o);
    if (a->nbest == 0) {
        fputs("<p class=\"warn\">No split was run on fresh seeds.</p>\n", o);
    } else {
        const fresh *g = &a->best[0];
        char m[64], lo[64], hi[64], p[64], plo[64], phi[64];
        cs_html_number(m, sizeof m, g->s.mean, money);
        cs_html_number(lo, sizeof lo, g->s.ci_lo, money);
        cs_html_number(hi, sizeof hi, g->s.ci_hi, money);
        cs_html_number(p, sizeof p, g->profit.mean, 1);
        cs_html_number(plo, sizeof plo, g->profit.ci_lo, 1);
        cs_html_number(phi, sizeof phi, g->profit.ci_hi, 1);
        fputs("<div class=\"verdict\">Best split: ", o);
        for (size_t i = 0; i < a->nch; i++) {
            char y[64]; /* whole yuan, rounded as the terminal and allocation.csv read */
            cs_html_number(y, sizeof y, round(a->best_share[0][i] * a->budget), 1);
            fprintf(o, "%s%s %s", i ? ", " : "", channel_names[a->ch[i]], y);
        }
        fprintf(o, ".\n%s %s (95%% interval %s to %s) on fresh seeds.\n", cs_objective_names[z->objective],
                m, lo, hi);
        fprintf(o, "The brand's profit (margin %.2f on its GMV less its spend) %s (95%% interval %s "
                   "to %s)%s.</div>\n",
                a->margin, p, plo, phi,
                g->profit.ci_hi < 0   ? ": it loses money"
                : g->profit.ci_lo > 0 ? ": it pays back"
                                      : ": not distinguishable from break-even with these runs");
        for (size_t q = 1; q < a->nbest; q++)
            if (a->best[q].s.mean > g->s.mean) {
                fputs("<p class=\"warn\">A runner-up does better than the best split on the fresh "
                      "seeds: the splits are within the runs' noise of each other; more "
                      "--replicates tell them apart.</p>\n", o);
                break;
            }
        fputs("<h2>The best splits on fresh seeds</h2>\n<table><thead><tr><th>rank of the "
              "split</th>", o);
        for (size_t i = 0; i < a->nch; i++)
            fprintf(o, "<th>%s</th>", channel_names[a->ch[i]]);
        const int gmv_column = z->objective != CS_OBJ_BRAND_GMV;
        const int profit_column = z->objective != CS_OBJ_BRAND_PROFIT;
        fprintf(o, "<th>%s</th><th>95%% interval</th>%s<th>brand spend</th>%s"
                   "<th>ROI</th></tr></thead><tbody>\n",
                cs_objective_names[z->objective], gmv_column ? "<th>brand GMV</th>" : "",
                profit_column ? "<th>profit</th>" : "");
        for (size_t q = 0; q < a->nbest; q++) {
            const fresh *e = &a->best[q];
            fprintf(o, "<tr><th>%zu</th>", a->best_rank[q]);
            for (size_t i = 0; i < a->nch; i++)
                cs_html_cell(o, round(a->best_share[q][i] * a->budget), 1);
            cs_html_cell(o, e->s.mean, money);
            char l2[64], h2[64];
            cs_html_number(l2, sizeof l2, e->s.ci_lo, money);
            cs_html_number(h2, sizeof h2, e->s.ci_hi, money);
            fprintf(o, "<td class=\"n\">%s to %s</td>", l2, h2);
            if (gmv_column)
                cs_html_cell(o, e->brand_gmv, 1);
            cs_html_cell(o, e->brand_spend, 1);
            if (profit_column)
                cs_html_cell(o, e->profit.mean, 1);
            cs_html_cell(o, e->roi, 0);
            fputs("</tr>\n", o);
        }
        fputs("</tbody></table>\n<p class=\"q\">Spend is what the runs bought: whole units "
              "(a KOC, a post, a livestream, a group) at the scenario's prices, with commissions "
              "on link sales; ROI is profit / spend (0 = break-even).</p>\n", o);
    }
#ifdef CS_HAVE_DRAW
    fputs("<h2>Each channel alone</h2>\n<p class=\"q\">The objective against what is spent on "
          "one channel with nothing on the others, on fresh seeds, with its 95% band: where a "
          "curve flattens, more money there buys little.</p>\n", o);
    cs_html_image(o, "response.png", "the objective against each channel's spend");
#endif
    fprintf(o, "<h2>Caveats</h2>\n<ul>\n<li>The search fits %lld runs a split: splits whose "
               "intervals overlap cannot be told apart with this many.</li>\n"
               "<li>Robustness to what the model assumes: not assessed here; compare the "
               "allocated.yaml against an alternative with compare --robust N.</li>\n"
               "<li>Costs scale with population size as docs/EXPERIMENTS.md says; a real budget "
               "scales the same way.</li>\n"
               "<li>Where the model departs from its sources: docs/MODEL.md 3.6 and 3.7.</li>\n"
               "</ul>\n",
            (long long)z->replicates);
    return cs_html_finish(o, &text, z->command, d);
}

/* allocated.yaml: the scenario with the best split. */
static int write_allocated(allocator *a, const char *sets, const double *share, cs_diag *d)
{
    cs_scenario *sc = NULL;
    int code = cs_batch_scenario_new(&a->z->farm, sets, a->z->base_seed, &sc, d) ? EXIT_RUNTIME : 0;
    char *what = NULL, *head = NULL, *yaml = NULL;
    size_t len = 0;
    FILE *o = code ? NULL : open_memstream(&what, &len);
    if (o) {
        fprintf(o, "best split of %.2f yuan:", a->budget);
        for (size_t i = 0; i < a->nch; i++)
            fprintf(o, " %s %.2f", channel_names[a->ch[i]], share[i] * a->budget);
        fclose(o);
        yaml = cs_scenario_to_yaml(sc, 0);
        if (!yaml || asprintf(&head, "# %s\n# %s\n%s", a->z->command, what, yaml) < 0 ||
            cs_folder_write_text("allocated.yaml", head, d) != 0)
            code = EXIT_RUNTIME;
    }
    free(what);
    free(head);
    free(yaml);
    cs_scenario_close(sc);
    return code;
}

int cs_budget_setup(cs_optimizer *z, cs_budget **out, cs_diag *d)
{
    allocator *a = calloc(1, sizeof *a);
    *out = a;
    if (!a)
        return EXIT_RUNTIME;
    a->z = z;
    a->days = cs_scenario_days(z->base);
    a->margin = cs_scenario_key_number(z->base, "market.margin");
    char *end;
    a->budget = strtod(z->o->budget, &end);
    /* Plain decimals only: strtod would also read hex, inf and nan. */
    if (*z->o->budget == '\0' || *end ||
        strspn(z->o->budget, "0123456789.eE+-") != strlen(z->o->budget) || !(a->budget > 0) ||
        !isfinite(a->budget) ||
        !cs_whole_fen(a->budget)) {
        cs_usage_error(d, "--budget expects yuan above 0, in whole fen, found '%s'", z->o->budget);
        return EXIT_USAGE;
    }
    if (!cs_model_has_brand(cs_scenario_model(z->base))) {
        cs_diag_error(d, "--budget: the %s model has no brand channels; it needs model platform",
                      cs_model_name(cs_scenario_model(z->base)));
        return EXIT_USAGE;
    }
    if (parse_channels(a, z->o->channels, d) != 0 || set_prices(a, d) != 0)
        return EXIT_USAGE;
    a->max_evals = 40 * (long long)a->nch;
    if (z->o->max_evals &&
        cs_parse_count("--max-evals", z->o->max_evals, (long long)a->nch, 1000000, &a->max_evals,
                       d))
        return EXIT_USAGE;
    for (size_t i = 0; i < a->nch; i++)
        if (a->ch[i] == CH_LIVESTREAM && a->budget / a->unit_cost[CH_LIVESTREAM] > (double)a->days)
            cs_diag_warn(d, "the budget buys more livestreams than the %lld days hold (one a day); "
                            "what a split puts on livestreams past that is not spent",
                         (long long)a->days);
    /* Every channel's whole budget must make a valid scenario (the keys'
     * ranges): checked before anything runs. */
    for (size_t i = 0; i < a->nch; i++) {
        double yuan[CH_COUNT] = {0};
        yuan[i] = a->budget;
        char *sets = split_sets(a, yuan);
        cs_scenario *sc = NULL;
        cs_diag quiet;
        cs_diag_init_muted(&quiet);
        int bad = !sets || cs_batch_scenario_new(&z->farm, sets, z->base_seed, &sc, &quiet) != 0;
        cs_scenario_close(sc);
        free(sets);
        if (bad) {
            const cs_param *p = cs_param_at((size_t)cs_param_find(channel_keys[a->ch[i]]));
            cs_diag_error(d, "--budget %s: spent all on %s it buys %g units, more than %s "
                             "allows (at most %g %s); use a smaller budget",
                          z->o->budget, channel_names[a->ch[i]],
                          units(a, a->ch[i], a->budget), channel_keys[a->ch[i]], p->max,
                          p->unit && *p->unit ? p->unit : "");
            return EXIT_USAGE;
        }
    }
    return 0;
}

void cs_budget_free(cs_budget *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->nevals; i++)
        free(a->eval[i].sets);
    free(a->eval);
    free(a);
}

int cs_budget_run(cs_budget *a, cs_diag *d)
{
    cs_optimizer *z = a->z;
    if (!z->quiet && a->nch == 1)
        printf("optimize: one channel, nothing to split: the whole %.2f yuan goes to %s\n",
               a->budget, channel_names[a->ch[0]]);
    else if (!z->quiet)
        printf("optimize: splitting %.2f yuan over %zu channels by Nelder-Mead, at most %lld "
               "splits of %lld runs each\n",
               a->budget, a->nch, a->max_evals, (long long)z->replicates);
    double share[CH_COUNT];
    for (size_t i = 0; i < a->nch; i++)
        share[i] = 1.0 / (double)a->nch;
    a->start = cs_now();
    /* At most max_evals splits: the search may stop sooner ("left" is a
     * bound); on a terminal the line above with the objective. */
    cs_progress_start(&a->lines, "optimize", a->max_evals, z->quiet);
    cs_progress_unit(&a->lines, "split", 0);
    a->lines.enabled = 0;
    cs_split_result res;
    int code = 0;
    if (cs_split_search(a->nch, objective, a, (int)a->max_evals, &a->stop, share, &res) != 0)
        a->failed = 1;
    if (!z->quiet && isatty(2))
        fputs("\r\033[K", stderr);
    if (a->failed) {
        cs_diag_error(d, "a run did not finish (out of memory?)");
        code = EXIT_RUNTIME;
    } else if (cs_stop_signal) {
        code = cs_stop_code();
    } else if (isnan(res.value)) {
        cs_diag_error(d, "no split made a valid scenario");
        code = EXIT_USAGE;
    }
    int flat = a->nevals > 1;
    for (size_t i = 1; i < a->nevals && flat; i++)
        flat = a->eval[i].mean == a->eval[0].mean;
    if (!code && flat)
        cs_diag_warn(d, "every split scored the same: the budget buys too little (or too much) to "
                        "change the objective; try another --budget");
    if (!code && !z->quiet)
        printf("optimize: best of %zu splits: %s %.6g on the fitting seeds; on %lld fresh "
               "seeds:\n",
               a->nevals, cs_objective_names[z->objective], res.value,
               (long long)z->replicates);
    if ((!code || code == 130 || code == 143) && a->nevals > 0) {
        int rc = report_splits(a, d);
        if (!code)
            code = rc;
    }
    if (!code) {
        double yuan[CH_COUNT];
        for (size_t i = 0; i < a->nch; i++)
            yuan[i] = share[i] * a->budget;
        char *sets = split_sets(a, yuan);
        code = sets ? write_allocated(a, sets, share, d) : EXIT_RUNTIME;
        free(sets);
    }
    if (!code)
        code = report_response(a, d);
    if (!code)
        code = write_report(a, d);
    if ((code == 130 || code == 143) && a->nevals > 0)
        fprintf(stderr, "%s: optimize interrupted: the %zu split%s tried %s in "
                        "%s/allocation.csv\n",
                cs_program, a->nevals, a->nevals == 1 ? "" : "s", a->nevals == 1 ? "is" : "are",
                z->o->out);
    else if (code == 130 || code == 143)
        fprintf(stderr, "%s: optimize interrupted before the first split was run: nothing "
                        "written\n",
                cs_program);
    if (!code && !z->quiet)
        printf("optimize: wrote %s/allocation.csv, allocated.yaml, response.csv, response.png, "
               "report.html\n",
               z->o->out);
    return code;
}
