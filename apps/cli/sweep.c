/* SPDX-License-Identifier: MIT */
/* sweep.c - `circlesim sweep`: the full factorial of the --vary lists, R
 * replicates each, spread over J jobs; runs.csv, summary.csv and
 * experiment.yaml as README.md's Experiments section describes them. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "cli/sweep.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/engine.h"
#include "base/csv.h"
#include "base/fileio.h"
#include "engine/memory.h"
#include "engine/output.h"
#include "circlesim/rng.h"
#include "analysis/design.h"
#include "analysis/sweep_runs.h"
#include "analysis/sweep.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/measure_words.h"
#include "cli/progress.h"
#include "cli/report.h"
#include "cli/robust.h"
#include "cli/transport.h"
#ifdef CS_HAVE_DRAW
#include "draw/sweep_plot.h"
#endif


static const char *const sweep_files[] = {"experiment.yaml", "runs.csv",       "summary.csv",
                                          "series.csv",      "sensitivity.csv", "plot-*.png",
                                          "sensitivity-*.png", "report.html", "robust.csv",
                                          "robust.png", NULL};
static const cs_outdir_kind sweep_kind = {"experiment.yaml", "earlier sweep", sweep_files, NULL,
                                          NULL, NULL};



typedef struct sweep {
    const options *o;
    const char *path;      /* the scenario file, NULL for the default */
    cs_source src;         /* its text, read once: every run starts from the same bytes */
    cs_design g;           /* the design: keys, points, each point's values */
    int64_t replicates, base_seed;
    int threads;           /* per run */
    const cs_scenario *base;   /* the scenario as loaded, before any point's values */
    cs_assignments sets;   /* the command line's --set, --seed and --days */
    char **line;           /* each run's runs.csv record, NULL until done */
    /* With --keep-series: where each run's rows lie in series.csv as
     * appended (-1: nowhere yet). The rows stay on disk, not in memory:
     * 10^5 runs of a year are gigabytes. */
    int64_t *series_at, *series_len;
    int keep_series;
    const char *plot[16]; /* the measures drawn: --metric, or chosen from the keys */
    size_t nplot;
    char *warnings;       /* identical points, as warned (report.html repeats them) */
    char *command;        /* the command line, for report.html */
    /* --robust: each variant as a source of its own (NULL: not asked), the
     * keys the worlds vary, and the worlds' runs once made. */
    cs_source *arm;
    int *robust_keys;
    size_t robust_nkeys, robust_worlds;
    cs_robust worlds;      /* drawn and checked before any run; run after the sweep */
    char *robust_held;     /* the assumptions held, named */
    const cs_robust *rob;  /* &worlds once every world finished, for the report */
} sweep;

enum { CS_MAX_ROBUST_VARIANTS = 256 };

/* The runs' plan (analysis/sweep_runs.h) from the sweep as set up. */
static cs_sweep_plan plan_of(const sweep *w)
{
    cs_sweep_plan p = {.src = &w->src, .sets = w->sets.v, .nsets = w->sets.n, .g = &w->g,
                       .replicates = w->replicates, .base_seed = w->base_seed,
                       .threads = w->threads, .stop = &cs_stop_signal};
    cs_batch_share(&p.run_memory, &p.run_memory_flags);
    return p;
}

static int point_scenario(const sweep *w, size_t point, int64_t replicate, cs_scenario **sc,
                          cs_diag *d)
{
    cs_sweep_plan p = plan_of(w);
    return cs_exit_code(cs_sweep_point_scenario_new(&p, point, replicate, sc, d));
}

static char *record_prefix(const sweep *w, size_t run)
{
    cs_sweep_plan p = plan_of(w);
    return cs_sweep_record_prefix(&p, run);
}

static char *one_run(const sweep *w, size_t run, char **series, cs_diag *shared)
{
    cs_sweep_plan p = plan_of(w);
    return cs_sweep_run_one(&p, run, series, shared);
}

static void header(FILE *o, const sweep *w, int model)
{
    cs_sweep_plan p = plan_of(w);
    cs_sweep_header(o, &p, model);
}

/* Field i (0-based) of a CSV record without quotes in its numeric part:
 * the metrics come after the quoted varied values, so fields are counted
 * with quotes respected. */
static double field(const char *line, size_t i)
{
    int quoted = 0;
    for (const char *p = line;; p++) {
        if (i == 0) {
            /* An empty field (a ratio without a denominator) is NaN. */
            char *end = NULL;
            double v = strtod(p, &end);
            return end == p ? NAN : v;
        }
        if (*p == '\0' || *p == '\n')
            return NAN;
        if (*p == '"')
            quoted = !quoted;
        else if (*p == ',' && !quoted)
            i--;
    }
}

/* Where name is among the record's metrics, or nmetrics. */
static size_t metric_index(const char *const *metric, size_t nmetrics, const char *name)
{
    size_t m = 0;
    while (m < nmetrics && strcmp(metric[m], name) != 0)
        m++;
    return m;
}

#ifdef CS_HAVE_DRAW
/* plot-<metric>.png for the metrics a strategist looks at first: each
 * against the first varied key, with its 95% band, one line per value of
 * the other keys. Keys whose values are not numbers are placed at 0, 1, 2... */
static int write_plots(const char *dir, const sweep *w, const char *const *metric,
                       size_t nmetrics, const cs_stats *table, cs_diag *d)
{
    if (w->g.nvary == 0)
        return 0;
    const size_t n0 = w->g.vary[0].n, lines = w->g.points / n0;
    double *buf = malloc(n0 * 4 * sizeof *buf);
    cs_sweep_line *line = malloc(lines * sizeof *line);
    char **label = calloc(lines, sizeof *label);
    int rc = buf && line && label ? 0 : CS_ERR_NOMEM;
    /* A numeric axis when every value is a finite number; otherwise the
     * values in order (a text value, or -1e999, which reads as -inf and
     * has no place on an axis). */
    int numeric = 1;
    for (size_t i = 0; rc == 0 && i < n0; i++) {
        char *end;
        buf[i] = strtod(w->g.vary[0].values[i], &end);
        numeric &= *end == '\0' && end != w->g.vary[0].values[i] && isfinite(buf[i]);
    }
    for (size_t i = 0; rc == 0 && !numeric && i < n0; i++)
        buf[i] = (double)i;
    /* A key whose 0 means no limit (brand.budget, circles.capacity): that
     * point has no place at 0, so it is left off the axis (the title says
     * so; summary.csv has it). */
    const int px = cs_param_find(w->g.vary[0].key);
    const int unlimited = numeric && px >= 0 &&
                          (cs_param_at((size_t)px)->flags & CS_P_ZERO_UNLIMITED);
    int dropped = 0;
    for (size_t i = 0; rc == 0 && unlimited && i < n0; i++)
        if (buf[i] == 0) {
            buf[i] = NAN;
            dropped = 1;
        }
    /* Each line's label: the other keys' values at its points. */
    for (size_t l = 0; rc == 0 && l < lines && w->g.nvary > 1; l++) {
        size_t idx[256];
        cs_factorial_point(w->g.vary, w->g.nvary, l, idx);
        size_t len = 0;
        FILE *o = open_memstream(&label[l], &len);
        if (!o) {
            rc = CS_ERR_NOMEM;
            break;
        }
        for (size_t k = 1; k < w->g.nvary; k++)
            fprintf(o, "%s%s=%s", k > 1 ? ", " : "", w->g.vary[k].key, w->g.vary[k].values[idx[k]]);
        fclose(o);
    }
    for (size_t q = 0; rc == 0 && q < w->nplot; q++) {
        const size_t m = metric_index(metric, nmetrics, w->plot[q]);
        if (m == nmetrics)
            continue;
        int money = 0;
        const char *words = cs_measure_words(w->plot[q], &money);
        double *all = malloc(lines * n0 * 3 * sizeof *all);
        if (!all) {
            rc = CS_ERR_NOMEM;
            break;
        }
        for (size_t l = 0; l < lines; l++) {
            double *mean = all + 3 * n0 * l, *lo = mean + n0, *hi = lo + n0;
            for (size_t i = 0; i < n0; i++) {
                const cs_stats *st = &table[(i * lines + l) * nmetrics + m];
                mean[i] = isnan(buf[i]) ? NAN : st->mean; /* a point left off the axis */
                lo[i] = isfinite(st->ci_lo) && !isnan(buf[i]) ? st->ci_lo : mean[i];
                hi[i] = isfinite(st->ci_hi) && !isnan(buf[i]) ? st->ci_hi : mean[i];
            }
            line[l] = (cs_sweep_line){.label = label[l], .x = buf, .mean = mean, .lo = lo,
                                      .hi = hi, .n = (int)n0};
        }
        char *path = NULL, title[320];
        /* Seven colours tell lines apart; more would be a tangle. */
        if (lines > 7)
            snprintf(title, sizeof title, "%s (the first 7 of %zu lines; all in summary.csv)",
                     words, lines);
        else if (dropped)
            snprintf(title, sizeof title, "%s (%s 0, no limit, not drawn)", words,
                     w->g.vary[0].key);
        else
            snprintf(title, sizeof title, "%s, mean and 95%% interval", words);
        if (asprintf(&path, "%s/plot-%s.png", dir, w->plot[q]) < 0)
            rc = CS_ERR_NOMEM;
        else if (cs_sweep_plot(cs_held_folder()->fd, path, title, cs_measure_unit(w->plot[q]),
                               w->g.vary[0].key, line, (int)lines, d) != 0)
            rc = CS_ERR_RUNTIME;
        free(path);
        free(all);
    }
    for (size_t l = 0; label && l < lines; l++)
        free(label[l]);
    free(label);
    free(line);
    free(buf);
    return rc;
}
#endif


/* w->plot from --metric (each checked against the record's fields), or
 * by default the brand's GMV and ROI when every key moved is a brand.*
 * key of the platform model, else GMV and buyers. Returns 0 or the exit
 * code (reported). */
