/* SPDX-License-Identifier: MIT */
/* coupon.c - the brand's discount code (brand.coupon*): a code worth a
 * fixed number of yuan off one order of the brand's product, handed to the
 * users its product reaches through one channel (brand.coupon_channel) and
 * valid for brand.coupon_days from then.
 *
 * A code lowers the price the holder weighs when deciding to buy (so it
 * converts through price sensitivity, funnel.c), and is used up by the
 * order. The order's GMV is its price before the code, as platforms count
 * it; the code's face value is the brand's cost, booked on the code's
 * channel when the order is booked (commerce.c), so the brand pays only for
 * codes redeemed. A user holds one code at a time; a new touch while one
 * is valid does not extend it.
 *
 * Not in the sources: discount codes handed out with seeding are common
 * practice, their sizes here are assumptions.
 */
#include "models/platform/platform.h"

static int active(const cs_scenario *sc)
{
    return sc->brand_coupon > 0;
}

void pf_coupon_receive(pf_state *s, uint32_t u, uint32_t product, int channel)
{
    const cs_scenario *sc = s->sc;
    /* No codes are handed out once the budget is spent. */
    if (!active(sc) || s->budget_left_fen <= 0 || product != 0 ||
        channel != sc->brand_coupon_channel ||
        s->coupon_until[u] >= s->t)
        return;
    int64_t until = s->t + sc->brand_coupon_days - 1;
    s->coupon_until[u] = (uint16_t)(until < UINT16_MAX ? until : UINT16_MAX);
}

/* The code's worth on an order at `price`: its face value, at most the price. */
static double worth(const cs_scenario *sc, double price)
{
    return sc->brand_coupon < price ? sc->brand_coupon : price;
}

double pf_coupon_off(const pf_state *s, uint32_t u, uint32_t product, double price)
{
    if (!active(s->sc) || s->budget_left_fen <= 0 || product != 0 || s->coupon_until[u] < s->t)
        return 0;
    return worth(s->sc, price);
}

void pf_coupon_redeem(pf_state *s, uint32_t u)
{
    s->coupon_until[u] = 0;
}

int64_t pf_coupon_cost_fen(const pf_state *s, uint32_t product)
{
    /* At the brand's price as it stands when the order is booked (a
     * group-buy order waits for its pool). */
    const cs_scenario *sc = s->sc;
    return (int64_t)pf_fen(worth(sc, s->product[product].price * (1.0 - sc->brand_discount)));
}
