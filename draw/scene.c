/* SPDX-License-Identifier: MIT */
/* scene.c - copying a run's state out for drawing. */
#include "draw/scene.h"

#include <stdlib.h>
#include <string.h>

#include "circlesim/diag.h"
#include "draw/words.h"
#include "scenario/columns.h"
#include "scenario/lesson.h"
#include "scenario/scenario.h"

/* Makes *p hold n elements of size bytes (never shrinks) and copies src in. */
static int put(void **p, size_t *cap, const void *src, size_t n, size_t size)
{
    if (n > *cap) {
        void *q = realloc(*p, n * size);
        if (!q)
            return CS_ERR_NOMEM;
        *p = q;
        *cap = n;
    }
    if (n && src)
        memcpy(*p, src, n * size);
    return 0;
}

static int put_string(char **dst, const char *src)
{
    if (*dst && src && !strcmp(*dst, src))
        return 0;
    char *c = src ? strdup(src) : NULL;
    if (src && !c)
        return CS_ERR_NOMEM;
    free(*dst);
    *dst = c;
    return 0;
}

/* What moved lever param, in the lesson's words when a slider names it. */
static void lever_words(const cs_scenario *base, const char *lang, int param, double value,
                        char *out, size_t cap)
{
    const cs_lesson *l = cs_scenario_lesson(base);
    const char *name = cs_param_at((size_t)param)->key;
    for (size_t k = 0; l && k < l->nsliders; k++)
        if (l->sliders[k].param == param)
            name = cs_ltext_get(&l->sliders[k].label, lang);
    if (cs_param_at((size_t)param)->type == CS_T_BOOL)
        snprintf(out, cap, "%s: %s", name, value != 0 ? "on" : "off");
    else
        snprintf(out, cap, "%s: %g", name, value);
}

/* The charts' markers: the shopping festivals and the days interventions
 * (and sliders moved mid-run) change levers, each with its words. */
static int capture_markers(cs_scene *s, const cs_run *r)
{
    const cs_scenario *base = cs_run_base(r), *live = cs_run_live(r);
    size_t ni;
    const cs_intervention *iv = cs_scenario_interventions(live, &ni);
    const size_t nf = cs_scenario_festival_days(base, NULL, 0);
    int64_t *fest = malloc((nf ? nf : 1) * sizeof *fest);
    if (!fest || put((void **)&s->markers, &s->cap_markers, NULL, ni + nf + 1, sizeof *s->markers) ||
        put((void **)&s->marker_text, &s->cap_marker_text, NULL, (ni + nf + 1) * CS_MARKER_TEXT, 1)) {
        free(fest);
        return CS_ERR_NOMEM;
    }
    cs_scenario_festival_days(base, fest, nf);
    int n = 0;
    for (size_t i = 0; i < nf; i++) {
        s->markers[n] = (double)fest[i];
        snprintf(s->marker_text + (size_t)n++ * CS_MARKER_TEXT, CS_MARKER_TEXT, "%s",
                 cs_words(s->lang, "festival"));
    }
    free(fest);
    const int first = n;
    for (size_t i = 0; i < ni; i++) {
        if (iv[i].day < 1 || iv[i].day > cs_scenario_days(base))
            continue;
        char words[CS_MARKER_TEXT];
        lever_words(base, s->lang, iv[i].param, iv[i].value, words, sizeof words);
        if (n > first && s->markers[n - 1] == (double)iv[i].day) {
            /* the same day: one marker, its changes side by side */
            char *t = s->marker_text + (size_t)(n - 1) * CS_MARKER_TEXT;
            const size_t used = strlen(t);
            snprintf(t + used, CS_MARKER_TEXT - used, "; %s", words);
            continue;
        }
        s->markers[n] = (double)iv[i].day;
        snprintf(s->marker_text + (size_t)n++ * CS_MARKER_TEXT, CS_MARKER_TEXT, "%s", words);
    }
    s->nmarkers = n;
    return 0;
}

static int by_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

/* The frame the panel fits: a few users flung far out by the layout (a
 * lone pair, a user whose only friend was not sampled) would otherwise
 * shrink everyone else into a blot in the middle. */
