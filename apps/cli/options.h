/* SPDX-License-Identifier: MIT */
/* options.h - command-line options shared by circlesim and circlesim-viz:
 * parsing, and loading a scenario with its --set, --seed and --days. */
#ifndef CS_CLI_OPTIONS_H
#define CS_CLI_OPTIONS_H

#include <signal.h>
#include <stdint.h>
#include <stdio.h>

#include "circlesim/diag.h"
#include "cli/command.h"
#include "engine/engine.h"
#include "base/fileio.h"
#include "base/outdir.h"
#include "scenario/scenario.h"
#include "scenario/source.h"

enum { EXIT_RUNTIME = 1, EXIT_USAGE = 2 };
/* The exit code of a library error: 0, EXIT_USAGE (CS_ERR_INPUT) or
 * EXIT_RUNTIME. */
int cs_exit_code(int err);

/* The program's name in messages ("circlesim --help shows usage"). */
extern const char *cs_program;

/* Options shared by the commands; which are allowed is checked per command. */
typedef struct options {
    const char *positional[64];
    int npositional;
    const char *sets[256];
    int nsets;
    const char *seed, *days, *out, *format, *model, *threads;
    const char *png, *day, *width, *height, *render, *frames, *gif, *lang, *step, *handout, *keep;
    const char *varies[256];
    int nvaries;
    const char *frees[256];
    int nfrees;
    const char *acrosses[256];
    int nacrosses;
    const char *metrics[256];
    int nmetrics;
    const char *pins[256];
    int npins;
    const char *robust;
    const char *replicates, *jobs, *design, *max_evals, *checkpoint_every, *max_memory;
    const char *choose, *pool, *objective, *budget, *channels, *epsilon, *ell, *screen;
    const char *scenarios;
    int keep_series, resume, quick;
    int quiet;
    int detail;
    int projector;
    int info;
    int glossary;
} options;

/* A usage error, fmt with one %s for arg, and where to read usage. */
void cs_usage_error(cs_diag *d, const char *fmt, const char *arg);
/* Parses argv with getopt_long, taking the options command c lists (and
 * exact names only, no abbreviations). Returns 0 or -1 (reported). */
int cs_parse_options(int argc, char **argv, options *o, const cs_command *c, cs_diag *d);
/* Loads path (NULL: the built-in default), applies --set, --seed and --days
 * and validates into *sc, made whatever the outcome (close it with
 * cs_scenario_close). Returns 0 or the exit code (reported). */
int cs_prepare_scenario(cs_scenario **sc, const char *path, const options *o, cs_diag *d);
/* A scenario file read once (scenario/source.h: cs_source_read,
 * cs_source_free) for commands that run it many times. */
/* The same where every MPI rank must run the same bytes: rank 0 reads the
 * file and every rank gets its text (without MPI, cs_source_read; defined
 * by the program's transport, cli/transport_*.c). */
int cs_source_read_everywhere(cs_source *src, const char *path, cs_diag *d);
/* The command line's assignments in the order they apply: every --set,
 * then seed= and days= from --seed and --days (valid while o is). */
typedef struct cs_assignments {
    const char *v[258];
    size_t n;
    char seed[300], days[300];
} cs_assignments;
void cs_option_assignments(const options *o, cs_assignments *a);
/* cs_prepare_scenario from a source read before. */
int cs_prepare_scenario_from(cs_scenario **sc, const cs_source *src, const options *o,
                             cs_diag *d);

/* "circlesim COMMAND ARGS..." on one line, quotes aside, for the files a
 * command writes, without the options that change where and how fast but
 * not what (--out, --jobs, --threads, --quiet): the files' bytes are the
 * same for any of those. malloc'ed; NULL when out of memory. */
char *cs_command_line(const char *command, int argc, char **argv);

/* --lang LANG against the scenario's lesson: one of the languages it gives
 * (or NULL). Returns 0 or EXIT_USAGE (reported). */
int cs_check_lang(const char *lang, const cs_scenario *sc, cs_diag *d);

