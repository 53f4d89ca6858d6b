/* SPDX-License-Identifier: MIT */
/* plausible.c - the plausible range of each assumed parameter: what a
 * domain expert would not rule out, narrower than the range the table
 * accepts. `compare --robust` and `sweep --robust` draw worlds from these
 * ranges to ask whether a verdict survives what the model assumes.
 *
 * Every row of params.def marked [A] has a row here: a range with its
 * reason, or NAN NAN with the reason it is not varied (a decision of the
 * brand or the platform is compared, not averaged over; a scale or run
 * setting is the scenario's choice). Some [D] rows have one too: the
 * sources name their mechanism, but their value is assumed (the
 * credibilities, the funnel's chances). A test keeps this table in step
 * with params.def.
 *
 * The usual widths: a rate the sources give no figure for, half to double
 * its default; a calibrated value (MODEL.md 3.5), a fifth either way (the
 * calibration pins it no closer than that across sizes and seeds); a
 * chance or share with a natural middle, a quarter of its default either
 * way. Orders the sources state survive every draw: a KOC's pull
 * (0.14 or more) always beats a KOL's (0.07 or less), which always beats
 * an ad's (0.015 or less). */
#include <math.h>
#include <string.h>

#include "scenario/scenario.h"

#define NOT_VARIED NAN, NAN
#define DECISION "the brand's own decision: compare it, do not average over it"
#define PLATFORM_RULE "the platform's rule: a lever to compare, not a belief about the world"
#define SCALE "a scale the scenario chooses with its population, not a belief"
#define HALF_DOUBLE "no figure in the sources: half to double the default"
#define CALIBRATED "calibrated (MODEL.md 3.5): a fifth either way"
#define QUARTER "assumed: a quarter of the default either way"
#define COST "what the brand pays is negotiated: half to double the default (pin it when known)"

