/* SPDX-License-Identifier: MIT */
/* output.h - the files of a run's output folder (README.md: Output files). */
#ifndef CIRCLESIM_OUTPUT_H
#define CIRCLESIM_OUTPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "circlesim/diag.h"
#include "engine/engine.h"
#include "base/outdir.h"
#include "scenario/targets.h"

/* What a run keeps in its folder (for cs_outdir_open): summary.json marks
 * it, the checkpoint folder too. */
extern const cs_outdir_kind cs_run_kind;

/* One row of timeseries.csv (no line end), and its header, for a model. */
void cs_output_row(FILE *o, const cs_day_row *w, int model);
void cs_output_row_header(FILE *o, int model);

/* A finished run as one CSV record: the last row's columns prefixed final_
 * (as summary.json's "final"), then total_orders, total_gmv,
 * total_gmv_offsite, total_gmv_total (its "totals"). Header for a model,
 * values for a run; no line ends. */
void cs_output_result_header(FILE *o, int model);
void cs_output_result_values(FILE *o, const cs_run *r);
/* The metrics of such a record: its names after final_day, NULL-terminated,
 * *n of them, in one allocation (one free); NULL when out of memory. */
char **cs_output_metric_names(int model, size_t *n);

typedef struct cs_run_info {
    int complete;
    int detail;       /* also the per-circle, group, product and user tables */
    double wall_seconds;
    char started[32]; /* ISO 8601, UTC */
    uint64_t memory_estimate; /* cs_memory_estimate, bytes */
    int64_t resumed_from_day; /* this part of the run began there (0: from the start) */
} cs_run_info;

/* summary.json's text (malloc'ed; NULL when out of memory). */
char *cs_output_summary(const cs_run *r, const cs_run_info *info);
/* timeseries.csv's text for days 1 .. r->day (malloc'ed; NULL when out
 * of memory). */
char *cs_output_timeseries(const cs_run *r);
/* timeseries.csv, scenario.yaml and summary.json (last, so a folder whose
 * summary says complete has every other file). Each written atomically. */
int cs_output_write(const cs_outdir *out, const cs_run *r, const cs_run_info *info,
                    cs_diag *diag);

#endif
