/* SPDX-License-Identifier: MIT */
/* test_optimize.c - `circlesim optimize` from the outside: the seeds it
 * picks on graphs whose answer is known (disjoint stars; two hubs that
 * share their neighbours beside a smaller separate one), for IMM (cascade)
 * and greedy (bass), its files, the same bytes whatever the jobs, the
 * budget split's files, and its refusals. The algorithms themselves are
 * checked against exact answers in test_influence.c and test_nelder_mead.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/sweep.h"
#include "cli_harness.h"

/* Disjoint stars of 3, 12, 6 and 9 leaves: centres 0, 4, 17 and 24. */
static void write_stars(const char *dir)
{
    char text[4096];
    int len = 0;
    static const int leaves[] = {3, 12, 6, 9};
    int n = 0;
    for (int s = 0; s < 4; s++) {
        int centre = n++;
        for (int l = 0; l < leaves[s]; l++)
            len += snprintf(text + len, sizeof text - (size_t)len, "%d %d\n", centre, n++);
    }
    write_text(dir, "stars.txt", text);
}

/* Hubs 0 and 1 (degree 30 each) share 28 neighbours; hub 2 has 20 of its
 * own. The two highest degrees reach 32 users between them; one of them
 * and hub 2 reach 50. */
static void write_hubs(const char *dir)
{
    char text[8192];
    int len = 0, next = 3;
    for (int i = 0; i < 28; i++, next++)
        len += snprintf(text + len, sizeof text - (size_t)len, "0 %d\n1 %d\n", next, next);
    for (int i = 0; i < 2; i++) {
        len += snprintf(text + len, sizeof text - (size_t)len, "0 %d\n", next++);
        len += snprintf(text + len, sizeof text - (size_t)len, "1 %d\n", next++);
    }
    for (int i = 0; i < 20; i++)
        len += snprintf(text + len, sizeof text - (size_t)len, "2 %d\n", next++);
    write_text(dir, "hubs.txt", text);
}

/* seeds.csv's users, in rank order; returns how many. */
static int seed_users(const char *dir, int *user, int cap)
{
    char *text = read_in(dir, "seeds.csv");
    assert_non_null(text);
    assert_true(strncmp(text, "rank,user,role,tier,degree,gain\n", 32) == 0);
    int n = 0;
    for (char *line = strchr(text, '\n'); line && line[1] && n < cap; line = strchr(line + 1, '\n')) {
        int rank = 0, u = -1;
        assert_int_equal(sscanf(line + 1, "%d,%d,", &rank, &u), 2);
        assert_int_equal(rank, n + 1);
        user[n++] = u;
    }
    free(text);
    return n;
}

/* A strategy's row of baselines.csv: mean, and the optimizer's paired
 * difference from it (lo, hi). Returns 0 when the row has no figures. */
static int baseline(const char *dir, const char *name, double *mean, double *lo, double *hi)
{
    char *text = read_in(dir, "baselines.csv");
    assert_non_null(text);
    assert_true(strncmp(text, "strategy,seeds,n,mean,sd,ci_lo,ci_hi,optimizer_minus_mean,"
                              "optimizer_minus_ci_lo,optimizer_minus_ci_hi,note\n",
                        strlen("strategy,seeds,n,mean,sd,ci_lo,ci_hi,optimizer_minus_mean,"
                               "optimizer_minus_ci_lo,optimizer_minus_ci_hi,note\n")) == 0);
    char key[64];
    snprintf(key, sizeof key, "\n%s,", name);
    char *row = strstr(text, key);
    assert_non_null(row);
    double f[8];
    char *p = row + strlen(key);
    int have = 1;
    for (int i = 0; i < 8; i++) {
        if (*p == ',') {
            f[i] = NAN;
        } else {
            f[i] = strtod(p, &p);
        }
        p = strchr(p, ',');
        if (!p)
            break;
        p++;
    }
    have = f[1] > 0; /* n */
    *mean = f[2];
    *lo = f[6];
    *hi = f[7];
    free(text);
    return have;
}

