/* farm.c - the runs behind `calibrate` and `optimize`, side by side.
 * Every task's result depends only on its assignments and seed, so the
 * answers are the same for any number of jobs or ranks. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "cli/farm.h"

#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/progress.h"
#ifdef CS_MPI
#include <mpi.h>
#endif

const char *const cs_objective_names[CS_OBJ_COUNT] = {"buyers", "gmv", "brand_gmv"};

void cs_farm_objective(const cs_run *r, double *out, void *ctx)
{
    const int objective = *(const int *)ctx;
    cs_facts facts;
    const int have = cs_run_facts(r, &facts) == 0; /* the platform's, once */
    int64_t fen = 0;
    if (r->day == 0)
        out[0] = NAN;
    else if (objective == CS_OBJ_BUYERS)
        out[0] = (double)r->rows[r->day - 1].buyers;
    else if (objective == CS_OBJ_GMV) {
        for (int64_t t = 0; t < r->day; t++)
            fen += r->rows[t].gmv_fen + r->rows[t].gmv_offsite_fen;
        out[0] = (double)fen / 100.0;
    } else {
        for (int c = 0; have && c < CS_CH_COUNT; c++)
            fen += facts.brand_gmv_fen[c];
        out[0] = have ? (double)fen / 100.0 : NAN;
    }
    for (int c = 0; c < CS_CH_COUNT; c++)
        out[1 + c] = have ? (double)facts.brand_spend_fen[c] / 100.0 : NAN;
}

cs_farm_task *cs_farm_tasks(const cs_farm *f, size_t n)
{
    size_t k = f->nvalues ? f->nvalues : 1;
    cs_farm_task *t = calloc(1, n * sizeof *t + n * k * sizeof(double) + 1);
    if (!t)
        return NULL;
    double *v = (double *)(t + n);
    for (size_t i = 0; i < n; i++)
        t[i].values = v + i * k;
    return t;
}

int cs_farm_scenario(const cs_farm *f, const char *sets, int64_t seed, cs_scenario *sc,
                     cs_diag *d)
{
    int code = cs_prepare_scenario_from(sc, f->src, f->o, d);
    if (code)
        return code;
    for (const char *s = sets; s && *s;) {
        const char *end = strchr(s, '\n');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        char *one = strndup(s, len);
        int rc = one ? cs_scenario_set(sc, one, d) : CS_ERR_NOMEM;
        free(one);
        if (rc)
            return rc == CS_ERR_NOMEM ? EXIT_RUNTIME : EXIT_USAGE;
        s = end ? end + 1 : s + len;
    }
    char set[96];
    snprintf(set, sizeof set, "seed=%lld", (long long)seed);
    if (cs_scenario_set(sc, set, d) != 0)
        return EXIT_USAGE;
    snprintf(set, sizeof set, "world_seed=%lld", (long long)f->world_seed);
    if ((f->fix_world && cs_scenario_set(sc, set, d) != 0) || cs_scenario_validate(sc, d) != 0)
        return EXIT_USAGE;
    return 0;
}

/* One task: status as cs_farm_task says. */
static int one_run(const cs_farm *f, const char *sets, int64_t seed, double *values)
{
    cs_diag quiet;
    cs_diag_init_muted(&quiet);
    cs_scenario sc;
    if (cs_farm_scenario(f, sets, seed, &sc, &quiet) != 0) {
        cs_scenario_free(&sc);
        return 1;
    }
    cs_run r;
    int status = -1;
    if (cs_run_init_batch(&r, &sc, f->threads, &quiet) == 0) {
        int ok = 1;
        while (ok && r.day < sc.days && !cs_stop_signal)
            ok = cs_run_step(&r) == 0;
        if (ok && r.day == sc.days) {
            f->measure(&r, values, f->measure_ctx);
            status = 0;
        }
    }
    cs_run_free(&r);
    cs_scenario_free(&sc);
    return status;
}

#ifdef CS_MPI
/* A task: int64 index (-1: stop), int64 seed, then the assignments. An
 * answer: int64 index, int64 status, then the nvalues measures. */
enum { TAG_TASK = 21, TAG_ANSWER = 22 };

