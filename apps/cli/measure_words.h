/* measure_words.h - how a field of a run's record (docs/EXPERIMENTS.md)
 * reads in a sentence or a picture's title, and its unit: what compare's
 * verdict and the experiments' plots call it. */
#ifndef CS_CLI_MEASURE_WORDS_H
#define CS_CLI_MEASURE_WORDS_H

/* The words for field name (the name itself when it has none); *money is
 * set when it is an amount of yuan. */
const char *cs_measure_words(const char *name, int *money);
/* Its unit: "yuan", "ratio", or the name without final_. */
const char *cs_measure_unit(const char *name);

#endif
