/* SPDX-License-Identifier: MIT */
/* main.c - circlesim-viz: the simulation live in a window, for a class or a
 * strategist. Initialization, then a loop of Update (events, the latest
 * published day) and Draw (panels, controls, overlays), then De-Init. The
 * simulation runs on its own thread (sim.c), so the window never freezes. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "draw/canvas.h"
#include "cli/manual.h"
#include "cli/options.h"
#include "controls.h"
#include "scenario/lesson.h"
#include "draw/draw.h"
#include "draw/frame.h"
#include "draw/palette.h"
#include "draw/render.h"
#include "draw/words.h"
#include "base/fileio.h"
#include "engine/memory.h"
#include "guide.h"
#include "sim.h"

const char *cs_program = "circlesim-viz";

static const cs_option_use viz_options[] = {
    CS_OPTIONS_SCENARIO,
    {"threads", NULL, NULL},
    {"projector", NULL, NULL},
    {"lang", NULL, NULL},
    {"keep", NULL, NULL},
    {"render", NULL, "no window: draw day N (default: the last) to a PNG\n"
                     "and exit"},
    {"day", NULL, "the day --render draws (default: the last)"},
    {"frames", NULL, "no window: one PNG per day, DIR/day-0000.png ...,\n"
                     "for slides"},
    {"gif", NULL, "no window: the run as an animated GIF, a tenth of\n"
                  "a second a day"},
    {"width", NULL, "the pictures' width (default 1600)"},
    {"height", NULL, "the pictures' height (default 900)"},
    CS_OPTIONS_END,
};

/* The program's table (cli/command.h): its help and its options. */
static const cs_command viz_command = {
    "circlesim-viz", NULL, "run a scenario live in a window",
    "circlesim-viz [SCENARIO] [--seed N] [--days N] [--set KEY=VALUE]... [--threads N]\n"
    "                     [--projector] [--lang LANG] [--render FILE [--day N]] [--frames DIR]\n"
    "                     [--gif FILE] [--keep N]\n"
    "                     [--width W --height H]",
    viz_options,
    "  Run a scenario (the built-in default when SCENARIO is omitted) live in a window:\n"
    "  the network on the left, the curves and the funnel on the right, controls at\n"
    "  the bottom.\n"
    "  keys: space play/pause, right arrow one day, + and - speed, r restart (same\n"
    "        seed), n restart with the next seed, c compare with the previous run,\n"
    "        . the lesson's next step (run to its day, pause, show what to notice),\n"
    "        , the step before (the lesson replayed to it), k the next kind of network,\n"
    "        o the next lesson in the scenario's folder,\n"
    "        i the scenario's info, g the screen's words explained, p projector mode,\n"
    "        s screenshot (PNG), 0 reset the view, q or Esc quit. Mouse: wheel zooms the network, drag pans it, hover\n"
    "        a user for its card; sliders change a lever from the next day.\n",
    NULL,
};

static const cs_command *const viz_commands[] = {&viz_command};

/* Its page, circlesim-viz(1), and completion (cli/manual.h). */
static const cs_program_doc viz_doc = {
    "circlesim-viz", CIRCLESIM_VERSION, NULL, viz_commands, 1, NULL, NULL, NULL,
};

static const double speeds[] = {1, 2, 5, 10, 20, 50, 0}; /* days per second; 0: flat out */
enum { SPEEDS = sizeof speeds / sizeof speeds[0], DEFAULT_SPEED = 3 };

