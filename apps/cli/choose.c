/* SPDX-License-Identifier: MIT */
/* choose.c - `circlesim optimize --choose K`: which K users to seed.
 *
 * The cascade has a guarantee: IMM over reverse-reachable sets (imm.c). The
 * Bass and platform models have none: greedy selection with lazy
 * evaluation (celf.c) over the mean objective of R runs, every candidate
 * set run on the same R seeds (common random numbers), so two sets are
 * compared on the same draws. Every run of one optimization shares the
 * world (world_seed: network, users and their roles, the warm-up), so a
 * user index means the same person in each.
 *
 * Beside the choice, the seed sets a user would otherwise pick are run on
 * R fresh seeds: random, highest degree, highest trust and circle owners,
 * and no seeding at all, each with its mean, 95% interval, and the paired
 * difference from the optimizer's set. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fileio.h"
#include "analysis/influence.h"
#include "engine/memory.h"
#include "circlesim/rng.h"
#include "analysis/sweep.h"
#include "cli/optimize.h"
#include "cli/report.h"
#include "cli/progress.h"
#include "base/quote.h"
#include "models/seeding.h"
#ifdef CS_HAVE_DRAW
#include "draw/sweep_plot.h"
#endif

enum { CELF_BATCH = 4 }; /* stale candidates evaluated again at once: fixed, so the choice is */

/* What --choose knows of the world's users at day 0. */
struct cs_chooser {
    cs_optimizer *z;
    cs_run *world;        /* the base scenario, initialized, never stepped */
    uint32_t n;
    uint8_t *pool;        /* pool[u]: u may be chosen */
    uint32_t *pool_list;  /* the pool in index order */
    size_t npool;
    size_t k;
    double epsilon, ell;
    size_t screen;
    int objective;
    /* Evaluation state for CELF. */
    size_t evaluations;
    size_t ncand;         /* candidates greedy considers */
    int interrupted;
    char *invalid_sets;   /* a seed set whose scenario failed validation (a bug if ever) */
};
typedef struct cs_chooser chooser;

static int is_platform(const chooser *c)
{
    return cs_model_has_brand(cs_scenario_model(c->z->base));
}

/* CELF's set function: the mean objective over the R fitting seeds. */
static int eval_sets(const uint32_t *base, size_t nbase, const uint32_t *add, size_t m,
                     double *out, void *ctx)
{
    chooser *c = ctx;
    const int64_t R = c->z->replicates;
    cs_batch_task *t = cs_batch_tasks(&c->z->farm, m * (size_t)R);
    char **sets = calloc(m, sizeof *sets);
    int rc = t && sets ? 0 : CS_ERR_NOMEM;
    for (size_t i = 0; i < m && !rc; i++) {
        sets[i] = cs_seed_assignments(cs_scenario_model(c->z->base), base, nbase, add[i]);
        if (!sets[i])
            rc = CS_ERR_NOMEM;
        for (int64_t r = 0; r < R && !rc; r++) {
            cs_batch_task *x = &t[i * (size_t)R + (size_t)r];
            x->sets = sets[i];
            x->seed = cs_optimizer_seed(c->z, r, 0);
        }
    }
    if (!rc && cs_batch_run(&c->z->farm, t, m * (size_t)R) != 0) {
        c->interrupted = 1;
        rc = 1;
    }
    for (size_t i = 0; i < m && !rc; i++) {
        double sum = 0;
        int ok = 1;
        for (int64_t r = 0; r < R && !c->invalid_sets; r++)
            if (t[i * (size_t)R + (size_t)r].status > 0 && (c->invalid_sets = strdup(sets[i])))
                rc = 2;
        for (int64_t r = 0; r < R; r++) {
            const cs_batch_task *x = &t[i * (size_t)R + (size_t)r];
            ok &= x->status == 0 && isfinite(x->values[0]);
            sum += x->values[0];
        }
        out[i] = ok ? sum / (double)R : NAN;
    }
    /* After the first evaluation (the empty set), the pace is known: say
     * what the first round will take before it starts. */
    if (c->evaluations == 0 && rc == 0 && !c->z->quiet && c->z->farm.runs > 0) {
        const cs_batch *f = &c->z->farm;
        double per_run = f->seconds / (double)f->runs; /* wall time, runs side by side */
        double first = per_run * (double)(c->ncand * (size_t)R);
        printf("optimize: a run takes about %.3g s here; the first round, %zu runs, about %.3g "
               "s%s\n",
               f->seconds * f->jobs / (double)f->runs, c->ncand * (size_t)R, first,
               first > 3600 ? " (hours: fewer --days, a smaller --screen or more ranks help)" : "");
        fflush(stdout);
    }
    c->evaluations += m;
    for (size_t i = 0; sets && i < m; i++)
        free(sets[i]);
    free(sets);
    free(t);
    return rc;
}

/* ---- the pool ---- */

/* A file of user ids: one per line, blank lines and # comments allowed.
 * Every bad line is reported at its place. */