static void test_star_centres(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "stars");
    write_stars(dir);
    write_text(dir, "cascade.yaml",
               "model: cascade\ndays: 5\nnetwork: {kind: edgelist, file: stars.txt}\n"
               "cascade: {p: 0.3}\n");
    write_text(dir, "bass.yaml",
               "model: bass\ndays: 10\nnetwork: {kind: edgelist, file: stars.txt}\n"
               "bass: {p: 0, q: 0.5}\n");
    static const int want[3] = {4, 24, 17}; /* the centres, largest star first */
    for (int m = 0; m < 2; m++) {
        const char *file = m ? "bass.yaml" : "cascade.yaml", *out = m ? "b" : "c";
        result r;
        RUN(&r, dir, "optimize", file, "--choose", "3", "--out", out, "--replicates", "6");
        expect_code(&r, 0, file);
        assert_non_null(strstr(r.out, m ? "CELF" : "IMM"));
        result_free(&r);
        char o[PATH_MAX];
        fmt_path(o, "%s/%s", dir, out);
        int user[8];
        assert_int_equal(seed_users(o, user, 8), 3);
        assert_memory_equal(user, want, sizeof want);
        assert_true(exists_in(o, "gain.png") && exists_in(o, "seeds.yaml"));
        double mean, lo, hi, rmean, rlo, rhi;
        assert_true(baseline(o, "optimizer", &mean, &lo, &hi));
        assert_true(baseline(o, "random", &rmean, &rlo, &rhi));
        assert_true(mean > rmean);
    }
    /* The snippet pasted into the scenario runs it with those seeds. */
    char o[PATH_MAX];
    char *snippet = read_in(fmt_path(o, "%s/c", dir), "seeds.yaml");
    char text[4096];
    snprintf(text, sizeof text,
             "model: cascade\ndays: 5\nnetwork: {kind: edgelist, file: stars.txt}\n%s", snippet);
    free(snippet);
    write_text(dir, "pasted.yaml", text);
    result r;
    RUN(&r, dir, "run", "pasted.yaml", "--set", "cascade.p=0.3", "--out", "run", "--quiet");
    expect_code(&r, 0, "run with the pasted seeds");
    result_free(&r);
    char *yaml = read_in(fmt_path(o, "%s/run", dir), "scenario.yaml");
    assert_non_null(strstr(yaml, "seeds: [4, 24, 17]"));
    free(yaml);
}

static void test_overlapping_hubs(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "hubs");
    write_hubs(dir);
    write_text(dir, "cascade.yaml",
               "model: cascade\ndays: 1\nnetwork: {kind: edgelist, file: hubs.txt}\n"
               "cascade: {p: 0.5}\n");
    write_text(dir, "bass.yaml",
               "model: bass\ndays: 3\nnetwork: {kind: edgelist, file: hubs.txt}\n"
               "bass: {p: 0, q: 0.6}\n");
    for (int m = 0; m < 2; m++) {
        const char *file = m ? "bass.yaml" : "cascade.yaml", *out = m ? "b" : "c";
        result r;
        RUN(&r, dir, "optimize", file, "--choose", "2", "--out", out, "--quiet");
        expect_code(&r, 0, file);
        result_free(&r);
        char o[PATH_MAX];
        fmt_path(o, "%s/%s", dir, out);
        int user[4];
        assert_int_equal(seed_users(o, user, 4), 2);
        int hub2 = user[0] == 2 || user[1] == 2;
        int shared = user[0] <= 1 || user[1] <= 1;
        if (!hub2 || !shared)
            fail_msg("%s: chose %d and %d, expected 2 and one of 0, 1", file, user[0], user[1]);
        /* The degree heuristic takes 0 and 1, and loses, clearly. */
        double mean, lo, hi;
        assert_true(baseline(o, "degree", &mean, &lo, &hi));
        if (!(lo > 0))
            fail_msg("%s: the optimizer's lead over degree is not clear: %g to %g", file, lo, hi);
    }
}

/* The same files whatever the jobs and threads (the runs' answers do not
 * depend on which job ran them, and CELF's batch is fixed). */
