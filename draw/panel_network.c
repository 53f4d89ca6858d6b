/* SPDX-License-Identifier: MIT */
/* panel_network.c - the sampled users where the layout put them: colour is
 * the funnel stage, shape is the role (KOL, KOC, owner), tinted discs are
 * group chats and circles gathered into clusters, a lesson's highlighted
 * users wear a bold ring with the ties they spread along, and ties that
 * carried a sale today flash. Ordinary friendship ties are drawn faint
 * enough that thousands of them show as density, not as ink. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/draw.h"
#include "draw/format.h"
#include "draw/palette.h"
#include "draw/panels.h"
#include "draw/words.h"

typedef struct xform {
    float s, ox, oy;
} xform;

/* World to screen: the layout's bounding box fitted into area, then the
 * camera's zoom about the area's centre and its pan. */
static xform fit(SDL_Rect area, const cs_scene *sc, const cs_camera *cam)
{
    float x0 = sc->box[0], y0 = sc->box[1], x1 = sc->box[2], y1 = sc->box[3];
    if (!(x1 > x0))
        x0 = -1, x1 = 1;
    if (!(y1 > y0))
        y0 = -1, y1 = 1;
    float margin = 0.04f * (float)(area.w < area.h ? area.w : area.h) + 6;
    float s = fminf(((float)area.w - 2 * margin) / (x1 - x0), ((float)area.h - 2 * margin) / (y1 - y0));
    if (!(s > 0))
        s = 1;
    s *= cam->zoom;
    float cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    return (xform){s, (float)area.x + (float)area.w / 2 + cam->pan_x - cx * s,
                   (float)area.y + (float)area.h / 2 + cam->pan_y - cy * s};
}

static float base_radius(const cs_style *st, SDL_Rect area, const cs_scene *sc,
                         const cs_camera *cam)
{
    float per = sqrtf((float)area.w * (float)area.h / (float)(sc->n ? sc->n : 1));
    float r = fminf(fmaxf(0.17f * per, 1.5f), 6.0f) * (st->scale > 1 ? sqrtf(st->scale) : 1);
    /* The back row sees dots, not specks. */
    if (st->projector)
        r *= 1.3f;
    return r * sqrtf(fminf(cam->zoom, 16));
}

/* A user's mark by role: 0 plain user (a dot), 1 owner of a group chat or
 * circle (a square), 2 KOC (a triangle), 3 KOL (a diamond). */
static int size_class(const cs_user_view *v)
{
    if (v->roles & CS_ROLE_KOL)
        return 3;
    if (v->roles & CS_ROLE_KOC)
        return 2;
    if (v->roles & (CS_ROLE_GROUP_OWNER | CS_ROLE_CIRCLE_OWNER))
        return 1;
    return 0;
}

/* Half the mark's width, over the plain dot's radius. */
static float influence(const cs_user_view *v)
{
    static const float factor[4] = {1.0f, 1.6f, 2.1f, 2.7f};
    return factor[size_class(v)];
}

static int shown(const cs_user_view *v)
{
    return v->stage != CS_STAGE_ABSENT;
}

/* Colours of the highlights' rings, in the lesson's order: a magenta no
 * stage, tint or flash uses, then the ink, then two more. */
static SDL_Color highlight_color(const cs_style *st, int h)
{
    static const SDL_Color c[] = {
        {200, 0, 150, 255}, {0, 0, 0, 255}, {110, 40, 0, 255}, {0, 60, 130, 255},
    };
    SDL_Color k = h % 4 == 1 ? st->ink : c[h % 4];
    k.a = 255;
    return k;
}

/* The lowest highlight a user is marked for, or -1. */
static int first_highlight(const cs_scene *sc, uint32_t i)
{
    if (!sc->mark || !sc->mark[i])
        return -1;
    for (int h = 0; h < sc->nhighlights; h++)
        if (sc->mark[i] & (1u << h))
            return h;
    return -1;
}

/* Stages this model has: the textbook models know only "not yet" and "bought". */
static int has_stage(const cs_scene *sc, int stage)
{
    int textbook = sc->funnel.showed < 0 && sc->funnel.repurchased < 0;
    switch (stage) {
    case CS_STAGE_SEEDED:
    case CS_STAGE_ENGAGED: return !textbook;
    case CS_STAGE_REPEAT: return sc->funnel.repurchased >= 0;
    case CS_STAGE_ABSENT: return 0;
    default: return 1;
    }
}

