/* SPDX-License-Identifier: MIT */
/* progress.c - progress bar for long runs; silent when stderr is not a
 * terminal (logs and CI stay clean) or with --quiet. */
#include "progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

double cs_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void cs_progress_start(cs_progress *p, int64_t total, int quiet)
{
    p->enabled = !quiet && isatty(STDERR_FILENO);
    p->total = total > 0 ? total : 1;
    p->start = cs_now();
    p->last_draw = 0;
    p->unit = "day";
    p->first = 0;
}

void cs_progress_runs(cs_progress *p, int64_t done)
{
    p->unit = "run";
    p->first = done;
}

void cs_progress_update(cs_progress *p, int64_t done)
{
    if (!p->enabled)
        return;
    double now = cs_now();
    /* Redrawing more than ten times a second costs time and shows nothing. */
    if (done < p->total && now - p->last_draw < 0.1)
        return;
    p->last_draw = now;
    enum { WIDTH = 30 };
    int filled = (int)(WIDTH * done / p->total);
    char bar[WIDTH + 1];
    for (int i = 0; i < WIDTH; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[WIDTH] = '\0';
    double elapsed = now - p->start;
    int64_t here = done - p->first; /* what this session did sets the pace */
    double left = here > 0 ? elapsed * (double)(p->total - done) / (double)here : 0;
    if (p->unit[0] == 'r')
        fprintf(stderr, "\r[%s] run %lld/%lld  %.2f runs/s  %.1fs elapsed, %.1fs left ", bar,
                (long long)done, (long long)p->total, elapsed > 0 ? (double)here / elapsed : 0,
                elapsed, left);
    else
        fprintf(stderr, "\r[%s] day %lld/%lld  %.1fs elapsed, %.1fs left ", bar, (long long)done,
                (long long)p->total, elapsed, left);
    fflush(stderr);
}

void cs_progress_finish(cs_progress *p)
{
    if (p->enabled) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
}
