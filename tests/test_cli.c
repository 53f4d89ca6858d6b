/* SPDX-License-Identifier: MIT */
/* test_cli.c - the circlesim command line as scripts and people use it: exit
 * codes, error lines and their positions, nothing written for a bad
 * scenario, the output folder and its files, reproducibility, interruption,
 * `params` and `graph`.
 *
 * Every test runs the built binary (CS_BINARY) in its own folder under one
 * mkdtemp root, with stdout and stderr captured to files.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "data/error_cases.h"

#define SRC CS_SOURCE_DIR

#include "cli_harness.h"

static const char bass_ba[] = "name: repro-bass\n"
                              "model: bass\n"
                              "days: 60\n"
                              "population:\n"
                              "  size: 20000\n"
                              "network:\n"
                              "  kind: barabasi_albert\n"
                              "  m: 3\n"
                              "bass:\n"
                              "  p: 0.01\n"
                              "  q: 0.38\n";

static const char cascade_er[] = "name: repro-cascade\n"
                                 "model: cascade\n"
                                 "days: 30\n"
                                 "price: 12.34\n"
                                 "population:\n"
                                 "  size: 20000\n"
                                 "network:\n"
                                 "  kind: erdos_renyi\n"
                                 "  mean_degree: 6\n"
                                 "cascade:\n"
                                 "  seeds: [0, 5, 77]\n"
                                 "  p: 0.2\n";

static const char platform_busy[] =
    "name: repro-platform\n"
    "model: platform\n"
    "days: 40\n"
    "warmup_days: 10\n"
    "population: {size: 9000, tags: 300}\n"
    "market: {merchants: 30}\n"
    "circles: {launch_day: 3}\n"
    "brand: {koc_seeds: 20, dm_per_day: 30, ad_budget: 200, livestream_days: [5], groups: 2}\n"
    "commerce: {group_buy: true, membership: true}\n"
    "interventions:\n"
    "  - {day: 20, set: {feed.ad_load: 0.2, circles.invite_only: false}}\n";

/* ---- tests ---------------------------------------------------------------- */

static void test_help_version_usage(void **state)
{
    (void)state;
    result r;
    RUN(&r, root, "--help");
    expect_code(&r, 0, "--help");
    assert_non_null(strstr(r.out, "usage: circlesim"));
    assert_string_equal(r.err, "");
    result_free(&r);

    RUN(&r, root, "--version");
    expect_code(&r, 0, "--version");
    assert_memory_equal(r.out, "circlesim ", 10);
    assert_true(r.out[10] >= '0' && r.out[10] <= '9');
    assert_string_equal(r.err, "");
    result_free(&r);

    RUN(&r, root, "run", "--help");
    expect_code(&r, 0, "run --help");
    assert_non_null(strstr(r.out, "usage: circlesim"));
    result_free(&r);

    static const struct {
        const char *args[8];
        const char *word;
    } bad[] = {
        {{"frobnicate"}, "unknown command 'frobnicate'"},
        {{"run", "--frob"}, "unknown option '--frob'"},
        {{"check", "--out", "x"}, "unknown option '--out'"},
        {{"check"}, "at least one scenario"},
        {{"run", "--threads", "0"}, "--threads"},
        {{"run", "--out"}, "needs a value"},
        {{"params", "--format", "yaml"}, "--format"},
        {{"params", "--model", "platformx"}, "--model"},
        {{"graph", "x.yaml"}, "--out"},
        {{"run", "a.yaml", "b.yaml"}, "one scenario"},
        {{"render"}, "--png"},
        {{"render", "--png", "x.png", "--day", "-1"}, "--day"},
        {{"render", "--png", "x.png", "--width", "10"}, "--width"},
        {{"render", "--png", "x.png", "--out", "d"}, "unknown option '--out'"},
        {{"render", "--png", "x.png", "--lang", "zh"}, "--lang zh: the scenario has no lesson"},
        {{"render", "--png", "x.png", "--step", "1", "--day", "2"}, "give one"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        run_args(&r, root, bad[i].args);
        char what[64];
        snprintf(what, sizeof what, "usage error %zu (%s)", i, bad[i].args[0]);
        expect_code(&r, 2, what);
        expect_first_line(r.err, "circlesim: error: ", bad[i].word, what);
        assert_string_equal(r.out, "");
        result_free(&r);
    }
    RUN(&r, root, "");
    expect_code(&r, 2, "empty command");
    result_free(&r);
    /* No command at all: usage on stderr, exit 2. */
    const char *none[] = {NULL};
    run_args(&r, root, none);
    expect_code(&r, 2, "no command");
    assert_non_null(strstr(r.err, "usage: circlesim"));
    result_free(&r);
    /* Nothing was written anywhere by any of these. */
    assert_int_equal(count_entries(root), 1); /* capture/ */
}

/* Every malformed file of every class: exit 2, the position, nothing written. */
static void test_error_classes(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ERROR_CASES; i++) {
        const error_case *ec = &error_cases[i];
        char name[32], dir[PATH_MAX], what[96], prefix[96];
        snprintf(name, sizeof name, "case-%02zu", i);
        make_dir(dir, name);
        size_t len;
        char *owned;
        const char *bytes = error_case_bytes(ec, &len, &owned);
        char p[PATH_MAX];
        write_bytes(fmt_path(p, "%s/bad.yaml", dir), bytes, len);
        free(owned);
        snprintf(what, sizeof what, "%s case %zu", ec->cls, i);
        snprintf(prefix, sizeof prefix, "bad.yaml:%d:%d: error: ", ec->line, ec->col);

        result r;
        RUN(&r, dir, "run", "bad.yaml", "--out", "OUT", "--quiet");
        expect_code(&r, 2, what);
        expect_first_line(r.err, prefix, ec->word, what);
        assert_string_equal(r.out, "");
        if (exists_in(dir, "OUT"))
            fail_msg("%s: the output folder was created", what);
        result_free(&r);

        /* The same with the default output folder: out/ is not created. */
        RUN(&r, dir, "run", "bad.yaml", "--quiet");
        expect_code(&r, 2, what);
        expect_first_line(r.err, prefix, ec->word, what);
        assert_int_equal(count_entries(dir), 1);
        result_free(&r);

        RUN(&r, dir, "check", "bad.yaml");
        expect_code(&r, 2, what);
        expect_first_line(r.err, prefix, ec->word, what);
        assert_string_equal(r.out, "");
        result_free(&r);
    }
}

/* A bad file and bad --set values: every problem in one pass, in order. */
static void test_all_problems_one_pass(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "one-pass");
    write_text(dir, "bad.yaml", "days: 0\nname: x\ncolour: red\nbass:\n  q: lots\n");
    result r;
    RUN(&r, dir, "run", "bad.yaml", "--set", "bogus=1", "--set", "bass.p=2", "--out", "OUT");
    expect_code(&r, 2, "one pass");
    assert_int_equal(count_lines(r.err), 5);
    static const char *lines[] = {"bad.yaml:1:7: error: days must be between 1 and 36500",
                                  "bad.yaml:3:1: error: unknown key 'colour'",
                                  "bad.yaml:5:6: error: bass.q: expected a number",
                                  "<set> bogus: error: unknown key 'bogus'",
                                  "<set> bass.p: error: bass.p must be between 0 and 1"};
    const char *p = r.err;
    for (size_t i = 0; i < 5; i++) {
        expect_first_line(p, lines[i], NULL, "one pass");
        p = strchr(p, '\n') + 1;
    }
    assert_false(exists_in(dir, "OUT"));
    result_free(&r);

    /* A --set error alone, on the built-in scenario. */
    RUN(&r, dir, "run", "--set", "bass.qq=0.3", "--days", "ten", "--out", "OUT2");
    expect_code(&r, 2, "--set");
    expect_first_line(r.err, "<set> bass.qq: error: ", "did you mean 'bass.q'?", "--set");
    assert_int_equal(count_lines(r.err), 2);
    assert_non_null(strstr(r.err, "<set> days: error: expected a whole number"));
    assert_false(exists_in(dir, "OUT2"));
    result_free(&r);

    /* Cross-key problems of a file, all of them. */
    write_text(dir, "cross.yaml",
               "model: cascade\npopulation:\n  size: 10\nnetwork:\n  kind: watts_strogatz\n"
               "  k: 3\ncascade:\n  seeds: [10, 2, 2]\n");
    RUN(&r, dir, "check", "cross.yaml");
    expect_code(&r, 2, "cross-key");
    assert_int_equal(count_lines(r.err), 3);
    expect_first_line(r.err, "cross.yaml:6:6: error: ", "even", "cross-key");
    assert_string_equal(r.out, "");
    result_free(&r);

    /* A wrong key beside a cross-key problem: both, in one pass. */
    write_text(dir, "mixed.yaml", "popluation: 3\npopulation:\n  size: 3\nnetwork:\n"
                                  "  kind: barabasi_albert\n  m: 5\n");
    RUN(&r, dir, "check", "mixed.yaml");
    expect_code(&r, 2, "mixed");
    assert_int_equal(count_lines(r.err), 2);
    expect_first_line(r.err, "mixed.yaml:1:1: error: ", "popluation", "mixed");
    assert_non_null(strstr(r.err, "mixed.yaml:6:6: error: network.m must be less than"));
    result_free(&r);

    /* A rejected value causes no second error in the checks that read it. */
    write_text(dir, "rejected.yaml", "population:\n  size: lots\nnetwork:\n"
                                     "  kind: erdos_renyi\n  mean_degree: 50000\n");
    RUN(&r, dir, "check", "rejected.yaml");
    expect_code(&r, 2, "rejected");
    assert_int_equal(count_lines(r.err), 1);
    result_free(&r);

    /* check of several files: each file's problems, whatever came before. */
    RUN(&r, dir, "check", "bad.yaml", "cross.yaml");
    expect_code(&r, 2, "two files");
    assert_int_equal(count_lines(r.err), 3 + 3);
    assert_non_null(strstr(r.err, "cross.yaml:6:6: error: "));
    result_free(&r);
}

static void test_missing_and_bad_inputs(void **state)
{
    (void)state;
    char dir[PATH_MAX], real[PATH_MAX], want[PATH_MAX + 64];
    make_dir(dir, "inputs");
    assert_non_null(realpath(dir, real));
    result r;

    /* A missing scenario file is named. */
    RUN(&r, dir, "run", "nope.yaml", "--out", "OUT", "--quiet");
    expect_code(&r, 2, "missing scenario");
    expect_first_line(r.err, "nope.yaml: error: ", "nope.yaml", "missing scenario");
    assert_false(exists_in(dir, "OUT"));
    result_free(&r);
    RUN(&r, dir, "check", "nope.yaml");
    expect_code(&r, 2, "check missing scenario");
    assert_non_null(strstr(r.err, "nope.yaml"));
    result_free(&r);

    /* A missing edge list: at the network.file value. */
    write_text(dir, "missing-el.yaml",
               "name: el\nmodel: cascade\nnetwork:\n  kind: edgelist\n  file: missing.txt\n");
    RUN(&r, dir, "run", "missing-el.yaml", "--out", "OUT", "--quiet");
    expect_code(&r, 2, "missing edge list");
    expect_first_line(r.err, "missing-el.yaml:5:9: error: ", "network.file", "missing edge list");
    assert_non_null(strstr(r.err, "missing.txt"));
    assert_false(exists_in(dir, "OUT"));
    result_free(&r);
    RUN(&r, dir, "check", "missing-el.yaml");
    expect_code(&r, 2, "check missing edge list");
    expect_first_line(r.err, "missing-el.yaml:5:9: error: ", "network.file", "check");
    assert_string_equal(r.out, "");
    result_free(&r);

    /* Malformed edge lists: at the file's own line and column, named by the
     * resolved path the scenario gives. */
    static const struct {
        const char *text;
        size_t len;
        const void *unused; /* LIT's third field */
        int line, col;
        const char *word;
    } edges[] = {
        {LIT("0 1\n1 x\n"), 2, 3, "user id"},
        {LIT("# star\n0 1\n0 1 2 3\n"), 3, 7, "fourth field"},
        {LIT("0 1\n2\0" "3\n"), 2, 2, "NUL"},
        {LIT("0 1\n0,\n"), 2, 3, "after ','"},
    };
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        char p[PATH_MAX];
        write_bytes(fmt_path(p, "%s/edges.txt", dir), edges[i].text, edges[i].len);
        write_text(dir, "el.yaml", "name: el\nmodel: cascade\nnetwork:\n  kind: edgelist\n"
                                   "  file: edges.txt\n");
        snprintf(want, sizeof want, "%s/edges.txt:%d:%d: error: ", real, edges[i].line,
                 edges[i].col);
        char what[64];
        snprintf(what, sizeof what, "malformed edge list %zu", i);
        RUN(&r, dir, "run", "el.yaml", "--out", "OUT", "--quiet");
        expect_code(&r, 2, what);
        expect_first_line(r.err, want, edges[i].word, what);
        assert_false(exists_in(dir, "OUT"));
        result_free(&r);
        RUN(&r, dir, "check", "el.yaml");
        expect_code(&r, 2, what);
        expect_first_line(r.err, want, edges[i].word, what);
        assert_string_equal(r.out, "");
        result_free(&r);
    }

    /* Edge lists from Windows tools start with a byte-order mark. */
    write_bytes(fmt_path(want, "%s/bom.txt", dir), "\xef\xbb\xbf" "0,1\r\n1 2\r\n", 13);
    write_text(dir, "bom.yaml", "network:\n  kind: edgelist\n  file: bom.txt\n");
    RUN(&r, dir, "check", "bom.yaml");
    expect_code(&r, 0, "edge list with a byte-order mark");
    assert_string_equal(r.err, "");
    result_free(&r);

    /* A device that never ends is refused at once, not read forever. */
    write_text(dir, "zero.yaml", "network:\n  kind: edgelist\n  file: /dev/zero\n");
    RUN(&r, dir, "check", "zero.yaml");
    expect_code(&r, 2, "endless edge list");
    expect_first_line(r.err, "zero.yaml:3:9: error: ", "regular file", "endless edge list");
    result_free(&r);

    /* No ties and no size: the population is unknown. */
    write_text(dir, "none.txt", "# nothing here\n");
    write_text(dir, "none.yaml", "network:\n  kind: edgelist\n  file: none.txt\n");
    RUN(&r, dir, "run", "none.yaml", "--out", "OUT", "--quiet");
    expect_code(&r, 2, "empty edge list");
    expect_first_line(r.err, "none.yaml:3:9: error: ", "population.size", "empty edge list");
    assert_false(exists_in(dir, "OUT"));
    result_free(&r);

    /* check reads an edge list but builds no network: a list naming user
     * 1999999999 checks at once instead of allocating two billion users. */
    write_text(dir, "far.txt", "0 1\n1 1999999999\n");
    write_text(dir, "far.yaml", "network:\n  kind: edgelist\n  file: far.txt\n");
    RUN(&r, dir, "check", "far.yaml");
    expect_code(&r, 0, "edge list with a far id");
    result_free(&r);

    /* Prices are whole fen. */
    write_text(dir, "fen.yaml", "days: 2\nprice: 0.005\n");
    RUN(&r, dir, "run", "fen.yaml", "--out", "OUT", "--quiet");
    expect_code(&r, 2, "price between fen");
    expect_first_line(r.err, "fen.yaml:2:8: error: ", "fen", "price between fen");
    assert_false(exists_in(dir, "OUT"));
    result_free(&r);

    /* A seed outside an edge list is known only once it is read: still exit
     * 2 at cascade.seeds, still nothing written. */
    write_text(dir, "star.txt", "0 1\n0 2\n0 3\n");
    write_text(dir, "seed.yaml", "model: cascade\nnetwork:\n  kind: edgelist\n  file: star.txt\n"
                                 "cascade:\n  seeds: [0, 9]\n");
    RUN(&r, dir, "run", "seed.yaml", "--out", "OUT", "--quiet");
    expect_code(&r, 2, "seed outside the edge list");
    expect_first_line(r.err, "seed.yaml:6:10: error: ", "cascade.seeds[1] = 9", "seed");
    assert_false(exists_in(dir, "OUT"));
    result_free(&r);
    /* population.size smaller than the edge list needs. */
    write_text(dir, "small.yaml", "population:\n  size: 3\nnetwork:\n  kind: edgelist\n"
                                  "  file: star.txt\n");
    RUN(&r, dir, "check", "small.yaml");
    expect_code(&r, 2, "population too small");
    expect_first_line(r.err, "small.yaml:2:9: error: ", "population.size", "small");
    result_free(&r);
}