static int choose_plots(sweep *w, const options *o, int model, cs_diag *d)
{
    size_t nnames = 0;
    char **names = cs_output_metric_names(model, &nnames);
    if (!names) {
        cs_diag_error(d, "out of memory");
        return EXIT_RUNTIME;
    }
    int code = 0;
    if ((size_t)o->nmetrics > sizeof w->plot / sizeof w->plot[0]) {
        char given[32];
        snprintf(given, sizeof given, "%d", o->nmetrics);
        cs_usage_error(d, "sweep draws at most 16 measures, found %s --metric options", given);
        code = EXIT_USAGE;
    }
    for (int i = 0; i < o->nmetrics && !code; i++) {
        if (cs_measure_known(o->metrics[i], names, nnames, cs_model_name(model), d) != 0)
            code = EXIT_USAGE;
        else
            w->plot[w->nplot++] = o->metrics[i];
    }
    free(names);
    if (code || w->nplot)
        return code;
    int brand = ((1u << model) & CS_M_FACTS) != 0;
    for (size_t k = 0; k < w->g.nvary; k++) {
        if (strcmp(w->g.vary[k].key, "interventions") != 0) {
            brand &= !strncmp(w->g.vary[k].key, "brand.", 6);
            continue;
        }
        /* The variants' plans over time (each its own or the scenario's):
         * when they differ, each must move only the brand's levers. */
        int differ = 0;
        for (size_t p = 1; p < w->g.points && !differ; p++)
            differ = strcmp(w->g.value[p * w->g.nvary + k], w->g.value[k]) != 0;
        for (size_t p = 0; differ && p < w->g.points; p++)
            brand &= cs_flow_plan_brand_only(w->g.value[p * w->g.nvary + k]);
    }
    w->plot[w->nplot++] = brand ? "brand_gmv" : "total_gmv_total";
    w->plot[w->nplot++] = brand ? "brand_roi" : "final_buyers";
    return 0;
}

/* The record of a runs.csv line, past its run, point, replicate, seed,
 * variant and keys (quoted fields skipped whole). */
static const char *record_of(const sweep *w, const char *line)
{
    size_t skip = 4 + (w->g.variant != NULL) + w->g.nvary;
    int quoted = 0;
    for (const char *p = line; *p; p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (*p == ',' && !quoted && --skip == 0)
            return p + 1;
    }
    return "";
}

/* Whether points p and q gave the same record on every replicate. */
static int same_runs(const sweep *w, size_t p, size_t q)
{
    for (int64_t r = 0; r < w->replicates; r++) {
        const char *a = w->line[p * (size_t)w->replicates + (size_t)r],
                   *b = w->line[q * (size_t)w->replicates + (size_t)r];
        if (!a || !b || strcmp(record_of(w, a), record_of(w, b)) != 0)
            return 0;
    }
    return 1;
}

/* The value a variant gives key, or NULL when it leaves it as the
 * scenario has it. */
static const char *variant_value(const cs_variant *v, const char *key)
{
    for (size_t k = 0; k < v->n; k++)
        if (!strcmp(v->keys[k], key))
            return v->values[k];
    return NULL;
}

/* Two design points (variants, or combinations of values) whose runs gave
 * identical records on every seed: the keys that tell them apart changed
 * no outcome there (the days between may differ: two Bass runs that both
 * reach everyone end alike), which deserves a warning rather than a
 * ranking. Up to 1 000 points are compared (pairwise). */
static void warn_identical_points(sweep *w, cs_diag *d)
{
    const size_t n = w->g.points;
    if (n < 2 || n > 1000)
        return;
    size_t all_len = 0;
    FILE *all = open_memstream(&w->warnings, &all_len);
    if (!all)
        return;
    for (size_t p = 0; p < n; p++)
        for (size_t q = p + 1; q < n; q++) {
            if (!same_runs(w, p, q))
                continue;
            char *text = NULL;
            size_t len = 0;
            FILE *o = open_memstream(&text, &len);
            if (!o) {
                fclose(all);
                return;
            }
            int k = 0;
            if (w->g.variant) {
                const cs_variant *a = &w->g.variant[p], *b = &w->g.variant[q];
                fprintf(o, "variants %s and %s", a->name, b->name);
                const cs_variant *both[2] = {a, b};
                for (int side = 0; side < 2; side++)
                    for (size_t i = 0; i < both[side]->n; i++) {
                        const char *key = both[side]->keys[i];
                        if (side == 1 && variant_value(a, key))
                            continue; /* named already */
                        const char *va = variant_value(a, key), *vb = variant_value(b, key);
                        if (va && vb && !strcmp(va, vb))
                            continue;
                        fprintf(o, "%s%s (%s: %s, %s: %s)", k++ ? "; " : ": ", key, a->name,
                                va ? va : "as the scenario has it", b->name,
                                vb ? vb : "as the scenario has it");
                    }
            } else {
                fprintf(o, "points %zu and %zu", p, q);
                for (size_t i = 0; i < w->g.nvary; i++) {
                    const char *va = w->g.value[p * w->g.nvary + i],
                               *vb = w->g.value[q * w->g.nvary + i];
                    if (strcmp(va, vb) != 0)
                        fprintf(o, "%s%s (%s, %s)", k++ ? "; " : ": ", w->g.vary[i].key, va, vb);
                }
            }
            fclose(o);
            if (text) {
                const char *what = k > 1 ? "these keys made" : "this key made";
                cs_diag_warn(d, "%s: identical outcomes on all %lld seeds (every total, fact "
                                "and last-day value of runs.csv): %s no difference to them",
                             text, (long long)w->replicates, what);
                fprintf(all, "%s: identical outcomes on all %lld seeds: %s no difference to "
                             "them\n",
                        text, (long long)w->replicates, what);
            }
            free(text);
        }
    fclose(all);
}

typedef struct effect {
    size_t key;
    double mu, mu_star, sigma;
    size_t n;
} effect;

static int by_mu_star(const void *a, const void *b)
{
    const effect *x = a, *y = b;
    if (x->mu_star != y->mu_star)
        return x->mu_star < y->mu_star ? 1 : -1;
    return (x->key > y->key) - (x->key < y->key);
}

/* Morris elementary effects per key and metric: along each trajectory, the
 * change of the metric's replicate mean when one key moves by the step,
 * divided by the step (in the key's range, scaled to 0..1). mu_star (mean of
 * absolute effects) ranks the keys, sigma says how much a key's effect
 * depends on the others (Campolongo, Cariboni & Saltelli 2007). */
static int write_sensitivity(const char *dir, const sweep *w, const char *const *metric,
                             size_t nmetrics, const cs_stats *table, cs_diag *d)
{
    (void)dir; /* names the pictures, when drawing is built */
    const size_t nk = w->g.nvary, trajectories = w->g.points / (nk + 1);
    double *ee = malloc(trajectories * sizeof *ee), *abs_ee = malloc(trajectories * sizeof *abs_ee);
    effect *fx = malloc(nk * sizeof *fx);
    cs_atomic_file f;
    int rc = ee && abs_ee && fx ? cs_folder_open_file("sensitivity.csv", &f, d) : CS_ERR_NOMEM;
    if (rc == 0)
        fputs("metric,key,mu,mu_star,sigma,trajectories\n", f.fp);
    for (size_t m = 0; rc == 0 && m < nmetrics; m++) {
        for (size_t k = 0; k < nk; k++) {
            size_t n = 0;
            for (size_t p = 0; p < w->g.points; p++)
                if (w->g.moved[p] == (int)k) {
                    /* Divided by the step actually taken, as a share of the
                     * range: whole-number keys round their step. */
                    double step = (strtod(w->g.value[p * nk + k], NULL) -
                                   strtod(w->g.value[(p - 1) * nk + k], NULL)) /
                                  (w->g.hi[k] - w->g.lo[k]);
                    if (!(step != 0) || !isfinite(step))
                        continue;
                    double y1 = table[p * nmetrics + m].mean, y0 = table[(p - 1) * nmetrics + m].mean;
                    ee[n] = (y1 - y0) / step;
                    abs_ee[n] = fabs(ee[n]);
                    n++;
                }
            cs_stats a, b;
            cs_stats_of(ee, n, &a);
            cs_stats_of(abs_ee, n, &b);
            fx[k] = (effect){k, a.mean, b.mean, a.sd, n};
        }
        qsort(fx, nk, sizeof *fx, by_mu_star);
        for (size_t k = 0; k < nk; k++) {
            char v[3][40];
            const double x[3] = {fx[k].mu, fx[k].mu_star, fx[k].sigma};
            for (int j = 0; j < 3; j++)
                if (isfinite(x[j]))
                    snprintf(v[j], sizeof v[j], "%.10g", x[j]);
                else
                    v[j][0] = '\0';
            fprintf(f.fp, "%s,%s,%s,%s,%s,%zu\n", metric[m], w->g.vary[fx[k].key].key, v[0], v[1],
                    v[2], fx[k].n);
        }
#ifdef CS_HAVE_DRAW
        if (!strcmp(metric[m], "total_gmv_total") || !strcmp(metric[m], "final_buyers")) {
            /* The direction beside the key: mu* alone is a size. When |mu|
             * is close to mu*, the effects share a sign. */
            const char *labels[256];
            char named[256][160];
            double values[256];
            for (size_t k = 0; k < nk; k++) {
                const char *way = !(fx[k].mu_star > 0)                  ? ""
                                  : fx[k].mu >= 0.9 * fx[k].mu_star     ? " (raises)"
                                  : fx[k].mu <= -0.9 * fx[k].mu_star    ? " (lowers)"
                                                                        : " (either way)";
                snprintf(named[k], sizeof named[k], "%s%s", w->g.vary[fx[k].key].key, way);
                labels[k] = named[k];
                values[k] = fx[k].mu_star;
            }
            char *png = NULL, title[160];
            snprintf(title, sizeof title, "Which levers matter for %s: Morris μ* (change over each lever's range)",
                     strcmp(metric[m], "final_buyers") ? "GMV" : "buyers");
            if (asprintf(&png, "%s/sensitivity-%s.png", dir, metric[m]) < 0 ||
                cs_bars_plot(cs_held_folder()->fd, png, title, labels, values, NULL, NULL, (int)nk, d) != 0)
                rc = CS_ERR_RUNTIME;
            free(png);
        }
#endif
    }
    if (rc == 0)
        rc = cs_atomic_commit(&f, d);
    free(ee);
    free(abs_ee);
    free(fx);
    return rc;
}

#ifdef CS_HAVE_DRAW
/* Each point's mean and 95% band of metric `name` (with clip, the band
 * stops at 0 where it is drawn: GMV and buyers are never negative; the
 * bars draw it so themselves, and print the interval as computed).
 * Returns -1 when the model has no such metric. */
static int metric_band(const sweep *w, const char *const *metric, size_t nmetrics,
                       const cs_stats *table, const char *name, int clip, double *mean,
                       double *lo, double *hi)
{
    const size_t m = metric_index(metric, nmetrics, name);
    if (m == nmetrics)
        return -1;
    for (size_t p = 0; p < w->g.points; p++) {
        const cs_stats *st = &table[p * nmetrics + m];
        mean[p] = st->mean;
        lo[p] = isfinite(st->ci_lo) ? (clip ? fmax(st->ci_lo, 0) : st->ci_lo) : st->mean;
        hi[p] = isfinite(st->ci_hi) ? st->ci_hi : st->mean;
    }
    return 0;
}