/* ---- shapes: role marks, many in one call ---- */

typedef struct shapes {
    SDL_Vertex *v;
    int *idx;
    int nv, ni, cap_v, cap_i, failed;
} shapes;

static int shapes_room(shapes *b, int nv, int ni)
{
    if (b->failed)
        return 0;
    if (b->nv + nv > b->cap_v) {
        int c = b->cap_v ? 2 * b->cap_v : 1024;
        while (c < b->nv + nv)
            c *= 2;
        SDL_Vertex *v = realloc(b->v, (size_t)c * sizeof *v);
        if (!v)
            return !(b->failed = 1);
        b->v = v;
        b->cap_v = c;
    }
    if (b->ni + ni > b->cap_i) {
        int c = b->cap_i ? 2 * b->cap_i : 2048;
        while (c < b->ni + ni)
            c *= 2;
        int *idx = realloc(b->idx, (size_t)c * sizeof *idx);
        if (!idx)
            return !(b->failed = 1);
        b->idx = idx;
        b->cap_i = c;
    }
    return 1;
}

static void shapes_vertex(shapes *b, float x, float y, SDL_Color c)
{
    b->v[b->nv++] = (SDL_Vertex){{x, y}, c, {0, 0}};
}

/* A convex polygon of n corners (x[k], y[k]) filled in fill, then its
 * outline `width` wide inside it in line. */
static void shapes_polygon(shapes *b, const float *x, const float *y, int n, SDL_Color fill,
                           float width, SDL_Color line)
{
    if (!shapes_room(b, 3 * n, 9 * n))
        return;
    float cx = 0, cy = 0;
    for (int k = 0; k < n; k++)
        cx += x[k] / (float)n, cy += y[k] / (float)n;
    int base = b->nv;
    for (int k = 0; k < n; k++)
        shapes_vertex(b, x[k], y[k], fill);
    for (int k = 1; k + 1 < n; k++) {
        b->idx[b->ni++] = base;
        b->idx[b->ni++] = base + k;
        b->idx[b->ni++] = base + k + 1;
    }
    /* The outline: each corner and its copy pulled towards the centre. */
    int out = b->nv;
    for (int k = 0; k < n; k++) {
        float dx = cx - x[k], dy = cy - y[k], d = sqrtf(dx * dx + dy * dy);
        float s = d > 0 ? fminf(width * 1.6f / d, 1) : 0;
        shapes_vertex(b, x[k], y[k], line);
        shapes_vertex(b, x[k] + dx * s, y[k] + dy * s, line);
    }
    for (int k = 0; k < n; k++) {
        int a = out + 2 * k, c = out + 2 * ((k + 1) % n);
        int q[6] = {a, c, a + 1, a + 1, c, c + 1};
        for (int j = 0; j < 6; j++)
            b->idx[b->ni++] = q[j];
    }
}

/* The mark of role class z (size_class) of half-width rad at (x, y). */
static void shapes_role(shapes *b, int z, float x, float y, float rad, SDL_Color fill,
                        float width, SDL_Color line)
{
    float px[4], py[4];
    int n = 4;
    switch (z) {
    case 3: /* KOL: a diamond */
        px[0] = x, py[0] = y - rad, px[1] = x + rad, py[1] = y;
        px[2] = x, py[2] = y + rad, px[3] = x - rad, py[3] = y;
        break;
    case 2: /* KOC: a triangle, point up, its centre of area on the user */
        n = 3;
        px[0] = x, py[0] = y - rad * 1.15f;
        px[1] = x + rad, py[1] = y + rad * 0.6f;
        px[2] = x - rad, py[2] = y + rad * 0.6f;
        break;
    default: { /* owner: a square of the same area as a disc of radius rad */
        float h = rad * 0.886f;
        px[0] = x - h, py[0] = y - h, px[1] = x + h, py[1] = y - h;
        px[2] = x + h, py[2] = y + h, px[3] = x - h, py[3] = y + h;
    }
    }
    shapes_polygon(b, px, py, n, fill, width, line);
}

static void shapes_flush(SDL_Renderer *r, shapes *b)
{
    if (b->ni > 0)
        SDL_RenderGeometry(r, NULL, b->v, b->nv, b->idx, b->ni);
    b->nv = b->ni = 0;
}

