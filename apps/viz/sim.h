/* SPDX-License-Identifier: MIT */
/* sim.h - the visualizer's simulation thread. It owns the run and the
 * network view, steps days at the pace asked, applies the sliders' levers
 * and restarts; after every day it publishes a copy of what to draw. The
 * window only ever reads the published copy, so it never waits for a day to
 * finish and never sees a half-updated run. */
#ifndef CS_VIZ_SIM_H
#define CS_VIZ_SIM_H

#include <SDL.h>

#include "scenario/scenario.h"
#include "draw/scene.h"

enum { CS_SIM_MAX_LEVERS = 16 };

typedef struct cs_sim {
    SDL_Thread *thread;
    SDL_mutex *lock;
    SDL_cond *wake;
    /* Asked by the window (under lock). */
    int playing;
    double days_per_second;  /* 0: as fast as possible */
    int steps;               /* single days asked for and not yet simulated */
    int64_t run_to;          /* days are due, at the set speed, until the run reaches this day */
    int restart;             /* a restart is asked for */
    int forget;              /* ... from scratch: no run kept to compare, no slider settings */
    int network_kind;        /* ... on this network kind (enum cs_network_kind; -1: as it is) */
    int seed_bumps;          /* ... with the seed moved on this many times */
    int quit;
    int nlevers;             /* lever settings to apply before the next day */
    int lever_param[CS_SIM_MAX_LEVERS];
    double lever_value[CS_SIM_MAX_LEVERS];
    int nsliders;            /* the sliders' settings, applied again at a restart */
    int slider_param[CS_SIM_MAX_LEVERS];
    double slider_value[CS_SIM_MAX_LEVERS];
    /* Published by the thread (under lock). */
    cs_scene front;
    uint64_t version;        /* bumped at every publication */
    char status[256];        /* what the thread is doing or what went wrong */
    int ready;               /* a run exists (the first layout is done) */
    int64_t day;             /* the day published last (-1 while a restart builds its run) */
    int failed;              /* the last run could not be built */
    /* The thread's own. */
    cs_scenario *sc;         /* as given (validated); its seed changes with "new seed" */
    int threads;
    const char *lang;        /* the lesson's language (NULL: English); set before starting */
    int start_kind;          /* the network kind and seed at the start (rewind goes back to them) */
    int64_t start_seed;
    int keep;                /* runs compare keeps (0: the lesson's, else 1); set before starting */
} cs_sim;

/* Starts the thread, which builds the run at once (lang and keep, set
 * before, are kept). Returns 0 or -1 (SDL's error says why). */
int cs_sim_start(cs_sim *s, cs_scenario *sc, int threads);
/* Asks the thread to stop after the current day and waits for it. */
void cs_sim_stop(cs_sim *s);

/* Requests (each takes the lock and wakes the thread). */
void cs_sim_play(cs_sim *s, int playing);
void cs_sim_step(cs_sim *s);
/* Runs on at the set speed until the run's day is `day` (a restart asked
 * for with it runs there again), then waits: a lesson's step. */
void cs_sim_run_to(cs_sim *s, int64_t day);
void cs_sim_speed(cs_sim *s, double days_per_second);
void cs_sim_restart(cs_sim *s, int new_seed);
/* Starts again on another kind of network (enum cs_network_kind), the
 * run so far kept to compare with. A kind the scenario cannot take is
 * refused, the scenario left as it was, and the status says why. */
void cs_sim_network(cs_sim *s, int kind);
/* Starts again from scratch: the scenario's own levers (the sliders'
 * settings forgotten) and no run kept to compare with. */
void cs_sim_rewind(cs_sim *s);
/* Whether the thread has done all it was asked: no restart or levers
 * waiting, no day due, and the scene published is of the day it stopped
 * on. */
int cs_sim_idle(cs_sim *s);
/* A slider moved: lever param takes value from the next day, and from day 1
 * of every restart. */
void cs_sim_lever(cs_sim *s, int param, double value);

/* Copies the published scene into *out if it changed since *seen; returns 1
 * when it did. status (256 bytes) receives the thread's status. */
int cs_sim_fetch(cs_sim *s, cs_scene *out, uint64_t *seen, char *status);

#endif
