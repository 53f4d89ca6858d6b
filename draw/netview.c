/* netview.c - the network panel's model: sample, layout, stages, hulls. */
#include "draw/netview.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "circlesim/diag.h"

/* Members of a community pull each other gently: strong enough to gather a
 * group chat over a few weeks, weak enough not to tear the friendship ties. */
static const float COMMUNITY_SPRING = 0.15f;
/* A hull wider than this share of the picture's diagonal is not drawn. */
static const double MAX_HULL_SPAN = 0.2;

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * size);
    if (!q)
        return CS_ERR_NOMEM;
    *p = q;
    *cap = c;
    return 0;
}

static int by_key(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* (x, y) order for the hull; Shell sort, since the points' coordinates live
 * beside the indexes and qsort has no context. */
static void sort_by_position(const float *x, const float *y, uint32_t *idx, uint32_t n)
{
    static const uint32_t gaps[] = {701, 301, 132, 57, 23, 10, 4, 1};
    for (size_t g = 0; g < sizeof gaps / sizeof gaps[0]; g++)
        for (uint32_t i = gaps[g]; i < n; i++) {
            uint32_t t = idx[i], j = i;
            for (; j >= gaps[g]; j -= gaps[g]) {
                uint32_t o = idx[j - gaps[g]];
                if (x[o] < x[t] || (x[o] == x[t] && y[o] <= y[t]))
                    break;
                idx[j] = o;
            }
            idx[j] = t;
        }
}

static double cross(const float *x, const float *y, uint32_t o, uint32_t a, uint32_t b)
{
    return ((double)x[a] - x[o]) * ((double)y[b] - y[o]) -
           ((double)y[a] - y[o]) * ((double)x[b] - x[o]);
}

uint32_t cs_convex_hull(const float *x, const float *y, const uint32_t *pts, uint32_t n,
                        uint32_t *idx, uint32_t *out)
{
    if (n <= 1) {
        if (n)
            out[0] = pts[0];
        return n;
    }
    memcpy(idx, pts, n * sizeof *idx);
    sort_by_position(x, y, idx, n);
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++) { /* lower chain */
        while (k >= 2 && cross(x, y, out[k - 2], out[k - 1], idx[i]) <= 0)
            k--;
        out[k++] = idx[i];
    }
    for (uint32_t i = n - 1, lower = k + 1; i-- > 0;) { /* upper chain */
        while (k >= lower && cross(x, y, out[k - 2], out[k - 1], idx[i]) <= 0)
            k--;
        out[k++] = idx[i];
    }
    return k - 1; /* the last point repeats the first */
}

/* Who the sample must keep: users with roles above community members above
 * everyone else. */
static int priorities(const cs_run *r, uint8_t **out)
{
    uint32_t n = cs_run_network(r)->n;
    uint8_t *p = malloc(n ? n : 1);
    if (!p)
        return CS_ERR_NOMEM;
    for (uint32_t u = 0; u < n; u++) {
        cs_user_view uv;
        cs_run_view_user(r, u, &uv);
        p[u] = uv.roles ? 2 : uv.group[0] != CS_VIEW_NONE || uv.circle[0] != CS_VIEW_NONE ? 1 : 0;
    }
    *out = p;
    return 0;
}

static int rank_of(const cs_user_view *uv)
{
    return uv->stage * 16 + (uv->roles ? 8 : 0);
}

/* Drawing order: users further down the funnel and role holders on top, so a
 * purchase is never hidden under a grey dot. A counting sort keeps it stable. */
static void drawing_order(cs_netview *v)
{
    enum { RANKS = CS_STAGE_COUNT * 16 };
    uint32_t count[RANKS + 1] = {0};
    for (uint32_t i = 0; i < v->sample.n; i++)
        count[rank_of(&v->view[i]) + 1]++;
    for (int k = 0; k < RANKS; k++)
        count[k + 1] += count[k];
    for (uint32_t i = 0; i < v->sample.n; i++)
        v->order[count[rank_of(&v->view[i])]++] = i;
}

static const uint64_t IDX_MASK = ((uint64_t)1 << 31) - 1;

/* Who is in which community, as sorted (community, member) keys, and the
 * springs that pull each community together: every member to its first
 * sampled member. */