static void shapes_free(shapes *b)
{
    free(b->v);
    free(b->idx);
    memset(b, 0, sizeof *b);
}

/* ---- the legend ---- */

/* What a legend entry's swatch is. */
enum icon { ICON_STAGE, ICON_ROLE, ICON_DISC, ICON_LINE, ICON_RING };

typedef struct entry {
    int icon, arg;   /* arg: the stage, role class, highlight */
    SDL_Color color;
    const char *label;
} entry;

/* Whether anyone drawn has a role: the textbook models' users have none. */
static int has_roles(const cs_scene *sc)
{
    for (uint32_t i = 0; i < sc->n; i++)
        if (sc->view[i].roles)
            return 1;
    return 0;
}

/* The legend's entries in order: stages; then, each group on its own row,
 * what shapes, tints and flashes mean (by model, not by what today's
 * picture holds, so the legend keeps its rows for the whole run); then the
 * lesson's highlights. Returns how many (at most cap); row_start[k] is set
 * for the entries that begin a row. */
static int entries(const cs_style *st, const cs_scene *sc, entry *e, int *row_start, int cap)
{
    int platform = sc->funnel.showed >= 0, n = 0;
    for (int s = CS_STAGE_UNAWARE; s < CS_STAGE_COUNT && n < cap; s++)
        if (has_stage(sc, s)) {
            row_start[n] = n == 0;
            e[n++] = (entry){ICON_STAGE, s, cs_stage_color(s), cs_words(sc->lang, cs_stage_label(s))};
        }
    if ((platform || has_roles(sc)) && n + 3 <= cap) {
        row_start[n] = 1;
        e[n++] = (entry){ICON_ROLE, 3, st->ink, cs_words(sc->lang, "KOL")};
        row_start[n] = 0;
        e[n++] = (entry){ICON_ROLE, 2, st->ink, cs_words(sc->lang, "KOC")};
        row_start[n] = 0;
        e[n++] = (entry){ICON_ROLE, 1, st->ink, cs_words(sc->lang, "group or circle owner")};
    }
    if (platform && n + 3 <= cap) {
        row_start[n] = 0;
        e[n++] = (entry){ICON_DISC, 0, cs_group_tint, cs_words(sc->lang, "group chat")};
        row_start[n] = 0;
        e[n++] = (entry){ICON_DISC, 1, cs_circle_tint, cs_words(sc->lang, "circle")};
        row_start[n] = 0;
        e[n++] = (entry){ICON_LINE, 0, cs_flash_color, cs_words(sc->lang, "sold today")};
    }
    for (int h = 0; h < sc->nhighlights && n < cap; h++) {
        row_start[n] = h == 0;
        e[n++] = (entry){ICON_RING, h, highlight_color(st, h),
                         sc->highlight_label[h] ? sc->highlight_label[h] : cs_words(sc->lang, "highlighted")};
    }
    return n;
}

static void draw_icon(SDL_Renderer *r, const cs_style *st, const entry *e, float x, float y)
{
    const float k = st->scale;
    switch (e->icon) {
    case ICON_STAGE: cs_draw_disc(r, x + 5 * k, y, 5 * k, e->color); break;
    case ICON_ROLE: {
        shapes b = {0};
        shapes_role(&b, e->arg, x + 6 * k, y, 6 * k, st->panel, fmaxf(1.0f, 0.9f * k), st->ink);
        shapes_flush(r, &b);
        shapes_free(&b);
        break;
    }
    case ICON_DISC:
        cs_draw_disc(r, x + 6 * k, y, 6 * k, cs_with_alpha(e->color, 60));
        cs_draw_ring(r, x + 6 * k, y, 6 * k, 1.2f * k, cs_with_alpha(e->color, 160));
        break;
    case ICON_LINE: cs_draw_line(r, x, y, x + 12 * k, y, 2.5f * k, e->color); break;
    default: cs_draw_ring(r, x + 6 * k, y, 5.5f * k, 2.2f * k, e->color); break;
    }
}

/* The legend under the users, laid out in rows from the top. With r NULL
 * it only counts the rows. */
