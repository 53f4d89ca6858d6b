/* SPDX-License-Identifier: MIT */
/* scenario.c - loads, overrides, validates and writes back scenarios,
 * driven entirely by the parameter table in params.c. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "scenario/scenario.h"
#include "scenario/scenario_struct.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fileio.h"
#include "base/hash.h"
#include "scenario/scenario_int.h"
#include "scenario/yaml_tree.h"
#include "base/json_out.h"
#include "base/numfmt.h"
#include "base/quote.h"

/* Where a value being assigned came from, for messages. */
typedef struct where {
    const char *file; /* scenario file name; NULL for --set */
    const char *setkey;
    const char *base_dir; /* relative paths resolve against this */
    int *seen_line;       /* file pass: line where each key was given, 0 if not yet */
    int first_error;      /* diag->errors when the pass began */
} where;

/* A hostile file can hold thousands of wrong keys; a person reads the first
 * screenful. */
#define MAX_ERRORS_PER_FILE 50

static void report(cs_diag *d, const where *w, const cs_ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void report(cs_diag *d, const where *w, const cs_ynode *n, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (w->file) {
        cs_diag_at(d, w->file, n ? n->line : 0, n ? n->col : 0, "%s", msg);
        return;
    }
    /* "<set> bass.q: error: bass.q: ..." would say the key twice. */
    const char *m = msg;
    size_t kl = strlen(w->setkey);
    if (strncmp(m, w->setkey, kl) == 0 && m[kl] == ':' && m[kl + 1] == ' ')
        m += kl + 2;
    cs_diag_set(d, w->setkey, "%s", m);
}

static void *field(const cs_scenario *sc, const cs_param *p)
{
    return (char *)sc + p->offset;
}

void cs_scenario_report(cs_diag *d, const char *file, const char *setkey, const cs_ynode *n,
                        const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    where w = {file, setkey, NULL, NULL, 0};
    report(d, &w, n, "%s", msg);
}

int cs_whole_fen(double yuan)
{
    /* Relative slack: 19.99 * 100 is 1998.9999999999998 in binary. */
    double fen = yuan * 100.0;
    return fabs(fen - nearbyint(fen)) <= 1e-6 * (fen > 1 ? fen : 1);
}

void cs_print_value(FILE *out, const cs_scenario *sc, size_t i, int json)
{
    const cs_param *p = cs_param_at(i);
    void *f = field(sc, p);
    char buf[64];
    switch (p->type) {
    case CS_T_INT:
        fprintf(out, "%lld", (long long)*(int64_t *)f);
        break;
    case CS_T_FLOAT:
        cs_format_double(buf, sizeof buf, *(double *)f);
        fputs(buf, out);
        break;
    case CS_T_BOOL:
        fputs(*(int *)f ? "true" : "false", out);
        break;
    case CS_T_STRING:
    case CS_T_PATH: {
        const char *s = *(char **)f;
        cs_print_string(out, s, strlen(s));
        break;
    }
    case CS_T_ENUM:
        cs_choice_name(p->choices, *(int *)f, buf, sizeof buf);
        fprintf(out, json ? "\"%s\"" : "%s", buf);
        break;
    case CS_T_INT_LIST: {
        const cs_int_list *l = f;
        fputc('[', out);
        for (size_t k = 0; k < l->n; k++)
            fprintf(out, "%s%lld", k ? ", " : "", (long long)l->v[k]);
        fputc(']', out);
        break;
    }
    }
}

/* ---- converting YAML values ------------------------------------------ */

static int is_null(const cs_ynode *n)
{
    return cs_ynode_is_null(n);
}

/* Words for what was found, for "expected X, found Y". */
static const char *found(const cs_ynode *n, char *buf, size_t cap)
{
    if (is_null(n))
        return "nothing (null)";
    if (n->type == CS_Y_MAP)
        return "a mapping";
    if (n->type == CS_Y_SEQ)
        return "a list";
    char q[96];
    cs_diag_quote(q, sizeof q, n->text, n->len);
    snprintf(buf, cap, n->plain ? "'%s'" : "the quoted string \"%s\"", q);
    return buf;
}

/* A plain scalar as a number: 0 and *x on success; 1 for a number too large
 * for a double (*x = +-HUGE_VAL), which is out of every range and must be
 * reported so, not as "not a number"; -1 for anything else. */
static int scalar_number(const cs_ynode *n, double *x)
{
    if (!n || n->type != CS_Y_SCALAR || !n->plain || n->len == 0)
        return -1;
    const char *s = n->text;
    /* strtod also reads hex, "inf", "nan" and leading spaces; a scenario's
     * numbers are plain decimals. */
    for (const char *c = s; *c; c++)
        if (!strchr("0123456789+-.eE", *c))
            return -1;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end)
        return -1;
    *x = v;
    /* ERANGE with a finite result is underflow: a tiny number, kept. */
    return isfinite(v) ? 0 : 1;
}

static void fmt_num(char *buf, size_t cap, const cs_param *p, double x)
{
    if (p->type == CS_T_FLOAT)
        cs_format_double(buf, cap, x);
    else
        snprintf(buf, cap, "%.0f", x);
}

static int check_range(cs_diag *d, const where *w, const cs_ynode *n, const cs_param *p, double x,
                       const char *what)
{
    if (isfinite(x) && x >= p->min && x <= p->max)
        return 0;
    char lo[40], hi[40], got[96];
    fmt_num(lo, sizeof lo, p, p->min);
    fmt_num(hi, sizeof hi, p, p->max);
    report(d, w, n, "%s%s must be between %s and %s, found %s", p->key, what, lo, hi,
           found(n, got, sizeof got));
    return -1;
}

/* Whether decimal text (already known to be a number) is a whole number,
 * decided on the digits: strtod would round 9007199254740991.4 to a whole
 * double. Mantissa digits m with f of them after the point, times 10^e, is
 * whole when its last non-zero digit sits at or above the units place. */
static int whole_text(const char *s)
{
    int frac = 0, after_point = 0, trailing_zeros = 0, any_nonzero = 0;
    const char *c = s + (*s == '+' || *s == '-');
    for (; *c && *c != 'e' && *c != 'E'; c++) {
        if (*c == '.') {
            after_point = 1;
            continue;
        }
        frac += after_point;
        if (*c == '0') {
            trailing_zeros++;
        } else {
            trailing_zeros = 0;
            any_nonzero = 1;
        }
    }
    long e = (*c == 'e' || *c == 'E') ? strtol(c + 1, NULL, 10) : 0;
    return !any_nonzero || e - frac + trailing_zeros >= 0;
}

