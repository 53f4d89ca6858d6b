/* SPDX-License-Identifier: MIT */
/* lesson.c - the `lesson:` block (lesson.h): read with every problem at
 * its position, checked against the scenario once it is whole. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "scenario/lesson.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/numfmt.h"
#include "base/quote.h"
#include "scenario/columns.h"
#include "scenario/scenario.h"
#include "scenario/scenario_int.h"
#include "scenario/scenario_struct.h"
#include "scenario/yaml_tree.h"

const char *const cs_lesson_who_names[CS_WHO_COUNT] = {
    "seeded_kocs",   "kocs",          "kols",          "circle_owners",
    "circle_members", "group_owners", "group_members", "brand_buyers",
};

/* Where the reading is: the file (or --set key) and the diagnostics. */
typedef struct at {
    const char *file, *setkey;
    cs_diag *d;
} at;

#define REPORT(a, node, ...) cs_scenario_report((a)->d, (a)->file, (a)->setkey, (node), __VA_ARGS__)

static void ltext_free(cs_ltext *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->lang[i]);
        free(t->text[i]);
    }
    free(t->lang);
    free(t->text);
    memset(t, 0, sizeof *t);
}

const char *cs_ltext_get(const cs_ltext *t, const char *lang)
{
    for (size_t i = 0; lang && i < t->n; i++)
        if (!strcmp(t->lang[i], lang))
            return t->text[i];
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->lang[i], "en"))
            return t->text[i];
    return t->n ? t->text[0] : NULL;
}

/* A language code as BCP 47 writes the common ones: "en", "zh", "zh-Hant". */
static int lang_code(const char *s)
{
    size_t n = 0;
    while (islower((unsigned char)s[n]))
        n++;
    if (n < 2 || n > 3)
        return 0;
    if (s[n] == '\0')
        return 1;
    if (s[n] != '-')
        return 0;
    size_t m = 0;
    while (isalnum((unsigned char)s[n + 1 + m]))
        m++;
    return m >= 2 && m <= 8 && s[n + 1 + m] == '\0';
}

/* A text: a string (English) or a mapping of language codes to strings.
 * Returns 0, -1 (reported) or CS_ERR_NOMEM. */
static int read_text(const at *a, const cs_ynode *v, const char *what, cs_ltext *out)
{
    memset(out, 0, sizeof *out);
    out->line = v->line;
    out->col = v->col;
    const size_t n = v->type == CS_Y_SCALAR ? 1 : v->type == CS_Y_MAP ? v->nkids / 2 : 0;
    if (n == 0 || cs_ynode_is_null(v)) {
        REPORT(a, v, "%s: expected a text, or a mapping of languages to texts like "
                     "{en: \"...\", zh: \"...\"}",
               what);
        return -1;
    }
    out->lang = calloc(n, sizeof *out->lang);
    out->text = calloc(n, sizeof *out->text);
    if (!out->lang || !out->text)
        return CS_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        const cs_ynode *k = v->type == CS_Y_MAP ? v->kids[2 * i] : NULL;
        const cs_ynode *t = v->type == CS_Y_MAP ? v->kids[2 * i + 1] : v;
        if (k && !lang_code(k->text)) {
            char q[64];
            cs_diag_quote(q, sizeof q, k->text, k->len);
            REPORT(a, k, "%s: '%s' is not a language code (like en, zh, zh-Hant)", what, q);
            return -1;
        }
        if (t->type != CS_Y_SCALAR || cs_ynode_is_null(t) || strlen(t->text) != t->len) {
            REPORT(a, t, "%s: expected a text%s%s", what, k ? " for " : "", k ? k->text : "");
            return -1;
        }
        if (!(out->lang[i] = strdup(k ? k->text : "en")) || !(out->text[i] = strdup(t->text)))
            return CS_ERR_NOMEM;
        out->n++;
    }
    return 0;
}

/* The value of field `name` of mapping m, or NULL. */
static const cs_ynode *field(const cs_ynode *m, const char *name)
{
    for (size_t i = 0; i + 1 < m->nkids; i += 2)
        if (!strcmp(m->kids[i]->text, name))
            return m->kids[i + 1];
    return NULL;
}