static int read_pool_file(chooser *c, const char *path, cs_diag *d)
{
    char *text = NULL;
    size_t len = 0;
    const char *why = NULL;
    if (cs_read_file(path, (size_t)1 << 30, &text, &len, &why) != 0) {
        cs_diag_error(d, "--pool %s: cannot read: %s", path, why ? why : "unknown error");
        return EXIT_USAGE;
    }
    int bad = 0, lineno = 0;
    size_t start = len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3) ? 3 : 0; /* a UTF-8 mark */
    for (size_t at = start; at < len;) {
        size_t end = at;
        while (end < len && text[end] != '\n')
            end++;
        lineno++;
        size_t s = at, e = end;
        while (s < e && (text[s] == ' ' || text[s] == '\t'))
            s++;
        while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r'))
            e--;
        int col = (int)(s - at) + 1;
        at = end + 1;
        if (s == e || text[s] == '#')
            continue;
        long long v = -1;
        size_t k = s;
        while (k < e && text[k] >= '0' && text[k] <= '9' && v < (long long)c->n)
            v = (v < 0 ? 0 : v * 10) + (text[k++] - '0');
        if (k != e || v < 0 || v >= (long long)c->n) {
            char shown[80];
            cs_diag_quote(shown, sizeof shown, text + s, e - s);
            cs_diag_at(d, path, lineno, col, "expected a user id from 0 to %u, found '%s'",
                       c->n - 1, shown);
            bad = 1;
            continue;
        }
        if (c->pool[v]) {
            cs_diag_at(d, path, lineno, col, "user %lld is listed twice", v);
            bad = 1;
        }
        c->pool[v] = 1;
    }
    free(text);
    return bad ? EXIT_USAGE : 0;
}

static int build_pool(chooser *c, cs_diag *d)
{
    const char *pool = c->z->o->pool ? c->z->o->pool : is_platform(c) ? "kocs" : "all";
    c->pool = calloc(c->n ? c->n : 1, 1);
    c->pool_list = malloc((c->n ? c->n : 1) * sizeof *c->pool_list);
    if (!c->pool || !c->pool_list)
        return EXIT_RUNTIME;
    int kocs = !strcmp(pool, "kocs"), all = !strcmp(pool, "all");
    if (kocs && !is_platform(c)) {
        cs_diag_error(d, "--pool kocs: the %s model has no KOCs; use --pool all or a file of "
                         "user ids",
                      cs_model_name(cs_scenario_model(c->z->base)));
        return EXIT_USAGE;
    }
    if (!kocs && !all) {
        int code = read_pool_file(c, pool, d);
        if (code)
            return code;
    }
    size_t absent = 0;
    for (uint32_t u = 0; u < c->n; u++) {
        cs_user_view v;
        cs_run_view_user(c->world, u, &v);
        int registered = v.stage != CS_STAGE_ABSENT;
        if (kocs || all)
            c->pool[u] = registered && (all || (v.roles & CS_ROLE_KOC));
        else if (c->pool[u] && !registered) {
            c->pool[u] = 0; /* seeding someone not on the platform does nothing */
            absent++;
        }
        if (c->pool[u])
            c->pool_list[c->npool++] = u;
    }
    if (absent)
        cs_diag_warn(d, "%zu users of %s are not registered at day 0 and cannot be seeded; they "
                        "are left out",
                     absent, pool);
    if (c->npool == 0 && !kocs && !all) {
        cs_diag_error(d, "--pool %s lists no user registered at day 0", pool);
        return EXIT_USAGE;
    }
    if (c->npool < c->k) {
        cs_diag_error(d, "--choose %zu: the pool (%s) holds only %zu users registered at day 0",
                      c->k, pool, c->npool);
        return EXIT_USAGE;
    }
    return 0;
}

/* ---- rankings: the baselines, and the screen for greedy ---- */

typedef struct ranked {
    uint32_t u;
    double key;
} ranked;

static int by_key_desc(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? 1 : -1;
    return (x->u > y->u) - (x->u < y->u);
}

enum { RANK_DEGREE, RANK_TRUST, RANK_OWNERS, RANK_COUNT };

/* The pool ranked by one rule, best first; *n the users it ranks (owners:
 * only owners). Returns NULL when out of memory. */
static uint32_t *ranking(const chooser *c, int rule, size_t *n)
{
    ranked *r = malloc((c->npool ? c->npool : 1) * sizeof *r);
    uint32_t *out = malloc((c->npool ? c->npool : 1) * sizeof *out);
    if (!r || !out) {
        free(r);
        free(out);
        return NULL;
    }
    size_t m = 0;
    for (size_t i = 0; i < c->npool; i++) {
        uint32_t u = c->pool_list[i];
        cs_user_view v;
        cs_run_view_user(c->world, u, &v);
        double degree = (double)cs_network_degree(cs_run_network(c->world), u);
        if (rule == RANK_DEGREE)
            r[m++] = (ranked){u, degree};
        else if (rule == RANK_TRUST && !isnan(v.trust))
            r[m++] = (ranked){u, v.trust};
        else if (rule == RANK_OWNERS && (v.roles & (CS_ROLE_GROUP_OWNER | CS_ROLE_CIRCLE_OWNER)))
            r[m++] = (ranked){u, degree};
    }
    qsort(r, m, sizeof *r, by_key_desc);
    for (size_t i = 0; i < m; i++)
        out[i] = r[i].u;
    free(r);
    *n = m;
    return out;
}

/* The candidates greedy considers: the rankings taken in turn, a user at a
 * time, until `want` distinct users (the whole pool when smaller). */
