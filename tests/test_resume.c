/* SPDX-License-Identifier: MIT */
/* test_resume.c - run --checkpoint-every and resume: a run killed at any
 * point and resumed writes the bytes of an uninterrupted run, whatever the
 * thread counts; a checkpoint that is damaged, from another version, or
 * whose input files changed is refused; a failed write keeps the last good
 * checkpoint.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_harness.h"
#include "base/hash.h"

/* Busy enough to have every kind of state: groups, circles opening on day
 * 3, group buys waiting for their pool, the brand's seeding and DMs, and an
 * intervention on day 20 whose lever must hold after a resume. */
static const char platform[] =
    "name: resume-platform\n"
    "model: platform\n"
    "days: 36\n"
    "warmup_days: 8\n"
    "population: {size: 6000, tags: 200}\n"
    "market: {merchants: 30}\n"
    "circles: {launch_day: 3}\n"
    "brand: {koc_seeds: 20, dm_per_day: 30, ad_budget: 200, livestream_days: [5], groups: 2}\n"
    "commerce: {group_buy: true, membership: true}\n"
    "interventions:\n"
    "  - {day: 20, set: {feed.ad_load: 0.2, circles.invite_only: false}}\n";

static const char *const run_files[] = {"timeseries.csv", "scenario.yaml", "circles.csv",
                                        "groups.csv",     "products.csv",  "users.csv"};

/* out's result equals ref's: every file byte for byte, summary.json but
 * for its "run" line. */
static void expect_same_result(const char *dir, const char *ref, const char *out, int detail)
{
    char a[PATH_MAX], b[PATH_MAX];
    for (size_t i = 0; i < (detail ? 6u : 2u); i++)
        assert_same_file(fmt_path(a, "%s/%s/%s", dir, ref, run_files[i]),
                         fmt_path(b, "%s/%s/%s", dir, out, run_files[i]));
    char *x = read_in(fmt_path(a, "%s/%s", dir, ref), "summary.json");
    char *y = read_in(fmt_path(b, "%s/%s", dir, out), "summary.json");
    char *xs = without_run_line(x), *ys = without_run_line(y);
    assert_string_equal(xs, ys);
    assert_non_null(strstr(ys, "\"complete\": true"));
    free(x), free(y), free(xs), free(ys);
    /* A finished run keeps no checkpoint. */
    assert_false(exists(fmt_path(a, "%s/%s/checkpoint", dir, out)));
}

/* Waits until path exists (at most 120 s). */
/* Starts `run FILE --checkpoint-every 3 --out OUT` and kills it with sig
 * `delay` seconds after its first checkpoint appeared (or after `delay`
 * seconds, if first is 0). Returns the exit code. */
static int run_killed(const char *dir, const char *file, const char *out, const char *threads,
                      int sig, int first, double delay)
{
    char o[PATH_MAX], e[PATH_MAX], ck[PATH_MAX];
    const char *args[] = {"run", file, "--checkpoint-every", "3", "--detail", "--threads",
                          threads, "--quiet", "--out", out, NULL};
    pid_t pid = spawn(dir, args, o, e);
    if (first) {
        /* The checkpoint, then the days so far beside it. */
        wait_for(fmt_path(ck, "%s/%s/checkpoint/run.ckpt", dir, out));
        wait_for(fmt_path(ck, "%s/%s/summary.json", dir, out));
    }
    sleep_seconds(delay);
    kill(pid, sig);
    result r;
    finish(pid, 120.0, o, e, &r);
    int code = r.code;
    result_free(&r);
    return code;
}

static void resume_ok(const char *dir, const char *out, const char *threads)
{
    result r;
    RUN(&r, dir, "resume", out, "--threads", threads, "--quiet");
    expect_code(&r, 0, "resume");
    result_free(&r);
}

