/* SPDX-License-Identifier: MIT */
/* main.c - the circlesim command line: run, check, params, graph. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <omp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "engine/checkpoint.h"
#include "circlesim/diag.h"
#include "engine/engine.h"
#include "base/fileio.h"
#include "engine/memory.h"
#include "network/graph_files.h"
#include "network/network.h"
#include "base/outdir.h"
#include "engine/output.h"
#include "scenario/scenario.h"
#include "cli/commands.h"
#include "cli/manual.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "cli/sweep.h"
#include "cli/calibrate.h"
#include "cli/optimize.h"
#include "cli/compare.h"
#include "base/numfmt.h"
#ifdef CS_HAVE_DRAW
#include "draw/render.h"
#endif







/* The commands, in the order circlesim --help lists them. */
static const cs_command *const commands[] = {
    &cs_cmd_run_def,     &cs_cmd_resume_def,  &cs_cmd_check_def,     &cs_cmd_params_def,
    &cs_cmd_graph_def,   &cs_cmd_render_def,  &cs_cmd_lesson_def,    &cs_cmd_sweep_def,
    &cs_cmd_compare_def,
    &cs_cmd_calibrate_def, &cs_cmd_optimize_def, &cs_cmd_validate_def,
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

/* What circlesim(1) says beyond the commands (cli/manual.h). */
static const char *const other_programs[] = {
#ifdef CS_HAVE_DRAW
    "circlesim-viz",
#endif
#ifdef CS_HAVE_MPI
    "circlesim-mpi",
#endif
    NULL,
};

static const cs_program_doc program_doc = {
    "circlesim",
    CIRCLESIM_VERSION,
    "simulate an interest-community platform: its users, circles, groups and sales",
    commands,
    N_COMMANDS,
    "  circlesim runs an agent-based model of an interest-community platform (or,\n"
    "  for comparison, the Bass and independent-cascade models) from a scenario: a\n"
    "  YAML file whose keys `circlesim params` lists, the built-in default when none\n"
    "  is given. `--set KEY=VALUE` overrides any key on the command line. A run is\n"
    "  reproducible: the same scenario and seed give the same bytes, whatever\n"
    "  --threads.\n"
    "  Each command has its own page, circlesim-COMMAND(1), and its own --help.\n",
    "out/NAME-SEED/\tthe output folder of `circlesim run` without --out\n"
    "DIR/timeseries.csv\ta run's days, one row each\n"
    "DIR/summary.json\ta run's totals, the program, the scenario's hash and whether it is "
    "complete\n"
    "DIR/scenario.yaml\tthe scenario resolved, every key written: runs again to the same bytes\n"
    "DIR/checkpoint/\tthe state saved by --checkpoint-every, for `circlesim resume DIR`\n"
    "PREFIX/share/circlesim/scenarios/\tthe shipped scenarios, installed: lessons, what-if "
    "pairs, the validation suite\n"
    "PREFIX/share/circlesim/summary.schema.json\tsummary.json's JSON Schema\n"
    "PREFIX/share/doc/circlesim/\tthe README and the docs: the model, the parameters, "
    "the Python package\n",
    other_programs,
};

static void usage(FILE *o)
{
    fputs("usage: circlesim COMMAND [ARGS]\n\ncommands:\n", o);
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(o, "  %-9s %s\n", commands[i]->name, commands[i]->summary);
    fputs("\n"
          "circlesim COMMAND --help describes a command; circlesim --version prints the version.\n"
          "circlesim --man [COMMAND] prints a manual page (roff: man -l -); circlesim\n"
          "--completion bash prints the bash completion script.\n"
          "\n"
          "exit codes: ",
          o);
    /* The codes of the pages' EXIT STATUS, the last on a line of its own. */
    for (size_t i = 0; i < cs_exit_code_count; i++)
        fprintf(o, "%s%s %s", i == 0 ? "" : i + 1 < cs_exit_code_count ? ", " : ",\n            ",
                cs_exit_codes[i].code, cs_exit_codes[i].meaning);
    fputc('\n', o);
}

static void print_count(FILE *o, int64_t v)
{
    /* Thin groups of three digits read faster in a summary. */
    char digits[32];
    snprintf(digits, sizeof digits, "%lld", (long long)v);
    int len = (int)strlen(digits);
    for (int i = 0; i < len; i++) {
        fputc(digits[i], o);
        if (digits[i] != '-' && (len - i - 1) % 3 == 0 && i != len - 1)
            fputc(' ', o);
    }
}

static void print_money(FILE *o, int64_t fen)
{
    char buf[48];
    cs_format_yuan(buf, sizeof buf, fen, ' ');
    fputs(buf, o);
}

/* Daily GMV as one line of block characters, at most 60 wide. */
static void print_sparkline(FILE *o, const cs_run *r)
{
    static const char *ticks[] = {"▁", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    int64_t n = cs_run_day(r);
    const cs_day_row *rows = cs_run_rows(r);
    int width = n < 60 ? (int)n : 60;
    int64_t bucket[60] = {0};
    int64_t max = 0;
    for (int b = 0; b < width; b++) {
        int64_t from = n * b / width, to = n * (b + 1) / width;
        for (int64_t i = from; i < to; i++)
            bucket[b] += rows[i].gmv_fen;
        bucket[b] /= (to - from);
        if (bucket[b] > max)
            max = bucket[b];
    }
    /* In double: bucket * 8 would overflow int64 for national-scale GMV. */
    for (int b = 0; b < width; b++) {
        int level = max ? (int)ceil(8.0 * (double)bucket[b] / (double)max) : 0;
        fputs(ticks[level < 0 ? 0 : level > 8 ? 8 : level], o);
    }
}

static void print_summary(const cs_run *r, const char *dir, int complete)
{
    const cs_scenario *sc = cs_run_base(r);
    FILE *o = stdout;
    int64_t day = cs_run_day(r);
    const cs_day_row *rows = cs_run_rows(r);
    const cs_day_row *last = day ? &rows[day - 1] : NULL;
    int64_t users = last ? last->users : 0, buyers = last ? last->buyers : 0;
    int64_t gmv = 0, peak = 0, peak_day = 0;
    for (int64_t i = 0; i < day; i++) {
        gmv += rows[i].gmv_fen;
        if (rows[i].gmv_fen > peak) {
            peak = rows[i].gmv_fen;
            peak_day = rows[i].day;
        }
    }
    fprintf(o, "%s: %s model, %s network, seed %lld, %lld of %lld days%s\n",
            cs_scenario_name(sc), cs_model_name(cs_scenario_model(sc)),
            cs_network_kind_name(cs_scenario_network_kind(sc)), (long long)cs_scenario_seed(sc),
            (long long)day, (long long)cs_scenario_days(sc), complete ? "" : " (interrupted)");
    fputs("  users      ", o);
    print_count(o, users);
    fputs("\n  buyers     ", o);
    print_count(o, buyers);
    fprintf(o, " (%.1f%% of users)\n  GMV        ", users ? 100.0 * (double)buyers / (double)users : 0);
    print_money(o, gmv);
    fputs(" yuan\n  daily GMV  ", o);
    print_sparkline(o, r);
    if (peak > 0) {
        fputs("  peak ", o);
        print_money(o, peak);
        fprintf(o, " yuan on day %lld", (long long)peak_day);
    } else {
        fputs("  no sales", o);
    }
    cs_facts f;
    if (cs_run_facts(r, &f) == 0) {
        /* Target beside achieved, for the facts a scenario is calibrated to. */
        const struct { const char *name; double got, want; } rows[] = {
            {"repurchase ratio, group members", f.repurchase_ratio_group,
             cs_scenario_key_number(sc, "targets.repurchase_ratio_group")},
            {"opens ratio, group members", f.opens_ratio_group,
             cs_scenario_key_number(sc, "targets.opens_ratio_group")},
            {"merchants with a store", f.merchant_store_share,
             cs_scenario_key_number(sc, "targets.merchant_store_share")},
            {"minutes per DAU", f.minutes_per_dau,
             cs_scenario_key_number(sc, "targets.minutes_per_dau")},
        };
        fprintf(o, "\n  over the last %d days     achieved    target\n",
                day < 30 ? (int)day : 30);
        for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
            fprintf(o, "  %-32s", rows[i].name);
            if (isfinite(rows[i].got))
                fprintf(o, "%8.3g", rows[i].got);
            else
                fputs("       -", o);
            fprintf(o, "  %8.3g\n", rows[i].want);
        }
        fputs("  closed-loop share of GMV        ", o);
        if (isfinite(f.closed_loop_share))
            fprintf(o, "%8.3g\n", f.closed_loop_share);
        else
            fputs("       -\n", o);
    }
    fprintf(o, "\n  output     %s/\n", dir);
}

static void iso_now(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The default output folder: out/<name>-<seed>, with characters that would
 * make another path or a hidden file replaced. */
static char *default_out(const cs_scenario *sc)
{
    char name[128];
    size_t k = 0;
    const char *p = cs_scenario_name(sc);
    for (; *p && k < sizeof name - 1; p++) {
        unsigned char c = (unsigned char)*p;
        int bad = c == '/' || c == '\\' || c <= ' ' || (k == 0 && (c == '.' || c == '-'));
        name[k++] = bad ? '_' : (char)c;
    }
    /* Cut at a character boundary: never half of a UTF-8 sequence. */
    if (((unsigned char)*p & 0xc0) == 0x80) {
        while (k > 0 && ((unsigned char)name[k - 1] & 0xc0) == 0x80)
            k--;
        if (k > 0)
            k--;
    }
    name[k] = '\0';
    char *dir = NULL;
    if (asprintf(&dir, "out/%s-%lld", k ? name : "scenario",
                 (long long)cs_scenario_seed(sc)) < 0)
        return NULL;
    return dir;
}

static int run_complete(const cs_outdir *out);

/* The checkpoint folder's files: its one file (and its temporaries). */
static const char *const checkpoint_files[] = {CS_CHECKPOINT_FILE, NULL};

/* The checkpoint of an earlier run in the folder must not outlive it:
 * resume would continue that run over this one's result. The folder is
 * opened without following a link (refused); only circlesim's own files in
 * it go. */
static int remove_checkpoint(const cs_outdir *out, cs_diag *d)
{
    int fd = cs_outdir_sub(out, CS_CHECKPOINT_DIR, 0, d);
    if (fd < 0)
        return errno == ENOENT ? 0 : CS_ERR_INPUT;
    int rc = 0;
    /* Only a regular file: the folder's check refused anything else there,
     * and nothing put there since is removed. */
    if (cs_outdir_has(fd, CS_CHECKPOINT_FILE) && unlinkat(fd, CS_CHECKPOINT_FILE, 0) != 0 &&
        errno != ENOENT) {
        cs_diag_error(d, "cannot remove the old checkpoint '%s/" CS_CHECKPOINT_DIR
                         "/" CS_CHECKPOINT_FILE "': %s",
                      out->path, strerror(errno));
        rc = CS_ERR_RUNTIME;
    }
    cs_outdir_remove_sub(out, fd, CS_CHECKPOINT_DIR, checkpoint_files);
    close(fd);
    return rc;
}

static int save_checkpoint(const cs_run *r, const cs_outdir *out, const cs_checkpoint_plan *plan,
                           cs_diag *d)
{
    char *path = NULL;
    if (asprintf(&path, "%s/" CS_CHECKPOINT_DIR "/" CS_CHECKPOINT_FILE, out->path) < 0)
        return CS_ERR_NOMEM;
    int fd = cs_outdir_sub(out, CS_CHECKPOINT_DIR, 1, d);
    int rc = fd < 0 ? CS_ERR_RUNTIME : cs_checkpoint_save_at(r, fd, CS_CHECKPOINT_FILE, path, plan, d);
    if (fd >= 0)
        close(fd);
    free(path);
    return rc;
}

/* The day loop of run and resume: step, checkpoint every plan->every days
 * (plan NULL: never), write the folder (with the --detail tables when
 * detail), report. Returns the exit code. */
static int drive(cs_run *r, const char *what, const cs_outdir *out,
                 const cs_checkpoint_plan *plan, int detail, int quiet, cs_diag *d)
{
    const cs_scenario *sc = cs_run_base(r);
    int64_t days = cs_scenario_days(sc);
    cs_run_info info = {0};
    info.detail = detail;
    info.memory_estimate = cs_memory_estimate(sc);
    info.resumed_from_day = cs_run_day(r);
    iso_now(info.started);
    double t0 = cs_now();
    cs_progress bar;
    cs_progress_start(&bar, what, days, quiet);
    cs_progress_update(&bar, cs_run_day(r));
    int code = 0;
    while (cs_run_day(r) < days && !cs_stop_signal) {
        int rc = cs_run_step(r);
        if (rc) {
            cs_diag_error(d, "out of memory on day %lld", (long long)cs_run_day(r) + 1);
            code = EXIT_RUNTIME;
            break;
        }
        int64_t day = cs_run_day(r);
        cs_progress_update(&bar, day);
        if (plan && day % plan->every == 0 && day < days) {
            /* The checkpoint first, then the days so far: a folder whose
             * summary says day N always has a checkpoint at N or later. */
            info.complete = 0;
            info.wall_seconds = cs_now() - t0;
            cs_run_info partial = info;
            partial.detail = 0;
            if (save_checkpoint(r, out, plan, d) || cs_output_write(out, r, &partial, d)) {
                /* Nothing more is written: the folder keeps its last
                 * consistent state (days and checkpoint). */
                cs_progress_finish(&bar);
                return EXIT_RUNTIME;
            }
        }
    }
    cs_progress_finish(&bar);
    info.complete = cs_run_day(r) == days;
    info.wall_seconds = cs_now() - t0;
    /* Stopped by a signal: a checkpoint at the day reached, so that resume
     * loses nothing. */
    if (!code && plan && !info.complete && save_checkpoint(r, out, plan, d))
        return EXIT_RUNTIME;
    if (cs_output_write(out, r, &info, d) != 0 && !code)
        code = EXIT_RUNTIME;
    if (!code && info.complete && plan && remove_checkpoint(out, d))
        code = EXIT_RUNTIME;
    if (!quiet && !code)
        print_summary(r, out->path, info.complete);
    /* stdout may go elsewhere (a pipe): the log says where the files are. */
    if (!code)
        cs_say_wrote(quiet, out->path, cs_run_kind.files);
    /* Said even with --quiet: batch logs are where it is needed. */
    if (!code && !info.complete && plan)
        fprintf(stderr, "circlesim: continue it with: circlesim resume %s\n", out->path);
    if (!code && cs_stop_signal)
        code = cs_stop_code();
    return code;
}

/* Refuses (reported, -1) a run whose estimated peak memory is more than
 * --max-memory, by default the memory available now. */
static int check_memory(const cs_scenario *sc, const char *max_memory, uint64_t *out_limit,
                        int *flags, cs_diag *d)
{
    if (cs_memory_limit(max_memory, out_limit, flags, d))
        return -1;
    return cs_memory_check(sc, *out_limit, *flags, d) ? -1 : 0;
}

static int cmd_run(int argc, char **argv, cs_diag *d)
{
    /* Caught from the start: building a large network takes seconds, and a
     * signal then must still end in a folder marked incomplete and exit
     * 130/143, not in death by the default action. */
    cs_catch_stop_signals();

    options o;
    if (cs_parse_options(argc, argv, &o, &cs_cmd_run_def, d))
        return EXIT_USAGE;
    if (o.npositional > 1) {
        cs_usage_error(d, "run takes one scenario, found another: '%s'", o.positional[1]);
        return EXIT_USAGE;
    }
    int threads;
    if (cs_parse_threads(o.threads, &threads, d))
        return EXIT_USAGE;
    long long every = 0;
    if (o.checkpoint_every &&
        cs_parse_count("--checkpoint-every", o.checkpoint_every, 1, 1000000000, &every, d))
        return EXIT_USAGE;
    cs_scenario *sc = NULL;
    int code = cs_prepare_scenario(&sc, o.npositional ? o.positional[0] : NULL, &o, d);
    if (code) {
        cs_scenario_close(sc);
        return code;
    }
    cs_scenario_warn_inapplicable(sc, d);
    uint64_t limit;
    int limit_flags;
    if (check_memory(sc, o.max_memory, &limit, &limit_flags, d)) {
        cs_scenario_close(sc);
        return EXIT_USAGE;
    }
    /* A folder that exists is locked and checked before the network is
     * built (which may take minutes), so a busy or foreign one is refused
     * at once; one that does not is made, and locked, only once the
     * scenario has proved runnable. */
    char *dir = o.out ? strdup(o.out) : default_out(sc);
    if (!dir) {
        cs_scenario_close(sc);
        return EXIT_RUNTIME;
    }
    cs_outdir out;
    int rc = cs_outdir_open(&out, dir, &cs_run_kind, CS_OUTDIR_EXISTING, d);
    free(dir);
    if (rc) {
        cs_scenario_close(sc);
        return cs_exit_code(rc);
    }
    cs_run *r = cs_run_open_within(sc, threads, limit, limit_flags, &rc, d);
    if (rc) {
        if (rc == CS_ERR_NOMEM)
            cs_diag_error(d, "out of memory building the network");
        cs_outdir_close(&out);
        cs_scenario_close(sc);
        return cs_exit_code(rc);
    }
    /* Worth a word only for a file the user gave; a generator's repeated
     * draws are its own business (counted in summary.json). */
    uint64_t self_loops, duplicates;
    cs_run_dropped(r, &self_loops, &duplicates);
    if (cs_scenario_network_kind(sc) == CS_NET_EDGELIST && (self_loops || duplicates))
        cs_diag_warn(d, "%s: dropped %llu self-loops and %llu duplicate ties",
                     cs_scenario_network_file(sc), (unsigned long long)self_loops,
                     (unsigned long long)duplicates);

    if (out.fd < 0) {
        char *path = o.out ? strdup(o.out) : default_out(sc);
        rc = path ? cs_outdir_open(&out, path, &cs_run_kind, 0, d) : CS_ERR_NOMEM;
        free(path);
    }
    if (!rc) {
        int ck = cs_outdir_sub(&out, CS_CHECKPOINT_DIR, 0, d);
        if (ck < 0 && errno != ENOENT)
            rc = CS_ERR_INPUT;
        if (ck >= 0 && cs_outdir_has(ck, CS_CHECKPOINT_FILE) && !run_complete(&out))
            cs_diag_warn(d, "'%s' held the checkpoint of an unfinished run, which this run "
                            "replaces (circlesim resume %s would have continued it)",
                         out.path, out.path);
        if (ck >= 0)
            close(ck);
    }
    if (!rc)
        rc = remove_checkpoint(&out, d);
    if (rc) {
        cs_outdir_close(&out);
        cs_run_close(r);
        cs_scenario_close(sc);
        return cs_exit_code(rc);
    }
    cs_checkpoint_plan plan = {every, o.detail};
    code = drive(r, "run", &out, every ? &plan : NULL, o.detail, o.quiet, d);
    cs_outdir_close(&out);
    cs_run_close(r);
    cs_scenario_close(sc);
    return code;
}

/* The folder's summary.json (a link is not followed), or NULL. */
static char *read_summary(const cs_outdir *out)
{
    char *text = NULL;
    size_t len = 0;
    const char *why = NULL;
    if (cs_read_file_at(out->fd, "summary.json", 1, 64u << 20, &text, &len, &why) != 0)
        return NULL;
    return text;
}

/* Whether the folder's summary.json says the run is complete. */
static int run_complete(const cs_outdir *out)
{
    char *text = read_summary(out);
    int complete = text && strstr(text, "\"complete\": true") != NULL;
    free(text);
    return complete;
}

/* A JSON string value after "key": in text, copied into buf ("" if none). */
static void summary_field(const char *text, const char *key, char *buf, size_t cap)
{
    buf[0] = '\0';
    const char *p = text ? strstr(text, key) : NULL;
    if (!p)
        return;
    p += strlen(key);
    while (*p == ' ' || *p == ':')
        p++;
    size_t n = *p == '"' ? strcspn(++p, "\"") : strcspn(p, ",}");
    snprintf(buf, cap, "%.*s", (int)(n < cap ? n : cap - 1), p);
}

/* A checkpoint resumes only the run whose folder it is in: the scenario
 * hash it records (seed included) must be the one of the folder's
 * summary.json. A folder with no summary (killed before its first one) has
 * nothing to contradict. Returns 0, or -1 (reported). */
/* The hash of the folder's own scenario.yaml (a resolved scenario), in
 * hash; 0, or -1 when there is none or it does not load. */
static int folder_scenario_hash(const cs_outdir *out, char hash[72])
{
    char *text = NULL;
    size_t len = 0;
    const char *why = NULL;
    if (cs_read_file_at(out->fd, "scenario.yaml", 1, 2u << 20, &text, &len, &why) != 0)
        return -1;
    cs_diag quiet;
    cs_diag_init_muted(&quiet);
    cs_scenario *sc = cs_scenario_new();
    int rc = !sc ||
                     cs_scenario_load_text(sc, "scenario.yaml", text, len, "/", &quiet) != 0 ||
                     cs_scenario_validate(sc, &quiet) != 0
                 ? -1
                 : 0;
    free(text);
    if (rc == 0 && cs_scenario_network_kind(sc) == CS_NET_EDGELIST) {
        /* An edge list enters the hash by its content. */
        cs_edge_buf pairs = {0};
        rc = cs_scenario_read_edgelist(sc, &pairs, NULL, 1, &quiet) ? -1 : 0;
        cs_edge_buf_free(&pairs);
    }
    if (rc == 0 && cs_scenario_hash(sc, hash) != 0)
        rc = -1;
    cs_scenario_close(sc);
    return rc;
}

/* A folder with no summary.json: it must not hold a result of another run
 * the checkpoint would write over. Returns 0, or -1 (reported). */
static int check_folder_without_summary(const cs_outdir *out, const cs_scenario *sc,
                                        const char *path, cs_diag *d)
{
    struct stat st;
    if (fstatat(out->fd, "summary.json", &st, AT_SYMLINK_NOFOLLOW) == 0) {
        cs_diag_at(d, path, 0, 0,
                   "cannot resume: '%s/summary.json', which says whose run the folder holds, "
                   "cannot be read; make it readable, or start the run again elsewhere",
                   out->path);
        return -1;
    }
    char mine[72], theirs[72];
    if (cs_outdir_has(out->fd, "scenario.yaml")) {
        if (folder_scenario_hash(out, theirs) != 0 || cs_scenario_hash(sc, mine) != 0 ||
            strcmp(mine, theirs) != 0) {
            cs_diag_at(d, path, 0, 0,
                       "cannot resume: this checkpoint (scenario '%s', seed %lld) is not the "
                       "run whose scenario.yaml '%s' holds; put it back in its own run's folder",
                       cs_scenario_name(sc), (long long)cs_scenario_seed(sc), out->path);
            return -1;
        }
        return 0;
    }
    if (cs_outdir_has(out->fd, "timeseries.csv")) {
        cs_diag_at(d, path, 0, 0,
                   "cannot resume: '%s' holds days (timeseries.csv) but no summary.json or "
                   "scenario.yaml to say whose run they are",
                   out->path);
        return -1;
    }
    return 0;
}

static int check_checkpoint_owner(const cs_outdir *out, const cs_scenario *sc, const char *path,
                                  cs_diag *d)
{
    char *text = read_summary(out);
    if (!text)
        return check_folder_without_summary(out, sc, path, d);
    char hash[72], theirs[80], name[128], seed[32];
    /* The run's identity is in its "scenario" object ("program" has a name
     * too). */
    const char *scen = strstr(text, "\"scenario\": {");
    summary_field(scen, "\"hash\"", theirs, sizeof theirs);
    summary_field(scen, "\"name\"", name, sizeof name);
    summary_field(scen, "\"seed\"", seed, sizeof seed);
    free(text);
    if (cs_scenario_hash(sc, hash) != 0) {
        cs_diag_error(d, "out of memory");
        return -1;
    }
    if (!strcmp(hash, theirs))
        return 0;
    /* A run killed while moving its first days into a folder that held an
     * earlier run's result: its scenario.yaml (moved first) is already its
     * own, the summary still the earlier one's. */
    char own[72];
    if (folder_scenario_hash(out, own) == 0 && !strcmp(own, hash))
        return 0;
    cs_diag_at(d, path, 0, 0,
               "cannot resume: this checkpoint belongs to another run (scenario '%s', seed %lld, "
               "%s), not to the run in '%s' (scenario '%s', seed %s, %s); it was copied or "
               "linked here: put it back in its own run's folder",
               cs_scenario_name(sc), (long long)cs_scenario_seed(sc), hash, out->path, name, seed,
               theirs);
    return -1;
}

static int cmd_resume(int argc, char **argv, cs_diag *d)
{
    cs_catch_stop_signals();
    options o;
    if (cs_parse_options(argc, argv, &o, &cs_cmd_resume_def, d))
        return EXIT_USAGE;
    if (o.npositional != 1) {
        cs_usage_error(d, "resume takes one output folder%s",
                       o.npositional ? ", found more" : "");
        return EXIT_USAGE;
    }
    const char *dir = o.positional[0];
    int threads;
    if (cs_parse_threads(o.threads, &threads, d))
        return EXIT_USAGE;
    struct stat st;
    if (!*dir || stat(dir, &st) != 0) {
        cs_diag_at(d, dir, 0, 0, "cannot resume: %s",
                   !*dir || errno == ENOENT ? "no such folder" : strerror(errno));
        return EXIT_USAGE;
    }
    if (!S_ISDIR(st.st_mode)) {
        cs_diag_at(d, dir, 0, 0, "cannot resume: not a folder (resume takes a run's output folder)");
        return EXIT_USAGE;
    }
    cs_outdir out;
    int rc = cs_outdir_open(&out, dir, &cs_run_kind, CS_OUTDIR_EXISTING, d);
    if (rc)
        return cs_exit_code(rc);
    if (run_complete(&out)) {
        if (!o.quiet)
            printf("%s: the run is complete; nothing to resume\n", dir);
        cs_outdir_close(&out);
        return 0;
    }
    char *path = NULL;
    if (asprintf(&path, "%s/" CS_CHECKPOINT_DIR "/" CS_CHECKPOINT_FILE, dir) < 0) {
        cs_outdir_close(&out);
        return EXIT_RUNTIME;
    }
    if (out.fd < 0) { /* gone since it was looked at */
        cs_diag_at(d, dir, 0, 0, "cannot resume: no such folder");
        free(path);
        return EXIT_USAGE;
    }
    int ck = cs_outdir_sub(&out, CS_CHECKPOINT_DIR, 0, d);
    if (ck < 0 && errno != ENOENT) {
        free(path);
        cs_outdir_close(&out);
        return EXIT_USAGE;
    }
    struct stat cst;
    if (ck < 0 || fstatat(ck, CS_CHECKPOINT_FILE, &cst, AT_SYMLINK_NOFOLLOW) != 0) {
        cs_diag_at(d, dir, 0, 0,
                   "no checkpoint to resume from (%s): the run was started without "
                   "--checkpoint-every, or stopped before its first checkpoint; start it again "
                   "with circlesim run",
                   path);
        free(path);
        if (ck >= 0)
            close(ck);
        cs_outdir_close(&out);
        return EXIT_USAGE;
    }
    cs_scenario *sc = NULL;
    cs_run *r = NULL;
    cs_checkpoint_plan plan;
    rc = cs_checkpoint_open_at(ck, CS_CHECKPOINT_FILE, path, &sc, &r, threads, &plan, d);
    close(ck);
    if (rc == 0 && check_checkpoint_owner(&out, sc, path, d) != 0)
        rc = CS_ERR_INPUT;
    free(path);
    int code;
    if (rc) {
        if (rc == CS_ERR_NOMEM)
            cs_diag_error(d, "out of memory loading the checkpoint");
        code = cs_exit_code(rc);
    } else {
        if (!o.quiet)
            fprintf(stderr, "circlesim: resuming %s from day %lld of %lld\n", dir,
                    (long long)cs_run_day(r), (long long)cs_scenario_days(sc));
        code = drive(r, "resume", &out, &plan, (int)plan.detail, o.quiet, d);
    }
    cs_outdir_close(&out);
    cs_run_close(r);
    cs_scenario_close(sc);
    return code;
}

static int cmd_check(int argc, char **argv, cs_diag *d)
{
    options o;
    if (cs_parse_options(argc, argv, &o, &cs_cmd_check_def, d))
        return EXIT_USAGE;
    if (o.npositional == 0) {
        cs_usage_error(d, "check needs at least one scenario file%s", "");
        return EXIT_USAGE;
    }
    int code = 0;
    for (int i = 0; i < o.npositional; i++) {
        cs_scenario *sc = NULL;
        int c = cs_prepare_scenario(&sc, o.positional[i], &o, d);
        if (!c)
            cs_scenario_warn_inapplicable(sc, d);
        /* What sweep would need of its experiment: block, too. */
        if (!c && (cs_scenario_check_experiment(sc, d) + cs_scenario_check_lesson(sc, d)))
            c = EXIT_USAGE;
        /* An edge list is read too (its errors are the scenario's errors),
         * but no network is built: checking needs no memory for one. */
        if (!c && cs_scenario_network_kind(sc) == CS_NET_EDGELIST) {
            cs_edge_buf pairs = {0};
            /* A node table is read for every user the list names: that
             * much memory is checked first (a list naming user 2*10^9). */
            cs_memory_guard guard = cs_memory_guard_for(
                sc, cs_scenario_network_nodes(sc)[0] ? cs_memory_available() : 0, 0);
            int rc = cs_scenario_read_edgelist_within(sc, &pairs, NULL, 1, &guard, d);
            cs_edge_buf_free(&pairs);
            if (rc == CS_ERR_NOMEM)
                cs_diag_error(d, "out of memory reading %s", cs_scenario_network_file(sc));
            c = cs_exit_code(rc);
        }
        if (c > code)
            code = c;
        cs_scenario_close(sc);
    }
    return code;
}

static int cmd_params(int argc, char **argv, cs_diag *d)
{
    options o;
    if (cs_parse_options(argc, argv, &o, &cs_cmd_params_def, d))
        return EXIT_USAGE;
    if (o.npositional) {
        cs_usage_error(d, "params takes no scenario, found '%s'", o.positional[0]);
        return EXIT_USAGE;
    }
    const char *fmt = o.format ? o.format : "text";
    if (strcmp(fmt, "text") && strcmp(fmt, "markdown") && strcmp(fmt, "json") &&
        strcmp(fmt, "keys")) {
        cs_usage_error(d, "--format expects text, markdown, json or keys, found '%s'", fmt);
        return EXIT_USAGE;
    }
    int model = -1;
    if (o.model) {
        for (int m = 0; m < CS_MODEL_COUNT; m++)
            if (!strcmp(o.model, cs_model_name(m)))
                model = m;
        if (model < 0) {
            cs_usage_error(d, "--model expects bass, cascade or platform, found '%s'", o.model);
            return EXIT_USAGE;
        }
    }
    if (cs_params_print(stdout, fmt, model) != 0 || fflush(stdout) != 0) {
        cs_diag_error(d, "cannot write the parameter list: %s", strerror(errno));
        return EXIT_RUNTIME;
    }
    return 0;
}

/* graph --format gexf|graphml: the scenario run to day `last`, and its
 * users' attributes on that day written with the network. */
static int graph_with_attributes(cs_scenario *sc, const options *o, int format, int64_t last,
                                 int threads, int dirfd, cs_diag *d)
{
    /* The whole run's memory, before it starts and again once an edge list
     * is read. */
    uint64_t limit;
    int flags;
    if (check_memory(sc, o->max_memory, &limit, &flags, d))
        return EXIT_USAGE;
    int rc;
    cs_run *r = cs_run_open_within(sc, threads, limit, flags, &rc, d);
    if (!r) {
        if (rc == CS_ERR_NOMEM)
            cs_diag_error(d, "out of memory building the network");
        return cs_exit_code(rc);
    }
    while (rc == 0 && cs_run_day(r) < last)
        if ((rc = cs_run_step(r)) != 0)
            cs_diag_error(d, "out of memory on day %lld", (long long)cs_run_day(r) + 1);
    cs_node_attrs attrs;
    if (rc == 0 && (rc = cs_run_node_attrs(r, &attrs)) != 0)
        cs_diag_error(d, "out of memory reading the users' attributes");
    if (rc == 0) {
        /* The room is checked before a byte is written. */
        const cs_network *net = cs_run_network(r);
        uint64_t bytes = cs_graph_bytes(net, &attrs, format);
        if (bytes == 0) {
            cs_diag_error(d, "out of memory counting the file's size");
            rc = CS_ERR_NOMEM;
        }
        if (rc == 0)
            rc = cs_space_check(dirfd, o->out, bytes, d);
        if (rc == 0)
            rc = cs_graph_write_in(net, &attrs, format, dirfd, o->out, d);
        cs_node_attrs_free(&attrs);
    }
    cs_run_close(r);
    return cs_exit_code(rc);
}

static int cmd_graph(int argc, char **argv, cs_diag *d)
{
    /* One file, written in one go: a signal removes its temporary and
     * ends the program, as it would have. */
    cs_atomic_remove_on_signal();
    options o;
    if (cs_parse_options(argc, argv, &o, &cs_cmd_graph_def, d))
        return EXIT_USAGE;
    if (o.npositional > 1) {
        cs_usage_error(d, "graph takes one scenario, found another: '%s'", o.positional[1]);
        return EXIT_USAGE;
    }
    if (!o.out) {
        cs_usage_error(d, "graph needs --out FILE%s", "");
        return EXIT_USAGE;
    }
    const char *fmt = o.format ? o.format : "edgelist";
    const int format = cs_graph_format_named(fmt);
    if (format < 0) {
        cs_usage_error(d, "--format expects edgelist, gexf or graphml, found '%s'", fmt);
        return EXIT_USAGE;
    }
    if (o.day && format == CS_GRAPH_EDGELIST) {
        cs_usage_error(d, "--day %s gives the users' state on that day, which only --format "
                          "gexf or graphml carries",
                       o.day);
        return EXIT_USAGE;
    }
    long long day = -1;
    int threads;
    if ((o.day && cs_parse_count("--day", o.day, 0, INT64_MAX, &day, d)) ||
        cs_parse_threads(o.threads, &threads, d))
        return EXIT_USAGE;
    cs_scenario *sc = NULL;
    int code = cs_prepare_scenario(&sc, o.npositional ? o.positional[0] : NULL, &o, d);
    if (code) {
        cs_scenario_close(sc);
        return code;
    }
    const int64_t days = cs_scenario_days(sc);
    if (day > days) {
        cs_diag_error(d, "--day %lld is past the scenario's last day (%lld)", day,
                      (long long)days);
        cs_scenario_close(sc);
        return EXIT_USAGE;
    }
    /* An edge list is the network alone: its memory is checked before, and
     * again once an edge list's largest id is known. */
    uint64_t limit;
    int flags;
    if (format == CS_GRAPH_EDGELIST &&
        (cs_memory_limit(o.max_memory, &limit, &flags, d) ||
         cs_memory_check(sc, limit, flags | CS_LIMIT_NETWORK, d))) {
        cs_scenario_close(sc);
        return EXIT_USAGE;
    }
    /* The file's folder, opened now and written through whatever is put
     * at its path later, and shared-locked against a command writing it
     * whole. */
    int dirfd = cs_file_folder_open(o.out, "--out", d);
    if (dirfd < 0) {
        cs_scenario_close(sc);
        return cs_exit_code(dirfd);
    }
    if (format != CS_GRAPH_EDGELIST) {
        /* The users' attributes exist only in a run: by default the state
         * at the end of the scenario's days. */
        code = graph_with_attributes(sc, &o, format, day < 0 ? days : day, threads, dirfd, d);
        close(dirfd);
        cs_scenario_close(sc);
        if (code == 0)
            cs_say_wrote(o.quiet, o.out, NULL);
        return code;
    }
    flags |= CS_LIMIT_NETWORK;
    cs_network net;
    uint64_t loops, dups;
    cs_memory_guard guard = cs_memory_guard_for(sc, limit, flags);
    int rc = cs_build_network_within(sc, &net, NULL, threads, &guard, &loops, &dups, d);
    /* The room is checked before a byte is written. */
    if (rc == 0)
        rc = cs_space_check(dirfd, o.out, cs_network_edgelist_bytes(&net), d);
    if (rc == 0)
        rc = cs_network_write_edgelist_in(&net, dirfd, o.out, d);
    else if (rc == CS_ERR_NOMEM)
        cs_diag_error(d, "out of memory building the network");
    close(dirfd);
    cs_network_free(&net);
    cs_scenario_close(sc);
    if (rc == 0)
        cs_say_wrote(o.quiet, o.out, NULL);
    return cs_exit_code(rc);
}

const char *cs_program = "circlesim";

#ifdef CS_HAVE_DRAW
/* render's days, as the run to the day drawn goes. */
static void render_progress(void *ctx, int64_t day, int64_t last)
{
    cs_progress *bar = ctx;
    bar->total = last > 0 ? last : 1;
    cs_progress_update(bar, day);
}
#endif

static int cmd_render(int argc, char **argv, cs_diag *d)
{
    cs_atomic_remove_on_signal();
    options o;
    if (cs_parse_options(argc, argv, &o, &cs_cmd_render_def, d))
        return EXIT_USAGE;
    if (o.npositional > 1) {
        cs_usage_error(d, "render takes one scenario, found another: '%s'", o.positional[1]);
        return EXIT_USAGE;
    }
    if (!o.png && !o.gif) {
        cs_usage_error(d, "render needs --png FILE or --gif FILE%s", "");
        return EXIT_USAGE;
    }
    if (o.gif && o.step) {
        cs_usage_error(d, "--gif draws the run day by day, --step a lesson's step: give one%s",
                       "");
        return EXIT_USAGE;
    }
    long long day = -1, width = 1600, height = 900, step = 0;
    int threads;
    if (o.step && o.day) {
        cs_usage_error(d, "--step N draws the end of a lesson's step, --day a day: give one%s", "");
        return EXIT_USAGE;
    }
    if ((o.step && cs_parse_count("--step", o.step, 1, 1000, &step, d)) ||
        (o.day && cs_parse_count("--day", o.day, 0, INT64_MAX, &day, d)) ||
        (o.width && cs_parse_count("--width", o.width, 320, 8192, &width, d)) ||
        (o.height && cs_parse_count("--height", o.height, 240, 8192, &height, d)) ||
        cs_parse_threads(o.threads, &threads, d))
        return EXIT_USAGE;
#ifdef CS_HAVE_DRAW
    cs_scenario *sc = NULL;
    int code = cs_prepare_scenario(&sc, o.npositional ? o.positional[0] : NULL, &o, d);
    if (code == 0 && cs_scenario_check_lesson(sc, d))
        code = EXIT_USAGE; /* the lesson drawn is the lesson checked */
    if (code == 0)
        code = cs_check_lang(o.lang, sc, d);
    if (code == 0) {
        cs_render_opts ro = {.day = day, .width = (int)width, .height = (int)height,
                             .projector = o.projector, .info = o.info,
                             .glossary = o.glossary, .png = o.png,
                             .gif = o.gif, .lang = o.lang,
                             .step = (int)step};
        cs_progress bar;
        cs_progress_start(&bar, "render", 1, o.quiet);
        ro.progress = render_progress;
        ro.progress_ctx = &bar;
        /* The run's memory, before it starts and again once an edge list
         * is read. */
        int rc = check_memory(sc, o.max_memory, &ro.memory_limit, &ro.limit_flags, d)
                     ? CS_ERR_INPUT
                     : cs_render(sc, threads, &ro, d);
        cs_progress_finish(&bar);
        code = cs_exit_code(rc);
        if (!code && o.png)
            cs_say_wrote(o.quiet, o.png, NULL);
        if (!code && o.gif)
            cs_say_wrote(o.quiet, o.gif, NULL);
    }
    cs_scenario_close(sc);
    return code;
#else
    cs_diag_error(d, "this circlesim was built without SDL2, SDL2_ttf, SDL2_image and fontconfig, "
                     "so it cannot draw; install them (scripts/setup.sh lists the packages) and "
                     "rebuild");
    return EXIT_RUNTIME;
#endif
}

static int program(int argc, char **argv)
{
    /* Past a file-size limit (ulimit -f) a write should fail, and be
     * reported as a full disk is, rather than kill the program. */
    signal(SIGXFSZ, SIG_IGN);
    cs_diag d;
    cs_diag_init(&d, stderr);
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(cmd, "--man") || !strcmp(cmd, "--completion"))
        return cs_manual_main(argc - 1, argv + 1, &program_doc, &d);
    if (!strcmp(cmd, "--version")) {
        if (argc > 2) {
            cs_usage_error(&d, "--version takes no arguments, found '%s'", argv[2]);
            return EXIT_USAGE;
        }
        printf("circlesim %s\n", CIRCLESIM_VERSION);
        return 0;
    }
    const cs_command *c = NULL;
    for (size_t k = 0; k < N_COMMANDS; k++)
        if (!strcmp(cmd, commands[k]->name))
            c = commands[k];
    for (int i = 2; i < argc; i++)
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            if (c)
                cs_command_help(stdout, c);
            else
                usage(stdout);
            return 0;
        }
    if (c)
        return c->run(argc - 2, argv + 2, &d);
    cs_usage_error(&d, "unknown command '%s'", cmd);
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    cs_process_start(argv);
    cs_diag d;
    cs_diag_init(&d, stderr);
    return cs_process_end(cs_finish_stdout(program(argc, argv), &d));
}

