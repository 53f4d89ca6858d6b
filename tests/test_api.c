/* SPDX-License-Identifier: MIT */
/* test_api.c - the public library, used as a program outside the project
 * would: this file is compiled with include/ alone on its include path
 * (tests/CMakeLists.txt), so it can name nothing but circlesim.h's API.
 *
 * The oracle is the command line: the same scenario and seed run through
 * the library must give the bytes `circlesim run` writes, and the rows the
 * library returns must be the values of that timeseries.csv. */
#define _GNU_SOURCE
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "circlesim/circlesim.h"
#include "cli_harness.h"


static const char *const small[] = {"population.size=2000", "days=12", "seed=7", NULL};

static cs_scenario *open_small(const char *path, cs_diag *d)
{
    cs_scenario *sc = cs_scenario_open(path, d);
    assert_non_null(sc);
    for (size_t i = 0; small[i]; i++)
        assert_int_equal(cs_scenario_set(sc, small[i], d), 0);
    assert_int_equal(cs_scenario_validate(sc, d), 0);
    return sc;
}

static cs_run *run_to_end(cs_scenario *sc, int threads, cs_diag *d)
{
    cs_run *r = cs_run_open(sc, threads, d);
    assert_non_null(r);
    while (cs_run_day(r) < cs_run_days(r))
        assert_int_equal(cs_run_step(r), 0);
    return r;
}

static void test_version(void **state)
{
    (void)state;
    char want[32];
    snprintf(want, sizeof want, "%d.%d.%d", CS_VERSION_MAJOR, CS_VERSION_MINOR,
             CS_VERSION_PATCH);
    assert_string_equal(cs_version(), want);
    assert_int_equal(cs_version_number(), CS_VERSION_NUMBER);
}

/* The library's folder is the command line's, byte for byte. */
static void test_same_bytes_as_cli(void **state)
{
    (void)state;
    cs_diag d;
    cs_diag_init(&d, stderr);
    cs_scenario *sc = open_small(NULL, &d);
    cs_run *r = run_to_end(sc, 1, &d);
    char lib[512], cli[512];
    fmt_path(lib, "%s/lib", root);
    fmt_path(cli, "%s/cli", root);
    assert_int_equal(cs_run_write(r, lib, &d), 0);
    result res;
    RUN(&res, root, "run", "--set", small[0], "--set", small[1], "--set", small[2],
        "--threads", "2", "--quiet", "--out", cli);
    expect_code(&res, 0, "circlesim run");
    result_free(&res);
    char a[600], b[600];
    assert_same_file(fmt_path(a, "%s/timeseries.csv", lib), fmt_path(b, "%s/timeseries.csv", cli));
    assert_same_file(fmt_path(a, "%s/scenario.yaml", lib), fmt_path(b, "%s/scenario.yaml", cli));
    char *ja = read_in(lib, "summary.json"), *jb = read_in(cli, "summary.json");
    char *sa = without_run_line(ja), *sb = without_run_line(jb);
    assert_string_equal(sa, sb);
    /* The same text in memory. */
    char *jm = cs_run_summary(r), *sm = without_run_line(jm);
    assert_string_equal(sm, sb);
    free(ja), free(jb), free(sa), free(sb), free(jm), free(sm);

    /* Rows: every value of every day is the file's. */
    char *csv = read_in(cli, "timeseries.csv");
    size_t ncol = cs_run_column_count(r);
    assert_true(ncol >= 9);
    const char *line = csv;
    for (size_t i = 0; i < ncol; i++) {
        size_t len = strlen(cs_run_column_name(r, i));
        assert_memory_equal(line, cs_run_column_name(r, i), len);
        line += len + 1;
    }
    assert_null(cs_run_column_name(r, ncol));
    double row[64];
    for (int64_t day = 1; day <= cs_run_day(r); day++) {
        assert_int_equal(cs_run_row(r, day, row, 64), ncol);
        for (size_t i = 0; i < ncol; i++) {
            char *end;
            double v = strtod(line, &end);
            assert_true(v == row[i]);
            line = end + 1;
        }
    }
    assert_int_equal(cs_run_row(r, cs_run_day(r) + 1, row, 64), 0);
    assert_int_equal(cs_run_row(r, 0, row, 64), 0);
    free(csv);

    /* Facts: the platform's, named; the brand's money is summary.json's. */
    assert_true(cs_run_fact_count(r) > 20);
    double brand = NAN, trust = NAN;
    for (size_t i = 0; i < cs_run_fact_count(r); i++) {
        if (!strcmp(cs_run_fact_name(r, i), "brand_gmv"))
            brand = cs_run_fact(r, i);
        if (!strcmp(cs_run_fact_name(r, i), "mean_trust"))
            trust = cs_run_fact(r, i);
    }
    char *json = read_in(cli, "summary.json");
    const char *total = strstr(strstr(json, "\"brand\": {"), "\"total\": ");
    assert_non_null(total);
    assert_true(fabs(brand - json_number(total, "total", "gmv")) < 0.005);
    assert_true(trust > 0 && trust < 1);
    free(json);
    cs_run_close(r);
    cs_scenario_close(sc);
}

