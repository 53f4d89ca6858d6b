/* SPDX-License-Identifier: MIT */
/* compare.c - `circlesim compare A B`: both scenarios on the same seeds,
 * replicate by replicate, and the paired difference of every metric with
 * its 95% interval. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "cli/compare.h"

#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "base/fileio.h"
#include "base/numfmt.h"
#include "engine/memory.h"
#include "engine/output.h"
#include "analysis/sweep.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "analysis/compare.h"
#include "cli/measure_words.h"
#include "cli/progress.h"
#include "cli/report.h"
#include "cli/robust.h"
#ifdef CS_HAVE_DRAW
#include "draw/compare_plot.h"
#endif


static const char *const compare_files[] = {"compare.csv", "compare.png", "report.html",
                                            "robust.csv", "robust.png", NULL};
static const cs_outdir_kind compare_kind = {"compare.csv", "earlier comparison", compare_files,
                                            NULL, NULL, NULL};

/* The progress bar, after each run. */
static void progress(void *ctx, size_t done)
{
    cs_progress_update(ctx, (int64_t)done);
}

/* The same for the runs of --robust's worlds, after the scenarios' own. */
typedef struct later_runs {
    cs_progress *bar;
    size_t before;
} later_runs;

static void progress_later(void *ctx, size_t done)
{
    const later_runs *l = ctx;
    cs_progress_update(l->bar, (int64_t)(l->before + done));
}

static void fmt(char *buf, size_t n, double v)
{
    if (isfinite(v))
        snprintf(buf, n, "%.10g", v);
    else
        buf[0] = '\0';
}



/* ---- the question: which keys differ between the arms ---- */

/* Keys that never change what a run does, or that compare sets alike. */
static int ignored_key(const char *key)
{
    return !strcmp(key, "name") || !strcmp(key, "info") || !strcmp(key, "seed") ||
           !strcmp(key, "schema_version") || !strncmp(key, "targets.", 8);
}

/* "key (A: v, B: w)" for every key whose value differs, separated by "; ",
 * into *text (malloc'ed); *brand_only: every one of them is the brand's.
 * Differences the keys do not show (interventions, input files) are named
 * when the scenarios' hashes differ with the keys alike. Returns the number
 * of differences, or -1 when out of memory. */
static int arm_keys(const cs_scenario *a, const cs_scenario *b, char **text, int *brand_only)
{
    size_t len = 0;
    FILE *o = open_memstream(text, &len);
    if (!o)
        return -1;
    int n = 0;
    *brand_only = 1;
    for (size_t i = 0; i < cs_param_count(); i++) {
        const cs_param *p = cs_param_at(i);
        if (ignored_key(p->key))
            continue;
        char *va = cs_scenario_value_text(a, (int)i), *vb = cs_scenario_value_text(b, (int)i);
        if (va && vb && strcmp(va, vb) != 0) {
            fprintf(o, "%s%s (A: %s, B: %s)", n ? "; " : "", p->key, va, vb);
            n++;
            *brand_only &= !strncmp(p->key, "brand.", 6);
        }
        free(va);
        free(vb);
    }
    /* The plans over time, said like the keys; a plan that moves only the
     * brand's levers keeps the question the brand's. */
    char *ia = cs_scenario_key_text(a, "interventions"), *ib = cs_scenario_key_text(b, "interventions");
    if (ia && ib && strcmp(ia, ib) != 0) {
        fprintf(o, "%sinterventions (A: %s, B: %s)", n ? "; " : "", ia, ib);
        n++;
        *brand_only &= cs_flow_plan_brand_only(ia) && cs_flow_plan_brand_only(ib);
    }
    free(ia);
    free(ib);
    if (n == 0)
        *brand_only = 0;
    fclose(o);
    return *text ? n : -1;
}

/* ---- the verdict ---- */

/* Whether every pair gave the same numbers (same metrics, the same row
 * every day): then the keys that differ did nothing. */
static int identical_arms(const cs_comparison *c)
{
    const cs_compare_run *a = cs_comparison_runs(c, 0), *b = cs_comparison_runs(c, 1);
    const size_t nm = cs_comparison_metric_count(c);
    for (size_t r = 0; r < cs_comparison_replicates(c); r++) {
        if (!a[r].metric || !b[r].metric || a[r].days != b[r].days)
            return 0;
        for (size_t m = 0; m < nm; m++)
            if (!(a[r].metric[m] == b[r].metric[m] ||
                  (isnan(a[r].metric[m]) && isnan(b[r].metric[m]))))
                return 0;
        const size_t cells = (size_t)a[r].days * c->ncolumns;
        for (size_t k = 0; k < cells; k++)
            if (!(a[r].series[k] == b[r].series[k] ||
                  (isnan(a[r].series[k]) && isnan(b[r].series[k]))))
                return 0;
    }
    return 1;
}

/* One verdict line on metric m: a difference, or none detectable with the
 * runs made and about how many would resolve one of the size seen. */
