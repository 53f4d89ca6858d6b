/* panel_info.c - the scenario's own words: what it shows, what to notice,
 * what to try. Drawn over the other panels on demand (key i). */
#include "draw/draw.h"
#include "draw/panels.h"

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
    const char *text = s->info && s->info[0] ? s->info : "This scenario has no info: text.";
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
}
