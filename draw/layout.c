/* SPDX-License-Identifier: MIT */
/* layout.c - Fruchterman–Reingold with a Barnes–Hut quadtree. */
#include "draw/layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "circlesim/diag.h"
#include "circlesim/rng.h"

/* Opening angle: a cell of width w seen from distance d counts as one mass
 * at its centre when w < 0.8 d; about 1% error in the force on a node, far
 * below what a viewer can see, for O(n log n) work per step. */
#define CS_LAYOUT_THETA 0.8
/* Nodes per quadtree leaf: below this a direct sum beats another level. */
#define CS_LAYOUT_LEAF 8
/* Float positions near 1 stop being separable after about 24 halvings;
 * anything still together deeper (coincident nodes) shares a leaf. */
#define CS_LAYOUT_DEPTH 32
#define CS_LAYOUT_T0 0.1       /* starting temperature: a tenth of the disc's radius */
#define CS_LAYOUT_COOL 0.985   /* per step: 0.1 falls to 0.001 in 300 steps */
#define CS_LAYOUT_FLOOR 0.02   /* temperature floor, times k */
#define CS_LAYOUT_DMIN 1e-3    /* distance floor for repulsion, times k */
/* Centre pull per unit distance: k^2 n, which holds untied nodes in the unit
 * disc (a disc of uniform density is where the two balance). */
#define CS_LAYOUT_GRAVITY 1.0

static double ideal_k(uint32_t n)
{
    return n ? 1.0 / sqrt((double)n) : 1.0;
}

int cs_layout_init(cs_layout *L, uint32_t n, uint64_t seed)
{
    memset(L, 0, sizeof *L);
    L->temperature = (float)CS_LAYOUT_T0;
    if (n == 0)
        return 0;
    L->x = malloc((size_t)n * sizeof *L->x);
    L->y = malloc((size_t)n * sizeof *L->y);
    if (!L->x || !L->y) {
        cs_layout_free(L);
        return CS_ERR_NOMEM;
    }
    L->n = n;
    for (uint32_t i = 0; i < n; i++) {
        /* Rejection from the square: uniform in the disc without libm's
         * sin and cos, whose last bits may differ between C libraries. */
        cs_pcg32 r = cs_rng_stream(seed, CS_STREAM_LAYOUT, 1, i);
        double u, v;
        do {
            u = 2 * cs_pcg32_double(&r) - 1;
            v = 2 * cs_pcg32_double(&r) - 1;
        } while (u * u + v * v > 1);
        L->x[i] = (float)u;
        L->y[i] = (float)v;
    }
    return 0;
}

/* A quadtree cell: a square, the centre of mass of the nodes inside, their
 * range of the tree's index array (ranges nest: a cell's children split its
 * range) and either children, consecutive in the cell array, or for a leaf
 * the nodes' bounding box. */
typedef struct cs_quad {
    double cx, cy, half;
    double mx, my;
    uint32_t mass;
    uint32_t lo, hi;
    uint32_t child, nchild;
    double bx0, by0, bx1, by1;
} cs_quad;

typedef struct cs_tree {
    cs_quad *cell;
    uint32_t len, cap;
    uint32_t *idx, *tmp; /* n node indexes, grouped by leaf; scratch */
    const float *x, *y;
    /* In idx's order, so that a leaf's nodes are contiguous and the loop over
     * them vectorizes: positions, and the repulsion on them. */
    double *px, *py, *ax, *ay;
} cs_tree;

/* Index of the first of count new cells, or -1. Cells move on growth, so
 * callers hold indexes, never pointers, across this call. */
static int64_t tree_add(cs_tree *t, uint32_t count)
{
    if (t->len + (uint64_t)count > t->cap) {
        uint64_t cap = t->cap ? 2 * (uint64_t)t->cap : 64;
        while (cap < t->len + (uint64_t)count)
            cap *= 2;
        if (cap > UINT32_MAX)
            return -1;
        cs_quad *c = realloc(t->cell, cap * sizeof *c);
        if (!c)
            return -1;
        t->cell = c;
        t->cap = (uint32_t)cap;
    }
    t->len += count;
    return t->len - count;
}

