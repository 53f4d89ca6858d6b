/* SPDX-License-Identifier: MIT */
/* test_files.c - nothing outside the output folder is ever touched, and no
 * two commands mix their results: links at every place a command cleans or
 * reuses, a link swapped in after the check, concurrent commands into one
 * folder, a checkpoint from another run, signals, empty paths, and a
 * standard output that cannot be written. */
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
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/checkpoint.h"
#include "base/fileio.h"
#include "network/graph_files.h"
#include "network/network.h"
#include "base/outdir.h"
#include "engine/output.h"
#include "scenario/scenario.h"
#include "engine/run_struct.h"
#include "cli_harness.h"

/* A small Bass world every command can run in well under a second. */
static const char small_bass[] = "name: small\nmodel: bass\ndays: 12\nseed: 5\n"
                                 "population: {size: 400}\nnetwork: {kind: erdos_renyi, "
                                 "mean_degree: 6}\nbass: {p: 0.01, q: 0.3}\n"
                                 "targets:\n  points:\n    - {column: buyers, day: 6, value: 60}\n"
                                 "    - {column: buyers, day: 12, value: 200}\n";

/* A folder outside every output folder, with a file that must survive. */
static void make_victim(char *victim)
{
    fmt_path(victim, "%s/victim", root);
    if (!exists(victim)) {
        make_dir(victim, "victim");
        write_text(victim, "precious.txt", "do not touch\n");
    }
}

static void expect_victim_intact(const char *victim)
{
    char *t = read_in(victim, "precious.txt");
    assert_non_null(t);
    assert_string_equal(t, "do not touch\n");
    free(t);
    assert_int_equal(count_entries(victim), 1);
}

/* Each folder-writing command, as run in folder dir into "o". */
typedef struct command {
    const char *name;
    const char *marker; /* its result's marker in the folder */
    const char *other;  /* another file it keeps there */
    const char *args[20];
} command;

static const command commands[] = {
    {"run", "summary.json", "timeseries.csv",
     {"run", "s.yaml", "--checkpoint-every", "4", "--quiet", "--out", "o"}},
    {"resume", "summary.json", "timeseries.csv", {"resume", "o", "--quiet"}},
    {"sweep", "experiment.yaml", "runs.csv",
     {"sweep", "s.yaml", "--vary", "bass.q=0.2,0.4", "--replicates", "2", "--quiet", "--out",
      "o"}},
    {"compare", "compare.csv", "compare.png",
     {"compare", "s.yaml", "s.yaml", "--set", "bass.q=0.5", "--replicates", "2", "--quiet",
      "--out", "o"}},
    {"calibrate", "calibration.csv", "calibrated.yaml",
     {"calibrate", "s.yaml", "--free", "bass.q=0.1:0.6", "--replicates", "2", "--max-evals", "4",
      "--quiet", "--out", "o"}},
    {"optimize --choose", "seeds.csv", "seeds.yaml",
     {"optimize", "s.yaml", "--choose", "2", "--replicates", "2", "--quiet", "--out", "o"}},
    {"optimize --budget", "allocation.csv", "response.csv",
     {"optimize", "--budget", "2000", "--channels", "koc,feed", "--set", "population.size=400",
      "--days", "8", "--replicates", "2", "--max-evals", "4", "--quiet", "--out", "o"}},
};

static void run_command(result *r, const char *dir, const command *c)
{
    run_args(r, dir, c->args);
}

/* Puts a link named name in folder o pointing at target (moving a file of
 * that name aside first); undo puts things back. */
static void plant(const char *o, const char *name, const char *target)
{
    char p[PATH_MAX], aside[PATH_MAX];
    fmt_path(p, "%s/%s", o, name);
    fmt_path(aside, "%s/%s.aside", root, name);
    struct stat st;
    if (lstat(p, &st) == 0)
        assert_int_equal(rename(p, aside), 0);
    assert_int_equal(symlink(target, p), 0);
}

static void undo(const char *o, const char *name)
{
    char p[PATH_MAX], aside[PATH_MAX];
    fmt_path(p, "%s/%s", o, name);
    fmt_path(aside, "%s/%s.aside", root, name);
    struct stat st;
    assert_int_equal(lstat(p, &st), 0);
    assert_true(S_ISLNK(st.st_mode)); /* the link itself was left alone */
    assert_int_equal(unlink(p), 0);
    if (lstat(aside, &st) == 0)
        assert_int_equal(rename(aside, p), 0);
}

/* Every command, over a folder holding its own earlier result, meets a
 * link at each name it cleans or reuses, pointing at a sibling folder, at
 * "..", at "/" and nowhere: each is refused with exit 2 naming the entry,
 * and nothing the link points at changes. */
static void test_links_never_followed(void **state)
{
    (void)state;
    char victim[PATH_MAX], rel[PATH_MAX];
    make_victim(victim);
    for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++) {
        const command *cmd = &commands[c];
        char dir[PATH_MAX], o[PATH_MAX], name[64];
        snprintf(name, sizeof name, "links-%zu", c);
        make_dir(dir, name);
        write_text(dir, "s.yaml", small_bass);
        fmt_path(o, "%s/o", dir);
        result r;
        if (!strcmp(cmd->name, "resume"))
            RUN(&r, dir, "run", "s.yaml", "--quiet", "--out", "o");
        else
            run_command(&r, dir, cmd);
        expect_code(&r, 0, cmd->name);
        result_free(&r);
        fmt_path(rel, "../../victim");
        const char *targets[] = {rel, "..", "/", "nowhere"};
        char tmp[96];
        snprintf(tmp, sizeof tmp, ".%s" CS_TMP_MARK "999999999.0", cmd->marker);
        const char *places[] = {cmd->marker, cmd->other, tmp, CS_STAGING, CS_CHECKPOINT_DIR};
        /* The staging and checkpoint folders are run's own. */
        size_t nplaces = strcmp(cmd->marker, "summary.json") ? 3 : 5;
        for (size_t p = 0; p < nplaces; p++)
            for (size_t t = 0; t < 4; t++) {
                plant(o, places[p], targets[t]);
                run_command(&r, dir, cmd);
                char what[160], quoted[80];
                snprintf(what, sizeof what, "%s, link at %s to %s", cmd->name, places[p],
                         targets[t]);
                expect_code(&r, 2, what);
                snprintf(quoted, sizeof quoted, "'%s'", places[p]);
                if (!strstr(r.err, quoted))
                    fail_msg("%s: the message does not name the entry: %s", what, r.err);
                result_free(&r);
                undo(o, places[p]);
                expect_victim_intact(victim);
            }
        /* A folder holding nothing of circlesim's but a hidden entry is
         * not empty: refused, naming it. */
        char other[PATH_MAX];
        snprintf(name, sizeof name, "links-%zu/o2", c);
        make_dir(other, name);
        assert_int_equal(symlink("../../victim", fmt_path(rel, "%s/.hidden", other)), 0);
        command again = *cmd;
        for (int i = 0; again.args[i]; i++)
            if (!strcmp(again.args[i], "o"))
                again.args[i] = "o2";
        run_command(&r, dir, &again);
        expect_code(&r, 2, "a folder holding a hidden link");
        assert_non_null(strstr(r.err, "'.hidden'"));
        result_free(&r);
        expect_victim_intact(victim);
    }
}

/* A tiny Bass run, stepped to its end, for the library-level tests. */
static void small_run(cs_scenario *sc, cs_run *r)
{
    cs_diag d;
    cs_diag_init(&d, stderr);
    assert_int_equal(cs_scenario_init(sc), 0);
    assert_int_equal(cs_scenario_load_text(sc, "s.yaml", small_bass, strlen(small_bass), ".", &d),
                     0);
    assert_int_equal(cs_scenario_validate(sc, &d), 0);
    assert_int_equal(cs_run_init(r, sc, 1, &d), 0);
    while (r->day < sc->days)
        assert_int_equal(cs_run_step(r), 0);
}

/* A link swapped in after the folder was checked changes nothing: every
 * operation goes through the descriptors opened at the check. */