typedef struct app {
    cs_scenario *sc;
    const char *lang;     /* --lang: the lesson's language (NULL: English) */
    cs_guide guide;       /* the lesson's steps, forward and back */
    int net_kind;         /* the network kind asked for last (enum cs_network_kind) */
    char *path;           /* the scenario's file (NULL: the built-in default) */
    int threads, keep;    /* --threads, --keep: for a lesson opened later */
    cs_sim sim;
    SDL_Window *win;
    SDL_Renderer *ren;
    cs_fonts fonts;
    cs_style style;
    float density;        /* drawing pixels per window coordinate (HiDPI) */
    int width, height;    /* drawing pixels */
    cs_scene scene;
    uint64_t seen;
    int64_t shown_day;
    Uint32 flash_start;
    char status[256];
    char toast[512];
    Uint32 toast_until;
    cs_controls controls;
    cs_controls_state cs;
    cs_frame frame;
    cs_camera cam;
    int panning;
    float pan_x, pan_y;
    float mouse_x, mouse_y; /* drawing pixels */
    int64_t hover;
    float box[4];         /* the network's frame, held still while zoomed or panned */
    int vsync;            /* the renderer waits for the screen */
    Uint64 version_drawn;
    int speed;
    int quit;
} app;

static void toast(app *a, const char *text)
{
    snprintf(a->toast, sizeof a->toast, "%s", text);
    a->toast_until = SDL_GetTicks() + 4000;
}

/* ---------------------------------------------------------------- init */

static float ui_scale(const app *a)
{
    return a->density * (a->cs.projector ? 1.6f : 1.0f);
}

static void relayout(app *a)
{
    int ww, wh;
    SDL_GetWindowSize(a->win, &ww, &wh);
    SDL_GetRendererOutputSize(a->ren, &a->width, &a->height);
    a->density = ww > 0 ? (float)a->width / (float)ww : 1;
    if (a->density < 1)
        a->density = 1;
    a->style = a->cs.projector ? cs_style_projector(a->density) : cs_style_screen(a->density);
    if (a->fonts.scale != ui_scale(a))
        cs_fonts_rescale(&a->fonts, ui_scale(a));
    int ch = cs_controls_layout(&a->controls, &a->fonts, &a->style, &a->cs,
                                (SDL_Rect){0, 0, a->width, 0});
    a->frame = cs_frame_layout(&a->fonts, &a->style, a->width, a->height, ch);
    cs_controls_layout(&a->controls, &a->fonts, &a->style, &a->cs, a->frame.controls);
}

static int init(app *a, int threads, cs_diag *d)
{
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        cs_diag_error(d, "cannot open a window: %s (circlesim-viz --render FILE draws without one)",
                      SDL_GetError());
        return -1;
    }
    SDL_Rect usable = {0, 0, 1600, 1000};
    SDL_GetDisplayUsableBounds(0, &usable);
    int w = usable.w * 9 / 10, h = usable.h * 9 / 10;
    char title[300];
    snprintf(title, sizeof title, "circlesim-viz: %s", cs_scenario_name(a->sc) ? cs_scenario_name(a->sc) : "scenario");
    a->win = SDL_CreateWindow(title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                              w > 960 ? w : 960, h > 600 ? h : 600,
                              SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!a->win) {
        cs_diag_error(d, "cannot open a window: %s", SDL_GetError());
        return -1;
    }
    SDL_SetWindowMinimumSize(a->win, 640, 420);
    a->ren = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!a->ren) /* no GPU (a remote desktop, a VM): software is fast enough */
        a->ren = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_SOFTWARE);
    if (!a->ren) {
        cs_diag_error(d, "cannot draw in the window: %s", SDL_GetError());
        return -1;
    }
    SDL_SetRenderDrawBlendMode(a->ren, SDL_BLENDMODE_BLEND);
    SDL_RendererInfo info;
    a->vsync = SDL_GetRendererInfo(a->ren, &info) == 0 && (info.flags & SDL_RENDERER_PRESENTVSYNC);
    if (cs_fonts_open(&a->fonts, 1, d) != 0)
        return -1;
    a->cam.zoom = 1;
    a->hover = -1;
    a->shown_day = -1;
    a->speed = DEFAULT_SPEED;
    a->cs.days_per_second = speeds[a->speed];
    cs_controls_init(&a->controls, a->sc, a->lang);
    relayout(a);
    a->sim.lang = a->lang;
    a->guide = (cs_guide){.lesson = cs_scenario_lesson(a->sc), .lang = a->lang};
    a->net_kind = cs_scenario_network_kind(a->sc);
    if (cs_sim_start(&a->sim, a->sc, threads) != 0) {
        cs_diag_error(d, "cannot start the simulation thread: %s", SDL_GetError());
        return -1;
    }
    cs_sim_speed(&a->sim, a->cs.days_per_second);
    return 0;
}

