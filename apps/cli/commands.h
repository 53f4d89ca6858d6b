/* SPDX-License-Identifier: MIT */
/* commands.h - the commands of circlesim (and of circlesim-mpi, which runs
 * sweep, calibrate and optimize): their tables (cli/command.h), defined
 * beside each command's code. */
#ifndef CS_CLI_COMMANDS_H
#define CS_CLI_COMMANDS_H

#include "cli/command.h"

extern const cs_command cs_cmd_run_def;
extern const cs_command cs_cmd_resume_def;
extern const cs_command cs_cmd_check_def;
extern const cs_command cs_cmd_params_def;
extern const cs_command cs_cmd_graph_def;
extern const cs_command cs_cmd_render_def;
extern const cs_command cs_cmd_lesson_def;
int cs_cmd_lesson(int argc, char **argv, cs_diag *d);
extern const cs_command cs_cmd_sweep_def;
extern const cs_command cs_cmd_compare_def;
extern const cs_command cs_cmd_calibrate_def;
extern const cs_command cs_cmd_optimize_def;
extern const cs_command cs_cmd_validate_def;

#endif
