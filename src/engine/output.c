/* output.c - writes a run's folder: timeseries.csv, summary.json, scenario.yaml. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "circlesim/output.h"
#include "circlesim/checkpoint.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "circlesim/fileio.h"
#include "circlesim/outdir.h"
#include "scenario_int.h"

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

void cs_csv_field(FILE *o, const char *s)
{
    /* Text a spreadsheet would run as a formula (=, +, -, @; a tab or a
     * carriage return first hides one) gets an apostrophe in front, which
     * spreadsheets show as text; numbers such as -0.5 stay numbers. */
    /* A number: a plain decimal (strtod alone would also take inf, nan
     * and hexadecimal, which a spreadsheet reads as text or a formula). */
    char *end;
    int number = *s && strspn(s, "0123456789+-.eE") == strlen(s) &&
                 isfinite(strtod(s, &end)) && *end == '\0';
    int formula = !number && strchr("=+-@\t\r", *s) && *s;
    if (!formula && !strpbrk(s, ",\"\n\r")) {
        fputs(s, o);
        return;
    }
    fputc('"', o);
    if (formula)
        fputc('\'', o);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', o);
        fputc(*s, o);
    }
    fputc('"', o);
}

void cs_format_yuan(char *out, size_t cap, int64_t fen, char group)
{
    /* Unsigned magnitude: -INT64_MIN does not fit in int64. */
    uint64_t mag = fen < 0 ? 0 - (uint64_t)fen : (uint64_t)fen;
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)(mag / 100));
    size_t o = 0;
    if (fen < 0 && o + 1 < cap)
        out[o++] = '-';
    for (int i = 0; i < len && o + 1 < cap; i++) {
        out[o++] = digits[i];
        if (group && (len - i - 1) % 3 == 0 && i != len - 1 && o + 1 < cap)
            out[o++] = group;
    }
    snprintf(out + o, cap - o, ".%02u", (unsigned)(mag % 100));
}

static void money(FILE *out, int64_t fen)
{
    char buf[48];
    cs_format_yuan(buf, sizeof buf, fen, 0);
    fputs(buf, out);
}

/* The platform model's columns of one row, after the contract's (sep
 * between values; JSON gets quoted names). */
static void platform_values(FILE *o, const cs_day_row *w, int json)
{
    const char *sep = json ? ", " : ",";
#define NAME(n) (json ? "\"" n "\": " : "")
    fprintf(o, "%s%s%lld%s%s%lld%s%s%.3f", sep, NAME("new_users"), (long long)w->new_users, sep,
            NAME("churned"), (long long)w->churned, sep, NAME("minutes_per_dau"),
            w->minutes_per_dau);
    fprintf(o, "%s%s%lld%s%s%lld%s%s%lld%s%s%lld%s%s%lld%s%s%lld", sep, NAME("group_members"),
            (long long)w->group_members, sep, NAME("circle_members"),
            (long long)w->circle_members, sep, NAME("groups"), (long long)w->groups, sep,
            NAME("circles"), (long long)w->circles, sep, NAME("circles_closed"),
            (long long)w->circles_closed, sep, NAME("notes"), (long long)w->notes);
    fprintf(o, "%s%s%.6f%s%s%lld", sep, NAME("spam_share"), w->spam_share, sep,
            NAME("repurchases"), (long long)w->repurchases);
    for (int c = 0; c < CS_CH_COUNT; c++) {
        if (json)
            fprintf(o, "%s\"gmv_%s\": ", sep, cs_channel_names[c]);
        else
            fputs(sep, o);
        money(o, w->gmv_channel_fen[c]);
    }
    fprintf(o, "%s%s", sep, NAME("spend"));
    money(o, w->spend_fen);
    fprintf(o, "%s%s%.6f", sep, NAME("mean_trust"), w->mean_trust);
#undef NAME
}

/* One row of timeseries.csv, without its line end. */
static void row_values(FILE *o, const cs_day_row *w, int platform)
{
    fprintf(o, "%lld,%lld,%lld,%lld,%lld,%lld,%lld,", (long long)w->day, (long long)w->users,
            (long long)w->dau, (long long)w->seeded, (long long)w->engaged, (long long)w->buyers,
            (long long)w->orders);
    money(o, w->gmv_fen);
    fputc(',', o);
    money(o, w->gmv_offsite_fen);
    if (platform)
        platform_values(o, w, 0);
}

void cs_output_row(FILE *o, const cs_day_row *w, int model)
{
    row_values(o, w, model == CS_MODEL_PLATFORM);
}

void cs_output_row_header(FILE *o, int model)
{
    fputs(cs_timeseries_header, o);
    if (model == CS_MODEL_PLATFORM)
        fprintf(o, ",%s", cs_platform_columns);
}