static void test_same_bytes_any_jobs(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "jobs");
    static const char *const files[] = {"seeds.csv", "baselines.csv", "seeds.yaml"};
    const char *common[] = {"--choose", "3", "--set", "population.size=500", "--days", "15",
                            "--replicates", "2", "--screen", "8", "--quiet"};
    result r;
    RUN(&r, dir, "optimize", common[0], common[1], common[2], common[3], common[4], common[5],
        common[6], common[7], common[8], common[9], common[10], "--jobs", "1", "--out", "one");
    expect_code(&r, 0, "optimize, one job");
    result_free(&r);
    RUN(&r, dir, "optimize", common[0], common[1], common[2], common[3], common[4], common[5],
        common[6], common[7], common[8], common[9], common[10], "--jobs", "3", "--threads", "2",
        "--out", "three");
    expect_code(&r, 0, "optimize, three jobs");
    result_free(&r);
    char a[PATH_MAX], b[PATH_MAX];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        assert_same_file(fmt_path(a, "%s/one/%s", dir, files[i]),
                         fmt_path(b, "%s/three/%s", dir, files[i]));
    /* The platform's seeds are KOCs, with their tier, and the snippet seeds
     * them by list on the scenario's seed day. */
    char *seeds = read_in(fmt_path(a, "%s/one", dir), "seeds.csv");
    assert_non_null(strstr(seeds, ",koc"));
    free(seeds);
    char *snippet = read_in(fmt_path(a, "%s/one", dir), "seeds.yaml");
    assert_non_null(strstr(snippet, "seed_by: list"));
    assert_non_null(strstr(snippet, "koc_seeds: 3"));
    free(snippet);
}

/* The number in column name of data row `row` (1: the first) of a CSV
 * without quoted fields; NaN when missing or empty. */
static double csv_cell(const char *csv, int row, const char *name)
{
    const char *line = csv, *end = strchr(csv, '\n');
    int col = 0, found = -1;
    for (const char *p = csv; p < end; col++) {
        size_t n = strcspn(p, ",\n");
        if (n == strlen(name) && !strncmp(p, name, n))
            found = col;
        p += n + (p[n] == ',');
        if (p[-1] != ',')
            break;
    }
    for (int r = 0; r < row && line; r++) {
        line = strchr(line, '\n');
        line = line ? line + 1 : NULL;
    }
    if (found < 0 || !line)
        return NAN;
    for (int c = 0; c < found && line; c++) {
        line = strpbrk(line, ",\n");
        line = line && *line == ',' ? line + 1 : NULL;
    }
    char *stop;
    double v = line ? strtod(line, &stop) : NAN;
    return line && stop != line ? v : NAN;
}

static void test_budget(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "budget");
    result r;
    RUN(&r, dir, "optimize", "--budget", "3000", "--channels", "koc,feed", "--set",
        "population.size=500", "--days", "15", "--replicates", "2", "--max-evals", "6", "--out",
        "o");
    expect_code(&r, 0, "optimize --budget");
    result_free(&r);
    char o[PATH_MAX];
    fmt_path(o, "%s/o", dir);
    char *alloc = read_in(o, "allocation.csv");
    assert_non_null(alloc);
    static const char head[] = "rank,evaluation,koc_yuan,feed_yuan,koc_units,feed_units,fit_mean,"
                               "n,mean,sd,ci_lo,ci_hi,koc_spent,feed_spent,brand_gmv,brand_spend,"
                               "brand_profit,brand_profit_ci_lo,brand_profit_ci_hi,brand_roi,"
                               "koc_gmv,feed_gmv\n";
    assert_true(strncmp(alloc, head, strlen(head)) == 0);
    /* Every split spends the budget; the first has fresh figures, and
     * what its runs spent (commissions included) is within the budget. */
    int rows = 0, spent_rows = 0;
    for (char *line = strchr(alloc, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
        int rank, eval;
        double koc, feed, ku, fu, fit, n, mean, sd, lo, hi, koc_spent, feed_spent;
        int got = sscanf(line + 1, "%d,%d,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf,%lf", &rank,
                         &eval, &koc, &feed, &ku, &fu, &fit, &n, &mean, &sd, &lo, &hi, &koc_spent,
                         &feed_spent);
        assert_true(got >= 4);
        assert_true(fabs(koc + feed - 3000) < 1e-6);
        if (got == 14) {
            assert_true(koc_spent + feed_spent <= 3000 + 1e-6);
            assert_true(koc_spent + feed_spent > 0);
            spent_rows++;
        }
        rows++;
    }
    assert_true(spent_rows >= 1);
    assert_true(rows >= 2 && rows <= 6);
    free(alloc);
    char *resp = read_in(o, "response.csv");
    assert_int_equal(count_lines(resp), 1 + 2 * 5);
    free(resp);
    assert_true(exists_in(o, "response.png"));
    assert_true(exists_in(o, "report.html"));
    RUN(&r, dir, "check", "o/allocated.yaml");
    expect_code(&r, 0, "allocated.yaml is a valid scenario");
    result_free(&r);
    char *yaml = read_in(o, "allocated.yaml");
    assert_non_null(strstr(yaml, "budget: 3000"));
    free(yaml);
    /* The brand's profit as the objective: the figure optimized is the
     * brand_profit column of the same fresh runs. */
    RUN(&r, dir, "optimize", "--budget", "3000", "--channels", "koc,feed", "--set",
        "population.size=500", "--days", "15", "--replicates", "2", "--max-evals", "4",
        "--objective", "brand_profit", "--quiet", "--out", "p");
    expect_code(&r, 0, "optimize --objective brand_profit");
    result_free(&r);
    char p[PATH_MAX];
    alloc = read_in(fmt_path(p, "%s/p", dir), "allocation.csv");
    const double mean = csv_cell(alloc, 1, "mean"), profit = csv_cell(alloc, 1, "brand_profit");
    assert_true(isfinite(mean) && fabs(mean - profit) < 1e-6 * (1 + fabs(profit)));
    free(alloc);
}

