/* SPDX-License-Identifier: MIT */
/* panel_plots.c - the run's curves: GMV per day and accumulated (in the
 * platform's stores and paid elsewhere), active users, and the funnel over
 * time, with a dashed line on every intervention day. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/draw.h"
#include "draw/palette.h"
#include "draw/panels.h"
#include "draw/words.h"
#include "scenario/lesson.h"
#include "scenario/columns.h"

enum { MAX_SERIES = 8 };

typedef struct chart {
    const char *title, *unit;
    cs_series series[MAX_SERIES];
    int n;
} chart;

static void add(chart *c, const char *label, const double *y, int n, SDL_Color color, int faint,
                const double *x)
{
    c->series[c->n++] = (cs_series){.label = label, .x = x, .y = y, .n = n, .color = color,
                                    .faint = faint};
}

/* One chart over the run's days, with the interventions' markers; slot:
 * its place among the charts (for a fixed top, y_top). */
static void draw_chart(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect box,
                       const cs_scene *s, const chart *c, int slot)
{
    cs_plot p = {.title = c->title, .x_unit = cs_words(s->lang, "days"), .y_unit = c->unit,
                 .series = c->series, .nseries = c->n,
                 .markers = s->markers, .nmarkers = s->nmarkers,
                 .marker_text = s->marker_text, .marker_stride = CS_MARKER_TEXT,
                 .x_min = 0, .x_max = (double)(s->days > 0 ? s->days : 1),
                 .y_from_zero = 1, .y_top = slot >= 0 && slot < 4 ? s->y_top[slot] : 0};
    cs_plot_draw(r, f, st, box, &p);
}

/* The highest value of c's series. */
static double chart_top(const chart *c)
{
    double top = 0;
    for (int k = 0; k < c->n; k++)
        for (int i = 0; i < c->series[k].n; i++)
            if (isfinite(c->series[k].y[i]) && c->series[k].y[i] > top)
                top = c->series[k].y[i];
    return top;
}

/* Places n charts in area: two by two, or in a column, as they fit at a
 * readable size; where even two by two leaves them too short (a
 * projector's large type in a narrow area), the first ones that fit (a
 * lesson lists its main measure first) rather than charts too small to
 * draw. */
static void grid(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect area,
                 const cs_scene *s, const chart *charts, int n)
{
    const int gap = (int)(8 * st->scale);
    const int min_w = (int)(200 * st->scale), min_h = (int)(150 * st->scale);
    const int cols = n > 1 && area.w >= 2 * min_w + gap ? 2 : 1;
    int rows = (n + cols - 1) / cols;
    int fit = (area.h + gap) / (min_h + gap);
    fit = fit < 1 ? 1 : fit;
    if (rows > fit) {
        rows = fit;
        n = rows * cols < n ? rows * cols : n;
    }
    const int cw = (area.w - (cols - 1) * gap) / cols, ch = (area.h - (rows - 1) * gap) / rows;
    for (int i = 0; i < n; i++) {
        SDL_Rect box = {area.x + (i % cols) * (cw + gap), area.y + (i / cols) * (ch + gap), cw, ch};
        draw_chart(r, f, st, box, s, &charts[i], i);
    }
}

/* A lesson line's colour: a channel's own for a measure of one channel
 * (the network's and the funnel's colours), else the k-th of a fixed set. */
static SDL_Color line_color(const char *name, int k)
{
    static const int order[4] = {5, 6, 3, 7};
    const size_t n = strlen(name);
    for (int c = 0; c < CS_CH_COUNT; c++) {
        const size_t m = strlen(cs_channel_names[c]);
        if (n > m + 1 && name[n - m - 1] == '_' && !strcmp(name + n - m, cs_channel_names[c]) &&
            (!strncmp(name, "gmv_", 4) || !strncmp(name, "brand_", 6)))
            return cs_channel_color(c);
    }
    return cs_okabe_ito[order[k & 3]];
}

/* Column col of rows[0 .. n-1] into out: each day's value, or its total
 * from day 1. */