static void fit_box(cs_scene *s)
{
    float *t = malloc((size_t)(s->n ? s->n : 1) * sizeof *t);
    float lo[2] = {-1, -1}, hi[2] = {1, 1};
    for (int axis = 0; t && axis < 2; axis++) {
        const float *c = axis ? s->y : s->x;
        uint32_t k = 0;
        for (uint32_t i = 0; i < s->n; i++)
            if (s->view[i].stage != CS_STAGE_ABSENT)
                t[k++] = c[i];
        if (k == 0)
            continue;
        qsort(t, k, sizeof *t, by_float);
        uint32_t cut = k / 100;
        lo[axis] = t[cut];
        hi[axis] = t[k - 1 - cut];
        float pad = 0.04f * (hi[axis] - lo[axis]);
        lo[axis] -= pad;
        hi[axis] += pad;
    }
    free(t);
    s->box[0] = lo[0];
    s->box[1] = lo[1];
    s->box[2] = hi[0];
    s->box[3] = hi[1];
}

/* Room for n users in each per-user array. They share one capacity, which
 * grows only once all of them have: a failure leaves it true for each. */
static int room_for_users(cs_scene *s, size_t n)
{
    if (n <= s->cap_n)
        return 0;
    size_t c;
    if ((c = s->cap_n, put((void **)&s->user, &c, NULL, n, sizeof *s->user)) ||
        (c = s->cap_n, put((void **)&s->x, &c, NULL, n, sizeof *s->x)) ||
        (c = s->cap_n, put((void **)&s->y, &c, NULL, n, sizeof *s->y)) ||
        (c = s->cap_n, put((void **)&s->view, &c, NULL, n, sizeof *s->view)) ||
        (c = s->cap_n, put((void **)&s->order, &c, NULL, n, sizeof *s->order)) ||
        (c = s->cap_n, put((void **)&s->mark, &c, NULL, n, sizeof *s->mark)))
        return CS_ERR_NOMEM;
    s->cap_n = n;
    return 0;
}

static int capture_network(cs_scene *s, const cs_netview *v)
{
    uint32_t n = v ? v->sample.n : 0;
    if (room_for_users(s, n))
        return CS_ERR_NOMEM;
    if (n) {
        memcpy(s->user, v->sample.user, n * sizeof *s->user);
        memcpy(s->x, v->layout.x, n * sizeof *s->x);
        memcpy(s->y, v->layout.y, n * sizeof *s->y);
        memcpy(s->view, v->view, n * sizeof *s->view);
        memcpy(s->order, v->order, n * sizeof *s->order);
        memcpy(s->mark, v->mark, n * sizeof *s->mark);
    }
    s->n = n;
    if (!v) {
        s->m = s->nflash = s->nbuyers = s->nhull = s->nspread = 0;
        memset(s->shown, 0, sizeof s->shown);
        return 0;
    }
    if (put((void **)&s->tie, &s->cap_m, v->sample.tie, 2 * v->sample.m, sizeof *s->tie) ||
        put((void **)&s->flash, &s->cap_flash, v->flash, 2 * v->nflash, sizeof *s->flash) ||
        put((void **)&s->buyers, &s->cap_buyers, v->buyers, v->nbuyers, sizeof *s->buyers) ||
        put((void **)&s->hull, &s->cap_hull, v->hull, v->nhull, sizeof *s->hull) ||
        put((void **)&s->hull_idx, &s->cap_hull_idx, v->hull_idx, v->nhull_idx,
            sizeof *s->hull_idx) ||
        put((void **)&s->spread, &s->cap_spread, v->spread, 2 * v->nspread, sizeof *s->spread))
        return CS_ERR_NOMEM;
    s->m = v->sample.m;
    s->nspread = v->nspread;
    s->nflash = v->nflash;
    s->nbuyers = v->nbuyers;
    s->nhull = v->nhull;
    memset(s->shown, 0, sizeof s->shown);
    for (uint32_t i = 0; i < n; i++)
        s->shown[v->view[i].stage]++;
    fit_box(s);
    return 0;
}

/* The lesson's highlights the netview marks users for, with their labels
 * in the scene's language (none without a network). */
static int capture_highlights(cs_scene *s, const cs_scenario *base, const cs_netview *v)
{
    const cs_lesson *l = cs_scenario_lesson(base);
    int n = v ? v->nhighlights : 0;
    for (int h = 0; h < n; h++) {
        const char *label = l && (size_t)h < l->nhighlights
                                ? cs_ltext_get(&l->highlights[h].label, s->lang)
                                : NULL;
        if (put_string(&s->highlight_label[h], label))
            return CS_ERR_NOMEM;
        s->highlight_who[h] = v->highlight_who[h];
    }
    s->nhighlights = n;
    return 0;
}

