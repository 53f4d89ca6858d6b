/* SPDX-License-Identifier: MIT */
/* cs_wasm.c - the browser page's door into the engine (scripts/build-web.sh
 * compiles it with the engine to WebAssembly; web/app.js calls it).
 *
 * One scenario and one run at a time, held here: a page has one. Every
 * function takes and returns plain numbers or NUL-terminated UTF-8 strings;
 * a string returned stays valid until the next call of the same function.
 * Problems go to the text csw_messages returns, as the command line would
 * print them, so the page shows the engine's own words.
 *
 * The page's numbers are the engine's: rows through cs_run_row, a lesson's
 * words filled by cs_lesson_fill on the run's own rows (as the window and
 * the handout fill them), levers moved by cs_run_set_lever_at as the
 * window's sliders and lesson_play move them. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* open_memstream */
#endif
#include <emscripten/emscripten.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json_out.h"
#include "circlesim/run.h"
#include "circlesim/scenario.h"
#include "engine/engine.h"
#include "scenario/lesson.h"
#include "scenario/scenario.h"

#define API EMSCRIPTEN_KEEPALIVE

enum { MAX_COLUMNS = 256 };

static cs_scenario *scenario;
static cs_run *run;

/* ---- the text a call returns ---- */

/* A string a function hands out, kept until that function's next call. */
typedef struct out_text {
    char *s;
    size_t len;
} out_text;

/* Starts t over as a memory stream (NULL when out of memory). */
static FILE *out_begin(out_text *t)
{
    free(t->s);
    t->s = NULL;
    t->len = 0;
    return open_memstream(&t->s, &t->len);
}

static const char *out_get(const out_text *t, const char *none)
{
    return t->s ? t->s : none;
}

/* ---- messages ---- */

static out_text messages;

/* The diagnostics of the last call that reports (load, set, start, lever,
 * write): "" when it had none. */
API const char *csw_messages(void)
{
    return out_get(&messages, "");
}

/* A diag writing into messages; close the stream it returns when done. */
static FILE *diag_begin(cs_diag *d)
{
    FILE *f = out_begin(&messages);
    if (f)
        cs_diag_init(d, f);
    else
        cs_diag_init_muted(d);
    return f;
}

static void diag_end(FILE *f)
{
    if (f)
        fclose(f);
}

/* ---- the scenario ---- */

API void csw_close(void)
{
    cs_run_close(run);
    run = NULL;
    cs_scenario_close(scenario);
    scenario = NULL;
}

/* Opens a scenario from its YAML text (name is what messages call it);
 * 0 or a cs_err. The run before, if any, is closed. */
API int csw_load(const char *name, const char *text)
{
    csw_close();
    cs_diag d;
    FILE *f = diag_begin(&d);
    scenario = cs_scenario_open_text(name, text, strlen(text), NULL, &d);
    diag_end(f);
    return scenario ? 0 : CS_ERR_INPUT;
}

/* "KEY=VALUE" into the scenario before its run opens, as --set does (a
 * slider moved before Run, the seed). 0 or a cs_err. */
API int csw_set(const char *assignment)
{
    if (!scenario)
        return CS_ERR_INPUT;
    cs_diag d;
    FILE *f = diag_begin(&d);
    int rc = cs_scenario_set(scenario, assignment, &d);
    diag_end(f);
    return rc;
}

/* KEY's value in the scenario as YAML text ("" for an unknown key). */
API const char *csw_get(const char *key)
{
    static char *value;
    free(value);
    value = scenario ? cs_scenario_get(scenario, key) : NULL;
    return value ? value : "";
}

/* ---- the run ---- */

/* Validates the scenario and opens its run (network built, warm-up done)
 * on one thread: a page has one. 0 or a cs_err. */
API int csw_start(void)
{
    if (!scenario)
        return CS_ERR_INPUT;
    cs_run_close(run);
    run = NULL;
    cs_diag d;
    FILE *f = diag_begin(&d);
    int rc = cs_scenario_validate(scenario, &d);
    if (rc == 0) {
        run = cs_run_open(scenario, 1, &d);
        if (!run)
            rc = CS_ERR_INPUT;
    }
    diag_end(f);
    return rc;
}

