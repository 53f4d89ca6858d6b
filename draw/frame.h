/* SPDX-License-Identifier: MIT */
/* frame.h - where the panels go in a window or a picture of any size: a
 * header, the network on the left, the curves and the funnel on the right,
 * and room for the visualizer's controls at the bottom (none in a PNG). A
 * tall window stacks them instead. */
#ifndef CS_FRAME_H
#define CS_FRAME_H

#include <SDL.h>

#include "draw/panels.h"

typedef struct cs_frame {
    SDL_Rect header, network, plots, funnel, controls, all;
} cs_frame;

cs_frame cs_frame_layout(const cs_fonts *f, const cs_style *st, int width, int height,
                         int controls_height);
/* The background, the header and every panel; status is drawn at the
 * header's right (the window's speed or "paused"), may be NULL. */
void cs_frame_draw(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, const cs_frame *fr,
                   const cs_scene *s, const cs_camera *cam, float flash, int64_t hover,
                   int compare, const char *status);

#endif
