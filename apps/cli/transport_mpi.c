/* SPDX-License-Identifier: MIT */
/* transport_mpi.c - the task farm's messages over MPI (transport.h).
 * A task: int64 index (-1: stop), then the payload. A result: int64 index,
 * int64 status, then the bytes. Every process of the job calls the same
 * command; rank 0 writes every file. */
#include "cli/transport.h"

#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/options.h"

enum { TAG_TASK = 31, TAG_RESULT = 32 };

static void out_of_memory(void)
{
    fprintf(stderr, "%s: error: out of memory\n", cs_program);
    MPI_Abort(MPI_COMM_WORLD, 1);
}

/* head (n int64) then len bytes, sent as one message. */
static void send_message(int to, int tag, const int64_t *head, int n, const void *bytes,
                         size_t len)
{
    size_t hlen = (size_t)n * sizeof *head;
    char *msg = malloc(hlen + len + 1);
    if (!msg)
        out_of_memory();
    memcpy(msg, head, hlen);
    if (len)
        memcpy(msg + hlen, bytes, len);
    MPI_Send(msg, (int)(hlen + len), MPI_BYTE, to, tag, MPI_COMM_WORLD);
    free(msg);
}

/* The next message with tag from `from` (MPI_ANY_SOURCE for any): its n
 * int64 head, its bytes (malloc'ed, NULL when none) and sender. */
static void recv_message(int from, int tag, int64_t *head, int n, void **bytes, size_t *len,
                         int *sender)
{
    MPI_Status st;
    MPI_Probe(from, tag, MPI_COMM_WORLD, &st);
    int count;
    MPI_Get_count(&st, MPI_BYTE, &count);
    char *msg = malloc((size_t)count + 1);
    if (!msg)
        out_of_memory();
    MPI_Recv(msg, count, MPI_BYTE, st.MPI_SOURCE, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    size_t hlen = (size_t)n * sizeof *head;
    memcpy(head, msg, hlen);
    *len = (size_t)count - hlen;
    *bytes = NULL;
    if (*len) {
        *bytes = malloc(*len);
        if (!*bytes)
            out_of_memory();
        memcpy(*bytes, msg + hlen, *len);
    }
    free(msg);
    if (sender)
        *sender = st.MPI_SOURCE;
}

static void send_task(int worker, int64_t i, const void *payload, size_t len)
{
    send_message(worker, TAG_TASK, &i, 1, payload, len);
}

static void recv_result(int *worker, int64_t *i, int *status, void **bytes, size_t *len)
{
    int64_t head[2];
    recv_message(MPI_ANY_SOURCE, TAG_RESULT, head, 2, bytes, len, worker);
    *i = head[0];
    *status = (int)head[1];
}

static int64_t recv_task(void **payload, size_t *len)
{
    int64_t i;
    recv_message(0, TAG_TASK, &i, 1, payload, len, NULL);
    return i;
}

static void send_result(int64_t i, int status, const void *bytes, size_t len)
{
    int64_t head[2] = {i, status};
    send_message(0, TAG_RESULT, head, 2, bytes, len);
}

const cs_taskfarm_transport *cs_transport(void)
{
    static cs_taskfarm_transport t;
    static int made;
    if (!made) {
        int size;
        MPI_Comm_rank(MPI_COMM_WORLD, &t.rank);
        MPI_Comm_size(MPI_COMM_WORLD, &size);
        t.workers = size - 1;
        t.send_task = send_task;
        t.recv_result = recv_result;
        t.recv_task = recv_task;
        t.send_result = send_result;
        made = 1;
    }
    return &t;
}

int cs_transport_agree(int code)
{
    int worst = code;
    MPI_Allreduce(&code, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    return worst;
}

/* Rank 0 reads the scenario file; every rank runs its bytes. */
int cs_source_read_everywhere(cs_source *src, const char *path, cs_diag *d)
{
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    int code = rank == 0 ? cs_exit_code(cs_source_read(src, path, d)) : 0;
    long long len = code ? -1 : (long long)src->len;
    MPI_Bcast(&len, 1, MPI_LONG_LONG, 0, MPI_COMM_WORLD);
    if (len < 0)
        return code ? code : EXIT_USAGE;
    if (rank != 0) {
        /* Names and folders as rank 0's: the file's path is the same on
         * every node (docs/DISTRIBUTED.md). */
        cs_source here;
        cs_diag own; /* a rank that cannot see the file says so itself */
        cs_diag_init(&own, stderr);
        if (cs_source_read(&here, path, &own) == 0) {
            free(here.text);
            here.text = NULL;
        }
        *src = here;
        src->text = malloc((size_t)len + 1);
        src->len = (size_t)len;
        if (!src->text)
            return EXIT_RUNTIME;
    }
    MPI_Bcast(src->text, (int)len, MPI_BYTE, 0, MPI_COMM_WORLD);
    if (rank != 0 && !src->name)
        return EXIT_USAGE;
    return 0;
}
