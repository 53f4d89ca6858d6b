/* SPDX-License-Identifier: MIT */
/* json_out.h - the pieces of JSON (and YAML flow) circlesim writes: quoted
 * strings valid in both, numbers with null for what cannot be computed, and
 * money. */
#ifndef CS_BASE_JSON_OUT_H
#define CS_BASE_JSON_OUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* s[0..len) as a double-quoted string valid in both YAML and JSON. */
void cs_print_string(FILE *out, const char *s, size_t len);
/* x with six significant digits, or null when it is not finite (a ratio
 * that cannot be computed). */
void cs_json_number(FILE *out, double x);
/* fen as yuan with two decimals. */
void cs_json_money(FILE *out, int64_t fen);
/* {"spend": S, "gmv": G, "profit": mG - S, "roi": (mG - S)/S, "roas": G/S}
 * for a gross margin m on sales: ROI 0 is break-even. ROI and ROAS null
 * without spend. */
void cs_json_spend_gmv(FILE *out, int64_t spend_fen, int64_t gmv_fen, double margin);

#endif