static void verdict(FILE *o, const cs_comparison *c, size_t m, size_t pairs)
{
    const char *name = cs_comparison_metric_name(c, m);
    int money = 0;
    const char *words = cs_measure_words(name, &money);
    cs_compared st;
    cs_comparison_metric(c, m, &st);
    double rel = NAN, rlo = NAN, rhi = NAN;
    cs_comparison_relative(c, m, &rel, &rlo, &rhi);
    if (!isfinite(st.diff_mean)) {
        char a[48] = "none", b[48] = "none";
        if (isfinite(st.a_mean))
            cs_measure_number(a, sizeof a, st.a_mean, money);
        if (isfinite(st.b_mean))
            cs_measure_number(b, sizeof b, st.b_mean, money);
        fprintf(o, "%s [%s]: A %s, B %s\n  no paired difference: an arm lacks it in some run "
                   "(a ROI or ROAS needs spend)\n",
                words, name, a, b);
        return;
    }
    char a[48], b[48], d[48], lo[48], hi[48];
    cs_measure_number(a, sizeof a, st.a_mean, money);
    cs_measure_number(b, sizeof b, st.b_mean, money);
    cs_measure_number(d, sizeof d, fabs(st.diff_mean), money);
    cs_measure_number(lo, sizeof lo, st.diff_lo, money);
    cs_measure_number(hi, sizeof hi, st.diff_hi, money);
    /* A share of A only where A is a positive amount. */
    char pct[64] = "";
    if (isfinite(rel) && st.a_mean > 0)
        snprintf(pct, sizeof pct, ", %+.1f%%", 100 * rel);
    /* ROI and profit below 0: the campaign does not pay for itself. */
    const char *loses = "";
    if (!strcmp(name, "brand_roi") || !strcmp(name, "brand_profit"))
        loses = st.a_mean < 0 && st.b_mean < 0 ? " (below 0: both lose money)"
                : st.a_mean < 0                 ? " (below 0: A loses money)"
                : st.b_mean < 0                 ? " (below 0: B loses money)"
                                                : "";
    fprintf(o, "%s [%s]: A %s, B %s%s\n  ", words, name, a, b, loses);
    if (st.diff_lo > 0 || st.diff_hi < 0) {
        fprintf(o, "B %s it by %s%s (95%% CI of B - A %s to %s), over %zu paired runs\n",
               st.diff_mean > 0 ? "raises" : "lowers", d, pct, lo, hi, pairs);
        return;
    }
    char signed_d[48];
    cs_measure_number(signed_d, sizeof signed_d, st.diff_mean, money);
    fprintf(o, "no difference detectable with %zu paired runs (B - A %s%s, 95%% CI %s to %s)", pairs,
           signed_d, pct, lo, hi);
    /* Runs for 80% power at 5%: n = ((z.975 + z.8) sd / |d|)^2, sd from the
     * interval's half width. */
    const double half = (st.diff_hi - st.diff_lo) / 2;
    const double sd = pairs >= 2 ? half * sqrt((double)pairs) / cs_student_t975((double)pairs - 1)
                                 : NAN;
    const double need = st.diff_mean != 0 ? pow(2.8 * sd / fabs(st.diff_mean), 2) : INFINITY;
    if (isfinite(need) && need > (double)pairs && need < 1e7)
        fprintf(o, "; about %.0f would resolve a difference this size\n", ceil(need));
    else if (sd == 0)
        fprintf(o, "; B - A is the same in every pair\n");
    else
        fprintf(o, "; the differences average out to nothing\n");
}

/* ---- the measure day by day (for the picture) ---- */
#ifdef CS_HAVE_DRAW

/* Column name's value on day t of run (NaN when the model has no such
 * column). */
static double cell(const cs_comparison *c, const cs_compare_run *run, int64_t t,
                   const char *name)
{
    int k = cs_timeseries_column(c->model, name);
    return k < 0 ? NAN : run->series[(size_t)t * c->ncolumns + (size_t)k];
}

/* A measure's view day by day in one run, into out[0 .. days-1]: a total's
 * running sum (its last day is the record's value), a final_ column's value
 * of the day, the brand's money and ratios so far. Returns 0 when the
 * measure has no daily view (a fact of the last 30 days). */
static int daily(const cs_comparison *c, const char *m, double margin, const cs_compare_run *run,
                 double *out)
{
    const int64_t days = run->days;
    double sum = 0, gmv = 0, spend = 0;
    if (!strncmp(m, "final_", 6)) {
        if (cs_timeseries_column(c->model, m + 6) < 0)
            return 0;
        for (int64_t t = 0; t < days; t++)
            out[t] = cell(c, run, t, m + 6);
        return 1;
    }
    const char *col = !strcmp(m, "total_gmv_total") ? NULL
                      : !strncmp(m, "total_", 6)    ? m + 6
                      : !strcmp(m, "brand_gmv") || !strcmp(m, "brand_spend") ? m
                                                                               : "";
    if (!col || *col) {
        if (col && cs_timeseries_column(c->model, col) < 0)
            return 0;
        for (int64_t t = 0; t < days; t++)
            out[t] = sum += col ? cell(c, run, t, col)
                                : cell(c, run, t, "gmv") + cell(c, run, t, "gmv_offsite");
        return 1;
    }
    const int profit = !strcmp(m, "brand_profit"), roi = !strcmp(m, "brand_roi"),
              roas = !strcmp(m, "brand_roas");
    if (!(profit || roi || roas) || cs_timeseries_column(c->model, "brand_gmv") < 0)
        return 0;
    for (int64_t t = 0; t < days; t++) {
        gmv += cell(c, run, t, "brand_gmv");
        spend += cell(c, run, t, "brand_spend");
        out[t] = profit ? margin * gmv - spend
                 : spend > 0 ? (roi ? (margin * gmv - spend) / spend : gmv / spend)
                             : NAN;
    }
    return 1;
}