static int legend(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect area,
                  const cs_scene *sc, float top)
{
    entry e[32];
    int row_start[32];
    const int n = entries(st, sc, e, row_start, 32);
    const float k = st->scale, line = (float)cs_text_height(f, CS_TEXT_SMALL) + 4 * k;
    const float left = (float)area.x + 8 * k, right = (float)(area.x + area.w);
    float x = left, y = top;
    int rows = 1;
    for (int i = 0; i < n; i++) {
        const float icon = e[i].icon == ICON_STAGE ? 13 * k : 16 * k;
        float w = icon + (float)cs_text_width(f, CS_TEXT_SMALL, e[i].label);
        if (x > left && (row_start[i] || x + w > right)) {
            x = left;
            y += line;
            rows++;
        }
        if (r) {
            draw_icon(r, st, &e[i], x, y + line / 2 - 2 * k);
            SDL_Color ink = e[i].icon == ICON_STAGE || e[i].icon == ICON_RING
                                ? st->ink
                                : cs_with_alpha(st->ink, 190);
            cs_text_draw(r, f, CS_TEXT_SMALL, x + icon, y, CS_ALIGN_LEFT, ink, e[i].label);
        }
        x += w + 12 * k;
    }
    return rows;
}

/* "#12, #40" for the ids that are set, "none" without; returns how many. */
static int ids(char *out, size_t size, const uint32_t *id, int n)
{
    int used = 0, count = 0;
    out[0] = '\0';
    for (int k = 0; k < n; k++)
        if (id[k] != CS_VIEW_NONE && (size_t)used < size) {
            used += snprintf(out + used, size - (size_t)used, "%s#%u", count ? ", " : "", id[k]);
            count++;
        }
    if (!count)
        snprintf(out, size, "none");
    return count;
}

static void draw_card(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect area,
                      const cs_scene *sc, uint32_t i, float px, float py)
{
    static const char *const tiers[] = {"first-tier city", "new first- or second-tier city",
                                        "third- or fourth-tier city", "county or village"};
    const cs_user_view *v = &sc->view[i];
    char lines[7][128];
    int n = 0;
    snprintf(lines[n++], sizeof lines[0], "user %u", sc->user[i]);
    char roles[96] = "";
    if (v->roles & CS_ROLE_KOL)
        snprintf(roles + strlen(roles), sizeof roles - strlen(roles), "KOL, ");
    if (v->roles & CS_ROLE_KOC)
        snprintf(roles + strlen(roles), sizeof roles - strlen(roles), "KOC, ");
    if (v->roles & CS_ROLE_GROUP_OWNER)
        snprintf(roles + strlen(roles), sizeof roles - strlen(roles), "group owner, ");
    if (v->roles & CS_ROLE_CIRCLE_OWNER)
        snprintf(roles + strlen(roles), sizeof roles - strlen(roles), "circle owner, ");
    if (roles[0])
        roles[strlen(roles) - 2] = '\0';
    snprintf(lines[n++], sizeof lines[0], "role: %s", roles[0] ? roles : "user");
    if (v->tier >= 0 && v->tier < 4)
        snprintf(lines[n++], sizeof lines[0], "tier: %s", tiers[v->tier]);
    snprintf(lines[n++], sizeof lines[0], "stage: %s", cs_stage_label(v->stage));
    /* Communities by number; the platform model's users always get the
     * lines, "none" included, the textbook models' never. */
    char list[96];
    if (ids(list, sizeof list, v->group, CS_VIEW_GROUPS) || v->tier >= 0)
        snprintf(lines[n++], sizeof lines[0], "group chats: %s", list);
    if (ids(list, sizeof list, v->circle, CS_VIEW_CIRCLES) || v->tier >= 0)
        snprintf(lines[n++], sizeof lines[0], "circles: %s", list);
    if (isfinite(v->trust))
        snprintf(lines[n++], sizeof lines[0], "trust in the brand: %.2f", (double)v->trust);

    const float k = st->scale;
    const int th = cs_text_height(f, CS_TEXT_SMALL);
    int w = 0;
    for (int l = 0; l < n; l++) {
        int lw = cs_text_width(f, CS_TEXT_SMALL, lines[l]);
        w = lw > w ? lw : w;
    }
    SDL_FRect box = {px + 14 * k, py + 14 * k, (float)w + 16 * k, (float)(n * th) + 12 * k};
    /* Keep the card inside the panel. */
    if (box.x + box.w > (float)(area.x + area.w))
        box.x = px - 14 * k - box.w;
    if (box.y + box.h > (float)(area.y + area.h))
        box.y = py - 14 * k - box.h;
    cs_draw_rect(r, box, cs_with_alpha(st->panel, 245));
    cs_draw_frame(r, box, k, st->ink);
    cs_draw_rect(r, (SDL_FRect){box.x, box.y, 4 * k, box.h}, cs_stage_color(v->stage));
    for (int l = 0; l < n; l++)
        cs_text_draw(r, f, CS_TEXT_SMALL, box.x + 10 * k, box.y + 6 * k + (float)(l * th),
                     CS_ALIGN_LEFT, st->ink, lines[l]);
}