static void test_link_swapped_after_check(void **state)
{
    (void)state;
    char victim[PATH_MAX], dir[PATH_MAX], p[PATH_MAX];
    make_victim(victim);
    make_dir(dir, "swap");
    cs_scenario sc;
    cs_run r;
    small_run(&sc, &r);
    cs_diag d;
    FILE *quiet = fopen("/dev/null", "w");
    cs_diag_init(&d, quiet);
    cs_outdir out;
    assert_int_equal(cs_outdir_open(&out, dir, &cs_run_kind, 0, &d), 0);
    cs_run_info info = {.complete = 1};
    /* The staging folder becomes a link between the check and the write. */
    assert_int_equal(symlink(victim, fmt_path(p, "%s/" CS_STAGING, dir)), 0);
    assert_int_not_equal(cs_output_write(&out, &r, &info, &d), 0);
    expect_victim_intact(victim);
    assert_int_equal(unlink(p), 0);
    /* The checkpoint folder likewise. */
    assert_int_equal(symlink(victim, fmt_path(p, "%s/" CS_CHECKPOINT_DIR, dir)), 0);
    assert_int_equal(cs_outdir_sub(&out, CS_CHECKPOINT_DIR, 1, &d), -1);
    expect_victim_intact(victim);
    assert_int_equal(unlink(p), 0);
    /* A good write goes where the folder was opened. */
    assert_int_equal(cs_output_write(&out, &r, &info, &d), 0);
    assert_true(exists_in(dir, "summary.json"));
    /* The output folder itself renamed away and a link put in its place:
     * the open file still lands in the folder it was opened in. */
    cs_atomic_file f;
    assert_int_equal(cs_atomic_openat(&f, out.fd, "late.txt", "late.txt", &d), 0);
    char moved[PATH_MAX];
    assert_int_equal(rename(dir, fmt_path(moved, "%s/swap-moved", root)), 0);
    assert_int_equal(symlink(victim, dir), 0);
    fputs("late\n", f.fp);
    assert_int_equal(cs_atomic_commit(&f, &d), 0);
    assert_true(exists_in(moved, "late.txt"));
    expect_victim_intact(victim);
    /* A link planted under a temporary's name is never written through. */
    assert_int_equal(unlink(dir), 0);
    assert_int_equal(rename(moved, dir), 0);
    cs_outdir_close(&out);
    cs_run_free(&r);
    cs_scenario_free(&sc);
    fclose(quiet);
}

/* Two commands started together into one folder: one is refused (exit 2,
 * naming the folder), the other finishes, and the folder holds exactly
 * the winner's result. */
static void test_concurrent_commands(void **state)
{
    (void)state;
    /* Long enough (over a second each under the sanitizers) that the two
     * overlap. */
    static const char slow[] = "name: slow\nmodel: bass\ndays: 3000\nseed: 5\n"
                               "population: {size: 30000}\nnetwork: {kind: erdos_renyi, "
                               "mean_degree: 8}\nbass: {p: 0.000002, q: 0.01}\n";
    typedef struct pair {
        const char *name, *file;
        const char *args[2][20];
    } pair;
    static const pair pairs[] = {
        {"run", "timeseries.csv",
         {{"run", "slow.yaml", "--seed", "1", "--days", "10000", "--quiet", "--out", "o"},
          {"run", "slow.yaml", "--seed", "2", "--days", "10000", "--quiet", "--out", "o"}}},
        {"sweep", "runs.csv",
         {{"sweep", "slow.yaml", "--vary", "bass.q=0.01,0.011", "--replicates", "2", "--quiet",
           "--out", "o"},
          {"sweep", "slow.yaml", "--vary", "bass.q=0.012,0.013", "--replicates", "2", "--quiet",
           "--out", "o"}}},
        {"compare", "compare.csv",
         {{"compare", "slow.yaml", "slow.yaml", "--set", "bass.q=0.011", "--replicates", "2",
           "--quiet", "--out", "o"},
          {"compare", "slow.yaml", "slow.yaml", "--set", "bass.q=0.012", "--replicates", "2",
           "--quiet", "--out", "o"}}},
        {"calibrate", "calibration.csv",
         {{"calibrate", "slow.yaml", "--free", "bass.q=0.005:0.02", "--max-evals", "3",
           "--replicates", "2", "--set",
           "targets.points=[{column: buyers, day: 100, value: 900}]", "--quiet", "--out", "o"},
          {"calibrate", "slow.yaml", "--free", "bass.q=0.005:0.03", "--max-evals", "3",
           "--replicates", "2", "--set",
           "targets.points=[{column: buyers, day: 100, value: 900}]", "--quiet", "--out", "o"}}},
        {"optimize", "seeds.csv",
         {{"optimize", "slow.yaml", "--choose", "1", "--replicates", "2", "--days", "200",
           "--quiet", "--out", "o"},
          {"optimize", "slow.yaml", "--choose", "2", "--replicates", "2", "--days", "200",
           "--quiet", "--out", "o"}}},
        {"optimize --budget", "allocation.csv",
         {{"optimize", "--budget", "2000", "--channels", "koc,feed", "--set",
           "population.size=2000", "--days", "20", "--replicates", "2", "--max-evals", "4",
           "--quiet", "--out", "o"},
          {"optimize", "--budget", "3000", "--channels", "koc,feed", "--set",
           "population.size=2000", "--days", "20", "--replicates", "2", "--max-evals", "4",
           "--quiet", "--out", "o"}}},
    };
    for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
        const pair *pr = &pairs[k];
        char dir[PATH_MAX], name[64];
        snprintf(name, sizeof name, "concurrent-%zu", k);
        make_dir(dir, name);
        write_text(dir, "slow.yaml", slow);
        char out[2][PATH_MAX], err[2][PATH_MAX];
        pid_t pid[2];
        for (int i = 0; i < 2; i++)
            pid[i] = spawn(dir, pr->args[i], out[i], err[i]);
        result r[2];
        for (int i = 0; i < 2; i++)
            finish(pid[i], 300.0, out[i], err[i], &r[i]);
        int winner = r[0].code == 0 ? 0 : 1, loser = 1 - winner;
        char what[96];
        snprintf(what, sizeof what, "%s: the winner of two", pr->name);
        expect_code(&r[winner], 0, what);
        snprintf(what, sizeof what, "%s: the second into a busy folder", pr->name);
        expect_code(&r[loser], 2, what);
        assert_non_null(strstr(r[loser].err, "is writing output folder 'o'"));
        /* The folder is the winner's alone: the same bytes as the winner
         * run by itself. */
        command alone = {0};
        for (int i = 0; pr->args[winner][i]; i++)
            alone.args[i] = strcmp(pr->args[winner][i], "o") ? pr->args[winner][i] : "alone";
        result ra;
        run_command(&ra, dir, &alone);
        expect_code(&ra, 0, "the winner alone");
        char a[PATH_MAX], b[PATH_MAX];
        assert_same_file(fmt_path(a, "%s/o/%s", dir, pr->file),
                         fmt_path(b, "%s/alone/%s", dir, pr->file));
        result_free(&ra);
        result_free(&r[0]);
        result_free(&r[1]);
    }
}

/* Starts a long run with checkpoints into dir/out and stops it with sig
 * once its first checkpoint is written; returns its exit code. */
static int stopped_run(const char *dir, const char *out, const char *seed, int sig)
{
    static const char slow[] = "name: long\nmodel: bass\ndays: 36500\npopulation: {size: 20000}\n"
                               "network: {kind: erdos_renyi, mean_degree: 4}\n"
                               "bass: {p: 0.00001, q: 0.01}\n";
    write_text(dir, "long.yaml", slow);
    char o[PATH_MAX], e[PATH_MAX], ck[PATH_MAX];
    const char *args[] = {"run",   "long.yaml", "--seed", seed, "--checkpoint-every", "500",
                          "--quiet", "--out",   out,      NULL};
    pid_t pid = spawn(dir, args, o, e);
    wait_for(fmt_path(ck, "%s/%s/summary.json", dir, out));
    kill(pid, sig);
    result r;
    finish(pid, 120.0, o, e, &r);
    int code = r.code;
    if (sig == SIGHUP)
        assert_non_null(strstr(r.err, "circlesim resume"));
    result_free(&r);
    return code;
}

