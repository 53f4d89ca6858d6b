/* SPDX-License-Identifier: MIT */
/* taskfarm.c - the experiments' task farm (taskfarm.h). */
#include "analysis/taskfarm.h"

#include <omp.h>
#include <stdlib.h>

static int stopped(const cs_taskfarm_job *job)
{
    return job->stop && *job->stop;
}

static const void *payload_of(const cs_taskfarm_job *job, size_t i, size_t *len)
{
    *len = 0;
    return job->payload ? job->payload(job->ctx, i, len) : NULL;
}

static size_t run_here(const cs_taskfarm_job *job)
{
    size_t ran = 0;
    /* Each task's own threads inside the jobs' (libgomp allows one level
     * unless told); the caller's setting comes back after. */
    const int levels = omp_get_max_active_levels();
    omp_set_max_active_levels(2);
    /* A lock of its own, not a named critical section: a name would be a
     * global symbol of the shared library, shared with any program that
     * happened to use the same one. */
    omp_lock_t done_lock;
    omp_init_lock(&done_lock);
#pragma omp parallel for schedule(dynamic, 1) num_threads(job->jobs > 0 ? job->jobs : 1)
    for (size_t i = 0; i < job->ntasks; i++) {
        if (stopped(job) || (job->skip && job->skip(job->ctx, i)))
            continue;
        size_t plen = 0, len = 0;
        const void *payload = payload_of(job, i, &plen);
        void *out = NULL;
        int status = job->run(job->ctx, i, payload, plen, &out, &len);
        omp_set_lock(&done_lock);
        ran += status != CS_TASK_UNFINISHED;
        job->done(job->ctx, i, status, out, len);
        omp_unset_lock(&done_lock);
    }
    omp_destroy_lock(&done_lock);
    omp_set_max_active_levels(levels);
    return ran;
}

/* The next task from i on that needs a run, or ntasks. */
static size_t next_task(const cs_taskfarm_job *job, size_t i)
{
    while (i < job->ntasks && job->skip && job->skip(job->ctx, i))
        i++;
    return i;
}

size_t cs_taskfarm_run(const cs_taskfarm_job *job, const cs_taskfarm_transport *t)
{
    if (!t || t->workers < 1)
        return run_here(job);
    size_t next = next_task(job, 0), ran = 0;
    int busy = 0;
    for (int w = 1; w <= t->workers && next < job->ntasks && !stopped(job); w++) {
        size_t plen;
        const void *p = payload_of(job, next, &plen);
        t->send_task(w, (int64_t)next, p, plen);
        next = next_task(job, next + 1);
        busy++;
    }
    while (busy > 0) {
        int w, status;
        int64_t i;
        void *bytes;
        size_t len;
        t->recv_result(&w, &i, &status, &bytes, &len);
        busy--;
        if (i >= 0 && (size_t)i < job->ntasks) {
            ran += status != CS_TASK_UNFINISHED;
            job->done(job->ctx, (size_t)i, status, bytes, len);
        } else {
            free(bytes);
        }
        if (next < job->ntasks && !stopped(job)) {
            size_t plen;
            const void *p = payload_of(job, next, &plen);
            t->send_task(w, (int64_t)next, p, plen);
            next = next_task(job, next + 1);
            busy++;
        }
    }
    return ran;
}

void cs_taskfarm_serve(const cs_taskfarm_job *job, const cs_taskfarm_transport *t)
{
    const int levels = omp_get_max_active_levels();
    omp_set_max_active_levels(2);
    for (;;) {
        void *payload = NULL;
        size_t plen = 0;
        int64_t i = t->recv_task(&payload, &plen);
        if (i < 0) {
            free(payload);
            omp_set_max_active_levels(levels);
            return;
        }
        void *out = NULL;
        size_t len = 0;
        int status = (size_t)i < job->ntasks
                         ? job->run(job->ctx, (size_t)i, payload, plen, &out, &len)
                         : CS_TASK_UNFINISHED;
        t->send_result(i, status, out, len);
        free(out);
        free(payload);
    }
}

void cs_taskfarm_release(const cs_taskfarm_transport *t)
{
    for (int w = 1; t && w <= t->workers; w++)
        t->send_task(w, -1, NULL, 0);
}