static void test_killed_and_resumed(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "killed");
    write_text(dir, "p.yaml", platform);
    result r;
    double t0 = now_seconds();
    RUN(&r, dir, "run", "p.yaml", "--detail", "--threads", "1", "--quiet", "--out", "ref");
    expect_code(&r, 0, "the uninterrupted run");
    result_free(&r);
    double whole = now_seconds() - t0;

    /* SIGKILL just after the first checkpoint, then at a third and two
     * thirds of the run; resumed on the other thread count. */
    static const struct {
        int first;
        double at;
        const char *threads, *resume_threads;
    } kills[] = {{1, 0.0, "2", "1"}, {0, 0.33, "1", "2"}, {0, 0.66, "2", "2"}};
    for (size_t k = 0; k < sizeof kills / sizeof kills[0]; k++) {
        char out[16];
        snprintf(out, sizeof out, "k%zu", k);
        int code = run_killed(dir, "p.yaml", out, kills[k].threads, SIGKILL, kills[k].first,
                              kills[k].at * whole);
        char ck[PATH_MAX];
        if (code == 0) {
            print_message("kill %zu came after the run ended\n", k);
        } else {
            assert_int_equal(code, 128 + SIGKILL);
            /* The days so far are there, marked incomplete, beside a checkpoint. */
            if (exists(fmt_path(ck, "%s/%s/summary.json", dir, out))) {
                char *json = read_in(fmt_path(ck, "%s/%s", dir, out), "summary.json");
                assert_non_null(strstr(json, "\"complete\": false"));
                free(json);
            }
        }
        if (exists(fmt_path(ck, "%s/%s/checkpoint/run.ckpt", dir, out)) || code == 0)
            resume_ok(dir, out, kills[k].resume_threads);
        else
            continue; /* killed before the first checkpoint: nothing to resume */
        expect_same_result(dir, "ref", out, 1);
    }

    /* SIGTERM stops at the end of a day with a checkpoint there: resume
     * goes on from that very day. */
    int code = run_killed(dir, "p.yaml", "term", "2", SIGTERM, 1, 0.0);
    if (code != 0) {
        assert_int_equal(code, 143);
        RUN(&r, dir, "resume", "term", "--threads", "1");
        expect_code(&r, 0, "resume after SIGTERM");
        assert_non_null(strstr(r.err, "resuming term from day"));
        result_free(&r);
    }
    expect_same_result(dir, "ref", "term", 1);

    /* Resuming a complete run does nothing. */
    RUN(&r, dir, "resume", "term");
    expect_code(&r, 0, "resume of a complete run");
    assert_non_null(strstr(r.out, "nothing to resume"));
    result_free(&r);
}

/* The textbook models resume to the same bytes too. */
static void test_textbook_models(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "textbook");
    write_text(dir, "b.yaml",
               "model: bass\ndays: 80\npopulation: {size: 40000}\n"
               "network: {kind: barabasi_albert, m: 3}\nbass: {p: 0.002, q: 0.2}\n");
    write_text(dir, "c.yaml",
               "model: cascade\ndays: 30\npopulation: {size: 40000}\n"
               "network: {kind: erdos_renyi, mean_degree: 4}\ncascade: {seeds: [1, 2, 3], p: 0.3}\n");
    write_text(dir, "k.yaml", "model: bass\ndays: 40\npopulation: {size: 3000}\n"
                              "network: {kind: complete}\nbass: {p: 0.001, q: 0.3}\n");
    const char *files[] = {"b.yaml", "c.yaml", "k.yaml"};
    for (int i = 0; i < 3; i++) {
        char ref[16], out[16];
        snprintf(ref, sizeof ref, "ref%d", i);
        snprintf(out, sizeof out, "out%d", i);
        result r;
        RUN(&r, dir, "run", files[i], "--quiet", "--out", ref);
        expect_code(&r, 0, files[i]);
        result_free(&r);
        int code = run_killed(dir, files[i], out, "2", SIGKILL, 1, 0.0);
        if (code != 0)
            assert_int_equal(code, 128 + SIGKILL);
        resume_ok(dir, out, "1");
        expect_same_result(dir, ref, out, 0);
    }
}

