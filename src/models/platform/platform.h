/* SPDX-License-Identifier: MIT */
/* platform.h - the platform model's state and its per-day rules.
 *
 * One file per mechanism (attention.c, feed.c, groups.c, circles.c,
 * funnel.c, commerce.c, trust.c, brand.c); model_platform.c holds the day
 * order. A day has three phases:
 *   1. platform and brand actions (serial, small: reviews, KOL posts, DMs),
 *   2. every user decides from yesterday's state (parallel over blocks,
 *      each user writing only its own fields and appending events),
 *   3. events are applied in user order (serial), so capacity limits and
 *      shared counters never depend on the thread count.
 * Anything one user reads of another (notes, status, memberships) is
 * yesterday's value. The pure rules at the end are what tests check alone.
 */
#ifndef CS_PLATFORM_H
#define CS_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

#include "engine/engine.h"
#include "engine/checkpoint_io.h"
#include "network/graph_files.h"
#include "network/population.h"
#include "circlesim/rng.h"
#include "scenario/scenario_struct.h"

#define PF_NONE UINT32_MAX
#define PF_NO_PRODUCT UINT16_MAX
#define PF_SLOTS 6        /* products a user keeps in mind at once */
#define PF_GROUPS 3       /* group chats a user can be in */
#define PF_CIRCLES 2      /* circles a user can be in */
#define PF_INVITE_TRIES 5 /* friends a member thinks of when passing a circle's code */
#define PF_FOLLOWS 8      /* KOLs a user can follow (users.follows <= 8) */
#define PF_TOUCHES 48     /* exposures considered per user and day */
#define PF_DRAWS 12       /* most notes of one kind sampled per day; more scale the pull */
#define PF_WINDOW 30      /* days the stylized facts cover, ending today; also MAU's month */

enum pf_status { PF_POOL, PF_ACTIVE }; /* unregistered (never, or left), registered */
enum pf_role { PF_KOC = 1, PF_KOL = 2, PF_GROUP_OWNER = 4, PF_CIRCLE_OWNER = 8, PF_VERIFIED = 16 };
enum pf_stage { PF_UNAWARE, PF_SEEDED, PF_ENGAGED, PF_BOUGHT };
enum pf_format { PF_IMAGE, PF_VIDEO, PF_VOICE, PF_LONG, PF_FORMATS };

/* A product the user has in mind. */
typedef struct pf_slot {
    uint16_t product;   /* PF_NO_PRODUCT: free */
    uint8_t stage;      /* enum pf_stage */
    uint8_t buys;       /* purchases, saturating at 255 */
    uint16_t last_buy;  /* internal day of the last purchase */
    int8_t satisfied;   /* after the last purchase: 1, -1, or 0 before any */
    uint8_t pad;
} pf_slot;

/* A user's latest note, as friends see it. */
typedef struct pf_note {
    uint16_t product;   /* PF_NO_PRODUCT: none */
    int8_t sentiment;   /* +1 shows an order, -1 warns */
    uint8_t link;       /* a commission link */
    uint16_t day;       /* internal day posted */
    uint8_t group_buy;  /* invitation to a group buy */
    uint8_t pad;
} pf_note;

typedef struct pf_group {
    uint16_t tag;
    uint8_t alive;
    uint8_t brand;       /* built by the brand: guides its product */
    uint32_t owner;
    uint32_t members;
    uint32_t msgs_today, msgs_yesterday;
    float activity;      /* weekly moving average of messages per day */
    uint16_t quiet;      /* consecutive days below groups.min_messages */
    uint16_t guide_day;  /* internal day the owner last guided */
    uint16_t guide_product;
    uint16_t buzz_product;  /* the first product members noted yesterday */
    int32_t buzz_net;       /* its shows minus warnings */
    uint16_t buzz_next_product; /* being counted today */
    int32_t buzz_next_net;
} pf_group;