static int tree_build(cs_tree *t, uint32_t at, uint32_t lo, uint32_t hi, double cx, double cy,
                      double half, int depth)
{
    double sx = 0, sy = 0, bx0 = INFINITY, by0 = INFINITY, bx1 = -INFINITY, by1 = -INFINITY;
    for (uint32_t p = lo; p < hi; p++) {
        double x = t->x[t->idx[p]], y = t->y[t->idx[p]];
        sx += x;
        sy += y;
        bx0 = x < bx0 ? x : bx0;
        bx1 = x > bx1 ? x : bx1;
        by0 = y < by0 ? y : by0;
        by1 = y > by1 ? y : by1;
    }
    t->cell[at] = (cs_quad){cx, cy, half, sx / (hi - lo), sy / (hi - lo), hi - lo, lo, hi, 0, 0,
                            bx0, by0, bx1, by1};
    if (hi - lo <= CS_LAYOUT_LEAF || depth >= CS_LAYOUT_DEPTH)
        return 0;

    /* Counting sort of the range by quadrant (bit 0: right, bit 1: top). */
    uint32_t count[4] = {0, 0, 0, 0}, start[4];
    for (uint32_t p = lo; p < hi; p++) {
        uint32_t i = t->idx[p];
        count[(t->x[i] >= cx) | (t->y[i] >= cy) << 1]++;
    }
    uint32_t nchild = 0;
    for (uint32_t c = 0, s = lo; c < 4; c++) {
        start[c] = s;
        s += count[c];
        nchild += count[c] > 0;
    }
    uint32_t fill[4] = {start[0], start[1], start[2], start[3]};
    for (uint32_t p = lo; p < hi; p++) {
        uint32_t i = t->idx[p];
        t->tmp[fill[(t->x[i] >= cx) | (t->y[i] >= cy) << 1]++] = i;
    }
    memcpy(t->idx + lo, t->tmp + lo, (size_t)(hi - lo) * sizeof *t->idx);

    int64_t first = tree_add(t, nchild);
    if (first < 0)
        return CS_ERR_NOMEM;
    t->cell[at].child = (uint32_t)first;
    t->cell[at].nchild = nchild;
    uint32_t next = (uint32_t)first;
    double h = half / 2;
    for (int c = 0; c < 4; c++) {
        if (count[c] == 0)
            continue;
        int rc = tree_build(t, next++, start[c], start[c] + count[c], c & 1 ? cx + h : cx - h,
                            c & 2 ? cy + h : cy - h, h, depth + 1);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static void bounds(const float *x, const float *y, uint32_t n, float *x0, float *y0, float *x1,
                   float *y1)
{
    float a = 0, b = 0, c = 0, d = 0;
    if (n > 0) {
        a = c = x[0];
        b = d = y[0];
    }
    for (uint32_t i = 1; i < n; i++) {
        a = x[i] < a ? x[i] : a;
        c = x[i] > c ? x[i] : c;
        b = y[i] < b ? y[i] : b;
        d = y[i] > d ? y[i] : d;
    }
    *x0 = a;
    *y0 = b;
    *x1 = c;
    *y1 = d;
}

static int tree_make(cs_tree *t, uint32_t n)
{
    float x0, y0, x1, y1;
    bounds(t->x, t->y, n, &x0, &y0, &x1, &y1);
    double half = ((double)x1 - x0 > (double)y1 - y0 ? (double)x1 - x0 : (double)y1 - y0) / 2;
    /* A margin keeps the extreme nodes inside the closed square despite
     * rounding; the minimum keeps a square around coincident nodes. */
    half = half * (1 + 1e-9) + 1e-9;
    for (uint32_t i = 0; i < n; i++)
        t->idx[i] = i;
    t->len = 0;
    if (tree_add(t, 1) < 0)
        return CS_ERR_NOMEM;
    int rc = tree_build(t, 0, 0, n, ((double)x0 + x1) / 2, ((double)y0 + y1) / 2, half, 0);
    for (uint32_t p = 0; p < n; p++) {
        t->px[p] = t->x[t->idx[p]];
        t->py[p] = t->y[t->idx[p]];
        t->ax[p] = t->ay[p] = 0;
    }
    return rc;
}

/* Unit directions for pushing coincident nodes apart, picked by a hash of
 * the pair: a table rather than sin and cos, which may differ in the last
 * bit between C libraries. */
static const double cs_layout_dirs[8][2] = {
    {1, 0}, {0.7071067811865476, 0.7071067811865476}, {0, 1},
    {-0.7071067811865476, 0.7071067811865476}, {-1, 0},
    {-0.7071067811865476, -0.7071067811865476}, {0, -1},
    {0.7071067811865476, -0.7071067811865476},
};

/* Repulsion k^2 mass / d on a node at offset (dx, dy) from a mass, d floored
 * at dmin. At d == 0 the direction comes from the pair (a, b), opposite for
 * the two nodes so that the pair's forces still cancel. */
static void repel(double dx, double dy, double mass, double k2, double dmin, uint32_t a,
                  uint32_t b, double *fx, double *fy)
{
    double d2 = dx * dx + dy * dy;
    if (d2 == 0) {
        uint32_t lo = a < b ? a : b, hi = a < b ? b : a;
        const double *u = cs_layout_dirs[cs_mix64((uint64_t)lo << 32 | hi) & 7];
        double s = a < b ? k2 * mass / dmin : -k2 * mass / dmin;
        *fx += u[0] * s;
        *fy += u[1] * s;
        return;
    }
    /* (dx, dy) / d has length 1, so the force is (dx, dy) k^2 mass / d^2:
     * no square root except below the floor. */
    double s = d2 >= dmin * dmin ? k2 * mass / d2 : k2 * mass / (sqrt(d2) * dmin);
    *fx += dx * s;
    *fy += dy * s;
}

/* Repulsion on every node of leaf f from all nodes, in one walk of the tree
 * for the whole leaf rather than one per node, over the leaf's contiguous
 * copy so the inner loop vectorizes: together 1.5 times faster than a walk
 * per node at 3 000 nodes. A cell passes the opening test against the
 * leaf's bounding box, hence against each node in it. */
static void leaf_repel(const cs_tree *t, uint32_t f, double k2, double dmin)
{
    const cs_quad *leaf = &t->cell[f];
    const double *px = t->px, *py = t->py;
    double *ax = t->ax, *ay = t->ay;
    /* Depth-first: at most 3 siblings wait per level, plus the last 4. */
    uint32_t stack[3 * CS_LAYOUT_DEPTH + 4];
    int sp = 0;
    stack[sp++] = 0;
    while (sp > 0) {
        const cs_quad *q = &t->cell[stack[--sp]];
        /* The leaf and its ancestors hold its nodes: never one mass. */
        int holds = q->lo <= leaf->lo && leaf->hi <= q->hi;
        if (!holds) {
            /* Gap between the cell's centre of mass and the leaf's box. */
            double lx = leaf->bx0 - q->mx, rx = q->mx - leaf->bx1;
            double ly = leaf->by0 - q->my, ry = q->my - leaf->by1;
            double gx = lx > rx ? lx : rx, gy = ly > ry ? ly : ry;
            gx = gx > 0 ? gx : 0;
            gy = gy > 0 ? gy : 0;
            double w = 2 * q->half;
            if (w * w < CS_LAYOUT_THETA * CS_LAYOUT_THETA * (gx * gx + gy * gy)) {
                /* The gap is positive, so no distance here is 0; the floor
                 * as max(d^2, dmin^2) keeps this loop branch-free for the
                 * vectorizer (a cell this small and close is rare). */
                double km = k2 * q->mass, dmin2 = dmin * dmin;
                for (uint32_t p = leaf->lo; p < leaf->hi; p++) {
                    double dx = px[p] - q->mx, dy = py[p] - q->my;
                    double d2 = dx * dx + dy * dy;
                    double s = km / (d2 > dmin2 ? d2 : dmin2);
                    ax[p] += dx * s;
                    ay[p] += dy * s;
                }
                continue;
            }
        }
        if (q->nchild == 0) {
            for (uint32_t p = leaf->lo; p < leaf->hi; p++) {
                double sx = 0, sy = 0;
                for (uint32_t r = q->lo; r < q->hi; r++)
                    if (r != p)
                        repel(px[p] - px[r], py[p] - py[r], 1, k2, dmin, t->idx[p], t->idx[r], &sx,
                              &sy);
                ax[p] += sx;
                ay[p] += sy;
            }
        } else {
            for (uint32_t c = q->nchild; c-- > 0;)
                stack[sp++] = q->child + c;
        }
    }
}

static double tie_weight(const float *weight, uint64_t e)
{
    if (!weight)
        return 1;
    double w = weight[e];
    return w > 0 && isfinite(w) ? w : 0;
}

void cs_layout_step(cs_layout *L, const uint32_t *tie, const float *weight, uint64_t m, int iters)
{
    uint32_t n = L->n;
    if (n == 0 || iters <= 0)
        return;
    double k = ideal_k(n), k2 = k * k, dmin = CS_LAYOUT_DMIN * k;
    double floor_t = CS_LAYOUT_FLOOR * k;
    cs_tree t = {.x = L->x, .y = L->y};
    double *f = malloc((size_t)n * 6 * sizeof *f);
    uint32_t *ix = malloc((size_t)n * 2 * sizeof *ix);
    if (!f || !ix)
        goto done;
    double *fx = f, *fy = f + n;
    t.px = f + 2 * (size_t)n;
    t.py = f + 3 * (size_t)n;
    t.ax = f + 4 * (size_t)n;
    t.ay = f + 5 * (size_t)n;
    t.idx = ix;
    t.tmp = ix + n;

    for (int it = 0; it < iters; it++) {
        if (tree_make(&t, n) != 0)
            goto done;
        for (uint32_t c = 0; c < t.len; c++)
            if (t.cell[c].nchild == 0)
                leaf_repel(&t, c, k2, dmin);
        for (uint32_t p = 0; p < n; p++) {
            uint32_t i = t.idx[p];
            fx[i] = t.ax[p] - CS_LAYOUT_GRAVITY * L->x[i];
            fy[i] = t.ay[p] - CS_LAYOUT_GRAVITY * L->y[i];
        }
        for (uint64_t e = 0; e < m; e++) {
            uint32_t a = tie[2 * e], b = tie[2 * e + 1];
            double w = tie_weight(weight, e);
            if (a >= n || b >= n || a == b || w == 0)
                continue;
            double dx = (double)L->x[b] - L->x[a], dy = (double)L->y[b] - L->y[a];
            double s = w * sqrt(dx * dx + dy * dy) / k;
            fx[a] += dx * s;
            fy[a] += dy * s;
            fx[b] -= dx * s;
            fy[b] -= dy * s;
        }
        double temp = L->temperature;
        for (uint32_t i = 0; i < n; i++) {
            double len = sqrt(fx[i] * fx[i] + fy[i] * fy[i]);
            /* A force that overflowed (absurd weights) moves nothing rather
             * than poisoning the position with inf or NaN. */
            if (!(len > 0) || !isfinite(len))
                continue;
            double s = len > temp ? temp / len : 1;
            L->x[i] = (float)(L->x[i] + fx[i] * s);
            L->y[i] = (float)(L->y[i] + fy[i] * s);
        }
        temp *= CS_LAYOUT_COOL;
        L->temperature = (float)(temp > floor_t ? temp : floor_t);
        L->steps++;
    }
done:
    free(f);
    free(ix);
    free(t.cell);
}

double cs_layout_energy(const cs_layout *L, const uint32_t *tie, const float *weight, uint64_t m)
{
    uint32_t n = L->n;
    double k = ideal_k(n), k2 = k * k, dmin = CS_LAYOUT_DMIN * k;
    double e = 0;
    for (uint64_t t = 0; t < m; t++) {
        uint32_t a = tie[2 * t], b = tie[2 * t + 1];
        double w = tie_weight(weight, t);
        if (a >= n || b >= n || a == b || w == 0)
            continue;
        double dx = (double)L->x[b] - L->x[a], dy = (double)L->y[b] - L->y[a];
        double d = sqrt(dx * dx + dy * dy);
        e += w * d * d * d / (3 * k);
    }
    double ln_dmin = log(dmin);
    for (uint32_t i = 0; i < n; i++) {
        double xi = L->x[i], yi = L->y[i];
        e += CS_LAYOUT_GRAVITY * (xi * xi + yi * yi) / 2;
        double rep = 0;
        for (uint32_t j = i + 1; j < n; j++) {
            double dx = xi - L->x[j], dy = yi - L->y[j];
            double d = sqrt(dx * dx + dy * dy);
            rep += d >= dmin ? log(d) : ln_dmin - (dmin - d) / dmin;
        }
        e -= k2 * rep;
    }
    return e;
}

void cs_layout_bounds(const cs_layout *L, float *x0, float *y0, float *x1, float *y1)
{
    bounds(L->x, L->y, L->n, x0, y0, x1, y1);
}

void cs_layout_free(cs_layout *L)
{
    free(L->x);
    free(L->y);
    memset(L, 0, sizeof *L);
}
