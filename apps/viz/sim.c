/* SPDX-License-Identifier: MIT */
/* sim.c - the simulation thread: days at the asked pace, off the window's
 * thread. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* fmemopen */
#endif
#include "sim.h"

#include <stdio.h>
#include <string.h>

#include "engine/engine.h"
#include "engine/memory.h"
#include "draw/netview.h"

typedef struct worker {
    cs_run *run;
    cs_netview view;
    cs_scene back;
    int have_run;
} worker;

static void set_status(cs_sim *s, const char *fmt, const char *arg)
{
    SDL_LockMutex(s->lock);
    snprintf(s->status, sizeof s->status, fmt, arg ? arg : "");
    SDL_UnlockMutex(s->lock);
}

static void publish(cs_sim *s, worker *w)
{
    if (cs_scene_capture(&w->back, w->run, &w->view) != 0) {
        set_status(s, "out of memory%s", "");
        return;
    }
    SDL_LockMutex(s->lock);
    if (cs_scene_copy(&s->front, &w->back) == 0)
        s->version++;
    s->ready = 1;
    s->day = cs_run_day(w->run);
    SDL_UnlockMutex(s->lock);
}

static void apply_lever(cs_sim *s, worker *w, int param, double value)
{
    /* The sliders keep to the lever's range, so the one refusal to expect
     * is a run that is over; the engine's words go to a scratch buffer. */
    char scratch[512];
    FILE *sink = fmemopen(scratch, sizeof scratch, "w");
    cs_diag quiet;
    cs_diag_init(&quiet, sink);
    const cs_param *p = cs_param_at((size_t)param);
    if (sink && cs_run_set_lever_at(w->run, param, value, &quiet) != 0)
        set_status(s, "%s: applies from day 1 of the next run (press r)", p ? p->key : "?");
    if (sink)
        fclose(sink);
}

/* "new seed": the scenario's seed moved on by bumps, past the largest
 * seed back to 0. */
static void new_seed(cs_sim *s, int bumps)
{
    const cs_param *p = cs_param_at((size_t)cs_param_find("seed"));
    const int64_t span = (int64_t)p->max + 1;
    int64_t seed = (cs_scenario_seed(s->sc) % span + bumps % span) % span;
    char set[64];
    snprintf(set, sizeof set, "seed=%lld", (long long)seed);
    cs_diag d;
    cs_diag_init(&d, stderr);
    cs_scenario_set(s->sc, set, &d);
}

/* The scenario on network kind `kind`, validated; put back as it was when
 * the scenario cannot take it, the first line of why into why (cap
 * bytes; empty when it could). */
static void set_network(cs_sim *s, int kind, char *out, size_t cap)
{
    const int was = cs_scenario_network_kind(s->sc);
    char set[96], why[512] = "";
    FILE *sink = fmemopen(why, sizeof why - 1, "w");
    cs_diag d;
    cs_diag_init(&d, sink ? sink : stderr);
    snprintf(set, sizeof set, "network.kind=%s", cs_network_kind_name(kind));
    int bad = cs_scenario_set(s->sc, set, &d) != 0 || cs_scenario_validate(s->sc, &d) != 0;
    if (bad) {
        snprintf(set, sizeof set, "network.kind=%s", cs_network_kind_name(was));
        cs_scenario_set(s->sc, set, &d);
        cs_scenario_validate(s->sc, &d);
    }
    if (sink)
        fclose(sink);
    why[strcspn(why, "\n")] = '\0';
    snprintf(out, cap, "%s", bad ? why : "");
}

static void set_failed(cs_sim *s, int failed)
{
    SDL_LockMutex(s->lock);
    s->failed = failed;
    SDL_UnlockMutex(s->lock);
}

/* The network kind and seed the thread started with, put back (k and n
 * change them; going back through a lesson starts where it began). */
static void restore_start(cs_sim *s)
{
    char set[96];
    cs_diag d;
    cs_diag_init(&d, stderr);
    if (cs_scenario_network_kind(s->sc) != s->start_kind) {
        snprintf(set, sizeof set, "network.kind=%s", cs_network_kind_name(s->start_kind));
        if (cs_scenario_set(s->sc, set, &d) == 0)
            cs_scenario_validate(s->sc, &d);
    }
    if (cs_scenario_seed(s->sc) != s->start_seed) {
        snprintf(set, sizeof set, "seed=%lld", (long long)s->start_seed);
        cs_scenario_set(s->sc, set, &d);
    }
}

