/* SPDX-License-Identifier: MIT */
/* options.c - command-line options shared by circlesim and circlesim-viz. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "cli/options.h"
#include "scenario/lesson.h"

#include <sys/stat.h>
#include <unistd.h>

#include "base/fileio.h"
#include "engine/memory.h"
#include "analysis/fit_runs.h"
#include "base/outdir.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stddef.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void cs_usage_error(cs_diag *d, const char *fmt, const char *arg)
{
    char msg[512];
    snprintf(msg, sizeof msg, fmt, arg);
    cs_diag_error(d, "%s (%s --help shows usage)", msg, cs_program);
}

/* ---- options: every one any command takes, declared once --------------- */

enum { OPT_VALUE, OPT_FLAG, OPT_LIST };

typedef struct known_option {
    const char *name;
    int kind;
    size_t field;        /* in options: const char * (value), int (flag), list */
    const char *value;   /* its value's name */
    const char *help;
} known_option;

#define V(f) OPT_VALUE, offsetof(options, f)
#define FL(f) OPT_FLAG, offsetof(options, f)
#define L(f) OPT_LIST, offsetof(options, f)

static const known_option known[] = {
    {"seed", V(seed), "N", "the run's seed: the same as --set seed=N"},
    {"days", V(days), "N", "days to simulate: the same as --set days=N"},
    {"set", L(sets), "KEY=VALUE",
     "override a scenario key by its dotted path; VALUE\n"
     "is YAML (repeatable: --set population.size=5000\n"
     "--set cascade.seeds=[0,3])"},
    {"out", V(out), "DIR", "the output folder"},
    {"format", V(format), "FORMAT", "the output format"},
    {"model", V(model), "NAME", "keep the keys of this model"},
    {"threads", V(threads), "N", "worker threads of a run; results do not depend\non it"},
    {"quiet", FL(quiet), NULL, "no progress and no summary"},
    {"detail", FL(detail), NULL,
     "also circles.csv, groups.csv, products.csv and\n"
     "users.csv (platform model): one row each at the\n"
     "end of the run"},
    {"checkpoint-every", V(checkpoint_every), "DAYS",
     "save the whole state in DIR/checkpoint/ every DAYS\n"
     "days (and the days so far, marked incomplete), so\n"
     "a stopped run goes on with circlesim resume DIR"},
    {"max-memory", V(max_memory), "SIZE",
     "the memory it may take (512M, 4G; default: the\n"
     "memory available now), checked against the\n"
     "estimate before anything starts"},
    {"png", V(png), "FILE", "the picture to write"},
    {"day", V(day), "N", "the day drawn (default: the last)"},
    {"width", V(width), "W", "the picture's width in pixels (default 1600)"},
    {"height", V(height), "H", "the picture's height in pixels (default 900)"},
    {"projector", FL(projector), NULL, "large type and thick lines, black on white"},
    {"glossary", FL(glossary), NULL, "draw the glossary card (the screen's words\nexplained) over the picture, as key g shows it"},
    {"info", FL(info), NULL, "draw the scenario's info card (the lesson's about)\nover the picture, as key i shows it"},
    {"lang", V(lang), "LANG", "the lesson's language (en, zh, ...; default en)"},
    {"handout", V(handout), "DIR", "write the lesson's handout into DIR"},
    {"step", V(step), "N", "the picture at the end of the lesson's step N\n(its steps played in order)"},
    {"render", V(render), "FILE", "draw the window to FILE (PNG) instead of opening it"},
    {"frames", V(frames), "DIR", "draw one PNG a day into DIR instead of opening\nthe window"},
    {"gif", V(gif), "FILE", "an animated GIF of the run, a tenth of a second a\nday (its axes fixed over the run)"},
    {"replicates", V(replicates), "R", "runs of each point, on paired seeds"},
    {"jobs", V(jobs), "J", "runs at once (default: all cores)"},
    {"design", V(design), "DESIGN", "factorial, lhs:N or morris:R"},
    {"keep", V(keep), "N", "runs compare keeps drawn beside this one, 1 to 4\n(default: the lesson's keep:, else 1)"},
    {"keep-series", FL(keep_series), NULL, "also DIR/series.csv: every run's every day"},
    {"resume", FL(resume), NULL, "continue a stopped sweep in the same DIR"},
    {"max-evals", V(max_evals), "N", "evaluations at most"},
    {"vary", L(varies), "KEY=VALUES",
     "a key and its values (V1,V2,... or LO:HI:STEP;\nrepeatable)"},
    {"free", L(frees), "KEY=LO:HI", "a key to fit within LO:HI (repeatable)"},
    {"across", L(acrosses), "KEY=VALUES",
     "fit in every one of these settings at once\n(V1,V2,...; repeatable: every combination)"},
    {"metric", L(metrics), "NAME",
     "the measure the verdict and the pictures are on: a\n"
     "column of compare.csv (repeatable)"},
    {"robust", V(robust), "N",
     "rerun the comparison in N worlds drawn from the\n"
     "plausible ranges of the model's assumptions"},
    {"pin", L(pins), "KEY[=VALUE]",
     "hold an assumption at the scenario's value (or at\n"
     "VALUE) in the --robust worlds (repeatable)"},
    {"choose", V(choose), "K", "choose the K users to seed"},
    {"pool", V(pool), "POOL", "the candidates: kocs, all or a FILE of user ids"},
    {"objective", V(objective), "OBJECTIVE", "buyers, gmv, brand_gmv or brand_profit"},
    {"budget", V(budget), "YUAN", "split this budget over --channels"},
    {"channels", V(channels), "LIST",
     "the channels a budget may go to\n(koc,kol,livestream,feed,dm,group)"},
    {"epsilon", V(epsilon), "E", "IMM's approximation slack (default 0.1)"},
    {"ell", V(ell), "L", "IMM's confidence exponent: 1 - 1/n^L (default 1)"},
    {"screen", V(screen), "M", "candidates screened from the pool (default 5K)"},
    {"quick", FL(quick), NULL, "the small subset (seconds)"},
    {"scenarios", V(scenarios), "DIR", "the folder of the shipped scenarios"},
};
#define N_KNOWN (sizeof known / sizeof known[0])