static void test_shipped_scenarios_check(void **state)
{
    (void)state;
    static const char *files[] = {SRC "/scenarios/default.yaml",
                                  SRC "/scenarios/validation/bass.yaml",
                                  SRC "/scenarios/validation/cascade-star.yaml",
                                  SRC "/scenarios/classroom/bass-on-networks.yaml"};
    result r;
    for (size_t i = 0; i < 4; i++) {
        RUN(&r, root, "check", files[i]);
        expect_code(&r, 0, files[i]);
        assert_string_equal(r.out, "");
        assert_string_equal(r.err, "");
        result_free(&r);
    }
    RUN(&r, root, "check", files[0], files[1], files[2], files[3]);
    expect_code(&r, 0, "check all four");
    assert_string_equal(r.out, "");
    assert_string_equal(r.err, "");
    result_free(&r);
    /* One bad file among good ones fails the whole check. */
    char dir[PATH_MAX];
    make_dir(dir, "mixed-check");
    write_text(dir, "bad.yaml", "days: 0\n");
    RUN(&r, dir, "check", files[0], "bad.yaml", files[1]);
    expect_code(&r, 2, "mixed check");
    assert_int_equal(count_lines(r.err), 1);
    expect_first_line(r.err, "bad.yaml:1:7: error: ", "days", "mixed check");
    result_free(&r);

    /* Every what-if, classroom and validation scenario shipped checks
     * clean, and names a model and says what it is for. */
    static const char *const folders[] = {SRC "/scenarios/whatif", SRC "/scenarios/classroom",
                                          SRC "/scenarios/validation"};
    int seen = 0;
    for (size_t f = 0; f < 3; f++) {
        DIR *d = opendir(folders[f]);
        assert_non_null(d);
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            size_t n = strlen(e->d_name);
            if (n < 6 || strcmp(e->d_name + n - 5, ".yaml") != 0)
                continue;
            char path[PATH_MAX];
            fmt_path(path, "%s/%s", folders[f], e->d_name);
            RUN(&r, root, "check", path);
            expect_code(&r, 0, path);
            assert_string_equal(r.err, "");
            result_free(&r);
            char *text = read_in(folders[f], e->d_name);
            if (!strstr(text, "\nmodel: ") || !strstr(text, "\ninfo: |"))
                fail_msg("%s: no model: or no info: block", path);
            free(text);
            seen++;
        }
        closedir(d);
    }
    assert_true(seen >= 19); /* 7 pairs and 5 lessons */
}

/* Runs scenario file `file` in dir into out with extra args; expects exit 0. */
static void run_ok(const char *dir, const char *file, const char *out, const char *seed,
                   const char *threads)
{
    result r;
    RUN(&r, dir, "run", file, "--out", out, "--seed", seed, "--threads", threads, "--quiet");
    expect_code(&r, 0, file);
    assert_string_equal(r.out, ""); /* --quiet */
    assert_string_equal(r.err, "");
    result_free(&r);
}

static void check_reproducible(const char *name, const char *text)
{
    char dir[PATH_MAX], other[PATH_MAX], a[PATH_MAX], b[PATH_MAX];
    make_dir(dir, name);
    char other_name[64];
    snprintf(other_name, sizeof other_name, "%s-elsewhere", name);
    make_dir(other, other_name);
    write_text(dir, "s.yaml", text);

    run_ok(dir, "s.yaml", "A", "7", "2");
    run_ok(dir, "s.yaml", "B", "7", "2");
    run_ok(dir, "s.yaml", "T1", "7", "1");
    run_ok(dir, "s.yaml", "D", "8", "2");

    static const char *same[] = {"B", "T1"};
    for (size_t i = 0; i < 2; i++) {
        fmt_path(a, "%s/A/timeseries.csv", dir);
        fmt_path(b, "%s/%s/timeseries.csv", dir, same[i]);
        assert_same_file(a, b);
        fmt_path(a, "%s/A/scenario.yaml", dir);
        fmt_path(b, "%s/%s/scenario.yaml", dir, same[i]);
        assert_same_file(a, b);
        fmt_path(a, "%s/A", dir);
        fmt_path(b, "%s/%s", dir, same[i]);
        char *sa = read_in(a, "summary.json"), *sb = read_in(b, "summary.json");
        char *ca = without_run_line(sa), *cb = without_run_line(sb);
        assert_string_equal(ca, cb);
        free(sa);
        free(sb);
        free(ca);
        free(cb);
    }
    /* A different seed gives a different run. */
    fmt_path(a, "%s/A", dir);
    fmt_path(b, "%s/D", dir);
    char *ta = read_in(a, "timeseries.csv"), *td = read_in(b, "timeseries.csv");
    assert_string_not_equal(ta, td);
    free(td);

    /* The run is not trivial: buyers keep growing after day 1. */
    series s = read_series(a);
    assert_true(s.rows >= 30);
    assert_true(s.v[0][5] > 0);
    assert_true(s.v[0][5] < s.v[s.rows - 1][5]);
    free(s.v);

    /* The written scenario.yaml, run from another folder, reproduces the
     * run byte for byte, and writes the same scenario.yaml back. */
    char yaml[PATH_MAX];
    fmt_path(yaml, "%s/A/scenario.yaml", dir);
    result r;
    RUN(&r, other, "run", yaml, "--out", "again", "--quiet");
    expect_code(&r, 0, "rerun of scenario.yaml");
    result_free(&r);
    fmt_path(a, "%s/A/timeseries.csv", dir);
    fmt_path(b, "%s/again/timeseries.csv", other);
    assert_same_file(a, b);
    fmt_path(a, "%s/A/scenario.yaml", dir);
    fmt_path(b, "%s/again/scenario.yaml", other);
    assert_same_file(a, b);
    fmt_path(a, "%s/A", dir);
    fmt_path(b, "%s/again", other);
    char *sa = read_in(a, "summary.json"), *sb = read_in(b, "summary.json");
    char *ca = without_run_line(sa), *cb = without_run_line(sb);
    assert_string_equal(ca, cb);
    free(sa);
    free(sb);
    free(ca);
    free(cb);
    free(ta);
}

static void test_reproducible_bass(void **state)
{
    (void)state;
    check_reproducible("repro-bass", bass_ba);
}

static void test_reproducible_cascade(void **state)
{
    (void)state;
    check_reproducible("repro-cascade", cascade_er);
}

static void test_reproducible_platform(void **state)
{
    (void)state;
    check_reproducible("repro-platform", platform_busy);
}

/* A platform run: the nine common columns then the platform's, the summary's
 * facts beside their targets, and with --detail the four tables. */
static void test_platform_outputs(void **state)
{
    (void)state;
    char dir[PATH_MAX], out[PATH_MAX];
    make_dir(dir, "platform-out");
    write_text(dir, "p.yaml", platform_busy);
    result r;
    RUN(&r, dir, "run", "p.yaml", "--out", "P", "--detail", "--quiet", "--threads", "2");
    expect_code(&r, 0, "platform run with --detail");
    result_free(&r);
    fmt_path(out, "%s/P", dir);
    char *ts = read_in(out, "timeseries.csv");
    const char header[] =
        "day,users,dau,seeded,engaged,buyers,orders,gmv,gmv_offsite,new_users,churned,"
        "minutes_per_dau,group_members,circle_members,groups,circles,circles_closed,notes,"
        "spam_share,repurchases,gmv_feed,gmv_kol,gmv_koc,gmv_group,gmv_circle,gmv_livestream,"
        "gmv_dm,spend,mean_trust,mau,brand_gmv,brand_spend,brand_gmv_feed,brand_gmv_kol,"
        "brand_gmv_koc,brand_gmv_group,brand_gmv_circle,brand_gmv_livestream,brand_gmv_dm,"
        "brand_spend_feed,brand_spend_kol,brand_spend_koc,brand_spend_group,brand_spend_circle,"
        "brand_spend_livestream,brand_spend_dm,opens_ratio_group\n";
    assert_true(strncmp(ts, header, strlen(header)) == 0);
    int lines = 0;
    for (const char *p = ts; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 41); /* the header and 40 reported days: no warm-up rows */
    free(ts);
    char *json = read_in(out, "summary.json");
    static const char *const keys[] = {
        "\"stylized_facts\": {\"repurchase_ratio_group\": ", "\"opens_ratio_group\": ",
        "\"merchant_store_share\": ", "\"closed_loop_share\": ", "\"minutes_per_dau\": ",
        "\"targets\": {\"repurchase_ratio_group\": 2.5", "\"gmv_by_tier\": {\"first\": ",
        "\"brands\": {", "\"roas\": ", "\"other_merchants\": {", "\"community\": {\"notes\": ",
        "\"model\": \"platform\"", "\"gmv_livestream\": "};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!strstr(json, keys[i]))
            fail_msg("summary.json lacks %s", keys[i]);
    free(json);
    static const char *const tables[][2] = {
        {"circles.csv", "circle,tag,owner,open,members,invited_members,activity\n"},
        {"groups.csv", "group,tag,owner,alive,brand,members,activity\n"},
        {"products.csv",
         "product,brand,tag,price,quality,cycle_days,commission,store,orders_last_30_days,"
         "entered_day\n"},
        {"users.csv", "user,status,koc,kol,group_owner,circle_owner,tier,post95,degree,trust,"
                      "habit,groups,circles,stage,purchases\n"},
    };
    for (size_t i = 0; i < 4; i++) {
        char *t = read_in(out, tables[i][0]);
        if (strncmp(t, tables[i][1], strlen(tables[i][1])) != 0)
            fail_msg("%s starts with %.80s", tables[i][0], t);
        free(t);
    }
    char *users = read_in(out, "users.csv");
    int rows = 0;
    for (const char *p = users; *p; p++)
        rows += *p == '\n';
    assert_int_equal(rows, 9001); /* one row per user */
    free(users);
    assert_int_equal(count_entries(out), 7);
}

static void check_contract(const char *dir, int64_t days, int64_t price_fen)
{
    series s = read_series(dir);
    assert_int_equal(s.rows, days);
    int64_t orders = 0, gmv = 0;
    for (int i = 0; i < s.rows; i++) {
        assert_int_equal(s.v[i][0], i + 1); /* day 1 first, one row per day */
        if (i > 0)
            assert_true(s.v[i][5] >= s.v[i - 1][5]); /* buyers are cumulative */
        /* Textbook models: every adoption is one order of `price`. */
        assert_int_equal(s.v[i][7], s.v[i][6] * price_fen);
        assert_int_equal(s.v[i][8], 0);
        assert_int_equal(s.v[i][3], s.v[i][5]);
        assert_int_equal(s.v[i][4], s.v[i][5]);
        orders += s.v[i][6];
        gmv += s.v[i][7];
    }
    char *json = read_in(dir, "summary.json");
    assert_true(strncmp(json, "{", 1) == 0);
    assert_non_null(strstr(json, "\"schema_version\": 1,"));
    assert_non_null(strstr(json, "\"complete\": true,"));
    assert_non_null(strstr(json, "\"hash\": \"sha256:"));
    assert_non_null(strstr(json, "\"program\": {\"name\": \"circlesim\""));
    const int64_t *last = s.v[s.rows - 1];
    assert_true(json_number(json, "final", "day") == (double)days);
    assert_true(json_number(json, "final", "buyers") == (double)last[5]);
    assert_true(json_number(json, "final", "users") == (double)last[1]);
    assert_true(json_number(json, "totals", "orders") == (double)orders);
    assert_int_equal(llround(json_number(json, "totals", "gmv") * 100.0), gmv);
    assert_true(json_number(json, "scenario", "days") == (double)days);
    free(json);
    free(s.v);
}