/* A checkpoint resumes only its own run: one copied or linked from another
 * run's folder is refused, naming the run it belongs to, and the folder is
 * left as it was. SIGHUP stops a run as SIGTERM does. */
static void test_foreign_checkpoint_and_sighup(void **state)
{
    (void)state;
    char dir[PATH_MAX], p[PATH_MAX], q[PATH_MAX];
    make_dir(dir, "foreign");
    assert_int_equal(stopped_run(dir, "a", "1", SIGTERM), 143);
    /* SIGHUP: the days so far written, marked incomplete, exit 129. */
    assert_int_equal(stopped_run(dir, "b", "2", SIGHUP), 129);
    char *summary = read_in(fmt_path(p, "%s/b", dir), "summary.json");
    assert_non_null(summary);
    assert_non_null(strstr(summary, "\"complete\": false"));
    free(summary);
    char *before = read_in(p, "timeseries.csv");
    assert_non_null(before);
    /* a's checkpoint copied into b. */
    size_t len = 0;
    char *ck = read_all(fmt_path(q, "%s/a/checkpoint/run.ckpt", dir), &len);
    assert_non_null(ck);
    fmt_path(q, "%s/b/checkpoint/run.ckpt", dir);
    char own[PATH_MAX];
    assert_int_equal(rename(q, fmt_path(own, "%s/own.ckpt", dir)), 0);
    write_bytes(q, ck, len);
    free(ck);
    result r;
    RUN(&r, dir, "resume", "b", "--quiet");
    expect_code(&r, 2, "a checkpoint copied from another run");
    assert_non_null(strstr(r.err, "belongs to another run (scenario 'long', seed 1"));
    assert_non_null(strstr(r.err, "(scenario 'long', seed 2"));
    result_free(&r);
    char *after = read_in(p, "timeseries.csv");
    assert_string_equal(before, after);
    free(after);
    /* Linked in: refused as a link. */
    assert_int_equal(unlink(q), 0);
    char target[PATH_MAX];
    assert_int_equal(symlink(fmt_path(target, "%s/a/checkpoint/run.ckpt", dir), q), 0);
    RUN(&r, dir, "resume", "b", "--quiet");
    expect_code(&r, 2, "a checkpoint linked from another run");
    assert_non_null(strstr(r.err, "symbolic link"));
    result_free(&r);
    /* Its own checkpoint back: accepted (stopped again at once). */
    assert_int_equal(unlink(q), 0);
    assert_int_equal(rename(own, q), 0);
    char o[PATH_MAX], e[PATH_MAX];
    const char *args[] = {"resume", "b", "--quiet", NULL};
    pid_t pid = spawn(dir, args, o, e);
    sleep_seconds(0.5);
    kill(pid, SIGTERM);
    finish(pid, 120.0, o, e, &r);
    expect_code(&r, 143, "its own checkpoint");
    result_free(&r);
    free(before);
}

/* Runs circlesim ARGS with standard output on /dev/full; returns the exit
 * code. */
static int to_full_disk(const char *dir, const char *const *args)
{
    const char *argv[32];
    int n = 0;
    argv[n++] = CS_BINARY;
    for (; *args; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int full = open("/dev/full", O_WRONLY);
        int null = open("/dev/null", O_WRONLY);
        if (full < 0 || null < 0 || chdir(dir) != 0)
            _exit(126);
        dup2(full, 1);
        dup2(null, 2);
        execv(CS_BINARY, (char *const *)argv);
        _exit(127);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

/* Empty paths are usage errors; what a command prints must reach
 * standard output, or the command fails. */
static void test_empty_paths_and_full_stdout(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "paths");
    write_text(dir, "s.yaml", small_bass);
    static const char *const empty[][10] = {
        {"run", "s.yaml", "--out", ""},
        {"sweep", "s.yaml", "--vary", "bass.q=0.1,0.2", "--out", ""},
        {"compare", "s.yaml", "s.yaml", "--out", ""},
        {"calibrate", "s.yaml", "--free", "bass.q=0.1:0.5", "--out", ""},
        {"optimize", "s.yaml", "--choose", "1", "--out", ""},
        {"graph", "s.yaml", "--out", ""},
        {"render", "s.yaml", "--png", ""},
        {"resume", ""},
    };
    for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++) {
        result r;
        run_args(&r, dir, empty[i]);
        expect_code(&r, 2, empty[i][0]);
        result_free(&r);
    }
    assert_int_equal(count_entries(dir), 1);
    static const char *const printing[][10] = {
        {"run", "s.yaml", "--out", "o"},
        {"params"},
        {"sweep", "s.yaml", "--vary", "bass.q=0.1,0.2", "--out", "w"},
    };
    for (size_t i = 0; i < sizeof printing / sizeof printing[0]; i++)
        if (to_full_disk(dir, printing[i]) != 1)
            fail_msg("%s > /dev/full: expected exit 1", printing[i][0]);
}

/* Runs circlesim ARGS in dir; its exit code, wall time and peak memory. */
static int run_measured(const char *dir, const char *const *args, double *seconds, long *max_kb,
                        char *err_path)
{
    const char *argv[32];
    int n = 0;
    argv[n++] = CS_BINARY;
    for (; *args; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    fmt_path(err_path, "%s/capture/measured.err", root);
    fflush(NULL);
    double t0 = now_seconds();
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (null < 0 || err < 0 || chdir(dir) != 0)
            _exit(126);
        dup2(null, 1);
        dup2(err, 2);
        execv(CS_BINARY, (char *const *)argv);
        _exit(127);
    }
    int status;
    struct rusage ru;
    assert_int_equal(wait4(pid, &status, 0, &ru), pid);
    *seconds = now_seconds() - t0;
    *max_kb = ru.ru_maxrss;
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

/* The memory estimate of a run of scenario file (in dir), as its
 * summary.json reports it. */
static double estimate_of(const char *dir, const char *file)
{
    result r;
    RUN(&r, dir, "run", file, "--quiet", "--out", "estimate");
    expect_code(&r, 0, "a run for its estimate");
    result_free(&r);
    char p[PATH_MAX];
    char *summary = read_in(fmt_path(p, "%s/estimate", dir), "summary.json");
    assert_non_null(summary);
    double need = json_number(summary, "run", "memory_estimate_bytes");
    free(summary);
    return need;
}

/* Memory is checked before anything large is made: a 13-byte edge list
 * naming user 1 999 999 999 is refused by every command at once (it built
 * a 15.6 GB network first), and a batch of runs that cannot fit is refused
 * before it starts, or runs fewer at once. */
static void test_memory_guards(void **state)
{
    (void)state;
    char dir[PATH_MAX], err[PATH_MAX];
    make_dir(dir, "memory");
    write_text(dir, "huge.txt", "0 1999999999\n");
    write_text(dir, "huge.yaml", "name: huge\nmodel: bass\ndays: 3\n"
                                 "network: {kind: edgelist, file: huge.txt}\n"
                                 "targets: {points: [{column: buyers, day: 2, value: 3}]}\n");
    static const char *const cmds[][12] = {
        {"run", "huge.yaml", "--out", "o1"},
        {"graph", "huge.yaml", "--out", "g.txt", "--max-memory", "8G"},
        {"sweep", "huge.yaml", "--vary", "bass.q=0.1,0.2", "--out", "o2"},
        {"compare", "huge.yaml", "huge.yaml", "--out", "o3"},
        {"calibrate", "huge.yaml", "--free", "bass.q=0.1:0.2", "--out", "o4"},
        {"optimize", "huge.yaml", "--choose", "1", "--out", "o5"},
    };
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        double seconds;
        long kb;
        int code = run_measured(dir, cmds[i], &seconds, &kb, err);
        char *e = read_all(err, NULL);
        assert_non_null(e);
        if (code != 2 || !strstr(e, "population.size 2000000000"))
            fail_msg("%s on a 2*10^9-user edge list: exit %d, %s", cmds[i][0], code, e);
        free(e);
        if (seconds > 5 || kb > 200 * 1024)
            fail_msg("%s took %.1f s and %ld KiB to refuse", cmds[i][0], seconds, kb);
    }
    /* No folder was made for any of them. */
    assert_int_equal(count_entries(dir), 2);

    /* A sweep whose runs cannot fit one at a time: refused, no folder. */
    write_text(dir, "s.yaml", small_bass);
    result r;
    RUN(&r, dir, "sweep", "s.yaml", "--vary", "population.size=400,4000000", "--max-memory",
        "64M", "--out", "o6");
    expect_code(&r, 2, "a sweep over --max-memory");
    assert_non_null(strstr(r.err, "population.size 4000000"));
    assert_false(exists_in(dir, "o6"));
    result_free(&r);
    /* Room for two runs at once: four jobs become two, with a note, and
     * the sweep's files are those of any job count. */
    char limit[32];
    double need = estimate_of(dir, "s.yaml");
    assert_true(need > 1e6);
    snprintf(limit, sizeof limit, "%.0f", 2.5 * need);
    RUN(&r, dir, "sweep", "s.yaml", "--vary", "bass.q=0.1,0.2,0.3", "--replicates", "2",
        "--jobs", "4", "--max-memory", limit, "--quiet", "--out", "fit");
    expect_code(&r, 0, "a sweep with room for two runs at once");
    assert_non_null(strstr(r.err, "lowering --jobs from 4 to 2"));
    result_free(&r);
    RUN(&r, dir, "sweep", "s.yaml", "--vary", "bass.q=0.1,0.2,0.3", "--replicates", "2",
        "--jobs", "1", "--quiet", "--out", "serial");
    expect_code(&r, 0, "the same sweep on one job");
    result_free(&r);
    char a[PATH_MAX], b[PATH_MAX];
    assert_same_file(fmt_path(a, "%s/fit/runs.csv", dir), fmt_path(b, "%s/serial/runs.csv", dir));
}