static const cs_plausible rows[] = {
    {"warmup_days", NOT_VARIED, "a run setting: days before day 1, reported nowhere"},
    {"users.initial_share", 0.6, 0.8, "no figure in the sources: 0.1 either way"},
    {"users.acquisition", 0.0005, 0.002, HALF_DOUBLE},
    {"users.invite", 0.005, 0.02, HALF_DOUBLE},
    {"users.invite_accept", 0.2, 0.4, "a third either way: most invitations are declined"},
    {"users.open_base", 0.2, 0.3, CALIBRATED},
    {"users.open_spread", 0.6, 1.0, QUARTER},
    {"users.habit_gain", 0.08, 0.12, CALIBRATED},
    {"users.habit_decay", 0.08, 0.12, CALIBRATED},
    {"users.habit_weight", 0.32, 0.48, CALIBRATED},
    {"users.notify_weight", 0.21, 0.31, CALIBRATED " (members open 3x)"},
    {"users.churn", 0.0005, 0.002, HALF_DOUBLE},
    {"users.churn_trust", 3, 5, QUARTER},
    {"users.price_sensitivity", 0.2, 0.4, "a third either way of first-tier users' mean"},
    {"users.loyalty", 0.6, 0.8, "0.1 either way of first-tier users' mean"},
    {"users.koc_share", 0.04, 0.07, "KOCs are a few percent of users; the sources give none"},
    {"users.follows", 2, 5, "people follow a handful of creators on an interest"},
    {"attention.notes", 40, 60, CALIBRATED " (minutes per DAU)"},
    {"attention.spread", 0.4, 0.6, "a fifth either way"},
    {"attention.max_sessions", 8, 16, "a third either way"},
    {"attention.limit", 180, 300, "a quarter either way of four hours"},
    {"attention.image_seconds", 6, 10, QUARTER},
    {"attention.per_image_seconds", 2, 4, "a third either way"},
    {"attention.video_seconds", 20, 40, "a third either way"},
    {"attention.voice_seconds", 18, 32, QUARTER},
    {"attention.long_seconds", 60, 120, "a third either way"},
    {"attention.message_seconds", 3, 7, "a third either way"},
    {"attention.read_cap", 60, 100, QUARTER},
    {"content.image", 0.45, 0.65, "0.1 either way: image-text leads (the weights are normalized)"},
    {"content.video", 0.25, 0.45, "0.1 either way (the weights are normalized)"},
    {"content.voice", 0.01, 0.05, "a niche format: 1 to 5 in 100"},
    {"content.long", 0.04, 0.1, "a niche format among users born after 1995"},
    {"feed.ad_tolerance", 0.09, 0.15, QUARTER},
    {"feed.ad_tolerance_spread", 0.35, 0.65, "a third either way"},
    {"feed.ad_targeting", 0.35, 0.65, "a third either way"},
    {"feed.friend_share", 0.1, 0.2, "a third either way"},
    {"feed.product_share", 0.15, 0.25, QUARTER},
    {"feed.offtopic", 0.2, 0.4, "a third either way"},
    {"cred.ad", 0.007, 0.015, "ads are trusted least: below any KOL's pull"},
    {"cred.stranger", 0.015, 0.03, "below a friend's pull, near a KOL's"},
    {"cred.kol", 0.035, 0.07, "between an ad's and a friend's pull"},
    {"cred.friend", 0.075, 0.13, "above any KOL's pull (trust beats reach), below a KOC's"},
    {"cred.koc", 0.14, 0.28, "above any friend's pull, and so any KOL's (a friend who is a KOC)"},
    {"cred.group_peer", 0.02, 0.04, "a third either way"},
    {"cred.group_owner", 0.07, 0.13, "a third either way"},
    {"cred.circle", 0.1, 0.2, "a third either way"},
    {"cred.dm", 0.035, 0.07, "a brand's message, as trusted as a KOL's note at most"},
    {"cred.livestream", 0.07, 0.13, "a third either way"},
    {"funnel.engage", 0.4, 0.6, "a fifth either way"},
    {"funnel.buy", 0.3, 0.5, QUARTER},
    {"funnel.price_ref", 110, 190, QUARTER},
    {"funnel.price_weight", 0.45, 0.75, QUARTER},
    {"funnel.proof", 1.5, 2.5, QUARTER},
    {"funnel.show", 0.2, 0.4, "a third either way"},
    {"funnel.warn", 0.35, 0.65, "a third either way"},
    {"funnel.note_days", 7, 21, "one to three weeks in friends' feeds"},
    {"funnel.repurchase", 0.4, 0.6, "a fifth either way"},
    {"funnel.repeat_reach", 0.15, 0.25, QUARTER},
    {"funnel.expect_noise", 0.1, 0.2, "a third either way"},
    {"trust.initial", 0.4, 0.6, "0.1 either way of the middle"},
    {"trust.spread", 0.1, 0.2, "a third either way"},
    {"trust.gain", 0.035, 0.065, "a third either way"},
    {"trust.loss", 0.1, 0.2, "a third either way; above the gain (bad news weighs more)"},
    {"trust.spam_loss", 0.006, 0.015, "a third either way and more"},
    {"trust.ad_loss", 0.035, 0.065, "a third either way"},
    {"trust.recover", 0.003, 0.008, "a third either way and more"},
    {"groups.per_1000", 2, 4, "a third either way"},
    {"groups.capacity", NOT_VARIED, SCALE " (scaled from the platform's 500)"},
    {"groups.accept", 0.65, 0.95, "most applications to an open interest group are accepted"},
    {"groups.message_rate", 1.5, 2.5, QUARTER},
    {"groups.owner_factor", 3, 5, QUARTER},
    {"groups.quiet_days", 10, 21, "two to three weeks"},
    {"groups.create", 0.06, 0.15, "a half either way"},
    {"groups.guidance", 0.073, 0.11, CALIBRATED " (members' repurchase)"},
    {"circles.batch", NOT_VARIED, PLATFORM_RULE},
    {"circles.capacity", 110, 200, "an owner's reach: Dunbar's 150, a quarter either way"},
    {"circles.review_every", NOT_VARIED, PLATFORM_RULE},
    {"circles.apply", 0.01, 0.03, "a half either way"},
    {"circles.accept", 0.45, 0.75, QUARTER},
    {"circles.invite", 0.18, 0.32, QUARTER},
    {"circles.browse", 0.005, 0.015, "a half either way"},
    {"circles.post_rate", 0.3, 0.5, QUARTER},
    {"circles.quiet_days", 21, 45, "three to six weeks"},
    {"market.merchants", NOT_VARIED, SCALE},
    {"market.price_median", 90, 150, QUARTER},
    {"market.price_spread", 0.55, 0.85, "a fifth either way"},
    {"market.quality_mean", 0.5, 0.7, "0.1 either way"},
    {"market.quality_spread", 0.1, 0.2, "a third either way"},
    {"market.cycle_days", 20, 45, "three weeks to six: daily goods to seasonal ones"},
    {"market.margin", 0.25, 0.5, "gross margins of consumer goods online differ by category"},
    {"market.store_fee", NOT_VARIED, PLATFORM_RULE},
    {"market.offsite_fee", 0.03, 0.08, "a marketplace's fee: a few percent"},
    {"market.store_incentive", NOT_VARIED, PLATFORM_RULE},
    {"market.store_cost", 2800, 4200, CALIBRATED " (store share)"},
    {"market.store_cost_spread", 0.7, 1.3, "a third either way"},
    {"market.store_review", 20, 45, "merchants weigh their store monthly, give or take"},
    {"market.presence_cost", 600, 1500, "a half either way"},
    {"market.exit_memory", 120, 270, "a half either way"},
    {"market.grace_days", 60, 120, "two to four months"},
    {"market.onsite_trust", 0.3, 0.7, "a half either way"},
    {"market.offsite_discount", 0.02, 0.1, "a few percent: half to double"},
    {"market.ad_cpm", 25, 60, "what a feed ad costs is negotiated: a half either way"},
    {"market.commission", 0.06, 0.15, "a half either way"},
    {"brand.price", NOT_VARIED, DECISION},
    {"brand.discount", NOT_VARIED, DECISION},
    {"brand.tag_rank", NOT_VARIED, "which category the brand sells in: the scenario's choice"},
    {"brand.seed_day", NOT_VARIED, DECISION},
    {"brand.budget", NOT_VARIED, DECISION},
    {"brand.ad_budget", NOT_VARIED, DECISION},
    {"brand.livestream_reach", 0.1, 0.3, "a half either way"},
    {"brand.show_incentive", NOT_VARIED, DECISION},
    {"brand.coupon", NOT_VARIED, DECISION},
    {"brand.coupon_channel", NOT_VARIED, DECISION},
    {"brand.coupon_days", NOT_VARIED, DECISION},
    {"brand.koc_cost", 150, 600, COST},
    {"brand.kol_cost", 10000, 40000, COST},
    {"brand.dm_cost", 0.15, 0.6, COST},
    {"brand.livestream_cost", 15000, 60000, COST},
    {"brand.group_cost", 150, 600, COST},
    {"commerce.group_buy", NOT_VARIED, PLATFORM_RULE},
    {"commerce.group_size", 2, 4, "one either way"},
    {"commerce.group_window", 1, 3, "one day either way"},
    {"commerce.group_discount", NOT_VARIED, PLATFORM_RULE},
    {"commerce.group_invite", 5, 12, "a half either way"},
    {"commerce.membership", NOT_VARIED, PLATFORM_RULE},
    {"commerce.membership_fee", NOT_VARIED, PLATFORM_RULE},
    {"commerce.membership_discount", NOT_VARIED, PLATFORM_RULE},
    {"commerce.membership_join", 0.03, 0.08, "a half either way"},
    {"commerce.membership_loyalty", 0.3, 0.7, "a half either way"},
    {"commerce.link_rate", 0.2, 0.4, "a third either way"},
    {"calendar.festivals", NOT_VARIED, "the calendar: when festivals fall is known"},
    {"calendar.boost", 1.5, 3, "festivals lift sales by half again to three times"},
    {"calendar.window", 2, 5, "a festival's sales run two to five days around it"},
    {"targets.facts_weight", NOT_VARIED, "read by calibrate only"},
};

#define NROWS (sizeof rows / sizeof rows[0])

size_t cs_plausible_count(void) { return NROWS; }

const cs_plausible *cs_plausible_at(size_t i) { return i < NROWS ? &rows[i] : NULL; }

const cs_plausible *cs_plausible_find(const char *key)
{
    for (size_t i = 0; i < NROWS; i++)
        if (!strcmp(rows[i].key, key))
            return &rows[i];
    return NULL;
}