/* Threads change nothing, and a textbook model has no facts. */
static void test_threads_and_textbook(void **state)
{
    (void)state;
    cs_diag d;
    cs_diag_init(&d, stderr);
    cs_scenario *sc = open_small(CS_SOURCE_DIR "/scenarios/validation/bass.yaml", &d);
    cs_run *one = run_to_end(sc, 1, &d), *two = run_to_end(sc, 2, &d);
    double a[64], b[64];
    for (int64_t day = 1; day <= cs_run_day(one); day++) {
        size_t n = cs_run_row(one, day, a, 64);
        assert_int_equal(cs_run_row(two, day, b, 64), n);
        assert_memory_equal(a, b, n * sizeof *a);
    }
    assert_int_equal(cs_run_fact_count(one), 0);
    assert_null(cs_run_fact_name(one, 0));
    cs_run_close(one);
    cs_run_close(two);
    cs_scenario_close(sc);
}

/* Keys read back as set; levers change the run from the next day. */
static void test_keys_and_levers(void **state)
{
    (void)state;
    cs_diag d;
    cs_diag_init(&d, stderr);
    cs_scenario *sc = open_small(NULL, &d);
    assert_int_equal(cs_scenario_set(sc, "feed.ad_load=0.2", &d), 0);
    char *v = cs_scenario_get(sc, "feed.ad_load");
    assert_string_equal(v, "0.2");
    free(v);
    assert_null(cs_scenario_get(sc, "feed.no_such_key"));
    char h1[72], h2[72];
    assert_int_equal(cs_scenario_hash(sc, h1), 0);
    assert_int_equal(cs_scenario_set(sc, "feed.ad_load=0.3", &d), 0);
    assert_int_equal(cs_scenario_hash(sc, h2), 0);
    assert_string_not_equal(h1, h2);
    size_t levers = 0, found = 0;
    for (size_t i = 0; i < cs_param_count(); i++) {
        levers += cs_param_is_lever(i) != 0;
        found += !strcmp(cs_param_key(i), "feed.ad_load") && cs_param_is_lever(i) &&
                 cs_param_doc(i) && cs_param_unit(i);
    }
    assert_true(levers > 5);
    assert_int_equal(found, 1);
    assert_null(cs_param_key(cs_param_count()));

    cs_run *base = run_to_end(sc, 1, &d);
    cs_run *r = cs_run_open(sc, 1, &d);
    for (int i = 0; i < 5; i++)
        assert_int_equal(cs_run_step(r), 0);
    assert_int_equal(cs_run_set_lever(r, "feed.ad_load", 0.0, &d), 0);
    while (cs_run_day(r) < cs_run_days(r))
        assert_int_equal(cs_run_step(r), 0);
    double a[64], b[64];
    size_t n = cs_run_row(base, 5, a, 64);
    assert_int_equal(cs_run_row(r, 5, b, 64), n);
    assert_memory_equal(a, b, n * sizeof *a); /* the same until the lever moves */
    int differs = 0;
    for (int64_t day = 6; day <= cs_run_days(r); day++) {
        cs_run_row(base, day, a, 64);
        cs_run_row(r, day, b, 64);
        differs |= memcmp(a, b, n * sizeof *a) != 0;
    }
    assert_true(differs);
    cs_run_close(base);
    cs_run_close(r);
    cs_scenario_close(sc);
}

/* A paired comparison through the library is the command line's, number
 * for number (compare.csv writes %.10g). */