/* --resume trusts no kept record it cannot match to the design: another
 * sweep's runs.csv, or one record's seed changed, is refused with the
 * file and line, and the folder is left as it was. */
static void test_sweep_resume_checks(void **state)
{
    (void)state;
    char dir[PATH_MAX], a[PATH_MAX], b[PATH_MAX];
    make_dir(dir, "resume-check");
    write_text(dir, "s.yaml", small_bass);
    result r;
    RUN(&r, dir, "sweep", "s.yaml", "--vary", "bass.q=0.2,0.4", "--replicates", "3", "--quiet",
        "--out", "a");
    expect_code(&r, 0, "sweep a");
    result_free(&r);
    RUN(&r, dir, "sweep", "s.yaml", "--vary", "bass.q=0.3,0.5", "--replicates", "3", "--quiet",
        "--out", "b");
    expect_code(&r, 0, "sweep b");
    result_free(&r);
    /* b's runs beside a's experiment. */
    size_t len;
    char *theirs = read_all(fmt_path(b, "%s/b/runs.csv", dir), &len);
    char *ours = read_all(fmt_path(a, "%s/a/runs.csv", dir), NULL);
    assert_non_null(theirs);
    assert_non_null(ours);
    write_bytes(a, theirs, len);
    char *summary = read_in(fmt_path(b, "%s/a", dir), "summary.csv");
    RUN(&r, dir, "sweep", "s.yaml", "--vary", "bass.q=0.2,0.4", "--replicates", "3", "--quiet",
        "--out", "a", "--resume");
    expect_code(&r, 2, "a resume over another sweep's runs");
    assert_non_null(strstr(r.err, "a/runs.csv:2:1: error: --resume: this record does not belong"));
    result_free(&r);
    char *after = read_in(b, "summary.csv");
    assert_string_equal(summary, after); /* nothing rewritten */
    free(after);
    /* One record's seed changed: refused at its line. */
    char *changed = strdup(ours);
    char *third = strchr(strchr(strchr(changed, '\n') + 1, '\n') + 1, '\n') + 1;
    char *seed = strchr(strchr(strchr(third, ',') + 1, ',') + 1, ',') + 1;
    seed[0] = seed[0] == '9' ? '8' : '9';
    write_bytes(a, changed, strlen(changed));
    RUN(&r, dir, "sweep", "s.yaml", "--vary", "bass.q=0.2,0.4", "--replicates", "3", "--quiet",
        "--out", "a", "--resume");
    expect_code(&r, 2, "a resume over a changed seed");
    assert_non_null(strstr(r.err, "a/runs.csv:4:1"));
    result_free(&r);
    /* Its own records back: the resume finishes to the same bytes. */
    write_bytes(a, ours, strlen(ours));
    RUN(&r, dir, "sweep", "s.yaml", "--vary", "bass.q=0.2,0.4", "--replicates", "3", "--quiet",
        "--out", "a", "--resume");
    expect_code(&r, 0, "a resume over its own records");
    result_free(&r);
    after = read_in(b, "runs.csv");
    assert_string_equal(after, ours);
    free(after);
    free(changed);
    free(summary);
    free(theirs);
    free(ours);
}

/* The temporaries of target name in dir. */
static int temporaries(const char *dir, const char *name)
{
    char prefix[128];
    snprintf(prefix, sizeof prefix, ".%s" CS_TMP_MARK, name);
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    if (d)
        closedir(d);
    return n;
}

/* A table of every kind of value, for the count of graph files' bytes:
 * strings with each character XML escapes or cannot carry, negative and
 * large numbers, values left out, NaN. */
static const cs_attr_def probe_defs[] = {
    {"name", CS_ATTR_STRING}, {"count", CS_ATTR_INT}, {"share", CS_ATTR_DOUBLE},
    {"on", CS_ATTR_BOOL},
};

static void probe_values(const void *ctx, uint32_t u, cs_attr_value *v, char *text, size_t cap)
{
    (void)ctx;
    static const char *const names[] = {"plain", "a&b<c>\"d'e", "tab\tline\nret\r",
                                        "bell\a;nul-free", "", "\xe4\xb8\xad\xe6\x96\x87"};
    snprintf(text, cap, "%s #%u", names[u % 6], u);
    v[0] = (cs_attr_value){.set = u % 7 != 3, .s = u % 6 == 4 ? "" : text};
    v[1] = (cs_attr_value){.set = u % 5 != 1, .i = u % 2 ? -(int64_t)u * 1000003 : INT64_MIN + u};
    v[2] = (cs_attr_value){.set = 1, .d = u % 4 == 0 ? NAN : (double)u / 7.0 - 3e5};
    v[3] = (cs_attr_value){.set = u % 3 != 2, .i = u % 2};
}

/* graph counts the bytes it will write (exactly, in every format, with
 * attributes or without), refuses what does not fit before writing, removes
 * its temporary when a signal ends it, and removes the temporaries earlier
 * killed writers of its file left. */
