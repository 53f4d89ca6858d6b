/* SPDX-License-Identifier: MIT */
/* draw.h - primitives the panels share, on any SDL renderer (a window's or
 * an offscreen canvas's): thick lines, discs, filled polygons and bands,
 * through SDL_RenderGeometry so they are anti-aliasing-free but thick enough
 * for a projector. */
#ifndef CS_DRAW_H
#define CS_DRAW_H

#include <SDL.h>

void cs_draw_line(SDL_Renderer *r, float x0, float y0, float x1, float y1, float width,
                  SDL_Color c);
/* A polyline through n points, skipping non-finite ones. */
void cs_draw_polyline(SDL_Renderer *r, const SDL_FPoint *p, int n, float width, SDL_Color c);
void cs_draw_disc(SDL_Renderer *r, float x, float y, float radius, SDL_Color c);
void cs_draw_ring(SDL_Renderer *r, float x, float y, float radius, float width, SDL_Color c);
void cs_draw_rect(SDL_Renderer *r, SDL_FRect box, SDL_Color c);
void cs_draw_frame(SDL_Renderer *r, SDL_FRect box, float width, SDL_Color c);
/* The area between lo[i] and hi[i] over x[i] (a confidence band). */
void cs_draw_band(SDL_Renderer *r, const float *x, const float *lo, const float *hi, int n,
                  SDL_Color c);

/* A filled convex polygon (a community's hull). */
void cs_draw_convex(SDL_Renderer *r, const SDL_FPoint *p, int n, SDL_Color c);

/* Many discs and rings drawn in one call, in the order added: the software
 * renderer pays per call, and a network has thousands of users. A batch
 * that cannot grow stops adding (and draws what it has). */
typedef struct cs_batch {
    SDL_Vertex *v;
    int *idx;
    int nv, ni, cap_v, cap_i, failed;
} cs_batch;
void cs_batch_disc(cs_batch *b, float x, float y, float radius, SDL_Color c);
void cs_batch_ring(cs_batch *b, float x, float y, float radius, float width, SDL_Color c);
void cs_batch_flush(SDL_Renderer *r, cs_batch *b);
void cs_batch_free(cs_batch *b);

/* A white disc (ring when width > 0) of the given radius, antialiased, as a
 * texture for r: drawn many times with a colour modulation it is far
 * cheaper than triangles on the software renderer. NULL on failure. */
SDL_Texture *cs_disc_sprite(SDL_Renderer *r, float radius, float width);
/* Draws a sprite from cs_disc_sprite centred on (x, y) in colour c. */
void cs_draw_sprite(SDL_Renderer *r, SDL_Texture *t, float x, float y, SDL_Color c);

/* The fixed palette: Okabe & Ito's colour-blind-safe colours. */
extern const SDL_Color cs_okabe_ito[8];
SDL_Color cs_with_alpha(SDL_Color c, Uint8 a);

#endif
