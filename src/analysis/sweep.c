/* SPDX-License-Identifier: MIT */
/* sweep.c - design points, replicate seeds and summary statistics. */
#include "analysis/sweep.h"

#include "circlesim/rng.h"
#include "base/numfmt.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int push(cs_vary *v, const char *s, size_t len)
{
    if (v->n >= CS_MAX_VARY_VALUES)
        return CS_ERR_INPUT;
    char **grown = realloc(v->values, (v->n + 1) * sizeof *grown);
    if (!grown)
        return CS_ERR_NOMEM;
    v->values = grown;
    char *c = malloc(len + 1);
    if (!c)
        return CS_ERR_NOMEM;
    memcpy(c, s, len);
    c[len] = '\0';
    v->values[v->n++] = c;
    return 0;
}

/* A number that is the whole of s[0..len). */
static int number(const char *s, size_t len, double *out)
{
    char buf[64];
    if (len == 0 || len >= sizeof buf)
        return 0;
    memcpy(buf, s, len);
    buf[len] = '\0';
    char *end;
    errno = 0;
    *out = strtod(buf, &end);
    return *end == '\0' && errno == 0 && isfinite(*out);
}

/* Digits after the point in a number as written; -1 for exponent forms. */
static int decimals(const char *s, size_t len)
{
    /* 5e-1 has 1 decimal, 1.25e-3 has 5: the mantissa's, less the exponent. */
    size_t mant = len;
    long exp = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] == 'e' || s[i] == 'E') {
            mant = i;
            exp = strtol(s + i + 1, NULL, 10);
            break;
        }
    const char *dot = memchr(s, '.', mant);
    long places = (dot ? (long)(mant - (size_t)(dot - s) - 1) : 0) - exp;
    return places < 0 ? 0 : places > 17 ? 17 : (int)places;
}

/* "LO:HI:STEP" -> values; 1 when text is such a range (reported if bad). */
static int range(cs_vary *v, const char *text, cs_diag *diag, int *rc)
{
    const char *c1 = strchr(text, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
    if (!c1 || !c2 || strchr(c2 + 1, ':') || strpbrk(text, "[]{},\"'"))
        return 0;
    double lo, hi, step;
    if (!number(text, (size_t)(c1 - text), &lo) || !number(c1 + 1, (size_t)(c2 - c1 - 1), &hi) ||
        !number(c2 + 1, strlen(c2 + 1), &step))
        return 0;
    *rc = CS_ERR_INPUT;
    if (!(step > 0) || hi < lo) {
        cs_diag_error(diag, "--vary %s: a range LO:HI:STEP needs LO <= HI and STEP > 0, found '%s'", v->key, text);
        return 1;
    }
    /* Counted, not accumulated: LO + i*STEP, so 0.1 steps do not drift. */
    double span = (hi - lo) / step, whole = floor(span + 1e-9);
    if (whole + 1 > CS_MAX_VARY_VALUES) {
        cs_diag_error(diag, "--vary %s: the range '%s' has more than %d values", v->key, text, CS_MAX_VARY_VALUES);
        return 1;
    }
    size_t count = (size_t)whole + 1;
    /* 0 + 3 * 0.1 is 0.30000000000000004: round to the decimals the user
     * wrote, so the values are the ones meant. */
    int places = decimals(text, (size_t)(c1 - text));
    int p2 = decimals(c2 + 1, strlen(c2 + 1));
    places = places < p2 ? p2 : places;
    char buf[40];
    for (size_t i = 0; i < count; i++) {
        double x = i + 1 == count && fabs(span - whole) <= 1e-9 ? hi : lo + (double)i * step;
        if (places >= 0 && places <= 15) {
            double scale = pow(10, places);
            x = round(x * scale) / scale;
        }
        cs_format_double(buf, sizeof buf, x);
        if ((*rc = push(v, buf, strlen(buf))) != 0)
            return 1;
    }
    *rc = 0;
    return 1;
}

int cs_vary_parse(const char *arg, cs_vary *v, cs_diag *diag)
{
    memset(v, 0, sizeof *v);
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg) {
        cs_diag_error(diag, "--vary expects KEY=VALUES, found '%s'", arg);
        return CS_ERR_INPUT;
    }
    v->key = malloc((size_t)(eq - arg) + 1);
    if (!v->key)
        return CS_ERR_NOMEM;
    memcpy(v->key, arg, (size_t)(eq - arg));
    v->key[eq - arg] = '\0';
    const char *text = eq + 1;
    int rc = 0;
    if (range(v, text, diag, &rc))
        return rc;
    /* A list: split at commas outside brackets, braces and quotes. */
    int depth = 0;
    char quote = 0;
    const char *start = text;
    for (const char *p = text;; p++) {
        char c = *p;
        if (quote) {
            if (c == quote)
                quote = 0;
            else if (c == '\0')
                break;
            continue;
        }
        if ((c == '"' || c == '\'') && p == start) /* a quoted value, not it's */
            quote = c;
        else if (c == '[' || c == '{')
            depth++;
        else if ((c == ']' || c == '}') && depth > 0)
            depth--;
        else if ((c == ',' && depth == 0) || c == '\0') {
            if (p == start) {
                cs_diag_error(diag, "--vary %s: an empty value in '%s'", v->key, text);
                return CS_ERR_INPUT;
            }
            if ((rc = push(v, start, (size_t)(p - start))) != 0) {
                if (rc == CS_ERR_INPUT)
                    cs_diag_error(diag, "--vary %s: more than %d values", v->key, CS_MAX_VARY_VALUES);
                return rc;
            }
            start = p + 1;
            if (c == '\0')
                break;
        }
    }
    if (quote || depth) {
        cs_diag_error(diag, "--vary %s: unbalanced %s in '%s'", v->key, quote ? "quote" : "bracket", text);
        return CS_ERR_INPUT;
    }
    return 0;
}

