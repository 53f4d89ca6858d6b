/* SPDX-License-Identifier: MIT */
/* validate.c - the `validate` command: runs the platform model's evidence
 * (analysis/validate.h) and writes validation.md and validation.csv. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis/validate.h"
#include "base/csv.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/progress.h"
#ifdef CS_HAVE_DRAW
#include "draw/forest_plot.h"
#endif

#ifndef CS_SCENARIOS_DIR
#define CS_SCENARIOS_DIR "scenarios"
#endif
#ifndef CS_DATA_FROM_BIN
#define CS_DATA_FROM_BIN "../share/circlesim"
#endif

/* The shipped scenarios: those installed beside the program (PREFIX/bin
 * and PREFIX/share/circlesim), else the source tree's it was built from. */
static const char *scenarios_dir(char *buf, size_t cap)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            struct stat st;
            if (snprintf(buf, cap, "%s/%s/scenarios", exe, CS_DATA_FROM_BIN) < (int)cap &&
                stat(buf, &st) == 0 && S_ISDIR(st.st_mode))
                return buf;
        }
    }
    return CS_SCENARIOS_DIR;
}

static const char *const validate_files[] = {"validation.md",         "validation.csv",
                                             "validation-figures.png", "validation-claims.png",
                                             "validation-levers.png",  NULL};
static const cs_outdir_kind validate_kind = {"validation.csv", "earlier validation",
                                             validate_files, NULL, NULL, NULL};

static void progress(void *ctx, size_t done, size_t total)
{
    (void)total;
    cs_progress_update(ctx, (int64_t)done);
}

static void number(FILE *o, double v)
{
    if (isfinite(v))
        fprintf(o, "%.4g", v);
}

/* A figure for people: whole numbers from 1 000 up, else 4 digits. */
static const char *shown(char *buf, size_t cap, double v)
{
    if (!isfinite(v))
        snprintf(buf, cap, "-");
    else if (fabs(v) >= 1000)
        snprintf(buf, cap, "%.0f", v);
    else
        snprintf(buf, cap, "%.4g", v);
    return buf;
}

/* A relative change for people: "+12.3%", or "n/a". */
static const char *percent(char *buf, size_t cap, double v)
{
    if (isfinite(v))
        snprintf(buf, cap, "%+.1f%%", 100 * v);
    else
        snprintf(buf, cap, "n/a");
    return buf;
}

static void write_csv(FILE *o, const cs_check *c, size_t n)
{
    fputs("section,check,runs,expected,value,lo,hi,diff,verdict\n", o);
    for (size_t i = 0; i < n; i++) {
        fprintf(o, "%s,", c[i].section);
        cs_csv_field(o, c[i].name);
        fputc(',', o);
        cs_csv_field(o, c[i].where);
        fputc(',', o);
        cs_csv_field(o, c[i].expected);
        fputc(',', o);
        number(o, c[i].value);
        fputc(',', o);
        number(o, c[i].lo);
        fputc(',', o);
        number(o, c[i].hi);
        fputc(',', o);
        if (strcmp(c[i].section, "figure"))
            number(o, c[i].diff);
        fprintf(o, ",%s\n", cs_verdict_names[c[i].verdict]);
    }
}

static void count(const cs_check *c, size_t n, const char *section, int out[3])
{
    out[0] = out[1] = out[2] = 0;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(c[i].section, section))
            out[c[i].verdict]++;
}

/* The table rows of a section of paired checks (claims, levers). */
static void paired_rows(FILE *o, const cs_check *c, size_t n, const char *section)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(c[i].section, section))
            continue;
        char d[32], lo[32], hi[32], change[32];
        fprintf(o, "| %s | %s | %s | %s | %s (%s to %s) | %s |\n", c[i].name, c[i].where,
                c[i].expected, percent(change, sizeof change, c[i].value),
                shown(d, sizeof d, c[i].diff), shown(lo, sizeof lo, c[i].lo),
                shown(hi, sizeof hi, c[i].hi), cs_verdict_names[c[i].verdict]);
    }
}

/* The pictures written: which of them, for the links. */
enum { PIC_FIGURES = 1, PIC_CLAIMS = 2, PIC_LEVERS = 4 };

