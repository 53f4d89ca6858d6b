/* SPDX-License-Identifier: MIT */
/* trust.c - trust in what people recommend on the platform, and churn.
 *
 * Trust scales the pull of every message (SOURCES.md mechanism 2: trust beats
 * reach). It grows with purchases that met expectation, falls with ones that
 * disappointed, with spam-like selling (links and DMs outside the user's
 * interests: the "WeChat-merchant" pattern SOURCES.md calls low) and with an
 * ad load beyond what users tolerate (mechanism 6), and drifts back towards
 * the user's disposition. Users who lose trust or habit leave.
 */
#include <math.h>

#include "models/platform/platform.h"

double cs_ad_excess(double ad_load, double tolerance)
{
    return ad_load > tolerance ? ad_load - tolerance : 0;
}

double cs_trust_next(double trust, double disposition, int good, int bad, int64_t spam,
                     double excess_ad_sessions, const cs_scenario *sc)
{
    double t = trust;
    t += sc->trust_recover * (disposition - t);
    t += sc->trust_gain * good * (1.0 - t);
    t -= sc->trust_loss * bad * t;
    t -= sc->trust_spam_loss * (double)spam * t;
    t -= sc->trust_ad_loss * excess_ad_sessions * t;
    return t < 0 ? 0 : t > 1 ? 1 : t;
}

double cs_churn_probability(double base, double habit, double trust, double disposition,
                            double trust_factor)
{
    /* Ad load acts through trust: it erodes trust, and lost trust drives
     * users away. */
    double lost = disposition - trust;
    if (lost < 0)
        lost = 0;
    double p = base * exp(-habit) * (1.0 + trust_factor * lost);
    return p < 1 ? p : 1;
}