typedef struct pf_circle {
    uint16_t tag;
    uint8_t open;
    uint8_t pad;
    uint32_t owner;
    uint32_t members;
    uint32_t invited;    /* members who joined through an invite code */
    uint32_t posts_today, posts_yesterday;
    float activity;
    uint16_t quiet;
    uint16_t guide_day;  /* internal day the owner last guided */
    uint16_t guide_product;
    uint16_t buzz_product;
    int32_t buzz_net;
    uint16_t buzz_next_product;
    int32_t buzz_next_net;
} pf_circle;

typedef struct pf_product {
    uint16_t tag;
    uint8_t store;        /* merchant runs its own store on the platform */
    uint8_t pad;
    int32_t entered;      /* day the merchant came to the platform (0: from the start) */
    double price;         /* yuan */
    double quality;       /* 0..1 */
    double cycle;         /* repurchase cycle, days */
    double commission;    /* share paid to link sharers */
    double ad_weight;     /* background advertisers' share of ad slots */
    double store_cost;    /* yuan per month */
    int64_t sales_fen[2]; /* since the last review: [0] on-platform, [1] elsewhere */
    int64_t review_orders; /* orders since the last review */
    double sales_memory;  /* yuan sold, each review's fading by market.exit_memory */
    double months_memory; /* the months they cover, fading alike */
    int32_t orders_day[PF_WINDOW]; /* orders of each of the last PF_WINDOW days (a ring) */
    int32_t pos_today, neg_today;   /* public notes posted today */
    int32_t pos_yesterday, neg_yesterday;
} pf_product;

enum pf_event_kind {
    PF_EV_JOIN,          /* u registers (acquisition) */
    PF_EV_INVITE,        /* u invites a = an unregistered friend */
    PF_EV_CHURN,
    PF_EV_BUY,           /* product, channel, a = fen paid, flags */
    PF_EV_NOTE,          /* product, sentiment in flags */
    PF_EV_GROUP_APPLY,   /* a = tag */
    PF_EV_GROUP_LEAVE,   /* a = group */
    PF_EV_GROUP_MSGS,    /* a = group, b = messages */
    PF_EV_CIRCLE_INVITE, /* a = circle, b = friend */
    PF_EV_CIRCLE_BROWSE, /* a = tag */
    PF_EV_CIRCLE_POSTS,  /* a = circle, b = posts */
    PF_EV_CIRCLE_APPLY,
    PF_EV_CIRCLE_LEAVE,  /* a = circle */
    PF_EV_MEMBERSHIP,    /* u buys the card: a = fen */
};

#define PF_BUY_ONSITE 1
#define PF_BUY_REPEAT 2
#define PF_BUY_GROUP 4   /* in a group buy: a = the initiator (u itself opens one) */
#define PF_BUY_LINK 8    /* through a shared link: commission due */
#define PF_BUY_COUPON 16 /* with the brand's code: its face value is the brand's cost */

typedef struct pf_event {
    uint32_t u;
    uint8_t kind;
    uint8_t channel;
    uint16_t product;
    int8_t flags;
    uint8_t pad[3];
    uint32_t a;
    int64_t b;
    uint32_t by; /* BUY: 1 + the friend whose note sold it; 0 for none */
} pf_event;

typedef struct pf_events {
    pf_event *v;
    size_t n, cap;
    int nomem;
} pf_events;

/* Per-block sums of the day (combined in block order). */
typedef struct pf_tally {
    int64_t dau, sessions;
    double seconds;
    int64_t notes_seen, spam_seen;
    double trust_sum;
    int64_t active;
    /* stylized-facts window */
    int64_t member_days, member_sessions;
    int64_t other_days, other_sessions;
    int64_t reached[PF_BOUGHT + 1]; /* users reaching each stage for the first time */
    int64_t churned, new_users;
    double brand_ads, other_ads; /* ad impressions */
} pf_tally;

/* One reported day's counts behind the stylized facts; the facts are
 * their sums over the last PF_WINDOW days, so they can be read on any day
 * (summary.json reads them on the last). */
typedef struct pf_window_day {
    int64_t member_days, member_sessions;
    int64_t other_days, other_sessions;
    int64_t dau;
    double seconds;
    int64_t gmv_fen, offsite_fen;
    int64_t mau;           /* monthly active users on the day */
} pf_window_day;