/* ---- the commands (cli/command.h) ---- */

static const cs_option_use run_options[] = {
    CS_OPTIONS_SCENARIO,
    {"out", NULL, NULL},
    {"threads", NULL, "worker threads (default: all cores); results do not\ndepend on it"},
    {"quiet", NULL, "no progress bar and no summary"},
    {"detail", NULL, NULL},
    {"checkpoint-every", NULL, NULL},
    {"max-memory", NULL, NULL},
    CS_OPTIONS_END,
};

const cs_command cs_cmd_run_def = {
    "circlesim", "run", "run a scenario and write its output folder",
    "circlesim run [SCENARIO] [--seed N] [--days N] [--set KEY=VALUE]... [--out DIR]\n"
    "                     [--threads N] [--checkpoint-every DAYS] [--max-memory SIZE]\n"
    "                     [--detail] [--quiet]\n",
    run_options,
    "  Run a scenario (the built-in default when SCENARIO is omitted) and write\n"
    "  timeseries.csv, summary.json and scenario.yaml to DIR (default\n"
    "  out/<name>-<seed>/). DIR is reused only if empty or holding an earlier run.\n"
    "  summary.json reports the memory estimated before the run beside the peak.\n"
    "  A checkpoint takes about 230 bytes a user of the platform model, written\n"
    "  each time; a new run into DIR starts over and discards it.\n"
    "  Ctrl-C or SIGTERM stop at the end of the current day; the completed days are\n"
    "  written, marked incomplete (exit 130 or 143), with a checkpoint when\n"
    "  --checkpoint-every was given.\n",
    cmd_run,
};
static const cs_option_use resume_options[] = {
    {"threads", NULL, "worker threads (default: all cores)"},
    {"quiet", NULL, NULL},
    CS_OPTIONS_END,
};

