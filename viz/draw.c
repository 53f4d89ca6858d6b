/* draw.c - thick lines, discs and bands as triangles. */
#include "draw.h"

#include <math.h>

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
    SDL_RenderFillRectF(r, &box);
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