static void test_compare_as_cli(void **state)
{
    (void)state;
    write_text(root, "a.yaml", "feed:\n  ad_load: 0.05\n");
    write_text(root, "b.yaml", "feed:\n  ad_load: 0.3\n");
    char pa[512], pb[512], out[512];
    fmt_path(pa, "%s/a.yaml", root);
    fmt_path(pb, "%s/b.yaml", root);
    fmt_path(out, "%s/cmp", root);
    result res;
    RUN(&res, root, "compare", pa, pb, "--set", "population.size=1500", "--days", "8",
        "--replicates", "3", "--jobs", "2", "--quiet", "--out", out);
    expect_code(&res, 0, "circlesim compare");
    result_free(&res);
    cs_diag d;
    cs_diag_init(&d, stderr);
    cs_scenario *sc[2];
    const char *path[2] = {pa, pb};
    for (int k = 0; k < 2; k++) {
        sc[k] = cs_scenario_open(path[k], &d);
        assert_non_null(sc[k]);
        assert_int_equal(cs_scenario_set(sc[k], "population.size=1500", &d), 0);
        assert_int_equal(cs_scenario_set(sc[k], "days=8", &d), 0);
        assert_int_equal(cs_scenario_validate(sc[k], &d), 0);
    }
    cs_compare_options opt = {.replicates = 3, .jobs = 1};
    cs_comparison *c = cs_compare(sc[0], sc[1], &opt, &d);
    assert_non_null(c);
    assert_int_equal(cs_comparison_replicates(c), 3);
    char *csv = read_in(out, "compare.csv");
    const char *line = strchr(csv, '\n') + 1;
    size_t m = 0, differs = 0;
    for (; *line; m++) {
        assert_true(m < cs_comparison_metric_count(c));
        cs_compared st;
        cs_comparison_metric(c, m, &st);
        char want[512];
        char v[6][40];
        const double x[6] = {st.a_mean, st.b_mean, st.diff_mean, st.diff_lo, st.diff_hi, st.rel};
        for (int k = 0; k < 6; k++)
            if (isfinite(x[k]))
                snprintf(v[k], 40, "%.10g", x[k]);
            else
                v[k][0] = '\0';
        snprintf(want, sizeof want, "%s,%s,%s,%s,%s,%s,%s\n", cs_comparison_metric_name(c, m),
                 v[0], v[1], v[2], v[3], v[4], v[5]);
        size_t len = strcspn(line, "\n") + 1;
        assert_int_equal(strlen(want), len);
        assert_memory_equal(want, line, len);
        differs += st.diff_mean != 0;
        line += len;
    }
    assert_int_equal(m, cs_comparison_metric_count(c));
    assert_true(differs > 0); /* the ad load changed something */
    assert_true(isnan(cs_comparison_value(c, 2, 0, 0)));
    free(csv);
    cs_comparison_close(c);
    /* Models that do not pair are refused. */
    cs_scenario *bass = cs_scenario_open(CS_SOURCE_DIR "/scenarios/validation/bass.yaml", &d);
    assert_non_null(bass);
    assert_int_equal(cs_scenario_validate(bass, &d), 0);
    cs_diag_init_muted(&d);
    assert_null(cs_compare(sc[0], bass, &opt, &d));
    assert_int_equal(d.errors, 1);
    cs_scenario_close(bass);
    cs_scenario_close(sc[0]);
    cs_scenario_close(sc[1]);
}

/* A sweep through the library is runs.csv of circlesim sweep, cell for
 * cell (no cell here needs quotes), for a factorial and a Latin hypercube. */
