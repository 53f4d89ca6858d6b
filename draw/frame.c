/* SPDX-License-Identifier: MIT */
/* frame.c - the panels' places and the header above them. */
#include "draw/frame.h"

#include <stdio.h>

#include "draw/draw.h"
#include "draw/format.h"
#include "draw/words.h"

SDL_Rect cs_panel_inner(const cs_fonts *f, const cs_style *st, SDL_Rect area)
{
    const int pad = (int)(8 * st->scale);
    int top = cs_text_height(f, CS_TEXT_NORMAL) + 2 * pad;
    return (SDL_Rect){area.x + pad, area.y + top, area.w - 2 * pad, area.h - top - pad};
}

SDL_Rect cs_panel_box(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect area,
                      const char *title)
{
    const float k = st->scale;
    cs_draw_rect(r, (SDL_FRect){(float)area.x, (float)area.y, (float)area.w, (float)area.h},
                 st->panel);
    cs_text_draw(r, f, CS_TEXT_NORMAL, (float)area.x + 8 * k, (float)area.y + 8 * k,
                 CS_ALIGN_LEFT, st->ink, title);
    return cs_panel_inner(f, st, area);
}

cs_frame cs_frame_layout(const cs_fonts *f, const cs_style *st, int w, int h, int controls_h)
{
    const int g = (int)(8 * st->scale);
    cs_frame fr = {.all = {0, 0, w, h}};
    fr.header = (SDL_Rect){g, g, w - 2 * g, cs_text_height(f, CS_TEXT_LARGE) + g};
    fr.controls = (SDL_Rect){0, h - controls_h, w, controls_h};
    int top = fr.header.y + fr.header.h + g / 2;
    int bottom = h - controls_h - g;
    int body_h = bottom - top, body_w = w - 2 * g;
    if (body_w >= body_h) { /* landscape: network left, curves and funnel right */
        /* On a projector the network is what the back row must make out;
         * the charts' few lines read at a smaller size. */
        int nw = body_w * (st->projector ? 58 : 45) / 100;
        fr.network = (SDL_Rect){g, top, nw, body_h};
        int rx = g + nw + g, rw = body_w - nw - g;
        int fh = body_h * 30 / 100;
        fr.plots = (SDL_Rect){rx, top, rw, body_h - fh - g};
        fr.funnel = (SDL_Rect){rx, top + body_h - fh, rw, fh};
    } else { /* portrait: stacked */
        int nh = body_h * (st->projector ? 50 : 42) / 100, fh = body_h * 18 / 100;
        fr.network = (SDL_Rect){g, top, body_w, nh};
        fr.plots = (SDL_Rect){g, top + nh + g, body_w, body_h - nh - fh - 2 * g};
        fr.funnel = (SDL_Rect){g, top + body_h - fh, body_w, fh};
    }
    return fr;
}

void cs_frame_draw(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, const cs_frame *fr,
                   const cs_scene *s, const cs_camera *cam, float flash, int64_t hover,
                   int compare, const char *status)
{
    const float k = st->scale;
    cs_draw_rect(r, (SDL_FRect){(float)fr->all.x, (float)fr->all.y, (float)fr->all.w, (float)fr->all.h},
                 st->background);

    /* Header: the scenario's name left, where the run is right. */
    char right[192], pop[32];
    snprintf(right, sizeof right,
             cs_words(s->lang, "day %lld of %lld  ·  seed %lld  ·  %s model  ·  %s users%s%s"),
             (long long)s->day, (long long)s->days, (long long)s->seed,
             s->model ? cs_words(s->lang, s->model) : "?",
             cs_format_short((double)s->population, 3, pop, sizeof pop), status ? "  ·  " : "",
             status ? status : "");
    int rw = cs_text_width(f, CS_TEXT_NORMAL, right);
    float hy = (float)fr->header.y, hh = (float)fr->header.h;
    float name_w = (float)fr->header.w - (float)rw - 24 * k;
    SDL_Rect clip = {fr->header.x, fr->header.y, (int)(name_w > 0 ? name_w : 0), fr->header.h};
    SDL_RenderSetClipRect(r, &clip);
    cs_text_draw(r, f, CS_TEXT_LARGE, (float)fr->header.x, hy + (hh - (float)cs_text_height(f, CS_TEXT_LARGE)) / 2,
                 CS_ALIGN_LEFT, st->ink, s->name && s->name[0] ? s->name : "scenario");
    SDL_RenderSetClipRect(r, NULL);
    cs_text_draw(r, f, CS_TEXT_NORMAL, (float)(fr->header.x + fr->header.w),
                 hy + (hh - (float)cs_text_height(f, CS_TEXT_NORMAL)) / 2, CS_ALIGN_RIGHT, st->ink,
                 right);

    cs_panel_network(r, f, st, fr->network, s, cam, flash, hover);
    cs_panel_plots(r, f, st, fr->plots, s, compare);
    if (s->step > 0)
        cs_panel_step(r, f, st, fr->funnel, s);
    else
        cs_panel_funnel(r, f, st, fr->funnel, s, compare);
}
