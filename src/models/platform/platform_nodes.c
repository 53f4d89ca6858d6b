/* SPDX-License-Identifier: MIT */
/* platform_nodes.c - what `circlesim graph` files say of each user of the
 * platform model (cs_model_ops.node_attrs): who the user is (role, tier,
 * cohort, interests), how far the user got (stage), where the user talks
 * (group chats, circles) and whom the user believes (trust), on the day the
 * run has reached. docs/SCENARIOS.md lists the attributes. */
#include <stdio.h>
#include <string.h>

#include "engine/model.h"
#include "engine/run_struct.h"
#include "models/platform/platform.h"

enum {
    A_ROLE, A_ROLES, A_TIER, A_COHORT, A_INTERESTS, A_STAGE, A_GROUPS, A_GROUP_IDS, A_CIRCLES,
    A_CIRCLE_IDS, A_TRUST, A_BRAND_SEEDED, A_BRAND_ORDERS, A_COUNT
};

static const cs_attr_def defs[A_COUNT] = {
    [A_ROLE] = {"role", CS_ATTR_STRING},
    [A_ROLES] = {"roles", CS_ATTR_STRING},
    [A_TIER] = {"tier", CS_ATTR_STRING},
    [A_COHORT] = {"cohort", CS_ATTR_STRING},
    [A_INTERESTS] = {"interests", CS_ATTR_STRING},
    [A_STAGE] = {"stage", CS_ATTR_STRING},
    [A_GROUPS] = {"groups", CS_ATTR_INT},
    [A_GROUP_IDS] = {"group_ids", CS_ATTR_STRING},
    [A_CIRCLES] = {"circles", CS_ATTR_INT},
    [A_CIRCLE_IDS] = {"circle_ids", CS_ATTR_STRING},
    [A_TRUST] = {"trust", CS_ATTR_DOUBLE},
    [A_BRAND_SEEDED] = {"brand_seeded", CS_ATTR_BOOL},
    [A_BRAND_ORDERS] = {"brand_orders", CS_ATTR_INT},
};

/* Roles by weight in a picture: one colour a user, the most visible role
 * (a KOL's audience is the largest, then a KOC's friends, then the members
 * an owner runs a community for). */
static const struct {
    uint8_t bit;
    const char *name;
} role_order[] = {
    {CS_ROLE_KOL, "KOL"},
    {CS_ROLE_KOC, "KOC"},
    {CS_ROLE_CIRCLE_OWNER, "circle_owner"},
    {CS_ROLE_GROUP_OWNER, "group_owner"},
};
#define N_ROLES (sizeof role_order / sizeof role_order[0])

/* The user's strings, one after another in the text the writer lends.
 * It holds far more than a user's longest values (16 interests of 5
 * digits, 3 group and 2 circle ids of 10), so nothing is ever cut; were it
 * short, a string would be cut, never overrun. */
typedef struct text_buf {
    char *p;
    size_t used, cap; /* used < cap: room for the terminator */
} text_buf;

/* Starts a string (empty until something is put). */
static const char *text_start(text_buf *t)
{
    t->p[t->used] = '\0';
    return t->p + t->used;
}

static void text_put(text_buf *t, const char *sep, const char *s)
{
    int n = snprintf(t->p + t->used, t->cap - t->used, "%s%s", sep, s);
    if (n > 0)
        t->used = t->used + (size_t)n < t->cap ? t->used + (size_t)n : t->cap - 1;
}

static void text_put_u64(text_buf *t, const char *sep, uint64_t x)
{
    char num[24];
    snprintf(num, sizeof num, "%llu", (unsigned long long)x);
    text_put(t, sep, num);
}

/* Ends the string: the next starts past its terminator. */
static void text_end(text_buf *t)
{
    if (t->used + 1 < t->cap)
        t->used++;
}

/* ids that are not `none`, joined by ';'; returns how many. */
static int64_t join_ids(text_buf *t, const uint32_t *ids, int n, uint32_t none, const char **out)
{
    *out = text_start(t);
    int64_t count = 0;
    for (int k = 0; k < n; k++)
        if (ids[k] != none)
            text_put_u64(t, count++ ? ";" : "", ids[k]);
    text_end(t);
    return count;
}

static void platform_values(const void *ctx, uint32_t u, cs_attr_value *v, char *text,
                            size_t cap)
{
    const cs_run *r = ctx;
    const pf_state *s = r->state;
    cs_user_view view;
    cs_run_view_user(r, u, &view);
    text_buf t = {text, 0, cap};
    for (int k = 0; k < A_COUNT; k++)
        v[k].set = 1;

    v[A_ROLE].s = "user";
    for (size_t k = N_ROLES; k-- > 0;)
        if (view.roles & role_order[k].bit)
            v[A_ROLE].s = role_order[k].name;
    /* Every role the user holds, in the same order. */
    v[A_ROLES].s = text_start(&t);
    int held = 0;
    for (size_t k = 0; k < N_ROLES; k++)
        if (view.roles & role_order[k].bit)
            text_put(&t, held++ ? ";" : "", role_order[k].name);
    text_end(&t);
    if (!held)
        v[A_ROLES].s = "user";

    v[A_TIER].s = s->pop.tier[u] < CS_TIER_COUNT ? cs_tier_names[s->pop.tier[u]] : "?";
    v[A_COHORT].s = s->pop.post95[u] ? "post95" : "pre95";
    v[A_INTERESTS].s = text_start(&t);
    for (uint32_t k = 0; k < s->pop.interests; k++)
        text_put_u64(&t, k ? ";" : "", s->pop.interest[(size_t)u * s->pop.interests + k]);
    text_end(&t);

    v[A_STAGE].s = view.stage < CS_STAGE_COUNT ? cs_stage_names[view.stage] : "?";
    v[A_GROUPS].i = join_ids(&t, view.group, CS_VIEW_GROUPS, CS_VIEW_NONE, &v[A_GROUP_IDS].s);
    v[A_CIRCLES].i =
        join_ids(&t, view.circle, CS_VIEW_CIRCLES, CS_VIEW_NONE, &v[A_CIRCLE_IDS].s);
    v[A_TRUST].d = view.trust;
    v[A_BRAND_SEEDED].i = s->seeded_koc[u] != 0;
    v[A_BRAND_ORDERS].i = s->brand_buys[u];
}

int pf_node_attrs(const cs_run *r, cs_node_attrs *t)
{
    t->count = A_COUNT;
    t->defs = defs;
    t->values = platform_values;
    t->ctx = r;
    return 0;
}
