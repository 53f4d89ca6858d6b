/* SPDX-License-Identifier: MIT */
/* progress.h - a one-line progress bar on stderr, only on a terminal. */
#ifndef CS_PROGRESS_H
#define CS_PROGRESS_H

#include <stdint.h>

typedef struct cs_progress {
    int enabled;
    int64_t total;
    double start, last_draw;
    const char *unit;   /* "day" (default) or "run", which also shows runs per second */
    int64_t first;      /* done before this session (a resumed sweep): not in the rate */
} cs_progress;

void cs_progress_start(cs_progress *p, int64_t total, int quiet);
void cs_progress_update(cs_progress *p, int64_t done);
/* Counts runs instead of days, done of them already finished before. */
void cs_progress_runs(cs_progress *p, int64_t done);
void cs_progress_finish(cs_progress *p);

double cs_now(void); /* monotonic seconds */

#endif