static void test_contract_columns(void **state)
{
    (void)state;
    char dir[PATH_MAX], out[PATH_MAX];
    make_dir(dir, "contract");
    write_text(dir, "b.yaml", bass_ba);
    write_text(dir, "c.yaml", cascade_er);
    run_ok(dir, "b.yaml", "B", "3", "2");
    run_ok(dir, "c.yaml", "C", "3", "2");
    check_contract(fmt_path(out, "%s/B", dir), 60, 10000);
    check_contract(fmt_path(out, "%s/C", dir), 30, 1234);
    /* A cascade's day 1 holds the seeds and the first wave. */
    series s = read_series(out);
    assert_true(s.v[0][5] >= 3);
    free(s.v);
    /* The resolved scenario names every key, the seed included. */
    char *yaml = read_in(fmt_path(out, "%s/C", dir), "scenario.yaml");
    assert_non_null(strstr(yaml, "\nseed: 3\n"));
    assert_non_null(strstr(yaml, "\nschema_version: 1\n"));
    assert_non_null(strstr(yaml, "\n  seeds: [0, 5, 77]\n"));
    assert_non_null(strstr(yaml, "\n  q: 0.38\n")); /* a default, written out */
    free(yaml);
}

static void test_output_folder_policy(void **state)
{
    (void)state;
    char dir[PATH_MAX], p[PATH_MAX];
    make_dir(dir, "folders");
    write_text(dir, "s.yaml", "name: tiny\nmodel: bass\ndays: 10\npopulation:\n  size: 300\n");
    result r;

    /* A folder holding something else is refused and left untouched. */
    char occupied[PATH_MAX];
    fmt_path(occupied, "%s/occupied", dir);
    assert_int_equal(mkdir(occupied, 0777), 0);
    write_text(occupied, "notes.txt", "keep me\n");
    RUN(&r, dir, "run", "s.yaml", "--out", "occupied", "--quiet");
    expect_code(&r, 2, "occupied folder");
    expect_first_line(r.err, "circlesim: error: ", "occupied", "occupied folder");
    assert_int_equal(count_entries(occupied), 1);
    char *notes = read_in(occupied, "notes.txt");
    assert_string_equal(notes, "keep me\n");
    free(notes);
    result_free(&r);

    /* A temporary left by a run killed mid-write does not block the next
     * run, and is cleaned away. */
    char killed[PATH_MAX];
    fmt_path(killed, "%s/killed", dir);
    assert_int_equal(mkdir(killed, 0777), 0);
    write_text(killed, ".summary.json.tmp.4242.0", "{\"half\n");
    RUN(&r, dir, "run", "s.yaml", "--out", "killed", "--quiet");
    expect_code(&r, 0, "folder with a leftover temporary");
    assert_false(exists_in(killed, ".summary.json.tmp.4242.0"));
    assert_int_equal(count_entries(killed), 3);
    result_free(&r);

    /* A FIFO as the scenario: refused at once, not waited on. */
    fmt_path(p, "%s/fifo.yaml", dir);
    assert_int_equal(mkfifo(p, 0666), 0);
    RUN(&r, dir, "check", "fifo.yaml");
    expect_code(&r, 2, "FIFO scenario");
    expect_first_line(r.err, "fifo.yaml: error: ", "not a regular file", "FIFO scenario");
    result_free(&r);

    /* A plain file where the folder should be: a folder that cannot be
     * used is a runtime failure (exit 1). */
    write_text(dir, "afile", "data\n");
    RUN(&r, dir, "run", "s.yaml", "--out", "afile", "--quiet");
    expect_code(&r, 1, "file in the folder's place");
    char *afile = read_in(dir, "afile");
    assert_string_equal(afile, "data\n");
    free(afile);
    result_free(&r);

    /* An empty folder is used. */
    fmt_path(p, "%s/empty", dir);
    assert_int_equal(mkdir(p, 0777), 0);
    RUN(&r, dir, "run", "s.yaml", "--out", "empty", "--quiet");
    expect_code(&r, 0, "empty folder");
    assert_true(exists_in(p, "summary.json"));
    result_free(&r);

    /* A folder holding an earlier run is reused: the old files go. */
    char prev[PATH_MAX];
    fmt_path(prev, "%s/prev", dir);
    RUN(&r, dir, "run", "s.yaml", "--out", "prev", "--quiet");
    expect_code(&r, 0, "first run");
    result_free(&r);
    write_text(prev, "users.csv", "stale\n"); /* as an earlier --detail run would leave */
    RUN(&r, dir, "run", "s.yaml", "--out", "prev", "--days", "4", "--quiet");
    expect_code(&r, 0, "reuse");
    result_free(&r);
    assert_false(exists_in(prev, "users.csv"));
    series s = read_series(prev);
    assert_int_equal(s.rows, 4);
    free(s.v);
    char *json = read_in(prev, "summary.json");
    assert_true(json_number(json, "scenario", "days") == 4.0);
    free(json);
    assert_int_equal(count_entries(prev), 3);

    /* Nested folders are created. */
    RUN(&r, dir, "run", "s.yaml", "--out", "deep/er/run", "--quiet");
    expect_code(&r, 0, "nested --out");
    fmt_path(p, "%s/deep/er/run", dir);
    assert_true(exists_in(p, "timeseries.csv"));
    result_free(&r);

    /* Without --out: out/<name>-<seed>/. */
    RUN(&r, dir, "run", "s.yaml", "--seed", "5", "--quiet");
    expect_code(&r, 0, "default folder");
    fmt_path(p, "%s/out/tiny-5", dir);
    assert_true(exists_in(p, "summary.json"));
    assert_true(exists_in(p, "timeseries.csv"));
    assert_true(exists_in(p, "scenario.yaml"));
    assert_int_equal(count_entries(p), 3);
    result_free(&r);
    /* Not quiet: a readable summary on stdout naming the folder. */
    RUN(&r, dir, "run", "s.yaml", "--seed", "5");
    expect_code(&r, 0, "default folder again");
    assert_non_null(strstr(r.out, "out/tiny-5"));
    assert_non_null(strstr(r.out, "buyers"));
    result_free(&r);
}

/* Starts the long run, signals it after `delay` seconds, checks the
 * incomplete folder; returns the days completed. */
static int64_t interrupt_run(const char *dir, const char *file, const char *out, int sig,
                             double delay, int64_t days)
{
    char o[PATH_MAX], e[PATH_MAX];
    const char *args[] = {"run", file, "--out", out, "--quiet", NULL};
    pid_t pid = spawn(dir, args, o, e);
    sleep_seconds(delay);
    assert_int_equal(kill(pid, sig), 0);
    result r;
    finish(pid, 120.0, o, e, &r);
    int want = sig == SIGINT ? 130 : 143;
    if (r.code != want || r.signaled)
        fail_msg("signal %d after %.2f s: expected exit %d, got %d%s; stderr:\n%s", sig, delay,
                 want, r.code, r.signaled ? " (killed by the signal)" : "", r.err);
    result_free(&r);

    char folder[PATH_MAX];
    fmt_path(folder, "%s/%s", dir, out);
    char *json = read_in(folder, "summary.json");
    assert_non_null(strstr(json, "\"complete\": false,"));
    series s = read_series(folder); /* header checked there */
    assert_true(s.rows < days);
    assert_true(json_number(json, "final", "day") == (double)s.rows);
    if (s.rows > 0) {
        assert_int_equal(s.v[s.rows - 1][0], s.rows);
        assert_true(json_number(json, "final", "buyers") == (double)s.v[s.rows - 1][5]);
    }
    assert_true(exists_in(folder, "scenario.yaml"));
    /* No temporary file is left behind. */
    assert_int_equal(count_entries(folder), 3);
    free(json);
    free(s.v);
    return s.rows;
}

static void test_interrupt(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "interrupt");
    /* Slow diffusion on a large network: thousands of days of work. */
    write_text(dir, "long.yaml",
               "name: long\nmodel: bass\ndays: 20000\npopulation:\n  size: 500000\n"
               "network:\n  kind: erdos_renyi\n  mean_degree: 10\n"
               "bass:\n  p: 0.00001\n  q: 0.05\n");
    /* How long start-up and the network take here (sanitizers, load): the
     * signals come a second into the day loop. */
    double t0 = now_seconds();
    result r;
    RUN(&r, dir, "run", "long.yaml", "--days", "1", "--out", "probe", "--quiet");
    expect_code(&r, 0, "probe run");
    result_free(&r);
    double build = now_seconds() - t0;

    int64_t done = interrupt_run(dir, "long.yaml", "INT", SIGINT, build + 1.0, 20000);
    if (done < 1)
        fail_msg("SIGINT %.2f s in: no day was complete", build + 1.0);
    done = interrupt_run(dir, "long.yaml", "TERM", SIGTERM, build + 1.0, 20000);
    if (done < 1)
        fail_msg("SIGTERM %.2f s in: no day was complete", build + 1.0);

    /* A signal while the network is still being built (2 million users take
     * seconds under the sanitizers) still ends in exit 130 and a folder
     * marked incomplete, not in death by the signal. */
    write_text(dir, "huge.yaml",
               "name: huge\nmodel: bass\ndays: 20000\npopulation:\n  size: 2000000\n"
               "network:\n  kind: erdos_renyi\n  mean_degree: 10\n"
               "bass:\n  p: 0.00001\n  q: 0.05\n");
    interrupt_run(dir, "huge.yaml", "EARLY", SIGINT, 0.5, 20000);
}

/* A run too large for --max-memory (or, by default, for the memory
 * available) is refused before it starts: exit 2, the estimate and the
 * limit in the message, no folder. */
static void test_max_memory(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "max_memory");
    result r;
    RUN(&r, dir, "run", "--max-memory", "16M", "--out", "o");
    expect_code(&r, 2, "a run over --max-memory");
    assert_non_null(strstr(r.err, "would need about"));
    assert_non_null(strstr(r.err, "more than the 16.0 MiB that --max-memory allows"));
    assert_false(exists_in(dir, "o"));
    result_free(&r);
    /* Two billion users on a homophily network would need hundreds of GiB. */
    RUN(&r, dir, "run", "--set", "population.size=2000000000", "--out", "o");
    expect_code(&r, 2, "a run over the memory available");
    assert_non_null(strstr(r.err, "GiB of memory at its peak"));
    assert_non_null(strstr(r.err, "available now"));
    assert_false(exists_in(dir, "o"));
    result_free(&r);
    /* An edge list settles the population when it is read: checked again
     * then, before the model's state is made. */
    write_text(dir, "s.txt", "0 1\n5 199999\n");
    write_text(dir, "s.yaml", "model: platform\ndays: 1\nwarmup_days: 0\n"
                              "network: {kind: edgelist, file: s.txt}\n");
    RUN(&r, dir, "run", "s.yaml", "--max-memory", "20M", "--out", "o");
    expect_code(&r, 2, "an edge list whose population is over --max-memory");
    assert_non_null(strstr(r.err, "population.size 200000"));
    assert_false(exists_in(dir, "o"));
    result_free(&r);
    static const char *const bad[] = {"lots", "0", "-1G", "4Q", "1.5.5G", "", "1e9", "0x10G"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        RUN(&r, dir, "run", "--max-memory", bad[i], "--out", "o");
        expect_code(&r, 2, bad[i]);
        /* An empty value is refused for every option, with its own words. */
        assert_non_null(strstr(r.err, *bad[i] ? "--max-memory takes a size"
                                              : "'--max-memory' needs a value, found an empty"));
        result_free(&r);
    }
    /* Within the limit: the run goes, and reports its estimate and peak. */
    RUN(&r, dir, "run", "--max-memory", "1.5GiB", "--set", "population.size=2000", "--days", "3",
        "--quiet", "--out", "o");
    expect_code(&r, 0, "a run within --max-memory");
    result_free(&r);
    char *json = read_in(dir, "o/summary.json");
    assert_true(json_number(json, "run", "memory_estimate_bytes") > 1e6);
    assert_true(json_number(json, "run", "peak_memory_bytes") > 1e6);
    free(json);
}

static void test_params(void **state)
{
    (void)state;
    result r;
    RUN(&r, root, "params", "--format", "json");
    expect_code(&r, 0, "params json");
    assert_memory_equal(r.out, "{\"schema_version\": 1, \"params\":", 31);
    assert_non_null(strstr(r.out, "\"key\": \"bass.q\""));
    assert_non_null(strstr(r.out, "\"key\": \"network.kind\""));
    assert_non_null(strstr(r.out, "\"choices\": [\"complete\""));
    assert_non_null(strstr(r.out, "\"models\": ["));
    assert_string_equal(r.err, "");
    /* Balanced braces and brackets outside strings: well-formed enough to
     * be read by any JSON reader the real test suites use. */
    int depth = 0, in_str = 0;
    for (const char *p = r.out; *p; p++) {
        if (in_str) {
            if (*p == '\\')
                p++;
            else if (*p == '"')
                in_str = 0;
            continue;
        }
        if (*p == '"')
            in_str = 1;
        else if (*p == '{' || *p == '[')
            depth++;
        else if (*p == '}' || *p == ']')
            assert_true(--depth >= 0);
    }
    assert_int_equal(depth, 0);
    assert_false(in_str);
    result_free(&r);

    RUN(&r, root, "params", "--format", "markdown");
    expect_code(&r, 0, "params markdown");
    assert_non_null(strstr(r.out, "| key | type | default |"));
    assert_non_null(strstr(r.out, "\n|---|"));
    assert_non_null(strstr(r.out, "| `bass.q` |"));
    result_free(&r);

    RUN(&r, root, "params");
    expect_code(&r, 0, "params text");
    assert_non_null(strstr(r.out, "bass.p"));
    assert_non_null(strstr(r.out, "cascade.seeds"));
    result_free(&r);

    RUN(&r, root, "params", "--model", "cascade");
    expect_code(&r, 0, "params --model cascade");
    assert_null(strstr(r.out, "bass.p"));
    assert_null(strstr(r.out, "bass.q"));
    assert_non_null(strstr(r.out, "cascade.p"));
    assert_non_null(strstr(r.out, "population.size"));
    result_free(&r);

    RUN(&r, root, "params", "--model", "cascade", "--format", "json");
    expect_code(&r, 0, "params --model cascade json");
    assert_null(strstr(r.out, "\"bass.p\""));
    assert_non_null(strstr(r.out, "\"cascade.seeds\""));
    result_free(&r);

    RUN(&r, root, "params", "--model", "bass", "--format", "json");
    expect_code(&r, 0, "params --model bass json");
    assert_null(strstr(r.out, "\"cascade.p\""));
    assert_non_null(strstr(r.out, "\"bass.p\""));
    result_free(&r);
}