int cs_scene_set_lang(cs_scene *s, const char *lang)
{
    return put_string(&s->lang, lang);
}

int cs_scene_set_step(cs_scene *s, int step, int nsteps, const char *caption,
                      const char *question)
{
    s->step = step;
    s->nsteps = nsteps;
    return put_string(&s->step_caption, caption) || put_string(&s->step_question, question)
               ? CS_ERR_NOMEM
               : 0;
}

/* The lesson's views: their columns and words in the scene's language. */
static int capture_views(cs_scene *s, const cs_scenario *base)
{
    const cs_lesson *l = cs_scenario_lesson(base);
    const int model = cs_scenario_model(base);
    int n = 0;
    for (size_t i = 0; l && i < l->nviews && n < 4; i++) {
        const cs_lesson_view *lv = &l->views[i];
        cs_scene_view *v = &s->views[n];
        v->ncols = 0;
        for (size_t k = 0; k < lv->nmeasures && k < 4; k++) {
            const int col = cs_timeseries_column(model, lv->measure[k]);
            if (col < 0)
                continue; /* check reports it; the window draws what it can */
            if (put_string(&v->legend[v->ncols], cs_ltext_get(&lv->legend[k], s->lang)))
                return CS_ERR_NOMEM;
            v->col[v->ncols++] = col;
        }
        if (v->ncols == 0)
            continue;
        v->so_far = lv->so_far;
        if (put_string(&v->title, cs_ltext_get(&lv->title, s->lang)))
            return CS_ERR_NOMEM;
        n++;
    }
    s->nviews = n;
    s->model_id = model;
    if (l && l->keep > 0 && s->keep == 0)
        s->keep = l->keep; /* the lesson's, unless the window was told */
    s->brand_markets = cs_scenario_brand_markets(base);
    s->net_kind = cs_scenario_network_kind(base);
    /* The header says the lesson, in its language, and the info card
     * what the lesson is about, when it says. */
    if (l && l->about.n && put_string(&s->info, cs_ltext_get(&l->about, s->lang)))
        return CS_ERR_NOMEM;
    return l ? put_string(&s->name, cs_ltext_get(&l->title, s->lang)) : 0;
}

int cs_scene_capture(cs_scene *s, const cs_run *r, const cs_netview *v)
{
    const cs_scenario *base = cs_run_base(r);
    if (put_string(&s->name, cs_scenario_name(base)) ||
        put_string(&s->info, cs_scenario_info(base)) || capture_views(s, base))
        return CS_ERR_NOMEM;
    /* The levers as they stand today, for the sliders to follow. */
    const cs_scenario *live = cs_run_live(r);
    const size_t np = cs_param_count();
    if (put((void **)&s->lever, &s->cap_lever, NULL, np, sizeof *s->lever))
        return CS_ERR_NOMEM;
    for (size_t i = 0; i < np; i++)
        s->lever[i] = cs_scenario_lever(live, (int)i);
    s->nlever = np;
    s->model = cs_model_name(cs_scenario_model(base));
    s->seed = cs_scenario_seed(base);
    s->day = cs_run_day(r);
    s->days = cs_scenario_days(base);
    s->population = cs_run_network(r)->n;
    /* Day 0 (warm-up) has no row; rows[0] is day 1. */
    int64_t nrows = cs_run_day(r);
    const cs_day_row *rows = cs_run_rows(r);
    if (put((void **)&s->rows, &s->cap_rows, rows, (size_t)nrows, sizeof *s->rows))
        return CS_ERR_NOMEM;
    s->nrows = nrows;
    memset(s->channel_fen, 0, sizeof s->channel_fen);
    for (int64_t d = 0; d < nrows; d++)
        for (int c = 0; c < CS_CH_COUNT; c++)
            s->channel_fen[c] += rows[d].gmv_channel_fen[c];
    cs_run_funnel(r, &s->funnel);
    if (capture_markers(s, r) || capture_highlights(s, base, v))
        return CS_ERR_NOMEM;
    return capture_network(s, v);
}