/* Flips, cuts, empties: every damaged checkpoint is refused with exit 2,
 * and the folder keeps what it had. */
static void test_damaged_checkpoints(void **state)
{
    (void)state;
    char dir[PATH_MAX], ck[PATH_MAX], folder[PATH_MAX];
    make_dir(dir, "damaged");
    write_text(dir, "p.yaml", platform);
    int code = run_killed(dir, "p.yaml", "o", "2", SIGKILL, 1, 0.0);
    if (code == 0)
        skip(); /* the run ended before the kill: nothing damaged to test */
    fmt_path(ck, "%s/o/checkpoint/run.ckpt", dir);
    fmt_path(folder, "%s/o", dir);
    size_t len;
    char *good = read_all(ck, &len);
    assert_non_null(good);
    assert_true(len > 1000);
    char *summary = read_in(folder, "summary.json");

    static const struct {
        const char *what, *message;
    } cases[] = {
        {"a byte flipped in the middle", "checksum does not match"},
        {"a byte flipped in the checksum", "checksum does not match"},
        {"cut in half", "checksum does not match"},
        {"empty", "not a circlesim checkpoint (too short)"},
        {"another version, checksum made to match", "another version of circlesim"},
        {"not a checkpoint, checksum made to match", "not a circlesim checkpoint"},
        {"a count made huge, checksum made to match", "the checkpoint is"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *bad = malloc(len);
        assert_non_null(bad);
        memcpy(bad, good, len);
        size_t n = len;
        int rehash = 0;
        switch (i) {
        case 0: bad[len / 2] ^= 0x40; break;
        case 1: bad[len - 1] ^= 0x01; break;
        case 2: n = len / 2; break;
        case 3: n = 0; break;
        case 4: {
            /* The version string follows the magic line, the format and
             * its length. */
            char *v = memmem(bad, 64, "\n", 1);
            assert_non_null(v);
            v += 1 + 4 + 8;
            v[0] = v[0] == '9' ? '8' : '9';
            rehash = 1;
            break;
        }
        case 5: bad[0] = 'C', rehash = 1; break;
        case 6: {
            /* The hash, the scenario text and the plan, then the day and
             * the run's counts: make the day a billion. */
            const char *text_at = memmem(bad, len, "# circlesim resolved", 20);
            assert_non_null(text_at);
            uint64_t tlen;
            memcpy(&tlen, text_at - 8, 8);
            char *day = (char *)text_at + tlen + 16;
            int64_t big = 1000000000;
            memcpy(day, &big, 8);
            rehash = 1;
            break;
        }
        }
        if (rehash) {
            /* Recompute the trailing SHA-256 so only the content is wrong. */
            char hex[72];
            assert_int_equal(cs_sha256_text(bad, n - 32, hex), 0);
            for (int k = 0; k < 32; k++) {
                unsigned byte;
                sscanf(hex + 7 + 2 * k, "%2x", &byte);
                bad[n - 32 + k] = (char)byte;
            }
        }
        write_bytes(ck, bad, n);
        free(bad);
        result r;
        RUN(&r, dir, "resume", "o");
        if (r.code != 2 || !strstr(r.err, cases[i].message) || !strstr(r.err, "run.ckpt"))
            fail_msg("%s: expected exit 2 and '%s', got %d:\n%s", cases[i].what,
                     cases[i].message, r.code, r.err);
        result_free(&r);
        char *after = read_in(folder, "summary.json");
        assert_string_equal(summary, after);
        free(after);
    }
    /* The good one still resumes. */
    write_bytes(ck, good, len);
    resume_ok(dir, "o", "2");
    free(good);
    free(summary);
}

/* An edge-list run resumes (the file read again hashes as it did); once
 * the file has changed, the scenario no longer hashes as it did. */
static void test_edge_list_input(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "edge_list");
    char edges[1 << 16];
    size_t n = 0;
    for (int u = 1; u < 3000; u++)
        n += (size_t)snprintf(edges + n, sizeof edges - n, "%d %d\n", u, (u * 7919) % 2999);
    write_text(dir, "e.txt", edges);
    write_text(dir, "e.yaml", "model: bass\ndays: 3000\npopulation: {size: 3000}\n"
                              "network: {kind: edgelist, file: e.txt}\nbass: {p: 0.00005, q: 0.02}\n");
    result r;
    RUN(&r, dir, "run", "e.yaml", "--quiet", "--out", "ref");
    expect_code(&r, 0, "the uninterrupted run");
    result_free(&r);
    int code = run_killed(dir, "e.yaml", "same", "1", SIGTERM, 1, 0.0);
    if (code != 0)
        assert_int_equal(code, 143);
    resume_ok(dir, "same", "2");
    expect_same_result(dir, "ref", "same", 0);

    code = run_killed(dir, "e.yaml", "o", "1", SIGTERM, 1, 0.0);
    if (code == 0)
        skip();
    assert_int_equal(code, 143);
    write_text(dir, "e.txt", "0 1\n1 2\n2999 0\n");
    RUN(&r, dir, "resume", "o");
    expect_code(&r, 2, "resume after the edge list changed");
    assert_non_null(strstr(r.err, "an input file it names has changed"));
    result_free(&r);
}