/* Each comma-separated name of list, prefixed. */
static void prefixed(FILE *o, const char *prefix, const char *list)
{
    for (const char *p = list; *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        fprintf(o, "%s%s%.*s", p == list ? "" : ",", prefix, (int)len, p);
        p += len + (end ? 1 : 0);
    }
}

void cs_output_result_header(FILE *o, int model)
{
    prefixed(o, "final_", cs_timeseries_header);
    if (model == CS_MODEL_PLATFORM) {
        fputc(',', o);
        prefixed(o, "final_", cs_platform_columns);
    }
    fputs(",total_orders,total_gmv,total_gmv_offsite,total_gmv_total", o);
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
                       int64_t *gmv_off)
{
    *last = (cs_day_row){0};
    *orders = *gmv = *gmv_off = 0;
    for (int64_t i = 0; i < r->day; i++) {
        *orders += r->rows[i].orders;
        *gmv += r->rows[i].gmv_fen;
        *gmv_off += r->rows[i].gmv_offsite_fen;
    }
    if (r->day > 0)
        *last = r->rows[r->day - 1];
}

void cs_output_result_values(FILE *o, const cs_run *r)
{
    cs_day_row last;
    int64_t orders, gmv, gmv_off;
    run_totals(r, &last, &orders, &gmv, &gmv_off);
    row_values(o, &last, r->base->model == CS_MODEL_PLATFORM);
    fprintf(o, ",%lld,", (long long)orders);
    money(o, gmv);
    fputc(',', o);
    money(o, gmv_off);
    fputc(',', o);
    money(o, gmv + gmv_off);
}

static int write_timeseries(int dirfd, const char *path, const cs_run *r, cs_diag *diag)
{
    cs_atomic_file f;
    int rc = cs_atomic_openat(&f, dirfd, "timeseries.csv", path, diag);
    if (rc)
        return rc;
    const int platform = r->sc->model == CS_MODEL_PLATFORM;
    fprintf(f.fp, "%s%s%s\n", cs_timeseries_header, platform ? "," : "",
            platform ? cs_platform_columns : "");
    for (int64_t i = 0; i < r->day; i++) {
        row_values(f.fp, &r->rows[i], platform);
        fputc('\n', f.fp);
    }
    return cs_atomic_commit(&f, diag);
}

/* A ratio or share as JSON: null when it cannot be computed. */
static void number(FILE *o, double x)
{
    if (isfinite(x))
        fprintf(o, "%.6g", x);
    else
        fputs("null", o);
}

/* Spend, GMV, ROI and ROAS of one brand and channel. */
static void channel_money(FILE *o, int64_t spend, int64_t gmv)
{
    fputs("{\"spend\": ", o);
    money(o, spend);
    fputs(", \"gmv\": ", o);
    money(o, gmv);
    fputs(", \"roi\": ", o);
    number(o, spend > 0 ? (double)(gmv - spend) / (double)spend : NAN);
    fputs(", \"roas\": ", o);
    number(o, spend > 0 ? (double)gmv / (double)spend : NAN);
    fputc('}', o);
}

