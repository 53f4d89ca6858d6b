/* SPDX-License-Identifier: MIT */
/* panel_info.c - the scenario's own words (its lesson's about, else its
 * info): what it shows, what to notice, what to try. Drawn over the other
 * panels on demand (key i). */
#include <stdlib.h>
#include <string.h>

#include "draw/draw.h"
#include "draw/panels.h"
#include "scenario/lesson.h"

/* A text written for a file, its lines broken at 78 columns, for a card:
 * a line break inside a paragraph becomes a space, so the card's width,
 * not the file's, decides where lines end. A blank line, and a line that
 * is indented or starts with "- ", still begin a new line. */
void cs_info_reflow(const char *in, char *out, size_t cap)
{
    size_t o = 0;
    if (!cap)
        return;
    for (const char *p = in; *p && o + 1 < cap; p++) {
        if (*p != '\n') {
            out[o++] = *p;
            continue;
        }
        const char *next = p + 1;
        const int keep = *next == '\0' || *next == '\n' || *next == ' ' ||
                         (next[0] == '-' && next[1] == ' ') || (o && out[o - 1] == '\n');
        /* Chinese and Japanese put no space between a line's end and the
         * next line's start. */
        const int wide = (o && (unsigned char)out[o - 1] >= 0x80) || (unsigned char)*next >= 0x80;
        if (keep)
            out[o++] = '\n';
        else if (!wide)
            out[o++] = ' ';
    }
    while (o && (out[o - 1] == '\n' || out[o - 1] == ' '))
        o--;
    out[o] = '\0';
}

void cs_panel_info(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect area,
                   const cs_scene *s)
{
    const float k = st->scale;
    cs_draw_rect(r, (SDL_FRect){(float)area.x, (float)area.y, (float)area.w, (float)area.h},
                 cs_with_alpha(st->ink, 90));
    /* A card of readable width in the middle, tall as its text. */
    float w = (float)area.w * 0.7f;
    if (w > 900 * k)
        w = 900 * k;
    const char *raw = s->info && s->info[0] ? s->info : "This scenario has no info: text.";
    const size_t cap = 2 * strlen(raw) + 4096;
    char *filled = malloc(cap), *text = malloc(cap);
    if (!filled || !text) {
        free(filled);
        free(text);
        return;
    }
    /* Its numbers are this run's, as far as it has gone. */
    cs_lesson_fill(raw, s->model_id, s->rows, s->nrows, filled, cap);
    cs_info_reflow(filled, text, cap);
    float pad = 18 * k;
    float th = (float)cs_text_height(f, CS_TEXT_LARGE);
    float body = (float)cs_text_wrap(NULL, f, CS_TEXT_NORMAL, 0, 0, w - 2 * pad, st->ink, text);
    float h = pad + th + 10 * k + body + pad;
    if (h > (float)area.h - 20 * k)
        h = (float)area.h - 20 * k;
    SDL_FRect box = {(float)area.x + ((float)area.w - w) / 2, (float)area.y + ((float)area.h - h) / 2, w, h};
    cs_draw_rect(r, box, st->panel);
    cs_draw_frame(r, box, 1.5f * k, st->ink);
    SDL_Rect clip = {(int)box.x, (int)box.y, (int)box.w, (int)box.h};
    SDL_RenderSetClipRect(r, &clip);
    cs_text_draw(r, f, CS_TEXT_LARGE, box.x + pad, box.y + pad, CS_ALIGN_LEFT, st->ink,
                 s->name && s->name[0] ? s->name : "scenario");
    cs_text_wrap(r, f, CS_TEXT_NORMAL, box.x + pad, box.y + pad + th + 10 * k, w - 2 * pad, st->ink,
                 text);
    SDL_RenderSetClipRect(r, NULL);
    free(filled);
    free(text);
}