static void test_sweep_as_cli(void **state)
{
    (void)state;
    static const struct {
        const char *design;
        const char *vary[2];
    } cases[] = {{"factorial", {"feed.ad_load=0.05,0.2", "brand.koc_seeds=0,20"}},
                 {"lhs:3", {"feed.ad_load=0.02:0.3", "brand.price=50:300"}}};
    for (size_t t = 0; t < 2; t++) {
        char out[512];
        fmt_path(out, "%s/sweep%zu", root, t);
        result res;
        RUN(&res, root, "sweep", "--set", "population.size=1500", "--days", "6", "--vary",
            cases[t].vary[0], "--vary", cases[t].vary[1], "--design", cases[t].design,
            "--replicates", "2", "--quiet", "--out", out);
        expect_code(&res, 0, "circlesim sweep");
        result_free(&res);
        cs_diag d;
        cs_diag_init(&d, stderr);
        cs_scenario *sc = cs_scenario_open(NULL, &d);
        assert_non_null(sc);
        assert_int_equal(cs_scenario_set(sc, "population.size=1500", &d), 0);
        assert_int_equal(cs_scenario_set(sc, "days=6", &d), 0);
        assert_int_equal(cs_scenario_validate(sc, &d), 0);
        cs_sweep_options opt = {.design = cases[t].design, .replicates = 2};
        cs_sweep *s = cs_sweep_run(sc, cases[t].vary, 2, &opt, &d);
        assert_non_null(s);
        char *csv = read_in(out, "runs.csv");
        size_t rows = 0, col = 0;
        for (char *p = csv, *line = csv; *p; line = p) {
            size_t len = strcspn(line, "\n");
            p = line + len + (line[len] == '\n');
            line[len] = '\0';
            col = 0;
            /* strsep, not strtok: a field may be empty (a ratio without
             * a denominator). */
            for (char *rest = line, *f; (f = strsep(&rest, ",")) != NULL; col++) {
                const char *want = rows ? cs_sweep_cell(s, rows - 1, col)
                                        : cs_sweep_column_name(s, col);
                assert_non_null(want);
                assert_string_equal(want, f);
            }
            assert_int_equal(col, cs_sweep_column_count(s));
            rows++;
        }
        assert_int_equal(rows - 1, cs_sweep_row_count(s));
        assert_int_equal(cs_sweep_row_count(s), t == 0 ? 8 : 6);
        assert_null(cs_sweep_cell(s, rows, 0));
        free(csv);
        cs_sweep_close(s);
        /* A bad design and a key the scenario language lacks: NULL. */
        cs_diag_init_muted(&d);
        cs_sweep_options bad = {.design = "lhs:1"};
        assert_null(cs_sweep_run(sc, cases[t].vary, 2, &bad, &d));
        /* An unknown key: its own message, then the point it is in (a
         * Latin hypercube refuses its values first: they are no range). */
        const char *nokey[1] = {"feed.no_such=1,2"};
        int before = d.errors;
        assert_null(cs_sweep_run(sc, nokey, 1, &opt, &d));
        assert_int_equal(d.errors, before + (t == 0 ? 2 : 1));
        /* What circlesim sweep refuses, refused: a key twice, the seed,
         * the model, a key the model does not read, a bad value list
         * (which must leave nothing allocated behind). */
        const char *twice[2] = {"feed.ad_load=0.1,0.2", "feed.ad_load=0.3,0.4"};
        const char *seed[1] = {"seed=1,2"};
        const char *model[1] = {"model=bass,cascade"};
        const char *unread[1] = {"bass.q=0.1,0.2"};
        const char *empty[2] = {"feed.ad_load=0.1,0.2", "brand.price=,"};
        cs_sweep_options fact = {.replicates = 2};
        assert_null(cs_sweep_run(sc, twice, 2, &fact, &d));
        assert_null(cs_sweep_run(sc, seed, 1, &fact, &d));
        assert_null(cs_sweep_run(sc, model, 1, &fact, &d));
        assert_null(cs_sweep_run(sc, unread, 1, &fact, &d));
        assert_null(cs_sweep_run(sc, empty, 2, &fact, &d));
        /* A run larger than the memory there is: refused before any run. */
        const char *huge[1] = {"population.size=1900000000,1800000000"};
        assert_null(cs_sweep_run(sc, huge, 1, &fact, &d));
        assert_int_equal(d.errors, before + (t == 0 ? 2 : 1) + 6);
        cs_scenario_close(sc);
    }
}

/* Bad input: NULL or an error code, each reported once with its place. */
/* What a diag wrote into f, as text (f is closed). */
static void read_back(FILE *f, char *text, size_t cap)
{
    fflush(f);
    rewind(f);
    size_t len = fread(text, 1, cap - 1, f);
    text[len] = '\0';
    fclose(f);
}

