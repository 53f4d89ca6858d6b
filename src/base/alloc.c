/* SPDX-License-Identifier: MIT */
/* alloc.c - large allocations, the memory a process may have, and sizes in
 * bytes written and read the way people write them. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* posix_memalign, madvise and MADV_HUGEPAGE under -std=c11 */
#endif
#include "base/alloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>

/* A cgroup's memory limit, from the file at prefix. The limit alone, not
 * less what the group uses: its use counts page cache the kernel gives
 * back on demand. */
static uint64_t cgroup_room(const char *prefix, const char *limit_file)
{
    char path[700];
    unsigned long long max = 0;
    snprintf(path, sizeof path, "%s/%s", prefix, limit_file);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    int ok = fscanf(f, "%llu", &max) == 1; /* v2 writes "max" for none */
    fclose(f);
    return ok ? (uint64_t)max : 0;
}

/* The job's own memory limit (Slurm --mem, a container), under cgroup v2
 * or v1, of the process's own group (a limit set only on a parent group is
 * not seen); 0 when there is none or it cannot be read. */
static uint64_t cgroup_limit(void)
{
    FILE *f = fopen("/proc/self/cgroup", "r");
    if (!f)
        return 0;
    char line[512], prefix[600];
    uint64_t room = 0;
    while (!room && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "0::", 3) == 0) {
            snprintf(prefix, sizeof prefix, "/sys/fs/cgroup%s", line + 3);
            room = cgroup_room(prefix, "memory.max");
        } else if (strstr(line, ":memory:")) {
            snprintf(prefix, sizeof prefix, "/sys/fs/cgroup/memory%s", strstr(line, ":memory:") + 8);
            room = cgroup_room(prefix, "memory.limit_in_bytes");
        }
    }
    fclose(f);
    return room;
}

uint64_t cs_memory_available(void)
{
    FILE *f = fopen("/proc/meminfo", "r");
    uint64_t avail = 0;
    if (f) {
        char line[256];
        unsigned long long kib = 0;
        while (fgets(line, sizeof line, f))
            if (sscanf(line, "MemAvailable: %llu kB", &kib) == 1)
                break;
        fclose(f);
        avail = (uint64_t)kib * 1024;
    }
    uint64_t job = cgroup_limit();
    if (job && (avail == 0 || job < avail))
        avail = job;
    /* The address space this process may map (ulimit -v): resident memory
     * cannot exceed it. */
    struct rlimit lim;
    if (getrlimit(RLIMIT_AS, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY &&
        (avail == 0 || (uint64_t)lim.rlim_cur < avail))
        avail = (uint64_t)lim.rlim_cur;
    return avail;
}

void *cs_malloc_large(size_t bytes)
{
    const size_t huge = (size_t)2 << 20;
    if (bytes < 2 * huge)
        return malloc(bytes ? bytes : 1);
    void *p = NULL;
    if (posix_memalign(&p, huge, bytes) != 0)
        return NULL;
#ifdef MADV_HUGEPAGE
    madvise(p, bytes & ~(huge - 1), MADV_HUGEPAGE);
#endif
    return p;
}

int cs_parse_size(const char *s, uint64_t *out)
{
    char *end;
    if (!s || !isdigit((unsigned char)*s))
        return -1;
    /* Plain decimals only: strtod would also take 1e9, 0x10 and inf. */
    size_t digits = strspn(s, "0123456789.");
    const char *dot = memchr(s, '.', digits);
    if (dot && memchr(dot + 1, '.', digits - (size_t)(dot + 1 - s)))
        return -1;
    double v = strtod(s, &end);
    if (end != s + digits)
        return -1;
    double unit = 1;
    switch (tolower((unsigned char)*end)) {
    case 'k': unit = 1024.0; break;
    case 'm': unit = 1048576.0; break;
    case 'g': unit = 1073741824.0; break;
    case 't': unit = 1099511627776.0; break;
    case 'b':
    case '\0': break;
    default: return -1;
    }
    if (unit > 1) {
        end++;
        if (tolower((unsigned char)*end) == 'i')
            end++;
        if (tolower((unsigned char)*end) == 'b')
            end++;
    } else if (*end) {
        end++; /* "B" */
    }
    if (*end || !(v * unit >= 1) || v * unit > 1.8e19)
        return -1;
    *out = (uint64_t)(v * unit);
    return 0;
}

void cs_format_size(char *out, size_t cap, uint64_t bytes)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double v = (double)bytes;
    int u = 0;
    while (v >= 1024 && u < 6) {
        v /= 1024;
        u++;
    }
    if (u == 0)
        snprintf(out, cap, "%llu B", (unsigned long long)bytes);
    else
        snprintf(out, cap, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, units[u]);
}