/* A checkpoint write that fails (a full disk, mid-write) ends the run with
 * exit 1 and keeps the last good checkpoint, from which resume goes on. */
static void test_failed_write(void **state)
{
    (void)state;
    char dir[PATH_MAX], ck[PATH_MAX];
    make_dir(dir, "failed_write");
    write_text(dir, "p.yaml", platform);
    result r;
    RUN(&r, dir, "run", "p.yaml", "--detail", "--quiet", "--out", "ref");
    expect_code(&r, 0, "the uninterrupted run");
    result_free(&r);
    int code = run_killed(dir, "p.yaml", "o", "2", SIGKILL, 1, 0.0);
    if (code == 0)
        skip();
    struct stat st;
    assert_int_equal(stat(fmt_path(ck, "%s/o/checkpoint/run.ckpt", dir), &st), 0);
    size_t len;
    char *before = read_all(ck, &len);
    /* Room for everything but a checkpoint: the next one fails part-way. */
    child_file_limit = (long)st.st_size / 2;
    RUN(&r, dir, "resume", "o", "--quiet");
    child_file_limit = 0;
    expect_code(&r, 1, "resume on a full disk");
    assert_non_null(strstr(r.err, "File too large"));
    result_free(&r);
    size_t len2;
    char *after = read_all(ck, &len2);
    assert_true(len == len2 && memcmp(before, after, len) == 0);
    free(before), free(after);
    resume_ok(dir, "o", "2");
    expect_same_result(dir, "ref", "o", 1);
}

/* What resume says about folders it cannot use, and that a new run does
 * not leave an old checkpoint behind to be resumed over it. */
