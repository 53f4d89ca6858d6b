/* SPDX-License-Identifier: MIT */
/* words.h - the window's own words (titles, legends, the funnel's stages,
 * the header) in the lesson's language: the lessons give their texts in
 * several languages, and a Chinese class should not read English around
 * them. English is the key; a word without a translation stays English. */
#ifndef CS_WORDS_H
#define CS_WORDS_H

#include <stddef.h>

/* en in lang ("zh", "zh-Hant" ...: Chinese; NULL or anything else: en
 * itself). A format string keeps its conversions, in the same order. */
const char *cs_words(const char *lang, const char *en);
/* A network kind (enum cs_network_kind) in plain English words: "small
 * world", "scale-free" (then through cs_words for the lesson's language). */
const char *cs_network_words(int kind);
/* The table, for its tests: how many pairs, and pair i. */
size_t cs_words_count(void);
void cs_words_pair(size_t i, const char **en, const char **chinese);

#endif
