/* SPDX-License-Identifier: MIT */
/* netview.c - the network panel's model: sample, layout, stages,
 * communities, highlights. */
#include "draw/netview.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "circlesim/diag.h"
#include "scenario/lesson.h"
#include "scenario/scenario.h"

/* A member of a community is pulled towards its first member by a spring
 * this many times as strong as all the member's friendship ties together:
 * a member has tens of friends all over the picture, and a spring of a
 * fixed weight (0.15 once) left every community spread over the middle.
 * Springs pull with the square of the distance, so a member ends up about
 * 1 / (1 + sqrt(COMMUNITY_PULL)) of the way to its friends. */
static const float COMMUNITY_PULL = 12.0f;
/* A community's core: this share of its sampled members, the nearest to
 * their centre; the few pulled away by their friends are left out. */
static const double CORE_SHARE = 0.75;
/* A core is drawn when its radius is below this many times the picture's
 * spread (the users' root-mean-square distance from their centre): a
 * compact cluster, not a tint laid over the middle. */
static const double MAX_CORE_RADIUS = 0.3;

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
            uint32_t i = (uint32_t)(v->members[b] & IDX_MASK);
            v->lweight[v->lm++] = COMMUNITY_PULL * (float)(1 + v->degree[i]);
        }
    }
    return 0;
}

/* Root-mean-square distance of the users from their centre: the
 * picture's size, untouched by the odd user flung far out. */
static double spread_of(const cs_layout *L)
{
    double sx = 0, sy = 0, s2 = 0;
    for (uint32_t i = 0; i < L->n; i++) {
        sx += L->x[i];
        sy += L->y[i];
    }
    sx /= L->n ? L->n : 1;
    sy /= L->n ? L->n : 1;
    for (uint32_t i = 0; i < L->n; i++)
        s2 += ((double)L->x[i] - sx) * (L->x[i] - sx) + ((double)L->y[i] - sy) * (L->y[i] - sy);
    return sqrt(s2 / (L->n ? L->n : 1));
}

static int by_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

/* The core of the community whose n members are pts: its centre, and the
 * distance within which CORE_SHARE of them lie; pts is reordered so the
 * core comes first, and its size is returned. d is n floats of scratch. */
static uint32_t core_of(const cs_layout *L, uint32_t *pts, uint32_t n, float *d, float *cx,
                        float *cy, float *r)
{
    double sx = 0, sy = 0;
    for (uint32_t k = 0; k < n; k++) {
        sx += L->x[pts[k]];
        sy += L->y[pts[k]];
    }
    *cx = (float)(sx / n);
    *cy = (float)(sy / n);
    for (uint32_t k = 0; k < n; k++)
        d[k] = hypotf(L->x[pts[k]] - *cx, L->y[pts[k]] - *cy);
    uint32_t want = (uint32_t)ceil(CORE_SHARE * n);
    float *sorted = d + n;
    memcpy(sorted, d, n * sizeof *d);
    qsort(sorted, n, sizeof *sorted, by_float);
    *r = sorted[want - 1];
    uint32_t core = 0;
    for (uint32_t k = 0; k < n; k++)
        if (d[k] <= *r) {
            uint32_t t = pts[core];
            float e = d[core];
            pts[core] = pts[k];
            d[core++] = d[k];
            pts[k] = t;
            d[k] = e;
        }
    return core;
}

/* The core of every community with three or more sampled members that has
 * gathered: a community still spread over the picture would only lay a
 * tint over everything. */
