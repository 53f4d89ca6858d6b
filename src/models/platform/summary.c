/* SPDX-License-Identifier: MIT */
/* summary.c - the platform's sections of summary.json: the stylized facts
 * beside their targets, GMV by city tier, each brand's money by channel
 * and the community's state. */
#include <math.h>
#include <stdio.h>

#include "base/json_out.h"
#include "models/platform/platform.h"
#include "engine/run_struct.h"

void pf_write_summary(FILE *o, const cs_run *r)
{
    const cs_scenario *sc = r->base;
    cs_facts f;
    cs_run_facts(r, &f);
    fputs("  \"stylized_facts\": {\"repurchase_ratio_group\": ", o);
    cs_json_number(o, f.repurchase_ratio_group);
    fputs(", \"opens_ratio_group\": ", o);
    cs_json_number(o, f.opens_ratio_group);
    fputs(", \"merchant_store_share\": ", o);
    cs_json_number(o, f.merchant_store_share);
    fputs(", \"closed_loop_share\": ", o);
    cs_json_number(o, f.closed_loop_share);
    fputs(", \"minutes_per_dau\": ", o);
    cs_json_number(o, f.minutes_per_dau);
    fputs(", \"gmv_per_mau_year\": ", o);
    cs_json_number(o, f.gmv_per_mau_year);
    fputs(", \"repurchase_rate\": ", o);
    cs_json_number(o, f.repurchase_rate);
    fputs(", \"repurchase_rate_group\": ", o);
    cs_json_number(o, f.repurchase_rate_group);
    fputs("},\n  \"targets\": {\"repurchase_ratio_group\": ", o);
    cs_json_number(o, sc->targets_repurchase_ratio_group);
    fputs(", \"opens_ratio_group\": ", o);
    cs_json_number(o, sc->targets_opens_ratio_group);
    fputs(", \"merchant_store_share\": ", o);
    cs_json_number(o, sc->targets_merchant_store_share);
    fputs(", \"minutes_per_dau\": ", o);
    cs_json_number(o, sc->targets_minutes_per_dau);
    fputs("},\n  \"gmv_by_tier\": {", o);
    for (int t = 0; t < CS_TIER_COUNT; t++) {
        fprintf(o, "%s\"%s\": ", t ? ", " : "", cs_tier_names[t]);
        cs_json_money(o, f.gmv_tier_fen[t]);
    }
    fputs("},\n  \"brands\": {\n    \"brand\": {", o);
    int64_t spend = 0, gmv = 0;
    for (int c = 0; c < CS_CH_COUNT; c++) {
        fprintf(o, "%s\"%s\": ", c ? ", " : "", cs_channel_names[c]);
        cs_json_spend_gmv(o, f.brand_spend_fen[c], f.brand_gmv_fen[c], f.brand_margin);
        spend += f.brand_spend_fen[c];
        gmv += f.brand_gmv_fen[c];
    }
    fputs(", \"total\": ", o);
    cs_json_spend_gmv(o, spend, gmv, f.brand_margin);
    fputs(", \"gmv_onsite\": ", o);
    cs_json_money(o, f.brand_gmv_onsite_fen);
    fputs(", \"gmv_offsite\": ", o);
    cs_json_money(o, gmv - f.brand_gmv_onsite_fen);
    fprintf(o, ", \"orders\": %lld, \"buyers\": %lld, \"repeat_buyers\": %lld, \"margin\": ",
            (long long)f.brand_orders, (long long)f.brand_buyers,
            (long long)f.brand_repeat_buyers);
    cs_json_number(o, f.brand_margin);
    fputs(", \"budget_spent_day\": ", o);
    cs_json_number(o, f.brand_budget_day > 0 ? (double)f.brand_budget_day : NAN);
    gmv = 0;
    fputs("},\n    \"other_merchants\": {", o);
    for (int c = 0; c < CS_CH_COUNT; c++) {
        fprintf(o, "%s\"%s\": {\"gmv\": ", c ? ", " : "", cs_channel_names[c]);
        cs_json_money(o, f.other_gmv_fen[c]);
        fputc('}', o);
        gmv += f.other_gmv_fen[c];
    }
    fputs(", \"total\": ", o);
    cs_json_spend_gmv(o, f.other_spend_fen, gmv, f.brand_margin);
    fputs("}\n  },\n", o);
    fprintf(o,
            "  \"community\": {\"notes\": %lld, \"spam_share\": ", (long long)f.notes);
    cs_json_number(o, f.spam_share);
    fprintf(o,
            ", \"groups_active\": %lld, \"groups_closed\": %lld, \"circles_active\": %lld, "
            "\"circles_closed\": %lld, \"mean_trust\": ",
            (long long)f.groups_alive, (long long)f.groups_dead, (long long)f.circles_open,
            (long long)f.circles_closed);
    cs_json_number(o, f.mean_trust);
    fprintf(o, ", \"merchants_active\": %lld, \"merchants_with_store\": %lld, "
               "\"merchants_replaced\": %lld, \"membership_fees\": ",
            (long long)f.merchants_active, (long long)f.merchants_with_store,
            (long long)f.merchants_replaced);
    cs_json_money(o, f.membership_fen);
    fputs("},\n", o);
}

