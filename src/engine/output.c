/* SPDX-License-Identifier: MIT */
/* output.c - writes a run's folder: timeseries.csv, summary.json, scenario.yaml. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "engine/output.h"
#include "engine/checkpoint.h"
#include "engine/model.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fileio.h"
#include "base/json_out.h"
#include "base/outdir.h"
#include "scenario/scenario_int.h"
#include "base/numfmt.h"
#include "engine/run_struct.h"

#ifndef CIRCLESIM_VERSION
#define CIRCLESIM_VERSION "0"
#endif


/* Files a run writes; only these are removed when a folder is reused. */
/* Moved into place in this order, summary.json last: scenario.yaml first
 * says whose run the folder's days are, whenever a kill stops the moves. */
static const char *const run_files[] = {"scenario.yaml", "timeseries.csv", "summary.json",
                                        "circles.csv",   "groups.csv",     "products.csv",
                                        "users.csv",     NULL};
static const char *const run_folders[] = {CS_CHECKPOINT_DIR, CS_STAGING, NULL};

const cs_outdir_kind cs_run_kind = {"summary.json", "earlier run", run_files, run_folders,
                                    CS_CHECKPOINT_DIR "/" CS_CHECKPOINT_FILE, NULL};

/* Row w's values as model's timeseries.csv holds them, from column
 * `from` on, each after sep; json writes "name": value. */
static void columns_out(FILE *o, const cs_day_row *w, int model, size_t from, const char *sep,
                        int json)
{
    char buf[48];
    for (size_t i = from; i < cs_column_count(model); i++) {
        const cs_column *c = cs_column_at(model, i);
        cs_column_text(c, w, buf, sizeof buf);
        if (json)
            fprintf(o, "%s\"%s\": %s", i ? sep : "", c->name, buf[0] ? buf : "null");
        else
            fprintf(o, "%s%s", i ? sep : "", buf);
    }
}

void cs_output_row(FILE *o, const cs_day_row *w, int model)
{
    columns_out(o, w, model, 0, ",", 0);
}

void cs_output_row_header(FILE *o, int model)
{
    for (size_t i = 0; i < cs_column_count(model); i++)
        fprintf(o, "%s%s", i ? "," : "", cs_column_at(model, i)->name);
}

/* A run's record: the day it reached, its totals, its facts (the brand's
 * money first), then the last day's row, each column prefixed final_. */
static int has_spend(int model)
{
    return cs_timeseries_column(model, "spend") >= 0;
}

void cs_output_result_header(FILE *o, int model)
{
    fputs("final_day,total_orders,total_gmv,total_gmv_offsite,total_gmv_total", o);
    if (has_spend(model))
        fputs(",total_spend", o);
    if ((1u << model) & CS_M_FACTS)
        for (size_t i = 0; i < cs_facts_count(); i++)
            fprintf(o, ",%s", cs_facts_name(i));
    for (size_t i = 0; i < cs_column_count(model); i++)
        if (strcmp(cs_column_at(model, i)->name, "day") != 0)
            fprintf(o, ",final_%s", cs_column_at(model, i)->name);
}

char **cs_output_metric_names(int model, size_t *n)
{
    char *text = NULL;
    size_t len = 0;
    FILE *h = open_memstream(&text, &len);
    if (!h)
        return NULL;
    cs_output_result_header(h, model);
    fclose(h);
    if (!text)
        return NULL;
    size_t fields = 1;
    for (const char *p = text; *p; p++)
        fields += *p == ',';
    /* The pointers, then the names, in one block: one free. */
    char **names = malloc((fields + 1) * sizeof *names + len + 1);
    if (!names) {
        free(text);
        return NULL;
    }
    char *copy = (char *)(names + fields + 1);
    memcpy(copy, text, len + 1);
    free(text);
    *n = 0;
    for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ","))
        if (strcmp(tok, "final_day") != 0) /* the day is no metric */
            names[(*n)++] = tok;
    names[*n] = NULL;
    return names;
}

/* The last day's row and the run's totals (summary.json's "final" and
 * "totals"). */
static void run_totals(const cs_run *r, cs_day_row *last, int64_t *orders, int64_t *gmv,
                       int64_t *gmv_off, int64_t *spend)
{
    *last = (cs_day_row){0};
    *orders = *gmv = *gmv_off = *spend = 0;
    for (int64_t i = 0; i < r->day; i++) {
        *orders += r->rows[i].orders;
        *gmv += r->rows[i].gmv_fen;
        *gmv_off += r->rows[i].gmv_offsite_fen;
        *spend += r->rows[i].spend_fen;
    }
    if (r->day > 0)
        *last = r->rows[r->day - 1];
}