static int refresh_hulls(cs_netview *v)
{
    const double limit = MAX_CORE_RADIUS * spread_of(&v->layout);
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
                 sizeof *v->hull_idx) ||
            grow((void **)&v->scratch, &v->scratch_cap, 2 * (size_t)n, sizeof *v->scratch))
            return CS_ERR_NOMEM;
        uint32_t *out = v->hull_idx + v->nhull_idx, *pts = out + 2 * n, *tmp = pts + n;
        for (uint32_t k = 0; k < n; k++)
            pts[k] = (uint32_t)(v->members[a + k] & IDX_MASK);
        float cx, cy, r;
        uint32_t core = core_of(&v->layout, pts, n, v->scratch, &cx, &cy, &r);
        if (core < 3 || r > limit)
            continue;
        uint32_t h = cs_convex_hull(v->layout.x, v->layout.y, pts, core, tmp, out);
        if (h < 3)
            continue;
        v->hull[v->nhull++] = (cs_hull){.circle = (uint8_t)(community >> 32),
                                        .id = (uint32_t)community,
                                        .first = (uint32_t)v->nhull_idx, .count = h,
                                        .cx = cx, .cy = cy, .r = r};
        v->nhull_idx += h;
    }
    return 0;
}

/* A small offset, the same for the same user every time, so that users
 * moved to one place do not land on each other. */
static void jitter(uint32_t i, double k, float *dx, float *dy)
{
    uint64_t h = (uint64_t)i * 0x9E3779B97F4A7C15u;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9u;
    h ^= h >> 32;
    *dx = (float)(k * ((double)(h & 0xffff) / 0xffff - 0.5));
    *dy = (float)(k * ((double)(h >> 16 & 0xffff) / 0xffff - 0.5));
}

/* Users who joined a community since the last look go to the centre of the
 * members who were in it already (a new community stays where it is): the
 * daily refinement moves a user a fiftieth of a spacing a step, far too
 * little to carry a newcomer to a group across the picture. Then v->was
 * becomes today's members. */
static int move_joiners(cs_netview *v)
{
    const double k = 1.0 / sqrt(v->layout.n ? v->layout.n : 1);
    size_t o = 0;
    for (size_t a = 0, b; a < v->nmembers; a = b) {
        uint64_t community = v->members[a] >> 31;
        for (b = a + 1; b < v->nmembers && v->members[b] >> 31 == community; b++)
            ;
        while (o < v->nwas && v->was[o] >> 31 < community)
            o++;
        double sx = 0, sy = 0;
        uint32_t stayed = 0;
        for (size_t w = o; w < v->nwas && v->was[w] >> 31 == community; w++)
            for (size_t m = a; m < b; m++)
                if (v->members[m] == v->was[w]) {
                    uint32_t i = (uint32_t)(v->was[w] & IDX_MASK);
                    sx += v->layout.x[i];
                    sy += v->layout.y[i];
                    stayed++;
                    break;
                }
        if (stayed == 0 || stayed == b - a)
            continue;
        for (size_t m = a; m < b; m++) {
            int old = 0;
            for (size_t w = o; !old && w < v->nwas && v->was[w] >> 31 == community; w++)
                old = v->was[w] == v->members[m];
            if (old)
                continue;
            uint32_t i = (uint32_t)(v->members[m] & IDX_MASK);
            float dx, dy;
            jitter(i, 2 * k, &dx, &dy);
            v->layout.x[i] = (float)(sx / stayed) + dx;
            v->layout.y[i] = (float)(sy / stayed) + dy;
        }
    }
    if (grow((void **)&v->was, &v->was_cap, v->nmembers, sizeof *v->was))
        return CS_ERR_NOMEM;
    if (v->nmembers)
        memcpy(v->was, v->members, v->nmembers * sizeof *v->was);
    v->nwas = v->nmembers;
    return 0;
}