/* The number of occurrences of needle in s. */
static long count_of(const char *s, const char *needle)
{
    long n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* `render`: a picture of the size asked for; a day past the end or a bad
 * scenario is refused with exit 2 and no picture. */
static void test_render(void **state)
{
    (void)state;
    char dir[PATH_MAX], path[PATH_MAX];
    make_dir(dir, "render");
    write_text(dir, "small.yaml",
               "name: small\nmodel: platform\ndays: 6\nwarmup_days: 2\npopulation:\n  size: 600\n");
    write_text(dir, "bad.yaml", "name: bad\nmodel: platform\ndays: -3\n");
    result r;
    RUN(&r, dir, "render", "small.yaml", "--png", "a.png", "--width", "800", "--height", "500");
    expect_code(&r, 0, "render");
    /* No warning; only the line saying what was written. */
    assert_string_equal(r.err, "circlesim: wrote a.png\n");
    result_free(&r);
    FILE *f = fopen(fmt_path(path, "%s/a.png", dir), "rb");
    assert_non_null(f);
    unsigned char head[24];
    assert_int_equal(fread(head, 1, sizeof head, f), sizeof head);
    fclose(f);
    /* PNG signature, then the IHDR chunk's width and height, big-endian. */
    assert_memory_equal(head, "\x89PNG\r\n\x1a\n", 8);
    assert_int_equal((head[16] << 24) | (head[17] << 16) | (head[18] << 8) | head[19], 800);
    assert_int_equal((head[20] << 24) | (head[21] << 16) | (head[22] << 8) | head[23], 500);

    RUN(&r, dir, "render", "small.yaml", "--png", "late.png", "--day", "7");
    expect_code(&r, 2, "render past the end");
    expect_first_line(r.err, "circlesim: error: ", "--day 7", "render past the end");
    result_free(&r);
    assert_int_equal(access(fmt_path(path, "%s/late.png", dir), F_OK), -1);
    RUN(&r, dir, "render", "bad.yaml", "--png", "bad.png");
    expect_code(&r, 2, "render a bad scenario");
    expect_first_line(r.err, "bad.yaml:3:7: error: ", "days", "render a bad scenario");
    result_free(&r);
    assert_int_equal(access(fmt_path(path, "%s/bad.png", dir), F_OK), -1);

    /* --gif: an animated GIF of days 0 .. 6, its size as asked, nothing
     * half-written left beside it; refused with --step before any run. */
    RUN(&r, dir, "render", "small.yaml", "--gif", "run.gif", "--width", "480", "--height", "270");
    expect_code(&r, 0, "render --gif");
    result_free(&r);
    size_t len = 0;
    char *gif = read_all(fmt_path(path, "%s/run.gif", dir), &len);
    assert_non_null(gif);
    assert_true(len > 800 && memcmp(gif, "GIF89a", 6) == 0);
    const unsigned char *u = (const unsigned char *)gif;
    assert_int_equal(u[6] | u[7] << 8, 480);
    assert_int_equal(u[8] | u[9] << 8, 270);
    int images = 0;
    for (size_t i = 0; i + 8 < len; i++) /* every frame's graphic control and image */
        images += memcmp(gif + i, "\x21\xF9\x04\x05", 4) == 0 && u[i + 6] == 255 && u[i + 7] == 0 &&
                  u[i + 8] == 0x2C;
    assert_int_equal(images, 7);
    assert_int_equal(u[len - 1], 0x3B);
    free(gif);
    assert_int_equal(count_entries(dir), 4); /* the two scenarios, a.png and run.gif */
    RUN(&r, dir, "render", "small.yaml", "--gif", "no.gif", "--step", "1");
    expect_code(&r, 2, "render --gif --step");
    assert_non_null(strstr(r.err, "give one"));
    result_free(&r);
    assert_int_equal(access(fmt_path(path, "%s/no.gif", dir), F_OK), -1);
}

/* The 0-based index of field name in the first line of a CSV text without
 * quoted fields, or -1. */
static int field_index(const char *csv, const char *name)
{
    const size_t len = strlen(name);
    int k = 0;
    for (const char *p = csv; *p && *p != '\n'; k++) {
        const size_t n = strcspn(p, ",\n");
        if (n == len && memcmp(p, name, len) == 0)
            return k;
        p += n + (p[n] == ',');
    }
    return -1;
}

/* `sweep`: the factorial's runs sorted by point and replicate, replicate 0
 * on the base seed, summary means that are the runs' means, the same bytes
 * on one job as on two; bad --vary values refused before anything is
 * written. */
static void test_sweep(void **state)
{
    (void)state;
    char dir[PATH_MAX], a[PATH_MAX], b[PATH_MAX];
    make_dir(dir, "sweep");
    write_text(dir, "b.yaml",
               "name: b\nmodel: bass\ndays: 12\nseed: 5\npopulation:\n  size: 400\n"
               "network:\n  kind: erdos_renyi\n  mean_degree: 6\n");
    result r;
    RUN(&r, dir, "sweep", "b.yaml", "--vary", "bass.q=0.1,0.5", "--vary", "bass.p=0.01:0.02:0.01",
        "--replicates", "3", "--jobs", "2", "--out", "s2", "--quiet");
    expect_code(&r, 0, "sweep");
    assert_string_equal(r.err, "");
    result_free(&r);
    RUN(&r, dir, "sweep", "b.yaml", "--vary", "bass.q=0.1,0.5", "--vary", "bass.p=0.01:0.02:0.01",
        "--replicates", "3", "--jobs", "1", "--out", "s1", "--quiet");
    expect_code(&r, 0, "sweep one job");
    result_free(&r);
    assert_same_file(fmt_path(a, "%s/s1/runs.csv", dir), fmt_path(b, "%s/s2/runs.csv", dir));
    assert_same_file(fmt_path(a, "%s/s1/summary.csv", dir), fmt_path(b, "%s/s2/summary.csv", dir));

    char *runs = read_in(dir, "s2/runs.csv");
    assert_memory_equal(runs, "run,point,replicate,seed,bass.q,bass.p,final_day,", 48);
    /* 4 points x 3 replicates, in order; the last key varies fastest. */
    const int buyers_at = field_index(runs, "final_buyers");
    assert_true(buyers_at > 6);
    char *line = strchr(runs, '\n') + 1;
    double buyers[12];
    for (int i = 0; i < 12; i++) {
        int run, point, rep;
        long long seed;
        char q[16], p[16];
        assert_int_equal(sscanf(line, "%d,%d,%d,%lld,%15[^,],%15[^,]", &run, &point, &rep, &seed, q, p), 6);
        assert_int_equal(run, i);
        assert_int_equal(point, i / 3);
        assert_int_equal(rep, i % 3);
        if (rep == 0)
            assert_int_equal(seed, 5);
        assert_string_equal(q, point < 2 ? "0.1" : "0.5");
        assert_string_equal(p, point % 2 ? "0.02" : "0.01");
        const char *f = line;
        for (int k = 0; k < buyers_at; k++)
            f = strchr(f, ',') + 1;
        buyers[i] = strtod(f, NULL);
        line = strchr(line, '\n') + 1;
    }
    assert_int_equal(*line, '\0');
    free(runs);
    /* Common random numbers: replicate r has one seed at every point. */
    char *summary = read_in(dir, "s2/summary.csv");
    /* Totals first, then the last day's values. */
    assert_non_null(strstr(summary, "point,bass.q,bass.p,n,total_orders_mean,"));
    const int mean_at = field_index(summary, "final_buyers_mean");
    assert_true(mean_at > 4);
    const char *row = strchr(summary, '\n') + 1;
    for (int point = 0; point < 4; point++) {
        const char *f = row;
        for (int k = 0; k < mean_at; k++)
            f = strchr(f, ',') + 1;
        double mean = (buyers[3 * point] + buyers[3 * point + 1] + buyers[3 * point + 2]) / 3;
        assert_true(fabs(strtod(f, NULL) - mean) < 1e-6 * (1 + mean)); /* final_buyers_mean */
        row = strchr(row, '\n') + 1;
    }
    free(summary);
    assert_true(exists_in(dir, "s2/experiment.yaml"));
    /* The charts, drawn offscreen (this build has the drawing library). */
    for (int k = 0; k < 2; k++) {
        char *png = read_in(dir, k ? "s2/plot-final_buyers.png" : "s2/plot-total_gmv_total.png");
        assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
        free(png);
    }

    static const char *const bad[] = {"bass.q=2", "bass.qq=0.1", "bass.q=0.1:0:0.1", "bass.q",
                                      "seed=1,2"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        RUN(&r, dir, "sweep", "b.yaml", "--vary", bad[i], "--out", "never", "--quiet");
        expect_code(&r, 2, bad[i]);
        result_free(&r);
        assert_false(exists_in(dir, "never"));
    }
    /* --resume after a kill: the files hold whole records of some runs and a
     * record cut short; the resumed sweep ends byte for byte as s3, which
     * was never interrupted. */
    static const char *const args[] = {"sweep", "b.yaml", "--vary", "bass.q=0.1,0.5", "--vary",
                                       "bass.p=0.01:0.02:0.01", "--replicates", "3",
                                       "--keep-series", "--quiet", "--out", NULL, NULL, NULL};
    const char *argv_a[14], *argv_b[14];
    memcpy(argv_a, args, sizeof args);
    memcpy(argv_b, args, sizeof args);
    argv_a[11] = "s3";
    argv_b[11] = "s4";
    run_args(&r, dir, argv_a);
    expect_code(&r, 0, "sweep s3");
    result_free(&r);
    run_args(&r, dir, argv_b);
    expect_code(&r, 0, "sweep s4");
    result_free(&r);
    static const struct {
        const char *file;
        int keep_lines;
    } cut[] = {{"runs.csv", 5}, {"series.csv", 30}};
    for (size_t c = 0; c < 2; c++) {
        char *text = read_in(dir, fmt_path(a, "s4/%s", cut[c].file));
        char *p = text;
        for (int k = 0; k < cut[c].keep_lines; k++)
            p = strchr(p, '\n') + 1;
        p += 7; /* and half a record */
        *p = '\0';
        write_text(dir, fmt_path(a, "s4/%s", cut[c].file), text);
        free(text);
    }
    assert_int_equal(unlink(fmt_path(a, "%s/s4/summary.csv", dir)), 0);
    argv_b[12] = "--resume";
    run_args(&r, dir, argv_b);
    expect_code(&r, 0, "sweep --resume");
    result_free(&r);
    static const char *const files[] = {"runs.csv", "summary.csv", "series.csv", "experiment.yaml"};
    for (size_t i = 0; i < 4; i++)
        assert_same_file(fmt_path(a, "%s/s3/%s", dir, files[i]), fmt_path(b, "%s/s4/%s", dir, files[i]));
    /* Resuming another experiment in that folder is refused. */
    RUN(&r, dir, "sweep", "b.yaml", "--vary", "bass.q=0.1", "--out", "s4", "--resume", "--quiet");
    expect_code(&r, 2, "sweep --resume, another experiment");
    expect_first_line(r.err, "circlesim: error: ", "different experiment", "resume another");
    result_free(&r);
    /* A Latin hypercube: 6 points x 2 replicates, bass.q's values one per
     * sixth of its range, whole numbers for a whole-number key. */
    RUN(&r, dir, "sweep", "b.yaml", "--design", "lhs:6", "--vary", "bass.q=0.1:0.7",
        "--vary", "population.size=100:700", "--replicates", "2", "--out", "lhs", "--quiet");
    expect_code(&r, 0, "sweep lhs");
    result_free(&r);
    char *lhs = read_in(dir, "lhs/runs.csv");
    int strata_q[6] = {0}, rows = 0;
    for (const char *l = strchr(lhs, '\n') + 1; *l; l = strchr(l, '\n') + 1, rows++) {
        int run, point, rep;
        long long seed;
        double q, n;
        assert_int_equal(sscanf(l, "%d,%d,%d,%lld,%lf,%lf", &run, &point, &rep, &seed, &q, &n), 6);
        assert_true(n == floor(n));
        if (rep == 0)
            strata_q[(int)((q - 0.1) / 0.1)]++;
    }
    assert_int_equal(rows, 12);
    for (int i = 0; i < 6; i++)
        assert_int_equal(strata_q[i], 1);
    free(lhs);
    char *lhs_png = read_in(dir, "lhs/plot-total_gmv_total.png");
    assert_memory_equal(lhs_png, "\x89PNG\r\n\x1a\n", 8);
    free(lhs_png);
    RUN(&r, dir, "sweep", "b.yaml", "--design", "lhs:6", "--vary", "bass.q=0.1,0.7", "--out",
        "never", "--quiet");
    expect_code(&r, 2, "sweep lhs without a range");
    result_free(&r);

    /* Morris screening ranks a key that does nothing last and the dominant
     * one first: with q small and a few days, buyers follow p; the price
     * does not touch buyers at all. */
    write_text(dir, "m.yaml",
               "name: m\nmodel: bass\ndays: 10\nseed: 2\npopulation: {size: 1500}\n"
               "network: {kind: complete}\n");
    RUN(&r, dir, "sweep", "m.yaml", "--design", "morris:6", "--vary", "bass.p=0.001:0.05",
        "--vary", "bass.q=0:0.05", "--vary", "price=50:150", "--replicates", "2", "--out", "mo",
        "--quiet");
    expect_code(&r, 0, "sweep morris");
    result_free(&r);
    char *sens = read_in(dir, "mo/sensitivity.csv");
    const char *fb = strstr(sens, "\nfinal_buyers,");
    assert_non_null(fb);
    assert_memory_equal(fb + 1, "final_buyers,bass.p,", 20);
    fb = strchr(fb + 1, '\n');
    fb = strchr(fb + 1, '\n');
    assert_memory_equal(fb + 1, "final_buyers,price,0,0,0,6", 26);
    free(sens);
    assert_true(exists_in(dir, "mo/sensitivity-total_gmv_total.png"));

    /* Morris divides by the step actually taken: final_users is the
     * population size, so its effect over the range 100:103 is exactly 3,
     * although whole numbers round the nominal step of 2/3 of the range. */
    RUN(&r, dir, "sweep", "m.yaml", "--design", "morris:4", "--vary", "population.size=100:103",
        "--vary", "bass.p=0.01:0.02", "--replicates", "2", "--out", "mw", "--quiet");
    expect_code(&r, 0, "sweep morris whole numbers");
    result_free(&r);
    sens = read_in(dir, "mw/sensitivity.csv");
    assert_non_null(strstr(sens, "\nfinal_users,population.size,3,3,0,4\n"));
    free(sens);
    /* A folder that cannot be made is a runtime failure (exit 1). */
    write_text(dir, "afile", "x\n");
    RUN(&r, dir, "sweep", "b.yaml", "--vary", "bass.q=0.1", "--replicates", "2", "--out",
        "afile/x", "--quiet");
    expect_code(&r, 1, "sweep into a file's folder");
    result_free(&r);

    /* An experiment: block makes the experiment a file: the same sweep as
     * the options would run, byte for byte; a run ignores the block. */
    write_text(dir, "e.yaml",
               "name: b\nmodel: bass\ndays: 12\nseed: 5\npopulation:\n  size: 400\n"
               "network:\n  kind: erdos_renyi\n  mean_degree: 6\n"
               "experiment:\n  replicates: 3\n  vary:\n    bass.q: [0.1, 0.5]\n"
               "    bass.p: 0.01:0.02:0.01\n");
    RUN(&r, dir, "sweep", "e.yaml", "--out", "se", "--quiet");
    expect_code(&r, 0, "sweep from an experiment block");
    result_free(&r);
    assert_same_file(fmt_path(a, "%s/se/runs.csv", dir), fmt_path(b, "%s/s1/runs.csv", dir));
    RUN(&r, dir, "run", "e.yaml", "--out", "re", "--quiet");
    expect_code(&r, 0, "run ignores the experiment block");
    result_free(&r);
    write_text(dir, "ebad.yaml", "model: bass\nexperiment:\n  design: lhs:1\n  vary:\n"
                                 "    bass.qq: [1]\n");
    RUN(&r, dir, "check", "ebad.yaml");
    expect_code(&r, 2, "a bad experiment block");
    expect_first_line(r.err, "ebad.yaml:3:11: error: ", "experiment.design", "bad experiment");
    assert_non_null(strstr(r.err, "ebad.yaml:5:5: error: experiment.vary: unknown key 'bass.qq'"));
    result_free(&r);

    /* Variants: whole strategies side by side. Each variant's runs are the
     * factorial's runs at the same values (common random numbers), metric
     * for metric; a key a variant leaves alone keeps the base value. */
    write_text(dir, "v.yaml",
               "name: b\nmodel: bass\ndays: 12\nseed: 5\npopulation:\n  size: 400\n"
               "network:\n  kind: erdos_renyi\n  mean_degree: 6\nbass:\n  p: 0.01\n"
               "experiment:\n  replicates: 3\n  variants:\n    fast: {bass.q: 0.5, bass.p: 0.02}\n"
               "    \"slow, cheap\": {bass.q: 0.1}\n");
    RUN(&r, dir, "sweep", "v.yaml", "--out", "sv", "--quiet");
    expect_code(&r, 0, "sweep of variants");
    result_free(&r);
    char *vruns = read_in(dir, "sv/runs.csv"), *fruns = read_in(dir, "s1/runs.csv");
    static const char vhead[] = "run,point,replicate,seed,variant,bass.q,bass.p,final_day,";
    assert_memory_equal(vruns, vhead, sizeof vhead - 1);
    int matched = 0;
    for (const char *v = strchr(vruns, '\n') + 1; *v; v = strchr(v, '\n') + 1) {
        /* run,point,replicate,seed,variant,q,p,metrics... (the name may be quoted) */
        char rep[16], q[16], pv[16];
        const char *name_end = v;
        for (int k = 0; k < 4; k++)
            name_end = strchr(name_end, ',') + 1;
        const char *after = name_end[0] == '"' ? strstr(name_end, "\",") + 2
                                               : strchr(name_end, ',') + 1;
        assert_int_equal(sscanf(strchr(strchr(v, ',') + 1, ',') + 1, "%15[^,]", rep), 1);
        assert_int_equal(sscanf(after, "%15[^,],%15[^,]", q, pv), 2);
        const char *metrics = strchr(strchr(after, ',') + 1, ',') + 1;
        size_t mlen = strcspn(metrics, "\n");
        int found = 0;
        for (const char *f = strchr(fruns, '\n') + 1; *f && !found; f = strchr(f, '\n') + 1) {
            char frep[16], fq[16], fp[16];
            const char *p2 = strchr(strchr(f, ',') + 1, ',') + 1;
            assert_int_equal(sscanf(p2, "%15[^,]", frep), 1);
            const char *keys = strchr(strchr(p2, ',') + 1, ',') + 1;
            assert_int_equal(sscanf(keys, "%15[^,],%15[^,]", fq, fp), 2);
            const char *fm = strchr(strchr(keys, ',') + 1, ',') + 1;
            if (!strcmp(rep, frep) && !strcmp(q, fq) && !strcmp(pv, fp)) {
                found = 1;
                assert_int_equal(strcspn(fm, "\n"), mlen);
                assert_memory_equal(fm, metrics, mlen);
            }
        }
        if (!found)
            fail_msg("no factorial run with replicate %s, q %s, p %s", rep, q, pv);
        matched++;
    }
    assert_int_equal(matched, 6);
    assert_non_null(strstr(vruns, ",\"slow, cheap\",0.1,0.01,"));
    free(vruns);
    free(fruns);
    char *vplot = read_in(dir, "sv/plot-total_gmv_total.png");
    assert_memory_equal(vplot, "\x89PNG\r\n\x1a\n", 8);
    free(vplot);
    write_text(dir, "vbad.yaml", "model: bass\nexperiment:\n  variants:\n    a: {bass.q: 7}\n"
                                 "    b: {bass.qq: 1}\n  vary: {bass.p: [0.1]}\n");
    RUN(&r, dir, "check", "vbad.yaml");
    expect_code(&r, 2, "bad variants");
    assert_non_null(strstr(r.err, "vbad.yaml:4:17: error: bass.q must be between 0 and 1"));
    assert_non_null(strstr(r.err, "vbad.yaml:5:9: error: experiment.variants.b: unknown key"));
    assert_non_null(strstr(r.err, "error: experiment: give vary (keys to combine) or variants"));
    result_free(&r);
    /* A name is a cell of runs.csv and a bar's label: one line of text. */
    write_text(dir, "vname.yaml", "model: bass\nexperiment:\n  variants:\n    \"a\\nb\": "
                                  "{bass.q: 0.1}\n");
    RUN(&r, dir, "check", "vname.yaml");
    expect_code(&r, 2, "a variant name with a line end");
    assert_non_null(strstr(r.err, "vname.yaml:4:5: error: experiment.variants: a variant's name"));
    result_free(&r);
    /* Columns are one model's: the model itself cannot vary. */
    RUN(&r, dir, "sweep", "b.yaml", "--vary", "model=platform", "--out", "never");
    expect_code(&r, 2, "--vary model");
    result_free(&r);
    assert_false(exists_in(dir, "never"));

    /* A folder holding something else is not a sweep's to clear. */
    RUN(&r, dir, "sweep", "b.yaml", "--vary", "bass.q=0.1", "--replicates", "2", "--out", ".");
    expect_code(&r, 2, "sweep into a busy folder");
    result_free(&r);
}

/* The number after "key": in text from, or NaN. */
static double json_number_after(const char *from, const char *key)
{
    const char *p = from ? strstr(from, key) : NULL;
    return p ? strtod(p + strlen(key), NULL) : NAN;
}

/* A field of a runs.csv row by the header's name (no quoted fields). */
static double csv_field(const char *csv, const char *row, const char *name)
{
    int k = field_index(csv, name);
    if (k < 0)
        return NAN;
    for (const char *p = row; k > 0; k--) {
        p = strchr(p, ',');
        if (!p)
            return NAN;
        row = ++p;
    }
    char *end;
    double v = strtod(row, &end);
    return end == row ? NAN : v;
}

/* An experiment's brand columns are the run's own figures: a sweep's run on
 * seed s reports what `run` on seed s writes into summary.json's
 * brands.brand (money to the fen, ratios to the 6 digits summary.json writes). */
static void test_brand_columns(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "brandcols");
    write_text(dir, "b.yaml",
               "days: 40\nwarmup_days: 20\npopulation: {size: 3000}\nseed: 11\n"
               "brand: {koc_seeds: 30, ad_budget: 200, dm_per_day: 50}\n");
    result r;
    RUN(&r, dir, "run", "b.yaml", "--quiet", "--out", "one");
    expect_code(&r, 0, "run");
    result_free(&r);
    RUN(&r, dir, "sweep", "b.yaml", "--vary", "brand.koc_seeds=30", "--replicates", "1",
        "--quiet", "--out", "sw");
    expect_code(&r, 0, "sweep");
    result_free(&r);
    char *json = read_in(dir, "one/summary.json");
    char *csv = read_in(dir, "sw/runs.csv");
    const char *brand = strstr(json, "\"brand\": {");
    assert_non_null(brand);
    const char *total = strstr(brand, "\"total\": {");
    assert_non_null(total);
    const char *row = strchr(csv, '\n') + 1;
    assert_true(csv_field(csv, row, "seed") == 11);
    const struct {
        const char *column, *key;
        const char *from;
        double tol;
    } checks[] = {
        {"brand_gmv", "\"gmv\": ", total, 0.005},
        {"brand_spend", "\"spend\": ", total, 0.005},
        {"brand_profit", "\"profit\": ", total, 0.006},
        {"brand_roi", "\"roi\": ", total, 1e-5}, /* summary.json: 6 digits */
        {"brand_roas", "\"roas\": ", total, 1e-5},
        {"brand_gmv_onsite", "\"gmv_onsite\": ", total, 0.005},
        {"brand_buyers", "\"buyers\": ", total, 0},
        {"brand_repeat_buyers", "\"repeat_buyers\": ", total, 0},
        {"brand_orders", "\"orders\": ", total, 0},
        {"brand_gmv_koc", "\"gmv\": ", strstr(brand, "\"koc\": {"), 0.005},
        {"brand_spend_dm", "\"spend\": ", strstr(brand, "\"dm\": {"), 0.005},
        {"total_spend", "\"spend\": ", strstr(json, "\"totals\": {"), 0.005},
    };
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        double want = json_number_after(checks[i].from, checks[i].key);
        double got = csv_field(csv, row, checks[i].column);
        if (!(fabs(got - want) <= checks[i].tol * (checks[i].tol < 0.001 ? fabs(want) : 1) + 1e-9))
            fail_msg("%s: runs.csv %.10g, summary.json %.10g", checks[i].column, got, want);
    }
    /* The campaign sold, spent, and sold to some buyers twice or not. */
    assert_true(csv_field(csv, row, "brand_gmv") > 0);
    assert_true(csv_field(csv, row, "brand_spend") > 0);
    assert_true(csv_field(csv, row, "brand_buyers") >= csv_field(csv, row, "brand_repeat_buyers"));
    assert_true(csv_field(csv, row, "brand_orders") >= csv_field(csv, row, "brand_buyers"));
    free(json);
    free(csv);
}