static void line_values(const cs_column *col, const cs_day_row *rows, int n, int so_far,
                        double *out)
{
    double acc = 0;
    for (int d = 0; d < n; d++) {
        const double v = cs_column_value(col, &rows[d]);
        out[d] = so_far ? (acc += isfinite(v) ? v : 0) : v;
    }
}

/* The runs compare keeps: k = 0 the run before, then older ones. */
static int kept_count(const cs_scene *s, int compare)
{
    return compare && s->prev_rows && s->prev_n > 0 ? 1 + s->nolder : 0;
}

static const cs_day_row *kept_rows(const cs_scene *s, int k, int64_t *n)
{
    *n = k == 0 ? s->prev_n : s->older_n[k - 1];
    return k == 0 ? s->prev_rows : s->older_rows[k - 1];
}

/* Kept run k's name in the legend: its kind of network when the kept runs
 * and this one are not all on one kind (k switched the network), else how
 * many runs ago it was. */
static void kept_label(const cs_scene *s, int k, char *out, size_t cap)
{
    int mixed = s->prev_kind != s->net_kind;
    for (int i = 0; i < s->nolder; i++)
        mixed |= s->older_kind[i] != s->net_kind;
    const int kind = k == 0 ? s->prev_kind : s->older_kind[k - 1];
    if (mixed)
        snprintf(out, cap, "%s", cs_words(s->lang, cs_network_words(kind)));
    else if (k == 0)
        snprintf(out, cap, "%s", cs_words(s->lang, "the run before"));
    else
        snprintf(out, cap, cs_words(s->lang, "%d runs before"), k + 1);
}

/* Kept run k's colour: the run before in ink, older ones in their own. */
static SDL_Color kept_color(int k)
{
    static const int order[CS_SCENE_KEEP] = {0, 6, 3, 7};
    return cs_okabe_ito[order[k % CS_SCENE_KEEP]];
}

/* The lesson's own measures, one chart each with a line per measure,
 * titled in its words; with compare on, the runs kept beside this one
 * (faint): every kept run for a chart of one line, the run before for a
 * chart of several (in each line's colour). With tops (r NULL), each
 * chart's top instead of a picture. */
static void lesson_plots(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect area,
                         const cs_scene *s, int compare, double *tops)
{
    enum { SLOTS = 4 * (CS_LESSON_MAX_LINES + CS_SCENE_KEEP) };
    const int kept = kept_count(s, compare);
    int len = (int)s->nrows;
    for (int k = 0; k < kept; k++) {
        int64_t m;
        kept_rows(s, k, &m);
        len = (int)m > len ? (int)m : len;
    }
    double *buf = malloc((size_t)(len ? len : 1) * (1 + SLOTS) * sizeof *buf);
    char *labels = malloc(SLOTS * 96);
    if (!buf || !labels) {
        free(buf);
        free(labels);
        return;
    }
    double *day = buf;
    for (int d = 0; d < len; d++)
        day[d] = (double)(d + 1);
    int used = 0; /* slots of buf and labels taken */
    chart charts[4];
    for (int v = 0; v < s->nviews; v++) {
        const cs_scene_view *sv = &s->views[v];
        charts[v] = (chart){.title = sv->title};
        const int runs_back = sv->ncols > 1 ? (kept > 0) : kept;
        for (int k = 0; k < sv->ncols; k++) {
            const cs_column *col = cs_column_at(s->model_id, (size_t)sv->col[k]);
            const SDL_Color c = sv->ncols > 1 ? line_color(col->name, k) : cs_okabe_ito[5];
            double *now = buf + len * (1 + used);
            char *label = labels + 96 * used++;
            line_values(col, s->rows, (int)s->nrows, sv->so_far, now);
            snprintf(label, 96, "%s", sv->legend[k] ? sv->legend[k] : cs_words(s->lang, "this run"));
            if (col->kind == CS_COL_MONEY)
                charts[v].unit = cs_words(s->lang, "yuan");
            add(&charts[v], label, now, (int)s->nrows, c, 0, day);
            for (int b = 0; b < runs_back && charts[v].n < MAX_SERIES; b++) {
                int64_t m;
                const cs_day_row *rows = kept_rows(s, b, &m);
                double *before = buf + len * (1 + used);
                char *lb = labels + 96 * used++, name[64];
                line_values(col, rows, (int)m, sv->so_far, before);
                kept_label(s, b, name, sizeof name);
                if (sv->legend[k])
                    snprintf(lb, 96, "%s, %s", sv->legend[k], name);
                else
                    snprintf(lb, 96, "%s", name);
                add(&charts[v], lb, before, (int)m, sv->ncols > 1 ? c : kept_color(b), 1, day);
            }
        }
    }
    for (int v = 0; tops && v < s->nviews; v++)
        tops[v] = chart_top(&charts[v]);
    if (!tops)
        grid(r, f, st, area, s, charts, s->nviews);
    free(labels);
    free(buf);
}