static void test_graph_room_and_temporaries(void **state)
{
    (void)state;
    char dir[PATH_MAX], p[PATH_MAX];
    make_dir(dir, "graph");
    cs_diag d;
    cs_diag_init(&d, stderr);
    const cs_node_attrs probe = {sizeof probe_defs / sizeof probe_defs[0], probe_defs,
                                 probe_values, NULL, NULL, "a \"probe\" & <nothing> else"};
    /* The count is the writers' bytes, on every kind of network. */
    for (int k = 0; k < 5; k++) {
        cs_network net;
        memset(&net, 0, sizeof net);
        if (k == 0)
            cs_network_complete(&net, 57);
        else if (k == 1)
            cs_network_complete(&net, 1);
        else
            assert_int_equal(cs_gen_erdos_renyi(&net, k == 2 ? 12 : 3000, k == 4 ? 0 : 7.5, 9), 0);
        for (int format = 0; format < CS_GRAPH_FORMATS; format++)
            for (int with = 0; with < 2; with++) {
                const cs_node_attrs *a = with ? &probe : NULL;
                fmt_path(p, "%s/net-%d.%s", dir, k, cs_graph_format_names[format]);
                assert_int_equal(cs_graph_write(&net, a, format, p, &d), 0);
                struct stat st;
                assert_int_equal(stat(p, &st), 0);
                assert_int_equal((uint64_t)st.st_size, cs_graph_bytes(&net, a, format));
                if (format == CS_GRAPH_EDGELIST)
                    assert_int_equal((uint64_t)st.st_size, cs_network_edgelist_bytes(&net));
                unlink(p);
            }
        cs_network_free(&net);
    }
    write_text(dir, "g.yaml", "model: bass\ndays: 1\npopulation: {size: 300000}\n"
                              "network: {kind: erdos_renyi, mean_degree: 12}\n");
    /* More than the room (here the file-size limit): refused, nothing
     * written, no temporary. */
    result r;
    child_file_limit = 4096;
    RUN(&r, dir, "graph", "g.yaml", "--out", "g.txt");
    child_file_limit = 0;
    expect_code(&r, 1, "a graph larger than the room");
    assert_non_null(strstr(r.err, "it would take about"));
    assert_non_null(strstr(r.err, "ulimit -f"));
    assert_false(exists_in(dir, "g.txt"));
    assert_int_equal(temporaries(dir, "g.txt"), 0);
    result_free(&r);
    /* Killed while writing: the temporary goes with it. */
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (int i = 0; i < 3; i++) {
        char o[PATH_MAX], e[PATH_MAX];
        const char *args[] = {"graph", "g.yaml", "--out", "g.txt", NULL};
        pid_t pid = spawn(dir, args, o, e);
        double t0 = now_seconds();
        while (temporaries(dir, "g.txt") == 0 && now_seconds() - t0 < 120)
            sleep_seconds(0.001);
        kill(pid, sigs[i]);
        finish(pid, 120.0, o, e, &r);
        assert_true(r.signaled); /* ended by the signal, as it would have been */
        assert_int_equal(r.code, 128 + sigs[i]);
        assert_int_equal(temporaries(dir, "g.txt"), 0);
        assert_false(exists_in(dir, "g.txt"));
        result_free(&r);
    }
    /* An earlier writer's temporary: removed when its process is gone,
     * kept while it lives. */
    pid_t gone = fork();
    if (gone == 0)
        _exit(0);
    waitpid(gone, NULL, 0);
    char dead[128], live[128];
    snprintf(dead, sizeof dead, ".g.txt" CS_TMP_MARK "%ld.0", (long)gone);
    snprintf(live, sizeof live, ".g.txt" CS_TMP_MARK "%ld.0", (long)getpid());
    write_text(dir, dead, "half");
    write_text(dir, live, "half");
    write_text(dir, "s.yaml", small_bass);
    RUN(&r, dir, "graph", "s.yaml", "--out", "g.txt");
    expect_code(&r, 0, "graph");
    result_free(&r);
    assert_false(exists_in(dir, dead));
    assert_true(exists_in(dir, live));
    assert_true(exists_in(dir, "g.txt"));
}

/* Whether the environment of process pid holds entry. */
static int environ_has(pid_t pid, const char *entry)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/environ", (long)pid);
    size_t len = 0;
    char *env = read_all(path, &len);
    int found = 0;
    for (size_t at = 0; env && at < len; at += strlen(env + at) + 1)
        found |= strcmp(env + at, entry) == 0;
    free(env);
    return found;
}

/* Threads yield the CPU when they wait (circlesim runs itself with a
 * short spin unless the user chose a wait policy), and a failed thread
 * start is explained in circlesim's words. */
static void test_threads(void **state)
{
    (void)state;
    char dir[PATH_MAX], o[PATH_MAX], e[PATH_MAX];
    make_dir(dir, "threads");
    write_text(dir, "long.yaml", "model: bass\ndays: 36500\npopulation: {size: 20000}\n"
                                 "network: {kind: erdos_renyi, mean_degree: 4}\n"
                                 "bass: {p: 0.00001, q: 0.01}\n");
    const char *saved = getenv("GOMP_SPINCOUNT");
    char *keep = saved ? strdup(saved) : NULL;
    unsetenv("GOMP_SPINCOUNT");
    for (int chosen = 0; chosen < 2; chosen++) {
        if (chosen)
            setenv("OMP_WAIT_POLICY", "active", 1);
        const char *args[] = {"run", "long.yaml", "--threads", "2", "--quiet", "--out", "o", NULL};
        pid_t pid = spawn(dir, args, o, e);
        sleep_seconds(0.5);
        int has = environ_has(pid, "GOMP_SPINCOUNT=1000");
        kill(pid, SIGTERM);
        result r;
        finish(pid, 120.0, o, e, &r);
        expect_code(&r, 143, "a run stopped");
        result_free(&r);
        /* The user's own choice is left alone. */
        assert_int_equal(has, !chosen);
    }
    unsetenv("OMP_WAIT_POLICY");
    setenv("OMP_STACKSIZE", "1000G", 1); /* no thread can get such a stack */
    result r;
    RUN(&r, dir, "run", "long.yaml", "--days", "3", "--threads", "2", "--quiet", "--out", "t");
    unsetenv("OMP_STACKSIZE");
    expect_code(&r, 1, "threads that cannot start");
    assert_non_null(strstr(r.err, "circlesim: error: the threads asked for could not be started"));
    assert_non_null(strstr(r.err, "lower --threads or --jobs"));
    result_free(&r);
    if (keep)
        setenv("GOMP_SPINCOUNT", keep, 1);
    free(keep);
}

/* A sweep on a nearly full disk names the file left incomplete, keeps the
 * whole ones, and finishes with --resume once there is room. */
static void test_sweep_full_disk(void **state)
{
    (void)state;
    char dir[PATH_MAX], a[PATH_MAX], b[PATH_MAX];
    make_dir(dir, "sweep-full");
    write_text(dir, "s.yaml", "name: long\nmodel: bass\ndays: 400\nseed: 5\n"
                              "population: {size: 400}\nnetwork: {kind: erdos_renyi, "
                              "mean_degree: 6}\nbass: {p: 0.01, q: 0.3}\n");
    result r;
    RUN(&r, dir, "sweep", "s.yaml", "--vary", "bass.q=0.2,0.4", "--replicates", "3",
        "--keep-series", "--quiet", "--out", "whole");
    expect_code(&r, 0, "a sweep with room");
    result_free(&r);
    child_file_limit = 65536; /* series.csv needs about 90 KB, the rest under 50 (report.html) */
    RUN(&r, dir, "sweep", "s.yaml", "--vary", "bass.q=0.2,0.4", "--replicates", "3",
        "--keep-series", "--quiet", "--out", "full");
    child_file_limit = 0;
    expect_code(&r, 1, "a sweep whose series do not fit");
    assert_non_null(strstr(r.err, "cannot write 'full/series.csv': File too large; it is "
                                  "incomplete"));
    result_free(&r);
    static const char *const whole[] = {"runs.csv", "summary.csv", "experiment.yaml"};
    for (size_t i = 0; i < 3; i++)
        assert_same_file(fmt_path(a, "%s/full/%s", dir, whole[i]),
                         fmt_path(b, "%s/whole/%s", dir, whole[i]));
    RUN(&r, dir, "sweep", "s.yaml", "--vary", "bass.q=0.2,0.4", "--replicates", "3",
        "--keep-series", "--quiet", "--out", "full", "--resume");
    expect_code(&r, 0, "the resume with room");
    result_free(&r);
    assert_same_file(fmt_path(a, "%s/full/series.csv", dir),
                     fmt_path(b, "%s/whole/series.csv", dir));
}

/* Warnings for keys that change nothing, and positions for messages that
 * had none. */