int cs_scene_keep_gmv(cs_scene *s)
{
    const int room = (s->keep > CS_SCENE_KEEP ? CS_SCENE_KEEP : s->keep) - 1;
    if (room > 0 && s->prev_n > 0) {
        /* The oldest kept's buffer is reused for the run kept until now. */
        const int last = s->nolder < room ? s->nolder : room - 1;
        cs_day_row *buf = s->older_rows[last];
        size_t cap = s->cap_older[last];
        for (int k = last; k > 0; k--) {
            s->older_rows[k] = s->older_rows[k - 1];
            s->older_n[k] = s->older_n[k - 1];
            s->older_kind[k] = s->older_kind[k - 1];
            s->cap_older[k] = s->cap_older[k - 1];
        }
        s->older_rows[0] = buf;
        s->cap_older[0] = cap;
        s->older_n[0] = 0;
        if (put((void **)&s->older_rows[0], &s->cap_older[0], s->prev_rows, (size_t)s->prev_n,
                sizeof *s->prev_rows))
            return CS_ERR_NOMEM;
        s->older_n[0] = s->prev_n;
        s->older_kind[0] = s->prev_kind;
        if (s->nolder < room)
            s->nolder++;
    }
    s->prev_kind = s->net_kind;
    if (put((void **)&s->prev_gmv, &s->cap_prev, NULL, (size_t)s->nrows, sizeof *s->prev_gmv) ||
        put((void **)&s->prev_rows, &s->cap_prev_rows, s->rows, (size_t)s->nrows,
            sizeof *s->prev_rows))
        return CS_ERR_NOMEM;
    for (int64_t d = 0; d < s->nrows; d++)
        s->prev_gmv[d] = cs_yuan(s->rows[d].gmv_fen); /* like for like with the in-app line */
    s->prev_n = s->nrows;
    return 0;
}

void cs_scene_forget(cs_scene *s)
{
    s->prev_n = 0;
    s->nolder = 0;
    s->prev_kind = s->net_kind;
}