/* plot-<metric>.png for a variants design: one bar per variant, in the
 * order given, with its 95% interval. */
static int write_variant_plots(const char *dir, const sweep *w, const char *const *metric,
                               size_t nmetrics, const cs_stats *table, cs_diag *d)
{
    const size_t n = w->g.points;
    const char **labels = malloc(n * sizeof *labels);
    double *buf = malloc(n * 3 * sizeof *buf);
    int rc = labels && buf ? 0 : CS_ERR_NOMEM;
    for (size_t p = 0; rc == 0 && p < n; p++)
        labels[p] = w->g.variant[p].name;
    for (size_t q = 0; rc == 0 && q < w->nplot; q++) {
        double *mean = buf, *lo = buf + n, *hi = buf + 2 * n;
        if (metric_band(w, metric, nmetrics, table, w->plot[q], 0, mean, lo, hi) != 0)
            continue;
        int money = 0;
        char *path = NULL, title[256];
        snprintf(title, sizeof title, "%s (%s), by variant: mean and 95%% interval",
                 cs_measure_words(w->plot[q], &money), cs_measure_unit(w->plot[q]));
        if (asprintf(&path, "%s/plot-%s.png", dir, w->plot[q]) < 0)
            rc = CS_ERR_NOMEM;
        else if (cs_bars_plot(cs_held_folder()->fd, path, title, labels, mean, lo, hi, (int)n,
                              d) != 0)
            rc = CS_ERR_RUNTIME;
        free(path);
    }
    free(labels);
    free(buf);
    return rc;
}
#endif

#ifdef CS_HAVE_DRAW
/* plot-<metric>.png for a Latin hypercube: each point's mean and 95%
 * interval against each key, a panel per key (the other keys vary too, so
 * a panel shows a trend and its scatter, not a curve). */
static int write_lhs_plots(const char *dir, const sweep *w, const char *const *metric,
                           size_t nmetrics, const cs_stats *table, cs_diag *d)
{
    const size_t n = w->g.points, nk = w->g.nvary;
    double *x = malloc(n * nk * sizeof *x), *buf = malloc(n * 3 * sizeof *buf);
    const char **keys = malloc(nk * sizeof *keys);
    int rc = x && buf && keys ? 0 : CS_ERR_NOMEM;
    for (size_t k = 0; rc == 0 && k < nk; k++) {
        keys[k] = w->g.vary[k].key;
        for (size_t p = 0; p < n; p++)
            x[k * n + p] = strtod(w->g.value[p * nk + k], NULL);
    }
    for (size_t q = 0; rc == 0 && q < w->nplot; q++) {
        double *mean = buf, *lo = buf + n, *hi = buf + 2 * n;
        if (metric_band(w, metric, nmetrics, table, w->plot[q], 0, mean, lo, hi) != 0)
            continue;
        int money = 0;
        char *path = NULL, title[256];
        snprintf(title, sizeof title, "%s at each sampled point (mean and 95%% interval)",
                 cs_measure_words(w->plot[q], &money));
        if (asprintf(&path, "%s/plot-%s.png", dir, w->plot[q]) < 0)
            rc = CS_ERR_NOMEM;
        else if (cs_scatter_plot(cs_held_folder()->fd, path, title, cs_measure_unit(w->plot[q]),
                                 keys, (int)nk, x, mean, lo, hi, (int)n, d) != 0)
            rc = CS_ERR_RUNTIME;
        free(path);
    }
    free(x);
    free(buf);
    free(keys);
    return rc;
}
#endif

/* A design point in words: its variant's name, or its keys' values. */
/* Point p in words: its variant's name, or its keys' values. */
static void point_text(FILE *o, const sweep *w, size_t p)
{
    if (w->g.variant) {
        fputs(w->g.variant[p].name, o);
        return;
    }
    for (size_t k = 0; k < w->g.nvary; k++)
        fprintf(o, "%s%s=%s", k ? ", " : "", w->g.vary[k].key, w->g.value[p * w->g.nvary + k]);
}

static void point_label(FILE *o, const sweep *w, size_t p)
{
    if (w->g.variant) {
        cs_html_text(o, w->g.variant[p].name);
        return;
    }
    for (size_t k = 0; k < w->g.nvary; k++) {
        fputs(k ? ", " : "", o);
        cs_html_text(o, w->g.vary[k].key);
        fputc('=', o);
        cs_html_text(o, w->g.value[p * w->g.nvary + k]);
    }
}

static int by_mean_desc(const void *a, const void *b, void *ctx)
{
    const double *mean = ctx;
    const size_t x = *(const size_t *)a, y = *(const size_t *)b;
    /* NaN last, and two NaN in index order (NaN != NaN would rank them
     * both first). */
    const int nx = isnan(mean[x]), ny = isnan(mean[y]);
    if (nx != ny)
        return nx ? 1 : -1;
    if (!nx && mean[x] != mean[y])
        return mean[x] < mean[y] ? 1 : -1;
    return (x > y) - (x < y);
}

/* report.html: what varied, then per measure drawn the points by mean with
 * their intervals, the highest's paired lead over the next, the picture,
 * and the warnings and caveats. */
