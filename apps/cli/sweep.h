/* SPDX-License-Identifier: MIT */
/* sweep.h - the `sweep` command. */
#ifndef CS_CLI_SWEEP_H
#define CS_CLI_SWEEP_H

#include "circlesim/diag.h"

extern const char cs_help_sweep[];
int cs_cmd_sweep(int argc, char **argv, cs_diag *d);

#endif
