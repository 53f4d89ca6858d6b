/* SPDX-License-Identifier: MIT */
/* columns.h - the columns of timeseries.csv: one table of names, kinds and
 * the models that write them, read by every writer and reader of a day's
 * row (the CSV, summary.json's "final", targets, sweeps, the library).
 *
 * A column is named here once. The engine fills a cs_day_row; everything
 * else reads it through this table, so a new column is one field and one
 * row below.
 */
#ifndef CS_SCENARIO_COLUMNS_H
#define CS_SCENARIO_COLUMNS_H

#include <stddef.h>
#include <stdint.h>

/* Sales channels, in the order files list them; a purchase is attributed
 * to the channel of the last touch before it. */
enum cs_channel {
    CS_CH_FEED, CS_CH_KOL, CS_CH_KOC, CS_CH_GROUP, CS_CH_CIRCLE, CS_CH_LIVESTREAM, CS_CH_DM,
    CS_CH_COUNT
};
extern const char *const cs_channel_names[CS_CH_COUNT];

/* One row of timeseries.csv: the columns every model writes, then the
 * platform model's. */
typedef struct cs_day_row {
    int64_t day;
    int64_t users;
    int64_t dau;
    int64_t seeded;
    int64_t engaged;
    int64_t buyers;
    int64_t orders;
    int64_t gmv_fen;
    int64_t gmv_offsite_fen;
    /* model: platform only */
    int64_t new_users, churned;
    double minutes_per_dau;
    int64_t group_members, circle_members, groups, circles, circles_closed, notes;
    double spam_share;
    int64_t repurchases;
    int64_t gmv_channel_fen[CS_CH_COUNT]; /* on-platform and elsewhere */
    int64_t spend_fen;
    double mean_trust;
    int64_t mau;          /* registered users who opened the app in the last 30 days */
    int64_t brand_gmv_fen;   /* the brand's (merchant 0's) GMV of the day, both places */
    int64_t brand_spend_fen; /* the brand's spend of the day (in spend too) */
    /* the brand's day by channel: they sum to brand_gmv and brand_spend */
    int64_t brand_gmv_channel_fen[CS_CH_COUNT];
    int64_t brand_spend_channel_fen[CS_CH_COUNT];
    /* app opens per group member that day over opens per other active
     * user (NaN: no members or no others that day) */
    double opens_ratio_group;
} cs_day_row;

/* How a column's value is kept and written. */
enum cs_column_kind {
    CS_COL_COUNT,  /* int64_t, written as an integer */
    CS_COL_MONEY,  /* int64_t fen, written as yuan with two decimals */
    CS_COL_REAL3,  /* double, three decimals */
    CS_COL_REAL6,  /* double, six decimals */
};

typedef struct cs_column {
    const char *name;
    uint8_t kind;      /* enum cs_column_kind */
    uint8_t models;    /* CS_M_* mask of the models that write it */
    uint16_t offset;   /* of its field in cs_day_row */
    uint8_t flow;      /* counted afresh each day (orders, money, arrivals), so
                        * its sum over days means something; else a level */
} cs_column;

/* The columns model writes, in file order: how many, and the i-th. */
size_t cs_column_count(int model);
const cs_column *cs_column_at(int model, size_t i);
/* Index of column `name` among model's, or -1. */
int cs_timeseries_column(int model, const char *name);
/* The header line of model's timeseries.csv, without its line end. */
void cs_output_row_header_text(char *out, size_t cap, int model);

/* A column's value in row w: as a number (money in yuan), as the text the
 * files hold (into out, at least 32 bytes; empty for an undefined ratio),
 * and as a reader of the file gets it back (rounding included; NaN for
 * empty). */
double cs_column_value(const cs_column *c, const cs_day_row *w);
void cs_column_text(const cs_column *c, const cs_day_row *w, char *out, size_t cap);
double cs_column_read(const cs_column *c, const cs_day_row *w);

#endif
