/* SPDX-License-Identifier: MIT */
/* omp.h - OpenMP's runtime calls, serial, for the WebAssembly build only
 * (scripts/build-web.sh puts web/shim first on the include path).
 *
 * Why: emscripten 3.1.6 has no OpenMP runtime, and a page runs one thread
 * anyway. The engine's `#pragma omp` lines are ignored without -fopenmp;
 * these are the library calls it makes, answered as a one-thread team
 * would answer them. Results do not depend on the thread count (run.h),
 * so the page's rows are the native build's. */
#ifndef CS_WEB_SHIM_OMP_H
#define CS_WEB_SHIM_OMP_H

#include <time.h>

static inline int omp_get_num_procs(void) { return 1; }
static inline int omp_get_max_threads(void) { return 1; }
static inline int omp_get_num_threads(void) { return 1; }
static inline int omp_get_thread_num(void) { return 0; }
static inline int omp_get_max_active_levels(void) { return 1; }
static inline void omp_set_max_active_levels(int levels) { (void)levels; }
static inline void omp_set_num_threads(int n) { (void)n; }

/* A lock a one-thread team never waits on. */
typedef struct omp_lock_t {
    int held;
} omp_lock_t;
static inline void omp_init_lock(omp_lock_t *l) { l->held = 0; }
static inline void omp_destroy_lock(omp_lock_t *l) { (void)l; }
static inline void omp_set_lock(omp_lock_t *l) { l->held = 1; }
static inline void omp_unset_lock(omp_lock_t *l) { l->held = 0; }

/* Seconds on a monotonic clock, as omp_get_wtime's are. */
static inline double omp_get_wtime(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

#endif