/* One exposure of the day. */
typedef struct pf_touch {
    uint16_t product;
    uint8_t channel;     /* enum cs_channel */
    uint8_t flags;       /* PF_TOUCH_* */
    double pull;         /* negative for a warning */
    uint32_t from;       /* friends' notes: the friend (for a group-buy
                          * invitation, the pool's initiator); else PF_NONE */
} pf_touch;
#define PF_MARK_SHOWED 1   /* posted a note showing an order */
#define PF_MARK_REPEAT 2   /* bought a product again */
#define PF_TOUCH_GROUP_BUY 1
#define PF_TOUCH_LINK 2

/* Every per-user array of the model, one line each: element type, name,
 * elements per user. The state's fields, their allocation, the list of
 * what the state owns, the checkpoint (in this order) and the memory
 * estimate are all made from this list, so a new per-user array is one
 * line here. */
#define PF_USER_ARRAYS(X)                                                                      \
    X(uint8_t, status, 1)          /* enum pf_status */                                         \
    X(uint8_t, role, 1)            /* enum cs_role_bits */                                      \
    X(uint8_t, reach, 1)           /* furthest funnel stage ever reached, any product */        \
    X(float, open_base, 1)         /* chance of opening on a quiet day */                       \
    X(float, appetite, 1)          /* attention multiplier, lognormal */                                    \
    X(float, habit, 1)             /* built by sessions, fades without */                                \
    X(float, trust, 1)             /* in what others post, 0..1 */                              \
    X(float, disposition, 1)       /* trust's own level: start and rest */                                    \
    X(float, price_sens, 1)                                                                     \
    X(float, loyalty, 1)                                                                        \
    X(float, affinity, 1)          /* uniform 0..1, drawn once */                                           \
    X(float, ad_tolerance, 1)      /* ad load u accepts before trust erodes */                  \
    X(uint16_t, notif, 1)          /* chat messages waiting from yesterday */                   \
    X(uint16_t, last_open, 1)      /* internal day u last opened the app */                     \
    X(uint32_t, group, PF_GROUPS)  /* group chats, PF_NONE for none */                          \
    X(uint16_t, group_since, PF_GROUPS) /* internal day joined */                               \
    X(uint32_t, circle, PF_CIRCLES) /* circles, PF_NONE for none */                             \
    X(uint8_t, circle_invited, PF_CIRCLES) /* joined by invite code */                          \
    X(uint16_t, follows, PF_FOLLOWS) /* KOL index, UINT16_MAX none */                           \
    X(pf_slot, slot, PF_SLOTS)     /* products u knows, and how far */                          \
    X(pf_note, note, 1)            /* the note u shows today */                                 \
    X(pf_note, note_next, 1)       /* and tomorrow */                                           \
    X(uint8_t, member_card, 1)                                                                  \
    X(uint16_t, dm_day, 1)         /* internal day of the brand's DM to u, 0 none */            \
    X(uint8_t, seeded_koc, 1)      /* u received the brand's seed */                            \
    X(uint16_t, own_msgs, 1)       /* messages and posts u wrote today */                       \
    X(uint16_t, gb_product, 1)     /* the group-buy pool u opened: product, */                  \
    X(uint16_t, gb_day, 1)         /* day, */                                                   \
    X(uint8_t, gb_count, 1)        /* and participants so far */                                \
    X(uint8_t, marks, 1)           /* PF_MARK_* since day 1 (pictures' funnel) */              \
    X(uint16_t, order_day, 2)      /* internal days of u's last two orders, 0 none */           \
    X(uint16_t, coupon_until, 1)   /* last internal day u may redeem its code, 0 none */     \
    X(uint8_t, brand_buys, 1)      /* u's orders of the brand on reported days, to 255 */

