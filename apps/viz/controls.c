/* SPDX-License-Identifier: MIT */
/* controls.c - buttons, sliders and tooltips. */
#include "controls.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "draw/draw.h"
#include "draw/format.h"
#include "scenario/lesson.h"

typedef struct lever_spec {
    const char *key, *label, *tip;
    double lo, hi, step;
} lever_spec;

/* The levers a strategist reaches for first; a scenario gets those its
 * model reads (the parameter table says which), in this order. */
static const lever_spec levers[] = {
    {"feed.ad_load", "Ad load", "Share of feed slots that are ads. From the next day.", 0, 0.5, 0.01},
    {"brand.koc_seeds", "KOCs seeded", "KOCs the brand sends its product to, from its seeding day on. "
     "Raising it mid-run seeds the difference the next day.", 0, 500, 10},
    {"circles.invite_only", "Invite-only circles", "On: circles are joined by invitation or "
     "application. Off: anyone can search for and join them. From the next day.", 0, 1, 1},
    {"brand.quality", "Product quality", "How well the brand's product satisfies: drives repeat "
     "orders and what buyers tell friends. From the next day.", 0, 1, 0.05},
    {"brand.commission", "Commission", "Share of a sale the brand pays KOCs and group owners who "
     "sold it. From the next day.", 0, 0.5, 0.01},
    {"bass.p", "Innovation p", "Chance per day that a user buys on its own. From the next day.",
     0, 0.1, 0.001},
    {"bass.q", "Imitation q", "Pull of friends who bought, per day. From the next day.", 0, 1, 0.01},
    {"cascade.p", "Activation p", "Chance that a newly active user activates each friend. "
     "From the next day.", 0, 0.5, 0.01},
    {"price", "Price", "Yuan per order. From the next day.", 1, 1000, 1},
};

static const struct {
    const char *label, *key, *tip;
} buttons[CS_ACT_COUNT] = {
    [CS_ACT_PLAY] = {"Play", "space", "Run day after day, or pause."},
    [CS_ACT_STEP] = {"Step", "\xE2\x86\x92", "Simulate one day, then pause."},
    [CS_ACT_SLOWER] = {"Slower", "-", "Fewer days per second."},
    [CS_ACT_FASTER] = {"Faster", "+", "More days per second, up to as fast as the machine can."},
    [CS_ACT_RESTART] = {"Restart", "r", "Start again from day 1 with the same seed and the "
                        "sliders' settings."},
    [CS_ACT_NEW_SEED] = {"New seed", "n", "Start again with the next seed: another draw of "
                         "the same world."},
    [CS_ACT_NETWORK] = {"Network", "k", "Start again on the next kind of network (small world, "
                        "random, scale-free, everyone knows everyone, like knows like), the run "
                        "before kept beside it."},
    [CS_ACT_COMPARE] = {"Compare", "c", "Show the runs before (as many as --keep or the lesson "
                        "keeps) beside this one on every chart, and where the run before stood "
                        "on the funnel."},
    [CS_ACT_BACK_STEP] = {"Back", ",", "The lesson's step before: the lesson is replayed to it "
                          "at full speed, then paused."},
    [CS_ACT_NEXT_STEP] = {"Next step", ".", "The lesson's next step: the run goes on to its day "
                          "and pauses, with what to notice and what to ask."},
    [CS_ACT_INFO] = {"Info", "i", "What this scenario is, what to notice, what to try."},
    [CS_ACT_GLOSSARY] = {"Words", "g", "What the screen's words mean: seeded, engaged, paid "
                         "elsewhere, KOC, circle..."},
    [CS_ACT_LESSON] = {"Next lesson", "o", "Open the next lesson in this scenario's folder."},
    [CS_ACT_PROJECTOR] = {"Projector", "p", "Large type and thick lines for the back row."},
    [CS_ACT_SCREENSHOT] = {"Screenshot", "s", "Save this view as a PNG in the current folder."},
    [CS_ACT_QUIT] = {"Quit", "q", "Close the window (Esc too)."},
};

