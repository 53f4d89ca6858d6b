/* SPDX-License-Identifier: MIT */
/* panel_funnel.c - how far users got, as bars with the conversion from each
 * step to the next, and where the money came from, by channel. */
#include <math.h>
#include <stdio.h>

#include "draw/draw.h"
#include "draw/format.h"
#include "draw/palette.h"
#include "draw/panels.h"
#include "draw/words.h"

typedef struct bar {
    const char *label;
    double value;
    SDL_Color color;
    char note[48];
    double before; /* the run before's value, marked on the bar (NaN: none) */
} bar;

/* Horizontal bars scaled to the largest, labelled left, value and note right. */
static void draw_bars(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect area,
                      const bar *b, int n)
{
    const float k = st->scale;
    const int th = cs_text_height(f, CS_TEXT_SMALL);
    int label_w = 0, note_w = 0;
    char buf[32], text[96];
    double max = 0;
    for (int i = 0; i < n; i++) {
        int w = cs_text_width(f, CS_TEXT_SMALL, b[i].label);
        label_w = w > label_w ? w : label_w;
        snprintf(text, sizeof text, "%s %s", cs_format_short(b[i].value, 3, buf, sizeof buf), b[i].note);
        w = cs_text_width(f, CS_TEXT_SMALL, text);
        note_w = w > note_w ? w : note_w;
        max = b[i].value > max ? b[i].value : max;
        max = isfinite(b[i].before) && b[i].before > max ? b[i].before : max;
    }
    /* Rows as tall as room allows; when even snug rows do not fit, the
     * bars at the end (the smallest channels, the last steps) are left out. */
    if ((float)area.h < (float)n * (float)th * 1.15f)
        n = (int)((float)area.h / ((float)th * 1.15f));
    float row = (float)area.h / (float)(n ? n : 1);
    if (row > (float)th * 2.2f)
        row = (float)th * 2.2f;
    float bx = (float)area.x + (float)label_w + 8 * k;
    float bw = (float)(area.x + area.w) - bx - (float)note_w - 8 * k;
    if (bw < 10 * k)
        bw = 10 * k;
    for (int i = 0; i < n; i++) {
        float y = (float)area.y + row * (float)i;
        float h = row * 0.62f;
        cs_text_draw(r, f, CS_TEXT_SMALL, bx - 6 * k, y + (h - (float)th) / 2, CS_ALIGN_RIGHT, st->ink,
                     b[i].label);
        float w = max > 0 ? (float)(b[i].value / max) * bw : 0;
        cs_draw_rect(r, (SDL_FRect){bx, y, bw, h}, st->grid);
        cs_draw_rect(r, (SDL_FRect){bx, y, w < 1 && b[i].value > 0 ? 1 : w, h}, b[i].color);
        /* The run before: a mark across the bar where it stood. */
        if (isfinite(b[i].before) && max > 0) {
            const float x = bx + (float)(b[i].before / max) * bw;
            cs_draw_rect(r, (SDL_FRect){x - 1.5f * k, y - 2 * k, 3 * k, h + 4 * k}, st->ink);
        }
        snprintf(text, sizeof text, "%s %s", cs_format_short(b[i].value, 3, buf, sizeof buf), b[i].note);
        cs_text_draw(r, f, CS_TEXT_SMALL, bx + bw + 6 * k, y + (h - (float)th) / 2, CS_ALIGN_LEFT,
                     st->ink, text);
    }
}

static void percent(char *out, size_t n, double part, double whole, const char *of,
                    const char *lang)
{
    if (whole > 0)
        snprintf(out, n, cs_words(lang, "(%.1f%% of %s)"), 100.0 * part / whole,
                 cs_words(lang, of));
    else
        out[0] = '\0';
}