/* -------------------------------------------------------------- update */

static void screenshot(app *a);

/* The lesson's next step (guide.h): the run goes on to the step's day at
 * the set speed and pauses; its words are shown at once. */
static void next_step(app *a)
{
    if (!a->guide.lesson || a->guide.lesson->nsteps == 0) {
        toast(a, "This scenario has no lesson steps (docs/SCENARIOS.md, lesson:)");
        return;
    }
    if (a->guide.replay_to > 0)
        return; /* still going back */
    a->cs.playing = 0;
    if (!cs_guide_next(&a->guide, &a->sim, &a->cs.compare))
        toast(a, "That was the lesson's last step");
    cs_guide_follow(&a->guide, &a->sim, &a->scene, &a->cs.compare);
}

/* The kinds of network the window cycles through: those a scenario can
 * take with no more input (an SBM needs its blocks, an edge list its
 * file); everyone-knows-everyone only while its ties stay few enough to
 * draw and hold (3 000 people: 4.5 million ties). */
static void next_network(app *a)
{
    static const int kinds[] = {CS_NET_WATTS_STROGATZ, CS_NET_ERDOS_RENYI,
                                CS_NET_BARABASI_ALBERT, CS_NET_COMPLETE, CS_NET_HOMOPHILY};
    enum { N = sizeof kinds / sizeof kinds[0] };
    int at = 0;
    while (at < N && kinds[at] != a->net_kind)
        at++;
    int next = kinds[(at + 1) % N];
    if (next == CS_NET_COMPLETE && a->scene.population > 3000)
        next = kinds[(at + 2) % N];
    a->net_kind = next;
    a->cs.compare = 1;
    a->cs.playing = 1;
    cs_sim_play(&a->sim, 1);
    cs_sim_network(&a->sim, next);
    char msg[160];
    snprintf(msg, sizeof msg,
             cs_words(a->lang, "Starting again on a %s network; the run before stays beside it"),
             cs_words(a->lang, cs_network_words(next)));
    toast(a, msg);
}

/* The next lesson in the scenario's folder (by name, wrapping round):
 * the run stops, the lesson opens in the language asked for when it has
 * it (English otherwise), its sliders and steps take the controls. */
static void next_lesson(app *a)
{
    if (!a->path) {
        toast(a, "The built-in scenario has no folder of lessons: open one, e.g. "
                 "circlesim-viz scenarios/classroom/word-of-mouth.yaml");
        return;
    }
    char path[4352];
    cs_scenario *sc = cs_next_lesson(a->path, path, sizeof path);
    if (!sc) {
        toast(a, "No other lesson in this scenario's folder");
        return;
    }
    cs_sim_stop(&a->sim);
    cs_scene_free(&a->scene);
    cs_scenario_close(a->sc);
    a->sc = sc;
    free(a->path);
    a->path = strdup(path);
    /* The language asked for, if this lesson gives it. */
    const cs_lesson *l = cs_scenario_lesson(sc);
    const char *lang = NULL;
    for (size_t i = 0; a->lang && i < l->title.n; i++)
        if (!strcmp(l->title.lang[i], a->lang))
            lang = a->lang;
    a->seen = 0;
    a->cs.compare = 0;
    a->cs.playing = 0;
    cs_controls_init(&a->controls, a->sc, lang);
    relayout(a);
    a->guide = (cs_guide){.lesson = l, .lang = lang};
    a->net_kind = cs_scenario_network_kind(a->sc);
    a->sim.lang = lang;
    a->sim.keep = a->keep;
    if (cs_sim_start(&a->sim, a->sc, a->threads) != 0) {
        toast(a, "Could not start the simulation");
        return;
    }
    cs_sim_speed(&a->sim, a->cs.days_per_second);
    char msg[300];
    snprintf(msg, sizeof msg, "Opened %s", cs_ltext_get(&l->title, lang));
    toast(a, msg);
}

