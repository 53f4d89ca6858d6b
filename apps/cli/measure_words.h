/* SPDX-License-Identifier: MIT */
/* measure_words.h - how a field of a run's record (docs/EXPERIMENTS.md)
 * reads in a sentence or a picture's title, and its unit: what compare's
 * verdict and the experiments' plots call it. */
#ifndef CS_CLI_MEASURE_WORDS_H
#define CS_CLI_MEASURE_WORDS_H

#include <stddef.h>

#include "circlesim/diag.h"

/* The words for field name (the name itself when it has none); *money is
 * set when it is an amount of yuan. */
const char *cs_measure_words(const char *name, int *money);
/* Its unit: "yuan", "ratio", or the name without final_. */
const char *cs_measure_unit(const char *name);
/* Whether --metric name is one of the record's fields names[0..n) of a
 * model's run: 0, or -1 reported with the nearest name when one is within
 * two edits. */
int cs_measure_known(const char *name, char *const *names, size_t n, const char *model,
                     cs_diag *d);
/* v for a sentence: whole yuan with spaced thousands and " yuan" (money),
 * else three significant digits. */
void cs_measure_number(char *buf, size_t n, double v, int money);

#endif