/* The brand's GMV of a run, from summary.json's brands.brand.total. */
static double brand_gmv(const char *dir)
{
    char *json = read_in(dir, "summary.json");
    assert_non_null(json);
    const char *brand = strstr(json, "\"brand\": {");
    assert_non_null(brand);
    const char *total = strstr(brand, "\"total\": {\"spend\": ");
    assert_non_null(total);
    const char *gmv = strstr(total, "\"gmv\": ");
    assert_non_null(gmv);
    double v = strtod(gmv + 7, NULL);
    free(json);
    return v;
}

/* The known optimum of a two-channel split, by exhaustive search: every
 * eighth of the budget on KOCs (floor(spend / brand.koc_cost) of them), the
 * rest on feed ads (spend / days a day), each run on the fitting seeds
 * optimize uses (replicate r's seed, world_seed fixed). Both channels have
 * diminishing returns here (ads saturate the feed; the best KOCs go first),
 * so the best split is interior; optimize must find one as good. */
static void test_budget_known_optimum(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "budget-grid");
    write_text(dir, "brand.yaml", "name: brand\nseed: 1\nworld_seed: 1\ndays: 20\n"
                                  "population: {size: 800}\n");
    const double B = 4000, koc_cost = 300;
    enum { R = 3, G = 8 };
    double grid[G + 1];
    int best = 0;
    for (int g = 0; g <= G; g++) {
        double koc = B * g / G;
        grid[g] = 0;
        for (int r = 0; r < R; r++) {
            char kocs[64], ads[64], seed[32], out[32], o[PATH_MAX];
            snprintf(kocs, sizeof kocs, "brand.koc_seeds=%d", (int)floor(koc / koc_cost + 1e-9));
            snprintf(ads, sizeof ads, "brand.ad_budget=%.4f", (B - koc) / 20);
            snprintf(seed, sizeof seed, "%lld", (long long)cs_replicate_seed(1, r));
            snprintf(out, sizeof out, "g%d-%d", g, r);
            result x;
            RUN(&x, dir, "run", "brand.yaml", "--set", kocs, "--set", ads, "--seed", seed,
                "--out", out, "--quiet");
            expect_code(&x, 0, "a grid point");
            result_free(&x);
            grid[g] += brand_gmv(fmt_path(o, "%s/%s", dir, out)) / R;
        }
        if (grid[g] > grid[best])
            best = g;
    }
    for (int g = 0; g <= G; g++)
        print_message("grid: %4.0f yuan on KOCs: brand GMV %.2f\n", B * g / G, grid[g]);
    if (best == 0 || best == G)
        fail_msg("the grid's best split is not interior (%d/%d on KOCs): the test needs one", best,
                 G);
    result r;
    RUN(&r, dir, "optimize", "brand.yaml", "--budget", "4000", "--channels", "koc,feed",
        "--replicates", "3", "--max-evals", "16", "--out", "o", "--quiet");
    expect_code(&r, 0, "optimize --budget");
    result_free(&r);
    char o[PATH_MAX];
    char *alloc = read_in(fmt_path(o, "%s/o", dir), "allocation.csv");
    const char *first = strchr(alloc, '\n') + 1;
    int rank, eval;
    double koc, feed, ku, fu, fit;
    assert_int_equal(sscanf(first, "%d,%d,%lf,%lf,%lf,%lf,%lf", &rank, &eval, &koc, &feed, &ku,
                            &fu, &fit),
                     7);
    free(alloc);
    print_message("optimize: %.0f yuan on KOCs, %.0f on feed ads: brand GMV %.2f on the fitting "
                  "seeds; the grid's best %.2f at %.0f on KOCs\n",
                  koc, feed, fit, grid[best], B * best / G);
    /* As good as the best of the grid, up to a step's worth, and interior. */
    assert_true(fit >= 0.97 * grid[best]);
    assert_true(koc > 0 && feed > 0);
    /* The brand's money beside the objective: on fresh seeds its GMV is the
     * objective, its spend what the channels spent, and its profit the
     * default margin (0.35) on the GMV less the spend. */
    alloc = read_in(fmt_path(o, "%s/o", dir), "allocation.csv");
    const double mean = csv_cell(alloc, 1, "mean"), gmv = csv_cell(alloc, 1, "brand_gmv"),
                 spend = csv_cell(alloc, 1, "brand_spend"),
                 profit = csv_cell(alloc, 1, "brand_profit"),
                 koc_spent = csv_cell(alloc, 1, "koc_spent"),
                 feed_spent = csv_cell(alloc, 1, "feed_spent");
    free(alloc);
    assert_true(fabs(gmv - mean) < 1e-6 * (1 + mean));
    assert_true(spend >= koc_spent + feed_spent - 1e-6 && spend <= B * 1.2);
    assert_true(fabs(profit - (0.35 * gmv - spend)) < 1e-6 * (1 + fabs(profit)));
    char *html = read_in(fmt_path(o, "%s/o", dir), "report.html");
    assert_non_null(strstr(html, "How to split 4 000 yuan"));
    assert_non_null(strstr(html, "Best split: koc "));
    free(html);
}