const cs_command cs_cmd_resume_def = {
    "circlesim", "resume", "continue a run from its checkpoint",
    "circlesim resume DIR [--threads N] [--quiet]\n",
    resume_options,
    "  Continue a run that was started with --checkpoint-every from its latest\n"
    "  checkpoint in DIR/checkpoint/, to the same bytes the run would have written\n"
    "  uninterrupted. The scenario is the one saved in the checkpoint: edits to the\n"
    "  scenario file since do not apply. Does nothing (exit 0) for a complete run.\n"
    "  A checkpoint that is damaged, from another circlesim version, or whose edge\n"
    "  list or node table changed is refused (exit 2). Running `circlesim run`\n"
    "  into DIR again starts over and discards the checkpoint: after a requeue,\n"
    "  resume. Scripts stop a run with SIGTERM (a background job ignores SIGINT).\n",
    cmd_resume,
};
static const cs_option_use check_options[] = {

    CS_OPTIONS_END,
};

const cs_command cs_cmd_check_def = {
    "circlesim", "check", "validate scenario files",
    "circlesim check SCENARIO...\n",
    check_options,
    "  Validate scenario files (and the edge lists they name). Prints nothing but\n"
    "  errors, one line each as FILE:LINE:COL: error: ...; exit 0 when all are\n"
    "  valid, 2 otherwise.\n",
    cmd_check,
};
static const cs_option_use params_options[] = {
    {"model", "bass|cascade|platform", "keep that model's keys"},
    {"format", "text|markdown|json|keys", "the listing's format (default text); keys: the\n"
                                           "keys alone, one a line"},
    CS_OPTIONS_END,
};