static void out_of_memory(void)
{
    fprintf(stderr, "%s: error: out of memory\n", cs_program);
    MPI_Abort(MPI_COMM_WORLD, 1);
}

static void send_task(int rank, int64_t index, int64_t seed, const char *sets)
{
    size_t len = sets ? strlen(sets) : 0;
    char *msg = malloc(2 * sizeof(int64_t) + len);
    if (!msg)
        out_of_memory();
    memcpy(msg, &index, sizeof index);
    memcpy(msg + sizeof index, &seed, sizeof seed);
    if (len)
        memcpy(msg + 2 * sizeof index, sets, len);
    MPI_Send(msg, (int)(2 * sizeof index + len), MPI_BYTE, rank, TAG_TASK, MPI_COMM_WORLD);
    free(msg);
}

void cs_farm_serve(cs_farm *f)
{
    for (;;) {
        MPI_Status st;
        MPI_Probe(0, TAG_TASK, MPI_COMM_WORLD, &st);
        int count;
        MPI_Get_count(&st, MPI_BYTE, &count);
        char *msg = malloc((size_t)count + 1);
        if (!msg)
            out_of_memory();
        MPI_Recv(msg, count, MPI_BYTE, 0, TAG_TASK, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        msg[count] = '\0';
        int64_t index, seed;
        memcpy(&index, msg, sizeof index);
        memcpy(&seed, msg + sizeof index, sizeof seed);
        if (index < 0) {
            free(msg);
            break;
        }
        double *answer = malloc((2 + f->nvalues) * sizeof *answer);
        if (!answer)
            out_of_memory();
        for (size_t k = 0; k < f->nvalues; k++)
            answer[2 + k] = NAN;
        int status = one_run(f, msg + 2 * sizeof index, seed, answer + 2);
        if (status < 0 && !cs_stop_signal)
            fprintf(stderr, "%s: error: a run (seed %lld) did not finish (out of memory?)\n",
                    cs_program, (long long)seed);
        int64_t head[2] = {index, status};
        memcpy(answer, head, sizeof head);
        MPI_Send(answer, (int)((2 + f->nvalues) * sizeof *answer), MPI_BYTE, 0, TAG_ANSWER,
                 MPI_COMM_WORLD);
        free(answer);
        free(msg);
    }
}

void cs_farm_release(void)
{
    int size;
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    for (int k = 1; k < size; k++)
        send_task(k, -1, 0, NULL);
}
#endif

int cs_farm_run(cs_farm *f, cs_farm_task *t, size_t n)
{
    double start = cs_now();
#ifdef CS_MPI
    int size;
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    size_t next = 0, busy = 0;
    for (int k = 1; k < size && next < n; k++, busy++, next++)
        send_task(k, (int64_t)next, t[next].seed, t[next].sets);
    double *answer = malloc((2 + f->nvalues) * sizeof *answer);
    if (!answer)
        out_of_memory();
    while (busy > 0) {
        MPI_Status st;
        MPI_Recv(answer, (int)((2 + f->nvalues) * sizeof *answer), MPI_BYTE, MPI_ANY_SOURCE,
                 TAG_ANSWER, MPI_COMM_WORLD, &st);
        busy--;
        int64_t head[2];
        memcpy(head, answer, sizeof head);
        cs_farm_task *done = &t[head[0]];
        done->status = (int)head[1];
        memcpy(done->values, answer + 2, f->nvalues * sizeof *answer);
        if (next < n && !cs_stop_signal) {
            send_task(st.MPI_SOURCE, (int64_t)next, t[next].seed, t[next].sets);
            next++;
            busy++;
        }
    }
    free(answer);
    for (; next < n; next++)
        t[next].status = -1;
#else
    omp_set_max_active_levels(2); /* each run's --threads inside the jobs */
#pragma omp parallel for schedule(dynamic, 1) num_threads(f->jobs)
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < f->nvalues; k++)
            t[i].values[k] = NAN;
        t[i].status = cs_stop_signal ? -1 : one_run(f, t[i].sets, t[i].seed, t[i].values);
    }
#endif
    f->runs += n;
    f->seconds += cs_now() - start;
    for (size_t i = 0; i < n; i++)
        if (t[i].status < 0)
            return -1;
    return 0;
}