static void write_md(FILE *o, const cs_check *c, size_t n, int quick, const char *command,
                     int pictures)
{
    static const char *const sections[] = {"figure", "docking", "claim", "lever"};
    static const char *const plural[] = {"Figures", "Docking", "Claims", "Levers"};
    fprintf(o, "# Validation of the platform model%s\n\nMade by `%s`.", quick ? " (quick subset)" : "",
            command);
    for (int k = 0; k < 4; k++) {
        int v[3];
        count(c, n, sections[k], v);
        if (v[0] + v[1] + v[2])
            fprintf(o, " %s: %d hold, %d fail, %d not distinguishable from noise.", plural[k],
                    v[CS_HOLDS], v[CS_FAILS], v[CS_NOISE]);
    }
    fputs("\n\n", o);
    fputs("## Figures\n\nThe default scenario, the facts over the 30 days ending on the "
          "window's last day. A figure holds when every seed is inside the band, fails when "
          "the mean is outside it.\n\n"
          "| figure | runs | band | mean | lowest - highest | verdict |\n"
          "|---|---|---|---|---|---|\n",
          o);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(c[i].section, "figure"))
            continue;
        fprintf(o, "| %s | %s | %s | %.3g | %.3g - %.3g | %s |\n", c[i].name, c[i].where,
                c[i].expected, c[i].value, c[i].lo, c[i].hi, cs_verdict_names[c[i].verdict]);
    }
    if (pictures & PIC_FIGURES)
        fputs("\n![Each figure over its target: the dot is the mean over seeds, the whisker "
              "the lowest to the highest seed, the band where it should be]"
              "(validation-figures.png)\n",
              o);
    fputs("\n## Docking\n\nThe platform model with every mechanism but one ad and one "
          "friend's note switched off is Bass diffusion (docs/MODEL.md, 3.4); its mean number "
          "of buyers per day against the discrete Bass recursion.\n\n"
          "| check | runs | expected | farthest day, mean / recursion - 1 | distance / tolerance | verdict |\n"
          "|---|---|---|---|---|---|\n",
          o);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(c[i].section, "docking"))
            fprintf(o, "| %s | %s | %s | %+.2f%% | %.2f | %s |\n", c[i].name, c[i].where,
                    c[i].expected, 100 * c[i].value, c[i].diff, cs_verdict_names[c[i].verdict]);
    fputs("\n## Claims\n\nEach claim of the sources as two scenarios on paired seeds (A and B "
          "as the claim names them). A claim holds when the 95% interval of the paired "
          "margin is above 0 and fails when it is below: the margin is A - B, or A - (1 + s) B "
          "for a claim that A exceeds B by a share s.\n\n"
          "| claim | measure and runs | expected | A / B - 1 (a rate: A - B) | the margin (95% interval) | verdict |\n"
          "|---|---|---|---|---|---|\n",
          o);
    paired_rows(o, c, n, "claim");
    if (pictures & PIC_CLAIMS)
        fputs("\n![Each claim: A / B - 1, its 95% interval, and the side it should be on]"
              "(validation-claims.png)\n",
              o);
    int levers = 0;
    for (size_t i = 0; i < n; i++)
        levers += !strcmp(c[i].section, "lever");
    if (!levers)
        return;
    fputs("\n## Levers\n\nEach lever of docs/MODEL.md's directional table moved from its low to "
          "its high value in a small scenario on paired seeds. It holds when the 95% interval of "
          "the paired difference (high - low) is on the side expected.\n\n"
          "| lever | runs | expected | high / low - 1 (n/a: low is 0) | high - low (95% interval) | verdict |\n"
          "|---|---|---|---|---|---|\n",
          o);
    paired_rows(o, c, n, "lever");
    if (pictures & PIC_LEVERS)
        fputs("\n![Each lever: high / low - 1, its 95% interval, and the side it should be on]"
              "(validation-levers.png)\n",
              o);
}

#ifdef CS_HAVE_DRAW
/* One picture of a section's checks, as relative figures; returns the rows
 * drawn (0: none, no picture), or -1 (reported). Figures: over their target; claims and levers: their change
 * with the paired interval over the base, the expected side shaded. */