/* Builds the run from day 0, with the sliders' settings from day 1. */
static int start_run(cs_sim *s, worker *w)
{
    if (w->have_run) {
        cs_netview_free(&w->view);
        cs_run_close(w->run);
        w->run = NULL;
        w->have_run = 0;
    }
    set_status(s, "building the network and laying it out...%s", "");
    cs_diag d;
    cs_diag_init(&d, stderr);
    /* Refused, not swapped to death, when it cannot fit: checked before,
     * and again once an edge list's largest id is known. */
    uint64_t room = cs_memory_available();
    if (cs_memory_check(s->sc, room, 0, &d) != 0 ||
        !(w->run = cs_run_open_within(s->sc, s->threads, room, 0, NULL, &d))) {
        set_status(s, "cannot build the run (the terminal says why)%s", "");
        set_failed(s, 1);
        return -1;
    }
    if (cs_netview_init(&w->view, w->run, CS_NETVIEW_MAX_USERS) != 0) {
        cs_netview_free(&w->view);
        cs_run_close(w->run);
        w->run = NULL;
        set_status(s, "out of memory laying out the network%s", "");
        set_failed(s, 1);
        return -1;
    }
    w->have_run = 1;
    set_failed(s, 0);
    SDL_LockMutex(s->lock);
    int n = s->nsliders;
    int param[CS_SIM_MAX_LEVERS];
    double value[CS_SIM_MAX_LEVERS];
    memcpy(param, s->slider_param, sizeof param);
    memcpy(value, s->slider_value, sizeof value);
    s->status[0] = '\0';
    SDL_UnlockMutex(s->lock);
    for (int i = 0; i < n; i++)
        if (value[i] != cs_scenario_lever(cs_run_live(w->run), param[i]))
            apply_lever(s, w, param[i], value[i]);
    publish(s, w);
    return 0;
}

static int run_thread(void *arg)
{
    cs_sim *s = arg;
    worker w;
    memset(&w, 0, sizeof w);
    w.back.keep = s->keep;
    if (cs_scene_set_lang(&w.back, s->lang) != 0)
        set_status(s, "out of memory%s", "");
    start_run(s, &w);
    Uint64 freq = SDL_GetPerformanceFrequency(), last = SDL_GetPerformanceCounter();
    for (;;) {
        SDL_LockMutex(s->lock);
        /* Wait until something is to be done: a restart, levers to apply,
         * or a day that is due (a step asked for, or playing and the day's
         * turn has come). Levers alone never step a day. */
        int due = 0, restart = 0;
        for (;;) {
            if (s->quit)
                break;
            restart = s->restart;
            int more = w.have_run && cs_run_day(w.run) < cs_scenario_days(s->sc);
            if (more && s->steps > 0) {
                due = 1;
                break;
            }
            if (restart || s->nlevers)
                break;
            if (more && (s->playing || cs_run_day(w.run) < s->run_to)) {
                Uint64 now = SDL_GetPerformanceCounter();
                double wait = s->days_per_second > 0 ? 1.0 / s->days_per_second : 0;
                double waited = (double)(now - last) / (double)freq;
                if (waited >= wait) {
                    due = 1;
                    break;
                }
                SDL_CondWaitTimeout(s->wake, s->lock, (Uint32)((wait - waited) * 1000) + 1);
                continue;
            }
            SDL_CondWait(s->wake, s->lock);
        }
        int quit = s->quit, bumps = s->seed_bumps, forget = s->forget, kind = s->network_kind;
        int nlevers = s->nlevers, param[CS_SIM_MAX_LEVERS];
        double value[CS_SIM_MAX_LEVERS];
        memcpy(param, s->lever_param, sizeof param);
        memcpy(value, s->lever_value, sizeof value);
        s->nlevers = 0;
        s->restart = 0;
        s->forget = 0;
        s->network_kind = -1;
        s->seed_bumps = 0;
        if (restart)
            s->day = -1; /* nothing of the new run published yet */
        if (restart)
            s->steps = 0;
        else if (due && s->steps > 0)
            s->steps--;
        SDL_UnlockMutex(s->lock);
        if (quit)
            break;

        if (restart) {
            if (forget) {
                cs_scene_forget(&w.back);
                /* As the lesson began: its own network and seed. */
                restore_start(s);
            }
            else if (w.have_run)
                cs_scene_keep_gmv(&w.back);
            if (bumps)
                new_seed(s, bumps);
            char refused[512] = "";
            if (kind >= 0)
                set_network(s, kind, refused, sizeof refused);
            /* Said once the run is built (building clears the status). */
            if (start_run(s, &w) == 0 && refused[0])
                set_status(s, "that network cannot be used here: %s", refused);
            last = SDL_GetPerformanceCounter();
            continue;
        }
        if (w.have_run)
            for (int i = 0; i < nlevers; i++)
                apply_lever(s, &w, param[i], value[i]);
        if (due && !restart) {
            last = SDL_GetPerformanceCounter();
            if (cs_run_step(w.run) != 0 || cs_netview_update(&w.view, w.run) != 0) {
                /* A half-done day is no state to go on from: drop the run. */
                char msg[64];
                snprintf(msg, sizeof msg, "%lld", (long long)cs_run_day(w.run) + 1);
                cs_netview_free(&w.view);
                cs_run_close(w.run);
                w.run = NULL;
                w.have_run = 0;
                set_status(s, "out of memory on day %s: the run was stopped (r starts again)", msg);
                continue;
            }
        }
        if ((due || nlevers) && w.have_run)
            publish(s, &w);
    }
    if (w.have_run) {
        cs_netview_free(&w.view);
        cs_run_close(w.run);
    }
    cs_scene_free(&w.back);
    return 0;
}

