/* panel_network.c - the sampled users where the layout put them: colour is
 * the funnel stage, size is influence, tinted hulls are group chats and
 * circles, and ties that carried a sale today flash. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/draw.h"
#include "draw/format.h"
#include "draw/palette.h"
#include "draw/panels.h"

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
    return r * sqrtf(fminf(cam->zoom, 16));
}

/* Size by influence: 0 plain user, 1 owner, 2 KOC, 3 KOL. */
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

static float influence(const cs_user_view *v)
{
    static const float factor[4] = {1.0f, 1.5f, 1.9f, 2.6f};
    return factor[size_class(v)];
}

static int shown(const cs_user_view *v)
{
    return v->stage != CS_STAGE_ABSENT;
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

static void draw_hulls(SDL_Renderer *r, const cs_style *st, const cs_scene *sc, xform t)
{
    SDL_FPoint pts[257];
    for (size_t h = 0; h < sc->nhull; h++) {
        const cs_hull *hu = &sc->hull[h];
        int n = hu->count < 256 ? (int)hu->count : 256;
        for (int k = 0; k < n; k++) {
            uint32_t i = sc->hull_idx[hu->first + (uint32_t)k];
            pts[k] = (SDL_FPoint){t.ox + sc->x[i] * t.s, t.oy + sc->y[i] * t.s};
        }
        pts[n] = pts[0];
        SDL_Color tint = hu->circle ? cs_circle_tint : cs_group_tint;
        cs_draw_convex(r, pts, n, cs_with_alpha(tint, 20));
        cs_draw_polyline(r, pts, n + 1, 1.2f * st->scale, cs_with_alpha(tint, 80));
    }
}

/* Whether the legend's e-th explanation applies: all of them for the
 * platform model (roles, communities, sales through friends); for the
 * textbook models only sizes, and only if anyone has a role. */
static int explains(const cs_scene *sc, size_t e)
{
    /* By model, not by what today's picture holds: the legend keeps its rows
     * (and the users their room) for the whole run. */
    int platform = sc->funnel.showed >= 0;
    if (e == 0 && !platform)
        for (uint32_t i = 0; i < sc->n; i++)
            if (sc->view[i].roles)
                return 1;
    return platform;
}

/* The legend under the users, laid out in rows from the top: the stages'
 * colours first, then what size, hulls and flashes mean. With r NULL it only
 * counts the rows. */
static int legend(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect area,
                  const cs_scene *sc, float top)
{
    static const char *const extra[] = {"large: KOL, KOC, owner", "green hull: group chat",
                                        "pink halo or hull: circle", "orange tie: sold today"};
    const float k = st->scale, line = (float)cs_text_height(f, CS_TEXT_SMALL) + 4 * k;
    const float left = (float)area.x + 8 * k, right = (float)(area.x + area.w);
    float x = left, y = top;
    int rows = 1;
    for (int s = CS_STAGE_UNAWARE; s < CS_STAGE_COUNT + 4; s++) {
        int stage = s < CS_STAGE_COUNT;
        size_t e = stage ? 0 : (size_t)(s - CS_STAGE_COUNT);
        if (stage ? !has_stage(sc, s) : !explains(sc, e))
            continue;
        const char *label = stage ? cs_stage_label(s) : extra[e];
        float w = (stage ? 13 * k : 0) + (float)cs_text_width(f, CS_TEXT_SMALL, label);
        /* The explanations start on their own row. */
        if ((x > left && x + w > right) || (s == CS_STAGE_COUNT && x > left)) {
            x = left;
            y += line;
            rows++;
        }
        if (r && stage) {
            cs_draw_disc(r, x + 5 * k, y + line / 2 - 2 * k, 5 * k, cs_stage_color(s));
            cs_text_draw(r, f, CS_TEXT_SMALL, x + 13 * k, y, CS_ALIGN_LEFT, st->ink, label);
        } else if (r) {
            cs_text_draw(r, f, CS_TEXT_SMALL, x, y, CS_ALIGN_LEFT, cs_with_alpha(st->ink, 170), label);
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

void cs_panel_network(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, SDL_Rect outer,
                      const cs_scene *sc, const cs_camera *cam, float flash, int64_t hover)
{
    char title[160], a[32], b[32];
    if (sc->n < sc->population)
        snprintf(title, sizeof title, "Network: %s of %s users drawn", cs_format_short(sc->n, 3, a, sizeof a),
                 cs_format_short(sc->population, 3, b, sizeof b));
    else
        snprintf(title, sizeof title, "Network: %s users", cs_format_short(sc->population, 3, a, sizeof a));
    SDL_Rect area = cs_panel_box(r, f, st, outer, title);
    SDL_Rect ua = users_area(f, st, area, sc);
    legend(r, f, st, area, sc, (float)(ua.y + ua.h) + 6 * st->scale);
    if (ua.w < 10 || ua.h < 10)
        return;
    SDL_RenderSetClipRect(r, &ua);
    xform t = fit(ua, sc, cam);
    draw_hulls(r, st, sc, t);

    /* Friendship ties, faint: the structure without the clutter. */
    SDL_Color tie = cs_with_alpha(st->ink, sc->m > 20000 ? 14 : 30);
    SDL_SetRenderDrawColor(r, tie.r, tie.g, tie.b, tie.a);
    for (uint64_t e = 0; e < sc->m; e++) {
        uint32_t i = sc->tie[2 * e], j = sc->tie[2 * e + 1];
        if (!shown(&sc->view[i]) || !shown(&sc->view[j]))
            continue;
        SDL_RenderDrawLineF(r, t.ox + sc->x[i] * t.s, t.oy + sc->y[i] * t.s, t.ox + sc->x[j] * t.s,
                            t.oy + sc->y[j] * t.s);
    }

    const float k = st->scale, r0 = base_radius(st, ua, sc, cam);
    /* Circle members wear a halo: circles are small and private, so few of
     * a circle's members are among the users drawn, too few for a hull. */
    const SDL_Color halo = cs_with_alpha(cs_circle_tint, 90);
    cs_batch batch = {0};
    /* One sprite per size of user (plain, owner, KOC, KOL), and its halo
     * and outline: thousands of users cost thousands of copies, not tens of
     * thousands of triangles. */
    static const float sizes[4] = {1.0f, 1.5f, 1.9f, 2.6f};
    SDL_Texture *disc[4], *ring[4], *glow[4];
    const float outline = fmaxf(1.0f, 0.8f * k);
    for (int z = 0; z < 4; z++) {
        disc[z] = cs_disc_sprite(r, r0 * sizes[z], 0);
        ring[z] = cs_disc_sprite(r, r0 * sizes[z], outline);
        glow[z] = cs_disc_sprite(r, r0 * sizes[z] + 3.5f * k, 0);
    }
    for (uint32_t i = 0; i < sc->n; i++)
        if (shown(&sc->view[i]) && sc->view[i].circle[0] != CS_VIEW_NONE)
            cs_draw_sprite(r, glow[size_class(&sc->view[i])], t.ox + sc->x[i] * t.s,
                           t.oy + sc->y[i] * t.s, halo);
    for (uint32_t o = 0; o < sc->n; o++) {
        uint32_t i = sc->order[o];
        const cs_user_view *v = &sc->view[i];
        if (!shown(v))
            continue;
        float x = t.ox + sc->x[i] * t.s, y = t.oy + sc->y[i] * t.s, rad = r0 * influence(v);
        if (x < (float)ua.x - rad || x > (float)(ua.x + ua.w) + rad || y < (float)ua.y - rad ||
            y > (float)(ua.y + ua.h) + rad)
            continue;
        cs_draw_sprite(r, disc[size_class(v)], x, y, cs_stage_color(v->stage));
        if (v->roles)
            cs_draw_sprite(r, ring[size_class(v)], x, y, st->ink);
    }
    for (int z = 0; z < 4; z++) {
        SDL_DestroyTexture(disc[z]);
        SDL_DestroyTexture(ring[z]);
        SDL_DestroyTexture(glow[z]);
    }

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
