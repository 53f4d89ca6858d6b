/* sweep.c - `circlesim sweep`: the full factorial of the --vary lists, R
 * replicates each, spread over J jobs; runs.csv, summary.csv and
 * experiment.yaml as the contract says. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "cli/sweep.h"

#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "circlesim/engine.h"
#include "circlesim/fileio.h"
#include "circlesim/output.h"
#include "circlesim/sweep.h"
#include "cli/options.h"
#include "cli/progress.h"

const char cs_help_sweep[] =
    "usage: circlesim sweep [SCENARIO] --vary KEY=VALUES... [--replicates R] [--jobs J]\n"
    "                       --out DIR [--seed N] [--days N] [--set KEY=VALUE]... [--threads N]\n"
    "                       [--quiet]\n"
    "  Run the full factorial of the --vary lists, R replicates of each point\n"
    "  (default 10), on J jobs at once (default: all cores; each run on --threads\n"
    "  threads, default 1). VALUES is V1,V2,... (YAML values; commas inside\n"
    "  brackets belong to the value) or LO:HI:STEP. Replicate r of every point\n"
    "  runs with the same seed (common random numbers): the base seed for r = 0,\n"
    "  then seeds derived from it. Writes DIR/runs.csv (one row per run, sorted by\n"
    "  point and replicate), DIR/summary.csv (per point: mean, sd and 95%\n"
    "  Student-t interval of every metric) and DIR/experiment.yaml.\n"
    "  Not yet in this version: --design lhs|morris, --keep-series, --resume.\n";

static const char *const sweep_files[] = {"experiment.yaml", "runs.csv", "summary.csv"};

/* A field for CSV: quoted when it holds a comma, a quote or a line end. */
static void csv_field(FILE *o, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, o);
        return;
    }
    fputc('"', o);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', o);
        fputc(*s, o);
    }
    fputc('"', o);
}

typedef struct sweep {
    const options *o;
    const char *path;      /* the scenario file, NULL for the default */
    cs_vary *vary;
    size_t nvary, points;
    int64_t replicates, base_seed;
    int threads;           /* per run */
    char **line;           /* each run's runs.csv record, NULL until done */
} sweep;

/* The scenario of one design point and replicate: the file, the --set
 * options, the point's values, the replicate's seed. */
static int point_scenario(const sweep *w, size_t point, int64_t replicate, cs_scenario *sc,
                          cs_diag *d)
{
    int code = cs_prepare_scenario(sc, w->path, w->o, d);
    if (code)
        return code;
    size_t idx[256];
    cs_factorial_point(w->vary, w->nvary, point, idx);
    char *set = NULL;
    int bad = 0;
    for (size_t k = 0; k < w->nvary && !bad; k++) {
        if (asprintf(&set, "%s=%s", w->vary[k].key, w->vary[k].values[idx[k]]) < 0)
            return EXIT_RUNTIME;
        bad = cs_scenario_set(sc, set, d) != 0;
        free(set);
    }
    if (!bad) {
        char seed[64];
        snprintf(seed, sizeof seed, "seed=%lld",
                 (long long)cs_replicate_seed(w->base_seed, replicate));
        bad = cs_scenario_set(sc, seed, d) != 0;
    }
    if (bad || cs_scenario_validate(sc, d) != 0)
        return EXIT_USAGE;
    return 0;
}

/* Runs one (point, replicate) to its end and formats its runs.csv record. */
static char *one_run(const sweep *w, size_t run, cs_diag *d)
{
    size_t point = run / (size_t)w->replicates;
    int64_t replicate = (int64_t)(run % (size_t)w->replicates);
    cs_scenario sc;
    if (point_scenario(w, point, replicate, &sc, d) != 0) {
        cs_scenario_free(&sc);
        return NULL;
    }
    cs_run r;
    char *text = NULL;
    size_t len = 0;
    if (cs_run_init(&r, &sc, w->threads, d) == 0) {
        int ok = 1;
        while (ok && r.day < sc.days && !cs_stop_signal)
            ok = cs_run_step(&r) == 0;
        if (ok && r.day == sc.days) {
            FILE *o = open_memstream(&text, &len);
            if (o) {
                size_t idx[256];
                cs_factorial_point(w->vary, w->nvary, point, idx);
                fprintf(o, "%zu,%zu,%lld,%lld", run, point, (long long)replicate,
                        (long long)sc.seed);
                for (size_t k = 0; k < w->nvary; k++) {
                    fputc(',', o);
                    csv_field(o, w->vary[k].values[idx[k]]);
                }
                fputc(',', o);
                cs_output_result_values(o, &r);
                fputc('\n', o);
                fclose(o);
            }
        } else if (!ok) {
            cs_diag_error(d, "out of memory in run %zu", run);
        }
    }
    cs_run_free(&r);
    cs_scenario_free(&sc);
    return text;
}

