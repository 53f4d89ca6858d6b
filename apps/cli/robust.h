/* robust.h - `--robust N` and `--pin KEY` of compare and sweep: which
 * assumptions the worlds vary, what each verdict does across them (the
 * share of worlds where it holds, the effect's range, the assumptions it
 * hinges on), as lines, robust.csv and robust.png. */
#ifndef CS_CLI_ROBUST_H
#define CS_CLI_ROBUST_H

#include <stdio.h>

#include "analysis/robust.h"
#include "cli/options.h"

/* The worlds asked for (0 without --robust) and the keys they vary for
 * arms a and b, into *keys (malloc'ed, NULL without --robust). Checks
 * --robust's number and every --pin (an assumption with a plausible
 * range, or a did-you-mean). Returns 0 or EXIT_USAGE (reported: a bad
 * number or pin, or nothing left to vary). */
int cs_robust_options(const options *o, const cs_scenario *a, const cs_scenario *b,
                      size_t *worlds, int **keys, size_t *nkeys, cs_diag *d);

/* One measure's verdict across the worlds. */
typedef struct cs_robust_verdict {
    const char *metric;
    int sign;                 /* the verdict's own: +1 B raises it, -1 lowers it, 0 none */
    size_t worlds;            /* worlds with an effect */
    size_t holds, holds_sure; /* worlds with the verdict's sign; of them, interval clear of 0 */
    size_t flips_sure;        /* worlds of the other sign with the interval clear of 0 */
    double lo, hi;            /* the effect's range over the worlds */
    cs_hinge *hinges;         /* nkeys, most telling first (malloc'ed) */
} cs_robust_verdict;

/* Judges measure m of r against the verdict's own B - A (base). Returns 0
 * or CS_ERR_NOMEM. Free hinges with free(). */
int cs_robust_judge(const cs_robust *r, size_t m, const char *metric, double base,
                    int64_t seed, cs_robust_verdict *v);
/* Its lines for the terminal and the report. */
void cs_robust_lines(FILE *o, const cs_robust *r, const cs_robust_verdict *v);
/* robust.csv in the folder taken: a row per world and measure, the
 * world's values of the keys varied last. Returns 0 or EXIT_RUNTIME. */
int cs_robust_write_csv(const cs_robust *r, const char *const *metrics, const int *signs,
                        cs_diag *d);
/* robust.png: B - A per world, with its interval, against the assumptions
 * the first verdict hinges on most (at most 4 panels). Returns 0 or
 * EXIT_RUNTIME; nothing without drawing. */
int cs_robust_picture(const cs_robust *r, const cs_robust_verdict *v, size_t m, cs_diag *d);

#endif
