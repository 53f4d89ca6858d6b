/* SPDX-License-Identifier: MIT */
/* render.c - pictures of a run without a window. */
#include "draw/render.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "draw/canvas.h"
#include "draw/gif.h"
#include "draw/lesson_play.h"
#include "draw/panels.h"
#include "engine/engine.h"
#include "base/fileio.h"
#include "base/outdir.h"
#include "draw/frame.h"
#include "draw/netview.h"
#include "draw/palette.h"
#include "draw/scene.h"

/* Type grows with the picture, so a 4K picture is not all tiny print. */
static float picture_scale(int w, int h)
{
    float s = (float)w / CS_RENDER_WIDTH, t = (float)h / CS_RENDER_HEIGHT;
    s = s < t ? s : t;
    return s < 1 ? 1 : s > 4 ? 4 : s;
}

/* s drawn as o says on a new canvas c (destroy it after). */
static int draw_canvas(const cs_scene *s, const cs_render_opts *o, cs_fonts *fonts, cs_canvas *cv,
                       cs_diag *d)
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
    /* A step after a restart shows the run before beside this one. */
    cs_frame_draw(c.renderer, fonts, &st, &fr, s, &cam, 1, -1, s->step > 0 && s->prev_n > 0,
                  NULL);
    if (o->info)
        cs_panel_info(c.renderer, fonts, &st, fr.all, s);
    if (o->glossary)
        cs_panel_glossary(c.renderer, fonts, &st, fr.all, s);
    *cv = c;
    return 0;
}

/* Draws the scene into path, or, with dirfd >= 0, into the file name in
 * the folder open as dirfd. */
static int draw_to(const cs_scene *s, const cs_render_opts *o, cs_fonts *fonts, int dirfd,
                   const char *name, const char *path, cs_diag *d)
{
    cs_canvas c;
    int rc = draw_canvas(s, o, fonts, &c, d);
    if (rc)
        return rc;
    rc = (dirfd >= 0 ? cs_canvas_save_png_at(&c, dirfd, name, path, d)
                     : cs_canvas_save_png(&c, path, d)) == 0
             ? 0
             : CS_ERR_RUNTIME;
    cs_canvas_destroy(&c);
    return rc;
}

/* s drawn as o says and added to the GIF g, shown for delay_cs; *g is
 * begun on the first frame (its palette from that frame and `last`, the
 * last frame's pixels, NULL if none). */
static int draw_gif(const cs_scene *s, const cs_render_opts *o, cs_fonts *fonts, FILE *out,
                    cs_gif **g, const uint32_t *last, int delay_cs, cs_diag *d)
{
    cs_canvas c;
    int rc = draw_canvas(s, o, fonts, &c, d);
    if (rc)
        return rc;
    const uint32_t *px = c.surface->pixels;
    const size_t pitch = (size_t)c.surface->pitch;
    if (!*g && !(*g = cs_gif_begin(out, o->width, o->height, px, last, pitch)))
        rc = CS_ERR_NOMEM;
    if (rc == 0 && cs_gif_frame(*g, px, pitch, delay_cs) != 0)
        rc = CS_ERR_NOMEM;
    cs_canvas_destroy(&c);
    return rc;
}

