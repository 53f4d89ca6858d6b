/* SPDX-License-Identifier: MIT */
/* robust_plot.c - a verdict across plausible worlds, offscreen
 * (robust_plot.h). */
#include "draw/robust_plot.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "draw/canvas.h"
#include "draw/draw.h"
#include "draw/palette.h"
#include "draw/plot.h"
#include "draw/text.h"

int cs_robust_plot(int dirfd, const char *path, const char *title, const char *unit,
                   const char *const *keys, const char *const *titles, int nkeys, const double *x, const double *y,
                   const double *lo, const double *hi, const int *holds,
                   const double *threshold, int n, cs_diag *d)
{
    enum { MAX_PANELS = 4, PANEL_H = 380, TOP = 44 };
    const int panels = nkeys < MAX_PANELS ? nkeys : MAX_PANELS;
    const int cols = panels < 2 ? 1 : 2, rows = (panels + cols - 1) / cols;
    const int PANEL_W = cols == 1 ? 1000 : 640;
    /* Per panel: the holding worlds, the flipping ones (y and whiskers NaN
     * where the world is of the other kind), and the line at 0. */
    double *buf = malloc((size_t)(6 * n + 2) * sizeof *buf);
    if (!buf) {
        cs_diag_error(d, "out of memory");
        return -1;
    }
    double *yh = buf, *lh = yh + n, *hh = lh + n, *yf = hh + n, *lf = yf + n, *hf = lf + n;
    double *zero = hf + n;
    zero[0] = zero[1] = 0;
    for (int w = 0; w < n; w++) {
        yh[w] = holds[w] ? y[w] : NAN;
        lh[w] = holds[w] ? lo[w] : NAN;
        hh[w] = holds[w] ? hi[w] : NAN;
        yf[w] = holds[w] ? NAN : y[w];
        lf[w] = holds[w] ? NAN : lo[w];
        hf[w] = holds[w] ? NAN : hi[w];
    }
    cs_fonts f;
    if (cs_fonts_open(&f, 1.25f, d) != 0) {
        free(buf);
        return -1;
    }
    cs_canvas c;
    if (cs_canvas_create(&c, cols * PANEL_W, TOP + rows * PANEL_H) != 0) {
        cs_diag_error(d, "cannot draw '%s': %s", path, SDL_GetError());
        cs_fonts_close(&f);
        free(buf);
        return -1;
    }
    cs_style st = cs_style_screen(1.25f);
    cs_canvas_clear(&c, st.panel);
    char heading[400];
    snprintf(heading, sizeof heading, "%s, %s", title, unit);
    cs_text_draw(c.renderer, &f, CS_TEXT_NORMAL, 12, 12, CS_ALIGN_LEFT, st.ink, heading);
    for (int k = 0; k < panels; k++) {
        const double *xk = x + (size_t)k * (size_t)n;
        double xlo = INFINITY, xhi = -INFINITY;
        for (int w = 0; w < n; w++)
            xlo = fmin(xlo, xk[w]), xhi = fmax(xhi, xk[w]);
        const double zx[2] = {xlo, xhi};
        const cs_series s[3] = {
            {.label = "holds", .x = xk, .y = yh, .lo = lh, .hi = hh, .n = n,
             .color = cs_okabe_ito[5], .points = 1},
            {.label = "flips", .x = xk, .y = yf, .lo = lf, .hi = hf, .n = n,
             .color = cs_okabe_ito[1], .points = 1},
            {.label = "no difference", .x = zx, .y = zero, .n = 2, .color = st.ink, .faint = 1},
        };
        cs_plot p = {.title = titles[k], .x_unit = keys[k], .y_unit = NULL, .series = s, .nseries = 3,
                     .markers = isfinite(threshold[k]) ? &threshold[k] : NULL,
                     .nmarkers = isfinite(threshold[k]) ? 1 : 0,
                     .x_min = xhi > xlo ? xlo : NAN, .x_max = xhi > xlo ? xhi : NAN,
                     .y_from_zero = 0};
        cs_plot_draw(c.renderer, &f, &st,
                     (SDL_Rect){(k % cols) * PANEL_W, TOP + (k / cols) * PANEL_H, PANEL_W, PANEL_H},
                     &p);
    }
    int rc = cs_canvas_save_png_in(&c, dirfd, path, d);
    cs_canvas_destroy(&c);
    cs_fonts_close(&f);
    free(buf);
    return rc;
}