/* An integer: decimal digits, or a number like 1e6 that is a whole number. */
static int convert_int(cs_diag *d, const where *w, const cs_ynode *n, const cs_param *p,
                       const char *what, int64_t *out)
{
    char got[128];
    double x;
    int num = scalar_number(n, &x);
    if (num < 0 || (num == 0 && (x != floor(x) || !whole_text(n->text)))) {
        report(d, w, n, "%s%s: expected a whole number, found %s", p->key, what,
               found(n, got, sizeof got));
        return -1;
    }
    if (check_range(d, w, n, p, x, what))
        return -1;
    /* Within range (at most 2^53) a double holds the integer exactly, but
     * long digit strings were rounded by strtod: read those exactly. */
    char *end;
    errno = 0;
    long long v = strtoll(n->text, &end, 10);
    *out = (*end == '\0' && errno == 0) ? (int64_t)v : (int64_t)x;
    return 0;
}

static char *join_path(const char *base, const char *rel)
{
    if (rel[0] == '/' || rel[0] == '\0' || !base)
        return strdup(rel);
    char *out = NULL;
    if (asprintf(&out, "%s/%s", base, rel) < 0)
        return NULL;
    return out;
}

/* Assign node to parameter i. Returns 0, -1 (reported) or CS_ERR_NOMEM. */
static int assign(cs_scenario *sc, size_t i, const cs_ynode *n, const where *w, cs_diag *d)
{
    const cs_param *p = cs_param_at(i);
    void *f = field(sc, p);
    char got[128];
    switch (p->type) {
    case CS_T_INT: {
        int64_t v;
        if (convert_int(d, w, n, p, "", &v))
            return -1;
        *(int64_t *)f = v;
        break;
    }
    case CS_T_FLOAT: {
        double x;
        if (scalar_number(n, &x) < 0) {
            report(d, w, n, "%s: expected a number, found %s", p->key, found(n, got, sizeof got));
            return -1;
        }
        if (check_range(d, w, n, p, x, ""))
            return -1;
        *(double *)f = x;
        break;
    }
    case CS_T_BOOL: {
        int v = -1;
        if (n && n->type == CS_Y_SCALAR && n->plain) {
            if (!strcmp(n->text, "true") || !strcmp(n->text, "True") || !strcmp(n->text, "TRUE"))
                v = 1;
            if (!strcmp(n->text, "false") || !strcmp(n->text, "False") || !strcmp(n->text, "FALSE"))
                v = 0;
        }
        if (v < 0) {
            report(d, w, n, "%s: expected true or false, found %s", p->key,
                   found(n, got, sizeof got));
            return -1;
        }
        *(int *)f = v;
        break;
    }
    case CS_T_STRING:
    case CS_T_PATH: {
        if (n && n->type != CS_Y_SCALAR) {
            report(d, w, n, "%s: expected text, found %s", p->key, found(n, got, sizeof got));
            return -1;
        }
        const char *s = is_null(n) ? "" : n->text;
        if (strlen(s) != (n && !is_null(n) ? n->len : 0)) {
            report(d, w, n, "%s: text must not contain NUL characters", p->key);
            return -1;
        }
        char *v = p->type == CS_T_PATH ? join_path(w->base_dir, s) : strdup(s);
        if (!v)
            return CS_ERR_NOMEM;
        free(*(char **)f);
        *(char **)f = v;
        break;
    }
    case CS_T_ENUM: {
        int idx = -1;
        if (n && n->type == CS_Y_SCALAR)
            idx = cs_choice_index(p->choices, n->text, n->len);
        if (idx < 0) {
            char list[256];
            size_t k = 0;
            for (const char *c = p->choices; *c && k + 3 < sizeof list; c++) {
                if (*c == '|') {
                    list[k++] = ',';
                    list[k++] = ' ';
                } else {
                    list[k++] = *c;
                }
            }
            list[k] = '\0';
            report(d, w, n, "%s: expected one of %s, found %s", p->key, list,
                   found(n, got, sizeof got));
            return -1;
        }
        *(int *)f = idx;
        break;
    }
    case CS_T_INT_LIST: {
        if (!n || n->type != CS_Y_SEQ) {
            report(d, w, n, "%s: expected a list of whole numbers like [0, 3], found %s", p->key,
                   found(n, got, sizeof got));
            return -1;
        }
        int64_t *v = n->nkids ? malloc(n->nkids * sizeof *v) : NULL;
        if (n->nkids && !v)
            return CS_ERR_NOMEM;
        int bad = 0;
        for (size_t k = 0; k < n->nkids; k++) {
            char what[48];
            snprintf(what, sizeof what, "[%zu]", k);
            if (convert_int(d, w, n->kids[k], p, what, &v[k]))
                bad = 1;
        }
        if (bad) {
            free(v);
            return -1;
        }
        cs_int_list *l = f;
        free(l->v);
        l->v = v;
        l->n = n->nkids;
        break;
    }
    }
    return 0;
}

int cs_scenario_read_lever(cs_scenario *sc, size_t param, const cs_ynode *value,
                           const char *file, const char *setkey, double *out, cs_diag *d)
{
    const cs_param *p = cs_param_at(param);
    /* Levers are numbers: reading one into a copy touches no pointer. Any
     * other type would free the original's memory through the copy. */
    if (p->type != CS_T_INT && p->type != CS_T_FLOAT && p->type != CS_T_BOOL)
        return CS_ERR_RUNTIME;
    cs_scenario scratch = *sc;
    where w = {file, setkey, NULL, NULL, 0};
    int rc = assign(&scratch, param, value, &w, d);
    if (rc == 0)
        *out = p->type == CS_T_INT    ? (double)*(int64_t *)field(&scratch, p)
               : p->type == CS_T_BOOL ? (double)*(int *)field(&scratch, p)
                                      : *(double *)field(&scratch, p);
    return rc;
}

/* ---- walking a document ---------------------------------------------- */

static int is_section(const char *prefix)
{
    size_t len = strlen(prefix);
    for (size_t i = 0; i < cs_param_count(); i++) {
        const char *k = cs_param_at(i)->key;
        if (strncmp(k, prefix, len) == 0 && k[len] == '.')
            return 1;
    }
    return 0;
}

size_t cs_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40)
        return 99;
    size_t row[41];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* ", did you mean 'x'?" for a near miss among keys and sections. */