static void test_errors(void **state)
{
    (void)state;
    char path[512];
    FILE *f = fopen(fmt_path(path, "%s/errors.txt", root), "w+");
    assert_non_null(f);
    cs_diag d;
    cs_diag_init(&d, f);
    assert_null(cs_scenario_open("/nonexistent/scenario.yaml", &d));
    assert_int_equal(d.errors, 1);
    const char bad[] = "days: 10\nfeed:\n  ad_load: 7\n";
    assert_null(cs_scenario_open_text("bad.yaml", bad, sizeof bad - 1, NULL, &d));
    assert_int_equal(d.errors, 2);
    cs_scenario *sc = cs_scenario_open(NULL, &d);
    assert_non_null(sc);
    assert_int_equal(cs_scenario_set(sc, "population.size=-3", &d), CS_ERR_INPUT);
    assert_int_equal(cs_scenario_set(sc, "no.such=1", &d), CS_ERR_INPUT);
    assert_int_equal(cs_scenario_set(sc, "population.size=1500", &d), 0);
    assert_int_equal(cs_scenario_set(sc, "days=3", &d), 0);
    assert_int_equal(cs_scenario_validate(sc, &d), 0);
    cs_run *r = cs_run_open(sc, 1, &d);
    assert_non_null(r);
    int before = d.errors;
    assert_int_equal(cs_run_set_lever(r, "population.size", 10, &d), CS_ERR_INPUT);
    assert_int_equal(cs_run_set_lever(r, "no.such", 1, &d), CS_ERR_INPUT);
    /* Money between fen is refused, as in a scenario file. */
    assert_int_equal(cs_run_set_lever(r, "brand.price", 100.001, &d), CS_ERR_INPUT);
    assert_int_equal(d.errors, before + 3);
    cs_run_close(r);
    cs_scenario_close(sc);
    /* A lever the model does not read is taken, with a warning. */
    const char bass[] = "model: bass\ndays: 3\npopulation: {size: 300}\nnetwork: {kind: complete}\n";
    sc = cs_scenario_open_text("bass.yaml", bass, sizeof bass - 1, NULL, &d);
    assert_non_null(sc);
    assert_int_equal(cs_scenario_validate(sc, &d), 0);
    r = cs_run_open(sc, 1, &d);
    assert_non_null(r);
    assert_int_equal(cs_run_set_lever(r, "feed.ad_load", 0.1, &d), 0);
    assert_int_equal(d.errors, before + 3);
    cs_run_close(r);
    cs_scenario_close(sc);
    char text[8192];
    read_back(f, text, sizeof text);
    assert_non_null(strstr(text, "bad.yaml:3:12: error: "));
    assert_non_null(strstr(text, "<set> population.size: error: "));
    assert_non_null(strstr(text, "<set> brand.price: error: "));
    assert_non_null(strstr(text, "<set> feed.ad_load: warning: the bass model does not read it"));
}

/* A stop already set: no run finishes, and both experiments say they were
 * interrupted rather than failed. */
static void test_stop(void **state)
{
    (void)state;
    char path[512];
    FILE *f = fopen(fmt_path(path, "%s/stop.txt", root), "w+");
    assert_non_null(f);
    cs_diag d;
    cs_diag_init(&d, f);
    cs_scenario *sc = open_small(NULL, &d);
    volatile sig_atomic_t stop = 1;
    cs_compare_options copt = {.replicates = 2, .jobs = 1, .stop = &stop};
    assert_null(cs_compare(sc, sc, &copt, &d));
    const char *const vary[] = {"feed.ad_load=0.05,0.1"};
    cs_sweep_options sopt = {.replicates = 2, .jobs = 1, .stop = &stop};
    assert_null(cs_sweep_run(sc, vary, 1, &sopt, &d));
    assert_int_equal(d.errors, 2);
    /* Unset, the same calls run. */
    stop = 0;
    cs_comparison *c = cs_compare(sc, sc, &copt, &d);
    assert_non_null(c);
    cs_comparison_close(c);
    cs_scenario_close(sc);
    char text[4096];
    read_back(f, text, sizeof text);
    assert_non_null(strstr(text, "interrupted: 0 of 2 paired runs had finished"));
    assert_non_null(strstr(text, "interrupted: 0 of 4 runs of the sweep had finished"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_same_bytes_as_cli),
        cmocka_unit_test(test_threads_and_textbook),
        cmocka_unit_test(test_keys_and_levers),
        cmocka_unit_test(test_compare_as_cli),
        cmocka_unit_test(test_sweep_as_cli),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_stop),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