void cs_vary_free(cs_vary *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->values[i]);
    free(v->values);
    free(v->key);
    memset(v, 0, sizeof *v);
}

size_t cs_factorial_points(const cs_vary *v, size_t nv)
{
    size_t points = 1;
    for (size_t k = 0; k < nv; k++) {
        if (v[k].n == 0)
            return 0;
        if (points > SIZE_MAX / v[k].n)
            return SIZE_MAX;
        points *= v[k].n;
    }
    return points;
}

void cs_factorial_point(const cs_vary *v, size_t nv, size_t point, size_t *idx)
{
    for (size_t k = nv; k-- > 0;) {
        idx[k] = point % v[k].n;
        point /= v[k].n;
    }
}

int64_t cs_replicate_seed(int64_t base_seed, int64_t replicate)
{
    if (replicate == 0)
        return base_seed;
    /* splitmix64's finalizer over (seed, replicate): nearby seeds and
     * replicates land far apart. */
    uint64_t z = (uint64_t)base_seed * 0x9E3779B97F4A7C15u + (uint64_t)replicate;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    z ^= z >> 31;
    return (int64_t)(z >> 11); /* a scenario's seed is at most 2^53 - 1 */
}

/* Continued fraction of the incomplete beta function (modified Lentz). */
static double beta_cf(double a, double b, double x)
{
    const double tiny = 1e-300;
    double c = 1, d = 1 - (a + b) * x / (a + 1);
    d = fabs(d) < tiny ? tiny : d;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 500; m++) {
        double m2 = 2.0 * m, num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
        d = 1 + num * d;
        d = fabs(d) < tiny ? tiny : d;
        c = 1 + num / c;
        c = fabs(c) < tiny ? tiny : c;
        d = 1 / d;
        h *= d * c;
        num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
        d = 1 + num * d;
        d = fabs(d) < tiny ? tiny : d;
        c = 1 + num / c;
        c = fabs(c) < tiny ? tiny : c;
        d = 1 / d;
        double delta = d * c;
        h *= delta;
        if (fabs(delta - 1) < 1e-15)
            break;
    }
    return h;
}

/* Regularized incomplete beta I_x(a, b). */
static double beta_reg(double a, double b, double x)
{
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    double front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x));
    if (x < (a + 1) / (a + b + 2))
        return front * beta_cf(a, b, x) / a;
    return 1 - front * beta_cf(b, a, 1 - x) / b;
}

double cs_student_t975(double df)
{
    /* A summary asks for the same df again and again; each answer costs a
     * bisection. One remembered answer per thread. */
    static _Thread_local double last_df = -1, last_t;
    if (df == last_df)
        return last_t;
    /* P(T <= t) = 1 - I_{df/(df+t^2)}(df/2, 1/2) / 2 for t > 0; bisection
     * on t, which the CDF's monotony makes safe. */
    double lo = 0, hi = 1e3;
    for (int i = 0; i < 200; i++) {
        double t = (lo + hi) / 2;
        double p = 1 - 0.5 * beta_reg(df / 2, 0.5, df / (df + t * t));
        if (p < 0.975)
            lo = t;
        else
            hi = t;
    }
    last_df = df;
    last_t = (lo + hi) / 2;
    return last_t;
}

void cs_stats_of(const double *x, size_t n, cs_stats *s)
{
    s->n = n;
    s->mean = s->sd = s->ci_lo = s->ci_hi = NAN;
    if (n == 0)
        return;
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += x[i];
    s->mean = sum / (double)n;
    if (n < 2)
        return;
    /* Two passes: the squared deviations from the mean, not sum of squares
     * minus square of sums, which cancels badly for large GMV figures. */
    double ss = 0;
    for (size_t i = 0; i < n; i++)
        ss += (x[i] - s->mean) * (x[i] - s->mean);
    s->sd = sqrt(ss / (double)(n - 1));
    double half = cs_student_t975((double)(n - 1)) * s->sd / sqrt((double)n);
    s->ci_lo = s->mean - half;
    s->ci_hi = s->mean + half;
}

int cs_latin_hypercube(size_t n, size_t k, int64_t seed, double *u)
{
    uint32_t *perm = malloc((n ? n : 1) * sizeof *perm);
    if (!perm)
        return CS_ERR_NOMEM;
    for (size_t j = 0; j < k; j++) {
        cs_pcg32 r = cs_rng_stream((uint64_t)seed, CS_STREAM_DESIGN, 0, j);
        for (size_t i = 0; i < n; i++)
            perm[i] = (uint32_t)i;
        for (size_t i = n; i > 1; i--) { /* Fisher-Yates */
            uint32_t t = cs_pcg32_bounded(&r, (uint32_t)i);
            uint32_t x = perm[i - 1];
            perm[i - 1] = perm[t];
            perm[t] = x;
        }
        for (size_t p = 0; p < n; p++) {
            double off = cs_pcg32_double(&r);
            off = off > 0 ? off : 0.5; /* strictly inside the stratum */
            u[p * k + j] = ((double)perm[p] + off) / (double)n;
        }
    }
    free(perm);
    return 0;
}