static uint32_t *screen(const chooser *c, size_t want, size_t *n)
{
    if (want > c->npool)
        want = c->npool;
    uint32_t *list[RANK_COUNT];
    size_t len[RANK_COUNT], at[RANK_COUNT] = {0};
    uint8_t *taken = calloc(c->n ? c->n : 1, 1);
    uint32_t *out = malloc((want ? want : 1) * sizeof *out);
    int ok = taken && out;
    for (int k = 0; k < RANK_COUNT; k++) {
        list[k] = ranking(c, k, &len[k]);
        ok &= list[k] != NULL;
    }
    size_t m = 0;
    while (ok && m < want) {
        int progressed = 0;
        for (int k = 0; k < RANK_COUNT && m < want; k++) {
            while (at[k] < len[k] && taken[list[k][at[k]]])
                at[k]++;
            if (at[k] < len[k]) {
                taken[list[k][at[k]]] = 1;
                out[m++] = list[k][at[k]++];
                progressed = 1;
            }
        }
        if (!progressed)
            break;
    }
    for (int k = 0; k < RANK_COUNT; k++)
        free(list[k]);
    free(taken);
    if (!ok) {
        free(out);
        return NULL;
    }
    *n = m;
    return out;
}

/* ---- outputs ---- */

static void role_text(const cs_user_view *v, int platform, char *out, size_t cap)
{
    static const struct {
        int bit;
        const char *name;
    } roles[] = {{CS_ROLE_KOC, "koc"},
                 {CS_ROLE_KOL, "kol"},
                 {CS_ROLE_GROUP_OWNER, "group_owner"},
                 {CS_ROLE_CIRCLE_OWNER, "circle_owner"}};
    out[0] = '\0';
    size_t len = 0;
    for (size_t i = 0; platform && i < sizeof roles / sizeof roles[0]; i++)
        if (v->roles & roles[i].bit)
            len += (size_t)snprintf(out + len, len < cap ? cap - len : 0, "%s%s",
                                    len ? "+" : "", roles[i].name);
    if (!len)
        snprintf(out, cap, "user");
}

static int write_seeds(const chooser *c, const uint32_t *chosen, const double *gain, size_t k,
                       cs_diag *d)
{
    char *text = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&text, &len);
    if (!o)
        return EXIT_RUNTIME;
    fputs("rank,user,role,tier,degree,gain\n", o);
    for (size_t i = 0; i < k; i++) {
        cs_user_view v;
        cs_run_view_user(c->world, chosen[i], &v);
        char role[80];
        role_text(&v, is_platform(c), role, sizeof role);
        fprintf(o, "%zu,%u,%s,%s,%llu,", i + 1, chosen[i], role,
                v.tier >= 0 && v.tier < CS_TIER_COUNT ? cs_tier_names[v.tier] : "",
                (unsigned long long)cs_network_degree(cs_run_network(c->world), chosen[i]));
        if (isfinite(gain[i]))
            fprintf(o, "%.10g", gain[i]);
        fputc('\n', o);
    }
    int code = fclose(o) == 0 && cs_folder_write_text("seeds.csv", text, d) == 0
                   ? 0
                   : EXIT_RUNTIME;
    free(text);
    return code;
}

/* seeds.yaml: the seeds as scenario keys, and the same as --set options. */
static int write_snippet(const chooser *c, const uint32_t *chosen, size_t k, const char *what,
                         cs_diag *d)
{
    char *list = NULL, *text = NULL;
    size_t list_len = 0, len = 0;
    FILE *l = open_memstream(&list, &list_len);
    if (!l)
        return EXIT_RUNTIME;
    fputc('[', l);
    for (size_t i = 0; i < k; i++)
        fprintf(l, "%s%u", i ? ", " : "", chosen[i]);
    fputc(']', l);
    FILE *o = fclose(l) == 0 ? open_memstream(&text, &len) : NULL;
    if (!o) {
        free(list);
        return EXIT_RUNTIME;
    }
    int model = cs_scenario_model(c->z->base);
    const long long world = (long long)c->z->farm.world_seed;
    fprintf(o, "# %s\n# %s\n#\n# The ids name users of the world this command ran in: the "
               "scenario with the\n# command's --set options (population, network) and "
               "world_seed %lld. optimized.yaml\n# is that scenario with the seeds, ready to run. "
               "Into the same scenario, merge\n# the keys below (into its own %s: block if it has "
               "one), or give them on\n# the command line:\n#   --set world_seed=%lld",
            c->z->command, what, world, cs_seed_block_name(model), world);
    cs_seed_options(o, c->z->base, list, k);
    fputs("# world_seed keeps the network and the users these ids name whatever the run's "
          "seed\n# (a sweep's replicates change the seed).\n", o);
    fprintf(o, "world_seed: %lld\n", world);
    cs_seed_block(o, c->z->base, list, k);
    int code = fclose(o) == 0 && cs_folder_write_text("seeds.yaml", text, d) == 0
                   ? 0
                   : EXIT_RUNTIME;
    free(text);
    free(list);
    return code;
}

/* optimized.yaml: the scenario, resolved, with the seeds. */
static int write_optimized(const chooser *c, const uint32_t *chosen, size_t k, const char *what,
                           cs_diag *d)
{
    char *sets = cs_seed_assignments(cs_scenario_model(c->z->base), chosen, k, CS_NO_ADD);
    cs_scenario *sc = NULL;
    int code = sets && cs_batch_scenario_new(&c->z->farm, sets, c->z->base_seed, &sc, d) == 0
                   ? 0
                   : EXIT_RUNTIME;
    char *yaml = code ? NULL : cs_scenario_to_yaml(sc, 0), *head = NULL;
    if (!code && (!yaml || asprintf(&head, "# %s\n# %s\n%s", c->z->command, what, yaml) < 0 ||
                  cs_folder_write_text("optimized.yaml", head, d) != 0))
        code = EXIT_RUNTIME;
    if (sets)
        cs_scenario_close(sc);
    free(sets);
    free(yaml);
    free(head);
    return code;
}