static int refresh_members(cs_netview *v)
{
    v->nmembers = 0;
    for (uint32_t i = 0; i < v->sample.n; i++) {
        const cs_user_view *uv = &v->view[i];
        uint64_t keys[CS_VIEW_GROUPS + CS_VIEW_CIRCLES];
        int nk = 0;
        for (int g = 0; g < CS_VIEW_GROUPS; g++)
            if (uv->group[g] != CS_VIEW_NONE)
                keys[nk++] = (uint64_t)uv->group[g] << 31 | i;
        for (int c = 0; c < CS_VIEW_CIRCLES; c++)
            if (uv->circle[c] != CS_VIEW_NONE)
                keys[nk++] = (uint64_t)1 << 63 | (uint64_t)uv->circle[c] << 31 | i;
        if (nk == 0)
            continue;
        if (grow((void **)&v->members, &v->members_cap, v->nmembers + (size_t)nk,
                 sizeof *v->members))
            return CS_ERR_NOMEM;
        memcpy(v->members + v->nmembers, keys, (size_t)nk * sizeof *keys);
        v->nmembers += (size_t)nk;
    }
    if (v->nmembers)
        qsort(v->members, v->nmembers, sizeof *v->members, by_key);

    v->lm = v->sample.m;
    if (grow((void **)&v->ltie, &v->lcap, v->lm + v->nmembers, 2 * sizeof *v->ltie) ||
        grow((void **)&v->lweight, &v->lweight_cap, v->lm + v->nmembers, sizeof *v->lweight))
        return CS_ERR_NOMEM;
    for (size_t a = 0, b; a < v->nmembers; a = b) {
        uint64_t community = v->members[a] >> 31;
        uint32_t hub = (uint32_t)(v->members[a] & IDX_MASK);
        for (b = a + 1; b < v->nmembers && v->members[b] >> 31 == community; b++) {
            v->ltie[2 * v->lm] = hub;
            v->ltie[2 * v->lm + 1] = (uint32_t)(v->members[b] & IDX_MASK);
            v->lweight[v->lm++] = COMMUNITY_SPRING;
        }
    }
    return 0;
}

/* Widest span of a hull: the largest distance between two corners. */
static double hull_span(const cs_netview *v, const uint32_t *h, uint32_t n)
{
    double best = 0;
    for (uint32_t a = 0; a < n; a++)
        for (uint32_t b = a + 1; b < n; b++) {
            double dx = (double)v->layout.x[h[a]] - v->layout.x[h[b]];
            double dy = (double)v->layout.y[h[a]] - v->layout.y[h[b]];
            best = dx * dx + dy * dy > best ? dx * dx + dy * dy : best;
        }
    return sqrt(best);
}

/* The outline of every community with three or more sampled members that
 * has gathered: a community still spread over the picture would only lay a
 * tint over everything. */
static int refresh_hulls(cs_netview *v)
{
    float x0, y0, x1, y1;
    cs_layout_bounds(&v->layout, &x0, &y0, &x1, &y1);
    const double picture = hypot((double)x1 - x0, (double)y1 - y0);
    v->nhull = 0;
    v->nhull_idx = 0;
    for (size_t a = 0, b; a < v->nmembers; a = b) {
        uint64_t community = v->members[a] >> 31;
        for (b = a + 1; b < v->nmembers && v->members[b] >> 31 == community; b++)
            ;
        uint32_t n = (uint32_t)(b - a);
        if (n < 3)
            continue;
        /* The hull may take 2n slots while it is built; the points and the
         * sort's scratch go after them. */
        if (grow((void **)&v->hull, &v->hull_cap, v->nhull + 1, sizeof *v->hull) ||
            grow((void **)&v->hull_idx, &v->hull_idx_cap, v->nhull_idx + 4 * (size_t)n,
                 sizeof *v->hull_idx))
            return CS_ERR_NOMEM;
        uint32_t *out = v->hull_idx + v->nhull_idx, *pts = out + 2 * n, *tmp = pts + n;
        for (uint32_t k = 0; k < n; k++)
            pts[k] = (uint32_t)(v->members[a + k] & IDX_MASK);
        uint32_t h = cs_convex_hull(v->layout.x, v->layout.y, pts, n, tmp, out);
        if (h < 3 || hull_span(v, out, h) > MAX_HULL_SPAN * picture)
            continue;
        v->hull[v->nhull++] = (cs_hull){.circle = (uint8_t)(community >> 32),
                                        .id = (uint32_t)community,
                                        .first = (uint32_t)v->nhull_idx, .count = h};
        v->nhull_idx += h;
    }
    return 0;
}