API int csw_step(void)
{
    return run ? cs_run_step(run) : CS_ERR_INPUT;
}

/* Days as doubles: JavaScript's numbers hold them exactly. */
API double csw_day(void)
{
    return run ? (double)cs_run_day(run) : 0;
}

API double csw_days(void)
{
    return run ? (double)cs_run_days(run) : 0;
}

API int csw_column_count(void)
{
    return run ? (int)cs_run_column_count(run) : 0;
}

API const char *csw_column_name(int i)
{
    const char *s = run && i >= 0 ? cs_run_column_name(run, (size_t)i) : NULL;
    return s ? s : "";
}

/* Day `day`'s row as timeseries.csv shows it: csw_column_count doubles
 * (NaN past them, and all NaN for a day not simulated yet). */
API const double *csw_row(double day)
{
    static double row[MAX_COLUMNS];
    size_t n = run ? cs_run_row(run, (int64_t)day, row, MAX_COLUMNS) : 0;
    for (size_t i = n; i < MAX_COLUMNS; i++)
        row[i] = NAN;
    return row;
}

/* Lever KEY takes VALUE from the next day on (a slider moved during the
 * run), recorded so the run's scenario.yaml replays it. 0 or a cs_err. */
API int csw_set_lever(const char *key, double value)
{
    if (!run)
        return CS_ERR_INPUT;
    cs_diag d;
    FILE *f = diag_begin(&d);
    int rc = cs_run_set_lever(run, key, value, &d);
    diag_end(f);
    return rc;
}

/* The lesson's step i's `set` (0-based), applied as `circlesim lesson`
 * and the window apply it: each lever from the run's next day (a run that
 * is over takes none). 0 or a cs_err. */
API int csw_apply_step(int i)
{
    const cs_lesson *l = scenario ? cs_scenario_lesson(scenario) : NULL;
    if (!run || !l || i < 0 || (size_t)i >= l->nsteps)
        return CS_ERR_INPUT;
    const cs_lesson_step *st = &l->steps[i];
    cs_diag d;
    FILE *f = diag_begin(&d);
    int rc = 0;
    for (size_t k = 0; rc == 0 && k < st->nset; k++)
        if (cs_run_day(run) < cs_run_days(run))
            rc = cs_run_set_lever_at(run, st->set_param[k], st->set_value[k], &d);
    diag_end(f);
    return rc;
}

/* The run's folder as `circlesim run --out DIR` writes it, into the
 * page's in-memory file system. 0 or a cs_err. */
API int csw_write(const char *dir)
{
    if (!run)
        return CS_ERR_INPUT;
    cs_diag d;
    FILE *f = diag_begin(&d);
    int rc = cs_run_write(run, dir, &d);
    diag_end(f);
    return rc;
}