/* A sweep of the brand's strategies: its pictures are of the brand's money,
 * two variants that cannot differ (no DMs or livestreams to steer) are
 * named in a warning, and --metric chooses (an unknown one is refused
 * before anything runs). */
static void test_sweep_brand_variants(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "sweepbrand");
    write_text(dir, "v.yaml",
               "days: 20\nwarmup_days: 10\npopulation: {size: 2000}\nbrand: {koc_seeds: 10}\n"
               "experiment:\n  replicates: 2\n  variants:\n"
               "    inverted: {brand.strategy: inverted}\n"
               "    broadcast: {brand.strategy: broadcast}\n"
               "    more: {brand.koc_seeds: 40}\n");
    result r;
    RUN(&r, dir, "sweep", "v.yaml", "--quiet", "--out", "s");
    expect_code(&r, 0, "sweep of variants");
    assert_non_null(strstr(r.err, "warning: variants inverted and broadcast: brand.strategy "
                                  "(inverted: inverted, broadcast: broadcast): identical "
                                  "outcomes on all 2 seeds"));
    assert_null(strstr(r.err, "variants inverted and more"));
    result_free(&r);
    assert_true(exists_in(dir, "s/plot-brand_gmv.png"));
    assert_true(exists_in(dir, "s/plot-brand_roi.png"));
    assert_false(exists_in(dir, "s/plot-total_gmv_total.png"));
    RUN(&r, dir, "sweep", "v.yaml", "--metric", "final_dau", "--quiet", "--out", "s2");
    expect_code(&r, 0, "sweep --metric");
    result_free(&r);
    assert_true(exists_in(dir, "s2/plot-final_dau.png"));
    assert_false(exists_in(dir, "s2/plot-brand_gmv.png"));
    RUN(&r, dir, "sweep", "v.yaml", "--metric", "brand_joy", "--out", "never");
    expect_code(&r, 2, "sweep --metric unknown");
    assert_non_null(strstr(r.err, "--metric brand_joy: no such measure"));
    result_free(&r);
    assert_false(exists_in(dir, "never"));
    /* brand.budget 0 is no cap, not the least budget: kept in summary.csv,
     * left off the picture's axis. */
    RUN(&r, dir, "sweep", "v.yaml", "--vary", "brand.budget=0,2000,4000", "--replicates", "2",
        "--quiet", "--out", "b");
    expect_code(&r, 0, "sweep over brand.budget with 0");
    result_free(&r);
    assert_true(exists_in(dir, "b/plot-brand_gmv.png"));
    char *summary = read_in(dir, "b/summary.csv");
    assert_non_null(strstr(summary, "\n0,0,"));
    free(summary);
}

