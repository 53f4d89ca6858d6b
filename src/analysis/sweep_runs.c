/* sweep_runs.c - one run of a sweep's design (sweep_runs.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "analysis/sweep_runs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "engine/engine.h"
#include "engine/output.h"

/* The scenario of one design point and replicate: the file, the --set
 * options, the point's values, the replicate's seed. */
int cs_sweep_point_scenario(const cs_sweep_plan *w, size_t point, int64_t replicate,
                            cs_scenario *sc, cs_diag *d)
{
    int code = cs_source_scenario(w->src, w->sets, w->nsets, sc, d);
    if (code)
        return code;
    char *set = NULL;
    int bad = 0;
    for (size_t k = 0; k < w->g->nvary && !bad; k++) {
        if (asprintf(&set, "%s=%s", w->g->vary[k].key, w->g->value[point * w->g->nvary + k]) < 0)
            return CS_ERR_NOMEM;
        bad = cs_scenario_set(sc, set, d) != 0;
        free(set);
    }
    if (!bad) {
        char seed[64];
        snprintf(seed, sizeof seed, "seed=%lld",
                 (long long)cs_replicate_seed(w->base_seed, replicate));
        bad = cs_scenario_set(sc, seed, d) != 0;
    }
    if (bad || cs_scenario_validate(sc, d) != 0)
        return CS_ERR_INPUT;
    return 0;
}

/* The fields of run's runs.csv record that the design fixes: run, point,
 * replicate, seed, variant and varied values, with the comma after them
 * (NULL when out of memory). A record read back on --resume must begin
 * with exactly these. */
char *cs_sweep_record_prefix(const cs_sweep_plan *w, size_t run)
{
    size_t point = run / (size_t)w->replicates;
    int64_t replicate = (int64_t)(run % (size_t)w->replicates);
    char *text = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&text, &len);
    if (!o)
        return NULL;
    fprintf(o, "%zu,%zu,%lld,%lld", run, point, (long long)replicate,
            (long long)cs_replicate_seed(w->base_seed, replicate));
    if (w->g->variant) {
        fputc(',', o);
        cs_csv_field(o, w->g->variant[point].name);
    }
    for (size_t k = 0; k < w->g->nvary; k++) {
        fputc(',', o);
        cs_csv_field(o, w->g->value[point * w->g->nvary + k]);
    }
    fputc(',', o);
    fclose(o);
    return text;
}

/* Runs one (point, replicate) to its end and formats its runs.csv record
 * (and, when asked, its series.csv rows into *series). */
char *cs_sweep_run_one(const cs_sweep_plan *w, size_t run, char **series, cs_diag *shared)
{
    /* A diagnostics counter of its own: runs go on side by side, and the
     * checks compare counts before and after. */
    cs_diag own, *d = &own;
    cs_diag_init(&own, shared->out);
    size_t point = run / (size_t)w->replicates;
    int64_t replicate = (int64_t)(run % (size_t)w->replicates);
    cs_scenario sc;
    if (cs_sweep_point_scenario(w, point, replicate, &sc, d) != 0) {
        cs_scenario_free(&sc);
        return NULL;
    }
    cs_run r;
    char *text = NULL;
    size_t len = 0;
    if (cs_run_init_within(&r, &sc, w->threads, w->run_memory, w->run_memory_flags, d) == 0) {
        int ok = 1;
        while (ok && r.day < sc.days && !(w->stop && *w->stop))
            ok = cs_run_step(&r) == 0;
        if (ok && r.day == sc.days) {
            char *prefix = cs_sweep_record_prefix(w, run);
            FILE *o = prefix ? open_memstream(&text, &len) : NULL;
            if (o) {
                fputs(prefix, o);
                cs_output_result_values(o, &r);
                fputc('\n', o);
                fclose(o);
            }
            size_t slen = 0;
            FILE *so = series ? open_memstream(series, &slen) : NULL;
            for (int64_t day = 0; so && day < r.day; day++) {
                fprintf(so, "%zu,", run);
                cs_output_row(so, &r.rows[day], sc.model);
                fputc('\n', so);
            }
            if (so)
                fclose(so);
            free(prefix);
            if (series && !*series) { /* a record vouches for its rows: none without */
                free(text);
                text = NULL;
                cs_diag_error(d, "out of memory in run %zu", run);
            }
        } else if (!ok) {
            cs_diag_error(d, "out of memory in run %zu", run);
        }
    }
    cs_run_free(&r);
    cs_scenario_free(&sc);
    return text;
}

void cs_sweep_header(FILE *o, const cs_sweep_plan *w, int model)
{
    fputs(w->g->variant ? "run,point,replicate,seed,variant" : "run,point,replicate,seed", o);
    for (size_t k = 0; k < w->g->nvary; k++) {
        fputc(',', o);
        cs_csv_field(o, w->g->vary[k].key);
    }
    fputc(',', o);
    cs_output_result_header(o, model);
    fputc('\n', o);
}

