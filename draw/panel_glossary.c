/* SPDX-License-Identifier: MIT */
/* panel_glossary.c - the window's words explained (glossary.h), drawn over
 * the other panels on demand (key g), in the lesson's language. */
#include "draw/draw.h"
#include "draw/glossary.h"
#include "draw/panels.h"
#include "draw/words.h"

#include <string.h>

void cs_panel_glossary(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect area,
                       const cs_scene *s)
{
    const float k = st->scale;
    cs_draw_rect(r, (SDL_FRect){(float)area.x, (float)area.y, (float)area.w, (float)area.h},
                 cs_with_alpha(st->ink, 90));
    const char *title = cs_words(s->lang, "Words on the screen");
    /* A card as wide as reads well: the terms in a column, their meanings
     * beside them. */
    float w = (float)area.w * 0.8f;
    if (w > 1100 * k)
        w = 1100 * k;
    const float pad = 18 * k, gap = 14 * k, th = (float)cs_text_height(f, CS_TEXT_LARGE);
    float term_w = 0;
    for (size_t i = 0; i < cs_glossary_count(); i++) {
        const char *t, *m;
        cs_glossary_entry(i, s->lang, &t, &m);
        const float tw = (float)cs_text_width(f, CS_TEXT_NORMAL, t);
        term_w = tw > term_w ? tw : term_w;
    }
    const float mean_w = w - 2 * pad - term_w - gap;
    float body = 0;
    for (size_t i = 0; i < cs_glossary_count(); i++) {
        const char *t, *m;
        cs_glossary_entry(i, s->lang, &t, &m);
        body += (float)cs_text_wrap(NULL, f, CS_TEXT_NORMAL, 0, 0, mean_w, st->ink, m) + 4 * k;
    }
    float h = pad + th + 10 * k + body + pad;
    if (h > (float)area.h - 20 * k)
        h = (float)area.h - 20 * k;
    SDL_FRect box = {(float)area.x + ((float)area.w - w) / 2, (float)area.y + ((float)area.h - h) / 2,
                     w, h};
    cs_draw_rect(r, box, st->panel);
    cs_draw_frame(r, box, 1.5f * k, st->ink);
    SDL_Rect clip = {(int)box.x, (int)box.y, (int)box.w, (int)box.h};
    SDL_RenderSetClipRect(r, &clip);
    cs_text_draw(r, f, CS_TEXT_LARGE, box.x + pad, box.y + pad, CS_ALIGN_LEFT, st->ink, title);
    float y = box.y + pad + th + 10 * k;
    for (size_t i = 0; i < cs_glossary_count(); i++) {
        const char *t, *m;
        cs_glossary_entry(i, s->lang, &t, &m);
        cs_text_draw(r, f, CS_TEXT_NORMAL, box.x + pad, y, CS_ALIGN_LEFT, cs_okabe_ito[5], t);
        y += (float)cs_text_wrap(r, f, CS_TEXT_NORMAL, box.x + pad + term_w + gap, y, mean_w,
                                 st->ink, m) +
             4 * k;
    }
    SDL_RenderSetClipRect(r, NULL);
}
