/* SPDX-License-Identifier: MIT */
/* attention.c - opening the app and the time spent in it.
 *
 * A user opens the app at a daily rate made of three parts: its own
 * propensity, habit built by past sessions, and reasons to come back -
 * messages waiting in its group chats and circles (notifications). Group
 * members open more often because their chats are active, not because of a
 * multiplier (SOURCES.md: members open 3x as often; an outcome here). Time in
 * the app is what the notes seen and the messages read cost, within a daily
 * limit, so minutes per DAU is an outcome too (SOURCES.md: 58 minutes).
 */
#include <math.h>
#include <stdint.h>

#include "base/dist.h"
#include "models/platform/platform.h"

double cs_open_rate(double base, double habit, double habit_weight, double waiting_messages,
                    double notify_weight)
{
    double rate = base + habit_weight * habit + notify_weight * log1p(waiting_messages);
    return rate > 0 ? rate : 0;
}

double cs_tier_factor(double per_tier, int tier)
{
    return 1.0 + per_tier * tier;
}

int64_t cs_sessions(double rate, int64_t max, double uniform)
{
    /* Poisson(rate) by inversion with one uniform, so the chance of
     * opening at all is 1 - exp(-rate). */
    return cs_poisson_inverse(rate, max, uniform);
}

double cs_habit_next(double habit, int64_t sessions, double gain, double decay)
{
    /* Three sessions a day count fully; more add nothing (a habit is about
     * coming back, not about binges). */
    double counted = sessions < 3 ? (double)sessions : 3.0;
    return habit * (1.0 - decay) + gain * counted;
}

double cs_note_seconds(const double share[PF_FORMATS], const double seconds[PF_FORMATS])
{
    double sum = 0, total = 0;
    for (int f = 0; f < PF_FORMATS; f++) {
        sum += share[f] * seconds[f];
        total += share[f];
    }
    return total > 0 ? sum / total : 0;
}

int64_t cs_stochastic_round(double x, double uniform)
{
    if (!(x > 0))
        return 0;
    /* Beyond 2^62 nothing is counted one by one any more: saturate rather
     * than convert out of range. */
    if (!(x < 0x1p62))
        return INT64_C(1) << 62;
    double fl = floor(x);
    return (int64_t)fl + (uniform < x - fl ? 1 : 0);
}