/* One step back: the lesson replayed at full speed to the step before. */
static void back_step(app *a)
{
    if (a->guide.replay_to > 0)
        return;
    a->cs.playing = 0;
    if (!cs_guide_back(&a->guide, &a->sim, a->cs.days_per_second, &a->cs.compare)) {
        toast(a, a->guide.lesson ? "This is the lesson's first step"
                                 : "This scenario has no lesson steps (docs/SCENARIOS.md, lesson:)");
        return;
    }
    toast(a, "Going back a step: the lesson is replayed to it");
}

static void act(app *a, int action)
{
    char msg[160];
    switch (action) {
    case CS_ACT_PLAY:
        a->cs.playing = !a->cs.playing;
        cs_sim_play(&a->sim, a->cs.playing);
        break;
    case CS_ACT_STEP:
        a->cs.playing = 0;
        cs_sim_step(&a->sim);
        break;
    case CS_ACT_SLOWER:
    case CS_ACT_FASTER:
        a->speed += action == CS_ACT_FASTER ? 1 : -1;
        a->speed = a->speed < 0 ? 0 : a->speed >= SPEEDS ? SPEEDS - 1 : a->speed;
        a->cs.days_per_second = speeds[a->speed];
        cs_sim_speed(&a->sim, a->cs.days_per_second);
        break;
    case CS_ACT_RESTART:
    case CS_ACT_NEW_SEED:
        /* A restart plays at once: it is asked for to be watched. */
        a->cs.playing = 1;
        cs_sim_play(&a->sim, 1);
        cs_sim_restart(&a->sim, action == CS_ACT_NEW_SEED);
        snprintf(msg, sizeof msg, "Restarting with %s%s",
                 action == CS_ACT_NEW_SEED ? "the next seed" : "the same seed",
                 a->cs.compare ? "; the previous run stays for comparison" : "");
        toast(a, msg);
        break;
    case CS_ACT_NETWORK: next_network(a); break;
    case CS_ACT_LESSON: next_lesson(a); break;
    case CS_ACT_COMPARE:
        a->cs.compare = !a->cs.compare;
        if (a->cs.compare && a->scene.prev_n == 0)
            toast(a, "Compare shows the previous run's GMV once there is one: change a slider, "
                     "then restart (r)");
        break;
    case CS_ACT_NEXT_STEP: next_step(a); break;
    case CS_ACT_BACK_STEP: back_step(a); break;
    case CS_ACT_INFO:
        a->cs.info = !a->cs.info;
        a->cs.glossary = 0;
        break;
    case CS_ACT_GLOSSARY:
        a->cs.glossary = !a->cs.glossary;
        a->cs.info = 0;
        break;
    case CS_ACT_PROJECTOR:
        a->cs.projector = !a->cs.projector;
        relayout(a);
        break;
    case CS_ACT_SCREENSHOT: screenshot(a); break;
    case CS_ACT_QUIT: a->quit = 1; break;
    default: break;
    }
}

static int key_action(SDL_Keycode k)
{
    switch (k) {
    case SDLK_SPACE: return CS_ACT_PLAY;
    case SDLK_RIGHT: return CS_ACT_STEP;
    case SDLK_PLUS:
    case SDLK_EQUALS:
    case SDLK_KP_PLUS: return CS_ACT_FASTER;
    case SDLK_MINUS:
    case SDLK_KP_MINUS: return CS_ACT_SLOWER;
    case SDLK_r: return CS_ACT_RESTART;
    case SDLK_n: return CS_ACT_NEW_SEED;
    case SDLK_c: return CS_ACT_COMPARE;
    case SDLK_i: return CS_ACT_INFO;
    case SDLK_k: return CS_ACT_NETWORK;
    case SDLK_o: return CS_ACT_LESSON;
    case SDLK_COMMA: return CS_ACT_BACK_STEP;
    case SDLK_g: return CS_ACT_GLOSSARY;
    case SDLK_PERIOD: return CS_ACT_NEXT_STEP;
    case SDLK_p: return CS_ACT_PROJECTOR;
    case SDLK_s: return CS_ACT_SCREENSHOT;
    case SDLK_q: return CS_ACT_QUIT;
    default: return CS_ACT_NONE;
    }
}

