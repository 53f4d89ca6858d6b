/* SPDX-License-Identifier: MIT */
/* controls.h - the visualizer's bottom bar: a button for every key and
 * sliders for the scenario's main levers, with tooltips. Events go in
 * (update), a picture comes out (draw); the two never mix. */
#ifndef CS_VIZ_CONTROLS_H
#define CS_VIZ_CONTROLS_H

#include <SDL.h>

#include "scenario/scenario.h"
#include "draw/plot.h"
#include "draw/text.h"

enum cs_action {
    CS_ACT_NONE, CS_ACT_PLAY, CS_ACT_STEP, CS_ACT_SLOWER, CS_ACT_FASTER, CS_ACT_RESTART,
    CS_ACT_NEW_SEED, CS_ACT_NETWORK, CS_ACT_COMPARE, CS_ACT_BACK_STEP, CS_ACT_NEXT_STEP, CS_ACT_INFO,
    CS_ACT_GLOSSARY, CS_ACT_LESSON,
    CS_ACT_PROJECTOR,
    CS_ACT_SCREENSHOT,
    CS_ACT_QUIT, CS_ACT_COUNT
};

enum { CS_MAX_SLIDERS = 6 };

typedef struct cs_slider {
    int param;            /* the lever, an index in the parameter table */
    const char *label, *tip;
    double lo, hi, step;
    int boolean;          /* drawn as a switch */
    double value;
    Uint32 moved_at;      /* ms when the user last let it go (0: never) */
    SDL_Rect box, track;  /* laid out */
} cs_slider;

/* What the window shows on the buttons. */
typedef struct cs_controls_state {
    int playing, compare, info, glossary, projector;
    double days_per_second; /* 0: as fast as possible */
} cs_controls_state;

typedef struct cs_controls {
    SDL_Rect area, button[CS_ACT_COUNT];
    cs_slider slider[CS_MAX_SLIDERS];
    int nsliders;
    int hover_button, hover_slider, drag; /* -1 for none */
    float mouse_x, mouse_y;
    Uint32 hover_since;                   /* ms, for the tooltip's delay */
} cs_controls;

/* Sliders set to sc's values: its lesson's (labels in lang, NULL:
 * English), else the usual levers its model reads, never past what the
 * world holds. */
void cs_controls_init(cs_controls *c, const cs_scenario *sc, const char *lang);
/* The sliders follow the levers as the run stands (lever[param], NaN for
 * none: interventions move them), but for one the user let go of in the
 * last moments, whose setting takes effect from the next day. */
void cs_controls_follow(cs_controls *c, const double *lever, size_t nlever, Uint32 now);
/* Places the buttons and sliders in rows across area's width, from its top;
 * returns the height they take (call once to measure, again to place). */
int cs_controls_layout(cs_controls *c, const cs_fonts *f, const cs_style *st,
                       const cs_controls_state *state, SDL_Rect area);

/* A mouse event in drawing pixels. Returns an action for a button clicked,
 * or CS_ACT_NONE; *slider is set to a slider's index when one was let go at
 * a new value (else -1). */
int cs_controls_mouse(cs_controls *c, const SDL_Event *e, float x, float y, int *slider);

void cs_controls_draw(SDL_Renderer *r, const cs_fonts *f, const cs_style *st,
                      const cs_controls *c, const cs_controls_state *state);

/* The key for an action, for labels and the help line. */
const char *cs_action_key(int action);

#endif