void cs_output_result_values(FILE *o, const cs_run *r)
{
    const int model = r->base->model;
    cs_day_row last;
    int64_t orders, gmv, gmv_off, spend;
    run_totals(r, &last, &orders, &gmv, &gmv_off, &spend);
    fprintf(o, "%lld,%lld,", (long long)last.day, (long long)orders);
    cs_json_money(o, gmv);
    fputc(',', o);
    cs_json_money(o, gmv_off);
    fputc(',', o);
    cs_json_money(o, gmv + gmv_off);
    if (has_spend(model)) {
        fputc(',', o);
        cs_json_money(o, spend);
    }
    if ((1u << model) & CS_M_FACTS) {
        cs_facts f;
        double v[CS_FACTS_MAX];
        const size_t n = cs_facts_count();
        const int ok = cs_run_facts(r, &f) == 0 && n <= CS_FACTS_MAX;
        if (ok)
            cs_facts_values(&f, v, CS_FACTS_MAX);
        for (size_t i = 0; i < n; i++) {
            /* Empty where a ratio cannot be computed (no spend: no ROAS). */
            char buf[40] = "";
            if (ok && isfinite(v[i]))
                snprintf(buf, sizeof buf, "%.15g", v[i]);
            fprintf(o, ",%s", buf);
        }
    }
    char buf[48];
    for (size_t i = 0; i < cs_column_count(model); i++) {
        const cs_column *c = cs_column_at(model, i);
        if (strcmp(c->name, "day") == 0)
            continue;
        cs_column_text(c, &last, buf, sizeof buf);
        fprintf(o, ",%s", buf);
    }
}

/* timeseries.csv's text into o: the header, then days 1 .. r->day. */
static void timeseries_to(FILE *o, const cs_run *r)
{
    cs_output_row_header(o, r->sc->model);
    fputc('\n', o);
    for (int64_t i = 0; i < r->day; i++) {
        cs_output_row(o, &r->rows[i], r->sc->model);
        fputc('\n', o);
    }
}

static int write_timeseries(int dirfd, const char *path, const cs_run *r, cs_diag *diag)
{
    cs_atomic_file f;
    int rc = cs_atomic_openat(&f, dirfd, "timeseries.csv", path, diag);
    if (rc)
        return rc;
    timeseries_to(f.fp, r);
    return cs_atomic_commit(&f, diag);
}