const char *cs_action_key(int action)
{
    return action > 0 && action < CS_ACT_COUNT ? buttons[action].key : "";
}

/* The world's KOCs, about: no slider seeds more. */
static double world_kocs(const cs_scenario *sc)
{
    return ceil(cs_scenario_key_number(sc, "population.size") *
                cs_scenario_key_number(sc, "users.koc_share"));
}

void cs_controls_init(cs_controls *c, const cs_scenario *sc, const char *lang)
{
    memset(c, 0, sizeof *c);
    c->hover_button = c->hover_slider = c->drag = -1;
    /* A lesson's own sliders, in its words. */
    const cs_lesson *l = cs_scenario_lesson(sc);
    for (size_t i = 0; l && i < l->nsliders && c->nsliders < CS_MAX_SLIDERS; i++) {
        const cs_lesson_slider *ls = &l->sliders[i];
        cs_slider *s = &c->slider[c->nsliders++];
        *s = (cs_slider){.param = ls->param, .label = cs_ltext_get(&ls->label, lang),
                         .tip = "The lesson's lever: it changes from the next day.",
                         .lo = ls->min, .hi = ls->max, .step = ls->step,
                         .boolean = cs_param_at((size_t)ls->param)->type == CS_T_BOOL,
                         .value = cs_scenario_lever(sc, ls->param)};
        s->lo = fmin(s->lo, s->value);
        s->hi = fmax(s->hi, s->value);
    }
    if (l && l->nsliders)
        return;
    const lever_spec *spec = levers;
    const size_t n = sizeof levers / sizeof levers[0];
    for (size_t i = 0; i < n && c->nsliders < CS_MAX_SLIDERS; i++) {
        if (!cs_scenario_reads(sc, spec[i].key))
            continue;
        int param = cs_param_find(spec[i].key);
        const cs_param *p = param >= 0 ? cs_param_at((size_t)param) : NULL;
        if (!p || !(p->flags & CS_P_LEVER))
            continue;
        cs_slider *s = &c->slider[c->nsliders++];
        *s = (cs_slider){.param = param, .label = spec[i].label, .tip = spec[i].tip,
                         .lo = fmax(spec[i].lo, p->min), .hi = fmin(spec[i].hi, p->max),
                         .step = spec[i].step, .boolean = p->type == CS_T_BOOL,
                         .value = cs_scenario_lever(sc, param)};
        if (!strcmp(spec[i].key, "brand.koc_seeds"))
            s->hi = fmax(fmin(s->hi, world_kocs(sc)), s->lo + s->step);
        /* A scenario may start outside the usual range: widen to hold it. */
        s->lo = fmin(s->lo, s->value);
        s->hi = fmax(s->hi, s->value);
    }
}

void cs_controls_follow(cs_controls *c, const double *lever, size_t nlever, Uint32 now)
{
    for (int i = 0; i < c->nsliders; i++) {
        cs_slider *s = &c->slider[i];
        /* A second and a half: a day or two at the usual speeds, time for
         * the setting to reach the run. */
        if (i == c->drag || (s->moved_at && now - s->moved_at < 1500) ||
            (size_t)s->param >= nlever || !isfinite(lever[s->param]))
            continue;
        s->value = lever[s->param];
    }
}

static int button_h(const cs_fonts *f, const cs_style *st)
{
    return cs_text_height(f, CS_TEXT_NORMAL) + (int)(12 * st->scale);
}

/* On a projector the buttons say only what they do (their keys are in
 * the tooltips and the help), and the ones a class does not need stay
 * off the screen (their keys still work): the controls keep to one row. */
static int shown(int a, const cs_controls_state *state)
{
    static const int off[] = {CS_ACT_STEP,     CS_ACT_SLOWER,     CS_ACT_FASTER, CS_ACT_NEW_SEED,
                              CS_ACT_SCREENSHOT, CS_ACT_QUIT, CS_ACT_LESSON};
    for (size_t i = 0; state->projector && i < sizeof off / sizeof off[0]; i++)
        if (a == off[i])
            return 0;
    return 1;
}