static int picture(const char *dir, const cs_check *c, size_t n, const char *section,
                   const char *file, const char *title, const char *axis, double reference,
                   cs_diag *d)
{
    cs_forest_row *rows = calloc(n ? n : 1, sizeof *rows);
    char(*notes)[48] = calloc(n ? n : 1, sizeof *notes);
    char(*labels)[200] = calloc(n ? n : 1, sizeof *labels);
    if (!rows || !notes || !labels) {
        free(rows);
        free(notes);
        free(labels);
        cs_diag_error(d, "out of memory");
        return -1;
    }
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        const cs_check *x = &c[i];
        if (strcmp(x->section, section))
            continue;
        cs_forest_row *r = &rows[k];
        r->verdict = x->verdict;
        r->band_lo = r->band_hi = NAN;
        if (!strcmp(section, "figure")) {
            /* "repurchase ratio, ... (sources: 2.5x)" at "10000 people, days ..." */
            int len = (int)strcspn(x->name, "(:");
            while (len > 0 && x->name[len - 1] == ' ')
                len--;
            snprintf(labels[k], sizeof labels[k], "%.*s: %s", len, x->name, x->where);
            r->value = x->value / x->base;
            r->lo = x->lo / x->base;
            r->hi = x->hi / x->base;
            r->band_lo = x->band_lo / x->base;
            r->band_hi = x->band_hi / x->base;
        } else {
            /* The change over the base (A / B - 1, high / low - 1, or a
             * rate's difference), from the margin's mean and interval. */
            snprintf(labels[k], sizeof labels[k], "%s", x->name);
            const double base = x->base > 0 ? x->base : NAN;
            r->value = 100 * (x->diff / base + x->shift);
            r->lo = 100 * (x->lo / base + x->shift);
            r->hi = 100 * (x->hi / base + x->shift);
            if (!strcmp(section, "claim"))
                r->band_lo = 100 * x->shift;
            else {
                r->band_lo = 100 * x->band_lo;
                r->band_hi = 100 * x->band_hi;
            }
        }
        snprintf(notes[k], sizeof notes[k], "%s", cs_verdict_names[x->verdict]);
        r->label = labels[k];
        r->note = notes[k];
        k++;
    }
    char *path = NULL;
    int rc = k == 0 ? 0
             : asprintf(&path, "%s/%s", dir, file) < 0
                 ? -1
                 : strcmp(section, "figure")
                     ? cs_forest_plot_log(cs_held_folder()->fd, path, title, axis, reference, rows,
                                          k, d)
                     : cs_forest_plot(cs_held_folder()->fd, path, title, axis, reference, rows, k, d);
    free(path);
    free(rows);
    free(notes);
    free(labels);
    return rc < 0 ? -1 : k;
}
#endif