/* Every field of m is one of `fields` ("a|b|c"); reports the others. */
static int known_fields(const at *a, const cs_ynode *m, const char *what, const char *fields)
{
    int bad = 0;
    for (size_t i = 0; i + 1 < m->nkids; i += 2) {
        const char *k = m->kids[i]->text;
        const size_t n = strlen(k);
        int found = 0;
        for (const char *p = fields; *p && !found; p += strcspn(p, "|") + (p[strcspn(p, "|")] != 0))
            found = strcspn(p, "|") == n && !strncmp(p, k, n);
        if (!found) {
            char q[128];
            cs_diag_quote(q, sizeof q, k, m->kids[i]->len);
            REPORT(a, m->kids[i], "%s: unknown field '%s' (expected %s)", what, q, fields);
            bad = 1;
        }
    }
    return bad ? -1 : 0;
}

/* A list of at most `most` items (reported otherwise: `shape` says what an
 * item is). */
static int is_list(const at *a, const cs_ynode *list, size_t most, const char *what,
                   const char *shape)
{
    if (list->type == CS_Y_SEQ && list->nkids <= most)
        return 0;
    REPORT(a, list, "%s: expected a list of at most %zu %s", what, most, shape);
    return -1;
}

/* A list item: a mapping of the fields given ("a|b|c"), reported
 * otherwise. */
static int item(const at *a, const cs_ynode *v, const char *what, const char *fields)
{
    if (v->type != CS_Y_MAP) {
        REPORT(a, v, "%s: expected a mapping", what);
        return -1;
    }
    return known_fields(a, v, what, fields);
}

/* Text `part` of the item `what` ("lesson.views[1]" "title"). */
static int read_part(const at *a, const cs_ynode *v, const char *what, const char *part,
                     cs_ltext *out)
{
    char w[96];
    snprintf(w, sizeof w, "%s.%s", what, part);
    return read_text(a, v, w, out);
}

/* Field `part` of the item `what`, true or false, into *out; -1 (reported)
 * for anything else, *out left as it was. */
static int read_switch(const at *a, const cs_ynode *v, const char *what, const char *part,
                       int *out)
{
    if (v->type != CS_Y_SCALAR || (strcmp(v->text, "true") && strcmp(v->text, "false"))) {
        REPORT(a, v, "%s.%s: expected true or false", what, part);
        return -1;
    }
    *out = !strcmp(v->text, "true");
    return 0;
}

/* A lever of the table: a number, or a switch (true or false). */
static int number_lever(const at *a, const cs_ynode *k, const char *what)
{
    const int p = cs_param_find(k->text);
    const cs_param *pp = p >= 0 ? cs_param_at((size_t)p) : NULL;
    if (!pp || !(pp->flags & CS_P_LEVER) ||
        (pp->type != CS_T_INT && pp->type != CS_T_FLOAT && pp->type != CS_T_BOOL)) {
        char q[128];
        cs_diag_quote(q, sizeof q, k->text, k->len);
        REPORT(a, k, "%s: '%s' is not a lever (circlesim params lists the levers)", what, q);
        return -1;
    }
    return p;
}

#define TRY(expr)                                                                                  \
    do {                                                                                           \
        int rc_ = (expr);                                                                          \
        if (rc_ == CS_ERR_NOMEM)                                                                   \
            return rc_;                                                                            \
        bad |= rc_ != 0;                                                                           \
    } while (0)

/* A view's measures: one column name, or a list of up to
 * CS_LESSON_MAX_LINES. */