static void test_folders(void **state)
{
    (void)state;
    char dir[PATH_MAX], p[PATH_MAX];
    make_dir(dir, "folders");
    write_text(dir, "b.yaml", "model: bass\ndays: 30\npopulation: {size: 500}\n");
    result r;
    RUN(&r, dir, "resume", "missing");
    expect_code(&r, 2, "resume of a missing folder");
    assert_non_null(strstr(r.err, "no such folder"));
    result_free(&r);
    RUN(&r, dir, "resume", "b.yaml");
    expect_code(&r, 2, "resume of a file");
    assert_non_null(strstr(r.err, "not a folder"));
    result_free(&r);
    RUN(&r, dir, "run", "b.yaml", "--quiet", "--out", "plain");
    expect_code(&r, 0, "a run without checkpoints");
    result_free(&r);
    RUN(&r, dir, "resume", "plain");
    expect_code(&r, 0, "resume of a complete run without checkpoints");
    result_free(&r);
    RUN(&r, dir, "resume", "plain", "--checkpoint-every", "3");
    expect_code(&r, 2, "resume with a run option");
    assert_non_null(strstr(r.err, "belongs to `circlesim run` only"));
    result_free(&r);
    RUN(&r, dir, "resume");
    expect_code(&r, 2, "resume without a folder");
    result_free(&r);
    RUN(&r, dir, "run", "b.yaml", "--checkpoint-every", "0", "--out", "x");
    expect_code(&r, 2, "--checkpoint-every 0");
    assert_false(exists_in(dir, "x"));
    result_free(&r);

    /* One circlesim at a time in a folder: a second is refused while the
     * first runs. */
    write_text(dir, "long.yaml", "model: bass\ndays: 36500\npopulation: {size: 20000}\n"
                                 "network: {kind: erdos_renyi, mean_degree: 4}\n"
                                 "bass: {p: 0.00001, q: 0.01}\n");
    char o[PATH_MAX], e[PATH_MAX], ck[PATH_MAX];
    const char *args[] = {"run", "long.yaml", "--checkpoint-every", "1000", "--quiet",
                          "--out", "busy", NULL};
    pid_t pid = spawn(dir, args, o, e);
    wait_for(fmt_path(ck, "%s/busy/checkpoint/run.ckpt", dir));
    /* The refusal names the folder and the process holding it. */
    char holder[64];
    snprintf(holder, sizeof holder, "another circlesim (process %ld) is writing", (long)pid);
    RUN(&r, dir, "run", "b.yaml", "--quiet", "--out", "busy");
    expect_code(&r, 2, "a second run into a busy folder");
    assert_non_null(strstr(r.err, holder));
    assert_non_null(strstr(r.err, "'busy'"));
    result_free(&r);
    RUN(&r, dir, "resume", "busy");
    expect_code(&r, 2, "a resume of a busy folder");
    assert_non_null(strstr(r.err, holder));
    result_free(&r);
    kill(pid, SIGTERM);
    finish(pid, 120.0, o, e, &r);
    assert_int_equal(r.code, 143);
    assert_non_null(strstr(r.err, "circlesim resume"));
    result_free(&r);
    /* A new run over it says what it discards. */
    RUN(&r, dir, "run", "b.yaml", "--quiet", "--out", "busy");
    expect_code(&r, 0, "a new run over an unfinished one");
    assert_non_null(strstr(r.err, "held the checkpoint of an unfinished run"));
    result_free(&r);

    /* A user's own folder named "checkpoint" does not make a folder a run's. */
    make_dir(p, "folders/mine");
    make_dir(p, "folders/mine/checkpoint");
    write_text(p, "notes.txt", "mine");
    RUN(&r, dir, "run", "b.yaml", "--quiet", "--out", "mine");
    expect_code(&r, 2, "a run into a user's folder with a checkpoint folder");
    assert_non_null(strstr(r.err, "holds no earlier run"));
    result_free(&r);

    /* An old checkpoint in a folder a new run reuses goes. */
    RUN(&r, dir, "run", "b.yaml", "--quiet", "--out", "o");
    expect_code(&r, 0, "a run");
    result_free(&r);
    make_dir(p, "folders/o/checkpoint");
    write_text(p, "run.ckpt", "stale");
    RUN(&r, dir, "run", "b.yaml", "--seed", "3", "--quiet", "--out", "o");
    expect_code(&r, 0, "a run over an old checkpoint");
    result_free(&r);
    assert_false(exists(fmt_path(p, "%s/o/checkpoint", dir)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_folders),
        cmocka_unit_test(test_killed_and_resumed),
        cmocka_unit_test(test_textbook_models),
        cmocka_unit_test(test_damaged_checkpoints),
        cmocka_unit_test(test_edge_list_input),
        cmocka_unit_test(test_failed_write),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
