/* SPDX-License-Identifier: MIT */
/* robust.h - does a verdict survive what the model assumes? The same
 * paired comparison rerun in worlds drawn from the plausible ranges of the
 * assumed parameters (a Latin hypercube; scenario/plausible.c), and which
 * assumptions separate the worlds where it holds from those where it
 * flips.
 *
 * A world holds the verdict when B - A has the sign it has in the
 * scenario's own world. An assumption the verdict hinges on is one whose
 * value orders B - A across the worlds better than chance (Spearman's rho),
 * tested by permutation with Westfall and Young's max-T, so that the
 * p-value counts every key tried: among ~100 assumptions some correlate
 * by chance (with 24 worlds, |rho| near 0.5). Where some worlds hold and
 * some flip, the threshold of the key that best splits them is found too.
 */
#ifndef CS_ANALYSIS_ROBUST_H
#define CS_ANALYSIS_ROBUST_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/compare.h"
#include "scenario/scenario.h"

/* Permutations: the smallest p-value one can show is 1/2001. */
enum { CS_ROBUST_PERMUTATIONS = 2000 };

/* The keys a robustness check varies for arms[0 .. narms), as parameter
 * indices into keys[0 .. cap): every key with a plausible range that the
 * arms' model reads, that no arm's file or --set gave (the user's own
 * statement of the world), that is not in pins (KEY or KEY=VALUE), and that acts in every
 * arm (not inert, cs_param_inert_reason). Returns how many. */
size_t cs_robust_keys(const cs_scenario *const *arms, size_t narms, const char *const *pins,
                      size_t npins, int *keys, size_t cap);

/* What one assumption does to the verdict. */
typedef struct cs_hinge {
    size_t key;          /* index into the keys given */
    int split;           /* some worlds hold, some flip */
    double separation;   /* split: |2 AUC - 1| of its values, holding against flipping worlds */
    double rho;          /* Spearman's rho of the key's value and B - A: the ranking */
    double p;            /* max-T permutation p-value, adjusted for every key tried */
    double threshold;    /* split: the value that best splits holding from flipping worlds
                          * (NaN: none sorts more worlds right than the majority alone) */
    int holds_below;     /* split: the verdict holds below the threshold (else above) */
    size_t explained;    /* split: worlds that threshold sorts right */
} cs_hinge;

/* The hinges of the keys x[w * nkeys + k] (world w's value of key k) on
 * effect[w] (B - A in world w; NaN: not counted), against the verdict's
 * sign base_sign (+1 or -1), into out[0 .. nkeys), most telling first.
 * The permutations draw from seed. Returns 0 or CS_ERR_NOMEM. */
int cs_robust_hinges(size_t nworlds, size_t nkeys, const double *x, const double *effect,
                     int base_sign, int64_t seed, cs_hinge *out);

/* ---- the worlds' runs (robust_runs.c) ---- */

/* Every world's paired comparison on the measures asked for. */
typedef struct cs_robust {
    size_t worlds, sides, nkeys, nmetrics;
    const int *keys;     /* the caller's: parameter indices */
    char **value;        /* worlds x nkeys: each world's values as set */
    double *x;           /* the same as numbers */
    cs_compared *st;     /* worlds x nmetrics x (sides - 1): side s against side 0, at
                          * [(w * nmetrics + m) * (sides - 1) + s - 1] */
    double *runs;        /* every run's value: [((w * nmetrics + m) * sides + s) * R + r] */
    size_t replicates;   /* R */
    size_t *pairs;       /* per world: replicates where every arm's run finished */
} cs_robust;

/* Draws `worlds` worlds of keys[0 .. nkeys) from their plausible ranges (a
 * Latin hypercube from seed) into out, with room for nmetrics measures,
 * and checks every world's scenarios (spec's arms with spec's sets, then
 * the world's values) before any run. Returns 0, CS_ERR_INPUT (a world's
 * scenario is invalid; reported) or CS_ERR_NOMEM. Free with
 * cs_robust_clear whatever it returns. */
int cs_robust_prepare(const cs_compare_spec *spec, const int *keys, size_t nkeys, size_t worlds,
                      int64_t seed, size_t nmetrics, cs_robust *out);
/* Runs spec's comparison in each world prepared (common random numbers
 * within a world) and keeps the statistics of metrics[0 .. nmetrics) (the
 * record's fields). spec->progress, if any, counts every run of every
 * world. Returns 0 or CS_ERR_NOMEM; a stop, or a run that fails, leaves
 * its world's pairs below the replicates. */
int cs_robust_run(const cs_compare_spec *spec, int model, const char *const *metrics,
                  cs_robust *out);
void cs_robust_clear(cs_robust *r);

#endif