static int read_measures(const at *a, const cs_ynode *m, const char *what, cs_lesson_view *w)
{
    const int one = m->type == CS_Y_SCALAR && !cs_ynode_is_null(m);
    if (!one && !(m->type == CS_Y_SEQ && m->nkids >= 1 && m->nkids <= CS_LESSON_MAX_LINES)) {
        REPORT(a, m, "%s.measure: expected a timeseries column, or a list of 1 to %d of them",
               what, CS_LESSON_MAX_LINES);
        return -1;
    }
    const size_t n = one ? 1 : m->nkids;
    for (size_t k = 0; k < n; k++) {
        const cs_ynode *c = one ? m : m->kids[k];
        if (c->type != CS_Y_SCALAR || cs_ynode_is_null(c)) {
            REPORT(a, c, "%s.measure: expected a timeseries column", what);
            return -1;
        }
        w->line[k] = c->line;
        w->col[k] = c->col;
        if (!(w->measure[k] = strdup(c->text)))
            return CS_ERR_NOMEM;
        w->nmeasures++;
    }
    return 0;
}

static int read_views(const at *a, const cs_ynode *list, cs_lesson *l)
{
    int bad = 0;
    if (is_list(a, list, CS_LESSON_MAX_VIEWS, "lesson.views", "{measure, title}"))
        return -1;
    for (size_t i = 0; i < list->nkids; i++) {
        const cs_ynode *v = list->kids[i];
        char what[64];
        snprintf(what, sizeof what, "lesson.views[%zu]", i + 1);
        if (item(a, v, what, "measure|title|legend|so_far")) {
            bad = 1;
            continue;
        }
        const cs_ynode *m = field(v, "measure"), *t = field(v, "title"),
                       *lg = field(v, "legend"), *sf = field(v, "so_far");
        if (!m || !t) {
            REPORT(a, m ? m : v, "%s: needs a measure (a timeseries column) and a title", what);
            bad = 1;
            continue;
        }
        cs_lesson_view *w = &l->views[l->nviews++];
        int rc = read_measures(a, m, what, w);
        if (rc == CS_ERR_NOMEM)
            return rc;
        bad |= rc != 0;
        TRY(read_part(a, t, what, "title", &w->title));
        if (sf)
            bad |= read_switch(a, sf, what, "so_far", &w->so_far);
        /* Several lines need a legend, one name each; one line none. */
        if (rc == 0 && w->nmeasures > 1 &&
            (!lg || lg->type != CS_Y_SEQ || lg->nkids != w->nmeasures)) {
            REPORT(a, lg ? lg : m, "%s.legend: expected a list of %zu texts, one per measure",
                   what, w->nmeasures);
            bad = 1;
        } else if (rc == 0 && w->nmeasures == 1 && lg) {
            REPORT(a, lg, "%s.legend: a single measure takes no legend (the title names it)",
                   what);
            bad = 1;
        } else if (rc == 0 && lg) {
            for (size_t k = 0; k < w->nmeasures; k++) {
                char part[32];
                snprintf(part, sizeof part, "legend[%zu]", k + 1);
                TRY(read_part(a, lg->kids[k], what, part, &w->legend[k]));
            }
        }
    }
    return bad ? -1 : 0;
}

static int read_highlights(const at *a, const cs_ynode *list, cs_lesson *l)
{
    int bad = 0;
    if (is_list(a, list, CS_LESSON_MAX_ITEMS, "lesson.highlights", "{who, label}"))
        return -1;
    if (!(l->highlights = calloc(list->nkids + 1, sizeof *l->highlights)))
        return CS_ERR_NOMEM;
    for (size_t i = 0; i < list->nkids; i++) {
        const cs_ynode *v = list->kids[i];
        char what[64];
        snprintf(what, sizeof what, "lesson.highlights[%zu]", i + 1);
        if (item(a, v, what, "who|label")) {
            bad = 1;
            continue;
        }
        const cs_ynode *w = field(v, "who"), *t = field(v, "label");
        int who = -1;
        for (int k = 0; w && w->type == CS_Y_SCALAR && k < CS_WHO_COUNT; k++)
            if (!strcmp(w->text, cs_lesson_who_names[k]))
                who = k;
        if (who < 0 || !t) {
            REPORT(a, w ? w : v,
                   "%s: needs who (seeded_kocs, kocs, kols, circle_owners, circle_members, "
                   "group_owners, group_members or brand_buyers) and a label",
                   what);
            bad = 1;
            continue;
        }
        cs_lesson_highlight *h = &l->highlights[l->nhighlights++];
        h->who = who;
        TRY(read_part(a, t, what, "label", &h->label));
    }
    return bad ? -1 : 0;
}