static void test_messages(void **state)
{
    (void)state;
    char dir[PATH_MAX];
    make_dir(dir, "messages");
    write_text(dir, "w.yaml", "model: bass\ndays: 2\npopulation: {size: 300}\n"
                              "network: {kind: erdos_renyi, m: 4}\ngroups: {message_rate: 0.3}\n");
    result r;
    RUN(&r, dir, "check", "w.yaml");
    expect_code(&r, 0, "check with keys that change nothing");
    assert_non_null(strstr(r.err, "w.yaml:4:33: warning: network.m does not apply to "
                                  "network.kind erdos_renyi"));
    assert_non_null(strstr(r.err, "w.yaml:5:24: warning: groups.message_rate does not apply "
                                  "to model bass"));
    assert_int_equal(count_lines(r.err), 2);
    result_free(&r);
    RUN(&r, dir, "run", "w.yaml", "--set", "cascade.p=0.2", "--quiet", "--out", "o");
    expect_code(&r, 0, "run with keys that change nothing");
    assert_non_null(strstr(r.err, "<set> cascade.p: warning: cascade.p does not apply to model "
                                  "bass"));
    assert_int_equal(count_lines(r.err), 3);
    result_free(&r);
    /* Keys that act only when another allows them: a warning where it does
     * not, none where it does (an intervention turning it on counts). */
    write_text(dir, "c.yaml",
               "model: platform\ndays: 5\npopulation: {size: 300}\n"
               "brand: {livestream_reach: 0.5, coupon_days: 9}\n"
               "commerce: {group_discount: 0.3}\ngroups: {enabled: false, browse: 0.1}\n"
               "interventions:\n  - {day: 3, set: {brand.guidance: 0.5, groups.enabled: true}}\n");
    RUN(&r, dir, "check", "c.yaml");
    expect_code(&r, 0, "check with keys that cannot act");
    assert_non_null(strstr(r.err, "c.yaml:4:27: warning: brand.livestream_reach changes nothing "
                                  "here: brand.livestream_days is empty"));
    assert_non_null(strstr(r.err, "c.yaml:4:45: warning: brand.coupon_days changes nothing here: "
                                  "brand.coupon is 0"));
    assert_non_null(strstr(r.err, "c.yaml:5:28: warning: commerce.group_discount changes nothing "
                                  "here: commerce.group_buy is false"));
    assert_non_null(strstr(r.err, "warning: the intervention's brand.guidance changes nothing "
                                  "here: brand.groups is 0"));
    assert_null(strstr(r.err, "groups.browse"));
    assert_int_equal(count_lines(r.err), 4);
    result_free(&r);
    RUN(&r, dir, "run", "c.yaml", "--set", "brand.livestream_days=[2]", "--set",
        "brand.coupon=5", "--set", "commerce.group_buy=true", "--set", "brand.groups=2",
        "--quiet", "--out", "allowed");
    expect_code(&r, 0, "check with every key allowed");
    assert_string_equal(r.err, "");
    result_free(&r);
    /* More KOCs seeded than the world holds (300 x 0.05 = 15): warned at
     * the key, as file or --set gave it; a list of users is not capped. */
    write_text(dir, "k.yaml", "model: platform\ndays: 5\npopulation: {size: 300}\n"
                              "brand: {koc_seeds: 40}\n");
    RUN(&r, dir, "check", "k.yaml");
    expect_code(&r, 0, "check with more KOCs seeded than there are");
    assert_non_null(strstr(r.err, "k.yaml:4:20: warning: brand.koc_seeds 40 is more than the 15 "
                                  "KOCs this world holds"));
    result_free(&r);
    RUN(&r, dir, "run", "k.yaml", "--set", "brand.koc_seeds=15", "--quiet", "--out", "k15");
    expect_code(&r, 0, "run with as many KOCs as there are");
    assert_string_equal(r.err, "");
    result_free(&r);
    RUN(&r, dir, "run", "k.yaml", "--set", "population.size=200", "--quiet", "--out", "k200");
    assert_non_null(strstr(r.err, "the 10 KOCs this world holds"));
    result_free(&r);
    /* Group buying without a discount: nobody invites, so it does nothing. */
    write_text(dir, "g.yaml",
               "model: platform\ndays: 5\npopulation: {size: 300}\n"
               "commerce: {group_buy: true, group_discount: 0}\n");
    RUN(&r, dir, "check", "g.yaml");
    expect_code(&r, 0, "check of group buying without a discount");
    assert_non_null(strstr(r.err, "g.yaml:4:23: warning: commerce.group_buy changes nothing here: "
                                  "commerce.group_discount is 0"));
    assert_int_equal(count_lines(r.err), 1);
    result_free(&r);
    /* A resolved scenario.yaml writes every key: no warning. */
    RUN(&r, dir, "check", "o/scenario.yaml");
    expect_code(&r, 0, "check of a resolved scenario");
    assert_string_equal(r.err, "");
    result_free(&r);
    /* A %YAML directive of another version: at its line. */
    write_text(dir, "v.yaml", "%YAML 2.0\n---\nmodel: bass\n");
    RUN(&r, dir, "check", "v.yaml");
    expect_code(&r, 2, "a YAML 2.0 directive");
    assert_non_null(strstr(r.err, "v.yaml:1:1: error: malformed YAML"));
    result_free(&r);
    /* A --set that conflicts with the built-in file's value is the --set's. */
    RUN(&r, dir, "run", "--set", "population.size=10", "--out", "p");
    expect_code(&r, 2, "a --set against the built-in file");
    assert_non_null(strstr(r.err, "<set> population.size: error:"));
    assert_null(strstr(r.err, "built in"));
    result_free(&r);
    /* --max-memory just under the estimate: the two figures differ. */
    write_text(dir, "m.yaml", "model: bass\ndays: 2\npopulation: {size: 300}\n");
    char limit[32];
    double need = estimate_of(dir, "m.yaml");
    snprintf(limit, sizeof limit, "%.0f", need - 1);
    RUN(&r, dir, "run", "m.yaml", "--max-memory", limit, "--quiet", "--out", "m");
    expect_code(&r, 2, "one byte under the estimate");
    char want[96];
    snprintf(want, sizeof want, "(%.0f bytes) of memory", need);
    assert_non_null(strstr(r.err, want));
    snprintf(want, sizeof want, "(%.0f bytes) that --max-memory allows", need - 1);
    assert_non_null(strstr(r.err, want));
    result_free(&r);
}

/* Text fields a spreadsheet would run as formulas are written as text;
 * numbers stay numbers. */
static void test_csv_formulas(void **state)
{
    (void)state;
    char dir[PATH_MAX], o[PATH_MAX];
    make_dir(dir, "csv");
    write_text(dir, "v.yaml", "model: bass\ndays: 3\npopulation: {size: 300}\n"
                              "experiment:\n  variants:\n"
                              "    \"=HYPERLINK(\\\"http://x\\\")\": {bass.q: 0.2}\n"
                              "    \"+1\": {bass.q: 0.25}\n"
                              "    \"-x\": {bass.q: 0.3}\n"
                              "    \"@sum\": {bass.q: 0.35}\n"
                              "    \"plain\": {bass.q: 0.4}\n");
    result r;
    RUN(&r, dir, "sweep", "v.yaml", "--replicates", "2", "--quiet", "--out", "o");
    expect_code(&r, 0, "a sweep with formula-like variant names");
    result_free(&r);
    static const char *const want[] = {"\"'=HYPERLINK(\"\"http://x\"\")\"", ",1,0,5,+1,",
                                       "\"'-x\"", "\"'@sum\"", ",plain,"};
    for (int f = 0; f < 2; f++) {
        char *t = read_in(fmt_path(o, "%s/o", dir), f ? "summary.csv" : "runs.csv");
        assert_non_null(t);
        for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
            if (i != 1 && !strstr(t, want[i]))
                fail_msg("%s lacks %s:\n%s", f ? "summary.csv" : "runs.csv", want[i], t);
        /* "+1" is a number: as it was. */
        assert_non_null(strstr(t, ",+1,"));
        free(t);
    }
    /* A negative value is a number, not a formula. */
    write_text(dir, "n.yaml", "model: bass\ndays: 3\npopulation: {size: 300}\n");
    RUN(&r, dir, "sweep", "n.yaml", "--vary", "bass.q=-0,0.1", "--quiet", "--out", "m");
    expect_code(&r, 0, "a sweep over -0");
    result_free(&r);
    char *t = read_in(fmt_path(o, "%s/m", dir), "runs.csv");
    assert_non_null(strstr(t, ",-0,"));
    free(t);
}

