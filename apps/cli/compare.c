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
#include "engine/memory.h"
#include "engine/output.h"
#include "analysis/sweep.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "analysis/taskfarm.h"
#include "cli/progress.h"
#ifdef CS_HAVE_DRAW
#include "draw/sweep_plot.h"
#endif


static const char *const compare_files[] = {"compare.csv", "compare.png", NULL};
static const cs_outdir_kind compare_kind = {"compare.csv", "earlier comparison", compare_files,
                                            NULL, NULL, NULL};

typedef struct result {
    double *metric;   /* nmetrics values, NULL if the run failed */
    double *gmv;      /* yuan per day, both places */
    int64_t days;
} result;

/* Runs sc's scenario file with seed and collects the metrics. */
static void one(const cs_source *src, const options *o, int64_t seed, int threads,
                size_t nmetrics, result *out, cs_diag *shared)
{
    cs_diag own, *d = &own; /* runs go on side by side: a counter of its own */
    cs_diag_init(&own, shared->out);
    memset(out, 0, sizeof *out);
    cs_scenario sc;
    char set[64];
    snprintf(set, sizeof set, "seed=%lld", (long long)seed);
    if (cs_prepare_scenario_from(&sc, src, o, d) != 0 || cs_scenario_set(&sc, set, d) != 0 ||
        cs_scenario_validate(&sc, d) != 0) {
        cs_scenario_free(&sc);
        return;
    }
    cs_run r;
    if (cs_run_init_batch(&r, &sc, threads, d) == 0) {
        int ok = 1;
        while (ok && r.day < sc.days && !cs_stop_signal)
            ok = cs_run_step(&r) == 0;
        char *text = NULL;
        size_t len = 0;
        FILE *m = ok && r.day == sc.days ? open_memstream(&text, &len) : NULL;
        if (m) {
            cs_output_result_values(m, &r);
            fclose(m);
        }
        out->metric = text ? malloc((nmetrics + 1) * sizeof *out->metric) : NULL;
        out->gmv = text ? malloc((size_t)(r.day ? r.day : 1) * sizeof *out->gmv) : NULL;
        if (out->metric && out->gmv) {
            /* The record's first field is final_day, which is no metric. */
            const char *p = strchr(text, ',');
            for (size_t k = 0; k < nmetrics && p; k++) {
                out->metric[k] = strtod(p + 1, NULL);
                p = strchr(p + 1, ',');
            }
            for (int64_t day = 0; day < r.day; day++)
                out->gmv[day] = (double)(r.rows[day].gmv_fen + r.rows[day].gmv_offsite_fen) / 100;
            out->days = r.day;
        } else {
            free(out->metric);
            free(out->gmv);
            out->metric = out->gmv = NULL;
        }
        free(text);
    }
    cs_run_free(&r);
    cs_scenario_free(&sc);
}

/* ---- the runs through the task farm (analysis/taskfarm.h) ----
 * Task i is replicate i / 2 of A (i even) or B; its result the days, the
 * metrics, then GMV per day, as doubles. This program alone runs them. */

typedef struct compare_job {
    const cs_source *src;
    const options *o;
    int64_t base;
    int threads;
    size_t nmetrics, R;
    result *res;
    cs_progress *bar;
    int64_t done;
    cs_diag *d;
} compare_job;

static int run_task(void *ctx, size_t i, const void *payload, size_t plen, void **out,
                    size_t *len)
{
    (void)payload, (void)plen;
    const compare_job *j = ctx;
    result r;
    one(&j->src[i % 2], j->o, cs_replicate_seed(j->base, (int64_t)(i / 2)), j->threads,
        j->nmetrics, &r, j->d);
    int status = CS_TASK_UNFINISHED;
    if (r.metric) {
        size_t n = 1 + j->nmetrics + (size_t)r.days;
        double *v = malloc(n * sizeof *v);
        if (v) {
            v[0] = (double)r.days;
            memcpy(v + 1, r.metric, j->nmetrics * sizeof *v);
            memcpy(v + 1 + j->nmetrics, r.gmv, (size_t)r.days * sizeof *v);
            *out = v;
            *len = n * sizeof *v;
            status = CS_TASK_DONE;
        }
    }
    free(r.metric);
    free(r.gmv);
    return status;
}

