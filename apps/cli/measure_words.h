/* measure_words.h - how a field of a run's record (docs/EXPERIMENTS.md)
 * reads in a sentence or a picture's title, and its unit: what compare's
 * verdict and the experiments' plots call it. */
#ifndef CS_CLI_MEASURE_WORDS_H
#define CS_CLI_MEASURE_WORDS_H

#include <stddef.h>

/* The words for field name (the name itself when it has none); *money is
 * set when it is an amount of yuan. */
const char *cs_measure_words(const char *name, int *money);
/* Its unit: "yuan", "ratio", or the name without final_. */
const char *cs_measure_unit(const char *name);
/* "; did you mean 'x'?" for the nearest of names[0..n) to name (within two
 * edits), or "" into out. */
void cs_measure_suggest(const char *name, char *const *names, size_t n, char *out, size_t cap);

#endif