/* compare.png: a row per measure with a daily view (the chosen ones, or
 * GMV when none has one): B - A on paired seeds and both arms, each with
 * its 95% band. */
static int plot(const char *dir, const cs_comparison *c, const char *const *chosen,
                size_t nchosen, const double margin[2], const char *const label[2], cs_diag *d)
{
    const size_t R = cs_comparison_replicates(c);
    const cs_compare_run *side[2] = {cs_comparison_runs(c, 0), cs_comparison_runs(c, 1)};
    int64_t days = 0;
    for (size_t r = 0; r < R; r++)
        for (int s = 0; s < 2; s++)
            days = side[s][r].days > days ? side[s][r].days : days;
    enum { ROWS = 4 };
    const char *which[ROWS];
    int n = 0;
    for (size_t i = 0; i < nchosen && n < ROWS; i++)
        which[n++] = chosen[i];
    if (nchosen > ROWS)
        cs_diag_warn(d, "compare.png draws the first %d of the %zu measures asked for "
                        "(compare.csv and the verdict have them all)",
                     ROWS, nchosen);
    /* 9 bands (diff, a, b: mean, lo, hi) per row; a day's pairs in x. */
    double *buf = malloc((size_t)ROWS * 9 * (size_t)(days ? days : 1) * sizeof *buf);
    double *x = malloc(3 * (R ? R : 1) * sizeof *x);
    if (!buf || !x) {
        free(buf);
        free(x);
        return CS_ERR_NOMEM;
    }
    double *va = x + R, *vb = x + 2 * R;
    cs_compare_row rows[ROWS];
    char heading[ROWS][256];
    int nrows = 0;
    for (int k = 0; k < n + 1 && nrows < ROWS; k++) {
        const char *m = k < n ? which[k] : "total_gmv_total";
        if (k == n && nrows > 0)
            break; /* GMV only when nothing chosen has a daily view */
        double *band = buf + (size_t)nrows * 9 * (size_t)days;
        int ok = 1;
        /* Totals of money, orders and the like, and every final_ count, are
         * never negative; profit and the ratios may be. */
        const int nonneg = strcmp(m, "brand_profit") != 0 && strncmp(m, "brand_ro", 8) != 0;
        for (int64_t t = 0; t < days; t++)
            for (int j = 0; j < 9; j++)
                band[j * days + t] = NAN;
        /* Per day, over the pairs that reached it. */
        double **col = malloc(2 * R * sizeof *col);
        double *views = malloc(2 * R * (size_t)(days ? days : 1) * sizeof *views);
        if (!col || !views) {
            free(col), free(views), free(buf), free(x);
            return CS_ERR_NOMEM;
        }
        for (size_t r = 0; r < 2 * R; r++) {
            const cs_compare_run *run = &side[r / R][r % R];
            col[r] = views + r * (size_t)days;
            for (int64_t t = 0; t < days; t++)
                col[r][t] = NAN;
            if (run->series && !daily(c, m, margin[r / R], run, col[r]))
                ok = 0;
        }
        for (int64_t t = 0; ok && t < days; t++) {
            size_t np = 0;
            for (size_t r = 0; r < R; r++) {
                double a = col[r][t], b = col[R + r][t];
                if (isfinite(a) && isfinite(b)) {
                    x[np] = b - a;
                    va[np] = a;
                    vb[np] = b;
                    np++;
                }
            }
            cs_stats sd, sa, sb;
            cs_stats_of(x, np, &sd);
            cs_stats_of(va, np, &sa);
            cs_stats_of(vb, np, &sb);
            if (nonneg) { /* an amount that cannot be negative: nor can its band */
                if (isfinite(sa.ci_lo))
                    sa.ci_lo = fmax(sa.ci_lo, 0);
                if (isfinite(sb.ci_lo))
                    sb.ci_lo = fmax(sb.ci_lo, 0);
            }
            const double v[9] = {sd.mean, sd.ci_lo, sd.ci_hi, sa.mean, sa.ci_lo,
                                 sa.ci_hi, sb.mean, sb.ci_lo, sb.ci_hi};
            for (int j = 0; j < 9; j++)
                band[j * days + t] = v[j];
        }
        free(col);
        free(views);
        if (!ok)
            continue;
        int money = 0;
        const char *words = cs_measure_words(m, &money);
        /* A total is drawn as it accrues; a final_ column day by day. */
        const int at = nrows++;
        snprintf(heading[at], sizeof heading[at], "%s [%s]: %s", words, m,
                 strncmp(m, "final_", 6) ? "so far, on each day" : "on each day");
        const int ratio = !strncmp(m, "brand_ro", 8);
        rows[at] = (cs_compare_row){
            .title = heading[at],
            .unit = cs_measure_unit(m),
            .from_zero = !ratio && strcmp(m, "brand_profit") != 0,
            .diff = {band, band + days, band + 2 * days},
            .a = {band + 3 * days, band + 4 * days, band + 5 * days},
            .b = {band + 6 * days, band + 7 * days, band + 8 * days}};
    }
    char *path = NULL;
    int rc = asprintf(&path, "%s/compare.png", dir) < 0 ? CS_ERR_NOMEM
             : cs_compare_plot(cs_held_folder()->fd, path, rows, nrows, label[0], label[1],
                               (int)days, d) != 0
                 ? CS_ERR_RUNTIME
                 : 0;
    free(path);
    free(buf);
    free(x);
    return rc;
}
#endif

