/* canvas.c - offscreen drawing through SDL2's software renderer, so pictures
 * can be made on machines without a display (CI, clusters). */
#include "canvas.h"

#include <SDL_image.h>

int cs_canvas_create(cs_canvas *c, int width, int height)
{
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

int cs_canvas_save_png(cs_canvas *c, const char *path)
{
    SDL_RenderPresent(c->renderer);
    return IMG_SavePNG(c->surface, path);
}
