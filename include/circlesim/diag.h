/* SPDX-License-Identifier: MIT */
/* diag.h - the one way circlesim reports problems to a person.
 *
 * Every problem is one line on the diagnostic stream:
 *   FILE:LINE:COL: error: MESSAGE   (traceable to a scenario or edge-list file)
 *   <set> KEY: error: MESSAGE       (a --set value)
 *   circlesim: error: MESSAGE       (anything else)
 * Lines and columns are 1-based. Messages name the key, what was expected and
 * what was found. Quoted input is escaped and shortened so a hostile file can
 * never put control characters or megabytes on the terminal.
 */
#ifndef CIRCLESIM_DIAG_H
#define CIRCLESIM_DIAG_H

#include "circlesim/api.h"

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Error convention: functions return 0 or one of these (negative). */
enum cs_err {
    CS_OK = 0,
    CS_ERR_RUNTIME = -1, /* I/O, out of memory, internal: exit 1 */
    CS_ERR_INPUT = -2,   /* usage or scenario error: exit 2 */
    CS_ERR_NOMEM = -3,   /* out of memory: exit 1 */
    CS_ERR_INTERRUPTED = -4,
};

typedef struct cs_diag {
    FILE *out;   /* where lines go; NULL means stderr */
    int errors;  /* number of errors reported so far */
    int muted;   /* count errors, print nothing (checks whose outcome alone matters) */
    const char *hint; /* when set, every line ends " (HINT)": where to read more */
} cs_diag;

/* The name that starts a message without a file ("circlesim: error: ..."):
 * set once by a program before its first message. */
extern CS_API const char *cs_diag_program;

CS_API void cs_diag_init(cs_diag *d, FILE *out);
/* A counter that prints nothing: for a check whose outcome alone matters
 * (a calibration point that makes no valid scenario, a fuzzed input). */
CS_API void cs_diag_init_muted(cs_diag *d);

/* FILE:LINE:COL: error: ... (line/col 1-based; 0 omits them) */
CS_API void cs_diag_at(cs_diag *d, const char *file, int line, int col, const char *fmt, ...)
    CS_PRINTF(5, 6);

/* <set> KEY: error: ... */
CS_API void cs_diag_set(cs_diag *d, const char *key, const char *fmt, ...)
    CS_PRINTF(3, 4);

/* circlesim: error: ... */
CS_API void cs_diag_error(cs_diag *d, const char *fmt, ...) CS_PRINTF(2, 3);

/* FILE:LINE:COL: warning: ... and <set> KEY: warning: ... (not errors) */
CS_API void cs_diag_warn_at(cs_diag *d, const char *file, int line, int col, const char *fmt, ...)
    CS_PRINTF(5, 6);
CS_API void cs_diag_warn_set(cs_diag *d, const char *key, const char *fmt, ...)
    CS_PRINTF(3, 4);

/* circlesim: warning: ... (does not count as an error) */
CS_API void cs_diag_warn(cs_diag *d, const char *fmt, ...) CS_PRINTF(2, 3);

#ifdef __cplusplus
}
#endif

#endif