/* sweep --robust on variants: seeding more KOCs sells more of the brand in
 * every plausible world (the mechanism, not an assumption), so the
 * highest variant on the brand's GMV stays highest in all of them;
 * robust.csv has a row per world and variant; --robust on a sweep of
 * ranges is refused before anything runs. */
static void test_sweep_robust(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "sweeprobust");
    write_text(dir, "v.yaml",
               "seed: 8\ndays: 60\nwarmup_days: 20\npopulation: {size: 2000}\n"
               "brand: {price: 299}\n"
               "experiment:\n  replicates: 3\n  variants:\n"
               "    none: {brand.koc_seeds: 0}\n"
               "    kocs-30: {brand.koc_seeds: 30}\n"
               "    kocs-60: {brand.koc_seeds: 60}\n");
    result r;
    RUN(&r, dir, "sweep", "v.yaml", "--metric", "brand_gmv", "--robust", "12", "--out", "s");
    expect_code(&r, 0, "sweep --robust");
    assert_non_null(strstr(r.out, "does the ranking survive what the model assumes? 12 "
                                  "plausible worlds"));
    assert_non_null(strstr(r.out, "kocs-60, highest in the scenario's own world, stays highest "
                                  "in 12 of 12 (100%"));
    result_free(&r);
    char *csv = read_in(dir, "s/robust.csv");
    size_t lines = 0;
    for (const char *p = csv; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 1 + 12 * 3);
    assert_non_null(strstr(csv, "world,metric,variant,pairs,mean,diff_vs_first,"));
    assert_non_null(strstr(csv, "\n1,brand_gmv,kocs-60,3,"));
    free(csv);
    char *html = read_in(dir, "s/report.html");
    assert_non_null(strstr(html, "Does the ranking survive what the model assumes?"));
    free(html);
    RUN(&r, dir, "sweep", "v.yaml", "--vary", "brand.koc_seeds=0,10", "--robust", "4", "--out",
        "never");
    expect_code(&r, 2, "sweep --robust over ranges");
    assert_non_null(strstr(r.err, "--robust ranks the variants of a scenario's experiment"));
    result_free(&r);
    assert_false(exists_in(dir, "never"));
}

/* circlesim lesson --handout: a picture per step, the steps' words, and
 * what the model gives at each step over seeds; the same bytes again;
 * a scenario without a lesson, or no --handout, refused. */
static void test_lesson_handout(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "handout");
    write_text(dir, "l.yaml",
               "days: 20\nwarmup_days: 5\npopulation: {size: 1000}\n"
               "lesson:\n  title: {en: Small lesson, zh: 小课}\n"
               "  views: [{measure: dau, title: {en: Daily users, zh: 日活}},\n"
               "          {measure: gmv, title: {en: Sales, zh: 销售额}}]\n"
               "  steps:\n    - {caption: {en: Start, zh: 开始}}\n"
               "    - {day: 10, caption: {en: Look, zh: 看}, question: {en: Why?, zh: 为什么？}}\n");
    write_text(dir, "plain.yaml", "days: 5\npopulation: {size: 500}\n");
    result r;
    RUN(&r, dir, "lesson", "l.yaml", "--handout", "h", "--replicates", "2", "--lang", "zh");
    expect_code(&r, 0, "lesson --handout");
    result_free(&r);
    char *md = read_in(dir, "h/handout.md");
    assert_non_null(strstr(md, "# 小课\n"));
    /* In the lesson's language throughout, numbers as a class reads them. */
    assert_non_null(strstr(md, "## 第 2 步（共 2 步）\n\n![step 2](step-02.png)\n\n看\n"));
    assert_non_null(strstr(md, "**问题：** 为什么？"));
    assert_non_null(strstr(md, "| 日活 (`dau`) | "));
    assert_non_null(strstr(md, "| 销售额，自第1天起的累计 (`gmv`) | "));
    assert_non_null(strstr(md, "第 10 天，2 个种子"));
    assert_null(strstr(md, "e+0"));
    assert_true(exists_in(dir, "h/step-01.png") && exists_in(dir, "h/step-02.png"));
    /* The PDF: whole (header to end-of-file mark), an A4 page or more,
     * each an image; where poppler's pdfinfo is installed, it reads the
     * file too. */
    char path[PATH_MAX];
    size_t plen = 0;
    char *pdf = read_all(fmt_path(path, "%s/h/handout.pdf", dir), &plen);
    assert_non_null(pdf);
    assert_true(plen > 1000 && memcmp(pdf, "%PDF-1.4\n", 9) == 0);
    assert_non_null(strstr(pdf + plen - 32, "%%EOF\n"));
    assert_non_null(memmem(pdf, plen, "/MediaBox [0 0 595.28 841.89]", 29));
    assert_non_null(memmem(pdf, plen, "/Subtype /Image", 15));
    free(pdf);
    if (system("pdfinfo -v >/dev/null 2>&1") == 0) {
        char cmd[PATH_MAX + 64];
        snprintf(cmd, sizeof cmd, "pdfinfo '%s' | grep -q '^Pages: *[1-9]'", path);
        assert_int_equal(system(cmd), 0);
    }
    RUN(&r, dir, "lesson", "l.yaml", "--handout", "h2", "--replicates", "2", "--lang", "zh");
    expect_code(&r, 0, "lesson --handout again");
    result_free(&r);
    char *again = read_in(dir, "h2/handout.md");
    /* The same but for the folder named in its last line. */
    assert_memory_equal(md, again, (size_t)(strstr(md, "---\n") - md));
    free(again);
    free(md);
    RUN(&r, dir, "lesson", "l.yaml", "--handout", "never", "--lang", "ZH");
    expect_code(&r, 2, "lesson --lang in capitals");
    assert_non_null(strstr(r.err, "the lesson is in en, zh (language codes are written as the "
                                  "lesson writes them: --lang zh)"));
    result_free(&r);
    RUN(&r, dir, "lesson", "plain.yaml", "--handout", "never");
    expect_code(&r, 2, "lesson without a lesson");
    assert_non_null(strstr(r.err, "has no lesson: block"));
    result_free(&r);
    RUN(&r, dir, "lesson", "l.yaml");
    expect_code(&r, 2, "lesson without --handout");
    result_free(&r);
    assert_false(exists_in(dir, "never"));
}

/* A variant may be a plan over time: its own interventions, which replace
 * the scenario's; runs.csv names them, and they act (a heavy ad load from
 * day 5 costs trust by the last day). A bad one is reported where it is. */
static void test_variant_interventions(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "variantplan");
    write_text(dir, "p.yaml",
               "days: 20\nwarmup_days: 10\npopulation: {size: 2000}\n"
               "interventions: [{day: 10, set: {brand.ad_budget: 50}}]\n"
               "experiment:\n  replicates: 2\n  variants:\n"
               "    steady: {interventions: []}\n"
               "    heavy: {interventions: [{day: 5, set: {feed.ad_load: 0.4}}]}\n");
    result r;
    RUN(&r, dir, "sweep", "p.yaml", "--metric", "final_mean_trust", "--quiet", "--out", "s");
    expect_code(&r, 0, "sweep of plans");
    result_free(&r);
    char *csv = read_in(dir, "s/summary.csv");
    const char *steady = strstr(csv, "\n0,steady,[],"),
               *heavy = strstr(csv, "\n1,heavy,\"[{day: 5, set: {feed.ad_load: 0.4}}]\",");
    assert_non_null(steady);
    assert_non_null(heavy);
    int at = field_index(csv, "final_mean_trust_mean");
    assert_true(at > 0);
    const char *f[2] = {steady + 1, heavy + 1};
    double trust[2];
    for (int i = 0; i < 2; i++) {
        int quoted = 0, k = 0;
        const char *p = f[i];
        for (; *p && k < at; p++) {
            if (*p == '"')
                quoted = !quoted;
            else if (*p == ',' && !quoted)
                k++;
        }
        trust[i] = strtod(p, NULL);
    }
    print_message("mean trust on the last day: %.4f steady, %.4f heavy\n", trust[0], trust[1]);
    assert_true(trust[1] < trust[0] - 0.01);
    free(csv);
    write_text(dir, "bad.yaml", "experiment:\n  variants:\n"
                                "    a: {interventions: [{day: 5, set: {feed.ad_loud: 1}}]}\n");
    RUN(&r, dir, "check", "bad.yaml");
    expect_code(&r, 2, "a variant's bad intervention");
    assert_non_null(strstr(r.err, "bad.yaml:3:40: error: "));
    assert_non_null(strstr(r.err, "'feed.ad_loud' is not a lever"));
    result_free(&r);
    /* A variant's plan past the run's last day: check and sweep say where,
     * before anything runs; a run ignores the experiment. */
    write_text(dir, "late.yaml", "days: 20\npopulation: {size: 500}\nexperiment:\n  variants:\n"
                                 "    steady: {interventions: []}\n"
                                 "    late: {interventions: [{day: 70, set: {feed.ad_load: 0.3}}]}\n");
    static const char late[] = "late.yaml:6:34: error: experiment.variants.late.interventions: "
                               "day 70 is after the last day (20)";
    RUN(&r, dir, "check", "late.yaml");
    expect_code(&r, 2, "check: a variant's day past the last");
    assert_non_null(strstr(r.err, late));
    result_free(&r);
    RUN(&r, dir, "sweep", "late.yaml", "--out", "never");
    expect_code(&r, 2, "sweep: a variant's day past the last");
    assert_non_null(strstr(r.err, late));
    result_free(&r);
    assert_false(exists_in(dir, "never"));
    RUN(&r, dir, "run", "late.yaml", "--days", "3", "--quiet", "--out", "ran");
    expect_code(&r, 0, "run ignores the experiment");
    result_free(&r);
}

/* A campaign against no campaign: compare reports the campaign's own
 * (incremental) GMV and ROI, in its output and in compare.csv, and they
 * are the paired difference of the brand's GMV and its spend. */
static void test_compare_incremental(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "incremental");
    const char *yaml = "name: %s\ndays: 30\nwarmup_days: 10\npopulation: {size: 2000}\n"
                       "brand: {koc_seeds: %d}\n";
    char text[256];
    snprintf(text, sizeof text, yaml, "none", 0);
    write_text(dir, "none.yaml", text);
    snprintf(text, sizeof text, yaml, "kocs", 30);
    write_text(dir, "kocs.yaml", text);
    result r;
    RUN(&r, dir, "compare", "none.yaml", "kocs.yaml", "--replicates", "3", "--out", "c");
    expect_code(&r, 0, "compare a campaign with none");
    assert_non_null(strstr(r.out, "the campaign (B, "));
    assert_non_null(strstr(r.out, " against none (A): incremental brand GMV "));
    result_free(&r);
    char *csv = read_in(dir, "c/compare.csv");
    const char *gmv = strstr(csv, "\nbrand_gmv,"), *inc = strstr(csv, "\nincremental_brand_gmv,,,");
    const char *roi = strstr(csv, "\nincremental_brand_roi,,,");
    assert_non_null(gmv);
    assert_non_null(inc);
    assert_non_null(roi);
    double am, bm, dm;
    assert_int_equal(sscanf(gmv + 11, "%lf,%lf,%lf", &am, &bm, &dm), 3);
    assert_true(fabs(strtod(inc + 25, NULL) - dm) < 1e-6 * (1 + fabs(dm)));
    /* The ROI is (0.35 x incremental GMV - spend) / spend pair by pair;
     * with the mean spend (30 KOCs at 300 yuan and a few commissions, the
     * same within 1% in every pair) it is the same to 0.01. */
    const char *spend = strstr(csv, "\nbrand_spend,");
    assert_non_null(spend);
    double sa, sb;
    assert_int_equal(sscanf(spend + 13, "%lf,%lf", &sa, &sb), 2);
    assert_true(sa == 0 && sb >= 9000);
    double want = (0.35 * dm - sb) / sb;
    assert_true(fabs(strtod(roi + 25, NULL) - want) < 0.01);
    free(csv);
}

/* compare --robust on a case with a known answer: seeding 60 KOCs (B)
 * against none (A) pays back only while a KOC costs less than margin x
 * the extra GMV / 60, about 300 yuan here, which is inside brand.koc_cost's
 * plausible range (150 to 600). The scenarios state the KOCs' pull and how
 * long notes last (held), so the cost is what decides: the report must
 * name brand.koc_cost, with the verdict holding below its threshold.
 * Fixed seeds: the same worlds and runs every time. */