#ifdef CS_HAVE_DRAW
static int plot_gain(const chooser *c, const double *gain, size_t k, cs_diag *d)
{
    char *path = NULL, *title = NULL;
    int rc = -1;
    if (asprintf(&path, "%s/gain.png", c->z->o->out) >= 0 &&
        asprintf(&title, "Seeds: what each adds to %s%s, in the order chosen",
                 cs_objective_names[c->objective],
                 c->objective == CS_OBJ_BUYERS ? "" : " (yuan)") >= 0)
        rc = cs_rank_plot(cs_held_folder()->fd, path, title, "marginal gain", gain, (int)k, d);
    free(path);
    free(title);
    return rc;
}
#endif

/* ---- baselines ---- */

enum { B_OPTIMIZER, B_RANDOM, B_DEGREE, B_TRUST, B_OWNERS, B_NONE, B_COUNT };
static const char *const baseline_names[B_COUNT] = {"optimizer", "random", "degree",
                                                    "trust",     "owners", "none"};

/* k random users of the pool for fresh replicate r. */
static char *random_sets(const chooser *c, size_t k, int64_t r, uint32_t *scratch)
{
    memcpy(scratch, c->pool_list, c->npool * sizeof *scratch);
    cs_pcg32 rng = cs_rng_stream((uint64_t)c->z->base_seed, CS_STREAM_OPTIMIZE, (uint64_t)r, 0);
    for (size_t i = 0; i < k; i++) {
        size_t j = i + cs_pcg32_bounded64(&rng, c->npool - i);
        uint32_t t = scratch[i];
        scratch[i] = scratch[j];
        scratch[j] = t;
    }
    return cs_seed_assignments(cs_scenario_model(c->z->base), scratch, k, CS_NO_ADD);
}

/* report.html: the question (K seeds from the pool, the objective), the
 * verdict (the choice against the best baseline, paired), the table of
 * strategies on fresh seeds, the gains, and the caveats. */
static int write_report(const chooser *c, size_t k, double fitted, const cs_stats *row,
                        const cs_stats *diff, const size_t *n, const char *const *note, int best,
                        cs_diag *d)
{
    const cs_optimizer *z = c->z;
    const int money = c->objective != CS_OBJ_BUYERS;
    char title[320], *text;
    size_t text_len;
    snprintf(title, sizeof title, "whom to seed: %zu users of %s", k,
             cs_scenario_name(z->base));
    FILE *o = cs_html_open(&text, &text_len, title, d);
    if (!o)
        return EXIT_RUNTIME;
    fprintf(o, "<h1>Whom to seed: %zu users <span class=\"q\">of</span> ", k);
    cs_html_text(o, cs_scenario_name(z->base));
    const int imm = cs_model_is_cascade(cs_scenario_model(z->base));
    fprintf(o, "</h1>\n<p class=\"q\"><b>Objective:</b> %s. ", cs_objective_names[c->objective]);
    if (imm)
        fputs("The choice was made by IMM on reverse-reachable sets", o);
    else
        fprintf(o, "The choice was fitted on %lld runs", (long long)z->replicates);
    fprintf(o, "; the figures below are on %lld fresh seeds, the same for every strategy "
               "(paired).</p>\n<h2>Verdict</h2>\n",
            (long long)z->replicates);
    if (best >= 0 && n[B_OPTIMIZER] > 0) {
        char m[64], lo[64], hi[64];
        cs_html_number(m, sizeof m, diff[best].mean, money);
        cs_html_number(lo, sizeof lo, diff[best].ci_lo, money);
        cs_html_number(hi, sizeof hi, diff[best].ci_hi, money);
        fprintf(o, "<div class=\"verdict\">The choice against the best baseline (%s): %s%s "
                   "(95%% interval %s to %s)%s.</div>\n",
                baseline_names[best], diff[best].mean > 0 ? "+" : "", m, lo, hi,
                diff[best].ci_lo > 0   ? ": the choice does better"
                : diff[best].ci_hi < 0 ? ": the baseline does better"
                                       : ": not distinguishable with these runs");
    } else {
        fputs("<p class=\"warn\">No baseline could be compared.</p>\n", o);
    }
    if (n[B_OPTIMIZER] > 1 && fitted > row[B_OPTIMIZER].ci_hi)
        fputs(imm ? "<p class=\"warn\">IMM's estimate of the choice is above its interval on "
                    "fresh seeds: it was fitted to the noise of its sets.</p>\n"
                  : "<p class=\"warn\">The choice scored above its interval on fresh seeds: it "
                    "was fitted to the runs' noise; more --replicates choose more surely.</p>\n",
              o);
    fprintf(o, "<table><thead><tr><th>strategy</th><th>%s</th><th>95%% interval</th>"
               "<th>the choice minus it</th><th>95%% interval</th></tr></thead><tbody>\n",
            cs_objective_names[c->objective]);
    for (int b = 0; b < B_COUNT; b++) {
        fprintf(o, "<tr><th>%s</th>", baseline_names[b]);
        if (n[b] == 0) {
            fputs("<td colspan=\"4\">", o);
            cs_html_text(o, note[b] ? note[b] : "no run finished");
            fputs("</td></tr>\n", o);
            continue;
        }
        char lo[64], hi[64];
        cs_html_cell(o, row[b].mean, money);
        cs_html_number(lo, sizeof lo, row[b].ci_lo, money);
        cs_html_number(hi, sizeof hi, row[b].ci_hi, money);
        fprintf(o, "<td class=\"n\">%s to %s</td>", lo, hi);
        if (b == B_OPTIMIZER) {
            fputs("<td></td><td></td></tr>\n", o);
            continue;
        }
        cs_html_cell(o, diff[b].mean, money);
        cs_html_number(lo, sizeof lo, diff[b].ci_lo, money);
        cs_html_number(hi, sizeof hi, diff[b].ci_hi, money);
        fprintf(o, "<td class=\"n\">%s to %s</td></tr>\n", lo, hi);
    }
    fputs("</tbody></table>\n<p class=\"q\">random: other users of the pool drawn for each "
          "seed; degree, trust, owners: the best-connected, the most trusted, the circle and "
          "group owners first; none: nobody seeded. seeds.csv lists the choice, seeds.yaml "
          "and optimized.yaml carry it into a scenario.</p>\n", o);
#ifdef CS_HAVE_DRAW
    fputs("<h2>What each seed added</h2>\n", o);
    cs_html_image(o, "gain.png", "the objective's gain from each seed, in the order chosen");
#endif
    fprintf(o, "<h2>Caveats</h2>\n<ul>\n<li>%lld runs a figure: an interval that holds 0 says "
               "the difference cannot be told from noise with this many.</li>\n"
               "<li>Robustness to what the model assumes: not assessed here; compare "
               "optimized.yaml against a baseline with compare --robust N.</li>\n"
               "<li>Where the model departs from its sources: docs/MODEL.md 3.6 and 3.7.</li>\n"
               "</ul>\n",
            (long long)z->replicates);
    return cs_html_finish(o, &text, z->command, d);
}