void cs_panel_funnel(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect outer,
                     const cs_scene *s, int compare)
{
    /* With compare on, the run before's funnel and money, marked on the
     * bars: its last row's stages, its channels' totals. */
    const cs_day_row *pr = compare && s->prev_rows && s->prev_n > 0 ? s->prev_rows : NULL;
    const cs_day_row *plast = pr ? &pr[s->prev_n - 1] : NULL;
    const float k = st->scale;
    /* With a brand's campaign the money is the brand's: the lesson is
     * about it, not about the other merchants' sales. */
    int64_t brand_fen[CS_CH_COUNT] = {0}, before_fen[CS_CH_COUNT] = {0};
    for (int64_t d = 0; d < s->nrows; d++)
        for (int ch = 0; ch < CS_CH_COUNT; ch++)
            brand_fen[ch] += s->rows[d].brand_gmv_channel_fen[ch];
    const int brand = s->brand_markets;
    for (int64_t d = 0; pr && d < s->prev_n; d++)
        for (int ch = 0; ch < CS_CH_COUNT; ch++)
            before_fen[ch] += brand ? pr[d].brand_gmv_channel_fen[ch] : pr[d].gmv_channel_fen[ch];
    const int64_t *money = brand ? brand_fen : s->channel_fen;
    SDL_Rect area = cs_panel_box(r, f, st, outer,
                                 cs_words(s->lang, brand ? "Funnel, and the brand's sales by channel, so far"
                                                         : "Funnel and GMV by channel, so far"));
    /* The funnel: each step as a share of the one before. */
    const cs_funnel *fu = &s->funnel;
    const int textbook = fu->showed < 0 && fu->repurchased < 0;
    bar b[6];
    int n = 0;
    if (textbook) {
        b[n] = (bar){cs_words(s->lang, "bought"), (double)fu->bought,
                     cs_stage_color(CS_STAGE_BOUGHT), "", plast ? (double)plast->buyers : NAN};
        percent(b[n].note, sizeof b[n].note, (double)fu->bought, (double)s->population, "users",
                s->lang);
        n++;
    } else {
        const struct {
            const char *label;
            int64_t v;
            int stage;
            double before;
        } steps[] = {{"seeded", fu->seeded, CS_STAGE_SEEDED, plast ? (double)plast->seeded : NAN},
                     {"engaged", fu->engaged, CS_STAGE_ENGAGED, plast ? (double)plast->engaged : NAN},
                     {"bought", fu->bought, CS_STAGE_BOUGHT, plast ? (double)plast->buyers : NAN},
                     {"showed", fu->showed, CS_STAGE_BOUGHT, NAN},
                     {"bought again", fu->repurchased, CS_STAGE_REPEAT, NAN}};
        const char *prev = NULL;
        double prev_v = 0;
        for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
            if (steps[i].v < 0)
                continue;
            b[n] = (bar){cs_words(s->lang, steps[i].label), (double)steps[i].v,
                         cs_stage_color(steps[i].stage), "", steps[i].before};
            /* Showing and buying again both follow buying. */
            const char *of = i >= 3 ? "bought" : prev;
            double whole = i >= 3 ? (double)fu->bought : prev_v;
            if (of)
                percent(b[n].note, sizeof b[n].note, (double)steps[i].v, whole, of, s->lang);
            if (i < 3) {
                prev = steps[i].label;
                prev_v = (double)steps[i].v;
            }
            n++;
        }
    }

    /* Money by channel, as a share of all of it. */
    bar c[CS_CH_COUNT];
    double total = 0;
    for (int ch = 0; ch < CS_CH_COUNT; ch++)
        total += cs_yuan(money[ch]);
    /* Channels that sold, largest first. */
    int m = 0;
    for (int ch = 0; ch < CS_CH_COUNT && total > 0; ch++) {
        if (money[ch] <= 0)
            continue;
        bar b1 = {cs_words(s->lang, cs_channel_names[ch]), cs_yuan(money[ch]), cs_channel_color(ch),
                  "", pr ? cs_yuan(before_fen[ch]) : NAN};
        snprintf(b1.note, sizeof b1.note, cs_words(s->lang, "yuan (%.0f%%)"), 100.0 * b1.value / total);
        int at = m++;
        while (at > 0 && c[at - 1].value < b1.value) {
            c[at] = c[at - 1];
            at--;
        }
        c[at] = b1;
    }
    /* Side by side when wide enough; else stacked, rows shared out by
     * count; when even that does not fit, the funnel alone. */
    const int gap = (int)(16 * k), row_min = (int)((float)cs_text_height(f, CS_TEXT_SMALL) * 1.15f);
    const int rows_c = m ? m : 1;
    const int side = area.w > (int)(480 * k);
    const int both = side || (n + rows_c) * row_min + gap <= area.h;
    SDL_Rect left = area, right = area;
    if (side) {
        left.w = (area.w - gap) / 2;
        right.x = left.x + left.w + gap;
        right.w = area.w - left.w - gap;
    } else if (both) {
        left.h = (area.h - gap) * n / (n + rows_c);
        right.y = left.y + left.h + gap;
        right.h = area.h - left.h - gap;
    }
    draw_bars(r, f, st, left, b, n);
    if (!both)
        return;
    if (m)
        draw_bars(r, f, st, right, c, m);
    else
        cs_text_wrap(r, f, CS_TEXT_SMALL, (float)right.x, (float)right.y, (float)right.w,
                     cs_with_alpha(st->ink, 170),
                     cs_words(s->lang, textbook ? "This model has no sales channels." : "No sales yet."));
}
