/* SPDX-License-Identifier: MIT */
/* transport.h - how this program's processes share an experiment's tasks:
 * MPI ranks in circlesim-mpi (transport_mpi.c), none in circlesim
 * (transport_none.c), so the commands' code is the same for both. */
#ifndef CS_CLI_TRANSPORT_H
#define CS_CLI_TRANSPORT_H

#include "analysis/taskfarm.h"

/* The transport (NULL: this process alone). */
const cs_taskfarm_transport *cs_transport(void);
/* The worst (largest) of every process's code, so all go on or none does. */
int cs_transport_agree(int code);

#endif