typedef struct pf_state {
    const cs_scenario *sc;  /* today's levers */
    uint32_t n;
    cs_population pop;
    uint64_t seed;
    int64_t t;              /* internal day: warm-up days then reported days, from 1 */
    uint64_t day_key[CS_STREAM_BRAND + 1]; /* cs_rng_key(seed, purpose, t): see pf_stream */
    int64_t warmup;

    /* users: one array each, PF_USER_ARRAYS below */
#define PF_FIELD(type, name, per_user) type *name;
    PF_USER_ARRAYS(PF_FIELD)
#undef PF_FIELD
    /* orders waiting for their group-buy pool to fill or expire */
    pf_event *pending;
    size_t npending, pending_cap;

    /* KOLs */
    uint32_t nkols;
    uint32_t *kol;          /* user ids */
    uint16_t *kol_note;     /* today's note: product or PF_NO_PRODUCT */

    /* products (= merchants) and tags */
    uint32_t nproducts;
    pf_product *product;
    uint32_t *tag_products_off, *tag_products; /* CSR: tag -> products */
    double *tag_traffic_cum; /* beside tag_products: running total of feed traffic today */
    uint32_t ntags;
    uint16_t brand_tag;
    uint32_t *ad_alias;     /* alias table over background ad weights */
    double *ad_prob;
    double brand_ad_share;  /* brand's share of ad slots today */

    /* groups and circles (growable) */
    pf_group *groups;
    uint32_t ngroups, groups_cap;
    uint32_t *g_bought;     /* ngroups * nproducts members who bought (pf_count_buyers) */
    uint32_t *tag_groups_off, *tag_groups; /* CSR: tag -> open groups with room (today) */
    pf_circle *circles;
    uint32_t ncircles, circles_cap;
    uint32_t *c_bought;     /* ncircles * nproducts */
    uint32_t *tag_circles_off, *tag_circles;
    uint32_t *applicants;   /* circle owner applications waiting for review */
    size_t napplicants, applicants_cap;
    int64_t reviews_done;
    int64_t circles_closed;
    int64_t merchants_replaced; /* merchants who left, each for a newcomer */
    int any_dead;           /* a group died or a circle closed today */

    /* brand */
    int64_t koc_seeded;
    int64_t dm_sent_today;
    int livestream_today;
    int festival_today;
    int64_t spend_today_fen;
    int64_t spend_channel_fen[CS_CH_COUNT];
    int64_t brand_spend_fen[CS_CH_COUNT], brand_gmv_fen[CS_CH_COUNT];
    int64_t other_gmv_fen[CS_CH_COUNT], other_spend_fen;
    int64_t brand_orders;
    int64_t brand_onsite_fen; /* of the brand's GMV, paid on the platform */
    int64_t budget_left_fen;  /* what brand.budget still allows (INT64_MAX: no cap) */
    int64_t budget_out_day;   /* reported day the budget first refused something, 0 never */
    /* the brand's totals by channel as of yesterday's row */
    int64_t brand_gmv_booked[CS_CH_COUNT], brand_spend_booked[CS_CH_COUNT];

    /* per block */
    int64_t nblocks;
    pf_events *events;
    pf_tally *tally;

    /* totals and the stylized-facts window */
    int64_t buyers, seeded, engaged;
    int64_t showed, repeaters; /* users with each mark */
    uint32_t *sale_ties;    /* today's (friend whose note sold, buyer) pairs */
    size_t nsale_ties, sale_ties_cap;
    int64_t users;          /* registered (active) users */
    int64_t gmv_tier_fen[CS_TIER_COUNT];
    pf_window_day window[PF_WINDOW]; /* the last PF_WINDOW reported days (a ring) */
    int64_t notes_total;
    double ad_slots_yesterday;
    double last_spam_share, last_mean_trust;
    int64_t membership_fen;
} pf_state;

/* Today's stream of a purpose for one agent: cs_rng_stream(seed, purpose,
 * t, agent) with the (seed, purpose, day) part mixed once a day. */
static inline cs_pcg32 pf_stream(const pf_state *s, uint32_t purpose, uint64_t agent)
{
    return cs_rng_stream_keyed(s->day_key[purpose], agent);
}

/* ---- helpers shared by the mechanism files -------------------------------- */