static int baselines(chooser *c, const uint32_t *chosen, size_t k, double fitted, cs_diag *d)
{
    cs_optimizer *z = c->z;
    const size_t R = (size_t)z->replicates;
    char *sets[B_COUNT] = {0};
    const char *note[B_COUNT] = {0};
    int platform = is_platform(c);
    char **random_text = calloc(R, sizeof *random_text);
    uint32_t *scratch = malloc((c->npool ? c->npool : 1) * sizeof *scratch);
    cs_batch_task *t = cs_batch_tasks(&z->farm, B_COUNT * R);
    double *x = malloc(R * sizeof *x);
    int code = random_text && scratch && t && x ? 0 : EXIT_RUNTIME;
    if (!code)
        sets[B_OPTIMIZER] = cs_seed_assignments(cs_scenario_model(z->base), chosen, k, CS_NO_ADD);
    for (int b = B_DEGREE; !code && b <= B_OWNERS; b++) {
        int rule = b == B_DEGREE ? RANK_DEGREE : b == B_TRUST ? RANK_TRUST : RANK_OWNERS;
        if (!platform && rule != RANK_DEGREE) {
            note[b] = rule == RANK_TRUST ? "the model has no trust" : "the model has no circles";
            continue;
        }
        if (rule == RANK_OWNERS) {
            /* The model's own rule at the seed day: circle owners (who may
             * appear after day 0), then KOCs by degree. */
            if (asprintf(&sets[b], "brand.seed_by=circle_owners\nbrand.koc_seeds=%zu", k) < 0)
                code = EXIT_RUNTIME;
            note[b] = "brand.seed_by circle_owners: owners on the seed day, then KOCs by degree";
            continue;
        }
        size_t n = 0;
        uint32_t *list = ranking(c, rule, &n);
        if (!list) {
            code = EXIT_RUNTIME;
            break;
        }
        sets[b] = cs_seed_assignments(cs_scenario_model(z->base), list, n < k ? n : k, CS_NO_ADD);
        free(list);
    }
    if (!code)
        sets[B_NONE] = cs_seed_assignments(cs_scenario_model(z->base), NULL, 0, CS_NO_ADD);
    for (size_t r = 0; !code && r < R; r++)
        if (!(random_text[r] = random_sets(c, k, (int64_t)r, scratch)))
            code = EXIT_RUNTIME;
    if (!code && cs_model_is_cascade(cs_scenario_model(z->base)))
        note[B_NONE] = "the cascade needs a seed";
    size_t nt = 0;
    int slot[B_COUNT];
    for (int b = 0; !code && b < B_COUNT; b++) {
        slot[b] = -1;
        if (b != B_RANDOM && (!sets[b] || (b == B_NONE && note[b])))
            continue;
        slot[b] = (int)nt;
        for (size_t r = 0; r < R; r++) {
            t[nt * R + r].sets = b == B_RANDOM ? random_text[r] : sets[b];
            t[nt * R + r].seed = cs_optimizer_seed(z, (int64_t)r, 1);
        }
        nt++;
    }
    if (!code && !z->quiet)
        printf("optimize: running the choice and the baselines on %zu fresh seeds (%zu runs)\n",
               R, nt * R);
    if (!code && cs_batch_run(&z->farm, t, nt * R) != 0)
        code = cs_stop_code();
    char *text = NULL;
    size_t len = 0;
    FILE *o = code ? NULL : open_memstream(&text, &len);
    if (!code && !o)
        code = EXIT_RUNTIME;
    if (o) {
        fputs("strategy,seeds,n,mean,sd,ci_lo,ci_hi,optimizer_minus_mean,optimizer_minus_ci_lo,"
              "optimizer_minus_ci_hi,note\n", o);
        if (!z->quiet)
            printf("%-10s %14s  %-29s %s\n", "strategy", cs_objective_names[c->objective],
                   "95% CI", "optimizer minus it (95% CI)");
        double best_mean = -HUGE_VAL, overfit = NAN;
        int best = -1;
        cs_stats diff_best = {0};
        cs_stats row[B_COUNT], row_diff[B_COUNT];
        size_t row_n[B_COUNT];
        for (int b = 0; b < B_COUNT; b++) {
            cs_stats s = {0}, dd = {.mean = NAN, .ci_lo = NAN, .ci_hi = NAN};
            size_t n = 0;
            if (slot[b] >= 0) {
                for (size_t r = 0; r < R; r++) {
                    const cs_batch_task *q = &t[(size_t)slot[b] * R + r];
                    if (q->status == 0 && isfinite(q->values[0]))
                        x[n++] = q->values[0];
                }
                cs_stats_of(x, n, &s);
                size_t m = 0;
                for (size_t r = 0; r < R && b != B_OPTIMIZER; r++) {
                    const cs_batch_task *q = &t[(size_t)slot[b] * R + r];
                    const cs_batch_task *p = &t[(size_t)slot[B_OPTIMIZER] * R + r];
                    if (q->status == 0 && p->status == 0)
                        x[m++] = p->values[0] - q->values[0];
                }
                if (b != B_OPTIMIZER)
                    cs_stats_of(x, m, &dd);
            }
            size_t seeds = b == B_NONE ? 0 : k;
            row[b] = s;
            row_diff[b] = dd;
            row_n[b] = n;
            fprintf(o, "%s,%zu,%zu,", baseline_names[b], seeds, n);
            const double cell[] = {s.mean, s.sd, s.ci_lo, s.ci_hi, dd.mean, dd.ci_lo, dd.ci_hi};
            for (size_t j = 0; j < sizeof cell / sizeof cell[0]; j++) {
                if (n > 0 && isfinite(cell[j]))
                    fprintf(o, "%.10g", cell[j]);
                fputc(',', o);
            }
            fprintf(o, "%s%s%s\n", note[b] ? "\"" : "", note[b] ? note[b] : "",
                    note[b] ? "\"" : "");
            if (!z->quiet) {
                if (n == 0)
                    printf("%-10s %14s  %s\n", baseline_names[b], "n/a",
                           note[b] ? note[b] : "no run finished");
                else if (b == B_OPTIMIZER)
                    printf("%-10s %14.6g  %12.6g to %-12.6g\n", baseline_names[b], s.mean,
                           s.ci_lo, s.ci_hi);
                else
                    printf("%-10s %14.6g  %12.6g to %-12.6g %+.6g (%.6g to %.6g)\n",
                           baseline_names[b], s.mean, s.ci_lo, s.ci_hi, dd.mean, dd.ci_lo,
                           dd.ci_hi);
            }
            if (b == B_OPTIMIZER && n > 1 && fitted > s.ci_hi)
                overfit = s.ci_hi;
            if (b != B_OPTIMIZER && b != B_NONE && n > 0 && s.mean > best_mean) {
                best_mean = s.mean;
                best = b;
                diff_best = dd;
            }
        }
        if (!z->quiet && !isnan(overfit))
            printf("note: the choice scored %.6g %s, above its 95%% interval on fresh seeds (up "
                   "to %.6g): it was fitted to the noise of %s; more --replicates choose more "
                   "surely\n",
                   fitted,
                   cs_model_is_cascade(cs_scenario_model(z->base)) ? "by IMM's estimate" : "on the fitting seeds",
                   overfit, cs_model_is_cascade(cs_scenario_model(z->base)) ? "its sets" : "the fitting runs");
        if (!z->quiet && best >= 0)
            printf("optimize: optimizer minus the best baseline (%s): %+.6g %s, 95%% CI %.6g to "
                   "%.6g, paired over %zu fresh seeds%s\n",
                   baseline_names[best], diff_best.mean, cs_objective_names[c->objective],
                   diff_best.ci_lo, diff_best.ci_hi, R,
                   diff_best.sd == 0 && diff_best.mean == 0 ? " (the same seeds, or as good)"
                   : !(diff_best.ci_lo > 0) && !(diff_best.ci_hi < 0)
                       ? " (the interval holds 0: no clear difference)"
                       : "");
        if (fclose(o) != 0 || cs_folder_write_text("baselines.csv", text, d) != 0)
            code = EXIT_RUNTIME;
        if (!code)
            code = write_report(c, k, fitted, row, row_diff, row_n, note, best, d);
    }
    free(text);
    for (int b = 0; b < B_COUNT; b++)
        free(sets[b]);
    for (size_t r = 0; random_text && r < R; r++)
        free(random_text[r]);
    free(random_text);
    free(scratch);
    free(t);
    free(x);
    return code;
}

