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
#include "analysis/compare.h"
#include "cli/progress.h"
#ifdef CS_HAVE_DRAW
#include "draw/sweep_plot.h"
#endif


static const char *const compare_files[] = {"compare.csv", "compare.png", NULL};
static const cs_outdir_kind compare_kind = {"compare.csv", "earlier comparison", compare_files,
                                            NULL, NULL, NULL};

/* The progress bar, after each run. */
static void progress(void *ctx, size_t done)
{
    cs_progress_update(ctx, (int64_t)done);
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
static int plot(const char *dir, const cs_compare_run *a, const cs_compare_run *b, size_t reps,
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
    const cs_compare_run *side[2] = {a, b};
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
    /* The memory the runs at once will take, before any starts. */
    if (!code)
        code = cs_fit_jobs(o.max_memory,
                           cs_memory_estimate(sa) >= cs_memory_estimate(sb) ? sa : sb,
                           2 * reps, &jobs, d);
    int model = code ? 0 : cs_scenario_model(sa);
    int64_t base = code ? 0 : cs_scenario_seed(sa);
    char *label[2] = {NULL, NULL};
    if (!code && (asprintf(&label[0], "A: %s", cs_scenario_name(sa)) < 0 ||
                  asprintf(&label[1], "B: %s", cs_scenario_name(sb)) < 0))
        code = EXIT_RUNTIME;
    cs_scenario_close(sa);
    cs_scenario_close(sb);
    if (code)
        return bail(code, label, src);
    int prep = cs_take_folder(o.out, &compare_kind, CS_OUTDIR_CLEAR, d);
    if (prep)
        return bail(prep, label, src);

    const size_t R = (size_t)reps;
    cs_progress bar;
    cs_progress_start(&bar, (int64_t)(2 * R), o.quiet);
    cs_progress_runs(&bar, 0);
    cs_assignments sets;
    cs_option_assignments(&o, &sets);
    cs_compare_spec spec = {.src = {&src[0], &src[1]}, .sets = sets.v, .nsets = sets.n,
                            .replicates = R, .base_seed = base, .jobs = (int)jobs,
                            .threads = (int)threads, .stop = &cs_stop_signal,
                            .progress = progress, .progress_ctx = &bar, .d = d};
    cs_batch_share(&spec.run_memory, &spec.run_memory_flags);
    cs_comparison cmp;
    if (cs_compare_run_all(&spec, model, &cmp) != 0) {
        cs_progress_finish(&bar);
        cs_diag_error(d, "out of memory");
        return bail(EXIT_RUNTIME, label, src);
    }
    cs_progress_finish(&bar);
    if (cs_comparison_pairs(&cmp) < R)
        code = cs_stop_code();

    cs_atomic_file f;
    if (!code && cs_folder_open_file("compare.csv", &f, d) != 0)
        code = EXIT_RUNTIME;
    double gmv_rel = NAN, gmv_lo = NAN, gmv_hi = NAN;
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
            if (!strcmp(cs_comparison_metric_name(&cmp, m), "total_gmv_total"))
                cs_comparison_relative(&cmp, m, &gmv_rel, &gmv_lo, &gmv_hi);
        }
        if (cs_atomic_commit(&f, d) != 0)
            code = EXIT_RUNTIME;
    }
#ifdef CS_HAVE_DRAW
    if (!code && plot(o.out, cs_comparison_runs(&cmp, 0), cs_comparison_runs(&cmp, 1), R, (const char *const *)label, d) != 0)
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
    cs_comparison_clear(&cmp);
    return bail(code, label, src);
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