/* Whether user u follows tag (one of its interests). */
int pf_has_interest(const pf_state *s, uint32_t u, uint32_t tag);
/* Pull factor of a product's tag for u: 1 inside its interests, else feed.offtopic. */
double pf_match(const pf_state *s, uint32_t u, uint32_t product);
/* The user's slot for product, or NULL. */
pf_slot *pf_find_slot(pf_state *s, uint32_t u, uint32_t product);
/* The slot product would take: its own, a free one, the least advanced one
 * not bought, or the one bought longest ago. */
pf_slot *pf_slot_for(pf_state *s, uint32_t u, uint32_t product);
/* Social proof: for every group and circle, how many of its members have
 * bought each product (their slot says so), counted afresh (serial). */
void pf_count_buyers(pf_state *s);
int pf_in_audience(const pf_state *s, uint32_t u, int64_t day);
int64_t pf_reported_day(const pf_state *s); /* t - warmup */
void pf_event_push(pf_events *e, pf_event ev);
uint64_t pf_fen(double yuan);

/* The brand's discount code (coupon.c). u, reached today by product
 * through channel, gets a code if that is the code's channel; the yuan off
 * u's order of product today (0: no code); u's code is used; the fen the
 * brand pays for an order placed with it. */
void pf_coupon_receive(pf_state *s, uint32_t u, uint32_t product, int channel);
double pf_coupon_off(const pf_state *s, uint32_t u, uint32_t product, double price);
void pf_coupon_redeem(pf_state *s, uint32_t u);
int64_t pf_coupon_cost_fen(const pf_state *s, uint32_t product);
/* Items by tag as CSR: the items with tag t are (*list)[off[t] .. off[t+1]),
 * in index order; items whose tag is UINT16_MAX are left out. *list is
 * reallocated. Returns 0 or CS_ERR_NOMEM. */
int pf_index_by_tag(const uint16_t *tag, uint32_t nitems, uint32_t ntags, uint32_t *off,
                    uint32_t **list);
/* Stream agent for something one user does to another (an invitation), so
 * two invitations to the same person are decided independently. */
uint64_t pf_pair_agent(uint32_t from, uint32_t to);
uint32_t pf_random_friend(const pf_state *s, const cs_network *net, uint32_t u, cs_pcg32 *rng);
/* Population relative to the 100 000 that costs of audience-sized things
 * (a store's, a KOL post's, a livestream's) are given for. */
static inline double pf_scale(const pf_state *s) { return (double)s->n / 100000.0; }

/* Share of notes that are long text (the content weights normalized). */
static inline double pf_long_share(const cs_scenario *sc)
{
    double sum = sc->content_image + sc->content_video + sc->content_voice + sc->content_long;
    return sum > 0 ? sc->content_long / sum : 0;
}
static inline int pf_opened_yesterday(const pf_state *s, uint32_t u)
{
    return s->last_open[u] != 0 && s->last_open[u] + 1 == s->t;
}
/* Channels where the sender is someone the user knows: friends and KOCs,
 * group chats, circles (the others are ads, strangers, KOLs and the brand). */
int pf_personal_channel(int channel);
/* The quality a buyer expects (SOURCES.md: poor goods fail). */
double pf_expectation(const cs_scenario *sc, cs_pcg32 *rng);

/* ---- phases ---------------------------------------------------------------- */
/* Users ranked by a key: qsort with pf_by_key_desc puts the highest key
 * first, ties to the lower index, so every ranking is exact. */
typedef struct pf_ranked {
    uint32_t u;
    double key;
} pf_ranked;
int pf_by_key_desc(const void *a, const void *b);
/* nodes: network.nodes's attributes, or NULL. */
int pf_init_users(pf_state *s, const cs_network *net, const cs_nodes *nodes, int threads);
int pf_init_market(pf_state *s);
/* A new merchant's price, quality, cycle, commission and ad weight, drawn
 * from the market's distributions (pf_init_market, and newcomers). */
void pf_draw_merchant(const cs_scenario *sc, pf_product *p, cs_pcg32 *rng);
int pf_init_groups(pf_state *s);

/* platform_state.c: the addresses of every allocation pf_state owns (for
 * freeing and loading), and the state in a checkpoint (cs_model_ops.state). */
