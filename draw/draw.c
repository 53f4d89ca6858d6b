/* SPDX-License-Identifier: MIT */
/* draw.c - thick lines, discs and bands as triangles. */
#include "draw/draw.h"

#include <math.h>
#include <stdlib.h>

const SDL_Color cs_okabe_ito[8] = {
    {0, 0, 0, 255},       /* black */
    {230, 159, 0, 255},   /* orange */
    {86, 180, 233, 255},  /* sky blue */
    {0, 158, 115, 255},   /* bluish green */
    {240, 228, 66, 255},  /* yellow */
    {0, 114, 178, 255},   /* blue */
    {213, 94, 0, 255},    /* vermillion */
    {204, 121, 167, 255}, /* reddish purple */
};

SDL_Color cs_with_alpha(SDL_Color c, Uint8 a)
{
    c.a = a;
    return c;
}

static SDL_Vertex vx(float x, float y, SDL_Color c)
{
    return (SDL_Vertex){{x, y}, c, {0, 0}};
}

void cs_draw_line(SDL_Renderer *r, float x0, float y0, float x1, float y1, float width,
                  SDL_Color c)
{
    float dx = x1 - x0, dy = y1 - y0, len = sqrtf(dx * dx + dy * dy);
    if (!(len > 0) || width <= 1.0f) {
        SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
        SDL_RenderDrawLineF(r, x0, y0, x1, y1);
        return;
    }
    float nx = -dy / len * width / 2, ny = dx / len * width / 2;
    SDL_Vertex v[4] = {vx(x0 + nx, y0 + ny, c), vx(x1 + nx, y1 + ny, c), vx(x1 - nx, y1 - ny, c),
                       vx(x0 - nx, y0 - ny, c)};
    static const int idx[6] = {0, 1, 2, 0, 2, 3};
    SDL_RenderGeometry(r, NULL, v, 4, idx, 6);
}

void cs_draw_polyline(SDL_Renderer *r, const SDL_FPoint *p, int n, float width, SDL_Color c)
{
    for (int i = 1; i < n; i++)
        if (isfinite(p[i - 1].y) && isfinite(p[i].y) && isfinite(p[i - 1].x) && isfinite(p[i].x)) {
            cs_draw_line(r, p[i - 1].x, p[i - 1].y, p[i].x, p[i].y, width, c);
            /* Round the joints of thick lines. */
            if (width > 2.0f && i + 1 < n)
                cs_draw_disc(r, p[i].x, p[i].y, width / 2, c);
        }
}

void cs_draw_disc(SDL_Renderer *r, float x, float y, float radius, SDL_Color c)
{
    enum { MAXSEG = 32 };
    int seg = radius < 3 ? 8 : radius < 8 ? 12 : radius < 20 ? 20 : MAXSEG;
    SDL_Vertex v[MAXSEG + 1];
    int idx[3 * MAXSEG];
    v[0] = vx(x, y, c);
    for (int i = 0; i < seg; i++) {
        float a = 2.0f * (float)M_PI * (float)i / (float)seg;
        v[i + 1] = vx(x + radius * cosf(a), y + radius * sinf(a), c);
        idx[3 * i] = 0;
        idx[3 * i + 1] = i + 1;
        idx[3 * i + 2] = i + 1 < seg ? i + 2 : 1;
    }
    SDL_RenderGeometry(r, NULL, v, seg + 1, idx, 3 * seg);
}

void cs_draw_ring(SDL_Renderer *r, float x, float y, float radius, float width, SDL_Color c)
{
    enum { SEG = 40 };
    SDL_Vertex v[2 * SEG];
    int idx[6 * SEG];
    float in = radius - width / 2, out = radius + width / 2;
    for (int i = 0; i < SEG; i++) {
        float a = 2.0f * (float)M_PI * (float)i / SEG;
        v[2 * i] = vx(x + in * cosf(a), y + in * sinf(a), c);
        v[2 * i + 1] = vx(x + out * cosf(a), y + out * sinf(a), c);
        int j = (i + 1) % SEG;
        int *q = &idx[6 * i];
        q[0] = 2 * i;
        q[1] = 2 * i + 1;
        q[2] = 2 * j + 1;
        q[3] = 2 * i;
        q[4] = 2 * j + 1;
        q[5] = 2 * j;
    }
    SDL_RenderGeometry(r, NULL, v, 2 * SEG, idx, 6 * SEG);
}