static void test_compare_robust(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "robust");
    const char *yaml = "name: %s\nseed: 8\ndays: 60\nwarmup_days: 20\n"
                       "population: {size: 2000}\nmarket: {margin: 0.8}\n"
                       "cred: {koc: 0.2}\nfunnel: {note_days: 14}\n"
                       "brand: {price: 299, koc_seeds: %d}\n";
    char text[512];
    snprintf(text, sizeof text, yaml, "none", 0);
    write_text(dir, "none.yaml", text);
    snprintf(text, sizeof text, yaml, "kocs", 60);
    write_text(dir, "kocs.yaml", text);
    result r;
    RUN(&r, dir, "compare", "none.yaml", "kocs.yaml", "--replicates", "4", "--metric",
        "brand_profit", "--robust", "40", "--out", "r");
    expect_code(&r, 0, "compare --robust");
    print_message("%s", r.out);
    assert_non_null(strstr(r.out, "40 plausible worlds, "));
    assert_non_null(strstr(r.out, "held as the scenarios, --set or --pin give them: "));
    assert_non_null(strstr(r.out, "cred.koc"));
    assert_non_null(strstr(r.out, "market.margin"));
    /* Some worlds hold and some flip, and the cost tells them apart. */
    const char *in = strstr(r.out, "B raises it in ");
    assert_non_null(in);
    int holds = 0, of = 0;
    assert_int_equal(sscanf(in + 15, "%d of %d", &holds, &of), 2);
    assert_int_equal(of, 40);
    assert_true(holds >= 4 && holds <= 36);
    static const char first[] =
        "it hinges on brand.koc_cost: B raises it where brand.koc_cost is below ";
    const char *h = strstr(r.out, first);
    assert_non_null(h);
    const double t = strtod(h + sizeof first - 1, NULL);
    assert_true(t > 150 && t < 600);
    result_free(&r);
    /* A row per world, the keys varied as columns (not those held). */
    char *csv = read_in(dir, "r/robust.csv");
    size_t lines = 0;
    for (const char *p = csv; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 41);
    const char *eol = strchr(csv, '\n');
    assert_non_null(strstr(csv, ",brand.koc_cost,"));
    const char *held = strstr(csv, ",cred.koc,");
    assert_true(!held || held > eol);
    free(csv);
    char *html = read_in(dir, "r/report.html");
    assert_non_null(strstr(html, "Does it survive what the model assumes?"));
    assert_non_null(strstr(html, "it hinges on brand.koc_cost"));
    free(html);

    /* The same worlds and runs whatever the jobs. */
    RUN(&r, dir, "compare", "none.yaml", "kocs.yaml", "--replicates", "2", "--robust", "3",
        "--jobs", "1", "--out", "j1");
    expect_code(&r, 0, "compare --robust --jobs 1");
    result_free(&r);
    RUN(&r, dir, "compare", "none.yaml", "kocs.yaml", "--replicates", "2", "--robust", "3",
        "--jobs", "2", "--out", "j2");
    expect_code(&r, 0, "compare --robust --jobs 2");
    result_free(&r);
    char *j1 = read_in(dir, "j1/robust.csv"), *j2 = read_in(dir, "j2/robust.csv");
    assert_string_equal(j1, j2);
    free(j1);
    free(j2);

    /* Bad pins and counts are refused before anything runs. */
    RUN(&r, dir, "compare", "none.yaml", "kocs.yaml", "--robust", "5", "--pin", "cred.kocc",
        "--out", "never");
    expect_code(&r, 2, "--pin misspelt");
    assert_non_null(strstr(r.err, "--pin cred.kocc: no assumption of that name has a plausible "
                                  "range; did you mean 'cred.koc'?"));
    result_free(&r);
    RUN(&r, dir, "compare", "none.yaml", "kocs.yaml", "--robust", "5", "--pin", "brand.price",
        "--out", "never");
    expect_code(&r, 2, "--pin a decision");
    assert_non_null(strstr(r.err, "--pin brand.price: --robust never varies it"));
    result_free(&r);
    RUN(&r, dir, "compare", "none.yaml", "kocs.yaml", "--pin", "cred.kol", "--out", "never");
    expect_code(&r, 2, "--pin without --robust");
    result_free(&r);
    RUN(&r, dir, "compare", "none.yaml", "kocs.yaml", "--robust", "1", "--out", "never");
    expect_code(&r, 2, "--robust 1");
    result_free(&r);
    struct stat st;
    char never[PATH_MAX + 8];
    snprintf(never, sizeof never, "%s/never", dir);
    assert_int_not_equal(stat(never, &st), 0);
}

/* `compare` on a case with a known answer: Bass with q = 0 on a complete
 * network adopts independently, so after T days the expected buyers are
 * N (1 - (1 - p)^T); the 95% interval of B - A must hold the exact
 * difference (fixed seeds: the check never flakes). */
static void test_compare(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "compare");
    const char *yaml = "name: %s\nmodel: bass\ndays: 15\nseed: 9\npopulation: {size: 4000}\n"
                       "network: {kind: complete}\nbass: {p: %s, q: 0}\n";
    char text[512];
    snprintf(text, sizeof text, yaml, "low", "0.01");
    write_text(dir, "a.yaml", text);
    snprintf(text, sizeof text, yaml, "high", "0.03");
    write_text(dir, "b.yaml", text);
    result r;
    RUN(&r, dir, "compare", "a.yaml", "b.yaml", "--replicates", "20", "--out", "c");
    expect_code(&r, 0, "compare");
    /* The question, then the verdict on the platform's GMV (not only the
     * brand's keys differ). */
    assert_non_null(strstr(r.out, "A against B: bass.p (A: 0.01, B: 0.03)"));
    assert_non_null(strstr(r.out, "the verdict on the platform's GMV"));
    assert_non_null(strstr(r.out, "[total_gmv_total]: A "));
    assert_non_null(strstr(r.out, "B raises it by"));
    result_free(&r);
    char *csv = read_in(dir, "c/compare.csv");
    static const char head[] = "metric,a_mean,b_mean,diff_mean,diff_ci_lo,diff_ci_hi,rel_change\n";
    assert_memory_equal(csv, head, sizeof head - 1);
    const char *row = strstr(csv, "\nfinal_buyers,");
    assert_non_null(row);
    double am, bm, dm, lo, hi, rel;
    assert_int_equal(sscanf(row + 14, "%lf,%lf,%lf,%lf,%lf,%lf", &am, &bm, &dm, &lo, &hi, &rel), 6);
    double want = 4000 * (pow(0.99, 15) - pow(0.97, 15));
    print_message("buyers B - A: %.1f (95%% CI %.1f to %.1f), exact %.1f\n", dm, lo, hi, want);
    assert_true(lo < want && want < hi);
    assert_true(fabs(dm - (bm - am)) < 1e-6);
    free(csv);
    char *png = read_in(dir, "c/compare.png");
    assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
    free(png);

    /* --metric chooses the verdict's measure; one that does not exist is
     * refused before anything runs. */
    RUN(&r, dir, "compare", "a.yaml", "b.yaml", "--replicates", "3", "--metric", "final_buyers",
        "--out", "c2");
    expect_code(&r, 0, "compare --metric");
    assert_non_null(strstr(r.out, "the verdict on the measures asked for"));
    assert_non_null(strstr(r.out, "buyers by the last day [final_buyers]: A "));
    assert_null(strstr(r.out, "[total_gmv_total]"));
    result_free(&r);
    RUN(&r, dir, "compare", "a.yaml", "b.yaml", "--metric", "brand_happiness", "--out", "never");
    expect_code(&r, 2, "compare --metric unknown");
    assert_non_null(strstr(r.err, "--metric brand_happiness: no such measure"));
    result_free(&r);
    /* Arms that differ only where the model does not look give identical
     * runs: a warning naming the key, and no verdict. */
    snprintf(text, sizeof text, yaml, "low", "0.01");
    strcat(text, "brand: {price: 299}\n");
    write_text(dir, "inert.yaml", text);
    RUN(&r, dir, "compare", "a.yaml", "inert.yaml", "--replicates", "3", "--out", "c3");
    expect_code(&r, 0, "compare identical arms");
    assert_non_null(strstr(r.err, "warning: A and B gave identical runs on all 3 seeds: "
                                  "brand.price (A: 199, B: 299) has no effect"));
    assert_null(strstr(r.out, "verdict"));
    result_free(&r);
    /* Another world (its own network) and nothing else: a difference of
     * chance, which 5 pairs cannot tell from none, and how many would. */
    const char *er = "name: %s\nmodel: bass\ndays: 15\nseed: 9\nworld_seed: %d\n"
                     "population: {size: 2000}\nnetwork: {kind: erdos_renyi, mean_degree: 6}\n"
                     "bass: {p: 0.01, q: 0.3}\n";
    snprintf(text, sizeof text, er, "w1", 1);
    write_text(dir, "w1.yaml", text);
    snprintf(text, sizeof text, er, "w2", 2);
    write_text(dir, "w2.yaml", text);
    RUN(&r, dir, "compare", "w1.yaml", "w2.yaml", "--replicates", "5", "--out", "c4");
    expect_code(&r, 0, "compare two worlds");
    assert_non_null(strstr(r.out, "A against B: world_seed (A: 1, B: 2)"));
    assert_non_null(strstr(r.out, "no difference detectable with 5 paired runs"));
    result_free(&r);

    RUN(&r, dir, "compare", "a.yaml", "--out", "never");
    expect_code(&r, 2, "compare one scenario");
    result_free(&r);
    write_text(dir, "bad.yaml", "model: bass\nbass: {p: 7}\n");
    RUN(&r, dir, "compare", "a.yaml", "bad.yaml", "--out", "never");
    expect_code(&r, 2, "compare a bad scenario");
    result_free(&r);
    assert_false(exists_in(dir, "never"));
}

/* `validate` refuses what it cannot run before running anything, and
 * leaves no folder behind. */
static void test_validate_refusals(void **state)
{
    (void)state;
    char dir[256];
    make_dir(dir, "validate");
    result r;
    RUN(&r, dir, "validate", "--quick");
    expect_code(&r, 2, "validate without --out");
    result_free(&r);
    RUN(&r, dir, "validate", "a.yaml", "--out", "never");
    expect_code(&r, 2, "validate with a scenario");
    result_free(&r);
    RUN(&r, dir, "validate", "--quick", "--scenarios", "missing", "--out", "never");
    expect_code(&r, 2, "validate without its scenarios");
    assert_non_null(strstr(r.err, "missing/whatif/koc-seeding-a.yaml: error:"));
    result_free(&r);
    assert_false(exists_in(dir, "never"));
}

/* `calibrate` recovers Bass's p and q from points of the curve they make.
 * The targets are the discrete Bass recursion A(t) = A(t-1) + (N - A(t-1))
 * (p + q A(t-1) / N), the mean-field closed form of the model on a complete
 * network (not circlesim's own output), on the days where the curve still
 * moves; the fit starts far from the truth. The tolerance (8% for p, 4% for
 * q) covers the replicates' noise and the recursion's small bias at this N. */