static int in_rect(SDL_Rect b, float x, float y)
{
    return x >= (float)b.x && y >= (float)b.y && x < (float)(b.x + b.w) && y < (float)(b.y + b.h);
}

/* The camera works in pixels over the frame the scene fits; while the user
 * has zoomed or panned, that frame is held still so the view does not drift
 * as the layout refines. */
static int camera_moved(const cs_camera *c)
{
    return c->zoom != 1 || c->pan_x != 0 || c->pan_y != 0;
}

static void pick(app *a)
{
    a->hover = a->panning || a->cs.info || a->cs.glossary
                   ? -1
                   : cs_panel_network_pick(&a->fonts, &a->style, a->frame.network, &a->scene,
                                           &a->cam, a->mouse_x, a->mouse_y);
}

static void on_mouse(app *a, const SDL_Event *e)
{
    int wx = 0, wy = 0;
    SDL_GetMouseState(&wx, &wy);
    float x = (float)wx * a->density, y = (float)wy * a->density;
    a->mouse_x = x;
    a->mouse_y = y;
    int slider;
    int action = cs_controls_mouse(&a->controls, e, x, y, &slider);
    if (action) {
        act(a, action);
        return;
    }
    if (slider >= 0) {
        cs_slider *s = &a->controls.slider[slider];
        s->moved_at = SDL_GetTicks();
        cs_sim_lever(&a->sim, s->param, s->value);
        char msg[200], v[32];
        snprintf(v, sizeof v, "%g", s->value);
        if (a->scene.day >= a->scene.days)
            snprintf(msg, sizeof msg, "%s = %s: the run has ended; restart (r) to run with it",
                     s->label, s->boolean ? (s->value ? "on" : "off") : v);
        else
            snprintf(msg, sizeof msg, "%s = %s from day %lld", s->label,
                     s->boolean ? (s->value ? "on" : "off") : v, (long long)a->scene.day + 1);
        toast(a, msg);
        return;
    }
    SDL_Rect net = a->frame.network;
    if (e->type == SDL_MOUSEWHEEL && in_rect(net, x, y)) {
        float factor = e->wheel.y > 0 ? 1.25f : e->wheel.y < 0 ? 0.8f : 1.0f;
        cs_panel_network_zoom(&a->fonts, &a->style, net, &a->scene, &a->cam, factor, x, y);
    } else if (e->type == SDL_MOUSEBUTTONDOWN && e->button.button == SDL_BUTTON_LEFT &&
               in_rect(net, x, y)) {
        if (e->button.clicks == 2)
            a->cam = (cs_camera){.zoom = 1};
        a->panning = 1;
        a->pan_x = x;
        a->pan_y = y;
    } else if (e->type == SDL_MOUSEBUTTONUP) {
        a->panning = 0;
    } else if (e->type == SDL_MOUSEMOTION && a->panning) {
        a->cam.pan_x += x - a->pan_x;
        a->cam.pan_y += y - a->pan_y;
        a->pan_x = x;
        a->pan_y = y;
    }
    pick(a);
}

/* Nothing moves on screen: no new day, no flash fading, no message. */
static int idle(const app *a)
{
    Uint32 now = SDL_GetTicks();
    return a->seen == a->version_drawn && !a->panning && a->controls.drag < 0 &&
           SDL_TICKS_PASSED(now, a->toast_until) && SDL_TICKS_PASSED(now, a->flash_start + 2000);
}

