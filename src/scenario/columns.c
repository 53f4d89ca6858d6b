/* SPDX-License-Identifier: MIT */
/* columns.c - the table of timeseries.csv's columns (columns.h). */
#include "scenario/columns.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/numfmt.h"
#include "scenario/scenario.h"

const char *const cs_channel_names[CS_CH_COUNT] = {"feed", "kol", "koc", "group",
                                                   "circle", "livestream", "dm"};

#define AT(field) ((uint16_t)offsetof(cs_day_row, field))
#define ALL(name, kind, field) {name, kind, CS_M_ALL, AT(field), 0}
#define PF(name, kind, field) {name, kind, CS_M_PLATFORM, AT(field), 0}
/* the same for flows: counted afresh each day */
#define ALLF(name, kind, field) {name, kind, CS_M_ALL, AT(field), 1}
#define PFF(name, kind, field) {name, kind, CS_M_PLATFORM, AT(field), 1}

static const cs_column table[] = {
    ALL("day", CS_COL_COUNT, day),
    ALL("users", CS_COL_COUNT, users),
    ALL("dau", CS_COL_COUNT, dau),
    ALL("seeded", CS_COL_COUNT, seeded),
    ALL("engaged", CS_COL_COUNT, engaged),
    ALL("buyers", CS_COL_COUNT, buyers),
    ALLF("orders", CS_COL_COUNT, orders),
    ALLF("gmv", CS_COL_MONEY, gmv_fen),
    ALLF("gmv_offsite", CS_COL_MONEY, gmv_offsite_fen),
    PFF("new_users", CS_COL_COUNT, new_users),
    PFF("churned", CS_COL_COUNT, churned),
    PF("minutes_per_dau", CS_COL_REAL3, minutes_per_dau),
    PF("group_members", CS_COL_COUNT, group_members),
    PF("circle_members", CS_COL_COUNT, circle_members),
    PF("groups", CS_COL_COUNT, groups),
    PF("circles", CS_COL_COUNT, circles),
    PF("circles_closed", CS_COL_COUNT, circles_closed),
    PFF("notes", CS_COL_COUNT, notes),
    PF("spam_share", CS_COL_REAL6, spam_share),
    PFF("repurchases", CS_COL_COUNT, repurchases),
    PFF("gmv_feed", CS_COL_MONEY, gmv_channel_fen[CS_CH_FEED]),
    PFF("gmv_kol", CS_COL_MONEY, gmv_channel_fen[CS_CH_KOL]),
    PFF("gmv_koc", CS_COL_MONEY, gmv_channel_fen[CS_CH_KOC]),
    PFF("gmv_group", CS_COL_MONEY, gmv_channel_fen[CS_CH_GROUP]),
    PFF("gmv_circle", CS_COL_MONEY, gmv_channel_fen[CS_CH_CIRCLE]),
    PFF("gmv_livestream", CS_COL_MONEY, gmv_channel_fen[CS_CH_LIVESTREAM]),
    PFF("gmv_dm", CS_COL_MONEY, gmv_channel_fen[CS_CH_DM]),
    PFF("spend", CS_COL_MONEY, spend_fen),
    PF("mean_trust", CS_COL_REAL6, mean_trust),
    PF("mau", CS_COL_COUNT, mau),
    PFF("brand_gmv", CS_COL_MONEY, brand_gmv_fen),
    PFF("brand_spend", CS_COL_MONEY, brand_spend_fen),
    PFF("brand_gmv_feed", CS_COL_MONEY, brand_gmv_channel_fen[CS_CH_FEED]),
    PFF("brand_gmv_kol", CS_COL_MONEY, brand_gmv_channel_fen[CS_CH_KOL]),
    PFF("brand_gmv_koc", CS_COL_MONEY, brand_gmv_channel_fen[CS_CH_KOC]),
    PFF("brand_gmv_group", CS_COL_MONEY, brand_gmv_channel_fen[CS_CH_GROUP]),
    PFF("brand_gmv_circle", CS_COL_MONEY, brand_gmv_channel_fen[CS_CH_CIRCLE]),
    PFF("brand_gmv_livestream", CS_COL_MONEY, brand_gmv_channel_fen[CS_CH_LIVESTREAM]),
    PFF("brand_gmv_dm", CS_COL_MONEY, brand_gmv_channel_fen[CS_CH_DM]),
    PFF("brand_spend_feed", CS_COL_MONEY, brand_spend_channel_fen[CS_CH_FEED]),
    PFF("brand_spend_kol", CS_COL_MONEY, brand_spend_channel_fen[CS_CH_KOL]),
    PFF("brand_spend_koc", CS_COL_MONEY, brand_spend_channel_fen[CS_CH_KOC]),
    PFF("brand_spend_group", CS_COL_MONEY, brand_spend_channel_fen[CS_CH_GROUP]),
    PFF("brand_spend_circle", CS_COL_MONEY, brand_spend_channel_fen[CS_CH_CIRCLE]),
    PFF("brand_spend_livestream", CS_COL_MONEY, brand_spend_channel_fen[CS_CH_LIVESTREAM]),
    PFF("brand_spend_dm", CS_COL_MONEY, brand_spend_channel_fen[CS_CH_DM]),
    PF("opens_ratio_group", CS_COL_REAL3, opens_ratio_group),
};
#define N_COLUMNS (sizeof table / sizeof table[0])

