/* SPDX-License-Identifier: MIT */
/* progress.h - progress of a long command on stderr: a one-line bar on a
 * terminal; in a log (stderr not a terminal) a plain line now and then,
 * e.g. "circlesim: sweep: 40/120 runs (33%), 1m12s elapsed, about 2m24s
 * left"; nothing with --quiet. */
#ifndef CS_PROGRESS_H
#define CS_PROGRESS_H

#include <stdint.h>

typedef struct cs_progress {
    int enabled;        /* the bar: stderr is a terminal */
    int plain;          /* the lines: stderr is a log */
    const char *what;   /* the command, which heads each line ("sweep") */
    int64_t total;
    double start, last_draw; /* the bar's last drawing */
    double last_line;        /* the log's last line (the start before the first) */
    const char *unit;   /* "day" (default), "run" (the bar also shows runs per second), ... */
    int64_t first;      /* done before this session (a resumed sweep): not in the rate */
    double every;       /* a log's longest gap between lines, seconds */
    int64_t step;       /* the 5% steps done at the last line */
} cs_progress;

/* what: the command's name; total: the work in days (see cs_progress_runs
 * and cs_progress_unit for others). */
void cs_progress_start(cs_progress *p, const char *what, int64_t total, int quiet);
void cs_progress_update(cs_progress *p, int64_t done);
/* Counts runs instead of days, done of them already finished before. */
void cs_progress_runs(cs_progress *p, int64_t done);
/* Counts another unit (singular: "evaluation"), done already before. */
void cs_progress_unit(cs_progress *p, const char *unit, int64_t done);
void cs_progress_finish(cs_progress *p);

/* "circlesim: wrote PATH (name, name, ...)" on stderr unless quiet: the
 * names are those of files (fnmatch patterns, as cs_outdir_kind lists
 * them) found in the folder PATH, each pattern once; files NULL says PATH
 * is itself the file written. */
void cs_say_wrote(int quiet, const char *path, const char *const *files);

double cs_now(void); /* monotonic seconds */

#endif