static const known_option *find_known(const char *name, size_t len)
{
    for (size_t i = 0; i < N_KNOWN; i++)
        if (strlen(known[i].name) == len && !strncmp(known[i].name, name, len))
            return &known[i];
    return NULL;
}

int cs_option_describe(const cs_option_use *u, const char **value, const char **help)
{
    const known_option *k = find_known(u->name, strlen(u->name));
    int takes_value = k ? k->kind != OPT_FLAG : u->value != NULL;
    *value = !takes_value ? NULL : u->value ? u->value : k ? k->value : NULL;
    *help = u->help ? u->help : k ? k->help : "";
    return takes_value;
}

void cs_command_help(FILE *o, const cs_command *c)
{
    size_t flen = strlen(c->forms);
    fprintf(o, "usage: %s%s", c->forms, flen && c->forms[flen - 1] == '\n' ? "" : "\n");
    fputs(c->text, o);
    if (c->options[0].name)
        fputs("\noptions:\n", o);
    for (const cs_option_use *u = c->options; u->name; u++) {
        const char *value, *help;
        cs_option_describe(u, &value, &help);
        char head[64];
        snprintf(head, sizeof head, "--%s%s%s", u->name, value ? " " : "", value ? value : "");
        if (strlen(head) > 24)
            fprintf(o, "  %s\n  %-24s ", head, "");
        else
            fprintf(o, "  %-24s ", head);
        /* The help's lines, each under the first. */
        for (const char *h = help; *h;) {
            size_t len = strcspn(h, "\n");
            fprintf(o, "%s%.*s\n", h == help ? "" : "                           ", (int)len, h);
            h += len + (h[len] == '\n');
        }
        if (!*help)
            fputc('\n', o);
    }
}

/* Whether command c takes option name (len bytes). */
static int takes(const cs_command *c, const char *name, size_t len)
{
    for (const cs_option_use *u = c->options; u->name; u++)
        if (strlen(u->name) == len && !strncmp(u->name, name, len))
            return 1;
    return 0;
}

/* Whether arg ("--name" or "--name=value") names option k exactly. */
static int exactly(const char *arg, const known_option *k)
{
    return strncmp(arg, "--", 2) == 0 && strcspn(arg + 2, "=") == strlen(k->name) &&
           strncmp(arg + 2, k->name, strlen(k->name)) == 0;
}