static int read_sliders(const at *a, cs_scenario *scratch, const cs_ynode *list, cs_lesson *l)
{
    int bad = 0;
    if (is_list(a, list, CS_LESSON_MAX_ITEMS, "lesson.sliders", "{key, min, max, label}"))
        return -1;
    if (!(l->sliders = calloc(list->nkids + 1, sizeof *l->sliders)))
        return CS_ERR_NOMEM;
    for (size_t i = 0; i < list->nkids; i++) {
        const cs_ynode *v = list->kids[i];
        char what[64];
        snprintf(what, sizeof what, "lesson.sliders[%zu]", i + 1);
        if (item(a, v, what, "key|min|max|step|label")) {
            bad = 1;
            continue;
        }
        const cs_ynode *k = field(v, "key"), *lo = field(v, "min"), *hi = field(v, "max"),
                       *st = field(v, "step"), *t = field(v, "label");
        const int p = k && k->type == CS_Y_SCALAR ? number_lever(a, k, what) : -2;
        if (p == -1) {
            bad = 1;
            continue;
        }
        /* A switch (a true-or-false lever) needs no range. */
        const int is_switch = p >= 0 && cs_param_at((size_t)p)->type == CS_T_BOOL;
        if (p < 0 || !t || (!is_switch && (!lo || !hi)) || (is_switch && (lo || hi || st))) {
            REPORT(a, k ? k : v,
                   "%s: needs key and label, and for a number min and max (step is optional; a "
                   "switch takes none of them)",
                   what);
            bad = 1;
            continue;
        }
        if (is_switch) {
            cs_lesson_slider *s = &l->sliders[l->nsliders++];
            *s = (cs_lesson_slider){.param = p, .min = 0, .max = 1, .step = 1, .line = k->line,
                                    .col = k->col};
            TRY(read_part(a, t, what, "label", &s->label));
            continue;
        }
        cs_lesson_slider *s = &l->sliders[l->nsliders++];
        s->param = p;
        s->line = k->line;
        s->col = k->col;
        double step = NAN;
        int rc = cs_scenario_read_lever(scratch, (size_t)p, lo, a->file, a->setkey, &s->min, a->d);
        if (rc == 0)
            rc = cs_scenario_read_lever(scratch, (size_t)p, hi, a->file, a->setkey, &s->max, a->d);
        if (rc == 0 && st)
            rc = cs_scenario_read_lever(scratch, (size_t)p, st, a->file, a->setkey, &step, a->d);
        if (rc == CS_ERR_NOMEM)
            return rc;
        if (rc) {
            bad = 1;
            continue;
        }
        const int whole = cs_param_at((size_t)p)->type == CS_T_INT;
        if (!(s->min < s->max)) {
            REPORT(a, hi, "%s: max (%g) must be above min (%g)", what, s->max, s->min);
            bad = 1;
        }
        s->step = st ? step : whole ? 1 : (s->max - s->min) / 100;
        if (st && !(step > 0 && step <= s->max - s->min)) {
            REPORT(a, st, "%s: step must be above 0 and at most max - min", what);
            bad = 1;
        }
        TRY(read_part(a, t, what, "label", &s->label));
    }
    return bad ? -1 : 0;
}

