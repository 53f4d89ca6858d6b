/* SPDX-License-Identifier: MIT */
/* compare.h - the `compare` command. */
#ifndef CS_CLI_COMPARE_H
#define CS_CLI_COMPARE_H

#include "circlesim/diag.h"

extern const char cs_help_compare[];
int cs_cmd_compare(int argc, char **argv, cs_diag *d);

#endif
