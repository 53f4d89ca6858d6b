/* SPDX-License-Identifier: MIT */
/* api.h - CS_API marks what the shared library exports. The engine is
 * compiled with hidden visibility, so libcirclesim.so offers exactly the
 * functions of these public headers and keeps its internals (which may
 * change between any two versions) out of reach. */
#ifndef CIRCLESIM_API_H
#define CIRCLESIM_API_H

#if defined(__GNUC__) || defined(__clang__)
#define CS_API __attribute__((visibility("default")))
/* printf-style checking of a function's format (argument fmt) and its
 * first variadic argument (first). */
#define CS_PRINTF(fmt, first) __attribute__((format(printf, fmt, first)))
#else
#define CS_API
#define CS_PRINTF(fmt, first)
#endif

#endif
