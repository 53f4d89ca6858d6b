/* SPDX-License-Identifier: MIT */
/* json_out.c - JSON pieces (json_out.h). */
#include "base/json_out.h"

#include <math.h>

#include "base/numfmt.h"

void cs_print_string(FILE *out, const char *s, size_t len)
{
    fputc('"', out);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\t': fputs("\\t", out); break;
        case '\r': fputs("\\r", out); break;
        default:
            if (c < 0x20 || c == 0x7f)
                fprintf(out, "\\u%04x", c);
            else
                fputc(c, out);
        }
    }
    fputc('"', out);
}

void cs_json_number(FILE *out, double x)
{
    if (isfinite(x))
        fprintf(out, "%.6g", x);
    else
        fputs("null", out);
}

void cs_json_money(FILE *out, int64_t fen)
{
    char buf[48];
    cs_format_yuan(buf, sizeof buf, fen, 0);
    fputs(buf, out);
}

void cs_json_spend_gmv(FILE *out, int64_t spend, int64_t gmv, double margin)
{
    fputs("{\"spend\": ", out);
    cs_json_money(out, spend);
    fputs(", \"gmv\": ", out);
    cs_json_money(out, gmv);
    const double profit = margin * (double)gmv - (double)spend; /* fen */
    fputs(", \"profit\": ", out);
    cs_json_money(out, (int64_t)llround(profit));
    fputs(", \"roi\": ", out);
    cs_json_number(out, spend > 0 ? profit / (double)spend : NAN);
    fputs(", \"roas\": ", out);
    cs_json_number(out, spend > 0 ? (double)gmv / (double)spend : NAN);
    fputc('}', out);
}