static void suggest(const char *key, char *out, size_t cap)
{
    out[0] = '\0';
    size_t best = 3;
    for (size_t i = 0; i < cs_param_count(); i++) {
        const char *k = cs_param_at(i)->key;
        size_t dist = cs_edit_distance(key, k);
        if (dist < best) {
            best = dist;
            snprintf(out, cap, "; did you mean '%s'?", k);
        }
        /* A misspelt section ("popultion:") is as common as a misspelt key. */
        const char *dot = strchr(k, '.');
        char sec[64];
        if (dot && (size_t)(dot - k) < sizeof sec) {
            snprintf(sec, sizeof sec, "%.*s", (int)(dot - k), k);
            dist = cs_edit_distance(key, sec);
            if (dist < best) {
                best = dist;
                snprintf(out, cap, "; did you mean '%s'?", sec);
            }
        }
    }
}

static void unknown_key(cs_diag *d, const where *w, const cs_ynode *n, const char *full)
{
    char q[256], hint[128];
    cs_diag_quote(q, sizeof q, full, strlen(full));
    suggest(full, hint, sizeof hint);
    report(d, w, n, "unknown key '%s'%s (circlesim params lists every key)", q, hint);
}

static void mark(cs_scenario *sc, size_t i, const where *w, const cs_ynode *n)
{
    sc->origin[i].from = w->file ? CS_FROM_FILE : CS_FROM_SET;
    sc->origin[i].line = n ? n->line : 0;
    sc->origin[i].col = n ? n->col : 0;
}

/* Assign value (whose key node is keynode) to the dotted key full. */
static int assign_key(cs_scenario *sc, const char *full, const cs_ynode *keynode,
                      const cs_ynode *value, const where *w, cs_diag *d);

static int walk_map(cs_scenario *sc, const char *prefix, const cs_ynode *map, const where *w,
                    cs_diag *d)
{
    int rc = 0;
    for (size_t i = 0; i + 1 < map->nkids; i += 2) {
        if (d->errors - w->first_error >= MAX_ERRORS_PER_FILE)
            return -1;
        const cs_ynode *k = map->kids[i];
        char full[256];
        if (strlen(k->text) != k->len || k->len > 128) {
            unknown_key(d, w, k, k->text);
            rc = -1;
            continue;
        }
        snprintf(full, sizeof full, "%s%s%s", prefix, *prefix ? "." : "", k->text);
        int r = assign_key(sc, full, k, map->kids[i + 1], w, d);
        if (r == CS_ERR_NOMEM)
            return r;
        if (r)
            rc = -1;
    }
    return rc;
}

static int assign_key(cs_scenario *sc, const char *full, const cs_ynode *keynode,
                      const cs_ynode *value, const where *w, cs_diag *d)
{
    if (strcmp(full, "interventions") == 0) {
        /* A list of its own shape, checked in interventions.c. */
        if (w->seen_line) {
            if (w->seen_line[CS_MAX_PARAMS - 1]) {
                report(d, w, keynode, "duplicate key 'interventions' (first given at line %d)",
                       w->seen_line[CS_MAX_PARAMS - 1]);
                return -1;
            }
            w->seen_line[CS_MAX_PARAMS - 1] = keynode ? keynode->line : 1;
        }
        return cs_interventions_read(sc, value, keynode, w->file, w->setkey, d);
    }
    if (strcmp(full, "experiment") == 0) {
        /* What a sweep runs; its own shape, checked in experiment.c. */
        if (w->seen_line) {
            if (w->seen_line[CS_MAX_PARAMS - 2]) {
                report(d, w, keynode, "duplicate key 'experiment' (first given at line %d)",
                       w->seen_line[CS_MAX_PARAMS - 2]);
                return -1;
            }
            w->seen_line[CS_MAX_PARAMS - 2] = keynode ? keynode->line : 1;
        }
        return cs_experiment_read(sc, value, keynode, w->file, w->setkey, d);
    }
    if (strcmp(full, "lesson") == 0) {
        /* What a classroom shows; its own shape, checked in lesson.c. */
        if (w->seen_line) {
            if (w->seen_line[CS_MAX_PARAMS - 4]) {
                report(d, w, keynode, "duplicate key 'lesson' (first given at line %d)",
                       w->seen_line[CS_MAX_PARAMS - 4]);
                return -1;
            }
            w->seen_line[CS_MAX_PARAMS - 4] = keynode ? keynode->line : 1;
        }
        return cs_lesson_read(sc, value, keynode, w->file, w->setkey, d);
    }
    if (strcmp(full, "targets.points") == 0) {
        /* A list of its own shape, checked in targets.c. */
        if (w->seen_line) {
            if (w->seen_line[CS_MAX_PARAMS - 3]) {
                report(d, w, keynode, "duplicate key 'targets.points' (first given at line %d)",
                       w->seen_line[CS_MAX_PARAMS - 3]);
                return -1;
            }
            w->seen_line[CS_MAX_PARAMS - 3] = keynode ? keynode->line : 1;
        }
        return cs_targets_read(sc, value, keynode, w->file, w->setkey, d);
    }
    int idx = cs_param_find(full);
    if (idx >= 0 && w->seen_line) {
        /* "bass.p: 0.2" beside "bass: {p: 0.1}" is the same key twice, which
         * the YAML reader's duplicate check cannot see. */
        if (w->seen_line[idx]) {
            report(d, w, keynode, "duplicate key '%s' (first given at line %d)", full,
                   w->seen_line[idx]);
            return -1;
        }
        w->seen_line[idx] = keynode ? keynode->line : 1;
    }
    if (idx >= 0) {
        /* A value's own position is more useful than its key's, except
         * for a missing value, which has none. */
        int r = assign(sc, (size_t)idx, value, w, d);
        if (r == 0)
            mark(sc, (size_t)idx, w, value && !is_null(value) ? value : keynode);
        else
            sc->bad[idx] = 1;
        return r;
    }
    if (is_section(full)) {
        if (value && value->type == CS_Y_MAP)
            return walk_map(sc, full, value, w, d);
        char got[128];
        report(d, w, value && !is_null(value) ? value : keynode,
               "%s: expected a mapping of %s.* keys, found %s", full, full,
               found(value, got, sizeof got));
        return -1;
    }
    unknown_key(d, w, keynode, full);
    return -1;
}

/* ---- life cycle ------------------------------------------------------- */