static int refresh_sales(cs_netview *v, const cs_run *r)
{
    const uint32_t *pairs;
    /* Day 0 is the end of the warm-up, whose sales are no part of the run. */
    size_t n = cs_run_day(r) > 0 ? cs_run_sale_ties(r, &pairs) : 0;
    v->nflash = 0;
    v->nbuyers = 0;
    for (size_t k = 0; k < n; k++) {
        int64_t seller = cs_sample_find(&v->sample, pairs[2 * k]);
        int64_t buyer = cs_sample_find(&v->sample, pairs[2 * k + 1]);
        if (buyer < 0)
            continue;
        if (seller >= 0) {
            if (grow((void **)&v->flash, &v->flash_cap, v->nflash + 1, 2 * sizeof *v->flash))
                return CS_ERR_NOMEM;
            v->flash[2 * v->nflash] = (uint32_t)seller;
            v->flash[2 * v->nflash + 1] = (uint32_t)buyer;
            v->nflash++;
        } else {
            if (grow((void **)&v->buyers, &v->buyers_cap, v->nbuyers + 1, sizeof *v->buyers))
                return CS_ERR_NOMEM;
            v->buyers[v->nbuyers++] = (uint32_t)buyer;
        }
    }
    return 0;
}

static int look(cs_netview *v, const cs_run *r, int steps)
{
    for (uint32_t i = 0; i < v->sample.n; i++)
        cs_run_view_user(r, v->sample.user[i], &v->view[i]);
    drawing_order(v);
    v->day = cs_run_day(r);
    int rc = refresh_members(v);
    if (rc)
        return rc;
    cs_layout_step(&v->layout, v->ltie, v->lweight, v->lm, steps);
    rc = refresh_hulls(v);
    return rc ? rc : refresh_sales(v, r);
}

int cs_netview_init(cs_netview *v, const cs_run *r, uint32_t max_users)
{
    memset(v, 0, sizeof *v);
    v->population = cs_run_network(r)->n;
    uint8_t *prio;
    if (priorities(r, &prio))
        return CS_ERR_NOMEM;
    uint64_t seed = (uint64_t)cs_scenario_seed(cs_run_base(r));
    if (max_users > (1u << 30)) /* community keys hold a sample index in 31 bits */
        max_users = 1u << 30;
    int rc = cs_sample_build(&v->sample, cs_run_network(r), prio, max_users, seed);
    free(prio);
    if (rc)
        return rc;
    uint32_t n = v->sample.n;
    v->view = calloc(n ? n : 1, sizeof *v->view);
    v->order = calloc(n ? n : 1, sizeof *v->order);
    v->lcap = v->lweight_cap = v->sample.m > 0 ? v->sample.m : 1;
    v->ltie = malloc(v->lcap * 2 * sizeof *v->ltie);
    v->lweight = malloc(v->lweight_cap * sizeof *v->lweight);
    if (!v->view || !v->order || !v->ltie || !v->lweight ||
        cs_layout_init(&v->layout, n, seed))
        return CS_ERR_NOMEM;
    if (v->sample.m)
        memcpy(v->ltie, v->sample.tie, v->sample.m * 2 * sizeof *v->ltie);
    for (uint64_t k = 0; k < v->sample.m; k++)
        v->lweight[k] = 1.0f;
    return look(v, r, CS_NETVIEW_SETTLE);
}

int cs_netview_update(cs_netview *v, const cs_run *r)
{
    return look(v, r, CS_NETVIEW_REFINE);
}

void cs_netview_free(cs_netview *v)
{
    cs_sample_free(&v->sample);
    cs_layout_free(&v->layout);
    free(v->view);
    free(v->order);
    free(v->flash);
    free(v->buyers);
    free(v->hull);
    free(v->hull_idx);
    free(v->ltie);
    free(v->lweight);
    free(v->members);
    memset(v, 0, sizeof *v);
}