static int read_steps(const at *a, cs_scenario *scratch, const cs_ynode *list, cs_lesson *l)
{
    int bad = 0;
    if (is_list(a, list, CS_LESSON_MAX_ITEMS, "lesson.steps",
                "{day, caption, question, set, restart}"))
        return -1;
    if (!(l->steps = calloc(list->nkids + 1, sizeof *l->steps)))
        return CS_ERR_NOMEM;
    for (size_t i = 0; i < list->nkids; i++) {
        const cs_ynode *v = list->kids[i];
        char what[64];
        snprintf(what, sizeof what, "lesson.steps[%zu]", i + 1);
        if (item(a, v, what, "day|caption|question|set|restart")) {
            bad = 1;
            continue;
        }
        cs_lesson_step *s = &l->steps[l->nsteps++];
        s->line = v->line;
        s->col = v->col;
        const cs_ynode *day = field(v, "day"), *cap = field(v, "caption"),
                       *q = field(v, "question"), *set = field(v, "set"),
                       *restart = field(v, "restart");
        if (!cap) {
            REPORT(a, v, "%s: needs a caption (what the class is to notice or do)", what);
            bad = 1;
            continue;
        }
        if (day) {
            char *end = NULL;
            long long n = day->type == CS_Y_SCALAR && day->plain ? strtoll(day->text, &end, 10) : -1;
            if (!end || *end || n < 0 || n > 36500) {
                REPORT(a, day, "%s.day: expected a whole number of days from 0 to 36500", what);
                bad = 1;
            }
            s->day = n;
            s->day_line = day->line;
            s->day_col = day->col;
        }
        if (restart)
            bad |= read_switch(a, restart, what, "restart", &s->restart);
        if (set) {
            if (set->type != CS_Y_MAP) {
                REPORT(a, set, "%s.set: expected a mapping of levers to values", what);
                bad = 1;
            } else {
                const size_t n = set->nkids / 2;
                s->set_param = calloc(n + 1, sizeof *s->set_param);
                s->set_value = calloc(n + 1, sizeof *s->set_value);
                if (!s->set_param || !s->set_value)
                    return CS_ERR_NOMEM;
                for (size_t k = 0; k < n; k++) {
                    char sw[80];
                    snprintf(sw, sizeof sw, "%s.set", what);
                    const int p = number_lever(a, set->kids[2 * k], sw);
                    if (p < 0) {
                        bad = 1;
                        continue;
                    }
                    int rc = cs_scenario_read_lever(scratch, (size_t)p, set->kids[2 * k + 1],
                                                    a->file, a->setkey, &s->set_value[s->nset],
                                                    a->d);
                    if (rc == CS_ERR_NOMEM)
                        return rc;
                    if (rc)
                        bad = 1;
                    else
                        s->set_param[s->nset++] = p;
                }
            }
        }
        TRY(read_part(a, cap, what, "caption", &s->caption));
        if (q)
            TRY(read_part(a, q, what, "question", &s->question));
    }
    return bad ? -1 : 0;
}

void cs_lesson_free(cs_scenario *sc)
{
    cs_lesson *l = &sc->lesson;
    ltext_free(&l->title);
    ltext_free(&l->about);
    for (size_t i = 0; i < l->nviews; i++) {
        for (size_t k = 0; k < l->views[i].nmeasures; k++) {
            free(l->views[i].measure[k]);
            ltext_free(&l->views[i].legend[k]);
        }
        ltext_free(&l->views[i].title);
    }
    for (size_t i = 0; i < l->nhighlights; i++)
        ltext_free(&l->highlights[i].label);
    free(l->highlights);
    for (size_t i = 0; i < l->nsliders; i++)
        ltext_free(&l->sliders[i].label);
    free(l->sliders);
    for (size_t i = 0; i < l->nsteps; i++) {
        ltext_free(&l->steps[i].caption);
        ltext_free(&l->steps[i].question);
        free(l->steps[i].set_param);
        free(l->steps[i].set_value);
    }
    free(l->steps);
    memset(l, 0, sizeof *l);
}

