/* SPDX-License-Identifier: MIT */
/* numfmt.c - the number formats of circlesim's files (numfmt.h). */
#include "base/numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cs_format_double(char *out, size_t cap, double x)
{
    /* Plain digits for everyday magnitudes (50, not 5e+01): a larger
     * precision drops the exponent once it covers the integer digits. */
    const int plain = fabs(x) >= 1e-4 && fabs(x) < 1e15;
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(out, cap, "%.*g", prec, x);
        if (strtod(out, NULL) == x && !(plain && strchr(out, 'e')))
            return;
    }
    snprintf(out, cap, "%.17g", x);
}

/* The digits of mag with group between thousands, after sign when it is
 * set; returns the characters written (out is terminated). */
static size_t grouped(char *out, size_t cap, int sign, uint64_t mag, char group)
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)mag);
    size_t o = 0;
    if (sign && o + 1 < cap)
        out[o++] = '-';
    for (int i = 0; i < len && o + 1 < cap; i++) {
        out[o++] = digits[i];
        if (group && (len - i - 1) % 3 == 0 && i != len - 1 && o + 1 < cap)
            out[o++] = group;
    }
    if (cap)
        out[o < cap ? o : cap - 1] = '\0';
    return o;
}

void cs_format_count(char *out, size_t cap, int64_t n, char group)
{
    /* Unsigned magnitude: -INT64_MIN does not fit in int64. */
    grouped(out, cap, n < 0, n < 0 ? 0 - (uint64_t)n : (uint64_t)n, group);
}

void cs_format_yuan(char *out, size_t cap, int64_t fen, char group)
{
    uint64_t mag = fen < 0 ? 0 - (uint64_t)fen : (uint64_t)fen;
    size_t o = grouped(out, cap, fen < 0, mag / 100, group);
    snprintf(out + o, cap - o, ".%02u", (unsigned)(mag % 100));
}