/* Whether pid is running (not finished and waiting to be reaped). */
static int still_running(pid_t pid)
{
    char path[64], *stat;
    snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
    stat = read_all(path, NULL);
    const char *close_paren = stat ? strrchr(stat, ')') : NULL;
    int running = close_paren && close_paren[1] == ' ' && close_paren[2] != 'Z';
    free(stat);
    return running;
}

/* The folder of a long experiment command is renamed away and a link put
 * in its place: every file still goes to the folder the command opened. */
static void test_folder_swapped_during_command(void **state)
{
    (void)state;
    char victim[PATH_MAX], dir[PATH_MAX], o[PATH_MAX], e[PATH_MAX], p[PATH_MAX], q[PATH_MAX];
    make_victim(victim);
    make_dir(dir, "swap-during");
    /* Slow diffusion: every day has most users to visit (2-4 s a command
     * under the sanitizers). */
    write_text(dir, "s.yaml", "name: s\nmodel: bass\ndays: 2000\nseed: 5\n"
                              "population: {size: 30000}\nnetwork: {kind: erdos_renyi, "
                              "mean_degree: 6}\nbass: {p: 0.000002, q: 0.01}\n"
                              "targets: {points: [{column: buyers, day: 100, value: 9000}]}\n");
    static const char *const cmds[][18] = {
        {"sweep", "s.yaml", "--vary", "bass.q=0.01,0.011", "--replicates", "3", "--jobs", "1",
         "--quiet", "--out", "o0"},
        {"compare", "s.yaml", "s.yaml", "--set", "bass.q=0.012", "--replicates", "3", "--jobs",
         "1", "--quiet", "--out", "o1"},
        {"calibrate", "s.yaml", "--free", "bass.q=0.005:0.02", "--replicates", "2",
         "--max-evals", "4", "--jobs", "1", "--quiet", "--out", "o2"},
        {"optimize", "s.yaml", "--choose", "2", "--screen", "3", "--replicates", "2", "--jobs",
         "1", "--days", "400", "--quiet", "--out", "o3"},
    };
    for (int k = 0; k < 4; k++) {
        pid_t pid = spawn(dir, cmds[k], o, e);
        /* Once the folder is made and locked (it is made after the checks). */
        fmt_path(p, "%s/o%d", dir, k);
        wait_for(p);
        sleep_seconds(0.3);
        assert_int_equal(rename(p, fmt_path(q, "%s/o%d.real", dir, k)), 0);
        assert_int_equal(symlink(victim, p), 0);
        if (!still_running(pid))
            fail_msg("%s ended before its folder was swapped: make it longer", cmds[k][0]);
        result r;
        finish(pid, 300.0, o, e, &r);
        expect_code(&r, 0, cmds[k][0]);
        result_free(&r);
        expect_victim_intact(victim);
        assert_true(count_entries(q) >= 2); /* the results, where the command made them */
    }
}