/* Where the users are drawn: the panel above its legend. */
static SDL_Rect users_area(const cs_fonts *f, const cs_style *st, SDL_Rect area, const cs_scene *sc)
{
    float line = (float)cs_text_height(f, CS_TEXT_SMALL) + 4 * st->scale;
    area.h -= (int)((float)legend(NULL, f, st, area, sc, 0) * line + 6 * st->scale);
    return area;
}

/* Group chats and circles gathered into clusters: a soft tinted disc over
 * each one's core under everything else (outline 0), or its rim over the
 * users (outline 1), which a cluster in the crowded middle needs. */
static void draw_clusters(SDL_Renderer *r, const cs_style *st, const cs_scene *sc, xform t,
                          float r0, int outline)
{
    for (size_t h = 0; h < sc->nhull; h++) {
        const cs_hull *hu = &sc->hull[h];
        SDL_Color tint = hu->circle ? cs_circle_tint : cs_group_tint;
        float x = t.ox + hu->cx * t.s, y = t.oy + hu->cy * t.s, rad = hu->r * t.s + 2 * r0;
        if (outline)
            cs_draw_ring(r, x, y, rad, 1.5f * st->scale, cs_with_alpha(tint, 190));
        else
            cs_draw_disc(r, x, y, rad, cs_with_alpha(tint, 40));
    }
}

/* Friendship ties, faint: the denser the network, the fainter each tie,
 * so that where many cross the picture darkens to a grey and never to
 * black. */
static void draw_ties(SDL_Renderer *r, const cs_style *st, const cs_scene *sc, xform t)
{
    double degree = sc->n ? 2.0 * (double)sc->m / sc->n : 0;
    double a = degree > 0 ? 120 / degree : 24;
    SDL_Color tie = cs_with_alpha(st->ink, (Uint8)(a < 5 ? 5 : a > 24 ? 24 : a));
    SDL_SetRenderDrawColor(r, tie.r, tie.g, tie.b, tie.a);
    for (uint64_t e = 0; e < sc->m; e++) {
        uint32_t i = sc->tie[2 * e], j = sc->tie[2 * e + 1];
        if (!shown(&sc->view[i]) || !shown(&sc->view[j]))
            continue;
        SDL_RenderDrawLineF(r, t.ox + sc->x[i] * t.s, t.oy + sc->y[i] * t.s, t.ox + sc->x[j] * t.s,
                            t.oy + sc->y[j] * t.s);
    }
}

/* The ties from highlighted sources to the friends the brand reached, in
 * the source's highlight colour: stronger than a friendship tie, weaker
 * than a sale. */
static void draw_spread(SDL_Renderer *r, const cs_style *st, const cs_scene *sc, xform t)
{
    for (size_t e = 0; e < sc->nspread; e++) {
        uint32_t i = sc->spread[2 * e], j = sc->spread[2 * e + 1];
        int h = first_highlight(sc, i);
        if (h < 0 || !shown(&sc->view[j]))
            continue;
        cs_draw_line(r, t.ox + sc->x[i] * t.s, t.oy + sc->y[i] * t.s, t.ox + sc->x[j] * t.s,
                     t.oy + sc->y[j] * t.s, 1.0f * st->scale,
                     cs_with_alpha(highlight_color(st, h), 70));
    }
}

static int visible(SDL_Rect ua, float x, float y, float rad)
{
    return x >= (float)ua.x - rad && x <= (float)(ua.x + ua.w) + rad && y >= (float)ua.y - rad &&
           y <= (float)(ua.y + ua.h) + rad;
}

/* Plain users as dots, stage coloured, in drawing order (furthest stage on
 * top), circle members over a pink halo; then the role holders, whose
 * shapes go over every dot. */