#define PF_OWNED_MAX 64
size_t pf_owned(pf_state *s, void **out[PF_OWNED_MAX]);
void pf_state_io(cs_run *r, cs_ckpt *c);

/* feed.c: the feed's notes for a user who opened, as touches; day_start
 * prepares the day's traffic totals the picks search. */
void pf_feed_day_start(pf_state *s);
size_t pf_feed_touches(pf_state *s, const cs_network *net, uint32_t u, int64_t notes,
                       pf_touch *out, size_t cap, pf_tally *tl, int64_t *spam, cs_pcg32 *rng);
/* groups.c / circles.c */
size_t pf_group_touches(const pf_state *s, uint32_t u, pf_touch *out, size_t cap);
void pf_group_decide(pf_state *s, uint32_t u, int64_t sessions, pf_events *ev, cs_pcg32 *rng);
int pf_group_apply_event(pf_state *s, const pf_event *e);
int pf_groups_day_start(pf_state *s);
void pf_groups_day_end(pf_state *s);
int pf_group_join(pf_state *s, uint32_t u, uint32_t g);
void pf_group_leave(pf_state *s, uint32_t u, int k);
/* A group whose owner left is dissolved: its members are removed at the
 * day's end. */
void pf_group_dissolve(pf_state *s, uint32_t gi);
size_t pf_circle_touches(const pf_state *s, uint32_t u, pf_touch *out, size_t cap);
void pf_circle_decide(pf_state *s, const cs_network *net, uint32_t u, pf_events *ev,
                      cs_pcg32 *rng);
int pf_circle_apply_event(pf_state *s, const pf_event *e);
int pf_circles_day_start(pf_state *s);
void pf_circles_day_end(pf_state *s);
void pf_circle_leave(pf_state *s, uint32_t u, int k);
/* A circle closes (its owner left the platform, or it went quiet): its
 * members are removed at the day's end. */
void pf_circle_close(pf_state *s, uint32_t ci);
/* funnel.c: today's touches move u through the funnel; purchases and notes
 * become events. */
void pf_funnel_decide(pf_state *s, uint32_t u, const pf_touch *t, size_t nt, pf_events *ev,
                      pf_tally *tl, int *good, int *bad, cs_pcg32 *rng);
/* Today's slot of the facts' window (days before 1 have none: -1). */
int pf_window_slot(const pf_state *s);
/* Product j's orders over the window. */
int64_t pf_window_orders(const pf_product *p);
void pf_funnel_apply_buy(pf_state *s, const pf_event *e, cs_day_row *row);
/* A purchase in a group buy: held until its pool fills (booked at the group
 * price) or expires (booked at the full price). Returns 0 or CS_ERR_NOMEM. */
int pf_group_buy_apply(pf_state *s, const pf_event *e, cs_day_row *row);
/* Books pools whose window has ended (all open pools with close_all). */
void pf_group_buy_day_end(pf_state *s, cs_day_row *row, int close_all);
/* commerce.c: every market.store_review days merchants decide whether to
 * run a store, and those the platform does not pay leave for newcomers.
 * Returns 0 or CS_ERR_NOMEM. */
int pf_market_review(pf_state *s);
/* brand.c: what the brand pays for an action on a reported day: fen, or
 * what is left of its budget if less (counted against it). */
int64_t pf_brand_pay(pf_state *s, int channel, int64_t fen);
/* Marks today as the day the budget first cut the brand's plan (once). */
void pf_brand_budget_cut(pf_state *s);
/* Whether the budget still covers fen (always, without a budget). */
int pf_brand_affords(const pf_state *s, int64_t fen);
/* The budget left at the start of the day, from brand.budget and what the
 * brand has spent (brand.c). */
