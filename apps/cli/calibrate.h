/* SPDX-License-Identifier: MIT */
/* calibrate.h - the `calibrate` command. */
#ifndef CS_CLI_CALIBRATE_H
#define CS_CLI_CALIBRATE_H

#include "circlesim/diag.h"

extern const char cs_help_calibrate[];
int cs_cmd_calibrate(int argc, char **argv, cs_diag *d);

#endif