int cs_sim_start(cs_sim *s, cs_scenario *sc, int threads)
{
    /* What the caller set before starting stays. */
    const char *lang = s->lang;
    const int keep = s->keep;
    memset(s, 0, sizeof *s);
    s->lang = lang;
    s->keep = keep;
    s->start_kind = cs_scenario_network_kind(sc);
    s->start_seed = cs_scenario_seed(sc);
    s->network_kind = -1;
    s->sc = sc;
    s->threads = threads;
    s->days_per_second = 10;
    s->lock = SDL_CreateMutex();
    s->wake = SDL_CreateCond();
    if (!s->lock || !s->wake)
        return -1;
    s->thread = SDL_CreateThread(run_thread, "circlesim-run", s);
    return s->thread ? 0 : -1;
}

void cs_sim_stop(cs_sim *s)
{
    if (s->thread) {
        SDL_LockMutex(s->lock);
        s->quit = 1;
        SDL_CondSignal(s->wake);
        SDL_UnlockMutex(s->lock);
        SDL_WaitThread(s->thread, NULL);
    }
    if (s->wake)
        SDL_DestroyCond(s->wake);
    if (s->lock)
        SDL_DestroyMutex(s->lock);
    cs_scene_free(&s->front);
    memset(s, 0, sizeof *s);
}

#define REQUEST(s, body)                                                                           \
    do {                                                                                           \
        SDL_LockMutex((s)->lock);                                                                  \
        body;                                                                                      \
        SDL_CondSignal((s)->wake);                                                                 \
        SDL_UnlockMutex((s)->lock);                                                                \
    } while (0)

void cs_sim_play(cs_sim *s, int playing) { REQUEST(s, s->playing = playing); }
void cs_sim_step(cs_sim *s) { REQUEST(s, (s->steps++, s->playing = 0)); }
void cs_sim_run_to(cs_sim *s, int64_t day) { REQUEST(s, (s->run_to = day, s->playing = 0)); }
void cs_sim_speed(cs_sim *s, double dps) { REQUEST(s, s->days_per_second = dps); }
void cs_sim_restart(cs_sim *s, int new_seed) { REQUEST(s, (s->restart = 1, s->seed_bumps += !!new_seed)); }
void cs_sim_network(cs_sim *s, int kind) { REQUEST(s, (s->restart = 1, s->network_kind = kind)); }

void cs_sim_rewind(cs_sim *s)
{
    REQUEST(s, (s->restart = 1, s->forget = 1, s->nsliders = 0, s->nlevers = 0, s->steps = 0,
                s->run_to = 0, s->playing = 0));
}

int cs_sim_idle(cs_sim *s)
{
    SDL_LockMutex(s->lock);
    const int64_t days = cs_scenario_days(s->sc);
    const int64_t until = s->run_to < days ? s->run_to : days;
    /* A run that could not be built waits for nothing: idle too. */
    const int idle = (s->failed && !s->restart) ||
                     (s->ready && !s->restart && s->nlevers == 0 && s->steps == 0 && !s->playing &&
                      s->day >= 0 && s->day >= until);
    SDL_UnlockMutex(s->lock);
    return idle;
}

/* Sets param to value in a (param, value) list, adding it if new. */
static void set_in(int *params, double *values, int *n, int param, double value)
{
    int i = 0;
    while (i < *n && params[i] != param)
        i++;
    if (i == CS_SIM_MAX_LEVERS)
        return;
    params[i] = param;
    values[i] = value;
    if (i == *n)
        (*n)++;
}

void cs_sim_lever(cs_sim *s, int param, double value)
{
    SDL_LockMutex(s->lock);
    set_in(s->slider_param, s->slider_value, &s->nsliders, param, value);
    set_in(s->lever_param, s->lever_value, &s->nlevers, param, value);
    SDL_CondSignal(s->wake);
    SDL_UnlockMutex(s->lock);
}

int cs_sim_fetch(cs_sim *s, cs_scene *out, uint64_t *seen, char *status)
{
    SDL_LockMutex(s->lock);
    int changed = s->ready && s->version != *seen;
    if (changed && cs_scene_copy(out, &s->front) == 0)
        *seen = s->version;
    snprintf(status, 256, "%s", s->status);
    SDL_UnlockMutex(s->lock);
    return changed;
}
