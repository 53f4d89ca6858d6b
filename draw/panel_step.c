/* SPDX-License-Identifier: MIT */
/* panel_step.c - a lesson's step: where the class is in the lesson, what
 * to notice, what to ask. Drawn in the funnel's place while a step is
 * shown. */
#include <stdio.h>

#include "draw/draw.h"
#include "draw/panels.h"
#include "draw/words.h"
#include "scenario/lesson.h"

void cs_panel_step(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect area,
                   const cs_scene *s)
{
    char title[64];
    snprintf(title, sizeof title, cs_words(s->lang, "Step %d of %d"), s->step, s->nsteps);
    SDL_Rect in = cs_panel_box(r, f, st, area, title);
    const float k = st->scale;
    SDL_RenderSetClipRect(r, &in);
    float y = (float)in.y;
    /* The words' numbers are this run's, as far as it has gone. */
    char text[2048];
    if (s->step_caption) {
        cs_lesson_fill(s->step_caption, s->model_id, s->rows, s->nrows, text, sizeof text);
        y += (float)cs_text_wrap(r, f, CS_TEXT_LARGE, (float)in.x, y, (float)in.w, st->ink, text) +
             10 * k;
    }
    if (s->step_question && s->step_question[0]) {
        char q[2048] = "? ";
        cs_lesson_fill(s->step_question, s->model_id, s->rows, s->nrows, q + 2, sizeof q - 2);
        cs_text_wrap(r, f, CS_TEXT_NORMAL, (float)in.x, y, (float)in.w, cs_okabe_ito[6], q);
    }
    SDL_RenderSetClipRect(r, NULL);
}
