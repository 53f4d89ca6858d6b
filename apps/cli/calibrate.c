/* SPDX-License-Identifier: MIT */
/* calibrate.c - `circlesim calibrate`: fits the --free keys so that the
 * scenario's targets are met, by Nelder-Mead over the keys' ranges.
 *
 * Every evaluation runs the same R seeds (common random numbers): the loss
 * is then a fixed function of the free values, not a fresh draw each time,
 * so the simplex compares points on the same noise and does not chase
 * lucky draws. The fitted point is then checked on R fresh seeds, whose
 * means and 95% intervals are what is reported: an honest figure, not the
 * best of many tries on the fitting seeds. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "cli/calibrate.h"

#include <errno.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/engine.h"
#include "base/fileio.h"
#include "analysis/nelder_mead.h"
#include "engine/output.h"
#include "analysis/sweep.h"
#include "scenario/targets.h"
#include "analysis/batch.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/transport.h"
#include "analysis/calibrate.h"
#include "cli/progress.h"
#include "base/numfmt.h"
#ifdef CS_HAVE_DRAW
#include "draw/sweep_plot.h"
#endif


static const char *const calibrate_files[] = {"calibration.csv", "targets.csv", "calibrated.yaml",
                                              "calibration.png", NULL};
static const cs_outdir_kind calibrate_kind = {"calibration.csv", "earlier calibration",
                                              calibrate_files, NULL, NULL, NULL};

typedef struct calib {
    const options *o;
    cs_source src;
    cs_calibration fit;      /* the keys, targets, runs and evaluations (analysis/calibrate.h) */
    cs_batch farm;           /* the runs: jobs at once, or MPI ranks */
    cs_assignments sets;     /* the command line's, for every run */
    FILE *log;               /* calibration.csv, appended evaluation by evaluation */
    double check_loss;       /* the best point's loss on fresh seeds */
    char *context[CS_CALIBRATE_MAX_CONTEXTS]; /* --across: "KEY=VALUE" lines each */
    char *command;           /* the command line, for calibrated.yaml */
    double start;
    int quiet;
    cs_progress lines;       /* a log's progress lines (a terminal has its own line below) */
} calib;

/* The scenario at a point and seed; 0, or the exit code (reported to d). */
static int point_scenario(const calib *c, const char *values, int64_t seed, cs_scenario **sc,
                          cs_diag *d)
{
    return cs_exit_code(cs_calibration_scenario_new(&c->fit, values, seed, sc, d));
}

/* A finished run's measure of every target. */
static void measure_targets(const cs_run *r, double *out, void *ctx)
{
    const calib *c = ctx;
    cs_targets_measure(r, c->fit.target, c->fit.ntargets, out);
}

static void number(FILE *o, double v)
{
    if (isfinite(v))
        fprintf(o, "%.10g", v);
}

/* Each evaluation: its record in calibration.csv (evaluation, values, loss,
 * each target's mean), and the progress line. */
static void evaluated(void *ctx, size_t n, const char *values, double loss, const double *mean)
{
    calib *c = ctx;
    fprintf(c->log, "%zu,%s,", n, values);
    number(c->log, loss);
    for (size_t t = 0; t < c->fit.ntargets; t++) {
        fputc(',', c->log);
        if (mean)
            number(c->log, mean[t]);
    }
    fputc('\n', c->log);
    fflush(c->log);
    cs_progress_update(&c->lines, (int64_t)c->fit.nevals);
    if (c->quiet || !isatty(STDERR_FILENO))
        return;
    fprintf(stderr, "\r\033[Kevaluation %zu  best loss %.4g  %.1fs elapsed", c->fit.nevals,
            c->fit.best_loss, cs_now() - c->start);
    fflush(stderr);
}

/* --across KEY=V1,V2,...: the settings the fit must hold in at once, every
 * combination of the options' values ("KEY=VALUE" lines each). */
