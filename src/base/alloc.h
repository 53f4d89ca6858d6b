/* SPDX-License-Identifier: MIT */
/* alloc.h - large allocations, the memory a process may have, and sizes in
 * bytes as people write them ("512M", "1.5 GiB"). The base layer: it knows
 * nothing of scenarios or models. */
#ifndef CIRCLESIM_ALLOC_H
#define CIRCLESIM_ALLOC_H

#include <stddef.h>
#include <stdint.h>

/* Memory the system can give without swapping (MemAvailable), or less
 * when the job's cgroup limit or the process's address-space limit (ulimit
 * -v) is less, in bytes; 0 when unknown. */
uint64_t cs_memory_available(void);

/* malloc for arrays read at random, which at millions of users miss the
 * address cache (TLB) on nearly every access with 4 KiB pages: blocks of
 * 4 MiB and more are aligned to 2 MiB and advised to use huge pages
 * (MADV_HUGEPAGE; a hint the kernel may ignore). Free with free(). */
void *cs_malloc_large(size_t bytes);

/* "2G", "512M", "1.5GiB", "64k", "1000000" (bytes), case-insensitive, with
 * binary multiples. Returns 0, or -1 for anything else or zero. */
int cs_parse_size(const char *s, uint64_t *out);

/* "1.5 GiB", "312 MiB", "900 KiB", "512 B". */
void cs_format_size(char *out, size_t cap, uint64_t bytes);

#endif
