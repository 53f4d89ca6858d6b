/* robust.c - --robust and --pin, and what is said and written of the
 * worlds (robust.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "cli/robust.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/measure_words.h"
#ifdef CS_HAVE_DRAW
#include "draw/robust_plot.h"
#endif

/* --pin key: an assumption --robust varies, or a did-you-mean. */
static int pin_known(const char *key, cs_diag *d)
{
    const cs_plausible *pl = cs_plausible_find(key);
    if (pl && isfinite(pl->lo))
        return 0;
    if (pl) {
        cs_diag_error(d, "--pin %s: --robust never varies it (%s)", key, pl->reason);
        return -1;
    }
    size_t best = 3;
    const char *near = NULL;
    for (size_t i = 0; i < cs_plausible_count(); i++) {
        const cs_plausible *p = cs_plausible_at(i);
        size_t e = cs_edit_distance(key, p->key);
        if (isfinite(p->lo) && e < best)
            best = e, near = p->key;
    }
    cs_diag_error(d, "--pin %s: no assumption of that name has a plausible range%s%s%s "
                     "(circlesim params lists them)",
                  key, near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
    return -1;
}

int cs_robust_options(const options *o, const cs_scenario *a, const cs_scenario *b,
                      size_t *worlds, int **keys, size_t *nkeys, cs_diag *d)
{
    *worlds = 0;
    *keys = NULL;
    *nkeys = 0;
    if (!o->robust) {
        if (o->npins) {
            cs_usage_error(d, "--pin holds an assumption in --robust's worlds: give --robust N%s",
                           "");
            return EXIT_USAGE;
        }
        return 0;
    }
    long long n;
    if (cs_parse_count("--robust", o->robust, 2, 100000, &n, d))
        return EXIT_USAGE;
    int bad = 0;
    for (int i = 0; i < o->npins; i++)
        bad |= pin_known(o->pins[i], d) != 0;
    if (bad)
        return EXIT_USAGE;
    *keys = malloc(cs_plausible_count() * sizeof **keys);
    if (!*keys) {
        cs_diag_error(d, "out of memory");
        return EXIT_RUNTIME;
    }
    *nkeys = cs_robust_keys(a, b, o->pins, (size_t)o->npins, *keys, cs_plausible_count());
    if (*nkeys == 0) {
        cs_diag_error(d, "--robust: no assumption is left to vary (each is set by a scenario, "
                         "a --set or a --pin, or this model has none)");
        free(*keys);
        *keys = NULL;
        return EXIT_USAGE;
    }
    *worlds = (size_t)n;
    return 0;
}

int cs_robust_judge(const cs_robust *r, size_t m, const char *metric, double base,
                    int64_t seed, cs_robust_verdict *v)
{
    memset(v, 0, sizeof *v);
    v->metric = metric;
    v->sign = base > 0 ? 1 : base < 0 ? -1 : 0;
    v->lo = INFINITY;
    v->hi = -INFINITY;
    double *effect = malloc((r->worlds + 1) * sizeof *effect);
    v->hinges = malloc((r->nkeys + 1) * sizeof *v->hinges);
    if (!effect || !v->hinges) {
        free(effect);
        free(v->hinges);
        v->hinges = NULL;
        return CS_ERR_NOMEM;
    }
    for (size_t w = 0; w < r->worlds; w++) {
        const cs_compared *st = &r->st[w * r->nmetrics + m];
        effect[w] = st->diff_mean;
        if (!isfinite(st->diff_mean))
            continue;
        v->worlds++;
        v->lo = fmin(v->lo, st->diff_mean);
        v->hi = fmax(v->hi, st->diff_mean);
        const int same = v->sign > 0 ? st->diff_mean > 0 : st->diff_mean < 0;
        const int sure = st->diff_lo > 0 || st->diff_hi < 0;
        v->holds += (size_t)same;
        v->holds_sure += (size_t)(same && sure);
        v->flips_sure += (size_t)(!same && sure);
    }
    int rc = v->sign ? cs_robust_hinges(r->worlds, r->nkeys, r->x, effect, v->sign, seed,
                                        v->hinges)
                     : 0;
    free(effect);
    return rc;
}

/* A key's value as its row reads (whole numbers whole). */
static void key_value(char *buf, size_t n, int param, double v)
{
    const cs_param *p = cs_param_at((size_t)param);
    if (p->type == CS_T_INT)
        snprintf(buf, n, "%.1f", v);
    else
        snprintf(buf, n, "%.3g", v);
}

void cs_robust_lines(FILE *o, const cs_robust *r, const cs_robust_verdict *v)
{
    int money = 0;
    const char *words = cs_measure_words(v->metric, &money);
    fprintf(o, "across %zu plausible worlds, %s [%s]:\n  ", r->worlds, words, v->metric);
    if (v->worlds == 0) {
        fputs("no world gave a paired difference\n", o);
        return;
    }
    if (!v->sign) {
        fputs("no verdict to test: B - A is 0 in the scenario's own world\n", o);
        return;
    }
    const char *verb = v->sign > 0 ? "raises" : "lowers", *other = v->sign > 0 ? "lowers" : "raises";
    char lo[48], hi[48];
    cs_measure_number(lo, sizeof lo, v->lo, money);
    cs_measure_number(hi, sizeof hi, v->hi, money);
    const size_t flips = v->worlds - v->holds;
    if (flips == 0)
        fprintf(o, "B %s it in all %zu (its interval clear of 0 in %zu): the verdict holds",
                verb, v->worlds, v->holds_sure);
    else
        fprintf(o, "B %s it in %zu of %zu (%.0f%%; clear of 0 in %zu) and %s or leaves it in "
                   "%zu (clear of 0 in %zu)",
                verb, v->holds, v->worlds, 100.0 * (double)v->holds / (double)v->worlds,
                v->holds_sure, other, flips, v->flips_sure);
    fprintf(o, "; B - A from %s to %s%s\n", lo, hi,
            v->worlds < r->worlds ? " (some worlds' runs did not finish)" : "");
    if (r->nkeys == 0 || v->worlds < 3)
        return;
    /* The assumptions it hinges on: those ordering B - A at 5%, adjusted
     * for every key tried; three at most. */
    int said = 0;
    for (size_t i = 0; i < r->nkeys && said < 3; i++) {
        const cs_hinge *h = &v->hinges[i];
        if (!(h->p < 0.05))
            break;
        const int param = r->keys[h->key];
        const char *key = cs_param_at((size_t)param)->key;
        if (h->split) {
            char t[48];
            key_value(t, sizeof t, param, h->threshold);
            fprintf(o, "  %s %s: B %s it where %s is %s %s (that sorts %zu of %zu worlds; "
                       "Spearman's rho %+.2f with B - A, p %.2g for %zu assumptions tried)\n",
                    said ? "and on" : "it hinges on", key, verb, key,
                    h->holds_below ? "below" : "above", t, h->explained, v->worlds, h->rho,
                    h->p, r->nkeys);
        } else {
            fprintf(o, "  %s %s (Spearman's rho %+.2f with B - A, p %.2g for %zu assumptions "
                       "tried)\n",
                    said ? "and on" : "its size depends most on", key, h->rho, h->p, r->nkeys);
        }
        said++;
    }
    if (!said) {
        const cs_hinge *h = &v->hinges[0];
        fprintf(o, "  no single assumption orders B - A at 5%% for %zu tried (the closest: %s, "
                   "rho %+.2f, p %.2g); more worlds, or --pin what you know, could tell\n",
                r->nkeys, cs_param_at((size_t)r->keys[h->key])->key, h->rho, h->p);
    }
}

static void csv_number(FILE *o, double v)
{
    if (isfinite(v))
        fprintf(o, ",%.10g", v);
    else
        fputc(',', o);
}

int cs_robust_write_csv(const cs_robust *r, const char *const *metrics, const int *signs,
                        cs_diag *d)
{
    cs_atomic_file f;
    if (cs_folder_open_file("robust.csv", &f, d) != 0)
        return EXIT_RUNTIME;
    fputs("world,metric,pairs,a_mean,b_mean,diff_mean,diff_ci_lo,diff_ci_hi,holds", f.fp);
    for (size_t k = 0; k < r->nkeys; k++)
        fprintf(f.fp, ",%s", cs_param_at((size_t)r->keys[k])->key);
    fputc('\n', f.fp);
    for (size_t w = 0; w < r->worlds; w++)
        for (size_t m = 0; m < r->nmetrics; m++) {
            const cs_compared *st = &r->st[w * r->nmetrics + m];
            fprintf(f.fp, "%zu,%s,%zu", w + 1, metrics[m], r->pairs[w]);
            csv_number(f.fp, st->a_mean);
            csv_number(f.fp, st->b_mean);
            csv_number(f.fp, st->diff_mean);
            csv_number(f.fp, st->diff_lo);
            csv_number(f.fp, st->diff_hi);
            if (isfinite(st->diff_mean) && signs[m])
                fprintf(f.fp, ",%d", signs[m] > 0 ? st->diff_mean > 0 : st->diff_mean < 0);
            else
                fputc(',', f.fp);
            for (size_t k = 0; k < r->nkeys; k++)
                fprintf(f.fp, ",%s", r->value[w * r->nkeys + k]);
            fputc('\n', f.fp);
        }
    return cs_atomic_commit(&f, d) ? EXIT_RUNTIME : 0;
}

int cs_robust_picture(const cs_robust *r, const cs_robust_verdict *v, size_t m, cs_diag *d)
{
#ifdef CS_HAVE_DRAW
    if (!v->sign || v->worlds == 0 || r->nkeys == 0)
        return 0;
    enum { PANELS = 4 };
    const int panels = r->nkeys < PANELS ? (int)r->nkeys : PANELS;
    const char *keys[PANELS], *titles[PANELS];
    char title_text[PANELS][160];
    double threshold[PANELS];
    const size_t W = r->worlds;
    double *buf = malloc((size_t)(panels + 3) * W * sizeof *buf);
    int *holds = malloc(W * sizeof *holds);
    if (!buf || !holds) {
        free(buf);
        free(holds);
        cs_diag_error(d, "out of memory");
        return EXIT_RUNTIME;
    }
    double *y = buf + (size_t)panels * W, *lo = y + W, *hi = lo + W;
    for (size_t w = 0; w < W; w++) {
        const cs_compared *st = &r->st[w * r->nmetrics + m];
        y[w] = st->diff_mean;
        lo[w] = st->diff_lo;
        hi[w] = st->diff_hi;
        holds[w] = v->sign > 0 ? st->diff_mean > 0 : st->diff_mean < 0;
    }
    for (int k = 0; k < panels; k++) {
        const cs_hinge *h = &v->hinges[k];
        keys[k] = cs_param_at((size_t)r->keys[h->key])->key;
        threshold[k] = h->split && h->p < 0.05 ? h->threshold : NAN;
        snprintf(title_text[k], sizeof title_text[k], "against %s: rho %+.2f, p %.2g%s", keys[k],
                 h->rho, h->p, h->p < 0.05 ? "" : " (chance)");
        titles[k] = title_text[k];
        for (size_t w = 0; w < W; w++)
            buf[(size_t)k * W + w] = r->x[w * r->nkeys + h->key];
    }
    int money = 0;
    const char *words = cs_measure_words(v->metric, &money);
    char title[256];
    snprintf(title, sizeof title, "B - A of %s [%s] in each plausible world", words, v->metric);
    int rc = cs_robust_plot(cs_held_folder()->fd, "robust.png", title, cs_measure_unit(v->metric),
                            keys, titles, panels, buf, y, lo, hi, holds, threshold, (int)W, d);
    free(buf);
    free(holds);
    return rc ? EXIT_RUNTIME : 0;
#else
    (void)r, (void)v, (void)m, (void)d;
    return 0;
#endif
}
