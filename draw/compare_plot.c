/* SPDX-License-Identifier: MIT */
/* compare_plot.c - compare's two panels, offscreen. */
#include "draw/compare_plot.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "draw/canvas.h"
#include "draw/draw.h"
#include "draw/palette.h"
#include "draw/plot.h"
#include "draw/text.h"

enum { PANEL_W = 700, HEIGHT = 470, TITLE = 40, MAX_ROWS = 4 };

int cs_compare_plot(int dirfd, const char *path, const cs_compare_row *rows, int nrows,
                    const char *label_a, const char *label_b, int n, cs_diag *d)
{
    nrows = nrows < MAX_ROWS ? nrows : MAX_ROWS;
    double *day = malloc((size_t)(n > 0 ? n : 1) * 2 * sizeof *day);
    if (!day) {
        cs_diag_error(d, "out of memory drawing '%s'", path);
        return -1;
    }
    double *zero = day + n;
    for (int t = 0; t < n; t++) {
        day[t] = t + 1;
        zero[t] = 0;
    }
    cs_fonts f;
    if (cs_fonts_open(&f, 1.25f, d) != 0) {
        free(day);
        return -1;
    }
    cs_canvas c;
    if (cs_canvas_create(&c, 2 * PANEL_W, nrows * (TITLE + HEIGHT)) != 0) {
        cs_diag_error(d, "cannot draw '%s': %s", path, SDL_GetError());
        cs_fonts_close(&f);
        free(day);
        return -1;
    }
    cs_style st = cs_style_screen(1.25f);
    cs_canvas_clear(&c, st.panel);
    for (int k = 0; k < nrows; k++) {
        const cs_compare_row *r = &rows[k];
        const int top = k * (TITLE + HEIGHT);
        cs_text_draw(c.renderer, &f, CS_TEXT_NORMAL, 12, (float)top + 10, CS_ALIGN_LEFT, st.ink,
                     r->title);
        /* Left: what the verdict is about, the paired difference, with the
         * line of no difference. */
        const cs_series left[2] = {
            {.label = "no difference", .x = day, .y = zero, .n = n, .color = st.ink, .faint = 1},
            {.label = "B - A, mean of the pairs, 95% band", .x = day, .y = r->diff.mean,
             .lo = r->diff.lo, .hi = r->diff.hi, .n = n, .color = cs_okabe_ito[5]},
        };
        cs_plot pl = {.title = "B - A on paired seeds", .x_unit = "days", .y_unit = r->unit,
                      .series = left, .nseries = 2, .x_min = 1, .x_max = n,
                      .y_from_zero = 0};
        cs_plot_draw(c.renderer, &f, &st, (SDL_Rect){0, top + TITLE, PANEL_W, HEIGHT}, &pl);
        /* Right: each arm's mean and band. */
        const cs_series right[2] = {
            {.label = label_a, .x = day, .y = r->a.mean, .lo = r->a.lo, .hi = r->a.hi, .n = n,
             .color = cs_okabe_ito[1]},
            {.label = label_b, .x = day, .y = r->b.mean, .lo = r->b.lo, .hi = r->b.hi, .n = n,
             .color = cs_okabe_ito[2]},
        };
        cs_plot pr = {.title = "A and B, means with 95% bands", .x_unit = "days",
                      .y_unit = r->unit, .series = right, .nseries = 2, .x_min = 1,
                      .x_max = n, .y_from_zero = r->from_zero};
        cs_plot_draw(c.renderer, &f, &st, (SDL_Rect){PANEL_W, top + TITLE, PANEL_W, HEIGHT},
                     &pr);
    }
    int rc = cs_canvas_save_png_in(&c, dirfd, path, d);
    cs_canvas_destroy(&c);
    cs_fonts_close(&f);
    free(day);
    return rc;
}