static void update(app *a)
{
    SDL_Event e;
    /* A still picture waits for the next event (or a tooltip's moment)
     * instead of redrawing flat out. */
    if (idle(a))
        SDL_WaitEventTimeout(NULL, 100);
    while (SDL_PollEvent(&e)) {
        switch (e.type) {
        case SDL_QUIT: a->quit = 1; break;
        case SDL_KEYDOWN:
            if (e.key.keysym.sym == SDLK_ESCAPE)
                a->cs.info || a->cs.glossary ? (void)(a->cs.info = a->cs.glossary = 0)
                                             : (void)(a->quit = 1);
            else if (e.key.keysym.sym == SDLK_0)
                a->cam = (cs_camera){.zoom = 1};
            else
                act(a, key_action(e.key.keysym.sym));
            break;
        case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
                e.window.event == SDL_WINDOWEVENT_DISPLAY_CHANGED)
                relayout(a);
            break;
        case SDL_MOUSEMOTION:
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
        case SDL_MOUSEWHEEL: on_mouse(a, &e); break;
        default: break;
        }
    }
    char status[256];
    /* A replay goes on from step to step whether or not a day was drawn. */
    if (a->guide.replay_to > 0)
        cs_guide_follow(&a->guide, &a->sim, &a->scene, &a->cs.compare);
    if (cs_sim_fetch(&a->sim, &a->scene, &a->seen, status)) {
        /* Interventions move levers: the sliders show where they stand. */
        cs_controls_follow(&a->controls, a->scene.lever, a->scene.nlever, SDL_GetTicks());
        cs_guide_follow(&a->guide, &a->sim, &a->scene, &a->cs.compare);
        /* The network the run is on (a kind refused, or a step back,
         * leaves it other than the one asked for last). */
        a->net_kind = a->scene.net_kind;
        if (!camera_moved(&a->cam))
            memcpy(a->box, a->scene.box, sizeof a->box);
        pick(a); /* another day, maybe another sample: who is under the mouse now */
    }
    if (camera_moved(&a->cam))
        memcpy(a->scene.box, a->box, sizeof a->box);
    if (strcmp(status, a->status) != 0) {
        snprintf(a->status, sizeof a->status, "%s", status);
        if (status[0] && a->scene.n)
            toast(a, status);
    }
    if (a->scene.day != a->shown_day) {
        a->shown_day = a->scene.day;
        a->flash_start = SDL_GetTicks();
        if (a->scene.day >= a->scene.days && a->cs.playing && a->scene.days > 0) {
            a->cs.playing = 0; /* the button reads Play again at the end */
            cs_sim_play(&a->sim, 0);
        }
    }
}

/* ---------------------------------------------------------------- draw */

static void draw_waiting(app *a)
{
    cs_draw_rect(a->ren, (SDL_FRect){0, 0, (float)a->width, (float)a->height}, a->style.background);
    const char *msg = a->status[0] ? a->status : "building the network and laying it out...";
    cs_text_draw(a->ren, &a->fonts, CS_TEXT_LARGE, (float)a->width / 2, (float)a->height / 2,
                 CS_ALIGN_CENTER, a->style.ink, msg);
}

static void draw_toast(app *a)
{
    if (!a->toast[0] || SDL_TICKS_PASSED(SDL_GetTicks(), a->toast_until))
        return;
    const float k = a->style.scale;
    float w = (float)cs_text_width(&a->fonts, CS_TEXT_NORMAL, a->toast) + 24 * k;
    float h = (float)cs_text_height(&a->fonts, CS_TEXT_NORMAL) + 14 * k;
    SDL_FRect box = {((float)a->width - w) / 2, (float)a->frame.controls.y - h - 10 * k, w, h};
    cs_draw_rect(a->ren, box, cs_with_alpha(a->style.ink, 230));
    cs_text_draw(a->ren, &a->fonts, CS_TEXT_NORMAL, box.x + 12 * k, box.y + 7 * k, CS_ALIGN_LEFT,
                 a->style.panel, a->toast);
}