static int parse_across(calib *c, const options *o, cs_diag *d)
{
    size_t n = 1;
    c->context[0] = NULL;
    for (int i = 0; i < o->nacrosses; i++) {
        const char *text = o->acrosses[i], *eq = strchr(text, '=');
        if (!eq || eq == text || !eq[1]) {
            cs_usage_error(d, "--across expects KEY=V1,V2,..., found '%s'", text);
            return -1;
        }
        /* A setting applied after the point would overwrite a free key,
         * and the replicates choose the seeds. */
        const int klen = (int)(eq - text);
        char key[128];
        snprintf(key, sizeof key, "%.*s", klen, text);
        const char *why = !strcmp(key, "seed") || !strcmp(key, "world_seed")
                              ? "the replicates choose the seeds"
                              : NULL;
        for (size_t k = 0; !why && k < c->fit.nfree; k++)
            if (!strcmp(key, c->fit.key[k]))
                why = "the key is --free: a setting would overwrite the point";
        for (int j = 0; !why && j < i; j++)
            if (!strncmp(o->acrosses[j], text, (size_t)klen + 1))
                why = "the key is given twice: list its values in one --across";
        /* Every value present, none twice. */
        for (const char *v = eq + 1; !why && v;) {
            const char *end = strchr(v, ',');
            size_t len = end ? (size_t)(end - v) : strlen(v);
            if (len == 0)
                why = "an empty value";
            for (const char *w = end ? end + 1 : NULL; !why && w;) {
                const char *wend = strchr(w, ',');
                size_t wlen = wend ? (size_t)(wend - w) : strlen(w);
                if (wlen == len && !strncmp(v, w, len))
                    why = "a value given twice";
                w = wend ? wend + 1 : NULL;
            }
            v = end ? end + 1 : NULL;
        }
        if (why) {
            char msg[200];
            snprintf(msg, sizeof msg, "--across %.100s: %s", key, why);
            cs_usage_error(d, "%s", msg);
            return -1;
        }
        size_t values = 1;
        for (const char *p = eq + 1; *p; p++)
            values += *p == ',';
        if (n * values > CS_CALIBRATE_MAX_CONTEXTS) {
            cs_usage_error(d, "--across: at most 16 settings in all (every combination "
                              "counts)%s", "");
            return -1;
        }
        char *next[CS_CALIBRATE_MAX_CONTEXTS];
        size_t m = 0;
        const char *v = eq + 1;
        for (size_t j = 0; j < values; j++) {
            const char *end = strchr(v, ',');
            int len = (int)(end ? (size_t)(end - v) : strlen(v));
            for (size_t k = 0; k < n; k++) {
                const char *before = c->context[k];
                if (asprintf(&next[m], "%s%s%.*s=%.*s", before ? before : "", before ? "\n" : "",
                             (int)(eq - text), text, len, v) < 0) {
                    while (m > 0)
                        free(next[--m]);
                    cs_diag_error(d, "out of memory");
                    return -1;
                }
                m++;
            }
            v = end ? end + 1 : v + len;
        }
        for (size_t k = 0; k < n; k++)
            free(c->context[k]);
        for (size_t k = 0; k < m; k++)
            c->context[k] = next[k];
        n = m;
    }
    c->fit.ncontexts = o->nacrosses ? n : 0;
    for (size_t k = 0; k < c->fit.ncontexts; k++)
        c->fit.context[k] = c->context[k];
    return 0;
}

/* A setting as one line for people: "KEY=VALUE, KEY=VALUE". */
static void setting_label(const calib *c, size_t k, char *out, size_t cap)
{
    snprintf(out, cap, "%s", c->fit.ncontexts ? c->context[k] : "");
    for (char *p = out; *p; p++)
        if (*p == '\n')
            *p = ' ';
}