/* The defaults, read once from the table: every scenario starts as a copy
 * (a sweep or a calibration makes thousands). */
static int read_defaults(cs_scenario *sc)
{
    memset(sc, 0, sizeof *sc);
    sc->source = strdup("<defaults>");
    if (!sc->source)
        return CS_ERR_NOMEM;
    /* Defaults go through the same converter as user input, so a bad
     * default fails loudly here (and in the tests) instead of running. */
    for (size_t i = 0; i < cs_param_count(); i++) {
        const cs_param *p = cs_param_at(i);
        if (p->type == CS_T_STRING || p->type == CS_T_PATH) {
            char **s = field(sc, p);
            *s = strdup("");
            if (!*s)
                return CS_ERR_NOMEM;
        }
    }
    /* All defaults as one document of dotted keys, read once. A bad default
     * is a bug of the table: it is printed and init fails. */
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m)
        return CS_ERR_NOMEM;
    for (size_t i = 0; i < cs_param_count(); i++)
        fprintf(m, "%s: %s\n", cs_param_at(i)->key, cs_param_at(i)->def);
    if (fclose(m) != 0) {
        free(text);
        return CS_ERR_NOMEM;
    }
    cs_diag loud;
    cs_diag_init(&loud, NULL);
    cs_ynode *root = NULL;
    int rc = cs_yaml_parse("<defaults>", text, len, &root, &loud);
    free(text);
    if (rc == 0) {
        where w = {"<defaults>", NULL, NULL, NULL, 0};
        rc = walk_map(sc, "", root, &w, &loud);
    }
    cs_ynode_free(root);
    /* Defaults have no position a person could be pointed to. */
    memset(sc->origin, 0, sizeof sc->origin);
    if (rc)
        return rc == CS_ERR_NOMEM ? rc : CS_ERR_RUNTIME;
    return 0;
}

static cs_scenario defaults;
static int defaults_rc;
static pthread_once_t defaults_once = PTHREAD_ONCE_INIT;

static void init_defaults(void)
{
    defaults_rc = read_defaults(&defaults);
}

int cs_scenario_init(cs_scenario *sc)
{
    pthread_once(&defaults_once, init_defaults);
    if (defaults_rc) {
        memset(sc, 0, sizeof *sc);
        return defaults_rc;
    }
    *sc = defaults;
    /* What the copy shares with the template is made its own. */
    sc->source = NULL;
    for (size_t i = 0; i < cs_param_count(); i++) {
        const cs_param *p = cs_param_at(i);
        if (p->type == CS_T_STRING || p->type == CS_T_PATH)
            *(char **)field(sc, p) = NULL;
        else if (p->type == CS_T_INT_LIST)
            ((cs_int_list *)field(sc, p))->v = NULL;
    }
    int rc = (sc->source = strdup("<defaults>")) ? 0 : CS_ERR_NOMEM;
    for (size_t i = 0; i < cs_param_count() && rc == 0; i++) {
        const cs_param *p = cs_param_at(i);
        if (p->type == CS_T_STRING || p->type == CS_T_PATH) {
            char **to = field(sc, p);
            if (!(*to = strdup(*(char **)field(&defaults, p))))
                rc = CS_ERR_NOMEM;
        } else if (p->type == CS_T_INT_LIST) {
            const cs_int_list *from = field(&defaults, p);
            cs_int_list *to = field(sc, p);
            if (from->n > 0) {
                if (!(to->v = malloc(from->n * sizeof *to->v)))
                    rc = CS_ERR_NOMEM;
                else
                    memcpy(to->v, from->v, from->n * sizeof *to->v);
            }
        }
    }
    if (rc)
        cs_scenario_free(sc);
    return rc;
}

void cs_scenario_free(cs_scenario *sc)
{
    for (size_t i = 0; i < cs_param_count(); i++) {
        const cs_param *p = cs_param_at(i);
        void *f = field(sc, p);
        if (p->type == CS_T_STRING || p->type == CS_T_PATH)
            free(*(char **)f);
        else if (p->type == CS_T_INT_LIST)
            free(((cs_int_list *)f)->v);
    }
    free(sc->interventions);
    cs_experiment_free(sc);
    cs_lesson_free(sc);
    cs_targets_free(sc);
    free(sc->source);
    free(sc->base_dir);
    memset(sc, 0, sizeof *sc);
}

int cs_scenario_load_text(cs_scenario *sc, const char *name, const char *text, size_t len,
                          const char *base_dir, cs_diag *diag)
{
    char *src = strdup(name);
    char *base = base_dir ? strdup(base_dir) : NULL;
    if (!src || (base_dir && !base)) {
        free(src);
        free(base);
        return CS_ERR_NOMEM;
    }
    free(sc->source);
    free(sc->base_dir);
    sc->source = src;
    sc->base_dir = base;

    /* A resolved scenario says so in its leading comments (optimize and
     * calibrate write their own lines above the mark). */
    static const char resolved_mark[] = "# circlesim resolved scenario";
    sc->resolved = 0;
    for (size_t at = 0; at < len && text[at] == '#' && !sc->resolved;) {
        sc->resolved = len - at >= sizeof resolved_mark - 1 &&
                       memcmp(text + at, resolved_mark, sizeof resolved_mark - 1) == 0;
        const char *nl = memchr(text + at, '\n', len - at);
        at = nl ? (size_t)(nl - text) + 1 : len;
    }
    cs_ynode *root = NULL;
    int rc = cs_yaml_parse(name, text, len, &root, diag);
    if (rc) {
        sc->unreadable = 1;
        return rc;
    }
    if (!root || is_null(root)) {
        sc->unreadable = 1;
        /* An empty document ("---") has no position of its own. */
        int has_pos = root && root->line > 0;
        cs_diag_at(diag, name, has_pos ? root->line : 1, has_pos ? root->col : 1,
                   "the file is empty: expected a mapping of scenario keys "
                   "(circlesim params lists them)");
        cs_ynode_free(root);
        return CS_ERR_INPUT;
    }
    if (root->type != CS_Y_MAP) {
        sc->unreadable = 1;
        char got[128];
        cs_diag_at(diag, name, root->line, root->col,
                   "expected a mapping of scenario keys (key: value lines), found %s",
                   found(root, got, sizeof got));
        cs_ynode_free(root);
        return CS_ERR_INPUT;
    }
    int seen[CS_MAX_PARAMS] = {0};
    where w = {name, NULL, base, seen, diag->errors};
    rc = walk_map(sc, "", root, &w, diag);
    if (diag->errors - w.first_error >= MAX_ERRORS_PER_FILE) {
        cs_diag_at(diag, name, 0, 0, "too many errors; stopped after %d", MAX_ERRORS_PER_FILE);
        sc->unreadable = 1;
    }
    cs_ynode_free(root);
    if (rc == CS_ERR_NOMEM)
        return rc;
    return rc ? CS_ERR_INPUT : 0;
}