static int unknown(const cs_command *c, const char *arg, cs_diag *d)
{
    /* A long option is named without its "=value"; anything else whole. */
    char name[64];
    int len = strncmp(arg, "--", 2) == 0 ? (int)strcspn(arg, "=") : (int)strlen(arg);
    snprintf(name, sizeof name, "%.*s", len, arg);
    /* An option of `run` alone: say so rather than "unknown". */
    if (!strcmp(name, "--checkpoint-every") || !strcmp(name, "--detail"))
        cs_usage_error(d, "option '%s' belongs to `circlesim run` only", name);
    else
        cs_usage_error(d, "unknown option '%s' for this command", name);
    (void)c;
    return -1;
}

static int store(options *o, const known_option *k, const char *val, cs_diag *d)
{
    char *at = (char *)o + k->field;
    if (k->kind == OPT_FLAG) {
        *(int *)at = 1;
        return 0;
    }
    /* Every value names something: an empty one is a mistake (an unset
     * shell variable), never "the current folder". */
    if (!*val && strcmp(k->name, "set")) {
        char name[64];
        snprintf(name, sizeof name, "--%s", k->name);
        cs_usage_error(d, "option '%s' needs a value, found an empty one", name);
        return -1;
    }
    if (k->kind == OPT_VALUE) {
        *(const char **)at = val;
        return 0;
    }
    /* Lists: --set, --vary, --free, --across, --metric and --pin, 256 of each at
     * most. */
    const char **list = (const char **)at;
    int *n = k->field == offsetof(options, sets)      ? &o->nsets
             : k->field == offsetof(options, varies)  ? &o->nvaries
             : k->field == offsetof(options, frees)   ? &o->nfrees
             : k->field == offsetof(options, metrics) ? &o->nmetrics
             : k->field == offsetof(options, pins)    ? &o->npins
                                                      : &o->nacrosses;
    if (*n == 256) {
        char msg[64];
        snprintf(msg, sizeof msg, "too many --%s options", k->name);
        cs_usage_error(d, "%s", msg);
        return -1;
    }
    list[(*n)++] = val;
    return 0;
}

int cs_parse_options(int argc, char **argv, options *o, const cs_command *c, cs_diag *d)
{
    memset(o, 0, sizeof *o);
    struct option longopts[N_KNOWN + 1];
    size_t n = 0;
    for (size_t i = 0; i < N_KNOWN; i++)
        if (takes(c, known[i].name, strlen(known[i].name)))
            longopts[n++] = (struct option){known[i].name,
                                            known[i].kind == OPT_FLAG ? no_argument
                                                                      : required_argument,
                                            NULL, (int)(i + 1)};
    longopts[n] = (struct option){0};
    /* getopt_long reads argv[1 ..]: a copy with a name in front. "+:" stops
     * at the first operand (taken here, then parsing goes on) and reports a
     * missing value as ':'. */
    char **args = malloc(((size_t)argc + 2) * sizeof *args);
    if (!args) {
        cs_diag_error(d, "out of memory reading the options");
        return -1;
    }
    args[0] = (char *)c->program;
    memcpy(args + 1, argv, (size_t)argc * sizeof *args);
    args[argc + 1] = NULL;
    const int nargs = argc + 1;
    int rc = 0;
    opterr = 0;
    optind = 0; /* glibc: start afresh */
    while (rc == 0) {
        int at = optind ? optind : 1;
        int ch = getopt_long(nargs, args, "+:", longopts, NULL);
        if (ch == -1) {
            if (optind >= nargs)
                break;
            /* "--" ends the options: the rest are operands. */
            int after_dashes = optind > at && !strcmp(args[optind - 1], "--");
            for (; optind < nargs && (after_dashes || args[optind][0] != '-' ||
                                      args[optind][1] == '\0');
                 optind++) {
                if (o->npositional == 64) {
                    cs_usage_error(d, "too many arguments%s", "");
                    rc = -1;
                    break;
                }
                o->positional[o->npositional++] = args[optind];
            }
            if (after_dashes)
                break;
            continue;
        }
        const char *arg = args[at];
        if (ch == '?') {
            /* An option this command does not take (or a value given to a
             * flag: glibc sets optopt to the flag's code). */
            if (optopt > 0 && (size_t)optopt <= N_KNOWN && exactly(arg, &known[optopt - 1])) {
                char name[64];
                snprintf(name, sizeof name, "--%s", known[optopt - 1].name);
                cs_usage_error(d, "option '%s' takes no value", name);
                rc = -1;
            } else {
                rc = unknown(c, arg, d);
            }
            break;
        }
        if (ch == ':') {
            if (optopt <= 0 || (size_t)optopt > N_KNOWN || !exactly(arg, &known[optopt - 1])) {
                rc = unknown(c, arg, d);
                break;
            }
            char name[64];
            snprintf(name, sizeof name, "%.*s", (int)strcspn(arg, "="), arg);
            cs_usage_error(d, "option '%s' needs a value", name);
            rc = -1;
            break;
        }
        const known_option *k = &known[ch - 1];
        /* Exact names only: getopt_long would take "--rep" for
         * --replicates, and a later option could make that ambiguous. */
        if (!exactly(arg, k)) {
            rc = unknown(c, arg, d);
            break;
        }
        rc = store(o, k, optarg ? optarg : "", d);
    }
    free(args);
    return rc;
}