/* --free KEY=LO:HI: a number key of the model, a range inside the key's. */
static int parse_free(calib *c, const char *text, const cs_scenario *base, cs_diag *d)
{
    const char *eq = strchr(text, '=');
    char key[200];
    if (!eq || eq == text || (size_t)(eq - text) >= sizeof key) {
        cs_usage_error(d, "--free expects KEY=LO:HI, found '%s'", text);
        return -1;
    }
    snprintf(key, sizeof key, "%.*s", (int)(eq - text), text);
    int p = cs_param_find(key);
    if (p < 0) {
        cs_diag_error(d, "--free %s: unknown key (circlesim params lists every key)", key);
        return -1;
    }
    const cs_param *par = cs_param_at((size_t)p);
    if (par->type != CS_T_FLOAT && par->type != CS_T_INT) {
        cs_diag_error(d, "--free %s: only number keys can be fitted", key);
        return -1;
    }
    if (!strcmp(key, "seed") || !strcmp(key, "days") || !strncmp(key, "targets.", 8)) {
        cs_diag_error(d, "--free %s: the seed, the days and the targets are not fitted", key);
        return -1;
    }
    if (!(par->models & (1u << cs_scenario_model(base)))) {
        cs_diag_error(d, "--free %s: the key does not apply to model %s", key,
                      cs_model_name(cs_scenario_model(base)));
        return -1;
    }
    char *end = NULL, *start = (char *)eq + 1;
    double lo = strtod(start, &end), hi = NAN;
    if (end != start && *end == ':') {
        start = end + 1;
        hi = strtod(start, &end);
        if (end == start)
            hi = NAN;
    }
    if (!end || *end || !isfinite(lo) || !isfinite(hi) || !(lo < hi)) {
        cs_diag_error(d, "--free %s: expected a range LO:HI with LO < HI, found '%s'", key, eq + 1);
        return -1;
    }
    if (par->type == CS_T_INT && (lo != floor(lo) || hi != floor(hi))) {
        cs_diag_error(d, "--free %s: a whole-number key needs whole-number bounds, found '%s'",
                      key, eq + 1);
        return -1;
    }
    if (lo < par->min || hi > par->max) {
        cs_diag_error(d, "--free %s: the range %g:%g leaves the key's own range %g to %g", key, lo,
                      hi, par->min, par->max);
        return -1;
    }
    for (size_t k = 0; k < c->fit.nfree; k++)
        if (!strcmp(c->fit.key[k], par->key)) {
            cs_diag_error(d, "--free %s is given twice", key);
            return -1;
        }
    if (c->fit.nfree == CS_CALIBRATE_MAX_FREE) {
        cs_diag_error(d, "at most %d --free keys", CS_CALIBRATE_MAX_FREE);
        return -1;
    }
    c->fit.key[c->fit.nfree] = par->key;
    c->fit.param[c->fit.nfree] = p;
    c->fit.lo[c->fit.nfree] = lo;
    c->fit.hi[c->fit.nfree] = hi;
    c->fit.nfree++;
    return 0;
}

#ifdef CS_HAVE_DRAW
/* The loss of every evaluation and the best so far, log10. */
static int plot(const calib *c, cs_diag *d)
{
    size_t n = c->fit.nevals;
    double *buf = malloc((n ? n : 1) * 6 * sizeof *buf);
    if (!buf)
        return -1;
    /* The best so far as steps: it holds until an evaluation beats it. */
    double *x = buf, *each = buf + n, *sx = buf + 2 * n, *best = buf + 4 * n;
    size_t k = 0, m = 0;
    double so_far = HUGE_VAL;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(c->fit.eval[i].loss) || c->fit.eval[i].loss <= 0)
            continue; /* an invalid point, or an exact fit: no logarithm */
        x[k] = (double)(i + 1);
        each[k] = log10(c->fit.eval[i].loss);
        if (m > 0) {
            sx[m] = x[k];
            best[m] = best[m - 1];
            m++;
        }
        so_far = fmin(so_far, c->fit.eval[i].loss);
        sx[m] = x[k];
        best[m] = log10(so_far);
        m++;
        k++;
    }
    cs_sweep_line line[2] = {
        {.label = "each evaluation", .x = x, .mean = each, .lo = each, .hi = each, .n = (int)k},
        {.label = "best so far", .x = sx, .mean = best, .lo = best, .hi = best, .n = (int)m}};
    char *path = NULL;
    int rc = asprintf(&path, "%s/calibration.png", c->o->out) < 0
                 ? -1
                 : cs_sweep_plot(cs_held_folder()->fd, path, "Calibration: loss by evaluation", "log10 of the loss",
                                 "evaluation", line, 2, d);
    free(path);
    free(buf);
    return rc;
}
#endif