/* The usual four charts (or the lesson's), or with tops their tops. */
static void plots(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect area,
                  const cs_scene *s, int compare, double *tops)
{
    if (s->nviews > 0) {
        lesson_plots(r, f, st, area, s, compare, tops);
        return;
    }
    enum { COLS = 9 };
    const int n = (int)s->nrows, np = compare ? (int)s->prev_n : 0;
    const int kept = kept_count(s, compare);
    int len = n > np ? n : np;
    for (int k = 1; k < kept; k++)
        len = (int)s->older_n[k - 1] > len ? (int)s->older_n[k - 1] : len;
    double *buf = malloc((size_t)(len ? len : 1) * COLS * sizeof *buf);
    if (!buf)
        return;
    double *day = buf, *gmv = buf + len, *off = gmv + len, *cum = off + len, *cum_off = cum + len,
           *dau = cum_off + len, *seeded = dau + len, *engaged = seeded + len, *buyers = engaged + len;
    double a = 0, b = 0;
    for (int d = 0; d < len; d++)
        day[d] = (double)(d + 1);
    for (int d = 0; d < n; d++) {
        const cs_day_row *row = &s->rows[d];
        gmv[d] = cs_yuan(row->gmv_fen);
        off[d] = cs_yuan(row->gmv_offsite_fen);
        cum[d] = a += gmv[d];
        cum_off[d] = b += off[d];
        dau[d] = (double)row->dau;
        seeded[d] = (double)row->seeded;
        engaged[d] = (double)row->engaged;
        buyers[d] = (double)row->buyers;
    }
    /* The previous run's in-app GMV, per day and accumulated, beside this
     * run's in-app line: like for like. */
    double *prev_cum = compare && np ? malloc((size_t)np * sizeof *prev_cum) : NULL;
    double acc = 0;
    for (int d = 0; prev_cum && d < np; d++)
        prev_cum[d] = acc += s->prev_gmv[d];

    const int textbook = s->funnel.showed < 0 && s->funnel.repurchased < 0;
    const SDL_Color in_app = cs_okabe_ito[5], elsewhere = cs_okabe_ito[1], prev = cs_okabe_ito[0];
    const char *yuan = cs_words(s->lang, "yuan");
    chart charts[4] = {{.title = cs_words(s->lang, "GMV per day"), .unit = yuan},
                       {.title = cs_words(s->lang, "GMV so far"), .unit = yuan},
                       {.title = cs_words(s->lang, "Opened the app"),
                        .unit = cs_words(s->lang, "users per day")},
                       {.title = cs_words(s->lang, "Reached so far"), .unit = cs_words(s->lang, "users")}};
    /* The textbook models sell in one place only. */
    const char *where = cs_words(s->lang, textbook ? "orders × price" : "in-app stores");
    add(&charts[0], where, gmv, n, in_app, 0, day);
    add(&charts[1], where, cum, n, in_app, 0, day);
    if (!textbook) {
        add(&charts[0], cs_words(s->lang, "paid elsewhere"), off, n, elsewhere, 0, day);
        add(&charts[1], cs_words(s->lang, "paid elsewhere"), cum_off, n, elsewhere, 0, day);
    }
    if (compare && np) {
        add(&charts[0], cs_words(s->lang, textbook ? "previous run" : "previous run, in-app"), s->prev_gmv, np, prev, 1, day);
        if (prev_cum)
            add(&charts[1], cs_words(s->lang, textbook ? "previous run" : "previous run, in-app"), prev_cum, np, prev, 1,
                day);
    }
    /* Older runs kept, and every kept run's users and buyers: each chart
     * with the runs before it, faint, in their own colours. */
    double *back = kept ? malloc((size_t)(len ? len : 1) * 4 * (size_t)kept * sizeof *back) : NULL;
    char names[CS_SCENE_KEEP][64];
    for (int k = 0; back && k < kept; k++) {
        int64_t m;
        const cs_day_row *rows = kept_rows(s, k, &m);
        double *g = back + (size_t)len * 4 * (size_t)k, *c = g + len, *u = c + len, *bu = u + len;
        double sum = 0;
        for (int d = 0; d < (int)m; d++) {
            g[d] = cs_yuan(rows[d].gmv_fen);
            c[d] = sum += g[d];
            u[d] = (double)rows[d].dau;
            bu[d] = (double)rows[d].buyers;
        }
        kept_label(s, k, names[k], sizeof names[k]);
        if (k > 0) { /* the run before is drawn above, in its own words */
            add(&charts[0], names[k], g, (int)m, kept_color(k), 1, day);
            add(&charts[1], names[k], c, (int)m, kept_color(k), 1, day);
        }
        add(&charts[2], names[k], u, (int)m, kept_color(k), 1, day);
        add(&charts[3], names[k], bu, (int)m, kept_color(k), 1, day);
    }
    add(&charts[2], cs_words(s->lang, "opened the app"), dau, n, cs_okabe_ito[5], 0, day);
    if (!textbook) {
        add(&charts[3], cs_words(s->lang, cs_stage_label(CS_STAGE_SEEDED)), seeded, n, cs_stage_color(CS_STAGE_SEEDED), 0, day);
        add(&charts[3], cs_words(s->lang, cs_stage_label(CS_STAGE_ENGAGED)), engaged, n, cs_stage_color(CS_STAGE_ENGAGED), 0, day);
    }
    add(&charts[3], cs_words(s->lang, cs_stage_label(CS_STAGE_BOUGHT)), buyers, n, cs_stage_color(CS_STAGE_BOUGHT), 0, day);
    if (tops) {
        for (int i = 0; i < 4; i++)
            tops[i] = chart_top(&charts[i]);
        free(back);
        free(prev_cum);
        free(buf);
        return;
    }

    /* As many charts as fit at a readable size: all four two by two or in a
     * column, else the two that tell the story (money so far and the
     * funnel), else money alone. */
    static const struct {
        int cols, rows;
        int which[4];
    } grids[] = {{2, 2, {0, 1, 2, 3}}, {1, 4, {0, 1, 2, 3}}, {2, 1, {1, 3}},
                 {1, 2, {1, 3}},       {1, 1, {1}}};
    const int gap = (int)(8 * st->scale);
    const int min_w = (int)(260 * st->scale), min_h = (int)(150 * st->scale);
    size_t g = 0;
    for (; g + 1 < sizeof grids / sizeof grids[0]; g++) {
        int cw = (area.w - (grids[g].cols - 1) * gap) / grids[g].cols;
        int ch = (area.h - (grids[g].rows - 1) * gap) / grids[g].rows;
        if (cw >= min_w && ch >= min_h)
            break;
    }
    const int cols = grids[g].cols, rows = grids[g].rows;
    const int cw = (area.w - (cols - 1) * gap) / cols, ch = (area.h - (rows - 1) * gap) / rows;
    for (int i = 0; i < cols * rows; i++) {
        SDL_Rect box = {area.x + (i % cols) * (cw + gap), area.y + (i / cols) * (ch + gap), cw, ch};
        draw_chart(r, f, st, box, s, &charts[grids[g].which[i]], grids[g].which[i]);
    }
    free(back);
    free(prev_cum);
    free(buf);
}

void cs_panel_plots(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect area,
                    const cs_scene *s, int compare)
{
    plots(r, f, st, area, s, compare, NULL);
}

void cs_panel_plots_tops(const cs_scene *s, int compare, double top[4])
{
    for (int i = 0; i < 4; i++)
        top[i] = 0;
    plots(NULL, NULL, NULL, (SDL_Rect){0, 0, 0, 0}, s, compare, top);
}