static int write_report(const sweep *w, const char *const *metric, size_t nmetrics,
                        const cs_stats *table, char **robust_text, cs_diag *d)
{
    size_t *order = malloc((w->g.points ? w->g.points : 1) * sizeof *order);
    double *mean = malloc((w->g.points ? w->g.points : 1) * sizeof *mean);
    double *x = malloc((size_t)(w->replicates > 0 ? w->replicates : 1) * sizeof *x);
    /* --robust's lines on each measure's highest variant. */
    size_t rlen = 0;
    FILE *ro = w->rob ? open_memstream(robust_text, &rlen) : NULL;
    const char *name = cs_scenario_name(w->base);
    char title[320], *text = NULL;
    size_t text_len = 0;
    snprintf(title, sizeof title, "sweep of %s", name);
    FILE *o = order && mean && x && (ro || !w->rob) ? cs_html_open(&text, &text_len, title, d) : NULL;
    if (!o) {
        if (ro)
            fclose(ro);
        free(*robust_text);
        *robust_text = NULL;
        free(order), free(mean), free(x);
        if (order && mean && x && (ro || !w->rob))
            return EXIT_RUNTIME; /* reported */
        cs_diag_error(d, "out of memory writing report.html");
        return EXIT_RUNTIME;
    }
    const char *names[CS_MAX_ROBUST_VARIANTS];
    for (size_t p = 0; w->rob && p < w->g.points && p < CS_MAX_ROBUST_VARIANTS; p++)
        names[p] = w->g.variant[p].name;
    int robust_rc = 0, drawn_worth = 0, robust_drawn = 0;
    if (ro)
        fprintf(ro, "does the ranking survive what the model assumes? %zu plausible worlds, %zu "
                    "assumptions drawn from their plausible ranges (circlesim params), every "
                    "variant run %lld times in each on paired seeds%s%s\n",
                w->rob->worlds, w->rob->nkeys, (long long)w->replicates,
                w->robust_held && *w->robust_held
                    ? "; held as the scenario, its variants, --set or --pin give them: "
                    : "",
                w->robust_held ? w->robust_held : "");
    fputs("<h1>Sweep of ", o);
    cs_html_text(o, name);
    fprintf(o, "</h1>\n<p class=\"q\"><b>What varies:</b> %zu %s", w->g.points,
            w->g.variant ? "variants" : "design points");
    if (!w->g.variant) {
        fputs(" over ", o);
        for (size_t k = 0; k < w->g.nvary; k++) {
            fputs(k ? ", " : "", o);
            cs_html_text(o, w->g.vary[k].key);
        }
    }
    fprintf(o, "; each run on the same %lld seeds (paired), every other key alike.</p>\n",
            (long long)w->replicates);
    if (w->g.variant) {
        /* What each variant sets, so the ranking can be read as plans. */
        fputs("<table><thead><tr><th>variant</th><th>what it sets</th></tr></thead><tbody>\n", o);
        for (size_t p = 0; p < w->g.points; p++) {
            const cs_variant *v = &w->g.variant[p];
            fputs("<tr><th>", o);
            cs_html_text(o, v->name);
            fputs("</th><td>", o);
            for (size_t k = 0; k < v->n; k++) {
                fputs(k ? "; " : "", o);
                cs_html_text(o, v->keys[k]);
                fputs(": ", o);
                cs_html_text(o, v->values[k]);
            }
            fputs(v->n ? "</td></tr>\n" : "nothing: the scenario as it is</td></tr>\n", o);
        }
        fputs("</tbody></table>\n", o);
    }
    const int first = 4 + (w->g.variant != NULL) + (int)w->g.nvary + 1;
    for (size_t q = 0; q < w->nplot; q++) {
        const size_t m = metric_index(metric, nmetrics, w->plot[q]);
        if (m == nmetrics)
            continue;
        int money = 0;
        const char *words = cs_measure_words(w->plot[q], &money);
        fputs("<h2>", o);
        cs_html_text(o, words);
        fputs("</h2>\n", o);
        for (size_t p = 0; p < w->g.points; p++) {
            order[p] = p;
            mean[p] = table[p * nmetrics + m].mean;
        }
        qsort_r(order, w->g.points, sizeof *order, by_mean_desc, mean);
        /* The highest against the next, on the paired seeds. */
        const int ranked = w->g.points >= 2 && isfinite(mean[order[0]]) &&
                           isfinite(mean[order[1]]);
        cs_stats lead = {.mean = NAN, .ci_lo = NAN, .ci_hi = NAN};
        if (ranked) {
            size_t n = 0;
            for (int64_t r = 0; r < w->replicates; r++) {
                const char *a = w->line[order[0] * (size_t)w->replicates + (size_t)r],
                           *b = w->line[order[1] * (size_t)w->replicates + (size_t)r];
                double va = a ? field(a, (size_t)first + m) : NAN,
                       vb = b ? field(b, (size_t)first + m) : NAN;
                if (isfinite(va) && isfinite(vb))
                    x[n++] = va - vb;
            }
            cs_stats_of(x, n, &lead);
        }
        /* Does the highest stay highest across the worlds? */
        if (ro && isfinite(mean[order[0]])) {
            cs_robust_verdict v;
            if (cs_robust_judge_variants(w->rob, q, w->plot[q], order[0], lead.ci_lo > 0,
                                         w->base_seed, &v)) {
                robust_rc = EXIT_RUNTIME;
            } else {
                cs_robust_lines(ro, w->rob, &v, names, order[0]);
                /* The picture: of the measure it tells most about (drawn
                 * again when a later one tells more). */
                const int worth = cs_robust_picture_worth(&v);
                int now = 0;
                if ((!robust_drawn || worth > drawn_worth) &&
                    cs_robust_picture(w->rob, &v, "the highest variant's lead", &now, d))
                    robust_rc = EXIT_RUNTIME;
                if (now)
                    drawn_worth = worth;
                robust_drawn |= now;
                cs_robust_verdict_free(&v);
            }
        }
        if (ranked) {
            if (!w->o->quiet) {
                /* The ranking's head on the terminal too, for a batch log. */
                char m0[48], l[48], lo[48], hi[48];
                cs_measure_number(m0, sizeof m0, mean[order[0]], money);
                cs_measure_number(l, sizeof l, lead.mean, money);
                cs_measure_number(lo, sizeof lo, lead.ci_lo, money);
                cs_measure_number(hi, sizeof hi, lead.ci_hi, money);
                printf("highest on %s [%s]: ", words, w->plot[q]);
                point_text(stdout, w, order[0]);
                printf(" (%s); its lead over ", m0);
                point_text(stdout, w, order[1]);
                printf(": %s (95%% CI %s to %s)%s\n", l, lo, hi,
                       lead.mean == 0 && lead.sd == 0 ? ": the same on every seed"
                       : lead.ci_lo > 0               ? ""
                                                      : ": not told from none by these runs");
            }
            fputs("<p>Highest: <b>", o);
            point_label(o, w, order[0]);
            fputs("</b>; its lead over <b>", o);
            point_label(o, w, order[1]);
            fputs("</b> on the paired seeds is ", o);
            if (lead.mean == 0 && lead.sd == 0) {
                fputs("0: the two are the same on every seed.</p>\n", o);
            } else {
                char v[3][64];
                cs_html_number(v[0], sizeof v[0], lead.mean, money);
                cs_html_number(v[1], sizeof v[1], lead.ci_lo, money);
                cs_html_number(v[2], sizeof v[2], lead.ci_hi, money);
                fprintf(o, "%s (95%% interval %s to %s): %s.</p>\n", v[0], v[1], v[2],
                        lead.ci_lo > 0 ? "a lead the runs can tell"
                                       : "not distinguishable from no lead with these runs");
            }
        }
        fputs("<table><thead><tr><th>point</th><th>mean</th><th>95% interval</th></tr></thead>"
              "<tbody>\n",
              o);
        const size_t shown = w->g.points < 40 ? w->g.points : 40;
        for (size_t i = 0; i < shown; i++) {
            const cs_stats *st = &table[order[i] * nmetrics + m];
            fputs("<tr><th>", o);
            point_label(o, w, order[i]);
            fputs("</th>", o);
            cs_html_cell(o, st->mean, money);
            fputs("<td class=\"n\">", o);
            if (isfinite(st->ci_lo)) {
                char lo[64], hi[64];
                cs_html_number(lo, sizeof lo, st->ci_lo, money);
                cs_html_number(hi, sizeof hi, st->ci_hi, money);
                fprintf(o, "%s to %s", lo, hi);
            } else
                fputs("&ndash;", o);
            fputs("</td></tr>\n", o);
        }
        fputs("</tbody></table>\n", o);
        if (shown < w->g.points)
            fprintf(o, "<p class=\"q\">The %zu highest of %zu points; summary.csv has all.</p>\n",
                    shown, w->g.points);
        char png[300];
        snprintf(png, sizeof png, "plot-%s.png", w->plot[q]);
        cs_html_image(o, png, words);
    }
    if (ro) {
        fclose(ro);
        ro = NULL;
        if (!*robust_text)
            robust_rc = EXIT_RUNTIME;
        else {
            fputs("<h2>Does the ranking survive what the model assumes?</h2>\n"
                  "<div class=\"verdict\">", o);
            cs_html_text(o, *robust_text);
            fputs("</div>\n", o);
#ifdef CS_HAVE_DRAW
            if (robust_drawn)
            fputs("<p class=\"q\">Each dot a plausible world: the highest variant's paired lead "
                  "over the next (on the measure whose ranking changes and hinges on an "
                  "assumption, if any; its title says which), with its 95% interval, against the "
                  "assumptions it hinges on most; blue where it stays highest, orange where "
                  "another overtakes it.</p>\n", o);
            if (robust_drawn)
                cs_html_image(o, "robust.png", "the highest variant's lead in each plausible world");
#endif
        }
    }
    if (!robust_rc && w->rob && cs_robust_write_csv(w->rob, w->plot, NULL, names, d))
        robust_rc = EXIT_RUNTIME;
    fputs("<h2>Caveats</h2>\n<ul>\n", o);
    if (w->warnings && *w->warnings) {
        fputs("<li class=\"warn\">", o);
        cs_html_text(o, w->warnings);
        fputs("</li>\n", o);
    }
    fprintf(o, "<li>%lld paired runs a point: an interval that holds 0 says a difference cannot "
               "be told from noise with this many, not that there is none.</li>\n"
               "<li>Robustness to what the model assumes: %s</li>\n"
               "<li>Where the model departs from its sources: docs/MODEL.md 3.6 and 3.7.</li>"
               "\n</ul>\n",
            (long long)w->replicates,
            w->rob ? "above." : w->g.variant ? "not assessed (run with --robust N)."
                                             : "not assessed in this report.");
    free(order), free(mean), free(x);
    if (robust_rc) {
        fclose(o);
        free(text);
        return robust_rc;
    }
    return cs_html_finish(o, &text, w->command ? w->command : "circlesim sweep", d);
}

static int write_summary(const char *dir, const sweep *w, int model, char **robust_text,
                         cs_diag *d)
{
    size_t nmetrics = 0;
    char **metric = cs_output_metric_names(model, &nmetrics), **names = metric;
    if (!metric)
        return CS_ERR_NOMEM;

    cs_atomic_file f;
    int rc = cs_folder_open_file("summary.csv", &f, d);
    if (rc) {
        free(names);
        return rc;
    }
    fputs(w->g.variant ? "point,variant" : "point", f.fp);
    for (size_t k = 0; k < w->g.nvary; k++) {
        fputc(',', f.fp);
        cs_csv_field(f.fp, w->g.vary[k].key);
    }
    fputs(",n", f.fp);
    for (size_t m = 0; m < nmetrics; m++)
        fprintf(f.fp, ",%s_mean,%s_sd,%s_ci_lo,%s_ci_hi", metric[m], metric[m], metric[m],
                metric[m]);
    fputc('\n', f.fp);
    double *x = malloc((size_t)w->replicates * sizeof *x);
    cs_stats *table = malloc(w->g.points * nmetrics * sizeof *table);
    /* run, point, replicate, seed, [variant,] keys, final_day */
    const size_t first = 4 + (w->g.variant != NULL) + w->g.nvary + 1;
    for (size_t p = 0; x && table && p < w->g.points; p++) {
        fprintf(f.fp, "%zu", p);
        if (w->g.variant) {
            fputc(',', f.fp);
            cs_csv_field(f.fp, w->g.variant[p].name);
        }
        for (size_t k = 0; k < w->g.nvary; k++) {
            fputc(',', f.fp);
            cs_csv_field(f.fp, w->g.value[p * w->g.nvary + k]);
        }
        size_t n = 0;
        for (int64_t r = 0; r < w->replicates; r++)
            n += w->line[p * (size_t)w->replicates + (size_t)r] != NULL;
        fprintf(f.fp, ",%zu", n);
        for (size_t m = 0; m < nmetrics; m++) {
            /* Over every finished run, or none: a mean of the one run in
             * four that had spend would pass for the point's ROI. */
            size_t k = 0, lacking = 0;
            for (int64_t r = 0; r < w->replicates; r++) {
                const char *line = w->line[p * (size_t)w->replicates + (size_t)r];
                const double v = line ? field(line, first + m) : NAN;
                if (isfinite(v))
                    x[k++] = v;
                else if (line)
                    lacking++;
            }
            if (lacking)
                k = 0;
            cs_stats s;
            cs_stats_of(x, k, &s);
            table[p * nmetrics + m] = s;
            const double v[4] = {s.mean, s.sd, s.ci_lo, s.ci_hi};
            for (int j = 0; j < 4; j++) {
                char buf[40] = "";
                if (isfinite(v[j]))
                    snprintf(buf, sizeof buf, "%.10g", v[j]);
                fprintf(f.fp, ",%s", buf); /* empty: cannot be computed (n < 2) */
            }
        }
        fputc('\n', f.fp);
    }
    rc = x && table ? cs_atomic_commit(&f, d) : (cs_atomic_abort(&f), CS_ERR_NOMEM);
    if (rc == 0 && w->g.design == CS_DESIGN_MORRIS)
        rc = write_sensitivity(dir, w, (const char *const *)metric, nmetrics, table, d);
#ifdef CS_HAVE_DRAW
    if (rc == 0 && w->g.design == CS_DESIGN_FACTORIAL)
        rc = write_plots(dir, w, (const char *const *)metric, nmetrics, table, d);
#endif
#ifdef CS_HAVE_DRAW
    if (rc == 0 && w->g.design == CS_DESIGN_VARIANTS)
        rc = write_variant_plots(dir, w, (const char *const *)metric, nmetrics, table, d);
    if (rc == 0 && w->g.design == CS_DESIGN_LHS)
        rc = write_lhs_plots(dir, w, (const char *const *)metric, nmetrics, table, d);
#endif
    if (rc == 0)
        rc = write_report(w, (const char *const *)metric, nmetrics, table, robust_text, d)
                 ? CS_ERR_RUNTIME
                 : 0;
    free(table);
    free(x);
    free(names);
    return rc;
}

/* experiment.yaml: the design, then the resolved base scenario. A resumed
 * sweep must describe the same experiment, byte for byte. */
