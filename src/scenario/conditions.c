/* SPDX-License-Identifier: MIT */
/* conditions.c - keys that act only when another key allows them: a
 * livestream's reach with no livestream day, a group-buy discount with
 * group buying off, group buying without a discount. A scenario that sets one where it cannot act changes
 * nothing by it, and is told so (cs_scenario_warn_inapplicable). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scenario/scenario_struct.h"

enum cond { ON, OFF, NONEMPTY };

static const struct rule {
    const char *key;   /* the key, or a prefix ending in '.' or '_' for a family */
    const char *needs; /* the key that allows it */
    enum cond cond;    /* ON: needs is nonzero; OFF: it is zero; NONEMPTY: a list with items */
} rules[] = {
    {"groups.", "groups.enabled", ON},
    {"circles.", "circles.enabled", ON},
    {"circles.browse", "circles.invite_only", OFF}, /* and circles.browse_any */
    {"brand.livestream_reach", "brand.livestream_days", NONEMPTY},
    {"brand.livestream_cost", "brand.livestream_days", NONEMPTY},
    {"brand.coupon_channel", "brand.coupon", ON},
    {"brand.coupon_days", "brand.coupon", ON},
    {"brand.guidance", "brand.groups", ON},
    {"brand.group_cost", "brand.groups", ON},
    {"brand.dm_cost", "brand.dm_per_day", ON},
    {"brand.kol_cost", "brand.kol_posts", ON},
    {"commerce.group_", "commerce.group_buy", ON},
    /* without a discount nobody has a reason to invite (commerce.c) */
    {"commerce.group_", "commerce.group_discount", ON},
    {"commerce.membership_", "commerce.membership", ON},
    {"commerce.link_rate", "commerce.link_sharing", ON},
    {"calendar.boost", "calendar.festivals", NONEMPTY},
    {"calendar.window", "calendar.festivals", NONEMPTY},
};

static int matches(const char *pattern, const char *key)
{
    size_t n = strlen(pattern);
    char last = pattern[n - 1];
    if (last == '.' || last == '_')
        return strncmp(pattern, key, n) == 0;
    return strcmp(pattern, key) == 0;
}

static int allows(enum cond c, double value)
{
    return c == ON ? value != 0 : value == 0;
}

/* Whether needs (a number key) allows the rule at the start or after any
 * of the scenario's interventions. */
static int allowed(const cs_scenario *sc, int needs, enum cond c)
{
    if (allows(c, cs_scenario_number(sc, needs)))
        return 1;
    for (size_t i = 0; i < sc->n_interventions; i++)
        if (sc->interventions[i].param == needs && allows(c, sc->interventions[i].value))
            return 1;
    return 0;
}

const char *cs_param_inert_reason(const cs_scenario *sc, int param, char *buf, size_t cap)
{
    const cs_param *p = cs_param_at((size_t)param);
    if (!p)
        return NULL;
    for (size_t k = 0; k < sizeof rules / sizeof rules[0]; k++) {
        const struct rule *r = &rules[k];
        if (!matches(r->key, p->key) || !strcmp(p->key, r->needs))
            continue;
        int needs = cs_param_find(r->needs);
        if (needs < 0)
            continue;
        int acts;
        if (r->cond == NONEMPTY) {
            const cs_param *q = cs_param_at((size_t)needs);
            const cs_int_list *list = (const cs_int_list *)((const char *)sc + q->offset);
            acts = list->n > 0;
        } else {
            acts = allowed(sc, needs, r->cond);
        }
        if (acts)
            continue;
        snprintf(buf, cap, "%s %s", r->needs,
                 r->cond == NONEMPTY ? "is empty"
                 : r->cond == ON     ? (cs_param_at((size_t)needs)->type == CS_T_BOOL ? "is false"
                                                                                     : "is 0")
                                     : "is true");
        return buf;
    }
    return NULL;
}
