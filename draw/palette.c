/* SPDX-License-Identifier: MIT */
/* palette.c - the fixed colours and the two styles. */
#include "draw/palette.h"

#include "engine/engine.h"
#include "draw/draw.h"

/* Stages further down the funnel get stronger colours; grey for users the
 * brand has not reached keeps the eye on the ones it has. */
SDL_Color cs_stage_color(int stage)
{
    switch (stage) {
    case CS_STAGE_UNAWARE: return (SDL_Color){168, 168, 168, 255};
    case CS_STAGE_SEEDED: return cs_okabe_ito[2];  /* sky blue */
    case CS_STAGE_ENGAGED: return cs_okabe_ito[1]; /* orange */
    case CS_STAGE_BOUGHT: return cs_okabe_ito[3];  /* bluish green */
    case CS_STAGE_REPEAT: return cs_okabe_ito[5];  /* blue */
    default: return (SDL_Color){255, 255, 255, 0};
    }
}

const char *cs_stage_label(int stage)
{
    static const char *const label[CS_STAGE_COUNT] = {
        "not on the platform", "not reached", "seeded", "engaged", "bought", "bought again",
    };
    return stage >= 0 && stage < CS_STAGE_COUNT ? label[stage] : "?";
}

SDL_Color cs_channel_color(int channel)
{
    static const SDL_Color c[CS_CH_COUNT] = {
        {86, 180, 233, 255},  /* feed: sky blue */
        {204, 121, 167, 255}, /* kol: reddish purple */
        {230, 159, 0, 255},   /* koc: orange */
        {0, 158, 115, 255},   /* group: bluish green */
        {0, 114, 178, 255},   /* circle: blue */
        {213, 94, 0, 255},    /* livestream: vermillion */
        {90, 90, 90, 255},    /* dm: dark grey (Okabe-Ito's yellow is unreadable on white) */
    };
    return channel >= 0 && channel < CS_CH_COUNT ? c[channel] : (SDL_Color){0, 0, 0, 255};
}

const SDL_Color cs_group_tint = {0, 158, 115, 255};
const SDL_Color cs_circle_tint = {204, 121, 167, 255};
const SDL_Color cs_flash_color = {213, 94, 0, 255};

cs_style cs_style_screen(float scale)
{
    return (cs_style){.scale = scale,
                      .background = {236, 238, 241, 255},
                      .ink = {34, 34, 38, 255},
                      .grid = {222, 224, 228, 255},
                      .panel = {255, 255, 255, 255}};
}

cs_style cs_style_projector(float scale)
{
    /* White cards on a grey ground keep the panels apart. */
    return (cs_style){.scale = 1.6f * scale,
                      .background = {205, 205, 205, 255},
                      .ink = {0, 0, 0, 255},
                      .grid = {170, 170, 170, 255},
                      .panel = {255, 255, 255, 255},
                      .projector = 1};
}