static void run_done(void *ctx, size_t i, int status, void *bytes, size_t len)
{
    compare_job *j = ctx;
    result *r = &j->res[(i % 2) * j->R + i / 2];
    const double *v = bytes;
    if (status == CS_TASK_DONE && len >= (1 + j->nmetrics) * sizeof *v) {
        int64_t days = (int64_t)v[0];
        r->metric = malloc((j->nmetrics + 1) * sizeof *r->metric);
        r->gmv = malloc((size_t)(days ? days : 1) * sizeof *r->gmv);
        if (r->metric && r->gmv && len == (1 + j->nmetrics + (size_t)days) * sizeof *v) {
            memcpy(r->metric, v + 1, j->nmetrics * sizeof *v);
            memcpy(r->gmv, v + 1 + j->nmetrics, (size_t)days * sizeof *v);
            r->days = days;
        } else {
            free(r->metric), free(r->gmv);
            r->metric = r->gmv = NULL;
        }
    }
    free(bytes);
    cs_progress_update(j->bar, ++j->done);
}

static void fmt(char *buf, size_t n, double v)
{
    if (isfinite(v))
        snprintf(buf, n, "%.10g", v);
    else
        buf[0] = '\0';
}

#ifdef CS_HAVE_DRAW
/* GMV per day of A and B: means over the replicates with 95% bands. */
static int plot(const char *dir, const result *a, const result *b, size_t reps,
                const char *const label[2], cs_diag *d)
{
    int64_t days = a[0].days > b[0].days ? a[0].days : b[0].days;
    double *buf = malloc((size_t)days * 7 * sizeof *buf), *x = malloc(reps * sizeof *x);
    if (!buf || !x) {
        free(buf);
        free(x);
        return CS_ERR_NOMEM;
    }
    double *day = buf;
    for (int64_t t = 0; t < days; t++)
        day[t] = (double)(t + 1);
    cs_sweep_line line[2];
    const result *side[2] = {a, b};
    for (int s = 0; s < 2; s++) {
        double *mean = buf + days * (1 + 3 * s), *lo = mean + days, *hi = lo + days;
        for (int64_t t = 0; t < days; t++) {
            size_t n = 0;
            for (size_t r = 0; r < reps; r++)
                if (side[s][r].gmv && t < side[s][r].days)
                    x[n++] = side[s][r].gmv[t];
            cs_stats st;
            cs_stats_of(x, n, &st);
            mean[t] = st.mean;
            lo[t] = fmax(isfinite(st.ci_lo) ? st.ci_lo : st.mean, 0); /* GMV is never negative */
            hi[t] = isfinite(st.ci_hi) ? st.ci_hi : st.mean;
        }
        line[s] = (cs_sweep_line){.label = label[s], .x = day, .mean = mean, .lo = lo,
                                  .hi = hi, .n = (int)days};
    }
    char *path = NULL;
    int rc = asprintf(&path, "%s/compare.png", dir) < 0 ? CS_ERR_NOMEM
             : cs_sweep_plot(cs_held_folder()->fd, path, "GMV per day, in-app and elsewhere, A and B", "yuan", "days", line, 2, d) != 0
                 ? CS_ERR_RUNTIME
                 : 0;
    free(path);
    free(buf);
    free(x);
    return rc;
}
#endif

/* Frees what the command holds before its runs; returns code. */
static int bail(int code, char **label, cs_source *src, char **names)
{
    free(label[0]);
    free(label[1]);
    cs_source_free(&src[0]);
    cs_source_free(&src[1]);
    free(names);
    return code;
}