static void draw(app *a)
{
    if (a->scene.n == 0 && a->scene.population == 0) {
        draw_waiting(a);
        return;
    }
    char status[64];
    if (a->scene.day >= a->scene.days)
        snprintf(status, sizeof status, "finished");
    else if (!a->cs.playing)
        snprintf(status, sizeof status, "paused");
    else if (a->cs.days_per_second > 0)
        snprintf(status, sizeof status, "%g days/s", a->cs.days_per_second);
    else
        snprintf(status, sizeof status, "as fast as possible");
    /* A day's sales flash and fade within the day's time on screen. */
    float life = a->cs.playing && a->cs.days_per_second > 0 ? 1.0f / (float)a->cs.days_per_second : 1.5f;
    if (life < 0.25f)
        life = 0.25f;
    float flash = 1.0f - (float)(SDL_GetTicks() - a->flash_start) / (1000.0f * life);
    cs_frame_draw(a->ren, &a->fonts, &a->style, &a->frame, &a->scene, &a->cam,
                  flash > 0.15f ? flash : 0.15f, a->hover, a->cs.compare, status);
    cs_controls_draw(a->ren, &a->fonts, &a->style, &a->controls, &a->cs);
    if (a->cs.info || a->cs.glossary) {
        SDL_Rect over = a->frame.all;
        over.h = a->frame.controls.y;
        if (a->cs.info)
            cs_panel_info(a->ren, &a->fonts, &a->style, over, &a->scene);
        else
            cs_panel_glossary(a->ren, &a->fonts, &a->style, over, &a->scene);
    }
}

/* The window as it stands, to a PNG in the current folder. */
static void screenshot(app *a)
{
    char path[160], msg[300], name[64];
    struct stat st;
    /* Named after the scenario (its lesson), so two lessons' screenshots
     * never share a name; only letters, digits, '-', '_' and '.'. */
    snprintf(name, sizeof name, "%s", cs_scenario_name(a->sc));
    for (char *c = name; *c; c++)
        if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_' && *c != '.')
            *c = '-';
    for (int i = 1; i < 1000; i++) {
        snprintf(path, sizeof path, i == 1 ? "%s-seed%lld-day%03lld.png"
                                           : "%s-seed%lld-day%03lld-%d.png",
                 name[0] && name[0] != '.' ? name : "circlesim", (long long)a->scene.seed,
                 (long long)a->scene.day, i);
        if (lstat(path, &st) != 0 && errno == ENOENT) /* a link there counts */
            break;
    }
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, a->width, a->height, 32,
                                                    SDL_PIXELFORMAT_ARGB8888);
    cs_diag d;
    cs_diag_init(&d, stderr);
    /* Drawn afresh without the toast, then read back before it is shown. */
    draw(a);
    if (s && SDL_RenderReadPixels(a->ren, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) == 0 &&
        cs_surface_save_png(s, path, &d) == 0) {
        char *abs = realpath(path, NULL);
        printf("screenshot: %s\n", abs ? abs : path);
        fflush(stdout);
        snprintf(msg, sizeof msg, "Saved %s", abs ? abs : path);
        free(abs);
    } else {
        snprintf(msg, sizeof msg, "Could not save the screenshot: %s", SDL_GetError());
    }
    SDL_FreeSurface(s);
    toast(a, msg);
}

/* ------------------------------------------------------------- de-init */

static void deinit(app *a)
{
    /* The simulation stops at the end of its day, or after building a
     * large run: the window goes at once. */
    if (a->win)
        SDL_HideWindow(a->win);
    cs_sim_stop(&a->sim);
    cs_scene_free(&a->scene);
    cs_fonts_close(&a->fonts);
    if (a->ren)
        SDL_DestroyRenderer(a->ren);
    if (a->win)
        SDL_DestroyWindow(a->win);
    SDL_Quit();
}

