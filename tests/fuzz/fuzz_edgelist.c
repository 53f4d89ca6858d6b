/* SPDX-License-Identifier: MIT */
/* fuzz_edgelist.c - libFuzzer target: the edge-list reader on any bytes,
 * read from a memory file as it would be from disk; a list that reads must
 * build a network. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "network/network.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int fd = -1;
    static char path[64];
    if (fd < 0) {
        fd = memfd_create("edgelist", 0);
        if (fd < 0)
            abort();
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        abort();
    cs_diag quiet;
    cs_diag_init_muted(&quiet);
    cs_edge_buf edges = {0};
    cs_edgelist_stats st;
    int rc = cs_edgelist_read(path, "fuzz.txt", &edges, &st, &quiet);
    /* Read on three threads, the text cut into chunks: the same outcome. */
    cs_edge_buf par = {0};
    cs_edgelist_stats pst;
    int prc = cs_edgelist_read_threads(path, "fuzz.txt", &par, &pst, 3, &quiet);
    if (prc != rc || par.len != edges.len || pst.lines != st.lines || pst.pairs != st.pairs ||
        pst.max_id != st.max_id || pst.declared_nodes != st.declared_nodes ||
        (edges.len && memcmp(par.uv, edges.uv, edges.len * 2 * sizeof *edges.uv) != 0))
        abort();
    cs_edge_buf_free(&par);
    if (rc == 0 && edges.len > 0) {
        /* Users up to the largest index, as population.size would be. */
        uint32_t n = 0;
        for (uint64_t i = 0; i < 2 * edges.len; i++)
            n = edges.uv[i] >= n ? edges.uv[i] + 1 : n;
        cs_network net;
        if (n <= (1u << 20) && cs_network_from_pairs(&net, n, &edges, NULL, NULL) == 0)
            cs_network_free(&net);
    }
    cs_edge_buf_free(&edges);
    return 0;
}