static const char *button_label(int a, const cs_controls_state *state, char *buf, size_t n)
{
    const char *label = buttons[a].label;
    if (a == CS_ACT_PLAY && state->playing)
        label = "Pause";
    if (state->projector)
        snprintf(buf, n, "%s", label);
    else
        snprintf(buf, n, "%s  %s", label, buttons[a].key);
    return buf;
}

int cs_controls_layout(cs_controls *c, const cs_fonts *f, const cs_style *st,
                       const cs_controls_state *state, SDL_Rect area)
{
    const int k8 = (int)(8 * st->scale), bh = button_h(f, st);
    const int left = area.x + k8, right = area.x + area.w - k8;
    c->area = area;
    /* Buttons flow in rows, as many as the width needs (a projector's large
     * type on a small screen takes two). */
    int x = left, y = area.y + k8;
    char buf[64];
    for (int a = 1; a < CS_ACT_COUNT; a++) {
        if (!shown(a, state)) {
            c->button[a] = (SDL_Rect){0, 0, 0, 0};
            continue;
        }
        /* The longer of the label's two forms, so the row does not jump. */
        int w = cs_text_width(f, CS_TEXT_NORMAL, button_label(a, state, buf, sizeof buf));
        if (a == CS_ACT_PLAY)
            w = cs_text_width(f, CS_TEXT_NORMAL, state->projector ? "Pause" : "Pause  space");
        w += 2 * k8;
        /* The speed sits between Slower and Faster. */
        int before = a == CS_ACT_FASTER ? cs_text_width(f, CS_TEXT_NORMAL, "as fast as possible") + k8 : 0;
        if (x > left && x + before + w > right) {
            x = left;
            y += bh + k8;
        }
        x += before;
        c->button[a] = (SDL_Rect){x, y, w, bh};
        x += w + k8;
    }
    /* Sliders: on the buttons' row when all of them fit there at a width
     * that drags well; else as many to a row as keep each wide enough. */
    const int min_w = (int)(260 * st->scale);
    if (c->nsliders && right - x >= c->nsliders * (min_w + k8)) {
        int sw = (right - x - k8 * (c->nsliders - 1)) / c->nsliders;
        sw = sw < 2 * min_w ? sw : 2 * min_w;
        for (int i = 0; i < c->nsliders; i++) {
            cs_slider *s = &c->slider[i];
            s->box = (SDL_Rect){x + i * (sw + k8), y, sw, bh};
            int tw = s->box.w * 45 / 100;
            s->track = (SDL_Rect){s->box.x + s->box.w - tw, y, tw - k8, bh};
        }
        return y + bh + k8 - area.y;
    }
    y += bh + k8;
    int per = (area.w - k8) / (min_w + k8);
    per = per < 1 ? 1 : per > c->nsliders ? (c->nsliders ? c->nsliders : 1) : per;
    int sw = (area.w - k8 * (per + 1)) / per;
    for (int i = 0; i < c->nsliders; i++) {
        cs_slider *s = &c->slider[i];
        if (i > 0 && i % per == 0)
            y += bh + k8;
        s->box = (SDL_Rect){left + (i % per) * (sw + k8), y, sw, bh};
        int tw = s->box.w * 45 / 100;
        s->track = (SDL_Rect){s->box.x + s->box.w - tw, y, tw - k8, bh};
    }
    if (c->nsliders)
        y += bh + k8;
    return y - area.y;
}

static int inside(SDL_Rect b, float x, float y)
{
    return x >= (float)b.x && y >= (float)b.y && x < (float)(b.x + b.w) && y < (float)(b.y + b.h);
}

