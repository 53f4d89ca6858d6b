/* SPDX-License-Identifier: MIT */
/* robust.c - --robust and --pin, and what is said and written of the
 * worlds (robust.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "cli/robust.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/sweep.h"
#include "base/csv.h"
#include "cli/measure_words.h"
#ifdef CS_HAVE_DRAW
#include "draw/robust_plot.h"
#endif

/* --pin KEY or KEY=VALUE: an assumption --robust varies, or a
 * did-you-mean. */
static int pin_known(const char *pin, cs_diag *d)
{
    char key[128];
    snprintf(key, sizeof key, "%.*s", (int)strcspn(pin, "="), pin);
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

int cs_robust_pin_values(options *o, cs_diag *d)
{
    for (int i = 0; i < o->npins; i++) {
        if (!strchr(o->pins[i], '='))
            continue;
        if (o->nsets == (int)(sizeof o->sets / sizeof o->sets[0])) {
            cs_usage_error(d, "too many --set and --pin KEY=VALUE options%s", "");
            return EXIT_USAGE;
        }
        o->sets[o->nsets++] = o->pins[i];
    }
    return 0;
}

int cs_robust_held(const cs_scenario *const *arms, size_t narms, const options *o, char **text)
{
    size_t len = 0;
    FILE *f = open_memstream(text, &len);
    if (!f)
        return -1;
    int n = 0;
    for (size_t i = 0; i < cs_plausible_count(); i++) {
        const cs_plausible *pl = cs_plausible_at(i);
        const int p = cs_param_find(pl->key);
        int held = 0;
        for (size_t a = 0; a < narms && !held; a++)
            held = cs_scenario_given(arms[a], p);
        for (int j = 0; j < o->npins && !held; j++)
            held = !strcmp(o->pins[j], pl->key);
        if (isfinite(pl->lo) && cs_scenario_reads(arms[0], pl->key) && held)
            fprintf(f, "%s%s", n++ ? ", " : "", pl->key);
    }
    fclose(f);
    return *text ? 0 : -1;
}

int cs_robust_options(const options *o, const cs_scenario *const *arms, size_t narms,
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
    *nkeys = cs_robust_keys(arms, narms, o->pins, (size_t)o->npins, *keys, cs_plausible_count());
    if (*nkeys == 0) {
        cs_diag_error(d, "--robust: no assumption is left to vary (each is set by a scenario, "
                         "a variant, a --set or a --pin, or this model has none)");
        free(*keys);
        *keys = NULL;
        return EXIT_USAGE;
    }
    *worlds = (size_t)n;
    return 0;
}

/* Room for a verdict's arrays; 0 or CS_ERR_NOMEM. */
static int verdict_room(const cs_robust *r, const char *metric, cs_robust_verdict *v)
{
    memset(v, 0, sizeof *v);
    v->metric = metric;
    v->lo = INFINITY;
    v->hi = -INFINITY;
    const size_t W = r->worlds + 1;
    v->effect = malloc(W * sizeof *v->effect);
    v->elo = malloc(W * sizeof *v->elo);
    v->ehi = malloc(W * sizeof *v->ehi);
    v->best = calloc(W, sizeof *v->best);
    v->hinges = malloc((r->nkeys + 1) * sizeof *v->hinges);
    if (!v->effect || !v->elo || !v->ehi || !v->best || !v->hinges) {
        cs_robust_verdict_free(v);
        return CS_ERR_NOMEM;
    }
    return 0;
}

/* The counts, the range and the hinges from the effects. */
static int verdict_finish(const cs_robust *r, int64_t seed, cs_robust_verdict *v)
{
    for (size_t w = 0; w < r->worlds; w++) {
        const double e = v->effect[w];
        if (!isfinite(e))
            continue;
        v->worlds++;
        v->lo = fmin(v->lo, e);
        v->hi = fmax(v->hi, e);
        const int same = v->sign > 0 ? e > 0 : e < 0;
        const int sure = v->elo[w] > 0 || v->ehi[w] < 0;
        v->holds += (size_t)same;
        v->holds_sure += (size_t)(same && sure);
        v->flips_sure += (size_t)(!same && sure);
    }
    return v->sign ? cs_robust_hinges(r->worlds, r->nkeys, r->x, v->effect, v->sign, seed,
                                      v->hinges)
                   : 0;
}

void cs_robust_verdict_free(cs_robust_verdict *v)
{
    free(v->effect);
    free(v->elo);
    free(v->ehi);
    free(v->best);
    free(v->hinges);
    memset(v, 0, sizeof *v);
}

int cs_robust_judge(const cs_robust *r, size_t m, const char *metric, const cs_compared *base,
                    int64_t seed, cs_robust_verdict *v)
{
    if (verdict_room(r, metric, v))
        return CS_ERR_NOMEM;
    v->sign = base->diff_mean > 0 ? 1 : base->diff_mean < 0 ? -1 : 0;
    v->own_clear = base->diff_lo > 0 || base->diff_hi < 0;
    v->own_undefined = isnan(base->diff_mean);
    for (size_t w = 0; w < r->worlds; w++) {
        /* B (side 1) against A. */
        const cs_compared *st = &r->st[(w * r->nmetrics + m) * (r->sides - 1)];
        v->effect[w] = st->diff_mean;
        v->elo[w] = st->diff_lo;
        v->ehi[w] = st->diff_hi;
    }
    return verdict_finish(r, seed, v);
}

/* Variant s's value of measure m in replicate k of world w. */
static double run_value(const cs_robust *r, size_t w, size_t m, size_t s, size_t k)
{
    return r->runs[((w * r->nmetrics + m) * r->sides + s) * r->replicates + k];
}

/* The sum of variant s's values of measure m over world w's replicates. */
static double run_sum(const cs_robust *r, size_t w, size_t m, size_t s)
{
    double sum = 0;
    for (size_t k = 0; k < r->replicates; k++)
        sum += run_value(r, w, m, s, k);
    return sum;
}

int cs_robust_judge_variants(const cs_robust *r, size_t m, const char *metric, size_t winner,
                             int own_clear, int64_t seed, cs_robust_verdict *v)
{
    if (verdict_room(r, metric, v))
        return CS_ERR_NOMEM;
    v->sign = 1;
    v->own_clear = own_clear;
    double *x = malloc((r->replicates + 1) * sizeof *x);
    if (!x) {
        cs_robust_verdict_free(v);
        return CS_ERR_NOMEM;
    }
    for (size_t w = 0; w < r->worlds; w++) {
        /* The highest mean of the world, and the highest but the winner. */
        size_t best = SIZE_MAX, next = SIZE_MAX;
        double bm = -INFINITY, nm = -INFINITY;
        for (size_t s = 0; s < r->sides; s++) {
            const double mean = run_sum(r, w, m, s) / (double)r->replicates;
            if (!isfinite(mean))
                continue;
            if (mean > bm)
                bm = mean, best = s;
            if (s != winner && mean > nm)
                nm = mean, next = s;
        }
        v->best[w] = best;
        v->effect[w] = v->elo[w] = v->ehi[w] = NAN;
        if (best == SIZE_MAX || next == SIZE_MAX)
            continue;
        size_t n = 0;
        for (size_t k = 0; k < r->replicates; k++) {
            const double d = run_value(r, w, m, winner, k) - run_value(r, w, m, next, k);
            if (isfinite(d))
                x[n++] = d;
        }
        cs_stats st;
        cs_stats_of(x, n, &st);
        v->effect[w] = n == r->replicates ? st.mean : NAN;
        v->elo[w] = st.ci_lo;
        v->ehi[w] = st.ci_hi;
    }
    free(x);
    return verdict_finish(r, seed, v);
}

/* A threshold of a key as its values read: between two whole numbers to
 * the half, yuan to the yuan, other numbers to four digits (never in
 * exponent form for the sizes keys take). */
static void key_value(char *buf, size_t n, int param, double v)
{
    const cs_param *p = cs_param_at((size_t)param);
    if (p->type == CS_T_INT)
        snprintf(buf, n, "%.1f", v);
    else if (p->unit && !strncmp(p->unit, "yuan", 4) && fabs(v) >= 100)
        snprintf(buf, n, "%.0f", v);
    else
        snprintf(buf, n, "%.4g", v);
}

/* The assumptions the verdict (claim: "B raises it", "X stays highest")
 * hinges on: those ordering its effect at 5%, adjusted for every key
 * tried; three at most, or the closest when none does. */
static void hinge_lines(FILE *o, const cs_robust *r, const cs_robust_verdict *v,
                        const char *claim)
{
    int said = 0;
    for (size_t i = 0; i < r->nkeys && said < 3; i++) {
        const cs_hinge *h = &v->hinges[i];
        if (!(h->p < 0.05))
            break;
        const int param = r->keys[h->key];
        const char *key = cs_param_at((size_t)param)->key;
        if (h->split && isfinite(h->threshold)) {
            char t[48];
            key_value(t, sizeof t, param, h->threshold);
            fprintf(o, "  %s %s: %s where %s is %s %s (that sorts %zu of %zu worlds; "
                       "Spearman's rho %+.2f with the effect, p %.2g for %zu assumptions "
                       "tried)\n",
                    said ? "and on" : "it hinges on", key, claim, key,
                    h->holds_below ? "below" : "above", t, h->explained, v->worlds, h->rho,
                    h->p, r->nkeys);
        } else if (h->split) {
            fprintf(o, "  %s %s (Spearman's rho %+.2f with the effect, p %.2g for %zu "
                       "assumptions tried; no one value of it splits the worlds where it flips "
                       "from the rest)\n",
                    said ? "and on" : "it hinges on", key, h->rho, h->p, r->nkeys);
        } else {
            fprintf(o, "  %s %s (Spearman's rho %+.2f with the effect, p %.2g for %zu "
                       "assumptions tried)\n",
                    said ? "and on" : "its size depends most on", key, h->rho, h->p, r->nkeys);
        }
        said++;
    }
    if (!said && r->nkeys) {
        const cs_hinge *h = &v->hinges[0];
        fprintf(o, "  no single assumption orders the effect at 5%% for %zu tried (the "
                   "closest: %s, rho %+.2f, p %.2g); more worlds, or --pin what you know, "
                   "could tell\n",
                r->nkeys, cs_param_at((size_t)r->keys[h->key])->key, h->rho, h->p);
    }
}

void cs_robust_hinge_names(FILE *o, const cs_robust *r, const cs_robust_verdict *v, int *first)
{
    /* Only a verdict that flips in some world hinges on anything; one that
     * holds everywhere has a size that depends on assumptions, no more. */
    const int flips = v->holds < v->worlds;
    for (size_t i = 0; flips && v->sign && v->worlds >= 3 && i < r->nkeys && i < 3; i++) {
        const cs_hinge *h = &v->hinges[i];
        if (!(h->p < 0.05))
            break;
        fprintf(o, "%s%s (on %s)", *first ? "" : "; ", cs_param_at((size_t)r->keys[h->key])->key,
                v->metric);
        *first = 0;
    }
}

void cs_robust_lines(FILE *o, const cs_robust *r, const cs_robust_verdict *v,
                     const char *const *names, size_t winner)
{
    int money = 0;
    const char *words = cs_measure_words(v->metric, &money);
    fprintf(o, "across %zu plausible worlds, %s [%s]:\n  ", r->worlds, words, v->metric);
    if (v->worlds == 0) {
        fputs("no world gave a paired difference\n", o);
        return;
    }
    if (!v->sign) {
        fputs(v->own_undefined ? "no verdict to test: B - A has no value in the scenario's own "
                                 "world (a ROI or ROAS needs spend in every run)\n"
                               : "no verdict to test: B - A is 0 in the scenario's own world\n",
              o);
        return;
    }
    if (!v->own_clear)
        fputs(names ? "(in the scenario's own world its lead is not told from 0: what is tested "
                      "is who is highest)\n  "
                    : "(in the scenario's own world B - A is not told from 0: what is tested is "
                      "its sign there)\n  ",
              o);
    char lo[48], hi[48];
    cs_measure_number(lo, sizeof lo, v->lo, money);
    cs_measure_number(hi, sizeof hi, v->hi, money);
    const size_t flips = v->worlds - v->holds;
    char unfinished[96] = "";
    if (v->worlds < r->worlds)
        snprintf(unfinished, sizeof unfinished, " (no value in %zu worlds: a ratio without spend)",
                 r->worlds - v->worlds);
    char claim[256];
    if (names) {
        snprintf(claim, sizeof claim, "%s stays highest", names[winner]);
        fprintf(o, "%s, highest in the scenario's own world, stays highest in %zu of %zu (%.0f%%; "
                   "its lead clear of 0 in %zu)",
                names[winner], v->holds, v->worlds, 100.0 * (double)v->holds / (double)v->worlds,
                v->holds_sure);
        /* Who is highest where it is not (a world where it only ties is
         * not one it stays highest in). */
        size_t tied = 0;
        for (size_t w = 0; w < r->worlds; w++)
            tied += isfinite(v->effect[w]) && v->effect[w] <= 0 && v->best[w] == winner;
        for (size_t s = 0; flips && s < r->sides; s++) {
            size_t n = 0;
            for (size_t w = 0; w < r->worlds; w++)
                n += isfinite(v->effect[w]) && v->best[w] == s && s != winner;
            if (n)
                fprintf(o, "; %s in %zu", names[s], n);
        }
        if (tied)
            fprintf(o, "; tied with the next in %zu", tied);
        fprintf(o, "; its lead over the next from %s to %s%s\n", lo, hi, unfinished);
    } else {
        const char *verb = v->sign > 0 ? "raises" : "lowers";
        snprintf(claim, sizeof claim, "B %s it", verb);
        if (flips == 0)
            fprintf(o, "B %s it in all %zu (its interval clear of 0 in %zu): %s", verb, v->worlds,
                    v->holds_sure, v->own_clear ? "the verdict holds" : "the sign holds");
        else
            fprintf(o, "B %s it in %zu of %zu (%.0f%%; clear of 0 in %zu) and %s or leaves it "
                       "in %zu (clear of 0 in %zu)",
                    verb, v->holds, v->worlds, 100.0 * (double)v->holds / (double)v->worlds,
                    v->holds_sure, v->sign > 0 ? "lowers" : "raises", flips, v->flips_sure);
        fprintf(o, "; B - A from %s to %s%s\n", lo, hi, unfinished);
    }
    if (v->worlds >= 3)
        hinge_lines(o, r, v, claim);
}

static void csv_number(FILE *o, double v)
{
    if (isfinite(v))
        fprintf(o, ",%.10g", v);
    else
        fputc(',', o);
}

int cs_robust_write_csv(const cs_robust *r, const char *const *metrics, const int *signs,
                        const char *const *names, cs_diag *d)
{
    cs_atomic_file f;
    if (cs_folder_open_file("robust.csv", &f, d) != 0)
        return EXIT_RUNTIME;
    if (names)
        fputs("world,metric,variant,pairs,mean,diff_vs_first,diff_ci_lo,diff_ci_hi,highest", f.fp);
    else
        fputs("world,metric,pairs,a_mean,b_mean,diff_mean,diff_ci_lo,diff_ci_hi,holds", f.fp);
    for (size_t k = 0; k < r->nkeys; k++)
        fprintf(f.fp, ",%s", cs_param_at((size_t)r->keys[k])->key);
    fputc('\n', f.fp);
    for (size_t w = 0; w < r->worlds; w++)
        for (size_t m = 0; m < r->nmetrics; m++)
            for (size_t s = names ? 0 : 1; s < (names ? r->sides : 2); s++) {
                const cs_compared *st =
                    s ? &r->st[(w * r->nmetrics + m) * (r->sides - 1) + s - 1] : NULL;
                fprintf(f.fp, "%zu,%s", w + 1, metrics[m]);
                if (names) {
                    /* The variant's own mean, and its paired difference from the first. */
                    const double sum = run_sum(r, w, m, s);
                    fputc(',', f.fp);
                    cs_csv_field(f.fp, names[s]);
                    fprintf(f.fp, ",%zu", r->pairs[w]);
                    csv_number(f.fp, sum / (double)r->replicates);
                    csv_number(f.fp, st ? st->diff_mean : 0);
                    csv_number(f.fp, st ? st->diff_lo : NAN);
                    csv_number(f.fp, st ? st->diff_hi : NAN);
                    /* Whether it is the highest of the world. */
                    int top = 1;
                    for (size_t o = 0; o < r->sides && top; o++)
                        top = !(run_sum(r, w, m, o) > sum);
                    fprintf(f.fp, ",%d", isfinite(sum) && top);
                } else {
                    fprintf(f.fp, ",%zu", r->pairs[w]);
                    csv_number(f.fp, st->a_mean);
                    csv_number(f.fp, st->b_mean);
                    csv_number(f.fp, st->diff_mean);
                    csv_number(f.fp, st->diff_lo);
                    csv_number(f.fp, st->diff_hi);
                    if (isfinite(st->diff_mean) && signs[m])
                        fprintf(f.fp, ",%d",
                                signs[m] > 0 ? st->diff_mean > 0 : st->diff_mean < 0);
                    else
                        fputc(',', f.fp);
                }
                for (size_t k = 0; k < r->nkeys; k++)
                    fprintf(f.fp, ",%s", r->value[w * r->nkeys + k]);
                fputc('\n', f.fp);
            }
    return cs_atomic_commit(&f, d) ? EXIT_RUNTIME : 0;
}

int cs_robust_picture_worth(const cs_robust_verdict *v)
{
    if (!v->sign || v->worlds == 0)
        return 0;
    const int flips = v->holds < v->worlds;
    const int hinge = v->worlds >= 3 && v->hinges && v->hinges[0].p < 0.05;
    return flips ? 3 + 2 * hinge + v->own_clear : 1 + hinge;
}

int cs_robust_picture(const cs_robust *r, const cs_robust_verdict *v, const char *what,
                      int *drawn, cs_diag *d)
{
    *drawn = 0;
#ifdef CS_HAVE_DRAW
    if (!v->sign || v->worlds == 0 || r->nkeys == 0)
        return 0;
    enum { PANELS = 4 };
    const int panels = r->nkeys < PANELS ? (int)r->nkeys : PANELS;
    const char *keys[PANELS], *titles[PANELS];
    char title_text[PANELS][160];
    double threshold[PANELS];
    const size_t W = r->worlds;
    double *x = malloc((size_t)panels * W * sizeof *x);
    int *holds = malloc(W * sizeof *holds);
    if (!x || !holds) {
        free(x);
        free(holds);
        cs_diag_error(d, "out of memory");
        return EXIT_RUNTIME;
    }
    for (size_t w = 0; w < W; w++)
        holds[w] = v->sign > 0 ? v->effect[w] > 0 : v->effect[w] < 0;
    for (int k = 0; k < panels; k++) {
        const cs_hinge *h = &v->hinges[k];
        keys[k] = cs_param_at((size_t)r->keys[h->key])->key;
        threshold[k] = h->split && h->p < 0.05 ? h->threshold : NAN;
        snprintf(title_text[k], sizeof title_text[k], "against %s: rho %+.2f, p %.2g%s", keys[k],
                 h->rho, h->p, h->p < 0.05 ? "" : " (chance)");
        titles[k] = title_text[k];
        for (size_t w = 0; w < W; w++)
            x[(size_t)k * W + w] = r->x[w * r->nkeys + h->key];
    }
    int money = 0;
    const char *words = cs_measure_words(v->metric, &money);
    char title[320];
    snprintf(title, sizeof title, "%s of %s [%s] in each plausible world", what, words,
             v->metric);
    int rc = cs_robust_plot(cs_held_folder()->fd, "robust.png", title, cs_measure_unit(v->metric),
                            keys, titles, panels, x, v->effect, v->elo, v->ehi, holds, threshold,
                            (int)W, d);
    free(x);
    free(holds);
    *drawn = rc == 0;
    return rc ? EXIT_RUNTIME : 0;
#else
    (void)r, (void)v, (void)what, (void)d;
    return 0;
#endif
}
