/* sweep.h - the `sweep` command, and the scenario text every MPI rank
 * shares (calibrate uses it too). */
#ifndef CS_CLI_SWEEP_H
#define CS_CLI_SWEEP_H

#include "circlesim/diag.h"
#include "cli/options.h"

extern const char cs_help_sweep[];
int cs_cmd_sweep(int argc, char **argv, cs_diag *d);

/* The scenario file's text (path NULL: the built-in default). Under MPI,
 * rank 0 reads it and every rank gets its bytes, so all run what rank 0
 * checked. Returns 0 or the exit code (reported). */
int cs_source_read_everywhere(cs_source *src, const char *path, cs_diag *d);

#endif
