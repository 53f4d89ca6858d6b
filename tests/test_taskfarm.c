/* SPDX-License-Identifier: MIT */
/* test_taskfarm.c - the task farm every experiment's runs go through: the
 * same results whatever the number of jobs, skipped tasks never run, a
 * stop starts nothing more, payloads reach the run, and the protocol rank 0
 * speaks to workers (driven here by an in-process transport whose workers
 * answer in a scrambled order) gives every task's result exactly once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <omp.h>

#include "analysis/taskfarm.h"

enum { N = 97 };

typedef struct state {
    int64_t result[N];
    int calls[N];
    int skip_every;            /* skip tasks i % skip_every == 0 (0: none) */
    volatile sig_atomic_t stop;
    int stop_after;            /* set stop once this many are done (0: never) */
    int done;
    int use_payload;
} state;

/* A result that depends on the task alone (and on its payload when one is
 * given): i^2 + 7, or the payload's number times 3. */
static int run(void *ctx, size_t i, const void *payload, size_t plen, void **out, size_t *len)
{
    const state *s = ctx;
    int64_t v = (int64_t)(i * i + 7);
    if (s->use_payload) {
        assert_int_equal(plen, sizeof(int64_t));
        memcpy(&v, payload, sizeof v);
        v *= 3;
    }
    int64_t *r = malloc(sizeof *r);
    assert_non_null(r);
    *r = v;
    *out = r;
    *len = sizeof *r;
    return i % 5 == 4 ? CS_TASK_INVALID : CS_TASK_DONE;
}

static void done(void *ctx, size_t i, int status, void *bytes, size_t len)
{
    state *s = ctx;
    assert_int_equal(len, sizeof(int64_t));
    assert_int_equal(status, i % 5 == 4 ? CS_TASK_INVALID : CS_TASK_DONE);
    memcpy(&s->result[i], bytes, sizeof(int64_t));
    s->calls[i]++;
    free(bytes);
    if (s->stop_after && ++s->done >= s->stop_after)
        s->stop = 1;
}

static int skipped(void *ctx, size_t i)
{
    const state *s = ctx;
    return s->skip_every && i % (size_t)s->skip_every == 0;
}

static int64_t payloads[N];

static const void *payload(void *ctx, size_t i, size_t *len)
{
    (void)ctx;
    *len = sizeof payloads[i];
    return &payloads[i];
}

static cs_taskfarm_job job_for(state *s, int jobs)
{
    return (cs_taskfarm_job){.ntasks = N, .jobs = jobs, .run = run, .done = done,
                             .skip = skipped, .payload = s->use_payload ? payload : NULL,
                             .ctx = s, .stop = &s->stop};
}

static void test_jobs_do_not_matter(void **st)
{
    (void)st;
    state one = {0}, four = {0};
    cs_taskfarm_job a = job_for(&one, 1), b = job_for(&four, 4);
    omp_set_max_active_levels(1);
    assert_int_equal(cs_taskfarm_run(&a, NULL), N);
    assert_int_equal(cs_taskfarm_run(&b, NULL), N);
    assert_int_equal(omp_get_max_active_levels(), 1); /* the caller's, back */
    for (size_t i = 0; i < N; i++) {
        assert_int_equal(one.calls[i], 1);
        assert_int_equal(four.calls[i], 1);
        assert_int_equal(one.result[i], (int64_t)(i * i + 7));
        assert_int_equal(four.result[i], one.result[i]);
    }
}

static void test_skip_and_stop(void **st)
{
    (void)st;
    state s = {.skip_every = 3};
    cs_taskfarm_job j = job_for(&s, 2);
    size_t ran = cs_taskfarm_run(&j, NULL);
    size_t want = 0;
    for (size_t i = 0; i < N; i++) {
        assert_int_equal(s.calls[i], i % 3 == 0 ? 0 : 1);
        want += i % 3 != 0;
    }
    assert_int_equal(ran, want);
    /* One job: after 10 results nothing more starts. */
    state t = {.stop_after = 10};
    j = job_for(&t, 1);
    assert_int_equal(cs_taskfarm_run(&j, NULL), 10);
}

/* ---- an in-process transport: queued tasks, answered out of order ---- */

typedef struct pending {
    int worker;
    int64_t i;
    void *payload;
    size_t len;
} pending;

static pending queue[N + 8];
static size_t queued;
static const cs_taskfarm_job *serving;
static uint32_t scramble = 12345;
static int stops_sent;

static void fake_send_task(int worker, int64_t i, const void *p, size_t len)
{
    if (i < 0) {
        stops_sent++;
        return;
    }
    pending *q = &queue[queued++];
    *q = (pending){worker, i, NULL, len};
    if (len) {
        q->payload = malloc(len);
        memcpy(q->payload, p, len);
    }
}

/* A worker answers: a pseudo-random one of those waiting. */
static void fake_recv_result(int *worker, int64_t *i, int *status, void **bytes, size_t *len)
{
    assert_true(queued > 0);
    scramble = scramble * 1103515245u + 12345u;
    size_t k = (scramble >> 8) % queued;
    pending q = queue[k];
    queue[k] = queue[--queued];
    *worker = q.worker;
    *i = q.i;
    *bytes = NULL;
    *len = 0;
    *status = serving->run(serving->ctx, (size_t)q.i, q.payload, q.len, bytes, len);
    free(q.payload);
}

static void test_protocol(void **st)
{
    (void)st;
    for (size_t i = 0; i < N; i++)
        payloads[i] = (int64_t)i * 11 - 40;
    for (int workers = 1; workers <= 5; workers += 2) {
        state s = {.skip_every = 7, .use_payload = 1};
        cs_taskfarm_job j = job_for(&s, 1);
        serving = &j;
        cs_taskfarm_transport t = {.rank = 0, .workers = workers, .send_task = fake_send_task,
                                   .recv_result = fake_recv_result};
        queued = 0;
        cs_taskfarm_run(&j, &t);
        assert_int_equal(queued, 0);
        for (size_t i = 0; i < N; i++) {
            assert_int_equal(s.calls[i], i % 7 == 0 ? 0 : 1);
            if (i % 7)
                assert_int_equal(s.result[i], payloads[i] * 3);
        }
        stops_sent = 0;
        cs_taskfarm_release(&t);
        assert_int_equal(stops_sent, workers);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jobs_do_not_matter),
        cmocka_unit_test(test_skip_and_stop),
        cmocka_unit_test(test_protocol),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
