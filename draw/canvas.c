/* SPDX-License-Identifier: MIT */
/* canvas.c - offscreen drawing through SDL2's software renderer, so pictures
 * can be made on machines without a display (CI, clusters). */
#include "draw/canvas.h"

#include <SDL_image.h>
#include <string.h>

#include "base/fileio.h"

int cs_canvas_create(cs_canvas *c, int width, int height)
{
    c->renderer = NULL;
    c->surface = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!c->surface)
        return -1;
    c->renderer = SDL_CreateSoftwareRenderer(c->surface);
    if (!c->renderer) {
        SDL_FreeSurface(c->surface);
        c->surface = NULL;
        return -1;
    }
    SDL_SetRenderDrawBlendMode(c->renderer, SDL_BLENDMODE_BLEND);
    return 0;
}

void cs_canvas_destroy(cs_canvas *c)
{
    if (c->renderer)
        SDL_DestroyRenderer(c->renderer);
    if (c->surface)
        SDL_FreeSurface(c->surface);
    c->renderer = NULL;
    c->surface = NULL;
}

void cs_canvas_clear(cs_canvas *c, SDL_Color color)
{
    SDL_SetRenderDrawColor(c->renderer, color.r, color.g, color.b, color.a);
    SDL_RenderClear(c->renderer);
}

static int save_into(SDL_Surface *surface, cs_atomic_file *f, const char *path, cs_diag *diag);

int cs_canvas_save_png(cs_canvas *c, const char *path, cs_diag *diag)
{
    SDL_RenderPresent(c->renderer);
    return cs_surface_save_png(c->surface, path, diag);
}

int cs_canvas_save_png_at(cs_canvas *c, int dirfd, const char *name, const char *path,
                          cs_diag *diag)
{
    SDL_RenderPresent(c->renderer);
    cs_atomic_file f;
    if (cs_atomic_openat(&f, dirfd, name, path, diag) != 0)
        return -1;
    return save_into(c->surface, &f, path, diag);
}

int cs_canvas_save_png_in(cs_canvas *c, int dirfd, const char *path, cs_diag *diag)
{
    if (dirfd < 0)
        return cs_canvas_save_png(c, path, diag);
    const char *slash = strrchr(path, '/');
    return cs_canvas_save_png_at(c, dirfd, slash ? slash + 1 : path, path, diag);
}

int cs_surface_save_png(SDL_Surface *surface, const char *path, cs_diag *diag)
{
    /* Through circlesim's atomic writer: a picture is never half-written. */
    cs_atomic_file f;
    if (cs_atomic_open(&f, path, diag) != 0)
        return -1;
    return save_into(surface, &f, path, diag);
}

/* The PNG into f (opened), committed; f is closed either way. */
static int save_into(SDL_Surface *surface, cs_atomic_file *f, const char *path, cs_diag *diag)
{
    SDL_RWops *rw = SDL_RWFromFP(f->fp, SDL_FALSE);
    if (!rw || IMG_SavePNG_RW(surface, rw, 1) != 0) {
        cs_diag_error(diag, "cannot write '%s': %s", path, SDL_GetError());
        cs_atomic_abort(f);
        return -1;
    }
    return cs_atomic_commit(f, diag) == 0 ? 0 : -1;
}