static int cmd_validate(int argc, char **argv, cs_diag *d)
{
    cs_catch_stop_signals();
    options o;
    if (cs_parse_options(argc, argv, &o, &cs_cmd_validate_def, d))
        return EXIT_USAGE;
    if (o.npositional) {
        cs_usage_error(d, "validate takes no scenario, found '%s'", o.positional[0]);
        return EXIT_USAGE;
    }
    if (!o.out) {
        cs_usage_error(d, "validate needs --out DIR%s", "");
        return EXIT_USAGE;
    }
    int threads;
    if (cs_parse_threads(o.threads, &threads, d))
        return EXIT_USAGE;
    char *command = cs_command_line("validate", argc, argv);
    if (!command)
        return EXIT_RUNTIME;
    int code = cs_take_folder(o.out, &validate_kind, CS_OUTDIR_CLEAR, d);
    if (code) {
        free(command);
        return code;
    }
    cs_progress bar;
    char shipped[PATH_MAX + 64];
    cs_validate_plan plan = {.scenarios = o.scenarios ? o.scenarios
                                                      : scenarios_dir(shipped, sizeof shipped),
                             .quick = o.quick, .threads = threads, .stop = &cs_stop_signal,
                             .progress = progress, .progress_ctx = &bar, .d = d};
    cs_progress_start(&bar, "validate", (int64_t)cs_validate_runs(&plan), o.quiet);
    cs_progress_runs(&bar, 0);
    cs_check *checks = NULL;
    size_t n = 0;
    int rc = cs_validate(&plan, &checks, &n);
    cs_progress_finish(&bar);
    if (rc) {
        cs_drop_folder(1);
        free(command);
        return rc == CS_ERR_RUNTIME && cs_stop_signal ? cs_stop_code() : cs_exit_code(rc);
    }
    cs_atomic_file f;
    if (cs_folder_open_file("validation.csv", &f, d) != 0)
        code = EXIT_RUNTIME;
    if (!code) {
        write_csv(f.fp, checks, n);
        if (cs_atomic_commit(&f, d) != 0)
            code = EXIT_RUNTIME;
    }
    int pictures = 0;
#ifdef CS_HAVE_DRAW
    static const struct {
        const char *section, *file, *title, *axis;
        double reference;
        int flag;
    } pics[] = {
        {"figure", "validation-figures.png", "The figures over their targets (1 = the sources' figure)",
         "value / target: dot the mean over seeds, whisker lowest to highest", 1, PIC_FIGURES},
        {"claim", "validation-claims.png", "The sources' claims: A against B on paired seeds",
         "A / B - 1, % (a rate: A - B, points), signed log scale: whisker the 95% interval, band "
         "the side it should be on",
         0, PIC_CLAIMS},
        {"lever", "validation-levers.png", "The levers: high value against low on paired seeds",
         "high / low - 1, % (of high when low is 0), signed log scale: whisker the 95% interval, "
         "band the side it should be on",
         0, PIC_LEVERS},
    };
    for (size_t k = 0; !code && k < sizeof pics / sizeof pics[0]; k++) {
        int rows = picture(o.out, checks, n, pics[k].section, pics[k].file, pics[k].title,
                           pics[k].axis, pics[k].reference, d);
        if (rows < 0)
            code = EXIT_RUNTIME;
        else if (rows > 0)
            pictures |= pics[k].flag;
    }
#endif
    if (!code && cs_folder_open_file("validation.md", &f, d) != 0)
        code = EXIT_RUNTIME;
    if (!code) {
        write_md(f.fp, checks, n, o.quick, command, pictures);
        if (cs_atomic_commit(&f, d) != 0)
            code = EXIT_RUNTIME;
    }
    if (!code && !o.quiet) {
        for (size_t i = 0; i < n; i++)
            printf("%s %s: %.70s%s\n  %s\n", checks[i].section,
                   cs_verdict_names[checks[i].verdict], checks[i].name,
                   strlen(checks[i].name) > 70 ? "..." : "", checks[i].where);
        printf("validate: %s/validation.md\n", o.out);
    }
    if (!code)
        cs_say_wrote(o.quiet, o.out, validate_files);
    free(checks);
    free(command);
    return code;
}

/* ---- the command (cli/command.h) ---- */

static const cs_option_use validate_options[] = {
    {"out", NULL, NULL},
    {"quick", NULL, NULL},
    {"scenarios", NULL, NULL},
    {"threads", NULL, NULL},
    {"quiet", NULL, NULL},
    CS_OPTIONS_END,
};

const cs_command cs_cmd_validate_def = {
    "circlesim", "validate", "run the platform model's evidence: figures and the sources' claims",
    "circlesim validate --out DIR [--quick] [--scenarios DIR] [--threads N] [--quiet]\n",
    validate_options,
    "  Runs the default scenario at 10 000, 100 000 and 1 000 000 people (three\n"
    "  seeds, one at a million) for three years, and reads the calibrated figures\n"
    "  at the end of each year against their bands; then each claim of the\n"
    "  sources as two scenarios on 10 paired seeds (the what-if pairs of\n"
    "  scenarios/whatif, and the default with and without group chats). Each\n"
    "  check holds, fails, or is not distinguishable from noise. It also docks\n"
    "  the model to Bass diffusion (20 runs against the Bass recursion) and moves\n"
    "  each lever of docs/MODEL.md's directional table from low to high on 5\n"
    "  paired seeds. Writes DIR/validation.md (tables), DIR/validation.csv (one\n"
    "  row a check) and, with the drawing library, validation-figures.png,\n"
    "  validation-claims.png and validation-levers.png. The whole suite takes\n"
    "  about 20 minutes on two cores.\n"
    "  --quick: one seed at 10 000 people for a year, the docking on 5 runs, and\n"
    "  four claims on 3 paired seeds at 4 000 people for 120 days, no levers and\n"
    "  so no levers picture (seconds; ./test.sh runs it).\n"
    "  --scenarios DIR: where the what-if pairs are (default: this source tree's).\n",
    cmd_validate,
};