void pf_brand_budget_day(pf_state *s);
/* platform_detail.c: --detail tables. */
int pf_write_detail(const cs_run *r, int dirfd, const char *dir, cs_diag *diag);
/* What graph files say of each user (platform_nodes.c). */
int pf_node_attrs(const cs_run *r, cs_node_attrs *t);
/* summary.json's platform sections (summary.c). */
void pf_write_summary(FILE *o, const cs_run *r);
/* brand.c */
int pf_brand_day_start(pf_state *s, const cs_network *net);
void pf_brand_settle(pf_state *s, uint32_t u);
uint32_t pf_group_found(pf_state *s, uint32_t owner, uint32_t tag, int brand);
/* The product of a tag an owner who knows the field guides members to. */
uint16_t pf_best_product(const pf_state *s, uint32_t tag);

/* ---- pure per-day rules (tested alone) ------------------------------------ */

/* attention.c */
double cs_open_rate(double base, double habit, double habit_weight, double waiting_messages,
                    double notify_weight);
/* Sessions today for a rate: 0 with probability exp(-rate), else a
 * zero-truncated Poisson draw from the same uniform, at most max. */
int64_t cs_sessions(double rate, int64_t max, double uniform);
double cs_habit_next(double habit, int64_t sessions, double gain, double decay);
/* Seconds a feed note takes on average for a format mix (shares sum to 1). */
double cs_note_seconds(const double share[PF_FORMATS], const double seconds[PF_FORMATS]);
/* x rounded to an integer up or down, unbiased: floor(x) + (u < frac(x));
 * 0 for x <= 0 or NaN, 2^62 from 2^62 on. */
int64_t cs_stochastic_round(double x, double uniform);

/* circles.c */
/* A member's chance of leaving a circle on a day: leave, or leave /
 * offtopic without the circle's interest (1 when offtopic <= leave; 0
 * whenever leave is 0). */
double cs_circle_leave_chance(double leave, double offtopic, int has_interest);
/* Circles a review may approve among `people`: a batch quoted per 100 000
 * people, rounded, at least 1 unless the batch is 0. */
int64_t cs_per_capita_batch(int64_t per_100k, int64_t people);

/* funnel.c */
/* Pull of one exposure: credibility x interest match x trust factor x
 * (1 + proof x share of the community who bought). */
double cs_pull(double credibility, double match, double trust, double trust_weight,
               double proof, double bought_share);
/* Chance an engaged user who was touched buys: base x exp(-price_weight x
 * sensitivity x price / price_ref) x boost (festival, group buy), capped. */
double cs_buy_probability(double base, double price, double price_ref, double sensitivity,
                          double price_weight, double boost);
/* Satisfaction of a purchase: quality against expectation. */
int cs_satisfied(double quality, double expectation);

/* commerce.c */
/* The demand a merchant can count on: what it sold less one standard error
 * of a count of orders (demand / sqrt(orders)), 0 without orders. */
double cs_demand_counted(double demand, int64_t orders);
/* Whether a merchant stays on the platform: a newcomer (on it for fewer
 * than grace days) always does, later one whose counted monthly margin
 * covers its presence cost (yuan per month). */
int cs_merchant_stays(double margin, double presence_cost, int64_t days_on, int64_t grace);
/* Chance a buyer opens a group-buy pool and invites its friends. */
double cs_group_invite_chance(int satisfied, double discount, double sensitivity, double weight);
double cs_onsite_probability(int store, double base, double trust_slope, double trust,
                             double sensitivity, double offsite_discount, double gap_weight);
/* Monthly advantage of running a store for a merchant with recent platform
 * demand (yuan per month) and a fixed store cost; > 0 means open one. */
double cs_store_advantage(double demand, double onsite_share, double incentive, double margin,
                          double store_fee, double offsite_fee, double store_cost);

/* trust.c */
/* A trait of a user tier steps from the first tier (SOURCES.md mechanism 8):
 * 1 + per_tier x tier, relative to a first-tier user. */
double cs_tier_factor(double per_tier, int tier);
/* Ad load beyond a user's own tolerance (0 within it). */
double cs_ad_excess(double ad_load, double tolerance);
double cs_trust_next(double trust, double disposition, int good, int bad, int64_t spam,
                     double excess_ad_sessions, const cs_scenario *sc);
double cs_churn_probability(double base, double habit, double trust, double disposition,
                            double trust_factor);

#endif
