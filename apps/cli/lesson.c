/* SPDX-License-Identifier: MIT */
/* lesson.c - `circlesim lesson SCENARIO --handout DIR`: a teacher's
 * handout for a lesson: what it shows, each step's picture, caption and
 * question, and what the model gives at each step, over seeds. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/sweep.h"
#include "base/numfmt.h"
#include "cli/commands.h"
#include "cli/measure_words.h"
#include "cli/options.h"
#include "scenario/columns.h"
#include "scenario/lesson.h"
#include "cli/progress.h"
#ifdef CS_HAVE_DRAW
#include "draw/glossary.h"
#include "draw/handout_pdf.h"
#include "draw/words.h"
#include "draw/lesson_play.h"
#include "draw/render.h"
#endif

#ifdef CS_HAVE_DRAW
static const char *const handout_files[] = {"handout.md", "handout.pdf", "step-*.png", NULL};
static const cs_outdir_kind handout_kind = {"handout.md", "earlier handout", handout_files, NULL,
                                            NULL, NULL};

/* The handout's own words in the lesson's language (draw/words.c). */
#define W(en) cs_words(lang, en)

/* A number as a class reads it: money in whole yuan, other numbers from a
 * hundred up whole, with spaces between thousands, smaller ones to three
 * figures (a trust of 0.382, a ratio of 2.75), never in e-notation. */
static void handout_number(char *out, size_t cap, double v, int money, const char *lang)
{
    if (!isfinite(v)) {
        snprintf(out, cap, "-");
        return;
    }
    if (!money && fabs(v) < 100) {
        snprintf(out, cap, "%.3g", v);
        return;
    }
    cs_format_count(out, cap, (int64_t)llround(v), ' ');
    const size_t o = strlen(out);
    if (money)
        snprintf(out + o, cap - o, " %s", W("yuan"));
}

/* What a view's line is called: its legend, else the view's title. */
static const char *line_name(const cs_lesson *l, size_t v, size_t k, const char *lang)
{
    const char *legend = cs_ltext_get(&l->views[v].legend[k], lang);
    return legend ? legend : cs_ltext_get(&l->views[v].title, lang);
}

/* Every view's lines at the end of step k over R seeds (the seed of
 * replicate r, as compare's): the value the chart ends on (the day's, or
 * the total from day 1 with so_far), and for a flow drawn day by day its
 * total too, as "mean (95% interval lo to hi)" rows into o. *first
 * becomes the scene of the first seed's run (the scenario's own). */
static int answers(FILE *o, cs_scenario *sc, const cs_lesson *l, size_t k, int64_t base,
                   size_t R, int threads, const char *lang, cs_scene *first, cs_diag *d)
{
    enum { SLOTS = CS_LESSON_MAX_VIEWS * CS_LESSON_MAX_LINES * 2 };
    const int model = cs_scenario_model(sc);
    double *x = malloc(SLOTS * R * sizeof *x);
    if (!x)
        return CS_ERR_NOMEM;
#define SLOT(v, k, j) (((v) * CS_LESSON_MAX_LINES + (k)) * 2 + (j))
    int64_t day = 0;
    int rc = 0;
    for (size_t r = 0; rc == 0 && r < R; r++) {
        char set[64];
        snprintf(set, sizeof set, "seed=%lld", (long long)cs_replicate_seed(base, (int64_t)r));
        rc = cs_scenario_set(sc, set, d);
        cs_scene s = {0};
        if (rc == 0)
            rc = cs_scene_set_lang(&s, lang) ? CS_ERR_NOMEM
                                             : cs_lesson_play(sc, threads, k, 0, 0, &s, d);
        for (size_t v = 0; rc == 0 && v < l->nviews; v++)
            for (size_t m = 0; m < l->views[v].nmeasures; m++) {
                const cs_column *col =
                    cs_column_at(model, (size_t)cs_timeseries_column(model, l->views[v].measure[m]));
                double total = 0;
                for (int64_t t = 0; t < s.nrows; t++) {
                    const double y = cs_column_value(col, &s.rows[t]);
                    total += isfinite(y) ? y : 0;
                }
                const double last = s.nrows ? cs_column_value(col, &s.rows[s.nrows - 1]) : NAN;
                x[SLOT(v, m, 0) * R + r] = l->views[v].so_far ? total : last;
                x[SLOT(v, m, 1) * R + r] = total;
            }
        day = s.day;
        if (r == 0)
            *first = s; /* the picture's run: its numbers fill the step's words */
        else
            cs_scene_free(&s);
    }
    char set[64];
    snprintf(set, sizeof set, "seed=%lld", (long long)base);
    if (cs_scenario_set(sc, set, d) != 0 && rc == 0)
        rc = CS_ERR_INPUT;
    for (size_t v = 0; rc == 0 && v < l->nviews; v++)
        for (size_t m = 0; m < l->views[v].nmeasures; m++) {
            const cs_column *col =
                cs_column_at(model, (size_t)cs_timeseries_column(model, l->views[v].measure[m]));
            const int money = col->kind == CS_COL_MONEY;
            const int both = col->flow && !l->views[v].so_far;
            for (int j = 0; j < (both ? 2 : 1); j++) {
                cs_stats st;
                cs_stats_of(x + SLOT(v, m, j) * R, R, &st);
                /* Every measure here is a count, money, a ratio or trust:
                 * none below 0, whatever a t interval on few seeds says. */
                if (st.ci_lo < 0)
                    st.ci_lo = 0;
                char mean[48], lo[48], hi[48];
                handout_number(mean, sizeof mean, st.mean, money, lang);
                handout_number(lo, sizeof lo, st.ci_lo, money, lang);
                handout_number(hi, sizeof hi, st.ci_hi, money, lang);
                /* The line as its chart names it; a flow drawn day by day
                 * also gets its total. */
                fprintf(o, "| %s%s (`%s`) | %s | %s %s %s |\n", line_name(l, v, m, lang),
                        j == 1 ? W(", total from day 1") : "", col->name, mean, lo, W("to"), hi);
            }
        }
#undef SLOT
    if (rc == 0 && l->nviews)
        fprintf(o,
                W("\nOn day %lld, over %zu seeds: mean and 95%% interval (cut at 0, below which no "
                  "measure goes). The picture and its words are the scenario's own seed, one "
                  "run, so their numbers may lie outside the interval of the mean.\n"),
                (long long)day, R);
    free(x);
    return rc;
}
#endif