/* ---- what the extra spend buys ---- */

/* When only the brand's keys differ and one arm spends more than the other
 * in every pair (by more than 1% of its spend: commissions alone do not
 * count), the difference is what the extra spend bought: incremental GMV
 * (more - less) and incremental ROI, (margin x incremental GMV - extra
 * spend) / extra spend, pair by pair. An arm that spends nothing makes it
 * a campaign against none. Returns the side that spends more (0 A, 1 B),
 * or -1; *none says whether the other spends nothing at all. */
static int incremental(const cs_comparison *c, double margin, int brand_only, cs_stats *gmv,
                       cs_stats *roi, cs_stats *extra, int *none)
{
    const size_t mg = cs_comparison_find(c, "brand_gmv"), ms = cs_comparison_find(c, "brand_spend");
    const size_t R = cs_comparison_replicates(c);
    if (!brand_only || mg == SIZE_MAX || ms == SIZE_MAX || !isfinite(margin) || R == 0)
        return -1;
    int more[2] = {1, 1};
    size_t n = 0;
    *none = 1;
    for (size_t r = 0; r < R; r++) {
        double a = cs_comparison_value(c, 0, r, ms), b = cs_comparison_value(c, 1, r, ms);
        if (!isfinite(a) || !isfinite(b))
            continue;
        n++;
        more[0] &= a > b + 0.01 * a;
        more[1] &= b > a + 0.01 * b;
    }
    if (n < 2 || more[0] == more[1])
        return -1;
    const int side = more[1] ? 1 : 0, base = 1 - side;
    double *x = malloc(3 * R * sizeof *x);
    if (!x)
        return -1;
    double *y = x + R, *z = x + 2 * R;
    n = 0;
    for (size_t r = 0; r < R; r++) {
        double g = cs_comparison_value(c, side, r, mg) - cs_comparison_value(c, base, r, mg);
        double sb = cs_comparison_value(c, base, r, ms);
        double sp = cs_comparison_value(c, side, r, ms) - sb;
        if (!isfinite(g) || !(sp > 0))
            continue;
        *none &= sb == 0;
        x[n] = g;
        y[n] = (margin * g - sp) / sp;
        z[n] = sp;
        n++;
    }
    cs_stats_of(x, n, gmv);
    cs_stats_of(y, n, roi);
    cs_stats_of(z, n, extra);
    free(x);
    return n ? side : -1;
}

/* A budget that cut an arm's plan: in how many runs, and from about when
 * (the brand's actions after that were not bought). */
static void budget_lines(FILE *o, const cs_comparison *c)
{
    const size_t m = cs_comparison_find(c, "brand_budget_day");
    if (m == SIZE_MAX)
        return;
    for (int side = 0; side < 2; side++) {
        size_t n = 0, runs = 0;
        double sum = 0;
        for (size_t r = 0; r < cs_comparison_replicates(c); r++) {
            double v = cs_comparison_value(c, side, r, m);
            runs += cs_comparison_runs(c, side)[r].metric != NULL;
            if (isfinite(v)) {
                sum += v;
                n++;
            }
        }
        if (n)
            fprintf(o, "note: %s's brand.budget cut its plan in %zu of %zu runs, from day %.0f "
                       "on average: what it would have bought after that was not bought\n",
                    side ? "B" : "A", n, runs, sum / (double)n);
    }
}

/* The incremental line: the campaign against none, or the extra spend. */
static void incremental_line(FILE *o, int side, int none, const cs_stats *gmv,
                             const cs_stats *roi, const cs_stats *extra)
{
    char g[48], lo[48], hi[48], e[48];
    cs_measure_number(g, sizeof g, gmv->mean, 1);
    cs_measure_number(lo, sizeof lo, gmv->ci_lo, 1);
    cs_measure_number(hi, sizeof hi, gmv->ci_hi, 1);
    cs_measure_number(e, sizeof e, extra->mean, 1);
    if (none)
        fprintf(o, "the campaign (%s, %s) against none (%s): ", side ? "B" : "A", e,
                side ? "A" : "B");
    else
        fprintf(o, "what %s's extra spend over %s (%s) bought: ", side ? "B" : "A",
                side ? "A" : "B", e);
    fprintf(o, "incremental brand GMV %s (95%% CI %s to %s); incremental ROI %.3g (95%% CI %.3g "
               "to %.3g)%s\n",
            g, lo, hi, roi->mean, roi->ci_lo, roi->ci_hi,
            roi->ci_hi < 0   ? ": it loses money"
            : roi->ci_lo > 0 ? ": it pays back"
                             : "");
}

/* ---- --robust ---- */

