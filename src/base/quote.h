/* SPDX-License-Identifier: MIT */
/* quote.h - input quoted safely inside a message: a hostile file never puts
 * control characters or megabytes on a terminal (diag.c). */
#ifndef CS_BASE_QUOTE_H
#define CS_BASE_QUOTE_H

#include <stddef.h>

/* Bytes in the valid UTF-8 sequence at s (at most n bytes), 0 if invalid
 * (overlong forms, surrogates and code points past U+10FFFF included). */
size_t cs_utf8_seq(const unsigned char *s, size_t n);

/* Escape s[0..len) for quoting in a message: printable ASCII and valid UTF-8
 * stay, anything else becomes \xNN; at most max_out-1 bytes, "..." when cut. */
void cs_diag_quote(char *out, size_t max_out, const char *s, size_t len);

#endif