const cs_command cs_cmd_params_def = {
    "circlesim", "params", "list every scenario key",
    "circlesim params [--model NAME] [--format text|markdown|json|keys]\n",
    params_options,
    "  List every scenario key: type, default, range or choices, unit, the models\n"
    "  it applies to and its meaning. --model keeps one model's keys.\n",
    cmd_params,
};
static const cs_option_use graph_options[] = {
    {"out", "FILE", "the file to write"},
    {"format", "edgelist|gexf|graphml",
     "\"u v\" lines (load back as network.kind: edgelist),\n"
     "or GEXF 1.2 or GraphML with each user's attributes\n(default edgelist)"},
    {"day", NULL, "the users' state at the end of day N (0: before\n"
                  "day 1; default: the last day); gexf and graphml"},
    CS_OPTIONS_SCENARIO,
    {"threads", NULL, "worker threads (default: all cores); the file does\nnot depend on it"},
    {"max-memory", NULL, NULL},
    {"quiet", NULL, "no line saying what was written"},
    CS_OPTIONS_END,
};

const cs_command cs_cmd_graph_def = {
    "circlesim", "graph", "export a scenario's network",
    "circlesim graph [SCENARIO] --out FILE [--format edgelist|gexf|graphml] [--day N]\n"
    "                       [--seed N] [--days N] [--set KEY=VALUE]...\n"
    "                       [--threads N] [--max-memory SIZE] [--quiet]\n",
    graph_options,
    "  Write the scenario's network: an edge list (\"u v\" lines, which load back as\n"
    "  network.kind: edgelist to the same network), or GEXF 1.2 (Gephi,\n"
    "  networkx.read_gexf) or GraphML (networkx.read_graphml, Gephi, igraph) with\n"
    "  each user's attributes. An edge list is the network alone and needs no run;\n"
    "  for GEXF and GraphML the scenario is run to its last day, or to --day N, and\n"
    "  each user carries the model's state then: for the platform model role,\n"
    "  roles, tier, cohort, interests, stage, groups, group_ids, circles,\n"
    "  circle_ids, trust, brand_seeded and brand_orders; for bass stage, adopted\n"
    "  and seed; for cascade stage, active, day_active and seed (docs/SCENARIOS.md\n"
    "  says what each means). In Gephi, colour the nodes by role or stage\n"
    "  (Appearance, Partition). The same scenario and seed give the same bytes on\n"
    "  any number of threads. The memory (at most --max-memory SIZE, default: the\n"
    "  memory available now) and the file's exact size (at most the free space) are\n"
    "  checked before anything is made or written.\n",
    cmd_graph,
};
static const cs_option_use render_options[] = {
    {"png", NULL, NULL},
    {"day", NULL, NULL},
    {"width", NULL, NULL},
    {"height", NULL, NULL},
    {"gif", NULL, NULL},
    {"projector", NULL, NULL},
    {"info", NULL, NULL},
    {"glossary", NULL, NULL},
    {"lang", NULL, NULL},
    {"step", NULL, NULL},
    CS_OPTIONS_SCENARIO,
    {"threads", NULL, "worker threads (default: all cores)"},
    {"max-memory", NULL, NULL},
    {"quiet", NULL, "no progress and no line saying what was written"},
    CS_OPTIONS_END,
};

const cs_command cs_cmd_render_def = {
    "circlesim", "render", "draw a picture of a run (PNG)",
    "circlesim render [SCENARIO] --png FILE | --gif FILE [--day N] [--width W --height H]\n"
    "                        [--projector] [--info] [--glossary] [--lang LANG] [--step N]\n"
    "                        [--seed N]\n"
    "                        [--days N] [--set KEY=VALUE]...\n"
    "                        [--threads N] [--max-memory SIZE] [--quiet]\n",
    render_options,
    "  Run a scenario to day N (default: its last day) and draw what the visualizer\n"
    "  shows: the network, the curves and the funnel, to a PNG of W x H pixels\n"
    "  (default 1600 x 900). Needs no display. --projector draws large type and\n"
    "  thick lines in black on white. --gif FILE draws every day from 0 to N into an\n"
    "  animated GIF for slides and web pages (960 x 540 keeps it small).\n",
    cmd_render,
};
