/* SPDX-License-Identifier: MIT */
/* hash.h - content hashes for reproducibility records. */
#ifndef CS_HASH_H
#define CS_HASH_H

#include <stddef.h>

/* "sha256:" and 64 lowercase hex digits of data[0..len), NUL-terminated.
 * Returns 0, or CS_ERR_RUNTIME if the library fails. */
int cs_sha256_text(const void *data, size_t len, char out[72]);

#endif