/* Cases an adversarial trial found beyond the first rules. */
static void test_more_places(void **state)
{
    (void)state;
    char victim[PATH_MAX], dir[PATH_MAX], p[PATH_MAX], q[PATH_MAX];
    make_victim(victim);
    make_dir(dir, "more");
    write_text(dir, "s.yaml", small_bass);
    result r;
    /* A link or FIFO at checkpoint/run.ckpt: refused, not removed. */
    RUN(&r, dir, "run", "s.yaml", "--quiet", "--out", "o");
    expect_code(&r, 0, "a run");
    result_free(&r);
    assert_int_equal(mkdir(fmt_path(p, "%s/o/checkpoint", dir), 0777), 0);
    fmt_path(p, "%s/o/checkpoint/run.ckpt", dir);
    for (int kind = 0; kind < 2; kind++) {
        if (kind == 0)
            assert_int_equal(symlink(fmt_path(q, "%s/precious.txt", victim), p), 0);
        else
            assert_int_equal(mkfifo(p, 0666), 0);
        RUN(&r, dir, "run", "s.yaml", "--quiet", "--out", "o");
        expect_code(&r, 2, kind ? "a FIFO at checkpoint/run.ckpt" : "a link at checkpoint/run.ckpt");
        assert_non_null(strstr(r.err, "'checkpoint/run.ckpt'"));
        result_free(&r);
        struct stat st;
        assert_int_equal(lstat(p, &st), 0); /* left where it was */
        assert_int_equal(unlink(p), 0);
        expect_victim_intact(victim);
    }
    /* A temporary of a name that is not circlesim's stays. */
    write_text(fmt_path(p, "%s/o", dir), ".notes.txt" CS_TMP_MARK "999999999.1", "mine");
    RUN(&r, dir, "run", "s.yaml", "--quiet", "--out", "o");
    expect_code(&r, 0, "a run beside a temporary not circlesim's");
    result_free(&r);
    assert_true(exists_in(p, ".notes.txt" CS_TMP_MARK "999999999.1"));
    /* A file continued in place with another name (a hard link) is refused:
     * sweep --resume appends to series.csv. */
    RUN(&r, dir, "sweep", "s.yaml", "--vary", "bass.q=0.2,0.4", "--replicates", "2",
        "--keep-series", "--quiet", "--out", "w");
    expect_code(&r, 0, "a sweep");
    result_free(&r);
    assert_int_equal(unlink(fmt_path(p, "%s/w/series.csv", dir)), 0);
    write_text(victim, "linked.txt", "precious line\n");
    assert_int_equal(link(fmt_path(q, "%s/linked.txt", victim), p), 0);
    RUN(&r, dir, "sweep", "s.yaml", "--vary", "bass.q=0.2,0.4", "--replicates", "2",
        "--keep-series", "--quiet", "--out", "w", "--resume");
    expect_code(&r, 2, "a resume over a hard-linked series.csv");
    assert_non_null(strstr(r.err, "hard links"));
    result_free(&r);
    char *t = read_in(victim, "linked.txt");
    assert_string_equal(t, "precious line\n");
    free(t);
    assert_int_equal(unlink(p), 0);
    assert_int_equal(unlink(q), 0);
    expect_victim_intact(victim);
    /* A FIFO or device at graph's --out is not replaced. */
    assert_int_equal(mkfifo(fmt_path(p, "%s/fifo", dir), 0666), 0);
    RUN(&r, dir, "graph", "s.yaml", "--out", "fifo");
    expect_code(&r, 1, "graph onto a FIFO");
    assert_non_null(strstr(r.err, "not a file"));
    result_free(&r);
    struct stat st;
    assert_int_equal(lstat(p, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    /* An --out naming a folder: refused before anything is made there. */
    assert_int_equal(mkdir(fmt_path(p, "%s/gdir2", dir), 0777), 0);
    RUN(&r, dir, "graph", "s.yaml", "--out", "gdir2/");
    expect_code(&r, 1, "graph --out a folder");
    assert_non_null(strstr(r.err, "names a folder, not a file"));
    result_free(&r);
    assert_int_equal(count_entries(p), 0);
    /* render checks memory as run does: the 2*10^9-user list at once. */
    write_text(dir, "huge.txt", "0 1999999999\n");
    write_text(dir, "huge.yaml", "model: bass\ndays: 3\nnetwork: {kind: edgelist, file: huge.txt}\n");
    RUN(&r, dir, "render", "huge.yaml", "--png", "h.png", "--max-memory", "1G");
    expect_code(&r, 2, "render on a 2*10^9-user edge list");
    assert_non_null(strstr(r.err, "population.size 2000000000"));
    result_free(&r);
    /* --help and --version must reach standard output too. */
    static const char *const printing[][3] = {{"--help"}, {"--version"}, {"run", "--help"}};
    for (int i = 0; i < 3; i++)
        if (to_full_disk(dir, printing[i]) != 1)
            fail_msg("%s > /dev/full: expected exit 1", printing[i][0]);
    /* A folder this command made, replaced meanwhile by another: the other
     * is not removed when the command discards its own. */
    cs_diag d;
    FILE *quiet = fopen("/dev/null", "w");
    cs_diag_init(&d, quiet);
    cs_outdir out;
    static const char *const none[] = {NULL};
    static const cs_outdir_kind kind = {"x.csv", "x", none, NULL, NULL, NULL};
    assert_int_equal(cs_outdir_open(&out, fmt_path(p, "%s/made", dir), &kind, 0, &d), 0);
    assert_int_equal(rename(p, fmt_path(q, "%s/made-moved", dir)), 0);
    assert_int_equal(mkdir(p, 0777), 0);
    out.made = 1;
    cs_outdir_discard(&out);
    assert_true(exists(p));
    fclose(quiet);
}

/* A second round of adversarial cases: a checkpoint in a folder whose
 * summary.json is gone, single files written into a folder swapped or held
 * by another command, a sweep value that reads as -inf. */
static void test_second_round(void **state)
{
    (void)state;
    char victim[PATH_MAX], dir[PATH_MAX], p[PATH_MAX], q[PATH_MAX], o[PATH_MAX], e[PATH_MAX];
    make_victim(victim);
    make_dir(dir, "second");
    write_text(dir, "s.yaml", small_bass);
    result r;
    /* A stopped run's checkpoint copied into a finished run of another
     * scenario whose summary.json is gone: its scenario.yaml says whose
     * the folder is. */
    assert_int_equal(stopped_run(dir, "a", "1", SIGTERM), 143);
    RUN(&r, dir, "run", "s.yaml", "--quiet", "--out", "b");
    expect_code(&r, 0, "a finished run");
    result_free(&r);
    assert_int_equal(unlink(fmt_path(p, "%s/b/summary.json", dir)), 0);
    assert_int_equal(mkdir(fmt_path(p, "%s/b/checkpoint", dir), 0777), 0);
    size_t len;
    char *ck = read_all(fmt_path(q, "%s/a/checkpoint/run.ckpt", dir), &len);
    write_bytes(fmt_path(p, "%s/b/checkpoint/run.ckpt", dir), ck, len);
    free(ck);
    char *before = read_in(fmt_path(q, "%s/b", dir), "timeseries.csv");
    RUN(&r, dir, "resume", "b", "--quiet");
    expect_code(&r, 2, "a checkpoint in a folder without summary.json");
    assert_non_null(strstr(r.err, "is not the run whose scenario.yaml"));
    result_free(&r);
    /* Its days but no scenario.yaml either: nothing says whose. */
    assert_int_equal(unlink(fmt_path(p, "%s/b/scenario.yaml", dir)), 0);
    RUN(&r, dir, "resume", "b", "--quiet");
    expect_code(&r, 2, "a checkpoint beside days of no known run");
    assert_non_null(strstr(r.err, "no summary.json or scenario.yaml"));
    result_free(&r);
    char *after = read_in(q, "timeseries.csv");
    assert_string_equal(before, after);
    free(before);
    free(after);
    /* graph's folder swapped for a link while it builds: the file lands
     * in the folder it opened. */
    write_text(dir, "big.yaml", "model: bass\ndays: 1\npopulation: {size: 600000}\n"
                                "network: {kind: erdos_renyi, mean_degree: 8}\n");
    assert_int_equal(mkdir(fmt_path(p, "%s/gdir", dir), 0777), 0);
    const char *args[] = {"graph", "big.yaml", "--out", "gdir/g.txt", NULL};
    pid_t pid = spawn(dir, args, o, e);
    sleep_seconds(0.3);
    assert_int_equal(rename(p, fmt_path(q, "%s/gdir-moved", dir)), 0);
    assert_int_equal(symlink(victim, p), 0);
    if (!still_running(pid))
        fail_msg("graph ended before its folder was swapped: make it larger");
    finish(pid, 300.0, o, e, &r);
    expect_code(&r, 0, "graph");
    result_free(&r);
    assert_true(exists_in(q, "g.txt"));
    expect_victim_intact(victim);
    /* A single file into a folder another command is writing: refused. */
    const char *run[] = {"run", "long.yaml", "--checkpoint-every", "500", "--quiet", "--out", "busy",
                         NULL};
    pid = spawn(dir, run, o, e);
    wait_for(fmt_path(p, "%s/busy/summary.json", dir));
    RUN(&r, dir, "graph", "s.yaml", "--out", "busy/checkpoint/run.ckpt");
    expect_code(&r, 2, "graph into a folder being written");
    assert_non_null(strstr(r.err, "is writing output folder"));
    result_free(&r);
    RUN(&r, dir, "graph", "s.yaml", "--out", "busy/g.txt");
    expect_code(&r, 2, "graph into a run's folder being written");
    result_free(&r);
    kill(pid, SIGTERM);
    finish(pid, 120.0, o, e, &r);
    expect_code(&r, 143, "the run stopped");
    result_free(&r);
    /* A value that reads as -inf on a sweep's axis. */
    RUN(&r, dir, "sweep", "s.yaml", "--vary", "name=x,-1e999", "--replicates", "2", "--quiet",
        "--out", "inf");
    expect_code(&r, 0, "a sweep over name=x,-1e999");
    result_free(&r);
    assert_true(exists_in(fmt_path(p, "%s/inf", dir), "plot-final_buyers.png"));
}

/* A varied text value holding a line end is written quoted, and --resume
 * reads such a record as one (it split records at every line end). */
static void test_sweep_quoted_newline(void **state)
{
    (void)state;
    char dir[PATH_MAX], p[PATH_MAX];
    make_dir(dir, "quoted-newline");
    write_text(dir, "s.yaml", small_bass);
    result r;
    RUN(&r, dir, "sweep", "s.yaml", "--vary", "name='a\nb',c", "--replicates", "2", "--quiet",
        "--out", "q");
    expect_code(&r, 0, "a sweep over a value with a line end");
    result_free(&r);
    char *whole = read_in(fmt_path(p, "%s/q", dir), "runs.csv");
    assert_non_null(whole);
    assert_non_null(strstr(whole, "\"'a\nb'\""));
    /* Keep the header and the first record (two lines), as a kill would. */
    char *cut = strchr(strchr(strchr(whole, '\n') + 1, '\n') + 1, '\n') + 1;
    write_bytes(fmt_path(p, "%s/q/runs.csv", dir), whole, (size_t)(cut - whole));
    RUN(&r, dir, "sweep", "s.yaml", "--vary", "name='a\nb',c", "--replicates", "2", "--quiet",
        "--out", "q", "--resume");
    expect_code(&r, 0, "the resume");
    result_free(&r);
    char *again = read_in(fmt_path(p, "%s/q", dir), "runs.csv");
    assert_string_equal(again, whole);
    free(again);
    free(whole);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_links_never_followed),
        cmocka_unit_test(test_link_swapped_after_check),
        cmocka_unit_test(test_concurrent_commands),
        cmocka_unit_test(test_foreign_checkpoint_and_sighup),
        cmocka_unit_test(test_empty_paths_and_full_stdout),
        cmocka_unit_test(test_memory_guards),
        cmocka_unit_test(test_sweep_resume_checks),
        cmocka_unit_test(test_graph_room_and_temporaries),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_sweep_full_disk),
        cmocka_unit_test(test_messages),
        cmocka_unit_test(test_csv_formulas),
        cmocka_unit_test(test_folder_swapped_during_command),
        cmocka_unit_test(test_more_places),
        cmocka_unit_test(test_second_round),
        cmocka_unit_test(test_sweep_quoted_newline),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