static int writes(const cs_column *c, int model)
{
    return model >= 0 && model < CS_MODEL_COUNT && (c->models & (1u << model));
}

size_t cs_column_count(int model)
{
    size_t n = 0;
    for (size_t i = 0; i < N_COLUMNS; i++)
        n += writes(&table[i], model);
    return n;
}

const cs_column *cs_column_at(int model, size_t i)
{
    for (size_t k = 0; k < N_COLUMNS; k++)
        if (writes(&table[k], model) && i-- == 0)
            return &table[k];
    return NULL;
}

int cs_timeseries_column(int model, const char *name)
{
    int i = 0;
    for (size_t k = 0; k < N_COLUMNS; k++)
        if (writes(&table[k], model)) {
            if (!strcmp(table[k].name, name))
                return i;
            i++;
        }
    return -1;
}

void cs_output_row_header_text(char *out, size_t cap, int model)
{
    size_t o = 0;
    if (cap)
        out[0] = '\0';
    for (size_t i = 0; i < cs_column_count(model) && o < cap; i++) {
        int n = snprintf(out + o, cap - o, "%s%s", i ? "," : "", cs_column_at(model, i)->name);
        o += n > 0 ? (size_t)n : 0;
    }
}

static int64_t count_of(const cs_column *c, const cs_day_row *w)
{
    int64_t v;
    memcpy(&v, (const char *)w + c->offset, sizeof v);
    return v;
}

static double real_of(const cs_column *c, const cs_day_row *w)
{
    double v;
    memcpy(&v, (const char *)w + c->offset, sizeof v);
    return v;
}

double cs_column_value(const cs_column *c, const cs_day_row *w)
{
    switch (c->kind) {
    case CS_COL_COUNT: return (double)count_of(c, w);
    case CS_COL_MONEY: return (double)count_of(c, w) / 100.0;
    default: return real_of(c, w);
    }
}

void cs_column_text(const cs_column *c, const cs_day_row *w, char *out, size_t cap)
{
    switch (c->kind) {
    case CS_COL_COUNT: snprintf(out, cap, "%lld", (long long)count_of(c, w)); break;
    case CS_COL_MONEY: cs_format_yuan(out, cap, count_of(c, w), 0); break;
    /* An undefined ratio is an empty field: pandas and R read it as NA. */
    case CS_COL_REAL3:
    default:
        if (!isfinite(real_of(c, w))) {
            if (cap)
                out[0] = '\0';
        } else {
            snprintf(out, cap, c->kind == CS_COL_REAL3 ? "%.3f" : "%.6f", real_of(c, w));
        }
        break;
    }
}

double cs_column_read(const cs_column *c, const cs_day_row *w)
{
    char text[48];
    cs_column_text(c, w, text, sizeof text);
    return text[0] ? strtod(text, NULL) : NAN;
}