void cs_draw_rect(SDL_Renderer *r, SDL_FRect box, SDL_Color c)
{
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    /* An opaque fill needs no blending, which the software renderer would
     * otherwise do pixel by pixel over a whole panel. */
    SDL_BlendMode mode = SDL_BLENDMODE_BLEND;
    if (c.a == 255) {
        SDL_GetRenderDrawBlendMode(r, &mode);
        SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
    }
    SDL_RenderFillRectF(r, &box);
    if (c.a == 255)
        SDL_SetRenderDrawBlendMode(r, mode);
}

void cs_draw_frame(SDL_Renderer *r, SDL_FRect b, float width, SDL_Color c)
{
    cs_draw_rect(r, (SDL_FRect){b.x, b.y, b.w, width}, c);
    cs_draw_rect(r, (SDL_FRect){b.x, b.y + b.h - width, b.w, width}, c);
    cs_draw_rect(r, (SDL_FRect){b.x, b.y, width, b.h}, c);
    cs_draw_rect(r, (SDL_FRect){b.x + b.w - width, b.y, width, b.h}, c);
}

void cs_draw_band(SDL_Renderer *r, const float *x, const float *lo, const float *hi, int n,
                  SDL_Color c)
{
    for (int i = 1; i < n; i++) {
        if (!isfinite(lo[i - 1]) || !isfinite(lo[i]) || !isfinite(hi[i - 1]) || !isfinite(hi[i]))
            continue;
        SDL_Vertex v[4] = {vx(x[i - 1], lo[i - 1], c), vx(x[i], lo[i], c), vx(x[i], hi[i], c),
                           vx(x[i - 1], hi[i - 1], c)};
        static const int idx[6] = {0, 1, 2, 0, 2, 3};
        SDL_RenderGeometry(r, NULL, v, 4, idx, 6);
    }
}

void cs_draw_convex(SDL_Renderer *r, const SDL_FPoint *p, int n, SDL_Color c)
{
    enum { CHUNK = 64 };
    if (n < 3)
        return;
    /* A fan from p[0], in chunks so any size fits on the stack. */
    for (int first = 1; first + 1 < n; first += CHUNK) {
        int last = first + CHUNK < n - 1 ? first + CHUNK : n - 1;
        SDL_Vertex v[CHUNK + 2];
        int idx[3 * CHUNK];
        int nv = 0, ni = 0;
        v[nv++] = vx(p[0].x, p[0].y, c);
        for (int i = first; i <= last; i++)
            v[nv++] = vx(p[i].x, p[i].y, c);
        for (int i = 1; i + 1 < nv; i++) {
            idx[ni++] = 0;
            idx[ni++] = i;
            idx[ni++] = i + 1;
        }
        SDL_RenderGeometry(r, NULL, v, nv, idx, ni);
    }
}

/* ---- batches: many shapes in one SDL_RenderGeometry call ---- */

static int batch_room(cs_batch *b, int nv, int ni)
{
    if (b->failed)
        return -1;
    if (b->nv + nv > b->cap_v) {
        int cap = b->cap_v ? b->cap_v : 1024;
        while (cap < b->nv + nv)
            cap *= 2;
        SDL_Vertex *v = realloc(b->v, (size_t)cap * sizeof *v);
        if (!v)
            return b->failed = -1;
        b->v = v;
        b->cap_v = cap;
    }
    if (b->ni + ni > b->cap_i) {
        int cap = b->cap_i ? b->cap_i : 2048;
        while (cap < b->ni + ni)
            cap *= 2;
        int *i = realloc(b->idx, (size_t)cap * sizeof *i);
        if (!i)
            return b->failed = -1;
        b->idx = i;
        b->cap_i = cap;
    }
    return 0;
}

