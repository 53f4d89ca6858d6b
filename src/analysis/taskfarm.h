/* SPDX-License-Identifier: MIT */
/* taskfarm.h - one protocol for every experiment's runs: many independent
 * tasks, each a function of its index (and, where the tasks are made on
 * the way, a payload), run on J jobs at once here or handed to other
 * processes (MPI ranks) through a transport.
 *
 * Results come back to the calling process in the order tasks finish, each
 * with its index, so a caller that writes them in task order writes the
 * same bytes for any number of jobs or ranks. Under a transport every
 * process runs the same program on the same inputs: rank 0 calls
 * cs_taskfarm_run (as often as it likes), the others cs_taskfarm_serve
 * until rank 0 calls cs_taskfarm_release.
 *
 * Messages of the protocol: a task is (index, payload); index -1 tells a
 * worker to stop. A result is (index, status, bytes). Rank 0 sends each
 * worker a task, and the next one whenever a result comes back, so long
 * tasks leave no worker idle.
 */
#ifndef CS_ANALYSIS_TASKFARM_H
#define CS_ANALYSIS_TASKFARM_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

/* A task's status: done, or its inputs were not valid (both with a result),
 * or it did not finish (stopped, out of memory). */
enum { CS_TASK_DONE = 0, CS_TASK_INVALID = 1, CS_TASK_UNFINISHED = -1 };

typedef struct cs_taskfarm_job {
    size_t ntasks;
    int jobs;                      /* tasks at once in this process */
    /* Runs task i (payload as payload() gave it, or NULL); *out receives a
     * malloc'ed result of *len bytes (or NULL). Returns a CS_TASK_ status.
     * Called from several threads at once. */
    int (*run)(void *ctx, size_t i, const void *payload, size_t plen, void **out, size_t *len);
    /* Takes task i's result (and its bytes, to free), on the calling
     * process, one call at a time. Tasks that never ran (skipped, or
     * stopped before they started) get no call. */
    void (*done)(void *ctx, size_t i, int status, void *bytes, size_t len);
    /* Optional: task i needs no run (done before: a resumed sweep). */
    int (*skip)(void *ctx, size_t i);
    /* Optional: task i's payload, for tasks the workers cannot make from
     * the index alone; called from several threads at once, and valid
     * until cs_taskfarm_run returns. */
    const void *(*payload)(void *ctx, size_t i, size_t *len);
    void *ctx;
    volatile sig_atomic_t *stop;   /* set: no task starts any more (NULL: never) */
} cs_taskfarm_job;

/* How tasks reach other processes (implemented by the program that links
 * MPI; the library itself never does). */
typedef struct cs_taskfarm_transport {
    int rank;                      /* this process: 0 hands out the tasks */
    int workers;                   /* processes besides rank 0 */
    void (*send_task)(int worker, int64_t i, const void *payload, size_t len);
    /* The next result from any worker (bytes malloc'ed). */
    void (*recv_result)(int *worker, int64_t *i, int *status, void **bytes, size_t *len);
    /* A worker's next task (-1: stop); payload malloc'ed. */
    int64_t (*recv_task)(void **payload, size_t *len);
    void (*send_result)(int64_t i, int status, const void *bytes, size_t len);
} cs_taskfarm_transport;

/* Runs every task (t NULL or without workers: here, on job->jobs threads).
 * Returns how many tasks ran to CS_TASK_DONE or CS_TASK_INVALID. */
size_t cs_taskfarm_run(const cs_taskfarm_job *job, const cs_taskfarm_transport *t);
/* A worker: runs the tasks rank 0 sends until told to stop. */
void cs_taskfarm_serve(const cs_taskfarm_job *job, const cs_taskfarm_transport *t);
/* Rank 0: tells every worker to stop (after the last cs_taskfarm_run, or
 * instead of any when the experiment cannot start). */
void cs_taskfarm_release(const cs_taskfarm_transport *t);

#endif