int cs_lesson_read(cs_scenario *sc, const cs_ynode *value, const cs_ynode *keynode,
                   const char *file, const char *setkey, cs_diag *d)
{
    cs_lesson_free(sc);
    const at a = {file, setkey, d};
    if (!value || value->type != CS_Y_MAP) {
        REPORT(&a, value ? value : keynode,
               "lesson: expected a mapping with title, about, views, highlights, sliders and "
               "steps");
        return -1;
    }
    cs_lesson *l = &sc->lesson;
    l->given = 1;
    int bad = known_fields(&a, value, "lesson", "title|about|keep|views|highlights|sliders|steps") != 0;
    cs_scenario scratch;
    int rc = cs_scenario_init(&scratch);
    const cs_ynode *t = field(value, "title"), *ab = field(value, "about"),
                   *v = field(value, "views"),
                   *h = field(value, "highlights"), *s = field(value, "sliders"),
                   *st = field(value, "steps");
    if (!rc && !t) {
        REPORT(&a, value, "lesson: needs a title (its languages are the lesson's)");
        bad = 1;
    }
    /* Every part is read, so one pass reports every problem. */
#define PART(call)                                                                                 \
    do {                                                                                           \
        int r_ = (call);                                                                           \
        if (r_ == CS_ERR_NOMEM)                                                                    \
            rc = r_;                                                                               \
        else                                                                                       \
            bad |= r_ != 0;                                                                        \
    } while (0)
    if (!rc && t)
        PART(read_text(&a, t, "lesson.title", &l->title));
    if (!rc && ab)
        PART(read_text(&a, ab, "lesson.about", &l->about));
    const cs_ynode *kp = field(value, "keep");
    if (!rc && kp) {
        char *end = NULL;
        const long long k = kp->type == CS_Y_SCALAR && kp->plain ? strtoll(kp->text, &end, 10) : 0;
        if (!end || *end || k < 1 || k > 4) {
            REPORT(&a, kp, "lesson.keep: expected how many runs compare keeps drawn, 1 to 4");
            bad = 1;
        } else {
            l->keep = (int)k;
        }
    }
    if (!rc && v)
        PART(read_views(&a, v, l));
    if (!rc && h)
        PART(read_highlights(&a, h, l));
    if (!rc && s)
        PART(read_sliders(&a, &scratch, s, l));
    if (!rc && st)
        PART(read_steps(&a, &scratch, st, l));
#undef PART
    cs_scenario_free(&scratch);
    if (rc)
        return rc;
    return bad ? -1 : 0;
}

/* ---- numbers from the run in a lesson's words ---- */

/* A placeholder at p ("{name}" or "{name:so_far}"): its name into name,
 * so_far, and its length; 0 when p starts none. */
static size_t placeholder(const char *p, char *name, size_t cap, int *so_far)
{
    if (*p != '{')
        return 0;
    size_t n = 1;
    while (islower((unsigned char)p[n]) || isdigit((unsigned char)p[n]) || p[n] == '_')
        n++;
    if (n == 1 || n - 1 >= cap)
        return 0;
    memcpy(name, p + 1, n - 1);
    name[n - 1] = '\0';
    *so_far = !strncmp(p + n, ":so_far}", 8);
    if (*so_far)
        return n + 8;
    return p[n] == '}' ? n + 1 : 0;
}

/* v with no-break spaces between thousands ("10 597"), rounded to
 * whole: a line is never broken inside a number. */
static void grouped(char *out, size_t cap, double v)
{
    char plain[40];
    cs_format_count(plain, sizeof plain, (int64_t)llround(v), ' ');
    size_t o = 0;
    for (const char *p = plain; *p && o + 3 < cap; p++) {
        if (*p == ' ') {
            out[o++] = '\xc2'; /* U+00A0 */
            out[o++] = '\xa0';
        } else {
            out[o++] = *p;
        }
    }
    if (cap)
        out[o < cap ? o : cap - 1] = '\0';
}

void cs_lesson_fill(const char *text, int model, const cs_day_row *rows, int64_t n, char *out,
                    size_t cap)
{
    size_t o = 0;
    if (!cap)
        return;
    for (const char *p = text; p && *p && o + 1 < cap;) {
        char name[64], num[48];
        int so_far = 0;
        const size_t len = placeholder(p, name, sizeof name, &so_far);
        if (!len) {
            out[o++] = *p++;
            continue;
        }
        p += len;
        const int c = cs_timeseries_column(model, name);
        const cs_column *col = c >= 0 ? cs_column_at(model, (size_t)c) : NULL;
        snprintf(num, sizeof num, "\u2026");
        if (col && n > 0) {
            double v = cs_column_value(col, &rows[n - 1]);
            if (so_far) {
                v = 0;
                for (int64_t d = 0; d < n; d++) {
                    const double y = cs_column_value(col, &rows[d]);
                    v += isfinite(y) ? y : 0;
                }
            }
            if (!isfinite(v))
                ;
            else if (col->kind == CS_COL_MONEY || col->kind == CS_COL_COUNT)
                grouped(num, sizeof num, v);
            else
                snprintf(num, sizeof num, "%.2f", v);
        }
        for (const char *q = num; *q && o + 1 < cap; q++)
            out[o++] = *q;
    }
    out[o] = '\0';
}