static int program(int argc, char **argv)
{
    cs_diag_program = cs_program;
    cs_diag d;
    cs_diag_init(&d, stderr);
    if (argc > 1 && (!strcmp(argv[1], "--man") || !strcmp(argv[1], "--completion")))
        return cs_manual_main(argc - 1, argv + 1, &viz_doc, &d);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            cs_command_help(stdout, &viz_command);
            return 0;
        }
        if (!strcmp(argv[i], "--version")) {
            printf("circlesim-viz %s\n", CIRCLESIM_VERSION);
            return 0;
        }
    }
    options o;
    if (cs_parse_options(argc - 1, argv + 1, &o, &viz_command, &d))
        return EXIT_USAGE;
    if (o.npositional > 1) {
        cs_usage_error(&d, "circlesim-viz takes one scenario, found another: '%s'", o.positional[1]);
        return EXIT_USAGE;
    }
    long long day = -1, width = CS_RENDER_WIDTH, height = CS_RENDER_HEIGHT, keep = 0;
    int threads;
    if ((o.day && cs_parse_count("--day", o.day, 0, INT64_MAX, &day, &d)) ||
        (o.keep && cs_parse_count("--keep", o.keep, 1, CS_SCENE_KEEP, &keep, &d)) ||
        (o.width && cs_parse_count("--width", o.width, 320, 8192, &width, &d)) ||
        (o.height && cs_parse_count("--height", o.height, 240, 8192, &height, &d)) ||
        cs_parse_threads(o.threads, &threads, &d))
        return EXIT_USAGE;
    if (o.day && !o.render) {
        cs_usage_error(&d, "--day goes with --render FILE%s", "");
        return EXIT_USAGE;
    }
    if ((o.width || o.height) && !o.render && !o.frames && !o.gif) {
        cs_usage_error(&d, "--width and --height go with --render FILE, --frames DIR or --gif FILE%s",
                       "");
        return EXIT_USAGE;
    }
    static app a;
    int code = cs_prepare_scenario(&a.sc, o.npositional ? o.positional[0] : NULL, &o, &d);
    if (!code && cs_scenario_check_lesson(a.sc, &d))
        code = EXIT_USAGE; /* the lesson shown is the lesson checked */
    if (!code)
        code = cs_check_lang(o.lang, a.sc, &d);
    if (code) {
        cs_scenario_close(a.sc);
        return code;
    }
    if (o.render || o.frames || o.gif) { /* pictures only, no window */
        cs_atomic_remove_on_signal(); /* no half-written picture stays behind */
        cs_render_opts ro = {.day = day, .width = (int)width, .height = (int)height,
                             .projector = o.projector, .png = o.render, .frames = o.frames,
                             .gif = o.gif,
                             .png_option = "--render", .lang = o.lang};
        /* The run's memory, before it starts and again once an edge list
         * is read: at most the memory available now. */
        ro.memory_limit = cs_memory_available();
        int rc = cs_memory_check(a.sc, ro.memory_limit, 0, &d) ? CS_ERR_INPUT
                                                                : cs_render(a.sc, threads, &ro, &d);
        cs_scenario_close(a.sc);
        return cs_exit_code(rc);
    }
    a.cs.projector = o.projector;
    a.lang = o.lang;
    a.sim.keep = (int)keep;
    a.keep = (int)keep;
    a.threads = threads;
    a.path = o.npositional ? strdup(o.positional[0]) : NULL;
    if (init(&a, threads, &d) != 0) {
        deinit(&a);
        cs_scenario_close(a.sc);
        return EXIT_RUNTIME;
    }
    while (!a.quit) {
        Uint64 start = SDL_GetTicks64();
        update(&a);
        draw(&a);
        draw_toast(&a);
        SDL_RenderPresent(a.ren);
        a.version_drawn = a.seen;
        /* Without vsync, 60 frames a second is plenty and leaves the cores
         * to the simulation. */
        Uint64 spent = SDL_GetTicks64() - start;
        if (!a.vsync && spent < 16)
            SDL_Delay((Uint32)(16 - spent));
    }
    deinit(&a);
    cs_scenario_close(a.sc);
    free(a.path);
    return 0;
}

int main(int argc, char **argv)
{
    cs_process_start(argv);
    cs_diag d;
    cs_diag_init(&d, stderr);
    return cs_process_end(cs_finish_stdout(program(argc, argv), &d));
}
