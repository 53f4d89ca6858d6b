/* SPDX-License-Identifier: MIT */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
/* platform_detail.c - `run --detail`: one row per circle, group, product and
 * user at the end of the run (docs/SCENARIOS.md lists the columns). */
#include <stdlib.h>

#include "base/fileio.h"
#include "models/platform/platform.h"
#include "engine/run_struct.h"

static const char *status_name(int st)
{
    return st == PF_ACTIVE ? "active" : "unregistered";
}

static const char *stage_name(int st)
{
    static const char *names[] = {"unaware", "seeded", "engaged", "bought"};
    return st >= 0 && st <= PF_BOUGHT ? names[st] : "?";
}

static int write_table(int dirfd, const char *dir, const char *name, const pf_state *s,
                       const cs_network *net, int which, cs_diag *diag)
{
    char *path = NULL;
    if (asprintf(&path, "%s/%s", dir, name) < 0)
        return CS_ERR_NOMEM;
    cs_atomic_file f;
    int rc = cs_atomic_openat(&f, dirfd, name, path, diag);
    free(path);
    if (rc)
        return rc;
    FILE *o = f.fp;
    switch (which) {
    case 0:
        fputs("circle,tag,owner,open,members,invited_members,activity\n", o);
        for (uint32_t c = 0; c < s->ncircles; c++) {
            const pf_circle *x = &s->circles[c];
            fprintf(o, "%u,%u,%u,%d,%u,%u,%.4f\n", c, x->tag, x->owner, x->open, x->members,
                    x->invited, x->activity);
        }
        break;
    case 1:
        fputs("group,tag,owner,alive,brand,members,activity\n", o);
        for (uint32_t g = 0; g < s->ngroups; g++) {
            const pf_group *x = &s->groups[g];
            fprintf(o, "%u,%u,%u,%d,%d,%u,%.4f\n", g, x->tag, x->owner, x->alive, x->brand,
                    x->members, x->activity);
        }
        break;
    case 2:
        fputs("product,brand,tag,price,quality,cycle_days,commission,store,orders_last_30_days,"
              "entered_day\n",
              o);
        for (uint32_t j = 0; j < s->nproducts; j++) {
            const pf_product *p = &s->product[j];
            fprintf(o, "%u,%d,%u,%.2f,%.4f,%.2f,%.4f,%d,%lld,%lld\n", j, j == 0, p->tag, p->price,
                    p->quality, p->cycle, p->commission, p->store, (long long)pf_window_orders(p),
                    (long long)(p->entered - s->warmup));
        }
        break;
    case 3:
        fputs("user,status,koc,kol,group_owner,circle_owner,tier,post95,degree,trust,habit,"
              "groups,circles,stage,purchases\n",
              o);
        for (uint32_t u = 0; u < s->n; u++) {
            int groups = 0, circles = 0, buys = 0;
            for (int k = 0; k < PF_GROUPS; k++)
                groups += s->group[(size_t)u * PF_GROUPS + k] != PF_NONE;
            for (int k = 0; k < PF_CIRCLES; k++)
                circles += s->circle[(size_t)u * PF_CIRCLES + k] != PF_NONE;
            for (int k = 0; k < PF_SLOTS; k++)
                buys += s->slot[(size_t)u * PF_SLOTS + k].buys;
            const uint8_t r = s->role[u];
            fprintf(o, "%u,%s,%d,%d,%d,%d,%u,%u,%llu,%.4f,%.4f,%d,%d,%s,%d\n", u,
                    status_name(s->status[u]), !!(r & PF_KOC), !!(r & PF_KOL),
                    !!(r & PF_GROUP_OWNER), !!(r & PF_CIRCLE_OWNER), s->pop.tier[u],
                    s->pop.post95[u], (unsigned long long)cs_network_degree(net, u), s->trust[u], s->habit[u],
                    groups, circles, stage_name(s->reach[u]), buys);
        }
        break;
    }
    return cs_atomic_commit(&f, diag);
}

int pf_write_detail(const cs_run *r, int dirfd, const char *dir, cs_diag *diag)
{
    static const char *names[] = {"circles.csv", "groups.csv", "products.csv", "users.csv"};
    for (int i = 0; i < 4; i++) {
        int rc = write_table(dirfd, dir, names[i], r->state, &r->net, i, diag);
        if (rc)
            return rc;
    }
    return 0;
}
