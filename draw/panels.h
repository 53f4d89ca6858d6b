/* SPDX-License-Identifier: MIT */
/* panels.h - the visualizer's panels, each drawn from a scene into a
 * rectangle of any SDL renderer. One file per panel: panel_network.c,
 * panel_plots.c, panel_funnel.c, panel_info.c. */
#ifndef CS_PANELS_H
#define CS_PANELS_H

#include <SDL.h>

#include "draw/plot.h"
#include "draw/scene.h"
#include "draw/text.h"

/* The network panel's view: zoom 1 and no pan fit the whole layout. */
typedef struct cs_camera {
    float zoom;
    float pan_x, pan_y; /* pixels */
} cs_camera;

/* flash: 0..1, how bright today's sale ties are (the window fades them;
 * pictures use 1). hover: the sample index under the mouse, or -1. */
void cs_panel_network(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect area,
                      const cs_scene *s, const cs_camera *cam, float flash, int64_t hover);
/* The sample index of the user drawn at (x, y), or -1. */
int64_t cs_panel_network_pick(const cs_fonts *f, const cs_style *st, SDL_Rect area,
                              const cs_scene *s, const cs_camera *cam, float x, float y);
/* Zooms the camera by factor about the screen point (x, y): the world point
 * under it stays under it. */
void cs_panel_network_zoom(const cs_fonts *f, const cs_style *st, SDL_Rect area,
                           const cs_scene *s, cs_camera *cam, float factor, float x, float y);

/* Daily and cumulative GMV, DAU and the funnel over time, in a grid. */
void cs_panel_plots(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect area,
                    const cs_scene *s, int compare);
/* The top of each chart cs_panel_plots draws for s (in its order, at most
 * 4; the rest 0): the highest value its series reach. */
void cs_panel_plots_tops(const cs_scene *s, int compare, double top[4]);
/* Bars for seeded, engaged, bought, showed, bought again, and GMV by channel. */
void cs_panel_funnel(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect area,
                     const cs_scene *s, int compare);
/* A lesson's step (s->step > 0): "Step k of n", its caption and its
 * question, in area. */
void cs_panel_step(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect area,
                   const cs_scene *s);
/* in, a text written with its lines broken for a file, with each
 * paragraph's lines joined (a blank line, an indented line or "- " still
 * break), into out (cap bytes). */
void cs_info_reflow(const char *in, char *out, size_t cap);
/* The window's words explained (glossary.h), over area, in s->lang. */
void cs_panel_glossary(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect area,
                       const cs_scene *s);
/* The scenario's info text (its numbers filled from the run), over area. */
void cs_panel_info(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect area,
                   const cs_scene *s);

/* A panel's white card with its title; returns the room left inside, which
 * cs_panel_inner gives without drawing. */
SDL_Rect cs_panel_box(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect area,
                      const char *title);
SDL_Rect cs_panel_inner(const cs_fonts *f, const cs_style *st, SDL_Rect area);

#endif
