/* SPDX-License-Identifier: MIT */
/* canvas.h - an offscreen drawing surface with a software renderer. */
#ifndef CS_CANVAS_H
#define CS_CANVAS_H

#include <SDL.h>

#include "circlesim/diag.h"

typedef struct cs_canvas {
    SDL_Surface *surface;
    SDL_Renderer *renderer;
} cs_canvas;

/* 0 on success; on failure SDL_GetError() says why. */
int cs_canvas_create(cs_canvas *c, int width, int height);
void cs_canvas_destroy(cs_canvas *c);
void cs_canvas_clear(cs_canvas *c, SDL_Color color);
/* Writes the canvas as PNG to path, atomically; 0 on success, else -1 with
 * the reason reported through diag. */
int cs_canvas_save_png(cs_canvas *c, const char *path, cs_diag *diag);
/* The same for any surface (a window's pixels read back). */
int cs_surface_save_png(SDL_Surface *surface, const char *path, cs_diag *diag);
/* The same into the folder open as dirfd, under path's last part (path as
 * messages show it); dirfd < 0: path itself. */
int cs_canvas_save_png_in(cs_canvas *c, int dirfd, const char *path, cs_diag *diag);
/* The same as the file name in the folder open as dirfd (path: as messages
 * show it). */
int cs_canvas_save_png_at(cs_canvas *c, int dirfd, const char *name, const char *path,
                          cs_diag *diag);

#endif
