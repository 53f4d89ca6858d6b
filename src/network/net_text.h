/* SPDX-License-Identifier: MIT */
/* net_text.h (internal) - what every writer of a network as text shares: a
 * buffered output that goes to a file written atomically or only counts its
 * bytes, the ties in the order files list them, and the digits of those
 * ties counted without writing them (to check the room before writing).
 *
 * The output goes through a private buffer: one fwrite per 64 KiB instead of
 * a locked stdio call per number keeps writing ~10^7 ties to a second. The
 * small writes are inline so that a writer in another file keeps that speed.
 */
#ifndef CIRCLESIM_NET_TEXT_H
#define CIRCLESIM_NET_TEXT_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/fileio.h"
#include "network/network.h"

typedef struct cs_text_out {
    FILE *fp;       /* NULL: the bytes are only counted */
    uint64_t total; /* bytes put so far */
    size_t len;
    char buf[1 << 16];
} cs_text_out;

/* An output writing path atomically: path itself (dirfd < 0), or its last
 * part in the folder open as dirfd. NULL when it cannot (reported). */
cs_text_out *cs_text_out_open(cs_atomic_file *f, int dirfd, const char *path, cs_diag *diag);
/* An output that only counts (the same bytes, never written); NULL when out
 * of memory. Free with cs_text_out_counted, which returns the count. */
cs_text_out *cs_text_out_counter(void);
uint64_t cs_text_out_counted(cs_text_out *w);
/* Flushes, frees w and renames the file into place: 0 or CS_ERR_RUNTIME
 * (reported; write errors surface here). */
int cs_text_out_commit(cs_text_out *w, cs_atomic_file *f, cs_diag *diag);
void cs_text_out_flush(cs_text_out *w);

static inline void cs_out_mem(cs_text_out *w, const char *s, size_t n)
{
    w->total += n;
    if (!w->fp) {
        return;
    }
    if (w->len + n > sizeof w->buf)
        cs_text_out_flush(w);
    if (n > sizeof w->buf) {
        fwrite(s, 1, n, w->fp); /* errors surface in cs_atomic_commit */
        return;
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

static inline void cs_out_str(cs_text_out *w, const char *s)
{
    cs_out_mem(w, s, strlen(s));
}

static inline void cs_out_u64(cs_text_out *w, uint64_t x)
{
    char tmp[24];
    int i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + x % 10);
        x /= 10;
    } while (x);
    cs_out_mem(w, tmp + i, sizeof tmp - (size_t)i);
}

/* Calls fn(w, index, u, v) for every tie once, u < v, in increasing order; a
 * complete network is enumerated rather than stored. */
typedef void (*cs_tie_fn)(cs_text_out *w, uint64_t index, uint32_t u, uint32_t v);
void cs_network_each_tie(const cs_network *net, cs_text_out *w, cs_tie_fn fn);

/* The bytes of every tie's line: the digits of both ends, `fixed` bytes of
 * text around them, and with `indexed` the digits of the tie's index. */
uint64_t cs_ties_text_bytes(const cs_network *net, uint64_t fixed, int indexed);
/* The digits of x, and of 0, 1, ..., count - 1 together. */
uint64_t cs_digits(uint64_t x);
uint64_t cs_digits_below(uint64_t count);

#endif
