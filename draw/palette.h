/* SPDX-License-Identifier: MIT */
/* palette.h - what each colour means. Fixed for every run and every picture,
 * so a class that learned "green bought" keeps reading it that way; built on
 * Okabe & Ito's colour-blind-safe palette. */
#ifndef CS_PALETTE_H
#define CS_PALETTE_H

#include <SDL.h>

#include "draw/plot.h"

/* Colour of a funnel stage (enum cs_stage). Users not on the platform
 * (CS_STAGE_ABSENT) are not drawn; their colour is the background's. */
SDL_Color cs_stage_color(int stage);
/* Words for a stage in a legend or a card. */
const char *cs_stage_label(int stage);
/* Colour of a sales channel (enum cs_channel). */
SDL_Color cs_channel_color(int channel);

/* Tints of the halos around group chats and circles. */
extern const SDL_Color cs_group_tint, cs_circle_tint;
/* The sale flash on a tie. */
extern const SDL_Color cs_flash_color;

/* Styles: the everyday one, and the projector's (larger type and lines,
 * black on white, darker grid) for the back row of a classroom. scale is the
 * display's pixel density (1 for a PNG, 2 on a HiDPI screen). */
cs_style cs_style_screen(float scale);
cs_style cs_style_projector(float scale);

#endif