static void draw_users(SDL_Renderer *r, const cs_style *st, const cs_scene *sc, xform t,
                       SDL_Rect ua, float r0)
{
    const float k = st->scale;
    /* Circles are small and private: few of a circle's members may be
     * among the users drawn, too few to gather, so each wears a halo. */
    const SDL_Color halo = cs_with_alpha(cs_circle_tint, 90);
    /* One sprite for the dots and one for the halo: thousands of users cost
     * thousands of copies, not tens of thousands of triangles. */
    SDL_Texture *disc = cs_disc_sprite(r, r0, 0), *glow = cs_disc_sprite(r, r0 + 3.5f * k, 0);
    shapes roles = {0};
    const float outline = fmaxf(1.0f, 0.8f * k);
    for (uint32_t o = 0; o < sc->n; o++) {
        uint32_t i = sc->order[o];
        const cs_user_view *v = &sc->view[i];
        float x = t.ox + sc->x[i] * t.s, y = t.oy + sc->y[i] * t.s, rad = r0 * influence(v);
        if (!shown(v) || !visible(ua, x, y, rad + 4 * k))
            continue;
        if (v->roles) {
            shapes_role(&roles, size_class(v), x, y, rad, cs_stage_color(v->stage), outline,
                        st->ink);
            continue;
        }
        if (v->circle[0] != CS_VIEW_NONE)
            cs_draw_sprite(r, glow, x, y, halo);
        cs_draw_sprite(r, disc, x, y, cs_stage_color(v->stage));
    }
    shapes_flush(r, &roles);
    shapes_free(&roles);
    SDL_DestroyTexture(disc);
    SDL_DestroyTexture(glow);
}

/* The lesson's highlighted users: a bold ring per highlight they are in,
 * over everything but the sales. A handful (the ten seeded KOCs) get rings
 * large enough to find in a picture shrunk to a third; hundreds (group
 * members) get tight ones, or they would cover the picture. */
static void draw_highlights(const cs_style *st, const cs_scene *sc, xform t, SDL_Rect ua,
                            float r0, cs_batch *b)
{
    if (!sc->mark || sc->nhighlights == 0)
        return;
    uint32_t count = 0;
    for (uint32_t i = 0; i < sc->n; i++)
        count += sc->mark[i] && shown(&sc->view[i]);
    const float k = st->scale, few = count <= 60;
    const float width = few ? 2.6f * k : 1.6f * k;
    for (uint32_t i = 0; i < sc->n; i++) {
        if (!sc->mark[i] || !shown(&sc->view[i]))
            continue;
        float x = t.ox + sc->x[i] * t.s, y = t.oy + sc->y[i] * t.s;
        float rad = r0 * influence(&sc->view[i]) + (few ? 3.5f : 1.5f) * k;
        if (few)
            rad = fmaxf(rad, 9 * k);
        if (!visible(ua, x, y, rad + 4 * width))
            continue;
        /* A white edge each side keeps a few rings apart from the dark
         * middle; round hundreds it would lay a white blot. */
        for (int h = 0; h < sc->nhighlights; h++)
            if (sc->mark[i] & (1u << h)) {
                if (few)
                    cs_batch_ring(b, x, y, rad, width + 2 * k, st->panel);
                cs_batch_ring(b, x, y, rad, width, highlight_color(st, h));
                rad += width + 1.5f * k;
            }
    }
}

