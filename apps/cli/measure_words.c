/* SPDX-License-Identifier: MIT */
/* measure_words.c - the record's fields in words (measure_words.h). */
#include "cli/measure_words.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/numfmt.h"
#include "scenario/scenario.h"

static const struct {
    const char *name, *words;
    int money;
} known[] = {
    {"total_gmv_total", "GMV (in-app and elsewhere, all merchants)", 1},
    {"total_gmv", "in-app GMV (all merchants)", 1},
    {"total_gmv_offsite", "GMV paid elsewhere (all merchants)", 1},
    {"total_spend", "marketing spend (all merchants)", 1},
    {"total_orders", "orders (all merchants)", 0},
    {"brand_gmv", "the brand's GMV (in-app and elsewhere)", 1},
    {"brand_profit", "the brand's profit (margin on its GMV less its spend)", 1},
    {"brand_roi", "the brand's ROI ((margin x GMV - spend) / spend)", 0},
    {"brand_roas", "the brand's ROAS (GMV / spend)", 0},
    {"brand_spend", "the brand's spend", 1},
    {"brand_buyers", "the brand's buyers", 0},
    {"brand_orders", "the brand's orders", 0},
    {"final_buyers", "buyers by the last day", 0},
    {"final_dau", "daily active users on the last day", 0},
    {"final_mean_trust", "mean trust on the last day", 0},
};

const char *cs_measure_words(const char *m, int *money)
{
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (!strcmp(known[i].name, m)) {
            *money = known[i].money;
            return known[i].words;
        }
    *money = !strncmp(m, "total_gmv", 9) || !strncmp(m, "brand_gmv", 9) ||
             !strncmp(m, "brand_spend", 11) || !strncmp(m, "brand_profit", 12) ||
             !strcmp(m, "other_gmv") || !strcmp(m, "other_spend") ||
             !strncmp(m, "gmv_tier", 8) || !strncmp(m, "final_gmv", 9) ||
             !strcmp(m, "final_spend") || !strcmp(m, "final_brand_gmv") ||
             !strcmp(m, "final_brand_spend");
    return m;
}

int cs_measure_known(const char *name, char *const *names, size_t n, const char *model,
                     cs_diag *d)
{
    size_t best = 3;
    char near[128] = "";
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(names[i], name))
            return 0;
        size_t e = cs_edit_distance(name, names[i]);
        if (e < best) {
            best = e;
            snprintf(near, sizeof near, "; did you mean '%s'?", names[i]);
        }
    }
    cs_diag_error(d, "--metric %s: no such measure of a %s run%s (the names are the fields of "
                     "runs.csv and compare.csv: total_gmv_total, brand_gmv, brand_roi, "
                     "final_dau, ...; docs/EXPERIMENTS.md)",
                  name, model, near);
    return -1;
}

const char *cs_measure_unit(const char *m)
{
    int money = 0;
    cs_measure_words(m, &money);
    if (money)
        return "yuan";
    if (!strncmp(m, "brand_roi", 9) || !strncmp(m, "brand_roas", 10))
        return "ratio";
    return !strncmp(m, "final_", 6) ? m + 6 : m;
}

void cs_measure_number(char *buf, size_t n, double v, int money)
{
    if (money && fabs(v) < 9e15) {
        cs_format_yuan(buf, n, (int64_t)llround(v * 100.0), ' ');
        char *dot = strrchr(buf, '.'); /* whole yuan in a sentence */
        if (dot)
            *dot = '\0';
        strncat(buf, " yuan", n - strlen(buf) - 1);
    } else
        snprintf(buf, n, "%.3g", v);
}
