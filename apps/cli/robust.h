/* SPDX-License-Identifier: MIT */
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
 * arms[0 .. narms), into *keys (malloc'ed, NULL without --robust). Checks
 * --robust's number and every --pin (an assumption with a plausible
 * range, or a did-you-mean). Returns 0 or EXIT_USAGE (reported: a bad
 * number or pin, or nothing left to vary). */
int cs_robust_options(const options *o, const cs_scenario *const *arms, size_t narms,
                      size_t *worlds, int **keys, size_t *nkeys, cs_diag *d);

/* --pin KEY=VALUE holds KEY at VALUE: each such pin joins o's --set list
 * (KEY alone holds the scenario's value). Returns 0 or EXIT_USAGE
 * (reported: too many). Call before the scenarios are prepared. */
int cs_robust_pin_values(options *o, cs_diag *d);
/* The assumptions with a plausible range that the worlds hold: those an
 * arm's file or a --set (or --pin KEY=VALUE) gives, and those --pin
 * names, as "a, b" into *text (malloc'ed; "" when none). 0 or -1 when out
 * of memory. */
int cs_robust_held(const cs_scenario *const *arms, size_t narms, const options *o, char **text);

/* One verdict across the worlds: B against A on a measure, or a sweep's
 * highest variant against the next. */
typedef struct cs_robust_verdict {
    const char *metric;
    int sign;                 /* the verdict's own: +1 B raises it (or the variant leads), -1
                               * B lowers it, 0 none */
    int own_clear;            /* its interval in the scenario's own world is clear of 0 */
    int own_undefined;        /* B - A has no value in the scenario's own world */
    size_t worlds;            /* worlds with an effect */
    size_t holds, holds_sure; /* worlds with the verdict's sign; of them, interval clear of 0 */
    size_t flips_sure;        /* worlds of the other sign with the interval clear of 0 */
    double lo, hi;            /* the effect's range over the worlds */
    double *effect, *elo, *ehi; /* per world: B - A (or the lead) and its 95% interval */
    size_t *best;             /* variants: per world, the variant highest in it */
    cs_hinge *hinges;         /* nkeys, most telling first */
} cs_robust_verdict;

/* Judges measure m of r (two arms) against the verdict in the scenario's
 * own world (base: its B - A and interval). Returns 0 or CS_ERR_NOMEM.
 * Free with cs_robust_verdict_free. */
int cs_robust_judge(const cs_robust *r, size_t m, const char *metric, const cs_compared *base,
                    int64_t seed, cs_robust_verdict *v);
/* The same for r's variants: does `winner`, highest on measure m in the
 * scenario's own world (its lead there clear of 0 or not: own_clear),
 * stay highest? The effect is its paired lead over the next highest in
 * each world. */
int cs_robust_judge_variants(const cs_robust *r, size_t m, const char *metric, size_t winner,
                             int own_clear, int64_t seed, cs_robust_verdict *v);
void cs_robust_verdict_free(cs_robust_verdict *v);
/* "KEY (on METRIC)" for each assumption the verdict hinges on at 5% (a
 * verdict that flips in some world), into o (nothing when none), joined
 * to what o holds by "; ". */
void cs_robust_hinge_names(FILE *o, const cs_robust *r, const cs_robust_verdict *v, int *first);
/* Its lines for the terminal and the report; names: the variants' (NULL
 * for A and B), winner the variant judged. */
void cs_robust_lines(FILE *o, const cs_robust *r, const cs_robust_verdict *v,
                     const char *const *names, size_t winner);
/* robust.csv in the folder taken: a row per world, measure and arm (B
 * against A: a row per world and measure), the world's values of the keys
 * varied last. signs: each measure's verdict sign (two arms; names NULL).
 * Returns 0 or EXIT_RUNTIME. */
int cs_robust_write_csv(const cs_robust *r, const char *const *metrics, const int *signs,
                        const char *const *names, cs_diag *d);
/* How much a picture of v would tell, to choose the measure robust.png is
 * of (the first with the highest): a verdict that flips in some world and
 * hinges on an assumption at 5% most (its own-world verdict clear first),
 * then one that flips, then a size that depends on an assumption, then
 * any. */
int cs_robust_picture_worth(const cs_robust_verdict *v);
/* robust.png: the effect per world, with its interval, against the
 * assumptions the verdict hinges on most (at most 4 panels); *drawn set
 * when it was written (not without drawing, a verdict or a key). Returns
 * 0 or EXIT_RUNTIME. */
int cs_robust_picture(const cs_robust *r, const cs_robust_verdict *v, const char *what,
                      int *drawn, cs_diag *d);

#endif
