/* SPDX-License-Identifier: MIT */
/* format.h - numbers for people: axis ticks and short labels. Pure C, no
 * SDL, so the rules are tested alone. */
#ifndef CS_FORMAT_H
#define CS_FORMAT_H

#include <stddef.h>

/* Short form of v for an axis or a bar: 950, 1.2k, 35k, 1.2M, 3.4B; small
 * numbers keep up to `digits` significant digits (0.25, 0.0031). Writes at
 * most n bytes; returns buf. */
char *cs_format_short(double v, int digits, char *buf, size_t n);

/* Ticks for an axis from lo to hi: "nice" steps (1, 2 or 5 times a power of
 * ten), at most max_ticks of them, the first at or above lo and the last at
 * or below hi; ticks holds max_ticks. Returns how many were written (at least 2 when
 * lo < hi, as lo and hi are widened to the enclosing steps when *lo_out and
 * *hi_out are given). */
int cs_nice_ticks(double lo, double hi, int max_ticks, double *ticks, double *lo_out,
                  double *hi_out);

#endif
