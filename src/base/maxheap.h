/* SPDX-License-Identifier: MIT */
/* maxheap.h - a binary max-heap of (key, id) for the greedy selections:
 * the largest key on top, the smaller id first among equal keys, so a
 * selection breaks ties the same way whatever order entries arrived in. */
#ifndef CS_MAXHEAP_H
#define CS_MAXHEAP_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

typedef struct cs_heap_item {
    double key;        /* never NaN: callers store -HUGE_VAL instead */
    uint32_t id;
    uint32_t stamp;    /* the caller's: when key was last computed */
} cs_heap_item;

static inline int cs_heap_before(const cs_heap_item *a, const cs_heap_item *b)
{
    return a->key > b->key || (a->key == b->key && a->id < b->id);
}

static inline void cs_heap_up(cs_heap_item *h, size_t i)
{
    cs_heap_item x = h[i];
    while (i > 0 && cs_heap_before(&x, &h[(i - 1) / 2])) {
        h[i] = h[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h[i] = x;
}

static inline void cs_heap_down(cs_heap_item *h, size_t n, size_t i)
{
    cs_heap_item x = h[i];
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && cs_heap_before(&h[c + 1], &h[c]))
            c++;
        if (!cs_heap_before(&h[c], &x))
            break;
        h[i] = h[c];
        i = c;
    }
    h[i] = x;
}

static inline void cs_heap_push(cs_heap_item *h, size_t *n, cs_heap_item x)
{
    h[*n] = x;
    cs_heap_up(h, (*n)++);
}

static inline cs_heap_item cs_heap_pop(cs_heap_item *h, size_t *n)
{
    cs_heap_item top = h[0];
    h[0] = h[--*n];
    if (*n)
        cs_heap_down(h, *n, 0);
    return top;
}

static inline void cs_heap_build(cs_heap_item *h, size_t n)
{
    for (size_t i = n / 2; i-- > 0;)
        cs_heap_down(h, n, i);
}

#endif