/* The lines on each verdict across the worlds (into *text), robust.csv and
 * robust.png (its measure chosen below; *drawn_picture: written). Returns
 * 0 or -1 (reported). */
static int robust_report(const cs_robust *rob, const cs_comparison *c, const char *const *chosen,
                         size_t nchosen, const char *held, int64_t seed, char **text,
                         char **hinges, int *drawn_picture, cs_diag *d)
{
    size_t len = 0, hlen = 0;
    FILE *o = open_memstream(text, &len);
    FILE *ho = open_memstream(hinges, &hlen);
    int signs[256] = {0}, first = 1;
    if (!o || !ho) {
        if (o)
            fclose(o);
        if (ho)
            fclose(ho);
        cs_diag_error(d, "out of memory");
        return -1;
    }
    fprintf(o, "does it survive what the model assumes? %zu plausible worlds, %zu assumptions "
               "drawn from their plausible ranges (circlesim params), %zu paired runs in each",
            rob->worlds, rob->nkeys, cs_comparison_replicates(c));
    if (held && *held)
        fprintf(o, "; held as the scenarios, --set or --pin give them: %s", held);
    fputs("\n", o);
    int rc = 0;
    /* The picture is of the verdict it tells most about (the first of
     * those that tell as much): kept as judged until a better one. */
    cs_robust_verdict drawn = {0};
    int drawn_worth = -1;
    for (size_t m = 0; m < nchosen && !rc; m++) {
        const size_t i = cs_comparison_find(c, chosen[m]);
        cs_compared st;
        cs_comparison_metric(c, i, &st);
        cs_robust_verdict v;
        if (cs_robust_judge(rob, m, chosen[m], &st, seed, &v) != 0) {
            rc = -1;
            break;
        }
        signs[m] = v.sign;
        cs_robust_lines(o, rob, &v, NULL, 0);
        cs_robust_hinge_names(ho, rob, &v, &first);
        const int worth = cs_robust_picture_worth(&v);
        if (worth > drawn_worth) {
            cs_robust_verdict_free(&drawn);
            drawn = v;
            drawn_worth = worth;
        } else {
            cs_robust_verdict_free(&v);
        }
    }
    if (!rc && drawn_worth >= 0 && cs_robust_picture(rob, &drawn, "B - A", drawn_picture, d) != 0)
        rc = -2;
    cs_robust_verdict_free(&drawn);
    fclose(o);
    fclose(ho);
    if (rc == -1 || !*text || !*hinges) {
        cs_diag_error(d, "out of memory");
        return -1;
    }
    return rc || cs_robust_write_csv(rob, chosen, signs, NULL, d) ? -1 : 0;
}

/* Frees what the command holds before its runs; returns code. */
static int bail(int code, char **label, cs_source *src)
{
    free(label[0]);
    free(label[1]);
    cs_source_free(&src[0]);
    cs_source_free(&src[1]);
    return code;
}

