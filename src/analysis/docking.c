/* SPDX-License-Identifier: MIT */
/* docking.c - the platform model reduced to Bass diffusion (docking.h). */
#include "analysis/docking.h"

#include <stdio.h>
#include <string.h>

#include "scenario/scenario.h"
#include "scenario/scenario_struct.h"

static const char docking_yaml[] =
    "model: platform\nwarmup_days: 0\n"
    "users: {initial_share: 1, acquisition: 0, invite: 0, churn: 0, open_base: 60,\n"
    "        open_spread: 0, habit_weight: 0, notify_weight: 0, kols: 0, follows: 0,\n"
    "        koc_share: 0, tier_time: 0}\n"
    "attention: {notes: 2, spread: 0, max_sessions: 1, limit: 1440}\n"
    "feed: {ad_load: 0.5, friend_share: 1, offtopic: 1, ad_targeting: 0}\n"
    "content: {long: 0}\n"
    "funnel: {engage: 1, buy: 1, price_weight: 0, show: 1, note_days: 100000,\n"
    "         repurchase: 0, expect_noise: 0}\n"
    "trust: {weight: 0}\ngroups: {enabled: false}\ncircles: {enabled: false}\n"
    "market: {merchants: 1}\nbrand: {quality: 1}\n"
    "commerce: {link_sharing: false}\ncalendar: {festivals: []}\n";

int cs_docking_scenario(const char *network, int64_t n, double p, double q, int64_t days,
                        int64_t seed, cs_scenario *sc, cs_diag *d)
{
    char yaml[2048];
    snprintf(yaml, sizeof yaml, "%s%s", docking_yaml, network);
    int rc = cs_scenario_init(sc);
    if (rc)
        return rc;
    rc = cs_scenario_load_text(sc, "docking.yaml", yaml, strlen(yaml), ".", d);
    char set[5][64];
    snprintf(set[0], sizeof set[0], "population.size=%lld", (long long)n);
    snprintf(set[1], sizeof set[1], "cred.ad=%.17g", p);
    snprintf(set[2], sizeof set[2], "cred.friend=%.17g", q);
    snprintf(set[3], sizeof set[3], "days=%lld", (long long)days);
    snprintf(set[4], sizeof set[4], "seed=%lld", (long long)seed);
    for (int k = 0; k < 5 && !rc; k++)
        rc = cs_scenario_set(sc, set[k], d);
    if (!rc)
        rc = cs_scenario_validate(sc, d);
    return rc == CS_ERR_NOMEM ? CS_ERR_NOMEM : rc ? CS_ERR_INPUT : 0;
}

void cs_bass_recursion(double N, double p, double q, int64_t days, double *out)
{
    double A = 0;
    for (int64_t t = 0; t < days; t++)
        out[t] = A = A + (N - A) * (p + q * A / (N - 1));
}