/* Folder of path, made absolute, so relative input files resolve the same
 * wherever the scenario is run from. */
static char *dir_of(const char *path)
{
    char *dir = cs_dirname(path);
    char *abs = dir ? realpath(dir, NULL) : NULL;
    free(dir);
    return abs;
}

int cs_scenario_load(cs_scenario *sc, const char *path, cs_diag *diag)
{
    if (!path) {
        char *cwd = getcwd(NULL, 0);
        int rc = cs_scenario_load_text(sc, "default.yaml (built in)", cs_default_scenario,
                                       cs_default_scenario_len, cwd, diag);
        free(cwd);
        return rc;
    }
    char *text = NULL;
    size_t len = 0;
    const char *why = NULL;
    int rc = cs_read_file(path, CS_YAML_MAX_BYTES, &text, &len, &why);
    if (rc == CS_ERR_NOMEM)
        return rc;
    if (rc) {
        sc->unreadable = 1;
        /* A problem of the whole file, reported at its start so that the
         * line keeps the FILE:LINE:COL form of every scenario error. */
        if (strcmp(why, "file too large") == 0)
            cs_diag_at(diag, path, 1, 1, "file too large: a scenario is at most %u bytes",
                       CS_YAML_MAX_BYTES);
        else
            cs_diag_at(diag, path, 0, 0, "cannot read scenario: %s", why);
        return CS_ERR_INPUT;
    }
    char *base = dir_of(path);
    rc = cs_scenario_load_text(sc, path, text, len, base, diag);
    free(base);
    free(text);
    return rc;
}

int cs_scenario_set(cs_scenario *sc, const char *assignment, cs_diag *diag)
{
    const char *eq = strchr(assignment, '=');
    if (!eq || eq == assignment) {
        cs_diag_set(diag, assignment, "expected KEY=VALUE, for example --set bass.q=0.3");
        return CS_ERR_INPUT;
    }
    char key[256];
    size_t klen = (size_t)(eq - assignment);
    if (klen >= sizeof key)
        klen = sizeof key - 1;
    memcpy(key, assignment, klen);
    key[klen] = '\0';
    const char *value = eq + 1;

    /* The YAML reader's messages name "<set>:1:N"; say them at the key. */
    char *msg = NULL;
    size_t msglen = 0;
    FILE *mem = open_memstream(&msg, &msglen);
    if (!mem)
        return CS_ERR_NOMEM;
    cs_diag inner;
    cs_diag_init(&inner, mem);
    cs_ynode *root = NULL;
    int rc = cs_yaml_parse("<set>", value, strlen(value), &root, &inner);
    fclose(mem);
    if (rc) {
        const char *m = msg ? strstr(msg, "error: ") : NULL;
        char *nl = m ? strchr(m, '\n') : NULL;
        if (nl)
            *nl = '\0';
        cs_diag_set(diag, key, "cannot read the value: %s", m ? m + 7 : "malformed");
        free(msg);
        cs_ynode_free(root);
        return rc == CS_ERR_NOMEM ? rc : CS_ERR_INPUT;
    }
    free(msg);
    char *cwd = getcwd(NULL, 0);
    where w = {NULL, key, cwd, NULL, diag->errors};
    rc = assign_key(sc, key, NULL, root, &w, diag);
    free(cwd);
    cs_ynode_free(root);
    if (rc == CS_ERR_NOMEM)
        return rc;
    return rc ? CS_ERR_INPUT : 0;
}

void cs_scenario_key_error(const cs_scenario *sc, cs_diag *diag, int param, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const cs_origin *o = &sc->origin[param];
    const char *key = cs_param_at((size_t)param)->key;
    if (o->from == CS_FROM_SET)
        cs_diag_set(diag, key, "%s", msg);
    else if (o->from == CS_FROM_FILE)
        cs_diag_at(diag, sc->source, o->line, o->col, "%s", msg);
    else
        cs_diag_at(diag, sc->source, 0, 0, "%s (default value of %s)", msg, key);
}

/* ---- keys that change nothing ---------------------------------------------- */

#define NET(k) (1u << (k))
/* The network keys only some kinds read. */
static const struct {
    const char *key;
    unsigned kinds;
} network_keys[] = {
    {"network.mean_degree", NET(CS_NET_ERDOS_RENYI) | NET(CS_NET_HOMOPHILY)},
    {"network.m", NET(CS_NET_BARABASI_ALBERT)},
    {"network.k", NET(CS_NET_WATTS_STROGATZ)},
    {"network.beta", NET(CS_NET_WATTS_STROGATZ)},
    {"network.blocks", NET(CS_NET_SBM)},
    {"network.p_in", NET(CS_NET_SBM)},
    {"network.p_out", NET(CS_NET_SBM)},
    {"network.file", NET(CS_NET_EDGELIST)},
    {"network.nodes", NET(CS_NET_EDGELIST)},
    {"network.degree_exponent", NET(CS_NET_HOMOPHILY)},
    {"network.interest_share", NET(CS_NET_HOMOPHILY)},
    {"network.tier_share", NET(CS_NET_HOMOPHILY)},
    {"network.closure", NET(CS_NET_HOMOPHILY)},
};