int cs_cmd_compare(int argc, char **argv, cs_diag *d)
{
    cs_catch_stop_signals();
    options o;
    if (cs_parse_options(argc, argv, &o, &cs_cmd_compare_def, d) || cs_robust_pin_values(&o, d))
        return EXIT_USAGE;
    if (o.npositional != 2) {
        cs_usage_error(d, "compare needs two scenarios, A and B, found %s",
                       o.npositional < 2 ? "fewer" : "more");
        return EXIT_USAGE;
    }
    if (!o.out) {
        cs_usage_error(d, "compare needs --out DIR%s", "");
        return EXIT_USAGE;
    }
    long long reps = 10, jobs = omp_get_num_procs(), threads = 1;
    if ((o.replicates && cs_parse_count("--replicates", o.replicates, 2, 1000000, &reps, d)) ||
        (o.jobs && cs_parse_count("--jobs", o.jobs, 1, 1024, &jobs, d)) ||
        (o.threads && cs_parse_count("--threads", o.threads, 1, 1024, &threads, d)))
        return EXIT_USAGE;
    /* Both read once and checked before anything runs or is written. */
    cs_source src[2];
    cs_scenario *sa = NULL, *sb = NULL;
    int ra = cs_exit_code(cs_source_read(&src[0], o.positional[0], d));
    int rb = cs_exit_code(cs_source_read(&src[1], o.positional[1], d));
    int ca = ra ? ra : cs_prepare_scenario_from(&sa, &src[0], &o, d);
    int cb = rb ? rb : cs_prepare_scenario_from(&sb, &src[1], &o, d);
    int code = ca ? ca : cb;
    if (!code && cs_scenario_model(sa) != cs_scenario_model(sb)) {
        cs_diag_error(d, "A is a %s model and B a %s model: their metrics do not pair",
                      cs_model_name(cs_scenario_model(sa)), cs_model_name(cs_scenario_model(sb)));
        code = EXIT_USAGE;
    }
    /* compare keeps every run's every day for its picture: that must fit
     * beside the runs, before any starts. */
    if (!code) {
        uint64_t limit;
        int flags;
        const int64_t days = cs_scenario_days(sa) > cs_scenario_days(sb) ? cs_scenario_days(sa)
                                                                          : cs_scenario_days(sb);
        const double kept = 2.0 * (double)reps * (double)days *
                            (double)cs_column_count(cs_scenario_model(sa)) * sizeof(double);
        if (cs_memory_limit(o.max_memory, &limit, &flags, d))
            code = EXIT_USAGE;
        else if (limit > 0 && kept > (double)limit / 2) { /* 0: not known, not checked */
            char k[32], l[32];
            cs_format_size(k, sizeof k, (uint64_t)kept);
            cs_format_size(l, sizeof l, limit);
            cs_diag_error(d, "compare keeps every run's days for its picture: %lld runs of %lld "
                             "days take %s, more than half the %s %s; use fewer --replicates "
                             "or --days",
                          2 * reps, (long long)days, k, l,
                          flags ? "that --max-memory allows" : "available now");
            code = EXIT_USAGE;
        }
    }
    /* The memory the runs at once will take, before any starts. */
    if (!code)
        code = cs_fit_jobs(o.max_memory,
                           cs_memory_estimate(sa) >= cs_memory_estimate(sb) ? sa : sb,
                           2 * reps, &jobs, d);
    int model = code ? 0 : cs_scenario_model(sa);
    int64_t base = code ? 0 : cs_scenario_seed(sa);
    /* The question: which keys differ, and so what the verdict is on. */
    char *question = NULL;
    int brand_only = 0, ndiff = code ? 0 : arm_keys(sa, sb, &question, &brand_only);
    if (ndiff < 0)
        code = EXIT_RUNTIME;
    const char *chosen[256];
    size_t nchosen = 0;
    size_t nnames = 0;
    char **names = code ? NULL : cs_output_metric_names(model, &nnames);
    if (!code && !names)
        code = EXIT_RUNTIME;
    for (int i = 0; !code && i < o.nmetrics; i++) {
        if (cs_measure_known(o.metrics[i], names, nnames, cs_model_name(model), d) != 0)
            code = EXIT_USAGE;
        chosen[nchosen++] = o.metrics[i];
    }
    if (!code && nchosen == 0) {
        /* Arms that differ only in the brand's keys ask about the brand. */
        if (brand_only && ((1u << model) & CS_M_FACTS)) {
            chosen[nchosen++] = "brand_gmv";
            chosen[nchosen++] = "brand_spend";
            chosen[nchosen++] = "brand_profit";
            chosen[nchosen++] = "brand_roi";
        } else
            chosen[nchosen++] = "total_gmv_total";
    }
    free(names);
    /* --robust: the assumptions its worlds vary, checked before any run;
     * those a scenario or --set gives are held (the user's own world). */
    size_t worlds = 0, nkeys = 0;
    int *keys = NULL;
    char *held = NULL;
    if (!code) {
        const cs_scenario *arms[2] = {sa, sb};
        code = cs_robust_options(&o, arms, 2, &worlds, &keys, &nkeys, d);
    }
    if (!code && worlds) {
        const cs_scenario *both[2] = {sa, sb};
        code = cs_robust_held(both, 2, &o, &held) ? EXIT_RUNTIME : 0;
    }
    /* The worlds drawn, and every world's scenarios checked, before any
     * run or any file. */
    cs_assignments sets;
    cs_option_assignments(&o, &sets);
    const cs_source *arms[2] = {&src[0], &src[1]};
    cs_robust rob = {0};
    if (!code && worlds) {
        cs_compare_spec probe = {.src = arms, .sides = 2, .sets = sets.v, .nsets = sets.n,
                                 .replicates = (size_t)reps, .d = d};
        code = cs_exit_code(cs_robust_prepare(&probe, keys, nkeys, worlds,
                                              cs_scenario_seed(sa), nchosen, &rob));
    }
    /* Each arm's margin, for the brand's profit and ROI day by day (and
     * A's for the incremental ROI, asked only when the arms differ in
     * brand keys alone, so the margins agree). */
    const double margin = code ? NAN : cs_scenario_key_number(sa, "market.margin");
#ifdef CS_HAVE_DRAW
    const double margins[2] = {margin, code ? NAN : cs_scenario_key_number(sb, "market.margin")};
#endif
    char *label[2] = {NULL, NULL};
    if (!code && (asprintf(&label[0], "A: %s", cs_scenario_name(sa)) < 0 ||
                  asprintf(&label[1], "B: %s", cs_scenario_name(sb)) < 0))
        code = EXIT_RUNTIME;
    cs_scenario_close(sa);
    cs_scenario_close(sb);
    if (!code)
        code = cs_take_folder(o.out, &compare_kind, CS_OUTDIR_CLEAR, d);
    if (code) {
        free(question);
        free(keys);
        free(held);
        cs_robust_clear(&rob);
        return bail(code, label, src);
    }

    const size_t R = (size_t)reps;
    cs_progress bar;
    cs_progress_start(&bar, "compare", (int64_t)(2 * R * (1 + worlds)), o.quiet);
    cs_progress_runs(&bar, 0);
    cs_compare_spec spec = {.src = arms, .sides = 2, .sets = sets.v, .nsets = sets.n,
                            .replicates = R, .base_seed = base, .jobs = (int)jobs,
                            .threads = (int)threads, .stop = &cs_stop_signal,
                            .progress = progress, .progress_ctx = &bar, .d = d};
    cs_batch_share(&spec.run_memory, &spec.run_memory_flags);
    cs_comparison cmp;
    if (cs_compare_run_all(&spec, model, &cmp) != 0) {
        cs_progress_finish(&bar);
        cs_diag_error(d, "out of memory");
        free(question);
        free(keys);
        free(held);
        cs_robust_clear(&rob);
        return bail(EXIT_RUNTIME, label, src);
    }
    if (cs_comparison_pairs(&cmp) < R)
        code = cs_stop_code();
    /* Arms that gave the same runs: the keys that differ did nothing here,
     * which is worth a warning, not a verdict (quiet or not). */
    const int same = !code && identical_arms(&cmp);
    /* The same comparison in each plausible world. Worlds that do not
     * finish (a stop, a failed run) leave the scenario's own comparison to
     * be written whole, without the robustness section, and end the
     * command with their code. */
    int robust = 0, robust_code = 0;
    if (!code && worlds && !same) {
        later_runs later = {&bar, 2 * R};
        cs_compare_spec each = spec;
        each.progress_ctx = &later;
        each.progress = progress_later;
        robust_code = cs_exit_code(cs_robust_run(&each, model, chosen, &rob));
        size_t done = 0;
        for (size_t w = 0; w < worlds; w++)
            done += rob.pairs[w] == R;
        if (!robust_code && done < worlds)
            robust_code = cs_stop_code();
        if (robust_code)
            cs_diag_error(d, "--robust: %zu of %zu worlds finished; compare.csv and report.html "
                             "hold the scenarios' own comparison, without robustness",
                          done, worlds);
        robust = !robust_code;
    }
    cs_progress_finish(&bar);

    cs_stats inc_gmv, inc_roi, inc_spend;
    int no_campaign = 0;
    const int campaign = code ? -1
                              : incremental(&cmp, margin, brand_only, &inc_gmv, &inc_roi,
                                            &inc_spend, &no_campaign);
    cs_atomic_file f;
    if (!code && cs_folder_open_file("compare.csv", &f, d) != 0)
        code = EXIT_RUNTIME;
    if (!code) {
        fputs("metric,a_mean,b_mean,diff_mean,diff_ci_lo,diff_ci_hi,rel_change\n", f.fp);
        for (size_t m = 0; m < cs_comparison_metric_count(&cmp); m++) {
            cs_compared st;
            cs_comparison_metric(&cmp, m, &st);
            char v[6][40];
            fmt(v[0], 40, st.a_mean);
            fmt(v[1], 40, st.b_mean);
            fmt(v[2], 40, st.diff_mean);
            fmt(v[3], 40, st.diff_lo);
            fmt(v[4], 40, st.diff_hi);
            fmt(v[5], 40, st.rel);
            fprintf(f.fp, "%s,%s,%s,%s,%s,%s,%s\n", cs_comparison_metric_name(&cmp, m), v[0], v[1], v[2], v[3],
                    v[4], v[5]);
        }
        /* The campaign against none: its own GMV and ROI, as differences
         * (campaign - none, whichever side it is). */
        const cs_stats *inc[2] = {&inc_gmv, &inc_roi};
        static const char *const inc_name[2] = {"incremental_brand_gmv", "incremental_brand_roi"};
        for (int k = 0; campaign >= 0 && k < 2; k++) {
            char v[3][40];
            fmt(v[0], 40, inc[k]->mean);
            fmt(v[1], 40, inc[k]->ci_lo);
            fmt(v[2], 40, inc[k]->ci_hi);
            fprintf(f.fp, "%s,,,%s,%s,%s,\n", inc_name[k], v[0], v[1], v[2]);
        }
        if (cs_atomic_commit(&f, d) != 0)
            code = EXIT_RUNTIME;
    }
#ifdef CS_HAVE_DRAW
    if (!code && plot(o.out, &cmp, chosen, nchosen, margins, (const char *const *)label, d) != 0)
        code = EXIT_RUNTIME;
#endif
    /* The verdict's lines, for the terminal and the report alike. */
    char *verdicts = NULL;
    size_t vlen = 0;
    FILE *vo = code ? NULL : open_memstream(&verdicts, &vlen);
    if (vo) {
        for (size_t i = 0; !same && i < nchosen; i++) {
            const size_t m = cs_comparison_find(&cmp, chosen[i]);
            if (m != SIZE_MAX)
                verdict(vo, &cmp, m, cs_comparison_pairs(&cmp));
        }
        if (!same && campaign >= 0)
            incremental_line(vo, campaign, no_campaign, &inc_gmv, &inc_roi, &inc_spend);
        budget_lines(vo, &cmp);
        fclose(vo);
    }
    /* What the verdicts do across the worlds: lines, robust.csv, robust.png. */
    char *robust_text = NULL;
    int robust_drawn = 0;
    char *hinges = NULL;
    if (!code && robust &&
        robust_report(&rob, &cmp, chosen, nchosen, held, base, &robust_text, &hinges,
                      &robust_drawn, d))
        code = EXIT_RUNTIME;
    if (!code && !verdicts)
        code = EXIT_RUNTIME;
    if (same && ndiff)
        cs_diag_warn(d, "A and B gave identical runs on all %zu seeds: %s %s no effect in "
                        "these scenarios",
                     R, question, ndiff > 1 ? "had" : "has");
    else if (same)
        cs_diag_warn(d, "A and B gave identical runs on all %zu seeds: no key of theirs differs",
                     R);
    const char *heading = o.nmetrics ? "the verdict on the measures asked for"
                          : brand_only ? "the verdict on the brand (only the brand's keys differ)"
                                       : "the verdict on the platform's GMV";
    char *command = code ? NULL : cs_command_line("compare", argc, argv);
    if (!code && !command)
        code = EXIT_RUNTIME;
    if (!code) {
        cs_compare_report rep = {.label = {label[0], label[1]},
                                 .question = ndiff ? question : NULL,
                                 .heading = heading,
                                 .verdicts = verdicts,
                                 .cmp = &cmp,
                                 .replicates = R,
                                 .identical = same,
                                 .command = command,
                                 .robust = robust_text,
                                 .hinges = hinges,
#ifdef CS_HAVE_DRAW
                                 .picture = "compare.png",
                                 .robust_picture = robust_drawn ? "robust.png" : NULL,
#endif
        };
        code = cs_write_compare_report(&rep, d);
    }
    free(command);
    if (!code && !o.quiet) {
        printf("A against B: %s\n", ndiff ? question : "no key differs");
        if (!same) {
            printf("%s:\n", heading);
            fputs(verdicts, stdout);
            if (robust_text)
                fputs(robust_text, stdout);
        }
        printf("compare: %s/compare.csv, %s/report.html%s%s%s\n", o.out, o.out,
               robust_text ? ", " : "", robust_text ? o.out : "", robust_text ? "/robust.csv" : "");
    }
    if (!code)
        cs_say_wrote(o.quiet, o.out, compare_files);
    free(verdicts);
    free(robust_text);
    free(hinges);
    free(keys);
    free(held);
    cs_robust_clear(&rob);
    if (!code)
        code = robust_code;
    free(question);
    cs_comparison_clear(&cmp);
    return bail(code, label, src);
}