int cs_cmd_lesson(int argc, char **argv, cs_diag *d)
{
    options o;
    if (cs_parse_options(argc, argv, &o, &cs_cmd_lesson_def, d))
        return EXIT_USAGE;
    if (o.npositional != 1) {
        cs_usage_error(d, "lesson takes one scenario with a lesson: block%s", "");
        return EXIT_USAGE;
    }
    if (!o.handout) {
        cs_usage_error(d, "lesson needs --handout DIR (what it writes)%s", "");
        return EXIT_USAGE;
    }
    long long reps = 5;
    int threads;
    if ((o.replicates && cs_parse_count("--replicates", o.replicates, 2, 1000, &reps, d)) ||
        cs_parse_threads(o.threads, &threads, d))
        return EXIT_USAGE;
#ifdef CS_HAVE_DRAW
    cs_scenario *sc = NULL;
    int code = cs_prepare_scenario(&sc, o.positional[0], &o, d);
    const cs_lesson *l = code ? NULL : cs_scenario_lesson(sc);
    if (!code && !l) {
        cs_diag_error(d, "%s has no lesson: block (docs/SCENARIOS.md)", o.positional[0]);
        code = EXIT_USAGE;
    }
    if (!code && cs_scenario_check_lesson(sc, d))
        code = EXIT_USAGE;
    if (!code)
        code = cs_check_lang(o.lang, sc, d);
    if (!code)
        code = cs_take_folder(o.handout, &handout_kind, CS_OUTDIR_CLEAR, d);
    char *text = NULL;
    size_t len = 0;
    FILE *md = code ? NULL : open_memstream(&text, &len);
    if (!code && !md)
        code = EXIT_RUNTIME;
    if (md) {
        const char *lang = o.lang;
        const int64_t base = cs_scenario_seed(sc);
        fprintf(md, "# %s\n\n", cs_ltext_get(&l->title, lang));
        fprintf(md, W("Scenario `%s` (seed %lld, %lld days). On screen:\n\n"), o.positional[0],
                (long long)base, (long long)cs_scenario_days(sc));
        for (size_t v = 0; v < l->nviews; v++) {
            fprintf(md, "- %s:", cs_ltext_get(&l->views[v].title, lang));
            for (size_t m = 0; m < l->views[v].nmeasures; m++)
                fprintf(md, "%s `%s`", m ? "," : "", l->views[v].measure[m]);
            fputc('\n', md);
        }
        for (size_t i = 0; i < l->nsliders; i++)
            fprintf(md, W("%s- slider: %s (`%s`)\n"), i ? "" : "\n",
                    cs_ltext_get(&l->sliders[i].label, lang),
                    cs_param_at((size_t)l->sliders[i].param)->key);
        cs_render_opts ro = {.width = 1600, .height = 900, .lang = lang};
        /* Each step is a picture and its answers' runs: the steps are the
         * work a log sees progress in (no bar: the steps are few). */
        cs_progress lines;
        cs_progress_start(&lines, "lesson", (int64_t)l->nsteps, o.quiet);
        cs_progress_unit(&lines, "step", 0);
        lines.enabled = 0;
        for (size_t k = 1; !code && k <= l->nsteps; k++) {
            if (k > 1)
                cs_progress_update(&lines, (int64_t)k - 1);
            const cs_lesson_step *st = &l->steps[k - 1];
            char name[64];
            snprintf(name, sizeof name, "step-%02zu.png", k);
            char *path = NULL;
            if (asprintf(&path, "%s/%s", o.handout, name) < 0) {
                code = EXIT_RUNTIME;
                break;
            }
            ro.step = (int)k;
            code = cs_exit_code(cs_render_step_in(sc, threads, &ro,
                                                  cs_held_folder()->fd, name, path, d));
            free(path);
            /* The answers first: their first run's numbers fill the words. */
            char *table = NULL;
            size_t table_len = 0;
            FILE *t = open_memstream(&table, &table_len);
            cs_scene first = {0};
            if (!t)
                code = EXIT_RUNTIME;
            else if (!code && st->day > 0 && l->nviews) {
                /* (a format: the %% in it is a per cent sign) */
                fprintf(t, W("\n**What the model gives** (for the teacher):\n\n| measure | mean | 95%% "
                             "interval |\n|---|---|---|\n%s"),
                        "");
                code = cs_exit_code(
                    answers(t, sc, l, k, base, (size_t)reps, threads, lang, &first, d));
            }
            if (t)
                fclose(t);
            /* No answers asked for: the picture's run, played for its words'
             * numbers when they have any. */
            if (!code && first.nrows == 0 && st->day > 0 &&
                (strchr(cs_ltext_get(&st->caption, lang), '{') ||
                 (st->question.n && strchr(cs_ltext_get(&st->question, lang), '{'))) &&
                (cs_scene_set_lang(&first, lang) ||
                 cs_lesson_play(sc, threads, k, 0, 0, &first, d) != 0))
                code = EXIT_RUNTIME;
            char words[4096];
            cs_lesson_fill(cs_ltext_get(&st->caption, lang), first.model_id, first.rows,
                           first.nrows, words, sizeof words);
            fprintf(md, W("\n## Step %zu of %zu\n\n![step %zu](%s)\n\n%s\n"), k, l->nsteps, k, name,
                    words);
            if (st->question.n) {
                cs_lesson_fill(cs_ltext_get(&st->question, lang), first.model_id, first.rows,
                               first.nrows, words, sizeof words);
                fprintf(md, W("\n**Question:** %s\n"), words);
            }
            if (table)
                fputs(table, md);
            free(table);
            cs_scene_free(&first);
        }
        /* The words on the screen, for the class. */
        if (!code) {
            fprintf(md, "\n## %s\n\n| | |\n|---|---|\n", W("Words on the screen"));
            for (size_t i = 0; i < cs_glossary_count(); i++) {
                const char *term, *meaning;
                cs_glossary_entry(i, lang, &term, &meaning);
                fprintf(md, "| %s | %s |\n", term, meaning);
            }
        }
        fprintf(md, W("\n---\nWritten by `circlesim lesson %s --handout %s%s%s`.\n"),
                o.positional[0], o.handout, o.lang ? " --lang " : "", o.lang ? o.lang : "");
        fclose(md);
        /* The same set on A4 pages, to print: made first, so a PDF that
         * cannot be made leaves no handout.md without it. */
        cs_atomic_file pdf;
        const int pdf_open = !code && text && cs_folder_open_file("handout.pdf", &pdf, d) == 0;
        if (!code && !pdf_open)
            code = EXIT_RUNTIME;
        if (!code && cs_handout_pdf(text, cs_held_folder()->fd, pdf.fp, d) != 0)
            code = EXIT_RUNTIME;
        if (!code && cs_folder_write_text("handout.md", text, d) != 0)
            code = EXIT_RUNTIME;
        if (pdf_open && code)
            cs_atomic_abort(&pdf);
        else if (pdf_open && cs_atomic_commit(&pdf, d) != 0)
            code = EXIT_RUNTIME;
        if (!code && !o.quiet)
            printf("lesson: %s/handout.md, handout.pdf and %zu pictures\n", o.handout, l->nsteps);
        if (!code)
            cs_say_wrote(o.quiet, o.handout, handout_files);
    }
    free(text);
    cs_scenario_close(sc);
    return code;
#else
    cs_diag_error(d, "this circlesim was built without drawing, so it cannot draw a handout's "
                     "pictures; install SDL2 (scripts/setup.sh lists the packages) and rebuild%s",
                  "");
    return EXIT_RUNTIME;
#endif
}