int cs_scenario_warn_inapplicable(const cs_scenario *sc, cs_diag *diag)
{
    if (sc->resolved)
        return 0;
    int n = 0;
    for (size_t i = 0; i < cs_param_count(); i++) {
        const cs_origin *o = &sc->origin[i];
        const cs_param *p = cs_param_at(i);
        if (o->from == CS_FROM_DEFAULT)
            continue;
        char why[160] = "";
        if (!(p->models & (1u << sc->model)))
            snprintf(why, sizeof why, "model %s", cs_model_name(sc->model));
        for (size_t k = 0; k < sizeof network_keys / sizeof network_keys[0] && !*why; k++)
            if (!strcmp(p->key, network_keys[k].key) &&
                !(network_keys[k].kinds & NET(sc->network_kind)))
                snprintf(why, sizeof why, "network.kind %s",
                         cs_network_kind_name(sc->network_kind));
        if (*why) {
            if (o->from == CS_FROM_SET)
                cs_diag_warn_set(diag, p->key, "%s does not apply to %s: it changes nothing",
                                 p->key, why);
            else
                cs_diag_warn_at(diag, sc->source, o->line, o->col,
                                "%s does not apply to %s: it changes nothing", p->key, why);
            n++;
            continue;
        }
        if (cs_param_inert_reason(sc, (int)i, why, sizeof why)) {
            if (o->from == CS_FROM_SET)
                cs_diag_warn_set(diag, p->key, "%s changes nothing here: %s", p->key, why);
            else
                cs_diag_warn_at(diag, sc->source, o->line, o->col,
                                "%s changes nothing here: %s", p->key, why);
            n++;
        }
    }
    /* More KOCs seeded than the world holds: the brand seeds those there
     * are (the most sociable floor(population.size x users.koc_share) users
     * of a generated network) and pays for them alone, so a "same budget"
     * comparison is no longer one. */
    const int ks = cs_param_find("brand.koc_seeds");
    const double kocs = floor((double)sc->population_size * sc->users_koc_share);
    if (cs_scenario_reads(sc, "brand.koc_seeds") && sc->network_kind != CS_NET_EDGELIST &&
        sc->brand_seed_by != CS_SEED_LIST && sc->brand_seed_by != CS_SEED_CIRCLE_OWNERS &&
        (double)sc->brand_koc_seeds > kocs && sc->origin[ks].from != CS_FROM_DEFAULT) {
        const cs_origin *o = &sc->origin[ks];
        char what[200];
        snprintf(what, sizeof what,
                 "brand.koc_seeds %lld is more than the %.0f KOCs this world holds "
                 "(population.size x users.koc_share): the brand seeds at most those, and pays "
                 "for those alone",
                 (long long)sc->brand_koc_seeds, kocs);
        if (o->from == CS_FROM_SET)
            cs_diag_warn_set(diag, "brand.koc_seeds", "%s", what);
        else
            cs_diag_warn_at(diag, sc->source, o->line, o->col, "%s", what);
        n++;
    }
    /* A lever an intervention sets where it cannot act (once a key, and
     * not again for a key given above). */
    for (size_t k = 0; k < sc->n_interventions; k++) {
        const cs_intervention *iv = &sc->interventions[k];
        char why[160];
        int first = 1;
        for (size_t j = 0; j < k; j++)
            first &= sc->interventions[j].param != iv->param;
        if (!first || sc->origin[iv->param].from != CS_FROM_DEFAULT ||
            !(cs_param_at((size_t)iv->param)->models & (1u << sc->model)) ||
            !cs_param_inert_reason(sc, iv->param, why, sizeof why))
            continue;
        const char *key = cs_param_at((size_t)iv->param)->key;
        if (iv->line > 0)
            cs_diag_warn_at(diag, sc->source, iv->line, iv->col,
                            "the intervention's %s changes nothing here: %s", key, why);
        else
            cs_diag_warn_set(diag, key, "the intervention's %s changes nothing here: %s", key,
                             why);
        n++;
    }
    return n;
}

/* ---- validation --------------------------------------------------------- */

#define KEY(name) cs_param_find(name)

/* The key to report a conflict between two keys at: the first unless the
 * other was given more directly. A key still at its default has no position
 * in any file (a default network.m against a small population.size is the
 * size's problem as far as the user can see), and a --set is the user's
 * latest word (a --set population.size against the built-in file's
 * network.mean_degree is the --set's problem, not the file's). */