/* ---- the command (cli/command.h) ---- */

static const cs_option_use compare_options[] = {
    {"replicates", NULL, "runs of each scenario, on paired seeds\n"
     "(default 10)"},
    {"metric", NULL, "the measure of the verdict (repeatable): a field of a\n"
     "run's record, a row of compare.csv but the incremental\n"
     "ones (default: brand_gmv, brand_spend, brand_profit\n"
     "and brand_roi when only brand.* keys differ, else\n"
     "total_gmv_total)"},
    {"robust", NULL, "rerun the comparison in N worlds drawn from the\n"
     "plausible ranges of the assumptions the scenarios\n"
     "do not set (a Latin hypercube; R paired runs in\n"
     "each): the share of worlds where each verdict\n"
     "holds, its range, and what it hinges on"},
    {"pin", NULL, NULL},
    {"jobs", NULL, NULL},
    {"out", NULL, NULL},
    CS_OPTIONS_SCENARIO,
    CS_OPTIONS_BATCH,
    CS_OPTIONS_END,
};

const cs_command cs_cmd_compare_def = {
    "circlesim", "compare", "run two scenarios on paired seeds and report the differences",
    "circlesim compare SCENARIO_A SCENARIO_B [--replicates R] [--metric NAME]...\n"
    "                         [--robust N [--pin KEY]...] [--jobs J]\n"
    "                         --out DIR\n"
    "                         [--seed N] [--days N] [--set KEY=VALUE]... [--threads N]\n"
    "                         [--max-memory SIZE] [--quiet]\n",
    compare_options,
    "  Run A and B R times each (default 10) on paired seeds: replicate r of both\n"
    "  runs with the same seed (A's seed for r = 0, then seeds derived from it), so\n"
    "  the difference is not drowned in noise. Writes DIR/compare.csv (per metric:\n"
    "  A's and B's means, the mean paired difference B - A with its 95% Student-t\n"
    "  interval, and the relative change; totals over the run first, then the\n"
    "  brand's money and buyers, the platform's facts, and the last day's values\n"
    "  as final_*) and DIR/compare.png: for each measure of the verdict that has\n"
    "  one, its day-by-day view (a total as it accrues), B - A on the paired seeds\n"
    "  with its 95% band beside both arms' means with theirs.\n"
    "  Prints the keys that differ and a verdict on each --metric: a difference\n"
    "  with its interval, or none detectable with R paired runs and about how many\n"
    "  would resolve one of the size seen. Arms that give identical runs get a\n"
    "  warning naming the keys that had no effect.\n"
    "  --robust N reruns the comparison in N worlds: each draws every assumption\n"
    "  the scenarios leave at its default (and no --pin holds) from its plausible\n"
    "  range (circlesim params), a Latin hypercube from the seed; within a world\n"
    "  both arms share their seeds. It says in how many worlds each verdict keeps\n"
    "  its sign, the range of B - A, and the assumptions it hinges on: those whose\n"
    "  value orders B - A (a permutation test that counts every key tried), with\n"
    "  the threshold that best splits the worlds where it flips from the rest; and\n"
    "  writes DIR/robust.csv (a row per world and measure) and DIR/robust.png.\n"
    "  --max-memory SIZE: the memory the runs at once may take (default: the memory\n"
    "  available now): fewer jobs run when fewer fit; none when one run cannot.\n",
    cs_cmd_compare,
};