/* ---- the choice ---- */

int cs_choose_run(cs_chooser *c, cs_diag *d)
{
    cs_optimizer *z = c->z;
    const size_t k = c->k;
    uint32_t *chosen = calloc(k ? k : 1, sizeof *chosen);
    double *gain = calloc(k ? k : 1, sizeof *gain);
    if (!chosen || !gain) {
        free(chosen);
        free(gain);
        return EXIT_RUNTIME;
    }
    int code = 0;
    size_t got = 0;
    double fitted = NAN; /* the choice's value as the optimizer saw it */
    char what[400];
    if (cs_model_is_cascade(cs_scenario_model(z->base))) {
        /* The sets and the index that selects from them take at most half
         * the memory available (growth by doubling needs room). */
        uint64_t avail = cs_memory_available();
        cs_rr_params pp = {.p = cs_scenario_key_number(z->base, "cascade.p"), .depth = cs_scenario_days(z->base),
                           .seed = (uint64_t)z->base_seed, .threads = z->farm.jobs,
                           .max_bytes = avail / 2, .stop = &cs_stop_signal};
        cs_imm_result res;
        double start = cs_now();
        int rc = cs_imm(cs_run_network(c->world), &pp, c->pool, k, c->epsilon, c->ell, chosen, gain, &res);
        if (rc == CS_RR_TOO_BIG) {
            char size[32];
            cs_format_size(size, sizeof size, pp.max_bytes);
            cs_diag_error(d, "IMM needs more reverse-reachable sets than %s (half the memory "
                             "available) holds on this network; use a larger --epsilon or a "
                             "smaller --ell",
                          size);
            code = EXIT_RUNTIME;
        } else if (rc == CS_ERR_INTERRUPTED) {
            code = cs_stop_code();
        } else if (rc) {
            cs_diag_error(d, "out of memory");
            code = EXIT_RUNTIME;
        }
        got = res.chosen;
        double scale = c->objective == CS_OBJ_GMV ? cs_scenario_key_number(z->base, "price") : 1;
        fitted = res.spread * scale;
        for (size_t i = 0; i < got; i++)
            gain[i] *= scale;
        snprintf(what, sizeof what,
                 "IMM (epsilon %g, ell %g): %zu seeds, estimated %s %.6g from %llu "
                 "reverse-reachable sets",
                 c->epsilon, c->ell, got, cs_objective_names[c->objective], res.spread * scale,
                 (unsigned long long)res.sets);
        if (!code && !z->quiet)
            printf("optimize: %s (%.1f s)\n", what, cs_now() - start);
    } else {
        size_t ncand = 0;
        uint32_t *cand = screen(c, c->screen, &ncand);
        c->ncand = ncand;
        if (!cand) {
            free(chosen);
            free(gain);
            return EXIT_RUNTIME;
        }
        if (!z->quiet)
            printf("optimize: greedy (CELF) over %zu candidates of %zu in the pool, %lld runs "
                   "per evaluation; the first round runs %zu scenarios\n",
                   ncand, c->npool, (long long)z->replicates,
                   (ncand + 1) * (size_t)z->replicates);
        cs_greedy_result res;
        int rc = cs_celf(cand, ncand, k, CELF_BATCH, eval_sets, c, chosen, gain, &res);
        got = res.chosen;
        fitted = res.value;
        if (rc == CS_ERR_NOMEM) {
            cs_diag_error(d, "out of memory");
            code = EXIT_RUNTIME;
        } else if (rc && c->invalid_sets) {
            /* Say why, from the scenario itself. */
            cs_scenario *sc = NULL;
            cs_diag_error(d, "a seed set made a scenario that is not valid:");
            cs_batch_scenario_new(&z->farm, c->invalid_sets, z->base_seed, &sc, d);
            cs_scenario_close(sc);
            code = EXIT_RUNTIME;
        } else if (rc) {
            code = cs_stop_code();
            if (code == EXIT_RUNTIME)
                cs_diag_error(d, "a run did not finish (out of memory?)");
        }
        double per_run = z->farm.runs ? z->farm.seconds * z->farm.jobs / (double)z->farm.runs : 0;
        snprintf(what, sizeof what,
                 "greedy with lazy evaluation (CELF) over %zu screened candidates: %zu seeds, "
                 "%s %.6g on the fitting seeds (%.6g unseeded); %zu evaluations of %lld runs",
                 ncand, got, cs_objective_names[c->objective], res.value, res.start,
                 res.evaluations, (long long)z->replicates);
        if (!z->quiet && !code)
            printf("optimize: %s, about %.3g s a run\n", what, per_run);
        /* Gains all alike: seeding changes nothing the objective sees. */
        int flat = got > 0;
        for (size_t i = 0; i < got; i++)
            flat &= fabs(gain[i]) <= 1e-9 * (fabs(res.start) + 1);
        if (!code && flat)
            cs_diag_warn(d, "no seed changed the objective (every gain is 0): it does not respond "
                            "to seeding here, as when everyone buys anyway by the last day; "
                            "fewer --days or another --objective may tell candidates apart");
        free(cand);
    }
    if ((code == 0 || code == 130 || code == 143) && got > 0) {
        int wc = write_seeds(c, chosen, gain, got, d);
        if (!wc)
            wc = write_snippet(c, chosen, got, what, d);
        if (!wc)
            wc = write_optimized(c, chosen, got, what, d);
#ifdef CS_HAVE_DRAW
        if (!wc && plot_gain(c, gain, got, d) != 0)
            wc = EXIT_RUNTIME;
#endif
        if (wc && !code)
            code = wc;
    }
    if ((code == 130 || code == 143) && got > 0)
        fprintf(stderr, "%s: optimize interrupted: the %zu seed%s chosen so far %s in "
                        "%s/seeds.csv (their gains as found; no baselines)\n",
                cs_program, got, got == 1 ? "" : "s", got == 1 ? "is" : "are", z->o->out);
    else if (code == 130 || code == 143)
        fprintf(stderr, "%s: optimize interrupted before the first seed was chosen: nothing "
                        "written\n",
                cs_program);
    if (!code) {
        code = baselines(c, chosen, got, fitted, d);
        if (code == 130 || code == 143)
            fprintf(stderr, "%s: optimize interrupted while running the baselines: the %zu seeds "
                            "are in %s/seeds.csv; baselines.csv is not written\n",
                    cs_program, got, z->o->out);
    }
    if (!code && !z->quiet)
        printf("optimize: wrote %s/seeds.csv, baselines.csv, seeds.yaml, optimized.yaml, "
               "gain.png, report.html\n", z->o->out);
    free(chosen);
    free(gain);
    return code;
}