static void write_platform_summary(FILE *o, const cs_run *r, const cs_scenario *sc)
{
    cs_facts f;
    cs_run_facts(r, &f);
    fputs("  \"stylized_facts\": {\"repurchase_ratio_group\": ", o);
    number(o, f.repurchase_ratio_group);
    fputs(", \"opens_ratio_group\": ", o);
    number(o, f.opens_ratio_group);
    fputs(", \"merchant_store_share\": ", o);
    number(o, f.merchant_store_share);
    fputs(", \"closed_loop_share\": ", o);
    number(o, f.closed_loop_share);
    fputs(", \"minutes_per_dau\": ", o);
    number(o, f.minutes_per_dau);
    fputs("},\n  \"targets\": {\"repurchase_ratio_group\": ", o);
    number(o, sc->targets_repurchase_ratio_group);
    fputs(", \"opens_ratio_group\": ", o);
    number(o, sc->targets_opens_ratio_group);
    fputs(", \"merchant_store_share\": ", o);
    number(o, sc->targets_merchant_store_share);
    fputs(", \"minutes_per_dau\": ", o);
    number(o, sc->targets_minutes_per_dau);
    fputs("},\n  \"gmv_by_tier\": {", o);
    for (int t = 0; t < CS_TIER_COUNT; t++) {
        fprintf(o, "%s\"%s\": ", t ? ", " : "", cs_tier_names[t]);
        money(o, f.gmv_tier_fen[t]);
    }
    fputs("},\n  \"brands\": {\n    \"brand\": {", o);
    int64_t spend = 0, gmv = 0;
    for (int c = 0; c < CS_CH_COUNT; c++) {
        fprintf(o, "%s\"%s\": ", c ? ", " : "", cs_channel_names[c]);
        channel_money(o, f.brand_spend_fen[c], f.brand_gmv_fen[c]);
        spend += f.brand_spend_fen[c];
        gmv += f.brand_gmv_fen[c];
    }
    fputs(", \"total\": ", o);
    channel_money(o, spend, gmv);
    fprintf(o, ", \"orders\": %lld", (long long)f.brand_orders);
    gmv = 0;
    fputs("},\n    \"other_merchants\": {", o);
    for (int c = 0; c < CS_CH_COUNT; c++) {
        fprintf(o, "%s\"%s\": {\"gmv\": ", c ? ", " : "", cs_channel_names[c]);
        money(o, f.other_gmv_fen[c]);
        fputc('}', o);
        gmv += f.other_gmv_fen[c];
    }
    fputs(", \"total\": ", o);
    channel_money(o, f.other_spend_fen, gmv);
    fputs("}\n  },\n", o);
    fprintf(o,
            "  \"community\": {\"notes\": %lld, \"spam_share\": ", (long long)f.notes);
    number(o, f.spam_share);
    fprintf(o,
            ", \"groups_active\": %lld, \"groups_closed\": %lld, \"circles_active\": %lld, "
            "\"circles_closed\": %lld, \"mean_trust\": ",
            (long long)f.groups_alive, (long long)f.groups_dead, (long long)f.circles_open,
            (long long)f.circles_closed);
    number(o, f.mean_trust);
    fprintf(o, ", \"merchants_active\": %lld, \"merchants_with_store\": %lld, "
               "\"membership_fees\": ",
            (long long)f.merchants_active, (long long)f.merchants_with_store);
    money(o, f.membership_fen);
    fputs("},\n", o);
}

static int write_summary(int dirfd, const char *path, const cs_run *r,
                         const cs_run_info *info, cs_diag *diag)
{
    const cs_scenario view = cs_run_scenario(r);
    const cs_scenario *sc = &view;
    char hash[72];
    int rc = cs_scenario_hash(sc, hash);
    if (rc)
        return rc;
    cs_atomic_file f;
    rc = cs_atomic_openat(&f, dirfd, "summary.json", path, diag);
    if (rc)
        return rc;
    FILE *o = f.fp;
    fprintf(o, "{\n  \"schema_version\": 1,\n");
    fprintf(o, "  \"program\": {\"name\": \"circlesim\", \"version\": \"%s\"},\n",
            CIRCLESIM_VERSION);
    fputs("  \"scenario\": {\"name\": ", o);
    cs_print_string(o, sc->name, strlen(sc->name));
    fprintf(o, ", \"model\": \"%s\", \"seed\": %lld, \"days\": %lld, \"hash\": \"%s\"},\n",
            cs_model_name(sc->model), (long long)sc->seed, (long long)sc->days, hash);
    fprintf(o, "  \"complete\": %s,\n", info->complete ? "true" : "false");

    cs_day_row last;
    int64_t orders, gmv, gmv_off;
    run_totals(r, &last, &orders, &gmv, &gmv_off);
    fprintf(o,
            "  \"final\": {\"day\": %lld, \"users\": %lld, \"dau\": %lld, \"seeded\": %lld, "
            "\"engaged\": %lld, \"buyers\": %lld, \"orders\": %lld, \"gmv\": ",
            (long long)last.day, (long long)last.users, (long long)last.dau,
            (long long)last.seeded, (long long)last.engaged, (long long)last.buyers,
            (long long)last.orders);
    money(o, last.gmv_fen);
    fputs(", \"gmv_offsite\": ", o);
    money(o, last.gmv_offsite_fen);
    if (sc->model == CS_MODEL_PLATFORM)
        platform_values(o, &last, 1);
    fprintf(o, "},\n  \"totals\": {\"orders\": %lld, \"gmv\": ", (long long)orders);
    money(o, gmv);
    fputs(", \"gmv_offsite\": ", o);
    money(o, gmv_off);
    fputs(", \"gmv_total\": ", o);
    money(o, gmv + gmv_off);
    fputs("},\n", o);
    fprintf(o,
            "  \"network\": {\"kind\": \"%s\", \"users\": %u, \"ties\": %llu, "
            "\"self_loops_dropped\": %llu, \"duplicates_dropped\": %llu},\n",
            cs_network_kind_name(sc->network_kind), r->net.n,
            (unsigned long long)r->net.edges,
            (unsigned long long)r->self_loops_dropped,
            (unsigned long long)r->duplicates_dropped);
    /* The platform model measures stylized facts; textbook models have none. */
    if (sc->model == CS_MODEL_PLATFORM)
        write_platform_summary(o, r, sc);
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
    return cs_atomic_commit(&f, diag);
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
