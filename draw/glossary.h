/* SPDX-License-Identifier: MIT */
/* glossary.h - the words the window shows, explained for a class: each
 * funnel stage, "paid elsewhere", the roles, the communities, the
 * festivals. In English and Chinese; the window draws them on key g and a
 * lesson's handout ends with them. */
#ifndef CS_GLOSSARY_H
#define CS_GLOSSARY_H

#include <stddef.h>

/* How many entries there are. */
size_t cs_glossary_count(void);
/* Entry i's term and meaning in lang ("zh": Chinese; anything else,
 * English); 0, or -1 past the end. */
int cs_glossary_entry(size_t i, const char *lang, const char **term, const char **meaning);

#endif