/* A file of the in-memory file system as text ("" when missing). */
API const char *csw_read_file(const char *path)
{
    static out_text file;
    FILE *out = out_begin(&file);
    FILE *in = fopen(path, "rb");
    char buf[4096];
    size_t n;
    while (out && in && (n = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, n, out);
    if (in)
        fclose(in);
    if (out)
        fclose(out);
    return out_get(&file, "");
}

/* ---- the lesson ---- */

/* text with the run's numbers in it, as the window's step panel and info
 * card and the handout fill them: {measure} from the last day simulated,
 * {measure:so_far} summed from day 1 ("…" before the first day). */
API const char *csw_fill(const char *text)
{
    static char *filled;
    static size_t cap;
    const size_t need = 2 * strlen(text) + 4096; /* as the info card sizes it */
    if (need > cap) {
        char *p = realloc(filled, need);
        if (!p)
            return "";
        filled = p;
        cap = need;
    }
    if (run)
        cs_lesson_fill(text, cs_scenario_model(cs_run_base(run)), cs_run_rows(run),
                       cs_run_day(run), filled, cap);
    else
        cs_lesson_fill(text, scenario ? cs_scenario_model(scenario) : 0, NULL, 0, filled, cap);
    return filled;
}

/* {"en": "...", "zh": "..."} */
static void json_ltext(FILE *f, const cs_ltext *t)
{
    fputc('{', f);
    for (size_t i = 0; i < t->n; i++) {
        fputs(i ? ", " : "", f);
        cs_print_string(f, t->lang[i], strlen(t->lang[i]));
        fputs(": ", f);
        cs_print_string(f, t->text[i], strlen(t->text[i]));
    }
    fputc('}', f);
}

static void json_key(FILE *f, const char *key)
{
    cs_print_string(f, key, strlen(key));
    fputs(": ", f);
}

static void json_views(FILE *f, const cs_lesson *l)
{
    fputs("[", f);
    for (size_t v = 0; v < l->nviews; v++) {
        const cs_lesson_view *w = &l->views[v];
        fprintf(f, "%s{\"so_far\": %s, \"title\": ", v ? ", " : "", w->so_far ? "true" : "false");
        json_ltext(f, &w->title);
        fputs(", \"measures\": [", f);
        for (size_t m = 0; m < w->nmeasures; m++) {
            fputs(m ? ", " : "", f);
            cs_print_string(f, w->measure[m], strlen(w->measure[m]));
        }
        fputs("], \"legend\": [", f);
        for (size_t m = 0; m < w->nmeasures; m++) {
            fputs(m ? ", " : "", f);
            json_ltext(f, &w->legend[m]);
        }
        fputs("]}", f);
    }
    fputs("]", f);
}

static void json_sliders(FILE *f, const cs_lesson *l)
{
    fputs("[", f);
    for (size_t s = 0; s < l->nsliders; s++) {
        const cs_lesson_slider *sl = &l->sliders[s];
        const char *key = cs_param_key((size_t)sl->param);
        fputs(s ? ", {" : "{", f);
        json_key(f, "key");
        cs_print_string(f, key, strlen(key));
        /* %.17g: the page's range input gets the file's numbers exactly. */
        fprintf(f, ", \"min\": %.17g, \"max\": %.17g, \"step\": %.17g, \"label\": ", sl->min,
                sl->max, sl->step);
        json_ltext(f, &sl->label);
        fputc('}', f);
    }
    fputs("]", f);
}

static void json_steps(FILE *f, const cs_lesson *l)
{
    fputs("[", f);
    for (size_t s = 0; s < l->nsteps; s++) {
        const cs_lesson_step *st = &l->steps[s];
        fprintf(f, "%s{\"day\": %lld, \"restart\": %s, \"caption\": ", s ? ", " : "",
                (long long)st->day, st->restart ? "true" : "false");
        json_ltext(f, &st->caption);
        fputs(", \"question\": ", f);
        json_ltext(f, &st->question);
        fputs(", \"set\": {", f);
        for (size_t k = 0; k < st->nset; k++) {
            const char *key = cs_param_key((size_t)st->set_param[k]);
            fputs(k ? ", " : "", f);
            json_key(f, key);
            fprintf(f, "%.17g", st->set_value[k]);
        }
        fputs("}}", f);
    }
    fputs("]", f);
}

/* The scenario's lesson: block as JSON for the page (title, about, views,
 * sliders, steps; each text in its languages), or "null" without one. */
API const char *csw_lesson(void)
{
    static out_text json;
    const cs_lesson *l = scenario ? cs_scenario_lesson(scenario) : NULL;
    FILE *f = l && l->given ? out_begin(&json) : NULL;
    if (!f)
        return "null";
    fputs("{\"title\": ", f);
    json_ltext(f, &l->title);
    fputs(", \"about\": ", f);
    json_ltext(f, &l->about);
    fputs(", \"views\": ", f);
    json_views(f, l);
    fputs(", \"sliders\": ", f);
    json_sliders(f, l);
    fputs(", \"steps\": ", f);
    json_steps(f, l);
    fputs("}", f);
    fclose(f);
    return out_get(&json, "null");
}