int cs_exit_code(int err)
{
    return err == 0 ? 0 : err == CS_ERR_INPUT ? EXIT_USAGE : EXIT_RUNTIME;
}

void cs_option_assignments(const options *o, cs_assignments *a)
{
    a->n = 0;
    for (int i = 0; i < o->nsets; i++)
        a->v[a->n++] = o->sets[i];
    if (o->seed) {
        snprintf(a->seed, sizeof a->seed, "seed=%s", o->seed);
        a->v[a->n++] = a->seed;
    }
    if (o->days) {
        snprintf(a->days, sizeof a->days, "days=%s", o->days);
        a->v[a->n++] = a->days;
    }
}

int cs_prepare_scenario(cs_scenario **sc, const char *path, const options *o, cs_diag *d)
{
    cs_assignments a;
    cs_option_assignments(o, &a);
    return cs_exit_code(cs_path_scenario_new(path, a.v, a.n, sc, d));
}

int cs_prepare_scenario_from(cs_scenario **sc, const cs_source *src, const options *o,
                             cs_diag *d)
{
    cs_assignments a;
    cs_option_assignments(o, &a);
    return cs_exit_code(cs_source_scenario_new(src, a.v, a.n, sc, d));
}

int cs_parse_threads(const char *s, int *out, cs_diag *d)
{
    int n = omp_get_num_procs();
    if (s) {
        char *end;
        errno = 0;
        long v = strtol(s, &end, 10);
        if (*s == '\0' || *end || errno || v < 1 || v > 1024) {
            cs_usage_error(d, "--threads expects a whole number from 1 to 1024, found '%s'", s);
            return -1;
        }
        n = (int)v;
    }
    *out = n > 0 ? n : 1;
    return 0;
}