char *cs_output_timeseries(const cs_run *r)
{
    char *text = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&text, &len);
    if (!o)
        return NULL;
    timeseries_to(o, r);
    if (fclose(o) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

/* summary.json's text into o; hash is the scenario's. */
static void summary_to(FILE *o, const cs_run *r, const cs_run_info *info, const char *hash)
{
    const cs_scenario view = cs_run_scenario(r);
    const cs_scenario *sc = &view;
    fprintf(o, "{\n  \"schema_version\": 1,\n");
    fprintf(o, "  \"program\": {\"name\": \"circlesim\", \"version\": \"%s\"},\n",
            CIRCLESIM_VERSION);
    fputs("  \"scenario\": {\"name\": ", o);
    cs_print_string(o, sc->name, strlen(sc->name));
    fprintf(o, ", \"model\": \"%s\", \"seed\": %lld, \"days\": %lld, \"hash\": \"%s\"},\n",
            cs_model_name(sc->model), (long long)sc->seed, (long long)sc->days, hash);
    fprintf(o, "  \"complete\": %s,\n", info->complete ? "true" : "false");

    cs_day_row last;
    int64_t orders, gmv, gmv_off, spend;
    run_totals(r, &last, &orders, &gmv, &gmv_off, &spend);
    fputs("  \"final\": {", o);
    columns_out(o, &last, sc->model, 0, ", ", 1);
    fprintf(o, "},\n  \"totals\": {\"orders\": %lld, \"gmv\": ", (long long)orders);
    cs_json_money(o, gmv);
    fputs(", \"gmv_offsite\": ", o);
    cs_json_money(o, gmv_off);
    fputs(", \"gmv_total\": ", o);
    cs_json_money(o, gmv + gmv_off);
    if (has_spend(sc->model)) {
        fputs(", \"spend\": ", o);
        cs_json_money(o, spend);
    }
    fputs("},\n", o);
    fprintf(o,
            "  \"network\": {\"kind\": \"%s\", \"users\": %u, \"ties\": %llu, "
            "\"self_loops_dropped\": %llu, \"duplicates_dropped\": %llu},\n",
            cs_network_kind_name(sc->network_kind), r->net.n,
            (unsigned long long)r->net.edges,
            (unsigned long long)r->self_loops_dropped,
            (unsigned long long)r->duplicates_dropped);
    /* The model's own sections: the platform's stylized facts, brands and
     * community; the textbook models have no facts. */
    if (r->ops->summary)
        r->ops->summary(o, r);
    else
        fputs("  \"stylized_facts\": {},\n  \"targets\": {},\n", o);
    char host[256] = "";
    gethostname(host, sizeof host - 1);
    fprintf(o, "  \"run\": {\"threads\": %d, \"wall_seconds\": %.3f, \"started\": \"%s\", \"host\": ",
            r->threads, info->wall_seconds, info->started);
    cs_print_string(o, host, strlen(host));
    /* The estimate made before the run beside what it took, so anyone can
     * see how good the estimate is on their machine. */
    struct rusage ru;
    long long peak = getrusage(RUSAGE_SELF, &ru) == 0 ? (long long)ru.ru_maxrss * 1024 : -1;
    fprintf(o, ", \"memory_estimate_bytes\": %llu, \"peak_memory_bytes\": %lld",
            (unsigned long long)info->memory_estimate, peak);
    fprintf(o, ", \"resumed_from_day\": %lld}\n}\n", (long long)info->resumed_from_day);
}

static int write_summary(int dirfd, const char *path, const cs_run *r,
                         const cs_run_info *info, cs_diag *diag)
{
    const cs_scenario view = cs_run_scenario(r);
    char hash[72];
    int rc = cs_scenario_hash(&view, hash);
    if (rc)
        return rc;
    cs_atomic_file f;
    rc = cs_atomic_openat(&f, dirfd, "summary.json", path, diag);
    if (rc)
        return rc;
    summary_to(f.fp, r, info, hash);
    return cs_atomic_commit(&f, diag);
}

char *cs_output_summary(const cs_run *r, const cs_run_info *info)
{
    const cs_scenario view = cs_run_scenario(r);
    char hash[72];
    if (cs_scenario_hash(&view, hash) != 0)
        return NULL;
    char *text = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&text, &len);
    if (!o)
        return NULL;
    summary_to(o, r, info, hash);
    if (fclose(o) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

/* The files into the staging folder, open as fd (shown as dir). */
static int write_all(int fd, const char *dir, const cs_run *r, const cs_run_info *info,
                     cs_diag *diag)
{
    char *path = NULL;
    int rc = 0;
    if (asprintf(&path, "%s/timeseries.csv", dir) < 0)
        return CS_ERR_NOMEM;
    rc = write_timeseries(fd, path, r, diag);
    free(path);
    if (rc)
        return rc;

    cs_scenario view = cs_run_scenario(r);
    char *yaml = cs_scenario_to_yaml(&view, 0);
    if (!yaml)
        return CS_ERR_NOMEM;
    rc = cs_write_text_at(fd, dir, "scenario.yaml", yaml, diag);
    free(yaml);
    if (rc)
        return rc;

    if (info->detail) {
        rc = cs_run_write_detail(r, fd, dir, diag);
        if (rc)
            return rc;
    }

    if (asprintf(&path, "%s/summary.json", dir) < 0)
        return CS_ERR_NOMEM;
    rc = write_summary(fd, path, r, info, diag);
    free(path);
    return rc;
}

int cs_output_write(const cs_outdir *out, const cs_run *r, const cs_run_info *info,
                    cs_diag *diag)
{
    char *stage = NULL;
    if (asprintf(&stage, "%s/" CS_STAGING, out->path) < 0)
        return CS_ERR_NOMEM;
    /* Made afresh and opened without following a link: what is written
     * goes only where this run made it. */
    int fd = cs_outdir_sub(out, CS_STAGING, 0, diag);
    if (fd >= 0) {
        cs_outdir_remove_sub(out, fd, CS_STAGING, run_files);
        close(fd);
    } else if (errno != ENOENT) {
        free(stage);
        return CS_ERR_INPUT;
    }
    if (mkdirat(out->fd, CS_STAGING, 0777) != 0) {
        int e = errno;
        cs_diag_error(diag, "cannot write in '%s': %s", out->path,
                      e == EEXIST ? "its staging folder '" CS_STAGING
                                    "' holds files circlesim did not write"
                                  : strerror(e));
        free(stage);
        return e == EEXIST ? CS_ERR_INPUT : CS_ERR_RUNTIME;
    }
    fd = cs_outdir_sub(out, CS_STAGING, 0, diag);
    int rc = fd < 0 ? CS_ERR_RUNTIME : write_all(fd, stage, r, info, diag);
    if (rc) {
        if (fd >= 0) {
            cs_outdir_remove_sub(out, fd, CS_STAGING, run_files);
            close(fd);
        }
        cs_diag_error(diag, "nothing was written: '%s' holds what it held before", out->path);
        free(stage);
        return rc;
    }
    /* Into place, summary.json last: a folder whose summary is this run's
     * has every other file of it. Files of an earlier run that this one
     * does not write (the --detail tables) go. */
    for (size_t pass = 0; pass < 2 && rc == 0; pass++)
        for (size_t i = 0; run_files[i] && rc == 0; i++) {
            const char *name = run_files[i];
            if ((strcmp(name, "summary.json") == 0) != (pass == 1))
                continue;
            if (renameat(fd, name, out->fd, name) == 0)
                continue;
            if (errno != ENOENT) {
                cs_diag_error(diag, "cannot move '%s/%s' into place: %s", out->path, name,
                              strerror(errno));
                rc = CS_ERR_RUNTIME;
            } else if (cs_outdir_has(out->fd, name) && unlinkat(out->fd, name, 0) != 0 &&
                       errno != ENOENT) {
                cs_diag_error(diag, "cannot clear '%s/%s': %s", out->path, name,
                              strerror(errno));
                rc = CS_ERR_RUNTIME;
            }
        }
    fsync(out->fd);
    cs_outdir_remove_sub(out, fd, CS_STAGING, run_files);
    close(fd);
    free(stage);
    return rc;
}