/* --threads N (NULL: all cores). Returns 0 or -1 (reported). */
int cs_parse_threads(const char *s, int *out, cs_diag *d);
/* A whole number from lo to hi for option name. Returns 0 or -1 (reported). */
int cs_parse_count(const char *name, const char *s, long long lo, long long hi, long long *out,
                   cs_diag *d);

/* The first SIGINT or SIGTERM asks to stop at the next clean point (its
 * number is kept here); a second one ends the program at once. */
extern volatile sig_atomic_t cs_stop_signal;
/* The exit code of the stop asked for: 128 + the signal (130 SIGINT, 143
 * SIGTERM, 129 SIGHUP), or
 * EXIT_RUNTIME when none was (a run that did not finish for another
 * reason). */
int cs_stop_code(void);
/* Opens, makes if need be, checks and locks the command's output folder
 * (cs_outdir_open), held until the program ends. Returns 0 or the exit code
 * (reported). */
int cs_take_folder(const char *path, const cs_outdir_kind *k, int flags, cs_diag *d);
/* The folder taken (fd -1 when none). */
const cs_outdir *cs_held_folder(void);
/* Lets the folder go; with remove_if_made, removes it if this command made
 * it and it is empty. */
void cs_drop_folder(int remove_if_made);
/* The file name in the folder taken, written atomically through its
 * descriptor (a link swapped in for the folder changes nothing): opened
 * (cs_atomic_openat), or written whole. Return 0 or an error (reported). */
int cs_folder_open_file(const char *name, cs_atomic_file *f, cs_diag *d);
int cs_folder_write_text(const char *name, const char *text, cs_diag *d);
/* Opens the file name in the folder taken, for writing ("w"), appending
 * ("a") or reading and writing in place ("r+"), never through a link and
 * never a file with other names (hard links; errno EMLINK). NULL (errno
 * set) when it cannot. */
FILE *cs_open_in_folder(const char *name, const char *mode);

/* code, or EXIT_RUNTIME (reported) when standard output could not be
 * written (a full disk, a closed pipe) and code was 0. */
int cs_finish_stdout(int code, cs_diag *d);

/* --max-memory SIZE (NULL: the memory available now) as a limit in bytes
 * and its CS_LIMIT_ flags. Returns 0 or EXIT_USAGE (reported). */
int cs_memory_limit(const char *max_memory, uint64_t *limit, int *flags, cs_diag *d);
/* A batch of runs (sweep, compare, calibrate, optimize), checked before any
 * starts (largest: a scenario of the largest run, an edge list's read here
 * to settle its size): the largest run's estimate times the runs at once (the fewer of
 * *jobs and runs) against the limit. When fewer fit, *jobs is lowered with a
 * note; when not even one does, the refusal is reported and EXIT_USAGE
 * returned. Each run is then held to its share (cs_run_init_batch). */
int cs_fit_jobs(const char *max_memory, cs_scenario *largest, long long runs, long long *jobs,
                cs_diag *d);
/* The same for the scenario of src with o's --set, --seed and --days (read
 * afresh: an edge list settles only this copy's size). */
int cs_fit_jobs_source(const cs_source *src, const options *o, long long runs, long long *jobs,
                       cs_diag *d);
/* cs_run_open_within with the share cs_fit_jobs set (none before). */
cs_run *cs_run_open_batch(cs_scenario *sc, int threads, int *rc, cs_diag *d);
/* That share: each run's memory limit and its CS_LIMIT_ flags. */
void cs_batch_share(uint64_t *limit, int *flags);

/* The first call of main: runs the program again with yielding OpenMP
 * threads (GOMP_SPINCOUNT=1000) unless OMP_WAIT_POLICY or GOMP_SPINCOUNT
 * is set, and arranges for a failed thread start to be explained. */
void cs_process_start(char **argv);
/* The last: main returns cs_process_end(code). */
int cs_process_end(int code);

/* SIGINT, SIGTERM and SIGHUP ask to stop (as cs_catch_signal). */
void cs_catch_stop_signals(void);
/* Catch sig unless it was ignored when the program started. */
void cs_catch_signal(int sig);

#endif