static void header(FILE *o, const sweep *w, int model)
{
    fputs("run,point,replicate,seed", o);
    for (size_t k = 0; k < w->nvary; k++) {
        fputc(',', o);
        csv_field(o, w->vary[k].key);
    }
    fputc(',', o);
    cs_output_result_header(o, model);
    fputc('\n', o);
}

/* Field i (0-based) of a CSV record without quotes in its numeric part:
 * the metrics come after the quoted varied values, so fields are counted
 * with quotes respected. */
static double field(const char *line, size_t i)
{
    int quoted = 0;
    for (const char *p = line;; p++) {
        if (i == 0)
            return strtod(p, NULL);
        if (*p == '\0' || *p == '\n')
            return NAN;
        if (*p == '"')
            quoted = !quoted;
        else if (*p == ',' && !quoted)
            i--;
    }
}

static int write_summary(const char *dir, const sweep *w, int model, cs_diag *d)
{
    /* The metric names: the result header's, after "final_day". */
    char *names = NULL;
    size_t nlen = 0;
    FILE *h = open_memstream(&names, &nlen);
    if (!h)
        return CS_ERR_NOMEM;
    cs_output_result_header(h, model);
    fclose(h);
    size_t nmetrics = 0;
    char *metric[128];
    for (char *tok = strtok(names, ","); tok && nmetrics < 128; tok = strtok(NULL, ","))
        if (strcmp(tok, "final_day") != 0)
            metric[nmetrics++] = tok;

    char *path = NULL;
    if (asprintf(&path, "%s/summary.csv", dir) < 0) {
        free(names);
        return CS_ERR_NOMEM;
    }
    cs_atomic_file f;
    int rc = cs_atomic_open(&f, path, d);
    free(path);
    if (rc) {
        free(names);
        return rc;
    }
    fputs("point", f.fp);
    for (size_t k = 0; k < w->nvary; k++) {
        fputc(',', f.fp);
        csv_field(f.fp, w->vary[k].key);
    }
    fputs(",n", f.fp);
    for (size_t m = 0; m < nmetrics; m++)
        fprintf(f.fp, ",%s_mean,%s_sd,%s_ci_lo,%s_ci_hi", metric[m], metric[m], metric[m],
                metric[m]);
    fputc('\n', f.fp);
    double *x = malloc((size_t)w->replicates * sizeof *x);
    const size_t first = 4 + w->nvary + 1; /* run, point, replicate, seed, keys, final_day */
    for (size_t p = 0; x && p < w->points; p++) {
        size_t idx[256];
        cs_factorial_point(w->vary, w->nvary, p, idx);
        fprintf(f.fp, "%zu", p);
        for (size_t k = 0; k < w->nvary; k++) {
            fputc(',', f.fp);
            csv_field(f.fp, w->vary[k].values[idx[k]]);
        }
        size_t n = 0;
        for (int64_t r = 0; r < w->replicates; r++)
            n += w->line[p * (size_t)w->replicates + (size_t)r] != NULL;
        fprintf(f.fp, ",%zu", n);
        for (size_t m = 0; m < nmetrics; m++) {
            size_t k = 0;
            for (int64_t r = 0; r < w->replicates; r++) {
                const char *line = w->line[p * (size_t)w->replicates + (size_t)r];
                if (line)
                    x[k++] = field(line, first + m);
            }
            cs_stats s;
            cs_stats_of(x, k, &s);
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
    free(x);
    free(names);
    return cs_atomic_commit(&f, d);
}

static int write_experiment(const char *dir, const sweep *w, const cs_scenario *base, cs_diag *d)
{
    char *path = NULL, *yaml = cs_scenario_to_yaml(base, 0);
    if (!yaml || asprintf(&path, "%s/experiment.yaml", dir) < 0) {
        free(yaml);
        return CS_ERR_NOMEM;
    }
    cs_atomic_file f;
    int rc = cs_atomic_open(&f, path, d);
    free(path);
    if (rc) {
        free(yaml);
        return rc;
    }
    fprintf(f.fp, "# circlesim sweep: the design, then the resolved base scenario\n"
                  "design: factorial\nreplicates: %lld\nbase_seed: %lld\nvary:\n",
            (long long)w->replicates, (long long)w->base_seed);
    for (size_t k = 0; k < w->nvary; k++) {
        fprintf(f.fp, "  %s: [", w->vary[k].key);
        for (size_t i = 0; i < w->vary[k].n; i++)
            fprintf(f.fp, "%s%s", i ? ", " : "", w->vary[k].values[i]);
        fputs("]\n", f.fp);
    }
    fputs("scenario:\n", f.fp);
    for (char *line = yaml; *line;) {
        char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        fprintf(f.fp, "%s%.*s\n", len ? "  " : "", (int)len, line);
        line += len + (end ? 1 : 0);
    }
    free(yaml);
    return cs_atomic_commit(&f, d);
}

static int by_run(const void *a, const void *b)
{
    /* Lines start with the run number, which orders by (point, replicate). */
    unsigned long long x = strtoull(*(char *const *)a, NULL, 10),
                       y = strtoull(*(char *const *)b, NULL, 10);
    return (x > y) - (x < y);
}

int cs_cmd_sweep(int argc, char **argv, cs_diag *d)
{
    cs_catch_signal(SIGINT);
    cs_catch_signal(SIGTERM);
    options o;
    if (cs_parse_options(argc, argv, &o,
                         " --vary --replicates --jobs --out --seed --days --set --threads --quiet "
                         "--design --keep-series --resume ",
                         d))
        return EXIT_USAGE;
    if (o.npositional > 1) {
        cs_usage_error(d, "sweep takes one scenario, found another: '%s'", o.positional[1]);
        return EXIT_USAGE;
    }
    if (!o.out) {
        cs_usage_error(d, "sweep needs --out DIR%s", "");
        return EXIT_USAGE;
    }
    if ((o.design && strcmp(o.design, "factorial")) || o.keep_series || o.resume) {
        cs_diag_error(d, "%s is not available in this version of circlesim yet (factorial sweeps are)",
                      o.design && strcmp(o.design, "factorial") ? "--design lhs/morris"
                      : o.keep_series                             ? "--keep-series"
                                                                  : "--resume");
        return EXIT_USAGE;
    }
    long long replicates = 10, jobs = omp_get_num_procs(), threads = 1;
    if ((o.replicates && cs_parse_count("--replicates", o.replicates, 1, 1000000, &replicates, d)) ||
        (o.jobs && cs_parse_count("--jobs", o.jobs, 1, 1024, &jobs, d)) ||
        (o.threads && cs_parse_count("--threads", o.threads, 1, 1024, &threads, d)))
        return EXIT_USAGE;

    sweep w = {.o = &o, .path = o.npositional ? o.positional[0] : NULL,
               .replicates = replicates, .threads = (int)threads};
    cs_vary vary[256];
    int code = 0;
    for (int i = 0; i < o.nvaries; i++) {
        int rc = cs_vary_parse(o.varies[i], &vary[w.nvary], d);
        if (rc == 0)
            w.nvary++;
        else
            cs_vary_free(&vary[w.nvary]);
        if (rc)
            code = rc == CS_ERR_NOMEM ? EXIT_RUNTIME : EXIT_USAGE;
    }
    for (size_t a = 0; a < w.nvary && !code; a++)
        for (size_t b = a + 1; b < w.nvary; b++)
            if (!strcmp(vary[a].key, vary[b].key)) {
                cs_diag_error(d, "--vary %s is given twice", vary[a].key);
                code = EXIT_USAGE;
                break;
            }
    w.vary = vary;
    w.points = cs_factorial_points(vary, w.nvary);
    if (!code && (w.points == 0 || w.points > 1000000 ||
                  (double)w.points * (double)replicates > 1e8)) {
        cs_diag_error(d, "the sweep has %zu design points x %lld replicates: at most 10^6 points "
                         "and 10^8 runs", w.points, replicates);
        code = EXIT_USAGE;
    }
    /* Every design point's scenario is checked before anything runs or is
     * written: a bad value is reported once, with its key. */
    cs_scenario base;
    int have_base = 0;
    if (!code) {
        code = cs_prepare_scenario(&base, w.path, &o, d);
        have_base = 1;
        w.base_seed = base.seed;
        for (size_t p = 0; !code && p < w.points; p++) {
            cs_scenario sc;
            code = point_scenario(&w, p, 0, &sc, d);
            cs_scenario_free(&sc);
        }
    }
    size_t total = code ? 0 : w.points * (size_t)replicates;
    if (!code && cs_output_prepare_for(o.out, "experiment.yaml", "earlier sweep", sweep_files,
                                       sizeof sweep_files / sizeof sweep_files[0], d) != 0)
        code = EXIT_USAGE;
    if (!code && write_experiment(o.out, &w, &base, d) != 0)
        code = EXIT_RUNTIME;
    char *runs_path = NULL;
    FILE *runs = NULL;
    if (!code && (asprintf(&runs_path, "%s/runs.csv", o.out) < 0 ||
                  !(w.line = calloc(total, sizeof *w.line)) ||
                  !(runs = fopen(runs_path, "w")))) {
        cs_diag_error(d, "cannot write '%s/runs.csv'", o.out);
        code = EXIT_RUNTIME;
    }
    if (!code) {
        /* Rows are appended as runs finish, so a killed sweep keeps what it
         * did; the file is rewritten in order at the end. */
        header(runs, &w, base.model);
        fflush(runs);
        cs_progress bar;
        cs_progress_start(&bar, (int64_t)total, o.quiet);
        int64_t done = 0;
#pragma omp parallel for schedule(dynamic, 1) num_threads((int)jobs)
        for (size_t run = 0; run < total; run++) {
            if (cs_stop_signal)
                continue;
            char *line = one_run(&w, run, d);
#pragma omp critical(sweep_out)
            {
                w.line[run] = line;
                if (line) {
                    fputs(line, runs);
                    fflush(runs);
                }
                cs_progress_update(&bar, ++done);
            }
        }
        cs_progress_finish(&bar);
        fclose(runs);
        runs = NULL;
        size_t finished = 0;
        for (size_t i = 0; i < total; i++)
            finished += w.line[i] != NULL;
        if (finished == total || cs_stop_signal) {
            cs_atomic_file f;
            if (cs_atomic_open(&f, runs_path, d) == 0) {
                char **sorted = malloc(total * sizeof *sorted);
                size_t n = 0;
                for (size_t i = 0; sorted && i < total; i++)
                    if (w.line[i])
                        sorted[n++] = w.line[i];
                if (sorted)
                    qsort(sorted, n, sizeof *sorted, by_run);
                header(f.fp, &w, base.model);
                for (size_t i = 0; sorted && i < n; i++)
                    fputs(sorted[i], f.fp);
                free(sorted);
                if (cs_atomic_commit(&f, d) != 0)
                    code = EXIT_RUNTIME;
            } else {
                code = EXIT_RUNTIME;
            }
            if (!code && write_summary(o.out, &w, base.model, d) != 0)
                code = EXIT_RUNTIME;
        }
        if (!code && finished < total)
            code = cs_stop_signal == SIGINT ? 130 : cs_stop_signal == SIGTERM ? 143 : EXIT_RUNTIME;
        if (!code && !o.quiet)
            printf("sweep: %zu runs (%zu points x %lld replicates) in %s/\n", total, w.points,
                   replicates, o.out);
    }
    if (runs)
        fclose(runs);
    for (size_t i = 0; w.line && i < total; i++)
        free(w.line[i]);
    free(w.line);
    free(runs_path);
    for (size_t k = 0; k < w.nvary; k++)
        cs_vary_free(&vary[k]);
    if (have_base)
        cs_scenario_free(&base);
    return code;
}
