/* render.c - pictures of a run without a window. */
#include "render.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "canvas.h"
#include "circlesim/engine.h"
#include "frame.h"
#include "netview.h"
#include "palette.h"
#include "scene.h"

/* Type grows with the picture, so a 4K picture is not all tiny print. */
static float picture_scale(int w, int h)
{
    float s = (float)w / CS_RENDER_WIDTH, t = (float)h / CS_RENDER_HEIGHT;
    s = s < t ? s : t;
    return s < 1 ? 1 : s > 4 ? 4 : s;
}

static int draw_to(const cs_scene *s, const cs_render_opts *o, cs_fonts *fonts,
                   const char *path, cs_diag *d)
{
    cs_canvas c;
    if (cs_canvas_create(&c, o->width, o->height) != 0) {
        cs_diag_error(d, "cannot make a %dx%d picture: %s", o->width, o->height, SDL_GetError());
        return CS_ERR_RUNTIME;
    }
    float scale = picture_scale(o->width, o->height);
    cs_style st = o->projector ? cs_style_projector(scale) : cs_style_screen(scale);
    cs_frame fr = cs_frame_layout(fonts, &st, o->width, o->height, 0);
    cs_camera cam = {.zoom = 1};
    cs_frame_draw(c.renderer, fonts, &st, &fr, s, &cam, 1, -1, 0, NULL);
    int rc = cs_canvas_save_png(&c, path, d) == 0 ? 0 : CS_ERR_RUNTIME;
    cs_canvas_destroy(&c);
    return rc;
}

int cs_render(cs_scenario *sc, int threads, const cs_render_opts *o, cs_diag *d)
{
    int64_t last = o->day < 0 ? sc->days : o->day;
    if (last > sc->days) {
        cs_diag_error(d, "--day %lld is past the scenario's last day (%lld)", (long long)last,
                      (long long)sc->days);
        return CS_ERR_INPUT;
    }
    if (o->frames && mkdir(o->frames, 0777) != 0 && errno != EEXIST) {
        cs_diag_error(d, "cannot create folder '%s': %s", o->frames, strerror(errno));
        return CS_ERR_RUNTIME;
    }
    cs_fonts fonts;
    float scale = picture_scale(o->width, o->height);
    if (cs_fonts_open(&fonts, o->projector ? 1.6f * scale : scale, d) != 0)
        return CS_ERR_RUNTIME;

    cs_run r;
    cs_netview v;
    cs_scene s = {0};
    memset(&v, 0, sizeof v);
    int rc = cs_run_init(&r, sc, threads, d);
    if (rc == 0)
        rc = cs_netview_init(&v, &r, CS_NETVIEW_MAX_USERS);
    for (;;) {
        if (rc)
            break;
        if (o->frames) {
            char path[4096];
            snprintf(path, sizeof path, "%s/day-%04lld.png", o->frames, (long long)r.day);
            rc = cs_scene_capture(&s, &r, &v);
            if (rc == 0)
                rc = draw_to(&s, o, &fonts, path, d);
        }
        if (rc || r.day >= last)
            break;
        rc = cs_run_step(&r);
        if (rc == 0)
            rc = cs_netview_update(&v, &r);
    }
    if (rc == 0 && o->png) {
        rc = cs_scene_capture(&s, &r, &v);
        if (rc == 0)
            rc = draw_to(&s, o, &fonts, o->png, d);
    }
    if (rc == CS_ERR_NOMEM) {
        cs_diag_error(d, "out of memory");
        rc = CS_ERR_RUNTIME;
    }
    cs_scene_free(&s);
    cs_netview_free(&v);
    cs_run_free(&r);
    cs_fonts_close(&fonts);
    return rc;
}