/* targets.csv and the table on stdout: the fitted point on fresh seeds. */
static int check_fit(calib *c, cs_diag *d)
{
    const size_t R = (size_t)c->fit.replicates, S = cs_calibration_settings(&c->fit);
    const size_t T = c->fit.ntargets;
    double *m = malloc(S * R * T * sizeof *m), *x = malloc(R * sizeof *x);
    int *rc = malloc(S * R * sizeof *rc);
    int code = 0;
    if (!m || !x || !rc)
        code = EXIT_RUNTIME;
    if (!code) {
        cs_calibration_runs(&c->fit, c->fit.best_values, (int64_t)R, R, m, rc);
        for (size_t i = 0; i < S * R && !code; i++)
            if (rc[i] != 0)
                code = cs_stop_code();
    }
    char *text = NULL;
    size_t len = 0;
    FILE *o = code ? NULL : open_memstream(&text, &len);
    if (!code && !o)
        code = EXIT_RUNTIME;
    double *mean = code ? NULL : malloc(T * sizeof *mean);
    if (o && mean) {
        fputs("target,value,weight,n,mean,sd,ci_lo,ci_hi,rel_error,setting\n", o);
        for (size_t st = 0; st < S; st++) {
        char label[1024];
        setting_label(c, st, label, sizeof label);
        if (!c->quiet && c->fit.ncontexts)
            printf("%s:\n", label);
        if (!c->quiet)
            printf("%-28s %14s %14s  %s\n", "target", "value", "achieved", "95% CI");
        const double *ms = m + st * R * T;
        for (size_t t = 0; t < T; t++) {
            size_t k = 0;
            for (size_t i = 0; i < R; i++)
                if (isfinite(ms[i * T + t]))
                    x[k++] = ms[i * T + t];
            cs_stats s;
            cs_stats_of(x, k, &s);
            mean[t] = k ? s.mean : NAN;
            const cs_target *g = &c->fit.target[t];
            double rel = g->value != 0 ? (mean[t] - g->value) / fabs(g->value) : NAN;
            const double cell[] = {g->value, g->weight, (double)k, k ? s.mean : NAN,
                                   s.sd,     s.ci_lo,   s.ci_hi,   rel};
            fputs(g->name, o);
            for (size_t j = 0; j < sizeof cell / sizeof cell[0]; j++) {
                fputc(',', o);
                number(o, cell[j]);
            }
            fprintf(o, ",%s\n", label);
            if (!c->quiet && k == 0)
                printf("%-28s %14.6g %14s  (undefined in every run: counts as a relative "
                       "error of 10)\n",
                       g->name, g->value, "n/a");
            else if (!c->quiet)
                printf("%-28s %14.6g %14.6g  %.6g to %.6g\n", g->name, g->value, mean[t],
                       s.ci_lo, s.ci_hi);
        }
        }
        c->check_loss = cs_calibration_loss(&c->fit, m, rc, R);
        if (!c->quiet) {
            printf("loss on %zu fresh seed%s: %.6g (on the fitting seeds: %.6g; the scenario as "
                   "given: %.6g)\n",
                   R, R == 1 ? "" : "s", c->check_loss, c->fit.best_loss, c->fit.start_loss);
            if (!(c->check_loss < c->fit.start_loss))
                printf("warning: on fresh seeds the fit is no better than the scenario as given: "
                       "the replicates' noise outweighs what was fitted; use more "
                       "--replicates\n");
        }
    }
    if (o && fclose(o) != 0)
        code = EXIT_RUNTIME;
    if (!code && (!mean || cs_folder_write_text("targets.csv", text, d) != 0))
        code = EXIT_RUNTIME;
    free(text);
    free(mean);
    free(m);
    free(x);
    free(rc);
    return code;
}

/* calibrated.yaml: the scenario with the fitted values and the base seed,
 * named and described as such (the old info may no longer be true). */
