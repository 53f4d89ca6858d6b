/* SPDX-License-Identifier: MIT */
/* fuzz_checkpoint.c - libFuzzer target: the checkpoint reader on any bytes.
 * The last 32 bytes are replaced by the SHA-256 of the rest before loading,
 * so the fuzzer reaches the parser behind the checksum instead of failing
 * on it: what a file written on purpose could do. A checkpoint that loads
 * must run on. */
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

#include "engine/checkpoint.h"
#include "base/hash.h"
#include "engine/run_struct.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int fd = -1;
    static char path[64];
    if (fd < 0) {
        fd = memfd_create("checkpoint", 0);
        if (fd < 0)
            abort();
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    uint8_t *copy = malloc(size ? size : 1);
    if (!copy)
        abort();
    memcpy(copy, data, size);
    if (size >= 32) {
        char hex[72];
        if (cs_sha256_text(copy, size - 32, hex) != 0)
            abort();
        for (int k = 0; k < 32; k++) {
            unsigned byte;
            sscanf(hex + 7 + 2 * k, "%2x", &byte);
            copy[size - 32 + k] = (uint8_t)byte;
        }
    }
    if (ftruncate(fd, 0) != 0 || pwrite(fd, copy, size, 0) != (ssize_t)size)
        abort();
    free(copy);
    cs_diag quiet;
    cs_diag_init_muted(&quiet);
    cs_scenario sc;
    cs_run r;
    cs_checkpoint_plan plan;
    if (cs_checkpoint_load(path, &sc, &r, 1, &plan, &quiet) == 0)
        for (int d = 0; d < 3 && r.day < sc.days; d++)
            if (cs_run_step(&r) != 0)
                break;
    cs_run_free(&r);
    cs_scenario_free(&sc);
    return 0;
}