int cs_cmd_compare(int argc, char **argv, cs_diag *d)
{
    cs_catch_stop_signals();
    options o;
    if (cs_parse_options(argc, argv, &o, &cs_cmd_compare_def, d))
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
    /* Both checked before anything runs or is written. */
    /* Both read once and checked before anything runs or is written. */
    cs_source src[2];
    cs_scenario sa, sb;
    int ra = cs_source_read(&src[0], o.positional[0], d);
    int rb = cs_source_read(&src[1], o.positional[1], d);
    int ca = ra ? ra : cs_prepare_scenario_from(&sa, &src[0], &o, d);
    int cb = rb ? rb : cs_prepare_scenario_from(&sb, &src[1], &o, d);
    int code = ca ? ca : cb;
    if (ra)
        cs_scenario_init(&sa);
    if (rb)
        cs_scenario_init(&sb);
    if (!code && sa.model != sb.model) {
        cs_diag_error(d, "A is a %s model and B a %s model: their metrics do not pair",
                      cs_model_name(sa.model), cs_model_name(sb.model));
        code = EXIT_USAGE;
    }
    /* The memory the runs at once will take, before any starts. */
    if (!code)
        code = cs_fit_jobs(o.max_memory,
                           cs_memory_estimate(&sa) >= cs_memory_estimate(&sb) ? &sa : &sb,
                           2 * reps, &jobs, d);
    int model = sa.model;
    int64_t base = sa.seed;
    char *label[2] = {NULL, NULL};
    if (!code && (asprintf(&label[0], "A: %s", sa.name) < 0 ||
                  asprintf(&label[1], "B: %s", sb.name) < 0))
        code = EXIT_RUNTIME;
    cs_scenario_free(&sa);
    cs_scenario_free(&sb);
    if (code)
        return bail(code, label, src, NULL);
    int prep = cs_take_folder(o.out, &compare_kind, CS_OUTDIR_CLEAR, d);
    if (prep)
        return bail(prep, label, src, NULL);

    size_t nmetrics = 0;
    char **metric = cs_output_metric_names(model, &nmetrics), **names = metric;
    if (!metric)
        return bail(EXIT_RUNTIME, label, src, NULL);

    const size_t R = (size_t)reps;
    result *res = calloc(2 * R, sizeof *res);
    if (!res)
        return bail(EXIT_RUNTIME, label, src, names);
    cs_progress bar;
    cs_progress_start(&bar, (int64_t)(2 * R), o.quiet);
    cs_progress_runs(&bar, 0);
    compare_job job = {.src = src, .o = &o, .base = base, .threads = (int)threads,
                       .nmetrics = nmetrics, .R = R, .res = res, .bar = &bar, .d = d};
    cs_taskfarm_job farm = {.ntasks = 2 * R, .jobs = (int)jobs, .run = run_task,
                            .done = run_done, .ctx = &job, .stop = &cs_stop_signal};
    cs_taskfarm_run(&farm, NULL);
    cs_progress_finish(&bar);
    const result *a = res, *b = res + R;
    size_t pairs = 0;
    for (size_t r = 0; r < R; r++)
        pairs += a[r].metric && b[r].metric;
    if (pairs < R)
        code = cs_stop_code();

    double *xa = malloc(R * sizeof *xa), *xb = malloc(R * sizeof *xb), *df = malloc(R * sizeof *df);
    char *path = NULL;
    cs_atomic_file f;
    if (!code && (!xa || !xb || !df || asprintf(&path, "%s/compare.csv", o.out) < 0 ||
                  cs_folder_open_file("compare.csv", &f, d) != 0))
        code = EXIT_RUNTIME;
    double gmv_rel = NAN, gmv_lo = NAN, gmv_hi = NAN;
    if (!code) {
        fputs("metric,a_mean,b_mean,diff_mean,diff_ci_lo,diff_ci_hi,rel_change\n", f.fp);
        for (size_t m = 0; m < nmetrics; m++) {
            for (size_t r = 0; r < R; r++) {
                xa[r] = a[r].metric[m];
                xb[r] = b[r].metric[m];
                df[r] = xb[r] - xa[r];
            }
            cs_stats sa_, sb_, sd;
            cs_stats_of(xa, R, &sa_);
            cs_stats_of(xb, R, &sb_);
            cs_stats_of(df, R, &sd);
            double rel = sa_.mean != 0 ? sd.mean / sa_.mean : NAN;
            char v[6][40];
            fmt(v[0], 40, sa_.mean);
            fmt(v[1], 40, sb_.mean);
            fmt(v[2], 40, sd.mean);
            fmt(v[3], 40, sd.ci_lo);
            fmt(v[4], 40, sd.ci_hi);
            fmt(v[5], 40, rel);
            fprintf(f.fp, "%s,%s,%s,%s,%s,%s,%s\n", metric[m], v[0], v[1], v[2], v[3], v[4], v[5]);
            if (!strcmp(metric[m], "total_gmv_total") && sa_.mean != 0) {
                /* The interval of a ratio of means: the delta method on the
                 * pairs, z = d - R a, so the noise of A's mean counts too. */
                double *z = df;
                for (size_t r = 0; r < R; r++)
                    z[r] = (xb[r] - xa[r]) - rel * xa[r];
                cs_stats sz;
                cs_stats_of(z, R, &sz);
                double half = cs_student_t975((double)R - 1) * sz.sd / (sqrt((double)R) * fabs(sa_.mean));
                gmv_rel = rel;
                gmv_lo = rel - half;
                gmv_hi = rel + half;
            }
        }
        if (cs_atomic_commit(&f, d) != 0)
            code = EXIT_RUNTIME;
    }
#ifdef CS_HAVE_DRAW
    if (!code && plot(o.out, a, b, R, (const char *const *)label, d) != 0)
        code = EXIT_RUNTIME;
#endif
    if (!code && !o.quiet) {
        /* The verdict: a change, or none that 95% can tell from noise. */
        if (!isfinite(gmv_rel))
            printf("A sold nothing: no relative change in GMV to report\n");
        else if (gmv_lo > 0 || gmv_hi < 0)
            printf("B %s GMV (in-app and elsewhere) by %.1f%% (95%% CI %.1f to %.1f%%), over %zu "
                   "paired runs\n",
                   gmv_rel > 0 ? "raises" : "lowers", fabs(100 * gmv_rel),
                   100 * (gmv_rel > 0 ? gmv_lo : -gmv_hi), 100 * (gmv_rel > 0 ? gmv_hi : -gmv_lo), R);
        else
            printf("B changes GMV (in-app and elsewhere) by %+.1f%% (95%% CI %+.1f to %+.1f%%): "
                   "not distinguishable "
                   "from no change with %zu paired runs\n",
                   100 * gmv_rel, 100 * gmv_lo, 100 * gmv_hi, R);
        printf("compare: %s/compare.csv\n", o.out);
    }
    free(path);
    free(xa);
    free(xb);
    free(df);
    for (size_t i = 0; i < 2 * R; i++) {
        free(res[i].metric);
        free(res[i].gmv);
    }
    free(res);
    return bail(code, label, src, names);
}

