/* SPDX-License-Identifier: MIT */
/* format.c - axis ticks and short numbers. */
#include "draw/format.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* 1.50 reads as 1.5 and 1.0 as 1 (not in exponent notation). */
static void trim_zeros(char *buf)
{
    char *dot = strchr(buf, '.');
    if (!dot || strpbrk(buf, "eE"))
        return;
    char *end = buf + strlen(buf) - 1;
    while (end > dot && *end == '0')
        *end-- = '\0';
    if (end == dot)
        *end = '\0';
}

char *cs_format_short(double v, int digits, char *buf, size_t n)
{
    static const struct {
        double scale;
        const char *suffix;
    } units[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}};
    if (!isfinite(v)) {
        snprintf(buf, n, "%s", isnan(v) ? "n/a" : v > 0 ? "inf" : "-inf");
        return buf;
    }
    double a = fabs(v);
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        /* 999 950 shows as 1M, not 1000k. */
        if (a >= units[i].scale * 0.99995) {
            double x = v / units[i].scale;
            double ax = fabs(x);
            int decimals = ax >= 100 ? 0 : ax >= 10 ? (digits > 2 ? 1 : 0) : digits > 1 ? 1 : 0;
            snprintf(buf, n, "%.*f", decimals, x);
            trim_zeros(buf);
            strncat(buf, units[i].suffix, n - strlen(buf) - 1);
            return buf;
        }
    if (a >= 1 || a == 0) {
        int decimals = a >= 100 || a == floor(a) ? 0 : a >= 10 ? 1 : 2;
        snprintf(buf, n, "%.*f", decimals, v);
    } else {
        snprintf(buf, n, "%.*g", digits > 0 ? digits : 1, v);
    }
    trim_zeros(buf);
    if (strcmp(buf, "-0") == 0)
        snprintf(buf, n, "0");
    return buf;
}

/* The smallest step of 1, 2 or 5 x 10^e giving at most max_ticks ticks over
 * range; *m and *e receive its digits. */
static double nice_step(double range, int max_ticks, int *m, int *e)
{
    double raw = range / (max_ticks > 1 ? max_ticks - 1 : 1);
    *e = (int)floor(log10(raw));
    double p = pow(10, *e);
    static const int mult[] = {1, 2, 5, 10};
    for (int i = 0; i < 4; i++)
        if (mult[i] * p >= raw * (1 - 1e-9)) {
            *m = mult[i];
            break;
        }
    if (*m == 10) {
        *m = 1;
        ++*e;
    }
    return *e >= 0 ? *m * pow(10, *e) : *m / pow(10, -*e);
}

/* k steps of m x 10^e, as the decimal number it names (0.6, not
 * 0.6000000000000001). */
static double tick_value(int64_t k, int m, int e)
{
    return e >= 0 ? (double)(k * m) * pow(10, e) : (double)(k * m) / pow(10, -e);
}

int cs_nice_ticks(double lo, double hi, int max_ticks, double *ticks, double *lo_out,
                  double *hi_out)
{
    if (max_ticks < 2)
        max_ticks = 2;
    if (!(hi > lo)) {
        /* A flat series: show a range around it. */
        double pad = lo != 0 ? fabs(lo) * 0.5 : 1;
        lo -= pad;
        hi += pad;
        if (lo < 0 && lo + pad >= 0)
            lo = 0;
    }
    int m = 1, e = 0;
    double step = nice_step(hi - lo, max_ticks, &m, &e);
    int64_t first = (int64_t)ceil(lo / step - 1e-9), last = (int64_t)floor(hi / step + 1e-9);
    if (lo_out && hi_out) {
        /* Widen to the enclosing ticks, so the data sits inside labels. */
        for (;;) {
            first = (int64_t)floor(lo / step + 1e-9);
            last = (int64_t)ceil(hi / step - 1e-9);
            if (last - first + 1 <= max_ticks)
                break;
            step = nice_step(step * 2 * (max_ticks - 1), max_ticks, &m, &e);
        }
        *lo_out = tick_value(first, m, e);
        *hi_out = tick_value(last, m, e);
    }
    int n = 0;
    for (int64_t k = first; k <= last && n < max_ticks; k++)
        ticks[n++] = tick_value(k, m, e);
    return n;
}