void cs_batch_disc(cs_batch *b, float x, float y, float radius, SDL_Color c)
{
    int seg = radius < 3 ? 8 : radius < 8 ? 12 : radius < 20 ? 20 : 32;
    if (batch_room(b, seg + 1, 3 * seg))
        return;
    int o = b->nv;
    b->v[b->nv++] = vx(x, y, c);
    for (int i = 0; i < seg; i++) {
        float a = 2.0f * (float)M_PI * (float)i / (float)seg;
        b->v[b->nv++] = vx(x + radius * cosf(a), y + radius * sinf(a), c);
        b->idx[b->ni++] = o;
        b->idx[b->ni++] = o + 1 + i;
        b->idx[b->ni++] = o + 1 + (i + 1) % seg;
    }
}

void cs_batch_ring(cs_batch *b, float x, float y, float radius, float width, SDL_Color c)
{
    int seg = radius < 8 ? 16 : 32;
    if (batch_room(b, 2 * seg, 6 * seg))
        return;
    int o = b->nv;
    float in = radius - width / 2, out = radius + width / 2;
    for (int i = 0; i < seg; i++) {
        float a = 2.0f * (float)M_PI * (float)i / (float)seg;
        b->v[b->nv++] = vx(x + in * cosf(a), y + in * sinf(a), c);
        b->v[b->nv++] = vx(x + out * cosf(a), y + out * sinf(a), c);
        int j = (i + 1) % seg;
        int q[6] = {2 * i, 2 * i + 1, 2 * j + 1, 2 * i, 2 * j + 1, 2 * j};
        for (int k = 0; k < 6; k++)
            b->idx[b->ni++] = o + q[k];
    }
}

void cs_batch_flush(SDL_Renderer *r, cs_batch *b)
{
    if (b->ni)
        SDL_RenderGeometry(r, NULL, b->v, b->nv, b->idx, b->ni);
    b->nv = b->ni = 0;
}

void cs_batch_free(cs_batch *b)
{
    free(b->v);
    free(b->idx);
    *b = (cs_batch){0};
}

SDL_Texture *cs_disc_sprite(SDL_Renderer *r, float radius, float width)
{
    float outer = width > 0 ? radius + width / 2 : radius;
    int d = (int)ceilf(2 * outer) + 2;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, d, d, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return NULL;
    const float c = (float)d / 2;
    for (int y = 0; y < d; y++)
        for (int x = 0; x < d; x++) {
            /* Coverage of the pixel by the shape, from its centre's distance
             * to the edge(s): a one-pixel ramp. */
            float dist = hypotf((float)x + 0.5f - c, (float)y + 0.5f - c);
            float a = outer + 0.5f - dist;
            if (width > 0)
                a = fminf(a, dist - (radius - width / 2) + 0.5f);
            a = a < 0 ? 0 : a > 1 ? 1 : a;
            ((Uint32 *)s->pixels)[y * (s->pitch / 4) + x] = (Uint32)(a * 255.0f + 0.5f) << 24 | 0xFFFFFF;
        }
    SDL_Texture *t = SDL_CreateTextureFromSurface(r, s);
    SDL_FreeSurface(s);
    if (t)
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    return t;
}

void cs_draw_sprite(SDL_Renderer *r, SDL_Texture *t, float x, float y, SDL_Color c)
{
    int w, h;
    if (!t || SDL_QueryTexture(t, NULL, NULL, &w, &h) != 0)
        return;
    SDL_SetTextureColorMod(t, c.r, c.g, c.b);
    SDL_SetTextureAlphaMod(t, c.a);
    SDL_FRect dst = {x - (float)w / 2, y - (float)h / 2, (float)w, (float)h};
    SDL_RenderCopyF(r, t, NULL, &dst);
}