int cs_scene_copy(cs_scene *dst, const cs_scene *src)
{
    /* Grow everything first, so a failure leaves dst whole. */
    if (put_string(&dst->name, src->name) || put_string(&dst->info, src->info) ||
        put((void **)&dst->rows, &dst->cap_rows, NULL, (size_t)src->nrows, sizeof *dst->rows) ||
        put((void **)&dst->markers, &dst->cap_markers, NULL, (size_t)src->nmarkers,
            sizeof *dst->markers) ||
        put((void **)&dst->marker_text, &dst->cap_marker_text, NULL,
            (size_t)src->nmarkers * CS_MARKER_TEXT, 1) ||
        put((void **)&dst->prev_gmv, &dst->cap_prev, NULL, (size_t)src->prev_n,
            sizeof *dst->prev_gmv) ||
        put((void **)&dst->prev_rows, &dst->cap_prev_rows, NULL,
            (size_t)(src->prev_rows ? src->prev_n : 0), sizeof *dst->prev_rows) ||
        put_string(&dst->lang, src->lang) || put_string(&dst->step_caption, src->step_caption) ||
        put_string(&dst->step_question, src->step_question) ||
        put((void **)&dst->lever, &dst->cap_lever, src->lever, src->nlever, sizeof *dst->lever))
        return CS_ERR_NOMEM;
    for (int k = 0; k < src->nolder; k++)
        if (put((void **)&dst->older_rows[k], &dst->cap_older[k], NULL, (size_t)src->older_n[k],
                sizeof *dst->older_rows[k]))
            return CS_ERR_NOMEM;
    dst->nlever = src->nlever;
    for (int i = 0; i < src->nviews; i++) {
        if (put_string(&dst->views[i].title, src->views[i].title))
            return CS_ERR_NOMEM;
        for (int k = 0; k < src->views[i].ncols; k++)
            if (put_string(&dst->views[i].legend[k], src->views[i].legend[k]))
                return CS_ERR_NOMEM;
        memcpy(dst->views[i].col, src->views[i].col, sizeof dst->views[i].col);
        dst->views[i].ncols = src->views[i].ncols;
        dst->views[i].so_far = src->views[i].so_far;
    }
    if (room_for_users(dst, src->n) ||
        put((void **)&dst->tie, &dst->cap_m, NULL, 2 * src->m, sizeof *dst->tie) ||
        put((void **)&dst->flash, &dst->cap_flash, NULL, 2 * src->nflash, sizeof *dst->flash) ||
        put((void **)&dst->buyers, &dst->cap_buyers, NULL, src->nbuyers, sizeof *dst->buyers) ||
        put((void **)&dst->hull, &dst->cap_hull, NULL, src->nhull, sizeof *dst->hull) ||
        put((void **)&dst->spread, &dst->cap_spread, NULL, 2 * src->nspread, sizeof *dst->spread))
        return CS_ERR_NOMEM;
    for (int h = 0; h < src->nhighlights; h++)
        if (put_string(&dst->highlight_label[h], src->highlight_label[h]))
            return CS_ERR_NOMEM;
    size_t nidx = 0;
    for (size_t h = 0; h < src->nhull; h++)
        if (src->hull[h].first + src->hull[h].count > nidx)
            nidx = src->hull[h].first + src->hull[h].count;
    if (put((void **)&dst->hull_idx, &dst->cap_hull_idx, NULL, nidx, sizeof *dst->hull_idx))
        return CS_ERR_NOMEM;

    dst->model = src->model;
    dst->seed = src->seed;
    dst->day = src->day;
    dst->days = src->days;
    dst->population = src->population;
/* memcpy wants real pointers even for nothing: empty arrays may be NULL. */
#define COPY(f, count)                                                                             \
    do {                                                                                           \
        if ((count) > 0)                                                                           \
            memcpy(dst->f, src->f, (size_t)(count) * sizeof *src->f);                              \
    } while (0)
    COPY(rows, src->nrows);
    COPY(markers, src->nmarkers);
    if (src->nmarkers > 0)
        memcpy(dst->marker_text, src->marker_text, (size_t)src->nmarkers * CS_MARKER_TEXT);
    COPY(prev_gmv, src->prev_n);
    if (src->prev_rows)
        COPY(prev_rows, src->prev_n);
    for (int k = 0; k < src->nolder; k++)
        if (src->older_n[k] > 0)
            memcpy(dst->older_rows[k], src->older_rows[k],
                   (size_t)src->older_n[k] * sizeof *src->older_rows[k]);
    COPY(user, src->n);
    COPY(x, src->n);
    COPY(y, src->n);
    COPY(view, src->n);
    COPY(order, src->n);
    COPY(mark, src->n);
    COPY(tie, 2 * src->m);
    COPY(flash, 2 * src->nflash);
    COPY(buyers, src->nbuyers);
    COPY(hull, src->nhull);
    COPY(hull_idx, nidx);
    COPY(spread, 2 * src->nspread);
#undef COPY
    dst->nrows = src->nrows;
    dst->nmarkers = src->nmarkers;
    dst->prev_n = src->prev_n;
    dst->prev_kind = src->prev_kind;
    dst->keep = src->keep;
    dst->nolder = src->nolder;
    memcpy(dst->older_n, src->older_n, sizeof dst->older_n);
    memcpy(dst->older_kind, src->older_kind, sizeof dst->older_kind);
    dst->nviews = src->nviews;
    dst->step = src->step;
    dst->nsteps = src->nsteps;
    memcpy(dst->y_top, src->y_top, sizeof dst->y_top);
    dst->model_id = src->model_id;
    dst->brand_markets = src->brand_markets;
    dst->net_kind = src->net_kind;
    dst->n = src->n;
    dst->m = src->m;
    dst->nflash = src->nflash;
    dst->nbuyers = src->nbuyers;
    dst->nhull = src->nhull;
    dst->nspread = src->nspread;
    dst->nhighlights = src->nhighlights;
    memcpy(dst->highlight_who, src->highlight_who, sizeof dst->highlight_who);
    dst->funnel = src->funnel;
    memcpy(dst->channel_fen, src->channel_fen, sizeof dst->channel_fen);
    memcpy(dst->shown, src->shown, sizeof dst->shown);
    memcpy(dst->box, src->box, sizeof dst->box);
    return 0;
}

void cs_scene_free(cs_scene *s)
{
    free(s->name);
    free(s->info);
    free(s->rows);
    free(s->markers);
    free(s->marker_text);
    free(s->user);
    free(s->x);
    free(s->y);
    free(s->view);
    free(s->order);
    free(s->tie);
    free(s->flash);
    free(s->buyers);
    free(s->hull);
    free(s->hull_idx);
    free(s->mark);
    free(s->spread);
    for (int h = 0; h < CS_NETVIEW_HIGHLIGHTS; h++)
        free(s->highlight_label[h]);
    free(s->prev_gmv);
    free(s->prev_rows);
    for (int k = 0; k < CS_SCENE_KEEP - 1; k++)
        free(s->older_rows[k]);
    free(s->lever);
    free(s->lang);
    free(s->step_caption);
    free(s->step_question);
    for (int i = 0; i < 4; i++) {
        free(s->views[i].title);
        for (int k = 0; k < 4; k++)
            free(s->views[i].legend[k]);
    }
    memset(s, 0, sizeof *s);
}
