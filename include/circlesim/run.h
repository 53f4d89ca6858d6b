/* SPDX-License-Identifier: MIT */
/* run.h - a run of a scenario, day by day: open it, step it, read its rows
 * (the columns of timeseries.csv) and its facts (what summary.json
 * reports beyond them), change a lever on the way, write its folder.
 *
 *     cs_run *r = cs_run_open(sc, 0, &d);
 *     while (r && cs_run_day(r) < cs_run_days(r))
 *         if (cs_run_step(r)) break;
 *     double row[64];
 *     size_t n = cs_run_row(r, cs_run_day(r), row, 64);   last day's values
 *
 * The same scenario and seed give the same rows, bytes and facts whatever
 * the thread count.
 */
#ifndef CIRCLESIM_PUBLIC_RUN_H
#define CIRCLESIM_PUBLIC_RUN_H

#include "circlesim/api.h"

#include <stddef.h>
#include <stdint.h>

#include "circlesim/diag.h"
#include "circlesim/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cs_run cs_run;

/* A run of sc, which must be validated and stay open (unchanged) until
 * the run is closed; threads 0 takes every core. Builds the network and
 * the model's world (warm-up included). NULL on failure, reported; a run
 * whose memory estimate is more than the memory available now is refused
 * before anything is built. */
CS_API cs_run *cs_run_open(cs_scenario *sc, int threads, cs_diag *diag);
CS_API void cs_run_close(cs_run *r);

/* Simulates the next day. 0 (also once every day is done), or
 * CS_ERR_NOMEM. */
CS_API int cs_run_step(cs_run *r);
/* Days simulated so far, and days the scenario runs. */
CS_API int64_t cs_run_day(const cs_run *r);
CS_API int64_t cs_run_days(const cs_run *r);

/* The columns of the run's timeseries.csv: how many, and the i-th's name
 * (NULL past the end). */
CS_API size_t cs_run_column_count(const cs_run *r);
CS_API const char *cs_run_column_name(const cs_run *r, size_t i);
/* Day `day`'s row (1 .. cs_run_day) into values[0 .. cap), as the file
 * shows it (money in yuan, rounded as written). Returns the number of
 * columns, or 0 for a day not simulated yet. */
CS_API size_t cs_run_row(const cs_run *r, int64_t day, double *values, size_t cap);

/* The run's facts so far (the platform model's stylized facts, over the
 * 30 days up to the last day simulated, and brand outcomes; none for the
 * textbook models): how many, the i-th's name, and its value (NaN where it
 * cannot be computed yet). */
CS_API size_t cs_run_fact_count(const cs_run *r);
CS_API const char *cs_run_fact_name(const cs_run *r, size_t i);
CS_API double cs_run_fact(const cs_run *r, size_t i);

/* Lever `key` takes `value` from the next day on, as an intervention the
 * run's scenario.yaml records (a lever the run's model does not read is
 * recorded with a warning: it changes nothing). 0, CS_ERR_INPUT (not a
 * lever, out of range, between fen for money, the run is over, or too many
 * lever settings; reported) or CS_ERR_NOMEM. */
CS_API int cs_run_set_lever(cs_run *r, const char *key, double value, cs_diag *diag);

/* The run's summary.json as text (malloc'ed; NULL when out of memory):
 * totals, the last day, the model's facts, brands and community, as the
 * folder's file holds them (its "run" line says what this process knows:
 * no wall time). */
CS_API char *cs_run_summary(const cs_run *r);

/* The run's timeseries.csv as text, days 1 .. cs_run_day (malloc'ed;
 * NULL when out of memory): the same bytes the folder's file holds. */
CS_API char *cs_run_timeseries(const cs_run *r);

/* The run's folder as `circlesim run --out dir` writes it (scenario.yaml,
 * timeseries.csv, summary.json): dir is made if missing and locked while
 * written. A folder holding an earlier run has that run's files replaced
 * (anything else in it stays); a folder holding other entries and no run
 * is refused (CS_ERR_INPUT), as is one another process holds. */
CS_API int cs_run_write(const cs_run *r, const char *dir, cs_diag *diag);

#ifdef __cplusplus
}
#endif

#endif
