/* SPDX-License-Identifier: MIT */
/* numfmt.h - how circlesim writes numbers into files: one rule each for
 * parameter values (the shortest text that reads back exactly) and money
 * (yuan with two decimals, from integer fen). */
#ifndef CS_BASE_NUMFMT_H
#define CS_BASE_NUMFMT_H

#include <stddef.h>
#include <stdint.h>

/* Shortest decimal text that reads back as exactly x: "0.1", "1e-07", and
 * plain digits (no exponent) for 1e-4 <= |x| < 1e15 ("1000000", "50"). */
void cs_format_double(char *out, size_t cap, double x);

/* A whole number with group, when not 0, between thousands ("10 000"). */
void cs_format_count(char *out, size_t cap, int64_t n, char group);

/* fen as yuan with two decimals ("-1234.50"); group, when not 0, separates
 * thousands ("1,234.50"). */
void cs_format_yuan(char *out, size_t cap, int64_t fen, char group);

#endif
