/* SPDX-License-Identifier: MIT */
/* progress.c - progress of long commands: a bar on a terminal, redrawn in
 * place; plain lines in a log, few enough to read (a line each 5% of the
 * work or each 30 s, whichever comes first, never two within 3 s, none for
 * work done within that); nothing with --quiet. */
#include "progress.h"

#include <dirent.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

double cs_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* A log's longest gap between two lines, in seconds: 30, or
 * CIRCLESIM_PROGRESS_SECONDS (README: "Progress in a log"); 0 gives a line
 * at every 5% step, which is how a test sees lines of a short sweep. */
static double log_every(void)
{
    const char *s = getenv("CIRCLESIM_PROGRESS_SECONDS");
    if (s && *s) {
        char *end;
        double v = strtod(s, &end);
        if (*end == '\0' && v >= 0 && v <= 86400)
            return v;
    }
    return 30;
}

void cs_progress_start(cs_progress *p, const char *what, int64_t total, int quiet)
{
    int tty = isatty(STDERR_FILENO);
    p->enabled = !quiet && tty;
    p->plain = !quiet && !tty;
    p->what = what;
    p->total = total > 0 ? total : 1;
    p->start = cs_now();
    p->last_draw = 0;
    p->last_line = p->start;
    p->unit = "day";
    p->first = 0;
    p->every = log_every();
    p->step = 0;
}

void cs_progress_unit(cs_progress *p, const char *unit, int64_t done)
{
    p->unit = unit;
    p->first = done;
    /* A resumed sweep's first line comes at its next step, not at once. */
    p->step = done * 20 / p->total;
}

void cs_progress_runs(cs_progress *p, int64_t done)
{
    cs_progress_unit(p, "run", done);
}

/* 75 s as "1m15s": a log is read by people. */
static void span(char *out, size_t cap, double s)
{
    long long t = (long long)(s + 0.5);
    if (t < 60)
        snprintf(out, cap, "%llds", t);
    else if (t < 3600)
        snprintf(out, cap, "%lldm%02llds", t / 60, t % 60);
    else
        snprintf(out, cap, "%lldh%02lldm", t / 3600, t / 60 % 60);
}

static void line(cs_progress *p, int64_t done, double now)
{
    int64_t step = done * 20 / p->total;
    /* A line for each 5% step or after `every` seconds without one; never
     * two within a tenth of that (3 s), so short work says nothing and
     * quick steps do not flood the log; the last step is left to the
     * command's own final line. */
    if (done >= p->total || now - p->last_line < p->every / 10 ||
        (step <= p->step && (p->every <= 0 || now - p->last_line < p->every)))
        return;
    p->step = step;
    p->last_line = now;
    double elapsed = now - p->start;
    int64_t here = done - p->first; /* what this session did sets the pace */
    char took[32], left[32];
    span(took, sizeof took, elapsed);
    fprintf(stderr, "circlesim: %s: %lld/%lld %ss (%d%%), %s elapsed", p->what, (long long)done,
            (long long)p->total, p->unit, (int)(100 * done / p->total), took);
    if (here > 0) {
        span(left, sizeof left, elapsed * (double)(p->total - done) / (double)here);
        fprintf(stderr, ", about %s left", left);
    }
    fputc('\n', stderr);
    fflush(stderr);
}

void cs_progress_update(cs_progress *p, int64_t done)
{
    if (p->plain)
        line(p, done, cs_now());
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

void cs_say_wrote(int quiet, const char *path, const char *const *files)
{
    if (quiet)
        return;
    if (!files) {
        fprintf(stderr, "circlesim: wrote %s\n", path);
        return;
    }
    DIR *dir = opendir(path);
    fprintf(stderr, "circlesim: wrote %s", path);
    size_t named = 0;
    /* In the kind's order (the main result first); a pattern such as
     * plot-*.png is named once, as the pattern. */
    for (size_t i = 0; dir && files[i]; i++) {
        rewinddir(dir);
        for (struct dirent *e; (e = readdir(dir));)
            if (fnmatch(files[i], e->d_name, FNM_PERIOD) == 0) {
                fprintf(stderr, "%s%s", named++ ? ", " : " (", files[i]);
                break;
            }
    }
    fputs(named ? ")\n" : "\n", stderr);
    fflush(stderr);
    if (dir)
        closedir(dir);
}