/* ---- the command ---- */

static int parse_double(const char *name, const char *s, double lo, double hi, double *out,
                        cs_diag *d)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (*s == '\0' || *end || errno || !(v > lo && v < hi)) {
        char msg[160];
        snprintf(msg, sizeof msg, "%s expects a number above %g and below %g, found '%%s'", name,
                 lo, hi);
        cs_usage_error(d, msg, s);
        return -1;
    }
    *out = v;
    return 0;
}

static int setup(chooser *c, cs_diag *d)
{
    cs_optimizer *z = c->z;
    const options *o = z->o;
    long long k = 0, screen_n = 0;
    if (cs_parse_count("--choose", o->choose, 1, 1000000, &k, d) ||
        (o->screen && cs_parse_count("--screen", o->screen, 1, 100000000, &screen_n, d)))
        return EXIT_USAGE;
    c->k = (size_t)k;
    c->epsilon = 0.1;
    c->ell = 1;
    if ((o->epsilon && parse_double("--epsilon", o->epsilon, 0, 1 - 1 / M_E, &c->epsilon, d)) ||
        (o->ell && parse_double("--ell", o->ell, 0, 100, &c->ell, d)))
        return EXIT_USAGE;
    if ((o->epsilon || o->ell) && !cs_model_is_cascade(cs_scenario_model(z->base))) {
        cs_usage_error(d, "--epsilon and --ell tune IMM, which runs for model cascade only%s", "");
        return EXIT_USAGE;
    }
    if (o->screen && cs_model_is_cascade(cs_scenario_model(z->base))) {
        cs_usage_error(d, "--screen narrows greedy's candidates; IMM (model cascade) considers "
                          "the whole pool%s", "");
        return EXIT_USAGE;
    }
    if (o->screen && (size_t)screen_n < c->k) {
        cs_usage_error(d, "--screen must keep at least the --choose K candidates%s", "");
        return EXIT_USAGE;
    }
    c->screen = o->screen ? (size_t)screen_n : 5 * c->k;
    double seed_day = cs_scenario_key_number(z->base, "brand.seed_day");
    if (cs_model_has_brand(cs_scenario_model(z->base)) && seed_day > cs_scenario_days(z->base)) {
        cs_scenario_key_error(z->base, d, cs_param_find("brand.seed_day"),
                              "brand.seed_day (%lld) is after the last day (%lld): the seeds "
                              "would never be seeded",
                              (long long)seed_day, (long long)cs_scenario_days(z->base));
        return EXIT_USAGE;
    }
    /* The world: the base scenario with its seed, set up but not run. */
    int rc;
    c->world = cs_run_open_batch(z->base, z->farm.jobs, &rc, d);
    if (!c->world)
        return EXIT_RUNTIME;
    c->n = cs_run_network(c->world)->n;
    int code = build_pool(c, d);
    if (code || !cs_model_is_cascade(cs_scenario_model(z->base)))
        return code;
    /* What IMM will draw at the least, known now: refused before any
     * folder is made rather than after filling the memory. */
    double sets = cs_imm_min_sets((double)c->n, (double)c->npool, (double)c->k, c->epsilon, c->ell);
    uint64_t half = cs_memory_available() / 2;
    if (half && cs_rr_bytes(sets, sets) > (double)half) {
        char need[32];
        cs_format_size(need, sizeof need, (uint64_t)fmin(cs_rr_bytes(sets, sets), 0x1p63));
        cs_usage_error(d, "--epsilon and --ell ask IMM for at least %s of reverse-reachable sets, "
                          "more than half the memory available; use a larger --epsilon or a "
                          "smaller --ell",
                       need);
        return EXIT_USAGE;
    }
    return 0;
}

int cs_choose_setup(cs_optimizer *z, cs_chooser **out, cs_diag *d)
{
    chooser *c = calloc(1, sizeof *c);
    *out = c;
    if (!c)
        return EXIT_RUNTIME;
    c->z = z;
    c->objective = z->objective;
    return setup(c, d);
}

void cs_choose_free(cs_chooser *c)
{
    if (!c)
        return;
    cs_run_close(c->world);
    free(c->invalid_sets);
    free(c->pool);
    free(c->pool_list);
    free(c);
}