static double value_at(const cs_slider *s, float x)
{
    double t = ((double)x - s->track.x) / (s->track.w > 0 ? s->track.w : 1);
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double v = s->lo + t * (s->hi - s->lo);
    v = s->lo + round((v - s->lo) / s->step) * s->step;
    /* Whole steps of 0.01 print and read back as written. */
    v = round(v * 1e9) / 1e9;
    return v < s->lo ? s->lo : v > s->hi ? s->hi : v;
}

int cs_controls_mouse(cs_controls *c, const SDL_Event *e, float x, float y, int *slider)
{
    *slider = -1;
    c->mouse_x = x;
    c->mouse_y = y;
    int hb = -1, hs = -1;
    for (int a = 1; a < CS_ACT_COUNT; a++)
        if (inside(c->button[a], x, y))
            hb = a;
    for (int i = 0; i < c->nsliders; i++)
        if (inside(c->slider[i].box, x, y))
            hs = i;
    if (hb != c->hover_button || hs != c->hover_slider)
        c->hover_since = SDL_GetTicks();
    c->hover_button = hb;
    c->hover_slider = hs;

    if (e->type == SDL_MOUSEBUTTONDOWN && e->button.button == SDL_BUTTON_LEFT) {
        if (hb > 0)
            return hb;
        if (hs >= 0) {
            cs_slider *s = &c->slider[hs];
            if (s->boolean) {
                s->value = s->value ? 0 : 1;
                *slider = hs;
            } else if (inside(s->track, x, y)) {
                c->drag = hs;
                s->value = value_at(s, x);
            }
        }
    } else if (e->type == SDL_MOUSEMOTION && c->drag >= 0) {
        c->slider[c->drag].value = value_at(&c->slider[c->drag], x);
    } else if (e->type == SDL_MOUSEBUTTONUP && c->drag >= 0) {
        /* One lever setting per drag, when it is let go. */
        c->slider[c->drag].value = value_at(&c->slider[c->drag], x);
        *slider = c->drag;
        c->drag = -1;
    }
    return CS_ACT_NONE;
}

static void tooltip(SDL_Renderer *r, const cs_fonts *f, const cs_style *st, const cs_controls *c,
                    SDL_Rect anchor, const char *text)
{
    const float k = st->scale;
    float w = 320 * k;
    float h = (float)cs_text_wrap(NULL, f, CS_TEXT_SMALL, 0, 0, w - 16 * k, st->ink, text) + 12 * k;
    float x = (float)anchor.x, y = (float)anchor.y - h - 6 * k;
    if (x + w > (float)(c->area.x + c->area.w))
        x = (float)(c->area.x + c->area.w) - w - 4 * k;
    SDL_FRect box = {x, y, w, h};
    cs_draw_rect(r, box, (SDL_Color){255, 255, 224, 250});
    cs_draw_frame(r, box, k, st->ink);
    cs_text_wrap(r, f, CS_TEXT_SMALL, x + 8 * k, y + 6 * k, w - 16 * k, st->ink, text);
}

static void speed_label(double dps, char *buf, size_t n)
{
    if (dps <= 0)
        snprintf(buf, n, "as fast as possible");
    else
        snprintf(buf, n, "%g days/s", dps);
}