int cs_render(cs_scenario *sc, int threads, const cs_render_opts *o, cs_diag *d)
{
    int64_t days = cs_scenario_days(sc);
    int64_t last = o->day < 0 ? days : o->day;
    if (last > days) {
        cs_diag_error(d, "--day %lld is past the scenario's last day (%lld)", (long long)last,
                      (long long)days);
        return CS_ERR_INPUT;
    }
    /* The frames' folder is held like any output folder: locked, never
     * followed out of, an earlier set of frames cleared, anything else in
     * it refused. */
    static const char *const frame_files[] = {"day-*.png", NULL};
    static const cs_outdir_kind frames_kind = {"day-0000.png", "earlier frames", frame_files,
                                               NULL, NULL, "--frames"};
    cs_outdir out = {.fd = -1};
    if (o->frames) {
        int orc = cs_outdir_open(&out, o->frames, &frames_kind, CS_OUTDIR_CLEAR, d);
        if (orc)
            return orc == CS_ERR_INPUT ? CS_ERR_INPUT : CS_ERR_RUNTIME;
    }
    /* The picture's folder, opened now (the picture lands there whatever is
     * put at the path later) and shared-locked against a command writing
     * that folder whole. */
    int pngdir = -1, gifdir = -1;
    if (o->png && (pngdir = cs_file_folder_open(o->png, o->png_option ? o->png_option : "--png",
                                                d)) < 0) {
        cs_outdir_close(&out);
        return pngdir == CS_ERR_INPUT ? CS_ERR_INPUT : CS_ERR_RUNTIME;
    }
    /* The GIF likewise, written to a temporary beside it and renamed into
     * place only when whole. */
    cs_atomic_file gf = {.fp = NULL};
    if (o->gif && ((gifdir = cs_file_folder_open(o->gif, "--gif", d)) < 0 ||
                   cs_atomic_openat(&gf, gifdir,
                                    strrchr(o->gif, '/') ? strrchr(o->gif, '/') + 1 : o->gif,
                                    o->gif, d) != 0)) {
        const int bad_input = gifdir == CS_ERR_INPUT;
        if (gifdir >= 0)
            close(gifdir);
        if (pngdir >= 0)
            close(pngdir);
        cs_outdir_close(&out);
        return bad_input ? CS_ERR_INPUT : CS_ERR_RUNTIME;
    }
    cs_fonts fonts;
    float scale = picture_scale(o->width, o->height);
    if (cs_fonts_open(&fonts, o->projector ? 1.6f * scale : scale, d) != 0) {
        cs_outdir_close(&out);
        if (pngdir >= 0)
            close(pngdir);
        if (gf.fp)
            cs_atomic_abort(&gf);
        if (gifdir >= 0)
            close(gifdir);
        return CS_ERR_RUNTIME;
    }

    cs_run *r = NULL;
    cs_netview v;
    cs_scene s = {0};
    memset(&v, 0, sizeof v);
    int rc;
    /* Frames are slides: their charts keep one axis over the run, each
     * reaching the top the run's curves reach, which a first pass finds
     * (the run is the same bytes again). */
    double tops[4] = {0, 0, 0, 0};
    rc = 0;
    /* A lesson's step: its steps played, the picture at the end of it. */
    const int stepped = o->step > 0;
    if (stepped) {
        rc = cs_scene_set_lang(&s, o->lang) ? CS_ERR_NOMEM
                                            : cs_lesson_play(sc, threads, (size_t)o->step,
                                                             o->memory_limit, o->limit_flags, &s, d);
    }
    /* A GIF's palette is its first frame's colours and its last's (what
     * appears only late, a highlight or a line, gets its own), so the
     * first pass draws the last frame too. */
    uint32_t *last_px = NULL;
    if ((o->frames || o->gif) && !stepped) {
        cs_run *pre = cs_run_open_within(sc, threads, o->memory_limit, o->limit_flags, &rc, d);
        cs_netview pv;
        memset(&pv, 0, sizeof pv);
        if (rc == 0 && o->gif)
            rc = cs_netview_init(&pv, pre, CS_NETVIEW_MAX_USERS);
        while (rc == 0 && cs_run_day(pre) < last) {
            rc = cs_run_step(pre);
            if (rc == 0 && o->gif)
                rc = cs_netview_update(&pv, pre);
        }
        cs_scene t = {0};
        if (rc == 0)
            rc = cs_scene_set_lang(&t, o->lang) || cs_scene_capture(&t, pre, o->gif ? &pv : NULL)
                     ? CS_ERR_NOMEM
                     : 0;
        if (rc == 0)
            cs_panel_plots_tops(&t, 0, tops);
        if (rc == 0 && o->gif) {
            cs_canvas c;
            memcpy(t.y_top, tops, sizeof t.y_top);
            rc = draw_canvas(&t, o, &fonts, &c, d);
            const size_t bytes = rc ? 0 : (size_t)c.surface->pitch * (size_t)c.surface->h;
            if (rc == 0 && !(last_px = malloc(bytes)))
                rc = CS_ERR_NOMEM;
            if (last_px)
                memcpy(last_px, c.surface->pixels, bytes);
            if (rc != CS_ERR_RUNTIME)
                cs_canvas_destroy(&c);
        }
        cs_scene_free(&t);
        cs_netview_free(&pv);
        cs_run_close(pre);
    }
    cs_gif *gif = NULL;
    if (rc == 0 && !stepped)
        r = cs_run_open_within(sc, threads, o->memory_limit, o->limit_flags, &rc, d);
    if (rc == 0 && !stepped && cs_scene_set_lang(&s, o->lang))
        rc = CS_ERR_NOMEM;
    if (rc == 0 && !stepped)
        rc = cs_netview_init(&v, r, CS_NETVIEW_MAX_USERS);
    for (;;) {
        if (rc || stepped)
            break;
        /* A day a tenth of a second; the last stays three seconds. */
        if (o->gif) {
            rc = cs_scene_capture(&s, r, &v);
            memcpy(s.y_top, tops, sizeof s.y_top);
            if (rc == 0)
                rc = draw_gif(&s, o, &fonts, gf.fp, &gif, last_px,
                              cs_run_day(r) >= last ? 300 : 10, d);
            /* The first frame tells what they all take. */
            if (rc == 0 && cs_run_day(r) == 0 && fflush(gf.fp) == 0 &&
                cs_space_check(gifdir, o->gif, (uint64_t)ftell(gf.fp) * (uint64_t)(last + 1) * 5 / 4,
                               d) != 0)
                rc = CS_ERR_RUNTIME;
        }
        if (rc == 0 && o->frames) {
            char name[64], path[4096];
            snprintf(name, sizeof name, "day-%04lld.png", (long long)cs_run_day(r));
            snprintf(path, sizeof path, "%s/%s", o->frames, name);
            rc = cs_scene_capture(&s, r, &v);
            memcpy(s.y_top, tops, sizeof s.y_top);
            if (rc == 0)
                rc = draw_to(&s, o, &fonts, out.fd, name, path, d);
            /* The first frame tells what they all take: refused now, with
             * it removed, rather than a full disk half way. */
            struct stat st;
            if (rc == 0 && cs_run_day(r) == 0 && fstatat(out.fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                cs_space_check(out.fd, o->frames,
                               (uint64_t)st.st_size * (uint64_t)last * 5 / 4, d) != 0) {
                unlinkat(out.fd, name, 0);
                rc = CS_ERR_RUNTIME;
            }
        }
        if (rc || cs_run_day(r) >= last)
            break;
        rc = cs_run_step(r);
        if (rc == 0)
            rc = cs_netview_update(&v, r);
        if (rc == 0 && o->progress)
            o->progress(o->progress_ctx, cs_run_day(r), last);
    }
    if (gif && cs_gif_end(gif) != 0 && rc == 0) {
        cs_diag_error(d, "%s: cannot write the GIF", o->gif);
        rc = CS_ERR_RUNTIME;
    }
    if (gf.fp) {
        if (rc == 0)
            rc = cs_atomic_commit(&gf, d) == 0 ? 0 : CS_ERR_RUNTIME;
        else
            cs_atomic_abort(&gf);
    }
    if (gifdir >= 0)
        close(gifdir);
    free(last_px);
    if (rc == 0 && o->png) {
        if (!stepped)
            rc = cs_scene_capture(&s, r, &v);
        if (rc == 0)
            rc = draw_to(&s, o, &fonts, pngdir, strrchr(o->png, '/') ? strrchr(o->png, '/') + 1
                                                                     : o->png,
                         o->png, d);
    }
    if (rc == CS_ERR_NOMEM) {
        cs_diag_error(d, "out of memory");
        rc = CS_ERR_RUNTIME;
    }
    cs_scene_free(&s);
    cs_netview_free(&v);
    cs_run_close(r);
    cs_fonts_close(&fonts);
    cs_outdir_close(&out);
    if (pngdir >= 0)
        close(pngdir);
    return rc;
}

int cs_render_step_in(cs_scenario *sc, int threads, const cs_render_opts *o, int dirfd,
                      const char *name, const char *path, cs_diag *d)
{
    cs_fonts fonts;
    float scale = picture_scale(o->width, o->height);
    if (cs_fonts_open(&fonts, o->projector ? 1.6f * scale : scale, d) != 0)
        return CS_ERR_RUNTIME;
    cs_scene s = {0};
    int rc = cs_scene_set_lang(&s, o->lang) ? CS_ERR_NOMEM
                                            : cs_lesson_play(sc, threads, (size_t)o->step,
                                                             o->memory_limit, o->limit_flags, &s, d);
    if (rc == 0)
        rc = draw_to(&s, o, &fonts, dirfd, name, path, d);
    if (rc == CS_ERR_NOMEM) {
        cs_diag_error(d, "out of memory");
        rc = CS_ERR_RUNTIME;
    }
    cs_scene_free(&s);
    cs_fonts_close(&fonts);
    return rc;
}