static int write_calibrated(calib *c, cs_diag *d)
{
    cs_scenario *sc = NULL;
    if (point_scenario(c, c->fit.best_values, c->fit.base_seed, &sc, d) != 0) {
        cs_scenario_close(sc);
        return EXIT_RUNTIME;
    }
    char *what = NULL, *name = NULL, *info = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&what, &len);
    if (o) {
        const char *v = c->fit.best_values;
        for (size_t k = 0; k < c->fit.nfree; k++) {
            const char *end = strchr(v, ',');
            size_t n = end ? (size_t)(end - v) : strlen(v);
            fprintf(o, "%s%s = %.*s (of %.10g to %.10g)", k ? ", " : "", c->fit.key[k], (int)n, v,
                    c->fit.lo[k], c->fit.hi[k]);
            v = end ? end + 1 : v + n;
        }
        fprintf(o, "; loss %.6g on %lld fresh seeds, %.6g on the fitting ones (evaluation %zu "
                   "of %zu)",
                c->check_loss, (long long)c->fit.replicates, c->fit.best_loss, c->fit.best_eval, c->fit.nevals);
        fclose(o);
    }
    int code = EXIT_RUNTIME;
    if (what && asprintf(&name, "%s-calibrated", cs_scenario_name(sc)) >= 0 &&
        asprintf(&info, "Calibrated by circlesim calibrate: %s.\n%s", what,
                 cs_scenario_info(sc)) >= 0 &&
        cs_scenario_rename(sc, name, info) == 0) {
        char *text = cs_scenario_to_yaml(sc, 0), *head = NULL;
        if (text && asprintf(&head, "# %s\n# %s\n%s", c->command, what, text) >= 0 &&
            cs_folder_write_text("calibrated.yaml", head, d) == 0)
            code = 0;
        free(head);
        free(text);
    }
    free(name);
    free(info);
    free(what);
    cs_scenario_close(sc);
    return code;
}

static int finish(calib *c, int code)
{
    for (size_t k = 0; k < CS_CALIBRATE_MAX_CONTEXTS; k++)
        free(c->context[k]);
    cs_calibration_free(&c->fit);
    if (c->log)
        fclose(c->log);
    cs_source_free(&c->src);
    free(c->command);
    return code;
}