static const cs_option_use lesson_options[] = {
    {"handout", NULL, NULL},
    {"lang", NULL, NULL},
    {"replicates", NULL, "seeds the answers are given over (default 5)"},
    CS_OPTIONS_SCENARIO,
    {"threads", NULL, "worker threads per run (default: all cores)"},
    {"quiet", NULL, NULL},
    CS_OPTIONS_END,
};

const cs_command cs_cmd_lesson_def = {
    "circlesim", "lesson", "write a lesson's handout (Markdown, PDF and pictures)",
    "circlesim lesson SCENARIO --handout DIR [--lang LANG] [--replicates R]\n"
    "                        [--seed N] [--set KEY=VALUE]... [--threads N] [--quiet]\n",
    lesson_options,
    "  Play the lesson: block's steps (docs/SCENARIOS.md) as the window plays them and\n"
    "  write DIR/handout.md: the lesson's title, what is on screen, and for each\n"
    "  step its picture (DIR/step-NN.png), caption and question, and for the teacher\n"
    "  what the model gives at the end of the step: each view's value (and, for\n"
    "  what is counted afresh each day, its total so far) as a mean with its 95%\n"
    "  interval over R seeds.\n"
    "  DIR/handout.pdf is the same on A4 pages, to print.\n",
    cs_cmd_lesson,
};