char *cs_command_line(const char *command, int argc, char **argv)
{
    char *text = NULL;
    size_t len = 0;
    FILE *cmd = open_memstream(&text, &len);
    if (!cmd)
        return NULL;
    fprintf(cmd, "circlesim %s", command);
    static const char *const skip[] = {"--out", "--jobs", "--threads", "--quiet", "--max-memory"};
    for (int i = 0; i < argc; i++) {
        int drop = 0;
        for (size_t k = 0; k < sizeof skip / sizeof skip[0] && !drop; k++) {
            size_t n = strlen(skip[k]);
            if (!strncmp(argv[i], skip[k], n) && (argv[i][n] == '\0' || argv[i][n] == '='))
                drop = argv[i][n] == '\0' && strcmp(skip[k], "--quiet") != 0 ? 2 : 1;
        }
        if (drop) {
            i += drop - 1; /* the option's value too */
            continue;
        }
        fputc(' ', cmd);
        for (const char *ch = argv[i]; *ch; ch++)
            fputc((unsigned char)*ch < 0x20 ? ' ' : *ch, cmd);
    }
    if (fclose(cmd) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

int cs_parse_count(const char *name, const char *s, long long lo, long long hi, long long *out,
                   cs_diag *d)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (*s == '\0' || *end || errno || v < lo || v > hi) {
        char msg[160];
        snprintf(msg, sizeof msg, "%s expects a whole number from %lld to %lld, found '%%s'", name,
                 lo, hi);
        cs_usage_error(d, msg, s);
        return -1;
    }
    *out = v;
    return 0;
}

volatile sig_atomic_t cs_stop_signal = 0;

int cs_stop_code(void)
{
    return cs_stop_signal ? 128 + (int)cs_stop_signal : EXIT_RUNTIME;
}

/* The first signal asks the run to stop at the end of the day; a second one
 * means "now": the default action, as if we had never caught it. */
static void on_signal(int sig)
{
    if (cs_stop_signal) {
        cs_atomic_remove_all(); /* no half-written temporary stays behind */
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    cs_stop_signal = sig;
}

/* Catch sig unless it was ignored when we started (nohup, background jobs of
 * a non-interactive shell): an ignored signal stays ignored. */
void cs_catch_signal(int sig)
{
    struct sigaction old, sa;
    if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
        return;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

/* The output folder of this command, held (and locked) until the program
 * ends. */
static cs_outdir held = {.fd = -1};

int cs_take_folder(const char *path, const cs_outdir_kind *k, int flags, cs_diag *d)
{
    cs_outdir_close(&held);
    int rc = cs_outdir_open(&held, path, k, flags, d);
    return cs_exit_code(rc);
}

const cs_outdir *cs_held_folder(void) { return &held; }

void cs_drop_folder(int remove_if_made)
{
    if (remove_if_made)
        cs_outdir_discard(&held);
    else
        cs_outdir_close(&held);
}

int cs_folder_open_file(const char *name, cs_atomic_file *f, cs_diag *d)
{
    char *shown = NULL;
    if (asprintf(&shown, "%s/%s", held.path ? held.path : ".", name) < 0)
        return CS_ERR_NOMEM;
    int rc = cs_atomic_openat(f, held.fd, name, shown, d);
    free(shown);
    return rc;
}

int cs_folder_write_text(const char *name, const char *text, cs_diag *d)
{
    return cs_write_text_at(held.fd, held.path ? held.path : ".", name, text, d);
}

FILE *cs_open_in_folder(const char *name, const char *mode)
{
    /* "w" makes a new file: the name is removed (never what it points at
     * or its other names) and created afresh with O_EXCL, so nothing
     * another name shares is ever emptied. */
    int flags = mode[0] == 'r'   ? O_RDWR
                : mode[0] == 'a' ? O_WRONLY | O_CREAT | O_APPEND
                                 : O_WRONLY | O_CREAT | O_EXCL;
    if (held.fd >= 0 && mode[0] == 'w' && unlinkat(held.fd, name, 0) != 0 && errno != ENOENT)
        return NULL;
    int fd = held.fd < 0 ? -1 : openat(held.fd, name, flags | O_NOFOLLOW | O_CLOEXEC, 0666);
    /* Written in place: a file with other names (hard links, perhaps
     * outside the folder) would change under those names too. */
    struct stat st;
    if (fd >= 0 && (fstat(fd, &st) != 0 || st.st_nlink > 1 || !S_ISREG(st.st_mode))) {
        close(fd);
        fd = -1;
        errno = EMLINK;
    }
    FILE *f = fd < 0 ? NULL : fdopen(fd, mode);
    if (!f && fd >= 0)
        close(fd);
    return f;
}

int cs_finish_stdout(int code, cs_diag *d)
{
    /* What was printed must have reached its file: a full disk or a closed
     * pipe under `circlesim ... > file` is a failure, not a success. */
    if ((fflush(stdout) != 0 || ferror(stdout)) && code == 0) {
        cs_diag_error(d, "cannot write to standard output: %s",
                      errno ? strerror(errno) : "write error");
        return EXIT_RUNTIME;
    }
    return code;
}

/* What each run of a batch may take (0: no limit), set by cs_fit_jobs. */
static uint64_t batch_limit;
static int batch_flags;

int cs_memory_limit(const char *max_memory, uint64_t *limit, int *flags, cs_diag *d)
{
    *flags = 0;
    if (max_memory) {
        if (cs_parse_size(max_memory, limit) != 0) {
            cs_usage_error(d, "--max-memory takes a size such as 512M or 4G, found '%s'",
                           max_memory);
            return EXIT_USAGE;
        }
        *flags = CS_LIMIT_GIVEN;
        return 0;
    }
    *limit = cs_memory_available();
    return 0;
}

int cs_fit_jobs(const char *max_memory, cs_scenario *largest, long long runs, long long *jobs,
                cs_diag *d)
{
    uint64_t limit;
    int flags;
    if (cs_memory_limit(max_memory, &limit, &flags, d))
        return EXIT_USAGE;
    long long asked = *jobs;
    uint64_t share, need;
    int rc = cs_fit_runs(largest, limit, flags, runs, jobs, &share, &need, d);
    if (rc)
        return cs_exit_code(rc);
    if (*jobs < asked && *jobs < runs) {
        char a[32], b[32];
        cs_format_size(a, sizeof a, need);
        cs_format_size(b, sizeof b, limit);
        fprintf(stderr,
                "%s: note: lowering --jobs from %lld to %llu: %llu runs of about %s each fit in "
                "the %s %s\n",
                cs_program, asked, (unsigned long long)*jobs, (unsigned long long)*jobs, a, b,
                flags ? "that --max-memory allows" : "available now");
    }
    /* An edge list settles its size only when read: each run is held to
     * its share, checked as soon as the list's largest id is known. */
    batch_limit = share;
    batch_flags = flags;
    return 0;
}

int cs_fit_jobs_source(const cs_source *src, const options *o, long long runs, long long *jobs,
                       cs_diag *d)
{
    cs_scenario *probe = NULL;
    int code = cs_prepare_scenario_from(&probe, src, o, d);
    if (!code)
        code = cs_fit_jobs(o->max_memory, probe, runs, jobs, d);
    cs_scenario_close(probe);
    return code;
}

void cs_batch_share(uint64_t *limit, int *flags)
{
    *limit = batch_limit;
    *flags = batch_flags;
}

cs_run *cs_run_open_batch(cs_scenario *sc, int threads, int *rc, cs_diag *d)
{
    return cs_run_open_within(sc, threads, batch_limit, batch_flags, rc, d);
}

/* Set when the program ends through its own return from main. */
static volatile int ended_normally;

/* Any other end while threads run is the OpenMP runtime's: it prints its
 * own line ("libgomp: Thread creation failed: ...") and exits. */
static void say_why_threads_failed(void)
{
    if (!ended_normally)
        fprintf(stderr,
                "%s: error: the threads asked for could not be started (the OpenMP runtime's "
                "message is above): lower --threads or --jobs, or raise the limits on "
                "processes and memory (ulimit -u, ulimit -v)\n",
                cs_program);
}

void cs_process_start(char **argv)
{
    /* Threads wait for each other twice a platform day. libgomp's waiting
     * threads spin for about 300 000 rounds before they sleep: on a busy
     * machine, --threads 2 then took 25-40% more CPU than --threads 1 and
     * was no faster. 1 000 rounds gives the CPU back as soon as passive
     * waiting does and loses nothing when idle (docs/PERFORMANCE.md). The
     * runtime reads its setting when it loads, before main, so the program
     * runs itself again with it, unless the user chose a setting. */
    if (!getenv("OMP_WAIT_POLICY") && !getenv("GOMP_SPINCOUNT") &&
        setenv("GOMP_SPINCOUNT", "1000", 1) == 0)
        execv("/proc/self/exe", argv); /* returns only if it failed: go on as we are */
    atexit(say_why_threads_failed);
}

int cs_process_end(int code)
{
    ended_normally = 1;
    return code;
}

void cs_catch_stop_signals(void)
{
    cs_catch_signal(SIGINT);
    cs_catch_signal(SIGTERM);
    /* A closed terminal or a dropped ssh session: the commonest death of a
     * long interactive run, and as much a request to stop as SIGTERM. */
    cs_catch_signal(SIGHUP);
}


int cs_check_lang(const char *lang, const cs_scenario *sc, cs_diag *d)
{
    const cs_lesson *l = cs_scenario_lesson(sc);
    if (!lang)
        return 0;
    if (!l) {
        cs_usage_error(d, "--lang %s: the scenario has no lesson: block to speak it", lang);
        return EXIT_USAGE;
    }
    char have[256] = "";
    const char *same_but_case = NULL;
    for (size_t i = 0; i < l->title.n; i++) {
        if (!strcmp(l->title.lang[i], lang))
            return 0;
        if (!strcasecmp(l->title.lang[i], lang))
            same_but_case = l->title.lang[i];
        snprintf(have + strlen(have), sizeof have - strlen(have), "%s%s", i ? ", " : "",
                 l->title.lang[i]);
    }
    if (same_but_case)
        cs_diag_error(d, "--lang %s: the lesson is in %s (language codes are written as the "
                         "lesson writes them: --lang %s)",
                      lang, have, same_but_case);
    else
        cs_diag_error(d, "--lang %s: the lesson is in %s", lang, have);
    return EXIT_USAGE;
}