int cs_cmd_calibrate(int argc, char **argv, cs_diag *d)
{
    cs_catch_stop_signals();
    options o;
    if (cs_parse_options(argc, argv, &o, &cs_cmd_calibrate_def, d))
        return EXIT_USAGE;
    if (o.npositional > 1) {
        cs_usage_error(d, "calibrate takes one scenario, found another: '%s'", o.positional[1]);
        return EXIT_USAGE;
    }
    if (!o.out) {
        cs_usage_error(d, "calibrate needs --out DIR%s", "");
        return EXIT_USAGE;
    }
    if (o.nfrees == 0) {
        cs_usage_error(d, "calibrate needs at least one --free KEY=LO:HI%s", "");
        return EXIT_USAGE;
    }
    long long replicates = 5, jobs = omp_get_num_procs(), threads = 1, max_evals = 0;
    if ((o.replicates && cs_parse_count("--replicates", o.replicates, 2, 100000, &replicates, d)) ||
        (o.jobs && cs_parse_count("--jobs", o.jobs, 1, 1024, &jobs, d)) ||
        (o.threads && cs_parse_count("--threads", o.threads, 1, 1024, &threads, d)) ||
        (o.max_evals && cs_parse_count("--max-evals", o.max_evals, 2, 1000000, &max_evals, d)))
        return EXIT_USAGE;
    calib c = {.o = &o, .quiet = o.quiet};
    c.fit.replicates = replicates;
    c.fit.best_loss = HUGE_VAL;
    c.fit.batch = &c.farm;
    c.fit.stop = &cs_stop_signal;
    c.fit.evaluated = evaluated;
    c.fit.ctx = &c;
    cs_option_assignments(&o, &c.sets);
    c.farm = (cs_batch){.src = &c.src, .sets = c.sets.v, .nsets = c.sets.n,
                        .measure = measure_targets, .measure_ctx = &c, .threads = (int)threads,
                        .jobs = (int)jobs, .stop = &cs_stop_signal, .transport = cs_transport()};
    c.command = cs_command_line("calibrate", argc, argv);
    if (!c.command)
        return EXIT_RUNTIME;
    int code = cs_source_read_everywhere(&c.src, o.npositional ? o.positional[0] : NULL, d);
    if (code) {
        /* The others meet this rank at their first agreement, which says
         * to stop: a rank that cannot read the file must not hang them. */
        cs_transport_agree(code);
        free(c.command);
        return code;
    }
    cs_scenario *base = NULL;
    code = cs_prepare_scenario_from(&base, &c.src, &o, d);
    /* Points past the last day are no problem for a run, but are for a fit. */
    if ((!code || (code == EXIT_USAGE && base && !cs_scenario_unreadable(base))) &&
        cs_targets_check_days(base, d) != 0)
        code = EXIT_USAGE;
    for (int i = 0; !code && i < o.nfrees; i++)
        if (parse_free(&c, o.frees[i], base, d) != 0)
            code = EXIT_USAGE;
    if (!code && parse_across(&c, &o, d) != 0)
        code = EXIT_USAGE;
    /* Every setting must make a valid scenario, before anything runs. */
    for (size_t k = 0; !code && k < c.fit.ncontexts; k++) {
        cs_scenario *sc = NULL;
        char label[1024];
        setting_label(&c, k, label, sizeof label);
        if (cs_batch_scenario_new(&c.farm, c.context[k], cs_scenario_seed(base), &sc, d) != 0) {
            cs_diag_error(d, "--across: the scenario is not valid with %s", label);
            code = EXIT_USAGE;
        } else if (cs_targets_check_days(sc, d) != 0) {
            cs_diag_error(d, "--across: a target is past the last day with %s", label);
            code = EXIT_USAGE;
        }
        cs_scenario_close(sc);
    }
    /* The memory an evaluation's replicates at once take, before any
     * starts (the scenario as given: a free key that grows the population
     * is not foreseen). */
    const cs_taskfarm_transport *transport = cs_transport();
    if (!code && (!transport || transport->workers < 1)) {
        long long j = c.farm.jobs;
        code = cs_fit_jobs_source(&c.src, &o, replicates * (long long)cs_calibration_settings(&c.fit),
                                  &j, d);
        c.farm.jobs = (int)j;
        cs_batch_share(&c.farm.run_memory, &c.farm.run_memory_flags);
    }
    if (!code) {
        c.fit.ntargets = cs_targets_list(base, c.fit.target, CS_CALIBRATE_MAX_TARGETS);
        c.farm.nvalues = c.fit.ntargets;
        c.fit.base_seed = cs_scenario_seed(base);
        double weights = 0;
        for (size_t t = 0; t < c.fit.ntargets && t < CS_CALIBRATE_MAX_TARGETS; t++)
            weights += c.fit.target[t].weight;
        if (c.fit.ntargets == 0 || !(weights > 0)) {
            cs_diag_error(d, "%s has no targets to fit: give targets.points with weights above "
                             "0 (or, for the platform model, targets.facts_weight > 0)",
                          cs_scenario_source(base));
            code = EXIT_USAGE;
        }
    }
    /* Where the fit starts: the scenario's own values, inside the ranges. */
    double x[CS_CALIBRATE_MAX_FREE];
    for (size_t k = 0; !code && k < c.fit.nfree; k++) {
        double v = cs_scenario_number(base, c.fit.param[k]);
        x[k] = fmin(fmax((v - c.fit.lo[k]) / (c.fit.hi[k] - c.fit.lo[k]), 0), 1);
    }
    cs_scenario_close(base);
    /* The corners of the box and the start must make valid scenarios: a
     * range that breaks a cross-key rule is reported before anything runs. */
    for (int corner = 0; !code && corner < 3; corner++) {
        double at[CS_CALIBRATE_MAX_FREE];
        for (size_t k = 0; k < c.fit.nfree; k++)
            at[k] = corner == 2 ? x[k] : corner;
        char *values = cs_calibration_point(&c.fit, at);
        cs_scenario *sc = NULL;
        if (!values)
            code = EXIT_RUNTIME;
        else if (point_scenario(&c, values, c.fit.base_seed, &sc, d) != 0) {
            cs_diag_error(d, "--free: the scenario is not valid with %s = %s (the %s of the "
                             "ranges)",
                          c.fit.nfree == 1 ? c.fit.key[0] : "the free keys", values,
                          corner == 0 ? "low ends" : corner == 1 ? "high ends" : "start");
            code = EXIT_USAGE;
        }
        cs_scenario_close(sc);
        free(values);
    }
    if (max_evals == 0)
        max_evals = 60 * ((long long)c.fit.nfree + 1);
    if (!code && max_evals < (long long)c.fit.nfree + 1) {
        char least[32];
        snprintf(least, sizeof least, "%zu", c.fit.nfree + 1);
        cs_usage_error(d, "--max-evals must allow the first simplex: at least the number of "
                          "free keys + 1, here %s", least);
        code = EXIT_USAGE;
    }
    int worst = cs_transport_agree(code);
    if (worst && !code) {
        cs_diag_error(d, "another rank could not set up the calibration (its message is above)");
        code = worst;
    }
    if (transport && transport->rank != 0) { /* a worker: runs what rank 0 hands out */
        if (!code)
            cs_batch_serve(&c.farm);
        return finish(&c, code);
    }
    if (code)
        return finish(&c, code);
    code = cs_take_folder(o.out, &calibrate_kind, CS_OUTDIR_CLEAR, d);
    if (!code && !(c.log = cs_open_in_folder("calibration.csv", "w"))) {
        cs_diag_error(d, "cannot write '%s/calibration.csv': %s", o.out, strerror(errno));
        code = EXIT_RUNTIME;
    }
    if (code) {
        cs_batch_release(&c.farm);
        return finish(&c, code);
    }
    fputs("evaluation", c.log);
    for (size_t k = 0; k < c.fit.nfree; k++)
        fprintf(c.log, ",%s", c.fit.key[k]);
    fputs(",loss", c.log);
    for (size_t t = 0; t < c.fit.ntargets; t++)
        fprintf(c.log, ",%s", c.fit.target[t].name);
    fputc('\n', c.log);
    fflush(c.log);

    c.start = cs_now();
    c.fit.max_evals = (size_t)max_evals;
    /* At most max_evals: the fit may stop sooner, so "left" is a bound. */
    cs_progress_start(&c.lines, "calibrate", max_evals, c.quiet);
    cs_progress_unit(&c.lines, "evaluation", 0);
    c.lines.enabled = 0; /* on a terminal, the line below with the best loss */
    if (cs_calibration_fit(&c.fit, x) != 0) {
        cs_diag_error(d, "out of memory");
        code = EXIT_RUNTIME;
    }
    if (!c.quiet && isatty(STDERR_FILENO))
        fputs("\r\033[K", stderr);
    fclose(c.log);
    c.log = NULL;
    if (!code && cs_stop_signal) {
        code = cs_stop_code();
        fprintf(stderr, "%s: calibrate interrupted: %zu evaluations kept in %s/calibration.csv "
                        "(a new calibrate starts over)\n",
                cs_program, c.fit.nevals, o.out);
    }
    if (!code && c.fit.failed) {
        cs_diag_error(d, "a run did not finish (out of memory?); calibration.csv holds the "
                         "evaluations done");
        code = EXIT_RUNTIME;
    }
    if (!code && !c.fit.best_values) {
        cs_diag_error(d, "no point of the ranges made a valid scenario");
        code = EXIT_USAGE;
    }
#ifdef CS_HAVE_DRAW
    if ((!code || code == 130 || code == 143) && c.fit.nevals > 0 && plot(&c, d) != 0 && !code)
        code = EXIT_RUNTIME;
#endif
    if (!code && !c.quiet) {
        const size_t S = cs_calibration_settings(&c.fit);
        char each[64] = "";
        if (c.fit.ncontexts)
            snprintf(each, sizeof each, " in each of %zu settings", S);
        printf("calibrate: best of %zu evaluations of %lld run%s%s: evaluation %zu, loss %.6g on "
               "the fitting seeds\n",
               c.fit.nevals, replicates, replicates == 1 ? "" : "s", each, c.fit.best_eval,
               c.fit.best_loss);
        if (c.fit.invalid)
            printf("note: %d of the points tried make no valid scenario (a cross-key rule); "
                   "they were not run and their loss is empty in calibration.csv\n",
                   c.fit.invalid);
        const char *v = c.fit.best_values;
        for (size_t k = 0; k < c.fit.nfree; k++) {
            const char *end = strchr(v, ',');
            size_t len = end ? (size_t)(end - v) : strlen(v);
            double at = strtod(v, NULL), span = c.fit.hi[k] - c.fit.lo[k];
            printf("  %s = %.*s%s\n", c.fit.key[k], (int)len, v,
                   at <= c.fit.lo[k] + 1e-3 * span   ? "   (at the bottom of its range: the best may "
                                                   "lie below)"
                   : at >= c.fit.hi[k] - 1e-3 * span ? "   (at the top of its range: the best may lie "
                                                   "above)"
                                                 : "");
            v = end ? end + 1 : v + len;
        }
    }
    if (!code)
        code = check_fit(&c, d);
    if (!code)
        code = write_calibrated(&c, d);
    cs_batch_release(&c.farm);
    if (!code && !c.quiet)
        printf("calibrate: %s/calibrated.yaml\n", o.out);
    if (!code)
        cs_say_wrote(c.quiet, o.out, calibrate_files);
    return finish(&c, code);
}

