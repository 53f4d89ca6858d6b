/* SPDX-License-Identifier: MIT */
/* checkpoint_io.h - how a model's state goes into and comes out of a
 * checkpoint.
 *
 * One function per model describes its state to a cs_ckpt, and the same
 * function serves both directions, so what is written and what is read can
 * never drift apart: when saving, every call writes; when loading, every
 * call reads, and arrays are allocated (zeroed) before they are read.
 * Errors are sticky: after the first, calls do nothing, and the caller
 * looks at cs_ckpt_error once at the end.
 */
#ifndef CS_CHECKPOINT_IO_H
#define CS_CHECKPOINT_IO_H

#include <stddef.h>
#include <stdint.h>

typedef struct cs_ckpt cs_ckpt;

int cs_ckpt_loading(const cs_ckpt *c);
/* 0 so far, or CS_ERR_INPUT (the file does not hold what was expected),
 * CS_ERR_NOMEM or CS_ERR_RUNTIME (I/O). */
int cs_ckpt_error(const cs_ckpt *c);
/* Mark the content invalid (a loaded value out of its range): says where. */
void cs_ckpt_invalid(cs_ckpt *c, const char *what);

/* n bytes at p, as they are in memory. */
void cs_ckpt_bytes(cs_ckpt *c, void *p, size_t n);
/* *(T **)pp holds n elements of elem bytes (elem > 0). The count is
 * stored, and a load refuses a different one. Loading allocates max(cap, n,
 * 1) elements, zeroed, and reads n: cap must come from values already
 * checked, never straight from the file. */
void cs_ckpt_array(cs_ckpt *c, void *pp, size_t elem, uint64_t n, uint64_t cap);
/* Loading only: a zeroed allocation of cap elements not stored (scratch
 * space a step rebuilds before it reads it). */
void cs_ckpt_scratch(cs_ckpt *c, void *pp, size_t elem, uint64_t cap);

#endif