void cs_panel_network(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect outer,
                      const cs_scene *sc, const cs_camera *cam, float flash, int64_t hover)
{
    char title[160], a[32], b[32];
    if (sc->n < sc->population)
        snprintf(title, sizeof title, cs_words(sc->lang, "Network (%s): %s of %s users drawn"),
                 cs_words(sc->lang, cs_network_words(sc->net_kind)),
                 cs_format_short(sc->n, 3, a, sizeof a),
                 cs_format_short(sc->population, 3, b, sizeof b));
    else
        snprintf(title, sizeof title, cs_words(sc->lang, "Network (%s): %s users"),
                 cs_words(sc->lang, cs_network_words(sc->net_kind)),
                 cs_format_short(sc->population, 3, a, sizeof a));
    SDL_Rect area = cs_panel_box(r, f, st, outer, title);
    SDL_Rect ua = users_area(f, st, area, sc);
    legend(r, f, st, area, sc, (float)(ua.y + ua.h) + 6 * st->scale);
    if (ua.w < 10 || ua.h < 10)
        return;
    SDL_RenderSetClipRect(r, &ua);
    xform t = fit(ua, sc, cam);
    const float k = st->scale, r0 = base_radius(st, ua, sc, cam);
    draw_clusters(r, st, sc, t, r0, 0);
    draw_ties(r, st, sc, t);
    draw_spread(r, st, sc, t);
    draw_users(r, st, sc, t, ua, r0);
    draw_clusters(r, st, sc, t, r0, 1);
    cs_batch batch = {0};
    draw_highlights(st, sc, t, ua, r0, &batch);
    cs_batch_flush(r, &batch);

    /* Today's sales on top of everything. */
    if (flash > 0) {
        SDL_Color c = cs_with_alpha(cs_flash_color, (Uint8)(255 * fminf(flash, 1)));
        for (size_t e = 0; e < sc->nflash; e++) {
            uint32_t i = sc->flash[2 * e], j = sc->flash[2 * e + 1];
            cs_draw_line(r, t.ox + sc->x[i] * t.s, t.oy + sc->y[i] * t.s, t.ox + sc->x[j] * t.s,
                         t.oy + sc->y[j] * t.s, 2.5f * k, c);
        }
        for (size_t e = 0; e < sc->nflash + sc->nbuyers; e++) {
            uint32_t i = e < sc->nflash ? sc->flash[2 * e + 1] : sc->buyers[e - sc->nflash];
            cs_batch_ring(&batch, t.ox + sc->x[i] * t.s, t.oy + sc->y[i] * t.s,
                          r0 * influence(&sc->view[i]) + 3 * k, 1.6f * k, c);
        }
        cs_batch_flush(r, &batch);
    }
    cs_batch_free(&batch);
    SDL_RenderSetClipRect(r, NULL);
    if (hover >= 0 && (uint64_t)hover < sc->n && shown(&sc->view[hover])) {
        uint32_t i = (uint32_t)hover;
        float x = t.ox + sc->x[i] * t.s, y = t.oy + sc->y[i] * t.s;
        cs_draw_ring(r, x, y, r0 * influence(&sc->view[i]) + 2 * k, 1.5f * k, st->ink);
        draw_card(r, f, st, area, sc, i, x, y);
    }
}

int64_t cs_panel_network_pick(const cs_fonts *f, const cs_style *st, SDL_Rect outer,
                              const cs_scene *sc, const cs_camera *cam, float x, float y)
{
    SDL_Rect ua = users_area(f, st, cs_panel_inner(f, st, outer), sc);
    if (x < (float)ua.x || y < (float)ua.y || x >= (float)(ua.x + ua.w) || y >= (float)(ua.y + ua.h))
        return -1;
    xform t = fit(ua, sc, cam);
    const float r0 = base_radius(st, ua, sc, cam);
    /* The topmost disc under the point (users are drawn in order, so the
     * search runs from the end); else the nearest user within a few pixels,
     * since small dots are hard to hit exactly. */
    int64_t near = -1;
    float near_d = INFINITY;
    for (uint32_t o = sc->n; o-- > 0;) {
        uint32_t i = sc->order[o];
        if (!shown(&sc->view[i]))
            continue;
        float dx = t.ox + sc->x[i] * t.s - x, dy = t.oy + sc->y[i] * t.s - y;
        float d = sqrtf(dx * dx + dy * dy), rad = r0 * influence(&sc->view[i]);
        if (d <= rad)
            return i;
        if (d <= rad + 3 * st->scale && d < near_d) {
            near = i;
            near_d = d;
        }
    }
    return near;
}

void cs_panel_network_zoom(const cs_fonts *f, const cs_style *st, SDL_Rect outer,
                           const cs_scene *sc, cs_camera *cam, float factor, float x, float y)
{
    SDL_Rect ua = users_area(f, st, cs_panel_inner(f, st, outer), sc);
    xform t = fit(ua, sc, cam);
    float wx = (x - t.ox) / t.s, wy = (y - t.oy) / t.s;
    cam->zoom = fminf(fmaxf(cam->zoom * factor, 0.5f), 64.0f);
    xform u = fit(ua, sc, cam);
    /* Where the world point went, and back under the mouse. */
    cam->pan_x += x - (u.ox + wx * u.s);
    cam->pan_y += y - (u.oy + wy * u.s);
}