/* SIGTERM mid-way: exit 143, a message, no baselines, and the seeds chosen
 * so far (none, when the signal came in the first round) in whole files. */
static void test_interrupted(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "interrupted");
    write_text(dir, "bass.yaml",
               "model: bass\ndays: 25\npopulation: {size: 3000}\n"
               "network: {kind: barabasi_albert, m: 3}\nbass: {p: 0.002, q: 0.3}\n");
    static const double after[] = {1.0};
    for (int k = 0; k < 2; k++) {
        char out[32], o[PATH_MAX], e[PATH_MAX];
        snprintf(out, sizeof out, "o%d", k);
        const char *args[] = {"optimize", "bass.yaml", "--choose", "30", "--screen", "150",
                              "--replicates", "3", "--out", out, NULL};
        pid_t pid = spawn(dir, args, o, e);
        if (k == 0) {
            sleep_seconds(after[k]);
        } else {
            /* Once the first seed is chosen (a fixed wait let a fast
             * machine finish all 30 first). */
            char seeds[PATH_MAX];
            fmt_path(seeds, "%s/%s/seeds.csv", dir, out);
            double t0 = now_seconds();
            while (!exists(seeds) && now_seconds() - t0 < 120)
                sleep_seconds(0.002);
        }
        kill(pid, SIGTERM);
        result r;
        finish(pid, 120.0, o, e, &r);
        expect_code(&r, 143, "optimize stopped by SIGTERM");
        assert_non_null(strstr(r.err, "interrupted"));
        char folder[PATH_MAX];
        fmt_path(folder, "%s/%s", dir, out);
        assert_false(exists_in(folder, "baselines.csv"));
        if (exists_in(folder, "seeds.csv")) {
            int user[64];
            int n = seed_users(folder, user, 64);
            assert_true(n >= 1 && n <= 30);
            assert_true(exists_in(folder, "seeds.yaml"));
        } else {
            /* Stopped in the first round: the folder it made is gone. */
            assert_non_null(strstr(r.err, "nothing written"));
            assert_false(exists(folder));
        }
        result_free(&r);
    }
}

