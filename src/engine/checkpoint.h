/* SPDX-License-Identifier: MIT */
/* checkpoint.h - a run's whole state on disk, to continue it later.
 *
 * A checkpoint holds the resolved scenario (its text and hash), the days
 * completed and their rows, the interventions, the network's ties and the
 * model's state (agents, communities, products, pending orders). Random
 * numbers need no saving: every draw comes from a stream derived from (seed,
 * purpose, day, agent), so a resumed run draws exactly what the
 * uninterrupted one would have, and its output is the same bytes.
 *
 * The file starts with a magic line, a format version and the circlesim
 * version that wrote it, and ends with the SHA-256 of everything before, so
 * a truncated or altered file is refused rather than half-loaded.
 */
#ifndef CIRCLESIM_CHECKPOINT_H
#define CIRCLESIM_CHECKPOINT_H

#include <stdint.h>

#include "circlesim/diag.h"
#include "engine/engine.h"
#include "scenario/scenario.h"

/* Raised whenever what a checkpoint holds changes shape (a model state's
 * layout included): 3 since the platform's stylized facts keep a window of
 * days. */
#define CS_CHECKPOINT_FORMAT 8
/* Where `run --checkpoint-every` keeps it, inside the output folder. */
#define CS_CHECKPOINT_DIR "checkpoint"
#define CS_CHECKPOINT_FILE "run.ckpt"

/* How the run was asked to go on, which a resumed run keeps. */
typedef struct cs_checkpoint_plan {
    int64_t every; /* days between checkpoints, >= 1 */
    int64_t detail; /* run --detail: also the per-community tables */
} cs_checkpoint_plan;

/* Write r's state to path atomically (a temporary renamed into place), with
 * the plan. Returns 0, CS_ERR_NOMEM or CS_ERR_RUNTIME (reported; an earlier
 * checkpoint at path is intact). */
int cs_checkpoint_save(const cs_run *r, const char *path, const cs_checkpoint_plan *plan,
                       cs_diag *diag);
/* The same as the file name in the folder open as dirfd (path: the file as
 * messages show it). */
int cs_checkpoint_save_at(const cs_run *r, int dirfd, const char *name, const char *path,
                          const cs_checkpoint_plan *plan, cs_diag *diag);

/* Load the checkpoint at path: *sc receives its scenario (free with
 * cs_scenario_free, after cs_run_free), *r the run as it stood, ready for
 * cs_run_step on `threads` threads, *plan the plan it was written with.
 * A file that is not a checkpoint, comes from another format or circlesim
 * version, is truncated or corrupted (checksum), holds values out of range,
 * or whose scenario no longer hashes as it did (an input file changed) is
 * refused with CS_ERR_INPUT, reported as "PATH: error: ...". Also
 * CS_ERR_NOMEM, CS_ERR_RUNTIME (cannot read). */
int cs_checkpoint_load(const char *path, cs_scenario *sc, cs_run *r, int threads,
                       cs_checkpoint_plan *plan, cs_diag *diag);
/* The same for the file name in the folder open as dirfd; a link there is
 * refused, never followed. */
int cs_checkpoint_load_at(int dirfd, const char *name, const char *path, cs_scenario *sc,
                          cs_run *r, int threads, cs_checkpoint_plan *plan, cs_diag *diag);

/* The same into a scenario and a run made on the heap, for the programs in
 * apps/: both are set whatever the outcome (NULL only when out of memory);
 * close the run with cs_run_close, then the scenario with
 * cs_scenario_close. */
int cs_checkpoint_open_at(int dirfd, const char *name, const char *path, cs_scenario **sc,
                          cs_run **r, int threads, cs_checkpoint_plan *plan, cs_diag *diag);

#endif
