/* SPDX-License-Identifier: MIT */
/* report.c - compare's report.html (report.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "cli/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/compare.h"
#include "base/fileio.h"
#include "base/numfmt.h"
#include "cli/measure_words.h"
#include "cli/options.h"

#ifndef CIRCLESIM_VERSION
#define CIRCLESIM_VERSION "0"
#endif

/* Text as HTML: the five characters that mean something there escaped. */
void cs_html_text(FILE *o, const char *s)
{
    for (; s && *s; s++)
        switch (*s) {
        case '&': fputs("&amp;", o); break;
        case '<': fputs("&lt;", o); break;
        case '>': fputs("&gt;", o); break;
        case '"': fputs("&quot;", o); break;
        case '\'': fputs("&#39;", o); break;
        default: fputc(*s, o);
        }
}

static void base64(FILE *o, const unsigned char *p, size_t n)
{
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
                     (i + 2 < n ? p[i + 2] : 0);
        fputc(abc[v >> 18 & 63], o);
        fputc(abc[v >> 12 & 63], o);
        fputc(i + 1 < n ? abc[v >> 6 & 63] : '=', o);
        fputc(i + 2 < n ? abc[v & 63] : '=', o);
    }
}


/* A number in a cell: yuan whole with spaced thousands, ratios to three
 * digits, counts whole; "–" for none. */
void cs_html_number(char *buf, size_t cap, double v, int money)
{
    if (!isfinite(v))
        snprintf(buf, cap, "&ndash;");
    else if (money && fabs(v) < 9e15) {
        cs_format_yuan(buf, cap, (int64_t)llround(v * 100), ' ');
        char *dot = strrchr(buf, '.');
        if (dot)
            *dot = '\0';
    } else if ((fabs(v - round(v)) < 1e-9 || fabs(v) >= 1000) && fabs(v) < 1e15)
        cs_format_count(buf, cap, (int64_t)llround(v), ' ');
    else
        snprintf(buf, cap, "%.3g", v);
}

void cs_html_cell(FILE *o, double v, int money)
{
    char buf[64];
    cs_html_number(buf, sizeof buf, v, money);
    fprintf(o, "<td class=\"n\">%s</td>", buf);
}

/* A row: A's and B's means, B - A and its 95% interval. */
static void row(FILE *o, const cs_comparison *c, const char *name, const char *words)
{
    size_t m = cs_comparison_find(c, name);
    if (m == SIZE_MAX)
        return;
    cs_compared st;
    cs_comparison_metric(c, m, &st);
    int money = 0;
    cs_measure_words(name, &money);
    fputs("<tr><th>", o);
    cs_html_text(o, words);
    fputs("</th>", o);
    cs_html_cell(o, st.a_mean, money);
    cs_html_cell(o, st.b_mean, money);
    cs_html_cell(o, st.diff_mean, money);
    fputs("<td class=\"n\">", o);
    if (isfinite(st.diff_lo) && isfinite(st.diff_hi)) {
        char lo[64], hi[64];
        cs_html_number(lo, sizeof lo, st.diff_lo, money);
        cs_html_number(hi, sizeof hi, st.diff_hi, money);
        fprintf(o, "%s to %s", lo, hi);
        if (st.diff_lo > 0 || st.diff_hi < 0)
            fputs(" <span class=\"sig\">&#10003;</span>", o);
    } else
        fputs("&ndash;", o);
    fputs("</td></tr>\n", o);
}

static void table_head(FILE *o, const char *first, const char *const label[2])
{
    fputs("<table><thead><tr><th>", o);
    cs_html_text(o, first);
    fputs("</th><th>", o);
    cs_html_text(o, label[0]);
    fputs("</th><th>", o);
    cs_html_text(o, label[1]);
    fputs("</th><th>B &minus; A</th><th>95% interval of B &minus; A</th></tr></thead><tbody>\n",
          o);
}

static const char *const style =
    "body{font:15px/1.45 'DejaVu Sans',Arial,sans-serif;color:#1d1d1d;max-width:60em;"
    "margin:1.5em auto;padding:0 1em}"
    "h1{font-size:1.45em;margin:.2em 0}h2{font-size:1.12em;margin:1.3em 0 .4em;"
    "border-bottom:1px solid #ccc}"
    ".q{color:#333}.verdict{background:#eef5fb;border-left:4px solid #0072b2;padding:.5em .8em;"
    "white-space:pre-wrap;font-family:'DejaVu Sans Mono',monospace;font-size:.86em}"
    ".warn{background:#fdf1e6;border-left:4px solid #d55e00;padding:.5em .8em}"
    "table{border-collapse:collapse;width:100%;font-size:.9em}"
    "th,td{padding:.22em .5em;border-bottom:1px solid #e3e3e3;text-align:left}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}thead th{background:#f4f4f4}"
    ".sig{color:#009e73;font-weight:bold}img{max-width:100%;border:1px solid #ddd}"
    "footer{margin-top:2em;color:#666;font-size:.8em}"
    /* Two printed pages, a robustness section included (measured on the
     * KOC-against-KOL report: 11px and 48vh pictures took three). */
    "@media print{body{margin:0;max-width:none;font-size:10px;line-height:1.3}"
    "h2{break-after:avoid;margin:.8em 0 .3em}img{max-height:34vh}.verdict{font-size:.8em}"
    "table,img{break-inside:avoid}}";