/* Each refusal: exit 2, its message, and no folder. */
static void test_refusals(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "refuse");
    write_stars(dir);
    write_text(dir, "bass.yaml",
               "model: bass\ndays: 5\nnetwork: {kind: edgelist, file: stars.txt}\n");
    write_text(dir, "pool.txt", "# candidates\n4\n\n17\nfour\n4\n");
    write_text(dir, "cascade.yaml",
               "model: cascade\ndays: 30\nnetwork: {kind: edgelist, file: stars.txt}\n");
    static const struct {
        const char *args[10];
        const char *message;
    } cases[] = {
        {{"bass.yaml"}, "either --choose K"},
        {{"bass.yaml", "--choose", "2", "--budget", "10", "--channels", "koc"}, "not both"},
        {{"bass.yaml", "--choose", "2", "--pool", "kocs"}, "has no KOCs"},
        {{"bass.yaml", "--choose", "2", "--objective", "brand_gmv"}, "has no brand"},
        {{"bass.yaml", "--choose", "2", "--objective", "likes"}, "--objective expects"},
        {{"bass.yaml", "--choose", "2", "--pool", "pool.txt"}, "pool.txt:5:1: error: expected a user id"},
        {{"bass.yaml", "--choose", "2", "--pool", "pool.txt"}, "pool.txt:6:1: error: user 4 is listed twice"},
        {{"bass.yaml", "--choose", "40"}, "holds only 34 users"},
        {{"bass.yaml", "--choose", "0"}, "--choose expects"},
        {{"bass.yaml", "--choose", "2", "--epsilon", "0.1"}, "IMM"},
        {{"bass.yaml", "--choose", "3", "--screen", "2"}, "--screen must keep"},
        {{"bass.yaml", "--choose", "2", "--pool", "."}, "--pool .: cannot read"},
        {{"cascade.yaml", "--choose", "2", "--epsilon", "0.00001"}, "more than half the memory"},
        {{"bass.yaml", "--budget", "100", "--channels", "koc"}, "needs model platform"},
        {{"--budget", "100", "--channels", "koc,circle"}, "circles take no spend"},
        {{"--budget", "100", "--channels", "koc,koc"}, "listed twice"},
        {{"--budget", "100"}, "--budget needs --channels"},
        {{"--budget", "-5", "--channels", "koc"}, "--budget expects"},
        {{"--budget", "0x10", "--channels", "koc"}, "--budget expects"},
        {{"--budget", "1e12", "--channels", "dm"}, "use a smaller budget"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *args[16] = {"optimize"};
        int n = 1;
        for (int k = 0; k < 10 && cases[i].args[k]; k++)
            args[n++] = cases[i].args[k];
        args[n++] = "--out";
        args[n++] = "never";
        args[n] = NULL;
        result r;
        run_args(&r, dir, args);
        if (r.code != 2 || !strstr(r.err, cases[i].message))
            fail_msg("case %zu: exit %d, stderr: %s (expected exit 2 and '%s')", i, r.code, r.err,
                     cases[i].message);
        result_free(&r);
        char never[PATH_MAX];
        assert_false(exists(fmt_path(never, "%s/never", dir)));
    }
    /* A folder holding something else is refused; one of its own result is reused. */
    char other[PATH_MAX];
    make_dir(other, "refuse/other");
    write_text(other, "notes.txt", "mine\n");
    result r;
    RUN(&r, dir, "optimize", "bass.yaml", "--choose", "1", "--out", "other", "--quiet");
    expect_code(&r, 2, "a folder of other files");
    result_free(&r);
    RUN(&r, dir, "optimize", "bass.yaml", "--choose", "1", "--out", "mine", "--quiet");
    expect_code(&r, 0, "optimize");
    result_free(&r);
    RUN(&r, dir, "optimize", "bass.yaml", "--choose", "2", "--out", "mine", "--quiet");
    expect_code(&r, 0, "optimize again into its own folder");
    result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_star_centres),
        cmocka_unit_test(test_overlapping_hubs),
        cmocka_unit_test(test_same_bytes_any_jobs),
        cmocka_unit_test(test_budget),
        cmocka_unit_test(test_budget_known_optimum),
        cmocka_unit_test(test_interrupted),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