void cs_controls_draw(SDL_Renderer *r, const cs_fonts *f, const cs_style *st,
                      const cs_controls *c, const cs_controls_state *state)
{
    const float k = st->scale;
    const int th = cs_text_height(f, CS_TEXT_NORMAL);
    cs_draw_rect(r, (SDL_FRect){(float)c->area.x, (float)c->area.y, (float)c->area.w, (float)c->area.h},
                 st->panel);
    char buf[256];
    for (int a = 1; a < CS_ACT_COUNT; a++) {
        SDL_Rect b = c->button[a];
        if (b.w == 0)
            continue; /* not shown on a projector */
        SDL_FRect fb = {(float)b.x, (float)b.y, (float)b.w, (float)b.h};
        int on = (a == CS_ACT_COMPARE && state->compare) || (a == CS_ACT_INFO && state->info) ||
                 (a == CS_ACT_GLOSSARY && state->glossary) ||
                 (a == CS_ACT_PROJECTOR && state->projector) || (a == CS_ACT_PLAY && state->playing);
        SDL_Color fill = on ? (SDL_Color){0, 114, 178, 255}
                            : c->hover_button == a ? st->grid : st->background;
        cs_draw_rect(r, fb, fill);
        cs_draw_frame(r, fb, k, cs_with_alpha(st->ink, 120));
        cs_text_draw(r, f, CS_TEXT_NORMAL, fb.x + fb.w / 2, fb.y + (fb.h - (float)th) / 2,
                     CS_ALIGN_CENTER, on ? (SDL_Color){255, 255, 255, 255} : st->ink,
                     button_label(a, state, buf, sizeof buf));
        if (a == CS_ACT_SLOWER) {
            speed_label(state->days_per_second, buf, sizeof buf);
            float mid = (fb.x + fb.w + (float)c->button[CS_ACT_FASTER].x) / 2;
            cs_text_draw(r, f, CS_TEXT_NORMAL, mid, fb.y + (fb.h - (float)th) / 2, CS_ALIGN_CENTER,
                         st->ink, buf);
        }
    }
    for (int i = 0; i < c->nsliders; i++) {
        const cs_slider *s = &c->slider[i];
        char v[32];
        if (s->boolean)
            snprintf(buf, sizeof buf, "%s", s->label);
        else
            snprintf(buf, sizeof buf, "%s %s", s->label, cs_format_short(s->value, 3, v, sizeof v));
        float ty = (float)s->box.y + ((float)s->box.h - (float)th) / 2;
        SDL_Rect clip = {s->box.x, s->box.y, s->track.x - s->box.x - (int)(4 * k), s->box.h};
        SDL_RenderSetClipRect(r, &clip);
        cs_text_draw(r, f, CS_TEXT_NORMAL, (float)s->box.x, ty, CS_ALIGN_LEFT, st->ink, buf);
        SDL_RenderSetClipRect(r, NULL);
        SDL_FRect tr = {(float)s->track.x, (float)s->track.y, (float)s->track.w, (float)s->track.h};
        if (s->boolean) { /* a switch: the state in words, coloured when on */
            SDL_Color fill = s->value ? (SDL_Color){0, 114, 178, 255} : st->background;
            cs_draw_rect(r, tr, fill);
            cs_draw_frame(r, tr, k, cs_with_alpha(st->ink, 120));
            cs_text_draw(r, f, CS_TEXT_NORMAL, tr.x + tr.w / 2, ty, CS_ALIGN_CENTER,
                         s->value ? (SDL_Color){255, 255, 255, 255} : st->ink, s->value ? "on" : "off");
            continue;
        }
        float cy = tr.y + tr.h / 2, t = (float)((s->value - s->lo) / (s->hi > s->lo ? s->hi - s->lo : 1));
        cs_draw_line(r, tr.x, cy, tr.x + tr.w, cy, 3 * k, st->grid);
        cs_draw_line(r, tr.x, cy, tr.x + t * tr.w, cy, 3 * k, (SDL_Color){0, 114, 178, 255});
        cs_draw_disc(r, tr.x + t * tr.w, cy, 7 * k, c->drag == i ? st->ink : (SDL_Color){0, 114, 178, 255});
    }
    /* The tooltip, after a moment's hover, above everything. */
    if (SDL_GetTicks() - c->hover_since > 450 && c->drag < 0) {
        if (c->hover_button > 0) {
            snprintf(buf, sizeof buf, "%s (key %s)", buttons[c->hover_button].tip,
                     buttons[c->hover_button].key);
            tooltip(r, f, st, c, c->button[c->hover_button], buf);
        } else if (c->hover_slider >= 0) {
            tooltip(r, f, st, c, c->slider[c->hover_slider].box, c->slider[c->hover_slider].tip);
        }
    }
}