static void test_calibrate(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "calibrate");
    const double N = 10000, p = 0.012, q = 0.4;
    char text[2048];
    int len = snprintf(text, sizeof text,
                       "name: fit\nmodel: bass\ndays: 24\nseed: 3\npopulation: {size: 10000}\n"
                       "network: {kind: complete}\nbass: {p: 0.03, q: 0.15}\n"
                       "targets:\n  points:\n");
    double a = 0;
    for (int t = 1; t <= 24; t++) {
        a += (N - a) * (p + q * a / N);
        if (t % 3 == 0)
            len += snprintf(text + len, sizeof text - (size_t)len,
                            "    - {column: buyers, day: %d, value: %.3f}\n", t, a);
    }
    write_text(dir, "fit.yaml", text);
    result r;
    RUN(&r, dir, "calibrate", "fit.yaml", "--free", "bass.p=0.001:0.05", "--free",
        "bass.q=0.05:0.8", "--replicates", "4", "--out", "c");
    expect_code(&r, 0, "calibrate");
    const char *fp = strstr(r.out, "bass.p = "), *fq = strstr(r.out, "bass.q = ");
    assert_non_null(fp);
    assert_non_null(fq);
    double gp = strtod(fp + 9, NULL), gq = strtod(fq + 9, NULL);
    print_message("fitted p = %.5f (true %.3f), q = %.4f (true %.2f)\n", gp, p, gq, q);
    assert_true(fabs(gp - p) < 0.08 * p);
    assert_true(fabs(gq - q) < 0.04 * q);
    char want[64];
    snprintf(want, sizeof want, "  p: %.*s\n", (int)strcspn(fp + 9, "\n"), fp + 9);
    const char *said = strstr(r.out, ", loss ");
    assert_non_null(said);
    double printed = strtod(said + 7, NULL);
    /* The check on fresh seeds is reported beside it, and as good here. */
    const char *fresh = strstr(r.out, "fresh seeds: ");
    assert_non_null(fresh);
    assert_true(strtod(fresh + 13, NULL) < 1e-3);
    result_free(&r);

    /* Every evaluation is a row; the printed loss is the least of them. */
    char *csv = read_in(dir, "c/calibration.csv");
    assert_memory_equal(csv, "evaluation,bass.p,bass.q,loss,buyers_day3,", 41);
    double least = HUGE_VAL;
    int rows = 0;
    for (const char *line = strchr(csv, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
        const char *f = line + 1;
        for (int k = 0; k < 3; k++)
            f = strchr(f, ',') + 1;
        least = fmin(least, strtod(f, NULL));
        rows++;
    }
    print_message("%d evaluations, least loss %g\n", rows, least);
    assert_true(rows > 10);
    assert_true(fabs(least - printed) <= 1e-5 * least);
    free(csv);
    char *targets = read_in(dir, "c/targets.csv");
    assert_memory_equal(targets, "target,value,weight,n,mean,sd,ci_lo,ci_hi,rel_error,setting\n"
                                 "buyers_day3,", 72);
    free(targets);
    char *png = read_in(dir, "c/calibration.png");
    assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
    free(png);
    /* calibrated.yaml is a scenario to run, with the fitted values. */
    char *yaml = read_in(dir, "c/calibrated.yaml");
    assert_non_null(strstr(yaml, want));
    free(yaml);
    RUN(&r, dir, "run", "c/calibrated.yaml", "--quiet", "--out", "again");
    expect_code(&r, 0, "run calibrated.yaml");
    result_free(&r);

    /* Across settings: every point runs in each, the check has a row per
     * target and setting. The price changes no buyer count, so the two
     * settings agree and the fit still finds p. */
    RUN(&r, dir, "calibrate", "fit.yaml", "--free", "bass.p=0.001:0.05", "--set", "bass.q=0.4",
        "--across", "price=50,100", "--replicates", "3", "--out", "across");
    expect_code(&r, 0, "calibrate --across");
    assert_non_null(strstr(r.out, "price=50:\n"));
    assert_non_null(strstr(r.out, "price=100:\n"));
    fp = strstr(r.out, "bass.p = ");
    assert_non_null(fp);
    assert_true(fabs(strtod(fp + 9, NULL) - p) < 0.1 * p);
    result_free(&r);
    targets = read_in(dir, "across/targets.csv");
    const char *header = "target,value,weight,n,mean,sd,ci_lo,ci_hi,rel_error,setting\n";
    assert_memory_equal(targets, header, strlen(header));
    int with50 = 0, with100 = 0;
    for (const char *line = strchr(targets, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
        const char *end = strchr(line + 1, '\n');
        size_t len = end ? (size_t)(end - line - 1) : strlen(line + 1);
        with50 += len > 9 && !strncmp(line + 1 + len - 9, ",price=50", 9);
        with100 += len > 10 && !strncmp(line + 1 + len - 10, ",price=100", 10);
    }
    assert_true(with50 > 0 && with50 == with100);
    free(targets);
    /* Bad settings: refused before anything runs, no folder. */
    static const char *const bad_across[][2] = {
        {"population.size=0,100", "--across: the scenario is not valid with population.size=0"},
        {"bass.p=0.01,0.02", "--across bass.p: the key is --free"},
        {"days=2,40", "--across: a target is past the last day with days=2"},
        {"price", "--across expects KEY=V1,V2"},
    };
    for (size_t i = 0; i < sizeof bad_across / sizeof bad_across[0]; i++) {
        RUN(&r, dir, "calibrate", "fit.yaml", "--free", "bass.p=0.001:0.05", "--across",
            bad_across[i][0], "--out", "bad-across");
        expect_code(&r, 2, bad_across[i][0]);
        if (!strstr(r.err, bad_across[i][1]))
            fail_msg("--across %s: stderr should say '%s': %s", bad_across[i][0],
                     bad_across[i][1], r.err);
        assert_false(exists_in(dir, "bad-across"));
        result_free(&r);
    }

    /* Bad requests: before anything runs, no folder. */
    static const char *const bad[][3] = {
        {"--free", "bass.r=0:1", "unknown key"},
        {"--free", "bass.p=0.5:0.1", "LO < HI"},
        {"--free", "bass.p=0:2", "key's own range"},
        {"--free", "network.kind=0:1", "only number keys"},
        {"--free", "bass.p", "KEY=LO:HI"},
        {"--free", "bass.p=:0.5", "LO < HI"},
        {"--free", "population.size=10.5:200", "whole-number bounds"},
        {"--free", "feed.ad_load=0:1", "does not apply to model bass"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        RUN(&r, dir, "calibrate", "fit.yaml", bad[i][0], bad[i][1], "--out", "never");
        expect_code(&r, 2, bad[i][1]);
        if (!strstr(r.err, bad[i][2]))
            fail_msg("%s: stderr should say '%s': %s", bad[i][1], bad[i][2], r.err);
        result_free(&r);
    }
    /* Three free keys need a first simplex of four points. */
    RUN(&r, dir, "calibrate", "fit.yaml", "--free", "bass.p=0.001:0.05", "--free",
        "bass.q=0.05:0.8", "--free", "price=50:150", "--max-evals", "3", "--out", "never");
    expect_code(&r, 2, "a budget smaller than the simplex");
    assert_non_null(strstr(r.err, "--max-evals must allow the first simplex"));
    result_free(&r);
    /* Targets that all weigh nothing leave nothing to fit. */
    RUN(&r, dir, "calibrate", "fit.yaml", "--set",
        "targets.points=[{column: buyers, day: 3, value: 50, weight: 0}]", "--free",
        "bass.p=0.001:0.05", "--out", "never");
    expect_code(&r, 2, "weights of 0");
    assert_non_null(strstr(r.err, "no targets to fit"));
    result_free(&r);
    write_text(dir, "none.yaml", "model: bass\ndays: 10\npopulation: {size: 100}\n");
    RUN(&r, dir, "calibrate", "none.yaml", "--free", "bass.p=0.01:0.1", "--out", "never");
    expect_code(&r, 2, "no targets");
    assert_non_null(strstr(r.err, "no targets"));
    result_free(&r);
    write_text(dir, "late.yaml",
               "model: bass\ndays: 10\ntargets:\n  points:\n    - {column: buyers, day: 11, "
               "value: 5}\n    - {column: sales, day: 2, value: 5}\n");
    RUN(&r, dir, "calibrate", "late.yaml", "--free", "bass.p=0.01:0.1", "--out", "never");
    expect_code(&r, 2, "bad target points");
    assert_non_null(strstr(r.err, "late.yaml:5:7: error: targets.points[0]: day 11 is after"));
    assert_non_null(strstr(r.err, "late.yaml:6:7: error: targets.points[1]: 'sales' is not"));
    result_free(&r);
    /* A run that stops before a target's day simply does not reach it. */
    RUN(&r, dir, "run", "fit.yaml", "--days", "5", "--out", "short", "--quiet");
    expect_code(&r, 0, "a run shorter than its targets");
    result_free(&r);
    assert_false(exists_in(dir, "never"));
}

/* A full disk (files limited to 2 KB, so writes fail as on a full one):
 * exit 1 with the reason, and an earlier result in the folder left as it
 * was, byte for byte. */
static void test_disk_full(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "disk_full");
    write_text(dir, "b.yaml", "model: bass\ndays: 60\npopulation: {size: 500}\n");
    result r;
    RUN(&r, dir, "run", "b.yaml", "--out", "o", "--quiet");
    expect_code(&r, 0, "a run to keep");
    result_free(&r);
    char *before = read_in(dir, "o/summary.json"), *series = read_in(dir, "o/timeseries.csv");
    child_file_limit = 2048;
    RUN(&r, dir, "run", "b.yaml", "--seed", "2", "--out", "o", "--quiet");
    child_file_limit = 0;
    expect_code(&r, 1, "a run on a full disk");
    assert_non_null(strstr(r.err, "File too large"));
    assert_non_null(strstr(r.err, "holds what it held before"));
    result_free(&r);
    char *after = read_in(dir, "o/summary.json"), *series_after = read_in(dir, "o/timeseries.csv");
    assert_string_equal(before, after);
    assert_string_equal(series, series_after);
    free(before);
    free(after);
    free(series);
    free(series_after);
    assert_int_equal(count_entries(fmt_path((char[PATH_MAX]){0}, "%s/o", dir)), 3);
    /* A sweep that cannot write its files says so and exits 1. */
    child_file_limit = 1024;
    RUN(&r, dir, "sweep", "b.yaml", "--vary", "bass.q=0.1,0.2", "--replicates", "2", "--out", "s",
        "--quiet");
    child_file_limit = 0;
    expect_code(&r, 1, "a sweep on a full disk");
    assert_non_null(strstr(r.err, "File too large"));
    result_free(&r);
}

/* A sweep killed (SIGKILL: no chance to tidy up) at several points of its
 * course and resumed ends with the files of an uninterrupted sweep, byte
 * for byte. Where the kills land depends on the machine's speed; what is
 * asserted does not. */
static void test_sweep_killed(void **state)
{
    (void)state;
    char dir[PATH_MAX], a[PATH_MAX], b[PATH_MAX];
    make_dir(dir, "sweep_killed");
    write_text(dir, "k.yaml",
               "name: k\nmodel: bass\ndays: 30\nseed: 4\npopulation:\n  size: 20000\n"
               "network:\n  kind: erdos_renyi\n  mean_degree: 8\n");
    const char *args[] = {"sweep", "k.yaml", "--vary", "bass.q=0.1:0.5:0.1", "--replicates", "8",
                          "--jobs", "2", "--keep-series", "--quiet", "--out", "ref", NULL, NULL};
    double t0 = now_seconds();
    result r;
    run_args(&r, dir, args);
    expect_code(&r, 0, "the uninterrupted sweep");
    result_free(&r);
    double whole = now_seconds() - t0;
    static const double at[] = {0.15, 0.45, 0.75};
    static const char *const files[] = {"runs.csv", "summary.csv", "series.csv", "experiment.yaml"};
    for (int k = 0; k < 3; k++) {
        char name[16], out[PATH_MAX], err[PATH_MAX];
        snprintf(name, sizeof name, "k%d", k);
        args[11] = name;
        args[12] = NULL;
        pid_t pid = spawn(dir, args, out, err);
        sleep_seconds(at[k] * whole);
        kill(pid, SIGKILL);
        finish(pid, 120.0, out, err, &r);
        /* Killed before runs.csv was made, there is nothing: that is fine. */
        char *partial = read_all(fmt_path(a, "%s/%s/runs.csv", dir, name), NULL);
        int lines = 0;
        for (const char *c = partial ? partial : ""; *c; c++)
            lines += *c == '\n';
        print_message("killed at %.0f%% (%.2f s): %d records on disk\n", 100 * at[k],
                      at[k] * whole, lines > 0 ? lines - 1 : 0);
        free(partial);
        result_free(&r);
        args[12] = "--resume";
        run_args(&r, dir, args);
        expect_code(&r, 0, "the resumed sweep");
        result_free(&r);
        for (size_t f = 0; f < 4; f++)
            assert_same_file(fmt_path(a, "%s/ref/%s", dir, files[f]),
                             fmt_path(b, "%s/%s/%s", dir, name, files[f]));
    }
}

static void test_graph_round_trip(void **state)
{
    (void)state;
    char dir[PATH_MAX], a[PATH_MAX], b[PATH_MAX];
    make_dir(dir, "graph");
    write_text(dir, "gen.yaml",
               "name: gen\nmodel: bass\ndays: 40\nseed: 11\npopulation:\n  size: 3000\n"
               "network:\n  kind: barabasi_albert\n  m: 3\n");
    write_text(dir, "load.yaml",
               "name: gen\nmodel: bass\ndays: 40\nseed: 11\n"
               "network:\n  kind: edgelist\n  file: net.txt\n");
    result r;
    RUN(&r, dir, "graph", "gen.yaml", "--out", "net.txt");
    expect_code(&r, 0, "graph");
    /* No warning; only the line saying what was written. */
    assert_string_equal(r.err, "circlesim: wrote net.txt\n");
    result_free(&r);

    /* The homophily network through the command line, twice the same. */
    RUN(&r, dir, "graph", "gen.yaml", "--set", "network.kind=homophily", "--out", "h1.txt");
    expect_code(&r, 0, "graph homophily");
    result_free(&r);
    RUN(&r, dir, "graph", "gen.yaml", "--set", "network.kind=homophily", "--out", "h2.txt");
    expect_code(&r, 0, "graph homophily again");
    result_free(&r);
    assert_same_file(fmt_path(a, "%s/h1.txt", dir), fmt_path(b, "%s/h2.txt", dir));
    char *h = read_in(dir, "h1.txt");
    assert_non_null(strstr(h, "# Nodes: 3000 "));
    free(h);
    run_ok(dir, "gen.yaml", "G", "11", "2");
    run_ok(dir, "load.yaml", "L", "11", "2");

    char *jg = read_in(fmt_path(a, "%s/G", dir), "summary.json");
    char *jl = read_in(fmt_path(b, "%s/L", dir), "summary.json");
    double ties = json_number(jg, "network", "ties");
    assert_true(ties > 8000); /* about 3 x 3000 */
    assert_true(json_number(jl, "network", "ties") == ties);
    assert_true(json_number(jl, "network", "users") == json_number(jg, "network", "users"));
    assert_true(json_number(jl, "network", "duplicates_dropped") == 0);
    assert_true(json_number(jl, "network", "self_loops_dropped") == 0);
    free(jg);
    free(jl);
    /* Bass depends on nothing but the ties and the seed: the loaded network
     * gives the generated one's run exactly. */
    fmt_path(a, "%s/G/timeseries.csv", dir);
    fmt_path(b, "%s/L/timeseries.csv", dir);
    assert_same_file(a, b);

    /* Writing the loaded network again gives the same file. */
    RUN(&r, dir, "graph", "load.yaml", "--out", "net2.txt");
    expect_code(&r, 0, "graph of the loaded network");
    result_free(&r);
    fmt_path(a, "%s/net.txt", dir);
    fmt_path(b, "%s/net2.txt", dir);
    assert_same_file(a, b);

    RUN(&r, dir, "graph", "gen.yaml", "--out", "net.gexf", "--format", "gexf");
    expect_code(&r, 0, "graph gexf");
    result_free(&r);
    char *gexf = read_in(dir, "net.gexf");
    assert_memory_equal(gexf, "<?xml", 5);
    assert_non_null(strstr(gexf, "<gexf"));
    assert_int_equal(count_of(gexf, "<edge "), (long)ties);
    assert_int_equal(count_of(gexf, "<node "), 3000);
    free(gexf);

    /* A scenario error in graph: exit 2, no file. */
    write_text(dir, "bad.yaml", "network:\n  kind: ring\n");
    RUN(&r, dir, "graph", "bad.yaml", "--out", "bad.txt");
    expect_code(&r, 2, "graph of a bad scenario");
    expect_first_line(r.err, "bad.yaml:2:9: error: ", "network.kind", "graph");
    assert_false(exists_in(dir, "bad.txt"));
    result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_version_usage),
        cmocka_unit_test(test_error_classes),
        cmocka_unit_test(test_all_problems_one_pass),
        cmocka_unit_test(test_missing_and_bad_inputs),
        cmocka_unit_test(test_shipped_scenarios_check),
        cmocka_unit_test(test_reproducible_bass),
        cmocka_unit_test(test_reproducible_cascade),
        cmocka_unit_test(test_reproducible_platform),
        cmocka_unit_test(test_platform_outputs),
        cmocka_unit_test(test_contract_columns),
        cmocka_unit_test(test_output_folder_policy),
        cmocka_unit_test(test_interrupt),
        cmocka_unit_test(test_max_memory),
        cmocka_unit_test(test_params),
        cmocka_unit_test(test_validate_refusals),
        cmocka_unit_test(test_graph_round_trip),
        cmocka_unit_test(test_render),
        cmocka_unit_test(test_sweep),
        cmocka_unit_test(test_brand_columns),
        cmocka_unit_test(test_sweep_brand_variants),
        cmocka_unit_test(test_compare_incremental),
        cmocka_unit_test(test_variant_interventions),
        cmocka_unit_test(test_compare),
        cmocka_unit_test(test_compare_robust),
        cmocka_unit_test(test_sweep_robust),
        cmocka_unit_test(test_lesson_handout),
        cmocka_unit_test(test_calibrate),
        cmocka_unit_test(test_disk_full),
        cmocka_unit_test(test_sweep_killed),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