static char *experiment_text(const sweep *w, const cs_scenario *base)
{
    char *yaml = cs_scenario_to_yaml(base, 0), *text = NULL;
    size_t len = 0;
    FILE *o = yaml ? open_memstream(&text, &len) : NULL;
    if (!o) {
        free(yaml);
        return NULL;
    }
    fprintf(o, "# circlesim sweep: the design, then the resolved base scenario\n"
               "program: circlesim %s\nkeep_series: %s\n"
               "design: %s\nreplicates: %lld\nbase_seed: %lld\n",
            CIRCLESIM_VERSION, w->keep_series ? "true" : "false",
            w->g.design == CS_DESIGN_LHS      ? "lhs"
            : w->g.design == CS_DESIGN_MORRIS ? "morris"
            : w->g.design == CS_DESIGN_VARIANTS ? "variants"
                                         : "factorial",
            (long long)w->replicates,
            (long long)w->base_seed);
    if (w->g.design == CS_DESIGN_FACTORIAL) {
        fputs("vary:\n", o);
        for (size_t k = 0; k < w->g.nvary; k++) {
            fprintf(o, "  %s: [", w->g.vary[k].key);
            for (size_t i = 0; i < w->g.vary[k].n; i++)
                fprintf(o, "%s%s", i ? ", " : "", w->g.vary[k].values[i]);
            fputs("]\n", o);
        }
    } else if (w->g.design == CS_DESIGN_VARIANTS) { /* each with every varied key's value */
        fputs("variants:\n", o);
        for (size_t p = 0; p < w->g.points; p++) {
            fputs("  \"", o);
            for (const char *c = w->g.variant[p].name; *c; c++)
                fprintf(o, "%s%c", *c == '"' || *c == '\\' ? "\\" : "", *c);
            fputs("\": {", o);
            for (size_t k = 0; k < w->g.nvary; k++)
                fprintf(o, "%s%s: %s", k ? ", " : "", w->g.vary[k].key, w->g.value[p * w->g.nvary + k]);
            fputs("}\n", o);
        }
    } else { /* the points drawn, so the design can be read and rerun */
        fputs("points:\n", o);
        for (size_t p = 0; p < w->g.points; p++) {
            fputs("  - {", o);
            for (size_t k = 0; k < w->g.nvary; k++)
                fprintf(o, "%s%s: %s", k ? ", " : "", w->g.vary[k].key, w->g.value[p * w->g.nvary + k]);
            fputs("}\n", o);
        }
    }
    fputs("scenario:\n", o);
    for (char *line = yaml; *line;) {
        char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        fprintf(o, "%s%.*s\n", n ? "  " : "", (int)n, line);
        line += n + (end ? 1 : 0);
    }
    fclose(o);
    free(yaml);
    return text;
}

/* The whole of dir/name, or NULL. */
/* The file name of the sweep's folder (taken and locked), never through a
 * link; NULL when missing. */
static char *slurp(const char *name)
{
    char *text = NULL;
    size_t len;
    const char *why;
    if (cs_read_file_at(cs_held_folder()->fd, name, 1, SIZE_MAX / 2, &text, &len, &why) != 0)
        text = NULL;
    return text;
}

/* Fields of a CSV record, quotes respected. */
static size_t count_fields(const char *line, const char *end)
{
    size_t n = 1;
    int quoted = 0;
    for (const char *p = line; p < end; p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (*p == ',' && !quoted)
            n++;
    }
    return n;
}

/* The days a finished run's record says it ran (final_day). */
static long record_days(const sweep *w, const char *line)
{
    return (long)field(line, 4 + (w->g.variant != NULL) + w->g.nvary);
}

/* What an interrupted sweep finished: complete records of runs.csv (and,
 * with --keep-series, of series.csv for those runs). A record cut short by
 * the kill has no line end and is dropped; its run is done again. */
static int load_done(sweep *w, size_t total, const char *header_text, cs_diag *d)
{
    size_t fields = count_fields(header_text, header_text + strlen(header_text) - 1);
    char *runs = slurp("runs.csv");
    /* Every kept record is checked against the design before it is
     * trusted: a runs.csv of another sweep (another command into this
     * folder, a file copied in) is refused, never summarised as this one.
     * A header cut short by a kill (no line end) starts the file over. */
    const size_t hlen = strlen(header_text);
    const char *p = NULL, *why = NULL;
    size_t line = 1;
    if (runs && strncmp(runs, header_text, hlen) == 0)
        p = runs + hlen;
    else if (runs && strchr(runs, '\n'))
        why = "its header is not this sweep's", line = 0;
    const size_t runs_len = runs ? strlen(runs) : 0;
    for (; !why && p && *p; line++) {
        /* A record ends at a line end outside quotes (a quoted value may
         * hold one). */
        size_t e = cs_csv_record_end(runs, runs_len, (size_t)(p - runs));
        if (e >= runs_len)
            break; /* cut short by a kill: done again */
        const char *end = runs + e;
        char *stop;
        unsigned long long run = strtoull(p, &stop, 10);
        char *prefix = run < total && stop != p ? record_prefix(w, (size_t)run) : NULL;
        if (run < total && stop != p && !prefix) {
            free(runs);
            return CS_ERR_NOMEM;
        }
        if (!prefix || strncmp(p, prefix, strlen(prefix)) != 0)
            why = "its run, point, replicate, seed or design values are not this sweep's";
        else if (count_fields(p, end) != fields)
            why = "it has not the columns of this sweep's records";
        free(prefix);
        if (why)
            break;
        if (!w->line[run] && (w->line[run] = strndup(p, (size_t)(end - p) + 1)) == NULL) {
            free(runs);
            return CS_ERR_NOMEM;
        }
        p = end + 1;
    }
    /* The file's line of the record refused: records before may span
     * lines. */
    int bad_line = 1;
    for (const char *c = runs; why && line > 0 && c < p; c++)
        bad_line += *c == '\n';
    free(runs);
    if (why) {
        char *where = NULL;
        if (asprintf(&where, "%s/runs.csv", cs_held_folder()->path) < 0)
            return CS_ERR_NOMEM;
        cs_diag_at(d, where, bad_line, 1,
                   "--resume: this record does not belong to the sweep being resumed (%s); the "
                   "folder holds another sweep's runs: run it as it was, or use another --out",
                   why);
        free(where);
        return CS_ERR_INPUT;
    }
    if (!w->series_at)
        return 0;
    /* Series rows: a run's rows are written in one piece, before its
     * record. The last piece with all of a finished run's days is its;
     * pieces of runs cut short stay in the file unused until the end. */
    FILE *in = cs_open_in_folder("series.csv", "r+");
    if (!in && errno == EMLINK) {
        cs_diag_error(d, "--resume: '%s/series.csv' has other names (hard links), which "
                         "continuing it in place would change too: copy it to a file of its own",
                      cs_held_folder()->path);
        return CS_ERR_INPUT;
    }
    char *row = NULL;
    size_t cap = 0;
    int64_t at = 0, whole = 0;      /* where the row read starts; the end of the last whole one */
    int64_t piece_at = -1, piece_rows = 0;
    unsigned long long piece_run = 0, last_day = 0;
    ssize_t n;
    int first = 1;
    while (in && (n = getline(&row, &cap, in)) > 0) {
        int complete = row[n - 1] == '\n';
        char *after = NULL;
        unsigned long long run = strtoull(row, &after, 10);
        unsigned long long day = *after == ',' ? strtoull(after + 1, NULL, 10) : 0;
        /* A run done again after a kill starts a new piece at day 1. */
        if (!complete || first || run != piece_run || piece_at < 0 || day != last_day + 1) {
            /* The piece before ends here. */
            if (piece_at >= 0 && piece_run < total && w->line[piece_run] &&
                piece_rows == record_days(w, w->line[piece_run])) {
                w->series_at[piece_run] = piece_at;
                w->series_len[piece_run] = at - piece_at;
            }
            piece_at = first || !complete ? -1 : at;
            piece_run = run;
            piece_rows = 0;
        }
        if (!complete)
            break;
        piece_rows += piece_at >= 0;
        last_day = day;
        first = 0;
        at += n;
        whole = at;
    }
    if (piece_at >= 0 && piece_run < total && w->line[piece_run] &&
        piece_rows == record_days(w, w->line[piece_run])) {
        w->series_at[piece_run] = piece_at;
        w->series_len[piece_run] = at - piece_at;
    }
    free(row);
    /* A row cut short by the kill goes, so appending starts on a line of
     * its own; an empty or headless file starts over. */
    int rc = !in || ftruncate(fileno(in), (off_t)whole) == 0 ? 0 : CS_ERR_RUNTIME;
    if (in)
        fclose(in);
    if (whole == 0)
        for (size_t run = 0; run < total; run++)
            w->series_at[run] = -1;
    /* With series kept, a run counts only with all its days; else it is
     * done again. */
    for (size_t run = 0; run < total; run++)
        if (w->line[run] && w->series_at[run] < 0) {
            free(w->line[run]);
            w->line[run] = NULL;
        }
    return rc;
}

/* series.csv: every day of every finished run, in run order, copied from
 * the pieces of the file as appended. */
