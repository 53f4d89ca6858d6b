/* SPDX-License-Identifier: MIT */
/* net_text.c - the output every network file goes through, the ties in
 * file order, and their bytes counted without writing (net_text.h). */
#include "network/net_text.h"

#include <stdlib.h>

void cs_text_out_flush(cs_text_out *w)
{
    if (w->fp && w->len)
        fwrite(w->buf, 1, w->len, w->fp); /* errors surface in cs_atomic_commit */
    w->len = 0;
}

cs_text_out *cs_text_out_open(cs_atomic_file *f, int dirfd, const char *path, cs_diag *diag)
{
    cs_text_out *w = malloc(sizeof *w);
    if (!w) {
        cs_diag_error(diag, "out of memory");
        return NULL;
    }
    const char *slash = strrchr(path, '/');
    if (dirfd >= 0 ? cs_atomic_openat(f, dirfd, slash ? slash + 1 : path, path, diag)
                   : cs_atomic_open(f, path, diag)) {
        free(w);
        return NULL;
    }
    w->fp = f->fp;
    w->len = 0;
    w->total = 0;
    return w;
}

cs_text_out *cs_text_out_counter(void)
{
    cs_text_out *w = malloc(sizeof *w);
    if (w) {
        w->fp = NULL;
        w->len = 0;
        w->total = 0;
    }
    return w;
}

uint64_t cs_text_out_counted(cs_text_out *w)
{
    uint64_t n = w->total;
    free(w);
    return n;
}

int cs_text_out_commit(cs_text_out *w, cs_atomic_file *f, cs_diag *diag)
{
    cs_text_out_flush(w);
    free(w);
    return cs_atomic_commit(f, diag) ? CS_ERR_RUNTIME : 0;
}

void cs_network_each_tie(const cs_network *net, cs_text_out *w, cs_tie_fn fn)
{
    uint64_t index = 0;
    for (uint32_t u = 0; u < net->n; u++) {
        if (net->complete) {
            for (uint32_t v = u + 1; v < net->n; v++)
                fn(w, index++, u, v);
            continue;
        }
        for (uint64_t k = net->off[u]; k < net->off[u + 1]; k++)
            if (net->adj[k] > u)
                fn(w, index++, u, net->adj[k]);
    }
}

uint64_t cs_digits(uint64_t x)
{
    uint64_t n = 1;
    while (x >= 10) {
        x /= 10;
        n++;
    }
    return n;
}

uint64_t cs_digits_below(uint64_t count)
{
    uint64_t sum = 0, lo = 0, hi = 10, d = 1;
    while (lo < count) {
        uint64_t top = hi < count ? hi : count;
        sum += (top - lo) * d;
        lo = hi;
        if (hi > UINT64_MAX / 10)
            break;
        hi *= 10;
        d++;
    }
    return sum;
}

uint64_t cs_ties_text_bytes(const cs_network *net, uint64_t fixed, int indexed)
{
    const uint64_t n = net->n;
    if (net->complete) {
        /* Every user is in n - 1 ties; ties are numbered 0 .. T - 1. */
        uint64_t ties = n > 1 ? n * (n - 1) / 2 : 0;
        return (n > 1 ? n - 1 : 0) * cs_digits_below(n) + ties * fixed +
               (indexed ? cs_digits_below(ties) : 0);
    }
    uint64_t bytes = 0, index = 0;
    for (uint32_t u = 0; u < net->n; u++) {
        uint64_t du = cs_digits(u);
        for (uint64_t k = net->off[u]; k < net->off[u + 1]; k++)
            if (net->adj[k] > u) {
                bytes += du + cs_digits(net->adj[k]) + fixed + (indexed ? cs_digits(index) : 0);
                index++;
            }
    }
    return bytes;
}