void cs_html_begin(FILE *o, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>", o);
    cs_html_text(o, title);
    fprintf(o, "</title>\n<style>%s</style></head><body>\n", style);
}

FILE *cs_html_open(char **text, size_t *len, const char *title, cs_diag *d)
{
    *text = NULL;
    *len = 0;
    FILE *o = open_memstream(text, len);
    if (!o) {
        cs_diag_error(d, "out of memory writing report.html");
        return NULL;
    }
    cs_html_begin(o, title);
    return o;
}

void cs_html_image(FILE *o, const char *name, const char *alt)
{
    char *png = NULL;
    size_t n = 0;
    const char *why = NULL;
    if (cs_read_file_at(cs_held_folder()->fd, name, 1, 64u << 20, &png, &n, &why) == 0) {
        fputs("<img alt=\"", o);
        cs_html_text(o, alt);
        fputs("\" src=\"data:image/png;base64,", o);
        base64(o, (const unsigned char *)png, n);
        fputs("\">\n", o);
    }
    free(png);
}

int cs_html_finish(FILE *o, char **text, const char *command, cs_diag *d)
{
    fputs("<footer>circlesim " CIRCLESIM_VERSION " &middot; ", o);
    cs_html_text(o, command);
    fputs("</footer>\n</body></html>\n", o);
    if (fclose(o) != 0 || !*text) {
        free(*text);
        *text = NULL;
        cs_diag_error(d, "out of memory writing report.html");
        return EXIT_RUNTIME;
    }
    int rc = cs_folder_write_text("report.html", *text, d);
    free(*text);
    *text = NULL;
    return rc ? EXIT_RUNTIME : 0;
}