/* ---- the command (cli/command.h) ---- */

static const cs_option_use compare_options[] = {
    {"replicates", NULL, "runs of each scenario, on paired seeds\n"
     "(default 10)"},
    {"jobs", NULL, NULL},
    {"out", NULL, NULL},
    CS_OPTIONS_SCENARIO,
    CS_OPTIONS_BATCH,
    CS_OPTIONS_END,
};

const cs_command cs_cmd_compare_def = {
    "circlesim", "compare", "run two scenarios on paired seeds and report the differences",
    "circlesim compare SCENARIO_A SCENARIO_B [--replicates R] [--jobs J] --out DIR\n"
    "                         [--seed N] [--days N] [--set KEY=VALUE]... [--threads N]\n"
    "                         [--max-memory SIZE] [--quiet]\n",
    compare_options,
    "  Run A and B R times each (default 10) on paired seeds: replicate r of both\n"
    "  runs with the same seed (A's seed for r = 0, then seeds derived from it), so\n"
    "  the difference is not drowned in noise. Writes DIR/compare.csv (per metric:\n"
    "  A's and B's means, the mean paired difference B - A with its 95% Student-t\n"
    "  interval, and the relative change) and DIR/compare.png (GMV per day of both,\n"
    "  with 95% bands), and prints a verdict on GMV.\n"
    "  --max-memory SIZE: the memory the runs at once may take (default: the memory\n"
    "  available now): fewer jobs run when fewer fit; none when one run cannot.\n",
    cs_cmd_compare,
};