static int blame(const cs_scenario *sc, int key, int other)
{
    /* The origins are ordered default < file < --set. */
    return sc->origin[other].from > sc->origin[key].from ? other : key;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* An input file named by key k: *path becomes its absolute path, and it
 * must be a readable regular file. A device or pipe may never end
 * (/dev/zero), so it is refused up front; the content is read (and hashed)
 * once, later, by its reader. */
static void resolve_input_file(cs_scenario *sc, cs_diag *diag, int k, char **path)
{
    const char *key = cs_param_at(k)->key;
    char *abs = realpath(*path, NULL);
    if (!abs) {
        cs_scenario_key_error(sc, diag, k, "%s: cannot read '%s': %s", key, *path,
                              strerror(errno));
        return;
    }
    free(*path);
    *path = abs;
    struct stat st;
    if (stat(abs, &st) != 0 || !S_ISREG(st.st_mode))
        cs_scenario_key_error(sc, diag, k, "%s: '%s' is not a regular file", key, abs);
    else if (access(abs, R_OK) != 0)
        cs_scenario_key_error(sc, diag, k, "%s: cannot read '%s': %s", key, abs,
                              strerror(errno));
}

/* A model's seed list: users of the population (when its size is known
 * here), each once; at least one when required. 0 or CS_ERR_NOMEM. */
static int check_seed_list(cs_scenario *sc, cs_diag *diag, int key, const char *name,
                           const cs_int_list *s, int required, int64_t n, int size)
{
    if (s->n == 0 && required)
        cs_scenario_key_error(sc, diag, key, "%s must name at least one user", name);
    int check_range = sc->network_kind != CS_NET_EDGELIST &&
                      !sc->bad[cs_param_find("population.size")] &&
                      !sc->bad[cs_param_find("network.kind")];
    for (size_t i = 0; check_range && i < s->n; i++)
        if (s->v[i] >= n)
            cs_scenario_key_error(sc, diag, blame(sc, key, size),
                                  "%s[%zu] = %lld is not a user: ids run from 0 to "
                                  "population.size - 1 = %lld",
                                  name, i, (long long)s->v[i], (long long)(n - 1));
    /* Sorted copy: a list of 10^5 seeds is checked in milliseconds. */
    int64_t *sorted = s->n > 1 ? malloc(s->n * sizeof *sorted) : NULL;
    if (s->n > 1 && !sorted)
        return CS_ERR_NOMEM;
    if (sorted) {
        memcpy(sorted, s->v, s->n * sizeof *sorted);
        qsort(sorted, s->n, sizeof *sorted, cmp_i64);
    }
    for (size_t i = 1; sorted && i < s->n; i++)
        if (sorted[i] == sorted[i - 1] && (i < 2 || sorted[i - 2] != sorted[i]))
            cs_scenario_key_error(sc, diag, key, "%s lists user %lld more than once", name,
                                  (long long)sorted[i]);
    free(sorted);
    return 0;
}

int cs_scenario_validate(cs_scenario *sc, cs_diag *diag)
{
    int before = diag->errors;
    int64_t n = sc->population_size;
    const int size = KEY("population.size");
    /* A check runs only when every key it reads holds a value the user
     * gave successfully (or a default): a rejected value was reported
     * already and must not cause a second, misleading error. */
#define BAD(name) (sc->bad[KEY(name)])
    switch (BAD("network.kind") || BAD("population.size") ? -1 : sc->network_kind) {
    case CS_NET_COMPLETE:
        break;
    case CS_NET_ERDOS_RENYI:
        if (!BAD("network.mean_degree") && sc->network_mean_degree > (double)(n - 1))
            cs_scenario_key_error(sc, diag, blame(sc, KEY("network.mean_degree"), size),
                                  "network.mean_degree must be at most population.size - 1 = %lld",
                                  (long long)(n - 1));
        break;
    case CS_NET_BARABASI_ALBERT:
        if (!BAD("network.m") && sc->network_m >= n)
            cs_scenario_key_error(sc, diag, blame(sc, KEY("network.m"), size),
                                  "network.m must be less than population.size (%lld), found %lld",
                                  (long long)n, (long long)sc->network_m);
        break;
    case CS_NET_WATTS_STROGATZ:
        if (BAD("network.k"))
            break;
        if (sc->network_k % 2 != 0)
            cs_scenario_key_error(sc, diag, KEY("network.k"),
                                  "network.k must be even (k/2 ties on each side of the ring), "
                                  "found %lld", (long long)sc->network_k);
        /* Denser than half the population, rewiring finds almost no free
         * partner and costs time cubic in n; such a ring is no small world. */
        if (sc->network_k > n / 2)
            cs_scenario_key_error(sc, diag, blame(sc, KEY("network.k"), size),
                                  "network.k must be at most half of population.size (%lld), "
                                  "found %lld", (long long)n, (long long)sc->network_k);
        break;
    case CS_NET_SBM: {
        if (BAD("network.blocks"))
            break;
        const cs_int_list *b = &sc->network_blocks;
        int64_t sum = 0;
        for (size_t i = 0; i < b->n; i++)
            sum += b->v[i];
        if (b->n == 0)
            cs_scenario_key_error(sc, diag,
                                  blame(sc, KEY("network.blocks"), KEY("network.kind")),
                                  "network.blocks must list the block sizes when "
                                  "network.kind is sbm, like [500, 500]");
        else if (sum > (int64_t)2000000000)
            cs_scenario_key_error(sc, diag, KEY("network.blocks"),
                                  "network.blocks add up to %lld users, more than 2000000000",
                                  (long long)sum);
        else if (sc->origin[size].from == CS_FROM_DEFAULT)
            sc->population_size = n = sum;
        else if (sum != n)
            cs_scenario_key_error(sc, diag, size,
                                  "population.size (%lld) must equal the sum of network.blocks "
                                  "(%lld)", (long long)n, (long long)sum);
        break;
    }
    case CS_NET_HOMOPHILY:
        if (!BAD("network.mean_degree") && sc->network_mean_degree > (double)(n - 1))
            cs_scenario_key_error(sc, diag, blame(sc, KEY("network.mean_degree"), size),
                                  "network.mean_degree must be at most population.size - 1 = %lld",
                                  (long long)(n - 1));
        break;
    case CS_NET_EDGELIST: {
        int k = KEY("network.file");
        if (BAD("network.file"))
            break;
        if (sc->network_file[0] == '\0') {
            cs_scenario_key_error(sc, diag, KEY("network.kind"),
                                  "network.kind is edgelist but network.file is not given");
            break;
        }
        resolve_input_file(sc, diag, k, &sc->network_file);
        break;
    }
    }
    if (!BAD("network.nodes") && sc->network_nodes[0] != '\0') {
        int k = KEY("network.nodes");
        if (sc->network_kind != CS_NET_EDGELIST)
            cs_scenario_key_error(sc, diag, k,
                                  "network.nodes gives attributes of an edge list's users: "
                                  "network.kind must be edgelist");
        else
            resolve_input_file(sc, diag, k, &sc->network_nodes);
    }
    /* The population's attributes, used by the homophily network (and the
     * platform model): tier shares are a distribution, and drawing k
     * distinct tags must stay easy. */
    if (!BAD("population.tier_first") && !BAD("population.tier_new_first_second") &&
        !BAD("population.tier_third_fourth") && !BAD("population.tier_county")) {
        double sum = sc->population_tier_first + sc->population_tier_new_first_second +
                     sc->population_tier_third_fourth + sc->population_tier_county;
        if (fabs(sum - 1.0) > 1e-9)
            cs_scenario_key_error(sc, diag, KEY("population.tier_first"),
                                  "the four population.tier_* shares must sum to 1, found %.10g",
                                  sum);
    }
    if (!BAD("population.interests") && !BAD("population.tags") &&
        sc->population_interests * 2 > sc->population_tags)
        cs_scenario_key_error(sc, diag, blame(sc, KEY("population.interests"), KEY("population.tags")),
                              "population.interests (%lld) must be at most half of "
                              "population.tags (%lld)",
                              (long long)sc->population_interests, (long long)sc->population_tags);
    /* The content mix and the brand's keys, where the model reads them. */
    if (!BAD("model") && cs_scenario_reads(sc, "content.image")) {
        if (!BAD("content.image") && !BAD("content.video") && !BAD("content.voice") &&
            !BAD("content.long") &&
            !(sc->content_image + sc->content_video + sc->content_voice + sc->content_long > 0))
            cs_scenario_key_error(sc, diag, KEY("content.image"),
                                  "the four content.* weights are all 0: notes need a format");
        if (!BAD("brand.tag_rank") && !BAD("population.tags") &&
            sc->brand_tag_rank > sc->population_tags)
            cs_scenario_key_error(sc, diag, blame(sc, KEY("brand.tag_rank"), KEY("population.tags")),
                                  "brand.tag_rank (%lld) must be at most population.tags (%lld)",
                                  (long long)sc->brand_tag_rank, (long long)sc->population_tags);
        if (!BAD("brand.phase2_day") && !BAD("brand.phase3_day") &&
            sc->brand_phase2_day > sc->brand_phase3_day)
            cs_scenario_key_error(sc, diag, blame(sc, KEY("brand.phase2_day"), KEY("brand.phase3_day")),
                                  "brand.phase2_day (%lld) must not come after brand.phase3_day "
                                  "(%lld)",
                                  (long long)sc->brand_phase2_day, (long long)sc->brand_phase3_day);
    }
    cs_interventions_validate(sc, diag);
    cs_targets_validate(sc, diag);
    /* Money is kept in whole fen; a price between fen would be rounded
     * silently while scenario.yaml kept the unrounded value. */
    for (size_t i = 0; i < cs_param_count(); i++) {
        const cs_param *p = cs_param_at(i);
        if ((p->flags & CS_P_WHOLE_FEN) && !sc->bad[i] && !cs_whole_fen(*(double *)field(sc, p)))
            cs_scenario_key_error(sc, diag, (int)i,
                                  "%s must be a whole number of fen (0.01 yuan), found %.10g",
                                  p->key, *(double *)field(sc, p));
    }
    /* Seeds beyond the population are checked here for generated networks;
     * an edge list's size is known only once it is read (engine.c). */
    int seeds = BAD("model") ? -1 : cs_seed_list_param(sc->model);
    if (seeds >= 0 && !sc->bad[seeds]) {
        const cs_param *p = cs_param_at((size_t)seeds);
        if (check_seed_list(sc, diag, seeds, p->key, field(sc, p),
                            (p->flags & CS_P_SEEDS_REQUIRED) != 0, n, size) != 0)
            return CS_ERR_NOMEM;
    }
#undef BAD
    return diag->errors > before ? CS_ERR_INPUT : 0;
}

/* ---- writing back ------------------------------------------------------ */

char *cs_scenario_to_yaml(const cs_scenario *sc, int for_hash)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (!out)
        return NULL;
    fputs("# circlesim resolved scenario: every key, defaults included.\n"
          "# Running this file again reproduces the run.\n",
          out);
    char section[64] = "";
    for (size_t i = 0; i < cs_param_count(); i++) {
        const cs_param *p = cs_param_at(i);
        const char *dot = strchr(p->key, '.');
        const char *leaf = p->key;
        if (dot) {
            size_t sl = (size_t)(dot - p->key);
            if (strlen(section) != sl || strncmp(section, p->key, sl) != 0) {
                snprintf(section, sizeof section, "%.*s", (int)sl, p->key);
                fprintf(out, "%s:\n", section);
            }
            leaf = dot + 1;
        }
        fprintf(out, "%s%s: ", dot ? "  " : "", leaf);
        if (for_hash && strcmp(p->key, "network.file") == 0)
            fprintf(out, "\"%s\"", sc->network_file_hash); /* content, not path */
        else if (for_hash && strcmp(p->key, "network.nodes") == 0)
            fprintf(out, "\"%s\"", sc->network_nodes_hash);
        else
            cs_print_value(out, sc, i, 0);
        fputc('\n', out);
    }
    /* targets.points belongs to the last section of the table. */
    if (strcmp(section, "targets") != 0)
        fputs("targets:\n", out);
    cs_targets_print(out, sc);
    cs_interventions_print(out, sc);
    if (fclose(out) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

int cs_scenario_check_value(cs_scenario *scratch, int param, const cs_ynode *value,
                            const char *file, const char *setkey, cs_diag *d)
{
    where w = {file, setkey, NULL, NULL, d->errors};
    return assign(scratch, (size_t)param, value, &w, d);
}

char *cs_scenario_key_text(const cs_scenario *sc, const char *key)
{
    if (strcmp(key, "interventions") != 0) {
        int param = cs_param_find(key);
        return param >= 0 ? cs_scenario_value_text(sc, param) : NULL;
    }
    char *text = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&text, &len);
    if (!o)
        return NULL;
    cs_interventions_flow(o, sc);
    if (fclose(o) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

char *cs_scenario_value_text(const cs_scenario *sc, int param)
{
    char *text = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&text, &len);
    if (!o)
        return NULL;
    cs_print_value(o, sc, (size_t)param, 0);
    if (fclose(o) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

int cs_scenario_hash(const cs_scenario *sc, char out[72])
{
    char *text = cs_scenario_to_yaml(sc, 1);
    if (!text)
        return CS_ERR_NOMEM;
    int rc = cs_sha256_text(text, strlen(text), out);
    free(text);
    return rc;
}

const char *cs_scenario_name(const cs_scenario *sc)
{
    return sc->name;
}

const char *cs_scenario_info(const cs_scenario *sc)
{
    return sc->info;
}

const char *cs_scenario_source(const cs_scenario *sc)
{
    return sc->source;
}

int64_t cs_scenario_seed(const cs_scenario *sc)
{
    return sc->seed;
}

int64_t cs_scenario_days(const cs_scenario *sc)
{
    return sc->days;
}

int cs_scenario_model(const cs_scenario *sc)
{
    return sc->model;
}

int cs_scenario_network_kind(const cs_scenario *sc)
{
    return sc->network_kind;
}

const char *cs_scenario_network_file(const cs_scenario *sc)
{
    return sc->network_file;
}

const char *cs_scenario_network_nodes(const cs_scenario *sc)
{
    return sc->network_nodes;
}

cs_experiment_block cs_scenario_experiment(const cs_scenario *sc)
{
    cs_experiment_block b = {sc->experiment_design, sc->experiment_replicates,
                             (const char *const *)sc->experiment_vary, sc->n_experiment_vary,
                             sc->experiment_variants, sc->n_experiment_variants};
    return b;
}

int cs_scenario_unreadable(const cs_scenario *sc)
{
    return sc->unreadable;
}

int cs_scenario_rename(cs_scenario *sc, const char *name, const char *info)
{
    char *n = strdup(name), *i = strdup(info);
    if (!n || !i) {
        free(n);
        free(i);
        return CS_ERR_NOMEM;
    }
    free(sc->name);
    free(sc->info);
    sc->name = n;
    sc->info = i;
    return 0;
}

int cs_scenario_given(const cs_scenario *sc, int param)
{
    if (param < 0 || (size_t)param >= cs_param_count() ||
        sc->origin[param].from == CS_FROM_DEFAULT)
        return 0;
    if (!sc->resolved)
        return 1;
    /* A resolved file writes every key: given means moved off the default. */
    const cs_param *p = cs_param_at((size_t)param);
    const double v = cs_scenario_number(sc, param);
    char *end;
    const double def = p->def ? strtod(p->def, &end) : NAN;
    return !(p->def && *end == '\0' && v == def);
}