/* Every placeholder in every language of t names a column (a flow, with
 * so_far): the others reported; returns how many. */
static int placeholders(const cs_scenario *sc, const cs_ltext *t, const char *what, cs_diag *d)
{
    int bad = 0;
    for (size_t i = 0; i < t->n; i++)
        for (const char *p = strchr(t->text[i], '{'); p; p = strchr(p + 1, '{')) {
            char name[64];
            int so_far = 0;
            const size_t len = placeholder(p, name, sizeof name, &so_far);
            const int c = len ? cs_timeseries_column(sc->model, name) : -1;
            if (!len || c < 0) {
                const size_t shown = strcspn(p, "}") + (p[strcspn(p, "}")] == '}');
                /* The nearest column, within two edits. */
                const char *near = NULL;
                size_t best = 3;
                for (size_t j = 0; len && j < cs_column_count(sc->model); j++) {
                    const size_t e = cs_edit_distance(name, cs_column_at(sc->model, j)->name);
                    if (e < best)
                        best = e, near = cs_column_at(sc->model, j)->name;
                }
                cs_diag_at(d, sc->source, t->line, t->col,
                           "%s: '%.*s' is no number the run gives%s%s%s: write {column} (its value "
                           "that day) or {column:so_far} (its total from day 1), a column of a "
                           "%s run's timeseries.csv",
                           what, (int)(shown < 60 ? shown : 60), p,
                           near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "",
                           cs_model_name(sc->model));
                bad++;
            } else if (so_far && !cs_column_at(sc->model, (size_t)c)->flow) {
                cs_diag_at(d, sc->source, t->line, t->col,
                           "%s: {%s:so_far}: '%s' is not counted afresh each day, so its total "
                           "means nothing; write {%s}",
                           what, name, name, name);
                bad++;
            }
        }
    return bad;
}

/* ---- against the whole scenario ---- */

/* t lacks one of the lesson's languages (its title's): reported. */
static int languages(const cs_scenario *sc, const cs_ltext *t, const char *what, cs_diag *d)
{
    const cs_ltext *title = &sc->lesson.title;
    int bad = 0;
    for (size_t i = 0; t->n && i < title->n; i++) {
        int has = 0;
        for (size_t k = 0; k < t->n && !has; k++)
            has = !strcmp(t->lang[k], title->lang[i]);
        if (!has) {
            cs_diag_at(d, sc->source, t->line, t->col,
                       "%s: no '%s' text (the lesson's title gives it, so every text must)", what,
                       title->lang[i]);
            bad = 1;
        }
    }
    return bad;
}

