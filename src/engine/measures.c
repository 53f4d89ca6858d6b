/* SPDX-License-Identifier: MIT */
/* measures.c - the measuring half of targets: what a run shows at each
 * target (a point on a timeseries column, or a stylized fact). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/output.h"
#include "scenario/targets.h"
#include "engine/run_struct.h"

/* Column `column` of a day's row as timeseries.csv writes it (rounded as
 * there), so a target is met by what the file shows. */
static double row_field(const cs_day_row *row, int model, int column)
{
    const cs_column *c = cs_column_at(model, (size_t)column);
    if (!c)
        return NAN;
    return cs_column_read(c, row);
}

void cs_targets_measure(const cs_run *r, const cs_target *t, size_t n, double *out)
{
    cs_facts f;
    int have_facts = cs_run_facts(r, &f) == 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i].fact >= 0) {
            const double fact[4] = {f.repurchase_ratio_group, f.opens_ratio_group,
                                    f.merchant_store_share, f.minutes_per_dau};
            out[i] = have_facts ? fact[t[i].fact] : NAN;
        } else {
            out[i] = t[i].day >= 1 && t[i].day <= r->day
                         ? row_field(&r->rows[t[i].day - 1], r->base->model, t[i].column)
                         : NAN;
        }
    }
}

