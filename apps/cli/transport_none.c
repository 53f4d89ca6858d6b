/* SPDX-License-Identifier: MIT */
/* transport_none.c - one process: every task runs here (transport.h). */
#include "cli/transport.h"

#include "cli/options.h"

const cs_taskfarm_transport *cs_transport(void)
{
    return NULL;
}

int cs_transport_agree(int code)
{
    return code;
}

int cs_source_read_everywhere(cs_source *src, const char *path, cs_diag *d)
{
    return cs_exit_code(cs_source_read(src, path, d));
}