int cs_write_compare_report(const cs_compare_report *r, cs_diag *d)
{
    const cs_comparison *c = r->cmp;
    const size_t pairs = cs_comparison_pairs(c);
    char title[512], *text;
    size_t text_len;
    snprintf(title, sizeof title, "%s against %s", r->label[0], r->label[1]);
    FILE *o = cs_html_open(&text, &text_len, title, d);
    if (!o)
        return EXIT_RUNTIME;
    fputs("<h1>", o);
    cs_html_text(o, r->label[0]);
    fputs(" <span class=\"q\">against</span> ", o);
    cs_html_text(o, r->label[1]);
    fputs("</h1>\n<p class=\"q\"><b>What differs:</b> ", o);
    cs_html_text(o, r->question ? r->question : "no key: the two scenarios are the same");
    fprintf(o, ". Both run on the same %zu seeds (paired), every other key alike.</p>\n",
            r->replicates);

    fputs("<h2>Verdict</h2>\n", o);
    if (r->identical) {
        fputs("<p class=\"warn\">A and B gave identical runs on every seed: the keys that "
              "differ had no effect in these scenarios. There is nothing to decide between "
              "them here.</p>\n",
              o);
    } else {
        fputs("<p>", o);
        cs_html_text(o, r->heading);
        fputs(":</p>\n<div class=\"verdict\">", o);
        cs_html_text(o, r->verdicts);
        fputs("</div>\n", o);
    }
    if (r->robust && !r->identical) {
        fputs("<h2>Does it survive what the model assumes?</h2>\n<div class=\"verdict\">", o);
        cs_html_text(o, r->robust);
        fputs("</div>\n", o);
        if (r->robust_picture) {
            fputs("<p class=\"q\">Each dot a plausible world: B &minus; A (on the measure whose "
                  "verdict flips in some world and hinges on an assumption, if any: its title "
                  "says which) with its "
                  "95% interval, against the assumptions it hinges on most; blue where "
                  "the verdict holds, orange where it flips; the dashed line the threshold "
                  "that best splits them.</p>\n",
                  o);
            cs_html_image(o, r->robust_picture, "B minus A in each plausible world");
        }
    } else if (!r->identical) {
        fputs("<p class=\"q\">Robustness to what the model assumes: not assessed (run with "
              "--robust N). The sizes depend on assumed parameters (docs/MODEL.md marks them "
              "[A]); a verdict is a statement about the model, on these seeds.</p>\n",
              o);
    }

    if (cs_comparison_find(c, "brand_gmv") != SIZE_MAX) {
        fputs("<h2>The brand</h2>\n", o);
        table_head(o, "over the run", r->label);
        /* A part of the row above is indented and has no interval. */
        static const struct {
            const char *name, *words;
            int part;
        } rows[] = {
            {"brand_gmv", "GMV, in-app and elsewhere (yuan)", 0},
            {"brand_gmv_onsite", "of it in-app", 1},
            {"brand_gmv_offsite", "of it elsewhere", 1},
            {"brand_spend", "spend (yuan)", 0},
            {"brand_profit", "profit: margin on GMV less spend (yuan)", 0},
            {"brand_roi", "ROI: profit / spend (0 = break-even)", 0},
            {"brand_roas", "ROAS: GMV / spend", 0},
            {"brand_orders", "orders", 0},
            {"brand_buyers", "buyers", 0},
            {"brand_repeat_buyers", "buyers who bought again", 0},
        };
        for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
            const size_t m = cs_comparison_find(c, rows[i].name);
            if (m == SIZE_MAX)
                continue;
            if (!rows[i].part) {
                row(o, c, rows[i].name, rows[i].words);
                continue;
            }
            cs_compared st;
            cs_comparison_metric(c, m, &st);
            fprintf(o, "<tr><th>&nbsp;&nbsp;%s</th>", rows[i].words);
            cs_html_cell(o, st.a_mean, 1);
            cs_html_cell(o, st.b_mean, 1);
            cs_html_cell(o, st.diff_mean, 1);
            fputs("<td></td></tr>\n", o);
        }
        fputs("</tbody></table>\n", o);

        fputs("<h2>Spend and return by channel</h2>\n<table><thead><tr><th>channel</th>"
              "<th>A spend</th><th>A GMV</th><th>A ROAS</th><th>B spend</th><th>B GMV</th>"
              "<th>B ROAS</th></tr></thead><tbody>\n",
              o);
        static const char *const ch[] = {"feed", "kol", "koc", "group", "circle", "livestream",
                                         "dm"};
        for (size_t k = 0; k < sizeof ch / sizeof ch[0]; k++) {
            char s[64], g[64], x[64];
            snprintf(s, sizeof s, "brand_spend_%s", ch[k]);
            snprintf(g, sizeof g, "brand_gmv_%s", ch[k]);
            snprintf(x, sizeof x, "brand_roas_%s", ch[k]);
            size_t ms = cs_comparison_find(c, s), mg = cs_comparison_find(c, g), mx = cs_comparison_find(c, x);
            if (ms == SIZE_MAX || mg == SIZE_MAX || mx == SIZE_MAX)
                continue;
            cs_compared vs, vg, vx;
            cs_comparison_metric(c, ms, &vs);
            cs_comparison_metric(c, mg, &vg);
            cs_comparison_metric(c, mx, &vx);
            if (vs.a_mean == 0 && vs.b_mean == 0 && vg.a_mean == 0 && vg.b_mean == 0)
                continue;
            fprintf(o, "<tr><th>%s</th>", ch[k]);
            cs_html_cell(o, vs.a_mean, 1);
            cs_html_cell(o, vg.a_mean, 1);
            cs_html_cell(o, vx.a_mean, 0);
            cs_html_cell(o, vs.b_mean, 1);
            cs_html_cell(o, vg.b_mean, 1);
            cs_html_cell(o, vx.b_mean, 0);
            fputs("</tr>\n", o);
        }
        fputs("</tbody></table>\n<p class=\"q\">GMV is counted for the channel of the last "
              "touch before each purchase; a ROAS below 1 / margin (2.9 at the default margin "
              "of 0.35) does not pay back.</p>\n",
              o);
    }

    fputs("<h2>The platform</h2>\n", o);
    table_head(o, "over the run", r->label);
    row(o, c, "total_gmv_total", "GMV of every merchant, both places (yuan)");
    row(o, c, "total_spend", "marketing spend of every merchant (yuan)");
    row(o, c, "final_dau", "daily active users, last day");
    row(o, c, "final_mean_trust", "mean trust, last day");
    fputs("</tbody></table>\n", o);

    if (r->picture) {
        fputs("<h2>Day by day</h2>\n<p class=\"q\">On the left B &minus; A on the paired "
              "seeds with its 95% band (the verdict reads this one); on the right each arm's "
              "mean with its band.</p>\n",
              o);
        cs_html_image(o, r->picture, "B minus A day by day, and both arms");
    }

    fputs("<h2>Caveats</h2>\n<ul>\n", o);
    if (pairs < r->replicates)
        fprintf(o, "<li>Only %zu of %zu paired runs finished; the figures are over those.</li>\n",
                pairs, r->replicates);
    fprintf(o, "<li>%zu paired runs: an interval that holds 0 says the difference cannot be "
               "told from noise with this many, not that there is none.</li>\n",
            pairs);
    if (r->hinges && *r->hinges) {
        fputs("<li class=\"warn\">The verdicts hinge on assumed values: ", o);
        cs_html_text(o, r->hinges);
        fputs(". Say what they are in the scenarios (a key a scenario sets is held), or read the "
              "answer as depending on them.</li>\n",
              o);
    } else if (r->robust) {
        fputs("<li>No single assumption was found to move the verdicts across the plausible "
              "worlds tried (more worlds can find smaller effects).</li>\n", o);
    }
    fputs("<li>Where the model departs from its sources (members' repurchase ratio, GMV per "
          "user, the group chats' DAU effect): docs/MODEL.md 3.6 and 3.7.</li>\n</ul>\n",
          o);
    return cs_html_finish(o, &text, r->command, d);
}