/* ---- the command (cli/command.h) ---- */

static const cs_option_use calibrate_options[] = {
    {"free", NULL, NULL},
    {"across", NULL, NULL},
    {"replicates", NULL, "runs of each point, on the same seeds (default 5)"},
    {"jobs", NULL, NULL},
    {"max-evals", NULL, "evaluations at most (default 60 per free key\n"
     "+ 60)"},
    {"out", NULL, NULL},
    CS_OPTIONS_SCENARIO,
    CS_OPTIONS_BATCH,
    CS_OPTIONS_END,
};

const cs_command cs_cmd_calibrate_def = {
    "circlesim", "calibrate", "fit free keys so that the scenario's targets are met",
    "circlesim calibrate [SCENARIO] --free KEY=LO:HI... [--across KEY=VALUES]...\n"
    "                           [--replicates R] [--jobs J]\n"
    "                           [--max-evals N] --out DIR [--seed N] [--days N]\n"
    "                           [--set KEY=VALUE]... [--threads N] [--max-memory SIZE]\n"
    "                           [--quiet]\n",
    calibrate_options,
    "  Fit the --free keys, each within LO:HI, so that the scenario's targets are\n"
    "  met: the platform model's four stylized facts (targets.*, weighted by\n"
    "  targets.facts_weight) and targets.points, points on a curve:\n"
    "      targets:\n"
    "        points:\n"
    "          - {column: buyers, day: 30, value: 1200, weight: 1}\n"
    "  The loss is the weighted mean of squared relative errors of the replicate\n"
    "  means, sum w ((mean - target) / |target|)^2 / sum w, minimized by\n"
    "  Nelder-Mead (restarted once converged, while that helps), at most N\n"
    "  evaluations (default 60 per free key + 60), each of R runs (default 5) on\n"
    "  the same seeds, on J jobs at once (default: all cores). The fitted point\n"
    "  is then run on R fresh seeds to report the targets it meets, with 95%\n"
    "  Student-t intervals. --across KEY=V1,V2 fits in several settings at once\n"
    "  (every combination of the --across values, at most 16, such as two sizes\n"
    "  and two run lengths): the loss is the mean of the settings' losses, every\n"
    "  point runs R replicates in each (a setting may not name a --free key or a\n"
    "  seed), and the memory check is of the scenario as given, so let it be the\n"
    "  largest setting. Writes DIR/calibration.csv\n"
    "  (every evaluation: the free values, the loss and each target's mean, over\n"
    "  the settings), DIR/targets.csv (the check: each target's value, mean, sd\n"
    "  and interval, a row per setting), DIR/calibrated.yaml\n"
    "  (the scenario resolved with the fitted values, ready to run) and\n"
    "  DIR/calibration.png (loss by evaluation). Ctrl-C stops after the runs\n"
    "  under way, keeping calibration.csv so far (exit 130). --max-memory SIZE: the\n"
    "  memory the runs at once may take (default: the memory available now).\n",
    cs_cmd_calibrate,
};