int cs_netview_takes(int who, const cs_user_view *uv)
{
    int any = 0;
    switch (who) {
    case CS_WHO_SEEDED_KOCS: return (uv->marks & CS_MARK_BRAND_SEEDED) != 0;
    case CS_WHO_KOCS: return (uv->roles & CS_ROLE_KOC) != 0;
    case CS_WHO_KOLS: return (uv->roles & CS_ROLE_KOL) != 0;
    case CS_WHO_CIRCLE_OWNERS: return (uv->roles & CS_ROLE_CIRCLE_OWNER) != 0;
    case CS_WHO_GROUP_OWNERS: return (uv->roles & CS_ROLE_GROUP_OWNER) != 0;
    case CS_WHO_BRAND_BUYERS: return (uv->marks & CS_MARK_BRAND_BUYER) != 0;
    case CS_WHO_CIRCLE_MEMBERS:
        for (int c = 0; c < CS_VIEW_CIRCLES; c++)
            any |= uv->circle[c] != CS_VIEW_NONE;
        return any;
    case CS_WHO_GROUP_MEMBERS:
        for (int g = 0; g < CS_VIEW_GROUPS; g++)
            any |= uv->group[g] != CS_VIEW_NONE;
        return any;
    default: return 0;
    }
}

int cs_netview_source(int who)
{
    return who == CS_WHO_SEEDED_KOCS || who == CS_WHO_KOCS || who == CS_WHO_KOLS ||
           who == CS_WHO_CIRCLE_OWNERS || who == CS_WHO_GROUP_OWNERS;
}

/* Who each highlight takes today, and the ties from highlighted sources to
 * the friends the brand has reached: the spread the class is asked to see. */
static int refresh_highlights(cs_netview *v)
{
    uint8_t sources = 0;
    for (int h = 0; h < v->nhighlights; h++)
        if (cs_netview_source(v->highlight_who[h]))
            sources |= (uint8_t)(1u << h);
    for (uint32_t i = 0; i < v->sample.n; i++) {
        uint8_t m = 0;
        for (int h = 0; h < v->nhighlights; h++)
            if (cs_netview_takes(v->highlight_who[h], &v->view[i]))
                m |= (uint8_t)(1u << h);
        v->mark[i] = m;
    }
    v->nspread = 0;
    for (uint64_t e = 0; sources && e < v->sample.m; e++)
        for (int side = 0; side < 2; side++) {
            uint32_t i = v->sample.tie[2 * e + side], j = v->sample.tie[2 * e + 1 - side];
            if (!(v->mark[i] & sources) || v->view[j].stage < CS_STAGE_SEEDED)
                continue;
            if (grow((void **)&v->spread, &v->spread_cap, v->nspread + 1, 2 * sizeof *v->spread))
                return CS_ERR_NOMEM;
            v->spread[2 * v->nspread] = i;
            v->spread[2 * v->nspread + 1] = j;
            v->nspread++;
            break; /* a tie between two sources once */
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
    if (rc == 0)
        rc = move_joiners(v);
    if (rc)
        return rc;
    cs_layout_step(&v->layout, v->ltie, v->lweight, v->lm, steps);
    rc = refresh_hulls(v);
    if (rc == 0)
        rc = refresh_highlights(v);
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
    v->degree = calloc(n ? n : 1, sizeof *v->degree);
    if (!v->degree)
        return CS_ERR_NOMEM;
    for (uint64_t e = 0; e < 2 * v->sample.m; e++)
        v->degree[v->sample.tie[e]]++;
    v->view = calloc(n ? n : 1, sizeof *v->view);
    v->order = calloc(n ? n : 1, sizeof *v->order);
    v->mark = calloc(n ? n : 1, sizeof *v->mark);
    const cs_lesson *l = cs_scenario_lesson(cs_run_base(r));
    for (size_t h = 0; l && h < l->nhighlights && h < CS_NETVIEW_HIGHLIGHTS; h++)
        v->highlight_who[v->nhighlights++] = l->highlights[h].who;
    v->lcap = v->lweight_cap = v->sample.m > 0 ? v->sample.m : 1;
    v->ltie = malloc(v->lcap * 2 * sizeof *v->ltie);
    v->lweight = malloc(v->lweight_cap * sizeof *v->lweight);
    if (!v->view || !v->order || !v->mark || !v->ltie || !v->lweight ||
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
    free(v->was);
    free(v->degree);
    free(v->scratch);
    free(v->mark);
    free(v->spread);
    memset(v, 0, sizeof *v);
}