static int write_series(const char *dir, const sweep *w, size_t total, int model, cs_diag *d)
{
    int fd = openat(cs_held_folder()->fd, "series.csv", O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    FILE *in = fd < 0 ? NULL : fdopen(fd, "r");
    if (!in && fd >= 0)
        close(fd);
    if (!in) {
        cs_diag_error(d, "cannot read '%s/series.csv'", dir);
        return CS_ERR_RUNTIME;
    }
    cs_atomic_file f;
    int rc = cs_folder_open_file("series.csv", &f, d);
    if (rc) {
        fclose(in);
        return rc;
    }
    fputs("run,", f.fp);
    cs_output_row_header(f.fp, model);
    fputc('\n', f.fp);
    char buf[1 << 16];
    for (size_t i = 0; i < total && rc == 0; i++) {
        if (!w->line[i] || w->series_at[i] < 0)
            continue;
        int64_t left = w->series_len[i];
        if (fseeko(in, (off_t)w->series_at[i], SEEK_SET) != 0)
            rc = CS_ERR_RUNTIME;
        while (rc == 0 && left > 0) {
            size_t want = left < (int64_t)sizeof buf ? (size_t)left : sizeof buf;
            size_t got = fread(buf, 1, want, in);
            if (got == 0)
                rc = CS_ERR_RUNTIME;
            fwrite(buf, 1, got, f.fp);
            left -= (int64_t)got;
        }
    }
    fclose(in);
    if (rc) {
        cs_diag_error(d, "cannot read '%s/series.csv' back", dir);
        cs_atomic_abort(&f);
        return rc;
    }
    return cs_atomic_commit(&f, d);
}

static int by_run(const void *a, const void *b)
{
    /* Lines start with the run number, which orders by (point, replicate). */
    unsigned long long x = strtoull(*(char *const *)a, NULL, 10),
                       y = strtoull(*(char *const *)b, NULL, 10);
    return (x > y) - (x < y);
}

static void free_table(sweep *w)
{
    cs_design_clear(&w->g);
}

/* Frees the sweep's plan (the varied keys, the design, the scenario text
 * and the base scenario); returns code. */
static int release_plan(sweep *w, cs_vary *vary, cs_scenario *base, int code)
{
    for (size_t v = 0; w->arm && v < w->g.points; v++)
        cs_source_free(&w->arm[v]);
    free(w->arm);
    free(w->robust_keys);
    free(w->robust_held);
    cs_robust_clear(&w->worlds);
    free(w->warnings);
    free(w->command);
    for (size_t k = 0; k < w->g.nvary; k++)
        cs_vary_free(&vary[k]);
    free_table(w);
    cs_source_free(&w->src);
    cs_scenario_close(base);
    return code;
}

/* "factorial", "lhs:N" or "morris:R". Returns 0 or -1 (reported). */
static int parse_design(const char *text, int *design, long long *n, cs_diag *d)
{
    /* The library's check, worded as this program's usage errors. */
    char hint[128];
    snprintf(hint, sizeof hint, "%s --help shows usage", cs_program);
    const char *was = d->hint;
    d->hint = hint;
    int rc = cs_design_parse(text, design, n, d);
    d->hint = was;
    return rc ? -1 : 0;
}

/* Where finished runs go: kept in memory, appended to the files. */
typedef struct sink {
    sweep *w;
    FILE *runs, *series;
    cs_progress *bar;
    int64_t done;
    int runs_err, series_err; /* the first failed append's errno (a full disk) */
} sink;

static void record(sink *s, size_t run, char *line, char *series)
{
    s->w->line[run] = line;
    /* The series first: a record in runs.csv vouches for them. */
    if (line && s->series && series) {
        fseeko(s->series, 0, SEEK_END);
        s->w->series_at[run] = (int64_t)ftello(s->series);
        s->w->series_len[run] = (int64_t)strlen(series);
        errno = 0;
        fputs(series, s->series);
        if ((fflush(s->series) != 0 || ferror(s->series)) && !s->series_err)
            s->series_err = errno ? errno : EIO;
    }
    free(series);
    if (line) {
        errno = 0;
        fputs(line, s->runs);
        if ((fflush(s->runs) != 0 || ferror(s->runs)) && !s->runs_err)
            s->runs_err = errno ? errno : EIO;
    }
    cs_progress_update(s->bar, ++s->done);
}

/* ---- the runs through the task farm (analysis/taskfarm.h) ----
 * A task is a run's index; its result the runs.csv record's length
 * (int64), the record, then the run's series.csv rows when they are kept.
 * Rank 0 (or this process alone) writes every file, exactly as one
 * process would. */

typedef struct sweep_job {
    sweep *w;
    sink *out;
    int keep_series;
    cs_diag *d;
} sweep_job;

static int run_task(void *ctx, size_t run, const void *payload, size_t plen, void **out,
                    size_t *len)
{
    (void)payload, (void)plen;
    const sweep_job *j = ctx;
    char *series = NULL;
    char *line = one_run(j->w, run, j->keep_series ? &series : NULL, j->d);
    if (!line) {
        free(series);
        return CS_TASK_UNFINISHED;
    }
    int64_t n = (int64_t)strlen(line);
    size_t slen = series ? strlen(series) : 0;
    char *msg = malloc(sizeof n + (size_t)n + slen + 1);
    if (msg) {
        memcpy(msg, &n, sizeof n);
        memcpy(msg + sizeof n, line, (size_t)n);
        if (slen)
            memcpy(msg + sizeof n + n, series, slen);
        *out = msg;
        *len = sizeof n + (size_t)n + slen;
    }
    free(line);
    free(series);
    return msg ? CS_TASK_DONE : CS_TASK_UNFINISHED;
}

static void run_done(void *ctx, size_t run, int status, void *bytes, size_t len)
{
    const sweep_job *j = ctx;
    char *line = NULL, *series = NULL;
    int64_t n;
    if (status == CS_TASK_DONE && bytes && len >= sizeof n) {
        memcpy(&n, bytes, sizeof n);
        if (n >= 0 && (size_t)n <= len - sizeof n) {
            line = strndup((char *)bytes + sizeof n, (size_t)n);
            if (j->keep_series)
                series = strndup((char *)bytes + sizeof n + n, len - sizeof n - (size_t)n);
        }
    }
    free(bytes);
    record(j->out, run, line, series);
}

static int run_kept(void *ctx, size_t run)
{
    const sweep_job *j = ctx;
    return j->w->line[run] != NULL;
}

/* --robust on a variants design: each variant as a source of its own (its
 * keys set over the base and the command line's), and the assumptions the
 * worlds vary. Returns 0 or the exit code (reported). */
static int robust_setup(sweep *w, const options *o, cs_diag *d)
{
    if (w->g.design != CS_DESIGN_VARIANTS) {
        cs_usage_error(d, "--robust ranks the variants of a scenario's experiment across "
                          "plausible worlds; a sweep over --vary ranges samples its own keys "
                          "(use compare --robust for two arms)%s", "");
        return EXIT_USAGE;
    }
    if (w->g.points > CS_MAX_ROBUST_VARIANTS) {
        cs_diag_error(d, "--robust ranks at most %d variants, found %zu", CS_MAX_ROBUST_VARIANTS,
                      w->g.points);
        return EXIT_USAGE;
    }
    const size_t V = w->g.points;
    cs_scenario **sc = calloc(V, sizeof *sc);
    w->arm = calloc(V, sizeof *w->arm);
    if (!sc || !w->arm) {
        free(sc);
        cs_diag_error(d, "out of memory");
        return EXIT_RUNTIME;
    }
    int code = 0;
    for (size_t v = 0; !code && v < V; v++) {
        code = point_scenario(w, v, 0, &sc[v], d);
        if (!code && cs_source_of_scenario(&w->arm[v], sc[v]) != 0) {
            cs_diag_error(d, "out of memory");
            code = EXIT_RUNTIME;
        }
    }
    if (!code)
        code = cs_robust_options(o, (const cs_scenario *const *)sc, V, &w->robust_worlds,
                                 &w->robust_keys, &w->robust_nkeys, d);
    if (!code && cs_robust_held((const cs_scenario *const *)sc, V, o, &w->robust_held)) {
        cs_diag_error(d, "out of memory");
        code = EXIT_RUNTIME;
    }
    for (size_t v = 0; v < V; v++)
        cs_scenario_close(sc[v]);
    free(sc);
    /* The worlds drawn, and every world's variants checked, now. */
    const cs_source **arms = code ? NULL : malloc(V * sizeof *arms);
    if (!code && !arms) {
        cs_diag_error(d, "out of memory");
        code = EXIT_RUNTIME;
    }
    for (size_t v = 0; arms && v < V; v++)
        arms[v] = &w->arm[v];
    if (arms) {
        cs_compare_spec probe = {.src = arms, .sides = V, .replicates = (size_t)w->replicates,
                                 .d = d};
        code = cs_exit_code(cs_robust_prepare(&probe, w->robust_keys, w->robust_nkeys,
                                              w->robust_worlds, w->base_seed, w->nplot,
                                              &w->worlds));
    }
    free(arms);
    return code;
}

static void progress_of(void *ctx, size_t done)
{
    cs_progress_update(ctx, (int64_t)done);
}

/* The variants in each plausible world drawn (rank 0's cores). Returns 0,
 * or the code of worlds that did not finish (reported). */
static int robust_run(sweep *w, long long jobs, int quiet, cs_diag *d)
{
    const size_t V = w->g.points, R = (size_t)w->replicates;
    const cs_source **arms = malloc(V * sizeof *arms);
    if (!arms) {
        cs_diag_error(d, "out of memory");
        return EXIT_RUNTIME;
    }
    for (size_t v = 0; v < V; v++)
        arms[v] = &w->arm[v];
    cs_progress bar;
    cs_progress_start(&bar, "sweep", (int64_t)(w->robust_worlds * V * R), quiet);
    cs_progress_runs(&bar, 0);
    cs_compare_spec spec = {.src = arms, .sides = V, .replicates = R,
                            .base_seed = w->base_seed, .jobs = (int)jobs,
                            .threads = w->threads, .stop = &cs_stop_signal,
                            .progress = progress_of, .progress_ctx = &bar, .d = d};
    cs_batch_share(&spec.run_memory, &spec.run_memory_flags);
    int code = cs_exit_code(cs_robust_run(&spec, cs_scenario_model(w->base), w->plot, &w->worlds));
    cs_progress_finish(&bar);
    free(arms);
    size_t done = 0;
    for (size_t i = 0; i < w->robust_worlds; i++)
        done += w->worlds.pairs[i] == R;
    if (!code && done < w->robust_worlds)
        code = cs_stop_code();
    if (code)
        cs_diag_error(d, "--robust: %zu of %zu worlds finished; summary.csv, the plots and "
                         "report.html hold the sweep itself, without robustness",
                      done, w->robust_worlds);
    return code;
}

int cs_cmd_sweep(int argc, char **argv, cs_diag *d)
{
    cs_catch_stop_signals();
    options o;
    if (cs_parse_options(argc, argv, &o, &cs_cmd_sweep_def, d) || cs_robust_pin_values(&o, d))
        return EXIT_USAGE;
    if (o.npositional > 1) {
        cs_usage_error(d, "sweep takes one scenario, found another: '%s'", o.positional[1]);
        return EXIT_USAGE;
    }
    if (!o.out) {
        cs_usage_error(d, "sweep needs --out DIR%s", "");
        return EXIT_USAGE;
    }
    int design = CS_DESIGN_FACTORIAL;
    long long lhs_n = 0;
    if (o.design && parse_design(o.design, &design, &lhs_n, d) != 0)
        return EXIT_USAGE;
    long long replicates = 10, jobs = omp_get_num_procs(), threads = 1;
    if ((o.replicates && cs_parse_count("--replicates", o.replicates, 1, 1000000, &replicates, d)) ||
        (o.jobs && cs_parse_count("--jobs", o.jobs, 1, 1024, &jobs, d)) ||
        (o.threads && cs_parse_count("--threads", o.threads, 1, 1024, &threads, d)))
        return EXIT_USAGE;

    sweep w = {.o = &o, .path = o.npositional ? o.positional[0] : NULL, .keep_series = o.keep_series,
               .threads = (int)threads};
    cs_option_assignments(&o, &w.sets);
    w.command = cs_command_line("sweep", argc, argv);
    cs_vary vary[256];
    int code = w.command ? cs_source_read_everywhere(&w.src, w.path, d) : EXIT_RUNTIME;
    /* The base scenario first: without --vary, its experiment: block says
     * what to vary, how, and how often (options given still win). */
    cs_scenario *base = NULL;
    cs_experiment_block exp_block = {0};
    int model = 0;
    if (!code) {
        code = cs_prepare_scenario_from(&base, &w.src, &o, d);
        if (base) {
            w.base_seed = cs_scenario_seed(base);
            model = cs_scenario_model(base);
            exp_block = cs_scenario_experiment(base);
        }
    }
    const char *const *varies = (const char *const *)o.varies;
    size_t nvaries = (size_t)o.nvaries;
    if (!code && nvaries > 0 && !o.quiet &&
        (exp_block.nvary > 0 || exp_block.nvariants > 0))
        fprintf(stderr, "%s: note: --vary given: the scenario's experiment: block is not run\n",
                cs_program);
    if (!code && nvaries == 0 && exp_block.nvary > 0) {
        varies = exp_block.vary;
        nvaries = exp_block.nvary;
        if (!o.design && exp_block.design &&
            parse_design(exp_block.design, &design, &lhs_n, d) != 0)
            code = EXIT_USAGE;
        if (!o.replicates && exp_block.replicates > 0)
            replicates = exp_block.replicates;
    }
    if (!code && o.design && design != CS_DESIGN_VARIANTS && nvaries == 0 &&
        exp_block.nvariants > 0) {
        cs_usage_error(d, "--design %s draws from --vary ranges; the scenario's experiment: "
                          "lists variants (run them without --design, or give --vary)",
                       o.design);
        code = EXIT_USAGE;
    }
    if (!code && design == CS_DESIGN_VARIANTS && (nvaries > 0 || exp_block.nvariants == 0)) {
        cs_usage_error(d, "--design variants runs the variants: of the scenario's experiment: "
                          "block, without --vary%s", "");
        code = EXIT_USAGE;
    }
    if (!code && nvaries == 0 && exp_block.nvariants > 0 && cs_scenario_check_experiment(base, d))
        code = EXIT_USAGE;
    if (!code && nvaries == 0 && exp_block.nvariants > 0) {
        /* Variants: every key any of them sets is a column. */
        design = CS_DESIGN_VARIANTS;
        w.g.variant = exp_block.variants;
        if (!o.replicates && exp_block.replicates > 0)
            replicates = exp_block.replicates;
        for (size_t v = 0; !code && v < exp_block.nvariants; v++)
            for (size_t j = 0; !code && j < w.g.variant[v].n; j++) {
                size_t k = 0;
                while (k < w.g.nvary && strcmp(vary[k].key, w.g.variant[v].keys[j]) != 0)
                    k++;
                if (k < w.g.nvary)
                    continue;
                if (w.g.nvary == 256) {
                    cs_diag_error(d, "the variants set more than 256 keys");
                    code = EXIT_USAGE;
                } else if (!(vary[w.g.nvary] = (cs_vary){.key = strdup(w.g.variant[v].keys[j])}).key) {
                    code = EXIT_RUNTIME;
                } else {
                    w.g.nvary++;
                }
            }
    }
    if (!code && nvaries == 0 && design != CS_DESIGN_VARIANTS) {
        cs_usage_error(d, "sweep needs --vary KEY=VALUES, or an experiment: block in the "
                          "scenario%s", "");
        code = EXIT_USAGE;
    }
    w.replicates = replicates;
    for (size_t i = 0; !code && i < nvaries && i < 256; i++) {
        int rc = cs_vary_parse(varies[i], &vary[w.g.nvary], d);
        if (rc == 0)
            w.g.nvary++;
        else
            cs_vary_free(&vary[w.g.nvary]);
        if (rc)
            code = rc == CS_ERR_NOMEM ? EXIT_RUNTIME : EXIT_USAGE;
    }
    if (!code && cs_design_check_keys(vary, w.g.nvary, design, w.g.variant != NULL, base, d))
        code = EXIT_USAGE;
    w.g.vary = vary;
    w.g.design = design;
    w.base = base;
    w.g.points = design == CS_DESIGN_VARIANTS ? exp_block.nvariants
               : design == CS_DESIGN_LHS    ? (size_t)lhs_n
               : design == CS_DESIGN_MORRIS ? (size_t)lhs_n * (w.g.nvary + 1)
                                         : cs_factorial_points(vary, w.g.nvary);
    if (!code && design != CS_DESIGN_FACTORIAL && design != CS_DESIGN_VARIANTS && w.g.nvary == 0) {
        cs_usage_error(d, "--design %s needs --vary KEY=LO:HI ranges",
                       o.design ? o.design : exp_block.design);
        code = EXIT_USAGE;
    }
    if (!code && (w.g.points == 0 || w.g.points > 1000000 ||
                  (double)w.g.points * (double)replicates > 1e8)) {
        cs_diag_error(d, "the sweep has %zu design points x %lld replicates: at most 10^6 points "
                         "and 10^8 runs", w.g.points, replicates);
        code = EXIT_USAGE;
    }
    /* Every design point's scenario is checked before anything runs or is
     * written: a bad value is reported once, with its key. */
    size_t largest = 0;      /* the point whose runs need the most memory */
    if (!code) {
        int rc = cs_design_table(&w.g, w.base, w.base_seed, d);
        if (rc)
            code = cs_exit_code(rc);
    }
    if (!code) {
        cs_sweep_plan plan = plan_of(&w);
        code = cs_exit_code(cs_sweep_check_points(&plan, &largest, d));
    }
    /* What the plots are of: --metric, or what the keys are about (the
     * brand's money when every key the sweep moves is the brand's). */
    if (!code)
        code = choose_plots(&w, &o, model, d);
    /* --robust: the variants rerun in plausible worlds; the keys they vary
     * checked before any run (those the scenario or a variant gives are
     * held). */
    if (!code && (o.robust || o.npins))
        code = robust_setup(&w, &o, d);
    /* Every process must agree the sweep can run before any waits on
     * another: one that found a problem (reported by rank 0, or by itself
     * when only it sees it) stops them all. */
    const cs_taskfarm_transport *transport = cs_transport();
    int worst = cs_transport_agree(code);
    if (worst && !code) {
        cs_diag_error(d, "another rank could not set up the sweep (its message is above)");
        code = worst;
    }
    /* The memory the runs at once will take, before any starts (under MPI
     * each rank runs one at a time, on its own machine). */
    if (!code && (!transport || transport->workers < 1)) {
        cs_scenario *sc = NULL;
        code = point_scenario(&w, largest, 0, &sc, d);
        if (!code)
            code = cs_fit_jobs(o.max_memory, sc, (long long)(w.g.points * (size_t)replicates),
                               &jobs, d);
        cs_scenario_close(sc);
    }
    size_t total = code ? 0 : w.g.points * (size_t)replicates;
    if (transport && transport->rank != 0) { /* a worker: runs what rank 0 hands out */
        /* The checks were rank 0's to report; a run failing here is this
         * rank's to say. */
        cs_diag loud;
        cs_diag_init(&loud, stderr);
        sweep_job job = {.w = &w, .keep_series = o.keep_series, .d = &loud};
        cs_taskfarm_job farm = {.ntasks = total, .jobs = 1, .run = run_task, .ctx = &job};
        if (!code)
            cs_taskfarm_serve(&farm, transport);
        return release_plan(&w, vary, base, code);
    }
    char *exp = code ? NULL : experiment_text(&w, base);
    /* The folder is locked before anything in it is read or written, and
     * stays locked until the sweep ends. */
    if (!code)
        code = cs_take_folder(o.out, &sweep_kind, 0, d);
    char *old = !code && o.resume ? slurp("experiment.yaml") : NULL;
    if (!code && !exp) {
        cs_diag_error(d, "out of memory");
        code = EXIT_RUNTIME;
    }
    if (!code && old && strcmp(old, exp) != 0) {
        cs_diag_error(d, "--resume: '%s' holds a different experiment (its experiment.yaml "
                         "differs from this command's); run it as it was, or use another --out",
                      o.out);
        code = EXIT_USAGE;
    }
    if (!code && !(w.line = calloc(total, sizeof *w.line))) {
        cs_diag_error(d, "out of memory");
        code = EXIT_RUNTIME;
    }
    if (!code && o.keep_series) {
        w.series_at = malloc(total * sizeof *w.series_at);
        w.series_len = calloc(total, sizeof *w.series_len);
        if (!w.series_at || !w.series_len) {
            cs_diag_error(d, "out of memory");
            code = EXIT_RUNTIME;
        }
        for (size_t i = 0; w.series_at && i < total; i++)
            w.series_at[i] = -1;
    }
    if (!code && !old) { /* a new sweep: an earlier sweep's files cleared */
        if (cs_outdir_clear((cs_outdir *)cs_held_folder(), &sweep_kind, d) != 0)
            code = EXIT_RUNTIME;
        else if (cs_write_text_at(cs_held_folder()->fd, o.out, "experiment.yaml", exp, d) != 0)
            code = EXIT_RUNTIME;
    }
    char *header_text = NULL;
    size_t header_len = 0;
    if (!code) {
        FILE *h = open_memstream(&header_text, &header_len);
        if (h) {
            header(h, &w, model);
            fclose(h);
        }
        if (!header_text) {
            cs_diag_error(d, "out of memory");
            code = EXIT_RUNTIME;
        }
    }
    int loaded = !code && old ? load_done(&w, total, header_text, d) : 0;
    if (loaded == CS_ERR_INPUT) {
        code = EXIT_USAGE;
    } else if (loaded) {
        if (loaded == CS_ERR_NOMEM)
            cs_diag_error(d, "out of memory");
        else
            cs_diag_error(d, "--resume: cannot trim '%s/series.csv' to its last whole row",
                          o.out);
        code = EXIT_RUNTIME;
    }
    free(old);
    free(exp);
    /* runs.csv starts over from what is done, whole records only, then
     * grows by appending; series.csv grows from what the kill left (a new
     * or emptied one gets its header). */
    char *runs_path = NULL, *series_path = NULL;
    FILE *runs = NULL, *series_out = NULL;
    if (!code) {
        char *done_text = NULL, *series_head = NULL;
        size_t n1 = 0, n2 = 0;
        FILE *a1 = open_memstream(&done_text, &n1);
        FILE *a2 = w.series_at ? open_memstream(&series_head, &n2) : NULL;
        if (a1) {
            fputs(header_text, a1);
            for (size_t i = 0; i < total; i++)
                if (w.line[i])
                    fputs(w.line[i], a1);
            fclose(a1);
        }
        if (a2) {
            fputs("run,", a2);
            cs_output_row_header(a2, model);
            fputc('\n', a2);
            fclose(a2);
        }
        int fresh_series = 1;
        for (size_t i = 0; w.series_at && i < total && fresh_series; i++)
            fresh_series = w.series_at[i] < 0;
        if (w.series_at && old && fresh_series) {
            /* Nothing kept, but a header may be: keep the file only if so. */
            struct stat st;
            fresh_series = fstatat(cs_held_folder()->fd, "series.csv", &st,
                                   AT_SYMLINK_NOFOLLOW) != 0 || st.st_size == 0;
        }
        if (!done_text || (w.series_at && !series_head) ||
            cs_folder_write_text("runs.csv", done_text, d) != 0 ||
            (w.series_at && fresh_series &&
             cs_folder_write_text("series.csv", series_head, d) != 0) ||
            asprintf(&runs_path, "%s/runs.csv", o.out) < 0 ||
            asprintf(&series_path, "%s/series.csv", o.out) < 0 ||
            !(runs = cs_open_in_folder("runs.csv", "a")) ||
            (w.series_at && !(series_out = cs_open_in_folder("series.csv", "a")))) {
            cs_diag_error(d, "cannot write '%s/runs.csv'", o.out);
            code = EXIT_RUNTIME;
        }
        free(done_text);
        free(series_head);
    }
    if (!code) {
        /* Rows are appended as runs finish, so a killed sweep keeps what it
         * did; the file is rewritten in order at the end. */
        cs_progress bar;
        cs_progress_start(&bar, "sweep", (int64_t)total, o.quiet);
        sink out = {.w = &w, .runs = runs, .series = series_out, .bar = &bar};
        for (size_t i = 0; i < total; i++)
            out.done += w.line[i] != NULL;
        cs_progress_runs(&bar, out.done);
        sweep_job job = {.w = &w, .out = &out, .keep_series = o.keep_series, .d = d};
        cs_taskfarm_job farm = {.ntasks = total, .jobs = (int)jobs, .run = run_task,
                                .done = run_done, .skip = run_kept, .ctx = &job,
                                .stop = &cs_stop_signal};
        cs_taskfarm_run(&farm, transport);
        cs_progress_finish(&bar);
        /* What the appends could not write (a full disk, ulimit -f): the
         * rewrite below makes runs.csv whole from memory, but series.csv
         * is copied from its appended pieces. */
        int runs_err = out.runs_err, series_err = out.series_err;
        if (!runs_err && (fflush(runs) != 0 || ferror(runs)))
            runs_err = EIO;
        fclose(runs);
        runs = NULL;
        if (series_out && !series_err && (fflush(series_out) != 0 || ferror(series_out)))
            series_err = EIO;
        if (series_out)
            fclose(series_out);
        series_out = NULL;
        size_t finished = 0;
        for (size_t i = 0; i < total; i++)
            finished += w.line[i] != NULL;
        if (finished == total || cs_stop_signal) {
            cs_atomic_file f;
            if (cs_folder_open_file("runs.csv", &f, d) == 0) {
                char **sorted = malloc(total * sizeof *sorted);
                size_t n = 0;
                for (size_t i = 0; sorted && i < total; i++)
                    if (w.line[i])
                        sorted[n++] = w.line[i];
                if (sorted)
                    qsort(sorted, n, sizeof *sorted, by_run);
                header(f.fp, &w, model);
                for (size_t i = 0; sorted && i < n; i++)
                    fputs(sorted[i], f.fp);
                free(sorted);
                if (cs_atomic_commit(&f, d) != 0)
                    code = EXIT_RUNTIME;
            } else {
                code = EXIT_RUNTIME;
            }
            if (!code)
                warn_identical_points(&w, d);
            /* The variants in the plausible worlds; worlds that do not
             * finish leave the sweep's own files to be written whole. */
            char *robust_text = NULL;
            int robust_code = 0;
            if (!code && w.robust_worlds && finished == total) {
                robust_code = robust_run(&w, jobs, o.quiet, d);
                w.rob = robust_code ? NULL : &w.worlds;
            }
            if (!code && write_summary(o.out, &w, model, &robust_text, d) != 0)
                code = EXIT_RUNTIME;
            if (!code && robust_text && !o.quiet)
                fputs(robust_text, stdout);
            free(robust_text);
            w.rob = NULL;
            if (!code && series_err) {
                cs_diag_error(d, "cannot write '%s/series.csv': %s; it is incomplete (some runs' "
                                 "days are missing), while runs.csv, summary.csv and the plots "
                                 "are whole; make room and run the same command with --resume "
                                 "to finish it",
                              o.out, strerror(series_err));
                code = EXIT_RUNTIME;
            } else if (!code && w.series_at &&
                       write_series(o.out, &w, total, model, d) != 0) {
                code = EXIT_RUNTIME;
            }
            if (!code)
                code = robust_code;
        } else if (runs_err) {
            cs_diag_error(d, "cannot write '%s/runs.csv': %s; it is incomplete (some finished "
                             "runs are missing); make room and run the same command with "
                             "--resume to finish it",
                          o.out, strerror(runs_err));
            code = EXIT_RUNTIME;
        }
        if (!code && finished < total) {
            code = cs_stop_code();
            fprintf(stderr, "%s: sweep %s: %zu of %zu runs kept in %s/; the same command with "
                            "--resume finishes it\n",
                    cs_program, cs_stop_signal ? "interrupted" : "incomplete", finished, total,
                    o.out);
        }
        if (!code && !o.quiet)
            printf("sweep: %zu runs (%zu point%s x %lld replicates)%s%s in %s/ (report.html: the "
                   "points ranked)\n",
                   total, w.g.points, w.g.points == 1 ? "" : "s", replicates,
                   w.robust_worlds ? ", and each variant again in every plausible world: " : "",
                   w.robust_worlds ? "robust.csv" : "", o.out);
        if (!code)
            cs_say_wrote(o.quiet, o.out, sweep_files);
    }
    if (total > 0) /* the workers serve until told to stop */
        cs_taskfarm_release(transport);
    if (runs)
        fclose(runs);
    if (series_out)
        fclose(series_out);
    free(series_path);
    free(header_text);
    for (size_t i = 0; w.line && i < total; i++)
        free(w.line[i]);
    free(w.series_at);
    free(w.series_len);
    free(w.line);
    free(runs_path);
    return release_plan(&w, vary, base, code);
}

/* ---- the command (cli/command.h) ---- */

static const cs_option_use sweep_options[] = {
    {"vary", NULL, NULL},
    {"replicates", NULL, "runs of each point, on paired seeds (default 10)"},
    {"jobs", NULL, NULL},
    {"out", NULL, NULL},
    {"design", NULL, NULL},
    {"keep-series", NULL, NULL},
    {"resume", NULL, NULL},
    {"metric", NULL, "a measure to draw (repeatable): a field of\n"
     "summary.csv (default: brand_gmv and brand_roi when\n"
     "only brand.* keys vary, else total_gmv_total and\n"
     "final_buyers)"},
    {"robust", NULL, "variants only: rerun them in N worlds drawn from\n"
     "the plausible ranges of the assumptions no variant\n"
     "or scenario sets: does the highest stay highest,\n"
     "and what does that hinge on"},
    {"pin", NULL, NULL},
    CS_OPTIONS_SCENARIO,
    CS_OPTIONS_BATCH,
    CS_OPTIONS_END,
};

const cs_command cs_cmd_sweep_def = {
    "circlesim", "sweep", "run an experiment: factorial, Latin hypercube or Morris, with replicates",
    "circlesim sweep [SCENARIO] --vary KEY=VALUES... [--design factorial|lhs:N|morris:R]\n"
    "       circlesim sweep SCENARIO     (its experiment: block: vary, or variants)\n"
    "                       [--replicates R] [--jobs J]\n"
    "                       --out DIR [--seed N] [--days N] [--set KEY=VALUE]... [--threads N]\n"
    "                       [--keep-series] [--resume] [--metric NAME]... [--max-memory SIZE]\n"
    "                       [--robust N [--pin KEY]...] [--quiet]\n",
    sweep_options,
    "  Run the full factorial of the --vary lists, R replicates of each point\n"
    "  (default 10), on J jobs at once (default: all cores; each run on --threads\n"
    "  threads, default 1). VALUES is V1,V2,... (YAML values; commas inside\n"
    "  brackets belong to the value) or LO:HI:STEP. Replicate r of every point\n"
    "  runs with the same seed (common random numbers): the base seed for r = 0,\n"
    "  then seeds derived from it. Writes DIR/runs.csv (one row per run, sorted by\n"
    "  point and replicate), DIR/summary.csv (per point: mean, sd and 95%\n"
    "  Student-t interval of every metric) and DIR/experiment.yaml; with\n"
    "  --keep-series also DIR/series.csv (run,day,<timeseries columns>); and\n"
    "  DIR/plot-<metric>.png for each --metric (default: the brand's GMV and ROI\n"
    "  when only brand.* keys vary, else total_gmv_total and final_buyers): each\n"
    "  against the first varied key, with 95% bands and a dot at each design\n"
    "  point, one line per value of the others.\n"
    "  --resume continues a sweep that was stopped (Ctrl-C, a kill, a crash) in\n"
    "  the same DIR with the same arguments: finished runs are kept, the rest run,\n"
    "  and the files end as an uninterrupted sweep's. Ctrl-C stops at once: the\n"
    "  runs under way are dropped, what finished is kept (exit 130).\n"
    "  --max-memory SIZE: the memory the runs at once may take (default: the memory\n"
    "  available now): fewer jobs run when fewer fit; none when one run cannot.\n"
    "  --design lhs:N draws N points of a Latin hypercube over --vary KEY=LO:HI\n"
    "  ranges instead (each key's range cut in N strata, one point in each;\n"
    "  whole numbers for whole-number keys); the points are in experiment.yaml,\n"
    "  and plot-*.png show each point's mean and interval against each key.\n"
    "  --design morris:R runs R Morris trajectories over such ranges (4 levels,\n"
    "  steps of 2/3 of a range) and writes DIR/sensitivity.csv (per metric and\n"
    "  key: mu, mu_star, sigma of the elementary effects, keys by mu_star) and\n"
    "  sensitivity-total_gmv_total.png and sensitivity-final_buyers.png ranking\n"
    "  the levers (each marked raises, lowers or either way, from the sign of its\n"
    "  effects; an effect is the metric's change over the lever's whole range).\n"
    "  Without --vary, the scenario's experiment: block says what to run: its\n"
    "  vary: keys with design factorial, lhs:N or morris:R, or its variants: (a\n"
    "  list of named strategies, each setting some keys; design variants), whose\n"
    "  names are a column of runs.csv and summary.csv, and whose plot-*.png are\n"
    "  bars with 95% intervals. docs/SCENARIOS.md describes the block.\n",
    cs_cmd_sweep,
};