int cs_scenario_check_lesson(const cs_scenario *sc, cs_diag *d)
{
    const cs_lesson *l = &sc->lesson;
    if (!l->given)
        return 0;
    int problems = 0;
    char what[80];
    problems += languages(sc, &l->about, "lesson.about", d);
    problems += placeholders(sc, &l->about, "lesson.about", d);
    for (size_t i = 0; i < l->nviews; i++) {
        const cs_lesson_view *v = &l->views[i];
        for (size_t k = 0; k < v->nmeasures; k++) {
            const int c = cs_timeseries_column(sc->model, v->measure[k]);
            if (c < 0) {
                /* The nearest column, within two edits. */
                const char *near = NULL;
                size_t best = 3;
                for (size_t j = 0; j < cs_column_count(sc->model); j++) {
                    const size_t e = cs_edit_distance(v->measure[k], cs_column_at(sc->model, j)->name);
                    if (e < best)
                        best = e, near = cs_column_at(sc->model, j)->name;
                }
                cs_diag_at(d, sc->source, v->line[k], v->col[k],
                           "lesson.views[%zu].measure: '%s' is no column of a %s run's "
                           "timeseries.csv%s%s%s",
                           i + 1, v->measure[k], cs_model_name(sc->model),
                           near ? "; did you mean '" : " (docs/SCENARIOS.md lists them)",
                           near ? near : "", near ? "'?" : "");
                problems++;
            } else if (v->so_far && !cs_column_at(sc->model, (size_t)c)->flow) {
                cs_diag_at(d, sc->source, v->line[k], v->col[k],
                           "lesson.views[%zu].measure: '%s' is not counted afresh each day, so "
                           "so_far (its total from day 1) means nothing; leave so_far out",
                           i + 1, v->measure[k]);
                problems++;
            }
            snprintf(what, sizeof what, "lesson.views[%zu].legend[%zu]", i + 1, k + 1);
            problems += languages(sc, &v->legend[k], what, d);
        }
        snprintf(what, sizeof what, "lesson.views[%zu].title", i + 1);
        problems += languages(sc, &v->title, what, d);
    }
    for (size_t i = 0; i < l->nhighlights; i++) {
        snprintf(what, sizeof what, "lesson.highlights[%zu].label", i + 1);
        problems += languages(sc, &l->highlights[i].label, what, d);
    }
    /* A slider never goes past what the world holds: no more KOCs seeded
     * than the world has (about population.size x users.koc_share). */
    const double kocs = floor((double)sc->population_size * sc->users_koc_share);
    for (size_t i = 0; i < l->nsliders; i++) {
        const cs_lesson_slider *s = &l->sliders[i];
        const char *key = cs_param_at((size_t)s->param)->key;
        if (!(cs_param_at((size_t)s->param)->models & (1u << sc->model))) {
            cs_diag_at(d, sc->source, s->line, s->col,
                       "lesson.sliders[%zu]: the %s model does not read %s: the slider would move "
                       "nothing",
                       i + 1, cs_model_name(sc->model), key);
            problems++;
        } else if (!strcmp(key, "brand.koc_seeds") && s->max > kocs) {
            cs_diag_at(d, sc->source, s->line, s->col,
                       "lesson.sliders[%zu]: brand.koc_seeds goes to %g, but this world holds "
                       "about %.0f KOCs (population.size x users.koc_share)",
                       i + 1, s->max, kocs);
            problems++;
        }
        snprintf(what, sizeof what, "lesson.sliders[%zu].label", i + 1);
        problems += languages(sc, &s->label, what, d);
    }
    int64_t last = 0;
    for (size_t i = 0; i < l->nsteps; i++) {
        const cs_lesson_step *s = &l->steps[i];
        if (s->day > sc->days) {
            cs_diag_at(d, sc->source, s->day_line, s->day_col,
                       "lesson.steps[%zu].day: day %lld is after the last day (%lld)", i + 1,
                       (long long)s->day, (long long)sc->days);
            problems++;
        } else if (s->day && s->day < last && !s->restart) {
            cs_diag_at(d, sc->source, s->day_line, s->day_col,
                       "lesson.steps[%zu].day: day %lld comes before the step above's (%lld); "
                       "a run goes forward unless the step restarts it",
                       i + 1, (long long)s->day, (long long)last);
            problems++;
        }
        if (s->restart)
            last = 0;
        if (s->day)
            last = s->day;
        snprintf(what, sizeof what, "lesson.steps[%zu].caption", i + 1);
        problems += languages(sc, &s->caption, what, d);
        problems += placeholders(sc, &s->caption, what, d);
        snprintf(what, sizeof what, "lesson.steps[%zu].question", i + 1);
        problems += languages(sc, &s->question, what, d);
        problems += placeholders(sc, &s->question, what, d);
    }
    return problems;
}

const cs_lesson *cs_scenario_lesson(const cs_scenario *sc)
{
    return sc->lesson.given ? &sc->lesson : NULL;
}
